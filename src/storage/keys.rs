//! Every key lives under one namespace so the app never touches what other
//! code on the same origin keeps in `localStorage`.

use crate::domain::person::PersonId;

pub const NAMESPACE: &str = "coffee-chat/";
pub const SCHEMA_KEY: &str = "coffee-chat/schema";
pub const PEOPLE_INDEX_KEY: &str = "coffee-chat/index/people";
pub const PERSON_PREFIX: &str = "coffee-chat/person/";
pub const QUARANTINE_PREFIX: &str = "coffee-chat/quarantine/";

pub fn person_key(id: &PersonId) -> String {
    format!("{PERSON_PREFIX}{id}")
}

/// The Person id a record key belongs to, if it is a Person key.
pub fn person_id_of(key: &str) -> Option<PersonId> {
    key.strip_prefix(PERSON_PREFIX)
        .filter(|id| !id.is_empty())
        .map(|id| PersonId(id.to_string()))
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
