//! The one text gate: text from users, files and terminals on its way to a screen, a report or
//! a script. Control characters (ESC, BEL, …) could drive the terminal (clear it, retitle it,
//! fake output), bidirectional-override characters could reorder what is shown, and invisible
//! ones could make two names look alike; all are made visible as `\u{…}` escapes instead (as
//! `\uXXXX` in JSON), and one piece of text is cut at [`MAX_SHOWN`] characters. Line breaks are
//! kept, so multi-line messages (a TOML parser's excerpt) still read as lines. The same
//! characters are refused in what is typed or read into a case ([`is_unsafe_char`]).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must never reach a terminal raw, nor be accepted in a free-text field: a control
/// character, a character that changes the direction or the lines of the text around it, or an
/// invisible one (zero-width spaces and joiners, the soft hyphen, the byte-order mark, fillers
/// that show as blanks, tag characters, deprecated format controls) that would make two names
/// look alike while they differ.
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
        || is_invisible(c)
}

/// Characters that take no room or show as a blank while not being a space: what a name can
/// hide in. (U+3000, the ideographic space, is a real space and is kept.)
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Most characters of one piece of file or device text shown on a terminal: longer text is cut
/// there with a mark saying how much was left out (the fields themselves have smaller limits
/// where they are read; this bounds what slipped past one).
pub const MAX_SHOWN: usize = 2000;

/// `s` with every unsafe character except a line break escaped as `\u{1b}`; borrowed when
/// there is nothing to escape. The one function the command line prints user and file text
/// through.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    let unsafe_here = |c: char| c != '\n' && is_unsafe_char(c);
    let long = s.len() > MAX_SHOWN && s.chars().nth(MAX_SHOWN).is_some();
    if !long && !s.chars().any(unsafe_here) {
        return Cow::Borrowed(s);
    }
    let mut out = escape(&s[..cut_at(s, MAX_SHOWN)]).into_owned();
    if long {
        let _ = write!(out, " [+{} bytes]", s.len() - cut_at(s, MAX_SHOWN));
    }
    Cow::Owned(out)
}

/// `s` with its unsafe characters escaped as [`for_terminal`] does, however long it is: the gate
/// every line a command prints passes (its pieces were cut where they were put in).
pub fn escape(s: &str) -> Cow<'_, str> {
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

/// The byte offset of character `n` of `s` (its length when shorter).
fn cut_at(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// JSON text (as serde writes it: no raw control characters) with every other unsafe character
/// written as a JSON escape (`\u200b`), so a script's output stays valid JSON and a terminal
/// showing it sees no direction change or invisible text.
pub fn for_json(s: &str) -> Cow<'_, str> {
    // Line breaks are pretty-printing's, between values: serde escapes those inside strings.
    let unsafe_here = |c: char| c != '\n' && is_unsafe_char(c);
    if !s.chars().any(unsafe_here) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_here(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
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
    fn invisible_characters_are_unsafe_and_long_text_is_cut() {
        for c in [
            '\u{200b}',
            '\u{feff}',
            '\u{ad}',
            '\u{206a}',
            '\u{e0041}',
            '\u{3164}',
            '\u{2060}',
        ] {
            assert!(is_unsafe_char(c), "{c:?}");
            assert!(!for_terminal(&format!("a{c}b")).contains(c), "{c:?}");
        }
        let long = "名".repeat(5 * MAX_SHOWN);
        let shown = for_terminal(&long);
        assert!(shown.chars().count() < MAX_SHOWN + 30, "{}", shown.len());
        assert!(
            shown.ends_with(&format!("[+{} bytes]", 4 * MAX_SHOWN * 3)),
            "{shown}"
        );
        let json = serde_json::json!({"name": "a\u{200b}b\u{e0041}"}).to_string();
        let safe = for_json(&json);
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "a\u{200b}b\u{e0041}");
        assert!(!safe.contains('\u{200b}'), "{safe}");
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
