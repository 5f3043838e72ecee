//! The backup file: everything in one JSON document with the schema
//! version, each record with when its parts changed, and what was deleted.
//! An import is checked whole before anything changes.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::devices::Replica;
use super::merge::Versioned;
use super::{record_key, Data, Record, CURRENT_SCHEMA, SETTINGS_KEY};
use crate::domain::chat::Chat;
use crate::domain::followup::FollowUp;
use crate::domain::person::Person;
use crate::domain::settings::Settings;
use crate::domain::targets::Target;
use crate::i18n::{fill, t};

const APP: &str = "coffee-chat";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub app: String,
    pub schema: u32,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub exported_at: DateTime<Utc>,
    pub people: Vec<Person>,
    pub chats: Vec<Chat>,
    pub followups: Vec<FollowUp>,
    /// Absent from files made before targets existed.
    #[serde(default)]
    pub targets: Vec<Target>,
    pub settings: Settings,
}

/// Who made a file, and what that device knew: empty in files from older
/// builds and in the plain copy of what is on screen. Read from the file as
/// a generic value, beside the typed records, so that the typed decoder
/// stays as it was.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Origin {
    pub device: String,
    /// That device's memory of the files it took (see `Device`).
    pub seen: serde_json::Map<String, serde_json::Value>,
    /// The texts that device took in from others (see `devices`).
    pub arrived: serde_json::Map<String, serde_json::Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// What is stored becomes exactly the backup.
    Replace,
    /// Both devices' records, merged field by field (`devices`).
    Merge,
}

/// `data` without times, as a file from an older build would be: for
/// what is on screen but not saved, and for an archive.
pub fn export(data: &Data, now: DateTime<Utc>) -> String {
    let backup = Backup {
        app: APP.into(),
        schema: CURRENT_SCHEMA,
        exported_at: now,
        people: data.people.clone(),
        chats: data.chats.clone(),
        followups: data.followups.clone(),
        targets: data.targets.clone(),
        settings: data.settings.clone(),
    };
    // Compact: the records' compact encoders are in the download already
    // for storage, and pretty ones would add their own (about 8 KB).
    serde_json::to_string(&backup).unwrap_or_default()
}

/// The whole of `replica`, each record as stored (its fields, then when
/// they changed), in the order of `data`, for `device` to send.
pub fn export_replica(
    replica: &Replica,
    data: &Data,
    device: &super::Device,
    now: DateTime<Utc>,
) -> String {
    #[derive(Serialize)]
    struct File<'a> {
        app: &'a str,
        schema: u32,
        exported_at: DateTime<Utc>,
        device: &'a str,
        seen: &'a serde_json::Map<String, serde_json::Value>,
        people: Vec<serde_json::Map<String, serde_json::Value>>,
        chats: Vec<serde_json::Map<String, serde_json::Value>>,
        followups: Vec<serde_json::Map<String, serde_json::Value>>,
        targets: Vec<serde_json::Map<String, serde_json::Value>>,
        settings: serde_json::Map<String, serde_json::Value>,
        deleted: &'a serde_json::Map<String, serde_json::Value>,
        arrived: &'a serde_json::Map<String, serde_json::Value>,
    }
    fn stored<T: Record>(
        replica: &Replica,
        records: &[T],
    ) -> Vec<serde_json::Map<String, serde_json::Value>> {
        records
            .iter()
            .filter_map(
                |r| match replica.records.get(&record_key::<T>(r.record_id()))? {
                    serde_json::Value::Object(stored) => Some(stored.clone()),
                    _ => None,
                },
            )
            .collect()
    }
    let file = File {
        app: APP,
        schema: CURRENT_SCHEMA,
        exported_at: now,
        device: &device.id,
        seen: &device.taken,
        people: stored(replica, &data.people),
        chats: stored(replica, &data.chats),
        followups: stored(replica, &data.followups),
        targets: stored(replica, &data.targets),
        settings: match replica.records.get(SETTINGS_KEY) {
            Some(serde_json::Value::Object(stored)) => stored.clone(),
            _ => serde_json::Map::new(),
        },
        deleted: &replica.deleted,
        arrived: &device.arrived,
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// The checked records of `backup` with the times `text` gives them; a
/// record without times, from an older build, dated by its last update.
fn replica_of(backup: &Backup, text: &str) -> Result<(Replica, Origin), String> {
    let damaged = |e: &dyn std::fmt::Display| fill(t().backup_damaged(), &[("error", e)]);
    let file: serde_json::Value = serde_json::from_str(text).map_err(|e| damaged(&e))?;
    let stored = |list: &str, at: usize| match &file[list] {
        serde_json::Value::Array(records) => records.get(at).and_then(|r| r.as_object()).cloned(),
        serde_json::Value::Object(settings) => Some(settings.clone()),
        _ => None,
    };
    let map = |name: &str| file[name].as_object().cloned().unwrap_or_default();
    let origin = Origin {
        device: file["device"].as_str().unwrap_or_default().to_string(),
        seen: map("seen"),
        arrived: map("arrived"),
    };
    let mut replica = Replica {
        records: serde_json::Map::new(),
        deleted: map("deleted"),
    };
    fn add<T: Serialize>(
        replica: &mut Replica,
        key: String,
        record: &T,
        stored: Option<serde_json::Map<String, serde_json::Value>>,
    ) -> Result<(), String> {
        let fields = super::repo::fields_of(record).map_err(|e| e.to_string())?;
        let timed = Versioned::from_stored(stored.unwrap_or_default()).with_fields(fields);
        replica.put(key, &timed.dated_by_its_update());
        Ok(())
    }
    fn all<T: Record>(
        replica: &mut Replica,
        records: &[T],
        stored: &dyn Fn(usize) -> Option<serde_json::Map<String, serde_json::Value>>,
    ) -> Result<(), String> {
        for (at, record) in records.iter().enumerate() {
            add(
                replica,
                record_key::<T>(record.record_id()),
                record,
                stored(at),
            )?;
        }
        Ok(())
    }
    all(&mut replica, &backup.people, &|at| stored("people", at)).map_err(|e| damaged(&e))?;
    all(&mut replica, &backup.chats, &|at| stored("chats", at)).map_err(|e| damaged(&e))?;
    all(&mut replica, &backup.followups, &|at| {
        stored("followups", at)
    })
    .map_err(|e| damaged(&e))?;
    all(&mut replica, &backup.targets, &|at| stored("targets", at)).map_err(|e| damaged(&e))?;
    add(
        &mut replica,
        SETTINGS_KEY.into(),
        &backup.settings,
        stored("settings", 0),
    )
    .map_err(|e| damaged(&e))?;
    Ok((replica, origin))
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
    /// The checked records with their times, for a merge.
    pub replica: Replica,
    pub origin: Origin,
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
    unique_ids(&backup.targets, t().backup_a_target())?;
    if let Some(person) = backup.people.iter().find(|p| p.name.trim().is_empty()) {
        return Err(fill(t().backup_no_name(), &[("id", &person.id.0)]));
    }
    if let Some(target) = backup.targets.iter().find(|t| t.name.trim().is_empty()) {
        return Err(fill(t().backup_target_no_name(), &[("id", &target.id.0)]));
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
    let (replica, origin) = replica_of(&backup, text)?;
    Ok(Checked {
        backup,
        repairs,
        replica,
        origin,
    })
}

/// What the store holds after replacing everything with `backup`.
pub fn restored(backup: Backup) -> Data {
    Data {
        people: backup.people,
        chats: backup.chats,
        followups: backup.followups,
        targets: backup.targets,
        settings: backup.settings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chat::ChatId;
    use crate::domain::person::PersonId;
    use chrono::TimeZone;

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
            targets: vec![Target::new(
                crate::domain::targets::TargetId("t".into()),
                "Ville de Québec",
                now(),
            )
            .unwrap()],
            settings: Settings::default(),
        }
    }

    #[test]
    fn an_export_reads_back_as_the_same_data() {
        let text = export(&data(), now());
        let backup = parse(&text).unwrap().backup;
        assert_eq!(backup.schema, CURRENT_SCHEMA);
        assert_eq!(restored(backup), data());
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
}
