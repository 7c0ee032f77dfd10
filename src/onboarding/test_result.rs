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
        format!("{}.{:02}", self.amount_minor / 100, self.amount_minor % 100)
    }

    /// The message that says it, by kind.
    pub fn message_id(&self) -> &'static str {
        match self.kind {
            UnreversedKind::Committed => "loop-unreversed",
            UnreversedKind::OutcomeUnknown => "loop-outcome-unknown",
            UnreversedKind::Refused => "loop-reversal-refused",
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
