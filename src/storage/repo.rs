//! The repository: records one per key with an index, opening and
//! migrating the store, quarantine, merged writes, imports and deletions.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use chrono::Utc;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::devices::Replica;
use super::merge::{merge, Versioned};
use super::{
    index_key, index_key_in, quarantine_key, record_id_in, record_id_of, record_key,
    run_migrations, write_verified, Record, SharedStore, StoreError, CURRENT_SCHEMA, DELETED_KEY,
    DEVICE_KEY, FIRST_PAINT_KEY, GLANCE_KEY, IMPORT_JOURNAL_KEY, MIGRATIONS, NAMESPACE,
    QUARANTINE_PREFIX, SCHEMA_KEY, SETTINGS_KEY, STAGING_PREFIX,
};
use crate::domain::chat::Chat;
use crate::domain::followup::FollowUp;
use crate::domain::person::Person;
use crate::domain::settings::Settings;
use crate::domain::targets::Target;

/// This device, for the files it sends to and takes from the others.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Device {
    pub id: String,
    /// Another device's id to when the last file taken from it was made.
    pub taken: serde_json::Map<String, serde_json::Value>,
    /// The texts this device took in from others (see `devices`).
    pub arrived: serde_json::Map<String, serde_json::Value>,
}

/// Records on top of a [`KeyValueStore`]: one key per record, plus an index
/// key per collection that keeps the order records were added in. The index
/// is only a hint: loading also scans for record keys, so a crash between
/// writing a record and its index loses nothing.
pub struct Repository {
    store: SharedStore,
    indexes: Mutex<HashMap<&'static str, Vec<String>>>,
    /// Each record as this tab last read, wrote or merged it, with when each
    /// part changed (see `merge`): what this tab's edits since are measured
    /// against, so that only what it changed takes a new time.
    known: Mutex<HashMap<String, String>>,
    /// Milliseconds since the Unix epoch, for the times of changes.
    clock: Box<dyn Fn() -> u64 + Send + Sync>,
    read_only: AtomicBool,
    /// Unreadable records that could not be copied aside (storage full, or
    /// read-only) and so stay under their own key, hidden but counted.
    unreadable_in_place: Mutex<Vec<String>>,
}

/// Everything the app keeps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Data {
    pub people: Vec<Person>,
    pub chats: Vec<Chat>,
    pub followups: Vec<FollowUp>,
    pub targets: Vec<Target>,
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

/// The store being opened: prepared, with its records still to read (see
/// [`Repository::opening`]).
pub struct Opening {
    repo: Repository,
    problem: Option<StoreError>,
    reading: Result<Reading, StoreError>,
}

/// Records being read a batch at a time.
struct Reading {
    /// Record keys still to read, in the order records are loaded.
    queue: std::vec::IntoIter<String>,
    data: Data,
}

/// Records read and decoded between two checks of the time: enough that a
/// check costs nothing, few enough that a step ends close to its budget.
const READ_BATCH: usize = 32;

impl Opening {
    /// Reads records until `keep_going` says stop. True once every record
    /// is read; a store that fails to read counts as read, and
    /// [`Opening::opened`] reports it.
    pub fn read_some(&mut self, keep_going: &mut dyn FnMut() -> bool) -> bool {
        let Ok(reading) = &mut self.reading else {
            return true;
        };
        match self.repo.read_some(reading, keep_going) {
            Ok(done) => done,
            Err(error) => {
                self.reading = Err(error);
                true
            }
        }
    }

    /// What opening found, once any records still unread are read.
    pub fn opened(mut self) -> Opened {
        self.read_some(&mut || true);
        let Opening {
            repo,
            problem,
            reading,
        } = self;
        match reading {
            Ok(reading) => Opened {
                data: repo.finish_reading(reading),
                repo,
                problem,
            },
            Err(error) => {
                repo.read_only.store(true, Ordering::Relaxed);
                Opened {
                    repo,
                    data: Data::default(),
                    problem: Some(error),
                }
            }
        }
    }
}

/// A record another tab saved or removed, already merged with this tab's
/// copy.
#[derive(Debug, PartialEq)]
pub enum Change<T> {
    /// Saved there; this tab now holds what is stored.
    Saved(Box<T>),
    /// Saved there, and merged here with changes the stored copy lacks:
    /// this tab must write it again.
    Kept(Box<T>),
    Removed(String),
}

/// A change another tab made, as seen through a `storage` event.
#[derive(Debug, PartialEq)]
pub enum ExternalChange {
    Person(Change<Person>),
    Chat(Change<Chat>),
    FollowUp(Change<FollowUp>),
    Target(Change<Target>),
    /// Never `Removed`: settings always exist.
    Settings(Change<Settings>),
    /// Another tab moved the data to another schema: this tab stops writing.
    SchemaChanged,
    Unrelated,
}

/// What an import still has to do once every new record is staged. Written
/// to [`IMPORT_JOURNAL_KEY`] before the first real key changes, so an import
/// cut short is finished on the next start instead of left half done.
#[derive(Debug, Default, Serialize, Deserialize)]
struct ImportJournal {
    remove: Vec<String>,
    apply: Vec<String>,
    indexes: Vec<(String, Vec<String>)>,
}

fn staging_key(key: &str) -> String {
    let name = key.strip_prefix(NAMESPACE).unwrap_or(key);
    format!("{STAGING_PREFIX}{name}")
}

fn to_json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Unavailable(e.to_string()))
}

/// The record a merged version holds, if this build can read it.
fn decode<T: DeserializeOwned>(version: &Versioned) -> Option<T> {
    // Through text, not `from_value`: a second way to decode every record
    // would cost the download tens of kilobytes.
    serde_json::from_str(&serde_json::to_string(&version.fields).ok()?).ok()
}

/// A record's fields, through its text for the same reason as [`decode`].
pub(super) fn fields_of<T: Serialize>(
    record: &T,
) -> Result<serde_json::Map<String, serde_json::Value>, StoreError> {
    match serde_json::from_str(&to_json(record)?) {
        Ok(serde_json::Value::Object(fields)) => Ok(fields),
        _ => Err(StoreError::Unavailable("not a record".into())),
    }
}

fn is_record_key(key: &str) -> bool {
    record_id_of::<Person>(key).is_some()
        || record_id_of::<Chat>(key).is_some()
        || record_id_of::<FollowUp>(key).is_some()
        || record_id_of::<Target>(key).is_some()
        || key == SETTINGS_KEY
}

impl Repository {
    fn new(store: SharedStore) -> Repository {
        Repository {
            store,
            indexes: Mutex::new(HashMap::new()),
            known: Mutex::new(HashMap::new()),
            clock: Box::new(|| Utc::now().timestamp_millis().max(0) as u64),
            read_only: AtomicBool::new(false),
            unreadable_in_place: Mutex::new(Vec::new()),
        }
    }

    /// Times this tab's changes by `clock` (milliseconds since the Unix
    /// epoch) instead of the system's.
    pub fn use_clock(&mut self, clock: impl Fn() -> u64 + Send + Sync + 'static) {
        self.clock = Box::new(clock);
    }

    pub fn open(store: SharedStore) -> Opened {
        Repository::opening(store).opened()
    }

    /// Checks and prepares the store and lists the records to read, leaving
    /// the reading to [`Opening::read_some`] so that a page can spread a
    /// year of data over tasks short enough not to hold up a tap.
    pub fn opening(store: SharedStore) -> Opening {
        let repo = Repository::new(store);
        let (keys, problem) = match repo.prepare() {
            Ok(keys) => (Ok(keys), None),
            Err(problem) => {
                repo.read_only.store(true, Ordering::Relaxed);
                (repo.store.keys(), Some(problem))
            }
        };
        let reading = keys.and_then(|keys| repo.start_reading(&keys));
        Opening {
            repo,
            problem,
            reading,
        }
    }

    /// Reads everything without writing a byte, for the crash screen's
    /// export: whatever state the app was in, the stored data comes out.
    pub fn read_without_writing(store: SharedStore) -> Data {
        let repo = Repository::new(store);
        repo.read_only.store(true, Ordering::Relaxed);
        repo.load_all().unwrap_or_default()
    }

    /// Brings the store to a state this build can write: the schema checked
    /// and migrated, an interrupted import finished, stray staging removed.
    /// Gives the keys it leaves, read once for the whole start.
    fn prepare(&self) -> Result<Vec<String>, StoreError> {
        self.prepare_schema()?;
        let store = self.store.as_ref();
        if let Some(raw) = store.get(IMPORT_JOURNAL_KEY)? {
            match serde_json::from_str::<ImportJournal>(&raw) {
                Ok(journal) => self.finish_import(&journal)?,
                Err(_) => self.set_aside(IMPORT_JOURNAL_KEY)?,
            }
        }
        let mut keys = store.keys()?;
        for staged in keys.extract_if(.., |key| key.starts_with(STAGING_PREFIX)) {
            store.remove(&staged)?;
        }
        Ok(keys)
    }

    /// Keeps the loader's hint ([`FIRST_PAINT_KEY`]) current, writing only
    /// when it changes. A refused write is left at that: it is not data.
    pub fn note_first_paint(&self, hint: &str) {
        if self.store.get(FIRST_PAINT_KEY).ok().flatten().as_deref() != Some(hint) {
            let _ = self.store.set(FIRST_PAINT_KEY, hint);
        }
    }

    /// Keeps Today's glance ([`GLANCE_KEY`]) as `text`, or removes it for
    /// `None`, writing only when it changes. A glance that cannot be written
    /// is removed rather than left out of date.
    pub fn note_glance(&self, text: Option<&str>) {
        let store = self.store.as_ref();
        if store.get(GLANCE_KEY).ok().flatten().as_deref() == text {
            return;
        }
        if text.is_none_or(|text| store.set(GLANCE_KEY, text).is_err()) {
            let _ = store.remove(GLANCE_KEY);
        }
    }

    /// Reads the stored schema version and migrates older data. A version
    /// that is not a number at all (or 0) is damage, not a newer app: it is
    /// set aside like any unreadable record and written again on the next save.
    fn prepare_schema(&self) -> Result<(), StoreError> {
        let store = self.store.as_ref();
        let Some(raw) = store.get(SCHEMA_KEY)? else {
            return Ok(());
        };
        match raw.trim().parse::<u32>() {
            Ok(version) if version == CURRENT_SCHEMA => Ok(()),
            Ok(version) if (1..CURRENT_SCHEMA).contains(&version) => {
                run_migrations(store, version, MIGRATIONS).map(|_| ())
            }
            Ok(version) if version > CURRENT_SCHEMA => Err(StoreError::ReadOnly),
            _ => self.set_aside(SCHEMA_KEY),
        }
    }

    /// Everything stored, read again from the store.
    pub fn load_all(&self) -> Result<Data, StoreError> {
        let mut reading = self.start_reading(&self.store.keys()?)?;
        self.read_some(&mut reading, &mut || true)?;
        Ok(self.finish_reading(reading))
    }

    /// The settings, and every record key in the order records are loaded.
    fn start_reading(&self, keys: &[String]) -> Result<Reading, StoreError> {
        self.known.lock().unwrap().clear();
        self.unreadable_in_place.lock().unwrap().clear();
        let settings = self.load_settings(self.store.get(SETTINGS_KEY)?)?;
        let mut queue = self.load_order(Person::COLLECTION, keys)?;
        queue.extend(self.load_order(Chat::COLLECTION, keys)?);
        queue.extend(self.load_order(FollowUp::COLLECTION, keys)?);
        queue.extend(self.load_order(Target::COLLECTION, keys)?);
        Ok(Reading {
            queue: queue.into_iter(),
            data: Data {
                settings,
                ..Data::default()
            },
        })
    }

    /// The keys of the collection's records among `keys`: in the order of
    /// its index, then those the index does not know.
    fn load_order(&self, collection: &str, keys: &[String]) -> Result<Vec<String>, StoreError> {
        let index = index_key_in(collection);
        let indexed: Vec<String> = match self.store.get(&index)? {
            None => Vec::new(),
            Some(raw) => match serde_json::from_str(&raw) {
                Ok(ids) => ids,
                Err(_) => {
                    self.set_aside(&index)?;
                    Vec::new()
                }
            },
        };
        // Each record's id with its key, sorted by id: the keys are taken
        // as they are, not made again from the ids.
        let mut on_disk: Vec<(&str, &String)> = keys
            .iter()
            .filter_map(|key| Some((record_id_in(collection, key)?, key)))
            .collect();
        on_disk.sort_unstable_by_key(|(id, _)| *id);
        let mut order = Vec::with_capacity(on_disk.len());
        let mut taken = vec![false; on_disk.len()];
        let mut take = |at: usize| {
            if !std::mem::replace(&mut taken[at], true) {
                order.push(on_disk[at].1.clone());
            }
        };
        for id in &indexed {
            if let Ok(at) = on_disk.binary_search_by_key(&id.as_str(), |(id, _)| id) {
                take(at);
            }
        }
        (0..on_disk.len()).for_each(take);
        Ok(order)
    }

    /// Reads and decodes the next records, a batch at a time, until
    /// `keep_going` says stop. True once every record is read. Each record
    /// is read and decoded in the same step, so one that turns out
    /// unreadable is set aside as it was read.
    fn read_some(
        &self,
        reading: &mut Reading,
        keep_going: &mut dyn FnMut() -> bool,
    ) -> Result<bool, StoreError> {
        loop {
            let batch: Vec<String> = reading.queue.by_ref().take(READ_BATCH).collect();
            if batch.is_empty() {
                return Ok(true);
            }
            for (key, raw) in self.store.entries_of(&batch)? {
                let data = &mut reading.data;
                if record_id_of::<Person>(&key).is_some() {
                    self.decode_into(key, raw, &mut data.people)?;
                } else if record_id_of::<Chat>(&key).is_some() {
                    self.decode_into(key, raw, &mut data.chats)?;
                } else if record_id_of::<FollowUp>(&key).is_some() {
                    self.decode_into(key, raw, &mut data.followups)?;
                } else {
                    self.decode_into(key, raw, &mut data.targets)?;
                }
            }
            if !keep_going() {
                return Ok(reading.queue.len() == 0);
            }
        }
    }

    /// Adds the record stored as `raw` under `key` to `records`, or sets it
    /// aside when it cannot be read as one.
    fn decode_into<T: Record>(
        &self,
        key: String,
        raw: String,
        records: &mut Vec<T>,
    ) -> Result<(), StoreError> {
        match serde_json::from_str::<T>(&raw) {
            Ok(record) if record_id_of::<T>(&key) == Some(record.record_id()) => {
                records.push(record);
                self.known.lock().unwrap().insert(key, raw);
                Ok(())
            }
            _ => self.set_aside(&key),
        }
    }

    fn finish_reading(&self, reading: Reading) -> Data {
        fn ids<T: Record>(records: &[T]) -> Vec<String> {
            records.iter().map(|r| r.record_id().to_string()).collect()
        }
        let data = reading.data;
        let mut indexes = self.indexes.lock().unwrap();
        indexes.insert(Person::COLLECTION, ids(&data.people));
        indexes.insert(Chat::COLLECTION, ids(&data.chats));
        indexes.insert(FollowUp::COLLECTION, ids(&data.followups));
        indexes.insert(Target::COLLECTION, ids(&data.targets));
        drop(indexes);
        data
    }

    fn load_settings(&self, stored: Option<String>) -> Result<Settings, StoreError> {
        match stored {
            None => {
                // The defaults, as if written at the start of time, so that
                // what this tab types in them is a change from them.
                let defaults = Settings::default();
                if let Ok(fields) = fields_of(&defaults) {
                    let held = Versioned::new(fields, 0).to_text();
                    self.known
                        .lock()
                        .unwrap()
                        .insert(SETTINGS_KEY.to_string(), held);
                }
                Ok(defaults)
            }
            Some(raw) => match serde_json::from_str(&raw) {
                Ok(settings) => {
                    self.known
                        .lock()
                        .unwrap()
                        .insert(SETTINGS_KEY.to_string(), raw);
                    Ok(settings)
                }
                Err(_) => {
                    self.set_aside(SETTINGS_KEY)?;
                    Ok(Settings::default())
                }
            },
        }
    }

    /// Moves an unreadable record under the quarantine prefix, byte for
    /// byte, and only then removes the original. If the copy cannot be
    /// written the original stays where it is, counted among the unreadable
    /// records: nothing is deleted without a verified copy, and nothing is
    /// hidden without a word.
    fn set_aside(&self, key: &str) -> Result<(), StoreError> {
        let store = self.store.as_ref();
        let Some(raw) = store.get(key)? else {
            return Ok(());
        };
        if self.is_read_only() {
            self.unreadable_in_place
                .lock()
                .unwrap()
                .push(key.to_string());
            return Ok(());
        }
        let mut attempt = 0;
        loop {
            let target = quarantine_key(key, attempt);
            match store.get(&target)? {
                None => {
                    if write_verified(store, &target, &raw).is_err() {
                        let _ = store.remove(&target);
                        self.unreadable_in_place
                            .lock()
                            .unwrap()
                            .push(key.to_string());
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

    /// How many unreadable records there are: kept aside, from this load or
    /// earlier, and those that could not be moved aside.
    pub fn quarantined_count(&self) -> usize {
        let aside = self
            .store
            .keys()
            .map(|keys| {
                keys.iter()
                    .filter(|k| k.starts_with(QUARANTINE_PREFIX))
                    .count()
            })
            .unwrap_or(0);
        aside + self.unreadable_left_in_place()
    }

    /// Unreadable records still under their own key, because storage had no
    /// room (or no permission) for the copy.
    pub fn unreadable_left_in_place(&self) -> usize {
        self.unreadable_in_place.lock().unwrap().len()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.load(Ordering::Relaxed)
    }

    /// Checks the stored schema before every write, so a tab never writes
    /// over data that another tab has moved to a newer version.
    fn ensure_schema(&self) -> Result<(), StoreError> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly);
        }
        let store = self.store.as_ref();
        match store.get(SCHEMA_KEY)? {
            Some(raw) if raw.trim().parse() == Ok(CURRENT_SCHEMA) => Ok(()),
            Some(raw) if is_newer_schema(&raw) => {
                self.read_only.store(true, Ordering::Relaxed);
                Err(StoreError::ReadOnly)
            }
            _ => write_verified(store, SCHEMA_KEY, &CURRENT_SCHEMA.to_string()),
        }
    }

    fn write_index<T: Record>(&self, ids: &[String]) -> Result<(), StoreError> {
        write_verified(self.store.as_ref(), &index_key::<T>(), &to_json(&ids)?)
    }

    /// `fields` as a new version of `held`, what this tab holds under the
    /// key: the parts they change since then take the time now. A record
    /// this tab has never held counts as written at `first_written_at`.
    fn versioned(
        &self,
        held: Option<Versioned>,
        fields: serde_json::Map<String, serde_json::Value>,
        first_written_at: u64,
    ) -> Versioned {
        match held {
            Some(held) => held.changed_to(fields, (self.clock)()),
            None => Versioned::new(fields, first_written_at),
        }
    }

    fn held(&self, key: &str) -> Option<Versioned> {
        Versioned::parse(self.known.lock().unwrap().get(key)?)
    }

    /// The version stored as `text`, its changes timed against `held` if
    /// it has no times.
    fn stored_version(&self, held: Option<&Versioned>, text: &str) -> Option<Versioned> {
        let stored = Versioned::parse(text)?;
        Some(match held {
            Some(held) => stored.timed_against(held, (self.clock)()),
            None => stored,
        })
    }

    /// Writes `value` under `key`, merged part by part with whatever
    /// another tab stored there (see `merge`). Returns the merged value
    /// when it differs from `value`, so the caller can show it.
    fn write_merged<T: Serialize + DeserializeOwned>(
        &self,
        key: &str,
        value: &T,
    ) -> Result<Option<T>, StoreError> {
        let mut merged = None;
        self.write_version(key, fields_of(value)?, &mut |both| {
            merged = decode::<T>(both);
            merged.is_some()
        })?;
        Ok(merged)
    }

    /// [`Repository::write_merged`] for any kind of record: `readable` is
    /// asked about a merge that differs from `fields`, and one this build
    /// cannot read back keeps this tab's version.
    fn write_version(
        &self,
        key: &str,
        fields: serde_json::Map<String, serde_json::Value>,
        readable: &mut dyn FnMut(&Versioned) -> bool,
    ) -> Result<(), StoreError> {
        let store = self.store.as_ref();
        let stored = store.get(key)?;
        let held = self.held(key);
        let theirs = stored
            .as_deref()
            .and_then(|text| self.stored_version(held.as_ref(), text));
        let mine = self.versioned(held, fields, (self.clock)());
        let version = match theirs.filter(|theirs| theirs != &mine) {
            Some(theirs) => {
                let both = merge(&mine, &theirs);
                if both.fields == mine.fields || readable(&both) {
                    both
                } else {
                    mine
                }
            }
            None => mine,
        };
        let text = version.to_text();
        if stored.as_deref() != Some(text.as_str()) {
            write_verified(store, key, &text)?;
        }
        self.known.lock().unwrap().insert(key.to_string(), text);
        Ok(())
    }

    /// Saves one record, merged with any newer stored copy (see
    /// [`Repository::write_merged`]). An edit writes only that record's key;
    /// a new record also updates its index, and is removed again if that
    /// fails, so the store never holds half an addition.
    pub fn save<T: Record>(&self, record: &T) -> Result<Option<T>, StoreError> {
        self.ensure_schema()?;
        let id = record.record_id();
        let key = record_key::<T>(id);
        let merged = self.write_merged(&key, record)?;
        let mut indexes = self.indexes.lock().unwrap();
        let index = indexes.entry(T::COLLECTION).or_default();
        if !index.iter().any(|known| known == id) {
            index.push(id.to_string());
            if let Err(error) = self.write_index::<T>(index) {
                index.pop();
                let _ = self.store.remove(&key);
                self.known.lock().unwrap().remove(&key);
                return Err(error);
            }
        }
        Ok(merged)
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<Option<Settings>, StoreError> {
        self.ensure_schema()?;
        self.write_merged(SETTINGS_KEY, settings)
    }

    /// Deletes one record, for good: other devices delete it too when they
    /// take this device's next backup.
    pub fn delete<T: Record>(&self, id: &str) -> Result<(), StoreError> {
        let key = self.remove::<T>(id)?;
        // After the removal, which makes room for it. Without it the record
        // could come back from another device's file.
        let mut deleted = self.deleted();
        deleted.insert(key, (self.clock)().into());
        self.write_deleted(&deleted)
    }

    /// Moves one record out of this device's storage into an archive file:
    /// other devices keep it, and the file brings it back.
    pub fn archive<T: Record>(&self, id: &str) -> Result<(), StoreError> {
        self.remove::<T>(id).map(drop)
    }

    /// Removes one record: the index first, so a failure there changes
    /// nothing; then the record. Returns its key.
    fn remove<T: Record>(&self, id: &str) -> Result<String, StoreError> {
        self.remove_in(T::COLLECTION, id)
    }

    fn remove_in(&self, collection: &'static str, id: &str) -> Result<String, StoreError> {
        self.ensure_schema()?;
        let mut indexes = self.indexes.lock().unwrap();
        let index = indexes.entry(collection).or_default();
        let remaining: Vec<String> = index.iter().filter(|i| *i != id).cloned().collect();
        write_verified(
            self.store.as_ref(),
            &index_key_in(collection),
            &to_json(&remaining)?,
        )?;
        *index = remaining;
        let key = format!("{NAMESPACE}{collection}/{id}");
        self.known.lock().unwrap().remove(&key);
        self.store.remove(&key)?;
        Ok(key)
    }

    /// Deleted records, key to when (see [`DELETED_KEY`]).
    fn deleted(&self) -> serde_json::Map<String, serde_json::Value> {
        self.stored_map(DELETED_KEY).unwrap_or_default()
    }

    /// The JSON object stored under `key`, read as a generic value: a
    /// decoder of its own would cost the download more.
    fn stored_map(&self, key: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
        match serde_json::from_str(&self.store.get(key).ok()??).ok()? {
            serde_json::Value::Object(map) => Some(map),
            _ => None,
        }
    }

    fn write_deleted(
        &self,
        deleted: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<(), StoreError> {
        write_verified(self.store.as_ref(), DELETED_KEY, &to_json(deleted)?)
    }

    /// Everything this device holds, with when each part changed and what
    /// was deleted: what a backup for another device carries. Records from
    /// before parts had times count as changed when they were last updated.
    pub fn replica(&self) -> Replica {
        let known = self.known.lock().unwrap();
        let mut replica = Replica {
            records: serde_json::Map::new(),
            deleted: self.deleted(),
        };
        for (key, text) in known.iter().filter(|(key, _)| is_record_key(key)) {
            if let Some(version) = Versioned::parse(text) {
                replica.put(key.clone(), &version.dated_by_its_update());
            }
        }
        replica
    }

    /// Makes the store hold `replica`, all or nothing, through the same
    /// staging as [`Repository::replace_all`]; each collection's index
    /// keeps the order of `data`, then the records new to it.
    pub fn replace_with(&self, replica: &Replica, data: &Data) -> Result<(), StoreError> {
        self.ensure_schema()?;
        fn order<T: Record>(held: &[T], replica: &Replica) -> (String, Vec<String>) {
            let mut ids: Vec<String> = held
                .iter()
                .map(|r| r.record_id().to_string())
                .filter(|id| replica.records.contains_key(&record_key::<T>(id)))
                .collect();
            for key in replica.records.keys() {
                if let Some(id) = record_id_of::<T>(key) {
                    if !ids.iter().any(|known| known == id) {
                        ids.push(id.to_string());
                    }
                }
            }
            (index_key::<T>(), ids)
        }
        let indexes = vec![
            order(&data.people, replica),
            order(&data.chats, replica),
            order(&data.followups, replica),
            order(&data.targets, replica),
        ];
        let wanted = replica
            .records
            .keys()
            .filter_map(|key| Some((key.clone(), replica.get(key)?)))
            .collect();
        self.switch_to(wanted, indexes)?;
        self.write_deleted(&replica.deleted)
    }

    /// When the last file from each other device was made, and this
    /// device's id, made now if it has none (and then not yet stored).
    pub fn device(&self, new_id: impl FnOnce() -> String) -> Device {
        let mut stored = self.stored_map(DEVICE_KEY).unwrap_or_default();
        let mut map = |name: &str| match stored.remove(name) {
            Some(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        let (taken, arrived) = (map("taken"), map("arrived"));
        match stored.get("id").and_then(serde_json::Value::as_str) {
            Some(id) if !id.is_empty() => Device {
                id: id.to_string(),
                taken,
                arrived,
            },
            // Remembered only once a file names it.
            _ => Device {
                id: new_id(),
                ..Device::default()
            },
        }
    }

    pub fn remember_device(&self, device: &Device) -> Result<(), StoreError> {
        write_verified(self.store.as_ref(), DEVICE_KEY, &to_json(device)?)
    }

    /// Makes the store hold exactly `data`, all or nothing. Every record
    /// that changes is first written under a staging key; if that fails (a
    /// full store, say) the staging is removed and the store is as it was.
    /// Only once all of them are written does a journal commit the import
    /// and the real keys switch over, a step the next start repeats if it
    /// is cut short.
    pub fn replace_all(&self, data: &Data) -> Result<(), StoreError> {
        self.ensure_schema()?;
        let mut wanted: Vec<(String, Versioned)> = Vec::new();
        let mut indexes = Vec::new();
        // Each record as a change from what this tab holds, so the parts an
        // import changes outdate what other tabs hold, and nothing else does.
        fn collect<T: Record>(
            repo: &Repository,
            records: &[T],
            wanted: &mut Vec<(String, Versioned)>,
            indexes: &mut Vec<(String, Vec<String>)>,
        ) -> Result<(), StoreError> {
            for record in records {
                let key = record_key::<T>(record.record_id());
                let version = repo.versioned(repo.held(&key), fields_of(record)?, (repo.clock)());
                wanted.push((key, version));
            }
            indexes.push((
                index_key::<T>(),
                records.iter().map(|r| r.record_id().to_string()).collect(),
            ));
            Ok(())
        }
        collect(self, &data.people, &mut wanted, &mut indexes)?;
        collect(self, &data.chats, &mut wanted, &mut indexes)?;
        collect(self, &data.followups, &mut wanted, &mut indexes)?;
        collect(self, &data.targets, &mut wanted, &mut indexes)?;
        wanted.push((
            SETTINGS_KEY.to_string(),
            self.versioned(
                self.held(SETTINGS_KEY),
                fields_of(&data.settings)?,
                (self.clock)(),
            ),
        ));

        self.switch_to(wanted, indexes)
    }

    /// Stages every record of `wanted` that differs from what is stored,
    /// removes every record key it lacks, and switches over in one
    /// journalled step.
    fn switch_to(
        &self,
        wanted: Vec<(String, Versioned)>,
        indexes: Vec<(String, Vec<String>)>,
    ) -> Result<(), StoreError> {
        let store = self.store.as_ref();
        let remove: Vec<String> = store
            .keys()?
            .into_iter()
            .filter(|key| is_record_key(key) && !wanted.iter().any(|(k, _)| k == key))
            .collect();
        let mut apply = Vec::new();
        let mut staged = Vec::new();
        let stage = || -> Result<(), StoreError> {
            for (key, version) in &wanted {
                let stored = store.get(key)?;
                if stored.as_deref().and_then(Versioned::parse).as_ref() == Some(version) {
                    continue;
                }
                let target = staging_key(key);
                staged.push(target.clone());
                write_verified(store, &target, &version.to_text())?;
                apply.push(key.clone());
            }
            let journal = ImportJournal {
                remove,
                apply: apply.clone(),
                indexes,
            };
            write_verified(store, IMPORT_JOURNAL_KEY, &to_json(&journal)?)?;
            Ok(())
        };
        if let Err(error) = stage() {
            for key in staged {
                let _ = store.remove(&key);
            }
            let _ = store.remove(IMPORT_JOURNAL_KEY);
            return Err(error);
        }
        let journal = store
            .get(IMPORT_JOURNAL_KEY)?
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default();
        self.finish_import(&journal)
    }

    /// Switches a committed import over: removals first, which only free
    /// room; then each staged record moves to its real key. Safe to repeat.
    fn finish_import(&self, journal: &ImportJournal) -> Result<(), StoreError> {
        let store = self.store.as_ref();
        for key in &journal.remove {
            store.remove(key)?;
        }
        for key in &journal.apply {
            let staged = staging_key(key);
            let Some(value) = store.get(&staged)? else {
                continue;
            };
            if store.set(key, &value).is_err() {
                // No room for two copies: the staged one makes room, and the
                // value is still held here.
                store.remove(&staged)?;
                write_verified(store, key, &value)?;
            }
            store.remove(&staged)?;
        }
        for (key, ids) in &journal.indexes {
            // The index is a hint: loading finds records without it.
            let _ = write_verified(store, key, &to_json(ids)?);
        }
        store.remove(IMPORT_JOURNAL_KEY)
    }

    /// Characters this app keeps in the store (keys and values), the
    /// measure browsers apply their localStorage limit to.
    pub fn used_characters(&self) -> Result<usize, StoreError> {
        self.store.characters_under(NAMESPACE)
    }

    fn record_change<T: Record>(
        &self,
        key: &str,
        id: &str,
        new_value: Option<&str>,
        mine: Option<&T>,
    ) -> Option<Change<T>> {
        let mut indexes = self.indexes.lock().unwrap();
        let index = indexes.entry(T::COLLECTION).or_default();
        let Some(text) = new_value else {
            index.retain(|known| known != id);
            self.known.lock().unwrap().remove(key);
            return Some(Change::Removed(id.to_string()));
        };
        let theirs = serde_json::from_str::<T>(text)
            .ok()
            .filter(|record| record.record_id() == id)?;
        if !index.iter().any(|known| known == id) {
            index.push(id.to_string());
        }
        Some(self.take_in(key, text, theirs, mine))
    }

    /// Another tab's `text` for `key`, merged with this tab's copy. Kept
    /// when this tab holds changes that `text` lacks: made here and not yet
    /// saved, or saved and then written over by a tab whose copy of storage
    /// had not caught up.
    fn take_in<T: Serialize + DeserializeOwned>(
        &self,
        key: &str,
        text: &str,
        theirs: T,
        mine: Option<&T>,
    ) -> Change<T> {
        let mut merged = None;
        let mine = mine.and_then(|mine| fields_of(mine).ok());
        let write_back = self.take_in_version(key, text, mine, &mut |both| {
            merged = decode::<T>(both);
            merged.is_some()
        });
        let record = Box::new(merged.unwrap_or(theirs));
        if write_back {
            Change::Kept(record)
        } else {
            Change::Saved(record)
        }
    }

    /// [`Repository::take_in`] for any kind of record: true when this tab
    /// must write the record again. A merge this build cannot read back
    /// (`readable` says) gives way to the stored version.
    fn take_in_version(
        &self,
        key: &str,
        text: &str,
        mine: Option<serde_json::Map<String, serde_json::Value>>,
        readable: &mut dyn FnMut(&Versioned) -> bool,
    ) -> bool {
        let held = self.held(key);
        let stored = self.stored_version(held.as_ref(), text);
        // Never stored, this tab's copy is older than anything stored.
        let mine = mine.map(|mine| self.versioned(held, mine, 0));
        let (Some(stored), Some(mine)) = (stored, mine) else {
            self.known
                .lock()
                .unwrap()
                .insert(key.to_string(), text.to_string());
            return false;
        };
        let both = merge(&mine, &stored);
        // Only a merge that changes the stored fields needs reading back:
        // the caller has already read those.
        let version = if both.fields == stored.fields || readable(&both) {
            both
        } else {
            stored.clone()
        };
        let write_back = version != stored;
        self.known
            .lock()
            .unwrap()
            .insert(key.to_string(), version.to_text());
        write_back
    }

    /// The records other tabs changed since this tab last read, wrote or
    /// merged them, as the `storage` events it would have had: a page the
    /// phone froze, or kept in its back-forward cache, may have missed them.
    pub fn missed_changes(&self) -> Result<Vec<(String, Option<String>)>, StoreError> {
        // What is left of it once the stored records are seen was removed.
        let mut unseen = self.known.lock().unwrap().clone();
        let keys: Vec<String> = self
            .store
            .keys()?
            .into_iter()
            .filter(|key| is_record_key(key))
            .collect();
        let mut missed = Vec::new();
        // Read together, and compared as text first: after a short sleep
        // nearly every record is what this tab last wrote or took in.
        for (key, stored) in self.store.entries_of(&keys)? {
            let held = unseen.remove(&key);
            if held.as_ref() == Some(&stored) {
                continue;
            }
            let now = Versioned::parse(&stored);
            if now.is_some() && now != held.as_deref().and_then(Versioned::parse) {
                missed.push((key, Some(stored)));
            }
        }
        missed.extend(unseen.into_keys().map(|key| (key, None)));
        Ok(missed)
    }

    /// Interprets a `storage` event from another tab (`None` when the key
    /// was removed), merged with what this tab holds in `current`.
    pub fn external_change(
        &self,
        key: &str,
        new_value: Option<&str>,
        current: &Data,
    ) -> ExternalChange {
        fn mine<'a, T: Record>(list: &'a [T], id: &str) -> Option<&'a T> {
            list.iter().find(|r| r.record_id() == id)
        }
        if let Some(id) = record_id_of::<Person>(key) {
            return self
                .record_change(key, id, new_value, mine(&current.people, id))
                .map_or(ExternalChange::Unrelated, ExternalChange::Person);
        }
        if let Some(id) = record_id_of::<Chat>(key) {
            return self
                .record_change(key, id, new_value, mine(&current.chats, id))
                .map_or(ExternalChange::Unrelated, ExternalChange::Chat);
        }
        if let Some(id) = record_id_of::<FollowUp>(key) {
            return self
                .record_change(key, id, new_value, mine(&current.followups, id))
                .map_or(ExternalChange::Unrelated, ExternalChange::FollowUp);
        }
        if let Some(id) = record_id_of::<Target>(key) {
            return self
                .record_change(key, id, new_value, mine(&current.targets, id))
                .map_or(ExternalChange::Unrelated, ExternalChange::Target);
        }
        if key == SETTINGS_KEY {
            let Some(theirs) = new_value.and_then(|v| serde_json::from_str::<Settings>(v).ok())
            else {
                return ExternalChange::Unrelated;
            };
            let text = new_value.unwrap_or_default();
            return ExternalChange::Settings(self.take_in(
                key,
                text,
                theirs,
                Some(&current.settings),
            ));
        }
        // A schema that is not a version is damage the next write mends, as
        // on opening; only a newer version stops this tab.
        if key == SCHEMA_KEY && new_value.is_some_and(is_newer_schema) {
            self.read_only.store(true, Ordering::Relaxed);
            return ExternalChange::SchemaChanged;
        }
        ExternalChange::Unrelated
    }
}

fn is_newer_schema(raw: &str) -> bool {
    raw.trim().parse::<u32>().is_ok_and(|v| v > CURRENT_SCHEMA)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chat::{Chat, ChatId};
    use crate::domain::person::PersonId;
    use crate::storage::{KeyValueStore, MemoryStore};
    use chrono::{TimeZone, Utc};
    use std::sync::Arc;

    fn person(id: &str, name: &str) -> Person {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        Person::new(PersonId(id.into()), name, now).unwrap()
    }

    fn open(store: &Arc<MemoryStore>) -> Opened {
        let mut opened = Repository::open(store.clone());
        opened.repo.use_clock(|| 1_000);
        opened
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

    /// A store with more people than one batch, their chats, a corrupt
    /// record, one missing from the index and a staged leftover.
    fn a_busy_store() -> Arc<MemoryStore> {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        for n in 0..READ_BATCH * 2 + 5 {
            let someone = person(&format!("p{n}"), &format!("Person {n}"));
            repo.save(&someone).unwrap();
            let chat = Chat::new(
                ChatId(format!("c{n}")),
                someone.id.clone(),
                someone.created_at,
                &[],
            );
            repo.save(&chat).unwrap();
        }
        store.insert_raw("coffee-chat/person/p50", "{ not a person");
        store.insert_raw(
            "coffee-chat/person/unindexed",
            &serde_json::to_string(&person("unindexed", "Zed")).unwrap(),
        );
        store.insert_raw(&staging_key("coffee-chat/person/p3"), "left over");
        store
    }

    #[test]
    fn reading_a_batch_at_a_time_finds_what_reading_at_once_finds() {
        let at_once = a_busy_store();
        let in_steps = a_busy_store();
        let whole = open(&at_once);

        let mut opening = Repository::opening(in_steps.clone());
        let mut steps = 1;
        while !opening.read_some(&mut || false) {
            steps += 1;
        }
        let stepped = opening.opened();

        assert!(steps > 4, "{steps} steps");
        assert_eq!(stepped.data, whole.data);
        assert_eq!(stepped.data.people.len(), READ_BATCH * 2 + 5);
        assert_eq!(
            stepped.data.people.last().map(|p| p.name.as_str()),
            Some("Zed")
        );
        assert_eq!(stepped.repo.quarantined_count(), 1);
        assert_eq!(in_steps.snapshot(), at_once.snapshot());
    }

    #[test]
    fn a_record_another_tab_changes_between_steps_is_read_as_it_then_is() {
        let store = a_busy_store();
        let mut opening = Repository::opening(store.clone());
        assert!(!opening.read_some(&mut || false));
        // The first batch is read. Another tab renames a later person,
        // repairs the corrupt one, and deletes a chat.
        let mut renamed = person("p60", "Renamed");
        renamed.notes = "Typed in another tab".into();
        store.insert_raw(
            "coffee-chat/person/p60",
            &serde_json::to_string(&renamed).unwrap(),
        );
        store.insert_raw(
            "coffee-chat/person/p50",
            &serde_json::to_string(&person("p50", "Repaired")).unwrap(),
        );
        store.remove("coffee-chat/chat/c9").unwrap();
        let opened = opening.opened();

        let named = |id: &str| {
            opened
                .data
                .people
                .iter()
                .find(|p| p.id.0 == id)
                .map(|p| p.name.as_str())
        };
        assert_eq!(named("p60"), Some("Renamed"));
        assert_eq!(named("p50"), Some("Repaired"));
        assert_eq!(
            opened.repo.quarantined_count(),
            0,
            "nothing readable is set aside"
        );
        assert!(opened.data.chats.iter().all(|c| c.id.0 != "c9"));
        assert_eq!(opened.data.chats.len(), READ_BATCH * 2 + 4);
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
            [
                index_key::<Person>().as_str(),
                "coffee-chat/person/a",
                DELETED_KEY
            ]
        );
        assert!(store
            .get(DELETED_KEY)
            .unwrap()
            .unwrap()
            .contains("coffee-chat/person/a"));
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
            repo.external_change("coffee-chat/person/b", Some(&json), &Data::default()),
            ExternalChange::Person(Change::Saved(Box::new(ben.clone())))
        );
        // Ben is now known, so a later edit here does not rewrite the index.
        store.take_writes();
        repo.save(&ben).unwrap();
        assert!(!store
            .take_writes()
            .contains(&index_key::<Person>().as_str().to_string()));

        assert_eq!(
            repo.external_change("coffee-chat/person/b", None, &Data::default()),
            ExternalChange::Person(Change::Removed("b".into()))
        );
        assert_eq!(
            repo.external_change("coffee-chat/person/b", Some("{bad"), &Data::default()),
            ExternalChange::Unrelated
        );
        assert_eq!(
            repo.external_change("other-app/key", Some("1"), &Data::default()),
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
        let wanted = Data {
            people: vec![person("b", "Ben B."), person("c", "Cleo")],
            ..Data::default()
        };
        repo.replace_all(&wanted).unwrap();
        assert_eq!(names(&open(&store).data.people), ["Ben B.", "Cleo"]);
        assert_eq!(store.get("coffee-chat/person/a").unwrap(), None);
    }

    #[test]
    fn settings_from_another_tab_are_recognised() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        let json = serde_json::to_string(&Settings::default()).unwrap();
        assert_eq!(
            repo.external_change(SETTINGS_KEY, Some(&json), &Data::default()),
            ExternalChange::Settings(Change::Saved(Box::default()))
        );
        let chat = Chat::new(
            ChatId("c".into()),
            PersonId("p".into()),
            chrono::Utc::now(),
            &[],
        );
        let json = serde_json::to_string(&chat).unwrap();
        assert_eq!(
            repo.external_change("coffee-chat/chat/c", Some(&json), &Data::default()),
            ExternalChange::Chat(Change::Saved(Box::new(chat)))
        );
    }

    fn people(count: usize, notes_len: usize) -> Vec<Person> {
        (0..count)
            .map(|i| {
                let mut p = person(&format!("p{i}"), &format!("Person {i}"));
                p.notes = "n".repeat(notes_len);
                p
            })
            .collect()
    }

    #[test]
    fn a_change_written_without_times_by_an_older_build_is_taken_in_not_undone() {
        let store = Arc::new(MemoryStore::new());
        let tab = open(&store).repo;
        let mut ana = person("a", "Ana");
        tab.save(&ana).unwrap();
        ana.notes = "Typed here".into();
        tab.save(&ana).unwrap();
        // A tab still on schema 1's build writes the record as it knows it:
        // its role typed, no times at all.
        let mut older = ana.clone();
        older.role = "Analyst".into();
        let plain = serde_json::to_string(&older).unwrap();
        store.insert_raw("coffee-chat/person/a", &plain);
        let change = tab.external_change(
            "coffee-chat/person/a",
            Some(&plain),
            &Data {
                people: vec![ana.clone()],
                ..Data::default()
            },
        );
        let ExternalChange::Person(Change::Saved(merged) | Change::Kept(merged)) = change else {
            panic!("taken in: {change:?}");
        };
        assert_eq!(
            (merged.role.as_str(), merged.notes.as_str()),
            ("Analyst", "Typed here")
        );
        tab.save(&*merged).unwrap();
        let stored = open(&store).data.people;
        assert_eq!(
            (stored[0].role.as_str(), stored[0].notes.as_str()),
            ("Analyst", "Typed here")
        );
    }

    #[test]
    fn a_write_merges_with_what_another_tab_stored_since() {
        let store = Arc::new(MemoryStore::new());
        let tab_a = open(&store).repo;
        tab_a.save(&person("a", "Ana")).unwrap();
        let tab_b = open(&store);
        let mut in_a = person("a", "Ana");
        in_a.notes = "Typed in tab A".into();
        tab_a.save(&in_a).unwrap();

        // Tab B never saw A's notes; it changes the role only.
        let mut in_b = tab_b.data.people[0].clone();
        in_b.role = "Analyst".into();
        let merged = tab_b.repo.save(&in_b).unwrap().expect("merged");
        assert_eq!(merged.notes, "Typed in tab A");
        assert_eq!(merged.role, "Analyst");
        assert_eq!(open(&store).data.people, [merged]);
    }

    #[test]
    fn a_corrupt_record_found_while_storage_is_full_is_counted_and_kept() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
        store.insert_raw("coffee-chat/person/b", "{broken");
        store.leave_free(0);
        let opened = open(&store);
        assert_eq!(names(&opened.data.people), ["Ana"]);
        assert_eq!(opened.repo.quarantined_count(), 1);
        assert_eq!(opened.repo.unreadable_left_in_place(), 1);
        assert_eq!(
            store.get("coffee-chat/person/b").unwrap().as_deref(),
            Some("{broken")
        );
        // With room again, the next start moves it aside.
        store.set_capacity(None);
        let reopened = open(&store);
        assert_eq!(reopened.repo.unreadable_left_in_place(), 0);
        assert_eq!(reopened.repo.quarantined_count(), 1);
    }

    #[test]
    fn a_schema_that_is_not_a_version_is_damage_not_a_newer_app() {
        for bad in ["abc", "", "-1", "0", "1.5"] {
            let store = Arc::new(MemoryStore::new());
            open(&store).repo.save(&person("a", "Ana")).unwrap();
            store.insert_raw(SCHEMA_KEY, bad);
            let opened = open(&store);
            assert_eq!(opened.problem, None, "schema {bad:?}");
            assert!(!opened.repo.is_read_only());
            assert_eq!(names(&opened.data.people), ["Ana"]);
            assert_eq!(opened.repo.quarantined_count(), 1, "schema {bad:?}");
            opened.repo.save(&person("b", "Ben")).unwrap();
            assert_eq!(
                store.get(SCHEMA_KEY).unwrap(),
                Some(CURRENT_SCHEMA.to_string())
            );
        }
    }

    /// A page reloaded just after damaging the key can still be told of it
    /// as if another tab wrote it; that is damage too, not a newer app.
    #[test]
    fn a_storage_event_with_a_schema_that_is_not_a_version_does_not_stop_writing() {
        for bad in ["abc", "", "-1", "0"] {
            let store = Arc::new(MemoryStore::new());
            let repo = open(&store).repo;
            store.insert_raw(SCHEMA_KEY, bad);
            assert_eq!(
                repo.external_change(SCHEMA_KEY, Some(bad), &Data::default()),
                ExternalChange::Unrelated,
                "schema {bad:?}"
            );
            repo.save(&person("a", "Ana")).unwrap();
            assert_eq!(
                store.get(SCHEMA_KEY).unwrap(),
                Some(CURRENT_SCHEMA.to_string())
            );
        }
    }

    #[test]
    fn a_newer_schema_written_by_another_tab_stops_this_tab_writing() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
        let newer = (CURRENT_SCHEMA + 1).to_string();
        // Without the event (a tab that missed it): the next write checks.
        store.insert_raw(SCHEMA_KEY, &newer);
        assert_eq!(repo.save(&person("b", "Ben")), Err(StoreError::ReadOnly));
        assert!(repo.is_read_only());
        assert_eq!(store.get("coffee-chat/person/b").unwrap(), None);

        // With the event.
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
        assert_eq!(
            repo.external_change(SCHEMA_KEY, Some(&newer), &Data::default()),
            ExternalChange::SchemaChanged
        );
        assert_eq!(repo.save(&person("b", "Ben")), Err(StoreError::ReadOnly));
    }

    #[test]
    fn an_import_that_does_not_fit_leaves_storage_exactly_as_it_was() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        let mut ana = person("a", "Ana");
        ana.notes = "Newer notes, typed after the backup".into();
        repo.save(&ana).unwrap();
        repo.save(&person("b", "Ben")).unwrap();
        store.leave_free(256 * 1024);
        let before = store.snapshot();

        let mut incoming = people(300, 2048);
        incoming.push(person("a", "Ana"));
        let wanted = Data {
            people: incoming,
            ..Data::default()
        };
        assert_eq!(repo.replace_all(&wanted), Err(StoreError::Quota));
        assert_eq!(store.snapshot(), before);
        let reopened = open(&store);
        assert_eq!(names(&reopened.data.people), ["Ana", "Ben"]);
        assert_eq!(reopened.data.people[0].notes, ana.notes);
    }

    #[test]
    fn an_import_that_fits_replaces_everything_and_leaves_no_staging() {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        repo.save(&person("a", "Ana")).unwrap();
        repo.save(&person("b", "Ben")).unwrap();
        let wanted = Data {
            people: people(3, 10),
            ..Data::default()
        };
        repo.replace_all(&wanted).unwrap();
        let reopened = open(&store);
        assert_eq!(reopened.data.people, wanted.people);
        assert!(store
            .snapshot()
            .keys()
            .all(|k| !k.starts_with(STAGING_PREFIX) && k != IMPORT_JOURNAL_KEY));
    }

    #[test]
    fn an_import_cut_short_at_any_write_is_all_or_nothing() {
        let old = Data {
            people: people(3, 5),
            ..Data::default()
        };
        let mut new_people = people(5, 7);
        new_people.remove(1);
        let new = Data {
            people: new_people,
            ..Data::default()
        };
        for crash_at in 0..40 {
            let store = Arc::new(MemoryStore::new());
            let repo = open(&store).repo;
            for p in &old.people {
                repo.save(p).unwrap();
            }
            store.crash_after_writes(crash_at);
            let finished = repo.replace_all(&new).is_ok();
            store.set_capacity(None);
            store.revive();
            let after = open(&store).data;
            if finished {
                assert_eq!(after.people, new.people, "crash at {crash_at}");
            } else {
                assert!(
                    after.people == old.people || after.people == new.people,
                    "crash at write {crash_at} left {:?}",
                    names(&after.people)
                );
            }
            assert!(store
                .snapshot()
                .keys()
                .all(|k| !k.starts_with(STAGING_PREFIX)));
        }
    }
}
