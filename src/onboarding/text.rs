//! Bilingual text carried by data files (catalogs, checklists, POS types), and the one name
//! comparison every same-name rule uses.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// A text in both UI languages, as data files carry it: `{ zh-CN = "…", en = "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Text {
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A name as a same-name rule compares it: full-width forms (`（`, `Ａ`, `１`) as their
/// half-width ones, the ideographic and every other space dropped, Latin letters in upper case.
/// “好再来超市（深圳）有限公司” and “好再来超市(深圳)有限公司” are one name: a bank and a licence
/// print the same name in either form.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            // Full-width ASCII variants (U+FF01–U+FF5E) are ASCII shifted by 0xFEE0.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' => '[',
            '】' => ']',
            '·' | '・' | '•' => '·',
            c => c,
        })
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether two names are the same name ([`name_key`]); a blank name equals nothing.
pub fn same_name(a: &str, b: &str) -> bool {
    let a = name_key(a);
    !a.is_empty() && a == name_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_and_half_width_forms_and_spaces_are_one_name() {
        assert!(same_name(
            "好再来超市（深圳）有限公司",
            "好再来超市(深圳)有限公司"
        ));
        assert!(same_name(
            "好再来超市 (深圳) 有限公司",
            "好再来超市（深圳）有限公司"
        ));
        assert!(same_name("ＡＢＣ１２３\u{3000}贸易", "abc123贸易"));
        assert!(same_name("约翰·史密斯", "约翰・史密斯"));
        assert!(!same_name(
            "好再来超市（深圳）有限公司",
            "好再来超市（广州）有限公司"
        ));
        assert!(!same_name("  ", "  "));
    }
}
