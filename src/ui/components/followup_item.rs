//! One follow-up as every list shows it: what to do and for whom, and the
//! buttons that settle it; in the queue, its note, snoozing and message.

use leptos::prelude::*;

use crate::domain::calendar::{
    date_input_value, next_day, parse_picked_date, short_date, DATE_INPUT_MAX,
};
use crate::domain::chat::Chat;
use crate::domain::followup::{ago, colleagues, FollowUp, FollowUpKind, FollowUpStatus};
use crate::domain::message::{
    advice_update, ask_for_referral, follow_up_request, keep_in_touch, outreach_request, thank_you,
    thank_you_choices, Draft, Wording,
};
use crate::domain::person::{is_web_address, Person};
use crate::domain::stage::Stage;
use crate::i18n::{fill, t};
use crate::state::{local_date, use_app, MessagePart, TextTarget};
use crate::ui::components::{AutosaveField, DraftFields, SendActions};
use crate::ui::router::{add_person_with, Screen};

/// What to do, in words, with the people it concerns.
fn describe(item: &FollowUp, name: &str, met: Option<&str>) -> String {
    match item.kind {
        FollowUpKind::SecondContact => fill(
            t().followup_second_contact(),
            &[("label", &item.kind.label()), ("name", &name)],
        ),
        FollowUpKind::ReplyNudge => fill(t().followup_reply_nudge(), &[("name", &name)]),
        FollowUpKind::ThankYou => fill(t().followup_thank_you(), &[("name", &name)]),
        FollowUpKind::Connect => fill(t().followup_connect(), &[("name", &name)]),
        FollowUpKind::ContactReferral => match met {
            Some(met) => fill(
                t().followup_contact_referral_from(),
                &[("name", &name), ("met", &met)],
            ),
            None => fill(t().followup_contact_referral(), &[("name", &name)]),
        },
        FollowUpKind::ShareUpdate => fill(t().followup_share_update(), &[("name", &name)]),
        FollowUpKind::KeepInTouch => fill(t().followup_keep_in_touch(), &[("name", &name)]),
        FollowUpKind::AskForReferral => fill(t().followup_ask_for_referral(), &[("name", &name)]),
        FollowUpKind::Custom => fill(
            t().followup_custom(),
            &[("what", &item.what()), ("name", &name)],
        ),
    }
}

/// Lines of the debrief and the notes, each a takeaway to thank them for.
fn draft_for(
    item: &FollowUp,
    person: &Person,
    chat: Option<&Chat>,
    met: Option<&Person>,
    takeaway: Option<&str>,
) -> Option<Draft> {
    let app = use_app();
    let settings = app.settings.get_untracked();
    let length = chat.map_or(10, |c| c.length_minutes);
    match item.kind {
        FollowUpKind::ThankYou => Some(thank_you(person, &settings, takeaway)),
        FollowUpKind::ShareUpdate => Some(advice_update(
            person,
            &settings,
            chat.map_or("", |c| c.advice.lines().next().unwrap_or("")),
        )),
        FollowUpKind::KeepInTouch => Some(keep_in_touch(person, &settings, takeaway)),
        FollowUpKind::AskForReferral => Some(ask_for_referral(person, &settings)),
        FollowUpKind::ReplyNudge => Some(follow_up_request(person, &settings, length)),
        FollowUpKind::ContactReferral => Some(outreach_request(
            person,
            met,
            &settings,
            length,
            Wording::default(),
            "",
        )),
        // The kinds `FollowUpKind::has_message` leaves out.
        FollowUpKind::SecondContact | FollowUpKind::Connect | FollowUpKind::Custom => None,
    }
}

/// One follow-up with what to do about it and the buttons to settle it.
/// `link_chat` adds links to its chat, for lists shown elsewhere; `full`
/// adds what the queue offers: a note, snoozing and writing the message.
#[component]
pub fn FollowUpItem(
    item: FollowUp,
    #[prop(optional)] link_chat: bool,
    #[prop(optional)] full: bool,
) -> impl IntoView {
    let app = use_app();
    let today = app.today();
    let person = app.person(&item.person_id);
    let name = person.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let chat = item.chat_id.as_ref().and_then(|id| app.chat(id));
    let met = chat
        .as_ref()
        .filter(|c| c.person_id != item.person_id)
        .and_then(|c| app.person(&c.person_id));
    let what = describe(&item, &name, met.as_ref().map(|p| p.name.as_str()));
    let overdue = item.is_open() && item.when() < today;
    let due = if !item.is_open() {
        let status = if item.status == FollowUpStatus::Done {
            t().followup_done()
        } else {
            t().followup_closed()
        };
        fill(
            t().followup_was_due(),
            &[("status", &status), ("date", &short_date(item.due))],
        )
    } else if item.snoozed_until.is_some() {
        fill(
            t().followup_snoozed_until(),
            &[("date", &short_date(item.when()))],
        )
    } else if overdue {
        fill(
            t().followup_overdue_since(),
            &[("date", &short_date(item.due))],
        )
    } else {
        fill(t().followup_due_on(), &[("date", &short_date(item.due))])
    };
    let chat_age = chat
        .as_ref()
        .and_then(|c| c.entered(Stage::Done))
        .map(|at| {
            fill(
                t().followup_chat_age(),
                &[("ago", &ago(local_date(at), today))],
            )
        });
    let help = match (item.kind, person.clone(), item.is_open()) {
        (FollowUpKind::SecondContact, Some(person), true) => {
            let organisation = person.organisation.trim().to_string();
            let others: Vec<(String, String)> = app.people.with_untracked(|people| {
                colleagues(&person, people).into_iter().map(|p| (p.id.0.clone(), p.name.clone())).collect()
            });
            Some(if organisation.is_empty() {
                view! { <p class="muted">{fill(t().followup_add_organisation(), &[("name", &name)])}</p> }.into_any()
            } else {
                let add = add_person_with("organisation", &organisation);
                view! {
                    <p class="muted">
                        {if others.is_empty() {
                            fill(t().followup_no_one_else_at(), &[("organisation", &organisation)])
                        } else {
                            fill(t().followup_also_at(), &[("organisation", &organisation)])
                        }}
                    </p>
                    <ul class="links">
                        {others.into_iter().map(|(id, other)| view! { <li><a href=Screen::Person(crate::domain::person::PersonId(id.clone())).href()>{other}</a></li> }).collect_view()}
                    </ul>
                    <a href=add class="button">{fill(t().followup_add_someone_at(), &[("organisation", &organisation)])}</a>
                }
                    .into_any()
            })
        }
        (FollowUpKind::ReplyNudge, _, true) if link_chat && !full => item.chat_id.as_ref().map(|chat| {
            view! { <a href=Screen::Chat(chat.clone()).href() class="button">{t().followup_write_the_follow_up()}</a> }.into_any()
        }),
        (FollowUpKind::Connect, Some(person), true) if is_web_address(&person.linkedin) => Some(
            view! {
                <a href=person.linkedin.clone() target="_blank" rel="noopener noreferrer" class="button">
                    {t().followup_open_their_linkedin_profile()}
                </a>
            }
                .into_any(),
        ),
        _ => None,
    };
    let id = item.id.clone();
    let (done_id, skip_id) = (id.clone(), id.clone());
    let done_label = fill(t().followup_mark_done(), &[("what", &what)]);
    let skip_label = fill(t().followup_skip_named(), &[("what", &what)]);
    // Drafted only when asked for: a year of follow-ups fills the queue.
    let composable = full && item.is_open() && person.is_some() && item.kind.has_message();
    // Open at once on a message left half written.
    let half_written = composable
        && app
            .read(|w| w.text(&MessagePart::Body.draft(&item.id)))
            .is_some_and(|body| !body.is_empty());
    let writing = RwSignal::new(half_written);
    view! {
        <li class=if overdue { "followup overdue" } else { "followup" }>
            <p class="followup-what">
                <strong>{what.clone()}</strong>
            </p>
            <p class="muted">
                {due}
                {chat_age}
                {item.chat_id.clone().filter(|_| link_chat).map(|chat| view! { " · " <a href=Screen::Chat(chat.clone()).href()>{t().followup_open_the_chat()}</a> })}
            </p>
            {help}
            {(full && item.is_open())
                .then(|| {
                    let (item, what) = (item.clone(), what.clone());
                    let has_note = !item.note.is_empty();
                    // Built on first opening, or at once when there is a note to show.
                    let controls_built = RwSignal::new(has_note);
                    view! {
                        <details
                            class="more"
                            open=has_note
                            on:toggle=move |_| controls_built.set(true)
                        >
                            <summary>{t().followup_note_and_snooze()}</summary>
                            <Show when=move || controls_built.get()>
                                <QueueControls item=item.clone() what=what.clone() />
                            </Show>
                        </details>
                    }
                })}
            {composable
                .then(|| {
                    let (item, person) = (item.clone(), person.clone().expect("checked above"));
                    let (chat, met) = (chat.clone(), met.clone());
                    view! {
                        <button
                            type="button"
                            class="button"
                            aria-expanded=move || writing.get().to_string()
                            on:click=move |_| writing.update(|w| *w = !*w)
                        >
                            {t().followup_write_the_message()}
                        </button>
                        <Show when=move || writing.get()>
                            <FollowUpComposer item=item.clone() person=person.clone() chat=chat.clone() met=met.clone() />
                        </Show>
                    }
                })}
            {item
                .is_open()
                .then(|| {
                    view! {
                        <div class="actions">
                            <button
                                type="button"
                                class="button button-primary"
                                aria-label=done_label
                                on:click=move |_| {
                                    app.act(|w| w.set_followup_status(&done_id, FollowUpStatus::Done));
                                }
                            >
                                {t().followup_done()}
                            </button>
                            <button
                                type="button"
                                class="button"
                                aria-label=skip_label
                                on:click=move |_| {
                                    app.act(|w| w.set_followup_status(&skip_id, FollowUpStatus::Skipped));
                                }
                            >
                                {t().followup_skip()}
                            </button>
                        </div>
                    }
                })}
        </li>
    }
}

/// A note on the item and snoozing it.
#[component]
fn QueueControls(item: FollowUp, what: String) -> impl IntoView {
    let app = use_app();
    let today = app.today();
    let (note_id, tomorrow_id, week_id, pick_id) = (
        item.id.clone(),
        item.id.clone(),
        item.id.clone(),
        item.id.clone(),
    );
    let pick_error = RwSignal::new(None::<String>);
    view! {
        <div class="field">
            <label for=format!("note-{}", item.id)>
                {t().followup_note()} <span class="sr-only">{fill(t().followup_note_on(), &[("what", &what)])}</span>
            </label>
            <AutosaveField id=format!("note-{}", item.id) target=TextTarget::FollowUpNote(note_id) />
        </div>
        <div class="actions snooze">
            <button
                type="button"
                class="button"
                aria-label=fill(t().followup_snooze_tomorrow(), &[("what", &what)])
                on:click=move |_| {
                    app.act(|w| w.snooze_for(&tomorrow_id, 1));
                }
            >
                {t().followup_tomorrow()}
            </button>
            <button
                type="button"
                class="button"
                aria-label=fill(t().followup_snooze_next_week(), &[("what", &what)])
                on:click=move |_| {
                    app.act(|w| w.snooze_for(&week_id, 7));
                }
            >
                {t().followup_next_week()}
            </button>
            <label class="snooze-pick">
                <span>{t().followup_snooze_until()}</span>
                <input
                    type="date"
                    aria-label=fill(t().followup_snooze_until_date(), &[("what", &what)])
                    min=date_input_value(next_day(today))
                    max=DATE_INPUT_MAX
                    on:change=move |ev| {
                        let result = parse_picked_date(&event_target_value(&ev))
                            .map_err(String::from)
                            .and_then(|day| app.try_run(|w| w.snooze_until(&pick_id, day)));
                        pick_error.set(result.err());
                    }
                />
            </label>
        </div>
        <p class="field-error" role="alert">{move || pick_error.get()}</p>
    }
}

/// The message for a follow-up, from a template; sending marks it done.
#[component]
fn FollowUpComposer(
    item: FollowUp,
    person: Person,
    chat: Option<Chat>,
    met: Option<Person>,
) -> impl IntoView {
    let app = use_app();
    let choices = match (item.kind, chat.as_ref()) {
        (FollowUpKind::ThankYou, Some(chat)) => thank_you_choices(chat),
        _ => Vec::new(),
    };
    // What the person adds in their own words: a takeaway to thank them
    // for, or something to share when keeping in touch.
    let own_words = match item.kind {
        FollowUpKind::ThankYou => Some(t().followup_own_words_thanks()),
        FollowUpKind::KeepInTouch => Some(t().followup_own_words_share()),
        _ => None,
    };
    let build = {
        let (item, person, chat, met) = (item.clone(), person.clone(), chat.clone(), met.clone());
        move |takeaway: Option<&str>| {
            draft_for(&item, &person, chat.as_ref(), met.as_ref(), takeaway).unwrap_or(Draft {
                subject: String::new(),
                body: String::new(),
            })
        }
    };
    // Nothing from the notes is quoted unless the person picks it, and
    // what they pick is theirs to reword before it goes in. All three are
    // saved drafts until the follow-up is settled.
    let [subject, body, own_point] =
        [MessagePart::Subject, MessagePart::Body, MessagePart::Point].map(|p| p.draft(&item.id));
    let saved = |target: &TextTarget| app.read(|w| w.text(target)).unwrap_or_default();
    let point = RwSignal::new(saved(&own_point));
    let draft = RwSignal::new(match (saved(&subject), saved(&body)) {
        (subject, body) if !body.is_empty() => Draft { subject, body },
        _ => build(Some(point.get_untracked().as_str()).filter(|p| !p.is_empty())),
    });
    let keep = Callback::new(move |()| {
        let (words, message) = (point.get_untracked(), draft.get_untracked());
        for (target, text) in [
            (&own_point, &words),
            (&subject, &message.subject),
            (&body, &message.body),
        ] {
            app.type_text_or_notice(target, text);
        }
    });
    let id = item.id.clone();
    let sent = Callback::new(move |()| {
        app.act(|w| w.set_followup_status(&id, FollowUpStatus::Done));
    });
    let field = format!("compose-{}", item.id);
    view! {
        <div class="composer">
            {own_words
                .map(|own_words| {
                    let build = build.clone();
                    let options = choices.clone();
                    let rebuild = build.clone();
                    view! {
                        {(!options.is_empty()).then(|| view! {
                            <div class="field">
                                <label for=format!("{field}-takeaway")>{t().followup_thank_them_for()}</label>
                                <select
                                    id=format!("{field}-takeaway")
                                    on:change=move |ev| {
                                        let chosen = event_target_value(&ev);
                                        point.set(chosen.clone());
                                        draft.set(build(Some(chosen.as_str()).filter(|c| !c.is_empty())));
                                        keep.run(());
                                    }
                                >
                                    <option value="">{t().followup_nothing_in_particular()}</option>
                                    {options.into_iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                                </select>
                            </div>
                        })}
                        <div class="field">
                            <label for=format!("{field}-point")>{own_words}</label>
                            <input
                                id=format!("{field}-point")
                                type="text"
                                prop:value=move || point.get()
                                on:input=move |ev| {
                                    let words = event_target_value(&ev);
                                    draft.set(rebuild(Some(words.as_str())));
                                    point.set(words);
                                    keep.run(());
                                }
                            />
                        </div>
                    }
                })}
            <DraftFields draft prefix=field rows=9 on_edit=keep />
            <SendActions draft email=person.email.clone() on_sent=sent />
        </div>
    }
}
