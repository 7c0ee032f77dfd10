//! Drawing: a pure function of the [`App`] state. Header, step rail, the step's content (or
//! help), the feedback line and the key-hint bar.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui::Frame;

use super::app::{App, Focus, Notice};
use super::keymap::{bar_hints, listed_on, BINDINGS};
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
    let cursor = render_all(app, area, buf);
    gate_cells(buf, app.theme.ascii);
    cursor
}

/// The text gate for the screen, whatever the text's source (a case file, the catalog, the
/// terminal's own strings): a cell holding a control, direction or invisible character shows a
/// visible stand-in instead. A bare console may lack "…": with `ascii` it becomes "~".
fn gate_cells(buf: &mut Buffer, ascii: bool) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(crate::i18n::safe::is_unsafe_char) {
            cell.set_symbol(UNSAFE_STAND_IN);
        }
        if ascii && cell.symbol() == "…" {
            cell.set_symbol("~");
        }
    }
}

/// What a cell holding a control, direction or invisible character shows.
const UNSAFE_STAND_IN: &str = "\u{fffd}";

fn render_all(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
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
    // A wide window: the case and the step's help beside the step, not empty space.
    let content = if content.width >= super::side_pane::FROM_WIDTH
        && content.height >= super::side_pane::FROM_HEIGHT
    {
        let [main, _, side] = Layout::horizontal([
            Constraint::Min(10),
            Constraint::Length(2),
            Constraint::Length(super::side_pane::WIDTH),
        ])
        .areas(content);
        super::side_pane::render(app, side, buf);
        main
    } else {
        content
    };
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
    // A long merchant name gives way to the language switch, with "…".
    let room = (area.width as usize).saturating_sub(Span::raw(right.as_str()).width() + 1);
    Line::raw(steps::fit_ellipsis(&left, room)).render(area, buf);
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
    crate::tui::wrap::render_lines(lines, area, buf);
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

/// The message ids of the current step's words, for the case's terminal (a terminal without a
/// cash-register link is activated and tested by a person: its own words); Go-live of a live
/// case is its Maintenance screen.
fn step_texts(app: &App) -> crate::onboarding::steps::StepTexts {
    use crate::onboarding::person::Link;
    let link = app.case.as_ref().map_or(Link::Register, |c| c.link());
    let mut texts = app.step.texts(link);
    let live = app
        .case
        .as_ref()
        .is_some_and(|c| c.lifecycle() == crate::onboarding::basis::Lifecycle::Live);
    if app.step == Step::GoLive && live {
        texts.summary = "maint-summary".into();
        texts.explain = "maint-explain".into();
    }
    texts
}

fn render_step(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = app.lang;
    let step = app.step;
    let texts = step_texts(app);
    // A step done once whose basis changed says so first, with what to do.
    let mut explanation = match app.case.as_ref().map(|c| (c, c.step_state(step))) {
        Some((case, crate::onboarding::case::StepState::NeedsAttention(a))) => {
            let text = tr_args(
                lang,
                "step-attention-line",
                &[("why", a.text(case).get(lang))],
            );
            wrapped_lines(&text, area.width, app.theme.warn())
        }
        _ => vec![],
    };
    if let Some(case) = &app.case {
        explanation.extend(predictor_lines(app, case, area.width));
    }
    explanation.extend(wrapped_lines(
        &tr(lang, &texts.explain),
        area.width,
        app.theme.muted(),
    ));
    let notice_text = notice_lines(app, area.width);
    // A tall screen gives a long refusal the rows it needs (a quarter of the step's height).
    let notice_cap = if area.height >= 30 {
        area.height / 4
    } else {
        4
    };
    let notice_rows = (notice_text.len() as u16).clamp(2, notice_cap.max(2));
    let explain_rows = (explanation.len() as u16).min(explain_rows(area.height));
    let [title, _, explain, _, body, notice] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(explain_rows),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(notice_rows),
    ])
    .areas(area);
    let title_line = Line::from(vec![
        Span::styled(tr(lang, &step.title_id()), app.theme.title()),
        Span::raw(app.theme.separator()),
        Span::raw(tr(lang, &texts.summary)),
    ]);
    crate::tui::wrap::render_lines(vec![title_line], title, buf);
    crate::tui::wrap::render_lines(explanation, explain, buf);
    crate::tui::wrap::render_lines(notice_text, notice, buf);
    // Every step but the first draws a case: none is open before one is chosen.
    if step != Step::Case && app.case.is_none() {
        return None;
    }
    app.screens.get(step).render(&app.view(), body, buf)
}

/// The rejection predictor, run on each change (each frame draws the case as it now is): on
/// the step where what a rule checks is entered (Materials, Institution, Review, Binding), the
/// first finding of that step on one line, and how many more. The Application step lists every
/// finding below its form; F1 gives each with its source. A live case's Maintenance screen has
/// its own health findings instead.
fn predictor_lines(app: &App, case: &crate::onboarding::Case, width: u16) -> Vec<Line<'static>> {
    if app.step == Step::Application
        || case.lifecycle() == crate::onboarding::basis::Lifecycle::Live
    {
        return vec![];
    }
    let today = app.now().with_timezone(&app.tz).date_naive();
    let here: Vec<_> = crate::onboarding::rejection::predict(case, today)
        .into_iter()
        .filter(|f| f.rule.step() == app.step)
        .collect();
    let Some(first) = here.first() else {
        return vec![];
    };
    let (id, style) = if first.refuses() {
        ("step-reject-first", app.theme.error())
    } else {
        ("step-question-first", app.theme.warn())
    };
    let more = (here.len() - 1).to_string();
    let what = first.text(app.lang);
    let text = tr_args(app.lang, id, &[("what", &what), ("more", &more)]);
    // One line: the explanation keeps its rows; F1 shows the finding whole.
    vec![Line::styled(
        steps::fit_ellipsis(&text, usize::from(width)),
        style,
    )]
}

/// Rows the step's explanation may take (F1 help shows it whole when it needs more).
fn explain_rows(height: u16) -> u16 {
    if height >= 30 {
        5
    } else {
        3
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
    // How to close it beside the title, so a long help cannot push it off the screen.
    let mut lines = vec![Line::from(vec![
        Span::styled(
            tr_args(lang, "help-title", &[("step", &tr(lang, &step.title_id()))]),
            app.theme.title(),
        ),
        Span::raw("  "),
        Span::styled(tr(lang, "help-close"), app.theme.muted()),
    ])];
    // The FAQ page first: at 80x24 the keys table may run past the bottom.
    lines.extend(wrapped_lines(
        &tr(lang, "help-faq-hint"),
        area.width,
        app.theme.heading(),
    ));
    lines.push(Line::raw(""));
    // The step's explanation, when the step screen had to shorten it with "…".
    let texts = step_texts(app);
    let explanation = wrapped_lines(&tr(lang, &texts.explain), area.width, app.theme.muted());
    if explanation.len() > explain_rows(area.height) as usize {
        lines.extend(explanation);
    }
    lines.extend(wrapped_lines(
        &tr(lang, &texts.help),
        area.width,
        Style::new(),
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled(tr(lang, "help-keys"), app.theme.heading()));
    lines.extend(help_key_lines(app, area.width as usize));
    // Longer than the screen: the title row says how to scroll, the rest scrolls under it.
    let h = area.height as usize;
    if lines.len() > h && h > 1 {
        let scroll = app.help_scroll.min(lines.len() - h);
        lines[0].spans.push(Span::styled(
            format!("  {}", tr(lang, "help-scroll")),
            app.theme.key(),
        ));
        let title = lines.remove(0);
        let rest: Vec<Line> = lines.into_iter().skip(scroll).collect();
        let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        crate::tui::wrap::render_lines(vec![title], top, buf);
        crate::tui::wrap::render_lines(rest, body, buf);
        return;
    }
    crate::tui::wrap::render_lines(lines, area, buf);
}

/// Each key once with everything it does ("Esc  Back / Cancel"), two keys to a row when the
/// area is wide enough; a label wraps inside its column, it is never cut.
pub fn help_key_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut keys: Vec<(String, Vec<String>)> = vec![];
    for b in BINDINGS.iter().filter(|b| listed_on(b, app.step)) {
        let key = tr(lang, b.key_label);
        let label = tr(lang, lang_label(app, b.label));
        match keys.iter_mut().find(|(k, _)| *k == key) {
            Some((_, labels)) if !labels.contains(&label) => labels.push(label),
            Some(_) => {}
            None => keys.push((key, vec![label])),
        }
    }
    // A narrow key column (most keys are short); a longer key takes room from its label.
    let key_w = 7;
    let columns = if width >= 2 * (key_w + 20) { 2 } else { 1 };
    let col_w = width / columns;
    let mut out = vec![];
    for chunk in keys.chunks(columns) {
        let cells: Vec<(String, usize, Vec<String>)> = chunk
            .iter()
            .map(|(k, labels)| {
                let text = labels.join(&tr(lang, "help-label-separator"));
                let kw = Span::raw(k.as_str()).width().max(key_w - 1) + 1;
                let label_w = col_w.saturating_sub(kw + 1).max(8);
                (k.clone(), kw, super::wrap::wrap(&text, label_w))
            })
            .collect();
        let rows = cells.iter().map(|(_, _, l)| l.len()).max().unwrap_or(1);
        for r in 0..rows {
            let mut spans = vec![];
            for (i, (k, kw, wrapped)) in cells.iter().enumerate() {
                let key = if r == 0 { k.as_str() } else { "" };
                spans.push(Span::styled(steps::fit(key, *kw), app.theme.heading()));
                let text = wrapped.get(r).map_or("", |s| s.as_str());
                // The last column is not padded (no trailing blanks to cut at the edge).
                if i + 1 < cells.len() {
                    spans.push(Span::raw(steps::fit(text, col_w - kw)));
                } else {
                    spans.push(Span::raw(text.to_string()));
                }
            }
            out.push(Line::from(spans));
        }
    }
    out
}

/// The FAQ page's blocks: for a live case first what to do when something goes wrong (what
/// the merchant looks for after go-live), then the FAQ and its points to heed.
fn help_blocks(app: &App) -> Vec<super::faq::Block> {
    let case = app.case.as_ref();
    let faq = super::faq::blocks(case, app.lang, app.tz);
    if case.is_some_and(|c| c.lifecycle() == crate::onboarding::basis::Lifecycle::Live) {
        let mut b = super::exceptions::blocks(case, &app.catalog, app.lang, app.tz);
        b.extend(faq);
        b
    } else {
        faq
    }
}

/// The FAQ page of the help: the questions answered with the open case's data, scrolled; the
/// last row says how to get back.
fn render_faq(app: &App, area: Rect, buf: &mut Buffer) {
    use super::faq::Block;
    let lang = app.lang;
    let w = area.width;
    let mut lines: Vec<Line<'static>> = vec![];
    for block in help_blocks(app) {
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

#[cfg(test)]
mod gate_tests {
    use super::*;

    #[test]
    fn no_unsafe_character_reaches_the_screen() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "a\u{202e}b\u{200b}c…", ratatui::style::Style::new());
        // ratatui drops most of them itself; a cell set directly keeps what it is given.
        buf[(5, 0)].set_symbol("\u{202e}");
        gate_cells(&mut buf, true);
        let shown: String = buf.content.iter().map(|c| c.symbol().to_string()).collect();
        assert!(
            !shown.chars().any(crate::i18n::safe::is_unsafe_char),
            "{shown:?}"
        );
        assert!(
            shown.contains('\u{fffd}') && shown.contains('~'),
            "{shown:?}"
        );
    }
}
