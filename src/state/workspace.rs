//! The data in memory and the one path by which it reaches storage.
//!
//! Every command changes records here and marks them pending; [`Workspace::save`]
//! writes what is pending, merged with any newer copy another tab stored.
//! A record whose write fails stays pending and is retried with the next
//! write of any kind, so nothing typed is forgotten while storage is full.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use super::Glance;
use crate::domain::chat::{Chat, ChatId};
use crate::domain::followup::{FollowUp, FollowUpId};
use crate::domain::person::{Person, PersonId};
use crate::domain::targets::{Target, TargetId};
use crate::i18n::{fill, t};
use crate::storage::{
    Change, Data, ExternalChange, Opened, Record, Repository, SharedStore, StoreError,
};

/// Where the time comes from: the browser's clock in the app, a fixed one
/// in tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
    /// The user's calendar date, in their own time zone.
    fn today(&self) -> NaiveDate;
}

/// Where new record ids come from.
pub trait IdSource: Send + Sync {
    fn next_id(&self) -> String;
}

/// One stored record, by kind and id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RecordRef {
    Person(String),
    Chat(String),
    FollowUp(String),
    Target(String),
    Settings,
}

impl RecordRef {
    pub fn person(id: &PersonId) -> Self {
        RecordRef::Person(id.0.clone())
    }
    pub fn chat(id: &ChatId) -> Self {
        RecordRef::Chat(id.0.clone())
    }
    pub fn followup(id: &FollowUpId) -> Self {
        RecordRef::FollowUp(id.0.clone())
    }
    pub fn target(id: &TargetId) -> Self {
        RecordRef::Target(id.0.clone())
    }
}

/// What the banner area says about storage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StorageNotices {
    /// Why the pending changes are not saved; `None` once nothing is pending.
    pub not_saved: Option<String>,
    /// A problem that stops saving altogether (newer data, storage off).
    pub blocked: Option<String>,
    /// Unreadable records found; 0 once the user has dismissed the notice.
    pub unreadable: usize,
    /// Of those, how many could not be moved aside for lack of room.
    pub unreadable_left_in_place: usize,
}

/// A kind of thing a command names and may find gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Person,
    Chat,
    FollowUp,
    Target,
    /// A meeting note of a chat.
    Note,
    /// A planned question of a chat.
    Question,
    /// An item of a checklist or of its template.
    ChecklistItem,
}

/// Why a command did nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    /// The record it names is gone (deleted here or in another tab).
    Missing(RecordKind),
    /// The input is not acceptable; the message says how to fix it.
    Invalid(String),
    /// The change could not be stored, and was not kept.
    NotSaved(StoreError),
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommandError::Missing(what) => f.write_str(match what {
                RecordKind::Person => t().command_missing_person(),
                RecordKind::Chat => t().command_missing_chat(),
                RecordKind::FollowUp => t().command_missing_followup(),
                RecordKind::Note => t().command_missing_note(),
                RecordKind::Question => t().command_missing_question(),
                RecordKind::Target => t().command_missing_target(),
                RecordKind::ChecklistItem => t().command_missing_item(),
            }),
            CommandError::Invalid(message) => f.write_str(message),
            CommandError::NotSaved(error) => write!(f, "{error}"),
        }
    }
}

impl From<&'static str> for CommandError {
    fn from(message: &'static str) -> Self {
        CommandError::Invalid(message.to_string())
    }
}

pub type CommandResult<T = ()> = Result<T, CommandError>;

/// A deleted Person with everything that belonged to them, for Undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub person: Person,
    pub chats: Vec<Chat>,
    pub followups: Vec<FollowUp>,
    /// What was typed into their chats' and follow-ups' draft boxes, by box.
    pub drafts: Vec<(String, String)>,
}

pub struct Workspace {
    pub(super) data: Data,
    pub(super) repo: Repository,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) ids: Arc<dyn IdSource>,
    pending: BTreeSet<RecordRef>,
    /// Records whose copy in `data` changed since the reactive shell last
    /// asked; `None` means everything (after an import).
    touched: Option<Vec<RecordRef>>,
    notices: StorageNotices,
    pub(super) recently_deleted: Option<Deleted>,
    saved_once: bool,
}

impl Workspace {
    /// Opens the store and loads everything. `fallback` explains why an
    /// in-memory store is in use, when the browser's could not be opened.
    pub fn open(
        store: SharedStore,
        fallback: Option<StoreError>,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdSource>,
    ) -> Workspace {
        Workspace::over(Repository::open(store), fallback, clock, ids)
    }

    /// The workspace over a store already opened and read.
    pub fn over(
        opened: Opened,
        fallback: Option<StoreError>,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdSource>,
    ) -> Workspace {
        let blocked = fallback
            .map(|error| fill(t().command_not_kept(), &[("error", &error)]))
            .or_else(|| opened.problem.map(|problem| problem.to_string()));
        let notices = StorageNotices {
            not_saved: None,
            blocked,
            unreadable: opened.repo.quarantined_count(),
            unreadable_left_in_place: opened.repo.unreadable_left_in_place(),
        };
        let mut repo = opened.repo;
        let stamps = clock.clone();
        repo.use_clock(move || stamps.now().timestamp_millis().max(0) as u64);
        Workspace {
            data: opened.data,
            repo,
            clock,
            ids,
            pending: BTreeSet::new(),
            touched: Some(Vec::new()),
            notices,
            recently_deleted: None,
            saved_once: false,
        }
    }

    pub fn data(&self) -> &Data {
        &self.data
    }

    pub fn notices(&self) -> &StorageNotices {
        &self.notices
    }

    /// Tells the loader what to paint before the app starts next time: the
    /// chosen theme, and the welcome card or a returning person's Today.
    pub fn note_first_paint(&self) {
        let returning = if self.data.people.is_empty() {
            "new"
        } else {
            "returning"
        };
        let settings = &self.data.settings;
        self.repo.note_first_paint(&format!(
            "{} {returning} {}",
            settings.theme.slug(),
            settings.language.slug()
        ));
    }

    /// Keeps Today's glance in step with the records, for the next start.
    pub fn note_glance(&self) {
        let glance = Glance::of(&self.data, self.clock.today()).and_then(|g| g.to_json());
        self.repo.note_glance(glance.as_deref());
    }

    pub fn recently_deleted(&self) -> Option<&Deleted> {
        self.recently_deleted.as_ref()
    }

    /// Dismisses the Undo offer.
    pub fn forget_deleted(&mut self) {
        self.recently_deleted = None;
    }

    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Whether anything has been written yet (the app asks for persistent
    /// storage only once there is something worth keeping).
    pub fn saved_once(&self) -> bool {
        self.saved_once
    }

    pub fn dismiss_unreadable(&mut self) {
        self.notices.unreadable = 0;
        self.notices.unreadable_left_in_place = 0;
    }

    /// The records changed since the last call; `None` means all of them.
    pub fn take_touched(&mut self) -> Option<Vec<RecordRef>> {
        self.touched.replace(Vec::new())
    }

    pub(super) fn touch(&mut self, record: RecordRef) {
        if let Some(touched) = &mut self.touched {
            if !touched.contains(&record) {
                touched.push(record);
            }
        }
    }

    fn touch_all(&mut self) {
        self.touched = None;
    }

    /// Marks a record changed here: shown at once, written with the next save.
    pub(super) fn changed(&mut self, record: RecordRef) {
        self.touch(record.clone());
        self.pending.insert(record);
    }

    pub(super) fn person_mut(&mut self, id: &PersonId) -> CommandResult<&mut Person> {
        self.data
            .people
            .iter_mut()
            .find(|p| &p.id == id)
            .ok_or(CommandError::Missing(RecordKind::Person))
    }

    pub(super) fn chat_mut(&mut self, id: &ChatId) -> CommandResult<&mut Chat> {
        self.data
            .chats
            .iter_mut()
            .find(|c| &c.id == id)
            .ok_or(CommandError::Missing(RecordKind::Chat))
    }

    pub(super) fn target_mut(&mut self, id: &TargetId) -> CommandResult<&mut Target> {
        self.data
            .targets
            .iter_mut()
            .find(|t| &t.id == id)
            .ok_or(CommandError::Missing(RecordKind::Target))
    }

    pub(super) fn followup_mut(&mut self, id: &FollowUpId) -> CommandResult<&mut FollowUp> {
        self.data
            .followups
            .iter_mut()
            .find(|f| &f.id == id)
            .ok_or(CommandError::Missing(RecordKind::FollowUp))
    }

    /// Writes every pending record. Returns whether nothing is left pending.
    pub fn save(&mut self) -> bool {
        let mut failure = None;
        for record in std::mem::take(&mut self.pending) {
            match self.write(&record) {
                Ok(()) => self.saved_once = true,
                Err(error) => {
                    failure.get_or_insert(error);
                    self.pending.insert(record);
                }
            }
        }
        self.notices.not_saved = failure.map(|error| match error {
            StoreError::ReadOnly => error.to_string(),
            _ => fill(t().store_kept_on_screen(), &[("error", &error.to_string())]),
        });
        self.pending.is_empty()
    }

    fn write(&mut self, record: &RecordRef) -> Result<(), StoreError> {
        fn write_one<T: Record>(
            repo: &Repository,
            list: &mut [T],
            id: &str,
        ) -> Result<bool, StoreError> {
            let Some(slot) = list.iter_mut().find(|r| r.record_id() == id) else {
                // Deleted since it changed: nothing left to write.
                return Ok(false);
            };
            let merged = repo.save(&*slot)?;
            let changed = merged.is_some();
            if let Some(merged) = merged {
                *slot = merged;
            }
            Ok(changed)
        }
        let merged = match record {
            RecordRef::Person(id) => write_one(&self.repo, &mut self.data.people, id)?,
            RecordRef::Chat(id) => write_one(&self.repo, &mut self.data.chats, id)?,
            RecordRef::FollowUp(id) => write_one(&self.repo, &mut self.data.followups, id)?,
            RecordRef::Target(id) => write_one(&self.repo, &mut self.data.targets, id)?,
            RecordRef::Settings => match self.repo.save_settings(&self.data.settings)? {
                Some(merged) => {
                    self.data.settings = merged;
                    true
                }
                None => false,
            },
        };
        if merged {
            self.touch(record.clone());
        }
        Ok(())
    }

    /// Writes a new record at once. If it cannot be stored it is taken out
    /// again, so a form that creates something says so instead of showing a
    /// record that would vanish on reload.
    pub(super) fn create(&mut self, record: RecordRef) -> CommandResult {
        self.changed(record.clone());
        self.pending.remove(&record);
        if let Err(error) = self.write(&record) {
            match &record {
                RecordRef::Person(id) => self.data.people.retain(|p| &p.id.0 != id),
                RecordRef::Chat(id) => self.data.chats.retain(|c| &c.id.0 != id),
                RecordRef::FollowUp(id) => self.data.followups.retain(|f| &f.id.0 != id),
                RecordRef::Target(id) => self.data.targets.retain(|t| &t.id.0 != id),
                RecordRef::Settings => {}
            }
            self.save();
            if self.notices.not_saved.is_none() {
                self.notices.not_saved = Some(error.to_string());
            }
            return Err(CommandError::NotSaved(error));
        }
        self.saved_once = true;
        self.save();
        Ok(())
    }

    /// Takes in a change another tab made to `key` (`None`: removed),
    /// merged with this tab's unsaved edits of the same record. Where this
    /// tab holds changes the stored copy lacks, the record is pending again:
    /// the other tabs take those changes in from its next write.
    pub fn apply_external_change(&mut self, key: &str, new_value: Option<&str>) {
        /// The record changed, and whether this tab must write it again.
        fn apply<T: Record>(
            list: &mut Vec<T>,
            change: Change<T>,
            pending: bool,
        ) -> Option<(String, bool)> {
            let (record, write_back) = match change {
                Change::Saved(record) => (record, false),
                Change::Kept(record) => (record, true),
                // Text still being saved here brings the record back.
                Change::Removed(_) if pending => return None,
                Change::Removed(id) => {
                    list.retain(|r| r.record_id() != id);
                    return Some((id, false));
                }
            };
            let id = record.record_id().to_string();
            match list.iter_mut().find(|r| r.record_id() == id) {
                Some(slot) => *slot = *record,
                None => list.push(*record),
            }
            Some((id, write_back))
        }
        let pending = |record: RecordRef| self.pending.contains(&record);
        let touched = match self.repo.external_change(key, new_value, &self.data) {
            ExternalChange::Person(change) => {
                let is_pending = pending(RecordRef::Person(change_id(&change)));
                apply(&mut self.data.people, change, is_pending)
                    .map(|(id, again)| (RecordRef::Person(id), again))
            }
            ExternalChange::Chat(change) => {
                let is_pending = pending(RecordRef::Chat(change_id(&change)));
                apply(&mut self.data.chats, change, is_pending)
                    .map(|(id, again)| (RecordRef::Chat(id), again))
            }
            ExternalChange::FollowUp(change) => {
                let is_pending = pending(RecordRef::FollowUp(change_id(&change)));
                apply(&mut self.data.followups, change, is_pending)
                    .map(|(id, again)| (RecordRef::FollowUp(id), again))
            }
            ExternalChange::Target(change) => {
                let is_pending = pending(RecordRef::Target(change_id(&change)));
                apply(&mut self.data.targets, change, is_pending)
                    .map(|(id, again)| (RecordRef::Target(id), again))
            }
            ExternalChange::Settings(change) => {
                let (settings, again) = match change {
                    Change::Saved(settings) => (settings, false),
                    Change::Kept(settings) => (settings, true),
                    Change::Removed(_) => return,
                };
                self.data.settings = *settings;
                Some((RecordRef::Settings, again))
            }
            ExternalChange::SchemaChanged => {
                self.notices.blocked = Some(t().command_newer_elsewhere().into());
                None
            }
            ExternalChange::Unrelated => None,
        };
        if let Some((record, write_back)) = touched {
            self.touch(record.clone());
            if write_back {
                self.pending.insert(record);
            }
        }
    }

    /// Takes in what other tabs changed while this page was frozen or kept
    /// in the back-forward cache, when no `storage` event could reach it.
    pub fn catch_up(&mut self) {
        for (key, value) in self.repo.missed_changes().unwrap_or_default() {
            self.apply_external_change(&key, value.as_deref());
        }
    }

    /// Reads everything again from storage: after an import, the screen
    /// shows exactly what storage holds.
    pub(super) fn reload(&mut self) {
        if let Ok(data) = self.repo.load_all() {
            self.data = data;
        }
        self.pending.clear();
        self.recently_deleted = None;
        self.notices.unreadable = self.repo.quarantined_count();
        self.notices.unreadable_left_in_place = self.repo.unreadable_left_in_place();
        self.touch_all();
    }

    /// Unreadable records kept aside or left in place, dismissed or not.
    pub fn unreadable_count(&self) -> usize {
        self.repo.quarantined_count()
    }

    /// Characters the app's keys use, for the storage gauge in Settings.
    pub fn used_characters(&self) -> Option<usize> {
        self.repo.used_characters().ok()
    }
}

fn change_id<T: Record>(change: &Change<T>) -> String {
    match change {
        Change::Saved(record) | Change::Kept(record) => record.record_id().to_string(),
        Change::Removed(id) => id.clone(),
    }
}
