//! Business days: Saturday and Sunday do not count. Public holidays vary by
//! province and country, so they are left to the user's judgement.

use crate::i18n::{fill, lang, t, Lang};
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Timelike, Weekday};

/// `date` minus `days`, stopping at the start of the calendar.
pub fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

/// The years a date picker may give. Wide enough for any real meeting or
/// reminder, and far enough from chrono's limits that no date arithmetic on
/// a picked date can overflow.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;
/// The same bounds for an `<input type="date">`'s `min` and `max`.
pub const DATE_INPUT_MIN: &str = "2000-01-01";
pub const DATE_INPUT_MAX: &str = "2100-12-31";
/// And for an `<input type="datetime-local">`.
pub const DATE_TIME_INPUT_MIN: &str = "2000-01-01T00:00";
pub const DATE_TIME_INPUT_MAX: &str = "2100-12-31T23:59";

pub fn in_accepted_years(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// The day after `date`; the same day at the very end of the calendar,
/// where an unchecked `+ 1 day` would panic.
pub fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}

/// `date` plus `days`, stopping at the end of the calendar instead of
/// panicking.
pub fn days_after(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

pub fn is_business_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Business days after `from` up to and including `to` (none when `to` is
/// not later). Counted by arithmetic, so a span of centuries costs nothing.
pub fn business_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    // Business days from Monday 1 January of year 1 through `date`.
    fn through(date: NaiveDate) -> i64 {
        let days = i64::from(date.num_days_from_ce()) - 1;
        days.div_euclid(7) * 5 + (days.rem_euclid(7) + 1).min(5)
    }
    u32::try_from((through(to) - through(from)).max(0)).unwrap_or(u32::MAX)
}

/// The date `count` business days after `from`. The first day counted is
/// the next business day, so a request sent on a Friday evening or over
/// the weekend counts Monday as day one.
pub fn add_business_days(from: NaiveDate, count: u32) -> NaiveDate {
    let mut date = from;
    let mut left = count;
    while left > 0 {
        date = next_day(date);
        if is_business_day(date) {
            left -= 1;
        }
    }
    date
}

/// The `at`th of a catalogue list of names separated by spaces.
fn nth_name(names: &'static str, at: usize) -> &'static str {
    names.split(' ').nth(at).unwrap_or_default()
}

fn day_of_month(date: NaiveDate) -> String {
    match date.day() {
        1 => t().date_first_day().to_string(),
        day => day.to_string(),
    }
}

/// A date in `format`, with the weekday and month from lists of names.
fn named_date(
    date: NaiveDate,
    format: &str,
    weekdays: &'static str,
    months: &'static str,
) -> String {
    fill(
        format,
        &[
            (
                "weekday",
                &nth_name(weekdays, date.weekday().num_days_from_monday() as usize),
            ),
            ("day", &day_of_month(date)),
            ("month", &nth_name(months, date.month0() as usize)),
            ("year", &date.year()),
        ],
    )
}

/// "Wed 2 Dec 2026". Written by hand: chrono's formatter costs far more
/// download than these few lines.
pub fn short_date(date: NaiveDate) -> String {
    let texts = t();
    named_date(
        date,
        texts.date_short(),
        texts.date_weekdays_short(),
        texts.date_months_short(),
    )
}

/// "Wednesday 2 December", Today's date line. By hand for a second reason:
/// the browser's date formatter loads its locale data on first use, about
/// 50 ms on a slow phone, and `public/first-paint.js` writes the same line
/// before the first paint.
pub fn long_date(date: NaiveDate) -> String {
    let texts = t();
    named_date(
        date,
        texts.date_long(),
        texts.date_weekdays_long(),
        texts.date_months_long(),
    )
}

/// The time of day in 24 hours, as each language writes it: "08:30" in
/// English, "8 h 30" in French.
pub fn clock(at: NaiveDateTime) -> String {
    match lang() {
        Lang::En => format!("{:02}:{:02}", at.hour(), at.minute()),
        Lang::Fr => format!("{} h {:02}", at.hour(), at.minute()),
    }
}

/// "Wed 2 Dec 2026, 08:30".
pub fn short_date_time(at: NaiveDateTime) -> String {
    fill(
        t().date_date_time(),
        &[("date", &short_date(at.date())), ("clock", &clock(at))],
    )
}

/// The value of an `<input type="datetime-local">`: "2026-12-02T08:30".
pub fn input_value(at: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// The value of an `<input type="date">`: "2026-12-02".
pub fn date_input_value(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// Reads a date and time from a picker, within [`FIRST_YEAR`] and
/// [`LAST_YEAR`]; the message says what is wrong.
pub fn parse_picked_time(value: &str) -> Result<NaiveDateTime, &'static str> {
    let at = parse_input_value(value).ok_or(t().date_enter_full())?;
    if in_accepted_years(at.date()) {
        Ok(at)
    } else {
        Err(t().date_pick_year())
    }
}

/// Reads a date from an `<input type="date">`, within the accepted years.
pub fn parse_picked_date(value: &str) -> Result<NaiveDate, &'static str> {
    parse_picked_time(&format!("{}T00:00", value.trim()))
        .map(|at| at.date())
        .map_err(|problem| {
            if problem == t().date_enter_full() {
                t().date_pick_whole()
            } else {
                problem
            }
        })
}

/// Reads what an `<input type="datetime-local">` gives (seconds optional).
pub fn parse_input_value(value: &str) -> Option<NaiveDateTime> {
    let (date, time) = value.trim().split_once('T')?;
    let mut date_parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) =
        (date_parts.next(), date_parts.next(), date_parts.next())
    else {
        return None;
    };
    let mut time_parts = time
        .split(':')
        .map(|p| p.split('.').next()?.parse::<u32>().ok());
    let (Some(Some(hour)), Some(Some(minute))) = (time_parts.next(), time_parts.next()) else {
        return None;
    };
    let second = time_parts.next().flatten().unwrap_or(0);
    NaiveDate::from_ymd_opt(year as i32, month, day)?.and_hms_opt(hour, minute, second)
}

/// How long until `then`, for a glance: "in 2 days", "in 3 h 20 min",
/// "in 5 min", "now", "started 10 min ago".
pub fn countdown(now: NaiveDateTime, then: NaiveDateTime) -> String {
    let minutes = (then - now).num_minutes();
    if minutes < 0 {
        let ago = -minutes;
        return if ago < 60 {
            fill(t().date_started_minutes_ago(), &[("m", &ago)])
        } else {
            fill(
                t().date_started_hours_ago(),
                &[("h", &(ago / 60)), ("m", &(ago % 60))],
            )
        };
    }
    let days = (then.date() - now.date()).num_days();
    match minutes {
        0 => t().date_now().into(),
        1..60 => fill(t().date_in_minutes(), &[("m", &minutes)]),
        60..1440 if days <= 1 => {
            let (h, m) = (minutes / 60, minutes % 60);
            if m == 0 {
                fill(t().date_in_hours(), &[("h", &h)])
            } else {
                fill(t().date_in_hours_minutes(), &[("h", &h), ("m", &m)])
            }
        }
        _ if days == 1 => t().date_tomorrow().into(),
        _ => fill(t().date_in_days(), &[("n", &days)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_date_names_the_weekday_and_month_in_full() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(long_date(date(2026, 11, 25)), "Wednesday 25 November");
        assert_eq!(long_date(date(2027, 1, 3)), "Sunday 3 January");
        assert_eq!(long_date(date(2028, 2, 29)), "Tuesday 29 February");
    }

    fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn picked_dates_stay_within_the_accepted_years() {
        assert_eq!(
            parse_picked_time("2026-12-02T08:30"),
            Ok(at(2026, 12, 2, 8, 30))
        );
        assert!(parse_picked_time("262142-01-01T10:00").is_err());
        assert!(parse_picked_time("1999-12-31T23:59").is_err());
        assert_eq!(
            parse_picked_time("2026-12-02"),
            Err("Enter a full date and time.")
        );
        assert_eq!(parse_picked_date("2026-12-02"), Ok(d(2026, 12, 2)));
        assert_eq!(
            parse_picked_date("262142-06-01"),
            Err("Pick a date between the years 2000 and 2100.")
        );
        assert_eq!(parse_picked_date(""), Err("Pick a whole date."));
        assert_eq!(next_day(NaiveDate::MAX), NaiveDate::MAX);
        assert_eq!(days_after(NaiveDate::MAX, 7), NaiveDate::MAX);
        assert_eq!(add_business_days(NaiveDate::MAX, 3), NaiveDate::MAX);
    }

    #[test]
    fn dates_read_plainly() {
        assert_eq!(short_date(d(2026, 12, 2)), "Wed 2 Dec 2026");
        assert_eq!(short_date(d(2028, 2, 29)), "Tue 29 Feb 2028");
        assert_eq!(
            short_date_time(at(2026, 12, 2, 8, 5)),
            "Wed 2 Dec 2026, 08:05"
        );
    }

    #[test]
    fn datetime_inputs_round_trip() {
        let t = at(2026, 12, 2, 8, 30);
        assert_eq!(input_value(t), "2026-12-02T08:30");
        assert_eq!(date_input_value(t.date()), "2026-12-02");
        assert_eq!(parse_input_value("2026-12-02T08:30"), Some(t));
        assert_eq!(parse_input_value("2026-12-02T08:30:00"), Some(t));
        assert_eq!(parse_input_value("2026-12-02T08:30:00.000"), Some(t));
        for bad in [
            "",
            "2026-12-02",
            "2026-13-02T08:30",
            "2026-02-30T08:30",
            "2026-12-02T25:00",
            "soon",
        ] {
            assert_eq!(parse_input_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn countdowns_fit_a_glance() {
        let now = at(2026, 11, 27, 20, 0);
        assert_eq!(countdown(now, now), "now");
        assert_eq!(countdown(now, at(2026, 11, 27, 20, 5)), "in 5 min");
        assert_eq!(countdown(now, at(2026, 11, 27, 23, 20)), "in 3 h 20 min");
        assert_eq!(countdown(now, at(2026, 11, 28, 1, 0)), "in 5 h");
        assert_eq!(countdown(now, at(2026, 11, 28, 21, 0)), "tomorrow");
        assert_eq!(countdown(now, at(2026, 12, 1, 8, 30)), "in 4 days");
        assert_eq!(
            countdown(now, at(2026, 11, 27, 19, 50)),
            "started 10 min ago"
        );
        assert_eq!(
            countdown(now, at(2026, 11, 27, 18, 30)),
            "started 1 h 30 min ago"
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn business_days_between_skip_weekends_and_never_go_negative() {
        let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let next_friday = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(business_days_between(friday, monday), 1);
        assert_eq!(business_days_between(friday, next_friday), 5);
        assert_eq!(business_days_between(monday, monday), 0);
        assert_eq!(business_days_between(next_friday, monday), 0);
        let saturday = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(business_days_between(saturday, sunday), 0);
        for start in 0..14 {
            let from = days_after(friday, start);
            for length in 0..30 {
                let to = days_after(from, length);
                let counted = (1..=length)
                    .filter(|d| is_business_day(days_after(from, *d)))
                    .count();
                assert_eq!(business_days_between(from, to) as usize, counted);
            }
        }
        assert!(business_days_between(NaiveDate::MIN, NaiveDate::MAX) > 1_000_000);
    }

    #[test]
    fn weekends_do_not_count() {
        let cases = [
            // (sent, +3, +7)
            (d(2026, 11, 23), d(2026, 11, 26), d(2026, 12, 2)), // Monday
            (d(2026, 11, 25), d(2026, 11, 30), d(2026, 12, 4)), // Wednesday
            (d(2026, 11, 27), d(2026, 12, 2), d(2026, 12, 8)),  // Friday
            (d(2026, 11, 28), d(2026, 12, 2), d(2026, 12, 8)),  // Saturday
            (d(2026, 11, 29), d(2026, 12, 2), d(2026, 12, 8)),  // Sunday
        ];
        for (sent, three, seven) in cases {
            assert_eq!(add_business_days(sent, 3), three, "{sent} + 3");
            assert_eq!(add_business_days(sent, 7), seven, "{sent} + 7");
        }
    }

    #[test]
    fn month_and_year_ends_and_a_leap_day() {
        assert_eq!(add_business_days(d(2026, 4, 30), 3), d(2026, 5, 5));
        assert_eq!(add_business_days(d(2026, 12, 30), 3), d(2027, 1, 4));
        assert_eq!(add_business_days(d(2026, 12, 31), 7), d(2027, 1, 11));
        // 2028 is a leap year: 29 February is a Tuesday and counts.
        assert_eq!(add_business_days(d(2028, 2, 25), 3), d(2028, 3, 1));
        assert_eq!(add_business_days(d(2028, 2, 28), 1), d(2028, 2, 29));
        assert_eq!(add_business_days(d(2028, 2, 28), 7), d(2028, 3, 8));
        // 2027 is not: the day after 28 February is 1 March.
        assert_eq!(add_business_days(d(2027, 2, 26), 1), d(2027, 3, 1));
    }

    #[test]
    fn zero_days_is_the_same_day() {
        assert_eq!(add_business_days(d(2026, 11, 28), 0), d(2026, 11, 28));
    }
}
