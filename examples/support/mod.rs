//! What the data-writing examples share: a clock they move by hand, ids
//! that are the same on every run, and the stored entries as JSON.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use coffee_chat::state::{Clock, IdSource, Workspace};
use coffee_chat::storage::{KeyValueStore, MemoryStore};

pub struct StepClock(Mutex<DateTime<Utc>>);

impl StepClock {
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap() = at;
    }
    pub fn advance(&self, delta: TimeDelta) {
        *self.0.lock().unwrap() += delta;
    }
}

impl Clock for StepClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

#[derive(Default)]
struct Counter(AtomicU64);

impl IdSource for Counter {
    fn next_id(&self) -> String {
        format!("s{:06}", self.0.fetch_add(1, Ordering::Relaxed))
    }
}

/// An empty workspace on an in-memory store, its clock at `start`.
pub fn workspace(start: DateTime<Utc>) -> (Arc<MemoryStore>, Arc<StepClock>, Workspace) {
    let store = Arc::new(MemoryStore::new());
    let clock = Arc::new(StepClock(Mutex::new(start)));
    let w = Workspace::open(
        store.clone(),
        None,
        clock.clone(),
        Arc::new(Counter::default()),
    );
    (store, clock, w)
}

/// Prints every stored entry as one JSON object, key to value, ready to be
/// put into a browser's localStorage.
pub fn print_entries(store: &MemoryStore) {
    let mut entries = serde_json::Map::new();
    for key in store.keys().unwrap() {
        let value = store.get(&key).unwrap().unwrap_or_default();
        entries.insert(key, serde_json::Value::String(value));
    }
    println!("{}", serde_json::Value::Object(entries));
}
