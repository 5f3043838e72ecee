//! Installing to the home screen: the browser's own prompt where there is
//! one, and on an iPhone the steps and the reason. Safari may clear a site's
//! storage after seven days without a visit; a home-screen app keeps it.

use leptos::prelude::*;

use crate::pwa::{install, offer_install, Install, INSTALL_CHANGE};
use crate::state::{use_app, SettingChange};

#[derive(Clone, Copy)]
struct InstallState(ReadSignal<Install>);

/// Follows the browser's install events for the whole app; call it once.
pub fn provide_install_state() {
    let state = RwSignal::new(install());
    let _ = window_event_listener_untyped(INSTALL_CHANGE, move |_| state.set(install()));
    provide_context(InstallState(state.read_only()));
}

fn use_install() -> Signal<Install> {
    match use_context::<InstallState>() {
        Some(InstallState(state)) => state.into(),
        None => Signal::stored(install()),
    }
}

/// "Install Coffee Chat", where the browser has an install prompt ready.
#[component]
pub fn InstallButton() -> impl IntoView {
    let install = use_install();
    view! {
        <Show when=move || install.get() == Install::Offered>
            <button type="button" class="button" on:click=move |_| offer_install(|_| {})>
                "Install Coffee Chat"
            </button>
        </Show>
    }
}

/// Once, and until closed: how to add the app to an iPhone's Home Screen.
#[component]
pub fn HomeScreenTip() -> impl IntoView {
    let app = use_app();
    let install = use_install();
    let shown = move || {
        install.get() == Install::AddToHomeScreen
            && !app.settings.with(|s| s.home_screen_tip_dismissed)
    };
    let has_data = move || app.people.with(|p| !p.is_empty());
    view! {
        <Show when=shown>
            <section class="card tip" aria-labelledby="home-screen-heading">
                <h2 id="home-screen-heading">"Keep your notes safe on this iPhone"</h2>
                <p>
                    "Safari may erase what a website saved once you have not opened it for seven days. Added to your Home Screen, Coffee Chat keeps your notes and opens like an app, even offline."
                </p>
                <ol>
                    <li>"Tap Share (the square with an arrow) in Safari's toolbar."</li>
                    <li>"Choose Add to Home Screen, then Add."</li>
                    <li>"Open Coffee Chat from its new icon."</li>
                </ol>
                <Show when=has_data>
                    <p class="muted">
                        "The app on the Home Screen may start empty: export a backup in Settings first, then import it there."
                    </p>
                </Show>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        let _ = app.try_run(|w| w.change_setting(SettingChange::DismissHomeScreenTip));
                    }
                >
                    "Hide this tip"
                </button>
            </section>
        </Show>
    }
}

/// Settings: whether the app is installed, and how to install it if not.
#[component]
pub fn InstallStatus() -> impl IntoView {
    let install = use_install();
    view! {
        <p>
            {move || match install.get() {
                Install::Installed => "Installed: Coffee Chat opens from your home screen like an app.",
                Install::Offered => "Not installed. Installing puts it on your home screen and keeps it working offline.",
                Install::AddToHomeScreen => "Not installed. In Safari, tap Share, then Add to Home Screen: Safari may erase a website's data after seven days without a visit, but not an app's.",
                Install::Unknown => "Not installed, or opened in a browser tab. Your browser's menu may offer Install app or Add to Home screen.",
            }}
        </p>
        <InstallButton />
    }
}
