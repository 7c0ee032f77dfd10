//! `posbind cases …` from a shell.

use assert_cmd::Command;
use chrono::Utc;

use posbind::i18n::Lang;
use posbind::onboarding::Case;
use posbind::store::Store;

fn posbind(data: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir")
        .arg(data)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

fn seed(data: &std::path::Path, name: &str) -> String {
    let store = Store::open(data).unwrap();
    let mut c = Case::new(name, Lang::En, false, Utc::now());
    store.save(&mut c, Utc::now()).unwrap();
    c.id.to_string()
}

#[test]
fn list_json_has_the_documented_fields() {
    let d = tempfile::tempdir().unwrap();
    let id = seed(d.path(), "Mart <One>");
    let out = posbind(d.path())
        .args(["cases", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &v[0];
    assert_eq!(c["id"], id.as_str());
    assert_eq!(c["merchant"], "Mart <One>");
    assert_eq!(c["step"], "case");
    assert!(c["updated"].as_str().unwrap().starts_with("20"));
}

#[test]
fn empty_list_and_language_from_the_environment() {
    let d = tempfile::tempdir().unwrap();
    posbind(d.path())
        .args(["cases", "list"])
        .assert()
        .success()
        .stdout("No cases yet.\n");
    posbind(d.path())
        .env("LANG", "zh_CN.UTF-8")
        .args(["cases", "list"])
        .assert()
        .success()
        .stdout("还没有工单。\n");
    posbind(d.path())
        .args(["--lang", "zh-CN", "cases", "list", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn show_prints_the_case_and_unknown_ids_fail_with_a_message() {
    let d = tempfile::tempdir().unwrap();
    let id = seed(d.path(), "Show Me");
    let out = posbind(d.path())
        .args(["cases", "show", &id])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Merchant: Show Me"));
    let json = posbind(d.path())
        .args(["cases", "show", &id, "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    posbind(d.path())
        .args(["cases", "show", "../../etc"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("There is no case"));
}

#[test]
fn delete_needs_confirmation_when_not_interactive() {
    let d = tempfile::tempdir().unwrap();
    let id = seed(d.path(), "Delete Me");
    posbind(d.path())
        .args(["cases", "delete", &id])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--yes"));
    posbind(d.path())
        .args(["cases", "delete", &id, "--yes"])
        .assert()
        .success();
    posbind(d.path())
        .args(["cases", "show", &id])
        .assert()
        .code(1);
}

#[test]
fn a_damaged_case_file_is_named_on_stderr_and_skipped() {
    let d = tempfile::tempdir().unwrap();
    seed(d.path(), "Fine");
    let bad = d.path().join("cases").join("broken");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("case.json"), "{").unwrap();
    let out = posbind(d.path())
        .args(["cases", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken") && err.contains("damaged"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(std::fs::read_to_string(bad.join("case.json")).unwrap(), "{");
}

#[test]
fn the_wizard_refuses_to_run_without_a_terminal() {
    let d = tempfile::tempdir().unwrap();
    posbind(d.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("interactive terminal"));
}

#[test]
fn a_bad_language_is_a_usage_error() {
    let d = tempfile::tempdir().unwrap();
    posbind(d.path())
        .args(["--lang", "fr", "cases", "list"])
        .assert()
        .code(2);
}

#[test]
fn export_writes_the_application_package() {
    let d = tempfile::tempdir().unwrap();
    let id = seed(d.path(), "Export <Me>");
    let out = d.path().join("out");
    let o = posbind(d.path())
        .args(["cases", "export", &id, "--format", "html", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(out.join("application.html")).unwrap();
    assert!(html.contains("Export &lt;Me&gt;"));
    posbind(d.path())
        .args(["cases", "export", &id, "--format", "json", "--out"])
        .arg(&out)
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("application.json")).unwrap()).unwrap();
    assert_eq!(v["merchant"]["name"], "Export <Me>");
    posbind(d.path())
        .args(["cases", "export", "nope", "--out"])
        .arg(&out)
        .assert()
        .code(1);
}

#[test]
fn a_bad_catalog_file_is_reported_with_its_line() {
    let d = tempfile::tempdir().unwrap();
    let cat = d.path().join("catalog.toml");
    std::fs::write(&cat, "schema = 1\ninstitutions = [\n  { id = 3 },\n]\n").unwrap();
    // The wizard refuses before it touches the terminal.
    let o = posbind(d.path())
        .arg("--catalog")
        .arg(&cat)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("catalog.toml") && err.contains("line 3"),
        "{err}"
    );
}

#[test]
fn list_filters_by_status_step_institution_date_and_text_and_pages() {
    let d = tempfile::tempdir().unwrap();
    let store = Store::open(d.path()).unwrap();
    let old = chrono::DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let mut a = Case::new("Old Noodles", Lang::En, false, old);
    store.save(&mut a, old).unwrap();
    let mut b = Case::new("Tea House", Lang::En, false, Utc::now());
    b.step = posbind::onboarding::Step::Institution;
    b.institution = posbind::onboarding::catalog::Catalog::shipped()
        .get("sample-b")
        .cloned();
    store.save(&mut b, Utc::now()).unwrap();
    let names = |args: &[&str]| -> Vec<String> {
        let out = posbind(d.path())
            .args(["cases", "list", "--json"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["merchant"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&[]), ["Tea House", "Old Noodles"]);
    assert_eq!(names(&["--status", "draft"]).len(), 2);
    assert!(names(&["--status", "live"]).is_empty());
    assert_eq!(names(&["--step", "institution"]), ["Tea House"]);
    assert_eq!(names(&["--institution", "sample-b"]), ["Tea House"]);
    assert!(names(&["--institution", "nobody"]).is_empty());
    assert_eq!(names(&["--since", "2021-01-01"]), ["Tea House"]);
    assert_eq!(names(&["--search", "noodle"]), ["Old Noodles"]);
    // A page at a time: page 2 of one case per page is the older case.
    let out = posbind(d.path())
        .args(["cases", "list", "--page", "2", "--per-page", "1"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Old Noodles") && !text.contains("Tea House"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Page 2 of 2"));
    let bad = posbind(d.path())
        .args(["cases", "list", "--status", "finished"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
