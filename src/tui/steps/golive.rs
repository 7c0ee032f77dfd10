//! Step 12 — Go-live: the summary, the activation report (printable HTML and JSON), maintenance
//! reminders and security notes. Once the case is live it is the Maintenance screen
//! ([`super::maintenance`]): health findings, end-of-day, 移机 and 换机.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::i18n::{tr, tr_args};
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::screen::{Command, Cx, Screen, View};
use crate::tui::wrap::wrapped_lines;

/// The Go-live screen; once the case is live, the Maintenance form's state.
#[derive(Debug, Default)]
pub struct GoLiveScreen {
    /// The Maintenance form of a live case.
    pub maintenance: super::maintenance::MaintenanceScreen,
}

fn live(view: &View) -> bool {
    view.case
        .is_some_and(|c| c.lifecycle() == crate::onboarding::basis::Lifecycle::Live)
}

impl Screen for GoLiveScreen {
    /// Before go-live the screen has one action: write the report.
    fn key_context(&self, view: &View) -> KeyContext {
        if live(view) {
            return self.maintenance.ed.key_context();
        }
        KeyContext {
            list: true,
            ..KeyContext::default()
        }
    }

    fn edit_key(&mut self, key: &crossterm::event::KeyEvent) -> bool {
        self.maintenance.ed.edit_key(key)
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        if cx
            .case()
            .is_some_and(|c| c.lifecycle() == crate::onboarding::basis::Lifecycle::Live)
        {
            self.maintenance.on_action(action, cx);
        } else if matches!(action, Action::Up | Action::Down) {
            cx.info("golive-no-list");
        } else if action == Action::Select {
            cx.send(Command::WriteReport);
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        if live(view) {
            return self.maintenance.render(view, area, buf);
        }
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
