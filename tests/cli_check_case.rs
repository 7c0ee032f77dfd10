//! `posbind check case ID [--json]`: the rejection rules on a saved case, each finding and each
//! rule with its source.

use assert_cmd::Command;
use chrono::Utc;

use posbind::i18n::Lang;
use posbind::onboarding::catalog::Catalog;
use posbind::onboarding::materials::{AccountType, MerchantType};
use posbind::onboarding::Case;
use posbind::store::Store;

fn posbind(data: &std::path::Path, lang: &str) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", lang]);
    c
}

/// A company (91…) under MCC 8062 (医院（非营利）) in Shenzhen, with sample A.
fn seed(data: &std::path::Path) -> String {
    let store = Store::open(data).unwrap();
    let mut c = Case::new("好再来医院有限公司", Lang::ZhCn, true, Utc::now());
    let m = &mut c.materials;
    m.merchant_type = Some(MerchantType::Company);
    m.credit_code = "91440300708461136T".into();
    m.id_number = "440305198503150016".into();
    m.id_valid_until = "2035-06-30".into();
    m.account_type = Some(AccountType::Company);
    m.address = "深圳市南山区科技园 1 号".into();
    c.application.mcc = Some("8062".into());
    c.institution = Catalog::shipped().get("sample-a").cloned();
    store.save(&mut c, Utc::now()).unwrap();
    c.id.to_string()
}

#[test]
fn a_company_under_a_non_profit_mcc_is_refused_with_the_rules_source() {
    let d = tempfile::tempdir().unwrap();
    let id = seed(d.path());
    let out = posbind(d.path(), "en")
        .args(["check", "case", &id, "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a rule would reject it");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["case"], id.as_str());
    let findings = v["findings"].as_array().unwrap();
    let body = findings
        .iter()
        .find(|f| f["rule"] == "mcc-nonprofit-body")
        .expect("the 公益类 rule");
    assert_eq!(body["severity"], "refuse");
    assert!(body["source"]
        .as_str()
        .unwrap()
        .contains("发改价格〔2016〕557号"));
    assert!(findings.iter().any(|f| f["rule"] == "mcc-industry-licence"));
    // Every rule is listed with its source, whether it failed or not.
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), posbind::onboarding::rejection::RULES.len());
    assert!(rules
        .iter()
        .all(|r| !r["source"].as_str().unwrap().is_empty()));
}

#[test]
fn the_text_form_says_why_in_the_users_language() {
    let d = tempfile::tempdir().unwrap();
    let id = seed(d.path());
    let out = posbind(d.path(), "zh-CN")
        .args(["check", "case", &id])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("可能被驳回，因为") && text.contains("公益类"),
        "{text}"
    );
    let out = posbind(d.path(), "en")
        .args(["check", "case", "no-such-case"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
}

#[test]
fn a_merchant_number_from_another_province_is_flagged_where_the_catalog_says_how_to_read_it() {
    use posbind::onboarding::application::ReviewOutcome;
    use posbind::onboarding::catalog::MidRegion;
    let d = tempfile::tempdir().unwrap();
    let store = Store::open(d.path()).unwrap();
    let mut c = Case::new("好再来餐厅（深圳）有限公司", Lang::ZhCn, true, Utc::now());
    c.materials.address = "深圳市南山区科技园 1 号".into();
    let mut inst = Catalog::shipped().get("sample-a").cloned().unwrap();
    inst.mid_region = Some(MidRegion::Gbt2260);
    c.institution = Some(inst);
    c.review = Some(ReviewOutcome::Approved {
        // 898 · 3101 (Shanghai) · 5812 · 0001.
        mid: "898310158120001".into(),
        tid: "52000001".into(),
        activation_password: String::new(),
        at: Utc::now(),
        simulated: true,
    });
    store.save(&mut c, Utc::now()).unwrap();
    let id = c.id.to_string();
    let out = posbind(d.path(), "zh-CN")
        .args(["check", "case", &id, "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "local-mid-region")
        .expect("the MID's region is read");
    assert_eq!(f["severity"], "warn");
    let text = f["message"].as_str().unwrap_or_default();
    assert!(text.contains("上海") && text.contains("广东"), "{f}");
}
