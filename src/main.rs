//! The start: the language and the first screen chosen, the store opened
//! in steps, and the app mounted in place of the static first screen.

use coffee_chat::i18n::{start_in, Lang};
use leptos::mount::{mount_to, mount_to_body};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    coffee_chat::show_crash_message();
    // public/first-paint.js chose the language before the first paint.
    let french = document()
        .document_element()
        .is_some_and(|root| root.get_attribute("lang").as_deref() == Some("fr"));
    if french {
        coffee_chat::pwa::french_catalogue(|text| {
            if start_in(Lang::Fr, text.as_deref()) != Lang::Fr {
                // No catalogue to be had: English, and the page says so.
                mark_language(Lang::En);
            }
            start();
        });
    } else {
        start_in(Lang::En, None);
        start();
    }
}

fn mark_language(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
}

fn start() {
    // The first screen's links, static or Today's glance, are kept for the
    // app until it is built: followed by the browser, they would load the
    // page and read every record again.
    let follow_tap = coffee_chat::ui::router::hold_link_taps();
    match coffee_chat::glance_for_start() {
        Some(glance) => start_from(glance, follow_tap),
        None => coffee_chat::open_state_in_steps(Box::new(move |state, held| {
            let skeleton = document().get_element_by_id("skeleton");
            mount_app(state, held, Box::new(follow_tap), skeleton, Box::new(|| ()));
        })),
    }
}

/// A returning person's Today, drawn from its glance in a few milliseconds
/// whatever the number of records; then, once that is on screen, the
/// records are read and the app takes its place.
fn start_from(glance: coffee_chat::state::Glance, follow_tap: impl FnOnce() + 'static) {
    let holder = document().create_element("div").expect("a div can be made");
    let _ = holder.set_attribute("id", "glance");
    let _ = holder.set_attribute("aria-busy", "true");
    if let Some(skeleton) = document().get_element_by_id("skeleton") {
        skeleton.remove();
    }
    if let Some(body) = document().body() {
        let _ = body.append_child(&holder);
    }
    let state = coffee_chat::state::AppState::at_a_glance(glance);
    let glimpse = mount_to(holder.clone().unchecked_into(), move || {
        view! { <coffee_chat::ui::TodayAtAGlance state /> }
    });
    // Today is to look at until the app takes its place; a tap on the
    // navigation is kept for the app.
    if let Ok(Some(today)) = holder.query_selector("main") {
        let _ = today.set_attribute("inert", "");
    }
    coffee_chat::pwa::after_next_paint(move || {
        coffee_chat::open_state_in_steps(Box::new(move |state, held| {
            let then = Box::new(move || drop(glimpse));
            mount_app(state, held, Box::new(follow_tap), Some(holder), then);
        }));
    });
}

/// Builds the app over the first screen `shown` (the static one in
/// index.html, or Today drawn from its glance): the app's screen takes the
/// place of its main at once, and the rest of it, the navigation, stays
/// until the app's own is built (see [`coffee_chat::ui::App`]); then
/// `then` runs. A tap kept from the first screen (`follow_tap`) opens its
/// screen, and the changes other tabs made while the records were read
/// reach the app as soon as it listens.
fn mount_app(
    state: coffee_chat::state::AppState,
    held: coffee_chat::storage::HeldChanges,
    follow_tap: Box<dyn FnOnce()>,
    shown: Option<web_sys::Element>,
    then: Box<dyn FnOnce()>,
) {
    follow_tap();
    if let Some(main) = shown
        .as_ref()
        .and_then(|s| s.query_selector("main").ok().flatten())
    {
        main.remove();
    }
    let first_screen_gone = Box::new(move || {
        if let Some(shown) = shown {
            shown.remove();
        }
        then();
    });
    mount_to_body(move || view! { <coffee_chat::ui::App state first_screen_gone /> });
    held.send_again();
}
