//! The second round of hostile files and input (issue 29): links where posbind writes, special
//! and huge files where it reads, numbers that overflow, and messages that name the thing. The
//! real binary or the library on throwaway files; each test names the finding it covers.

#![cfg(unix)]

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use chrono::Utc;

use posbind::i18n::Lang;
use posbind::onboarding::Case;
use posbind::store::Store;

fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", "en"]);
    // A deadline, not a budget: a hang fails the test instead of stalling the suite.
    c.timeout(common::WAIT);
    c
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn seed(data: &Path, name: &str) -> String {
    let store = Store::open(data).unwrap();
    let mut c = Case::new(name, Lang::En, false, Utc::now());
    store.save(&mut c, Utc::now()).unwrap();
    c.id.to_string()
}

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

fn set_mode(p: &Path, m: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() && !p.is_symlink() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

// Written where it should not be: a hard-linked journal.

#[test]
fn a_hard_linked_journal_is_refused_and_the_other_name_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = seed(&data, "Mart");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "someone else's file\n").unwrap();
    set_mode(&victim, 0o644);
    let journal = data.join("cases").join(&id).join("journal.jsonl");
    let _ = std::fs::remove_file(&journal);
    std::fs::hard_link(&victim, &journal).unwrap();
    let store = Store::open(&data).unwrap();
    let case_id = posbind::onboarding::CaseId::parse(&id).unwrap();
    let r = store.journal(&case_id, "x", serde_json::json!({}), Utc::now());
    let e = r.expect_err("a hard-linked journal is refused");
    let said = posbind::i18n::tr_message(Lang::En, e.message());
    assert!(
        said.contains("journal.jsonl") && said.contains("hard link"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "someone else's file\n"
    );
    assert_eq!(mode(&victim), 0o644, "the other name's mode is not changed");
}

// Written where it should not be: `cases` or `logs` as a symbolic link.

#[test]
fn cases_or_logs_as_a_symbolic_link_are_refused_and_nothing_lands_at_the_target() {
    for name in ["cases", "logs"] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::create_dir(&elsewhere).unwrap();
        set_mode(&elsewhere, 0o755);
        std::os::unix::fs::symlink(&elsewhere, data.join(name)).unwrap();
        // Through the binary: listing opens the store and the log.
        let out = posbind(&data).args(["cases", "list"]).output().unwrap();
        if name == "cases" {
            assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
            let err = text(&out.stderr);
            assert!(err.contains("symbolic link"), "{err}");
        }
        // Through the library: a refused store writes nothing anywhere.
        if let Ok(store) = Store::open(&data) {
            let mut c = Case::new("Mart", Lang::En, false, Utc::now());
            let _ = store.save(&mut c, Utc::now());
        }
        assert!(
            files_under(&elsewhere).is_empty(),
            "{name}: {:?}",
            files_under(&elsewhere)
        );
        assert_eq!(mode(&elsewhere), 0o755, "{name}: the target is not changed");
    }
}

// Written where it should not be: `locks/`, `outbox/` and `report/` left open to others.

#[test]
fn locks_outbox_and_report_directories_and_their_files_are_made_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = seed(&data, "Mart");
    let case = data.join("cases").join(&id);
    let rev = case.join("outbox").join("rev-1");
    let report = case.join("report");
    let locks = data.join("locks");
    for d in [&rev, &report, &locks] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(rev.join("application.json"), "{}").unwrap();
    std::fs::write(report.join("activation-report.html"), "<p>").unwrap();
    for d in [&case.join("outbox"), &rev, &report, &locks] {
        set_mode(d, 0o755);
    }
    set_mode(&rev.join("application.json"), 0o644);
    set_mode(&report.join("activation-report.html"), 0o644);
    let store = Store::open(&data).unwrap();
    let case_id = posbind::onboarding::CaseId::parse(&id).unwrap();
    drop(store.lock_case(&case_id).unwrap());
    for d in [&case.join("outbox"), &rev, &report, &locks] {
        assert_eq!(mode(d), 0o700, "{}", d.display());
    }
    for f in [
        rev.join("application.json"),
        report.join("activation-report.html"),
    ] {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
}

// Crashes: review days that overflow the calendar.

#[test]
fn a_catalog_with_absurd_numbers_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let shipped = posbind::onboarding::catalog::CATALOG_TOML;
    for (from, bad, field) in [
        (
            "review_days = [3, 5]",
            "review_days = [0, 4294967295]",
            "review_days",
        ),
        ("deposit_yuan = 0\n", "deposit_yuan = nan\n", "deposit_yuan"),
    ] {
        assert!(shipped.contains(from), "{from}");
        let catalog = shipped.replacen(from, bad, 1);
        let cat = dir.path().join("catalog.toml");
        std::fs::write(&cat, &catalog).unwrap();
        std::fs::write(dir.path().join("secrets.toml"), "password = \"482916\"\n").unwrap();
        let answers = common::answers_file(dir.path(), "answers.toml", &[]);
        let out = posbind(&data)
            .arg("--catalog")
            .arg(&cat)
            .args(["run", "--port", "sim", "--answers"])
            .arg(&answers)
            .arg("--secrets")
            .arg(dir.path().join("secrets.toml"))
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "{bad}: {err}");
        assert_ne!(out.status.code(), Some(0), "{bad}: {err}");
        assert!(err.contains(field), "{bad}: {err}");
        let cases = data.join("cases");
        let written = cases.exists() && std::fs::read_dir(&cases).unwrap().next().is_some();
        assert!(!written, "{bad}: a case was written");
    }
}

// Hangs: a FIFO where a regular file is expected.

#[test]
fn fifos_are_refused_at_once_wherever_a_regular_file_is_expected() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    let state = format!("state_file={}", fifo.display());
    let runs: Vec<Vec<&str>> = vec![
        vec!["probe", "--port", "sim", "--sim", &state],
        vec!["simulate", "--config", fifo.to_str().unwrap()],
        vec!["run", "--port", "sim", "--answers", fifo.to_str().unwrap()],
    ];
    for args in &runs {
        let out = posbind(&data).args(args).output().unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("fifo") && err.contains("not a regular file"),
            "{args:?}: {err}"
        );
    }
    // A FIFO planted where posbind writes a case's journal is refused, not waited on.
    let id = seed(&data, "Mart");
    let journal = data.join("cases").join(&id).join("journal.jsonl");
    let _ = std::fs::remove_file(&journal);
    mkfifo(&journal);
    let store = Store::open(&data).unwrap();
    let case_id = posbind::onboarding::CaseId::parse(&id).unwrap();
    assert!(store
        .journal(&case_id, "x", serde_json::json!({}), Utc::now())
        .is_err());
    assert!(store.read_journal(&case_id).is_err());
}

// Hangs: a 5 GB sparse file as a document is refused by its size, before it is read.

#[test]
fn a_huge_document_is_refused_by_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("licence.png");
    let f = std::fs::File::create(&p).unwrap();
    std::io::Write::write_all(&mut &f, &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]).unwrap();
    // Sparse: 5 GB long, nearly nothing on disk.
    f.set_len(5 * 1024 * 1024 * 1024).unwrap();
    drop(f);
    assert!(std::fs::metadata(&p).unwrap().blocks() < 1024);
    let r = posbind::store::documents::record_file(&p, Utc::now());
    let problem = r.expect_err("refused");
    assert_eq!(problem.message_id(), "file-too-large");
}

// Messages that mislead: the schema as written.

#[test]
fn an_unknown_case_file_version_is_reported_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (schema, shown) in [("\"1\"", "\"1\""), ("-1", "-1"), ("99", "99")] {
        let id = seed(&data, "Mart");
        let p = data.join("cases").join(&id).join("case.json");
        let t = std::fs::read_to_string(&p).unwrap();
        let t = t.replacen("\"schema\": 1", &format!("\"schema\": {schema}"), 1);
        std::fs::write(&p, t).unwrap();
        let out = posbind(&data)
            .args(["cases", "show", &id])
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert!(
            err.contains(&format!("file version {shown})")),
            "{schema}: {err}"
        );
        std::fs::remove_dir_all(data.join("cases").join(&id)).unwrap();
    }
}

// Messages that mislead: the run's language for a file error.

#[test]
fn io_errors_name_the_path_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // `cases` is a file: opening the store fails on that path, in English with --lang en.
    std::fs::write(data.join("cases"), "not a directory").unwrap();
    let out = posbind(&data).args(["cases", "list"]).output().unwrap();
    let err = text(&out.stderr);
    assert!(
        err.contains("cases") && err.contains("not a directory"),
        "{err}"
    );
    assert!(
        !err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{err}"
    );
    let _ = Duration::ZERO;
}

// Shown raw: the terminal's own strings.

#[test]
fn probe_escapes_what_the_terminal_calls_itself() {
    let dir = tempfile::tempdir().unwrap();
    for json in [false, true] {
        let mut c = posbind(&dir.path().join("data"));
        c.args(["probe", "--port", "sim", "--sim"])
            .arg("name=\u{1b}]0;pwned\u{7}Mart\u{202e}")
            .args(["--sim", "version=\u{1b}[2J1.0\u{200b}"]);
        if json {
            c.arg("--json");
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let shown = text(&out.stdout);
        assert!(
            !shown
                .chars()
                .any(|c| (c.is_control() && c != '\n') || "\u{202e}\u{200b}".contains(c)),
            "{shown:?}"
        );
        if json {
            let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
            assert_eq!(v["device_name"], "\u{1b}]0;pwned\u{7}Mart\u{202e}", "{v}");
        } else {
            assert!(shown.contains("\\u{1b}]0;pwned\\u{7}Mart"), "{shown}");
        }
    }
}

// Accepted silently: invisible characters in names and addresses.

#[test]
fn invisible_characters_are_refused_in_input_and_escaped_in_output() {
    use posbind::onboarding::free_text::{check, MAX_NAME};
    for c in [
        '\u{200b}',
        '\u{feff}',
        '\u{ad}',
        '\u{206a}',
        '\u{e0041}',
        '\u{3164}',
    ] {
        let name = format!("Mart{c}One");
        assert!(check(&name, MAX_NAME).is_err(), "{c:?} accepted");
    }
    // A case file written by someone else: the list shows the character as an escape.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = seed(&data, "Mart");
    let p = data.join("cases").join(&id).join("case.json");
    let t = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, t.replacen("\"Mart\"", "\"Ma\\u200brt\"", 1)).unwrap();
    let out = posbind(&data).args(["cases", "list"]).output().unwrap();
    let shown = text(&out.stdout);
    assert!(!shown.contains('\u{200b}'), "{shown:?}");
    assert!(shown.contains("Ma\\u{200b}rt"), "{shown}");
    let out = posbind(&data)
        .args(["cases", "list", "--json"])
        .output()
        .unwrap();
    let shown = text(&out.stdout);
    assert!(!shown.contains('\u{200b}'), "{shown:?}");
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(v[0]["merchant"], "Ma\u{200b}rt");
}

// Shown raw: a 15 MB merchant name in a case file.

#[test]
fn a_merchant_name_longer_than_a_case_allows_is_refused_not_printed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = seed(&data, "Mart");
    let p = data.join("cases").join(&id).join("case.json");
    let t = std::fs::read_to_string(&p).unwrap();
    let huge = "x".repeat(15 * 1024 * 1024);
    std::fs::write(&p, t.replacen("\"Mart\"", &format!("\"{huge}\""), 1)).unwrap();
    for args in [vec!["cases", "list"], vec!["cases", "show", &id]] {
        let out = posbind(&data).args(&args).output().unwrap();
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(all.len() < 10_000, "{args:?} printed {} bytes", all.len());
        assert!(all.contains("merchant.name"), "{args:?}: {all}");
    }
    // One character over the limit is refused too.
    let t = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, t.replacen(&huge, &"名".repeat(101), 1)).unwrap();
    let out = posbind(&data).args(["cases", "list"]).output().unwrap();
    assert!(text(&out.stderr).contains("merchant.name"));
}

// Shown: the outbox path a case file claims.

#[test]
fn export_names_this_stores_outbox_not_the_one_the_case_file_claims() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::write(dir.path().join("secrets.toml"), "password = \"482916\"\n").unwrap();
    let answers = common::answers_file(dir.path(), "answers.toml", &[]);
    let out = posbind(&data)
        .args([
            "run",
            "--port",
            "sim",
            "--sim",
            "password=482916",
            "--answers",
        ])
        .arg(&answers)
        .arg("--secrets")
        .arg(dir.path().join("secrets.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let id = std::fs::read_dir(data.join("cases"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name()
        .to_string_lossy()
        .into_owned();
    let p = data.join("cases").join(&id).join("case.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    v["submissions"][0]["outbox"] = "/other/data/cases/x/outbox/rev-1".into();
    // A change of data after the submission: export refuses and says where the package is.
    v["merchant"]["name"] = "Another Mart".into();
    std::fs::write(&p, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let out = posbind(&data)
        .args(["cases", "export", &id, "--out"])
        .arg(dir.path().join("export"))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("/other/data"), "{err}");
    let ours = data.join("cases").join(&id).join("outbox").join("rev-1");
    assert!(err.contains(&ours.display().to_string()), "{err}");
}

// Messages that mislead: test-loop's currency, amount and count.

#[test]
fn test_loop_names_a_bad_currency_and_bounds_amount_and_count() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |extra: &[&str]| {
        let out = posbind(&data)
            .args(["test-loop", "--port", "sim", "--count", "1"])
            .args(extra)
            .output()
            .unwrap();
        (out.status.code(), text(&out.stderr))
    };
    for currency in ["0", "000"] {
        let (code, err) = run(&["--currency", currency]);
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains(&format!("Unknown currency {currency}")),
            "{err}"
        );
        assert!(!err.contains("amount"), "{err}");
    }
    let (code, err) = run(&["--amount", "9999999999.99"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("0.01 to 100.00"), "{err}");
    let (code, err) = run(&["--currency", "EUR", "--amount", "0"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("in EUR"), "{err}");
    for count in ["100001", "4294967295"] {
        let out = posbind(&data)
            .args(["test-loop", "--port", "sim", "--count", count])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{count}");
        assert!(text(&out.stderr).contains("1 to 100000"), "{count}");
    }
    let help = posbind(&data)
        .args(["test-loop", "--help"])
        .output()
        .unwrap();
    let help = text(&help.stdout);
    assert!(
        help.contains("1 to 100000") && help.contains("0.01 to 100.00"),
        "{help}"
    );
}

// Messages: `--ascii` prints no ellipsis.

#[test]
fn ascii_output_has_no_ellipsis() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for args in [
        vec!["test-loop", "--port", "sim", "--count", "1"],
        vec!["probe", "--port", "sim"],
    ] {
        let out = posbind(&data).arg("--ascii").args(&args).output().unwrap();
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(out.status.success(), "{args:?}: {all}");
        assert!(!all.contains('…'), "{args:?}: {all}");
        assert!(all.contains("..."), "{args:?}: {all}");
    }
}

// Messages: the simulator's state file not saved.

#[test]
fn a_state_file_that_cannot_be_saved_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // Readable as "no state yet", not writable: its directory does not exist.
    let state = dir.path().join("gone").join("state.json");
    let out = posbind(&data)
        .args(["test-loop", "--port", "sim", "--count", "1", "--sim"])
        .arg(format!("state_file={}", state.display()))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(err.contains("state was not saved"), "{err}");
    assert!(err.contains(&state.display().to_string()), "{err}");
}

// What to build, 1: every writer, with a link planted where it writes.

/// How a link is planted at a writer's file or directory.
#[derive(Clone, Copy, Debug)]
enum Plant {
    /// The file posbind writes is a symbolic link to the victim file.
    FileSymlink,
    /// The file posbind writes is a second name (hard link) of the victim file.
    FileHardLink,
    /// The directory posbind writes into is a symbolic link to the victim directory.
    DirSymlink,
}

/// One writer: the file it writes and the directory holding it (relative to the data
/// directory), and the write itself (an error is allowed, a panic is not).
struct Writer {
    name: &'static str,
    file: String,
    dir: String,
    write: fn(&Path, &Store, &mut Case),
}

fn writers(id: &str) -> Vec<Writer> {
    let case = format!("cases/{id}");
    vec![
        Writer {
            name: "case file",
            file: format!("{case}/case.json"),
            dir: case.clone(),
            write: |_, store, case| {
                let _ = store.save(case, Utc::now());
            },
        },
        Writer {
            name: "journal",
            file: format!("{case}/journal.jsonl"),
            dir: case.clone(),
            write: |_, store, case| {
                let _ = store.journal(&case.id, "x", serde_json::json!({}), Utc::now());
            },
        },
        Writer {
            name: "replay answers",
            file: format!("{case}/answers.toml"),
            dir: case.clone(),
            write: |_, store, case| {
                let _ = store.save_replay(&case.id, "x = 1\n");
            },
        },
        Writer {
            name: "lock",
            file: format!("locks/case-{id}.lock"),
            dir: "locks".into(),
            write: |_, store, case| {
                let _ = store.lock_case(&case.id);
            },
        },
        Writer {
            name: "outbox",
            file: format!("{case}/outbox/rev-1/application.json"),
            dir: format!("{case}/outbox"),
            write: |_, store, case| {
                let _ = posbind::report::application::write_package(
                    &store.outbox_dir(&case.id, 1),
                    case,
                    Lang::En,
                    posbind::onboarding::application::Channel::Online,
                    "2026-12-01T00:00:00Z",
                );
            },
        },
        Writer {
            name: "report",
            file: format!("{case}/report/activation-report.html"),
            dir: format!("{case}/report"),
            write: |_, store, case| {
                let _ = posbind::report::activation::write_report(
                    &store.case_dir(&case.id).join("report"),
                    case,
                    Lang::En,
                    chrono::FixedOffset::east_opt(8 * 3600).unwrap(),
                );
            },
        },
        Writer {
            name: "sample scans",
            file: format!("{case}/samples/business-licence.pdf"),
            dir: format!("{case}/samples"),
            write: |_, store, case| {
                let dir = store.case_dir(&case.id);
                let _ = posbind::store::documents::write_sample_scans(
                    &dir,
                    &dir.join("samples"),
                    case,
                    Utc::now(),
                );
            },
        },
        Writer {
            name: "log",
            file: "logs/posbind.log".into(),
            dir: "logs".into(),
            write: |data, _, _| {
                let _ = posbind(data).args(["cases", "list"]).output().unwrap();
            },
        },
    ]
}

#[test]
fn every_writer_refuses_links_where_it_writes() {
    for plant in [Plant::FileSymlink, Plant::FileHardLink, Plant::DirSymlink] {
        let n = writers("x").len();
        for i in 0..n {
            let root = tempfile::tempdir().unwrap();
            let data = root.path().join("data");
            let store = Store::open(&data).unwrap();
            let mut case = Case::new("Mart", Lang::En, false, Utc::now());
            store.save(&mut case, Utc::now()).unwrap();
            let w = writers(case.id.as_str()).remove(i);
            let (file, dir) = (data.join(&w.file), data.join(&w.dir));
            let victim_dir = root.path().join("victim");
            std::fs::create_dir(&victim_dir).unwrap();
            set_mode(&victim_dir, 0o755);
            let victim = victim_dir.join("victim.txt");
            std::fs::write(&victim, "someone else's\n").unwrap();
            set_mode(&victim, 0o644);
            match plant {
                Plant::FileSymlink | Plant::FileHardLink => {
                    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                    let _ = std::fs::remove_file(&file);
                    if matches!(plant, Plant::FileSymlink) {
                        std::os::unix::fs::symlink(&victim, &file).unwrap();
                    } else {
                        std::fs::hard_link(&victim, &file).unwrap();
                    }
                }
                Plant::DirSymlink => {
                    if dir.exists() {
                        std::fs::rename(&dir, root.path().join("moved-away")).unwrap();
                    }
                    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
                    std::os::unix::fs::symlink(&victim_dir, &dir).unwrap();
                }
            }
            (w.write)(&data, &store, &mut case);
            let what = format!("{} with {plant:?}", w.name);
            assert_eq!(
                std::fs::read_to_string(&victim).unwrap(),
                "someone else's\n",
                "{what}: the victim was written"
            );
            assert_eq!(mode(&victim), 0o644, "{what}: the victim's mode changed");
            assert_eq!(
                mode(&victim_dir),
                0o755,
                "{what}: the directory's mode changed"
            );
            let names: Vec<_> = std::fs::read_dir(&victim_dir)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(
                names,
                ["victim.txt"],
                "{what}: written into the victim directory"
            );
        }
    }
}

// Crashes: the offer a case file keeps is held to the catalog's limits too.

#[test]
fn a_case_file_keeping_an_absurd_offer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = seed(&data, "Mart");
    let p = data.join("cases").join(&id).join("case.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
    let mut offer = posbind::onboarding::catalog::Catalog::shipped().institutions[0].clone();
    offer.review_days = [0, u32::MAX];
    v["institution"] = serde_json::to_value(&offer).unwrap();
    std::fs::write(&p, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let out = posbind(&data)
        .args(["cases", "show", &id])
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("review_days"), "{err}");
}
