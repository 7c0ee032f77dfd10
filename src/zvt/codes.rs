//! Codes a terminal reports: result codes (BMP 27, `06 1E`, `84 xx`), terminal status codes
//! (Status-Enquiry), intermediate status codes (`04 FF`) and device states (TLV 1F43).
//!
//! Each code maps to a message id in the locale files (`zvt-rc-05`, …); a code posbind does not
//! know maps to a generic message that shows the code in hex, so nothing is ever dropped.

use std::fmt;

fn known_id(prefix: &str, code: u8, known: &[u8]) -> String {
    if known.contains(&code) {
        format!("{prefix}-{code:02x}")
    } else {
        format!("{prefix}-unknown")
    }
}

/// A ZVT result code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ResultCode(pub u8);

impl ResultCode {
    /// Success.
    pub const SUCCESS: ResultCode = ResultCode(0x00);
    /// Declined by the host.
    pub const DECLINED: ResultCode = ResultCode(0x05);
    /// Aborted by timeout or the abort key.
    pub const ABORTED: ResultCode = ResultCode(0x6C);
    /// Wrong currency.
    pub const WRONG_CURRENCY: ResultCode = ResultCode(0x6F);
    /// Function not possible.
    pub const NOT_POSSIBLE: ResultCode = ResultCode(0x83);
    /// Unknown command / BMP.
    pub const UNKNOWN: ResultCode = ResultCode(0x83);
    /// ZVT protocol error.
    pub const PROTOCOL_ERROR: ResultCode = ResultCode(0x9A);
    /// Already reversed.
    pub const ALREADY_REVERSED: ResultCode = ResultCode(0xB4);
    /// Reversal not possible.
    pub const REVERSAL_NOT_POSSIBLE: ResultCode = ResultCode(0xB5);
    /// Diagnosis required.
    pub const DIAGNOSIS_REQUIRED: ResultCode = ResultCode(0xC2);
    /// Activation required.
    pub const ACTIVATION_REQUIRED: ResultCode = ResultCode(0xE4);
    /// Open end-of-day batch.
    pub const OPEN_BATCH: ResultCode = ResultCode(0xF0);
    /// System error.
    pub const SYSTEM_ERROR: ResultCode = ResultCode(0xFF);

    const KNOWN: &'static [u8] = &[
        0x00, 0x05, 0x6C, 0x6F, 0x7D, 0x83, 0x9A, 0xA0, 0xA1, 0xA3, 0xB4, 0xB5, 0xC2, 0xC8, 0xE4,
        0xF0, 0xFF,
    ];
    const WITH_REMEDY: &'static [u8] = &[
        0x05, 0x6C, 0x6F, 0x7D, 0x83, 0x9A, 0xA0, 0xA1, 0xA3, 0xB4, 0xB5, 0xC2, 0xC8, 0xE4, 0xF0,
        0xFF,
    ];

    /// Whether this is success.
    pub fn is_success(self) -> bool {
        self.0 == 0
    }

    /// Message id of what the code means (`zvt-rc-05`, or `zvt-rc-unknown` with `$code`).
    pub fn message_id(self) -> String {
        known_id("zvt-rc", self.0, Self::KNOWN)
    }

    /// Message id of what to do about it, when there is advice.
    pub fn remedy_id(self) -> Option<String> {
        Self::WITH_REMEDY
            .contains(&self.0)
            .then(|| format!("zvt-rc-{:02x}-remedy", self.0))
    }
}

impl fmt::Display for ResultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02X}", self.0)
    }
}

/// A terminal status code (Status-Enquiry completion).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TerminalStatus(pub u8);

impl TerminalStatus {
    /// Ready for payments.
    pub const READY: TerminalStatus = TerminalStatus(0x00);
    /// Initialisation required.
    pub const INIT_REQUIRED: TerminalStatus = TerminalStatus(0x51);
    /// Please wait.
    pub const PLEASE_WAIT: TerminalStatus = TerminalStatus(0x9C);
    /// Diagnosis required.
    pub const DIAGNOSIS_REQUIRED: TerminalStatus = TerminalStatus(0xC2);
    /// Activation required.
    pub const ACTIVATION_REQUIRED: TerminalStatus = TerminalStatus(0xE4);
    /// Reconciliation (end-of-day) required.
    pub const RECONCILIATION_REQUIRED: TerminalStatus = TerminalStatus(0xF0);

    const KNOWN: &'static [u8] = &[0x00, 0x51, 0x62, 0x9C, 0xC2, 0xDF, 0xE4, 0xF0];

    /// Whether the terminal is ready.
    pub fn is_ready(self) -> bool {
        self.0 == 0
    }

    /// Message id (`zvt-ts-51`, or `zvt-ts-unknown` with `$code`).
    pub fn message_id(self) -> String {
        known_id("zvt-ts", self.0, Self::KNOWN)
    }
}

impl fmt::Display for TerminalStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02X}", self.0)
    }
}

/// An intermediate status code (`04 FF`): what the terminal shows its user right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IntermediateStatus(pub u8);

impl IntermediateStatus {
    /// Please watch the PIN pad (the cardholder enters the PIN).
    pub const WATCH_PIN_PAD: IntermediateStatus = IntermediateStatus(0x01);
    /// Waiting for a response from the host.
    pub const WAITING_FOR_HOST: IntermediateStatus = IntermediateStatus(0x04);
    /// Insert card.
    pub const INSERT_CARD: IntermediateStatus = IntermediateStatus(0x0A);
    /// Please remove card.
    pub const REMOVE_CARD: IntermediateStatus = IntermediateStatus(0x0B);
    /// Please wait.
    pub const PLEASE_WAIT: IntermediateStatus = IntermediateStatus(0x0E);

    /// Message id (`zvt-is-0a`, or `zvt-is-unknown` with `$code`).
    pub fn message_id(self) -> String {
        let known: Vec<u8> = (0x00..=0x1D).collect();
        known_id("zvt-is", self.0, &known)
    }
}

/// The device state of TLV 1F43.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeviceState(pub u8);

impl DeviceState {
    /// Message id (`zvt-ds-00` … `zvt-ds-03`, or `zvt-ds-unknown`).
    pub fn message_id(self) -> String {
        known_id("zvt-ds", self.0, &[0, 1, 2, 3])
    }
}

/// Every message id the codes can produce (for the locale completeness test).
pub fn all_message_ids() -> Vec<String> {
    let mut ids = vec![];
    for c in 0..=255u8 {
        ids.push(ResultCode(c).message_id());
        ids.extend(ResultCode(c).remedy_id());
        ids.push(TerminalStatus(c).message_id());
        ids.push(IntermediateStatus(c).message_id());
        ids.push(DeviceState(c).message_id());
    }
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{has, tr_args, Lang};

    #[test]
    fn every_code_message_exists_in_both_languages() {
        for id in all_message_ids() {
            for lang in [Lang::En, Lang::ZhCn] {
                assert!(has(lang, &id), "{id} missing in {lang:?}");
            }
        }
    }

    #[test]
    fn unknown_codes_keep_their_value() {
        let rc = ResultCode(0x42);
        assert_eq!(rc.message_id(), "zvt-rc-unknown");
        let text = tr_args(Lang::En, &rc.message_id(), &[("code", &rc.to_string())]);
        assert!(text.contains("42"), "{text}");
    }

    #[test]
    fn known_codes_have_specific_messages() {
        assert_eq!(ResultCode(0x6C).message_id(), "zvt-rc-6c");
        assert_eq!(ResultCode(0xE4).remedy_id().unwrap(), "zvt-rc-e4-remedy");
        assert_eq!(TerminalStatus(0x51).message_id(), "zvt-ts-51");
        assert_eq!(IntermediateStatus(0x0A).message_id(), "zvt-is-0a");
    }
}
