//! Step 9 — Activation: choose the port, connect and read the terminal's identity, compare its
//! serial number with the label (a mismatch stops: wrong device), then the activation sequence
//! with live progress, the terminal's own status texts and the meaning of any result code. A
//! failed sub-step is retried without redoing the finished ones.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;

use super::form::{render_rows, Editor, Mark, Row};
use crate::device::{Password, Tid};
use crate::i18n::{tr, tr_args};
use crate::onboarding::device::{check_serial, ActStep, SerialCheck};
use crate::onboarding::Step;
use crate::tui::device_view::DeviceView;
use crate::tui::keymap::Action;
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::{Cx, DeviceCommand, Screen, View};
use crate::tui::wrap::wrapped_lines;

const ROW_PORT: usize = 0;
const ROW_SERIAL: usize = 1;
const ROW_CONNECT: usize = 2;
const ROW_ACTIVATE: usize = 3;
const ROW_LINK: usize = 4;

/// State of the Activation rows (the port is the one text field): the cursor and the open
/// text field.
#[derive(Debug, Default)]
pub struct ActivationScreen {
    /// The rows.
    pub ed: Editor,
    /// The rows of a terminal without a link, which a person activates.
    pub person: super::person::PersonScreen,
}

/// The case's terminal has no cash-register link: a person activates it, posbind connects to
/// nothing.
fn by_person(view: &View) -> bool {
    view.case
        .is_some_and(|c| c.link() != crate::onboarding::person::Link::Register)
}

impl Screen for ActivationScreen {
    fn key_context(&self, view: &View) -> crate::tui::keymap::KeyContext {
        match by_person(view) {
            true => self.person.ed.key_context(),
            false => self.ed.key_context(),
        }
    }

    fn edit_key(&mut self, key: &crossterm::event::KeyEvent) -> bool {
        match self.person.ed.editing.is_some() {
            true => self.person.ed.edit_key(key),
            false => self.ed.edit_key(key),
        }
    }

    /// Lands on the action a person takes next: Connect. A record from an earlier session is
    /// not the terminal's word today: the notice says so, and Connect re-reads it.
    fn enter(&mut self, cx: &mut Cx) {
        if by_person(&cx.view) {
            return self.person.enter(cx, super::person::Part::Activation);
        }
        cx.device(DeviceCommand::ScanPorts);
        if !cx.view.dev.connected && self.ed.editing.is_none() {
            self.ed.cursor = ROW_CONNECT;
        }
        // Connected already (a resumed case reconnects on its own) and not activated: the
        // activation is what is left to do.
        let activated = cx.case().is_some_and(|c| c.activated());
        if cx.view.dev.connected && !activated && self.ed.editing.is_none() {
            self.ed.cursor = ROW_ACTIVATE;
        }
        let tz = cx.view.tz;
        let recorded = cx.case().and_then(|c| {
            c.activation
                .activated_at
                .filter(|_| c.activated())
                .map(|at| at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        });
        if let (Some(at), false) = (recorded, cx.view.dev.connected) {
            cx.notice(Notice::Info(Msg {
                id: "activation-recorded-reconnect",
                args: vec![("at", at)],
            }));
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let Some(case) = cx.case() else { return };
        if by_person(&cx.view) {
            return self.person.on_action(action, cx);
        }
        if self.ed.editing.is_some() {
            match action {
                Action::Back => self.ed.editing = None,
                Action::Select => {
                    let port = self.ed.take().unwrap_or_default().trim().to_string();
                    cx.device(DeviceCommand::SetPort(port));
                }
                _ => {}
            }
            return;
        }
        let dev = cx.view.dev;
        match action {
            Action::Up => self.ed.up(),
            Action::Down => self.ed.down(rows(&cx.view, case).len()),
            _ if cx.refuse_when_busy() => {}
            Action::Select if self.ed.cursor == ROW_PORT => self.ed.open(&dev.port),
            Action::Select if self.ed.cursor == ROW_CONNECT => connect(case, cx),
            // The label's serial number belongs to the binding: say where it is changed.
            Action::Select if self.ed.cursor == ROW_SERIAL => {
                cx.info("activation-serial-at-binding")
            }
            // A terminal that does not report its serial number: the person at the terminal
            // confirms it from the terminal's screen or label, and the case records that.
            Action::ConfirmWarning if serial_unreported(dev) => {
                cx.device(DeviceCommand::SerialConfirmedByPerson)
            }
            Action::ConfirmWarning => cx.info("activation-nothing-to-confirm"),
            Action::Select if self.ed.cursor == ROW_ACTIVATE => activate(case, cx),
            // A wireless terminal: without a link it is activated on the device by a person.
            Action::Select if self.ed.cursor == ROW_LINK => {
                cx.change(|c| c.set_register_link(false));
                cx.info("person-link-changed");
            }
            _ => {}
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        if by_person(view) {
            return self.person.render(view, area, buf);
        }
        render(self, view, area, buf)
    }
}

/// The activation password the approval gave (the terminal's default when there is none).
pub fn approval_password(case: &crate::onboarding::Case) -> Password {
    case.review
        .as_ref()
        .and_then(|r| match r {
            crate::onboarding::application::ReviewOutcome::Approved {
                activation_password,
                ..
            } => Password::parse(activation_password),
            _ => None,
        })
        .unwrap_or_default()
}

/// Connects with the password from the approval, once the binding is confirmed.
fn connect(case: &crate::onboarding::Case, cx: &mut Cx) {
    if case.binding.confirmed_at.is_none() {
        cx.notice(Notice::Missing(vec!["missing-binding-confirm".into()]));
        return;
    }
    let password = approval_password(case);
    let port = cx.view.dev.port.trim().to_string();
    if port.is_empty() {
        cx.error("activation-port-empty");
        return;
    }
    cx.device(DeviceCommand::Connect { port, password });
}

/// Runs the activation on the connected terminal that is the one on the label.
fn activate(case: &crate::onboarding::Case, cx: &mut Cx) {
    let dev = cx.view.dev;
    if serial_unreported(dev) && !dev.connected {
        cx.error("activation-serial-confirm-first");
        return;
    }
    if !dev.connected {
        cx.error("activation-connect-first");
        return;
    }
    let Some(tid) = case.approval().and_then(|(_, t)| Tid::parse(t)) else {
        cx.notice(Notice::Missing(vec!["missing-review".into()]));
        return;
    };
    // Sub-steps done for an activation that no longer holds run again.
    let skip: Vec<ActStep> = case.activation_steps_done();
    cx.device(DeviceCommand::Activate { tid, skip });
}

/// The connected terminal reports no serial number over ZVT.
fn serial_unreported(dev: &DeviceView) -> bool {
    dev.identity
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
fn render(
    screen: &ActivationScreen,
    view: &View,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let case = view.case?;
    let rows = rows(view, case);
    let [list, progress] =
        Layout::vertical([Constraint::Length(rows.len() as u16), Constraint::Min(4)]).areas(area);
    let pos = render_rows(
        view,
        list,
        buf,
        &rows,
        &screen.ed,
        if area.width >= 100 { 30 } else { 24 },
    );
    let w = progress.width;
    let mut lines: Vec<Line> = vec![Line::raw("")];
    if let Some(i) = &view
        .dev
        .identity
        .clone()
        .or(case.activation.identity.clone())
    {
        let t = identity_text(view.lang, i);
        lines.extend(wrapped_lines(&t, w, Style::new()));
    }
    for l in crate::tui::wrap::wrap_items(&step_marks(view, case), "   ", w as usize) {
        lines.push(Line::raw(l));
    }
    lines.extend(device_lines(view, w));
    crate::tui::wrap::render_lines(lines, progress, buf);
    pos
}

/// The port, the label's serial number, Connect and Activate.
fn rows(view: &View, case: &crate::onboarding::Case) -> Vec<Row> {
    let lang = view.lang;
    let port = view.dev.port.clone();
    let mut rows = vec![
        Row::new(tr(lang, "activation-port"), port, Mark::None),
        Row::new(
            tr(lang, "activation-label-serial"),
            case.binding.serial_label.clone(),
            Mark::None,
        ),
        Row::new(
            tr(lang, "activation-connect"),
            view.dev
                .identity
                .as_ref()
                .map(|i| {
                    let serial = if i.serial.is_empty() { "-" } else { &i.serial };
                    tr_args(lang, "activation-terminal-serial", &[("serial", serial)])
                })
                .unwrap_or_default(),
            match (&view.dev.identity, view.dev.connected) {
                (None, _) => Mark::Todo,
                (Some(_), true) => Mark::Ok,
                // Not reported is not wrong: it waits for the person's confirmation.
                (Some(_), false) if serial_unreported(view.dev) => Mark::Todo,
                (Some(_), false) => Mark::Bad,
            },
        ),
        Row::new(
            tr(lang, "activation-run"),
            String::new(),
            super::record_mark(case, Step::Activation, case.activated()),
        ),
    ];
    if super::person::is_wireless(case) {
        rows.push(Row::new(
            tr(lang, "person-link-row"),
            tr(lang, "person-link-yes"),
            Mark::None,
        ));
    }
    rows
}

/// Each sub-step of the activation with its mark: running, done, failed or to do.
fn step_marks(view: &View, case: &crate::onboarding::Case) -> Vec<String> {
    let lang = view.lang;
    let mut steps = vec![ActStep::Identify];
    if case.activation.done.contains_key(&ActStep::EndOfDay)
        || view.dev.running == Some(ActStep::EndOfDay)
    {
        steps.push(ActStep::EndOfDay);
    }
    steps.extend(ActStep::SEQUENCE);
    let mut marks: Vec<String> = vec![];
    for s in steps {
        let m = if view.dev.running == Some(s) {
            "..."
        } else if case.activation.done.contains_key(&s) {
            if view.theme.ascii {
                "[+]"
            } else {
                "[\u{2713}]"
            }
        } else if view.dev.failure.as_ref().is_some_and(|f| f.step == s) {
            "[!]"
        } else {
            "[ ]"
        };
        marks.push(format!("{m} {}", tr(lang, s.label_id())));
    }
    marks
}

/// What the terminal says, what failed and how to go on, or which ports there are.
fn device_lines(view: &View, w: u16) -> Vec<Line<'static>> {
    let lang = view.lang;
    let mut lines = vec![];
    if let Some(s) = view.dev.terminal {
        let t = tr_args(
            lang,
            "activation-terminal-says",
            &[("text", &crate::i18n::device::showing_text(lang, s))],
        );
        lines.extend(wrapped_lines(&t, w, view.theme.ok()));
    }
    if let Some(f) = &view.dev.failure {
        let (id, args) = f.error.message();
        lines.extend(wrapped_lines(
            &Msg { id, args }.text(lang),
            w,
            view.theme.error(),
        ));
        if let Some(code) = f.error.result_code() {
            let (meaning, remedy) = crate::i18n::device::code_words(lang, code);
            lines.extend(wrapped_lines(&meaning, w, view.theme.error()));
            if let Some(r) = remedy {
                lines.extend(wrapped_lines(&r, w, view.theme.warn()));
            }
        }
        lines.extend(wrapped_lines(
            &tr(lang, "activation-retry-hint"),
            w,
            view.theme.muted(),
        ));
    }
    if view.dev.identity.is_none() && view.dev.failure.is_none() && view.dev.scanning {
        let t = tr(lang, "activation-ports-scanning");
        lines.extend(wrapped_lines(&t, w, view.theme.muted()));
    } else if view.dev.identity.is_none() && view.dev.failure.is_none() {
        let ports: Vec<String> = view
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
        lines.extend(wrapped_lines(&t, w, view.theme.muted()));
    }
    lines
}
