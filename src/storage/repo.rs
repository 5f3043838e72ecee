use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use super::{
    index_key, quarantine_key, record_id_of, record_key, run_migrations, write_verified,
    KeyValueStore, Record, SharedStore, StoreError, CURRENT_SCHEMA, MIGRATIONS, QUARANTINE_PREFIX,
    SCHEMA_KEY, SETTINGS_KEY,
};
use crate::domain::chat::Chat;
use crate::domain::followup::FollowUp;
use crate::domain::person::Person;
use crate::domain::settings::Settings;

/// Records on top of a [`KeyValueStore`]: one key per record, plus an index
/// key per collection that keeps the order records were added in. The index
/// is only a hint: loading also scans for record keys, so a crash between
/// writing a record and its index loses nothing.
pub struct Repository {
    store: SharedStore,
    indexes: Mutex<HashMap<&'static str, Vec<String>>>,
    schema_written: AtomicBool,
    read_only: bool,
}

/// Everything the app keeps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Data {
    pub people: Vec<Person>,
    pub chats: Vec<Chat>,
    pub followups: Vec<FollowUp>,
    pub settings: Settings,
}

/// What opening the store found.
pub struct Opened {
    pub repo: Repository,
    pub data: Data,
    /// Problem that stops saving altogether (newer data, failed migration,
    /// storage that cannot be read).
    pub problem: Option<StoreError>,
}

/// A record another tab saved or removed.
#[derive(Debug, PartialEq)]
pub enum Change<T> {
    Saved(Box<T>),
    Removed(String),
}

/// A change another tab made, as seen through a `storage` event.
#[derive(Debug, PartialEq)]
pub enum ExternalChange {
    Person(Change<Person>),
    Chat(Change<Chat>),
    FollowUp(Change<FollowUp>),
    Settings(Box<Settings>),
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
            indexes: Mutex::new(HashMap::new()),
            schema_written: AtomicBool::new(schema_written),
            read_only: problem.is_some(),
        };
        match repo.load_all() {
            Ok(data) => Opened {
                repo,
                data,
                problem,
            },
            Err(error) => Opened {
                repo: Repository {
                    read_only: true,
                    ..repo
                },
                data: Data::default(),
                problem: Some(error),
            },
        }
    }

    fn load_all(&self) -> Result<Data, StoreError> {
        Ok(Data {
            people: self.load()?,
            chats: self.load()?,
            followups: self.load()?,
            settings: self.load_settings()?,
        })
    }

    fn load<T: Record>(&self) -> Result<Vec<T>, StoreError> {
        let store = self.store.as_ref();
        let index = index_key::<T>();
        let indexed: Vec<String> = match store.get(&index)? {
            None => Vec::new(),
            Some(raw) => match serde_json::from_str(&raw) {
                Ok(ids) => ids,
                Err(_) => {
                    self.set_aside(&index)?;
                    Vec::new()
                }
            },
        };
        let keys = store.keys()?;
        let mut on_disk: Vec<&str> = keys.iter().filter_map(|k| record_id_of::<T>(k)).collect();
        on_disk.sort_unstable();
        let mut order: Vec<String> = Vec::with_capacity(on_disk.len());
        for id in indexed {
            if on_disk.binary_search(&id.as_str()).is_ok() && !order.contains(&id) {
                order.push(id);
            }
        }
        for id in on_disk {
            if !order.iter().any(|known| known == id) {
                order.push(id.to_string());
            }
        }

        let mut records = Vec::with_capacity(order.len());
        for id in order {
            let key = record_key::<T>(&id);
            let Some(raw) = store.get(&key)? else {
                continue;
            };
            match serde_json::from_str::<T>(&raw) {
                Ok(record) if record.record_id() == id => records.push(record),
                _ => self.set_aside(&key)?,
            }
        }
        self.indexes.lock().unwrap().insert(
            T::COLLECTION,
            records.iter().map(|r| r.record_id().to_string()).collect(),
        );
        Ok(records)
    }

    fn load_settings(&self) -> Result<Settings, StoreError> {
        match self.store.get(SETTINGS_KEY)? {
            None => Ok(Settings::default()),
            Some(raw) => match serde_json::from_str(&raw) {
                Ok(settings) => Ok(settings),
                Err(_) => {
                    self.set_aside(SETTINGS_KEY)?;
                    Ok(Settings::default())
                }
            },
        }
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

    fn write_index<T: Record>(&self, ids: &[String]) -> Result<(), StoreError> {
        let json =
            serde_json::to_string(ids).map_err(|e| StoreError::Unavailable(e.to_string()))?;
        write_verified(self.store.as_ref(), &index_key::<T>(), &json)
    }

    /// Saves one record. An edit writes only that record's key; a new
    /// record also updates its index, and is removed again if that fails,
    /// so the store never holds half an addition.
    pub fn save<T: Record>(&self, record: &T) -> Result<(), StoreError> {
        self.ensure_schema()?;
        let id = record.record_id();
        let key = record_key::<T>(id);
        let json =
            serde_json::to_string(record).map_err(|e| StoreError::Unavailable(e.to_string()))?;
        write_verified(self.store.as_ref(), &key, &json)?;
        let mut indexes = self.indexes.lock().unwrap();
        let index = indexes.entry(T::COLLECTION).or_default();
        if !index.iter().any(|known| known == id) {
            index.push(id.to_string());
            if let Err(error) = self.write_index::<T>(index) {
                index.pop();
                let _ = self.store.remove(&key);
                return Err(error);
            }
        }
        Ok(())
    }

    /// Deletes one record: the index first, so a failure there changes
    /// nothing; then the record.
    pub fn delete<T: Record>(&self, id: &str) -> Result<(), StoreError> {
        self.ensure_schema()?;
        let mut indexes = self.indexes.lock().unwrap();
        let index = indexes.entry(T::COLLECTION).or_default();
        let remaining: Vec<String> = index.iter().filter(|i| *i != id).cloned().collect();
        self.write_index::<T>(&remaining)?;
        *index = remaining;
        self.store.remove(&record_key::<T>(id))
    }

    /// Makes the store hold exactly `data`: every record is written first,
    /// and only then are the ones no longer wanted deleted, so a failure
    /// half-way leaves more data, never less.
    pub fn replace_all(&self, data: &Data, current: &Data) -> Result<(), StoreError> {
        for person in &data.people {
            self.save(person)?;
        }
        for chat in &data.chats {
            self.save(chat)?;
        }
        for item in &data.followups {
            self.save(item)?;
        }
        self.save_settings(&data.settings)?;
        fn gone<T: Record>(old: &[T], new: &[T]) -> Vec<String> {
            old.iter()
                .filter(|o| !new.iter().any(|n| n.record_id() == o.record_id()))
                .map(|o| o.record_id().to_string())
                .collect()
        }
        for id in gone(&current.followups, &data.followups) {
            self.delete::<FollowUp>(&id)?;
        }
        for id in gone(&current.chats, &data.chats) {
            self.delete::<Chat>(&id)?;
        }
        for id in gone(&current.people, &data.people) {
            self.delete::<Person>(&id)?;
        }
        Ok(())
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<(), StoreError> {
        self.ensure_schema()?;
        let json =
            serde_json::to_string(settings).map_err(|e| StoreError::Unavailable(e.to_string()))?;
        write_verified(self.store.as_ref(), SETTINGS_KEY, &json)
    }

    fn record_change<T: Record>(&self, id: &str, new_value: Option<&str>) -> Option<Change<T>> {
        let mut indexes = self.indexes.lock().unwrap();
        let index = indexes.entry(T::COLLECTION).or_default();
        match new_value.map(serde_json::from_str::<T>) {
            None => {
                index.retain(|known| known != id);
                Some(Change::Removed(id.to_string()))
            }
            Some(Ok(record)) if record.record_id() == id => {
                if !index.iter().any(|known| known == id) {
                    index.push(id.to_string());
                }
                Some(Change::Saved(Box::new(record)))
            }
            // Left for the next load to set aside; this tab keeps its copy.
            Some(_) => None,
        }
    }

    /// Interprets a `storage` event from another tab (`None` when the key
    /// was removed) and keeps the indexes in step with it.
    pub fn external_change(&self, key: &str, new_value: Option<&str>) -> ExternalChange {
        if let Some(id) = record_id_of::<Person>(key) {
            return self
                .record_change(id, new_value)
                .map_or(ExternalChange::Unrelated, ExternalChange::Person);
        }
        if let Some(id) = record_id_of::<Chat>(key) {
            return self
                .record_change(id, new_value)
                .map_or(ExternalChange::Unrelated, ExternalChange::Chat);
        }
        if let Some(id) = record_id_of::<FollowUp>(key) {
            return self
                .record_change(id, new_value)
                .map_or(ExternalChange::Unrelated, ExternalChange::FollowUp);
        }
        if key == SETTINGS_KEY {
            if let Some(Ok(settings)) = new_value.map(serde_json::from_str::<Settings>) {
                return ExternalChange::Settings(Box::new(settings));
            }
        }
        ExternalChange::Unrelated
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
    use crate::domain::chat::{Chat, ChatId};
    use crate::domain::person::PersonId;
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
        assert!(opened.data.people.is_empty());
        assert!(opened.problem.is_none());
        assert!(store.take_writes().is_empty());
    }

    #[test]
    fn saved_people_come_back_in_the_order_they_were_added() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("b", "Zoë")).unwrap();
        repo.save(&person("a", "Adam")).unwrap();
        let reopened = open(&store);
        assert_eq!(names(&reopened.data.people), ["Zoë", "Adam"]);
        assert_eq!(
            store.get(SCHEMA_KEY).unwrap().as_deref(),
            Some(CURRENT_SCHEMA.to_string().as_str())
        );
    }

    #[test]
    fn an_edit_writes_only_the_record_it_changes() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
        repo.save(&person("b", "Ben")).unwrap();
        store.take_writes();
        let mut ana = person("a", "Ana");
        ana.notes = "Met at the library".into();
        repo.save(&ana).unwrap();
        assert_eq!(store.take_writes(), ["coffee-chat/person/a"]);
    }

    #[test]
    fn an_unreadable_record_is_set_aside_untouched_and_the_rest_load() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
        repo.save(&person("b", "Ben")).unwrap();
        repo.save(&person("c", "Cleo")).unwrap();
        let garbage = r#"{"id":"b","name":"Ben", oops"#;
        store.insert_raw("coffee-chat/person/b", garbage);

        let opened = open(&store);
        assert_eq!(names(&opened.data.people), ["Ana", "Cleo"]);
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
        again.repo.save(&person("d", "Dev")).unwrap();
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
        repo.save(&person("a", "Ana")).unwrap();
        let ana = store.get("coffee-chat/person/a").unwrap().unwrap();
        store.insert_raw("coffee-chat/person/z", &ana);
        let opened = open(&store);
        assert_eq!(names(&opened.data.people), ["Ana"]);
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
        repo.save(&person("a", "Ana")).unwrap();
        repo.save(&person("b", "Ben")).unwrap();
        store.insert_raw(index_key::<Person>().as_str(), "[not json");
        let opened = open(&store);
        assert_eq!(names(&opened.data.people), ["Ana", "Ben"]);
        assert_eq!(opened.repo.quarantined_count(), 1);
    }

    #[test]
    fn a_record_missing_from_the_index_is_still_loaded() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
        let ben = serde_json::to_string(&person("b", "Ben")).unwrap();
        store.insert_raw("coffee-chat/person/b", &ben);
        assert_eq!(names(&open(&store).data.people), ["Ana", "Ben"]);
    }

    #[test]
    fn a_full_store_refuses_the_edit_and_keeps_every_other_record() {
        let store = Arc::new(MemoryStore::with_capacity(900));
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
        let before = store.snapshot();

        let mut big = person("b", "Ben");
        big.notes = "x".repeat(1000);
        assert_eq!(repo.save(&big), Err(StoreError::Quota));
        assert_eq!(store.snapshot(), before);

        let mut ana = person("a", "Ana");
        ana.notes = "y".repeat(1000);
        assert_eq!(repo.save(&ana), Err(StoreError::Quota));
        assert_eq!(store.snapshot(), before);
        assert_eq!(names(&open(&store).data.people), ["Ana"]);
    }

    #[test]
    fn a_new_person_whose_index_write_fails_is_not_left_behind() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
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
        assert_eq!(repo.save(&person("b", "Ben")), Err(StoreError::Quota));
        assert_eq!(tight.snapshot(), store.snapshot());
    }

    #[test]
    fn delete_removes_the_record_and_its_index_entry() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
        repo.save(&person("b", "Ben")).unwrap();
        store.take_writes();
        repo.delete::<Person>("a").unwrap();
        assert_eq!(
            store.take_writes(),
            [index_key::<Person>().as_str(), "coffee-chat/person/a"]
        );
        assert_eq!(names(&open(&store).data.people), ["Ben"]);
        assert_eq!(
            store
                .get(index_key::<Person>().as_str())
                .unwrap()
                .as_deref(),
            Some(r#"["b"]"#)
        );
    }

    #[test]
    fn data_from_a_newer_version_is_read_but_never_written() {
        let store = Arc::new(MemoryStore::new());
        open(&store).repo.save(&person("a", "Ana")).unwrap();
        store.insert_raw(SCHEMA_KEY, &(CURRENT_SCHEMA + 1).to_string());
        store.insert_raw("coffee-chat/person/b", "{broken");
        store.take_writes();

        let opened = open(&store);
        assert_eq!(names(&opened.data.people), ["Ana"]);
        assert_eq!(opened.problem, Some(StoreError::ReadOnly));
        assert!(opened.repo.is_read_only());
        assert_eq!(
            opened.repo.save(&person("c", "Cleo")),
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
            ExternalChange::Person(Change::Saved(Box::new(ben.clone())))
        );
        // Ben is now known, so a later edit here does not rewrite the index.
        store.take_writes();
        repo.save(&ben).unwrap();
        assert!(!store
            .take_writes()
            .contains(&index_key::<Person>().as_str().to_string()));

        assert_eq!(
            repo.external_change("coffee-chat/person/b", None),
            ExternalChange::Person(Change::Removed("b".into()))
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

    #[test]
    fn chats_and_follow_ups_are_records_of_their_own() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        let ana = person("a", "Ana");
        repo.save(&ana).unwrap();
        let chat = Chat::new(ChatId("c1".into()), ana.id.clone(), ana.created_at, &[]);
        repo.save(&chat).unwrap();
        store.take_writes();
        let mut edited = chat.clone();
        edited.place = "Café".into();
        repo.save(&edited).unwrap();
        assert_eq!(store.take_writes(), ["coffee-chat/chat/c1"]);

        let data = open(&store).data;
        assert_eq!(data.chats, [edited]);
        assert_eq!(data.people, [ana]);
        assert!(data.followups.is_empty());
    }

    #[test]
    fn settings_are_saved_and_an_unreadable_copy_is_set_aside() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        assert_eq!(open(&store).data.settings, Settings::default());
        let settings = Settings {
            my_name: "Sam".into(),
            ..Settings::default()
        };
        repo.save_settings(&settings).unwrap();
        assert_eq!(open(&store).data.settings, settings);

        store.insert_raw(SETTINGS_KEY, "{\"my_name\": 3");
        let opened = open(&store);
        assert_eq!(opened.data.settings, Settings::default());
        assert_eq!(opened.repo.quarantined_count(), 1);
        assert_eq!(
            store
                .get("coffee-chat/quarantine/settings")
                .unwrap()
                .as_deref(),
            Some("{\"my_name\": 3")
        );
    }

    #[test]
    fn replacing_everything_writes_the_new_and_then_removes_the_old() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
        repo.save(&person("b", "Ben")).unwrap();
        let current = open(&store).data;
        let wanted = Data {
            people: vec![person("b", "Ben B."), person("c", "Cleo")],
            ..Data::default()
        };
        repo.replace_all(&wanted, &current).unwrap();
        assert_eq!(names(&open(&store).data.people), ["Ben B.", "Cleo"]);
        assert_eq!(store.get("coffee-chat/person/a").unwrap(), None);
    }

    #[test]
    fn settings_from_another_tab_are_recognised() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        let json = serde_json::to_string(&Settings::default()).unwrap();
        assert_eq!(
            repo.external_change(SETTINGS_KEY, Some(&json)),
            ExternalChange::Settings(Box::default())
        );
        let chat = Chat::new(
            ChatId("c".into()),
            PersonId("p".into()),
            chrono::Utc::now(),
            &[],
        );
        let json = serde_json::to_string(&chat).unwrap();
        assert_eq!(
            repo.external_change("coffee-chat/chat/c", Some(&json)),
            ExternalChange::Chat(Change::Saved(Box::new(chat)))
        );
    }
}
