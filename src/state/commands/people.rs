//! People: added, linked to who introduced them, deleted with what was
//! theirs, and brought back by Undo.

use super::*;

impl Workspace {
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
        // A draft goes with its record, and Undo brings it back.
        let drafts = self.take_drafts(&|key| {
            chats.iter().any(|chat| {
                ChatDraft::ALL
                    .iter()
                    .any(|draft| draft.key(&chat.id) == key)
            }) || followups
                .iter()
                .any(|item| key.starts_with(&followups::message_drafts(&item.id)))
        });
        self.recently_deleted = Some(Deleted {
            person,
            chats,
            followups,
            drafts,
        });
        self.save();
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
        if !deleted.drafts.is_empty() {
            for (key, text) in deleted.drafts {
                self.data.settings.drafts.insert(key, text.into());
            }
            self.changed(RecordRef::Settings);
        }
        self.save();
        Ok(())
    }
}
