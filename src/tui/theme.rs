//! Colours and glyphs. Two switches: `color` (off → modifiers only: bold, reversed, underline)
//! and `ascii` (ASCII markers only, for bare consoles). Chrome never uses East-Asian-ambiguous
//! glyphs (box drawing, arrows, bullets), so CJK terminals that draw those wide stay aligned.

use ratatui::style::{Color, Modifier, Style};

/// The look of the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Use colours.
    pub color: bool,
    /// ASCII glyphs only.
    pub ascii: bool,
}

/// How a step stands, as the rail shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepMark {
    /// Complete.
    Done,
    /// Being shown.
    Current,
    /// Was reached before but is no longer complete.
    Attention,
    /// Was done, but what it was based on changed since: it needs attention.
    Changed,
    /// Not reached yet.
    NotYet,
}

impl Theme {
    /// The default: colours and Unicode marks.
    pub fn new(color: bool, ascii: bool) -> Theme {
        Theme { color, ascii }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color {
            colored
        } else {
            plain
        }
    }

    /// The header bar.
    pub fn header(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Cyan),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// A step title.
    pub fn title(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// A section heading inside a step.
    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The highlighted row of a focused list.
    pub fn selected(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Yellow),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// The highlighted row of a list without focus.
    pub fn selected_unfocused(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }

    /// Secondary text.
    pub fn muted(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    /// Good news.
    pub fn ok(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Green),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Needs a look.
    pub fn warn(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Something failed.
    pub fn error(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }

    /// The key names in the hint bar.
    pub fn key(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Gray),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// Style of a rail entry.
    pub fn mark_style(&self, mark: StepMark) -> Style {
        match mark {
            StepMark::Done => self.ok(),
            StepMark::Current => self.selected().add_modifier(Modifier::BOLD),
            StepMark::Attention | StepMark::Changed => self.warn(),
            StepMark::NotYet => self.muted(),
        }
    }

    /// The two-column marker in front of a rail entry.
    pub fn mark_symbol(&self, mark: StepMark) -> &'static str {
        match (mark, self.ascii) {
            (StepMark::Done, false) => "\u{2713} ",
            (StepMark::Done, true) => "+ ",
            (StepMark::Current, false) => "\u{203a} ",
            (StepMark::Current, true) => "> ",
            (StepMark::Attention, _) => "! ",
            // U+21BB is one column wide in CJK terminals too (not East Asian Ambiguous).
            (StepMark::Changed, false) => "\u{21bb} ",
            (StepMark::Changed, true) => "~ ",
            (StepMark::NotYet, _) => "  ",
        }
    }

    /// Marker of the chosen entry in a list.
    pub fn chosen_symbol(&self) -> &'static str {
        if self.ascii {
            "(*) "
        } else {
            "(\u{2713}) "
        }
    }

    /// Marker of an entry not chosen.
    pub fn unchosen_symbol(&self) -> &'static str {
        "( ) "
    }

    /// Separator in the header.
    pub fn separator(&self) -> &'static str {
        " | "
    }
}
