//! The backup file: everything in one JSON document with the schema
//! version. An import is checked whole before anything changes.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Data, Record, CURRENT_SCHEMA};
use crate::domain::chat::Chat;
use crate::domain::followup::FollowUp;
use crate::domain::person::Person;
use crate::domain::settings::Settings;
use crate::i18n::{fill, t};

const APP: &str = "coffee-chat";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub app: String,
    pub schema: u32,
    pub exported_at: DateTime<Utc>,
    pub people: Vec<Person>,
    pub chats: Vec<Chat>,
    pub followups: Vec<FollowUp>,
    pub settings: Settings,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// What is stored becomes exactly the backup.
    Replace,
    /// Records from both; where both have one, the more recently changed.
    Merge,
}

pub fn export(data: &Data, now: DateTime<Utc>) -> String {
    let backup = Backup {
        app: APP.into(),
        schema: CURRENT_SCHEMA,
        exported_at: now,
        people: data.people.clone(),
        chats: data.chats.clone(),
        followups: data.followups.clone(),
        settings: data.settings.clone(),
    };
    serde_json::to_string_pretty(&backup).unwrap_or_default()
}

fn unique_ids<T: Record>(records: &[T], what: &str) -> Result<(), String> {
    let mut seen = HashSet::new();
    for record in records {
        if !seen.insert(record.record_id()) {
            return Err(fill(
                t().backup_same_twice(),
                &[("what", &what), ("id", &record.record_id())],
            ));
        }
        if record.record_id().is_empty() || record.record_id().contains('/') {
            return Err(fill(t().backup_unusable_id(), &[("what", &what)]));
        }
    }
    Ok(())
}

/// A backup that passed every check, with what was repaired on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub backup: Backup,
    /// Broken links that were dropped, one sentence each.
    pub repairs: Vec<String>,
}

/// Reads and checks a backup file, references included; the message says
/// what is wrong. Links that only point nowhere are dropped and reported;
/// records that cannot stand without their owner refuse the file.
pub fn parse(text: &str) -> Result<Checked, String> {
    // The header first, then the whole file: decoding through a generic
    // JSON value would cost the wasm about 15 KB (BENCHMARKS.md).
    #[derive(Deserialize)]
    struct App {
        app: Option<String>,
    }
    #[derive(Deserialize)]
    struct Schema {
        schema: Option<u64>,
    }
    let app = match serde_json::from_str::<App>(text) {
        Ok(header) => header.app,
        // Valid JSON of another shape: a list, or `app` as a number.
        Err(e) if e.is_data() => None,
        Err(e) => {
            return Err(fill(
                t().backup_not_json(),
                &[("line", &e.line()), ("column", &e.column())],
            ))
        }
    };
    if app.as_deref() != Some(APP) {
        return Err(t().backup_not_ours().into());
    }
    match serde_json::from_str::<Schema>(text)
        .ok()
        .and_then(|s| s.schema)
    {
        Some(schema) if schema > u64::from(CURRENT_SCHEMA) => {
            return Err(t().backup_newer().into());
        }
        Some(_) => {}
        None => return Err(t().backup_no_schema().into()),
    }
    let mut backup: Backup =
        serde_json::from_str(text).map_err(|e| fill(t().backup_damaged(), &[("error", &e)]))?;
    unique_ids(&backup.people, t().backup_a_person())?;
    unique_ids(&backup.chats, t().backup_a_chat())?;
    unique_ids(&backup.followups, t().backup_a_followup())?;
    if let Some(person) = backup.people.iter().find(|p| p.name.trim().is_empty()) {
        return Err(fill(t().backup_no_name(), &[("id", &person.id.0)]));
    }
    let people: HashSet<String> = backup.people.iter().map(|p| p.id.0.clone()).collect();
    let chats: HashSet<String> = backup.chats.iter().map(|c| c.id.0.clone()).collect();
    if let Some(chat) = backup
        .chats
        .iter()
        .find(|c| !people.contains(c.person_id.0.as_str()))
    {
        return Err(fill(t().backup_chat_orphan(), &[("id", &chat.id)]));
    }
    if let Some(item) = backup
        .followups
        .iter()
        .find(|f| !people.contains(f.person_id.0.as_str()))
    {
        return Err(fill(t().backup_followup_orphan(), &[("id", &item.id.0)]));
    }
    let mut repairs = Vec::new();
    for person in &mut backup.people {
        let Some(by) = &person.introduced_by else {
            continue;
        };
        if by == &person.id {
            repairs.push(fill(
                t().backup_self_introduced(),
                &[("name", &person.name)],
            ));
            person.introduced_by = None;
        } else if !people.contains(by.0.as_str()) {
            repairs.push(fill(
                t().backup_missing_introducer(),
                &[("name", &person.name)],
            ));
            person.introduced_by = None;
        }
    }
    for chat in &mut backup.chats {
        let before = chat.referrals.len();
        chat.referrals.retain(|p| people.contains(p.0.as_str()));
        if chat.referrals.len() < before {
            repairs.push(fill(t().backup_missing_referrals(), &[("id", &chat.id)]));
        }
    }
    for item in &mut backup.followups {
        if item
            .chat_id
            .as_ref()
            .is_some_and(|c| !chats.contains(c.0.as_str()))
        {
            repairs.push(fill(t().backup_missing_chat(), &[("id", &item.id.0)]));
            item.chat_id = None;
        }
    }
    Ok(Checked { backup, repairs })
}

fn merge_records<T: Record>(
    current: &[T],
    incoming: Vec<T>,
    newer: impl Fn(&T, &T) -> bool,
) -> Vec<T> {
    let mut merged: Vec<T> = current.to_vec();
    for record in incoming {
        match merged
            .iter_mut()
            .find(|r| r.record_id() == record.record_id())
        {
            Some(slot) => {
                if newer(&record, slot) {
                    *slot = record;
                }
            }
            None => merged.push(record),
        }
    }
    merged
}

/// What the store should hold after importing `backup`.
pub fn combine(current: &Data, backup: Backup, mode: ImportMode) -> Data {
    match mode {
        ImportMode::Replace => Data {
            people: backup.people,
            chats: backup.chats,
            followups: backup.followups,
            settings: backup.settings,
        },
        ImportMode::Merge => Data {
            people: merge_records(&current.people, backup.people, |a, b| {
                a.updated_at > b.updated_at
            }),
            chats: merge_records(&current.chats, backup.chats, |a, b| {
                a.updated_at > b.updated_at
            }),
            followups: merge_records(&current.followups, backup.followups, |a, b| {
                a.updated_at > b.updated_at
            }),
            // The settings on this device are kept.
            settings: current.settings.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chat::ChatId;
    use crate::domain::person::PersonId;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn person(id: &str, name: &str, at: DateTime<Utc>) -> Person {
        Person::new(PersonId(id.into()), name, at).unwrap()
    }

    fn data() -> Data {
        let ana = person("a", "Ana", now());
        Data {
            chats: vec![Chat::new(ChatId("c".into()), ana.id.clone(), now(), &[])],
            people: vec![ana, person("b", "Ben", now())],
            followups: Vec::new(),
            settings: Settings::default(),
        }
    }

    #[test]
    fn an_export_reads_back_as_the_same_data() {
        let text = export(&data(), now());
        let backup = parse(&text).unwrap().backup;
        assert_eq!(backup.schema, CURRENT_SCHEMA);
        assert_eq!(
            combine(&Data::default(), backup, ImportMode::Replace),
            data()
        );
    }

    #[test]
    fn a_bad_file_says_what_is_wrong() {
        let good: serde_json::Value = serde_json::from_str(&export(&data(), now())).unwrap();
        let with = |key: &str, value: serde_json::Value| {
            let mut v = good.clone();
            v[key] = value;
            v.to_string()
        };
        let cases: Vec<(String, &str)> = vec![
            (
                "not json at all".into(),
                "not valid JSON (line 1, column 2)",
            ),
            ("{\"people\": []}".into(), "not a Coffee Chat backup"),
            ("[1, 2]".into(), "not a Coffee Chat backup"),
            (
                with("app", serde_json::json!(7)),
                "not a Coffee Chat backup",
            ),
            (with("schema", serde_json::json!("1")), "no schema version"),
            (
                with("schema", serde_json::json!(CURRENT_SCHEMA + 1)),
                "newer version",
            ),
            (with("schema", serde_json::Value::Null), "no schema version"),
            (with("people", serde_json::json!([{"id": "a"}])), "damaged"),
            (
                with("people", serde_json::json!([])),
                "for someone who is not in it",
            ),
        ];
        for (text, expected) in cases {
            let error = parse(&text).unwrap_err();
            assert!(
                error.contains(expected),
                "{error} should mention {expected}"
            );
        }
        let mut twice = data();
        twice.people.push(twice.people[0].clone());
        assert!(parse(&export(&twice, now()))
            .unwrap_err()
            .contains("same person twice"));
    }

    #[test]
    fn merging_keeps_both_sides_and_the_newer_copy() {
        let mut current = data();
        current.people[1].notes = "edited here later".into();
        current.people[1].updated_at = now() + Duration::days(2);
        let mut incoming = data();
        incoming.people[0].role = "Analyst".into();
        incoming.people[0].updated_at = now() + Duration::days(1);
        incoming.people[1].notes = "older".into();
        incoming.people.push(person("z", "Zoë", now()));
        incoming.settings.my_name = "From the file".into();
        let backup = parse(&export(&incoming, now())).unwrap().backup;

        let merged = combine(&current, backup.clone(), ImportMode::Merge);
        assert_eq!(merged.people.len(), 3);
        assert_eq!(merged.people[0].role, "Analyst");
        assert_eq!(merged.people[1].notes, "edited here later");
        assert_eq!(merged.settings.my_name, "");

        let replaced = combine(&current, backup, ImportMode::Replace);
        assert_eq!(replaced.people[1].notes, "older");
        assert_eq!(replaced.settings.my_name, "From the file");
    }
}
