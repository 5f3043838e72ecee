//! Pieces that more than one screen draws. Each file holds one, with the
//! small helpers only it uses.

mod autosave_field;
mod clock;
mod composer;
mod draft_fields;
mod encrypted_backup;
mod followup_item;
mod install;
mod nav;
mod notices;
mod referrer_select;
mod reorder_buttons;
mod send_actions;
mod show_more;
mod stage_badge;
mod template_editor;

pub use autosave_field::AutosaveField;
pub use clock::use_now;
pub use composer::Composer;
pub use draft_fields::DraftFields;
pub use encrypted_backup::{passphrase, BackupNudge, SaveEncrypted};
pub use followup_item::FollowUpItem;
pub use install::{provide_install_state, HomeScreenTip, InstallButton, InstallStatus};
pub use nav::BottomNav;
pub use notices::Notices;
pub use referrer_select::ReferrerSelect;
pub use reorder_buttons::ReorderButtons;
pub use send_actions::SendActions;
pub use show_more::show_more;
pub use stage_badge::StageBadge;
pub use template_editor::TemplateEditor;
