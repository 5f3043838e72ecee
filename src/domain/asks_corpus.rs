//! The labelled corpus the ask filters are measured on, in
//! `asks_corpus/`: a development half rules may be tuned against, and a
//! test half written before the rule change it measures and never edited
//! to pass (see `asks_corpus/README.md`). The README's figures are the
//! test half's, printed by `cargo test asks_corpus -- --nocapture`.

use super::asks::{asks_by_rules, asks_in, patterns, Setting};
use super::asks_scorer::{features, Scorer, BUCKETS};
use super::prep::built_in_questions;
use super::words::{tokens, SENTENCE_ENDS};
use crate::i18n::in_french;

struct Corpus {
    name: &'static str,
    setting: Setting,
    dev: &'static str,
    test: &'static str,
}

const CORPORA: [Corpus; 4] = [
    Corpus {
        name: "English requests",
        setting: Setting::Request,
        dev: include_str!("asks_corpus/en-requests-dev.txt"),
        test: include_str!("asks_corpus/en-requests-test.txt"),
    },
    Corpus {
        name: "English questions",
        setting: Setting::Question,
        dev: include_str!("asks_corpus/en-questions-dev.txt"),
        test: include_str!("asks_corpus/en-questions-test.txt"),
    },
    Corpus {
        name: "French requests",
        setting: Setting::Request,
        dev: include_str!("asks_corpus/fr-requests-dev.txt"),
        test: include_str!("asks_corpus/fr-requests-test.txt"),
    },
    Corpus {
        name: "French questions",
        setting: Setting::Question,
        dev: include_str!("asks_corpus/fr-questions-dev.txt"),
        test: include_str!("asks_corpus/fr-questions-test.txt"),
    },
];

/// Each labelled line as (text, whether it is an ask, the heading of the
/// test half it came from if it did); a line that is neither a heading nor
/// labelled fails the test rather than being skipped. A heading
/// "# ---- The test half…" starts a half, a heading of text written for
/// the development half alone ends it.
fn labelled_by_half(file: &str) -> Vec<(&str, bool, Option<&str>)> {
    let mut half = None;
    file.lines()
        .filter_map(|line| {
            if line.starts_with("# ---- The test half") {
                half = Some(line);
            } else if line.starts_with('#') {
                if line.contains("development only") || line.contains("développement seulement") {
                    half = None;
                }
            } else if let Some(text) = line.strip_prefix("ask: ") {
                return Some((text, true, half));
            } else if let Some(text) = line.strip_prefix("fine: ") {
                return Some((text, false, half));
            } else if !line.trim().is_empty() {
                panic!("unlabelled corpus line: {line}")
            }
            None
        })
        .collect()
}

/// Each labelled line as (text, whether it is an ask).
fn labelled(file: &str) -> Vec<(&str, bool)> {
    labelled_by_half(file)
        .into_iter()
        .map(|(text, is_ask, _)| (text, is_ask))
        .collect()
}

/// Every ask of the development half, requests and questions, in both
/// languages.
pub(super) fn development_asks() -> impl Iterator<Item = &'static str> {
    CORPORA
        .iter()
        .flat_map(|corpus| labelled(corpus.dev))
        .filter(|(_, is_ask)| *is_ask)
        .map(|(text, _)| text)
}

/// The thresholds are chosen on the earlier test halves held out, so both
/// development files of a language hold each of them, under the same
/// heading. A language may move its test half on before the other, so
/// across languages one list of halves begins the other.
#[test]
fn every_development_file_holds_the_earlier_test_halves() {
    let headings = |corpus: &Corpus| {
        let mut found: Vec<&str> = labelled_by_half(corpus.dev)
            .into_iter()
            .filter_map(|(.., half)| half)
            .collect();
        found.dedup();
        found
    };
    let [english_requests, english_questions, french_requests, french_questions] =
        CORPORA.each_ref().map(headings);
    assert!(english_requests.len() >= 6, "{english_requests:?}");
    assert_eq!(english_requests, english_questions);
    assert_eq!(french_requests, french_questions);
    let shared = english_requests.len().min(french_requests.len());
    assert_eq!(english_requests[..shared], french_requests[..shared]);
}

struct Score {
    caught: usize,
    asks: usize,
    false_alarms: usize,
    honest: usize,
    wrong: Vec<String>,
}

impl Score {
    fn recall(&self) -> f64 {
        self.caught as f64 / self.asks as f64
    }

    fn false_alarm_rate(&self) -> f64 {
        self.false_alarms as f64 / self.honest as f64
    }
}

fn score(file: &str, setting: Setting) -> Score {
    let mut score = Score {
        caught: 0,
        asks: 0,
        false_alarms: 0,
        honest: 0,
        wrong: Vec::new(),
    };
    for (text, is_ask) in labelled(file) {
        let flagged = !asks_in(text, setting).is_empty();
        if is_ask {
            score.asks += 1;
            score.caught += usize::from(flagged);
        } else {
            score.honest += 1;
            score.false_alarms += usize::from(flagged);
        }
        if flagged != is_ask {
            let verdict = if is_ask { "missed" } else { "false alarm" };
            score.wrong.push(format!("{verdict}: {text}"));
        }
    }
    score
}

#[test]
fn each_language_has_300_requests_and_120_questions_split_in_halves() {
    for corpus in &CORPORA {
        let (dev, test) = (labelled(corpus.dev), labelled(corpus.test));
        let least = match corpus.setting {
            Setting::Request => 300,
            Setting::Question => 120,
        };
        assert!(dev.len() + test.len() >= least, "{} too small", corpus.name);
        assert!(
            test.len() * 2 >= least,
            "{} test half too small",
            corpus.name
        );
        for half in [dev, test] {
            let asks = half.iter().filter(|(_, ask)| *ask).count();
            assert!(asks * 3 >= half.len() && asks * 3 <= half.len() * 2);
        }
    }
}

/// What each test half measured last, as a ratchet: a rule change may
/// catch more or flag less, never the reverse. The goal is at least 95 %
/// of asks caught with at most 3 % of honest texts flagged; where a figure
/// is short of it, the README says so. English: the twenty-third half's
/// figures with the scorer retrained on the twenty-second half (no rule
/// changed), its second measurement, in aggregate; as shipped before it
/// was written it caught the same and flagged two honest requests more
/// (3). French: the tenth half's figures at the same commit, its
/// thirty-ninth measurement, in aggregate (BENCHMARKS.md, "Ask
/// filters").
const TEST_HALF_FLOOR: [(&str, usize, usize); 4] = [
    ("English requests", 76, 1),
    ("English questions", 44, 1),
    ("French requests", 79, 0),
    ("French questions", 30, 0),
];

#[test]
fn test_half_holds_its_measured_figures() {
    let mut failures = Vec::new();
    for (corpus, (name, least_caught, most_false_alarms)) in CORPORA.iter().zip(TEST_HALF_FLOOR) {
        assert_eq!(corpus.name, name);
        let score = score(corpus.test, corpus.setting);
        println!(
            "{} (test half): {} of {} asks caught ({:.1} %), {} of {} honest texts flagged ({:.1} %)",
            corpus.name,
            score.caught,
            score.asks,
            100.0 * score.recall(),
            score.false_alarms,
            score.honest,
            100.0 * score.false_alarm_rate(),
        );
        if score.caught < least_caught || score.false_alarms > most_false_alarms {
            failures.push(corpus.name);
        }
    }
    assert!(
        failures.is_empty(),
        "fell below the measured figures: {failures:?}"
    );
}

/// The half the rules are tuned on is held to every ask caught and at most
/// one false alarm in twenty; what it gets wrong is listed, to tune by.
#[test]
fn development_half_catches_every_ask() {
    let mut failures = Vec::new();
    for corpus in &CORPORA {
        let score = score(corpus.dev, corpus.setting);
        println!(
            "{} (development half): recall {:.3}, false alarms {:.3}",
            corpus.name,
            score.recall(),
            score.false_alarm_rate()
        );
        for wrong in &score.wrong {
            println!("  {wrong}");
        }
        if score.recall() < 1.0 || score.false_alarm_rate() > 0.05 {
            failures.push((corpus.name, score.wrong));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// For the learned-scorer trial (`scripts/asks-scorer-trial.py`, see
/// BENCHMARKS.md): every labelled text, its half, its label and whether
/// the rules flag it, in `target/asks-verdicts.tsv`.
#[test]
#[ignore]
fn write_the_rules_verdicts() {
    let mut out = String::new();
    for corpus in &CORPORA {
        for (half, file) in [("dev", corpus.dev), ("test", corpus.test)] {
            for (text, is_ask) in labelled(file) {
                let flagged = !asks_in(text, corpus.setting).is_empty();
                let (is_ask, flagged) = (u8::from(is_ask), u8::from(flagged));
                out.push_str(&format!(
                    "{}\t{half}\t{is_ask}\t{flagged}\t{text}\n",
                    corpus.name
                ));
            }
        }
    }
    std::fs::write("target/asks-verdicts.tsv", out).unwrap();
}

/// Benchmark, not a check: how long the filters take to read one text, as
/// the message linter does at each keystroke, natively in a release build
/// (`cargo test --release --lib bench_the_ask_filters -- --ignored
/// --nocapture`; BENCHMARKS.md, "Ask filters"). A whole message and the
/// development half's texts, the median of five runs each.
#[test]
#[ignore]
fn bench_the_ask_filters() {
    let message = "Hi Ana,\n\nYour talk on transit planning at the library last month stayed \
        with me. I'm a second-year geography student exploring careers in urban planning, and \
        I'd love to hear how you got started. Would you be open to a 15-minute coffee or call \
        in the next few weeks? I'm glad to fit around your schedule.\n\nThank you for your \
        time,\nSam";
    let texts: Vec<(&str, Setting)> = CORPORA
        .iter()
        .flat_map(|corpus| {
            labelled(corpus.dev)
                .into_iter()
                .map(|(text, _)| (text, corpus.setting))
        })
        .collect();
    let median_of_five = |texts: &[(&str, Setting)]| {
        let mut runs: Vec<std::time::Duration> = (0..5)
            .map(|_| {
                let start = std::time::Instant::now();
                for (text, setting) in texts {
                    std::hint::black_box(asks_in(std::hint::black_box(text), *setting));
                }
                start.elapsed() / texts.len() as u32
            })
            .collect();
        runs.sort();
        runs[2]
    };
    let whole = vec![(message, Setting::Request); 100];
    println!("a whole message: {:?}", median_of_five(&whole));
    println!(
        "one development text, of {}: {:?}",
        texts.len(),
        median_of_five(&texts)
    );
}

/// One labelled text of the development half, as the scorer learns it:
/// from the whole text, and judged, as in the app, by its sentences.
struct Sample {
    lit: Vec<usize>,
    sentences: Vec<Vec<usize>>,
    is_ask: bool,
    setting: Setting,
    flagged_by_rules: bool,
    /// The earlier test half it came from, if it did.
    half: Option<&'static str>,
}

/// One text as the trainer learns it: its buckets, and for an ask of
/// several sentences, each sentence's.
struct Example<'a> {
    whole: &'a [usize],
    sentences: &'a [Vec<usize>],
    is_ask: bool,
}

/// The probability a weighted sum stands for.
fn logistic(sum: f64) -> f64 {
    1.0 / (1.0 + (-sum).exp())
}

/// A logistic regression on the lit buckets, with the weights held back
/// as a C = 4 ridge would (the bias is not): full-batch Adam for a fixed
/// 1,200 steps, so that the same corpus always trains to the same weights.
fn train(samples: &[&Sample]) -> (f64, Vec<f64>) {
    const STEPS: usize = 1200;
    const RATE: f64 = 0.05;
    const RIDGE: f64 = 1.0 / 4.0;
    const WARM: usize = 400;
    let mut weights = vec![0.0_f64; BUCKETS + 1];
    let (mut first, mut second) = (vec![0.0_f64; BUCKETS + 1], vec![0.0_f64; BUCKETS + 1]);
    // An honest text is judged sentence by sentence, and each of its
    // sentences is honest, so it is learnt sentence by sentence as well as
    // whole. (Held out, this caught 85 more English and 50 more French
    // asks in requests at the same false alarms; BENCHMARKS.md.) Which
    // sentence of an ask asks is not marked, and the app flags a text by
    // its strongest sentence, so an ask is learnt whole for the first
    // `WARM` steps and then by its strongest sentence: the thanks around
    // an ask stop lending it weight it will not have when judged. (Held
    // out on the earlier test halves, the English scorer alone caught 17
    // more requests and 12 more questions; BENCHMARKS.md.)
    let examples: Vec<Example> = samples
        .iter()
        .flat_map(|sample| {
            let sentences = if sample.sentences.len() < 2 {
                &[][..]
            } else {
                &sample.sentences[..]
            };
            let (honest_sentences, ask_sentences) = if sample.is_ask {
                (&[][..], sentences)
            } else {
                (sentences, &[][..])
            };
            honest_sentences
                .iter()
                .map(|lit| Example {
                    whole: lit,
                    sentences: &[],
                    is_ask: false,
                })
                .chain([Example {
                    whole: &sample.lit,
                    sentences: ask_sentences,
                    is_ask: sample.is_ask,
                }])
        })
        .collect();
    for step in 1..=STEPS {
        let mut gradient: Vec<f64> = weights[..BUCKETS].iter().map(|w| w * RIDGE).collect();
        gradient.push(0.0);
        for Example {
            whole,
            sentences,
            is_ask,
        } in &examples
        {
            let sum_of =
                |lit: &[usize]| weights[BUCKETS] + lit.iter().map(|at| weights[*at]).sum::<f64>();
            let (lit, sum) = if sentences.is_empty() || step <= WARM {
                (*whole, sum_of(whole))
            } else {
                sentences
                    .iter()
                    .map(|lit| (lit.as_slice(), sum_of(lit)))
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .unwrap()
            };
            let error = logistic(sum) - f64::from(u8::from(*is_ask));
            for at in lit.iter().chain([&BUCKETS]) {
                gradient[*at] += error;
            }
        }
        for at in 0..=BUCKETS {
            first[at] = 0.9 * first[at] + 0.1 * gradient[at];
            second[at] = 0.999 * second[at] + 0.001 * gradient[at] * gradient[at];
            let corrected = first[at] / (1.0 - 0.9_f64.powi(step as i32));
            let scale = (second[at] / (1.0 - 0.999_f64.powi(step as i32))).sqrt() + 1e-8;
            weights[at] -= RATE * corrected / scale;
        }
    }
    let bias = weights.pop().unwrap_or_default();
    (bias, weights)
}

/// The buckets a text lights up as a request or a question.
fn lit(text: &str, setting: Setting) -> Vec<usize> {
    let words = tokens(text);
    features(&words, setting, &patterns().unwrap().classes_of(&words))
        .into_iter()
        .map(|(at, _)| at)
        .collect()
}

/// The lowest threshold, in hundredths, at which the scorer flags few
/// enough honest texts of `setting`, each scored by a scorer that never
/// saw its group (an earlier test half, or a fold of the text written for
/// the development half alone): text written apart from the rest, as a
/// new message is. The rules were tuned on all of it, so their false
/// alarms there say nothing; the rest of the 3 % goal is left to them.
///
/// Requests: at most 1.5 % of the honest requests of the earlier test
/// halves. Read by the rules as shipped before each was written, those
/// halves showed the rules flagging 1.8 % of honest requests, and 0.6 %
/// once the scorer overrules what it finds plainly honest (`DOUBT`),
/// which leaves the scorer about 2 % of the 3 % goal; 1.5 % keeps a
/// margin.
///
/// Questions: at most 2 % of the honest questions of the earlier test
/// halves, rounded up to a whole text. Those halves are written as the
/// test half is; the honest questions written for the development half
/// alone are its hardest look-alikes (the topics the articles recommend,
/// beside the asks they resemble), and counting them held the scorer to
/// 4 in 630 honest questions of the earlier halves while it missed one
/// ask in seven there. Measured as shipped, rules and scorer flagged 4 of
/// 375 honest questions on the eleventh to nineteenth English halves:
/// the rules leave the scorer about 2 %.
/// What rules or scorer catch there is printed, as a guide.
fn held_out_threshold(samples: &[Sample], held_out: &[Option<f64>], setting: Setting) -> f64 {
    let of_setting: Vec<(&Sample, f64)> = samples
        .iter()
        .zip(held_out)
        .filter_map(|(sample, score)| Some((sample, (*score)?)))
        .filter(|(sample, _)| sample.setting == setting)
        .collect();
    let counted = |sample: &Sample| sample.half.is_some();
    let honest = of_setting
        .iter()
        .filter(|(sample, _)| !sample.is_ask && counted(sample))
        .count();
    let scorer_alarms = |threshold: f64| {
        of_setting
            .iter()
            .filter(|(sample, p)| !sample.is_ask && *p >= threshold && counted(sample))
            .count()
    };
    let allowed = match setting {
        Setting::Request => honest * 3 / 200,
        Setting::Question => (honest * 2).div_ceil(100),
    };
    let threshold = (30..=99)
        .map(|hundredths| f64::from(hundredths) / 100.0)
        .find(|threshold| scorer_alarms(*threshold) <= allowed)
        .unwrap_or(0.99);
    let flagged = |asks: bool| {
        of_setting
            .iter()
            .filter(|(sample, p)| {
                sample.is_ask == asks && (sample.flagged_by_rules || *p >= threshold)
            })
            .count()
    };
    let scorer_catches = of_setting
        .iter()
        .filter(|(sample, p)| sample.is_ask && *p >= threshold)
        .count();
    let asks = of_setting
        .iter()
        .filter(|(sample, _)| sample.is_ask)
        .count();
    println!(
        "{setting:?}, each group held out, at {threshold}: {}/{asks} asks caught by rules or scorer ({scorer_catches} by the scorer alone), {}/{honest} honest texts counted flagged by the scorer",
        flagged(true),
        scorer_alarms(threshold)
    );
    threshold
}

/// The sentences of the app's message templates in one language, their
/// `{placeholders}` left out.
fn own_templates(language: &str) -> impl Iterator<Item = String> {
    let file = std::fs::read_to_string(format!("i18n/{language}.json")).unwrap();
    let catalogue: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&file).unwrap();
    catalogue
        .into_iter()
        .filter(|(key, _)| key.starts_with("message."))
        .map(|(_, text)| {
            // `{name}` is left out; `{n:one|many}` reads as its plural.
            let mut plain = String::new();
            let mut placeholder = String::new();
            let mut inside = false;
            for c in text.chars() {
                match c {
                    '{' => inside = true,
                    '}' => {
                        inside = false;
                        if let Some((_, choices)) = placeholder.split_once(':') {
                            plain.push_str(choices.rsplit('|').next().unwrap_or_default());
                        }
                        placeholder.clear();
                    }
                    _ if inside => placeholder.push(c),
                    _ => plain.push(c),
                }
            }
            plain
        })
}

/// One step of the shipped weights: a third of the weight that only one
/// in a hundred of the learned weights passes. Each weight is one hex
/// digit, from -7 to 7, so the rarest, heaviest ones are clamped. Scaled
/// to the largest weight, as before, most weights rounded to nothing, and
/// the scorer caught 3 to 4 % fewer requests of the earlier test halves,
/// each held out (BENCHMARKS.md, "Ask filters").
fn scale_of(weights: &[f64]) -> f64 {
    let mut sizes: Vec<f64> = weights
        .iter()
        .map(|w| w.abs())
        .filter(|size| *size > 0.0)
        .collect();
    sizes.sort_by(f64::total_cmp);
    sizes.get(sizes.len() * 99 / 100).copied().unwrap_or(1.0) / 3.0
}

/// A weight as the step shipped for it.
fn step_of(weight: f64, scale: f64) -> i8 {
    (weight / scale).round().clamp(-7.0, 7.0) as i8
}

/// The probability below which the scorer overrules a rule (see
/// `Patterns::plainly_honest`). On the earlier test halves, each scored by
/// a scorer that never saw it and read by the rules as shipped before it
/// was written, 0.05 overruled 18 of the rules' 27 false alarms in 1,484
/// honest requests and one of their 975 catches; 0.10 cost five catches
/// (BENCHMARKS.md, "Ask filters").
const DOUBT: f64 = 0.05;

/// Flagged where bias + scale × (sum of steps) reaches the threshold's
/// log-odds: the cut is that sum, rounded up.
fn cut_for(threshold: f64, bias: f64, scale: f64) -> i32 {
    (((threshold / (1.0 - threshold)).ln() - bias) / scale).ceil() as i32
}

/// The `scorer` lines of `asks_scorer.txt`, trained on the development
/// half (requests and questions) and the app's own words, never on the
/// test half. Each setting's cut comes from a threshold chosen on the
/// earlier test halves, each held out in turn (see [`held_out_threshold`]),
/// so no threshold is fitted to a text it then judges, raised if need be
/// above every text the app itself writes.
fn trained_scorers() -> String {
    let patterns = patterns().unwrap();
    let mut out = String::from(
        "# The learned scorer beside the rules (src/domain/asks_scorer.rs), trained on\n\
         # the development half: `cargo test --lib write_the_scorer -- --ignored`.\n",
    );
    for language in ["en", "fr"] {
        let corpus: Vec<(String, Setting, bool, Option<&'static str>)> = CORPORA
            .iter()
            .filter(|corpus| {
                corpus.name.starts_with(if language == "en" {
                    "English"
                } else {
                    "French"
                })
            })
            .flat_map(|corpus| {
                labelled_by_half(corpus.dev)
                    .into_iter()
                    .map(|(text, is_ask, half)| (text.to_string(), corpus.setting, is_ask, half))
            })
            .collect();
        let sample =
            |(text, setting, is_ask, half): &(String, Setting, bool, Option<&'static str>)| {
                Sample {
                    lit: lit(text, *setting),
                    sentences: text
                        .split(SENTENCE_ENDS)
                        .map(|sentence| lit(sentence, *setting))
                        .filter(|lit| !lit.is_empty())
                        .collect(),
                    is_ask: *is_ask,
                    setting: *setting,
                    flagged_by_rules: !asks_by_rules(patterns, text, *setting).is_empty(),
                    half: *half,
                }
            };
        let samples: Vec<Sample> = corpus.iter().map(sample).collect();
        // The app's own words are honest texts it must never flag: its bank
        // questions and its message templates. The scorer always learns from
        // them, sentence by sentence as it judges them (a template's thanks
        // must not weigh less for the paragraphs around it), and each cut
        // sits above the highest of them; they are not counted among the
        // development half's honest texts.
        let bank = if language == "en" {
            built_in_questions()
        } else {
            in_french(built_in_questions)
        };
        let own: Vec<Sample> = bank
            .into_iter()
            .map(|question| (question.text, Setting::Question))
            .chain(own_templates(language).map(|text| (text, Setting::Request)))
            .flat_map(|(text, setting)| {
                text.split(SENTENCE_ENDS)
                    .filter(|sentence| !tokens(sentence).is_empty())
                    .map(|sentence| sample(&(sentence.to_string(), setting, false, None)))
                    .collect::<Vec<_>>()
            })
            .collect();
        // Each earlier test half is held out in turn, and so is each of two
        // folds of the text written for the development half alone: the
        // look-alikes written there after a false alarm are the honest
        // texts most like the next one.
        let groups: Vec<(Option<&str>, usize)> = samples
            .iter()
            .enumerate()
            .map(|(at, sample)| (sample.half, if sample.half.is_some() { 0 } else { at % 2 }))
            .collect();
        let mut distinct = groups.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let mut held_out: Vec<Option<f64>> = vec![None; samples.len()];
        for held in &distinct {
            let training: Vec<&Sample> = samples
                .iter()
                .zip(&groups)
                .filter(|(_, group)| *group != held)
                .map(|(sample, _)| sample)
                .chain(&own)
                .collect();
            let (bias, weights) = train(&training);
            for (at, sample) in samples
                .iter()
                .enumerate()
                .filter(|(at, _)| &groups[*at] == held)
            {
                held_out[at] = Some(
                    sample
                        .sentences
                        .iter()
                        .map(|lit| {
                            let sum = bias + lit.iter().map(|b| weights[*b]).sum::<f64>();
                            logistic(sum)
                        })
                        .fold(0.0, f64::max),
                );
            }
        }
        let all: Vec<&Sample> = samples.iter().chain(&own).collect();
        let (bias, weights) = train(&all);
        let scale = scale_of(&weights);
        let steps: Vec<i8> = weights.iter().map(|w| step_of(*w, scale)).collect();
        let [request_cut, question_cut] = [Setting::Request, Setting::Question].map(|setting| {
            let threshold = held_out_threshold(&samples, &held_out, setting);
            let above_own = own
                .iter()
                .filter(|sample| sample.setting == setting)
                .flat_map(|sample| &sample.sentences)
                .map(|lit| lit.iter().map(|at| i32::from(steps[*at])).sum::<i32>() + 1)
                .max()
                .unwrap_or(i32::MIN);
            let cut = cut_for(threshold, bias, scale);
            println!("{language} {setting:?}: cut {cut}, above the app's own texts {above_own}");
            cut.max(above_own)
        });
        let hex: String = steps.iter().map(|step| format!("{:x}", step + 8)).collect();
        let doubt = cut_for(DOUBT, bias, scale);
        out.push_str(&format!(
            "scorer {language} {request_cut} {question_cut} {doubt} {hex}\n"
        ));
    }
    out
}

#[test]
#[ignore]
fn write_the_scorer() {
    std::fs::write("src/domain/asks_scorer.txt", trained_scorers()).unwrap();
}

/// The shipped weights are what the development half trains to now, within
/// a quantisation step: a corpus or rule change without retraining fails.
#[test]
fn the_shipped_scorer_is_trained_on_the_development_half() {
    let shipped = include_str!("asks_scorer.txt");
    let trained = trained_scorers();
    let lines = |file: &str| {
        file.lines()
            .filter(|l| l.starts_with("scorer"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (shipped, trained) = (lines(shipped), lines(&trained));
    assert_eq!(
        shipped.len(),
        2,
        "run `cargo test --lib write_the_scorer -- --ignored`"
    );
    for (shipped, trained) in shipped.iter().zip(&trained) {
        let fields = |line: &str| line.split(' ').map(str::to_string).collect::<Vec<_>>();
        let (a, b) = (fields(shipped), fields(trained));
        assert_eq!(
            a[..5],
            b[..5],
            "retrain: `cargo test --lib write_the_scorer -- --ignored`"
        );
        let steps = |hex: &str| {
            hex.chars()
                .map(|digit| digit.to_digit(16).unwrap() as i16)
                .collect::<Vec<_>>()
        };
        let close = steps(&a[5])
            .iter()
            .zip(steps(&b[5]))
            .all(|(x, y)| (x - y).abs() <= 1);
        assert!(
            close,
            "retrain: `cargo test --lib write_the_scorer -- --ignored`"
        );
        assert!(Scorer::parse(shipped).is_some());
    }
}
