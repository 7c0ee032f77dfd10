//! Every command with its standard output, then its standard error, going to a pipe nobody reads
//! (`posbind ports | head -0`, `2>&1 | head -0`): writing fails with `EPIPE`, and a command must
//! then end as it would have (or quietly), never panic (exit 101). Issue 29, point 4.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

use chrono::Utc;

use posbind::i18n::Lang;
use posbind::onboarding::Case;
use posbind::store::Store;

/// A stream whose reading end is already closed: every write to it fails with `EPIPE`, as to
/// a pipe after `head -0` ended (a socket pair: `std::io::pipe` is newer than posbind's MSRV).
fn closed_pipe() -> Stdio {
    let (writer, reader) = std::os::unix::net::UnixStream::pair().unwrap();
    drop(reader);
    Stdio::from(std::os::fd::OwnedFd::from(writer))
}

#[derive(Clone, Copy, Debug)]
enum Closed {
    Neither,
    Stdout,
    Stderr,
}

fn run(data: &Path, args: &[&str], closed: Closed) -> (ExitStatus, String) {
    let mut c = Command::new(common::posbind_bin());
    c.arg("--data-dir")
        .arg(data)
        .args(["--lang", "en"])
        .args(args);
    c.stdin(Stdio::null());
    match closed {
        Closed::Neither => c.stdout(Stdio::null()).stderr(Stdio::piped()),
        Closed::Stdout => c.stdout(closed_pipe()).stderr(Stdio::piped()),
        Closed::Stderr => c.stdout(Stdio::piped()).stderr(closed_pipe()),
    };
    let out = c.output().unwrap();
    let seen =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status, seen)
}

/// Runs `args` three ways: the exit code with a closed stream is the normal one (or success
/// when it was standard output that went away), and nothing panics.
fn check(data: &Path, args: &[&str]) {
    let (normal, text) = run(data, args, Closed::Neither);
    assert_ne!(normal.code(), Some(101), "{args:?} panics anyway: {text}");
    for closed in [Closed::Stdout, Closed::Stderr] {
        let (status, seen) = run(data, args, closed);
        assert!(
            !seen.contains("panicked"),
            "{args:?} with {closed:?} closed: {seen}"
        );
        let allowed = match closed {
            Closed::Stdout => vec![normal.code(), Some(0)],
            _ => vec![normal.code()],
        };
        assert!(
            allowed.contains(&status.code()),
            "{args:?} with {closed:?} closed exited {status} (normally {normal}): {seen}"
        );
    }
}

#[test]
fn no_command_panics_when_its_output_or_error_stream_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = Store::open(&data).unwrap();
    let mut case = Case::new("Mart", Lang::En, false, Utc::now());
    store.save(&mut case, Utc::now()).unwrap();
    let id = case.id.to_string();
    std::fs::write(dir.path().join("secrets.toml"), "password = \"482916\"\n").unwrap();
    let answers = common::answers_file(dir.path(), "answers.toml", &[]);
    let answers = answers.to_str().unwrap();
    let secrets = dir.path().join("secrets.toml");
    let secrets = secrets.to_str().unwrap();
    let export = dir.path().join("export");
    let export = export.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["--version"],
        vec!["--help"],
        vec!["cases", "--help"],
        vec!["no-such-command"],
        vec![],
        vec!["demo"],
        vec!["ports"],
        vec!["ports", "--json"],
        vec!["probe", "--port", "sim"],
        vec!["probe", "--port", "sim", "--json"],
        vec!["probe", "--port", "/nonexistent/tty"],
        vec!["test-loop", "--port", "sim", "--count", "1"],
        vec!["test-loop", "--port", "sim", "--count", "1", "--json"],
        vec!["check", "mobile", "13800138000"],
        vec!["check", "mobile", "12", "--json"],
        vec!["answers", "template"],
        vec!["pending", "list"],
        vec!["cases", "list"],
        vec!["cases", "list", "--json"],
        vec!["cases", "show", &id],
        vec!["cases", "show", &id, "--json"],
        vec!["cases", "show", "no-such-case"],
        vec!["cases", "export", &id, "--out", export],
        vec!["cases", "delete", "no-such-case", "--yes"],
        vec!["cases", "delete", &id],
        vec![
            "run",
            "--answers",
            answers,
            "--secrets",
            secrets,
            "--port",
            "sim",
            "--dry-run",
        ],
        vec!["run", "--answers", "/nonexistent/answers.toml"],
        vec!["simulate", "--config", "/nonexistent/sim.toml"],
    ];
    for args in &commands {
        check(&data, args);
    }
}

/// The simulator logs every frame to standard error while it runs: with that closed it still
/// serves a client, and with its standard output closed it cannot tell anyone where it listens,
/// so it ends.
#[test]
fn the_simulator_survives_a_closed_error_stream_and_ends_on_a_closed_output() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut sim = Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(&data)
        .args(["--lang", "en", "simulate", "--tcp", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(closed_pipe())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(sim.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let port = first.trim().to_string();
    let probe = Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(&data)
        .args(["--lang", "en", "probe", "--port", &port, "--timeout", "10"])
        .output()
        .unwrap();
    let alive = sim.try_wait().unwrap().is_none();
    let _ = sim.kill();
    let _ = sim.wait();
    assert!(alive, "the simulator ended");
    assert_eq!(
        probe.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&probe.stderr)
    );

    let status = Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(&data)
        .args(["--lang", "en", "simulate", "--tcp", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        status.status.code().is_some_and(|c| c != 101),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}
