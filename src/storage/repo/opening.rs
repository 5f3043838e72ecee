//! Opening the store: its schema checked and migrated, an import cut short
//! finished, and the records read a batch at a time, an unreadable one set
//! aside in quarantine.

use super::import::ImportJournal;
use super::*;

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
pub(super) const READ_BATCH: usize = 32;

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

impl Repository {
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
}
