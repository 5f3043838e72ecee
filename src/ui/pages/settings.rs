use leptos::prelude::*;

use crate::domain::calendar::short_date;
use crate::domain::chat::LENGTH_CHOICES;
use crate::domain::followup::ago;
use crate::domain::settings::{Settings, Theme, THANK_YOU_CHOICES, WRAP_UP_CHOICES};
use crate::pwa::{storage_status, StorageStatus};
use crate::state::use_app;
use crate::storage::backup::{parse, Backup, ImportMode};
use crate::ui::components::TemplateEditor;

#[component]
pub fn SettingsPage() -> impl IntoView {
    super::set_title("Settings");
    let app = use_app();
    let people = Memo::new(move |_| app.people.with(Vec::len));
    let set_aside = app.quarantined_count();
    let status = RwSignal::new(None::<StorageStatus>);
    storage_status(move |s| status.set(Some(s)));

    let persistence = move || {
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
    };
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
    let text_setting = move |apply: fn(&mut Settings, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let _ = app.edit_settings(|s| {
                apply(s, value);
                Ok(())
            });
        }
    };

    view! {
        <h1>"Settings & data"</h1>
        <section class="card form" aria-labelledby="about-heading">
            <h2 id="about-heading">"About you"</h2>
            <p class="muted">"Used to sign your messages and to track your goal. Saved as you type."</p>
            <div class="field">
                <label for="settings-name">"Your name"</label>
                <input
                    id="settings-name"
                    type="text"
                    autocomplete="name"
                    value=settings.my_name.clone()
                    on:input=text_setting(|s, v| s.my_name = v.trim().to_string())
                />
            </div>
            <div class="field">
                <label for="settings-signature">"Signature for messages"</label>
                <textarea
                    id="settings-signature"
                    rows="3"
                    on:input=text_setting(|s, v| s.signature = v.trim_end().to_string())
                >
                    {settings.signature.clone()}
                </textarea>
            </div>
            <div class="field">
                <label for="settings-field">"Field you are exploring"</label>
                <input
                    id="settings-field"
                    type="text"
                    value=settings.target_field.clone()
                    on:input=text_setting(|s, v| s.target_field = v.trim().to_string())
                />
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
                                    .edit_settings(|s| s.set_target_chats(&value).map_err(String::from))
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
                apply=|s, minutes| s.default_length = minutes
            />
            <NumberChoice
                id="settings-wrap-up"
                label="Start the close"
                choices=&WRAP_UP_CHOICES
                selected=settings.wrap_up_minutes
                describe=|minutes| {
                    format!("{minutes} minute{} before the end", if minutes == 1 { "" } else { "s" })
                }
                apply=|s, minutes| s.wrap_up_minutes = minutes
            />
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=settings.vibrate
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let _ = app.edit_settings(|s| {
                            s.vibrate = on;
                            Ok(())
                        });
                    }
                />
                "Vibrate briefly at each phase (never a sound)"
            </label>
            <NumberChoice
                id="settings-thank-you"
                label="Thank-you due"
                choices=&THANK_YOU_CHOICES
                selected=settings.thank_you_days
                describe=|days| {
                    if days == 1 { "Within 24 hours".to_string() } else { format!("Within {days} days") }
                }
                apply=|s, days| s.thank_you_days = days
            />
        </section>
        <TemplateEditor />
        <BackupSection />
        <section class="card">
            <h2>"Your data"</h2>
            <p>
                {move || match people.get() {
                    1 => "1 person is saved on this device.".to_string(),
                    n => format!("{n} people are saved on this device."),
                }}
            </p>
            <p>"Nothing leaves this device: there is no account and no server."</p>
            <p>{persistence}</p>
            <p class="muted">{usage}</p>
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
                            let _ = app.edit_settings(|s| {
                                s.theme = theme;
                                Ok(())
                            });
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

/// One numeric setting chosen from a short list, saved when changed.
#[component]
fn NumberChoice(
    id: &'static str,
    label: &'static str,
    choices: &'static [u32],
    selected: u32,
    describe: fn(u32) -> String,
    apply: fn(&mut Settings, u32),
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                on:change=move |ev| {
                    if let Ok(value) = event_target_value(&ev).parse::<u32>() {
                        let _ = app.edit_settings(|s| {
                            apply(s, value);
                            Ok(())
                        });
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
/// before anything changes, then replacing or merging.
#[component]
fn BackupSection() -> impl IntoView {
    let app = use_app();
    let last = move || {
        let has_data = app.people.with(|p| !p.is_empty());
        match app.settings.with(|s| s.last_backup_at) {
            None if has_data => {
                "No backup yet. Export one now: a phone can be lost, reset or cleared.".to_string()
            }
            None => "No backup yet.".to_string(),
            Some(at) => {
                let day = at.with_timezone(&chrono::Local).date_naive();
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
    let pending = RwSignal::new(None::<Backup>);
    let message = RwSignal::new(None::<String>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let on_file = move |_| {
        let Some(input) = file_input.get() else {
            return;
        };
        crate::pwa::read_file(&input, move |read| {
            match read.and_then(|text| parse(&text)) {
                Ok(backup) => {
                    message.set(None);
                    pending.set(Some(backup));
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
        let Some(backup) = pending.get_untracked() else {
            return;
        };
        let summary = format!(
            "{} people, {} chats",
            backup.people.len(),
            backup.chats.len()
        );
        match app.import_backup(backup, mode) {
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
                    .map(|backup| {
                        let from = short_date(backup.exported_at.with_timezone(&chrono::Local).date_naive());
                        view! {
                            <div class="notice notice-info">
                                <p>
                                    {format!("This backup from {from} holds {}.", contents(&backup))}
                                </p>
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
