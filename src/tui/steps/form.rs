//! A list of labelled rows with one editable at a time: the shared shape of the data-entry
//! steps (materials, application, review, contract).

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::fit;
use crate::tui::app::App;
use crate::tui::keymap::KeyContext;
use crate::tui::text_input::TextInput;

/// How a row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// No mark (actions, read-only facts).
    None,
    /// Complete.
    Ok,
    /// Needs confirmation.
    Warn,
    /// Invalid.
    Bad,
    /// Still to do.
    Todo,
}

/// One row of a form.
#[derive(Debug, Clone)]
pub struct Row {
    /// Label (translated).
    pub label: String,
    /// Value as shown (masked where personal).
    pub value: String,
    /// Status mark.
    pub mark: Mark,
}

impl Row {
    /// A row.
    pub fn new(label: String, value: String, mark: Mark) -> Row {
        Row { label, value, mark }
    }
}

/// Cursor and the open text field of a form.
#[derive(Debug, Default)]
pub struct Editor {
    /// Highlighted row.
    pub cursor: usize,
    /// The text being edited, if a field is open.
    pub editing: Option<TextInput>,
}

impl Editor {
    /// Typing while a field is open, list navigation otherwise.
    pub fn key_context(&self) -> KeyContext {
        KeyContext {
            typing: self.editing.is_some(),
            list: self.editing.is_none(),
            number: false,
        }
    }

    /// Gives an editing key to the open field.
    pub fn edit_key(&mut self, key: &KeyEvent) -> bool {
        self.editing.as_mut().is_some_and(|t| t.handle_key(key))
    }

    /// Moves the cursor within `rows` rows.
    pub fn up(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    /// Moves the cursor down.
    pub fn down(&mut self, rows: usize) {
        self.cursor = (self.cursor + 1).min(rows.saturating_sub(1));
    }

    /// Opens the field at the cursor with `value`.
    pub fn open(&mut self, value: &str) {
        self.editing = Some(TextInput::with_value(value));
    }

    /// Closes the field, returning what was typed.
    pub fn take(&mut self) -> Option<String> {
        self.editing.take().map(|t| t.value().to_string())
    }
}

fn mark_span(app: &App, m: Mark) -> Span<'static> {
    let th = &app.theme;
    let (sym, style) = match (m, th.ascii) {
        (Mark::None, _) => ("    ", Style::new()),
        (Mark::Ok, false) => ("[\u{2713}] ", th.ok()),
        (Mark::Ok, true) => ("[+] ", th.ok()),
        (Mark::Warn, _) => ("[!] ", th.warn()),
        (Mark::Bad, false) => ("[\u{2717}] ", th.error()),
        (Mark::Bad, true) => ("[x] ", th.error()),
        (Mark::Todo, _) => ("[ ] ", th.muted()),
    };
    Span::styled(sym, style)
}

/// Draws the rows, scrolled so the cursor is visible; returns the text cursor position.
pub fn render_rows(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    rows: &[Row],
    ed: &Editor,
    focused: bool,
    label_w: usize,
) -> Option<Position> {
    let h = area.height as usize;
    if h == 0 {
        return None;
    }
    let offset = ed.cursor.saturating_sub(h - 1);
    let mut cursor_pos = None;
    for (i, row) in rows.iter().enumerate().skip(offset).take(h) {
        let y = area.y + (i - offset) as u16;
        let line_area = Rect::new(area.x, y, area.width, 1);
        let selected = i == ed.cursor;
        let label_style = if selected && focused && ed.editing.is_none() {
            app.theme.selected()
        } else {
            app.theme.heading()
        };
        let mut spans = vec![
            mark_span(app, row.mark),
            Span::styled(fit(&row.label, label_w), label_style),
            Span::raw(" "),
        ];
        let value_w = (area.width as usize).saturating_sub(label_w + 5);
        match (&ed.editing, selected) {
            (Some(input), true) => {
                spans.push(Span::styled(
                    fit(input.value(), value_w),
                    app.theme.selected_unfocused(),
                ));
                let x = area.x + (4 + label_w + 1 + input.cursor_width()) as u16;
                cursor_pos = Some(Position::new(x.min(area.right().saturating_sub(1)), y));
            }
            _ => spans.push(Span::raw(fit(&row.value, value_w))),
        }
        Line::from(spans).render(line_area, buf);
    }
    cursor_pos
}
