//! `posbind cases export --all` (issue 28): its output validated against the schema documented
//! in docs/case-export.md — the field table is read from the document, so the document and the
//! program cannot drift apart unnoticed.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::Utc;

use posbind::i18n::Lang;
use posbind::onboarding::Case;
use posbind::store::Store;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.current_dir(root())
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en"]);
    c
}

/// (field, type) rows of the documented table, in order.
fn documented_fields() -> Vec<(String, String)> {
    let doc = std::fs::read_to_string(root().join("docs/case-export.md")).unwrap();
    doc.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[2].to_string())
        })
        .collect()
}

/// Whether `v` is a value of the documented type `ty`.
fn has_type(v: &serde_json::Value, ty: &str) -> bool {
    let time = |v: &serde_json::Value| {
        v.as_str().is_some_and(|s| {
            s.ends_with('Z') && s.len() == 20 && chrono::DateTime::parse_from_rfc3339(s).is_ok()
        })
    };
    let one_of =
        |v: &serde_json::Value, names: &[&str]| v.as_str().is_some_and(|s| names.contains(&s));
    match ty {
        "integer" => v.is_u64(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "time" => time(v),
        "time or null" => v.is_null() || time(v),
        "integer or null" => v.is_null() || v.is_u64(),
        "status" => one_of(v, &posbind::onboarding::basis::Lifecycle::NAMES),
        "step" => one_of(
            v,
            &posbind::onboarding::Step::ALL.map(posbind::onboarding::Step::id),
        ),
        "test" => one_of(v, &["none", "passed", "failed", "waived"]),
        other => panic!("the document names an unknown type {other}"),
    }
}

/// A data directory with a live case (an unattended run against the simulator), a draft and a
/// merchant name a spreadsheet would take for a formula.
fn cases() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let out = posbind(d.path())
        .args(["run", "--answers", "examples/answers-micro.toml"])
        .args(["--secrets", "examples/secrets.toml", "--port", "sim"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open(d.path()).unwrap();
    for name in ["Draft Mart, \"Ltd\"", "=HYPERLINK(\"x\")"] {
        let mut c = Case::new(name, Lang::En, false, Utc::now());
        store.save(&mut c, Utc::now()).unwrap();
    }
    d
}

#[test]
fn jsonl_and_csv_validate_against_the_documented_schema() {
    let fields = documented_fields();
    assert_eq!(fields.len(), 22, "{fields:?}");
    let d = cases();

    let out = posbind(d.path())
        .args(["cases", "export", "--all", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 3);
    for r in &records {
        let obj = r.as_object().unwrap();
        assert_eq!(obj.len(), fields.len(), "no undocumented field: {r}");
        for (name, ty) in &fields {
            let v = obj
                .get(name)
                .unwrap_or_else(|| panic!("{name} missing in {r}"));
            assert!(has_type(v, ty), "{name} is not {ty}: {v}");
        }
        assert_eq!(r["schema"], 1);
    }
    let live = records.iter().find(|r| r["status"] == "live").unwrap();
    assert_eq!(live["test"], "passed");
    assert!(!live["mid"].as_str().unwrap().is_empty());
    assert!(live["live"].is_string());
    // No personal number of the example merchant leaves the data directory.
    for secret in ["11010519491231002X", "6222021000123456781", "18012341999"] {
        assert!(!text.contains(secret), "{secret}");
    }

    let out = posbind(d.path())
        .args(["cases", "export", "--all", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows = parse_csv(&csv);
    let header: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        rows[0], header,
        "the header is the documented fields in order"
    );
    assert_eq!(rows.len(), 4);
    for row in &rows[1..] {
        let json = records
            .iter()
            .find(|r| r["case_id"] == row[1].as_str())
            .unwrap();
        for ((name, _), cell) in fields.iter().zip(row) {
            let want = match &json[name] {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) if s.starts_with('=') => format!("'{s}"),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell, &want, "{name}");
        }
    }
}

#[test]
fn since_keeps_later_cases_and_formats_belong_to_their_mode() {
    let d = tempfile::tempdir().unwrap();
    let store = Store::open(d.path()).unwrap();
    let old = chrono::DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let mut a = Case::new("Old Mart", Lang::En, false, old);
    store.save(&mut a, old).unwrap();
    let mut b = Case::new("New Mart", Lang::En, false, Utc::now());
    store.save(&mut b, Utc::now()).unwrap();
    let out = posbind(d.path())
        .args(["cases", "export", "--all", "--since", "2021-06-01"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("New Mart") && !text.contains("Old Mart"),
        "{text}"
    );
    let refused = posbind(d.path())
        .args(["cases", "export", "--all", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let bad = posbind(d.path())
        .args(["cases", "export", "--all", "--since", "yesterday"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn a_damaged_case_is_named_and_the_rest_exported() {
    let d = tempfile::tempdir().unwrap();
    let store = Store::open(d.path()).unwrap();
    let mut a = Case::new("Good Mart", Lang::En, false, Utc::now());
    store.save(&mut a, Utc::now()).unwrap();
    let bad = d.path().join("cases").join("broken");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("case.json"), "{ not json").unwrap();
    let out = posbind(d.path())
        .args(["cases", "export", "--all"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Good Mart"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken"));
}

/// A small RFC 4180 reader for the test (quoted cells, doubled quotes, CRLF).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}
