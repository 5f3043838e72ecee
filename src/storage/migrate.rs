//! Schema versions. The stored `coffee-chat/schema` key says which shape the
//! records have; each step rewrites the store from one version to the next.
//! A step must be safe to run again: the version is written after each step,
//! so a crash mid-way repeats at most the step that was interrupted.

use super::{write_verified, KeyValueStore, StoreError, SCHEMA_KEY};

pub type MigrationStep = fn(&dyn KeyValueStore) -> Result<(), StoreError>;

/// `MIGRATIONS[n]` turns schema `n + 1` into schema `n + 2`.
pub const MIGRATIONS: &[MigrationStep] = &[];

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
