//! What several people said about the same thing: answers by question,
//! the debriefs with their filters, and the bank questions a person was
//! already asked.

use super::*;

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
