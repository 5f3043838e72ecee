//! Plain types and rules of the product. Nothing here touches the browser,
//! so every rule is tested natively with `cargo test`.

pub mod asks;
#[cfg(test)]
mod asks_corpus;
pub mod asks_scorer;
pub mod calendar;
pub mod chat;
pub mod followup;
pub mod ics;
pub mod insights;
pub mod instant;
pub mod linter;
pub mod message;
pub mod person;
pub mod prep;
pub mod settings;
pub mod share;
pub mod sorting;
pub mod stage;
pub mod targets;
pub mod timer;
pub mod words;
