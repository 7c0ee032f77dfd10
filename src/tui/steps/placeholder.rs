//! Steps whose screens are not built in this version: they show their title, summary and
//! explanation, and say plainly that the step cannot be completed here yet.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::wrap::wrapped_lines;

use crate::i18n::tr;
use crate::tui::app::App;

/// Draws the not-yet-built notice.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    Paragraph::new(wrapped_lines(
        &tr(app.lang, "step-not-built"),
        area.width,
        app.theme.warn(),
    ))
    .render(area, buf);
}
