use leptos::prelude::*;

use crate::state::use_app;

#[component]
pub fn TodayPage() -> impl IntoView {
    super::set_title("Today");
    let app = use_app();
    let count = Memo::new(move |_| app.people.with(Vec::len));
    let date = crate::pwa::today_label();

    view! {
        <h1>"Today"</h1>
        <p class="muted">{date}</p>
        {move || {
            match count.get() {
                0 => {
                    view! {
                        <section class="card">
                            <h2>"Learn from people who do the work"</h2>
                            <p>
                                "An informational interview is a short talk, often over coffee, with someone whose job, team or field you want to understand. You go to learn, not to ask for a job."
                            </p>
                            <p>
                                "Start with a list: friends of friends, former colleagues, speakers you heard. Everything stays on this phone."
                            </p>
                            <a href="/people/new" class="button button-primary">
                                "Add your first person"
                            </a>
                        </section>
                    }
                        .into_any()
                }
                n => {
                    let label = if n == 1 {
                        "1 person on your list".to_string()
                    } else {
                        format!("{n} people on your list")
                    };
                    view! {
                        <section class="card">
                            <h2>{label}</h2>
                            <a href="/people" class="button">
                                "Open People"
                            </a>
                            <p class="muted">
                                "Your next booked chat, the follow-ups due today and your progress toward your target number of chats will show here as you plan chats."
                            </p>
                        </section>
                    }
                        .into_any()
                }
            }
        }}
    }
}
