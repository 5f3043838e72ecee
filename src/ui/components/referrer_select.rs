//! The "Introduced by" menu: who introduced a person, among the others on
//! the list.

use leptos::prelude::*;

use crate::domain::person::{names_in_order, PersonId};
use crate::i18n::t;
use crate::state::use_app;

/// Chooses who introduced a person, among the others on the list.
#[component]
pub fn ReferrerSelect(
    field_id: &'static str,
    exclude: Option<PersonId>,
    selected: Option<PersonId>,
    on_change: Callback<Option<PersonId>>,
) -> impl IntoView {
    let app = use_app();
    // The options are rebuilt when a name changes; they must keep showing
    // the latest choice, not the one the select started with.
    let current = StoredValue::new(selected);
    // A year of contacts is hundreds of options: the screen opens with the
    // current choice alone, and the rest come as the menu is reached (a
    // tap's pointerdown or focus, both before a phone shows its picker).
    let reached = RwSignal::new(false);
    let choices = Memo::new(move |_| {
        app.people
            .with(|people| names_in_order(people, exclude.as_ref()))
    });
    view! {
        <div class="field">
            <label for=field_id>{t().referrer_introduced_by()}</label>
            <select
                id=field_id
                on:pointerdown=move |_| reached.set(true)
                on:focus=move |_| reached.set(true)
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let choice = (!value.is_empty()).then_some(PersonId(value));
                    current.set_value(choice.clone());
                    on_change.run(choice);
                }
            >
                <option value="" selected=current.with_value(Option::is_none)>
                    {t().referrer_no_one_on_my()}
                </option>
                {move || {
                    let selected = current.get_value();
                    let listed = if reached.get() {
                        choices.get()
                    } else {
                        selected
                            .iter()
                            .filter_map(|id| Some((id.clone(), app.person(id)?.name)))
                            .collect()
                    };
                    listed
                        .into_iter()
                        .map(|(id, name)| {
                            let is_selected = Some(&id) == selected.as_ref();
                            view! {
                                <option value=id.0 selected=is_selected>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
