//! Ctrl-C (SIGINT) in the middle of test payments, sent at spread moments of the test step of
//! `posbind test-loop` and `posbind run`: every payment the simulator booked is reversed or
//! listed — in the command's JSON summary and in the pending-payments file — and a second
//! Ctrl-C quits at once, naming what may be left.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use posbind::store::pending::PendingStore;

fn sigint(child: &Child) {
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -INT");
}

/// Waits for the child to end (at most 60 s) and returns its exit code and stdout.
fn finish(mut child: Child) -> (Option<i32>, String) {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            if let Some(mut o) = child.stdout.take() {
                let _ = o.read_to_string(&mut out);
            }
            return (status.code(), out);
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "ended after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Reads stderr until a line contains `text` (the test step started), then keeps draining it
/// on a thread so the child never blocks on a full pipe.
fn wait_for_stderr(child: &mut Child, text: &str) {
    let err = child.stderr.take().unwrap();
    let mut lines = BufReader::new(err).lines();
    for line in lines.by_ref() {
        if line.unwrap_or_default().contains(text) {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
}

/// The JSON summary's unreversed receipts (last stdout line) and how many are unknown.
fn reported(stdout: &str, key: Option<&str>) -> (BTreeSet<u16>, usize) {
    let Some(last) = stdout.lines().last() else {
        return (BTreeSet::new(), 0);
    };
    let v: serde_json::Value = serde_json::from_str(last).unwrap();
    let summary = match key {
        Some(k) => v[k].clone(),
        None => v,
    };
    let list = summary["unreversed"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let receipts = list
        .iter()
        .filter_map(|u| u["receipt"].as_u64())
        .map(|r| r as u16)
        .collect();
    let unknown = list
        .iter()
        .filter(|u| u["kind"] == "outcome-unknown")
        .count();
    (receipts, unknown)
}

/// What the terminal holds unreversed is listed in the summary and in the pending file.
fn check(label: &str, state: &Path, data: &Path, stdout: &str, key: Option<&str>) {
    let on_terminal = common::unreversed_on_terminal(state);
    let (listed, unknown) = reported(stdout, key);
    let pending: BTreeSet<u16> = PendingStore::new(data)
        .open()
        .unwrap()
        .iter()
        .filter_map(|p| p.receipt())
        .collect();
    assert!(
        listed.is_subset(&on_terminal),
        "{label}: listed {listed:?}, terminal {on_terminal:?}"
    );
    assert!(
        on_terminal.difference(&listed).count() <= unknown,
        "{label}: terminal holds {on_terminal:?}, summary lists {listed:?} (+{unknown} unknown)"
    );
    assert!(
        on_terminal.is_subset(&pending) || on_terminal.len() <= unknown,
        "{label}: terminal holds {on_terminal:?}, pending file {pending:?}"
    );
}

fn test_loop(data: &Path, state: &Path) -> Child {
    test_loop_with(data, state, &[])
}

/// [`test_loop`] with more arguments.
fn test_loop_with(data: &Path, state: &Path, more: &[&str]) -> Child {
    Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(data)
        .args([
            "--lang",
            "en",
            "test-loop",
            "--port",
            "sim",
            "--mode",
            "payment",
            "--count",
            "500",
            "--interval",
            "0",
            "--json",
            "--sim",
            "card_delay_ms=3",
            "--sim",
            &format!("state_file={}", state.display()),
        ])
        .args(more)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn ctrl_c_during_test_loop_payments_leaves_nothing_unlisted() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20u64 {
        let data = dir.path().join(format!("data-{i}"));
        let state = dir.path().join(format!("terminal-{i}.json"));
        let mut child = test_loop(&data, &state);
        wait_for_stderr(&mut child, "round 1/");
        // Spread over the first rounds: 0, 7, 14 … 133 ms after the first round.
        std::thread::sleep(Duration::from_millis(i * 7));
        sigint(&child);
        let (code, out) = finish(child);
        assert_eq!(code, Some(1), "try {i}: a stopped loop has not passed");
        check(&format!("test-loop try {i}"), &state, &data, &out, None);
    }
}

#[test]
fn a_second_ctrl_c_quits_at_once_and_says_what_may_be_left() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let state = dir.path().join("terminal.json");
    // The host answers in 300 ms: the second Ctrl-C comes while the payment in flight (past
    // its 3 ms card wait, where a stop would abort it at once) or its void still runs.
    let mut child = test_loop_with(&data, &state, &["--sim", "host_latency_ms=300"]);
    let err = child.stderr.take().unwrap();
    let mut lines = BufReader::new(err).lines();
    for line in lines.by_ref() {
        if line.unwrap_or_default().contains("round 1/") {
            break;
        }
    }
    std::thread::sleep(Duration::from_millis(50));
    sigint(&child);
    // Two signals sent back to back may be delivered as one (a pending signal does not queue):
    // the second is sent once the first was seen.
    let mut seen = vec![];
    for line in lines.by_ref() {
        let line = line.unwrap_or_default();
        let first_seen = line.contains("Ctrl-C");
        seen.push(line);
        if first_seen {
            break;
        }
    }
    sigint(&child);
    let (code, out) = finish(child);
    let mut rest = seen;
    rest.extend(lines.map_while(Result::ok));
    assert_eq!(code, Some(130), "{rest:?}");
    // Even then the command's result is printed, as JSON: stopped, with what may be left.
    let summary: serde_json::Value =
        serde_json::from_str(out.lines().last().expect("a summary line")).unwrap();
    assert_eq!(summary["pass"], false, "{summary}");
    assert_eq!(summary["failed_rules"][0]["rule"], "stopped", "{summary}");
    let listed = summary["unreversed"].as_array().unwrap().len();
    assert_eq!(
        listed,
        PendingStore::new(&data).open().unwrap().len(),
        "{summary}"
    );
    assert!(
        rest.iter().any(|l| l.contains("posbind pending list")),
        "{rest:?}"
    );
    // What the terminal holds is in the pending file, to be settled next time.
    let on_terminal = common::unreversed_on_terminal(&state);
    let pending: BTreeSet<u16> = PendingStore::new(&data)
        .open()
        .unwrap()
        .iter()
        .filter_map(|p| p.receipt())
        .collect();
    let open = PendingStore::new(&data).open().unwrap().len();
    assert!(
        on_terminal.is_subset(&pending) || on_terminal.len() <= open,
        "terminal {on_terminal:?}, pending {pending:?}"
    );
}

#[test]
fn ctrl_c_during_a_runs_test_step_leaves_nothing_unlisted() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20u64 {
        let serial = format!("{:08X}", 0xC000_0000u32 + i as u32);
        let label = format!("serial_number = \"{serial}\"");
        let answers = common::answers_file(
            dir.path(),
            &format!("answers-{i}.toml"),
            &[
                ("serial_number = \"12345678\"", label.as_str()),
                ("mode = \"connectivity\"", "mode = \"payment\""),
                ("count = 5", "count = 500"),
            ],
        );
        let data = dir.path().join(format!("data-{i}"));
        let state = dir.path().join(format!("terminal-{i}.json"));
        let mut child = Command::new(common::posbind_bin())
            .arg("--data-dir")
            .arg(&data)
            .args([
                "--lang",
                "en",
                "run",
                "--port",
                "sim",
                "--json",
                "--sim",
                &format!("serial={serial}"),
                "--sim",
                "card_delay_ms=3",
                "--sim",
                &format!("state_file={}", state.display()),
                "--answers",
            ])
            .arg(&answers)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_for_stderr(&mut child, "round 1/");
        std::thread::sleep(Duration::from_millis(i * 7));
        sigint(&child);
        let (code, out) = finish(child);
        assert_eq!(code, Some(1), "try {i}: {out}");
        check(&format!("run try {i}"), &state, &data, &out, Some("test"));
    }
}

#[test]
fn kill_9_at_any_moment_leaves_a_pending_file_the_next_session_settles() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10u64 {
        let data = dir.path().join(format!("data-{i}"));
        let state = dir.path().join(format!("terminal-{i}.json"));
        let mut child = test_loop(&data, &state);
        wait_for_stderr(&mut child, "round 1/");
        std::thread::sleep(Duration::from_millis(i * 11));
        child.kill().unwrap(); // SIGKILL: no handler runs
        let _ = child.wait();
        // The file is readable whatever line the kill cut.
        PendingStore::new(&data).read().unwrap();
        // The next session on the same terminal settles everything.
        let out = Command::new(common::posbind_bin())
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
                &format!("state_file={}", state.display()),
            ])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "try {i}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            common::unreversed_on_terminal(&state).is_empty(),
            "try {i}: the terminal still holds a test payment"
        );
        assert!(
            PendingStore::new(&data).open().unwrap().is_empty(),
            "try {i}: the pending file is settled"
        );
    }
}

/// Stop means abort: Ctrl-C while the terminal waits for the card sends Abort, so the command
/// ends at once instead of waiting for a card (here 30 s), and nothing is booked.
#[test]
fn ctrl_c_while_the_terminal_waits_for_the_card_aborts_the_payment() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let state = dir.path().join("terminal.json");
    let mut child = Command::new(common::posbind_bin())
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
        ])
        .args([
            "--count",
            "3",
            "--json",
            "--sim",
            "card_delay_ms=30000",
            "--sim",
        ])
        .arg(format!("state_file={}", state.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_stderr(&mut child, "insert card");
    let sent = Instant::now();
    sigint(&child);
    let (code, out) = finish(child);
    assert!(
        sent.elapsed() < Duration::from_secs(10),
        "ended {:?} after Ctrl-C, not when a card came",
        sent.elapsed()
    );
    assert_eq!(code, Some(1));
    let summary: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(summary["pass"], false);
    assert!(
        summary["unreversed"].as_array().unwrap().is_empty(),
        "{summary}"
    );
    assert!(common::unreversed_on_terminal(&state).is_empty());
    assert!(PendingStore::new(&data).open().unwrap().is_empty());
}
