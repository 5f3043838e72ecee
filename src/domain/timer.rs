//! The meeting timer. Its state is the list of timestamped events stored
//! with the chat; what it shows is always computed from that list and the
//! wall clock, so a reload, a locked phone or a throttled background tab
//! cannot make it drift. There is no tick counter anywhere.

use crate::i18n::{fill, t};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimerAction {
    Start,
    Pause,
    Resume,
    Extend { minutes: u32 },
    End,
}

/// One event, at a wall-clock time in milliseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerEvent {
    #[serde(flatten)]
    pub action: TimerAction,
    pub at_ms: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    NotStarted,
    SmallTalk,
    Questions,
    Close,
    Overtime,
    Ended,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::NotStarted => t().timer_ready(),
            Phase::SmallTalk => t().timer_small_talk(),
            Phase::Questions => t().timer_questions(),
            Phase::Close => t().timer_close(),
            Phase::Overtime => t().timer_overtime(),
            Phase::Ended => t().timer_ended(),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Phase::NotStarted => "ready",
            Phase::SmallTalk => "small-talk",
            Phase::Questions => "questions",
            Phase::Close => "close",
            Phase::Overtime => "overtime",
            Phase::Ended => "ended",
        }
    }
}

/// What the timer shows at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimerView {
    pub phase: Phase,
    pub running: bool,
    /// Time in conversation so far, pauses excluded.
    pub elapsed_ms: i64,
    /// Planned length plus every extension.
    pub total_ms: i64,
    /// Negative in overtime.
    pub remaining_ms: i64,
    pub started_at_ms: Option<i64>,
    pub ended_at_ms: Option<i64>,
}

const MINUTE_MS: i64 = 60_000;

/// Small talk takes the first tenth of the planned length, at least a
/// minute; the close starts `wrap_up_minutes` before the end.
pub fn view(
    events: &[TimerEvent],
    planned_minutes: u32,
    wrap_up_minutes: u32,
    now_ms: i64,
) -> TimerView {
    let planned_ms = i64::from(planned_minutes) * MINUTE_MS;
    let mut total_ms = planned_ms;
    let mut elapsed_ms = 0;
    let mut running_since: Option<i64> = None;
    let mut started_at_ms = None;
    let mut ended_at_ms = None;
    for event in events {
        if ended_at_ms.is_some() {
            break;
        }
        match event.action {
            TimerAction::Start | TimerAction::Resume => {
                if started_at_ms.is_none() {
                    started_at_ms = Some(event.at_ms);
                }
                running_since.get_or_insert(event.at_ms);
            }
            TimerAction::Pause | TimerAction::End => {
                if let Some(since) = running_since.take() {
                    // A clock set backwards never takes time away.
                    elapsed_ms += (event.at_ms - since).max(0);
                }
                if event.action == TimerAction::End && started_at_ms.is_some() {
                    ended_at_ms = Some(event.at_ms);
                }
            }
            TimerAction::Extend { minutes } => total_ms += i64::from(minutes) * MINUTE_MS,
        }
    }
    if let Some(since) = running_since {
        elapsed_ms += (now_ms - since).max(0);
    }
    let remaining_ms = total_ms - elapsed_ms;
    let small_talk_ms = (planned_ms / 10).max(MINUTE_MS).min(planned_ms);
    let close_at_ms = total_ms - i64::from(wrap_up_minutes) * MINUTE_MS;
    let phase = if ended_at_ms.is_some() {
        Phase::Ended
    } else if started_at_ms.is_none() {
        Phase::NotStarted
    } else if remaining_ms <= 0 {
        Phase::Overtime
    } else if elapsed_ms >= close_at_ms {
        Phase::Close
    } else if elapsed_ms < small_talk_ms {
        Phase::SmallTalk
    } else {
        Phase::Questions
    };
    TimerView {
        phase,
        running: running_since.is_some() && ended_at_ms.is_none(),
        elapsed_ms,
        total_ms,
        remaining_ms,
        started_at_ms,
        ended_at_ms,
    }
}

/// Which buttons make sense now; the UI offers only these.
pub fn allowed(view: &TimerView, action: TimerAction) -> bool {
    match action {
        TimerAction::Start => view.phase == Phase::NotStarted,
        TimerAction::Pause => view.running,
        TimerAction::Resume => {
            !view.running && !matches!(view.phase, Phase::NotStarted | Phase::Ended)
        }
        TimerAction::Extend { .. } | TimerAction::End => {
            !matches!(view.phase, Phase::NotStarted | Phase::Ended)
        }
    }
}

/// "08:00" counting down, "+00:30" in overtime; whole seconds, rounded so
/// that a fresh 10-minute timer shows 10:00, not 09:59.
/// What to keep in mind in each phase, shown under the timer.
pub fn cue(phase: Phase) -> Option<&'static str> {
    match phase {
        Phase::SmallTalk => Some(t().timer_cue_small_talk()),
        Phase::Close => Some(t().timer_cue_close()),
        Phase::Overtime => Some(t().timer_cue_overtime()),
        _ => None,
    }
}

pub fn display(view: &TimerView) -> String {
    let ms = view.remaining_ms;
    if ms > 0 {
        let seconds = (ms + 999) / 1000;
        format!("{:02}:{:02}", seconds / 60, seconds % 60)
    } else {
        let seconds = -ms / 1000;
        format!("+{:02}:{:02}", seconds / 60, seconds % 60)
    }
}

/// How the meeting went against the plan: "12 minutes, 2 over the plan".
pub fn kept_or_overrun(view: &TimerView, planned_minutes: u32) -> String {
    let minutes = (view.elapsed_ms + 30_000) / MINUTE_MS;
    let planned = i64::from(planned_minutes);
    let (text, difference) = match minutes - planned {
        0 => (t().timer_as_planned(), 0),
        over if over > 0 => (t().timer_over_plan(), over),
        under => (t().timer_under_plan(), -under),
    };
    fill(text, &[("n", &minutes), ("difference", &difference)])
}

/// "04:12" into the meeting, for a note.
pub fn offset_label(elapsed_ms: i64) -> String {
    let seconds = elapsed_ms.max(0) / 1000;
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_800_000_000_000;
    const S: i64 = 1000;
    const M: i64 = 60 * S;

    fn ev(action: TimerAction, at_ms: i64) -> TimerEvent {
        TimerEvent { action, at_ms }
    }

    fn at(events: &[TimerEvent], now: i64) -> TimerView {
        view(events, 10, 2, now)
    }

    #[test]
    fn a_new_timer_waits_at_the_full_length() {
        let v = at(&[], T0);
        assert_eq!(v.phase, Phase::NotStarted);
        assert_eq!(display(&v), "10:00");
        assert!(allowed(&v, TimerAction::Start));
        assert!(!allowed(&v, TimerAction::Pause));
        assert!(!allowed(&v, TimerAction::End));
    }

    #[test]
    fn phases_follow_the_planned_length() {
        let events = [ev(TimerAction::Start, T0)];
        let phase = |offset| at(&events, T0 + offset).phase;
        assert_eq!(phase(0), Phase::SmallTalk);
        assert_eq!(phase(59 * S), Phase::SmallTalk);
        assert_eq!(phase(M), Phase::Questions);
        assert_eq!(phase(8 * M - 1), Phase::Questions);
        assert_eq!(phase(8 * M), Phase::Close);
        assert_eq!(phase(10 * M - 1), Phase::Close);
        assert_eq!(phase(10 * M), Phase::Overtime);
        assert_eq!(display(&at(&events, T0 + 8 * M)), "02:00");
        assert_eq!(display(&at(&events, T0 + 8 * M + 500)), "02:00");
        assert_eq!(display(&at(&events, T0 + 10 * M + 30 * S)), "+00:30");
        // A 30-minute chat talks small for 3 minutes.
        assert_eq!(view(&events, 30, 2, T0 + 3 * M - 1).phase, Phase::SmallTalk);
        assert_eq!(view(&events, 30, 5, T0 + 25 * M).phase, Phase::Close);
    }

    #[test]
    fn pauses_stop_the_clock_and_resume_picks_up() {
        let events = [
            ev(TimerAction::Start, T0),
            ev(TimerAction::Pause, T0 + 3 * M),
            ev(TimerAction::Resume, T0 + 13 * M),
        ];
        let paused = at(&events[..2], T0 + 9 * M);
        assert!(!paused.running);
        assert_eq!(display(&paused), "07:00");
        assert!(allowed(&paused, TimerAction::Resume));
        assert!(!allowed(&paused, TimerAction::Pause));
        let resumed = at(&events, T0 + 14 * M);
        assert!(resumed.running);
        assert_eq!(resumed.elapsed_ms, 4 * M);
        assert_eq!(display(&resumed), "06:00");
    }

    #[test]
    fn extending_moves_the_end_and_the_close() {
        let events = [
            ev(TimerAction::Start, T0),
            ev(TimerAction::Extend { minutes: 5 }, T0 + 9 * M),
        ];
        let v = at(&events, T0 + 9 * M);
        assert_eq!(v.total_ms, 15 * M);
        assert_eq!(v.phase, Phase::Questions);
        assert_eq!(display(&v), "06:00");
        assert_eq!(at(&events, T0 + 13 * M).phase, Phase::Close);
        // Extending in overtime brings the countdown back.
        let late = [
            ev(TimerAction::Start, T0),
            ev(TimerAction::Extend { minutes: 5 }, T0 + 11 * M),
        ];
        assert_eq!(display(&at(&late, T0 + 11 * M)), "04:00");
    }

    #[test]
    fn ending_freezes_the_record() {
        let events = [
            ev(TimerAction::Start, T0),
            ev(TimerAction::End, T0 + 12 * M + 30 * S),
            ev(TimerAction::Resume, T0 + 20 * M),
        ];
        let v = at(&events, T0 + 60 * M);
        assert_eq!(v.phase, Phase::Ended);
        assert!(!v.running);
        assert_eq!(v.elapsed_ms, 12 * M + 30 * S);
        assert_eq!(v.started_at_ms, Some(T0));
        assert_eq!(v.ended_at_ms, Some(T0 + 12 * M + 30 * S));
        assert_eq!(display(&v), "+02:30");
        assert!(!allowed(&v, TimerAction::Resume));
    }

    #[test]
    fn a_clock_that_jumps_never_runs_the_timer_backwards() {
        let events = [ev(TimerAction::Start, T0)];
        // The phone's clock is set back five minutes.
        let v = at(&events, T0 - 5 * M);
        assert_eq!(v.elapsed_ms, 0);
        assert_eq!(display(&v), "10:00");
        let paused_back = [ev(TimerAction::Start, T0), ev(TimerAction::Pause, T0 - M)];
        assert_eq!(at(&paused_back, T0 + M).elapsed_ms, 0);
        // A jump forward is time that really passed by the wall clock.
        assert_eq!(at(&events, T0 + 4 * M).elapsed_ms, 4 * M);
    }

    #[test]
    fn elapsed_time_is_the_same_however_often_it_is_read() {
        let events = [
            ev(TimerAction::Start, T0),
            ev(TimerAction::Pause, T0 + 90 * S),
            ev(TimerAction::Resume, T0 + 5 * M),
        ];
        let once = at(&events, T0 + 7 * M);
        for probe in (0..7 * M).step_by(997) {
            let _ = at(&events, T0 + probe);
        }
        assert_eq!(at(&events, T0 + 7 * M), once);
        assert_eq!(once.elapsed_ms, 90 * S + 2 * M);
    }

    #[test]
    fn events_are_stored_in_a_readable_form() {
        let json = serde_json::to_string(&ev(TimerAction::Extend { minutes: 5 }, 12)).unwrap();
        assert_eq!(json, r#"{"kind":"extend","minutes":5,"at_ms":12}"#);
        let back: TimerEvent = serde_json::from_str(&json).unwrap();
        assert_eq!(back.action, TimerAction::Extend { minutes: 5 });
    }

    #[test]
    fn the_close_cue_thanks_them_and_names_the_career_in_both_languages() {
        let close = cue(Phase::Close).unwrap();
        assert!(close.contains("thank them for their time"));
        assert!(close.contains("name the career you are exploring"));
        // Read at a glance on the table: as short as the cue it replaced.
        assert!(close.split_whitespace().count() <= 21, "{close}");
        assert!(close.contains("who else to talk to"));
        let french = crate::i18n::in_french(|| cue(Phase::Close).unwrap());
        assert!(french.contains("remerciez la personne pour son temps"));
        assert!(french.contains("la carrière que vous explorez"));
    }

    #[test]
    fn the_length_is_reported_against_the_plan() {
        let ran = |ms| TimerView {
            elapsed_ms: ms,
            ..at(&[], T0)
        };
        assert_eq!(
            kept_or_overrun(&ran(10 * M + 10 * S), 10),
            "10 minutes, as planned"
        );
        assert_eq!(
            kept_or_overrun(&ran(12 * M + 40 * S), 10),
            "13 minutes, 3 over the plan"
        );
        assert_eq!(
            kept_or_overrun(&ran(8 * M), 10),
            "8 minutes, 2 under the plan"
        );
        assert_eq!(kept_or_overrun(&ran(50 * S), 1), "1 minute, as planned");
    }

    #[test]
    fn note_offsets_read_as_minutes_and_seconds() {
        assert_eq!(offset_label(4 * M + 12 * S + 900), "04:12");
        assert_eq!(offset_label(-5), "00:00");
    }
}
