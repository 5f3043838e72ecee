//! The Insights screen's sections as text to share, in Markdown or plain
//! text, and the sentences its figures are written in.

use super::*;

/// The parts of the Insights screen, each exportable on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Questions,
    Debriefs,
    Terms,
    Network,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Questions,
        Section::Debriefs,
        Section::Terms,
        Section::Network,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Questions => t().insights_section_questions(),
            Section::Debriefs => t().insights_section_debriefs(),
            Section::Terms => t().insights_section_terms(),
            Section::Network => t().insights_section_network(),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Section::Questions => "questions",
            Section::Debriefs => "advice",
            Section::Terms => "words",
            Section::Network => "network",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// How many recurring terms the screen and the export show.
pub const TERMS_SHOWN: usize = 30;

/// Writes headings and lists as Markdown or as plain text.
struct Writer {
    markdown: bool,
    out: String,
}

impl Writer {
    fn heading(&mut self, level: usize, text: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        if self.markdown {
            self.out
                .push_str(&format!("{} {text}\n", "#".repeat(level)));
        } else {
            self.out.push_str(text);
            self.out.push('\n');
            if level <= 2 {
                let rule = if level == 1 { '=' } else { '-' };
                self.out
                    .push_str(&rule.to_string().repeat(text.chars().count()));
                self.out.push('\n');
            }
        }
    }

    /// A list item; the lines after the first are indented under it.
    fn item(&mut self, text: &str) {
        let mut lines = text.lines();
        self.out
            .push_str(&format!("- {}\n", lines.next().unwrap_or("")));
        for line in lines {
            self.out.push_str(&format!("  {line}\n"));
        }
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }
}

fn dated(name: &str, met: Option<DateTime<Utc>>, local_date: LocalDate) -> String {
    match met {
        Some(at) => fill(
            t().insights_export_dated(),
            &[("name", &name), ("date", &short_date(local_date(at)))],
        ),
        None => name.to_string(),
    }
}

/// The chosen sections as text to share, in Markdown or plain text. The
/// debriefs and terms are the ones the screen already has, so a filtered
/// list exports as shown and the words are not counted again.
pub fn export(
    people: &[Person],
    chats: &[Chat],
    debriefs: &[Debrief],
    terms: &[RecurringTerm],
    sections: &[Section],
    markdown: bool,
    local_date: LocalDate,
) -> String {
    let mut w = Writer {
        markdown,
        out: String::new(),
    };
    w.heading(1, t().insights_export_title());
    for section in Section::ALL.into_iter().filter(|s| sections.contains(s)) {
        w.heading(2, section.title());
        match section {
            Section::Questions => {
                let (shared, unasked) = by_question(people, chats);
                if shared.is_empty() {
                    w.line(t().insights_export_no_questions());
                }
                for question in &shared {
                    w.heading(3, &question.text);
                    for row in &question.answers {
                        let answer = if row.answer.is_empty() {
                            t().insights_export_no_note()
                        } else {
                            &row.answer
                        };
                        w.item(&format!(
                            "{}: {answer}",
                            dated(&row.speaker.name, row.speaker.met, local_date)
                        ));
                    }
                }
                if !unasked.is_empty() {
                    w.heading(3, t().insights_export_unasked());
                    for question in &unasked {
                        w.item(&fill(
                            t().insights_export_planned_for(),
                            &[
                                ("question", &question.text),
                                ("names", &question.planned_for.join(", ")),
                            ],
                        ));
                    }
                }
            }
            Section::Debriefs => {
                if debriefs.is_empty() {
                    w.line(t().insights_export_no_debriefs());
                }
                for debrief in debriefs {
                    let who = if debrief.organisation.is_empty() {
                        debrief.speaker.name.clone()
                    } else {
                        format!("{} ({})", debrief.speaker.name, debrief.organisation)
                    };
                    w.heading(3, &dated(&who, debrief.speaker.met, local_date));
                    if !debrief.takeaways.is_empty() {
                        w.item(&fill(
                            t().insights_export_takeaways(),
                            &[("text", &debrief.takeaways)],
                        ));
                    }
                    if !debrief.advice.is_empty() {
                        w.item(&fill(
                            t().insights_export_advice(),
                            &[("text", &debrief.advice)],
                        ));
                    }
                }
            }
            Section::Terms => {
                if terms.is_empty() {
                    w.line(t().insights_export_no_terms());
                }
                for term in terms {
                    w.item(&fill(
                        t().insights_export_term(),
                        &[
                            ("term", &term.term),
                            ("people", &term.people.join(", ")),
                            ("n", &term.passage_count),
                        ],
                    ));
                }
            }
            Section::Network => {
                let f = funnel(chats, local_date);
                let mut summary = fill(
                    t().insights_export_funnel(),
                    &[
                        ("asked", &f.asked),
                        ("booked", &f.booked),
                        ("done", &f.done),
                    ],
                );
                if let Some(rate) = f.reply_rate() {
                    summary.push_str(&fill(t().insights_export_replied(), &[("n", &rate)]));
                }
                if let Some(days) = f.median_days_to_book {
                    summary.push_str(&fill(
                        t().insights_export_median(),
                        &[("days", &business_days(days))],
                    ));
                }
                w.line(&summary);
                let chains = referral_chains(people, chats);
                if !chains.is_empty() {
                    w.heading(3, t().insights_export_chains());
                    for chain in &chains {
                        let names: Vec<&str> = chain.iter().map(|c| c.name.as_str()).collect();
                        w.item(&names.join(" → "));
                    }
                }
                let introducers = introducers(people, chats);
                if !introducers.is_empty() {
                    w.heading(3, t().insights_export_introducers());
                    for i in &introducers {
                        w.item(&introduction_summary(i));
                    }
                }
                let organisations = organisations(people, chats);
                if !organisations.is_empty() {
                    w.heading(3, t().insights_export_organisations());
                    for o in &organisations {
                        let people: Vec<String> = o
                            .people
                            .iter()
                            .map(|c| format!("{}: {}", c.name, c.stage.label()))
                            .collect();
                        w.item(&fill(
                            t().insights_export_organisation(),
                            &[
                                ("name", &o.name),
                                ("standing", &o.standing.label()),
                                ("people", &people.join(", ")),
                            ],
                        ));
                    }
                }
            }
        }
    }
    w.out
}

/// t().insights_one_business_day(), "2.5 business days".
/// Integer arithmetic only: formatting a float would add its own 10 KB to
/// the download.
pub fn business_days(days: f64) -> String {
    let tenths = (days * 10.0).round() as i64;
    let days = match tenths {
        10 => return t().insights_one_business_day().into(),
        _ if tenths % 10 == 0 => (tenths / 10).to_string(),
        _ => format!(
            "{}{}{}",
            tenths / 10,
            t().settings_decimal_point(),
            tenths % 10
        ),
    };
    fill(t().insights_business_days(), &[("n", &days)])
}

/// Who used a term, short enough for one line: "Ana Silva, Ben Okafor,
/// Chloé Roy and 297 others". With a year of notes a common term has
/// hundreds of speakers; its passages say who each one was.
pub fn speakers_line(people: &[String]) -> String {
    const NAMED: usize = 3;
    if people.len() <= NAMED + 1 {
        return people.join(", ");
    }
    let others = people.len() - NAMED;
    fill(
        t().insights_and_others(),
        &[("names", &people[..NAMED].join(", ")), ("n", &others)],
    )
}

/// "Ana Silva introduced 3 people: 2 became chats, 1 met."
pub fn introduction_summary(introducer: &Introducer) -> String {
    let n = introducer.introduced.len();
    fill(
        t().insights_introduced(),
        &[
            ("name", &introducer.person.name),
            ("n", &n),
            ("chats", &introducer.became_chats),
            ("met", &introducer.met),
        ],
    )
}
