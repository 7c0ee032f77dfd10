//! Validators for the data a merchant application carries: parsers that return a typed value
//! and a verdict — valid, valid with a warning that needs the user's confirmation, or invalid —
//! each with reasons as message ids. Where real documents are known to break a checksum the
//! verdict is a warning, never a hard error (see the domain notes).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// How a value stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Fine.
    Valid,
    /// Probably fine, but the user must confirm (the reason says why).
    Warning,
    /// Cannot be right.
    Invalid,
}

/// A reason, as a message id with arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Message id (`check-credit-code-checksum`, …).
    pub id: &'static str,
    /// Arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Reason {
    fn new(id: &'static str) -> Reason {
        Reason { id, args: vec![] }
    }

    fn with(id: &'static str, args: Vec<(&'static str, String)>) -> Reason {
        Reason { id, args }
    }
}

/// The result of checking one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked<T> {
    /// The input after normalisation (spaces, dashes, `+86`, case).
    pub normalized: String,
    /// The typed value, unless invalid.
    pub value: Option<T>,
    /// The verdict.
    pub verdict: Verdict,
    /// Why (empty when valid without remarks).
    pub reasons: Vec<Reason>,
}

impl<T> Checked<T> {
    fn valid(normalized: String, value: T) -> Checked<T> {
        Checked {
            normalized,
            value: Some(value),
            verdict: Verdict::Valid,
            reasons: vec![],
        }
    }

    fn warn(normalized: String, value: T, reason: Reason) -> Checked<T> {
        Checked {
            normalized,
            value: Some(value),
            verdict: Verdict::Warning,
            reasons: vec![reason],
        }
    }

    fn invalid(normalized: String, reason: Reason) -> Checked<T> {
        Checked {
            normalized,
            value: None,
            verdict: Verdict::Invalid,
            reasons: vec![reason],
        }
    }
}

fn strip(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2015}'))
        .collect()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

// ---- 统一社会信用代码 ----------------------------------------------------------------------

/// The 31 characters of the credit code, in value order (no I, O, S, V, Z).
const CREDIT_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// A unified social credit code (or an old 15-digit registration number of a 个体工商户, with a
/// warning).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditCode(pub String);

/// Who holds the code: the old 15-digit registration numbers of enterprises stopped being valid
/// on 2018-01-01 (国办发〔2016〕53号), those of 个体工商户 may still be on a licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registrant {
    /// An enterprise (企业): a 15-digit number is refused.
    Enterprise,
    /// A 个体工商户: a 15-digit number is a warning.
    SoleProprietor,
    /// Not known (the command-line check): a 15-digit number is a warning that says it holds
    /// for 个体工商户 only.
    Unknown,
}

fn credit_value(c: char) -> Option<u32> {
    CREDIT_CHARSET.find(c).map(|i| i as u32)
}

fn credit_check_char(code: &str) -> Option<char> {
    let sum: u32 = code
        .chars()
        .take(17)
        .zip(CREDIT_WEIGHTS)
        .map(|(c, w)| credit_value(c).map(|v| v * w))
        .sum::<Option<u32>>()?;
    CREDIT_CHARSET.chars().nth(((31 - sum % 31) % 31) as usize)
}

/// The GB 11714 check of the organisation code inside a credit code (chars 9–17).
fn org_code_ok(org: &str) -> bool {
    let chars: Vec<char> = org.chars().collect();
    if chars.len() != 9 {
        return false;
    }
    let mut sum = 0;
    for (c, w) in chars[..8].iter().zip(ORG_WEIGHTS) {
        let v = match c {
            '0'..='9' => *c as u32 - '0' as u32,
            'A'..='Z' => *c as u32 - 'A' as u32 + 10,
            _ => return false,
        };
        sum += v * w;
    }
    let expect = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('?'),
    };
    chars[8] == expect
}

/// The shape of the early Fujian pilot codes, issued before GB 32100-2015 with check characters
/// that fail (`91350100M0001TGQXM`): region 35, organisation part starting `M0`. Codes issued
/// under the standard in Fujian read `…MA…` and must pass the check like any other.
fn pilot_shape(s: &str) -> bool {
    let org = &s[8..17];
    s[2..4] == *"35" && org.starts_with("M0") && org_code_ok(org)
}

/// Checks a 统一社会信用代码 whose holder is not known (see [`credit_code_of`]).
pub fn credit_code(input: &str) -> Checked<CreditCode> {
    credit_code_of(input, Registrant::Unknown)
}

/// Checks a 统一社会信用代码 of `who`.
pub fn credit_code_of(input: &str, who: Registrant) -> Checked<CreditCode> {
    let s = strip(input).to_uppercase();
    if s.len() == 15 && all_digits(&s) {
        return match who {
            Registrant::Enterprise => {
                Checked::invalid(s, Reason::new("check-credit-code-old-registration-company"))
            }
            Registrant::SoleProprietor | Registrant::Unknown => Checked::warn(
                s.clone(),
                CreditCode(s),
                Reason::new("check-credit-code-old-registration"),
            ),
        };
    }
    if s.chars().count() != 18 {
        let n = s.chars().count().to_string();
        return Checked::invalid(
            s,
            Reason::with("check-credit-code-length", vec![("count", n)]),
        );
    }
    if let Some(bad) = s.chars().find(|c| credit_value(*c).is_none()) {
        return Checked::invalid(
            s.clone(),
            Reason::with("check-credit-code-char", vec![("char", bad.to_string())]),
        );
    }
    let last = s.chars().nth(17).unwrap_or(' ');
    if credit_check_char(&s) != Some(last) {
        if pilot_shape(&s) {
            return Checked::warn(
                s.clone(),
                CreditCode(s),
                Reason::new("check-credit-code-pilot"),
            );
        }
        return Checked::invalid(s, Reason::new("check-credit-code-checksum"));
    }
    match &s[..2] {
        "91" | "92" | "93" => Checked::valid(s.clone(), CreditCode(s)),
        prefix => {
            let p = prefix.to_string();
            Checked::warn(
                s.clone(),
                CreditCode(s),
                Reason::with("check-credit-code-prefix", vec![("prefix", p)]),
            )
        }
    }
}

// ---- 居民身份证号码 -----------------------------------------------------------------------

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// A resident ID number with what it encodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdNumber {
    /// The 18 characters.
    pub number: String,
    /// Date of birth.
    pub birth: NaiveDate,
    /// Odd sequence number.
    pub male: bool,
}

fn province_ok(p: u32) -> bool {
    matches!(p, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 81..=83)
}

/// Checks a 居民身份证号码 (18 characters), as of `today`.
pub fn id_number(input: &str, today: NaiveDate) -> Checked<IdNumber> {
    let s = strip(input).to_uppercase();
    if s.len() == 15 && all_digits(&s) {
        return Checked::invalid(s, Reason::new("check-id-old-15"));
    }
    let body_ok = s.len() == 18
        && s.is_ascii()
        && all_digits(&s[..17])
        && s[17..].chars().all(|c| c.is_ascii_digit() || c == 'X');
    if !body_ok {
        return Checked::invalid(s, Reason::new("check-id-format"));
    }
    let province: u32 = s[..2].parse().unwrap_or(0);
    if !s.starts_with('9') && !province_ok(province) {
        return Checked::invalid(
            s.clone(),
            Reason::with("check-id-region", vec![("code", s[..2].to_string())]),
        );
    }
    let Some(birth) = NaiveDate::parse_from_str(&s[6..14], "%Y%m%d").ok() else {
        return Checked::invalid(s, Reason::new("check-id-birth-date"));
    };
    if birth.year() < 1800 || birth > today {
        return Checked::invalid(s, Reason::new("check-id-birth-date"));
    }
    let sum: u32 = s
        .bytes()
        .take(17)
        .zip(ID_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    if s.chars().nth(17) != Some(ID_CHECK[(sum % 11) as usize]) {
        return Checked::invalid(s, Reason::new("check-id-checksum"));
    }
    let male = s.as_bytes()[16] % 2 == 1;
    let value = IdNumber {
        number: s.clone(),
        birth,
        male,
    };
    if birth.year() < 1900 {
        // The checksum is right, so the number is well-formed; a birth year before 1900 is
        // implausible for a living applicant: confirm against the card.
        return Checked::warn(s, value, Reason::new("check-id-birth-old"));
    }
    Checked::valid(s, value)
}

/// The kind of identity document of a legal representative, operator or beneficial owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Default, Hash)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// 居民身份证 (18 characters, GB 11643).
    #[default]
    ResidentId,
    /// 护照 (a foreigner's passport).
    Passport,
    /// 港澳居民来往内地通行证 (`H`/`M` + 8 digits, + 2 on older cards).
    HkMacaoPermit,
    /// 台湾居民来往大陆通行证 (8 digits; older booklets 10 digits and a letter).
    TaiwanPermit,
    /// 外国人永久居留身份证 (18 digits from 9 since 2023; 3 letters + 12 digits before).
    ForeignPermanent,
}

impl IdKind {
    /// Every kind, in the order a choice cycles through them.
    pub const ALL: [IdKind; 5] = [
        IdKind::ResidentId,
        IdKind::Passport,
        IdKind::HkMacaoPermit,
        IdKind::TaiwanPermit,
        IdKind::ForeignPermanent,
    ];

    /// Message id of the name.
    pub fn label_id(self) -> &'static str {
        match self {
            IdKind::ResidentId => "id-kind-resident",
            IdKind::Passport => "id-kind-passport",
            IdKind::HkMacaoPermit => "id-kind-hk-macao",
            IdKind::TaiwanPermit => "id-kind-taiwan",
            IdKind::ForeignPermanent => "id-kind-foreign-permanent",
        }
    }

    /// Stable key (answers files, the beneficial-owner prefix `passport:`).
    pub fn key(self) -> &'static str {
        match self {
            IdKind::ResidentId => "resident_id",
            IdKind::Passport => "passport",
            IdKind::HkMacaoPermit => "hk_macao_permit",
            IdKind::TaiwanPermit => "taiwan_permit",
            IdKind::ForeignPermanent => "foreign_permanent",
        }
    }

    /// Whether this is the 居民身份证 (the default, not written to files).
    pub fn is_resident_id(&self) -> bool {
        *self == IdKind::ResidentId
    }

    /// The next kind of a choice.
    pub fn next(self) -> IdKind {
        let i = IdKind::ALL.iter().position(|k| *k == self).unwrap_or(0);
        IdKind::ALL[(i + 1) % IdKind::ALL.len()]
    }

    /// A foreigner's document: the holder's nationality must be given.
    pub fn needs_nationality(self) -> bool {
        matches!(self, IdKind::Passport | IdKind::ForeignPermanent)
    }
}

/// An identity document's number, with the birth date where the number encodes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdDocument {
    /// The number, normalised.
    pub number: String,
    /// Date of birth, when the number carries it.
    pub birth: Option<NaiveDate>,
}

/// Checks the number of an identity document of `kind`, as of `today`.
pub fn id_document(kind: IdKind, input: &str, today: NaiveDate) -> Checked<IdDocument> {
    let s = strip(input).to_uppercase();
    let from_resident = |c: Checked<IdNumber>| Checked {
        normalized: c.normalized,
        value: c.value.map(|v| IdDocument {
            number: v.number,
            birth: Some(v.birth),
        }),
        verdict: c.verdict,
        reasons: c.reasons,
    };
    let shaped = |ok: bool| {
        if ok {
            Checked::valid(
                s.clone(),
                IdDocument {
                    number: s.clone(),
                    birth: None,
                },
            )
        } else {
            Checked::invalid(
                s.clone(),
                Reason::with(
                    "check-id-doc-format",
                    vec![("kind", kind.key().to_string())],
                ),
            )
        }
    };
    let digits = |t: &str, n: usize| t.len() == n && all_digits(t);
    match kind {
        IdKind::ResidentId => from_resident(id_number(input, today)),
        IdKind::ForeignPermanent if s.len() == 18 && s.starts_with('9') => {
            from_resident(id_number(input, today))
        }
        IdKind::ForeignPermanent => shaped(
            s.len() == 15
                && s.is_ascii()
                && s[..3].bytes().all(|b| b.is_ascii_uppercase())
                && all_digits(&s[3..]),
        ),
        IdKind::Passport => shaped(
            (5..=17).contains(&s.len())
                && s.bytes().all(|b| b.is_ascii_alphanumeric())
                && s.bytes().any(|b| b.is_ascii_digit()),
        ),
        IdKind::HkMacaoPermit => shaped(
            s.is_ascii()
                && (s.starts_with('H') || s.starts_with('M'))
                && (digits(&s[1..], 8) || digits(&s[1..], 10)),
        ),
        IdKind::TaiwanPermit => shaped(
            digits(&s, 8)
                || (s.len() == 11 && s.is_ascii() && all_digits(&s[..10]))
                || digits(&s, 10),
        ),
    }
}

/// Whole years between `birth` and `day`.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    day.years_since(birth).unwrap_or(0)
}

/// When an ID card stops being valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum IdValidity {
    /// Until this date.
    Until(NaiveDate),
    /// 长期: never expires.
    LongTerm,
}

/// Checks an ID card's validity end (`2030-05-01`, `20300501`, `长期`, `long-term`; acquirers
/// encode 长期 as `2099-12-30`); an expired card is invalid.
pub fn id_valid_until(input: &str, today: NaiveDate) -> Checked<IdValidity> {
    let t = input.trim();
    let lower = t.to_lowercase();
    if matches!(t, "长期" | "長期")
        || lower == "long-term"
        || lower == "longterm"
        || lower == "permanent"
    {
        return Checked::valid("long-term".into(), IdValidity::LongTerm);
    }
    let s = strip(t).replace(['.', '/'], "");
    let Ok(date) = NaiveDate::parse_from_str(&s, "%Y%m%d") else {
        return Checked::invalid(t.to_string(), Reason::new("check-id-validity-format"));
    };
    let norm = date.format("%Y-%m-%d").to_string();
    if date == NaiveDate::from_ymd_opt(2099, 12, 30).unwrap_or(date) || date.year() >= 2099 {
        return Checked::valid("long-term".into(), IdValidity::LongTerm);
    }
    if date < today {
        return Checked::invalid(norm, Reason::new("check-id-expired"));
    }
    Checked::valid(norm, IdValidity::Until(date))
}

/// Checks the validity end of an identity document of `kind`: a 居民身份证 as
/// [`id_valid_until`]; every other kind (passport, permits, the foreign permanent resident ID)
/// is issued for a term, so 长期 is refused, and an expired one is named as what it is.
pub fn document_valid_until(kind: IdKind, input: &str, today: NaiveDate) -> Checked<IdValidity> {
    let checked = id_valid_until(input, today);
    if kind.is_resident_id() {
        return checked;
    }
    let kind_arg = || vec![("kind", kind.key().to_string())];
    match checked.value {
        Some(IdValidity::LongTerm) => Checked::invalid(
            checked.normalized,
            Reason::with("check-id-doc-no-long-term", kind_arg()),
        ),
        _ if checked.reasons.iter().any(|r| r.id == "check-id-expired") => Checked::invalid(
            checked.normalized,
            Reason::with("check-id-doc-expired", kind_arg()),
        ),
        _ => checked,
    }
}

/// The validity period a card issued at `age` has (5/10/20 years, or 长期 from 46).
pub fn id_validity_years(age: u32) -> Option<u32> {
    match age {
        0..=15 => Some(5),
        16..=25 => Some(10),
        26..=45 => Some(20),
        _ => None,
    }
}

// ---- mobile, card, account, branch ----------------------------------------------------------

/// A mainland mobile number (11 digits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mobile(pub String);

/// `^1[3-9]\d{9}$`: operators' prefix lists drift (new ranges, virtual operators, IoT), so only
/// the shape is checked; the institution's real-name check of the number is the authority.
fn mobile_pattern(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11 && all_digits(s) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// Checks a mobile number (`+86`/`0086`, spaces and dashes removed).
pub fn mobile(input: &str) -> Checked<Mobile> {
    let mut s = strip(input);
    for prefix in ["+86", "0086"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    if mobile_pattern(&s) {
        Checked::valid(s.clone(), Mobile(s))
    } else {
        Checked::invalid(s, Reason::new("check-mobile"))
    }
}

/// A personal bank card number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardNumber(pub String);

/// The Luhn check.
pub fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// The credit-card BIN prefixes a settlement card must not have.
pub const CARD_BINS_TOML: &str = include_str!("../../assets/card_bins.toml");

#[derive(serde::Deserialize)]
struct CardBins {
    credit: Vec<String>,
}

/// Whether the card number starts with a known credit-card BIN (`assets/card_bins.toml`).
pub fn is_credit_bin(digits: &str) -> bool {
    static BINS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    BINS.get_or_init(|| {
        toml::from_str::<CardBins>(CARD_BINS_TOML)
            .map(|b| b.credit)
            .unwrap_or_default()
    })
    .iter()
    .any(|bin| digits.starts_with(bin.as_str()))
}

/// Checks a personal settlement card: 16–19 digits, a debit card (a known credit BIN is
/// refused: settlement goes to a 借记卡), Luhn; a UnionPay card (`62…`) failing Luhn is a
/// warning (some genuine ones do).
pub fn card(input: &str) -> Checked<CardNumber> {
    let s = strip(input);
    if !all_digits(&s) || !(16..=19).contains(&s.len()) {
        return Checked::invalid(s, Reason::new("check-card-format"));
    }
    if is_credit_bin(&s) {
        return Checked::invalid(s, Reason::new("check-card-credit"));
    }
    if luhn_ok(&s) {
        Checked::valid(s.clone(), CardNumber(s))
    } else if s.starts_with("62") {
        Checked::warn(
            s.clone(),
            CardNumber(s),
            Reason::new("check-card-unionpay-luhn"),
        )
    } else {
        Checked::invalid(s, Reason::new("check-card-luhn"))
    }
}

/// A company (对公) account number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountNumber(pub String);

/// Checks a company account: 8–32 digits (no checksum: bank-specific).
pub fn account(input: &str) -> Checked<AccountNumber> {
    let s = strip(input);
    if all_digits(&s) && (8..=32).contains(&s.len()) {
        Checked::valid(s.clone(), AccountNumber(s))
    } else {
        Checked::invalid(s, Reason::new("check-account-format"))
    }
}

/// A 12-digit bank branch code (联行号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BranchCode(pub String);

/// Checks a branch code.
pub fn branch(input: &str) -> Checked<BranchCode> {
    let s = strip(input);
    if all_digits(&s) && s.len() == 12 {
        Checked::valid(s.clone(), BranchCode(s))
    } else {
        Checked::invalid(s, Reason::new("check-branch-format"))
    }
}

// ---- licence, MID, TID ------------------------------------------------------------------------

/// A payment business licence number (支付业务许可证), shape-checked only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LicenceNumber(pub String);

/// Checks the licence number's shape: `Z2` + 4 digits + province + `0000` + 2 digits. The
/// authority is the central bank's public list, which the reason reminds of.
pub fn licence(input: &str) -> Checked<LicenceNumber> {
    let s = strip(input).to_uppercase();
    let ok = s.len() == 14
        && s.starts_with("Z2")
        && all_digits(&s[2..])
        && province_ok(s[6..8].parse().unwrap_or(0))
        && !matches!(&s[6..8], "81" | "82" | "83")
        && &s[8..12] == "0000";
    if ok {
        let mut c = Checked::valid(s.clone(), LicenceNumber(s));
        c.reasons.push(Reason::new("check-licence-confirm-list"));
        c
    } else {
        Checked::invalid(s, Reason::new("check-licence-format"))
    }
}

/// A merchant number (MID).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mid(pub String);

/// Checks a MID: 15 digits; digits 8–11 that differ from the chosen MCC may mean 跳码 (a
/// warning, since not every acquirer numbers this way).
pub fn mid(input: &str, mcc: Option<&str>) -> Checked<Mid> {
    let s = strip(input);
    if !all_digits(&s) || s.len() != 15 {
        return Checked::invalid(s, Reason::new("check-mid-format"));
    }
    match mcc {
        Some(m) if m.len() == 4 && &s[7..11] != m => {
            let args = vec![("found", s[7..11].to_string()), ("mcc", m.to_string())];
            Checked::warn(s.clone(), Mid(s), Reason::with("check-mid-mcc", args))
        }
        _ => Checked::valid(s.clone(), Mid(s)),
    }
}

/// Checks a TID: 8 digits (the terminal's own format; `tests/validate_props.rs` holds it to
/// what the device layer accepts).
pub fn tid(input: &str) -> Checked<String> {
    let s = strip(input);
    if s.len() == 8 && all_digits(&s) {
        Checked::valid(s.clone(), s)
    } else {
        Checked::invalid(s, Reason::new("check-tid-format"))
    }
}

/// Whether `input` is a terminal password: 6 digits (the terminal's own format;
/// `tests/validate_props.rs` holds it to what the device layer accepts).
pub fn is_terminal_password(input: &str) -> bool {
    let t = input.trim();
    t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit())
}

// ---- install location -----------------------------------------------------------------------

/// A place as latitude and longitude (WGS-84 or GCJ-02 as the phone shows it), in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct GeoPoint {
    /// Latitude, north positive.
    pub lat: f64,
    /// Longitude, east positive.
    pub lon: f64,
}

/// China's extent, including the South China Sea islands (lat 3.86–53.55 N, lon 73.66–135.05 E).
const CHINA_LAT: std::ops::RangeInclusive<f64> = 3.86..=53.55;
const CHINA_LON: std::ops::RangeInclusive<f64> = 73.66..=135.05;

/// Checks an install location typed or pasted as `latitude, longitude` (`22.5431, 113.9360`;
/// `，`, spaces or `/` between them): it must lie in mainland China's range; a pair the wrong
/// way round (as map apps that put the longitude first copy it) is named as such.
pub fn coordinates(input: &str) -> Checked<GeoPoint> {
    let t = input.trim();
    let parts: Vec<&str> = t
        .split([',', '，', '/', ' ', ';'])
        .filter(|p| !p.is_empty())
        .collect();
    let parsed: Option<Vec<f64>> = parts.iter().map(|p| p.parse::<f64>().ok()).collect();
    let (lat, lon) = match parsed.as_deref() {
        Some([lat, lon]) if lat.is_finite() && lon.is_finite() => (*lat, *lon),
        _ => return Checked::invalid(t.to_string(), Reason::new("check-coords-format")),
    };
    let normalized = format!("{lat:.6}, {lon:.6}");
    if CHINA_LAT.contains(&lat) && CHINA_LON.contains(&lon) {
        return Checked::valid(normalized, GeoPoint { lat, lon });
    }
    if CHINA_LAT.contains(&lon) && CHINA_LON.contains(&lat) {
        return Checked::invalid(normalized, Reason::new("check-coords-swapped"));
    }
    Checked::invalid(normalized, Reason::new("check-coords-range"))
}

// ---- masking ----------------------------------------------------------------------------------

/// Masks a card, account or ID number: first 6 and last 4 kept (`621626*********0018`).
pub fn mask_number(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let n = chars.len();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < 6 || i >= n - 4 { *c } else { '*' })
        .collect()
}

/// Masks a mobile number: 3 + 4 kept (`180****1999`).
pub fn mask_mobile(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() != 11 {
        return mask_number(s);
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if (3..7).contains(&i) { '*' } else { *c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn credit_codes_from_the_domain_notes() {
        for ok in [
            "91350100M000100Y43",
            "91440300708461136T",
            "914403001922038216",
            " 9144 0300 7084 6113 6t ",
        ] {
            assert_eq!(credit_code(ok).verdict, Verdict::Valid, "{ok}");
        }
        // The standard's invalid example ends in Z, which is not even in the charset.
        let bad = credit_code("91350100M000100Y4Z");
        assert_eq!(bad.verdict, Verdict::Invalid);
        assert_eq!(bad.reasons[0].id, "check-credit-code-char");
        assert_eq!(
            credit_code("91440300708461136U").reasons[0].id,
            "check-credit-code-checksum"
        );
        // A mistyped last character of an ordinary code must not pass as a pilot code.
        assert_eq!(credit_code("91440300708461136A").verdict, Verdict::Invalid);
    }

    #[test]
    fn early_pilot_codes_warn() {
        for pilot in ["91350100M0001TGQXM", "91350203M0001QAY9B"] {
            let c = credit_code(pilot);
            assert_eq!(c.verdict, Verdict::Warning, "{pilot}");
            assert_eq!(c.reasons[0].id, "check-credit-code-pilot");
        }
    }

    #[test]
    fn a_mistyped_modern_fujian_code_is_invalid_not_a_pilot_code() {
        // A code of the 2015 standard in Fujian (organisation part `MA…`, valid org check).
        let prefix = "91350100MA2YQ0003";
        let good = format!("{prefix}{}", credit_check_char(prefix).unwrap());
        assert!(org_code_ok(&good[8..17]), "{good}");
        assert_eq!(credit_code(&good).verdict, Verdict::Valid);
        for typo in ['4', 'A', '0'] {
            let bad = format!("{prefix}{typo}");
            if bad == good {
                continue;
            }
            assert_eq!(credit_code(&bad).verdict, Verdict::Invalid, "{bad}");
            assert_eq!(
                credit_code(&bad).reasons[0].id,
                "check-credit-code-checksum"
            );
        }
    }

    #[test]
    fn fifteen_digit_registration_numbers_only_for_sole_proprietors() {
        let old = "440301000000001";
        let company = credit_code_of(old, Registrant::Enterprise);
        assert_eq!(company.verdict, Verdict::Invalid);
        assert_eq!(
            company.reasons[0].id,
            "check-credit-code-old-registration-company"
        );
        let sole = credit_code_of(old, Registrant::SoleProprietor);
        assert_eq!(sole.verdict, Verdict::Warning);
        assert_eq!(sole.reasons[0].id, "check-credit-code-old-registration");
    }

    #[test]
    fn organisation_code_examples() {
        assert!(org_code_ok("708461136"));
        assert!(org_code_ok("M000100Y4"));
        assert!(!org_code_ok("708461137"));
    }

    #[test]
    fn old_registration_numbers_prefixes_length_and_charset() {
        assert_eq!(credit_code("440301000000001").verdict, Verdict::Warning);
        assert_eq!(
            credit_code("9144030070846113").reasons[0].id,
            "check-credit-code-length"
        );
        assert_eq!(
            credit_code("91440300708461136I").reasons[0].id,
            "check-credit-code-char"
        );
        // A valid code of a non-merchant entity type (e.g. 12 = public institution) warns.
        let gov = "12100000400000624D";
        let c = credit_code(gov);
        if c.verdict != Verdict::Invalid {
            assert_eq!(c.reasons[0].id, "check-credit-code-prefix");
        }
    }

    #[test]
    fn resident_ids() {
        let a = id_number("11010519491231002x", today());
        assert_eq!(a.verdict, Verdict::Valid);
        let v = a.value.unwrap();
        assert_eq!(v.number, "11010519491231002X");
        assert_eq!(v.birth, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert!(!v.male);
        // The notes' second example is well-formed, born 1880: accepted with a confirmation.
        let old = id_number("440524188001010014", today());
        assert_eq!(old.verdict, Verdict::Warning);
        assert_eq!(old.reasons[0].id, "check-id-birth-old");
        assert_eq!(
            id_number("11010519491231002X".replace('X', "1").as_str(), today()).reasons[0].id,
            "check-id-checksum"
        );
        assert_eq!(
            id_number("110105491231002", today()).reasons[0].id,
            "check-id-old-15"
        );
        assert_eq!(
            id_number("99010519491231002X", today()).verdict,
            Verdict::Invalid
        );
        assert_eq!(
            id_number("19010519491231002X", today()).reasons[0].id,
            "check-id-region"
        );
        assert_eq!(
            id_number("11010519491331002X", today()).reasons[0].id,
            "check-id-birth-date"
        );
        assert_eq!(
            id_number("11010530001231002X", today()).reasons[0].id,
            "check-id-birth-date"
        );
    }

    #[test]
    fn id_validity() {
        assert_eq!(
            id_valid_until("长期", today()).value,
            Some(IdValidity::LongTerm)
        );
        assert_eq!(
            id_valid_until("2099-12-30", today()).value,
            Some(IdValidity::LongTerm)
        );
        assert_eq!(
            id_valid_until("2030.05.01", today()).normalized,
            "2030-05-01"
        );
        assert_eq!(
            id_valid_until("2025-01-01", today()).reasons[0].id,
            "check-id-expired"
        );
        assert_eq!(id_valid_until("soon", today()).verdict, Verdict::Invalid);
        assert_eq!(id_validity_years(15), Some(5));
        assert_eq!(id_validity_years(25), Some(10));
        assert_eq!(id_validity_years(45), Some(20));
        assert_eq!(id_validity_years(46), None);
    }

    #[test]
    fn mobiles() {
        for ok in [
            "18012341999",
            "+86 180-1234-1999",
            "008613812345678",
            "16101234567",
            "17405123456",
            "19912345678",
            // Prefixes a drifting whitelist refused: 149 (data cards), 174, 140.
            "14912345678",
            "17412345678",
            "14012345678",
        ] {
            assert_eq!(mobile(ok).verdict, Verdict::Valid, "{ok}");
        }
        assert_eq!(mobile("+86 180-1234-1999").normalized, "18012341999");
        for bad in [
            "1801234199",
            "28012341999",
            "12012345678",
            "10012345678",
            "1941234567a",
            "180123419990",
        ] {
            assert_eq!(mobile(bad).verdict, Verdict::Invalid, "{bad}");
        }
    }

    #[test]
    fn cards_accounts_branches() {
        assert_eq!(card("6225 8814 1420 7430").verdict, Verdict::Valid);
        assert_eq!(card("6216261000000000018").verdict, Verdict::Valid);
        assert_eq!(card("6216261000000000019").verdict, Verdict::Warning);
        assert_eq!(card("4111111111111112").verdict, Verdict::Invalid);
        assert_eq!(card("62258814").verdict, Verdict::Invalid);
        assert_eq!(account("1234 5678 9012").verdict, Verdict::Valid);
        assert_eq!(account("1234567").verdict, Verdict::Invalid);
        assert_eq!(branch("308584000013").verdict, Verdict::Valid);
        assert_eq!(branch("30858400001").verdict, Verdict::Invalid);
    }

    #[test]
    fn a_credit_card_is_refused_as_a_settlement_card() {
        // 622576: a 招商银行 credit-card BIN; 622588 is its debit card (the domain example).
        let c = card("6225 7600 0000 0000");
        assert_eq!(c.verdict, Verdict::Invalid);
        assert_eq!(c.reasons[0].id, "check-card-credit");
        assert_eq!(card("6225881414207430").verdict, Verdict::Valid);
        assert!(is_credit_bin("6283100000000000"), "邮储 credit");
        assert!(CARD_BINS_TOML.contains("Source:"));
    }

    #[test]
    fn install_coordinates_lie_in_china() {
        // Shenzhen, Science Park; Mohe (north); Urumqi (west); Sansha (islands).
        for ok in [
            "22.5431, 113.9360",
            "22.5431，113.9360",
            "53.49 122.53",
            "43.8 87.6",
            "16.83/112.34",
        ] {
            assert_eq!(coordinates(ok).verdict, Verdict::Valid, "{ok}");
        }
        assert_eq!(
            coordinates("22.5431,113.936").normalized,
            "22.543100, 113.936000"
        );
        let swapped = coordinates("113.9360, 22.5431");
        assert_eq!(swapped.reasons[0].id, "check-coords-swapped");
        for (bad, id) in [
            ("1.35, 103.82", "check-coords-range"), // Singapore
            ("48.85, 2.35", "check-coords-range"),  // Paris
            ("0, 0", "check-coords-range"),
            ("22.5431", "check-coords-format"),
            ("north, east", "check-coords-format"),
        ] {
            let c = coordinates(bad);
            assert_eq!(c.verdict, Verdict::Invalid, "{bad}");
            assert_eq!(c.reasons[0].id, id, "{bad}");
        }
    }

    #[test]
    fn licence_mid_tid() {
        assert_eq!(licence("Z2000133000019").verdict, Verdict::Valid);
        assert_eq!(
            licence("Z2000133000019").reasons[0].id,
            "check-licence-confirm-list"
        );
        assert_eq!(licence("Z2000199000019").verdict, Verdict::Invalid);
        assert_eq!(licence("Z200013300001").verdict, Verdict::Invalid);
        assert_eq!(mid("102584058120001", Some("5812")).verdict, Verdict::Valid);
        let j = mid("102584054110001", Some("5812"));
        assert_eq!(j.verdict, Verdict::Warning);
        assert_eq!(j.reasons[0].args[0].1, "5411");
        assert_eq!(mid("10258405812000", None).verdict, Verdict::Invalid);
        assert_eq!(tid("0001 2345").normalized, "00012345");
        assert_eq!(tid("1234567").verdict, Verdict::Invalid);
    }

    #[test]
    fn every_reason_has_a_message_in_both_languages() {
        use crate::i18n::{has, Lang};
        let inputs = [
            "",
            "x",
            "91350100M0001TGQXM",
            "91440300708461136U",
            "440301000000001",
            "91350100MA2YQ00034",
            "12100000400000624D",
            "91440300708461136I",
            "110105491231002",
            "19010519491231002X",
            "11010519491331002X",
            "440524188001010014",
            "11010519491231002",
            "6216261000000000019",
            "6225760000000000",
            "113.9360, 22.5431",
            "48.85, 2.35",
            "4111111111111112",
            "102584054110001",
            "Z2000133000019",
            "1234567",
            "2025-01-01",
            "soon",
        ];
        let mut ids = vec![];
        for i in inputs {
            ids.extend(credit_code(i).reasons);
            ids.extend(credit_code_of(i, Registrant::Enterprise).reasons);
            ids.extend(id_number(i, today()).reasons);
            ids.extend(id_valid_until(i, today()).reasons);
            ids.extend(mobile(i).reasons);
            ids.extend(card(i).reasons);
            ids.extend(account(i).reasons);
            ids.extend(branch(i).reasons);
            ids.extend(licence(i).reasons);
            ids.extend(mid(i, Some("5812")).reasons);
            ids.extend(tid(i).reasons);
            ids.extend(coordinates(i).reasons);
        }
        assert!(ids.len() > 20);
        for r in ids {
            for lang in [Lang::En, Lang::ZhCn] {
                assert!(has(lang, r.id), "{} missing in {lang:?}", r.id);
            }
        }
    }

    #[test]
    fn masks() {
        assert_eq!(mask_number("6216261000000000018"), "621626*********0018");
        assert_eq!(mask_number("11010519491231002X"), "110105********002X");
        assert_eq!(mask_mobile("18012341999"), "180****1999");
    }

    /// Issue 25: only a 居民身份证 may be valid 长期; a passport or permit has an end date, and
    /// an expired one is named as what it is, not as an ID card.
    #[test]
    fn only_a_resident_id_card_is_valid_for_life() {
        assert_eq!(
            document_valid_until(IdKind::ResidentId, "长期", today()).value,
            Some(IdValidity::LongTerm)
        );
        for kind in [
            IdKind::Passport,
            IdKind::HkMacaoPermit,
            IdKind::TaiwanPermit,
            IdKind::ForeignPermanent,
        ] {
            for long in ["长期", "long-term", "2099-12-31"] {
                let c = document_valid_until(kind, long, today());
                assert_eq!(c.verdict, Verdict::Invalid, "{kind:?} {long}");
                assert_eq!(c.reasons[0].id, "check-id-doc-no-long-term");
            }
            let expired = document_valid_until(kind, "2020-01-01", today());
            assert_eq!(expired.reasons[0].id, "check-id-doc-expired");
            assert_eq!(expired.reasons[0].args[0].1, kind.key());
            let valid = document_valid_until(kind, "2031-05-01", today());
            assert_eq!(
                valid.value,
                Some(IdValidity::Until(
                    NaiveDate::from_ymd_opt(2031, 5, 1).unwrap()
                ))
            );
        }
        assert_eq!(
            document_valid_until(IdKind::ResidentId, "2020-01-01", today()).reasons[0].id,
            "check-id-expired"
        );
    }
}
