//! Drawing: a pure function of the [`App`] state. Header, step rail, the step's content (or
//! help), the feedback line and the key-hint bar.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui::Frame;

use super::app::{App, Focus, Notice};
use super::keymap::{bar_hints, BINDINGS};
use super::steps;
use super::wrap::wrapped_lines;
use crate::i18n::{tr, tr_args};
use crate::onboarding::Step;

/// Width of the step rail.
const RAIL_WIDTH: u16 = 18;

/// Draws the whole wizard into `frame`.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let cursor = render(app, area, frame.buffer_mut());
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

/// Draws the wizard into `buf`; returns the text cursor position, if a field has focus.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    if area.width < super::app::MIN_SIZE.0 || area.height < super::app::MIN_SIZE.1 {
        render_too_small(app, area, buf);
        return None;
    }
    let [header, body, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, header, buf);
    render_hints(app, hints, buf);
    let [rail, _, content] = Layout::horizontal([
        Constraint::Length(RAIL_WIDTH),
        Constraint::Length(1),
        Constraint::Min(10),
    ])
    .areas(body);
    render_rail(app, rail, buf);
    if app.help && app.faq.is_some() {
        render_faq(app, content, buf);
        None
    } else if app.help {
        render_help(app, content, buf);
        None
    } else {
        render_step(app, content, buf)
    }
}

fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let (w, h) = (area.width.to_string(), area.height.to_string());
    let text = tr_args(app.lang, "size-too-small", &[("cols", &w), ("rows", &h)]);
    let y = area.y + area.height / 2;
    let line = Rect::new(area.x, y.saturating_sub(1), area.width, area.height.min(3));
    Paragraph::new(wrapped_lines(&text, line.width, Style::new()))
        .alignment(Alignment::Center)
        .render(line, buf);
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let sep = app.theme.separator();
    let mut left = format!(" {}", tr(lang, "app-name"));
    if let Some(case) = &app.case {
        left.push_str(sep);
        left.push_str(&case.merchant.name);
    }
    if app.demo {
        left.push_str(sep);
        left.push_str(&tr(lang, "header-demo"));
    }
    let right = format!("{} ", tr(lang, lang_label(app, "header-lang")));
    buf.set_style(area, app.theme.header());
    Line::raw(left).render(area, buf);
    Line::raw(right)
        .alignment(Alignment::Right)
        .render(area, buf);
}

fn render_rail(app: &App, area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = Step::ALL
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mark = app.mark(*step);
            let text = format!(
                "{}{:>2} {}",
                app.theme.mark_symbol(mark),
                i + 1,
                tr(app.lang, &step.title_id())
            );
            let mut style = app.theme.mark_style(mark);
            if app.focus == Focus::Rail && i == app.rail_cursor {
                style = app.theme.selected();
            }
            Line::styled(steps::fit(&text, area.width as usize), style)
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

/// The hint bar shows whole hints only: those that do not fit are left to F1 help.
fn render_hints(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans = vec![];
    let mut used = 0;
    for b in bar_hints(app.key_context()) {
        let key = Span::styled(tr(app.lang, b.key_label), app.theme.key());
        let label = Span::raw(format!(" {}  ", tr(app.lang, lang_label(app, b.label))));
        let w = key.width() + label.width();
        if used + w > area.width as usize + 2 {
            break;
        }
        used += w;
        spans.push(key);
        spans.push(label);
    }
    Line::from(spans).render(area, buf);
}

fn render_step(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = app.lang;
    let step = app.step;
    let explanation = wrapped_lines(&tr(lang, &step.explain_id()), area.width, app.theme.muted());
    let notice_text = notice_lines(app, area.width);
    let notice_rows = (notice_text.len() as u16).clamp(2, if area.height >= 30 { 6 } else { 4 });
    let explain_rows = explanation.len().min(if area.height >= 30 { 5 } else { 3 }) as u16;
    let [title, _, explain, _, body, notice] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(explain_rows),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(notice_rows),
    ])
    .areas(area);
    Line::from(vec![
        Span::styled(tr(lang, &step.title_id()), app.theme.title()),
        Span::raw(app.theme.separator()),
        Span::raw(tr(lang, &step.summary_id())),
    ])
    .render(title, buf);
    Paragraph::new(explanation).render(explain, buf);
    Paragraph::new(notice_text).render(notice, buf);
    match step {
        Step::Case => steps::case::render(app, body, buf),
        Step::PosType => {
            steps::pos_type::render(app, body, buf);
            None
        }
        _ if app.case.is_none() => None,
        Step::Materials => steps::materials::render(app, body, buf),
        Step::Institution => {
            steps::institution::render(app, body, buf);
            None
        }
        Step::Application => steps::application::render(app, body, buf),
        Step::Review => steps::review::render(app, body, buf),
        Step::Contract => steps::contract::render(app, body, buf),
        Step::Binding => steps::binding::render(app, body, buf),
        Step::Activation => steps::activation::render(app, body, buf),
        Step::Test => {
            steps::test::render(app, body, buf);
            None
        }
        Step::Training => {
            steps::training::render(app, body, buf);
            None
        }
        Step::GoLive => {
            steps::golive::render(app, body, buf);
            None
        }
    }
}

/// The feedback line's lines at `width` (a list of what is missing can take several).
fn notice_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let lang = app.lang;
    let (text, style): (String, Style) = match &app.notice {
        None => return vec![],
        Some(Notice::Info(m)) => (m.text(lang), app.theme.ok()),
        Some(Notice::Error(m)) => (m.text(lang), app.theme.error()),
        Some(Notice::Missing(ids)) => {
            let items: Vec<String> = ids
                .iter()
                .map(|n| match n {
                    crate::onboarding::case::Need::Id(id) => tr(lang, id),
                    crate::onboarding::case::Need::Text(t) => t.get(lang).to_string(),
                })
                .collect();
            let list = items.join(&tr(lang, "list-separator"));
            (
                tr_args(lang, "notice-missing", &[("items", &list)]),
                app.theme.warn(),
            )
        }
    };
    wrapped_lines(&text, width, style)
}

fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let step = app.step;
    let mut lines = vec![Line::styled(
        tr_args(lang, "help-title", &[("step", &tr(lang, &step.title_id()))]),
        app.theme.title(),
    )];
    // The FAQ page first: at 80x24 the keys table may run past the bottom.
    lines.extend(wrapped_lines(
        &tr(lang, "help-faq-hint"),
        area.width,
        app.theme.heading(),
    ));
    lines.push(Line::raw(""));
    lines.extend(wrapped_lines(
        &tr(lang, &step.help_id()),
        area.width,
        Style::new(),
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled(tr(lang, "help-keys"), app.theme.heading()));
    // Every distinct binding, two to a row so the list fits at 80x24.
    let mut seen: Vec<(&str, &str)> = vec![];
    for b in BINDINGS {
        if !seen.contains(&(b.key_label, b.label)) {
            seen.push((b.key_label, b.label));
        }
    }
    let half = (area.width as usize / 2).max(20);
    for pair in seen.chunks(2) {
        let mut spans = vec![];
        for (key, label) in pair {
            spans.push(Span::styled(
                steps::fit(&tr(lang, key), 11),
                app.theme.heading(),
            ));
            spans.push(Span::raw(steps::fit(
                &tr(lang, lang_label(app, label)),
                half.saturating_sub(11),
            )));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(tr(lang, "help-close"), app.theme.muted()));
    Paragraph::new(lines).render(area, buf);
}

/// The FAQ page of the help: the questions answered with the open case's data, scrolled; the
/// last row says how to get back.
fn render_faq(app: &App, area: Rect, buf: &mut Buffer) {
    use super::faq::Block;
    let lang = app.lang;
    let w = area.width;
    let mut lines: Vec<Line<'static>> = vec![];
    for block in super::faq::blocks(app.case.as_ref(), lang, app.tz) {
        match block {
            Block::Section(s) => {
                if !lines.is_empty() {
                    lines.push(Line::raw(""));
                }
                lines.extend(wrapped_lines(&s, w, app.theme.title()));
            }
            Block::Question(q) => lines.extend(wrapped_lines(&q, w, app.theme.heading())),
            // Answers are indented under their question.
            Block::Answer(a) => lines.extend(
                wrapped_lines(&a, w.saturating_sub(2), Style::new())
                    .into_iter()
                    .map(|l| {
                        let mut spans = vec![Span::raw("  ")];
                        spans.extend(l.spans);
                        Line::from(spans)
                    }),
            ),
        }
    }
    let footer = wrapped_lines(&tr(lang, "help-faq-back"), w, app.theme.muted());
    let body_h = area.height.saturating_sub(footer.len() as u16);
    let max_scroll = (lines.len() as u16).saturating_sub(body_h);
    let scroll = app.faq.unwrap_or(0).min(max_scroll);
    let body = Rect {
        height: body_h,
        ..area
    };
    Paragraph::new(lines).scroll((scroll, 0)).render(body, buf);
    let foot = Rect {
        y: area.y + body_h,
        height: area.height - body_h,
        ..area
    };
    Paragraph::new(footer).render(foot, buf);
}

/// Labels that name the other language in its own script get an ASCII form under `--ascii`
/// (a bare Linux console cannot draw Chinese).
fn lang_label(app: &App, id: &'static str) -> &'static str {
    match (app.theme.ascii, id) {
        (true, "header-lang") => "header-lang-ascii",
        (true, "act-lang") => "act-lang-ascii",
        _ => id,
    }
}
