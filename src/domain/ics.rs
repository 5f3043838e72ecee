//! Calendar files (RFC 5545), so the phone's own calendar reminds the user
//! with no server. Timed events are written in UTC, converted from the
//! user's local time by the caller, which makes them exact in any calendar
//! and any time zone; follow-ups are all-day dates, which stay on their day
//! wherever the phone is.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};

use super::calendar::next_day;
use super::chat::Chat;
use super::followup::FollowUp;
use crate::i18n::{fill, t};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IcsWhen {
    Timed {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    AllDay(NaiveDate),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcsEvent {
    /// Stable across exports, so importing again updates the event instead
    /// of adding a second one.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub when: IcsWhen,
}

/// A booked chat as a calendar event. `start` is its time already turned
/// into UTC by the caller (the phone's time zone lives outside the domain);
/// `None` when the end would fall outside the calendar.
pub fn chat_event(chat: &Chat, name: &str, start: DateTime<Utc>) -> Option<IcsEvent> {
    let end = start.checked_add_signed(TimeDelta::minutes(i64::from(chat.length_minutes)))?;
    Some(IcsEvent {
        uid: format!("chat-{}@coffee-chat.local", chat.id),
        summary: fill(t().ics_chat_summary(), &[("name", &name)]),
        description: if chat.goal.trim().is_empty() {
            fill(t().ics_chat_description(), &[("n", &chat.length_minutes)])
        } else {
            fill(t().ics_chat_goal(), &[("goal", &chat.goal.trim())])
        },
        location: chat.place.clone(),
        when: IcsWhen::Timed { start, end },
    })
}

/// An open follow-up as an all-day event on the day it is due.
pub fn followup_event(item: &FollowUp, name: &str) -> IcsEvent {
    IcsEvent {
        uid: format!("followup-{}@coffee-chat.local", item.id),
        summary: fill(
            t().ics_followup_summary(),
            &[("what", &item.what()), ("name", &name)],
        ),
        description: item.note.clone(),
        location: String::new(),
        when: IcsWhen::AllDay(item.when()),
    }
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (§3.1), never inside a character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out
}

// Formatted by hand: chrono's formatter would add to the download.
fn utc(at: DateTime<Utc>) -> String {
    format!(
        "{}T{:02}{:02}{:02}Z",
        date(at.date_naive()),
        at.hour(),
        at.minute(),
        at.second()
    )
}

fn date(day: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", day.year(), day.month(), day.day())
}

pub fn calendar(events: &[IcsEvent], stamp: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Coffee Chat//Coffee Chat//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    for event in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", escape(&event.uid)));
        lines.push(format!("DTSTAMP:{}", utc(stamp)));
        let trigger = match event.when {
            IcsWhen::Timed { start, end } => {
                lines.push(format!("DTSTART:{}", utc(start)));
                lines.push(format!("DTEND:{}", utc(end)));
                "-PT30M"
            }
            IcsWhen::AllDay(day) => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", date(day)));
                lines.push(format!("DTEND;VALUE=DATE:{}", date(next_day(day))));
                // 9 in the morning of the day.
                "PT9H"
            }
        };
        lines.push(format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&event.description)));
        }
        if !event.location.is_empty() {
            lines.push(format!("LOCATION:{}", escape(&event.location)));
        }
        lines.push("BEGIN:VALARM".into());
        lines.push("ACTION:DISPLAY".into());
        lines.push(format!("DESCRIPTION:{}", escape(&event.summary)));
        lines.push(format!("TRIGGER:{trigger}"));
        lines.push("END:VALARM".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn stamp() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap()
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("Coffee, tea; and\\or\nmore\r"),
            "Coffee\\, tea\\; and\\\\or\\nmore"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
        assert_eq!(fold("SHORT:ok"), "SHORT:ok");
        let exactly = "X".repeat(75);
        assert_eq!(fold(&exactly), exactly);
        assert_eq!(fold(&"X".repeat(76)), format!("{}\r\n X", "X".repeat(75)));
    }

    #[test]
    fn a_booked_chat_and_a_follow_up_make_a_valid_calendar() {
        let start = Utc.with_ymd_and_hms(2026, 12, 4, 13, 30, 0).unwrap();
        let events = [
            IcsEvent {
                uid: "chat-c1@coffee-chat.local".into(),
                summary: "Coffee chat with Ana Silva".into(),
                description: "Goal: learn how analysts move, into data roles".into(),
                location: "Café Pamenar, Kensington Market".into(),
                when: IcsWhen::Timed {
                    start,
                    end: start + TimeDelta::minutes(15),
                },
            },
            IcsEvent {
                uid: "followup-c1-thank-you@coffee-chat.local".into(),
                summary: "Send a thank-you to Ana Silva".into(),
                description: String::new(),
                location: String::new(),
                when: IcsWhen::AllDay(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
            },
        ];
        let ics = calendar(&events, stamp());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !ics.replace("\r\n", "").contains('\n'),
            "bare newlines are not allowed"
        );
        for expected in [
            "UID:chat-c1@coffee-chat.local",
            "DTSTAMP:20261127T120000Z",
            "DTSTART:20261204T133000Z",
            "DTEND:20261204T134500Z",
            "LOCATION:Café Pamenar\\, Kensington Market",
            "DESCRIPTION:Goal: learn how analysts move\\, into data roles",
            "TRIGGER:-PT30M",
            "DTSTART;VALUE=DATE:20261231",
            "DTEND;VALUE=DATE:20270101",
            "TRIGGER:PT9H",
        ] {
            assert!(
                ics.contains(&format!("{expected}\r\n")),
                "missing {expected}\n{ics}"
            );
        }
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(ics.matches("END:VALARM").count(), 2);
        // The same export twice differs only in nothing: UIDs are stable.
        assert_eq!(calendar(&events, stamp()), ics);
    }
}
