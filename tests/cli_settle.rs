//! `posbind settle` against the simulator: the total it keeps is the simulator's state file's
//! (its unvoided payments), the batch is closed, the case and its journal keep the end-of-day,
//! and `health` counts it; an open test payment or another terminal stops it before anything
//! is done.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn posbind(data: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", lang]);
    c
}

/// A live case made by `posbind run` on a simulator whose state is kept in `terminal.json`.
fn live_case(dir: &Path) -> (PathBuf, PathBuf, String) {
    let data = dir.join("data");
    let state = dir.join("terminal.json");
    std::fs::write(dir.join("secrets.toml"), "password = \"000000\"\n").unwrap();
    let answers = common::answers_file(dir, "answers.toml", &[]);
    let out = posbind(&data, "en")
        .args(["run", "--port", "sim", "--json", "--sim"])
        .arg(format!("state_file={}", state.display()))
        .arg("--answers")
        .arg(&answers)
        .arg("--secrets")
        .arg(dir.join("secrets.toml"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (data, state, v["case"].as_str().unwrap().to_string())
}

fn state(path: &Path) -> posbind::sim::terminal::TerminalState {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn settle(data: &Path, state: &Path, lang: &str, extra: &[&str]) -> std::process::Output {
    posbind(data, lang)
        .args(["settle", "--port", "sim", "--sim"])
        .arg(format!("state_file={}", state.display()))
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_total_kept_is_the_terminals_and_the_batch_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let (data, state_file, case) = live_case(dir.path());
    // The day's sales on the terminal (the merchant's, not posbind's test payments): two
    // payments and one voided one, beside the test loop's voided test payments.
    let mut s = state(&state_file);
    let next = s.receipt;
    for (i, (amount, reversed)) in [(1234u64, false), (99, false), (5000, true)]
        .iter()
        .enumerate()
    {
        s.turnover.push(posbind::sim::terminal::Txn {
            receipt: next + 1 + i as u16,
            trace: s.trace + 1 + i as u32,
            amount: *amount,
            reversed: *reversed,
        });
    }
    s.receipt = next + 3;
    s.trace += 3;
    let expected: u64 = s
        .turnover
        .iter()
        .filter(|t| !t.reversed)
        .map(|t| t.amount)
        .sum();
    assert_eq!(expected, 1333);
    std::fs::write(&state_file, serde_json::to_string(&s).unwrap()).unwrap();

    let out = settle(&data, &state_file, "en", &["--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total_minor"], expected);
    assert_eq!(v["case"], case.as_str());
    assert_eq!(v["tid"], "00012345");
    // The terminal closed its batch.
    assert!(state(&state_file).turnover.is_empty());
    // The case keeps it, and so does its journal.
    let text = std::fs::read_to_string(data.join("cases").join(&case).join("case.json")).unwrap();
    let c: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(c["maintenance"]["last_end_of_day"]["total_minor"], expected);
    let journal =
        std::fs::read_to_string(data.join("cases").join(&case).join("journal.jsonl")).unwrap();
    let last: serde_json::Value = serde_json::from_str(journal.lines().last().unwrap()).unwrap();
    assert_eq!(last["event"], "end-of-day");
    assert_eq!(last["detail"]["total_minor"], expected);
    // The day report, in the case's language, with the total and the terminal.
    let report = v["report"].as_str().unwrap();
    let html = std::fs::read_to_string(report).unwrap();
    assert!(html.contains("结算日报") && html.contains("13.33") && html.contains("00012345"));

    // An empty batch settles to 0, said in both languages.
    let out = settle(&data, &state_file, "zh-CN", &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("已完成结算：批次总额 0.00 元"), "{text}");
    let out = settle(&data, &state_file, "en", &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("batch total 0.00 yuan"), "{text}");
}

#[test]
fn an_end_of_day_that_is_overdue_is_cleared_by_settling() {
    let dir = tempfile::tempdir().unwrap();
    let (data, state_file, case) = live_case(dir.path());
    let path = data.join("cases").join(&case).join("case.json");
    let mut c: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    c["golive"]["at"] = (chrono::Utc::now() - chrono::Duration::hours(60))
        .to_rfc3339()
        .into();
    c["training"]["practised"] = serde_json::Value::Null;
    std::fs::write(&path, serde_json::to_string_pretty(&c).unwrap()).unwrap();
    let health = |data: &Path| {
        posbind(data, "en")
            .args(["health", &case])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(health(&data), Some(1));
    let out = settle(&data, &state_file, "en", &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(health(&data), Some(0));
}

#[test]
fn an_open_test_payment_or_another_terminal_stops_the_end_of_day() {
    let dir = tempfile::tempdir().unwrap();
    let (data, state_file, case) = live_case(dir.path());
    let out = posbind(&data, "en")
        .args([
            "test-loop",
            "--port",
            "sim",
            "--mode",
            "payment",
            "--count",
            "1",
        ])
        .args(["--sim", "refuse_reversal=true", "--sim"])
        .arg(format!("state_file={}", state_file.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let before = state(&state_file).turnover;
    assert!(before.iter().any(|t| !t.reversed));
    let out = settle(
        &data,
        &state_file,
        "en",
        &["--sim", "refuse_reversal=true", "--json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "open-payments");
    assert_eq!(
        state(&state_file).turnover,
        before,
        "the batch is still open"
    );
    let text = std::fs::read_to_string(data.join("cases").join(&case).join("case.json")).unwrap();
    assert!(!text.contains("last_end_of_day"));

    // Another terminal (another serial number, its own state) is refused before anything.
    let other = dir.path().join("other.json");
    let out = posbind(&data, "zh-CN")
        .args([
            "settle",
            "--port",
            "sim",
            "--sim",
            "serial=0BADCAFE",
            "--sim",
            "tid=00012345",
        ])
        .arg("--sim")
        .arg(format!("state_file={}", other.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("这不是该工单的终端"), "{err}");
}
