//! Property tests: no input panics the backup parser, the record decoder
//! or the merge, and export followed by import gives back the same data.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use super::backup::{export, parse, restored};
use super::merge::{merge, Versioned};
use super::{Data, KeyValueStore, MemoryStore, Repository};
use crate::domain::chat::{Chat, ChatId, Note};
use crate::domain::followup::{FollowUp, FollowUpId};
use crate::domain::person::{Person, PersonId};
use crate::domain::targets::{Score, Target, TargetId};

fn any_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..30).prop_map(|chars| chars.into_iter().collect())
}

fn a_name() -> impl Strategy<Value = String> {
    "[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ '-]{0,20}"
}

prop_compose! {
    fn any_data()(
        names in proptest::collection::vec(a_name(), 1..5),
        notes in proptest::collection::vec(any_text(), 5),
        goals in proptest::collection::vec(any_text(), 5),
        note_texts in proptest::collection::vec(any_text(), 0..4),
        titles in proptest::collection::vec("[a-z]{1,12}", 0..3),
        day in 0u32..3000,
        introduced in any::<bool>(),
        scores in proptest::collection::vec((0u8..6, 0u8..6, any_text()), 0..3),
    ) -> Data {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap()
            + chrono::TimeDelta::minutes(i64::from(day));
        let mut people: Vec<Person> = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut p = Person::new(PersonId(format!("p{i}")), name, at).unwrap();
                p.notes = notes[i].clone();
                p
            })
            .collect();
        if introduced && people.len() > 1 {
            people[1].introduced_by = Some(people[0].id.clone());
        }
        let chats: Vec<Chat> = people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut chat = Chat::new(ChatId(format!("c{i}")), p.id.clone(), at, &[]);
                chat.goal = goals[i].clone();
                chat.notes = note_texts
                    .iter()
                    .enumerate()
                    .map(|(n, text)| Note {
                        id: format!("n{n}"),
                        created_at: at,
                        offset_ms: Some(n as i64 * 1000),
                        text: text.clone(),
                    })
                    .collect();
                chat
            })
            .collect();
        let due = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(day));
        let followups: Vec<FollowUp> = titles
            .iter()
            .enumerate()
            .map(|(i, title)| {
                FollowUp::custom(FollowUpId(format!("f{i}")), people[0].id.clone(), title, due, at)
                    .unwrap()
            })
            .collect();
        let targets: Vec<Target> = scores
            .iter()
            .enumerate()
            .map(|(i, (motivation, postings, notes))| {
                let mut t = Target::new(TargetId(format!("t{i}")), &names[i % names.len()], at).unwrap();
                t.set_score(Score::Motivation, *motivation, at);
                t.set_score(Score::Postings, *postings, at);
                t.notes = notes.clone();
                t
            })
            .collect();
        Data { people, chats, followups, targets, settings: Default::default() }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_backup_parser_never_panics(text in any_text()) {
        let _ = parse(&text);
    }

    #[test]
    fn a_damaged_backup_is_refused_or_read_never_a_panic(
        data in any_data(),
        cut in 0usize..4000,
        junk in any_text(),
    ) {
        let text = export(&data, Utc::now());
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let damaged = format!("{}{junk}{}", &text[..at], &text[at..]);
        let _ = parse(&damaged);
        let _ = parse(&text[..at]);
    }

    #[test]
    fn export_then_import_gives_back_the_same_data(data in any_data()) {
        let checked = parse(&export(&data, Utc::now())).unwrap();
        prop_assert!(checked.repairs.is_empty());
        prop_assert_eq!(restored(checked.backup), data);
    }

    #[test]
    fn stored_data_survives_a_round_trip_through_the_store(data in any_data()) {
        let store = Arc::new(MemoryStore::new());
        let repo = Repository::open(store.clone()).repo;
        repo.replace_all(&data).unwrap();
        prop_assert_eq!(Repository::open(store).data, data);
    }

    #[test]
    fn the_record_decoder_never_panics_and_keeps_every_readable_record(
        data in any_data(),
        garbage in proptest::collection::vec((0usize..3, any_text()), 0..6),
    ) {
        let store = Arc::new(MemoryStore::new());
        Repository::open(store.clone()).repo.replace_all(&data).unwrap();
        let collections = ["person", "chat", "followup"];
        for (i, (collection, text)) in garbage.iter().enumerate() {
            store.insert_raw(&format!("coffee-chat/{}/junk{i}", collections[*collection]), text);
        }
        let opened = Repository::open(store.clone());
        prop_assert_eq!(opened.data.people, data.people);
        prop_assert_eq!(opened.data.chats, data.chats);
        prop_assert_eq!(opened.data.followups, data.followups);
        let unreadable = garbage.len();
        prop_assert_eq!(opened.repo.quarantined_count(), unreadable);
        // Nothing was deleted: every byte of the garbage is kept somewhere.
        let kept: Vec<String> = store.keys().unwrap().iter().filter_map(|k| store.get(k).unwrap()).collect();
        for (_, text) in &garbage {
            prop_assert!(kept.contains(text));
        }
    }

    #[test]
    fn tabs_writing_over_stale_copies_converge_and_keep_every_latest_change(
        tabs in 3usize..5,
        steps in proptest::collection::vec(any_step(), 1..60),
    ) {
        check_tabs(tabs, &steps)?;
    }
}

/// What one tab does next, in [`check_tabs`].
#[derive(Clone, Debug)]
enum Step {
    /// Types a character at the end of a field.
    Type { tab: usize, field: usize, key: char },
    /// Adds a list item with an id never used before.
    Add { tab: usize },
    /// Removes the tab's `item`th list item (counted round), if it has any.
    Remove { tab: usize, item: usize },
    /// Types a character at the end of the tab's `item`th list item's text.
    TypeInItem { tab: usize, item: usize, key: char },
    /// Moves the first list item to the end.
    Reorder { tab: usize },
    /// Writes its copy merged with the stored record as it was `lag` writes
    /// ago: a copy of storage that has not caught up with the latest.
    Write { tab: usize, lag: usize },
    /// Takes in the stored record, as from a `storage` event.
    TakeIn { tab: usize },
}

fn any_step() -> impl Strategy<Value = Step> {
    let tab = 0usize..5;
    prop_oneof![
        3 => (tab.clone(), 0usize..3, proptest::char::range('a', 'z'))
            .prop_map(|(tab, field, key)| Step::Type { tab, field, key }),
        1 => tab.clone().prop_map(|tab| Step::Add { tab }),
        1 => (tab.clone(), 0usize..4).prop_map(|(tab, item)| Step::Remove { tab, item }),
        1 => (tab.clone(), 0usize..4, proptest::char::range('a', 'z'))
            .prop_map(|(tab, item, key)| Step::TypeInItem { tab, item, key }),
        1 => tab.clone().prop_map(|tab| Step::Reorder { tab }),
        2 => (tab.clone(), 0usize..3).prop_map(|(tab, lag)| Step::Write { tab, lag }),
        2 => tab.prop_map(|tab| Step::TakeIn { tab }),
    ]
}

const FIELDS: [&str; 3] = ["role", "organisation", "notes"];

fn items_of(fields: &serde_json::Map<String, serde_json::Value>) -> Vec<serde_json::Value> {
    fields["notes_list"].as_array().cloned().unwrap_or_default()
}

/// Runs `steps` on a record held by `tabs` tabs, then lets every tab take
/// in what is stored and write again once, as the app does when a write
/// lacks its changes. Every tab and the store must then hold the same
/// record, with each field's latest change, each list item present
/// exactly when its latest change was not its removal, and one order.
fn check_tabs(tabs: usize, steps: &[Step]) -> Result<(), TestCaseError> {
    use serde_json::{json, Value};
    let start = Versioned::parse(
        &json!({"id": "p", "role": "", "organisation": "", "notes": "", "notes_list": []})
            .to_string(),
    )
    .unwrap();
    let mut copies = vec![start.clone(); tabs];
    let mut writes = vec![start];
    let mut latest_field = [String::new(), String::new(), String::new()];
    // Per item id: the latest text typed, and whether its latest change
    // removed it.
    let mut latest_item: std::collections::BTreeMap<String, (String, bool)> = Default::default();
    let mut now = 1_000;
    for step in steps {
        now += 10;
        match *step {
            Step::Type { tab, field, key } => {
                let copy = &mut copies[tab % tabs];
                let mut fields = copy.fields.clone();
                let text = format!("{}{key}", fields[FIELDS[field]].as_str().unwrap());
                fields.insert(FIELDS[field].into(), Value::String(text.clone()));
                *copy = copy.clone().changed_to(fields, now);
                latest_field[field] = text;
            }
            Step::Add { tab } => {
                let copy = &mut copies[tab % tabs];
                let mut fields = copy.fields.clone();
                let mut items = items_of(&fields);
                let id = format!("n{}", latest_item.len());
                items.push(json!({"id": id, "text": ""}));
                fields.insert("notes_list".into(), Value::Array(items));
                *copy = copy.clone().changed_to(fields, now);
                latest_item.insert(id, (String::new(), false));
            }
            Step::Remove { tab, item } => {
                let copy = &mut copies[tab % tabs];
                let mut fields = copy.fields.clone();
                let mut items = items_of(&fields);
                if items.is_empty() {
                    continue;
                }
                let gone = items.remove(item % items.len());
                let id = gone["id"].as_str().unwrap().to_string();
                fields.insert("notes_list".into(), Value::Array(items));
                *copy = copy.clone().changed_to(fields, now);
                latest_item.insert(id, (String::new(), true));
            }
            Step::TypeInItem { tab, item, key } => {
                let copy = &mut copies[tab % tabs];
                let mut fields = copy.fields.clone();
                let mut items = items_of(&fields);
                if items.is_empty() {
                    continue;
                }
                let count = items.len();
                let found = &mut items[item % count];
                let id = found["id"].as_str().unwrap().to_string();
                let text = format!("{}{key}", found["text"].as_str().unwrap());
                found["text"] = Value::String(text.clone());
                fields.insert("notes_list".into(), Value::Array(items));
                *copy = copy.clone().changed_to(fields, now);
                latest_item.insert(id, (text, false));
            }
            Step::Reorder { tab } => {
                let copy = &mut copies[tab % tabs];
                let mut fields = copy.fields.clone();
                let mut items = items_of(&fields);
                if items.len() < 2 {
                    continue;
                }
                items.rotate_left(1);
                fields.insert("notes_list".into(), Value::Array(items));
                *copy = copy.clone().changed_to(fields, now);
            }
            Step::Write { tab, lag } => {
                let seen = &writes[writes.len().saturating_sub(1 + lag)];
                let written = merge(&copies[tab % tabs], seen);
                copies[tab % tabs] = written.clone();
                writes.push(written);
            }
            Step::TakeIn { tab } => {
                let stored = writes.last().unwrap();
                copies[tab % tabs] = merge(&copies[tab % tabs], stored);
            }
        }
    }
    for copy in &mut copies {
        let written = merge(copy, writes.last().unwrap());
        *copy = written.clone();
        writes.push(written);
    }
    for copy in &mut copies {
        *copy = merge(copy, writes.last().unwrap());
    }
    let stored = writes.last().unwrap();
    for copy in &copies {
        prop_assert_eq!(copy, stored);
    }
    for (field, text) in FIELDS.iter().zip(&latest_field) {
        prop_assert_eq!(stored.fields[*field].as_str().unwrap(), text.as_str());
    }
    let items = items_of(&stored.fields);
    for (id, (text, removed)) in &latest_item {
        let found = items.iter().find(|i| i["id"] == id.as_str());
        match (found, removed) {
            (Some(found), false) => prop_assert_eq!(found["text"].as_str().unwrap(), text.as_str()),
            (None, false) => prop_assert!(false, "{} lost", id),
            (Some(_), true) => prop_assert!(false, "{} came back", id),
            (None, true) => {}
        }
    }
    // The times travel with the record: read back, it is the same.
    let read_back = Versioned::parse(&stored.to_text());
    prop_assert_eq!(read_back.as_ref(), Some(stored));
    Ok(())
}
