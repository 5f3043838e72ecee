//! Insights across chats: what several people said about the same thing,
//! side by side, and where the network leads. Every function here reads
//! the stored records and keeps nothing, so an insight can never disagree
//! with the chats it comes from.

use crate::domain::sorting::{sort_by, sort_by_key};
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::calendar::{business_days_between, short_date};
use super::chat::{stages_by_person, Chat, ChatId};
use super::person::{Person, PersonId, SearchQuery};
use super::stage::Stage;
use super::targets::organisation_key;
use super::words::fold;
use crate::i18n::{fill, t};

mod answers;
mod export;
mod network;
mod terms;

pub use answers::*;
pub use export::*;
pub use network::*;
pub use terms::*;

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

#[cfg(test)]
mod tests;
