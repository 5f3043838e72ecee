use std::collections::BTreeMap;
use std::sync::Mutex;

use super::{KeyValueStore, StoreError};

/// An in-memory store for native tests, and the fallback when the browser's
/// storage is switched off. It can be given a capacity to act out a full
/// `localStorage`, and it counts writes so tests can check that an edit
/// touches only its own record.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<BTreeMap<String, String>>,
    capacity_bytes: Option<usize>,
    writes: Mutex<Vec<String>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(bytes: usize) -> Self {
        MemoryStore {
            capacity_bytes: Some(bytes),
            ..Self::default()
        }
    }

    pub fn with_entries<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let store = Self::new();
        for (key, value) in entries {
            store.insert_raw(key, value);
        }
        store
    }

    /// Puts a value in place without counting it as a write by the app.
    pub fn insert_raw(&self, key: &str, value: &str) {
        self.entries
            .lock()
            .unwrap()
            .insert(key.to_string(), value.to_string());
    }

    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.entries.lock().unwrap().clone()
    }

    /// Keys written (or removed) since the last call, in order.
    pub fn take_writes(&self) -> Vec<String> {
        std::mem::take(&mut self.writes.lock().unwrap())
    }

    fn used_bytes(entries: &BTreeMap<String, String>) -> usize {
        entries.iter().map(|(k, v)| k.len() + v.len()).sum()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.lock().unwrap().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut entries = self.entries.lock().unwrap();
        if let Some(capacity) = self.capacity_bytes {
            let previous = entries.get(key).map_or(0, |v| key.len() + v.len());
            let after = Self::used_bytes(&entries) - previous + key.len() + value.len();
            if after > capacity {
                return Err(StoreError::Quota);
            }
        }
        entries.insert(key.to_string(), value.to_string());
        self.writes.lock().unwrap().push(key.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.entries.lock().unwrap().remove(key);
        self.writes.lock().unwrap().push(key.to_string());
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.entries.lock().unwrap().keys().cloned().collect())
    }
}
