//! Settings, and making room: old done chats moved to an archive file
//! that Merge brings back, with the people and targets it needs to read whole.

use super::*;

impl Workspace {
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
}
