//! The repository's tests, on the in-memory store: opening, quarantine,
//! merged writes, imports and other tabs, as `repo.rs` and its rooms do them.

use super::import::staging_key;
use super::opening::READ_BATCH;
use super::*;
use crate::domain::chat::{Chat, ChatId};
use crate::domain::person::PersonId;
use crate::storage::{KeyValueStore, MemoryStore};
use chrono::{TimeZone, Utc};
use std::sync::Arc;

fn person(id: &str, name: &str) -> Person {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    Person::new(PersonId(id.into()), name, now).unwrap()
}

fn open(store: &Arc<MemoryStore>) -> Opened {
    let mut opened = Repository::open(store.clone());
    opened.repo.use_clock(|| 1_000);
    opened
}

/// What the repository set aside under `key` (`person/b`, `settings`).
fn quarantined(store: &MemoryStore, key: &str) -> Option<String> {
    store.get(&format!("coffee-chat/quarantine/{key}")).unwrap()
}

/// A store where Ana and Ben were saved, and the repository that saved them.
fn with_ana_and_ben() -> (Arc<MemoryStore>, Repository) {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    repo.save(&person("a", "Ana")).unwrap();
    repo.save(&person("b", "Ben")).unwrap();
    (store, repo)
}

fn names(people: &[Person]) -> Vec<&str> {
    people.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn opening_an_empty_store_writes_nothing() {
    let store = Arc::new(MemoryStore::new());
    let opened = open(&store);
    assert!(opened.data.people.is_empty());
    assert!(opened.problem.is_none());
    assert!(store.take_writes().is_empty());
}

#[test]
fn saved_people_come_back_in_the_order_they_were_added() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    repo.save(&person("b", "Zoë")).unwrap();
    repo.save(&person("a", "Adam")).unwrap();
    let reopened = open(&store);
    assert_eq!(names(&reopened.data.people), ["Zoë", "Adam"]);
    assert_eq!(
        store.get(SCHEMA_KEY).unwrap().as_deref(),
        Some(CURRENT_SCHEMA.to_string().as_str())
    );
}

/// A store with more people than one batch, their chats, a corrupt
/// record, one missing from the index and a staged leftover.
fn a_busy_store() -> Arc<MemoryStore> {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    for n in 0..READ_BATCH * 2 + 5 {
        let someone = person(&format!("p{n}"), &format!("Person {n}"));
        repo.save(&someone).unwrap();
        let chat = Chat::new(
            ChatId(format!("c{n}")),
            someone.id.clone(),
            someone.created_at,
            &[],
        );
        repo.save(&chat).unwrap();
    }
    store.insert_raw("coffee-chat/person/p50", "{ not a person");
    store.insert_raw(
        "coffee-chat/person/unindexed",
        &serde_json::to_string(&person("unindexed", "Zed")).unwrap(),
    );
    store.insert_raw(&staging_key("coffee-chat/person/p3"), "left over");
    store
}

#[test]
fn reading_a_batch_at_a_time_finds_what_reading_at_once_finds() {
    let at_once = a_busy_store();
    let in_steps = a_busy_store();
    let whole = open(&at_once);

    let mut opening = Repository::opening(in_steps.clone());
    let mut steps = 1;
    while !opening.read_some(&mut || false) {
        steps += 1;
    }
    let stepped = opening.opened();

    assert!(steps > 4, "{steps} steps");
    assert_eq!(stepped.data, whole.data);
    assert_eq!(stepped.data.people.len(), READ_BATCH * 2 + 5);
    assert_eq!(
        stepped.data.people.last().map(|p| p.name.as_str()),
        Some("Zed")
    );
    assert_eq!(stepped.repo.quarantined_count(), 1);
    assert_eq!(in_steps.snapshot(), at_once.snapshot());
}

#[test]
fn a_record_another_tab_changes_between_steps_is_read_as_it_then_is() {
    let store = a_busy_store();
    let mut opening = Repository::opening(store.clone());
    assert!(!opening.read_some(&mut || false));
    // The first batch is read. Another tab renames a later person,
    // repairs the corrupt one, and deletes a chat.
    let mut renamed = person("p60", "Renamed");
    renamed.notes = "Typed in another tab".into();
    store.insert_raw(
        "coffee-chat/person/p60",
        &serde_json::to_string(&renamed).unwrap(),
    );
    store.insert_raw(
        "coffee-chat/person/p50",
        &serde_json::to_string(&person("p50", "Repaired")).unwrap(),
    );
    store.remove("coffee-chat/chat/c9").unwrap();
    let opened = opening.opened();

    let named = |id: &str| {
        opened
            .data
            .people
            .iter()
            .find(|p| p.id.0 == id)
            .map(|p| p.name.as_str())
    };
    assert_eq!(named("p60"), Some("Renamed"));
    assert_eq!(named("p50"), Some("Repaired"));
    assert_eq!(
        opened.repo.quarantined_count(),
        0,
        "nothing readable is set aside"
    );
    assert!(opened.data.chats.iter().all(|c| c.id.0 != "c9"));
    assert_eq!(opened.data.chats.len(), READ_BATCH * 2 + 4);
}

#[test]
fn an_edit_writes_only_the_record_it_changes() {
    let (store, repo) = with_ana_and_ben();
    store.take_writes();
    let mut ana = person("a", "Ana");
    ana.notes = "Met at the library".into();
    repo.save(&ana).unwrap();
    assert_eq!(store.take_writes(), ["coffee-chat/person/a"]);
}

#[test]
fn an_unreadable_record_is_set_aside_untouched_and_the_rest_load() {
    let (store, repo) = with_ana_and_ben();
    repo.save(&person("c", "Cleo")).unwrap();
    let garbage = r#"{"id":"b","name":"Ben", oops"#;
    store.insert_raw("coffee-chat/person/b", garbage);

    let opened = open(&store);
    assert_eq!(names(&opened.data.people), ["Ana", "Cleo"]);
    assert!(opened.problem.is_none());
    assert_eq!(opened.repo.quarantined_count(), 1);
    assert_eq!(quarantined(&store, "person/b").as_deref(), Some(garbage));
    assert_eq!(store.get("coffee-chat/person/b").unwrap(), None);

    // The quarantined copy survives later loads and saves.
    let again = open(&store);
    assert_eq!(again.repo.quarantined_count(), 1);
    again.repo.save(&person("d", "Dev")).unwrap();
    assert_eq!(quarantined(&store, "person/b").as_deref(), Some(garbage));
}

#[test]
fn a_record_under_the_wrong_key_is_set_aside() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    repo.save(&person("a", "Ana")).unwrap();
    let ana = store.get("coffee-chat/person/a").unwrap().unwrap();
    store.insert_raw("coffee-chat/person/z", &ana);
    let opened = open(&store);
    assert_eq!(names(&opened.data.people), ["Ana"]);
    assert_eq!(opened.repo.quarantined_count(), 1);
}

#[test]
fn a_second_bad_copy_of_the_same_key_does_not_overwrite_the_first() {
    let store = Arc::new(MemoryStore::new());
    store.insert_raw("coffee-chat/person/a", "first");
    open(&store);
    store.insert_raw("coffee-chat/person/a", "second");
    let opened = open(&store);
    assert_eq!(opened.repo.quarantined_count(), 2);
    assert_eq!(quarantined(&store, "person/a").as_deref(), Some("first"));
    assert_eq!(quarantined(&store, "person/a~1").as_deref(), Some("second"));
}

#[test]
fn a_broken_index_is_set_aside_and_people_are_found_by_their_keys() {
    let (store, _) = with_ana_and_ben();
    store.insert_raw(index_key::<Person>().as_str(), "[not json");
    let opened = open(&store);
    assert_eq!(names(&opened.data.people), ["Ana", "Ben"]);
    assert_eq!(opened.repo.quarantined_count(), 1);
}

#[test]
fn a_record_missing_from_the_index_is_still_loaded() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    repo.save(&person("a", "Ana")).unwrap();
    let ben = serde_json::to_string(&person("b", "Ben")).unwrap();
    store.insert_raw("coffee-chat/person/b", &ben);
    assert_eq!(names(&open(&store).data.people), ["Ana", "Ben"]);
}

#[test]
fn a_full_store_refuses_the_edit_and_keeps_every_other_record() {
    let store = Arc::new(MemoryStore::with_capacity(900));
    let repo = open(&store).repo;
    repo.save(&person("a", "Ana")).unwrap();
    let before = store.snapshot();

    let mut big = person("b", "Ben");
    big.notes = "x".repeat(1000);
    assert_eq!(repo.save(&big), Err(StoreError::Quota));
    assert_eq!(store.snapshot(), before);

    let mut ana = person("a", "Ana");
    ana.notes = "y".repeat(1000);
    assert_eq!(repo.save(&ana), Err(StoreError::Quota));
    assert_eq!(store.snapshot(), before);
    assert_eq!(names(&open(&store).data.people), ["Ana"]);
}

#[test]
fn a_new_person_whose_index_write_fails_is_not_left_behind() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    repo.save(&person("a", "Ana")).unwrap();
    // Room for Ben's record but not for the longer index.
    let used: usize = store
        .snapshot()
        .iter()
        .map(|(k, v)| k.len() + v.len())
        .sum();
    let ben_len =
        "coffee-chat/person/b".len() + serde_json::to_string(&person("b", "Ben")).unwrap().len();
    let tight = Arc::new(MemoryStore::with_capacity(used + ben_len + 2));
    for (k, v) in store.snapshot() {
        tight.insert_raw(&k, &v);
    }
    let repo = open(&tight).repo;
    assert_eq!(repo.save(&person("b", "Ben")), Err(StoreError::Quota));
    assert_eq!(tight.snapshot(), store.snapshot());
}

#[test]
fn delete_removes_the_record_and_its_index_entry() {
    let (store, repo) = with_ana_and_ben();
    store.take_writes();
    repo.delete::<Person>("a").unwrap();
    assert_eq!(
        store.take_writes(),
        [
            index_key::<Person>().as_str(),
            "coffee-chat/person/a",
            DELETED_KEY
        ]
    );
    assert!(store
        .get(DELETED_KEY)
        .unwrap()
        .unwrap()
        .contains("coffee-chat/person/a"));
    assert_eq!(names(&open(&store).data.people), ["Ben"]);
    assert_eq!(
        store
            .get(index_key::<Person>().as_str())
            .unwrap()
            .as_deref(),
        Some(r#"["b"]"#)
    );
}

#[test]
fn data_from_a_newer_version_is_read_but_never_written() {
    let store = Arc::new(MemoryStore::new());
    open(&store).repo.save(&person("a", "Ana")).unwrap();
    store.insert_raw(SCHEMA_KEY, &(CURRENT_SCHEMA + 1).to_string());
    store.insert_raw("coffee-chat/person/b", "{broken");
    store.take_writes();

    let opened = open(&store);
    assert_eq!(names(&opened.data.people), ["Ana"]);
    assert_eq!(opened.problem, Some(StoreError::ReadOnly));
    assert!(opened.repo.is_read_only());
    assert_eq!(
        opened.repo.save(&person("c", "Cleo")),
        Err(StoreError::ReadOnly)
    );
    assert!(store.take_writes().is_empty());
    assert_eq!(
        store.get("coffee-chat/person/b").unwrap().as_deref(),
        Some("{broken")
    );
}

#[test]
fn changes_from_another_tab_are_recognised() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    let ben = person("b", "Ben");
    let json = serde_json::to_string(&ben).unwrap();
    assert_eq!(
        repo.external_change("coffee-chat/person/b", Some(&json), &Data::default()),
        ExternalChange::Person(Change::Saved(Box::new(ben.clone())))
    );
    // Ben is now known, so a later edit here does not rewrite the index.
    store.take_writes();
    repo.save(&ben).unwrap();
    assert!(!store
        .take_writes()
        .contains(&index_key::<Person>().as_str().to_string()));

    assert_eq!(
        repo.external_change("coffee-chat/person/b", None, &Data::default()),
        ExternalChange::Person(Change::Removed("b".into()))
    );
    assert_eq!(
        repo.external_change("coffee-chat/person/b", Some("{bad"), &Data::default()),
        ExternalChange::Unrelated
    );
    assert_eq!(
        repo.external_change("other-app/key", Some("1"), &Data::default()),
        ExternalChange::Unrelated
    );
}

#[test]
fn chats_and_follow_ups_are_records_of_their_own() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    let ana = person("a", "Ana");
    repo.save(&ana).unwrap();
    let chat = Chat::new(ChatId("c1".into()), ana.id.clone(), ana.created_at, &[]);
    repo.save(&chat).unwrap();
    store.take_writes();
    let mut edited = chat.clone();
    edited.place = "Café".into();
    repo.save(&edited).unwrap();
    assert_eq!(store.take_writes(), ["coffee-chat/chat/c1"]);

    let data = open(&store).data;
    assert_eq!(data.chats, [edited]);
    assert_eq!(data.people, [ana]);
    assert!(data.followups.is_empty());
}

#[test]
fn settings_are_saved_and_an_unreadable_copy_is_set_aside() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    assert_eq!(open(&store).data.settings, Settings::default());
    let settings = Settings {
        my_name: "Sam".into(),
        ..Settings::default()
    };
    repo.save_settings(&settings).unwrap();
    assert_eq!(open(&store).data.settings, settings);

    store.insert_raw(SETTINGS_KEY, "{\"my_name\": 3");
    let opened = open(&store);
    assert_eq!(opened.data.settings, Settings::default());
    assert_eq!(opened.repo.quarantined_count(), 1);
    assert_eq!(
        quarantined(&store, "settings").as_deref(),
        Some("{\"my_name\": 3")
    );
}

#[test]
fn replacing_everything_writes_the_new_and_then_removes_the_old() {
    let (store, repo) = with_ana_and_ben();
    let wanted = Data {
        people: vec![person("b", "Ben B."), person("c", "Cleo")],
        ..Data::default()
    };
    repo.replace_all(&wanted).unwrap();
    assert_eq!(names(&open(&store).data.people), ["Ben B.", "Cleo"]);
    assert_eq!(store.get("coffee-chat/person/a").unwrap(), None);
}

#[test]
fn settings_from_another_tab_are_recognised() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    let json = serde_json::to_string(&Settings::default()).unwrap();
    assert_eq!(
        repo.external_change(SETTINGS_KEY, Some(&json), &Data::default()),
        ExternalChange::Settings(Change::Saved(Box::default()))
    );
    let chat = Chat::new(
        ChatId("c".into()),
        PersonId("p".into()),
        chrono::Utc::now(),
        &[],
    );
    let json = serde_json::to_string(&chat).unwrap();
    assert_eq!(
        repo.external_change("coffee-chat/chat/c", Some(&json), &Data::default()),
        ExternalChange::Chat(Change::Saved(Box::new(chat)))
    );
}

fn people(count: usize, notes_len: usize) -> Vec<Person> {
    (0..count)
        .map(|i| {
            let mut p = person(&format!("p{i}"), &format!("Person {i}"));
            p.notes = "n".repeat(notes_len);
            p
        })
        .collect()
}

#[test]
fn a_change_written_without_times_by_an_older_build_is_taken_in_not_undone() {
    let store = Arc::new(MemoryStore::new());
    let tab = open(&store).repo;
    let mut ana = person("a", "Ana");
    tab.save(&ana).unwrap();
    ana.notes = "Typed here".into();
    tab.save(&ana).unwrap();
    // A tab still on schema 1's build writes the record as it knows it:
    // its role typed, no times at all.
    let mut older = ana.clone();
    older.role = "Analyst".into();
    let plain = serde_json::to_string(&older).unwrap();
    store.insert_raw("coffee-chat/person/a", &plain);
    let change = tab.external_change(
        "coffee-chat/person/a",
        Some(&plain),
        &Data {
            people: vec![ana.clone()],
            ..Data::default()
        },
    );
    let ExternalChange::Person(Change::Saved(merged) | Change::Kept(merged)) = change else {
        panic!("taken in: {change:?}");
    };
    assert_eq!(
        (merged.role.as_str(), merged.notes.as_str()),
        ("Analyst", "Typed here")
    );
    tab.save(&*merged).unwrap();
    let stored = open(&store).data.people;
    assert_eq!(
        (stored[0].role.as_str(), stored[0].notes.as_str()),
        ("Analyst", "Typed here")
    );
}

#[test]
fn a_write_merges_with_what_another_tab_stored_since() {
    let store = Arc::new(MemoryStore::new());
    let tab_a = open(&store).repo;
    tab_a.save(&person("a", "Ana")).unwrap();
    let tab_b = open(&store);
    let mut in_a = person("a", "Ana");
    in_a.notes = "Typed in tab A".into();
    tab_a.save(&in_a).unwrap();

    // Tab B never saw A's notes; it changes the role only.
    let mut in_b = tab_b.data.people[0].clone();
    in_b.role = "Analyst".into();
    let merged = tab_b.repo.save(&in_b).unwrap().expect("merged");
    assert_eq!(merged.notes, "Typed in tab A");
    assert_eq!(merged.role, "Analyst");
    assert_eq!(open(&store).data.people, [merged]);
}

#[test]
fn a_corrupt_record_found_while_storage_is_full_is_counted_and_kept() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    repo.save(&person("a", "Ana")).unwrap();
    store.insert_raw("coffee-chat/person/b", "{broken");
    store.leave_free(0);
    let opened = open(&store);
    assert_eq!(names(&opened.data.people), ["Ana"]);
    assert_eq!(opened.repo.quarantined_count(), 1);
    assert_eq!(opened.repo.unreadable_left_in_place(), 1);
    assert_eq!(
        store.get("coffee-chat/person/b").unwrap().as_deref(),
        Some("{broken")
    );
    // With room again, the next start moves it aside.
    store.set_capacity(None);
    let reopened = open(&store);
    assert_eq!(reopened.repo.unreadable_left_in_place(), 0);
    assert_eq!(reopened.repo.quarantined_count(), 1);
}

#[test]
fn a_schema_that_is_not_a_version_is_damage_not_a_newer_app() {
    for bad in ["abc", "", "-1", "0", "1.5"] {
        let store = Arc::new(MemoryStore::new());
        open(&store).repo.save(&person("a", "Ana")).unwrap();
        store.insert_raw(SCHEMA_KEY, bad);
        let opened = open(&store);
        assert_eq!(opened.problem, None, "schema {bad:?}");
        assert!(!opened.repo.is_read_only());
        assert_eq!(names(&opened.data.people), ["Ana"]);
        assert_eq!(opened.repo.quarantined_count(), 1, "schema {bad:?}");
        opened.repo.save(&person("b", "Ben")).unwrap();
        assert_eq!(
            store.get(SCHEMA_KEY).unwrap(),
            Some(CURRENT_SCHEMA.to_string())
        );
    }
}

/// A page reloaded just after damaging the key can still be told of it
/// as if another tab wrote it; that is damage too, not a newer app.
#[test]
fn a_storage_event_with_a_schema_that_is_not_a_version_does_not_stop_writing() {
    for bad in ["abc", "", "-1", "0"] {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        store.insert_raw(SCHEMA_KEY, bad);
        assert_eq!(
            repo.external_change(SCHEMA_KEY, Some(bad), &Data::default()),
            ExternalChange::Unrelated,
            "schema {bad:?}"
        );
        repo.save(&person("a", "Ana")).unwrap();
        assert_eq!(
            store.get(SCHEMA_KEY).unwrap(),
            Some(CURRENT_SCHEMA.to_string())
        );
    }
}

#[test]
fn a_newer_schema_written_by_another_tab_stops_this_tab_writing() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    repo.save(&person("a", "Ana")).unwrap();
    let newer = (CURRENT_SCHEMA + 1).to_string();
    // Without the event (a tab that missed it): the next write checks.
    store.insert_raw(SCHEMA_KEY, &newer);
    assert_eq!(repo.save(&person("b", "Ben")), Err(StoreError::ReadOnly));
    assert!(repo.is_read_only());
    assert_eq!(store.get("coffee-chat/person/b").unwrap(), None);

    // With the event.
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    repo.save(&person("a", "Ana")).unwrap();
    assert_eq!(
        repo.external_change(SCHEMA_KEY, Some(&newer), &Data::default()),
        ExternalChange::SchemaChanged
    );
    assert_eq!(repo.save(&person("b", "Ben")), Err(StoreError::ReadOnly));
}

#[test]
fn an_import_that_does_not_fit_leaves_storage_exactly_as_it_was() {
    let store = Arc::new(MemoryStore::new());
    let repo = open(&store).repo;
    let mut ana = person("a", "Ana");
    ana.notes = "Newer notes, typed after the backup".into();
    repo.save(&ana).unwrap();
    repo.save(&person("b", "Ben")).unwrap();
    store.leave_free(256 * 1024);
    let before = store.snapshot();

    let mut incoming = people(300, 2048);
    incoming.push(person("a", "Ana"));
    let wanted = Data {
        people: incoming,
        ..Data::default()
    };
    assert_eq!(repo.replace_all(&wanted), Err(StoreError::Quota));
    assert_eq!(store.snapshot(), before);
    let reopened = open(&store);
    assert_eq!(names(&reopened.data.people), ["Ana", "Ben"]);
    assert_eq!(reopened.data.people[0].notes, ana.notes);
}

#[test]
fn an_import_that_fits_replaces_everything_and_leaves_no_staging() {
    let (store, repo) = with_ana_and_ben();
    let wanted = Data {
        people: people(3, 10),
        ..Data::default()
    };
    repo.replace_all(&wanted).unwrap();
    let reopened = open(&store);
    assert_eq!(reopened.data.people, wanted.people);
    assert!(store
        .snapshot()
        .keys()
        .all(|k| !k.starts_with(STAGING_PREFIX) && k != IMPORT_JOURNAL_KEY));
}

#[test]
fn an_import_cut_short_at_any_write_is_all_or_nothing() {
    let old = Data {
        people: people(3, 5),
        ..Data::default()
    };
    let mut new_people = people(5, 7);
    new_people.remove(1);
    let new = Data {
        people: new_people,
        ..Data::default()
    };
    for crash_at in 0..40 {
        let store = Arc::new(MemoryStore::new());
        let repo = open(&store).repo;
        for p in &old.people {
            repo.save(p).unwrap();
        }
        store.crash_after_writes(crash_at);
        let finished = repo.replace_all(&new).is_ok();
        store.set_capacity(None);
        store.revive();
        let after = open(&store).data;
        if finished {
            assert_eq!(after.people, new.people, "crash at {crash_at}");
        } else {
            assert!(
                after.people == old.people || after.people == new.people,
                "crash at write {crash_at} left {:?}",
                names(&after.people)
            );
        }
        assert!(store
            .snapshot()
            .keys()
            .all(|k| !k.starts_with(STAGING_PREFIX)));
    }
}
