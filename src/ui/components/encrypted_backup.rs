//! Saving an encrypted backup: the passphrase, help choosing it, and the
//! one button; and the reminder that offers it after a debrief or when the
//! last backup is a week old with changes since.

use leptos::prelude::*;

use crate::i18n::t;
use crate::state::{use_app, BackupDue, Workspace};

thread_local! {
    /// The passphrase last typed, for this page's life and never stored.
    static PASSPHRASE: ArcRwSignal<String> = ArcRwSignal::new(String::new());
}

/// The passphrase for encrypted backups, shared by every screen that asks.
pub fn passphrase() -> ArcRwSignal<String> {
    PASSPHRASE.with(ArcRwSignal::clone)
}

/// Length is what makes a passphrase hard to guess: four or five random
/// words beat a short word with symbols.
const SHORTEST_PASSPHRASE: usize = 12;

fn strength(passphrase: &str) -> &'static str {
    match passphrase.chars().count() {
        0 => t().settings_passphrase_advice(),
        n if n < SHORTEST_PASSPHRASE => t().settings_passphrase_short(),
        n if n < 20 => t().settings_passphrase_good(),
        _ => t().settings_passphrase_strong(),
    }
}

/// The passphrase field and "Save encrypted backup": the file goes to the
/// share sheet where there is one, else it downloads.
#[component]
pub fn SaveEncrypted() -> impl IntoView {
    let app = use_app();
    let passphrase = passphrase();
    let status = RwSignal::new(None::<String>);
    let typed = passphrase.clone();
    let save = {
        let passphrase = passphrase.clone();
        move |_| {
            let secret = passphrase.get_untracked();
            if secret.chars().count() < SHORTEST_PASSPHRASE {
                status.set(Some(t().settings_passphrase_short().into()));
                return;
            }
            status.set(Some(t().settings_encrypting().into()));
            let plain = app.run(Workspace::export_backup);
            leptos::task::spawn_local(async move {
                status.set(Some(match crate::crypto::seal(&plain, &secret).await {
                    Ok(sealed) => {
                        crate::pwa::share_or_download(t().files_encrypted_backup(), &sealed);
                        t().settings_encrypted_saved().into()
                    }
                    Err(reason) => reason,
                }));
            });
        }
    };
    view! {
        <div class="field">
            <label for="backup-passphrase">{t().settings_passphrase()}</label>
            <input
                id="backup-passphrase"
                type="password"
                autocomplete="new-password"
                aria-describedby="passphrase-help"
                prop:value={
                    let passphrase = passphrase.clone();
                    move || passphrase.get()
                }
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
            <p id="passphrase-help" class="muted">
                {move || strength(&passphrase.get())} " " {t().settings_passphrase_lost()}
            </p>
        </div>
        <button type="button" class="button button-primary" on:click=save>
            {t().settings_save_encrypted()}
        </button>
        <p role="status">{move || status.get()}</p>
    }
}

/// Offers an encrypted backup when one is due (see
/// [`Workspace::backup_due`]); nothing otherwise.
#[component]
pub fn BackupNudge() -> impl IntoView {
    let app = use_app();
    let due = Memo::new(move |_| {
        app.chats.track();
        app.people.track();
        app.settings.track();
        app.read(Workspace::backup_due)
    });
    move || {
        due.get().map(|due| {
            let why = match due {
                BackupDue::Debriefed => t().backup_nudge_debriefed(),
                BackupDue::Old => t().backup_nudge_old(),
                BackupDue::Never => t().backup_nudge_never(),
            };
            view! {
                <section class="card" aria-labelledby="backup-nudge-heading">
                    <h2 id="backup-nudge-heading">{t().backup_nudge_heading()}</h2>
                    <p>{why}</p>
                    <SaveEncrypted />
                </section>
            }
        })
    }
}
