//! The Targets screen: organisations to learn about, ranked by the LAMP
//! method, with what to do next at each; the next five by default.

use leptos::prelude::*;

use crate::domain::calendar::short_date;
use crate::domain::targets::{next_five, Contact, NextStep, Ranked, Score, TargetId};
use crate::i18n::{fill, t};
use crate::state::{use_app, AppState, TextTarget};
use crate::ui::components::{show_more, AutosaveField};
use crate::ui::router::Screen;

/// Rows of the whole list drawn at first, and added by each "Show more".
const PAGE: usize = 20;

/// Every target ranked (or only `one`), read again when any record it
/// reads changes.
pub(super) fn ranked(app: AppState, one: Option<&TargetId>) -> Vec<Ranked> {
    app.targets.track();
    app.people.track();
    app.chats.track();
    app.followups.track();
    app.settings.track();
    app.read(|w| w.ranked_targets(one))
}

#[component]
pub fn TargetsPage() -> impl IntoView {
    super::set_title(t().targets_title());
    let app = use_app();
    let everything = RwSignal::new(false);
    let limit = RwSignal::new(PAGE);
    let total = move || app.targets.with(Vec::len);
    let tab = move |all: bool, label: String| {
        view! {
            <button
                type="button"
                class="button"
                aria-pressed=move || (everything.get() == all).to_string()
                on:click=move |_| everything.set(all)
            >
                {label}
            </button>
        }
    };
    // The rows, and above them what the list holds.
    let list = move || {
        let all = everything.get();
        let list = ranked(app, None);
        let shown: Vec<TargetId> = list.iter().map(|r| r.target.id.clone()).collect();
        let rows: Vec<(usize, Ranked)> = if all {
            list.iter().take(limit.get()).cloned().enumerate().collect()
        } else {
            next_five(&list).map(|r| (usize::MAX, r.clone())).collect()
        };
        let note = if list.is_empty() {
            Some(t().targets_empty())
        } else if rows.is_empty() {
            Some(t().targets_none_open())
        } else {
            None
        };
        view! {
            {note.map(|note| view! { <p class="muted">{note}</p> })}
            <ol class="target-list">
                {rows
                    .into_iter()
                    .map(|(at, r)| view! { <TargetRow ranked=r at shown=shown.clone() /> })
                    .collect_view()}
            </ol>
        }
    };
    let by_hand = move || {
        (everything.get() && app.settings.with(|s| !s.target_order.is_empty())).then(|| {
            view! {
                <p class="muted">
                    {t().targets_by_hand()} " "
                    <button
                        type="button"
                        class="button-quiet"
                        on:click=move |_| {
                            app.act(|w| w.rank_targets_by_method());
                        }
                    >
                        {t().targets_by_method()}
                    </button>
                </p>
            }
        })
    };
    view! {
        <h1>{t().targets_title()}</h1>
        <p class="muted">{t().targets_intro()}</p>
        <AddTarget />
        <div class="tabs" role="group" aria-label=t().targets_show()>
            {tab(false, t().targets_next_five().into())}
            {move || tab(true, fill(t().targets_all(), &[("n", &total())]))}
        </div>
        {by_hand}
        {list}
        {move || everything.get().then(|| show_more(limit, total, PAGE, t().targets_show_more()))}
    }
}

/// Adding needs a name alone; the rest is filled in on the target's
/// screen. What is typed is a saved draft until Add target moves it.
#[component]
fn AddTarget() -> impl IntoView {
    let app = use_app();
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let added = app.try_run(|w| w.commit_draft(NEW_TARGET, |w, name| w.add_target(name)));
        error.set(added.err());
    };
    view! {
        <form class="card form add-target" on:submit=submit novalidate>
            <div class="field">
                <label for="target-new">{t().targets_organisation()}</label>
                <AutosaveField
                    target=TextTarget::Draft(NEW_TARGET.into())
                    id="target-new"
                    autocomplete="organization"
                    described_by="target-new-error"
                    error
                />
                <p id="target-new-error" class="field-error">{move || error.get()}</p>
            </div>
            <button type="submit" class="button button-primary">{t().targets_add()}</button>
        </form>
    }
}

/// The draft box of a new target's name.
const NEW_TARGET: &str = "new-target";

/// One target: its scores, who is known there and what to do next. In the
/// whole list (`at` is its place), buttons move it by hand.
#[component]
fn TargetRow(ranked: Ranked, at: usize, shown: Vec<TargetId>) -> impl IntoView {
    let app = use_app();
    let Ranked {
        target,
        advocates,
        next,
        ..
    } = ranked;
    let name = target.name.clone();
    let mover = move |up: bool| {
        let shown = shown.clone();
        move |_| {
            app.act(|w| w.move_target(&shown, at, up));
        }
    };
    let last = app.targets.with_untracked(Vec::len).saturating_sub(1);
    view! {
        <li class="card target-row">
            <div class="target-head">
                <a href=Screen::Target(target.id.clone()).href() class="target-name">{target.name.clone()}</a>
                <span class=format!("advocates advocates-{}", advocates.slug())>{advocates.label()}</span>
            </div>
            <p class="muted">{scores(target.score(Score::Motivation), target.score(Score::Postings))}</p>
            {next_step(next)}
            {(at != usize::MAX)
                .then(|| {
                    view! {
                        <span class="row-actions">
                            <button
                                type="button"
                                class="button icon"
                                aria-label=fill(t().reorder_up(), &[("text", &name)])
                                disabled={at == 0}
                                on:click=mover(true)
                            >
                                "↑"
                            </button>
                            <button
                                type="button"
                                class="button icon"
                                aria-label=fill(t().reorder_down(), &[("text", &name)])
                                disabled={at >= last}
                                on:click=mover(false)
                            >
                                "↓"
                            </button>
                        </span>
                    }
                })}
        </li>
    }
}

pub(super) fn scores(motivation: u8, postings: u8) -> String {
    fill(
        t().targets_scores(),
        &[("motivation", &motivation), ("postings", &postings)],
    )
}

/// What to do next at a target: lines of text, each perhaps ending in a
/// link to where it is done, drawn by one view.
pub(super) fn next_step(next: NextStep) -> impl IntoView {
    let date = |at: Option<chrono::NaiveDate>| at.map(short_date).unwrap_or_default();
    let person = |c: &Contact| Some((Screen::Person(c.id.clone()).href(), c.name.clone()));
    let mut lines: Vec<(String, Option<(String, String)>)> = Vec::new();
    match next {
        NextStep::FindContact { introducers } => {
            lines.push((t().targets_next_find().into(), None));
            if !introducers.is_empty() {
                lines.push((t().targets_next_find_through().into(), None));
                lines.extend(introducers.iter().map(|c| (String::new(), person(c))));
            }
        }
        NextStep::Ask(c) => lines.push((t().targets_next_ask().into(), person(&c))),
        NextStep::Wait {
            contact,
            chat,
            second_contact,
            follow_up,
        } => {
            let link = Some((Screen::Chat(chat.clone()).href(), contact.name.clone()));
            lines.push((t().targets_next_wait().into(), link));
            for (text, at) in [
                (t().targets_next_second(), second_contact),
                (t().targets_next_follow_up(), follow_up),
            ] {
                if at.is_some() {
                    let values: [(&str, &dyn std::fmt::Display); 2] =
                        [("date", &date(at)), ("name", &contact.name)];
                    lines.push((fill(text, &values), None));
                }
            }
        }
        NextStep::Prepare { contact, chat } => lines.push((
            fill(t().targets_next_prepare(), &[("name", &contact.name)]),
            Some((
                Screen::Prepare(chat.clone()).href(),
                t().today_prepare().into(),
            )),
        )),
        NextStep::KeepInTouch(c) => lines.push((t().targets_next_keep().into(), person(&c))),
    }
    lines
        .into_iter()
        .map(|(text, link)| {
            view! {
                <p class="next-step">
                    {text} " "
                    {link.map(|(href, label)| view! { <a href=href>{label}</a> })}
                </p>
            }
        })
        .collect_view()
}
