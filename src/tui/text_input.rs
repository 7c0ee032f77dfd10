//! A one-line text field: a value and a cursor, edited by key events.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Longest value a field holds (characters); typing beyond it is ignored.
pub const MAX_LEN: usize = 200;

/// A single-line text field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl TextInput {
    /// A field holding `value`, cursor at the end.
    pub fn with_value(value: &str) -> TextInput {
        TextInput {
            value: value.to_string(),
            cursor: value.chars().count(),
        }
    }

    /// The text.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Cursor position in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The display width of the text before the cursor (for placing the terminal cursor).
    pub fn cursor_width(&self) -> usize {
        let before: String = self.value.chars().take(self.cursor).collect();
        unicode_width(&before)
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_idx)
            .map(|(i, _)| i)
            .unwrap_or(self.value.len())
    }

    /// Applies an editing key; returns whether the key was an editing key.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        // Ctrl-U clears the field, as in a shell.
        if key.modifiers == KeyModifiers::CONTROL && key.code == KeyCode::Char('u') {
            self.value.clear();
            self.cursor = 0;
            return true;
        }
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        let len = self.value.chars().count();
        match key.code {
            // The free-text rule: control and direction-override characters are never taken.
            KeyCode::Char(c) if crate::onboarding::free_text::typable(c) => {
                if len < MAX_LEN {
                    let at = self.byte_at(self.cursor);
                    self.value.insert(at, c);
                    self.cursor += 1;
                }
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }
}

/// Display width of `s` as ratatui measures it.
pub fn unicode_width(s: &str) -> usize {
    ratatui::text::Line::raw(s).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_and_editing_in_the_middle_of_cjk_text() {
        let mut t = TextInput::default();
        for c in "好来超市".chars() {
            t.handle_key(&k(KeyCode::Char(c)));
        }
        t.handle_key(&k(KeyCode::Left));
        t.handle_key(&k(KeyCode::Left));
        t.handle_key(&k(KeyCode::Left));
        t.handle_key(&k(KeyCode::Char('再')));
        assert_eq!(t.value(), "好再来超市");
        assert_eq!(t.cursor_width(), 4);
        t.handle_key(&k(KeyCode::Backspace));
        t.handle_key(&k(KeyCode::End));
        t.handle_key(&k(KeyCode::Delete));
        assert_eq!(t.value(), "好来超市");
    }

    #[test]
    fn control_and_direction_override_characters_are_not_taken() {
        let mut t = TextInput::default();
        for c in "Mart\u{1b}\u{7}\u{202e}\u{2066}!".chars() {
            t.handle_key(&k(KeyCode::Char(c)));
        }
        assert_eq!(t.value(), "Mart!");
    }

    #[test]
    fn ctrl_u_clears_the_field() {
        let mut t = TextInput::with_value("9999-9999");
        assert!(t.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        assert_eq!((t.value(), t.cursor()), ("", 0));
    }

    #[test]
    fn backspace_at_start_and_overlong_input_are_harmless() {
        let mut t = TextInput::default();
        t.handle_key(&k(KeyCode::Backspace));
        for _ in 0..MAX_LEN + 10 {
            t.handle_key(&k(KeyCode::Char('x')));
        }
        assert_eq!(t.value().len(), MAX_LEN);
    }
}
