//! The shell around every screen: the app built over the opened state in
//! three tasks, Today drawn from its glance, the frame (banners, main,
//! navigation), and which screen each address shows.

use leptos::prelude::*;

use super::components::{provide_install_state, BottomNav, Notices};
use super::pages::{
    ChatPage, InsightsPage, MeetPage, MeetShortcut, NewPersonPage, NotFoundPage, PeoplePage,
    PersonPage, PreparePage, QueuePage, SettingsPage, TargetPage, TargetsPage, TodayPage,
};
use super::router::{provide_address, provide_router, Screen};
use crate::i18n::{fill, t};
use crate::state::{AppState, Insights, Workspace};

/// The whole app around an already opened [`AppState`], built in three
/// tasks: a phone compiles each function on its first call, and the whole
/// build in one task held up a tap for 100 ms with a 4x slower CPU. First
/// the screen, in place of the first screen's main; then the banners and
/// the navigation, after which `first_screen_gone` removes what is left of
/// the first screen; then the service worker and the effects that keep
/// what the next start reads.
#[component]
pub fn App(state: AppState, first_screen_gone: Box<dyn FnOnce()>) -> impl IntoView {
    provide_context(state);
    provide_install_state();
    let insights = Insights::new(state);
    provide_context(insights);
    // Typed text is saved within a fraction of a second; hiding, freezing
    // or leaving the page saves it at once.
    let _ = window_event_listener(leptos::ev::pagehide, move |_| state.save_before_leaving());
    let _ = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            state.save_before_leaving();
        }
    });
    // The ask rules come in their own file, read once the app is up.
    if !state.asks_loaded.get_untracked() {
        crate::pwa::fetch_text("/asks_rules.txt", move |text| {
            if let Some(text) = text {
                crate::domain::asks::load(&text);
                state.asks_loaded.set(true);
            }
        });
    }
    // In English, the texts past the first screens come in a file of their
    // own, read once the app is up.
    let texts_failed = RwSignal::new(false);
    if !state.texts_loaded.get_untracked() {
        crate::pwa::fetch_text("/en.json", move |text| {
            if text.is_some_and(|text| crate::i18n::complete_english(&text)) {
                state.texts_loaded.set(true);
            } else {
                texts_failed.set(true);
            }
        });
    }
    crate::pwa::on_freeze(move || state.save_before_leaving());
    crate::pwa::on_resume(move || state.catch_up());
    let _ = window_event_listener(leptos::ev::storage, move |event| {
        match event.key() {
            Some(key) => state.apply_external_change(&key, event.new_value().as_deref()),
            // Another tab cleared all storage: only a fresh start shows the truth.
            None => {
                let _ = window().location().reload();
            }
        }
    });

    let update_ready = RwSignal::new(false);
    let framed = RwSignal::new(false);
    // The effects made later belong to the app, like those made now.
    let owner = Owner::current().unwrap_or_default();
    crate::pwa::in_next_task(move || {
        framed.set(true);
        first_screen_gone();
        crate::pwa::in_next_task(move || {
            owner.with(|| keep_in_step(state, insights, update_ready));
        });
    });

    let screen = provide_router().screen();
    frame(update_ready, framed, move || {
        let screen = screen.get();
        // Today needs only the first texts; the other screens wait for the
        // rest, and Today never reads whether they came.
        if matches!(screen, Screen::Today) || state.texts_loaded.get() {
            screen_view(screen)
        } else {
            texts_coming(texts_failed)
        }
    })
}

/// In place of a screen whose texts have not come yet: a wait, or, if
/// their file could not be read, what to do.
fn texts_coming(failed: RwSignal<bool>) -> AnyView {
    view! {
        <p role="status">
            {move || {
                if failed.get() { t().app_screen_words_missing() } else { t().app_screen_coming() }
            }}
        </p>
        <button
            class="button"
            hidden=move || !failed.get()
            on:click=|_| {
                let _ = window().location().reload();
            }
        >
            {t().app_reload()}
        </button>
    }
    .into_any()
}

/// What runs once the app is on screen: the service worker, and the hints
/// that let the next start paint the right first screen.
fn keep_in_step(state: AppState, insights: Insights, update_ready: RwSignal<bool>) {
    crate::pwa::when_idle(move || insights.work_out_first_section());
    // The chosen theme, on <html> so the whole page follows it; and the
    // hint that lets the next start paint it before the app runs.
    let anyone_saved = Memo::new(move |_| state.people.with(|p| !p.is_empty()));
    Effect::new(move |_| {
        let theme = state.settings.with(|s| s.theme);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.slug());
        }
        // Read, not only tracked: a memo that is never read never updates.
        anyone_saved.get();
        state.read(Workspace::note_first_paint);
    });
    // Today's glance follows the records, for the next start.
    Effect::new(move |_| {
        state.people.track();
        state.chats.track();
        state.followups.track();
        state.settings.track();
        state.keep_glance();
    });
    if !cfg!(debug_assertions) {
        crate::pwa::register_service_worker(move || update_ready.set(true));
    }
}

/// Today drawn from a glance ([`crate::state::Glance`]) while the records
/// are read: the app's own Today in the app's own frame, so that nothing
/// moves when the app takes its place. Its Today is `inert`: it is to look
/// at, and the app that follows is what a tap reaches.
#[component]
pub fn TodayAtAGlance(state: AppState) -> impl IntoView {
    provide_context(state);
    provide_address();
    frame(
        RwSignal::new(false),
        RwSignal::new(true),
        || view! { <TodayPage /> },
    )
}

/// The screen in its frame; the banners above it and the navigation below
/// are built once `framed`.
fn frame(
    update_ready: RwSignal<bool>,
    framed: RwSignal<bool>,
    screen: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{t().app_skip_to_content()}</a>
        {move || framed.get().then(|| view! { <Notices update_ready /> })}
        <main id="main" tabindex="-1">
            {screen}
        </main>
        {move || framed.get().then(|| view! { <BottomNav /> })}
    }
}

fn screen_view(screen: Screen) -> AnyView {
    match screen {
        Screen::Today => view! { <TodayPage /> }.into_any(),
        Screen::People => view! { <PeoplePage /> }.into_any(),
        Screen::NewPerson => view! { <NewPersonPage /> }.into_any(),
        Screen::Person(id) => view! { <PersonPage id /> }.into_any(),
        Screen::Chat(id) => view! { <ChatPage id /> }.into_any(),
        Screen::Prepare(id) => view! { <PreparePage id /> }.into_any(),
        Screen::Meet(id) => view! { <MeetPage id /> }.into_any(),
        Screen::MeetShortcut => view! { <MeetShortcut /> }.into_any(),
        Screen::Queue => view! { <QueuePage /> }.into_any(),
        Screen::Targets => view! { <TargetsPage /> }.into_any(),
        Screen::Target(id) => view! { <TargetPage id /> }.into_any(),
        Screen::Insights => view! { <InsightsPage /> }.into_any(),
        Screen::Settings => view! { <SettingsPage /> }.into_any(),
        Screen::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}

/// Downloads a JSON file, a backup or an archive, whose name (from the
/// catalogue) carries the day, by the app's clock.
pub(crate) fn download_dated_json(app: &AppState, name: &str, text: &str) {
    let day = crate::domain::calendar::date_input_value(app.today());
    crate::pwa::download(&fill(name, &[("day", &day)]), "application/json", text);
}
