//! Step 10 — Test: the timed test-transaction loop with a progress bar, the terminal's message,
//! a latency chart per transaction, running statistics and explained errors; `p` pauses, `x`
//! aborts (a successful payment is still reversed).

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::bar;
use ratatui::text::Line;
use ratatui::widgets::{Sparkline, Widget};

use super::device::busy;
use super::form::{render_rows, Editor, Mark, Row};
use crate::device::{Amount, Currency};
use crate::i18n::{tr, tr_args};
use crate::testloop::{Control, LoopConfig, Mode, Stats};
use crate::tui::app::{App, Focus, Msg, Notice};
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::worker::Request;
use crate::tui::wrap::wrapped_lines;

const COUNTS: [u32; 5] = [1, 5, 10, 20, 50];

/// Whether the Test step drives a real terminal (not the demo's or `sim`'s simulator).
fn real_terminal(app: &App) -> bool {
    !app.demo && crate::onboarding::device::is_real_terminal(&app.dev.port)
}

/// The rounds the loop will run: the count chosen, else one payment and its void on a real
/// terminal (see `default_test_count`).
pub fn effective_count(app: &App) -> u32 {
    if app.dev.count_chosen {
        return app.dev.count;
    }
    crate::onboarding::device::default_test_count(app.dev.mode, real_terminal(app), app.dev.count)
}

/// ASCII levels for the latency chart: block glyphs are East-Asian-ambiguous and break
/// alignment in CJK terminals.
const ASCII_BARS: bar::Set = bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "*",
    five_eighths: "+",
    half: "=",
    three_eighths: "-",
    one_quarter: ":",
    one_eighth: ".",
    empty: " ",
};

/// State of the Test rows: the cursor and the open text field, and whether `w` was pressed
/// once (a second press records that no payment test is possible).
#[derive(Debug, Default)]
pub struct TestScreen {
    /// The rows.
    pub ed: Editor,
    /// `w` was pressed once.
    pub waiver_armed: bool,
}

/// Handles an action.
pub fn on_action(app: &mut App, action: Action) {
    if action != Action::WaivePaymentTest {
        app.test_screen.waiver_armed = false;
    }
    match action {
        Action::Up => app.test_screen.ed.up(),
        Action::Down => app.test_screen.ed.down(3),
        Action::Pause | Action::Abort if app.dev.control.is_none() => {
            app.notice = Some(Notice::Info(Msg::new("test-not-running")))
        }
        Action::Pause => {
            if let Some(c) = &app.dev.control {
                let p = !c.pause.load(Ordering::Relaxed);
                c.pause.store(p, Ordering::Relaxed);
                app.notice = Some(Notice::Info(Msg::new(if p {
                    "test-paused"
                } else {
                    "test-resumed"
                })));
            }
        }
        Action::Abort => {
            if let Some(c) = &app.dev.control {
                c.abort.store(true, Ordering::Relaxed);
                c.pause.store(false, Ordering::Relaxed);
                app.notice = Some(Notice::Info(Msg::new("test-aborting")));
            }
        }
        _ if busy(app) => app.notice = Some(Notice::Info(Msg::new("device-busy"))),
        Action::WaivePaymentTest => waive_payment_test(app),
        Action::Increase | Action::Decrease if app.test_screen.ed.cursor == 1 => {
            step_count(app, action == Action::Increase)
        }
        Action::Select => match app.test_screen.ed.cursor {
            0 => {
                app.dev.mode = match app.dev.mode {
                    Mode::Payment => Mode::Connectivity,
                    Mode::Connectivity => Mode::Payment,
                }
            }
            1 => step_count(app, true),
            _ => start(app),
        },
        _ => {}
    }
}

/// The Test rows are a list; the count row is also a number (`+`/`-`).
pub fn key_context(app: &App) -> KeyContext {
    KeyContext {
        number: app.test_screen.ed.cursor == 1,
        ..app.test_screen.ed.key_context()
    }
}

/// `w`, twice: records that a payment test is not possible (no test card). Only after a passed
/// connectivity test, so the terminal's link to the host is proven at least; the report shows
/// the waiver prominently.
fn waive_payment_test(app: &mut App) {
    let Some(case) = &app.case else { return };
    let connectivity_passed = case
        .test
        .as_ref()
        .is_some_and(|t| t.summary.pass && t.summary.mode == Mode::Connectivity);
    if !connectivity_passed {
        app.notice = Some(Notice::Info(Msg::new("test-waiver-needs-connectivity")));
        return;
    }
    if !app.test_screen.waiver_armed {
        app.test_screen.waiver_armed = true;
        app.notice = Some(Notice::Info(Msg::new("test-waiver-confirm")));
        return;
    }
    app.test_screen.waiver_armed = false;
    let now = app.now();
    app.apply(|c| c.waive_payment_test("no-test-card", now));
    app.notice = Some(Notice::Info(Msg::new("test-waiver-recorded")));
}

/// Moves the count one step up (Enter and `+` wrap around to the smallest) or down.
fn step_count(app: &mut App, up: bool) {
    let now = effective_count(app);
    let at = COUNTS.iter().position(|c| *c == now);
    let i = match (at, up) {
        (Some(i), true) => (i + 1) % COUNTS.len(),
        (Some(i), false) => (i + COUNTS.len() - 1) % COUNTS.len(),
        (None, _) => 0,
    };
    app.dev.count = COUNTS[i];
    app.dev.count_chosen = true;
}

fn start(app: &mut App) {
    let activated = app.case.as_ref().is_some_and(|c| c.activated());
    if !activated || !app.dev.connected {
        app.notice = Some(Notice::Error(Msg::new("test-activate-first")));
        return;
    }
    let cfg = LoopConfig {
        mode: app.dev.mode,
        count: effective_count(app),
        interval: Duration::from_millis(500),
        timeout: Duration::from_secs(60),
        amount: Amount {
            minor: crate::onboarding::device::TEST_AMOUNT_FEN,
            currency: Currency::CNY,
        },
        p95_limit: Duration::from_secs(5),
        reversal_attempts: 3,
    };
    let control = Arc::new(Control::default());
    app.dev.control = Some(control.clone());
    app.dev.rounds.clear();
    app.dev.summary = None;
    app.dev.current = 0;
    app.dev.planned = cfg.count;
    app.dev.terminal = None;
    app.dev.looping = true;
    app.notice = None;
    if let Some(w) = app.worker.as_mut() {
        w.send(Request::Loop(cfg, control));
    }
}

fn progress_bar(done: usize, total: usize, width: usize) -> String {
    let w = width.saturating_sub(2).max(1);
    let filled = (done * w).checked_div(total).unwrap_or(0).min(w);
    format!("[{}{}]", "#".repeat(filled), ".".repeat(w - filled))
}

/// Rows of the latency chart.
const CHART_ROWS: u16 = 3;

/// The line that says what the run is doing now: paused, the terminal's word, the round in
/// progress. Nothing once the run ended (its result line says how it ended).
fn run_state(app: &App) -> Option<(String, Style)> {
    let lang = app.lang;
    let d = &app.dev;
    if d.looping {
        let paused = d
            .control
            .as_ref()
            .is_some_and(|c| c.pause.load(Ordering::Relaxed));
        let aborting = d
            .control
            .as_ref()
            .is_some_and(|c| c.abort.load(Ordering::Relaxed));
        if aborting {
            return Some((tr(lang, "test-state-stopping"), app.theme.warn()));
        }
        if paused {
            return Some((tr(lang, "test-state-paused"), app.theme.warn()));
        }
        if let Some(s) = d.terminal {
            let t = tr_args(
                lang,
                "activation-terminal-says",
                &[("text", &crate::i18n::device::showing_text(lang, s))],
            );
            return Some((t, app.theme.ok()));
        }
        let (cur, of) = (d.current.max(1).to_string(), d.planned.to_string());
        return Some((
            tr_args(
                lang,
                "test-state-running",
                &[("index", &cur), ("count", &of)],
            ),
            app.theme.ok(),
        ));
    }
    None
}

/// The latency chart: a Sparkline of the successful rounds beside an axis that marks where
/// min, p50 and p95 fall (block glyphs, or ASCII levels under `--ascii`).
fn render_chart(app: &App, area: Rect, buf: &mut Buffer, ok: &[f64], st: &Stats) {
    if ok.is_empty() || area.height == 0 {
        return;
    }
    let axis_w = AXIS_W.min(area.width / 2);
    let [axis, plot] =
        Layout::horizontal([Constraint::Length(axis_w), Constraint::Min(1)]).areas(area);
    let data: Vec<u64> = ok.iter().map(|ms| ms.max(0.0).round() as u64 + 1).collect();
    let top = data.iter().copied().max().unwrap_or(1);
    let start = data.len().saturating_sub(plot.width as usize);
    let set = if app.theme.ascii {
        ASCII_BARS
    } else {
        bar::NINE_LEVELS
    };
    Sparkline::default()
        .data(&data[start..])
        .max(top)
        .bar_set(set)
        .style(app.theme.ok())
        .render(plot, buf);
    let rows = axis_rows(app.lang, area.height, top as f64, st);
    for (i, label) in rows.iter().enumerate() {
        let y = axis.y + i as u16;
        Line::styled(
            super::fit_ellipsis(label, axis_w as usize),
            app.theme.muted(),
        )
        .render(Rect::new(axis.x, y, axis.width, 1), buf);
    }
}

/// Width of the chart's axis column.
const AXIS_W: u16 = 16;

/// The axis labels, top row first: min, p50 and p95 each on the row its bar reaches, or the
/// nearest free row above (then below) when two fall on the same row, e.g. `p95 40ms`.
fn axis_rows(lang: crate::i18n::Lang, height: u16, top: f64, st: &Stats) -> Vec<String> {
    let h = height.max(1) as usize;
    let mut rows = vec![String::new(); h];
    // From the smallest up, so that a mark moved off a shared row moves up, in order.
    for (name, v) in [("min", st.min), ("p50", st.p50), ("p95", st.p95)] {
        // The Sparkline fills a value of `top` to the top row: the row of v is its share.
        let level = ((v.max(0.0) + 1.0) / top.max(1.0) * h as f64).ceil() as usize;
        let want = h - level.clamp(1, h);
        let free = (0..=want)
            .rev()
            .chain(want + 1..h)
            .find(|r| rows[*r].is_empty());
        if let Some(r) = free {
            let ms = format!("{v:.0}");
            rows[r] = tr_args(lang, "test-chart-mark", &[("name", name), ("ms", &ms)]);
        }
    }
    rows
}

/// The mode, the number of rounds and Start, marked with the result on record.
fn rows(app: &App, case: &crate::onboarding::Case) -> Vec<Row> {
    let lang = app.lang;
    let d = &app.dev;
    let mode = tr(
        lang,
        if d.mode == Mode::Payment {
            "test-mode-payment"
        } else {
            "test-mode-connectivity"
        },
    );
    vec![
        Row::new(tr(lang, "test-row-mode"), mode, Mark::None),
        Row::new(
            tr(lang, "test-row-count"),
            effective_count(app).to_string(),
            Mark::None,
        ),
        Row::new(
            tr(lang, "test-row-start"),
            tr(
                lang,
                if d.looping {
                    "test-running-hint"
                } else {
                    "test-start-hint"
                },
            ),
            match case
                .test
                .as_ref()
                .filter(|_| !d.looping)
                .map(|t| t.summary.pass)
            {
                Some(true) => Mark::Ok,
                Some(false) => Mark::Bad,
                None => Mark::Todo,
            },
        ),
    ]
}

/// The last failed rounds, then the result on record (with any payment left unreversed), or
/// what to do before the first round.
fn outcome_lines(app: &App, case: &crate::onboarding::Case, w: u16) -> Vec<Line<'static>> {
    let lang = app.lang;
    let d = &app.dev;
    let mut lines = vec![];
    for r in d.rounds.iter().filter(|r| !r.ok).rev().take(2) {
        let t = crate::i18n::device::round_failure_text(lang, r);
        lines.extend(wrapped_lines(
            &tr_args(
                lang,
                "test-round-failed",
                &[("index", &r.index.to_string()), ("why", &t)],
            ),
            w,
            app.theme.warn(),
        ));
    }
    if let Some(rec) = case.test.as_ref().filter(|_| !d.looping) {
        let s = &rec.summary;
        for u in &s.unreversed {
            let args = u.args();
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            lines.extend(wrapped_lines(
                &tr_args(lang, u.message_id(), &args),
                w,
                app.theme.error(),
            ));
        }
        // A connectivity pass proves the link, not payments: not called PASSED until a person
        // recorded that no test card is available.
        let link_only = s.mode == Mode::Connectivity && case.test_waiver.is_none();
        let id = match (s.pass, s.aborted) {
            (true, _) if link_only => "test-result-link-only",
            (true, _) => "test-result-pass",
            (false, true) => "test-result-stopped",
            (false, false) => "test-result-fail",
        };
        let style = if s.pass {
            app.theme.ok()
        } else {
            app.theme.error()
        };
        lines.extend(wrapped_lines(
            &tr_args(
                lang,
                id,
                &[
                    ("ok", &s.succeeded.to_string()),
                    ("count", &s.count.to_string()),
                ],
            ),
            w,
            style,
        ));
    } else if d.rounds.is_empty() {
        if d.mode == Mode::Payment && real_terminal(app) {
            lines.extend(wrapped_lines(
                &tr(lang, "test-real-terminal-one-payment"),
                w,
                app.theme.warn(),
            ));
        }
        lines.extend(wrapped_lines(&tr(lang, "test-hint"), w, Style::new()));
    }
    lines
}

/// Draws the Test screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let Some(case) = &app.case else { return };
    let d = &app.dev;
    let rows = rows(app, case);
    let [list, bar_area, msg, chart, stats, rest] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(1),
        // A taller chart where the screen is tall (120x40).
        Constraint::Length(if area.height >= 24 {
            2 * CHART_ROWS
        } else {
            CHART_ROWS
        }),
        Constraint::Length(if area.width >= 100 { 1 } else { 2 }),
        Constraint::Min(1),
    ])
    .areas(area);
    let focused = app.focus == Focus::Content;
    render_rows(app, list, buf, &rows, &app.test_screen.ed, focused, 24);
    let done = d.rounds.len();
    // The bar counts the rounds done against the rounds asked for: a stopped run stays short.
    let total = if d.looping || d.summary.is_some() {
        match d.planned {
            0 => d.summary.as_ref().map_or(0, |s| s.count as usize),
            n => n as usize,
        }
        .max(done)
    } else {
        0
    };
    if total > 0 {
        let label = format!(" {done}/{total}");
        let bar_w = (bar_area.width as usize).saturating_sub(label.len());
        Line::raw(format!("{}{label}", progress_bar(done, total, bar_w))).render(bar_area, buf);
    }
    if let Some((text, style)) = run_state(app) {
        Line::styled(super::fit_ellipsis(&text, msg.width as usize), style).render(msg, buf);
    }
    let ok: Vec<f64> = d
        .rounds
        .iter()
        .filter(|r| r.ok)
        .map(|r| r.latency_ms)
        .collect();
    let st = Stats::of(&ok);
    render_chart(app, chart, buf, &ok, &st);
    if !d.rounds.is_empty() {
        let ms = |v: f64| {
            if ok.is_empty() {
                "-".to_string()
            } else {
                format!("{v:.1}")
            }
        };
        let t = tr_args(
            lang,
            "test-stats",
            &[
                ("ok", &ok.len().to_string()),
                ("done", &done.to_string()),
                ("min", &ms(st.min)),
                ("p50", &ms(st.p50)),
                ("p95", &ms(st.p95)),
                ("max", &ms(st.max)),
            ],
        );
        crate::tui::wrap::render_lines(wrapped_lines(&t, stats.width, Style::new()), stats, buf);
    }
    let mut lines: Vec<Line> = vec![];
    let w = rest.width;
    // The highlighted row whole, when the list had to shorten it.
    let lw = super::form::label_width(&rows, 24, list.width);
    if let Some(full) = rows
        .get(app.test_screen.ed.cursor)
        .and_then(|r| super::form::full_text_if_cut(app.lang, r, lw, list.width))
    {
        lines.extend(wrapped_lines(&full, w, app.theme.muted()));
    }
    lines.extend(outcome_lines(app, case, w));
    crate::tui::wrap::render_lines(lines, rest, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::Showing;
    use crate::testloop::{LoopEvent, Summary, TxnResult};
    use crate::tui::app::AppOptions;
    use crate::tui::steps::device::on_update;
    use crate::tui::worker::Update;

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
        a.test_screen.ed.cursor = 1;
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
        on_update(&mut a, Update::Loop(LoopEvent::Terminal(1, Showing(0x04))));
        assert!(
            screen(&a).contains("waiting for the host"),
            "{}",
            screen(&a)
        );
        a.dev.rounds.push(round(1, true, 40.0));
        on_update(&mut a, Update::LoopDone(summary(2, 1, false, false)));
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
        on_update(&mut a, Update::LoopDone(summary(8, 8, false, true)));
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
        a.test_screen.ed.cursor = 1;
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
    fn progress_bar_fills_in_proportion() {
        assert_eq!(progress_bar(0, 4, 6), "[....]");
        assert_eq!(progress_bar(2, 4, 6), "[##..]");
        assert_eq!(progress_bar(4, 4, 6), "[####]");
        assert_eq!(progress_bar(1, 0, 6), "[....]");
    }
}
