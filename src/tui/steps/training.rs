//! Step 11 — Training: daily operations and troubleshooting, each with a short guide, ticked
//! off; optional practice on the device (End-of-Day).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::device::busy;
use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::tr;
use crate::onboarding::device::topics;
use crate::tui::app::{App, Focus, Msg, Notice};
use crate::tui::keymap::Action;
use crate::tui::worker::Request;
use crate::tui::wrap::wrapped_lines;

/// State of the Training topics: the cursor and the open text field.
pub type TrainingScreen = Editor;

/// Handles an action.
pub fn on_action(app: &mut App, action: Action) {
    let n = topics().len();
    match action {
        Action::Up => app.training_screen.up(),
        Action::Down => app.training_screen.down(n + 1),
        Action::Select if app.training_screen.cursor < n => {
            let id = topics()[app.training_screen.cursor].id.clone();
            app.apply(|c| c.tick_training(&id));
            // Ticked: on to the next topic, so a walk through the list is one key a topic.
            if app
                .case
                .as_ref()
                .is_some_and(|c| c.training.done.contains(&id))
            {
                app.training_screen.down(n + 1);
            }
        }
        Action::Select if busy(app) => app.notice = Some(Notice::Info(Msg::new("device-busy"))),
        Action::Select => {
            if !app.dev.connected {
                app.notice = Some(Notice::Error(Msg::new("activation-connect-first")));
            } else if let Some(w) = app.worker.as_mut() {
                w.send(Request::Practice);
            }
        }
        _ => {}
    }
}

/// Draws the Training screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let Some(case) = &app.case else { return };
    let mut rows: Vec<Row> = topics()
        .iter()
        .map(|t| {
            let mark = if case.training.done.contains(&t.id) {
                Mark::Ok
            } else {
                Mark::Todo
            };
            Row::new(t.title.get(lang).to_string(), String::new(), mark)
        })
        .collect();
    let practised = case.training.practised.map(|t| {
        t.with_timezone(&app.tz)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    });
    rows.push(Row::new(
        tr(lang, "training-practice"),
        practised.unwrap_or_else(|| tr(lang, "optional")),
        Mark::None,
    ));
    let (list, detail) = super::form::list_and_detail(
        area,
        rows.len() as u16,
        area.height.saturating_sub(rows.len() as u16).max(3),
    );
    let focused = app.focus == Focus::Content;
    render_rows(app, list, buf, &rows, &app.training_screen, focused, 28);
    let mut text = match topics().get(app.training_screen.cursor) {
        Some(t) => t.guide.get(lang).to_string(),
        None => tr(lang, "training-practice-hint"),
    };
    // The highlighted row whole, when the list had to shorten it.
    let lw = super::form::label_width(&rows, 28, list.width);
    if let Some(full) = rows
        .get(app.training_screen.cursor)
        .and_then(|r| super::form::full_text_if_cut(app.lang, r, lw, list.width))
    {
        text = [full, text].join(super::form::NEWLINE);
    }
    crate::tui::wrap::render_lines(
        wrapped_lines(&text, detail.width, Style::new()),
        detail,
        buf,
    );
}
