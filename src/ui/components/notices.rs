use leptos::prelude::*;

use crate::state::use_app;

/// Banners about the safety of the user's data, and a waiting new version.
#[component]
pub fn Notices(update_ready: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let notices = app.notices;
    let not_saved = move || notices.with(|n| n.not_saved.clone());
    let blocked = move || notices.with(|n| n.blocked.clone());
    let unreadable = move || notices.with(|n| n.unreadable);

    view! {
        <div class="notices">
            <div role="alert" class="notice-slot">
                {move || {
                    not_saved()
                        .map(|message| {
                            view! {
                                <p class="notice notice-error">
                                    {message}
                                    " Your latest change is still on screen; it will be saved with the next change that succeeds."
                                </p>
                            }
                        })
                }}
            </div>
            {move || {
                blocked().map(|message| view! { <p class="notice notice-error">{message}</p> })
            }}
            {move || {
                let count = unreadable();
                (count > 0)
                    .then(|| {
                        let text = if count == 1 {
                            "1 saved record could not be read. It is kept aside, unchanged, and everything else loaded."
                                .to_string()
                        } else {
                            format!(
                                "{count} saved records could not be read. They are kept aside, unchanged, and everything else loaded.",
                            )
                        };
                        view! {
                            <div class="notice notice-warning" role="status">
                                <p>{text}</p>
                                <button
                                    type="button"
                                    class="button-quiet"
                                    on:click=move |_| notices.update(|n| n.unreadable = 0)
                                >
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
            {move || {
                update_ready
                    .get()
                    .then(|| {
                        view! {
                            <div class="notice notice-info" role="status">
                                <p>"Update available: a new version of Coffee Chat is ready."</p>
                                <button
                                    type="button"
                                    class="button-primary"
                                    on:click=move |_| crate::pwa::apply_update()
                                >
                                    "Reload to update"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
