//! Schema versions. The stored `coffee-chat/schema` key says which shape the
//! records have; each step rewrites the store from one version to the next.
//! A step must be safe to run again: the version is written after each step,
//! so a crash mid-way repeats at most the step that was interrupted.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{
    index_key, record_id_of, write_verified, KeyValueStore, StoreError, SCHEMA_KEY, SETTINGS_KEY,
};
use crate::domain::chat::Chat;
use crate::domain::settings::Settings;
use crate::domain::targets::Target;

pub type MigrationStep = fn(&dyn KeyValueStore) -> Result<(), StoreError>;

/// `MIGRATIONS[n]` turns schema `n + 1` into schema `n + 2`.
pub const MIGRATIONS: &[MigrationStep] = &[store_checklists_by_id, make_room_for_targets];

/// Schema 2 stores a checklist item in the built-in English wording by its
/// id alone (see `domain::prep`): every chat and the template are written
/// again in that shape, which only ever makes them shorter. A build of
/// schema 1 cannot read such an item, so it sees the new number and stops
/// writing instead of setting chats aside as unreadable.
fn store_checklists_by_id(store: &dyn KeyValueStore) -> Result<(), StoreError> {
    fn again<T: Serialize + DeserializeOwned>(
        store: &dyn KeyValueStore,
        key: &str,
    ) -> Result<(), StoreError> {
        let Some(raw) = store.get(key)? else {
            return Ok(());
        };
        // One that cannot be read is left for the quarantine at load.
        let Ok(record) = serde_json::from_str::<T>(&raw) else {
            return Ok(());
        };
        match serde_json::to_string(&record) {
            Ok(text) if text != raw => write_verified(store, key, &text),
            _ => Ok(()),
        }
    }
    for key in store.keys()? {
        if record_id_of::<Chat>(&key).is_some() {
            again::<Chat>(store, &key)?;
        }
    }
    again::<Settings>(store, SETTINGS_KEY)
}

/// Schema 3 adds a kind of record, targets, with an empty index. A build
/// of schema 2 knows nothing of them: its backups and device merges would
/// leave them out, and the next import would delete them. It sees the new
/// number and stops writing instead.
fn make_room_for_targets(store: &dyn KeyValueStore) -> Result<(), StoreError> {
    let index = index_key::<Target>();
    match store.get(&index)? {
        Some(_) => Ok(()),
        None => write_verified(store, &index, "[]"),
    }
}

pub const CURRENT_SCHEMA: u32 = MIGRATIONS.len() as u32 + 1;

/// Brings a store at schema `from` up to `1 + steps.len()`, writing the
/// version after every step; returns the version reached.
pub fn run_migrations(
    store: &dyn KeyValueStore,
    from: u32,
    steps: &[MigrationStep],
) -> Result<u32, StoreError> {
    let mut version = from.max(1);
    while let Some(step) = steps.get(version as usize - 1) {
        step(store)?;
        version += 1;
        write_verified(store, SCHEMA_KEY, &version.to_string())?;
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;

    const PERSON_PREFIX: &str = "coffee-chat/person/";
    use serde_json::Value;

    /// A store as an imagined schema 1 left it, with the organisation under
    /// the old name `org`; the step below renames it, the way a real change
    /// of field name would be migrated.
    const SCHEMA_1_FIXTURE: &[(&str, &str)] = &[
        ("coffee-chat/schema", "1"),
        ("coffee-chat/index/person", r#"["p1","p2"]"#),
        (
            "coffee-chat/person/p1",
            r#"{"id":"p1","name":"Ana","org":"Shopify","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#,
        ),
        (
            "coffee-chat/person/p2",
            r#"{"id":"p2","name":"Ben","organisation":"Already moved","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#,
        ),
        ("someone-else/key", "not ours"),
    ];

    fn rename_org_to_organisation(store: &dyn KeyValueStore) -> Result<(), StoreError> {
        for key in store.keys()? {
            if !key.starts_with(PERSON_PREFIX) {
                continue;
            }
            let Some(raw) = store.get(&key)? else {
                continue;
            };
            let Ok(Value::Object(mut record)) = serde_json::from_str::<Value>(&raw) else {
                continue; // left for quarantine when the app loads
            };
            if let Some(org) = record.remove("org") {
                record.insert("organisation".into(), org);
                write_verified(store, &key, &Value::Object(record).to_string())?;
            }
        }
        Ok(())
    }

    fn organisation_of(store: &MemoryStore, id: &str) -> String {
        let raw = store.get(&format!("{PERSON_PREFIX}{id}")).unwrap().unwrap();
        let person: crate::domain::person::Person = serde_json::from_str(&raw).unwrap();
        person.organisation
    }

    #[test]
    fn the_current_schema_follows_the_list_of_steps() {
        assert_eq!(CURRENT_SCHEMA as usize, MIGRATIONS.len() + 1);
    }

    #[test]
    fn schema_2_stores_built_in_checklist_items_by_id_and_changes_nothing_else() {
        use crate::domain::chat::{Chat, ChatId};
        use crate::domain::person::PersonId;
        use crate::domain::prep::built_in_checklist;
        let mut chat = Chat::new(
            ChatId("c1".into()),
            PersonId("p1".into()),
            chrono::DateTime::UNIX_EPOCH,
            &built_in_checklist(),
        );
        chat.checklist[0].done = true;
        chat.checklist[1].text = "Read their latest paper".into();
        // As schema 1 wrote it: every item with its group and words.
        let mut as_written: Value = serde_json::to_value(&chat).unwrap();
        for (item, full) in as_written["checklist"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .zip(&chat.checklist)
        {
            item["group"] = full.group.slug().into();
            item["text"] = full.text.clone().into();
            item["done"] = full.done.into();
        }
        let raw = as_written.to_string();
        let store = MemoryStore::with_entries([
            ("coffee-chat/schema", "1"),
            ("coffee-chat/chat/c1", raw.as_str()),
            ("coffee-chat/chat/bad", "{ not a chat"),
        ]);
        assert_eq!(run_migrations(&store, 1, &MIGRATIONS[..1]), Ok(2));
        let now = store.get("coffee-chat/chat/c1").unwrap().unwrap();
        assert!(now.len() < raw.len() / 2, "{} of {}", now.len(), raw.len());
        assert_eq!(serde_json::from_str::<Chat>(&now).unwrap(), chat);
        assert_eq!(
            store.get("coffee-chat/chat/bad").unwrap().as_deref(),
            Some("{ not a chat")
        );
        // Again, nothing changes.
        store.take_writes();
        store_checklists_by_id(&store).unwrap();
        assert!(store.take_writes().is_empty());
    }

    #[test]
    fn schema_3_makes_room_for_targets_and_changes_nothing_else() {
        use crate::storage::{Repository, CURRENT_SCHEMA};
        use std::sync::Arc;
        let person = r#"{"id":"p1","name":"Ana","organisation":"Acme Inc.","created_at":"2026-11-10T14:00:00Z","updated_at":"2026-11-10T14:00:00Z"}"#;
        let schema_2 = [
            ("coffee-chat/schema", "2"),
            ("coffee-chat/index/person", r#"["p1"]"#),
            ("coffee-chat/person/p1", person),
        ];
        let store = MemoryStore::with_entries(schema_2);
        assert_eq!(run_migrations(&store, 2, MIGRATIONS), Ok(3));
        assert_eq!(
            store.get("coffee-chat/index/target").unwrap().as_deref(),
            Some("[]")
        );
        assert_eq!(
            store.get("coffee-chat/person/p1").unwrap().as_deref(),
            Some(person)
        );
        store.take_writes();
        make_room_for_targets(&store).unwrap();
        assert!(store.take_writes().is_empty());
        // Opened by the app: the person as before, no targets yet.
        let store = Arc::new(MemoryStore::with_entries(schema_2));
        let opened = Repository::open(store.clone());
        assert_eq!(opened.problem, None);
        assert_eq!(opened.data.people[0].organisation, "Acme Inc.");
        assert!(opened.data.targets.is_empty());
        assert_eq!(
            store.get(SCHEMA_KEY).unwrap(),
            Some(CURRENT_SCHEMA.to_string())
        );
    }

    #[test]
    fn a_step_runs_on_a_fixture_and_records_the_new_version() {
        let store = MemoryStore::with_entries(SCHEMA_1_FIXTURE.iter().copied());
        let reached = run_migrations(&store, 1, &[rename_org_to_organisation]).unwrap();
        assert_eq!(reached, 2);
        assert_eq!(store.get(SCHEMA_KEY).unwrap().as_deref(), Some("2"));
        assert_eq!(organisation_of(&store, "p1"), "Shopify");
        assert_eq!(organisation_of(&store, "p2"), "Already moved");
        assert_eq!(
            store.get("someone-else/key").unwrap().as_deref(),
            Some("not ours")
        );
    }

    #[test]
    fn a_store_already_current_is_left_alone() {
        let store = MemoryStore::with_entries(SCHEMA_1_FIXTURE.iter().copied());
        store.insert_raw(SCHEMA_KEY, "2");
        let before = store.snapshot();
        assert_eq!(
            run_migrations(&store, 2, &[rename_org_to_organisation]),
            Ok(2)
        );
        assert_eq!(store.snapshot(), before);
        assert!(store.take_writes().is_empty());
    }

    #[test]
    fn running_a_step_twice_gives_the_same_store() {
        let store = MemoryStore::with_entries(SCHEMA_1_FIXTURE.iter().copied());
        run_migrations(&store, 1, &[rename_org_to_organisation]).unwrap();
        let once = store.snapshot();
        rename_org_to_organisation(&store).unwrap();
        assert_eq!(store.snapshot(), once);
    }

    #[test]
    fn a_failing_step_keeps_the_old_version() {
        fn fails(_: &dyn KeyValueStore) -> Result<(), StoreError> {
            Err(StoreError::Quota)
        }
        let store = MemoryStore::with_entries(SCHEMA_1_FIXTURE.iter().copied());
        assert_eq!(run_migrations(&store, 1, &[fails]), Err(StoreError::Quota));
        assert_eq!(store.get(SCHEMA_KEY).unwrap().as_deref(), Some("1"));
    }
}
