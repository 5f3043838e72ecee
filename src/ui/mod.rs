//! The interface: the shell around every screen ([`shell`]), the screens,
//! the pieces they share, and the router.

pub mod components;
pub mod pages;
pub mod router;
mod shell;

pub(crate) use shell::download_dated_json;
pub use shell::{App, TodayAtAGlance};
