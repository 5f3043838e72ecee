//! The words of the interface, in one catalogue per language (i18n/*.json,
//! checked against each other by build.rs). The language is chosen once,
//! before the first screen, and kept for the page's life. In English the
//! wasm holds the first screens' texts; the rest arrive in a file once the
//! app is up ([`complete_english`]), before any screen that shows them.

use std::fmt::Display;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// The value of `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

impl Texts {
    /// The catalogue in its shipped file: the keys' fingerprint, then every
    /// text in key order. `None` for a file of another version or none.
    pub(crate) fn from_json(json: &str) -> Option<Texts> {
        let mut texts: Vec<String> = serde_json::from_str(json).ok()?;
        if texts.len() != TEXT_COUNT + 1 || texts[0] != KEYS_FINGERPRINT {
            return None;
        }
        let mut table = [""; TEXT_COUNT];
        for (slot, text) in table.iter_mut().zip(texts.drain(1..)) {
            *slot = Box::leak(text.into_boxed_str());
        }
        Some(Texts(table))
    }
}

static CURRENT: OnceLock<(Lang, &'static Texts)> = OnceLock::new();
static WHOLE_ENGLISH: OnceLock<Texts> = OnceLock::new();

/// Chooses the catalogue for this page's life, before the first screen.
/// French needs its file's text; without it, or with a broken one, the
/// app starts in English.
pub fn start_in(lang: Lang, french: Option<&str>) -> Lang {
    let chosen = match (lang, french.and_then(Texts::from_json)) {
        (Lang::Fr, Some(texts)) => (Lang::Fr, &*Box::leak(Box::new(texts))),
        _ => (Lang::En, &ENGLISH_AT_START),
    };
    CURRENT.get_or_init(|| chosen).0
}

/// Takes in the English file (the keys' fingerprint, then every text in
/// key order); `false` when it is of another version or broken, and
/// the texts still to come stay missing.
pub fn complete_english(file: &str) -> bool {
    let Some(texts) = Texts::from_json(file) else {
        return false;
    };
    let _ = WHOLE_ENGLISH.set(texts);
    true
}

/// Whether every screen's texts are here: always in French, and in
/// English once its file has come (or, off the wasm, from the start).
pub fn every_text_here() -> bool {
    lang() == Lang::Fr || WHOLE_ENGLISH.get().is_some() || !cfg!(target_arch = "wasm32")
}

fn current() -> (Lang, &'static Texts) {
    #[cfg(test)]
    if let Some(chosen) = TEST_LANGUAGE.get() {
        return chosen;
    }
    match (CURRENT.get().copied(), WHOLE_ENGLISH.get()) {
        (Some((Lang::Fr, french)), _) => (Lang::Fr, french),
        (_, Some(whole)) => (Lang::En, whole),
        _ => (Lang::En, &ENGLISH_AT_START),
    }
}

/// The language the interface is in.
pub fn lang() -> Lang {
    current().0
}

/// The interface's texts, in its language.
pub(crate) fn t() -> &'static Texts {
    current().1
}

#[cfg(test)]
thread_local! {
    /// Each test thread's own language, so that tests in French and in
    /// English run side by side.
    static TEST_LANGUAGE: std::cell::Cell<Option<(Lang, &'static Texts)>> =
        const { std::cell::Cell::new(None) };
}

/// Runs `test` with the interface in French, on this thread only.
#[cfg(test)]
pub(crate) fn in_french<R>(test: impl FnOnce() -> R) -> R {
    TEST_LANGUAGE.set(Some((Lang::Fr, &FRENCH)));
    let result = test();
    TEST_LANGUAGE.set(None);
    result
}

/// Fills a text's placeholders: `{name}` with its value, and
/// `{n:one|other}` with the form the number takes in the interface's
/// language (French counts 0 as singular, English does not).
pub fn fill(text: &str, values: &[(&str, &dyn Display)]) -> String {
    fill_in(lang(), text, values)
}

fn fill_in(lang: Lang, text: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inside = &rest[open + 1..close];
        let (name, forms) = inside.split_once(':').unwrap_or((inside, ""));
        let value = values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
            .unwrap_or_default();
        if forms.is_empty() {
            out.push_str(&value);
        } else {
            let (one, other) = forms.split_once('|').unwrap_or((forms, forms));
            let singular = match (lang, value.parse::<i64>()) {
                (Lang::En, Ok(n)) => n == 1 || n == -1,
                (Lang::Fr, Ok(n)) => (-1..=1).contains(&n),
                (_, Err(_)) => false,
            };
            out.push_str(if singular { one } else { other });
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_plurals_follow_the_language() {
        let text = "{n} {n:chat|chats} with {name}";
        let fill = |lang, n: i64| fill_in(lang, text, &[("n", &n), ("name", &"Ana")]);
        assert_eq!(fill(Lang::En, 0), "0 chats with Ana");
        assert_eq!(fill(Lang::En, 1), "1 chat with Ana");
        assert_eq!(fill(Lang::En, 2), "2 chats with Ana");
        assert_eq!(fill(Lang::Fr, 0), "0 chat with Ana");
        assert_eq!(fill(Lang::Fr, 1), "1 chat with Ana");
        assert_eq!(fill(Lang::Fr, 2), "2 chats with Ana");
        // A value that is not a number takes the other form; text without
        // braces, or with one left open, comes through as it is.
        assert_eq!(
            fill_in(Lang::En, "{x:one|other}", &[("x", &"many")]),
            "other"
        );
        assert_eq!(fill_in(Lang::En, "plain", &[]), "plain");
        assert_eq!(fill_in(Lang::En, "open { brace", &[]), "open { brace");
    }

    /// What scripts/post-build.mjs ships: the fingerprint, then the texts
    /// in key order.
    fn shipped(catalogue: &std::collections::BTreeMap<String, String>) -> String {
        let list: Vec<&str> = std::iter::once(KEYS_FINGERPRINT)
            .chain(catalogue.values().map(String::as_str))
            .collect();
        serde_json::to_string(&list).unwrap()
    }

    #[test]
    fn the_french_catalogue_reads_back_from_its_shipped_file() {
        let json = std::fs::read_to_string("i18n/fr.json").unwrap();
        let french: std::collections::BTreeMap<String, String> =
            serde_json::from_str(&json).unwrap();
        let texts = Texts::from_json(&shipped(&french)).expect("every key has a French text");
        assert_eq!(texts.nav_today(), FRENCH.nav_today());
        assert_eq!(texts.today_title(), "Aujourd’hui");
        // A file of another version, one text short, or no list: refused
        // whole, never half used.
        let mut short = french.clone();
        short.remove("nav.today");
        assert!(Texts::from_json(&shipped(&short)).is_none());
        let other = shipped(&french).replacen(KEYS_FINGERPRINT, "0000000000000000", 1);
        assert!(Texts::from_json(&other).is_none());
        assert!(Texts::from_json("not json").is_none());
        assert!(Texts::from_json(&json).is_none());
    }

    #[test]
    fn the_english_file_completes_the_catalogue_and_a_stale_one_does_not() {
        let json = std::fs::read_to_string("i18n/en.json").unwrap();
        let english: std::collections::BTreeMap<String, String> =
            serde_json::from_str(&json).unwrap();
        let stale = shipped(&english).replacen(KEYS_FINGERPRINT, "0000000000000000", 1);
        assert!(!complete_english(&stale));
        assert!(!complete_english("[]"));
        assert!(complete_english(&shipped(&english)));
        assert_eq!(t().settings_title(), "Settings");
        assert!(every_text_here());
    }
}
