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
use ratatui::widgets::{Paragraph, Sparkline, Widget};

use super::device::busy;
use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::{tr, tr_args};
use crate::testloop::{Control, LoopConfig, Mode, Stats};
use crate::tui::app::{App, Focus, Msg, Notice};
use crate::tui::keymap::Action;
use crate::tui::worker::Request;
use crate::tui::wrap::wrapped_lines;
use crate::zvt::messages::{Amount, Currency};

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

/// State of the Test rows: the cursor and the open text field.
pub type TestScreen = Editor;

/// Handles an action.
pub fn on_action(app: &mut App, action: Action) {
    match action {
        Action::Up => app.test_screen.up(),
        Action::Down => app.test_screen.down(3),
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
        Action::Select => match app.test_screen.cursor {
            0 => {
                app.dev.mode = match app.dev.mode {
                    Mode::Payment => Mode::Connectivity,
                    Mode::Connectivity => Mode::Payment,
                }
            }
            1 => {
                let now = effective_count(app);
                let i = COUNTS
                    .iter()
                    .position(|c| *c == now)
                    .map_or(0, |i| (i + 1) % COUNTS.len());
                app.dev.count = COUNTS[i];
                app.dev.count_chosen = true;
            }
            _ => start(app),
        },
        _ => {}
    }
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
            minor: 1,
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

/// Draws the Test screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let Some(case) = &app.case else { return };
    let d = &app.dev;
    let mode = tr(
        lang,
        if d.mode == Mode::Payment {
            "test-mode-payment"
        } else {
            "test-mode-connectivity"
        },
    );
    let rows = vec![
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
            match case.test.as_ref().map(|t| t.summary.pass) {
                Some(true) => Mark::Ok,
                Some(false) => Mark::Bad,
                None => Mark::Todo,
            },
        ),
    ];
    let [list, bar_area, msg, chart, stats, rest] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let focused = app.focus == Focus::Content;
    render_rows(app, list, buf, &rows, &app.test_screen, focused, 24);
    let done = d.rounds.len();
    let total = if d.looping || d.summary.is_some() {
        d.summary
            .as_ref()
            .map_or(effective_count(app) as usize, |s| s.count as usize)
    } else {
        0
    };
    if total > 0 {
        let label = format!(" {done}/{total}");
        let bar_w = (bar_area.width as usize).saturating_sub(label.len());
        Line::raw(format!("{}{label}", progress_bar(done, total, bar_w))).render(bar_area, buf);
    }
    if let Some(s) = d.terminal {
        let t = tr_args(
            lang,
            "activation-terminal-says",
            &[(
                "text",
                &tr_args(lang, &s.message_id(), &[("code", &format!("{:02X}", s.0))]),
            )],
        );
        Line::styled(t, app.theme.ok()).render(msg, buf);
    }
    let data: Vec<u64> = d
        .rounds
        .iter()
        .map(|r| r.latency_ms.max(0.0).round() as u64 + 1)
        .collect();
    let start = data.len().saturating_sub(chart.width as usize);
    Sparkline::default()
        .data(&data[start..])
        .bar_set(ASCII_BARS)
        .style(app.theme.ok())
        .render(chart, buf);
    let ok: Vec<f64> = d
        .rounds
        .iter()
        .filter(|r| r.ok)
        .map(|r| r.latency_ms)
        .collect();
    let st = Stats::of(&ok);
    if !d.rounds.is_empty() {
        let t = tr_args(
            lang,
            "test-stats",
            &[
                ("ok", &ok.len().to_string()),
                ("done", &done.to_string()),
                ("min", &format!("{:.1}", st.min)),
                ("p50", &format!("{:.1}", st.p50)),
                ("p95", &format!("{:.1}", st.p95)),
                ("max", &format!("{:.1}", st.max)),
            ],
        );
        Line::raw(t).render(stats, buf);
    }
    let mut lines: Vec<Line> = vec![];
    let w = rest.width;
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
    if let Some(rec) = &case.test {
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
        let id = match (s.pass, s.aborted) {
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
    Paragraph::new(lines).render(rest, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::AppOptions;

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
        a.test_screen.cursor = 1;
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

    #[test]
    fn progress_bar_fills_in_proportion() {
        assert_eq!(progress_bar(0, 4, 6), "[....]");
        assert_eq!(progress_bar(2, 4, 6), "[##..]");
        assert_eq!(progress_bar(4, 4, 6), "[####]");
        assert_eq!(progress_bar(1, 0, 6), "[....]");
    }
}
