//! Three-way merge of two versions of one record, so that a tab that read a
//! record earlier never puts back what another tab has changed since.
//!
//! `base` is the stored text this tab last read, `mine` what it wants to
//! write, `theirs` what is stored now. Whatever this tab changed since
//! `base` wins; everything else keeps the stored value. Objects merge key by
//! key, and lists of objects with an `id` (questions, notes, checklist
//! items) merge item by item, so two tabs adding notes to one chat keep both.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The merged JSON text, or `None` when any side is not JSON; the caller
/// then falls back to its own version.
pub fn merge_json(base: &str, mine: &str, theirs: &str) -> Option<String> {
    let base: Value = serde_json::from_str(base).ok()?;
    let mine: Value = serde_json::from_str(mine).ok()?;
    let theirs: Value = serde_json::from_str(theirs).ok()?;
    serde_json::to_string(&merge_value(Some(&base), mine, theirs)).ok()
}

/// [`merge_json`], read back as a record; `None` when either step fails,
/// and the caller keeps its own version.
pub fn merge_record<T: DeserializeOwned>(base: &str, mine: &str, theirs: &str) -> Option<T> {
    serde_json::from_str(&merge_json(base, mine, theirs)?).ok()
}

fn merge_value(base: Option<&Value>, mine: Value, theirs: Value) -> Value {
    if base == Some(&mine) {
        return theirs;
    }
    match (base, mine, theirs) {
        (Some(Value::Object(base)), Value::Object(mine), Value::Object(theirs)) => {
            Value::Object(merge_objects(base, mine, theirs))
        }
        (Some(Value::Array(base)), Value::Array(mine), Value::Array(theirs))
            if [base, &mine, &theirs].iter().all(|list| all_have_ids(list)) =>
        {
            Value::Array(merge_lists(base, mine, theirs))
        }
        (_, mine, _) => mine,
    }
}

fn merge_objects(
    base: &Map<String, Value>,
    mut mine: Map<String, Value>,
    theirs: Map<String, Value>,
) -> Map<String, Value> {
    let mut merged = Map::new();
    for (key, their_value) in theirs {
        let base_value = base.get(&key);
        match mine.remove(&key) {
            Some(my_value) => {
                merged.insert(key, merge_value(base_value, my_value, their_value));
            }
            // Removed here since it was read: removed, unless they changed it.
            None if base_value.is_some() && base_value != Some(&their_value) => {
                merged.insert(key, their_value);
            }
            None if base_value.is_some() => {}
            None => {
                merged.insert(key, their_value);
            }
        }
    }
    for (key, my_value) in mine {
        let base_value = base.get(&key);
        // They removed a key this tab left alone: keep it removed.
        if base_value == Some(&my_value) {
            continue;
        }
        merged.insert(key, my_value);
    }
    merged
}

fn id_of(value: &Value) -> Option<&str> {
    value.get("id")?.as_str()
}

fn all_have_ids(list: &[Value]) -> bool {
    list.iter().all(|item| id_of(item).is_some())
}

fn find<'a>(list: &'a [Value], id: &str) -> Option<&'a Value> {
    list.iter().find(|item| id_of(item) == Some(id))
}

/// Items in their order, with this tab's edits, removals and additions.
/// When this tab reordered the list, its order wins.
fn merge_lists(base: &[Value], mine: Vec<Value>, theirs: Vec<Value>) -> Vec<Value> {
    let ids = |list: &[Value]| -> Vec<String> {
        list.iter()
            .filter_map(|item| id_of(item).map(str::to_string))
            .collect()
    };
    let base_ids = ids(base);
    let my_ids = ids(&mine);
    let common_order = |list: &[String], keep: &[String]| -> Vec<String> {
        list.iter()
            .filter(|id| keep.contains(id))
            .cloned()
            .collect()
    };
    let i_reordered = common_order(&base_ids, &my_ids) != common_order(&my_ids, &base_ids);
    let (first, second) = if i_reordered {
        (mine.clone(), theirs.clone())
    } else {
        (theirs.clone(), mine.clone())
    };
    let mut order: Vec<String> = ids(&first);
    for id in ids(&second) {
        if !order.contains(&id) {
            order.push(id);
        }
    }
    order
        .into_iter()
        .filter_map(|id| {
            let in_base = find(base, &id);
            let in_mine = find(&mine, &id).cloned();
            let in_theirs = find(&theirs, &id).cloned();
            match (in_mine, in_theirs) {
                (Some(my_item), Some(their_item)) => {
                    Some(merge_value(in_base, my_item, their_item))
                }
                // Removed by one side: kept only if the other side changed it.
                (Some(my_item), None) => (in_base != Some(&my_item)).then_some(my_item),
                (None, Some(their_item)) => (in_base != Some(&their_item)).then_some(their_item),
                (None, None) => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn merge(base: Value, mine: Value, theirs: Value) -> Value {
        let merged = merge_json(&base.to_string(), &mine.to_string(), &theirs.to_string());
        serde_json::from_str(&merged.unwrap()).unwrap()
    }

    #[test]
    fn fields_this_tab_left_alone_keep_the_stored_value() {
        let base = json!({"name": "Ana", "notes": "old", "role": ""});
        let mine = json!({"name": "Ana", "notes": "old", "role": "Analyst"});
        let theirs = json!({"name": "Ana", "notes": "old and new", "role": ""});
        assert_eq!(
            merge(base, mine, theirs),
            json!({"name": "Ana", "notes": "old and new", "role": "Analyst"})
        );
    }

    #[test]
    fn the_field_this_tab_typed_in_wins() {
        let base = json!({"notes": "a"});
        let mine = json!({"notes": "ab"});
        let theirs = json!({"notes": "ac"});
        assert_eq!(merge(base, mine, theirs), json!({"notes": "ab"}));
    }

    #[test]
    fn notes_added_in_two_tabs_are_all_kept() {
        let base = json!({"notes": [{"id": "1", "text": "first"}]});
        let mine = json!({"notes": [{"id": "1", "text": "first"}, {"id": "2", "text": "mine"}]});
        let theirs =
            json!({"notes": [{"id": "1", "text": "first!"}, {"id": "3", "text": "theirs"}]});
        assert_eq!(
            merge(base, mine, theirs),
            json!({"notes": [
                {"id": "1", "text": "first!"},
                {"id": "3", "text": "theirs"},
                {"id": "2", "text": "mine"}
            ]})
        );
    }

    #[test]
    fn a_removal_stands_unless_the_other_side_changed_the_item() {
        let base = json!({"q": [{"id": "1", "a": ""}, {"id": "2", "a": ""}]});
        let mine = json!({"q": [{"id": "2", "a": ""}]});
        let theirs = json!({"q": [{"id": "1", "a": ""}, {"id": "2", "a": "typed"}]});
        assert_eq!(
            merge(base.clone(), mine.clone(), theirs),
            json!({"q": [{"id": "2", "a": "typed"}]})
        );
        let theirs_edited_removed = json!({"q": [{"id": "1", "a": "kept"}, {"id": "2", "a": ""}]});
        assert_eq!(
            merge(base, mine, theirs_edited_removed),
            json!({"q": [{"id": "1", "a": "kept"}, {"id": "2", "a": ""}]})
        );
    }

    #[test]
    fn this_tabs_new_order_wins() {
        let base = json!({"q": [{"id": "1"}, {"id": "2"}]});
        let mine = json!({"q": [{"id": "2"}, {"id": "1"}]});
        let theirs = json!({"q": [{"id": "1"}, {"id": "2"}, {"id": "3"}]});
        assert_eq!(
            merge(base, mine, theirs),
            json!({"q": [{"id": "2"}, {"id": "1"}, {"id": "3"}]})
        );
    }

    #[test]
    fn keys_added_or_removed_on_one_side_follow_that_side() {
        let base = json!({"a": 1, "b": 2});
        let mine = json!({"a": 1, "b": 2, "c": 3});
        let theirs = json!({"a": 1});
        assert_eq!(merge(base, mine, theirs), json!({"a": 1, "c": 3}));
    }

    #[test]
    fn text_that_is_not_json_is_not_merged() {
        assert_eq!(merge_json("{", "{}", "{}"), None);
    }
}
