//! Step 8 — Binding: the five binding elements in one record; the serial number from the label
//! is entered here, and a serial number already bound to another case is refused.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::{tr, tr_args};
use crate::onboarding::free_text;
use crate::onboarding::materials::MerchantType;
use crate::onboarding::validate::mask_number;
use crate::tui::app::{App, Focus, Msg, Notice};
use crate::tui::files::FileTarget;
use crate::tui::keymap::Action;
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
pub type BindingScreen = Editor;

fn row_at(app: &App) -> R {
    ROWS[app.binding_screen.cursor.min(ROWS.len() - 1)]
}

/// Handles an action.
pub fn on_action(app: &mut App, action: Action) {
    let Some(case) = &app.case else { return };
    if app.binding_screen.editing.is_some() {
        match action {
            Action::Back => app.binding_screen.editing = None,
            Action::Select => {
                let v = app.binding_screen.take().unwrap_or_default();
                commit(app, row_at(app), v.trim());
            }
            _ => {}
        }
        return;
    }
    match action {
        Action::Up => app.binding_screen.up(),
        Action::Down => app.binding_screen.down(ROWS.len()),
        Action::Select => match row_at(app) {
            R::Serial => {
                let v = case.binding.serial_label.clone();
                app.binding_screen.open(&v);
            }
            R::Outsourcer => {
                let v = case.binding.outsourcer.clone();
                app.binding_screen.open(&v);
            }
            R::Location => {
                let v = case
                    .binding
                    .location
                    .map(|p| format!("{}, {}", p.lat, p.lon))
                    .unwrap_or_default();
                app.binding_screen.open(&v);
            }
            R::TerminalPhoto => {
                let v = case
                    .binding
                    .terminal_photo
                    .as_ref()
                    .map(|d| d.path.clone())
                    .unwrap_or_default();
                app.binding_screen.open(&v);
            }
            R::Confirm => confirm(app),
            _ => app.notice = Some(Notice::Info(Msg::new("notice-row-read-only"))),
        },
        _ => {}
    }
}

/// On entering: when the serial number and the location are there but the binding is not
/// confirmed, the cursor lands on Confirm.
pub fn land(app: &mut App) {
    let ready = app.case.as_ref().is_some_and(|c| {
        !c.binding.serial_label.is_empty()
            && c.binding.location.is_some()
            && (c.binding.confirmed_at.is_none()
                || !c.still_holds(crate::onboarding::basis::Record::Binding))
    });
    if ready && app.binding_screen.editing.is_none() {
        if let Some(i) = ROWS.iter().position(|r| *r == R::Confirm) {
            app.binding_screen.cursor = i;
        }
    }
}

fn commit(app: &mut App, row: R, v: &str) {
    let v = v.to_string();
    match row {
        R::Serial => app.apply(|c| c.enter_serial(&v)),
        R::Location => {
            let checked = crate::onboarding::validate::coordinates(&v);
            match checked.value {
                Some(p) => app.apply(|c| c.set_install_location(p)),
                None => {
                    let r = checked.reasons.into_iter().next();
                    app.notice = Some(Notice::Error(Msg {
                        id: r.map(|r| r.id).unwrap_or("check-coords-format"),
                        args: vec![],
                    }))
                }
            }
        }
        R::Outsourcer => match free_text::check(&v, free_text::MAX_NAME) {
            Err(p) => {
                let (id, args) = p.message();
                app.notice = Some(Notice::Error(Msg { id, args }));
            }
            Ok(()) => app.apply(|c| c.set_outsourcer(&v)),
        },
        R::TerminalPhoto if v.is_empty() => app.apply(|c| c.set_terminal_photo(None)),
        R::TerminalPhoto => {
            let row = app.binding_screen.cursor;
            app.record_file(FileTarget::TerminalPhoto, &v, row);
        }
        _ => {}
    }
}

fn confirm(app: &mut App) {
    let Some(case) = &app.case else { return };
    let mut needs = case.binding_needs();
    needs.retain(|n| *n != crate::onboarding::case::Need::Id("missing-binding-confirm"));
    if !needs.is_empty() {
        app.notice = Some(Notice::Missing(needs));
        return;
    }
    // One binder per terminal: looking the serial number up and binding it happen under its
    // lock, so a `posbind run` binding it at the same moment cannot also find it free.
    let (serial, id) = (case.binding.serial_label.clone(), case.id.clone());
    let Some(_terminal) = app.lock_terminal(&serial) else {
        return;
    };
    match app.store.find_bound_serial(&serial, &id) {
        Ok(Some(other)) => {
            app.notice = Some(Notice::Error(Msg {
                id: "binding-serial-taken",
                args: vec![
                    ("serial", serial.clone()),
                    ("case", other.id),
                    ("merchant", other.merchant),
                ],
            }));
        }
        Ok(None) => {
            let now = app.now();
            app.notice = Some(match app.try_apply(|c| c.confirm_binding(now)) {
                Ok(()) => Notice::Info(Msg::new("binding-confirmed")),
                Err(open) => Notice::Missing(open),
            });
        }
        Err(e) => app.notice = Some(Notice::Error(Msg::from(&e))),
    }
}

/// The five binding elements, Confirm, and the optional outsourcer and photo.
fn rows(app: &App, case: &crate::onboarding::Case) -> Vec<Row> {
    let lang = app.lang;
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
                    t.with_timezone(&app.tz)
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_default(),
            if case.binding.confirmed_at.is_some() {
                Mark::Ok
            } else {
                Mark::Todo
            },
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
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = app.lang;
    let Some(case) = &app.case else { return None };
    let rows = rows(app, case);
    let [list, detail] =
        Layout::vertical([Constraint::Length(rows.len() as u16), Constraint::Min(2)]).areas(area);
    let focused = app.focus == Focus::Content;
    let label_w = if area.width >= 100 { 30 } else { 22 };
    let pos = render_rows(app, list, buf, &rows, &app.binding_screen, focused, label_w);
    let mut hint = tr_args(lang, "binding-hint", &[]);
    // The demo's terminal is simulated: its label is shown so nobody has to guess it.
    if app.demo {
        hint = format!(
            "{} {hint}",
            tr_args(lang, "binding-sim-label", &[("serial", &app.sim.serial)])
        );
    }
    // The highlighted row whole, when the list had to shorten it.
    let lw = super::form::label_width(&rows, label_w, list.width);
    if let Some(full) = rows
        .get(app.binding_screen.cursor)
        .and_then(|r| super::form::full_text_if_cut(app.lang, r, lw, list.width))
    {
        hint = [full, hint].join(super::form::NEWLINE);
    }
    crate::tui::wrap::render_lines(
        wrapped_lines(&hint, detail.width, app.theme.muted()),
        detail,
        buf,
    );
    pos
}
