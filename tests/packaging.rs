//! What a package installs besides the binary: `--version` with the git commit, and the man
//! pages and shell completions generated from the CLI definition (`posbind package-files`).

use std::path::Path;

use assert_cmd::Command;

fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data);
    c
}

#[test]
fn version_names_the_git_commit_it_was_built_from() {
    let dir = tempfile::tempdir().unwrap();
    let out = posbind(dir.path()).arg("--version").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The commit when the build saw a git checkout (build.rs), else "unknown".
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let commit = text
        .trim()
        .strip_prefix(concat!("posbind ", env!("CARGO_PKG_VERSION"), " ("))
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{text}"));
    match head {
        // A commit made since the build would differ; the test binary is built with it, though.
        Some(h) => assert_eq!(commit, h),
        None => assert_eq!(commit, "unknown"),
    }
}

#[test]
fn package_files_are_man_pages_and_completions_for_every_visible_command() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("pkg");
    Command::cargo_bin("posbind")
        .unwrap()
        .arg("package-files")
        .arg(&out_dir)
        .assert()
        .success();
    let man = std::fs::read_to_string(out_dir.join("man/posbind.1")).unwrap();
    assert!(
        man.starts_with(".ie") || man.contains(".TH posbind 1"),
        "{man}"
    );
    assert!(man.contains(env!("CARGO_PKG_VERSION")));
    for sub in ["test-loop", "probe", "run", "check", "cases", "simulate"] {
        // roff escapes the hyphens of a command name.
        assert!(man.contains(&sub.replace('-', "\\-")), "{sub} in posbind.1");
        assert!(
            out_dir.join(format!("man/posbind-{sub}.1")).is_file(),
            "posbind-{sub}.1"
        );
    }
    for name in ["posbind.bash", "_posbind", "posbind.fish"] {
        let text = std::fs::read_to_string(out_dir.join("completions").join(name)).unwrap();
        assert!(text.contains("test-loop"), "{name}");
        // The packaging command itself is hidden from users.
        assert!(!text.contains("package-files"), "{name}");
    }
    assert!(!man.contains("package-files"));
}

#[test]
fn package_files_into_an_unusable_directory_fail_with_the_path_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let out = Command::cargo_bin("posbind")
        .unwrap()
        .env("LC_ALL", "en_US.UTF-8")
        .arg("package-files")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not-a-dir"), "{err}");
}
