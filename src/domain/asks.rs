//! What a request or a meeting question asks for, read for its meaning:
//! the asks an informational interview must not make (a job, an opening, a
//! job referral, an interview, a résumé hand-off, pay), and, in questions,
//! what a quick search answers or whether they want "people like me".
//!
//! Each rule is a short list of word patterns in `asks_rules.txt`, a file
//! shipped on its own and fetched after the first screen (only composing a
//! message or planning questions needs it), matched within one sentence
//! on folded (lower-case, accent-free) words. A pattern is words separated
//! by spaces, where `a|b` is either word, `-` before a word makes it
//! optional, a trailing `~` matches any word that starts so, `*` skips up
//! to three words and `**` up to eight, `@name` is any word of a class
//! (the same idea in both languages, such as whoever hires), and `^` and
//! `$` match only at the start and the end of the sentence. A match right
//! after "not", "never", "no" or "n't" does not count ("I'm not looking for
//! a job").
//! Single words such as "job", "employment", "apply" or "internship" never
//! flag on their own: organisation names, studies and skills being applied
//! use them too. A few phrases that are never an ask ("informational
//! interview", « emploi du temps ») are blanked before matching, so no rule
//! has to step around them.
//!
//! The rules are written by meaning, not against sentences: a job ask is a
//! job word beside an opening, a wish to join, a hand-off or someone who
//! hires. They are tuned on the development half of the corpus
//! (`asks_corpus/`) and measured on a test half written before them and
//! never edited since.
//!
//! Where no rule has read a text, a learned scorer may still flag it
//! (`asks_scorer.rs`), naming the words that weighed most; where a rule has
//! read one the scorer finds plainly honest, the rule is overruled.
//!
//! The rules read French as well as English, whatever the app's language:
//! a request to a francophone contact is written in French. French words
//! are folded the same way, and an apostrophe splits them (« d'emploi » is
//! "d emploi"). « Poste » and « emploi » never flag alone either: the post
//! office and « emploi du temps », a schedule, use them.

use std::sync::OnceLock;

use super::asks_scorer::{language_of, Reading, Scorer};
use super::words::{fold, tokens, SENTENCE_ENDS};
use crate::i18n::{t, Texts};

/// Where the text will be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// A message asking for the meeting.
    Request,
    /// A question to ask at the meeting.
    Question,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskKind {
    Job,
    JobReferral,
    Interview,
    ResumeHandOff,
    Pay,
    QuickSearch,
    PeopleLikeMe,
}

/// One kind of ask to leave out, why, and what to say instead.
#[derive(Debug)]
pub struct AskRule {
    pub kind: AskKind,
    /// Its topic, why it hurts and a better phrasing, in a language.
    words: fn(&Texts) -> [&'static str; 3],
    /// Where it applies: some asks are only out of place in one setting.
    pub in_requests: bool,
    pub in_questions: bool,
    /// Its heading in `asks_rules.txt`, where its patterns are.
    name: &'static str,
}

impl AskRule {
    /// A few words naming it, for a heading.
    pub fn topic(&self) -> &'static str {
        (self.words)(t())[0]
    }

    /// Why it hurts, in one sentence.
    pub fn why(&self) -> &'static str {
        (self.words)(t())[1]
    }

    /// A better phrasing.
    pub fn instead(&self) -> &'static str {
        (self.words)(t())[2]
    }

    fn applies_in(&self, setting: Setting) -> bool {
        match setting {
            Setting::Request => self.in_requests,
            Setting::Question => self.in_questions,
        }
    }

    /// Why it hurts, for this text where it is read: the learned flag
    /// names the words that weighed most.
    pub fn why_in(&self, text: &str, setting: Setting) -> String {
        // Only the learned flag runs the scorer again, for its words.
        let words = (self.name == LEARNED.name)
            .then(|| patterns().and_then(|patterns| patterns.learned(text, setting)))
            .flatten();
        match words {
            Some(words) => self.why().replace("{words}", &words.join(", ")),
            None => self.why().to_string(),
        }
    }
}

/// What the learned scorer flags where no rule does (`asks_scorer.rs`).
pub static LEARNED: AskRule = AskRule {
    name: "learned",
    kind: AskKind::Job,
    words: |t| {
        [
            t.asks_learned_topic(),
            t.asks_learned_why(),
            t.asks_learned_instead(),
        ]
    },
    in_requests: true,
    in_questions: true,
};

pub const ASK_RULES: &[AskRule] = &[
    // One article closes the meeting with "I'm open to opportunities, feel
    // free to contact me"; the others say to leave any offer to them. The
    // app sides with them and says so where it flags the line (see
    // docs/ADVICE.md); first, so that this is the reason a message shows.
    AskRule {
        name: "open_to_offers",
        kind: AskKind::Job,
        words: |t| {
            [
                t.asks_open_to_offers_topic(),
                t.asks_open_to_offers_why(),
                t.asks_open_to_offers_instead(),
            ]
        },
        in_requests: true,
        in_questions: true,
    },
    AskRule {
        name: "job",
        kind: AskKind::Job,
        words: |t| [t.asks_job_topic(), t.asks_job_why(), t.asks_job_instead()],
        in_requests: true,
        in_questions: true,
    },
    AskRule {
        name: "job_referral",
        kind: AskKind::JobReferral,
        words: |t| {
            [
                t.asks_job_referral_topic(),
                t.asks_job_referral_why(),
                t.asks_job_referral_instead(),
            ]
        },
        in_requests: true,
        in_questions: true,
    },
    AskRule {
        name: "interview",
        kind: AskKind::Interview,
        words: |t| {
            [
                t.asks_interview_topic(),
                t.asks_interview_why(),
                t.asks_interview_instead(),
            ]
        },
        in_requests: true,
        in_questions: true,
    },
    AskRule {
        name: "resume_hand_off",
        kind: AskKind::ResumeHandOff,
        words: |t| {
            [
                t.asks_resume_hand_off_topic(),
                t.asks_resume_hand_off_why(),
                t.asks_resume_hand_off_instead(),
            ]
        },
        in_requests: true,
        in_questions: true,
    },
    AskRule {
        name: "resume_review",
        kind: AskKind::ResumeHandOff,
        words: |t| {
            [
                t.asks_resume_review_topic(),
                t.asks_resume_review_why(),
                t.asks_resume_review_instead(),
            ]
        },
        in_requests: true,
        in_questions: false,
    },
    AskRule {
        name: "pay",
        kind: AskKind::Pay,
        words: |t| [t.asks_pay_topic(), t.asks_pay_why(), t.asks_pay_instead()],
        in_requests: true,
        in_questions: true,
    },
    AskRule {
        name: "quick_search",
        kind: AskKind::QuickSearch,
        words: |t| {
            [
                t.asks_quick_search_topic(),
                t.asks_quick_search_why(),
                t.asks_quick_search_instead(),
            ]
        },
        in_requests: false,
        in_questions: true,
    },
    AskRule {
        name: "people_like_me",
        kind: AskKind::PeopleLikeMe,
        words: |t| {
            [
                t.asks_people_like_me_topic(),
                t.asks_people_like_me_why(),
                t.asks_people_like_me_instead(),
            ]
        },
        in_requests: true,
        in_questions: true,
    },
];

/// "C.V." as "cv": letters with dots are one word, not sentence ends.
fn join_initialisms(text: &str) -> String {
    text.split_inclusive(char::is_whitespace)
        .map(|piece| {
            let word = piece.trim_end();
            let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            let dotted = word
                .chars()
                .zip(word.chars().skip(1).chain(['.']))
                .all(|(c, next)| {
                    if c.is_alphabetic() {
                        next == '.'
                    } else {
                        c == '.'
                    }
                });
            if letters.chars().count() >= 2 && dotted {
                format!("{letters}{}", &piece[word.len()..])
            } else {
                piece.to_string()
            }
        })
        .collect()
}

/// The patterns of every rule and the phrases blanked before matching,
/// read from `asks_rules.txt`, with each `@class` already written out as
/// its words: a message is checked at every keystroke.
pub struct Patterns {
    fixed: Vec<(Vec<Part>, String)>,
    rules: Vec<(String, Vec<Vec<Part>>)>,
    scorers: Vec<Scorer>,
    /// Each word class, as one part that matches any of its words.
    classes: Vec<(String, Part)>,
}

/// One part of a pattern, read once from its text.
#[derive(Debug)]
enum Part {
    /// Skips up to this many words (`*`, `**`).
    Gap(usize),
    /// The start of the sentence (`^`, first in a pattern).
    Start,
    /// The end of the sentence (`$`).
    End,
    /// One of `options`, where one ending in `~` is a word's start; with
    /// `optional` (`-`), no word at all also does.
    Word {
        options: Vec<String>,
        optional: bool,
    },
}

impl Patterns {
    /// Reads the rules file; a line it cannot read is left out, so a
    /// damaged file flags less, never panics.
    pub fn parse(text: &str) -> Patterns {
        let mut classes: Vec<(&str, &str)> = Vec::new();
        let mut patterns = Patterns {
            fixed: Vec::new(),
            rules: Vec::new(),
            scorers: Vec::new(),
            classes: Vec::new(),
        };
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
            let definition = rest.split_once(" =").map(|(a, b)| (a.trim(), b.trim()));
            match (head, definition) {
                ("class", Some((name, words))) => {
                    classes.push((name, words));
                    let class = parts(&format!("@{name}"), &classes).pop();
                    patterns
                        .classes
                        .extend(class.map(|part| (name.to_string(), part)));
                }
                ("fixed", Some((phrase, word))) => patterns
                    .fixed
                    .push((parts(phrase, &classes), word.to_string())),
                ("rule", _) => patterns.rules.push((rest.to_string(), Vec::new())),
                ("scorer", _) => patterns.scorers.extend(Scorer::parse(line)),
                _ => {
                    if let Some((_, rule)) = patterns.rules.last_mut() {
                        rule.push(parts(line, &classes));
                    }
                }
            }
        }
        patterns
    }

    /// Folded words, sentence by sentence; web addresses are left out.
    fn sentences(&self, text: &str) -> Vec<Vec<String>> {
        join_initialisms(&fold(text))
            .split(SENTENCE_ENDS)
            .map(|sentence| self.without_fixed_phrases(tokens(sentence)))
            .filter(|words| !words.is_empty())
            .collect()
    }

    fn without_fixed_phrases(&self, mut words: Vec<String>) -> Vec<String> {
        for (phrase, replacement) in &self.fixed {
            let mut start = 0;
            while start < words.len() {
                if let Some(length) = matched_length(phrase, &words[start..]) {
                    if length > 0 {
                        words.splice(start..start + length, [replacement.clone()]);
                    }
                }
                start += 1;
            }
        }
        words
    }

    /// Every rule the text falls under, wherever it will be read.
    fn matching_rules(&self, text: &str) -> Vec<&'static AskRule> {
        let sentences = self.sentences(text);
        ASK_RULES
            .iter()
            .filter(|rule| {
                self.of_rule(rule.name).iter().any(|pattern| {
                    sentences
                        .iter()
                        .any(|words| sentence_matches(pattern, words))
                })
            })
            .collect()
    }

    /// The words that weighed most, where the scorer of a sentence's
    /// language flags it: read whole, a message's greeting and thanks
    /// would drown its one ask, and a French message may list questions
    /// written in English.
    fn learned(&self, text: &str, setting: Setting) -> Option<Vec<String>> {
        self.readings(text, setting)
            .find_map(|reading| match reading {
                Reading::Ask(words) => Some(words),
                _ => None,
            })
    }

    /// Whether the scorer finds every sentence plainly honest. On the
    /// earlier test halves, held out, with the rules as shipped before
    /// each was written, this overruled 18 of the rules' false alarms and
    /// one of their catches (BENCHMARKS.md, "Ask filters").
    fn plainly_honest(&self, text: &str, setting: Setting) -> bool {
        self.readings(text, setting)
            .all(|reading| matches!(reading, Reading::PlainlyHonest))
    }

    /// Each sentence as its language's scorer reads it, if there is one.
    fn readings<'a>(
        &'a self,
        text: &'a str,
        setting: Setting,
    ) -> impl Iterator<Item = Reading> + 'a {
        text.split(SENTENCE_ENDS).map(move |sentence| {
            let words = tokens(sentence);
            let language = language_of(&words);
            match self
                .scorers
                .iter()
                .find(|scorer| scorer.language == language)
            {
                Some(scorer) => scorer.read(sentence, &words, setting, &self.classes_of(&words)),
                None => Reading::Unsure,
            }
        })
    }

    /// The class each word falls in first, by which the scorer also reads
    /// it.
    pub(super) fn classes_of(&self, words: &[String]) -> Vec<Option<&str>> {
        words
            .iter()
            .map(|word| {
                self.classes
                    .iter()
                    .find(|(_, class)| {
                        matched_length(std::slice::from_ref(class), std::slice::from_ref(word))
                            .is_some()
                    })
                    .map(|(name, _)| name.as_str())
            })
            .collect()
    }

    fn of_rule(&self, name: &str) -> &[Vec<Part>] {
        self.rules
            .iter()
            .find(|(rule, _)| rule == name)
            .map_or(&[], |(_, patterns)| patterns)
    }
}

static PATTERNS: OnceLock<Patterns> = OnceLock::new();

/// Takes in the rules file, fetched after the first screen; until then
/// nothing is flagged. Only the first call counts.
pub fn load(text: &str) {
    let _ = PATTERNS.set(Patterns::parse(text));
}

/// Whether the rules are in, for screens that show flags to redraw them.
pub fn loaded() -> bool {
    patterns().is_some()
}

pub(crate) fn patterns() -> Option<&'static Patterns> {
    // Natively (tests, tools) the file is read in at once; in the browser
    // it arrives by `load`, kept out of the first download.
    #[cfg(not(target_arch = "wasm32"))]
    return Some(PATTERNS.get_or_init(|| {
        Patterns::parse(concat!(
            include_str!("asks_rules.txt"),
            include_str!("asks_scorer.txt")
        ))
    }));
    #[cfg(target_arch = "wasm32")]
    PATTERNS.get()
}

/// Whether the sentence holds one of the words `pattern` requires in the
/// part with the fewest choices: most patterns fail this at once, before
/// any position is tried.
fn could_match(pattern: &[Part], words: &[String]) -> bool {
    let rarest = pattern
        .iter()
        .filter_map(|part| match part {
            Part::Word {
                options,
                optional: false,
            } => Some((options.len(), part)),
            _ => None,
        })
        .min_by_key(|(choices, _)| *choices);
    rarest.is_none_or(|(_, part)| {
        words.iter().any(|word| {
            matched_length(std::slice::from_ref(part), std::slice::from_ref(word)).is_some()
        })
    })
}

/// How many words `pattern` covers when it matches at the start of
/// `words`, if it does.
fn matched_length(pattern: &[Part], words: &[String]) -> Option<usize> {
    let Some((part, rest)) = pattern.split_first() else {
        return Some(0);
    };
    match part {
        Part::Gap(gap) => (0..=(*gap).min(words.len()))
            .find_map(|skip| matched_length(rest, &words[skip..]).map(|n| n + skip)),
        Part::Start => None,
        Part::End => words.is_empty().then_some(0),
        Part::Word { options, optional } => {
            if *optional {
                if let Some(length) = matched_length(rest, words) {
                    return Some(length);
                }
            }
            let (word, after) = words.split_first()?;
            let matches = options.iter().any(|option| match option.strip_suffix('~') {
                Some(stem) => word.starts_with(stem),
                None => option == word,
            });
            if matches {
                matched_length(rest, after).map(|n| n + 1)
            } else {
                None
            }
        }
    }
}

/// Whether `pattern` matches in the sentence with no negation in the two
/// words before it or the three from where it starts ("I'm not looking for
/// work at your firm", "salary isn't something to ask about"), nor a
/// negated "ask" in the four before ("I'm not asking you to review my CV").
fn sentence_matches(pattern: &[Part], words: &[String]) -> bool {
    let (pattern, mut starts) = match pattern.split_first() {
        Some((Part::Start, rest)) => (rest, 0..1),
        _ => (pattern, 0..words.len()),
    };
    could_match(pattern, words)
        && starts.any(|start| {
            matched_length(pattern, &words[start..]).is_some() && !is_negated(words, start)
        })
}

fn is_negated(words: &[String], start: usize) -> bool {
    let asked = words[start.saturating_sub(4)..start]
        .iter()
        .any(|word| word.starts_with("ask"));
    let from = start.saturating_sub(if asked { 4 } else { 2 });
    (from..(start + 3).min(words.len())).any(|at| is_negation(words, at))
}

/// A pattern's parts: a lone `-` makes the part after it optional (as `-`
/// among a part's choices does), and
/// each `@name` stands for the words of its class (one not yet defined,
/// for none).
fn parts(pattern: &str, classes: &[(&str, &str)]) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut optional = false;
    for text in pattern.split(' ') {
        let part = match text {
            "-" => {
                optional = true;
                continue;
            }
            "*" => Part::Gap(3),
            "**" => Part::Gap(8),
            "^" => Part::Start,
            "$" => Part::End,
            _ => {
                let mut options = Vec::new();
                for option in text.split('|') {
                    let expanded = match option.strip_prefix('@') {
                        Some(name) => classes
                            .iter()
                            .find(|(class, _)| *class == name)
                            .map_or("", |(_, words)| words),
                        None => option,
                    };
                    for option in expanded.split('|') {
                        // `a|-`: a choice that may also be no word.
                        match option {
                            "-" => optional = true,
                            "" => {}
                            _ => options.push(option.to_string()),
                        }
                    }
                }
                Part::Word { options, optional }
            }
        };
        optional = false;
        parts.push(part);
    }
    parts
}

/// Words that turn what follows around: English, where "don't" is "don t"
/// (a "t" after a word in "n"; French « a-t-il » is a question, not a "no"),
/// and French (« ne », « n' » and « jamais » come before the verb; « pas »
/// mostly after it).
const NEGATIONS: [&str; 7] = ["not", "never", "no", "ne", "n", "jamais", "pas"];

fn is_negation(words: &[String], at: usize) -> bool {
    let word = words[at].as_str();
    NEGATIONS.contains(&word) || (word == "t" && at > 0 && words[at - 1].ends_with('n'))
}

/// The rules `text` falls under in `setting`, each once, in list order,
/// or else the learned flag where the scorer finds an ask.
/// None until the rules file is in (see [`load`]).
pub fn asks_in(text: &str, setting: Setting) -> Vec<&'static AskRule> {
    let Some(patterns) = patterns() else {
        return Vec::new();
    };
    let matched = patterns.matching_rules(text);
    // The rules give the clearer reason, and where one has read the text,
    // its verdict stands even when it leaves the text alone here (a résumé
    // review asked at the meeting): the scorer speaks only where they are
    // silent.
    if matched.is_empty() && patterns.learned(text, setting).is_some() {
        return vec![&LEARNED];
    }
    let flagged: Vec<&'static AskRule> = matched
        .into_iter()
        .filter(|rule| rule.applies_in(setting))
        .collect();
    // A rule reads a few words; where the scorer, which weighs them all,
    // is sure the text is honest, the rule has misread it.
    if !flagged.is_empty() && patterns.plainly_honest(text, setting) {
        return Vec::new();
    }
    flagged
}

/// What the rules alone find, as the scorer's training weighs them.
#[cfg(test)]
pub(crate) fn asks_by_rules(
    patterns: &Patterns,
    text: &str,
    setting: Setting,
) -> Vec<&'static AskRule> {
    patterns
        .matching_rules(text)
        .into_iter()
        .filter(|rule| rule.applies_in(setting))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_read_as_documented() {
        let patterns = patterns().unwrap();
        let words = |s: &str| patterns.sentences(s).remove(0);
        let sentence_matches = |p: &str, w: &[String]| super::sentence_matches(&parts(p, &[]), w);
        assert!(sentence_matches("hire me", &words("Could you hire me?")));
        assert!(sentence_matches(
            "is|are you * hiring",
            &words("Are you by any chance hiring")
        ));
        assert!(!sentence_matches(
            "is|are you * hiring",
            &words("Are you, by any chance at all, hiring")
        ));
        assert!(sentence_matches(
            "open to - new - opportunities",
            &words("open to opportunities")
        ));
        assert!(sentence_matches("job opening~", &words("job openings")));
        assert!(!sentence_matches("hire me", &words("They hire. Me too")));
        assert!(sentence_matches("my cv", &words("my C.V.")));
    }

    /// A pattern no text reads is most often a pattern that says something
    /// else than was meant (an alternative of two words, `a b|c d`, reads
    /// as three parts), and one whose every ask another pattern of its rule
    /// also reads adds bytes to the file each phone fetches, and time to
    /// each text read, for nothing the development half shows: each must
    /// read an ask of the development half that no other pattern of its
    /// rule reads. (Pruned to this, the rules lost 269 of 1,357 patterns
    /// and caught as many asks of the test halves; BENCHMARKS.md.)
    #[test]
    fn every_pattern_reads_a_development_ask_no_other_pattern_of_its_rule_reads() {
        let patterns = patterns().unwrap();
        let asks: Vec<Vec<Vec<String>>> = crate::domain::asks_corpus::development_asks()
            .map(|text| patterns.sentences(text))
            .collect();
        let mut without_an_ask_of_its_own = Vec::new();
        for (name, rule) in &patterns.rules {
            let mut own_asks = vec![0_usize; rule.len()];
            for sentences in &asks {
                let mut readers = (0..rule.len()).filter(|at| {
                    sentences
                        .iter()
                        .any(|words| sentence_matches(&rule[*at], words))
                });
                if let (Some(only), None) = (readers.next(), readers.next()) {
                    own_asks[only] += 1;
                }
            }
            without_an_ask_of_its_own.extend(
                (0..rule.len())
                    .filter(|at| own_asks[*at] == 0)
                    .map(|at| format!("pattern {at} of rule {name}")),
            );
        }
        assert!(
            without_an_ask_of_its_own.is_empty(),
            "read no development ask of its own: {without_an_ask_of_its_own:?}"
        );
    }

    /// A trailing optional part or gap can never narrow a match, so one
    /// always marks a slip: the words before it match on their own, far
    /// more widely than written ("ready for a" without "move").
    #[test]
    fn no_pattern_ends_in_an_optional_part_or_a_gap() {
        let patterns = patterns().unwrap();
        let every = patterns
            .rules
            .iter()
            .flat_map(|(_, patterns)| patterns)
            .chain(patterns.fixed.iter().map(|(phrase, _)| phrase));
        for pattern in every {
            assert!(
                matches!(
                    pattern.last(),
                    Some(
                        Part::End
                            | Part::Word {
                                optional: false,
                                ..
                            }
                    )
                ),
                "{pattern:?}"
            );
        }
    }

    #[test]
    fn where_the_articles_disagree_the_flag_says_which_side_the_app_takes() {
        let close = "Thank you for your time. I'm open to opportunities for internships or jobs in this industry. Feel free to contact me if you think I may be a good candidate.";
        let flagged = asks_in(close, Setting::Question);
        assert!(flagged
            .iter()
            .any(|rule| rule.why().starts_with("One guide ends")));
        let review =
            "If you feel comfortable, and with no commitment at all, would you look at my resume?";
        assert!(asks_in(review, Setting::Question).is_empty());
        let in_a_request = asks_in(review, Setting::Request);
        assert!(in_a_request[0]
            .why()
            .contains("Near the end of a good meeting"));
    }

    #[test]
    fn each_rule_applies_where_it_should() {
        let review = "Would you look over my résumé?";
        assert!(!asks_in(review, Setting::Request).is_empty());
        assert!(asks_in(review, Setting::Question).is_empty());
        let search = "What does your company do?";
        assert!(asks_in(search, Setting::Request).is_empty());
        assert_eq!(
            asks_in(search, Setting::Question)[0].kind,
            AskKind::QuickSearch
        );
    }

    #[test]
    fn the_scorer_overrules_a_rule_only_where_every_sentence_reads_plainly_honest() {
        // Every weight a step below nothing: a sentence sums to minus the
        // buckets it lights, two for "Hi" and over twenty for the ask.
        let doubting_below = |doubt: i32| {
            Patterns::parse(&format!(
                "scorer en 1000 1000 {doubt} {}",
                "7".repeat(crate::domain::asks_scorer::BUCKETS)
            ))
        };
        let ask = "Could you hire me?";
        assert!(doubting_below(0).plainly_honest(ask, Setting::Request));
        assert!(doubting_below(-8).plainly_honest(ask, Setting::Request));
        assert!(!doubting_below(-8).plainly_honest(&format!("Hi. {ask}"), Setting::Request));
        assert!(!doubting_below(-100).plainly_honest(ask, Setting::Request));
        // Without weights, as with a damaged file, the rules stand.
        assert!(!Patterns::parse("").plainly_honest(ask, Setting::Request));
    }

    /// The traps the README promises to leave alone, in the settings
    /// they are written in: a retrained scorer broke two of them once,
    /// while the development half's false alarms stayed within bounds.
    #[test]
    fn the_traps_the_readme_names_are_left_alone() {
        let requests = [
            "During my internship at Ontario Employment Services I read your report.",
            "I work at Ontario Employment Services and wondered how you got into data analysis.",
            "Employment and Social Development Canada published your report.",
            "My internship ends in April; how did you choose your field?",
            "I applied the statistics skills from my degree to a volunteer project.",
            "Could you refer me to a colleague who knows the policy side?",
            "Thank you for the informational interview on Tuesday.",
            "Y a-t-il un bureau de poste près de votre bureau ?",
            "Avez-vous un emploi du temps chargé cette semaine ?",
            "Merci pour l'entretien d'information de mardi.",
            "Je ne cherche pas d'emploi ; j'aimerais comprendre votre métier.",
            "Pendant mon stage à Emploi-Québec, j'ai lu votre article.",
        ];
        let questions = [
            "Who else could you refer me to?",
            "Could you refer me to a colleague who knows the policy side?",
            "Pourriez-vous me recommander quelqu'un d'autre à qui parler ?",
            "Pourriez-vous me diriger vers une collègue qui connaît le volet des politiques ?",
        ];
        let flagged: Vec<&str> = requests
            .iter()
            .filter(|text| !asks_in(text, Setting::Request).is_empty())
            .chain(
                questions
                    .iter()
                    .filter(|text| !asks_in(text, Setting::Question).is_empty()),
            )
            .copied()
            .collect();
        assert!(flagged.is_empty(), "{flagged:?}");
    }

    #[test]
    fn each_word_is_given_the_first_class_of_the_rules_file_it_falls_in() {
        let words = tokens("Any vacancies at the studio for recruiters?");
        assert_eq!(
            patterns().unwrap().classes_of(&words),
            [
                None,
                Some("job"),
                None,
                None,
                Some("unit"),
                None,
                Some("hirer")
            ]
        );
    }

    #[test]
    fn the_scorer_speaks_where_no_rule_does_and_names_its_words() {
        for (text, setting) in [
            (
                "I would love to do my residency at your clinic.",
                Setting::Request,
            ),
            (
                "J'aimerais faire ma résidence dans votre clinique l'an prochain.",
                Setting::Request,
            ),
            (
                "Could your clinic take a student nurse this summer?",
                Setting::Question,
            ),
        ] {
            let found = asks_in(text, setting);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].name, LEARNED.name);
            let why = found[0].why_in(text, setting);
            let named = why.rsplit(": ").next().unwrap().trim_end_matches('.');
            assert!(
                named
                    .split(", ")
                    .all(|word| text.contains(word) && !word.is_empty()),
                "{text} => {why}"
            );
        }
        // A rule's verdict stands: the review it leaves alone at the
        // meeting is not flagged by the scorer either.
        let review = "Would you look over my résumé before I apply?";
        assert!(asks_in(review, Setting::Question).is_empty());
    }
}
