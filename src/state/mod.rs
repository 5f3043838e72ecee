//! The reactive shell over [`Workspace`]: signals that screens read, and
//! one method per command that runs it and copies what changed into the
//! signals. No rule lives here; the commands are plain Rust, tested natively.

mod commands;
mod glance;
mod insights;
mod targets;
mod workspace;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod devices_properties;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

pub use commands::{
    BackupDue, ChatDraft, ChatText, MessagePart, SettingChange, SettingText, TextTarget,
};
pub use glance::{Counts, Glance, DUE_SHOWN};
pub use insights::{use_insights, Insights, QuestionGroups};
pub use workspace::{
    Clock, CommandError, CommandResult, Deleted, IdSource, RecordKind, RecordRef, StorageNotices,
    Workspace,
};

use crate::domain::chat::{done_count, Chat, ChatId};
use crate::domain::followup::{due_by, overdue_among, FollowUp};
use crate::domain::person::{Person, PersonId};
use crate::domain::settings::Settings;
use crate::domain::targets::Target;
use crate::storage::{Data, MemoryStore, Opened, Record, Repository, SharedStore, StoreError};

/// The longest a keystroke waits before it is written. The timer starts at
/// the first unsaved keystroke and is not pushed back by later ones, so
/// continuous typing is saved several times a second.
const AUTOSAVE_WITHIN: Duration = Duration::from_millis(250);

/// How long Today's glance may lag the records while the app is open;
/// hiding or leaving the page writes it at once.
const GLANCE_WITHIN: Duration = Duration::from_secs(1);

/// The browser's clock and the phone's time zone.
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }
}

/// Record ids: time-ordered and random enough that two tabs adding a record
/// in the same millisecond do not collide.
pub struct RandomIds;

impl IdSource for RandomIds {
    fn next_id(&self) -> String {
        let millis = js_sys::Date::now() as u64;
        let random = (js_sys::Math::random() * 1_679_616.0) as u64; // 36^4
        format!("{}{}", base36(millis), base36(random))
    }
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

/// The calendar date, where the user is, of a stored instant.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    local_time(at).date()
}

/// The wall-clock time, where the user is, of an instant.
pub fn local_time(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    at.with_timezone(&chrono::Local).naive_local()
}

/// One kind of record as the screens read it: the workspace's own list,
/// not a copy of it. Read whole in a reactive context, it subscribes to
/// changes of that kind; watched one record at a time, to changes of that
/// record only. [`AppState::show_changes`] announces both once a command
/// or another tab has changed one.
pub struct Records<T: 'static> {
    workspace: StoredValue<Workspace>,
    list: fn(&Data) -> &Vec<T>,
    changed: Trigger,
    watched: Watched,
}

/// A trigger for each record read on its own, by id, made at its first
/// reader and kept: a keystroke in one record wakes only what shows that
/// record, and the whole-list readers.
#[derive(Clone, Copy)]
struct Watched(StoredValue<Vec<(String, ArcTrigger)>>);

impl Watched {
    fn track(self, id: &str) {
        let trigger = self.0.try_update_value(|watched| {
            match watched.iter().find(|(watched_id, _)| watched_id == id) {
                Some((_, trigger)) => trigger.clone(),
                None => {
                    let trigger = ArcTrigger::new();
                    watched.push((id.to_string(), trigger.clone()));
                    trigger
                }
            }
        });
        if let Some(trigger) = trigger {
            trigger.track();
        }
    }

    /// Wakes the readers of one record, or of every record.
    fn notify(self, id: Option<&str>) {
        self.0.with_value(|watched| {
            for (watched_id, trigger) in watched {
                if id.is_none_or(|id| id == watched_id) {
                    trigger.notify();
                }
            }
        });
    }
}

impl<T: 'static> Clone for Records<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Records<T> {}

impl<T: 'static> Records<T> {
    fn over(workspace: StoredValue<Workspace>, list: fn(&Data) -> &Vec<T>) -> Records<T> {
        Records {
            workspace,
            list,
            changed: Trigger::new(),
            watched: Watched(StoredValue::new(Vec::new())),
        }
    }

    /// Reads the records, and reads them again when they change.
    pub fn with<R>(&self, read: impl FnOnce(&Vec<T>) -> R) -> R {
        self.changed.track();
        self.with_untracked(read)
    }

    pub fn with_untracked<R>(&self, read: impl FnOnce(&Vec<T>) -> R) -> R {
        self.workspace.with_value(|w| read((self.list)(w.data())))
    }

    /// Subscribes to changes of this kind without reading.
    pub fn track(&self) {
        self.changed.track();
    }

    /// Subscribes to changes of one record (its removal, and a whole new
    /// list, included) without reading.
    pub fn track_one(&self, id: &str) {
        self.watched.track(id);
    }

    /// Announces a change to one record, or to any (`None`).
    fn changed(&self, id: Option<&str>) {
        self.changed.notify();
        self.watched.notify(id);
    }
}

impl<T: Clone + 'static> Records<T> {
    pub fn get_untracked(&self) -> Vec<T> {
        self.with_untracked(Vec::clone)
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub people: Records<Person>,
    pub chats: Records<Chat>,
    pub followups: Records<FollowUp>,
    pub targets: Records<Target>,
    pub settings: RwSignal<Settings>,
    pub notices: RwSignal<StorageNotices>,
    /// The last Person deleted, so the People screen can offer Undo.
    pub recently_deleted: RwSignal<Option<Deleted>>,
    /// Whether the ask rules have arrived (see [`crate::domain::asks::load`]):
    /// the screens that flag asks read it, so they check again then.
    pub asks_loaded: RwSignal<bool>,
    /// Whether every screen's texts are here (see
    /// [`crate::i18n::every_text_here`]): the screens past the first wait
    /// for it.
    pub texts_loaded: RwSignal<bool>,
    /// Why the last command a tap ran was refused ([`AppState::act`]),
    /// until it is dismissed or another succeeds.
    pub refused: RwSignal<Option<String>>,
    /// Set while Today is drawn from a glance: what it counts over every
    /// record, which the glance's few records cannot tell.
    glance_counts: Option<Counts>,
    workspace: StoredValue<Workspace>,
    autosave_armed: StoredValue<bool>,
    glance_armed: StoredValue<bool>,
    persistence_asked: StoredValue<bool>,
}

/// A command's error as the screen shows it: written once in the wasm, not
/// once per command.
#[inline(never)]
fn said(error: CommandError) -> String {
    error.to_string()
}

impl AppState {
    pub fn open(store: SharedStore, fallback: Option<StoreError>) -> AppState {
        AppState::opened(Repository::open(store), fallback)
    }

    /// The app's state over a store already opened and read.
    pub fn opened(opened: Opened, fallback: Option<StoreError>) -> AppState {
        let workspace = Workspace::over(
            opened,
            fallback,
            Arc::new(BrowserClock),
            Arc::new(RandomIds),
        );
        AppState::over(workspace, None)
    }

    /// Today's few records from a glance, to look at while the rest are
    /// read. They sit on a store of their own in memory, so nothing done
    /// here could ever reach the person's data.
    pub fn at_a_glance(glance: Glance) -> AppState {
        let mut workspace = Workspace::open(
            Arc::new(MemoryStore::new()),
            None,
            Arc::new(BrowserClock),
            Arc::new(RandomIds),
        );
        let counts = glance.counts;
        workspace.data = glance.into_data();
        AppState::over(workspace, Some(counts))
    }

    fn over(workspace: Workspace, glance_counts: Option<Counts>) -> AppState {
        let settings = workspace.data().settings.clone();
        let notices = workspace.notices().clone();
        let workspace = StoredValue::new(workspace);
        AppState {
            people: Records::over(workspace, |data| &data.people),
            chats: Records::over(workspace, |data| &data.chats),
            followups: Records::over(workspace, |data| &data.followups),
            targets: Records::over(workspace, |data| &data.targets),
            settings: RwSignal::new(settings),
            notices: RwSignal::new(notices),
            recently_deleted: RwSignal::new(None),
            asks_loaded: RwSignal::new(crate::domain::asks::loaded()),
            texts_loaded: RwSignal::new(crate::i18n::every_text_here()),
            refused: RwSignal::new(None),
            glance_counts,
            workspace,
            autosave_armed: StoredValue::new(false),
            glance_armed: StoredValue::new(false),
            persistence_asked: StoredValue::new(false),
        }
    }

    /// Done chats, over every record.
    pub fn done_chats(&self) -> usize {
        match self.glance_counts {
            Some(counts) => counts.done_chats,
            None => self.chats.with(|chats| done_count(chats)),
        }
    }

    /// How many items are due by `today`, over every record: a count, with
    /// nothing sorted.
    pub fn due_count(&self, today: NaiveDate) -> usize {
        match self.glance_counts {
            Some(counts) => counts.due,
            None => self
                .followups
                .with(|all| all.iter().filter(|f| f.is_due(today)).count()),
        }
    }

    /// The first [`DUE_SHOWN`] items due by `today`, the longest waiting
    /// first, with how many are due and how many of those overdue, over
    /// every record.
    pub fn due_first(&self, today: NaiveDate) -> (Vec<FollowUp>, usize, usize) {
        self.followups.with(|all| {
            let due = due_by(all, today);
            let (count, overdue) = match self.glance_counts {
                Some(counts) => (counts.due, counts.overdue),
                None => (due.len(), overdue_among(&due, today)),
            };
            let first = due.into_iter().take(DUE_SHOWN).cloned().collect();
            (first, count, overdue)
        })
    }

    /// Keeps Today's glance in step with the records, at most once a
    /// second however fast they change and when the phone is idle, so the
    /// next start can draw Today before reading them.
    pub fn keep_glance(&self) {
        if self.glance_armed.get_value() {
            return;
        }
        self.glance_armed.set_value(true);
        let state = *self;
        set_timeout(
            move || {
                crate::pwa::when_idle(move || {
                    if state.glance_armed.try_set_value(false).is_none() {
                        state.read(Workspace::note_glance);
                    }
                })
            },
            GLANCE_WITHIN,
        );
    }

    /// Runs a command and shows what it changed.
    pub fn run<T>(&self, command: impl FnOnce(&mut Workspace) -> T) -> T {
        let result = self
            .workspace
            .try_update_value(command)
            .expect("the app state lives as long as the page");
        self.show_changes();
        result
    }

    /// Reads from the workspace without changing anything.
    pub fn read<T>(&self, query: impl FnOnce(&Workspace) -> T) -> T {
        self.workspace.with_value(query)
    }

    /// Runs a command and returns its message, if it failed, for the screen.
    pub fn try_run<T>(
        &self,
        command: impl FnOnce(&mut Workspace) -> CommandResult<T>,
    ) -> Result<T, String> {
        self.run(command).map_err(said)
    }

    /// Runs a command a tap asked for whose screen has no place of its own
    /// for an error: a refusal shows in the notices, and a change that could
    /// not be stored already shows there as not saved.
    pub fn act<T>(&self, command: impl FnOnce(&mut Workspace) -> CommandResult<T>) {
        let outcome = self.run(command).map(drop);
        self.say_if_refused(outcome);
    }

    /// The part of [`AppState::act`] that every command shares, written once
    /// in the wasm rather than once per command.
    #[inline(never)]
    fn say_if_refused(&self, outcome: CommandResult) {
        let refusal = match outcome {
            Err(CommandError::NotSaved(_)) | Ok(()) => None,
            Err(refused) => Some(said(refused)),
        };
        if refusal.is_some() || self.refused.with_untracked(Option::is_some) {
            self.refused.set(refusal);
        }
    }

    /// Copies the records a command changed into the signals, one record at
    /// a time, so a keystroke does not clone whole lists.
    fn show_changes(&self) {
        let Some((touched, notices, deleted, saved_once)) = self.workspace.try_update_value(|w| {
            (
                w.take_touched(),
                w.notices().clone(),
                w.recently_deleted().cloned(),
                w.saved_once(),
            )
        }) else {
            return;
        };
        // The screens read the records from the workspace; what changed is
        // announced here, record by record (each record once: see
        // `Workspace::touch`), after the command let go of it.
        let settings = || self.workspace.with_value(|w| w.data().settings.clone());
        match touched {
            None => {
                self.people.changed(None);
                self.chats.changed(None);
                self.followups.changed(None);
                self.targets.changed(None);
                self.settings.set(settings());
            }
            Some(records) => {
                for record in records {
                    match record {
                        RecordRef::Person(id) => self.people.changed(Some(&id)),
                        RecordRef::Chat(id) => self.chats.changed(Some(&id)),
                        RecordRef::FollowUp(id) => self.followups.changed(Some(&id)),
                        RecordRef::Target(id) => self.targets.changed(Some(&id)),
                        RecordRef::Settings => self.settings.set(settings()),
                    }
                }
            }
        }
        if self.notices.with_untracked(|n| n != &notices) {
            self.notices.set(notices);
        }
        if self.recently_deleted.with_untracked(|d| d != &deleted) {
            self.recently_deleted.set(deleted);
        }
        // Asked once there is data worth keeping, never on an empty first visit.
        if saved_once && !self.persistence_asked.get_value() {
            self.persistence_asked.set_value(true);
            crate::pwa::ask_for_persistent_storage();
        }
    }

    /// The one save path for typed text: shown at once, written within
    /// [`AUTOSAVE_WITHIN`] however fast the typing, and at once when the
    /// page is hidden, frozen or left (see [`AppState::save_before_leaving`]).
    pub fn type_text(&self, target: &TextTarget, text: &str) -> Result<(), String> {
        self.try_run(|w| w.type_text(target, text))?;
        self.save_soon();
        Ok(())
    }

    /// [`AppState::type_text`] for a box with no place of its own for a
    /// refusal: the notices say it, as for [`AppState::act`].
    pub fn type_text_or_notice(&self, target: &TextTarget, text: &str) {
        if let Err(why) = self.type_text(target, text) {
            self.refused.set(Some(why));
        }
    }

    /// Writes what is pending within [`AUTOSAVE_WITHIN`], however often it
    /// is asked.
    fn save_soon(&self) {
        if !self.autosave_armed.get_value() {
            self.autosave_armed.set_value(true);
            let state = *self;
            set_timeout(
                move || {
                    if state.autosave_armed.try_set_value(false).is_none() {
                        state.save_now();
                    }
                },
                AUTOSAVE_WITHIN,
            );
        }
    }

    /// Writes everything pending now.
    pub fn save_now(&self) {
        let _ = self.workspace.try_update_value(Workspace::save);
        self.show_changes();
    }

    /// Writes everything pending, and Today's glance, as the page is
    /// hidden, frozen or left.
    pub fn save_before_leaving(&self) {
        self.save_now();
        self.read(Workspace::note_glance);
    }

    /// The current text of a field, kept up to date as it changes here or
    /// in another tab.
    pub fn watch_text(&self, target: TextTarget) -> Memo<String> {
        let (people, chats, followups, targets, settings) = (
            self.people,
            self.chats,
            self.followups,
            self.targets,
            self.settings,
        );
        let workspace = self.workspace;
        Memo::new(move |_| {
            match &target {
                TextTarget::Person(id, _) => people.track_one(&id.0),
                TextTarget::Chat(id, _) => chats.track_one(&id.0),
                TextTarget::FollowUpNote(id) => followups.track_one(&id.0),
                TextTarget::Target(id, _) => targets.track_one(&id.0),
                TextTarget::Setting(_) | TextTarget::TemplateItem(_) | TextTarget::Draft(_) => {
                    settings.track()
                }
            }
            workspace
                .try_with_value(|w| w.text(&target))
                .flatten()
                .unwrap_or_default()
        })
    }

    pub fn person(&self, id: &PersonId) -> Option<Person> {
        find(self.people, &id.0)
    }

    pub fn chat(&self, id: &ChatId) -> Option<Chat> {
        find(self.chats, &id.0)
    }

    /// One chat, kept current as it changes, and only as it changes.
    pub fn watch_chat(&self, id: ChatId) -> Memo<Option<Chat>> {
        let chats = self.chats;
        Memo::new(move |_| {
            chats.track_one(&id.0);
            find(chats, &id.0)
        })
    }

    /// One person, kept current as they change, and only as they change.
    pub fn watch_person(&self, id: PersonId) -> Memo<Option<Person>> {
        let people = self.people;
        Memo::new(move |_| {
            people.track_one(&id.0);
            find(people, &id.0)
        })
    }

    /// A person's name, or nothing if they are not on the list.
    pub fn person_name(&self, id: &PersonId) -> String {
        self.person(id).map(|p| p.name).unwrap_or_default()
    }

    /// Keeps this tab in step with a `storage` event from another tab, and
    /// writes again what that tab's write lacked.
    pub fn apply_external_change(&self, key: &str, new_value: Option<&str>) {
        self.take_in_other_tabs(|w| w.apply_external_change(key, new_value));
    }

    /// Takes in what other tabs changed while this page was frozen, before
    /// a key typed here could build on text that is out of date.
    pub fn catch_up(&self) {
        self.take_in_other_tabs(Workspace::catch_up);
    }

    /// Writes at once what the other tab's write lacked: while it waits,
    /// storage lacks it too, and a tab that reads it then builds on that.
    fn take_in_other_tabs(&self, take_in: impl FnOnce(&mut Workspace)) {
        if self.run(|w| {
            take_in(w);
            w.has_pending()
        }) {
            self.save_now();
        }
    }

    /// Now, by the app's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.read(|w| w.clock.now())
    }

    /// The user's calendar date, by the app's clock.
    pub fn today(&self) -> NaiveDate {
        local_date(self.now())
    }

    /// Characters the app's keys use in localStorage.
    pub fn used_characters(&self) -> Option<usize> {
        self.workspace.with_value(Workspace::used_characters)
    }

    /// The backup of what is on screen, saved or not, for the "not saved"
    /// banner's export.
    pub fn export_on_screen(&self) -> String {
        self.read(Workspace::export_on_screen)
    }
}

fn find<T: Record + Clone>(list: Records<T>, id: &str) -> Option<T> {
    list.with_untracked(|records| records.iter().find(|r| r.record_id() == id).cloned())
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
