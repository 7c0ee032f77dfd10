//! Every user-visible string comes from the locale files: this test reads the UI sources and
//! fails on a string literal that looks like prose (letters that are not a message id), or on
//! any Chinese text outside the locale files.

use std::fs;
use std::path::Path;

/// Literals allowed in UI code: message ids (kebab-case), format strings and punctuation.
fn allowed(lit: &str) -> bool {
    // Unicode escapes are glyphs (check marks), not words.
    let mut unescaped = String::new();
    let mut rest = lit;
    while let Some(i) = rest.find("\\u{") {
        unescaped.push_str(&rest[..i]);
        rest = rest[i..].split_once('}').map(|(_, r)| r).unwrap_or("");
    }
    unescaped.push_str(rest);
    // Message ids built with format! (`hint-m-{}`) count as ids.
    let without_holes = match unescaped.strip_suffix("-{}") {
        Some(prefix) if prefix.chars().any(|c| c.is_ascii_lowercase()) => format!("{prefix}-x"),
        Some(_) => unescaped.clone(),
        None => unescaped.clone(),
    };
    // Placeholders (`{done}`, `{:02X}`) are not words.
    let mut no_placeholders = String::new();
    let mut depth = 0;
    for c in without_holes.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => no_placeholders.push(c),
            _ => {}
        }
    }
    let lit = no_placeholders.as_str();
    // The product's name is not translated; a line break escape is not prose.
    let without_name = lit.replace("posbind", "").replace("\\n", "");
    // A lone letter in brackets is a glyph (`[x] `), not prose.
    let letters = lit.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && lit.chars().count() <= 4 && lit.starts_with('[') {
        return true;
    }
    let is_id = !lit.is_empty()
        && lit.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        });
    let no_letters = !without_name.chars().any(|c| c.is_alphabetic());
    let format_only = lit
        .replace(
            |c: char| {
                c == '{'
                    || c == '}'
                    || c == ':'
                    || c.is_ascii_digit()
                    || c == '>'
                    || c == '<'
                    || c == ' '
            },
            "",
        )
        .is_empty();
    let date_format = lit.starts_with('%');
    is_id || no_letters || format_only || date_format
}

fn string_literals(src: &str) -> Vec<(usize, String)> {
    let mut out = vec![];
    for (n, line) in src.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            out.push((n + 1, after[..end].to_string()));
            rest = &after[end + 1..];
        }
    }
    out
}

fn check_dir(dir: &Path, bad: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            check_dir(&path, bad);
            continue;
        }
        let src = fs::read_to_string(&path).unwrap();
        // Unit tests may spell out expected text: at the end of a file, or in a file of their
        // own, one that says so before its first item (after its module comment).
        let test_only = src
            .lines()
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
            .is_some_and(|l| l.trim() == "#![cfg(test)]");
        if test_only {
            continue;
        }
        let src = src.split("#[cfg(test)]").next().unwrap_or("");
        for (line, lit) in string_literals(src) {
            if !allowed(&lit) {
                bad.push(format!("{}:{line}: {lit:?}", path.display()));
            }
        }
    }
}

#[test]
fn ui_code_has_no_hard_coded_text() {
    let mut bad = vec![];
    check_dir(Path::new("src/tui"), &mut bad);
    assert!(bad.is_empty(), "hard-coded UI text:\n{}", bad.join("\n"));
}

#[test]
fn no_chinese_text_in_ui_code() {
    let mut bad = vec![];
    fn walk(dir: &Path, bad: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, bad);
            } else {
                let src = fs::read_to_string(&path).unwrap();
                let src = src.split("#[cfg(test)]").next().unwrap_or("");
                for (n, l) in src.lines().enumerate() {
                    let code = l.split("//").next().unwrap_or("");
                    if code.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                        bad.push(format!("{}:{}", path.display(), n + 1));
                    }
                }
            }
        }
    }
    // UI code only: domain parsers legitimately accept Chinese input words (长期, 是).
    walk(Path::new("src/tui"), &mut bad);
    walk(Path::new("src/cli"), &mut bad);
    // The one exception: accepting "是" (yes) at a delete confirmation prompt.
    bad.retain(|b| !b.starts_with("src/cli/cases.rs"));
    assert!(bad.is_empty(), "Chinese text in code:\n{}", bad.join("\n"));
}

#[test]
fn the_checker_catches_prose() {
    assert!(!allowed("Materials"));
    assert!(!allowed("材料"));
    assert!(allowed("step-case-title"));
    assert!(allowed("{}{:>2} {}"));
    assert!(allowed(" | "));
    assert!(allowed("%Y-%m-%d %H:%M"));
    assert!(allowed("(\\u{2713}) "));
    assert!(!allowed("\\u{2713} Done"));
}
