//! One of a chat's messages being written: a draft from its template,
//! saved as typed, checked by the outreach linter, and sent.

use leptos::prelude::*;

use crate::domain::chat::{Chat, ChatId, ChatMessage};
use crate::domain::linter::{lint, LintContext};
use crate::domain::message::{
    booking_reply, follow_up_request, introduction_request, outreach_request, questions_by_email,
    Draft, Wording,
};
use crate::i18n::t;
use crate::state::{use_app, ChatText, TextTarget};
use crate::ui::components::{AutosaveField, DraftFields, SendActions};

fn stored(chat: &Chat, kind: ChatMessage) -> Option<Draft> {
    let (subject, body) = chat.message(kind);
    (!body.trim().is_empty()).then(|| Draft {
        subject: subject.to_string(),
        body: body.to_string(),
    })
}

/// Makes the fields' ids unique on the page.
fn id_prefix(kind: ChatMessage) -> &'static str {
    match kind {
        ChatMessage::Request => "request",
        ChatMessage::FollowUp => "follow-up",
        ChatMessage::Introduction => "introduction",
        ChatMessage::BookingReply => "booking-reply",
        ChatMessage::QuestionsByEmail => "questions-email",
    }
}

/// Writes one of a chat's messages: a draft from the template, edited
/// freely and saved as typed, checked by the outreach linter on every
/// keystroke, and sent by email, the share sheet or the clipboard. The
/// introduction goes to the person who introduced them; the rest to them.
#[component]
pub fn Composer(chat_id: ChatId, kind: ChatMessage, on_sent: Callback<()>) -> impl IntoView {
    let app = use_app();
    let Some(chat) = app.chat(&chat_id) else {
        return ().into_any();
    };
    let Some(person) = app.person(&chat.person_id) else {
        return ().into_any();
    };
    let referrer = person.introduced_by.as_ref().and_then(|id| app.person(id));
    let recipient = if kind == ChatMessage::Introduction {
        let Some(referrer) = referrer.clone() else {
            return ().into_any();
        };
        referrer
    } else {
        person.clone()
    };
    let formal = RwSignal::new(false);
    let why_target = TextTarget::Chat(chat.id.clone(), ChatText::WhyThem);
    let why_them = app.watch_text(why_target.clone());
    let template = {
        let (person, referrer, recipient) = (person.clone(), referrer.clone(), recipient.clone());
        let opened = chat.clone();
        move || {
            let settings = app.settings.get_untracked();
            let current = app.chat(&chat_id).unwrap_or_else(|| opened.clone());
            let length = current.length_minutes;
            match kind {
                ChatMessage::Request => outreach_request(
                    &person,
                    referrer.as_ref(),
                    &settings,
                    length,
                    Wording {
                        say_informational_interview: formal.get_untracked(),
                    },
                    &why_them.get_untracked(),
                ),
                ChatMessage::FollowUp => follow_up_request(&person, &settings, length),
                ChatMessage::Introduction => introduction_request(&person, &recipient, &settings),
                ChatMessage::BookingReply => booking_reply(&person, &settings, length),
                ChatMessage::QuestionsByEmail => questions_by_email(&person, &settings, &current),
            }
        }
    };
    let draft = RwSignal::new(stored(&chat, kind).unwrap_or_else(&template));
    let subject_target = TextTarget::Chat(chat.id.clone(), ChatText::Subject(kind));
    let body_target = TextTarget::Chat(chat.id.clone(), ChatText::Body(kind));
    // A message edited in another tab shows here too; this tab's own
    // typing is already in the draft, so it is never echoed back.
    let stored_subject = app.watch_text(subject_target.clone());
    let stored_body = app.watch_text(body_target.clone());
    Effect::new(move |_| {
        let (subject, body) = (stored_subject.get(), stored_body.get());
        let differs = draft.with_untracked(|d| d.subject != subject || d.body != body);
        if !body.trim().is_empty() && differs {
            draft.set(Draft { subject, body });
        }
    });
    let save = move || {
        let current = draft.get_untracked();
        app.type_text_or_notice(&subject_target, &current.subject);
        app.type_text_or_notice(&body_target, &current.body);
    };
    let restart = {
        let template = template.clone();
        let chat_id = chat.id.clone();
        move || {
            let fresh = template();
            draft.set(fresh.clone());
            app.act(|w| w.set_message(&chat_id, kind, &fresh.subject, &fresh.body));
        }
    };
    // The draft follows the "why them" slot until the person edits it.
    let pristine = StoredValue::new(template());
    {
        let (template, restart) = (template.clone(), restart.clone());
        Effect::new(move |previous: Option<String>| {
            let why = why_them.get();
            if previous.is_some_and(|p| p != why)
                && draft.with_untracked(|d| pristine.with_value(|p| p == d))
            {
                restart();
            }
            pristine.set_value(template());
            why
        });
    }
    let referrer_name = referrer.map(|r| r.name);
    let connection = person.connection.clone();
    let checks = Memo::new(move |_| {
        app.asks_loaded.track();
        let why = why_them.get();
        let context = LintContext {
            referrer: referrer_name.as_deref(),
            connection: &connection,
            message: kind,
            why_them: &why,
        };
        draft.with(|d| {
            lint(&d.body, &context)
                .into_iter()
                .map(|check| (check.rule.label(&context), check.passed, check.detail))
                .collect::<Vec<_>>()
        })
    });
    let email = recipient.email.clone();
    let prefix = id_prefix(kind);
    view! {
        <div class="composer">
            {(kind == ChatMessage::Request)
                .then(|| {
                    let restart = restart.clone();
                    view! {
                        <div class="field">
                            <label for="why-them">
                                {t().composer_why_them_one_thing()}
                            </label>
                            <AutosaveField id="why-them" target=why_target.clone() />
                        </div>
                        <label class="checkbox">
                            <input
                                type="checkbox"
                                prop:checked=move || formal.get()
                                on:change=move |ev| {
                                    formal.set(event_target_checked(&ev));
                                    restart();
                                }
                            />
                            {t().composer_use_the_words_informational()}
                        </label>
                    }
                })}
            <DraftFields
                draft
                prefix=prefix.to_string()
                rows=12
                on_edit=Callback::new(move |()| save())
            />
            <ul class="checks" aria-label=t().composer_message_checks()>
                {move || {
                    checks
                        .get()
                        .into_iter()
                        .map(|(label, passed, detail)| {
                            view! {
                                <li class=if passed { "check pass" } else { "check fail" }>
                                    <span aria-hidden="true">{if passed { "✓" } else { "✗" }}</span>
                                    <span class="sr-only">
                                        {if passed { t().composer_met() } else { t().composer_not_met() }}
                                    </span>
                                    <span>
                                        <strong>{label}</strong>
                                        " "
                                        <span class="muted">{detail}</span>
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <SendActions draft email on_sent />
            <button type="button" class="button button-quiet" on:click=move |_| restart()>
                {t().composer_start_again_from_the()}
            </button>
        </div>
    }
    .into_any()
}
