//! The editor of the checklist template that new chats copy, in
//! Settings.

use leptos::prelude::*;

use crate::domain::prep::ChecklistGroup;
use crate::i18n::{fill, t};
use crate::state::{use_app, TextTarget};
use crate::ui::components::{AutosaveField, ReorderButtons};

/// The checklist every new chat copies: rename, reorder, remove, add, or
/// go back to the built-in one. Chats already planned keep their copy.
#[component]
pub fn TemplateEditor() -> impl IntoView {
    let app = use_app();
    // Rebuilt when items are added, removed or moved; not on renames, so
    // an input keeps its cursor while the user types.
    let shape = Memo::new(move |_| {
        app.settings.with(|s| {
            s.checklist_template
                .iter()
                .map(|i| (i.id.clone(), i.group))
                .collect::<Vec<_>>()
        })
    });
    let new_group = RwSignal::new(ChecklistGroup::Research);
    // A saved draft until Add moves it into the template.
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let group = new_group.get_untracked();
        let _ =
            app.try_run(|w| w.commit_draft(NEW_ITEM, |w, text| w.add_template_item(group, text)));
    };
    let rows = move || {
        let shape = shape.get();
        let shape = &shape;
        let last = shape.len().saturating_sub(1);
        shape
            .iter()
            .enumerate()
            .map(|(index, (id, group))| {
                let (id, group) = (id.clone(), *group);
                // Numbered within the group, so a label stays put when
                // other groups change.
                let number = shape[..index].iter().filter(|(_, g)| *g == group).count() + 1;
                let text = app.settings.with_untracked(|s| {
                    s.checklist_template
                        .iter()
                        .find(|i| i.id == id)
                        .map(|i| i.text.clone())
                        .unwrap_or_default()
                });
                let remove_id = id.clone();
                view! {
                    <li class="template-row">
                        <AutosaveField
                            aria_label=fill(t().template_item(), &[("group", &group.label()), ("n", &number)])
                            target=TextTarget::TemplateItem(id)
                        />
                        <ReorderButtons
                            text
                            index
                            last
                            on_move=Callback::new(move |up| {
                                app.act(|w| w.move_template_item(index, up));
                            })
                            on_remove=Callback::new(move |()| {
                                app.act(|w| w.remove_template_item(&remove_id));
                            })
                        />
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="template-heading">
            <h2 id="template-heading">{t().template_checklist_for_new_chats()}</h2>
            <p class="muted">{t().template_each_new_chat_gets()}</p>
            <ol class="template">{rows}</ol>
            <form class="form" on:submit=add>
                <div class="field">
                    <label for="template-new">{t().template_new_item()}</label>
                    <AutosaveField target=TextTarget::Draft(NEW_ITEM.into()) id="template-new" />
                </div>
                <div class="field">
                    <label for="template-group">{t().template_group()}</label>
                    <select
                        id="template-group"
                        on:change=move |ev| {
                            if let Some(group) = ChecklistGroup::from_slug(&event_target_value(&ev)) {
                                new_group.set(group);
                            }
                        }
                    >
                        {ChecklistGroup::TEMPLATE_GROUPS
                            .into_iter()
                            .map(|g| view! { <option value=g.slug()>{g.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="actions">
                    <button type="submit" class="button button-primary">{t().template_add_to_checklist()}</button>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            app.act(|w| w.restore_template());
                        }
                    >
                        {t().template_restore_the_built_in()}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The draft box of a new template item.
const NEW_ITEM: &str = "new-checklist-item";
