//! The life of a test payment as a sequence of events, and what a sequence means: a payment is
//! *pending* from the moment before its Authorisation is sent, *committed* once the terminal's
//! status information with result 00 was acknowledged, and leaves the list of open payments only
//! when it was reversed, found never booked, or a person acknowledged a refused reversal.
//!
//! The events are written ahead of the action they describe (see [`PaymentJournal`]), so a
//! crash at any moment leaves a record that says at least as much as the terminal knows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The last transaction the terminal is known to have booked: what a Repeat Receipt is compared
/// with to tell whether a payment whose outcome is unknown was booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastTxn {
    /// Receipt number (BMP 87).
    pub receipt: Option<u16>,
    /// Trace number (BMP 0B).
    pub trace: Option<u32>,
}

impl LastTxn {
    /// The terminal has booked nothing yet.
    pub const NOTHING: LastTxn = LastTxn {
        receipt: None,
        trace: None,
    };
}

/// A committed payment's data, recorded the moment its status information is acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commit {
    /// Receipt number; `None` when the status information carried none that could be read.
    pub receipt: Option<u16>,
    /// Trace number.
    pub trace: Option<u32>,
    /// Terminal ID the payment was booked on.
    pub tid: Option<String>,
}

/// Why a payment is still open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Unresolved {
    /// The terminal accepted the Authorisation but what happened next is not known (no status
    /// information, the line failed); asking the terminal did not settle it.
    Unknown {
        /// What went wrong (a message id).
        reason: String,
    },
    /// Committed, and the reversal failed for now (the line, a timeout); it is tried again at
    /// the start of the next session with this terminal.
    ReversalFailed {
        /// What went wrong (a result code or a message id).
        reason: String,
    },
    /// The terminal refuses the reversal for good (e.g. `B5` after End-of-Day): the payment
    /// needs a refund, and leaves the list only when a person acknowledges it.
    Refused {
        /// The terminal's result code (hex).
        code: String,
    },
}

/// How the pending store names a terminal: its serial number when it reports one, else its
/// TID, else the port it was reached on.
pub fn terminal_key(serial: Option<&str>, tid: Option<&str>, port: &str) -> String {
    match (
        serial.filter(|s| !s.is_empty()),
        tid.filter(|t| !t.is_empty()),
    ) {
        (Some(s), _) => s.to_string(),
        (None, Some(t)) => format!("tid:{t}"),
        (None, None) => format!("port:{port}"),
    }
}

/// One event in a payment's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "event")]
pub enum PendingEvent {
    /// About to send the Authorisation.
    Pending {
        /// The terminal (serial number, else TID, else port).
        terminal: String,
        /// Amount in minor units.
        amount_minor: u64,
        /// ISO 4217 numeric currency.
        currency: u16,
        /// The last transaction known before this payment.
        before: Option<LastTxn>,
    },
    /// The status information with result 00 was acknowledged: the payment is booked.
    Committed(Commit),
    /// Reversed (or the terminal says it already is).
    Reversed,
    /// Found never booked (declined, refused, or the terminal's last transaction is not it).
    NotBooked,
    /// Still open, and why.
    Unresolved(Unresolved),
    /// A person acknowledged a payment that cannot be reversed (`posbind pending ack`).
    Acknowledged,
}

/// One line of the pending-payments file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRecord {
    /// The payment's id.
    pub id: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What happened.
    #[serde(flatten)]
    pub event: PendingEvent,
}

/// A payment with everything its events say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingPayment {
    /// Id.
    pub id: String,
    /// The terminal.
    pub terminal: String,
    /// Amount in minor units.
    pub amount_minor: u64,
    /// Currency.
    pub currency: u16,
    /// When it was started.
    pub started: DateTime<Utc>,
    /// The last transaction known before it.
    pub before: Option<LastTxn>,
    /// Its booking, once committed.
    pub commit: Option<Commit>,
    /// Why it is still open (if it is).
    pub unresolved: Option<Unresolved>,
    /// Closed: reversed, never booked, or acknowledged.
    pub closed: bool,
}

impl PendingPayment {
    /// The amount in yuan as text (`0.01`).
    pub fn yuan(&self) -> String {
        format!("{}.{:02}", self.amount_minor / 100, self.amount_minor % 100)
    }

    /// The receipt number, when known.
    pub fn receipt(&self) -> Option<u16> {
        self.commit.as_ref().and_then(|c| c.receipt)
    }

    /// Message arguments: receipt (or "?"), amount, local start time, id, terminal.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        vec![
            (
                "receipt",
                self.receipt().map_or_else(|| "?".into(), |r| r.to_string()),
            ),
            ("amount", self.yuan()),
            (
                "time",
                self.started
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string(),
            ),
            ("id", self.id.clone()),
            ("terminal", self.terminal.clone()),
        ]
    }

    /// Whether only a person can close it (a refused reversal).
    pub fn needs_acknowledgement(&self) -> bool {
        matches!(self.unresolved, Some(Unresolved::Refused { .. }))
    }
}

/// Folds records (in file order) into payments, in the order they were started. Records for
/// an id without its `pending` record are ignored (a file edited by hand).
pub fn fold(records: &[PendingRecord]) -> Vec<PendingPayment> {
    let mut out: Vec<PendingPayment> = vec![];
    for r in records {
        if let PendingEvent::Pending {
            terminal,
            amount_minor,
            currency,
            before,
        } = &r.event
        {
            out.push(PendingPayment {
                id: r.id.clone(),
                terminal: terminal.clone(),
                amount_minor: *amount_minor,
                currency: *currency,
                started: r.at,
                before: *before,
                commit: None,
                unresolved: None,
                closed: false,
            });
            continue;
        }
        let Some(p) = out.iter_mut().find(|p| p.id == r.id) else {
            continue;
        };
        match &r.event {
            PendingEvent::Pending { .. } => {}
            PendingEvent::Committed(c) => {
                p.commit = Some(c.clone());
                p.unresolved = None;
            }
            PendingEvent::Reversed | PendingEvent::NotBooked | PendingEvent::Acknowledged => {
                p.closed = true;
                p.unresolved = None;
            }
            PendingEvent::Unresolved(u) => p.unresolved = Some(u.clone()),
        }
    }
    out
}

/// Where the loop writes a payment's life before it acts: `begin` before the Authorisation is
/// sent, `record` the moment something is known. A `begin` that fails stops the payment from
/// being sent at all.
pub trait PaymentJournal {
    /// Records a payment about to be sent; returns its id.
    fn begin(
        &mut self,
        terminal: &str,
        amount_minor: u64,
        currency: u16,
        before: Option<LastTxn>,
    ) -> Result<String, String>;
    /// Records what happened to payment `id`. Failures are reported by the journal itself;
    /// the loop goes on (the terminal's state does not wait for the disk).
    fn record(&mut self, id: &str, event: PendingEvent);
    /// The open payments of `terminal` (for resolving them at the start of a session).
    fn open_for(&self, terminal: &str) -> Vec<PendingPayment>;
}

/// A journal that keeps nothing (tests and callers without a data directory).
#[derive(Debug, Default)]
pub struct NoJournal {
    next: u64,
}

impl PaymentJournal for NoJournal {
    fn begin(&mut self, _: &str, _: u64, _: u16, _: Option<LastTxn>) -> Result<String, String> {
        self.next += 1;
        Ok(self.next.to_string())
    }
    fn record(&mut self, _: &str, _: PendingEvent) {}
    fn open_for(&self, _: &str) -> Vec<PendingPayment> {
        vec![]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, event: PendingEvent) -> PendingRecord {
        PendingRecord {
            id: id.into(),
            at: DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap(),
            event,
        }
    }

    fn pending() -> PendingEvent {
        PendingEvent::Pending {
            terminal: "12345678".into(),
            amount_minor: 1,
            currency: 156,
            before: None,
        }
    }

    #[test]
    fn a_payment_is_open_until_reversed_never_booked_or_acknowledged() {
        let commit = Commit {
            receipt: Some(21),
            trace: Some(40),
            tid: None,
        };
        let records = vec![
            rec("a", pending()),
            rec("b", pending()),
            rec("c", pending()),
            rec("d", pending()),
            rec("a", PendingEvent::Committed(commit.clone())),
            rec("a", PendingEvent::Reversed),
            rec("b", PendingEvent::NotBooked),
            rec("c", PendingEvent::Committed(commit.clone())),
            rec(
                "c",
                PendingEvent::Unresolved(Unresolved::Refused { code: "B5".into() }),
            ),
            rec("x", PendingEvent::Reversed),
        ];
        let p = fold(&records);
        let open: Vec<&str> = p
            .iter()
            .filter(|p| !p.closed)
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(open, ["c", "d"]);
        assert!(p[2].needs_acknowledgement());
        assert_eq!(p[2].receipt(), Some(21));
        assert_eq!(p[3].receipt(), None, "pending, never committed");
        let mut more = records.clone();
        more.push(rec("c", PendingEvent::Acknowledged));
        assert!(fold(&more)[2].closed);
    }

    #[test]
    fn records_are_one_json_object_per_line() {
        let r = rec(
            "a",
            PendingEvent::Committed(Commit {
                receipt: None,
                trace: Some(7),
                tid: Some("12345678".into()),
            }),
        );
        let line = serde_json::to_string(&r).unwrap();
        assert!(line.contains("\"event\":\"committed\""), "{line}");
        assert_eq!(serde_json::from_str::<PendingRecord>(&line).unwrap(), r);
    }
}
