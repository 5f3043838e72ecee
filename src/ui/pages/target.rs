//! One target: its details and scores, saved as typed; the people on the
//! list who work there; what to do next; and, after a rename, whether the
//! people still using the former name should follow it.

use leptos::prelude::*;

use crate::domain::targets::{left_by_rename, Score, TargetField, TargetId, TOP_SCORE};
use crate::i18n::{fill, t};
use crate::state::{use_app, TextTarget};
use crate::ui::components::{AutosaveField, StageBadge};
use crate::ui::router::{add_person_with, use_router, Screen};

use super::targets::{next_step, ranked};

#[component]
pub fn TargetPage(id: TargetId) -> impl IntoView {
    let app = use_app();
    let present = {
        let id = id.clone();
        Memo::new(move |_| app.targets.with(|all| all.iter().any(|t| t.id == id)))
    };
    move || {
        if present.get() {
            view! { <TargetEditor id=id.clone() /> }.into_any()
        } else {
            super::set_title(t().target_not_found());
            view! {
                <h1>{t().target_not_found()}</h1>
                <p>
                    <a href=Screen::TARGETS class="button">{t().target_back()}</a>
                </p>
            }
            .into_any()
        }
    }
}

#[component]
fn TargetEditor(id: TargetId) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    // Copy, so that each view below can take its own.
    let held = StoredValue::new(id.clone());
    // Ranked only for what needs the people and their chats: the name and
    // scores are the record's own.
    let this = move || held.with_value(|id| ranked(app, Some(id)).pop());
    let record = move || {
        held.with_value(|id| {
            app.targets
                .with(|all| all.iter().find(|t| &t.id == id).cloned())
        })
    };
    let name = move || record().map(|t| t.name).unwrap_or_default();
    super::set_title(&name());
    let field = |field: TargetField, label: &'static str| {
        let input_id = format!("target-{field:?}").to_lowercase();
        let error_id = format!("{input_id}-error");
        let error = RwSignal::new(None::<String>);
        let target = TextTarget::Target(id.clone(), field);
        let control = if field == TargetField::Notes {
            view! { <AutosaveField target id=input_id.clone() rows=4 described_by=error_id.clone() error /> }
        } else {
            let kind = if field == TargetField::Link {
                "url"
            } else {
                "text"
            };
            view! { <AutosaveField target id=input_id.clone() kind described_by=error_id.clone() error /> }
        };
        view! {
            <div class="field">
                <label for=input_id>{label}</label>
                {control}
                <p id=error_id class="field-error">{move || error.get()}</p>
            </div>
        }
    };
    let score = |score: Score, label: &'static str, help: &'static str| {
        let id = id.clone();
        let select_id = format!("target-{score:?}").to_lowercase();
        let help_id = format!("{select_id}-help");
        let current = move || record().map_or(0, |t| t.score(score));
        view! {
            <div class="field">
                <label for=select_id.clone()>{label}</label>
                <select
                    id=select_id
                    aria-describedby=help_id.clone()
                    on:change=move |ev| {
                        let value = event_target_value(&ev).parse().unwrap_or(0);
                        app.act(|w| w.set_target_score(&id, score, value));
                    }
                >
                    {(0..=TOP_SCORE)
                        .map(|n| view! { <option value=n.to_string() selected=move || current() == n>{n}</option> })
                        .collect_view()}
                </select>
                <p id=help_id class="muted">{help}</p>
            </div>
        }
    };
    let delete = {
        let id = id.clone();
        move |_| {
            if app.try_run(|w| w.delete_target(&id)).is_ok() {
                router.go(Screen::TARGETS);
            }
        }
    };
    view! {
        <h1>{name}</h1>
        <RenameQuestion id=id.clone() />
        <section class="card" aria-labelledby="target-next-heading">
            <h2 id="target-next-heading">{t().target_next_heading()}</h2>
            {move || this().map(|r| next_step(r.next))}
        </section>
        <section class="card" aria-labelledby="target-people-heading">
            <h2 id="target-people-heading">{t().target_people_heading()}</h2>
            {move || {
                let people = this().map(|r| r.people).unwrap_or_default();
                view! {
                    {people.is_empty().then(|| view! { <p class="muted">{t().target_no_people()}</p> })}
                    <ul class="target-people">
                        {people
                            .into_iter()
                            .map(|c| view! {
                                <li>
                                    <a href=Screen::Person(c.id.clone()).href()>{c.name}</a>
                                    " "
                                    <StageBadge stage=c.stage />
                                </li>
                            })
                            .collect_view()}
                    </ul>
                }
            }}
            <a href=move || add_person_with("organisation", &name()) class="button">
                {t().target_add_person()}
            </a>
        </section>
        <form class="card form" on:submit=|ev| ev.prevent_default() novalidate>
            {field(TargetField::Name, t().target_name())}
            {score(Score::Motivation, t().target_motivation(), t().target_motivation_help())}
            {score(Score::Postings, t().target_postings(), t().target_postings_help())}
            {field(TargetField::Field, t().target_field())}
            {field(TargetField::Link, t().target_link())}
            {field(TargetField::Notes, t().target_notes())}
        </form>
        <div class="actions">
            <a href=Screen::TARGETS class="button">{t().target_back()}</a>
            <button type="button" class="button button-danger" on:click=delete>
                {t().target_delete()}
            </button>
        </div>
    }
}

/// After a rename, the people who still use the former name, and one
/// question: change theirs too, or keep what they have.
#[component]
fn RenameQuestion(id: TargetId) -> impl IntoView {
    let app = use_app();
    let question = {
        let id = id.clone();
        move || {
            app.targets.with(|all| {
                let target = all.iter().find(|t| t.id == id)?;
                let left = app
                    .people
                    .with(|people| left_by_rename(target, people).len());
                (left > 0).then(|| (left, target.former_name.clone(), target.name.clone()))
            })
        }
    };
    let settle = move |follow: bool| {
        let id = id.clone();
        move |_| {
            app.act(|w| w.settle_rename(&id, follow));
        }
    };
    move || {
        question().map(|(n, former, name)| {
            view! {
                <section class="card notice" role="status">
                    <p>{fill(t().target_renamed(), &[("n", &n), ("former", &former), ("name", &name)])}</p>
                    <div class="actions">
                        <button type="button" class="button button-primary" on:click=settle(true)>
                            {t().target_rename_follow()}
                        </button>
                        <button type="button" class="button" on:click=settle(false)>
                            {t().target_rename_keep()}
                        </button>
                    </div>
                </section>
            }
        })
    }
}
