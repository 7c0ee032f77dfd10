//! End to end in a pseudo-terminal: `posbind demo` from a new case through materials,
//! institution, application, review and contract, binding (a wrong serial number refused at
//! activation), activation of the simulated terminal, a payment test loop, training and the
//! go-live report.

mod common;

use common::{keys, Pty};

/// A tiny valid PNG header is all the content check needs.
fn png(dir: &std::path::Path, name: &str) -> String {
    let p = dir.join(name);
    std::fs::write(
        &p,
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3],
    )
    .unwrap();
    p.display().to_string()
}

fn field(pty: &mut Pty, text: &str) {
    pty.send(keys::ENTER);
    pty.send(text);
    pty.send(keys::ENTER);
    pty.send(keys::DOWN);
}

#[test]
fn demo_from_a_new_case_to_the_go_live_report() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(&["--lang", "en", "demo"], data.path(), 120, 40);
    pty.wait_for("New case");
    pty.send(keys::ENTER);
    pty.send("E2E Mart Co");
    pty.send(keys::ENTER);
    pty.wait_for("Business scenario");
    pty.send(keys::ENTER);
    pty.send(keys::ENTER);
    pty.send(keys::PGDN);
    pty.wait_for("Merchant type");

    pty.send(keys::ENTER); // company
    pty.send(keys::DOWN);
    field(&mut pty, "91440300708461136T");
    field(&mut pty, "Zhang San");
    pty.send(keys::DOWN); // ID document: resident ID card (the default)
    field(&mut pty, "11010519491231002X");
    field(&mut pty, "long-term");
    field(&mut pty, "+86 180-1234-1999");
    field(&mut pty, "1 Science Park Road, Shenzhen");
    pty.send(keys::ENTER); // company account (adds the branch code row)
    pty.send(keys::DOWN);
    field(&mut pty, "China Merchants Bank");
    field(&mut pty, "308584000013");
    field(&mut pty, "7559 1234 5610 001");
    field(&mut pty, "E2E Mart Co");
    pty.send(keys::DOWN); // agent: no
    field(&mut pty, "Zhang San 11010519491231002X 100%");
    pty.wait_for("110105********002X"); // the ID number is shown masked
    assert!(!pty.screen().contains("11010519491231002X"));
    for item in ["licence", "id-front", "id-back"] {
        let p = png(files.path(), &format!("{item}.png"));
        field(&mut pty, &p);
    }
    pty.send(keys::DOWN); // optional holding photo
    for item in [
        "account-info",
        "account-proof",
        "front",
        "cashier",
        "interior",
    ] {
        let p = png(files.path(), &format!("{item}.png"));
        field(&mut pty, &p);
    }
    pty.wait_for("All materials are complete.");
    pty.send(keys::PGDN);
    pty.wait_for("SAMPLE DATA");
    pty.send(keys::ENTER); // first offer
    pty.send(keys::PGDN);
    pty.wait_for("Merchant category");
    pty.send(keys::ENTER);
    pty.send("5411");
    pty.send(keys::ENTER);
    pty.send(keys::DOWN);
    pty.send(keys::ENTER); // address: accept the business address
    pty.send(keys::ENTER);
    pty.send(keys::DOWN);
    pty.send(keys::ENTER); // online
    pty.send(keys::DOWN);
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    pty.wait_for("Press Enter again to submit");
    pty.send(keys::ENTER);
    pty.wait_for("Review expected");
    pty.send(keys::PGDN);
    pty.wait_for("Simulated institution");
    pty.send(keys::ENTER);
    pty.wait_for("Approved: MID 10258405411");
    pty.send(keys::PGDN);
    pty.wait_for("I agree to these terms");
    // Debit rate, debit cap, credit rate, add a fee: Agree is the fifth row.
    for _ in 0..4 {
        pty.send(keys::DOWN);
    }
    pty.send(keys::ENTER);
    pty.wait_for("Contract terms agreed.");
    pty.send(keys::PGDN);

    // Binding with the wrong serial number first: activation must refuse the device.
    pty.wait_for("Serial number (label)");
    for _ in 0..5 {
        pty.send(keys::DOWN);
    }
    field(&mut pty, "22.5431, 113.9360"); // the install location beside the address
    field(&mut pty, "9999-9999");
    pty.send(keys::ENTER);
    pty.wait_for("Binding confirmed.");
    pty.send(keys::PGDN);
    pty.wait_for("Connect and read the");
    pty.send(keys::ENTER); // the cursor starts on Connect
    pty.wait_for("WRONG DEVICE");
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    pty.wait_for("Connect to the terminal first");
    pty.send(keys::ESC);
    pty.wait_for("Confirm the binding");
    pty.send(keys::UP);
    field(&mut pty, "\x1512 34 56 78"); // Ctrl-U clears the old value first
    pty.send(keys::ENTER);
    pty.wait_for("Binding confirmed.");
    pty.send(keys::PGDN);
    pty.wait_for("Connect and read the");
    // The cursor stays where it was: go to the top, then to "Connect".
    for _ in 0..3 {
        pty.send(keys::UP);
    }
    pty.send(keys::DOWN);
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    pty.wait_for("matches the label");
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    pty.wait_for("activated and ready");
    pty.send(keys::PGDN);

    // A payment test loop of 5 against the demo's simulator (10 → 20 → 50 → 1 → 5).
    pty.wait_for("Transactions");
    pty.send(keys::UP); // from Start to the count
    for _ in 0..4 {
        pty.send(keys::ENTER);
    }
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    pty.wait_for("PASSED: 5/5");
    pty.send(keys::PGDN);
    pty.wait_for("Practice End-of-Day");
    // Ticking a topic moves on to the next one.
    for _ in 0..6 {
        pty.send(keys::ENTER);
    }
    pty.send(keys::PGDN);
    pty.wait_for("writes the activation report");
    pty.send(keys::ENTER);
    pty.wait_for("Activation report written.");
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);

    // The package is in the outbox, and the case records the approval.
    let cases = data.path().join("cases");
    let case_dir = std::fs::read_dir(&cases)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let outbox = case_dir.join("outbox").join("rev-1");
    let app: serde_json::Value =
        serde_json::from_slice(&std::fs::read(outbox.join("application.json")).unwrap()).unwrap();
    assert_eq!(app["merchant"]["mcc"]["code"], "5411");
    assert_eq!(app["legal_rep"]["mobile"], "18012341999");
    assert_eq!(app["settlement"]["account_number"], "755912345610001");
    assert_eq!(
        app["merchant"]["beneficial_owners"][0]["basis"]["share"],
        100
    );
    assert!(outbox.join("application.html").exists());
    let att: serde_json::Value =
        serde_json::from_slice(&std::fs::read(outbox.join("attachments.json")).unwrap()).unwrap();
    assert_eq!(
        att["attachments"].as_array().unwrap().len(),
        8,
        "with the settlement-account proof"
    );
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case_dir.join("case.json")).unwrap()).unwrap();
    assert_eq!(case["review"]["outcome"], "approved");
    assert_eq!(case["step"], "go-live");
    assert_eq!(case["test"]["summary"]["pass"], true);
    assert!(case["test"]["summary"]["unreversed"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(case["activation"]["identity"]["serial"], "12345678");
    let report = case_dir.join("report").join("activation-report.html");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("12 34 56 78") && html.contains("latency-chart"));
    assert!(
        !html.contains("755912345610001"),
        "the report masks the account"
    );
    // The journal never holds the personal numbers.
    let journal = std::fs::read_to_string(case_dir.join("journal.jsonl")).unwrap();
    assert!(!journal.contains("11010519491231002X") && !journal.contains("755912345610001"));
}
