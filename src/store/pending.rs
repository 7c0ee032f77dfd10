//! The pending-reversal store: `<data dir>/pending.jsonl`, an append-only file of the test
//! payments' events (see [`crate::testloop::pending`]). Every line is written and fsynced before
//! posbind acts on it, so a crash or `kill -9` between any two steps leaves a file that says at
//! least what the terminal knows. A torn last line (a crash mid-write) is skipped when reading
//! and the next append starts on a fresh line.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::Utc;

use super::atomic::{create_private_dir, open_private};
use crate::testloop::pending::{
    fold, LastTxn, PaymentJournal, PendingEvent, PendingPayment, PendingRecord,
};

/// Name of the file in the data directory.
pub const PENDING_FILE: &str = "pending.jsonl";

/// The store of one data directory.
#[derive(Debug, Clone)]
pub struct PendingStore {
    path: PathBuf,
    /// Errors met while writing, for the front end to show (a full disk must not go unseen).
    pub errors: Vec<String>,
}

impl PendingStore {
    /// The store in `data_dir` (nothing is created until something is written).
    pub fn new(data_dir: &Path) -> PendingStore {
        PendingStore {
            path: data_dir.join(PENDING_FILE),
            errors: vec![],
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// All records that can be read; unreadable lines (a torn last line) are skipped.
    pub fn records(&self) -> io::Result<Vec<PendingRecord>> {
        let text = match fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(vec![]),
            Err(e) => return Err(e),
        };
        Ok(text
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect())
    }

    /// Every payment with its state.
    pub fn payments(&self) -> io::Result<Vec<PendingPayment>> {
        Ok(fold(&self.records()?))
    }

    /// The payments still open (any terminal).
    pub fn open(&self) -> io::Result<Vec<PendingPayment>> {
        Ok(self.payments()?.into_iter().filter(|p| !p.closed).collect())
    }

    /// Appends one record and fsyncs it.
    pub fn append(&self, record: &PendingRecord) -> io::Result<()> {
        if let Some(dir) = self.path.parent() {
            create_private_dir(dir)?;
        }
        let mut line = serde_json::to_string(record).map_err(io::Error::other)?;
        line.push('\n');
        // A crash mid-write leaves a line without its newline: start on a fresh one.
        if ends_torn(&self.path)? {
            line.insert(0, '\n');
        }
        let mut f = open_private(&self.path, true, false)?;
        f.write_all(line.as_bytes())?;
        f.sync_all()
    }

    /// Marks an open payment acknowledged (a person took over, e.g. refunds it).
    pub fn acknowledge(&self, id: &str) -> io::Result<bool> {
        let found = self.open()?.iter().any(|p| p.id == id);
        if found {
            self.append(&PendingRecord {
                id: id.to_string(),
                at: Utc::now(),
                event: PendingEvent::Acknowledged,
            })?;
        }
        Ok(found)
    }
}

fn ends_torn(path: &Path) -> io::Result<bool> {
    match fs::read(path) {
        Ok(b) => Ok(b.last().is_some_and(|c| *c != b'\n')),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

impl PaymentJournal for PendingStore {
    fn begin(
        &mut self,
        terminal: &str,
        amount_minor: u64,
        currency: u16,
        before: Option<LastTxn>,
    ) -> Result<String, String> {
        let now = Utc::now();
        let id = format!(
            "{}-{:04x}",
            now.format("%Y%m%d-%H%M%S%.6f"),
            std::process::id() & 0xFFFF
        )
        .replace('.', "");
        let record = PendingRecord {
            id: id.clone(),
            at: now,
            event: PendingEvent::Pending {
                terminal: terminal.to_string(),
                amount_minor,
                currency,
                before,
            },
        };
        self.append(&record)
            .map(|()| id)
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }

    fn record(&mut self, id: &str, event: PendingEvent) {
        let record = PendingRecord {
            id: id.to_string(),
            at: Utc::now(),
            event,
        };
        if let Err(e) = self.append(&record) {
            tracing::error!(error = %e, "cannot write the pending-payments file");
            self.errors.push(format!("{}: {e}", self.path.display()));
        }
    }

    fn open_for(&self, terminal: &str) -> Vec<PendingPayment> {
        match self.open() {
            Ok(p) => p.into_iter().filter(|p| p.terminal == terminal).collect(),
            Err(e) => {
                tracing::error!(error = %e, "cannot read the pending-payments file");
                vec![]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testloop::pending::Commit;

    #[test]
    fn payments_survive_a_torn_last_line_and_appends_go_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = PendingStore::new(dir.path());
        let id = s.begin("12345678", 1, 156, None).unwrap();
        s.record(
            &id,
            PendingEvent::Committed(Commit {
                receipt: Some(21),
                trace: Some(3),
                tid: None,
            }),
        );
        // A crash in the middle of the next line.
        let mut f = fs::OpenOptions::new().append(true).open(s.path()).unwrap();
        f.write_all(b"{\"id\":\"").unwrap();
        drop(f);
        assert_eq!(s.open_for("12345678")[0].receipt(), Some(21));
        s.record(&id, PendingEvent::Reversed);
        assert!(
            s.open().unwrap().is_empty(),
            "the append after the torn line counts"
        );
        assert!(s.errors.is_empty());
    }

    #[test]
    fn only_open_payments_can_be_acknowledged() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = PendingStore::new(dir.path());
        let id = s.begin("T", 1, 156, None).unwrap();
        assert!(!s.acknowledge("nope").unwrap());
        assert!(s.acknowledge(&id).unwrap());
        assert!(!s.acknowledge(&id).unwrap(), "already closed");
    }
}
