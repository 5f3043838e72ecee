//! Insights: what the people met said, grouped by question, the words
//! that recur, and the network (the funnel, chains and organisations).

use leptos::prelude::*;

use crate::domain::calendar::short_date;
use crate::domain::chat::done_count;
use crate::domain::insights::{
    business_days, export, introduction_summary, speakers_line, AnswerRow, Debrief, DebriefFilter,
    RecurringTerm, Section, Speaker,
};
use crate::domain::targets::Score;
use crate::i18n::{fill, t};
use crate::state::{local_date, use_app, use_insights, Insights, QuestionGroups};
use crate::ui::components::{show_more, StageBadge};
use crate::ui::router::{use_router, Screen};

/// "Ana Silva, Tue 3 Nov 2026" linking to the chat it came from.
fn speaker_link(speaker: &Speaker) -> impl IntoView {
    let when = speaker
        .met
        .map(|at| {
            fill(
                t().insights_met_on(),
                &[("date", &short_date(local_date(at)))],
            )
        })
        .unwrap_or_default();
    view! {
        <a href=Screen::Chat(speaker.chat_id.clone()).href()>{speaker.name.clone()}</a>
        <span class="muted">{when}</span>
    }
}

/// What people told you, side by side, and where the network leads. Each
/// section is worked out when first shown and kept until the records
/// change; the word count, the slow one, also runs shortly after the
/// screen opens.
#[component]
pub fn InsightsPage() -> impl IntoView {
    super::set_title(t().insights_title());
    let app = use_app();
    let router = use_router();
    let section = Memo::new(move |_| {
        router
            .query("section")
            .and_then(|slug| Section::from_slug(&slug))
            .unwrap_or(Section::Questions)
    });
    let done = Memo::new(move |_| app.chats.with(|chats| done_count(chats)));
    let filter = RwSignal::new(DebriefFilter::default());
    let insights = use_insights();
    // Worked out while the first section is read, not when a tab is tapped.
    set_timeout(
        move || insights.work_out_other_sections(),
        std::time::Duration::from_millis(300),
    );

    view! {
        <h1>{t().insights_insights()}</h1>
        <p class="muted">
            {t().insights_what_several_people_told()}
        </p>
        <Show when=move || { done.get() < 2 }>
            <section class="card" aria-labelledby="insights-empty-heading">
                <h2 id="insights-empty-heading">{t().insights_more_appears_after_two()}</h2>
                <p>
                    {move || {
                        let n = done.get();
                        fill(t().insights_done_chats(), &[("n", &n)])
                    }}
                </p>
            </section>
        </Show>
        <nav class="tabs" aria-label=t().insights_insights_sections()>
            {Section::ALL
                .into_iter()
                .map(|s| {
                    view! {
                        <a
                            href=format!("{}?section={}", Screen::Insights.href(), s.slug())
                            aria-current=move || (section.get() == s).then_some("page")
                        >
                            {tab_label(s)}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        {move || match section.get() {
            Section::Questions => view! { <QuestionsSection /> }.into_any(),
            Section::Debriefs => view! { <DebriefsSection filter /> }.into_any(),
            Section::Terms => view! { <TermsSection terms=insights.terms /> }.into_any(),
            Section::Network => view! { <NetworkSection /> }.into_any(),
        }}
        <ShareInsights current=section filter />
    }
}

fn tab_label(section: Section) -> &'static str {
    match section {
        Section::Questions => t().insights_tab_questions(),
        Section::Debriefs => t().insights_tab_advice(),
        Section::Terms => t().insights_tab_words(),
        Section::Network => t().insights_tab_network(),
    }
}

/// How many items a long list adds per tap: a year of chats can hold
/// hundreds, and a phone renders a screenful at a time.
const PAGE: usize = 10;

/// Question cards shown on opening: each holds three answers, so three
/// fill two screens, and opening stays quick.
const FIRST_QUESTIONS: usize = 3;

fn answer_row(row: &AnswerRow) -> impl IntoView {
    let answer = if row.answer.is_empty() {
        view! { <p class="muted">{t().insights_no_note_of_the()}</p> }.into_any()
    } else {
        view! { <p class="prewrap">{row.answer.clone()}</p> }.into_any()
    };
    view! { <li>{speaker_link(&row.speaker)} {answer}</li> }
}

/// One question with its first answers; the rest a tap away. It reads its
/// rows from the grouping where they are, rather than copying a question
/// asked of hundreds of people into each card.
#[component]
fn SharedQuestionCard(grouped: Memo<QuestionGroups>, index: usize) -> impl IntoView {
    const FIRST_ANSWERS: usize = 3;
    let all = RwSignal::new(false);
    let (text, total) = grouped.with_untracked(|(shared, _)| {
        shared
            .get(index)
            .map(|q| (q.text.clone(), q.answers.len()))
            .unwrap_or_default()
    });
    view! {
        <article class="card question-card">
            <h3>{text}</h3>
            <ul class="answers">
                {move || {
                    let limit = if all.get() { total } else { FIRST_ANSWERS };
                    grouped
                        .with_untracked(|(shared, _)| {
                            shared
                                .get(index)
                                .map(|q| q.answers.iter().take(limit).map(answer_row).collect_view())
                        })
                }}
            </ul>
            {(total > FIRST_ANSWERS)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-quiet"
                            aria-expanded=move || all.get().to_string()
                            on:click=move |_| all.update(|a| *a = !*a)
                        >
                            {move || {
                                if all.get() {
                                    t().insights_first_three_answers().to_string()
                                } else {
                                    fill(t().insights_all_answers(), &[("n", &total)])
                                }
                            }}
                        </button>
                    }
                })}
        </article>
    }
}

#[component]
fn QuestionsSection() -> impl IntoView {
    let grouped = use_insights().questions;
    let shown = RwSignal::new(FIRST_QUESTIONS);
    view! {
        <section aria-labelledby="questions-heading">
            <h2 id="questions-heading">{Section::Questions.title()}</h2>
            {move || {
                grouped
                    .with(|(shared, _)| {
                        if shared.is_empty() {
                            return view! {
                                <p class="card muted">
                                    {t().insights_no_question_has_been()}
                                </p>
                            }
                                .into_any();
                        }
                        let total = shared.len();
                        view! {
                            {(0..total.min(shown.get()))
                                .map(|index| view! { <SharedQuestionCard grouped index /> })
                                .collect_view()}
                            {show_more(shown, move || total, PAGE, t().insights_more_questions())}
                        }
                            .into_any()
                    })
            }}
            {move || {
                grouped
                    .with(|(_, unasked)| {
                        (!unasked.is_empty())
                            .then(|| {
                                view! {
                                    <section class="card" aria-labelledby="unasked-heading">
                                        <h3 id="unasked-heading">{t().insights_planned_but_never_asked()}</h3>
                                        <p class="muted">{t().insights_worth_keeping_for_the()}</p>
                                        <ul>
                                            {unasked
                                                .iter()
                                                .map(|q| {
                                                    view! {
                                                        <li>
                                                            {q.text.clone()}
                                                            <span class="muted">
                                                                {fill(t().insights_planned_for(), &[("names", &q.planned_for.join(", "))])}
                                                            </span>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </section>
                                }
                            })
                    })
            }}
        </section>
    }
}

/// A choice list for one debrief filter, "" meaning all; nothing when
/// there is nothing to choose.
fn filter_select(
    id: &'static str,
    label: &'static str,
    options: Vec<String>,
    current: String,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    (!options.is_empty()).then(|| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id on:change=move |ev| set(event_target_value(&ev))>
                    <option value="" selected=current.is_empty()>{t().insights_all()}</option>
                    {options
                        .into_iter()
                        .map(|o| {
                            let selected = o == current;
                            view! { <option value=o.clone() selected=selected>{o.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    })
}

#[component]
fn DebriefsSection(filter: RwSignal<DebriefFilter>) -> impl IntoView {
    let Insights {
        debriefs, choices, ..
    } = use_insights();
    let shown = Memo::new(move |_| debriefs.with(|index| filter.with(|f| index.matching(f))));
    let page = RwSignal::new(PAGE);
    view! {
        <section aria-labelledby="debriefs-heading">
            <h2 id="debriefs-heading">{Section::Debriefs.title()}</h2>
            <div class="card form filters">
                {move || {
                    let c = choices.get();
                    // As chosen now: new data rebuilds the lists, not the choice.
                    let now = filter.get_untracked();
                    view! {
                        {filter_select(
                            "filter-organisation",
                            t().insights_filter_organisation(),
                            c.organisations,
                            now.organisation,
                            move |v| filter.update(|f| f.organisation = v),
                        )}
                        {filter_select(
                            "filter-field",
                            t().insights_filter_field(),
                            c.fields,
                            now.field,
                            move |v| filter.update(|f| f.field = v),
                        )}
                        {filter_select(
                            "filter-tag",
                            t().insights_filter_tag(),
                            c.tags,
                            now.tag,
                            move |v| filter.update(|f| f.tag = v),
                        )}
                    }
                }}
                <div class="field">
                    <label for="debrief-search">{t().insights_search_takeaways_and_advice()}</label>
                    <input
                        id="debrief-search"
                        type="search"
                        prop:value=move || filter.with(|f| f.query.clone())
                        on:input=move |ev| filter.update(|f| f.query = event_target_value(&ev))
                    />
                </div>
            </div>
            <p class="muted" role="status">
                {move || {
                    let n = shown.with(Vec::len);
                    fill(t().insights_debrief_count(), &[("n", &n)])
                }}
            </p>
            <ul class="debriefs">
                {move || {
                    let index = debriefs.read();
                    shown
                        .with(|list| list.iter().take(page.get()).filter_map(|&at| index.get(at)).map(debrief_card).collect_view())
                }}
            </ul>
            {show_more(page, move || shown.with(Vec::len), PAGE, t().insights_more_chats())}
        </section>
    }
}

fn debrief_card(d: &Debrief) -> impl IntoView {
    view! {
        <li class="card">
            <h3>
                {speaker_link(&d.speaker)}
                {(!d.organisation.is_empty())
                    .then(|| view! { <span class="muted">{format!(" · {}", d.organisation)}</span> })}
            </h3>
            {(!d.takeaways.is_empty())
                .then(|| view! {
                    <h4>{t().insights_takeaways()}</h4>
                    <p class="prewrap">{d.takeaways.clone()}</p>
                })}
            {(!d.advice.is_empty())
                .then(|| view! {
                    <h4>{t().insights_advice()}</h4>
                    <p class="prewrap">{d.advice.clone()}</p>
                })}
        </li>
    }
}

#[component]
fn TermsSection(terms: Memo<Vec<RecurringTerm>>) -> impl IntoView {
    let open = RwSignal::new(None::<String>);
    view! {
        <section aria-labelledby="terms-heading">
            <h2 id="terms-heading">{Section::Terms.title()}</h2>
            <p class="muted">
                {t().insights_words_and_two_word()}
            </p>
            {move || {
                terms.with(|list| {
                    if list.is_empty() {
                        return view! {
                            <p class="card muted">
                                {t().insights_nothing_has_come_up()}
                            </p>
                        }
                            .into_any();
                    }
                    view! {
                        <ul class="terms">
                            {list
                                .iter()
                                .enumerate()
                                .map(|(index, term)| term_item(terms, index, term, open))
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                })
            }}
        </section>
    }
}

/// One term as a button that opens its passages, which are built only
/// when opened: thirty terms of twenty-five passages each is a long list
/// to build for a glance at the words.
fn term_item(
    terms: Memo<Vec<RecurringTerm>>,
    index: usize,
    term: &RecurringTerm,
    open: RwSignal<Option<String>>,
) -> impl IntoView {
    let key = term.term.clone();
    let expanded = {
        let key = key.clone();
        move || open.with(|o| o.as_ref() == Some(&key))
    };
    let toggle = {
        let key = key.clone();
        move |_| {
            open.update(|o| {
                *o = if o.as_ref() == Some(&key) {
                    None
                } else {
                    Some(key.clone())
                }
            })
        }
    };
    let panel_id = format!("term-{}", key.replace(' ', "-"));
    let count = term.passage_count;
    let listed = term.passages.len();
    view! {
        <li class="term">
            <button
                type="button"
                class="term-button"
                aria-expanded={
                    let expanded = expanded.clone();
                    move || expanded().to_string()
                }
                aria-controls=panel_id.clone()
                on:click=toggle
            >
                <span class="chevron" aria-hidden="true">"▸ "</span>
                <strong>{term.term.clone()}</strong>
                <span class="muted">
                    {fill(
                        t().insights_term_summary(),
                        &[("speakers", &speakers_line(&term.people)), ("n", &count)],
                    )}
                </span>
            </button>
            <Show when=expanded>
                {(count > listed)
                    .then(|| view! {
                        <p class="muted">{fill(t().insights_latest_passages(), &[("listed", &listed), ("count", &count)])}</p>
                    })}
                <ul class="passages" id=panel_id.clone()>
                    {move || {
                        terms
                            .with_untracked(|terms| {
                                terms
                                    .get(index)
                                    .map(|term| {
                                        term.passages
                                            .iter()
                                            .map(|p| {
                                                view! {
                                                    <li>
                                                        {speaker_link(&p.speaker)}
                                                        <span class="muted">{format!(" · {}", p.source.label())}</span>
                                                        <p class="prewrap">{p.text.clone()}</p>
                                                    </li>
                                                }
                                            })
                                            .collect_view()
                                    })
                            })
                    }}
                </ul>
            </Show>
        </li>
    }
}

/// People listed under each organisation; the People search finds the rest.
const PEOPLE_PER_ORGANISATION: usize = 8;

fn person_link(id: &crate::domain::person::PersonId, name: &str) -> impl IntoView {
    view! { <a href=Screen::Person(id.clone()).href()>{name.to_string()}</a> }
}

#[component]
fn NetworkSection() -> impl IntoView {
    let network = use_insights().network;
    let app = use_app();
    // The target an organisation names, with its scores, as a link.
    let target = move |name: &str| {
        app.targets.with(|all| {
            all.iter().find(|known| known.employs_name(name)).map(|known| {
                view! {
                    <p>
                        <a href=Screen::Target(known.id.clone()).href()>{t().targets_title()}</a>
                        " · "
                        {super::targets::scores(known.score(Score::Motivation), known.score(Score::Postings))}
                    </p>
                }
            })
        })
    };
    let (chains_shown, introducers_shown, organisations_shown) = (
        RwSignal::new(PAGE),
        RwSignal::new(PAGE),
        RwSignal::new(PAGE),
    );
    view! {
        <section aria-labelledby="network-heading">
            <h2 id="network-heading">{Section::Network.title()}</h2>
            {move || {
                let (f, chains, introducers, organisations) = network.get();
                let (chain_total, introducer_total, organisation_total) =
                    (chains.len(), introducers.len(), organisations.len());
                view! {
                    <section class="card" aria-labelledby="funnel-heading">
                        <h3 id="funnel-heading">{t().insights_from_asking_to_meeting()}</h3>
                        <dl class="funnel">
                            <div><dt>{t().insights_asked()}</dt><dd>{f.asked}</dd></div>
                            <div><dt>{t().insights_booked()}</dt><dd>{f.booked}</dd></div>
                            <div><dt>{t().insights_done()}</dt><dd>{f.done}</dd></div>
                            <div>
                                <dt>{t().insights_replied()}</dt>
                                <dd>{f.reply_rate().map_or("–".to_string(), |r| fill(t().insights_percent(), &[("n", &r)]))}</dd>
                            </div>
                        </dl>
                        <p class="muted">
                            {match f.median_days_to_book {
                                Some(days) => fill(t().insights_median_wait(), &[("days", &business_days(days))]),
                                None => t().insights_wait_unknown().to_string(),
                            }}
                        </p>
                    </section>
                    <section class="card" aria-labelledby="chains-heading">
                        <h3 id="chains-heading">{t().insights_referral_chains()}</h3>
                        {if chains.is_empty() {
                            view! {
                                <p class="muted">
                                    {t().insights_none_yet_when_someone()}
                                </p>
                            }
                                .into_any()
                        } else {
                            view! {
                                <ul class="chains">
                                    {chains
                                        .into_iter()
                                        .take(chains_shown.get())
                                        .map(|chain| {
                                            let last = chain.len() - 1;
                                            view! {
                                                <li>
                                                    {chain
                                                        .into_iter()
                                                        .enumerate()
                                                        .map(|(n, c)| view! {
                                                            {person_link(&c.id, &c.name)}
                                                            {(n < last).then_some(" → ")}
                                                        })
                                                        .collect_view()}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                {show_more(chains_shown, move || chain_total, PAGE, t().insights_more_chains())}
                            }
                                .into_any()
                        }}
                        {(!introducers.is_empty())
                            .then(|| view! {
                                <h4>{t().insights_who_introduced_you()}</h4>
                                <ul>
                                    {introducers
                                        .iter()
                                        .take(introducers_shown.get())
                                        .map(|i| view! { <li>{introduction_summary(i)}</li> })
                                        .collect_view()}
                                </ul>
                                {show_more(introducers_shown, move || introducer_total, PAGE, t().insights_more_introducers())}
                            })}
                    </section>
                    <section class="card" aria-labelledby="organisations-heading">
                        <h3 id="organisations-heading">{t().insights_organisations()}</h3>
                        {if organisations.is_empty() {
                            view! { <p class="muted">{t().insights_add_an_organisation_to()}</p> }
                                .into_any()
                        } else {
                            view! {
                                <ul class="organisations">
                                    {organisations
                                        .into_iter()
                                        .take(organisations_shown.get())
                                        .map(|o| view! {
                                            <li>
                                                <h4>{o.name.clone()}</h4>
                                                <p class="muted">{o.standing.label()}</p>
                                                {target(&o.name)}
                                                <ul class="links">
                                                    {o.people
                                                        .iter()
                                                        .take(PEOPLE_PER_ORGANISATION)
                                                        .map(|c| view! {
                                                            <li>{person_link(&c.id, &c.name)} " " <StageBadge stage=c.stage /></li>
                                                        })
                                                        .collect_view()}
                                                </ul>
                                                {(o.people.len() > PEOPLE_PER_ORGANISATION)
                                                    .then(|| view! {
                                                        <p class="muted">
                                                            {fill(
                                                                t().insights_and_more(),
                                                                &[
                                                                    ("n", &(o.people.len() - PEOPLE_PER_ORGANISATION)),
                                                                    ("organisation", &o.name),
                                                                ],
                                                            )}
                                                        </p>
                                                    })}
                                            </li>
                                        })
                                        .collect_view()}
                                </ul>
                                {show_more(organisations_shown, move || organisation_total, PAGE, t().insights_more_organisations())}
                            }
                                .into_any()
                        }}
                    </section>
                }
            }}
        </section>
    }
}

/// Copies or shares the chosen sections, to take to a career counsellor.
#[component]
fn ShareInsights(current: Memo<Section>, filter: RwSignal<DebriefFilter>) -> impl IntoView {
    let app = use_app();
    let insights = use_insights();
    // The section on screen is chosen until the person picks for themselves.
    let chosen = RwSignal::new(None::<Vec<Section>>);
    let picked = move || chosen.get().unwrap_or_else(|| vec![current.get()]);
    let markdown = RwSignal::new(true);
    let status = RwSignal::new(String::new());
    let text = move || {
        let sections = picked();
        let filter = filter.get_untracked();
        app.people.with_untracked(|people| {
            app.chats.with_untracked(|chats| {
                let shown = insights
                    .debriefs
                    .with_untracked(|index| index.filtered(&filter));
                insights.terms.with_untracked(|terms| {
                    export(
                        people,
                        chats,
                        &shown,
                        terms,
                        &sections,
                        markdown.get_untracked(),
                        &local_date,
                    )
                })
            })
        })
    };
    let copy = move |_| {
        crate::pwa::copy(&text(), move |copied| {
            status.set(if copied {
                t().insights_copied().into()
            } else {
                t().insights_copy_failed().into()
            });
        });
    };
    let share = move |_| {
        crate::pwa::share(t().insights_share_title(), &text(), move |shared| {
            if shared {
                status.set(t().insights_shared().into());
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="share-heading">
            <h2 id="share-heading">{t().insights_share_your_insights()}</h2>
            <p class="muted">
                {t().insights_only_what_you_choose()}
            </p>
            <fieldset class="choices">
                <legend>{t().insights_sections_to_include()}</legend>
                {Section::ALL
                    .into_iter()
                    .map(|s| {
                        view! {
                            <label class="checkbox">
                                <input
                                    type="checkbox"
                                    prop:checked=move || picked().contains(&s)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let mut list = picked();
                                        list.retain(|x| *x != s);
                                        if on {
                                            list.push(s);
                                        }
                                        chosen.set(Some(list));
                                    }
                                />
                                {s.title()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <fieldset class="choices">
                <legend>{t().insights_format()}</legend>
                <label class="radio">
                    <input
                        type="radio"
                        name="export-format"
                        prop:checked=move || markdown.get()
                        on:change=move |_| markdown.set(true)
                    />
                    {t().insights_markdown()}
                </label>
                <label class="radio">
                    <input
                        type="radio"
                        name="export-format"
                        prop:checked=move || !markdown.get()
                        on:change=move |_| markdown.set(false)
                    />
                    {t().insights_plain_text()}
                </label>
            </fieldset>
            <div class="actions">
                <button
                    type="button"
                    class="button button-primary"
                    disabled=move || picked().is_empty()
                    on:click=copy
                >
                    {t().insights_copy_insights()}
                </button>
                {crate::pwa::can_share()
                    .then(|| view! {
                        <button
                            type="button"
                            class="button"
                            disabled=move || picked().is_empty()
                            on:click=share
                        >
                            {t().insights_share_insights()}
                        </button>
                    })}
            </div>
            <p role="status">{move || status.get()}</p>
        </section>
    }
}
