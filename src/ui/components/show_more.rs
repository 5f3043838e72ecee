//! "Show more" under a long list: a tap, or scrolling near it, draws the
//! next rows.

use leptos::prelude::*;

use crate::i18n::fill;

/// The button under a long list that shows its next `step` items. It also
/// does so by itself when scrolled near, so that reading on needs no tap;
/// `label` has `{count}` (how many it adds) and `{hidden}` (how many wait).
pub fn show_more(
    shown: RwSignal<usize>,
    total: impl Fn() -> usize + Send + Sync + 'static,
    step: usize,
    label: &'static str,
) -> impl IntoView {
    let more = move || shown.update(|n| *n += step);
    move || {
        let hidden = total().saturating_sub(shown.get());
        (hidden > 0).then(|| {
            let button = NodeRef::<leptos::html::Button>::new();
            button.on_load(move |button| crate::pwa::when_near_screen(&button, more));
            view! {
                <button type="button" class="button" node_ref=button on:click=move |_| more()>
                    {fill(label, &[("count", &hidden.min(step)), ("hidden", &hidden)])}
                </button>
            }
        })
    }
}
