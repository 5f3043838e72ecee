//! A person's screen: every field saved as typed, their chats, who
//! introduced them and whom they introduced, and their organisation's target.

use leptos::prelude::*;

use crate::domain::targets::Score;

use crate::domain::calendar::{short_date, short_date_time};
use crate::domain::chat::{self, stage_of_person};
use crate::domain::followup;
use crate::domain::message::{mailto_address, tel, web_link};
use crate::domain::person::{introduced_by, Person, PersonField, PersonId};
use crate::i18n::{fill, t};
use crate::state::{local_date, use_app, TextTarget};
use crate::ui::components::{AutosaveField, FollowUpItem, ReferrerSelect, StageBadge};
use crate::ui::router::{add_person_with, use_router, Screen};

#[component]
pub fn PersonPage(id: PersonId) -> impl IntoView {
    let app = use_app();
    // Rebuild the editor only when the person appears or disappears, never
    // on the edits it makes itself: its inputs hold what is being typed.
    let present = Memo::new(move |_| {
        Some(id.clone()).filter(|id| app.people.with(|people| people.iter().any(|p| &p.id == id)))
    });

    move || match present.get().and_then(|id| app.person(&id)) {
        Some(person) => view! { <PersonEditor person /> }.into_any(),
        None => {
            super::set_title(t().person_not_found_title());
            view! {
                <h1>{t().person_person_not_found()}</h1>
                <p>{t().person_this_person_is_not()}</p>
                <p>
                    <a href=Screen::PEOPLE class="button">
                        {t().person_back_to_people()}
                    </a>
                </p>
            }
            .into_any()
        }
    }
}

#[component]
fn PersonEditor(person: Person) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let id = person.id.clone();
    super::set_title(&person.name);
    let current = app.watch_person(id.clone());
    let name = move || current.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let stage = {
        let id = id.clone();
        Memo::new(move |_| app.chats.with(|chats| stage_of_person(&id, chats)))
    };

    let delete = {
        let id = id.clone();
        move |_| {
            if app.try_run(|w| w.delete_person(&id)).is_ok() {
                router.go(Screen::PEOPLE);
            }
        }
    };
    let set_referrer = {
        let id = id.clone();
        Callback::new(move |referrer: Option<PersonId>| {
            app.act(|w| w.set_introduced_by(&id, referrer));
        })
    };
    let field = |field: PersonField, label: &'static str, kind: &'static str| {
        view! { <FieldInput id=id.clone() field label kind /> }
    };

    view! {
        <div class="page-head">
            <h1>{name}</h1>
            {move || view! { <StageBadge stage=stage.get() /> }}
        </div>
        <Connections current />
        <PersonChats id=id.clone() />
        <p class="muted">{t().person_changes_are_saved_as()}</p>
        <form class="card form" on:submit=|ev| ev.prevent_default() novalidate>
            {field(PersonField::Name, t().person_field_name(), "text")}
            {field(PersonField::Role, t().person_field_role(), "text")}
            {field(PersonField::Organisation, t().person_field_organisation(), "text")}
            {field(PersonField::Field, t().person_field_field(), "text")}
            <ReferrerSelect
                field_id="person-referrer"
                exclude=Some(id.clone())
                selected=person.introduced_by.clone()
                on_change=set_referrer
            />
            {field(PersonField::Connection, t().person_field_connection(), "text")}
            {field(PersonField::Email, t().person_field_email(), "email")}
            {field(PersonField::Phone, t().person_field_phone(), "tel")}
            {field(PersonField::Linkedin, t().person_field_linkedin(), "url")}
            {field(PersonField::Tags, t().person_field_tags(), "text")}
            {field(PersonField::Notes, t().person_field_notes(), "textarea")}
        </form>
        <OrganisationTarget current />
        <section class="card">
            <h2>{t().person_introduced_by_them()}</h2>
            <IntroducedByThem id=id.clone() />
            <a href=add_person_with("introduced_by", &id.0) class="button">
                {t().person_add_someone_they_introduced()}
            </a>
        </section>
        <div class="actions">
            <a href=Screen::PEOPLE class="button">
                {t().person_back_to_people()}
            </a>
            <button type="button" class="button button-danger" on:click=delete>
                {t().person_delete_person()}
            </button>
        </div>
    }
}

/// One text field, validated and saved as typed. Invalid input stays in
/// the box with a message and is not saved.
#[component]
fn FieldInput(
    id: PersonId,
    field: PersonField,
    label: &'static str,
    kind: &'static str,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let input_id = format!("person-{field:?}").to_lowercase();
    let error_id = format!("{input_id}-error");
    let autocomplete = match field {
        PersonField::Name => "name",
        PersonField::Email => "email",
        PersonField::Phone => "tel",
        PersonField::Organisation => "organization",
        PersonField::Role => "organization-title",
        _ => "off",
    };
    let target = TextTarget::Person(id, field);
    let control = if kind == "textarea" {
        view! { <AutosaveField target id=input_id.clone() rows=5 described_by=error_id.clone() error /> }
    } else {
        view! { <AutosaveField target id=input_id.clone() kind autocomplete described_by=error_id.clone() error /> }
    };
    view! {
        <div class="field">
            <label for=input_id>{label}</label>
            {control}
            <p id=error_id class="field-error">
                {move || error.get()}
            </p>
        </div>
    }
}

/// The target this person's organisation names, or a way to make it one.
#[component]
fn OrganisationTarget(current: Memo<Option<Person>>) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    move || {
        let person = current
            .get()
            .filter(|p| !p.organisation.trim().is_empty())?;
        let target = app
            .targets
            .with(|all| crate::domain::targets::target_of(all, &person).cloned());
        Some(match target {
            Some(target) => {
                let scores = super::targets::scores(
                    target.score(Score::Motivation),
                    target.score(Score::Postings),
                );
                view! {
                <p class="person-target">
                    {t().person_target_open()} " "
                    <a href=Screen::Target(target.id.clone()).href()>{target.name}</a>
                    " · "
                    {scores}
                </p>
                }
                .into_any()
            }
            None => {
                let add = move |_| {
                    if let Ok(id) = app.try_run(|w| w.target_for_person(&person.id)) {
                        router.go(&Screen::Target(id.clone()).href());
                    }
                };
                view! {
                    <p class="person-target">
                        <button type="button" class="button" on:click=add>
                            {t().person_target_add()}
                        </button>
                    </p>
                }
                .into_any()
            }
        })
    }
}

/// Who introduced this person and how to reach them, as links.
#[component]
fn Connections(current: Memo<Option<Person>>) -> impl IntoView {
    let app = use_app();
    move || {
        let person = current.get()?;
        let referrer = person.introduced_by.as_ref().and_then(|id| app.person(id));
        let mut links = Vec::new();
        if let Some(referrer) = referrer {
            links.push(
                view! {
                    <li>
                        {t().person_introduced_by()}
                        <a href=Screen::Person(referrer.id.clone()).href()>{referrer.name}</a>
                    </li>
                }
                .into_any(),
            );
        }
        if !person.email.is_empty() {
            links.push(view! {
                <li>
                    <a href=mailto_address(&person.email)>{fill(t().person_email_them(), &[("email", &person.email)])}</a>
                </li>
            }.into_any());
        }
        if !person.phone.is_empty() {
            links.push(
                view! {
                    <li>
                        <a href=tel(&person.phone) aria-describedby="cold-call-tip">
                            {fill(t().person_call_them(), &[("phone", &person.phone)])}
                        </a>
                        <p id="cold-call-tip" class="muted">{t().person_cold_call_tip()}</p>
                    </li>
                }
                .into_any(),
            );
        }
        // Checked again here: only an http(s) address may ever become a link.
        if let Some(linkedin) = web_link(&person.linkedin) {
            links.push(
                view! {
                    <li>
                        <a href=linkedin target="_blank" rel="noopener noreferrer">
                            {t().person_open_linkedin_profile()}
                        </a>
                    </li>
                }
                .into_any(),
            );
        }
        (!links.is_empty()).then(|| view! { <ul class="links">{links}</ul> })
    }
}

#[component]
fn IntroducedByThem(id: PersonId) -> impl IntoView {
    let app = use_app();
    let introduced = Memo::new(move |_| {
        app.people.with(|people| {
            introduced_by(people, &id)
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    move || {
        let introduced = introduced.get();
        if introduced.is_empty() {
            view! { <p class="muted">{t().person_no_one_yet()}</p> }.into_any()
        } else {
            view! {
                <ul class="links">
                    {introduced
                        .into_iter()
                        .map(|(id, name)| view! { <li><a href=Screen::Person(id.clone()).href()>{name}</a></li> })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }
    }
}

/// The person's chats, newest first, with their open follow-ups.
#[component]
fn PersonChats(id: PersonId) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let chats = {
        let id = id.clone();
        Memo::new(move |_| app.chats.with(|all| chat::of_person(all, &id)))
    };
    let open_followups = {
        let id = id.clone();
        Memo::new(move |_| app.followups.with(|all| followup::open_of_person(all, &id)))
    };
    let history = {
        let id = id.clone();
        Memo::new(move |_| {
            app.followups
                .with(|all| followup::settled_of_person(all, &id))
        })
    };
    let error = RwSignal::new(None::<String>);
    let plan = move |_| match app.try_run(|w| w.create_chat(&id)) {
        Ok(chat) => router.go(&Screen::Chat(chat.clone()).href()),
        Err(message) => error.set(Some(message)),
    };
    view! {
        <section class="card" aria-labelledby="chats-heading">
            <h2 id="chats-heading">{t().person_chats()}</h2>
            {move || {
                let chats = chats.get();
                if chats.is_empty() {
                    view! { <p class="muted">{t().person_no_chat_planned_yet()}</p> }.into_any()
                } else {
                    view! {
                        <ul class="links">
                            {chats
                                .into_iter()
                                .map(|chat| {
                                    let when = match chat.starts_at {
                                        Some(at) => short_date_time(at),
                                        None => {
                                            fill(
                                                t().person_chat_planned(),
                                                &[("date", &short_date(local_date(chat.created_at)))],
                                            )
                                        }
                                    };
                                    view! {
                                        <li>
                                            <a href=Screen::Chat(chat.id.clone()).href()>
                                                {fill(t().person_chat_link(), &[("stage", &chat.stage().label()), ("when", &when)])}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            <button type="button" class="button button-primary" on:click=plan>
                {t().person_plan_a_chat()}
            </button>
            <p class="field-error" role="alert">{move || error.get()}</p>
            {move || {
                let open = open_followups.get();
                (!open.is_empty())
                    .then(|| {
                        view! {
                            <h3>{t().person_open_follow_ups()}</h3>
                            <ul class="followups">
                                {open.into_iter().map(|item| view! { <FollowUpItem item link_chat=true /> }).collect_view()}
                            </ul>
                        }
                    })
            }}
            {move || {
                let closed = history.get();
                (!closed.is_empty())
                    .then(|| {
                        view! {
                            <h3>{t().person_follow_up_history()}</h3>
                            <ul class="followups">
                                {closed.into_iter().map(|item| view! { <FollowUpItem item link_chat=true /> }).collect_view()}
                            </ul>
                        }
                    })
            }}
        </section>
    }
}
