//! `posbind run --answers FILE` end to end against the simulator, bad answers, the replay
//! file, rebinding, and a grep of everything a run writes for personal numbers and secrets.

mod common;

use std::path::Path;

use assert_cmd::Command;

const ID: &str = "11010519491231002X";
const ACCOUNT: &str = "755912345610001";
const MOBILE: &str = "18012341999";
const PASSWORD: &str = "482916";

fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", "en"]);
    c
}

/// The template with document files that exist, and a secrets file.
fn answers(dir: &Path) -> std::path::PathBuf {
    std::fs::write(
        dir.join("secrets.toml"),
        format!("password = \"{PASSWORD}\"\n"),
    )
    .unwrap();
    common::answers_file(dir, "answers.toml", &[])
}

fn edit(path: &Path, from: &str, to: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from}");
    let out = path.with_file_name(format!("edited-{}.toml", to.len()));
    std::fs::write(&out, text.replacen(from, to, 1)).unwrap();
    out
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn a_full_answers_file_runs_end_to_end_against_the_simulator() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = answers(dir.path());
    let secrets = dir.path().join("secrets.toml");
    let out = posbind(&data)
        .args([
            "run",
            "--port",
            "sim",
            "--json",
            "--sim",
            &format!("password={PASSWORD}"),
            "--answers",
        ])
        .arg(&a)
        .arg("--secrets")
        .arg(&secrets)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pass"], true);
    let case = v["case"].as_str().unwrap();
    assert!(Path::new(v["report"]["html"].as_str().unwrap()).exists());
    assert!(Path::new(v["report"]["json"].as_str().unwrap()).exists());
    let list = posbind(&data)
        .args(["cases", "list", "--json"])
        .output()
        .unwrap();
    let cases: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(cases[0]["id"], case);

    // The replay file is kept with the case, private, and without the secret.
    let case_dir = data.join("cases").join(case);
    let replay = std::fs::read_to_string(case_dir.join("answers.toml")).unwrap();
    assert!(replay.contains("[legal_rep]") && !replay.contains(PASSWORD));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(case_dir.join("answers.toml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // Privacy: outside the application package (and the replay file, which is the merchant's
    // own answers), nothing written holds a full personal number or the password.
    let mut files = vec![];
    walk(&data, &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("posbind.log")),
        "a log was written: {files:?}"
    );
    for f in files {
        let s = f.display().to_string();
        if s.contains("/outbox/") || s.ends_with("answers.toml") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).to_string();
        let case_file = s.ends_with("case.json");
        assert!(!text.contains(PASSWORD), "{s} holds the password");
        if !case_file {
            for secret in [ID, ACCOUNT, MOBILE] {
                assert!(!text.contains(secret), "{s} holds {secret}");
            }
        }
    }
}

#[test]
fn bad_answers_fail_with_the_key_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = answers(dir.path());
    let cases = [
        (edit(&a, ID, "11010519491231002Y"), "legal_rep.id_number"),
        (
            edit(&a, "[legal_rep]\n", "[legal_rep]\nshoe_size = 42\n"),
            "shoe_size",
        ),
        (edit(&a, "devices = 1", "devices = \"one\""), "devices"),
        (
            edit(&a, "id = \"sample-a\"", "id = \"no-such-bank\""),
            "institution.id",
        ),
        (edit(&a, "agree = true", "agree = false"), "contract.agree"),
    ];
    for (file, key) in cases {
        let out = posbind(&data)
            .args(["run", "--port", "sim", "--answers"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{key}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(key) && err.contains("line"), "{key}: {err}");
    }
    // The serial number on the label is not the terminal's: wrong device.
    let out = posbind(&data)
        .args([
            "run",
            "--port",
            "sim",
            "--sim",
            "serial=ABCDEF01",
            "--answers",
        ])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("device.serial_number") && err.contains("WRONG DEVICE"),
        "{err}"
    );
}

#[test]
fn warnings_need_accept_warnings_and_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = answers(dir.path());
    let pilot = edit(&a, "91440300708461136T", "91350100M0001TGQXM");
    let out = posbind(&data)
        .args(["run", "--dry-run", "--answers"])
        .arg(&pilot)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--accept-warnings"));
    posbind(&data)
        .args(["run", "--dry-run", "--accept-warnings", "--answers"])
        .arg(&pilot)
        .assert()
        .success();
    let list = posbind(&data)
        .args(["cases", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&list.stdout).trim(), "[]");
}

#[test]
fn rebinding_keeps_the_terminal_and_records_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = answers(dir.path());
    let out = posbind(&data)
        .args(["run", "--port", "sim", "--json", "--answers"])
        .arg(&a)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let old = v["case"].as_str().unwrap().to_string();
    let out = posbind(&data)
        .args(["cases", "rebind", &old, "--reason", "account"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let show = posbind(&data)
        .args(["cases", "show", &new, "--json"])
        .output()
        .unwrap();
    let c: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(c["derived_from"]["case"], old.as_str());
    assert_eq!(c["derived_from"]["reason"], "account");
    assert_eq!(c["binding"]["serial_label"], "12345678");
    assert_eq!(c["materials"]["account_number"], "");
    let oldc: serde_json::Value = serde_json::from_slice(
        &posbind(&data)
            .args(["cases", "show", &old, "--json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(oldc["superseded_by"], new.as_str());
    posbind(&data)
        .args(["cases", "rebind", &old, "--reason", "colour"])
        .assert()
        .code(2);
    // Issue 27: a case rebound already is not rebound again (that made two identical rows).
    let again = posbind(&data)
        .args(["cases", "rebind", &old, "--reason", "account"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("was rebound already"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

/// Issue 27: a draft has no bound terminal: `cases rebind` refuses it and says why.
#[test]
fn rebinding_a_case_without_a_bound_terminal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = posbind::store::Store::open(&data).unwrap();
    let now = chrono::Utc::now();
    let mut c = posbind::onboarding::Case::new("Draft Mart", posbind::i18n::Lang::En, false, now);
    store.save(&mut c, now).unwrap();
    let out = posbind(&data)
        .args(["cases", "rebind", c.id.as_str(), "--reason", "account"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("has no bound terminal"), "{stderr}");
    assert_eq!(store.list().unwrap().cases.len(), 1);
}

#[test]
fn the_template_is_printed() {
    let out = Command::cargo_bin("posbind")
        .unwrap()
        .args(["answers", "template"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("[legal_rep]") && t.contains("id_number"));
    posbind::onboarding::answers::parse(&t).unwrap();
}

/// Issue 27: a relative path in `[documents]` is read from the answers file's folder, not from
/// the directory posbind runs in.
#[test]
fn document_paths_are_relative_to_the_answers_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = dir.path().join("merchant");
    std::fs::create_dir(&folder).unwrap();
    let a = answers(&folder);
    // The scans named by their file names only.
    let text = std::fs::read_to_string(&a).unwrap();
    let prefix = format!("\"{}/", folder.display());
    assert!(text.contains(&prefix), "{text}");
    std::fs::write(&a, text.replace(&prefix, "\"")).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let out = posbind(&data)
        .current_dir(&elsewhere)
        .args(["run", "--dry-run", "--answers"])
        .arg(&a)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // And a name that is not next to the answers file is not found, wherever posbind runs.
    std::fs::write(elsewhere.join("stray.png"), b"\x89PNG\r\n\x1a\n7").unwrap();
    let text = std::fs::read_to_string(&a).unwrap();
    let stray = text.replacen("\"shop-front.png\"", "\"stray.png\"", 1);
    assert_ne!(stray, text);
    std::fs::write(&a, stray).unwrap();
    let out = posbind(&data)
        .current_dir(&elsewhere)
        .args(["run", "--dry-run", "--answers"])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("documents.shop-front"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
