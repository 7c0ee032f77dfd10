//! Reading the files posbind is handed (answers, secrets, catalogs, simulator state and
//! settings, case files and journals, documents) with a size cap: a huge or endless file
//! (`/dev/zero`) costs no more than reading the cap, and a FIFO or device is refused at once
//! instead of being waited on.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::atomic::{refused, Refusal};

/// Opens `path` for reading if it is a regular file (links followed: the user names these
/// files); a FIFO, device, socket or directory is an error ([`Refusal::NotRegular`]) without
/// waiting for the other end of a FIFO.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    crate::platform::set_open_nonblocking(&mut o);
    let f = o.open(path)?;
    if !f.metadata()?.is_file() {
        return Err(refused(path, Refusal::NotRegular));
    }
    Ok(f)
}

/// Reads `path` (a regular file, see [`open_regular`]) as UTF-8 text of at most `max` bytes; a
/// larger file is an error of kind [`io::ErrorKind::FileTooLarge`] and is read no further.
pub fn read_text_capped(path: &Path, max: u64) -> io::Result<String> {
    let mut bytes = vec![];
    open_regular(path)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("larger than {max} bytes"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_up_to_the_cap_are_read_and_larger_ones_refused() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.toml");
        std::fs::write(&p, "x".repeat(10)).unwrap();
        assert_eq!(read_text_capped(&p, 10).unwrap().len(), 10);
        let e = read_text_capped(&p, 9).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
    }
}
