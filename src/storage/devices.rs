//! Two devices kept in step with no server: each one's backup file,
//! imported on the other, merges field by field with the times the two-tab
//! merge keeps (see `merge`), deletions travel as tombstones, and a text
//! both devices changed since they last exchanged keeps both versions.
//!
//! "Since they last exchanged" is told by the files: each device has an id
//! and remembers when the last file it took from every other device was
//! made; a file says when it was made and carries that memory. A text
//! changed since the other device last saw this one's, or taken in from a
//! third device since, is unseen there, unless the other gave it or wrote
//! it. To tell, each device remembers the texts it took in and the pairs
//! it made ("arrived": record key and path to the device it came from, the
//! text's time, and the device that wrote it with when that device first
//! held it), and its files carry that. A text unseen on both sides changed
//! on both.

use serde_json::{Map, Value};

use super::merge::{merge, Versioned};
use super::NAMESPACE;

/// Fields whose text a person writes at length, where two versions can
/// stand one after the other. Any other field (a name, a date, a stage)
/// takes the later change.
const PROSE: [&str; 13] = [
    "notes",
    "research",
    "goal",
    "why_them",
    "takeaways",
    "advice",
    "note_draft",
    "answer",
    "text",
    "note",
    "background",
    "connection",
    "request",
];

/// Settings that describe the device, not the person: when this device
/// last made a backup, and what is half typed in its boxes.
const DEVICE_ONLY: [&str; 2] = ["last_backup_at", "drafts"];

/// One device's records, by storage key, each as stored (its fields and
/// their times, see `merge`), and its deletions: key to when the record
/// was deleted, in milliseconds. JSON maps, as they are stored: other
/// kinds of map would each add their own code to the download.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Replica {
    pub records: Map<String, Value>,
    pub deleted: Map<String, Value>,
}

impl Replica {
    pub fn get(&self, key: &str) -> Option<Versioned> {
        match self.records.get(key)? {
            Value::Object(stored) => Some(Versioned::from_stored(stored.clone())),
            _ => None,
        }
    }

    pub fn put(&mut self, key: String, version: &Versioned) {
        self.records.insert(key, Value::Object(version.to_stored()));
    }

    fn deleted_at(&self, key: &str) -> Option<u64> {
        self.deleted.get(key).and_then(Value::as_u64)
    }
}

/// What the two devices know of each other, and the time of the merge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Exchange<'a> {
    pub me: &'a str,
    pub them: &'a str,
    /// When the other device's last file from this one was made.
    pub they_know_mine: u64,
    /// When this device's last file from the other was made, before this
    /// one.
    pub i_know_theirs: u64,
    pub now: u64,
    /// The texts each side took in from others (see the module's note).
    pub arrived_mine: &'a Map<String, Value>,
    pub arrived_theirs: &'a Map<String, Value>,
    /// When the last file each side took from every other was made.
    pub taken_mine: &'a Map<String, Value>,
    pub taken_theirs: &'a Map<String, Value>,
}

impl Exchange<'_> {
    /// Whether `version`'s text at `path` of record `key`, on this device's
    /// side or the other's, is one the opposite side has not seen.
    fn unseen(&self, version: &Versioned, key: &str, path: &str, mine: bool) -> bool {
        let (seen_by_other, arrived, other, taken_by_other) = if mine {
            (
                self.they_know_mine,
                self.arrived_mine,
                self.them,
                self.taken_theirs,
            )
        } else {
            (
                self.i_know_theirs,
                self.arrived_theirs,
                self.me,
                self.taken_mine,
            )
        };
        let at = version.time_of(path);
        match arrival(arrived, key, at, path) {
            Some((from, origin, origin_at)) => {
                from != other
                    && origin != other
                    && taken_by_other
                        .get(origin)
                        .and_then(Value::as_u64)
                        .unwrap_or(0)
                        < origin_at
            }
            None => at > seen_by_other,
        }
    }
}

/// Where the text at `path` of record `key`, timed `at`, came from, if it
/// came in a merge: the device it was taken from, the device that wrote
/// it, and when that device first held it.
fn arrival<'a>(
    arrived: &'a Map<String, Value>,
    key: &str,
    at: u64,
    path: &str,
) -> Option<(&'a str, &'a str, u64)> {
    [arrival_entry(key, path), arrival_entry(key, "")]
        .iter()
        .find_map(|entry| match arrived.get(entry)?.as_array()?.as_slice() {
            [from, text_at, origin, origin_at] if at <= text_at.as_u64()? => {
                Some((from.as_str()?, origin.as_str()?, origin_at.as_u64()?))
            }
            _ => None,
        })
}

/// An arrival as remembered: [taken from, text's time, written by, first
/// held then].
fn remembered(from: &str, at: u64, origin: &str, origin_at: u64) -> Value {
    Value::Array(vec![
        from.into(),
        at.into(),
        origin.into(),
        origin_at.into(),
    ])
}

/// Where a record's text, or (`path` empty) a whole record, taken in from
/// another device is remembered.
fn arrival_entry(key: &str, path: &str) -> String {
    format!("{key} {path}")
}

/// Records added, changed and deleted here by a merge, for one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub deleted: usize,
}

/// What a merge would change here, said before anything is written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    /// People, chats, follow-ups and targets, in that order.
    pub kinds: [Counts; 4],
    pub settings_changed: bool,
    /// Texts changed on both devices, now holding both versions.
    pub both_kept: usize,
    /// Records deleted on one device and edited on the other since: kept.
    pub edited_after_deletion: usize,
}

impl Preview {
    pub fn changes_nothing(&self) -> bool {
        self.kinds == [Counts::default(); 4] && !self.settings_changed
    }
}

const KINDS: [&str; 4] = ["person/", "chat/", "followup/", "target/"];

fn counts_for<'a>(preview: &'a mut Preview, key: &str) -> Option<&'a mut Counts> {
    let name = key.split_once('/').map_or(key, |(_, name)| name);
    let kind = KINDS.iter().position(|kind| name.starts_with(kind))?;
    Some(&mut preview.kinds[kind])
}

/// `mine` merged with `theirs`, the other device's file, what that changes
/// here, and the texts taken in from the other side. `both_kept` joins two texts: this device's, then the
/// other's. The same files give the same result on either device, apart
/// from which text of a pair comes first.
pub fn merge_replicas(
    mine: &Replica,
    theirs: &Replica,
    exchange: Exchange,
    both_kept: &dyn Fn(&str, &str) -> String,
) -> (Replica, Preview, Vec<(String, Value)>) {
    let mut preview = Preview::default();
    let mut arrived: Vec<(String, Value)> = Vec::new();
    let taken = |key: &str, path: &str, at: u64| {
        let (origin, origin_at) = match arrival(exchange.arrived_theirs, key, at, path) {
            Some((_, origin, origin_at)) => (origin, origin_at),
            None => (exchange.them, at),
        };
        let remembered = remembered(exchange.them, at, origin, origin_at);
        (arrival_entry(key, path), remembered)
    };
    let mut deleted = mine.deleted.clone();
    for (key, at) in &theirs.deleted {
        let at = at.as_u64().unwrap_or(0);
        if mine.deleted_at(key).is_none_or(|mine| mine < at) {
            deleted.insert(key.clone(), at.into());
        }
    }
    let mut merged = Replica {
        records: Map::new(),
        deleted,
    };
    // Each person's kept chats and follow-ups, and their latest edit.
    let mut owned_until: Vec<(String, u64)> = Vec::new();
    let keys = mine.records.keys().chain(
        theirs
            .records
            .keys()
            .filter(|key| !mine.records.contains_key(*key)),
    );
    for key in keys {
        // Only records of these kinds are ever deleted: a file that
        // says the settings were is not believed.
        let deletable = counts_for(&mut Preview::default(), key).is_some();
        let outlived = |version: &Versioned| {
            // Deleting a person deletes their chats and follow-ups.
            let owner = version
                .fields
                .get("person_id")
                .and_then(Value::as_str)
                .and_then(|id| merged.deleted_at(&format!("{NAMESPACE}person/{id}")));
            deletable
                && merged
                    .deleted_at(key)
                    .max(owner)
                    .is_some_and(|at| at >= version.latest())
        };
        let version = match (mine.get(key), theirs.get(key)) {
            (Some(m), Some(t)) if outlived(&m) && outlived(&t) => {
                if let Some(counts) = counts_for(&mut preview, key) {
                    counts.deleted += 1;
                }
                continue;
            }
            (Some(m), Some(mut t)) => {
                // Each device's own, whatever the other's says.
                for field in DEVICE_ONLY {
                    match m.fields.get(field) {
                        Some(value) => t.fields.insert(field.into(), value.clone()),
                        None => t.fields.remove(field),
                    };
                }
                let (version, kept) = merge_both(key, &m, &t, exchange, both_kept);
                for path in t.later_than(&m) {
                    arrived.push(taken(key, path, t.time_of(path)));
                }
                // A pair is timed just after the two texts, yet it is new:
                // written here, now.
                for (path, _) in &kept {
                    let remembered = remembered(
                        exchange.me,
                        version.time_of(path),
                        exchange.me,
                        exchange.now,
                    );
                    arrived.push((arrival_entry(key, path), remembered));
                }
                let kept = kept.len();
                preview.both_kept += kept;
                if version.fields != m.fields {
                    if let Some(counts) = counts_for(&mut preview, key) {
                        counts.changed += 1;
                    } else {
                        preview.settings_changed = true;
                    }
                }
                version
            }
            (Some(m), None) if outlived(&m) => {
                if let Some(counts) = counts_for(&mut preview, key) {
                    counts.deleted += 1;
                }
                continue;
            }
            (Some(m), None) => {
                if theirs.deleted_at(key).is_some() {
                    preview.edited_after_deletion += 1;
                }
                m
            }
            (None, Some(t)) if outlived(&t) => continue,
            (None, Some(t)) => {
                arrived.push(taken(key, "", t.latest()));
                if mine.deleted_at(key).is_some() {
                    preview.edited_after_deletion += 1;
                }
                if let Some(counts) = counts_for(&mut preview, key) {
                    counts.added += 1;
                }
                t
            }
            (None, None) => continue,
        };
        if let Some(owner) = version.fields.get("person_id").and_then(Value::as_str) {
            let owner = format!("{NAMESPACE}person/{owner}");
            match owned_until.iter_mut().find(|(key, _)| *key == owner) {
                Some((_, at)) => *at = (*at).max(version.latest()),
                None => owned_until.push((owner, version.latest())),
            }
        }
        merged.put(key.clone(), &version);
    }
    bring_back_owners(&mut merged, mine, theirs, owned_until, &mut preview);
    (merged, preview, arrived)
}

/// A chat or follow-up kept for its edits needs its person: one deleted
/// on either side comes back with it, renewed to the time of the latest
/// edit that kept it. So the deletions older than that edit no longer
/// outlive it on any device, and one made after it, on a device that had
/// not seen it, still wins: renewed to the time of the merge, the person
/// would outlive a deletion made after every edit.
fn bring_back_owners(
    merged: &mut Replica,
    mine: &Replica,
    theirs: &Replica,
    owned_until: Vec<(String, u64)>,
    preview: &mut Preview,
) {
    for (key, edited_at) in owned_until {
        if merged.records.contains_key(&key) {
            continue;
        }
        let Some(version) = mine.get(&key).or_else(|| theirs.get(&key)) else {
            continue;
        };
        if mine.records.contains_key(&key) {
            if let Some(counts) = counts_for(preview, &key) {
                counts.deleted = counts.deleted.saturating_sub(1);
            }
        } else if let Some(counts) = counts_for(preview, &key) {
            counts.added += 1;
        }
        preview.edited_after_deletion += 1;
        merged.put(key, &version.renewed(edited_at));
    }
}

/// Two devices' versions of one record, and the paths of the texts that
/// keep both.
fn merge_both(
    key: &str,
    mine: &Versioned,
    theirs: &Versioned,
    exchange: Exchange,
    both_kept: &dyn Fn(&str, &str) -> String,
) -> (Versioned, Vec<(String, String)>) {
    let mut version = merge(mine, theirs);
    let (m, t) = (
        Value::Object(mine.fields.clone()),
        Value::Object(theirs.fields.clone()),
    );
    let mut conflicts = Vec::new();
    let sides = (mine, theirs, key);
    changed_on_both(sides, exchange, "", &m, &t, &mut conflicts);
    if conflicts.is_empty() {
        return (version, conflicts);
    }
    let mut fields = Value::Object(version.fields.clone());
    for (path, text) in &conflicts {
        let mine = at_path_ref(&m, path).unwrap_or("");
        let both = match (mine.trim().is_empty(), text.trim().is_empty()) {
            (true, _) => text.clone(),
            (_, true) => mine.to_string(),
            _ => both_kept(mine, text),
        };
        if let Some(slot) = at_path(&mut fields, path) {
            *slot = Value::String(both);
        }
    }
    if let Value::Object(fields) = fields {
        // Timed just after the record's last change, not now: a deletion
        // made elsewhere after both texts still outlives the pair.
        version = version.changed_to(fields, 0);
    }
    (version, conflicts)
}

/// The prose paths where the two sides hold different texts, each changed
/// since the last exchange, with the other side's text.
fn changed_on_both(
    sides: (&Versioned, &Versioned, &str),
    exchange: Exchange,
    path: &str,
    m: &Value,
    t: &Value,
    out: &mut Vec<(String, String)>,
) {
    let step = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}/{key}")
        }
    };
    let (mine, theirs, key) = sides;
    match (m, t) {
        (Value::Object(m), Value::Object(t)) => {
            for (name, value) in m {
                if let Some(other) = t.get(name) {
                    changed_on_both(sides, exchange, &step(name), value, other, out);
                }
            }
        }
        (Value::Array(m), Value::Array(t)) => {
            for item in m {
                let Some(id) = item.get("id").and_then(Value::as_str) else {
                    continue;
                };
                if let Some(other) = t.iter().find(|o| o.get("id") == item.get("id")) {
                    changed_on_both(sides, exchange, &step(id), item, other, out);
                }
            }
        }
        (Value::String(a), Value::String(b))
            if a != b
                && PROSE.contains(&path.rsplit('/').next().unwrap_or(path))
                && exchange.unseen(mine, key, path, true)
                && exchange.unseen(theirs, key, path, false) =>
        {
            out.push((path.to_string(), b.clone()));
        }
        _ => {}
    }
}

fn at_path<'a>(mut value: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    for step in path.split('/') {
        value = match value {
            Value::Object(map) => map.get_mut(step)?,
            Value::Array(list) => list
                .iter_mut()
                .find(|item| item.get("id").and_then(Value::as_str) == Some(step))?,
            _ => return None,
        };
    }
    Some(value)
}

fn at_path_ref<'a>(mut value: &'a Value, path: &str) -> Option<&'a str> {
    for step in path.split('/') {
        value = match value {
            Value::Object(map) => map.get(step)?,
            Value::Array(list) => list
                .iter()
                .find(|item| item.get("id").and_then(Value::as_str) == Some(step))?,
            _ => return None,
        };
    }
    value.as_str()
}
