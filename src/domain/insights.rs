//! Insights across chats: what several people said about the same thing,
//! side by side, and where the network leads. Every function here reads
//! the stored records and keeps nothing, so an insight can never disagree
//! with the chats it comes from.

use crate::domain::sorting::{sort_by, sort_by_key};
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::calendar::{business_days_between, short_date};
use super::chat::{stages_by_person, Chat, ChatId};
use super::person::{fold, Person, PersonId, SearchQuery};
use super::stage::Stage;
use super::targets::organisation_key;
use crate::i18n::{fill, t};

/// Turns a stored instant into the person's own calendar date.
pub type LocalDate<'a> = &'a dyn Fn(DateTime<Utc>) -> NaiveDate;

/// Who said something, and in which chat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    pub person_id: PersonId,
    pub name: String,
    pub chat_id: ChatId,
    /// When the chat was marked done, if it was.
    pub met: Option<DateTime<Utc>>,
}

fn speaker(person: &Person, chat: &Chat) -> Speaker {
    Speaker {
        person_id: person.id.clone(),
        name: person.name.clone(),
        chat_id: chat.id.clone(),
        met: chat.entered(Stage::Done),
    }
}

fn people_by_id(people: &[Person]) -> HashMap<&PersonId, &Person> {
    people.iter().map(|p| (&p.id, p)).collect()
}

/// The words that decide whether two questions are the same one: case,
/// accents, punctuation and spacing aside.
pub fn question_key(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerRow {
    pub speaker: Speaker,
    /// The answer note, possibly empty.
    pub answer: String,
}

/// A question asked of two or more people, with each one's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedQuestion {
    pub text: String,
    /// Oldest first; one row per chat it was asked in.
    pub answers: Vec<AnswerRow>,
}

/// A question planned in a finished chat but never asked of anyone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnaskedQuestion {
    pub text: String,
    /// Who it was planned for, in list order.
    pub planned_for: Vec<String>,
}

/// Every question asked of two or more different people, most people first,
/// and the questions planned for finished chats that nobody was asked.
pub fn by_question(
    people: &[Person],
    chats: &[Chat],
) -> (Vec<SharedQuestion>, Vec<UnaskedQuestion>) {
    /// One question's rows, borrowed until we know it is shared: with a
    /// year of chats most rows are kept, but nothing is copied twice.
    #[derive(Default)]
    struct Group<'a> {
        key: String,
        text: &'a str,
        asked: Vec<(&'a Person, &'a Chat, &'a str)>,
        planned_for: Vec<&'a str>,
    }
    let people = people_by_id(people);
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of_key: HashMap<String, usize> = HashMap::new();
    // Most questions come from the bank, so the same few texts repeat.
    let mut group_of_text: HashMap<&str, Option<usize>> = HashMap::new();
    for chat in chats {
        let Some(person) = people.get(&chat.person_id) else {
            continue;
        };
        let done = chat.stage() == Stage::Done;
        for question in &chat.questions {
            let group = *group_of_text
                .entry(question.text.as_str())
                .or_insert_with(|| {
                    let key = question_key(&question.text);
                    (!key.is_empty()).then(|| {
                        *group_of_key.entry(key.clone()).or_insert_with(|| {
                            groups.push(Group {
                                key,
                                text: question.text.trim(),
                                ..Group::default()
                            });
                            groups.len() - 1
                        })
                    })
                });
            let Some(group) = group.map(|g| &mut groups[g]) else {
                continue;
            };
            if question.asked {
                group.asked.push((person, chat, question.answer.trim()));
            } else if done && !group.planned_for.contains(&person.name.as_str()) {
                group.planned_for.push(&person.name);
            }
        }
    }
    // Listed in the order of their keys, as the same question worded
    // differently is one question.
    sort_by(&mut groups, |a, b| a.key.cmp(&b.key));
    let mut shared = Vec::new();
    let mut unasked = Vec::new();
    for group in groups {
        if group.asked.is_empty() {
            if !group.planned_for.is_empty() {
                unasked.push(UnaskedQuestion {
                    text: group.text.to_string(),
                    planned_for: group.planned_for.iter().map(|n| n.to_string()).collect(),
                });
            }
            continue;
        }
        let people_asked = group
            .asked
            .iter()
            .map(|(person, _, _)| &person.id)
            .collect::<HashSet<_>>()
            .len();
        if people_asked < 2 {
            continue;
        }
        let mut answers: Vec<AnswerRow> = group
            .asked
            .iter()
            .map(|(person, chat, answer)| AnswerRow {
                speaker: speaker(person, chat),
                answer: answer.to_string(),
            })
            .collect();
        sort_by(&mut answers, |a, b| {
            (a.speaker.met, &a.speaker.name).cmp(&(b.speaker.met, &b.speaker.name))
        });
        shared.push((
            people_asked,
            SharedQuestion {
                text: group.text.to_string(),
                answers,
            },
        ));
    }
    // Most people first; a stable sort keeps equals in key order.
    sort_by_key(&mut shared, |(people_asked, _)| {
        std::cmp::Reverse(*people_asked)
    });
    (shared.into_iter().map(|(_, q)| q).collect(), unasked)
}

/// The bank questions already asked of one person in their other chats,
/// by [`question_key`], with when that chat was done.
pub fn asked_of_person(
    person: &PersonId,
    except: &ChatId,
    chats: &[Chat],
) -> HashMap<String, Option<DateTime<Utc>>> {
    chats
        .iter()
        .filter(|c| &c.person_id == person && &c.id != except)
        .flat_map(|c| {
            c.questions
                .iter()
                .filter(|q| q.asked)
                .map(move |q| (question_key(&q.text), c.entered(Stage::Done)))
        })
        .collect()
}

/// One finished chat's debrief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Debrief {
    pub speaker: Speaker,
    pub organisation: String,
    pub takeaways: String,
    pub advice: String,
}

/// Narrows the debriefs; an empty field lets everything through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebriefFilter {
    pub organisation: String,
    pub field: String,
    pub tag: String,
    /// Matched like the People search: every word, any case or accent.
    pub query: String,
}

/// A done chat with takeaways or advice written.
fn has_debrief(chat: &Chat) -> bool {
    chat.stage() == Stage::Done
        && (!chat.takeaways.trim().is_empty() || !chat.advice.trim().is_empty())
}

/// Every done chat's takeaways and advice, newest first, with what the
/// filters compare folded once: a filter change then tests a year of
/// debriefs without folding any of them again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebriefIndex {
    entries: Vec<IndexedDebrief>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct IndexedDebrief {
    debrief: Debrief,
    organisation: String,
    field: String,
    tags: Vec<String>,
    /// Takeaways, advice, name and organisation, for the search.
    text: String,
}

impl DebriefIndex {
    pub fn new(people: &[Person], chats: &[Chat]) -> DebriefIndex {
        let people = people_by_id(people);
        let mut entries: Vec<IndexedDebrief> = chats
            .iter()
            .filter(|c| has_debrief(c))
            .filter_map(|chat| {
                let person = people.get(&chat.person_id)?;
                let debrief = Debrief {
                    speaker: speaker(person, chat),
                    organisation: person.organisation.trim().to_string(),
                    takeaways: chat.takeaways.trim().to_string(),
                    advice: chat.advice.trim().to_string(),
                };
                Some(IndexedDebrief {
                    organisation: fold(&debrief.organisation),
                    field: fold(person.field.trim()),
                    tags: person.tags.iter().map(|t| fold(t.trim())).collect(),
                    text: fold(&format!(
                        "{}\n{}\n{}\n{}",
                        debrief.takeaways, debrief.advice, person.name, person.organisation
                    )),
                    debrief,
                })
            })
            .collect();
        sort_by(&mut entries, |a, b| {
            let (a, b) = (&a.debrief.speaker, &b.debrief.speaker);
            b.met.cmp(&a.met).then_with(|| a.name.cmp(&b.name))
        });
        DebriefIndex { entries }
    }

    /// The positions, newest first, of the debriefs the filter lets through.
    pub fn matching(&self, filter: &DebriefFilter) -> Vec<usize> {
        let organisation = fold(filter.organisation.trim());
        let field = fold(filter.field.trim());
        let tag = fold(filter.tag.trim());
        let query = (!filter.query.trim().is_empty()).then(|| SearchQuery::new(&filter.query));
        let same = |wanted: &str, value: &str| wanted.is_empty() || wanted == value;
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                same(&organisation, &e.organisation)
                    && same(&field, &e.field)
                    && (tag.is_empty() || e.tags.iter().any(|t| t == &tag))
                    && query.as_ref().is_none_or(|q| q.matches(&e.text))
            })
            .map(|(at, _)| at)
            .collect()
    }

    pub fn get(&self, at: usize) -> Option<&Debrief> {
        self.entries.get(at).map(|e| &e.debrief)
    }

    /// The debriefs the filter lets through, newest first.
    pub fn filtered(&self, filter: &DebriefFilter) -> Vec<Debrief> {
        self.matching(filter)
            .into_iter()
            .filter_map(|at| self.get(at).cloned())
            .collect()
    }
}

/// Every done chat's takeaways and advice that the filter lets through,
/// newest first.
pub fn debriefs(people: &[Person], chats: &[Chat], filter: &DebriefFilter) -> Vec<Debrief> {
    DebriefIndex::new(people, chats).filtered(filter)
}

/// What the debrief filters can offer: the organisations, fields and tags
/// of the people with a debrief, each spelled as first written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebriefChoices {
    pub organisations: Vec<String>,
    pub fields: Vec<String>,
    pub tags: Vec<String>,
}

pub fn debrief_choices(people: &[Person], chats: &[Chat]) -> DebriefChoices {
    let with_debrief: HashSet<&PersonId> = chats
        .iter()
        .filter(|c| has_debrief(c))
        .map(|c| &c.person_id)
        .collect();
    // Each list by its folded spelling, keeping the first spelling met.
    let mut organisations = BTreeMap::new();
    let mut fields = BTreeMap::new();
    let mut tags = BTreeMap::new();
    let add = |list: &mut BTreeMap<String, String>, value: &str| {
        let value = value.trim();
        if !value.is_empty() {
            list.entry(fold(value)).or_insert_with(|| value.to_string());
        }
    };
    for person in people.iter().filter(|p| with_debrief.contains(&p.id)) {
        add(&mut organisations, &person.organisation);
        add(&mut fields, &person.field);
        for tag in &person.tags {
            add(&mut tags, tag);
        }
    }
    DebriefChoices {
        organisations: organisations.into_values().collect(),
        fields: fields.into_values().collect(),
        tags: tags.into_values().collect(),
    }
}

/// Where a passage was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Note,
    Answer,
    Takeaways,
    Advice,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Note => t().insights_source_note(),
            Source::Answer => t().insights_source_answer(),
            Source::Takeaways => t().insights_source_takeaways(),
            Source::Advice => t().insights_source_advice(),
        }
    }
}

/// One sentence or line in which a recurring term appears.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub speaker: Speaker,
    pub source: Source,
    pub text: String,
}

/// A word or two-word phrase that two or more people used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecurringTerm {
    /// As most often written.
    pub term: String,
    /// Everyone who used it, in the order first seen.
    pub people: Vec<String>,
    /// How many passages it came up in.
    pub passage_count: usize,
    /// The latest [`PASSAGES_SHOWN`] of them, newest first.
    pub passages: Vec<Passage>,
}

/// Passages listed under a term: enough to see how it was used; a year of
/// notes can hold hundreds.
pub const PASSAGES_SHOWN: usize = 25;

/// Words too common to say anything on their own, in English and French.
const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "always",
    "and",
    "any",
    "are",
    "around",
    "asked",
    "away",
    "back",
    "because",
    "been",
    "before",
    "being",
    "below",
    "best",
    "better",
    "between",
    "both",
    "but",
    "came",
    "can",
    "cannot",
    "come",
    "could",
    "did",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "else",
    "enough",
    "even",
    "ever",
    "every",
    "few",
    "first",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "give",
    "goes",
    "going",
    "gone",
    "good",
    "got",
    "great",
    "had",
    "has",
    "have",
    "having",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "however",
    "into",
    "its",
    "itself",
    "just",
    "keep",
    "know",
    "last",
    "less",
    "let",
    "like",
    "little",
    "lot",
    "lots",
    "made",
    "make",
    "makes",
    "many",
    "may",
    "maybe",
    "might",
    "more",
    "most",
    "much",
    "must",
    "need",
    "needs",
    "never",
    "new",
    "next",
    "not",
    "now",
    "off",
    "often",
    "once",
    "one",
    "only",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "part",
    "perhaps",
    "put",
    "quite",
    "rather",
    "really",
    "said",
    "same",
    "say",
    "says",
    "see",
    "seems",
    "she",
    "should",
    "since",
    "some",
    "something",
    "still",
    "such",
    "take",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "though",
    "through",
    "too",
    "two",
    "under",
    "until",
    "upon",
    "use",
    "used",
    "very",
    "want",
    "was",
    "way",
    "well",
    "went",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yes",
    "yet",
    "you",
    "your",
    "yours",
    "aux",
    "avec",
    "ces",
    "dans",
    "des",
    "elle",
    "est",
    "etre",
    "leur",
    "mais",
    "nous",
    "par",
    "pas",
    "pour",
    "que",
    "qui",
];

/// The same for notes written in French, folded (no accents). Words of
/// one or two letters (« de », « la », « un ») never count anyway.
const FRENCH_STOP_WORDS: &[&str] = &[
    "ainsi", "alors", "apres", "aussi", "autre", "autres", "aux", "avaient", "avait", "avant",
    "avec", "avez", "avoir", "avons", "beaucoup", "bien", "car", "ceci", "cela", "celle", "celles",
    "celui", "ces", "cest", "cet", "cette", "ceux", "chaque", "chez", "comme", "comment", "dans",
    "deja", "depuis", "des", "doit", "donc", "dont", "elle", "elles", "encore", "entre", "est",
    "etaient", "etait", "ete", "etre", "faire", "fait", "faut", "fois", "font", "ici", "ils",
    "jamais", "les", "leur", "leurs", "lui", "mais", "meme", "memes", "mes", "moins", "mon", "non",
    "nos", "notre", "nous", "ont", "oui", "par", "pas", "pendant", "peu", "peut", "peuvent",
    "plus", "plutot", "pour", "pourquoi", "pourrait", "puis", "quand", "que", "quelle", "quelque",
    "quelques", "qui", "quil", "quoi", "rien", "sans", "selon", "sera", "serait", "ses", "son",
    "sont", "sous", "sur", "surtout", "tant", "tes", "ton", "toujours", "tous", "tout", "toute",
    "toutes", "tres", "trop", "une", "vers", "veut", "vos", "votre", "vous", "vraiment",
];

/// Plurals of common words count with their singular: "skills" is "skill",
/// « réseaux » is « réseau ».
fn singular(word: &str) -> String {
    const KEEP: [&str; 4] = ["news", "series", "business", "process"];
    if word.len() <= 3 || KEEP.contains(&word) || word.ends_with("ics") {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    // French: « réseaux », « bureaux », « niveaux ».
    if let Some(stem) = word.strip_suffix("eaux") {
        return format!("{stem}eau");
    }
    for ending in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_string();
        }
    }
    if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// A small fast hash for the counting maps: their keys are ids and short
/// words from the person's own notes, never chosen by an attacker.
#[derive(Default)]
struct QuickHasher(u64);

impl std::hash::Hasher for QuickHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type QuickMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<QuickHasher>>;

/// A term's words as ids into the [`Vocabulary`]: a single word has
/// [`NO_WORD`] second.
type TermIds = (u32, u32);
const NO_WORD: u32 = u32::MAX;

/// Every distinct spelling is read once, however often it comes up: its
/// written form and its key (folded, singular) become small ids.
#[derive(Default)]
struct Vocabulary<'a> {
    seen: QuickMap<&'a str, Option<(u32, u32)>>,
    written: Vec<String>,
    written_ids: HashMap<String, u32>,
    keys: Vec<String>,
    key_ids: HashMap<String, u32>,
}

fn intern(list: &mut Vec<String>, ids: &mut HashMap<String, u32>, text: String) -> u32 {
    if let Some(id) = ids.get(&text) {
        return *id;
    }
    let id = u32::try_from(list.len()).unwrap_or(NO_WORD - 1);
    ids.insert(text.clone(), id);
    list.push(text);
    id
}

impl<'a> Vocabulary<'a> {
    /// `None` for a word that carries no meaning (a stop word, a number, a
    /// short word), else the ids of its written form and of its key.
    fn word(&mut self, raw: &'a str) -> Option<(u32, u32)> {
        if let Some(known) = self.seen.get(raw) {
            return *known;
        }
        let acronym = raw.chars().count() == 2 && raw.chars().all(char::is_uppercase);
        let lower = raw.to_lowercase();
        let folded = fold(&lower);
        let meaningful = (folded.chars().count() >= 3 || acronym)
            && !folded.chars().all(|c| c.is_ascii_digit())
            && !STOP_WORDS.contains(&folded.as_str())
            && !FRENCH_STOP_WORDS.contains(&folded.as_str());
        let ids = meaningful.then(|| {
            (
                intern(&mut self.written, &mut self.written_ids, lower),
                intern(&mut self.keys, &mut self.key_ids, singular(&folded)),
            )
        });
        self.seen.insert(raw, ids);
        ids
    }

    fn spell(list: &[String], (first, second): TermIds) -> String {
        if second == NO_WORD {
            list[first as usize].clone()
        } else {
            format!("{} {}", list[first as usize], list[second as usize])
        }
    }
}

fn passages_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '!', '?', ';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

#[derive(Default)]
struct Tally {
    /// Person indexes, in the order first seen; repeats are removed at the end.
    people: Vec<u32>,
    /// Passage indexes, each once.
    passages: Vec<u32>,
    /// How often each written form came up.
    written: Vec<(TermIds, u32)>,
}

/// Terms and two-word phrases that two or more people used in their
/// notes, answers, takeaways and advice, most people first, at most
/// `limit`. Counted, not scored: each comes with who said it and where.
pub fn recurring_terms(people: &[Person], chats: &[Chat], limit: usize) -> Vec<RecurringTerm> {
    let person_index: QuickMap<&PersonId, u32> = people
        .iter()
        .enumerate()
        .map(|(n, p)| (&p.id, u32::try_from(n).unwrap_or(NO_WORD)))
        .collect();
    let mut vocabulary = Vocabulary::default();
    let mut passages: Vec<(usize, Source, &str)> = Vec::new();
    let mut tallies: QuickMap<TermIds, Tally> = QuickMap::default();
    let mut tokens: Vec<Option<(u32, u32)>> = Vec::new();
    let mut found: Vec<(TermIds, TermIds)> = Vec::new();
    for (chat_index, chat) in chats.iter().enumerate() {
        let Some(&person) = person_index.get(&chat.person_id) else {
            continue;
        };
        let texts = chat
            .notes
            .iter()
            .map(|n| (Source::Note, n.text.as_str()))
            .chain(
                chat.questions
                    .iter()
                    .map(|q| (Source::Answer, q.answer.as_str())),
            )
            .chain([
                (Source::Takeaways, chat.takeaways.as_str()),
                (Source::Advice, chat.advice.as_str()),
            ]);
        for (source, text) in texts {
            for passage in passages_of(text) {
                tokens.clear();
                tokens.extend(
                    passage
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(|w| vocabulary.word(w)),
                );
                found.clear();
                found.extend(
                    tokens
                        .iter()
                        .flatten()
                        .map(|&(w, k)| ((k, NO_WORD), (w, NO_WORD))),
                );
                found.extend(tokens.windows(2).filter_map(|pair| match *pair {
                    [Some((w1, k1)), Some((w2, k2))] if k1 != k2 => Some(((k1, k2), (w1, w2))),
                    _ => None,
                }));
                if found.is_empty() {
                    continue;
                }
                found.sort_unstable();
                let index = u32::try_from(passages.len()).unwrap_or(NO_WORD);
                passages.push((chat_index, source, passage));
                let mut previous = None;
                for &(key, written) in &found {
                    let tally = tallies.entry(key).or_default();
                    match tally.written.iter_mut().find(|(w, _)| *w == written) {
                        Some((_, count)) => *count += 1,
                        None => tally.written.push((written, 1)),
                    }
                    if previous != Some(key) {
                        tally.passages.push(index);
                        if tally.people.last() != Some(&person) {
                            tally.people.push(person);
                        }
                    }
                    previous = Some(key);
                }
            }
        }
    }
    for tally in tallies.values_mut() {
        let mut seen: QuickMap<u32, ()> = QuickMap::default();
        tally.people.retain(|p| seen.insert(*p, ()).is_none());
    }
    tallies.retain(|_, t| t.people.len() >= 2);
    // A word heard only inside a recurring phrase adds nothing beside it.
    let mut phrases_with: QuickMap<u32, Vec<&Vec<u32>>> = QuickMap::default();
    for ((first, second), tally) in tallies.iter().filter(|((_, second), _)| *second != NO_WORD) {
        for part in [*first, *second] {
            phrases_with.entry(part).or_default().push(&tally.passages);
        }
    }
    let redundant: HashSet<TermIds> = tallies
        .iter()
        .filter(|((word, second), tally)| {
            *second == NO_WORD
                && phrases_with
                    .get(word)
                    .is_some_and(|phrases| phrases.contains(&&tally.passages))
        })
        .map(|(key, _)| *key)
        .collect();
    let mut ranked: Vec<(usize, usize, String, &Tally)> = tallies
        .iter()
        .filter(|(key, _)| !redundant.contains(key))
        .map(|(key, t)| {
            (
                t.people.len(),
                t.passages.len(),
                Vocabulary::spell(&vocabulary.keys, *key),
                t,
            )
        })
        .collect();
    sort_by(&mut ranked, |a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.1.cmp(&a.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, _, _, tally)| {
            let term = tally
                .written
                .iter()
                .map(|(ids, count)| (Vocabulary::spell(&vocabulary.written, *ids), *count))
                // On a tie the accented spelling wins: it was typed with care.
                .max_by(|(wa, na), (wb, nb)| {
                    na.cmp(nb)
                        .then_with(|| wa.len().cmp(&wb.len()))
                        .then_with(|| wb.cmp(wa))
                })
                .map(|(w, _)| w)
                .unwrap_or_default();
            RecurringTerm {
                term,
                people: tally
                    .people
                    .iter()
                    .map(|p| people[*p as usize].name.clone())
                    .collect(),
                passage_count: tally.passages.len(),
                passages: tally
                    .passages
                    .iter()
                    .rev()
                    .take(PASSAGES_SHOWN)
                    .map(|i| {
                        let (chat_index, source, text) = passages[*i as usize];
                        let chat = &chats[chat_index];
                        let person = &people[person_index[&chat.person_id] as usize];
                        Passage {
                            speaker: speaker(person, chat),
                            source,
                            text: text.to_string(),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A person in the network views: who, and where they stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub id: PersonId,
    pub name: String,
    pub stage: Stage,
}

/// Each person's stage, and whom you have met, read once from the chats.
struct Standings<'a> {
    stages: HashMap<PersonId, Stage>,
    met: HashSet<&'a PersonId>,
}

impl<'a> Standings<'a> {
    fn of(chats: &'a [Chat]) -> Self {
        Standings {
            stages: stages_by_person(chats),
            met: chats
                .iter()
                .filter(|c| c.entered(Stage::Done).is_some())
                .map(|c| &c.person_id)
                .collect(),
        }
    }

    fn contact(&self, person: &Person) -> Contact {
        Contact {
            id: person.id.clone(),
            name: person.name.clone(),
            stage: self.stages.get(&person.id).copied().unwrap_or(Stage::Idea),
        }
    }

    fn met(&self, person: &PersonId) -> bool {
        self.met.contains(person)
    }
}

/// Every referral path from someone who introduced people to the end of
/// the line: "Ana → Ben → Chloé". Paths of one person are left out.
pub fn referral_chains(people: &[Person], chats: &[Chat]) -> Vec<Vec<Contact>> {
    let standings = Standings::of(chats);
    let by_id = people_by_id(people);
    let mut introduced: HashMap<&PersonId, Vec<&Person>> = HashMap::new();
    for person in people {
        if let Some(by) = person
            .introduced_by
            .as_ref()
            .filter(|by| by_id.contains_key(by))
        {
            introduced.entry(by).or_default().push(person);
        }
    }
    for list in introduced.values_mut() {
        sort_by_key(list, |p| fold(&p.name));
    }
    let mut roots: Vec<&Person> = people
        .iter()
        .filter(|p| introduced.contains_key(&p.id))
        .filter(|p| {
            p.introduced_by
                .as_ref()
                .is_none_or(|by| !by_id.contains_key(by))
        })
        .collect();
    sort_by_key(&mut roots, |p| fold(&p.name));
    let mut chains = Vec::new();
    let mut reached: HashSet<&PersonId> = HashSet::new();
    for root in roots {
        walk(root, &introduced, &standings, &mut chains, &mut reached);
    }
    // People who introduce each other in a loop have no start: begin at
    // the first of them not reached yet.
    let mut in_loops: Vec<&Person> = people
        .iter()
        .filter(|p| introduced.contains_key(&p.id))
        .collect();
    sort_by_key(&mut in_loops, |p| fold(&p.name));
    for person in in_loops {
        if !reached.contains(&person.id) {
            walk(person, &introduced, &standings, &mut chains, &mut reached);
        }
    }
    chains
}

/// Every path from `root` down its introductions. Depth first, never
/// revisiting a person on the same path, so a loop in damaged data ends
/// instead of running forever.
fn walk<'p>(
    root: &'p Person,
    introduced: &HashMap<&'p PersonId, Vec<&'p Person>>,
    standings: &Standings,
    chains: &mut Vec<Vec<Contact>>,
    reached: &mut HashSet<&'p PersonId>,
) {
    let mut stack: Vec<Vec<&'p Person>> = vec![vec![root]];
    while let Some(path) = stack.pop() {
        let last = path[path.len() - 1];
        reached.insert(&last.id);
        let next: Vec<&'p Person> = introduced
            .get(&last.id)
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|p| !path.iter().any(|q| q.id == p.id))
                    .collect()
            })
            .unwrap_or_default();
        if next.is_empty() {
            if path.len() >= 2 {
                chains.push(path.iter().map(|p| standings.contact(p)).collect());
            }
            continue;
        }
        for child in next.into_iter().rev() {
            let mut longer = path.clone();
            longer.push(child);
            stack.push(longer);
        }
    }
}

/// Someone who introduced others, and what came of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Introducer {
    pub person: Contact,
    pub introduced: Vec<Contact>,
    /// Introductions that became a chat, at any stage.
    pub became_chats: usize,
    /// Introductions that led to a finished chat.
    pub met: usize,
}

/// Who introduced the most people, most first.
pub fn introducers(people: &[Person], chats: &[Chat]) -> Vec<Introducer> {
    let standings = Standings::of(chats);
    let with_chat: HashSet<&PersonId> = chats.iter().map(|c| &c.person_id).collect();
    let by_id = people_by_id(people);
    let mut found: BTreeMap<&PersonId, Introducer> = BTreeMap::new();
    for person in people {
        let Some(by) = person.introduced_by.as_ref().and_then(|id| by_id.get(id)) else {
            continue;
        };
        let entry = found.entry(&by.id).or_insert_with(|| Introducer {
            person: standings.contact(by),
            introduced: Vec::new(),
            became_chats: 0,
            met: 0,
        });
        entry.introduced.push(standings.contact(person));
        entry.became_chats += usize::from(with_chat.contains(&person.id));
        entry.met += usize::from(standings.met(&person.id));
    }
    let mut list: Vec<Introducer> = found.into_values().collect();
    for introducer in &mut list {
        sort_by_key(&mut introducer.introduced, |c| fold(&c.name));
    }
    // Each name folded once, not at every comparison.
    sort_by_key(&mut list, |i| {
        (std::cmp::Reverse(i.introduced.len()), fold(&i.person.name))
    });
    list
}

/// How things stand at one organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// You have met someone there: a possible advocate.
    Met,
    Booked,
    /// Asked, and no one has said yes yet.
    Waiting,
    /// Everyone asked said no or never answered.
    NoAnswer,
    NotAsked,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::Met => t().insights_standing_met(),
            Standing::Booked => t().insights_standing_booked(),
            Standing::Waiting => t().insights_standing_waiting(),
            Standing::NoAnswer => t().insights_standing_no_answer(),
            Standing::NotAsked => t().insights_standing_not_asked(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    /// As first written.
    pub name: String,
    pub people: Vec<Contact>,
    pub standing: Standing,
}

/// Organisations with their people and where each stands, most people
/// first. Spellings that differ only in case or accents are one.
pub fn organisations(people: &[Person], chats: &[Chat]) -> Vec<Organisation> {
    let standings = Standings::of(chats);
    let mut found: BTreeMap<String, (Organisation, bool)> = BTreeMap::new();
    for person in people {
        let name = person.organisation.trim();
        if name.is_empty() {
            continue;
        }
        let (organisation, anyone_met) = found.entry(organisation_key(name)).or_insert_with(|| {
            (
                Organisation {
                    name: name.to_string(),
                    people: Vec::new(),
                    standing: Standing::NotAsked,
                },
                false,
            )
        });
        *anyone_met |= standings.met(&person.id);
        organisation.people.push(standings.contact(person));
    }
    let mut list: Vec<Organisation> = found
        .into_values()
        .map(|(mut organisation, anyone_met)| {
            let has = |stage: Stage| organisation.people.iter().any(|c| c.stage == stage);
            organisation.standing = if anyone_met {
                Standing::Met
            } else if has(Stage::Booked) {
                Standing::Booked
            } else if has(Stage::Asked) {
                Standing::Waiting
            } else if has(Stage::Declined) || has(Stage::NoReply) {
                Standing::NoAnswer
            } else {
                Standing::NotAsked
            };
            sort_by_key(&mut organisation.people, |c| fold(&c.name));
            organisation
        })
        .collect();
    sort_by_key(&mut list, |o| {
        (std::cmp::Reverse(o.people.len()), fold(&o.name))
    });
    list
}

/// From asking to meeting, over every chat.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Funnel {
    pub asked: usize,
    pub booked: usize,
    pub done: usize,
    /// Asked chats that got an answer: booked, done or declined.
    pub replied: usize,
    /// Median business days from asking to booking, over chats that did both.
    pub median_days_to_book: Option<f64>,
}

impl Funnel {
    /// The share who replied, in whole percent.
    pub fn reply_rate(&self) -> Option<u32> {
        (self.asked > 0).then(|| {
            let rate = (self.replied * 100 + self.asked / 2) / self.asked;
            u32::try_from(rate).unwrap_or(100)
        })
    }
}

fn first_entered(chat: &Chat, stage: Stage) -> Option<DateTime<Utc>> {
    chat.history.iter().find(|c| c.stage == stage).map(|c| c.at)
}

pub fn funnel(chats: &[Chat], local_date: LocalDate) -> Funnel {
    let mut funnel = Funnel::default();
    let mut days: Vec<u32> = Vec::new();
    for chat in chats {
        let asked = first_entered(chat, Stage::Asked);
        let booked = first_entered(chat, Stage::Booked);
        let ever = |stage| first_entered(chat, stage).is_some();
        funnel.asked += usize::from(asked.is_some());
        funnel.booked += usize::from(booked.is_some());
        funnel.done += usize::from(ever(Stage::Done));
        if let Some(asked) = asked {
            let answered = [Stage::Booked, Stage::Done, Stage::Declined]
                .into_iter()
                .any(|stage| {
                    chat.history
                        .iter()
                        .any(|c| c.stage == stage && c.at >= asked)
                });
            funnel.replied += usize::from(answered);
            if let Some(booked) = booked.filter(|b| *b >= asked) {
                days.push(business_days_between(local_date(asked), local_date(booked)));
            }
        }
    }
    days.sort_unstable();
    funnel.median_days_to_book = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(f64::from(days[n / 2])),
        n => Some((f64::from(days[n / 2 - 1]) + f64::from(days[n / 2])) / 2.0),
    };
    funnel
}

/// The parts of the Insights screen, each exportable on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Questions,
    Debriefs,
    Terms,
    Network,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Questions,
        Section::Debriefs,
        Section::Terms,
        Section::Network,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Questions => t().insights_section_questions(),
            Section::Debriefs => t().insights_section_debriefs(),
            Section::Terms => t().insights_section_terms(),
            Section::Network => t().insights_section_network(),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Section::Questions => "questions",
            Section::Debriefs => "advice",
            Section::Terms => "words",
            Section::Network => "network",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// How many recurring terms the screen and the export show.
pub const TERMS_SHOWN: usize = 30;

/// Writes headings and lists as Markdown or as plain text.
struct Writer {
    markdown: bool,
    out: String,
}

impl Writer {
    fn heading(&mut self, level: usize, text: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        if self.markdown {
            self.out
                .push_str(&format!("{} {text}\n", "#".repeat(level)));
        } else {
            self.out.push_str(text);
            self.out.push('\n');
            if level <= 2 {
                let rule = if level == 1 { '=' } else { '-' };
                self.out
                    .push_str(&rule.to_string().repeat(text.chars().count()));
                self.out.push('\n');
            }
        }
    }

    /// A list item; the lines after the first are indented under it.
    fn item(&mut self, text: &str) {
        let mut lines = text.lines();
        self.out
            .push_str(&format!("- {}\n", lines.next().unwrap_or("")));
        for line in lines {
            self.out.push_str(&format!("  {line}\n"));
        }
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }
}

fn dated(name: &str, met: Option<DateTime<Utc>>, local_date: LocalDate) -> String {
    match met {
        Some(at) => fill(
            t().insights_export_dated(),
            &[("name", &name), ("date", &short_date(local_date(at)))],
        ),
        None => name.to_string(),
    }
}

/// The chosen sections as text to share, in Markdown or plain text. The
/// debriefs and terms are the ones the screen already has, so a filtered
/// list exports as shown and the words are not counted again.
pub fn export(
    people: &[Person],
    chats: &[Chat],
    debriefs: &[Debrief],
    terms: &[RecurringTerm],
    sections: &[Section],
    markdown: bool,
    local_date: LocalDate,
) -> String {
    let mut w = Writer {
        markdown,
        out: String::new(),
    };
    w.heading(1, t().insights_export_title());
    for section in Section::ALL.into_iter().filter(|s| sections.contains(s)) {
        w.heading(2, section.title());
        match section {
            Section::Questions => {
                let (shared, unasked) = by_question(people, chats);
                if shared.is_empty() {
                    w.line(t().insights_export_no_questions());
                }
                for question in &shared {
                    w.heading(3, &question.text);
                    for row in &question.answers {
                        let answer = if row.answer.is_empty() {
                            t().insights_export_no_note()
                        } else {
                            &row.answer
                        };
                        w.item(&format!(
                            "{}: {answer}",
                            dated(&row.speaker.name, row.speaker.met, local_date)
                        ));
                    }
                }
                if !unasked.is_empty() {
                    w.heading(3, t().insights_export_unasked());
                    for question in &unasked {
                        w.item(&fill(
                            t().insights_export_planned_for(),
                            &[
                                ("question", &question.text),
                                ("names", &question.planned_for.join(", ")),
                            ],
                        ));
                    }
                }
            }
            Section::Debriefs => {
                if debriefs.is_empty() {
                    w.line(t().insights_export_no_debriefs());
                }
                for debrief in debriefs {
                    let who = if debrief.organisation.is_empty() {
                        debrief.speaker.name.clone()
                    } else {
                        format!("{} ({})", debrief.speaker.name, debrief.organisation)
                    };
                    w.heading(3, &dated(&who, debrief.speaker.met, local_date));
                    if !debrief.takeaways.is_empty() {
                        w.item(&fill(
                            t().insights_export_takeaways(),
                            &[("text", &debrief.takeaways)],
                        ));
                    }
                    if !debrief.advice.is_empty() {
                        w.item(&fill(
                            t().insights_export_advice(),
                            &[("text", &debrief.advice)],
                        ));
                    }
                }
            }
            Section::Terms => {
                if terms.is_empty() {
                    w.line(t().insights_export_no_terms());
                }
                for term in terms {
                    w.item(&fill(
                        t().insights_export_term(),
                        &[
                            ("term", &term.term),
                            ("people", &term.people.join(", ")),
                            ("n", &term.passage_count),
                        ],
                    ));
                }
            }
            Section::Network => {
                let f = funnel(chats, local_date);
                let mut summary = fill(
                    t().insights_export_funnel(),
                    &[
                        ("asked", &f.asked),
                        ("booked", &f.booked),
                        ("done", &f.done),
                    ],
                );
                if let Some(rate) = f.reply_rate() {
                    summary.push_str(&fill(t().insights_export_replied(), &[("n", &rate)]));
                }
                if let Some(days) = f.median_days_to_book {
                    summary.push_str(&fill(
                        t().insights_export_median(),
                        &[("days", &business_days(days))],
                    ));
                }
                w.line(&summary);
                let chains = referral_chains(people, chats);
                if !chains.is_empty() {
                    w.heading(3, t().insights_export_chains());
                    for chain in &chains {
                        let names: Vec<&str> = chain.iter().map(|c| c.name.as_str()).collect();
                        w.item(&names.join(" → "));
                    }
                }
                let introducers = introducers(people, chats);
                if !introducers.is_empty() {
                    w.heading(3, t().insights_export_introducers());
                    for i in &introducers {
                        w.item(&introduction_summary(i));
                    }
                }
                let organisations = organisations(people, chats);
                if !organisations.is_empty() {
                    w.heading(3, t().insights_export_organisations());
                    for o in &organisations {
                        let people: Vec<String> = o
                            .people
                            .iter()
                            .map(|c| format!("{}: {}", c.name, c.stage.label()))
                            .collect();
                        w.item(&fill(
                            t().insights_export_organisation(),
                            &[
                                ("name", &o.name),
                                ("standing", &o.standing.label()),
                                ("people", &people.join(", ")),
                            ],
                        ));
                    }
                }
            }
        }
    }
    w.out
}

/// t().insights_one_business_day(), "2.5 business days".
/// Integer arithmetic only: formatting a float would add its own 10 KB to
/// the download.
pub fn business_days(days: f64) -> String {
    let tenths = (days * 10.0).round() as i64;
    let days = match tenths {
        10 => return t().insights_one_business_day().into(),
        _ if tenths % 10 == 0 => (tenths / 10).to_string(),
        _ => format!(
            "{}{}{}",
            tenths / 10,
            t().settings_decimal_point(),
            tenths % 10
        ),
    };
    fill(t().insights_business_days(), &[("n", &days)])
}

/// Who used a term, short enough for one line: "Ana Silva, Ben Okafor,
/// Chloé Roy and 297 others". With a year of notes a common term has
/// hundreds of speakers; its passages say who each one was.
pub fn speakers_line(people: &[String]) -> String {
    const NAMED: usize = 3;
    if people.len() <= NAMED + 1 {
        return people.join(", ");
    }
    let others = people.len() - NAMED;
    fill(
        t().insights_and_others(),
        &[("names", &people[..NAMED].join(", ")), ("n", &others)],
    )
}

/// "Ana Silva introduced 3 people: 2 became chats, 1 met."
pub fn introduction_summary(introducer: &Introducer) -> String {
    let n = introducer.introduced.len();
    fill(
        t().insights_introduced(),
        &[
            ("name", &introducer.person.name),
            ("n", &n),
            ("chats", &introducer.became_chats),
            ("met", &introducer.met),
        ],
    )
}

#[cfg(test)]
mod tests;
