//! The pending-reversal store: `<data dir>/pending.jsonl`, an append-only file of the test
//! payments' events (see [`crate::testloop::pending`]). Every line is written and fsynced before
//! posbind acts on it, so a crash or `kill -9` between any two steps leaves a file that says at
//! least what the terminal knows.
//!
//! Each line stands alone: a damaged line (a torn write, a stray byte, an edit by hand) is
//! reported with its line number and skipped, and every other line still counts; a payment
//! whose first line was lost is still listed. A file that cannot be read at all is an error
//! that names it, and every session that would touch money stops on it.
//!
//! Writers take `locks/pending.lock` for each append, so that compaction — rewriting the file
//! with only the open payments' lines, once it has grown, after copying the closed ones to
//! `pending-history.jsonl` — never loses a line another process is appending. Compaction is a
//! write-to-temporary-then-rename: a crash leaves either the old file or the new one.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;

use super::atomic::{create_private_dir, open_private, refuse_link, write_atomic};
use crate::testloop::pending::{
    fold, LastTxn, PaymentJournal, PendingEvent, PendingPayment, PendingRecord, TerminalId,
};

/// Name of the file in the data directory.
pub const PENDING_FILE: &str = "pending.jsonl";

/// Where compaction keeps the closed payments' lines (never read by posbind; for people).
pub const HISTORY_FILE: &str = "pending-history.jsonl";

/// The file is compacted when it is larger than this (a few thousand payments).
const COMPACT_ABOVE_BYTES: u64 = 512 * 1024;

/// A file larger than this is not read (it is not one posbind wrote).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// How long a writer waits for another process's append or compaction.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The pending store could not be read or written: the file and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {error}", path.display())]
pub struct StoreError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong (the OS's words).
    pub error: String,
}

impl StoreError {
    fn new(path: &Path, error: impl std::fmt::Display) -> StoreError {
        StoreError {
            path: path.to_path_buf(),
            error: error.to_string(),
        }
    }
}

/// A line of the file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedLine {
    /// 1-based line number.
    pub line: usize,
    /// Why (not UTF-8, not a record).
    pub reason: String,
}

/// Everything the file says.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// The records that could be read, in file order.
    pub records: Vec<PendingRecord>,
    /// The lines that could not.
    pub damaged: Vec<DamagedLine>,
}

impl Ledger {
    /// Every payment with its state.
    pub fn payments(&self) -> Vec<PendingPayment> {
        fold(&self.records)
    }

    /// The payments still open (any terminal).
    pub fn open(&self) -> Vec<PendingPayment> {
        self.payments().into_iter().filter(|p| !p.closed).collect()
    }
}

/// Reads the records of `bytes` line by line; a line that is not a record is listed, not
/// fatal. A torn last line (a crash mid-write) is damaged like any other.
fn parse_lines(bytes: &[u8]) -> Ledger {
    let mut ledger = Ledger::default();
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let damaged = |reason: String| DamagedLine {
            line: i + 1,
            reason,
        };
        match std::str::from_utf8(line) {
            Err(_) => ledger.damaged.push(damaged("not UTF-8".into())),
            Ok(text) => match serde_json::from_str::<PendingRecord>(text) {
                Ok(r) => ledger.records.push(r),
                Err(e) => ledger.damaged.push(damaged(e.to_string())),
            },
        }
    }
    ledger
}

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

    fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The whole file: every record that can be read and every line that cannot. An error
    /// (naming the file) when it cannot be read at all: a directory, a link, a special file,
    /// no permission, too large.
    pub fn read(&self) -> Result<Ledger, StoreError> {
        Ok(self
            .read_bytes()?
            .map_or_else(Ledger::default, |b| parse_lines(&b)))
    }

    /// The file's bytes (`None` when there is no file yet), read only from a regular file of a
    /// size posbind could have written: the one way both reading and compaction read it.
    fn read_bytes(&self) -> Result<Option<Vec<u8>>, StoreError> {
        let err = |e: io::Error| StoreError::new(&self.path, e);
        let meta = match fs::symlink_metadata(&self.path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(err(e)),
        };
        if !meta.file_type().is_file() {
            return Err(StoreError::new(&self.path, "not a regular file"));
        }
        if meta.len() > MAX_BYTES {
            return Err(StoreError::new(
                &self.path,
                format!("{} bytes, more than posbind ever writes", meta.len()),
            ));
        }
        let mut bytes = vec![];
        open_read(&self.path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(err)?;
        Ok(Some(bytes))
    }

    /// Every payment with its state.
    pub fn payments(&self) -> Result<Vec<PendingPayment>, StoreError> {
        Ok(self.read()?.payments())
    }

    /// The payments still open (any terminal).
    pub fn open(&self) -> Result<Vec<PendingPayment>, StoreError> {
        Ok(self.read()?.open())
    }

    /// The open payments that stand in the way of `terminal` going live: those made on it, and
    /// those whose terminal is not known (a damaged line) — they may be its.
    pub fn blocking(&self, terminal: &TerminalId) -> Result<Vec<PendingPayment>, StoreError> {
        Ok(self
            .open()?
            .into_iter()
            .filter(|p| p.damaged || terminal.same_terminal(&p.identity))
            .collect())
    }

    /// Takes the lock of `terminal`'s payments: the one session that may settle its open
    /// payments and make new ones. It does not wait: a second session is told who holds it.
    pub fn lock_terminal(
        &self,
        terminal: &TerminalId,
    ) -> Result<super::lock::Lock, super::lock::LockError> {
        let locks = self.dir().join("locks");
        create_private_dir(&locks)
            .and_then(|()| refuse_link(&locks))
            .map_err(|source| super::lock::LockError::Io {
                path: locks.clone(),
                source,
            })?;
        let label = terminal.label();
        // Letters and digits only, so a safe file name; capped.
        let name: String = label
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(64)
            .collect();
        super::lock::Lock::acquire(
            &locks.join(format!("payments-{name}.lock")),
            super::lock::Guarded::Payments(label),
        )
    }

    /// Takes the store's lock, waiting up to [`LOCK_WAIT`] for another writer.
    fn lock(&self) -> Result<fs::File, StoreError> {
        let locks = self.dir().join("locks");
        create_private_dir(&locks).map_err(|e| StoreError::new(&locks, e))?;
        let path = locks.join("pending.lock");
        let until = Instant::now() + LOCK_WAIT;
        loop {
            match crate::platform::lock_file(&path) {
                Ok(Some(f)) => return Ok(f),
                Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(10)),
                Ok(None) => return Err(StoreError::new(&path, "held by another posbind process")),
                Err(e) => return Err(StoreError::new(&path, e)),
            }
        }
    }

    /// Appends one record and fsyncs it.
    pub fn append(&self, record: &PendingRecord) -> Result<(), StoreError> {
        let err = |e: io::Error| StoreError::new(&self.path, e);
        create_private_dir(self.dir()).map_err(|e| StoreError::new(self.dir(), e))?;
        let _lock = self.lock()?;
        let mut line = serde_json::to_string(record).map_err(|e| StoreError::new(&self.path, e))?;
        line.push('\n');
        // A crash mid-write leaves a line without its newline: start on a fresh one.
        if ends_torn(&self.path).map_err(err)? {
            line.insert(0, '\n');
        }
        let mut f = open_private(&self.path, true, false).map_err(err)?;
        f.write_all(line.as_bytes()).map_err(err)?;
        f.sync_all().map_err(err)
    }

    /// Compacts the file when it has grown past a few thousand payments (see the module
    /// comment); says whether it did.
    pub fn compact_if_large(&self) -> Result<bool, StoreError> {
        match fs::symlink_metadata(&self.path) {
            Ok(m) if m.len() > COMPACT_ABOVE_BYTES => self.compact().map(|()| true),
            _ => Ok(false),
        }
    }

    /// Rewrites the file with only the open payments' lines (and the damaged lines, verbatim,
    /// so that they stay reported), after appending the closed payments' lines to the history.
    pub fn compact(&self) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        let Some(bytes) = self.read_bytes()? else {
            return Ok(());
        };
        let ledger = parse_lines(&bytes);
        let closed: std::collections::HashSet<String> = ledger
            .payments()
            .into_iter()
            .filter(|p| p.closed)
            .map(|p| p.id)
            .collect();
        let damaged: std::collections::HashSet<usize> =
            ledger.damaged.iter().map(|d| d.line).collect();
        let (mut keep, mut history) = (vec![], vec![]);
        let mut records = ledger.records.iter();
        for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let to = if damaged.contains(&(i + 1)) {
                &mut keep
            } else {
                match records.next() {
                    Some(r) if closed.contains(&r.id) => &mut history,
                    _ => &mut keep,
                }
            };
            to.extend_from_slice(line);
            to.push(b'\n');
        }
        if !history.is_empty() {
            let path = self.dir().join(HISTORY_FILE);
            let err = |e: io::Error| StoreError::new(&path, e);
            refuse_link(&path).map_err(err)?;
            let mut f = open_private(&path, true, false).map_err(err)?;
            f.write_all(&history).map_err(err)?;
            f.sync_all().map_err(err)?;
        }
        write_atomic(&self.path, &keep).map_err(|e| StoreError::new(&self.path, e))
    }

    /// Marks an open payment acknowledged (a person took over, e.g. refunded it).
    pub fn acknowledge(&self, id: &str) -> Result<bool, StoreError> {
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

/// Opens the file for reading, never through a symbolic link.
fn open_read(path: &Path) -> io::Result<fs::File> {
    refuse_link(path)?;
    let mut o = fs::OpenOptions::new();
    o.read(true);
    crate::platform::set_no_follow(&mut o);
    o.open(path)
}

fn ends_torn(path: &Path) -> io::Result<bool> {
    use std::io::{Seek, SeekFrom};
    let mut f = match open_read(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    if f.seek(SeekFrom::End(0))? == 0 {
        return Ok(false);
    }
    f.seek(SeekFrom::End(-1))?;
    let mut last = [0u8];
    f.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

impl PaymentJournal for PendingStore {
    fn begin(
        &mut self,
        terminal: &TerminalId,
        amount_minor: u64,
        currency: u16,
        before: Option<LastTxn>,
    ) -> Result<String, String> {
        // Between payments is the one moment nothing is in flight on this terminal.
        if let Err(e) = self.compact_if_large() {
            tracing::warn!(error = %e, "the pending-payments file was not compacted");
        }
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
            event: PendingEvent::pending_on(terminal, amount_minor, currency, before),
        };
        self.append(&record).map(|()| id).map_err(|e| e.to_string())
    }

    fn record(&mut self, id: &str, event: PendingEvent) {
        let record = PendingRecord {
            id: id.to_string(),
            at: Utc::now(),
            event,
        };
        if let Err(e) = self.append(&record) {
            tracing::error!(error = %e, "cannot write the pending-payments file");
            self.errors.push(e.to_string());
        }
    }

    fn open_for(&self, terminal: &TerminalId) -> Result<Vec<PendingPayment>, String> {
        let open = self.open().map_err(|e| e.to_string())?;
        Ok(open
            .into_iter()
            .filter(|p| !p.damaged && terminal.same_terminal(&p.identity))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testloop::pending::Commit;

    fn terminal() -> TerminalId {
        TerminalId::new(Some("0012AB34"), Some("12345678"))
    }

    fn committed(receipt: u16) -> PendingEvent {
        PendingEvent::Committed(Commit {
            receipt: Some(receipt),
            trace: Some(3),
            tid: None,
        })
    }

    fn append_bytes(path: &Path, bytes: &[u8]) {
        let mut f = fs::OpenOptions::new().append(true).open(path).unwrap();
        f.write_all(bytes).unwrap();
    }

    #[test]
    fn payments_survive_a_torn_last_line_and_appends_go_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = PendingStore::new(dir.path());
        let id = s.begin(&terminal(), 1, 156, None).unwrap();
        s.record(&id, committed(21));
        // A crash in the middle of the next line.
        append_bytes(s.path(), b"{\"id\":\"");
        assert_eq!(s.open_for(&terminal()).unwrap()[0].receipt(), Some(21));
        s.record(&id, PendingEvent::Reversed);
        assert!(
            s.open().unwrap().is_empty(),
            "the append after the torn line counts"
        );
        assert!(s.errors.is_empty());
    }

    #[test]
    fn a_damaged_line_is_reported_and_the_others_still_count() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = PendingStore::new(dir.path());
        let id = s.begin(&terminal(), 1, 156, None).unwrap();
        s.record(&id, committed(21));
        // One byte that is not UTF-8, on a line of its own, then more payments.
        append_bytes(s.path(), b"\xff\n");
        let second = s.begin(&terminal(), 2, 156, None).unwrap();
        let ledger = s.read().unwrap();
        assert_eq!(ledger.damaged.len(), 1);
        assert_eq!(ledger.damaged[0].line, 3);
        let open: Vec<String> = s
            .open_for(&terminal())
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(open, [id, second]);
    }

    #[test]
    fn a_store_that_cannot_be_read_is_an_error_that_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let s = PendingStore::new(dir.path());
        fs::create_dir(s.path()).unwrap();
        let e = s.open_for(&terminal()).unwrap_err();
        assert!(e.contains(PENDING_FILE), "{e}");
        let e = s.read().unwrap_err();
        assert_eq!(e.path, s.path());
    }

    #[test]
    fn compaction_keeps_every_open_payment_and_moves_the_closed_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = PendingStore::new(dir.path());
        let mut open = vec![];
        for n in 0..50u16 {
            let id = s.begin(&terminal(), 1, 156, None).unwrap();
            s.record(&id, committed(n));
            if n % 10 == 0 {
                open.push(id);
            } else {
                s.record(&id, PendingEvent::Reversed);
            }
        }
        append_bytes(s.path(), b"not a record\n");
        s.compact().unwrap();
        let after = s.read().unwrap();
        let ids: Vec<String> = after.open().into_iter().map(|p| p.id).collect();
        assert_eq!(ids, open);
        assert_eq!(after.payments().len(), open.len(), "closed ones moved out");
        assert_eq!(after.damaged.len(), 1, "a damaged line stays to be seen");
        let history = fs::read_to_string(dir.path().join(HISTORY_FILE)).unwrap();
        assert_eq!(history.lines().count(), 45 * 3);
        // Appends go on after compaction.
        s.record(&open[0], PendingEvent::Reversed);
        assert_eq!(s.open().unwrap().len(), open.len() - 1);
    }

    #[test]
    fn only_open_payments_can_be_acknowledged() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = PendingStore::new(dir.path());
        let id = s.begin(&terminal(), 1, 156, None).unwrap();
        assert!(!s.acknowledge("nope").unwrap());
        assert!(s.acknowledge(&id).unwrap());
        assert!(!s.acknowledge(&id).unwrap(), "already closed");
    }
}
