use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use super::{
    person_id_of, person_key, quarantine_key, run_migrations, write_verified, KeyValueStore,
    SharedStore, StoreError, CURRENT_SCHEMA, MIGRATIONS, PEOPLE_INDEX_KEY, QUARANTINE_PREFIX,
    SCHEMA_KEY,
};
use crate::domain::person::{Person, PersonId};

/// Records on top of a [`KeyValueStore`]: one key per Person, plus an index
/// key that keeps the order they were added in. The index is only a hint:
/// loading also scans for Person keys, so a crash between writing a record
/// and its index loses nothing.
pub struct Repository {
    store: SharedStore,
    people_index: Mutex<Vec<PersonId>>,
    schema_written: AtomicBool,
    read_only: bool,
}

/// What opening the store found.
pub struct Opened {
    pub repo: Repository,
    pub people: Vec<Person>,
    /// Problem that stops saving altogether (newer data, failed migration,
    /// storage that cannot be read).
    pub problem: Option<StoreError>,
}

/// A change another tab made, as seen through a `storage` event.
#[derive(Debug, PartialEq)]
pub enum ExternalChange {
    PersonSaved(Box<Person>),
    PersonRemoved(PersonId),
    Unrelated,
}

impl Repository {
    pub fn open(store: SharedStore) -> Opened {
        let (schema_written, problem) = match prepare_schema(store.as_ref()) {
            Ok(written) => (written, None),
            Err(problem) => (false, Some(problem)),
        };
        let repo = Repository {
            store,
            people_index: Mutex::new(Vec::new()),
            schema_written: AtomicBool::new(schema_written),
            read_only: problem.is_some(),
        };
        let people = match repo.load_people() {
            Ok(people) => people,
            Err(error) => {
                return Opened {
                    repo: Repository {
                        read_only: true,
                        ..repo
                    },
                    people: Vec::new(),
                    problem: Some(error),
                };
            }
        };
        Opened {
            repo,
            people,
            problem,
        }
    }

    fn load_people(&self) -> Result<Vec<Person>, StoreError> {
        let store = self.store.as_ref();
        let indexed: Vec<PersonId> = match store.get(PEOPLE_INDEX_KEY)? {
            None => Vec::new(),
            Some(raw) => match serde_json::from_str(&raw) {
                Ok(ids) => ids,
                Err(_) => {
                    self.set_aside(PEOPLE_INDEX_KEY)?;
                    Vec::new()
                }
            },
        };
        let mut on_disk: Vec<PersonId> = store
            .keys()?
            .iter()
            .filter_map(|k| person_id_of(k))
            .collect();
        on_disk.sort();
        let mut order: Vec<PersonId> = indexed
            .into_iter()
            .filter(|id| on_disk.binary_search(id).is_ok())
            .collect();
        order.dedup();
        for id in on_disk {
            if !order.contains(&id) {
                order.push(id);
            }
        }

        let mut people = Vec::with_capacity(order.len());
        for id in order {
            let key = person_key(&id);
            let Some(raw) = store.get(&key)? else {
                continue;
            };
            match serde_json::from_str::<Person>(&raw) {
                Ok(person) if person.id == id => people.push(person),
                _ => self.set_aside(&key)?,
            }
        }
        *self.people_index.lock().unwrap() = people.iter().map(|p| p.id.clone()).collect();
        Ok(people)
    }

    /// Moves an unreadable record under the quarantine prefix, byte for
    /// byte, and only then removes the original. If the copy cannot be
    /// written the original stays where it is: nothing is ever deleted
    /// without a verified copy.
    fn set_aside(&self, key: &str) -> Result<(), StoreError> {
        if self.read_only {
            return Ok(());
        }
        let store = self.store.as_ref();
        let Some(raw) = store.get(key)? else {
            return Ok(());
        };
        let mut attempt = 0;
        loop {
            let target = quarantine_key(key, attempt);
            match store.get(&target)? {
                None => {
                    if write_verified(store, &target, &raw).is_err() {
                        return Ok(());
                    }
                    break;
                }
                Some(existing) if existing == raw => break,
                Some(_) => attempt += 1,
            }
        }
        store.remove(key)
    }

    /// How many unreadable records are kept aside, from this load or earlier.
    pub fn quarantined_count(&self) -> usize {
        self.store
            .keys()
            .map(|keys| {
                keys.iter()
                    .filter(|k| k.starts_with(QUARANTINE_PREFIX))
                    .count()
            })
            .unwrap_or(0)
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn ensure_schema(&self) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        if !self.schema_written.load(Ordering::Relaxed) {
            write_verified(self.store.as_ref(), SCHEMA_KEY, &CURRENT_SCHEMA.to_string())?;
            self.schema_written.store(true, Ordering::Relaxed);
        }
        Ok(())
    }

    fn write_index(&self, ids: &[PersonId]) -> Result<(), StoreError> {
        let json =
            serde_json::to_string(ids).map_err(|e| StoreError::Unavailable(e.to_string()))?;
        write_verified(self.store.as_ref(), PEOPLE_INDEX_KEY, &json)
    }

    /// Saves one Person. An edit writes only that Person's key; a new Person
    /// also updates the index, and is removed again if that fails, so the
    /// store never holds half an addition.
    pub fn save_person(&self, person: &Person) -> Result<(), StoreError> {
        self.ensure_schema()?;
        let key = person_key(&person.id);
        let json =
            serde_json::to_string(person).map_err(|e| StoreError::Unavailable(e.to_string()))?;
        write_verified(self.store.as_ref(), &key, &json)?;
        let mut index = self.people_index.lock().unwrap();
        if !index.contains(&person.id) {
            index.push(person.id.clone());
            if let Err(error) = self.write_index(&index) {
                index.pop();
                let _ = self.store.remove(&key);
                return Err(error);
            }
        }
        Ok(())
    }

    /// Deletes one Person: the index first, so a failure there changes
    /// nothing; then the record.
    pub fn delete_person(&self, id: &PersonId) -> Result<(), StoreError> {
        self.ensure_schema()?;
        let mut index = self.people_index.lock().unwrap();
        let remaining: Vec<PersonId> = index.iter().filter(|i| *i != id).cloned().collect();
        self.write_index(&remaining)?;
        *index = remaining;
        self.store.remove(&person_key(id))
    }

    /// Interprets a `storage` event from another tab (`None` when the key
    /// was removed) and keeps the index in step with it.
    pub fn external_change(&self, key: &str, new_value: Option<&str>) -> ExternalChange {
        let Some(id) = person_id_of(key) else {
            return ExternalChange::Unrelated;
        };
        let mut index = self.people_index.lock().unwrap();
        match new_value.map(serde_json::from_str::<Person>) {
            None => {
                index.retain(|i| *i != id);
                ExternalChange::PersonRemoved(id)
            }
            Some(Ok(person)) if person.id == id => {
                if !index.contains(&id) {
                    index.push(id);
                }
                ExternalChange::PersonSaved(Box::new(person))
            }
            // Left for the next load to set aside; this tab keeps its copy.
            Some(_) => ExternalChange::Unrelated,
        }
    }
}

/// Reads the stored schema version and migrates older data. Returns whether
/// the version key exists, or the problem that makes the data unsafe to
/// write to.
fn prepare_schema(store: &dyn KeyValueStore) -> Result<bool, StoreError> {
    let Some(raw) = store.get(SCHEMA_KEY)? else {
        return Ok(false);
    };
    match raw.trim().parse::<u32>() {
        Ok(version) if version == CURRENT_SCHEMA => Ok(true),
        Ok(version) if version < CURRENT_SCHEMA => {
            run_migrations(store, version, MIGRATIONS)?;
            Ok(true)
        }
        // Newer than this build, or not a version at all: read, never write.
        _ => Err(StoreError::ReadOnly),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;
    use chrono::{TimeZone, Utc};
    use std::sync::Arc;

    fn person(id: &str, name: &str) -> Person {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        Person::new(PersonId(id.into()), name, now).unwrap()
    }

    fn open(store: &Arc<MemoryStore>) -> Opened {
        Repository::open(store.clone())
    }

    fn names(people: &[Person]) -> Vec<&str> {
        people.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn opening_an_empty_store_writes_nothing() {
        let store = Arc::new(MemoryStore::new());
        let opened = open(&store);
        assert!(opened.people.is_empty());
        assert!(opened.problem.is_none());
        assert!(store.take_writes().is_empty());
    }

    #[test]
    fn saved_people_come_back_in_the_order_they_were_added() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save_person(&person("b", "Zoë")).unwrap();
        repo.save_person(&person("a", "Adam")).unwrap();
        let reopened = open(&store);
        assert_eq!(names(&reopened.people), ["Zoë", "Adam"]);
        assert_eq!(
            store.get(SCHEMA_KEY).unwrap().as_deref(),
            Some(CURRENT_SCHEMA.to_string().as_str())
        );
    }

    #[test]
    fn an_edit_writes_only_the_record_it_changes() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save_person(&person("a", "Ana")).unwrap();
        repo.save_person(&person("b", "Ben")).unwrap();
        store.take_writes();
        let mut ana = person("a", "Ana");
        ana.notes = "Met at the library".into();
        repo.save_person(&ana).unwrap();
        assert_eq!(store.take_writes(), ["coffee-chat/person/a"]);
    }

    #[test]
    fn an_unreadable_record_is_set_aside_untouched_and_the_rest_load() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save_person(&person("a", "Ana")).unwrap();
        repo.save_person(&person("b", "Ben")).unwrap();
        repo.save_person(&person("c", "Cleo")).unwrap();
        let garbage = r#"{"id":"b","name":"Ben", oops"#;
        store.insert_raw("coffee-chat/person/b", garbage);

        let opened = open(&store);
        assert_eq!(names(&opened.people), ["Ana", "Cleo"]);
        assert!(opened.problem.is_none());
        assert_eq!(opened.repo.quarantined_count(), 1);
        assert_eq!(
            store
                .get("coffee-chat/quarantine/person/b")
                .unwrap()
                .as_deref(),
            Some(garbage)
        );
        assert_eq!(store.get("coffee-chat/person/b").unwrap(), None);

        // The quarantined copy survives later loads and saves.
        let again = open(&store);
        assert_eq!(again.repo.quarantined_count(), 1);
        again.repo.save_person(&person("d", "Dev")).unwrap();
        assert_eq!(
            store
                .get("coffee-chat/quarantine/person/b")
                .unwrap()
                .as_deref(),
            Some(garbage)
        );
    }

    #[test]
    fn a_record_under_the_wrong_key_is_set_aside() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save_person(&person("a", "Ana")).unwrap();
        let ana = store.get("coffee-chat/person/a").unwrap().unwrap();
        store.insert_raw("coffee-chat/person/z", &ana);
        let opened = open(&store);
        assert_eq!(names(&opened.people), ["Ana"]);
        assert_eq!(opened.repo.quarantined_count(), 1);
    }

    #[test]
    fn a_second_bad_copy_of_the_same_key_does_not_overwrite_the_first() {
        let store = Arc::new(MemoryStore::new());
        store.insert_raw("coffee-chat/person/a", "first");
        open(&store);
        store.insert_raw("coffee-chat/person/a", "second");
        let opened = open(&store);
        assert_eq!(opened.repo.quarantined_count(), 2);
        assert_eq!(
            store
                .get("coffee-chat/quarantine/person/a")
                .unwrap()
                .as_deref(),
            Some("first")
        );
        assert_eq!(
            store
                .get("coffee-chat/quarantine/person/a~1")
                .unwrap()
                .as_deref(),
            Some("second")
        );
    }

    #[test]
    fn a_broken_index_is_set_aside_and_people_are_found_by_their_keys() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save_person(&person("a", "Ana")).unwrap();
        repo.save_person(&person("b", "Ben")).unwrap();
        store.insert_raw(PEOPLE_INDEX_KEY, "[not json");
        let opened = open(&store);
        assert_eq!(names(&opened.people), ["Ana", "Ben"]);
        assert_eq!(opened.repo.quarantined_count(), 1);
    }

    #[test]
    fn a_record_missing_from_the_index_is_still_loaded() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save_person(&person("a", "Ana")).unwrap();
        let ben = serde_json::to_string(&person("b", "Ben")).unwrap();
        store.insert_raw("coffee-chat/person/b", &ben);
        assert_eq!(names(&open(&store).people), ["Ana", "Ben"]);
    }

    #[test]
    fn a_full_store_refuses_the_edit_and_keeps_every_other_record() {
        let store = Arc::new(MemoryStore::with_capacity(900));
        let repo = open(&store).repo;
        repo.save_person(&person("a", "Ana")).unwrap();
        let before = store.snapshot();

        let mut big = person("b", "Ben");
        big.notes = "x".repeat(1000);
        assert_eq!(repo.save_person(&big), Err(StoreError::Quota));
        assert_eq!(store.snapshot(), before);

        let mut ana = person("a", "Ana");
        ana.notes = "y".repeat(1000);
        assert_eq!(repo.save_person(&ana), Err(StoreError::Quota));
        assert_eq!(store.snapshot(), before);
        assert_eq!(names(&open(&store).people), ["Ana"]);
    }

    #[test]
    fn a_new_person_whose_index_write_fails_is_not_left_behind() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save_person(&person("a", "Ana")).unwrap();
        // Room for Ben's record but not for the longer index.
        let used: usize = store
            .snapshot()
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum();
        let ben_len = "coffee-chat/person/b".len()
            + serde_json::to_string(&person("b", "Ben")).unwrap().len();
        let tight = Arc::new(MemoryStore::with_capacity(used + ben_len + 2));
        for (k, v) in store.snapshot() {
            tight.insert_raw(&k, &v);
        }
        let repo = open(&tight).repo;
        assert_eq!(
            repo.save_person(&person("b", "Ben")),
            Err(StoreError::Quota)
        );
        assert_eq!(tight.snapshot(), store.snapshot());
    }

    #[test]
    fn delete_removes_the_record_and_its_index_entry() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save_person(&person("a", "Ana")).unwrap();
        repo.save_person(&person("b", "Ben")).unwrap();
        store.take_writes();
        repo.delete_person(&PersonId("a".into())).unwrap();
        assert_eq!(
            store.take_writes(),
            [PEOPLE_INDEX_KEY, "coffee-chat/person/a"]
        );
        assert_eq!(names(&open(&store).people), ["Ben"]);
        assert_eq!(
            store.get(PEOPLE_INDEX_KEY).unwrap().as_deref(),
            Some(r#"["b"]"#)
        );
    }

    #[test]
    fn data_from_a_newer_version_is_read_but_never_written() {
        let store = Arc::new(MemoryStore::new());
        open(&store).repo.save_person(&person("a", "Ana")).unwrap();
        store.insert_raw(SCHEMA_KEY, &(CURRENT_SCHEMA + 1).to_string());
        store.insert_raw("coffee-chat/person/b", "{broken");
        store.take_writes();

        let opened = open(&store);
        assert_eq!(names(&opened.people), ["Ana"]);
        assert_eq!(opened.problem, Some(StoreError::ReadOnly));
        assert!(opened.repo.is_read_only());
        assert_eq!(
            opened.repo.save_person(&person("c", "Cleo")),
            Err(StoreError::ReadOnly)
        );
        assert!(store.take_writes().is_empty());
        assert_eq!(
            store.get("coffee-chat/person/b").unwrap().as_deref(),
            Some("{broken")
        );
    }

    #[test]
    fn changes_from_another_tab_are_recognised() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        let ben = person("b", "Ben");
        let json = serde_json::to_string(&ben).unwrap();
        assert_eq!(
            repo.external_change("coffee-chat/person/b", Some(&json)),
            ExternalChange::PersonSaved(Box::new(ben.clone()))
        );
        // Ben is now known, so a later edit here does not rewrite the index.
        store.take_writes();
        repo.save_person(&ben).unwrap();
        assert!(!store.take_writes().contains(&PEOPLE_INDEX_KEY.to_string()));

        assert_eq!(
            repo.external_change("coffee-chat/person/b", None),
            ExternalChange::PersonRemoved(PersonId("b".into()))
        );
        assert_eq!(
            repo.external_change("coffee-chat/person/b", Some("{bad")),
            ExternalChange::Unrelated
        );
        assert_eq!(
            repo.external_change("other-app/key", Some("1")),
            ExternalChange::Unrelated
        );
    }
}
