//! The meeting: the timer, the question being asked, notes, a hiring
//! competition, and the referrals made at the table.

use super::*;

impl Workspace {
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
}
