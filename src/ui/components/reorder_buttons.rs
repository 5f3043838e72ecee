//! Move up, move down and remove for a row of an ordered list, each named
//! after the row.

use crate::i18n::{fill, t};
use leptos::prelude::*;

/// Up, down and remove for one row of an ordered list, named after the
/// row so each button says which item it acts on.
#[component]
pub fn ReorderButtons(
    text: String,
    index: usize,
    last: usize,
    /// Called with `true` to move up, `false` to move down.
    on_move: Callback<bool>,
    on_remove: Callback<()>,
) -> impl IntoView {
    view! {
        <span class="row-actions">
            <button
                type="button"
                class="button icon"
                aria-label=fill(t().reorder_up(), &[("text", &text)])
                disabled=index == 0
                on:click=move |_| on_move.run(true)
            >
                "↑"
            </button>
            <button
                type="button"
                class="button icon"
                aria-label=fill(t().reorder_down(), &[("text", &text)])
                disabled=index == last
                on:click=move |_| on_move.run(false)
            >
                "↓"
            </button>
            <button
                type="button"
                class="button icon"
                aria-label=fill(t().reorder_remove(), &[("text", &text)])
                on:click=move |_| on_remove.run(())
            >
                "✕"
            </button>
        </span>
    }
}
