//! What happens to a payment after its Authorisation exchange, and to the payments an earlier
//! session left open: finding out whether the terminal booked it (Repeat Receipt), reversing it,
//! and checking what the terminal says before believing it. Every command here runs inside a
//! [`Budget`] derived from the per-command timeout, so recovery never runs longer than the
//! README says, whatever the terminal does.
//!
//! The rules that keep money safe:
//! - a committed payment stays committed: asking the terminal may *add* what was not read (its
//!   receipt number), never turn it into "not booked";
//! - an answer that could not be read settles nothing: it is neither "the same as before" nor
//!   "nothing booked";
//! - "already reversed" (`B4`) is believed only when the terminal's last transaction is the
//!   reversal of this very payment (its trace number): after the receipt counter wraps, `B4`
//!   may be about an older payment with the same receipt number.

use std::time::{Duration, Instant};

use super::pending::{Commit, LastTxn, PendingEvent, PendingPayment, Unresolved};
use super::{error_id, LoopEvent, Money};
use crate::device::{DeviceError, PaymentData, PaymentTerminal, TerminalCode};

/// How many per-command timeouts the recovery after one failed round may take in all: three
/// reversal attempts and one Repeat Receipt.
pub const RECOVERY_TIMEOUTS: u32 = 4;

/// The time recovery may still take, and the per-command limit inside it.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    until: Instant,
    per_command: Duration,
}

impl Budget {
    /// [`RECOVERY_TIMEOUTS`] × `per_command` from now.
    pub fn for_recovery(per_command: Duration) -> Budget {
        Budget {
            until: Instant::now() + per_command * RECOVERY_TIMEOUTS,
            per_command,
        }
    }

    /// What is left.
    pub fn left(&self) -> Duration {
        self.until.saturating_duration_since(Instant::now())
    }

    /// Bounds the terminal's next command by what is left (at most one per-command timeout);
    /// `false` when nothing useful is left.
    pub(crate) fn allow(&self, terminal: &mut dyn PaymentTerminal) -> bool {
        let left = self.left();
        if left < Duration::from_millis(200) {
            return false;
        }
        terminal.set_command_limit(left.min(self.per_command));
        true
    }

    /// Gives the terminal its full per-command limit back.
    fn restore(&self, terminal: &mut dyn PaymentTerminal) {
        terminal.set_command_limit(self.per_command);
    }
}

/// What recovery tells the user as it goes.
pub type Progress<'a> = &'a mut dyn FnMut(LoopEvent);

/// Says what recovery is about to do and how much of its budget is left.
pub(crate) fn announce(
    progress: Progress,
    index: u32,
    step: &'static str,
    attempt: u32,
    budget: &Budget,
) {
    progress(LoopEvent::Recovering {
        index,
        step,
        attempt,
        left_ms: budget.left().as_millis() as u64,
    });
}

/// Where a payment stands.
#[derive(Debug, PartialEq, Eq)]
pub enum Booking {
    /// Booked, with the receipt number a reversal needs (and the trace number, if known).
    Booked(u16, Option<u32>),
    /// Booked, but its receipt number could not be read.
    BookedNoReceipt,
    /// Not booked: declined, refused, or never accepted.
    NotBooked,
    /// Accepted, and then nothing that says whether it was booked.
    Unknown(String),
}

/// Whether an answer says something: a receipt or trace number was read, and nothing of the
/// message was left unread. An answer with nothing in it is not "nothing booked".
pub fn readable(info: &PaymentData) -> bool {
    (info.receipt.is_some() || info.trace.is_some()) && !info.unread
}

/// Asks the terminal (Repeat Receipt) about the payment of `amount_minor` whose outcome is
/// not known, comparing its last transaction with the last one known before the payment:
/// the same one → not booked; a newer payment of this amount (not a reversal) → booked;
/// anything else, an answer that cannot be read, or nothing to compare with → still unknown.
/// For a payment known to be committed (`committed`), "not booked" is never an answer: only its
/// receipt number can be learned.
pub fn ask_terminal(
    terminal: &mut dyn PaymentTerminal,
    money: &mut Money,
    amount_minor: u64,
    committed: bool,
    why: &str,
) -> Booking {
    let unknown = || {
        if committed {
            Booking::BookedNoReceipt
        } else {
            Booking::Unknown(why.to_string())
        }
    };
    match terminal.repeat_last_receipt() {
        // The terminal says it has booked nothing at all: neither is this payment.
        Ok(None) if !committed && money.last.is_some_and(|b| b == LastTxn::NOTHING) => {
            Booking::NotBooked
        }
        Ok(None) => unknown(),
        Ok(Some(info)) if !readable(&info) => {
            tracing::warn!("the terminal's last transaction could not be read");
            unknown()
        }
        Ok(Some(info)) => {
            let Some(before) = money.last else {
                return unknown();
            };
            let now = LastTxn {
                receipt: info.receipt,
                trace: info.trace,
            };
            if now == before {
                return if committed {
                    Booking::BookedNoReceipt
                } else {
                    Booking::NotBooked
                };
            }
            let ours = info.amount_minor == Some(amount_minor)
                && info.original_trace.is_none()
                && info.result.is_none_or(|c| c.is_success());
            match (ours, info.receipt) {
                (true, Some(receipt)) => {
                    money.saw(&info);
                    Booking::Booked(receipt, info.trace)
                }
                _ => unknown(),
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "repeat receipt failed");
            unknown()
        }
    }
}

/// Why a reversal did not happen.
#[derive(Debug)]
pub enum ReversalFailure {
    /// The terminal refuses it for good.
    Refused(TerminalCode),
    /// It failed this time (line, timeout, another code, an answer that could not be checked),
    /// with the last attempt's error when there was one.
    Failed(String, Option<DeviceError>),
    /// The terminal knows no payment with this receipt number (`83`).
    NotFound,
}

/// Reverses `receipt` (the payment with trace number `trace`), up to `attempts` times within
/// `budget`. "Already reversed" counts as done only when the terminal's last transaction is the
/// reversal of this payment; so does a reversal whose answer was lost.
pub fn reverse(
    terminal: &mut dyn PaymentTerminal,
    money: &mut Money,
    (receipt, trace): (u16, Option<u32>),
    attempts: u32,
    budget: &Budget,
    progress: Progress,
    index: u32,
) -> Result<(), ReversalFailure> {
    let mut last = String::new();
    let mut last_error = None;
    for attempt in 1..=attempts.max(1) {
        if !budget.allow(terminal) {
            last = "recovery budget spent".into();
            break;
        }
        announce(progress, index, "recovery-reversal", attempt, budget);
        match terminal.reverse(receipt) {
            Ok(info) if contradicts(&info, trace) => {
                tracing::warn!(?info, "the reversal's answer names another payment");
                last = "the reversal's answer names another payment".into();
                break;
            }
            Ok(info) => {
                money.saw(&info);
                budget.restore(terminal);
                return Ok(());
            }
            Err(e) if e.result_code() == Some(TerminalCode::ALREADY_REVERSED) => {
                // Believed only if the terminal's last transaction is this payment's reversal
                // (checked below); otherwise it may be about an older payment with the same
                // receipt number, and asking again gets the same answer: a person voids it.
                money.learned = false;
                let confirmed = budget.allow(terminal)
                    && trace.is_some_and(|t| last_is_reversal_of(terminal, t));
                budget.restore(terminal);
                return if confirmed {
                    Ok(())
                } else {
                    Err(ReversalFailure::Refused(TerminalCode::ALREADY_REVERSED))
                };
            }
            Err(e) if e.result_code() == Some(TerminalCode::REVERSAL_NOT_POSSIBLE) => {
                budget.restore(terminal);
                return Err(ReversalFailure::Refused(
                    TerminalCode::REVERSAL_NOT_POSSIBLE,
                ));
            }
            Err(e) if e.result_code() == Some(TerminalCode::NOT_POSSIBLE) => {
                budget.restore(terminal);
                return Err(ReversalFailure::NotFound);
            }
            Err(e) => {
                last = e
                    .result_code()
                    .map(|c| format!("result code {c}"))
                    .unwrap_or_else(|| error_id(&e));
                last_error = Some(e);
            }
        }
    }
    // Whether the terminal reversed it after all (an attempt whose answer was lost).
    let reversed = match trace {
        Some(trace) if budget.allow(terminal) => {
            announce(progress, index, "recovery-check", 1, budget);
            last_is_reversal_of(terminal, trace)
        }
        _ => false,
    };
    budget.restore(terminal);
    if reversed {
        money.learned = false;
        return Ok(());
    }
    Err(ReversalFailure::Failed(last, last_error))
}

/// Whether the terminal's last transaction is the reversal of the payment with trace number
/// `trace` (BMP 37 of a reversal is the payment's trace number).
fn last_is_reversal_of(terminal: &mut dyn PaymentTerminal, trace: u32) -> bool {
    matches!(terminal.repeat_last_receipt(),
        Ok(Some(info)) if readable(&info) && info.original_trace == Some(trace)
            && info.result.is_none_or(|c| c.is_success()))
}

/// Whether a reversal's answer names another payment than the one reversed.
fn contradicts(info: &PaymentData, trace: Option<u32>) -> bool {
    matches!((info.original_trace, trace), (Some(o), Some(t)) if o != t)
}

/// Whether the terminal's last transaction is the payment with `receipt`.
pub fn is_last_transaction(terminal: &mut dyn PaymentTerminal, receipt: u16) -> bool {
    match terminal.repeat_last_receipt() {
        Ok(Some(info)) if readable(&info) => {
            info.receipt == Some(receipt) && info.original_trace.is_none()
        }
        Ok(None) => false,
        // Cannot tell: count it as booked, so that it is reported, not dropped.
        Ok(Some(_)) | Err(_) => true,
    }
}

/// What became of one open payment at the start of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Reversed now.
    Reversed(PendingPayment),
    /// It was never booked (the terminal's last transaction is not it).
    NotBooked(PendingPayment),
    /// It was booked, and the terminal reversed it itself: it knows no payment with its
    /// receipt number and its last transaction is not it.
    Undone(PendingPayment),
    /// Still open: refused for good or without a receipt number (needs a person and
    /// `posbind pending ack`), or could not be settled now.
    StillOpen(PendingPayment, Unresolved),
}

impl Resolution {
    /// The payment it is about.
    pub fn payment(&self) -> &PendingPayment {
        match self {
            Resolution::Reversed(p)
            | Resolution::NotBooked(p)
            | Resolution::Undone(p)
            | Resolution::StillOpen(p, _) => p,
        }
    }

    /// The message that says what happened.
    pub fn message_id(&self) -> &'static str {
        match self {
            Resolution::Reversed(_) => "pending-reversed",
            Resolution::NotBooked(_) => "pending-not-booked",
            Resolution::Undone(_) => "pending-undone",
            Resolution::StillOpen(_, Unresolved::Refused { .. }) => "pending-refused",
            Resolution::StillOpen(_, Unresolved::NoReceipt) => "pending-no-receipt",
            Resolution::StillOpen(_, Unresolved::Unknown { .. }) => "pending-still-unknown",
            Resolution::StillOpen(_, Unresolved::ReversalFailed { .. }) => {
                "pending-still-unreversed"
            }
        }
    }

    /// Whether the payment is still open (to be shown as an error).
    pub fn still_open(&self) -> bool {
        matches!(self, Resolution::StillOpen(..))
    }
}

/// At the start of a session with a terminal: settles every payment the pending store still
/// holds for it — reverses a committed one, asks the terminal (Repeat Receipt) about one whose
/// outcome is unknown or whose receipt number was not read — and records the result. Refused
/// reversals and committed payments without a receipt number stay for a person. An error
/// (naming the file) when the store cannot say what is open: then no payment may be made.
pub fn resolve_pending(
    terminal: &mut dyn PaymentTerminal,
    money: &mut Money,
    per_command: Duration,
) -> Result<Vec<Resolution>, String> {
    let open = money.journal.open_for(&money.terminal)?;
    let mut out = vec![];
    let mut quiet = |_: LoopEvent| {};
    for p in open {
        if let Some(u @ Unresolved::Refused { .. }) = &p.unresolved {
            out.push(Resolution::StillOpen(p.clone(), u.clone()));
            continue;
        }
        let budget = Budget::for_recovery(per_command);
        let trace = p.commit.as_ref().and_then(|c| c.trace);
        let booking = match p.receipt() {
            Some(r) => Booking::Booked(r, trace),
            None => {
                money.last = p.before;
                if !budget.allow(terminal) {
                    Booking::Unknown("loop-outcome-unknown-short".into())
                } else {
                    ask_terminal(
                        terminal,
                        money,
                        p.amount_minor,
                        p.committed(),
                        "loop-outcome-unknown-short",
                    )
                }
            }
        };
        let (receipt, trace) = match booking {
            Booking::Booked(r, trace) => {
                if p.receipt().is_none() {
                    let commit = Commit {
                        receipt: Some(r),
                        trace,
                        tid: None,
                    };
                    money.journal.record(&p.id, PendingEvent::Committed(commit));
                }
                (r, trace)
            }
            Booking::NotBooked => {
                money.journal.record(&p.id, PendingEvent::NotBooked);
                out.push(Resolution::NotBooked(p));
                continue;
            }
            Booking::BookedNoReceipt => {
                money
                    .journal
                    .record(&p.id, PendingEvent::Unresolved(Unresolved::NoReceipt));
                out.push(Resolution::StillOpen(p, Unresolved::NoReceipt));
                continue;
            }
            Booking::Unknown(reason) => {
                let u = Unresolved::Unknown { reason };
                out.push(Resolution::StillOpen(p.clone(), u));
                continue;
            }
        };
        let settled = match reverse(terminal, money, (receipt, trace), 3, &budget, &mut quiet, 0) {
            Ok(()) => Ok(()),
            Err(ReversalFailure::NotFound) if !is_last_transaction(terminal, receipt) => {
                money.journal.record(&p.id, PendingEvent::Undone);
                out.push(Resolution::Undone(p));
                continue;
            }
            Err(ReversalFailure::Refused(code)) => Err(Unresolved::Refused {
                code: code.to_string(),
            }),
            Err(ReversalFailure::NotFound) => Err(Unresolved::ReversalFailed {
                reason: "result code 83".into(),
            }),
            Err(ReversalFailure::Failed(why, _)) => Err(Unresolved::ReversalFailed { reason: why }),
        };
        match settled {
            Ok(()) => {
                money.journal.record(&p.id, PendingEvent::Reversed);
                out.push(Resolution::Reversed(p));
            }
            Err(u) => {
                money
                    .journal
                    .record(&p.id, PendingEvent::Unresolved(u.clone()));
                out.push(Resolution::StillOpen(p, u));
            }
        }
    }
    // The loop learns the terminal's last transaction afresh.
    money.last = None;
    money.learned = false;
    Ok(out)
}
