//! Step 12 — Go-live: the summary, the activation report (printable HTML and JSON), maintenance
//! reminders and security notes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::i18n::{tr, tr_args};
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::screen::{Command, Cx, Screen, View};
use crate::tui::wrap::wrapped_lines;

/// The Go-live screen: no state of its own.
#[derive(Debug, Default)]
pub struct GoLiveScreen;

impl Screen for GoLiveScreen {
    /// The Go-live screen has one action: write the report.
    fn key_context(&self, _view: &View) -> KeyContext {
        KeyContext {
            list: true,
            ..KeyContext::default()
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        if matches!(action, Action::Up | Action::Down) {
            cx.info("golive-no-list");
        } else if action == Action::Select {
            cx.send(Command::WriteReport);
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(view, area, buf);
        None
    }
}

/// Draws the Go-live screen.
fn render(view: &View, area: Rect, buf: &mut Buffer) {
    let lang = view.lang;
    let Some(case) = view.case else { return };
    let w = area.width;
    let mut lines = vec![];
    let (mid, tid) = case.approval().unwrap_or(("-", "-"));
    let test = case
        .test
        .as_ref()
        .map(|t| format!("{}/{}", t.summary.succeeded, t.summary.count))
        // A terminal without a link: its test is a person's, and says so.
        .or_else(|| {
            case.person_test
                .as_ref()
                .map(|_| tr(lang, "golive-test-person"))
        })
        .unwrap_or_else(|| "-".into());
    let summary = tr_args(
        lang,
        "golive-summary",
        &[
            ("serial", &case.binding.serial_label),
            ("mid", mid),
            ("tid", tid),
            ("test", &test),
        ],
    );
    lines.extend(wrapped_lines(&summary, w, Style::new()));
    if case.binding.terminal_photo.is_none() {
        lines.extend(wrapped_lines(
            &tr(lang, "golive-terminal-photo-missing"),
            w,
            view.theme.warn(),
        ));
    }
    match &case.golive {
        Some(g) => lines.extend(wrapped_lines(
            &tr_args(
                lang,
                "golive-report-at",
                &[("html", &g.html), ("json", &g.json)],
            ),
            w,
            view.theme.ok(),
        )),
        None => lines.extend(wrapped_lines(
            &tr(lang, "golive-write-hint"),
            w,
            view.theme.warn(),
        )),
    }
    lines.extend(wrapped_lines(
        &tr(lang, "report-maintenance-text"),
        w,
        view.theme.muted(),
    ));
    lines.extend(wrapped_lines(
        &tr(lang, "report-security-text"),
        w,
        view.theme.muted(),
    ));
    crate::tui::wrap::render_lines(lines, area, buf);
}
