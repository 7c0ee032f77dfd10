//! Steps 9 and 10 for a terminal without a cash-register link (电签 POS, smart POS, MPOS, a
//! wireless terminal without a link, a QR code): posbind connects to nothing. The installer
//! does each step on the device; a person confirms it here and the case records who and when.
//! The sign-on slip's MID, TID and serial number (a QR code: the MID it is bound to) and the
//! first receipt are typed in and checked against the approval and the label.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;

use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::{tr, tr_args};
use crate::onboarding::person::{Link, PersonStep, SlipFacts};
use crate::onboarding::Case;
use crate::tui::keymap::Action;
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::{Cx, View};
use crate::tui::wrap::wrapped_lines;

/// One row of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Who confirms (typed).
    Who,
    /// A typed fact of the slip or receipt: index into `facts`, with its label.
    Fact(usize, &'static str),
    /// A step to confirm.
    Step(PersonStep),
    /// The test payment and its void or refund, to confirm.
    Test,
    /// A wireless terminal: whether it has a cash-register link.
    LinkToggle,
}

/// Which of the two steps the screen serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// Activation.
    #[default]
    Activation,
    /// Test.
    Test,
}

/// State of a person's Activation or Test rows: the cursor, the open field, who confirms and
/// the facts typed so far (MID, TID, serial number or reference).
#[derive(Debug, Default)]
pub struct PersonScreen {
    /// The rows.
    pub ed: Editor,
    /// Activation or Test.
    pub part: Part,
    who: String,
    facts: [String; 3],
}

fn rows_of(case: &Case, part: Part) -> Vec<Kind> {
    let link = case.link();
    let mut rows = vec![Kind::Who];
    match (part, link) {
        (Part::Activation, Link::Qr) => rows.extend([
            Kind::Fact(0, "person-qr-mid"),
            Kind::Step(PersonStep::BindMid),
        ]),
        (Part::Activation, _) => rows.extend([
            Kind::Step(PersonStep::ActivationCode),
            Kind::Step(PersonStep::KeyDownload),
            Kind::Fact(0, "person-slip-mid"),
            Kind::Fact(1, "person-slip-tid"),
            Kind::Fact(2, "person-slip-serial"),
            Kind::Step(PersonStep::SignOn),
        ]),
        (Part::Test, Link::Qr) => rows.extend([
            Kind::Fact(0, "person-qr-payment-mid"),
            Kind::Fact(2, "person-qr-order"),
            Kind::Test,
        ]),
        (Part::Test, _) => rows.extend([
            Kind::Fact(0, "person-receipt-mid"),
            Kind::Fact(1, "person-receipt-tid"),
            Kind::Fact(2, "person-receipt-reference"),
            Kind::Test,
        ]),
    }
    if part == Part::Activation && is_wireless(case) {
        rows.push(Kind::LinkToggle);
    }
    rows
}

/// A wireless terminal: it may or may not have a cash-register link.
pub fn is_wireless(case: &Case) -> bool {
    case.pos.as_ref().is_some_and(|p| p.pos_type == "wireless")
}

impl PersonScreen {
    /// Prefills who confirmed last and the facts on record, and lands on the first step to do.
    pub fn enter(&mut self, cx: &mut Cx, part: Part) {
        self.part = part;
        let Some(case) = cx.case() else { return };
        if self.ed.editing.is_some() {
            return;
        }
        let p = &case.activation.person;
        let last_who = p.steps.values().max_by_key(|c| c.at).map(|c| c.who.clone());
        if self.who.is_empty() {
            self.who = last_who.unwrap_or_default();
        }
        let recorded = match part {
            Part::Activation => p.slip.clone(),
            Part::Test => case.person_test.as_ref().map(|t| t.receipt.clone()),
        };
        if let Some(f) = recorded {
            let reference = if part == Part::Test {
                f.reference
            } else {
                f.serial
            };
            self.facts = [f.mid, f.tid, reference];
        }
        let rows = rows_of(case, part);
        self.ed.cursor = rows
            .iter()
            .position(|k| match k {
                Kind::Who => self.who.is_empty(),
                Kind::Step(s) => !p.steps.contains_key(s),
                Kind::Test => case.person_test.is_none(),
                _ => false,
            })
            .unwrap_or(0);
    }

    /// Keys: Up/Down, Enter opens a field or confirms a step.
    pub fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let Some(case) = cx.case() else { return };
        let rows = rows_of(case, self.part);
        let at = rows.get(self.ed.cursor).copied();
        if self.ed.editing.is_some() {
            match action {
                Action::Back => self.ed.editing = None,
                Action::Select => {
                    let v = self.ed.take().unwrap_or_default().trim().to_string();
                    match at {
                        Some(Kind::Who) => self.who = v,
                        Some(Kind::Fact(i, _)) => self.facts[i] = v,
                        _ => {}
                    }
                }
                _ => {}
            }
            return;
        }
        match (action, at) {
            (Action::Up, _) => self.ed.up(),
            (Action::Down, _) => self.ed.down(rows.len()),
            (Action::Select, Some(Kind::Who)) => self.ed.open(&self.who.clone()),
            (Action::Select, Some(Kind::Fact(i, _))) => self.ed.open(&self.facts[i].clone()),
            (Action::Select, Some(Kind::Step(s))) => self.confirm_step(s, cx),
            (Action::Select, Some(Kind::Test)) => self.confirm_test(cx),
            (Action::Select, Some(Kind::LinkToggle)) => {
                cx.change(|c| c.set_register_link(true));
                cx.info("person-link-changed");
            }
            // The help lists the terminal's keys for these steps; with no terminal connected
            // they say why they do nothing here.
            (
                Action::ConfirmWarning | Action::Pause | Action::Abort | Action::WaivePaymentTest,
                _,
            ) => cx.info("person-no-terminal-keys"),
            _ => {}
        }
    }

    fn slip(&self) -> SlipFacts {
        let [mid, tid, third] = self.facts.clone();
        match self.part {
            Part::Activation => SlipFacts {
                mid,
                tid,
                serial: third,
                reference: String::new(),
            },
            Part::Test => SlipFacts {
                mid,
                tid,
                serial: String::new(),
                reference: third,
            },
        }
    }

    fn confirm_step(&mut self, step: PersonStep, cx: &mut Cx) {
        let (who, slip) = (self.who.clone(), self.slip());
        let now = cx.view.now;
        cx.try_change(
            move |c| {
                c.confirm_person_step(step, &who, Some(slip), now)
                    .map_err(refused)
            },
            Notice::Info(Msg::new("person-step-recorded")),
        );
    }

    fn confirm_test(&mut self, cx: &mut Cx) {
        let (who, receipt) = (self.who.clone(), self.slip());
        let now = cx.view.now;
        cx.try_change(
            move |c| c.confirm_person_test(&who, receipt, now).map_err(refused),
            Notice::Info(Msg::new("person-test-recorded")),
        );
    }

    /// Draws the screen.
    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let case = view.case?;
        let lang = view.lang;
        let w = area.width;
        // What to do on the device is the step's explanation above (its own words for a
        // terminal without a link, see `Step::texts`).
        let kinds = rows_of(case, self.part);
        let [list, detail] =
            Layout::vertical([Constraint::Length(kinds.len() as u16), Constraint::Min(2)])
                .areas(area);
        let rows: Vec<Row> = kinds.iter().map(|k| self.row(view, case, *k)).collect();
        let pos = render_rows(
            view,
            list,
            buf,
            &rows,
            &self.ed,
            if w >= 100 { 30 } else { 22 },
        );
        let mut lines: Vec<Line> = vec![Line::raw("")];
        let hint = match kinds.get(self.ed.cursor) {
            Some(Kind::Step(s)) => Some(tr(lang, s.hint_id())),
            _ => None,
        };
        if let Some(h) = hint {
            lines.extend(wrapped_lines(&h, w, Style::new()));
        }
        crate::tui::wrap::render_lines(lines, detail, buf);
        pos
    }

    fn row(&self, view: &View, case: &Case, kind: Kind) -> Row {
        let lang = view.lang;
        let tz = view.tz;
        let when = |c: &crate::onboarding::person::Confirmed| {
            // Month, day and time: with the name it fits the row at 80 columns (the report
            // gives the full date).
            let at = c.at.with_timezone(&tz).format("%m-%d %H:%M").to_string();
            tr_args(lang, "person-confirmed-by", &[("who", &c.who), ("at", &at)])
        };
        let has = |v: &str| if v.is_empty() { Mark::Todo } else { Mark::Ok };
        match kind {
            Kind::Who => Row::new(tr(lang, "person-who"), self.who.clone(), has(&self.who)),
            Kind::Fact(i, label) => {
                Row::new(tr(lang, label), self.facts[i].clone(), has(&self.facts[i]))
            }
            Kind::Step(s) => match case.activation.person.steps.get(&s) {
                Some(c) => Row::new(tr(lang, s.label_id()), when(c), Mark::Ok),
                None => Row::new(tr(lang, s.label_id()), String::new(), Mark::Todo),
            },
            Kind::Test => {
                let label = if case.link() == Link::Qr {
                    "person-test-confirm-qr"
                } else {
                    "person-test-confirm"
                };
                match &case.person_test {
                    Some(t) => Row::new(tr(lang, label), when(&t.payment), Mark::Ok),
                    None => Row::new(tr(lang, label), String::new(), Mark::Todo),
                }
            }
            Kind::LinkToggle => Row::new(
                tr(lang, "person-link-row"),
                tr(lang, "person-link-none"),
                Mark::None,
            ),
        }
    }
}

fn refused(r: crate::onboarding::person::Refused) -> Notice {
    let (id, args) = r.message();
    Notice::Error(Msg { id, args })
}
