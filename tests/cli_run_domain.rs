//! `posbind run` with the acquirer-specific settlement rule of issue 18: a 个体工商户 settling
//! to another person's account needs an acquirer whose catalog entry accepts a
//! 非法人结算授权书 (`non_legal_person_settlement`, off by default).

mod common;

use assert_cmd::Command;

const EDITS: [(&str, &str); 5] = [
    ("type = \"company\"", "type = \"sole_proprietor\""),
    // A type both sample-a and sample-b offer: the terminal type rule is not what this tests.
    ("pos_type = \"countertop\"", "pos_type = \"esign\""),
    ("account_type = \"company\"", "account_type = \"personal\""),
    (
        "account_number = \"755912345610001\"",
        "account_number = \"6225881414207430\"",
    ),
    (
        "holder_name = \"好再来超市有限公司\"",
        "holder_name = \"李四\"",
    ),
];

fn run(dir: &std::path::Path, institution: &str) -> (Option<i32>, String) {
    let mut edits = EDITS.to_vec();
    let inst = format!("id = \"{institution}\"");
    edits.push(("id = \"sample-a\"", &inst));
    let file = common::answers_file(dir, &format!("{institution}.toml"), &edits);
    let out = Command::cargo_bin("posbind")
        .unwrap()
        .arg("--data-dir")
        .arg(dir.join("data"))
        .args([
            "--lang",
            "en",
            "run",
            "--port",
            "sim",
            "--dry-run",
            "--answers",
        ])
        .arg(&file)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn another_persons_account_needs_an_acquirer_that_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    // sample-a does not accept a 非法人结算授权书: the run names the institution key.
    let (code, err) = run(dir.path(), "sample-a");
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("institution.id") && err.contains("非法人结算授权书"),
        "{err}"
    );
    // sample-b does: no institution problem (the authorisation is still a missing document).
    let (_, err) = run(dir.path(), "sample-b");
    assert!(!err.contains("institution.id"), "{err}");
}
