//! `posbind help exceptions [CASE]`: the answers carry the live case's data — its terminal
//! (serial number, TID, MID), its contract's rates, its install address — and its institution's
//! service number from the current catalog, in both languages; without a live case, the
//! general answers.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn posbind(data: &Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", lang]);
    c
}

/// A live case made by `posbind run` (institution sample-a, from the shipped catalog).
fn live_case(dir: &Path) -> (PathBuf, serde_json::Value) {
    let data = dir.join("data");
    std::fs::write(dir.join("secrets.toml"), "password = \"000000\"\n").unwrap();
    let answers = common::answers_file(dir, "answers.toml", &[]);
    let out = posbind(&data, "en")
        .args(["run", "--port", "sim", "--json", "--answers"])
        .arg(&answers)
        .arg("--secrets")
        .arg(dir.join("secrets.toml"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = v["case"].as_str().unwrap();
    let text = std::fs::read_to_string(data.join("cases").join(id).join("case.json")).unwrap();
    (data, serde_json::from_str(&text).unwrap())
}

/// The shipped catalog, with a service number for sample-a (the case's copy has none).
fn catalog_with_phone(dir: &Path) -> PathBuf {
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog.toml"))
            .unwrap();
    let text = shipped.replacen(
        "id = \"sample-a\"\n",
        "id = \"sample-a\"\nphone = \"020-5555-0100\"\n",
        1,
    );
    assert_ne!(text, shipped);
    let path = dir.join("catalog.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn help_exceptions_answers_with_the_case_and_the_catalogs_number() {
    let dir = tempfile::tempdir().unwrap();
    let (data, case) = live_case(dir.path());
    let catalog = catalog_with_phone(dir.path());
    let id = case["id"].as_str().unwrap();
    let tid = case["review"]["tid"].as_str().unwrap();
    let mid = case["review"]["mid"].as_str().unwrap();
    let serial = case["binding"]["serial_label"].as_str().unwrap();
    assert!(!tid.is_empty() && !mid.is_empty() && !serial.is_empty());
    for (lang, words) in [
        (
            "zh-CN",
            [
                "签购单没有打印出来",
                "撤销",
                "退货",
                "冲正",
                "终端丢失或被盗",
            ],
        ),
        (
            "en",
            [
                "The slip did not print",
                "void",
                "refund",
                "reversal",
                "lost or stolen",
            ],
        ),
    ] {
        // Without a case id: the only live case.
        let out = posbind(&data, lang)
            .arg("--catalog")
            .arg(&catalog)
            .args(["help", "exceptions"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        for needle in ["020-5555-0100", tid, mid, serial, "0.45%", "0.60%", id] {
            assert!(text.contains(needle), "{lang}: no {needle} in\n{text}");
        }
        for w in words {
            assert!(text.contains(w), "{lang}: no {w} in\n{text}");
        }
        // Named, the same answers.
        let named = posbind(&data, lang)
            .arg("--catalog")
            .arg(&catalog)
            .args(["help", "exceptions", id])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(named.stdout).unwrap(), text);
    }
    // The shipped catalog lists no number: the answers say where to find it instead.
    let out = posbind(&data, "en")
        .args(["help", "exceptions"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("020-5555-0100"), "{text}");
    assert!(
        text.contains("the service number in your contract"),
        "{text}"
    );
}

#[test]
fn without_a_live_case_the_general_answers_and_an_unknown_case_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = posbind(&data, "zh-CN")
        .args(["help", "exceptions"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("出现问题时") && text.contains("您的收单机构"),
        "{text}"
    );
    assert!(
        !String::from_utf8_lossy(&out.stderr).is_empty(),
        "the reason is said"
    );
    let out = posbind(&data, "en")
        .args(["help", "exceptions", "20990101-000000-zzzz"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    // clap's help of a subcommand is still there.
    let out = posbind(&data, "en")
        .args(["help", "settle"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("End-of-day"));
}
