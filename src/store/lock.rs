//! One writer per case and per terminal. A process that writes a case, or binds a terminal,
//! first takes the advisory lock of a lock file under `<data dir>/locks/` and writes its pid
//! into it; a second process finds the lock taken and names the holder's pid instead of
//! writing. The OS drops the lock when the holder exits or dies (see
//! [`crate::platform::lock_file`]), so a crashed run never leaves a case locked.

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a lock guards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guarded {
    /// A case (its id).
    Case(String),
    /// A terminal (its normalised serial number): the serial-number index for it.
    Terminal(String),
    /// A terminal's payments (its name in the pending store): the one session that may talk
    /// to it about money.
    Payments(String),
    /// The case index file (see [`super::index`]): one writer at a time.
    Index,
}

/// Why a lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process (or another handle in this one) holds it.
    #[error("{path}: held by another posbind process (pid {})", pid_text(*.pid))]
    Held {
        /// The lock file.
        path: PathBuf,
        /// What it guards.
        what: Guarded,
        /// The holder's pid, when it could be read.
        pid: Option<u32>,
    },
    /// The lock file could not be opened or written.
    #[error("{path}: {source}")]
    Io {
        /// The lock file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
}

fn pid_text(pid: Option<u32>) -> String {
    pid.map(|p| p.to_string()).unwrap_or_else(|| "?".into())
}

impl LockError {
    /// The message id and arguments for showing this error to a user.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            LockError::Held {
                what: Guarded::Case(id),
                pid,
                ..
            } => (
                "lock-case-held",
                vec![("case", id.clone()), ("pid", pid_text(*pid))],
            ),
            LockError::Held {
                what: Guarded::Terminal(serial),
                pid,
                ..
            } => (
                "lock-terminal-held",
                vec![("serial", serial.clone()), ("pid", pid_text(*pid))],
            ),
            LockError::Held {
                what: Guarded::Payments(terminal),
                pid,
                ..
            } => (
                "lock-payments-held",
                vec![("terminal", terminal.clone()), ("pid", pid_text(*pid))],
            ),
            LockError::Held {
                what: Guarded::Index,
                pid,
                ..
            } => ("lock-index-held", vec![("pid", pid_text(*pid))]),
            LockError::Io { path, source } => super::io_message(path, source),
        }
    }
}

/// A held lock; dropping it (or the process ending) releases it.
#[derive(Debug)]
pub struct Lock {
    file: File,
    what: Guarded,
}

impl Lock {
    /// Takes the lock at `path` for `what` without waiting, and writes this process's pid
    /// into the file for whoever finds it taken.
    pub fn acquire(path: &Path, what: Guarded) -> Result<Lock, LockError> {
        let io = |source| LockError::Io {
            path: path.to_path_buf(),
            source,
        };
        match crate::platform::lock_file(path).map_err(io)? {
            Some(mut file) => {
                // Emptied below: it must be a file of posbind's own, not a hard link to one
                // elsewhere (the link was refused on open).
                let meta = file.metadata().map_err(io)?;
                super::atomic::check_written_file(path, &meta).map_err(io)?;
                let pid = std::process::id().to_string();
                file.set_len(0).map_err(io)?;
                file.seek(SeekFrom::Start(0)).map_err(io)?;
                file.write_all(pid.as_bytes()).map_err(io)?;
                Ok(Lock { file, what })
            }
            None => Err(LockError::Held {
                path: path.to_path_buf(),
                pid: holder(path),
                what,
            }),
        }
    }

    /// What this lock guards.
    pub fn guards(&self) -> &Guarded {
        &self.what
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Still held here: emptying the file cannot race with the next holder's pid. A holder
        // that dies leaves its pid behind, which is harmless: the lock, not the file, counts.
        let _ = self.file.set_len(0);
    }
}

/// The pid written in a taken lock file. The holder writes it just after taking the lock, so
/// an empty file is read again a few times before giving up.
fn holder(path: &Path) -> Option<u32> {
    for _ in 0..20 {
        if let Ok(text) = std::fs::read_to_string(path) {
            if let Ok(pid) = text.trim().parse() {
                return Some(pid);
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_while_held_names_the_pid_and_succeeds_after_release() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("case-x.lock");
        let first = Lock::acquire(&p, Guarded::Case("x".into())).unwrap();
        assert_eq!(first.guards(), &Guarded::Case("x".into()));
        match Lock::acquire(&p, Guarded::Case("x".into())) {
            Err(LockError::Held { pid, what, .. }) => {
                assert_eq!(pid, Some(std::process::id()));
                assert_eq!(what, Guarded::Case("x".into()));
            }
            other => panic!("expected Held, got {other:?}"),
        }
        drop(first);
        let again = Lock::acquire(&p, Guarded::Case("x".into()));
        assert!(again.is_ok(), "{again:?}");
    }

    #[test]
    fn a_held_lock_reads_as_a_message_naming_what_and_the_pid() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("terminal-ABC.lock");
        let _held = Lock::acquire(&p, Guarded::Terminal("ABC".into())).unwrap();
        let e = Lock::acquire(&p, Guarded::Terminal("ABC".into())).unwrap_err();
        let (id, args) = e.message();
        assert_eq!(id, "lock-terminal-held");
        let pid = std::process::id().to_string();
        assert!(args.contains(&("pid", pid)), "{args:?}");
        assert!(args.contains(&("serial", "ABC".to_string())), "{args:?}");
    }

    #[test]
    fn locks_on_different_files_are_independent() {
        let d = tempfile::tempdir().unwrap();
        let _a = Lock::acquire(&d.path().join("a.lock"), Guarded::Case("a".into())).unwrap();
        assert!(Lock::acquire(&d.path().join("b.lock"), Guarded::Case("b".into())).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_the_lock_file_is_refused() {
        let d = tempfile::tempdir().unwrap();
        let victim = d.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let p = d.path().join("case-x.lock");
        crate::platform::symlink(&victim, &p).unwrap();
        assert!(matches!(
            Lock::acquire(&p, Guarded::Case("x".into())),
            Err(LockError::Io { .. })
        ));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }
}
