//! A chat's stage as a small labelled badge, the same on every list and
//! screen, with words as well as colour so that it reads without colour.

use leptos::prelude::*;

use crate::domain::stage::Stage;

#[component]
pub fn StageBadge(stage: Stage) -> impl IntoView {
    view! { <span class=format!("stage stage-{}", stage.slug())>{stage.label()}</span> }
}
