//! Step 3 — materials: the merchant type decides the checklist (`assets/materials.toml`); key
//! data is validated; documents are files that must exist and be images or PDFs, recorded with
//! size and SHA-256; and the summary says exactly what is missing.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::text::Text;
use super::validate::{self, Reason, Verdict};

/// The shipped checklist.
pub const MATERIALS_TOML: &str = include_str!("../../assets/materials.toml");

/// The kind of merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum MerchantType {
    /// 企业.
    Company,
    /// 个体工商户.
    SoleProprietor,
    /// 小微 (no licence).
    Micro,
}

impl MerchantType {
    /// All, in display order.
    pub const ALL: [MerchantType; 3] = [
        MerchantType::Company,
        MerchantType::SoleProprietor,
        MerchantType::Micro,
    ];

    /// Message id of the name.
    pub fn label_id(self) -> &'static str {
        match self {
            MerchantType::Company => "merchant-type-company",
            MerchantType::SoleProprietor => "merchant-type-sole",
            MerchantType::Micro => "merchant-type-micro",
        }
    }
}

/// The kind of settlement account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    /// 对公账户.
    Company,
    /// The operator's own personal card.
    Personal,
}

/// A document file as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Where it was.
    pub path: String,
    /// Bytes.
    pub size: u64,
    /// SHA-256, hex.
    pub sha256: String,
    /// `png`, `jpeg`, `webp` or `pdf` (by content).
    pub kind: String,
    /// When it was added.
    pub added: DateTime<Utc>,
}

/// Everything the Materials step collects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Materials {
    /// Merchant type.
    pub merchant_type: Option<MerchantType>,
    /// 统一社会信用代码 (not for micro merchants).
    pub credit_code: String,
    /// Legal representative / operator name.
    pub legal_rep_name: String,
    /// The kind of their identity document (居民身份证 when a case file from before says none).
    #[serde(skip_serializing_if = "validate::IdKind::is_resident_id")]
    pub id_kind: validate::IdKind,
    /// Their ID number.
    pub id_number: String,
    /// ID validity end (date or 长期).
    pub id_valid_until: String,
    /// Their nationality, for a foreigner's document (passport, permanent residence ID).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub nationality: String,
    /// Their date of birth (`YYYY-MM-DD`), for a document whose number does not carry it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub birth_date: String,
    /// Mobile number.
    pub mobile: String,
    /// Business (and install) address.
    pub address: String,
    /// Settlement account kind.
    pub account_type: Option<AccountType>,
    /// Bank name.
    pub bank_name: String,
    /// 联行号 of the opening branch.
    pub branch_code: String,
    /// Account or card number.
    pub account_number: String,
    /// Account holder name.
    pub holder_name: String,
    /// An agent (经办人) applies for the merchant.
    pub agent: bool,
    /// A company's settlement account in another name belongs to a unit with a lawful
    /// fund-management relationship with it (proof of that relationship is required).
    pub related_unit: bool,
    /// The personal settlement account is a Class II account (Ⅱ类户: incoming limits).
    pub class_ii: bool,
    /// A company's beneficial owners (受益所有人), `name ID share-or-control; …`.
    pub beneficial_owners: String,
    /// Warnings the user confirmed: field id → the value confirmed.
    pub confirmed: BTreeMap<String, String>,
    /// Documents: checklist item id → file record.
    pub documents: BTreeMap<String, DocumentRecord>,
}

/// Fields of the Materials form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Merchant type (choice).
    MerchantType,
    /// Credit code.
    CreditCode,
    /// Legal rep name.
    LegalRepName,
    /// Kind of identity document (choice).
    IdKind,
    /// ID number.
    IdNumber,
    /// ID validity.
    IdValidUntil,
    /// Nationality (foreigners' documents).
    Nationality,
    /// Date of birth (documents whose number does not carry it).
    BirthDate,
    /// Mobile.
    Mobile,
    /// Address.
    Address,
    /// Account type (choice).
    AccountType,
    /// Bank name.
    BankName,
    /// Branch code.
    BranchCode,
    /// Account number.
    AccountNumber,
    /// Holder name.
    HolderName,
    /// Agent applies (toggle).
    Agent,
    /// The other-name account is a related unit's (toggle, companies).
    RelatedUnit,
    /// The personal account is Class II (toggle).
    AccountClass,
    /// Beneficial owners (companies).
    BeneficialOwners,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 19] = [
        Field::MerchantType,
        Field::CreditCode,
        Field::LegalRepName,
        Field::IdKind,
        Field::IdNumber,
        Field::IdValidUntil,
        Field::Nationality,
        Field::BirthDate,
        Field::Mobile,
        Field::Address,
        Field::AccountType,
        Field::BankName,
        Field::BranchCode,
        Field::AccountNumber,
        Field::HolderName,
        Field::RelatedUnit,
        Field::AccountClass,
        Field::Agent,
        Field::BeneficialOwners,
    ];

    /// Stable id (file keys, answers-file keys, message ids `field-m-…`).
    pub fn id(self) -> &'static str {
        match self {
            Field::MerchantType => "merchant-type",
            Field::CreditCode => "credit-code",
            Field::LegalRepName => "legal-rep-name",
            Field::IdKind => "id-kind",
            Field::IdNumber => "id-number",
            Field::IdValidUntil => "id-valid-until",
            Field::Nationality => "nationality",
            Field::BirthDate => "birth-date",
            Field::Mobile => "mobile",
            Field::Address => "address",
            Field::AccountType => "account-type",
            Field::BankName => "bank-name",
            Field::BranchCode => "branch-code",
            Field::AccountNumber => "account-number",
            Field::HolderName => "holder-name",
            Field::Agent => "agent",
            Field::RelatedUnit => "related-unit",
            Field::AccountClass => "account-class",
            Field::BeneficialOwners => "beneficial-owners",
        }
    }

    /// Whether the field holds personal data that is masked on screen when not focused.
    pub fn sensitive(self) -> bool {
        matches!(
            self,
            Field::IdNumber | Field::AccountNumber | Field::Mobile | Field::BeneficialOwners
        )
    }
}

/// How a field stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldState {
    /// Whether the field applies to this merchant at all.
    pub applies: bool,
    /// `None` while empty.
    pub verdict: Option<Verdict>,
    /// Reasons from the validator or the rules.
    pub reasons: Vec<Reason>,
    /// A warning the user already confirmed for the current value.
    pub confirmed: bool,
}

impl FieldState {
    /// Complete: filled, and valid or confirmed.
    pub fn ok(&self) -> bool {
        !self.applies
            || matches!(self.verdict, Some(Verdict::Valid))
            || (self.verdict == Some(Verdict::Warning) && self.confirmed)
    }
}

fn text_state(value: &str, max: usize) -> (Option<Verdict>, Vec<Reason>) {
    if value.trim().is_empty() {
        return (None, vec![]);
    }
    match super::free_text::check(value, max) {
        Ok(()) => (Some(Verdict::Valid), vec![]),
        Err(problem) => {
            let (id, args) = problem.message();
            (Some(Verdict::Invalid), vec![Reason { id, args }])
        }
    }
}

fn from_checked<T>(value: &str, c: validate::Checked<T>) -> (Option<Verdict>, Vec<Reason>) {
    if value.trim().is_empty() {
        (None, vec![])
    } else {
        (Some(c.verdict), c.reasons)
    }
}

impl Materials {
    /// The text value of a text field.
    pub fn text(&self, f: Field) -> &str {
        match f {
            Field::CreditCode => &self.credit_code,
            Field::LegalRepName => &self.legal_rep_name,
            Field::IdNumber => &self.id_number,
            Field::IdValidUntil => &self.id_valid_until,
            Field::Nationality => &self.nationality,
            Field::BirthDate => &self.birth_date,
            Field::Mobile => &self.mobile,
            Field::Address => &self.address,
            Field::BankName => &self.bank_name,
            Field::BranchCode => &self.branch_code,
            Field::AccountNumber => &self.account_number,
            Field::HolderName => &self.holder_name,
            Field::BeneficialOwners => &self.beneficial_owners,
            _ => "",
        }
    }

    /// Sets a text field, normalised as its validator normalises it (spaces, dashes, `+86`,
    /// case); other fields are set directly.
    pub fn set_text(&mut self, f: Field, v: &str) {
        let any_day = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        let normalized = match f {
            Field::CreditCode => validate::credit_code(v).normalized,
            Field::IdNumber => validate::id_document(self.id_kind, v, any_day).normalized,
            Field::Mobile => validate::mobile(v).normalized,
            Field::BranchCode => validate::branch(v).normalized,
            Field::BirthDate => birth_date(v, NaiveDate::MAX).normalized,
            Field::AccountNumber => validate::account(v).normalized,
            _ => v.trim().to_string(),
        };
        let v = normalized.as_str();
        let slot = match f {
            Field::CreditCode => &mut self.credit_code,
            Field::LegalRepName => &mut self.legal_rep_name,
            Field::IdNumber => &mut self.id_number,
            Field::IdValidUntil => &mut self.id_valid_until,
            Field::Nationality => &mut self.nationality,
            Field::BirthDate => &mut self.birth_date,
            Field::Mobile => &mut self.mobile,
            Field::Address => &mut self.address,
            Field::BankName => &mut self.bank_name,
            Field::BranchCode => &mut self.branch_code,
            Field::AccountNumber => &mut self.account_number,
            Field::HolderName => &mut self.holder_name,
            Field::BeneficialOwners => &mut self.beneficial_owners,
            _ => return,
        };
        *slot = v.trim().to_string();
    }

    /// Whether `f` applies to this merchant (`merchant_name` for the account-holder fields).
    pub fn applies(&self, f: Field, merchant_name: &str) -> bool {
        let t = self.merchant_type;
        match f {
            Field::CreditCode | Field::Agent => t != Some(MerchantType::Micro),
            Field::BeneficialOwners => t == Some(MerchantType::Company),
            Field::Nationality => self.id_kind.needs_nationality(),
            // Asked only where the number does not carry the date of birth.
            Field::BirthDate => {
                self.id_kind != validate::IdKind::ResidentId
                    && validate::id_document(self.id_kind, &self.id_number, NaiveDate::MAX)
                        .value
                        .is_none_or(|d| d.birth.is_none())
            }
            Field::AccountClass => self.account_type == Some(AccountType::Personal),
            Field::BranchCode => self.account_type == Some(AccountType::Company),
            // Asked only when a company's unit account is held by another unit.
            Field::RelatedUnit => {
                t.and_then(holder_rule).map(|r| r.other_name) == Some(OtherName::RelatedUnit)
                    && self.account_type == Some(AccountType::Company)
                    && self.other_name_settlement(merchant_name)
            }
            _ => true,
        }
    }

    /// Validates one field as of `today` (the merchant name is needed for the holder rule).
    pub fn check(&self, f: Field, merchant_name: &str, today: NaiveDate) -> FieldState {
        let (verdict, reasons) = match f {
            Field::MerchantType => (self.merchant_type.map(|_| Verdict::Valid), vec![]),
            Field::CreditCode => from_checked(
                &self.credit_code,
                validate::credit_code_of(&self.credit_code, self.registrant()),
            ),
            Field::LegalRepName => text_state(&self.legal_rep_name, 50),
            Field::IdKind => (Some(Verdict::Valid), vec![]),
            Field::IdNumber => from_checked(
                &self.id_number,
                validate::id_document(self.id_kind, &self.id_number, today),
            ),
            Field::Nationality => text_state(&self.nationality, 40),
            Field::BirthDate => from_checked(&self.birth_date, birth_date(&self.birth_date, today)),
            Field::IdValidUntil => from_checked(
                &self.id_valid_until,
                validate::document_valid_until(self.id_kind, &self.id_valid_until, today),
            ),
            Field::Mobile => from_checked(&self.mobile, validate::mobile(&self.mobile)),
            Field::Address => text_state(&self.address, super::free_text::MAX_ADDRESS),
            Field::AccountType => self.account_type_state(),
            Field::BankName => text_state(&self.bank_name, super::free_text::MAX_BANK_NAME),
            Field::BranchCode => {
                from_checked(&self.branch_code, validate::branch(&self.branch_code))
            }
            Field::AccountNumber => match self.account_type {
                Some(AccountType::Personal) => {
                    from_checked(&self.account_number, validate::card(&self.account_number))
                }
                _ => from_checked(
                    &self.account_number,
                    validate::account(&self.account_number),
                ),
            },
            Field::HolderName => self.holder_state(merchant_name),
            Field::Agent | Field::RelatedUnit => (Some(Verdict::Valid), vec![]),
            Field::AccountClass if self.class_ii => (
                Some(Verdict::Warning),
                vec![Reason {
                    id: "rule-class-ii-account",
                    args: vec![],
                }],
            ),
            Field::AccountClass => (Some(Verdict::Valid), vec![]),
            Field::BeneficialOwners => {
                // The free-text rule first (length, control characters), then the owners.
                let (v, r) = text_state(&self.beneficial_owners, MAX_BENEFICIAL_OWNERS);
                if v != Some(Verdict::Valid) {
                    (v, r)
                } else {
                    match parse_beneficial_owners(&self.beneficial_owners, today) {
                        Ok(_) => (Some(Verdict::Valid), vec![]),
                        Err(r) => (Some(Verdict::Invalid), vec![r]),
                    }
                }
            }
        };
        let confirmed = self
            .confirmed
            .get(f.id())
            .is_some_and(|v| v == self.text(f));
        FieldState {
            applies: self.applies(f, merchant_name),
            verdict,
            reasons,
            confirmed,
        }
    }

    /// The legal representative's (operator's) date of birth: from the ID number where it
    /// carries it, else the date entered.
    pub fn rep_birth(&self) -> Option<NaiveDate> {
        let far = NaiveDate::MAX;
        validate::id_document(self.id_kind, &self.id_number, far)
            .value
            .and_then(|d| d.birth)
            .or_else(|| birth_date(&self.birth_date, far).value)
    }

    /// Who holds the credit code, for the 15-digit registration number rule.
    fn registrant(&self) -> validate::Registrant {
        match self.merchant_type {
            Some(MerchantType::Company) => validate::Registrant::Enterprise,
            Some(MerchantType::SoleProprietor) => validate::Registrant::SoleProprietor,
            Some(MerchantType::Micro) | None => validate::Registrant::Unknown,
        }
    }

    fn account_type_state(&self) -> (Option<Verdict>, Vec<Reason>) {
        let Some(account) = self.account_type else {
            return (None, vec![]);
        };
        let allowed = self
            .merchant_type
            .and_then(holder_rule)
            .is_none_or(|r| r.accounts.contains(&account));
        if allowed {
            return (Some(Verdict::Valid), vec![]);
        }
        let id = match self.merchant_type {
            Some(MerchantType::Micro) => "rule-micro-needs-personal-card",
            _ => "rule-company-needs-company-account",
        };
        (Some(Verdict::Invalid), vec![Reason { id, args: vec![] }])
    }

    /// Whether the account holder is the merchant (company account) or the operator (card),
    /// by [`super::text::same_name`] (full- and half-width forms and spaces do not count).
    pub fn holder_is_same_name(&self, merchant_name: &str) -> bool {
        use super::text::same_name;
        match self.account_type {
            Some(AccountType::Company) => same_name(&self.holder_name, merchant_name),
            Some(AccountType::Personal) => same_name(&self.holder_name, &self.legal_rep_name),
            None => true,
        }
    }

    /// The account is in another name than the merchant's (company account) or the
    /// operator's (personal account).
    pub fn other_name_settlement(&self, merchant_name: &str) -> bool {
        self.account_type.is_some()
            && !self.holder_name.trim().is_empty()
            && !self.holder_is_same_name(merchant_name)
    }

    /// A 个体工商户 settling to someone else's personal account: only acquirers that take a
    /// 非法人结算授权书 accept it (the catalog flag `non_legal_person_settlement`).
    pub fn needs_non_legal_person_settlement(&self, merchant_name: &str) -> bool {
        self.merchant_type
            .and_then(holder_rule)
            .map(|r| r.other_name)
            == Some(OtherName::Acquirer)
            && self.account_type == Some(AccountType::Personal)
            && self.other_name_settlement(merchant_name)
    }

    fn holder_state(&self, merchant_name: &str) -> (Option<Verdict>, Vec<Reason>) {
        let (v, r) = text_state(&self.holder_name, 60);
        if v != Some(Verdict::Valid) || self.holder_is_same_name(merchant_name) {
            return (v, r);
        }
        let reason = |id| vec![Reason { id, args: vec![] }];
        let rule = self
            .merchant_type
            .and_then(holder_rule)
            .map(|r| r.other_name);
        match (rule, self.account_type) {
            (Some(OtherName::RelatedUnit), Some(AccountType::Company)) if self.related_unit => {
                (Some(Verdict::Valid), reason("rule-related-unit-proof"))
            }
            (Some(OtherName::RelatedUnit), _) => {
                (Some(Verdict::Invalid), reason("rule-unit-other-name"))
            }
            (Some(OtherName::Acquirer), Some(AccountType::Personal)) => {
                (Some(Verdict::Valid), reason("rule-sole-other-name"))
            }
            (Some(OtherName::Acquirer), _) => {
                (Some(Verdict::Invalid), reason("rule-sole-unit-other-name"))
            }
            (Some(OtherName::Never), _) => {
                (Some(Verdict::Invalid), reason("rule-micro-other-name"))
            }
            (None, _) => (v, r),
        }
    }

    /// Records the user's confirmation of the current warning on `f`.
    pub fn confirm(&mut self, f: Field) {
        let v = self.text(f).to_string();
        self.confirmed.insert(f.id().to_string(), v);
    }
}

/// Checks a date of birth typed as `YYYY-MM-DD` (or `YYYYMMDD`): a real date, not after
/// `today`, not before 1900.
pub fn birth_date(input: &str, today: NaiveDate) -> validate::Checked<NaiveDate> {
    let t = input.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let date = NaiveDate::parse_from_str(&digits, "%Y%m%d").ok();
    let bad = validate::Checked {
        normalized: t.to_string(),
        value: None,
        verdict: Verdict::Invalid,
        reasons: vec![Reason {
            id: "check-birth-date",
            args: vec![],
        }],
    };
    match date {
        Some(d) if digits.len() == 8 && d <= today && chrono::Datelike::year(&d) >= 1900 => {
            validate::Checked {
                normalized: d.format("%Y-%m-%d").to_string(),
                value: Some(d),
                verdict: Verdict::Valid,
                reasons: vec![],
            }
        }
        _ => bad,
    }
}

/// Longest beneficial-owners list (characters): a handful of `name ID share` entries.
pub const MAX_BENEFICIAL_OWNERS: usize = 500;

/// Whether a person is a beneficial owner by share or by control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerBasis {
    /// Holds this percentage (25–100) of the shares, voting rights or profits.
    Share(u32),
    /// Controls the company in fact (or, where nobody holds 25 %, is its senior manager).
    Control,
}

/// One 受益所有人 of a company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BeneficialOwner {
    /// Name.
    pub name: String,
    /// Kind of identity document.
    pub id_kind: validate::IdKind,
    /// Document number.
    pub id_number: String,
    /// Share or control.
    pub basis: OwnerBasis,
    /// Nationality ("" when not given).
    pub nationality: String,
    /// Document validity end, `YYYY-MM-DD` or `long-term` ("" when not given).
    pub valid_until: String,
    /// Address (residence or workplace; "" when not given).
    pub address: String,
}

fn reason(id: &'static str, n: usize) -> Reason {
    Reason {
        id,
        args: vec![("entry", n.to_string())],
    }
}

/// The document kind an owner's ID carries as a prefix (`passport:E12345678`); none: 居民身份证.
fn owner_id_kind(token: &str) -> Option<(validate::IdKind, &str)> {
    use validate::IdKind as K;
    let Some((prefix, number)) = token.split_once([':', '：']) else {
        return Some((K::ResidentId, token));
    };
    let kind = match prefix.to_lowercase().as_str() {
        "id" | "身份证" | "resident_id" => K::ResidentId,
        "passport" | "护照" => K::Passport,
        "hk" | "mo" | "港澳" | "hk_macao_permit" => K::HkMacaoPermit,
        "tw" | "台湾" | "台胞" | "taiwan_permit" => K::TaiwanPermit,
        "fpr" | "永居" | "foreign_permanent" => K::ForeignPermanent,
        _ => return None,
    };
    Some((kind, number))
}

/// Parses the beneficial owners, `name ID share-or-control` separated by `;`, each optionally
/// followed by `| nationality | validity | address` (`张三 11010519491231002X 60% | 中国 | 长期 |
/// 深圳市…; John Smith passport:E12345678 控制 | GBR | 2031-05-01 | …`). An ID other than a
/// 居民身份证 carries its kind as a prefix: `passport:`, `hk:` (港澳居民来往内地通行证), `tw:`
/// (台湾居民来往大陆通行证), `fpr:` (外国人永久居留身份证). Rule of 《受益所有人信息管理办法》
/// (中国人民银行、国家市场监督管理总局令〔2024〕第3号, in force 2024-11-01): a natural person
/// holding 25 % or more of the shares, voting rights or profits, or controlling the company in
/// fact; shares add up to at most 100 %; nationality, document and its validity, and address
/// are part of the information to keep (the rejection rules ask for them).
pub fn parse_beneficial_owners(
    text: &str,
    today: NaiveDate,
) -> Result<Vec<BeneficialOwner>, Reason> {
    let mut out = vec![];
    let mut total = 0;
    let entries = text
        .split([';', '；', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty());
    for (i, entry) in entries.enumerate() {
        let n = i + 1;
        let mut parts = entry.split(['|', '｜']).map(str::trim);
        let head = parts.next().unwrap_or("");
        let details: Vec<&str> = parts.collect();
        // The name may hold spaces (Latin names): the last two words are the ID and the basis.
        let words: Vec<&str> = head.split_whitespace().collect();
        let [name @ .., id, basis] = &words[..] else {
            return Err(reason("check-owners-format", n));
        };
        if name.is_empty() || details.len() > 3 {
            return Err(reason("check-owners-format", n));
        }
        let name = name.join(" ");
        let (id_kind, number) = owner_id_kind(id).ok_or_else(|| reason("check-owners-id", n))?;
        let id = validate::id_document(id_kind, number, today);
        if id.verdict == Verdict::Invalid {
            return Err(reason("check-owners-id", n));
        }
        let basis = match basis.to_lowercase().as_str() {
            "control" | "控制" | "实际控制" | "实际控制人" | "高管" | "manager" => {
                OwnerBasis::Control
            }
            b => {
                let pct: u32 = b
                    .trim_end_matches(['%', '％'])
                    .parse()
                    .map_err(|_| reason("check-owners-format", n))?;
                if !(25..=100).contains(&pct) {
                    return Err(reason("check-owners-share", n));
                }
                total += pct;
                OwnerBasis::Share(pct)
            }
        };
        let detail = |k: usize| details.get(k).map(|d| d.to_string()).unwrap_or_default();
        let valid_until = match detail(1) {
            v if v.is_empty() => v,
            v => {
                let c = validate::document_valid_until(id_kind, &v, today);
                if c.verdict == Verdict::Invalid {
                    return Err(reason("check-owners-validity", n));
                }
                c.normalized
            }
        };
        out.push(BeneficialOwner {
            name,
            id_kind,
            id_number: id.normalized,
            basis,
            nationality: detail(0),
            valid_until,
            address: detail(2),
        });
    }
    if total > 100 {
        return Err(Reason {
            id: "check-owners-total",
            args: vec![("total", total.to_string())],
        });
    }
    if out.is_empty() {
        return Err(reason("check-owners-format", 1));
    }
    Ok(out)
}

/// The owners with every document number masked, for the screen: in each entry's first part
/// (before `|`), a word with four digits or more is a number (`passport:E12345678` keeps its
/// prefix).
pub fn mask_beneficial_owners(text: &str) -> String {
    text.split_inclusive([';', '；', '\n'])
        .map(|entry| {
            let (head, tail) = match entry.find(['|', '｜']) {
                Some(at) => entry.split_at(at),
                None => (entry, ""),
            };
            let head = head
                .split(' ')
                .map(|w| {
                    let bare = w.trim_end_matches([';', '；', '\n']);
                    let number = bare.rsplit([':', '：']).next().unwrap_or(bare);
                    if number.chars().filter(char::is_ascii_digit).count() >= 4
                        && !number.ends_with(['%', '％'])
                    {
                        w.replacen(number, &validate::mask_number(number), 1)
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            format!("{head}{tail}")
        })
        .collect()
}

/// A checklist entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ChecklistItem {
    /// Stable id (key of [`Materials::documents`]).
    pub id: String,
    /// Display name.
    pub name: Text,
    types: Vec<MerchantType>,
    when: String,
    /// Must be provided.
    pub required: bool,
}

/// Whether and how a settlement account may be in another name (`assets/materials.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtherName {
    /// Never: the account is in the merchant's (operator's) own name.
    Never,
    /// A related unit's account, with proof of the fund-management relationship.
    RelatedUnit,
    /// With a 非法人结算授权书, where the acquirer accepts it.
    Acquirer,
}

/// The settlement-account holder rule of one merchant type.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct HolderRule {
    /// Merchant type.
    #[serde(rename = "type")]
    pub merchant_type: MerchantType,
    /// Account kinds allowed.
    pub accounts: Vec<AccountType>,
    /// Another holder's account.
    pub other_name: OtherName,
}

#[derive(Deserialize)]
struct ChecklistFile {
    #[serde(default)]
    holders: Vec<HolderRule>,
    items: Vec<ChecklistItem>,
}

fn checklist_file() -> &'static ChecklistFile {
    static FILE: std::sync::OnceLock<ChecklistFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        toml::from_str::<ChecklistFile>(MATERIALS_TOML).unwrap_or(ChecklistFile {
            holders: vec![],
            items: vec![],
        })
    })
}

/// The holder rule of a merchant type.
pub fn holder_rule(t: MerchantType) -> Option<&'static HolderRule> {
    checklist_file()
        .holders
        .iter()
        .find(|r| r.merchant_type == t)
}

/// All checklist items of the shipped file.
pub fn all_items() -> &'static [ChecklistItem] {
    &checklist_file().items
}

/// The documents this merchant must (or may) provide, in checklist order, before a merchant
/// category is chosen.
pub fn checklist(m: &Materials, merchant_name: &str) -> Vec<&'static ChecklistItem> {
    checklist_for(m, merchant_name, None)
}

/// The documents a merchant category asks for (checklist items with `when = "mcc"`): its
/// industry licence, a 公益类 category's non-profit proof, a 优惠类 one's proof of the trade.
pub fn mcc_documents(mcc: &super::catalog::Mcc) -> Vec<&'static str> {
    use super::catalog::MccCategory;
    let mut out: Vec<&'static str> = vec![];
    if let Some(l) = &mcc.licence {
        if let Some(item) = all_items().iter().find(|i| &i.id == l) {
            out.push(item.id.as_str());
        }
    }
    match mcc.category {
        MccCategory::Charity => out.push("non-profit-proof"),
        MccCategory::Discount => out.push("trade-proof"),
        MccCategory::Standard => {}
    }
    out
}

/// [`checklist`] with the chosen merchant category's documents (`mcc`, a code).
pub fn checklist_for(
    m: &Materials,
    merchant_name: &str,
    mcc: Option<&str>,
) -> Vec<&'static ChecklistItem> {
    let Some(t) = m.merchant_type else {
        return vec![];
    };
    let by_mcc = mcc
        .and_then(super::catalog::mcc)
        .map(mcc_documents)
        .unwrap_or_default();
    all_items()
        .iter()
        .filter(|i| i.types.contains(&t))
        .filter(|i| match i.when.as_str() {
            "always" => true,
            "company_account" => m.account_type == Some(AccountType::Company),
            "personal_account" => m.account_type == Some(AccountType::Personal),
            "related_unit" => m.related_unit && m.applies(Field::RelatedUnit, merchant_name),
            "sole_other_name" => m.needs_non_legal_person_settlement(merchant_name),
            "agent" => m.agent,
            "mcc" => by_mcc.contains(&i.id.as_str()),
            _ => false,
        })
        .collect()
}

/// Something still missing, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// A field is empty or not valid (field id).
    Field(Field),
    /// A field's warning needs confirming.
    Confirm(Field),
    /// A required document is missing.
    Document(&'static ChecklistItem),
}

/// Everything missing, fields first, then documents (before a merchant category is chosen).
pub fn gaps(m: &Materials, merchant_name: &str, today: NaiveDate) -> Vec<Gap> {
    gaps_for(m, merchant_name, None, today)
}

/// [`gaps`] with the documents the chosen merchant category (`mcc`) asks for.
pub fn gaps_for(
    m: &Materials,
    merchant_name: &str,
    mcc: Option<&str>,
    today: NaiveDate,
) -> Vec<Gap> {
    let mut out = vec![];
    for f in Field::ALL {
        let s = m.check(f, merchant_name, today);
        if s.ok() {
            continue;
        }
        out.push(if s.verdict == Some(Verdict::Warning) {
            Gap::Confirm(f)
        } else {
            Gap::Field(f)
        });
    }
    for item in checklist_for(m, merchant_name, mcc) {
        if item.required && !m.documents.contains_key(&item.id) {
            out.push(Gap::Document(item));
        }
    }
    out
}

/// Why a document file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// No such file.
    Missing,
    /// Not a file (a directory…).
    NotAFile,
    /// Cannot be read.
    Unreadable(String),
    /// Not an image or a PDF.
    WrongKind,
    /// Empty file.
    Empty,
    /// Larger than posbind reads (checked by its size, before reading).
    TooLarge,
}

impl FileProblem {
    /// Message id.
    pub fn message_id(&self) -> &'static str {
        match self {
            FileProblem::Missing => "file-missing",
            FileProblem::NotAFile => "file-not-a-file",
            FileProblem::Unreadable(_) => "file-unreadable",
            FileProblem::WrongKind => "file-wrong-kind",
            FileProblem::Empty => "file-empty",
            FileProblem::TooLarge => "file-too-large",
        }
    }
}

/// The kind of a document by its first bytes.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if head.starts_with(b"%PDF-") {
        Some("pdf")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn company() -> Materials {
        Materials {
            merchant_type: Some(MerchantType::Company),
            credit_code: "91440300708461136T".into(),
            legal_rep_name: "张三".into(),
            id_number: "11010519491231002X".into(),
            id_valid_until: "长期".into(),
            mobile: "18012341999".into(),
            address: "深圳市南山区科技园 1 号".into(),
            account_type: Some(AccountType::Company),
            bank_name: "招商银行".into(),
            branch_code: "308584000013".into(),
            account_number: "755912345610001".into(),
            holder_name: "好再来超市有限公司".into(),
            beneficial_owners: "张三 11010519491231002X 100%".into(),
            ..Materials::default()
        }
    }

    #[test]
    fn a_complete_company_needs_only_its_documents() {
        let m = company();
        let g = gaps(&m, "好再来超市有限公司", today());
        assert!(g.iter().all(|x| matches!(x, Gap::Document(_))), "{g:?}");
        let ids: Vec<&str> = checklist(&m, "好再来超市有限公司")
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        assert!(ids.contains(&"business-licence") && ids.contains(&"account-info"));
        assert!(!ids.contains(&"related-unit-proof"));
        assert!(!ids.contains(&"bank-card"));
    }

    fn ids_of(m: &Materials, name: &str) -> Vec<&'static str> {
        checklist(m, name).iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn a_company_may_not_settle_to_a_person_in_another_name() {
        let mut m = company();
        m.holder_name = "李四".into();
        let s = m.check(Field::HolderName, "好再来超市有限公司", today());
        assert_eq!(s.verdict, Some(Verdict::Invalid));
        assert_eq!(s.reasons[0].id, "rule-unit-other-name");
        assert!(!ids_of(&m, "好再来超市有限公司").contains(&"payee-id"));
    }

    #[test]
    fn a_company_may_settle_to_a_related_units_account_with_proof() {
        let mut m = company();
        assert!(
            !m.applies(Field::RelatedUnit, "好再来超市有限公司"),
            "not asked for the company's own account"
        );
        m.holder_name = "好再来集团有限公司".into();
        assert!(m.applies(Field::RelatedUnit, "好再来超市有限公司"));
        m.related_unit = true;
        let s = m.check(Field::HolderName, "好再来超市有限公司", today());
        assert_eq!(s.verdict, Some(Verdict::Valid));
        assert_eq!(s.reasons[0].id, "rule-related-unit-proof");
        let ids = ids_of(&m, "好再来超市有限公司");
        assert!(ids.contains(&"related-unit-proof"));
        assert!(
            !ids.contains(&"payee-id"),
            "proof of the relationship, not an ID card"
        );
    }

    #[test]
    fn a_case_file_from_before_identity_document_kinds_loads_as_a_resident_id() {
        // Written by a posbind without id_kind, nationality and birth_date.
        let old = r#"{"merchant_type":"company","id_number":"11010519491231002X"}"#;
        let m: Materials = serde_json::from_str(old).unwrap();
        assert_eq!(m.id_kind, validate::IdKind::ResidentId);
        // Unset, the new fields write nothing: an old case's fingerprints do not change.
        let j = serde_json::to_string(&m).unwrap();
        assert!(!j.contains("id_kind") && !j.contains("nationality") && !j.contains("birth_date"));
        assert!(!m.applies(Field::Nationality, "x") && !m.applies(Field::BirthDate, "x"));
    }

    #[test]
    fn beneficial_owners_with_other_documents_and_details_are_parsed_and_masked() {
        let text = "张三 11010519491231002X 60% | 中国 | 长期 | 深圳市南山区; John Smith passport:E12345678 控制 | GBR | 2031-05-01 | 香港";
        let owners = parse_beneficial_owners(text, today()).unwrap();
        assert_eq!(owners[1].id_kind, validate::IdKind::Passport);
        assert_eq!(owners[1].id_number, "E12345678");
        assert_eq!(owners[1].nationality, "GBR");
        assert_eq!(owners[0].valid_until, "long-term");
        let masked = mask_beneficial_owners(text);
        assert!(
            !masked.contains("E12345678") && !masked.contains("19491231"),
            "{masked}"
        );
        assert!(
            masked.contains("2031-05-01") && masked.contains("60%"),
            "{masked}"
        );
        assert_eq!(
            parse_beneficial_owners("张三 passport:E1 60%", today())
                .unwrap_err()
                .id,
            "check-owners-id"
        );
    }

    #[test]
    fn the_same_name_in_full_width_brackets_is_not_another_persons_account() {
        // The reviewer's case: the licence prints （）, the bank ().
        let mut m = company();
        m.holder_name = "好再来超市(深圳)有限公司".into();
        let s = m.check(Field::HolderName, "好再来超市（深圳）有限公司", today());
        assert_eq!(s.verdict, Some(Verdict::Valid), "{:?}", s.reasons);
        assert!(s.reasons.is_empty());
        assert!(!m.other_name_settlement("好再来超市（深圳）有限公司"));
    }

    #[test]
    fn a_micro_merchant_settles_only_to_the_operators_own_account() {
        let m = Materials {
            merchant_type: Some(MerchantType::Micro),
            legal_rep_name: "张三".into(),
            account_type: Some(AccountType::Personal),
            holder_name: "李四".into(),
            ..Materials::default()
        };
        let s = m.check(Field::HolderName, "张三便利店", today());
        assert_eq!(s.verdict, Some(Verdict::Invalid));
        assert_eq!(s.reasons[0].id, "rule-micro-other-name");
    }

    #[test]
    fn a_sole_proprietor_in_another_name_needs_the_acquirers_authorisation() {
        let mut m = company();
        m.merchant_type = Some(MerchantType::SoleProprietor);
        m.account_type = Some(AccountType::Personal);
        m.account_number = "6216261000000000018".into();
        m.holder_name = "李四".into();
        let s = m.check(Field::HolderName, "张三小吃店", today());
        assert_eq!(s.verdict, Some(Verdict::Valid));
        assert_eq!(s.reasons[0].id, "rule-sole-other-name");
        assert!(m.needs_non_legal_person_settlement("张三小吃店"));
        let ids = ids_of(&m, "张三小吃店");
        assert!(ids.contains(&"non-legal-person-authorisation") && ids.contains(&"payee-id"));
        // The operator's own card needs nothing of the sort.
        m.holder_name = "张三".into();
        assert!(!m.needs_non_legal_person_settlement("张三小吃店"));
        assert!(!ids_of(&m, "张三小吃店").contains(&"payee-id"));
    }

    #[test]
    fn a_company_declares_its_beneficial_owners() {
        let mut m = company();
        m.beneficial_owners.clear();
        assert!(gaps(&m, "x", today()).contains(&Gap::Field(Field::BeneficialOwners)));
        m.beneficial_owners = "张三 11010519491231002X 60%；李四 440524188001010014 控制".into();
        assert!(m.check(Field::BeneficialOwners, "x", today()).ok());
        let owners = parse_beneficial_owners(&m.beneficial_owners, today()).unwrap();
        assert_eq!(owners[0].basis, OwnerBasis::Share(60));
        assert_eq!(owners[1].basis, OwnerBasis::Control);
        let latin = parse_beneficial_owners("Zhang San 11010519491231002X 100%", today());
        assert_eq!(latin.unwrap()[0].name, "Zhang San");
        for (bad, id) in [
            ("张三 11010519491231002X 10%", "check-owners-share"),
            ("张三 11010519491231002Y 60%", "check-owners-id"),
            ("张三 60%", "check-owners-format"),
            (
                "张三 11010519491231002X 60%; 李四 440524188001010014 50%",
                "check-owners-total",
            ),
        ] {
            m.beneficial_owners = bad.into();
            let s = m.check(Field::BeneficialOwners, "x", today());
            assert_eq!(s.verdict, Some(Verdict::Invalid), "{bad}");
            assert_eq!(s.reasons[0].id, id, "{bad}");
        }
        assert_eq!(
            mask_beneficial_owners("张三 11010519491231002X 60%;"),
            "张三 110105********002X 60%;"
        );
        let micro = Materials {
            merchant_type: Some(MerchantType::Micro),
            ..Materials::default()
        };
        assert!(!micro.applies(Field::BeneficialOwners, "x"));
    }

    #[test]
    fn the_settlement_account_itself_is_proved_and_shop_photos_say_what_they_show() {
        let ids = ids_of(&company(), "好再来超市有限公司");
        assert!(ids.contains(&"account-info") && ids.contains(&"settlement-account-proof"));
        let front = all_items().iter().find(|i| i.id == "shop-front").unwrap();
        assert!(front.name.zh.contains("水印") && front.name.en.contains("watermark"));
    }

    #[test]
    fn a_class_ii_account_is_a_warning_and_a_credit_card_is_refused() {
        let mut m = company();
        m.merchant_type = Some(MerchantType::SoleProprietor);
        m.account_type = Some(AccountType::Personal);
        m.holder_name = "张三".into();
        m.account_number = "6225881414207430".into();
        assert!(m.check(Field::AccountClass, "x", today()).ok());
        m.class_ii = true;
        let s = m.check(Field::AccountClass, "x", today());
        assert_eq!(s.verdict, Some(Verdict::Warning));
        assert_eq!(s.reasons[0].id, "rule-class-ii-account");
        m.account_number = "6225760000000000".into();
        let s = m.check(Field::AccountNumber, "x", today());
        assert_eq!(s.verdict, Some(Verdict::Invalid));
        assert_eq!(s.reasons[0].id, "check-card-credit");
    }

    #[test]
    fn the_holder_rules_are_data() {
        assert_eq!(
            holder_rule(MerchantType::Company).unwrap().other_name,
            OtherName::RelatedUnit
        );
        assert_eq!(
            holder_rule(MerchantType::SoleProprietor)
                .unwrap()
                .other_name,
            OtherName::Acquirer
        );
        assert_eq!(
            holder_rule(MerchantType::Micro).unwrap().accounts,
            vec![AccountType::Personal]
        );
        assert!(MATERIALS_TOML.contains("银行卡收单业务管理办法"));
    }

    #[test]
    fn an_agent_adds_the_agent_items_and_micro_merchants_have_no_licence() {
        let mut m = company();
        m.agent = true;
        let ids: Vec<&str> = checklist(&m, "x").iter().map(|i| i.id.as_str()).collect();
        assert!(ids.contains(&"agent-id") && ids.contains(&"agent-letter"));
        let micro = Materials {
            merchant_type: Some(MerchantType::Micro),
            account_type: Some(AccountType::Personal),
            ..Materials::default()
        };
        let ids: Vec<&str> = checklist(&micro, "x")
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        assert!(
            !ids.contains(&"business-licence")
                && ids.contains(&"id-holding-photo")
                && ids.contains(&"bank-card")
        );
        assert!(
            !ids.contains(&"shop-cashier"),
            "micro: front and interior only"
        );
        assert!(!micro.applies(Field::CreditCode, "x"));
    }

    #[test]
    fn account_rules_and_warnings_needing_confirmation() {
        let mut m = company();
        m.account_type = Some(AccountType::Personal);
        assert_eq!(
            m.check(Field::AccountType, "x", today()).verdict,
            Some(Verdict::Invalid)
        );
        let mut m = company();
        m.credit_code = "91350100M0001TGQXM".into();
        assert_eq!(
            gaps(&m, "好再来超市有限公司", today())[0],
            Gap::Confirm(Field::CreditCode)
        );
        m.confirm(Field::CreditCode);
        assert!(m.check(Field::CreditCode, "x", today()).ok());
        m.credit_code = "91350203M0001QAY9B".into();
        assert!(
            !m.check(Field::CreditCode, "x", today()).ok(),
            "a changed value needs a new confirmation"
        );
    }

    #[test]
    fn a_company_with_a_15_digit_registration_number_is_refused() {
        let mut m = company();
        m.credit_code = "440301000000001".into();
        let s = m.check(Field::CreditCode, "x", today());
        assert_eq!(s.verdict, Some(Verdict::Invalid));
        m.merchant_type = Some(MerchantType::SoleProprietor);
        let s = m.check(Field::CreditCode, "x", today());
        assert_eq!(s.verdict, Some(Verdict::Warning));
    }
}
