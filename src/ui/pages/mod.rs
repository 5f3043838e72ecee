mod chat;
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
