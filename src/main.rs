use coffee_chat::i18n::{start_in, Lang};

fn main() {
    coffee_chat::show_crash_message();
    // public/first-paint.js chose the language before the first paint.
    let french = leptos::prelude::document()
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
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
}

fn start() {
    let state = coffee_chat::open_state();
    // Two tasks, not one: compiling the wasm and opening the store, then
    // building the first screen. Each is shorter than the two together,
    // and a tap that comes between them is not held up by both.
    coffee_chat::pwa::in_next_task(move || {
        // The static skeleton in index.html stays until the app replaces it.
        if let Some(skeleton) = leptos::prelude::document().get_element_by_id("skeleton") {
            skeleton.remove();
        }
        leptos::mount::mount_to_body(move || leptos::view! { <coffee_chat::ui::App state /> });
    });
}
