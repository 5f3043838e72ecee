//! What the Insights screen shows, worked out from the records when first
//! read and kept until they change. It lives as long as the app, so a
//! second visit costs nothing, and the first can be worked out ahead.

use leptos::prelude::*;

use super::AppState;
use crate::domain::insights::{
    by_question, debrief_choices, recurring_terms, DebriefChoices, DebriefIndex, RecurringTerm,
    SharedQuestion, UnaskedQuestion, TERMS_SHOWN,
};

pub type QuestionGroups = (Vec<SharedQuestion>, Vec<UnaskedQuestion>);

#[derive(Clone, Copy)]
pub struct Insights {
    pub questions: Memo<QuestionGroups>,
    pub debriefs: Memo<DebriefIndex>,
    pub choices: Memo<DebriefChoices>,
    pub terms: Memo<Vec<RecurringTerm>>,
}

impl Insights {
    pub fn new(app: AppState) -> Insights {
        let (people, chats) = (app.people, app.chats);
        Insights {
            questions: Memo::new(move |_| {
                people.with(|people| chats.with(|chats| by_question(people, chats)))
            }),
            debriefs: Memo::new(move |_| {
                people.with(|people| chats.with(|chats| DebriefIndex::new(people, chats)))
            }),
            choices: Memo::new(move |_| {
                people.with(|people| chats.with(|chats| debrief_choices(people, chats)))
            }),
            terms: Memo::new(move |_| {
                people
                    .with(|people| chats.with(|chats| recurring_terms(people, chats, TERMS_SHOWN)))
            }),
        }
    }

    /// Works out what Insights opens on, so that opening it only draws.
    /// A memo is recomputed only when read after a change, so this costs
    /// nothing more while the person types elsewhere.
    pub fn work_out_first_section(&self) {
        self.questions.try_with_untracked(|_| ());
    }

    /// Counts the words: the one slow part with a year of notes.
    pub fn count_words(&self) {
        self.terms.try_with_untracked(|_| ());
    }
}

pub fn use_insights() -> Insights {
    expect_context::<Insights>()
}
