//! Writes a year of made-up but realistic data through the app's own
//! commands and storage, then prints the resulting localStorage entries as
//! one JSON object, for the scale benchmark (`scripts/bench-scale.sh`).
//!
//! Usage: `cargo run --release --example scale_data -- PEOPLE CHATS NOTES
//! [TARGETS]`.
//! The same arguments always give the same bytes.

mod support;

use chrono::{TimeDelta, TimeZone, Utc};

use coffee_chat::domain::chat::{ChatId, MeetingFormat};
use coffee_chat::domain::person::{PersonField, PersonId};
use coffee_chat::domain::prep::{built_in_questions, QuestionCategory};
use coffee_chat::domain::stage::Stage;
use coffee_chat::domain::targets::{Score, TargetField};
use coffee_chat::domain::timer::TimerAction;
use coffee_chat::state::{ChatText, Clock, TextTarget};

/// A small fixed-seed generator: the data must not change between runs.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: [&str; 20] = [
    "Ana", "Ben", "Chloé", "Dev", "Eve", "Farah", "Gabriel", "Hana", "Ivan", "Jia", "Kofi", "Léa",
    "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tariq",
];
const LAST: [&str; 25] = [
    "Silva", "Okafor", "Roy", "Patel", "Tran", "Nguyen", "Tremblay", "Gagnon", "Singh", "Chen",
    "Martin", "Kim", "Haddad", "Rossi", "Kowalski", "Mensah", "Dubois", "Cohen", "Ali", "Park",
    "Lopez", "Fraser", "Bouchard", "Ibrahim", "Sato",
];
const ORGANISATIONS: [&str; 12] = [
    "Shopify",
    "City of Toronto",
    "Wealthsimple",
    "TELUS",
    "Hydro-Québec",
    "CBC",
    "Ontario Health",
    "RBC",
    "Desjardins",
    "University of Ottawa",
    "Statistics Canada",
    "Ubisoft Montréal",
];
const FIELDS: [&str; 5] = ["Data", "Design", "Policy", "Engineering", "Marketing"];
const TAGS: [&str; 6] = [
    "mentor",
    "alumni",
    "hiring manager",
    "newcomer",
    "meetup",
    "warm",
];
const TOPICS: [&str; 16] = [
    "SQL",
    "data science",
    "stakeholder management",
    "user research",
    "mentorship",
    "open data meetup",
    "a portfolio",
    "Canadian experience",
    "networking",
    "public policy",
    "the certification exam",
    "volunteering",
    "Python",
    "product thinking",
    "the hiring freeze",
    "remote work",
];
const OPENERS: [&str; 8] = [
    "Spends most mornings on",
    "Strongly recommends",
    "Worries about",
    "Learned the hard way about",
    "Suggests starting with",
    "Team is investing in",
    "Thinks newcomers underrate",
    "Mentioned twice",
];

fn sentence(dice: &mut Dice) -> String {
    format!("{} {}.", dice.pick(&OPENERS), dice.pick(&TOPICS))
}

fn main() {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("PEOPLE CHATS NOTES as whole numbers"))
        .collect();
    let (people, chats, notes, targets) = match numbers[..] {
        [people, chats, notes] => (people, chats, notes, 0),
        [people, chats, notes, targets] => (people, chats, notes, targets),
        _ => panic!("usage: scale_data PEOPLE CHATS NOTES [TARGETS]"),
    };
    let start = Utc.with_ymd_and_hms(2025, 11, 1, 14, 0, 0).unwrap();
    let (store, clock, mut w) = support::workspace(start);
    let mut dice = Dice(2026);
    let bank = built_in_questions();

    let mut person_ids: Vec<PersonId> = Vec::with_capacity(people);
    for n in 0..people {
        let name = format!(
            "{} {} {n}",
            FIRST[n % FIRST.len()],
            LAST[(n / 3) % LAST.len()]
        );
        let introduced_by =
            (n > 5 && dice.below(3) == 0).then(|| person_ids[dice.below(person_ids.len())].clone());
        let organisation = dice.pick(&ORGANISATIONS);
        let id = w
            .add_person(&name, introduced_by, organisation, "")
            .unwrap();
        for (field, text) in [
            (PersonField::Role, "Analyst".to_string()),
            (PersonField::Field, dice.pick(&FIELDS).to_string()),
            (PersonField::Tags, dice.pick(&TAGS).to_string()),
            (PersonField::Notes, sentence(&mut dice)),
        ] {
            w.type_text(&TextTarget::Person(id.clone(), field), &text)
                .unwrap();
        }
        person_ids.push(id);
    }
    w.save();

    // Done chats share the notes; six in ten chats are done.
    let done_chats = (0..chats).filter(|i| i % 10 < 6).count().max(1);
    let mut done_so_far = 0;
    for i in 0..chats {
        let day = TimeDelta::minutes((i as i64 * 365 * 24 * 60) / chats.max(1) as i64);
        clock.set(start + day);
        let person = person_ids[i % person_ids.len().max(1)].clone();
        let chat: ChatId = w.create_chat(&person).unwrap();
        for k in 0..5 {
            let question = &bank[(i * 7 + k * 11) % bank.len()];
            w.add_question(&chat, QuestionCategory::Own, &question.text, false)
                .unwrap();
        }
        let text = |field| TextTarget::Chat(chat.clone(), field);
        w.type_text(&text(ChatText::Goal), &sentence(&mut dice))
            .unwrap();
        let path: &[Stage] = match i % 10 {
            0..=5 => &[Stage::Asked, Stage::Booked, Stage::Done],
            6 => &[Stage::Asked, Stage::Declined],
            7 => &[Stage::Asked, Stage::NoReply],
            8 => &[Stage::Asked, Stage::Booked],
            _ => &[],
        };
        for stage in path {
            clock.advance(TimeDelta::days(1 + dice.below(4) as i64));
            if *stage == Stage::Booked {
                let at = clock.now().naive_utc() + TimeDelta::days(3);
                w.set_start(&chat, Some(at)).unwrap();
                w.set_format(&chat, Some(MeetingFormat::InPerson)).unwrap();
                w.type_text(&text(ChatText::Place), "Café on Queen St")
                    .unwrap();
            }
            if *stage == Stage::Done {
                w.timer_action(&chat, TimerAction::Start).unwrap();
                for k in 0..3 {
                    w.toggle_asked(&chat, k).unwrap();
                    let id = w
                        .data()
                        .chats
                        .iter()
                        .find(|c| c.id == chat)
                        .unwrap()
                        .questions[k]
                        .id
                        .clone();
                    w.type_text(&text(ChatText::Answer(id)), &sentence(&mut dice))
                        .unwrap();
                }
                let share = notes / done_chats + usize::from(done_so_far < notes % done_chats);
                done_so_far += 1;
                for _ in 0..share {
                    w.type_text(&text(ChatText::NoteDraft), &sentence(&mut dice))
                        .unwrap();
                    w.add_note(&chat).unwrap();
                }
                w.timer_action(&chat, TimerAction::End).unwrap();
                w.type_text(&text(ChatText::Takeaways), &sentence(&mut dice))
                    .unwrap();
                w.type_text(&text(ChatText::Advice), &sentence(&mut dice))
                    .unwrap();
            }
            w.move_chat(&chat, *stage).unwrap();
        }
        w.save();
    }

    // The organisations people work at first, so that targets have people.
    for n in 0..targets {
        let name = match ORGANISATIONS.get(n) {
            Some(name) => (*name).to_string(),
            None => format!("Organisation {n}"),
        };
        let id = w.add_target(&name).unwrap();
        for score in [Score::Motivation, Score::Postings] {
            w.set_target_score(&id, score, dice.below(4) as u8).unwrap();
        }
        w.type_text(
            &TextTarget::Target(id, TargetField::Notes),
            &sentence(&mut dice),
        )
        .unwrap();
    }
    w.save();

    support::print_entries(&store);
}
