//! Document files on disk: reading, checking and fingerprinting the scans a case refers to,
//! and writing the demo's sample scans. The domain (`onboarding::materials`) keeps only the
//! records; every file access is here.

use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::onboarding::materials::{sniff, DocumentRecord, FileProblem};
use crate::onboarding::sample::{sample_pdf, sample_png, SAMPLE_DOCUMENTS};
use crate::onboarding::Case;

/// Expands a leading `~/` to the home directory (users type paths that way).
pub fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

/// Largest document file posbind reads (bytes): scans and PDFs an acquirer accepts are a few
/// megabytes; a bigger file is refused by its size, before a byte of it is read.
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;

/// Checks and fingerprints a document file.
pub fn record_file(path: &Path, now: DateTime<Utc>) -> Result<DocumentRecord, FileProblem> {
    // Opened first and checked by its handle: a FIFO is refused without waiting for a writer,
    // and what is read is what was checked.
    let f = match crate::store::input::open_regular(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(FileProblem::Missing),
        Err(e) if crate::store::atomic::refusal(&e).is_some() => return Err(FileProblem::NotAFile),
        // Windows cannot open a directory as a file at all ("access denied"): say what it is.
        Err(_) if path.is_dir() => return Err(FileProblem::NotAFile),
        Err(e) => return Err(FileProblem::Unreadable(e.to_string())),
    };
    let meta = f
        .metadata()
        .map_err(|e| FileProblem::Unreadable(e.to_string()))?;
    if meta.len() == 0 {
        return Err(FileProblem::Empty);
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(FileProblem::TooLarge);
    }
    // A file that grows while it is read stops at the limit too.
    let mut f = f.take(MAX_DOCUMENT_BYTES + 1);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut head = vec![];
    let mut size = 0u64;
    loop {
        let n = f
            .read(&mut buf)
            .map_err(|e| FileProblem::Unreadable(e.to_string()))?;
        if n == 0 {
            break;
        }
        if head.len() < 16 {
            head.extend_from_slice(&buf[..n.min(16 - head.len())]);
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    if size > MAX_DOCUMENT_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let kind = sniff(&head).ok_or(FileProblem::WrongKind)?;
    let sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(DocumentRecord {
        path: path.display().to_string(),
        size,
        sha256,
        kind: kind.into(),
        added: now,
    })
}

/// Writes the sample scans into `dir` (inside `case_dir`, created private) and records them
/// as the case's documents.
pub fn write_sample_scans(
    case_dir: &Path,
    dir: &Path,
    case: &mut Case,
    now: DateTime<Utc>,
) -> std::io::Result<()> {
    crate::store::atomic::create_private_dir_within(case_dir, dir)?;
    for (i, (id, file)) in SAMPLE_DOCUMENTS.iter().enumerate() {
        let path = dir.join(file);
        let bytes = if file.ends_with(".pdf") {
            sample_pdf(id)
        } else {
            sample_png(i as u8)
        };
        crate::store::atomic::write_atomic(&path, &bytes)?;
        let record = record_file(&path, now).map_err(|p| {
            std::io::Error::other(format!("{}: {}", path.display(), p.message_id()))
        })?;
        case.materials.documents.insert((*id).to_string(), record);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_must_exist_and_be_images_or_pdfs() {
        let d = tempfile::tempdir().unwrap();
        let png = d.path().join("front.png");
        std::fs::write(&png, [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).unwrap();
        let r = record_file(&png, Utc::now()).unwrap();
        assert_eq!((r.kind.as_str(), r.size), ("png", 10));
        assert_eq!(r.sha256.len(), 64);
        let txt = d.path().join("notes.txt");
        std::fs::write(&txt, "hello").unwrap();
        assert_eq!(record_file(&txt, Utc::now()), Err(FileProblem::WrongKind));
        assert_eq!(
            record_file(&d.path().join("nope.pdf"), Utc::now()),
            Err(FileProblem::Missing)
        );
        assert_eq!(
            record_file(d.path(), Utc::now()),
            Err(FileProblem::NotAFile)
        );
        let pdf = d.path().join("a.pdf");
        std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
        assert_eq!(record_file(&pdf, Utc::now()).unwrap().kind, "pdf");
    }

    #[test]
    fn the_sample_scans_are_written_and_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let now = Utc::now();
        let mut c =
            crate::onboarding::sample::sample_case(crate::i18n::Lang::ZhCn, now, "12345678");
        let scans = dir.path().join("samples");
        write_sample_scans(dir.path(), &scans, &mut c, now).unwrap();
        assert_eq!(c.materials.documents.len(), SAMPLE_DOCUMENTS.len());
        for d in c.materials.documents.values() {
            assert!(Path::new(&d.path).starts_with(&scans));
        }
    }

    #[test]
    fn the_sample_merchant_passes_every_validator_with_its_scans() {
        let dir = tempfile::tempdir().unwrap();
        let now = Utc::now();
        let mut c =
            crate::onboarding::sample::sample_case(crate::i18n::Lang::ZhCn, now, "12345678");
        let scans = dir.path().join("samples");
        write_sample_scans(dir.path(), &scans, &mut c, now).unwrap();
        assert_eq!(
            crate::onboarding::materials::gaps(&c.materials, &c.merchant.name, now.date_naive()),
            vec![]
        );
        for step in [
            crate::onboarding::Step::PosType,
            crate::onboarding::Step::Materials,
        ] {
            assert!(
                c.check_step(step).is_ok(),
                "{step:?}: {:?}",
                c.check_step(step)
            );
        }
        assert_eq!(c.materials.documents.len(), 9);
        for d in c.materials.documents.values() {
            assert!(
                Path::new(&d.path).starts_with(&scans),
                "in the case's folder"
            );
            assert!(d.kind == "png" || d.kind == "pdf");
        }
        assert!(c.binding.location.is_some());
        assert_eq!(c.first_incomplete(), crate::onboarding::Step::Institution);
    }
}
