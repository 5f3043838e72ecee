//! Reactive state shared through context. Domain types stay plain; the
//! signals live here, and every change goes through [`AppState`] so that
//! what is on screen and what is stored never drift apart silently.

use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::person::{Person, PersonField, PersonId};
use crate::storage::{ExternalChange, Repository, SharedStore, StoreError};

/// Messages about storage that the banner area shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StorageNotices {
    /// The last write failed; cleared by the next write that succeeds.
    pub not_saved: Option<String>,
    /// Problem found on start that stops saving (newer data, storage off).
    pub blocked: Option<String>,
    /// Unreadable records kept aside; 0 once the user has dismissed it.
    pub unreadable: usize,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub people: RwSignal<Vec<Person>>,
    pub notices: RwSignal<StorageNotices>,
    /// The last Person deleted, so the People screen can offer Undo.
    pub recently_deleted: RwSignal<Option<Person>>,
    repo: StoredValue<Arc<Repository>>,
    persistence_asked: StoredValue<bool>,
}

impl AppState {
    /// Opens the store and loads everything. `fallback` explains why an
    /// in-memory store is in use, when the browser's could not be opened.
    pub fn open(store: SharedStore, fallback: Option<StoreError>) -> AppState {
        let opened = Repository::open(store);
        let blocked = fallback
            .map(|error| {
                format!("{error} Nothing you enter will be kept after this tab is closed.")
            })
            .or_else(|| opened.problem.map(|problem| problem.to_string()));
        let notices = StorageNotices {
            not_saved: None,
            blocked,
            unreadable: opened.repo.quarantined_count(),
        };
        AppState {
            people: RwSignal::new(opened.people),
            notices: RwSignal::new(notices),
            recently_deleted: RwSignal::new(None),
            repo: StoredValue::new(Arc::new(opened.repo)),
            persistence_asked: StoredValue::new(false),
        }
    }

    pub fn person(&self, id: &PersonId) -> Option<Person> {
        self.people
            .with(|people| people.iter().find(|p| &p.id == id).cloned())
    }

    pub fn quarantined_count(&self) -> usize {
        self.repo.with_value(|repo| repo.quarantined_count())
    }

    /// Records the outcome of a write in the banner. Returns whether it was
    /// saved.
    fn report(&self, result: Result<(), StoreError>) -> bool {
        let message = result.as_ref().err().map(ToString::to_string);
        if self.notices.with_untracked(|n| n.not_saved != message) {
            self.notices.update(|n| n.not_saved = message);
        }
        // Asked once there is data worth keeping, never on an empty first visit.
        if result.is_ok() && !self.persistence_asked.get_value() {
            self.persistence_asked.set_value(true);
            crate::pwa::ask_for_persistent_storage();
        }
        result.is_ok()
    }

    /// Adds a Person. On a failed write nothing is added, and the message
    /// comes back for the form as well as the banner.
    pub fn add_person(
        &self,
        name: &str,
        introduced_by: Option<PersonId>,
    ) -> Result<PersonId, String> {
        let mut person =
            Person::new(new_id(), name, Utc::now()).map_err(|e| e.message.to_string())?;
        person.introduced_by = introduced_by;
        let id = person.id.clone();
        let saved = self.repo.with_value(|repo| repo.save_person(&person));
        if let Err(error) = &saved {
            let message = error.to_string();
            self.report(saved);
            return Err(message);
        }
        self.report(saved);
        self.people.update(|people| people.push(person));
        Ok(id)
    }

    /// Applies one edit. Invalid input changes nothing and returns the
    /// message; a failed write keeps the edit on screen and raises the
    /// "not saved" banner, so the next successful write catches up.
    pub fn edit_person(
        &self,
        id: &PersonId,
        edit: impl FnOnce(&mut Person) -> Result<(), String>,
    ) -> Result<(), String> {
        let Some(mut person) = self.person(id) else {
            return Err("This person is no longer in your list.".into());
        };
        edit(&mut person)?;
        self.report(self.repo.with_value(|repo| repo.save_person(&person)));
        self.people.update(|people| {
            if let Some(slot) = people.iter_mut().find(|p| &p.id == id) {
                *slot = person;
            }
        });
        Ok(())
    }

    pub fn set_field(&self, id: &PersonId, field: PersonField, input: &str) -> Result<(), String> {
        self.edit_person(id, |p| {
            p.set(field, input, Utc::now())
                .map_err(|e| e.message.to_string())
        })
    }

    pub fn delete_person(&self, id: &PersonId) -> bool {
        let Some(person) = self.person(id) else {
            return false;
        };
        if !self.report(self.repo.with_value(|repo| repo.delete_person(id))) {
            return false;
        }
        self.people.update(|people| people.retain(|p| &p.id != id));
        self.recently_deleted.set(Some(person));
        true
    }

    pub fn undo_delete(&self) {
        let Some(person) = self.recently_deleted.get_untracked() else {
            return;
        };
        if self.report(self.repo.with_value(|repo| repo.save_person(&person))) {
            self.recently_deleted.set(None);
            self.people.update(|people| people.push(person));
        }
    }

    /// Keeps this tab in step with a `storage` event from another tab.
    pub fn apply_external_change(&self, key: &str, new_value: Option<&str>) {
        match self
            .repo
            .with_value(|repo| repo.external_change(key, new_value))
        {
            ExternalChange::PersonSaved(person) => {
                self.people.update(
                    |people| match people.iter_mut().find(|p| p.id == person.id) {
                        Some(slot) => *slot = *person,
                        None => people.push(*person),
                    },
                )
            }
            ExternalChange::PersonRemoved(id) => {
                self.people.update(|people| people.retain(|p| p.id != id))
            }
            ExternalChange::Unrelated => {}
        }
    }
}

/// Record ids: time-ordered and random enough that two tabs adding a person
/// in the same millisecond do not collide.
fn new_id() -> PersonId {
    let millis = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1_679_616.0) as u64; // 36^4
    PersonId(format!("{}{}", base36(millis), base36(random)))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
