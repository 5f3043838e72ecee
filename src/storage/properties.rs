//! Property tests: no input panics the backup parser, the record decoder
//! or the merge, and export followed by import gives back the same data.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use super::backup::{combine, export, parse, ImportMode};
use super::merge::merge_json;
use super::{Data, KeyValueStore, MemoryStore, Repository};
use crate::domain::chat::{Chat, ChatId, Note};
use crate::domain::followup::{FollowUp, FollowUpId};
use crate::domain::person::{Person, PersonId};

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
        Data { people, chats, followups, settings: Default::default() }
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
        prop_assert_eq!(combine(&Data::default(), checked.backup, ImportMode::Replace), data);
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
    fn merging_never_panics_and_an_untouched_side_gives_way(
        base in any_data(),
        other in any_data(),
    ) {
        let base_json = serde_json::to_string(&base.people[0]).unwrap();
        let other_json = serde_json::to_string(&other.people[0]).unwrap();
        let untouched_here = merge_json(&base_json, &base_json, &other_json).unwrap();
        prop_assert_eq!(
            serde_json::from_str::<serde_json::Value>(&untouched_here).unwrap(),
            serde_json::from_str::<serde_json::Value>(&other_json).unwrap()
        );
        let untouched_there = merge_json(&base_json, &other_json, &base_json).unwrap();
        prop_assert_eq!(
            serde_json::from_str::<serde_json::Value>(&untouched_there).unwrap(),
            serde_json::from_str::<serde_json::Value>(&other_json).unwrap()
        );
        let chat_a = serde_json::to_string(&base.chats[0]).unwrap();
        let chat_b = serde_json::to_string(&other.chats[0]).unwrap();
        let _ = merge_json(&chat_a, &chat_b, &chat_a);
        let _ = merge_json(&chat_b, &chat_a, &chat_b);
    }
}
