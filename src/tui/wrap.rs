//! Line wrapping that is right for mixed Chinese and English text.
//!
//! Where a line may break comes from the Unicode line-breaking algorithm (UAX #14, the
//! `unicode-linebreak` crate): at spaces, after hyphens, never before closing punctuation or
//! after opening punctuation, never inside a number such as `10/10` or `1114.0`. Two additions:
//!
//! - Chinese has no spaces between words, and UAX #14 allows a break between any two
//!   ideographs, which cuts words (`最` / `大`, `状` / `态`). Such a break, and one between a
//!   letter or digit and an ideograph with no space (`259` / `号`), is *weak*: a line breaks
//!   there only when it has no other opportunity, i.e. when a Chinese run is wider than a line.
//!   Otherwise the run moves to the next line whole, breaking at punctuation or a space.
//! - A path breaks after a separator (`/data/cases/` / `2026…`), not inside a folder's name;
//!   in a table cell, where it cannot wrap, it is shortened in the middle and keeps its file
//!   name (`/home/…/scans/licence.pdf`).
//!
//! A line never exceeds the width (a double-width character never lands in the last single
//! column, which would make terminals wrap on their own); a word wider than a line is cut.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_linebreak::{linebreaks, BreakOpportunity};

fn char_width(c: char) -> usize {
    Span::raw(c.to_string()).width()
}

fn str_width(s: &str) -> usize {
    Span::raw(s).width()
}

/// CJK ideographs and kana: the characters Chinese (and Japanese) words are made of.
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// A character a word is made of, with no space needed next to an ideograph.
fn is_word_char(c: char) -> bool {
    is_ideograph(c) || c.is_alphanumeric()
}

/// Where `para` (no newlines) may break, as byte offsets of the first character of the next
/// line, each with whether it is a strong opportunity (see the module comment).
fn opportunities(para: &str) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = linebreaks(para)
        .filter(|(i, op)| *i < para.len() && *op == BreakOpportunity::Allowed)
        .map(|(i, _)| {
            let before = para[..i].chars().next_back();
            let after = para[i..].chars().next();
            let weak =
                matches!((before, after), (Some(b), Some(a)) if is_word_char(b) && is_word_char(a));
            (i, !weak)
        })
        .collect();
    // After a path's separator, unless it stands between digits (a fraction, `10/10`).
    for (i, c) in para.char_indices() {
        let next = para[i + c.len_utf8()..].chars().next();
        let prev = para[..i].chars().next_back();
        let between_digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        if (c == '/' || c == '\\') && next.is_some_and(|n| n != ' ' && n != c) && !between_digits {
            let at = i + c.len_utf8();
            if !out.iter().any(|(o, _)| *o == at) {
                out.push((at, true));
            }
        }
    }
    // Chinese quotation marks enclose like brackets: a line may break before “ and after ”
    // (UAX #14 leaves quotation marks ambiguous and allows neither), and before a full-width
    // bracket even after a Latin word (`Initialisation` / `（终端…）`).
    for (i, c) in para.char_indices() {
        let at = match c {
            '“' | '‘' | '（' | '《' | '「' | '【' if i > 0 && !para[..i].ends_with(is_opening) => {
                i
            }
            '”' | '’' => i + c.len_utf8(),
            _ => continue,
        };
        let next = para[at..].chars().next();
        if next.is_some_and(|n| n != ' ' && !is_closing(n)) && !out.iter().any(|(o, _)| *o == at) {
            out.push((at, true));
        }
    }
    // A document number's year bracket stays with its issuer: 银发〔2021〕259号.
    out.retain(|(o, _)| {
        let (before, after) = (&para[..*o], &para[*o..]);
        let year_then_number =
            before.ends_with('〕') && after.starts_with(|c: char| c.is_ascii_digit());
        !after.starts_with('〔') && !year_then_number
    });
    out.sort_unstable();
    out
}

/// Punctuation that never starts a line.
fn is_closing(c: char) -> bool {
    "，。、；：）》」】〕”’,.;:)!?%！？".contains(c)
}

/// Punctuation that never ends a line.
fn is_opening(c: char) -> bool {
    "（《「【〔“‘([".contains(c)
}

/// Wraps `text` (which may contain newlines) to `width` display columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = vec![];
    for para in text.split('\n') {
        wrap_paragraph(para, width, &mut lines);
    }
    lines
}

fn wrap_paragraph(para: &str, width: usize, lines: &mut Vec<String>) {
    let ops = opportunities(para);
    let mut start = 0; // byte offset where the current line starts
    loop {
        let rest = &para[start..];
        let rest_trimmed = rest.trim_start_matches(' ');
        start += rest.len() - rest_trimmed.len();
        if str_width(&para[start..]) <= width {
            lines.push(para[start..].trim_end().to_string());
            return;
        }
        // The furthest end that fits, then the best opportunity up to it.
        let mut fit = start;
        let mut w = 0;
        for (i, c) in para[start..].char_indices() {
            let cw = char_width(c);
            if w + cw > width {
                break;
            }
            w += cw;
            fit = start + i + c.len_utf8();
        }
        // Spaces after the last character that fits may end the line too (they are dropped).
        let fit_spaces = fit + para[fit..].len() - para[fit..].trim_start_matches(' ').len();
        let mut candidates = ops.iter().filter(|(o, _)| *o > start && *o <= fit_spaces);
        let strong = candidates
            .clone()
            .filter(|(_, s)| *s)
            .map(|(o, _)| *o)
            .next_back();
        let any = candidates.next_back().map(|(o, _)| *o);
        // A strong break, else a weak one; else the word is wider than the line: cut it.
        let end = strong
            .or(any)
            .unwrap_or(fit.max(start + para[start..].chars().next().map_or(1, char::len_utf8)));
        lines.push(para[start..end].trim_end().to_string());
        start = end;
    }
}

/// `path` in at most `width` columns, shortened in the middle when it is wider: its first
/// folder and as many of its last parts as fit, the file name always (`/home/…/scans/licence.pdf`);
/// a file name wider than that keeps its start and its extension (`licence-sc….pdf`).
pub fn shorten_path(path: &str, width: usize) -> String {
    if str_width(path) <= width {
        return path.to_string();
    }
    let sep = if path.contains('/') { '/' } else { '\\' };
    let parts: Vec<&str> = path.split(sep).collect();
    let name = parts.last().copied().unwrap_or(path);
    let ell = format!("…{sep}");
    if str_width(name) + str_width(&ell) > width {
        return shorten_name(name, width);
    }
    // The path's start up to its first folder ("/home", "C:"), kept when the file name fits
    // beside it; then as many of the last parts as fit.
    let head_end = if parts.first() == Some(&"") { 2 } else { 1 };
    let head = format!(
        "{}{sep}",
        parts[..head_end.min(parts.len() - 1)].join(&sep.to_string())
    );
    let head = if head_end < parts.len() - 1
        && str_width(&head) + str_width(&ell) + str_width(name) <= width
    {
        head
    } else {
        String::new()
    };
    let room = width - str_width(&head) - str_width(&ell);
    let mut tail = name.to_string();
    let mut first_kept = parts.len() - 1;
    while first_kept > head_end.max(1) {
        let longer = format!("{}{sep}{tail}", parts[first_kept - 1]);
        if str_width(&longer) > room {
            break;
        }
        tail = longer;
        first_kept -= 1;
    }
    format!("{head}{ell}{tail}")
}

/// Whether `word` is a file path: absolute (`/…`, `C:\\…`), from home (`~/…`) or relative
/// (`./…`), with a separator after its start.
fn is_path(word: &str) -> bool {
    let mut c = word.chars();
    let starts = match (c.next(), c.next(), c.next()) {
        (Some('/'), Some(_), _) => true,
        (Some('~' | '.'), Some('/' | '\\'), _) => true,
        (Some(d), Some(':'), Some('/' | '\\')) => d.is_ascii_alphabetic(),
        _ => false,
    };
    starts && word.chars().skip(1).any(|c| c == '/' || c == '\\')
}

/// A file name in `width` columns: its start, "…", its extension.
fn shorten_name(name: &str, width: usize) -> String {
    let ext = name.rfind('.').map_or("", |i| &name[i..]);
    let ext = if str_width(ext) + 2 <= width / 2 {
        ext
    } else {
        ""
    };
    let room = width.saturating_sub(str_width(ext) + 1);
    let mut start = String::new();
    for c in name.chars() {
        if str_width(&start) + char_width(c) > room {
            break;
        }
        start.push(c);
    }
    format!("{start}…{ext}")
}

/// `value` in `width` columns for a table cell: when it is wider and holds a path (a word with
/// a separator, as in "/scans/licence.pdf (pdf, 48213 bytes)"), the path is shortened in the
/// middle so that its file name and the rest stay readable; `None` when that cannot help.
pub fn fit_path_in(value: &str, width: usize) -> Option<String> {
    if str_width(value) <= width {
        return None;
    }
    // A path ends at a space or at full-width punctuation ("/scans/a.pdf（pdf，48213 字节）").
    let path = value
        .split([' ', '（', '，', '；', '。'])
        .find(|w| is_path(w))?;
    let room = width.checked_sub(str_width(value) - str_width(path))?;
    (room >= 12).then(|| value.replacen(path, &shorten_path(path, room), 1))
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
    fn chinese_breaks_at_punctuation_or_spaces_not_inside_a_run() {
        let t = "选择商户的收款场景，posbind 会推荐适合的机具类型并列出优缺点。";
        let lines = wrap(t, 61);
        assert!(widths(&lines).iter().all(|w| *w <= 61), "{lines:?}");
        assert_eq!(
            lines,
            [
                "选择商户的收款场景，posbind",
                "会推荐适合的机具类型并列出优缺点。"
            ]
        );
        // A run wider than the line is cut between ideographs, and the full stop never
        // starts a line.
        let lines = wrap("会推荐适合的机具类型并列出优缺点。", 10);
        assert_eq!(lines, ["会推荐适合", "的机具类型", "并列出优缺", "点。"]);
    }

    #[test]
    fn chinese_quotation_marks_enclose_like_brackets() {
        let t = "警惕低价机具中暗藏押金或“激活费”的套路。";
        let lines = wrap(t, 30);
        assert_eq!(lines, ["警惕低价机具中暗藏押金或", "“激活费”的套路。"]);
        let t = "Initialisation（终端从主机获取参数和密钥）→ 参数";
        assert_eq!(wrap(t, 36)[0], "Initialisation");
    }

    #[test]
    fn a_path_is_shortened_in_the_middle_keeping_its_file_name() {
        let p = "/home/installer/merchants/haozailai/scans/business-licence.pdf";
        let s = shorten_path(p, 40);
        assert_eq!(s, "/home/…/scans/business-licence.pdf");
        assert_eq!(
            shorten_path(p, 46),
            "/home/…/haozailai/scans/business-licence.pdf"
        );
        assert_eq!(shorten_path(p, 26), "…/business-licence.pdf");
        assert_eq!(
            shorten_path("C:\\Users\\pos\\scans\\licence.pdf", 22),
            "C:\\…\\scans\\licence.pdf"
        );
        let name = shorten_path("/a/very-long-file-name-of-a-scan.pdf", 16);
        assert!(name.ends_with("….pdf") && str_width(&name) <= 16, "{name}");
        assert_eq!(shorten_path("/short.pdf", 20), "/short.pdf");
        let cell = fit_path_in(&format!("{p} (pdf, 48213 bytes)"), 48).unwrap();
        assert!(
            cell.ends_with("/business-licence.pdf (pdf, 48213 bytes)"),
            "{cell}"
        );
        assert!(str_width(&cell) <= 48, "{cell}");
        let zh = fit_path_in(&format!("{p}（pdf，48213 字节）"), 48).unwrap();
        assert!(
            zh.ends_with("/business-licence.pdf（pdf，48213 字节）"),
            "{zh}"
        );
        assert_eq!(fit_path_in("no path here at all, only words", 10), None);
        assert_eq!(
            fit_path_in("信用代码/身份证 and Ethernet/SIM are not paths", 20),
            None
        );
    }

    #[test]
    fn the_issues_examples_stay_whole() {
        // Issue 27: 最 / 大 1114.0, 测试 10/ / 10, 状 / 态 00。, （回 / 访）, （银发〔 / 2021〕259号）.
        let cases = [
            ("耗时（毫秒）最小 310.2，最大 1114.0", 30, "最大"),
            ("已完成的测试 10/10 笔", 16, "10/10"),
            ("终端报告就绪，状态 00。", 20, "状态"),
            ("登记后由机构电话确认（回访）", 26, "（回访）"),
            (
                "并登记布放地址和地理位置（银发〔2021〕259号）。",
                40,
                "（银发〔2021〕259号）",
            ),
        ];
        for (text, width, whole) in cases {
            let lines = wrap(text, width);
            assert!(
                lines.iter().any(|l| l.contains(whole)),
                "{whole} in {lines:?}"
            );
            assert!(widths(&lines).iter().all(|w| *w <= width), "{lines:?}");
        }
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
        assert_eq!(lines[0], "- 常见激活押金、");
        assert_eq!(lines[1], "流量费套路，");
        assert!(widths(&lines).iter().all(|w| *w <= 20));
    }
}
