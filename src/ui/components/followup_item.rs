use leptos::prelude::*;

use crate::domain::calendar::short_date;
use crate::domain::followup::{colleagues, FollowUp, FollowUpKind, FollowUpStatus};
use crate::state::{today, use_app};

/// One follow-up with what to do about it and the buttons to settle it.
/// `link_chat` adds links to its chat, for lists shown elsewhere.
#[component]
pub fn FollowUpItem(item: FollowUp, #[prop(optional)] link_chat: bool) -> impl IntoView {
    let app = use_app();
    let person = app.person(&item.person_id);
    let name = person.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let overdue = item.is_open() && item.due < today();
    let due = if item.is_open() {
        format!(
            "{} {}",
            if overdue { "Overdue since" } else { "Due" },
            short_date(item.due)
        )
    } else {
        let status = if item.status == FollowUpStatus::Done {
            "Done"
        } else {
            "Closed"
        };
        format!("{status} · was due {}", short_date(item.due))
    };
    let what = match item.kind {
        FollowUpKind::SecondContact => format!("{} (while waiting for {name})", item.kind.label()),
        FollowUpKind::ReplyNudge => format!("{} with {name}", item.kind.label()),
    };
    let help = match (item.kind, person, item.is_open()) {
        (FollowUpKind::SecondContact, Some(person), true) => {
            let organisation = person.organisation.trim().to_string();
            let others: Vec<(String, String)> = app.people.with_untracked(|people| {
                colleagues(&person, people)
                    .into_iter()
                    .map(|p| (p.id.0.clone(), p.name.clone()))
                    .collect()
            });
            Some(if organisation.is_empty() {
                view! {
                    <p class="muted">
                        "Add " {name.clone()} "'s organisation to see who else works there."
                    </p>
                }
                .into_any()
            } else {
                let add = format!(
                    "/people/new?organisation={}",
                    String::from(js_sys::encode_uri_component(&organisation))
                );
                view! {
                    <p class="muted">
                        {if others.is_empty() {
                            format!("No one else at {organisation} is on your list yet. One new person at a time.")
                        } else {
                            format!("Also at {organisation}: pick one, not all of them.")
                        }}
                    </p>
                    <ul class="links">
                        {others
                            .into_iter()
                            .map(|(id, other)| view! { <li><a href=format!("/people/{id}")>{other}</a></li> })
                            .collect_view()}
                    </ul>
                    <a href=add class="button">{format!("Add someone at {organisation}")}</a>
                }
                    .into_any()
            })
        }
        (FollowUpKind::ReplyNudge, _, true) if link_chat => Some(
            view! {
                <a href=format!("/chats/{}", item.chat_id) class="button">
                    "Write the follow-up"
                </a>
            }
            .into_any(),
        ),
        _ => None,
    };
    let id = item.id.clone();
    let done_id = id.clone();
    let done_label = format!("Mark done: {what}");
    let skip_label = format!("Skip: {what}");
    view! {
        <li class=if overdue { "followup overdue" } else { "followup" }>
            <p class="followup-what">
                <strong>{what.clone()}</strong>
            </p>
            <p class="muted">
                {due}
                {link_chat
                    .then(|| {
                        view! {
                            " · "
                            <a href=format!("/chats/{}", item.chat_id)>"Open the chat"</a>
                        }
                    })}
            </p>
            {help}
            {item
                .is_open()
                .then(|| {
                    view! {
                        <div class="actions">
                            <button
                                type="button"
                                class="button button-primary"
                                aria-label=done_label
                                on:click=move |_| app.set_followup_status(&done_id, FollowUpStatus::Done)
                            >
                                "Done"
                            </button>
                            <button
                                type="button"
                                class="button"
                                aria-label=skip_label
                                on:click=move |_| app.set_followup_status(&id, FollowUpStatus::Skipped)
                            >
                                "Skip"
                            </button>
                        </div>
                    }
                })}
        </li>
    }
}
