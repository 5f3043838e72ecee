//! What another app shares into Coffee Chat through the manifest's share
//! target: a page title, some text and a link, any of which may be missing.
//! Sharing a profile should open Add person with the name and the address
//! already there.

use super::person::{is_web_address, NAME_MAX_CHARS};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedContact {
    pub name: String,
    pub profile: String,
}

/// Page titles name the site after the person ("Ana Silva | LinkedIn",
/// "Ana Silva - Product lead - Acme"); the person comes first.
const TITLE_SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " · ", " on "];

/// A title that is only the site's name says nothing about the person.
const SITE_NAMES: [&str; 8] = [
    "linkedin",
    "github",
    "x",
    "twitter",
    "facebook",
    "instagram",
    "mastodon",
    "bluesky",
];

/// The words kept from shared text when there is no title: a name, not a
/// message someone wrote around the link.
const NAME_MAX_WORDS: usize = 5;

impl SharedContact {
    pub fn from_share(title: &str, text: &str, url: &str) -> SharedContact {
        let url = url.trim();
        let profile = if is_web_address(url) {
            url.to_string()
        } else {
            first_link(text).unwrap_or_default()
        };
        let name = name_from_title(title)
            .or_else(|| name_from_text(text))
            .unwrap_or_default();
        SharedContact { name, profile }
    }

    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.profile.is_empty()
    }
}

fn first_link(text: &str) -> Option<String> {
    text.split_whitespace()
        .map(|word| {
            let start = word.find("http").unwrap_or(0);
            word[start..].trim_end_matches(['.', ',', ';', ':', ')', '>', '"', '\'', '!', '?'])
        })
        .find(|word| is_web_address(word))
        .map(str::to_string)
}

fn name_from_title(title: &str) -> Option<String> {
    // "(3) Ana Silva | LinkedIn": the count of unread notifications.
    let title = title.trim();
    let title = match title.strip_prefix('(').and_then(|t| t.split_once(") ")) {
        Some((count, rest)) if count.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => title,
    };
    let cut = TITLE_SEPARATORS
        .iter()
        .filter_map(|separator| title.find(separator))
        .min()
        .unwrap_or(title.len());
    plausible_name(&title[..cut])
}

/// A line of its own, like the first line of a shared contact. A line
/// around a link is a message ("Check out Ana's profile: https://…").
fn name_from_text(text: &str) -> Option<String> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.contains("://"))?;
    let looks_like_a_name = line.split_whitespace().count() <= NAME_MAX_WORDS
        && line.chars().any(char::is_alphabetic)
        && !line.contains([':', '@', '?', '!']);
    looks_like_a_name.then(|| plausible_name(line)).flatten()
}

fn plausible_name(candidate: &str) -> Option<String> {
    let name = candidate.trim();
    let is_site = SITE_NAMES.contains(&name.to_lowercase().as_str());
    (!name.is_empty()
        && !is_site
        && name.chars().count() <= NAME_MAX_CHARS
        && !name.contains("://"))
    .then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(title: &str, text: &str, url: &str) -> (String, String) {
        let contact = SharedContact::from_share(title, text, url);
        (contact.name, contact.profile)
    }

    #[test]
    fn a_profile_page_gives_the_name_before_the_site_and_its_address() {
        assert_eq!(
            shared(
                "Ana Silva | LinkedIn",
                "",
                "https://www.linkedin.com/in/ana-silva"
            ),
            (
                "Ana Silva".into(),
                "https://www.linkedin.com/in/ana-silva".into()
            )
        );
        assert_eq!(
            shared(
                "(3) Chloé Tremblay - Product lead - Acme | LinkedIn",
                "",
                ""
            ),
            ("Chloé Tremblay".into(), String::new())
        );
        assert_eq!(shared("Ben Ng on Mastodon", "", "").0, "Ben Ng");
        // A name with a hyphen has no spaces around it and stays whole.
        assert_eq!(shared("Marie-Ève Roy | GitHub", "", "").0, "Marie-Ève Roy");
    }

    #[test]
    fn apps_that_put_the_link_in_the_text_still_give_the_address() {
        assert_eq!(
            shared(
                "",
                "Check out Ana's profile: https://example.com/ana-silva.",
                ""
            ),
            (String::new(), "https://example.com/ana-silva".into())
        );
        assert_eq!(
            shared("Ana Silva", "(https://example.com/ana)", "not a link").1,
            "https://example.com/ana"
        );
    }

    #[test]
    fn a_short_first_line_of_text_names_the_person_when_there_is_no_title() {
        assert_eq!(
            shared("", "Ben Okafor\n+1 555 0100", ""),
            ("Ben Okafor".into(), String::new())
        );
        assert_eq!(
            shared("", "https://example.com/ben\nBen Okafor", ""),
            ("Ben Okafor".into(), "https://example.com/ben".into())
        );
        assert_eq!(shared("", "ben@example.com", "").0, "");
        // A sentence around the link is not a name.
        assert_eq!(
            shared(
                "",
                "You should really meet this person https://example.com/x",
                ""
            )
            .0,
            ""
        );
    }

    #[test]
    fn nothing_unsafe_or_meaningless_becomes_a_name_or_a_link() {
        assert_eq!(
            shared("LinkedIn", "", "javascript:alert(1)"),
            Default::default()
        );
        assert_eq!(shared("", "data:text/html,hi", ""), Default::default());
        assert!(SharedContact::from_share("  ", "", "").is_empty());
        let long = "A".repeat(NAME_MAX_CHARS + 1);
        assert_eq!(shared(&long, "", "").0, "");
    }
}
