//! Plain types and rules of the product. Nothing here touches the browser,
//! so every rule is tested natively with `cargo test`.

pub mod person;
pub mod stage;
