//! What the Insights screen shows, worked out from the records when first
//! read and kept until they change. It lives as long as the app, so a
//! second visit costs nothing, and the first can be worked out ahead.

use leptos::prelude::*;

use super::{local_date, AppState};
use crate::domain::insights::{
    by_question, debrief_choices, funnel, introducers, organisations, recurring_terms,
    referral_chains, Contact, DebriefChoices, DebriefIndex, Funnel, Introducer, Organisation,
    RecurringTerm, SharedQuestion, UnaskedQuestion, TERMS_SHOWN,
};

pub type QuestionGroups = (Vec<SharedQuestion>, Vec<UnaskedQuestion>);

/// The funnel, the referral chains, the introducers and the organisations.
pub type Network = (
    Funnel,
    Vec<Vec<Contact>>,
    Vec<Introducer>,
    Vec<Organisation>,
);

#[derive(Clone, Copy)]
pub struct Insights {
    pub questions: Memo<QuestionGroups>,
    pub debriefs: Memo<DebriefIndex>,
    pub choices: Memo<DebriefChoices>,
    pub terms: Memo<Vec<RecurringTerm>>,
    pub network: Memo<Network>,
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
            network: Memo::new(move |_| {
                people.with(|people| {
                    chats.with(|chats| {
                        (
                            funnel(chats, &local_date),
                            referral_chains(people, chats),
                            introducers(people, chats),
                            organisations(people, chats),
                        )
                    })
                })
            }),
        }
    }

    /// Works out what Insights opens on, so that opening it only draws.
    /// A memo is recomputed only when read after a change, so this costs
    /// nothing more while the person types elsewhere.
    pub fn work_out_first_section(&self) {
        self.questions.try_with_untracked(|_| ());
    }

    /// Counts the words and maps the network, the two slow sections with a
    /// year of records, each in a task of its own so that neither holds up
    /// a tap for long.
    pub fn work_out_other_sections(self) {
        self.terms.try_with_untracked(|_| ());
        crate::pwa::when_idle(move || {
            self.network.try_with_untracked(|_| ());
        });
    }
}

pub fn use_insights() -> Insights {
    expect_context::<Insights>()
}
