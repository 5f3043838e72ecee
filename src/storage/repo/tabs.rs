//! What another tab changed, seen through `storage` events or found on
//! resuming, merged with this tab's copy.

use super::*;

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

impl Repository {
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
