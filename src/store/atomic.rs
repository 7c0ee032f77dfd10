//! Crash-safe file writes: a temp file in the same directory, fsync, rename, fsync the directory.
//! A kill or power loss at any moment leaves either the old file or the new one, never a mix.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::platform;

/// Mode of every file posbind writes: owner read/write only (cases hold personal data).
pub const FILE_MODE: u32 = 0o600;
/// Mode of every directory posbind creates.
pub const DIR_MODE: u32 = 0o700;

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Opens `path` for writing with mode 0600, creating it (`create_new` when `exclusive`;
/// otherwise an existing file is appended to when `append`, else emptied). The one way posbind
/// opens a file it writes: a symbolic link at `path` is refused, never followed (an append
/// through a planted link would land outside the data directory); what is opened must be a
/// regular file with no other name (a hard link would carry the append, and the tightened mode,
/// to the other name), owned by the user; an existing file readable by others is made private.
/// A FIFO or device there is refused without waiting for its other end.
pub fn open_private(path: &Path, append: bool, exclusive: bool) -> io::Result<File> {
    refuse_link(path)?;
    let mut o = OpenOptions::new();
    o.write(true);
    if exclusive {
        o.create_new(true);
    } else {
        // Emptying waits until the checks below passed: truncating at open would empty the
        // other name of a hard link before it is refused.
        o.create(true);
    }
    if append {
        // Readable too, so the caller can look at what it appends to through the same handle.
        o.append(true).read(true);
    }
    platform::set_create_mode(&mut o, FILE_MODE);
    // The check above names the problem; refusing links on open closes the window after it.
    platform::set_no_follow(&mut o);
    let f = o.open(path)?;
    check_written_file(path, &f.metadata()?)?;
    tighten_file(&f)?;
    if !append && !exclusive {
        f.set_len(0)?;
    }
    Ok(f)
}

/// An error unless `meta` (of the open file at `path`) is a regular file with one name, owned
/// by the user: what posbind may write to.
pub fn check_written_file(path: &Path, meta: &fs::Metadata) -> io::Result<()> {
    if !meta.is_file() {
        return Err(refused(path, Refusal::NotRegular));
    }
    if platform::link_count(meta).is_some_and(|n| n > 1) {
        return Err(refused(path, Refusal::HardLinked));
    }
    if !platform::owned_by_me(meta) {
        return Err(refused(path, Refusal::NotOwned));
    }
    Ok(())
}

/// An error when `path` is a symbolic link (`Ok` when it is anything else or does not exist).
pub fn refuse_link(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            LinkRefused(path.display().to_string()),
        )),
        _ => Ok(()),
    }
}

/// The error inside an [`io::Error`] from [`refuse_link`], so callers can name the problem.
#[derive(Debug, thiserror::Error)]
#[error("{0} is a symbolic link; posbind does not follow links in its data directory")]
pub struct LinkRefused(pub String);

/// Whether `e` is a refused symbolic link.
pub fn is_link_refused(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<LinkRefused>())
}

/// Why posbind refuses a file or directory where it writes or reads (besides a symbolic link,
/// see [`LinkRefused`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A file with a second name (a hard link) elsewhere.
    #[error("has another name (a hard link); posbind does not write through links")]
    HardLinked,
    /// A FIFO, a device, a socket or a directory where a regular file belongs.
    #[error("is not a regular file (a FIFO, a device or a directory)")]
    NotRegular,
    /// Something else where a directory belongs.
    #[error("is not a directory")]
    NotDirectory,
    /// Another user's file or directory.
    #[error("belongs to another user")]
    NotOwned,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: {refusal}")]
struct Refused {
    path: String,
    refusal: Refusal,
}

/// An I/O error (kind `InvalidInput`) saying why `path` is refused.
pub fn refused(path: &Path, refusal: Refusal) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        Refused {
            path: path.display().to_string(),
            refusal,
        },
    )
}

/// Why `e` refused a file, when it is such an error.
pub fn refusal(e: &io::Error) -> Option<Refusal> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<Refused>())
        .map(|r| r.refusal)
}

/// Takes group and other permissions away from an open file left readable by an older version
/// or another tool (0644 → 0600).
fn tighten_file(f: &File) -> io::Result<()> {
    match platform::permission_bits(&f.metadata()?) {
        Some(mode) if mode & 0o077 != 0 => platform::set_file_permission_bits(f, FILE_MODE),
        _ => Ok(()),
    }
}

/// Takes group and other permissions away from an existing file or directory (0755 → 0700,
/// 0644 → 0600). Links are left alone, symbolic or hard (the mode of a hard-linked file is the
/// other name's too), and so is another user's file: they are refused where they are used.
pub fn tighten(path: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(path)?;
    let Some(mode) = platform::permission_bits(&meta) else {
        return Ok(());
    };
    let hard_linked = meta.is_file() && platform::link_count(&meta).is_some_and(|n| n > 1);
    if meta.file_type().is_symlink()
        || hard_linked
        || !platform::owned_by_me(&meta)
        || mode & 0o077 == 0
    {
        return Ok(());
    }
    let private = if meta.is_dir() { DIR_MODE } else { FILE_MODE };
    platform::set_permission_bits(path, private)
}

/// Whether `dir` is writable by every user or has the sticky bit (`/tmp`): such a directory is
/// shared, and posbind neither keeps data directly in it nor changes its mode.
pub fn is_shared_dir(dir: &Path) -> io::Result<bool> {
    let mode = platform::permission_bits(&fs::metadata(dir)?);
    Ok(mode.is_some_and(|m| m & 0o1002 != 0))
}

/// Creates `dir` (mode 0700) and every directory between `base` and it, or checks the ones that
/// exist: each must be a real directory (not a symbolic link, which would carry writes outside
/// the data directory) owned by the user, and is tightened to 0700. `base` itself (the data
/// directory, a case directory) must be a directory owned by the user and is tightened too; the
/// path to it may pass through links, as the user chose it. `dir` must lie under `base`.
pub fn create_private_dir_within(base: &Path, dir: &Path) -> io::Result<()> {
    let rest = dir
        .strip_prefix(base)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "outside the data directory"))?;
    create_private_dir(base)?;
    check_dir(base, &fs::metadata(base)?)?;
    let mut at = base.to_path_buf();
    for part in rest.components() {
        if !matches!(part, std::path::Component::Normal(_)) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "outside the data directory",
            ));
        }
        at.push(part);
        refuse_link(&at)?;
        match fs::symlink_metadata(&at) {
            Ok(meta) => check_dir(&at, &meta)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let mut b = fs::DirBuilder::new();
                platform::set_dir_create_mode(&mut b, DIR_MODE);
                match b.create(&at) {
                    Ok(()) => {}
                    // Another posbind process created it meanwhile: checked below like any.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(e),
                }
                // A link planted between the check and the create fails the create (or is
                // what "already exists"); one planted since is found here.
                check_dir(&at, &fs::symlink_metadata(&at)?)?;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// An error unless `meta` (of `dir`, not followed) is a directory owned by the user; tightens it.
fn check_dir(dir: &Path, meta: &fs::Metadata) -> io::Result<()> {
    if meta.file_type().is_symlink() {
        return refuse_link(dir);
    }
    if !meta.is_dir() {
        return Err(refused(dir, Refusal::NotDirectory));
    }
    if !platform::owned_by_me(meta) {
        return Err(refused(dir, Refusal::NotOwned));
    }
    tighten(dir)
}

/// Creates `dir` and its parents with mode 0700 where they do not exist (directories outside
/// the data directory, such as an export's; inside it, see [`create_private_dir_within`]).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    platform::set_dir_create_mode(&mut b, DIR_MODE);
    b.create(dir)
}

/// Replaces `path` with `bytes` atomically. The file ends up with mode 0600.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no directory"))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    // Renaming over a link would replace the link, not follow it; refused all the same, so a
    // planted link is reported rather than silently dropped.
    refuse_link(path)?;
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!("{}{}.{n}", temp_prefix(name), std::process::id()));
    let result = (|| {
        let mut f = open_private(&tmp, false, true)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The prefix of the temporary files [`write_atomic`] leaves behind when killed mid-write.
pub fn temp_prefix(name: &str) -> String {
    format!(".{name}.tmp.")
}

/// Makes a rename or create in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    platform::sync_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{permission_bits, set_permission_bits, symlink};

    #[test]
    fn replaces_content_and_leaves_no_temp_files() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.json");
        write_atomic(&p, b"secret").unwrap();
        assert_eq!(permission_bits(&fs::metadata(&p).unwrap()), Some(0o600));
        let j = d.path().join("j.log");
        drop(open_private(&j, true, false).unwrap());
        assert_eq!(permission_bits(&fs::metadata(&j).unwrap()), Some(0o600));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused_for_appends_replacements_and_directories() {
        let d = tempfile::tempdir().unwrap();
        let victim = d.path().join("victim");
        fs::write(&victim, "x").unwrap();
        let link = d.path().join("link");
        symlink(&victim, &link).unwrap();
        for e in [
            open_private(&link, true, false).map(|_| ()).unwrap_err(),
            write_atomic(&link, b"y").unwrap_err(),
        ] {
            assert!(is_link_refused(&e), "{e}");
        }
        assert_eq!(fs::read_to_string(&victim).unwrap(), "x");
        let elsewhere = d.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        let base = d.path().join("base");
        fs::create_dir(&base).unwrap();
        symlink(&elsewhere, base.join("sub")).unwrap();
        let e = create_private_dir_within(&base, &base.join("sub").join("x")).unwrap_err();
        assert!(is_link_refused(&e), "{e}");
        assert!(!elsewhere.join("x").exists());
        assert!(create_private_dir_within(&base, &d.path().join("outside")).is_err());
        create_private_dir_within(&base, &base.join("a").join("b")).unwrap();
        assert!(base.join("a").join("b").is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn loose_modes_are_tightened() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("f");
        fs::write(&f, "x").unwrap();
        set_permission_bits(&f, 0o644).unwrap();
        set_permission_bits(d.path(), 0o755).unwrap();
        tighten(&f).unwrap();
        tighten(d.path()).unwrap();
        let mode = |p: &Path| permission_bits(&fs::metadata(p).unwrap()).unwrap();
        assert_eq!((mode(&f), mode(d.path())), (0o600, 0o700));
        set_permission_bits(&f, 0o644).unwrap();
        drop(open_private(&f, true, false).unwrap());
        assert_eq!(mode(&f), 0o600);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub").join("x.json");
        // The directory does not exist: the write fails and nothing is created.
        assert!(write_atomic(&p, b"x").is_err());
        assert!(!p.exists());
    }
}
