//! Adding a person: a name is enough, perhaps arriving with who
//! introduced them or with a page shared from another app.

use leptos::html::Input;
use leptos::prelude::*;

use crate::domain::person::{validate, PersonField, PersonId};
use crate::domain::share::SharedContact;
use crate::i18n::t;
use crate::state::{use_app, TextTarget};
use crate::ui::components::ReferrerSelect;
use crate::ui::router::use_router;
use crate::ui::router::Screen;

/// The draft key of the name typed here.
const NEW_PERSON: &str = "new-person";

/// Adding starts with a name only; everything else is filled in on the
/// person's own screen, where each field saves as it is typed.
#[component]
pub fn NewPersonPage() -> impl IntoView {
    super::set_title(t().newperson_add_person());
    let app = use_app();
    let router = use_router();
    let referrer = RwSignal::new(
        router
            .query_untracked("introduced_by")
            .map(PersonId)
            .filter(|id| app.person(id).is_some()),
    );
    // "Ask someone else" at the same organisation arrives with it filled in.
    let organisation = router.query_untracked("organisation").unwrap_or_default();
    // Sharing a page from another app arrives here through the manifest's
    // share target, as `?title=…&text=…&url=…`.
    let param = |key| router.query_untracked(key);
    let was_shared = ["title", "text", "url"]
        .into_iter()
        .any(|key| param(key).is_some());
    let shared = SharedContact::from_share(
        &param("title").unwrap_or_default(),
        &param("text").unwrap_or_default(),
        &param("url").unwrap_or_default(),
    );
    let show_profile = !shared.profile.is_empty();
    let error = RwSignal::new(None::<String>);
    let profile_error = RwSignal::new(None::<&'static str>);
    let name_input = NodeRef::<Input>::new();
    let profile_input = NodeRef::<Input>::new();
    // The name is a saved draft until Add moves it; a shared contact's
    // name takes its place.
    let name_draft = TextTarget::Draft(NEW_PERSON.into());
    if !shared.name.is_empty() {
        let _ = app.type_text(&name_draft, &shared.name);
    }
    let typed_name = app.read(|w| w.text(&name_draft)).unwrap_or_default();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let profile = profile_input.get().map(|i| i.value()).unwrap_or_default();
        if let Err(invalid) = validate(PersonField::Linkedin, &profile) {
            profile_error.set(Some(invalid.message));
            if let Some(input) = profile_input.get() {
                let _ = input.focus();
            }
            return;
        }
        let referrer = referrer.get_untracked();
        let added = app.try_run(|w| {
            w.commit_draft(NEW_PERSON, |w, name| {
                w.add_person(name, referrer, &organisation, &profile)
            })
        });
        match added {
            Ok(id) => router.go(&Screen::Person(id.clone()).href()),
            Err(message) => {
                error.set(Some(message));
                if let Some(input) = name_input.get() {
                    let _ = input.focus();
                }
            }
        }
    };

    view! {
        <h1>{t().newperson_add_person()}</h1>
        {(was_shared && shared.is_empty())
            .then(|| {
                view! {
                    <p class="notice" role="status">
                        {t().newperson_nothing_in_what_was()}
                    </p>
                }
            })}
        <form class="card form" on:submit=submit novalidate>
            <div class="field">
                <label for="new-name">{t().newperson_name()}</label>
                <input
                    id="new-name"
                    type="text"
                    node_ref=name_input
                    value=typed_name
                    autocomplete="off"
                    autocapitalize="words"
                    aria-required="true"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby="new-name-error"
                    on:input=move |ev| {
                        error.set(app.type_text(&name_draft, &event_target_value(&ev)).err());
                    }
                />
                <p id="new-name-error" class="field-error">
                    {move || error.get()}
                </p>
            </div>
            {show_profile
                .then(|| {
                    view! {
                        <div class="field">
                            <label for="new-profile">{t().newperson_profile_address()}</label>
                            <input
                                id="new-profile"
                                type="url"
                                inputmode="url"
                                node_ref=profile_input
                                value=shared.profile
                                autocomplete="off"
                                aria-invalid=move || profile_error.get().map(|_| "true")
                                aria-describedby="new-profile-error"
                                on:input=move |_| profile_error.set(None)
                            />
                            <p id="new-profile-error" class="field-error">
                                {move || profile_error.get()}
                            </p>
                        </div>
                    }
                })}
            <ReferrerSelect
                field_id="new-referrer"
                exclude=None
                selected=referrer.get_untracked()
                on_change=Callback::new(move |id| referrer.set(id))
            />
            <p class="muted">{t().newperson_you_can_add_their()}</p>
            <div class="actions">
                <button type="submit" class="button button-primary">
                    {t().newperson_add_person()}
                </button>
                <a href=Screen::PEOPLE class="button">
                    {t().newperson_cancel()}
                </a>
            </div>
        </form>
    }
}
