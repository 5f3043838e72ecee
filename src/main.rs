fn main() {
    coffee_chat::show_crash_message();
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
