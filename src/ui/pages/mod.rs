//! One file per screen, and what every screen shares ([`screen`]): this
//! file only declares them, so no screen reaches back up through it.

mod chat;
mod insights;
mod meet;
mod new_person;
mod not_found;
mod people;
mod person;
mod prepare;
mod queue;
mod screen;
mod settings;
mod target;
mod targets;
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
pub use target::TargetPage;
pub use targets::TargetsPage;
pub use today::TodayPage;

use screen::{chat_route, set_title};
