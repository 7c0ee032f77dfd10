//! The test-transaction loop against the simulator: every fault kind ends in bounded time with
//! the right classification, no payment stays unreversed unless the terminal refuses the
//! reversal (then it is reported), and stopping while the card is awaited aborts the payment.

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;

use posbind::device::client::{Client, ClientConfig};
use posbind::device::transport::{SerialSettings, SerialTransport};
use posbind::sim::{PtySim, SimConfig};
use posbind::testloop::{self, Control, LoopConfig, LoopEvent, Mode};
use posbind::zvt::codes::IntermediateStatus;
use posbind::zvt::ecr::FlowTimers;
use posbind::zvt::messages::{Amount, Currency};

fn setup(settings: &[&str]) -> (PtySim, Client) {
    let mut args: Vec<String> = vec!["tid=12345678".into()];
    args.extend(settings.iter().map(|s| s.to_string()));
    let sim = PtySim::spawn(SimConfig::load(None, &args).unwrap(), None).unwrap();
    let t = SerialTransport::open(sim.path(), SerialSettings::default()).unwrap();
    let cfg = ClientConfig {
        flow: FlowTimers {
            t3: Duration::from_millis(800),
            t4: Duration::from_secs(2),
            ..FlowTimers::default()
        },
        ..ClientConfig::default()
    };
    let mut c = Client::new(Box::new(t), cfg);
    c.register().unwrap();
    (sim, c)
}

fn loop_cfg(mode: Mode, count: u32) -> LoopConfig {
    LoopConfig {
        mode,
        count,
        interval: Duration::ZERO,
        timeout: Duration::from_secs(2),
        amount: Amount {
            minor: 1,
            currency: Currency::CNY,
        },
        p95_limit: Duration::from_secs(5),
        reversal_attempts: 3,
    }
}

#[test]
fn two_thousand_connectivity_rounds_and_the_exact_summary_json() {
    let out = Command::cargo_bin("posbind")
        .unwrap()
        .args([
            "--lang",
            "en",
            "test-loop",
            "--port",
            "sim",
            "--count",
            "2000",
            "--interval",
            "0",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        2001,
        "one line per transaction and the summary"
    );
    let summary: serde_json::Value = serde_json::from_str(lines[2000]).unwrap();
    // The exact shape, keys in this order: check the raw line, not a (sorted) map.
    let raw = lines[2000];
    let pos = |k: &str| {
        raw.find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("{k} missing: {raw}"))
    };
    let order = [
        "mode",
        "count",
        "planned",
        "succeeded",
        "failed",
        "unreversed",
        "latency_ms",
        "min",
        "p50",
        "p95",
        "max",
        "terminal_ms",
        "pass",
        "failed_rules",
        "aborted",
    ];
    assert!(order.windows(2).all(|w| pos(w[0]) < pos(w[1])), "{raw}");
    assert_eq!(summary.as_object().unwrap().len(), 11);
    assert_eq!(summary["aborted"], false);
    assert_eq!(summary["failed_rules"], serde_json::json!([]));
    assert_eq!(summary["planned"], 2000);
    assert_eq!(summary["latency_ms"].as_object().unwrap().len(), 4);
    assert_eq!(summary["mode"], "connectivity");
    assert_eq!(summary["count"], 2000);
    assert_eq!(summary["succeeded"], 2000);
    assert_eq!(summary["pass"], true);
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["index"], 1);
    assert_eq!(first["ok"], true);
}

#[test]
fn link_faults_are_recovered_and_leave_nothing_unreversed() {
    for fault in [
        "fault.nak=0.1",
        "fault.bad_crc=0.1",
        "fault.drop_ack=0.2",
        "fault.garbage=0.3",
        "fault.gap=@5",
    ] {
        let (_sim, mut c) = setup(&[fault, "seed=11"]);
        let started = Instant::now();
        let s = testloop::run(
            &mut c,
            &loop_cfg(Mode::Payment, 6),
            &Control::default(),
            &mut |_| {},
        );
        assert!(s.unreversed.is_empty(), "{fault}: {s:?}");
        assert_eq!(s.count, 6);
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{fault} bounded"
        );
        // Three failures in a row on one frame end that round by the spec; the others recover.
        assert!(s.succeeded >= 5, "{fault}: recovered by resending: {s:?}");
    }
}

#[test]
fn silence_and_disconnects_are_classified() {
    // Command 1 is the registration, 2 the Repeat Receipt that learns the terminal's last
    // transaction, 3 the first Authorisation.
    let cases = [
        ("fault.silence_t3=@3", "client-error-t3"),
        ("fault.silence_t4=@3", "client-error-t4"),
        // Hang up while sending the Authorisation's second intermediate status: before the
        // status information, so nothing is booked.
        ("fault.disconnect_after=6", "client-error-disconnected"),
    ];
    for (fault, want) in cases {
        let (_sim, mut c) = setup(&[fault]);
        let started = Instant::now();
        let mut errors = vec![];
        let s = testloop::run(
            &mut c,
            &loop_cfg(Mode::Payment, 3),
            &Control::default(),
            &mut |e| {
                if let LoopEvent::Round(r) = e {
                    errors.extend(r.error);
                }
            },
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{fault} bounded"
        );
        assert!(!s.pass, "{fault}");
        assert!(errors.iter().any(|e| e == want), "{fault}: {errors:?}");
        let never_booked = s.unreversed.is_empty()
            || s.unreversed.iter().all(|u| {
                u.kind == posbind::testloop::UnreversedKind::OutcomeUnknown && u.receipt.is_none()
            });
        assert!(never_booked, "{fault}: nothing was booked: {s:?}");
    }
}

#[test]
fn a_line_that_drops_after_the_commit_leaves_a_reported_payment() {
    // Frames: registration 2, Repeat Receipt 2, Authorisation 80 00 00, two intermediate
    // statuses, the status information (8th, acknowledged: booked), then the hang-up.
    let (_sim, mut c) = setup(&["fault.disconnect_after=8"]);
    let s = testloop::run(
        &mut c,
        &loop_cfg(Mode::Payment, 3),
        &Control::default(),
        &mut |_| {},
    );
    assert_eq!(s.unreversed.len(), 1, "{s:?}");
    assert_eq!(s.unreversed[0].receipt, Some(1));
    assert_eq!(
        s.unreversed[0].kind,
        posbind::testloop::UnreversedKind::Committed
    );
    assert!(!s.pass);
}

#[test]
fn a_refused_reversal_is_reported_with_receipt_and_amount() {
    let (_sim, mut c) = setup(&["refuse_reversal=true"]);
    let s = testloop::run(
        &mut c,
        &loop_cfg(Mode::Payment, 2),
        &Control::default(),
        &mut |_| {},
    );
    // No second payment after one the terminal would not void: it would be more money on the
    // card, and the test cannot pass anyway.
    assert_eq!((s.count, s.unreversed.len()), (1, 1), "{s:?}");
    assert_eq!(s.unreversed[0].receipt, Some(1));
    assert_eq!(
        s.unreversed[0].kind,
        posbind::testloop::UnreversedKind::Refused
    );
    assert_eq!(s.unreversed[0].amount_minor, 1);
    assert!(s.unreversed[0].error.contains("B5"));
    assert!(!s.pass);
}

#[test]
fn stopping_while_the_terminal_waits_for_the_card_aborts_the_payment() {
    // Stop means abort (issue 22, point 9): the loop's stop switch makes posbind send Abort
    // (06 B0) while the card is awaited; the terminal aborts and books nothing.
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = log.clone();
    let logger: posbind::sim::Logger = Arc::new(move |l: &str| sink.lock().unwrap().push(l.into()));
    let sim = PtySim::spawn(
        SimConfig::load(None, &["tid=12345678".into(), "card_delay_ms=5000".into()]).unwrap(),
        Some(logger),
    )
    .unwrap();
    let t = SerialTransport::open(sim.path(), SerialSettings::default()).unwrap();
    let mut c = Client::new(Box::new(t), ClientConfig::default());
    c.register().unwrap();
    let control = Control::default();
    let mut rounds = vec![];
    let started = Instant::now();
    // Time enough for the card: only the abort ends the wait early.
    let cfg = LoopConfig {
        timeout: Duration::from_secs(10),
        ..loop_cfg(Mode::Payment, 5)
    };
    let s = testloop::run(&mut c, &cfg, &control, &mut |e| match e {
        // The abort key is pressed while the terminal waits for the card.
        LoopEvent::Terminal(_, st) if st == IntermediateStatus::INSERT_CARD => {
            control.abort.store(true, Ordering::Relaxed)
        }
        LoopEvent::Round(r) => rounds.push(r),
        _ => {}
    });
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the card was not waited for: {:?}",
        started.elapsed()
    );
    // The round stopped in flight is shown, but it is not a round that ran (issue 27).
    assert_eq!((s.count, s.failed), (0, 0), "stopped in the current round");
    assert!(s.aborted && !s.pass);
    assert!(!rounds[0].ok);
    assert_eq!(rounds[0].reversed, None, "nothing to reverse");
    assert!(s.unreversed.is_empty(), "{:?}", s.unreversed);
    drop(c);
    let (_, terminal) = sim.stop().unwrap();
    assert!(
        terminal.state.turnover.is_empty(),
        "{:?}",
        terminal.state.turnover
    );
    let log = log.lock().unwrap();
    assert!(
        log.iter()
            .any(|l| l.contains("ECR->PT abort during the payment")),
        "{log:#?}"
    );
}

#[test]
fn connectivity_rounds_against_a_declining_host_still_pass_without_cards() {
    let (_sim, mut c) = setup(&["decline_suffix=1"]);
    let s = testloop::run(
        &mut c,
        &loop_cfg(Mode::Connectivity, 5),
        &Control::default(),
        &mut |_| {},
    );
    assert!(s.pass);
    let (_sim, mut c) = setup(&["decline_suffix=1"]);
    let s = testloop::run(
        &mut c,
        &loop_cfg(Mode::Payment, 2),
        &Control::default(),
        &mut |_| {},
    );
    assert_eq!(s.failed, 2, "declined payments fail and need no reversal");
    assert!(s.unreversed.is_empty());
}

#[test]
fn a_silenced_command_does_not_make_the_simulator_drop_the_next_identical_one() {
    // Command 1 is the registration; command 2 (the first Diagnosis) is left unanswered.
    let (_sim, mut c) = setup(&["fault.silence_t3=@2"]);
    let s = testloop::run(
        &mut c,
        &loop_cfg(Mode::Connectivity, 4),
        &Control::default(),
        &mut |_| {},
    );
    assert_eq!((s.succeeded, s.failed), (3, 1), "{s:?}");
}

#[test]
fn a_silenced_command_one_time_in_five_still_lets_most_rounds_pass() {
    let (_sim, mut c) = setup(&["fault.silence_t3=0.2", "seed=3"]);
    let s = testloop::run(
        &mut c,
        &loop_cfg(Mode::Connectivity, 12),
        &Control::default(),
        &mut |_| {},
    );
    assert!(s.succeeded >= 6, "{s:?}");
}

/// Issue 15: without `--json` the human summary goes to stdout (progress stays on stderr), and a
/// run in which no round succeeded shows "-" for the latencies, not "min 0.0, p50 0.0".
#[test]
fn the_human_summary_is_on_stdout_and_a_failed_run_shows_no_latencies() {
    let run = |extra: &[&str]| {
        let mut args = vec![
            "--lang",
            "en",
            "test-loop",
            "--port",
            "sim",
            "--interval",
            "0",
        ];
        args.extend_from_slice(extra);
        Command::cargo_bin("posbind")
            .unwrap()
            .args(&args)
            .output()
            .unwrap()
    };
    let ok = run(&["--count", "3"]);
    assert_eq!(ok.status.code(), Some(0));
    let stdout = String::from_utf8(ok.stdout).unwrap();
    assert!(
        stdout.starts_with("PASSED: 3/3 succeeded (connectivity test)"),
        "{stdout}"
    );
    assert!(!String::from_utf8_lossy(&ok.stderr).contains("PASSED:"));

    let failed = run(&[
        "--count",
        "2",
        "--mode",
        "payment",
        "--sim",
        "decline_suffix=1",
    ]);
    assert_eq!(failed.status.code(), Some(1));
    let stdout = String::from_utf8(failed.stdout).unwrap();
    assert!(
        stdout.starts_with("FAILED: 0/2 succeeded (payment test)"),
        "{stdout}"
    );
    assert!(stdout.contains("min -, p50 -, p95 -, max -"), "{stdout}");
    assert!(!stdout.contains("0.0"), "{stdout}");

    let json = run(&["--count", "2", "--json"]);
    let stdout = String::from_utf8(json.stdout).unwrap();
    for line in stdout.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("stdout stays JSON only");
    }
}
