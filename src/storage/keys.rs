//! Every key lives under one namespace so the app never touches what other
//! code on the same origin keeps in `localStorage`.

use serde::{de::DeserializeOwned, Serialize};

use crate::domain::chat::Chat;
use crate::domain::followup::FollowUp;
use crate::domain::person::Person;
use crate::domain::targets::Target;

pub const NAMESPACE: &str = "coffee-chat/";
pub const SCHEMA_KEY: &str = "coffee-chat/schema";
pub const SETTINGS_KEY: &str = "coffee-chat/settings";
pub const QUARANTINE_PREFIX: &str = "coffee-chat/quarantine/";
/// Where an import writes every record before any real key changes.
pub const STAGING_PREFIX: &str = "coffee-chat/staging/";
/// Present only while a committed import is switching over.
pub const IMPORT_JOURNAL_KEY: &str = "coffee-chat/import-journal";
/// Deleted records: key to when, in milliseconds. A backup carries them,
/// so a record deleted here never comes back from another device's file.
pub const DELETED_KEY: &str = "coffee-chat/deleted";
/// This device's id, and when the last file it took from each other
/// device was made (`storage::devices`). Not in backups.
pub const DEVICE_KEY: &str = "coffee-chat/device";
/// Read by `public/first-paint.js` before the first paint, so the page
/// takes the chosen theme and shows the right first screen without waiting
/// for the wasm: the theme and whether anyone is saved, as "dark returning".
/// Not data: losing it only costs a plainer first paint.
pub const FIRST_PAINT_KEY: &str = "coffee-chat/first-paint";
/// Today at a glance (`state::Glance`): the few records a returning
/// person's Today shows, drawn before the rest are read. Not data: it is
/// only ever looked at, and losing it costs a slower first Today.
pub const GLANCE_KEY: &str = "coffee-chat/glance";

/// A kind of record stored one per key, `coffee-chat/<collection>/<id>`,
/// with the ids in order under `coffee-chat/index/<collection>`.
pub trait Record: Serialize + DeserializeOwned + Clone + 'static {
    const COLLECTION: &'static str;
    fn record_id(&self) -> &str;
}

impl Record for Person {
    const COLLECTION: &'static str = "person";
    fn record_id(&self) -> &str {
        &self.id.0
    }
}

impl Record for Chat {
    const COLLECTION: &'static str = "chat";
    fn record_id(&self) -> &str {
        &self.id.0
    }
}

impl Record for FollowUp {
    const COLLECTION: &'static str = "followup";
    fn record_id(&self) -> &str {
        &self.id.0
    }
}

impl Record for Target {
    const COLLECTION: &'static str = "target";
    fn record_id(&self) -> &str {
        &self.id.0
    }
}

pub fn record_key<T: Record>(id: &str) -> String {
    record_key_in(T::COLLECTION, id)
}

/// [`record_key`] for a collection named at run time; the generic
/// functions call these, so their code is in the wasm once, not once per
/// collection.
fn record_key_in(collection: &str, id: &str) -> String {
    format!("{NAMESPACE}{collection}/{id}")
}

pub fn index_key<T: Record>() -> String {
    index_key_in(T::COLLECTION)
}

pub fn index_key_in(collection: &str) -> String {
    format!("{NAMESPACE}index/{collection}")
}

/// The record id a key belongs to, if it is a key of collection `T`.
pub fn record_id_of<T: Record>(key: &str) -> Option<&str> {
    record_id_in(T::COLLECTION, key)
}

pub fn record_id_in<'a>(collection: &str, key: &'a str) -> Option<&'a str> {
    key.strip_prefix(NAMESPACE)?
        .strip_prefix(collection)?
        .strip_prefix('/')
        .filter(|id| !id.is_empty() && !id.contains('/'))
}

/// Where an unreadable record is set aside, keeping its name recognisable.
pub fn quarantine_key(key: &str, attempt: u32) -> String {
    let name = key.strip_prefix(NAMESPACE).unwrap_or(key);
    if attempt == 0 {
        format!("{QUARANTINE_PREFIX}{name}")
    } else {
        format!("{QUARANTINE_PREFIX}{name}~{attempt}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_collection_and_id() {
        assert_eq!(record_key::<Person>("p1"), "coffee-chat/person/p1");
        assert_eq!(index_key::<Chat>(), "coffee-chat/index/chat");
        assert_eq!(record_id_of::<Person>("coffee-chat/person/p1"), Some("p1"));
        assert_eq!(record_id_of::<Chat>("coffee-chat/person/p1"), None);
        assert_eq!(record_id_of::<Person>("coffee-chat/personal/p1"), None);
        assert_eq!(record_id_of::<Person>("coffee-chat/person/"), None);
        assert_eq!(record_id_of::<Person>("other/person/p1"), None);
        assert_eq!(
            record_id_of::<Person>("coffee-chat/quarantine/person/p1"),
            None
        );
    }
}
