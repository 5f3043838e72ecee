use leptos::prelude::*;

#[component]
pub fn QueuePage() -> impl IntoView {
    super::set_title("Queue");
    view! {
        <h1>"Follow-ups"</h1>
        <section class="card empty">
            <p>"Nothing to follow up yet."</p>
            <p class="muted">
                "After each chat, this queue lists what you owe and when: a thank-you within a day, a LinkedIn connection, the people they suggested, an update on their advice, and a keep-in-touch note months later."
            </p>
        </section>
    }
}
