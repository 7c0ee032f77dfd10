//! Device errors and test rounds in words — the one place every front end (the command line
//! and the wizard) turns them into text: the error's message, then the terminal's result code
//! with its meaning and remedy.

use super::{tr, tr_args, Lang};
use crate::device::{DeviceError, Showing, TerminalCode};
use crate::testloop::{Mode, RuleFailure, Summary, TxnResult};

/// The meaning of a result code, and its remedy when there is one.
pub fn code_words(lang: Lang, code: TerminalCode) -> (String, Option<String>) {
    let meaning = tr_args(lang, &code.message_id(), &[("code", &code.to_string())]);
    (meaning, code.remedy_id().map(|r| tr(lang, &r)))
}

/// The meaning (and remedy, when there is one) of a result code other than success.
pub fn code_text(lang: Lang, code: TerminalCode) -> Option<(String, Option<String>)> {
    (!code.is_success()).then(|| code_words(lang, code))
}

/// What the terminal shows, in words.
pub fn showing_text(lang: Lang, s: Showing) -> String {
    tr_args(lang, &s.message_id(), &[("code", &format!("{:02X}", s.0))])
}

fn append_code(lang: Lang, text: &mut String, code: Option<TerminalCode>) {
    if let Some((meaning, remedy)) = code.and_then(|c| code_text(lang, c)) {
        if !text.contains(&meaning) {
            text.push(' ');
            text.push_str(&meaning);
        }
        if let Some(remedy) = remedy.filter(|r| !text.contains(r.as_str())) {
            text.push_str(" — ");
            text.push_str(&remedy);
        }
    }
}

/// The user-facing text of a device error, with the result code's meaning and remedy — for
/// the command line and the wizard alike.
pub fn error_text(lang: Lang, e: &DeviceError) -> String {
    let mut text = super::tr_message(lang, e.message());
    append_code(lang, &mut text, e.result_code());
    text
}

/// A failed round in words: the error, then the result code's meaning and remedy as `probe`
/// shows them (a success code, e.g. of a payment whose reversal failed, adds nothing).
pub fn round_failure_text(lang: Lang, r: &TxnResult) -> String {
    let id = r.error.as_deref().unwrap_or("loop-failed");
    let mut text = super::tr_owned(lang, id, &r.error_args);
    // Stopped by the user: the terminal's abort code is its answer to posbind's Abort, and its
    // meaning ("present the card in time") would blame the card.
    if id.starts_with("client-error-stopped") {
        return text;
    }
    let code = r
        .result_code
        .as_deref()
        .and_then(|c| u8::from_str_radix(c, 16).ok())
        .map(TerminalCode);
    append_code(lang, &mut text, code);
    text
}

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
            super::tr_owned(lang, id, &args)
        });
    std::iter::once(head).chain(rules).collect()
}

/// The first line of [`summary_lines`] (a test on its own, not judged against a waiver).
pub fn summary_head(lang: Lang, s: &Summary) -> String {
    summary_lines(lang, s, false).swap_remove(0)
}
