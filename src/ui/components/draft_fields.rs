//! A draft's subject and message, edited in place: the fields a composer
//! shows, which saves each change through `on_edit`.

use leptos::prelude::*;

use crate::domain::message::Draft;
use crate::i18n::t;

/// The subject and message of a draft, edited in place; `on_edit` runs
/// after each change (the chat's composer saves there).
#[component]
pub fn DraftFields(
    draft: RwSignal<Draft>,
    /// Makes the fields' ids unique on the page.
    prefix: String,
    rows: u32,
    #[prop(optional)] on_edit: Option<Callback<()>>,
) -> impl IntoView {
    let edited = move || {
        if let Some(on_edit) = on_edit {
            on_edit.run(());
        }
    };
    view! {
        <div class="field">
            <label for=format!("{prefix}-subject")>{t().draft_subject()}</label>
            <input
                id=format!("{prefix}-subject")
                type="text"
                prop:value=move || draft.with(|d| d.subject.clone())
                on:input=move |ev| {
                    draft.update(|d| d.subject = event_target_value(&ev));
                    edited();
                }
            />
        </div>
        <div class="field">
            <label for=format!("{prefix}-body")>{t().draft_message()}</label>
            <textarea
                id=format!("{prefix}-body")
                rows=rows.to_string()
                prop:value=move || draft.with(|d| d.body.clone())
                on:input=move |ev| {
                    draft.update(|d| d.body = event_target_value(&ev));
                    edited();
                }
            ></textarea>
        </div>
    }
}
