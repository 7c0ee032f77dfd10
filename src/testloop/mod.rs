//! The timed test-transaction loop: connectivity rounds (Diagnosis) or test payments
//! (Authorisation, then Reversal by receipt number), timed per phase with the monotonic clock,
//! with running statistics and pass criteria. Every payment that succeeded is reversed — also
//! on abort and on error; a reversal that fails after retries is reported as unreversed with its
//! receipt number and amount.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::device::client::{Client, ClientError, PhaseTimes};
use crate::zvt::ecr::{FlowEvent, FlowTimers};
use crate::zvt::messages::Amount;

/// What each round does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Diagnosis each round; no card needed.
    Connectivity,
    /// Authorisation of the test amount, then its Reversal.
    Payment,
}

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

/// Latency statistics in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Stats {
    /// Fastest.
    pub min: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile (nearest rank).
    pub p95: f64,
    /// Slowest.
    pub max: f64,
}

impl Stats {
    /// Statistics of `ms` (empty → zeros).
    pub fn of(ms: &[f64]) -> Stats {
        if ms.is_empty() {
            return Stats::default();
        }
        let mut v = ms.to_vec();
        v.sort_by(f64::total_cmp);
        let rank = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
        Stats {
            min: v[0],
            p50: rank(0.5),
            p95: rank(0.95),
            max: v[v.len() - 1],
        }
    }
}

/// A payment that could not be reversed: it needs a manual reversal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreversed {
    /// Receipt number of the payment.
    pub receipt: u16,
    /// Amount in minor units.
    pub amount_minor: u64,
    /// Why the reversal failed (result code or error).
    pub error: String,
}

impl Unreversed {
    /// The amount in yuan as text (`0.01`).
    pub fn yuan(&self) -> String {
        format!("{}.{:02}", self.amount_minor / 100, self.amount_minor % 100)
    }
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

/// The final result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Mode.
    pub mode: Mode,
    /// Rounds run.
    pub count: u32,
    /// Rounds that succeeded.
    pub succeeded: u32,
    /// Rounds that failed.
    pub failed: u32,
    /// Payments left unreversed (reported loudly; need manual reversal).
    pub unreversed: Vec<Unreversed>,
    /// Latency statistics of successful rounds.
    pub latency_ms: Stats,
    /// All succeeded, nothing unreversed, p95 within the limit, not aborted.
    pub pass: bool,
    /// Stopped by the user before all rounds ran.
    #[serde(skip_serializing, default)]
    pub aborted: bool,
}

impl Summary {
    /// The summary of a loop that could not start (no round ran).
    pub fn not_run(mode: Mode) -> Summary {
        Summary {
            mode,
            count: 0,
            succeeded: 0,
            failed: 0,
            unreversed: vec![],
            latency_ms: Stats::default(),
            pass: false,
            aborted: false,
        }
    }
}

/// What the loop reports while it runs.
#[derive(Debug, Clone, PartialEq)]
pub enum LoopEvent {
    /// A round started.
    RoundStarted(u32),
    /// The terminal shows a status (message id of the intermediate status).
    Terminal(u32, crate::zvt::codes::IntermediateStatus),
    /// A payment is being reversed.
    Reversing(u32, u16),
    /// A round ended.
    Round(TxnResult),
    /// A payment could not be reversed.
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

fn error_id(e: &ClientError) -> String {
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

/// Runs the loop on `client` (blocking; call it on a worker thread).
pub fn run(
    client: &mut Client,
    cfg: &LoopConfig,
    control: &Control,
    on_event: &mut dyn FnMut(LoopEvent),
) -> Summary {
    let t3 = client.config().flow.t3;
    client.set_flow_timers(FlowTimers::bounded(t3, cfg.timeout));
    let mut latencies = vec![];
    let mut unreversed = vec![];
    let (mut ok, mut failed, mut ran) = (0, 0, 0);
    for index in 1..=cfg.count {
        if control.aborted() {
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
            Mode::Connectivity => connectivity(client, index, on_event),
            Mode::Payment => payment(client, cfg, index, on_event, &mut unreversed),
        };
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

fn failed_round(index: u32, started: Instant, times: PhaseTimes, e: &ClientError) -> TxnResult {
    let mut r = base(index, times, false);
    r.latency_ms = ms(started.elapsed());
    r.result_code = e.result_code().map(|c| c.to_string());
    let (id, args) = e.message();
    r.error = Some(id.to_string());
    r.error_args = args;
    r
}

fn connectivity(client: &mut Client, index: u32, on_event: &mut dyn FnMut(LoopEvent)) -> TxnResult {
    let started = Instant::now();
    let mut obs = |e: &FlowEvent| {
        if let FlowEvent::Intermediate(s) = e {
            on_event(LoopEvent::Terminal(index, *s));
        }
    };
    match client.diagnosis(None, &mut obs) {
        Ok(out) => base(index, out.times, true),
        Err(e) => failed_round(index, started, client.last_times(), &e),
    }
}

fn payment(
    client: &mut Client,
    cfg: &LoopConfig,
    index: u32,
    on_event: &mut dyn FnMut(LoopEvent),
    unreversed: &mut Vec<Unreversed>,
) -> TxnResult {
    let started = Instant::now();
    let timeout_s = u8::try_from(cfg.timeout.as_secs()).unwrap_or(u8::MAX);
    let result = {
        let mut obs = |e: &FlowEvent| {
            if let FlowEvent::Intermediate(s) = e {
                on_event(LoopEvent::Terminal(index, *s));
            }
        };
        client.authorise(cfg.amount, Some(timeout_s), &mut obs)
    };
    let (info, out) = match result {
        Ok(x) => x,
        Err(e) => return failed_round(index, started, client.last_times(), &e),
    };
    let mut r = base(index, out.times, info.result.is_none_or(|c| c.is_success()));
    r.result_code = info.result.map(|c| c.to_string());
    r.receipt = info.receipt;
    let Some(receipt) = info.receipt.filter(|_| r.ok) else {
        if r.ok {
            // A successful payment without a receipt number cannot be reversed by posbind.
            r.ok = false;
            r.error = Some("loop-no-receipt".into());
        }
        return r;
    };
    on_event(LoopEvent::Reversing(index, receipt));
    let mut last = String::new();
    for _ in 0..cfg.reversal_attempts.max(1) {
        match client.reverse(receipt, &mut |_| {}) {
            Ok(_) => {
                r.reversed = Some(true);
                return r;
            }
            // Already reversed (by an earlier attempt whose answer was lost) counts as done.
            Err(e) if e.result_code() == Some(crate::zvt::codes::ResultCode::ALREADY_REVERSED) => {
                r.reversed = Some(true);
                return r;
            }
            Err(e) => {
                last = e
                    .result_code()
                    .map(|c| format!("result code {c}"))
                    .unwrap_or_else(|| error_id(&e))
            }
        }
    }
    r.reversed = Some(false);
    r.ok = false;
    r.error = Some("loop-reversal-failed".into());
    let u = Unreversed {
        receipt,
        amount_minor: cfg.amount.minor,
        error: last,
    };
    on_event(LoopEvent::ReversalFailed(u.clone()));
    unreversed.push(u);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        let s = Stats::of(&v);
        assert_eq!((s.min, s.p50, s.p95, s.max), (1.0, 50.0, 95.0, 100.0));
        assert_eq!(Stats::of(&[7.0]).p95, 7.0);
        assert_eq!(Stats::of(&[]), Stats::default());
    }
}
