//! Service worker, persistent storage, storage estimates, the localised
//! date, sharing and the clipboard: see pwa.js.

use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/pwa.js")]
extern "C" {
    fn watch_for_updates(on_update: &Closure<dyn Fn()>);
    #[wasm_bindgen(js_name = apply_update)]
    pub fn apply_update();
    #[wasm_bindgen(js_name = ask_for_persistent_storage)]
    pub fn ask_for_persistent_storage();
    fn read_storage_status(on_status: &JsValue);
    pub fn can_share() -> bool;
    /// Saves `text` as a file named `filename`.
    pub fn download(filename: &str, mime: &str, text: &str);
    /// Offers `text` as a file to the share sheet (Files, a drive, an email
    /// to oneself) where the browser shares files, else downloads it.
    pub fn share_or_download(filename: &str, text: &str);
    fn read_chosen_file(input: &web_sys::HtmlInputElement, on_done: &JsValue);
    /// Holds a Screen Wake Lock while `on`, where the browser has one; a
    /// `wake-lock-change` event on the window tells when that changes.
    pub fn keep_awake(on: bool);
    fn wake_lock_status() -> String;
    /// Whether this browser can vibrate at all (iPhone Safari and Firefox
    /// cannot).
    pub fn can_vibrate() -> bool;
    /// Vibrates in the given on/off milliseconds, where the phone can.
    pub fn vibrate(pattern: &[u32]);
    fn install_state() -> String;
    fn prompt_install(on_done: &JsValue);
    fn post_to_self(callback: &JsValue);
    fn after_idle(callback: &JsValue);
    #[wasm_bindgen(js_name = french_catalogue)]
    fn read_french_catalogue(callback: &JsValue);
    #[wasm_bindgen(js_name = fetch_text)]
    fn read_text(url: &str, callback: &JsValue);
    #[wasm_bindgen(js_name = when_near_screen)]
    fn watch_nearness(element: &web_sys::Element, callback: &JsValue) -> js_sys::Function;
    fn share_text(title: &str, text: &str, on_done: &JsValue);
    fn copy_text(text: &str, on_done: &JsValue);
    #[wasm_bindgen(js_name = on_freeze)]
    fn listen_for_freeze(callback: &Closure<dyn Fn()>);
    #[wasm_bindgen(js_name = on_resume)]
    fn listen_for_resume(callback: &Closure<dyn Fn()>);
    /// Shows the crash screen, with an export of `backup` when there is one.
    pub fn show_crash_screen(backup: &str);
}

/// Runs `on_freeze` when the browser freezes the page (a phone putting a
/// background tab to sleep).
pub fn on_freeze(on_freeze: impl Fn() + 'static) {
    listen_while_the_page_lives(listen_for_freeze, on_freeze);
}

/// Runs `on_resume` when a frozen page runs again, or one kept in the
/// back-forward cache is shown again.
pub fn on_resume(on_resume: impl Fn() + 'static) {
    listen_while_the_page_lives(listen_for_resume, on_resume);
}

/// Registers the service worker; `on_update` runs when a new version has
/// been downloaded and waits for the user's go-ahead.
pub fn register_service_worker(on_update: impl Fn() + 'static) {
    listen_while_the_page_lives(watch_for_updates, on_update);
}

/// Hands `callback` to `listen`, and keeps it for the life of the page:
/// these events may come at any time.
fn listen_while_the_page_lives(listen: fn(&Closure<dyn Fn()>), callback: impl Fn() + 'static) {
    let callback = Closure::<dyn Fn()>::new(callback);
    listen(&callback);
    callback.forget();
}

/// The window event that announces a change of [`wake_lock`].
pub const WAKE_LOCK_CHANGE: &str = "wake-lock-change";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WakeLock {
    Off,
    Held,
    /// This browser has no Screen Wake Lock.
    Unsupported,
    /// Asked for and denied, or taken back (battery saver).
    Refused,
}

pub fn wake_lock() -> WakeLock {
    match wake_lock_status().as_str() {
        "held" => WakeLock::Held,
        "unsupported" => WakeLock::Unsupported,
        "refused" => WakeLock::Refused,
        _ => WakeLock::Off,
    }
}

/// The window event that announces a change of [`install`].
pub const INSTALL_CHANGE: &str = "install-change";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Install {
    /// Running from the home screen, or just installed.
    Installed,
    /// The browser's install prompt is ready for an Install button.
    Offered,
    /// iPhone or iPad Safari: installed through Share, Add to Home Screen.
    AddToHomeScreen,
    /// Nothing known: the browser's own menu may still offer it.
    Unknown,
}

pub fn install() -> Install {
    match install_state().as_str() {
        "installed" => Install::Installed,
        "offered" => Install::Offered,
        "home-screen" => Install::AddToHomeScreen,
        _ => Install::Unknown,
    }
}

/// Runs `then` in a task of its own, as soon as the browser is free: a
/// message to itself, not a timer, which a test's fake clock would hold.
pub fn in_next_task(then: impl FnOnce() + 'static) {
    post_to_self(&Closure::once_into_js(then));
}

/// Runs `then` in a task of its own once the next frame is painted.
pub fn after_next_paint(then: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || in_next_task(then));
}

/// Calls `then` with the French catalogue's text, or `None` when it
/// cannot be read.
pub fn french_catalogue(then: impl FnOnce(Option<String>) + 'static) {
    read_french_catalogue(&Closure::once_into_js(then));
}

/// Calls `then` with the text of a file the app ships, or `None` when it
/// cannot be read.
pub fn fetch_text(url: &str, then: impl FnOnce(Option<String>) + 'static) {
    read_text(url, &Closure::once_into_js(then));
}

/// Runs `then` when the browser is idle, for work worth doing before it
/// is asked for.
pub fn when_idle(then: impl FnOnce() + 'static) {
    after_idle(&Closure::once_into_js(then));
}

/// Runs `then` once `element` is scrolled to within half a screen of view;
/// the watch ends when the current reactive owner is cleaned up.
pub fn when_near_screen(element: &web_sys::Element, then: impl FnOnce() + 'static) {
    let stop = SendWrapper::new(watch_nearness(element, &Closure::once_into_js(then)));
    leptos::prelude::on_cleanup(move || {
        let _ = stop.call0(&JsValue::NULL);
    });
}

/// Opens the browser's install prompt; `on_done(true)` once accepted.
pub fn offer_install(on_done: impl FnOnce(bool) + 'static) {
    prompt_install(&Closure::once_into_js(on_done));
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageStatus {
    pub persisted: bool,
    pub used_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
}

pub fn storage_status(on_status: impl FnOnce(StorageStatus) + 'static) {
    let callback = Closure::once_into_js(move |persisted: bool, used: f64, quota: f64| {
        let known = |n: f64| (n >= 0.0).then_some(n);
        on_status(StorageStatus {
            persisted,
            used_bytes: known(used),
            quota_bytes: known(quota),
        });
    });
    read_storage_status(&callback);
}

/// Opens the phone's share sheet; `on_done(true)` once the user shared.
pub fn share(title: &str, text: &str, on_done: impl FnOnce(bool) + 'static) {
    share_text(title, text, &Closure::once_into_js(on_done));
}

/// Puts text on the clipboard; `on_done(true)` once it is there.
pub fn copy(text: &str, on_done: impl FnOnce(bool) + 'static) {
    copy_text(text, &Closure::once_into_js(on_done));
}

/// Reads the file chosen in a file input: `Ok(text)` or the reason it
/// could not be read.
pub fn read_file(
    input: &web_sys::HtmlInputElement,
    on_done: impl FnOnce(Result<String, String>) + 'static,
) {
    let callback = Closure::once_into_js(move |text: String, error: String| {
        on_done(if error.is_empty() {
            Ok(text)
        } else {
            Err(error)
        });
    });
    read_chosen_file(input, &callback);
}
