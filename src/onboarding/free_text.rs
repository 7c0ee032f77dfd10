//! The one rule for free text (names, addresses, the bank name, a serial number's label),
//! whether typed in the wizard or read from an answers file: not longer than the field's limit,
//! and no control or direction-override characters — they could drive the terminal the text is
//! shown on later, or make a name read differently from what is stored.

use crate::i18n::safe::is_unsafe_char;

/// Longest merchant, holder or representative name (characters).
pub const MAX_NAME: usize = 100;
/// Longest address (characters).
pub const MAX_ADDRESS: usize = 200;
/// Longest bank name (characters).
pub const MAX_BANK_NAME: usize = 60;
/// Longest serial number as written on a label (characters).
pub const MAX_SERIAL_LABEL: usize = 40;

/// Why a free-text value is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// More characters than the field allows.
    TooLong {
        /// The limit.
        max: usize,
    },
    /// A control character (ESC, BEL, a line break…) or a direction override (U+202E…).
    UnsafeCharacter,
}

impl TextProblem {
    /// The message id and arguments for showing this problem.
    pub fn message(self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            TextProblem::TooLong { max } => ("text-too-long", vec![("max", max.to_string())]),
            TextProblem::UnsafeCharacter => ("text-unsafe-character", vec![]),
        }
    }
}

/// Checks a free-text value (as trimmed) against the limit `max` in characters. Counting stops
/// at the limit, so a 10 MB value costs no more than a short one.
pub fn check(value: &str, max: usize) -> Result<(), TextProblem> {
    let t = value.trim();
    let mut n = 0;
    for c in t.chars() {
        if is_unsafe_char(c) {
            return Err(TextProblem::UnsafeCharacter);
        }
        n += 1;
        if n > max {
            return Err(TextProblem::TooLong { max });
        }
    }
    Ok(())
}

/// Whether the wizard's text fields take `c` when typed or pasted.
pub fn typable(c: char) -> bool {
    !is_unsafe_char(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_not_bytes() {
        assert_eq!(check(&"张".repeat(100), MAX_NAME), Ok(()));
        assert_eq!(
            check(&"张".repeat(101), MAX_NAME),
            Err(TextProblem::TooLong { max: MAX_NAME })
        );
        assert_eq!(check("  padded  ", 6), Ok(()));
    }

    #[test]
    fn control_and_direction_characters_are_refused() {
        for bad in [
            "Mart\u{1b}[2J",
            "Ring\u{7}",
            "abc\u{202e}def",
            "two\nlines",
            "\u{2066}x",
        ] {
            assert_eq!(
                check(bad, MAX_NAME),
                Err(TextProblem::UnsafeCharacter),
                "{bad:?}"
            );
        }
        assert_eq!(check("好再来超市（南山店）· No. 1", MAX_NAME), Ok(()));
    }
}
