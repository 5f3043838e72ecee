//! The People list: sorted by stage then name, searched and filtered,
//! drawn a page at a time; and Undo after a delete.

use crate::domain::sorting::sort_by_key;
use std::cell::Cell;

use leptos::prelude::*;

use crate::domain::chat::stages_by_person;
use crate::domain::person::{list_key, PersonId, SearchQuery};
use crate::domain::stage::Stage;
use crate::i18n::{fill, t};
use crate::state::use_app;
use crate::ui::components::{show_more, StageBadge};
use crate::ui::router::Screen;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: PersonId,
    name: String,
    detail: String,
    stage: Stage,
}

/// Rows rendered on opening and after each search: a screenful and a
/// little more, so that a year of contacts opens and searches as fast as
/// ten. Search itself reaches everyone.
const FIRST_PAGE: usize = 15;

/// Rows added by each "Show more", or by scrolling near it.
const PAGE: usize = 50;

thread_local! {
    /// How many rows the list showed when it was left, so that Back lands
    /// on the same row, not on a list cut back to its first page.
    static ROWS_SHOWN: Cell<usize> = const { Cell::new(FIRST_PAGE) };
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    super::set_title(t().people_people());
    let app = use_app();
    let query = RwSignal::new(String::new());
    let stage_filter = RwSignal::new(None::<Stage>);
    let limit = RwSignal::new(ROWS_SHOWN.get());
    Effect::new(move |_| ROWS_SHOWN.set(limit.get()));
    let total = Memo::new(move |_| app.people.with(Vec::len));
    // Worked out when chats change, not on every keystroke in the search.
    let stages = Memo::new(move |_| app.chats.with(|chats| stages_by_person(chats)));
    // Everyone in list order with their folded search text, worked out when
    // the people or their stages change, so a keystroke only filters.
    let directory = Memo::new(move |_| {
        let stages = stages.read();
        app.people.with(|people| {
            let mut entries: Vec<(usize, Stage)> = people
                .iter()
                .enumerate()
                .map(|(at, p)| (at, stages.get(&p.id).copied().unwrap_or_default()))
                .collect();
            sort_by_key(&mut entries, |&(at, stage)| list_key(stage, &people[at]));
            entries
                .into_iter()
                .map(|(at, stage)| (at, stage, people[at].search_key()))
                .collect::<Vec<_>>()
        })
    });
    // How many match, and the first `limit` of them as rows.
    let listed = Memo::new(move |_| {
        let limit = limit.get();
        let query = query.with(|q| SearchQuery::new(q));
        let wanted = stage_filter.get();
        let directory = directory.read();
        app.people.with(|people| {
            let mut matching = directory
                .iter()
                .filter(|(_, stage, key)| wanted.is_none_or(|w| w == *stage) && query.matches(key));
            let rows = matching
                .by_ref()
                .take(limit)
                .map(|&(at, stage, _)| {
                    let p = &people[at];
                    Row {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        detail: [p.role.as_str(), p.organisation.as_str()]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join(" · "),
                        stage,
                    }
                })
                .collect::<Vec<_>>();
            (rows.len() + matching.count(), rows)
        })
    });
    let matching = move || listed.with(|(count, _)| *count);
    let rows = move || listed.with(|(_, rows)| rows.clone());
    let summary = move || {
        let (shown, total) = (matching(), total.get());
        if query.with(|q| q.trim().is_empty()) && stage_filter.get().is_none() {
            fill(t().people_count(), &[("n", &total)])
        } else {
            fill(
                t().people_matching(),
                &[("shown", &shown), ("total", &total)],
            )
        }
    };

    view! {
        <div class="page-head">
            <h1>{t().people_people()}</h1>
            <a href=Screen::NEW_PERSON class="button button-primary">
                {t().people_add_person()}
            </a>
        </div>
        <p class="muted">
            <a href=Screen::TARGETS>{t().people_targets()}</a>
        </p>
        <UndoDelete />
        <Show
            when=move || { total.get() > 0 }
            fallback=|| {
                view! {
                    <section class="card empty">
                        <p>{t().people_no_one_on_your()}</p>
                        <p class="muted">
                            {t().people_think_of_people_whose()}
                        </p>
                    </section>
                }
            }
        >
            <div class="search">
                <label for="people-search">{t().people_search_people()}</label>
                <input
                    id="people-search"
                    type="search"
                    placeholder=t().people_name_organisation_or_notes()
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        limit.set(FIRST_PAGE);
                        query.set(event_target_value(&ev));
                    }
                />
            </div>
            <div class="field">
                <label for="people-stage">{t().people_stage()}</label>
                <select
                    id="people-stage"
                    on:change=move |ev| {
                        let slug = event_target_value(&ev);
                        limit.set(FIRST_PAGE);
                        stage_filter.set(Stage::ALL.into_iter().find(|s| s.slug() == slug));
                    }
                >
                    <option value="">{t().people_all_stages()}</option>
                    {Stage::ALL
                        .into_iter()
                        .map(|stage| view! { <option value=stage.slug()>{stage.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <p class="muted" aria-live="polite">
                {summary}
            </p>
            <ul class="people-list">
                <For each=rows key=|row| row.clone() let:row>
                    <li>
                        <a href=Screen::Person(row.id.clone()).href() class="person-row">
                            <span class="person-text">
                                <span class="person-name">{row.name}</span>
                                <span class="person-detail">{row.detail}</span>
                            </span>
                            <StageBadge stage=row.stage />
                        </a>
                    </li>
                </For>
            </ul>
            {show_more(limit, matching, PAGE, t().people_show_more())}
            <Show when=move || matching() == 0>
                <p>{t().people_no_one_matches_that()}</p>
            </Show>
        </Show>
    }
}

/// After a delete, one tap puts the person back exactly as they were.
#[component]
fn UndoDelete() -> impl IntoView {
    let app = use_app();
    move || {
        app.recently_deleted.get().map(|person| {
            view! {
                <div class="toast" role="status">
                    <p>{fill(t().people_deleted(), &[("name", &person.person.name)])}</p>
                    <button type="button" class="button" on:click=move |_| { app.act(|w| w.undo_delete()); }>
                        {t().people_undo_delete()}
                    </button>
                    <button
                        type="button"
                        class="button-quiet"
                        aria-label=t().people_dismiss()
                        on:click=move |_| app.run(|w| w.forget_deleted())
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}
