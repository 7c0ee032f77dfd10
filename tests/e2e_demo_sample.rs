//! Issue 15, "a demo that shows itself": from a fresh `posbind demo` to the go-live report with
//! the sample merchant in at most 40 keystrokes and no typing, in a pseudo-terminal. The sample
//! data passes every validator, its scans are real files in the case's own folder, and Binding
//! shows the simulated terminal's label serial number.

mod common;

use common::{keys, Pty};

struct Walk {
    pty: Pty,
    keys: usize,
}

impl Walk {
    /// One keystroke (a named key or one character; never typed text).
    fn key(&mut self, k: &str) {
        assert!(
            k.starts_with('\x1b') || k.chars().count() == 1,
            "one key at a time: {k:?}"
        );
        self.keys += 1;
        self.pty.send(k);
    }
}

#[test]
fn the_sample_merchant_reaches_the_go_live_report_in_at_most_40_keys() {
    let data = tempfile::tempdir().unwrap();
    let pty = Pty::spawn(&["--lang", "en", "demo"], data.path(), 120, 40);
    let mut w = Walk { pty, keys: 0 };
    w.pty.wait_for("sample merchant");
    w.key("d");
    w.pty.wait_for("SAMPLE DATA"); // Institution: the data and documents are complete
    w.key(keys::ENTER); // first offer
    w.key(keys::PGDN);
    w.pty.wait_for("Merchant category");
    w.key(keys::ENTER); // the cursor is on Submit
    w.pty.wait_for("Press Enter again to submit");
    w.key(keys::ENTER);
    w.pty.wait_for("Review expected");
    w.key(keys::PGDN);
    w.pty.wait_for("Simulated institution");
    w.key(keys::ENTER);
    w.pty.wait_for("Approved: MID 10258405411");
    w.key(keys::PGDN);
    w.pty.wait_for("I agree to these terms");
    // Debit rate, debit cap, credit rate, add a fee: Agree is the fifth row.
    for _ in 0..4 {
        w.key(keys::DOWN);
    }
    w.key(keys::ENTER);
    w.pty.wait_for("Contract terms agreed.");
    w.key(keys::PGDN);
    w.pty.wait_for("label reads serial number");
    w.key(keys::ENTER); // the cursor is on Confirm
    w.pty.wait_for("Binding confirmed.");
    w.key(keys::PGDN);
    w.pty.wait_for("Connect and read the");
    w.key(keys::ENTER);
    w.pty.wait_for("matches the label");
    w.key(keys::DOWN);
    w.key(keys::ENTER);
    w.pty.wait_for("activated and ready");
    w.key(keys::PGDN);
    w.pty.wait_for("Transactions");
    w.key(keys::ENTER); // start the default test
    w.pty.wait_for("PASSED");
    w.key(keys::PGDN);
    w.pty.wait_for("Practice End-of-Day");
    for _ in 0..6 {
        w.key(keys::ENTER);
    }
    w.key(keys::PGDN);
    w.pty.wait_for("writes the activation report");
    w.key(keys::ENTER);
    w.pty.wait_for("Activation report written.");
    assert!(w.keys <= 40, "{} keystrokes", w.keys);
    w.pty.send(keys::CTRL_C);
    assert_eq!(w.pty.wait_exit(), 0);

    // The case holds the sample scans from its own folder, and the report says DEMO.
    let case_dir = std::fs::read_dir(data.path().join("cases"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case_dir.join("case.json")).unwrap()).unwrap();
    let docs = case["materials"]["documents"].as_object().unwrap();
    assert_eq!(docs.len(), 8);
    for d in docs.values() {
        let path = std::path::Path::new(d["path"].as_str().unwrap());
        assert!(path.starts_with(case_dir.join("samples")), "{path:?}");
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"%PDF-") || bytes.starts_with(&[0x89, b'P', b'N', b'G']));
    }
    assert_eq!(case["activation"]["identity"]["serial"], "12345678");
    let html =
        std::fs::read_to_string(case_dir.join("report").join("activation-report.html")).unwrap();
    assert!(html.contains("DEMO — SIMULATED TERMINAL"));
}
