//! Every change a screen can ask for, as a named command on [`Workspace`].
//! Commands check their input, change the records in memory and save; text
//! typed into a field goes through [`Workspace::type_text`], which leaves the
//! save to the autosave timer so a burst of typing is one write, not many.

mod backups;
mod chats;
mod followups;
mod meeting;
mod people;
mod preparing;
mod settings;

pub use followups::MessagePart;

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

/// What a chat keeps as saved drafts until a button moves them into it:
/// an own question on Prepare, someone suggested in the debrief.
#[derive(Clone, Copy)]
pub enum ChatDraft {
    Question,
    Referral,
    ChecklistItem,
}

impl ChatDraft {
    pub const ALL: [ChatDraft; 3] = [
        ChatDraft::Question,
        ChatDraft::Referral,
        ChatDraft::ChecklistItem,
    ];

    /// The draft's key, for [`TextTarget::Draft`] and
    /// [`Workspace::commit_draft`].
    pub fn key(self, chat: &ChatId) -> String {
        match self {
            ChatDraft::Question => format!("question-{chat}"),
            ChatDraft::Referral => format!("referral-{chat}"),
            ChatDraft::ChecklistItem => format!("checklist-{chat}"),
        }
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

    /// Empties the draft boxes whose keys `theirs` picks, and returns what
    /// was typed in them, by key.
    pub(super) fn take_drafts(&mut self, theirs: &dyn Fn(&str) -> bool) -> Vec<(String, String)> {
        let mut taken = Vec::new();
        self.data.settings.drafts.retain(|key, text| {
            let keep = !theirs(key);
            if !keep {
                taken.push((key.clone(), text.as_str().unwrap_or_default().to_string()));
            }
            keep
        });
        if !taken.is_empty() {
            self.changed(RecordRef::Settings);
        }
        taken
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
