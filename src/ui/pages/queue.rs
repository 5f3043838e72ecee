//! The follow-up queue, grouped by when each is due, with follow-ups of
//! the person's own.

use leptos::prelude::*;

use crate::domain::calendar::{
    date_input_value, next_day, parse_picked_date, DATE_INPUT_MAX, DATE_INPUT_MIN,
};
use crate::domain::followup::{open_in_queue_order, Bucket, FollowUp};
use crate::domain::ics::{calendar, followup_event, IcsEvent};
use crate::domain::person::{names_in_order, PersonId};
use crate::i18n::{fill, t};
use crate::state::{use_app, TextTarget};
use crate::ui::components::{AutosaveField, FollowUpItem};

/// Items rendered per group at first, each a screenful or so: a year of
/// unanswered follow-ups opens about as fast as a week's.
const PAGE: usize = 10;

#[component]
pub fn QueuePage() -> impl IntoView {
    super::set_title(t().queue_title());
    let app = use_app();
    // How many items each group (in `Bucket::ALL` order) shows.
    let shown = RwSignal::new([PAGE; Bucket::ALL.len()]);
    let open = move || app.followups.with_untracked(|all| open_in_queue_order(all));
    // The list is rebuilt when items come, go or move, not when a note is
    // typed: that would take the text box away from under the cursor.
    let layout = Memo::new(move |_| {
        app.followups.with(|all| {
            all.iter()
                .filter(|f| f.is_open())
                .map(|f| (f.id.clone(), f.when()))
                .collect::<Vec<_>>()
        })
    });
    let export = move |_| {
        let events: Vec<IcsEvent> = open()
            .iter()
            .map(|item| followup_event(item, &app.person_name(&item.person_id)))
            .collect();
        crate::pwa::download(
            t().files_follow_ups(),
            "text/calendar;charset=utf-8",
            &calendar(&events, app.now()),
        );
    };
    view! {
        <h1>{t().queue_follow_ups()}</h1>
        {move || {
            layout.with(|_| ());
            let items = open();
            if items.is_empty() {
                return view! {
                    <section class="card empty">
                        <p>{t().queue_nothing_to_follow_up()}</p>
                        <p class="muted">
                            {t().queue_after_each_chat_this()}
                        </p>
                    </section>
                }
                    .into_any();
            }
            let today = app.today();
            view! {
                <div class="actions">
                    <button type="button" class="button" on:click=export>
                        {t().queue_export_to_calendar_ics()}
                    </button>
                </div>
                {Bucket::ALL
                    .into_iter()
                    .enumerate()
                    .filter_map(|(index, bucket)| {
                        let in_bucket: Vec<&FollowUp> = items.iter().filter(|f| Bucket::of(f.when(), today) == bucket).collect();
                        let count = in_bucket.len();
                        let limit = shown.with(|shown| shown[index]);
                        let hidden = count.saturating_sub(limit);
                        (count > 0)
                            .then(|| {
                                let heading_id = format!("bucket-{}", bucket.label().to_lowercase().replace(' ', "-"));
                                let labelled_by = heading_id.clone();
                                view! {
                                    <section class="card" aria-labelledby=labelled_by>
                                        <h2 id=heading_id>{fill(t().queue_bucket_heading(), &[("bucket", &bucket.label()), ("count", &count)])}</h2>
                                        <ul class="followups">
                                            {in_bucket
                                                .into_iter()
                                                .take(limit)
                                                .map(|item| view! { <FollowUpItem item=item.clone() link_chat=true full=true /> })
                                                .collect_view()}
                                        </ul>
                                        {(hidden > 0)
                                            .then(|| {
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="button"
                                                        on:click=move |_| shown.update(|shown| shown[index] += PAGE)
                                                    >
                                                        {fill(t().queue_show_more(), &[("count", &hidden.min(PAGE)), ("hidden", &hidden), ("bucket", &bucket.label())])}
                                                    </button>
                                                }
                                            })}
                                    </section>
                                }
                            })
                    })
                    .collect_view()}
            }
                .into_any()
        }}
        <AddFollowUp />
    }
}

/// A follow-up of the user's own, for anyone on the list.
#[component]
fn AddFollowUp() -> impl IntoView {
    let app = use_app();
    let people = Memo::new(move |_| app.people.with(|people| names_in_order(people, None)));
    let person = RwSignal::new(String::new());
    // Everyone on the list, hundreds with a year of data: listed once the
    // menu is reached (a tap's pointerdown or focus), not with the queue.
    let reached = RwSignal::new(false);
    let due = RwSignal::new(date_input_value(next_day(app.today())));
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let who = person.get_untracked();
        let day = match parse_picked_date(&due.get_untracked()) {
            Ok(day) => day,
            Err(problem) => {
                error.set(Some(problem.into()));
                return;
            }
        };
        if who.is_empty() {
            error.set(Some(t().queue_choose_who().into()));
            return;
        }
        // What to do is a saved draft until Add moves it.
        let added = app.try_run(|w| {
            w.commit_draft(NEW_FOLLOWUP, |w, title| {
                w.add_custom_followup(&PersonId(who), title, day)
            })
        });
        error.set(added.err());
    };
    view! {
        <section class="card form" aria-labelledby="add-followup-heading">
            <h2 id="add-followup-heading">{t().queue_add_a_follow_up()}</h2>
            {move || {
                if app.people.with(Vec::is_empty) {
                    return view! { <p class="muted">{t().queue_add_someone_to_your()}</p> }.into_any();
                }
                view! {
                    <form on:submit=add>
                        <div class="field">
                            <label for="custom-person">{t().queue_who()}</label>
                            <select
                                id="custom-person"
                                on:pointerdown=move |_| reached.set(true)
                                on:focus=move |_| reached.set(true)
                                on:change=move |ev| person.set(event_target_value(&ev))
                            >
                                <option value="">{t().queue_choose()}</option>
                                {move || {
                                    let listed = if reached.get() { people.get() } else { Vec::new() };
                                    listed.into_iter().map(|(id, name)| view! { <option value=id.0>{name}</option> }).collect_view()
                                }}
                            </select>
                        </div>
                        <div class="field">
                            <label for="custom-title">{t().queue_what_to_do()}</label>
                            <AutosaveField target=TextTarget::Draft(NEW_FOLLOWUP.into()) id="custom-title" />
                        </div>
                        <div class="field">
                            <label for="custom-due">{t().queue_due()}</label>
                            <input
                                id="custom-due"
                                type="date"
                                min=DATE_INPUT_MIN
                                max=DATE_INPUT_MAX
                                prop:value=move || due.get()
                                on:input=move |ev| due.set(event_target_value(&ev))
                            />
                        </div>
                        <p class="field-error" role="alert">{move || error.get()}</p>
                        <button type="submit" class="button button-primary">{t().queue_add_follow_up()}</button>
                    </form>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The draft box of what to do in a follow-up of the person's own.
const NEW_FOLLOWUP: &str = "new-followup";
