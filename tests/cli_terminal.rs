//! `posbind probe`, `posbind simulate` and `posbind ports` from a shell.

use std::io::{BufRead, BufReader};
use std::process::{Command as Std, Stdio};

use assert_cmd::Command;

fn posbind() -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    let dir = std::env::temp_dir().join("posbind-cli-terminal-tests");
    c.arg("--data-dir").arg(dir).arg("--lang").arg("en");
    c
}

#[test]
fn probe_against_the_in_process_simulator_prints_its_identity() {
    let out = posbind()
        .args(["probe", "--port", "sim", "--sim", "serial=00C0FFEE"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Serial number: 00C0FFEE"), "{text}");
    assert!(text.contains("Status: E4 activation required"), "{text}");

    let out = posbind()
        .args(["probe", "--port", "sim", "--sim", "tid=00001234", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tid"], "00001234");
    assert_eq!(v["status"]["ready"], true);
    assert_eq!(v["serial_number"], "12345678");
}

#[test]
fn simulate_prints_its_path_first_and_serves_a_separate_probe() {
    let mut child = Std::new(env!("CARGO_BIN_EXE_posbind"))
        .args(["--lang", "en", "simulate", "--sim", "serial=ABCDEF01"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let path = first.trim().to_string();
    assert!(path.starts_with("/dev/"), "{path:?}");
    for _ in 0..2 {
        let out = posbind()
            .args(["probe", "--port", &path, "--json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["serial_number"], "ABCDEF01");
    }
    child.kill().unwrap();
    let _ = child.wait();
    let mut log = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut log).unwrap();
    assert!(log.contains("ECR->PT 06 00"), "frames are logged: {log}");
    assert!(log.contains("[status-enquiry]"));
}

#[test]
fn simulate_over_tcp_prints_the_address() {
    let mut child = Std::new(env!("CARGO_BIN_EXE_posbind"))
        .args(["--lang", "en", "simulate", "--tcp", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first.trim().to_string();
    assert!(addr.starts_with("tcp://127.0.0.1:"), "{addr}");
    let out = posbind()
        .args(["probe", "--port", &addr, "--json"])
        .output()
        .unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["serial_number"], "12345678");
}

#[test]
fn bad_ports_and_settings_are_usage_errors_with_messages() {
    posbind()
        .args(["probe", "--port", "/dev/posbind-missing"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "There is no device at /dev/posbind-missing",
        ));
    posbind()
        .args(["probe", "--port", "/dev/null", "--sim", "seed=1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("only with --port sim"));
    posbind()
        .args(["probe", "--port", "sim", "--sim", "fault.bogus=1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bogus"));
    posbind()
        .args(["probe", "--port", "sim", "--password", "12"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("6 digits"));
    posbind()
        .args(["probe", "--port", "sim", "--password", "123456"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("refused"));
}

#[test]
fn ports_lists_in_json() {
    let out = posbind().args(["ports", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.is_array());
}

#[test]
fn check_exit_codes_and_json() {
    posbind()
        .args(["check", "credit-code", "91440300708461136T"])
        .assert()
        .code(0);
    posbind()
        .args(["check", "credit-code", "91440300708461136U"])
        .assert()
        .code(1);
    posbind()
        .args(["check", "credit-code", "91350100M0001TGQXM"])
        .assert()
        .code(3);
    posbind().args(["check", "nonsense", "1"]).assert().code(2);
    let out = posbind()
        .args(["check", "id", "11010519491231002x", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "id");
    assert_eq!(v["input"], "11010519491231002x");
    assert_eq!(v["normalized"], "11010519491231002X");
    assert_eq!(v["verdict"], "valid");
    assert!(v["reasons"].as_array().unwrap().is_empty());
    let out = Command::cargo_bin("posbind")
        .unwrap()
        .args([
            "--lang",
            "zh-CN",
            "check",
            "mid",
            "102584054110001",
            "--mcc",
            "5812",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("跳码"));
    // Personal numbers are masked on screen.
    let out = posbind()
        .args(["check", "card", "6216261000000000018"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("621626*********0018") && !text.contains("6216261000000000018"),
        "{text}"
    );
}
