//! Targets through the command layer: stored, ranked, renamed, archived,
//! and carried between two devices.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};

use super::super::tests::{
    clock, exchange, open, open_with, reopen, second_tab, two_devices, TestClock,
};
use crate::domain::person::PersonField;
use crate::domain::stage::Stage;
use crate::domain::targets::{Advocates, NextStep, Score, TargetField, TargetId};
use crate::domain::timer::TimerAction;
use crate::state::{TextTarget, Workspace};
use crate::storage::backup::{self, ImportMode};
use crate::storage::MemoryStore;

fn names(w: &Workspace) -> Vec<String> {
    w.ranked_targets(None)
        .into_iter()
        .map(|r| r.target.name)
        .collect()
}

#[test]
fn targets_are_added_by_name_once_and_kept() {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    let acme = w.add_target("Acme Inc.").unwrap();
    assert_eq!(
        w.add_target(" ACME ").unwrap(),
        acme,
        "the same organisation"
    );
    assert!(w.add_target("   ").is_err());
    w.add_target("Ville de Québec").unwrap();
    let link = TextTarget::Target(acme.clone(), TargetField::Link);
    assert!(w.type_text(&link, "ftp://acme").is_err());
    w.type_text(&link, "https://acme.example").unwrap();
    w.save();
    let stored = reopen(&store);
    assert_eq!(stored.data().targets.len(), 2);
    assert_eq!(stored.text(&link).unwrap(), "https://acme.example");
}

#[test]
fn scores_rank_the_list_until_it_is_ordered_by_hand() {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    let a = w.add_target("Alpha").unwrap();
    let b = w.add_target("Beta").unwrap();
    let c = w.add_target("Gamma").unwrap();
    w.set_target_score(&c, Score::Motivation, 3).unwrap();
    w.set_target_score(&b, Score::Motivation, 2).unwrap();
    w.set_target_score(&b, Score::Postings, 9).unwrap();
    assert_eq!(names(&w), ["Gamma", "Beta", "Alpha"]);
    let shown: Vec<TargetId> = w
        .ranked_targets(None)
        .iter()
        .map(|r| r.target.id.clone())
        .collect();
    w.move_target(&shown, 2, true).unwrap();
    assert_eq!(names(&reopen(&store)), ["Gamma", "Alpha", "Beta"]);
    // A new one follows the hand order; a deleted one leaves it.
    let d = w.add_target("Delta").unwrap();
    w.set_target_score(&d, Score::Motivation, 3).unwrap();
    assert_eq!(names(&w), ["Gamma", "Alpha", "Beta", "Delta"]);
    w.delete_target(&a).unwrap();
    assert_eq!(
        reopen(&store).data().settings.target_order,
        [c.0.clone(), b.0.clone()]
    );
    w.rank_targets_by_method().unwrap();
    assert_eq!(names(&reopen(&store)), ["Delta", "Gamma", "Beta"]);
    assert!(w.delete_target(&a).is_err());
}

#[test]
fn the_advocate_column_moves_as_a_request_is_sent_and_a_chat_booked() {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    w.add_target("Hydro-Québec").unwrap();
    let advocates = |w: &Workspace| w.ranked_targets(None)[0].advocates;
    assert_eq!(advocates(&w), Advocates::None);
    let ana = w.add_person("Ana", None, "hydro quebec", "").unwrap();
    assert_eq!(advocates(&w), Advocates::ToAsk);
    let chat = w.create_chat(&ana).unwrap();
    w.move_chat(&chat, Stage::Asked).unwrap();
    match &w.ranked_targets(None)[0].next {
        NextStep::Wait {
            second_contact,
            follow_up,
            ..
        } => {
            // Asked on Wednesday 25 November: 3 and 7 business days on.
            assert_eq!(*second_contact, NaiveDate::from_ymd_opt(2026, 11, 30));
            assert_eq!(*follow_up, NaiveDate::from_ymd_opt(2026, 12, 4));
        }
        other => panic!("{other:?}"),
    }
    w.timer_action(&chat, TimerAction::Start).unwrap();
    w.timer_action(&chat, TimerAction::End).unwrap();
    assert_eq!(advocates(&reopen(&store)), Advocates::Met);
}

#[test]
fn a_rename_asks_before_changing_what_was_typed_on_people() {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    let ana = w.add_person("Ana", None, "Acme Inc.", "").unwrap();
    let ben = w.add_person("Ben", None, "acme", "").unwrap();
    let acme = w.target_for_person(&ana).unwrap();
    assert_eq!(w.target_for_person(&ben).unwrap(), acme);
    let name = TextTarget::Target(acme.clone(), TargetField::Name);
    w.type_text(&name, "Acme Robotics").unwrap();
    w.save();
    // Nothing typed on a person changes by itself.
    let organisation = |w: &Workspace, id| {
        w.text(&TextTarget::Person(id, PersonField::Organisation))
            .unwrap()
    };
    assert_eq!(organisation(&reopen(&store), ana.clone()), "Acme Inc.");
    assert_eq!(reopen(&store).data().targets[0].former_name, "Acme Inc.");
    w.settle_rename(&acme, true).unwrap();
    let stored = reopen(&store);
    assert_eq!(organisation(&stored, ana), "Acme Robotics");
    assert_eq!(organisation(&stored, ben.clone()), "Acme Robotics");
    assert_eq!(stored.data().targets[0].former_name, "");
    // Left as typed, when the person says so.
    w.type_text(&name, "Acme Group").unwrap();
    w.settle_rename(&acme, false).unwrap();
    assert_eq!(organisation(&reopen(&store), ben), "Acme Robotics");
}

#[test]
fn targets_added_and_scored_on_two_devices_merge() {
    let (mut phone, mut laptop, clock, _, _) = two_devices();
    let on_phone = phone.add_target("Acme").unwrap();
    laptop.add_target("Banque Nationale").unwrap();
    clock.advance_minutes(5);
    let preview = exchange(&mut phone, &mut laptop);
    assert_eq!(preview.kinds[3].added, 1);
    exchange(&mut laptop, &mut phone);
    assert_eq!(phone.data().targets.len(), 2);
    assert_eq!(laptop.data().targets.len(), 2);
    // The later score wins; a deletion travels.
    laptop
        .set_target_score(&on_phone, Score::Motivation, 1)
        .unwrap();
    clock.advance_minutes(5);
    phone
        .set_target_score(&on_phone, Score::Motivation, 3)
        .unwrap();
    clock.advance_minutes(5);
    exchange(&mut phone, &mut laptop);
    assert_eq!(
        laptop
            .data()
            .targets
            .iter()
            .find(|t| t.id == on_phone)
            .unwrap()
            .motivation,
        3
    );
    clock.advance_minutes(5);
    laptop.delete_target(&on_phone).unwrap();
    clock.advance_minutes(5);
    let preview = exchange(&mut laptop, &mut phone);
    assert_eq!(preview.kinds[3].deleted, 1);
    assert_eq!(phone.data().targets.len(), 1);
}

#[test]
fn a_target_changed_in_another_tab_shows_here() {
    let store = Arc::new(MemoryStore::new());
    let mut here = open(&store);
    let mut there = second_tab(&store);
    let id = there.add_target("Acme").unwrap();
    let key = format!("coffee-chat/target/{id}");
    let stored = store.snapshot().get(&key).cloned();
    here.apply_external_change(&key, stored.as_deref());
    assert_eq!(here.data().targets.len(), 1);
    here.apply_external_change(&key, None);
    assert!(here.data().targets.is_empty());
    let _ = clock();
}

#[test]
fn an_archive_carries_the_targets_of_its_people_and_keeps_them_here() {
    let store = Arc::new(MemoryStore::new());
    let clock = TestClock::at(2026, 1, 10, 10);
    let mut w = open_with(&store, clock.clone());
    let ana = w.add_person("Ana", None, "Acme", "").unwrap();
    w.add_target("Acme").unwrap();
    w.add_target("Elsewhere").unwrap();
    let old = w.create_chat(&ana).unwrap();
    w.timer_action(&old, TimerAction::Start).unwrap();
    w.timer_action(&old, TimerAction::End).unwrap();
    *clock.0.lock().unwrap() = Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap();
    let (file, _) = w
        .archive_done_chats(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())
        .unwrap();
    let archived = backup::parse(&file).unwrap().backup;
    assert_eq!(archived.targets.len(), 1);
    assert_eq!(archived.targets[0].name, "Acme");
    assert_eq!(reopen(&store).data().targets.len(), 2);
    w.import_backup(backup::parse(&file).unwrap(), ImportMode::Merge)
        .unwrap();
    assert_eq!(reopen(&store).data().targets.len(), 2);
}

#[test]
fn an_unreadable_target_is_set_aside_and_the_others_load() {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    w.add_target("Acme").unwrap();
    let used = w.used_characters().unwrap();
    w.add_target("Banque Nationale").unwrap();
    assert!(
        w.used_characters().unwrap() > used,
        "the gauge counts targets"
    );
    store.insert_raw("coffee-chat/target/broken", r#"{"id":"broken","name":7}"#);
    store.insert_raw("coffee-chat/target/wrong", r#"{"id":"other","name":"X","created_at":"2026-11-25T10:00:00Z","updated_at":"2026-11-25T10:00:00Z"}"#);
    let stored = reopen(&store);
    assert_eq!(stored.data().targets.len(), 2);
    assert_eq!(stored.unreadable_count(), 2);
}

#[test]
fn a_target_added_since_a_week_old_backup_asks_for_a_new_one() {
    let clock = clock();
    let store = Arc::new(MemoryStore::new());
    let mut w = open_with(&store, clock.clone());
    w.add_person("Ana", None, "", "").unwrap();
    w.export_backup();
    clock.advance_minutes(8 * 24 * 60);
    assert_eq!(w.backup_due(), None, "nothing changed since");
    w.add_target("Acme").unwrap();
    assert_eq!(w.backup_due(), Some(crate::state::BackupDue::Old));
}

#[test]
fn a_draft_survives_a_reload_and_the_button_only_moves_it() {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    let draft = TextTarget::Draft("new-target".into());
    w.type_text(&draft, "Banque Nat").unwrap();
    w.save();
    let mut w = reopen(&store);
    assert_eq!(w.text(&draft).unwrap(), "Banque Nat");
    // A refused command leaves the draft as typed.
    w.type_text(&draft, "   ").unwrap();
    assert!(w
        .commit_draft("new-target", |w, name| w.add_target(name))
        .is_err());
    assert_eq!(w.text(&draft).unwrap(), "   ");
    w.type_text(&draft, "Banque Nationale").unwrap();
    w.commit_draft("new-target", |w, name| w.add_target(name))
        .unwrap();
    let stored = reopen(&store);
    assert_eq!(stored.text(&draft).unwrap(), "");
    assert!(stored.data().settings.drafts.is_empty());
    assert_eq!(stored.data().targets[0].name, "Banque Nationale");
}

#[test]
fn drafts_stay_on_their_device() {
    let (mut phone, mut laptop, clock, _, _) = two_devices();
    let draft = TextTarget::Draft("new-target".into());
    laptop
        .type_text(&draft, "Half typed on the laptop")
        .unwrap();
    laptop.save();
    clock.advance_minutes(5);
    exchange(&mut laptop, &mut phone);
    assert_eq!(phone.text(&draft).unwrap(), "");
    phone.type_text(&draft, "Typed on the phone").unwrap();
    phone.save();
    clock.advance_minutes(5);
    exchange(&mut phone, &mut laptop);
    assert_eq!(laptop.text(&draft).unwrap(), "Half typed on the laptop");
}
