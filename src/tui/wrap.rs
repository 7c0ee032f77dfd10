//! Line wrapping that is right for mixed Chinese and English text.
//!
//! ratatui's word wrapper treats a run of CJK characters as one word (so a Chinese sentence jumps
//! to the next line whole) and can place a double-width character in the last single column, which
//! makes terminals wrap on their own. This wrapper breaks between any two CJK characters, at
//! spaces in Latin text, never before closing punctuation, and never exceeds the width.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

fn char_width(c: char) -> usize {
    Span::raw(c.to_string()).width()
}

fn is_closing(c: char) -> bool {
    "，。、；：）！？」》】,.;:)!?%".contains(c)
}

fn is_opening(c: char) -> bool {
    "（《「【(".contains(c)
}

/// Whether a line may break between `prev` and `next`.
fn may_break(prev: char, next: char) -> bool {
    if is_closing(next) || is_opening(prev) {
        return false;
    }
    prev == ' ' || next == ' ' || char_width(next) > 1 || char_width(prev) > 1
}

/// Wraps `text` (which may contain newlines) to `width` display columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = vec![];
    for para in text.split('\n') {
        let mut cur: Vec<char> = vec![];
        let mut cur_w = 0;
        for c in para.chars() {
            let w = char_width(c);
            if cur_w + w > width && !cur.is_empty() {
                let at = match cur.last() {
                    Some(&last) if may_break(last, c) => cur.len(),
                    _ => (1..cur.len())
                        .rev()
                        .find(|&i| may_break(cur[i - 1], cur[i]))
                        .unwrap_or(cur.len()),
                };
                let rest = cur.split_off(at);
                lines.push(cur.iter().collect::<String>().trim_end().to_string());
                cur = rest.into_iter().skip_while(|c| *c == ' ').collect();
                cur_w = cur.iter().map(|c| char_width(*c)).sum();
            }
            if cur.is_empty() && c == ' ' {
                continue;
            }
            cur.push(c);
            cur_w += w;
        }
        lines.push(cur.iter().collect::<String>().trim_end().to_string());
    }
    lines
}

/// [`wrap`] as styled lines.
pub fn wrapped_lines(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    wrap(text, width as usize)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(lines: &[String]) -> Vec<usize> {
        lines
            .iter()
            .map(|l| Line::raw(l.as_str()).width())
            .collect()
    }

    #[test]
    fn chinese_breaks_between_characters_and_never_overflows() {
        let t = "选择商户的收款场景，posbind 会推荐适合的机具类型并列出优缺点。";
        let lines = wrap(t, 61);
        assert!(widths(&lines).iter().all(|w| *w <= 61), "{lines:?}");
        assert_eq!(lines.len(), 2);
        // The full stop never starts a line: it takes the last character with it.
        assert_eq!(lines[1], "点。");
    }

    #[test]
    fn english_breaks_at_spaces() {
        let lines = wrap("one two three four", 9);
        assert_eq!(lines, ["one two", "three", "four"]);
    }

    #[test]
    fn long_words_are_cut_and_newlines_kept() {
        assert_eq!(wrap("abcdefghij\nx", 4), ["abcd", "efgh", "ij", "x"]);
    }

    #[test]
    fn mixed_text_after_a_short_prefix_fills_the_line() {
        let lines = wrap("- 常见激活押金、流量费套路，签约前看清费用", 20);
        assert_eq!(lines[0], "- 常见激活押金、流量");
        assert!(widths(&lines).iter().all(|w| *w <= 20));
    }
}
