pub mod components;
pub mod pages;
pub mod router;

use leptos::prelude::*;

use crate::i18n::{fill, t};
use crate::state::{AppState, Insights, Workspace};
use components::{provide_install_state, BottomNav, Notices};
use pages::{
    ChatPage, InsightsPage, MeetPage, MeetShortcut, NewPersonPage, NotFoundPage, PeoplePage,
    PersonPage, PreparePage, QueuePage, SettingsPage, TodayPage,
};
use router::{provide_address, provide_router, Screen};

/// The whole app around an already opened [`AppState`].
#[component]
pub fn App(state: AppState) -> impl IntoView {
    provide_context(state);
    provide_install_state();
    let insights = Insights::new(state);
    provide_context(insights);
    crate::pwa::when_idle(move || insights.work_out_first_section());
    let update_ready = RwSignal::new(false);
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
    if !cfg!(debug_assertions) {
        crate::pwa::register_service_worker(move || update_ready.set(true));
    }
    // Typed text is saved within a fraction of a second; hiding, freezing
    // or leaving the page saves it at once.
    let _ = window_event_listener(leptos::ev::pagehide, move |_| state.save_before_leaving());
    let _ = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            state.save_before_leaving();
        }
    });
    crate::pwa::on_freeze(move || state.save_before_leaving());
    let _ = window_event_listener(leptos::ev::storage, move |event| {
        match event.key() {
            Some(key) => state.apply_external_change(&key, event.new_value().as_deref()),
            // Another tab cleared all storage: only a fresh start shows the truth.
            None => {
                let _ = window().location().reload();
            }
        }
    });

    // Today's glance follows the records, for the next start.
    Effect::new(move |_| {
        state.people.track();
        state.chats.track();
        state.followups.track();
        state.settings.track();
        state.keep_glance();
    });

    let screen = provide_router().screen();
    frame(update_ready, move || screen_view(screen.get()))
}

/// Today drawn from a glance ([`crate::state::Glance`]) while the records
/// are read: the app's own Today in the app's own frame, so that nothing
/// moves when the app takes its place. Its Today is `inert`: it is to look
/// at, and the app that follows is what a tap reaches.
#[component]
pub fn TodayAtAGlance(state: AppState) -> impl IntoView {
    provide_context(state);
    provide_address();
    frame(RwSignal::new(false), || view! { <TodayPage /> })
}

fn frame(update_ready: RwSignal<bool>, screen: impl IntoView + 'static) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{t().app_skip_to_content()}</a>
        <Notices update_ready />
        <main id="main" tabindex="-1">
            {screen}
        </main>
        <BottomNav />
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
        Screen::Insights => view! { <InsightsPage /> }.into_any(),
        Screen::Settings => view! { <SettingsPage /> }.into_any(),
        Screen::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}

/// Downloads a JSON file, a backup or an archive, whose name (from the
/// catalogue) carries today's date.
pub(crate) fn download_dated_json(name: &str, text: &str) {
    let day = crate::domain::calendar::date_input_value(crate::state::today());
    crate::pwa::download(&fill(name, &[("day", &day)]), "application/json", text);
}
