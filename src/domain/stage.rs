//! Where a chat stands, from Idea to Done or a no, and the rules that
//! depend on it alone.

use crate::i18n::t;
use serde::{Deserialize, Serialize};

/// Where an informational interview stands. Declined and No reply are exits
/// from the main path Idea → Asked → Booked → Done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Idea,
    Asked,
    Booked,
    Done,
    Declined,
    NoReply,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Idea,
        Stage::Asked,
        Stage::Booked,
        Stage::Done,
        Stage::Declined,
        Stage::NoReply,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Idea => t().stage_idea(),
            Stage::Asked => t().stage_asked(),
            Stage::Booked => t().stage_booked(),
            Stage::Done => t().stage_done(),
            Stage::Declined => t().stage_declined(),
            Stage::NoReply => t().stage_no_reply(),
        }
    }

    /// The usual next step from this stage, which the chat screen shows
    /// first and most visibly; none once the chat is over.
    pub fn next_step(self) -> Option<Stage> {
        match self {
            Stage::Idea => Some(Stage::Asked),
            Stage::Asked => Some(Stage::Booked),
            Stage::Booked => Some(Stage::Done),
            Stage::Done | Stage::Declined | Stage::NoReply => None,
        }
    }

    /// They said no, or never answered: time to thank them and ask the
    /// next person.
    pub fn is_a_no(self) -> bool {
        matches!(self, Stage::Declined | Stage::NoReply)
    }

    /// Order of the People list: what needs attention soonest comes first
    /// (a booked meeting, then requests awaiting an answer, then ideas not
    /// yet acted on); finished and closed contacts sink to the bottom.
    pub fn list_rank(self) -> u8 {
        match self {
            Stage::Booked => 0,
            Stage::Asked => 1,
            Stage::Idea => 2,
            Stage::Done => 3,
            Stage::NoReply => 4,
            Stage::Declined => 5,
        }
    }

    /// Stable name for CSS classes and stored data.
    pub fn slug(self) -> &'static str {
        match self {
            Stage::Idea => "idea",
            Stage::Asked => "asked",
            Stage::Booked => "booked",
            Stage::Done => "done",
            Stage::Declined => "declined",
            Stage::NoReply => "no-reply",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_rank_is_a_total_order_over_all_stages() {
        let mut ranks: Vec<u8> = Stage::ALL.iter().map(|s| s.list_rank()).collect();
        ranks.sort_unstable();
        ranks.dedup();
        assert_eq!(ranks.len(), Stage::ALL.len());
    }

    #[test]
    fn booked_comes_before_ideas_and_closed_contacts_come_last() {
        assert!(Stage::Booked.list_rank() < Stage::Asked.list_rank());
        assert!(Stage::Asked.list_rank() < Stage::Idea.list_rank());
        assert!(Stage::Idea.list_rank() < Stage::Done.list_rank());
        assert!(Stage::Done.list_rank() < Stage::Declined.list_rank());
    }

    #[test]
    fn the_next_step_walks_from_an_idea_to_a_meeting_and_stops_at_any_end() {
        let mut stage = Stage::Idea;
        let mut path = vec![stage];
        while let Some(next) = stage.next_step() {
            stage = next;
            path.push(stage);
        }
        assert_eq!(
            path,
            [Stage::Idea, Stage::Asked, Stage::Booked, Stage::Done]
        );
        for ended in [Stage::Declined, Stage::NoReply] {
            assert_eq!(ended.next_step(), None);
            assert!(ended.is_a_no());
        }
        assert!(!Stage::Done.is_a_no());
    }

    #[test]
    fn stored_names_are_snake_case() {
        assert_eq!(
            serde_json::to_string(&Stage::NoReply).unwrap(),
            "\"no_reply\""
        );
        assert_eq!(
            serde_json::from_str::<Stage>("\"booked\"").unwrap(),
            Stage::Booked
        );
    }
}
