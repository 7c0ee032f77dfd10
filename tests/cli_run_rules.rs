//! `posbind run` holds the rules and keeps the record true (issue 13): an institution the
//! licensing or offer rules refuse fails the run naming `institution.id`; the application
//! carries the install address the binding and the report show.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", "en"]);
    c
}

/// Runs `posbind run --port sim` on the template with `edits`; exit code and stderr.
fn run(dir: &Path, name: &str, edits: &[(&str, &str)]) -> (Option<i32>, String) {
    let file = common::answers_file(dir, name, edits);
    let out = posbind(&dir.join("data"))
        .args(["run", "--port", "sim", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn no_case_written(dir: &Path) {
    let cases = dir.join("data").join("cases");
    let n = std::fs::read_dir(&cases).map(|d| d.count()).unwrap_or(0);
    assert_eq!(n, 0, "nothing is written for a refused run");
}

#[test]
fn an_institution_without_a_licence_fails_the_run_naming_institution_id() {
    let dir = tempfile::tempdir().unwrap();
    // The example: sample-c (no licence number) with a countertop terminal, which it
    // does not offer either.
    let (code, err) = run(
        dir.path(),
        "c.toml",
        &[("id = \"sample-a\"", "id = \"sample-c\"")],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("institution.id (line "), "{err}");
    assert!(err.contains("No payment business licence"), "{err}");
    assert!(
        err.contains("does not offer the chosen terminal type"),
        "{err}"
    );
    // Not a warning that --accept-warnings could wave through.
    assert!(!err.contains("needs confirmation"), "{err}");
    no_case_written(dir.path());
}

#[test]
fn a_malformed_licence_number_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = run(
        dir.path(),
        "d.toml",
        &[("id = \"sample-a\"", "id = \"sample-d\"")],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("institution.id (line ") && err.contains("does not have the shape"),
        "{err}"
    );
    no_case_written(dir.path());
}

#[test]
fn a_terminal_type_the_institution_does_not_offer_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    // sample-a is licensed but offers no mPOS.
    let (code, err) = run(
        dir.path(),
        "mpos.toml",
        &[("pos_type = \"countertop\"", "pos_type = \"mpos\"")],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("institution.id (line ")
            && err.contains("does not offer the chosen terminal type"),
        "{err}"
    );
    no_case_written(dir.path());
}

#[test]
fn a_bank_needs_no_payment_licence() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = run(
        dir.path(),
        "e.toml",
        &[("id = \"sample-a\"", "id = \"sample-e\"")],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("institution.id"), "{err}");
}

#[test]
fn without_an_install_address_the_application_carries_the_business_address_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = run(
        dir.path(),
        "no-install-address.toml",
        &[(
            "install_address = \"\"               # empty: the business address\n",
            "",
        )],
    );
    assert_eq!(code, Some(0), "{err}");
    let cases = dir.path().join("data").join("cases");
    let case = std::fs::read_dir(&cases)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let business = "深圳市南山区科技园 1 号";
    // The submitted application (zh-CN, the answers file's language) says where the terminal
    // goes, and that it is the business address.
    let html = std::fs::read_to_string(case.join("outbox/rev-1/application.html")).unwrap();
    assert!(
        html.contains(&format!(
            "<tr><th>布放地址</th><td>{business}（同经营地址）</td></tr>"
        )),
        "{html}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case.join("outbox/rev-1/application.json")).unwrap())
            .unwrap();
    assert_eq!(json["devices"]["install_address"], business);
    assert_eq!(json["devices"]["install_address_same_as_business"], true);
    // The binding and the report say the same address.
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case.join("report/activation-report.json")).unwrap())
            .unwrap();
    assert_eq!(report["binding"]["install_address"], business);
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case.join("case.json")).unwrap()).unwrap();
    assert_eq!(saved["application"]["install_address"], business);
}

/// The 1-based line of the first line of `file` that starts with `prefix`.
fn line_of(file: &Path, prefix: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().position(|l| l.starts_with(prefix)).unwrap() + 1
}

#[test]
fn an_unknown_document_id_is_an_error_with_its_key_and_line_in_the_files_language() {
    let dir = tempfile::tempdir().unwrap();
    let scan = dir.path().join("shop.png");
    std::fs::write(&scan, [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 7]).unwrap();
    let entry = format!("shop-frnt = \"{}\"\n", scan.display());
    let file = common::answers_file(
        dir.path(),
        "typo.toml",
        &[("[documents]", &format!("[documents]\n{entry}"))],
    );
    let line = line_of(&file, "shop-frnt");
    // The file says lang = "zh-CN" and no --lang is given: Chinese, whatever the environment.
    let out = Command::cargo_bin("posbind")
        .unwrap()
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(["run", "--dry-run", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "documents.shop-frnt（第 {line} 行）：不是任何材料清单中的项目"
        )),
        "{err}"
    );
    // --lang beats the file's language.
    let out = posbind(&dir.path().join("data"))
        .args(["run", "--dry-run", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "documents.shop-frnt (line {line}): not an item of any material checklist"
        )),
        "{err}"
    );
}

#[test]
fn one_file_listed_for_two_documents_is_a_warning_to_confirm() {
    let dir = tempfile::tempdir().unwrap();
    let id_front = dir.path().join("id-front.png");
    let file = common::answers_file(dir.path(), "twice.toml", &[]);
    // The ID's back is given the front's scan.
    let text = std::fs::read_to_string(&file).unwrap();
    let back = format!("id-back = \"{}\"", dir.path().join("id-back.png").display());
    assert!(text.contains(&back));
    let twice = text.replace(&back, &format!("id-back = \"{}\"", id_front.display()));
    std::fs::write(&file, twice).unwrap();
    let line = line_of(&file, "id-back");
    let data = dir.path().join("data");
    let out = posbind(&data)
        .args(["run", "--dry-run", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "documents.id-back (line {line}), needs confirmation: the same file as documents.id-front"
        )),
        "{err}"
    );
    assert!(err.contains("--accept-warnings"), "{err}");
    posbind(&data)
        .args(["run", "--dry-run", "--accept-warnings", "--answers"])
        .arg(&file)
        .assert()
        .success();
}

#[test]
fn consented_extra_fees_appear_in_the_report_and_the_replay_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = run(
        dir.path(),
        "extra.toml",
        &[(
            "agree = true ",
            "extra_fees = [{ name = \"保险费\", yuan = 99.0 }]\nagree = true ",
        )],
    );
    assert_eq!(code, Some(0), "{err}");
    let cases = dir.path().join("data").join("cases");
    let case = std::fs::read_dir(&cases)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let html = std::fs::read_to_string(case.join("report/activation-report.html")).unwrap();
    assert!(html.contains("保险费：99.00 元"), "{html}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case.join("report/activation-report.json")).unwrap())
            .unwrap();
    let fees = report["fees_consented"].as_array().unwrap();
    assert!(
        fees.iter()
            .any(|f| f["name_zh"] == "保险费" && f["yuan"] == 99.0 && f["not_in_offer"] == true),
        "{fees:?}"
    );
    let replay = std::fs::read_to_string(case.join("answers.toml")).unwrap();
    let again = posbind::onboarding::answers::parse(&replay).unwrap();
    assert_eq!(again.contract.extra_fees.len(), 1, "{replay}");
    assert_eq!(again.contract.extra_fees[0].name, "保险费");
    assert_eq!(again.contract.extra_fees[0].yuan, 99.0);
}

#[test]
fn each_warning_of_the_offer_is_accepted_by_its_own_key_and_recorded() {
    // Sample B: a deposit, a data fee, a D0 surcharge and a withdrawal fee.
    let b = [
        ("id = \"sample-a\"", "id = \"sample-b\""),
        ("pos_type = \"countertop\"", "pos_type = \"wireless\""),
        // On a cable with a cash-register link: driven through the simulator (issue 24).
        ("outsourcer = ", "cash_register_link = true\noutsourcer = "),
    ];
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = run(dir.path(), "b.toml", &b);
    assert_eq!(code, Some(1), "{err}");
    for key in ["deposit", "data-fee", "settlement-fee", "withdrawal-fee"] {
        assert!(
            err.contains(&format!("contract.accept[\"{key}\"]")),
            "{key}: {err}"
        );
    }
    assert!(err.contains("A deposit of 299 yuan"), "{err}");
    no_case_written(dir.path());
    // Three accepted by their keys, one missing: still refused, naming the one.
    let mut some = b.to_vec();
    some.push((
        "agree = true ",
        "accept = [\"deposit\", \"data-fee\", \"settlement-fee\"]\nagree = true ",
    ));
    let (code, err) = run(dir.path(), "b2.toml", &some);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("contract.accept[\"withdrawal-fee\"]"), "{err}");
    assert!(!err.contains("contract.accept[\"deposit\"]"), "{err}");
    // All four: the run goes on, says each, and the case records how each was accepted.
    let mut all = b.to_vec();
    all.push((
        "agree = true ",
        "accept = [\"deposit\", \"data-fee\", \"settlement-fee\", \"withdrawal-fee\"]\nagree = true ",
    ));
    let (code, err) = run(dir.path(), "b3.toml", &all);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("accepted by contract.accept \"deposit\""),
        "{err}"
    );
    let store = posbind::store::Store::open(&dir.path().join("data")).unwrap();
    let id = &store.list().unwrap().cases[0].id;
    let case = store
        .load(&posbind::onboarding::CaseId::parse(id).unwrap())
        .unwrap();
    let accepted = &case.contract.unwrap().accepted_warnings;
    assert_eq!(accepted.len(), 4);
    assert!(accepted
        .iter()
        .all(|w| w.how == posbind::onboarding::application::Acceptance::AnswersKey));
}

#[test]
fn accept_warnings_lists_each_offer_warning_and_records_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::answers_file(
        dir.path(),
        "b.toml",
        &[
            ("id = \"sample-a\"", "id = \"sample-b\""),
            ("pos_type = \"countertop\"", "pos_type = \"wireless\""),
            // On a cable with a cash-register link: driven through the simulator (issue 24).
            ("outsourcer = ", "cash_register_link = true\noutsourcer = "),
        ],
    );
    let out = posbind(&dir.path().join("data"))
        .args(["run", "--port", "sim", "--accept-warnings", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("accepted by --accept-warnings (\"withdrawal-fee\")"),
        "{err}"
    );
    let store = posbind::store::Store::open(&dir.path().join("data")).unwrap();
    let id = &store.list().unwrap().cases[0].id;
    let case = store
        .load(&posbind::onboarding::CaseId::parse(id).unwrap())
        .unwrap();
    let accepted = &case.contract.unwrap().accepted_warnings;
    assert_eq!(accepted.len(), 4);
    assert!(accepted
        .iter()
        .all(|w| w.how == posbind::onboarding::application::Acceptance::AcceptWarningsFlag));
}

#[test]
fn the_basic_accounts_information_may_also_prove_the_settlement_account() {
    // The settlement account is the basic account: one scan of its 基本存款账户信息 proves both.
    let dir = tempfile::tempdir().unwrap();
    let file = common::answers_file(dir.path(), "same.toml", &[]);
    let text = std::fs::read_to_string(&file).unwrap();
    let info = dir.path().join("account-info.png");
    let proof = format!(
        "settlement-account-proof = \"{}\"",
        dir.path().join("settlement-account-proof.png").display()
    );
    assert!(text.contains(&proof));
    let same = text.replace(
        &proof,
        &format!("settlement-account-proof = \"{}\"", info.display()),
    );
    std::fs::write(&file, same).unwrap();
    let out = posbind(&dir.path().join("data"))
        .args(["run", "--dry-run", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("the same file"), "{err}");
}

/// Issue 25: the merchant number's region is read once the approval is in the case (where the
/// catalog says how the institution numbers its merchants), and said as a question.
#[test]
fn a_merchant_number_from_another_province_is_said_once_the_approval_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.toml");
    let shipped = include_str!("../assets/catalog.toml").replacen(
        "id = \"sample-a\"\n",
        "id = \"sample-a\"\nmid_region = \"gbt2260\"\n",
        1,
    );
    std::fs::write(&catalog, shipped).unwrap();
    let file = common::answers_file(
        dir.path(),
        "mid.toml",
        // 898 · 3101 (Shanghai) · 5411 · 0001 for a shop in Shenzhen.
        &[("mid = \"102584054110001\"", "mid = \"898310154110001\"")],
    );
    let out = posbind(&dir.path().join("data"))
        .arg("--catalog")
        .arg(&catalog)
        .args(["run", "--port", "sim", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.matches("The merchant number names Shanghai").count(),
        1,
        "{err}"
    );
    // A question for the institution, not a refusal: the run goes on.
    assert_eq!(out.status.code(), Some(0), "{err}");
    // A dry run says it too, from the answers' approval, once.
    let out = posbind(&dir.path().join("dry"))
        .arg("--catalog")
        .arg(&catalog)
        .args(["run", "--dry-run", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.matches("The merchant number names Shanghai").count(),
        1,
        "{err}"
    );
    assert_eq!(out.status.code(), Some(0), "{err}");
}

/// Issue 25: an age refusal names the key the age comes from, not the ID's validity.
#[test]
fn an_age_refusal_names_the_id_number() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err) = run(
        dir.path(),
        "young.toml",
        &[(
            "id_number = \"11010519491231002X\"",
            "id_number = \"440305201003150014\"",
        )],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("legal_rep.id_number (line "), "{err}");
    assert!(!err.contains("legal_rep.id_valid_until (line"), "{err}");
}
