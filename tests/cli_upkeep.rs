//! 移机 as a journaled change of a live case: `posbind cases move` records the institution's
//! approval, the new install address and location, confirms the binding with them and writes
//! the report again, which shows the new placement; the case stays live and healthy. A move
//! without an approval, across provinces or to a location outside the province changes
//! nothing.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn posbind(data: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", lang]);
    c
}

/// A live case made by `posbind run` (installed at the business address in Shenzhen).
fn live_case(dir: &Path) -> (PathBuf, String) {
    let data = dir.join("data");
    std::fs::write(dir.join("secrets.toml"), "password = \"000000\"\n").unwrap();
    let answers = common::answers_file(dir, "answers.toml", &[]);
    let out = posbind(&data, "en")
        .args(["run", "--port", "sim", "--json", "--answers"])
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
    (data, v["case"].as_str().unwrap().to_string())
}

fn case_json(data: &Path, id: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(data.join("cases").join(id).join("case.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn journal(data: &Path, id: &str) -> Vec<serde_json::Value> {
    std::fs::read_to_string(data.join("cases").join(id).join("journal.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn move_cmd(
    data: &Path,
    lang: &str,
    id: &str,
    address: &str,
    location: &str,
    approval: &str,
) -> std::process::Output {
    posbind(data, lang)
        .args([
            "cases",
            "move",
            id,
            "--address",
            address,
            "--location",
            location,
        ])
        .args(["--approval", approval])
        .output()
        .unwrap()
}

const NEW_ADDRESS: &str = "深圳市福田区福华路 8 号";

#[test]
fn a_move_is_journaled_and_the_report_shows_the_new_placement() {
    let dir = tempfile::tempdir().unwrap();
    let (data, id) = live_case(dir.path());
    let before = journal(&data, &id).len();
    let out = move_cmd(
        &data,
        "zh-CN",
        &id,
        NEW_ADDRESS,
        "22.5410, 114.0560",
        "YJ-2026-0042",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("已记录移机") && said.contains(NEW_ADDRESS),
        "{said}"
    );

    let c = case_json(&data, &id);
    let mv = &c["maintenance"]["moves"][0];
    assert_eq!(mv["address"], NEW_ADDRESS);
    assert_eq!(mv["from_address"], "深圳市南山区科技园 1 号");
    assert_eq!(mv["approval"], "YJ-2026-0042");
    assert_eq!(c["binding"]["location"]["lat"], 22.541);
    // The application as submitted keeps the address the institution approved then.
    assert_eq!(
        c["application"]["install_address"],
        "深圳市南山区科技园 1 号"
    );
    let events: Vec<String> = journal(&data, &id)[before..]
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(events, ["terminal-moved", "report-written"]);

    // The institution is told: a notice with the change and the five elements after it,
    // where the output says it is.
    let notice_dir = data.join("cases").join(&id).join("outbox").join("change-1");
    assert!(said.contains(&notice_dir.display().to_string()), "{said}");
    let notice: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(notice_dir.join("notice.json")).unwrap())
            .unwrap();
    assert_eq!(notice["change"]["kind"], "move");
    assert_eq!(notice["approval"], "YJ-2026-0042");
    assert_eq!(notice["binding"]["install_address"], NEW_ADDRESS);
    let html = std::fs::read_to_string(notice_dir.join("notice.html")).unwrap();
    assert!(
        html.contains("变更通知") && html.contains(NEW_ADDRESS),
        "{html}"
    );

    // The report, written again, shows the new placement and the move.
    let report_dir = data.join("cases").join(&id).join("report");
    let html = std::fs::read_to_string(report_dir.join("activation-report.html")).unwrap();
    assert!(html.contains(NEW_ADDRESS), "the new address");
    assert!(html.contains("22.541000, 114.056000"), "the new location");
    assert!(
        html.contains("YJ-2026-0042") && html.contains("移机"),
        "the move"
    );
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(report_dir.join("activation-report.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["binding"]["install_address"], NEW_ADDRESS);
    assert_eq!(json["maintenance"]["moves"][0]["approval"], "YJ-2026-0042");

    // Still the same live case, and healthy.
    let out = posbind(&data, "en").args(["health", &id]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = posbind(&data, "en")
        .args(["cases", "list", "--json"])
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    assert_eq!(list.matches("\"id\"").count(), 1, "{list}");
}

#[test]
fn a_move_without_approval_across_provinces_or_off_the_map_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (data, id) = live_case(dir.path());
    let case_file = data.join("cases").join(&id).join("case.json");
    let before = std::fs::read(&case_file).unwrap();
    for (lang, address, location, approval, says) in [
        (
            "en",
            NEW_ADDRESS,
            "22.5410, 114.0560",
            " ",
            "needs the institution's approval",
        ),
        (
            "zh-CN",
            "北京市朝阳区建国路 1 号",
            "39.9087, 116.4600",
            "YJ-1",
            "不得跨省移机",
        ),
        (
            "en",
            NEW_ADDRESS,
            "39.9087, 116.4600",
            "YJ-1",
            "is not in Guangdong",
        ),
        ("en", NEW_ADDRESS, "114.0560, 22.5410", "YJ-1", ""),
    ] {
        let out = move_cmd(&data, lang, &id, address, location, approval);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{address} {location}");
        assert!(err.contains(says), "{err}");
        assert_eq!(std::fs::read(&case_file).unwrap(), before, "{err}");
    }
}

/// `posbind cases replace` on the simulator, the new terminal's state in `state`.
fn replace_cmd(
    data: &Path,
    lang: &str,
    id: &str,
    serial: &str,
    state: &Path,
    extra: &[&str],
) -> std::process::Output {
    posbind(data, lang)
        .args([
            "cases",
            "replace",
            id,
            "--serial",
            serial,
            "--approval",
            "HJ-2026-0007",
        ])
        .args(["--port", "sim", "--sim"])
        .arg(format!("state_file={}", state.display()))
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_replacement_binds_activates_and_tests_the_new_terminal_in_the_same_case() {
    let dir = tempfile::tempdir().unwrap();
    let (data, id) = live_case(dir.path());
    let old_serial = case_json(&data, &id)["binding"]["serial_label"]
        .as_str()
        .unwrap()
        .to_string();
    let before = journal(&data, &id).len();
    let state = dir.path().join("new-terminal.json");
    let out = replace_cmd(&data, "en", &id, "0BEE7788", &state, &["--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["serial"], "0BEE7788");
    // The institution's notice names the old and the new terminal.
    let notice: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(v["notice"].as_str().unwrap()).join("notice.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(notice["change"]["kind"], "replacement");
    assert_eq!(notice["change"]["new_serial"], "0BEE7788");
    assert_eq!(notice["binding"]["serial"], "0BEE7788");

    let c = case_json(&data, &id);
    assert_eq!(c["binding"]["serial_label"], "0BEE7788");
    assert_eq!(c["activation"]["identity"]["serial"], "0BEE7788");
    let r = &c["maintenance"]["replacements"][0];
    assert_eq!(r["old_serial"], old_serial.as_str());
    assert_eq!(r["new_serial"], "0BEE7788");
    assert_eq!(r["approval"], "HJ-2026-0007");
    let events: Vec<String> = journal(&data, &id)[before..]
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        events.first().map(String::as_str),
        Some("terminal-replaced"),
        "{events:?}"
    );
    for e in [
        "binding-confirmed",
        "terminal-activated",
        "test-loop-done",
        "report-written",
    ] {
        assert!(events.iter().any(|x| x == e), "{e} in {events:?}");
    }
    // The new terminal got the approved TID.
    let s: posbind::sim::terminal::TerminalState =
        serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    assert_eq!(s.tid.as_deref(), c["review"]["tid"].as_str());

    // The report shows the new terminal and the replacement, in the case's language.
    let report_dir = data.join("cases").join(&id).join("report");
    let html = std::fs::read_to_string(report_dir.join("activation-report.html")).unwrap();
    assert!(
        html.contains("终端 ") && html.contains("换为 0BEE7788"),
        "the replacement"
    );
    assert!(html.contains("HJ-2026-0007"));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(report_dir.join("activation-report.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["binding"]["serial_number"], "0BEE7788");
    assert_eq!(json["device"]["serial"], "0BEE7788");

    // The same live case, healthy; the old serial number is free for another case.
    let out = posbind(&data, "en").args(["health", &id]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_replacement_with_another_terminal_or_the_same_serial_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (data, id) = live_case(dir.path());
    let case_file = data.join("cases").join(&id).join("case.json");
    let before = std::fs::read(&case_file).unwrap();
    let old_serial = case_json(&data, &id)["binding"]["serial_label"]
        .as_str()
        .unwrap()
        .to_string();
    let state = dir.path().join("other.json");
    // The terminal at the port is not the one on the new label.
    let out = replace_cmd(
        &data,
        "zh-CN",
        &id,
        "0BEE7788",
        &state,
        &["--sim", "serial=0BADCAFE"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0BADCAFE"));
    assert_eq!(std::fs::read(&case_file).unwrap(), before);
    // The bound terminal's own serial number.
    let out = replace_cmd(&data, "en", &id, &old_serial, &state, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("the bound terminal's own"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&case_file).unwrap(), before);
}

#[test]
fn a_replacement_stopped_by_the_new_terminal_is_continued_by_the_same_command() {
    // The new terminal hangs up during the activation (after 8 frames), or during the test
    // (after 20): the case is not live until the same command is run again.
    for frames in ["8", "20"] {
        let dir = tempfile::tempdir().unwrap();
        let (data, id) = live_case(dir.path());
        let state = dir.path().join("new-terminal.json");
        let fault = format!("fault.disconnect_after={frames}");
        let out = replace_cmd(
            &data,
            "en",
            &id,
            "0BEE7788",
            &state,
            &["--sim", &fault, "--timeout", "3"],
        );
        assert_eq!(out.status.code(), Some(1), "{frames}");
        let out = posbind(&data, "en").args(["health", &id]).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "not live meanwhile ({frames})");
        assert_eq!(case_json(&data, &id)["binding"]["serial_label"], "0BEE7788");

        let out = replace_cmd(&data, "en", &id, "0BEE7788", &state, &[]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{frames}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let replaced = journal(&data, &id)
            .iter()
            .filter(|e| e["event"] == "terminal-replaced")
            .count();
        assert_eq!(replaced, 1, "one replacement, continued");
        assert_eq!(
            case_json(&data, &id)["maintenance"]["replacements"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        let out = posbind(&data, "en").args(["health", &id]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "live again ({frames})");
    }
}
