//! Step 5 — Application: MCC from a searchable table, install address, channel, and the
//! irreversible submission that writes the package into the case's outbox.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;

use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::{tr, tr_args, Lang};
use crate::onboarding::application::{Channel, FeeAcknowledgement, Submission};
use crate::onboarding::catalog::{fmt_rate, fmt_yuan, mcc, search_mcc, MccCategory};
use crate::onboarding::pos_types::PosCatalog;
use crate::onboarding::Step;
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::notice::Notice;
use crate::tui::screen::{Command, Cx, Screen, View};
use crate::tui::wrap::wrapped_lines;

const ROW_MCC: usize = 0;
const ROW_ADDRESS: usize = 1;
const ROW_CHANNEL: usize = 2;
const ROW_DEVICES: usize = 3;
const ROW_SUBMIT: usize = 4;
const ROWS: usize = 5;

/// State of the Application screen.
#[derive(Debug, Default)]
pub struct ApplicationScreen {
    /// Cursor and open field (the MCC search query or the address).
    pub ed: Editor,
    /// Highlighted MCC match while searching.
    pub mcc_cursor: usize,
    /// Submit was pressed once: the next press submits.
    pub armed: bool,
}

impl Screen for ApplicationScreen {
    /// The key context.
    fn key_context(&self, _view: &View) -> KeyContext {
        self.ed.key_context()
    }

    /// Editing keys; Up/Down move in the MCC matches while searching.
    fn edit_key(&mut self, key: &KeyEvent) -> bool {
        if self.ed.editing.is_some() && self.ed.cursor == ROW_MCC {
            match key.code {
                KeyCode::Up => {
                    self.mcc_cursor = self.mcc_cursor.saturating_sub(1);
                    return true;
                }
                KeyCode::Down => {
                    self.mcc_cursor += 1;
                    return true;
                }
                _ => {}
            }
            let changed = self.ed.edit_key(key);
            if changed {
                self.mcc_cursor = 0;
            }
            return changed;
        }
        self.ed.edit_key(key)
    }

    /// When everything but the submission is filled in, the cursor lands on Submit — the one
    /// thing a person has left to do here.
    fn enter(&mut self, cx: &mut Cx) {
        let ready = cx.case().is_some_and(|c| {
            c.application.mcc.is_some() && c.application.channel.is_some() && c.may_submit()
        });
        if ready && self.ed.editing.is_none() {
            self.ed.cursor = ROW_SUBMIT;
        }
    }

    /// The MCC field is a search: Enter there chooses the highlighted match.
    fn enter_keeps_text(&self) -> bool {
        self.ed.cursor != ROW_MCC
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let Some(case) = cx.case() else { return };
        if self.ed.editing.is_some() {
            self.on_field_action(action, cx);
            return;
        }
        // Submitted, and the data is still what was submitted: nothing to submit again.
        let submitted = !case.may_submit();
        // Only a second Enter on Submit submits: any other key or row disarms it, and the
        // line asking for that second Enter goes with it.
        if self.armed && (action != Action::Select || self.ed.cursor != ROW_SUBMIT) {
            self.armed = false;
            cx.clear_notice();
        }
        match action {
            Action::Up => self.ed.up(),
            Action::Down => self.ed.down(ROWS),
            Action::Select if submitted && self.ed.cursor != ROW_DEVICES => {
                cx.info("application-already-submitted");
            }
            Action::Select => match self.ed.cursor {
                ROW_MCC => {
                    self.ed.open("");
                    self.mcc_cursor = 0;
                }
                ROW_ADDRESS => {
                    let v = if case.application.install_address.is_empty() {
                        &case.materials.address
                    } else {
                        &case.application.install_address
                    };
                    self.ed.open(v);
                }
                ROW_CHANNEL => {
                    let next = match case.application.channel {
                        Some(Channel::Online) => Channel::Mail,
                        _ => Channel::Online,
                    };
                    cx.change(move |c| c.choose_channel(next));
                }
                ROW_SUBMIT => self.submit(case, cx),
                _ => {}
            },
            _ => {}
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(self, view, area, buf)
    }
}

impl ApplicationScreen {
    /// Enter or Esc in the MCC search or the address field.
    fn on_field_action(&mut self, action: Action, cx: &mut Cx) {
        match action {
            Action::Back => self.ed.editing = None,
            Action::Select if self.ed.cursor == ROW_MCC => {
                let query = self.ed.take().unwrap_or_default();
                let matches = search_mcc(&query);
                if let Some(m) = matches.get(self.mcc_cursor.min(matches.len().saturating_sub(1))) {
                    let code = m.code.clone();
                    cx.change(move |c| c.choose_mcc(&code));
                }
            }
            Action::Select => {
                let v = self.ed.take().unwrap_or_default();
                cx.change(move |c| c.set_install_address(&v));
            }
            _ => {}
        }
    }

    /// Submits once everything the package holds is there; the first press asks.
    fn submit(&mut self, case: &crate::onboarding::Case, cx: &mut Cx) {
        let today = cx.view.now.with_timezone(&cx.view.tz).date_naive();
        let mut missing = vec![];
        if case.check_step_on(Step::Materials, today).is_err() {
            missing.push("missing-materials".into());
        }
        // Chosen, and not refused by the licensing and offer rules.
        if let Err(m) = case.check_step_on(Step::Institution, today) {
            missing.extend(m);
        }
        if case.application.mcc.is_none() {
            missing.push("missing-mcc".into());
        }
        if case.application.install_address.is_empty() && case.materials.address.is_empty() {
            missing.push("missing-install-address".into());
        }
        // What a reviewer would surely reject is fixed before submission (it is listed below
        // the form with its source).
        if crate::onboarding::rejection::predict(case, today)
            .iter()
            .any(|f| f.refuses())
        {
            missing.push("app-reject-blocks".into());
        }
        let Some(channel) = case.application.channel else {
            missing.push("missing-channel".into());
            cx.notice(Notice::Missing(missing));
            return;
        };
        if !missing.is_empty() {
            cx.notice(Notice::Missing(missing));
            return;
        }
        if !self.armed {
            self.armed = true;
            cx.info("application-confirm-submit");
            return;
        }
        self.armed = false;
        cx.send(Command::Submit { channel, today });
    }
}

/// The offer's fees as the merchant acknowledges them with the application.
fn fees_text(lang: Lang, id: &str, ack: &FeeAcknowledgement) -> String {
    // "No cap" is said, not shown as a dash in a yuan amount.
    let cap = if ack.debit_cap_yuan > 0.0 {
        tr_args(lang, "fee-cap", &[("cap", &fmt_yuan(ack.debit_cap_yuan))])
    } else {
        tr(lang, "fee-no-cap")
    };
    let fees = if ack.fees.is_empty() {
        tr(lang, "app-fees-none")
    } else {
        ack.fees
            .iter()
            .map(|f| {
                tr_args(
                    lang,
                    "app-fee-item",
                    &[("fee", f.name.get(lang)), ("yuan", &fmt_yuan(f.yuan))],
                )
            })
            .collect::<Vec<_>>()
            .join(&tr(lang, "list-separator"))
    };
    tr_args(
        lang,
        id,
        &[
            ("debit", &fmt_rate(ack.debit_rate)),
            ("cap", &cap),
            ("credit", &fmt_rate(ack.credit_rate)),
            ("fees", &fees),
        ],
    )
}

/// The review ETA as text ("预计 2026-10-08 ~ 2026-10-10").
pub fn eta_text(lang: Lang, s: &Submission) -> String {
    let id = if s.eta_estimated {
        "eta-range-estimated"
    } else {
        "eta-range"
    };
    tr_args(
        lang,
        id,
        &[
            ("from", &s.eta_from.to_string()),
            ("to", &s.eta_to.to_string()),
        ],
    )
}

/// Draws the Application screen.
fn render(
    screen: &ApplicationScreen,
    view: &View,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let lang = view.lang;
    let case = view.case?;
    let rows = rows(view, case);
    let [list, detail] =
        Layout::vertical([Constraint::Length(ROWS as u16), Constraint::Min(3)]).areas(area);
    let label_w = if area.width >= 100 { 24 } else { 16 };
    let pos = render_rows(view, list, buf, &rows, &screen.ed, label_w);
    let mut lines = vec![Line::raw("")];
    // The highlighted row whole, when the list had to shorten it.
    let full =
        super::form::highlighted_full_text(view.lang, &rows, screen.ed.cursor, label_w, list.width);
    if let Some(full) = full {
        lines = wrapped_lines(&full, detail.width, view.theme.muted());
    }
    if screen.ed.editing.is_some() && screen.ed.cursor == ROW_MCC {
        lines.extend(mcc_lines(screen, view, detail.height));
    } else if let Some(s) = case.current_submission() {
        let w = detail.width;
        lines.extend(wrapped_lines(
            &tr_args(lang, "app-outbox", &[("path", &s.outbox)]),
            w,
            Style::new(),
        ));
        lines.extend(wrapped_lines(&eta_text(lang, s), w, view.theme.ok()));
        if let Some(ack) = &s.fees_acknowledged {
            lines.extend(wrapped_lines(
                &fees_text(lang, "app-fees-acknowledged", ack),
                w,
                Style::new(),
            ));
        }
    } else {
        let today = view.now.with_timezone(&view.tz).date_naive();
        lines.extend(rejection_lines(view, case, today, detail.width));
        if let Some(inst) = &case.institution {
            let ack = FeeAcknowledgement::of(inst);
            lines.extend(wrapped_lines(
                &fees_text(lang, "app-fees-to-acknowledge", &ack),
                detail.width,
                Style::new(),
            ));
        }
        // The hint of the field being typed, else of the step.
        let hint = if screen.ed.editing.is_some() && screen.ed.cursor == ROW_ADDRESS {
            "app-hint-address"
        } else {
            "app-hint"
        };
        lines.extend(wrapped_lines(
            &tr(lang, hint),
            detail.width,
            view.theme.muted(),
        ));
    }
    crate::tui::wrap::render_lines(lines, detail, buf);
    pos
}

/// "Likely to be rejected because …" for each reviewer's rule the case fails, with its source
/// (refusals first); one line saying none fails otherwise.
fn rejection_lines(
    view: &View,
    case: &crate::onboarding::Case,
    today: chrono::NaiveDate,
    width: u16,
) -> Vec<Line<'static>> {
    let lang = view.lang;
    let findings = crate::onboarding::rejection::predict(case, today);
    if findings.is_empty() {
        return wrapped_lines(&tr(lang, "app-reject-none"), width, view.theme.ok());
    }
    let mut lines = wrapped_lines(&tr(lang, "app-reject-title"), width, Style::new());
    for f in findings {
        let (id, style) = if f.refuses() {
            ("app-reject-line", view.theme.error())
        } else {
            ("app-question-line", view.theme.warn())
        };
        let text = tr_args(
            lang,
            id,
            &[("what", &f.text(lang)), ("source", &f.source(lang))],
        );
        lines.extend(wrapped_lines(&text, width, style));
    }
    lines
}

/// The MCC codes matching what is typed, the highlighted one kept in view (`height` rows).
fn mcc_lines(screen: &ApplicationScreen, view: &View, height: u16) -> Vec<Line<'static>> {
    let lang = view.lang;
    let mut lines = vec![];
    let q = screen
        .ed
        .editing
        .as_ref()
        .map(|t| t.value().to_string())
        .unwrap_or_default();
    let matches = search_mcc(&q);
    let sel = screen.mcc_cursor.min(matches.len().saturating_sub(1));
    let h = height.saturating_sub(1) as usize;
    let off = sel.saturating_sub(h.saturating_sub(1));
    for (i, m) in matches.iter().enumerate().skip(off).take(h) {
        let style = if i == sel {
            view.theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(
            format!("  {} {}", m.code, m.name(lang)),
            style,
        ));
    }
    if matches.is_empty() {
        lines.push(Line::styled(tr(lang, "mcc-no-match"), view.theme.warn()));
    }
    lines
}

/// The MCC, address, channel, terminals and submission rows.
fn rows(view: &View, case: &crate::onboarding::Case) -> Vec<Row> {
    let lang = view.lang;
    let code = case.application.mcc.clone().unwrap_or_default();
    // The fee category shows beside a discounted or non-profit MCC: it explains low rates.
    let mcc_value = mcc(&code)
        .map(|m| match m.category {
            MccCategory::Standard => format!("{} {}", m.code, m.name(lang)),
            c => format!("{} {} · {}", m.code, m.name(lang), tr(lang, c.label_id())),
        })
        .unwrap_or_default();
    let address = if case.application.install_address.is_empty() {
        case.materials.address.clone()
    } else {
        case.application.install_address.clone()
    };
    let channel = match case.application.channel {
        Some(Channel::Online) => tr(lang, "channel-online"),
        Some(Channel::Mail) => tr(lang, "channel-mail"),
        None => String::new(),
    };
    let devices = case
        .pos
        .as_ref()
        .map(|p| {
            let name = PosCatalog::shipped()
                .pos_type(&p.pos_type)
                .map(|t| t.name.get(lang).to_string())
                .unwrap_or_default();
            tr_args(
                lang,
                "pos-devices-count",
                &[("name", &name), ("count", &p.count.to_string())],
            )
        })
        .unwrap_or_default();
    let sub = case.current_submission();
    let todo = |filled: bool| if filled { Mark::Ok } else { Mark::Todo };
    vec![
        Row::new(
            tr(lang, "app-row-mcc"),
            mcc_value.clone(),
            todo(!mcc_value.is_empty()),
        ),
        Row::new(
            tr(lang, "app-row-address"),
            address.clone(),
            todo(!address.is_empty()),
        ),
        Row::new(
            tr(lang, "app-row-channel"),
            channel.clone(),
            todo(!channel.is_empty()),
        ),
        Row::new(tr(lang, "app-row-devices"), devices, Mark::None),
        Row::new(
            tr(lang, "app-row-submit"),
            match sub {
                Some(s) => tr_args(
                    lang,
                    "app-submitted-at",
                    &[
                        (
                            "at",
                            &s.at
                                .with_timezone(&view.tz)
                                .format("%Y-%m-%d %H:%M")
                                .to_string(),
                        ),
                        ("revision", &s.revision.to_string()),
                    ],
                ),
                None => tr(lang, "app-not-submitted"),
            },
            todo(sub.is_some()),
        ),
    ]
}
