//! Checks over a rendered screen buffer that the snapshot tests run on every screen: no word
//! split at a line's end, and (at wide sizes) no pane left mostly empty.

use ratatui::buffer::Buffer;

/// A row of the buffer as its characters with their columns (a wide character once).
fn cells(buf: &Buffer, y: u16) -> Vec<(u16, char)> {
    let mut out = vec![];
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        let w = ratatui::text::Span::raw(sym).width().max(1) as u16;
        out.push((x, sym.chars().next().unwrap_or(' ')));
        x += w;
    }
    out
}

/// The runs of text in a row: cells separated by two or more blank columns (panes and table
/// cells are laid out that way), as (first column, end column exclusive, characters).
fn runs(row: &[(u16, char)]) -> Vec<(u16, u16, Vec<char>)> {
    let mut out: Vec<(u16, u16, Vec<char>)> = vec![];
    let mut blanks = 2;
    for &(x, c) in row {
        if c == ' ' {
            blanks += 1;
            continue;
        }
        let w = ratatui::text::Span::raw(c.to_string()).width().max(1) as u16;
        match out.last_mut() {
            Some(run) if blanks < 2 => {
                run.2.extend(std::iter::repeat_n(' ', blanks));
                run.2.push(c);
                run.1 = x + w;
            }
            _ => out.push((x, x + w, vec![c])),
        }
        blanks = 0;
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Where a wrapped line ends inside a word: row y's run fills its pane (the next row's first
/// character would not have fitted after it, the pane's edge being the screen's or two columns
/// before the next run on the row), the next row goes on at the same column, and the two
/// characters either side of the break belong together:
/// - both are CJK ideographs, and the Chinese run they are in would fit on one line (Chinese
///   has no spaces between words: a break inside a run cuts a word such as 最大 or 状态);
/// - an opening bracket ends the row, or closing punctuation or a document number's 〔 starts
///   the next (（回 / 访）, 银发 / 〔2021〕, 〔2021〕 / 259号);
/// - a number goes on (10/ / 10, 1114. / 0, 20 / 21);
/// - a path (a row's last word has a '/', a letter and no Chinese) goes on with more of it, not
///   right after one of its separators (…/cases/20 / 26…).
///
/// Runs narrower than 8 columns (marks, table cells) are not wrapped text and are left out.
pub fn word_splits(buf: &Buffer) -> Vec<String> {
    let mut out = vec![];
    let width = buf.area.width;
    for y in 0..buf.area.height.saturating_sub(1) {
        let row = runs(&cells(buf, y));
        let next = runs(&cells(buf, y + 1));
        for (i, (start, end, chars)) in row.iter().enumerate() {
            let edge = row.get(i + 1).map_or(width, |r| r.0 - 2);
            let Some((_, _, cont)) = next.iter().find(|r| r.0 == *start) else {
                continue;
            };
            let (Some(&l), Some(&f)) = (chars.last(), cont.first()) else {
                continue;
            };
            let fw = ratatui::text::Span::raw(f.to_string()).width() as u16;
            if end + fw <= edge || end - start < 8 {
                continue; // room for the next character (the line ended by choice), or a mark
            }
            let tail: String = chars
                .iter()
                .rev()
                .take_while(|c| **c != ' ')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let head: String = cont.iter().take_while(|c| **c != ' ').collect();
            let han_run = |s: &str, rev: bool| -> u16 {
                let it: Vec<char> = if rev {
                    s.chars().rev().collect()
                } else {
                    s.chars().collect()
                };
                2 * it.iter().take_while(|c| is_cjk(**c)).count() as u16
            };
            let digit_before_l = chars.len() >= 2 && chars[chars.len() - 2].is_ascii_digit();
            let why = if is_cjk(l)
                && is_cjk(f)
                && han_run(&tail, true) + han_run(&head, false) <= edge - start
            {
                "a Chinese word cut"
            } else if "（《「【〔([{“‘".contains(l)
                || f == '〔'
                || (l == '〕' && f.is_ascii_digit())
                || "，。、；：）》」】〕,.;:)!?%！？”’".contains(f)
            {
                "punctuation parted from its word"
            } else if (l.is_ascii_digit() || (".:/,".contains(l) && digit_before_l))
                && f.is_ascii_digit()
            {
                "a number cut"
            } else if tail.contains('/')
                && tail.chars().any(|c| c.is_ascii_alphabetic())
                && !tail.chars().any(is_cjk)
                && !" /…".contains(l)
                && (f.is_ascii_alphanumeric() || "-_.".contains(f))
            {
                "a path cut inside a name"
            } else {
                continue;
            };
            out.push(format!("{why} at row {y}: {tail:?} / {head:?}"));
        }
    }
    out
}

/// The fill rule for a wide screen: the area beside the step rail (between the header and the
/// key bar, from column `rail` on) has text on at least half of its rows, and its right third
/// (where a side pane goes) on at least a third of them, so a wide window is not left mostly
/// empty. Returns what falls short.
pub fn fill_shortfall(buf: &Buffer, rail: u16) -> Option<String> {
    let (w, h) = (buf.area.width, buf.area.height);
    let body = 1..h.saturating_sub(1);
    let rows = body.len();
    let right_from = rail + (w - rail) * 2 / 3;
    let mut with_text = 0;
    let mut right_text = 0;
    for y in body {
        let cells = cells(buf, y);
        let text_at = |from: u16| cells.iter().any(|(x, c)| *x >= from && *c != ' ');
        with_text += usize::from(text_at(rail));
        right_text += usize::from(text_at(right_from));
    }
    (with_text * 2 < rows || right_text * 3 < rows).then(|| {
        format!(
            "{w}x{h}: text on {with_text} of {rows} rows, on {right_text} right of column {right_from}"
        )
    })
}
