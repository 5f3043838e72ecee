//! Versions of one record written by several tabs, merged part by part.
//!
//! A stored record carries, beside its fields, when each part of it last
//! changed: `~e` for the whole record, `~t` for the parts changed since, by
//! path (`notes`, `questions/<id>/answer`, `questions/#` for their order),
//! `~d` for list items removed, and `~o` for a list's chosen order where
//! items added elsewhere since were put after it. A part's time is its own
//! or, failing that, its nearest parent's. Two versions merge by taking each part from
//! the side that changed it last, so every tab reaches the same result
//! whatever order the versions meet in. That matters because a tab's copy
//! of `localStorage` lags the others' writes: a tab can merge against a
//! copy that lacks another tab's last keystrokes, and those keystrokes
//! then come back as soon as their tab sees the write that lacked them,
//! because their times are later.

use serde_json::{Map, Value};

const WHOLE: &str = "~e";
const PARTS: &str = "~t";
const REMOVED: &str = "~d";
const ORDERS: &str = "~o";

/// A record's fields, with when each part of them last changed, in
/// milliseconds since the Unix epoch. The times are kept as JSON maps, as
/// they are stored: other kinds of map would each add their own code to
/// the download.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Versioned {
    pub fields: Map<String, Value>,
    whole: u64,
    /// Path to time.
    parts: Map<String, Value>,
    /// Path of a removed list item to the time it was removed.
    removed: Map<String, Value>,
    /// Path of a list to the ids in its chosen order, where that is not
    /// simply the list's own.
    orders: Map<String, Value>,
}

fn join(path: &str, step: &str) -> String {
    if path.is_empty() {
        step.to_string()
    } else {
        format!("{path}/{step}")
    }
}

fn time(at: Option<&Value>) -> u64 {
    at.and_then(Value::as_u64).unwrap_or(0)
}

fn map_of(value: Option<Value>) -> Map<String, Value> {
    match value {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn id_of(value: &Value) -> Option<&str> {
    value.get("id")?.as_str()
}

fn has_ids(list: &[Value]) -> bool {
    list.iter().all(|item| id_of(item).is_some())
}

fn find<'a>(list: &'a [Value], id: &str) -> Option<&'a Value> {
    list.iter().find(|item| id_of(item) == Some(id))
}

fn ids(list: &[Value]) -> Vec<&str> {
    list.iter().filter_map(id_of).collect()
}

/// The ids of `list` that `other` also holds, in `list`'s order.
fn common_order<'a>(list: &[&'a str], other: &[&str]) -> Vec<&'a str> {
    list.iter()
        .copied()
        .filter(|id| other.contains(id))
        .collect()
}

fn later(kept: &mut Map<String, Value>, path: &str, at: u64) {
    if time(kept.get(path)) < at {
        kept.insert(path.to_string(), at.into());
    }
}

impl Versioned {
    /// A record first written at `at`.
    pub fn new(fields: Map<String, Value>, at: u64) -> Versioned {
        Versioned {
            fields,
            whole: at,
            ..Versioned::default()
        }
    }

    /// A stored record; one written before parts had times counts as
    /// written at the start of time, so any later change beats it.
    pub fn parse(text: &str) -> Option<Versioned> {
        match serde_json::from_str(text).ok()? {
            Value::Object(fields) => Some(Versioned::from_stored(fields)),
            _ => None,
        }
    }

    /// A record as stored, its times among its fields.
    pub fn from_stored(mut fields: Map<String, Value>) -> Versioned {
        Versioned {
            whole: time(fields.remove(WHOLE).as_ref()),
            parts: map_of(fields.remove(PARTS)),
            removed: map_of(fields.remove(REMOVED)),
            orders: map_of(fields.remove(ORDERS)),
            fields,
        }
    }

    /// These times over `fields`.
    pub fn with_fields(self, fields: Map<String, Value>) -> Versioned {
        Versioned { fields, ..self }
    }

    /// The record as stored, its times among its fields.
    pub fn to_stored(&self) -> Map<String, Value> {
        let mut out = self.fields.clone();
        out.insert(WHOLE.into(), self.whole.into());
        for (key, map) in [
            (PARTS, &self.parts),
            (REMOVED, &self.removed),
            (ORDERS, &self.orders),
        ] {
            if !map.is_empty() {
                out.insert(key.into(), Value::Object(map.clone()));
            }
        }
        out
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(&self.to_stored()).unwrap_or_default()
    }

    /// Kept from before parts had times: the record's own `updated_at`
    /// stands for all of it.
    pub fn dated_by_its_update(mut self) -> Versioned {
        if self.whole == 0 && self.parts.is_empty() {
            self.whole = self
                .fields
                .get("updated_at")
                .and_then(Value::as_str)
                .and_then(crate::domain::instant::parse_utc)
                .map_or(0, |at| at.timestamp_millis().max(0) as u64);
        }
        self
    }

    /// The paths of the parts where this version is later than `other`.
    pub fn later_than<'a>(&'a self, other: &'a Versioned) -> impl Iterator<Item = &'a String> + 'a {
        self.parts
            .iter()
            .filter_map(move |(path, at)| (time(Some(at)) > other.time_of(path)).then_some(path))
    }

    /// This version as if all of it were written at `now`: brought back
    /// after a deletion, it outlives that deletion everywhere.
    pub fn renewed(mut self, now: u64) -> Versioned {
        self.whole = now.max(self.latest());
        self.parts.clear();
        for at in self.removed.values_mut() {
            *at = self.whole.into();
        }
        self
    }

    /// When the part at `path` last changed.
    pub fn time_of(&self, path: &str) -> u64 {
        let mut path = path;
        loop {
            if let Some(at) = self.parts.get(path) {
                return time(Some(at));
            }
            match path.rfind('/') {
                Some(end) => path = &path[..end],
                None => return self.whole,
            }
        }
    }

    /// The last change to the part at `path` or anything inside it.
    fn last_change_within(&self, path: &str) -> u64 {
        let inside = format!("{path}/");
        self.parts
            .iter()
            .filter(|(p, _)| p.starts_with(&inside))
            .map(|(_, at)| time(Some(at)))
            .fold(self.time_of(path), u64::max)
    }

    /// Written by a build that kept no times (or by hand): the parts it
    /// changes from `held` are taken as changed at `now`, as that build's
    /// own merge would have had it.
    pub fn timed_against(self, held: &Versioned, now: u64) -> Versioned {
        let unversioned = self.whole == 0 && self.parts.is_empty() && self.removed.is_empty();
        if unversioned && held.whole != 0 {
            held.clone().changed_to(self.fields, now)
        } else {
            self
        }
    }

    /// The latest time this version knows of.
    pub fn latest(&self) -> u64 {
        self.parts
            .values()
            .chain(self.removed.values())
            .map(|at| time(Some(at)))
            .fold(self.whole, u64::max)
    }

    /// This version with its fields changed to `fields` at `now`: each part
    /// that differs takes the time, later than any this version holds, so a
    /// change always beats what it replaced even if the clock went back.
    pub fn changed_to(mut self, fields: Map<String, Value>, now: u64) -> Versioned {
        let now = now.max(self.latest() + 1);
        let (old, new) = (
            Value::Object(std::mem::take(&mut self.fields)),
            Value::Object(fields),
        );
        self.note_changes("", Some(&old), Some(&new), now);
        if let Value::Object(fields) = new {
            self.fields = fields;
        }
        self
    }

    fn mark(&mut self, path: &str, now: u64) {
        let inside = format!("{path}/");
        self.parts.retain(|p, _| !p.starts_with(&inside));
        self.parts.insert(path.to_string(), now.into());
    }

    fn note_changes(&mut self, path: &str, old: Option<&Value>, new: Option<&Value>, now: u64) {
        match (old, new) {
            (Some(Value::Object(old)), Some(Value::Object(new))) => {
                for key in old
                    .keys()
                    .chain(new.keys().filter(|k| !old.contains_key(*k)))
                {
                    self.note_changes(&join(path, key), old.get(key), new.get(key), now);
                }
            }
            (Some(Value::Array(old)), Some(Value::Array(new))) if has_ids(old) && has_ids(new) => {
                for item in new {
                    let Some(id) = id_of(item) else { continue };
                    let item_path = join(path, id);
                    match find(old, id) {
                        Some(was) => self.note_changes(&item_path, Some(was), Some(item), now),
                        // A new item needs no time of its own (ids are never
                        // reused), unless it comes back after its removal.
                        None => {
                            if self.removed.remove(&item_path).is_some() {
                                self.mark(&item_path, now);
                            }
                        }
                    }
                }
                for item in old {
                    let Some(id) = id_of(item) else { continue };
                    if find(new, id).is_none() {
                        let item_path = join(path, id);
                        self.mark(&item_path, now);
                        self.parts.remove(&item_path);
                        self.removed.insert(item_path, now.into());
                    }
                }
                // Kept items in their order, then new ones at the end, is
                // what a merge gives anyway; any other order is a choice.
                let (old_ids, new_ids) = (ids(old), ids(new));
                let mut expected = common_order(&old_ids, &new_ids);
                expected.extend(new_ids.iter().filter(|id| !old_ids.contains(id)));
                if expected != new_ids {
                    self.parts.insert(join(path, "#"), now.into());
                    self.orders.remove(path);
                }
            }
            (old, new) if old != new => self.mark(path, now),
            _ => {}
        }
    }
}

/// This tab's version `a` merged with the stored `b`: each part as the
/// side that changed it last has it, each removal that no later change
/// outlives, and every time the later of the two. Apart from parts changed
/// at the same time, the same whichever side is `a`.
pub fn merge(a: &Versioned, b: &Versioned) -> Versioned {
    let mut parts = Map::new();
    for path in a.parts.keys().chain(b.parts.keys()) {
        parts.insert(path.clone(), a.time_of(path).max(b.time_of(path)).into());
    }
    let mut removed = a.removed.clone();
    for (path, at) in &b.removed {
        later(&mut removed, path, time(Some(at)));
    }
    let mut merged = Versioned {
        fields: Map::new(),
        whole: a.whole.max(b.whole),
        parts,
        removed,
        orders: Map::new(),
    };
    merged.fields = merge_objects(a, b, &mut merged, "", &a.fields, &b.fields);
    merged
}

fn merge_objects(
    a: &Versioned,
    b: &Versioned,
    merged: &mut Versioned,
    path: &str,
    in_a: &Map<String, Value>,
    in_b: &Map<String, Value>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for key in in_a
        .keys()
        .chain(in_b.keys().filter(|k| !in_a.contains_key(*k)))
    {
        let path = join(path, key);
        if let Some(value) = merge_values(a, b, merged, &path, in_a.get(key), in_b.get(key)) {
            out.insert(key.clone(), value);
        }
    }
    out
}

fn merge_values(
    a: &Versioned,
    b: &Versioned,
    merged: &mut Versioned,
    path: &str,
    in_a: Option<&Value>,
    in_b: Option<&Value>,
) -> Option<Value> {
    match (in_a, in_b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            Some(Value::Object(merge_objects(a, b, merged, path, x, y)))
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if has_ids(x) && has_ids(y) => {
            Some(Value::Array(merge_lists(a, b, merged, path, x, y)))
        }
        // At the same time, the stored side's: two tabs changing one part
        // in the same millisecond then agree on what storage holds.
        _ if a.time_of(path) > b.time_of(path) => in_a.cloned(),
        _ => in_b.cloned(),
    }
}

/// A list's chosen order in `version`: when it was chosen, and the ids.
fn order_of<'a>(version: &'a Versioned, path: &str, list: &'a [Value]) -> (u64, Vec<&'a str>) {
    let ids = match version.orders.get(path).and_then(Value::as_array) {
        Some(chosen) => chosen.iter().filter_map(Value::as_str).collect(),
        None => ids(list),
    };
    (version.time_of(&join(path, "#")), ids)
}

/// Items in the order chosen last, followed by those added where that
/// order was not seen, oldest first; each merged, or dropped where a
/// removal is later than every change to it. The order depends only on
/// the two versions' times and items, so merging in any order agrees.
fn merge_lists(
    a: &Versioned,
    b: &Versioned,
    merged: &mut Versioned,
    path: &str,
    x: &[Value],
    y: &[Value],
) -> Vec<Value> {
    let outlived = |by: &Versioned, item_path: &str, of: &Versioned| {
        by.removed
            .get(item_path)
            .is_some_and(|at| time(Some(at)) >= of.last_change_within(item_path))
    };
    let (in_a, in_b) = (order_of(a, path, x), order_of(b, path, y));
    let rank = |(at, ids): &(u64, Vec<&str>)| (*at, ids.len());
    let (_, chosen) = if (rank(&in_a), &in_a.1) >= (rank(&in_b), &in_b.1) {
        in_a
    } else {
        in_b
    };
    // The chosen order first, then the rest by when they were added.
    let added_at = |id: &str| a.time_of(&join(path, id)).max(b.time_of(&join(path, id)));
    let mut order: Vec<&str> = chosen.clone();
    let mut rest: Vec<(u64, &str)> = Vec::new();
    for id in ids(x).into_iter().chain(ids(y)) {
        if order.contains(&id) || rest.iter().any(|(_, r)| *r == id) {
            continue;
        }
        let key = (added_at(id), id);
        let at = rest.iter().position(|r| *r > key).unwrap_or(rest.len());
        rest.insert(at, key);
    }
    order.extend(rest.into_iter().map(|(_, id)| id));
    let mut items = Vec::new();
    let mut shown = Vec::new();
    for id in order {
        let item_path = join(path, id);
        let item = match (find(x, id), find(y, id)) {
            (Some(i), Some(j)) => merge_values(a, b, merged, &item_path, Some(i), Some(j)),
            (Some(i), None) => (!outlived(b, &item_path, a)).then(|| i.clone()),
            (None, Some(j)) => (!outlived(a, &item_path, b)).then(|| j.clone()),
            (None, None) => None,
        };
        if let Some(item) = item {
            items.push(item);
            shown.push(id);
        }
    }
    // Kept beside the list only where the list alone would not say it.
    if chosen != shown {
        let chosen = chosen.iter().map(|id| Value::String(id.to_string()));
        merged
            .orders
            .insert(path.to_string(), Value::Array(chosen.collect()));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => panic!("an object"),
        }
    }

    fn version(value: Value, at: u64) -> Versioned {
        Versioned::new(fields(value), at)
    }

    fn edit(v: &Versioned, value: Value, at: u64) -> Versioned {
        v.clone().changed_to(fields(value), at)
    }

    fn merged(a: &Versioned, b: &Versioned) -> Value {
        let one = merge(a, b);
        assert_eq!(one, merge(b, a), "the same whichever side merges");
        Value::Object(one.fields)
    }

    #[test]
    fn fields_changed_on_each_side_are_both_kept() {
        let base = version(json!({"name": "Ana", "notes": "old", "role": ""}), 1);
        let a = edit(
            &base,
            json!({"name": "Ana", "notes": "old", "role": "Analyst"}),
            5,
        );
        let b = edit(
            &base,
            json!({"name": "Ana", "notes": "old and new", "role": ""}),
            6,
        );
        assert_eq!(
            merged(&a, &b),
            json!({"name": "Ana", "notes": "old and new", "role": "Analyst"})
        );
    }

    #[test]
    fn the_later_change_to_one_field_wins() {
        let base = version(json!({"notes": "a"}), 1);
        let a = edit(&base, json!({"notes": "ab"}), 7);
        let b = edit(&base, json!({"notes": "ac"}), 6);
        assert_eq!(merged(&a, &b), json!({"notes": "ab"}));
    }

    #[test]
    fn a_copy_that_missed_a_change_cannot_undo_it() {
        // Tab C types in Notes; tab A, whose copy still lacks that, writes
        // its Role over C's write. C's keystrokes come back from C's copy.
        let base = version(json!({"notes": "", "role": ""}), 1);
        let in_c = edit(&base, json!({"notes": "typed in C", "role": ""}), 5);
        let in_a = edit(&base, json!({"notes": "", "role": "typed in A"}), 6);
        let stored = merge(&in_a, &base);
        assert_eq!(
            merged(&in_c, &stored),
            json!({"notes": "typed in C", "role": "typed in A"})
        );
    }

    #[test]
    fn notes_added_on_two_sides_are_all_kept() {
        let base = version(json!({"notes": [{"id": "1", "text": "first"}]}), 1);
        let a = edit(
            &base,
            json!({"notes": [{"id": "1", "text": "first"}, {"id": "2", "text": "mine"}]}),
            5,
        );
        let b = edit(
            &base,
            json!({"notes": [{"id": "1", "text": "first!"}, {"id": "3", "text": "theirs"}]}),
            6,
        );
        let notes = merged(&a, &b)["notes"].clone();
        let texts: Vec<&str> = notes
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts.len(), 3);
        for text in ["first!", "mine", "theirs"] {
            assert!(texts.contains(&text), "{text} kept");
        }
    }

    #[test]
    fn a_removal_stands_unless_the_item_changed_after_it() {
        let base = version(
            json!({"q": [{"id": "1", "a": ""}, {"id": "2", "a": ""}]}),
            1,
        );
        let removed = edit(&base, json!({"q": [{"id": "2", "a": ""}]}), 5);
        let typed_before = edit(
            &base,
            json!({"q": [{"id": "1", "a": "early"}, {"id": "2", "a": "x"}]}),
            4,
        );
        assert_eq!(
            merged(&removed, &typed_before),
            json!({"q": [{"id": "2", "a": "x"}]})
        );
        let typed_after = edit(
            &base,
            json!({"q": [{"id": "1", "a": "late"}, {"id": "2", "a": ""}]}),
            9,
        );
        assert_eq!(
            merged(&removed, &typed_after),
            json!({"q": [{"id": "1", "a": "late"}, {"id": "2", "a": ""}]})
        );
        // A side that never saw the item gets it; one that removed it keeps
        // it removed.
        assert_eq!(
            merged(&removed, &base),
            json!({"q": [{"id": "2", "a": ""}]})
        );
    }

    #[test]
    fn the_later_new_order_wins_and_additions_follow_it() {
        let base = version(json!({"q": [{"id": "1"}, {"id": "2"}]}), 1);
        let reordered = edit(&base, json!({"q": [{"id": "2"}, {"id": "1"}]}), 5);
        let added = edit(
            &base,
            json!({"q": [{"id": "1"}, {"id": "2"}, {"id": "3"}]}),
            6,
        );
        assert_eq!(
            merged(&reordered, &added),
            json!({"q": [{"id": "2"}, {"id": "1"}, {"id": "3"}]})
        );
    }

    #[test]
    fn keys_added_or_removed_follow_the_later_side() {
        let base = version(json!({"a": 1, "b": 2}), 1);
        let added = edit(&base, json!({"a": 1, "b": 2, "c": 3}), 5);
        let removed = edit(&base, json!({"a": 1}), 6);
        assert_eq!(merged(&added, &removed), json!({"a": 1, "c": 3}));
    }

    #[test]
    fn a_change_beats_what_it_replaced_even_when_the_clock_went_back() {
        let base = version(json!({"notes": "a"}), 100);
        let first = edit(&base, json!({"notes": "ab"}), 200);
        let second = edit(&first, json!({"notes": "abc"}), 150);
        assert_eq!(merged(&first, &second), json!({"notes": "abc"}));
    }

    #[test]
    fn the_times_travel_with_the_text_and_older_records_read_as_oldest() {
        let base = version(json!({"notes": "a", "q": [{"id": "1"}]}), 3);
        let edited = edit(&base, json!({"notes": "ab", "q": []}), 9);
        assert_eq!(Versioned::parse(&edited.to_text()), Some(edited));
        let old = Versioned::parse(r#"{"notes": "x"}"#).unwrap();
        assert_eq!(merged(&old, &base)["notes"], json!("a"));
        assert_eq!(Versioned::parse("[1]"), None);
        assert_eq!(Versioned::parse("{"), None);
    }
}
