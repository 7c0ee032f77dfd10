//! Issue 24: `posbind run` for a terminal without a cash-register link (电签 POS, smart POS,
//! MPOS, a wireless terminal without a link, a QR code) opens no port and speaks no ZVT: each
//! activation step and the test are recorded as confirmed by the person the answers name.

mod common;

use assert_cmd::Command;
use std::path::Path;

fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", "en"]);
    c
}

const DEVICE_PERSON: &str = "[person]
confirmed_by = \"Installer Wang\"
done = [\"activation-code\", \"key-download\", \"sign-on\"]
slip = { mid = \"102584054110001\", tid = \"00012345\", serial = \"1234-5678\" }
receipt = { mid = \"102584054110001\", tid = \"00012345\", reference = \"240506000123\" }

[training]";

const QR_PERSON: &str = "[person]
confirmed_by = \"Installer Wang\"
done = [\"bind-mid\"]
slip = { mid = \"102584054110001\" }
receipt = { mid = \"102584054110001\", reference = \"4200001234202405060001\" }

[training]";

/// The template made into a case of `pos_type` at `institution` with `person`.
fn answers(dir: &Path, pos_type: &str, institution: &str, person: &str) -> std::path::PathBuf {
    let pos = format!("pos_type = \"{pos_type}\"");
    let inst = format!("id = \"{institution}\"");
    common::answers_file(
        dir,
        &format!("{pos_type}.toml"),
        &[
            ("pos_type = \"countertop\"", &pos),
            ("id = \"sample-a\"", &inst),
            ("[training]", person),
        ],
    )
}

/// A port that fails if anything tries to open it: a path under a directory that does not
/// exist (created by nobody, inside the test's own temp dir).
fn unopenable(dir: &Path) -> String {
    dir.join("no-such-dir")
        .join("ttyUSB9")
        .display()
        .to_string()
}

fn report_json(data: &Path) -> serde_json::Value {
    let cases = data.join("cases");
    let case = std::fs::read_dir(&cases)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(case.join("report/activation-report.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn no_type_without_a_link_opens_a_port_and_each_step_is_a_persons() {
    for (pos_type, inst, person, steps) in [
        ("esign", "sample-a", DEVICE_PERSON, 3),
        ("smart", "sample-a", DEVICE_PERSON, 3),
        ("wireless", "sample-b", DEVICE_PERSON, 3),
        ("qr", "sample-b", QR_PERSON, 1),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = answers(dir.path(), pos_type, inst, person);
        let data = dir.path().join("data");
        let port = unopenable(dir.path());
        let out = posbind(&data)
            .args([
                "run",
                "--accept-warnings",
                "--json",
                "--port",
                &port,
                "--answers",
            ])
            .arg(&file)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{pos_type}: {err}");
        assert!(err.contains("no port is opened"), "{pos_type}: {err}");
        // The verdict on stdout says whose word it rests on.
        let verdict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(verdict["pass"], true, "{verdict}");
        assert_eq!(verdict["by"], "person", "{verdict}");
        assert!(verdict["test"].is_null(), "no loop ran: {verdict}");
        assert!(!err.contains(&port), "{pos_type} named the port: {err}");
        let j = report_json(&data);
        let confirmed = &j["activation"]["confirmed"];
        let steps_map = confirmed["steps"].as_object().unwrap();
        assert_eq!(steps_map.len(), steps, "{pos_type}: {confirmed}");
        for (name, s) in steps_map {
            assert_eq!(s["by"], "person", "{pos_type} {name}");
            assert_eq!(s["who"], "Installer Wang", "{pos_type} {name}");
            assert!(s["at"].as_str().is_some_and(|t| t.len() > 10), "{s}");
        }
        assert_eq!(confirmed["person_test"]["by"], "person", "{pos_type}");
        assert!(j["activation"]["port"].as_str().unwrap_or("").is_empty());
        assert!(j["device"].is_null(), "no terminal reported anything");
        assert!(j["test"].is_null(), "no test loop ran");
        let html = std::fs::read_to_string(
            j["case"]
                .as_str()
                .map(|id| {
                    data.join("cases")
                        .join(id)
                        .join("report/activation-report.html")
                })
                .unwrap(),
        )
        .unwrap();
        // The report is in the case's language (the template's zh-CN).
        assert!(html.contains("人工确认：Installer Wang"), "{pos_type}");
        assert!(!html.contains("终端确认"), "{pos_type}");
        // The device section does not speak of what the terminal reported over ZVT.
        assert!(!html.contains("ZVT"), "{pos_type}");
        let said = match pos_type {
            "qr" => "posbind 没有连接任何设备（收款码",
            _ => "posbind 没有连接此终端",
        };
        assert!(html.contains(said), "{pos_type}");
        // A QR code is paid by a scan and refunded, with no TID and no paper roll; a device
        // without a link is paid by card and voided.
        let (test, not) = match pos_type {
            "qr" => ("扫码付款及退款由人工确认", "消费及撤销"),
            _ => ("消费及撤销由人工确认", "扫码付款"),
        };
        assert!(html.contains(test) && !html.contains(not), "{pos_type}");
        assert_eq!(pos_type == "qr", !html.contains("打印纸"), "{pos_type}");
        assert_eq!(pos_type == "qr", !html.contains("终端号 "), "{pos_type}");
        let run_said = match pos_type {
            "qr" => "test payment by a scan and its refund",
            _ => "test payment and void",
        };
        assert!(err.contains(run_said), "{pos_type}: {err}");
    }
}

/// The shipped sample catalog offers MPOS only at an institution without a licence, where a run
/// stops at validation; it still opens no port.
#[test]
fn an_mpos_run_at_an_unlicensed_institution_stops_and_opens_no_port() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers(dir.path(), "mpos", "sample-c", DEVICE_PERSON);
    let port = unopenable(dir.path());
    let out = posbind(&dir.path().join("data"))
        .args(["run", "--port", &port, "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("institution.id") && !err.contains(&port),
        "{err}"
    );
}

/// The test's own catalog: the shipped sample with MPOS offered at the licensed sample-a too.
fn catalog_with_mpos_at_a(dir: &Path) -> std::path::PathBuf {
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/catalog.toml");
    let text = std::fs::read_to_string(shipped).unwrap();
    let offered = "devices = [\"countertop\", \"smart\", \"esign\"]";
    assert!(text.contains(offered), "the shipped sample-a offer changed");
    let file = dir.join("catalog.toml");
    let with_mpos = offered.replace("\"esign\"]", "\"esign\", \"mpos\"]");
    std::fs::write(&file, text.replacen(offered, &with_mpos, 1)).unwrap();
    file
}

/// An MPOS at an institution that offers it runs to the end like a 电签 POS: no port, each
/// step and the test confirmed by the named person, with when, in the JSON and HTML reports.
#[test]
fn an_mpos_run_opens_no_port_and_each_step_is_a_persons() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = catalog_with_mpos_at_a(dir.path());
    let file = answers(dir.path(), "mpos", "sample-a", DEVICE_PERSON);
    let data = dir.path().join("data");
    let port = unopenable(dir.path());
    let out = posbind(&data)
        .arg("--catalog")
        .arg(&catalog)
        .args(["run", "--accept-warnings", "--port", &port, "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("no port is opened"), "{err}");
    assert!(!err.contains(&port), "named the port: {err}");
    let j = report_json(&data);
    let confirmed = &j["activation"]["confirmed"];
    assert_eq!(confirmed["link"], "device", "{confirmed}");
    let steps = confirmed["steps"].as_object().unwrap();
    assert_eq!(steps.len(), 3, "{confirmed}");
    for (name, s) in steps {
        assert_eq!(s["by"], "person", "{name}");
        assert_eq!(s["who"], "Installer Wang", "{name}");
        assert!(s["at"].as_str().is_some_and(|t| t.len() > 10), "{s}");
    }
    assert_eq!(confirmed["person_test"]["who"], "Installer Wang");
    assert_eq!(confirmed["sign_on_slip"]["serial"], "1234-5678");
    assert!(j["device"].is_null() && j["test"].is_null(), "{j}");
    let id = j["case"].as_str().unwrap();
    let html_file = data
        .join("cases")
        .join(id)
        .join("report/activation-report.html");
    let html = std::fs::read_to_string(html_file).unwrap();
    // Who, then when: the time follows the name.
    let who = "人工确认：Installer Wang，";
    let at = html.find(who).map(|i| &html[i + who.len()..]);
    assert!(
        at.is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit())),
        "{html}"
    );
    assert!(!html.contains("终端确认"));
}

#[test]
fn without_a_port_it_runs_and_the_same_port_fails_a_countertop() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers(dir.path(), "esign", "sample-a", DEVICE_PERSON);
    let out = posbind(&dir.path().join("data"))
        .args(["run", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The control: a countertop does open the port, and that path cannot be opened.
    let dir = tempfile::tempdir().unwrap();
    let file = answers(dir.path(), "countertop", "sample-a", DEVICE_PERSON);
    let port = unopenable(dir.path());
    let out = posbind(&dir.path().join("data"))
        .args(["run", "--port", &port, "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_slip_that_differs_from_the_approval_is_not_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let wrong = DEVICE_PERSON.replace("tid = \"00012345\", serial", "tid = \"00099999\", serial");
    let file = answers(dir.path(), "esign", "sample-a", &wrong);
    let out = posbind(&dir.path().join("data"))
        .args(["run", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("differs from the approved TID"), "{err}");
    // Without [person] the run says what is missing, before anything is written.
    let dir = tempfile::tempdir().unwrap();
    let file = answers(dir.path(), "esign", "sample-a", "[training]");
    let out = posbind(&dir.path().join("data"))
        .args(["run", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("[person]"), "{err}");
    assert!(
        !dir.path().join("data/cases").exists()
            || std::fs::read_dir(dir.path().join("data/cases"))
                .unwrap()
                .next()
                .is_none(),
        "nothing written"
    );
}
