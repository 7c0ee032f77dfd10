//! Step 12 — Go-live: the summary, the activation report (printable HTML and JSON), maintenance
//! reminders and security notes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::i18n::{tr, tr_args};
use crate::tui::app::{App, Msg, Notice};
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::wrap::wrapped_lines;

/// The Go-live screen has one action: write the report.
pub fn key_context() -> KeyContext {
    KeyContext {
        list: true,
        ..KeyContext::default()
    }
}

/// Handles an action.
pub fn on_action(app: &mut App, action: Action) {
    if matches!(action, Action::Up | Action::Down) {
        app.notice = Some(Notice::Info(Msg::new("golive-no-list")));
        return;
    }
    if action != Action::Select {
        return;
    }
    let Some(case) = &app.case else { return };
    // Not live while a test payment on this terminal may still be booked.
    let open = open_payments(app, case);
    if open > 0 {
        app.notice = Some(Notice::Error(Msg {
            id: "golive-pending",
            args: vec![("count", open.to_string())],
        }));
        return;
    }
    // A report is a record of a consistent case: not of data that was never submitted, not of
    // a binding or a test made for other data.
    if let Err(open) = case.ready_to_go_live() {
        app.notice = Some(Notice::Missing(
            open.iter()
                .map(|s| crate::onboarding::case::Need::Text(step_title(*s)))
                .collect(),
        ));
        return;
    }
    let dir = app.store.case_dir(&case.id).join("report");
    match crate::report::activation::write_report(&dir, case, app.lang, app.tz) {
        Ok((html, json)) => {
            let now = app.now();
            app.apply(|c| {
                c.record_report(crate::onboarding::device::GoLive {
                    at: now,
                    html: html.display().to_string(),
                    json: json.display().to_string(),
                })
            });
            app.notice = Some(Notice::Info(Msg::new("golive-written")));
        }
        Err(e) => {
            app.notice = Some(Notice::Error(Msg {
                id: "application-write-failed",
                args: vec![("error", e.to_string())],
            }))
        }
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
fn open_payments(app: &App, case: &crate::onboarding::Case) -> usize {
    use crate::testloop::pending::{terminal_key, PaymentJournal};
    let ident = case.activation.identity.clone().unwrap_or_default();
    let key = terminal_key(Some(&ident.serial), Some(&ident.tid), &case.activation.port);
    let store = crate::store::pending::PendingStore::new(app.store.root());
    store.open_for(&key).len()
}

/// Draws the Go-live screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let Some(case) = &app.case else { return };
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
            app.theme.warn(),
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
            app.theme.ok(),
        )),
        None => lines.extend(wrapped_lines(
            &tr(lang, "golive-write-hint"),
            w,
            app.theme.warn(),
        )),
    }
    lines.extend(wrapped_lines(
        &tr(lang, "report-maintenance-text"),
        w,
        app.theme.muted(),
    ));
    lines.extend(wrapped_lines(
        &tr(lang, "report-security-text"),
        w,
        app.theme.muted(),
    ));
    crate::tui::wrap::render_lines(lines, area, buf);
}
