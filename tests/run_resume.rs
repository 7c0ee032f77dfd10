//! Issue 13, points 5 and 6: `posbind run` binds the serial number only after the terminal
//! confirmed it, resumes an unfinished case instead of refusing its own terminal, reports a
//! finished case as such, and never binds one terminal twice when two runs start at once.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;

const PASSWORD: &str = "482916";
const APPROVAL: &str = "[approval]                         # from the institution's approval\nmid = \"102584054110001\"\ntid = \"00012345\"\n";

fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", "en"]);
    c
}

/// The template with existing document files, and a secrets file holding `password`.
fn files(dir: &Path, password: &str) -> (PathBuf, PathBuf) {
    let secrets = dir.join(format!("secrets-{password}.toml"));
    std::fs::write(&secrets, format!("password = \"{password}\"\n")).unwrap();
    (common::answers_file(dir, "answers.toml", &[]), secrets)
}

/// `posbind run` against the simulator (whose password is [`PASSWORD`]) with `--json`.
fn run(
    data: &Path,
    answers: &Path,
    secrets: &Path,
    port: &str,
) -> (Option<i32>, serde_json::Value, String) {
    let out = posbind(data)
        .args(["run", "--json", "--port", port])
        .args(["--sim", &format!("password={PASSWORD}")])
        .arg("--answers")
        .arg(answers)
        .arg("--secrets")
        .arg(secrets)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code(),
        v,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every case file under the data directory, parsed.
fn cases(data: &Path) -> Vec<serde_json::Value> {
    let Ok(entries) = std::fs::read_dir(data.join("cases")) else {
        return vec![];
    };
    let mut out = vec![];
    for e in entries {
        let p = e.unwrap().path().join("case.json");
        if let Ok(text) = std::fs::read_to_string(&p) {
            out.push(serde_json::from_str(&text).unwrap());
        }
    }
    out
}

fn bound(data: &Path) -> usize {
    cases(data)
        .iter()
        .filter(|c| c["binding"]["confirmed_at"].is_string())
        .count()
}

#[test]
fn a_wrong_password_then_the_right_one_passes_on_one_case() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (answers, wrong) = files(dir.path(), "000000");
    let (_, right) = files(dir.path(), PASSWORD);

    let (code, _, err) = run(&data, &answers, &wrong, "sim");
    assert_ne!(code, Some(0), "{err}");
    assert_eq!(
        bound(&data),
        0,
        "nothing bound before the terminal accepted the password"
    );
    assert!(cases(&data).is_empty(), "nothing written: {err}");
    let locks = std::fs::read_dir(data.join("locks"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(
        locks <= 1,
        "at most the terminal's lock file is left ({locks})"
    );

    let (code, v, err) = run(&data, &answers, &right, "sim");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["pass"], true);
    let all = cases(&data);
    assert_eq!(
        all.len(),
        1,
        "exactly one case for the merchant and terminal"
    );
    assert_eq!(all[0]["id"], v["case"]);
    assert_eq!(bound(&data), 1);
}

#[test]
fn a_submitted_case_is_resumed_after_a_wrong_password() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (_, wrong) = files(dir.path(), "000000");
    let (answers, right) = files(dir.path(), PASSWORD);
    let text = std::fs::read_to_string(&answers).unwrap();
    assert!(text.contains(APPROVAL));
    let unapproved = dir.path().join("unapproved.toml");
    std::fs::write(&unapproved, text.replace(APPROVAL, "")).unwrap();

    // Submitted, waiting for the institution.
    let (code, v, err) = run(&data, &unapproved, &right, "sim");
    assert_eq!(code, Some(1), "{err}");
    let case = v["case"].as_str().unwrap().to_string();
    let before = std::fs::read(data.join("cases").join(&case).join("case.json")).unwrap();

    // Approved, but the password is wrong: the same case, nothing new in it.
    let (code, _, err) = run(&data, &answers, &wrong, "sim");
    assert_ne!(code, Some(0), "{err}");
    assert_eq!(cases(&data).len(), 1, "{err}");
    assert_eq!(bound(&data), 0);
    let after = std::fs::read(data.join("cases").join(&case).join("case.json")).unwrap();
    assert_eq!(before, after, "a refused run writes nothing");

    // The right password: the same case passes.
    let (code, v, err) = run(&data, &answers, &right, "sim");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["case"], case.as_str(), "{err}");
    assert_eq!(cases(&data).len(), 1);
    assert_eq!(bound(&data), 1);
    let c = &cases(&data)[0];
    assert_eq!(
        c["submissions"].as_array().unwrap().len(),
        1,
        "not resubmitted"
    );
}

#[test]
fn an_unreachable_port_binds_nothing_and_the_rerun_passes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (answers, secrets) = files(dir.path(), PASSWORD);
    // Port 1 on loopback: nobody listens, the connection is refused at once.
    let (code, _, err) = run(&data, &answers, &secrets, "tcp://127.0.0.1:1");
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(bound(&data), 0);
    let (code, v, err) = run(&data, &answers, &secrets, "sim");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["pass"], true);
    assert_eq!(cases(&data).len(), 1);
}

#[test]
fn a_run_killed_mid_way_is_resumed_by_the_next_run() {
    // Points to kill at, by what the run has said on stderr so far: no clock involved.
    for marker in ["Registering with the terminal", ": done", "round 1/"] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let (answers, secrets) = files(dir.path(), PASSWORD);
        let mut child = std::process::Command::new(common::posbind_bin())
            .arg("--data-dir")
            .arg(&data)
            .args(["--lang", "en", "run", "--port", "sim"])
            .args(["--sim", &format!("password={PASSWORD}")])
            .arg("--answers")
            .arg(&answers)
            .arg("--secrets")
            .arg(&secrets)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut seen = String::new();
        for line in BufReader::new(stderr).lines() {
            let line = line.unwrap();
            seen.push_str(&line);
            seen.push('\n');
            if line.contains(marker) {
                break;
            }
        }
        assert!(seen.contains(marker), "{marker}: {seen}");
        child.kill().unwrap(); // SIGKILL: no destructor, no cleanup
        child.wait().unwrap();
        let killed: Vec<String> = cases(&data)
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        if marker != "Registering with the terminal" {
            // Past the terminal check the case is written: the next run must continue it.
            assert_eq!(killed.len(), 1, "{marker}: {seen}");
        }

        let (code, v, err) = run(&data, &answers, &secrets, "sim");
        assert_eq!(code, Some(0), "{marker}: {err}");
        assert_eq!(v["pass"], true, "{marker}");
        assert_eq!(cases(&data).len(), 1, "{marker}: one case");
        if let Some(id) = killed.first() {
            assert_eq!(
                v["case"],
                id.as_str(),
                "{marker}: the killed run's case resumed"
            );
        }
        assert_eq!(bound(&data), 1, "{marker}");
    }
}

#[test]
fn a_finished_case_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (answers, secrets) = files(dir.path(), PASSWORD);
    let (code, v, err) = run(&data, &answers, &secrets, "sim");
    assert_eq!(code, Some(0), "{err}");
    let case = v["case"].as_str().unwrap().to_string();
    let dir_of = data.join("cases").join(&case);
    let before = std::fs::read(dir_of.join("case.json")).unwrap();
    let journal = std::fs::read(dir_of.join("journal.jsonl")).unwrap();

    let (code, _, err) = run(&data, &answers, &secrets, "sim");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&case) && err.contains("finished"), "{err}");
    assert_eq!(cases(&data).len(), 1);
    assert_eq!(std::fs::read(dir_of.join("case.json")).unwrap(), before);
    assert_eq!(
        std::fs::read(dir_of.join("journal.jsonl")).unwrap(),
        journal
    );
}

#[test]
fn an_explicit_case_option_resumes_that_case_and_refuses_an_unknown_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (answers, secrets) = files(dir.path(), PASSWORD);
    let text = std::fs::read_to_string(&answers).unwrap();
    let unapproved = dir.path().join("unapproved.toml");
    std::fs::write(&unapproved, text.replace(APPROVAL, "")).unwrap();
    let (code, v, err) = run(&data, &unapproved, &secrets, "sim");
    assert_eq!(code, Some(1), "{err}");
    let case = v["case"].as_str().unwrap().to_string();

    let out = posbind(&data)
        .args([
            "run",
            "--json",
            "--port",
            "sim",
            "--case",
            "20200101-000000-beef",
        ])
        .args(["--sim", &format!("password={PASSWORD}")])
        .arg("--answers")
        .arg(&answers)
        .arg("--secrets")
        .arg(&secrets)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(cases(&data).len(), 1);

    let out = posbind(&data)
        .args(["run", "--json", "--port", "sim", "--case", &case])
        .args(["--sim", &format!("password={PASSWORD}")])
        .arg("--answers")
        .arg(&answers)
        .arg("--secrets")
        .arg(&secrets)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["case"], case.as_str());
    assert_eq!(cases(&data).len(), 1);
}

#[test]
fn the_fast_path_without_a_terminal_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (answers, secrets) = files(dir.path(), PASSWORD);
    let out = posbind(&data)
        .arg("--answers")
        .arg(&answers)
        .arg("--secrets")
        .arg(&secrets)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("--port"), "{err}");
    assert!(cases(&data).is_empty(), "{err}");
}

#[test]
fn two_runs_at_once_bind_the_terminal_once() {
    for attempt in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let (answers, secrets) = files(dir.path(), PASSWORD);
        let spawn = || {
            std::process::Command::new(common::posbind_bin())
                .arg("--data-dir")
                .arg(&data)
                .args(["--lang", "en", "run", "--port", "sim", "--json"])
                .args(["--sim", &format!("password={PASSWORD}")])
                .arg("--answers")
                .arg(&answers)
                .arg("--secrets")
                .arg(&secrets)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let pids = [a.id(), b.id()];
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let codes: Vec<Option<i32>> = outs.iter().map(|o| o.status.code()).collect();
        let text: Vec<String> = outs
            .iter()
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .collect();
        assert_eq!(bound(&data), 1, "attempt {attempt}: {text:?}");
        assert_eq!(cases(&data).len(), 1, "attempt {attempt}: {text:?}");
        let winner = codes.iter().position(|c| *c == Some(0));
        let Some(winner) = winner else {
            panic!("attempt {attempt}: no run passed: {codes:?} {text:?}");
        };
        let loser = 1 - winner;
        assert_eq!(codes[loser], Some(1), "attempt {attempt}: {text:?}");
        let case = cases(&data)[0]["id"].as_str().unwrap().to_string();
        let said = &text[loser];
        // Either it found the other run holding the lock (naming its pid), or it came after
        // the other run finished and found the case done.
        assert!(
            said.contains(&format!("pid {}", pids[winner])) || said.contains(&case),
            "attempt {attempt}: {said}"
        );
    }
}

#[test]
fn the_fast_path_without_a_screen_writes_nothing_either() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (answers, secrets) = files(dir.path(), PASSWORD);
    // stdin and stdout are pipes here: nobody could confirm anything on the wizard.
    let out = posbind(&data)
        .args(["--port", "sim", "--answers"])
        .arg(&answers)
        .arg("--secrets")
        .arg(&secrets)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(cases(&data).is_empty(), "{err}");
    assert_eq!(bound(&data), 0);
}
