//! The answers file: one TOML file that drives the same steps as the wizard, for unattended
//! runs and the field installer's fast path. Unknown keys and bad values are errors naming the
//! key and its line. Secrets (the terminal password) live in a separate file.

use serde::{Deserialize, Serialize};

use super::application::Channel;
use super::case::Case;
use super::materials::{AccountType, Field, MerchantType};
use super::validate::{self, Verdict};
use crate::i18n::Lang;
use crate::onboarding::test_result::Mode;

/// The answers file format version.
pub const ANSWERS_VERSION: u32 = 1;

/// Largest answers or secrets file posbind reads (bytes). A complete answers file is a few
/// kilobytes; the cap keeps a handed file from costing more than a glance.
pub const MAX_FILE_BYTES: u64 = 256 * 1024;
/// Most `[documents]` entries (the longest checklist has about a dozen items).
pub const MAX_DOCUMENTS: usize = 64;
/// Most `training.done` entries (there are six topics).
pub const MAX_TRAINING_TOPICS: usize = 32;
/// Most rounds of the test loop: the wizard offers up to 50, a soak run a few hundred; beyond
/// that the number is a typo (or 4294967295), not a plan.
pub const MAX_TEST_COUNT: u32 = 1000;
/// Longest id or path in `[documents]`, `training.done` and the other short keys (characters).
pub const MAX_SHORT_TEXT: usize = 4096;

/// The answers file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Format version.
    pub version: u32,
    /// UI and report language.
    #[serde(default)]
    pub lang: Option<Lang>,
    /// The merchant.
    pub merchant: MerchantAnswers,
    /// Legal representative / operator.
    pub legal_rep: LegalRepAnswers,
    /// Settlement account.
    pub settlement: SettlementAnswers,
    /// Chosen institution.
    pub institution: InstitutionAnswers,
    /// Application.
    pub application: ApplicationAnswers,
    /// Contract consent.
    #[serde(default)]
    pub contract: ContractAnswers,
    /// Approval data from the institution.
    #[serde(default)]
    pub approval: Option<ApprovalAnswers>,
    /// The terminal.
    #[serde(default)]
    pub device: Option<DeviceAnswers>,
    /// The test loop.
    #[serde(default)]
    pub test: TestAnswers,
    /// What a person did and saw on a terminal without a cash-register link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonAnswers>,
    /// Document files: checklist item id → path.
    #[serde(default)]
    pub documents: std::collections::BTreeMap<String, String>,
    /// Training topics already given (ids).
    #[serde(default)]
    pub training: TrainingAnswers,
}

/// `[merchant]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MerchantAnswers {
    /// company | sole_proprietor | micro.
    #[serde(rename = "type")]
    pub kind: MerchantType,
    /// Registered name.
    pub name: String,
    /// 统一社会信用代码 (not for micro).
    #[serde(default)]
    pub credit_code: String,
    /// Merchant category code.
    pub mcc: String,
    /// Business address (also the install address).
    pub address: String,
    /// An agent applies.
    #[serde(default)]
    pub agent: bool,
    /// Beneficial owners of a company (受益所有人): `name ID share-or-control; …`.
    #[serde(default)]
    pub beneficial_owners: String,
}

/// `[legal_rep]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalRepAnswers {
    /// Name.
    pub name: String,
    /// Kind of identity document: resident_id (the default) | passport | hk_macao_permit |
    /// taiwan_permit | foreign_permanent.
    #[serde(default, skip_serializing_if = "validate::IdKind::is_resident_id")]
    pub id_kind: validate::IdKind,
    /// ID number.
    pub id_number: String,
    /// Validity end date, or `long-term`.
    pub id_valid_until: String,
    /// Nationality (passport, permanent residence ID).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nationality: String,
    /// Date of birth, `YYYY-MM-DD` (documents whose number does not carry it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub birth_date: String,
    /// Mobile.
    pub mobile: String,
}

/// `[settlement]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettlementAnswers {
    /// company | personal.
    pub account_type: AccountType,
    /// Bank.
    pub bank_name: String,
    /// 联行号 (company accounts).
    #[serde(default)]
    pub branch_code: String,
    /// Account or card number.
    pub account_number: String,
    /// Holder name.
    pub holder_name: String,
    /// A company's account in another name belongs to a related unit (proof required).
    #[serde(default)]
    pub related_unit: bool,
    /// The personal account is a Class II account (Ⅱ类户): a warning.
    #[serde(default)]
    pub class_ii: bool,
}

/// `[institution]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionAnswers {
    /// Catalog id.
    pub id: String,
}

/// `[application]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationAnswers {
    /// online | mail.
    pub channel: Channel,
    /// POS type id.
    pub pos_type: String,
    /// Number of terminals.
    pub devices: u32,
    /// Install address, when it differs from the business address.
    #[serde(default)]
    pub install_address: String,
    /// The install location as `latitude, longitude` (mainland China).
    #[serde(default)]
    pub install_location: String,
}

/// `[contract]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ContractAnswers {
    /// The merchant agreed to the offer and every fee in it (the run lists them).
    #[serde(default)]
    pub agree: bool,
    /// The offer's warnings the merchant accepted, each by its key (`deposit`, `data-fee`,
    /// `settlement-fee`, `withdrawal-fee`, `below-cost-debit`, `fee:NAME`…; the run names the
    /// key of each one not accepted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
    /// Fees in the signed contract that the offer does not list (the wizard's "add a fee"),
    /// consented to with `agree`; a replay file keeps them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_fees: Vec<ExtraFee>,
}

/// `[[contract.extra_fees]]`: a fee the contract adds to the offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraFee {
    /// What it is, as the contract names it.
    pub name: String,
    /// How much, in yuan.
    pub yuan: f64,
}

/// Most `[[contract.extra_fees]]` entries.
pub const MAX_EXTRA_FEES: usize = 32;
/// Largest extra fee accepted, yuan: more is a typo, not a fee.
pub const MAX_EXTRA_FEE_YUAN: f64 = 1_000_000.0;

impl ExtraFee {
    /// Whether the entry can go into a contract: a name (free-text rule) and an amount in range.
    pub fn valid(&self) -> bool {
        !self.name.trim().is_empty()
            && super::free_text::check(&self.name, super::free_text::MAX_NAME).is_ok()
            && self.yuan.is_finite()
            && (0.0..=MAX_EXTRA_FEE_YUAN).contains(&self.yuan)
    }
}

/// `[approval]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalAnswers {
    /// Merchant number.
    pub mid: String,
    /// Terminal ID.
    pub tid: String,
}

/// `[device]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceAnswers {
    /// Serial number as on the label.
    pub serial_number: String,
    /// Who read the serial number from the terminal's own screen or label, for a terminal that
    /// does not report it over ZVT (e.g. `"installer"`); ignored when the terminal reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_confirmed_by: Option<String>,
    /// The 收单外包服务机构 installing the terminal (the installer's company).
    #[serde(default)]
    pub outsourcer: String,
    /// A wireless terminal on a cable with a cash-register link (ZVT or a driver); without
    /// it a wireless terminal is activated and tested by a person, like a 电签 POS.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cash_register_link: bool,
}

/// `[person]`: for a terminal without a cash-register link (电签 POS, smart POS, MPOS, a
/// wireless terminal without a link, a QR code), what the installer did on the device and who
/// confirms it. `posbind run` records each step as confirmed by this person, never as verified
/// by a terminal, and opens no port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonAnswers {
    /// Who confirms (a name or a role).
    pub confirmed_by: String,
    /// The steps done on the device, by id (`activation-code`, `key-download`, `sign-on`;
    /// `bind-mid` for a QR code).
    #[serde(default)]
    pub done: Vec<super::person::PersonStep>,
    /// The sign-on slip as printed (MID, TID, serial number); for a QR code the MID the code is
    /// bound to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slip: Option<super::person::SlipFacts>,
    /// The first receipt of the test payment (0.01 yuan) that was voided (a QR payment:
    /// refunded): MID, TID and reference (or order) number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<super::person::SlipFacts>,
}

/// `[test]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestAnswers {
    /// connectivity | payment.
    #[serde(default = "default_mode")]
    pub mode: Mode,
    /// Rounds, when given (1 to the limit); see [`TestAnswers::count_for`] for the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// With `mode = "connectivity"`: no test card is at hand, so a payment test is not
    /// possible. Recorded in the case and shown on the report; without it a connectivity test
    /// does not prove the terminal.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_test_card: bool,
    /// The pass rule's limit on what the terminal and host take at the 95th percentile, in
    /// ms (the cardholder's time left out); the mode's default when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p95_ms: Option<u64>,
}

impl Default for TestAnswers {
    fn default() -> Self {
        TestAnswers {
            mode: default_mode(),
            count: None,
            no_test_card: false,
            p95_ms: None,
        }
    }
}

impl TestAnswers {
    /// The p95 limit of the pass rule, ms.
    pub fn p95_limit_ms(&self) -> u64 {
        self.p95_ms
            .unwrap_or_else(|| super::test_result::default_p95_ms(self.mode))
    }

    /// The rounds to run on `port`: the count given, else one payment and its void on a real
    /// terminal (a larger count must be written explicitly), else 5.
    pub fn count_for(&self, port: &str) -> u32 {
        if let Some(n) = self.count {
            return n;
        }
        super::device::default_test_count(
            self.mode,
            super::device::is_real_terminal(port),
            default_count(),
        )
    }
}

fn default_mode() -> Mode {
    Mode::Connectivity
}

fn default_count() -> u32 {
    5
}

/// `[training]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TrainingAnswers {
    /// Topic ids the installer has gone through with the merchant.
    #[serde(default)]
    pub done: Vec<String>,
}

/// The secrets file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Secrets {
    /// The terminal password (an 电签 terminal's activation code).
    pub password: Option<String>,
}

/// A problem with one key of the answers file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    /// Dotted key (`legal_rep.id_number`).
    pub key: String,
    /// Line in the file, when found.
    pub line: Option<usize>,
    /// Message id.
    pub id: &'static str,
    /// Arguments.
    pub args: Vec<(&'static str, String)>,
    /// A warning that `--accept-warnings` accepts (otherwise an error).
    pub warning: bool,
}

/// Where each `table.key` of an answers file first appears (1-based lines), found in one pass
/// so that naming the line of every problem stays linear in the file's size.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    lines: std::collections::HashMap<String, usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut lines = std::collections::HashMap::new();
        let mut table = String::new();
        for (i, l) in text.lines().enumerate() {
            let t = l.trim();
            if t.starts_with('[') {
                let name = t.split('#').next().unwrap_or(t).trim();
                table = name
                    .trim_matches(|c| c == '[' || c == ']')
                    .trim()
                    .to_string();
                continue;
            }
            if !t.contains('=') {
                continue;
            }
            let name = t.split('=').next().unwrap_or("").trim().trim_matches('"');
            let key = if table.is_empty() {
                name.to_string()
            } else {
                format!("{table}.{name}")
            };
            lines.entry(key).or_insert(i + 1);
        }
        LineIndex { lines }
    }

    /// The line of `key` (`table.key`, or a top-level key), if present.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.lines.get(key).copied()
    }
}

/// The `lang` an answers file declares at its top level, read line by line so that it is found
/// even when the rest of the file does not parse: problems with the file are told in its own
/// language unless `--lang` says otherwise.
pub fn declared_lang(text: &str) -> Option<Lang> {
    for l in text.lines() {
        let t = l.trim();
        if t.starts_with('[') {
            return None;
        }
        let Some((key, value)) = t.split_once('=') else {
            continue;
        };
        if key.trim().trim_matches('"') == "lang" {
            let value = value.split('#').next().unwrap_or("").trim();
            return Lang::parse(value.trim_matches(|c| c == '"' || c == '\''));
        }
    }
    None
}

/// Finds the line of `table.key` in the file text (1-based). For one look-up; many look-ups
/// share a [`LineIndex`].
pub fn line_of(text: &str, key: &str) -> Option<usize> {
    LineIndex::new(text).get(key)
}

/// Parses the file; a syntax error, an unknown key or a wrong type is an error with the TOML
/// parser's own line and key. A file over [`MAX_FILE_BYTES`] is refused unparsed.
pub fn parse(text: &str) -> Result<Answers, String> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("larger than {MAX_FILE_BYTES} bytes"));
    }
    let a: Answers = toml::from_str(text).map_err(|e| e.to_string())?;
    if a.version != ANSWERS_VERSION {
        return Err(format!(
            "version = {}: this posbind reads version {ANSWERS_VERSION}",
            a.version
        ));
    }
    Ok(a)
}

/// Why a file does not parse as an answers file, as a key and its line, so that the message
/// can be told in the user's language: an unknown key, a missing key, or a value of the wrong
/// type or not among those allowed. `None` when the file parses, or for what the parser cannot
/// place on a key (a syntax error; its own message says where).
pub fn parse_problem(text: &str) -> Option<KeyProblem> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return None;
    }
    let e = toml::from_str::<Answers>(text).err()?;
    let start = e.span()?.start.min(text.len());
    let line = text[..start].matches('\n').count() + 1;
    let (table, key) = key_at(text, line);
    let msg = e.message();
    let quoted = |rest: &str| rest.split('`').next().unwrap_or("").to_string();
    let join = |t: &str, k: &str| {
        if t.is_empty() {
            k.to_string()
        } else {
            format!("{t}.{k}")
        }
    };
    let (key, id, args) = if let Some(rest) = msg.strip_prefix("unknown field `") {
        (join(&table, &quoted(rest)), "answers-unknown-key", vec![])
    } else if let Some(rest) = msg.strip_prefix("missing field `") {
        (join(&table, &quoted(rest)), "answers-missing-value", vec![])
    } else if ["invalid type", "invalid value", "unknown variant"]
        .iter()
        .any(|p| msg.starts_with(p))
    {
        // The parser's own words name the allowed values: kept, quoted, as the detail.
        let detail = msg.lines().next().unwrap_or("").to_string();
        (
            join(&table, &key?),
            "answers-bad-value",
            vec![("detail", detail)],
        )
    } else {
        return None;
    };
    Some(KeyProblem {
        key,
        line: Some(line),
        id,
        args,
        warning: false,
    })
}

/// The table in force at `line` (1-based) and the key written on that line, if any.
fn key_at(text: &str, line: usize) -> (String, Option<String>) {
    let mut table = String::new();
    for (i, l) in text.lines().enumerate().take(line) {
        let t = l.trim();
        if t.starts_with('[') {
            let name = t.split('#').next().unwrap_or(t).trim();
            table = name
                .trim_matches(|c| c == '[' || c == ']')
                .trim()
                .to_string();
            continue;
        }
        if i + 1 == line {
            let key = t.split('=').next().unwrap_or("").trim().trim_matches('"');
            return (
                table,
                (!key.is_empty() && t.contains('=')).then(|| key.to_string()),
            );
        }
    }
    (table, None)
}

/// A problem with a secrets file. It names the key and the line, never a value: the file holds
/// the terminal password, and a message may end up in a terminal log or a screenshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretsProblem {
    /// Not TOML (at this line, when known).
    Syntax {
        /// 1-based line.
        line: Option<usize>,
    },
    /// A key posbind does not know.
    UnknownKey {
        /// The key, as written.
        key: String,
        /// 1-based line.
        line: Option<usize>,
    },
    /// A known key whose value is not a string.
    NotAString {
        /// The key.
        key: &'static str,
        /// 1-based line.
        line: Option<usize>,
    },
    /// Over [`MAX_FILE_BYTES`].
    TooLarge,
}

impl SecretsProblem {
    /// The message id and arguments for showing this problem.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        let line = |l: &Option<usize>| l.map_or_else(|| "?".to_string(), |l| l.to_string());
        match self {
            SecretsProblem::Syntax { line: l } => ("secrets-syntax", vec![("line", line(l))]),
            SecretsProblem::UnknownKey { key, line: l } => (
                "secrets-unknown-key",
                vec![("key", short(key)), ("line", line(l))],
            ),
            SecretsProblem::NotAString { key, line: l } => (
                "secrets-not-a-string",
                vec![("key", key.to_string()), ("line", line(l))],
            ),
            SecretsProblem::TooLarge => (
                "secrets-too-large",
                vec![("max", MAX_FILE_BYTES.to_string())],
            ),
        }
    }
}

/// A key as the file wrote it, cut short: a misplaced password could be a key too.
fn short(key: &str) -> String {
    let mut k: String = key.chars().take(32).collect();
    if k.len() < key.len() {
        k.push('…');
    }
    k
}

/// Parses the secrets file without ever copying a value into an error: the TOML parser's own
/// messages quote the offending text, so they are replaced by the key and line.
pub fn parse_secrets(text: &str) -> Result<Secrets, SecretsProblem> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SecretsProblem::TooLarge);
    }
    let line_at = |offset: usize| {
        let head = &text.as_bytes()[..offset.min(text.len())];
        head.iter().filter(|b| **b == b'\n').count() + 1
    };
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| SecretsProblem::Syntax {
            line: e.span().map(|s| line_at(s.start)),
        })?;
    let index = LineIndex::new(text);
    let mut secrets = Secrets::default();
    for (key, value) in table {
        match (key.as_str(), value) {
            ("password", toml::Value::String(p)) => secrets.password = Some(p),
            ("password", _) => {
                return Err(SecretsProblem::NotAString {
                    key: "password",
                    line: index.get("password"),
                })
            }
            _ => {
                let line = index.get(&key);
                return Err(SecretsProblem::UnknownKey { key, line });
            }
        }
    }
    Ok(secrets)
}

const FIELD_KEYS: [(Field, &str); 15] = [
    (Field::CreditCode, "merchant.credit_code"),
    (Field::LegalRepName, "legal_rep.name"),
    (Field::IdKind, "legal_rep.id_kind"),
    (Field::IdNumber, "legal_rep.id_number"),
    (Field::IdValidUntil, "legal_rep.id_valid_until"),
    (Field::Nationality, "legal_rep.nationality"),
    (Field::BirthDate, "legal_rep.birth_date"),
    (Field::Mobile, "legal_rep.mobile"),
    (Field::Address, "merchant.address"),
    (Field::BankName, "settlement.bank_name"),
    (Field::BranchCode, "settlement.branch_code"),
    (Field::AccountNumber, "settlement.account_number"),
    (Field::HolderName, "settlement.holder_name"),
    (Field::AccountClass, "settlement.class_ii"),
    (Field::BeneficialOwners, "merchant.beneficial_owners"),
];

/// The answers key of a materials field.
pub fn key_of(f: Field) -> &'static str {
    FIELD_KEYS
        .iter()
        .find(|(g, _)| *g == f)
        .map(|(_, k)| *k)
        .unwrap_or("merchant.type")
}

/// Fills `case` from the answers (the same fields the wizard's steps fill) and returns every
/// problem, each naming its key. Warnings are confirmed in the case only when `accept_warnings`.
pub fn apply(
    a: &Answers,
    text: &str,
    case: &mut Case,
    accept_warnings: bool,
    today: chrono::NaiveDate,
) -> Vec<KeyProblem> {
    let lines = LineIndex::new(text);
    let mut problems = limits(a, &lines);
    free_text_problems(a, &lines, &mut problems);
    let m = &mut case.materials;
    m.merchant_type = Some(a.merchant.kind);
    m.agent = a.merchant.agent;
    m.related_unit = a.settlement.related_unit;
    m.class_ii = a.settlement.class_ii;
    m.account_type = Some(a.settlement.account_type);
    // The kind first: it decides how the number is normalised.
    m.id_kind = a.legal_rep.id_kind;
    let values = [
        (Field::CreditCode, &a.merchant.credit_code),
        (Field::LegalRepName, &a.legal_rep.name),
        (Field::IdNumber, &a.legal_rep.id_number),
        (Field::IdValidUntil, &a.legal_rep.id_valid_until),
        (Field::Nationality, &a.legal_rep.nationality),
        (Field::BirthDate, &a.legal_rep.birth_date),
        (Field::Mobile, &a.legal_rep.mobile),
        (Field::Address, &a.merchant.address),
        (Field::BankName, &a.settlement.bank_name),
        (Field::BranchCode, &a.settlement.branch_code),
        (Field::AccountNumber, &a.settlement.account_number),
        (Field::HolderName, &a.settlement.holder_name),
        (Field::BeneficialOwners, &a.merchant.beneficial_owners),
    ];
    for (f, v) in values {
        m.set_text(f, v);
    }
    for f in Field::ALL {
        let s = case.materials.check(f, &case.merchant.name, today);
        if !s.applies {
            continue;
        }
        let key = key_of(f).to_string();
        let line = lines.get(&key);
        match s.verdict {
            None => problems.push(KeyProblem {
                key,
                line,
                id: "answers-missing-value",
                args: vec![],
                warning: false,
            }),
            Some(v @ (Verdict::Invalid | Verdict::Warning)) => {
                let warning = v == Verdict::Warning;
                for r in s.reasons {
                    problems.push(KeyProblem {
                        key: key.clone(),
                        line,
                        id: r.id,
                        args: r.args,
                        warning,
                    });
                }
                if warning && accept_warnings {
                    case.materials.confirm(f);
                }
            }
            Some(Verdict::Valid) => {}
        }
    }
    if super::catalog::mcc(&a.merchant.mcc).is_none() {
        problems.push(KeyProblem {
            key: "merchant.mcc".into(),
            line: lines.get("merchant.mcc"),
            id: "answers-unknown-mcc",
            args: vec![("mcc", a.merchant.mcc.clone())],
            warning: false,
        });
    }
    case.application.mcc = Some(a.merchant.mcc.clone());
    case.application.channel = Some(a.application.channel);
    // No install address: the terminal goes to the business address, and the application
    // says so itself (as the wizard's does), so that it and the binding name the same place.
    case.application.install_address = match a.application.install_address.trim() {
        "" => a.merchant.address.trim().to_string(),
        given => given.to_string(),
    };
    if !a.application.install_location.trim().is_empty() {
        let c = validate::coordinates(&a.application.install_location);
        case.binding.location = c.value;
        for r in c.reasons {
            problems.push(KeyProblem {
                key: "application.install_location".into(),
                line: line_of(text, "application.install_location"),
                id: r.id,
                args: r.args,
                warning: false,
            });
        }
    }
    if let Some(ap) = &a.approval {
        for (key, c) in [
            (
                "approval.mid",
                validate::mid(&ap.mid, Some(&a.merchant.mcc)).verdict,
            ),
            ("approval.tid", validate::tid(&ap.tid).verdict),
        ] {
            if c != Verdict::Valid {
                let warning = c == Verdict::Warning;
                problems.push(KeyProblem {
                    key: key.into(),
                    line: lines.get(key),
                    id: if warning {
                        "answers-mid-mcc"
                    } else {
                        "answers-bad-approval"
                    },
                    args: vec![],
                    warning,
                });
            }
        }
    }
    if let Some(d) = &a.device {
        if super::device::normalize_serial(&d.serial_number).is_empty() {
            problems.push(KeyProblem {
                key: "device.serial_number".into(),
                line: lines.get("device.serial_number"),
                id: "answers-missing-value",
                args: vec![],
                warning: false,
            });
        }
        case.binding.serial_label = d.serial_number.trim().to_string();
        case.binding.outsourcer = d.outsourcer.trim().to_string();
        case.activation.register_link = d.cash_register_link;
    }
    // Over the cap, the entries are not looked at one by one (the cap was reported).
    let topics = if a.training.done.len() <= MAX_TRAINING_TOPICS {
        a.training.done.as_slice()
    } else {
        &[]
    };
    for t in topics {
        if super::device::topics().iter().any(|x| &x.id == t) {
            case.training.done.insert(t.clone());
        } else {
            problems.push(KeyProblem {
                key: "training.done".into(),
                line: lines.get("training.done"),
                id: "answers-unknown-topic",
                args: vec![("topic", t.clone())],
                warning: false,
            });
        }
    }
    if a.contract.extra_fees.iter().any(|f| !f.valid()) {
        problems.push(KeyProblem {
            key: "contract.extra_fees".into(),
            line: lines.get("contract.extra_fees.name"),
            id: "answers-extra-fee",
            args: vec![("max", super::catalog::fmt_yuan(MAX_EXTRA_FEE_YUAN))],
            warning: false,
        });
    }
    if a.application.devices == 0 || a.application.devices > super::case::MAX_DEVICES {
        problems.push(KeyProblem {
            key: "application.devices".into(),
            line: lines.get("application.devices"),
            id: "missing-device-count",
            args: vec![],
            warning: false,
        });
    }
    problems
}

/// The size and count limits: lists longer than anyone needs, a test loop longer than an
/// installer waits for, and ids or paths longer than a file system takes.
fn limits(a: &Answers, lines: &LineIndex) -> Vec<KeyProblem> {
    let mut problems = vec![];
    let mut over = |key: &str, max: String| {
        problems.push(KeyProblem {
            key: key.to_string(),
            line: lines.get(key),
            id: "answers-too-many",
            args: vec![("max", max)],
            warning: false,
        })
    };
    if a.documents.len() > MAX_DOCUMENTS {
        over("documents", MAX_DOCUMENTS.to_string());
    }
    if a.training.done.len() > MAX_TRAINING_TOPICS {
        over("training.done", MAX_TRAINING_TOPICS.to_string());
    }
    if a.contract.extra_fees.len() > MAX_EXTRA_FEES {
        over("contract.extra_fees", MAX_EXTRA_FEES.to_string());
    }
    // An absent count is the default (one payment on a real terminal); a count written must
    // be in range.
    if a.test
        .count
        .is_some_and(|n| !(1..=MAX_TEST_COUNT).contains(&n))
    {
        problems.push(KeyProblem {
            key: "test.count".into(),
            line: lines.get("test.count"),
            id: "answers-test-count",
            args: vec![("max", MAX_TEST_COUNT.to_string())],
            warning: false,
        });
    }
    let short_texts = a
        .documents
        .iter()
        .flat_map(|(k, v)| [("documents", k), ("documents", v)])
        .chain(a.training.done.iter().map(|t| ("training.done", t)))
        .chain([
            ("merchant.mcc", &a.merchant.mcc),
            ("institution.id", &a.institution.id),
            ("application.pos_type", &a.application.pos_type),
        ]);
    for (key, value) in short_texts {
        if let Err(p) = super::free_text::check(value, MAX_SHORT_TEXT) {
            let (id, args) = p.message();
            problems.push(KeyProblem {
                key: key.into(),
                line: lines.get(key),
                id,
                args,
                warning: false,
            });
            break;
        }
    }
    problems
}

/// The free-text rule for the fields the materials check does not cover (the merchant name,
/// the install address, the serial number's label and who confirmed it); the others are checked
/// with the materials.
fn free_text_problems(a: &Answers, lines: &LineIndex, problems: &mut Vec<KeyProblem>) {
    use super::free_text::{check, MAX_ADDRESS, MAX_NAME, MAX_SERIAL_LABEL};
    let mut push = |key: &str, id: &'static str, args: Vec<(&'static str, String)>| {
        problems.push(KeyProblem {
            key: key.into(),
            line: lines.get(key),
            id,
            args,
            warning: false,
        })
    };
    if let Err(id) = super::case::check_merchant_name(&a.merchant.name) {
        push("merchant.name", id, vec![]);
    }
    if let Err(p) = check(&a.application.install_address, MAX_ADDRESS) {
        let (id, args) = p.message();
        push("application.install_address", id, args);
    }
    if let Some(d) = &a.device {
        if let Err(p) = check(&d.serial_number, MAX_SERIAL_LABEL) {
            let (id, args) = p.message();
            push("device.serial_number", id, args);
        }
        if let Some(Err(p)) = d.serial_confirmed_by.as_deref().map(|w| check(w, MAX_NAME)) {
            let (id, args) = p.message();
            push("device.serial_confirmed_by", id, args);
        }
        if let Err(p) = check(&d.outsourcer, MAX_NAME) {
            let (id, args) = p.message();
            push("device.outsourcer", id, args);
        }
    }
}

/// A replay answers file for the next merchant, from a case (no secrets).
pub fn from_case(case: &Case) -> String {
    let m = &case.materials;
    let a = Answers {
        version: ANSWERS_VERSION,
        lang: Some(case.lang),
        merchant: MerchantAnswers {
            kind: m.merchant_type.unwrap_or(MerchantType::Company),
            name: case.merchant.name.clone(),
            credit_code: m.credit_code.clone(),
            mcc: case.application.mcc.clone().unwrap_or_default(),
            address: m.address.clone(),
            agent: m.agent,
            beneficial_owners: m.beneficial_owners.clone(),
        },
        legal_rep: LegalRepAnswers {
            name: m.legal_rep_name.clone(),
            id_kind: m.id_kind,
            id_number: m.id_number.clone(),
            id_valid_until: m.id_valid_until.clone(),
            nationality: m.nationality.clone(),
            birth_date: m.birth_date.clone(),
            mobile: m.mobile.clone(),
        },
        settlement: SettlementAnswers {
            account_type: m.account_type.unwrap_or(AccountType::Company),
            bank_name: m.bank_name.clone(),
            branch_code: m.branch_code.clone(),
            account_number: m.account_number.clone(),
            holder_name: m.holder_name.clone(),
            related_unit: m.related_unit,
            class_ii: m.class_ii,
        },
        institution: InstitutionAnswers {
            id: case
                .institution
                .as_ref()
                .map(|i| i.id.clone())
                .unwrap_or_default(),
        },
        application: ApplicationAnswers {
            channel: case.application.channel.unwrap_or(Channel::Online),
            pos_type: case
                .pos
                .as_ref()
                .map(|p| p.pos_type.clone())
                .unwrap_or_default(),
            devices: case.pos.as_ref().map(|p| p.count).unwrap_or(1),
            install_address: case.application.install_address.clone(),
            install_location: case
                .binding
                .location
                .map(|p| format!("{}, {}", p.lat, p.lon))
                .unwrap_or_default(),
        },
        contract: ContractAnswers {
            agree: case.contract.as_ref().is_some_and(|c| c.complete()),
            // The warnings accepted travel with the file, each by its key.
            accept: case
                .contract
                .iter()
                .flat_map(|c| &c.accepted_warnings)
                .map(|w| w.key.clone())
                .collect(),
            // The fees added to the offer and consented to travel with the file.
            extra_fees: case
                .contract
                .iter()
                .flat_map(|c| &c.fees)
                .filter(|f| f.undisclosed && f.consented)
                .map(|f| ExtraFee {
                    name: f.name.get(case.lang).to_string(),
                    yuan: f.yuan,
                })
                .collect(),
        },
        approval: case.approval().map(|(mid, tid)| ApprovalAnswers {
            mid: mid.into(),
            tid: tid.into(),
        }),
        device: (!case.binding.serial_label.is_empty()).then(|| DeviceAnswers {
            serial_number: case.binding.serial_label.clone(),
            serial_confirmed_by: match &case.activation.serial_confirmed {
                Some(super::device::SerialConfirmation::Person { who, .. }) => Some(who.clone()),
                _ => None,
            },
            outsourcer: case.binding.outsourcer.clone(),
            cash_register_link: case.activation.register_link,
        }),
        person: person_answers(case),
        test: TestAnswers {
            mode: case
                .test
                .as_ref()
                .map(|t| t.summary.mode)
                .unwrap_or(Mode::Connectivity),
            count: case.test.as_ref().map(|t| t.summary.count),
            no_test_card: case.test_waiver.is_some(),
            p95_ms: None,
        },
        documents: m
            .documents
            .iter()
            .map(|(k, d)| (k.clone(), d.path.clone()))
            .collect(),
        training: TrainingAnswers {
            done: case.training.done.iter().cloned().collect(),
        },
    };
    let body = toml::to_string_pretty(&a).unwrap_or_default();
    format!(
        "# posbind replay answers of case {} (no secrets). Edit for the next merchant.\n{body}",
        case.id
    )
}

/// The commented template with every key, valid for the shipped catalog.
pub const TEMPLATE: &str = include_str!("../../assets/answers-template.toml");

/// The `[person]` table of a case a person activated (for the replay file).
fn person_answers(case: &Case) -> Option<PersonAnswers> {
    let p = &case.activation.person;
    let who = p
        .steps
        .values()
        .next_back()
        .map(|c| c.who.clone())
        .or_else(|| case.person_test.as_ref().map(|t| t.payment.who.clone()))?;
    Some(PersonAnswers {
        confirmed_by: who,
        done: p.steps.keys().copied().collect(),
        slip: p.slip.clone(),
        receipt: case.person_test.as_ref().map(|t| t.receipt.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn the_template_parses_and_fills_a_complete_case() {
        let a = parse(TEMPLATE).expect("template");
        let mut c = Case::new(&a.merchant.name, Lang::ZhCn, false, chrono::Utc::now());
        let problems = apply(&a, TEMPLATE, &mut c, false, today());
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            c.check_step_on(super::super::Step::Materials, today())
                .is_err(),
            "documents still missing"
        );
    }

    #[test]
    fn bad_values_name_their_key_and_line() {
        let text = TEMPLATE.replace("11010519491231002X", "11010519491231002Y");
        let a = parse(&text).unwrap();
        let mut c = Case::new("x", Lang::En, false, chrono::Utc::now());
        let p = apply(&a, &text, &mut c, false, today());
        let id = p
            .iter()
            .find(|p| p.key == "legal_rep.id_number")
            .expect("id problem");
        assert_eq!(id.line, line_of(&text, "legal_rep.id_number"));
        assert!(id.line.unwrap() > 1);
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_errors_with_lines() {
        let unknown = TEMPLATE.replace("[legal_rep]\n", "[legal_rep]\nshoe_size = 42\n");
        let e = parse(&unknown).unwrap_err();
        assert!(e.contains("shoe_size") && e.contains("line"), "{e}");
        let wrong = TEMPLATE.replace("devices = 1", "devices = \"one\"");
        let e = parse(&wrong).unwrap_err();
        assert!(e.contains("devices") && e.contains("line"), "{e}");
    }

    #[test]
    fn warnings_are_confirmed_only_when_accepted() {
        let text = TEMPLATE.replace("91440300708461136T", "91350100M0001TGQXM");
        let a = parse(&text).unwrap();
        let mut c = Case::new("x", Lang::En, false, chrono::Utc::now());
        let p = apply(&a, &text, &mut c, false, today());
        assert!(p
            .iter()
            .any(|p| p.warning && p.key == "merchant.credit_code"));
        assert!(!c.materials.check(Field::CreditCode, "x", today()).ok());
        let mut c = Case::new("x", Lang::En, false, chrono::Utc::now());
        apply(&a, &text, &mut c, true, today());
        assert!(c.materials.check(Field::CreditCode, "x", today()).ok());
    }

    #[test]
    fn a_file_that_does_not_parse_names_the_key_and_line() {
        let unknown = TEMPLATE.replace("[legal_rep]\n", "[legal_rep]\nshoe_size = 42\n");
        let p = parse_problem(&unknown).expect("unknown key");
        assert_eq!(p.key, "legal_rep.shoe_size");
        assert_eq!(p.id, "answers-unknown-key");
        assert_eq!(p.line, line_of(&unknown, "legal_rep.shoe_size"));
        let wrong = TEMPLATE.replace("devices = 1", "devices = \"one\"");
        let p = parse_problem(&wrong).expect("wrong type");
        assert_eq!(
            (p.key.as_str(), p.id),
            ("application.devices", "answers-bad-value")
        );
        assert_eq!(p.line, line_of(&wrong, "application.devices"));
        let fax = TEMPLATE.replace("channel = \"online\"", "channel = \"fax\"");
        let p = parse_problem(&fax).expect("unknown variant");
        assert_eq!(p.key, "application.channel");
        assert!(p.args[0].1.contains("fax"), "{:?}", p.args);
        let missing = TEMPLATE.replace("name = \"好再来超市有限公司\"\n", "");
        let p = parse_problem(&missing).expect("missing key");
        assert_eq!(
            (p.key.as_str(), p.id),
            ("merchant.name", "answers-missing-value")
        );
        assert!(parse_problem(TEMPLATE).is_none());
    }

    #[test]
    fn lists_counts_and_sizes_have_caps() {
        let mut a = parse(TEMPLATE).unwrap();
        let caps = |a: &Answers| {
            let mut c = Case::new("x", Lang::En, false, chrono::Utc::now());
            apply(a, TEMPLATE, &mut c, false, today())
                .into_iter()
                .filter(|p| matches!(p.id, "answers-too-many" | "answers-test-count"))
                .map(|p| p.key)
                .collect::<Vec<_>>()
        };
        assert!(caps(&a).is_empty());
        for i in 0..=MAX_DOCUMENTS {
            a.documents.insert(format!("d{i}"), "x.png".into());
        }
        a.training.done = vec!["sale".into(); MAX_TRAINING_TOPICS + 1];
        a.test.count = Some(MAX_TEST_COUNT + 1);
        assert_eq!(caps(&a), ["documents", "training.done", "test.count"]);
        a.test.count = Some(0);
        assert!(caps(&a).contains(&"test.count".to_string()));
        a.test.count = Some(MAX_TEST_COUNT);
        assert!(!caps(&a).contains(&"test.count".to_string()));
        let huge = format!("{TEMPLATE}\n#{}", "x".repeat(MAX_FILE_BYTES as usize));
        assert!(parse(&huge).is_err());
    }

    #[test]
    fn the_line_index_finds_keys_in_their_tables() {
        let idx = LineIndex::new(TEMPLATE);
        for key in [
            "version",
            "merchant.name",
            "legal_rep.name",
            "test.count",
            "training.done",
        ] {
            let line = idx.get(key).expect(key);
            let text = TEMPLATE.lines().nth(line - 1).unwrap();
            let field = key.rsplit('.').next().unwrap();
            assert!(text.trim_start().starts_with(field), "{key}: {text}");
        }
        assert_eq!(idx.get("merchant.nope"), None);
    }

    #[test]
    fn secrets_errors_never_carry_the_value() {
        for text in [
            "password = 482916\n",
            "pasword = \"482916\"\n",
            "password = \"482916\" trailing\n",
            "password = [\"482916\"]\n",
            "[password]\nx = \"482916\"\n",
            "\"482916\" = 1\n",
        ] {
            let e = parse_secrets(text).unwrap_err();
            let (_, args) = e.message();
            let shown = format!("{e:?} {args:?}");
            // A key is shown as written, so a password typed as a key is the one exception;
            // the value itself never appears.
            if !text.starts_with("\"482916\"") {
                assert!(!shown.contains("482916"), "{text:?}: {shown}");
            }
        }
        assert_eq!(
            parse_secrets("password = \"482916\"\n")
                .unwrap()
                .password
                .as_deref(),
            Some("482916")
        );
        assert_eq!(parse_secrets("").unwrap(), Secrets::default());
    }

    #[test]
    fn the_install_location_is_checked_with_its_key() {
        let text = TEMPLATE.replace("22.5431, 113.9360", "113.9360, 22.5431");
        let a = parse(&text).unwrap();
        let mut c = Case::new("x", Lang::En, false, chrono::Utc::now());
        let p = apply(&a, &text, &mut c, false, today());
        let loc = p
            .iter()
            .find(|p| p.key == "application.install_location")
            .expect("location problem");
        assert_eq!(loc.id, "check-coords-swapped");
        assert!(loc.line.is_some());
    }

    #[test]
    fn the_new_free_texts_follow_the_free_text_rule() {
        let long = "x".repeat(super::super::materials::MAX_BENEFICIAL_OWNERS + 1);
        let text = TEMPLATE
            .replace("王五 440305198001011235 100%", &long)
            .replace("示例装机服务有限公司", "装机\\u001b[31m");
        let a = parse(&text).unwrap();
        let mut c = Case::new("x", Lang::En, false, chrono::Utc::now());
        let keys: Vec<String> = apply(&a, &text, &mut c, false, today())
            .into_iter()
            .map(|p| p.key)
            .collect();
        assert!(
            keys.contains(&"merchant.beneficial_owners".to_string()),
            "{keys:?}"
        );
        assert!(keys.contains(&"device.outsourcer".to_string()), "{keys:?}");
    }

    #[test]
    fn an_absent_count_is_not_an_error_but_an_explicit_zero_is() {
        let count_problems = |text: &str| {
            let a = parse(text).unwrap();
            let mut c = Case::new("x", Lang::En, false, chrono::Utc::now());
            apply(&a, text, &mut c, false, today())
                .into_iter()
                .filter(|p| p.key == "test.count")
                .count()
        };
        assert_eq!(
            count_problems(&TEMPLATE.replace("count = 5 ", "# count = 5 ")),
            0
        );
        assert_eq!(
            count_problems(&TEMPLATE.replace("count = 5 ", "count = 0 ")),
            1
        );
    }

    #[test]
    fn a_payment_test_on_a_real_terminal_defaults_to_one_payment() {
        let text = TEMPLATE
            .replace("mode = \"connectivity\"", "mode = \"payment\"")
            .replace("count = 5 ", "# count = 5 ");
        let a = parse(&text).unwrap();
        assert_eq!(a.test.count_for("/dev/ttyUSB0"), 1);
        assert_eq!(a.test.count_for("sim"), 5);
        let explicit = parse(&text.replace("[test]\n", "[test]\ncount = 3\n")).unwrap();
        assert_eq!(explicit.test.count_for("/dev/ttyUSB0"), 3, "explicit");
        let conn = parse(&TEMPLATE.replace("count = 5 ", "# count = 5 ")).unwrap();
        assert_eq!(conn.test.count_for("/dev/ttyUSB0"), 5, "connectivity");
    }

    #[test]
    fn the_declared_language_is_found_even_in_a_broken_file() {
        assert_eq!(declared_lang(TEMPLATE), Some(Lang::ZhCn));
        let en = TEMPLATE.replace("lang = \"zh-CN\"", "lang = \"en\"");
        assert_eq!(declared_lang(&en), Some(Lang::En));
        let broken = format!("{en}\n[merchant\nname = 1 2 3\n");
        assert!(parse(&broken).is_err());
        assert_eq!(declared_lang(&broken), Some(Lang::En));
        // Only a top-level lang counts; none at all is None.
        assert_eq!(
            declared_lang("version = 1\n[merchant]\nlang = \"en\"\n"),
            None
        );
    }

    #[test]
    fn extra_fees_are_checked_and_kept_in_the_replay_file() {
        let text = TEMPLATE.replace(
            "agree = true ",
            "extra_fees = [{ name = \"保险费\", yuan = 99.0 }, { name = \"\", yuan = -1.0 }]\nagree = true ",
        );
        let a = parse(&text).unwrap();
        let mut c = Case::new("x", Lang::ZhCn, false, chrono::Utc::now());
        let p = apply(&a, &text, &mut c, false, today());
        assert!(p
            .iter()
            .any(|p| p.key == "contract.extra_fees" && p.id == "answers-extra-fee"));
        assert!(a.contract.extra_fees[0].valid() && !a.contract.extra_fees[1].valid());
        // A consented added fee goes into the replay file; an offer's fee does not.
        let offer = super::super::catalog::Catalog::shipped()
            .get("sample-b")
            .cloned()
            .unwrap();
        let mut k = super::super::application::Contract::from_offer(&offer);
        k.add_undisclosed("保险费", 99.0);
        for f in &mut k.fees {
            f.consented = true;
        }
        c.contract = Some(k);
        let replay = parse(&from_case(&c)).unwrap();
        assert_eq!(
            replay.contract.extra_fees,
            [ExtraFee {
                name: "保险费".into(),
                yuan: 99.0
            }]
        );
    }

    #[test]
    fn a_replay_file_round_trips() {
        let a = parse(TEMPLATE).unwrap();
        let mut c = Case::new(&a.merchant.name, Lang::ZhCn, false, chrono::Utc::now());
        apply(&a, TEMPLATE, &mut c, false, today());
        let replay = from_case(&c);
        let b = parse(&replay).expect(&replay);
        assert_eq!(b.legal_rep, a.legal_rep);
        assert_eq!(b.settlement, a.settlement);
        // The fields of issue 18 travel through the replay file.
        assert_eq!(b.merchant.beneficial_owners, a.merchant.beneficial_owners);
        assert_eq!(b.device, a.device);
        assert_eq!(b.application.install_location, "22.5431, 113.936");
        assert!(!a.merchant.beneficial_owners.is_empty());
        assert_eq!(a.device.unwrap().outsourcer, "示例装机服务有限公司");
    }
}
