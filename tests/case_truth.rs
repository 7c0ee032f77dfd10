//! Issue 13, "the case tells the truth", end to end in a pseudo-terminal: a demo case finished to
//! the go-live report; then the settlement account is changed on Materials. The rail marks every
//! record made from the old account as needing attention, the report is refused, and only after
//! the application is submitted again (revision 2), approved and the binding confirmed again is
//! a report written — with the new account, which the new revision's package holds.

mod common;

use common::{keys, Pty};

const CTRL_U: &str = "\x15";

/// The demo's sample merchant from a new case to "Activation report written." (the walk of
/// `e2e_demo_sample.rs`).
fn finish_demo(pty: &mut Pty) {
    pty.wait_for("sample merchant");
    pty.send("d");
    pty.wait_for("SAMPLE DATA");
    pty.send(keys::ENTER);
    pty.send(keys::PGDN);
    pty.wait_for("Merchant category");
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
    pty.wait_for("label reads serial number");
    pty.send(keys::ENTER);
    pty.wait_for("Binding confirmed.");
    pty.send(keys::PGDN);
    pty.wait_for("Connect and read the");
    pty.send(keys::ENTER);
    pty.wait_for("matches the label");
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    pty.wait_for("activated and ready");
    pty.send(keys::PGDN);
    pty.wait_for("Transactions");
    pty.send(keys::ENTER);
    pty.wait_for("PASSED");
    pty.send(keys::PGDN);
    pty.wait_for("Practice End-of-Day");
    for _ in 0..6 {
        pty.send(keys::ENTER);
    }
    pty.send(keys::PGDN);
    pty.wait_for("writes the activation report");
    pty.send(keys::ENTER);
    pty.wait_for("Activation report written.");
}

/// Jumps on the rail from `from` to `to` (step indexes, 0-based).
fn rail_jump(pty: &mut Pty, from: usize, to: usize) {
    pty.send(keys::TAB);
    let key = if to > from { keys::DOWN } else { keys::UP };
    for _ in 0..from.abs_diff(to) {
        pty.send(key);
    }
    pty.send(keys::ENTER);
}

/// The mark in front of a step on the rail (`✓`, `↻`, …).
fn rail_mark(screen: &str, step: &str) -> char {
    screen
        .lines()
        .find(|l| l.chars().take(18).collect::<String>().contains(step))
        .and_then(|l| l.chars().next())
        .unwrap_or(' ')
}

fn journal_events(case_dir: &std::path::Path, event: &str) -> Vec<serde_json::Value> {
    std::fs::read_to_string(case_dir.join("journal.jsonl"))
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["event"] == event)
        .collect()
}

#[test]
fn an_account_changed_after_approval_needs_resubmission_and_rebinding_before_a_report() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(&["--lang", "en", "demo"], data.path(), 120, 40);
    finish_demo(&mut pty);
    let case_dir = std::fs::read_dir(data.path().join("cases"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let report = case_dir.join("report").join("activation-report.json");
    let first_report = std::fs::read_to_string(&report).unwrap();
    assert!(
        first_report.contains("0001"),
        "the sample account ends in 0001"
    );

    // Go-live (12) → Materials (3) on the rail; the account number is the eleventh row.
    rail_jump(&mut pty, 11, 2);
    pty.wait_for("Prepare and check the documents");
    for _ in 0..20 {
        pty.send(keys::UP);
    }
    // The account number is the twelfth row (after the ID document's kind).
    for _ in 0..11 {
        pty.send(keys::DOWN);
    }
    pty.send(keys::ENTER);
    pty.send(CTRL_U);
    pty.send("755912345610002");
    pty.send(keys::ENTER);
    // Every record made from the old account needs attention, and what builds on them; the
    // others keep their tick.
    pty.wait_for("\u{21bb}  5 Application");
    let screen = pty.screen();
    for step in [
        "5 Application",
        "6 Review",
        "7 Contract",
        "8 Binding",
        "9 Activation",
        "10 Test",
        "12 Go-live",
    ] {
        assert_eq!(rail_mark(&screen, step), '\u{21bb}', "{step}:\n{screen}");
    }
    for step in ["4 Institution", "11 Training"] {
        assert_eq!(rail_mark(&screen, step), '\u{2713}', "{step}:\n{screen}");
    }

    // The report is refused while records disagree with the data.
    rail_jump(&mut pty, 2, 11);
    pty.wait_for("The case changed after the report was written");
    pty.send(keys::ENTER);
    pty.wait_for("Before you can continue: Application, Review, Contract,");
    assert_eq!(journal_events(&case_dir, "report-written").len(), 1);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), first_report);

    // Application: submitted again as revision 2.
    rail_jump(&mut pty, 11, 4);
    pty.wait_for("submit it again as revision 2");
    pty.send(keys::ENTER);
    pty.wait_for("Press Enter again to submit");
    pty.send(keys::ENTER);
    pty.wait_for("Application submitted.");
    let rev2 = std::fs::read_dir(case_dir.join("outbox").join("rev-2"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect::<String>();
    assert!(rev2.contains("0002"), "revision 2 holds the new account");
    let submitted = journal_events(&case_dir, "application-submitted");
    assert_eq!(submitted.last().unwrap()["detail"]["revision"], 2);

    // The institution's answer to revision 2; the same MID and TID keep the contract.
    pty.send(keys::PGDN);
    pty.wait_for("Simulated institution");
    pty.send(keys::ENTER);
    pty.wait_for("Approved: MID 10258405411");
    pty.send(keys::PGDN);
    pty.wait_for("I agree to these terms");
    pty.send(keys::PGDN);
    // The binding is confirmed again, for the new account.
    pty.wait_for("binding again (rebind)");
    pty.send(keys::ENTER);
    pty.wait_for("Binding confirmed.");
    // Activation and test were made for the same terminal, MID and TID: they hold again.
    for _ in 0..4 {
        pty.send(keys::PGDN);
    }
    pty.wait_for("write the report again");
    let rail = pty.screen();
    for step in ["8 Binding", "9 Activation", "10 Test"] {
        assert_eq!(rail_mark(&rail, step), '\u{2713}', "{step}:\n{rail}");
    }
    pty.send(keys::ENTER);
    pty.wait_for("Activation report written.");
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);

    assert_eq!(journal_events(&case_dir, "report-written").len(), 2);
    let second_report = std::fs::read_to_string(&report).unwrap();
    assert!(second_report.contains("0002"), "{second_report}");
    assert!(!second_report.contains("10001"), "the old account is gone");
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case_dir.join("case.json")).unwrap()).unwrap();
    assert_eq!(case["revision"], 2);
}

#[test]
fn a_reopened_case_trusts_the_terminal_not_its_old_activation_record() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(&["--lang", "en", "demo"], data.path(), 120, 40);
    finish_demo(&mut pty);
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);
    let case_dir = std::fs::read_dir(data.path().join("cases"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();

    // Reopened with a terminal that starts afresh (E4, activation required, no TID): a
    // `--sim` terminal is the one described, not the one the case was using.
    let mut pty = Pty::spawn(
        &["--lang", "en", "--sim", "seed=1", "demo"],
        data.path(),
        120,
        40,
    );
    pty.wait_for("sample merchant");
    // The list fills in after the first frame (issue 28): the case row, then the keys.
    pty.wait_for("[demo]");
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    // A live case opens on Go-live (its Maintenance screen while it is live, issue 26).
    // The record is not taken as today's word: the resumed case reconnects on its own and
    // the terminal's answer drops what it does not bear out.
    pty.wait_for("the earlier activation");
    rail_jump(&mut pty, 11, 8);
    pty.wait_for("Connect and read the");
    let screen = pty.screen();
    assert_ne!(rail_mark(&screen, "9 Activation"), '\u{2713}', "{screen}");
    for step in ["10 Test", "12 Go-live"] {
        assert_ne!(rail_mark(&screen, step), '\u{2713}', "{step}:\n{screen}");
    }
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case_dir.join("case.json")).unwrap()).unwrap();
    assert!(case["activation"]["activated_at"].is_null());
    assert_eq!(case["activation"]["identity"]["status"], "E4");
    let identified = journal_events(&case_dir, "terminal-identified");
    assert!(identified.last().unwrap()["detail"]["dropped_steps"].as_u64() > Some(0));

    // The activation runs every sub-step again and is recorded only as the terminal reports
    // ready with the approved TID (the cursor lands on it: the terminal is connected).
    pty.send(keys::ENTER);
    pty.wait_for("activated and ready");
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case_dir.join("case.json")).unwrap()).unwrap();
    assert_eq!(case["activation"]["identity"]["status"], "00");
    let approved_tid = case["review"]["tid"].as_str().unwrap();
    assert_eq!(case["activation"]["identity"]["tid"], approved_tid);
    let activated = journal_events(&case_dir, "terminal-activated");
    assert!(
        activated.iter().all(|e| e["detail"]["status"] == "00"),
        "{activated:?}"
    );
}

/// Issue 27: a resumed demo case reconnects to its simulated terminal on its own: the Test
/// step runs at once instead of saying "Activate the terminal first" beside Activation's tick.
#[test]
fn a_resumed_case_reconnects_to_its_terminal_on_its_own() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(&["--lang", "en", "demo"], data.path(), 120, 40);
    finish_demo(&mut pty);
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);

    let mut pty = Pty::spawn(&["--lang", "en", "demo"], data.path(), 120, 40);
    pty.wait_for("sample merchant");
    pty.wait_for("[demo]");
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    pty.wait_for("Maintenance (live)");
    pty.wait_for("matches the label");
    rail_jump(&mut pty, 11, 9);
    pty.wait_for("Transactions");
    // A live case: the first Enter says what a re-test does, the second starts it.
    pty.send(keys::ENTER);
    pty.wait_for("Enter again starts a re-test");
    pty.send(keys::ENTER);
    pty.wait_for("running: p pauses");
    let screen = pty.screen();
    assert!(!screen.contains("Activate the terminal first"), "{screen}");
    assert_eq!(rail_mark(&screen, "9 Activation"), '\u{2713}', "{screen}");
    pty.send(keys::CTRL_C);
    pty.wait_exit();
}

#[test]
fn a_resumed_test_step_shows_the_mode_of_the_test_on_record() {
    use posbind::i18n::Lang;
    use posbind::onboarding::device::TestRecord;
    use posbind::onboarding::{Case, Step};
    use posbind::testloop::{Mode, Stats, Summary};
    let dir = tempfile::tempdir().unwrap();
    let store = posbind::store::Store::open(dir.path()).unwrap();
    let now = chrono::Utc::now();
    let mut c = Case::new("Harbour Noodles", Lang::En, true, now);
    c.record_test(TestRecord {
        at: now,
        amount_fen: None,
        summary: Summary {
            mode: Mode::Connectivity,
            count: 10,
            succeeded: 10,
            failed: 0,
            unreversed: vec![],
            latency_ms: Stats::default(),
            pass: true,
            aborted: false,
            planned: 10,
            terminal_ms: Stats::default(),
            failed_rules: vec![],
        },
        latencies_ms: vec![],
    });
    store.save(&mut c, now).unwrap();
    let mut app = demo_app(store);
    app.case = Some(c);
    app.enter_step(Step::Test);
    assert_eq!(
        app.dev.mode,
        Mode::Connectivity,
        "not the default (payment)"
    );
    // And a connectivity pass alone does not complete the Test step.
    assert!(app.case.as_ref().unwrap().check_step(Step::Test).is_err());
}

/// `posbind run` against the simulator with `answers`.
fn run_cli(data: &std::path::Path, answers: &std::path::Path) -> (Option<i32>, String) {
    let out = assert_cmd::Command::cargo_bin("posbind")
        .unwrap()
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en", "run", "--port", "sim", "--answers"])
        .arg(answers)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn case_files(data: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(data.join("cases"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[test]
fn an_unproven_test_is_not_a_finished_case_and_runs_again_on_the_same_case() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let unproven = common::answers_file(
        dir.path(),
        "unproven.toml",
        &[("no_test_card = true", "no_test_card = false")],
    );
    let (code, err) = run_cli(&data, &unproven);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("only a payment test proves the terminal"),
        "{err}"
    );
    let first = case_files(&data);
    assert_eq!(first.len(), 1);
    // The same terminal and merchant, now with "no test card" said: the same case continues.
    let waived = common::answers_file(dir.path(), "waived.toml", &[]);
    let (code, err) = run_cli(&data, &waived);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(case_files(&data), first, "no second case");
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(first[0].join("case.json")).unwrap()).unwrap();
    assert_eq!(case["test_waiver"]["reason"], "no-test-card");
    // Live now: a third run says so and writes nothing.
    let before = std::fs::read(first[0].join("case.json")).unwrap();
    let (code, err) = run_cli(&data, &waived);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(std::fs::read(first[0].join("case.json")).unwrap(), before);
}

#[test]
fn an_export_after_a_change_is_refused_and_names_the_submitted_package() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let answers = common::answers_file(dir.path(), "a.toml", &[]);
    let (code, err) = run_cli(&data, &answers);
    assert_eq!(code, Some(0), "{err}");
    let case_dir = case_files(&data).remove(0);
    let id = case_dir.file_name().unwrap().to_string_lossy().into_owned();
    let export = |out: &std::path::Path| {
        assert_cmd::Command::cargo_bin("posbind")
            .unwrap()
            .arg("--data-dir")
            .arg(&data)
            .args(["--lang", "en", "cases", "export", &id, "--out"])
            .arg(out)
            .output()
            .unwrap()
    };
    assert!(export(&dir.path().join("ok")).status.success());
    // The settlement account changes after submission (as an edit in the wizard would).
    let path = case_dir.join("case.json");
    let mut case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    case["materials"]["account_number"] = "755912345610002".into();
    std::fs::write(&path, serde_json::to_vec_pretty(&case).unwrap()).unwrap();
    let out = export(&dir.path().join("changed"));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("changed after revision 1 was submitted"),
        "{err}"
    );
    assert!(err.contains("outbox"), "{err}");
    assert!(!dir.path().join("changed").exists());
    // And `cases list` says so.
    let list = assert_cmd::Command::cargo_bin("posbind")
        .unwrap()
        .arg("--data-dir")
        .arg(&data)
        .args(["--lang", "en", "cases", "list"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.starts_with("CASE"), "{text}");
    assert!(text.contains("needs attention"), "{text}");
}

#[test]
fn run_json_lists_each_problem_with_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let answers = common::answers_file(
        dir.path(),
        "c.toml",
        &[("id = \"sample-a\"", "id = \"sample-c\"")],
    );
    let out = assert_cmd::Command::cargo_bin("posbind")
        .unwrap()
        .arg("--data-dir")
        .arg(&data)
        .args([
            "--lang",
            "en",
            "run",
            "--json",
            "--port",
            "sim",
            "--answers",
        ])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = v["error"]["problems"].as_array().unwrap();
    assert!(!problems.is_empty());
    assert!(
        problems
            .iter()
            .all(|p| p.as_str().unwrap().starts_with("institution.id (line ")),
        "{problems:?}"
    );
    assert!(case_files(&data).is_empty(), "nothing written");
}

/// The device part of a journal: what the activation and the test recorded, in order, with the
/// facts both front ends must agree on.
fn device_journal(case_dir: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(case_dir.join("journal.jsonl"))
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|e| {
            let d = &e["detail"];
            let fact = match e["event"].as_str()? {
                "activation-step-done" => d["step"].to_string(),
                "terminal-identified" => format!("{} {}", d["serial"], d["matches_label"]),
                "terminal-activated" => format!("{} {}", d["status"], d["tid"]),
                "test-loop-done" => format!("{} {}", d["mode"], d["pass"]),
                _ => return None,
            };
            Some(format!("{} {fact}", e["event"].as_str()?))
        })
        .collect()
}

#[test]
fn the_wizard_and_run_record_the_activation_and_the_test_alike() {
    // The wizard: the demo's sample merchant, activated and tested (payment mode).
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(&["--lang", "en", "demo"], data.path(), 120, 40);
    finish_demo(&mut pty);
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);
    let wizard = device_journal(&case_files(data.path()).remove(0));

    // `posbind run` with the same terminal and a payment test.
    let dir = tempfile::tempdir().unwrap();
    let run_data = dir.path().join("data");
    let answers = common::answers_file(
        dir.path(),
        "a.toml",
        &[("mode = \"connectivity\"", "mode = \"payment\"")],
    );
    let (code, err) = run_cli(&run_data, &answers);
    assert_eq!(code, Some(0), "{err}");
    let run = device_journal(&case_files(&run_data).remove(0));

    // The same records in the same order; only the TID differs (the demo's simulated
    // institution gives its own).
    let without_tid = |j: &[String]| -> Vec<String> {
        j.iter()
            .map(|l| match l.strip_prefix("terminal-activated ") {
                Some(rest) => format!("terminal-activated {}", rest.split(' ').next().unwrap()),
                None => l.clone(),
            })
            .collect()
    };
    assert_eq!(without_tid(&wizard), without_tid(&run));
    assert_eq!(
        without_tid(&run),
        [
            "activation-step-done \"identify\"",
            "terminal-identified \"12345678\" true",
            "activation-step-done \"set-tid\"",
            "activation-step-done \"initialise\"",
            "activation-step-done \"diagnose\"",
            "activation-step-done \"ready\"",
            "terminal-activated \"00\"",
            "test-loop-done \"payment\" true",
        ]
    );
}

#[test]
fn a_sequence_that_ends_with_the_terminal_not_ready_is_journalled_and_runs_again_in_full() {
    use posbind::i18n::Lang;
    use posbind::onboarding::application::ReviewOutcome;
    use posbind::onboarding::device::{ActStep, DeviceIdentity};
    use posbind::onboarding::Case;
    use posbind::tui::app::Event;
    use posbind::tui::worker::Update;
    let dir = tempfile::tempdir().unwrap();
    let store = posbind::store::Store::open(dir.path()).unwrap();
    let now = chrono::Utc::now();
    let mut c = Case::new("Harbour Noodles", Lang::En, true, now);
    c.binding.serial_label = "12345678".into();
    c.record_review(ReviewOutcome::Approved {
        mid: "102584054110001".into(),
        tid: "00012345".into(),
        activation_password: String::new(),
        at: now,
        simulated: true,
    });
    store.save(&mut c, now).unwrap();
    let id = c.id.clone();
    let mut app = demo_app(store);
    app.case = Some(c);
    let ident = |status: &str| DeviceIdentity {
        serial: "12345678".into(),
        name: "SIM".into(),
        version: "1".into(),
        tid: "00012345".into(),
        status: status.into(),
    };
    app.update(Event::Device(Update::Connected(ident("00"))));
    for s in ActStep::SEQUENCE {
        app.update(Event::Device(Update::StepDone(s)));
    }
    // The sequence ran, but the terminal then reports "activation required".
    app.update(Event::Device(Update::Activated(ident("E4"))));
    let case = app.case.as_ref().unwrap();
    assert!(!case.activated());
    assert!(
        case.activation_steps_done().is_empty(),
        "every sub-step runs again"
    );
    let journal = std::fs::read_to_string(
        dir.path()
            .join("cases")
            .join(id.as_str())
            .join("journal.jsonl"),
    )
    .unwrap();
    let last = journal.lines().last().unwrap();
    assert!(last.contains("\"activation-refused\""), "{last}");
    assert!(last.contains("activation-not-ready"), "{last}");
}

/// The wizard in demo mode, in English, on `store`, without a terminal.
fn demo_app(store: posbind::store::Store) -> posbind::tui::App {
    let opts = posbind::tui::AppOptions {
        lang: posbind::i18n::Lang::En,
        theme: posbind::tui::theme::Theme::new(false, false),
        demo: true,
        tz: chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
        clock: chrono::Utc::now,
        catalog: posbind::onboarding::catalog::Catalog::shipped(),
        calendar: posbind::onboarding::calendar::Calendar::shipped(),
    };
    posbind::tui::App::new(store, opts)
}
