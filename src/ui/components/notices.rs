use leptos::prelude::*;

use crate::state::use_app;

/// Downloads a backup made from the screen's data, saved or not.
fn export_what_is_on_screen(text: String) {
    let day = crate::domain::calendar::date_input_value(crate::state::today());
    crate::pwa::download(
        &format!("coffee-chat-backup-{day}.json"),
        "application/json",
        &text,
    );
}

/// Banners about the safety of the user's data, and a waiting new version.
#[component]
pub fn Notices(update_ready: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let notices = app.notices;
    let not_saved = move || notices.with(|n| n.not_saved.clone());
    let blocked = move || notices.with(|n| n.blocked.clone());
    let unreadable = move || notices.with(|n| (n.unreadable, n.unreadable_left_in_place));

    view! {
        <div class="notices">
            <div role="alert" class="notice-slot">
                {move || {
                    not_saved()
                        .map(|message| {
                            view! {
                                <div class="notice notice-error">
                                    <p>{message}</p>
                                    <button
                                        type="button"
                                        class="button"
                                        on:click=move |_| export_what_is_on_screen(app.export_backup())
                                    >
                                        "Export what is on screen"
                                    </button>
                                </div>
                            }
                        })
                }}
            </div>
            {move || {
                blocked().map(|message| view! { <p class="notice notice-error">{message}</p> })
            }}
            {move || {
                let (count, left_in_place) = unreadable();
                (count > 0)
                    .then(|| {
                        let mut text = if count == 1 {
                            "1 saved record could not be read. It is kept, unchanged, and everything else loaded."
                                .to_string()
                        } else {
                            format!(
                                "{count} saved records could not be read. They are kept, unchanged, and everything else loaded.",
                            )
                        };
                        if left_in_place > 0 {
                            text.push_str(
                                " Storage is too full to move them aside: export a backup and free some space.",
                            );
                        }
                        view! {
                            <div class="notice notice-warning" role="status">
                                <p>{text}</p>
                                <button
                                    type="button"
                                    class="button-quiet"
                                    on:click=move |_| app.run(|w| w.dismiss_unreadable())
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
