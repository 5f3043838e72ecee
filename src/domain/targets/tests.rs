//! Targets' rules: the folded match, advocates from stages, the ranking,
//! the next step, and what a rename leaves behind.

use chrono::TimeZone;

use super::*;
use crate::domain::chat::StageChange;
use crate::domain::followup::FollowUpId;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 15, 0, 0).unwrap()
}

fn target(id: &str, name: &str, motivation: u8, postings: u8) -> Target {
    let mut target = Target::new(TargetId(id.into()), name, at(1)).unwrap();
    target.set_score(Score::Motivation, motivation, at(1));
    target.set_score(Score::Postings, postings, at(1));
    target
}

fn person(id: &str, name: &str, organisation: &str) -> Person {
    let mut p = Person::new(PersonId(id.into()), name, at(1)).unwrap();
    p.organisation = organisation.into();
    p
}

fn chat(id: &str, person: &str, stages: &[Stage]) -> Chat {
    let mut chat = Chat::new(ChatId(id.into()), PersonId(person.into()), at(1), &[]);
    chat.history
        .extend(stages.iter().enumerate().map(|(day, stage)| StageChange {
            stage: *stage,
            at: at(2 + day as u32),
        }));
    chat
}

fn names(list: &[Ranked]) -> Vec<&str> {
    list.iter().map(|r| r.target.name.as_str()).collect()
}

#[test]
fn organisations_match_without_case_accents_punctuation_or_legal_form() {
    assert!(same_organisation("Québec", "quebec"));
    assert!(same_organisation("Ville de Québec", "VILLE DE QUEBEC"));
    assert!(same_organisation("Acme Inc.", "Acme"));
    assert!(same_organisation("Acme, Inc.", "acme"));
    assert!(same_organisation("Acme Co. Ltd", "ACME"));
    assert!(same_organisation("Hydro-Québec", "hydro quebec"));
    assert!(same_organisation("Desjardins Ltée", "Desjardins"));
    assert!(!same_organisation("Acme", "Acme Labs"));
    assert!(!same_organisation("Postes Canada", "Canada"));
    assert!(!same_organisation("", ""));
    // A name that is only a legal form keeps it.
    assert_eq!(organisation_key("Co."), "co");
    assert_eq!(
        organisation_key("  Banque   Nationale  Inc "),
        "banque nationale"
    );
}

#[test]
fn a_name_is_required_a_link_must_be_a_web_address_and_scores_stay_in_range() {
    assert!(Target::new(TargetId("t".into()), "  ", at(1)).is_err());
    let mut t = target("t", " Acme ", 0, 0);
    assert_eq!(t.name, "Acme");
    assert!(t
        .set(TargetField::Link, "javascript:alert(1)", at(2))
        .is_err());
    assert_eq!(t.link, "");
    t.set(TargetField::Link, "https://acme.example", at(2))
        .unwrap();
    assert_eq!(t.text(TargetField::Link), "https://acme.example");
    t.set_score(Score::Motivation, 9, at(2));
    assert_eq!(t.score(Score::Motivation), TOP_SCORE);
    // A stored score out of range, from a hostile file, reads as the top.
    t.postings = 200;
    assert_eq!(t.score(Score::Postings), TOP_SCORE);
}

#[test]
fn advocates_follow_the_best_stage_of_the_people_known_there() {
    assert_eq!(Advocates::of([]), Advocates::None);
    assert_eq!(
        Advocates::of([Stage::Declined, Stage::NoReply]),
        Advocates::None
    );
    assert_eq!(Advocates::of([Stage::Idea]), Advocates::ToAsk);
    assert_eq!(
        Advocates::of([Stage::Asked, Stage::Declined]),
        Advocates::ToAsk
    );
    assert_eq!(
        Advocates::of([Stage::Asked, Stage::Booked]),
        Advocates::SaidYes
    );
    assert_eq!(Advocates::of([Stage::Done, Stage::Booked]), Advocates::Met);
}

#[test]
fn ranked_by_motivation_then_postings_then_advocates_then_name() {
    let targets = [
        target("a", "Zeta", 2, 3),
        target("b", "Alpha", 3, 0),
        target("c", "Beta", 2, 3),
        target("d", "Gamma", 2, 1),
    ];
    let people = [person("p", "Pia", "zeta inc.")];
    let chats = [chat("c1", "p", &[Stage::Asked, Stage::Booked])];
    let list = ranked(&targets, &people, &chats, &[], &[]);
    // Zeta and Beta tie on the scores; someone said yes at Zeta.
    assert_eq!(names(&list), ["Alpha", "Zeta", "Beta", "Gamma"]);
    assert_eq!(list[1].advocates, Advocates::SaidYes);
    // Without the advocate, the name decides.
    let list = ranked(&targets, &[], &[], &[], &[]);
    assert_eq!(names(&list), ["Alpha", "Beta", "Zeta", "Gamma"]);
}

#[test]
fn a_hand_order_wins_and_new_targets_follow_it_by_the_method() {
    let targets = [
        target("a", "Alpha", 3, 3),
        target("b", "Beta", 1, 0),
        target("c", "Gamma", 0, 0),
        target("d", "Delta", 2, 0),
    ];
    let order = moved(&[TargetId("a".into()), TargetId("b".into())], 1, true);
    assert_eq!(order, ["b", "a"]);
    let list = ranked(&targets, &[], &[], &[], &order);
    assert_eq!(names(&list), ["Beta", "Alpha", "Delta", "Gamma"]);
    // Moving the first up, or past the end, changes nothing.
    let shown = [TargetId("a".into()), TargetId("b".into())];
    assert_eq!(moved(&shown, 0, true), ["a", "b"]);
    assert_eq!(moved(&shown, 1, false), ["a", "b"]);
}

#[test]
fn the_next_step_follows_the_people_known_there() {
    let mut met = person("m", "Mo", "Elsewhere");
    met.field = "Urban planning".into();
    let mut also_met = person("n", "Ada", "Other place");
    also_met.field = "Nursing".into();
    let people = [
        person("i", "Ida", "Idea Co"),
        person("w", "Wu", "Waiting"),
        person("b", "Bo", "Booked"),
        person("d", "Di", "Declined"),
        met,
        also_met,
    ];
    let chats = [
        chat("cw", "w", &[Stage::Asked]),
        chat("cb", "b", &[Stage::Asked, Stage::Booked]),
        chat("cd", "d", &[Stage::Asked, Stage::Declined]),
        chat("cm", "m", &[Stage::Asked, Stage::Booked, Stage::Done]),
        chat("cn", "n", &[Stage::Asked, Stage::Booked, Stage::Done]),
    ];
    let nudge = FollowUp {
        id: FollowUpId("f".into()),
        kind: FollowUpKind::SecondContact,
        person_id: PersonId("w".into()),
        chat_id: Some(ChatId("cw".into())),
        due: NaiveDate::from_ymd_opt(2026, 11, 9).unwrap(),
        status: FollowUpStatus::Open,
        snoozed_until: None,
        title: String::new(),
        note: String::new(),
        created_at: at(2),
        updated_at: at(2),
    };
    let mut planning = target("t5", "Declined", 0, 0);
    planning.field = "urban planning".into();
    let targets = [
        target("t1", "Idea Co.", 3, 0),
        target("t2", "Waiting", 2, 0),
        target("t3", "Booked", 1, 0),
        target("t4", "Elsewhere", 0, 1),
        planning,
    ];
    let list = ranked(&targets, &people, &chats, &[nudge], &[]);
    let step = |name: &str| &list.iter().find(|r| r.target.name == name).unwrap().next;
    assert!(matches!(step("Idea Co."), NextStep::Ask(c) if c.name == "Ida"));
    match step("Waiting") {
        NextStep::Wait {
            contact,
            chat,
            second_contact,
            follow_up,
        } => {
            assert_eq!(contact.name, "Wu");
            assert_eq!(chat.0, "cw");
            assert_eq!(*second_contact, NaiveDate::from_ymd_opt(2026, 11, 9));
            assert_eq!(*follow_up, None);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(step("Booked"), NextStep::Prepare { chat, .. } if chat.0 == "cb"));
    assert!(matches!(step("Elsewhere"), NextStep::KeepInTouch(c) if c.name == "Mo"));
    // Only a no there: find someone, first through whoever met in that field.
    match step("Declined") {
        NextStep::FindContact { introducers } => {
            let names: Vec<&str> = introducers.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(names, ["Mo", "Ada"]);
        }
        other => panic!("{other:?}"),
    }
    // The next five leave out what has nothing to do now.
    let open: Vec<&str> = next_five(&list).map(|r| r.target.name.as_str()).collect();
    assert_eq!(open, ["Idea Co.", "Waiting", "Booked", "Declined"]);
}

#[test]
fn the_next_five_are_five() {
    let targets: Vec<Target> = (0..8)
        .map(|n| target(&format!("t{n}"), &format!("Org {n}"), (n % 4) as u8, 0))
        .collect();
    let list = ranked(&targets, &[], &[], &[], &[]);
    assert_eq!(next_five(&list).count(), AT_A_TIME);
    assert_eq!(
        next_five(&list)
            .next()
            .unwrap()
            .target
            .score(Score::Motivation),
        3
    );
}

#[test]
fn a_rename_remembers_the_name_people_still_use_until_it_comes_back() {
    let people = [
        person("a", "Ana", "Acme Inc."),
        person("b", "Ben", "acme"),
        person("c", "Cy", "Other"),
    ];
    let mut t = target("t", "Acme", 0, 0);
    assert!(target_of(std::slice::from_ref(&t), &people[0]).is_some());
    for typed in ["Acme C", "Acme Corporation Global"] {
        t.set(TargetField::Name, typed, at(2)).unwrap();
    }
    assert_eq!(t.former_name, "Acme");
    let left: Vec<&str> = left_by_rename(&t, &people)
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(left, ["Ana", "Ben"]);
    // Typed back to a name that matches again: nothing is left behind.
    t.set(TargetField::Name, "ACME", at(3)).unwrap();
    assert_eq!(t.former_name, "");
    assert!(left_by_rename(&t, &people).is_empty());
}
