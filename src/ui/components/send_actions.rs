//! Sending a draft: by email, through the share sheet, or to the
//! clipboard.

use leptos::prelude::*;

use crate::domain::message::{mailto, Draft};
use crate::i18n::t;

/// Send a draft by email, the share sheet or the clipboard. `on_sent` runs
/// once it has gone (or is on the clipboard).
#[component]
pub fn SendActions(draft: RwSignal<Draft>, email: String, on_sent: Callback<()>) -> impl IntoView {
    let no_email = email.trim().is_empty();
    let href = move || draft.with(|d| mailto(&email, d));
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let text = draft.with_untracked(|d| d.body.clone());
        crate::pwa::copy(&text, move |copied| {
            status.set(if copied {
                t().send_copied().into()
            } else {
                t().send_copy_failed().into()
            });
            if copied {
                on_sent.run(());
            }
        });
    };
    let share = move |_| {
        let (subject, body) = draft.with_untracked(|d| (d.subject.clone(), d.body.clone()));
        crate::pwa::share(&subject, &body, move |shared| {
            if shared {
                on_sent.run(());
            }
        });
    };
    view! {
        <div class="actions send">
            <a href=href class="button button-primary" on:click=move |_| on_sent.run(())>
                {t().send_send_by_email()}
            </a>
            {crate::pwa::can_share()
                .then(|| {
                    view! {
                        <button type="button" class="button" on:click=share>
                            {t().send_share()}
                        </button>
                    }
                })}
            <button type="button" class="button" on:click=copy>
                {t().send_copy_message()}
            </button>
        </div>
        {no_email
            .then(|| {
                view! {
                    <p class="muted">{t().send_no_email_address_saved()}</p>
                }
            })}
        <p class="muted" role="status">
            {move || status.get()}
        </p>
    }
}
