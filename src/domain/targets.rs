//! Targets: the organisations a person wants to learn about, ranked the
//! way the LAMP method ranks them (how much they want to learn about it,
//! whether it posts roles in their career, who they know there), and what
//! to do next at each. People meet targets by their organisation's name,
//! folded so that « Québec » finds "Quebec" and "Acme Inc." finds "Acme".

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::chat::{latest_chat, stages_by_person, Chat, ChatId};
use super::followup::{FollowUp, FollowUpKind, FollowUpStatus};
use super::person::{is_web_address, Person, PersonId, NAME_MAX_CHARS};
use super::sorting::{sort_by, sort_by_key};
use super::stage::Stage;
use super::words::fold;
use crate::i18n::t;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TargetId(pub String);

impl fmt::Display for TargetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The highest score of either scale: 0 none, 3 very much.
pub const TOP_SCORE: u8 = 3;

/// How many targets the method works on at a time.
pub const AT_A_TIME: usize = 5;

/// An organisation to learn about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub id: TargetId,
    pub name: String,
    #[serde(default)]
    pub field: String,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub notes: String,
    /// How much the person wants to learn about it, 0 to [`TOP_SCORE`].
    #[serde(default)]
    pub motivation: u8,
    /// Whether it posts roles in the career being explored, 0 to
    /// [`TOP_SCORE`]: a measure of interest, not a plan to apply.
    #[serde(default)]
    pub postings: u8,
    /// The name before a rename that people on the list still use, until
    /// the person says whether to change theirs.
    #[serde(default)]
    pub former_name: String,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetField {
    Name,
    Field,
    Link,
    Notes,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    Motivation,
    Postings,
}

impl Target {
    pub fn new(id: TargetId, name: &str, now: DateTime<Utc>) -> Result<Target, &'static str> {
        Ok(Target {
            id,
            name: checked(TargetField::Name, name)?,
            field: String::new(),
            link: String::new(),
            notes: String::new(),
            motivation: 0,
            postings: 0,
            former_name: String::new(),
            created_at: now,
            updated_at: now,
        })
    }

    pub fn text(&self, field: TargetField) -> &str {
        match field {
            TargetField::Name => &self.name,
            TargetField::Field => &self.field,
            TargetField::Link => &self.link,
            TargetField::Notes => &self.notes,
        }
    }

    /// Sets one field from what was typed; on error nothing changes. A
    /// rename remembers the name people on the list may still use.
    pub fn set(
        &mut self,
        field: TargetField,
        input: &str,
        now: DateTime<Utc>,
    ) -> Result<(), &'static str> {
        let value = checked(field, input)?;
        match field {
            TargetField::Name => {
                let former = std::mem::replace(&mut self.name, value);
                if self.former_name.is_empty() {
                    self.former_name = former;
                }
                if same_organisation(&self.former_name, &self.name) {
                    self.former_name.clear();
                }
            }
            TargetField::Field => self.field = value,
            TargetField::Link => self.link = value,
            TargetField::Notes => self.notes = value,
        }
        self.updated_at = now;
        Ok(())
    }

    pub fn score(&self, score: Score) -> u8 {
        match score {
            Score::Motivation => self.motivation,
            Score::Postings => self.postings,
        }
        .min(TOP_SCORE)
    }

    pub fn set_score(&mut self, score: Score, value: u8, now: DateTime<Utc>) {
        let value = value.min(TOP_SCORE);
        match score {
            Score::Motivation => self.motivation = value,
            Score::Postings => self.postings = value,
        }
        self.updated_at = now;
    }

    /// Whether `person` works here, by the folded organisation name.
    pub fn employs(&self, person: &Person) -> bool {
        self.employs_name(&person.organisation)
    }

    /// Whether `organisation` names this one.
    pub fn employs_name(&self, organisation: &str) -> bool {
        same_organisation(&self.name, organisation)
    }
}

fn checked(field: TargetField, input: &str) -> Result<String, &'static str> {
    let value = match field {
        TargetField::Notes => input.trim_end(),
        _ => input.trim(),
    };
    match field {
        TargetField::Name if value.is_empty() => Err(t().target_name_required()),
        TargetField::Name if value.chars().count() > NAME_MAX_CHARS => {
            Err(t().person_name_too_long())
        }
        TargetField::Link if !value.is_empty() && !is_web_address(value) => {
            Err(t().field_bad_web_address())
        }
        _ => Ok(value.to_string()),
    }
}

/// Words that say what kind of company it is, not which: "Acme Inc." and
/// "Acme" are one organisation.
const LEGAL_FORMS: [&str; 21] = [
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "ltee",
    "llc",
    "llp",
    "corp",
    "corporation",
    "co",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "srl",
    "bv",
    "nv",
    "enr",
    "senc",
];

/// An organisation's name as it is compared: folded like search (no case,
/// no accents), punctuation as spaces, and a trailing legal form dropped.
pub fn organisation_key(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL_FORMS.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

pub fn same_organisation(a: &str, b: &str) -> bool {
    let key = organisation_key(a);
    !key.is_empty() && key == organisation_key(b)
}

/// Who the person knows there, the method's third column: none, someone
/// to ask, someone who said yes, someone they met. Ordered, so that more
/// known ranks higher.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Advocates {
    #[default]
    None,
    ToAsk,
    SaidYes,
    Met,
}

impl Advocates {
    /// From the stages of the people known there. A no, or no reply,
    /// leaves no one to ask.
    pub fn of(stages: impl IntoIterator<Item = Stage>) -> Advocates {
        stages
            .into_iter()
            .map(|stage| match stage {
                Stage::Idea | Stage::Asked => Advocates::ToAsk,
                Stage::Booked => Advocates::SaidYes,
                Stage::Done => Advocates::Met,
                Stage::Declined | Stage::NoReply => Advocates::None,
            })
            .max()
            .unwrap_or_default()
    }

    pub fn label(self) -> &'static str {
        match self {
            Advocates::None => t().target_advocates_none(),
            Advocates::ToAsk => t().target_advocates_to_ask(),
            Advocates::SaidYes => t().target_advocates_said_yes(),
            Advocates::Met => t().target_advocates_met(),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Advocates::None => "none",
            Advocates::ToAsk => "to-ask",
            Advocates::SaidYes => "said-yes",
            Advocates::Met => "met",
        }
    }
}

/// Someone on the list who works at a target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub id: PersonId,
    pub name: String,
    pub stage: Stage,
}

/// What to do next at a target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// No one known there who could still say yes: find someone, perhaps
    /// through these people, already met, who could introduce.
    FindContact { introducers: Vec<Contact> },
    /// Someone known and not yet asked.
    Ask(Contact),
    /// Asked and waiting: the 3B7 dates, when not yet done or dropped.
    Wait {
        contact: Contact,
        chat: ChatId,
        second_contact: Option<NaiveDate>,
        follow_up: Option<NaiveDate>,
    },
    /// A chat is booked.
    Prepare { contact: Contact, chat: ChatId },
    /// Someone there was met: keep in touch, and ask whom else to meet.
    KeepInTouch(Contact),
}

impl NextStep {
    /// Whether there is something to do now, for the next five.
    pub fn is_open(&self) -> bool {
        !matches!(self, NextStep::KeepInTouch(_))
    }
}

/// A target with what the list knows about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub target: Target,
    pub advocates: Advocates,
    pub people: Vec<Contact>,
    pub next: NextStep,
}

/// How many introducers a target suggests when no one is known there.
const INTRODUCERS_SHOWN: usize = 3;

/// Every target with its people, advocates and next step, in the order the
/// person set by hand (`hand_order`, target ids) or else the method's:
/// motivation, then postings, then advocates, highest first; then by name.
/// Targets missing from a hand order follow it in the method's order.
pub fn ranked(
    targets: &[Target],
    people: &[Person],
    chats: &[Chat],
    followups: &[FollowUp],
    hand_order: &[String],
) -> Vec<Ranked> {
    let stages = stages_by_person(chats);
    let stage_of = |id: &PersonId| stages.get(id).copied().unwrap_or_default();
    let contact = |p: &Person| Contact {
        id: p.id.clone(),
        name: p.name.clone(),
        stage: stage_of(&p.id),
    };
    // Worked out once for the whole list: with a year of data, once per
    // target was most of the time the screen took to open.
    // Sorted by key, so that a target's people are one range of it.
    let mut by_organisation: Vec<(String, &Person)> = people
        .iter()
        .map(|p| (organisation_key(&p.organisation), p))
        .filter(|(key, _)| !key.is_empty())
        .collect();
    sort_by(&mut by_organisation, |a, b| a.0.cmp(&b.0));
    // People met, by name, with their folded field.
    let mut met: Vec<(String, &Person)> = people
        .iter()
        .filter(|p| stage_of(&p.id) == Stage::Done)
        .map(|p| (fold(p.field.trim()), p))
        .collect();
    sort_by_key(&mut met, |(_, p)| fold(&p.name));
    let due = |chat: &ChatId, kind: FollowUpKind| {
        followups
            .iter()
            .find(|f| {
                f.chat_id.as_ref() == Some(chat)
                    && f.kind == kind
                    && f.status == FollowUpStatus::Open
            })
            .map(FollowUp::when)
    };
    let mut list: Vec<Ranked> = targets
        .iter()
        .map(|target| {
            let key = organisation_key(&target.name);
            let from = by_organisation.partition_point(|(k, _)| *k < key);
            let mut at: Vec<&Person> = by_organisation[from..]
                .iter()
                .take_while(|(k, _)| *k == key)
                .map(|(_, p)| *p)
                .collect();
            sort_by_key(&mut at, |p| (stage_of(&p.id).list_rank(), fold(&p.name)));
            let contacts: Vec<Contact> = at.iter().map(|p| contact(p)).collect();
            let advocates = Advocates::of(contacts.iter().map(|c| c.stage));
            let first = |stage: Stage| contacts.iter().find(|c| c.stage == stage).cloned();
            let chat_of = |c: &Contact| latest_chat(&c.id, chats).map(|chat| chat.id.clone());
            let next = if let Some(c) = first(Stage::Booked) {
                match chat_of(&c) {
                    Some(chat) => NextStep::Prepare { contact: c, chat },
                    None => NextStep::Ask(c),
                }
            } else if let Some(c) = first(Stage::Asked) {
                match chat_of(&c) {
                    Some(chat) => NextStep::Wait {
                        second_contact: due(&chat, FollowUpKind::SecondContact),
                        follow_up: due(&chat, FollowUpKind::ReplyNudge),
                        contact: c,
                        chat,
                    },
                    None => NextStep::Ask(c),
                }
            } else if let Some(c) = first(Stage::Idea) {
                NextStep::Ask(c)
            } else if let Some(c) = first(Stage::Done) {
                NextStep::KeepInTouch(c)
            } else {
                // Those in the target's field first: likelier to know someone.
                let field = fold(target.field.trim());
                let in_field = |(f, _): &&(String, &Person)| !field.is_empty() && *f == field;
                let introducers = met
                    .iter()
                    .filter(in_field)
                    .chain(met.iter().filter(|m| !in_field(m)))
                    .take(INTRODUCERS_SHOWN)
                    .map(|(_, p)| contact(p))
                    .collect();
                NextStep::FindContact { introducers }
            };
            Ranked {
                target: target.clone(),
                advocates,
                people: contacts,
                next,
            }
        })
        .collect();
    sort_by_key(&mut list, |r| {
        let by_hand = hand_order.iter().position(|id| *id == r.target.id.0);
        (
            by_hand.is_none(),
            by_hand,
            std::cmp::Reverse((
                r.target.score(Score::Motivation),
                r.target.score(Score::Postings),
                r.advocates,
            )),
            fold(&r.target.name),
        )
    });
    list
}

/// The first [`AT_A_TIME`] targets with something to do, in rank order:
/// the method works on a few at a time, not on the whole list.
pub fn next_five(ranked: &[Ranked]) -> impl Iterator<Item = &Ranked> {
    ranked.iter().filter(|r| r.next.is_open()).take(AT_A_TIME)
}

/// The hand order after moving the target at `index` of `shown` one place
/// up or down: the whole list as shown, so that it stays where it was put.
pub fn moved(shown: &[TargetId], index: usize, up: bool) -> Vec<String> {
    let mut order: Vec<String> = shown.iter().map(|id| id.0.clone()).collect();
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    if let Some(other) = other.filter(|&o| o < order.len() && index < order.len()) {
        order.swap(index, other);
    }
    order
}

/// The target a person's organisation names, if any.
pub fn target_of<'a>(targets: &'a [Target], person: &Person) -> Option<&'a Target> {
    targets.iter().find(|t| t.employs(person))
}

/// People whose organisation is a target's former name and not its
/// current one: those a rename would leave behind.
pub fn left_by_rename<'a>(target: &Target, people: &'a [Person]) -> Vec<&'a Person> {
    if target.former_name.is_empty() {
        return Vec::new();
    }
    people
        .iter()
        .filter(|p| same_organisation(&target.former_name, &p.organisation) && !target.employs(p))
        .collect()
}

#[cfg(test)]
mod tests;
