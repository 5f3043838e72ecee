//! Installing to the home screen: the browser's own prompt where there is
//! one, and on an iPhone the steps and the reason. Safari may clear a site's
//! storage after seven days without a visit; a home-screen app keeps it.

use leptos::prelude::*;

use crate::i18n::t;
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
                {t().install_install_coffee_chat()}
            </button>
        </Show>
    }
}

/// Once, and until closed: how to add the app to an iPhone's Home Screen.
#[component]
pub fn HomeScreenTip() -> impl IntoView {
    let app = use_app();
    let install = use_install();
    // Its words come with the texts after start (it sits below Today's
    // cards, so nothing moves when it appears).
    let shown = move || {
        install.get() == Install::AddToHomeScreen
            && !app.settings.with(|s| s.home_screen_tip_dismissed)
            && app.texts_loaded.get()
    };
    let has_data = move || app.people.with(|p| !p.is_empty());
    view! {
        <Show when=shown>
            <section class="card tip" aria-labelledby="home-screen-heading">
                <h2 id="home-screen-heading">{t().install_keep_your_notes_safe()}</h2>
                <p>
                    {t().install_safari_may_erase_what()}
                </p>
                <ol>
                    <li>{t().install_tap_share_the_square()}</li>
                    <li>{t().install_choose_add_to_home()}</li>
                    <li>{t().install_open_coffee_chat_from()}</li>
                </ol>
                <Show when=has_data>
                    <p class="muted">
                        {t().install_the_app_on_the()}
                    </p>
                </Show>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        app.act(|w| w.change_setting(SettingChange::DismissHomeScreenTip));
                    }
                >
                    {t().install_hide_this_tip()}
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
                Install::Installed => t().install_installed(),
                Install::Offered => t().install_offered(),
                Install::AddToHomeScreen => t().install_home_screen(),
                Install::Unknown => t().install_unknown(),
            }}
        </p>
        <InstallButton />
    }
}
