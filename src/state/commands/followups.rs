//! Follow-ups: done, skipped, snoozed, and the person's own. A settled
//! follow-up drops its message drafts here, so none outlives it.

use super::*;

/// The parts of a follow-up's message that the queue keeps as saved drafts
/// until it is settled: the subject, the body, and the point put in the
/// person's own words.
#[derive(Clone, Copy)]
pub enum MessagePart {
    Subject,
    Body,
    Point,
}

impl MessagePart {
    pub fn draft(self, id: &FollowUpId) -> TextTarget {
        let part = match self {
            MessagePart::Subject => "subject",
            MessagePart::Body => "body",
            MessagePart::Point => "point",
        };
        TextTarget::Draft(format!("{}{part}", message_drafts(id)))
    }
}

/// What the keys of a follow-up's message drafts start with.
pub(super) fn message_drafts(id: &FollowUpId) -> String {
    format!("followup-{id}-")
}

impl Workspace {
    /// Marks a follow-up done or skipped. Keeping in touch, once done,
    /// comes back three months later.
    pub fn set_followup_status(
        &mut self,
        id: &FollowUpId,
        status: FollowUpStatus,
    ) -> CommandResult {
        let now = self.clock.now();
        self.followup_mut(id)?;
        if status != FollowUpStatus::Open {
            // A settled follow-up's message, sent or not, is no longer a draft.
            let prefix = message_drafts(id);
            self.take_drafts(&|key| key.starts_with(&prefix));
        }
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
    pub(super) fn create_followup(&mut self, item: FollowUp) -> CommandResult {
        let record = RecordRef::followup(&item.id);
        self.data.followups.push(item);
        self.create(record)
    }
}
