//! What every screen shares: its title in the tab, and the plain message
//! for a chat that is gone.

use crate::i18n::t;

/// Names the screen in the tab, history and screen readers' announcements.
pub(super) fn set_title(screen: &str) {
    leptos::prelude::document().set_title(&format!("{screen} · Coffee Chat"));
}

/// The chat named in the address (`/chats/:id…`), or a plain message when
/// there is none (deleted with its person, or a mistyped link).
pub(super) fn chat_route(
    id: crate::domain::chat::ChatId,
    render: impl Fn(crate::domain::chat::ChatId) -> leptos::prelude::AnyView + Send + Sync + 'static,
) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let app = crate::state::use_app();
    let present = Memo::new(move |_| {
        Some(id.clone()).filter(|id| app.chats.with(|chats| chats.iter().any(|c| &c.id == id)))
    });
    move || match present.get() {
        Some(id) => render(id),
        None => {
            set_title(t().route_chat_not_found_title());
            view! {
                <h1>{t().route_chat_not_found()}</h1>
                <p>{t().route_this_chat_is_not()}</p>
                <p>
                    <a href="/people" class="button">{t().route_back_to_people()}</a>
                </p>
            }
            .into_any()
        }
    }
}
