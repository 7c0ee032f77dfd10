//! What a terminal test is and what it found: the test mode, the latency statistics, the
//! payments left unreversed and the summary a case records. Pure data; the test loop produces
//! it, and the command line has its own `--mode` values.

use serde::{Deserialize, Serialize};

/// What each round does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Diagnosis each round; no card needed.
    Connectivity,
    /// Authorisation of the test amount, then its Reversal.
    Payment,
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

/// What is known of a test payment that is still on the terminal (or may be).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnreversedKind {
    /// Booked; the reversal failed for now (it is tried again next session).
    Committed,
    /// The terminal accepted the payment but its outcome could not be found out.
    OutcomeUnknown,
    /// Booked, and the terminal refuses to reverse it: refund it.
    Refused,
    /// Booked, and its receipt number could not be read: posbind cannot void it; void it on
    /// the terminal's own menu or refund it.
    NoReceipt,
}

/// A payment that is not reversed: shown loudly, kept in the pending-payments file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreversed {
    /// Receipt number of the payment, when known.
    pub receipt: Option<u16>,
    /// Amount in minor units.
    pub amount_minor: u64,
    /// What is known.
    pub kind: UnreversedKind,
    /// Why it is not reversed (result code or error).
    pub error: String,
    /// When the payment was started.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Its id in the pending-payments file (`posbind pending list`).
    pub pending_id: String,
}

impl Unreversed {
    /// The amount in yuan as text (`0.01`).
    pub fn yuan(&self) -> String {
        super::catalog::fmt_fen(self.amount_minor)
    }

    /// The message that says it, by kind.
    pub fn message_id(&self) -> &'static str {
        match self.kind {
            UnreversedKind::Committed => "loop-unreversed",
            UnreversedKind::OutcomeUnknown => "loop-outcome-unknown",
            UnreversedKind::Refused => "loop-reversal-refused",
            UnreversedKind::NoReceipt => "loop-committed-no-receipt",
        }
    }

    /// The message's arguments: receipt (or "?"), amount, local time, pending id.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        vec![
            (
                "receipt",
                self.receipt.map_or_else(|| "?".into(), |r| r.to_string()),
            ),
            ("amount", self.yuan()),
            (
                "time",
                self.at
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string(),
            ),
            ("id", self.pending_id.clone()),
        ]
    }
}

/// The p95 limit on what the terminal and host take (the cardholder's time left out) when
/// none is given: a round trip to the host for a connectivity round, and for a payment the
/// host's authorisation with the terminal's own work (card reading and PIN entry are the
/// cardholder's and do not count).
pub fn default_p95_ms(mode: Mode) -> u64 {
    match mode {
        Mode::Connectivity => 5_000,
        Mode::Payment => 15_000,
    }
}

/// A pass rule a test did not meet, with the figure that failed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "rule")]
pub enum RuleFailure {
    /// Stopped before every planned round ran.
    Stopped {
        /// Rounds run.
        ran: u32,
        /// Rounds planned.
        planned: u32,
    },
    /// Rounds failed.
    RoundsFailed {
        /// How many.
        failed: u32,
        /// Of how many run.
        ran: u32,
    },
    /// Payments are left unreversed.
    Unreversed {
        /// How many.
        payments: usize,
    },
    /// The terminal and host were too slow at the 95th percentile.
    TerminalP95 {
        /// Measured, ms.
        p95_ms: f64,
        /// Allowed, ms.
        limit_ms: f64,
    },
}

impl RuleFailure {
    /// Message id and arguments saying which rule failed and by what figure.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            RuleFailure::Stopped { ran, planned } => (
                "rule-stopped",
                vec![("ran", ran.to_string()), ("planned", planned.to_string())],
            ),
            RuleFailure::RoundsFailed { failed, ran } => (
                "rule-rounds-failed",
                vec![("failed", failed.to_string()), ("ran", ran.to_string())],
            ),
            RuleFailure::Unreversed { payments } => {
                ("rule-unreversed", vec![("payments", payments.to_string())])
            }
            RuleFailure::TerminalP95 { p95_ms, limit_ms } => (
                "rule-terminal-p95",
                vec![
                    ("p95", format!("{p95_ms:.1}")),
                    ("limit", format!("{limit_ms:.0}")),
                ],
            ),
        }
    }
}

/// The final result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Mode.
    pub mode: Mode,
    /// Rounds run.
    pub count: u32,
    /// Rounds planned (older records: the rounds run).
    #[serde(default)]
    pub planned: u32,
    /// Rounds that succeeded.
    pub succeeded: u32,
    /// Rounds that failed.
    pub failed: u32,
    /// Payments left unreversed (reported loudly; need manual reversal).
    pub unreversed: Vec<Unreversed>,
    /// Latency statistics of successful rounds.
    pub latency_ms: Stats,
    /// What the terminal and host took in successful rounds: the latency less the time the
    /// terminal waited for the cardholder (older records: none).
    #[serde(default)]
    pub terminal_ms: Stats,
    /// All succeeded, nothing unreversed, p95 within the limit, not aborted.
    pub pass: bool,
    /// The rules that failed, each with its figure (empty when it passed).
    #[serde(default)]
    pub failed_rules: Vec<RuleFailure>,
    /// Stopped by the user (`x` in the wizard, Ctrl-C on the command line) before all rounds
    /// ran; recorded, so that a resumed case still says STOPPED (older records: false).
    #[serde(default)]
    pub aborted: bool,
}

impl Summary {
    /// Adds the payments the pending store still holds open for the terminal that this run
    /// did not list itself (an earlier session's, one that could not be settled): while any is
    /// open the test has not passed, whatever its rounds did.
    pub fn include_open(&mut self, open: Vec<Unreversed>) {
        for u in open {
            if !self.unreversed.iter().any(|k| k.pending_id == u.pending_id) {
                self.unreversed.push(u);
            }
        }
        if !self.unreversed.is_empty() {
            self.failed_rules
                .retain(|r| !matches!(r, RuleFailure::Unreversed { .. }));
            self.failed_rules.push(RuleFailure::Unreversed {
                payments: self.unreversed.len(),
            });
            self.pass = false;
        }
    }

    /// The summary of a loop that could not start (no round ran).
    pub fn not_run(mode: Mode) -> Summary {
        Summary {
            mode,
            count: 0,
            planned: 0,
            succeeded: 0,
            failed: 0,
            unreversed: vec![],
            latency_ms: Stats::default(),
            terminal_ms: Stats::default(),
            pass: false,
            failed_rules: vec![],
            aborted: false,
        }
    }
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
