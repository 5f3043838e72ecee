//! A chat: its stage and what to do next, the booking, the messages to
//! write, and what to do after a no.

use leptos::prelude::*;

use crate::domain::calendar::{
    input_value, parse_picked_time, short_date, short_date_time, DATE_TIME_INPUT_MAX,
    DATE_TIME_INPUT_MIN,
};
use crate::domain::chat::{
    after_a_no, who_next, Chat, ChatId, ChatMessage, MeetingFormat, LENGTH_CHOICES,
};
use crate::domain::followup::{self, followed_up_without_answer, FollowUpId};
use crate::domain::ics::{calendar, chat_event};
use crate::domain::linter::first_name;
use crate::domain::prep::progress;
use crate::domain::stage::Stage;
use crate::i18n::{fill, t};
use crate::state::{local_date, use_app, ChatText, TextTarget};
use crate::ui::components::{AutosaveField, Composer, FollowUpItem, StageBadge};
use crate::ui::router::{add_person_with, Screen};
use chrono::TimeZone;

#[component]
pub fn ChatPage(id: ChatId) -> impl IntoView {
    super::chat_route(id, |chat, initial| {
        view! { <ChatScreen chat initial /> }.into_any()
    })
}

/// The words of the button that moves a chat to `stage`.
fn move_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Idea => t().chat_move_idea(),
        Stage::Asked => t().chat_move_asked(),
        Stage::Booked => t().chat_move_booked(),
        Stage::Done => t().chat_move_done(),
        Stage::Declined => t().chat_move_declined(),
        Stage::NoReply => t().chat_move_no_reply(),
    }
}

#[component]
fn ChatScreen(chat: Memo<Option<Chat>>, initial: Chat) -> impl IntoView {
    let app = use_app();
    let id = initial.id.clone();
    let person = app.person(&initial.person_id);
    let name = person.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    super::set_title(&fill(t().chat_title(), &[("name", &name)]));
    let stage = Memo::new(move |_| chat.with(|c| c.as_ref().map_or(Stage::Idea, Chat::stage)));
    let error = RwSignal::new(None::<String>);
    let move_to = {
        let id = id.clone();
        move |target: Stage| error.set(app.try_run(|w| w.move_chat(&id, target)).err())
    };
    let mark_asked = {
        let move_to = move_to.clone();
        Callback::new(move |()| {
            if stage.get_untracked() == Stage::Idea {
                move_to(Stage::Asked);
            }
        })
    };

    let stage_buttons = {
        let move_to = move_to.clone();
        move || {
            let current = stage.get();
            let next = current.next_step();
            let mut order: Vec<Stage> = next.into_iter().collect();
            order.extend(
                Stage::ALL
                    .into_iter()
                    .filter(|s| *s != current && Some(*s) != next),
            );
            order
                .into_iter()
                .map(|target| {
                    let move_to = move_to.clone();
                    let class = if Some(target) == next {
                        "button button-primary"
                    } else {
                        "button"
                    };
                    view! {
                        <button type="button" class=class on:click=move |_| move_to(target)>
                            {move_label(target)}
                        </button>
                    }
                })
                .collect_view()
        }
    };
    let history = move || {
        chat.with(|c| {
            c.as_ref().map(|c| {
                c.history
                    .iter()
                    .map(|change| {
                        let local = local_date(change.at);
                        view! {
                            <li>{fill(t().chat_history_entry(), &[("stage", &change.stage.label()), ("date", &short_date(local))])}</li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let chat_followups = {
        let id = id.clone();
        Memo::new(move |_| app.followups.with(|all| followup::of_chat(all, &id)))
    };
    let stuck = Memo::new(move |_| {
        app.followups.with(|followups| {
            chat.with(|c| {
                c.as_ref()
                    .is_some_and(|c| followed_up_without_answer(c, followups))
            })
        })
    });
    let ask_someone_else = person
        .as_ref()
        .map(|p| add_person_with("organisation", &p.organisation));
    let add_next = ask_someone_else
        .clone()
        .unwrap_or_else(|| Screen::NewPerson.href());
    let follow_up_sent = {
        let id = id.clone();
        Callback::new(move |()| {
            app.act(|w| w.mark_follow_up_sent(&id));
        })
    };
    let introducer = person
        .as_ref()
        .and_then(|p| p.introduced_by.as_ref())
        .and_then(|id| app.person(id))
        .map(|p| first_name(&p.name).to_string());
    let stage_since = move || {
        chat.with(|c| {
            c.as_ref().and_then(|c| c.history.last()).map(|change| {
                fill(
                    t().chat_since(),
                    &[("date", &short_date(local_date(change.at)))],
                )
            })
        })
    };

    view! {
        <div class="page-head">
            <h1>{fill(t().chat_title(), &[("name", &name)])}</h1>
            {move || view! { <StageBadge stage=stage.get() /> }}
        </div>
        <p class="muted">
            {stage_since} " · "
            <a href=Screen::Person(initial.person_id.clone()).href()>{fill(t().chat_about_person(), &[("name", &name)])}</a>
        </p>

        <section class="card" aria-labelledby="stage-heading">
            <h2 id="stage-heading">{t().chat_stage()}</h2>
            <div class="actions stage-actions">{stage_buttons}</div>
            <p class="field-error" role="alert">
                {move || error.get()}
            </p>
            <h3>{t().chat_history()}</h3>
            <ol class="history">{history}</ol>
        </section>

        {move || {
            stuck
                .get()
                .then(|| {
                    let move_to = move_to.clone();
                    let ask = ask_someone_else.clone().unwrap_or_else(|| Screen::NewPerson.href());
                    view! {
                        <section class="card notice-warning">
                            <h2>{t().chat_still_no_answer()}</h2>
                            <p>
                                {t().chat_you_followed_up_once()}
                            </p>
                            <div class="actions">
                                <button
                                    type="button"
                                    class="button"
                                    on:click=move |_| move_to(Stage::NoReply)
                                >
                                    {t().chat_move_on_mark_as()}
                                </button>
                                <a href=ask class="button button-primary">
                                    {t().chat_ask_someone_else()}
                                </a>
                            </div>
                        </section>
                    }
                })
        }}

        {
            // Apart, so that ticking the competition box redraws only the
            // advice, and the box keeps its focus.
            let asked = person.clone();
            let next = Memo::new(move |_| {
                let Some(asked) = asked.as_ref() else {
                    return Vec::new();
                };
                app.people.with(|people| {
                    app.chats.with(|chats| {
                        who_next(asked, people, chats)
                            .into_iter()
                            .map(|p| (p.id.0.clone(), p.name.clone()))
                            .collect::<Vec<_>>()
                    })
                })
            });
            let advice = move || chat.with(|c| c.as_ref().and_then(after_a_no));
            let competition_id = id.clone();
            move || {
                let stage = stage.get();
                if !stage.is_a_no() || person.is_none() {
                    return None;
                }
                let next = next.get();
                Some(view! {
                    <section class="card" aria-labelledby="next-heading">
                        <h2 id="next-heading">{t().chat_who_to_ask_next()}</h2>
                        {(stage == Stage::Declined).then(|| view! { <CompetitionChoice id=competition_id.clone() chat /> })}
                        <p>{advice}</p>
                        {if next.is_empty() {
                            view! {
                                <p class="muted">
                                    {t().chat_no_one_else_from()}
                                </p>
                            }
                                .into_any()
                        } else {
                            view! {
                                <ul class="links">
                                    {next
                                        .into_iter()
                                        .map(|(id, name)| view! { <li><a href=Screen::Person(crate::domain::person::PersonId(id.clone())).href()>{name}</a></li> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }}
                        <a href=add_next.clone() class="button">{t().chat_add_someone_else_to()}</a>
                    </section>
                })
            }
        }

        <section class="card" aria-labelledby="prep-heading">
            <h2 id="prep-heading">{t().chat_preparation()}</h2>
            <p>
                {move || {
                    chat.with(|c| {
                        c.as_ref()
                            .map(|c| {
                                let (done, total) = progress(&c.checklist);
                                fill(
                                    t().chat_prep_summary(),
                                    &[("done", &done), ("total", &total), ("questions", &c.questions.len())],
                                )
                            })
                    })
                }}
            </p>
            <div class="actions">
                <a href=Screen::Prepare(id.clone()).href() class="button button-primary">
                    {t().chat_prepare_this_chat()}
                </a>
                <a href=Screen::Meet(id.clone()).href() class="button">
                    {t().chat_open_the_meeting_screen()}
                </a>
            </div>
        </section>

        <Booking id=id.clone() />

        <Messages id=id.clone() stage introducer mark_asked follow_up_sent />

        <section class="card" aria-labelledby="chat-followups-heading">
            <h2 id="chat-followups-heading">{t().chat_follow_ups()}</h2>
            {move || {
                let items = chat_followups.get();
                if items.is_empty() {
                    view! {
                        <p class="muted">
                            {t().chat_none_yet_marking_the()}
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ul class="followups">
                            {items.into_iter().map(|item| view! { <FollowUpItem item /> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

fn choice_label(kind: ChatMessage, introducer: Option<&str>) -> String {
    match kind {
        ChatMessage::Request => t().chat_choice_request().into(),
        ChatMessage::Introduction => match introducer {
            Some(name) => fill(t().chat_choice_introduction(), &[("name", &name)]),
            None => t().chat_choice_introduction_unnamed().into(),
        },
        ChatMessage::FollowUp => t().chat_choice_follow_up().into(),
        ChatMessage::BookingReply => t().chat_choice_booking().into(),
        ChatMessage::QuestionsByEmail => t().chat_choice_questions().into(),
    }
}

fn choice_hint(kind: ChatMessage, introducer: Option<&str>) -> String {
    match kind {
        ChatMessage::Request => String::new(),
        ChatMessage::Introduction => match introducer {
            Some(name) => fill(t().chat_hint_introduction(), &[("name", &name)]),
            None => t().chat_hint_introduction_unnamed().into(),
        },
        ChatMessage::FollowUp => t().chat_hint_follow_up().into(),
        ChatMessage::BookingReply => t().chat_hint_booking().into(),
        ChatMessage::QuestionsByEmail => t().chat_hint_questions().into(),
    }
}

/// The messages that fit the stage, one composer at a time: the usual one
/// first, the others a tap away.
#[component]
fn Messages(
    id: ChatId,
    stage: Memo<Stage>,
    /// First name of whoever introduced them, if anyone.
    introducer: Option<String>,
    mark_asked: Callback<()>,
    follow_up_sent: Callback<()>,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<ChatMessage>);
    move || {
        let choices = ChatMessage::choices(stage.get(), introducer.is_some());
        let first = *choices.first()?;
        let current = chosen
            .get()
            .filter(|c| choices.contains(c))
            .unwrap_or(first);
        let introducer = introducer.clone();
        let picker = (choices.len() > 1).then(|| {
            let introducer = introducer.clone();
            view! {
                <fieldset class="choices">
                    <legend>{t().chat_which_message()}</legend>
                    {choices
                        .iter()
                        .map(|&kind| {
                            view! {
                                <label class="radio">
                                    <input
                                        type="radio"
                                        name="message-choice"
                                        prop:checked=kind == current
                                        on:change=move |_| chosen.set(Some(kind))
                                    />
                                    {choice_label(kind, introducer.as_deref())}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            }
        });
        let hint = choice_hint(current, introducer.as_deref());
        let on_sent = match current {
            ChatMessage::FollowUp => follow_up_sent,
            _ => Callback::new(|()| {}),
        };
        Some(view! {
            <section class="card" aria-labelledby="messages-heading">
                <h2 id="messages-heading">{t().chat_messages()}</h2>
                {picker}
                {(!hint.is_empty()).then(|| view! { <p class="muted">{hint}</p> })}
                <Composer chat_id=id.clone() kind=current on_sent />
                {(current == ChatMessage::Request)
                    .then(|| {
                        view! {
                            <p>{t().chat_sent_it_one_tap()}</p>
                            <button
                                type="button"
                                class="button button-primary"
                                on:click=move |_| mark_asked.run(())
                            >
                                {t().chat_mark_as_asked_today()}
                            </button>
                        }
                    })}
            </section>
        })
    }
}

/// When and where: needed to book, editable at any stage, saved as typed.
#[component]
fn Booking(id: ChatId) -> impl IntoView {
    let app = use_app();
    let Some(chat) = app.chat(&id) else {
        return ().into_any();
    };
    let format = RwSignal::new(chat.format);
    let time_error = RwSignal::new(None::<String>);
    let on_time = {
        let id = id.clone();
        move |ev| {
            let value = event_target_value(&ev);
            let result = if value.trim().is_empty() {
                app.try_run(|w| w.set_start(&id, None))
            } else {
                parse_picked_time(&value)
                    .map_err(String::from)
                    .and_then(|at| app.try_run(|w| w.set_start(&id, Some(at))))
            };
            time_error.set(result.err());
        }
    };
    let on_format = {
        let id = id.clone();
        move |ev| {
            let chosen = MeetingFormat::from_slug(&event_target_value(&ev));
            format.set(chosen);
            app.act(|w| w.set_format(&id, chosen));
        }
    };
    let on_length = {
        let id = id.clone();
        move |ev| {
            if let Ok(length) = event_target_value(&ev).parse::<u32>() {
                app.act(|w| w.set_length(&id, length));
            }
        }
    };
    let place_label = move || {
        format
            .get()
            .map_or(t().chat_place_or_link(), MeetingFormat::place_label)
    };
    let export = {
        let id = id.clone();
        move |_| {
            let Some(chat) = app.chat(&id) else { return };
            let event = chat
                .starts_at
                .and_then(|at| chrono::Local.from_local_datetime(&at).earliest())
                .and_then(|start| {
                    chat_event(
                        &chat,
                        &app.person_name(&chat.person_id),
                        start.with_timezone(&chrono::Utc),
                    )
                });
            if let Some(event) = event {
                crate::pwa::download(
                    &format!("coffee-chat-{}.ics", chat.id),
                    "text/calendar;charset=utf-8",
                    &calendar(&[event], app.now()),
                );
            }
        }
    };
    let has_time = {
        let id = id.clone();
        Memo::new(move |_| {
            app.chats
                .with(|chats| chats.iter().any(|c| c.id == id && c.starts_at.is_some()))
        })
    };
    let when = chat.starts_at.map(short_date_time);

    view! {
        <section class="card form" aria-labelledby="booking-heading">
            <h2 id="booking-heading">{t().chat_when_and_where()}</h2>
            {when.map(|when| view! { <p class="muted">{when}</p> })}
            <div class="field">
                <label for="chat-time">{t().chat_date_and_time()}</label>
                <input
                    id="chat-time"
                    type="datetime-local"
                    value=chat.starts_at.map(input_value).unwrap_or_default()
                    min=DATE_TIME_INPUT_MIN
                    max=DATE_TIME_INPUT_MAX
                    aria-describedby="chat-time-error"
                    on:input=on_time.clone()
                    on:change=on_time
                />
                <p id="chat-time-error" class="field-error">
                    {move || time_error.get()}
                </p>
            </div>
            <div class="field">
                <label for="chat-format">{t().chat_format()}</label>
                <select id="chat-format" on:change=on_format>
                    <option value="" selected=chat.format.is_none()>
                        {t().chat_choose()}
                    </option>
                    {MeetingFormat::ALL
                        .into_iter()
                        .map(|f| {
                            view! {
                                <option value=f.slug() selected=chat.format == Some(f)>
                                    {f.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="chat-place">{place_label}</label>
                <AutosaveField id="chat-place" target=TextTarget::Chat(id.clone(), ChatText::Place) />
            </div>
            <Show when=move || has_time.get()>
                <button type="button" class="button" on:click=export.clone()>
                    {t().chat_add_to_calendar_ics()}
                </button>
            </Show>
            <div class="field">
                <label for="chat-length">{t().chat_planned_length()}</label>
                <select id="chat-length" on:change=on_length>
                    {LENGTH_CHOICES
                        .into_iter()
                        .map(|minutes| {
                            view! {
                                <option
                                    value=minutes.to_string()
                                    selected=chat.length_minutes == minutes
                                >
                                    {fill(t().chat_minutes(), &[("n", &minutes)])}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </section>
    }
    .into_any()
}

/// After a no: whether it came during a hiring competition (the advice
/// below follows it), and then a reminder to write once it has closed.
#[component]
fn CompetitionChoice(id: ChatId, chat: Memo<Option<Chat>>) -> impl IntoView {
    let app = use_app();
    let during =
        Memo::new(move |_| chat.with(|c| c.as_ref().is_some_and(|c| c.hiring_competition)));
    let reminder = FollowUpId::after_competition(&id);
    let status = RwSignal::new(None::<String>);
    let mark = {
        let id = id.clone();
        move |ev| {
            let checked = event_target_checked(&ev);
            status.set(
                app.try_run(|w| w.mark_hiring_competition(&id, checked))
                    .err(),
            );
        }
    };
    let remind = move |_| {
        let id = id.clone();
        status.set(app.try_run(move |w| w.remind_after_competition(&id)).err())
    };
    let said = move || {
        status.get().or_else(|| {
            app.followups.with(|items| {
                items
                    .iter()
                    .find(|f| f.id == reminder && f.is_open())
                    .map(|f| fill(t().chat_reminder_set(), &[("date", &short_date(f.due))]))
            })
        })
    };
    view! {
        <label class="checkbox">
            <input type="checkbox" prop:checked=during on:change=mark />
            {t().chat_hiring_competition()}
        </label>
        <button type="button" class="button" hidden=move || !during.get() on:click=remind>
            {t().chat_remind_after_competition()}
        </button>
        <p role="status" class="muted">{said}</p>
    }
}
