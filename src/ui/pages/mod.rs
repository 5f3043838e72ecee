mod chat;
mod insights;
mod meet;
mod new_person;
mod not_found;
mod people;
mod person;
mod prepare;
mod queue;
mod settings;
mod today;

pub use chat::ChatPage;
pub use insights::InsightsPage;
pub use meet::{MeetPage, MeetShortcut};
pub use new_person::NewPersonPage;
pub use not_found::NotFoundPage;
pub use people::PeoplePage;
pub use person::PersonPage;
pub use prepare::PreparePage;
pub use queue::QueuePage;
pub use settings::SettingsPage;
pub use today::TodayPage;

/// Names the screen in the tab, history and screen readers' announcements.
fn set_title(screen: &str) {
    leptos::prelude::document().set_title(&format!("{screen} · Coffee Chat"));
}

/// The chat named in the address (`/chats/:id…`), or a plain message when
/// there is none (deleted with its person, or a mistyped link).
fn chat_route(
    id: crate::domain::chat::ChatId,
    render: impl Fn(crate::domain::chat::ChatId) -> leptos::prelude::AnyView + Send + Sync + 'static,
) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let app = crate::state::use_app();
    let present = Memo::new(move |_| {
        Some(id.clone()).filter(|id| app.chats.with(|chats| chats.iter().any(|c| &c.id == id)))
    });
    move || match present.get() {
        Some(id) => render(id),
        None => {
            set_title("Chat not found");
            view! {
                <h1>"Chat not found"</h1>
                <p>"This chat is not in your list. It may have been deleted with its person."</p>
                <p>
                    <a href="/people" class="button">"Back to People"</a>
                </p>
            }
            .into_any()
        }
    }
}
