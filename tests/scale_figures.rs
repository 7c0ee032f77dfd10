//! An installer company's scale (issue 28): 100,000 cases. Two ignored tests, run on purpose:
//!
//! - `generate_cases` fills a data directory with copies of one real case (made by
//!   `posbind run --answers examples/answers-micro.toml --secrets examples/secrets.toml
//!   --port sim`), each with its own id, merchant name and update time. Generating 100,000 takes
//!   about a minute and 700 MB of disk, so it is done once into a temporary directory, never
//!   committed.
//! - `scale_figures` times whole processes on that directory and prints the figures for
//!   BENCHMARKS.md: `cases list` (index missing, then present), `cases list --status`,
//!   `cases export --all`, and the wizard's first frame and filled list in a pseudo-terminal —
//!   for this build and, side by side in the same run, for an older binary given as
//!   `POSBIND_OLD_BIN` (built from the code before the index).
//!
//! ```sh
//! POSBIND_SCALE_TEMPLATE=/tmp/one/cases/<id>/case.json POSBIND_SCALE_DIR=/tmp/scale \
//!   cargo test --release --test scale_figures -- --ignored --nocapture generate_cases
//! POSBIND_SCALE_DIR=/tmp/scale POSBIND_OLD_BIN=/tmp/posbind-old \
//!   cargo test --release --test scale_figures -- --ignored --nocapture scale_figures
//! ```
#![cfg(unix)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn env_path(name: &str) -> PathBuf {
    PathBuf::from(std::env::var_os(name).unwrap_or_else(|| panic!("set {name}")))
}

#[test]
#[ignore = "writes 100,000 case files into POSBIND_SCALE_DIR; run on purpose"]
fn generate_cases() {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    let template = std::fs::read_to_string(env_path("POSBIND_SCALE_TEMPLATE")).unwrap();
    let template: serde_json::Value = serde_json::from_str(&template).unwrap();
    let count: usize = std::env::var("POSBIND_SCALE_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let root = env_path("POSBIND_SCALE_DIR");
    let cases = root.join("cases");
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&cases)
        .unwrap();
    let start = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00+08:00").unwrap();
    for i in 0..count {
        let id = format!("20240101-{i:06}-{:04x}", (i * 7919) % 65_536);
        let mut case = template.clone();
        case["id"] = id.clone().into();
        // Two in three get a name of their own (which makes their records need attention:
        // the name is part of what was submitted); the rest stay tested cases.
        if i % 3 != 0 {
            let name = format!("湖畔面馆 Lakeside Noodles {i}");
            case["merchant"]["name"] = name.into();
        }
        let updated = start + chrono::Duration::minutes(i as i64 * 7);
        case["updated"] = updated.to_rfc3339().into();
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
    println!("{count} cases in {}", cases.display());
}

/// Wall time and peak resident memory (MB) of one process, its output thrown away.
fn run(bin: &Path, args: &[&str]) -> (Duration, f64, bool) {
    run_into(bin, args, Stdio::null())
}

/// Wall time and peak resident memory (MB) of one process writing its output into `out`.
// The child is reaped by wait4 (which also gives its own peak memory), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run_into(bin: &Path, args: &[&str], out: Stdio) -> (Duration, f64, bool) {
    let started = Instant::now();
    let child = Command::new(bin)
        .args(args)
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: wait4 on our own child fills the zeroed rusage; the child is not waited twice.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (started.elapsed(), usage.ru_maxrss as f64 / 1024.0, ok)
}

/// Times until the wizard shows its first frame (the step rail) and until a case of the list
/// is on screen, in a 120x40 pseudo-terminal.
fn wizard(bin: &Path, data: &Path) -> (Duration, Duration) {
    let mut cmd = Command::new(bin);
    cmd.arg("--data-dir")
        .arg(data)
        .args(["--lang", "en"])
        .env("TERM", "xterm-256color");
    let started = Instant::now();
    let mut s = expectrl::Session::spawn(cmd).unwrap();
    s.get_process_mut().set_window_size(120, 40).unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 65536];
    let (mut frame, mut listed) = (None, None);
    let deadline = started + Duration::from_secs(60);
    while Instant::now() < deadline && listed.is_none() {
        if let Ok(n) = s.try_read(&mut buf) {
            seen.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&seen);
            if frame.is_none() && text.contains("Go-live") {
                frame = Some(started.elapsed());
            }
            if text.contains("Lakeside") {
                listed = Some(started.elapsed());
            }
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let _ = s.write_all(b"\x03");
    let _ = s.get_process_mut().exit(true);
    let never = Duration::from_secs(60);
    (frame.unwrap_or(never), listed.unwrap_or(never))
}

#[test]
#[ignore = "times whole processes on POSBIND_SCALE_DIR; run on purpose"]
fn scale_figures() {
    let data = env_path("POSBIND_SCALE_DIR");
    let d = data.to_str().unwrap();
    let new = PathBuf::from(env!("CARGO_BIN_EXE_posbind"));
    let mut bins = vec![("this build", new.clone())];
    if let Some(old) = std::env::var_os("POSBIND_OLD_BIN") {
        bins.insert(0, ("before the index", PathBuf::from(old)));
    }
    let index = data.join("case-index.jsonl");
    for (name, bin) in &bins {
        println!("== {name} ({})", bin.display());
        let _ = std::fs::remove_file(&index);
        let list = ["--data-dir", d, "cases", "list"];
        let (t, mb, ok) = run(bin, &list);
        println!(
            "cases list, no index: {:.2} s, {mb:.0} MB, ok {ok}",
            t.as_secs_f64()
        );
        for _ in 0..3 {
            let (t, mb, ok) = run(bin, &list);
            println!("cases list: {:.2} s, {mb:.0} MB, ok {ok}", t.as_secs_f64());
        }
        let live = ["--data-dir", d, "cases", "list", "--status", "tested"];
        let (t, mb, ok) = run(bin, &live);
        println!(
            "cases list --status tested: {:.2} s, {mb:.0} MB, ok {ok}",
            t.as_secs_f64()
        );
        for format in ["jsonl", "csv"] {
            let out = tempfile::NamedTempFile::new().unwrap();
            let args = [
                "--data-dir",
                d,
                "cases",
                "export",
                "--all",
                "--format",
                format,
            ];
            let (t, mb, ok) = run_into(bin, &args, out.reopen().unwrap().into());
            println!(
                "cases export --all --format {format}: {:.2} s, {mb:.0} MB, ok {ok}",
                t.as_secs_f64()
            );
        }
        for _ in 0..3 {
            let (frame, listed) = wizard(bin, &data);
            println!(
                "wizard: first frame {:.0} ms, first case on screen {:.0} ms",
                frame.as_secs_f64() * 1000.0,
                listed.as_secs_f64() * 1000.0
            );
        }
    }
}
