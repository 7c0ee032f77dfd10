//! One file per wizard step: its screen state, its key handling and its drawing.

pub mod activation;
pub mod application;
pub mod binding;
pub mod case;
pub mod contract;
pub mod device;
pub mod form;
pub mod golive;
pub mod institution;
pub mod materials;
pub mod pos_type;
pub mod review;
pub mod test;
pub mod training;

use ratatui::text::Line;

use super::text_input::unicode_width;

/// Pads or cuts `s` to exactly `width` display columns (CJK-aware).
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = Line::raw(c.to_string()).width();
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width.saturating_sub(unicode_width(&out))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("超市", 5), "超市 ");
        assert_eq!(fit("超市好", 5), "超市 ");
    }
}
