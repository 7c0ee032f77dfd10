//! Device errors and test rounds in words — the one place every front end (the command line
//! and the wizard) turns them into text: the error's message, then the terminal's result code
//! with its meaning and remedy.

use super::{tr, tr_args, Lang};
use crate::device::{DeviceError, FailureWords, Showing, TerminalCode};

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

/// A failure kept after the fact (a failed test round) in words: the error, then the result
/// code's meaning and remedy as `probe` shows them (a success code, e.g. of a payment whose
/// reversal failed, adds nothing).
pub fn failure_text(lang: Lang, f: FailureWords) -> String {
    let id = f.id;
    let mut text = super::tr_owned(lang, id, f.args);
    // Stopped by the user: the terminal's abort code is its answer to posbind's Abort, and its
    // meaning ("present the card in time") would blame the card.
    if id.starts_with("client-error-stopped") {
        return text;
    }
    append_code(lang, &mut text, f.code);
    text
}
