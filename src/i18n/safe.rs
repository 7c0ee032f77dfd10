//! Text from users and files on its way to a terminal. Control characters (ESC, BEL, …) could
//! drive the terminal (clear it, retitle it, fake output) and bidirectional-override characters
//! could reorder what is shown; both are made visible as `\u{…}` escapes instead. Line breaks
//! are kept, so multi-line messages (a TOML parser's excerpt) still read as lines.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must never reach a terminal raw, nor be accepted in a free-text field: a control
/// character, or a character that changes the direction or the lines of the text around it.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `s` with every unsafe character except a line break escaped as `\u{1b}`; borrowed when
/// there is nothing to escape. The one function the command line prints user and file text
/// through.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    let unsafe_here = |c: char| c != '\n' && is_unsafe_char(c);
    if !s.chars().any(unsafe_here) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_here(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_direction_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(
            for_terminal("A\u{1b}[2J\u{7}B\u{202e}C\u{9b}"),
            "A\\u{1b}[2J\\u{7}B\\u{202e}C\\u{9b}"
        );
        assert_eq!(for_terminal("好再来\n超市 <One>"), "好再来\n超市 <One>");
        assert!(matches!(for_terminal("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_unsafe_set_covers_controls_and_bidi_overrides_only() {
        for c in [
            '\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{202d}', '\u{2067}', '\u{200f}',
        ] {
            assert!(is_unsafe_char(c), "{c:?}");
        }
        for c in ['a', '张', '·', '\u{3000}', '-', '（'] {
            assert!(!is_unsafe_char(c), "{c:?}");
        }
    }
}
