//! The commands of the Targets screen: organisations added, scored,
//! ordered by hand and removed, and the people a rename leaves behind.

use super::workspace::{CommandError, CommandResult, RecordKind, RecordRef, Workspace};
use crate::domain::person::PersonField;
use crate::domain::targets::{
    left_by_rename, moved, ranked, target_of, Ranked, Score, Target, TargetId,
};

impl Workspace {
    /// Every target ranked, with its people and next step; or only `one`.
    pub fn ranked_targets(&self, one: Option<&TargetId>) -> Vec<Ranked> {
        let data = &self.data;
        let targets = match one {
            Some(id) => match data.targets.iter().find(|t| &t.id == id) {
                Some(target) => std::slice::from_ref(target),
                None => &[],
            },
            None => &data.targets[..],
        };
        ranked(
            targets,
            &data.people,
            &data.chats,
            &data.followups,
            &data.settings.target_order,
        )
    }

    /// Adds an organisation by its name alone; one already there, by the
    /// folded name, is not added twice but returned.
    pub fn add_target(&mut self, name: &str) -> CommandResult<TargetId> {
        let now = self.clock.now();
        let target = Target::new(TargetId(self.ids.next_id()), name, now)?;
        if let Some(known) = self
            .data
            .targets
            .iter()
            .find(|t| t.employs_name(&target.name))
        {
            return Ok(known.id.clone());
        }
        let id = target.id.clone();
        self.data.targets.push(target);
        self.create(RecordRef::target(&id))?;
        Ok(id)
    }

    /// The target for a person's organisation, added if there is none.
    pub fn target_for_person(
        &mut self,
        person: &crate::domain::person::PersonId,
    ) -> CommandResult<TargetId> {
        let person = self
            .data
            .people
            .iter()
            .find(|p| &p.id == person)
            .ok_or(CommandError::Missing(RecordKind::Person))?;
        match target_of(&self.data.targets, person) {
            Some(target) => Ok(target.id.clone()),
            None => {
                let name = person.organisation.clone();
                self.add_target(&name)
            }
        }
    }

    pub fn set_target_score(&mut self, id: &TargetId, score: Score, value: u8) -> CommandResult {
        let now = self.clock.now();
        self.target_mut(id)?.set_score(score, value, now);
        self.changed(RecordRef::target(id));
        self.save();
        Ok(())
    }

    /// Moves a target one place in the list as shown, which from then on
    /// keeps the order it was given by hand.
    pub fn move_target(&mut self, shown: &[TargetId], index: usize, up: bool) -> CommandResult {
        let order = moved(shown, index, up);
        self.edit_settings(|settings| {
            settings.target_order = order;
            Ok(())
        })
    }

    /// Back to the method's ranking.
    pub fn rank_targets_by_method(&mut self) -> CommandResult {
        self.edit_settings(|settings| {
            settings.target_order.clear();
            Ok(())
        })
    }

    /// Removes a target. The people who work there stay as they are.
    pub fn delete_target(&mut self, id: &TargetId) -> CommandResult {
        self.save();
        if !self.data.targets.iter().any(|t| &t.id == id) {
            return Err(CommandError::Missing(RecordKind::Target));
        }
        self.repo
            .delete::<Target>(&id.0)
            .map_err(CommandError::NotSaved)?;
        self.data.targets.retain(|t| &t.id != id);
        self.touch(RecordRef::target(id));
        if self.data.settings.target_order.contains(&id.0) {
            self.edit_settings(|settings| {
                settings.target_order.retain(|known| known != &id.0);
                Ok(())
            })?;
        }
        Ok(())
    }

    /// After a rename: `follow` gives the people still using the former
    /// name the new one; otherwise they keep what they typed. Either way
    /// the question is settled.
    pub fn settle_rename(&mut self, id: &TargetId, follow: bool) -> CommandResult {
        let now = self.clock.now();
        let target = self
            .data
            .targets
            .iter()
            .find(|t| &t.id == id)
            .ok_or(CommandError::Missing(RecordKind::Target))?;
        let name = target.name.clone();
        let left: Vec<_> = left_by_rename(target, &self.data.people)
            .into_iter()
            .map(|p| p.id.clone())
            .collect();
        if follow {
            for person in &left {
                self.person_mut(person)?
                    .set(PersonField::Organisation, &name, now)
                    .map_err(|e| CommandError::Invalid(e.message.into()))?;
                self.changed(RecordRef::person(person));
            }
        }
        let target = self.target_mut(id)?;
        target.former_name.clear();
        target.updated_at = now;
        self.changed(RecordRef::target(id));
        self.save();
        Ok(())
    }
}

#[cfg(test)]
mod tests;
