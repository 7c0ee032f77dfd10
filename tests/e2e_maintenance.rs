//! End-to-end, the real binary in an 80x24 pseudo-terminal in Chinese: a live case's
//! end-of-day from the wizard's Maintenance screen against the simulator — the resumed case
//! reconnects to its terminal on its own, Enter on the end-of-day row — keeps the total of
//! the simulator's state file (its unvoided payments) in the case and its journal, and the
//! terminal's batch is closed.
#![cfg(unix)]

mod common;

use std::path::Path;

use common::{keys, Pty};

#[test]
fn end_of_day_from_the_maintenance_screen_keeps_the_simulators_total() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let state = dir.path().join("terminal.json");
    std::fs::write(dir.path().join("secrets.toml"), "password = \"000000\"\n").unwrap();
    let answers = common::answers_file(dir.path(), "answers.toml", &[]);
    let out = std::process::Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(&data)
        .args(["--lang", "en", "run", "--port", "sim", "--json", "--sim"])
        .arg(format!("state_file={}", state.display()))
        .arg("--answers")
        .arg(&answers)
        .arg("--secrets")
        .arg(dir.path().join("secrets.toml"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v["case"].as_str().unwrap().to_string();
    // The day's sales on the terminal: 25.80 and 4.00 yuan, and a voided 9.99.
    let mut s: posbind::sim::terminal::TerminalState =
        serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    for (i, (amount, reversed)) in [(2580u64, false), (400, false), (999, true)]
        .into_iter()
        .enumerate()
    {
        s.turnover.push(posbind::sim::terminal::Txn {
            receipt: s.receipt + 1 + i as u16,
            trace: s.trace + 1 + i as u32,
            amount,
            reversed,
        });
    }
    // The last transaction the terminal keeps: the 4.00 yuan payment.
    s.last = Some(s.turnover[1].clone());
    let last_receipt = s.turnover[1].receipt;
    s.receipt += 3;
    s.trace += 3;
    std::fs::write(&state, serde_json::to_string(&s).unwrap()).unwrap();

    let sim = format!("state_file={}", state.display());
    let mut pty = Pty::spawn(&["--lang", "zh-CN", "--sim", &sim], &data, 80, 24);
    pty.wait_for("新建工单");
    pty.send(keys::DOWN);
    pty.send(keys::ENTER);
    pty.wait_for("维护（已上线）");
    pty.wait_for("健康检查");
    // The resumed case reconnects to its terminal (the simulator) on its own.
    pty.wait_for("终端序列号与标签一致");
    // A slip that did not print: the last row asks the terminal for its last transaction.
    for _ in 0..8 {
        pty.send(keys::DOWN);
    }
    pty.send(keys::ENTER);
    pty.wait_for(&format!("终端最后一笔交易：凭证号 {last_receipt}"));
    pty.wait_for("4.00 元，已批准");
    for _ in 0..8 {
        pty.send(keys::UP);
    }
    pty.send(keys::ENTER);
    pty.wait_for("结算完成：批次总额 29.80 元");
    pty.wait_for("结算日报");
    // The notice's words follow the language switch: none were put into words before it.
    pty.send(keys::F2);
    pty.wait_for("End-of-day done: batch total 29.80 yuan");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    // The day report, as `posbind settle` writes it, in the case's language (English here).
    let reports: Vec<_> = std::fs::read_dir(data.join("cases").join(&id).join("report"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("end-of-day-") && n.ends_with(".html"))
        .collect();
    assert_eq!(reports.len(), 1, "{reports:?}");
    let html = std::fs::read_to_string(
        data.join("cases")
            .join(&id)
            .join("report")
            .join(&reports[0]),
    )
    .unwrap();
    assert!(html.contains("29.80"), "the total");

    let case = read_json(&data.join("cases").join(&id).join("case.json"));
    assert_eq!(case["maintenance"]["last_end_of_day"]["total_minor"], 2980);
    let journal =
        std::fs::read_to_string(data.join("cases").join(&id).join("journal.jsonl")).unwrap();
    assert!(
        journal.contains("\"event\":\"end-of-day\"") && journal.contains("\"total_minor\":2980")
    );
    let s: posbind::sim::terminal::TerminalState =
        serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    assert!(s.turnover.is_empty(), "the batch is closed");
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}
