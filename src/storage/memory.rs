//! An in-memory `KeyValueStore` for native tests, with a capacity, a
//! simulated crash, and a log of writes.

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
    capacity_bytes: Mutex<Option<usize>>,
    writes: Mutex<Vec<String>>,
    /// After this many more writes every write fails, as if the tab had
    /// crashed there: for tests of what a cut-short operation leaves.
    writes_until_crash: Mutex<Option<usize>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(bytes: usize) -> Self {
        MemoryStore {
            capacity_bytes: Mutex::new(Some(bytes)),
            ..Self::default()
        }
    }

    /// Changes the room left, as freeing space in the browser would.
    pub fn set_capacity(&self, bytes: Option<usize>) {
        *self.capacity_bytes.lock().unwrap() = bytes;
    }

    /// Room for exactly `free` more bytes than are used now.
    pub fn leave_free(&self, free: usize) {
        let used = Self::used_bytes(&self.entries.lock().unwrap());
        self.set_capacity(Some(used + free));
    }

    pub fn crash_after_writes(&self, writes: usize) {
        *self.writes_until_crash.lock().unwrap() = Some(writes);
    }

    /// Brings a crashed store back, as a reopened tab finds it.
    pub fn revive(&self) {
        *self.writes_until_crash.lock().unwrap() = None;
    }

    fn crashed(&self) -> bool {
        let mut left = self.writes_until_crash.lock().unwrap();
        match left.as_mut() {
            Some(0) => true,
            Some(n) => {
                *n -= 1;
                false
            }
            None => false,
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
        if self.crashed() {
            return Err(StoreError::Unavailable("crashed".into()));
        }
        let mut entries = self.entries.lock().unwrap();
        if let Some(capacity) = *self.capacity_bytes.lock().unwrap() {
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
        if self.crashed() {
            return Err(StoreError::Unavailable("crashed".into()));
        }
        self.entries.lock().unwrap().remove(key);
        self.writes.lock().unwrap().push(key.to_string());
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.entries.lock().unwrap().keys().cloned().collect())
    }
}
