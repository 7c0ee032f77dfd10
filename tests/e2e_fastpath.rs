//! The installer's fast path: `posbind --answers FILE --port sim` opens the wizard pre-filled
//! on Activation; connecting (the serial number is checked against the label), activating,
//! running the default test and writing the report takes at most 10 keystrokes.

mod common;

use common::{keys, Pty};

#[test]
fn from_answers_file_to_report_in_at_most_ten_keystrokes() {
    let dir = tempfile::tempdir().unwrap();
    let answers = common::answers_file(
        dir.path(),
        "answers.toml",
        &[("lang = \"zh-CN\"", "lang = \"en\"")],
    );
    let data = dir.path().join("data");
    let a = answers.display().to_string();
    let mut pty = Pty::spawn(
        &["--lang", "en", "--answers", &a, "--port", "sim"],
        &data,
        120,
        40,
    );
    pty.wait_for("Connect and read the");

    let mut keystrokes = 0;
    let mut key = |pty: &mut Pty, k: &str| {
        keystrokes += 1;
        pty.send(k);
    };
    key(&mut pty, keys::ENTER); // connect and read the identity
    pty.wait_for("matches the label");
    key(&mut pty, keys::DOWN);
    key(&mut pty, keys::ENTER); // activate
    pty.wait_for("activated and ready");
    key(&mut pty, keys::PGDN); // Test
    pty.wait_for("Transactions");
    key(&mut pty, keys::ENTER); // start the default test
    pty.wait_for("PASSED");
    key(&mut pty, keys::PGDN); // Training (done, from the answers file)
    pty.wait_for("Practice End-of-Day");
    key(&mut pty, keys::PGDN); // Go-live
    pty.wait_for("writes the activation report");
    key(&mut pty, keys::ENTER); // write the report
    pty.wait_for("Activation report written.");
    assert!(keystrokes <= 10, "{keystrokes} keystrokes");
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);

    let cases = data.join("cases");
    let case_dir = std::fs::read_dir(&cases)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(case_dir
        .join("report")
        .join("activation-report.html")
        .exists());
    assert!(
        case_dir.join("answers.toml").exists(),
        "replay answers kept with the case"
    );
}

#[test]
fn a_terminal_without_serial_number_is_confirmed_by_the_person_at_it() {
    let dir = tempfile::tempdir().unwrap();
    let answers = common::answers_file(
        dir.path(),
        "answers.toml",
        &[("lang = \"zh-CN\"", "lang = \"en\"")],
    );
    let data = dir.path().join("data");
    let a = answers.display().to_string();
    let mut pty = Pty::spawn(
        &[
            "--lang",
            "en",
            "--answers",
            &a,
            "--port",
            "sim",
            "--sim",
            "tlv=false",
        ],
        &data,
        120,
        40,
    );
    pty.wait_for("Connect and read the");
    pty.send(keys::ENTER); // connect
    pty.wait_for("does not report its serial number");
    assert!(!pty.screen().contains("WRONG DEVICE"), "not a wrong device");
    pty.send(keys::DOWN);
    pty.send(keys::ENTER); // activate before confirming: refused
    pty.wait_for("Confirm the serial number first");
    pty.send("c"); // checked on the terminal's screen
    pty.wait_for("Serial number confirmed by you");
    pty.send(keys::ENTER); // activate
    pty.wait_for("activated and ready");
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);

    let case_dir = std::fs::read_dir(data.join("cases"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(case_dir.join("case.json")).unwrap())
            .unwrap();
    assert_eq!(
        case["activation"]["serial_confirmed"],
        serde_json::json!({"by": "person", "who": "operator", "serial": "12345678"})
    );
    assert!(case["activation"]["activated_at"].is_string());
}

#[test]
fn go_live_waits_until_no_test_payment_of_the_terminal_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // An earlier session left a payment the terminal refuses to reverse (serial 12345678).
    let out = std::process::Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(&data)
        .args([
            "--lang",
            "en",
            "test-loop",
            "--port",
            "sim",
            "--mode",
            "payment",
            "--count",
            "1",
            "--sim",
            "refuse_reversal=true",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let answers = common::answers_file(
        dir.path(),
        "answers.toml",
        &[("lang = \"zh-CN\"", "lang = \"en\"")],
    );
    let a = answers.display().to_string();
    let mut pty = Pty::spawn(
        &["--lang", "en", "--answers", &a, "--port", "sim"],
        &data,
        120,
        40,
    );
    pty.wait_for("Connect and read the");
    pty.send(keys::ENTER); // connect: the open payment is named in red
    pty.wait_for("VOID REFUSED");
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    pty.wait_for("activated and ready");
    pty.send(keys::PGDN);
    pty.wait_for("Transactions");
    pty.send(keys::ENTER);
    // The rounds pass, but the open payment of this terminal fails the test, by name.
    pty.wait_for("test payment(s) still open on this terminal");
    assert!(!pty.screen().contains("PASSED"));
    pty.send(keys::PGDN);
    pty.wait_for("Test");
    assert!(!pty.screen().contains("Practice End-of-Day"));

    // The merchant refunds it; the installer takes it over; the test passes, the report is
    // written.
    let list = std::process::Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(&data)
        .args(["pending", "list", "--json"])
        .output()
        .unwrap();
    let open: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let id = open[0]["id"].as_str().unwrap().to_string();
    let ack = std::process::Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(&data)
        .args(["--lang", "en", "pending", "ack", &id])
        .output()
        .unwrap();
    assert!(ack.status.success());
    pty.send(keys::ENTER);
    pty.wait_for("PASSED");
    pty.send(keys::PGDN);
    pty.wait_for("Practice End-of-Day");
    pty.send(keys::PGDN);
    pty.wait_for("writes the activation report");
    pty.send(keys::ENTER);
    pty.wait_for("Activation report written.");
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_sigint_during_the_wizards_payment_test_stops_it_like_the_key_and_leaves_nothing_unlisted() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("terminal.json");
    let answers = common::answers_file(
        dir.path(),
        "answers.toml",
        &[
            ("lang = \"zh-CN\"", "lang = \"en\""),
            ("mode = \"connectivity\"", "mode = \"payment\""),
            ("count = 5", "count = 200"),
        ],
    );
    let data = dir.path().join("data");
    let a = answers.display().to_string();
    let st = format!("state_file={}", state.display());
    let mut pty = Pty::spawn(
        &[
            "--lang",
            "en",
            "--answers",
            &a,
            "--port",
            "sim",
            "--sim",
            &st,
            "--sim",
            "card_delay_ms=20",
        ],
        &data,
        120,
        40,
    );
    pty.wait_for("Connect and read the");
    pty.send(keys::ENTER);
    pty.wait_for("matches the label");
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    pty.wait_for("activated and ready");
    pty.send(keys::PGDN);
    pty.wait_for("Transactions");
    pty.send(keys::ENTER);
    pty.wait_for("/200");
    let pid = pty.pid().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    // Like the Ctrl-C key: the loop stops after the payment in flight, then the wizard quits.
    assert_eq!(pty.wait_exit(), 0);
    let text = std::fs::read_to_string(&state).unwrap();
    let s: posbind::sim::terminal::TerminalState = serde_json::from_str(&text).unwrap();
    let on_terminal: Vec<u16> = s
        .turnover
        .iter()
        .filter(|t| !t.reversed)
        .map(|t| t.receipt)
        .collect();
    let open = posbind::store::pending::PendingStore::new(&data)
        .open()
        .unwrap();
    assert!(
        on_terminal
            .iter()
            .all(|r| open.iter().any(|p| p.receipt() == Some(*r))),
        "terminal {on_terminal:?}, pending {open:?}"
    );
}
