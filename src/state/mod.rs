//! Reactive state shared through context. Domain types stay plain; the
//! signals live here, and every change goes through [`AppState`] so that
//! what is on screen and what is stored never drift apart silently.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;

use crate::domain::chat::{Chat, ChatId, Note};
use crate::domain::followup::{
    after_stage_change, for_referral, FollowUp, FollowUpId, FollowUpStatus, RuleContext,
};
use crate::domain::person::{Person, PersonField, PersonId};
use crate::domain::settings::Settings;
use crate::domain::stage::Stage;
use crate::domain::timer::{self, TimerAction, TimerEvent};
use crate::storage::backup::{self, Backup, ImportMode};
use crate::storage::{Change, Data, ExternalChange, Record, Repository, SharedStore, StoreError};

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

/// A deleted Person with everything that belonged to them, for Undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub person: Person,
    pub chats: Vec<Chat>,
    pub followups: Vec<FollowUp>,
}

/// A text field of a chat typed in the meeting, saved shortly after the
/// last keystroke rather than on every one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftField {
    Note,
    Answer(String),
    Takeaways,
    Advice,
}

/// How long typing may pause before it is saved.
const DRAFT_SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

#[derive(Clone, Copy)]
pub struct AppState {
    pub people: RwSignal<Vec<Person>>,
    pub chats: RwSignal<Vec<Chat>>,
    pub followups: RwSignal<Vec<FollowUp>>,
    pub settings: RwSignal<Settings>,
    pub notices: RwSignal<StorageNotices>,
    /// The last Person deleted, so the People screen can offer Undo.
    pub recently_deleted: RwSignal<Option<Deleted>>,
    repo: StoredValue<Arc<Repository>>,
    persistence_asked: StoredValue<bool>,
    drafts: StoredValue<Vec<(ChatId, DraftField, String)>>,
    draft_generation: StoredValue<u64>,
}

fn upsert<T: Record + Send + Sync>(list: RwSignal<Vec<T>>, record: T) {
    list.update(|records| {
        match records
            .iter_mut()
            .find(|r| r.record_id() == record.record_id())
        {
            Some(slot) => *slot = record,
            None => records.push(record),
        }
    });
}

fn remove<T: Record + Send + Sync>(list: RwSignal<Vec<T>>, id: &str) {
    list.update(|records| records.retain(|r| r.record_id() != id));
}

fn find<T: Record + Send + Sync>(list: RwSignal<Vec<T>>, id: &str) -> Option<T> {
    list.with_untracked(|records| records.iter().find(|r| r.record_id() == id).cloned())
}

/// The user's local calendar date.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
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
        let data = opened.data;
        AppState {
            people: RwSignal::new(data.people),
            chats: RwSignal::new(data.chats),
            followups: RwSignal::new(data.followups),
            settings: RwSignal::new(data.settings),
            notices: RwSignal::new(notices),
            recently_deleted: RwSignal::new(None),
            repo: StoredValue::new(Arc::new(opened.repo)),
            persistence_asked: StoredValue::new(false),
            drafts: StoredValue::new(Vec::new()),
            draft_generation: StoredValue::new(0),
        }
    }

    pub fn person(&self, id: &PersonId) -> Option<Person> {
        find(self.people, &id.0)
    }

    pub fn chat(&self, id: &ChatId) -> Option<Chat> {
        find(self.chats, &id.0)
    }

    /// One chat, kept current as it changes.
    pub fn watch_chat(&self, id: ChatId) -> Memo<Option<Chat>> {
        let chats = self.chats;
        Memo::new(move |_| chats.with(|chats| chats.iter().find(|c| c.id == id).cloned()))
    }

    /// A person's name, or nothing if they are not on the list.
    pub fn person_name(&self, id: &PersonId) -> String {
        self.person(id).map(|p| p.name).unwrap_or_default()
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

    fn write<T: Record>(&self, record: &T) -> Result<(), String> {
        let result = self.repo.with_value(|repo| repo.save(record));
        let message = result.as_ref().err().map(ToString::to_string);
        self.report(result);
        message.map_or(Ok(()), Err)
    }

    /// Saves an edit and shows it. A failed write keeps the edit on screen
    /// and raises the "not saved" banner, so the next successful write of
    /// the record catches up.
    fn keep<T: Record + Send + Sync>(&self, list: RwSignal<Vec<T>>, record: T) {
        let _ = self.write(&record);
        upsert(list, record);
    }

    /// Adds a Person. On a failed write nothing is added, and the message
    /// comes back for the form as well as the banner.
    pub fn add_person(
        &self,
        name: &str,
        introduced_by: Option<PersonId>,
        organisation: &str,
    ) -> Result<PersonId, String> {
        let now = Utc::now();
        let mut person =
            Person::new(PersonId(new_id()), name, now).map_err(|e| e.message.to_string())?;
        person.introduced_by = introduced_by;
        person
            .set(PersonField::Organisation, organisation, now)
            .map_err(|e| e.message.to_string())?;
        self.write(&person)?;
        let id = person.id.clone();
        self.people.update(|people| people.push(person));
        Ok(id)
    }

    /// Applies one edit. Invalid input changes nothing and returns the
    /// message.
    pub fn edit_person(
        &self,
        id: &PersonId,
        edit: impl FnOnce(&mut Person) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut person = self
            .person(id)
            .ok_or("This person is no longer in your list.")?;
        edit(&mut person)?;
        self.keep(self.people, person);
        Ok(())
    }

    pub fn set_field(&self, id: &PersonId, field: PersonField, input: &str) -> Result<(), String> {
        self.edit_person(id, |p| {
            p.set(field, input, Utc::now())
                .map_err(|e| e.message.to_string())
        })
    }

    /// Deletes a Person with their chats and follow-ups, keeping all of it
    /// for Undo. Returns whether the Person was deleted.
    pub fn delete_person(&self, id: &PersonId) -> bool {
        let Some(person) = self.person(id) else {
            return false;
        };
        if !self.report(self.repo.with_value(|repo| repo.delete::<Person>(&id.0))) {
            return false;
        }
        let chats: Vec<Chat> = self
            .chats
            .with_untracked(|all| all.iter().filter(|c| &c.person_id == id).cloned().collect());
        let followups: Vec<FollowUp> = self
            .followups
            .with_untracked(|all| all.iter().filter(|f| &f.person_id == id).cloned().collect());
        for chat in &chats {
            self.report(self.repo.with_value(|repo| repo.delete::<Chat>(&chat.id.0)));
            remove(self.chats, &chat.id.0);
        }
        for item in &followups {
            self.report(
                self.repo
                    .with_value(|repo| repo.delete::<FollowUp>(&item.id.0)),
            );
            remove(self.followups, &item.id.0);
        }
        remove(self.people, &id.0);
        self.recently_deleted.set(Some(Deleted {
            person,
            chats,
            followups,
        }));
        true
    }

    pub fn undo_delete(&self) {
        let Some(deleted) = self.recently_deleted.get_untracked() else {
            return;
        };
        if self.write(&deleted.person).is_err() {
            return;
        }
        upsert(self.people, deleted.person);
        for chat in deleted.chats {
            self.keep(self.chats, chat);
        }
        for item in deleted.followups {
            self.keep(self.followups, item);
        }
        self.recently_deleted.set(None);
    }

    pub fn create_chat(&self, person: &PersonId) -> Result<ChatId, String> {
        let (template, length) = self
            .settings
            .with_untracked(|s| (s.checklist_template.clone(), s.default_length));
        let mut chat = Chat::new(ChatId(new_id()), person.clone(), Utc::now(), &template);
        chat.length_minutes = length;
        self.write(&chat)?;
        let id = chat.id.clone();
        self.chats.update(|chats| chats.push(chat));
        Ok(id)
    }

    pub fn edit_chat(
        &self,
        id: &ChatId,
        edit: impl FnOnce(&mut Chat) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut chat = self.chat(id).ok_or("This chat no longer exists.")?;
        edit(&mut chat)?;
        chat.updated_at = Utc::now();
        self.keep(self.chats, chat);
        Ok(())
    }

    /// Moves a chat to another stage and applies the follow-up rules (the
    /// 3B7 reminders when asked; closing them when it is settled).
    pub fn move_chat(&self, id: &ChatId, stage: Stage) -> Result<(), String> {
        let mut chat = self.chat(id).ok_or("This chat no longer exists.")?;
        let from = chat.stage();
        let now = Utc::now();
        chat.move_to(stage, now)
            .map_err(|problem| problem.message().to_string())?;
        let context = self.rule_context(&chat, now);
        let changes = self
            .followups
            .with_untracked(|existing| after_stage_change(&chat, from, &context, existing));
        self.keep(self.chats, chat);
        for item in changes {
            self.keep(self.followups, item);
        }
        Ok(())
    }

    fn rule_context(&self, chat: &Chat, now: chrono::DateTime<Utc>) -> RuleContext {
        RuleContext {
            today: today(),
            now,
            thank_you_days: self.settings.with_untracked(|s| s.thank_you_days),
            linkedin_known: self
                .person(&chat.person_id)
                .is_some_and(|p| !p.linkedin.trim().is_empty()),
        }
    }

    pub fn edit_followup(&self, id: &FollowUpId, edit: impl FnOnce(&mut FollowUp)) {
        if let Some(mut item) = find(self.followups, &id.0) {
            edit(&mut item);
            item.updated_at = Utc::now();
            self.keep(self.followups, item);
        }
    }

    /// Adds a follow-up the user wrote themselves.
    pub fn add_custom_followup(
        &self,
        person: &PersonId,
        title: &str,
        due: NaiveDate,
    ) -> Result<(), String> {
        let item = FollowUp::custom(FollowUpId(new_id()), person.clone(), title, due, Utc::now())?;
        self.write(&item)?;
        upsert(self.followups, item);
        Ok(())
    }

    pub fn set_followup_status(&self, id: &FollowUpId, status: FollowUpStatus) {
        if let Some(mut item) = find(self.followups, &id.0) {
            item.set_status(status, Utc::now());
            self.keep(self.followups, item);
        }
    }

    /// Keeps typed text and saves it once typing pauses; [`flush_drafts`]
    /// saves at once (the app calls it when the page is hidden or left).
    ///
    /// [`flush_drafts`]: AppState::flush_drafts
    pub fn set_draft(&self, chat: &ChatId, field: DraftField, text: String) {
        self.drafts.update_value(|drafts| {
            drafts.retain(|(c, f, _)| !(c == chat && *f == field));
            drafts.push((chat.clone(), field, text));
        });
        self.draft_generation.update_value(|g| *g += 1);
        let generation = self.draft_generation.get_value();
        let state = *self;
        set_timeout(
            move || {
                if state.draft_generation.try_get_value() == Some(generation) {
                    state.flush_drafts();
                }
            },
            DRAFT_SAVE_DELAY,
        );
    }

    pub fn flush_drafts(&self) {
        let Some(drafts) = self.drafts.try_update_value(std::mem::take) else {
            return;
        };
        for (chat, field, text) in drafts {
            let _ = self.edit_chat(&chat, |chat| {
                match field {
                    DraftField::Note => chat.note_draft = text,
                    DraftField::Takeaways => chat.takeaways = text,
                    DraftField::Advice => chat.advice = text,
                    DraftField::Answer(id) => {
                        if let Some(q) = chat.questions.iter_mut().find(|q| q.id == id) {
                            q.answer = text;
                        }
                    }
                }
                Ok(())
            });
        }
    }

    /// Records a timer event now. Ending also marks the chat Done.
    pub fn timer_action(&self, id: &ChatId, action: TimerAction) -> Result<(), String> {
        self.flush_drafts();
        let now_ms = js_sys::Date::now() as i64;
        let wrap_up = self.settings.with_untracked(|s| s.wrap_up_minutes);
        self.edit_chat(id, |chat| {
            let view = timer::view(&chat.meeting_log, chat.length_minutes, wrap_up, now_ms);
            if !timer::allowed(&view, action) {
                return Err("That does not apply to the timer right now.".into());
            }
            chat.meeting_log.push(TimerEvent {
                action,
                at_ms: now_ms,
            });
            Ok(())
        })?;
        if action == TimerAction::End {
            self.move_chat(id, Stage::Done)?;
        }
        Ok(())
    }

    /// Adds the note being typed, stamped with the time and how far into
    /// the meeting it was written.
    pub fn add_note(&self, id: &ChatId, text: &str) {
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        self.drafts
            .update_value(|d| d.retain(|(c, f, _)| !(c == id && *f == DraftField::Note)));
        let now_ms = js_sys::Date::now() as i64;
        let wrap_up = self.settings.with_untracked(|s| s.wrap_up_minutes);
        let _ = self.edit_chat(id, |chat| {
            let view = timer::view(&chat.meeting_log, chat.length_minutes, wrap_up, now_ms);
            chat.notes.push(Note {
                id: new_id(),
                created_at: Utc::now(),
                offset_ms: view.started_at_ms.map(|_| view.elapsed_ms),
                text,
            });
            chat.note_draft.clear();
            Ok(())
        });
    }

    /// Adds someone they suggested as a new Person at Idea, introduced by
    /// the person met.
    pub fn add_referral(&self, id: &ChatId, name: &str) -> Result<PersonId, String> {
        let chat = self.chat(id).ok_or("This chat no longer exists.")?;
        let referral = self.add_person(name, Some(chat.person_id.clone()), "")?;
        self.edit_chat(id, |chat| {
            chat.referrals.push(referral.clone());
            Ok(())
        })?;
        let context = self.rule_context(&chat, Utc::now());
        let item = self
            .followups
            .with_untracked(|existing| for_referral(&chat, &referral, &context, existing));
        if let Some(item) = item {
            self.keep(self.followups, item);
        }
        Ok(referral)
    }

    pub fn edit_settings(
        &self,
        edit: impl FnOnce(&mut Settings) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut settings = self.settings.get_untracked();
        edit(&mut settings)?;
        self.report(self.repo.with_value(|repo| repo.save_settings(&settings)));
        self.settings.set(settings);
        Ok(())
    }

    fn data(&self) -> Data {
        Data {
            people: self.people.get_untracked(),
            chats: self.chats.get_untracked(),
            followups: self.followups.get_untracked(),
            settings: self.settings.get_untracked(),
        }
    }

    /// The backup file's text; remembers when it was made.
    pub fn export_backup(&self) -> String {
        let now = Utc::now();
        let _ = self.edit_settings(|s| {
            s.last_backup_at = Some(now);
            Ok(())
        });
        backup::export(&self.data(), now)
    }

    /// Imports a checked backup. A failed write is reported and leaves at
    /// least what was there before.
    pub fn import_backup(&self, incoming: Backup, mode: ImportMode) -> Result<(), String> {
        let current = self.data();
        let next = backup::combine(&current, incoming, mode);
        let result = self
            .repo
            .with_value(|repo| repo.replace_all(&next, &current));
        let message = result.as_ref().err().map(ToString::to_string);
        self.report(result);
        if let Some(message) = message {
            return Err(message);
        }
        self.people.set(next.people);
        self.chats.set(next.chats);
        self.followups.set(next.followups);
        self.settings.set(next.settings);
        self.recently_deleted.set(None);
        Ok(())
    }

    /// Keeps this tab in step with a `storage` event from another tab.
    pub fn apply_external_change(&self, key: &str, new_value: Option<&str>) {
        match self
            .repo
            .with_value(|repo| repo.external_change(key, new_value))
        {
            ExternalChange::Person(change) => apply(self.people, change),
            ExternalChange::Chat(change) => apply(self.chats, change),
            ExternalChange::FollowUp(change) => apply(self.followups, change),
            ExternalChange::Settings(settings) => self.settings.set(*settings),
            ExternalChange::Unrelated => {}
        }
    }
}

fn apply<T: Record + Send + Sync>(list: RwSignal<Vec<T>>, change: Change<T>) {
    match change {
        Change::Saved(record) => upsert(list, *record),
        Change::Removed(id) => remove(list, &id),
    }
}

/// Record ids: time-ordered and random enough that two tabs adding a record
/// in the same millisecond do not collide.
pub fn new_id() -> String {
    let millis = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1_679_616.0) as u64; // 36^4
    format!("{}{}", base36(millis), base36(random))
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
