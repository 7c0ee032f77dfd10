//! Step 8 — Binding: the five binding elements in one record; the serial number from the label
//! is entered here, and a serial number already bound to another case is refused.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::{tr, tr_args};
use crate::onboarding::free_text;
use crate::onboarding::materials::MerchantType;
use crate::onboarding::validate::mask_number;
use crate::onboarding::Step;
use crate::tui::files::FileTarget;
use crate::tui::keymap::Action;
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::{Command, Cx, Screen, View};
use crate::tui::wrap::wrapped_lines;

/// Rows of the form: the five binding elements, the serial number, the confirmation, then the
/// records beside the binding (installer company, terminal photo).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum R {
    Acquirer,
    Mid,
    Identity,
    Account,
    Address,
    Location,
    Serial,
    Confirm,
    Outsourcer,
    TerminalPhoto,
}

const ROWS: [R; 10] = [
    R::Acquirer,
    R::Mid,
    R::Identity,
    R::Account,
    R::Address,
    R::Location,
    R::Serial,
    R::Confirm,
    R::Outsourcer,
    R::TerminalPhoto,
];

/// State of the Binding form: the cursor and the open text field.
#[derive(Debug, Default)]
pub struct BindingScreen {
    /// The rows.
    pub ed: Editor,
}

impl Screen for BindingScreen {
    super::form::form_keys!();

    /// When the serial number and the location are there but the binding is not confirmed
    /// (or no longer holds), the cursor lands on Confirm.
    fn enter(&mut self, cx: &mut Cx) {
        let ready = cx.case().is_some_and(|c| {
            !c.binding.serial_label.is_empty()
                && c.binding.location.is_some()
                && (c.binding.confirmed_at.is_none()
                    || !c.still_holds(crate::onboarding::basis::Record::Binding))
        });
        if ready && self.ed.editing.is_none() {
            if let Some(i) = ROWS.iter().position(|r| *r == R::Confirm) {
                self.ed.cursor = i;
            }
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let Some(case) = cx.case() else { return };
        if self.ed.editing.is_some() {
            match action {
                Action::Back => self.ed.editing = None,
                Action::Select => {
                    let v = self.ed.take().unwrap_or_default();
                    commit(cx, self.row(), self.ed.cursor, v.trim());
                }
                _ => {}
            }
            return;
        }
        match action {
            Action::Up => self.ed.up(),
            Action::Down => self.ed.down(ROWS.len()),
            Action::Select => match self.row() {
                R::Serial => self.ed.open(&case.binding.serial_label),
                R::Outsourcer => self.ed.open(&case.binding.outsourcer),
                R::Location => {
                    let v = case
                        .binding
                        .location
                        .map(|p| format!("{}, {}", p.lat, p.lon))
                        .unwrap_or_default();
                    self.ed.open(&v);
                }
                R::TerminalPhoto => {
                    let v = case
                        .binding
                        .terminal_photo
                        .as_ref()
                        .map(|d| d.path.clone())
                        .unwrap_or_default();
                    self.ed.open(&v);
                }
                R::Confirm => confirm(case, cx),
                _ => cx.info("notice-row-read-only"),
            },
            _ => {}
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(self, view, area, buf)
    }
}

impl BindingScreen {
    fn row(&self) -> R {
        ROWS[self.ed.cursor.min(ROWS.len() - 1)]
    }
}

fn commit(cx: &mut Cx, row: R, cursor: usize, v: &str) {
    let v = v.to_string();
    match row {
        R::Serial => cx.change(move |c| c.enter_serial(&v)),
        R::Location => {
            let checked = crate::onboarding::validate::coordinates(&v);
            match checked.value {
                Some(p) => cx.change(move |c| c.set_install_location(p)),
                None => {
                    let r = checked.reasons.into_iter().next();
                    cx.error(r.map(|r| r.id).unwrap_or("check-coords-format"));
                }
            }
        }
        R::Outsourcer => match free_text::check(&v, free_text::MAX_NAME) {
            Err(p) => {
                let (id, args) = p.message();
                cx.notice(Notice::Error(Msg { id, args }));
            }
            Ok(()) => cx.change(move |c| c.set_outsourcer(&v)),
        },
        R::TerminalPhoto if v.is_empty() => cx.change(|c| c.set_terminal_photo(None)),
        R::TerminalPhoto => cx.send(Command::RecordFile {
            target: FileTarget::TerminalPhoto,
            typed: v,
            row: cursor,
        }),
        _ => {}
    }
}

/// Confirms the binding once everything it binds is there; the wizard then checks, under the
/// terminal's lock, that no other case has bound its serial number.
fn confirm(case: &crate::onboarding::Case, cx: &mut Cx) {
    let mut needs = case.binding_needs();
    needs.retain(|n| *n != crate::onboarding::case::Need::Id("missing-binding-confirm"));
    if needs.is_empty() {
        cx.send(Command::ConfirmBinding);
    } else {
        cx.notice(Notice::Missing(needs));
    }
}

/// The five binding elements, Confirm, and the optional outsourcer and photo.
fn rows(view: &View, case: &crate::onboarding::Case) -> Vec<Row> {
    let lang = view.lang;
    let m = &case.materials;
    let has = |v: &str| if v.is_empty() { Mark::Todo } else { Mark::Ok };
    let acquirer = case
        .institution
        .as_ref()
        .map(|i| i.binding_text(lang))
        .unwrap_or_default();
    let mid = case
        .approval()
        .map(|(mid, _)| mid.to_string())
        .unwrap_or_default();
    let ident = if m.merchant_type == Some(MerchantType::Micro) {
        mask_number(&m.id_number)
    } else {
        m.credit_code.clone()
    };
    let account = format!("{} {}", m.bank_name, mask_number(&m.account_number));
    vec![
        Row::new(
            tr(lang, "binding-acquirer"),
            acquirer.clone(),
            has(&acquirer),
        ),
        Row::new(tr(lang, "binding-mid"), mid.clone(), has(&mid)),
        Row::new(tr(lang, "binding-identity"), ident.clone(), has(&ident)),
        Row::new(
            tr(lang, "binding-account"),
            account.trim().to_string(),
            has(m.account_number.as_str()),
        ),
        Row::new(
            tr(lang, "binding-address"),
            case.install_address().to_string(),
            has(case.install_address()),
        ),
        Row::new(
            tr(lang, "binding-location"),
            case.binding
                .location
                .map(|p| format!("{:.6}, {:.6}", p.lat, p.lon))
                .unwrap_or_default(),
            if case.binding.location.is_some() {
                Mark::Ok
            } else {
                Mark::Todo
            },
        ),
        Row::new(
            tr(lang, "binding-serial"),
            case.binding.serial_label.clone(),
            has(&case.binding.serial_label),
        ),
        Row::new(
            tr(lang, "binding-confirm"),
            case.binding
                .confirmed_at
                .map(|t| {
                    t.with_timezone(&view.tz)
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_default(),
            super::record_mark(case, Step::Binding, case.binding.confirmed_at.is_some()),
        ),
        Row::new(
            tr(lang, "binding-outsourcer"),
            case.binding.outsourcer.clone(),
            Mark::None,
        ),
        Row::new(
            tr(lang, "binding-terminal-photo"),
            case.binding
                .terminal_photo
                .as_ref()
                .map(|d| d.path.clone())
                .unwrap_or_else(|| tr(lang, "binding-terminal-photo-hint")),
            if case.binding.terminal_photo.is_some() {
                Mark::Ok
            } else {
                Mark::None
            },
        ),
    ]
}

/// Draws the Binding screen.
fn render(screen: &BindingScreen, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = view.lang;
    let case = view.case?;
    let rows = rows(view, case);
    let [list, detail] =
        Layout::vertical([Constraint::Length(rows.len() as u16), Constraint::Min(2)]).areas(area);
    let label_w = if area.width >= 100 { 30 } else { 22 };
    let pos = render_rows(view, list, buf, &rows, &screen.ed, label_w);
    let mut hint = tr_args(lang, "binding-hint", &[]);
    // The demo's terminal is simulated: its label is shown so nobody has to guess it.
    if view.demo {
        hint = format!(
            "{} {hint}",
            tr_args(lang, "binding-sim-label", &[("serial", view.sim_serial)])
        );
    }
    // The highlighted row whole, when the list had to shorten it.
    let full =
        super::form::highlighted_full_text(view.lang, &rows, screen.ed.cursor, label_w, list.width);
    if let Some(full) = full {
        hint = [full, hint].join(super::form::NEWLINE);
    }
    crate::tui::wrap::render_lines(
        wrapped_lines(&hint, detail.width, view.theme.muted()),
        detail,
        buf,
    );
    pos
}
