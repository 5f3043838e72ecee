//! Writes a small, realistic job search through the app's own commands and
//! prints the localStorage entries as one JSON object: what the install
//! sheet's screenshots show (`scripts/screenshots.sh`). The app is opened
//! on Wednesday 2 December 2026 at 09:00 in Toronto; Ana's chat is booked
//! for 09:30 that morning.
//!
//! Usage: `cargo run --example sample_data`.

mod support;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};

use coffee_chat::domain::chat::{ChatId, MeetingFormat};
use coffee_chat::domain::person::{PersonField, PersonId};
use coffee_chat::domain::prep::QuestionCategory;
use coffee_chat::domain::stage::Stage;
use coffee_chat::domain::timer::TimerAction;
use coffee_chat::state::{ChatText, SettingText, TextTarget, Workspace};

const QUESTIONS: [&str; 4] = [
    "What does a typical day look like for you?",
    "How did you get into this line of work?",
    "What skills matter most in your role?",
    "Who else would be good for me to talk to?",
];

/// A time on Toronto's clocks in late 2026.
fn toronto(month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
}

/// Toronto keeps UTC−5 from November to March.
fn utc(local: NaiveDateTime) -> DateTime<Utc> {
    Utc.from_utc_datetime(&(local + TimeDelta::hours(5)))
}

fn person(
    w: &mut Workspace,
    name: &str,
    role: &str,
    organisation: &str,
    by: Option<&PersonId>,
) -> PersonId {
    let id = w.add_person(name, by.cloned(), organisation, "").unwrap();
    w.type_text(&TextTarget::Person(id.clone(), PersonField::Role), role)
        .unwrap();
    id
}

fn chat_with_questions(w: &mut Workspace, person: &PersonId, goal: &str) -> ChatId {
    let chat = w.create_chat(person).unwrap();
    for question in QUESTIONS {
        w.add_question(&chat, QuestionCategory::Own, question, false)
            .unwrap();
    }
    w.type_text(&TextTarget::Chat(chat.clone(), ChatText::Goal), goal)
        .unwrap();
    chat
}

fn book(w: &mut Workspace, chat: &ChatId, at: NaiveDateTime, place: &str) {
    w.set_start(chat, Some(at)).unwrap();
    w.set_format(chat, Some(MeetingFormat::InPerson)).unwrap();
    w.type_text(&TextTarget::Chat(chat.clone(), ChatText::Place), place)
        .unwrap();
    w.move_chat(chat, Stage::Booked).unwrap();
}

fn main() {
    let (store, clock, mut w) = support::workspace(utc(toronto(11, 9, 10, 0)));
    for (field, text) in [
        (SettingText::MyName, "Sam Rivera"),
        (SettingText::TargetField, "data analysis"),
        (
            SettingText::Background,
            "a policy graduate moving into data",
        ),
    ] {
        w.type_text(&TextTarget::Setting(field), text).unwrap();
    }

    let ana = person(&mut w, "Ana Silva", "Data analyst", "City of Toronto", None);
    let ben = person(
        &mut w,
        "Ben Okafor",
        "Product manager",
        "Shopify",
        Some(&ana),
    );
    let chloe = person(
        &mut w,
        "Chloé Tremblay",
        "UX researcher",
        "Desjardins",
        None,
    );
    let farah = person(
        &mut w,
        "Farah Haddad",
        "Policy analyst",
        "Statistics Canada",
        Some(&ana),
    );
    person(
        &mut w,
        "Dev Patel",
        "Data engineer",
        "Wealthsimple",
        Some(&ben),
    );

    // Farah, then Ben: chats that happened, with notes and a thank-you due.
    for (who, asked_on, met_on, note) in [
        (
            &farah,
            (11, 10),
            (11, 17),
            "Open data team hires from the co-op program; look at the census tables.",
        ),
        (
            &ben,
            (11, 23),
            (11, 30),
            "Learn SQL window functions; the analytics guild meets on Thursdays.",
        ),
    ] {
        clock.set(utc(toronto(asked_on.0, asked_on.1, 9, 0)));
        let chat = chat_with_questions(&mut w, who, "How analysts work with product teams");
        w.move_chat(&chat, Stage::Asked).unwrap();
        clock.advance(TimeDelta::days(2));
        let meeting = toronto(met_on.0, met_on.1, 8, 30);
        book(&mut w, &chat, meeting, "Union Station food court");
        clock.set(utc(meeting));
        w.timer_action(&chat, TimerAction::Start).unwrap();
        for index in 0..3 {
            w.toggle_asked(&chat, index).unwrap();
        }
        w.type_text(&TextTarget::Chat(chat.clone(), ChatText::NoteDraft), note)
            .unwrap();
        w.add_note(&chat).unwrap();
        clock.advance(TimeDelta::minutes(11));
        w.timer_action(&chat, TimerAction::End).unwrap();
        w.move_chat(&chat, Stage::Done).unwrap();
    }

    // Chloé has not answered a request sent two weeks ago.
    clock.set(utc(toronto(11, 18, 9, 0)));
    let quiet = chat_with_questions(&mut w, &chloe, "What research looks like in a bank");
    w.move_chat(&quiet, Stage::Asked).unwrap();

    // Ana meets this morning at 09:30, at a café.
    clock.set(utc(toronto(12, 1, 9, 0)));
    let next = chat_with_questions(&mut w, &ana, "How analysts move into data roles");
    w.move_chat(&next, Stage::Asked).unwrap();
    book(
        &mut w,
        &next,
        toronto(12, 2, 9, 30),
        "Café Pamenar, Augusta Ave",
    );
    w.save();

    support::print_entries(&store);
}
