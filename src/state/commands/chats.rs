//! Chats: planned, moved between stages (with the follow-ups each move
//! sets), booked, and the messages written for them.

use super::*;

impl Workspace {
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
}
