use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    super::set_title("Not found");
    view! {
        <h1>"Page not found"</h1>
        <p>"There is nothing at this address."</p>
        <p>
            <a href="/" class="button">"Go to Today"</a>
        </p>
    }
}
