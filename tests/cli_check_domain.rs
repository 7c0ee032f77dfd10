//! `posbind check` on the real-world examples of issue 18 (domain truth): exit 0 valid, 1
//! invalid, 3 valid with a warning to confirm.

use assert_cmd::Command;

fn check(kind: &str, value: &str) -> (Option<i32>, String) {
    let out = Command::cargo_bin("posbind")
        .unwrap()
        .args(["--lang", "zh-CN", "check", kind, value])
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_mistyped_modern_fujian_code_is_invalid_and_a_pilot_code_warns() {
    // 2015-standard code of Fujian (…MA…) with its last character mistyped.
    assert_eq!(check("credit-code", "91350100MA2YQ0003H").0, Some(0));
    assert_eq!(check("credit-code", "91350100MA2YQ0003A").0, Some(1));
    // A pilot-era code (…M0001…) still warns.
    assert_eq!(check("credit-code", "91350100M0001TGQXM").0, Some(3));
}

#[test]
fn mobiles_follow_the_shape_not_a_prefix_list() {
    assert_eq!(check("mobile", "14912345678").0, Some(0));
    assert_eq!(check("mobile", "16101234567").0, Some(0));
    assert_eq!(check("mobile", "12012345678").0, Some(1));
}

#[test]
fn a_credit_card_is_no_settlement_card() {
    let (code, out) = check("card", "6225760000000000");
    assert_eq!(code, Some(1));
    assert!(out.contains("信用卡"), "{out}");
    assert_eq!(check("card", "6225881414207430").0, Some(0));
}

#[test]
fn install_coordinates_must_be_in_china() {
    assert_eq!(check("coords", "22.5431, 113.9360").0, Some(0));
    let (code, out) = check("coords", "113.9360, 22.5431");
    assert_eq!(code, Some(1));
    assert!(out.contains("填反"), "{out}");
}
