//! Today at a glance: the few records a returning person's Today shows,
//! kept beside the records so that the next start can draw Today before
//! it reads them all. A year of chats takes a cheap phone most of a second
//! to read; this takes a few milliseconds.
//!
//! It is a copy to look at, never to change: the app draws Today from it
//! with every control switched off, reads the records, then draws Today
//! again from them. A glance worked out on another day is not used.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::chat::{booked_from, done_count, Chat, ChatId};
use crate::domain::followup::{colleagues, due_by, overdue_among, FollowUp, FollowUpKind};
use crate::domain::person::{Person, PersonId};
use crate::domain::prep::ChatQuestion;
use crate::domain::settings::Settings;
use crate::storage::{Data, CURRENT_SCHEMA};

/// Due items Today lists; the rest wait in the queue.
pub const DUE_SHOWN: usize = 5;

/// Booked chats kept, so that the next one is still right after the first
/// few of the day have ended.
const UPCOMING_KEPT: usize = 5;

/// What Today counts over every record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub done_chats: usize,
    pub due: usize,
    pub overdue: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Glance {
    /// The records' format ([`CURRENT_SCHEMA`]); another is not used.
    pub schema: u32,
    /// The local date it was worked out for.
    #[serde(deserialize_with = "crate::domain::instant::deserialize_date")]
    pub date: NaiveDate,
    pub counts: Counts,
    pub people: Vec<Person>,
    pub chats: Vec<Chat>,
    pub followups: Vec<FollowUp>,
    pub settings: Settings,
}

impl Glance {
    /// What Today shows on `today`; nothing when no one is saved, since
    /// the welcome card needs no records.
    pub fn of(data: &Data, today: NaiveDate) -> Option<Glance> {
        let first = data.people.first()?;
        let due = due_by(&data.followups, today);
        let counts = Counts {
            done_chats: done_count(&data.chats),
            due: due.len(),
            overdue: overdue_among(&due, today),
        };
        let followups: Vec<FollowUp> = due.into_iter().take(DUE_SHOWN).cloned().collect();

        // The day's booked chats, soonest first, without sorting them all.
        let since = today.and_hms_opt(0, 0, 0).unwrap_or_default();
        let mut booked: Vec<&Chat> = booked_from(&data.chats, since).collect();
        let mut upcoming: Vec<&Chat> = Vec::new();
        while upcoming.len() < UPCOMING_KEPT {
            let Some(at) = (0..booked.len()).min_by_key(|&i| booked[i].starts_at) else {
                break;
            };
            upcoming.push(booked.swap_remove(at));
        }
        let mut chat_ids: Vec<&ChatId> = upcoming.iter().map(|c| &c.id).collect();
        chat_ids.extend(followups.iter().filter_map(|f| f.chat_id.as_ref()));
        let chats: Vec<Chat> = data
            .chats
            .iter()
            .filter(|c| chat_ids.contains(&&c.id))
            .map(glance_of_chat)
            .collect();

        let mut named: Vec<&PersonId> = vec![&first.id];
        named.extend(chats.iter().map(|c| &c.person_id));
        named.extend(followups.iter().map(|f| &f.person_id));
        // A second contact at the same organisation offers its colleagues.
        for item in followups
            .iter()
            .filter(|f| f.kind == FollowUpKind::SecondContact)
        {
            if let Some(person) = data.people.iter().find(|p| p.id == item.person_id) {
                named.extend(colleagues(person, &data.people).into_iter().map(|p| &p.id));
            }
        }
        // In the records' own order, as the screens read them.
        let people: Vec<Person> = data
            .people
            .iter()
            .filter(|p| named.contains(&&p.id))
            .cloned()
            .collect();

        Some(Glance {
            schema: CURRENT_SCHEMA,
            date: today,
            counts,
            people,
            chats,
            followups,
            settings: data.settings.clone(),
        })
    }

    /// The stored glance, if it was worked out for `today` by this version
    /// of the records' format and reads back whole.
    pub fn stored_for(text: &str, today: NaiveDate) -> Option<Glance> {
        serde_json::from_str::<Glance>(text)
            .ok()
            .filter(|g| g.schema == CURRENT_SCHEMA && g.date == today && !g.people.is_empty())
    }

    pub fn to_json(&self) -> Option<String> {
        serde_json::to_string(self).ok()
    }

    /// The records as a [`Data`], for screens that read records.
    pub fn into_data(self) -> Data {
        Data {
            people: self.people,
            chats: self.chats,
            followups: self.followups,
            targets: Vec::new(),
            settings: self.settings,
        }
    }
}

/// A chat as Today shows it: when, where, its preparation and stages,
/// without the notes and messages that change as the person types, so the
/// glance is rewritten only when what Today shows changes. It starts from
/// an empty chat, so whatever a chat gains later stays out unless Today
/// needs it.
fn glance_of_chat(chat: &Chat) -> Chat {
    Chat {
        history: chat.history.clone(),
        starts_at: chat.starts_at,
        format: chat.format,
        place: chat.place.clone(),
        length_minutes: chat.length_minutes,
        questions: chat
            .questions
            .iter()
            .map(|q| ChatQuestion {
                asked: false,
                answer: String::new(),
                ..q.clone()
            })
            .collect(),
        checklist: chat.checklist.clone(),
        ..Chat::new(
            chat.id.clone(),
            chat.person_id.clone(),
            chat.created_at,
            &[],
        )
    }
}
