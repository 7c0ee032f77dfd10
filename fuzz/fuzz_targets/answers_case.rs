//! Loading user files: an answers file (parse, then apply to a case) and a case file (JSON) from
//! arbitrary bytes: errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posbind::i18n::Lang;
use posbind::onboarding::{answers, Case};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(a) = answers::parse(text) {
        let mut case = Case::new(&a.merchant.name, Lang::En, false, chrono::Utc::now());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let _ = answers::apply(&a, text, &mut case, true, today);
        let _ = case.first_incomplete();
        let _ = answers::from_case(&case);
    }
    let _ = answers::parse_secrets(text);
    if let Ok(case) = serde_json::from_str::<Case>(text) {
        let _ = case.first_incomplete();
        let _ = posbind::report::activation::report_json(&case);
    }
    let _ = posbind::onboarding::catalog::Catalog::parse(text);
    let _ = posbind::onboarding::calendar::Calendar::parse(text);
});
