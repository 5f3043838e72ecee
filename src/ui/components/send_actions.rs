use leptos::prelude::*;

use crate::domain::message::{mailto, Draft};

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
                "Copied. Paste it into your email or message app.".into()
            } else {
                "Could not copy: select the text and copy it by hand.".into()
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
                "Send by email"
            </a>
            {crate::pwa::can_share()
                .then(|| {
                    view! {
                        <button type="button" class="button" on:click=share>
                            "Share…"
                        </button>
                    }
                })}
            <button type="button" class="button" on:click=copy>
                "Copy message"
            </button>
        </div>
        {no_email
            .then(|| {
                view! {
                    <p class="muted">"No email address saved for them: the email opens without one."</p>
                }
            })}
        <p class="muted" role="status">
            {move || status.get()}
        </p>
    }
}
