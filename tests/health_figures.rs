//! The figure for BENCHMARKS.md of `posbind health --all --json` over an installer company's
//! live cases (issue 26, budget < 2 s for 20,000). Ignored: run on purpose, in a release build:
//!
//! ```sh
//! cargo test --release --test health_figures -- --ignored --nocapture
//! ```
//!
//! It makes one live case with `posbind run` against the simulator, copies it 20,000 times
//! (`POSBIND_HEALTH_COUNT` to change) into a temporary data directory, each with its own id and
//! update time, one in ten with its go-live three days back (so that it needs an end-of-day),
//! then times whole `health --all --json` processes: the first builds the case index, the next
//! three read it.
#![cfg(unix)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn timed(bin: &Path, data: &Path) -> (Duration, serde_json::Value) {
    let started = Instant::now();
    let out = Command::new(bin)
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en", "health", "--all", "--json"])
        .stderr(Stdio::null())
        .output()
        .unwrap();
    let took = started.elapsed();
    (took, serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
#[ignore = "writes 20,000 case files into a temporary directory and times whole processes"]
fn health_all_over_20000_live_cases() {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    let bin = Path::new(env!("CARGO_BIN_EXE_posbind"));
    let count: usize = std::env::var("POSBIND_HEALTH_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one");
    std::fs::write(dir.path().join("secrets.toml"), "password = \"000000\"\n").unwrap();
    let answers = common::answers_file(dir.path(), "answers.toml", &[]);
    let out = Command::new(bin)
        .arg("--data-dir")
        .arg(&one)
        .args(["run", "--port", "sim", "--json", "--answers"])
        .arg(&answers)
        .arg("--secrets")
        .arg(dir.path().join("secrets.toml"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v["case"].as_str().unwrap();
    let text = std::fs::read_to_string(one.join("cases").join(id).join("case.json")).unwrap();
    let template: serde_json::Value = serde_json::from_str(&text).unwrap();

    let data = dir.path().join("data");
    let cases = data.join("cases");
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&cases)
        .unwrap();
    let now = chrono::Utc::now();
    for i in 0..count {
        let id = format!("20240101-{i:06}-{:04x}", (i * 7919) % 65_536);
        let mut case = template.clone();
        case["id"] = id.clone().into();
        case["updated"] = (now - chrono::Duration::minutes(i as i64))
            .to_rfc3339()
            .into();
        if i % 10 == 0 {
            case["golive"]["at"] = (now - chrono::Duration::days(3)).to_rfc3339().into();
            case["training"]["practised"] = serde_json::Value::Null;
        }
        let dir = cases.join(&id);
        std::fs::DirBuilder::new().mode(0o700).create(&dir).unwrap();
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(dir.join("case.json"))
            .unwrap();
        f.write_all(&serde_json::to_vec_pretty(&case).unwrap())
            .unwrap();
    }
    let (t, v) = timed(bin, &data);
    println!(
        "health --all --json, {count} live cases, no index yet: {:.2} s",
        t.as_secs_f64()
    );
    assert_eq!(v["checked"], count);
    assert_eq!(v["needs_attention"], count.div_ceil(10));
    for _ in 0..3 {
        let (t, v) = timed(bin, &data);
        println!(
            "health --all --json, {count} live cases: {:.2} s ({} need attention)",
            t.as_secs_f64(),
            v["needs_attention"]
        );
    }
}
