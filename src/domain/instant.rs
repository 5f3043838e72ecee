//! Reading stored dates and times, quickly and without chrono's general
//! parser: every record carries several, a year of data tens of thousands,
//! and that parser was a tenth of startup and about 14 KB of the download.
//! What chrono writes is read here: an instant (`2026-11-10T14:00:00Z`, with
//! 1 to 9 digits of fraction, or an offset such as `+01:00`), a local date
//! and time (`2026-12-04T08:30:00`) and a date (`2026-12-04`).

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::de::{self, Deserializer, Visitor};

/// For `#[serde(deserialize_with)]` on a `DateTime<Utc>` field.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(Text(parse_instant))
}

/// For an `Option<DateTime<Utc>>` field (with `#[serde(default)]`).
pub fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    deserializer.deserialize_option(Maybe(parse_instant))
}

/// For a `NaiveDate` field.
pub fn deserialize_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_str(Text(parse_date))
}

/// For an `Option<NaiveDate>` field (with `#[serde(default)]`).
pub fn deserialize_date_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    deserializer.deserialize_option(Maybe(parse_date))
}

/// For an `Option<NaiveDateTime>` field (with `#[serde(default)]`).
pub fn deserialize_local_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDateTime>, D::Error> {
    deserializer.deserialize_option(Maybe(parse_local))
}

/// A string read by a parser.
struct Text<T>(fn(&str) -> Option<T>);

impl<T> Visitor<'_> for Text<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a date or a date and time as Coffee Chat writes them")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        (self.0)(text).ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }
}

/// A string read by a parser, or null.
struct Maybe<T>(fn(&str) -> Option<T>);

impl<'de, T> Visitor<'de> for Maybe<T> {
    type Value = Option<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        Text(self.0).expecting(formatter)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_str(Text(self.0)).map(Some)
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, or `None` for any other shape or an
/// impossible date or time.
pub(crate) fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    match local_and_rest(text)? {
        (local, "Z") => Some(local.and_utc()),
        _ => None,
    }
}

/// [`parse_utc`], or the same with an offset (`+01:00`, `-05:00`) in place
/// of the `Z`, as RFC 3339 has it.
pub(crate) fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let (local, rest) = local_and_rest(text)?;
    if rest == "Z" {
        return Some(local.and_utc());
    }
    let (sign, offset) = match rest.as_bytes() {
        [b'+', ..] => (1, &rest[1..]),
        [b'-', ..] => (-1, &rest[1..]),
        _ => return None,
    };
    let (hours, minutes) = offset.split_once(':')?;
    let seconds = two_digits(hours)? * 3600 + two_digits(minutes)? * 60;
    let offset = FixedOffset::east_opt(sign * seconds as i32)?;
    local
        .and_local_timezone(offset)
        .single()
        .map(|at| at.to_utc())
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]`, a local date and time.
pub(crate) fn parse_local(text: &str) -> Option<NaiveDateTime> {
    match local_and_rest(text)? {
        (local, "") => Some(local),
        _ => None,
    }
}

/// `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = text.get(..4)?;
    if !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(
        year.parse().ok()?,
        two_digits(text.get(5..7)?)?,
        two_digits(text.get(8..10)?)?,
    )
}

fn two_digits(text: &str) -> Option<u32> {
    match text.as_bytes() {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some(u32::from(a - b'0') * 10 + u32::from(b - b'0')),
        _ => None,
    }
}

/// The date and time at the start of `text`, to the second with 1 to 9
/// digits of fraction, and what follows.
fn local_and_rest(text: &str) -> Option<(NaiveDateTime, &str)> {
    let head = text.get(..19).filter(|head| head.is_ascii())?;
    let bytes = head.as_bytes();
    if bytes[10] != b'T' || bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let date = parse_date(&head[..10])?;
    let rest = &text[19..];
    let digits = match rest.strip_prefix('.') {
        Some(fraction) => fraction.bytes().take_while(u8::is_ascii_digit).count(),
        None => 0,
    };
    if rest.starts_with('.') && !(1..=9).contains(&digits) {
        return None;
    }
    let mut nanos = 0u32;
    for (place, digit) in rest.bytes().skip(1).take(digits).enumerate() {
        nanos += u32::from(digit - b'0') * 10u32.pow(8 - place as u32);
    }
    let rest = &rest[if digits > 0 { digits + 1 } else { 0 }..];
    let time = date.and_hms_nano_opt(
        two_digits(&head[11..13])?,
        two_digits(&head[14..16])?,
        two_digits(&head[17..19])?,
        nanos,
    )?;
    Some((time, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    pub(super) fn chrono_reads(text: &str) -> Option<DateTime<Utc>> {
        text.parse::<DateTime<chrono::FixedOffset>>()
            .ok()
            .map(|instant| instant.with_timezone(&Utc))
    }

    #[test]
    fn reads_what_chrono_writes() {
        for text in [
            "2026-11-10T14:00:00Z",
            "2026-11-10T14:00:00.5Z",
            "2026-11-10T14:00:00.123Z",
            "2026-11-10T14:00:00.123456789Z",
            "2024-02-29T23:59:59Z",
            "0001-01-01T00:00:00Z",
        ] {
            assert_eq!(parse_utc(text), chrono_reads(text), "{text}");
            assert!(parse_utc(text).is_some(), "{text}");
        }
    }

    #[test]
    fn leaves_every_other_shape_to_chrono() {
        for text in [
            "",
            "2026-11-10",
            "2026-11-10T14:00:00",
            "2026-11-10T14:00:00+01:00",
            "2026-11-10 14:00:00Z",
            "2026-11-10T14:00:00.Z",
            "2026-11-10T14:00:00.1234567890Z",
            "2026-13-10T14:00:00Z",
            "2025-02-29T14:00:00Z",
            "2026-11-10T24:00:00Z",
            "2026-11-10T14:00:60Z",
            "2026-11-10T14:00:00z",
            "+262142-11-10T14:00:00Z",
            "2026-1a-10T14:00:00Z",
            "2026-11-10T14:00:00.12aZ",
            "２０２６-11-10T14:00:00Z",
        ] {
            assert_eq!(parse_utc(text), None, "{text}");
        }
    }

    #[test]
    fn reads_offsets_dates_and_local_times_as_chrono_does() {
        for text in [
            "2026-11-10T15:00:00+01:00",
            "2026-11-10T09:00:00.25-05:00",
            "2026-11-10T14:00:00+00:00",
            "2026-12-31T23:30:00-14:00",
        ] {
            assert_eq!(parse_instant(text), chrono_reads(text), "{text}");
            assert!(parse_instant(text).is_some(), "{text}");
        }
        for text in [
            "2026-11-10T15:00:00+1:00",
            "2026-11-10T15:00:00+01",
            "2026-11-10T15:00:00+25:00",
            "2026-11-10T15:00:00 ",
        ] {
            assert_eq!(parse_instant(text), None, "{text}");
        }
        for text in ["2026-12-04", "2024-02-29", "0001-01-01"] {
            assert_eq!(parse_date(text), text.parse().ok(), "{text}");
            assert!(parse_date(text).is_some());
        }
        for text in [
            "2025-02-29",
            "2026-1-04",
            "2026-12-04T",
            "+262142-01-01",
            "２０２６-12-04",
            "",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
        for text in ["2026-12-04T08:30:00", "2026-12-04T08:30:00.5"] {
            assert_eq!(parse_local(text), text.parse().ok(), "{text}");
            assert!(parse_local(text).is_some());
        }
        assert_eq!(parse_local("2026-12-04T08:30:00Z"), None);
    }

    #[test]
    fn a_record_reads_the_same_through_either_path() {
        #[derive(serde::Deserialize)]
        struct Stamped {
            #[serde(deserialize_with = "deserialize")]
            at: DateTime<Utc>,
        }
        for text in ["2026-11-10T14:00:00Z", "2026-11-10T15:00:00+01:00"] {
            let read: Stamped = serde_json::from_str(&format!(r#"{{"at":"{text}"}}"#)).unwrap();
            assert_eq!(
                read.at,
                Utc.with_ymd_and_hms(2026, 11, 10, 14, 0, 0).unwrap()
            );
        }
        let broken = serde_json::from_str::<Stamped>(r#"{"at":"yesterday"}"#);
        assert!(broken.is_err());
        // Escaped characters reach the parser unescaped.
        let escaped: Stamped =
            serde_json::from_str(r#"{"at":"2026-11-10T14:00:00\u005a"}"#).unwrap();
        assert_eq!(
            escaped.at,
            Utc.with_ymd_and_hms(2026, 11, 10, 14, 0, 0).unwrap()
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::tests::chrono_reads;
    use super::{parse_date, parse_instant, parse_local, parse_utc};
    use chrono::{SecondsFormat, TimeZone, Utc};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_instant_chrono_writes_reads_back_exactly(
            seconds in -62_135_596_800i64..253_402_300_799,
            nanos in 0u32..1_000_000_000,
            format in 0usize..4,
        ) {
            let instant = Utc.timestamp_opt(seconds, nanos).unwrap();
            let format = [SecondsFormat::Secs, SecondsFormat::Millis, SecondsFormat::Nanos, SecondsFormat::AutoSi][format];
            let text = instant.to_rfc3339_opts(format, true);
            prop_assert_eq!(parse_utc(&text), chrono_reads(&text));
            let offset = chrono::FixedOffset::east_opt(((seconds % 50_000) as i32 / 60) * 60).unwrap();
            let elsewhere = instant.with_timezone(&offset).to_rfc3339_opts(format, false);
            prop_assert_eq!(parse_instant(&elsewhere), chrono_reads(&elsewhere));
            prop_assert!(parse_instant(&elsewhere).is_some());
            let local = instant.naive_utc();
            prop_assert_eq!(parse_local(serde_json::to_string(&local).unwrap().trim_matches('"')), Some(local));
            let date = local.date();
            prop_assert_eq!(parse_date(&date.to_string()), Some(date));
            prop_assert!(parse_utc(&text).is_some());
            // And what chrono's own serde writes.
            let json = serde_json::to_string(&instant).unwrap();
            prop_assert_eq!(parse_utc(json.trim_matches('"')), Some(instant));
        }

        #[test]
        fn never_disagrees_with_chrono(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,10})?[Zz+]?") {
            if let Some(read) = parse_utc(&text) {
                prop_assert_eq!(Some(read), chrono_reads(&text));
            }
        }
    }
}
