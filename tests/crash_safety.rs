//! Crash safety: `posbind run` is killed with SIGKILL at many moments; afterwards every case
//! directory holds a readable case (atomic writes), and nothing is lost that was written.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use posbind::store::Store;

fn answers(dir: &Path, serial: &str) -> std::path::PathBuf {
    let label = format!("serial_number = \"{serial}\"");
    common::answers_file(
        dir,
        &format!("answers-{serial}.toml"),
        &[
            ("serial_number = \"12345678\"", &label),
            ("count = 5", "count = 200"),
        ],
    )
}

#[test]
fn killing_a_run_at_any_moment_never_leaves_an_unreadable_case() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let runs = 24;
    for i in 0..runs {
        let serial = format!("{:08X}", 0xA000_0000u32 + i);
        let a = answers(dir.path(), &serial);
        let mut child = Command::new(env!("CARGO_BIN_EXE_posbind"))
            .arg("--data-dir")
            .arg(&data)
            .args([
                "--lang",
                "en",
                "run",
                "--port",
                "sim",
                "--sim",
                &format!("serial={serial}"),
                "--answers",
            ])
            .arg(&a)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over start-up, submission, activation and the test loop.
        let delay = 3 + (u64::from(i) * 37) % 160;
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    }
    let store = Store::open(&data).unwrap();
    let listing = store.list().unwrap();
    let problems: Vec<String> = listing
        .problems
        .iter()
        .map(|p| p.error.to_string())
        .collect();
    assert!(problems.is_empty(), "unreadable cases: {problems:?}");
    assert!(
        !listing.cases.is_empty(),
        "some runs got far enough to create a case"
    );
    for c in &listing.cases {
        let id = posbind::onboarding::CaseId::parse(&c.id).unwrap();
        let case = store.load(&id).unwrap();
        // What the journal says was done is in the case file (it is saved first).
        let journal = store.read_journal(&id).unwrap();
        if journal.iter().any(|e| e.event == "terminal-activated") {
            assert!(case.activation.activated_at.is_some(), "{}", c.id);
        }
        if journal.iter().any(|e| e.event == "application-submitted") {
            assert!(!case.submissions.is_empty(), "{}", c.id);
        }
    }
    // Every case directory with a case file is listed: nothing was lost or half-written.
    let dirs = std::fs::read_dir(store.cases_dir())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("case.json").exists())
        .count();
    assert_eq!(dirs, listing.cases.len());
}
