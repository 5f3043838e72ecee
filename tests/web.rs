//! Browser tests: the real `localStorage` adapter and mounted components,
//! run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use chrono::Utc;
use coffee_chat::domain::followup::{FollowUpId, FollowUpStatus};
use coffee_chat::domain::person::{Person, PersonField, PersonId};
use coffee_chat::state::{AppState, TextTarget};
use coffee_chat::storage::{
    record_key, KeyValueStore, LocalStore, MemoryStore, Repository, SharedStore, StoreError,
};
use coffee_chat::ui::App;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear_local_storage() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

fn person(id: &str, name: &str) -> Person {
    Person::new(PersonId(id.into()), name, Utc::now()).unwrap()
}

#[wasm_bindgen_test]
fn local_store_reads_writes_lists_and_removes() {
    clear_local_storage();
    let store = LocalStore::open().unwrap();
    assert_eq!(store.get("coffee-chat/test").unwrap(), None);
    store.set("coffee-chat/test", "héllo ☕").unwrap();
    assert_eq!(
        store.get("coffee-chat/test").unwrap().as_deref(),
        Some("héllo ☕")
    );
    assert!(store
        .keys()
        .unwrap()
        .contains(&"coffee-chat/test".to_string()));
    store.remove("coffee-chat/test").unwrap();
    assert_eq!(store.get("coffee-chat/test").unwrap(), None);
}

#[wasm_bindgen_test]
fn reading_entries_at_once_gives_each_text_exactly() {
    clear_local_storage();
    let store = LocalStore::open().unwrap();
    let awkward = [
        ("coffee-chat/a", String::new()),
        ("coffee-chat/é", "Chloé · 8 h 30 « à bientôt »".to_string()),
        ("coffee-chat/emoji", "☕🙂 and 𝄞".to_string()),
        ("coffee-chat/nul", "before\u{0}after".to_string()),
        ("coffee-chat/long", "x".repeat(200_000) + "ü"),
        // More bytes than characters: the buffer has to grow.
        ("coffee-chat/accents", "é".repeat(150_000)),
        ("coffee-chat/cups", "☕".repeat(100_000)),
        ("someone-else", "{\"not\": \"ours\"}".to_string()),
    ];
    for (key, value) in &awkward {
        store.set(key, value).unwrap();
    }
    let mut keys: Vec<String> = awkward.iter().map(|(k, _)| k.to_string()).collect();
    keys.insert(3, "coffee-chat/never-stored".to_string());
    let at_once = store.entries_of(&keys).unwrap();
    assert_eq!(
        at_once,
        coffee_chat::storage::entries_one_by_one(&store, &keys).unwrap()
    );
    let expected: Vec<(String, String)> = awkward
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    assert_eq!(
        at_once, expected,
        "in the order asked, the missing key left out"
    );
}

#[wasm_bindgen_test]
fn characters_are_counted_in_the_page_as_the_browser_counts_its_quota() {
    clear_local_storage();
    let store = LocalStore::open().unwrap();
    let entries = [
        ("coffee-chat/é", "Chloé « à bientôt »"),
        // Outside the basic plane: two UTF-16 units each, as the quota counts.
        ("coffee-chat/emoji", "☕🙂𝄞"),
        ("coffee-chat/empty", ""),
        ("someone-else", "not counted"),
    ];
    for (key, value) in entries {
        store.set(key, value).unwrap();
    }
    let expected: usize = entries
        .iter()
        .filter(|(key, _)| key.starts_with("coffee-chat/"))
        .map(|(key, value)| key.encode_utf16().count() + value.encode_utf16().count())
        .sum();
    assert_eq!(store.characters_under("coffee-chat/").unwrap(), expected);
    assert_eq!(
        MemoryStore::with_entries(entries).characters_under("coffee-chat/"),
        Ok(expected)
    );
}

#[wasm_bindgen_test]
fn a_full_local_storage_is_reported_as_quota_and_loses_nothing() {
    clear_local_storage();
    let store = LocalStore::open().unwrap();
    store.set("coffee-chat/keep", "safe").unwrap();
    let chunk = "x".repeat(1 << 20);
    let mut error = None;
    for n in 0..64 {
        if let Err(e) = store.set(&format!("filler/{n}"), &chunk) {
            error = Some(e);
            break;
        }
    }
    assert_eq!(error, Some(StoreError::Quota));
    assert_eq!(
        store.get("coffee-chat/keep").unwrap().as_deref(),
        Some("safe")
    );
    clear_local_storage();
}

#[wasm_bindgen_test]
fn the_repository_quarantines_a_bad_record_in_real_local_storage() {
    clear_local_storage();
    let store: SharedStore = Arc::new(LocalStore::open().unwrap());
    let repo = Repository::open(store.clone()).repo;
    repo.save(&person("a", "Ana")).unwrap();
    repo.save(&person("b", "Ben")).unwrap();
    store.set(&record_key::<Person>("b"), "{not json").unwrap();

    let opened = Repository::open(store.clone());
    let names: Vec<_> = opened.data.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana"]);
    assert_eq!(opened.repo.quarantined_count(), 1);
    assert_eq!(
        store
            .get("coffee-chat/quarantine/person/b")
            .unwrap()
            .as_deref(),
        Some("{not json")
    );
    clear_local_storage();
}

/// The English file the app fetches once it is up, as the build writes it
/// (scripts/post-build.mjs), taken in before the app's state is opened, so
/// that screens past Today do not wait for it: this test page serves no
/// such file.
fn with_every_english_text() {
    let catalogue: std::collections::BTreeMap<String, String> =
        serde_json::from_str(include_str!("../i18n/en.json")).unwrap();
    let file: Vec<String> = std::iter::once(coffee_chat::i18n::KEYS_FINGERPRINT.to_string())
        .chain(catalogue.into_values())
        .collect();
    assert!(coffee_chat::i18n::complete_english(
        &serde_json::to_string(&file).unwrap()
    ));
}

fn mount_app_at(
    path: &str,
    state: AppState,
) -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl Mountable>,
) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    let host = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! { <App state first_screen_gone=Box::new(|| ()) /> }
    });
    (host, handle)
}

/// Waits for real time to pass, as the autosave timer does.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn type_into(host: &web_sys::HtmlElement, selector: &str, text: &str) {
    let input = host
        .query_selector(selector)
        .unwrap()
        .expect("input is on screen")
        .unchecked_into::<web_sys::HtmlInputElement>();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn button(host: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlElement {
    let buttons = host.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|node| node.unchecked_into::<web_sys::HtmlElement>())
        .find(|el| el.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no control named {label:?}"))
}

#[wasm_bindgen_test]
async fn people_are_listed_by_name_and_filtered_by_search() {
    let store = Arc::new(MemoryStore::new());
    let repo = Repository::open(store.clone()).repo;
    let mut zoe = person("z", "Zoë Park");
    zoe.organisation = "City of Toronto".into();
    repo.save(&zoe).unwrap();
    repo.save(&person("a", "Adam Roy")).unwrap();
    with_every_english_text();
    let state = AppState::open(store, None);

    let (host, _handle) = mount_app_at("/people", state);
    tick().await;
    let names = || {
        let list = host.query_selector_all(".person-name").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(), ["Adam Roy", "Zoë Park"]);
    assert!(host.text_content().unwrap().contains("2 people"));

    type_into(&host, "#people-search", "toronto");
    tick().await;
    assert_eq!(names(), ["Zoë Park"]);
    assert!(host.text_content().unwrap().contains("1 of 2 people match"));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_failed_save_shows_the_not_saved_banner_and_keeps_the_edit() {
    let store = Arc::new(MemoryStore::with_capacity(600));
    Repository::open(store.clone())
        .repo
        .save(&person("a", "Ana"))
        .unwrap();
    with_every_english_text();
    let state = AppState::open(store.clone(), None);

    let (host, _handle) = mount_app_at("/people/a", state);
    tick().await;
    type_into(&host, "#person-notes", &"A long note. ".repeat(100));
    // Shown at once, written by the autosave within 250 ms.
    assert_eq!(
        state.person(&PersonId("a".into())).unwrap().notes.len(),
        1299
    );
    sleep(300).await;
    tick().await;
    let alert = host.query_selector("[role=alert]").unwrap().unwrap();
    assert!(alert.text_content().unwrap().contains("Not saved"));
    assert_eq!(
        state.person(&PersonId("a".into())).unwrap().notes.len(),
        1299
    );
    let stored = store.get(&record_key::<Person>("a")).unwrap().unwrap();
    assert!(!stored.contains("A long note"));

    // A later edit that fits is saved, and the banner goes away.
    type_into(&host, "#person-notes", "Short note");
    sleep(300).await;
    tick().await;
    assert!(!alert.text_content().unwrap().contains("Not saved"));
    host.remove();
}

#[wasm_bindgen_test]
async fn typing_without_a_pause_is_written_within_a_quarter_second() {
    let store = Arc::new(MemoryStore::new());
    Repository::open(store.clone())
        .repo
        .save(&person("a", "Ana"))
        .unwrap();
    with_every_english_text();
    let state = AppState::open(store.clone(), None);
    let (host, _handle) = mount_app_at("/people/a", state);
    tick().await;
    let stored_notes = || {
        let raw = store.get(&record_key::<Person>("a")).unwrap().unwrap();
        serde_json::from_str::<Person>(&raw).unwrap().notes
    };
    let mut typed = String::new();
    for _ in 0..12 {
        typed.push('x');
        type_into(&host, "#person-notes", &typed);
        sleep(50).await;
    }
    // 600 ms of typing with no pause: all but the last 250 ms is stored.
    assert!(stored_notes().len() >= 7, "stored {:?}", stored_notes());
    sleep(300).await;
    assert_eq!(stored_notes(), typed);
    host.remove();
}

#[wasm_bindgen_test]
async fn adding_without_a_name_says_why_and_adds_nobody() {
    with_every_english_text();
    let state = AppState::open(Arc::new(MemoryStore::new()), None);
    let (host, _handle) = mount_app_at("/people/new", state);
    tick().await;
    type_into(&host, "#new-name", "   ");
    button(&host, "Add person").click();
    tick().await;
    assert!(host.text_content().unwrap().contains("A name is required."));
    assert!(state.people.get_untracked().is_empty());

    type_into(&host, "#new-name", "Ana Silva");
    button(&host, "Add person").click();
    tick().await;
    let people = state.people.get_untracked();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Ana Silva");
    host.remove();
}

#[wasm_bindgen_test]
async fn a_refused_tap_says_why_until_dismissed_and_another_succeeds() {
    with_every_english_text();
    let state = AppState::open(Arc::new(MemoryStore::new()), None);
    let (host, _handle) = mount_app_at("/", state);
    // The notices are built in a task after the screen's.
    sleep(100).await;
    // A follow-up settled in another tab a moment before the tap.
    let gone = FollowUpId("gone".into());
    state.act(|w| w.set_followup_status(&gone, FollowUpStatus::Done));
    tick().await;
    let alert = |host: &web_sys::HtmlElement| {
        let alerts = host.query_selector_all("[role=alert]").unwrap();
        (0..alerts.length())
            .map(|i| alerts.item(i).unwrap().text_content().unwrap())
            .collect::<String>()
    };
    assert!(alert(&host).contains("This follow-up no longer exists."));
    button(&host, "Dismiss").click();
    tick().await;
    assert!(!alert(&host).contains("no longer exists"));

    state.act(|w| w.set_followup_status(&gone, FollowUpStatus::Done));
    tick().await;
    assert!(alert(&host).contains("no longer exists"));
    state.act(|w| w.add_person("Ana Silva", None, "", ""));
    tick().await;
    assert!(!alert(&host).contains("no longer exists"));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_keystroke_in_one_record_wakes_only_what_shows_that_record() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let store = Arc::new(MemoryStore::new());
    let repo = Repository::open(store.clone()).repo;
    repo.save(&person("a", "Ana")).unwrap();
    repo.save(&person("b", "Ben")).unwrap();
    with_every_english_text();
    let state = AppState::open(store, None);
    let owner = Owner::new();
    owner.set();
    let runs = |read: fn(&AppState)| {
        let count = Arc::new(AtomicUsize::new(0));
        let counted = count.clone();
        Effect::new(move |_| {
            read(&state);
            counted.fetch_add(1, Ordering::SeqCst);
        });
        count
    };
    let of_ana = runs(|state| state.people.track_one("a"));
    let of_ben = runs(|state| state.people.track_one("b"));
    let of_everyone = runs(|state| state.people.track());
    let ana_role = state.watch_text(TextTarget::Person(PersonId("a".into()), PersonField::Role));
    tick().await;
    let counts = || [&of_ana, &of_ben, &of_everyone].map(|count| count.load(Ordering::SeqCst));
    assert_eq!(counts(), [1, 1, 1]);

    let ana = TextTarget::Person(PersonId("a".into()), PersonField::Role);
    state.type_text(&ana, "Nurse").unwrap();
    tick().await;
    assert_eq!(
        counts(),
        [2, 1, 2],
        "Ben's readers slept through Ana's keystroke"
    );
    assert_eq!(ana_role.get_untracked(), "Nurse");

    state.act(|w| w.delete_person(&PersonId("b".into())));
    tick().await;
    assert_eq!(counts(), [2, 2, 3], "a removal wakes that record's readers");
}

// Encrypted backups, through the browser's own WebCrypto.

#[wasm_bindgen_test]
async fn an_encrypted_backup_opens_with_its_passphrase_and_with_nothing_else() {
    use coffee_chat::crypto::{open, seal};
    use coffee_chat::storage::envelope;
    let plain = r#"{"app":"coffee-chat","people":["Ana"]}"#;
    let sealed = seal(plain, "correct horse battery staple").await.unwrap();
    assert!(!sealed.contains("Ana"), "the name is not in the file");
    assert_eq!(
        open(&sealed, "correct horse battery staple").await.unwrap(),
        plain
    );
    // Two files of the same text share no salt, IV or ciphertext.
    let again = seal(plain, "correct horse battery staple").await.unwrap();
    let (a, b) = (
        envelope::parse(&sealed).unwrap(),
        envelope::parse(&again).unwrap(),
    );
    assert!(a.salt != b.salt && a.iv != b.iv && a.ciphertext != b.ciphertext);

    assert!(open(&sealed, "correct horse battery stapler")
        .await
        .is_err());
    assert!(open(&sealed, "").await.is_err());
    // Every flipped byte of the ciphertext and its tag, a flipped salt and
    // IV: refused, never a panic.
    for at in 0..a.ciphertext.len() {
        let mut flipped = a.clone();
        flipped.ciphertext[at] ^= 1;
        assert!(
            open(&flipped.to_text(), "correct horse battery staple")
                .await
                .is_err(),
            "ciphertext byte {at}"
        );
    }
    for part in 0..2 {
        let mut flipped = a.clone();
        if part == 0 {
            flipped.salt[0] ^= 1;
        } else {
            flipped.iv[11] ^= 0x80;
        }
        assert!(open(&flipped.to_text(), "correct horse battery staple")
            .await
            .is_err());
    }
    for end in [0, 1, sealed.len() / 2, sealed.len() - 2] {
        assert!(open(&sealed[..end], "correct horse battery staple")
            .await
            .is_err());
    }
    let mut shorter = a.clone();
    shorter.ciphertext.pop();
    assert!(open(&shorter.to_text(), "correct horse battery staple")
        .await
        .is_err());
}
