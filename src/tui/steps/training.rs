//! Step 11 — Training: daily operations and troubleshooting, each with a short guide, ticked
//! off; optional practice on the device (End-of-Day).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::form::{render_rows, Editor, Mark, Row};
use crate::i18n::tr;
use crate::onboarding::device::topics;
use crate::tui::keymap::Action;
use crate::tui::screen::{Cx, DeviceCommand, Screen, View};
use crate::tui::wrap::wrapped_lines;

/// State of the Training topics: the cursor over the topics and the practice row.
#[derive(Debug, Default)]
pub struct TrainingScreen {
    /// The rows.
    pub ed: Editor,
}

impl Screen for TrainingScreen {
    super::form::form_keys!();

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let n = topics().len();
        match action {
            Action::Up => self.ed.up(),
            Action::Down => self.ed.down(n + 1),
            Action::Select if self.ed.cursor < n => {
                let id = topics()[self.ed.cursor].id.clone();
                let ticking = cx.case().is_some_and(|c| !c.training.done.contains(&id));
                cx.change(move |c| c.tick_training(&id));
                // Ticked: on to the next topic, so a walk through the list is one key a topic.
                if ticking {
                    self.ed.down(n + 1);
                }
            }
            Action::Select if cx.refuse_when_busy() => {}
            Action::Select if !cx.view.dev.connected => cx.error("activation-connect-first"),
            Action::Select => cx.device(DeviceCommand::Practice),
            _ => {}
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(self, view, area, buf);
        None
    }
}

/// Draws the Training screen.
fn render(screen: &TrainingScreen, view: &View, area: Rect, buf: &mut Buffer) {
    let lang = view.lang;
    let Some(case) = view.case else { return };
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
        t.with_timezone(&view.tz)
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
    let ed = &screen.ed;
    render_rows(view, list, buf, &rows, ed, 28);
    let mut text = match topics().get(ed.cursor) {
        Some(t) => t.guide.get(lang).to_string(),
        None => tr(lang, "training-practice-hint"),
    };
    // The highlighted row whole, when the list had to shorten it.
    let full = super::form::highlighted_full_text(lang, &rows, ed.cursor, 28, list.width);
    if let Some(full) = full {
        text = [full, text].join(super::form::NEWLINE);
    }
    crate::tui::wrap::render_lines(
        wrapped_lines(&text, detail.width, Style::new()),
        detail,
        buf,
    );
}
