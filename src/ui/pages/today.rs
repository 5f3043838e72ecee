//! Today: the next booked chat, the follow-ups due, a backup reminder,
//! and progress toward the person's target.

use std::time::Duration;

use leptos::prelude::*;

use crate::domain::calendar::{countdown, long_date, short_date_time};
use crate::domain::chat::{next_booked, Chat};
use crate::domain::prep::progress;
use crate::i18n::{fill, t};
use crate::state::{local_time, use_app, DUE_SHOWN};
use crate::ui::components::{use_now, BackupNudge, FollowUpItem, HomeScreenTip, InstallButton};
use crate::ui::router::Screen;

#[component]
pub fn TodayPage() -> impl IntoView {
    super::set_title(t().today_title());
    let app = use_app();
    let count = Memo::new(move |_| app.people.with(Vec::len));
    let date = long_date(app.today());

    view! {
        <h1>{t().today_title()}</h1>
        <p class="muted">{date}</p>
        {move || {
            if count.get() == 0 {
                view! {
                    <section class="card" aria-labelledby="welcome-heading">
                        <h2 id="welcome-heading">{t().today_welcome_heading()}</h2>
                        <p>
                            {t().today_welcome_what()}
                        </p>
                        <p>
                            {t().today_welcome_start()}
                        </p>
                        <div class="actions">
                            <a href=Screen::NEW_PERSON class="button button-primary">
                                {t().today_add_first_person()}
                            </a>
                            <InstallButton />
                        </div>
                    </section>
                }
                    .into_any()
            } else {
                view! {
                    <NextChat />
                    <DueFollowUps />
                    <BackupNudge />
                    <Progress />
                }
                    .into_any()
            }
        }}
        // Below the first card: index.html paints that card before the app
        // starts, and nothing may push it down when the app takes over.
        <HomeScreenTip />
    }
}

/// The next booked chat, with a countdown that stays right without a
/// ticking counter: it is recomputed from the clock every half minute.
#[component]
fn NextChat() -> impl IntoView {
    let app = use_app();
    let now = use_now(Duration::from_secs(30));
    let next = Memo::new(move |_| {
        let now = local_time(now.get());
        app.chats.with(|chats| next_booked(chats, now).cloned())
    });
    move || match next.get() {
        None => view! {
            <section class="card">
                <h2>{t().today_next_chat()}</h2>
                <p class="muted">{t().today_nothing_booked()}</p>
            </section>
        }
        .into_any(),
        Some(chat) => {
            let (done, total) = progress(&chat.checklist);
            let questions = chat.questions.len();
            let Chat {
                id,
                person_id,
                starts_at,
                format,
                place,
                length_minutes,
                ..
            } = chat;
            let name = app.person_name(&person_id);
            let at = starts_at.unwrap_or_default();
            let where_ = match format {
                Some(format) if !place.trim().is_empty() => format!("{} · {place}", format.label()),
                Some(format) => format.label().to_string(),
                None => place,
            };
            view! {
                <section class="card next-chat" aria-labelledby="next-chat-heading">
                    <h2 id="next-chat-heading">{t().today_next_chat()}</h2>
                    <p class="countdown">{move || countdown(local_time(now.get()), at)}</p>
                    <p>
                        <a href=Screen::Chat(id.clone()).href()>{name}</a>
                    </p>
                    <p>{fill(t().today_when_and_length(), &[("when", &short_date_time(at)), ("minutes", &length_minutes)])}</p>
                    <p class="muted">{where_}</p>
                    <p>{fill(t().today_prep_summary(), &[("done", &done), ("total", &total), ("questions", &questions)])}</p>
                    <div class="actions">
                        <a href=Screen::Prepare(id.clone()).href() class="button">{t().today_prepare()}</a>
                        <a href=Screen::Meet(id.clone()).href() class="button button-primary">{t().today_meet()}</a>
                    </div>
                </section>
            }
                .into_any()
        }
    }
}

/// Today is a glance: the oldest few due items, the rest in the queue.
#[component]
fn DueFollowUps() -> impl IntoView {
    let app = use_app();
    let due = Memo::new(move |_| app.due_first(app.today()));
    view! {
        <section class="card" aria-labelledby="due-heading">
            <h2 id="due-heading">{t().today_due_heading()}</h2>
            {move || {
                let (count, overdue) = due.with(|(_, count, overdue)| (*count, *overdue));
                (count > 0)
                    .then(|| {
                        view! {
                            <p class="due-count">
                                {fill(t().today_due_count(), &[("count", &count), ("overdue", &overdue)])}
                            </p>
                            <a href=Screen::QUEUE class="button">{t().today_open_queue()}</a>
                        }
                    })
            }}
            {move || {
                let (items, count, _) = due.get();
                let hidden = count.saturating_sub(items.len());
                if items.is_empty() {
                    view! { <p class="muted">{t().today_nothing_due()}</p> }.into_any()
                } else {
                    view! {
                        <ul class="followups">
                            {items
                                .into_iter()
                                .map(|item| view! { <FollowUpItem item link_chat=true /> })
                                .collect_view()}
                        </ul>
                        {(hidden > 0)
                            .then(|| view! {
                                <p class="muted">
                                    {fill(t().today_due_hidden(), &[("shown", &DUE_SHOWN), ("hidden", &hidden)])}
                                </p>
                            })}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn Progress() -> impl IntoView {
    let app = use_app();
    let done = Memo::new(move |_| app.done_chats());
    let target = Memo::new(move |_| app.settings.with(|s| s.target_chats));
    let field = Memo::new(move |_| app.settings.with(|s| s.target_field.trim().to_string()));
    let summary = move || {
        let (done, target) = (done.get(), target.get());
        let field = field.get();
        let values: [(&str, &dyn std::fmt::Display); 3] =
            [("done", &done), ("target", &target), ("field", &field)];
        if field.is_empty() {
            fill(t().today_progress(), &values)
        } else {
            fill(t().today_progress_in_field(), &values)
        }
    };
    view! {
        <section class="card" aria-labelledby="progress-heading">
            <h2 id="progress-heading">{t().today_progress_heading()}</h2>
            <p>{summary}</p>
            <progress
                max=move || target.get().to_string()
                value=move || done.get().min(target.get() as usize).to_string()
                aria-label=t().today_progress_label()
            ></progress>
            <p class="muted">
                <a href=Screen::INSIGHTS>{t().today_see_insights()}</a>
            </p>
            <p class="muted">
                <a href=Screen::SETTINGS>{t().today_change_target()}</a>
            </p>
            <p class="muted">
                <a href=Screen::TARGETS>{t().today_targets()}</a>
            </p>
        </section>
    }
}
