//! Settings: the person's details, the meeting cues, the language and
//! theme, storage and its gauge, backups, and the checklist template.

use leptos::prelude::*;

use crate::domain::calendar::short_date;
use crate::domain::chat::LENGTH_CHOICES;
use crate::domain::followup::ago;
use crate::domain::settings::{LanguageChoice, Theme, THANK_YOU_CHOICES, WRAP_UP_CHOICES};
use crate::i18n::{fill, t};
use crate::pwa::{storage_status, StorageStatus};
use crate::state::{local_date, use_app, SettingChange, SettingText, TextTarget, Workspace};
use crate::storage::backup::{parse, Backup, Checked, ImportMode};
use crate::storage::{budget_percent, LOCAL_STORAGE_BUDGET_CHARS, NEARLY_FULL_PERCENT};
use crate::storage::{envelope, Counts, Preview};
use crate::ui::components::{
    passphrase, AutosaveField, InstallStatus, SaveEncrypted, TemplateEditor,
};

#[component]
pub fn SettingsPage() -> impl IntoView {
    super::set_title(t().settings_title());
    let app = use_app();
    let people = Memo::new(move |_| app.people.with(Vec::len));
    let set_aside = app.read(Workspace::unreadable_count);
    let status = RwSignal::new(None::<StorageStatus>);
    storage_status(move |s| status.set(Some(s)));

    let persistence = Signal::derive(move || match status.get() {
        None => t().settings_checking().to_string(),
        Some(s) if s.persisted => t().settings_protected().to_string(),
        Some(_) => t().settings_not_yet_protected_the().to_string(),
    });
    let usage = move || {
        status.get().and_then(|s| {
            let used = s.used_bytes?;
            let quota = s.quota_bytes?;
            Some(fill(
                t().settings_usage(),
                &[("used", &human_size(used)), ("quota", &human_size(quota))],
            ))
        })
    };

    let settings = app.settings.get_untracked();
    let target_error = RwSignal::new(None::<&'static str>);

    view! {
        <h1>{t().settings_settings_data()}</h1>
        <section class="card form" aria-labelledby="about-heading">
            <h2 id="about-heading">{t().settings_about_you()}</h2>
            <p class="muted">{t().settings_used_to_sign_your()}</p>
            <div class="field">
                <label for="settings-name">{t().settings_your_name()}</label>
                <AutosaveField
                    id="settings-name"
                    autocomplete="name"
                    target=TextTarget::Setting(SettingText::MyName)
                />
            </div>
            <div class="field">
                <label for="settings-signature">{t().settings_signature_for_messages()}</label>
                <AutosaveField
                    id="settings-signature"
                    rows=3
                    target=TextTarget::Setting(SettingText::Signature)
                />
            </div>
            <div class="field">
                <label for="settings-field">{t().settings_field_you_are_exploring()}</label>
                <AutosaveField
                    id="settings-field"
                    target=TextTarget::Setting(SettingText::TargetField)
                />
            </div>
            <div class="field">
                <label for="settings-background">{t().settings_one_line_about_your()}</label>
                <AutosaveField
                    id="settings-background"
                    described_by="settings-background-hint"
                    target=TextTarget::Setting(SettingText::Background)
                />
                <p id="settings-background-hint" class="muted">
                    {t().settings_for_your_pitch_for()}
                </p>
            </div>
            <div class="field">
                <label for="settings-target">{t().settings_target_number_of_chats()}</label>
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
                                    .map(|_| t().settings_target_error()),
                            );
                    }
                />
                <p id="settings-target-error" class="field-error">
                    {move || target_error.get()}
                </p>
            </div>
        </section>
        <section class="card form" aria-labelledby="meeting-heading">
            <h2 id="meeting-heading">{t().settings_meetings_and_follow_ups()}</h2>
            <NumberChoice
                id="settings-length"
                label=t().settings_length()
                choices=&LENGTH_CHOICES
                selected=settings.default_length
                describe=|minutes| fill(t().settings_minutes(), &[("n", &minutes)])
                apply=SettingChange::DefaultLength
            />
            <NumberChoice
                id="settings-wrap-up"
                label=t().settings_wrap_up()
                choices=&WRAP_UP_CHOICES
                selected=settings.wrap_up_minutes
                describe=|minutes| fill(t().settings_wrap_up_choice(), &[("n", &minutes)])
                apply=SettingChange::WrapUpMinutes
            />
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=settings.vibrate
                    aria-describedby="settings-cue-hint"
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        app.act(|w| w.change_setting(SettingChange::Vibrate(on)));
                    }
                />
                {t().settings_cue_each_phase_of()}
            </label>
            <p id="settings-cue-hint" class="muted">
                {if crate::pwa::can_vibrate() {
                    t().settings_the_phone_vibrates_briefly()
                } else {
                    t().settings_this_phone_cannot_vibrate()
                }}
            </p>
            <NumberChoice
                id="settings-thank-you"
                label=t().settings_thank_you()
                choices=&THANK_YOU_CHOICES
                selected=settings.thank_you_days
                describe=|days| {
                    if days == 1 {
                        t().settings_within_a_day().to_string()
                    } else {
                        fill(t().settings_within_days(), &[("n", &days)])
                    }
                }
                apply=SettingChange::ThankYouDays
            />
        </section>
        <TemplateEditor />
        <BackupSection persistence />
        <section class="card">
            <h2>{t().settings_your_data()}</h2>
            <p>
                {move || fill(t().settings_people_saved(), &[("n", &people.get())])}
            </p>
            <p>{t().settings_nothing_leaves_this_device()}</p>
            <p class="muted">{usage}</p>
            <Capacity />
            {(set_aside > 0)
                .then(|| {
                    view! {
                        <p>
                            {fill(t().settings_set_aside(), &[("n", &set_aside)])}
                        </p>
                    }
                })}
        </section>
        <section class="card form" aria-labelledby="appearance-heading">
            <h2 id="appearance-heading">{t().settings_appearance()}</h2>
            <div class="field">
                <label for="settings-theme">{t().settings_theme()}</label>
                <select
                    id="settings-theme"
                    on:change=move |ev| {
                        if let Some(theme) = Theme::from_slug(&event_target_value(&ev)) {
                            app.act(|w| w.change_setting(SettingChange::Theme(theme)));
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
            <div class="field">
                <label for="settings-language">{t().settings_language()}</label>
                <select
                    id="settings-language"
                    aria-describedby="settings-language-hint"
                    on:change=move |ev| {
                        if let Some(choice) = LanguageChoice::from_slug(&event_target_value(&ev)) {
                            let changed = app.try_run(|w| {
                                w.change_setting(SettingChange::Language(choice))?;
                                w.note_first_paint();
                                Ok(())
                            });
                            if changed.is_ok() {
                                app.save_now();
                                let _ = window().location().reload();
                            }
                        }
                    }
                >
                    {LanguageChoice::ALL
                        .into_iter()
                        .map(|choice| {
                            view! {
                                <option value=choice.slug() selected=settings.language == choice>
                                    {choice.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p id="settings-language-hint" class="muted">{t().settings_language_hint()}</p>
            </div>
        </section>
    }
}

/// Integer arithmetic only: float formatting would add ~10 KB to the wasm.
fn human_size(bytes: f64) -> String {
    let units = [
        t().settings_unit_bytes(),
        t().settings_unit_kb(),
        t().settings_unit_mb(),
        t().settings_unit_gb(),
    ];
    let mut tenths = (bytes.max(0.0) * 10.0).round() as u64;
    let mut unit = 0;
    while tenths >= 10_000 && unit < units.len() - 1 {
        tenths = (tenths + 500) / 1000;
        unit += 1;
    }
    if unit == 0 {
        format!("{} {}", (tenths + 5) / 10, units[unit])
    } else {
        let point = t().settings_decimal_point();
        format!("{}{point}{} {}", tenths / 10, tenths % 10, units[unit])
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
    // Measured on opening, then again when the phone is idle after the
    // data changes: with a year of data a measure reads 5 million
    // characters, too many for every keystroke in a field here.
    let used = RwSignal::new(app.used_characters());
    let measuring = StoredValue::new(false);
    Effect::new(move |opened: Option<()>| {
        app.people.track();
        app.chats.track();
        app.followups.track();
        app.targets.track();
        app.settings.track();
        if opened.is_some() && !measuring.get_value() {
            measuring.set_value(true);
            crate::pwa::when_idle(move || {
                measuring.set_value(false);
                used.set(app.used_characters());
            });
        }
    });
    let percent = move || used.get().map(budget_percent);
    let cutoff = crate::domain::calendar::days_before(app.today(), 183);
    let archivable = Memo::new(move |_| {
        app.chats.track();
        app.read(|w| w.archivable_chats(cutoff).len())
    });
    let message = RwSignal::new(None::<String>);
    let archive = move |_| match app.try_run(|w| w.archive_done_chats(cutoff)) {
        Ok((text, count)) => {
            crate::ui::download_dated_json(&app, t().files_archive(), &text);
            message.set(Some(fill(t().settings_archived(), &[("n", &count)])));
        }
        Err(problem) => message.set(Some(problem)),
    };
    view! {
        <p>
            {move || {
                used.get()
                    .map(|chars| {
                        fill(
                            t().settings_capacity(),
                            &[
                                ("used", &human_size(chars as f64)),
                                ("budget", &human_size(LOCAL_STORAGE_BUDGET_CHARS as f64)),
                                ("percent", &budget_percent(chars)),
                            ],
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
                            {t().settings_storage_is_nearly_full()}
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
                            {fill(t().settings_archive(), &[("n", &count)])}
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
                        app.act(|w| w.change_setting(apply(value)));
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
    let count = |text: &str, n: usize| fill(text, &[("n", &n)]);
    fill(
        t().settings_contents(),
        &[
            (
                "people",
                &count(t().settings_count_people(), backup.people.len()),
            ),
            (
                "chats",
                &count(t().settings_count_chats(), backup.chats.len()),
            ),
            (
                "followups",
                &count(t().settings_count_followups(), backup.followups.len()),
            ),
        ],
    )
}

/// What a merge would change, a line per kind of change.
fn preview_lines(preview: &Preview) -> Vec<String> {
    if preview.changes_nothing() {
        return vec![t().settings_merge_nothing().to_string()];
    }
    let kinds = [
        t().settings_merge_people(),
        t().settings_merge_chats(),
        t().settings_merge_followups(),
        t().settings_merge_targets(),
    ];
    let mut lines: Vec<String> = kinds
        .iter()
        .zip(preview.kinds)
        .filter(|(_, counts)| counts != &Counts::default())
        .map(|(kind, c)| {
            fill(
                t().settings_merge_kind(),
                &[
                    ("kind", kind),
                    ("added", &c.added),
                    ("changed", &c.changed),
                    ("deleted", &c.deleted),
                ],
            )
        })
        .collect();
    if preview.settings_changed {
        lines.push(t().settings_merge_settings().to_string());
    }
    for (n, text) in [
        (preview.both_kept, t().settings_merge_both_kept()),
        (
            preview.edited_after_deletion,
            t().settings_merge_edited_after_deletion(),
        ),
    ] {
        if n > 0 {
            lines.push(fill(text, &[("n", &n)]));
        }
    }
    lines
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
            None if has_data => t().settings_no_backup_yet_data().to_string(),
            None => t().settings_no_backup_yet().to_string(),
            Some(at) => {
                let day = local_date(at);
                let days = (app.today() - day).num_days();
                let when = ago(day, app.today());
                if days > 14 && has_data {
                    fill(t().settings_last_backup_old(), &[("when", &when)])
                } else {
                    fill(t().settings_last_backup(), &[("when", &when)])
                }
            }
        }
    };
    let export = move |_| {
        crate::ui::download_dated_json(
            &app,
            t().files_backup(),
            &app.run(Workspace::export_backup),
        );
    };
    let pending = RwSignal::new(None::<(Checked, Preview)>);
    // An encrypted file waiting for its passphrase.
    let locked = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let refuse = move |reason: String| {
        pending.set(None);
        message.set(Some(fill(
            t().settings_nothing_changed(),
            &[("reason", &reason)],
        )));
    };
    let show = move |text: String| match parse(&text) {
        Ok(checked) => {
            message.set(None);
            let preview = app.run(|w| w.merge_preview(&checked));
            pending.set(Some((checked, preview)));
        }
        Err(reason) => refuse(reason),
    };
    let open_locked = move |_| {
        let (Some(text), secret) = (locked.get_untracked(), passphrase().get_untracked()) else {
            return;
        };
        message.set(Some(t().settings_decrypting().to_string()));
        leptos::task::spawn_local(async move {
            match crate::crypto::open(&text, &secret).await {
                Ok(plain) => {
                    locked.set(None);
                    show(plain);
                }
                Err(reason) => refuse(reason),
            }
        });
    };
    let file_input = NodeRef::<leptos::html::Input>::new();
    let on_file = move |_| {
        let Some(input) = file_input.get() else {
            return;
        };
        crate::pwa::read_file(&input, move |read| match read {
            Ok(text) if envelope::is_sealed(&text) => {
                pending.set(None);
                locked.set(Some(text));
                message.set(None);
            }
            Ok(text) => {
                locked.set(None);
                show(text);
            }
            Err(reason) => refuse(reason),
        });
        input.set_value("");
    };
    let import = move |mode: ImportMode| {
        let Some((checked, _)) = pending.get_untracked() else {
            return;
        };
        let summary = fill(
            t().settings_import_summary(),
            &[
                ("people", &checked.backup.people.len()),
                ("chats", &checked.backup.chats.len()),
            ],
        );
        match app.try_run(|w| w.import_backup(checked, mode)) {
            Ok(_) => {
                pending.set(None);
                message.set(Some(match mode {
                    ImportMode::Replace => {
                        fill(t().settings_imported_replace(), &[("summary", &summary)])
                    }
                    ImportMode::Merge => {
                        fill(t().settings_imported_merge(), &[("summary", &summary)])
                    }
                }));
            }
            Err(reason) => message.set(Some(reason)),
        }
    };
    view! {
        <section class="card" aria-labelledby="backup-heading">
            <h2 id="backup-heading">{t().settings_backup()}</h2>
            <p>{last}</p>
            <InstallStatus />
            <p>{persistence}</p>
            <SaveEncrypted />
            <button type="button" class="button" on:click=export>
                {t().settings_export_backup_json()}
            </button>
            <p class="muted">{t().settings_readable_by_anyone()}</p>
            <div class="field">
                <label for="backup-file">{t().settings_import_a_backup()}</label>
                <input id="backup-file" type="file" accept=".json,application/json" node_ref=file_input on:change=on_file />
            </div>
            <Show when=move || locked.with(Option::is_some)>
                <div class="notice notice-info">
                    <p>{t().settings_backup_is_encrypted()}</p>
                    <button type="button" class="button button-primary" on:click=open_locked>
                        {t().settings_open_encrypted()}
                    </button>
                </div>
            </Show>
            <p role="alert" class="backup-message">{move || message.get()}</p>
            {move || {
                pending
                    .get()
                    .map(|(Checked { backup, repairs, .. }, preview)| {
                        let from = short_date(local_date(backup.exported_at));
                        view! {
                            <div class="notice notice-info">
                                <p>
                                    {fill(t().settings_backup_holds(), &[("from", &from), ("contents", &contents(&backup))])}
                                </p>
                                {(!repairs.is_empty()).then(|| view! {
                                    <p>{t().settings_some_links_in_it()}</p>
                                    <ul>{repairs.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                                })}
                                <p>{t().settings_merge_preview()}</p>
                                <ul>{preview_lines(&preview).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                                <div class="actions">
                                    <button type="button" class="button button-primary" on:click=move |_| import(ImportMode::Replace)>
                                        {t().settings_replace_everything_with_the()}
                                    </button>
                                    <button type="button" class="button" on:click=move |_| import(ImportMode::Merge)>
                                        {t().settings_merge_with_what_is()}
                                    </button>
                                    <button type="button" class="button button-quiet" on:click=move |_| pending.set(None)>
                                        {t().settings_cancel()}
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
        </section>
    }
}
