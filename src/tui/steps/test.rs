//! Step 10 — Test: the timed test-transaction loop with a progress bar, the terminal's message,
//! a latency chart per transaction, running statistics and explained errors; `p` pauses, `x`
//! aborts (a successful payment is still reversed).

use std::sync::atomic::Ordering;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::symbols::bar;
use ratatui::text::Line;
use ratatui::widgets::{Sparkline, Widget};

use super::form::{render_rows, Editor, Mark, Row};
use crate::device::{Amount, Currency};
use crate::i18n::{tr, tr_args, tr_owned};
use crate::onboarding::Step;
use crate::testloop::{LoopConfig, Mode, Stats};
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::screen::{Cx, DeviceCommand, Screen, View};
use crate::tui::wrap::wrapped_lines;

const COUNTS: [u32; 5] = [1, 5, 10, 20, 50];

/// Whether the Test step drives a real terminal (not the demo's or `sim`'s simulator).
fn real_terminal(view: &View) -> bool {
    !view.demo && crate::onboarding::device::is_real_terminal(&view.dev.port)
}

/// The rounds the loop will run: the count chosen, else one payment and its void on a real
/// terminal (see `default_test_count`).
pub fn effective_count(view: &View) -> u32 {
    let d = view.dev;
    if d.count_chosen {
        return d.count;
    }
    crate::onboarding::device::default_test_count(d.mode, real_terminal(view), d.count)
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
    /// Enter on Start was pressed once on a case whose test proved the terminal: the next
    /// Enter starts a re-test.
    pub retest_armed: bool,
    /// The rows of a terminal without a link, which a person tests.
    pub person: super::person::PersonScreen,
}

/// The case's terminal has no cash-register link: a person tests it, no loop runs.
fn by_person(view: &View) -> bool {
    view.case
        .is_some_and(|c| c.link() != crate::onboarding::person::Link::Register)
}

impl Screen for TestScreen {
    /// The Test rows are a list; the count row is also a number (`+`/`-`).
    fn key_context(&self, view: &View) -> KeyContext {
        if by_person(view) {
            return self.person.ed.key_context();
        }
        KeyContext {
            number: self.ed.cursor == 1,
            ..self.ed.key_context()
        }
    }

    /// Lands on Start; on resume the screen shows the mode of the test on record, not the
    /// default.
    fn enter(&mut self, cx: &mut Cx) {
        if by_person(&cx.view) {
            return self.person.enter(cx, super::person::Part::Test);
        }
        let d = cx.view.dev;
        if d.looping {
            return;
        }
        self.ed.cursor = 2;
        if d.summary.is_none() {
            if let Some(t) = cx.case().and_then(|c| c.test.as_ref()) {
                // The rounds asked for, not the rounds a stopped run got to.
                cx.device(DeviceCommand::Choose {
                    mode: t.summary.mode,
                    count: t.summary.planned.max(t.summary.count),
                    count_chosen: true,
                });
            }
        }
    }

    fn edit_key(&mut self, key: &crossterm::event::KeyEvent) -> bool {
        self.person.ed.edit_key(key)
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        if by_person(&cx.view) {
            return self.person.on_action(action, cx);
        }
        if action != Action::WaivePaymentTest {
            self.waiver_armed = false;
        }
        let retest_armed = std::mem::take(&mut self.retest_armed);
        let d = cx.view.dev;
        match action {
            Action::Up => self.ed.up(),
            Action::Down => self.ed.down(3),
            Action::Pause | Action::Abort if d.control.is_none() => cx.info("test-not-running"),
            Action::Pause => cx.device(DeviceCommand::TogglePause),
            Action::Abort => cx.device(DeviceCommand::Abort),
            _ if cx.refuse_when_busy() => {}
            Action::WaivePaymentTest => self.waive_payment_test(cx),
            Action::Increase | Action::Decrease if self.ed.cursor == 1 => {
                step_count(cx, action == Action::Increase)
            }
            Action::Select => match self.ed.cursor {
                0 => {
                    let mode = match d.mode {
                        Mode::Payment => Mode::Connectivity,
                        Mode::Connectivity => Mode::Payment,
                    };
                    cx.device(DeviceCommand::Choose {
                        mode,
                        count: d.count,
                        count_chosen: d.count_chosen,
                    });
                }
                1 => step_count(cx, true),
                _ => self.retest_armed = start(cx, retest_armed),
            },
            _ => {}
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        if by_person(view) {
            return self.person.render(view, area, buf);
        }
        render(self, view, area, buf);
        None
    }
}

impl TestScreen {
    /// `w`, twice: records that a payment test is not possible (no test card). Only after a
    /// passed connectivity test, so the terminal's link to the host is proven at least; the
    /// report shows the waiver prominently.
    fn waive_payment_test(&mut self, cx: &mut Cx) {
        let Some(case) = cx.case() else { return };
        let connectivity_passed = case
            .test
            .as_ref()
            .is_some_and(|t| t.summary.pass && t.summary.mode == Mode::Connectivity);
        if !connectivity_passed {
            cx.info("test-waiver-needs-connectivity");
            return;
        }
        if !self.waiver_armed {
            self.waiver_armed = true;
            cx.info("test-waiver-confirm");
            return;
        }
        self.waiver_armed = false;
        let now = cx.view.now;
        cx.change(move |c| c.waive_payment_test("no-test-card", now));
        cx.info("test-waiver-recorded");
    }
}

/// Moves the count one step up (Enter and `+` wrap around to the smallest) or down.
fn step_count(cx: &mut Cx, up: bool) {
    let now = effective_count(&cx.view);
    let at = COUNTS.iter().position(|c| *c == now);
    let i = match (at, up) {
        (Some(i), true) => (i + 1) % COUNTS.len(),
        (Some(i), false) => (i + COUNTS.len() - 1) % COUNTS.len(),
        (None, _) => 0,
    };
    cx.device(DeviceCommand::Choose {
        mode: cx.view.dev.mode,
        count: COUNTS[i],
        count_chosen: true,
    });
}

/// Starts the loop on the connected, activated terminal. A terminal a test proved (a tested or
/// live case) is re-tested only on a second Enter (`confirmed`), after the first said what a
/// re-test does: returns whether the next Enter confirms.
fn start(cx: &mut Cx, confirmed: bool) -> bool {
    let activated = cx.case().is_some_and(|c| c.activated());
    if !activated || !cx.view.dev.connected {
        cx.error("test-activate-first");
        return false;
    }
    let proven = cx.case().is_some_and(|c| c.complete(Step::Test));
    if proven && !confirmed {
        cx.info("test-retest-confirm");
        return true;
    }
    let cfg = LoopConfig {
        mode: cx.view.dev.mode,
        count: effective_count(&cx.view),
        interval: Duration::from_millis(500),
        timeout: Duration::from_secs(60),
        amount: Amount {
            minor: crate::onboarding::device::TEST_AMOUNT_FEN,
            currency: Currency::CNY,
        },
        p95_limit: Duration::from_millis(crate::onboarding::test_result::default_p95_ms(
            cx.view.dev.mode,
        )),
        reversal_attempts: 3,
    };
    cx.device(DeviceCommand::StartLoop(cfg));
    false
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
fn run_state(view: &View) -> Option<(String, Style)> {
    let lang = view.lang;
    let d = &view.dev;
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
            return Some((tr(lang, "test-state-stopping"), view.theme.warn()));
        }
        if paused {
            return Some((tr(lang, "test-state-paused"), view.theme.warn()));
        }
        if let Some(s) = d.terminal {
            let t = tr_args(
                lang,
                "activation-terminal-says",
                &[("text", &crate::i18n::device::showing_text(lang, s))],
            );
            return Some((t, view.theme.ok()));
        }
        let (cur, of) = (d.current.max(1).to_string(), d.planned.to_string());
        return Some((
            tr_args(
                lang,
                "test-state-running",
                &[("index", &cur), ("count", &of)],
            ),
            view.theme.ok(),
        ));
    }
    None
}

/// The latency chart: a Sparkline of the successful rounds beside an axis that marks where
/// min, p50 and p95 fall (block glyphs, or ASCII levels under `--ascii`).
fn render_chart(view: &View, area: Rect, buf: &mut Buffer, ok: &[f64], st: &Stats) {
    if ok.is_empty() || area.height == 0 {
        return;
    }
    let axis_w = AXIS_W.min(area.width / 2);
    let [axis, plot] =
        Layout::horizontal([Constraint::Length(axis_w), Constraint::Min(1)]).areas(area);
    let data: Vec<u64> = ok.iter().map(|ms| ms.max(0.0).round() as u64 + 1).collect();
    let top = data.iter().copied().max().unwrap_or(1);
    let start = data.len().saturating_sub(plot.width as usize);
    let set = if view.theme.ascii {
        ASCII_BARS
    } else {
        bar::NINE_LEVELS
    };
    Sparkline::default()
        .data(&data[start..])
        .max(top)
        .bar_set(set)
        .style(view.theme.ok())
        .render(plot, buf);
    let rows = axis_rows(view.lang, area.height, top as f64, st);
    for (i, label) in rows.iter().enumerate() {
        let y = axis.y + i as u16;
        Line::styled(
            super::fit_ellipsis(label, axis_w as usize),
            view.theme.muted(),
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
fn rows(view: &View, case: &crate::onboarding::Case) -> Vec<Row> {
    let lang = view.lang;
    let d = &view.dev;
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
            effective_count(view).to_string(),
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
                // A pass for a terminal or data that changed since is not a pass now.
                Some(true) => super::record_mark(case, Step::Test, true),
                Some(false) => Mark::Bad,
                None => Mark::Todo,
            },
        ),
    ]
}

/// The last failed rounds, then the result on record (with any payment left unreversed), or
/// what to do before the first round.
fn outcome_lines(view: &View, case: &crate::onboarding::Case, w: u16) -> Vec<Line<'static>> {
    let lang = view.lang;
    let d = &view.dev;
    let mut lines = vec![];
    for r in d.rounds.iter().filter(|r| !r.ok).rev().take(2) {
        let t = crate::i18n::device::failure_text(lang, r.failure());
        lines.extend(wrapped_lines(
            &tr_args(
                lang,
                "test-round-failed",
                &[("index", &r.index.to_string()), ("why", &t)],
            ),
            w,
            view.theme.warn(),
        ));
    }
    if let Some(rec) = case.test.as_ref().filter(|_| !d.looping) {
        let s = &rec.summary;
        for u in &s.unreversed {
            lines.extend(wrapped_lines(
                &tr_owned(lang, u.message_id(), &u.args()),
                w,
                view.theme.error(),
            ));
        }
        // A connectivity pass proves the link, not payments: not called PASSED until a person
        // recorded that no test card is available.
        let link_only = case.test_waiver.is_none();
        let style = match s.pass {
            true if super::record_mark(case, Step::Test, true) == Mark::Warn => view.theme.warn(),
            true => view.theme.ok(),
            false => view.theme.error(),
        };
        // The result, then each rule a failed test did not meet, with the figure.
        let said = crate::testloop::words::summary_lines(lang, s, link_only);
        for (i, text) in said.iter().enumerate() {
            let style = if i == 0 { style } else { view.theme.error() };
            lines.extend(wrapped_lines(text, w, style));
        }
        // A re-test stopped since: it is not the result, and says so.
        if let Some(stopped) = case
            .other_tests
            .last()
            .filter(|o| o.at > rec.at && o.summary.aborted)
        {
            let t = tr_args(
                lang,
                "test-retest-stopped",
                &[
                    ("count", &stopped.summary.count.to_string()),
                    ("planned", &stopped.summary.planned.to_string()),
                ],
            );
            lines.extend(wrapped_lines(&t, w, view.theme.warn()));
        }
    } else if d.rounds.is_empty() {
        if d.mode == Mode::Payment && real_terminal(view) {
            lines.extend(wrapped_lines(
                &tr(lang, "test-real-terminal-one-payment"),
                w,
                view.theme.warn(),
            ));
        }
        lines.extend(wrapped_lines(&tr(lang, "test-hint"), w, Style::new()));
    }
    lines
}

/// Draws the Test screen.
fn render(screen: &TestScreen, view: &View, area: Rect, buf: &mut Buffer) {
    let lang = view.lang;
    let Some(case) = view.case else { return };
    let d = &view.dev;
    let rows = rows(view, case);
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
    render_rows(view, list, buf, &rows, &screen.ed, 24);
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
    if let Some((text, style)) = run_state(view) {
        Line::styled(super::fit_ellipsis(&text, msg.width as usize), style).render(msg, buf);
    }
    let ok: Vec<f64> = d
        .rounds
        .iter()
        .filter(|r| r.ok)
        .map(|r| r.latency_ms)
        .collect();
    let st = Stats::of(&ok);
    render_chart(view, chart, buf, &ok, &st);
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
    let full =
        super::form::highlighted_full_text(view.lang, &rows, screen.ed.cursor, 24, list.width);
    if let Some(full) = full {
        lines.extend(wrapped_lines(&full, w, view.theme.muted()));
    }
    lines.extend(outcome_lines(view, case, w));
    crate::tui::wrap::render_lines(lines, rest, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_bar_fills_in_proportion() {
        assert_eq!(progress_bar(0, 4, 6), "[....]");
        assert_eq!(progress_bar(2, 4, 6), "[##..]");
        assert_eq!(progress_bar(4, 4, 6), "[####]");
        assert_eq!(progress_bar(1, 0, 6), "[....]");
    }
}
