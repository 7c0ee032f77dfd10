//! Issue 24: the installer's fast path for a terminal without a cash-register link, in Chinese
//! at 80x24. `posbind --answers FILE` without `--port` (nothing is connected) opens Activation
//! on a person's rows; each is filled or confirmed with the keys the hint bar shows (↑/↓,
//! Enter), the Test step likewise, and the report says who confirmed each step and when.

mod common;

use common::{keys, Pty, WAIT};
use std::path::Path;
use std::time::Instant;

/// What to do on one row: type a value into it, or confirm it.
enum Row<'a> {
    Type(&'a str),
    Confirm,
}

const WHO: &str = "安装员王";

/// An answers file of `pos_type` at `institution`, in Chinese (the template's language).
fn answers(dir: &Path, pos_type: &str, institution: &str) -> String {
    let pos = format!("pos_type = \"{pos_type}\"");
    let inst = format!("id = \"{institution}\"");
    common::answers_file(
        dir,
        "answers.toml",
        &[
            ("pos_type = \"countertop\"", &pos),
            ("id = \"sample-a\"", &inst),
        ],
    )
    .display()
    .to_string()
}

/// Waits until the screen shows `text` at least `n` times.
fn wait_count(pty: &mut Pty, text: &str, n: usize) {
    let deadline = Instant::now() + WAIT;
    loop {
        pty.pump();
        if pty.screen().matches(text).count() >= n {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "waiting for {n} × {text:?}; screen:\n{}",
            pty.screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Works down the rows from the cursor: Enter opens a field (typed, Enter closes it) or
/// confirms a step, ↓ moves on.
fn work_rows(pty: &mut Pty, rows: &[Row]) {
    for row in rows {
        match row {
            Row::Type(text) => {
                pty.send(keys::ENTER);
                pty.send(text);
                pty.send(keys::ENTER);
            }
            Row::Confirm => pty.send(keys::ENTER),
        }
        pty.send(keys::DOWN);
    }
}

/// The whole walk: activation rows, the test rows (from the first fact, above the prefilled
/// "who"), training (done in the answers), go-live and its report; returns the report JSON and
/// HTML.
fn walk(
    pos_type: &str,
    institution: &str,
    activation: &[Row],
    test: &[Row],
) -> (serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let a = answers(dir.path(), pos_type, institution);
    let data = dir.path().join("data");
    let mut pty = Pty::spawn(
        &["--lang", "zh-CN", "--answers", &a, "--accept-warnings"],
        &data,
        80,
        24,
    );
    // The bar shows the keys the walk uses.
    pty.wait_for("激活 | ");
    pty.wait_for("人工确认");
    pty.wait_for("Enter 选择");
    pty.wait_for("posbind 不连接");
    assert!(pty.screen().contains("[ ] 确认人"), "{}", pty.screen());
    work_rows(&mut pty, activation);
    let steps = activation
        .iter()
        .filter(|r| matches!(r, Row::Confirm))
        .count();
    wait_count(&mut pty, &format!("人工确认：{WHO}"), steps);
    pty.wait_for("已记录为人工确认（并非终端核验）");
    // Who and when fit the row at 80 columns: the time is not cut off.
    for line in pty.screen().lines().filter(|l| l.contains("人工确认：")) {
        let when = line.trim_end().rsplit('，').next().unwrap_or("");
        assert!(
            when.len() == 11 && when.as_bytes()[5] == b' ' && !when.contains('…'),
            "{line}"
        );
    }

    pty.send(keys::PGDN);
    pty.wait_for("测试 | ");
    pty.wait_for(&format!("[✓] 确认人                 {WHO}"));
    // The cursor lands on the confirmation, the first thing not done: up to the first fact.
    for _ in 1..test.len() {
        pty.send(keys::UP);
    }
    work_rows(&mut pty, test);
    pty.wait_for("测试已记录为人工确认（并非终端核验）");

    pty.send(keys::PGDN);
    pty.wait_for("培训 | ");
    pty.send(keys::PGDN);
    pty.wait_for("上线 | ");
    // The summary says the test was a person's (人工确认, on the next line at 80 columns), not
    // a loop's rounds.
    pty.wait_for("| 测试");
    let screen = pty.screen();
    let after = &screen[screen.find("| 测试").unwrap()..];
    assert!(
        after.trim_start_matches("| 测试").contains("人工确认"),
        "{screen}"
    );
    assert!(!after.contains("10/10"), "{screen}");
    pty.send(keys::ENTER);
    pty.wait_for("激活报告已生成");
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);

    let case = std::fs::read_dir(data.join("cases"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let json = std::fs::read_to_string(case.join("report/activation-report.json")).unwrap();
    let html = std::fs::read_to_string(case.join("report/activation-report.html")).unwrap();
    (serde_json::from_str(&json).unwrap(), html)
}

/// Each step and the test were confirmed by the person, with when; no terminal said anything.
fn assert_persons(j: &serde_json::Value, html: &str, steps: usize) {
    let confirmed = &j["activation"]["confirmed"];
    let map = confirmed["steps"].as_object().unwrap();
    assert_eq!(map.len(), steps, "{confirmed}");
    for (name, s) in map {
        assert_eq!(s["by"], "person", "{name}");
        assert_eq!(s["who"], WHO, "{name}");
        assert!(s["at"].as_str().is_some_and(|t| t.len() > 10), "{s}");
    }
    assert_eq!(confirmed["person_test"]["who"], WHO, "{confirmed}");
    assert!(j["device"].is_null() && j["test"].is_null(), "{j}");
    assert!(html.contains(&format!("人工确认：{WHO}，")), "{html}");
    assert!(!html.contains("终端确认"), "{html}");
}

#[test]
fn an_esign_pos_is_activated_and_tested_by_a_person_without_a_port() {
    use Row::*;
    let (j, html) = walk(
        "esign",
        "sample-a",
        &[
            Type(WHO),
            Confirm, // activation code entered
            Confirm, // key download
            Type("102584054110001"),
            Type("00012345"),
            Type("12345678"),
            Confirm, // sign-on, checked against the slip
        ],
        &[
            Type("102584054110001"),
            Type("00012345"),
            Type("240506000123"),
            Confirm,
        ],
    );
    assert_persons(&j, &html, 3);
    assert_eq!(
        j["activation"]["confirmed"]["sign_on_slip"]["tid"],
        "00012345"
    );
}

#[test]
fn a_qr_code_is_bound_and_tested_by_a_person_without_a_port() {
    use Row::*;
    let (j, html) = walk(
        "qr",
        "sample-b",
        &[Type(WHO), Type("102584054110001"), Confirm],
        &[
            Type("102584054110001"),
            Type("4200001234202405060001"),
            Confirm,
        ],
    );
    assert_persons(&j, &html, 1);
    assert_eq!(j["activation"]["confirmed"]["link"], "qr");
    assert!(html.contains("绑定的商户号 102584054110001"), "{html}");
}

/// The control: a countertop, which posbind connects to, still needs `--port` (refused before
/// anything is written).
#[test]
fn a_countertop_still_needs_a_port() {
    let dir = tempfile::tempdir().unwrap();
    let a = answers(dir.path(), "countertop", "sample-a");
    let data = dir.path().join("data");
    let out = std::process::Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(&data)
        .args(["--lang", "en", "--answers", &a])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--port"), "{err}");
    assert!(!data.join("cases").exists(), "nothing written");
}
