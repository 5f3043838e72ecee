//! Follow-up items and the rules that create them. The outreach rule is the
//! 3B7 routine: after asking someone for a chat, wait 3 business days, then
//! try a second person at the same organisation (one at a time, never a
//! mass mailing); after 7 business days, follow up once with the first
//! person.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::calendar::add_business_days;
use super::chat::{Chat, ChatId};
use super::person::{fold, Person, PersonId};
use super::stage::Stage;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FollowUpId(pub String);

impl fmt::Display for FollowUpId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    /// 3 business days without a reply: try one more person there.
    SecondContact,
    /// 7 business days without a reply: one polite follow-up.
    ReplyNudge,
}

impl FollowUpKind {
    pub fn label(self) -> &'static str {
        match self {
            FollowUpKind::SecondContact => "Reach out to a second person at the same organisation",
            FollowUpKind::ReplyNudge => "Follow up once",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            FollowUpKind::SecondContact => "second-contact",
            FollowUpKind::ReplyNudge => "reply-nudge",
        }
    }

    /// Business days after the request before the item is due.
    fn wait(self) -> u32 {
        match self {
            FollowUpKind::SecondContact => 3,
            FollowUpKind::ReplyNudge => 7,
        }
    }
}

const OUTREACH: [FollowUpKind; 2] = [FollowUpKind::SecondContact, FollowUpKind::ReplyNudge];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    Open,
    Done,
    Skipped,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: FollowUpId,
    pub kind: FollowUpKind,
    pub person_id: PersonId,
    pub chat_id: ChatId,
    pub due: NaiveDate,
    pub status: FollowUpStatus,
    #[serde(default)]
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl FollowUp {
    pub fn is_open(&self) -> bool {
        self.status == FollowUpStatus::Open
    }

    /// Open and due today or earlier.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due <= today
    }

    pub fn set_status(&mut self, status: FollowUpStatus, now: DateTime<Utc>) {
        self.status = status;
        self.updated_at = now;
    }
}

/// One id per chat and kind: re-running a rule updates the item it made
/// before instead of adding another.
fn id_for(chat: &ChatId, kind: FollowUpKind) -> FollowUpId {
    FollowUpId(format!("{chat}-{}", kind.slug()))
}

/// The follow-ups to save after `chat` moved from `from` to its current
/// stage on `today` (the user's local date). `existing` is every follow-up
/// already stored; only new or changed items are returned.
pub fn after_stage_change(
    chat: &Chat,
    from: Stage,
    today: NaiveDate,
    existing: &[FollowUp],
    now: DateTime<Utc>,
) -> Vec<FollowUp> {
    let to = chat.stage();
    if to == from {
        return Vec::new();
    }
    if to == Stage::Asked {
        // Asked (again): a fresh 3B7 clock from today.
        return OUTREACH
            .iter()
            .map(|&kind| {
                let id = id_for(&chat.id, kind);
                let due = add_business_days(today, kind.wait());
                match existing.iter().find(|f| f.id == id) {
                    Some(item) => FollowUp {
                        due,
                        status: FollowUpStatus::Open,
                        updated_at: now,
                        ..item.clone()
                    },
                    None => FollowUp {
                        id,
                        kind,
                        person_id: chat.person_id.clone(),
                        chat_id: chat.id.clone(),
                        due,
                        status: FollowUpStatus::Open,
                        note: String::new(),
                        created_at: now,
                        updated_at: now,
                    },
                }
            })
            .collect();
    }
    // Any other move (booked, declined, no reply, or back to idea) ends
    // the wait for an answer: the outreach items still open are closed.
    existing
        .iter()
        .filter(|f| f.chat_id == chat.id && f.is_open() && OUTREACH.contains(&f.kind))
        .map(|f| {
            let mut closed = f.clone();
            closed.set_status(FollowUpStatus::Skipped, now);
            closed
        })
        .collect()
}

/// The user followed up once and the chat is still waiting: time to offer
/// "no reply" and asking someone else.
pub fn followed_up_without_answer(chat: &Chat, followups: &[FollowUp]) -> bool {
    chat.stage() == Stage::Asked
        && followups.iter().any(|f| {
            f.chat_id == chat.id
                && f.kind == FollowUpKind::ReplyNudge
                && f.status == FollowUpStatus::Done
        })
}

/// Others on the list at the same organisation, for the second contact.
pub fn colleagues<'a>(person: &Person, people: &'a [Person]) -> Vec<&'a Person> {
    let organisation = fold(person.organisation.trim());
    if organisation.is_empty() {
        return Vec::new();
    }
    people
        .iter()
        .filter(|p| p.id != person.id && fold(p.organisation.trim()) == organisation)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 22, 0, 0).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn chat_at(stage: Stage) -> Chat {
        let mut chat = Chat::new(ChatId("c1".into()), PersonId("p1".into()), now(), &[]);
        chat.history
            .push(crate::domain::chat::StageChange { stage, at: now() });
        chat
    }

    /// Moves `chat` from `from` and saves the resulting changes in `store`.
    fn run(store: &mut Vec<FollowUp>, chat: &Chat, from: Stage, today: NaiveDate) {
        let changes = after_stage_change(chat, from, today, store, now());
        apply(store, changes);
    }

    fn apply(store: &mut Vec<FollowUp>, changes: Vec<FollowUp>) {
        for change in changes {
            match store.iter_mut().find(|f| f.id == change.id) {
                Some(slot) => *slot = change,
                None => store.push(change),
            }
        }
    }

    #[test]
    fn asking_on_a_friday_evening_sets_both_reminders_from_monday() {
        let chat = chat_at(Stage::Asked);
        let items = after_stage_change(&chat, Stage::Idea, d(2026, 11, 27), &[], now());
        let plan: Vec<_> = items.iter().map(|f| (f.kind, f.due, f.status)).collect();
        assert_eq!(
            plan,
            [
                (
                    FollowUpKind::SecondContact,
                    d(2026, 12, 2),
                    FollowUpStatus::Open
                ),
                (
                    FollowUpKind::ReplyNudge,
                    d(2026, 12, 8),
                    FollowUpStatus::Open
                ),
            ]
        );
        assert!(items
            .iter()
            .all(|f| f.person_id.0 == "p1" && f.chat_id.0 == "c1"));
    }

    #[test]
    fn asking_again_reuses_the_same_items_with_new_dates() {
        let mut store = Vec::new();
        let asked = chat_at(Stage::Asked);
        run(&mut store, &asked, Stage::Idea, d(2026, 11, 23));
        let back = chat_at(Stage::Idea);
        run(&mut store, &back, Stage::Asked, d(2026, 11, 24));
        assert!(store.iter().all(|f| f.status == FollowUpStatus::Skipped));
        run(&mut store, &asked, Stage::Idea, d(2026, 12, 1));
        assert_eq!(store.len(), 2);
        assert!(store.iter().all(FollowUp::is_open));
        assert_eq!(store[0].due, d(2026, 12, 4));
        assert_eq!(store[1].due, d(2026, 12, 10));
    }

    #[test]
    fn booking_declining_or_no_reply_closes_the_open_outreach_items() {
        for to in [Stage::Booked, Stage::Declined, Stage::NoReply] {
            let mut store = Vec::new();
            run(
                &mut store,
                &chat_at(Stage::Asked),
                Stage::Idea,
                d(2026, 11, 23),
            );
            store[0].set_status(FollowUpStatus::Done, now());
            let changes =
                after_stage_change(&chat_at(to), Stage::Asked, d(2026, 11, 30), &store, now());
            assert_eq!(changes.len(), 1, "{to:?}: only the open item changes");
            apply(&mut store, changes);
            assert_eq!(store[0].status, FollowUpStatus::Done);
            assert_eq!(store[1].status, FollowUpStatus::Skipped);
        }
    }

    #[test]
    fn other_chats_items_are_left_alone() {
        let mut other = chat_at(Stage::Asked);
        other.id = ChatId("c2".into());
        let store = after_stage_change(&other, Stage::Idea, d(2026, 11, 23), &[], now());
        let changes = after_stage_change(
            &chat_at(Stage::Booked),
            Stage::Asked,
            d(2026, 11, 24),
            &store,
            now(),
        );
        assert!(changes.is_empty());
    }

    #[test]
    fn no_move_changes_nothing() {
        let chat = chat_at(Stage::Asked);
        assert!(after_stage_change(&chat, Stage::Asked, d(2026, 11, 23), &[], now()).is_empty());
    }

    #[test]
    fn due_means_open_and_not_in_the_future() {
        let mut store = after_stage_change(
            &chat_at(Stage::Asked),
            Stage::Idea,
            d(2026, 11, 23),
            &[],
            now(),
        );
        let second = &mut store[0];
        assert!(!second.is_due(d(2026, 11, 25)));
        assert!(second.is_due(d(2026, 11, 26)));
        assert!(second.is_due(d(2026, 12, 26)));
        second.set_status(FollowUpStatus::Done, now());
        assert!(!second.is_due(d(2026, 12, 26)));
    }

    #[test]
    fn after_following_up_once_the_app_offers_to_move_on() {
        let chat = chat_at(Stage::Asked);
        let mut store = after_stage_change(&chat, Stage::Idea, d(2026, 11, 23), &[], now());
        assert!(!followed_up_without_answer(&chat, &store));
        store[1].set_status(FollowUpStatus::Done, now());
        assert!(followed_up_without_answer(&chat, &store));
        assert!(!followed_up_without_answer(&chat_at(Stage::Booked), &store));
    }

    #[test]
    fn colleagues_share_the_organisation_ignoring_case_and_accents() {
        let t = now();
        let mk = |id: &str, org: &str| {
            let mut p = Person::new(PersonId(id.into()), id, t).unwrap();
            p.organisation = org.into();
            p
        };
        let people = vec![
            mk("ana", "Ville de Montréal"),
            mk("ben", "ville de montreal "),
            mk("cleo", "Shopify"),
            mk("dev", ""),
        ];
        let names: Vec<_> = colleagues(&people[0], &people)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["ben"]);
        assert!(colleagues(&people[3], &people).is_empty());
    }
}
