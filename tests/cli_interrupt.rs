//! Ctrl-C during `posbind test-loop` stops the loop after the current round and still prints
//! the summary, instead of killing the process (the handler is `platform::interrupt`).
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn ctrl_c_stops_the_test_loop_after_the_round_with_a_summary() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_posbind"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["--lang", "en", "test-loop", "--port", "sim", "--json"])
        .args(["--count", "1000", "--interval", "0.05"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // Two rounds done: the handler is installed (it is, before the first round).
    for _ in 0..2 {
        let round: serde_json::Value =
            serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
        assert_eq!(round["ok"], true, "{round}");
    }
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let rest: Vec<String> = lines.map(|l| l.unwrap()).collect();
    let status = child.wait().unwrap();
    // Not killed by the signal: a normal exit, "fail" because the loop did not finish.
    assert_eq!(status.code(), Some(1), "{status:?}");
    let summary: serde_json::Value = serde_json::from_str(rest.last().unwrap()).unwrap();
    assert_eq!(summary["pass"], false, "{summary}");
    let ran = summary["count"].as_u64().unwrap();
    assert!((2..1000).contains(&ran), "{summary}");
}

/// Issue 27: the human summary of a run stopped with Ctrl-C reads STOPPED with the rounds run
/// and planned, not "FAIL: 21/21 succeeded".
#[test]
fn ctrl_c_summary_reads_stopped_with_its_numbers() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_posbind"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["--lang", "en", "test-loop", "--port", "sim"])
        .args(["--count", "1000", "--interval", "0.05"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The progress lines are on stderr: two rounds done, the handler is installed.
    let mut progress = BufReader::new(child.stderr.take().unwrap()).lines();
    for _ in 0..2 {
        progress.next().unwrap().unwrap();
    }
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let _rest: Vec<String> = progress.map(|l| l.unwrap()).collect();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{:?}", out.status);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("STOPPED after "), "{stdout}");
    assert!(stdout.contains(" of 1000 rounds"), "{stdout}");
    assert!(!stdout.contains("FAIL"), "{stdout}");
}
