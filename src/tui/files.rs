//! Document files are read and hashed (by [`crate::store::documents::record_file`]) off the UI
//! thread: a large scan on a slow disk must not freeze the wizard. [`spawn`] reads the file on
//! its own thread and sends the record back as an [`Event::FileRecorded`]; the wizard applies
//! it to the case through the domain.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

use chrono::{DateTime, Utc};

use super::app::Event;
use crate::onboarding::materials::{DocumentRecord, FileProblem};
use crate::onboarding::CaseId;
use crate::store::documents::record_file;

/// What a file is recorded as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileTarget {
    /// The document of a checklist item (its id).
    Document(String),
    /// The photo of the installed terminal.
    TerminalPhoto,
}

/// A file to record for a case.
#[derive(Debug, Clone)]
pub struct FileJob {
    /// The case it is for (the open case may change while the file is read).
    pub case: CaseId,
    /// What it is recorded as.
    pub target: FileTarget,
    /// The path as typed.
    pub typed: String,
    /// The form row it was typed in (a refused path goes back into that field).
    pub row: usize,
    /// The path to read (`~` expanded).
    pub path: PathBuf,
}

/// A file read and hashed, or refused.
#[derive(Debug, Clone)]
pub struct FileDone {
    /// The job.
    pub job: FileJob,
    /// The record, or why the file was refused.
    pub result: Result<DocumentRecord, FileProblem>,
}

/// Reads and hashes the file on the calling thread.
pub fn run(job: FileJob, now: DateTime<Utc>) -> FileDone {
    let result = record_file(&job.path, now);
    FileDone { job, result }
}

/// Reads and hashes the file on a thread of its own and sends the result to `events`. A thread
/// that cannot be started gives the job back, for the caller to run it itself.
pub fn spawn(job: FileJob, now: DateTime<Utc>, events: Sender<Event>) -> Result<(), FileJob> {
    let back = job.clone();
    std::thread::Builder::new()
        .name("posbind-file".into())
        .spawn(move || {
            // The wizard may have quit meanwhile: nobody is left to tell.
            let _ = events.send(Event::FileRecorded(run(job, now)));
        })
        .map(|_| ())
        .map_err(|_| back)
}
