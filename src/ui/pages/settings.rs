use leptos::prelude::*;

use crate::domain::calendar::short_date;
use crate::domain::chat::LENGTH_CHOICES;
use crate::domain::followup::ago;
use crate::domain::settings::{Theme, THANK_YOU_CHOICES, WRAP_UP_CHOICES};
use crate::pwa::{storage_status, StorageStatus};
use crate::state::{local_date, use_app, SettingChange, SettingText, TextTarget, Workspace};
use crate::storage::backup::{parse, Backup, Checked, ImportMode};
use crate::storage::{budget_percent, LOCAL_STORAGE_BUDGET_CHARS, NEARLY_FULL_PERCENT};
use crate::ui::components::{AutosaveField, InstallStatus, TemplateEditor};

#[component]
pub fn SettingsPage() -> impl IntoView {
    super::set_title("Settings");
    let app = use_app();
    let people = Memo::new(move |_| app.people.with(Vec::len));
    let set_aside = app.read(Workspace::unreadable_count);
    let status = RwSignal::new(None::<StorageStatus>);
    storage_status(move |s| status.set(Some(s)));

    let persistence = Signal::derive(move || {
        match status.get() {
        None => "Checking…".to_string(),
        Some(s) if s.persisted => {
            "Protected: the browser will not clear it to free up space.".to_string()
        }
        Some(_) => {
            "Not yet protected: the browser may clear it when the phone runs low on space. It asks for protection once you have saved something."
                .to_string()
        }
    }
    });
    let usage = move || {
        status.get().and_then(|s| {
            let used = s.used_bytes?;
            let quota = s.quota_bytes?;
            Some(format!(
                "{} used of {} available",
                human_size(used),
                human_size(quota)
            ))
        })
    };

    let settings = app.settings.get_untracked();
    let target_error = RwSignal::new(None::<&'static str>);

    view! {
        <h1>"Settings & data"</h1>
        <section class="card form" aria-labelledby="about-heading">
            <h2 id="about-heading">"About you"</h2>
            <p class="muted">"Used to sign your messages and to track your goal. Saved as you type."</p>
            <div class="field">
                <label for="settings-name">"Your name"</label>
                <AutosaveField
                    id="settings-name"
                    autocomplete="name"
                    target=TextTarget::Setting(SettingText::MyName)
                />
            </div>
            <div class="field">
                <label for="settings-signature">"Signature for messages"</label>
                <AutosaveField
                    id="settings-signature"
                    rows=3
                    target=TextTarget::Setting(SettingText::Signature)
                />
            </div>
            <div class="field">
                <label for="settings-field">"Field you are exploring"</label>
                <AutosaveField
                    id="settings-field"
                    target=TextTarget::Setting(SettingText::TargetField)
                />
            </div>
            <div class="field">
                <label for="settings-background">"One line about your background"</label>
                <AutosaveField
                    id="settings-background"
                    described_by="settings-background-hint"
                    target=TextTarget::Setting(SettingText::Background)
                />
                <p id="settings-background-hint" class="muted">
                    "For your pitch, for example “a policy intern with an economics degree”. Requests use it, and the meeting screen shows it during small talk."
                </p>
            </div>
            <div class="field">
                <label for="settings-target">"Target number of chats"</label>
                <input
                    id="settings-target"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max="100"
                    value=settings.target_chats.to_string()
                    aria-invalid=move || target_error.get().map(|_| "true")
                    aria-describedby="settings-target-error"
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        target_error
                            .set(
                                app
                                    .try_run(|w| w.change_setting(SettingChange::TargetChats(value)))
                                    .err()
                                    .map(|_| "Enter a whole number from 1 to 100."),
                            );
                    }
                />
                <p id="settings-target-error" class="field-error">
                    {move || target_error.get()}
                </p>
            </div>
        </section>
        <section class="card form" aria-labelledby="meeting-heading">
            <h2 id="meeting-heading">"Meetings and follow-ups"</h2>
            <NumberChoice
                id="settings-length"
                label="Planned length of new chats"
                choices=&LENGTH_CHOICES
                selected=settings.default_length
                describe=|minutes| format!("{minutes} minutes")
                apply=SettingChange::DefaultLength
            />
            <NumberChoice
                id="settings-wrap-up"
                label="Start the close"
                choices=&WRAP_UP_CHOICES
                selected=settings.wrap_up_minutes
                describe=|minutes| {
                    format!("{minutes} minute{} before the end", if minutes == 1 { "" } else { "s" })
                }
                apply=SettingChange::WrapUpMinutes
            />
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=settings.vibrate
                    aria-describedby="settings-cue-hint"
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let _ = app.try_run(|w| w.change_setting(SettingChange::Vibrate(on)));
                    }
                />
                "Cue each phase of the meeting (never a sound)"
            </label>
            <p id="settings-cue-hint" class="muted">
                {if crate::pwa::can_vibrate() {
                    "The phone vibrates briefly at each phase, and twice when time is up."
                } else {
                    "This phone cannot vibrate, so the edges of the screen flash at each phase instead."
                }}
            </p>
            <NumberChoice
                id="settings-thank-you"
                label="Thank-you due"
                choices=&THANK_YOU_CHOICES
                selected=settings.thank_you_days
                describe=|days| {
                    if days == 1 { "Within 24 hours".to_string() } else { format!("Within {days} days") }
                }
                apply=SettingChange::ThankYouDays
            />
        </section>
        <TemplateEditor />
        <BackupSection persistence />
        <section class="card">
            <h2>"Your data"</h2>
            <p>
                {move || match people.get() {
                    1 => "1 person is saved on this device.".to_string(),
                    n => format!("{n} people are saved on this device."),
                }}
            </p>
            <p>"Nothing leaves this device: there is no account and no server."</p>
            <p class="muted">{usage}</p>
            <Capacity />
            {(set_aside > 0)
                .then(|| {
                    view! {
                        <p>
                            {format!(
                                "{set_aside} unreadable saved record{} kept aside, unchanged.",
                                if set_aside == 1 { " is" } else { "s are" },
                            )}
                        </p>
                    }
                })}
        </section>
        <section class="card form" aria-labelledby="appearance-heading">
            <h2 id="appearance-heading">"Appearance"</h2>
            <div class="field">
                <label for="settings-theme">"Theme"</label>
                <select
                    id="settings-theme"
                    on:change=move |ev| {
                        if let Some(theme) = Theme::from_slug(&event_target_value(&ev)) {
                            let _ = app.try_run(|w| w.change_setting(SettingChange::Theme(theme)));
                        }
                    }
                >
                    {Theme::ALL
                        .into_iter()
                        .map(|theme| {
                            view! {
                                <option value=theme.slug() selected=settings.theme == theme>
                                    {theme.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </section>
    }
}

/// Integer arithmetic only: float formatting would add ~10 KB to the wasm.
fn human_size(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut tenths = (bytes.max(0.0) * 10.0).round() as u64;
    let mut unit = 0;
    while tenths >= 10_000 && unit < UNITS.len() - 1 {
        tenths = (tenths + 500) / 1000;
        unit += 1;
    }
    if unit == 0 {
        format!("{} {}", (tenths + 5) / 10, UNITS[unit])
    } else {
        format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_read_like_a_phone_shows_them() {
        assert_eq!(human_size(512.0), "512 bytes");
        assert_eq!(human_size(12_345.0), "12.3 KB");
        assert_eq!(human_size(999.0), "999 bytes");
        assert_eq!(human_size(1_000.0), "1.0 KB");
        assert_eq!(human_size(5_000_000_000.0), "5.0 GB");
        assert_eq!(human_size(10_485_760.0), "10.5 MB");
    }
}

/// How much of the browser's localStorage budget the app uses, with a
/// warning from 80% and a way to make room: archive old Done chats to a file.
#[component]
fn Capacity() -> impl IntoView {
    let app = use_app();
    // Measured again whenever the data changes.
    let used = Memo::new(move |_| {
        app.people.track();
        app.chats.track();
        app.followups.track();
        app.settings.track();
        app.used_characters()
    });
    let percent = move || used.get().map(budget_percent);
    let cutoff = crate::domain::calendar::days_before(crate::state::today(), 183);
    let archivable = Memo::new(move |_| {
        app.chats.track();
        app.read(|w| w.archivable_chats(cutoff).len())
    });
    let message = RwSignal::new(None::<String>);
    let archive = move |_| match app.try_run(|w| w.archive_done_chats(cutoff)) {
        Ok((text, count)) => {
            let day = crate::domain::calendar::date_input_value(crate::state::today());
            crate::pwa::download(
                &format!("coffee-chat-archive-{day}.json"),
                "application/json",
                &text,
            );
            message.set(Some(format!(
                "{count} chat{} moved to the archive file. Import it with Merge to bring {} back.",
                if count == 1 { "" } else { "s" },
                if count == 1 { "it" } else { "them" },
            )));
        }
        Err(problem) => message.set(Some(problem)),
    };
    view! {
        <p>
            {move || {
                used.get()
                    .map(|chars| {
                        format!(
                            "Coffee Chat uses {} of the about {} this browser keeps for a site ({}%).",
                            human_size(chars as f64),
                            human_size(LOCAL_STORAGE_BUDGET_CHARS as f64),
                            budget_percent(chars),
                        )
                    })
            }}
        </p>
        {move || {
            percent()
                .filter(|p| *p >= NEARLY_FULL_PERCENT)
                .map(|_| {
                    view! {
                        <p class="notice notice-warning">
                            "Storage is nearly full. Export a backup, then archive older chats to make room."
                        </p>
                    }
                })
        }}
        {move || {
            let count = archivable.get();
            (count > 0)
                .then(|| {
                    view! {
                        <button type="button" class="button" on:click=archive>
                            {format!(
                                "Archive {count} done chat{} older than 6 months to a file",
                                if count == 1 { "" } else { "s" },
                            )}
                        </button>
                    }
                })
        }}
        <p role="status">{move || message.get()}</p>
    }
}

/// One numeric setting chosen from a short list, saved when changed.
#[component]
fn NumberChoice(
    id: &'static str,
    label: &'static str,
    choices: &'static [u32],
    selected: u32,
    describe: fn(u32) -> String,
    apply: fn(u32) -> SettingChange,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                on:change=move |ev| {
                    if let Ok(value) = event_target_value(&ev).parse::<u32>() {
                        let _ = app.try_run(|w| w.change_setting(apply(value)));
                    }
                }
            >
                {choices
                    .iter()
                    .map(|&value| {
                        view! {
                            <option value=value.to_string() selected=value == selected>
                                {describe(value)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// "2 people, 1 chat and 3 follow-ups".
fn contents(backup: &Backup) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {} and {}",
        count(backup.people.len(), "person", "people"),
        count(backup.chats.len(), "chat", "chats"),
        count(backup.followups.len(), "follow-up", "follow-ups"),
    )
}

/// Export everything to one file, and bring a file back in: checked whole
/// before anything changes, then replacing or merging. It sits beside what
/// else keeps the data safe: installing, and the browser's promise not to
/// clear storage.
#[component]
fn BackupSection(persistence: Signal<String>) -> impl IntoView {
    let app = use_app();
    let last = move || {
        let has_data = app.people.with(|p| !p.is_empty());
        match app.settings.with(|s| s.last_backup_at) {
            None if has_data => {
                "No backup yet. Export one now: a phone can be lost, reset or cleared.".to_string()
            }
            None => "No backup yet.".to_string(),
            Some(at) => {
                let day = local_date(at);
                let days = (crate::state::today() - day).num_days();
                let when = ago(day, crate::state::today());
                if days > 14 && has_data {
                    format!("Last backup {when}. Time for a new one.")
                } else {
                    format!("Last backup {when}.")
                }
            }
        }
    };
    let export = move |_| {
        let text = app.export_backup();
        let day = crate::domain::calendar::date_input_value(crate::state::today());
        crate::pwa::download(
            &format!("coffee-chat-backup-{day}.json"),
            "application/json",
            &text,
        );
    };
    let pending = RwSignal::new(None::<Checked>);
    let message = RwSignal::new(None::<String>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let on_file = move |_| {
        let Some(input) = file_input.get() else {
            return;
        };
        crate::pwa::read_file(&input, move |read| {
            match read.and_then(|text| parse(&text)) {
                Ok(checked) => {
                    message.set(None);
                    pending.set(Some(checked));
                }
                Err(reason) => {
                    pending.set(None);
                    message.set(Some(format!("{reason} Nothing was changed.")));
                }
            }
        });
        input.set_value("");
    };
    let import = move |mode: ImportMode| {
        let Some(Checked { backup, .. }) = pending.get_untracked() else {
            return;
        };
        let summary = format!(
            "{} people, {} chats",
            backup.people.len(),
            backup.chats.len()
        );
        match app.try_run(|w| w.import_backup(backup, mode)) {
            Ok(()) => {
                pending.set(None);
                message.set(Some(match mode {
                    ImportMode::Replace => {
                        format!("Imported: your data is now the backup's ({summary}).")
                    }
                    ImportMode::Merge => {
                        format!("Imported: the backup's {summary} are merged with yours.")
                    }
                }));
            }
            Err(reason) => message.set(Some(reason)),
        }
    };
    view! {
        <section class="card" aria-labelledby="backup-heading">
            <h2 id="backup-heading">"Backup"</h2>
            <p>{last}</p>
            <InstallStatus />
            <p>{persistence}</p>
            <button type="button" class="button button-primary" on:click=export>
                "Export backup (.json)"
            </button>
            <div class="field">
                <label for="backup-file">"Import a backup"</label>
                <input id="backup-file" type="file" accept=".json,application/json" node_ref=file_input on:change=on_file />
            </div>
            <p role="alert" class="backup-message">{move || message.get()}</p>
            {move || {
                pending
                    .get()
                    .map(|Checked { backup, repairs }| {
                        let from = short_date(local_date(backup.exported_at));
                        view! {
                            <div class="notice notice-info">
                                <p>
                                    {format!("This backup from {from} holds {}.", contents(&backup))}
                                </p>
                                {(!repairs.is_empty()).then(|| view! {
                                    <p>"Some links in it point nowhere and will be left out:"</p>
                                    <ul>{repairs.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                                })}
                                <div class="actions">
                                    <button type="button" class="button button-primary" on:click=move |_| import(ImportMode::Replace)>
                                        "Replace everything with the backup"
                                    </button>
                                    <button type="button" class="button" on:click=move |_| import(ImportMode::Merge)>
                                        "Merge with what is here"
                                    </button>
                                    <button type="button" class="button button-quiet" on:click=move |_| pending.set(None)>
                                        "Cancel"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
        </section>
    }
}
