//! The life of a test payment as a sequence of events, and what a sequence means: a payment is
//! *pending* from the moment before its Authorisation is sent, *committed* once the terminal's
//! status information with result 00 was acknowledged, and leaves the list of open payments only
//! when it was reversed, found never booked, or a person acknowledged it.
//!
//! Committed is a fact: once a `committed` record exists, nothing later (a Repeat Receipt, another
//! session, a settle) makes the payment "never booked" again, and a record that arrives after a
//! "never booked" reopens the payment. What a payment is follows from the set of its records,
//! not from their order, so two writers cannot talk each other out of a booked payment.
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
    /// Committed, and its receipt number could not be read (nor found by asking the terminal):
    /// posbind cannot void it. A person voids it on the terminal's own menu or refunds it, then
    /// acknowledges it.
    NoReceipt,
}

/// A terminal as the pending store knows it: what the terminal itself reported. A payment is
/// filed with both its serial number and its TID when the terminal gave them, so that a later
/// session finds it by either (a session whose Status Enquiry failed once still knows the TID
/// from its Registration).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalId {
    /// Serial number (hex), as the terminal reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// Terminal ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<String>,
}

impl TerminalId {
    /// From what the terminal reported (empty strings are "not reported").
    pub fn new(serial: Option<&str>, tid: Option<&str>) -> TerminalId {
        let given = |v: Option<&str>| v.map(str::trim).filter(|v| !v.is_empty()).map(String::from);
        TerminalId {
            serial: given(serial).map(|s| s.to_ascii_uppercase()),
            tid: given(tid),
        }
    }

    /// Whether the terminal said who it is at all (payments need it).
    pub fn is_known(&self) -> bool {
        self.serial.is_some() || self.tid.is_some()
    }

    /// The name shown for it: the serial number, else `tid:` and the TID, else `?`.
    pub fn label(&self) -> String {
        match (&self.serial, &self.tid) {
            (Some(s), _) => s.clone(),
            (None, Some(t)) => format!("tid:{t}"),
            (None, None) => "?".into(),
        }
    }

    /// Whether a payment filed under `other` was made on this terminal: the same serial number,
    /// or the same TID where one side lacks the serial number. Two different serial numbers are
    /// two terminals even with one TID (a TID moved to a replacement terminal).
    pub fn same_terminal(&self, other: &TerminalId) -> bool {
        match (&self.serial, &other.serial) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => matches!((&self.tid, &other.tid), (Some(a), Some(b)) if a == b),
        }
    }

    /// Reads the name an older file stored alone (`serial`, `tid:TID` or `port:PORT`).
    fn from_legacy_key(key: &str) -> TerminalId {
        if let Some(tid) = key.strip_prefix("tid:") {
            TerminalId::new(None, Some(tid))
        } else if key.starts_with("port:") || key.is_empty() {
            TerminalId::default()
        } else {
            TerminalId::new(Some(key), None)
        }
    }
}

/// One event in a payment's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "event")]
pub enum PendingEvent {
    /// About to send the Authorisation.
    Pending {
        /// The terminal's name as shown (serial number, else `tid:` TID).
        terminal: String,
        /// Who the terminal said it is (absent in files written before it was recorded: then
        /// `terminal` is read instead).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        identity: Option<TerminalId>,
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
    /// Closes a payment only while no commit is recorded for it.
    NotBooked,
    /// Committed, and then undone by the terminal itself: it knows no payment with this
    /// receipt number (`83` to the reversal) and its last transaction is not this payment (a
    /// terminal reverses a payment whose status information was not acknowledged).
    Undone,
    /// Still open, and why.
    Unresolved(Unresolved),
    /// A person acknowledged a payment that cannot be reversed (`posbind pending ack`).
    Acknowledged,
}

impl PendingEvent {
    /// The first record of a payment about to be sent on `terminal`.
    pub fn pending_on(
        terminal: &TerminalId,
        amount_minor: u64,
        currency: u16,
        before: Option<LastTxn>,
    ) -> PendingEvent {
        PendingEvent::Pending {
            terminal: terminal.label(),
            identity: Some(terminal.clone()),
            amount_minor,
            currency,
            before,
        }
    }
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
    /// The terminal's name as shown (`?` when its `pending` record was lost).
    pub terminal: String,
    /// Who the terminal said it is.
    #[serde(skip)]
    pub identity: TerminalId,
    /// Amount in minor units (0 when its `pending` record was lost).
    pub amount_minor: u64,
    /// Currency.
    pub currency: u16,
    /// When it was started (when first seen, if its `pending` record was lost).
    pub started: DateTime<Utc>,
    /// The last transaction known before it.
    pub before: Option<LastTxn>,
    /// Its booking, once committed.
    pub commit: Option<Commit>,
    /// Why it is still open (if it is).
    pub unresolved: Option<Unresolved>,
    /// Closed: reversed, never booked, or acknowledged.
    pub closed: bool,
    /// Its `pending` record could not be read (a damaged line): what it was made on is not
    /// known, so only a person can close it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub damaged: bool,
}

impl PendingPayment {
    /// The amount in yuan as text (`0.01`).
    pub fn yuan(&self) -> String {
        crate::onboarding::catalog::fmt_fen(self.amount_minor)
    }

    /// The receipt number, when known.
    pub fn receipt(&self) -> Option<u16> {
        self.commit.as_ref().and_then(|c| c.receipt)
    }

    /// Whether the terminal booked it (a status information with result 00 was acknowledged).
    pub fn committed(&self) -> bool {
        self.commit.is_some()
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

    /// The payment as a test's summary lists it.
    pub fn as_unreversed(&self) -> crate::onboarding::test_result::Unreversed {
        use crate::onboarding::test_result::{Unreversed, UnreversedKind};
        let (kind, error) = match &self.unresolved {
            Some(Unresolved::Refused { code }) => {
                (UnreversedKind::Refused, format!("result code {code}"))
            }
            Some(Unresolved::NoReceipt) => (UnreversedKind::NoReceipt, "loop-no-receipt".into()),
            Some(Unresolved::ReversalFailed { reason }) => {
                (UnreversedKind::Committed, reason.clone())
            }
            Some(Unresolved::Unknown { reason }) => {
                (UnreversedKind::OutcomeUnknown, reason.clone())
            }
            None if self.committed() => {
                (UnreversedKind::Committed, "pending-state-committed".into())
            }
            None => (UnreversedKind::OutcomeUnknown, "pending-state-sent".into()),
        };
        Unreversed {
            receipt: self.receipt(),
            amount_minor: self.amount_minor,
            kind,
            error,
            at: self.started,
            pending_id: self.id.clone(),
        }
    }

    /// Whether only a person can close it: the terminal refuses the reversal, its receipt
    /// number is not known, or its record is damaged. Everything else posbind can still void
    /// or settle by asking the terminal.
    pub fn needs_acknowledgement(&self) -> bool {
        self.damaged
            || matches!(
                self.unresolved,
                Some(Unresolved::Refused { .. } | Unresolved::NoReceipt)
            )
    }
}

/// What the records of one payment say, gathered in any order.
#[derive(Debug, Default)]
struct Facts {
    reversed: bool,
    acknowledged: bool,
    not_booked: bool,
}

/// Folds records (in file order) into payments, in the order they were first seen, in one
/// pass. A record whose `pending` record is missing (a damaged line) still makes a payment,
/// marked damaged: nothing the file says of a payment is dropped.
pub fn fold(records: &[PendingRecord]) -> Vec<PendingPayment> {
    let mut out: Vec<PendingPayment> = vec![];
    let mut facts: Vec<Facts> = vec![];
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for r in records {
        let i = *index.entry(r.id.as_str()).or_insert_with(|| {
            out.push(PendingPayment {
                id: r.id.clone(),
                terminal: "?".into(),
                identity: TerminalId::default(),
                amount_minor: 0,
                currency: 0,
                started: r.at,
                before: None,
                commit: None,
                unresolved: None,
                closed: false,
                damaged: true,
            });
            facts.push(Facts::default());
            out.len() - 1
        });
        let (p, f) = (&mut out[i], &mut facts[i]);
        match &r.event {
            PendingEvent::Pending {
                terminal,
                identity,
                amount_minor,
                currency,
                before,
            } => {
                p.terminal = terminal.clone();
                p.identity = identity
                    .clone()
                    .unwrap_or_else(|| TerminalId::from_legacy_key(terminal));
                p.amount_minor = *amount_minor;
                p.currency = *currency;
                p.started = r.at;
                p.before = *before;
                p.damaged = false;
            }
            // A commit is never undone; it also reopens a payment another session had found
            // "never booked".
            PendingEvent::Committed(c) => {
                let known = p.commit.as_ref().and_then(|k| k.receipt);
                if p.commit.is_none() || (known.is_none() && c.receipt.is_some()) {
                    p.commit = Some(c.clone());
                }
                f.not_booked = false;
            }
            PendingEvent::Reversed | PendingEvent::Undone => f.reversed = true,
            PendingEvent::Acknowledged => f.acknowledged = true,
            PendingEvent::NotBooked => f.not_booked = true,
            PendingEvent::Unresolved(u) => {
                p.unresolved = Some(u.clone());
                f.not_booked = false;
            }
        }
    }
    for (p, f) in out.iter_mut().zip(&facts) {
        p.closed = f.reversed || f.acknowledged || (f.not_booked && p.commit.is_none());
        if p.closed {
            p.unresolved = None;
        } else if p.commit.is_some() && p.receipt().is_none() && p.unresolved.is_none() {
            p.unresolved = Some(Unresolved::NoReceipt);
        }
    }
    out
}

/// Where the loop writes a payment's life before it acts: `begin` before the Authorisation is
/// sent, `record` the moment something is known. A `begin` that fails stops the payment from
/// being sent at all, and so does a journal that cannot say what is open.
pub trait PaymentJournal {
    /// Records a payment about to be sent on `terminal`; returns its id.
    fn begin(
        &mut self,
        terminal: &TerminalId,
        amount_minor: u64,
        currency: u16,
        before: Option<LastTxn>,
    ) -> Result<String, String>;
    /// Records what happened to payment `id`. Failures are reported by the journal itself;
    /// the loop goes on (the terminal's state does not wait for the disk).
    fn record(&mut self, id: &str, event: PendingEvent);
    /// The open payments made on `terminal` (for resolving them at the start of a session);
    /// an error (naming the file) when that cannot be known.
    fn open_for(&self, terminal: &TerminalId) -> Result<Vec<PendingPayment>, String>;
}

/// A journal that keeps nothing (tests and callers without a data directory).
#[derive(Debug, Default)]
pub struct NoJournal {
    next: u64,
}

impl PaymentJournal for NoJournal {
    fn begin(
        &mut self,
        _: &TerminalId,
        _: u64,
        _: u16,
        _: Option<LastTxn>,
    ) -> Result<String, String> {
        self.next += 1;
        Ok(self.next.to_string())
    }
    fn record(&mut self, _: &str, _: PendingEvent) {}
    fn open_for(&self, _: &TerminalId) -> Result<Vec<PendingPayment>, String> {
        Ok(vec![])
    }
}

/// A journal in memory, for unit tests of the loop.
#[cfg(test)]
pub mod tests_support {
    use super::*;

    /// Keeps the records in a vector and folds them like the file store does.
    #[derive(Debug, Default)]
    pub struct MemoryJournal {
        /// Every record, in order.
        pub records: Vec<PendingRecord>,
    }

    impl PaymentJournal for MemoryJournal {
        fn begin(
            &mut self,
            terminal: &TerminalId,
            amount_minor: u64,
            currency: u16,
            before: Option<LastTxn>,
        ) -> Result<String, String> {
            let id = format!("p{}", self.records.len());
            self.records.push(PendingRecord {
                id: id.clone(),
                at: Utc::now(),
                event: PendingEvent::pending_on(terminal, amount_minor, currency, before),
            });
            Ok(id)
        }
        fn record(&mut self, id: &str, event: PendingEvent) {
            self.records.push(PendingRecord {
                id: id.into(),
                at: Utc::now(),
                event,
            });
        }
        fn open_for(&self, terminal: &TerminalId) -> Result<Vec<PendingPayment>, String> {
            Ok(fold(&self.records)
                .into_iter()
                .filter(|p| !p.closed && terminal.same_terminal(&p.identity))
                .collect())
        }
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
            identity: None,
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

    fn commit(receipt: Option<u16>) -> PendingEvent {
        PendingEvent::Committed(Commit {
            receipt,
            trace: Some(40),
            tid: None,
        })
    }

    fn open_ids(records: &[PendingRecord]) -> Vec<String> {
        fold(records)
            .into_iter()
            .filter(|p| !p.closed)
            .map(|p| p.id)
            .collect()
    }

    #[test]
    fn committed_is_a_fact_that_no_later_record_downgrades() {
        // Another session (or an unreadable Repeat Receipt) says "never booked" after the
        // commit: the payment stays open.
        let r = vec![
            rec("a", pending()),
            rec("a", commit(Some(21))),
            rec("a", PendingEvent::NotBooked),
        ];
        assert_eq!(open_ids(&r), ["a"]);
        // "Never booked" first, the commit after it (a second session settled a payment the
        // first was still making): the commit reopens it.
        let r = vec![
            rec("a", pending()),
            rec("a", PendingEvent::NotBooked),
            rec("a", commit(Some(21))),
        ];
        assert_eq!(open_ids(&r), ["a"]);
        assert_eq!(fold(&r)[0].receipt(), Some(21));
        // A later commit without a receipt does not hide the receipt an earlier one gave.
        let r = vec![
            rec("a", pending()),
            rec("a", commit(Some(21))),
            rec("a", commit(None)),
        ];
        assert_eq!(fold(&r)[0].receipt(), Some(21));
    }

    #[test]
    fn a_commit_without_a_receipt_stays_open_for_a_person() {
        let r = vec![rec("a", pending()), rec("a", commit(None))];
        let p = &fold(&r)[0];
        assert!(!p.closed);
        assert_eq!(p.unresolved, Some(Unresolved::NoReceipt));
        assert!(p.needs_acknowledgement());
        let mut acked = r.clone();
        acked.push(rec("a", PendingEvent::Acknowledged));
        assert!(fold(&acked)[0].closed);
    }

    #[test]
    fn a_payment_whose_first_line_was_lost_is_still_listed() {
        // The `pending` line was damaged; the commit survives and must not be dropped.
        let p = &fold(&[rec("a", commit(Some(3)))])[0];
        assert!(!p.closed && p.damaged && p.needs_acknowledgement());
        assert_eq!((p.terminal.as_str(), p.receipt()), ("?", Some(3)));
    }

    #[test]
    fn a_terminal_is_found_by_serial_or_by_tid() {
        let full = TerminalId::new(Some("0012ab34"), Some("12345678"));
        let tid_only = TerminalId::new(None, Some("12345678"));
        let serial_only = TerminalId::new(Some("0012AB34"), None);
        assert!(full.same_terminal(&tid_only) && tid_only.same_terminal(&full));
        assert!(full.same_terminal(&serial_only));
        assert!(!full.same_terminal(&TerminalId::new(Some("99"), Some("12345678"))));
        assert!(!TerminalId::default().same_terminal(&TerminalId::default()));
        assert_eq!(full.label(), "0012AB34");
        assert_eq!(tid_only.label(), "tid:12345678");
        // Files written before the identity was recorded name the terminal by one key.
        let legacy = fold(&[rec(
            "a",
            PendingEvent::Pending {
                terminal: "tid:12345678".into(),
                identity: None,
                amount_minor: 1,
                currency: 156,
                before: None,
            },
        )]);
        assert!(full.same_terminal(&legacy[0].identity));
    }
}
