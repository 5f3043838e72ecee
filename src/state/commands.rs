//! Every change a screen can ask for, as a named command on [`Workspace`].
//! Commands check their input, change the records in memory and save; text
//! typed into a field goes through [`Workspace::type_text`], which leaves the
//! save to the autosave timer so a burst of typing is one write, not many.

use chrono::{NaiveDate, NaiveDateTime};

use super::workspace::{CommandError, CommandResult, Deleted, RecordKind, RecordRef, Workspace};
use crate::domain::calendar::{days_after, in_accepted_years};
use crate::domain::chat::{
    move_item, Chat, ChatId, ChatMessage, MeetingFormat, Note, AFTER_COMPETITION_DAYS,
    LENGTH_CHOICES,
};
use crate::domain::followup::{
    after_stage_change, for_referral, next_keep_in_touch, FollowUp, FollowUpId, FollowUpKind,
    FollowUpStatus, RuleContext,
};
use crate::domain::person::{Person, PersonField, PersonId};
use crate::domain::prep::{
    built_in_checklist, BankQuestion, ChatQuestion, ChecklistGroup, ChecklistItem, QuestionCategory,
};
use crate::domain::settings::{LanguageChoice, Theme};
use crate::domain::stage::Stage;
use crate::domain::targets::{TargetField, TargetId};
use crate::domain::timer::{self, TimerAction, TimerEvent};
use crate::i18n::{fill, t};
use crate::storage::backup::{self, Checked, ImportMode};
use crate::storage::{merge_replicas, Device, Exchange, Preview, Replica};

/// A text field a person types into. Each is saved by the same path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextTarget {
    Person(PersonId, PersonField),
    Chat(ChatId, ChatText),
    FollowUpNote(FollowUpId),
    Target(TargetId, TargetField),
    Setting(SettingText),
    /// An item of the checklist template, by id.
    TemplateItem(String),
    /// A box whose text a button commits later (see [`Workspace::commit_draft`]).
    Draft(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChatText {
    Goal,
    /// One thing of theirs that made the user write to them.
    WhyThem,
    Research,
    Place,
    Subject(ChatMessage),
    Body(ChatMessage),
    /// The meeting note being written, before "Add note".
    NoteDraft,
    /// The answer note of a planned question, by question id.
    Answer(String),
    /// A note already added, by note id.
    Note(String),
    Takeaways,
    Advice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingText {
    MyName,
    Background,
    Signature,
    TargetField,
}

/// A choice made in Settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingChange {
    Theme(Theme),
    Language(LanguageChoice),
    Vibrate(bool),
    WrapUpMinutes(u32),
    ThankYouDays(u32),
    DefaultLength(u32),
    /// As typed; checked to be a whole number from 1 to 100.
    TargetChats(String),
    DismissHomeScreenTip,
}

/// The trimmed text, or `message` when nothing is left of it.
fn required<'a>(text: &'a str, message: &'static str) -> CommandResult<&'a str> {
    let text = text.trim();
    if text.is_empty() {
        Err(message.into())
    } else {
        Ok(text)
    }
}

impl Workspace {
    /// The current text of a field, as stored (or as typed, if not yet saved).
    pub fn text(&self, target: &TextTarget) -> Option<String> {
        let data = &self.data;
        match target {
            TextTarget::Person(id, field) => data
                .people
                .iter()
                .find(|p| &p.id == id)
                .map(|p| p.text(*field)),
            TextTarget::Chat(id, field) => {
                let chat = data.chats.iter().find(|c| &c.id == id)?;
                Some(match field {
                    ChatText::Goal => chat.goal.clone(),
                    ChatText::WhyThem => chat.why_them.clone(),
                    ChatText::Research => chat.research.clone(),
                    ChatText::Place => chat.place.clone(),
                    ChatText::Subject(kind) => chat.message(*kind).0.to_string(),
                    ChatText::Body(kind) => chat.message(*kind).1.to_string(),
                    ChatText::NoteDraft => chat.note_draft.clone(),
                    ChatText::Answer(question) => chat
                        .questions
                        .iter()
                        .find(|q| &q.id == question)?
                        .answer
                        .clone(),
                    ChatText::Note(note) => chat.notes.iter().find(|n| &n.id == note)?.text.clone(),
                    ChatText::Takeaways => chat.takeaways.clone(),
                    ChatText::Advice => chat.advice.clone(),
                })
            }
            TextTarget::FollowUpNote(id) => data
                .followups
                .iter()
                .find(|f| &f.id == id)
                .map(|f| f.note.clone()),
            TextTarget::Target(id, field) => data
                .targets
                .iter()
                .find(|t| &t.id == id)
                .map(|t| t.text(*field).to_string()),
            TextTarget::Setting(field) => Some(match field {
                SettingText::MyName => data.settings.my_name.clone(),
                SettingText::Background => data.settings.background.clone(),
                SettingText::Signature => data.settings.signature.clone(),
                SettingText::TargetField => data.settings.target_field.clone(),
            }),
            TextTarget::TemplateItem(id) => data
                .settings
                .checklist_template
                .iter()
                .find(|i| &i.id == id)
                .map(|i| i.text.clone()),
            TextTarget::Draft(key) => Some(
                data.settings
                    .drafts
                    .get(key)
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            ),
        }
    }

    /// Runs `command` with the text of a draft box and, once it succeeds,
    /// empties the box: the button only moves what was typed. A command
    /// that fails leaves it as typed.
    pub fn commit_draft<T>(
        &mut self,
        key: &str,
        command: impl FnOnce(&mut Workspace, &str) -> CommandResult<T>,
    ) -> CommandResult<T> {
        let target = TextTarget::Draft(key.to_string());
        let text = self.text(&target).unwrap_or_default();
        let done = command(self, &text)?;
        self.type_text(&target, "")?;
        self.save();
        Ok(done)
    }

    /// Takes what is in a text field now. Shown at once and saved by the
    /// next [`Workspace::save`] (the autosave timer, a page hide, or any
    /// other command). Input a field does not accept changes nothing.
    pub fn type_text(&mut self, target: &TextTarget, text: &str) -> CommandResult {
        let now = self.clock.now();
        let record = match target {
            TextTarget::Person(id, field) => {
                let person = self.person_mut(id)?;
                person
                    .set(*field, text, now)
                    .map_err(|e| CommandError::Invalid(e.message.into()))?;
                RecordRef::person(id)
            }
            TextTarget::Chat(id, field) => {
                let chat = self.chat_mut(id)?;
                let slot = match field {
                    ChatText::Goal => &mut chat.goal,
                    ChatText::WhyThem => &mut chat.why_them,
                    ChatText::Research => &mut chat.research,
                    ChatText::Place => &mut chat.place,
                    ChatText::Subject(kind) => chat.message_mut(*kind).0,
                    ChatText::Body(kind) => chat.message_mut(*kind).1,
                    ChatText::NoteDraft => &mut chat.note_draft,
                    ChatText::Answer(question) => {
                        &mut chat
                            .questions
                            .iter_mut()
                            .find(|q| &q.id == question)
                            .ok_or(CommandError::Missing(RecordKind::Question))?
                            .answer
                    }
                    ChatText::Note(note) => {
                        &mut chat
                            .notes
                            .iter_mut()
                            .find(|n| &n.id == note)
                            .ok_or(CommandError::Missing(RecordKind::Note))?
                            .text
                    }
                    ChatText::Takeaways => &mut chat.takeaways,
                    ChatText::Advice => &mut chat.advice,
                };
                text.clone_into(slot);
                chat.updated_at = now;
                RecordRef::chat(id)
            }
            TextTarget::FollowUpNote(id) => {
                let item = self.followup_mut(id)?;
                text.clone_into(&mut item.note);
                item.updated_at = now;
                RecordRef::followup(id)
            }
            TextTarget::Target(id, field) => {
                self.target_mut(id)?
                    .set(*field, text, now)
                    .map_err(CommandError::from)?;
                RecordRef::target(id)
            }
            TextTarget::Setting(field) => {
                let settings = &mut self.data.settings;
                match field {
                    SettingText::MyName => settings.my_name = text.trim().to_string(),
                    SettingText::Background => settings.background = text.trim().to_string(),
                    SettingText::Signature => settings.signature = text.trim_end().to_string(),
                    SettingText::TargetField => settings.target_field = text.trim().to_string(),
                }
                RecordRef::Settings
            }
            TextTarget::Draft(key) => {
                let drafts = &mut self.data.settings.drafts;
                if text.is_empty() {
                    drafts.remove(key);
                } else {
                    drafts.insert(key.clone(), text.into());
                }
                RecordRef::Settings
            }
            TextTarget::TemplateItem(id) => {
                let item = self
                    .data
                    .settings
                    .checklist_template
                    .iter_mut()
                    .find(|i| &i.id == id)
                    .ok_or(CommandError::Missing(RecordKind::ChecklistItem))?;
                text.clone_into(&mut item.text);
                RecordRef::Settings
            }
        };
        self.changed(record);
        Ok(())
    }

    fn rule_context(&self, chat: &Chat) -> RuleContext {
        RuleContext {
            today: self.clock.today(),
            now: self.clock.now(),
            thank_you_days: self.data.settings.thank_you_days,
            linkedin_known: self
                .data
                .people
                .iter()
                .find(|p| p.id == chat.person_id)
                .is_some_and(|p| !p.linkedin.trim().is_empty()),
        }
    }

    /// Applies one change to a chat and saves it.
    fn edit_chat(
        &mut self,
        id: &ChatId,
        change: impl FnOnce(&mut Chat) -> CommandResult,
    ) -> CommandResult {
        let now = self.clock.now();
        let chat = self.chat_mut(id)?;
        change(chat)?;
        chat.updated_at = now;
        self.changed(RecordRef::chat(id));
        self.save();
        Ok(())
    }

    fn edit_followup(
        &mut self,
        id: &FollowUpId,
        change: impl FnOnce(&mut FollowUp),
    ) -> CommandResult {
        let item = self.followup_mut(id)?;
        change(item);
        self.changed(RecordRef::followup(id));
        self.save();
        Ok(())
    }

    pub(super) fn edit_settings(
        &mut self,
        change: impl FnOnce(&mut crate::domain::settings::Settings) -> CommandResult,
    ) -> CommandResult {
        change(&mut self.data.settings)?;
        self.changed(RecordRef::Settings);
        self.save();
        Ok(())
    }

    // People

    /// Adds a Person. If storage refuses it, nothing is added.
    pub fn add_person(
        &mut self,
        name: &str,
        introduced_by: Option<PersonId>,
        organisation: &str,
        profile: &str,
    ) -> CommandResult<PersonId> {
        let now = self.clock.now();
        let mut person = Person::new(PersonId(self.ids.next_id()), name, now)
            .map_err(|e| CommandError::Invalid(e.message.into()))?;
        if let Some(by) = introduced_by {
            if self.data.people.iter().any(|p| p.id == by) {
                person.introduced_by = Some(by);
            }
        }
        for (field, value) in [
            (PersonField::Organisation, organisation),
            (PersonField::Linkedin, profile),
        ] {
            person
                .set(field, value, now)
                .map_err(|e| CommandError::Invalid(e.message.into()))?;
        }
        let id = person.id.clone();
        self.data.people.push(person);
        self.create(RecordRef::person(&id))?;
        Ok(id)
    }

    pub fn set_introduced_by(&mut self, id: &PersonId, by: Option<PersonId>) -> CommandResult {
        if let Some(by) = &by {
            if !self.data.people.iter().any(|p| &p.id == by) {
                return Err(CommandError::Missing(RecordKind::Person));
            }
        }
        let now = self.clock.now();
        self.person_mut(id)?
            .set_introduced_by(by, now)
            .map_err(|message| CommandError::Invalid(message.into()))?;
        self.changed(RecordRef::person(id));
        self.save();
        Ok(())
    }

    /// Deletes a Person with their chats and follow-ups, kept for Undo.
    /// Unsaved edits are saved first, so Undo brings back the latest text.
    pub fn delete_person(&mut self, id: &PersonId) -> CommandResult {
        self.save();
        let person = self
            .data
            .people
            .iter()
            .find(|p| &p.id == id)
            .cloned()
            .ok_or(CommandError::Missing(RecordKind::Person))?;
        self.repo
            .delete::<Person>(&id.0)
            .map_err(CommandError::NotSaved)?;
        let chats: Vec<Chat> = self
            .data
            .chats
            .iter()
            .filter(|c| &c.person_id == id)
            .cloned()
            .collect();
        let followups: Vec<FollowUp> = self
            .data
            .followups
            .iter()
            .filter(|f| &f.person_id == id)
            .cloned()
            .collect();
        // Their chats and follow-ups go too; one that cannot be removed now
        // is removed by the Person's absence at the next start.
        for chat in &chats {
            let _ = self.repo.delete::<Chat>(&chat.id.0);
            self.touch(RecordRef::chat(&chat.id));
        }
        for item in &followups {
            let _ = self.repo.delete::<FollowUp>(&item.id.0);
            self.touch(RecordRef::followup(&item.id));
        }
        self.data.chats.retain(|c| &c.person_id != id);
        self.data.followups.retain(|f| &f.person_id != id);
        self.data.people.retain(|p| &p.id != id);
        self.touch(RecordRef::person(id));
        self.recently_deleted = Some(Deleted {
            person,
            chats,
            followups,
        });
        Ok(())
    }

    pub fn undo_delete(&mut self) -> CommandResult {
        let Some(deleted) = self.recently_deleted.take() else {
            return Ok(());
        };
        let id = deleted.person.id.clone();
        self.data.people.push(deleted.person.clone());
        if let Err(error) = self.create(RecordRef::person(&id)) {
            self.recently_deleted = Some(deleted);
            return Err(error);
        }
        for chat in deleted.chats {
            let record = RecordRef::chat(&chat.id);
            self.data.chats.push(chat);
            self.changed(record);
        }
        for item in deleted.followups {
            let record = RecordRef::followup(&item.id);
            self.data.followups.push(item);
            self.changed(record);
        }
        self.save();
        Ok(())
    }

    // Chats

    pub fn create_chat(&mut self, person: &PersonId) -> CommandResult<ChatId> {
        if !self.data.people.iter().any(|p| &p.id == person) {
            return Err(CommandError::Missing(RecordKind::Person));
        }
        let settings = &self.data.settings;
        let mut chat = Chat::new(
            ChatId(self.ids.next_id()),
            person.clone(),
            self.clock.now(),
            &settings.checklist_template,
        );
        chat.length_minutes = settings.default_length;
        let id = chat.id.clone();
        self.data.chats.push(chat);
        self.create(RecordRef::chat(&id))?;
        Ok(id)
    }

    /// Moves a chat to another stage and applies the follow-up rules (the
    /// 3B7 reminders when asked; closing them when it is settled).
    pub fn move_chat(&mut self, id: &ChatId, stage: Stage) -> CommandResult {
        let now = self.clock.now();
        let chat = self.chat_mut(id)?;
        let from = chat.stage();
        let mut moved = chat.clone();
        moved
            .move_to(stage, now)
            .map_err(|problem| CommandError::Invalid(problem.message().into()))?;
        let context = self.rule_context(&moved);
        let changes = after_stage_change(&moved, from, &context, &self.data.followups);
        *self.chat_mut(id)? = moved;
        self.changed(RecordRef::chat(id));
        for item in changes {
            let record = RecordRef::followup(&item.id);
            match self.data.followups.iter_mut().find(|f| f.id == item.id) {
                Some(slot) => *slot = item,
                None => self.data.followups.push(item),
            }
            self.changed(record);
        }
        self.save();
        Ok(())
    }

    /// Sets or clears when a chat takes place. Only dates within the years
    /// a picker accepts are stored, so later arithmetic cannot overflow.
    pub fn set_start(&mut self, id: &ChatId, at: Option<NaiveDateTime>) -> CommandResult {
        if at.is_some_and(|at| !in_accepted_years(at.date())) {
            return Err(t().date_pick_year().into());
        }
        self.edit_chat(id, |chat| {
            chat.starts_at = at;
            Ok(())
        })
    }

    pub fn set_format(&mut self, id: &ChatId, format: Option<MeetingFormat>) -> CommandResult {
        self.edit_chat(id, |chat| {
            chat.format = format;
            Ok(())
        })
    }

    pub fn set_length(&mut self, id: &ChatId, minutes: u32) -> CommandResult {
        if !LENGTH_CHOICES.contains(&minutes) {
            return Err(t().command_choose_length().into());
        }
        self.edit_chat(id, |chat| {
            chat.length_minutes = minutes;
            Ok(())
        })
    }

    /// Puts a whole message (a fresh draft from the template) in place.
    pub fn set_message(
        &mut self,
        id: &ChatId,
        kind: ChatMessage,
        subject: &str,
        body: &str,
    ) -> CommandResult {
        self.edit_chat(id, |chat| {
            let (subject_slot, body_slot) = chat.message_mut(kind);
            subject.clone_into(subject_slot);
            body.clone_into(body_slot);
            Ok(())
        })
    }

    /// The follow-up message was sent: the reminder to send it is done.
    pub fn mark_follow_up_sent(&mut self, id: &ChatId) -> CommandResult {
        let nudge = self
            .data
            .followups
            .iter()
            .find(|f| f.belongs_to(id) && f.is_open() && f.kind == FollowUpKind::ReplyNudge)
            .map(|f| f.id.clone());
        match nudge {
            Some(nudge) => self.set_followup_status(&nudge, FollowUpStatus::Done),
            None => Ok(()),
        }
    }

    // Preparing

    /// Adds a question of the person's own; optionally also to their bank.
    pub fn add_question(
        &mut self,
        id: &ChatId,
        category: QuestionCategory,
        text: &str,
        save_to_bank: bool,
    ) -> CommandResult {
        let text = required(text, t().command_write_question())?;
        let question = ChatQuestion {
            id: self.ids.next_id(),
            category,
            text: text.to_string(),
            asked: false,
            answer: String::new(),
        };
        self.chat_mut(id)?;
        if save_to_bank
            && !self
                .data
                .settings
                .own_questions
                .iter()
                .any(|q| q.text == text)
        {
            let saved = BankQuestion {
                id: self.ids.next_id(),
                category,
                text: text.to_string(),
            };
            self.data.settings.own_questions.push(saved);
            self.changed(RecordRef::Settings);
        }
        self.edit_chat(id, |chat| {
            chat.questions.push(question);
            Ok(())
        })
    }

    /// Plans a question from the bank, once.
    pub fn add_bank_question(&mut self, id: &ChatId, question: &BankQuestion) -> CommandResult {
        let new_id = self.ids.next_id();
        self.edit_chat(id, |chat| {
            if chat.questions.iter().any(|q| q.text == question.text) {
                return Err(t().command_already_planned().into());
            }
            chat.questions.push(ChatQuestion {
                id: new_id,
                category: question.category,
                text: question.text.clone(),
                asked: false,
                answer: String::new(),
            });
            Ok(())
        })
    }

    pub fn move_question(&mut self, id: &ChatId, index: usize, up: bool) -> CommandResult {
        self.edit_chat(id, |chat| {
            move_item(&mut chat.questions, index, up);
            Ok(())
        })
    }

    pub fn remove_question(&mut self, id: &ChatId, question: &str) -> CommandResult {
        self.edit_chat(id, |chat| {
            chat.questions.retain(|q| q.id != question);
            Ok(())
        })
    }

    pub fn remove_from_bank(&mut self, text: &str) -> CommandResult {
        self.edit_settings(|s| {
            s.own_questions.retain(|q| q.text != text);
            Ok(())
        })
    }

    pub fn add_checklist_item(&mut self, id: &ChatId, text: &str) -> CommandResult {
        let text = required(text, t().command_write_item())?;
        let item = ChecklistItem {
            id: self.ids.next_id(),
            group: ChecklistGroup::Own,
            text: text.to_string(),
            done: false,
        };
        self.edit_chat(id, |chat| {
            chat.checklist.push(item);
            Ok(())
        })
    }

    pub fn tick_checklist_item(&mut self, id: &ChatId, item: &str, done: bool) -> CommandResult {
        self.edit_chat(id, |chat| {
            let item = chat
                .checklist
                .iter_mut()
                .find(|i| i.id == item)
                .ok_or(CommandError::Missing(RecordKind::ChecklistItem))?;
            item.done = done;
            Ok(())
        })
    }

    pub fn remove_checklist_item(&mut self, id: &ChatId, item: &str) -> CommandResult {
        self.edit_chat(id, |chat| {
            chat.checklist.retain(|i| i.id != item);
            Ok(())
        })
    }

    // The checklist template

    /// Adds an item after the last one of its group, so groups stay together.
    pub fn add_template_item(&mut self, group: ChecklistGroup, text: &str) -> CommandResult {
        let text = required(text, t().command_write_item())?;
        let item = ChecklistItem {
            id: self.ids.next_id(),
            group,
            text: text.to_string(),
            done: false,
        };
        self.edit_settings(|s| {
            let items = &mut s.checklist_template;
            let at = items
                .iter()
                .rposition(|i| i.group == group)
                .map_or(items.len(), |p| p + 1);
            items.insert(at, item);
            Ok(())
        })
    }

    pub fn move_template_item(&mut self, index: usize, up: bool) -> CommandResult {
        self.edit_settings(|s| {
            move_item(&mut s.checklist_template, index, up);
            Ok(())
        })
    }

    pub fn remove_template_item(&mut self, id: &str) -> CommandResult {
        self.edit_settings(|s| {
            s.checklist_template.retain(|i| i.id != id);
            Ok(())
        })
    }

    pub fn restore_template(&mut self) -> CommandResult {
        self.edit_settings(|s| {
            s.checklist_template = built_in_checklist();
            Ok(())
        })
    }

    // The meeting

    /// Records a timer event now. Ending also marks the chat Done.
    pub fn timer_action(&mut self, id: &ChatId, action: TimerAction) -> CommandResult {
        let now_ms = self.clock.now().timestamp_millis();
        let wrap_up = self.data.settings.wrap_up_minutes;
        self.edit_chat(id, |chat| {
            let view = timer::view(&chat.meeting_log, chat.length_minutes, wrap_up, now_ms);
            if !timer::allowed(&view, action) {
                return Err(t().command_timer_not_now().into());
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

    /// Notes that their no came during a hiring competition, or takes it
    /// back; the advice after the no follows it.
    pub fn mark_hiring_competition(&mut self, id: &ChatId, during: bool) -> CommandResult {
        self.edit_chat(id, |chat| {
            chat.hiring_competition = during;
            Ok(())
        })
    }

    /// A follow-up to write to them again once the competition has closed,
    /// due [`AFTER_COMPETITION_DAYS`] from today. There is one at a time:
    /// asked again while it is open, it keeps its date; once done or
    /// skipped, it opens again with a new one.
    pub fn remind_after_competition(&mut self, id: &ChatId) -> CommandResult<NaiveDate> {
        let person = self.chat_mut(id)?.person_id.clone();
        let item_id = FollowUpId::after_competition(id);
        let due = days_after(self.clock.today(), AFTER_COMPETITION_DAYS);
        let now = self.clock.now();
        if let Some(existing) = self.data.followups.iter().find(|f| f.id == item_id) {
            if existing.is_open() {
                return Ok(existing.due);
            }
            self.edit_followup(&item_id, |item| {
                item.due = due;
                item.snoozed_until = None;
                item.set_status(FollowUpStatus::Open, now);
            })?;
            return Ok(due);
        }
        let title = t().chat_write_again_after_competition();
        self.create_followup(FollowUp::custom(item_id, person, title, due, now)?)?;
        Ok(due)
    }

    /// Covers the meeting screen but for its timer, or shows it all again.
    pub fn cover_meeting(&mut self, id: &ChatId, covered: bool) -> CommandResult {
        self.edit_chat(id, |chat| {
            chat.covered = covered;
            Ok(())
        })
    }

    pub fn go_to_question(&mut self, id: &ChatId, index: usize) -> CommandResult {
        self.edit_chat(id, |chat| {
            if index >= chat.questions.len() {
                return Err(CommandError::Missing(RecordKind::Question));
            }
            chat.current_question = index;
            Ok(())
        })
    }

    pub fn toggle_asked(&mut self, id: &ChatId, index: usize) -> CommandResult {
        self.edit_chat(id, |chat| {
            let question = chat
                .questions
                .get_mut(index)
                .ok_or(CommandError::Missing(RecordKind::Question))?;
            question.asked = !question.asked;
            Ok(())
        })
    }

    /// Adds the note being written, stamped with the time and how far into
    /// the meeting it was written, and empties the draft.
    pub fn add_note(&mut self, id: &ChatId) -> CommandResult {
        let now = self.clock.now();
        let wrap_up = self.data.settings.wrap_up_minutes;
        let note_id = self.ids.next_id();
        self.edit_chat(id, |chat| {
            let text = chat.note_draft.trim().to_string();
            if text.is_empty() {
                return Err(t().command_write_note().into());
            }
            let view = timer::view(
                &chat.meeting_log,
                chat.length_minutes,
                wrap_up,
                now.timestamp_millis(),
            );
            chat.notes.push(Note {
                id: note_id,
                created_at: now,
                offset_ms: view.started_at_ms.map(|_| view.elapsed_ms),
                text,
            });
            chat.note_draft.clear();
            Ok(())
        })
    }

    pub fn delete_note(&mut self, id: &ChatId, note: &str) -> CommandResult {
        self.edit_chat(id, |chat| {
            chat.notes.retain(|n| n.id != note);
            Ok(())
        })
    }

    /// Adds someone the person met suggested, as a new Person at Idea
    /// introduced by them, with a reminder to thank them for it.
    pub fn add_referral(&mut self, id: &ChatId, name: &str) -> CommandResult<PersonId> {
        let met = self
            .data
            .chats
            .iter()
            .find(|c| &c.id == id)
            .map(|c| c.person_id.clone())
            .ok_or(CommandError::Missing(RecordKind::Chat))?;
        let referral = self.add_person(name, Some(met), "", "")?;
        let added = referral.clone();
        self.edit_chat(id, |chat| {
            chat.referrals.push(added);
            Ok(())
        })?;
        let chat = self.chat_mut(id)?.clone();
        let context = self.rule_context(&chat);
        if let Some(item) = for_referral(&chat, &referral, &context, &self.data.followups) {
            let record = RecordRef::followup(&item.id);
            self.data.followups.push(item);
            self.changed(record);
            self.save();
        }
        Ok(referral)
    }

    // Follow-ups

    /// Marks a follow-up done or skipped. Keeping in touch, once done,
    /// comes back three months later.
    pub fn set_followup_status(
        &mut self,
        id: &FollowUpId,
        status: FollowUpStatus,
    ) -> CommandResult {
        let now = self.clock.now();
        self.edit_followup(id, |item| item.set_status(status, now))?;
        let done = self.followup_mut(id)?.clone();
        if let Some(next) = next_keep_in_touch(&done, self.clock.today(), now) {
            if !self.data.followups.iter().any(|f| f.id == next.id) {
                let record = RecordRef::followup(&next.id);
                self.data.followups.push(next);
                self.changed(record);
                self.save();
            }
        }
        Ok(())
    }

    /// Puts an item off by a number of days from today.
    pub fn snooze_for(&mut self, id: &FollowUpId, days: u64) -> CommandResult {
        let until = days_after(self.clock.today(), days);
        self.snooze_until(id, until)
    }

    pub fn snooze_until(&mut self, id: &FollowUpId, until: NaiveDate) -> CommandResult {
        if until <= self.clock.today() {
            return Err(t().command_after_today().into());
        }
        if !in_accepted_years(until) {
            return Err(t().date_pick_year().into());
        }
        let now = self.clock.now();
        self.edit_followup(id, |item| item.snooze(until, now))
    }

    /// Adds a follow-up the person wrote themselves.
    pub fn add_custom_followup(
        &mut self,
        person: &PersonId,
        title: &str,
        due: NaiveDate,
    ) -> CommandResult {
        if !self.data.people.iter().any(|p| &p.id == person) {
            return Err(CommandError::Missing(RecordKind::Person));
        }
        if !in_accepted_years(due) {
            return Err(t().date_pick_year().into());
        }
        let item = FollowUp::custom(
            FollowUpId(self.ids.next_id()),
            person.clone(),
            title,
            due,
            self.clock.now(),
        )?;
        self.create_followup(item)
    }

    /// Stores a follow-up made here for the first time.
    fn create_followup(&mut self, item: FollowUp) -> CommandResult {
        let record = RecordRef::followup(&item.id);
        self.data.followups.push(item);
        self.create(record)
    }

    // Settings

    pub fn change_setting(&mut self, change: SettingChange) -> CommandResult {
        self.edit_settings(|s| {
            match change {
                SettingChange::Theme(theme) => s.theme = theme,
                SettingChange::Language(choice) => s.language = choice,
                SettingChange::Vibrate(on) => s.vibrate = on,
                SettingChange::WrapUpMinutes(minutes) => s.wrap_up_minutes = minutes,
                SettingChange::ThankYouDays(days) => s.thank_you_days = days.clamp(1, 5),
                SettingChange::DefaultLength(minutes) if LENGTH_CHOICES.contains(&minutes) => {
                    s.default_length = minutes
                }
                SettingChange::DefaultLength(_) => return Err(t().command_choose_length().into()),
                SettingChange::TargetChats(input) => s.set_target_chats(&input)?,
                SettingChange::DismissHomeScreenTip => s.home_screen_tip_dismissed = true,
            }
            Ok(())
        })
    }

    /// Done chats whose meeting ended before `before`: the ones that can
    /// go to an archive file when storage runs short.
    pub fn archivable_chats(&self, before: NaiveDate) -> Vec<ChatId> {
        self.data
            .chats
            .iter()
            .filter(|c| c.stage() == Stage::Done)
            .filter(|c| {
                c.entered(Stage::Done)
                    .is_some_and(|at| at.date_naive() < before)
            })
            .map(|c| c.id.clone())
            .collect()
    }

    /// Moves Done chats from before `before` into a backup file, returned
    /// for download, and removes them (with their follow-ups) from storage.
    /// The people stay. Importing the file with Merge brings them back.
    pub fn archive_done_chats(&mut self, before: NaiveDate) -> CommandResult<(String, usize)> {
        let ids = self.archivable_chats(before);
        if ids.is_empty() {
            return Err(t().command_none_that_old().into());
        }
        let chats: Vec<Chat> = self
            .data
            .chats
            .iter()
            .filter(|c| ids.contains(&c.id))
            .cloned()
            .collect();
        let followups: Vec<FollowUp> = self
            .data
            .followups
            .iter()
            .filter(|f| f.chat_id.as_ref().is_some_and(|c| ids.contains(c)))
            .cloned()
            .collect();
        let people: Vec<Person> = self
            .data
            .people
            .iter()
            .filter(|p| chats.iter().any(|c| c.person_id == p.id))
            .cloned()
            .collect();
        // Their organisations' targets go in the file too, so that it
        // reads whole; the targets themselves stay here.
        let targets = self
            .data
            .targets
            .iter()
            .filter(|t| people.iter().any(|p| t.employs(p)))
            .cloned()
            .collect();
        let archive = crate::storage::Data {
            people,
            chats,
            followups,
            targets,
            settings: self.data.settings.clone(),
        };
        let text = backup::export(&archive, self.clock.now());
        for item in &archive.followups {
            self.repo
                .archive::<FollowUp>(&item.id.0)
                .map_err(CommandError::NotSaved)?;
            self.data.followups.retain(|f| f.id != item.id);
            self.touch(RecordRef::followup(&item.id));
        }
        for chat in &archive.chats {
            self.repo
                .archive::<Chat>(&chat.id.0)
                .map_err(CommandError::NotSaved)?;
            self.data.chats.retain(|c| c.id != chat.id);
            self.touch(RecordRef::chat(&chat.id));
        }
        Ok((text, archive.chats.len()))
    }

    // Backup

    /// Whether to offer a backup: a chat debriefed since the last one,
    /// changes since a backup a week old, or none after a week of data.
    pub fn backup_due(&self) -> Option<BackupDue> {
        let last = self.data.settings.last_backup_at;
        let since = |at: chrono::DateTime<chrono::Utc>| last.is_none_or(|last| at > last);
        let debriefed = self.data.chats.iter().any(|c| {
            c.stage() == Stage::Done
                && !(c.takeaways.trim().is_empty() && c.advice.trim().is_empty())
                && since(c.updated_at)
        });
        if debriefed {
            return Some(BackupDue::Debriefed);
        }
        let week_ago = self.clock.now() - chrono::TimeDelta::days(7);
        match last {
            // Never: once something has been kept here a week.
            None => self
                .data
                .people
                .iter()
                .any(|p| p.created_at < week_ago)
                .then_some(BackupDue::Never),
            Some(last) => {
                let changed = self.data.people.iter().any(|p| since(p.updated_at))
                    || self.data.chats.iter().any(|c| since(c.updated_at))
                    || self.data.targets.iter().any(|t| since(t.updated_at));
                (last < week_ago && changed).then_some(BackupDue::Old)
            }
        }
    }

    /// What is on screen, saved or not, as a file without times: for when
    /// storage refuses to save it.
    pub fn export_on_screen(&self) -> String {
        backup::export(&self.data, self.clock.now())
    }

    /// The backup file's text, for this device or another; remembers when
    /// it was made. Pending edits are saved first, so that they are in it.
    pub fn export_backup(&mut self) -> String {
        let now = self.clock.now();
        self.data.settings.last_backup_at = Some(now);
        self.changed(RecordRef::Settings);
        self.save();
        let device = self.repo.device(|| self.ids.next_id());
        // Unremembered (storage full), the next file names a new device,
        // whose differing texts then merge as changed on both: kept twice,
        // never lost.
        let _ = self.repo.remember_device(&device);
        backup::export_replica(&self.repo.replica(), &self.data, &device, now)
    }

    /// What merging `file` would change here; nothing is written.
    pub fn merge_preview(&mut self, file: &Checked) -> Preview {
        self.save();
        self.merged_with(file).1
    }

    /// This device's records merged with the file's, what that changes,
    /// and this device's memory with the file taken.
    fn merged_with(&self, file: &Checked) -> (Replica, Preview, Device) {
        let mut device = self.repo.device(|| self.ids.next_id());
        let from = file.origin.device.as_str();
        let at = |map: &serde_json::Map<String, serde_json::Value>, key: &str| {
            map.get(key)
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(0)
        };
        let now = millis(self.clock.now());
        // A file of this device's own was made from what it held.
        let own = from == device.id;
        let exchange = Exchange {
            me: &device.id,
            them: from,
            they_know_mine: if own {
                u64::MAX
            } else {
                at(&file.origin.seen, &device.id)
            },
            i_know_theirs: if own {
                u64::MAX
            } else {
                at(&device.taken, from)
            },
            now,
            arrived_mine: &device.arrived,
            arrived_theirs: &file.origin.arrived,
            taken_mine: &device.taken,
            taken_theirs: &file.origin.seen,
        };
        let (merged, preview, arrived) = merge_replicas(
            &self.repo.replica(),
            &file.replica,
            exchange,
            &|mine, theirs| {
                fill(
                    t().backup_both_kept(),
                    &[("mine", &mine), ("theirs", &theirs)],
                )
            },
        );
        if !from.is_empty() && from != device.id {
            let mut take = |id: &str, made: u64| {
                if id != device.id && at(&device.taken, id) < made {
                    device.taken.insert(id.to_string(), made.into());
                }
            };
            take(from, millis(file.backup.exported_at));
            for (id, made) in &file.origin.seen {
                take(id, made.as_u64().unwrap_or(0));
            }
            device.arrived.extend(arrived);
        }
        (merged, preview, device)
    }

    /// Imports a checked backup, all or nothing, and says what changed.
    /// Unsaved edits must be saved first, or the import would have to
    /// overwrite them.
    pub fn import_backup(
        &mut self,
        file: Checked,
        mode: ImportMode,
    ) -> Result<Preview, CommandError> {
        if !self.save() {
            return Err(t().command_not_imported().into());
        }
        let result = match mode {
            ImportMode::Replace => self
                .repo
                .replace_all(&backup::restored(file.backup))
                .map(|()| Preview::default()),
            ImportMode::Merge => {
                let (merged, preview, device) = self.merged_with(&file);
                self.repo
                    .replace_with(&merged, &self.data)
                    .and_then(|()| self.repo.remember_device(&device))
                    .map(|()| preview)
            }
        };
        self.reload();
        result.map_err(|error| {
            CommandError::Invalid(fill(t().command_nothing_imported(), &[("error", &error)]))
        })
    }
}

/// Why a backup is offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupDue {
    /// A meeting was debriefed since the last backup.
    Debriefed,
    /// The last backup is more than a week old, and something changed
    /// since.
    Old,
    /// There has never been one, and data has been kept here a week.
    Never,
}

fn millis(at: chrono::DateTime<chrono::Utc>) -> u64 {
    at.timestamp_millis().max(0) as u64
}
