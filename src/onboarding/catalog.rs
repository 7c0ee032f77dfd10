//! The payment institution catalog and the MCC table (data in `assets/`, replaceable by the
//! user), with the rules that refuse an offer and the warnings the Institution step shows.

use serde::{Deserialize, Serialize};

use super::text::Text;
use super::validate::{self, Verdict};
use crate::i18n::Lang;

/// The shipped (sample) catalog.
pub const CATALOG_TOML: &str = include_str!("../../assets/catalog.toml");
/// The shipped MCC table.
pub const MCC_TOML: &str = include_str!("../../assets/mcc.toml");
/// The regulated issuer and network fee caps.
pub const FEES_TOML: &str = include_str!("../../assets/fees.toml");

/// The caps on the issuer and network parts of the rate (发改价格〔2016〕557号) and what they
/// leave as the acquirer's own cost floor, which a merchant's rate must at least cover.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassThrough {
    schema: u32,
    /// Issuer fee on debit cards, percent.
    pub debit_issuer_pct: f64,
    /// Its cap per transaction, yuan.
    pub debit_issuer_cap_yuan: f64,
    /// Issuer fee on credit cards, percent.
    pub credit_issuer_pct: f64,
    /// Network fee, percent.
    pub network_pct: f64,
    /// Its cap per transaction, yuan.
    pub network_cap_yuan: f64,
    /// The acquirer's part of the network fee (0.5: split with the issuer).
    pub network_acquirer_share: f64,
    /// What a 优惠类 merchant pays of the standard issuer and network fees (0.78).
    pub discount_factor: f64,
}

/// The acquirer's cost floor for one MCC category: debit rate and cap, credit rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Floor {
    /// Debit, percent.
    pub debit_pct: f64,
    /// Debit cap, yuan.
    pub debit_cap_yuan: f64,
    /// Credit, percent.
    pub credit_pct: f64,
}

impl PassThrough {
    /// The shipped figures (`assets/fees.toml`).
    pub fn shipped() -> PassThrough {
        toml::from_str(FEES_TOML).unwrap_or(PassThrough {
            schema: 1,
            debit_issuer_pct: 0.35,
            debit_issuer_cap_yuan: 13.0,
            credit_issuer_pct: 0.45,
            network_pct: 0.065,
            network_cap_yuan: 6.5,
            network_acquirer_share: 0.5,
            discount_factor: 0.78,
        })
    }

    /// The acquirer's floor for a 一般类 MCC: the issuer fee plus the acquirer's part of the
    /// network fee (the network fee is split between issuer and acquirer, not paid twice).
    pub fn standard_floor(&self) -> Floor {
        let share = self.network_acquirer_share;
        Floor {
            debit_pct: self.debit_issuer_pct + self.network_pct * share,
            debit_cap_yuan: self.debit_issuer_cap_yuan + self.network_cap_yuan * share,
            credit_pct: self.credit_issuer_pct + self.network_pct * share,
        }
    }

    /// The floor for `category`: 优惠类 pays the discount factor of it, 公益类 nothing (`None`).
    pub fn floor(&self, category: MccCategory) -> Option<Floor> {
        let s = self.standard_floor();
        match category {
            MccCategory::Standard => Some(s),
            MccCategory::Discount => Some(Floor {
                debit_pct: s.debit_pct * self.discount_factor,
                debit_cap_yuan: s.debit_cap_yuan * self.discount_factor,
                credit_pct: s.credit_pct * self.discount_factor,
            }),
            MccCategory::Charity => None,
        }
    }
}

/// A fee of an offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fee {
    /// What it is.
    pub name: Text,
    /// How much, in yuan.
    pub yuan: f64,
}

/// What kind of 收单机构 an institution is: it decides which licence it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    /// 银行业金融机构: acquires under its banking licence, holds no 支付业务许可证.
    Bank,
    /// 非银行支付机构: needs a 支付业务许可证 (the default, so that a catalog entry that does not
    /// say gets the licence checks).
    #[default]
    NonBank,
}

/// How a merchant number carries the merchant's region (see [`Institution::mid_region`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MidRegion {
    /// Characters 4–7 are the GB/T 2260 code of the city (`4403` Shenzhen): the first two are
    /// the province.
    Gbt2260,
}

impl MidRegion {
    /// The GB/T 2260 province code the MID `mid` (15 digits) names, if it names one.
    pub fn province_of(self, mid: &str) -> Option<&'static str> {
        let digits = mid
            .get(3..7)
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
        match self {
            MidRegion::Gbt2260 => super::region::province(&digits[..2]).map(|p| p.code.as_str()),
        }
    }
}

impl InstitutionKind {
    /// Message id of the name.
    pub fn label_id(self) -> &'static str {
        match self {
            InstitutionKind::Bank => "institution-kind-bank",
            InstitutionKind::NonBank => "institution-kind-non-bank",
        }
    }
}

/// One institution's offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Bank or non-bank payment institution.
    #[serde(default)]
    pub kind: InstitutionKind,
    /// 收单机构代码: the acquirer's institution code in the card network, one of the five
    /// binding elements (not the licence number). "" when the catalog does not give it.
    #[serde(default)]
    pub acquirer_code: String,
    /// 支付业务许可证 number of a non-bank institution ("" when the supplier gives none, and
    /// for banks).
    #[serde(default)]
    pub licence: String,
    /// Debit card rate, percent.
    pub debit_rate: f64,
    /// Debit fee cap per transaction, yuan (0 = none).
    pub debit_cap_yuan: f64,
    /// Credit card rate, percent.
    pub credit_rate: f64,
    /// Deposit, yuan.
    pub deposit_yuan: f64,
    /// Data (SIM) fee per year, yuan.
    pub data_fee_yuan_per_year: f64,
    /// Settlement speed (`T+1`, `D+0`).
    pub settlement: String,
    /// Support channels.
    pub support: Text,
    /// Review time in working days, [fastest, slowest].
    pub review_days: [u32; 2],
    /// POS type ids offered.
    pub devices: Vec<String>,
    /// Every fee of the offer.
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// Accepts a 非法人结算授权书: a 个体工商户 may settle to another person's personal
    /// account. Acquirer-specific, off unless the entry says so.
    #[serde(default)]
    pub non_legal_person_settlement: bool,
    /// The institution's registered name ("" = the Chinese display name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legal_name: String,
    /// The name the central bank's public list gives for the licence number ("" = not given).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub licence_holder: String,
    /// The business types the licence names (`bank_card_acquiring`, `payment_processing_1`,
    /// …; empty = not given).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub business_types: Vec<String>,
    /// Provinces where it may acquire, as GB/T 2260 province codes (`"44"`; empty = not
    /// given). Physical-merchant acquiring is local.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provinces: Vec<String>,
    /// How the institution's merchant numbers (MID) carry the merchant's region in their
    /// characters 4–7 (after the 3-digit acquirer part). Not given = posbind does not read a
    /// region from the MID: acquirers number differently (some use GB/T 2260 city codes, some
    /// the card network's older 4-digit region codes) and posbind has no table of the latter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mid_region: Option<MidRegion>,
    /// Age limits of the legal representative or operator, [youngest, oldest] (0 = no upper
    /// limit); `None`: 18, none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rep_age: Option<[u32; 2]>,
    /// Extra fee for faster settlement (D0 / 秒到), percent of the amount (0 = none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub settlement_fee_pct: f64,
    /// Fee per withdrawal (提现费), yuan (0 = none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub withdrawal_fee_yuan: f64,
    /// The institution's service phone number, for a lost or stolen terminal and anything the
    /// merchant cannot settle alone ("" = not given).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// Its licence was revoked or surrendered (the central bank's public list marks it 注销):
    /// its merchants must move to another acquirer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revoked: bool,
    /// The oldest terminal software the institution still accepts, per terminal model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub min_software: Vec<MinSoftware>,
}

/// The oldest software version an institution accepts on one terminal model (`posbind health`
/// compares the terminal's version with it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinSoftware {
    /// The device name the terminal reports (compared ignoring case), or `*` for every model.
    pub model: String,
    /// The oldest version accepted; its numbers are compared in order (`2.10` is newer than
    /// `2.9`), whatever text surrounds them.
    pub version: String,
}

impl MinSoftware {
    /// Whether this rule is for a terminal reporting `name`.
    pub fn applies_to(&self, name: &str) -> bool {
        self.model.trim() == "*" || self.model.trim().eq_ignore_ascii_case(name.trim())
    }
}

/// The numbers of a version text in order (`posbind-sim 1.10b2` → 1, 10, 2); empty when it has
/// none.
pub fn version_numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<u64>().unwrap_or(u64::MAX))
        .collect()
}

/// Whether version `have` is older than `min`, number by number (missing numbers count as 0);
/// `None` when either has no numbers to compare.
pub fn older_than(have: &str, min: &str) -> Option<bool> {
    let (a, b) = (version_numbers(have), version_numbers(min));
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let n = a.len().max(b.len());
    let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
    let a: Vec<u64> = (0..n).map(|i| at(&a, i)).collect();
    let b: Vec<u64> = (0..n).map(|i| at(&b, i)).collect();
    Some(a < b)
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// Business types of a 支付业务许可证 that cover acquiring at a physical merchant: 银行卡收单
/// (licences before 2024) and 支付交易处理（Ⅰ类） (国务院令第768号 and its rules, 2024).
pub const ACQUIRING_BUSINESS_TYPES: [&str; 2] = ["bank_card_acquiring", "payment_processing_1"];

/// Licence numbers with a sequence from 9900 are posbind's sample numbers: the central bank's
/// sequence has never come near them (a few hundred licences were ever issued).
pub fn is_sample_licence(number: &str) -> bool {
    let n = number.trim();
    n.len() == 14 && n.starts_with("Z2") && n[2..6].parse::<u32>().is_ok_and(|s| s >= 9900)
}

/// A warning about an offer (message id + arguments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferWarning {
    /// Message id.
    pub id: &'static str,
    /// Arguments.
    pub args: Vec<(&'static str, String)>,
}

impl OfferWarning {
    /// The key that accepts this warning in an answers file (`contract.accept`): `deposit`,
    /// `data-fee`, `settlement-fee`, `withdrawal-fee`, `below-cost-debit`, `below-cost-credit`,
    /// or `fee:NAME` for another fee the offer lists (its Chinese name).
    pub fn key(&self) -> String {
        let arg = |k: &str| {
            self.args
                .iter()
                .find(|(a, _)| *a == k)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        };
        match self.id {
            "offer-warn-fee" => format!("fee:{}", arg("zh")),
            id if id.starts_with("offer-warn-below-cost") => format!("below-cost-{}", arg("card")),
            id => id.trim_start_matches("offer-warn-").to_string(),
        }
    }

    /// The warning in both languages.
    pub fn text(&self) -> Text {
        Text {
            zh: crate::i18n::tr_owned(Lang::ZhCn, self.id, &self.args),
            en: crate::i18n::tr_owned(Lang::En, self.id, &self.args),
        }
    }
}

impl Institution {
    /// What a merchant should look at twice; `mcc` is the chosen category, when known.
    pub fn warnings(&self, mcc: Option<&Mcc>) -> Vec<OfferWarning> {
        // The licence is a rule ([`Institution::refusals`]), not one of these warnings.
        let mut w = vec![];
        if self.deposit_yuan > 0.0 {
            w.push(OfferWarning {
                id: "offer-warn-deposit",
                args: vec![("yuan", fmt_yuan(self.deposit_yuan))],
            });
        }
        if self.data_fee_yuan_per_year > 0.0 {
            w.push(OfferWarning {
                id: "offer-warn-data-fee",
                args: vec![("yuan", fmt_yuan(self.data_fee_yuan_per_year))],
            });
        }
        // Every other fee the offer lists is named as the offer names it (a service fee is
        // not a data fee); deposit and data fee have their own warnings above.
        for f in &self.fees {
            let en = f.name.en.to_lowercase();
            if f.yuan > 0.0 && !en.contains("deposit") && !en.contains("data") {
                w.push(OfferWarning {
                    id: "offer-warn-fee",
                    args: vec![
                        ("zh", f.name.zh.clone()),
                        ("en", f.name.en.clone()),
                        ("yuan", fmt_yuan(f.yuan)),
                    ],
                });
            }
        }
        if self.settlement_fee_pct > 0.0 {
            w.push(OfferWarning {
                id: "offer-warn-settlement-fee",
                args: vec![
                    ("settlement", self.settlement.clone()),
                    ("rate", fmt_rate_exact(self.settlement_fee_pct)),
                ],
            });
        }
        if self.withdrawal_fee_yuan > 0.0 {
            w.push(OfferWarning {
                id: "offer-warn-withdrawal-fee",
                args: vec![("yuan", fmt_yuan(self.withdrawal_fee_yuan))],
            });
        }
        w.extend(self.below_cost(&PassThrough::shipped(), mcc));
        w
    }

    /// The registered name: `legal_name`, else the Chinese display name.
    pub fn registered_name(&self) -> &str {
        if self.legal_name.trim().is_empty() {
            &self.name.zh
        } else {
            &self.legal_name
        }
    }

    /// The youngest and oldest legal representative accepted (0 = no upper limit).
    pub fn rep_age_limits(&self) -> [u32; 2] {
        self.rep_age.unwrap_or([18, 0])
    }

    /// The acquirer as a binding element: its name and its institution code (收单机构代码), not
    /// its licence number.
    pub fn binding_text(&self, lang: Lang) -> String {
        let code = if self.acquirer_code.is_empty() {
            crate::i18n::tr(lang, "binding-no-acquirer-code")
        } else {
            self.acquirer_code.clone()
        };
        crate::i18n::tr_args(
            lang,
            "binding-acquirer-value",
            &[("name", self.name.get(lang)), ("code", &code)],
        )
    }

    /// Why this offer cannot be chosen for submission (message ids, empty when it can): the
    /// one place the licensing and offer rules live. These are rules, not warnings: the wizard
    /// refuses to go on and `posbind run` fails on them.
    ///
    /// - Only a non-bank payment institution needs a 支付业务许可证, and it may not acquire
    ///   without a well-formed one; a bank acquires under its banking licence.
    /// - `pos_type` (the chosen terminal type, when chosen) must be one the offer includes.
    pub fn refusals(&self, pos_type: Option<&str>) -> Vec<&'static str> {
        let mut out = vec![];
        if self.kind == InstitutionKind::NonBank {
            if self.licence.trim().is_empty() {
                out.push("offer-refused-no-licence");
            } else if validate::licence(&self.licence).verdict == Verdict::Invalid {
                out.push("offer-refused-bad-licence");
            }
        }
        if pos_type.is_some_and(|t| !self.devices.iter().any(|d| d == t)) {
            out.push("offer-refused-pos-type");
        }
        out
    }

    /// Rates below the acquirer's cost floor for the MCC's category (see [`PassThrough`]): the
    /// acquirer's own fee is market-priced, so only a rate *under* the floor is odd — it means
    /// the terminal is entered under a cheaper category than the chosen one (跳码). Without a
    /// chosen MCC the 一般类 floor is used; a 公益类 MCC has no floor (its own rule checks that
    /// the merchant is a non-profit body).
    fn below_cost(&self, p: &PassThrough, mcc: Option<&Mcc>) -> Vec<OfferWarning> {
        let category = mcc.map(|m| m.category).unwrap_or_default();
        let Some(floor) = p.floor(category) else {
            return vec![];
        };
        // Rates are decimal percentages read from a file: compare with a tolerance so that
        // 0.3825 is not "below" 0.35 + 0.0325.
        let below = |a: f64, b: f64| a + 1e-9 < b;
        let debit_rate_below = below(self.debit_rate, floor.debit_pct);
        let debit_cap_below =
            self.debit_cap_yuan > 0.0 && below(self.debit_cap_yuan, floor.debit_cap_yuan);
        let debit_below = debit_rate_below || debit_cap_below;
        let credit_below = below(self.credit_rate, floor.credit_pct);
        let (id, mcc_args) = match mcc {
            Some(m) => (
                "offer-warn-below-cost-mcc",
                vec![
                    ("mcc", m.code.clone()),
                    ("category", category.key().to_string()),
                    // The 优惠类 share as the fee data has it, not as a text remembers it.
                    ("discount", format!("{:.0}", p.discount_factor * 100.0)),
                ],
            ),
            None => ("offer-warn-below-cost", vec![]),
        };
        let mut out = vec![];
        if debit_below {
            // "none": the texts say nothing of a cap the offer does not have.
            let cap = if self.debit_cap_yuan > 0.0 {
                fmt_yuan(self.debit_cap_yuan)
            } else {
                "none".into()
            };
            // Which part is under the floor: the texts say "the cap" when only it is.
            let low = if debit_rate_below { "rate" } else { "cap" };
            let mut args = vec![
                ("card", "debit".to_string()),
                ("low", low.to_string()),
                ("rate", fmt_rate(self.debit_rate)),
                ("cap", cap),
                ("floor", fmt_rate_exact(floor.debit_pct)),
                ("floor_cap", fmt_yuan(floor.debit_cap_yuan)),
            ];
            args.extend(mcc_args.clone());
            out.push(OfferWarning { id, args });
        }
        if credit_below {
            let mut args = vec![
                ("card", "credit".to_string()),
                ("low", "rate".to_string()),
                // Credit rates have no cap, the offer's nor the floor's.
                ("rate", fmt_rate(self.credit_rate)),
                ("cap", "none".to_string()),
                ("floor", fmt_rate_exact(floor.credit_pct)),
                ("floor_cap", "none".to_string()),
            ];
            args.extend(mcc_args);
            out.push(OfferWarning { id, args });
        }
        out
    }
}

/// `0.38%`.
pub fn fmt_rate(r: f64) -> String {
    format!("{r:.2}%")
}

/// `0.3825%`: up to four decimals, trailing zeros dropped (regulated figures like 0.065).
pub fn fmt_rate_exact(r: f64) -> String {
    let t = format!("{r:.4}");
    let t = t.trim_end_matches('0').trim_end_matches('.');
    format!("{t}%")
}

/// An amount in fen (minor units) as yuan with two decimals: `0.01`, `29.80` — exact, no
/// floating point.
pub fn fmt_fen(minor: u64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

/// `299` or `12.50`.
pub fn fmt_yuan(y: f64) -> String {
    if y.fract() == 0.0 {
        format!("{y:.0}")
    } else {
        format!("{y:.2}")
    }
}

/// Most offers one catalog may hold.
pub const MAX_INSTITUTIONS: usize = 200;
/// Longest review an offer may announce, in working days (a year of them).
pub const MAX_REVIEW_DAYS: u32 = 250;
/// Largest fee, deposit or cap an offer may name, in yuan.
pub const MAX_FEE_YUAN: f64 = 100_000.0;
/// Most POS types or fees one offer may list.
pub const MAX_LIST: usize = 50;
/// Longest id, name or other text of an offer (characters).
pub const MAX_OFFER_TEXT: usize = 200;

impl Institution {
    /// The limits of an offer, each naming the field it is about: numbers within what a real
    /// offer has (a review of 4294967295 days would overflow the calendar), no text longer than
    /// [`MAX_OFFER_TEXT`] or holding control, direction or invisible characters.
    pub fn check_limits(&self) -> Result<(), String> {
        if self.review_days[1] > MAX_REVIEW_DAYS {
            return Err(format!(
                "review_days: at most {MAX_REVIEW_DAYS} working days"
            ));
        }
        if self.review_days[0] > self.review_days[1] {
            return Err("review_days must be [fastest, slowest]".into());
        }
        for (field, rate) in [
            ("debit_rate", self.debit_rate),
            ("credit_rate", self.credit_rate),
        ] {
            if !(0.0..=100.0).contains(&rate) {
                return Err(format!("{field}: a percentage from 0 to 100"));
            }
        }
        let yuan = [
            ("debit_cap_yuan", self.debit_cap_yuan),
            ("deposit_yuan", self.deposit_yuan),
            ("data_fee_yuan_per_year", self.data_fee_yuan_per_year),
        ];
        let fees = self.fees.iter().map(|f| ("fees.yuan", f.yuan));
        for (field, v) in yuan.into_iter().chain(fees) {
            // `!contains` also refuses NaN, which compares false to everything.
            if !(0.0..=MAX_FEE_YUAN).contains(&v) {
                return Err(format!("{field}: from 0 to {MAX_FEE_YUAN} yuan"));
            }
        }
        for (field, n) in [("devices", self.devices.len()), ("fees", self.fees.len())] {
            if n > MAX_LIST {
                return Err(format!("{field}: at most {MAX_LIST} entries"));
            }
        }
        let mut texts = vec![
            ("id", self.id.as_str()),
            ("name.zh-CN", self.name.zh.as_str()),
            ("name.en", self.name.en.as_str()),
            ("acquirer_code", self.acquirer_code.as_str()),
            ("licence", self.licence.as_str()),
            ("settlement", self.settlement.as_str()),
            ("support.zh-CN", self.support.zh.as_str()),
            ("support.en", self.support.en.as_str()),
        ];
        texts.extend(self.devices.iter().map(|d| ("devices", d.as_str())));
        for f in &self.fees {
            texts.push(("fees.name.zh-CN", f.name.zh.as_str()));
            texts.push(("fees.name.en", f.name.en.as_str()));
        }
        for (field, text) in texts {
            match super::free_text::check(text, MAX_OFFER_TEXT) {
                Ok(()) => {}
                Err(super::free_text::TextProblem::TooLong { max }) => {
                    return Err(format!("{field}: longer than {max} characters"))
                }
                Err(super::free_text::TextProblem::UnsafeCharacter) => {
                    return Err(format!(
                        "{field}: holds a control, direction or invisible character"
                    ))
                }
            }
        }
        Ok(())
    }
}

/// The catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// File format version.
    pub schema: u32,
    /// Sample data, not real offers.
    #[serde(default)]
    pub sample: bool,
    /// The offers.
    pub institutions: Vec<Institution>,
}

impl Catalog {
    /// Parses a catalog; errors carry the line (from the TOML parser) or name the entry.
    pub fn parse(text: &str) -> Result<Catalog, String> {
        let c: Catalog = toml::from_str(text).map_err(|e| e.to_string())?;
        if c.schema != 1 {
            return Err(format!("unknown catalog schema {}", c.schema));
        }
        if c.institutions.len() > MAX_INSTITUTIONS {
            return Err(format!(
                "institutions: more than {MAX_INSTITUTIONS} offers in one catalog"
            ));
        }
        for i in &c.institutions {
            i.check_limits().map_err(|e| {
                format!(
                    "institution {}: {e}",
                    crate::i18n::safe::for_terminal(&i.id)
                )
            })?;
            let pct = |r: f64| (0.0..=100.0).contains(&r);
            if !pct(i.debit_rate) || !pct(i.credit_rate) || !pct(i.settlement_fee_pct) {
                return Err(format!("institution {}: rates are percentages", i.id));
            }
            if let Some(p) = i
                .provinces
                .iter()
                .find(|p| super::region::province(p).is_none())
            {
                return Err(format!(
                    "institution {}: province {p} is not a GB/T 2260 province code",
                    i.id
                ));
            }
            if i.rep_age.is_some_and(|[lo, hi]| hi != 0 && lo > hi) {
                return Err(format!(
                    "institution {}: rep_age must be [youngest, oldest]",
                    i.id
                ));
            }
        }
        let mut ids: Vec<&str> = c.institutions.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(format!("institution id {} appears twice", w[0]));
        }
        Ok(c)
    }

    /// The catalog shipped with posbind (sample data).
    pub fn shipped() -> Catalog {
        Catalog::parse(CATALOG_TOML).unwrap_or(Catalog {
            schema: 1,
            sample: true,
            institutions: vec![],
        })
    }

    /// An offer by id.
    pub fn get(&self, id: &str) -> Option<&Institution> {
        self.institutions.iter().find(|i| i.id == id)
    }
}

/// The fee category of an MCC (发改价格〔2016〕557号, as acquirers apply it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MccCategory {
    /// 一般类: the full issuer and network fees.
    #[default]
    Standard,
    /// 优惠类: a discounted issuer and network fee.
    Discount,
    /// 公益类: non-profit institutions; issuer and network fees waived.
    Charity,
}

impl MccCategory {
    /// Stable key (`standard`, `discount`, `charity`), as in `assets/mcc.toml`.
    pub fn key(self) -> &'static str {
        match self {
            MccCategory::Standard => "standard",
            MccCategory::Discount => "discount",
            MccCategory::Charity => "charity",
        }
    }

    /// Message id of the name.
    pub fn label_id(self) -> &'static str {
        match self {
            MccCategory::Standard => "mcc-category-standard",
            MccCategory::Discount => "mcc-category-discount",
            MccCategory::Charity => "mcc-category-charity",
        }
    }
}

/// One merchant category.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mcc {
    /// Four digits.
    pub code: String,
    /// Chinese name.
    #[serde(rename = "zh-CN")]
    pub zh: String,
    /// English name.
    pub en: String,
    /// Fee category.
    #[serde(default)]
    pub category: MccCategory,
    /// The industry licence this trade needs (a checklist item id of `assets/materials.toml`).
    #[serde(default)]
    pub licence: Option<String>,
}

impl Mcc {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Deserialize)]
struct MccFile {
    mcc: Vec<Mcc>,
}

/// The MCC table.
pub fn mcc_table() -> &'static [Mcc] {
    static TABLE: std::sync::OnceLock<Vec<Mcc>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        toml::from_str::<MccFile>(MCC_TOML)
            .map(|f| f.mcc)
            .unwrap_or_default()
    })
}

/// MCCs whose code starts with, or whose name (either language) contains, `query`.
pub fn search_mcc(query: &str) -> Vec<&'static Mcc> {
    let q = query.trim().to_lowercase();
    mcc_table()
        .iter()
        .filter(|m| {
            q.is_empty()
                || m.code.starts_with(&q)
                || m.zh.contains(&q)
                || m.en.to_lowercase().contains(&q)
        })
        .collect()
}

/// An MCC by code.
pub fn mcc(code: &str) -> Option<&'static Mcc> {
    mcc_table().iter().find(|m| m.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalog_is_marked_as_sample_data_and_parses() {
        let c = Catalog::shipped();
        assert!(c.sample);
        assert_eq!(c.institutions.len(), 5);
        assert!(c.institutions.iter().all(|i| i.name.en.contains("sample")));
    }

    #[test]
    fn warnings_cover_licence_deposit_fees_and_rates() {
        let c = Catalog::shipped();
        let ids = |id: &str| {
            c.get(id)
                .unwrap()
                .warnings(None)
                .into_iter()
                .map(|w| w.id)
                .collect::<Vec<_>>()
        };
        // A rate above the capped issuer + network parts is the acquirer's market-priced fee,
        // not a warning.
        // Sample B's D0 surcharge and withdrawal fee are named too.
        assert_eq!(
            ids("sample-b"),
            vec![
                "offer-warn-deposit",
                "offer-warn-data-fee",
                "offer-warn-settlement-fee",
                "offer-warn-withdrawal-fee"
            ]
        );
        // Sample C's 99 yuan is its service fee: named so, never called a data fee.
        assert!(ids("sample-c").contains(&"offer-warn-fee"));
        assert!(!ids("sample-c").contains(&"offer-warn-data-fee"));
        // The licence is a rule, not a warning.
        assert!(!ids("sample-c").iter().any(|w| w.contains("licence")));
        assert!(!ids("sample-d").iter().any(|w| w.contains("licence")));
    }

    #[test]
    fn a_non_bank_institution_without_a_well_formed_licence_is_refused() {
        let c = Catalog::shipped();
        let refusals = |id: &str, pos: Option<&str>| c.get(id).unwrap().refusals(pos);
        assert_eq!(refusals("sample-a", None), Vec::<&str>::new());
        assert_eq!(refusals("sample-c", None), ["offer-refused-no-licence"]);
        assert_eq!(refusals("sample-d", None), ["offer-refused-bad-licence"]);
        // A blank-looking licence is no licence.
        let mut blank = c.get("sample-a").unwrap().clone();
        blank.licence = "  ".into();
        assert_eq!(blank.refusals(None), ["offer-refused-no-licence"]);
    }

    #[test]
    fn a_terminal_type_the_institution_does_not_offer_is_refused() {
        let c = Catalog::shipped();
        let a = c.get("sample-a").unwrap();
        assert!(a.refusals(Some("countertop")).is_empty());
        assert_eq!(a.refusals(Some("mpos")), ["offer-refused-pos-type"]);
        // The example: sample-c (no licence, no countertop) with a countertop terminal.
        assert_eq!(
            c.get("sample-c").unwrap().refusals(Some("countertop")),
            ["offer-refused-no-licence", "offer-refused-pos-type"]
        );
        // A bank offering the type needs no licence.
        assert!(c
            .get("sample-e")
            .unwrap()
            .refusals(Some("smart"))
            .is_empty());
    }

    #[test]
    fn banks_need_no_payment_licence() {
        let c = Catalog::shipped();
        assert!(c.institutions.iter().all(|i| i.acquirer_code.len() == 8));
        let bank = c.get("sample-e").unwrap();
        assert_eq!(bank.kind, InstitutionKind::Bank);
        assert!(bank.licence.is_empty());
        assert!(bank.refusals(None).is_empty());
        // The same entry as a non-bank payment institution: no licence, refused.
        let mut non_bank = bank.clone();
        non_bank.kind = InstitutionKind::NonBank;
        assert_eq!(non_bank.refusals(None), ["offer-refused-no-licence"]);
        // An entry that does not say is treated as a non-bank institution.
        let text = CATALOG_TOML.replace("kind = \"non_bank\"\n", "");
        let c2 = Catalog::parse(&text).unwrap();
        assert_eq!(c2.get("sample-c").unwrap().kind, InstitutionKind::NonBank);
    }

    #[test]
    fn a_rate_below_the_pass_through_cost_warns_with_the_mcc_category() {
        let c = Catalog::shipped();
        // The reviewer's example: 0.35 % debit capped at 18 yuan (sample-d).
        let d = c.get("sample-d").unwrap();
        let w = d.warnings(mcc("5812"));
        let below = w
            .iter()
            .find(|w| w.id == "offer-warn-below-cost-mcc")
            .expect("below-cost warning");
        let arg = |k: &str| below.args.iter().find(|(a, _)| *a == k).unwrap().1.clone();
        assert_eq!(arg("card"), "debit");
        assert_eq!(arg("rate"), "0.35%");
        assert_eq!(arg("cap"), "18");
        assert_eq!(arg("floor"), "0.3825%");
        assert_eq!(arg("floor_cap"), "16.25");
        assert_eq!(arg("category"), "standard");
        assert_eq!(arg("mcc"), "5812");
        // No MCC chosen yet: the warning says which categories would explain it.
        assert!(d
            .warnings(None)
            .iter()
            .any(|w| w.id == "offer-warn-below-cost"));
        // A 优惠类 (5411) or 公益类 (8062) MCC explains a low rate.
        for code in ["5411", "8062"] {
            assert!(!d
                .warnings(mcc(code))
                .iter()
                .any(|w| w.id.starts_with("offer-warn-below-cost")));
        }
        // Only the cap under the floor: the warning says it is the cap (issue 25 review), in
        // both languages.
        let mut cap_only = d.clone();
        cap_only.debit_rate = 0.50;
        cap_only.debit_cap_yuan = 16.0;
        cap_only.credit_rate = 0.60;
        let w = cap_only.warnings(mcc("5812"));
        let low = w
            .iter()
            .find(|w| w.id == "offer-warn-below-cost-mcc")
            .expect("the cap is below the floor");
        assert!(low.args.contains(&("low", "cap".to_string())));
        let en = crate::i18n::tr_owned(crate::i18n::Lang::En, low.id, &low.args);
        assert!(
            en.starts_with("Debit cap 16 yuan (rate 0.50%) is below"),
            "{en}"
        );
        let zh = crate::i18n::tr_owned(crate::i18n::Lang::ZhCn, low.id, &low.args);
        assert!(zh.starts_with("借记卡封顶 16 元（费率 0.50%）低于"), "{zh}");
        // Exactly at the floor is not below it.
        let mut at = d.clone();
        at.debit_rate = 0.3825;
        at.debit_cap_yuan = 16.25;
        at.credit_rate = 0.4825;
        assert!(!at
            .warnings(mcc("5812"))
            .iter()
            .any(|w| w.id.starts_with("offer-warn-below-cost")));
    }

    #[test]
    fn the_pass_through_figures_come_from_the_fee_notice() {
        let p = PassThrough::shipped();
        // The network fee is split between issuer and acquirer: counted once, by halves.
        let f = p.standard_floor();
        assert!((f.debit_pct - 0.3825).abs() < 1e-9);
        assert!((f.debit_cap_yuan - 16.25).abs() < 1e-9);
        assert!((f.credit_pct - 0.4825).abs() < 1e-9);
        let d = p.floor(MccCategory::Discount).unwrap();
        assert!((d.debit_pct - 0.3825 * 0.78).abs() < 1e-9);
        assert!(p.floor(MccCategory::Charity).is_none());
        assert!(
            FEES_TOML.contains("发改价格〔2016〕557号") && FEES_TOML.contains("银发〔2021〕169号")
        );
    }

    #[test]
    fn a_lawful_half_percent_offer_capped_at_18_yuan_is_not_flagged() {
        // The reviewer's case: 0.50 %, cap 18 yuan is above the acquirer's floor (0.3825 %,
        // 16.25 yuan); counting the network fee twice (0.415 %, 19.5 yuan) flagged it.
        let mut offer = Catalog::shipped().get("sample-a").unwrap().clone();
        offer.debit_rate = 0.50;
        offer.debit_cap_yuan = 18.0;
        offer.credit_rate = 0.60;
        for code in [None, Some("5812"), Some("5411")] {
            assert!(
                !offer
                    .warnings(code.and_then(mcc))
                    .iter()
                    .any(|w| w.id.starts_with("offer-warn-below-cost")),
                "{code:?}"
            );
        }
    }

    #[test]
    fn a_discounted_mcc_is_checked_against_its_own_floor() {
        // 优惠类 no longer skips the check: 0.20 % is below 78 % of the floor (0.29835 %).
        let mut offer = Catalog::shipped().get("sample-a").unwrap().clone();
        offer.debit_rate = 0.20;
        offer.debit_cap_yuan = 0.0;
        let w = offer.warnings(mcc("5411"));
        let below = w
            .iter()
            .find(|w| w.id == "offer-warn-below-cost-mcc")
            .unwrap();
        assert!(below.args.contains(&("category", "discount".to_string())));
        let floor = &below.args.iter().find(|(k, _)| *k == "floor").unwrap().1;
        assert!(floor.starts_with("0.298"), "{floor}");
        // 公益类 has no floor.
        assert!(!offer
            .warnings(mcc("8062"))
            .iter()
            .any(|w| w.id.starts_with("offer-warn-below-cost")));
    }

    #[test]
    fn a_bad_catalog_reports_its_line() {
        let bad = CATALOG_TOML.replace("settlement = \"D+0\"", "settlement = D+0");
        let e = Catalog::parse(&bad).unwrap_err();
        assert!(e.contains("line"), "{e}");
        let unknown =
            CATALOG_TOML.replace("settlement = \"D+0\"", "settlement = \"D+0\"\nbonus = 1");
        assert!(Catalog::parse(&unknown).unwrap_err().contains("bonus"));
        let dup = CATALOG_TOML.replace("id = \"sample-b\"", "id = \"sample-a\"");
        assert!(Catalog::parse(&dup).unwrap_err().contains("twice"));
    }

    #[test]
    fn the_mcc_table_names_the_right_codes() {
        assert_eq!(
            mcc("5094").unwrap().en,
            "Precious stones and metals, watches and jewelry (wholesale)"
        );
        assert!(mcc("5944").unwrap().zh.contains("珠宝钟表零售"));
        assert_eq!(search_mcc("便利店")[0].code, "5499");
        assert_eq!(search_mcc("convenience")[0].code, "5499");
        assert!(!mcc("5331").unwrap().zh.contains("便利店"));
        assert!(mcc_table()
            .iter()
            .all(|m| !m.zh.contains("平方米") && !m.en.contains("m²")));
        assert!(MCC_TOML.contains("ISO 18245") && MCC_TOML.contains("NOT the names of UnionPay"));
        assert_eq!(mcc("5411").unwrap().category, MccCategory::Discount);
        assert_eq!(mcc("8062").unwrap().category, MccCategory::Charity);
        assert_eq!(mcc("5812").unwrap().category, MccCategory::Standard);
    }

    #[test]
    fn mcc_search_by_code_or_name_in_both_languages() {
        assert_eq!(mcc_table().len(), 36);
        assert_eq!(search_mcc("581").len(), 3);
        assert_eq!(search_mcc("餐")[0].code, "5812");
        assert_eq!(search_mcc("bakeries")[0].code, "5462");
        assert_eq!(mcc("5411").unwrap().name(Lang::ZhCn), "超市");
    }
}
