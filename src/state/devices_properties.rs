//! Property test of the device merge, through the commands: two or three
//! devices make random edits, deletions and list changes and exchange
//! backup files in a random order, then all exchange once more.

use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use proptest::prelude::*;

use super::tests::{CountingIds, TestClock};
use super::*;
use crate::domain::chat::ChatId;
use crate::domain::person::PersonField;
use crate::domain::prep::QuestionCategory;
use crate::storage::backup::{self, ImportMode};
use crate::storage::MemoryStore;

#[derive(Clone, Debug)]
enum Step {
    /// A device writes a new text in a person's notes (prose) or role.
    Edit {
        device: usize,
        person: usize,
        notes: bool,
    },
    Delete {
        device: usize,
        person: usize,
    },
    /// A device changes the planned questions of a person's chat: adds
    /// one (0), removes its first (1) or moves its last up (2).
    Question {
        device: usize,
        person: usize,
        change: u8,
    },
    Send {
        from: usize,
        to: usize,
    },
}

fn step(devices: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..devices, 0..3usize, any::<bool>())
            .prop_map(|(device, person, notes)| Step::Edit { device, person, notes }),
        1 => (0..devices, 0..3usize).prop_map(|(device, person)| Step::Delete { device, person }),
        3 => (0..devices, 0..3usize, 0..3u8)
            .prop_map(|(device, person, change)| Step::Question { device, person, change }),
        3 => (0..devices, 0..devices)
            .prop_filter("two devices", |(a, b)| a != b)
            .prop_map(|(from, to)| Step::Send { from, to }),
    ]
}

/// One edit, as the devices come to know of it.
struct Edit {
    person: usize,
    notes: bool,
    text: String,
    at: u64,
    /// Edits of the same field this one was written over, knowingly.
    replaced: Vec<usize>,
}

fn send(from: &mut Workspace, to: &mut Workspace) {
    let file = backup::parse(&from.export_backup()).unwrap();
    to.import_backup(file, ImportMode::Merge).unwrap();
}

fn field(person: &PersonId, notes: bool) -> TextTarget {
    let field = if notes {
        PersonField::Notes
    } else {
        PersonField::Role
    };
    TextTarget::Person(person.clone(), field)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn devices_exchanging_files_in_any_order_converge_and_lose_no_edit(
        (count, steps) in (2usize..=3)
            .prop_flat_map(|n| (Just(n), proptest::collection::vec(step(n), 1..30))),
    ) {
        let clock = TestClock::at(2026, 11, 25, 10);
        let mut devices: Vec<Workspace> = (0..count)
            .map(|d| {
                let ids = CountingIds(AtomicU64::new(1000 * d as u64));
                Workspace::open(Arc::new(MemoryStore::new()), None, clock.clone(), Arc::new(ids))
            })
            .collect();
        let people: Vec<PersonId> = ["Ana", "Ben", "Cleo"]
            .iter()
            .map(|name| devices[0].add_person(name, None, "", "").unwrap())
            .collect();
        let chats: Vec<ChatId> = people
            .iter()
            .map(|person| devices[0].create_chat(person).unwrap())
            .collect();
        for to in 1..count {
            clock.advance_minutes(1);
            let (first, rest) = devices.split_at_mut(1);
            send(&mut first[0], &mut rest[to - 1]);
        }
        let mut edits: Vec<Edit> = Vec::new();
        // What each device knows: edit indices, and when each person was deleted.
        let mut known: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut deleted_at: Vec<Option<u64>> = vec![None; 3];
        let mut tick = 0u64;
        // Question texts added, and those removed, per person.
        let mut added: Vec<Vec<String>> = vec![Vec::new(); 3];
        let mut removed: Vec<Vec<String>> = vec![Vec::new(); 3];
        // A change to a person's chat is an edit that brings them back.
        let mut chat_changed_at: Vec<Option<u64>> = vec![None; 3];
        for step in &steps {
            clock.advance_minutes(1);
            tick += 1;
            match *step {
                Step::Edit { device, person, notes } => {
                    if !devices[device].data().people.iter().any(|p| p.id == people[person]) {
                        continue;
                    }
                    let text = format!("e{}", edits.len());
                    devices[device].type_text(&field(&people[person], notes), &text).unwrap();
                    // As the app does within a moment of the typing.
                    prop_assert!(devices[device].save());
                    let replaced = known[device]
                        .iter()
                        .copied()
                        .filter(|&e| edits[e].person == person && edits[e].notes == notes)
                        .collect();
                    known[device].push(edits.len());
                    edits.push(Edit { person, notes, text, at: tick, replaced });
                }
                Step::Delete { device, person } => {
                    if devices[device].delete_person(&people[person]).is_ok() {
                        deleted_at[person] = Some(tick);
                    }
                }
                Step::Question { device, person, change } => {
                    let Some(chat) = devices[device].data().chats.iter().find(|c| c.id == chats[person]).cloned() else {
                        continue;
                    };
                    let w = &mut devices[device];
                    match change {
                        0 => {
                            let text = format!("q{tick}");
                            w.add_question(&chat.id, QuestionCategory::Trends, &text, false).unwrap();
                            added[person].push(text);
                        }
                        1 => {
                            if let Some(first) = chat.questions.first() {
                                w.remove_question(&chat.id, &first.id).unwrap();
                                removed[person].push(first.text.clone());
                            }
                        }
                        _ => {
                            if chat.questions.len() > 1 {
                                w.move_question(&chat.id, chat.questions.len() - 1, true).unwrap();
                            }
                        }
                    }
                    prop_assert!(w.save());
                    if w.data().chats.iter().find(|c| c.id == chat.id) != Some(&chat) {
                        chat_changed_at[person] = Some(tick);
                    }
                }
                Step::Send { from, to } => {
                    let file = backup::parse(&devices[from].export_backup()).unwrap();
                    devices[to].import_backup(file, ImportMode::Merge).unwrap();
                    let theirs = known[from].clone();
                    for e in theirs {
                        if !known[to].contains(&e) {
                            known[to].push(e);
                        }
                    }
                }
            }
        }
        // Everyone to the first, then the first to everyone, twice: a
        // record brought back by a late edit meets the copies set aside
        // before on the second pass.
        for round in 0..4 {
            for d in 1..count {
                clock.advance_minutes(1);
                let (first, rest) = devices.split_at_mut(1);
                if round % 2 == 0 {
                    send(&mut rest[d - 1], &mut first[0]);
                } else {
                    send(&mut first[0], &mut rest[d - 1]);
                }
            }
        }
        let people_of = |w: &Workspace| {
            let mut people = w.data().people.clone();
            people.sort_by(|a, b| a.id.0.cmp(&b.id.0));
            people.into_iter().map(|p| (p.id.0, p.role, p.notes)).collect::<Vec<_>>()
        };
        let first = people_of(&devices[0]);
        let questions_of = |w: &Workspace| {
            let mut chats = w.data().chats.clone();
            chats.sort_by(|a, b| a.id.0.cmp(&b.id.0));
            chats
                .into_iter()
                .map(|c| (c.id.0, c.questions.into_iter().map(|q| q.text).collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        };
        let first_questions = questions_of(&devices[0]);
        for device in &devices[1..] {
            prop_assert_eq!(people_of(device), first.clone(), "every device holds the same");
            prop_assert_eq!(questions_of(device), first_questions.clone(), "and the same questions in the same order");
        }
        for (p, chat) in chats.iter().enumerate() {
            if deleted_at[p].is_some() {
                continue;
            }
            let held = devices[0].data().chats.iter().find(|c| &c.id == chat).unwrap();
            let mut got: Vec<String> = held.questions.iter().map(|q| q.text.clone()).collect();
            let mut expected: Vec<String> = added[p].iter().filter(|q| !removed[p].contains(q)).cloned().collect();
            expected.sort();
            got.sort();
            prop_assert_eq!(got, expected, "every question added and not removed, of {}", p);
        }
        for (p, id) in people.iter().enumerate() {
            let last_edit = edits
                .iter()
                .filter(|e| e.person == p)
                .map(|e| e.at)
                .chain(chat_changed_at[p])
                .max();
            let shown = devices[0].data().people.iter().find(|p| &p.id == id).cloned();
            match (deleted_at[p], last_edit) {
                (Some(deleted), edit) if edit.is_none_or(|at| at < deleted) => {
                    prop_assert!(shown.is_none(), "{} came back without an edit after its deletion", p);
                }
                _ => prop_assert!(shown.is_some(), "{} was lost", p),
            }
            if deleted_at[p].is_some() {
                continue;
            }
            let shown = shown.unwrap();
            for notes in [true, false] {
                let of_field: Vec<usize> = (0..edits.len())
                    .filter(|&e| edits[e].person == p && edits[e].notes == notes)
                    .collect();
                let text = if notes { &shown.notes } else { &shown.role };
                if notes {
                    // Every edit no later edit was knowingly written over.
                    for &e in &of_field {
                        if !of_field.iter().any(|&later| edits[later].replaced.contains(&e)) {
                            prop_assert!(text.contains(&edits[e].text), "notes lost {}: {}", edits[e].text, text);
                        }
                    }
                } else if let Some(&latest) = of_field.last() {
                    prop_assert_eq!(text, &edits[latest].text);
                }
            }
        }
    }
}
