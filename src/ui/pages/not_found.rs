//! The screen for an address the app does not know: a plain message and
//! a way back to Today, never an empty page.

use leptos::prelude::*;

use crate::i18n::t;
use crate::ui::router::Screen;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    super::set_title(t().notfound_title());
    view! {
        <h1>{t().notfound_page_not_found()}</h1>
        <p>{t().notfound_there_is_nothing_at()}</p>
        <p>
            <a href=Screen::TODAY class="button">{t().notfound_go_to_today()}</a>
        </p>
    }
}
