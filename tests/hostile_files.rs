//! Files a user is handed by someone else (a colleague's case folder, an installer company's
//! answers template, a secrets file, a simulator state file): the real binary on crafted files.
//! Each test names the item of issue 14 it covers.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::Utc;

use posbind::i18n::Lang;
use posbind::onboarding::Case;
use posbind::store::Store;

const PASSWORD: &str = "482916";

fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", "en"]);
    c
}

/// A saved case under `data`; returns its id.
fn seed(data: &Path, name: &str) -> String {
    let store = Store::open(data).unwrap();
    let mut c = Case::new(name, Lang::En, false, Utc::now());
    store.save(&mut c, Utc::now()).unwrap();
    c.id.to_string()
}

fn case_dir(data: &Path, id: &str) -> PathBuf {
    data.join("cases").join(id)
}

/// Rewrites one top-level string field of a saved case file.
fn craft(data: &Path, id: &str, field: &str, value: &str) {
    let p = case_dir(data, id).join("case.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    v[field] = serde_json::Value::String(value.into());
    std::fs::write(&p, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn has_raw_control(b: &[u8]) -> bool {
    let s = text(b);
    s.chars()
        .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}')
}

// 1. A crafted case.json makes posbind write outside the data directory.

#[test]
fn item1_a_crafted_case_id_never_leads_outside_the_data_directory() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let elsewhere = root.path().join("elsewhere").join("x");
    for crafted in [elsewhere.display().to_string(), "../../y".to_string()] {
        let id = seed(&data, "Mart");
        craft(&data, &id, "id", &crafted);
        let out = posbind(&data)
            .args(["cases", "rebind", &id, "--reason", "institution"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(!root.path().join("elsewhere").exists(), "{crafted}");
        assert!(!root.path().join("y").exists(), "{crafted}");
        for args in [vec!["cases", "list"], vec!["cases", "show", &id]] {
            let out = posbind(&data).args(&args).output().unwrap();
            let all = text(&out.stdout) + &text(&out.stderr);
            assert!(!all.contains(&crafted), "{args:?} printed {crafted}: {all}");
        }
        std::fs::remove_dir_all(case_dir(&data, &id)).unwrap();
    }
    let listing: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(listing, ["data"]);
}

// 2. `--sim state_file=PATH` overwrites any file.

#[test]
fn item2_a_state_file_that_is_not_simulator_state_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "my notes, not a terminal\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&notes, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    for lang in ["en", "zh-CN"] {
        let out = Command::cargo_bin("posbind")
            .unwrap()
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .args(["--lang", lang, "probe", "--port", "sim", "--sim"])
            .arg(format!("state_file={}", notes.display()))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{lang}: {}", text(&out.stderr));
        let err = text(&out.stderr);
        assert!(err.contains("notes.txt"), "{lang}: {err}");
        let expected = if lang == "en" {
            "not a simulator state file"
        } else {
            "不是模拟终端的状态文件"
        };
        assert!(err.contains(expected), "{lang}: {err}");
    }
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "my notes, not a terminal\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&notes).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
    // A new state file, and the simulator's own state file on the next run, are fine.
    let state = dir.path().join("sim-state.json");
    for _ in 0..2 {
        posbind(&dir.path().join("data"))
            .args(["probe", "--port", "sim", "--sim"])
            .arg(format!("state_file={}", state.display()))
            .assert()
            .success();
    }
    assert!(std::fs::read_to_string(&state)
        .unwrap()
        .contains("turnover"));
}

// 3. Secrets are echoed in errors.

#[test]
fn item3_secrets_file_errors_name_the_key_and_line_never_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let answers = common::answers_file(dir.path(), "answers.toml", &[]);
    let cases = [
        (format!("password = {PASSWORD}\n"), "password"),
        (format!("\npasword = \"{PASSWORD}\"\n"), "pasword"),
        (format!("password = \"{PASSWORD}\" x\n"), "line 1"),
        (format!("password = [\"{PASSWORD}\"]\n"), "password"),
    ];
    for (secrets_text, key) in cases {
        let secrets = dir.path().join("secrets.toml");
        std::fs::write(&secrets, &secrets_text).unwrap();
        let out = posbind(&dir.path().join("data"))
            .args(["run", "--dry-run", "--answers"])
            .arg(&answers)
            .arg("--secrets")
            .arg(&secrets)
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{secrets_text}: {err}");
        assert!(!err.contains(PASSWORD), "{secrets_text} echoed: {err}");
        assert!(err.contains(key), "{secrets_text}: {err}");
        assert!(err.contains("line"), "{secrets_text}: {err}");
        assert!(err.contains("secrets file"), "{secrets_text}: {err}");
        assert!(!err.contains("answers file"), "{secrets_text}: {err}");
    }
}

// 4. `posbind run` skips the text rules the wizard applies.

#[test]
fn item4_run_applies_the_wizards_text_rules_to_every_free_text_field() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let cases = [
        ("name = \"好再来超市有限公司\"", "merchant.name"),
        ("address = \"深圳市南山区科技园 1 号\"", "merchant.address"),
        ("name = \"张三\"", "legal_rep.name"),
        ("bank_name = \"招商银行\"", "settlement.bank_name"),
        ("install_address = \"\"", "application.install_address"),
    ];
    for (from, key) in cases {
        let field = from.split(" = ").next().unwrap();
        // ESC, BEL and U+202E (right-to-left override) as TOML escapes.
        let to = format!("{field} = \"Mart\\u001b[2J\\u0007\\u202Etrams\"");
        let a = common::answers_file(dir.path(), "answers.toml", &[(from, &to)]);
        let out = posbind(&data)
            .args(["run", "--dry-run", "--answers"])
            .arg(&a)
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{key}: {err}");
        assert!(err.contains(key), "{key} not named: {err}");
        assert!(!has_raw_control(&out.stderr), "{key}: raw control bytes");
    }
    // A name over the wizard's limit is refused by its key; a 10 MB one (in a 10 MB file) is
    // refused before the file is parsed. Neither writes anything.
    for (name, code, named) in [
        ("A".repeat(101), 1, "merchant.name"),
        ("A".repeat(10 * 1024 * 1024), 2, "answers.toml"),
    ] {
        let a = common::answers_file(
            dir.path(),
            "answers.toml",
            &[(
                "name = \"好再来超市有限公司\"",
                &format!("name = \"{name}\""),
            )],
        );
        let out = posbind(&data)
            .args(["run", "--port", "sim", "--answers"])
            .arg(&a)
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{err}");
        assert!(err.contains(named), "{err}");
        assert!(out.stderr.len() < 4096, "the error does not echo the file");
        let cases_dir = data.join("cases");
        assert!(!cases_dir.exists() || std::fs::read_dir(cases_dir).unwrap().next().is_none());
    }
}

#[test]
fn item4_cases_list_show_and_check_never_print_raw_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = seed(&data, "Mart");
    let p = case_dir(&data, &id).join("case.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    v["merchant"]["name"] = "Evil\u{1b}]0;pwned\u{7}\u{1b}[31m\u{202e}Mart".into();
    v["pos"] = serde_json::json!({"scenario": "x", "pos_type": "\u{1b}[2Jzap", "count": 1});
    std::fs::write(&p, serde_json::to_vec(&v).unwrap()).unwrap();
    for args in [
        vec!["cases", "list"],
        vec!["cases", "show", &id],
        vec!["check", "credit-code", "\u{1b}[2J\u{7}9144"],
        vec![
            "check",
            "mid",
            "\u{1b}[2J102584054110001",
            "--mcc",
            "\u{1b}[31m",
        ],
    ] {
        let out = posbind(&data).args(&args).output().unwrap();
        assert!(!has_raw_control(&out.stdout), "{args:?} stdout");
        assert!(!has_raw_control(&out.stderr), "{args:?} stderr");
    }
    // The name is still recognisable, with its control characters made visible.
    let out = posbind(&data).args(["cases", "list"]).output().unwrap();
    assert!(text(&out.stdout).contains("Evil"), "{}", text(&out.stdout));
}

// 5. Quadratic input handling: limits on sizes and counts.

#[test]
fn item5_oversized_answers_files_and_lists_are_refused_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut many_docs = String::from("[documents]\n");
    for i in 0..2000 {
        many_docs.push_str(&format!("unknown-{i} = \"/nowhere/{i}.png\"\n"));
    }
    let topics: Vec<String> = (0..20000).map(|i| format!("\"t{i}\"")).collect();
    let cases = [
        (
            "[documents]                        # checklist item id = scan or photo (PNG, JPEG, WebP, PDF); relative to this file\n",
            many_docs,
            "documents",
        ),
        (
            "done = [\"sale\", \"reversal\", \"refund\", \"end-of-day\", \"reprint\", \"troubleshooting\"]",
            format!("done = [{}]", topics.join(",")),
            "training.done",
        ),
        ("count = 5", "count = 4294967295".to_string(), "test.count"),
    ];
    for (from, to, key) in cases {
        let a = common::answers_file(dir.path(), "answers.toml", &[(from, &to)]);
        let out = posbind(&data)
            .args(["run", "--dry-run", "--answers"])
            .arg(&a)
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{key}: {err}");
        assert!(err.contains(key), "{key}: {err}");
        assert!(
            err.lines().count() < 20,
            "{key}: one message, not one per entry"
        );
    }
    // A file far beyond any answers file is refused before it is parsed.
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "#".repeat(2 * 1024 * 1024)).unwrap();
    let out = posbind(&data)
        .args(["run", "--dry-run", "--answers"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("big.toml"));
}

// 6. Journal and file hygiene.

#[test]
fn item6_a_torn_journal_line_does_not_swallow_the_next_event() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = seed(&data, "Mart");
    // A case with a bound terminal: only such a case is rebound.
    let store = Store::open(&data).unwrap();
    let cid = posbind::onboarding::CaseId::parse(&id).unwrap();
    let mut c = store.load(&cid).unwrap();
    c.binding.confirmed_at = Some(Utc::now());
    store.save(&mut c, Utc::now()).unwrap();
    let journal = case_dir(&data, &id).join("journal.jsonl");
    std::fs::write(
        &journal,
        "{\"at\":\"2026-01-01T00:00:00Z\",\"event\":\"case-created\",\"detail\":{}}\n{\"at\":\"2026-",
    )
    .unwrap();
    posbind(&data)
        .args(["cases", "rebind", &id, "--reason", "account"])
        .assert()
        .success();
    let j = Store::open(&data)
        .unwrap()
        .read_journal(&posbind::onboarding::CaseId::parse(&id).unwrap())
        .unwrap();
    let events: Vec<&str> = j.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(events, ["case-created", "case-superseded"]);
}

#[cfg(unix)]
#[test]
fn item6_a_symlinked_journal_or_case_directory_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let outside = root.path().join("outside.txt");
    std::fs::write(&outside, "untouched\n").unwrap();
    let id = seed(&data, "Mart");
    let journal = case_dir(&data, &id).join("journal.jsonl");
    let _ = std::fs::remove_file(&journal);
    std::os::unix::fs::symlink(&outside, &journal).unwrap();
    let out = posbind(&data)
        .args(["cases", "rebind", &id, "--reason", "account"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "untouched\n");

    // A case directory that is a link to somewhere else is reported, never written through.
    let away = root.path().join("away");
    std::fs::create_dir(&away).unwrap();
    let id2 = seed(&data, "Other");
    std::fs::rename(
        case_dir(&data, &id2).join("case.json"),
        away.join("case.json"),
    )
    .unwrap();
    std::fs::remove_dir_all(case_dir(&data, &id2)).unwrap();
    std::os::unix::fs::symlink(&away, case_dir(&data, &id2)).unwrap();
    let before = std::fs::read(away.join("case.json")).unwrap();
    let out = posbind(&data)
        .args(["cases", "rebind", &id2, "--reason", "account"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(away.join("case.json")).unwrap(), before);
    assert_eq!(std::fs::read_dir(&away).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn item6_loose_modes_are_tightened_and_leftover_temp_files_cleaned() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = seed(&data, "Mart");
    let cdir = case_dir(&data, &id);
    std::fs::write(cdir.join("journal.jsonl"), "").unwrap();
    std::fs::create_dir_all(data.join("logs")).unwrap();
    std::fs::write(data.join("logs").join("posbind.log"), "").unwrap();
    let loose = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    for d in [&data, &data.join("cases"), &data.join("logs"), &cdir] {
        loose(d, 0o755);
    }
    for f in [
        cdir.join("case.json"),
        cdir.join("journal.jsonl"),
        data.join("logs").join("posbind.log"),
    ] {
        loose(&f, 0o644);
    }
    let tmp = cdir.join(".case.json.tmp.999999.0");
    std::fs::write(&tmp, "half a case").unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&tmp)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();

    posbind(&data).args(["cases", "list"]).assert().success();

    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for d in [&data, &data.join("cases"), &data.join("logs"), &cdir] {
        assert_eq!(mode(d), 0o700, "{}", d.display());
    }
    for f in [
        cdir.join("case.json"),
        cdir.join("journal.jsonl"),
        data.join("logs").join("posbind.log"),
    ] {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
    assert!(!tmp.exists(), "leftover temp file removed");
}

// 7. Small ones.

#[cfg(unix)]
#[test]
fn item7_a_closed_stdout_pipe_ends_quietly() {
    use std::os::fd::FromRawFd;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = seed(&data, "Mart");
    for args in [vec!["cases", "show", id.as_str()], vec!["cases", "list"]] {
        let mut fds = [0; 2];
        // SAFETY: pipe fills two descriptors we then own; the read end is closed at once so the
        // child's first write meets a closed pipe.
        let writer = unsafe {
            assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
            libc::close(fds[0]);
            std::process::Stdio::from(std::os::fd::OwnedFd::from_raw_fd(fds[1]))
        };
        let out = std::process::Command::new(common::posbind_bin())
            .arg("--data-dir")
            .arg(&data)
            .args(["--lang", "en"])
            .args(&args)
            .stdout(writer)
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn item7_ascii_screens_carry_no_middle_dot() {
    use posbind::onboarding::Step;
    use posbind::tui::theme::Theme;
    use posbind::tui::{view, App, AppOptions, Event};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let now = || {
        chrono::DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    };
    for lang in [Lang::En, Lang::ZhCn] {
        for step in [Step::Institution, Step::Test, Step::GoLive] {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            let case = common::onboarding_case(&store, now());
            let opts = AppOptions {
                lang,
                theme: Theme::new(false, true),
                demo: true,
                tz: chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
                clock: now,
                catalog: posbind::onboarding::catalog::Catalog::shipped(),
                calendar: posbind::onboarding::calendar::Calendar::shipped(),
            };
            let mut app = App::new(store, opts);
            app.update(Event::Resize(120, 40));
            app.case = Some(case);
            app.enter_step(step);
            let area = Rect::new(0, 0, 120, 40);
            let mut buf = Buffer::empty(area);
            view::render(&app, area, &mut buf);
            let screen: String = buf.content().iter().map(|c| c.symbol()).collect();
            assert!(!screen.contains('\u{b7}'), "{lang:?} {step:?}:\n{screen}");
        }
    }
}

#[cfg(unix)]
#[test]
fn item6_a_data_directory_every_user_may_write_to_is_refused_and_not_changed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shared");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let out = posbind(&data).args(["cases", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("writable by every user"));
    let mode = std::fs::metadata(&data).unwrap().permissions().mode();
    assert_eq!(mode & 0o7777, 0o1777);
}
