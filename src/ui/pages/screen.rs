//! What every screen shares: its title in the tab, and the plain message
//! for a chat that is gone.

use leptos::prelude::*;

use crate::domain::chat::{Chat, ChatId};
use crate::i18n::t;
use crate::ui::router::Screen;

/// Names the screen in the tab, history and screen readers' announcements.
pub(super) fn set_title(screen: &str) {
    document().set_title(&format!("{screen} · Coffee Chat"));
}

/// The chat named in the address (`/chats/:id…`), watched and as it was on
/// arrival, or a plain message when there is none (deleted with its
/// person, or a mistyped link).
pub(super) fn chat_route(
    id: ChatId,
    render: impl Fn(Memo<Option<Chat>>, Chat) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let chat = crate::state::use_app().watch_chat(id);
    let present = Memo::new(move |_| chat.with(Option::is_some));
    move || match present.get().then(|| chat.get_untracked()).flatten() {
        Some(initial) => render(chat, initial),
        None => {
            set_title(t().route_chat_not_found_title());
            view! {
                <h1>{t().route_chat_not_found()}</h1>
                <p>{t().route_this_chat_is_not()}</p>
                <p>
                    <a href=Screen::PEOPLE class="button">{t().route_back_to_people()}</a>
                </p>
            }
            .into_any()
        }
    }
}
