//! What the terminal commands tell a script and an installer when the terminal misbehaves:
//! bounded waits with progress on stderr, a JSON answer on every path, exit codes, result-code
//! explanations, and terminals that do not report their serial number (`--sim tlv=false`).

mod common;

use std::path::Path;

use assert_cmd::Command;

fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", "en"]);
    c
}

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn a_terminal_that_never_completes_ends_within_the_timeout_and_says_t4() {
    let dir = tempfile::tempdir().unwrap();
    let out = posbind(dir.path())
        .args([
            "test-loop",
            "--port",
            "sim",
            "--timeout",
            "2",
            "--sim",
            "fault.silence_t4=1.0",
            "--json",
        ])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(matches!(code, Some(1) | Some(2)), "{code:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Registering with the terminal"), "{err}");
    assert!(err.contains("(T4)"), "{err}");
    let v = json_lines(&out.stdout);
    assert_eq!(v.len(), 1, "one summary object");
    assert_eq!(v[0]["pass"], false);
    assert_eq!(v[0]["error"]["code"], "terminal");
    assert!(v[0]["error"]["message"].as_str().unwrap().contains("(T4)"));
}

#[test]
fn test_loop_json_answers_on_usage_and_connection_failures_too() {
    let dir = tempfile::tempdir().unwrap();
    for (args, code, word) in [
        (vec!["--port", "sim", "--count", "0"], 2, "usage"),
        (vec!["--port", "/dev/posbind-missing"], 2, "connection"),
    ] {
        let out = posbind(dir.path())
            .arg("test-loop")
            .args(&args)
            .arg("--json")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let v = json_lines(&out.stdout);
        assert_eq!(v[0]["pass"], false);
        assert_eq!(v[0]["error"]["code"], word, "{args:?}");
    }
}

#[test]
fn failed_rounds_keep_their_ack_time_and_explain_the_result_code() {
    let dir = tempfile::tempdir().unwrap();
    let out = posbind(dir.path())
        .args([
            "test-loop",
            "--port",
            "sim",
            "--mode",
            "payment",
            "--count",
            "2",
            "--interval",
            "0",
            "--sim",
            "decline_suffix=1",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json_lines(&out.stdout);
    let round = &v[0];
    assert_eq!(round["ok"], false);
    assert_eq!(round["result_code"], "05");
    assert!(round["ack_ms"].is_f64(), "{round}");
    let message = round["message"].as_str().unwrap();
    assert!(message.contains("declined"), "{message}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Terminal: "), "what the terminal shows: {err}");
}

#[test]
fn latencies_are_in_microsecond_resolution() {
    let dir = tempfile::tempdir().unwrap();
    let out = posbind(dir.path())
        .args([
            "test-loop",
            "--port",
            "sim",
            "--count",
            "20",
            "--interval",
            "0",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = json_lines(&out.stdout);
    let lat: Vec<f64> = v[..20]
        .iter()
        .map(|r| r["latency_ms"].as_f64().unwrap())
        .collect();
    for l in &lat {
        let micros = l * 1000.0;
        assert!(
            (micros - micros.round()).abs() < 1e-6,
            "three decimals: {l}"
        );
    }
    assert!(
        lat.iter()
            .any(|l| ((l * 10.0) - (l * 10.0).round()).abs() > 1e-6),
        "not rounded to 0.1 ms: {lat:?}"
    );
    // The summary line says rounds all under a millisecond in µs (issue 27), not "0.3 ms".
    if lat.iter().all(|l| *l < 1.0) {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Latency (µs): min "), "{err}");
    }
}

#[test]
fn probe_exits_1_when_the_terminal_refuses_and_takes_a_currency() {
    let dir = tempfile::tempdir().unwrap();
    let out = posbind(dir.path())
        .args(["probe", "--port", "sim", "--sim", "currency=978"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "wrong currency is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("6F"));
    posbind(dir.path())
        .args([
            "probe",
            "--port",
            "sim",
            "--sim",
            "currency=978",
            "--currency",
            "EUR",
        ])
        .assert()
        .success();
    posbind(dir.path())
        .args(["probe", "--port", "sim", "--currency", "XYZ"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("Unknown currency XYZ"));
}

#[test]
fn probe_says_when_a_terminal_does_not_report_its_serial_number() {
    let dir = tempfile::tempdir().unwrap();
    let out = posbind(dir.path())
        .args([
            "probe",
            "--port",
            "sim",
            "--sim",
            "tlv=false",
            "--sim",
            "tid=00012345",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Serial number: -"), "{text}");
    assert!(
        text.contains("Terminal ID: 00012345"),
        "TID from the registration: {text}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("does not report its serial number"), "{err}");
}

fn run_answers(dir: &Path, extra_device_line: Option<&str>) -> std::path::PathBuf {
    let edits: Vec<(&str, &str)> = match extra_device_line {
        Some(line) => vec![(
            "serial_number = \"12345678\"",
            Box::leak(format!("serial_number = \"12345678\"\n{line}").into_boxed_str()),
        )],
        None => vec![],
    };
    common::answers_file(dir, "answers.toml", &edits)
}

/// `posbind run --json` against a simulated terminal without TLV (no serial number reported).
fn run_without_tlv(data: &Path, answers: &Path) -> std::process::Output {
    posbind(data)
        .args([
            "run",
            "--port",
            "sim",
            "--sim",
            "tlv=false",
            "--json",
            "--answers",
        ])
        .arg(answers)
        .output()
        .unwrap()
}

#[test]
fn run_against_a_terminal_without_serial_number_needs_a_person_to_confirm_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = run_answers(dir.path(), None);
    let out = run_without_tlv(&data, &a);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("WRONG DEVICE"), "not a wrong device: {err}");
    assert!(err.contains("device.serial_confirmed_by"), "{err}");
    let v = json_lines(&out.stdout);
    assert_eq!(v[0]["pass"], false);
    assert_eq!(v[0]["error"]["code"], "serial-unconfirmed");
    // Refused before anything was written (issue 13: bind last): no case to name.
    assert!(v[0]["case"].is_null());
    assert!(std::fs::read_dir(data.join("cases"))
        .map(|mut d| d.next().is_none())
        .unwrap_or(true));

    let data = dir.path().join("data2");
    let a = run_answers(dir.path(), Some("serial_confirmed_by = \"installer\""));
    let out = run_without_tlv(&data, &a);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_lines(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(v[0]["report"]["json"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(
        report["activation"]["serial_confirmed"],
        serde_json::json!({"by": "person", "who": "installer", "serial": "12345678"})
    );
    let html = std::fs::read_to_string(v[0]["report"]["html"].as_str().unwrap()).unwrap();
    assert!(
        html.contains("序列号确认方式") && html.contains("installer"),
        "the report (in the case language) says how"
    );
}

#[test]
fn run_json_reports_a_wrong_device_and_a_validation_failure() {
    let dir = tempfile::tempdir().unwrap();
    let a = run_answers(dir.path(), None);
    let out = posbind(&dir.path().join("d1"))
        .args([
            "run",
            "--port",
            "sim",
            "--sim",
            "serial=00C0FFEE",
            "--json",
            "--answers",
        ])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json_lines(&out.stdout);
    assert_eq!(v[0]["error"]["code"], "wrong-device");
    assert!(v[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("WRONG DEVICE"));

    let bad = common::answers_file(dir.path(), "bad.toml", &[("mobile = \"", "mobile = \"1")]);
    let out = posbind(&dir.path().join("d2"))
        .args(["run", "--port", "sim", "--json", "--answers"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json_lines(&out.stdout);
    assert_eq!(v[0]["pass"], false);
    assert_eq!(v[0]["error"]["code"], "validation");
    assert!(v[0]["case"].is_null(), "nothing was written");
}
