//! Reading stored instants quickly. Every record carries several, a year of
//! data tens of thousands, and chrono's general RFC 3339 parser was a tenth
//! of startup. What chrono itself writes for a UTC instant
//! (`2026-11-10T14:00:00Z`, or with 1 to 9 digits of fraction) is read
//! here directly; anything else goes to chrono, so what is accepted and
//! what it means do not change.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{self, Deserializer, Visitor};

/// For `#[serde(deserialize_with)]` on a `DateTime<Utc>` field.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(InstantVisitor)
}

struct InstantVisitor;

impl Visitor<'_> for InstantVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an RFC 3339 date and time")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        match parse_utc(text) {
            Some(instant) => Ok(instant),
            None => text
                .parse::<DateTime<chrono::FixedOffset>>()
                .map(|instant| instant.with_timezone(&Utc))
                .map_err(E::custom),
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, or `None` for any other shape or an
/// impossible date or time.
pub(crate) fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    let (head, rest) = bytes.split_at_checked(19)?;
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        head[range].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(at, byte)| head[at] != byte) {
        return None;
    }
    let fraction = match rest {
        [b'Z'] => &[][..],
        [b'.', digits @ .., b'Z'] if (1..=9).contains(&digits.len()) => digits,
        _ => return None,
    };
    let mut nanos = 0u32;
    for (place, &digit) in fraction.iter().enumerate() {
        if !digit.is_ascii_digit() {
            return None;
        }
        nanos += u32::from(digit - b'0') * 10u32.pow(8 - place as u32);
    }
    let date = NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)?;
    let time = date.and_hms_nano_opt(number(11..13)?, number(14..16)?, number(17..19)?, nanos)?;
    Some(time.and_utc())
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
    use super::parse_utc;
    use super::tests::chrono_reads;
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
