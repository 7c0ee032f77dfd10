//! Go-live, once the case is live — Maintenance: the case's off-line health findings (each
//! with its level and one action), the end-of-day (结算) on the connected terminal with its total
//! kept, and 移机 and 换机 as journaled changes of the same case, each a few keys:
//!
//! - end-of-day: Enter on its row (the terminal connected on the Activation screen);
//! - 移机: the new address, location and the institution's approval reference, then Enter on
//!   "confirm the move" — the binding is confirmed with the new placement, the report written
//!   again;
//! - 换机: the new terminal's serial number and the approval reference, then Enter on "confirm
//!   the replacement" — the wizard goes to Binding, and the new terminal is confirmed,
//!   activated and tested on the steps that follow, as at the first go-live.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;

use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::{tr, tr_args, tr_owned};
use crate::onboarding::health::{self, Level};
use crate::onboarding::Step;
use crate::tui::keymap::Action;
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::{Command, Cx, DeviceCommand, View};
use crate::tui::wrap::wrapped_lines;

/// Rows of the Maintenance form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum R {
    EndOfDay,
    MoveAddress,
    MoveLocation,
    MoveApproval,
    MoveConfirm,
    ReplaceSerial,
    ReplaceApproval,
    ReplaceConfirm,
    LastTransaction,
}

const ROWS: [R; 9] = [
    R::EndOfDay,
    R::MoveAddress,
    R::MoveLocation,
    R::MoveApproval,
    R::MoveConfirm,
    R::ReplaceSerial,
    R::ReplaceApproval,
    R::ReplaceConfirm,
    R::LastTransaction,
];

/// What is typed for a move or a replacement before it is confirmed (nothing of it is in the
/// case until then).
#[derive(Debug, Default)]
pub struct MaintenanceScreen {
    /// The rows.
    pub ed: Editor,
    /// 移机: the new install address.
    pub move_address: String,
    /// 移机: the new location, `LAT, LON`.
    pub move_location: String,
    /// 移机: the institution's approval reference.
    pub move_approval: String,
    /// 换机: the new terminal's serial number.
    pub replace_serial: String,
    /// 换机: the institution's approval reference.
    pub replace_approval: String,
}

impl MaintenanceScreen {
    fn row(&self) -> R {
        ROWS[self.ed.cursor.min(ROWS.len() - 1)]
    }

    fn field(&mut self, row: R) -> Option<&mut String> {
        match row {
            R::MoveAddress => Some(&mut self.move_address),
            R::MoveLocation => Some(&mut self.move_location),
            R::MoveApproval => Some(&mut self.move_approval),
            R::ReplaceSerial => Some(&mut self.replace_serial),
            R::ReplaceApproval => Some(&mut self.replace_approval),
            _ => None,
        }
    }

    /// The keys of the form (the Go-live screen hands them over once the case is live).
    pub fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let row = self.row();
        if self.ed.editing.is_some() {
            match action {
                Action::Back => self.ed.editing = None,
                Action::Select => {
                    let v = self.ed.take().unwrap_or_default();
                    if let Some(f) = self.field(row) {
                        *f = v.trim().to_string();
                    }
                    // On to the next row: a move or a replacement is typed top to bottom.
                    self.ed.down(ROWS.len());
                }
                _ => {}
            }
            return;
        }
        match action {
            Action::Up => self.ed.up(),
            Action::Down => self.ed.down(ROWS.len()),
            Action::Select => match row {
                R::EndOfDay if cx.refuse_when_busy() => {}
                R::EndOfDay => cx.device(DeviceCommand::EndOfDay),
                R::LastTransaction if cx.refuse_when_busy() => {}
                R::LastTransaction => cx.device(DeviceCommand::LastTransaction),
                R::MoveConfirm => self.confirm_move(cx),
                R::ReplaceConfirm => self.confirm_replacement(cx),
                _ => {
                    let v = self.field(row).cloned().unwrap_or_default();
                    self.ed.open(&v);
                }
            },
            _ => {}
        }
    }

    fn confirm_move(&mut self, cx: &mut Cx) {
        let checked = crate::onboarding::validate::coordinates(&self.move_location);
        let Some(location) = checked.value else {
            let r = checked.reasons.into_iter().next();
            cx.error(r.map_or("check-coords-format", |r| r.id));
            return;
        };
        let (address, approval) = (self.move_address.clone(), self.move_approval.clone());
        let lang = cx.view.lang;
        let now = cx.view.now;
        cx.try_change(
            move |c| {
                c.record_move(&address, location, &approval, now)
                    .map_err(|why| {
                        let (id, args) = why.message(lang);
                        Notice::Error(Msg { id, args })
                    })
            },
            Notice::Info(Msg::new("maint-move-done")),
        );
        // Written again only when the move went through (the report then no longer holds),
        // and the institution's notice once. What was typed stays: a refused move is
        // corrected, not typed again.
        cx.send(Command::RewriteReport);
        cx.send(Command::TellInstitution);
    }

    fn confirm_replacement(&mut self, cx: &mut Cx) {
        let (serial, approval) = (self.replace_serial.clone(), self.replace_approval.clone());
        let refused = cx
            .case()
            .and_then(|c| c.replacement_refused(&serial, &approval));
        if let Some(why) = refused {
            cx.error(why.message_id());
            return;
        }
        let now = cx.view.now;
        cx.try_change(
            move |c| {
                c.record_replacement(&serial, &approval, now)
                    .map_err(|why| Notice::Error(Msg::new(why.message_id())))
            },
            Notice::Info(Msg::new("maint-replace-done")),
        );
        // Checked above: the domain takes it, so what was typed is done with.
        self.replace_serial.clear();
        self.replace_approval.clear();
        // The new terminal is confirmed on Binding, then activated and tested as at go-live.
        cx.send(Command::EnterStep(Step::Binding));
        cx.send(Command::TellInstitution);
    }

    /// Draws the form, then the health findings and what the highlighted row does.
    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let lang = view.lang;
        let case = view.case?;
        let eod = case.maintenance.last_end_of_day.as_ref().map_or_else(
            || tr(lang, "maint-eod-none"),
            |e| {
                let at =
                    e.at.with_timezone(&view.tz)
                        .format("%m-%d %H:%M")
                        .to_string();
                let total = e
                    .total_minor
                    .map(crate::onboarding::catalog::fmt_fen)
                    .unwrap_or_else(|| "-".into());
                tr_args(lang, "maint-eod-last", &[("at", &at), ("yuan", &total)])
            },
        );
        let text = |s: &str, hint: &str| {
            if s.is_empty() {
                tr(lang, hint)
            } else {
                s.to_string()
            }
        };
        let rows = vec![
            Row::new(tr(lang, "maint-eod"), eod, Mark::None),
            Row::new(
                tr(lang, "maint-move-address"),
                text(&self.move_address, "maint-empty"),
                Mark::None,
            ),
            Row::new(
                tr(lang, "maint-move-location"),
                text(&self.move_location, "maint-empty"),
                Mark::None,
            ),
            Row::new(
                tr(lang, "maint-approval"),
                text(&self.move_approval, "maint-empty"),
                Mark::None,
            ),
            Row::new(tr(lang, "maint-move-confirm"), String::new(), Mark::None),
            Row::new(
                tr(lang, "maint-replace-serial"),
                text(&self.replace_serial, "maint-empty"),
                Mark::None,
            ),
            Row::new(
                tr(lang, "maint-approval"),
                text(&self.replace_approval, "maint-empty"),
                Mark::None,
            ),
            Row::new(tr(lang, "maint-replace-confirm"), String::new(), Mark::None),
            Row::new(tr(lang, "maint-last"), String::new(), Mark::None),
        ];
        let [list, detail] =
            Layout::vertical([Constraint::Length(rows.len() as u16), Constraint::Min(2)])
                .areas(area);
        let label_w = if area.width >= 100 { 30 } else { 18 };
        let pos = render_rows(view, list, buf, &rows, &self.ed, label_w);
        // The findings first, most urgent first: what needs doing must not be below the fold.
        let hint = wrapped_lines(&self.hint(view), detail.width, view.theme.muted());
        let room = usize::from(detail.height).saturating_sub(hint.len().min(2));
        let mut lines = findings_lines(view, detail.width, room.max(1));
        lines.extend(hint);
        crate::tui::wrap::render_lines(lines, detail, buf);
        pos
    }

    fn hint(&self, view: &View) -> String {
        let id = match self.row() {
            R::EndOfDay => "maint-eod-hint",
            R::LastTransaction => "maint-last-hint",
            R::MoveAddress | R::MoveLocation | R::MoveApproval | R::MoveConfirm => {
                "maint-move-hint"
            }
            _ => "maint-replace-hint",
        };
        tr(view.lang, id)
    }
}

/// The case's off-line health findings, most urgent first, or that it is healthy, in at most
/// `rows` lines: those that do not fit are counted on the last line (`posbind health` lists
/// them all). (Open test payments are checked where they matter here: the end-of-day refuses
/// while one is open.)
fn findings_lines(view: &View, width: u16, rows: usize) -> Vec<ratatui::text::Line<'static>> {
    let Some(case) = view.case else {
        return vec![];
    };
    let lang = view.lang;
    let facts = health::Facts {
        now: view.now,
        today: view.now.with_timezone(&view.tz).date_naive(),
        catalog: view.catalog,
        open_payments: 0,
    };
    let mut findings = health::offline(case, &facts);
    if findings.is_empty() {
        return wrapped_lines(&tr(lang, "maint-healthy"), width, view.theme.ok());
    }
    findings.sort_by_key(|f| std::cmp::Reverse(f.level));
    let total = findings.len();
    let mut lines = vec![];
    for (shown, f) in findings.into_iter().enumerate() {
        let (level, style) = match f.level {
            Level::Info => ("health-level-info", Style::new()),
            Level::Attention => ("health-level-attention", view.theme.warn()),
            Level::Urgent => ("health-level-urgent", view.theme.error()),
        };
        let line = format!(
            "[{}] {} {}",
            tr(lang, level),
            tr_owned(lang, &f.message_id(), &f.args),
            tr_owned(lang, &f.action_id(), &f.args)
        );
        let wrapped = wrapped_lines(&line, width, style);
        // Room for this one, and for the count of the rest if any are left.
        let after = if shown + 1 < total { 1 } else { 0 };
        if !lines.is_empty() && lines.len() + wrapped.len() + after > rows {
            let more = (total - shown).to_string();
            let text = tr_args(lang, "maint-findings-more", &[("count", &more)]);
            lines.extend(wrapped_lines(&text, width, view.theme.warn()));
            break;
        }
        lines.extend(wrapped);
    }
    lines
}
