//! A text box that saves through the one save path as it is typed and
//! follows the stored text, changed here or in another tab.

use leptos::prelude::*;

use crate::state::{use_app, TextTarget};

/// A text box saved through the one autosave path. It follows the stored
/// text, so a change made in another tab shows here, but never echoes its
/// own typing back into itself (which would move the cursor or undo a
/// space that storage trims).
#[component]
pub fn AutosaveField(
    target: TextTarget,
    /// The element's id, for its `<label for>`.
    #[prop(optional, into)]
    id: Option<String>,
    /// A textarea with this many rows; a one-line input when absent.
    #[prop(optional)]
    rows: Option<u32>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] aria_label: Option<String>,
    #[prop(optional, into)] described_by: Option<String>,
    /// Receives the message when the input is refused, `None` when accepted.
    #[prop(optional)]
    error: Option<RwSignal<Option<String>>>,
) -> impl IntoView {
    let app = use_app();
    let stored = app.watch_text(target.clone());
    let shown = StoredValue::new(stored.get_untracked());
    let display = RwSignal::new(stored.get_untracked());
    Effect::new(move |_| {
        let value = stored.get();
        if shown.get_value() != value {
            shown.set_value(value.clone());
            display.set(value);
        }
    });
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        let result = app.type_text(&target, &text);
        shown.set_value(stored.get_untracked());
        if let Some(error) = error {
            error.set(result.err());
        }
    };
    let invalid = move || error.and_then(|e| e.with(Option::is_some).then_some("true"));
    match rows {
        Some(rows) => view! {
            <textarea
                id=id
                rows=rows.to_string()
                aria-label=aria_label
                aria-describedby=described_by
                aria-invalid=invalid
                prop:value=move || display.get()
                on:input=on_input
            ></textarea>
        }
        .into_any(),
        None => view! {
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                aria-label=aria_label
                aria-describedby=described_by
                aria-invalid=invalid
                prop:value=move || display.get()
                on:input=on_input
            />
        }
        .into_any(),
    }
}
