//! Moving between screens without loading a page: which screen an address
//! names, links that change the address in place, and back and forward.
//! It is this small on purpose: the app has a dozen fixed addresses, and a
//! general router added more to the download (39 KB brotli) than most
//! screens. The address rules are plain Rust, tested natively.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::chat::ChatId;
use crate::domain::person::PersonId;
use crate::domain::targets::TargetId;
use crate::domain::words::percent_encode;

/// The screen an address names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Today,
    People,
    NewPerson,
    Person(PersonId),
    Chat(ChatId),
    Prepare(ChatId),
    Meet(ChatId),
    /// `/meet`, the home-screen shortcut to the next booked chat.
    MeetShortcut,
    Queue,
    Targets,
    Target(TargetId),
    Insights,
    Settings,
    NotFound,
}

impl Screen {
    /// Reads a path as the browser gives it: percent-encoded, perhaps
    /// with a trailing slash.
    pub fn of_path(path: &str) -> Screen {
        let trimmed = path.trim_end_matches('/');
        let segments: Vec<String> = trimmed.split('/').skip(1).map(percent_decode).collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match segments[..] {
            [] => Screen::Today,
            ["people"] => Screen::People,
            ["people", "new"] => Screen::NewPerson,
            ["people", id] if !id.is_empty() => Screen::Person(PersonId(id.into())),
            ["chats", id] if !id.is_empty() => Screen::Chat(ChatId(id.into())),
            ["chats", id, "prepare"] if !id.is_empty() => Screen::Prepare(ChatId(id.into())),
            ["chats", id, "meet"] if !id.is_empty() => Screen::Meet(ChatId(id.into())),
            ["meet"] => Screen::MeetShortcut,
            ["queue"] => Screen::Queue,
            ["targets"] => Screen::Targets,
            ["targets", id] if !id.is_empty() => Screen::Target(TargetId(id.into())),
            ["insights"] => Screen::Insights,
            ["settings"] => Screen::Settings,
            _ => Screen::NotFound,
        }
    }
}

/// The addresses of the screens without an id, for links written in a
/// view: one place for each, and each reads back as its screen (tested).
impl Screen {
    pub const TODAY: &'static str = "/";
    pub const PEOPLE: &'static str = "/people";
    pub const NEW_PERSON: &'static str = "/people/new";
    pub const QUEUE: &'static str = "/queue";
    pub const TARGETS: &'static str = "/targets";
    pub const INSIGHTS: &'static str = "/insights";
    pub const SETTINGS: &'static str = "/settings";
}

impl Screen {
    /// The address of this screen, for links and the history; an id is
    /// escaped so that [`Screen::of_path`] reads back the same screen.
    pub fn href(&self) -> String {
        let (base, id, tail) = match self {
            Screen::Today | Screen::NotFound => (Screen::TODAY, None, ""),
            Screen::People => (Screen::PEOPLE, None, ""),
            Screen::NewPerson => (Screen::NEW_PERSON, None, ""),
            Screen::Person(id) => ("/people/", Some(&id.0), ""),
            Screen::Chat(id) => ("/chats/", Some(&id.0), ""),
            Screen::Prepare(id) => ("/chats/", Some(&id.0), "/prepare"),
            Screen::Meet(id) => ("/chats/", Some(&id.0), "/meet"),
            Screen::MeetShortcut => ("/meet", None, ""),
            Screen::Queue => (Screen::QUEUE, None, ""),
            Screen::Targets => (Screen::TARGETS, None, ""),
            Screen::Target(id) => ("/targets/", Some(&id.0), ""),
            Screen::Insights => (Screen::INSIGHTS, None, ""),
            Screen::Settings => (Screen::SETTINGS, None, ""),
        };
        format!(
            "{base}{}{tail}",
            id.map(|id| percent_encode(id)).unwrap_or_default()
        )
    }
}

/// Add person with one field filled in (`organisation`, `introduced_by`),
/// escaped so that [`query_value`] reads back the same value; without a
/// value, Add person as it is.
pub fn add_person_with(field: &str, value: &str) -> String {
    let add = Screen::NewPerson.href();
    match value.trim() {
        "" => add,
        value => format!("{add}?{field}={}", percent_encode(value)),
    }
}

/// Whether a link to `href` leads to where `path` is: the same screen, or
/// for a section link (`exact` false) any screen inside it, so that People
/// stays marked on a person's screen.
pub fn leads_to(href: &str, path: &str, exact: bool) -> bool {
    let (href, path) = (href.trim_end_matches('/'), path.trim_end_matches('/'));
    path == href
        || (!exact
            && path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/')))
}

/// One value of a query string (`?a=1&b=two+words`), decoded as a form
/// sends it, which is how a shared page arrives.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| percent_decode(&key.replace('+', " ")) == name)
        .map(|(_, value)| percent_decode(&value.replace('+', " ")))
}

/// `%XX` escapes back to the text they stand for; a malformed escape is
/// kept as written and bytes that are not UTF-8 become U+FFFD.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where the app is: the path and the query string, as the browser has
/// them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Address {
    path: String,
    query: String,
}

impl Address {
    fn joined(&self) -> String {
        format!("{}{}", self.path, self.query)
    }

    fn current() -> Address {
        let location = window().location();
        Address {
            path: location.pathname().unwrap_or_default(),
            query: location.search().unwrap_or_default(),
        }
    }
}

/// The app's place in its history, shared through context.
#[derive(Clone, Copy)]
pub struct Router {
    address: RwSignal<Address>,
    screen: Memo<Screen>,
}

/// Starts following the address: taps on the app's own links and the back
/// and forward buttons change the screen without loading a page.
pub fn provide_router() -> Router {
    let router = provide_address();
    let _ = window_event_listener(leptos::ev::click, move |ev| router.follow_link(&ev));
    // The browser restores the scroll position itself once the screen has
    // been rebuilt, which happens before it does so.
    let _ = window_event_listener(leptos::ev::popstate, move |_| router.settle());
    router
}

/// The address as it is, without following links: for a screen drawn
/// before the app starts.
pub fn provide_address() -> Router {
    let address = RwSignal::new(Address::current());
    let router = Router {
        address,
        screen: Memo::new(move |_| address.with(|a| Screen::of_path(&a.path))),
    };
    provide_context(router);
    router
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}

impl Router {
    pub fn screen(self) -> Memo<Screen> {
        self.screen
    }

    /// One value of the query string, followed as it changes.
    pub fn query(self, name: &str) -> Option<String> {
        self.address.with(|a| query_value(&a.query, name))
    }

    /// One value of the query string as the screen opened with it.
    pub fn query_untracked(self, name: &str) -> Option<String> {
        self.address.with_untracked(|a| query_value(&a.query, name))
    }

    /// Whether a link to `href` leads to the current screen; see [`leads_to`].
    pub fn is_current(self, href: &str, exact: bool) -> bool {
        self.address.with(|a| leads_to(href, &a.path, exact))
    }

    /// Opens `to` as a new step in the history, at the top of the screen.
    pub fn go(self, to: &str) {
        self.visit(to, false);
    }

    /// Opens `to` in place of the current step, so that Back skips it.
    pub fn replace(self, to: &str) {
        self.visit(to, true);
    }

    fn visit(self, to: &str, replace: bool) {
        let here = self.address.with_untracked(Address::joined);
        if !write_history(&here, to, replace) {
            return;
        }
        self.settle();
        if !replace {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// Takes the address from the browser, telling the screens only if it
    /// changed (a jump to `#main` does not).
    fn settle(self) {
        let now = Address::current();
        if self.address.with_untracked(|a| a != &now) {
            self.address.set(now);
        }
    }

    /// A tap on one of the app's own links opens its screen in place.
    fn follow_link(self, ev: &web_sys::MouseEvent) {
        if let Some(address) = link_to_follow(ev) {
            ev.prevent_default();
            self.go(&address);
        }
    }
}

/// Where a tap on one of the app's own links leads (path and query); `None`
/// for taps left to the browser: a new tab or window, a download, another
/// site, or a jump within the screen.
fn link_to_follow(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let anchor = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())?;
    let location = window().location();
    let elsewhere = anchor.has_attribute("download")
        || !matches!(anchor.target().as_str(), "" | "_self")
        || anchor.rel().split_whitespace().any(|r| r == "external")
        || Some(anchor.origin()) != location.origin().ok();
    let (path, query) = (anchor.pathname(), anchor.search());
    let within_screen = !anchor.hash().is_empty()
        && Some(&path) == location.pathname().ok().as_ref()
        && Some(&query) == location.search().ok().as_ref();
    (!elsewhere && !within_screen).then(|| format!("{path}{query}"))
}

/// Keeps the last tap on one of the app's links while there is no router
/// to follow it (the static first screen, or Today drawn from its glance,
/// while the records are read): followed by the browser, it would load the
/// page and start all over. The returned function, called as the app starts, stops keeping
/// taps and puts the address last asked for in the history, where the
/// app's router finds it.
pub fn hold_link_taps() -> impl FnOnce() {
    let asked_for = std::rc::Rc::new(std::cell::Cell::new(None::<String>));
    let kept = asked_for.clone();
    let listener = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(address) = link_to_follow(&ev) {
            ev.prevent_default();
            kept.set(Some(address));
        }
    });
    move || {
        listener.remove();
        if let Some(address) = asked_for.take() {
            write_history(&Address::current().joined(), &address, false);
        }
    }
}

/// Moves the history from `here` to `to`: in place of the current step
/// when `replace`, else as a new step unless `to` is `here`. False when it
/// could not: then, if the browser refused, the page is loading `to`.
fn write_history(here: &str, to: &str, replace: bool) -> bool {
    let Ok(history) = window().history() else {
        return false;
    };
    let changed = if replace {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
    } else if here == to {
        // The tab already open: no second step in the history.
        Ok(())
    } else {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
    };
    if changed.is_err() {
        // A history the browser refuses to change: load the page instead.
        let _ = window().location().set_href(to);
    }
    changed.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_address_names_its_screen() {
        let person = |id: &str| Screen::Person(PersonId(id.into()));
        let chat = |id: &str| ChatId(id.into());
        for (path, screen) in [
            ("/", Screen::Today),
            ("", Screen::Today),
            ("/people", Screen::People),
            ("/people/", Screen::People),
            ("/people/new", Screen::NewPerson),
            ("/people/p1", person("p1")),
            ("/people/a%20b%C3%A9", person("a bé")),
            ("/chats/c1", Screen::Chat(chat("c1"))),
            ("/chats/c1/prepare", Screen::Prepare(chat("c1"))),
            ("/chats/c1/meet/", Screen::Meet(chat("c1"))),
            ("/meet", Screen::MeetShortcut),
            ("/queue", Screen::Queue),
            ("/targets", Screen::Targets),
            ("/targets/t1", Screen::Target(TargetId("t1".into()))),
            ("/targets/t1/x", Screen::NotFound),
            ("/insights", Screen::Insights),
            ("/settings", Screen::Settings),
            ("/chats", Screen::NotFound),
            ("/chats//meet", Screen::NotFound),
            ("/people/p1/edit", Screen::NotFound),
            ("/settings/x", Screen::NotFound),
            ("/index.html", Screen::NotFound),
            ("/%E2%28", Screen::NotFound),
        ] {
            assert_eq!(Screen::of_path(path), screen, "{path}");
        }
    }

    #[test]
    fn every_fixed_address_a_view_links_to_names_its_screen() {
        for (path, screen) in [
            (Screen::TODAY, Screen::Today),
            (Screen::PEOPLE, Screen::People),
            (Screen::NEW_PERSON, Screen::NewPerson),
            (Screen::QUEUE, Screen::Queue),
            (Screen::TARGETS, Screen::Targets),
            (Screen::INSIGHTS, Screen::Insights),
            (Screen::SETTINGS, Screen::Settings),
        ] {
            assert_eq!(Screen::of_path(path), screen);
            assert_eq!(screen.href(), path);
        }
    }

    #[test]
    fn every_screen_reads_back_from_its_address() {
        for id in ["p1", "a bé", "50%", "x?y#z", "new"] {
            for screen in [
                Screen::Person(PersonId(id.into())),
                Screen::Chat(ChatId(id.into())),
                Screen::Prepare(ChatId(id.into())),
                Screen::Meet(ChatId(id.into())),
                Screen::Target(TargetId(id.into())),
            ] {
                let href = screen.href();
                assert!(
                    href.starts_with('/') && !href[1..].contains(['?', '#', ' ']),
                    "{href}"
                );
                if screen != Screen::Person(PersonId("new".into())) {
                    assert_eq!(Screen::of_path(&href), screen, "{href}");
                }
            }
        }
        for screen in [
            Screen::Today,
            Screen::People,
            Screen::NewPerson,
            Screen::MeetShortcut,
            Screen::Queue,
            Screen::Targets,
            Screen::Insights,
            Screen::Settings,
        ] {
            assert_eq!(Screen::of_path(&screen.href()), screen);
        }
    }

    #[test]
    fn a_section_link_stays_current_inside_its_section_and_today_only_at_home() {
        assert!(leads_to("/people", "/people", false));
        assert!(leads_to("/people", "/people/p1", false));
        assert!(leads_to("/people", "/people/", false));
        assert!(!leads_to("/people", "/peoplex", false));
        assert!(!leads_to("/people", "/queue", false));
        assert!(leads_to("/", "/", true));
        assert!(!leads_to("/", "/people", true));
        assert!(!leads_to("/insights", "/insights/x", true));
    }

    #[test]
    fn query_values_are_decoded_as_a_form_sends_them() {
        let query = "?title=Ana+Silva%20-%20Data&text=&url=https%3A%2F%2Fx.ca%2Fin%2Fana&flag&section=words";
        assert_eq!(
            query_value(query, "title").as_deref(),
            Some("Ana Silva - Data")
        );
        assert_eq!(query_value(query, "text").as_deref(), Some(""));
        assert_eq!(
            query_value(query, "url").as_deref(),
            Some("https://x.ca/in/ana")
        );
        assert_eq!(query_value(query, "flag").as_deref(), Some(""));
        assert_eq!(query_value(query, "section").as_deref(), Some("words"));
        assert_eq!(query_value(query, "missing"), None);
        assert_eq!(query_value("", "title"), None);
        assert_eq!(
            query_value("?title=100%+sure%zz&x=%C3%A9t%C3%A9", "title").as_deref(),
            Some("100% sure%zz")
        );
        assert_eq!(query_value("?x=%C3%A9t%C3%A9", "x").as_deref(), Some("été"));
        assert_eq!(
            Screen::of_path("/people/%+f"),
            Screen::Person(PersonId("%+f".into()))
        );
        assert_eq!(query_value("?x=%FF", "x").as_deref(), Some("\u{FFFD}"));
    }

    #[test]
    fn add_person_with_a_field_reads_back_the_same_value() {
        for organisation in ["Hydro-Québec", "AT&T + Co", "50% Ltd", "a=b?c#d"] {
            let link = add_person_with("organisation", organisation);
            let (path, query) = link.split_once('?').unwrap();
            assert_eq!(Screen::of_path(path), Screen::NewPerson);
            assert_eq!(
                query_value(&format!("?{query}"), "organisation").as_deref(),
                Some(organisation)
            );
        }
        assert_eq!(add_person_with("organisation", "  "), "/people/new");
    }
}
