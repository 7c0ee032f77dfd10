//! The timed test-transaction loop on any [`PaymentTerminal`]: connectivity rounds (Diagnosis)
//! or test payments (Authorisation, then Reversal by receipt number), timed per phase with the
//! monotonic clock, with running statistics and pass criteria. It reports what happens as
//! [`LoopEvent`]s as it happens; pauses and aborts are polled every 50 ms between rounds. Every payment that succeeded is reversed — also
//! on abort and on error; a reversal that fails after retries is reported as unreversed with its
//! receipt number and amount.

pub mod pending;
pub mod recovery;
pub mod words;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::device::{
    Amount, DeviceError, FailureWords, PaymentData, PaymentTerminal, PhaseTimes, Showing,
    TerminalCode, TerminalEvent,
};
pub use crate::onboarding::test_result::{
    Mode, RuleFailure, Stats, Summary, Unreversed, UnreversedKind,
};
use pending::{Commit, LastTxn, PaymentJournal, PendingEvent, TerminalId, Unresolved};
pub use recovery::{resolve_pending, Resolution, RECOVERY_TIMEOUTS};
use recovery::{Booking, Budget, ReversalFailure};

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
    /// Pass only if the 95th percentile of what the terminal and host took (the latency less
    /// the time the terminal waited for the cardholder) is at most this.
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
    /// Of the latency, how long the terminal waited for the cardholder (card, PIN), ms;
    /// payments only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cardholder_ms: Option<f64>,
    /// Receipt number of a payment.
    pub receipt: Option<u16>,
    /// Whether the payment was reversed (payment mode).
    pub reversed: Option<bool>,
}

impl TxnResult {
    /// Why the round failed, for `crate::i18n::device::failure_text`.
    pub fn failure(&self) -> FailureWords<'_> {
        FailureWords {
            id: self.error.as_deref().unwrap_or("loop-failed"),
            args: &self.error_args,
            code: self
                .result_code
                .as_deref()
                .and_then(|c| u8::from_str_radix(c, 16).ok())
                .map(TerminalCode),
        }
    }
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
    /// Recovery after a failed round is about to take a step (`step` is a message id: asking
    /// the terminal, a reversal attempt, checking a reversal), with the budget left.
    Recovering {
        /// Round (0 for a payment an earlier session left open).
        index: u32,
        /// What it does (message id).
        step: &'static str,
        /// Attempt number (reversals).
        attempt: u32,
        /// Milliseconds of the recovery budget left.
        left_ms: u64,
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
    let mut money = Money::new(&mut journal, &TerminalId::default());
    run_journaled(terminal, cfg, control, &mut money, on_event)
}

/// The test payments' bookkeeping: the journal every payment is written to before it is sent,
/// the terminal it is made on, and the last transaction the terminal is known to have booked.
pub struct Money<'j> {
    journal: &'j mut dyn PaymentJournal,
    terminal: TerminalId,
    last: Option<LastTxn>,
    learned: bool,
}

impl<'j> Money<'j> {
    /// Bookkeeping for payments on `terminal` (who it said it is).
    pub fn new(journal: &'j mut dyn PaymentJournal, terminal: &TerminalId) -> Money<'j> {
        Money {
            journal,
            terminal: terminal.clone(),
            last: None,
            learned: false,
        }
    }

    fn saw(&mut self, info: &PaymentData) {
        if info.result.is_none_or(|c| c.is_success()) && recovery::readable(info) {
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
    let mut terminal_times = vec![];
    let mut unreversed: Vec<Unreversed> = vec![];
    let (mut ok, mut failed, mut ran) = (0, 0, 0);
    for index in 1..=cfg.count {
        if control.aborted() {
            break;
        }
        // A payment whose outcome is unknown must stay the terminal's last transaction, or it
        // can never be found out; one the terminal would not void (refused, no receipt, a
        // void that failed) needs a person: no new payment after any of them, each more would
        // only be more money on the card.
        if !unreversed.is_empty() {
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
        let open_before = unreversed.len();
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
        // The user stopped this round while it was in flight and nothing of it is left open
        // (nothing booked, or booked and voided): it did not run to the terminal's answer, so
        // it is neither a round that ran nor a failure. The test reads STOPPED after the
        // rounds before it.
        if !r.ok && control.aborted() && unreversed.len() == open_before {
            ran -= 1;
            on_event(LoopEvent::Round(r));
            break;
        }
        if r.ok {
            ok += 1;
            latencies.push(r.latency_ms);
            let cardholder = r.cardholder_ms.unwrap_or(0.0);
            terminal_times.push(((r.latency_ms - cardholder) * 1000.0).round().max(0.0) / 1000.0);
        } else {
            failed += 1;
        }
        on_event(LoopEvent::Round(r));
    }
    let latency_ms = Stats::of(&latencies);
    let terminal_ms = Stats::of(&terminal_times);
    // Stopped by the user; a loop that stopped at a payment left unreversed failed instead.
    let aborted = ran < cfg.count && control.aborted();
    let failed_rules = judge(cfg, ran, failed, &unreversed, terminal_ms);
    Summary {
        mode: cfg.mode,
        count: ran,
        planned: cfg.count,
        succeeded: ok,
        failed,
        unreversed,
        latency_ms,
        terminal_ms,
        pass: failed_rules.is_empty(),
        failed_rules,
        aborted,
    }
}

/// The pass rules, each judged on its own: every planned round ran and succeeded, nothing is
/// left unreversed, and the terminal and host (not the cardholder) answered within the p95
/// limit. Every rule that failed is named with its figure.
fn judge(
    cfg: &LoopConfig,
    ran: u32,
    failed: u32,
    unreversed: &[Unreversed],
    terminal_ms: Stats,
) -> Vec<RuleFailure> {
    let mut out = vec![];
    if ran < cfg.count {
        out.push(RuleFailure::Stopped {
            ran,
            planned: cfg.count,
        });
    }
    if failed > 0 {
        out.push(RuleFailure::RoundsFailed { failed, ran });
    }
    if !unreversed.is_empty() {
        out.push(RuleFailure::Unreversed {
            payments: unreversed.len(),
        });
    }
    let limit_ms = ms(cfg.p95_limit);
    if terminal_ms.p95 > limit_ms {
        out.push(RuleFailure::TerminalP95 {
            p95_ms: terminal_ms.p95,
            limit_ms,
        });
    }
    out
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
        cardholder_ms: None,
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
    cardholder: CardholderClock,
}

/// The time the terminal waited for the cardholder (card, PIN, confirmation): measured from a
/// status that asks the cardholder to the next status or the payment's data.
#[derive(Debug, Default)]
struct CardholderClock {
    since: Option<Instant>,
    total: Duration,
}

impl CardholderClock {
    fn showing(&mut self, s: Showing) {
        self.stop();
        if s.waits_for_cardholder() {
            self.since = Some(Instant::now());
        }
    }

    fn stop(&mut self) {
        if let Some(t) = self.since.take() {
            self.total += t.elapsed();
        }
    }
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
            TerminalEvent::Showing(s) => {
                seen.cardholder.showing(s);
                on_event(LoopEvent::Terminal(index, s));
            }
            // Called before the terminal is told the data arrived: the commit is on disk first.
            TerminalEvent::PaymentData(info) => {
                seen.cardholder.stop();
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
    seen.cardholder.stop();
    let mut r = match &result {
        Ok((info, times)) => {
            money.saw(info);
            let mut r = base(index, *times, seen.commit.is_some());
            r.result_code = info.result.map(|c| c.to_string());
            r
        }
        Err(e) => failed_round(index, started, terminal.last_times(), e),
    };
    r.cardholder_ms = Some(ms(seen.cardholder.total));
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
        // Stopped, and the terminal confirmed the abort with its own: nothing was booked. An
        // abort it did not confirm leaves the outcome to be asked.
        (
            None,
            Err(DeviceError::Stopped {
                confirmed: true, ..
            }),
        ) => Booking::NotBooked,
        (None, Err(e)) => Booking::Unknown(error_id(e)),
    };
    // From here on, everything recovery does shares one budget.
    let budget = Budget::for_recovery(cfg.timeout);
    let booking = match booking {
        Booking::BookedNoReceipt | Booking::Unknown(_) if !budget.allow(terminal) => booking,
        Booking::BookedNoReceipt => {
            recovery::announce(on_event, index, "recovery-ask", 1, &budget);
            recovery::ask_terminal(terminal, money, amount.minor, true, "loop-no-receipt")
        }
        Booking::Unknown(why) => {
            recovery::announce(on_event, index, "recovery-ask", 1, &budget);
            recovery::ask_terminal(terminal, money, amount.minor, false, &why)
        }
        b => b,
    };
    terminal.set_command_limit(cfg.timeout);
    let (receipt, trace) = match booking {
        Booking::NotBooked => {
            money.journal.record(&id, PendingEvent::NotBooked);
            return r;
        }
        Booking::Unknown(why) => {
            let u = money_open(
                money,
                &id,
                amount.minor,
                started_at,
                UnreversedKind::OutcomeUnknown,
                Unresolved::Unknown {
                    reason: why.clone(),
                },
                why,
            );
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
        Booking::BookedNoReceipt => {
            let u = money_open(
                money,
                &id,
                amount.minor,
                started_at,
                UnreversedKind::NoReceipt,
                Unresolved::NoReceipt,
                "loop-no-receipt".into(),
            );
            r.ok = false;
            r.error = Some("loop-no-receipt".into());
            on_event(LoopEvent::ReversalFailed(u.clone()));
            unreversed.push(u);
            return r;
        }
        Booking::Booked(receipt, trace) => (receipt, trace),
    };
    r.receipt = Some(receipt);
    on_event(LoopEvent::Reversing(index, receipt));
    match recovery::reverse(
        terminal,
        money,
        (receipt, trace),
        cfg.reversal_attempts,
        &budget,
        on_event,
        index,
    ) {
        Ok(()) => {
            money.journal.record(&id, PendingEvent::Reversed);
            on_event(LoopEvent::Reversed { index, receipt });
            r.reversed = Some(true);
        }
        // The terminal does not know the receipt: it undid the payment itself unless the
        // payment is still its last transaction (then the 83 means something else).
        Err(ReversalFailure::NotFound) if !recovery::is_last_transaction(terminal, receipt) => {
            money.journal.record(&id, PendingEvent::Undone);
            r.ok = false;
            r.error = Some("loop-not-booked".into());
        }
        Err(failure) => {
            // The round says why (the authorisation's own error, else the last void's); the
            // ReversalFailed event says what is left.
            let cause = match &failure {
                ReversalFailure::Failed(_, Some(e)) => Some(e.message()),
                _ => None,
            };
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
                ReversalFailure::Failed(why, _) => (
                    UnreversedKind::Committed,
                    Unresolved::ReversalFailed {
                        reason: why.clone(),
                    },
                    why,
                ),
            };
            let mut u = money_open(
                money,
                &id,
                amount.minor,
                started_at,
                kind,
                unresolved,
                error,
            );
            u.receipt = Some(receipt);
            r.reversed = Some(false);
            r.ok = false;
            if r.error.is_none() {
                match cause {
                    Some((id, args)) => {
                        r.error = Some(id.to_string());
                        r.error_args = args;
                    }
                    None => r.error = Some("loop-reversal-failed".into()),
                }
            }
            on_event(LoopEvent::ReversalFailed(u.clone()));
            unreversed.push(u);
        }
    }
    terminal.set_command_limit(cfg.timeout);
    r
}

/// Records a payment that stays open, for the summary and the next session.
fn money_open(
    money: &mut Money,
    id: &str,
    amount_minor: u64,
    at: chrono::DateTime<chrono::Utc>,
    kind: UnreversedKind,
    unresolved: Unresolved,
    error: String,
) -> Unreversed {
    money
        .journal
        .record(id, PendingEvent::Unresolved(unresolved));
    Unreversed {
        receipt: None,
        amount_minor,
        kind,
        error,
        at,
        pending_id: id.to_string(),
    }
}

/// Before the first payment of a session, the terminal's last transaction (Repeat Receipt), so
/// that a payment whose outcome turns out unknown can be told apart from what came before. An
/// answer that cannot be read leaves it unknown: nothing will be compared with it.
fn learn_last_transaction(terminal: &mut dyn PaymentTerminal, money: &mut Money) {
    if money.learned {
        return;
    }
    money.learned = true;
    money.last = match terminal.repeat_last_receipt() {
        Ok(Some(info)) if recovery::readable(&info) => Some(LastTxn {
            receipt: info.receipt,
            trace: info.trace,
        }),
        Ok(Some(_)) => None,
        Ok(None) => Some(LastTxn::NOTHING),
        Err(e) => {
            tracing::warn!(error = %e, "the terminal's last transaction is not known");
            None
        }
    };
}

#[cfg(test)]
mod tests {
    //! The loop through the [`PaymentTerminal`] seam, with a scripted terminal.

    use super::*;
    use crate::device::fake::FakeTerminal;
    use crate::device::terminal::Wait;
    use crate::device::{Currency, TerminalCode};

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

    /// Issue 27 review: a round the user stopped while it was in flight (the terminal aborted
    /// the payment: nothing booked) is not a failed round: the test reads STOPPED after the
    /// rounds that ran to an answer, also when the stop comes in the last round.
    #[test]
    fn a_round_stopped_in_flight_is_not_a_failed_round() {
        for (stop_at, count) in [(3, 10), (10, 10)] {
            let mut t = FakeTerminal::default();
            let control = Control::default();
            let mut events = vec![];
            let s = run(&mut t, &payments(count), &control, &mut |e| {
                if e == LoopEvent::RoundStarted(stop_at) {
                    control.abort.store(true, Ordering::Relaxed);
                }
                events.push(e)
            });
            assert!(t.calls.contains(&"abort"), "the payment was aborted");
            assert_eq!(
                (s.count, s.succeeded, s.failed),
                (stop_at - 1, stop_at - 1, 0),
                "{s:?}"
            );
            assert!(s.aborted, "{s:?}");
            assert_eq!(
                s.failed_rules,
                vec![RuleFailure::Stopped {
                    ran: stop_at - 1,
                    planned: count
                }]
            );
        }
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
        // "Already reversed" counts as reversed when the terminal's last transaction is the
        // reversal of this payment.
        let mut t = FakeTerminal {
            reversed_before: true,
            ..FakeTerminal::default()
        };
        assert!(run_on(&mut t, 1).0.unreversed.is_empty());
    }

    #[test]
    fn already_reversed_is_not_believed_when_the_last_transaction_says_otherwise() {
        // After the receipt counter wrapped, B4 is about the old payment with the same
        // receipt number: the terminal's last transaction is still this (booked) payment.
        let mut t = FakeTerminal {
            reverse_error: Some(DeviceError::Rejected(TerminalCode::ALREADY_REVERSED)),
            ..FakeTerminal::default()
        };
        let (s, _) = run_on(&mut t, 1);
        assert!(!s.pass);
        assert_eq!(s.unreversed.len(), 1, "{s:?}");
        // Asking again would get the same answer: a person voids it (pending ack allowed).
        assert_eq!(s.unreversed[0].kind, UnreversedKind::Refused);
        assert!(s.unreversed[0].error.contains("B4"), "{s:?}");
        assert!(
            t.calls.ends_with(&["reverse", "repeat-receipt"]),
            "{:?}",
            t.calls
        );
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

    #[test]
    fn a_committed_payment_whose_receipt_cannot_be_read_stays_open_and_is_never_not_booked() {
        // Status information and Repeat Receipt both carry a field posbind cannot read before
        // BMP 87, on a terminal that had booked nothing before.
        let mut t = FakeTerminal {
            unreadable: true,
            ..FakeTerminal::default()
        };
        let mut journal = crate::testloop::pending::tests_support::MemoryJournal::default();
        let terminal = TerminalId::new(Some("0012AB34"), Some("12345678"));
        let mut money = Money::new(&mut journal, &terminal);
        let s = run_journaled(
            &mut t,
            &payments(2),
            &Control::default(),
            &mut money,
            &mut |_| {},
        );
        assert!(!s.pass, "{s:?}");
        assert_eq!(s.unreversed.len(), 1, "no second payment after it: {s:?}");
        assert_eq!(s.unreversed[0].kind, UnreversedKind::NoReceipt);
        assert!(!t.calls.contains(&"reverse"), "nothing to void it with");
        // The record says committed, and stays open for a person; the next session asks the
        // terminal again and still may not call it "not booked".
        let open = journal.open_for(&terminal).unwrap();
        assert_eq!(open.len(), 1);
        assert!(open[0].committed() && open[0].needs_acknowledgement());
        let mut money = Money::new(&mut journal, &terminal);
        let resolved = resolve_pending(&mut t, &mut money, Duration::from_secs(5)).unwrap();
        assert!(resolved[0].still_open(), "{resolved:?}");
        assert_eq!(journal.open_for(&terminal).unwrap().len(), 1);
    }

    #[test]
    fn a_payment_filed_under_the_tid_alone_is_settled_by_a_session_that_knows_the_serial() {
        let mut t = FakeTerminal {
            reverse_error: Some(DeviceError::Timeout(Wait::Completion)),
            ..FakeTerminal::default()
        };
        let mut journal = crate::testloop::pending::tests_support::MemoryJournal::default();
        // The first session's Status Enquiry failed: it knew only the TID.
        let tid_only = TerminalId::new(None, Some("12345678"));
        let mut money = Money::new(&mut journal, &tid_only);
        let s = run_journaled(
            &mut t,
            &payments(1),
            &Control::default(),
            &mut money,
            &mut |_| {},
        );
        assert_eq!(s.unreversed.len(), 1);
        t.reverse_error = None;
        let healthy = TerminalId::new(Some("0012AB34"), Some("12345678"));
        let mut money = Money::new(&mut journal, &healthy);
        let resolved = resolve_pending(&mut t, &mut money, Duration::from_secs(5)).unwrap();
        assert!(
            matches!(resolved.as_slice(), [Resolution::Reversed(_)]),
            "{resolved:?}"
        );
        assert!(journal.open_for(&healthy).unwrap().is_empty());
    }

    #[test]
    fn the_cardholder_time_does_not_count_against_the_terminal() {
        // A card that takes 200 ms, a limit of 50 ms on what the terminal and host take (5 ms).
        let mut cfg = payments(2);
        cfg.p95_limit = Duration::from_millis(50);
        let mut t = FakeTerminal {
            card_wait: Duration::from_millis(200),
            ..FakeTerminal::default()
        };
        let s = run(&mut t, &cfg, &Control::default(), &mut |_| {});
        assert!(s.pass, "{s:?}");
        assert!(
            s.latency_ms.p95 >= 200.0 && s.terminal_ms.p95 <= 5.0,
            "{s:?}"
        );
        // A slow host fails, naming the rule and the figure.
        cfg.p95_limit = Duration::from_millis(1);
        let s = run(
            &mut FakeTerminal::default(),
            &cfg,
            &Control::default(),
            &mut |_| {},
        );
        assert!(!s.pass);
        assert_eq!(
            s.failed_rules,
            [RuleFailure::TerminalP95 {
                p95_ms: 5.0,
                limit_ms: 1.0
            }]
        );
    }
}
