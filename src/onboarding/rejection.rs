//! The rejection predictor: the cross-field rules an acquirer's reviewer applies, each with its
//! source (a regulation, a network rule or the catalog's data) and its severity. Each field's
//! own check lives with the field (`validate`, `materials`); these rules look at *combinations*
//! — merchant category against merchant type, credit code and documents; install province
//! against the institution's coverage; the licence number against the institution's name; the
//! legal representative's age against the document and the acquirer's limits; the offer's
//! rates against the cost floor. The wizard's Application step, `posbind run` and
//! `posbind check case` all call [`predict`].

use chrono::NaiveDate;
use serde::Serialize;

use super::case::Case;
use super::catalog::{self, Institution, InstitutionKind, Mcc, MccCategory};
use super::materials::MerchantType;
use super::region;
use super::validate::{self, IdKind, IdValidity};

/// How sure the reviewer's answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The reviewer will reject the application: fix it before submission.
    Refuse,
    /// The reviewer may question it: check it, or be ready to explain.
    Warn,
}

impl Severity {
    /// Message id of the name.
    pub fn label_id(self) -> &'static str {
        match self {
            Severity::Refuse => "rule-severity-refuse",
            Severity::Warn => "rule-severity-warn",
        }
    }
}

/// One rule: its id, its severity, and the message ids of what it says when it fails
/// (`reject-ID`), of its name (`rule-title-ID`) and of its source (`rule-source-ID`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable id.
    pub id: &'static str,
    /// How sure the rejection is.
    pub severity: Severity,
    message: &'static str,
    title: &'static str,
    source: &'static str,
}

impl Rule {
    /// Message id of what the rule says when it fails.
    pub fn message_id(&self) -> &'static str {
        self.message
    }

    /// Message id of the rule's name.
    pub fn title_id(&self) -> &'static str {
        self.title
    }

    /// Message id of the rule's source.
    pub fn source_id(&self) -> &'static str {
        self.source
    }
}

macro_rules! rule {
    ($severity:ident, $id:literal) => {
        Rule {
            id: $id,
            severity: Severity::$severity,
            message: concat!("reject-", $id),
            title: concat!("rule-title-", $id),
            source: concat!("rule-source-", $id),
        }
    };
}

/// Every rule, in the order findings are listed.
pub const RULES: [Rule; 19] = [
    rule!(Refuse, "mcc-nonprofit-body"),
    rule!(Refuse, "mcc-nonprofit-proof"),
    rule!(Refuse, "mcc-micro-licensed-trade"),
    rule!(Refuse, "mcc-industry-licence"),
    rule!(Warn, "mcc-discount-proof"),
    rule!(Refuse, "local-coverage"),
    rule!(Warn, "local-coverage-unknown"),
    rule!(Warn, "local-province-unknown"),
    rule!(Warn, "local-credit-code-region"),
    rule!(Warn, "local-mid-region"),
    rule!(Warn, "local-coordinates"),
    rule!(Refuse, "licence-business-type"),
    rule!(Refuse, "licence-holder-name"),
    rule!(Warn, "licence-holder-unknown"),
    rule!(Warn, "licence-sample-number"),
    rule!(Refuse, "rep-age"),
    rule!(Warn, "id-validity-age"),
    rule!(Warn, "owner-details"),
    rule!(Warn, "offer-below-cost"),
];

impl Rule {
    /// The wizard step where what this rule checks is entered: its findings are told there.
    pub fn step(&self) -> super::Step {
        use super::Step;
        match self.id {
            "local-coverage" | "local-coverage-unknown" | "offer-below-cost" => Step::Institution,
            id if id.starts_with("licence-") => Step::Institution,
            // The proofs and licences an MCC needs are documents of the materials.
            "local-credit-code-region"
            | "rep-age"
            | "id-validity-age"
            | "owner-details"
            | "mcc-nonprofit-proof"
            | "mcc-industry-licence"
            | "mcc-discount-proof" => Step::Materials,
            "local-mid-region" => Step::Review,
            "local-coordinates" => Step::Binding,
            // The MCC and the install address are chosen with the application.
            _ => Step::Application,
        }
    }
}

/// The rule with `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// A rule that fails for this case, with what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule.
    pub rule: &'static Rule,
    /// Message id of the text (the rule's own, or an offer warning's).
    pub message: &'static str,
    /// Its arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    fn new(id: &str, args: Vec<(&'static str, String)>) -> Finding {
        let rule = rule(id).unwrap_or(&RULES[0]);
        Finding {
            rule,
            message: rule.message_id(),
            args,
        }
    }

    /// The text in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr_owned(lang, self.message, &self.args)
    }

    /// The rule's source in `lang`.
    pub fn source(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::tr(lang, self.rule.source_id())
    }

    /// Refused (not just questioned).
    pub fn refuses(&self) -> bool {
        self.rule.severity == Severity::Refuse
    }
}

/// Every rule that fails for `case` as of `today`, refusals first.
pub fn predict(case: &Case, today: NaiveDate) -> Vec<Finding> {
    let mcc = case.application.mcc.as_deref().and_then(catalog::mcc);
    let mut out = vec![];
    if let Some(mcc) = mcc {
        mcc_rules(case, mcc, &mut out);
    }
    let install = region::province_of_address(case.install_address());
    if let Some(inst) = &case.institution {
        coverage_rules(inst, install, case, &mut out);
        mid_region_rule(inst, install, case, &mut out);
        licence_rules(inst, case, &mut out);
        age_rules(inst, case, today, &mut out);
        out.extend(
            inst.warnings(mcc)
                .into_iter()
                .filter(|w| w.id.starts_with("offer-warn-below-cost"))
                .map(|w| Finding {
                    rule: rule("offer-below-cost").unwrap_or(&RULES[0]),
                    message: w.id,
                    args: w.args,
                }),
        );
    }
    place_rules(install, case, &mut out);
    id_validity_rule(case, today, &mut out);
    owner_rule(case, today, &mut out);
    out.sort_by_key(|f| {
        (
            f.rule.severity,
            RULES.iter().position(|r| r.id == f.rule.id),
        )
    });
    out
}

/// Non-profit bodies by the first two characters of their credit code: 事业单位 (12), 社会团体
/// (51), 民办非企业单位 (52), 基金会 (53).
const NON_PROFIT_PREFIXES: [&str; 4] = ["12", "51", "52", "53"];

fn mcc_rules(case: &Case, mcc: &Mcc, out: &mut Vec<Finding>) {
    let m = &case.materials;
    let code = || vec![("mcc", mcc.code.clone())];
    let has = |id: &str| m.documents.contains_key(id);
    let micro = m.merchant_type == Some(MerchantType::Micro);
    if micro && (mcc.licence.is_some() || mcc.category != MccCategory::Standard) {
        out.push(Finding::new("mcc-micro-licensed-trade", code()));
    }
    if mcc.category == MccCategory::Charity {
        let prefix = m.credit_code.get(..2).unwrap_or("");
        if micro || !NON_PROFIT_PREFIXES.contains(&prefix) {
            let mut args = code();
            args.push((
                "prefix",
                if micro {
                    "-".into()
                } else {
                    prefix.to_string()
                },
            ));
            out.push(Finding::new("mcc-nonprofit-body", args));
        }
        if !has("non-profit-proof") {
            out.push(Finding::new("mcc-nonprofit-proof", code()));
        }
    }
    if let Some(licence) = &mcc.licence {
        if !has(licence) {
            let item = super::materials::all_items()
                .iter()
                .find(|i| &i.id == licence);
            let mut args = code();
            args.push(("zh", item.map(|i| i.name.zh.clone()).unwrap_or_default()));
            args.push(("en", item.map(|i| i.name.en.clone()).unwrap_or_default()));
            out.push(Finding::new("mcc-industry-licence", args));
        }
    }
    if mcc.category == MccCategory::Discount && !micro && !has("trade-proof") {
        out.push(Finding::new("mcc-discount-proof", code()));
    }
}

fn province_args(p: &region::Province) -> Vec<(&'static str, String)> {
    vec![("zh", p.zh.clone()), ("en", p.en.clone())]
}

fn coverage_rules(
    inst: &Institution,
    install: Option<&region::Province>,
    case: &Case,
    out: &mut Vec<Finding>,
) {
    let Some(p) = install else { return };
    if case.install_address().trim().is_empty() {
        return;
    }
    if inst.provinces.is_empty() {
        out.push(Finding::new("local-coverage-unknown", province_args(p)));
    } else if !inst.provinces.iter().any(|c| c.trim() == p.code) {
        let mut args = province_args(p);
        // Both languages' names: the message picks its own.
        let covered: Vec<&region::Province> = inst
            .provinces
            .iter()
            .filter_map(|c| region::province(c))
            .collect();
        let names = |name: fn(&region::Province) -> &str, sep| {
            covered
                .iter()
                .map(|q| name(q))
                .collect::<Vec<_>>()
                .join(sep)
        };
        args.push(("covered", names(|q| &q.zh, "、")));
        args.push(("covered_en", names(|q| &q.en, ", ")));
        out.push(Finding::new("local-coverage", args));
    }
}

/// The merchant number the institution gave names another province than the install address:
/// the institution set the merchant up for a place it is not (异地收单). Read only where the
/// catalog says how its MIDs carry the region.
fn mid_region_rule(
    inst: &Institution,
    install: Option<&region::Province>,
    case: &Case,
    out: &mut Vec<Finding>,
) {
    let (Some(scheme), Some(p), Some((mid, _))) = (inst.mid_region, install, case.approval())
    else {
        return;
    };
    let Some(named) = scheme.province_of(mid).and_then(region::province) else {
        return;
    };
    if named.code != p.code {
        let mut args = province_args(p);
        args.push(("mid_zh", named.zh.clone()));
        args.push(("mid_en", named.en.clone()));
        out.push(Finding::new("local-mid-region", args));
    }
}

fn place_rules(install: Option<&region::Province>, case: &Case, out: &mut Vec<Finding>) {
    let address = case.install_address();
    let Some(p) = install else {
        if !address.trim().is_empty() {
            out.push(Finding::new("local-province-unknown", vec![]));
        }
        return;
    };
    let m = &case.materials;
    if m.merchant_type != Some(MerchantType::Micro) {
        if let Some(reg) = region::province_of_credit_code(&m.credit_code) {
            if reg.code != p.code {
                let mut args = province_args(p);
                args.push(("reg_zh", reg.zh.clone()));
                args.push(("reg_en", reg.en.clone()));
                out.push(Finding::new("local-credit-code-region", args));
            }
        }
    }
    if let Some(at) = case.binding.location {
        if !p.may_contain(at) {
            let mut args = province_args(p);
            args.push(("coords", format!("{:.4}, {:.4}", at.lat, at.lon)));
            out.push(Finding::new("local-coordinates", args));
        }
    }
}

fn licence_rules(inst: &Institution, case: &Case, out: &mut Vec<Finding>) {
    if inst.kind != InstitutionKind::NonBank || inst.licence.trim().is_empty() {
        // No licence is the Institution step's refusal; a bank needs none.
        return;
    }
    if !inst.business_types.is_empty()
        && !inst
            .business_types
            .iter()
            .any(|t| catalog::ACQUIRING_BUSINESS_TYPES.contains(&t.trim()))
    {
        out.push(Finding::new(
            "licence-business-type",
            vec![("types", inst.business_types.join(", "))],
        ));
    }
    let number = ("licence", inst.licence.trim().to_string());
    let name = ("name", inst.registered_name().to_string());
    if inst.licence_holder.trim().is_empty() {
        out.push(Finding::new("licence-holder-unknown", vec![number.clone()]));
    } else if !super::text::same_name(&inst.licence_holder, inst.registered_name()) {
        out.push(Finding::new(
            "licence-holder-name",
            vec![
                number.clone(),
                name,
                ("holder", inst.licence_holder.clone()),
            ],
        ));
    }
    if !case.demo && catalog::is_sample_licence(&inst.licence) {
        out.push(Finding::new("licence-sample-number", vec![number]));
    }
}

fn age_rules(inst: &Institution, case: &Case, today: NaiveDate, out: &mut Vec<Finding>) {
    let Some(birth) = case.materials.rep_birth() else {
        return;
    };
    let age = validate::age_on(birth, today);
    let [youngest, oldest] = inst.rep_age_limits();
    if age < youngest || (oldest > 0 && age > oldest) {
        let oldest = if oldest == 0 {
            "-".to_string()
        } else {
            oldest.to_string()
        };
        out.push(Finding::new(
            "rep-age",
            vec![
                ("age", age.to_string()),
                ("youngest", youngest.to_string()),
                ("oldest", oldest),
            ],
        ));
    }
}

/// A 居民身份证's validity follows from the age at issue (居民身份证法 art. 5): under 16 five
/// years, 16–25 ten, 26–45 twenty, from 46 长期. A fixed end date fits if, counting back 5, 10
/// or 20 years, the holder had the matching age on that day.
pub fn validity_fits_age(birth: NaiveDate, validity: IdValidity, today: NaiveDate) -> bool {
    match validity {
        IdValidity::LongTerm => validate::age_on(birth, today) >= 46,
        IdValidity::Until(end) => [5u32, 10, 20].into_iter().any(|years| {
            end.checked_sub_months(chrono::Months::new(years * 12))
                .is_some_and(|issued| {
                    issued <= today
                        && issued >= birth
                        && validate::id_validity_years(validate::age_on(birth, issued))
                            == Some(years)
                })
        }),
    }
}

fn id_validity_rule(case: &Case, today: NaiveDate, out: &mut Vec<Finding>) {
    let m = &case.materials;
    if m.id_kind != IdKind::ResidentId {
        return;
    }
    let (Some(birth), Some(validity)) = (
        m.rep_birth(),
        validate::id_valid_until(&m.id_valid_until, today).value,
    ) else {
        return;
    };
    if !validity_fits_age(birth, validity, today) {
        let until = match validity {
            IdValidity::LongTerm => "长期".to_string(),
            IdValidity::Until(d) => d.format("%Y-%m-%d").to_string(),
        };
        out.push(Finding::new(
            "id-validity-age",
            vec![("born", birth.format("%Y").to_string()), ("until", until)],
        ));
    }
}

fn owner_rule(case: &Case, today: NaiveDate, out: &mut Vec<Finding>) {
    let m = &case.materials;
    if !m.applies(
        super::materials::Field::BeneficialOwners,
        &case.merchant.name,
    ) {
        return;
    }
    let Ok(owners) = super::materials::parse_beneficial_owners(&m.beneficial_owners, today) else {
        return;
    };
    let lacking: Vec<String> = owners
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            o.nationality.is_empty() || o.valid_until.is_empty() || o.address.is_empty()
        })
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !lacking.is_empty() {
        out.push(Finding::new(
            "owner-details",
            vec![("entries", lacking.join(", "))],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::onboarding::catalog::Catalog;
    use crate::onboarding::materials::{AccountType, DocumentRecord};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    /// A company in Shenzhen, a restaurant (一般类), with sample A's licence and an offer above
    /// the cost floor: no rule fails.
    fn base() -> Case {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mut c = Case::new("好再来餐厅（深圳）有限公司", Lang::ZhCn, true, at);
        let m = &mut c.materials;
        m.merchant_type = Some(MerchantType::Company);
        m.credit_code = "91440300708461136T".into();
        m.legal_rep_name = "王五".into();
        m.id_number = "440305198503150016".into();
        m.id_valid_until = "2035-06-30".into();
        m.account_type = Some(AccountType::Company);
        m.beneficial_owners =
            "王五 440305198503150016 100% | 中国 | 2035-06-30 | 深圳市南山区".into();
        m.address = "深圳市南山区科技园 1 号".into();
        c.application.mcc = Some("5812".into());
        let mut inst = Catalog::shipped().get("sample-a").unwrap().clone();
        inst.debit_rate = 0.50;
        c.institution = Some(inst);
        c.binding.location = validate::coordinates("22.5431, 113.9360").value;
        c
    }

    fn doc(c: &mut Case, id: &str) {
        let rec = DocumentRecord {
            path: format!("/tmp/{id}.pdf"),
            size: 1,
            sha256: "0".repeat(64),
            kind: "pdf".into(),
            added: c.created,
        };
        c.materials.documents.insert(id.into(), rec);
    }

    fn inst(c: &mut Case) -> &mut Institution {
        c.institution.as_mut().unwrap()
    }

    fn ids(c: &Case) -> Vec<&'static str> {
        predict(c, today()).iter().map(|f| f.rule.id).collect()
    }

    /// Each rule with a change of the base case that breaks it; the base case passes them all.
    fn failing_cases() -> Vec<(&'static str, Case)> {
        let mut t: Vec<(&'static str, Case)> = vec![];
        let mut add = |id, f: &dyn Fn(&mut Case)| {
            let mut c = base();
            f(&mut c);
            t.push((id, c));
        };
        add("mcc-nonprofit-body", &|c| {
            c.application.mcc = Some("8398".into())
        });
        add("mcc-nonprofit-proof", &|c| {
            c.materials.credit_code = "52440300MJL1234565".into();
            c.application.mcc = Some("8398".into());
        });
        add("mcc-micro-licensed-trade", &|c| {
            c.materials.merchant_type = Some(MerchantType::Micro);
            c.application.mcc = Some("5541".into());
        });
        add("mcc-industry-licence", &|c| {
            c.application.mcc = Some("5912".into())
        });
        add("mcc-discount-proof", &|c| {
            c.application.mcc = Some("5411".into())
        });
        add("local-coverage", &|c| {
            c.materials.address = "上海市浦东新区世纪大道 1 号".into();
        });
        add("local-coverage-unknown", &|c| inst(c).provinces.clear());
        add("local-province-unknown", &|c| {
            c.materials.address = "科技园 1 号".into()
        });
        add("local-credit-code-region", &|c| {
            c.materials.credit_code = "91350100M000100Y43".into();
        });
        add("local-mid-region", &|c| {
            inst(c).mid_region = Some(catalog::MidRegion::Gbt2260);
            c.review = Some(crate::onboarding::application::ReviewOutcome::Approved {
                // 898 · 3101 (Shanghai) · 5812 · 0001, for a shop in Shenzhen.
                mid: "898310158120001".into(),
                tid: "52000001".into(),
                activation_password: String::new(),
                at: c.created,
                simulated: true,
            });
        });
        add("local-coordinates", &|c| {
            c.binding.location = validate::coordinates("31.2304, 121.4737").value;
        });
        add("licence-business-type", &|c| {
            inst(c).business_types = vec!["prepaid_card".into()];
        });
        add("licence-holder-name", &|c| {
            inst(c).licence_holder = "另一家支付有限公司".into();
        });
        add("licence-holder-unknown", &|c| {
            inst(c).licence_holder.clear()
        });
        add("licence-sample-number", &|c| c.demo = false);
        add("rep-age", &|c| {
            c.materials.id_number = "440305201003150014".into()
        });
        add("id-validity-age", &|c| {
            c.materials.id_number = "11010519491231002X".into();
            c.materials.id_valid_until = "2035-06-30".into();
        });
        add("owner-details", &|c| {
            c.materials.beneficial_owners = "王五 440305198503150016 100%".into();
        });
        add("offer-below-cost", &|c| inst(c).debit_rate = 0.30);
        t
    }

    #[test]
    fn every_rule_passes_the_base_case_and_fails_its_own_case() {
        assert_eq!(
            ids(&base()),
            Vec::<&str>::new(),
            "{:?}",
            predict(&base(), today())
        );
        let table = failing_cases();
        for r in RULES {
            let (_, c) = table
                .iter()
                .find(|(id, _)| *id == r.id)
                .unwrap_or_else(|| panic!("no failing case for rule {}", r.id));
            assert!(ids(c).contains(&r.id), "{}: {:?}", r.id, ids(c));
        }
    }

    #[test]
    fn every_rule_has_its_text_and_source_in_both_languages() {
        for r in RULES {
            for lang in [Lang::ZhCn, Lang::En] {
                for id in [r.source_id(), r.message_id(), r.title_id()] {
                    assert_ne!(crate::i18n::tr(lang, id), id, "{lang:?}");
                }
            }
        }
    }

    #[test]
    fn a_company_under_a_hospital_mcc_is_refused_without_non_profit_proof() {
        // The reviewer's case: 91… with 8062 (医院（非营利）).
        let mut c = base();
        c.application.mcc = Some("8062".into());
        doc(&mut c, "medical-licence");
        let f = predict(&c, today());
        assert!(f
            .iter()
            .any(|f| f.rule.id == "mcc-nonprofit-body" && f.refuses()));
        assert!(f.iter().any(|f| f.rule.id == "mcc-nonprofit-proof"));
        // A 事业单位 (12…) hospital with its proof and licence passes.
        c.materials.credit_code = "12440300455864245B".into();
        doc(&mut c, "non-profit-proof");
        let ids = ids(&c);
        assert!(
            !ids.contains(&"mcc-nonprofit-body") && !ids.contains(&"mcc-nonprofit-proof"),
            "{ids:?}"
        );
    }

    #[test]
    fn a_micro_stall_as_a_fuel_station_is_refused() {
        let mut c = base();
        c.materials.merchant_type = Some(MerchantType::Micro);
        c.application.mcc = Some("5541".into());
        let f = predict(&c, today());
        assert!(f[0].refuses());
        assert!(ids(&c).contains(&"mcc-micro-licensed-trade"));
    }

    #[test]
    fn a_pharmacy_without_its_licence_is_refused() {
        let mut c = base();
        c.application.mcc = Some("5912".into());
        let f = predict(&c, today());
        let licence = f
            .iter()
            .find(|f| f.rule.id == "mcc-industry-licence")
            .unwrap();
        assert!(licence.refuses());
        assert!(licence.text(Lang::ZhCn).contains("药品经营许可证"));
        doc(&mut c, "drug-licence");
        assert!(!ids(&c).contains(&"mcc-industry-licence"));
        // The Materials step asks for it once the category is chosen.
        let need = c.material_needs(today());
        assert!(!need
            .iter()
            .any(|n| format!("{n:?}").contains("药品经营许可证")));
        c.materials.documents.remove("drug-licence");
        let need = c.material_needs(today());
        assert!(need
            .iter()
            .any(|n| format!("{n:?}").contains("药品经营许可证")));
    }

    #[test]
    fn an_install_province_outside_the_coverage_is_refused() {
        let mut c = base();
        c.materials.address = "上海市浦东新区世纪大道 1 号".into();
        c.binding.location = validate::coordinates("31.2304, 121.4737").value;
        let f = predict(&c, today());
        let cov = f.iter().find(|f| f.rule.id == "local-coverage").unwrap();
        assert!(cov.refuses());
        assert!(cov.text(Lang::En).contains("Shanghai"));
        assert!(cov.source(Lang::ZhCn).contains("银行卡收单业务管理办法"));
    }

    #[test]
    fn a_sixteen_year_old_legal_representative_is_flagged_and_a_passport_is_accepted() {
        let mut c = base();
        // Born 2010-03-15: 16 on the day.
        c.materials.id_number = "440305201003150014".into();
        c.materials.id_valid_until = "2030-03-15".into();
        let f = predict(&c, today());
        let age = f.iter().find(|f| f.rule.id == "rep-age").unwrap();
        assert!(age.refuses());
        assert!(age.args.contains(&("age", "16".to_string())));
        // A foreign legal representative with a passport: no ID-card rule applies, the
        // materials are complete with nationality and date of birth.
        let mut c = base();
        let m = &mut c.materials;
        m.id_kind = IdKind::Passport;
        m.set_text(super::super::materials::Field::IdNumber, "e 1234 5678");
        m.id_valid_until = "2031-05-01".into();
        m.nationality = "GBR".into();
        m.birth_date = "1980-02-29".into();
        assert_eq!(m.id_number, "E12345678");
        use super::super::materials::Field;
        for f in [Field::IdNumber, Field::Nationality, Field::BirthDate] {
            let s = m.check(f, &c.merchant.name, today());
            assert!(s.applies && s.ok(), "{f:?}: {s:?}");
        }
        assert_eq!(ids(&c), Vec::<&str>::new());
        // A 96-year-old is beyond sample A's limit (80).
        c.materials.birth_date = "1930-01-01".into();
        assert!(ids(&c).contains(&"rep-age"));
    }

    #[test]
    fn a_fixed_id_expiry_for_someone_born_in_1949_is_flagged() {
        let born = NaiveDate::from_ymd_opt(1949, 12, 31).unwrap();
        let until = |y, m, d| IdValidity::Until(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert!(!validity_fits_age(born, until(2035, 6, 30), today()));
        assert!(validity_fits_age(born, IdValidity::LongTerm, today()));
        let young = NaiveDate::from_ymd_opt(1985, 3, 15).unwrap();
        assert!(
            validity_fits_age(young, until(2035, 6, 30), today()),
            "issued at 30: 20 years"
        );
        assert!(!validity_fits_age(young, IdValidity::LongTerm, today()));
    }

    #[test]
    fn a_mid_is_read_for_its_region_only_where_the_catalog_says_how() {
        let approve = |c: &mut Case, mid: &str| {
            c.review = Some(crate::onboarding::application::ReviewOutcome::Approved {
                mid: mid.into(),
                tid: "52000001".into(),
                activation_password: String::new(),
                at: c.created,
                simulated: true,
            });
        };
        let mut c = base();
        // Shenzhen's city code in a MID of a shop in Shenzhen.
        approve(&mut c, "898440358120001");
        inst(&mut c).mid_region = Some(catalog::MidRegion::Gbt2260);
        assert!(!ids(&c).contains(&"local-mid-region"));
        // Shanghai's: 异地收单.
        approve(&mut c, "898310158120001");
        let f = predict(&c, today());
        let found = f.iter().find(|f| f.rule.id == "local-mid-region").unwrap();
        assert!(
            found.text(Lang::ZhCn).contains("上海"),
            "{}",
            found.text(Lang::ZhCn)
        );
        assert!(!found.refuses());
        // The same MID from an institution whose numbering the catalog does not give.
        inst(&mut c).mid_region = None;
        assert!(!ids(&c).contains(&"local-mid-region"));
        // Digits that name no province are not read as one.
        inst(&mut c).mid_region = Some(catalog::MidRegion::Gbt2260);
        approve(&mut c, "102290058120001");
        assert!(!ids(&c).contains(&"local-mid-region"));
    }

    #[test]
    fn a_licence_number_paired_with_another_name_is_refused() {
        let mut c = base();
        inst(&mut c).licence_holder = "示例支付乙（样例数据）".into();
        assert!(predict(&c, today())
            .iter()
            .any(|f| f.rule.id == "licence-holder-name" && f.refuses()));
        // The same name in half-width brackets is the same name.
        inst(&mut c).licence_holder = "示例支付甲(样例数据)".into();
        assert!(!ids(&c).contains(&"licence-holder-name"));
    }
}
