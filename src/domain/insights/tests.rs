//! Insights' rules on small made-up job searches: answers by question,
//! the debrief index, terms, chains, organisations and the funnel.

use chrono::TimeZone;

use super::*;
use crate::domain::chat::{Note, StageChange};
use crate::domain::prep::{ChatQuestion, QuestionCategory};

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 15, 0, 0).unwrap()
}

fn utc_date(at: DateTime<Utc>) -> NaiveDate {
    at.date_naive()
}

fn person(id: &str, name: &str) -> Person {
    Person::new(PersonId(id.into()), name, at(1)).unwrap()
}

fn introduced(id: &str, name: &str, by: &str) -> Person {
    let mut p = person(id, name);
    p.introduced_by = Some(PersonId(by.into()));
    p
}

fn chat(id: &str, person: &str, stages: &[(Stage, u32)]) -> Chat {
    let mut chat = Chat::new(ChatId(id.into()), PersonId(person.into()), at(1), &[]);
    chat.history
        .extend(stages.iter().map(|(stage, day)| StageChange {
            stage: *stage,
            at: at(*day),
        }));
    chat
}

fn done(id: &str, person: &str, day: u32) -> Chat {
    chat(
        id,
        person,
        &[(Stage::Asked, 2), (Stage::Booked, 3), (Stage::Done, day)],
    )
}

fn ask(chat: &mut Chat, text: &str, asked: bool, answer: &str) {
    chat.questions.push(ChatQuestion {
        id: format!("q{}", chat.questions.len()),
        category: QuestionCategory::Own,
        text: text.into(),
        asked,
        answer: answer.into(),
    });
}

fn note(chat: &mut Chat, text: &str) {
    chat.notes.push(Note {
        id: format!("n{}", chat.notes.len()),
        created_at: at(10),
        offset_ms: None,
        text: text.into(),
    });
}

#[test]
fn a_question_asked_of_two_people_shows_both_answers_whatever_the_case_accents_or_punctuation() {
    let people = [person("a", "Ana"), person("b", "Ben"), person("c", "Chloé")];
    let mut ana = done("1", "a", 12);
    ask(
        &mut ana,
        "What does a typical day look like?",
        true,
        "Meetings, then data.",
    );
    ask(&mut ana, "How did you start?", true, "By accident");
    ask(&mut ana, "Which courses helped?", false, "");
    let mut ben = done("2", "b", 10);
    ask(&mut ben, "  what does a TYPICAL day look like ", true, "");
    ask(&mut ben, "How did you start?", false, "");
    let mut ana_again = done("3", "a", 20);
    ask(&mut ana_again, "How did you start?", true, "Same story");
    ask(&mut ana_again, "   ", true, "blank questions are skipped");
    let mut chloe = chat("4", "c", &[(Stage::Booked, 5)]);
    ask(&mut chloe, "Which courses helped?", false, "");
    ask(&mut chloe, "Any regrets?", false, "");

    let (shared, unasked) = by_question(&people, &[ana, ben, ana_again, chloe]);
    assert_eq!(shared.len(), 1, "one person asked twice is not two people");
    let day = &shared[0];
    assert_eq!(day.text, "What does a typical day look like?");
    let rows: Vec<(&str, &str)> = day
        .answers
        .iter()
        .map(|a| (a.speaker.name.as_str(), a.answer.as_str()))
        .collect();
    assert_eq!(
        rows,
        [("Ben", ""), ("Ana", "Meetings, then data.")],
        "oldest first"
    );
    assert_eq!(day.answers[1].speaker.chat_id, ChatId("1".into()));
    assert_eq!(day.answers[1].speaker.met, Some(at(12)));
    // Planned in a finished chat and never asked anywhere; a chat still to
    // come does not count, and a question asked elsewhere is not "never".
    assert_eq!(
        unasked,
        [UnaskedQuestion {
            text: "Which courses helped?".into(),
            planned_for: vec!["Ana".into()],
        }]
    );
}

#[test]
fn shared_questions_come_most_people_first_then_in_the_order_of_their_words() {
    let people = [person("a", "Ana"), person("b", "Ben"), person("c", "Chloé")];
    let mut chats = Vec::new();
    for (id, who, questions) in [
        (
            "1",
            "a",
            &["Zoos or offices?", "Beta days?", "Alpha days?"][..],
        ),
        (
            "2",
            "b",
            &["zoos or offices", "Alpha days?", "Beta days?"][..],
        ),
        ("3", "c", &["Zoos or offices?"][..]),
    ] {
        let mut chat = done(id, who, 10);
        for text in questions {
            ask(&mut chat, text, true, "");
        }
        chats.push(chat);
    }
    let (shared, _) = by_question(&people, &chats);
    let order: Vec<(&str, usize)> = shared
        .iter()
        .map(|q| (q.text.as_str(), q.answers.len()))
        .collect();
    assert_eq!(
        order,
        [
            ("Zoos or offices?", 3),
            ("Alpha days?", 2),
            ("Beta days?", 2)
        ],
        "worded as first met"
    );
}

#[test]
fn prepare_knows_what_was_already_asked_of_this_person() {
    let mut first = done("1", "a", 12);
    ask(&mut first, "How did you start?", true, "");
    ask(&mut first, "Any regrets?", false, "");
    let mut other = done("2", "b", 12);
    ask(&mut other, "Who else should I meet?", true, "");
    let current = chat("3", "a", &[]);
    let asked = asked_of_person(
        &PersonId("a".into()),
        &ChatId("3".into()),
        &[first, other, current],
    );
    assert_eq!(asked.len(), 1);
    assert_eq!(
        asked.get(&question_key("how did you START")),
        Some(&Some(at(12)))
    );
}

fn debrief_people() -> Vec<Person> {
    let mut ana = person("a", "Ana Silva");
    ana.organisation = "Shopify".into();
    ana.field = "Data".into();
    ana.tags = vec!["mentor".into()];
    let mut ben = person("b", "Ben Okafor");
    ben.organisation = "shopify ".into();
    ben.field = "Design".into();
    let mut chloe = person("c", "Chloé Roy");
    chloe.organisation = "Wealthsimple".into();
    chloe.tags = vec!["Mentor".into(), "alumni".into()];
    vec![ana, ben, chloe]
}

fn debrief_chats() -> Vec<Chat> {
    let mut ana = done("1", "a", 10);
    ana.takeaways = "Learn SQL first".into();
    ana.advice = "Rewrite the résumé around projects".into();
    let mut ben = done("2", "b", 20);
    ben.advice = "Join the design meetup".into();
    let mut chloe = done("3", "c", 15);
    chloe.takeaways = "  ".into();
    let mut booked = chat("4", "c", &[(Stage::Booked, 4)]);
    booked.takeaways = "Not met yet, not a debrief".into();
    vec![ana, ben, chloe, booked]
}

#[test]
fn debriefs_are_newest_first_and_filter_by_organisation_field_tag_and_search() {
    let (people, chats) = (debrief_people(), debrief_chats());
    let names = |filter: DebriefFilter| -> Vec<String> {
        debriefs(&people, &chats, &filter)
            .into_iter()
            .map(|d| d.speaker.name)
            .collect()
    };
    assert_eq!(names(DebriefFilter::default()), ["Ben Okafor", "Ana Silva"]);
    let by_organisation = DebriefFilter {
        organisation: "SHOPIFY".into(),
        ..DebriefFilter::default()
    };
    assert_eq!(names(by_organisation), ["Ben Okafor", "Ana Silva"]);
    let by_field = DebriefFilter {
        field: "data".into(),
        ..DebriefFilter::default()
    };
    assert_eq!(names(by_field), ["Ana Silva"]);
    let by_tag = DebriefFilter {
        tag: "Mentor".into(),
        ..DebriefFilter::default()
    };
    assert_eq!(names(by_tag), ["Ana Silva"]);
    let accent_free = DebriefFilter {
        query: "RESUME projects".into(),
        ..DebriefFilter::default()
    };
    assert_eq!(names(accent_free), ["Ana Silva"]);
    let nothing = DebriefFilter {
        query: "kubernetes".into(),
        ..DebriefFilter::default()
    };
    assert!(names(nothing).is_empty());

    let choices = debrief_choices(&people, &chats);
    assert_eq!(choices.organisations, ["Shopify"]);
    assert_eq!(choices.fields, ["Data", "Design"]);
    assert_eq!(choices.tags, ["mentor"], "Chloé has no debrief yet");
}

#[test]
fn a_filter_choice_spelled_two_ways_is_offered_once_as_first_written() {
    let mut people = debrief_people();
    people[0].organisation = "Hydro-Québec".into();
    people[1].organisation = " hydro-quebec ".into();
    people[2].organisation = "Acme".into();
    let mut chats = debrief_chats();
    chats[2].takeaways = "Now written".into();
    let choices = debrief_choices(&people, &chats);
    assert_eq!(choices.organisations, ["Acme", "Hydro-Québec"]);
    let hydro = DebriefFilter {
        organisation: "HYDRO-QUEBEC".into(),
        ..DebriefFilter::default()
    };
    assert_eq!(debriefs(&people, &chats, &hydro).len(), 2);
}

fn term_names(terms: &[RecurringTerm]) -> Vec<(&str, Vec<&str>)> {
    terms
        .iter()
        .map(|t| {
            (
                t.term.as_str(),
                t.people.iter().map(String::as_str).collect(),
            )
        })
        .collect()
}

#[test]
fn french_notes_count_their_words_not_their_articles() {
    let people = [person("a", "Ana"), person("b", "Ben")];
    let mut ana = done("1", "a", 10);
    note(
        &mut ana,
        "Les réseaux de mentorat sont très utiles pour les nouveaux arrivants.",
    );
    let mut ben = done("2", "b", 12);
    ben.advice =
        "Cherchez un réseau de mentorat dans votre quartier, avec des nouveaux arrivants.".into();
    let terms = recurring_terms(&people, &[ana, ben], TERMS_SHOWN);
    let found: Vec<&str> = term_names(&terms)
        .into_iter()
        .map(|(term, _)| term)
        .collect();
    for stop in [
        "les", "des", "pour", "dans", "avec", "votre", "sont", "tres",
    ] {
        assert!(
            !found.iter().any(|t| t.split(' ').any(|w| fold(w) == stop)),
            "{stop} in {found:?}"
        );
    }
    assert!(found.contains(&"mentorat"), "{found:?}");
    // « réseaux » and « réseau » are one word, said by two people.
    let network = terms.iter().find(|t| fold(&t.term).starts_with("reseau"));
    assert_eq!(network.map(|t| t.people.len()), Some(2), "{found:?}");
}

#[test]
fn recurring_terms_need_two_people_and_fold_case_accents_and_plurals() {
    let people = [person("a", "Ana"), person("b", "Ben"), person("c", "Chloé")];
    let mut ana = done("1", "a", 10);
    note(
        &mut ana,
        "Networking matters more than the résumé. Mentorship helped her.",
    );
    note(&mut ana, "");
    ask(
        &mut ana,
        "Q?",
        true,
        "The UX team values data science skills",
    );
    let mut ben = done("2", "b", 12);
    ben.takeaways = "Find a mentorship program\nRESUME: keep it to one page".into();
    ben.advice = "Data science skill, and UX research".into();
    let mut chloe = done("3", "c", 14);
    // One person repeating a word is still one person.
    note(&mut chloe, "Kubernetes kubernetes KUBERNETES");
    chloe.advice = "   ".into();

    let terms = recurring_terms(&people, &[ana, ben, chloe], TERMS_SHOWN);
    let found = term_names(&terms);
    for (term, _) in &found {
        assert!(
            ![
                "the",
                "than",
                "more",
                "kubernetes",
                "data",
                "science",
                "skills"
            ]
            .contains(term),
            "{term}"
        );
    }
    let expect = [
        ("data science", vec!["Ana", "Ben"]),
        ("mentorship", vec!["Ana", "Ben"]),
        ("résumé", vec!["Ana", "Ben"]),
        ("science skills", vec!["Ana", "Ben"]),
        ("ux", vec!["Ana", "Ben"]),
    ];
    for (term, people) in &expect {
        assert!(
            found.iter().any(|(t, p)| t == term && p == people),
            "{term} missing from {found:?}"
        );
    }
    let science = terms.iter().find(|t| t.term == "data science").unwrap();
    let passages: Vec<(&str, Source, &str)> = science
        .passages
        .iter()
        .map(|p| (p.speaker.name.as_str(), p.source, p.text.as_str()))
        .collect();
    assert_eq!(
        passages,
        [
            ("Ben", Source::Advice, "Data science skill, and UX research"),
            (
                "Ana",
                Source::Answer,
                "The UX team values data science skills"
            ),
        ],
        "newest first"
    );
    assert_eq!(recurring_terms(&people, &[], TERMS_SHOWN), []);
    assert_eq!(
        recurring_terms(&people, &debrief_chats(), 1).len(),
        0,
        "different ids"
    );
}

#[test]
fn a_term_heard_hundreds_of_times_lists_only_its_latest_passages() {
    let people = [person("a", "Ana"), person("b", "Ben")];
    let chats: Vec<Chat> = (0..40)
        .map(|n| {
            let mut c = done(&format!("c{n:02}"), if n % 2 == 0 { "a" } else { "b" }, 10);
            note(&mut c, &format!("Portfolio review number {n}"));
            c
        })
        .collect();
    let terms = recurring_terms(&people, &chats, TERMS_SHOWN);
    let portfolio = terms.iter().find(|t| t.term == "portfolio review").unwrap();
    assert_eq!(portfolio.passage_count, 40);
    assert_eq!(portfolio.passages.len(), PASSAGES_SHOWN);
    assert_eq!(portfolio.passages[0].text, "Portfolio review number 39");
}

#[test]
fn plurals_of_common_words_meet_their_singular() {
    for (plural, singular_form) in [
        ("skills", "skill"),
        ("companies", "company"),
        ("classes", "class"),
        ("churches", "church"),
        ("boxes", "box"),
        ("business", "business"),
        ("analytics", "analytics"),
        ("news", "news"),
        ("status", "status"),
        ("analysis", "analysis"),
        ("bus", "bus"),
    ] {
        assert_eq!(singular(plural), singular_form);
    }
}

#[test]
fn referral_chains_follow_introductions_and_survive_a_loop() {
    let people = [
        person("a", "Ana"),
        introduced("b", "Ben", "a"),
        introduced("c", "Chloé", "b"),
        introduced("d", "Dev", "a"),
        introduced("x", "Xia", "y"),
        introduced("y", "Yusuf", "x"),
        introduced("z", "Zoe", "missing"),
        person("e", "Eve"),
    ];
    let chats = [done("1", "b", 10), chat("2", "c", &[(Stage::Asked, 3)])];
    let chains: Vec<Vec<String>> = referral_chains(&people, &chats)
        .iter()
        .map(|chain| chain.iter().map(|c| c.name.clone()).collect())
        .collect();
    assert_eq!(
        chains,
        [
            vec!["Ana", "Ben", "Chloé"],
            vec!["Ana", "Dev"],
            vec!["Xia", "Yusuf"],
        ]
    );
    let stages: Vec<Stage> = referral_chains(&people, &chats)[0]
        .iter()
        .map(|c| c.stage)
        .collect();
    assert_eq!(stages, [Stage::Idea, Stage::Done, Stage::Asked]);

    let list = introducers(&people, &chats);
    assert_eq!(list[0].person.name, "Ana");
    assert_eq!(list[0].introduced.len(), 2);
    assert_eq!((list[0].became_chats, list[0].met), (1, 1));
    assert_eq!(
        introduction_summary(&list[0]),
        "Ana introduced 2 people: 1 became a chat, 1 met."
    );
    assert_eq!(list.len(), 4, "Ana, Ben, Xia and Yusuf");
}

#[test]
fn organisations_show_who_is_there_and_whether_anyone_has_said_yes() {
    let mut people = vec![
        person("a", "Ana"),
        person("b", "Ben"),
        person("c", "Chloé"),
        person("d", "Dev"),
        person("e", "Eve"),
    ];
    let organisations_of = ["Shopify", "shopify", "Wealthsimple", "Télus", "telus"];
    for (p, o) in people.iter_mut().zip(organisations_of) {
        p.organisation = o.into();
    }
    let chats = [
        done("1", "a", 10),
        chat("2", "b", &[(Stage::Asked, 3)]),
        chat("3", "c", &[(Stage::Asked, 3), (Stage::Declined, 5)]),
        chat("4", "d", &[(Stage::Asked, 3)]),
    ];
    let list = organisations(&people, &chats);
    let summary: Vec<(&str, usize, Standing)> = list
        .iter()
        .map(|o| (o.name.as_str(), o.people.len(), o.standing))
        .collect();
    assert_eq!(
        summary,
        [
            ("Shopify", 2, Standing::Met),
            ("Télus", 2, Standing::Waiting),
            ("Wealthsimple", 1, Standing::NoAnswer),
        ]
    );
}

#[test]
fn the_funnel_counts_each_step_the_replies_and_the_median_wait_in_business_days() {
    let chats = [
        // Asked Monday 2, booked Thursday 5: 3 business days.
        chat(
            "1",
            "a",
            &[(Stage::Asked, 2), (Stage::Booked, 5), (Stage::Done, 9)],
        ),
        // Asked Friday 6, booked Monday 9: 1 business day.
        chat("2", "b", &[(Stage::Asked, 6), (Stage::Booked, 9)]),
        chat("3", "c", &[(Stage::Asked, 2), (Stage::Declined, 4)]),
        chat("4", "d", &[(Stage::Asked, 2), (Stage::NoReply, 16)]),
        chat("5", "e", &[]),
    ];
    let f = funnel(&chats, &utc_date);
    assert_eq!((f.asked, f.booked, f.done, f.replied), (4, 2, 1, 3));
    assert_eq!(f.reply_rate(), Some(75));
    assert_eq!(f.median_days_to_book, Some(2.0));
    assert_eq!(business_days(2.0), "2 business days");
    assert_eq!(business_days(2.5), "2.5 business days");
    assert_eq!(business_days(1.0), "1 business day");
    let empty = funnel(&[], &utc_date);
    assert_eq!(
        (empty.reply_rate(), empty.median_days_to_book),
        (None, None)
    );
}

#[test]
fn the_export_holds_only_the_chosen_sections_in_markdown_or_plain_text() {
    let (people, chats) = (debrief_people(), debrief_chats());
    let all = debriefs(&people, &chats, &DebriefFilter::default());
    let terms = recurring_terms(&people, &chats, TERMS_SHOWN);
    let markdown = export(
        &people,
        &chats,
        &all,
        &terms,
        &[Section::Debriefs],
        true,
        &utc_date,
    );
    assert!(markdown.starts_with("# Coffee Chat insights\n\n## Takeaways and advice\n"));
    assert!(markdown
        .contains("### Ben Okafor (shopify), Fri 20 Nov 2026\n- Advice: Join the design meetup\n"));
    assert!(markdown.contains("- Advice: Rewrite the résumé around projects"));
    assert!(!markdown.contains("Your network"));

    let plain = export(
        &people,
        &chats,
        &all,
        &terms,
        &Section::ALL,
        false,
        &utc_date,
    );
    assert!(plain.starts_with(
        "Coffee Chat insights\n====================\n\nQuestions asked of several people\n---"
    ));
    assert!(!plain.contains('#'));
    assert!(plain.contains("No question has been asked of two people yet."));
    assert!(plain.contains(
        "Asked 3, booked 4, done 3. 100% replied. Median 1 business day from asking to booking."
    ));
    assert!(
        plain.contains("- Shopify: You have met someone here (Ana Silva: Done, Ben Okafor: Done)")
    );
}

#[test]
fn a_term_said_by_many_names_three_and_counts_the_others() {
    let names = |n: usize| -> Vec<String> { (1..=n).map(|i| format!("P{i}")).collect() };
    assert_eq!(speakers_line(&names(0)), "");
    assert_eq!(speakers_line(&names(2)), "P1, P2");
    assert_eq!(speakers_line(&names(4)), "P1, P2, P3, P4");
    assert_eq!(speakers_line(&names(5)), "P1, P2, P3 and 2 others");
    assert_eq!(speakers_line(&names(300)), "P1, P2, P3 and 297 others");
}
