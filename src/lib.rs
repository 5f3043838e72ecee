//! Coffee Chat: the layers (domain, storage, state, ui) and what the start
//! needs before the interface (opening the store in steps, the glance).

pub mod crypto;
pub mod domain;
pub mod i18n;
pub mod pwa;
pub mod state;
pub mod storage;
pub mod ui;

use std::sync::Arc;

use state::{AppState, Clock, Glance};
use storage::{
    HeldChanges, KeyValueStore, LocalStore, MemoryStore, Opening, Repository, GLANCE_KEY,
};

/// Opens the browser's storage and reads the records over as many tasks
/// as it takes, each short enough not to hold up a tap; then, in a task of
/// its own, calls `then` with the app's state and the changes other tabs
/// made meanwhile, to be sent again once the app listens. When the browser
/// refuses its storage, an in-memory store with a warning, at once.
pub fn open_state_in_steps(then: OnceOpened) {
    match LocalStore::open() {
        Ok(store) => {
            let held = store.hold_changes_from_other_tabs();
            read_in_steps(Repository::opening(Arc::new(store)), held, then, false);
        }
        Err(error) => then(
            AppState::open(Arc::new(MemoryStore::new()), Some(error)),
            HeldChanges::none(),
        ),
    }
}

/// What to do with the app's state once the records are read: boxed, so
/// that the reading is compiled once for every way the app starts.
pub type OnceOpened = Box<dyn FnOnce(AppState, HeldChanges)>;

/// How long one task reads records, in milliseconds: long enough that a
/// year of data takes a dozen tasks on a slow phone, not a hundred; short
/// enough that a tap waits at most about this.
const READING_STEP_MS: f64 = 25.0;

fn read_in_steps(mut opening: Opening, held: HeldChanges, then: OnceOpened, all_read: bool) {
    pwa::in_next_task(move || {
        if all_read {
            let state = AppState::opened(opening.opened(), None);
            pwa::in_next_task(move || then(state, held));
        } else {
            let started = js_sys::Date::now();
            let all_read =
                opening.read_some(&mut || js_sys::Date::now() - started < READING_STEP_MS);
            read_in_steps(opening, held, then, all_read);
        }
    });
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
    // Before the app state exists: the clock it will be given.
    Glance::stored_for(&text, state::BrowserClock.today())
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
