//! Writes a small, realistic job search through the app's own commands and
//! prints the localStorage entries as one JSON object: what the install
//! sheet's screenshots show (`scripts/screenshots.sh`). The app is opened
//! on Wednesday 2 December 2026 at 09:00 in Toronto; Ana's chat is booked
//! for 09:30 that morning. In French, what the person typed is French too,
//! and the chats' checklists are the French one.
//!
//! Usage: `cargo run --example sample_data [fr dist/fr.json]`, French
//! needing the built catalogue file.

mod support;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};

use coffee_chat::domain::chat::{ChatId, MeetingFormat};
use coffee_chat::domain::person::{PersonField, PersonId};
use coffee_chat::domain::prep::QuestionCategory;
use coffee_chat::domain::stage::Stage;
use coffee_chat::domain::timer::TimerAction;
use coffee_chat::i18n::{self, Lang};
use coffee_chat::state::{ChatText, SettingText, TextTarget, Workspace};

/// What the person typed, in the language of the screenshots.
struct Typed {
    questions: [&'static str; 4],
    field: &'static str,
    background: &'static str,
    /// Ana, Ben, Chloé, Farah and Dev: role and organisation.
    people: [(&'static str, &'static str); 5],
    notes: [&'static str; 2],
    goals: [&'static str; 3],
    places: [&'static str; 2],
}

const ENGLISH: Typed = Typed {
    questions: [
        "What does a typical day look like for you?",
        "How did you get into this line of work?",
        "What skills matter most in your role?",
        "Who else would be good for me to talk to?",
    ],
    field: "data analysis",
    background: "a policy graduate moving into data",
    people: [
        ("Data analyst", "City of Toronto"),
        ("Product manager", "Shopify"),
        ("UX researcher", "Desjardins"),
        ("Policy analyst", "Statistics Canada"),
        ("Data engineer", "Wealthsimple"),
    ],
    notes: [
        "Open data team hires from the co-op program; look at the census tables.",
        "Learn SQL window functions; the analytics guild meets on Thursdays.",
    ],
    goals: [
        "How analysts work with product teams",
        "What research looks like in a bank",
        "How analysts move into data roles",
    ],
    places: ["Union Station food court", "Café Pamenar, Augusta Ave"],
};

// French punctuation as the app's own French texts write it: a narrow
// no-break space before ? and ;.
const FRENCH: Typed = Typed {
    questions: [
        "À quoi ressemble une journée typique pour vous\u{202f}?",
        "Comment votre entrée dans ce métier s’est-elle faite\u{202f}?",
        "Quelles compétences comptent le plus dans votre rôle\u{202f}?",
        "À qui d’autre serait-il utile que je parle\u{202f}?",
    ],
    field: "l’analyse de données",
    background: "une formation en politiques publiques, en route vers les données",
    people: [
        ("Analyste de données", "Ville de Toronto"),
        ("Gestionnaire de produit", "Shopify"),
        ("Chercheuse UX", "Desjardins"),
        ("Analyste des politiques", "Statistique Canada"),
        ("Ingénieur de données", "Wealthsimple"),
    ],
    notes: [
        "L’équipe des données ouvertes recrute par le programme coop\u{202f}; regarder les tableaux du recensement.",
        "Apprendre les fonctions de fenêtrage SQL\u{202f}; le groupe d’analytique se réunit le jeudi.",
    ],
    goals: [
        "Comment les analystes travaillent avec les équipes produit",
        "À quoi ressemble la recherche dans une banque",
        "Comment passer de l’analyse de politiques aux données",
    ],
    places: ["Aire de restauration de la gare Union", "Café Pamenar, avenue Augusta"],
};

/// The language named on the command line; French starts the app's
/// catalogue from the built file, as the page does.
fn typed_words() -> &'static Typed {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => &ENGLISH,
        [lang, file] if lang == "fr" => {
            let catalogue = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(
                i18n::start_in(Lang::Fr, Some(&catalogue)),
                Lang::Fr,
                "{file} is not this version's French catalogue"
            );
            &FRENCH
        }
        _ => panic!("usage: sample_data [fr dist/fr.json]"),
    }
}

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
    (role, organisation): (&str, &str),
    by: Option<&PersonId>,
) -> PersonId {
    let id = w.add_person(name, by.cloned(), organisation, "").unwrap();
    w.type_text(&TextTarget::Person(id.clone(), PersonField::Role), role)
        .unwrap();
    id
}

fn chat_with_questions(w: &mut Workspace, typed: &Typed, person: &PersonId, goal: &str) -> ChatId {
    let chat = w.create_chat(person).unwrap();
    for question in typed.questions {
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
    let typed = typed_words();
    let (store, clock, mut w) = support::workspace(utc(toronto(11, 9, 10, 0)));
    for (field, text) in [
        (SettingText::MyName, "Sam Rivera"),
        (SettingText::TargetField, typed.field),
        (SettingText::Background, typed.background),
    ] {
        w.type_text(&TextTarget::Setting(field), text).unwrap();
    }

    let [ana_work, ben_work, chloe_work, farah_work, dev_work] = typed.people;
    let ana = person(&mut w, "Ana Silva", ana_work, None);
    let ben = person(&mut w, "Ben Okafor", ben_work, Some(&ana));
    let chloe = person(&mut w, "Chloé Tremblay", chloe_work, None);
    let farah = person(&mut w, "Farah Haddad", farah_work, Some(&ana));
    person(&mut w, "Dev Patel", dev_work, Some(&ben));

    // Farah, then Ben: chats that happened, with notes and a thank-you due.
    for (who, asked_on, met_on, note) in [
        (&farah, (11, 10), (11, 17), typed.notes[0]),
        (&ben, (11, 23), (11, 30), typed.notes[1]),
    ] {
        clock.set(utc(toronto(asked_on.0, asked_on.1, 9, 0)));
        let chat = chat_with_questions(&mut w, typed, who, typed.goals[0]);
        w.move_chat(&chat, Stage::Asked).unwrap();
        clock.advance(TimeDelta::days(2));
        let meeting = toronto(met_on.0, met_on.1, 8, 30);
        book(&mut w, &chat, meeting, typed.places[0]);
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
    let quiet = chat_with_questions(&mut w, typed, &chloe, typed.goals[1]);
    w.move_chat(&quiet, Stage::Asked).unwrap();

    // Ana meets this morning at 09:30, at a café.
    clock.set(utc(toronto(12, 1, 9, 0)));
    let next = chat_with_questions(&mut w, typed, &ana, typed.goals[2]);
    w.move_chat(&next, Stage::Asked).unwrap();
    book(&mut w, &next, toronto(12, 2, 9, 30), typed.places[1]);
    w.save();

    support::print_entries(&store);
}
