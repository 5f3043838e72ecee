//! The banners about the person's data (not saved, unreadable records,
//! storage off), why a tap's command was refused, and the one offering a
//! waiting new version.

use leptos::prelude::*;

use crate::i18n::{fill, t};
use crate::state::{use_app, AppState};

/// Downloads a backup made from the screen's data, saved or not.
fn export_what_is_on_screen(app: AppState) {
    crate::ui::download_dated_json(&app, t().files_backup(), &app.export_on_screen());
}

/// A warning the person can put away.
fn dismissable(text: String, role: &'static str, dismiss: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice notice-warning" role=role>
            <p>{text}</p>
            <button type="button" class="button-quiet" on:click=move |_| dismiss.run(())>
                {t().notices_dismiss()}
            </button>
        </div>
    }
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
                                        on:click=move |_| export_what_is_on_screen(app)
                                    >
                                        {t().notices_export_what_is_on()}
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
                app.refused
                    .get()
                    .map(|why| {
                        dismissable(why, "alert", Callback::new(move |()| app.refused.set(None)))
                    })
            }}
            {move || {
                let (count, left_in_place) = unreadable();
                (count > 0)
                    .then(|| {
                        let mut text = fill(t().notices_unreadable(), &[("n", &count)]);
                        if left_in_place > 0 {
                            text.push_str(t().notices_too_full());
                        }
                        dismissable(
                            text,
                            "status",
                            Callback::new(move |()| app.run(|w| w.dismiss_unreadable())),
                        )
                    })
            }}
            {move || {
                update_ready
                    .get()
                    .then(|| {
                        view! {
                            <div class="notice notice-info" role="status">
                                <p>{t().notices_update_available_a_new()}</p>
                                <button
                                    type="button"
                                    class="button-primary"
                                    on:click=move |_| crate::pwa::apply_update()
                                >
                                    {t().notices_reload_to_update()}
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
