//! A person on the list: their fields, checked as typed, the folded
//! search, and the list's order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::stage::Stage;
use super::words::fold;
use crate::i18n::t;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(pub String);

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Someone the user might learn from. Every field but the name is optional;
/// `#[serde(default)]` lets records written before a field existed still load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub field: String,
    /// The Person who introduced us, when there is one in the list.
    #[serde(default)]
    pub introduced_by: Option<PersonId>,
    /// How we are connected, in the user's words ("met at the Tech Meetup").
    #[serde(default)]
    pub connection: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub linkedin: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::domain::instant::deserialize")]
    pub updated_at: DateTime<Utc>,
}

/// One editable property of a Person, as the edit form sees it: text in,
/// validated, then applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonField {
    Name,
    Role,
    Organisation,
    Field,
    Connection,
    Email,
    Phone,
    Linkedin,
    Tags,
    Notes,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: PersonField,
    pub message: &'static str,
}

pub const NAME_MAX_CHARS: usize = 120;

impl Person {
    /// A new Person from a name; fails with a message fit to show the user.
    pub fn new(id: PersonId, name: &str, now: DateTime<Utc>) -> Result<Person, FieldError> {
        let name = validate(PersonField::Name, name)?;
        Ok(Person {
            id,
            name,
            role: String::new(),
            organisation: String::new(),
            field: String::new(),
            introduced_by: None,
            connection: String::new(),
            email: String::new(),
            phone: String::new(),
            linkedin: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            created_at: now,
            updated_at: now,
        })
    }

    pub fn text(&self, field: PersonField) -> String {
        match field {
            PersonField::Name => self.name.clone(),
            PersonField::Role => self.role.clone(),
            PersonField::Organisation => self.organisation.clone(),
            PersonField::Field => self.field.clone(),
            PersonField::Connection => self.connection.clone(),
            PersonField::Email => self.email.clone(),
            PersonField::Phone => self.phone.clone(),
            PersonField::Linkedin => self.linkedin.clone(),
            PersonField::Tags => self.tags.join(", "),
            PersonField::Notes => self.notes.clone(),
        }
    }

    /// Sets one field from what the user typed. On error nothing changes.
    pub fn set(
        &mut self,
        field: PersonField,
        input: &str,
        now: DateTime<Utc>,
    ) -> Result<(), FieldError> {
        let value = validate(field, input)?;
        match field {
            PersonField::Name => self.name = value,
            PersonField::Role => self.role = value,
            PersonField::Organisation => self.organisation = value,
            PersonField::Field => self.field = value,
            PersonField::Connection => self.connection = value,
            PersonField::Email => self.email = value,
            PersonField::Phone => self.phone = value,
            PersonField::Linkedin => self.linkedin = value,
            PersonField::Tags => self.tags = parse_tags(&value),
            PersonField::Notes => self.notes = value,
        }
        self.updated_at = now;
        Ok(())
    }

    /// Links this Person to whoever introduced them; nobody introduces
    /// themselves.
    pub fn set_introduced_by(
        &mut self,
        referrer: Option<PersonId>,
        now: DateTime<Utc>,
    ) -> Result<(), &'static str> {
        if referrer.as_ref() == Some(&self.id) {
            return Err(t().person_cannot_introduce_self());
        }
        self.introduced_by = referrer;
        self.updated_at = now;
        Ok(())
    }

    /// Whether a search query matches: every word of the query must appear
    /// in the name, role, organisation, tags or notes, ignoring case and
    /// accents ("helene" finds "Hélène").
    pub fn matches(&self, query: &str) -> bool {
        SearchQuery::new(query).matches(&self.search_key())
    }

    /// What [`Person::matches`] searches, folded: a list searched on every
    /// keystroke keeps these instead of folding every person each time.
    pub fn search_key(&self) -> String {
        fold(&format!(
            "{}\n{}\n{}\n{}\n{}",
            self.name,
            self.role,
            self.organisation,
            self.tags.join(" "),
            self.notes
        ))
    }
}

/// Trims and checks one field's input; returns the value to store.
pub fn validate(field: PersonField, input: &str) -> Result<String, FieldError> {
    let fail = |message| Err(FieldError { field, message });
    // Notes keep their layout; single-line fields lose stray spaces.
    let value = if field == PersonField::Notes {
        input.trim_end().to_string()
    } else {
        input.trim().to_string()
    };
    match field {
        PersonField::Name if value.is_empty() => fail(t().person_name_required()),
        PersonField::Name if value.chars().count() > NAME_MAX_CHARS => {
            fail(t().person_name_too_long())
        }
        PersonField::Email if !value.is_empty() && !is_email(&value) => {
            fail(t().person_bad_email())
        }
        PersonField::Phone if !value.is_empty() && !is_phone(&value) => {
            fail(t().person_bad_phone())
        }
        PersonField::Linkedin if !value.is_empty() && !is_web_address(&value) => {
            fail(t().field_bad_web_address())
        }
        _ => Ok(value),
    }
}

fn is_email(value: &str) -> bool {
    let mut parts = value.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    // `?`, `&`, `%` and line breaks would let an address smuggle headers
    // (a Bcc, a subject) into a mailto link.
    !local.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "?&%,;:<>\"'()[]\\/#".contains(c))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

fn is_phone(value: &str) -> bool {
    value.chars().filter(char::is_ascii_digit).count() >= 3
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

/// Only http and https: a `javascript:` or `data:` address must never become
/// a link the user taps.
pub fn is_web_address(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains('@')
}

/// Tags as typed, separated by commas; blanks and repeats (ignoring case)
/// are dropped.
pub fn parse_tags(input: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in input.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| fold(t) == fold(tag)) {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// A search as typed, folded once, to test against many folded texts.
pub struct SearchQuery(Vec<String>);

impl SearchQuery {
    pub fn new(query: &str) -> SearchQuery {
        SearchQuery(fold(query).split_whitespace().map(str::to_string).collect())
    }

    /// Whether every word is in `folded`, a text already passed through
    /// [`fold`].
    pub fn matches(&self, folded: &str) -> bool {
        self.0.iter().all(|word| folded.contains(word.as_str()))
    }
}

/// The People list order, as a sort key: by stage (see [`Stage::list_rank`]),
/// then by name ignoring case and accents, then by id so that namesakes
/// keep their places.
pub fn list_key(stage: Stage, person: &Person) -> (u8, String, &PersonId) {
    (stage.list_rank(), fold(&person.name), &person.id)
}

/// Everyone's id and name but `except`'s, in the order a person looks
/// for a name: alphabetical, ignoring case and accents.
pub fn names_in_order(people: &[Person], except: Option<&PersonId>) -> Vec<(PersonId, String)> {
    let mut names: Vec<(PersonId, String)> = people
        .iter()
        .filter(|p| Some(&p.id) != except)
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    crate::domain::sorting::sort_by_key(&mut names, |(_, name)| fold(name));
    names
}

/// The people `introducer` introduced, in the list's order.
pub fn introduced_by<'a>(
    people: &'a [Person],
    introducer: &'a PersonId,
) -> impl Iterator<Item = &'a Person> {
    people
        .iter()
        .filter(move |p| p.introduced_by.as_ref() == Some(introducer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn person(id: &str, name: &str) -> Person {
        Person::new(PersonId(id.into()), name, now()).unwrap()
    }

    #[test]
    fn a_name_is_required_and_trimmed() {
        assert_eq!(
            Person::new(PersonId("a".into()), "   ", now())
                .unwrap_err()
                .message,
            "A name is required."
        );
        assert_eq!(person("a", "  Ana Silva ").name, "Ana Silva");
    }

    #[test]
    fn an_overlong_name_is_refused() {
        let long = "x".repeat(NAME_MAX_CHARS + 1);
        assert!(Person::new(PersonId("a".into()), &long, now()).is_err());
        assert!(Person::new(PersonId("a".into()), &long[1..], now()).is_ok());
    }

    #[test]
    fn a_failed_edit_changes_nothing() {
        let mut p = person("a", "Ana");
        let before = p.clone();
        let later = now() + chrono::Duration::minutes(5);
        assert!(p.set(PersonField::Name, "  ", later).is_err());
        assert!(p
            .set(PersonField::Linkedin, "javascript:alert(1)", later)
            .is_err());
        assert_eq!(p, before);
        p.set(PersonField::Role, " Data analyst ", later).unwrap();
        assert_eq!(p.role, "Data analyst");
        assert_eq!(p.updated_at, later);
    }

    #[test]
    fn linkedin_accepts_only_http_and_https_addresses() {
        let cases = [
            ("https://www.linkedin.com/in/ana-silva", true),
            ("http://linkedin.com/in/ana", true),
            ("HTTPS://LinkedIn.com/in/Ana", true),
            ("https://linkedin.com", true),
            ("javascript:alert(1)", false),
            ("data:text/html,hi", false),
            ("ftp://linkedin.com/in/ana", false),
            ("linkedin.com/in/ana", false),
            ("https://", false),
            ("https://localhost", false),
            ("https://linkedin.com/in/ana silva", false),
            ("https://evil@linkedin.com", false),
            ("https://.com", false),
        ];
        for (input, ok) in cases {
            assert_eq!(is_web_address(input), ok, "{input}");
        }
        let mut p = person("a", "Ana");
        assert!(p.set(PersonField::Linkedin, "", now()).is_ok());
    }

    #[test]
    fn email_and_phone_are_checked_loosely() {
        for (input, ok) in [
            ("ana@example.com", true),
            ("ana.silva+coffee@mail.example.ca", true),
            ("ana@example", false),
            ("ana@@example.com", false),
            ("@example.com", false),
            ("ana silva@example.com", false),
            ("ana@example.com.", false),
            ("ana@example.com?bcc=eve@evil.test", false),
            ("ana@example.com&subject=x", false),
            ("ana@example.com\r\nbcc:eve@evil.test", false),
            ("ana@example.com%0D%0Abcc:eve@evil.test", false),
        ] {
            assert_eq!(is_email(input), ok, "{input}");
        }
        for (input, ok) in [
            ("+1 (416) 555-0199", true),
            ("416.555.0199", true),
            ("12", false),
            ("call me", false),
        ] {
            assert_eq!(is_phone(input), ok, "{input}");
        }
    }

    #[test]
    fn tags_are_split_on_commas_without_blanks_or_repeats() {
        assert_eq!(
            parse_tags(" data, UX ,, data ,Café, cafe"),
            vec!["data", "UX", "Café"]
        );
        let mut p = person("a", "Ana");
        p.set(PersonField::Tags, "fintech, mentor", now()).unwrap();
        assert_eq!(p.text(PersonField::Tags), "fintech, mentor");
    }

    #[test]
    fn nobody_introduces_themselves() {
        let mut p = person("a", "Ana");
        assert!(p
            .set_introduced_by(Some(PersonId("a".into())), now())
            .is_err());
        assert_eq!(p.introduced_by, None);
        p.set_introduced_by(Some(PersonId("b".into())), now())
            .unwrap();
        assert_eq!(p.introduced_by, Some(PersonId("b".into())));
    }

    #[test]
    fn search_covers_name_organisation_notes_and_ignores_case_and_accents() {
        let mut p = person("a", "Hélène Tremblay");
        p.set(PersonField::Organisation, "City of Montréal", now())
            .unwrap();
        p.set(PersonField::Notes, "Runs the open-data team", now())
            .unwrap();
        for (query, hit) in [
            ("helene", true),
            ("TREMBLAY", true),
            ("montreal", true),
            ("open-data", true),
            ("helene data", true),
            ("helene finance", false),
            ("", true),
        ] {
            assert_eq!(p.matches(query), hit, "{query}");
        }
    }

    #[test]
    fn list_key_orders_by_stage_then_name() {
        let zoe = person("1", "zoë");
        let adam = person("2", "Adam");
        let bea = person("3", "Béa");
        let mut rows = [
            (Stage::Idea, &zoe),
            (Stage::Done, &adam),
            (Stage::Idea, &bea),
            (Stage::Booked, &adam),
        ];
        rows.sort_by_cached_key(|(stage, person)| list_key(*stage, person));
        let names: Vec<(Stage, &str)> = rows.iter().map(|(s, p)| (*s, p.name.as_str())).collect();
        assert_eq!(
            names,
            vec![
                (Stage::Booked, "Adam"),
                (Stage::Idea, "Béa"),
                (Stage::Idea, "zoë"),
                (Stage::Done, "Adam"),
            ]
        );
    }

    #[test]
    fn records_missing_newer_fields_still_load() {
        let json = r#"{"id":"p1","name":"Ana","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}"#;
        let p: Person = serde_json::from_str(json).unwrap();
        assert_eq!(p.name, "Ana");
        assert!(p.tags.is_empty());
    }

    #[test]
    fn the_people_someone_introduced_are_found_by_their_introducer() {
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 23, 9, 0, 0).unwrap();
        let person = |id: &str, by: Option<&str>| {
            let mut p = Person::new(PersonId(id.into()), id, now).unwrap();
            p.introduced_by = by.map(|by| PersonId(by.into()));
            p
        };
        let people = [
            person("ana", None),
            person("ben", Some("ana")),
            person("cleo", Some("ben")),
            person("dev", Some("ana")),
        ];
        let ana = PersonId("ana".into());
        let names: Vec<_> = introduced_by(&people, &ana)
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["ben", "dev"]);
        assert_eq!(introduced_by(&people, &PersonId("dev".into())).count(), 0);
    }

    #[test]
    fn names_come_alphabetically_whatever_their_case_and_accents() {
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 23, 9, 0, 0).unwrap();
        let people: Vec<Person> = ["zoé", "Émile", "ana", "Bruno"]
            .iter()
            .map(|name| Person::new(PersonId(name.to_lowercase()), name, now).unwrap())
            .collect();
        let names = |except: Option<&PersonId>| -> Vec<String> {
            names_in_order(&people, except)
                .into_iter()
                .map(|(_, name)| name)
                .collect()
        };
        assert_eq!(names(None), ["ana", "Bruno", "Émile", "zoé"]);
        assert_eq!(
            names(Some(&PersonId("bruno".into()))),
            ["ana", "Émile", "zoé"]
        );
    }
}
