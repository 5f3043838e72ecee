//! The one place that reads and writes the browser's storage. Everything
//! goes through [`KeyValueStore`], so native tests run the same code against
//! [`MemoryStore`] and the browser runs it against [`LocalStore`].

pub mod backup;
mod devices;
pub mod envelope;
mod keys;
mod local;
mod memory;
mod merge;
mod migrate;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
mod repo;

pub use devices::{merge_replicas, Counts, Exchange, Preview, Replica};
pub use keys::*;
pub use local::{HeldChanges, LocalStore};
pub use memory::MemoryStore;
pub use migrate::{run_migrations, MigrationStep, CURRENT_SCHEMA, MIGRATIONS};
pub use repo::{Change, Data, Device, ExternalChange, Opened, Opening, Repository};

use crate::i18n::{fill, t};
use std::fmt;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refused the write because its storage is full.
    Quota,
    /// Storage is switched off, blocked or broken.
    Unavailable(String),
    /// A write seemed to succeed but reading it back gave something else.
    Mismatch,
    /// The data was written by a newer version of the app; writing with this
    /// one could destroy what it does not understand.
    ReadOnly,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Quota => f.write_str(t().store_quota()),
            StoreError::Unavailable(why) => {
                f.write_str(&fill(t().store_unavailable(), &[("why", why)]))
            }
            StoreError::Mismatch => f.write_str(t().store_mismatch()),
            StoreError::ReadOnly => f.write_str(t().store_read_only()),
        }
    }
}

/// What browsers let one site keep in `localStorage`, in characters: about
/// 5 million everywhere (Chromium and Firefox count keys and values;
/// Safari is similar). `navigator.storage.estimate()` measures other
/// storage and says nothing about this limit.
pub const LOCAL_STORAGE_BUDGET_CHARS: usize = 5_000_000;

/// From this share of the budget on, Settings warns and offers to archive.
pub const NEARLY_FULL_PERCENT: usize = 80;

/// How much of [`LOCAL_STORAGE_BUDGET_CHARS`] `used` characters take, in
/// whole percent.
pub fn budget_percent(used: usize) -> usize {
    used.saturating_mul(100) / LOCAL_STORAGE_BUDGET_CHARS
}

/// A flat string-to-string store, the shape of `localStorage`.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;

    /// Those of `keys` that are present, with their values, read together.
    fn entries_of(&self, keys: &[String]) -> Result<Vec<(String, String)>, StoreError> {
        entries_one_by_one(self, keys)
    }

    /// The characters (UTF-16 code units, as browsers count their quota)
    /// that keys starting with `prefix` and their values take.
    fn characters_under(&self, prefix: &str) -> Result<usize, StoreError> {
        let mut total = 0;
        for key in self.keys()? {
            if key.starts_with(prefix) {
                let value = self.get(&key)?.unwrap_or_default();
                total += key.encode_utf16().count() + value.encode_utf16().count();
            }
        }
        Ok(total)
    }
}

/// Those of `keys` that are present, with their values, read a key at a
/// time.
pub fn entries_one_by_one(
    store: &(impl KeyValueStore + ?Sized),
    keys: &[String],
) -> Result<Vec<(String, String)>, StoreError> {
    let mut entries = Vec::with_capacity(keys.len());
    for key in keys {
        if let Some(value) = store.get(key)? {
            entries.push((key.clone(), value));
        }
    }
    Ok(entries)
}

pub type SharedStore = Arc<dyn KeyValueStore + Send + Sync>;

/// Writes and reads back, so a write the browser silently dropped or cut
/// short is reported instead of being taken for saved.
pub fn write_verified(store: &dyn KeyValueStore, key: &str, value: &str) -> Result<(), StoreError> {
    store.set(key, value)?;
    match store.get(key)? {
        Some(stored) if stored == value => Ok(()),
        _ => Err(StoreError::Mismatch),
    }
}
