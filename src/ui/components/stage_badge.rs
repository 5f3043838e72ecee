//! A chat's stage as a small labelled badge.

use leptos::prelude::*;

use crate::domain::stage::Stage;

#[component]
pub fn StageBadge(stage: Stage) -> impl IntoView {
    view! { <span class=format!("stage stage-{}", stage.slug())>{stage.label()}</span> }
}
