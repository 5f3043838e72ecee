//! The Prepare screen: a chat's goal and research, its questions from the
//! bank or the person's own, and its checklist.

use leptos::prelude::*;

use crate::domain::asks::Setting;
use crate::domain::calendar::short_date;
use crate::domain::chat::{Chat, ChatId};
use crate::domain::insights::{asked_of_person, question_key};
use crate::domain::prep::{
    avoid_matches, built_in_questions, guidance, mix_advice, progress, ChecklistGroup,
    ChecklistItem, QuestionCategory,
};
use crate::domain::words::fold;
use crate::i18n::{fill, t};
use crate::state::{local_date, use_app, ChatDraft, ChatText, TextTarget};
use crate::ui::components::{AutosaveField, ReorderButtons};
use crate::ui::router::Screen;

#[component]
pub fn PreparePage(id: ChatId) -> impl IntoView {
    super::chat_route(id, |chat, initial| {
        view! { <Prepare chat initial /> }.into_any()
    })
}

#[component]
fn Prepare(chat: Memo<Option<Chat>>, initial: Chat) -> impl IntoView {
    let app = use_app();
    let id = initial.id.clone();
    let person = app.person(&initial.person_id);
    let name = person.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let organisation = person.map(|p| p.organisation).unwrap_or_default();
    super::set_title(&fill(t().prepare_title(), &[("name", &name)]));

    view! {
        <h1>{fill(t().prepare_heading(), &[("name", &name)])}</h1>
        <p class="muted">
            {t().prepare_saved_as_you_type()}
            <a href=Screen::Chat(id.clone()).href()>{t().prepare_back_to_the_chat()}</a>
        </p>
        <section class="card form" aria-labelledby="goal-heading">
            <h2 id="goal-heading">{t().prepare_goal_and_research()}</h2>
            <div class="field">
                <label for="prep-goal">{t().prepare_what_i_want_to()}</label>
                <AutosaveField id="prep-goal" target=TextTarget::Chat(id.clone(), ChatText::Goal) />
            </div>
            <div class="field">
                <label for="prep-research">{t().prepare_research_notes()}</label>
                <AutosaveField
                    id="prep-research"
                    rows=6
                    target=TextTarget::Chat(id.clone(), ChatText::Research)
                />
            </div>
        </section>
        <Questions id=id.clone() chat name=name.clone() organisation />
        <QuestionBank id=id.clone() chat />
        <Checklist id chat />
    }
}

#[component]
fn Questions(
    id: ChatId,
    chat: Memo<Option<Chat>>,
    name: String,
    organisation: String,
) -> impl IntoView {
    let app = use_app();
    let questions = Memo::new(move |_| {
        chat.with(|c| c.as_ref().map(|c| c.questions.clone()).unwrap_or_default())
    });
    let length = Memo::new(move |_| chat.with(|c| c.as_ref().map_or(10, |c| c.length_minutes)));
    let advice = move || {
        let count = questions.with(Vec::len);
        guidance(count, length.get()).message(count, length.get())
    };
    let mix = move || questions.with(|list| mix_advice(list, &name, &organisation));
    // What is typed is a saved draft of this chat's until Add moves it.
    let draft_key = ChatDraft::Question.key(&id);
    let own_question = TextTarget::Draft(draft_key.clone());
    let draft = app.watch_text(own_question.clone());
    let category = RwSignal::new(QuestionCategory::Own);
    let save_to_bank = RwSignal::new(false);
    let warnings = move || {
        app.asks_loaded.track();
        draft.with(|text| {
            avoid_matches(text)
                .into_iter()
                .map(|rule| {
                    let why = rule.why_in(text, Setting::Question);
                    view! {
                        <p class="notice notice-warning">
                            <span>
                                <strong>{fill(t().prepare_best_left_out(), &[("topic", &rule.topic())])}</strong>
                                " "
                                {why}
                                " "
                                {fill(t().prepare_instead(), &[("instead", &rule.instead())])}
                            </span>
                        </p>
                    }
                })
                .collect_view()
        })
    };
    let add = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (category, to_bank) = (category.get_untracked(), save_to_bank.get_untracked());
            app.act(|w| {
                w.commit_draft(&draft_key, |w, text| {
                    w.add_question(&id, category, text, to_bank)
                })
            });
        }
    };
    let rows = {
        let id = id.clone();
        move || {
            let list = questions.get();
            let last = list.len().saturating_sub(1);
            list.into_iter()
                .enumerate()
                .map(|(index, question)| {
                    let (up_id, remove_id) = (id.clone(), id.clone());
                    let question_id = question.id.clone();
                    view! {
                        <li class="question-row">
                            <span class="question-text">
                                {question.text.clone()}
                                <span class="muted category">{question.category.label()}</span>
                            </span>
                            <ReorderButtons
                                text=question.text.clone()
                                index
                                last
                                on_move=Callback::new(move |up| {
                                    app.act(|w| w.move_question(&up_id, index, up));
                                })
                                on_remove=Callback::new(move |()| {
                                    app.act(|w| w.remove_question(&remove_id, &question_id));
                                })
                            />
                        </li>
                    }
                })
                .collect_view()
        }
    };

    view! {
        <section class="card" aria-labelledby="questions-heading">
            <h2 id="questions-heading">{t().prepare_my_questions()}</h2>
            <p aria-live="polite" class="guidance">{advice}</p>
            <p aria-live="polite" class="question-mix">{mix}</p>
            <ol class="questions">{rows}</ol>
            <form class="form" on:submit=add>
                <div class="field">
                    <label for="own-question">{t().prepare_write_your_own_question()}</label>
                    <AutosaveField target=own_question id="own-question" />
                </div>
                <div role="status">{warnings}</div>
                <div class="field">
                    <label for="own-category">{t().prepare_category()}</label>
                    <select
                        id="own-category"
                        on:change=move |ev| {
                            if let Some(c) = QuestionCategory::from_slug(&event_target_value(&ev)) {
                                category.set(c);
                            }
                        }
                    >
                        {QuestionCategory::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.slug() selected=c == QuestionCategory::Own>{c.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=move || save_to_bank.get()
                        on:change=move |ev| save_to_bank.set(event_target_checked(&ev))
                    />
                    {t().prepare_also_save_it_to()}
                </label>
                <button type="submit" class="button button-primary">{t().prepare_add_question()}</button>
            </form>
        </section>
    }
}

#[component]
fn QuestionBank(id: ChatId, chat: Memo<Option<Chat>>) -> impl IntoView {
    let app = use_app();
    let filter = RwSignal::new(None::<QuestionCategory>);
    let search = RwSignal::new(String::new());
    let built_in = StoredValue::new(built_in_questions());
    // Asked of this same person in another chat: worth not asking twice.
    let asked_before = {
        let id = id.clone();
        Memo::new(move |_| {
            let person = chat.with(|c| c.as_ref().map(|c| c.person_id.clone()));
            person.map_or_else(Default::default, |person| {
                app.chats.with(|chats| asked_of_person(&person, &id, chats))
            })
        })
    };
    let shown = Memo::new(move |_| {
        let words = fold(&search.get());
        let wanted = filter.get();
        let own = app.settings.with(|s| s.own_questions.clone());
        let planned: Vec<String> = chat.with(|c| {
            c.as_ref()
                .map(|c| c.questions.iter().map(|q| fold(&q.text)).collect())
                .unwrap_or_default()
        });
        built_in.with_value(|bank| {
            own.iter()
                .map(|q| (q.clone(), true))
                .chain(bank.iter().map(|q| (q.clone(), false)))
                .filter(|(q, _)| q.found_by(wanted, &words))
                .map(|(q, mine)| {
                    let added = planned.contains(&fold(&q.text));
                    let before =
                        asked_before.with(|asked| asked.get(&question_key(&q.text)).copied());
                    (q, mine, added, before)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" aria-labelledby="bank-heading">
            <h2 id="bank-heading">{t().prepare_question_bank()}</h2>
            <p class="muted">
                {t().prepare_grouped_by_tiara_trends()}
            </p>
            <div class="field">
                <label for="bank-category">{t().prepare_show_category()}</label>
                <select
                    id="bank-category"
                    on:change=move |ev| filter.set(QuestionCategory::from_slug(&event_target_value(&ev)))
                >
                    <option value="">{t().prepare_all_categories()}</option>
                    {QuestionCategory::ALL
                        .into_iter()
                        .map(|c| view! { <option value=c.slug()>{c.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="bank-search">{t().prepare_search_the_bank()}</label>
                <input
                    id="bank-search"
                    type="search"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            <ul class="bank">
                {move || {
                    let id = id.clone();
                    shown
                        .get()
                        .into_iter()
                        .map(|(question, mine, added, before)| {
                            let before = before.map(|met| match met {
                                Some(at) => fill(
                                    t().prepare_asked_already_on(),
                                    &[("date", &short_date(local_date(at)))],
                                ),
                                None => t().prepare_asked_already().to_string(),
                            });
                            let add_id = id.clone();
                            let to_add = question.clone();
                            let remove_text = question.text.clone();
                            view! {
                                <li class="question-row">
                                    <span class="question-text">
                                        {question.text.clone()}
                                        <span class="muted category">
                                            {question.category.label()}
                                            {mine.then_some(t().prepare_saved_by_you())}
                                            {before.map(|text| view! { <strong class="asked-before">{text}</strong> })}
                                        </span>
                                    </span>
                                    <span class="row-actions">
                                        <button
                                            type="button"
                                            class="button"
                                            disabled=added
                                            aria-label=if added {
                                                fill(t().prepare_added_question(), &[("question", &question.text)])
                                            } else {
                                                fill(t().prepare_add_question_named(), &[("question", &question.text)])
                                            }
                                            on:click=move |_| {
                                                app.act(|w| w.add_bank_question(&add_id, &to_add));
                                            }
                                        >
                                            {if added { t().prepare_added() } else { t().prepare_add() }}
                                        </button>
                                        {mine.then(|| view! {
                                            <button
                                                type="button"
                                                class="button button-quiet"
                                                aria-label=fill(t().prepare_remove_from_bank(), &[("question", &remove_text)])
                                                on:click=move |_| {
                                                    app.act(|w| w.remove_from_bank(&remove_text));
                                                }
                                            >
                                                {t().prepare_remove()}
                                            </button>
                                        })}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

#[component]
fn Checklist(id: ChatId, chat: Memo<Option<Chat>>) -> impl IntoView {
    let app = use_app();
    let items = Memo::new(move |_| {
        chat.with(|c| c.as_ref().map(|c| c.checklist.clone()).unwrap_or_default())
    });
    let ready = move || {
        let (done, total) = items.with(|i| progress(i));
        fill(t().prepare_ready(), &[("done", &done), ("total", &total)])
    };
    // What is typed is a saved draft of this chat's until Add moves it.
    let draft_key = ChatDraft::ChecklistItem.key(&id);
    let own_item = TextTarget::Draft(draft_key.clone());
    let add = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            app.act(|w| w.commit_draft(&draft_key, |w, text| w.add_checklist_item(&id, text)));
        }
    };
    // Rows are rebuilt when items are added or removed, not when one is
    // ticked, so keyboard focus stays on the box just ticked.
    let rows = Memo::new(move |_| {
        items.with(|items| {
            items
                .iter()
                .map(|i| ChecklistItem {
                    done: false,
                    ..i.clone()
                })
                .collect::<Vec<_>>()
        })
    });
    let groups = move || {
        let all_rows = rows.get();
        [ChecklistGroup::TEMPLATE_GROUPS.as_slice(), &[ChecklistGroup::Own]]
            .concat()
            .into_iter()
            .filter_map(|group| {
                let in_group: Vec<ChecklistItem> = all_rows.iter().filter(|i| i.group == group).cloned().collect();
                if group.at_the_table() && !in_group.is_empty() {
                    return Some(view! {
                        <h3>{group.label()}</h3>
                        <p class="muted">{t().prepare_reminders_for_the_meeting()}</p>
                        <ul class="reminders">
                            {in_group.into_iter().map(|item| view! { <li>{item.text}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any());
                }
                (!in_group.is_empty()).then(|| {
                    let id = id.clone();
                    view! {
                        <h3>{group.label()}</h3>
                        <ul class="checklist">
                            {in_group
                                .into_iter()
                                .map(|item| {
                                    let (tick_id, remove_id) = (id.clone(), id.clone());
                                    let (item_id, remove_item) = (item.id.clone(), item.id.clone());
                                    view! {
                                        <li>
                                            <label class="checkbox">
                                                <input
                                                    type="checkbox"
                                                    prop:checked={
                                                        let item_id = item.id.clone();
                                                        move || items.with(|all| all.iter().any(|i| i.id == item_id && i.done))
                                                    }
                                                    on:change=move |ev| {
                                                        let done = event_target_checked(&ev);
                                                        app.act(|w| w.tick_checklist_item(&tick_id, &item_id, done));
                                                    }
                                                />
                                                {item.text.clone()}
                                            </label>
                                            {(group == ChecklistGroup::Own).then(|| view! {
                                                <button
                                                    type="button"
                                                    class="button button-quiet"
                                                    aria-label=fill(t().prepare_remove_item(), &[("item", &item.text)])
                                                    on:click=move |_| {
                                                        app.act(|w| w.remove_checklist_item(&remove_id, &remove_item));
                                                    }
                                                >
                                                    {t().prepare_remove()}
                                                </button>
                                            })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                })
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="checklist-heading">
            <h2 id="checklist-heading">{t().prepare_checklist()}</h2>
            <p aria-live="polite">{ready}</p>
            {groups}
            <form class="form" on:submit=add>
                <div class="field">
                    <label for="own-item">{t().prepare_add_an_item_for()}</label>
                    <AutosaveField target=own_item id="own-item" />
                </div>
                <button type="submit" class="button">{t().prepare_add_item()}</button>
            </form>
        </section>
    }
}
