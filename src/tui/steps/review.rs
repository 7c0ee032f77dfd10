//! Step 6 — Review: record the institution's answer. Approved: MID (checked against the MCC for
//! 跳码), TID and the terminal password (an 电签 terminal's activation code). Rejected: the reason; the case goes back to the
//! materials and the next submission is a new revision. In demo mode a simulated institution
//! answers.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;

use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::{tr, tr_args, tr_owned};
use crate::onboarding::application::{
    check_approval, simulated_approval, CheckFact, ReviewCheck, ReviewChecks, ReviewOutcome,
};
use crate::onboarding::validate::Verdict;
use crate::onboarding::Step;
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::notice::Notice;
use crate::tui::screen::{Command, Cx, Screen, View};
use crate::tui::wrap::wrapped_lines;

/// Rows of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum R {
    Simulated,
    Outcome,
    Mid,
    Tid,
    Password,
    Reason,
    /// A check the institution reports (企业信息联网核查, …, 回访).
    Check(ReviewCheck),
    Record,
}

/// State of the Review screen.
#[derive(Debug, Default)]
pub struct ReviewScreen {
    /// Cursor and open field.
    pub ed: Editor,
    /// Recording a rejection rather than an approval.
    pub rejected: bool,
    /// Typed MID.
    pub mid: String,
    /// Typed TID.
    pub tid: String,
    /// Typed terminal password.
    pub password: String,
    /// Typed rejection reason.
    pub reason: String,
    /// The warnings shown were confirmed (record anyway).
    pub confirmed: bool,
}

fn rows_of(screen: &ReviewScreen, demo: bool) -> Vec<R> {
    let mut v = vec![];
    if demo {
        v.push(R::Simulated);
    }
    v.push(R::Outcome);
    if screen.rejected {
        v.push(R::Reason);
    } else {
        v.extend([R::Mid, R::Tid, R::Password]);
    }
    v.push(R::Record);
    // Below the outcome: facts the institution reports, recorded as they come in.
    v.extend(ReviewCheck::ALL.map(R::Check));
    v
}

impl Screen for ReviewScreen {
    /// The key context.
    fn key_context(&self, _view: &View) -> KeyContext {
        self.ed.key_context()
    }

    /// An editing key.
    fn edit_key(&mut self, key: &KeyEvent) -> bool {
        self.ed.edit_key(key)
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let Some(case) = cx.case() else { return };
        if case.current_submission().is_none() {
            // Nothing to record yet: say what comes first rather than ignore the key.
            if matches!(
                action,
                Action::Up | Action::Down | Action::Select | Action::ConfirmWarning
            ) {
                cx.notice(Notice::Missing(vec!["missing-submission".into()]));
            }
            return;
        }
        let rows = rows_of(self, cx.view.demo);
        let row = rows[self.ed.cursor.min(rows.len() - 1)];
        if self.ed.editing.is_some() {
            self.on_field_action(action, row);
            return;
        }
        match (action, row) {
            (Action::Up, _) => self.ed.up(),
            (Action::Down, _) => self.ed.down(rows.len()),
            (Action::Select, R::Outcome) => self.rejected = !self.rejected,
            (Action::Select, R::Mid) => self.ed.open(&self.mid.clone()),
            (Action::Select, R::Tid) => self.ed.open(&self.tid.clone()),
            (Action::Select, R::Password) => self.ed.open(""),
            (Action::Select, R::Reason) => self.ed.open(&self.reason.clone()),
            (Action::Select, R::Simulated) => {
                let code = case
                    .application
                    .mcc
                    .clone()
                    .unwrap_or_else(|| "5999".into());
                // The simulated institution keeps the MID and TID it gave this merchant
                // before (a resubmission after a change of data).
                let now = cx.view.now;
                let outcome = match case.approval() {
                    Some((mid, tid)) => ReviewOutcome::Approved {
                        mid: mid.to_string(),
                        tid: tid.to_string(),
                        activation_password: "000000".into(),
                        at: now,
                        simulated: true,
                    },
                    None => simulated_approval(&code, now),
                };
                self.record(cx, outcome);
            }
            (Action::Select, R::Check(check)) => {
                cx.change(move |c| c.advance_review_check(check));
            }
            (Action::Select, R::Record) => self.record_typed(case, cx, false),
            (Action::ConfirmWarning, R::Record) => self.record_typed(case, cx, true),
            (Action::ConfirmWarning, _) => cx.info("review-confirm-on-record"),
            _ => {}
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(self, view, area, buf)
    }
}

impl ReviewScreen {
    /// Enter keeps what was typed in the field; Esc drops it.
    fn on_field_action(&mut self, action: Action, row: R) {
        match action {
            Action::Back => self.ed.editing = None,
            Action::Select => {
                let v = self.ed.take().unwrap_or_default().trim().to_string();
                self.confirmed = false;
                match row {
                    R::Mid => self.mid = v,
                    R::Tid => self.tid = v,
                    R::Password => self.password = v,
                    R::Reason => self.reason = v,
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn record_typed(&mut self, case: &crate::onboarding::Case, cx: &mut Cx, confirm: bool) {
        let now = cx.view.now;
        if self.rejected {
            if self.reason.is_empty() {
                cx.notice(Notice::Missing(vec!["missing-reject-reason".into()]));
                return;
            }
            let outcome = ReviewOutcome::Rejected {
                reason: self.reason.clone(),
                revision: case.revision,
                at: now,
            };
            self.record(cx, outcome);
            return;
        }
        let problems = check_approval(
            &self.mid,
            &self.tid,
            &self.password,
            case.application.mcc.as_deref(),
        );
        if problems.iter().any(|(_, _, v)| *v == Verdict::Invalid) {
            cx.error("review-invalid");
            return;
        }
        if !(problems.is_empty() || confirm || self.confirmed) {
            cx.info("review-confirm-warning");
            return;
        }
        let outcome = ReviewOutcome::Approved {
            mid: crate::onboarding::validate::mid(&self.mid, None).normalized,
            tid: crate::onboarding::validate::tid(&self.tid).normalized,
            activation_password: self.password.clone(),
            at: now,
            simulated: false,
        };
        self.record(cx, outcome);
    }

    /// Records the answer; a rejection goes back to the materials.
    fn record(&mut self, cx: &mut Cx, outcome: ReviewOutcome) {
        let rejected = matches!(outcome, ReviewOutcome::Rejected { .. });
        cx.change(move |c| c.record_review(outcome));
        *self = ReviewScreen::default();
        if rejected {
            cx.send(Command::EnterStep(Step::Materials));
            cx.info("review-rejected-back");
        } else {
            cx.info("review-approved");
        }
    }
}

/// The checks the institution reported, as one line ("企业信息联网核查：通过 · …").
pub fn checks_text(lang: crate::i18n::Lang, checks: &ReviewChecks) -> String {
    let items: Vec<String> = ReviewCheck::ALL
        .iter()
        .map(|c| {
            let fact = checks.get(c).copied().unwrap_or_default();
            tr_args(
                lang,
                "review-check-item",
                &[
                    ("check", &tr(lang, c.label_id())),
                    ("fact", &tr(lang, fact.label_id())),
                ],
            )
        })
        .collect();
    tr_args(
        lang,
        "review-checks-reported",
        &[("checks", &items.join(&tr(lang, "list-separator")))],
    )
}

/// The form for the institution's answer: the simulated one, or the outcome typed with its
/// numbers, and the checks the institution reported.
fn rows(screen: &ReviewScreen, view: &View, case: &crate::onboarding::Case) -> Vec<Row> {
    let lang = view.lang;
    let s = screen;
    let filled = |v: &str| if v.is_empty() { Mark::Todo } else { Mark::Ok };
    rows_of(screen, view.demo)
        .into_iter()
        .map(|r| match r {
            R::Simulated => Row::new(
                tr(lang, "review-row-simulated"),
                tr(lang, "review-simulated-hint"),
                Mark::None,
            ),
            R::Outcome => Row::new(
                tr(lang, "review-row-outcome"),
                tr(
                    lang,
                    if s.rejected {
                        "review-rejected"
                    } else {
                        "review-approved-choice"
                    },
                ),
                Mark::None,
            ),
            R::Mid => Row::new(tr(lang, "review-row-mid"), s.mid.clone(), filled(&s.mid)),
            R::Tid => Row::new(tr(lang, "review-row-tid"), s.tid.clone(), filled(&s.tid)),
            R::Password => Row::new(
                tr(lang, "review-row-password"),
                "*".repeat(s.password.chars().count()),
                filled(&s.password),
            ),
            R::Reason => Row::new(
                tr(lang, "review-row-reason"),
                s.reason.clone(),
                filled(&s.reason),
            ),
            R::Check(check) => {
                let fact = case.review_checks.get(&check).copied().unwrap_or_default();
                let mark = match fact {
                    CheckFact::NotReported => Mark::None,
                    CheckFact::Passed => Mark::Ok,
                    CheckFact::Failed => Mark::Bad,
                };
                Row::new(tr(lang, check.label_id()), tr(lang, fact.label_id()), mark)
            }
            R::Record => Row::new(tr(lang, "review-row-record"), String::new(), Mark::None),
        })
        .collect()
}

/// Draws the Review screen.
fn render(screen: &ReviewScreen, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = view.lang;
    let case = view.case?;
    let Some(sub) = case.current_submission() else {
        let t = match &case.review {
            Some(ReviewOutcome::Rejected { reason, .. }) => {
                tr_args(lang, "review-last-rejected", &[("reason", reason)])
            }
            _ => tr(lang, "review-not-submitted"),
        };
        crate::tui::wrap::render_lines(wrapped_lines(&t, area.width, view.theme.warn()), area, buf);
        return None;
    };
    let eta = super::application::eta_text(lang, sub);
    // An approval of an earlier revision is not shown as the answer: the form is, for the
    // institution's answer to this one.
    let holds = case.still_holds(crate::onboarding::basis::Record::Approval);
    if let (
        Some(ReviewOutcome::Approved {
            mid,
            tid,
            simulated,
            ..
        }),
        true,
    ) = (&case.review, holds)
    {
        let mut t = tr_args(
            lang,
            "review-approved-summary",
            &[("mid", mid), ("tid", tid)],
        );
        if *simulated {
            t.push(' ');
            t.push_str(&tr(lang, "review-simulated-tag"));
        }
        t.push(' ');
        t.push_str(&checks_text(lang, &case.review_checks));
        crate::tui::wrap::render_lines(wrapped_lines(&t, area.width, view.theme.ok()), area, buf);
        return None;
    }
    let s = screen;
    let [head, list, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(rows_of(screen, view.demo).len() as u16),
        Constraint::Min(2),
    ])
    .areas(area);
    crate::tui::wrap::render_lines(
        vec![ratatui::text::Line::styled(eta, view.theme.ok())],
        head,
        buf,
    );
    let rows = rows(screen, view, case);
    let pos = render_rows(
        view,
        list,
        buf,
        &rows,
        &s.ed,
        if area.width >= 100 { 28 } else { 25 },
    );
    let problems = if s.rejected {
        vec![]
    } else {
        check_approval(&s.mid, &s.tid, &s.password, case.application.mcc.as_deref())
    };
    let texts: Vec<String> = problems
        .iter()
        .filter(|(field, _, _)| match *field {
            "mid" => !s.mid.is_empty(),
            "tid" => !s.tid.is_empty(),
            _ => !s.password.is_empty(),
        })
        .map(|(_, r, _)| tr_owned(lang, r.id, &r.args))
        .collect();
    let style = if texts.is_empty() {
        Style::new()
    } else {
        view.theme.warn()
    };
    crate::tui::wrap::render_lines(
        wrapped_lines(&texts.join(" "), detail.width, style),
        detail,
        buf,
    );
    pos
}
