//! The meeting screen: the timer, the current question, quick notes and
//! the debrief; and the home-screen shortcut to the next booked chat.

use std::time::Duration;

use leptos::prelude::*;

use crate::domain::calendar::{clock, short_date_time};
use crate::domain::chat::{next_booked, Chat, ChatId};
use crate::domain::prep::ChatQuestion;
use crate::domain::timer::{
    self, display, kept_or_overrun, offset_label, Phase, TimerAction, TimerView,
};
use crate::i18n::{fill, t};
use crate::pwa::{wake_lock, WakeLock, WAKE_LOCK_CHANGE};
use crate::state::{local_time, use_app, ChatDraft, ChatText, TextTarget};
use crate::ui::components::{use_now, AutosaveField, BackupNudge};
use crate::ui::router::use_router;
use crate::ui::router::Screen;

/// `/meet`, the home-screen shortcut: opens the meeting screen of the next
/// booked chat.
#[component]
pub fn MeetShortcut() -> impl IntoView {
    super::set_title(t().meet_meet());
    let app = use_app();
    let router = use_router();
    let now = local_time(app.now());
    let next = app
        .chats
        .with_untracked(|chats| next_booked(chats, now).map(|c| c.id.clone()));
    if let Some(id) = next {
        // In place of the shortcut, so that Back does not land on it and
        // bounce forward again; after this screen is built, not during.
        queue_microtask(move || router.replace(&Screen::Meet(id.clone()).href()));
    }
    view! {
        <h1>{t().meet_meet()}</h1>
        <p>{t().meet_no_chat_is_booked()}</p>
        <p>
            <a href=Screen::PEOPLE class="button">{t().meet_go_to_people()}</a>
        </p>
    }
}

#[component]
pub fn MeetPage(id: ChatId) -> impl IntoView {
    super::chat_route(id, |chat, initial| {
        view! { <Meet chat initial /> }.into_any()
    })
}

/// How long a phase flash lasts: long enough to notice, short enough not
/// to distract from the person across the table.
const FLASH: Duration = Duration::from_millis(1200);

#[component]
fn Meet(chat: Memo<Option<Chat>>, initial: Chat) -> impl IntoView {
    let app = use_app();
    let id = initial.id.clone();
    let name = app.person_name(&initial.person_id);
    super::set_title(&fill(t().meet_title(), &[("name", &name)]));

    // The clock is read four times a second; what shows is computed from
    // the stored events each time, so a missed tick costs nothing.
    let now = use_now(Duration::from_millis(250));
    let view_now = Memo::new(move |_| {
        let wrap_up = app.settings.with(|s| s.wrap_up_minutes);
        chat.with(|c| {
            c.as_ref().map(|c| {
                timer::view(
                    &c.meeting_log,
                    c.length_minutes,
                    wrap_up,
                    now.get().timestamp_millis(),
                )
            })
        })
    });
    let phase = Memo::new(move |_| view_now.with(|v| v.map_or(Phase::NotStarted, |v| v.phase)));

    // A short buzz at each new phase, a long one at zero; never on load.
    // Where the phone cannot vibrate (iPhone Safari, Firefox), the screen's
    // edges flash instead, strong enough to catch from the corner of an eye.
    let can_vibrate = crate::pwa::can_vibrate();
    let flash = RwSignal::new(None::<Phase>);
    Effect::new(move |previous: Option<Phase>| {
        let current = phase.get();
        let changed = previous.is_some_and(|previous| previous != current);
        let cued = matches!(current, Phase::Questions | Phase::Close | Phase::Overtime);
        if changed && cued && app.settings.with_untracked(|s| s.vibrate) {
            if can_vibrate {
                crate::pwa::vibrate(if current == Phase::Overtime {
                    &[400, 200, 400]
                } else {
                    &[200]
                });
            } else {
                flash.set(Some(current));
                set_timeout(
                    move || {
                        if flash.try_get_untracked() == Some(Some(current)) {
                            flash.set(None);
                        }
                    },
                    FLASH,
                );
            }
        }
        current
    });
    // The screen stays on while the timer runs.
    Effect::new(move |_| {
        crate::pwa::keep_awake(view_now.with(|v| v.is_some_and(|v| v.running)));
    });
    on_cleanup(|| crate::pwa::keep_awake(false));

    let ended = Memo::new(move |_| phase.get() == Phase::Ended);
    let body_id = id.clone();
    let questions = Memo::new(move |_| {
        chat.with(|c| c.as_ref().map(|c| c.questions.clone()).unwrap_or_default())
    });
    let index = Memo::new(move |_| {
        let count = questions.with(Vec::len);
        chat.with(|c| c.as_ref().map_or(0, |c| c.current_question))
            .min(count.saturating_sub(1))
    });

    // One tap leaves only the timer, for when the other person glances at
    // the phone; kept with the chat, so a reload keeps it covered.
    let covered = Memo::new(move |_| chat.with(|c| c.as_ref().is_some_and(|c| c.covered)));
    let toggle_cover = {
        let id = id.clone();
        move |_| {
            app.act(|w| w.cover_meeting(&id, !covered.get_untracked()));
        }
    };
    let heading = fill(t().meet_heading(), &[("name", &name)]);
    let goal = initial.goal.trim().to_string();
    view! {
        <div class=move || format!("meet phase-{}", phase.get().slug())>
            {move || {
                flash
                    .get()
                    .map(|phase| {
                        view! { <div class=format!("phase-flash flash-{}", phase.slug()) aria-hidden="true"></div> }
                    })
            }}
            <div class="meet-head">
                <div class="meet-top">
                    <h1 class="meet-title">
                        {move || if covered.get() { t().meet_covered_heading().to_string() } else { heading.clone() }}
                    </h1>
                    <button type="button" class="button cover-toggle" on:click=toggle_cover>
                        {move || if covered.get() { t().meet_uncover() } else { t().meet_cover() }}
                    </button>
                </div>
                {move || {
                    (!covered.get() && !goal.is_empty())
                        .then(|| view! { <p class="meet-goal">{fill(t().meet_goal(), &[("goal", &goal)])}</p> })
                }}
                <Timer id=id.clone() view_now phase />
                <p class="sr-only" role="status">{move || covered.get().then(|| t().meet_covered())}</p>
                <ScreenLockNotice />
            </div>
            <Show when=move || !covered.get()>
                <div class="meet-body">
                    {
                        let body_id = body_id.clone();
                        move || {
                            if ended.get() {
                                view! { <Debrief id=body_id.clone() chat view_now /> }.into_any()
                            } else {
                                view! {
                                    <CurrentQuestion id=body_id.clone() questions index />
                                    <QuickNote id=body_id.clone() />
                                    <AnswerNote id=body_id.clone() questions index />
                                }
                                    .into_any()
                            }
                        }
                    }
                    <AtTheTable chat />
                    <Notes id=id.clone() chat />
                    <p class="muted">
                        <a href=Screen::Chat(id.clone()).href()>{t().meet_back_to_the_chat()}</a>
                    </p>
                </div>
            </Show>
        </div>
    }
}

/// Says when the screen may lock during a running meeting, instead of
/// failing in silence. The timer itself survives a lock: it is computed from
/// timestamps.
#[component]
fn ScreenLockNotice() -> impl IntoView {
    let status = RwSignal::new(wake_lock());
    let listener =
        window_event_listener_untyped(WAKE_LOCK_CHANGE, move |_| status.set(wake_lock()));
    on_cleanup(move || listener.remove());
    move || {
        match status.get() {
        WakeLock::Off | WakeLock::Held => None,
        WakeLock::Unsupported => Some(
            view! {
                <p class="notice notice-warning" role="status">
                    {t().meet_this_browser_cannot_keep()}
                </p>
            }
            .into_any(),
        ),
        WakeLock::Refused => Some(
            view! {
                <div class="notice notice-warning" role="status">
                    <p>
                        {t().meet_the_phone_did_not()}
                    </p>
                    <button type="button" class="button" on:click=move |_| crate::pwa::keep_awake(true)>
                        {t().meet_keep_the_screen_on()}
                    </button>
                </div>
            }
            .into_any(),
        ),
    }
    }
}

#[component]
fn Timer(id: ChatId, view_now: Memo<Option<TimerView>>, phase: Memo<Phase>) -> impl IntoView {
    let app = use_app();
    let shown = move || view_now.with(|v| v.map(|v| display(&v)).unwrap_or_default());
    let can = move |action| view_now.with(|v| v.is_some_and(|v| timer::allowed(&v, action)));
    let act = {
        let id = id.clone();
        move |action| {
            app.save_now();
            app.act(|w| w.timer_action(&id, action));
        }
    };
    let prompt = move || timer::cue(phase.get());
    // Who you are, in a line, for when they ask.
    let pitch = move || {
        app.settings.with(|s| {
            let background = s.background.trim();
            (!background.is_empty()).then(|| {
                let field = s.target_field.trim();
                let text = if field.is_empty() {
                    fill(t().meet_pitch(), &[("background", &background)])
                } else {
                    fill(
                        t().meet_pitch_with_field(),
                        &[("background", &background), ("field", &field)],
                    )
                };
                view! { <p class="pitch">{text}</p> }
            })
        })
    };
    let handler = |action: TimerAction| {
        let act = act.clone();
        move |_: leptos::ev::MouseEvent| act(action)
    };
    let (start, pause, resume, extend, end) = (
        handler(TimerAction::Start),
        handler(TimerAction::Pause),
        handler(TimerAction::Resume),
        handler(TimerAction::Extend { minutes: 5 }),
        handler(TimerAction::End),
    );
    view! {
        <section class="timer" aria-label=t().meet_timer()>
            <p class="phase-label">{move || phase.get().label()}</p>
            <p class="timer-digits" role="timer" aria-live="off">{shown}</p>
            <p class="timer-prompt" role="status">{prompt}</p>
            {move || (phase.get() == Phase::SmallTalk).then(pitch).flatten()}
            <div class="timer-controls">
                <Show when=move || can(TimerAction::Start)>
                    <button type="button" class="button button-primary" on:click=start.clone()>
                        {t().meet_start_timer()}
                    </button>
                </Show>
                <Show when=move || can(TimerAction::Pause)>
                    <button type="button" class="button" on:click=pause.clone()>
                        {t().meet_pause()}
                    </button>
                </Show>
                <Show when=move || can(TimerAction::Resume)>
                    <button type="button" class="button button-primary" on:click=resume.clone()>
                        {t().meet_resume()}
                    </button>
                </Show>
                <Show when=move || can(TimerAction::Extend { minutes: 5 })>
                    <button
                        type="button"
                        class="button"
                        aria-label=t().meet_5_min_add_five()
                        on:click=extend.clone()
                    >
                        {t().meet_5_min()}
                    </button>
                </Show>
                <Show when=move || can(TimerAction::End)>
                    <button type="button" class="button" on:click=end.clone()>
                        {t().meet_end_meeting()}
                    </button>
                </Show>
            </div>
        </section>
    }
}

#[component]
fn CurrentQuestion(
    id: ChatId,
    questions: Memo<Vec<ChatQuestion>>,
    index: Memo<usize>,
) -> impl IntoView {
    let app = use_app();
    let go = {
        let id = id.clone();
        move |step: isize| {
            app.save_now();
            let count = questions.with_untracked(Vec::len);
            let target = index.get_untracked() as isize + step;
            if count > 0 && (0..count as isize).contains(&target) {
                app.act(|w| w.go_to_question(&id, target as usize));
            }
        }
    };
    let toggle_asked = {
        let id = id.clone();
        move |_| {
            let i = index.get_untracked();
            app.act(|w| w.toggle_asked(&id, i));
        }
    };
    // Swiping left or right moves between questions.
    let swipe_start = StoredValue::new(None::<i32>);
    let previous_question = {
        let go = go.clone();
        move |_: leptos::ev::MouseEvent| go(-1)
    };
    let next_question = {
        let go = go.clone();
        move |_: leptos::ev::MouseEvent| go(1)
    };
    let go_swipe = go;
    let on_pointer_up = move |ev: leptos::ev::PointerEvent| {
        if let Some(start) = swipe_start.get_value() {
            let dx = ev.client_x() - start;
            if dx.abs() > 60 {
                go_swipe(if dx < 0 { 1 } else { -1 });
            }
        }
        swipe_start.set_value(None);
    };
    // Rebuilt when another question comes up, not when this one is marked
    // asked, so the button keeps the focus.
    let shown = Memo::new(move |_| {
        let i = index.get();
        questions.with(|qs| qs.get(i).map(|q| (i, q.text.clone(), qs.len())))
    });
    let asked =
        Memo::new(move |_| questions.with(|qs| qs.get(index.get()).is_some_and(|q| q.asked)));

    view! {
        <section
            class="current-question"
            aria-label=t().meet_current_question()
            on:pointerdown=move |ev| swipe_start.set_value(Some(ev.client_x()))
            on:pointerup=on_pointer_up
        >
            {move || match shown.get() {
                None => view! {
                    <p class="muted">
                        {t().meet_no_questions_planned()}
                        <a href=Screen::Prepare(id.clone()).href()>{t().meet_prepare_some()}</a>
                    </p>
                }
                    .into_any(),
                Some((i, text, count)) => {
                    view! {
                        <p class="question-count">{fill(t().meet_question_count(), &[("n", &(i + 1)), ("count", &count)])}</p>
                        <p class=move || if asked.get() { "question-big asked" } else { "question-big" }>{text}</p>
                        <div class="question-controls">
                            <button
                                type="button"
                                class="button icon"
                                aria-label=t().meet_previous_question()
                                disabled=i == 0
                                on:click=previous_question.clone()
                            >
                                "‹"
                            </button>
                            <button
                                type="button"
                                class=move || if asked.get() { "button" } else { "button button-primary" }
                                aria-pressed=move || if asked.get() { "true" } else { "false" }
                                on:click=toggle_asked.clone()
                            >
                                {move || if asked.get() { t().meet_asked() } else { t().meet_mark_asked() }}
                            </button>
                            <button
                                type="button"
                                class="button icon"
                                aria-label=t().meet_next_question()
                                disabled={i + 1 >= count}
                                on:click=next_question.clone()
                            >
                                "›"
                            </button>
                        </div>

                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The note on the current question's answer, below the quick note so the
/// essentials stay above the fold.
#[component]
fn AnswerNote(id: ChatId, questions: Memo<Vec<ChatQuestion>>, index: Memo<usize>) -> impl IntoView {
    // Rebuilt only when the question changes: saving the answer as it is
    // typed must not replace the box being typed in.
    let current =
        Memo::new(move |_| questions.with(|qs| qs.get(index.get()).map(|q| q.id.clone())));
    move || {
        let current_id = current.get()?;
        let question =
            questions.with_untracked(|qs| qs.iter().find(|q| q.id == current_id).cloned())?;
        let id = id.clone();
        let question_id = question.id.clone();
        Some(view! {
            <details class="answer">
                <summary>{t().meet_answer_note()}</summary>
                <label class="sr-only" for="answer-note">{t().meet_answer_note()}</label>
                <AutosaveField
                    id="answer-note"
                    rows=2
                    target=TextTarget::Chat(id, ChatText::Answer(question_id))
                />
            </details>
        })
    }
}

#[component]
fn QuickNote(id: ChatId) -> impl IntoView {
    let app = use_app();
    let add = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            app.act(|w| w.add_note(&id));
        }
    };
    view! {
        <form class="quick-note" on:submit=add>
            <label for="quick-note">{t().meet_note()}</label>
            <AutosaveField id="quick-note" rows=2 target=TextTarget::Chat(id, ChatText::NoteDraft) />
            <button type="submit" class="button">{t().meet_add_note()}</button>
        </form>
    }
}

/// The checklist's things to do during the meeting, as reminders.
#[component]
fn AtTheTable(chat: Memo<Option<Chat>>) -> impl IntoView {
    let items = move || {
        chat.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.checklist
                        .iter()
                        .filter(|i| i.group.at_the_table())
                        .map(|i| i.text.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    move || {
        let items = items();
        (!items.is_empty()).then(|| {
            view! {
                <section class="card" aria-labelledby="table-heading">
                    <h2 id="table-heading">{t().meet_at_the_table()}</h2>
                    <ul>{items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </section>
            }
        })
    }
}

#[component]
fn Notes(id: ChatId, chat: Memo<Option<Chat>>) -> impl IntoView {
    let app = use_app();
    // Rebuilt only when notes come or go, so editing one keeps its cursor.
    let note_ids = Memo::new(move |_| {
        chat.with(|c| {
            c.as_ref()
                .map(|c| c.notes.iter().map(|n| n.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card notes" aria-labelledby="notes-heading">
            <h2 id="notes-heading">{t().meet_notes()}</h2>
            {move || {
                let ids = note_ids.get();
                if ids.is_empty() {
                    return view! { <p class="muted">{t().meet_no_notes_yet()}</p> }.into_any();
                }
                let notes = chat.with_untracked(|c| c.as_ref().map(|c| c.notes.clone()).unwrap_or_default());
                view! {
                    <ul class="note-list">
                        {notes
                            .into_iter()
                            .map(|note| {
                                let when = note.offset_ms.map_or_else(
                                    || short_date_time(note.created_at.with_timezone(&chrono::Local).naive_local()),
                                    offset_label,
                                );
                                let (edit_id, delete_id) = (id.clone(), id.clone());
                                let (edit_note, delete_note) = (note.id.clone(), note.id.clone());
                                view! {
                                    <li>
                                        <label for=format!("note-{}", note.id)>{fill(t().meet_note_at(), &[("when", &when)])}</label>
                                        <AutosaveField
                                            id=format!("note-{}", note.id)
                                            rows=2
                                            target=TextTarget::Chat(edit_id, ChatText::Note(edit_note))
                                        />
                                        <button
                                            type="button"
                                            class="button button-quiet"
                                            aria-label=fill(t().meet_delete_note_at(), &[("when", &when)])
                                            on:click=move |_| {
                                                app.act(|w| w.delete_note(&delete_id, &delete_note));
                                            }
                                        >
                                            {t().meet_delete()}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn Debrief(
    id: ChatId,
    chat: Memo<Option<Chat>>,
    view_now: Memo<Option<TimerView>>,
) -> impl IntoView {
    let app = use_app();
    let Some(initial) = chat.get_untracked() else {
        return ().into_any();
    };
    let summary = view_now.get_untracked().map(|v| {
        let local = |ms: Option<i64>| {
            ms.and_then(chrono::DateTime::from_timestamp_millis)
                .map(|at| at.with_timezone(&chrono::Local).naive_local())
        };
        let start = local(v.started_at_ms)
            .map(short_date_time)
            .unwrap_or_default();
        let end_clock = local(v.ended_at_ms).map(clock).unwrap_or_default();
        fill(
            t().meet_met_from_to(),
            &[
                ("start", &start),
                ("end", &end_clock),
                ("how", &kept_or_overrun(&v, initial.length_minutes)),
            ],
        )
    });
    // A name typed here is a saved draft of this chat's until Add moves it.
    let referral_draft = ChatDraft::Referral.key(&id);
    let referral_box = TextTarget::Draft(referral_draft.clone());
    let referral_error = RwSignal::new(None::<String>);
    let referrals = Memo::new(move |_| {
        let ids = chat.with(|c| c.as_ref().map(|c| c.referrals.clone()).unwrap_or_default());
        ids.into_iter()
            .filter_map(|id| {
                app.people.with(|people| {
                    people
                        .iter()
                        .find(|p| p.id == id)
                        .map(|p| (p.id.0.clone(), p.name.clone()))
                })
            })
            .collect::<Vec<_>>()
    });
    let add_referral = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let added = app
                .try_run(|w| w.commit_draft(&referral_draft, |w, name| w.add_referral(&id, name)));
            referral_error.set(added.err());
        }
    };
    let (takeaways_id, advice_id) = (id.clone(), id.clone());
    view! {
        <section class="card form" aria-labelledby="debrief-heading">
            <h2 id="debrief-heading">{t().meet_debrief()}</h2>
            <p>{summary}</p>
            <div class="field">
                <label for="debrief-takeaways">{t().meet_takeaways()}</label>
                <AutosaveField
                    id="debrief-takeaways"
                    rows=4
                    target=TextTarget::Chat(takeaways_id, ChatText::Takeaways)
                />
            </div>
            <div class="field">
                <label for="debrief-advice">{t().meet_advice_to_act_on()}</label>
                <AutosaveField
                    id="debrief-advice"
                    rows=3
                    target=TextTarget::Chat(advice_id, ChatText::Advice)
                />
            </div>
            <h3>{t().meet_people_they_suggested()}</h3>
            <ul class="links">
                {move || {
                    referrals
                        .get()
                        .into_iter()
                        .map(|(id, name)| view! { <li><a href=Screen::Person(crate::domain::person::PersonId(id.clone())).href()>{name}</a></li> })
                        .collect_view()
                }}
            </ul>
            <form on:submit=add_referral>
                <div class="field">
                    <label for="referral-name">{t().meet_name_of_someone_they()}</label>
                    <AutosaveField
                        target=referral_box
                        id="referral-name"
                    />
                    <p class="field-error" role="alert">{move || referral_error.get()}</p>
                </div>
                <button type="submit" class="button button-primary">{t().meet_add_referral()}</button>
            </form>
        </section>
        <BackupNudge />
    }
        .into_any()
}
