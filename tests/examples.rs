//! Every file in `examples/` is used here, so none of them can rot: the answers files pass
//! `posbind run` against the shipped catalog, the catalog override is the one loaded by
//! `--catalog`, the faulty simulator config starts a terminal whose faults the ECR recovers
//! from, and the library examples run against the simulator.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use posbind::device::{self, client::ClientConfig, transport::SerialSettings, PortSpec};
use posbind::sim::SimConfig;
use posbind::testloop::{self, Control, LoopConfig, Mode};
use posbind::zvt::messages::{Amount, Currency};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// posbind started in the source tree (the examples' document paths are relative to it), with
/// a data directory of the test's own.
fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.current_dir(root())
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en"]);
    c
}

fn run_answers(data: &Path, answers: &Path, extra: &[&str]) -> std::process::Output {
    posbind(data)
        .arg("run")
        .arg("--answers")
        .arg(answers)
        .args(["--secrets", "examples/secrets.toml"])
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn both_answers_examples_pass_a_dry_run_against_the_shipped_catalog() {
    for name in ["answers-company.toml", "answers-micro.toml"] {
        let dir = tempfile::tempdir().unwrap();
        let out = run_answers(
            dir.path(),
            &root().join("examples").join(name),
            &["--dry-run"],
        );
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains("The answers are valid"), "{name}");
        // A dry run writes no case.
        let cases = std::fs::read_dir(dir.path().join("cases"))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(cases, 0, "{name}");
    }
}

#[test]
fn both_answers_examples_are_complete_unattended_runs_against_the_simulator() {
    for name in ["answers-company.toml", "answers-micro.toml"] {
        let dir = tempfile::tempdir().unwrap();
        let answers = root().join("examples").join(name);
        let out = run_answers(dir.path(), &answers, &["--port", "sim", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["pass"], true, "{name}: {v}");
        // The company's countertop is tested over its link; the micro merchant's 电签 POS by
        // the person its [person] table names.
        let by = if name == "answers-micro.toml" {
            "person"
        } else {
            "terminal"
        };
        assert_eq!(v["by"], by, "{name}: {v}");
        assert!(Path::new(v["report"]["html"].as_str().unwrap()).exists());
    }
}

#[test]
fn the_catalog_example_replaces_the_shipped_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("examples/answers-company.toml")).unwrap();
    let from = "id = \"sample-a\"";
    assert!(text.contains(from));
    let answers = dir.path().join("answers.toml");
    // Copied elsewhere: its scans, named relative to the examples folder, named in full.
    let scans = format!("\"{}/", root().join("examples").display());
    let text = text.replace("\"scans/", &format!("{scans}scans/"));
    std::fs::write(&answers, text.replacen(from, "id = \"example-pay\"", 1)).unwrap();
    let data = dir.path().join("data");

    // The shipped catalog has no such institution ...
    let out = run_answers(&data, &answers, &["--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("institution.id"), "{}", stderr(&out));
    // ... the example catalog has it.
    let out = posbind(&data)
        .args(["--catalog", "examples/catalog.toml", "run", "--dry-run"])
        .arg("--answers")
        .arg(&answers)
        .args(["--secrets", "examples/secrets.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn every_key_of_the_catalog_example_is_commented() {
    let text = std::fs::read_to_string(root().join("examples/catalog.toml")).unwrap();
    let catalog = posbind::onboarding::catalog::Catalog::parse(&text).unwrap();
    assert_eq!(catalog.institutions.len(), 2);
    assert!(!catalog.sample);
    // Every key an institution can have is shown, so the example keeps up with the format.
    let keys = serde_json::to_value(&catalog.institutions[0]).unwrap();
    for key in keys.as_object().unwrap().keys() {
        assert!(
            text.contains(&format!("\n{key} = ")),
            "{key} is not in the example"
        );
    }
    for line in text.lines() {
        let is_key = line.split_once(" = ").is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        });
        if is_key {
            assert!(line.contains('#'), "no comment: {line}");
        }
    }
}

/// `posbind simulate --config FILE`, with the device path (or TCP address) it printed.
struct Simulator {
    child: Child,
    port: String,
}

impl Simulator {
    /// Stops the simulator and returns its log (one line per message and fault).
    fn log(mut self) -> String {
        let _ = self.child.kill();
        let mut log = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut err, &mut log);
        }
        log
    }
}

impl Simulator {
    fn start(config: &Path, data: &Path) -> Simulator {
        let mut child = Process::new(env!("CARGO_BIN_EXE_posbind"))
            .current_dir(root())
            .arg("--data-dir")
            .arg(data)
            .arg("simulate")
            .arg("--config")
            .arg(config)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Simulator {
            child,
            port: line.trim().to_string(),
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_faulty_simulator_example_sets_every_link_fault_and_the_ecr_recovers() {
    let path = root().join("examples/sim-faulty.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let config = SimConfig::load(Some(&text), &[]).unwrap();
    let f = &config.fault;
    let defaults = SimConfig::default().fault;
    for (name, set, default) in [
        ("nak", f.nak, defaults.nak),
        ("drop_ack", f.drop_ack, defaults.drop_ack),
        ("bad_crc", f.bad_crc, defaults.bad_crc),
        ("gap", f.gap, defaults.gap),
        ("garbage", f.garbage, defaults.garbage),
    ] {
        assert_ne!(set, default, "fault.{name} is shown switched on");
    }
    // Every setting is shown, so the example keeps up with the simulator.
    let all = toml::to_string(&SimConfig::default()).unwrap();
    for line in all.lines().filter(|l| l.contains(" = ")) {
        let key = line.split(" = ").next().unwrap();
        assert!(
            text.contains(&format!("\n{key} = ")),
            "{key} is not in the example"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let sim = Simulator::start(&path, dir.path());
    let spec = PortSpec::parse(&sim.port).unwrap();
    let mut client =
        device::open(&spec, SerialSettings::default(), ClientConfig::default()).unwrap();
    client.register().unwrap();
    let id = client.status_enquiry().unwrap();
    assert_eq!(id.serial.map(|s| s.hex()).as_deref(), Some("00C0FFEE"));
    let cfg = LoopConfig {
        mode: Mode::Connectivity,
        count: 5,
        interval: Duration::ZERO,
        timeout: Duration::from_secs(30),
        amount: Amount::parse("0.01", Currency::CNY).unwrap(),
        p95_limit: Duration::from_secs(30),
        reversal_attempts: 3,
    };
    let summary = testloop::run(&mut client, &cfg, &Control::default(), &mut |_| {});
    assert_eq!(summary.succeeded, 5, "{summary:?}");
    drop(client);
    let log = sim.log();
    for fault in ["fault: NAK", "fault: bad CRC", "fault: byte gap"] {
        assert!(log.contains(fault), "{fault} happened: {log}");
    }
}

/// An example program as `cargo test` builds it (beside the test binaries' `deps/`).
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let path = exe
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: a plain `cargo test` (or `cargo build --examples`) builds it",
        path.display()
    );
    path
}

#[test]
fn the_probe_example_prints_the_simulated_identity() {
    let out = Process::new(example("probe"))
        .args(["--port", "sim"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("serial number:    12345678"), "{text}");
    assert!(text.contains("device name:      posbind-sim"), "{text}");
    assert!(text.contains("status:           E4"), "{text}");
}

#[test]
fn the_testloop_example_runs_connectivity_rounds_against_the_simulator() {
    let out = Process::new(example("testloop"))
        .args(["--port", "sim", "--count", "3"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("terminal 12345678"), "{text}");
    for round in 1..=3 {
        assert!(text.contains(&format!("round {round}: ok")), "{text}");
    }
    assert!(
        text.contains("3 of 3 succeeded") && text.contains("pass: true"),
        "{text}"
    );
}
