//! Step 7 — Contract: the agreed terms beside the catalog offer, explicit consent to every fee,
//! and differences and undisclosed fees flagged.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;

use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::{tr, tr_args, tr_owned};
use crate::onboarding::application::Contract;
use crate::onboarding::catalog::{fmt_rate, fmt_yuan};
use crate::onboarding::changes::CardRate;
use crate::onboarding::Step;
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::{Cx, Screen, View};
use crate::tui::wrap::wrapped_lines;

/// State of the Contract form: the cursor and the open text field.
#[derive(Debug, Default)]
pub struct ContractScreen {
    /// The rows.
    pub ed: Editor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum R {
    Debit,
    DebitCap,
    Credit,
    Fee(usize),
    AddFee,
    Agree,
}

fn rows_of(c: &Contract) -> Vec<R> {
    let mut v = vec![R::Debit, R::DebitCap, R::Credit];
    v.extend((0..c.fees.len()).map(R::Fee));
    v.extend([R::AddFee, R::Agree]);
    v
}

/// A debit cap as typed: yuan, 0 for none (a trailing unit word is ignored).
fn parse_cap(s: &str) -> Option<f64> {
    let t = s
        .trim()
        .trim_end_matches(|c: char| !c.is_ascii_digit() && c != '.');
    let v: f64 = t.trim().parse().ok()?;
    (v.is_finite() && (0.0..=10_000.0).contains(&v)).then_some(v)
}

fn parse_rate(s: &str) -> Option<f64> {
    let v: f64 = s.trim().trim_end_matches('%').trim().parse().ok()?;
    (0.0..=100.0).contains(&v).then_some(v)
}

impl Screen for ContractScreen {
    /// A form; Delete (in the hint bar) while a fee added here is highlighted.
    fn key_context(&self, view: &View) -> KeyContext {
        let removable = view
            .case
            .and_then(|c| c.contract.as_ref())
            .is_some_and(|k| {
                let rows = rows_of(k);
                let row = rows.get(self.ed.cursor.min(rows.len() - 1));
                matches!(row, Some(R::Fee(i)) if k.fees.get(*i).is_some_and(|f| f.undisclosed))
            });
        KeyContext {
            removable,
            ..self.ed.key_context()
        }
    }

    fn edit_key(&mut self, key: &KeyEvent) -> bool {
        self.ed.edit_key(key)
    }

    /// Prepares the contract from the chosen offer when the step is entered the first time.
    fn enter(&mut self, cx: &mut Cx) {
        let needs = cx
            .case()
            .is_some_and(|c| c.contract.is_none() && c.institution.is_some());
        if needs {
            cx.change(|c| c.prepare_contract());
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let Some(contract) = cx.case().and_then(|c| c.contract.as_ref()) else {
            // No contract until the application is submitted: say so rather than ignore the
            // key.
            if matches!(
                action,
                Action::Up | Action::Down | Action::Select | Action::Remove
            ) {
                cx.notice(Notice::Missing(vec!["missing-submission".into()]));
            }
            return;
        };
        let rows = rows_of(contract);
        let row = rows[self.ed.cursor.min(rows.len() - 1)];
        if self.ed.editing.is_some() {
            match action {
                Action::Back => self.ed.editing = None,
                Action::Select => self.commit(cx, row),
                _ => {}
            }
            return;
        }
        let rate = |r: Option<f64>| r.map(|r| r.to_string()).unwrap_or_default();
        match (action, row) {
            (Action::Up, _) => self.ed.up(),
            (Action::Down, _) => self.ed.down(rows.len()),
            (Action::Select, R::Debit) => self.ed.open(&rate(contract.debit_rate)),
            (Action::Select, R::DebitCap) => self.ed.open(&rate(contract.debit_cap_yuan)),
            (Action::Select, R::Credit) => self.ed.open(&rate(contract.credit_rate)),
            (Action::Select, R::AddFee) => self.ed.open(""),
            (Action::Select, R::Fee(i)) => cx.change(move |c| c.toggle_fee_consent(i)),
            // A fee added by mistake goes again; the offer's own fees are part of the offer.
            (Action::Remove, R::Fee(i)) => match contract.fees.get(i) {
                Some(fee) => {
                    let done = Notice::Info(Msg {
                        id: "contract-fee-removed",
                        args: vec![
                            ("fee", fee.name.get(cx.view.lang).to_string()),
                            ("yuan", fmt_yuan(fee.yuan)),
                        ],
                    });
                    let refused = Notice::Info(Msg::new("contract-remove-none"));
                    cx.try_change(
                        move |c| c.remove_undisclosed_fee(i).map_err(|_| refused),
                        done,
                    );
                }
                None => cx.info("contract-remove-none"),
            },
            (Action::Remove, _) => cx.info("contract-remove-none"),
            (Action::Select, R::Agree) => {
                let now = cx.view.now;
                cx.try_change(
                    move |c| c.agree_contract(now).map_err(Notice::Missing),
                    Notice::Info(Msg::new("contract-agreed")),
                );
            }
            _ => {}
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(self, view, area, buf)
    }
}

impl ContractScreen {
    /// Enter in a field: a rate, or a fee the offer did not disclose ("name amount"). A value
    /// that does not parse keeps the field open, to be corrected.
    fn commit(&mut self, cx: &mut Cx, row: R) {
        let typed = self
            .ed
            .editing
            .as_ref()
            .map(|t| t.value().to_string())
            .unwrap_or_default();
        match row {
            R::Debit | R::Credit => {
                let Some(rate) = parse_rate(&typed) else {
                    cx.error("contract-bad-rate");
                    return;
                };
                self.ed.editing = None;
                let which = if row == R::Debit {
                    CardRate::Debit
                } else {
                    CardRate::Credit
                };
                cx.change(move |c| c.set_contract_rate(which, rate));
            }
            R::DebitCap => {
                let Some(cap) = parse_cap(&typed) else {
                    cx.error("contract-bad-cap");
                    return;
                };
                self.ed.editing = None;
                cx.change(move |c| c.set_contract_rate(CardRate::DebitCap, cap));
            }
            R::AddFee => {
                // "name amount": the amount is the last word.
                let t = typed.trim();
                let parsed = t.rsplit_once(' ').and_then(|(n, a)| {
                    a.parse::<f64>()
                        .ok()
                        .filter(|v| *v >= 0.0)
                        .map(|a| (n.trim().to_string(), a))
                });
                let Some((name, yuan)) = parsed.filter(|(n, _)| !n.is_empty()) else {
                    cx.error("contract-bad-fee");
                    return;
                };
                self.ed.editing = None;
                cx.change(move |c| c.add_undisclosed_fee(&name, yuan));
            }
            _ => self.ed.editing = None,
        }
    }
}

/// The rates against the offer, the fees with their consent, Add a fee and Agree.
fn rows(
    view: &View,
    case: &crate::onboarding::Case,
    contract: &Contract,
    offer: &crate::onboarding::catalog::Institution,
) -> Vec<Row> {
    let lang = view.lang;
    let rate_row = |label: &str, got: Option<f64>, want: f64| {
        let value = tr_args(
            lang,
            "contract-rate-vs-offer",
            &[
                ("contract", &got.map(fmt_rate).unwrap_or_default()),
                ("offer", &fmt_rate(want)),
            ],
        );
        let mark = match got {
            None => Mark::Todo,
            Some(g) if (g - want).abs() > 1e-9 => Mark::Warn,
            Some(_) => Mark::Ok,
        };
        Row::new(tr(lang, label), value, mark)
    };
    rows_of(contract)
        .iter()
        .map(|r| match r {
            R::Debit => rate_row("contract-row-debit", contract.debit_rate, offer.debit_rate),
            R::DebitCap => {
                let cap = |c: f64| {
                    if c > 0.0 {
                        tr_args(lang, "fee-cap", &[("cap", &fmt_yuan(c))])
                    } else {
                        tr(lang, "fee-no-cap")
                    }
                };
                let got = contract.debit_cap_yuan;
                let value = tr_args(
                    lang,
                    "contract-rate-vs-offer",
                    &[
                        ("contract", &got.map(cap).unwrap_or_default()),
                        ("offer", &cap(offer.debit_cap_yuan)),
                    ],
                );
                let mark = match got {
                    None => Mark::Todo,
                    Some(g) if (g - offer.debit_cap_yuan).abs() > 0.005 => Mark::Warn,
                    Some(_) => Mark::Ok,
                };
                Row::new(tr(lang, "contract-row-debit-cap"), value, mark)
            }
            R::Credit => rate_row(
                "contract-row-credit",
                contract.credit_rate,
                offer.credit_rate,
            ),
            R::Fee(i) => {
                let f = &contract.fees[*i];
                let mut v = format!("{} {}", fmt_yuan(f.yuan), tr(lang, "yuan"));
                if f.undisclosed {
                    v.push_str(&format!("  {}", tr(lang, "contract-undisclosed-tag")));
                }
                let mark = match (f.consented, f.undisclosed) {
                    (true, _) => Mark::Ok,
                    (false, true) => Mark::Bad,
                    (false, false) => Mark::Todo,
                };
                Row::new(f.name.get(lang).to_string(), v, mark)
            }
            R::AddFee => Row::new(
                tr(lang, "contract-row-add-fee"),
                tr(lang, "contract-add-fee-hint"),
                Mark::None,
            ),
            R::Agree => Row::new(
                tr(lang, "contract-row-agree"),
                contract
                    .agreed_at
                    .map(|t| {
                        t.with_timezone(&view.tz)
                            .format("%Y-%m-%d %H:%M")
                            .to_string()
                    })
                    .unwrap_or_default(),
                super::record_mark(case, Step::Contract, contract.agreed_at.is_some()),
            ),
        })
        .collect()
}

/// Draws the Contract screen.
fn render(screen: &ContractScreen, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = view.lang;
    let case = view.case?;
    let (Some(contract), Some(offer)) = (&case.contract, &case.institution) else {
        crate::tui::wrap::render_lines(
            wrapped_lines(
                &tr(lang, "contract-no-offer"),
                area.width,
                view.theme.warn(),
            ),
            area,
            buf,
        );
        return None;
    };
    let rows = rows(view, case, contract, offer);
    let n = rows.len() as u16;
    let [list, detail] = Layout::vertical([
        Constraint::Length(n.min(area.height.saturating_sub(2))),
        Constraint::Min(2),
    ])
    .areas(area);
    let label_w = if area.width >= 100 { 34 } else { 24 };
    let pos = render_rows(view, list, buf, &rows, &screen.ed, label_w);
    let mut lines: Vec<Line> = vec![];
    // The highlighted row whole, when the list had to shorten it.
    let full =
        super::form::highlighted_full_text(view.lang, &rows, screen.ed.cursor, label_w, list.width);
    if let Some(full) = full {
        lines.extend(wrapped_lines(&full, detail.width, view.theme.muted()));
    }
    // The signed agreement against the fees the merchant acknowledged with the application;
    // against the catalog offer for a case submitted before acknowledgements were recorded.
    let ack = case
        .current_submission()
        .and_then(|s| s.fees_acknowledged.as_ref())
        .filter(|a| a.institution == offer.id);
    let diffs = match ack {
        Some(a) => contract.differences_from_ack(a),
        None => contract.differences(offer),
    };
    for d in diffs {
        lines.extend(wrapped_lines(
            &tr_owned(lang, d.id, &d.args),
            detail.width,
            view.theme.warn(),
        ));
    }
    // The offer's warnings: agreeing to the terms accepts them, and the case records it.
    let mcc = case
        .application
        .mcc
        .as_deref()
        .and_then(crate::onboarding::catalog::mcc);
    for w in offer.warnings(mcc) {
        let what = tr_owned(lang, w.id, &w.args);
        lines.extend(wrapped_lines(
            &tr_args(lang, "contract-accepts-warning", &[("what", &what)]),
            detail.width,
            view.theme.warn(),
        ));
    }
    if lines.is_empty() {
        lines.extend(wrapped_lines(
            &tr(lang, "contract-hint"),
            detail.width,
            Style::new(),
        ));
    }
    crate::tui::wrap::render_lines(lines, detail, buf);
    pos
}
