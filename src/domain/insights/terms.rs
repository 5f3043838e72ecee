//! The words and two-word phrases that two or more people used, counted
//! once per person, with the passages they came in.

use super::*;

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
pub(super) fn singular(word: &str) -> String {
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
