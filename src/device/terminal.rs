//! The protocol-neutral face of a payment terminal: the [`PaymentTerminal`] trait the test loop
//! and the activation sequence are written against, and the identity, status, payment and
//! error types it speaks in. None of them names a protocol; the ZVT
//! [`Client`](super::client::Client) is one implementation (`device::zvt_terminal`).

use std::fmt;
use std::time::Duration;

use crate::zvt::codes::{IntermediateStatus, ResultCode};

/// Money, currencies, Terminal IDs and passwords are plain validated values, not protocol
/// messages: the device layer's API takes them as they are.
pub use crate::zvt::messages::{Amount, Currency, Password, Tid};

/// Why a command to the terminal failed, as a caller keeps it once the [`DeviceError`] is gone
/// (the test loop keeps one per round): the message id with its arguments, and the terminal's
/// result code when it answered with one. In words: `crate::i18n::device::failure_text`.
#[derive(Debug, Clone, Copy)]
pub struct FailureWords<'a> {
    /// Message id of the error.
    pub id: &'a str,
    /// Its arguments.
    pub args: &'a [(&'static str, String)],
    /// The terminal's result code, when it gave one.
    pub code: Option<TerminalCode>,
}

/// A result code the terminal answered with. Its meaning and remedy in words:
/// `crate::i18n::device::code_text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TerminalCode(pub u8);

impl TerminalCode {
    /// The payment is reversed already.
    pub const ALREADY_REVERSED: TerminalCode = TerminalCode(ResultCode::ALREADY_REVERSED.0);
    /// The terminal refuses to reverse the payment.
    pub const REVERSAL_NOT_POSSIBLE: TerminalCode =
        TerminalCode(ResultCode::REVERSAL_NOT_POSSIBLE.0);
    /// The function is not possible (e.g. no such receipt, nothing to repeat).
    pub const NOT_POSSIBLE: TerminalCode = TerminalCode(ResultCode::NOT_POSSIBLE.0);
    /// Payments are stored: End-of-Day first.
    pub const OPEN_BATCH: TerminalCode = TerminalCode(ResultCode::OPEN_BATCH.0);

    /// Whether the code says the command succeeded.
    pub fn is_success(self) -> bool {
        ResultCode(self.0).is_success()
    }

    /// Message id of its meaning (argument `code`).
    pub fn message_id(self) -> String {
        ResultCode(self.0).message_id()
    }

    /// Message id of what to do about it, when there is something to do.
    pub fn remedy_id(self) -> Option<String> {
        ResultCode(self.0).remedy_id()
    }
}

impl fmt::Display for TerminalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02X}", self.0)
    }
}

/// What the terminal shows while it works (e.g. "insert card"). In words:
/// `crate::i18n::device::showing_text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Showing(pub u8);

impl Showing {
    /// Whether the terminal is waiting for the cardholder (amount confirmation, PIN entry,
    /// insert or remove the card, incorrect PIN): time that is the cardholder's, not the
    /// terminal's or the host's.
    pub fn waits_for_cardholder(self) -> bool {
        matches!(self.0, 0x00 | 0x01 | 0x02 | 0x0A | 0x0B | 0x0C | 0x15)
    }

    /// Message id of what it says (argument `code`).
    pub fn message_id(self) -> String {
        IntermediateStatus(self.0).message_id()
    }
}

/// Protocol tests compare what the loop reports with ZVT's named statuses.
impl PartialEq<IntermediateStatus> for Showing {
    fn eq(&self, other: &IntermediateStatus) -> bool {
        self.0 == other.0
    }
}

/// The terminal's identity as it reports it; a field it did not report is empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TerminalIdentity {
    /// Serial number (hex).
    pub serial: String,
    /// Device name.
    pub name: String,
    /// Software version.
    pub version: String,
    /// Terminal ID.
    pub tid: String,
    /// Terminal status code (hex; `00` is ready).
    pub status: String,
}

/// A sub-step of the activation sequence, as the device layer runs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivationStep {
    /// Set Terminal-ID (End-of-Day first when payments are stored).
    SetTid,
    /// Initialisation.
    Initialise,
    /// Diagnosis.
    Diagnose,
    /// Status-Enquiry until ready.
    Ready,
}

impl ActivationStep {
    /// The sequence in order.
    pub const SEQUENCE: [ActivationStep; 4] = [
        ActivationStep::SetTid,
        ActivationStep::Initialise,
        ActivationStep::Diagnose,
        ActivationStep::Ready,
    ];
}

/// How long each phase of a command took (monotonic clock).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PhaseTimes {
    /// Command sent → accepted.
    pub to_ack: Option<Duration>,
    /// Command sent → first status message.
    pub to_first_status: Option<Duration>,
    /// Command sent → completion.
    pub to_completion: Option<Duration>,
}

/// What the terminal said about a payment (or a reversal): all optional, as terminals differ.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentData {
    /// Result code.
    pub result: Option<TerminalCode>,
    /// Amount in minor units.
    pub amount_minor: Option<u64>,
    /// Trace number.
    pub trace: Option<u32>,
    /// Receipt number.
    pub receipt: Option<u16>,
    /// Trace number of the original payment (a reversal's).
    pub original_trace: Option<u32>,
    /// Terminal ID.
    pub tid: Option<String>,
    /// Some of the terminal's message could not be read (a field of unknown length ended the
    /// reading, a container was dropped, or a status information was refused as unreadable):
    /// a field that is `None` here may have been sent. "Unreadable" is not "nothing".
    pub unread: bool,
}

/// What happens while a command runs, as it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TerminalEvent {
    /// The terminal accepted the command.
    Accepted,
    /// The terminal shows a status.
    Showing(Showing),
    /// The terminal reported a payment's data; seen before the terminal is told it arrived,
    /// so that a record of it can be written first.
    PaymentData(PaymentData),
    /// The terminal reported a payment's data that could not be read.
    UnreadablePaymentData,
}

/// Which wait ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// The terminal did not accept the command in time.
    Accept,
    /// The terminal did not complete the command in time.
    Completion,
    /// The command's overall limit passed.
    Limit,
}

/// Why the device layer could not do what it was asked: one type for every front end,
/// `Clone` so that it can cross the wizard's worker channel. In words:
/// [`DeviceError::message`] and `crate::i18n::device::error_text`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceError {
    /// A wait ran out.
    #[error("timeout {0:?}")]
    Timeout(Wait),
    /// The line kept failing to deliver a message (the terminal answered with NAKs).
    #[error("transmission failed after {attempts} NAKs")]
    Nak {
        /// Attempts made.
        attempts: u8,
    },
    /// The line kept failing to deliver a message (no answer at all).
    #[error("transmission failed: no acknowledgement after {attempts} attempts")]
    NoAck {
        /// Attempts made.
        attempts: u8,
    },
    /// The terminal refused the command.
    #[error("command refused with code {0}")]
    Rejected(TerminalCode),
    /// The terminal aborted the command.
    #[error("aborted with code {code:?}")]
    Aborted {
        /// Result code; `None` when the terminal sent none.
        code: Option<TerminalCode>,
        /// The terminal's own error text, if sent.
        text: Option<String>,
    },
    /// The terminal or the line went away.
    #[error("disconnected")]
    Disconnected,
    /// Another I/O failure.
    #[error("i/o error: {0}")]
    Io(String),
    /// The terminal's answer could not be understood.
    #[error("unexpected answer: {0}")]
    Protocol(String),
    /// The terminal did not become ready (its status code, hex).
    #[error("terminal not ready: status {0}")]
    NotReady(String),
    /// The port could not be opened.
    #[error(transparent)]
    Open(#[from] super::OpenError),
    /// The port name is not one posbind understands.
    #[error("{0}: not a port")]
    BadPort(String),
    /// The built-in simulator could not be started.
    #[error("the simulator did not start: {0}")]
    SimStart(String),
    /// No terminal is connected.
    #[error("not connected")]
    NotConnected,
    /// The session with the terminal may not go on (another process holds the terminal, or
    /// the record of open test payments cannot be read): a message id and its arguments.
    #[error("{id}")]
    Refused {
        /// Message id.
        id: &'static str,
        /// Its arguments.
        args: Vec<(&'static str, String)>,
    },
    /// The caller stopped the command: posbind sent Abort to the terminal.
    #[error("stopped (abort sent); terminal confirmed: {confirmed}, code {code:?}")]
    Stopped {
        /// The terminal ended the command with its own abort; false when it did not within
        /// the time allowed, so whether a payment was booked is not known.
        confirmed: bool,
        /// The terminal's result code for that abort, if it sent one.
        code: Option<TerminalCode>,
    },
    /// posbind refused a message of the terminal it could not read, and the command then
    /// failed: which message (its kind and size). The terminal ends a command whose message
    /// was refused; the cause is the message, not the card or the cardholder.
    #[error("the terminal's message could not be read: {0}")]
    Unreadable(String),
    /// The driver process behind a `driver:` port failed: which driver and what it did.
    #[error("driver {}: {:?}", .0.driver, .0.what)]
    Driver(super::driver::DriverFault),
}

impl DeviceError {
    /// Message id and arguments for the user — the one place device errors become messages.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            DeviceError::Timeout(Wait::Accept) => ("client-error-t3", vec![]),
            DeviceError::Timeout(Wait::Completion) => ("client-error-t4", vec![]),
            DeviceError::Timeout(Wait::Limit) => ("client-error-limit", vec![]),
            DeviceError::Nak { attempts } => {
                ("client-error-nak", vec![("attempts", attempts.to_string())])
            }
            DeviceError::NoAck { attempts } => (
                "client-error-no-ack",
                vec![("attempts", attempts.to_string())],
            ),
            DeviceError::Rejected(code) => {
                ("client-error-rejected", vec![("code", code.to_string())])
            }
            DeviceError::Aborted { code: None, text } => {
                ("client-error-aborted-no-code", vec![("text", spaced(text))])
            }
            DeviceError::Aborted {
                code: Some(code),
                text,
            } => (
                "client-error-aborted",
                vec![("code", code.to_string()), ("text", spaced(text))],
            ),
            DeviceError::Disconnected => ("client-error-disconnected", vec![]),
            DeviceError::Io(e) => ("client-error-io", vec![("error", e.clone())]),
            DeviceError::Protocol(what) => ("client-error-protocol", vec![("what", what.clone())]),
            DeviceError::NotReady(s) => ("client-error-not-ready", vec![("code", s.clone())]),
            DeviceError::Open(e) => e.message(),
            DeviceError::BadPort(p) => ("error-bad-port", vec![("port", p.clone())]),
            DeviceError::SimStart(e) => ("error-sim-start", vec![("error", e.clone())]),
            DeviceError::NotConnected => ("activation-not-connected", vec![]),
            DeviceError::Refused { id, args } => (id, args.clone()),
            DeviceError::Stopped {
                confirmed: true, ..
            } => ("client-error-stopped", vec![]),
            DeviceError::Stopped {
                confirmed: false, ..
            } => ("client-error-stopped-unconfirmed", vec![]),
            DeviceError::Unreadable(what) => {
                ("client-error-unreadable", vec![("what", what.clone())])
            }
            DeviceError::Driver(fault) => fault.message(),
        }
    }

    /// The terminal's result code, where there is one.
    pub fn result_code(&self) -> Option<TerminalCode> {
        match self {
            DeviceError::Rejected(c) => Some(*c),
            DeviceError::Aborted { code, .. } => *code,
            DeviceError::Stopped { code, .. } => *code,
            _ => None,
        }
    }
}

/// The terminal's own error text as a message argument: nothing, or a space and the text.
fn spaced(text: &Option<String>) -> String {
    text.as_ref()
        .filter(|t| !t.is_empty())
        .map(|t| format!(" {t}"))
        .unwrap_or_default()
}

/// What the test loop and the activation sequence need of a payment terminal. Every method
/// blocks until the terminal answered or a wait ran out; `on` sees what happens meanwhile.
pub trait PaymentTerminal {
    /// Registers and reads the identity, staying registered.
    fn identify(&mut self) -> Result<TerminalIdentity, DeviceError>;

    /// The terminal's identity and status now (no registration).
    fn status(&mut self) -> Result<TerminalIdentity, DeviceError>;

    /// Whether the terminal reports itself ready; its status code (hex) either way.
    fn ready(&mut self) -> Result<(bool, String), DeviceError>;

    /// Sets the Terminal ID.
    fn set_tid(&mut self, tid: &Tid, on: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError>;

    /// Initialisation (parameters and keys from the host).
    fn initialise(&mut self, on: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError>;

    /// Diagnosis (the line to the host).
    fn diagnose(&mut self, on: &mut dyn FnMut(TerminalEvent)) -> Result<PhaseTimes, DeviceError>;

    /// End-of-Day.
    fn end_of_day(&mut self, on: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError>;

    /// A payment of `amount`, with `timeout` for the card. `stop` is asked at least every
    /// 100 ms while the terminal works on it: once it says yes, and while nothing is booked
    /// yet (no payment data came), the terminal is told to abort (within a second) and the
    /// command is run to its end within a bounded time. A payment the terminal booked anyway
    /// comes back as usual; otherwise the error is [`DeviceError::Stopped`] (unconfirmed:
    /// the outcome is not known). A caller that never stops passes `&|| false`.
    fn authorise(
        &mut self,
        amount: Amount,
        timeout: Duration,
        stop: &dyn Fn() -> bool,
        on: &mut dyn FnMut(TerminalEvent),
    ) -> Result<(PaymentData, PhaseTimes), DeviceError>;

    /// Reverses the payment with `receipt`.
    fn reverse(&mut self, receipt: u16) -> Result<PaymentData, DeviceError>;

    /// The terminal's last transaction again; `None` when it has none.
    fn repeat_last_receipt(&mut self) -> Result<Option<PaymentData>, DeviceError>;

    /// The longest one command may take from now on (the test loop's per-transaction limit).
    fn set_command_limit(&mut self, limit: Duration);

    /// The phase timings of the last command, also when it failed.
    fn last_times(&self) -> PhaseTimes;

    /// Opens a session with the terminal (ZVT: Registration, which checks the password);
    /// the TID it reports on the way, if any.
    fn register(&mut self) -> Result<Option<String>, DeviceError> {
        Ok(Some(self.identify()?.tid).filter(|t| !t.is_empty()))
    }

    /// The identity as a status enquiry alone reports it, without opening a session again
    /// (what the pending store files payments under).
    fn enquire(&mut self) -> Result<TerminalIdentity, DeviceError> {
        self.status()
    }

    /// Ends the session (ZVT: Log-Off). Courtesy: callers log a failure, nothing more.
    fn log_off(&mut self) -> Result<(), DeviceError> {
        Ok(())
    }
}
