//! Getting ready for a chat: the checklist template, the question bank with
//! its avoid-list, and how many questions fit the planned length.

use serde::{Deserialize, Serialize};

use super::asks::{asks_in, AskRule, Setting};

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
            ChecklistGroup::Research => "Research",
            ChecklistGroup::Questions => "Questions",
            ChecklistGroup::Logistics => "Logistics",
            ChecklistGroup::Presentation => "Presentation",
            ChecklistGroup::Etiquette => "At the table",
            ChecklistGroup::Own => "Your own",
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
pub struct ChecklistItem {
    pub id: String,
    pub group: ChecklistGroup,
    pub text: String,
    #[serde(default)]
    pub done: bool,
}

const BUILT_IN_CHECKLIST: &[(ChecklistGroup, &str)] = &[
    (ChecklistGroup::Research, "Read the organisation's website"),
    (
        ChecklistGroup::Research,
        "Read their profile and recent posts",
    ),
    (
        ChecklistGroup::Research,
        "Look for recent news about the organisation",
    ),
    (
        ChecklistGroup::Questions,
        "Prepared at least three questions",
    ),
    (
        ChecklistGroup::Questions,
        "None of them is answered by a quick search",
    ),
    (
        ChecklistGroup::Logistics,
        "Time and place confirmed, at their convenience",
    ),
    (
        ChecklistGroup::Logistics,
        "Route planned, to arrive ten minutes early",
    ),
    (ChecklistGroup::Logistics, "Phone charged"),
    (ChecklistGroup::Logistics, "A way to pay for their coffee"),
    (
        ChecklistGroup::Presentation,
        "Clothes a step more formal than their workplace",
    ),
    (
        ChecklistGroup::Presentation,
        "No perfume or cologne: many Canadian workplaces are scent-free",
    ),
    (ChecklistGroup::Presentation, "Business cards"),
    (ChecklistGroup::Presentation, "A notebook and pen"),
    (ChecklistGroup::Etiquette, "Offer to pay for their coffee"),
    (
        ChecklistGroup::Etiquette,
        "Keep to the length you agreed; ask before running over",
    ),
    (
        ChecklistGroup::Etiquette,
        "No job ask, and no résumé unless they ask for it",
    ),
    (
        ChecklistGroup::Etiquette,
        "Ask who else to talk to, and whether you may use their name",
    ),
];

/// The checklist every new chat starts from, until the user edits it.
pub fn built_in_checklist() -> Vec<ChecklistItem> {
    BUILT_IN_CHECKLIST
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
/// alone.
pub fn copy_template(template: &[ChecklistItem]) -> Vec<ChecklistItem> {
    template
        .iter()
        .map(|item| ChecklistItem {
            done: false,
            ..item.clone()
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
            QuestionCategory::Trends => "Trends",
            QuestionCategory::Insights => "Insights",
            QuestionCategory::Advice => "Advice",
            QuestionCategory::Resources => "Resources",
            QuestionCategory::Assignments => "Assignments",
            QuestionCategory::DayToDay => "Day-to-day",
            QuestionCategory::CareerPath => "Career path",
            QuestionCategory::Culture => "Culture",
            QuestionCategory::NewToCanada => "New to Canada",
            QuestionCategory::Own => "My own",
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

use QuestionCategory::*;

const BUILT_IN_QUESTIONS: &[(QuestionCategory, &str)] = &[
    (Trends, "What is changing most in your field right now?"),
    (Trends, "Which new tools or methods is your team adopting?"),
    (Trends, "Where do you see this kind of work in five years?"),
    (Trends, "Which skills are becoming more valuable here?"),
    (Trends, "What problem is your sector most worried about?"),
    (Trends, "How has remote or hybrid work changed your job?"),
    (
        Insights,
        "What surprised you most when you started this role?",
    ),
    (
        Insights,
        "What do people outside get wrong about your work?",
    ),
    (Insights, "What makes someone excellent at this job?"),
    (Insights, "What is the hardest part of your work?"),
    (Insights, "What part of the job do you enjoy most?"),
    (Insights, "Which decisions take up most of your week?"),
    (Advice, "What would you do in my place, starting out now?"),
    (Advice, "What do you wish you had known at my stage?"),
    (
        Advice,
        "Which experience would make me a stronger candidate later?",
    ),
    (Advice, "How would you fill the gaps in my background?"),
    (Advice, "What mistakes do newcomers to this field make?"),
    (Advice, "How can I show this field I am serious about it?"),
    (Resources, "Which associations or groups are worth joining?"),
    (Resources, "What do you read or listen to, to keep up?"),
    (Resources, "Which events or meetups are worth attending?"),
    (
        Resources,
        "Is there a course or certificate you would recommend?",
    ),
    (Resources, "Who else would be good for me to talk to?"),
    (Resources, "May I mention your name when I contact them?"),
    (
        Assignments,
        "What small project could I do to test this work?",
    ),
    (
        Assignments,
        "Is there a volunteer role that builds these skills?",
    ),
    (
        Assignments,
        "What could I read or try before we talk again?",
    ),
    (
        Assignments,
        "What would a good first assignment in this job look like?",
    ),
    (Assignments, "Could I shadow someone here for a few hours?"),
    (DayToDay, "What does a typical day look like for you?"),
    (DayToDay, "Who do you work with most closely?"),
    (
        DayToDay,
        "How is your time split between people and screens?",
    ),
    (DayToDay, "How is success measured in your role?"),
    (DayToDay, "Which skills do you use every single day?"),
    (CareerPath, "How did you get into this line of work?"),
    (CareerPath, "What did your path look like before this role?"),
    (CareerPath, "Which skills from early on do you still use?"),
    (CareerPath, "Where do people in your role usually go next?"),
    (CareerPath, "Which step in your career taught you the most?"),
    (Culture, "How would you describe the culture of your team?"),
    (Culture, "How are new people welcomed and trained?"),
    (Culture, "How flexible are hours and location here?"),
    (Culture, "How does your team handle disagreement?"),
    (Culture, "What kind of person thrives in your workplace?"),
    (Culture, "How do managers support growth on your team?"),
    (
        NewToCanada,
        "Does this work need a licence or registration here?",
    ),
    (
        NewToCanada,
        "How do people get foreign credentials recognised in this field?",
    ),
    (
        NewToCanada,
        "Which Canadian course would help my credentials count?",
    ),
    (
        NewToCanada,
        "How can I gain Canadian experience in this field?",
    ),
    (
        NewToCanada,
        "Does volunteer work count as Canadian experience?",
    ),
    (
        NewToCanada,
        "Which workplace habits here surprise people from abroad?",
    ),
    (
        NewToCanada,
        "How direct are people expected to be in meetings?",
    ),
];

pub fn built_in_questions() -> Vec<BankQuestion> {
    BUILT_IN_QUESTIONS
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
            Guidance::TooFew => format!("Prepare at least three questions ({count} so far)."),
            Guidance::TooMany => format!("Too many: {count} questions. Keep the ones you care about most."),
            Guidance::Fits { suggested, over: false } => format!(
                "{count} questions. About {suggested} fit {length_minutes} minutes, one every two minutes."
            ),
            Guidance::Fits { suggested, over: true } => format!(
                "{count} questions: more than the {suggested} or so that fit {length_minutes} minutes. Put the most important first."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let found: Vec<_> = avoid_matches(question).iter().map(|r| r.topic).collect();
            match topic {
                Some(topic) => assert!(found.contains(topic), "{question}: {found:?}"),
                None => assert!(found.is_empty(), "{question}: {found:?}"),
            }
        }
    }

    #[test]
    fn every_avoid_rule_says_why_and_what_to_ask_instead() {
        for rule in crate::domain::asks::ASK_RULES {
            assert!(
                rule.why.ends_with('.') && rule.why.len() > 20,
                "{}",
                rule.topic
            );
            assert!(
                rule.instead.ends_with('.') && rule.instead.len() > 20,
                "{}",
                rule.topic
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
    fn a_chat_copies_the_template_so_later_edits_do_not_reach_it() {
        let mut template = built_in_checklist();
        template[0].done = true;
        let copy = copy_template(&template);
        assert_eq!(copy.len(), template.len());
        assert!(copy.iter().all(|i| !i.done));
        template[0].text = "Changed later".into();
        template.pop();
        assert_eq!(copy[0].text, "Read the organisation's website");
        assert_eq!(copy.len(), BUILT_IN_CHECKLIST.len());
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
}
