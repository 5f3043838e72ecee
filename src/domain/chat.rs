//! A chat, one informational interview: its stages and their dates, the
//! booking, the messages, the meeting's notes and timer, the debrief.

use crate::domain::sorting::sort_by_key;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::person::{Person, PersonId};
use super::prep::{copy_template, ChatQuestion, ChecklistItem};
use super::stage::Stage;
use super::timer::TimerEvent;
use super::words::fold;
use crate::i18n::t;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChatId(pub String);

impl fmt::Display for ChatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    InPerson,
    Phone,
    Video,
}

impl MeetingFormat {
    pub const ALL: [MeetingFormat; 3] = [
        MeetingFormat::InPerson,
        MeetingFormat::Phone,
        MeetingFormat::Video,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MeetingFormat::InPerson => t().chat_in_person(),
            MeetingFormat::Phone => t().chat_phone(),
            MeetingFormat::Video => t().chat_video(),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            MeetingFormat::InPerson => "in_person",
            MeetingFormat::Phone => "phone",
            MeetingFormat::Video => "video",
        }
    }

    pub fn from_slug(slug: &str) -> Option<MeetingFormat> {
        MeetingFormat::ALL.into_iter().find(|f| f.slug() == slug)
    }

    /// What the "place" field holds for this format.
    pub fn place_label(self) -> &'static str {
        match self {
            MeetingFormat::InPerson => t().chat_place_in_person(),
            MeetingFormat::Phone => t().chat_place_phone(),
            MeetingFormat::Video => t().chat_place_video(),
        }
    }
}

/// The messages a chat keeps a draft of, each with a subject and a body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ChatMessage {
    /// The first request to meet.
    #[default]
    Request,
    /// The one nudge after 7 business days without a reply.
    FollowUp,
    /// To the contact who knows them both.
    Introduction,
    /// They said yes: let them choose when, where and how.
    BookingReply,
    /// Too busy to meet: a few questions they can answer in writing.
    QuestionsByEmail,
}

impl ChatMessage {
    /// Which of them make sense now: the usual one first.
    pub fn choices(stage: Stage, has_introducer: bool) -> Vec<ChatMessage> {
        match stage {
            Stage::Idea if has_introducer => vec![ChatMessage::Request, ChatMessage::Introduction],
            Stage::Idea => vec![ChatMessage::Request],
            Stage::Asked => vec![
                ChatMessage::FollowUp,
                ChatMessage::BookingReply,
                ChatMessage::QuestionsByEmail,
            ],
            Stage::Declined => vec![ChatMessage::QuestionsByEmail],
            Stage::Booked | Stage::Done | Stage::NoReply => Vec::new(),
        }
    }
}

/// Planned lengths offered; short by design, out of respect for their time.
pub const LENGTH_CHOICES: [u32; 4] = [10, 15, 20, 30];
pub const DEFAULT_LENGTH_MINUTES: u32 = 10;

fn default_length() -> u32 {
    DEFAULT_LENGTH_MINUTES
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    pub stage: Stage,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub at: DateTime<Utc>,
}

/// One informational interview with one Person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chat {
    pub id: ChatId,
    pub person_id: PersonId,
    /// Every stage the chat has been in, oldest first; never empty.
    pub history: Vec<StageChange>,
    /// Local wall-clock time of the meeting, as the user typed it.
    #[serde(
        default,
        deserialize_with = "crate::domain::instant::deserialize_local_option"
    )]
    pub starts_at: Option<NaiveDateTime>,
    #[serde(default)]
    pub format: Option<MeetingFormat>,
    #[serde(default)]
    pub place: String,
    #[serde(default = "default_length")]
    pub length_minutes: u32,
    /// The outreach request as the user last edited it.
    #[serde(default)]
    pub request_subject: String,
    #[serde(default)]
    pub request: String,
    /// The one follow-up message, as last edited.
    #[serde(default)]
    pub follow_up_subject: String,
    #[serde(default)]
    pub follow_up: String,
    /// To the person who introduced them: would they connect us?
    #[serde(default)]
    pub introduction_subject: String,
    #[serde(default)]
    pub introduction: String,
    /// The answer to a yes, leaving the time and place to them.
    #[serde(default)]
    pub booking_reply_subject: String,
    #[serde(default)]
    pub booking_reply: String,
    /// A few questions by email, for someone too busy to meet.
    #[serde(default)]
    pub questions_email_subject: String,
    #[serde(default)]
    pub questions_email: String,
    /// One thing of theirs that made the user write to them (a talk, an
    /// article, a project, their path), for the request.
    #[serde(default)]
    pub why_them: String,
    /// What the user wants to learn, in one sentence.
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub research: String,
    /// In the order they will be asked.
    #[serde(default)]
    pub questions: Vec<ChatQuestion>,
    /// This chat's copy of the checklist template.
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
    /// The meeting timer's events; its whole state.
    #[serde(default)]
    pub meeting_log: Vec<TimerEvent>,
    /// Index of the question on screen in the meeting.
    #[serde(default)]
    pub current_question: usize,
    /// The meeting screen shows its timer and nothing else, for when the
    /// other person glances at the phone.
    #[serde(default, skip_serializing_if = "crate::domain::prep::is_false")]
    pub covered: bool,
    /// They said no because they are hiring for a post: meeting a possible
    /// candidate could be a conflict of interest until the competition ends.
    #[serde(default, skip_serializing_if = "crate::domain::prep::is_false")]
    pub hiring_competition: bool,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// The note being typed, kept until it is added.
    #[serde(default)]
    pub note_draft: String,
    #[serde(default)]
    pub takeaways: String,
    #[serde(default)]
    pub advice: String,
    /// People they suggested, added to the list as introduced by them.
    #[serde(default)]
    pub referrals: Vec<PersonId>,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub updated_at: DateTime<Utc>,
}

/// A note taken during or after the meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub created_at: DateTime<Utc>,
    /// How far into the meeting it was written, when the timer had started.
    #[serde(default)]
    pub offset_ms: Option<i64>,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookingError {
    MissingTime,
    MissingFormat,
    MissingPlace,
}

impl BookingError {
    pub fn message(self) -> &'static str {
        match self {
            BookingError::MissingTime => t().chat_missing_time(),
            BookingError::MissingFormat => t().chat_missing_format(),
            BookingError::MissingPlace => t().chat_missing_place(),
        }
    }
}

impl Chat {
    /// A message's subject and body, as last edited.
    pub fn message(&self, kind: ChatMessage) -> (&str, &str) {
        let (subject, body) = match kind {
            ChatMessage::Request => (&self.request_subject, &self.request),
            ChatMessage::FollowUp => (&self.follow_up_subject, &self.follow_up),
            ChatMessage::Introduction => (&self.introduction_subject, &self.introduction),
            ChatMessage::BookingReply => (&self.booking_reply_subject, &self.booking_reply),
            ChatMessage::QuestionsByEmail => (&self.questions_email_subject, &self.questions_email),
        };
        (subject, body)
    }

    pub fn message_mut(&mut self, kind: ChatMessage) -> (&mut String, &mut String) {
        match kind {
            ChatMessage::Request => (&mut self.request_subject, &mut self.request),
            ChatMessage::FollowUp => (&mut self.follow_up_subject, &mut self.follow_up),
            ChatMessage::Introduction => (&mut self.introduction_subject, &mut self.introduction),
            ChatMessage::BookingReply => (&mut self.booking_reply_subject, &mut self.booking_reply),
            ChatMessage::QuestionsByEmail => {
                (&mut self.questions_email_subject, &mut self.questions_email)
            }
        }
    }

    /// A new chat at Idea, with its own copy of the checklist template.
    pub fn new(
        id: ChatId,
        person_id: PersonId,
        now: DateTime<Utc>,
        checklist_template: &[ChecklistItem],
    ) -> Chat {
        Chat {
            id,
            person_id,
            history: vec![StageChange {
                stage: Stage::Idea,
                at: now,
            }],
            starts_at: None,
            format: None,
            place: String::new(),
            length_minutes: DEFAULT_LENGTH_MINUTES,
            request_subject: String::new(),
            request: String::new(),
            follow_up_subject: String::new(),
            follow_up: String::new(),
            introduction_subject: String::new(),
            introduction: String::new(),
            booking_reply_subject: String::new(),
            booking_reply: String::new(),
            questions_email_subject: String::new(),
            questions_email: String::new(),
            why_them: String::new(),
            goal: String::new(),
            research: String::new(),
            questions: Vec::new(),
            checklist: copy_template(checklist_template),
            meeting_log: Vec::new(),
            current_question: 0,
            covered: false,
            hiring_competition: false,
            notes: Vec::new(),
            note_draft: String::new(),
            takeaways: String::new(),
            advice: String::new(),
            referrals: Vec::new(),
            created_at: now,
            updated_at: now,
        }
    }

    pub fn stage(&self) -> Stage {
        self.history.last().map_or(Stage::Idea, |c| c.stage)
    }

    /// When the chat last entered `stage`, if it ever did.
    pub fn entered(&self, stage: Stage) -> Option<DateTime<Utc>> {
        self.history
            .iter()
            .rev()
            .find(|c| c.stage == stage)
            .map(|c| c.at)
    }

    /// Why the chat cannot be booked yet, if anything is missing.
    pub fn booking_problem(&self) -> Option<BookingError> {
        if self.starts_at.is_none() {
            Some(BookingError::MissingTime)
        } else if self.format.is_none() {
            Some(BookingError::MissingFormat)
        } else if self.place.trim().is_empty() {
            Some(BookingError::MissingPlace)
        } else {
            None
        }
    }

    /// Moves to any other stage, forward or back, keeping the date of the
    /// change. Booked needs a time, a format and a place.
    pub fn move_to(&mut self, stage: Stage, now: DateTime<Utc>) -> Result<(), BookingError> {
        if stage == self.stage() {
            return Ok(());
        }
        if stage == Stage::Booked {
            if let Some(problem) = self.booking_problem() {
                return Err(problem);
            }
        }
        self.history.push(StageChange { stage, at: now });
        self.updated_at = now;
        Ok(())
    }
}

/// What to do after a no, or `None` for other stages. A no during a hiring
/// competition has its own advice: ask someone on the team who is not on
/// the panel, or write again once it has closed.
pub fn after_a_no(chat: &Chat) -> Option<&'static str> {
    match chat.stage() {
        Stage::Declined if chat.hiring_competition => Some(t().chat_competition_hint()),
        Stage::Declined => Some(t().chat_declined_hint()),
        Stage::NoReply => Some(t().chat_no_reply_hint()),
        _ => None,
    }
}

/// How long a hiring competition is given to close before writing again.
pub const AFTER_COMPETITION_DAYS: u64 = 42;

/// Whom to ask next after `person` said no or did not answer: people on
/// the list at the same organisation, or introduced by the same person,
/// who have not been asked yet. Sorted by name.
pub fn who_next<'a>(person: &Person, people: &'a [Person], chats: &[Chat]) -> Vec<&'a Person> {
    let organisation = fold(person.organisation.trim());
    let stages = stages_by_person(chats);
    let mut next: Vec<&Person> = people
        .iter()
        .filter(|p| p.id != person.id)
        .filter(|p| stages.get(&p.id).copied().unwrap_or(Stage::Idea) == Stage::Idea)
        .filter(|p| {
            let same_organisation =
                !organisation.is_empty() && fold(p.organisation.trim()) == organisation;
            let same_referrer =
                person.introduced_by.is_some() && p.introduced_by == person.introduced_by;
            same_organisation || same_referrer
        })
        .collect();
    sort_by_key(&mut next, |p| fold(&p.name));
    next
}

/// How long after its planned end a booked chat still counts as the one
/// coming up: a meeting that runs over, or a person checking notes late.
pub const STILL_NEXT_AFTER_END_MINUTES: i64 = 60;

/// The booked chat that is next or under way at `now` (local time): the
/// earliest whose planned end plus [`STILL_NEXT_AFTER_END_MINUTES`] is
/// still ahead. One rule for Today, the Meet shortcut and anything else.
pub fn next_booked<'a>(
    chats: impl IntoIterator<Item = &'a Chat>,
    now: NaiveDateTime,
) -> Option<&'a Chat> {
    booked_from(chats, now).min_by_key(|c| c.starts_at)
}

/// How many chats are done: Today's progress and Insights' threshold.
pub fn done_count(chats: &[Chat]) -> usize {
    chats.iter().filter(|c| c.stage() == Stage::Done).count()
}

/// Booked chats that are next or under way at `now` or later, in no order.
pub fn booked_from<'a>(
    chats: impl IntoIterator<Item = &'a Chat>,
    now: NaiveDateTime,
) -> impl Iterator<Item = &'a Chat> {
    chats
        .into_iter()
        .filter(|c| c.stage() == Stage::Booked)
        .filter(move |c| {
            c.starts_at.is_some_and(|at| {
                let grace = i64::from(c.length_minutes) + STILL_NEXT_AFTER_END_MINUTES;
                at.checked_add_signed(chrono::TimeDelta::minutes(grace))
                    .is_none_or(|until| until >= now)
            })
        })
}

/// Every person's stage in one pass over the chats, for lists: a person
/// missing from the map has no chat and is at Idea.
pub fn stages_by_person<'a>(
    chats: impl IntoIterator<Item = &'a Chat>,
) -> std::collections::HashMap<PersonId, Stage> {
    let mut latest: std::collections::HashMap<PersonId, &Chat> = std::collections::HashMap::new();
    for chat in chats {
        let newer = latest
            .get(&chat.person_id)
            .is_none_or(|known| (chat.created_at, &chat.id) > (known.created_at, &known.id));
        if newer {
            latest.insert(chat.person_id.clone(), chat);
        }
    }
    latest
        .into_iter()
        .map(|(person, chat)| (person, chat.stage()))
        .collect()
}

/// The stage a person is at: that of their most recently created chat, or
/// Idea when there is none.
pub fn stage_of_person<'a>(person: &PersonId, chats: impl IntoIterator<Item = &'a Chat>) -> Stage {
    latest_chat(person, chats).map_or(Stage::Idea, Chat::stage)
}

/// A person's most recently created chat, the one their stage comes from.
pub fn latest_chat<'a>(
    person: &PersonId,
    chats: impl IntoIterator<Item = &'a Chat>,
) -> Option<&'a Chat> {
    chats
        .into_iter()
        .filter(|c| &c.person_id == person)
        .max_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.id.cmp(&b.id))
        })
}

/// A person's chats, the newest first.
pub fn of_person(all: &[Chat], person: &PersonId) -> Vec<Chat> {
    let mut mine: Vec<Chat> = all
        .iter()
        .filter(|c| &c.person_id == person)
        .cloned()
        .collect();
    sort_by_key(&mut mine, |c| std::cmp::Reverse(c.created_at));
    mine
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn chat(id: &str, person: &str, at: DateTime<Utc>) -> Chat {
        Chat::new(ChatId(id.into()), PersonId(person.into()), at, &[])
    }

    fn book(chat: &mut Chat) {
        chat.starts_at = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(8, 30, 0);
        chat.format = Some(MeetingFormat::InPerson);
        chat.place = "Café Olimpico".into();
    }

    #[test]
    fn a_new_chat_is_an_idea_of_ten_minutes() {
        let c = chat("c", "p", now());
        assert_eq!(c.stage(), Stage::Idea);
        assert_eq!(c.length_minutes, 10);
        assert_eq!(c.entered(Stage::Idea), Some(now()));
    }

    #[test]
    fn every_stage_change_keeps_its_date_and_moving_back_is_allowed() {
        let mut c = chat("c", "p", now());
        let t1 = now() + Duration::days(1);
        let t2 = now() + Duration::days(5);
        c.move_to(Stage::Asked, t1).unwrap();
        c.move_to(Stage::Idea, t2).unwrap();
        c.move_to(Stage::Idea, t2).unwrap(); // no change, no entry
        let stages: Vec<_> = c.history.iter().map(|h| (h.stage, h.at)).collect();
        assert_eq!(
            stages,
            [(Stage::Idea, now()), (Stage::Asked, t1), (Stage::Idea, t2)]
        );
        assert_eq!(c.entered(Stage::Asked), Some(t1));
    }

    #[test]
    fn booking_needs_a_time_a_format_and_a_place() {
        let mut c = chat("c", "p", now());
        assert_eq!(
            c.move_to(Stage::Booked, now()),
            Err(BookingError::MissingTime)
        );
        c.starts_at = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(8, 30, 0);
        assert_eq!(
            c.move_to(Stage::Booked, now()),
            Err(BookingError::MissingFormat)
        );
        c.format = Some(MeetingFormat::Video);
        c.place = "   ".into();
        assert_eq!(
            c.move_to(Stage::Booked, now()),
            Err(BookingError::MissingPlace)
        );
        assert_eq!(c.stage(), Stage::Idea);
        book(&mut c);
        c.move_to(Stage::Booked, now()).unwrap();
        assert_eq!(c.stage(), Stage::Booked);
    }

    #[test]
    fn exits_need_nothing() {
        for exit in [Stage::Declined, Stage::NoReply, Stage::Done] {
            let mut c = chat("c", "p", now());
            c.move_to(exit, now()).unwrap();
            assert_eq!(c.stage(), exit);
        }
    }

    #[test]
    fn a_person_is_at_the_stage_of_their_latest_chat() {
        let person = PersonId("p".into());
        assert_eq!(stage_of_person(&person, &[]), Stage::Idea);
        let mut old = chat("a", "p", now());
        old.move_to(Stage::Declined, now()).unwrap();
        let mut newer = chat("b", "p", now() + Duration::days(30));
        newer
            .move_to(Stage::Asked, now() + Duration::days(30))
            .unwrap();
        let mut other = chat("c", "q", now() + Duration::days(40));
        book(&mut other);
        other.move_to(Stage::Booked, now()).unwrap();
        let chats = [newer, old, other];
        assert_eq!(stage_of_person(&person, &chats), Stage::Asked);
        let all = stages_by_person(&chats);
        assert_eq!(all.get(&person), Some(&Stage::Asked));
        assert_eq!(all.get(&PersonId("q".into())), Some(&Stage::Booked));
        assert_eq!(all.get(&PersonId("nobody".into())), None);
        assert_eq!(
            stage_of_person(&PersonId("q".into()), &chats),
            Stage::Booked
        );
    }

    #[test]
    fn formats_round_trip_through_their_slugs() {
        for f in MeetingFormat::ALL {
            assert_eq!(MeetingFormat::from_slug(f.slug()), Some(f));
        }
        assert_eq!(MeetingFormat::from_slug("carrier pigeon"), None);
    }

    #[test]
    fn after_a_no_the_next_person_is_a_colleague_or_another_introduction() {
        let at = now();
        let person = |id: &str, name: &str, org: &str, by: Option<&str>| {
            let mut p = Person::new(PersonId(id.into()), name, at).unwrap();
            p.organisation = org.into();
            p.introduced_by = by.map(|b| PersonId(b.into()));
            p
        };
        let ana = person("a", "Ana", "Shopify", Some("r"));
        let people = vec![
            ana.clone(),
            person("b", "Ben", "shopify ", None),
            person("c", "Cleo", "Wealthsimple", Some("r")),
            person("d", "Dev", "Shopify", None),
            person("e", "Eve", "Elsewhere", None),
            person("r", "Rita", "", None),
        ];
        // Dev was already asked.
        let mut asked = chat("x", "d", at);
        asked.move_to(Stage::Asked, at).unwrap();
        let names: Vec<&str> = who_next(&ana, &people, &[asked])
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["Ben", "Cleo"]);
    }

    #[test]
    fn a_no_during_a_hiring_competition_gets_its_own_advice() {
        let at = now();
        let after = |stage: Stage, competition: bool| {
            let mut c = chat("x", "a", at);
            c.move_to(Stage::Asked, at).unwrap();
            if stage != Stage::Asked {
                c.move_to(stage, at).unwrap();
            }
            c.hiring_competition = competition;
            after_a_no(&c)
        };
        assert!(after(Stage::NoReply, false)
            .unwrap()
            .contains("not rudeness"));
        assert!(after(Stage::Declined, false)
            .unwrap()
            .contains("not about you"));
        let competition = after(Stage::Declined, true).unwrap();
        assert!(competition.contains("not on the hiring panel"));
        assert!(competition.contains("once the competition has closed"));
        assert_eq!(after(Stage::Asked, true), None);
    }

    #[test]
    fn a_persons_chats_come_newest_first_and_no_one_elses() {
        let all = [
            chat("first", "ana", now()),
            chat("bens", "ben", now() + Duration::days(1)),
            chat("second", "ana", now() + Duration::days(2)),
        ];
        let ids: Vec<_> = of_person(&all, &PersonId("ana".into()))
            .into_iter()
            .map(|c| c.id.0)
            .collect();
        assert_eq!(ids, ["second", "first"]);
        assert!(of_person(&all, &PersonId("nobody".into())).is_empty());
    }
}

/// Moves the item at `index` one place up or down; false at either end.
pub fn move_item<T>(items: &mut [T], index: usize, up: bool) -> bool {
    let other = if up {
        index.checked_sub(1)
    } else {
        index.checked_add(1)
    };
    match other {
        Some(other) if other < items.len() && index < items.len() => {
            items.swap(index, other);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod move_tests {
    use super::move_item;

    #[test]
    fn items_move_one_place_and_stop_at_the_ends() {
        let mut items = vec!['a', 'b', 'c'];
        assert!(move_item(&mut items, 2, true));
        assert_eq!(items, ['a', 'c', 'b']);
        assert!(move_item(&mut items, 0, false));
        assert_eq!(items, ['c', 'a', 'b']);
        assert!(!move_item(&mut items, 0, true));
        assert!(!move_item(&mut items, 2, false));
        assert!(!move_item(&mut items, 7, true));
        assert_eq!(items, ['c', 'a', 'b']);
    }
}
