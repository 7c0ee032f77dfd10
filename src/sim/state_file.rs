//! The simulated terminal's state file (`state_file`): the terminal's TID, initialisation and
//! stored payments between runs. The path is the user's to choose, so posbind replaces only a
//! file that already is simulator state (or none at all); anything else is refused and left
//! untouched.

use std::io;
use std::path::{Path, PathBuf};

use super::config::SimConfig;
use super::terminal::TerminalState;
use crate::store::atomic::{refuse_link, write_atomic};
use crate::store::input::read_text_capped;

/// Largest state file read (bytes): a state holds one day's test payments at most.
pub const MAX_STATE_BYTES: u64 = 4 * 1024 * 1024;

/// Why a state file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StateFileError {
    /// The file exists but holds something else (a document, another program's JSON…).
    #[error("{path}: not a simulator state file; it is left as it is")]
    NotState {
        /// The file.
        path: PathBuf,
    },
    /// The file system refused (a symbolic link, a directory, permissions…).
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
}

impl StateFileError {
    /// The message id and arguments for showing this error to a user.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            StateFileError::NotState { path } => (
                "sim-state-not-ours",
                vec![("path", path.display().to_string())],
            ),
            StateFileError::Io { path, source } => crate::store::io_message(path, source),
        }
    }
}

/// The state saved at `path`; `None` when there is no file yet.
pub fn read(path: &Path) -> Result<Option<TerminalState>, StateFileError> {
    let io = |source| StateFileError::Io {
        path: path.to_path_buf(),
        source,
    };
    refuse_link(path).map_err(io)?;
    let text = match read_text_capped(path, MAX_STATE_BYTES) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidData | io::ErrorKind::FileTooLarge
            ) =>
        {
            return Err(StateFileError::NotState {
                path: path.to_path_buf(),
            })
        }
        Err(e) => return Err(io(e)),
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|_| StateFileError::NotState {
            path: path.to_path_buf(),
        })
}

/// Saves `state` at `path`, unless what is there now is not simulator state.
pub fn write(path: &Path, state: &TerminalState) -> Result<(), StateFileError> {
    read(path)?;
    let json = serde_json::to_vec_pretty(state).map_err(|e| StateFileError::Io {
        path: path.to_path_buf(),
        source: io::Error::other(e),
    })?;
    write_atomic(path, &json).map_err(|source| StateFileError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Checks the configured state file before the simulator starts, so that a wrong path is
/// reported to the user instead of only in the simulator's log.
pub fn check(config: &SimConfig) -> Result<(), StateFileError> {
    match &config.state_file {
        Some(path) => read(path).map(|_| ()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_simulator_state_is_read_or_replaced() {
        let d = tempfile::tempdir().unwrap();
        let state = TerminalState::from_config(&SimConfig::default());
        let p = d.path().join("state.json");
        assert!(read(&p).unwrap().is_none());
        write(&p, &state).unwrap();
        assert_eq!(read(&p).unwrap(), Some(state.clone()));
        for other in ["notes\n", "{\"name\": \"package\"}", "{}"] {
            let q = d.path().join("other");
            std::fs::write(&q, other).unwrap();
            assert!(matches!(read(&q), Err(StateFileError::NotState { .. })));
            assert!(write(&q, &state).is_err());
            assert_eq!(std::fs::read_to_string(&q).unwrap(), other);
        }
    }
}
