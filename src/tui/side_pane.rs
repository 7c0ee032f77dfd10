//! The side pane a wide terminal shows beside the step: the case at a glance (the open one, or
//! on the case list the highlighted one: who, which case, its status, what was chosen and
//! approved), the step's help, and the FAQ's questions answered with the case's data as far as
//! they fit whole, so the room a wide window has carries something to read instead of staying
//! empty.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::app::App;
use super::wrap::wrapped_lines;
use crate::i18n::{tr, tr_args};
use crate::onboarding::case::StepState;
use crate::onboarding::pos_types::PosCatalog;
use crate::onboarding::{Case, Step};
use crate::store::CaseSummary;

/// Width of the side pane.
pub const WIDTH: u16 = 36;

/// The content area's width from which a side pane is drawn: what is left for the step is
/// still as wide as at 80 columns.
pub const FROM_WIDTH: u16 = 61 + 2 + WIDTH;

/// The content area's height from which a side pane is drawn (a short window keeps its rows
/// for the step).
pub const FROM_HEIGHT: u16 = 30;

/// Draws the side pane: the case summary, then (unless help fills the main pane already) the
/// step's help, then questions.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let w = area.width;
    let mut lines = vec![];
    let highlighted = app
        .screens
        .case
        .highlighted()
        .filter(|_| app.step == Step::Case);
    match (highlighted, &app.case) {
        (Some(entry), _) => lines.extend(entry_summary(app, entry, w)),
        (None, Some(case)) => lines.extend(case_summary(app, case, w)),
        // The step says that no case is open; the pane starts with its help.
        (None, None) => {}
    }
    if !app.help {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        let title = tr_args(
            lang,
            "help-title",
            &[("step", &tr(lang, &app.step.title_id()))],
        );
        lines.extend(wrapped_lines(&title, w, app.theme.title()));
        lines.extend(wrapped_lines(
            &tr(lang, &app.step.help_id()),
            w,
            Style::new(),
        ));
        lines.extend(wrapped_lines(
            &tr(lang, "side-help-more"),
            w,
            app.theme.muted(),
        ));
    }
    // The rest of the pane: the questions merchants ask, answered with this case's data,
    // each question with its whole answer or not at all (F1 then Tab shows them all).
    if app.faq.is_none() {
        add_questions(app, &mut lines, area);
    }
    super::wrap::render_lines(lines, area, buf);
}

/// Appends the FAQ's questions with their answers while a whole one still fits in `area`;
/// a section's heading goes with its first question.
fn add_questions(app: &App, lines: &mut Vec<Line<'static>>, area: Rect) {
    use super::faq::Block;
    let w = area.width;
    let room = area.height as usize;
    let mut group: Vec<Line<'static>> = vec![];
    let mut answered = false;
    for block in super::faq::blocks(app.case.as_ref(), app.lang, app.tz) {
        let starts_group = !matches!(block, Block::Answer(_));
        if starts_group && answered {
            if lines.len() + group.len() > room {
                return;
            }
            lines.append(&mut group);
            answered = false;
        }
        match block {
            Block::Section(s) => {
                group.push(Line::raw(""));
                group.extend(wrapped_lines(&s, w, app.theme.title()));
            }
            Block::Question(q) => group.extend(wrapped_lines(&q, w, app.theme.heading())),
            Block::Answer(a) => {
                group.extend(wrapped_lines(&a, w, Style::new()));
                answered = true;
            }
        }
    }
    if answered && lines.len() + group.len() <= room {
        lines.append(&mut group);
    }
}

/// The case highlighted in the list, from the case index.
fn entry_summary(app: &App, entry: &CaseSummary, w: u16) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut rows: Vec<(String, String)> = vec![
        (tr(lang, "case-col-id"), entry.id.clone()),
        (tr(lang, "case-col-status"), entry.status.text(lang)),
        (tr(lang, "case-col-step"), tr(lang, &entry.step.title_id())),
        (
            tr(lang, "case-col-updated"),
            entry
                .updated
                .with_timezone(&app.tz)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
        ),
    ];
    let institution = entry.institution.get(lang);
    if !institution.is_empty() {
        rows.push((tr(lang, "side-institution-label"), institution.to_string()));
    }
    if !entry.mid.is_empty() {
        rows.push((tr(lang, "side-mid-label"), entry.mid.clone()));
    }
    if !entry.serial.is_empty() {
        rows.push((tr(lang, "case-col-serial"), entry.serial.clone()));
    }
    let mut name = entry.merchant.clone();
    if entry.demo {
        name.push_str(&tr(lang, "case-demo-tag"));
    }
    summary_lines(app, &tr(lang, "side-highlighted-heading"), &name, rows, w)
}

/// The open case at a glance.
fn case_summary(app: &App, case: &Case, w: u16) -> Vec<Line<'static>> {
    let lang = app.lang;
    let done = Step::ALL
        .iter()
        .filter(|s| matches!(case.step_state(**s), StepState::Done))
        .count();
    let mut rows: Vec<(String, String)> = vec![
        (tr(lang, "case-col-id"), case.id.as_str().to_string()),
        (tr(lang, "case-col-status"), case.lifecycle().text(lang)),
        (
            tr(lang, "side-progress-label"),
            tr_args(
                lang,
                "side-progress",
                &[
                    ("done", &done.to_string()),
                    ("total", &Step::ALL.len().to_string()),
                ],
            ),
        ),
    ];
    if let Some(pos) = &case.pos {
        let name = PosCatalog::shipped()
            .pos_type(&pos.pos_type)
            .map_or(pos.pos_type.clone(), |p| p.name.get(lang).to_string());
        let count = pos.count.to_string();
        rows.push((
            tr(lang, "side-pos-label"),
            tr_args(lang, "side-pos", &[("type", &name), ("count", &count)]),
        ));
    }
    if let Some(inst) = &case.institution {
        rows.push((
            tr(lang, "side-institution-label"),
            inst.name.get(lang).to_string(),
        ));
    }
    if let Some((mid, tid)) = case.approval() {
        rows.push((tr(lang, "side-mid-tid-label"), format!("{mid} / {tid}")));
    }
    if !case.binding.serial_label.is_empty() {
        rows.push((
            tr(lang, "case-col-serial"),
            case.binding.serial_label.clone(),
        ));
    }
    summary_lines(
        app,
        &tr(lang, "side-case-heading"),
        &case.merchant.name,
        rows,
        w,
    )
}

/// A heading, the merchant's name and each fact on a row with its label, or under it when it
/// is long.
fn summary_lines(
    app: &App,
    heading: &str,
    name: &str,
    rows: Vec<(String, String)>,
    w: u16,
) -> Vec<Line<'static>> {
    let th = &app.theme;
    let mut lines = vec![Line::styled(heading.to_string(), th.title())];
    lines.extend(wrapped_lines(name, w, th.heading()));
    for (label, value) in rows {
        // "Status  draft" on one row when it fits, else the value under its label.
        let one_row = format!("{label}  {value}");
        if Span::raw(one_row.as_str()).width() <= w as usize {
            lines.push(Line::from(vec![
                Span::styled(format!("{label}  "), th.muted()),
                Span::raw(value),
            ]));
            continue;
        }
        lines.push(Line::from(Span::styled(label, th.muted())));
        lines.extend(
            wrapped_lines(&value, w.saturating_sub(2), Style::new())
                .into_iter()
                .map(|l| {
                    let mut spans = vec![Span::raw("  ")];
                    spans.extend(l.spans);
                    Line::from(spans)
                }),
        );
    }
    lines
}
