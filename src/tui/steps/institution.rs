//! Step 4 — Institution: a sortable comparison of the catalog's offers, details and warnings of
//! the highlighted one, and the choice.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::fit;
use crate::i18n::{tr, tr_args, tr_owned};
use crate::onboarding::case::Need;
use crate::onboarding::catalog::{fmt_rate, fmt_yuan, Catalog, Institution, InstitutionKind};
use crate::onboarding::pos_types::PosCatalog;
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::{Command, Cx, Screen, View};
use crate::tui::text_input::unicode_width;
use crate::tui::wrap::wrapped_lines;

/// Sort orders, cycled with `s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Catalog order.
    #[default]
    Catalog,
    /// Debit rate, lowest first.
    DebitRate,
    /// Credit rate, lowest first.
    CreditRate,
    /// Deposit plus a year of data fees, lowest first.
    UpfrontCost,
    /// Fastest review first.
    ReviewDays,
}

impl SortBy {
    fn next(self) -> SortBy {
        match self {
            SortBy::Catalog => SortBy::DebitRate,
            SortBy::DebitRate => SortBy::CreditRate,
            SortBy::CreditRate => SortBy::UpfrontCost,
            SortBy::UpfrontCost => SortBy::ReviewDays,
            SortBy::ReviewDays => SortBy::Catalog,
        }
    }

    fn label_id(self) -> &'static str {
        match self {
            SortBy::Catalog => "sort-catalog",
            SortBy::DebitRate => "sort-debit",
            SortBy::CreditRate => "sort-credit",
            SortBy::UpfrontCost => "sort-upfront",
            SortBy::ReviewDays => "sort-review",
        }
    }
}

/// State of the Institution screen.
#[derive(Debug, Default)]
pub struct InstitutionScreen {
    /// Highlighted row (in sorted order).
    pub cursor: usize,
    /// Sort order.
    pub sort: SortBy,
    /// The offer Enter was pressed on once where choosing it resets work done: the next Enter
    /// on it chooses it.
    pub armed: Option<String>,
}

fn sorted(catalog: &Catalog, by: SortBy) -> Vec<&Institution> {
    let mut v: Vec<&Institution> = catalog.institutions.iter().collect();
    let key = |i: &Institution| -> f64 {
        match by {
            SortBy::Catalog => 0.0,
            SortBy::DebitRate => i.debit_rate,
            SortBy::CreditRate => i.credit_rate,
            SortBy::UpfrontCost => i.deposit_yuan + i.data_fee_yuan_per_year,
            SortBy::ReviewDays => f64::from(i.review_days[1]),
        }
    };
    v.sort_by(|a, b| key(a).total_cmp(&key(b)));
    v
}

impl Screen for InstitutionScreen {
    /// A list.
    fn key_context(&self, _view: &View) -> KeyContext {
        KeyContext {
            list: true,
            ..KeyContext::default()
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let catalog = cx.view.catalog;
        let n = catalog.institutions.len();
        let armed = self.armed.take();
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            Action::Sort => {
                self.sort = self.sort.next();
                self.cursor = 0;
            }
            Action::Select => {
                let chosen = sorted(catalog, self.sort)
                    .get(self.cursor)
                    .map(|i| (*i).clone());
                if let Some(inst) = chosen {
                    self.armed = choose(cx, inst, armed);
                }
            }
            _ => {}
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(self, view, area, buf);
        None
    }
}

/// Enter on an offer. Chosen at once while that resets nothing, so that the case says what was
/// looked at; an offer the rules refuse is explained (and PgDn stays refused, see
/// `Case::check_step`). Where it would reset work done (a submission, an approval, a contract,
/// a binding…), an offer the rules refuse is not chosen, with the reason, and another is chosen
/// only on a second Enter (`armed` names it) after the first said what resets. Returns the
/// offer the next Enter confirms.
fn choose(cx: &mut Cx, inst: Institution, armed: Option<String>) -> Option<String> {
    let lang = cx.view.lang;
    let refusals = inst.refusals(chosen_pos_type(&cx.view));
    let undone = cx.case().map_or_else(Vec::new, |c| {
        let other = inst.clone();
        c.steps_undone_by(move |c| {
            c.choose_institution(other);
        })
    });
    let name = inst.name.get(lang).to_string();
    if !undone.is_empty() && !refusals.is_empty() {
        let why: Vec<String> = refusals.iter().map(|id| tr(lang, id)).collect();
        cx.send(Command::Notice(Some(Notice::Error(Msg {
            id: "institution-refused-after-approval",
            args: vec![("why", why.join("; "))],
        }))));
        return None;
    }
    if !undone.is_empty() && armed.as_deref() != Some(inst.id.as_str()) {
        let steps: Vec<String> = undone
            .iter()
            .map(|s| s.title().get(lang).to_string())
            .collect();
        let id = inst.id.clone();
        cx.send(Command::Notice(Some(Notice::Info(Msg {
            id: "institution-change-confirm",
            args: vec![("name", name), ("steps", steps.join(", "))],
        }))));
        return Some(id);
    }
    let refusals: Vec<Need> = refusals.into_iter().map(Need::Id).collect();
    let notice = (!refusals.is_empty()).then_some(Notice::Missing(refusals));
    cx.send(Command::Notice(notice));
    cx.change(move |c| c.choose_institution(inst));
    None
}

/// The terminal type chosen at step 2, which the institution must offer.
fn chosen_pos_type<'a>(view: &View<'a>) -> Option<&'a str> {
    view.case
        .and_then(|c| c.pos.as_ref())
        .map(|p| p.pos_type.as_str())
}

/// The order of the list, and that the catalog is sample data when it is.
fn banner_text(screen: &InstitutionScreen, view: &View) -> String {
    let lang = view.lang;
    let b = tr_args(
        lang,
        "institution-sorted-by",
        &[("order", &tr(lang, screen.sort.label_id()))],
    );
    if view.catalog.sample {
        format!("{}  {}", tr(lang, "institution-sample-data"), b)
    } else {
        b
    }
}

/// Draws the Institution screen.
fn render(screen: &InstitutionScreen, view: &View, area: Rect, buf: &mut Buffer) {
    let lang = view.lang;
    let s = screen;
    let list = sorted(view.catalog, s.sort);
    let chosen = view
        .case
        .and_then(|c| c.institution.as_ref())
        .map(|i| i.id.clone());
    let [banner, header, table, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(list.len() as u16),
        Constraint::Min(3),
    ])
    .areas(area);
    crate::tui::wrap::render_lines(
        wrapped_lines(&banner_text(screen, view), banner.width, view.theme.warn()),
        banner,
        buf,
    );
    let wide = area.width >= 100;
    // The name column takes what the longest name needs, up to what the width allows.
    let longest = list
        .iter()
        .map(|i| unicode_width(i.name.get(lang)))
        .chain([unicode_width(&tr(lang, "col-name"))])
        .max()
        .unwrap_or(0);
    let name_w = (longest + 2).clamp(12, if wide { 44 } else { 22 });
    let cols = |name: &str, d: &str, c: &str, dep: &str, fee: &str, set: &str, rev: &str| {
        let mut t = format!(
            "{} {}{}{}",
            fit(name, name_w - 1),
            fit(d, 8),
            fit(c, 8),
            fit(dep, 8)
        );
        if wide {
            t.push_str(&fit(fee, 10));
            t.push_str(&fit(set, 7));
        }
        // Wide enough for the zh-CN heading 审核天数.
        t.push_str(&fit(rev, 9));
        t
    };
    Line::styled(
        format!(
            "    {}",
            cols(
                &tr(lang, "col-name"),
                &tr(lang, "col-debit"),
                &tr(lang, "col-credit"),
                &tr(lang, "col-deposit"),
                &tr(lang, "col-data-fee"),
                &tr(lang, "col-settlement"),
                &tr(lang, "col-review")
            )
        ),
        view.theme.heading(),
    )
    .render(header, buf);
    let focused = view.focused;
    let lines: Vec<Line> = list
        .iter()
        .enumerate()
        .map(|(i, inst)| {
            let mark = if chosen.as_deref() == Some(inst.id.as_str()) {
                view.theme.chosen_symbol()
            } else {
                view.theme.unchosen_symbol()
            };
            let text = cols(
                inst.name.get(lang),
                &fmt_rate(inst.debit_rate),
                &fmt_rate(inst.credit_rate),
                &fmt_yuan(inst.deposit_yuan),
                &fmt_yuan(inst.data_fee_yuan_per_year),
                &inst.settlement,
                &format!("{}-{}", inst.review_days[0], inst.review_days[1]),
            );
            let style = match (i == s.cursor, focused) {
                (true, true) => view.theme.selected(),
                (true, false) => view.theme.selected_unfocused(),
                _ => Style::new(),
            };
            Line::from(vec![Span::raw(mark), Span::styled(text, style)])
        })
        .collect();
    crate::tui::wrap::render_lines(lines, table, buf);
    if let Some(inst) = list.get(s.cursor) {
        render_detail(view, inst, detail, buf);
    }
}

fn render_detail(view: &View, inst: &Institution, area: Rect, buf: &mut Buffer) {
    let lang = view.lang;
    let w = area.width;
    let licence = if inst.kind == InstitutionKind::Bank {
        tr(lang, "institution-bank-licence")
    } else if inst.licence.is_empty() {
        tr(lang, "institution-no-licence")
    } else {
        inst.licence.clone()
    };
    let devices: Vec<String> = inst
        .devices
        .iter()
        .map(|d| {
            PosCatalog::shipped()
                .pos_type(d)
                .map(|t| t.name.get(lang).to_string())
                .unwrap_or(d.clone())
        })
        .collect();
    // "No cap" is said, not shown as a dash in a yuan amount.
    let cap = if inst.debit_cap_yuan > 0.0 {
        tr_args(
            lang,
            "institution-debit-cap",
            &[("cap", &fmt_yuan(inst.debit_cap_yuan))],
        )
    } else {
        tr(lang, "institution-debit-no-cap")
    };
    let facts = tr_args(
        lang,
        "institution-detail",
        &[
            ("licence", &licence),
            ("cap", &cap),
            ("settlement", &inst.settlement),
            ("support", inst.support.get(lang)),
            ("devices", &devices.join(&tr(lang, "list-separator"))),
        ],
    );
    let kind = tr_args(
        lang,
        "institution-kind-line",
        &[("kind", &tr(lang, inst.kind.label_id()))],
    );
    // The full name first: the table may have shortened it with "…".
    let kind = format!("{}{}{kind}", inst.name.get(lang), view.theme.separator());
    let mut lines = wrapped_lines(&kind, w, Style::new());
    lines.extend(wrapped_lines(&facts, w, Style::new()));
    for f in &inst.fees {
        lines.extend(wrapped_lines(
            &tr_args(
                lang,
                "institution-fee",
                &[("fee", f.name.get(lang)), ("yuan", &fmt_yuan(f.yuan))],
            ),
            w,
            Style::new(),
        ));
    }
    let chosen_mcc = view
        .case
        .and_then(|c| c.application.mcc.as_deref())
        .and_then(crate::onboarding::catalog::mcc);
    if view
        .case
        .is_some_and(|c| !c.institution_accepts_settlement(inst))
    {
        lines.extend(wrapped_lines(
            &tr(lang, "offer-warn-no-other-name-settlement"),
            w,
            view.theme.warn(),
        ));
    }
    // The licensing and offer rules, as errors before the warnings: an offer that breaks one
    // cannot be submitted to.
    for id in inst.refusals(chosen_pos_type(view)) {
        lines.extend(wrapped_lines(&tr(lang, id), w, view.theme.error()));
    }
    for warn in inst.warnings(chosen_mcc) {
        lines.extend(wrapped_lines(
            &tr_owned(lang, warn.id, &warn.args),
            w,
            view.theme.warn(),
        ));
    }
    crate::tui::wrap::render_lines(lines, area, buf);
}
