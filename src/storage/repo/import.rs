//! Replacing everything with a backup (staged, then switched, with a
//! journal so a cut-short import finishes on the next start), and this
//! device's memory of the others.

use super::*;

/// What an import still has to do once every new record is staged. Written
/// to [`IMPORT_JOURNAL_KEY`] before the first real key changes, so an import
/// cut short is finished on the next start instead of left half done.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct ImportJournal {
    remove: Vec<String>,
    apply: Vec<String>,
    indexes: Vec<(String, Vec<String>)>,
}

pub(super) fn staging_key(key: &str) -> String {
    let name = key.strip_prefix(NAMESPACE).unwrap_or(key);
    format!("{STAGING_PREFIX}{name}")
}

impl Repository {
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
    pub(super) fn finish_import(&self, journal: &ImportJournal) -> Result<(), StoreError> {
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
}
