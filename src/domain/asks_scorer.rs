//! A small learned scorer beside the ask rules: a logistic regression per
//! language over hashed word stems, pairs of stems side by side and two
//! apart, five-letter runs and the word classes of the rules file,
//! trained on the development half of the corpus and on the app's own
//! questions and message templates as honest text (`asks_corpus.rs` writes
//! `asks_scorer.txt` and checks it is what they train to). It catches the
//! asks the rules were never written for; the words that weighed most say
//! why it flagged.

use super::asks::Setting;
use super::words::words_as_written;

/// Buckets the features are hashed into, the letters a stem keeps and the
/// letters of a run: what cross-validation on the development half chose,
/// each earlier test half held out in turn (BENCHMARKS.md, "Ask filters").
pub const BUCKETS: usize = 16384;
const STEM: usize = 5;
const RUN: usize = 5;

/// What the weights make of a sentence.
pub enum Reading {
    Ask(Vec<String>),
    Unsure,
    PlainlyHonest,
}

/// One language's weights, read from a `scorer` line of the rules file.
/// Everything is whole numbers, so the app parses no decimals: a weight
/// is one of fifteen steps from -7 to 7, and the bias and threshold are
/// folded into a cut the weights' sum must reach.
pub struct Scorer {
    pub language: String,
    /// The sums at which a request and a meeting question are flagged
    /// (indexed by `Setting`), each chosen on the honest texts of its kind
    /// in the development half.
    pub cuts: [i32; 2],
    /// The sum below which a sentence is plainly honest, so that a rule
    /// reading it is overruled.
    doubt: i32,
    weights: Vec<i8>,
}

/// The buckets a text lights up, each once, with the word (by its index
/// among the text's words) it first came from; a pair counts for its
/// first word. Each feature lights two buckets: one shared by requests
/// and questions, one of `setting` alone, which learns where the two part
/// (a résumé review is an ask in a request and fine at the meeting; what
/// a company sells is a fair thing to write about and a question to leave
/// out).
///
/// A word is also read by the class of the rules file it falls in, alone
/// and beside its neighbours, so that what was learnt of one word carries
/// to the others of its class ("recruiter" to "HR", "opening" to
/// "vacancy"); held out, this caught more asks in every filter at the same
/// false alarms (BENCHMARKS.md, "Ask filters").
pub fn features(
    words: &[String],
    setting: Setting,
    classes: &[Option<&str>],
) -> Vec<(usize, usize)> {
    let own = fnv(
        FNV_OFFSET,
        &[match setting {
            Setting::Request => "R|",
            Setting::Question => "Q|",
        }],
    );
    let mut lit = vec![false; BUCKETS];
    let mut found = Vec::new();
    let mut light = |pieces: &[&str], at: usize| {
        for hash in [fnv(FNV_OFFSET, pieces), fnv(own, pieces)] {
            let bucket = (hash % BUCKETS as u64) as usize;
            if !std::mem::replace(&mut lit[bucket], true) {
                found.push((bucket, at));
            }
        }
    };
    // A word read by its class, or else by its stem; "@" keeps the two apart.
    let read = |at: usize| match classes[at] {
        Some(class) => ["@", class],
        None => ["", stem(&words[at])],
    };
    for (at, word) in words.iter().enumerate() {
        light(&[stem(word)], at);
        if classes[at].is_some() {
            light(&read(at), at);
        }
        // Words two apart carry the ask across the small word between
        // ("hire me", "hire my son"; « engager mon fils »).
        for (apart, between) in [(1, " "), (2, " _ ")] {
            if let Some(other) = words.get(at + apart) {
                light(&[stem(word), between, stem(other)], at);
                if classes[at].is_some() || classes[at + apart].is_some() {
                    let ([a, b], [c, d]) = (read(at), read(at + apart));
                    light(&[a, b, between, c, d], at);
                }
            }
        }
        let marked = format!("<{word}>");
        let starts: Vec<usize> = marked
            .char_indices()
            .map(|(start, _)| start)
            .chain([marked.len()])
            .collect();
        for run in starts.windows(RUN + 1) {
            light(&["#", &marked[run[0]..run[RUN]]], at);
        }
    }
    found
}

/// A word cut to its first letters, which most of its forms share.
fn stem(word: &str) -> &str {
    &word[..word
        .char_indices()
        .nth(STEM)
        .map_or(word.len(), |(at, _)| at)]
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits, of the pieces one after another, carried on from
/// `from` (a piece hashed before them).
fn fnv(from: u64, pieces: &[&str]) -> u64 {
    pieces
        .iter()
        .flat_map(|piece| piece.bytes())
        .fold(from, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

impl Scorer {
    /// `scorer LANGUAGE REQUEST_CUT QUESTION_CUT HEX`, where each hex
    /// digit is a weight plus 8. A line it cannot read gives no scorer, so
    /// a damaged file flags less.
    pub fn parse(line: &str) -> Option<Scorer> {
        let mut fields = line.split(' ').skip(1);
        let language = fields.next()?.to_string();
        let mut whole_number = || fields.next()?.parse().ok();
        let cuts = [whole_number()?, whole_number()?];
        let doubt = whole_number()?;
        let hex = line.rsplit(' ').next()?;
        let weights = (0..BUCKETS)
            .map(|at| Some(char::from(*hex.as_bytes().get(at)?).to_digit(16)? as i8 - 8))
            .collect::<Option<Vec<i8>>>()?;
        Some(Scorer {
            language,
            cuts,
            doubt,
            weights,
        })
    }

    /// How the weights of `text`, cut into `words` by `words::tokens`
    /// (each in the word class `classes` gives it), read it in `setting`:
    /// below the doubt cut, plainly honest; from the cut of `setting`, an
    /// ask, with the words that weighed most towards it (at most three, as
    /// written in the text).
    pub fn read(
        &self,
        text: &str,
        words: &[String],
        setting: Setting,
        classes: &[Option<&str>],
    ) -> Reading {
        // A sentence of no words (what follows a final "?") weighs only the
        // bias, which says nothing about the text.
        if words.is_empty() {
            return Reading::PlainlyHonest;
        }
        let mut by_word = vec![0_i32; words.len()];
        for (bucket, at) in features(words, setting, classes) {
            by_word[at] += i32::from(self.weights[bucket]);
        }
        let sum: i32 = by_word.iter().sum();
        if sum < self.doubt {
            return Reading::PlainlyHonest;
        }
        if sum < self.cuts[setting as usize] {
            return Reading::Unsure;
        }
        // Small words are named only where nothing else weighed for the
        // ask: then the shape of the sentence is what flagged it.
        let named = |at: &usize| by_word[*at] > 0 && explains(&words[*at]);
        let content_weighed = (0..words.len()).any(|at| named(&at));
        let mut heaviest: Vec<usize> = Vec::new();
        for _ in 0..3 {
            let next = (0..words.len())
                .filter(|at| by_word[*at] > 0 && !heaviest.contains(at))
                .filter(|at| !content_weighed || named(at))
                .max_by_key(|at| by_word[*at]);
            heaviest.extend(next);
        }
        let written = words_as_written(text);
        let shown = if written.len() == words.len() {
            &written
        } else {
            words
        };
        Reading::Ask(
            (0..words.len())
                .filter(|at| heaviest.contains(at))
                .map(|at| shown[at].clone())
                .collect(),
        )
    }
}

/// The commonest small words of each language: they tell which language a
/// text is in, and they explain nothing, so no flag names them.
const FRENCH: &str =
    "le la les vous votre vos je de des du est et pour que une mon ma mes il elle \
    ils nous ce cette ces au aux ne pas dans sur par avec qui sont avez aurait auriez pourriez \
    seriez bonjour merci mais tout";
const ENGLISH: &str = "the you your to and is are i my of for what would could do in there does \
    did any have has can will be was were this that with from at it we they their if or about how \
    who hi thanks please";

/// Whether `word` is one of the space-separated `small` words.
fn among(small: &str, word: &str) -> bool {
    small.split_whitespace().any(|small| small == word)
}

/// Whether a word can say why a text was flagged: not a small word of
/// either language, nor a letter or two (« l' », "a").
fn explains(word: &str) -> bool {
    word.chars().count() > 2 && !among(FRENCH, word) && !among(ENGLISH, word)
}

/// Which of the two languages a text is written in, by its commonest
/// small words; French only where they outnumber the English ones.
pub fn language_of(words: &[String]) -> &'static str {
    let count = |small| words.iter().filter(|word| among(small, word)).count();
    if count(FRENCH) > count(ENGLISH) {
        "fr"
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::words::tokens;

    #[test]
    fn a_damaged_scorer_line_gives_no_scorer() {
        let weights = "f".repeat(BUCKETS);
        assert!(Scorer::parse(&format!("scorer en 300 400 -5 {weights}")).is_some());
        for damaged in [
            format!("scorer en 300 {weights}"),
            format!("scorer en 300 400 {weights}"),
            "scorer en 300 400 -5".to_string(),
            format!("scorer en 300 400 -5 {}", &weights[1..]),
            format!("scorer en 0.5 400 -5 {weights}"),
            format!("scorer en 300 400 -5 z{}", &weights[1..]),
            format!("scorer en 300 400 -5 é{}", &weights[2..]),
        ] {
            assert!(Scorer::parse(&damaged).is_none(), "{damaged}");
        }
    }

    #[test]
    fn a_flag_names_small_words_only_when_nothing_else_weighed() {
        // Every feature weighs 7, so every word weighs for the ask.
        let scorer = Scorer::parse(&format!("scorer en 1 1 0 {}", "f".repeat(BUCKETS))).unwrap();
        let named = |text: &str| {
            let words = tokens(text);
            let no_class = vec![None; words.len()];
            match scorer.read(text, &words, Setting::Request, &no_class) {
                Reading::Ask(named) => named,
                _ => panic!("not flagged: {text}"),
            }
        };
        assert_eq!(
            named("Would there be a gig for your studio"),
            ["gig", "studio"]
        );
        assert_eq!(named("Would there be"), ["Would", "there", "be"]);
    }

    #[test]
    fn words_of_one_class_share_what_was_learnt_of_it() {
        let lit = |word: &str, class| {
            features(&[word.to_string()], Setting::Request, &[class])
                .into_iter()
                .map(|(bucket, _)| bucket)
                .collect::<Vec<_>>()
        };
        let opening = lit("opening", Some("job"));
        let vacancy = lit("vacancy", Some("job"));
        let shared = |a: &[usize], b: &[usize]| a.iter().filter(|x| b.contains(x)).count();
        // The class, counted for requests and questions together and for
        // requests alone.
        assert_eq!(shared(&opening, &vacancy), 2);
        assert_eq!(shared(&lit("opening", None), &lit("vacancy", None)), 0);
    }

    #[test]
    fn a_text_is_french_where_its_small_words_are() {
        assert_eq!(
            language_of(&tokens("Pourriez-vous me parler de votre travail ?")),
            "fr"
        );
        assert_eq!(
            language_of(&tokens("Could you tell me about your work?")),
            "en"
        );
    }
}
