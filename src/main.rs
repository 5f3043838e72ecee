fn main() {
    coffee_chat::show_crash_message();
    let state = coffee_chat::open_state();
    // The static skeleton in index.html painted while the wasm loaded.
    if let Some(skeleton) = leptos::prelude::document().get_element_by_id("skeleton") {
        skeleton.remove();
    }
    leptos::mount::mount_to_body(move || leptos::view! { <coffee_chat::ui::App state /> });
}
