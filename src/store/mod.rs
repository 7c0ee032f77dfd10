//! Case files on disk: one directory per case holding `case.json` (written atomically, mode
//! 0600) and `journal.jsonl` (append-only, one timestamped event per line).

pub mod atomic;
pub mod documents;
pub mod index;
pub mod input;
pub mod lock;
pub mod pending;

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::onboarding::case::{Case, CaseId, CASE_SCHEMA};
use crate::onboarding::Step;

use atomic::{
    create_private_dir, create_private_dir_within, open_private, refuse_link, write_atomic,
};

/// Name of the case file inside a case directory.
pub const CASE_FILE: &str = "case.json";
/// Name of the replay answers file (no secrets) inside a case directory.
pub const REPLAY_FILE: &str = "answers.toml";
/// Name of the journal inside a case directory.
pub const JOURNAL_FILE: &str = "journal.jsonl";

/// What can go wrong with case files.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// The file is not a case file this build can read.
    #[error("{path}: damaged case file: {reason}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },
    /// Written by a newer (or unknown) version of posbind.
    #[error("{path}: unknown case file version {version}")]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// The version found, as written in the file (`"1"`, `-1`, `99`), or `none`.
        version: String,
    },
    /// No case with that id.
    #[error("no case {0}")]
    NotFound(String),
    /// The data directory is writable by every user.
    #[error("{0}: writable by every user; not a data directory")]
    SharedDir(PathBuf),
}

impl StoreError {
    /// The message id and arguments for showing this error to a user.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            StoreError::Io { path, source } => io_message(path, source),
            StoreError::Damaged { path, reason } => (
                "store-error-damaged",
                vec![
                    ("path", path.display().to_string()),
                    ("error", reason.clone()),
                ],
            ),
            StoreError::UnknownVersion { path, version } => (
                "store-error-version",
                vec![
                    ("path", path.display().to_string()),
                    ("version", version.clone()),
                ],
            ),
            StoreError::NotFound(id) => ("store-error-not-found", vec![("id", id.clone())]),
            StoreError::SharedDir(path) => (
                "store-error-shared-dir",
                vec![("path", path.display().to_string())],
            ),
        }
    }
}

/// The message id and arguments for an I/O error on `path`, for every file posbind reads or
/// writes: the path always, and what went wrong in words of the user's language where posbind
/// knows the case (a link, a full disk, a missing file…). Otherwise the OS's own words (which
/// are English) are passed as `error` and the error number as `code`; the Chinese message
/// shows the number only.
pub fn io_message(path: &Path, e: &io::Error) -> (&'static str, Vec<(&'static str, String)>) {
    let p = ("path", path.display().to_string());
    let id = if atomic::is_link_refused(e) {
        "store-error-link"
    } else if let Some(r) = atomic::refusal(e) {
        match r {
            atomic::Refusal::HardLinked => "store-error-hard-link",
            atomic::Refusal::NotRegular => "store-error-not-regular",
            atomic::Refusal::NotDirectory => "store-error-not-directory",
            atomic::Refusal::NotOwned => "store-error-not-owned",
        }
    } else {
        match e.kind() {
            io::ErrorKind::NotFound => "store-error-missing",
            io::ErrorKind::PermissionDenied => "store-error-denied",
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "store-error-full",
            io::ErrorKind::ReadOnlyFilesystem => "store-error-read-only",
            io::ErrorKind::FileTooLarge => "store-error-too-large",
            io::ErrorKind::InvalidData => "store-error-not-text",
            io::ErrorKind::IsADirectory => "store-error-not-regular",
            io::ErrorKind::NotADirectory => "store-error-not-directory",
            _ => {
                let code = e
                    .raw_os_error()
                    .map_or_else(|| format!("{:?}", e.kind()), |c| c.to_string());
                return (
                    "store-error-io",
                    vec![p, ("error", e.to_string()), ("code", code)],
                );
            }
        }
    };
    (id, vec![p])
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One line of a case's journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened (`case-created`, `step-changed`, …).
    pub event: String,
    /// Event details; never full ID, account or card numbers.
    #[serde(default)]
    pub detail: serde_json::Value,
}

/// The facts a case list shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseSummary {
    /// Case id.
    pub id: String,
    /// Merchant name.
    pub merchant: String,
    /// The step the case is on.
    pub step: Step,
    /// Last change.
    pub updated: DateTime<Utc>,
    /// Demo case.
    pub demo: bool,
    /// Serial number from the terminal's label (empty before binding).
    pub serial: String,
    /// Merchant ID from the approval (empty before approval).
    pub mid: String,
    /// Where the case stands (`"status": "submitted", "revision": 2`).
    #[serde(flatten)]
    pub status: crate::onboarding::basis::Lifecycle,
    /// The chosen institution's id (empty before the choice).
    pub institution_id: String,
    /// The institution's name in Chinese and English.
    pub institution: crate::onboarding::text::Text,
}

impl From<index::Entry> for CaseSummary {
    fn from(e: index::Entry) -> CaseSummary {
        CaseSummary {
            id: e.id,
            merchant: e.merchant,
            step: e.step,
            updated: e.updated,
            demo: e.demo,
            serial: e.serial,
            mid: e.mid,
            status: e.status,
            institution_id: e.institution_id,
            institution: crate::onboarding::text::Text {
                zh: e.institution_zh,
                en: e.institution_en,
            },
        }
    }
}

impl CaseSummary {
    /// Whether the case matches a search: `needle` (already lower-case) is part of the merchant
    /// name, the case id, the serial number or the MID, ignoring case.
    pub fn matches(&self, needle: &str) -> bool {
        needle.is_empty()
            || [&self.merchant, &self.id, &self.serial, &self.mid]
                .iter()
                .any(|f| f.to_lowercase().contains(needle))
    }
}

/// A file that could not be read while listing.
#[derive(Debug)]
pub struct Problem {
    /// The error, naming the file.
    pub error: StoreError,
}

/// The result of listing all cases: the readable ones and the problems, newest first.
#[derive(Debug, Default)]
pub struct Listing {
    /// Readable cases, most recently updated first.
    pub cases: Vec<CaseSummary>,
    /// Damaged or unknown-version files, skipped.
    pub problems: Vec<Problem>,
}

/// The case store under one data directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// Opens (and creates, mode 0700) the store under `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        let store = Store {
            root: data_dir.to_path_buf(),
        };
        let cases = store.cases_dir();
        create_private_dir(data_dir).map_err(io_err(data_dir))?;
        // A directory every user may write to (`/tmp` itself) is nobody's data directory: others
        // could plant links in it. Its mode is not ours to change either.
        if atomic::is_shared_dir(data_dir).map_err(io_err(data_dir))? {
            return Err(StoreError::SharedDir(data_dir.to_path_buf()));
        }
        // The data directory and `cases` must be real directories of the user's (a link at
        // `cases` would carry every case elsewhere); ones an older version (or a copy) left
        // readable by others are made private. Case directories are made private (and rid of
        // killed saves' temporary files) when a listing reads them from their files, and when
        // a case is locked for writing: opening stays as fast with 100,000 cases as with none.
        create_private_dir_within(data_dir, &cases).map_err(io_err(&cases))?;
        Ok(store)
    }

    /// The data directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where case directories live.
    pub fn cases_dir(&self) -> PathBuf {
        self.root.join("cases")
    }

    /// The directory of one case.
    pub fn case_dir(&self, id: &CaseId) -> PathBuf {
        self.cases_dir().join(id.as_str())
    }

    /// The outbox directory of one revision of a case's application.
    pub fn outbox_dir(&self, id: &CaseId, revision: u32) -> PathBuf {
        self.case_dir(id)
            .join("outbox")
            .join(format!("rev-{revision}"))
    }

    /// Creates `dir`, a directory inside the cases directory (a case's outbox revision or report
    /// directory), refusing symbolic links on the way.
    pub fn private_dir(&self, dir: &Path) -> Result<(), StoreError> {
        create_private_dir_within(&self.root, dir).map_err(io_err(dir))
    }

    /// Saves a case atomically, stamping `updated`.
    pub fn save(&self, case: &mut Case, now: DateTime<Utc>) -> Result<(), StoreError> {
        case.updated = now;
        let dir = self.case_dir(&case.id);
        self.private_dir(&dir)?;
        let path = dir.join(CASE_FILE);
        let json = serde_json::to_vec_pretty(case).map_err(|e| StoreError::Damaged {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        write_atomic(&path, &json).map_err(io_err(&path))?;
        // The caller holds the case's lock: its index line cannot race another save of it.
        let stamp = index::stamp_of(&dir).unwrap_or_default();
        index::append(
            &self.root,
            &self.locks_dir(),
            &[index::Entry::of(case, stamp)],
        );
        Ok(())
    }

    /// Writes a case's replay answers file (`text`, no secrets) atomically, inside its case
    /// directory checked as [`Store::save`] checks it.
    pub fn save_replay(&self, id: &CaseId, text: &str) -> Result<(), StoreError> {
        let dir = self.case_dir(id);
        self.private_dir(&dir)?;
        let path = dir.join(REPLAY_FILE);
        write_atomic(&path, text.as_bytes()).map_err(io_err(&path))
    }

    /// Appends one event to a case's journal (fsynced).
    pub fn journal(
        &self,
        id: &CaseId,
        event: &str,
        detail: serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let dir = self.case_dir(id);
        self.private_dir(&dir)?;
        let path = dir.join(JOURNAL_FILE);
        let entry = JournalEntry {
            at: now,
            event: event.to_string(),
            detail,
        };
        let mut line = serde_json::to_string(&entry).unwrap_or_default();
        line.push('\n');
        let mut f = open_private(&path, true, false).map_err(io_err(&path))?;
        // A crash mid-append leaves a torn last line; the next event starts on a line of its
        // own so that only the torn one is lost. Read through the handle just checked.
        if ends_mid_line(&f).map_err(io_err(&path))? {
            line.insert(0, '\n');
        }
        f.write_all(line.as_bytes()).map_err(io_err(&path))?;
        f.sync_data().map_err(io_err(&path))
    }

    /// Reads a case's journal; lines that do not parse (a torn last line after a crash) are
    /// skipped.
    pub fn read_journal(&self, id: &CaseId) -> Result<Vec<JournalEntry>, StoreError> {
        let path = self.case_dir(id).join(JOURNAL_FILE);
        refuse_link(&path).map_err(io_err(&path))?;
        let text = match input::read_text_capped(&path, MAX_CASE_BYTES) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(vec![]),
            Err(e) => return Err(io_err(&path)(e)),
        };
        Ok(text
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect())
    }

    /// Loads one case. A case directory holding a symbolic link where posbind writes, or a case
    /// file whose id is not its directory's name, is refused: both would carry later writes
    /// elsewhere.
    pub fn load(&self, id: &CaseId) -> Result<Case, StoreError> {
        let dir = self.case_dir(id);
        refuse_links_in(&dir)?;
        let path = dir.join(CASE_FILE);
        let text = match read_case_file(&path) {
            Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound(id.to_string()))
            }
            other => other?,
        };
        parse_case(&path, id.as_str(), text.as_bytes())
    }

    /// Lists every case, newest first, from the case index (see [`index`]): a case whose files
    /// changed since its entry was made, or that has none, is read from its file, and the index
    /// rewritten when anything was out of date. Unreadable files are reported, never touched.
    pub fn list(&self) -> Result<Listing, StoreError> {
        let dir = self.cases_dir();
        // The case directories are stamped on one thread while the index is parsed on this one
        // (each about half the time of a listing of 100,000 cases).
        let (mut read, stamped) = std::thread::scope(|scope| {
            let stamping = scope.spawn(|| stamp_case_dirs(&dir));
            let read = index::read(&index::path_in(&self.root));
            (read, stamping.join())
        });
        let stamped = match stamped {
            Ok(r) => r.map_err(io_err(&dir))?,
            Err(_) => return Err(io_err(&dir)(io::Error::other("stamping thread failed"))),
        };
        let lines = read.lines;
        let mut known = std::mem::take(&mut read.entries);
        let mut changed = read.damaged;
        let mut fresh: Vec<index::Entry> = Vec::with_capacity(stamped.len());
        let mut listing = Listing::default();
        for (name, stamp) in stamped {
            match known.remove(&name) {
                Some(e) if stamp == Some(e.stamp) => {
                    fresh.push(e);
                    continue;
                }
                Some(_) => changed = true,
                None => {}
            }
            match self.read_entry(&dir.join(&name), &name) {
                Some(Ok(e)) => {
                    changed = true;
                    fresh.push(e);
                }
                Some(Err(error)) => listing.problems.push(Problem { error }),
                None => {}
            }
        }
        // Entries of cases that are gone, or many lines of appends: written anew.
        changed |= !known.is_empty() || lines > 2 * fresh.len() + 64;
        if changed {
            let mut by_id: HashMap<String, index::Entry> =
                fresh.into_iter().map(|e| (e.id.clone(), e)).collect();
            index::rewrite(&self.root, &self.locks_dir(), read.seen, &mut by_id);
            fresh = by_id.into_values().collect();
        }
        listing.cases = newest_first(fresh.into_iter().map(CaseSummary::from).collect());
        Ok(listing)
    }

    /// Reads one case directory's entry from its case file, tidying the directory first (modes,
    /// killed saves' temporary files). `None` for a directory without a case file.
    fn read_entry(&self, case_dir: &Path, name: &str) -> Option<Result<index::Entry, StoreError>> {
        let path = case_dir.join(CASE_FILE);
        if !path.is_file() {
            return None;
        }
        if fs::symlink_metadata(case_dir).is_ok_and(|m| m.is_dir()) {
            if let Err(e) = tidy_case_dir(case_dir) {
                tracing::warn!(dir = %case_dir.display(), error = %e, "cannot tidy a case directory");
            }
        }
        // Stamped before reading: a change while reading makes the next listing read it again.
        let stamp = index::stamp_of(case_dir).unwrap_or_default();
        let parsed = refuse_links_in(case_dir)
            .and_then(|()| read_case_file(&path))
            .and_then(|t| parse_case(&path, name, t.as_bytes()));
        Some(parsed.map(|c| index::Entry::of(&c, stamp)))
    }

    /// Every case's index entry, streamed in no particular order with flat memory (for the
    /// back-office export): entries still true from the index, the others read from their
    /// files (and appended to the index). `each` gets the unreadable files as problems.
    pub fn each_entry(
        &self,
        mut each: impl FnMut(Result<index::Entry, Problem>) -> io::Result<()>,
    ) -> Result<(), StoreError> {
        let dir = self.cases_dir();
        let stale = index::stream_fresh(&self.root, |e| each(Ok(e))).map_err(io_err(&dir))?;
        let mut batch = Vec::new();
        for name in stale {
            match self.read_entry(&dir.join(&name), &name) {
                Some(Ok(e)) => {
                    batch.push(e.clone());
                    each(Ok(e)).map_err(io_err(&dir))?;
                }
                Some(Err(error)) => each(Err(Problem { error })).map_err(io_err(&dir))?,
                None => {}
            }
            if batch.len() >= 1000 {
                index::append(&self.root, &self.locks_dir(), &batch);
                batch.clear();
            }
        }
        index::append(&self.root, &self.locks_dir(), &batch);
        Ok(())
    }

    /// Lists every case by reading every case file, as listing did before the index: the
    /// reference the index is checked against in tests, and the baseline of the benchmarks.
    pub fn list_by_reading_every_file(&self) -> Result<Listing, StoreError> {
        let dir = self.cases_dir();
        let mut listing = Listing::default();
        for entry in fs::read_dir(&dir).map_err(io_err(&dir))? {
            let entry = entry.map_err(io_err(&dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            match self.read_entry(&entry.path(), &name) {
                Some(Ok(e)) => listing.cases.push(CaseSummary::from(e)),
                Some(Err(error)) => listing.problems.push(Problem { error }),
                None => {}
            }
        }
        listing.cases = newest_first(listing.cases);
        Ok(listing)
    }

    /// The case (other than `except`) whose binding holds this serial number, if any: one
    /// terminal serves one merchant.
    pub fn find_bound_serial(
        &self,
        serial: &str,
        except: &CaseId,
    ) -> Result<Option<CaseSummary>, StoreError> {
        let want = crate::onboarding::device::normalize_serial(serial);
        if want.is_empty() {
            return Ok(None);
        }
        // The index names the candidates; each is confirmed from its case file.
        for summary in self.list()?.cases {
            if summary.id == except.as_str()
                || crate::onboarding::device::normalize_serial(&summary.serial) != want
            {
                continue;
            }
            let Some(id) = CaseId::parse(&summary.id) else {
                continue;
            };
            let Ok(case) = self.load(&id) else { continue };
            let bound = case.binding.confirmed_at.is_some() && case.superseded_by.is_none();
            if bound
                && crate::onboarding::device::normalize_serial(&case.binding.serial_label) == want
            {
                return Ok(Some(summary));
            }
        }
        Ok(None)
    }

    /// Where lock files live (one writer per case and per terminal, see [`lock`]).
    pub fn locks_dir(&self) -> PathBuf {
        self.root.join("locks")
    }

    fn lock_in(&self, name: &str, what: lock::Guarded) -> Result<lock::Lock, lock::LockError> {
        let dir = self.locks_dir();
        create_private_dir_within(&self.root, &dir).map_err(|source| lock::LockError::Io {
            path: dir.clone(),
            source,
        })?;
        lock::Lock::acquire(&dir.join(name), what)
    }

    /// Takes the lock of one case: whoever holds it is the case's only writer.
    pub fn lock_case(&self, id: &CaseId) -> Result<lock::Lock, lock::LockError> {
        let what = lock::Guarded::Case(id.to_string());
        let lock = self.lock_in(&format!("case-{}.lock", id.as_str()), what)?;
        // About to be written: a case directory an older version (or a copy) left readable by
        // others is made private first (opening the store no longer walks every case).
        let dir = self.case_dir(id);
        if dir.is_dir() {
            if let Err(e) = tidy_case_dir(&dir) {
                tracing::warn!(dir = %dir.display(), error = %e, "cannot tidy a case directory");
            }
        }
        Ok(lock)
    }

    /// Takes the lock of one terminal's entry in the serial-number index: whoever holds it may
    /// look the serial number up in every case and bind it. `None` for a serial number with no
    /// letters or digits (nothing to bind).
    pub fn lock_terminal(&self, serial: &str) -> Result<Option<lock::Lock>, lock::LockError> {
        let norm = crate::onboarding::device::normalize_serial(serial);
        if norm.is_empty() {
            return Ok(None);
        }
        // Letters and digits only, so a safe file name; capped so a pasted essay is not one.
        let name: String = norm.chars().take(64).collect();
        let what = lock::Guarded::Terminal(norm.clone());
        self.lock_in(&format!("terminal-{name}.lock"), what)
            .map(Some)
    }

    /// Deletes a case directory and everything in it.
    pub fn delete(&self, id: &CaseId) -> Result<(), StoreError> {
        let dir = self.case_dir(id);
        if !dir.join(CASE_FILE).exists() {
            return Err(StoreError::NotFound(id.to_string()));
        }
        fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        atomic::sync_dir(&self.cases_dir()).map_err(io_err(&dir))
    }
}

/// The name and stamp of every entry in the cases directory (`None`: not a case directory with
/// a case file, or a link — such an entry is looked at the slow way).
fn stamp_case_dirs(dir: &Path) -> io::Result<Vec<(String, Option<index::Stamp>)>> {
    let mut out = vec![];
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // The directory's metadata from its entry: looked up relative to the cases directory.
        let stamp = entry
            .metadata()
            .ok()
            .and_then(|m| index::stamp_with(m, &entry.path()));
        out.push((name, stamp));
    }
    Ok(out)
}

/// Sorts cases most recently updated first (ties by id), moving each summary once: sorting
/// 100,000 summaries in place would move them about seventeen times each.
fn newest_first(cases: Vec<CaseSummary>) -> Vec<CaseSummary> {
    let mut order: Vec<usize> = (0..cases.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&cases[a], &cases[b]);
        b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id))
    });
    let mut slots: Vec<Option<CaseSummary>> = cases.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The files and directories of a case that posbind writes to: none may be a symbolic link.
const WRITTEN_IN_A_CASE: [&str; 5] = [CASE_FILE, JOURNAL_FILE, REPLAY_FILE, "outbox", "report"];

/// An error when a case directory, or anything in it posbind writes to, is a symbolic link.
fn refuse_links_in(dir: &Path) -> Result<(), StoreError> {
    refuse_link(dir).map_err(io_err(dir))?;
    for name in WRITTEN_IN_A_CASE {
        let p = dir.join(name);
        refuse_link(&p).map_err(io_err(&p))?;
    }
    Ok(())
}

/// How old a temporary file must be before it counts as left behind by a killed save (a live
/// save holds its temporary file for milliseconds).
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(60);

/// Makes one case directory and its files private and removes stale temporary files.
fn tidy_case_dir(dir: &Path) -> io::Result<()> {
    // Everything in it: the case files, and the outbox and report directories with theirs.
    tighten_tree(dir, 3)?;
    let temp = [
        atomic::temp_prefix(CASE_FILE),
        atomic::temp_prefix(REPLAY_FILE),
    ];
    for entry in fs::read_dir(dir)?.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !temp.iter().any(|t| name.starts_with(t.as_str())) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let age = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .unwrap_or_default();
        if meta.is_file() && age >= STALE_TEMP {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Tightens `dir` and what is in it, `depth` levels down; links are neither followed nor changed.
fn tighten_tree(dir: &Path, depth: u32) -> io::Result<()> {
    atomic::tighten(dir)?;
    if depth == 0 {
        return Ok(());
    }
    for entry in fs::read_dir(dir)?.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            tighten_tree(&entry.path(), depth - 1)?;
        } else if kind.is_file() {
            atomic::tighten(&entry.path())?;
        }
    }
    Ok(())
}

/// Whether the file at `path` is non-empty and does not end with a line break.
fn ends_mid_line(mut f: &fs::File) -> io::Result<bool> {
    if f.metadata()?.len() == 0 {
        return Ok(false);
    }
    // The append handle itself (opened readable): the file the checks passed, not whatever
    // the name points to by now. Appends go to the end wherever this leaves the position.
    f.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    f.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// Largest case file read (bytes). A real case is a few tens of kilobytes; a handed file of
/// gigabytes is reported as damaged instead of being read into memory.
pub const MAX_CASE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a case file of at most [`MAX_CASE_BYTES`]; a larger or non-UTF-8 one is damaged.
fn read_case_file(path: &Path) -> Result<String, StoreError> {
    input::read_text_capped(path, MAX_CASE_BYTES).map_err(|e| match e.kind() {
        io::ErrorKind::FileTooLarge | io::ErrorKind::InvalidData => StoreError::Damaged {
            path: path.to_path_buf(),
            reason: e.to_string(),
        },
        _ => io_err(path)(e),
    })
}

/// Longest text any field of a case file may hold (characters): the longest a person can type
/// is an address of 200 characters, a document's path at most a few thousand bytes.
pub const MAX_STORED_TEXT: usize = 4096;

/// The first field of `v` (as `merchant.name`, `submissions.0.outbox`) holding a string longer
/// than [`MAX_STORED_TEXT`]; `at` is the path to `v`.
fn overlong_text(v: &serde_json::Value, at: &mut Vec<String>) -> Option<String> {
    match v {
        serde_json::Value::String(t) if t.len() > MAX_STORED_TEXT => {
            t.chars().nth(MAX_STORED_TEXT).map(|_| at.join("."))
        }
        serde_json::Value::Array(items) => items.iter().enumerate().find_map(|(i, x)| {
            at.push(i.to_string());
            let found = overlong_text(x, at);
            at.pop();
            found
        }),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(k, x)| {
            // The key is the file's text too: shown through the text gate, cut short here.
            at.push(k.chars().take(40).collect());
            let found = if k.len() > MAX_STORED_TEXT {
                Some(at.join("."))
            } else {
                overlong_text(x, at)
            };
            at.pop();
            found
        }),
        _ => None,
    }
}

/// Parses a case file found in the directory named `dir_name`.
fn parse_case(path: &Path, dir_name: &str, bytes: &[u8]) -> Result<Case, StoreError> {
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    // A character takes at least one byte: when no string of the file (key or value) is
    // longer in bytes than a text may be in characters, none is too long, and the file is read
    // straight into a case — the common case, and twice as fast as through a tree (`health
    // --all` reads every live case). Otherwise the tree names the field that is too long.
    if longest_string_bytes(bytes) <= MAX_STORED_TEXT {
        let case = match serde_json::from_slice::<Case>(bytes) {
            Ok(c) => c,
            // A file of another version may not parse as this build's case at all: that is
            // what it is reported as.
            Err(e) => return Err(version_error(path, bytes)?.unwrap_or(damaged(e.to_string()))),
        };
        if case.schema != CASE_SCHEMA {
            return Err(StoreError::UnknownVersion {
                path: path.to_path_buf(),
                version: case.schema.to_string(),
            });
        }
        return check_case(path, dir_name, case);
    }
    if let Some(e) = version_error(path, bytes)? {
        return Err(e);
    }
    let tree: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| damaged(e.to_string()))?;
    if let Some(field) = overlong_text(&tree, &mut vec![]) {
        return Err(damaged(format!(
            "{field}: longer than {MAX_STORED_TEXT} characters"
        )));
    }
    let case: Case = serde_json::from_value(tree).map_err(|e| damaged(e.to_string()))?;
    check_case(path, dir_name, case)
}

/// The length in bytes of the longest string (key or value) in a JSON text, escapes counted
/// as written (so never less than its characters).
fn longest_string_bytes(bytes: &[u8]) -> usize {
    let (mut longest, mut start, mut escaped) = (0, None, false);
    for (i, b) in bytes.iter().enumerate() {
        match (start, *b) {
            (None, b'"') => start = Some(i + 1),
            (None, _) => {}
            (Some(_), _) if escaped => escaped = false,
            (Some(_), b'\\') => escaped = true,
            (Some(from), b'"') => {
                longest = longest.max(i - from);
                start = None;
            }
            (Some(_), _) => {}
        }
    }
    // An unterminated string runs to the end (the parser then refuses the file).
    match start {
        Some(from) => longest.max(bytes.len() - from),
        None => longest,
    }
}

/// A file of another version than this build's: its error, read from the version field
/// alone (the rest is skipped without building a tree). `Err` when not even that parses.
fn version_error(path: &Path, bytes: &[u8]) -> Result<Option<StoreError>, StoreError> {
    #[derive(serde::Deserialize)]
    struct Version {
        schema: Option<serde_json::Value>,
    }
    let head: Version = serde_json::from_slice(bytes).map_err(|e| StoreError::Damaged {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    match head.schema {
        Some(v) if v.as_u64() == Some(u64::from(CASE_SCHEMA)) => Ok(None),
        found => {
            // Shown as written, so `"1"` (a string) or `-1` is not reported as some other
            // number; a long value is cut, it is someone else's file.
            let mut version = found.map_or_else(|| "none".to_string(), |v| v.to_string());
            if version.chars().count() > 40 {
                version = version.chars().take(40).chain("...".chars()).collect();
            }
            Ok(Some(StoreError::UnknownVersion {
                path: path.to_path_buf(),
                version,
            }))
        }
    }
}

/// What a parsed case must hold beyond its format: the catalog's limits on its offer, a
/// merchant name no longer than a case can be given, its directory's id.
fn check_case(path: &Path, dir_name: &str, case: Case) -> Result<Case, StoreError> {
    // The offer a case keeps is held to the catalog's limits (a review of 4294967295 days
    // would keep the estimate busy for long).
    if let Some(Err(e)) = case.institution.as_ref().map(|i| i.check_limits()) {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            reason: format!("institution: {e}"),
        });
    }
    // A name longer than a case can be given is someone's crafted file: refused, not shown.
    let name = &case.merchant.name;
    if name
        .chars()
        .nth(crate::onboarding::case::MAX_MERCHANT_NAME)
        .is_some()
    {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            reason: format!(
                "merchant.name: longer than {} characters",
                crate::onboarding::case::MAX_MERCHANT_NAME
            ),
        });
    }
    // The id is the directory's name: a case file copied or edited to carry another id would
    // make every later save write somewhere else.
    if case.id.as_str() != dir_name {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            reason: "the case id inside does not match its directory".into(),
        });
    }
    Ok(case)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::platform::{permission_bits, set_permission_bits, symlink};

    #[test]
    fn the_longest_string_counts_keys_escapes_and_an_unterminated_one() {
        assert_eq!(longest_string_bytes(br#"{"ab": "c\"d", "e": 1}"#), 4);
        assert_eq!(longest_string_bytes(br#"{"abcdef": ""}"#), 6);
        assert_eq!(longest_string_bytes(br#"{"a": "\\", "b": "xyz"}"#), 3);
        assert_eq!(longest_string_bytes(br#"{"a": "12345"#), 5);
        assert_eq!(longest_string_bytes(b"[1, 2]"), 0);
    }

    /// The file as a case would be written, with `edit` applied to its JSON.
    fn case_bytes(edit: impl FnOnce(&mut serde_json::Value)) -> (Vec<u8>, String) {
        let c = Case::new("Shop", Lang::En, false, chrono::Utc::now());
        let id = c.id.as_str().to_string();
        let mut v = serde_json::to_value(&c).unwrap();
        edit(&mut v);
        (serde_json::to_vec_pretty(&v).unwrap(), id)
    }

    #[test]
    fn both_readings_of_a_case_file_agree_on_what_they_refuse() {
        let path = Path::new("case.json");
        // Read straight into a case.
        let (bytes, id) = case_bytes(|_| {});
        assert!(parse_case(path, &id, &bytes).is_ok());
        // 4096 characters of three bytes each: through the tree, and accepted.
        let (bytes, id) = case_bytes(|v| v["materials"]["address"] = "字".repeat(4096).into());
        assert!(longest_string_bytes(&bytes) > MAX_STORED_TEXT);
        let case = parse_case(path, &id, &bytes).unwrap();
        assert_eq!(case.materials.address.chars().count(), 4096);
        // One more: refused, naming the field.
        let (bytes, id) = case_bytes(|v| v["materials"]["address"] = "字".repeat(4097).into());
        match parse_case(path, &id, &bytes) {
            Err(StoreError::Damaged { reason, .. }) => {
                assert!(
                    reason.starts_with("materials.address: longer than"),
                    "{reason}"
                )
            }
            other => panic!("{other:?}"),
        }
        // Another version, with and without the rest of the file parsing as a case.
        for (schema, shown) in [
            (serde_json::json!(99), "99"),
            (serde_json::json!("1"), "\"1\""),
        ] {
            let (bytes, id) = case_bytes(|v| v["schema"] = schema.clone());
            match parse_case(path, &id, &bytes) {
                Err(StoreError::UnknownVersion { version, .. }) => assert_eq!(version, shown),
                other => panic!("{other:?}"),
            }
        }
        let (bytes, id) = case_bytes(|v| {
            v.as_object_mut().unwrap().remove("schema");
        });
        match parse_case(path, &id, &bytes) {
            Err(StoreError::UnknownVersion { version, .. }) => assert_eq!(version, "none"),
            other => panic!("{other:?}"),
        }
        // A field of the wrong type is damage, not another version.
        let (bytes, id) = case_bytes(|v| v["merchant"] = 7.into());
        assert!(matches!(
            parse_case(path, &id, &bytes),
            Err(StoreError::Damaged { .. })
        ));
    }

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn store() -> (tempfile::TempDir, Store) {
        let d = tempfile::tempdir().unwrap();
        let s = Store::open(d.path()).unwrap();
        (d, s)
    }

    #[test]
    fn saved_cases_load_back_and_list_newest_first() {
        let (_d, s) = store();
        let mut a = Case::new("A", Lang::En, false, t("2026-01-01T00:00:00Z"));
        let mut b = Case::new("B", Lang::En, false, t("2026-01-01T00:00:01Z"));
        s.save(&mut a, t("2026-01-02T00:00:00Z")).unwrap();
        s.save(&mut b, t("2026-01-03T00:00:00Z")).unwrap();
        assert_eq!(s.load(&a.id).unwrap(), a);
        let l = s.list().unwrap();
        assert_eq!(
            l.cases
                .iter()
                .map(|c| c.merchant.as_str())
                .collect::<Vec<_>>(),
            ["B", "A"]
        );
        assert!(l.problems.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn case_files_and_journal_are_mode_0600() {
        let (_d, s) = store();
        let mut c = Case::new("A", Lang::En, false, t("2026-01-01T00:00:00Z"));
        s.save(&mut c, t("2026-01-01T00:00:00Z")).unwrap();
        s.journal(
            &c.id,
            "case-created",
            serde_json::json!({}),
            t("2026-01-01T00:00:00Z"),
        )
        .unwrap();
        for f in [CASE_FILE, JOURNAL_FILE] {
            let m = fs::metadata(s.case_dir(&c.id).join(f)).unwrap();
            assert_eq!(permission_bits(&m), Some(0o600), "{f}");
        }
    }

    #[test]
    fn damaged_and_future_files_are_reported_by_name_and_left_alone() {
        let (_d, s) = store();
        let mut good = Case::new("Good", Lang::En, false, t("2026-01-01T00:00:00Z"));
        s.save(&mut good, t("2026-01-01T00:00:00Z")).unwrap();
        let bad_dir = s.cases_dir().join("bad");
        fs::create_dir_all(&bad_dir).unwrap();
        fs::write(bad_dir.join(CASE_FILE), b"{ not json").unwrap();
        let new_dir = s.cases_dir().join("future");
        fs::create_dir_all(&new_dir).unwrap();
        fs::write(new_dir.join(CASE_FILE), br#"{"schema": 99}"#).unwrap();

        let l = s.list().unwrap();
        assert_eq!(l.cases.len(), 1);
        assert_eq!(l.problems.len(), 2);
        let text: Vec<String> = l.problems.iter().map(|p| p.error.to_string()).collect();
        assert!(text
            .iter()
            .any(|t| t.contains("bad") && t.contains("damaged")));
        assert!(text
            .iter()
            .any(|t| t.contains("future") && t.contains("version 99")));
        // Untouched.
        assert_eq!(fs::read(bad_dir.join(CASE_FILE)).unwrap(), b"{ not json");
        let id = CaseId::parse("bad").unwrap();
        assert!(matches!(s.load(&id), Err(StoreError::Damaged { .. })));
    }

    #[test]
    fn journal_appends_and_survives_a_torn_last_line() {
        let (_d, s) = store();
        let c = Case::new("A", Lang::En, false, t("2026-01-01T00:00:00Z"));
        s.journal(
            &c.id,
            "case-created",
            serde_json::json!({"x": 1}),
            t("2026-01-01T00:00:00Z"),
        )
        .unwrap();
        s.journal(
            &c.id,
            "step-changed",
            serde_json::json!({}),
            t("2026-01-01T00:00:05Z"),
        )
        .unwrap();
        let p = s.case_dir(&c.id).join(JOURNAL_FILE);
        let mut f = fs::OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"{\"at\":\"2026-").unwrap();
        let j = s.read_journal(&c.id).unwrap();
        assert_eq!(j.len(), 2);
        assert_eq!(j[1].event, "step-changed");
    }

    #[test]
    fn the_next_event_after_a_torn_line_starts_a_line_of_its_own() {
        let (_d, s) = store();
        let c = Case::new("A", Lang::En, false, t("2026-01-01T00:00:00Z"));
        let at = t("2026-01-01T00:00:05Z");
        s.journal(&c.id, "case-created", serde_json::json!({}), at)
            .unwrap();
        let p = s.case_dir(&c.id).join(JOURNAL_FILE);
        let mut f = fs::OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"{\"at\":\"2026-").unwrap();
        s.journal(&c.id, "step-changed", serde_json::json!({}), at)
            .unwrap();
        let events: Vec<_> = s
            .read_journal(&c.id)
            .unwrap()
            .into_iter()
            .map(|e| e.event)
            .collect();
        assert_eq!(events, ["case-created", "step-changed"]);
    }

    #[test]
    fn a_case_file_whose_id_is_not_its_directory_is_damaged() {
        let (_d, s) = store();
        let mut c = Case::new("A", Lang::En, false, t("2026-01-01T00:00:00Z"));
        s.save(&mut c, t("2026-01-01T00:00:00Z")).unwrap();
        let p = s.case_dir(&c.id).join(CASE_FILE);
        for crafted in ["20260101-000000-beef", "../../x", "/tmp/x"] {
            let text = fs::read_to_string(&p)
                .unwrap()
                .replace(c.id.as_str(), crafted);
            let other = s.cases_dir().join("other");
            fs::create_dir_all(&other).unwrap();
            fs::write(other.join(CASE_FILE), &text).unwrap();
            let id = CaseId::parse("other").unwrap();
            assert!(
                matches!(s.load(&id), Err(StoreError::Damaged { .. })),
                "{crafted}"
            );
            let l = s.list().unwrap();
            assert_eq!(l.cases.len(), 1, "{crafted}");
            assert!(!format!("{:?}", l.problems).contains(crafted), "{crafted}");
        }
    }

    #[test]
    fn an_oversized_case_file_is_damaged_not_read() {
        let (_d, s) = store();
        let dir = s.cases_dir().join("big");
        fs::create_dir_all(&dir).unwrap();
        let f = fs::File::create(dir.join(CASE_FILE)).unwrap();
        f.set_len(MAX_CASE_BYTES + 1).unwrap();
        let id = CaseId::parse("big").unwrap();
        assert!(matches!(s.load(&id), Err(StoreError::Damaged { .. })));
        assert_eq!(s.list().unwrap().problems.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn links_in_a_case_directory_are_refused() {
        let (d, s) = store();
        let mut c = Case::new("A", Lang::En, false, t("2026-01-01T00:00:00Z"));
        s.save(&mut c, t("2026-01-01T00:00:00Z")).unwrap();
        let victim = d.path().join("victim");
        fs::write(&victim, "x").unwrap();
        symlink(&victim, s.case_dir(&c.id).join(JOURNAL_FILE)).unwrap();
        let now = t("2026-01-01T00:00:01Z");
        let e = s
            .journal(&c.id, "x", serde_json::json!({}), now)
            .unwrap_err();
        assert_eq!(e.message().0, "store-error-link");
        assert!(s.load(&c.id).is_err());
        assert_eq!(s.list().unwrap().problems.len(), 1);
        assert_eq!(fs::read_to_string(&victim).unwrap(), "x");
    }

    #[cfg(unix)]
    #[test]
    fn listing_tightens_modes_and_removes_stale_temp_files_only() {
        let (d, s) = store();
        let mut c = Case::new("A", Lang::En, false, t("2026-01-01T00:00:00Z"));
        s.save(&mut c, t("2026-01-01T00:00:00Z")).unwrap();
        let dir = s.case_dir(&c.id);
        let loose = |p: &Path, m| set_permission_bits(p, m).unwrap();
        loose(&dir, 0o755);
        loose(&dir.join(CASE_FILE), 0o644);
        let stale = dir.join(".case.json.tmp.1.0");
        let fresh = dir.join(".case.json.tmp.2.0");
        fs::write(&stale, "").unwrap();
        fs::write(&fresh, "").unwrap();
        fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - 2 * STALE_TEMP)
            .unwrap();
        // The files added changed the directory: the listing reads the case again and tidies it.
        Store::open(d.path()).unwrap().list().unwrap();
        let mode = |p: &Path| permission_bits(&fs::metadata(p).unwrap()).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join(CASE_FILE)), 0o600);
        assert!(!stale.exists());
        assert!(fresh.exists(), "a save in progress keeps its temp file");
    }

    #[test]
    fn delete_removes_the_case_and_unknown_ids_are_not_found() {
        let (_d, s) = store();
        let mut c = Case::new("A", Lang::En, false, t("2026-01-01T00:00:00Z"));
        s.save(&mut c, t("2026-01-01T00:00:00Z")).unwrap();
        s.delete(&c.id).unwrap();
        assert!(s.list().unwrap().cases.is_empty());
        assert!(matches!(s.delete(&c.id), Err(StoreError::NotFound(_))));
    }
}
