pub mod domain;
pub mod i18n;
pub mod pwa;
pub mod state;
pub mod storage;
pub mod ui;

use std::sync::Arc;

use state::{AppState, Glance};
use storage::{KeyValueStore, LocalStore, MemoryStore, SharedStore, GLANCE_KEY};

/// Opens the browser's storage, or an in-memory store with a warning when
/// the browser refuses it, so the app still starts.
pub fn open_state() -> AppState {
    match LocalStore::open() {
        Ok(store) => AppState::open(Arc::new(store) as SharedStore, None),
        Err(error) => AppState::open(Arc::new(MemoryStore::new()), Some(error)),
    }
}

/// Today's glance, when the app opens on Today and one was kept for today.
pub fn glance_for_start() -> Option<Glance> {
    let on_today = leptos::prelude::window()
        .location()
        .pathname()
        .is_ok_and(|path| path == "/");
    if !on_today {
        return None;
    }
    let text = LocalStore::open().ok()?.get(GLANCE_KEY).ok()??;
    Glance::stored_for(&text, state::today())
}

/// Shows a plain message instead of a frozen screen if the app ever hits a
/// bug, with an export of everything stored, read afresh without writing.
pub fn show_crash_message() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        let backup = LocalStore::open()
            .map(|store| {
                let data = storage::Repository::read_without_writing(Arc::new(store));
                storage::backup::export(&data, chrono::Utc::now())
            })
            .unwrap_or_default();
        pwa::show_crash_screen(&backup);
    }));
}
