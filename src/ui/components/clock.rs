//! The time a screen shows: the app's clock read again at a steady pace
//! while the screen lives, and never after.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::state::use_app;

/// The app clock's instant, read again every `period` until the screen
/// that asked is gone. A screen computes what it shows from it, so a
/// missed tick costs nothing.
pub fn use_now(period: Duration) -> RwSignal<DateTime<Utc>> {
    let app = use_app();
    let now = RwSignal::new(app.now());
    if let Ok(ticker) = set_interval_with_handle(move || now.set(app.now()), period) {
        on_cleanup(move || ticker.clear());
    }
    now
}
