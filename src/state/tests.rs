//! The command layer on the in-memory store, with a fixed clock and
//! counted ids: every command, every cascade, and the ways typed text used
//! to get lost (stale tabs, full storage, half imports).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::chat::{ChatMessage, MeetingFormat};
use crate::domain::followup::{FollowUpId, FollowUpKind, FollowUpStatus};
use crate::domain::person::PersonField;
use crate::domain::prep::{ChecklistGroup, QuestionCategory};
use crate::domain::settings::{LanguageChoice, Theme};
use crate::domain::stage::Stage;
use crate::domain::timer::TimerAction;
use crate::storage::backup::{self, ImportMode};
use crate::storage::{
    KeyValueStore, MemoryStore, StoreError, FIRST_PAINT_KEY, GLANCE_KEY, SCHEMA_KEY,
};

pub(super) struct TestClock(pub(super) Mutex<DateTime<Utc>>);

impl TestClock {
    pub(super) fn at(y: i32, m: u32, d: u32, h: u32) -> Arc<TestClock> {
        Arc::new(TestClock(Mutex::new(
            Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap(),
        )))
    }
    pub(super) fn advance_minutes(&self, minutes: i64) {
        *self.0.lock().unwrap() += chrono::TimeDelta::minutes(minutes);
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

#[derive(Default)]
pub(super) struct CountingIds(pub(super) AtomicU64);

impl IdSource for CountingIds {
    fn next_id(&self) -> String {
        format!("id{}", self.0.fetch_add(1, Ordering::Relaxed))
    }
}

/// Wednesday 25 November 2026, 10:00 UTC.
pub(super) fn clock() -> Arc<TestClock> {
    TestClock::at(2026, 11, 25, 10)
}

pub(super) fn open_with(store: &Arc<MemoryStore>, clock: Arc<TestClock>) -> Workspace {
    Workspace::open(store.clone(), None, clock, Arc::new(CountingIds::default()))
}

pub(super) fn open(store: &Arc<MemoryStore>) -> Workspace {
    open_with(store, clock())
}

/// A second tab: its own ids, so the two never collide.
pub(super) fn second_tab(store: &Arc<MemoryStore>) -> Workspace {
    let ids = CountingIds(AtomicU64::new(1000));
    Workspace::open(store.clone(), None, clock(), Arc::new(ids))
}

pub(super) fn reopen(store: &Arc<MemoryStore>) -> Workspace {
    open(store)
}

fn notes(target: &TextTarget, w: &Workspace) -> String {
    w.text(target).unwrap()
}

fn with_person(name: &str) -> (Arc<MemoryStore>, Workspace, PersonId) {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    let id = w.add_person(name, None, "", "").unwrap();
    (store, w, id)
}

fn with_chat() -> (Arc<MemoryStore>, Workspace, PersonId, ChatId) {
    let (store, mut w, person) = with_person("Ana");
    let chat = w.create_chat(&person).unwrap();
    (store, w, person, chat)
}

// People

#[test]
fn adding_a_person_stores_them_with_the_organisation_and_a_real_referrer() {
    let (store, mut w, ana) = with_person("Ana");
    let ben = w
        .add_person("  Ben  ", Some(ana.clone()), "Shopify", "")
        .unwrap();
    let ghost = w
        .add_person(
            "Cleo",
            Some(PersonId("nobody".into())),
            "",
            "https://example.com/cleo",
        )
        .unwrap();
    let stored = reopen(&store);
    let people = &stored.data().people;
    assert_eq!(people.len(), 3);
    let ben = people.iter().find(|p| p.id == ben).unwrap();
    assert_eq!(ben.name, "Ben");
    assert_eq!(ben.organisation, "Shopify");
    assert_eq!(ben.introduced_by, Some(ana));
    let cleo = people.iter().find(|p| p.id == ghost).unwrap();
    assert_eq!(cleo.introduced_by, None);
    assert_eq!(cleo.linkedin, "https://example.com/cleo");
    assert_eq!(
        w.add_person("  ", None, "", ""),
        Err(CommandError::Invalid("A name is required.".into()))
    );
    assert_eq!(
        w.add_person("Dan", None, "", "javascript:alert(1)"),
        Err(CommandError::Invalid(
            "Use a web address starting with https:// or http://.".into()
        ))
    );
    assert_eq!(reopen(&store).data().people.len(), 3);
}

#[test]
fn a_person_that_storage_refuses_is_not_added() {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    w.add_person("Ana", None, "", "").unwrap();
    store.leave_free(10);
    assert_eq!(
        w.add_person("Ben", None, "", ""),
        Err(CommandError::NotSaved(StoreError::Quota))
    );
    assert_eq!(w.data().people.len(), 1);
    assert!(!w.has_pending());
}

#[test]
fn typed_text_waits_for_the_save_and_is_shown_at_once() {
    let (store, mut w, ana) = with_person("Ana");
    let target = TextTarget::Person(ana.clone(), PersonField::Notes);
    w.type_text(&target, "Met at the library").unwrap();
    assert_eq!(notes(&target, &w), "Met at the library");
    assert_eq!(notes(&target, &reopen(&store)), "");
    assert!(w.has_pending());
    assert!(w.save());
    assert_eq!(notes(&target, &reopen(&store)), "Met at the library");
    assert_eq!(
        w.take_touched(),
        Some(vec![RecordRef::person(&ana)]),
        "the shell is told which record to show"
    );
}

#[test]
fn invalid_input_changes_nothing_and_says_why() {
    let (_store, mut w, ana) = with_person("Ana");
    let email = TextTarget::Person(ana.clone(), PersonField::Email);
    w.type_text(&email, "ana@example.com").unwrap();
    let error = w
        .type_text(&email, "ana@example.com?bcc=eve@evil.test")
        .unwrap_err();
    assert!(error.to_string().contains("does not look right"));
    assert_eq!(notes(&email, &w), "ana@example.com");
    assert_eq!(
        w.type_text(
            &TextTarget::Person(PersonId("gone".into()), PersonField::Notes),
            "x"
        ),
        Err(CommandError::Missing(RecordKind::Person))
    );
}

#[test]
fn referrer_must_exist_and_cannot_be_the_person() {
    let (_store, mut w, ana) = with_person("Ana");
    let ben = w.add_person("Ben", None, "", "").unwrap();
    w.set_introduced_by(&ben, Some(ana.clone())).unwrap();
    assert!(w.set_introduced_by(&ben, Some(ben.clone())).is_err());
    assert_eq!(
        w.set_introduced_by(&ben, Some(PersonId("gone".into()))),
        Err(CommandError::Missing(RecordKind::Person))
    );
    assert_eq!(w.data().people[1].introduced_by, Some(ana));
}

#[test]
fn deleting_a_person_takes_their_chats_and_follow_ups_and_undo_brings_all_back() {
    let (store, mut w, ana, chat) = with_chat();
    w.move_chat(&chat, Stage::Asked).unwrap();
    let notes_field = TextTarget::Person(ana.clone(), PersonField::Notes);
    w.type_text(&notes_field, "typed just before deleting")
        .unwrap();
    assert!(!w.data().followups.is_empty());
    // What was typed in their draft boxes goes with them, and nothing else.
    let followup = w.data().followups[0].id.clone();
    let theirs = [
        TextTarget::Draft(ChatDraft::Question.key(&chat)),
        TextTarget::Draft(ChatDraft::Referral.key(&chat)),
        MessagePart::Body.draft(&followup),
    ];
    for draft in &theirs {
        w.type_text(draft, "half a thought").unwrap();
    }
    let someone_new = TextTarget::Draft("new-person".into());
    w.type_text(&someone_new, "Ben").unwrap();
    w.delete_person(&ana).unwrap();
    assert!(w.data().people.is_empty());
    assert!(w.data().chats.is_empty());
    assert!(w.data().followups.is_empty());
    let stored = reopen(&store);
    assert!(stored.data().people.is_empty() && stored.data().chats.is_empty());
    assert!(stored.data().followups.is_empty());
    assert_eq!(stored.data().settings.drafts.len(), 1);
    assert_eq!(stored.text(&someone_new).as_deref(), Some("Ben"));

    w.undo_delete().unwrap();
    let stored = reopen(&store);
    assert_eq!(stored.data().people.len(), 1);
    assert_eq!(stored.data().chats.len(), 1);
    assert_eq!(stored.data().followups.len(), w.data().followups.len());
    assert_eq!(notes(&notes_field, &stored), "typed just before deleting");
    for draft in &theirs {
        assert_eq!(stored.text(draft).as_deref(), Some("half a thought"));
    }
    assert_eq!(stored.text(&someone_new).as_deref(), Some("Ben"));
    assert!(w.recently_deleted().is_none());
}

// Chats

#[test]
fn a_new_chat_copies_the_template_and_the_planned_length() {
    let (store, mut w, ana) = with_person("Ana");
    w.change_setting(SettingChange::DefaultLength(20)).unwrap();
    w.add_template_item(ChecklistGroup::Research, "Read their blog")
        .unwrap();
    let chat = w.create_chat(&ana).unwrap();
    let stored = reopen(&store);
    let chat = stored.data().chats.iter().find(|c| c.id == chat).unwrap();
    assert_eq!(chat.length_minutes, 20);
    assert!(chat.checklist.iter().any(|i| i.text == "Read their blog"));
    assert_eq!(
        w.create_chat(&PersonId("gone".into())),
        Err(CommandError::Missing(RecordKind::Person))
    );
}

#[test]
fn asking_sets_the_3b7_reminders_and_booking_needs_a_time() {
    let (store, mut w, _ana, chat) = with_chat();
    w.move_chat(&chat, Stage::Asked).unwrap();
    let kinds: Vec<FollowUpKind> = reopen(&store)
        .data()
        .followups
        .iter()
        .map(|f| f.kind)
        .collect();
    assert!(kinds.contains(&FollowUpKind::ReplyNudge), "{kinds:?}");
    assert!(w.move_chat(&chat, Stage::Booked).is_err());
    let at = NaiveDate::from_ymd_opt(2026, 12, 2)
        .unwrap()
        .and_hms_opt(8, 30, 0)
        .unwrap();
    w.set_start(&chat, Some(at)).unwrap();
    w.set_format(&chat, Some(MeetingFormat::InPerson)).unwrap();
    w.type_text(
        &TextTarget::Chat(chat.clone(), ChatText::Place),
        "Café Olimpico",
    )
    .unwrap();
    w.move_chat(&chat, Stage::Booked).unwrap();
    let stored = reopen(&store);
    let saved = &stored.data().chats[0];
    assert_eq!(saved.stage(), Stage::Booked);
    assert_eq!(saved.place, "Café Olimpico");
    assert!(w.mark_follow_up_sent(&chat).is_ok());
}

#[test]
fn a_six_digit_year_is_refused_without_a_panic() {
    let (_store, mut w, person, chat) = with_chat();
    let far = NaiveDate::from_ymd_opt(262_142, 1, 1)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let error = w.set_start(&chat, Some(far)).unwrap_err();
    assert!(error.to_string().contains("2000 and 2100"));
    assert_eq!(w.data().chats[0].starts_at, None);
    let far_day = far.date();
    assert!(w.add_custom_followup(&person, "Call", far_day).is_err());
    w.move_chat(&chat, Stage::Asked).unwrap();
    let item = w.data().followups[0].id.clone();
    assert!(w.snooze_until(&item, far_day).is_err());
    assert!(w.snooze_until(&item, NaiveDate::MAX).is_err());
    assert!(w.set_length(&chat, 7).is_err());
}

#[test]
fn messages_are_typed_and_restarted_through_the_same_path() {
    let (store, mut w, _ana, chat) = with_chat();
    let body = TextTarget::Chat(chat.clone(), ChatText::Body(ChatMessage::Request));
    w.type_text(&body, "Hi Ana").unwrap();
    w.save();
    w.set_message(&chat, ChatMessage::Request, "Coffee?", "Hello again")
        .unwrap();
    let others = [
        ChatMessage::Introduction,
        ChatMessage::BookingReply,
        ChatMessage::QuestionsByEmail,
    ];
    for (n, kind) in others.into_iter().enumerate() {
        let subject = TextTarget::Chat(chat.clone(), ChatText::Subject(kind));
        let body = TextTarget::Chat(chat.clone(), ChatText::Body(kind));
        w.type_text(&subject, &format!("Subject {n}")).unwrap();
        w.type_text(&body, &format!("Body {n}")).unwrap();
    }
    w.save();
    let stored = reopen(&store);
    assert_eq!(stored.data().chats[0].request_subject, "Coffee?");
    assert_eq!(notes(&body, &stored), "Hello again");
    for (n, kind) in others.into_iter().enumerate() {
        let body = TextTarget::Chat(chat.clone(), ChatText::Body(kind));
        assert_eq!(notes(&body, &stored), format!("Body {n}"));
        assert_eq!(
            stored.data().chats[0].message(kind),
            (
                format!("Subject {n}").as_str(),
                format!("Body {n}").as_str()
            )
        );
    }
    assert_eq!(stored.data().chats[0].follow_up, "");
}

// Preparing

#[test]
fn questions_are_added_reordered_removed_and_saved_to_the_bank() {
    let (store, mut w, _ana, chat) = with_chat();
    assert!(w
        .add_question(&chat, QuestionCategory::Own, "  ", false)
        .is_err());
    w.add_question(&chat, QuestionCategory::Own, "What surprised you?", true)
        .unwrap();
    let bank = w.data().settings.own_questions[0].clone();
    w.add_question(&chat, QuestionCategory::Trends, "Where is it going?", false)
        .unwrap();
    assert!(w.add_bank_question(&chat, &bank).is_err(), "planned once");
    w.move_question(&chat, 1, true).unwrap();
    let stored = reopen(&store);
    let texts: Vec<&str> = stored.data().chats[0]
        .questions
        .iter()
        .map(|q| q.text.as_str())
        .collect();
    assert_eq!(texts, ["Where is it going?", "What surprised you?"]);
    assert_eq!(stored.data().settings.own_questions.len(), 1);

    let first = w.data().chats[0].questions[0].id.clone();
    w.remove_question(&chat, &first).unwrap();
    w.remove_from_bank("What surprised you?").unwrap();
    let stored = reopen(&store);
    assert_eq!(stored.data().chats[0].questions.len(), 1);
    assert!(stored.data().settings.own_questions.is_empty());
}

#[test]
fn the_checklist_is_ticked_extended_and_trimmed() {
    let (store, mut w, _ana, chat) = with_chat();
    w.add_checklist_item(&chat, "Print the map").unwrap();
    let item = w.data().chats[0].checklist.last().unwrap().id.clone();
    w.tick_checklist_item(&chat, &item, true).unwrap();
    assert!(reopen(&store).data().chats[0]
        .checklist
        .iter()
        .any(|i| i.id == item && i.done));
    w.remove_checklist_item(&chat, &item).unwrap();
    assert!(!reopen(&store).data().chats[0]
        .checklist
        .iter()
        .any(|i| i.id == item));
    assert_eq!(
        w.tick_checklist_item(&chat, "gone", true),
        Err(CommandError::Missing(RecordKind::ChecklistItem))
    );
}

#[test]
fn the_template_is_edited_without_touching_existing_chats() {
    let (store, mut w, _ana, chat) = with_chat();
    let before = w.data().chats[0].checklist.clone();
    w.add_template_item(ChecklistGroup::Logistics, "Charge the phone")
        .unwrap();
    let added = w
        .data()
        .settings
        .checklist_template
        .iter()
        .find(|i| i.text == "Charge the phone")
        .unwrap()
        .id
        .clone();
    w.type_text(
        &TextTarget::TemplateItem(added.clone()),
        "Charge the phone fully",
    )
    .unwrap();
    w.move_template_item(0, false).unwrap();
    w.save();
    let stored = reopen(&store);
    assert!(stored
        .data()
        .settings
        .checklist_template
        .iter()
        .any(|i| i.text == "Charge the phone fully"));
    assert_eq!(stored.data().chats[0].checklist, before);
    w.remove_template_item(&added).unwrap();
    w.restore_template().unwrap();
    assert_eq!(
        reopen(&store).data().settings.checklist_template,
        crate::domain::prep::built_in_checklist()
    );
    let _ = chat;
}

// The meeting

#[test]
fn a_whole_meeting_runs_from_start_to_done_with_notes_and_referrals() {
    let store = Arc::new(MemoryStore::new());
    let clock = clock();
    let mut w = open_with(&store, clock.clone());
    let ana = w.add_person("Ana", None, "", "").unwrap();
    let chat = w.create_chat(&ana).unwrap();
    w.add_question(&chat, QuestionCategory::Own, "How did you start?", false)
        .unwrap();
    w.add_question(&chat, QuestionCategory::Own, "What is hard?", false)
        .unwrap();
    assert!(w.timer_action(&chat, TimerAction::Pause).is_err());
    w.timer_action(&chat, TimerAction::Start).unwrap();
    clock.advance_minutes(3);
    let draft = TextTarget::Chat(chat.clone(), ChatText::NoteDraft);
    w.type_text(&draft, "  Started in retail  ").unwrap();
    w.add_note(&chat).unwrap();
    assert!(w.add_note(&chat).is_err(), "an empty draft adds nothing");
    w.toggle_asked(&chat, 0).unwrap();
    w.go_to_question(&chat, 1).unwrap();
    assert!(w.go_to_question(&chat, 5).is_err());
    let question = w.data().chats[0].questions[1].id.clone();
    w.type_text(
        &TextTarget::Chat(chat.clone(), ChatText::Answer(question)),
        "Hiring freezes",
    )
    .unwrap();
    clock.advance_minutes(8);
    w.timer_action(&chat, TimerAction::End).unwrap();
    let referral = w.add_referral(&chat, "Ben").unwrap();
    w.type_text(
        &TextTarget::Chat(chat.clone(), ChatText::Takeaways),
        "Learn SQL",
    )
    .unwrap();
    w.save();

    let stored = reopen(&store);
    let saved = &stored.data().chats[0];
    assert_eq!(saved.stage(), Stage::Done);
    assert_eq!(saved.notes.len(), 1);
    assert_eq!(saved.notes[0].text, "Started in retail");
    assert_eq!(saved.notes[0].offset_ms, Some(3 * 60_000));
    assert_eq!(saved.note_draft, "");
    assert!(saved.questions[0].asked);
    assert_eq!(saved.questions[1].answer, "Hiring freezes");
    assert_eq!(saved.current_question, 1);
    assert_eq!(saved.referrals, std::slice::from_ref(&referral));
    assert_eq!(saved.takeaways, "Learn SQL");
    let ben = stored
        .data()
        .people
        .iter()
        .find(|p| p.id == referral)
        .unwrap();
    assert_eq!(ben.introduced_by, Some(ana));
    let kinds: Vec<FollowUpKind> = stored.data().followups.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&FollowUpKind::ThankYou), "{kinds:?}");

    let note = saved.notes[0].id.clone();
    w.type_text(
        &TextTarget::Chat(chat.clone(), ChatText::Note(note.clone())),
        "Retail, then ops",
    )
    .unwrap();
    w.delete_note(&chat, &note).unwrap();
    assert!(reopen(&store).data().chats[0].notes.is_empty());
}

// Follow-ups

#[test]
fn follow_ups_are_done_snoozed_noted_and_added_by_hand() {
    let (store, mut w, ana, chat) = with_chat();
    w.move_chat(&chat, Stage::Asked).unwrap();
    let item = w.data().followups[0].id.clone();
    w.snooze_for(&item, 7).unwrap();
    assert!(w
        .snooze_until(&item, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
        .is_err());
    w.type_text(&TextTarget::FollowUpNote(item.clone()), "Try LinkedIn")
        .unwrap();
    w.set_followup_status(&item, FollowUpStatus::Done).unwrap();
    let due = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert!(w.add_custom_followup(&ana, "  ", due).is_err());
    w.add_custom_followup(&ana, "Send the article", due)
        .unwrap();

    let stored = reopen(&store);
    let saved = stored
        .data()
        .followups
        .iter()
        .find(|f| f.id == item)
        .unwrap();
    assert_eq!(saved.snoozed_until, NaiveDate::from_ymd_opt(2026, 12, 2));
    assert_eq!(saved.note, "Try LinkedIn");
    assert_eq!(saved.status, FollowUpStatus::Done);
    assert!(stored
        .data()
        .followups
        .iter()
        .any(|f| f.title == "Send the article"));
}

#[test]
fn a_follow_ups_message_is_a_draft_until_it_is_settled() {
    let (store, mut w, ana) = with_person("Ana");
    let due = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    for title in ["Thank Ana", "Send the article"] {
        w.add_custom_followup(&ana, title, due).unwrap();
    }
    let [thanks, article] = [0, 1].map(|i| w.data().followups[i].id.clone());
    for item in [&thanks, &article] {
        for part in [MessagePart::Subject, MessagePart::Body, MessagePart::Point] {
            w.type_text(&part.draft(item), "Thank you").unwrap();
        }
    }
    w.save();
    // Reloaded, every word is there.
    let mut w = reopen(&store);
    let body = MessagePart::Body.draft(&thanks);
    assert_eq!(w.text(&body).as_deref(), Some("Thank you"));

    w.set_followup_status(&thanks, FollowUpStatus::Done)
        .unwrap();
    let stored = reopen(&store);
    for part in [MessagePart::Subject, MessagePart::Body, MessagePart::Point] {
        assert_eq!(stored.text(&part.draft(&thanks)).as_deref(), Some(""));
        assert_eq!(
            stored.text(&part.draft(&article)).as_deref(),
            Some("Thank you")
        );
    }
    // A follow-up that is gone takes no draft with it.
    let gone = FollowUpId("gone".into());
    assert!(w.set_followup_status(&gone, FollowUpStatus::Done).is_err());
    assert_eq!(reopen(&store).data().settings.drafts.len(), 3);
}

// Settings

#[test]
fn settings_are_checked_and_saved() {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    w.change_setting(SettingChange::Theme(Theme::Dark)).unwrap();
    w.change_setting(SettingChange::Vibrate(false)).unwrap();
    w.change_setting(SettingChange::WrapUpMinutes(3)).unwrap();
    w.change_setting(SettingChange::ThankYouDays(9)).unwrap();
    w.change_setting(SettingChange::DismissHomeScreenTip)
        .unwrap();
    assert!(w
        .change_setting(SettingChange::TargetChats("many".into()))
        .is_err());
    assert!(w.change_setting(SettingChange::DefaultLength(7)).is_err());
    w.type_text(&TextTarget::Setting(SettingText::MyName), "  Sam  ")
        .unwrap();
    w.save();
    let settings = reopen(&store).data().settings.clone();
    assert_eq!(settings.theme, Theme::Dark);
    assert!(!settings.vibrate);
    assert_eq!(settings.wrap_up_minutes, 3);
    assert_eq!(settings.thank_you_days, 5);
    assert_eq!(settings.my_name, "Sam");
    assert!(settings.home_screen_tip_dismissed);
}

#[test]
fn the_first_paint_hint_follows_the_theme_and_whether_anyone_is_saved() {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    let hint = || store.get(FIRST_PAINT_KEY).unwrap();
    w.note_first_paint();
    assert_eq!(hint().as_deref(), Some("system new phone"));
    w.add_person("Ana", None, "", "").unwrap();
    w.change_setting(SettingChange::Theme(Theme::Dark)).unwrap();
    w.change_setting(SettingChange::Language(LanguageChoice::French))
        .unwrap();
    w.note_first_paint();
    assert_eq!(hint().as_deref(), Some("dark returning fr"));
    // Not a record: reopening finds the same data and nothing unreadable.
    let reopened = reopen(&store);
    assert_eq!(reopened.data().people.len(), 1);
    assert_eq!(reopened.data().settings.theme, Theme::Dark);
    assert_eq!(reopened.unreadable_count(), 0);
}

// Storage full: nothing typed is forgotten

#[test]
fn the_not_saved_banner_speaks_the_language_of_the_interface() {
    crate::i18n::in_french(|| {
        let (store, mut w, x) = with_person("Xavier");
        store.leave_free(0);
        w.type_text(&TextTarget::Person(x, PersonField::Notes), "à garder")
            .unwrap();
        assert!(!w.save());
        let banner = w.notices().not_saved.clone().unwrap();
        assert!(banner.contains("restent à l’écran"), "{banner}");
        assert!(!banner.contains("kept on this screen"), "{banner}");
    });
}

#[test]
fn an_edit_that_could_not_be_saved_stays_pending_until_it_can() {
    let (store, mut w, x) = with_person("Xavier");
    let y = w.add_person("Yasmin", None, "", "").unwrap();
    store.leave_free(40);
    let x_notes = TextTarget::Person(x.clone(), PersonField::Notes);
    w.type_text(&x_notes, &"long notes ".repeat(20)).unwrap();
    assert!(!w.save());
    assert!(w.notices().not_saved.is_some());

    // A smaller write to someone else succeeds; X is still pending.
    w.type_text(&TextTarget::Person(y.clone(), PersonField::Role), "PM")
        .unwrap();
    assert!(!w.save());
    assert!(w.notices().not_saved.is_some(), "the banner stays");
    assert_eq!(reopen(&store).data().people[1].role, "PM");

    // Room again: the next write of any kind saves X too.
    store.set_capacity(None);
    w.change_setting(SettingChange::Vibrate(false)).unwrap();
    assert!(w.notices().not_saved.is_none());
    assert!(!w.has_pending());
    assert_eq!(
        notes(&x_notes, &reopen(&store)),
        "long notes ".repeat(20).trim_end()
    );
}

#[test]
fn the_export_holds_what_is_on_screen_even_when_it_could_not_be_saved() {
    let (store, mut w, x) = with_person("Xavier");
    store.leave_free(0);
    let x_notes = TextTarget::Person(x, PersonField::Notes);
    w.type_text(&x_notes, "only on screen").unwrap();
    assert!(!w.save());
    let text = w.export_on_screen();
    let imported = backup::parse(&text).unwrap().backup;
    assert_eq!(imported.people[0].notes, "only on screen");
}

#[test]
fn a_no_during_a_hiring_competition_is_kept_and_sets_one_reminder_six_weeks_out() {
    let (store, mut w, person, chat) = with_chat();
    w.move_chat(&chat, Stage::Asked).unwrap();
    w.move_chat(&chat, Stage::Declined).unwrap();
    w.mark_hiring_competition(&chat, true).unwrap();
    let reopened = reopen(&store);
    assert!(reopened
        .data()
        .chats
        .iter()
        .any(|c| c.id == chat && c.hiring_competition));

    let due = w.remind_after_competition(&chat).unwrap();
    // Wednesday 25 November 2026 plus six weeks.
    assert_eq!(due, NaiveDate::from_ymd_opt(2027, 1, 6).unwrap());
    assert_eq!(w.remind_after_competition(&chat).unwrap(), due);
    let reminders: Vec<_> = reopen(&store)
        .data()
        .followups
        .iter()
        .filter(|f| f.kind == FollowUpKind::Custom)
        .map(|f| (f.person_id.clone(), f.due, f.what().to_string()))
        .collect();
    assert_eq!(
        reminders,
        [(
            person,
            due,
            "Write again now the competition has closed".to_string()
        )]
    );

    // Done, then asked for again: the same reminder opens again.
    let reminder = FollowUpId::after_competition(&chat);
    w.set_followup_status(&reminder, FollowUpStatus::Done)
        .unwrap();
    assert!(!reopen(&store)
        .data()
        .followups
        .iter()
        .any(|f| f.id == reminder && f.is_open()));
    let later = w.remind_after_competition(&chat).unwrap();
    assert_eq!(later, due);
    let reopened = reopen(&store);
    let item = reopened
        .data()
        .followups
        .iter()
        .find(|f| f.id == reminder)
        .unwrap();
    assert!(item.is_open());
    assert_eq!(item.due, later);

    w.mark_hiring_competition(&chat, false).unwrap();
    assert!(!reopen(&store).data().chats[0].hiring_competition);
    assert!(w.remind_after_competition(&ChatId("gone".into())).is_err());
}

// Two tabs

#[test]
fn a_covered_meeting_screen_stays_covered_after_a_reload() {
    let (store, mut w, _, chat) = with_chat();
    w.cover_meeting(&chat, true).unwrap();
    let covered = |w: &Workspace| w.data().chats.iter().any(|c| c.id == chat && c.covered);
    assert!(covered(&reopen(&store)));
    w.cover_meeting(&chat, false).unwrap();
    assert!(!covered(&reopen(&store)));
    assert!(w.cover_meeting(&ChatId("gone".into()), true).is_err());
}

#[test]
fn a_stale_tab_never_puts_back_older_text() {
    let store = Arc::new(MemoryStore::new());
    let mut tab_a = open(&store);
    let ana = tab_a.add_person("Ana", None, "", "").unwrap();
    let mut tab_b = second_tab(&store);
    let person_notes = TextTarget::Person(ana.clone(), PersonField::Notes);
    tab_a
        .type_text(&person_notes, "Works on the payments team")
        .unwrap();
    tab_a.save();

    // Tab B missed the event and edits another field of the same person.
    tab_b
        .type_text(
            &TextTarget::Person(ana.clone(), PersonField::Role),
            "Analyst",
        )
        .unwrap();
    tab_b.save();
    let stored = reopen(&store);
    assert_eq!(notes(&person_notes, &stored), "Works on the payments team");
    assert_eq!(stored.data().people[0].role, "Analyst");
    assert_eq!(
        notes(&person_notes, &tab_b),
        "Works on the payments team",
        "tab B now shows what was merged"
    );
}

#[test]
fn a_change_from_another_tab_reaches_this_tab_and_keeps_its_unsaved_typing() {
    let store = Arc::new(MemoryStore::new());
    let mut tab_a = open(&store);
    let ana = tab_a.add_person("Ana", None, "", "").unwrap();
    let chat = tab_a.create_chat(&ana).unwrap();
    let mut tab_b = second_tab(&store);
    let research = TextTarget::Chat(chat.clone(), ChatText::Research);
    let goal = TextTarget::Chat(chat.clone(), ChatText::Goal);

    tab_b.type_text(&goal, "Learn how analysts grow").unwrap();
    tab_a
        .type_text(&research, "Read the annual report")
        .unwrap();
    tab_a.save();
    let key = "coffee-chat/chat/".to_string() + &chat.0;
    let value = store.get(&key).unwrap();
    tab_b.apply_external_change(&key, value.as_deref());
    assert_eq!(notes(&research, &tab_b), "Read the annual report");
    assert_eq!(notes(&goal, &tab_b), "Learn how analysts grow");
    assert!(tab_b.has_pending());
    tab_b.save();
    let stored = reopen(&store);
    assert_eq!(notes(&research, &stored), "Read the annual report");
    assert_eq!(notes(&goal, &stored), "Learn how analysts grow");
}

#[test]
fn three_tabs_writing_over_copies_that_lag_keep_every_field() {
    let store = Arc::new(MemoryStore::new());
    let mut tab_a = open(&store);
    let ana = tab_a.add_person("Ana", None, "", "").unwrap();
    let mut tab_b = second_tab(&store);
    let mut tab_c = second_tab(&store);
    let key = format!("coffee-chat/person/{}", ana.0);
    let field = |field| TextTarget::Person(ana.clone(), field);
    let stored_now = || store.get(&key).unwrap();

    // C writes its Notes; A's and B's copies of storage have not caught up
    // when they write, so each writes over a version without C's Notes.
    let before_c = stored_now();
    tab_c
        .type_text(&field(PersonField::Notes), "Met at the fair")
        .unwrap();
    tab_c.save();
    store.insert_raw(&key, before_c.as_deref().unwrap());
    tab_a
        .type_text(&field(PersonField::Role), "Analyst")
        .unwrap();
    tab_a.save();
    let after_a = stored_now();
    tab_b
        .type_text(&field(PersonField::Organisation), "Acme")
        .unwrap();
    tab_b.save();
    assert!(!notes(&field(PersonField::Notes), &reopen(&store)).contains("fair"));

    // Each tab takes in the others' writes as its `storage` events bring
    // them, late ones included, and writes again what a write lacked.
    tab_c.apply_external_change(&key, after_a.as_deref());
    tab_c.apply_external_change(&key, stored_now().as_deref());
    assert_eq!(notes(&field(PersonField::Notes), &tab_c), "Met at the fair");
    assert!(tab_c.has_pending());
    tab_c.save();
    for tab in [&mut tab_a, &mut tab_b] {
        tab.apply_external_change(&key, stored_now().as_deref());
        tab.save();
    }
    let stored = reopen(&store);
    for tab in [&tab_a, &tab_b, &tab_c, &stored] {
        assert_eq!(notes(&field(PersonField::Notes), tab), "Met at the fair");
        assert_eq!(notes(&field(PersonField::Role), tab), "Analyst");
        assert_eq!(notes(&field(PersonField::Organisation), tab), "Acme");
    }
    // Nothing left to write: the tabs agree with storage.
    assert!(!tab_a.has_pending() && !tab_b.has_pending() && !tab_c.has_pending());
}

#[test]
fn a_tab_that_slept_through_changes_takes_them_in_before_its_next_key() {
    let store = Arc::new(MemoryStore::new());
    let mut tab_a = open(&store);
    let ana = tab_a.add_person("Ana", None, "", "").unwrap();
    let ben = tab_a.add_person("Ben", None, "", "").unwrap();
    let mut frozen = second_tab(&store);
    let notes_of_ana = TextTarget::Person(ana.clone(), PersonField::Notes);
    // While the tab was frozen, no `storage` event reached it.
    tab_a.type_text(&notes_of_ana, "Moved to Lisbon").unwrap();
    tab_a.save();
    tab_a.delete_person(&ben).unwrap();
    let cleo = tab_a.add_person("Cleo", None, "", "").unwrap();

    frozen.catch_up();
    assert_eq!(notes(&notes_of_ana, &frozen), "Moved to Lisbon");
    let names: Vec<&str> = frozen
        .data()
        .people
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Ana", "Cleo"]);
    assert!(!frozen.has_pending(), "nothing of its own to write");
    // A key typed now builds on the text as it is.
    frozen
        .type_text(&notes_of_ana, "Moved to Lisbon; hiring in spring")
        .unwrap();
    frozen.save();
    assert_eq!(
        notes(&notes_of_ana, &reopen(&store)),
        "Moved to Lisbon; hiring in spring"
    );
    assert!(frozen.data().people.iter().any(|p| p.id == cleo));
}

#[test]
fn notes_added_in_two_tabs_are_both_kept() {
    let store = Arc::new(MemoryStore::new());
    let mut tab_a = open(&store);
    let ana = tab_a.add_person("Ana", None, "", "").unwrap();
    let chat = tab_a.create_chat(&ana).unwrap();
    let mut tab_b = second_tab(&store);
    let draft = TextTarget::Chat(chat.clone(), ChatText::NoteDraft);
    tab_a.type_text(&draft, "from A").unwrap();
    tab_a.add_note(&chat).unwrap();
    tab_b.type_text(&draft, "from B").unwrap();
    tab_b.add_note(&chat).unwrap();
    let stored = reopen(&store);
    let texts: Vec<&str> = stored.data().chats[0]
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(texts, ["from A", "from B"]);
}

#[test]
fn a_person_deleted_elsewhere_comes_back_if_typing_here_is_unsaved() {
    let store = Arc::new(MemoryStore::new());
    let mut tab_a = open(&store);
    let ana = tab_a.add_person("Ana", None, "", "").unwrap();
    let mut tab_b = second_tab(&store);
    let key = "coffee-chat/person/".to_string() + &ana.0;
    tab_b
        .type_text(
            &TextTarget::Person(ana.clone(), PersonField::Notes),
            "keep me",
        )
        .unwrap();
    tab_a.delete_person(&ana).unwrap();
    tab_b.apply_external_change(&key, None);
    assert_eq!(tab_b.data().people.len(), 1);
    tab_b.save();
    assert_eq!(reopen(&store).data().people[0].notes, "keep me");

    // Without typing, the removal simply shows.
    let mut tab_c = second_tab(&store);
    tab_b.delete_person(&ana).unwrap();
    tab_c.apply_external_change(&key, None);
    assert!(tab_c.data().people.is_empty());
}

#[test]
fn a_newer_schema_from_another_tab_makes_this_tab_read_only_with_a_message() {
    let (store, mut w, ana) = with_person("Ana");
    store.insert_raw(SCHEMA_KEY, "99");
    w.apply_external_change(SCHEMA_KEY, Some("99"));
    assert!(w
        .notices()
        .blocked
        .as_deref()
        .is_some_and(|m| m.contains("another tab")));
    w.type_text(&TextTarget::Person(ana, PersonField::Role), "PM")
        .unwrap();
    assert!(!w.save());
    assert!(w
        .notices()
        .not_saved
        .as_deref()
        .is_some_and(|m| m.contains("newer version")));
    assert_eq!(reopen(&store).data().people[0].role, "");
}

// Imports

#[test]
fn a_replace_import_that_runs_out_of_room_changes_nothing() {
    let (store, mut w, ana) = with_person("Ana");
    w.add_person("Ben", None, "", "").unwrap();
    w.type_text(
        &TextTarget::Person(ana.clone(), PersonField::Notes),
        "newer notes",
    )
    .unwrap();
    w.save();
    let mut big = w.data().clone();
    big.people[0].notes = "older notes".into();
    for i in 0..300 {
        let mut p =
            crate::domain::person::Person::new(PersonId(format!("big{i}")), "Someone", Utc::now())
                .unwrap();
        p.notes = "x".repeat(2048);
        big.people.push(p);
    }
    let text = backup::export(&big, Utc::now());
    store.leave_free(256 * 1024);
    let before = store.snapshot();
    let checked = backup::parse(&text).unwrap();
    let error = w.import_backup(checked, ImportMode::Replace).unwrap_err();
    assert!(error.to_string().contains("Nothing was imported"));
    assert_eq!(store.snapshot(), before);
    assert_eq!(w.data().people.len(), 2);
    assert_eq!(w.data().people[0].notes, "newer notes");
}

#[test]
fn an_import_refuses_to_run_over_unsaved_typing() {
    let (store, mut w, ana) = with_person("Ana");
    let text = backup::export(&w.data().clone(), Utc::now());
    store.leave_free(0);
    w.type_text(&TextTarget::Person(ana, PersonField::Notes), "unsaved")
        .unwrap();
    let checked = backup::parse(&text).unwrap();
    assert!(w.import_backup(checked, ImportMode::Replace).is_err());
    assert_eq!(w.data().people[0].notes, "unsaved");
}

#[test]
fn export_then_import_is_the_identity_and_the_screen_shows_storage() {
    let (store, mut w, _ana, chat) = with_chat();
    w.move_chat(&chat, Stage::Asked).unwrap();
    let data = w.data().clone();
    let text = w.export_backup();
    let other = Arc::new(MemoryStore::new());
    let mut fresh = open(&other);
    fresh.add_person("Someone else", None, "", "").unwrap();
    let checked = backup::parse(&text).unwrap();
    assert!(checked.repairs.is_empty());
    fresh.import_backup(checked, ImportMode::Replace).unwrap();
    assert_eq!(fresh.data().people, data.people);
    assert_eq!(fresh.data().chats, data.chats);
    assert_eq!(fresh.data().followups, data.followups);
    assert_eq!(fresh.take_touched(), None, "the whole screen is redrawn");
    assert_eq!(reopen(&other).data().people, data.people);
    let _ = store;
}

// Capacity

#[test]
fn old_done_chats_can_be_archived_to_a_file_and_merged_back() {
    let store = Arc::new(MemoryStore::new());
    let clock = TestClock::at(2026, 1, 10, 10);
    let mut w = open_with(&store, clock.clone());
    let ana = w.add_person("Ana", None, "", "").unwrap();
    let old = w.create_chat(&ana).unwrap();
    w.timer_action(&old, TimerAction::Start).unwrap();
    w.timer_action(&old, TimerAction::End).unwrap();
    *clock.0.lock().unwrap() = Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap();
    let recent = w.create_chat(&ana).unwrap();
    let cutoff = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    assert_eq!(w.archivable_chats(cutoff), std::slice::from_ref(&old));
    let used_before = w.used_characters().unwrap();
    let (file, count) = w.archive_done_chats(cutoff).unwrap();
    assert_eq!(count, 1);
    assert!(w.used_characters().unwrap() < used_before);
    let stored = reopen(&store);
    assert_eq!(stored.data().chats.len(), 1);
    assert_eq!(stored.data().chats[0].id, recent);
    assert!(stored
        .data()
        .followups
        .iter()
        .all(|f| f.chat_id.as_ref() != Some(&old)));
    assert!(w.archive_done_chats(cutoff).is_err());

    let archived = backup::parse(&file).unwrap();
    w.import_backup(archived, ImportMode::Merge).unwrap();
    assert_eq!(reopen(&store).data().chats.len(), 2);
}

#[test]
fn a_corrupt_record_found_while_full_raises_the_banner() {
    let (store, _w, _ana) = with_person("Ana");
    store.insert_raw("coffee-chat/person/zz", "{not json");
    store.leave_free(0);
    let w = reopen(&store);
    assert_eq!(w.notices().unreadable, 1);
    assert_eq!(w.notices().unreadable_left_in_place, 1);
    assert_eq!(w.data().people.len(), 1);
}

#[test]
fn storage_that_cannot_be_used_says_so_and_keeps_working_in_memory() {
    let store = Arc::new(MemoryStore::new());
    let w = Workspace::open(
        store,
        Some(StoreError::Unavailable("storage is switched off".into())),
        clock(),
        Arc::new(CountingIds::default()),
    );
    assert!(w
        .notices()
        .blocked
        .as_deref()
        .is_some_and(|m| m.contains("kept after this tab is closed")));
}

// Today at a glance

fn stored_glance(store: &Arc<MemoryStore>) -> Option<String> {
    store.get(GLANCE_KEY).unwrap()
}

/// Ana booked for tomorrow with notes typed in her chat; Ben and Chloé
/// asked ten days ago, so their reminders are due; Dev at Ben's company.
fn a_busy_week() -> (Arc<MemoryStore>, Workspace, ChatId) {
    let store = Arc::new(MemoryStore::new());
    let mut w = open(&store);
    let ana = w.add_person("Ana", None, "", "").unwrap();
    let ben = w.add_person("Ben", None, "Shopify", "").unwrap();
    let chloe = w.add_person("Chloé", None, "", "").unwrap();
    w.add_person("Dev", None, "shopify ", "").unwrap();
    w.add_person("Eve", None, "", "").unwrap();
    let mut asked = vec![ben, chloe];
    for name in ["Farah", "Gus"] {
        asked.push(w.add_person(name, None, "", "").unwrap());
    }
    for person in &asked {
        let chat = w.create_chat(person).unwrap();
        w.move_chat(&chat, Stage::Asked).unwrap();
    }
    let booked = w.create_chat(&ana).unwrap();
    w.move_chat(&booked, Stage::Asked).unwrap();
    let tomorrow = NaiveDate::from_ymd_opt(2026, 12, 11).unwrap();
    w.set_start(&booked, tomorrow.and_hms_opt(8, 30, 0))
        .unwrap();
    w.set_format(&booked, Some(MeetingFormat::InPerson))
        .unwrap();
    w.type_text(
        &TextTarget::Chat(booked.clone(), ChatText::Place),
        "Café Olimpico",
    )
    .unwrap();
    w.move_chat(&booked, Stage::Booked).unwrap();
    w.type_text(
        &TextTarget::Chat(booked.clone(), ChatText::Research),
        "Her talk on pricing",
    )
    .unwrap();
    w.save();
    (
        store.clone(),
        open_with(&store, TestClock::at(2026, 12, 10, 10)),
        booked,
    )
}

#[test]
fn todays_glance_holds_what_today_shows_and_nothing_typed() {
    let (store, w, booked) = a_busy_week();
    w.note_glance();
    let today = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let text = stored_glance(&store).expect("a glance is kept once someone is saved");
    let glance = Glance::stored_for(&text, today).expect("it reads back for today");
    let data = w.data();

    // What Today lists and counts, as worked out over every record.
    let due = crate::domain::followup::due_by(&data.followups, today);
    assert!(due.len() > DUE_SHOWN, "{} due", due.len());
    assert_eq!(glance.counts.due, due.len());
    assert_eq!(
        glance.counts.overdue,
        due.iter().filter(|f| f.when() < today).count()
    );
    let first: Vec<&FollowUp> = due.into_iter().take(DUE_SHOWN).collect();
    assert_eq!(glance.followups.iter().collect::<Vec<_>>(), first);
    let now = today.and_hms_opt(9, 0, 0).unwrap();
    let next = crate::domain::chat::next_booked(&glance.chats, now).unwrap();
    assert_eq!(next.id, booked);
    assert_eq!(next.place, "Café Olimpico");
    assert_eq!(
        next.checklist,
        data.chats
            .iter()
            .find(|c| c.id == booked)
            .unwrap()
            .checklist
    );
    // Typed text Today never shows stays out, so typing does not rewrite it.
    assert!(next.research.is_empty());
    // Everyone named, and the colleague a second contact offers, in order.
    let names: Vec<&str> = glance.people.iter().map(|p| p.name.as_str()).collect();
    assert!(names.starts_with(&["Ana"]), "{names:?}");
    assert!(
        names.contains(&"Dev") && !names.contains(&"Eve"),
        "{names:?}"
    );
    assert_eq!(glance.settings, data.settings);

    // Another day, or another format of the records: not used.
    assert!(Glance::stored_for(&text, today.succ_opt().unwrap()).is_none());
    let other_format = text.replacen(
        &format!("\"schema\":{}", crate::storage::CURRENT_SCHEMA),
        &format!("\"schema\":{}", crate::storage::CURRENT_SCHEMA + 1),
        1,
    );
    assert!(Glance::stored_for(&other_format, today).is_none());
    assert!(Glance::stored_for("{not json", today).is_none());
    // Not a record: reopening finds nothing unreadable.
    assert_eq!(reopen(&store).unreadable_count(), 0);
}

#[test]
fn the_glance_follows_what_today_shows_and_goes_when_no_one_is_left() {
    let (store, mut w, booked) = a_busy_week();
    w.note_glance();
    let before = stored_glance(&store).unwrap();
    w.type_text(
        &TextTarget::Chat(booked.clone(), ChatText::Research),
        "Her talk on pricing, and the podcast",
    )
    .unwrap();
    w.save();
    w.note_glance();
    assert_eq!(
        stored_glance(&store).unwrap(),
        before,
        "typing changes nothing Today shows"
    );

    let first_due = w
        .data()
        .followups
        .iter()
        .find(|f| f.is_due(w.clock.today()))
        .unwrap()
        .id
        .clone();
    w.set_followup_status(&first_due, FollowUpStatus::Done)
        .unwrap();
    w.note_glance();
    assert_ne!(stored_glance(&store).unwrap(), before);

    let everyone: Vec<PersonId> = w.data().people.iter().map(|p| p.id.clone()).collect();
    for person in &everyone {
        w.delete_person(person).unwrap();
    }
    w.note_glance();
    assert_eq!(
        stored_glance(&store),
        None,
        "nothing of theirs is left to show"
    );
}

#[test]
fn a_glance_that_cannot_be_written_is_removed_not_left_out_of_date() {
    let (store, mut w, _) = a_busy_week();
    w.note_glance();
    let ana = w.data().people[0].id.clone();
    w.type_text(
        &TextTarget::Person(ana, PersonField::Name),
        "Ana Beatriz Silva",
    )
    .unwrap();
    w.save();
    store.leave_free(0);
    w.note_glance();
    assert_eq!(stored_glance(&store), None);
}

// Two devices

/// A phone and a laptop: a store, a clock and ids each. The laptop starts
/// from the phone's backup, as a second device does.
pub(super) fn two_devices() -> (Workspace, Workspace, Arc<TestClock>, PersonId, ChatId) {
    let clock = clock();
    let mut phone = open_with(&Arc::new(MemoryStore::new()), clock.clone());
    let ana = phone.add_person("Ana", None, "", "").unwrap();
    let chat = phone.create_chat(&ana).unwrap();
    let laptop_ids = CountingIds(AtomicU64::new(5000));
    let mut laptop = Workspace::open(
        Arc::new(MemoryStore::new()),
        None,
        clock.clone(),
        Arc::new(laptop_ids),
    );
    clock.advance_minutes(1);
    exchange(&mut phone, &mut laptop);
    (phone, laptop, clock, ana, chat)
}

/// `from`'s backup, merged into `to`.
pub(super) fn exchange(from: &mut Workspace, to: &mut Workspace) -> crate::storage::Preview {
    let file = backup::parse(&from.export_backup()).unwrap();
    to.import_backup(file, ImportMode::Merge).unwrap()
}

#[test]
fn research_on_the_laptop_and_notes_on_the_phone_both_survive_an_exchange() {
    let (mut phone, mut laptop, clock, _, chat) = two_devices();
    let research = TextTarget::Chat(chat.clone(), ChatText::Research);
    let draft = TextTarget::Chat(chat.clone(), ChatText::NoteDraft);
    clock.advance_minutes(5);
    laptop
        .type_text(&research, "Annual report: two new offices")
        .unwrap();
    clock.advance_minutes(5);
    phone
        .type_text(&draft, "Started on the support desk")
        .unwrap();
    clock.advance_minutes(5);
    let on_laptop = exchange(&mut phone, &mut laptop);
    assert_eq!(on_laptop.kinds[1].changed, 1);
    assert_eq!(on_laptop.both_kept, 0);
    exchange(&mut laptop, &mut phone);
    for device in [&phone, &laptop] {
        assert_eq!(notes(&research, device), "Annual report: two new offices");
        assert_eq!(notes(&draft, device), "Started on the support desk");
    }
}

#[test]
fn a_person_deleted_on_the_phone_stays_deleted_when_an_older_laptop_file_comes_in() {
    let (mut phone, mut laptop, clock, ana, _) = two_devices();
    let old_laptop_file = backup::parse(&laptop.export_backup()).unwrap();
    clock.advance_minutes(5);
    phone.delete_person(&ana).unwrap();
    clock.advance_minutes(5);
    let preview = phone.merge_preview(&old_laptop_file);
    assert!(preview.changes_nothing(), "{preview:?}");
    phone
        .import_backup(old_laptop_file, ImportMode::Merge)
        .unwrap();
    assert!(phone.data().people.is_empty());
    assert!(phone.data().chats.is_empty());
    // And the deletion travels.
    let preview = exchange(&mut phone, &mut laptop);
    assert_eq!(preview.kinds[0].deleted, 1);
    assert_eq!(preview.kinds[1].deleted, 1);
    assert!(laptop.data().people.is_empty());
}

#[test]
fn an_edit_made_after_a_deletion_brings_the_record_back_and_says_so() {
    let (mut phone, mut laptop, clock, ana, _) = two_devices();
    clock.advance_minutes(5);
    phone.delete_person(&ana).unwrap();
    clock.advance_minutes(5);
    let role = TextTarget::Person(ana.clone(), PersonField::Role);
    laptop.type_text(&role, "Analyst").unwrap();
    clock.advance_minutes(5);
    let preview = exchange(&mut laptop, &mut phone);
    assert_eq!(preview.edited_after_deletion, 1);
    assert_eq!(preview.kinds[0].added, 1);
    assert_eq!(notes(&role, &phone), "Analyst");
}

#[test]
fn a_text_changed_on_both_devices_keeps_both_versions() {
    let (mut phone, mut laptop, clock, ana, _) = two_devices();
    let about = TextTarget::Person(ana.clone(), PersonField::Notes);
    clock.advance_minutes(5);
    phone.type_text(&about, "Met at the meetup").unwrap();
    clock.advance_minutes(5);
    laptop.type_text(&about, "Alumni of my school").unwrap();
    clock.advance_minutes(5);
    let preview = exchange(&mut laptop, &mut phone);
    assert_eq!(preview.both_kept, 1);
    let both = notes(&about, &phone);
    assert!(both.starts_with("Met at the meetup"), "{both}");
    assert!(both.ends_with("Alumni of my school"), "{both}");
    // Back on the laptop the kept pair replaces its text: no third copy.
    clock.advance_minutes(5);
    let preview = exchange(&mut phone, &mut laptop);
    assert_eq!(preview.both_kept, 0);
    assert_eq!(notes(&about, &laptop), both);
    // A name is not prose: the later change wins, both sides agree.
    let name = TextTarget::Person(ana, PersonField::Name);
    phone.type_text(&name, "Ana Silva").unwrap();
    clock.advance_minutes(1);
    laptop.type_text(&name, "Ana Costa").unwrap();
    clock.advance_minutes(1);
    exchange(&mut laptop, &mut phone);
    exchange(&mut phone, &mut laptop);
    assert_eq!(notes(&name, &phone), "Ana Costa");
    assert_eq!(notes(&name, &laptop), "Ana Costa");
}

#[test]
fn a_devices_own_older_file_merges_without_doubling_its_texts() {
    let (mut phone, _, clock, ana, _) = two_devices();
    let about = TextTarget::Person(ana, PersonField::Notes);
    phone.type_text(&about, "First").unwrap();
    let monday = backup::parse(&phone.export_backup()).unwrap();
    clock.advance_minutes(60);
    phone.type_text(&about, "First, then more").unwrap();
    let preview = phone.merge_preview(&monday);
    assert!(preview.changes_nothing(), "{preview:?}");
    phone.import_backup(monday, ImportMode::Merge).unwrap();
    assert_eq!(notes(&about, &phone), "First, then more");
}

#[test]
fn a_plain_backup_from_an_older_build_still_merges_by_its_dates() {
    let (store, mut w, ana) = with_person("Ana");
    let mut old = w.data().clone();
    old.people[0].role = "Analyst".into();
    old.people[0].updated_at += chrono::TimeDelta::days(1);
    let file = backup::parse(&backup::export(&old, Utc::now())).unwrap();
    w.import_backup(file, ImportMode::Merge).unwrap();
    let role = TextTarget::Person(ana, PersonField::Role);
    assert_eq!(notes(&role, &reopen(&store)), "Analyst");
}

#[test]
fn a_backup_is_offered_after_a_debrief_and_a_week_after_the_last_one() {
    let clock = clock();
    let store = Arc::new(MemoryStore::new());
    let mut w = open_with(&store, clock.clone());
    let ana = w.add_person("Ana", None, "", "").unwrap();
    assert_eq!(w.backup_due(), None, "not on the first day");
    clock.advance_minutes(8 * 24 * 60);
    assert_eq!(w.backup_due(), Some(BackupDue::Never));
    w.export_backup();
    assert_eq!(w.backup_due(), None);
    let chat = w.create_chat(&ana).unwrap();
    clock.advance_minutes(60);
    w.move_chat(&chat, Stage::Done).unwrap();
    w.type_text(
        &TextTarget::Chat(chat, ChatText::Takeaways),
        "Ask about the data team",
    )
    .unwrap();
    assert!(w.save());
    assert_eq!(w.backup_due(), Some(BackupDue::Debriefed));
    clock.advance_minutes(1);
    w.export_backup();
    assert_eq!(w.backup_due(), None);
    clock.advance_minutes(8 * 24 * 60);
    assert_eq!(w.backup_due(), None, "nothing changed since");
    w.type_text(&TextTarget::Person(ana, PersonField::Role), "Analyst")
        .unwrap();
    assert!(w.save());
    assert_eq!(w.backup_due(), Some(BackupDue::Old));
}

#[test]
fn a_file_that_says_the_settings_were_deleted_changes_nothing() {
    let (mut phone, mut laptop, clock, _, _) = two_devices();
    clock.advance_minutes(1);
    let my_name = TextTarget::Setting(SettingText::MyName);
    laptop.type_text(&my_name, "Sam").unwrap();
    assert!(laptop.save());
    let mut file: serde_json::Value = serde_json::from_str(&phone.export_backup()).unwrap();
    file["deleted"] = serde_json::json!({
        "coffee-chat/settings": u64::MAX / 2,
        "coffee-chat/schema": "soon",
    });
    let file = backup::parse(&file.to_string()).unwrap();
    laptop.import_backup(file, ImportMode::Merge).unwrap();
    assert_eq!(notes(&my_name, &laptop), "Sam");
    assert_eq!(laptop.data().people.len(), 1);
}
