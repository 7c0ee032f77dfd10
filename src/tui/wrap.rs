//! Line wrapping that is right for mixed Chinese and English text.
//!
//! ratatui's word wrapper treats a run of CJK characters as one word (so a Chinese sentence jumps
//! to the next line whole) and can place a double-width character in the last single column, which
//! makes terminals wrap on their own. This wrapper breaks between any two CJK characters, at
//! spaces in Latin text, never before closing punctuation, and never exceeds the width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

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
    // After a '/' too: a long path breaks between its folders, not inside a name.
    prev == ' ' || prev == '/' || next == ' ' || char_width(next) > 1 || char_width(prev) > 1
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

/// Packs `items` into lines of at most `width` columns, `sep` between items on a line, never
/// breaking inside an item (a mark like "[ ]" stays with its label) unless the item alone is
/// wider than the line — then it is wrapped on its own.
pub fn wrap_items(items: &[String], sep: &str, width: usize) -> Vec<String> {
    let w = |s: &str| Span::raw(s).width();
    let mut lines: Vec<String> = vec![];
    let mut cur = String::new();
    for item in items {
        if !cur.is_empty() && w(&cur) + w(sep) + w(item) <= width {
            cur.push_str(sep);
            cur.push_str(item);
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if w(item) <= width {
            cur = item.clone();
        } else {
            let mut parts = wrap(item, width);
            cur = parts.pop().unwrap_or_default();
            lines.extend(parts);
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Draws `lines` into `area`; when they do not all fit, the last row shown ends in "…" so a
/// text is never cut off without a sign (a line wider than the area, too).
pub fn render_lines<'a>(mut lines: Vec<Line<'a>>, area: Rect, buf: &mut Buffer) {
    let (w, h) = (area.width as usize, area.height as usize);
    if h == 0 || w == 0 {
        return;
    }
    let more_rows = lines.len() > h;
    lines.truncate(h);
    for (i, line) in lines.iter_mut().enumerate() {
        let wider = line.width() > w;
        if wider || (more_rows && i + 1 == h) {
            let style = line.spans.last().map_or(line.style, |s| s.style);
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let text = if wider {
                crate::tui::steps::fit_ellipsis(&text, w)
            } else {
                // Room for the "…" after the row's text.
                let mut t = crate::tui::steps::fit_ellipsis(&text, w.saturating_sub(1));
                if !t.ends_with('…') {
                    t.push('…');
                }
                t
            };
            *line = Line::styled(text, style);
        }
    }
    Paragraph::new(lines).render(area, buf);
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
    fn a_long_path_breaks_after_a_slash() {
        let lines = wrap(
            "Report: /data/cases/20261126-080000-00aa/report/activation.html",
            40,
        );
        assert_eq!(
            lines,
            [
                "Report: /data/cases/",
                "20261126-080000-00aa/report/",
                "activation.html"
            ]
        );
    }

    #[test]
    fn items_stay_whole() {
        let items: Vec<String> = [
            "[ ] 识别终端",
            "[ ] 写入终端号",
            "[ ] 参数及密钥下载",
            "[ ] 就绪",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let lines = wrap_items(&items, "   ", 32);
        assert_eq!(lines[0], "[ ] 识别终端   [ ] 写入终端号");
        assert!(lines
            .iter()
            .all(|l| !l.ends_with("[ ]") && !l.starts_with("就绪")));
        assert!(lines.iter().any(|l| l.contains("[ ] 就绪")), "{lines:?}");
        assert!(widths(&lines).iter().all(|w| *w <= 32));
    }

    #[test]
    fn mixed_text_after_a_short_prefix_fills_the_line() {
        let lines = wrap("- 常见激活押金、流量费套路，签约前看清费用", 20);
        assert_eq!(lines[0], "- 常见激活押金、流量");
        assert!(widths(&lines).iter().all(|w| *w <= 20));
    }
}
