//! The case index: a derived list of every case's key facts in one file,
//! `<data dir>/case-index.jsonl`, so that listing, searching and exporting 100,000 cases does not
//! read 100,000 case files.
//!
//! The case files stay the only source of truth. The index is a header line
//! (`{"posbind_case_index":1}`) and one JSON line per saved case; a save appends its case's line
//! (the last line of an id wins), and a listing that found anything out of date rewrites the
//! whole file compacted. Every entry carries a [`Stamp`] of its case directory and case file
//! (modification times and size); a listing compares it with the files on disk and reads again
//! every case whose stamp differs (a file-sync tool or a copy changed it behind posbind's back),
//! every case missing from the index, and drops the entries of cases that are gone. A missing
//! index, one with an unknown header, or damaged lines cost a rebuild of what they lost, never a
//! wrong listing.
//!
//! Appends and rewrites take the index lock (`<data dir>/locks/case-index.lock`), so two writers
//! never lose each other's lines; a writer that cannot take it within [`LOCK_WAIT`] leaves the
//! index alone (the stamps make the next listing read that case again).

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::onboarding::basis::Lifecycle;
use crate::onboarding::case::Case;
use crate::onboarding::Step;

use super::atomic::{open_private, write_atomic};
use super::CASE_FILE;

/// Name of the index file in the data directory.
pub const INDEX_FILE: &str = "case-index.jsonl";
/// Version of the index file's format: an index with another header is rebuilt.
pub const INDEX_VERSION: u32 = 1;
/// How long a save or a listing waits for another process's index write.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);

/// The first line of the index file.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    posbind_case_index: u32,
}

/// What a case directory looked like when its entry was made: a different stamp means the
/// case changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Stamp {
    /// Modification time of the case directory, ns since 1970 (a file added, renamed over or
    /// removed in it, a link planted there).
    pub dir_ns: u64,
    /// Modification time of `case.json`, ns since 1970.
    pub file_ns: u64,
    /// Size of `case.json` in bytes.
    pub size: u64,
}

fn nanos(t: io::Result<SystemTime>) -> u64 {
    t.ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// The stamp of a case directory; `None` when the directory or its case file is missing, or is
/// a symbolic link (such a case is always read the slow way, which reports it).
pub fn stamp_of(case_dir: &Path) -> Option<Stamp> {
    stamp_with(fs::symlink_metadata(case_dir).ok()?, case_dir)
}

/// The stamp of a case directory whose own metadata (not following links) is `dir`.
pub fn stamp_with(dir: fs::Metadata, case_dir: &Path) -> Option<Stamp> {
    let file = fs::symlink_metadata(case_dir.join(CASE_FILE)).ok()?;
    if !dir.is_dir() || !file.is_file() {
        return None;
    }
    Some(Stamp {
        dir_ns: nanos(dir.modified()),
        file_ns: nanos(file.modified()),
        size: file.len(),
    })
}

/// How the last payment test of a case came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TestOutcome {
    /// No test recorded.
    None,
    /// The last test passed.
    Passed,
    /// The last test failed.
    Failed,
    /// A payment test was declared not possible (no test card).
    Waived,
}

/// One case in the index: what the case list, its search and filters, and the back-office
/// export need, and the stamp of the files it was taken from. Times are written as
/// nanoseconds since 1970 (parsing 100,000 RFC 3339 texts six times over was a fifth of a
/// listing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Case id (its directory's name).
    pub id: String,
    /// The files the entry was taken from.
    pub stamp: Stamp,
    /// Merchant name.
    pub merchant: String,
    /// The step the case is on.
    pub step: Step,
    /// Where the case stands.
    pub status: Lifecycle,
    /// When the case was started.
    #[serde(with = "chrono::serde::ts_nanoseconds")]
    pub created: DateTime<Utc>,
    /// Last change.
    #[serde(with = "chrono::serde::ts_nanoseconds")]
    pub updated: DateTime<Utc>,
    /// Demo case.
    pub demo: bool,
    /// Serial number from the terminal's label (empty before binding).
    pub serial: String,
    /// The binding is confirmed and not superseded: the serial number is taken.
    pub bound: bool,
    /// The chosen institution's id ("" before the choice).
    pub institution_id: String,
    /// Its name in Chinese.
    pub institution_zh: String,
    /// Its name in English.
    pub institution_en: String,
    /// Merchant ID from the approval ("" before approval).
    pub mid: String,
    /// Terminal ID from the approval ("" before approval).
    pub tid: String,
    /// When the current revision was submitted.
    #[serde(with = "chrono::serde::ts_nanoseconds_option")]
    pub submitted: Option<DateTime<Utc>>,
    /// When the approval was entered.
    #[serde(with = "chrono::serde::ts_nanoseconds_option")]
    pub approved: Option<DateTime<Utc>>,
    /// When the go-live report was written.
    #[serde(with = "chrono::serde::ts_nanoseconds_option")]
    pub live: Option<DateTime<Utc>>,
    /// The last payment test.
    pub test: TestOutcome,
    /// When it ended (or was waived).
    #[serde(with = "chrono::serde::ts_nanoseconds_option")]
    pub test_at: Option<DateTime<Utc>>,
    /// Rounds it ran and rounds that succeeded.
    pub test_rounds: u32,
    /// Rounds that succeeded.
    pub test_succeeded: u32,
}

impl Entry {
    /// The entry of `case`, read from files stamped `stamp`.
    pub fn of(case: &Case, stamp: Stamp) -> Entry {
        use crate::onboarding::application::ReviewOutcome;
        let (mid, tid, approved) = match &case.review {
            Some(ReviewOutcome::Approved { mid, tid, at, .. }) => {
                (mid.clone(), tid.clone(), Some(*at))
            }
            _ => (String::new(), String::new(), None),
        };
        let (test, test_at, test_rounds, test_succeeded) = match (&case.test, &case.test_waiver) {
            (Some(t), _) => {
                let outcome = if t.summary.pass {
                    TestOutcome::Passed
                } else {
                    TestOutcome::Failed
                };
                (outcome, Some(t.at), t.summary.count, t.summary.succeeded)
            }
            (None, Some(w)) => (TestOutcome::Waived, Some(w.at), 0, 0),
            // A terminal without a link: one payment and its void (or refund) a person
            // confirmed — the report says a person, not the terminal, confirmed it.
            (None, None) => match &case.person_test {
                Some(p) => (TestOutcome::Passed, Some(p.payment.at), 1, 1),
                None => (TestOutcome::None, None, 0, 0),
            },
        };
        let institution = case.institution.as_ref();
        Entry {
            id: case.id.to_string(),
            stamp,
            merchant: case.merchant.name.clone(),
            step: case.step,
            status: case.lifecycle(),
            created: case.created,
            updated: case.updated,
            demo: case.demo,
            serial: case.binding.serial_label.clone(),
            bound: case.binding.confirmed_at.is_some() && case.superseded_by.is_none(),
            institution_id: institution.map(|i| i.id.clone()).unwrap_or_default(),
            institution_zh: institution.map(|i| i.name.zh.clone()).unwrap_or_default(),
            institution_en: institution.map(|i| i.name.en.clone()).unwrap_or_default(),
            mid,
            tid,
            submitted: case.current_submission().map(|s| s.at),
            approved,
            live: case.golive.as_ref().map(|g| g.at),
            test,
            test_at,
            test_rounds,
            test_succeeded,
        }
    }
}

/// The index file of the data directory `root`.
pub fn path_in(root: &Path) -> PathBuf {
    root.join(INDEX_FILE)
}

/// What was read from an index file.
#[derive(Debug, Default)]
pub struct Read {
    /// The last entry of each id.
    pub entries: HashMap<String, Entry>,
    /// Lines in the file after the header (appends make more lines than entries).
    pub lines: usize,
    /// Lines that did not parse, or a missing or unknown header (the whole file is then
    /// ignored).
    pub damaged: bool,
    /// Size and modification time of the file when read, to notice a write since.
    pub seen: Option<(u64, u64)>,
}

/// The size and modification time of the index file, if there is one.
fn file_state(path: &Path) -> Option<(u64, u64)> {
    let m = fs::symlink_metadata(path).ok()?;
    Some((m.len(), nanos(m.modified())))
}

/// Whether `line` is the header of this version.
fn is_header(line: &str) -> bool {
    serde_json::from_str::<Header>(line).is_ok_and(|h| h.posbind_case_index == INDEX_VERSION)
}

/// Reads the index file at `path`: a missing file reads as empty, a damaged one as whatever of
/// it parses (nothing, when its header is not this version's).
pub fn read(path: &Path) -> Read {
    let mut out = Read {
        seen: file_state(path),
        ..Read::default()
    };
    // A link in place of the index is not followed (it is rewritten as a file when listing).
    let Ok(meta) = fs::symlink_metadata(path) else {
        return out;
    };
    let opened = if meta.is_file() {
        fs::File::open(path).ok()
    } else {
        None
    };
    let Some(file) = opened else {
        out.damaged = true;
        return out;
    };
    let mut lines = BufReader::with_capacity(1 << 16, file).lines();
    match lines.next() {
        Some(Ok(h)) if is_header(&h) => {}
        _ => {
            out.damaged = true;
            return out;
        }
    }
    for line in lines {
        let Ok(line) = line else {
            out.damaged = true;
            break;
        };
        out.lines += 1;
        match serde_json::from_str::<Entry>(&line) {
            Ok(e) => {
                out.entries.insert(e.id.clone(), e);
            }
            Err(_) => out.damaged = true,
        }
    }
    out
}

/// The lock of the index file, waited for at most [`LOCK_WAIT`].
fn lock(locks_dir: &Path) -> Option<super::lock::Lock> {
    let path = locks_dir.join("case-index.lock");
    if super::atomic::create_private_dir(locks_dir)
        .and_then(|()| super::atomic::refuse_link(locks_dir))
        .is_err()
    {
        return None;
    }
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match super::lock::Lock::acquire(&path, super::lock::Guarded::Index) {
            Ok(l) => return Some(l),
            Err(super::lock::LockError::Held { .. }) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => {
                tracing::warn!(error = %e, "case index not updated: its lock was not taken");
                return None;
            }
        }
    }
}

fn header_line() -> String {
    let h = Header {
        posbind_case_index: INDEX_VERSION,
    };
    format!("{}\n", serde_json::to_string(&h).unwrap_or_default())
}

/// Appends `entries` to the index under its lock (a new or emptied file gets its header
/// first). Failing to append is not a failed save: the case file is saved, and the next listing
/// finds its stamp changed.
pub fn append(root: &Path, locks_dir: &Path, entries: &[Entry]) {
    if entries.is_empty() {
        return;
    }
    let Some(_lock) = lock(locks_dir) else { return };
    let path = path_in(root);
    let result = (|| -> io::Result<()> {
        let mut text = String::new();
        for e in entries {
            text.push_str(&serde_json::to_string(e).map_err(io::Error::other)?);
            text.push('\n');
        }
        let mut f = open_private(&path, true, false)?;
        if f.metadata()?.len() == 0 {
            text.insert_str(0, &header_line());
        }
        // One write, so a reader sees whole lines (a crash mid-write leaves a torn last line,
        // which reads as damaged: the case is then read again).
        f.write_all(text.as_bytes())
    })();
    if let Err(e) = result {
        tracing::warn!(path = %path.display(), error = %e, "case index not updated");
    }
}

/// Rewrites the index with exactly `fresh` (the entries a listing just checked against the
/// files), under its lock. Lines another process appended since `read` are kept when they are
/// newer than what the listing saw (`seen`: the file's state when it read it): their case's
/// stamp on disk is theirs.
pub fn rewrite(
    root: &Path,
    locks_dir: &Path,
    seen: Option<(u64, u64)>,
    fresh: &mut HashMap<String, Entry>,
) {
    let Some(_lock) = lock(locks_dir) else { return };
    let path = path_in(root);
    if file_state(&path) != seen {
        let now = self::read(&path);
        for (id, theirs) in now.entries {
            let Some(mine) = fresh.get(&id) else { continue };
            if theirs.stamp != mine.stamp
                && stamp_of(&root.join("cases").join(&id)) == Some(theirs.stamp)
            {
                fresh.insert(id, theirs);
            }
        }
    }
    let mut text = header_line();
    let mut ids: Vec<&String> = fresh.keys().collect();
    // Sorted so that the file does not change when nothing did (and diffs stay readable).
    ids.sort();
    for id in ids {
        if let Ok(line) = serde_json::to_string(&fresh[id]) {
            text.push_str(&line);
            text.push('\n');
        }
    }
    if let Err(e) = write_atomic(&path, text.as_bytes()) {
        tracing::warn!(path = %path.display(), error = %e, "case index not rewritten");
    }
}

/// Streams the index's current entries without holding them all: calls `each` with every
/// entry whose stamp matches its case on disk, in the file's order, and returns the names of
/// the case directories whose entry is missing or out of date (to be read from their files).
pub fn stream_fresh(
    root: &Path,
    mut each: impl FnMut(Entry) -> io::Result<()>,
) -> io::Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Head {
        id: String,
        stamp: Stamp,
    }
    let path = path_in(root);
    // Pass 1: the last line of every id, and its stamp (a few dozen bytes per case).
    let mut last: HashMap<String, (usize, Stamp)> = HashMap::new();
    let mut usable = false;
    if let Ok(f) = open_index(&path) {
        let mut lines = BufReader::with_capacity(1 << 16, f).lines();
        usable = matches!(lines.next(), Some(Ok(h)) if is_header(&h));
        if usable {
            for (n, line) in lines.enumerate() {
                let Ok(line) = line else { break };
                if let Ok(h) = serde_json::from_str::<Head>(&line) {
                    last.insert(h.id, (n, h.stamp));
                }
            }
        }
    }
    // Pass 2: which of those still describe their case.
    let cases = root.join("cases");
    let mut use_lines: HashMap<usize, (String, Stamp)> = HashMap::new();
    let mut stale = vec![];
    for dir in fs::read_dir(&cases)? {
        let dir = dir?;
        if !dir.file_type().is_ok_and(|t| t.is_dir() || t.is_symlink()) {
            continue;
        }
        let name = dir.file_name().to_string_lossy().into_owned();
        match (last.remove(&name), stamp_of(&dir.path())) {
            (Some((n, s)), Some(now)) if s == now => {
                use_lines.insert(n, (name, s));
            }
            _ => stale.push(name),
        }
    }
    drop(last);
    // Pass 3: those lines, one at a time. An entry that is not the one pass 1 saw there (the
    // file was rewritten in between) is not trusted: its case is read from its file.
    if usable && !use_lines.is_empty() {
        let f = open_index(&path)?;
        for (n, line) in BufReader::with_capacity(1 << 16, f)
            .lines()
            .skip(1)
            .enumerate()
        {
            let Ok(line) = line else { break };
            let Some((id, stamp)) = use_lines.remove(&n) else {
                continue;
            };
            match serde_json::from_str::<Entry>(&line) {
                Ok(e) if e.id == id && e.stamp == stamp => each(e)?,
                _ => stale.push(id),
            }
        }
    }
    stale.extend(use_lines.into_values().map(|(id, _)| id));
    Ok(stale)
}

/// Opens the index file for reading; a link in its place is not followed.
fn open_index(path: &Path) -> io::Result<fs::File> {
    super::atomic::refuse_link(path)?;
    fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::store::Store;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// A store with three saved cases, listed once (so the index exists).
    fn store_with_cases() -> (tempfile::TempDir, Store, Vec<Case>) {
        let d = tempfile::tempdir().unwrap();
        let s = Store::open(d.path()).unwrap();
        let mut cases = vec![];
        for (i, name) in ["Alpha Mart", "Beta Noodles", "Gamma Tea"]
            .iter()
            .enumerate()
        {
            let at = t("2026-01-01T00:00:00Z") + chrono::Duration::minutes(i as i64);
            let mut c = Case::new(name, Lang::En, false, at);
            s.save(&mut c, at).unwrap();
            cases.push(c);
        }
        s.list().unwrap();
        (d, s, cases)
    }

    fn names(s: &Store) -> Vec<String> {
        s.list()
            .unwrap()
            .cases
            .into_iter()
            .map(|c| c.merchant)
            .collect()
    }

    /// The listing from the index is the listing from every file, and the index is whole again.
    fn assert_index_matches_files(s: &Store) {
        let from_index = s.list().unwrap().cases;
        let from_files = s.list_by_reading_every_file().unwrap().cases;
        assert_eq!(from_index, from_files);
        let r = read(&path_in(s.root()));
        assert!(!r.damaged, "the listing left a whole index behind");
        assert_eq!(r.entries.len(), from_files.len());
    }

    #[test]
    fn saves_are_appended_and_a_listing_needs_no_case_file_read() {
        let (_d, s, cases) = store_with_cases();
        let r = read(&path_in(s.root()));
        assert_eq!(r.entries.len(), 3);
        assert_eq!(r.entries[cases[1].id.as_str()].merchant, "Beta Noodles");
        // The index alone is listed: a case file's content is not read while its stamp holds
        // (proved by changing the content without changing the stamp).
        let p = s.case_dir(&cases[0].id).join(CASE_FILE);
        let stamp = stamp_of(&s.case_dir(&cases[0].id)).unwrap();
        let text = fs::read_to_string(&p)
            .unwrap()
            .replace("Alpha Mart", "Alpha Mar_");
        let m = fs::metadata(&p).unwrap().modified().unwrap();
        fs::OpenOptions::new()
            .write(true)
            .open(&p)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let f = fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(m).unwrap();
        assert_eq!(stamp_of(&s.case_dir(&cases[0].id)), Some(stamp));
        assert!(names(&s).contains(&"Alpha Mart".to_string()));
    }

    #[test]
    fn a_deleted_index_is_rebuilt() {
        let (_d, s, _) = store_with_cases();
        fs::remove_file(path_in(s.root())).unwrap();
        assert_eq!(names(&s), ["Gamma Tea", "Beta Noodles", "Alpha Mart"]);
        assert_index_matches_files(&s);
    }

    #[test]
    fn a_damaged_index_is_rebuilt() {
        for damage in [
            "garbage\n".to_string(),
            "{\"posbind_case_index\":99}\n".to_string(),
            format!("{}{{\"id\":\"torn", header_line()),
            String::new(),
        ] {
            let (_d, s, _) = store_with_cases();
            let p = path_in(s.root());
            let mut text = fs::read_to_string(&p).unwrap();
            // In the middle, at the start, or a torn tail: whatever it lost is read again.
            text.insert_str(text.len() / 2, &damage);
            fs::write(&p, &text).unwrap();
            assert_eq!(names(&s).len(), 3, "{damage:?}");
            assert_index_matches_files(&s);
        }
    }

    #[test]
    fn a_case_file_changed_behind_its_back_is_read_again() {
        let (_d, s, cases) = store_with_cases();
        // As a file-sync tool does: the other laptop's file, same size, put in place by a
        // rename, with the other laptop's (older) modification time.
        let dir = s.case_dir(&cases[1].id);
        let p = dir.join(CASE_FILE);
        let text = fs::read_to_string(&p)
            .unwrap()
            .replace("Beta Noodles", "Beta Noodle2");
        let tmp = dir.join(".sync-tmp");
        fs::write(&tmp, &text).unwrap();
        fs::File::options()
            .write(true)
            .open(&tmp)
            .unwrap()
            .set_modified(SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
        fs::rename(&tmp, &p).unwrap();
        assert!(names(&s).contains(&"Beta Noodle2".to_string()));
        assert_index_matches_files(&s);
        // A case copied in, and one removed, behind its back.
        let gone = s.case_dir(&cases[0].id);
        fs::remove_dir_all(&gone).unwrap();
        let copy = s.cases_dir().join("copied-in");
        fs::create_dir(&copy).unwrap();
        fs::write(
            copy.join(CASE_FILE),
            text.replace(cases[1].id.as_str(), "copied-in"),
        )
        .unwrap();
        assert_eq!(names(&s).len(), 3);
        assert!(!names(&s).contains(&"Alpha Mart".to_string()));
        assert_index_matches_files(&s);
    }

    // Unix only: under Wine a save's rename over the index (or a case file) fails while another
    // thread of the same process has it open for reading; whether real Windows behaves so was
    // not tried (README, Platforms).
    #[cfg(unix)]
    #[test]
    fn two_writers_and_a_lister_never_lose_an_update() {
        let (_d, s, cases) = store_with_cases();
        let rounds = 40;
        std::thread::scope(|scope| {
            for (w, case) in cases.iter().take(2).enumerate() {
                let (s, mut case) = (s.clone(), case.clone());
                scope.spawn(move || {
                    for i in 0..rounds {
                        case.merchant.name = format!("writer {w} save {i}");
                        s.save(&mut case, t("2026-02-01T00:00:00Z")).unwrap();
                    }
                });
            }
            let s = s.clone();
            scope.spawn(move || {
                // Listing (and rewriting the index) the whole time the writers write.
                for _ in 0..rounds {
                    s.list().unwrap();
                }
            });
        });
        // The index as written, before any listing repairs it: each writer's last save is there.
        let r = read(&path_in(s.root()));
        for (w, case) in cases.iter().take(2).enumerate() {
            let e = &r.entries[case.id.as_str()];
            assert_eq!(e.merchant, format!("writer {w} save {}", rounds - 1));
        }
        assert_index_matches_files(&s);
    }

    #[test]
    fn a_rewrite_keeps_a_save_appended_while_the_listing_ran() {
        // The interleaving the lock and the merge are for, made to happen: a listing has read
        // the index and checked the files; then a save appends; then the listing rewrites.
        let (_d, s, mut cases) = store_with_cases();
        let mut r = read(&path_in(s.root()));
        let mut fresh = std::mem::take(&mut r.entries);
        cases[0].merchant.name = "Saved meanwhile".into();
        s.save(&mut cases[0], t("2026-03-01T00:00:00Z")).unwrap();
        rewrite(s.root(), &s.locks_dir(), r.seen, &mut fresh);
        let after = read(&path_in(s.root()));
        assert_eq!(
            after.entries[cases[0].id.as_str()].merchant,
            "Saved meanwhile"
        );
        assert_eq!(after.lines, 3, "rewritten compact");
    }

    #[test]
    fn streaming_gives_every_case_once_and_reads_stale_ones_from_their_files() {
        let (_d, s, cases) = store_with_cases();
        let p = s.case_dir(&cases[2].id).join(CASE_FILE);
        let text = fs::read_to_string(&p)
            .unwrap()
            .replace("Gamma Tea", "Gamma Tee");
        fs::write(&p, text).unwrap();
        let mut seen = vec![];
        s.each_entry(|e| {
            seen.push(e.unwrap().merchant);
            Ok(())
        })
        .unwrap();
        seen.sort();
        assert_eq!(seen, ["Alpha Mart", "Beta Noodles", "Gamma Tee"]);
    }
}
