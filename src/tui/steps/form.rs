//! A list of labelled rows with one editable at a time: the shared shape of the data-entry
//! steps (materials, application, review, contract).

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::fit;
use crate::tui::keymap::KeyContext;
use crate::tui::screen::View;
use crate::tui::text_input::unicode_width;
use crate::tui::text_input::TextInput;
use crate::tui::theme::Theme;

/// The key context and the editing keys of a screen that is one form (its field `ed`), for
/// inside its `impl Screen`: typing while a field is open, list keys otherwise.
macro_rules! form_keys {
    () => {
        fn key_context(&self, _view: &crate::tui::screen::View) -> crate::tui::keymap::KeyContext {
            self.ed.key_context()
        }

        fn edit_key(&mut self, key: &crossterm::event::KeyEvent) -> bool {
            self.ed.edit_key(key)
        }
    };
}
pub(crate) use form_keys;

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
    /// The row a destructive key was pressed on once: the same key again on it does it.
    pub asked: Option<usize>,
}

impl Editor {
    /// Typing while a field is open, list navigation otherwise.
    pub fn key_context(&self) -> KeyContext {
        KeyContext {
            typing: self.editing.is_some(),
            list: self.editing.is_none(),
            number: false,
            removable: false,
            help: false,
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

fn mark_span(th: &Theme, m: Mark) -> Span<'static> {
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

/// Splits `area` into a list and its detail: side by side on a wide screen (the 120-column
/// layout uses the width), else the detail under the list.
pub fn list_and_detail(area: Rect, list_rows: u16, detail_rows: u16) -> (Rect, Rect) {
    use ratatui::layout::{Constraint, Layout};
    if area.width >= 100 {
        let [list, _, detail] = Layout::horizontal([
            Constraint::Percentage(58),
            Constraint::Length(2),
            Constraint::Min(20),
        ])
        .areas(area);
        (list, detail)
    } else {
        let [list, detail] = Layout::vertical([
            Constraint::Min(list_rows.min(area.height.saturating_sub(detail_rows))),
            Constraint::Length(detail_rows),
        ])
        .areas(area);
        (list, detail)
    }
}

/// Line break between a row's whole text and the detail under it.
pub const NEWLINE: &str = "\n";

/// The label width [`render_rows`] uses for `rows` in `width` columns: at a wide screen the
/// labels take the room they need (up to two fifths of the width), so a label is shortened
/// only where the screen is narrow.
pub fn label_width(rows: &[Row], label_w: usize, width: u16) -> usize {
    let longest = rows
        .iter()
        .map(|r| unicode_width(&r.label))
        .max()
        .unwrap_or(0);
    label_w.max(longest.min(width as usize * 2 / 5))
}

/// The row's whole text ("label: value") when [`render_rows`] has to shorten its label or
/// value with "…" — for the detail line under the list, so nothing is out of reach.
pub fn full_text_if_cut(
    lang: crate::i18n::Lang,
    row: &Row,
    label_w: usize,
    width: u16,
) -> Option<String> {
    let value_w = (width as usize).saturating_sub(label_w + 5);
    let cut = unicode_width(&row.label) > label_w || unicode_width(&row.value) > value_w;
    cut.then(|| {
        if row.value.is_empty() {
            row.label.clone()
        } else {
            crate::i18n::tr_args(
                lang,
                "row-full-text",
                &[("label", &row.label), ("value", &row.value)],
            )
        }
    })
}

/// The whole text of row `cursor` when [`render_rows`] (with `label_w`, in `width` columns)
/// had to shorten it — for the detail under the list.
pub fn highlighted_full_text(
    lang: crate::i18n::Lang,
    rows: &[Row],
    cursor: usize,
    label_w: usize,
    width: u16,
) -> Option<String> {
    let lw = label_width(rows, label_w, width);
    full_text_if_cut(lang, rows.get(cursor)?, lw, width)
}

/// Draws the rows, scrolled so the cursor is visible (highlighted while the step has focus);
/// returns the text cursor position.
pub fn render_rows(
    view: &View,
    area: Rect,
    buf: &mut Buffer,
    rows: &[Row],
    ed: &Editor,
    label_w: usize,
) -> Option<Position> {
    let (theme, focused) = (view.theme, view.focused);
    let h = area.height as usize;
    if h == 0 {
        return None;
    }
    // At a wide screen the labels take the room they need (up to two fifths of the width), so
    // a label is shortened only where the screen is narrow.
    let label_w = label_width(rows, label_w, area.width);
    let offset = ed.cursor.saturating_sub(h - 1);
    let mut cursor_pos = None;
    for (i, row) in rows.iter().enumerate().skip(offset).take(h) {
        let y = area.y + (i - offset) as u16;
        let line_area = Rect::new(area.x, y, area.width, 1);
        let selected = i == ed.cursor;
        let label_style = if selected && focused && ed.editing.is_none() {
            theme.selected()
        } else {
            theme.heading()
        };
        let mut spans = vec![
            mark_span(theme, row.mark),
            Span::styled(fit(&row.label, label_w), label_style),
            Span::raw(" "),
        ];
        let value_w = (area.width as usize).saturating_sub(label_w + 5);
        match (&ed.editing, selected) {
            (Some(input), true) => {
                spans.push(Span::styled(
                    fit(input.value(), value_w),
                    theme.selected_unfocused(),
                ));
                let x = area.x + (4 + label_w + 1 + input.cursor_width()) as u16;
                cursor_pos = Some(Position::new(x.min(area.right().saturating_sub(1)), y));
            }
            // A path in the value is shortened in the middle: its file name stays.
            _ => match crate::tui::wrap::fit_path_in(&row.value, value_w) {
                Some(v) => spans.push(Span::raw(fit(&v, value_w))),
                None => spans.push(Span::raw(fit(&row.value, value_w))),
            },
        }
        Line::from(spans).render(line_area, buf);
    }
    cursor_pos
}
