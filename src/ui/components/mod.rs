mod composer;
mod followup_item;
mod nav;
mod notices;
mod referrer_select;
mod reorder_buttons;
mod send_actions;
mod stage_badge;
mod template_editor;

pub use composer::{Composer, MessageKind};
pub use followup_item::FollowUpItem;
pub use nav::BottomNav;
pub use notices::Notices;
pub use referrer_select::ReferrerSelect;
pub use reorder_buttons::ReorderButtons;
pub use send_actions::SendActions;
pub use stage_badge::StageBadge;
pub use template_editor::TemplateEditor;
