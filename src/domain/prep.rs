//! Getting ready for a chat: the checklist template, the question bank with
//! its avoid-list, how many questions fit the planned length, and whether
//! they mix the work, the organisation and this one person.

use serde::{Deserialize, Serialize};

use super::asks::{asks_in, AskRule, Setting};
use super::words::fold;
use crate::i18n::{fill, t, Texts, ENGLISH_AT_START};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistGroup {
    Research,
    Questions,
    Logistics,
    Presentation,
    Etiquette,
    /// Items the user added to one chat.
    Own,
}

impl ChecklistGroup {
    pub const TEMPLATE_GROUPS: [ChecklistGroup; 5] = [
        ChecklistGroup::Research,
        ChecklistGroup::Questions,
        ChecklistGroup::Logistics,
        ChecklistGroup::Presentation,
        ChecklistGroup::Etiquette,
    ];

    /// Things to do during the meeting, shown on the Meet screen rather
    /// than ticked the night before.
    pub fn at_the_table(self) -> bool {
        self == ChecklistGroup::Etiquette
    }

    pub fn label(self) -> &'static str {
        match self {
            ChecklistGroup::Research => t().checklist_group_research(),
            ChecklistGroup::Questions => t().checklist_group_questions(),
            ChecklistGroup::Logistics => t().checklist_group_logistics(),
            ChecklistGroup::Presentation => t().checklist_group_presentation(),
            ChecklistGroup::Etiquette => t().checklist_group_etiquette(),
            ChecklistGroup::Own => t().checklist_group_own(),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            ChecklistGroup::Research => "research",
            ChecklistGroup::Questions => "questions",
            ChecklistGroup::Logistics => "logistics",
            ChecklistGroup::Presentation => "presentation",
            ChecklistGroup::Etiquette => "etiquette",
            ChecklistGroup::Own => "own",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ChecklistGroup> {
        [Self::TEMPLATE_GROUPS.as_slice(), &[ChecklistGroup::Own]]
            .concat()
            .into_iter()
            .find(|g| g.slug() == slug)
    }
}

/// One line of the checklist template, or of a chat's own copy of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredChecklistItem", into = "StoredChecklistItem")]
pub struct ChecklistItem {
    pub id: String,
    pub group: ChecklistGroup,
    pub text: String,
    pub done: bool,
}

/// A checklist item as stored: an item in the built-in English wording is
/// kept by its id alone (every build has those words), and one not done
/// leaves `done` out. Each chat's copy of the checklist was 47% of a
/// year of data, close to what a browser lets a site keep.
#[derive(Serialize, Deserialize)]
struct StoredChecklistItem {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group: Option<ChecklistGroup>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    done: bool,
}

pub(crate) fn is_false(flag: &bool) -> bool {
    !*flag
}

/// The built-in item `id` in English: its group and words (among the
/// texts the wasm starts with, since records are read and written by them).
fn built_in_english(id: &str) -> Option<(ChecklistGroup, &'static str)> {
    let n: usize = id.strip_prefix('t')?.parse().ok()?;
    checklist_in(&ENGLISH_AT_START).get(n).copied()
}

impl From<ChecklistItem> for StoredChecklistItem {
    fn from(item: ChecklistItem) -> StoredChecklistItem {
        let built_in = built_in_english(&item.id) == Some((item.group, item.text.as_str()));
        StoredChecklistItem {
            group: (!built_in).then_some(item.group),
            text: (!built_in).then_some(item.text),
            id: item.id,
            done: item.done,
        }
    }
}

impl TryFrom<StoredChecklistItem> for ChecklistItem {
    type Error = &'static str;
    fn try_from(stored: StoredChecklistItem) -> Result<ChecklistItem, &'static str> {
        let (group, text) = match (stored.group, stored.text) {
            (Some(group), Some(text)) => (group, text),
            _ => {
                let (group, text) =
                    built_in_english(&stored.id).ok_or("a checklist item without its words")?;
                (group, text.to_string())
            }
        };
        Ok(ChecklistItem {
            id: stored.id,
            group,
            text,
            done: stored.done,
        })
    }
}

/// The built-in checklist in one language's words.
fn checklist_in(texts: &Texts) -> [(ChecklistGroup, &'static str); 17] {
    [
        (ChecklistGroup::Research, texts.checklist_research_1()),
        (ChecklistGroup::Research, texts.checklist_research_2()),
        (ChecklistGroup::Research, texts.checklist_research_3()),
        (ChecklistGroup::Questions, texts.checklist_questions_1()),
        (ChecklistGroup::Questions, texts.checklist_questions_2()),
        (ChecklistGroup::Logistics, texts.checklist_logistics_1()),
        (ChecklistGroup::Logistics, texts.checklist_logistics_2()),
        (ChecklistGroup::Logistics, texts.checklist_logistics_3()),
        (ChecklistGroup::Logistics, texts.checklist_logistics_4()),
        (
            ChecklistGroup::Presentation,
            texts.checklist_presentation_1(),
        ),
        (
            ChecklistGroup::Presentation,
            texts.checklist_presentation_2(),
        ),
        (
            ChecklistGroup::Presentation,
            texts.checklist_presentation_3(),
        ),
        (
            ChecklistGroup::Presentation,
            texts.checklist_presentation_4(),
        ),
        (ChecklistGroup::Etiquette, texts.checklist_etiquette_1()),
        (ChecklistGroup::Etiquette, texts.checklist_etiquette_2()),
        (ChecklistGroup::Etiquette, texts.checklist_etiquette_3()),
        (ChecklistGroup::Etiquette, texts.checklist_etiquette_4()),
    ]
}

/// The checklist every new chat starts from, until the user edits it.
pub fn built_in_checklist() -> Vec<ChecklistItem> {
    built_in_checklist_in(t())
}

pub(crate) fn built_in_checklist_in(texts: &Texts) -> Vec<ChecklistItem> {
    checklist_in(texts)
        .iter()
        .enumerate()
        .map(|(n, (group, text))| ChecklistItem {
            id: format!("t{n}"),
            group: *group,
            text: (*text).to_string(),
            done: false,
        })
        .collect()
}

/// A chat's own copy of the template: later edits to the template leave it
/// alone. A template never edited is the built-in one, saved in the
/// language of its day; a new chat gets it in the language in use now.
pub fn copy_template(template: &[ChecklistItem]) -> Vec<ChecklistItem> {
    let now = built_in_checklist();
    let unedited =
        template == now.as_slice() || template == built_in_checklist_in(&ENGLISH_AT_START);
    let source = if unedited { now } else { template.to_vec() };
    source
        .into_iter()
        .map(|item| ChecklistItem {
            done: false,
            ..item
        })
        .collect()
}

/// Done and total, for "3 of 16 ready".
pub fn progress(items: &[ChecklistItem]) -> (usize, usize) {
    let to_ready = || items.iter().filter(|i| !i.group.at_the_table());
    (to_ready().filter(|i| i.done).count(), to_ready().count())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionCategory {
    Trends,
    Insights,
    Advice,
    Resources,
    Assignments,
    DayToDay,
    CareerPath,
    Culture,
    NewToCanada,
    Own,
}

impl QuestionCategory {
    pub const ALL: [QuestionCategory; 10] = [
        QuestionCategory::Trends,
        QuestionCategory::Insights,
        QuestionCategory::Advice,
        QuestionCategory::Resources,
        QuestionCategory::Assignments,
        QuestionCategory::DayToDay,
        QuestionCategory::CareerPath,
        QuestionCategory::Culture,
        QuestionCategory::NewToCanada,
        QuestionCategory::Own,
    ];

    pub fn label(self) -> &'static str {
        match self {
            QuestionCategory::Trends => t().bank_category_trends(),
            QuestionCategory::Insights => t().bank_category_insights(),
            QuestionCategory::Advice => t().bank_category_advice(),
            QuestionCategory::Resources => t().bank_category_resources(),
            QuestionCategory::Assignments => t().bank_category_assignments(),
            QuestionCategory::DayToDay => t().bank_category_day_to_day(),
            QuestionCategory::CareerPath => t().bank_category_career_path(),
            QuestionCategory::Culture => t().bank_category_culture(),
            QuestionCategory::NewToCanada => t().bank_category_new_to_canada(),
            QuestionCategory::Own => t().bank_category_own(),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            QuestionCategory::Trends => "trends",
            QuestionCategory::Insights => "insights",
            QuestionCategory::Advice => "advice",
            QuestionCategory::Resources => "resources",
            QuestionCategory::Assignments => "assignments",
            QuestionCategory::DayToDay => "day_to_day",
            QuestionCategory::CareerPath => "career_path",
            QuestionCategory::Culture => "culture",
            QuestionCategory::NewToCanada => "new_to_canada",
            QuestionCategory::Own => "own",
        }
    }

    pub fn from_slug(slug: &str) -> Option<QuestionCategory> {
        Self::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

/// A question in the bank: built in, or saved by the user for reuse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankQuestion {
    pub id: String,
    pub category: QuestionCategory,
    pub text: String,
}

impl BankQuestion {
    /// Whether a search of the bank finds it: of the category picked, if
    /// any, and holding every word searched for (`words` already folded),
    /// whatever their case and accents.
    pub fn found_by(&self, category: Option<QuestionCategory>, words: &str) -> bool {
        let text = fold(&self.text);
        category.is_none_or(|c| c == self.category)
            && words.split_whitespace().all(|word| text.contains(word))
    }
}

use QuestionCategory::*;

/// The built-in bank in one language's words.
fn bank_in(texts: &Texts) -> [(QuestionCategory, &'static str); 55] {
    [
        (Trends, texts.bank_trends_1()),
        (Trends, texts.bank_trends_2()),
        (Trends, texts.bank_trends_3()),
        (Trends, texts.bank_trends_4()),
        (Trends, texts.bank_trends_5()),
        (Trends, texts.bank_trends_6()),
        (Insights, texts.bank_insights_1()),
        (Insights, texts.bank_insights_2()),
        (Insights, texts.bank_insights_3()),
        (Insights, texts.bank_insights_4()),
        (Insights, texts.bank_insights_5()),
        (Insights, texts.bank_insights_6()),
        (Advice, texts.bank_advice_1()),
        (Advice, texts.bank_advice_2()),
        (Advice, texts.bank_advice_3()),
        (Advice, texts.bank_advice_4()),
        (Advice, texts.bank_advice_5()),
        (Advice, texts.bank_advice_6()),
        (Resources, texts.bank_resources_1()),
        (Resources, texts.bank_resources_2()),
        (Resources, texts.bank_resources_3()),
        (Resources, texts.bank_resources_4()),
        (Resources, texts.bank_resources_5()),
        (Resources, texts.bank_resources_6()),
        (Assignments, texts.bank_assignments_1()),
        (Assignments, texts.bank_assignments_2()),
        (Assignments, texts.bank_assignments_3()),
        (Assignments, texts.bank_assignments_4()),
        (Assignments, texts.bank_assignments_5()),
        (DayToDay, texts.bank_day_to_day_1()),
        (DayToDay, texts.bank_day_to_day_2()),
        (DayToDay, texts.bank_day_to_day_3()),
        (DayToDay, texts.bank_day_to_day_4()),
        (DayToDay, texts.bank_day_to_day_5()),
        (CareerPath, texts.bank_career_path_1()),
        (CareerPath, texts.bank_career_path_2()),
        (CareerPath, texts.bank_career_path_3()),
        (CareerPath, texts.bank_career_path_4()),
        (CareerPath, texts.bank_career_path_5()),
        (Culture, texts.bank_culture_1()),
        (Culture, texts.bank_culture_2()),
        (Culture, texts.bank_culture_3()),
        (Culture, texts.bank_culture_4()),
        (Culture, texts.bank_culture_5()),
        (Culture, texts.bank_culture_6()),
        (NewToCanada, texts.bank_new_to_canada_1()),
        (NewToCanada, texts.bank_new_to_canada_2()),
        (NewToCanada, texts.bank_new_to_canada_3()),
        (NewToCanada, texts.bank_new_to_canada_4()),
        (NewToCanada, texts.bank_new_to_canada_5()),
        (NewToCanada, texts.bank_new_to_canada_6()),
        (NewToCanada, texts.bank_new_to_canada_7()),
        // Added after the rest: a question's id is its place in this list.
        (Culture, texts.bank_culture_7()),
        (Culture, texts.bank_culture_8()),
        (Culture, texts.bank_culture_9()),
    ]
}

pub fn built_in_questions() -> Vec<BankQuestion> {
    bank_in(t())
        .iter()
        .enumerate()
        .map(|(n, (category, text))| BankQuestion {
            id: format!("b{n}"),
            category: *category,
            text: (*text).to_string(),
        })
        .collect()
}

/// A question planned for one chat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatQuestion {
    pub id: String,
    pub category: QuestionCategory,
    pub text: String,
    #[serde(default)]
    pub asked: bool,
    #[serde(default)]
    pub answer: String,
}

/// The asks a meeting question falls under (a job, pay, what a search
/// answers…), read for meaning; see [`crate::domain::asks`].
pub fn avoid_matches(question: &str) -> Vec<&'static AskRule> {
    asks_in(question, Setting::Question)
}

/// What a planned question is about, in the three kinds a good list
/// mixes: the work, the organisation, and this one person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Work,
    Organisation,
    ThisPerson,
}

impl QuestionCategory {
    /// Bank categories about the work or the organisation; a question of
    /// one's own is written for this person. The rest (trends, advice,
    /// resources, newcomers) count towards no kind.
    pub fn focus(self) -> Option<Focus> {
        match self {
            DayToDay | Insights | Assignments => Some(Focus::Work),
            Culture => Some(Focus::Organisation),
            Own => Some(Focus::ThisPerson),
            Trends | Advice | Resources | CareerPath | NewToCanada => None,
        }
    }
}

/// How many planned questions are about each kind, in [`Focus`] order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mix {
    pub work: usize,
    pub organisation: usize,
    pub this_person: usize,
}

impl Mix {
    /// A question naming the person or their organisation is written for
    /// them, whatever its category; naming the organisation also makes it
    /// one about the organisation. One question can count twice.
    pub fn of(questions: &[ChatQuestion], name: &str, organisation: &str) -> Mix {
        let folded = |text: &str| Some(fold(text.trim())).filter(|t| t.chars().count() >= 2);
        let first_name = folded(name.split_whitespace().next().unwrap_or(""));
        let organisation = folded(organisation);
        let mut mix = Mix {
            work: 0,
            organisation: 0,
            this_person: 0,
        };
        for question in questions {
            let text = fold(&question.text);
            let names = |n: &Option<String>| n.as_ref().is_some_and(|n| text.contains(n.as_str()));
            let focus = question.category.focus();
            mix.work += usize::from(focus == Some(Focus::Work));
            mix.organisation +=
                usize::from(focus == Some(Focus::Organisation) || names(&organisation));
            mix.this_person += usize::from(
                focus == Some(Focus::ThisPerson) || names(&first_name) || names(&organisation),
            );
        }
        mix
    }

    /// The kinds the list has none of, once it has a few questions.
    pub fn missing(self) -> Vec<Focus> {
        [
            (self.work, Focus::Work),
            (self.organisation, Focus::Organisation),
            (self.this_person, Focus::ThisPerson),
        ]
        .into_iter()
        .filter(|(count, _)| *count == 0)
        .map(|(_, focus)| focus)
        .collect()
    }

    pub fn summary(self) -> String {
        fill(
            t().guidance_mix(),
            &[
                ("role", &self.work),
                ("organisation", &self.organisation),
                ("own", &self.this_person),
            ],
        )
    }
}

impl Focus {
    /// What to add when the list has no question of this kind.
    pub fn suggestion(self) -> &'static str {
        match self {
            Focus::Work => t().guidance_add_role(),
            Focus::Organisation => t().guidance_add_organisation(),
            Focus::ThisPerson => t().guidance_add_own(),
        }
    }
}

/// What the planner says of the kinds of questions planned, and what to
/// add; nothing before the first question.
pub fn mix_advice(questions: &[ChatQuestion], name: &str, organisation: &str) -> Option<String> {
    if questions.is_empty() {
        return None;
    }
    let mix = Mix::of(questions, name, organisation);
    let mut advice = mix.summary();
    for focus in mix.missing() {
        advice.push(' ');
        advice.push_str(focus.suggestion());
    }
    Some(advice)
}

/// What the planner says about the number of questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guidance {
    TooFew,
    TooMany,
    /// About `suggested` fit the planned length; `over` when the list is
    /// longer than that.
    Fits {
        suggested: usize,
        over: bool,
    },
}

pub const MIN_QUESTIONS: usize = 3;
pub const MAX_QUESTIONS: usize = 14;

/// About one question per two minutes of the planned length.
pub fn guidance(count: usize, length_minutes: u32) -> Guidance {
    let suggested = ((length_minutes / 2) as usize).clamp(MIN_QUESTIONS, MAX_QUESTIONS);
    if count < MIN_QUESTIONS {
        Guidance::TooFew
    } else if count > MAX_QUESTIONS {
        Guidance::TooMany
    } else {
        Guidance::Fits {
            suggested,
            over: count > suggested,
        }
    }
}

impl Guidance {
    pub fn message(self, count: usize, length_minutes: u32) -> String {
        match self {
            Guidance::TooFew => fill(t().guidance_too_few(), &[("count", &count)]),
            Guidance::TooMany => fill(t().guidance_too_many(), &[("count", &count)]),
            Guidance::Fits { suggested, over } => fill(
                if over {
                    t().guidance_over()
                } else {
                    t().guidance_fits()
                },
                &[
                    ("count", &count),
                    ("suggested", &suggested),
                    ("minutes", &length_minutes),
                ],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::ENGLISH;

    #[test]
    fn a_built_in_checklist_item_is_stored_by_id_and_any_other_whole() {
        let mut items = built_in_checklist_in(&ENGLISH);
        items[3].done = true;
        items[4].text = "None of them answered by their website".into();
        items.push(ChecklistItem {
            id: "c1".into(),
            group: ChecklistGroup::Own,
            text: "Print the transit report".into(),
            done: false,
        });
        let text = serde_json::to_string(&items).unwrap();
        assert!(
            text.starts_with(r#"[{"id":"t0"},{"id":"t1"},{"id":"t2"},{"id":"t3","done":true},"#)
        );
        assert!(text.contains(
            r#"{"id":"t4","group":"questions","text":"None of them answered by their website"}"#
        ));
        assert!(text.contains(r#"{"id":"c1","group":"own","text":"Print the transit report"}"#));
        let back: Vec<ChecklistItem> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, items);
        // The wording of schema 1 reads as it always did.
        let whole = r#"{"id":"t2","group":"research","text":"Anything","done":true}"#;
        let item: ChecklistItem = serde_json::from_str(whole).unwrap();
        assert_eq!((item.text.as_str(), item.done), ("Anything", true));
        // An id with no words of its own and none built in cannot be read.
        assert!(serde_json::from_str::<ChecklistItem>(r#"{"id":"c9"}"#).is_err());
        assert!(serde_json::from_str::<ChecklistItem>(r#"{"id":"t99"}"#).is_err());
    }

    use super::*;

    #[test]
    fn a_planned_list_mixes_the_work_the_organisation_and_this_person() {
        let planned = |list: &[(QuestionCategory, &str)]| -> Vec<ChatQuestion> {
            list.iter()
                .enumerate()
                .map(|(n, (category, text))| ChatQuestion {
                    id: format!("q{n}"),
                    category: *category,
                    text: (*text).to_string(),
                    asked: false,
                    answer: String::new(),
                })
                .collect()
        };
        let generic = planned(&[
            (DayToDay, "What does a typical day look like?"),
            (Insights, "What is the hardest part of your work?"),
            (Trends, "Where is your sector heading?"),
        ]);
        let mix = Mix::of(&generic, "Ana Silva", "Hydro-Québec");
        assert_eq!((mix.work, mix.organisation, mix.this_person), (2, 0, 0));
        assert_eq!(mix.missing(), [Focus::Organisation, Focus::ThisPerson]);
        assert_eq!(
            mix.summary(),
            "2 about the work, 0 about the organisation, 0 written for this person."
        );

        // Naming the person or the organisation, accents or not, tailors it.
        let tailored = planned(&[
            (DayToDay, "What does a typical day look like?"),
            (Culture, "How does hydro-quebec help new staff settle in?"),
            (Advice, "Ana, what did your move from research teach you?"),
            (Own, "How did the transit study you led change your team?"),
        ]);
        let mix = Mix::of(&tailored, "Ana Silva", "Hydro-Québec");
        assert_eq!((mix.work, mix.organisation, mix.this_person), (1, 1, 3));
        assert!(mix.missing().is_empty());
        let without_organisation = Mix::of(&tailored[2..], "Ana Silva", "Hydro-Québec");
        assert_eq!(
            without_organisation.missing(),
            [Focus::Work, Focus::Organisation]
        );
        assert!(Focus::Organisation.suggestion().contains("culture"));
        assert_eq!(mix_advice(&[], "Ana Silva", "Hydro-Québec"), None);
        assert_eq!(
            mix_advice(&generic, "Ana Silva", "Hydro-Québec").unwrap(),
            "2 about the work, 0 about the organisation, 0 written for this person. Add one about the organisation: its culture, its benefits, why people stay or leave. Write one only this person can answer, from your research: their path, a talk they gave, a project."
        );
        // Benefits, turnover and the latest hires are in the bank, about the organisation.
        let bank = built_in_questions();
        for topic in ["benefits", "turnover", "two most recent people hired"] {
            let question = bank.iter().find(|q| q.text.contains(topic)).unwrap();
            assert_eq!(question.category.focus(), Some(Focus::Organisation));
        }
    }

    #[test]
    fn the_bank_has_at_least_forty_short_questions_in_every_category() {
        let bank = built_in_questions();
        assert!(bank.len() >= 40);
        for category in QuestionCategory::ALL.into_iter().filter(|c| *c != Own) {
            assert!(
                bank.iter().filter(|q| q.category == category).count() >= 4,
                "{category:?}"
            );
        }
        for q in &bank {
            assert!(
                q.text.split_whitespace().count() <= 12,
                "too long to glance at: {}",
                q.text
            );
            assert!(q.text.ends_with('?'));
            assert!(
                avoid_matches(&q.text).is_empty(),
                "the bank breaks its own rules: {}",
                q.text
            );
        }
        let mut ids: Vec<_> = bank.iter().map(|q| q.id.clone()).collect();
        ids.dedup();
        assert_eq!(ids.len(), bank.len());
    }

    #[test]
    fn avoid_list_catches_what_it_should_and_nothing_else() {
        let cases: &[(&str, Option<&str>)] = &[
            ("How much do you make?", Some("Pay")),
            ("What's the salary range for analysts?", Some("Pay")),
            ("Is the pay good?", Some("Pay")),
            ("Are you hiring at the moment?", Some("Asking for a job")),
            (
                "Could there be a job for me on your team?",
                Some("Asking for a job"),
            ),
            ("Should I apply to your team?", Some("Asking for a job")),
            (
                "Could you pass on my résumé to your manager?",
                Some("Handing over your résumé"),
            ),
            (
                "Would you pass my CV to HR?",
                Some("Handing over your résumé"),
            ),
            (
                "So what does your company do?",
                Some("What a quick search answers"),
            ),
            (
                "How many employees are there?",
                Some("What a quick search answers"),
            ),
            (
                "When was the agency founded?",
                Some("What a quick search answers"),
            ),
            (
                "Where is your headquarters?",
                Some("What a quick search answers"),
            ),
            // Honest questions that share words with the rules.
            ("What did you learn on your first job?", None),
            ("How do you pay attention to detail?", None),
            ("What skills paid off most early on?", None),
            ("How do you apply statistics in your work?", None),
            ("What is a typical day like?", None),
            ("Which apps do you use daily?", None),
            ("What does your team do differently from others?", None),
            ("How did your career path unfold?", None),
            ("What resumed after the pandemic?", None),
        ];
        for (question, topic) in cases {
            let found: Vec<_> = avoid_matches(question).iter().map(|r| r.topic()).collect();
            match topic {
                Some(topic) => assert!(found.contains(topic), "{question}: {found:?}"),
                None => assert!(found.is_empty(), "{question}: {found:?}"),
            }
        }
    }

    #[test]
    fn every_avoid_rule_says_why_and_what_to_ask_instead_in_both_languages() {
        let rules = || {
            crate::domain::asks::ASK_RULES
                .iter()
                .map(|r| (r.topic(), r.why(), r.instead()))
        };
        let english: Vec<_> = rules().collect();
        let french: Vec<_> = crate::i18n::in_french(|| rules().collect());
        for ((topic, why, instead), (topic_fr, ..)) in english.iter().zip(&french) {
            assert_ne!(topic, topic_fr);
            assert!(!why.is_empty() && !instead.is_empty());
        }
        for rule in crate::domain::asks::ASK_RULES {
            assert!(
                rule.why().ends_with('.') && rule.why().len() > 20,
                "{}",
                rule.topic()
            );
            assert!(
                rule.instead().ends_with('.') && rule.instead().len() > 20,
                "{}",
                rule.topic()
            );
        }
    }

    #[test]
    fn count_guidance_follows_the_planned_length() {
        assert_eq!(guidance(0, 10), Guidance::TooFew);
        assert_eq!(guidance(2, 30), Guidance::TooFew);
        assert_eq!(
            guidance(3, 10),
            Guidance::Fits {
                suggested: 5,
                over: false
            }
        );
        assert_eq!(
            guidance(5, 10),
            Guidance::Fits {
                suggested: 5,
                over: false
            }
        );
        assert_eq!(
            guidance(6, 10),
            Guidance::Fits {
                suggested: 5,
                over: true
            }
        );
        assert_eq!(
            guidance(7, 15),
            Guidance::Fits {
                suggested: 7,
                over: false
            }
        );
        assert_eq!(
            guidance(10, 20),
            Guidance::Fits {
                suggested: 10,
                over: false
            }
        );
        assert_eq!(
            guidance(14, 30),
            Guidance::Fits {
                suggested: 14,
                over: false
            }
        );
        assert_eq!(guidance(15, 30), Guidance::TooMany);
        assert_eq!(
            guidance(4, 4),
            Guidance::Fits {
                suggested: 3,
                over: true
            }
        );
        assert_eq!(
            guidance(2, 10).message(2, 10),
            "Prepare at least three questions (2 so far)."
        );
        assert!(guidance(15, 30).message(15, 30).starts_with("Too many"));
    }

    #[test]
    fn the_french_bank_follows_the_same_rules_in_every_category() {
        let english = built_in_questions();
        let french = crate::i18n::in_french(built_in_questions);
        assert_eq!(french.len(), english.len());
        for (fr, en) in french.iter().zip(&english) {
            assert_eq!((&fr.id, fr.category), (&en.id, en.category));
            let words = fr
                .text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric));
            assert!(words.count() <= 12, "too long to glance at: {}", fr.text);
            // French puts a narrow no-break space before the question mark.
            assert!(fr.text.ends_with("\u{202f}?"), "{}", fr.text);
            assert!(
                avoid_matches(&fr.text).is_empty(),
                "the bank breaks its own rules: {}",
                fr.text
            );
            assert_ne!(fr.text, en.text);
        }
    }

    #[test]
    fn an_unedited_template_follows_the_language_and_an_edited_one_stays_as_written() {
        let english_template = built_in_checklist();
        crate::i18n::in_french(|| {
            let copy = copy_template(&english_template);
            assert_eq!(copy, built_in_checklist());
            assert_eq!(copy[0].text, "Lire le site Web de l’organisation");
            // Saved in French, read back in French: still the French one.
            assert_eq!(copy_template(&copy), copy);
            // Edited: kept word for word, whatever the language.
            let mut edited = english_template.clone();
            edited[1].text = "Read their thesis".into();
            let kept = copy_template(&edited);
            assert_eq!(kept[0].text, "Read the organisation's website");
            assert_eq!(kept[1].text, "Read their thesis");
        });
    }

    #[test]
    fn a_chat_copies_the_template_so_later_edits_do_not_reach_it() {
        let mut template = built_in_checklist();
        template[0].done = true;
        let copy = copy_template(&template);
        assert_eq!(copy.len(), template.len());
        assert!(copy.iter().all(|i| !i.done));
        template[0].text = "Changed later".into();
        template.pop();
        assert_eq!(copy[0].text, "Read the organisation's website");
        // What is done at the table is not something to get ready.
        assert_eq!(progress(&copy), (0, 13));
        let at_table = copy.iter().filter(|i| i.group.at_the_table()).count();
        assert_eq!(at_table, 4);
        assert_eq!(copy.len(), 17);
    }

    #[test]
    fn the_built_in_checklist_covers_every_group() {
        let items = built_in_checklist();
        for group in ChecklistGroup::TEMPLATE_GROUPS {
            assert!(items.iter().any(|i| i.group == group), "{group:?}");
        }
        for group in [
            ChecklistGroup::TEMPLATE_GROUPS.as_slice(),
            &[ChecklistGroup::Own],
        ]
        .concat()
        {
            assert_eq!(ChecklistGroup::from_slug(group.slug()), Some(group));
        }
        for category in QuestionCategory::ALL {
            assert_eq!(QuestionCategory::from_slug(category.slug()), Some(category));
        }
    }

    #[test]
    fn a_bank_search_finds_every_word_in_the_category_picked() {
        let question = BankQuestion {
            id: "q".into(),
            category: QuestionCategory::DayToDay,
            text: "Qu’est-ce qui vous a Étonné dans ce métier ?".into(),
        };
        assert!(question.found_by(None, ""));
        assert!(question.found_by(Some(QuestionCategory::DayToDay), &fold("étonné MÉTIER")));
        assert!(!question.found_by(Some(QuestionCategory::Own), "etonne"));
        assert!(!question.found_by(None, &fold("étonné salaire")));
    }
}
