//! The bottom navigation: five destinations, the current one marked, and
//! the queue's count of what is due.

use leptos::prelude::*;

use crate::i18n::{fill, t};
use crate::state::use_app;
use crate::ui::router::{use_router, Screen};

/// The five destinations, always one thumb-tap away at the bottom.
#[component]
pub fn BottomNav() -> impl IntoView {
    let app = use_app();
    // Overdue and due today, as a badge on the queue.
    let due = Memo::new(move |_| app.due_count(app.today()));
    view! {
        <nav class="bottom-nav" aria-label=t().nav_main()>
            <NavLink href=Screen::TODAY exact=true>
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <circle cx="12" cy="12" r="4" />
                    <path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1" />
                </svg>
                <span>{t().nav_today()}</span>
            </NavLink>
            <NavLink href=Screen::PEOPLE>
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <circle cx="9" cy="8" r="3.5" />
                    <path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6" />
                    <circle cx="17" cy="9" r="2.5" />
                    <path d="M16 14.2c3 .2 5.5 2.3 5.5 5.3" />
                </svg>
                <span>{t().nav_people()}</span>
            </NavLink>
            <NavLink href=Screen::QUEUE>
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M4 6h16M4 12h16M4 18h10" />
                </svg>
                <span>{t().nav_queue()}</span>
                {move || {
                    let count = due.get();
                    (count > 0)
                        .then(|| {
                            view! {
                                <span class="badge" aria-hidden="true">{count}</span>
                                <span class="sr-only">{fill(t().nav_queue_due(), &[("n", &count)])}</span>
                            }
                        })
                }}
            </NavLink>
            <NavLink href=Screen::INSIGHTS>
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M4 20V13M10 20V8M16 20v-5M22 20V4M2 20h20" />
                </svg>
                <span>{t().nav_insights()}</span>
            </NavLink>
            <NavLink href=Screen::SETTINGS>
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <circle cx="12" cy="12" r="3" />
                    <path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1" />
                </svg>
                <span>{t().nav_settings()}</span>
            </NavLink>
        </nav>
    }
}

/// A destination, marked as the current page while any screen inside it is
/// open (`exact`: only itself).
#[component]
fn NavLink(href: &'static str, #[prop(optional)] exact: bool, children: Children) -> impl IntoView {
    let router = use_router();
    let current = Memo::new(move |_| router.is_current(href, exact));
    view! {
        <a href=href aria-current=move || current.get().then_some("page")>
            {children()}
        </a>
    }
}
