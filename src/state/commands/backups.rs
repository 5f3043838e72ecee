//! Backups: when one is due, the file made here, and a file taken in,
//! by replacing everything or by merging with another device's.

use super::*;

impl Workspace {
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
