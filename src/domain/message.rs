//! Message drafts, filled from the Person, the referrer, the user's settings
//! and the Chat. Casual by default; the words "informational interview" are
//! an option, since some readers find them formal.

use super::chat::Chat;
use super::linter::first_name;
use super::person::Person;
use super::settings::Settings;
use super::words::percent_encode;
use crate::i18n::{fill, lang, t, Lang};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub subject: String,
    pub body: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wording {
    pub say_informational_interview: bool,
}

fn greeting(person: &Person) -> String {
    fill(
        t().message_greeting(),
        &[("name", &first_name(&person.name))],
    )
}

/// What they do, as precisely as the list knows it: "your work as an
/// analyst at Hydro", or, with `name`, "Ben's work…" when writing to
/// someone else about them.
fn work_of(person: &Person, name: Option<&str>) -> String {
    let texts = t();
    let text = match (person.role.trim(), person.organisation.trim(), name) {
        ("", "", None) => texts.message_your_work(),
        (_, "", None) => texts.message_your_work_as(),
        ("", _, None) => texts.message_your_work_at(),
        (_, _, None) => texts.message_your_work_as_at(),
        ("", "", Some(_)) => texts.message_their_work(),
        (_, "", Some(_)) => texts.message_their_work_as(),
        ("", _, Some(_)) => texts.message_their_work_at(),
        (_, _, Some(_)) => texts.message_their_work_as_at(),
    };
    fill(
        text,
        &[
            ("name", &name.unwrap_or_default()),
            ("role", &role_phrase(person.role.trim())),
            ("organisation", &person.organisation.trim()),
        ],
    )
}

/// The role as it follows "work": "an analyst" in English, "d'analyste"
/// or "de designer" in French.
fn role_phrase(role: &str) -> String {
    let starts_with_vowel = role
        .chars()
        .next()
        .is_some_and(|c| "aeiouhAEIOUHéÉèÈêÊàÀâÂîÎôÔûÛ".contains(c));
    match lang() {
        Lang::En if starts_with_vowel && !role.starts_with(['h', 'H']) => format!("an {role}"),
        Lang::En => format!("a {role}"),
        Lang::Fr if starts_with_vowel => format!("d’{role}"),
        Lang::Fr => format!("de {role}"),
    }
}

fn the_ask(length_minutes: u32, wording: Wording) -> String {
    let text = if wording.say_informational_interview {
        t().message_ask_informational()
    } else {
        t().message_ask_casual()
    };
    fill(text, &[("minutes", &length_minutes)])
}

fn closing(settings: &Settings) -> String {
    let sign_off = settings.sign_off();
    if sign_off.is_empty() {
        t().message_closing().into()
    } else {
        fill(t().message_closing_signed(), &[("sign_off", &sign_off)])
    }
}

/// The first request for a chat: warm when someone on the list referred us
/// (their name comes first), cold otherwise (how we know of them comes
/// first).
pub fn outreach_request(
    person: &Person,
    referrer: Option<&Person>,
    settings: &Settings,
    length_minutes: u32,
    wording: Wording,
    why_them: &str,
) -> Draft {
    let field = settings.target_field.trim();
    let background = settings.background.trim().trim_end_matches(['.', '!']);
    let why = why_them.trim().trim_end_matches(['.', '!']);
    let why = t()
        .message_why_prefixes()
        .split('|')
        .find_map(|prefix| why.strip_prefix(prefix))
        .unwrap_or(why);
    let work = work_of(person, None);
    let connection = person.connection.trim();
    // Who I am, why you, what I ask: one line each keeps it under 75 words.
    let who = match (background.is_empty(), field.is_empty()) {
        (true, _) => String::new(),
        (false, true) => fill(t().message_about_me(), &[("background", &background)]),
        (false, false) => fill(
            t().message_about_me_field(),
            &[("background", &background), ("field", &field)],
        ),
    };
    let interest = if !who.is_empty() {
        String::new()
    } else if field.is_empty() {
        t().message_interest_work().to_string()
    } else {
        fill(t().message_interest_field(), &[("field", &field)])
    };
    let why_line = if why.is_empty() {
        String::new()
    } else {
        fill(t().message_why_line(), &[("why", &why)])
    };
    let texts = t();
    let values: [(&str, &dyn std::fmt::Display); 5] = [
        ("why_line", &why_line),
        ("why", &why),
        ("work", &work),
        ("interest", &interest),
        ("connection", &connection),
    ];
    let (subject, opening) = match referrer {
        Some(referrer) => (
            fill(
                texts.message_subject_referred(),
                &[("name", &first_name(&referrer.name))],
            ),
            fill(
                texts.message_opening_referred(),
                &[values.as_slice(), &[("name", &referrer.name)]].concat(),
            ),
        ),
        None if !connection.is_empty() => (
            texts.message_subject_question().to_string(),
            fill(texts.message_opening_connected(), &values),
        ),
        None if !why.is_empty() => (
            texts.message_subject_question().to_string(),
            fill(texts.message_opening_why(), &values),
        ),
        None => (
            texts.message_subject_question().to_string(),
            fill(texts.message_opening_cold(), &values),
        ),
    };
    let flexible = if who.is_empty() && why.is_empty() {
        texts.message_flexible()
    } else {
        ""
    };
    let body = format!(
        "{}\n\n{opening}{who}\n\n{}{flexible}\n\n{}",
        greeting(person),
        the_ask(length_minutes, wording),
        closing(settings),
    );
    Draft { subject, body }
}

/// The one follow-up, sent 7 business days after a request with no reply.
pub fn follow_up_request(person: &Person, settings: &Settings, length_minutes: u32) -> Draft {
    let body = fill(
        t().message_follow_up_body(),
        &[
            ("greeting", &greeting(person)),
            ("minutes", &length_minutes),
            ("closing", &closing(settings)),
        ],
    );
    Draft {
        subject: t().message_follow_up_subject().into(),
        body,
    }
}

/// To the contact who knows them both: asks whether they would connect
/// us, makes it easy (a note they can forward) and easy to decline.
pub fn introduction_request(person: &Person, contact: &Person, settings: &Settings) -> Draft {
    let name = first_name(&person.name);
    let field = settings.target_field.trim();
    let purpose = if field.is_empty() {
        String::new()
    } else {
        fill(t().message_as_i_explore(), &[("field", &field)])
    };
    let work = work_of(person, Some(person.name.trim()));
    let body = fill(
        t().message_introduction_body(),
        &[
            ("greeting", &greeting(contact)),
            ("work", &work),
            ("purpose", &purpose),
            ("closing", &closing(settings)),
        ],
    );
    Draft {
        subject: fill(t().message_introduction_subject(), &[("name", &name)]),
        body,
    }
}

/// They said yes: thanks, then the day, the place and the format are theirs
/// to choose, a call as welcome as a coffee.
pub fn booking_reply(person: &Person, settings: &Settings, length_minutes: u32) -> Draft {
    let body = fill(
        t().message_booking_body(),
        &[
            ("greeting", &greeting(person)),
            ("minutes", &length_minutes),
            ("closing", &closing(settings)),
        ],
    );
    Draft {
        subject: t().message_booking_subject().into(),
        body,
    }
}

/// The questions a written version asks when the chat has none planned:
/// three from the bank.
pub fn questions_by_email_defaults() -> [&'static str; 3] {
    let texts = t();
    [
        texts.bank_day_to_day_1(),
        texts.bank_advice_2(),
        texts.bank_resources_5(),
    ]
}
/// A busy person answers three questions; ten would be another meeting.
pub const QUESTIONS_BY_EMAIL_MAX: usize = 3;

/// For someone too busy to meet: the same curiosity, answered in writing
/// when it suits them. Asks the chat's planned questions not yet asked.
pub fn questions_by_email(person: &Person, settings: &Settings, chat: &Chat) -> Draft {
    let planned: Vec<&str> = chat
        .questions
        .iter()
        .filter(|q| !q.asked && !q.text.trim().is_empty())
        .map(|q| q.text.trim())
        .take(QUESTIONS_BY_EMAIL_MAX)
        .collect();
    let questions = if planned.is_empty() {
        questions_by_email_defaults().to_vec()
    } else {
        planned
    };
    let numbered: Vec<String> = questions
        .iter()
        .enumerate()
        .map(|(n, q)| format!("{}. {q}", n + 1))
        .collect();
    let field = settings.target_field.trim();
    let purpose = if field.is_empty() {
        t().message_the_work().to_string()
    } else {
        field.to_string()
    };
    let body = fill(
        t().message_questions_body(),
        &[
            ("greeting", &greeting(person)),
            ("n", &questions.len()),
            ("questions", &numbered.join("\n")),
            ("purpose", &purpose),
            ("closing", &closing(settings)),
        ],
    );
    Draft {
        subject: t().message_questions_subject().into(),
        body,
    }
}

fn signed(settings: &Settings, text: String) -> String {
    let sign_off = settings.sign_off();
    if sign_off.is_empty() {
        text
    } else {
        format!("{text}\n\n{sign_off}")
    }
}

/// What a thank-you may recall: the lines of the debrief's takeaways and
/// advice, the parts written to be acted on. Meeting notes stay private:
/// "seems burnt out" must never reach their inbox by default.
pub fn thank_you_choices(chat: &Chat) -> Vec<String> {
    chat.takeaways
        .lines()
        .chain(chat.advice.lines())
        .map(|line| {
            line.trim()
                .trim_start_matches(['-', '•', '*'])
                .trim()
                .to_string()
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// The thank-you, within a day of the chat: names them, recalls one thing
/// they said (the user picks which), and offers help back.
pub fn thank_you(person: &Person, settings: &Settings, takeaway: Option<&str>) -> Draft {
    let recalled = match takeaway.map(str::trim).filter(|t| !t.is_empty()) {
        Some(takeaway) => {
            let takeaway = takeaway.trim_end_matches(['.', '!']);
            fill(t().message_thanks_recalled(), &[("takeaway", &takeaway)])
        }
        None => t().message_thanks_general().to_string(),
    };
    Draft {
        subject: t().message_thanks_subject().into(),
        body: signed(
            settings,
            fill(
                t().message_thanks_body(),
                &[("greeting", &greeting(person)), ("recalled", &recalled)],
            ),
        ),
    }
}

/// "I took your advice": a short update weeks later.
pub fn advice_update(person: &Person, settings: &Settings, advice: &str) -> Draft {
    let advice = advice.trim().trim_end_matches(['.', '!']);
    let did = if advice.is_empty() {
        t().message_update_general().to_string()
    } else {
        fill(t().message_update_advice(), &[("advice", &advice)])
    };
    Draft {
        subject: t().message_update_subject().into(),
        body: signed(
            settings,
            fill(
                t().message_update_body(),
                &[("greeting", &greeting(person)), ("did", &did)],
            ),
        ),
    }
}

/// A note months later, so the connection does not fade.
pub fn keep_in_touch(person: &Person, settings: &Settings, news: Option<&str>) -> Draft {
    let news = match news.map(str::trim).filter(|n| !n.is_empty()) {
        Some(news) => fill(
            t().message_news(),
            &[("news", &news.trim_end_matches(['.', '!']))],
        ),
        None => t().message_no_news().to_string(),
    };
    Draft {
        subject: t().message_keep_in_touch_subject().into(),
        body: signed(
            settings,
            fill(
                t().message_keep_in_touch_body(),
                &[("greeting", &greeting(person)), ("news", &news)],
            ),
        ),
    }
}

/// After a no: asks, kindly, whether someone else might talk.
pub fn ask_for_referral(person: &Person, settings: &Settings) -> Draft {
    Draft {
        subject: t().message_referral_subject().into(),
        body: signed(
            settings,
            fill(
                t().message_referral_body(),
                &[("greeting", &greeting(person))],
            ),
        ),
    }
}

/// A `mailto:` address with subject and body filled in (RFC 6068: every
/// byte outside the unreserved set is percent-encoded).
pub fn mailto(email: &str, draft: &Draft) -> String {
    format!(
        "mailto:{}?subject={}&body={}",
        percent_encode(email.trim()).replace("%40", "@"),
        percent_encode(&draft.subject),
        percent_encode(&draft.body.replace('\n', "\r\n")),
    )
}

/// A `mailto:` link to an address alone, encoded like [`mailto`], so that
/// an address from an old record or an import cannot add headers.
pub fn mailto_address(email: &str) -> String {
    format!(
        "mailto:{}",
        percent_encode(email.trim()).replace("%40", "@")
    )
}

/// A `tel:` link: only the digits and a leading plus survive.
pub fn tel(phone: &str) -> String {
    let mut dial: String = phone.chars().filter(char::is_ascii_digit).collect();
    if phone.trim_start().starts_with('+') {
        dial.insert(0, '+');
    }
    format!("tel:{dial}")
}

/// An http(s) address as a link, with anything outside the characters a
/// URL may carry percent-encoded; `None` for any other scheme.
pub fn web_link(address: &str) -> Option<String> {
    let address = address.trim();
    if !crate::domain::person::is_web_address(address) {
        return None;
    }
    let mut out = String::with_capacity(address.len());
    for byte in address.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chat::{ChatId, ChatMessage};
    use crate::domain::linter::{lint, LintContext};
    use crate::domain::person::PersonId;
    use crate::domain::prep::{ChatQuestion, QuestionCategory};
    use chrono::Utc;

    fn chat_with_questions(questions: &[(&str, bool)]) -> Chat {
        let mut chat = Chat::new(ChatId("c".into()), PersonId("p".into()), Utc::now(), &[]);
        chat.questions = questions
            .iter()
            .enumerate()
            .map(|(n, (text, asked))| ChatQuestion {
                id: n.to_string(),
                category: QuestionCategory::Own,
                text: (*text).into(),
                asked: *asked,
                answer: String::new(),
            })
            .collect();
        chat
    }

    fn failures(body: &str, message: ChatMessage) -> Vec<crate::domain::linter::Check> {
        let context = LintContext {
            message,
            ..LintContext::default()
        };
        lint(body, &context)
            .into_iter()
            .filter(|c| !c.passed)
            .collect()
    }

    fn person(name: &str, role: &str, organisation: &str, connection: &str) -> Person {
        let mut p = Person::new(PersonId(name.into()), name, Utc::now()).unwrap();
        p.role = role.into();
        p.organisation = organisation.into();
        p.connection = connection.into();
        p
    }

    fn settings(name: &str, field: &str) -> Settings {
        Settings {
            my_name: name.into(),
            target_field: field.into(),
            ..Settings::default()
        }
    }

    #[test]
    fn a_warm_request_names_the_referrer_first() {
        let ben = person("Ben Okafor", "urban planner", "City of Toronto", "");
        let ana = person("Ana Silva", "", "", "");
        let draft = outreach_request(
            &ben,
            Some(&ana),
            &settings("Sam Lee", "urban planning"),
            15,
            Wording::default(),
            "",
        );
        assert_eq!(draft.subject, "Ana suggested I get in touch");
        assert!(draft
            .body
            .starts_with("Hi Ben,\n\nAna Silva suggested I contact you."));
        assert!(draft
            .body
            .contains("hear about your work as an urban planner at City of Toronto"));
        assert!(draft
            .body
            .contains("understand urban planning from the inside"));
        assert!(draft.body.contains("15-minute coffee or call"));
        assert!(draft.body.ends_with("Thank you for your time,\nSam Lee"));
        assert!(!draft.body.contains("informational interview"));
    }

    #[test]
    fn a_french_request_uses_vous_and_french_grammar() {
        crate::i18n::in_french(|| {
            let ben = person("Ben Okafor", "analyste", "Hydro-Québec", "");
            let ana = person("Ana Silva", "", "", "");
            let draft = outreach_request(
                &ben,
                Some(&ana),
                &settings("Sam Lee", "l’urbanisme"),
                15,
                Wording::default(),
                "",
            );
            assert_eq!(draft.subject, "Ana m’a suggéré de vous écrire");
            assert!(draft
                .body
                .starts_with("Bonjour Ben,\n\nAna Silva m’a suggéré"));
            // The role takes "d’" before a vowel.
            assert!(draft
                .body
                .contains("votre travail d’analyste chez Hydro-Québec"));
            assert!(draft.body.contains("Auriez-vous 15 minutes"));
            assert!(draft.body.ends_with("Merci de votre temps,\nSam Lee"));
            let designer = person("Ben", "designer", "", "");
            let intro = introduction_request(&designer, &ana, &Settings::default());
            assert!(intro.body.contains("le travail de designer de Ben"));
            assert_eq!(intro.subject, "Pourriez-vous me présenter à Ben\u{202f}?");
        });
    }

    #[test]
    fn the_formal_phrase_is_an_option() {
        let ben = person("Ben", "", "", "");
        let draft = outreach_request(
            &ben,
            None,
            &Settings::default(),
            10,
            Wording {
                say_informational_interview: true,
            },
            "",
        );
        assert!(draft
            .body
            .contains("a short informational interview (10 minutes, coffee or phone)"));
    }

    #[test]
    fn every_template_passes_the_linter_whatever_is_known() {
        every_template_passes_the_linter(
            [
                (
                    "urban planner",
                    "City of Toronto",
                    "the Ryerson alumni network",
                ),
                ("analyst", "", ""),
            ],
            ["urban planning", "data science", "data analysis"],
            "a policy intern with an economics degree",
            "talk on transit data at Civic Tech",
        );
    }

    #[test]
    fn every_french_template_passes_the_linter_whatever_is_known() {
        crate::i18n::in_french(|| {
            every_template_passes_the_linter(
                [
                    (
                        "urbaniste",
                        "Ville de Montréal",
                        "le réseau des diplômés de l’UQAM",
                    ),
                    ("analyste", "", ""),
                ],
                [
                    "l’urbanisme",
                    "la science des données",
                    "l’analyse de données",
                ],
                "stagiaire en politiques publiques, diplômée en économie",
                "votre conférence sur les données de transport à Civic Tech",
            )
        });
    }

    fn every_template_passes_the_linter(
        roles: [(&str, &str, &str); 2],
        fields: [&str; 3],
        background: &str,
        why: &str,
    ) {
        let referrer = person("Ana Silva", "", "", "");
        let people = [
            person("Ben Okafor", roles[0].0, roles[0].1, roles[0].2),
            person("Ben Okafor", "", roles[0].1, ""),
            person("Ben Okafor", roles[1].0, "", ""),
            person("Ben", "", "", ""),
        ];
        let all_settings = [
            settings("Sam Lee", fields[0]),
            settings("", ""),
            Settings {
                signature: "Sam Lee\nsam@example.com".into(),
                ..settings("Sam", fields[1])
            },
            Settings {
                background: background.into(),
                ..settings("Sam Lee", fields[2])
            },
        ];
        for ben in &people {
            for s in &all_settings {
                for wording in [
                    Wording::default(),
                    Wording {
                        say_informational_interview: true,
                    },
                ] {
                    for (referrer, length) in [(Some(&referrer), 10), (None, 30)] {
                        let draft = outreach_request(ben, referrer, s, length, wording, why);
                        let context = LintContext {
                            referrer: referrer.map(|r| r.name.as_str()),
                            connection: &ben.connection,
                            message: ChatMessage::Request,
                            why_them: why,
                        };
                        let failed: Vec<_> = lint(&draft.body, &context)
                            .into_iter()
                            .filter(|c| !c.passed)
                            .collect();
                        assert!(failed.is_empty(), "{failed:?} in:\n{}", draft.body);
                    }
                }
                let long_questions = chat_with_questions(&[
                    ("How did you get from your first job in policy to leading this data team?", false),
                    ("Which skills do you use every day that no course ever taught you?", false),
                    ("What would you do differently if you were starting out in this field today?", false),
                    ("A fourth question that a busy person should not be asked?", false),
                ]);
                let drafts = [
                    (follow_up_request(ben, s, 10), ChatMessage::FollowUp),
                    (
                        introduction_request(ben, &referrer, s),
                        ChatMessage::Introduction,
                    ),
                    (booking_reply(ben, s, 30), ChatMessage::BookingReply),
                    (
                        questions_by_email(ben, s, &chat_with_questions(&[])),
                        ChatMessage::QuestionsByEmail,
                    ),
                    (
                        questions_by_email(ben, s, &long_questions),
                        ChatMessage::QuestionsByEmail,
                    ),
                ];
                for (draft, message) in drafts {
                    let failed = failures(&draft.body, message);
                    assert!(
                        failed.is_empty(),
                        "{message:?}: {failed:?} in:\n{}",
                        draft.body
                    );
                }
            }
        }
    }

    #[test]
    fn an_introduction_goes_to_the_contact_and_is_easy_to_decline() {
        let ben = person("Ben Okafor", "urban planner", "City of Toronto", "");
        let ana = person("Ana Silva", "", "", "");
        let draft = introduction_request(&ben, &ana, &settings("Sam Lee", "urban planning"));
        assert_eq!(draft.subject, "Would you introduce me to Ben?");
        assert!(draft.body.starts_with("Hi Ana,\n\n"));
        assert!(draft.body.contains(
            "hear about Ben Okafor’s work as an urban planner at City of Toronto as I explore urban planning."
        ));
        assert!(draft
            .body
            .contains("Would you be comfortable connecting us?"));
        assert!(draft.body.contains("draft a few lines for you to forward"));
        assert!(draft
            .body
            .contains("If it does not feel right, no problem at all."));
        assert!(draft.body.ends_with("Sam Lee"));
        let bare = introduction_request(&person("Ben", "", "", ""), &ana, &Settings::default());
        assert!(bare.body.contains("hear about Ben’s work. Would you"));
    }

    #[test]
    fn a_booking_reply_leaves_time_place_and_format_to_them() {
        let ben = person("Ben Okafor", "", "", "");
        let draft = booking_reply(&ben, &settings("Sam Lee", ""), 15);
        assert!(draft
            .body
            .starts_with("Hi Ben,\n\nThank you for agreeing to talk."));
        assert!(draft
            .body
            .contains("The day, the time and the place are yours"));
        assert!(draft
            .body
            .contains("a phone or video call suits me just as well"));
        // The articles' window: two to four weeks, not a narrower one.
        assert!(draft.body.contains(
            "Would about 15 minutes, any day in the next two to four weeks, work for you?"
        ));
    }

    #[test]
    fn questions_by_email_asks_at_most_three_planned_questions_not_yet_asked() {
        let ben = person("Ben Okafor", "", "", "");
        let sam = settings("Sam Lee", "data analysis");
        let chat = chat_with_questions(&[
            ("Already asked?", true),
            ("First?", false),
            ("  ", false),
            ("Second?", false),
            ("Third?", false),
            ("Fourth?", false),
        ]);
        let draft = questions_by_email(&ben, &sam, &chat);
        assert!(draft
            .body
            .contains("\n\n1. First?\n2. Second?\n3. Third?\n\n"));
        assert!(!draft.body.contains("Fourth") && !draft.body.contains("Already"));
        assert!(draft
            .body
            .contains("understand data analysis from the inside"));
        let one = questions_by_email(&ben, &sam, &chat_with_questions(&[("Only one?", false)]));
        assert!(one.body.contains("answer one question by email"));
        let none = questions_by_email(&ben, &Settings::default(), &chat_with_questions(&[]));
        for question in questions_by_email_defaults() {
            assert!(none.body.contains(question));
        }
        assert!(none.body.contains("understand the work from the inside"));
    }

    #[test]
    fn after_the_chat_messages_name_them_quote_a_takeaway_and_sign() {
        let ben = person("Ben Okafor", "", "", "");
        let sam = settings("Sam Lee", "");
        let thanks = thank_you(&ben, &sam, Some("Learn SQL before Python."));
        assert!(thanks
            .body
            .starts_with("Hi Ben,\n\nThank you for taking the time"));
        assert!(thanks
            .body
            .contains("Your point, “Learn SQL before Python”, has stayed with me"));
        assert!(thanks.body.contains("return the favour"));
        assert!(thanks.body.ends_with("With thanks,\n\nSam Lee"));
        let plain = thank_you(&ben, &Settings::default(), None);
        assert!(plain.body.ends_with("With thanks,"));
        assert!(plain.body.contains("much clearer picture"));

        let update = advice_update(&ben, &sam, "I joined the Open Data meetup.");
        assert!(update
            .body
            .contains("I took your advice: I joined the Open Data meetup. It has"));
        assert!(keep_in_touch(&ben, &sam, None).body.contains(
            "a few months since we talked, and I wanted to say hello and share where I am now."
        ));
        assert!(
            keep_in_touch(&ben, &sam, Some("I started the SQL course you mentioned."))
                .body
                .contains(
                    "say hello and share some news: I started the SQL course you mentioned. I hope"
                )
        );
        let ask = ask_for_referral(&ben, &sam);
        let checks = lint(
            &ask.body,
            &LintContext {
                message: ChatMessage::FollowUp,
                ..LintContext::default()
            },
        );
        assert!(checks.iter().all(|c| c.passed), "{checks:?}");
    }

    #[test]
    fn a_thank_you_offers_the_debrief_never_the_private_notes() {
        let mut chat = crate::domain::chat::Chat::new(
            crate::domain::chat::ChatId("c".into()),
            PersonId("p".into()),
            Utc::now(),
            &[],
        );
        chat.notes.push(crate::domain::chat::Note {
            id: "n".into(),
            created_at: Utc::now(),
            offset_ms: None,
            text: "seems burnt out, team has high turnover".into(),
        });
        chat.takeaways = "- Learn SQL first\n\n• The meetup is worth it".into();
        chat.advice = "Talk to Mei".into();
        assert_eq!(
            thank_you_choices(&chat),
            ["Learn SQL first", "The meetup is worth it", "Talk to Mei"]
        );
        let ana = person("Ana Silva", "", "", "");
        let plain = thank_you(&ana, &Settings::default(), None);
        assert!(!plain.body.contains("burnt out") && !plain.body.contains('“'));
        let reworded = thank_you(
            &ana,
            &Settings::default(),
            Some("learning SQL before anything else"),
        );
        assert!(reworded
            .body
            .contains("“learning SQL before anything else”"));
    }

    #[test]
    fn contact_links_carry_no_smuggled_parts() {
        assert_eq!(
            mailto_address("ana@example.com?bcc=eve@evil.test&subject=x%0D%0Abcc:e@evil.test"),
            "mailto:ana@example.com%3Fbcc%3Deve@evil.test%26subject%3Dx%250D%250Abcc%3Ae@evil.test"
        );
        assert_eq!(
            mailto_address(" ana@example.com "),
            "mailto:ana@example.com"
        );
        assert_eq!(tel("+1 (613) 555-0100"), "tel:+16135550100");
        assert_eq!(tel("613 555 0100;ext=2"), "tel:61355501002");
        assert_eq!(
            web_link("https://linkedin.com/in/ana\"x"),
            Some("https://linkedin.com/in/ana%22x".into())
        );
        assert_eq!(web_link("javascript:alert(1)"), None);
    }

    #[test]
    fn mailto_links_encode_everything_but_plain_characters() {
        let draft = Draft {
            subject: "Coffee & a question?".into(),
            body: "Hi Ben,\nÇa va? 100% yes".into(),
        };
        assert_eq!(
            mailto("ben@example.com", &draft),
            "mailto:ben@example.com?subject=Coffee%20%26%20a%20question%3F&body=Hi%20Ben%2C%0D%0A%C3%87a%20va%3F%20100%25%20yes"
        );
    }
}
