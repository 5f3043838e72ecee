//! The outreach linter: checks a request as it is typed, offline, against
//! what makes a cold or warm request work. Heuristics, not grammar: each
//! check says what it looked for so the user can judge.

use super::asks::{asks_in, Setting};
use super::chat::ChatMessage;
use super::words::{fold, tokens};
use crate::i18n::{fill, t};

pub const MAX_WORDS: usize = 75;
/// Room for three numbered questions besides the few lines around them.
pub const MAX_WORDS_WITH_QUESTIONS: usize = 120;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    Short,
    ConnectionFirst,
    AskIsQuestion,
    NoJobRequest,
    AboutThem,
    WhyThem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub rule: Rule,
    pub passed: bool,
    /// What was found, in words for the user.
    pub detail: String,
}

/// What the linter knows about the message besides its text.
#[derive(Clone, Copy, Debug, Default)]
pub struct LintContext<'a> {
    /// Full name of the person who referred us, for a warm request.
    pub referrer: Option<&'a str>,
    /// How we are connected, in the user's words.
    pub connection: &'a str,
    /// Which message it is. Only the first request must open with the
    /// connection and say why them: the others continue a conversation or
    /// go to someone who already knows the sender.
    pub message: ChatMessage,
    /// The one thing of theirs that made the user write (the request's
    /// "why them" slot).
    pub why_them: &'a str,
}

impl Rule {
    pub fn label(self, context: &LintContext) -> String {
        match self {
            Rule::Short => fill(t().lint_short(), &[("n", &max_words(context.message))]),
            Rule::ConnectionFirst => match context.referrer {
                Some(name) => fill(t().lint_names_referrer(), &[("name", &first_name(name))]),
                None => t().lint_opens_with_connection().into(),
            },
            Rule::AskIsQuestion => t().lint_ask_is_question().into(),
            Rule::NoJobRequest => t().lint_no_job_request().into(),
            Rule::AboutThem => t().lint_about_them().into(),
            Rule::WhyThem => t().lint_why_them().into(),
        }
    }
}

pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn without_urls(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !w.to_lowercase().starts_with("http") && !w.to_lowercase().starts_with("www."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first sentence after any greeting ("Hi Ana," or "Dear Dr. Roy,").
fn opening(text: &str) -> String {
    let text = without_urls(text);
    let mut rest = text.trim_start();
    let lowered = fold(rest);
    const GREETINGS: [&str; 14] = [
        "hi",
        "hello",
        "hey",
        "dear",
        "good morning",
        "good afternoon",
        "bonjour",
        "bonsoir",
        "salut",
        "allo",
        "cher",
        "chere",
        "madame",
        "monsieur",
    ];
    if GREETINGS.iter().any(|g| {
        lowered.starts_with(g)
            && lowered[g.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    }) {
        if let Some(comma) = rest.find([',', '\n']) {
            if word_count(&rest[..comma]) <= 4 {
                rest = &rest[comma + 1..];
            }
        }
    }
    let end = rest.find(['.', '!', '?', '\n']).unwrap_or(rest.len());
    // "Dr." or "St." is not the end of a sentence.
    let mut end = end;
    while end < rest.len() && rest.as_bytes()[end] == b'.' {
        let before = rest[..end].split_whitespace().last().unwrap_or("");
        if before.len() <= 2 && before.chars().next().is_some_and(char::is_uppercase) {
            match rest[end + 1..].find(['.', '!', '?', '\n']) {
                Some(next) => end = end + 1 + next,
                None => end = rest.len(),
            }
        } else {
            break;
        }
    }
    rest[..end].to_string()
}

const CONNECTION_CUES: [&str; 55] = [
    "suggested",
    "suggest",
    "referred",
    "recommended",
    "introduced",
    "mentioned",
    "met",
    "heard",
    "saw",
    "read",
    "came",
    "found",
    "fellow",
    "alumni",
    "alumnus",
    "alumna",
    "both",
    "mutual",
    "member",
    "panel",
    "post",
    "article",
    "podcast",
    "meetup",
    "conference",
    "webinar",
    // French, folded: « m'a suggéré », « rencontrée », « votre balado ».
    "suggere",
    "suggeree",
    "recommande",
    "recommandee",
    "conseille",
    "presente",
    "presentee",
    "parle",
    "rencontre",
    "rencontree",
    "rencontres",
    "entendu",
    "vu",
    "lu",
    "trouve",
    "ancien",
    "ancienne",
    "anciens",
    "diplome",
    "diplomee",
    "commun",
    "commune",
    "membre",
    "membres",
    "publication",
    "balado",
    "webinaire",
    "colloque",
    "congres",
];

fn check_connection_first(text: &str, context: &LintContext) -> Check {
    let opening_words = tokens(&opening(text));
    let has = |word: &str| opening_words.iter().any(|w| w == word);
    let (passed, detail) = match context.referrer {
        Some(name) => {
            let first = fold(first_name(name));
            if has(&first) {
                (
                    true,
                    fill(t().lint_referrer_named(), &[("name", &first_name(name))]),
                )
            } else {
                (
                    false,
                    fill(
                        t().lint_start_with_referrer(),
                        &[("name", &first_name(name))],
                    ),
                )
            }
        }
        None => {
            let own_words: Vec<String> = tokens(context.connection)
                .into_iter()
                .filter(|w| w.chars().count() >= 4)
                .collect();
            if own_words.iter().any(|w| has(w)) || CONNECTION_CUES.iter().any(|c| has(c)) {
                (true, t().lint_connection_said().into())
            } else {
                (false, t().lint_open_with_connection().into())
            }
        }
    };
    Check {
        rule: Rule::ConnectionFirst,
        passed,
        detail,
    }
}

const ASK_WORDS: [&str; 22] = [
    "would",
    "could",
    "can",
    "might",
    "may",
    "open",
    "willing",
    "available",
    "chance",
    // French: « Auriez-vous… ? », « Seriez-vous disponible… ? ».
    "pourriez",
    "pourrions",
    "pourrait",
    "auriez",
    "seriez",
    "serait",
    "accepteriez",
    "voudriez",
    "pouvez",
    "possible",
    "disponible",
    "ouvert",
    "ouverte",
];

fn check_ask_is_question(text: &str) -> Check {
    let text = without_urls(text);
    let questions: Vec<&str> = text
        .split_inclusive(['.', '!', '?', '\n'])
        .filter(|s| s.trim_end().ends_with('?'))
        .collect();
    let asks = questions
        .iter()
        .any(|q| tokens(q).iter().any(|w| ASK_WORDS.contains(&w.as_str())));
    Check {
        rule: Rule::AskIsQuestion,
        passed: asks,
        detail: if asks {
            t().lint_asked().into()
        } else if questions.is_empty() {
            t().lint_ask_with_question().into()
        } else {
            t().lint_make_it_the_question().into()
        },
    }
}

fn check_no_job_request(text: &str) -> Check {
    let found = asks_in(text, Setting::Request);
    Check {
        rule: Rule::NoJobRequest,
        passed: found.is_empty(),
        detail: match found.first() {
            None => t().lint_no_job_ask_found().into(),
            Some(rule) => format!("{} {}", rule.why_in(text, Setting::Request), rule.instead()),
        },
    }
}

/// Balance, sentence by sentence: one line of background is welcome, a
/// message mostly about the sender is not.
fn check_about_them(text: &str) -> Check {
    let text = without_urls(text);
    let (mut about_me, mut about_them) = (0, 0);
    for sentence in text.split_inclusive(['.', '!', '?', '\n']) {
        let words = tokens(sentence);
        let count = |set: &[&str]| words.iter().filter(|w| set.contains(&w.as_str())).count();
        let them = count(&["you", "your", "yours", "yourself", "vous", "votre", "vos"]);
        // « j'ai » and « m'a » fold to "j ai" and "m a".
        let me = count(&[
            "i", "me", "my", "mine", "myself", "je", "j", "m", "moi", "mon", "ma", "mes",
        ]);
        if me > them {
            about_me += 1;
        } else if them > 0 {
            about_them += 1;
        }
    }
    Check {
        rule: Rule::AboutThem,
        passed: about_me <= 1 || about_me <= about_them,
        detail: fill(
            t().lint_sentences(),
            &[("them", &about_them), ("me", &about_me)],
        ),
    }
}

/// Things of theirs a cold request can name: why this person, not anyone.
const SPECIFICS: [&str; 22] = [
    "talk",
    "article",
    "post",
    "project",
    "podcast",
    "panel",
    "book",
    "report",
    "paper",
    "presentation",
    "webinar",
    "research",
    "study",
    "conference",
    "publication",
    "projet",
    "balado",
    "livre",
    "rapport",
    "etude",
    "webinaire",
    "travaux",
];

fn check_why_them(text: &str, context: &LintContext) -> Check {
    let words = tokens(text);
    let named = !context.why_them.trim().is_empty()
        || words.iter().any(|w| SPECIFICS.contains(&w.as_str()));
    Check {
        rule: Rule::WhyThem,
        passed: named,
        detail: if named {
            t().lint_why_said().into()
        } else {
            t().lint_add_why().into()
        },
    }
}

fn max_words(message: ChatMessage) -> usize {
    match message {
        ChatMessage::QuestionsByEmail => MAX_WORDS_WITH_QUESTIONS,
        _ => MAX_WORDS,
    }
}

pub fn lint(text: &str, context: &LintContext) -> Vec<Check> {
    let words = word_count(text);
    let first_request = context.message == ChatMessage::Request;
    let mut checks = vec![Check {
        rule: Rule::Short,
        passed: words < max_words(context.message),
        detail: fill(t().lint_words(), &[("n", &words)]),
    }];
    if first_request {
        checks.push(check_connection_first(text, context));
    }
    checks.push(check_ask_is_question(text));
    checks.push(check_no_job_request(text));
    checks.push(check_about_them(text));
    if context.referrer.is_none() && first_request {
        checks.push(check_why_them(text, context));
    }
    checks
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD_WARM: &str = "Hi Ben,\n\nAna Silva suggested I contact you. Your move from teaching into user research is the kind of path I hope to learn from.\n\nWould you be open to a 15-minute coffee or call in the next few weeks? Your schedule comes first.\n\nThank you,\nSam";

    fn warm() -> LintContext<'static> {
        LintContext {
            referrer: Some("Ana Silva"),
            connection: "",
            message: ChatMessage::Request,
            why_them: "",
        }
    }

    fn cold(connection: &'static str) -> LintContext<'static> {
        LintContext {
            referrer: None,
            connection,
            message: ChatMessage::Request,
            why_them: "your talk on transit data",
        }
    }

    fn failed(text: &str, context: &LintContext) -> Vec<Rule> {
        lint(text, context)
            .into_iter()
            .filter(|c| !c.passed)
            .map(|c| c.rule)
            .collect()
    }

    /// Written the way the French templates will be: « vous », a space
    /// before the question mark (a narrow no-break one in the second).
    const GOOD_WARM_FRENCH: &str = "Bonjour Mme Roy,\n\nAna Silva m'a suggéré de vous écrire : elle m'a parlé de votre travail en analyse de données à la Ville. Je termine un certificat en données et j'aimerais comprendre votre parcours. Auriez-vous 15 minutes pour un café ou un appel dans les prochaines semaines ?\n\nMerci de votre temps,\nLéa";
    const GOOD_COLD_FRENCH: &str = "Bonjour M. Tremblay,\n\nJ'ai lu votre article sur la mobilité durable dans Le Devoir. Votre projet de réseau express m'a beaucoup appris. Seriez-vous disponible pour un court appel le mois prochain\u{202f}?\n\nAu plaisir,\nSami";

    #[test]
    fn good_french_requests_pass_every_check() {
        assert_eq!(failed(GOOD_WARM_FRENCH, &warm()), []);
        let cold = LintContext {
            why_them: "",
            ..cold("")
        };
        assert_eq!(failed(GOOD_COLD_FRENCH, &cold), []);
    }

    #[test]
    fn french_job_asks_and_statements_are_caught() {
        let cases: Vec<(&str, Rule)> = vec![
            ("Bonjour Mme Roy, Ana m'a suggéré de vous écrire. Avez-vous un poste ?", Rule::NoJobRequest),
            ("Bonjour, Ana m'a parlé de vous. Êtes-vous en train de recruter ?", Rule::NoJobRequest),
            ("Bonjour, Ana m'a parlé de vous. Pourriez-vous transmettre mon C.V. à votre équipe ?", Rule::NoJobRequest),
            ("Bonjour, Ana m'a parlé de vous. Auriez-vous 15 minutes ? Mon curriculum vitae est ci-joint.", Rule::NoJobRequest),
            // Stated, not asked: the question mark is missing.
            ("Bonjour, Ana m'a parlé de vous. J'aimerais vous rencontrer 15 minutes.", Rule::AskIsQuestion),
            // A question mark that is not the request.
            ("Bonjour, Ana m'a parlé de vous. Je veux 15 minutes de votre temps. D'accord ?", Rule::AskIsQuestion),
            // Who they are is missing from the opening.
            ("Bonjour Mme Roy,\nJe cherche à comprendre le secteur. Auriez-vous 15 minutes ?", Rule::ConnectionFirst),
        ];
        for (text, rule) in cases {
            assert!(
                failed(text, &warm()).contains(&rule),
                "{rule:?} should catch: {text}"
            );
        }
        // Mostly about the sender, in French pronouns.
        let about_me = "Bonjour, Ana m'a parlé de vous. Je suis analyste. J'ai cinq ans d'expérience. Mon diplôme est en économie. Je cherche à changer de domaine. Auriez-vous 15 minutes ?";
        assert!(failed(about_me, &warm()).contains(&Rule::AboutThem));
    }

    #[test]
    fn a_good_warm_request_passes_every_check() {
        assert_eq!(failed(GOOD_WARM, &warm()), []);
    }

    #[test]
    fn each_rule_catches_what_it_is_for() {
        let long = format!("{GOOD_WARM} {}", "and more words ".repeat(20));
        let cases: Vec<(String, LintContext, Vec<Rule>)> = vec![
            (long, warm(), vec![Rule::Short]),
            (
                "Hi Ben, your work on transit data caught my eye. Ana Silva suggested I write. Would you be open to a short call about your work?".into(),
                warm(),
                vec![Rule::ConnectionFirst],
            ),
            (
                "Hi Ben, Ana suggested I contact you. I would like 15 minutes of your time for a coffee. Thanks for your help.".into(),
                warm(),
                vec![Rule::AskIsQuestion],
            ),
            (
                "Hi Ben, Ana suggested I contact you. Your team is great. Are you hiring? Could we talk?".into(),
                warm(),
                vec![Rule::NoJobRequest],
            ),
            (
                "Hi Ben, Ana suggested I write. I am a designer and I am looking to learn. My background is in print and I love my work. Could we talk?".into(),
                warm(),
                vec![Rule::AboutThem],
            ),
        ];
        for (text, context, expected) in cases {
            assert_eq!(failed(&text, &context), expected, "{text}");
        }
    }

    #[test]
    fn messages_that_try_to_fool_it_are_caught() {
        let cases: Vec<(&str, Rule)> = vec![
            // Job talk hidden in punctuation or accents.
            ("Ana suggested I write. Would you have time? You could pass along my C.V. to your team.", Rule::NoJobRequest),
            ("Ana suggested I write. Would you look over my résumé? You are kind.", Rule::NoJobRequest),
            ("Ana suggested I write. Would you refer me to your recruiter? Your help means a lot.", Rule::NoJobRequest),
            ("Ana suggested I write. Would you put in a good word for me? You rock.", Rule::NoJobRequest),
            // A question mark that is not a request.
            ("Ana suggested I write. I want 15 minutes of your time. OK?", Rule::AskIsQuestion),
            ("Ana suggested I write. See https://example.com/me?ref=you for your reading.", Rule::AskIsQuestion),
            // The referrer named only in the greeting line to someone else.
            ("Hi Ana,\nYour talk was great. Would you be open to a call with you?", Rule::ConnectionFirst),
        ];
        for (text, rule) in cases {
            assert!(
                failed(text, &warm()).contains(&rule),
                "{rule:?} should catch: {text}"
            );
        }
    }

    #[test]
    fn honest_wording_is_not_flagged() {
        let cases = [
            "Hi Ben, Ana suggested I contact you. Could we resume our talk? Your insights on transit planning helped you and your team.",
            "Dear Dr. Roy, Ana Silva suggested I write to you. Would you be open to a call about your research? Thank you for your time.",
        ];
        for text in cases {
            assert_eq!(failed(text, &warm()), Vec::<Rule>::new(), "{text}");
        }
    }

    #[test]
    fn a_cold_request_opens_with_how_they_were_found() {
        let good = "Hi Ben, I heard your panel at the Toronto Data Meetup. Would you be open to a short call about your work? Your answers would help.";
        assert_eq!(failed(good, &cold("")), []);
        let own_words = "Hi Ben, we both volunteer with Code for Canada. Would you be open to a call about your work? You would help.";
        assert_eq!(failed(own_words, &cold("Code for Canada volunteers")), []);
        let bare = "Hi Ben, could we talk about your work? Would you be open to a call? Your time matters.";
        assert_eq!(failed(bare, &cold("")), [Rule::ConnectionFirst]);
    }

    #[test]
    fn a_follow_up_skips_the_opening_rule() {
        let follow_up = LintContext {
            message: ChatMessage::FollowUp,
            ..warm()
        };
        let text = "Hi Ben, a quick follow-up on my note. Would a short call in the coming weeks suit you? Thank you either way.";
        assert!(lint(text, &follow_up)
            .iter()
            .all(|c| c.rule != Rule::ConnectionFirst));
    }

    #[test]
    fn words_are_counted_as_a_reader_sees_them() {
        assert_eq!(
            word_count("Hi Ben,\n\nI'm here — see you! 15-minute call."),
            8
        );
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn a_cold_request_says_why_them_and_one_line_about_yourself_is_fine() {
        let no_why = LintContext {
            why_them: "",
            ..cold("")
        };
        let generic =
            "Hi Ben,\n\nI came across your work. Would you be open to a call?\n\nThanks,\nSam";
        assert!(failed(generic, &no_why).contains(&Rule::WhyThem));
        let named = "Hi Ben,\n\nI read your article on transit. Would you be open to a call?\n\nThanks,\nSam";
        assert!(!failed(named, &no_why).contains(&Rule::WhyThem));
        assert!(!failed(generic, &cold("")).contains(&Rule::WhyThem));
        assert!(!failed(generic, &warm()).contains(&Rule::WhyThem));

        // One line of background passes; a message about yourself does not.
        let pitch = "Hi Ben,\n\nI saw your panel on open data. I am a policy intern moving into data work. Would you be open to a 15-minute call about your path?\n\nThank you for your time,\nSam";
        assert!(!failed(pitch, &cold("")).contains(&Rule::AboutThem));
    }
}
