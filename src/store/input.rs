//! Reading the files posbind is handed (answers, secrets, catalogs, simulator state) with a size
//! cap: a huge or endless file (`/dev/zero`) costs no more than reading the cap.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Reads `path` as UTF-8 text of at most `max` bytes; a larger file is an error of kind
/// [`io::ErrorKind::FileTooLarge`] and is read no further.
pub fn read_text_capped(path: &Path, max: u64) -> io::Result<String> {
    let mut bytes = vec![];
    File::open(path)?
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
