//! Follow-up items and the rules that create them. The outreach rule is the
//! 3B7 routine: after asking someone for a chat, wait 3 business days, then
//! try a second person at the same organisation (one at a time, never a
//! mass mailing); after 7 business days, follow up once with the first
//! person. After a chat: thank them within a day, connect, contact the
//! people they suggested, tell them how their advice worked out, and keep
//! in touch.

use crate::domain::sorting::sort_by_key;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::calendar::{add_business_days, days_after};
use super::chat::{Chat, ChatId};
use super::person::{Person, PersonId};
use super::stage::Stage;
use super::words::fold;
use crate::i18n::{fill, t};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FollowUpId(pub String);

impl FollowUpId {
    /// The one reminder to write again after a hiring competition closes.
    pub fn after_competition(chat: &ChatId) -> FollowUpId {
        FollowUpId(format!("{chat}-after-competition"))
    }
}

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
    ThankYou,
    Connect,
    /// Someone they suggested; the item's person is the one to contact.
    ContactReferral,
    ShareUpdate,
    KeepInTouch,
    /// After a no: ask whether someone else might talk to you.
    AskForReferral,
    Custom,
}

impl FollowUpKind {
    /// Whether the app drafts a message for it. The rest are done outside
    /// a message: finding a second person, opening a profile, or a task of
    /// the person's own.
    pub fn has_message(self) -> bool {
        !matches!(
            self,
            FollowUpKind::SecondContact | FollowUpKind::Connect | FollowUpKind::Custom
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            FollowUpKind::SecondContact => t().followup_kind_second_contact(),
            FollowUpKind::ReplyNudge => t().followup_kind_reply_nudge(),
            FollowUpKind::ThankYou => t().followup_kind_thank_you(),
            FollowUpKind::Connect => t().followup_kind_connect(),
            FollowUpKind::ContactReferral => t().followup_kind_contact_referral(),
            FollowUpKind::ShareUpdate => t().followup_kind_share_update(),
            FollowUpKind::KeepInTouch => t().followup_kind_keep_in_touch(),
            FollowUpKind::AskForReferral => t().followup_kind_ask_for_referral(),
            FollowUpKind::Custom => t().followup_kind_custom(),
        }
    }

    fn slug(self) -> &'static str {
        match self {
            FollowUpKind::SecondContact => "second-contact",
            FollowUpKind::ReplyNudge => "reply-nudge",
            FollowUpKind::ThankYou => "thank-you",
            FollowUpKind::Connect => "connect",
            FollowUpKind::ContactReferral => "referral",
            FollowUpKind::ShareUpdate => "share-update",
            FollowUpKind::KeepInTouch => "keep-in-touch",
            FollowUpKind::AskForReferral => "ask-for-referral",
            FollowUpKind::Custom => "custom",
        }
    }

    /// Business days after the request before an outreach item is due.
    fn wait(self) -> u32 {
        match self {
            FollowUpKind::SecondContact => 3,
            _ => 7,
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
    /// The chat it came from; none for an item the user added by hand.
    #[serde(default)]
    pub chat_id: Option<ChatId>,
    #[serde(deserialize_with = "crate::domain::instant::deserialize_date")]
    pub due: NaiveDate,
    pub status: FollowUpStatus,
    /// Put off until this date; the item shows again then.
    #[serde(
        default,
        deserialize_with = "crate::domain::instant::deserialize_date_option"
    )]
    pub snoozed_until: Option<NaiveDate>,
    /// What to do, for an item the user added by hand.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub note: String,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub updated_at: DateTime<Utc>,
}

impl FollowUp {
    pub fn is_open(&self) -> bool {
        self.status == FollowUpStatus::Open
    }

    /// The date it is due, snoozing included.
    pub fn when(&self) -> NaiveDate {
        self.snoozed_until.unwrap_or(self.due)
    }

    /// Open and due today or earlier.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.is_open() && self.when() <= today
    }

    pub fn snooze(&mut self, until: NaiveDate, now: DateTime<Utc>) {
        self.snoozed_until = Some(until);
        self.updated_at = now;
    }

    pub fn belongs_to(&self, chat: &ChatId) -> bool {
        self.chat_id.as_ref() == Some(chat)
    }

    /// What to do, in words: the kind, or the user's own title.
    pub fn what(&self) -> &str {
        if self.kind == FollowUpKind::Custom && !self.title.trim().is_empty() {
            &self.title
        } else {
            self.kind.label()
        }
    }

    /// An item the user adds by hand.
    pub fn custom(
        id: FollowUpId,
        person: PersonId,
        title: &str,
        due: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<FollowUp, &'static str> {
        let title = title.trim();
        if title.is_empty() {
            return Err(t().followup_say_what());
        }
        Ok(FollowUp {
            id,
            kind: FollowUpKind::Custom,
            person_id: person,
            chat_id: None,
            due,
            status: FollowUpStatus::Open,
            snoozed_until: None,
            title: title.to_string(),
            note: String::new(),
            created_at: now,
            updated_at: now,
        })
    }

    pub fn set_status(&mut self, status: FollowUpStatus, now: DateTime<Utc>) {
        self.status = status;
        self.updated_at = now;
    }
}

/// One id per chat and kind (and referral): re-running a rule finds the
/// item it made before instead of adding another.
fn id_for(chat: &ChatId, kind: FollowUpKind) -> FollowUpId {
    FollowUpId(format!("{chat}-{}", kind.slug()))
}

/// What the rules need to know besides the chat.
#[derive(Clone, Copy, Debug)]
pub struct RuleContext {
    /// The user's local date.
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    /// Days to send a thank-you in (a setting, 1 to 5).
    pub thank_you_days: u32,
    /// Whether the person's LinkedIn address is known.
    pub linkedin_known: bool,
}

fn new_item(
    chat: &Chat,
    person: &PersonId,
    kind: FollowUpKind,
    id: FollowUpId,
    due: NaiveDate,
    now: DateTime<Utc>,
) -> FollowUp {
    FollowUp {
        id,
        kind,
        person_id: person.clone(),
        chat_id: Some(chat.id.clone()),
        due,
        status: FollowUpStatus::Open,
        snoozed_until: None,
        title: String::new(),
        note: String::new(),
        created_at: now,
        updated_at: now,
    }
}

/// The item for someone the person met suggested: contact them in 2 days.
/// None if it exists already.
pub fn for_referral(
    chat: &Chat,
    referral: &PersonId,
    context: &RuleContext,
    existing: &[FollowUp],
) -> Option<FollowUp> {
    let id = FollowUpId(format!(
        "{}-{}-{referral}",
        chat.id,
        FollowUpKind::ContactReferral.slug()
    ));
    (!existing.iter().any(|f| f.id == id)).then(|| {
        new_item(
            chat,
            referral,
            FollowUpKind::ContactReferral,
            id,
            days_after(context.today, 2),
            context.now,
        )
    })
}

/// The follow-ups to save after `chat` moved from `from` to its current
/// stage. `existing` is every follow-up already stored; only new or
/// changed items are returned, so running the rules again adds nothing.
pub fn after_stage_change(
    chat: &Chat,
    from: Stage,
    context: &RuleContext,
    existing: &[FollowUp],
) -> Vec<FollowUp> {
    let (today, now) = (context.today, context.now);
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
                        snoozed_until: None,
                        updated_at: now,
                        ..item.clone()
                    },
                    None => new_item(chat, &chat.person_id, kind, id, due, now),
                }
            })
            .collect();
    }
    // Any other move (booked, done, declined, no reply, or back to idea)
    // ends the wait for an answer: the outreach items still open close.
    let mut changes: Vec<FollowUp> = existing
        .iter()
        .filter(|f| f.belongs_to(&chat.id) && f.is_open() && OUTREACH.contains(&f.kind))
        .map(|f| {
            let mut closed = f.clone();
            closed.set_status(FollowUpStatus::Skipped, now);
            closed
        })
        .collect();
    let mut plan: Vec<(FollowUpKind, NaiveDate)> = Vec::new();
    match to {
        Stage::Done => {
            plan.push((
                FollowUpKind::ThankYou,
                days_after(today, u64::from(context.thank_you_days.clamp(1, 5))),
            ));
            if context.linkedin_known {
                plan.push((FollowUpKind::Connect, days_after(today, 1)));
            }
            plan.push((FollowUpKind::ShareUpdate, days_after(today, 14)));
            plan.push((
                FollowUpKind::KeepInTouch,
                today.checked_add_months(Months::new(3)).unwrap_or(today),
            ));
        }
        Stage::Declined => plan.push((FollowUpKind::AskForReferral, days_after(today, 1))),
        _ => {}
    }
    for (kind, due) in plan {
        let id = id_for(&chat.id, kind);
        if !existing.iter().any(|f| f.id == id) {
            changes.push(new_item(chat, &chat.person_id, kind, id, due, now));
        }
    }
    if to == Stage::Done {
        for referral in &chat.referrals {
            changes.extend(for_referral(chat, referral, context, existing));
        }
    }
    changes
}

/// Keeping in touch recurs: when one is done, the next is due three months
/// from `today`, with its own id so the history keeps both.
pub fn next_keep_in_touch(
    done: &FollowUp,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Option<FollowUp> {
    if done.kind != FollowUpKind::KeepInTouch || done.status != FollowUpStatus::Done {
        return None;
    }
    let due = today.checked_add_months(Months::new(3))?;
    let base = done.id.0.split('~').next().unwrap_or(&done.id.0);
    Some(FollowUp {
        id: FollowUpId(format!(
            "{base}~{:04}{:02}{:02}",
            due.year(),
            due.month(),
            due.day()
        )),
        status: FollowUpStatus::Open,
        due,
        snoozed_until: None,
        note: String::new(),
        created_at: now,
        updated_at: now,
        ..done.clone()
    })
}

/// Where an open item sits in the queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bucket {
    Overdue,
    Today,
    ThisWeek,
    Later,
}

impl Bucket {
    pub const ALL: [Bucket; 4] = [
        Bucket::Overdue,
        Bucket::Today,
        Bucket::ThisWeek,
        Bucket::Later,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Bucket::Overdue => t().followup_bucket_overdue(),
            Bucket::Today => t().followup_bucket_today(),
            Bucket::ThisWeek => t().followup_bucket_this_week(),
            Bucket::Later => t().followup_bucket_later(),
        }
    }

    /// t().followup_bucket_this_week() is the next six days.
    pub fn of(when: NaiveDate, today: NaiveDate) -> Bucket {
        match (when - today).num_days() {
            ..0 => Bucket::Overdue,
            0 => Bucket::Today,
            1..=6 => Bucket::ThisWeek,
            _ => Bucket::Later,
        }
    }
}

/// "today", "yesterday", "3 days ago", "2 weeks ago", "4 months ago".
pub fn ago(date: NaiveDate, today: NaiveDate) -> String {
    let days = (today - date).num_days();
    let ago = |text: &str, n: i64| fill(text, &[("n", &n)]);
    match days {
        ..=0 => t().ago_today().into(),
        1 => t().ago_yesterday().into(),
        2..=13 => ago(t().ago_days(), days),
        14..=59 => ago(t().ago_weeks(), days / 7),
        60..=729 => ago(t().ago_months(), days / 30),
        _ => ago(t().ago_years(), days / 365),
    }
}

/// The user followed up once and the chat is still waiting: time to offer
/// "no reply" and asking someone else.
pub fn followed_up_without_answer(chat: &Chat, followups: &[FollowUp]) -> bool {
    chat.stage() == Stage::Asked
        && followups.iter().any(|f| {
            f.belongs_to(&chat.id)
                && f.kind == FollowUpKind::ReplyNudge
                && f.status == FollowUpStatus::Done
        })
}

/// What is due by `today`, the longest waiting first: what Today lists and
/// counts, in one order wherever it is worked out.
pub fn due_by(all: &[FollowUp], today: NaiveDate) -> Vec<&FollowUp> {
    let mut due: Vec<&FollowUp> = all.iter().filter(|f| f.is_due(today)).collect();
    sort_by_key(&mut due, |f| f.due);
    due
}

/// How many of `due` (see [`due_by`]) were due before `today`.
pub fn overdue_among(due: &[&FollowUp], today: NaiveDate) -> usize {
    due.iter().filter(|f| f.when() < today).count()
}

/// Every open follow-up in the order the queue lists them: by when it is
/// due (or snoozed to), then by when it was made.
pub fn open_in_queue_order(all: &[FollowUp]) -> Vec<FollowUp> {
    let mut open: Vec<FollowUp> = all.iter().filter(|f| f.is_open()).cloned().collect();
    sort_by_key(&mut open, |f| (f.when(), f.created_at));
    open
}

/// A person's follow-ups still to do, the soonest due first.
pub fn open_of_person(all: &[FollowUp], person: &PersonId) -> Vec<FollowUp> {
    let mut open: Vec<FollowUp> = all
        .iter()
        .filter(|f| &f.person_id == person && f.is_open())
        .cloned()
        .collect();
    sort_by_key(&mut open, |f| f.due);
    open
}

/// A person's settled follow-ups, the latest settled first.
pub fn settled_of_person(all: &[FollowUp], person: &PersonId) -> Vec<FollowUp> {
    let mut settled: Vec<FollowUp> = all
        .iter()
        .filter(|f| &f.person_id == person && !f.is_open())
        .cloned()
        .collect();
    sort_by_key(&mut settled, |f| std::cmp::Reverse(f.updated_at));
    settled
}

/// A chat's follow-ups: the open ones first, each part by due date.
pub fn of_chat(all: &[FollowUp], chat: &ChatId) -> Vec<FollowUp> {
    let mut mine: Vec<FollowUp> = all.iter().filter(|f| f.belongs_to(chat)).cloned().collect();
    sort_by_key(&mut mine, |f| (!f.is_open(), f.due));
    mine
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

    fn ctx(today: NaiveDate) -> RuleContext {
        RuleContext {
            today,
            now: now(),
            thank_you_days: 1,
            linkedin_known: false,
        }
    }

    fn chat_at(stage: Stage) -> Chat {
        let mut chat = Chat::new(ChatId("c1".into()), PersonId("p1".into()), now(), &[]);
        chat.history
            .push(crate::domain::chat::StageChange { stage, at: now() });
        chat
    }

    /// Moves `chat` from `from` and saves the resulting changes in `store`.
    fn run(store: &mut Vec<FollowUp>, chat: &Chat, from: Stage, today: NaiveDate) {
        let changes = after_stage_change(chat, from, &ctx(today), store);
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
        let items = after_stage_change(&chat, Stage::Idea, &ctx(d(2026, 11, 27)), &[]);
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
            .all(|f| f.person_id.0 == "p1" && f.belongs_to(&ChatId("c1".into()))));
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
                after_stage_change(&chat_at(to), Stage::Asked, &ctx(d(2026, 11, 30)), &store);
            let outreach = changes
                .iter()
                .filter(|f| OUTREACH.contains(&f.kind))
                .count();
            assert_eq!(outreach, 1, "{to:?}: only the open outreach item changes");
            apply(&mut store, changes);
            assert_eq!(store[0].status, FollowUpStatus::Done);
            assert_eq!(store[1].status, FollowUpStatus::Skipped);
        }
    }

    #[test]
    fn other_chats_items_are_left_alone() {
        let mut other = chat_at(Stage::Asked);
        other.id = ChatId("c2".into());
        let store = after_stage_change(&other, Stage::Idea, &ctx(d(2026, 11, 23)), &[]);
        let changes = after_stage_change(
            &chat_at(Stage::Booked),
            Stage::Asked,
            &ctx(d(2026, 11, 24)),
            &store,
        );
        assert!(changes.is_empty());
    }

    #[test]
    fn no_move_changes_nothing() {
        let chat = chat_at(Stage::Asked);
        assert!(after_stage_change(&chat, Stage::Asked, &ctx(d(2026, 11, 23)), &[]).is_empty());
    }

    #[test]
    fn due_means_open_and_not_in_the_future() {
        let mut store = after_stage_change(
            &chat_at(Stage::Asked),
            Stage::Idea,
            &ctx(d(2026, 11, 23)),
            &[],
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
        let mut store = after_stage_change(&chat, Stage::Idea, &ctx(d(2026, 11, 23)), &[]);
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

    #[test]
    fn a_finished_chat_sets_thanks_connect_update_and_keep_in_touch() {
        let mut chat = chat_at(Stage::Done);
        chat.referrals = vec![PersonId("r1".into()), PersonId("r2".into())];
        let context = RuleContext {
            linkedin_known: true,
            ..ctx(d(2026, 11, 30))
        };
        let items = after_stage_change(&chat, Stage::Booked, &context, &[]);
        let plan: Vec<_> = items
            .iter()
            .map(|f| (f.kind, f.person_id.0.as_str(), f.due))
            .collect();
        assert_eq!(
            plan,
            [
                (FollowUpKind::ThankYou, "p1", d(2026, 12, 1)),
                (FollowUpKind::Connect, "p1", d(2026, 12, 1)),
                (FollowUpKind::ShareUpdate, "p1", d(2026, 12, 14)),
                (FollowUpKind::KeepInTouch, "p1", d(2027, 2, 28)),
                (FollowUpKind::ContactReferral, "r1", d(2026, 12, 2)),
                (FollowUpKind::ContactReferral, "r2", d(2026, 12, 2)),
            ]
        );
        // No LinkedIn address, no connect item; a slower thank-you setting.
        let slower = RuleContext {
            thank_you_days: 5,
            ..ctx(d(2026, 12, 29))
        };
        let items = after_stage_change(&chat_at(Stage::Done), Stage::Booked, &slower, &[]);
        let plan: Vec<_> = items.iter().map(|f| (f.kind, f.due)).collect();
        assert_eq!(
            plan,
            [
                (FollowUpKind::ThankYou, d(2027, 1, 3)),
                (FollowUpKind::ShareUpdate, d(2027, 1, 12)),
                (FollowUpKind::KeepInTouch, d(2027, 3, 29)),
            ]
        );
    }

    #[test]
    fn keep_in_touch_lands_on_a_real_day_across_month_and_leap_year_ends() {
        let items = after_stage_change(
            &chat_at(Stage::Done),
            Stage::Booked,
            &ctx(d(2027, 11, 30)),
            &[],
        );
        let keep = items
            .iter()
            .find(|f| f.kind == FollowUpKind::KeepInTouch)
            .unwrap();
        assert_eq!(keep.due, d(2028, 2, 29));
        let items = after_stage_change(
            &chat_at(Stage::Done),
            Stage::Booked,
            &ctx(d(2026, 12, 31)),
            &[],
        );
        let share = items
            .iter()
            .find(|f| f.kind == FollowUpKind::ShareUpdate)
            .unwrap();
        assert_eq!(share.due, d(2027, 1, 14));
    }

    #[test]
    fn moving_back_and_forth_never_duplicates() {
        let mut chat = chat_at(Stage::Done);
        chat.referrals = vec![PersonId("r1".into())];
        let mut store = Vec::new();
        run(&mut store, &chat, Stage::Booked, d(2026, 11, 30));
        let count = store.len();
        store[0].set_status(FollowUpStatus::Done, now());
        run(
            &mut store,
            &chat_at(Stage::Booked),
            Stage::Done,
            d(2026, 12, 1),
        );
        run(&mut store, &chat, Stage::Booked, d(2026, 12, 2));
        assert_eq!(store.len(), count);
        assert_eq!(
            store[0].status,
            FollowUpStatus::Done,
            "a done item stays done"
        );
        assert!(
            for_referral(&chat, &PersonId("r1".into()), &ctx(d(2026, 12, 3)), &store).is_none()
        );
        assert!(
            for_referral(&chat, &PersonId("r2".into()), &ctx(d(2026, 12, 3)), &store).is_some()
        );
    }

    #[test]
    fn a_no_offers_asking_for_a_referral() {
        let items = after_stage_change(
            &chat_at(Stage::Declined),
            Stage::Asked,
            &ctx(d(2026, 11, 30)),
            &[],
        );
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].kind, FollowUpKind::AskForReferral);
        assert_eq!(items[0].due, d(2026, 12, 1));
        assert!(after_stage_change(
            &chat_at(Stage::NoReply),
            Stage::Asked,
            &ctx(d(2026, 11, 30)),
            &[]
        )
        .is_empty());
    }

    #[test]
    fn snoozing_moves_an_item_later_and_buckets_follow_the_date() {
        let mut item = FollowUp::custom(
            FollowUpId("x".into()),
            PersonId("p".into()),
            "Send the article",
            d(2026, 11, 30),
            now(),
        )
        .unwrap();
        assert!(item.is_due(d(2026, 11, 30)));
        item.snooze(d(2026, 12, 7), now());
        assert!(!item.is_due(d(2026, 12, 6)));
        assert!(item.is_due(d(2026, 12, 7)));
        assert_eq!(item.what(), "Send the article");
        assert!(FollowUp::custom(
            FollowUpId("y".into()),
            PersonId("p".into()),
            "  ",
            d(2026, 11, 30),
            now()
        )
        .is_err());

        let today = d(2026, 12, 31);
        assert_eq!(Bucket::of(d(2026, 12, 30), today), Bucket::Overdue);
        assert_eq!(Bucket::of(today, today), Bucket::Today);
        assert_eq!(Bucket::of(d(2027, 1, 6), today), Bucket::ThisWeek);
        assert_eq!(Bucket::of(d(2027, 1, 7), today), Bucket::Later);
    }

    #[test]
    fn how_long_ago_reads_naturally() {
        let today = d(2026, 12, 31);
        assert_eq!(ago(today, today), "today");
        assert_eq!(ago(d(2026, 12, 30), today), "yesterday");
        assert_eq!(ago(d(2026, 12, 24), today), "7 days ago");
        assert_eq!(ago(d(2026, 12, 10), today), "3 weeks ago");
        assert_eq!(ago(d(2026, 9, 30), today), "3 months ago");
        assert_eq!(ago(d(2024, 12, 1), today), "2 years ago");
    }

    #[test]
    fn a_persons_and_a_chats_follow_ups_and_the_queue_come_in_their_order() {
        let at = |day: u32| Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap();
        let item = |id: &str, person: &str, due: NaiveDate, made: u32| {
            let mut f = FollowUp::custom(
                FollowUpId(id.into()),
                PersonId(person.into()),
                id,
                due,
                at(made),
            )
            .unwrap();
            f.updated_at = at(made);
            f
        };
        let mut all = vec![
            item("late", "ana", d(2026, 12, 9), 1),
            item("soon", "ana", d(2026, 12, 2), 2),
            item("ben's", "ben", d(2026, 12, 1), 3),
            item("done early", "ana", d(2026, 11, 20), 4),
            item("done late", "ana", d(2026, 11, 21), 5),
            item("same day, made later", "ben", d(2026, 12, 1), 6),
        ];
        all[3].status = FollowUpStatus::Done;
        all[4].status = FollowUpStatus::Skipped;
        all[1].snoozed_until = Some(d(2026, 12, 10));
        for f in &mut all[..3] {
            f.chat_id = Some(ChatId("c1".into()));
        }
        all[3].chat_id = Some(ChatId("c1".into()));
        let ids = |list: &[FollowUp]| list.iter().map(|f| f.id.0.clone()).collect::<Vec<_>>();

        let ana = PersonId("ana".into());
        assert_eq!(ids(&open_of_person(&all, &ana)), ["soon", "late"]);
        assert_eq!(
            ids(&settled_of_person(&all, &ana)),
            ["done late", "done early"]
        );
        // The queue goes by when an item comes back, snoozing included.
        assert_eq!(
            ids(&open_in_queue_order(&all)),
            ["ben's", "same day, made later", "late", "soon"]
        );
        assert_eq!(
            ids(&of_chat(&all, &ChatId("c1".into()))),
            ["ben's", "soon", "late", "done early"]
        );
        assert!(of_chat(&all, &ChatId("c2".into())).is_empty());
    }
}
