//! The timed test-transaction loop on any [`PaymentTerminal`]: connectivity rounds (Diagnosis)
//! or test payments (Authorisation, then Reversal by receipt number), timed per phase with the
//! monotonic clock, with running statistics and pass criteria. It reports what happens as
//! [`LoopEvent`]s as it happens; pauses and aborts are polled every 50 ms between rounds. Every payment that succeeded is reversed — also
//! on abort and on error; a reversal that fails after retries is reported as unreversed with its
//! receipt number and amount.

pub mod pending;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::device::{
    Amount, DeviceError, PaymentData, PaymentTerminal, PhaseTimes, Showing, TerminalCode,
    TerminalEvent,
};
pub use crate::onboarding::test_result::{Mode, Stats, Summary, Unreversed, UnreversedKind};
use pending::{Commit, LastTxn, PaymentJournal, PendingEvent, PendingPayment, Unresolved};

/// Loop settings.
#[derive(Debug, Clone, Copy)]
pub struct LoopConfig {
    /// Mode.
    pub mode: Mode,
    /// Rounds.
    pub count: u32,
    /// Pause between rounds.
    pub interval: Duration,
    /// Longest a transaction may take (used as T4).
    pub timeout: Duration,
    /// Test amount (payment mode).
    pub amount: Amount,
    /// Pass only if the 95th percentile latency is at most this.
    pub p95_limit: Duration,
    /// Reversal attempts before a payment is reported unreversed.
    pub reversal_attempts: u32,
}

/// One round's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TxnResult {
    /// 1-based round number.
    pub index: u32,
    /// Succeeded.
    pub ok: bool,
    /// Command → completion, ms.
    pub latency_ms: f64,
    /// Command → `80 00 00`, ms.
    pub ack_ms: Option<f64>,
    /// Command → first status message, ms.
    pub first_status_ms: Option<f64>,
    /// The terminal's result code (hex), when it gave one.
    pub result_code: Option<String>,
    /// Error message id, when the round failed.
    pub error: Option<String>,
    /// The error in the user's language with the result code's meaning and remedy (filled in
    /// by the front end that shows it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Arguments of the error message.
    #[serde(skip)]
    pub error_args: Vec<(&'static str, String)>,
    /// Receipt number of a payment.
    pub receipt: Option<u16>,
    /// Whether the payment was reversed (payment mode).
    pub reversed: Option<bool>,
}

/// What the loop reports while it runs.
#[derive(Debug, Clone, PartialEq)]
pub enum LoopEvent {
    /// A round started.
    RoundStarted(u32),
    /// The terminal shows a status.
    Terminal(u32, Showing),
    /// A payment is being reversed.
    Reversing(u32, u16),
    /// A payment is booked on the terminal (its status information was acknowledged); the
    /// receipt is `None` when it could not be read.
    Committed {
        /// Round.
        index: u32,
        /// Receipt number.
        receipt: Option<u16>,
        /// Amount in minor units.
        amount_minor: u64,
    },
    /// A payment was reversed.
    Reversed {
        /// Round.
        index: u32,
        /// Receipt number.
        receipt: u16,
    },
    /// A payment was accepted and whether it was booked could not be found out.
    OutcomeUnknown {
        /// Round.
        index: u32,
        /// Amount in minor units.
        amount_minor: u64,
    },
    /// A round ended.
    Round(TxnResult),
    /// A payment is not reversed (reversal failed or refused, or its outcome is unknown).
    ReversalFailed(Unreversed),
}

/// Set by the command line's Ctrl-C handler: every running loop stops after reversing.
pub static INTERRUPT: AtomicBool = AtomicBool::new(false);

/// Pause and abort switches, shared with the UI.
#[derive(Debug, Default)]
pub struct Control {
    /// Stop after the current round (a successful payment is still reversed).
    pub abort: AtomicBool,
    /// Hold between rounds.
    pub pause: AtomicBool,
}

impl Control {
    /// Whether the loop should stop (abort key, or Ctrl-C on the command line).
    pub fn aborted(&self) -> bool {
        self.abort.load(Ordering::Relaxed) || INTERRUPT.load(Ordering::Relaxed)
    }
}

/// Milliseconds with microsecond resolution (three decimals): 0.1 ms would hide the
/// protocol's own cost on a fast link.
fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1_000_000.0).round() / 1000.0
}

fn error_id(e: &DeviceError) -> String {
    e.message().0.to_string()
}

/// Waits `d`, waking early on abort; while paused, waits until resumed or aborted.
fn wait(d: Duration, control: &Control) {
    let until = Instant::now() + d;
    let step = Duration::from_millis(50);
    while !control.aborted() && (Instant::now() < until || control.pause.load(Ordering::Relaxed)) {
        std::thread::sleep(
            step.min(until.saturating_duration_since(Instant::now()))
                .max(Duration::from_millis(1)),
        );
    }
}

/// Runs the loop on `terminal` without keeping a record of its payments (tests, benchmarks).
pub fn run(
    terminal: &mut dyn PaymentTerminal,
    cfg: &LoopConfig,
    control: &Control,
    on_event: &mut dyn FnMut(LoopEvent),
) -> Summary {
    let mut journal = pending::NoJournal::default();
    let mut money = Money::new(&mut journal, "");
    run_journaled(terminal, cfg, control, &mut money, on_event)
}

/// The test payments' bookkeeping: the journal every payment is written to before it is sent,
/// the terminal it is made on, and the last transaction the terminal is known to have booked.
pub struct Money<'j> {
    journal: &'j mut dyn PaymentJournal,
    terminal: String,
    last: Option<LastTxn>,
    learned: bool,
}

impl<'j> Money<'j> {
    /// Bookkeeping for payments on `terminal` (its serial number, else TID, else port).
    pub fn new(journal: &'j mut dyn PaymentJournal, terminal: &str) -> Money<'j> {
        Money {
            journal,
            terminal: terminal.to_string(),
            last: None,
            learned: false,
        }
    }

    fn saw(&mut self, info: &PaymentData) {
        if info.result.is_none_or(|c| c.is_success())
            && (info.receipt.is_some() || info.trace.is_some())
        {
            self.last = Some(LastTxn {
                receipt: info.receipt,
                trace: info.trace,
            });
        }
    }
}

/// Runs the loop on `terminal` (blocking; call it on a worker thread). Every payment is
/// written to `money`'s journal before it is sent and as it is committed, reversed or found
/// unbooked.
pub fn run_journaled(
    terminal: &mut dyn PaymentTerminal,
    cfg: &LoopConfig,
    control: &Control,
    money: &mut Money,
    on_event: &mut dyn FnMut(LoopEvent),
) -> Summary {
    terminal.set_command_limit(cfg.timeout);
    let mut latencies = vec![];
    let mut unreversed: Vec<Unreversed> = vec![];
    let (mut ok, mut failed, mut ran) = (0, 0, 0);
    for index in 1..=cfg.count {
        if control.aborted() {
            break;
        }
        // A payment whose outcome is unknown must stay the terminal's last transaction, or it
        // can never be found out: no new payment after it.
        if unreversed
            .iter()
            .any(|u| u.kind == UnreversedKind::OutcomeUnknown)
        {
            break;
        }
        if index > 1 {
            wait(cfg.interval, control);
            if control.aborted() {
                break;
            }
        }
        on_event(LoopEvent::RoundStarted(index));
        ran += 1;
        let r = match cfg.mode {
            Mode::Connectivity => connectivity(terminal, index, on_event),
            Mode::Payment => payment(
                terminal,
                cfg,
                control,
                index,
                money,
                on_event,
                &mut unreversed,
            ),
        };
        // After a round that did not end cleanly the terminal's last transaction is not
        // certain any more: the next payment learns it again first.
        if !r.ok {
            money.learned = false;
        }
        if r.ok {
            ok += 1;
            latencies.push(r.latency_ms);
        } else {
            failed += 1;
        }
        on_event(LoopEvent::Round(r));
    }
    let latency_ms = Stats::of(&latencies);
    let aborted = ran < cfg.count;
    let pass =
        !aborted && failed == 0 && unreversed.is_empty() && latency_ms.p95 <= ms(cfg.p95_limit);
    Summary {
        mode: cfg.mode,
        count: ran,
        succeeded: ok,
        failed,
        unreversed,
        latency_ms,
        pass,
        aborted,
    }
}

fn base(index: u32, times: PhaseTimes, ok: bool) -> TxnResult {
    TxnResult {
        index,
        ok,
        latency_ms: times.to_completion.map(ms).unwrap_or(0.0),
        ack_ms: times.to_ack.map(ms),
        first_status_ms: times.to_first_status.map(ms),
        result_code: None,
        error: None,
        message: None,
        error_args: vec![],
        receipt: None,
        reversed: None,
    }
}

fn failed_round(index: u32, started: Instant, times: PhaseTimes, e: &DeviceError) -> TxnResult {
    let mut r = base(index, times, false);
    r.latency_ms = ms(started.elapsed());
    r.result_code = e.result_code().map(|c| c.to_string());
    let (id, args) = e.message();
    r.error = Some(id.to_string());
    r.error_args = args;
    r
}

fn connectivity(
    terminal: &mut dyn PaymentTerminal,
    index: u32,
    on_event: &mut dyn FnMut(LoopEvent),
) -> TxnResult {
    let started = Instant::now();
    let mut on = |e: TerminalEvent| {
        if let TerminalEvent::Showing(s) = e {
            on_event(LoopEvent::Terminal(index, s));
        }
    };
    match terminal.diagnose(&mut on) {
        Ok(times) => base(index, times, true),
        Err(e) => failed_round(index, started, terminal.last_times(), &e),
    }
}

/// What one Authorisation exchange showed about the payment.
#[derive(Debug, Default)]
struct Seen {
    accepted: bool,
    commit: Option<Commit>,
    unreadable_status: bool,
}

/// Where a payment stands after its Authorisation exchange.
#[derive(Debug)]
enum Booking {
    /// Booked, with the receipt number a reversal needs (and the trace number, if known).
    Booked(u16, Option<u32>),
    /// Booked, but its receipt number could not be read.
    BookedNoReceipt,
    /// Not booked: declined, refused, or never accepted.
    NotBooked,
    /// Accepted, and then nothing that says whether it was booked.
    Unknown(String),
}

fn payment(
    terminal: &mut dyn PaymentTerminal,
    cfg: &LoopConfig,
    control: &Control,
    index: u32,
    money: &mut Money,
    on_event: &mut dyn FnMut(LoopEvent),
    unreversed: &mut Vec<Unreversed>,
) -> TxnResult {
    let started = Instant::now();
    let started_at = chrono::Utc::now();
    learn_last_transaction(terminal, money);
    let amount = cfg.amount;
    // Written (and fsynced) before the Authorisation goes out: a crash from here on leaves a
    // record that a payment may exist.
    let id = match money
        .journal
        .begin(&money.terminal, amount.minor, amount.currency.0, money.last)
    {
        Ok(id) => id,
        Err(e) => {
            let mut r = base(index, PhaseTimes::default(), false);
            r.error = Some("loop-journal-failed".into());
            r.error_args = vec![("error", e)];
            return r;
        }
    };
    let mut seen = Seen::default();
    let result = {
        let journal = &mut *money.journal;
        let mut on = |e: TerminalEvent| match e {
            TerminalEvent::Accepted => seen.accepted = true,
            TerminalEvent::Showing(s) => on_event(LoopEvent::Terminal(index, s)),
            // Called before the terminal is told the data arrived: the commit is on disk first.
            TerminalEvent::PaymentData(info) => {
                if info.result.is_none_or(|c| c.is_success()) && seen.commit.is_none() {
                    let commit = Commit {
                        receipt: info.receipt,
                        trace: info.trace,
                        tid: info.tid,
                    };
                    journal.record(&id, PendingEvent::Committed(commit.clone()));
                    on_event(LoopEvent::Committed {
                        index,
                        receipt: commit.receipt,
                        amount_minor: amount.minor,
                    });
                    seen.commit = Some(commit);
                }
            }
            TerminalEvent::UnreadablePaymentData => seen.unreadable_status = true,
        };
        terminal.authorise(amount, cfg.timeout, &|| control.aborted(), &mut on)
    };
    let mut r = match &result {
        Ok((info, times)) => {
            money.saw(info);
            let mut r = base(index, *times, seen.commit.is_some());
            r.result_code = info.result.map(|c| c.to_string());
            r
        }
        Err(e) => failed_round(index, started, terminal.last_times(), e),
    };
    let booking = match (seen.commit.take(), &result) {
        (
            Some(Commit {
                receipt: Some(receipt),
                trace,
                ..
            }),
            _,
        ) => Booking::Booked(receipt, trace),
        (Some(_), _) => Booking::BookedNoReceipt,
        (None, _) if seen.unreadable_status => Booking::Unknown("loop-status-unreadable".into()),
        // A completion without status information: the spec leaves the outcome open.
        (None, Ok((info, _))) if info.result.is_none() => Booking::Unknown("loop-no-status".into()),
        (None, Ok(_)) => Booking::NotBooked,
        (None, Err(_)) if !seen.accepted => Booking::NotBooked,
        (None, Err(DeviceError::Aborted { .. } | DeviceError::Rejected(_))) => Booking::NotBooked,
        (None, Err(e)) => Booking::Unknown(error_id(e)),
    };
    let booking = match booking {
        Booking::BookedNoReceipt => ask_terminal(terminal, money, amount.minor, "loop-no-receipt"),
        Booking::Unknown(why) => ask_terminal(terminal, money, amount.minor, &why),
        b => b,
    };
    let receipt = match booking {
        Booking::NotBooked => {
            money.journal.record(&id, PendingEvent::NotBooked);
            return r;
        }
        Booking::Unknown(why) => unknown(money, &id, amount.minor, started_at, why),
        Booking::BookedNoReceipt => unknown(
            money,
            &id,
            amount.minor,
            started_at,
            "loop-no-receipt".into(),
        ),
        Booking::Booked(receipt, trace) => Ok((receipt, trace)),
    };
    let (receipt, trace) = match receipt {
        Ok(r) => r,
        Err(u) => {
            r.ok = false;
            r.error
                .get_or_insert_with(|| "loop-outcome-unknown-short".into());
            on_event(LoopEvent::OutcomeUnknown {
                index,
                amount_minor: amount.minor,
            });
            on_event(LoopEvent::ReversalFailed(u.clone()));
            unreversed.push(u);
            return r;
        }
    };
    r.receipt = Some(receipt);
    on_event(LoopEvent::Reversing(index, receipt));
    match reverse(terminal, money, receipt, trace, cfg.reversal_attempts) {
        Ok(()) => {
            money.journal.record(&id, PendingEvent::Reversed);
            on_event(LoopEvent::Reversed { index, receipt });
            r.reversed = Some(true);
        }
        // The terminal does not know the receipt: booked only if it is still its last
        // transaction (then the 83 means something else and the reversal failed).
        Err(ReversalFailure::NotFound) if !is_last_transaction(terminal, receipt) => {
            money.journal.record(&id, PendingEvent::NotBooked);
            r.ok = false;
            r.error = Some("loop-not-booked".into());
        }
        Err(failure) => {
            let (kind, unresolved, error) = match failure {
                ReversalFailure::Refused(code) => (
                    UnreversedKind::Refused,
                    Unresolved::Refused {
                        code: code.to_string(),
                    },
                    format!("result code {code}"),
                ),
                ReversalFailure::NotFound => (
                    UnreversedKind::Committed,
                    Unresolved::ReversalFailed {
                        reason: "result code 83".into(),
                    },
                    "result code 83".into(),
                ),
                ReversalFailure::Failed(why) => (
                    UnreversedKind::Committed,
                    Unresolved::ReversalFailed {
                        reason: why.clone(),
                    },
                    why,
                ),
            };
            money
                .journal
                .record(&id, PendingEvent::Unresolved(unresolved));
            r.reversed = Some(false);
            r.ok = false;
            r.error = Some("loop-reversal-failed".into());
            let u = Unreversed {
                receipt: Some(receipt),
                amount_minor: amount.minor,
                kind,
                error,
                at: started_at,
                pending_id: id,
            };
            on_event(LoopEvent::ReversalFailed(u.clone()));
            unreversed.push(u);
        }
    }
    r
}

/// Records a payment whose outcome could not be found out, for the summary and the next
/// session.
fn unknown(
    money: &mut Money,
    id: &str,
    amount_minor: u64,
    at: chrono::DateTime<chrono::Utc>,
    why: String,
) -> Result<(u16, Option<u32>), Unreversed> {
    money.journal.record(
        id,
        PendingEvent::Unresolved(Unresolved::Unknown {
            reason: why.clone(),
        }),
    );
    Err(Unreversed {
        receipt: None,
        amount_minor,
        kind: UnreversedKind::OutcomeUnknown,
        error: why,
        at,
        pending_id: id.to_string(),
    })
}

/// Before the first payment of a session, the terminal's last transaction (Repeat Receipt), so
/// that a payment whose outcome turns out unknown can be told apart from what came before.
fn learn_last_transaction(terminal: &mut dyn PaymentTerminal, money: &mut Money) {
    if money.learned {
        return;
    }
    money.learned = true;
    money.last = match terminal.repeat_last_receipt() {
        Ok(Some(info)) => Some(LastTxn {
            receipt: info.receipt,
            trace: info.trace,
        }),
        Ok(None) => Some(LastTxn::NOTHING),
        Err(e) => {
            tracing::warn!(error = %e, "the terminal's last transaction is not known");
            None
        }
    };
}

/// Finds out with Repeat Receipt whether the payment of `amount_minor` just made was booked:
/// the terminal's last transaction, compared with the last one known before the payment. The
/// same one → not booked; a newer payment of this amount (not a reversal) → booked; anything
/// else (or nothing known to compare with) stays unknown.
fn ask_terminal(
    terminal: &mut dyn PaymentTerminal,
    money: &mut Money,
    amount_minor: u64,
    why: &str,
) -> Booking {
    let unknown = || Booking::Unknown(why.to_string());
    match terminal.repeat_last_receipt() {
        // Nothing booked on the terminal at all: neither is this payment.
        Ok(None) if money.last.is_none_or(|b| b == LastTxn::NOTHING) => Booking::NotBooked,
        Ok(None) => unknown(),
        Ok(Some(info)) => {
            let Some(before) = money.last else {
                return unknown();
            };
            let now = LastTxn {
                receipt: info.receipt,
                trace: info.trace,
            };
            if now == before {
                return Booking::NotBooked;
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

/// What became of one open payment at the start of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Reversed now.
    Reversed(PendingPayment),
    /// It was never booked (the terminal's last transaction is not it).
    NotBooked(PendingPayment),
    /// Still open: refused for good (needs `posbind pending ack`), or could not be settled.
    StillOpen(PendingPayment, Unresolved),
}

impl Resolution {
    /// The payment it is about.
    pub fn payment(&self) -> &PendingPayment {
        match self {
            Resolution::Reversed(p) | Resolution::NotBooked(p) | Resolution::StillOpen(p, _) => p,
        }
    }

    /// The message that says what happened.
    pub fn message_id(&self) -> &'static str {
        match self {
            Resolution::Reversed(_) => "pending-reversed",
            Resolution::NotBooked(_) => "pending-not-booked",
            Resolution::StillOpen(_, Unresolved::Refused { .. }) => "pending-refused",
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
/// outcome is unknown — and records the result. Refused reversals stay for a person to
/// acknowledge.
pub fn resolve_pending(terminal: &mut dyn PaymentTerminal, money: &mut Money) -> Vec<Resolution> {
    let open = money.journal.open_for(&money.terminal);
    let mut out = vec![];
    for p in open {
        if let Some(u @ Unresolved::Refused { .. }) = &p.unresolved {
            out.push(Resolution::StillOpen(p.clone(), u.clone()));
            continue;
        }
        let trace = p.commit.as_ref().and_then(|c| c.trace);
        let receipt = match p.receipt() {
            Some(r) => Some((r, trace)),
            None => {
                money.last = p.before;
                match ask_terminal(
                    terminal,
                    money,
                    p.amount_minor,
                    "loop-outcome-unknown-short",
                ) {
                    Booking::Booked(r, trace) => {
                        let commit = Commit {
                            receipt: Some(r),
                            trace,
                            tid: None,
                        };
                        money.journal.record(&p.id, PendingEvent::Committed(commit));
                        Some((r, trace))
                    }
                    Booking::NotBooked => None,
                    _ => {
                        let u = Unresolved::Unknown {
                            reason: "loop-outcome-unknown-short".into(),
                        };
                        out.push(Resolution::StillOpen(p.clone(), u));
                        continue;
                    }
                }
            }
        };
        let Some((receipt, trace)) = receipt else {
            money.journal.record(&p.id, PendingEvent::NotBooked);
            out.push(Resolution::NotBooked(p));
            continue;
        };
        let settled = match reverse(terminal, money, receipt, trace, 3) {
            Ok(()) => Ok(()),
            Err(ReversalFailure::NotFound) if !is_last_transaction(terminal, receipt) => {
                money.journal.record(&p.id, PendingEvent::NotBooked);
                out.push(Resolution::NotBooked(p));
                continue;
            }
            Err(ReversalFailure::Refused(code)) => Err(Unresolved::Refused {
                code: code.to_string(),
            }),
            Err(ReversalFailure::NotFound) => Err(Unresolved::ReversalFailed {
                reason: "result code 83".into(),
            }),
            Err(ReversalFailure::Failed(why)) => Err(Unresolved::ReversalFailed { reason: why }),
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
    out
}

/// Whether the terminal's last transaction is the payment with `receipt`.
fn is_last_transaction(terminal: &mut dyn PaymentTerminal, receipt: u16) -> bool {
    match terminal.repeat_last_receipt() {
        Ok(Some(info)) => info.receipt == Some(receipt) && info.original_trace.is_none(),
        Ok(None) => false,
        // Cannot tell: count it as booked, so that it is reported, not dropped.
        Err(_) => true,
    }
}

/// Why a reversal did not happen.
#[derive(Debug)]
enum ReversalFailure {
    /// The terminal refuses it for good.
    Refused(TerminalCode),
    /// It failed this time (line, timeout, another code).
    Failed(String),
    /// The terminal knows no payment with this receipt number (`83`).
    NotFound,
}

/// Reverses `receipt` (the payment with trace number `trace`), up to `attempts` times;
/// "already reversed" counts as done, and so does a reversal whose answer was lost when the
/// terminal's last transaction is that reversal (Repeat Receipt: BMP 37 is the payment's trace).
fn reverse(
    terminal: &mut dyn PaymentTerminal,
    money: &mut Money,
    receipt: u16,
    trace: Option<u32>,
    attempts: u32,
) -> Result<(), ReversalFailure> {
    let result = try_reverse(terminal, money, receipt, attempts);
    if let (Err(ReversalFailure::Failed(_)), Some(trace)) = (&result, trace) {
        if let Ok(Some(info)) = terminal.repeat_last_receipt() {
            if info.original_trace == Some(trace) {
                money.saw(&info);
                return Ok(());
            }
        }
    }
    result
}

fn try_reverse(
    terminal: &mut dyn PaymentTerminal,
    money: &mut Money,
    receipt: u16,
    attempts: u32,
) -> Result<(), ReversalFailure> {
    let mut last = String::new();
    for _ in 0..attempts.max(1) {
        match terminal.reverse(receipt) {
            Ok(info) => {
                money.saw(&info);
                return Ok(());
            }
            // Already reversed (by an earlier attempt whose answer was lost) counts as done.
            Err(e) if e.result_code() == Some(TerminalCode::ALREADY_REVERSED) => {
                // The reversal's own status information was not seen: learn the last
                // transaction again before the next payment.
                money.learned = false;
                return Ok(());
            }
            Err(e) if e.result_code() == Some(TerminalCode::REVERSAL_NOT_POSSIBLE) => {
                return Err(ReversalFailure::Refused(
                    TerminalCode::REVERSAL_NOT_POSSIBLE,
                ))
            }
            Err(e) if e.result_code() == Some(TerminalCode::NOT_POSSIBLE) => {
                return Err(ReversalFailure::NotFound)
            }
            Err(e) => {
                last = e
                    .result_code()
                    .map(|c| format!("result code {c}"))
                    .unwrap_or_else(|| error_id(&e))
            }
        }
    }
    Err(ReversalFailure::Failed(last))
}

#[cfg(test)]
mod tests {
    //! The loop through the [`PaymentTerminal`] seam, with a scripted terminal.

    use super::*;
    use crate::device::fake::FakeTerminal;
    use crate::device::terminal::Wait;
    use crate::device::Currency;

    fn payments(count: u32) -> LoopConfig {
        LoopConfig {
            mode: Mode::Payment,
            count,
            interval: Duration::ZERO,
            timeout: Duration::from_secs(5),
            amount: Amount {
                minor: 1,
                currency: Currency::CNY,
            },
            p95_limit: Duration::from_secs(5),
            reversal_attempts: 3,
        }
    }

    fn run_on(t: &mut FakeTerminal, count: u32) -> (Summary, Vec<LoopEvent>) {
        let mut events = vec![];
        let s = run(t, &payments(count), &Control::default(), &mut |e| {
            events.push(e)
        });
        (s, events)
    }

    #[test]
    fn a_committed_payment_that_fails_to_reverse_is_reported_unreversed() {
        let mut t = FakeTerminal {
            reverse_error: Some(DeviceError::Timeout(Wait::Completion)),
            ..FakeTerminal::default()
        };
        let (s, events) = run_on(&mut t, 1);
        assert!(!s.pass);
        assert_eq!(s.unreversed.len(), 1, "{s:?}");
        let u = &s.unreversed[0];
        assert_eq!(
            (u.receipt, u.amount_minor, u.kind),
            (Some(1), 1, UnreversedKind::Committed)
        );
        // Every attempt was made before giving up.
        assert_eq!(t.calls.iter().filter(|c| **c == "reverse").count(), 3);
        assert!(events.contains(&LoopEvent::Committed {
            index: 1,
            receipt: Some(1),
            amount_minor: 1
        }));
        assert!(events
            .iter()
            .any(|e| matches!(e, LoopEvent::ReversalFailed(f) if f == u)));
        assert!(!events
            .iter()
            .any(|e| matches!(e, LoopEvent::Reversed { .. })));
    }

    #[test]
    fn a_refused_reversal_is_reported_for_a_refund() {
        let mut t = FakeTerminal {
            reverse_error: Some(DeviceError::Aborted {
                code: Some(TerminalCode::REVERSAL_NOT_POSSIBLE),
                text: None,
            }),
            ..FakeTerminal::default()
        };
        let (s, _) = run_on(&mut t, 1);
        assert_eq!(s.unreversed.len(), 1);
        assert_eq!(s.unreversed[0].kind, UnreversedKind::Refused);
        assert_eq!(t.calls.iter().filter(|c| **c == "reverse").count(), 1);
    }

    #[test]
    fn reversed_payments_pass_and_say_so_as_they_happen() {
        let mut t = FakeTerminal::default();
        let (s, events) = run_on(&mut t, 2);
        assert!(s.pass, "{s:?}");
        assert_eq!((s.count, s.succeeded), (2, 2));
        assert!(events.contains(&LoopEvent::Reversed {
            index: 2,
            receipt: 2
        }));
        // An already reversed payment counts as reversed.
        let mut t = FakeTerminal {
            reverse_error: Some(DeviceError::Rejected(TerminalCode::ALREADY_REVERSED)),
            ..FakeTerminal::default()
        };
        assert!(run_on(&mut t, 1).0.unreversed.is_empty());
    }

    #[test]
    fn an_accepted_payment_without_outcome_is_reported_unknown_and_ends_the_loop() {
        let mut t = FakeTerminal {
            authorise_error: Some(DeviceError::Timeout(Wait::Completion)),
            repeat_fails: true,
            ..FakeTerminal::default()
        };
        let (s, events) = run_on(&mut t, 3);
        assert!(events.contains(&LoopEvent::OutcomeUnknown {
            index: 1,
            amount_minor: 1
        }));
        assert_eq!(s.unreversed.len(), 1);
        assert_eq!(s.unreversed[0].kind, UnreversedKind::OutcomeUnknown);
        // No new payment after one whose outcome is unknown, and nothing to reverse.
        assert_eq!(t.calls.iter().filter(|c| **c == "authorise").count(), 1);
        assert!(!t.calls.contains(&"reverse"));
    }
}
