//! The repository: records one per key with an index, written merged with
//! what another tab stored since, and deletions. Opening the store (and
//! quarantine) is in `opening`, imports and devices in `import`, other
//! tabs' changes in `tabs`.

mod import;
mod opening;
mod tabs;
#[cfg(test)]
mod tests;

pub use opening::{Opened, Opening};
pub use tabs::{Change, ExternalChange};

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

    /// Characters this app keeps in the store (keys and values), the
    /// measure browsers apply their localStorage limit to.
    pub fn used_characters(&self) -> Result<usize, StoreError> {
        self.store.characters_under(NAMESPACE)
    }
}

fn is_newer_schema(raw: &str) -> bool {
    raw.trim().parse::<u32>().is_ok_and(|v| v > CURRENT_SCHEMA)
}
