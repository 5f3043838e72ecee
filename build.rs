//! The interface's words come from i18n/en.json and i18n/fr.json. This
//! fails the build when the two do not hold the same keys, or a text's
//! placeholders differ between them, and writes the catalogue type: one
//! accessor per key, so that a key no longer used is a dead-code warning
//! (an error under clippy's -D warnings) and a misspelt one does not compile.
//! French is read at start from a file of its own. English is compiled in,
//! but in the wasm only the texts of the first screen and of what frames
//! every screen: the rest (see `LATER`) comes in a file of its own once the
//! app is up, so that a first visit does not download words no first screen
//! shows.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

type Catalogue = BTreeMap<String, String>;

fn read(path: &str) -> Catalogue {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The names inside braces: `{name}`, and `{n:one|other}` for a plural.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}'))
        .map(|(inside, _)| inside.split(':').next().unwrap_or(inside))
        .collect()
}

/// FNV-1a over the keys, each followed by a newline, in hex: the same sum
/// as scripts/post-build.mjs's.
fn fingerprint<'a>(keys: impl Iterator<Item = &'a String>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in keys.flat_map(|k| k.bytes().chain([b'\n'])) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The catalogue's sections (and keys, each matched as the start of a key)
/// that no first screen (Today, its banners, the navigation) shows: in the wasm as a placeholder until the English file comes.
/// tests/e2e/first-screen.spec.ts fails when Today shows one of them
/// without the file. The checklist is not among them: a chat's built-in
/// items are read and saved by their English words.
const LATER: &[&str] = &[
    "asks.",
    "backup.",
    "bank.",
    "chat.",
    "composer.",
    "guidance.",
    "ics.",
    "insights.",
    "lint.",
    "meet.",
    "message.",
    "newperson.",
    "notfound.",
    "people.",
    "person.",
    "prepare.",
    "queue.",
    "referrer.",
    "reorder.",
    "settings.",
    "target.",
    "targets.",
    "template.",
    "timer.",
    "theme.",
    "language.",
    "checklist.group_",
    "route.",
    "install.installed",
    "install.offered",
    "install.home_screen",
    "install.unknown",
    // The iPhone's Home Screen tip, which Today shows once they are here.
    "install.keep_your_notes_safe",
    "install.safari_may_erase_what",
    "install.tap_share_the_square",
    "install.choose_add_to_home",
    "install.open_coffee_chat_from",
    "install.the_app_on_the",
    "install.hide_this_tip",
    "files.archive",
    "files.follow_ups",
    "envelope.changed",
    "envelope.wrong",
    "send.",
    "draft.",
    "date.enter_full",
    "date.pick_",
    "followup.bucket_",
    "followup.say_what",
    // Refusals of commands that only screens past Today run.
    "command.write_",
    "command.already_planned",
    "command.timer_not_now",
    "command.none_that_old",
    "command.not_imported",
    "command.nothing_imported",
    "command.choose_length",
    // What the queue alone shows of a follow-up: its note, snoozing, message.
    "followup.next_week",
    "followup.note",
    "followup.nothing_in_particular",
    "followup.own_words_",
    "followup.snooze_",
    "followup.thank_them_for",
    "followup.tomorrow",
];

/// What Today shows of those after all: the next chat's format, and the
/// backup reminder with the passphrase of an encrypted backup.
const LATER_BUT_FIRST: &[&str] = &[
    "chat.in_person",
    "chat.phone",
    "chat.video",
    "backup.nudge_",
    "settings.encrypt",
    "settings.passphrase",
    "settings.save_encrypted",
];

/// What stands for a text that has not come yet: a word joiner, which
/// shows nothing and which the end-to-end test looks for (written as an
/// escape into the generated code).
const NOT_YET: &str = "\\u{2060}";

fn comes_later(key: &str) -> bool {
    let listed = |list: &[&str]| list.iter().any(|start| key.starts_with(start));
    listed(LATER) && !listed(LATER_BUT_FIRST)
}

fn field(key: &str) -> String {
    key.replace('.', "_")
}

fn main() {
    let english = read("i18n/en.json");
    let french = read("i18n/fr.json");
    let mut problems = Vec::new();
    for key in english.keys() {
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
            || !key.starts_with(|c: char| c.is_ascii_lowercase())
        {
            problems.push(format!(
                "key {key:?}: lower case letters, digits, _ and . only"
            ));
        }
        match french.get(key) {
            None => problems.push(format!("{key}: no French text in i18n/fr.json")),
            Some(fr) if placeholders(fr) != placeholders(&english[key]) => problems.push(format!(
                "{key}: the placeholders differ: {:?} in English, {:?} in French",
                placeholders(&english[key]),
                placeholders(fr)
            )),
            Some(_) => {}
        }
    }
    for start in LATER.iter().chain(LATER_BUT_FIRST) {
        if !english.keys().any(|key| key.starts_with(start)) {
            problems.push(format!("{start}: listed in build.rs, but no key starts so"));
        }
    }
    for key in french.keys().filter(|k| !english.contains_key(*k)) {
        problems.push(format!("{key}: in i18n/fr.json but not in i18n/en.json"));
    }
    let fields: BTreeSet<String> = english.keys().map(|k| field(k)).collect();
    if fields.len() != english.len() {
        problems.push("two keys differ only by . and _".into());
    }
    if !problems.is_empty() {
        panic!("the catalogue is incomplete:\n  {}", problems.join("\n  "));
    }

    let mut out = String::new();
    let count = english.len();
    out.push_str("/// Every text the interface shows, in one language, in the order of the\n");
    out.push_str("/// catalogue's keys; one accessor per key.\n");
    writeln!(out, "pub(crate) struct Texts([&'static str; {count}]);\n").unwrap();
    out.push_str("impl Texts {\n");
    for (at, key) in english.keys().enumerate() {
        writeln!(
            out,
            "    pub(crate) fn {}(&self) -> &'static str {{\n        self.0[{at}]\n    }}",
            field(key)
        )
        .unwrap();
    }
    out.push_str("}\n\n");
    for (name, table, attribute) in [
        (
            "ENGLISH",
            &english,
            "#[cfg(any(test, not(target_arch = \"wasm32\")))]\n",
        ),
        ("FRENCH", &french, "#[cfg(test)]\n"),
    ] {
        writeln!(out, "{attribute}pub(crate) const {name}: Texts = Texts([").unwrap();
        for text in table.values() {
            writeln!(out, "    {text:?},").unwrap();
        }
        out.push_str("]);\n\n");
    }
    out.push_str("/// English as the wasm starts: the first screens' texts, and a\n");
    out.push_str("/// placeholder for those that come later.\n");
    out.push_str("#[cfg(all(not(test), target_arch = \"wasm32\"))]\n");
    out.push_str("pub(crate) const ENGLISH_AT_START: Texts = Texts([\n");
    for (key, text) in &english {
        if comes_later(key) {
            writeln!(out, "    \"{NOT_YET}\",").unwrap();
        } else {
            writeln!(out, "    {text:?},").unwrap();
        }
    }
    out.push_str("]);\n");
    out.push_str("#[cfg(any(test, not(target_arch = \"wasm32\")))]\n");
    out.push_str("pub(crate) const ENGLISH_AT_START: Texts = ENGLISH;\n\n");
    // The shipped French file is a list in key order, led by this
    // fingerprint of the keys (scripts/post-build.mjs writes it), so that
    // the wasm carries no key names and never reads a list of another
    // version's keys.
    out.push_str("/// Leads each shipped catalogue file: a sum of the keys.\n");
    writeln!(
        out,
        "pub const KEYS_FINGERPRINT: &str = {:?};",
        fingerprint(english.keys())
    )
    .unwrap();
    writeln!(out, "const TEXT_COUNT: usize = {count};").unwrap();
    let path = Path::new(&env::var("OUT_DIR").unwrap()).join("catalogue.rs");
    fs::write(path, out).unwrap();
}
