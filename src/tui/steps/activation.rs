//! Step 9 — Activation: choose the port, connect and read the terminal's identity, compare its
//! serial number with the label (a mismatch stops: wrong device), then the activation sequence
//! with live progress, the terminal's own status texts and the meaning of any result code. A
//! failed sub-step is retried without redoing the finished ones.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;

use super::device::busy;
use super::form::{render_rows, Editor, Mark, Row};
use crate::device::{Password, Tid};
use crate::i18n::{tr, tr_args};
use crate::onboarding::device::{check_serial, ActStep, SerialCheck};
use crate::tui::app::{App, Focus, Msg, Notice};
use crate::tui::keymap::Action;
use crate::tui::worker::Request;
use crate::tui::wrap::wrapped_lines;

const ROW_PORT: usize = 0;
const ROW_CONNECT: usize = 2;
const ROW_ACTIVATE: usize = 3;

/// State of the Activation rows (the port is the one text field): the cursor and the open text field.
pub type ActivationScreen = Editor;

/// Handles an action.
pub fn on_action(app: &mut App, action: Action) {
    let Some(case) = &app.case else { return };
    if app.activation_screen.editing.is_some() {
        match action {
            Action::Back => app.activation_screen.editing = None,
            Action::Select => {
                app.dev.port = app
                    .activation_screen
                    .take()
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            }
            _ => {}
        }
        return;
    }
    let cursor = app.activation_screen.cursor;
    match action {
        Action::Up => app.activation_screen.up(),
        Action::Down => app.activation_screen.down(ROW_ACTIVATE + 1),
        _ if busy(app) => app.notice = Some(Notice::Info(Msg::new("device-busy"))),
        Action::Select if cursor == ROW_PORT => {
            let p = app.dev.port.clone();
            app.activation_screen.open(&p);
        }
        Action::Select if cursor == ROW_CONNECT => {
            if case.binding.confirmed_at.is_none() {
                app.notice = Some(Notice::Missing(vec!["missing-binding-confirm".into()]));
                return;
            }
            let password = case
                .review
                .as_ref()
                .and_then(|r| match r {
                    crate::onboarding::application::ReviewOutcome::Approved {
                        activation_password,
                        ..
                    } => Password::parse(activation_password),
                    _ => None,
                })
                .unwrap_or_default();
            app.dev.identity = None;
            app.dev.connected = false;
            let port = app.dev.port.clone();
            if let Some(w) = app.worker.as_mut() {
                w.send(Request::Connect { port, password });
            }
        }
        // A terminal that does not report its serial number: the person at the terminal
        // confirms it from the terminal's screen or label, and the case records that.
        Action::ConfirmWarning if serial_unreported(app) => {
            app.dev.connected = true;
            app.apply(|c| c.confirm_serial_by_person("operator"));
            app.notice = Some(Notice::Info(Msg::new("activation-serial-confirmed")));
        }
        Action::ConfirmWarning => {
            app.notice = Some(Notice::Info(Msg::new("activation-nothing-to-confirm")))
        }
        Action::Select if cursor == ROW_ACTIVATE => {
            if serial_unreported(app) && !app.dev.connected {
                app.notice = Some(Notice::Error(Msg::new("activation-serial-confirm-first")));
                return;
            }
            if !app.dev.connected {
                app.notice = Some(Notice::Error(Msg::new("activation-connect-first")));
                return;
            }
            let Some(tid) = case.approval().and_then(|(_, t)| Tid::parse(t)) else {
                app.notice = Some(Notice::Missing(vec!["missing-review".into()]));
                return;
            };
            // Sub-steps done for an activation that no longer holds run again.
            let skip: Vec<ActStep> = case.activation_steps_done();
            if let Some(w) = app.worker.as_mut() {
                w.send(Request::Activate { tid, skip });
            }
        }
        _ => {}
    }
}

/// The connected terminal reports no serial number over ZVT.
fn serial_unreported(app: &App) -> bool {
    app.dev
        .identity
        .as_ref()
        .is_some_and(|i| check_serial(&i.serial, "") == SerialCheck::NotReported)
}

/// The terminal's identity as it reported it, "-" for what it did not report.
fn identity_text(lang: crate::i18n::Lang, i: &crate::onboarding::device::DeviceIdentity) -> String {
    let or_dash = |v: &str| {
        if v.trim().is_empty() {
            "-".to_string()
        } else {
            v.trim().to_string()
        }
    };
    tr_args(
        lang,
        "activation-identity",
        &[
            ("name", &or_dash(&i.name)),
            ("version", &or_dash(&i.version)),
            ("tid", &or_dash(&i.tid)),
            ("status", &or_dash(&i.status)),
        ],
    )
}

/// Draws the Activation screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let Some(case) = &app.case else { return None };
    let rows = rows(app, case);
    let [list, progress] =
        Layout::vertical([Constraint::Length(4), Constraint::Min(4)]).areas(area);
    let focused = app.focus == Focus::Content;
    let pos = render_rows(
        app,
        list,
        buf,
        &rows,
        &app.activation_screen,
        focused,
        if area.width >= 100 { 30 } else { 24 },
    );
    let w = progress.width;
    let mut lines: Vec<Line> = vec![Line::raw("")];
    if let Some(i) = &app
        .dev
        .identity
        .clone()
        .or(case.activation.identity.clone())
    {
        let t = identity_text(app.lang, i);
        lines.extend(wrapped_lines(&t, w, Style::new()));
    }
    for l in crate::tui::wrap::wrap_items(&step_marks(app, case), "   ", w as usize) {
        lines.push(Line::raw(l));
    }
    lines.extend(device_lines(app, w));
    crate::tui::wrap::render_lines(lines, progress, buf);
    pos
}

/// The port, the label's serial number, Connect and Activate.
fn rows(app: &App, case: &crate::onboarding::Case) -> Vec<Row> {
    let lang = app.lang;
    let port = app.dev.port.clone();
    vec![
        Row::new(tr(lang, "activation-port"), port, Mark::None),
        Row::new(
            tr(lang, "activation-label-serial"),
            case.binding.serial_label.clone(),
            Mark::None,
        ),
        Row::new(
            tr(lang, "activation-connect"),
            app.dev
                .identity
                .as_ref()
                .map(|i| {
                    let serial = if i.serial.is_empty() { "-" } else { &i.serial };
                    tr_args(lang, "activation-terminal-serial", &[("serial", serial)])
                })
                .unwrap_or_default(),
            match (&app.dev.identity, app.dev.connected) {
                (None, _) => Mark::Todo,
                (Some(_), true) => Mark::Ok,
                // Not reported is not wrong: it waits for the person's confirmation.
                (Some(_), false) if serial_unreported(app) => Mark::Todo,
                (Some(_), false) => Mark::Bad,
            },
        ),
        Row::new(
            tr(lang, "activation-run"),
            String::new(),
            if case.activated() {
                Mark::Ok
            } else {
                Mark::Todo
            },
        ),
    ]
}

/// Each sub-step of the activation with its mark: running, done, failed or to do.
fn step_marks(app: &App, case: &crate::onboarding::Case) -> Vec<String> {
    let lang = app.lang;
    let mut steps = vec![ActStep::Identify];
    if case.activation.done.contains_key(&ActStep::EndOfDay)
        || app.dev.running == Some(ActStep::EndOfDay)
    {
        steps.push(ActStep::EndOfDay);
    }
    steps.extend(ActStep::SEQUENCE);
    let mut marks: Vec<String> = vec![];
    for s in steps {
        let m = if app.dev.running == Some(s) {
            "..."
        } else if case.activation.done.contains_key(&s) {
            if app.theme.ascii {
                "[+]"
            } else {
                "[\u{2713}]"
            }
        } else if app.dev.failure.as_ref().is_some_and(|f| f.step == s) {
            "[!]"
        } else {
            "[ ]"
        };
        marks.push(format!("{m} {}", tr(lang, s.label_id())));
    }
    marks
}

/// What the terminal says, what failed and how to go on, or which ports there are.
fn device_lines(app: &App, w: u16) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut lines = vec![];
    if let Some(s) = app.dev.terminal {
        let t = tr_args(
            lang,
            "activation-terminal-says",
            &[("text", &crate::i18n::device::showing_text(lang, s))],
        );
        lines.extend(wrapped_lines(&t, w, app.theme.ok()));
    }
    if let Some(f) = &app.dev.failure {
        let (id, args) = f.error.message();
        lines.extend(wrapped_lines(
            &Msg { id, args }.text(lang),
            w,
            app.theme.error(),
        ));
        if let Some(code) = f.error.result_code() {
            let (meaning, remedy) = crate::i18n::device::code_words(lang, code);
            lines.extend(wrapped_lines(&meaning, w, app.theme.error()));
            if let Some(r) = remedy {
                lines.extend(wrapped_lines(&r, w, app.theme.warn()));
            }
        }
        lines.extend(wrapped_lines(
            &tr(lang, "activation-retry-hint"),
            w,
            app.theme.muted(),
        ));
    }
    if app.dev.identity.is_none() && app.dev.failure.is_none() {
        let ports: Vec<String> = app
            .dev
            .ports
            .iter()
            .map(|(path, desc)| {
                if desc.is_empty() {
                    path.clone()
                } else {
                    format!("{path} ({desc})")
                }
            })
            .collect();
        let t = tr_args(
            lang,
            "activation-port-hint",
            &[("ports", &ports.join(&tr(lang, "list-separator")))],
        );
        lines.extend(wrapped_lines(&t, w, app.theme.muted()));
    }
    lines
}
