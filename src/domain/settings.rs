//! The person's own details and choices: name, signature, field, target,
//! meeting cues, language and theme, the checklist template.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::prep::{built_in_checklist, BankQuestion, ChecklistItem};
use crate::i18n::t;

pub const DEFAULT_TARGET_CHATS: u32 = 5;
pub const MAX_TARGET_CHATS: u32 = 100;

fn default_target() -> u32 {
    DEFAULT_TARGET_CHATS
}

pub const DEFAULT_WRAP_UP_MINUTES: u32 = 2;
pub const WRAP_UP_CHOICES: [u32; 4] = [1, 2, 3, 5];

fn default_wrap_up() -> u32 {
    DEFAULT_WRAP_UP_MINUTES
}

fn yes() -> bool {
    true
}

pub const THANK_YOU_CHOICES: [u32; 5] = [1, 2, 3, 4, 5];

fn default_thank_you_days() -> u32 {
    1
}

/// The user's own details and goals, used in messages and on Today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub my_name: String,
    /// How messages end; the name alone when empty.
    #[serde(default)]
    pub signature: String,
    /// The field the user wants to learn about ("urban planning").
    #[serde(default)]
    pub target_field: String,
    /// One line of background for the pitch ("policy intern with an
    /// economics degree").
    #[serde(default)]
    pub background: String,
    #[serde(default = "default_target")]
    pub target_chats: u32,
    /// What every new chat's checklist starts from.
    #[serde(default = "built_in_checklist")]
    pub checklist_template: Vec<ChecklistItem>,
    /// Questions the user saved to reuse in later chats.
    #[serde(default)]
    pub own_questions: Vec<BankQuestion>,
    /// Target ids in the order the person put them by hand; empty, the
    /// method's ranking (`domain::targets`).
    #[serde(default)]
    pub target_order: Vec<String>,
    /// Minutes before the end when the close begins.
    #[serde(default = "default_wrap_up")]
    pub wrap_up_minutes: u32,
    /// A cue at each phase of the meeting: a short vibration where the
    /// phone can, a flash at the screen's edges where it cannot; never a
    /// sound.
    #[serde(default = "yes")]
    pub vibrate: bool,
    /// Days after a chat the thank-you is due: 1 (within 24 hours) to 5.
    #[serde(default = "default_thank_you_days")]
    pub thank_you_days: u32,
    /// When a backup file was last exported.
    #[serde(
        default,
        deserialize_with = "crate::domain::instant::deserialize_option"
    )]
    pub last_backup_at: Option<DateTime<Utc>>,
    /// Planned length of new chats, in minutes.
    #[serde(default = "default_length")]
    pub default_length: u32,
    #[serde(default)]
    pub theme: Theme,
    #[serde(default)]
    pub language: LanguageChoice,
    /// The person closed the card that explains Add to Home Screen.
    #[serde(default)]
    pub home_screen_tip_dismissed: bool,
    /// Text typed into a box that a button commits later (a new question,
    /// a new target), by box, so that it survives a reload or a crash
    /// like any typed text. Kept as JSON: its decoder is in the download
    /// already.
    #[serde(default)]
    pub drafts: serde_json::Map<String, serde_json::Value>,
}

fn default_length() -> u32 {
    crate::domain::chat::DEFAULT_LENGTH_MINUTES
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Light or dark as the phone is set.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => t().theme_system(),
            Theme::Light => t().theme_light(),
            Theme::Dark => t().theme_dark(),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

/// The interface's language: the phone's, or one chosen in Settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LanguageChoice {
    /// The first of English and French in the phone's languages; English
    /// when it lists neither (public/first-paint.js decides).
    #[default]
    Phone,
    English,
    French,
}

impl LanguageChoice {
    pub const ALL: [LanguageChoice; 3] = [
        LanguageChoice::Phone,
        LanguageChoice::English,
        LanguageChoice::French,
    ];

    /// Each in its own language but the first, so that someone who cannot
    /// read the interface still finds theirs.
    pub fn label(self) -> &'static str {
        match self {
            LanguageChoice::Phone => t().language_phone(),
            LanguageChoice::English => "English",
            LanguageChoice::French => "Français",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            LanguageChoice::Phone => "phone",
            LanguageChoice::English => "en",
            LanguageChoice::French => "fr",
        }
    }

    pub fn from_slug(slug: &str) -> Option<LanguageChoice> {
        LanguageChoice::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            my_name: String::new(),
            signature: String::new(),
            target_field: String::new(),
            background: String::new(),
            target_chats: DEFAULT_TARGET_CHATS,
            checklist_template: built_in_checklist(),
            own_questions: Vec::new(),
            target_order: Vec::new(),
            wrap_up_minutes: DEFAULT_WRAP_UP_MINUTES,
            vibrate: true,
            thank_you_days: default_thank_you_days(),
            last_backup_at: None,
            default_length: default_length(),
            theme: Theme::System,
            language: LanguageChoice::Phone,
            home_screen_tip_dismissed: false,
            drafts: serde_json::Map::new(),
        }
    }
}

impl Settings {
    /// The closing lines of a message.
    pub fn sign_off(&self) -> String {
        match (self.signature.trim(), self.my_name.trim()) {
            ("", "") => String::new(),
            ("", name) => name.to_string(),
            (signature, _) => signature.to_string(),
        }
    }

    pub fn set_target_chats(&mut self, input: &str) -> Result<(), &'static str> {
        match input.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_TARGET_CHATS).contains(&n) => {
                self.target_chats = n;
                Ok(())
            }
            _ => Err(crate::i18n::t().settings_target_error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_target_is_five_chats() {
        assert_eq!(Settings::default().target_chats, 5);
        let stored: Settings = serde_json::from_str("{}").unwrap();
        assert_eq!(stored, Settings::default());
    }

    #[test]
    fn new_settings_fields_have_defaults_when_an_older_record_lacks_them() {
        let stored: Settings = serde_json::from_str(r#"{"my_name":"Sam"}"#).unwrap();
        assert_eq!(stored.default_length, 10);
        assert_eq!(stored.theme, Theme::System);
        assert_eq!(stored.wrap_up_minutes, 2);
        assert!(stored.vibrate);
        for theme in Theme::ALL {
            assert_eq!(Theme::from_slug(theme.slug()), Some(theme));
        }
    }

    #[test]
    fn the_target_must_be_a_sensible_whole_number() {
        let mut s = Settings::default();
        for bad in ["0", "-3", "2.5", "many", "", "101"] {
            assert!(s.set_target_chats(bad).is_err(), "{bad}");
        }
        assert_eq!(s.target_chats, 5);
        s.set_target_chats(" 12 ").unwrap();
        assert_eq!(s.target_chats, 12);
    }

    #[test]
    fn messages_are_signed_with_the_signature_or_the_name() {
        let mut s = Settings::default();
        assert_eq!(s.sign_off(), "");
        s.my_name = "Sam Lee".into();
        assert_eq!(s.sign_off(), "Sam Lee");
        s.signature = "Sam Lee\n416-555-0199".into();
        assert_eq!(s.sign_off(), "Sam Lee\n416-555-0199");
    }
}
