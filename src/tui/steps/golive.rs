//! Step 12 — Go-live: the summary, the activation report (printable HTML and JSON), maintenance
//! reminders and security notes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::i18n::{tr, tr_args};
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::{Cx, Screen, View};
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
            write_report(cx);
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(view, area, buf);
        None
    }
}

/// Writes the activation report of a consistent case with no test payment left open.
fn write_report(cx: &mut Cx) {
    let Some(case) = cx.case() else { return };
    // Not live while a test payment on this terminal may still be booked.
    let open = open_payments(cx.view.store, case);
    if open > 0 {
        cx.notice(Notice::Error(Msg {
            id: "golive-pending",
            args: vec![("count", open.to_string())],
        }));
        return;
    }
    // A report is a record of a consistent case: not of data that was never submitted, not of
    // a binding or a test made for other data.
    if let Err(open) = case.ready_to_go_live() {
        cx.notice(Notice::Missing(
            open.iter()
                .map(|s| crate::onboarding::case::Need::Text(step_title(*s)))
                .collect(),
        ));
        return;
    }
    let dir = cx.view.store.case_dir(&case.id).join("report");
    match crate::report::activation::write_report(&dir, case, cx.view.lang, cx.view.tz) {
        Ok((html, json)) => {
            let now = cx.view.now;
            cx.change(move |c| {
                c.record_report(crate::onboarding::device::GoLive {
                    at: now,
                    html: html.display().to_string(),
                    json: json.display().to_string(),
                })
            });
            cx.info("golive-written");
        }
        Err(e) => cx.notice(Notice::Error(Msg {
            id: "application-write-failed",
            args: vec![("error", e.to_string())],
        })),
    }
}

/// A step's title in both languages.
fn step_title(s: crate::onboarding::Step) -> crate::onboarding::text::Text {
    crate::onboarding::text::Text {
        zh: tr(crate::i18n::Lang::ZhCn, &s.title_id()),
        en: tr(crate::i18n::Lang::En, &s.title_id()),
    }
}

/// How many test payments the pending store still holds for the case's terminal.
fn open_payments(store: &crate::store::Store, case: &crate::onboarding::Case) -> usize {
    use crate::testloop::pending::{terminal_key, PaymentJournal};
    let ident = case.activation.identity.clone().unwrap_or_default();
    let key = terminal_key(Some(&ident.serial), Some(&ident.tid), &case.activation.port);
    let store = crate::store::pending::PendingStore::new(store.root());
    store.open_for(&key).len()
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
