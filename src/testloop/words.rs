//! A test's result in words, for the Test screen, `test-loop` and the report alike (the words
//! layer does not know the loop's types: the loop puts its own results into words).

use crate::i18n::{tr, tr_args, tr_owned, Lang};

use super::{Mode, RuleFailure, Summary};

/// A test's result in words — the one text the Test screen and `test-loop` show: what was run
/// (the mode), how many rounds of how many, stopped by the user or not, then each pass rule it
/// did not meet with its figure. `link_only`: a passed connectivity test of a case that still
/// needs a payment test (the wizard's Test step) is not called PASSED.
pub fn summary_lines(lang: Lang, s: &Summary, link_only: bool) -> Vec<String> {
    let mode = tr(
        lang,
        match s.mode {
            Mode::Payment => "test-result-mode-payment",
            Mode::Connectivity => "test-result-mode-connectivity",
        },
    );
    let stopped = s.aborted && !s.pass;
    let id = match s.pass {
        true if link_only && s.mode == Mode::Connectivity => "test-result-link-only",
        true => "test-result-pass",
        false if stopped => "test-result-stopped",
        false => "test-result-fail",
    };
    // Older records carry no planned count: the rounds run stand for it.
    let planned = s.planned.max(s.count);
    let head = tr_args(
        lang,
        id,
        &[
            ("ok", &s.succeeded.to_string()),
            ("count", &s.count.to_string()),
            ("planned", &planned.to_string()),
            ("mode", &mode),
        ],
    );
    let rules = s
        .failed_rules
        .iter()
        // The head line already says a stopped run stopped, and after how many.
        .filter(|r| !(stopped && matches!(r, RuleFailure::Stopped { .. })))
        .map(|r| {
            let (id, args) = r.message();
            tr_owned(lang, id, &args)
        });
    std::iter::once(head).chain(rules).collect()
}

/// The first line of [`summary_lines`] (a test on its own, not judged against a waiver).
pub fn summary_head(lang: Lang, s: &Summary) -> String {
    summary_lines(lang, s, false).swap_remove(0)
}
