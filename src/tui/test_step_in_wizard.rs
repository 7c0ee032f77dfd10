//! The Test step driven through the wizard: the count a real terminal runs, the run's live
//! lines, and the result on record (unit tests; the steps themselves never see the wizard).
#![cfg(test)]

use std::sync::atomic::Ordering;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::device::Showing;
use crate::onboarding::Step;
use crate::testloop::{Control, LoopEvent, Mode, Summary, TxnResult};
use crate::tui::app::{App, AppOptions};
use crate::tui::keymap::Action;
use crate::tui::screen::Screen;
use crate::tui::steps::test::effective_count as count_of;
use crate::tui::worker::Update;

/// The rounds the Test step would run now.
fn effective_count(a: &App) -> u32 {
    count_of(&a.view())
}

/// An action on the Test step.
fn on_action(a: &mut App, action: Action) {
    a.step = Step::Test;
    a.step_action(action);
}

/// The Test step's key context.
fn key_context(a: &App) -> crate::tui::keymap::KeyContext {
    a.screens.test.key_context(&a.view())
}

/// Draws the Test step.
fn render(a: &App, area: Rect, buf: &mut Buffer) {
    a.screens.test.render(&a.view(), area, buf);
}

fn app(demo: bool, port: &str) -> (tempfile::TempDir, App) {
    let d = tempfile::tempdir().unwrap();
    let store = crate::store::Store::open(d.path()).unwrap();
    let opts = AppOptions {
        lang: crate::i18n::Lang::En,
        theme: crate::tui::theme::Theme::new(false, false),
        demo,
        tz: chrono::FixedOffset::east_opt(0).unwrap(),
        clock: chrono::Utc::now,
        catalog: crate::onboarding::catalog::Catalog::shipped(),
        calendar: crate::onboarding::calendar::Calendar::shipped(),
    };
    let mut a = App::new(store, opts);
    a.dev.port = port.into();
    (d, a)
}

#[test]
fn a_real_terminal_runs_one_payment_unless_a_larger_count_is_chosen() {
    let (_d, mut a) = app(false, "/dev/ttyUSB0");
    a.dev.mode = Mode::Payment;
    assert_eq!(effective_count(&a), 1);
    // Choosing the count is explicit: 1 → 5.
    a.screens.test.ed.cursor = 1;
    on_action(&mut a, Action::Select);
    assert!(a.dev.count_chosen);
    assert_eq!(effective_count(&a), 5);
    // Connectivity rounds are not limited.
    let (_d, mut c) = app(false, "/dev/ttyUSB0");
    c.dev.mode = Mode::Connectivity;
    assert_eq!(effective_count(&c), 10);
    // The simulator (demo or `sim`) keeps its default.
    let (_d, mut s) = app(true, "sim");
    s.dev.mode = Mode::Payment;
    assert_eq!(effective_count(&s), 10);
}

fn round(index: u32, ok: bool, ms: f64) -> TxnResult {
    TxnResult {
        index,
        ok,
        latency_ms: ms,
        ack_ms: None,
        first_status_ms: None,
        result_code: None,
        error: (!ok).then(|| "loop-timeout".into()),
        message: None,
        error_args: vec![],
        cardholder_ms: None,
        receipt: None,
        reversed: None,
    }
}

fn summary(count: u32, ok: u32, pass: bool, aborted: bool) -> Summary {
    Summary {
        count,
        succeeded: ok,
        failed: count - ok,
        pass,
        aborted,
        ..Summary::not_run(Mode::Payment)
    }
}

/// An app on the Test step with an activated case whose last run is `last`.
fn on_test(last: Option<Summary>) -> (tempfile::TempDir, App) {
    let (d, mut a) = app(true, "sim");
    let mut case = crate::onboarding::Case::new(
        "Harbour Noodles",
        crate::i18n::Lang::En,
        true,
        chrono::Utc::now(),
    );
    case.test = last.map(|summary| crate::onboarding::device::TestRecord {
        at: chrono::Utc::now(),
        amount_fen: None,
        summary,
        latencies_ms: vec![],
    });
    a.case = Some(case);
    (d, a)
}

fn screen(a: &App) -> String {
    let area = Rect::new(0, 0, 61, 20);
    let mut buf = Buffer::empty(area);
    render(a, area, &mut buf);
    let mut out = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn running(a: &mut App, planned: u32) -> Arc<Control> {
    let c = Arc::new(Control::default());
    a.dev.control = Some(c.clone());
    a.dev.looping = true;
    a.dev.planned = planned;
    a.dev.rounds.clear();
    a.dev.summary = None;
    c
}

#[test]
fn an_earlier_result_is_not_shown_under_a_new_run() {
    for (last, old) in [
        (summary(10, 10, true, false), "PASSED"),
        (summary(8, 8, false, true), "STOPPED after 8"),
    ] {
        let (_d, mut a) = on_test(Some(last));
        a.dev.summary = a
            .case
            .as_ref()
            .and_then(|c| c.test.clone())
            .map(|t| t.summary);
        a.dev.planned = 10;
        assert!(screen(&a).contains(old), "{}", screen(&a));
        running(&mut a, 10);
        a.dev.rounds.push(round(1, false, 60_000.0));
        let s = screen(&a);
        assert!(!s.contains(old), "{s}");
        assert!(!s.contains("STOPPED"), "{s}");
    }
}

#[test]
fn the_terminals_word_ends_with_the_run() {
    let (_d, mut a) = on_test(None);
    running(&mut a, 2);
    a.on_device_update(Update::Loop(LoopEvent::Terminal(1, Showing(0x04))));
    assert!(
        screen(&a).contains("waiting for the host"),
        "{}",
        screen(&a)
    );
    a.dev.rounds.push(round(1, true, 40.0));
    a.on_device_update(Update::LoopDone(summary(2, 1, false, false)));
    let s = screen(&a);
    assert!(!s.contains("waiting for the host"), "{s}");
    assert!(s.contains("FAILED"), "{s}");
}

#[test]
fn paused_and_stopped_are_visible_and_the_bar_counts_done_rounds() {
    let (_d, mut a) = on_test(None);
    let c = running(&mut a, 10);
    for i in 1..=8 {
        a.dev.rounds.push(round(i, true, 30.0 + f64::from(i)));
    }
    c.pause.store(true, Ordering::Relaxed);
    assert!(screen(&a).contains("PAUSED"), "{}", screen(&a));
    c.pause.store(false, Ordering::Relaxed);
    assert!(!screen(&a).contains("PAUSED"));
    a.on_device_update(Update::LoopDone(summary(8, 8, false, true)));
    let s = screen(&a);
    assert!(s.contains(" 8/10"), "{s}");
    assert!(!s.contains("] 8/8"), "{s}");
    assert!(s.contains("STOPPED after 8"), "{s}");
}

#[test]
fn the_chart_marks_min_p50_and_p95_and_a_failed_run_has_no_zero_figures() {
    let (_d, mut a) = on_test(None);
    running(&mut a, 10);
    for (i, ms) in [(1, 10.0), (2, 20.0), (3, 30.0), (4, 100.0)] {
        a.dev.rounds.push(round(i, true, ms));
    }
    let s = screen(&a);
    assert!(s.contains("p95 100ms"), "{s}");
    assert!(s.contains("p50 20ms") && s.contains("min 10ms"), "{s}");
    // The top row carries p95 (100 ms is the highest bar), the bottom row min.
    let rows: Vec<&str> = s.lines().collect();
    let top = rows.iter().position(|l| l.contains("p95")).unwrap();
    let bottom = rows.iter().position(|l| l.contains("min 10ms")).unwrap();
    assert!(top < bottom, "{s}");
    // Block glyphs unless --ascii.
    assert!(s.contains('█'), "{s}");
    a.theme = crate::tui::theme::Theme::new(false, true);
    assert!(!screen(&a).contains('█'));
    assert!(screen(&a).contains('#'));
    let (_d, mut f) = on_test(None);
    running(&mut f, 2);
    f.dev.rounds.push(round(1, false, 60_000.0));
    let s = screen(&f);
    assert!(s.contains("min -") && !s.contains("p50 0.0"), "{s}");
}

#[test]
fn plus_and_minus_change_the_count_on_the_count_row() {
    let (_d, mut a) = on_test(None);
    a.screens.test.ed.cursor = 1;
    let ctx = key_context(&a);
    assert!(ctx.number && ctx.list);
    let plus = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('+'),
        crossterm::event::KeyModifiers::NONE,
    );
    let act = crate::tui::keymap::action_for(&plus, ctx).unwrap();
    let before = effective_count(&a);
    on_action(&mut a, act);
    assert_eq!(effective_count(&a), 20, "10 → 20");
    on_action(&mut a, Action::Decrease);
    on_action(&mut a, Action::Decrease);
    assert_eq!(effective_count(&a), 5);
    assert_ne!(before, 5);
    // Up still moves the cursor on the count row.
    let up = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Up,
        crossterm::event::KeyModifiers::NONE,
    );
    assert_eq!(crate::tui::keymap::action_for(&up, ctx), Some(Action::Up));
}

#[test]
fn a_pass_for_data_that_changed_since_is_not_ticked() {
    let (_d, mut a) = app(true, "sim");
    a.case = Some(crate::onboarding::basis::tests::finished());
    let start_row = |a: &App| {
        screen(a)
            .lines()
            .find(|l| l.contains("Start"))
            .unwrap_or_default()
            .to_string()
    };
    assert!(start_row(&a).starts_with("[✓]"), "{}", start_row(&a));
    // A new settlement account: the test was made for a binding that no longer holds.
    if let Some(c) = a.case.as_mut() {
        c.materials.account_number = "6222020200112233445".into();
    }
    assert!(start_row(&a).starts_with("[!]"), "{}", start_row(&a));
}

/// Issue 27: a payment test stopped with Ctrl-C at 2 of 10, as the loop records it.
fn stopped_at_2_of_10() -> Summary {
    Summary {
        count: 2,
        planned: 10,
        succeeded: 2,
        pass: false,
        aborted: true,
        failed_rules: vec![crate::testloop::RuleFailure::Stopped {
            ran: 2,
            planned: 10,
        }],
        ..Summary::not_run(Mode::Payment)
    }
}

#[test]
fn a_resumed_case_shows_its_stopped_test_as_stopped_with_the_planned_count() {
    // Resume reads the case file: the summary goes through JSON.
    let json = serde_json::to_string(&stopped_at_2_of_10()).unwrap();
    let read: Summary = serde_json::from_str(&json).unwrap();
    let (_d, mut a) = on_test(Some(read));
    a.dev.mode = Mode::Connectivity;
    a.enter_step(Step::Test);
    let s = screen(&a);
    assert!(s.contains("STOPPED after 2 of 10"), "{s}");
    assert!(!s.contains("FAILED"), "{s}");
    let count_row = s.lines().find(|l| l.contains("Transactions")).unwrap();
    assert!(count_row.contains("10"), "{s}");
    // Another mode chosen: the line still names the test it describes.
    a.screens.test.ed.cursor = 0;
    on_action(&mut a, Action::Select);
    assert_eq!(a.dev.mode, Mode::Connectivity);
    let s = screen(&a);
    assert!(
        s.contains("STOPPED after 2 of 10") && s.contains("payment test"),
        "{s}"
    );
}

#[test]
fn the_test_screen_and_test_loop_say_a_stopped_run_in_the_same_words() {
    let s = stopped_at_2_of_10();
    let (_d, mut a) = on_test(Some(s.clone()));
    a.enter_step(Step::Test);
    let screen = screen(&a);
    let head = &crate::testloop::words::summary_lines(crate::i18n::Lang::En, &s, false)[0];
    assert!(head.starts_with("STOPPED after 2 of 10"), "{head}");
    let words: String = head
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(screen.contains(&words), "{screen}");
}

/// Issue 27: Enter on Start of a live case does not start a run: it says what a re-test does,
/// and a second Enter starts it; a re-test stopped with `x` leaves the case live, its result and
/// Go-live's tick as they were, and the screen says the earlier result stays.
#[test]
fn a_live_case_is_retested_only_when_confirmed_and_a_stopped_retest_keeps_it_live() {
    use crate::onboarding::basis::Lifecycle;
    let (_d, mut a) = app(true, "sim");
    a.case = Some(crate::onboarding::basis::tests::finished());
    a.dev.connected = true;
    a.enter_step(Step::Test);
    a.screens.test.ed.cursor = 2;
    on_action(&mut a, Action::Select);
    assert!(!a.dev.looping, "a live case was re-tested at once");
    let said = match &a.notice {
        Some(crate::tui::notice::Notice::Info(m)) => m.id,
        other => panic!("{other:?}"),
    };
    assert_eq!(said, "test-retest-confirm");
    // Anything else in between disarms it.
    on_action(&mut a, Action::Up);
    on_action(&mut a, Action::Down);
    on_action(&mut a, Action::Select);
    assert!(!a.dev.looping);
    on_action(&mut a, Action::Select);
    assert!(a.dev.looping, "the second Enter starts the re-test");
    let before = a.case.as_ref().and_then(|c| c.test.clone());
    a.on_device_update(Update::LoopDone(stopped_at_2_of_10()));
    let case = a.case.as_ref().unwrap();
    assert_eq!(case.lifecycle(), Lifecycle::Live);
    assert_eq!(case.test, before);
    let s = screen(&a);
    assert!(s.contains("PASSED"), "{s}");
    assert!(s.contains("re-test was stopped"), "{s}");
}
