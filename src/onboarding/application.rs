//! Steps 5–7 — the application (form, submission, review ETA in working days), the review
//! outcome, and the contract terms with consent to every fee.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, Eta};
use super::catalog::{Fee, Institution};
use super::text::Text;
use super::validate::{self, Verdict};

/// The application package format version.
pub const APPLICATION_SCHEMA: u32 = 1;

/// How the application goes to the institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Electronic package.
    Online,
    /// Printed form and cover checklist by mail.
    Mail,
}

/// What the Application step collects beyond the materials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ApplicationDraft {
    /// Merchant category code (from the table).
    pub mcc: Option<String>,
    /// Where the terminal is installed (defaults to the business address).
    pub install_address: String,
    /// Channel.
    pub channel: Option<Channel>,
}

/// The offer's rates and fees as the merchant acknowledged them with the application (many
/// institutions have the merchant confirm the fees and e-sign the 受理协议 when applying, often
/// with a face check); the contract step compares the signed agreement with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeeAcknowledgement {
    /// Catalog id of the institution.
    pub institution: String,
    /// Debit rate, percent.
    pub debit_rate: f64,
    /// Debit cap, yuan (0 = none).
    pub debit_cap_yuan: f64,
    /// Credit rate, percent.
    pub credit_rate: f64,
    /// Every fee of the offer (deposit and data fee included).
    pub fees: Vec<Fee>,
    /// Settlement speed of the offer (`T+1`, `D+0`), when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub settlement: String,
    /// Extra percent for faster settlement (D0 / 秒到), 0 when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub settlement_fee_pct: f64,
    /// Fee per withdrawal, yuan, 0 when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub withdrawal_fee_yuan: f64,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl FeeAcknowledgement {
    /// What the merchant is shown and acknowledges for `offer`.
    pub fn of(offer: &Institution) -> FeeAcknowledgement {
        FeeAcknowledgement {
            institution: offer.id.clone(),
            debit_rate: offer.debit_rate,
            debit_cap_yuan: offer.debit_cap_yuan,
            credit_rate: offer.credit_rate,
            fees: Contract::from_offer(offer)
                .fees
                .into_iter()
                .map(|f| Fee {
                    name: f.name,
                    yuan: f.yuan,
                })
                .collect(),
            settlement: offer.settlement.clone(),
            settlement_fee_pct: offer.settlement_fee_pct,
            withdrawal_fee_yuan: offer.withdrawal_fee_yuan,
        }
    }
}

/// One submission (a revision of the application).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// 1 for the first, +1 after each rejection.
    pub revision: u32,
    /// When.
    pub at: DateTime<Utc>,
    /// Channel used.
    pub channel: Channel,
    /// Review expected from …
    pub eta_from: NaiveDate,
    /// … to.
    pub eta_to: NaiveDate,
    /// The ETA reaches a year without a published holiday schedule.
    pub eta_estimated: bool,
    /// Outbox directory of the package.
    pub outbox: String,
    /// The fees the merchant acknowledged with this submission.
    #[serde(default)]
    pub fees_acknowledged: Option<FeeAcknowledgement>,
}

/// The review ETA range for a submission on `day`.
pub fn review_eta(cal: &Calendar, day: NaiveDate, review_days: [u32; 2]) -> (Eta, Eta) {
    (
        cal.add_working_days(day, review_days[0]),
        cal.add_working_days(day, review_days[1]),
    )
}

impl Submission {
    /// The submission of `case`'s current revision made `at` on `day`, with the review ETA from
    /// the institution's review days (3–5 when unknown).
    pub fn new(
        case: &super::Case,
        channel: Channel,
        at: DateTime<Utc>,
        day: NaiveDate,
        cal: &Calendar,
        outbox: String,
    ) -> Submission {
        let days = case
            .institution
            .as_ref()
            .map(|i| i.review_days)
            .unwrap_or([3, 5]);
        let (from, to) = review_eta(cal, day, days);
        Submission {
            revision: case.revision,
            at,
            channel,
            eta_from: from.date,
            eta_to: to.date,
            eta_estimated: from.estimated || to.estimated,
            outbox,
            fees_acknowledged: case.institution.as_ref().map(FeeAcknowledgement::of),
        }
    }
}

/// What the institution answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum ReviewOutcome {
    /// Approved, with the data for binding and activation.
    Approved {
        /// Merchant number.
        mid: String,
        /// Terminal ID.
        tid: String,
        /// The terminal password (an 电签 terminal's activation code; acquirers issue MID and TID,
        /// not an "activation password"): a secret, never shown or logged in full.
        activation_password: String,
        /// When it was entered.
        at: DateTime<Utc>,
        /// Answered by the simulated institution (demo).
        simulated: bool,
    },
    /// Rejected.
    Rejected {
        /// Why, as the institution said.
        reason: String,
        /// Which revision was rejected.
        revision: u32,
        /// When.
        at: DateTime<Utc>,
    },
}

/// A check the institution makes during its review, recorded as the fact it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewCheck {
    /// 企业信息联网核查 (the licence against the registration authority's records).
    EnterpriseRecords,
    /// Bank-card (settlement account) verification.
    BankCard,
    /// Real-name check of the mobile number.
    MobileRealName,
    /// Risk-list lookup (merchant and legal representative).
    RiskList,
    /// The follow-up call (回访) to the merchant.
    Callback,
}

impl ReviewCheck {
    /// All, in the order institutions run them.
    pub const ALL: [ReviewCheck; 5] = [
        ReviewCheck::EnterpriseRecords,
        ReviewCheck::BankCard,
        ReviewCheck::MobileRealName,
        ReviewCheck::RiskList,
        ReviewCheck::Callback,
    ];

    /// Message id of the name.
    pub fn label_id(self) -> &'static str {
        match self {
            ReviewCheck::EnterpriseRecords => "review-check-enterprise",
            ReviewCheck::BankCard => "review-check-bank-card",
            ReviewCheck::MobileRealName => "review-check-mobile",
            ReviewCheck::RiskList => "review-check-risk-list",
            ReviewCheck::Callback => "review-check-callback",
        }
    }
}

/// What the institution reported for one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CheckFact {
    /// Nothing reported (yet).
    #[default]
    NotReported,
    /// Passed, as the institution says.
    Passed,
    /// Failed, as the institution says.
    Failed,
}

impl CheckFact {
    /// The next value when the user cycles through them.
    pub fn next(self) -> CheckFact {
        match self {
            CheckFact::NotReported => CheckFact::Passed,
            CheckFact::Passed => CheckFact::Failed,
            CheckFact::Failed => CheckFact::NotReported,
        }
    }

    /// Message id of the name.
    pub fn label_id(self) -> &'static str {
        match self {
            CheckFact::NotReported => "check-fact-not-reported",
            CheckFact::Passed => "check-fact-passed",
            CheckFact::Failed => "check-fact-failed",
        }
    }
}

/// The institution's review checks as it reported them.
pub type ReviewChecks = std::collections::BTreeMap<ReviewCheck, CheckFact>;

/// Checks approval data: MID (with the 跳码 check against the MCC), TID and password.
pub fn check_approval(
    mid: &str,
    tid: &str,
    password: &str,
    mcc: Option<&str>,
) -> Vec<(&'static str, validate::Reason, Verdict)> {
    let mut out = vec![];
    let m = validate::mid(mid, mcc);
    for r in m.reasons {
        out.push(("mid", r, m.verdict));
    }
    let t = validate::tid(tid);
    for r in t.reasons {
        out.push(("tid", r, t.verdict));
    }
    if !validate::is_terminal_password(password) {
        out.push((
            "password",
            validate::Reason {
                id: "check-password-format",
                args: vec![],
            },
            Verdict::Invalid,
        ));
    }
    out
}

/// The simulated institution of demo mode: approves at once with a MID whose digits 8–11 are
/// the MCC and a fresh TID.
pub fn simulated_approval(mcc: &str, now: DateTime<Utc>) -> ReviewOutcome {
    let seq = (now.timestamp() % 10_000).unsigned_abs();
    let tid_n = (now.timestamp_subsec_nanos() as u64 ^ now.timestamp() as u64) % 100_000_000;
    ReviewOutcome::Approved {
        mid: format!("1025840{mcc}{seq:04}"),
        tid: format!("{tid_n:08}"),
        activation_password: "000000".into(),
        at: now,
        simulated: true,
    }
}

/// The agreed contract terms, beside the offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Contract {
    /// Debit rate in the contract, percent.
    pub debit_rate: Option<f64>,
    /// Debit fee cap per transaction in the contract, yuan (0 = none; `None` in a contract
    /// made before posbind recorded it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debit_cap_yuan: Option<f64>,
    /// Credit rate in the contract, percent.
    pub credit_rate: Option<f64>,
    /// Fees in the contract (the offer's are pre-filled; others can be added).
    pub fees: Vec<ContractFee>,
    /// When the user consented to all of it.
    pub agreed_at: Option<DateTime<Utc>>,
    /// The offer's warnings (deposit, data fee, a rate below cost…) the merchant accepted,
    /// each with how.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accepted_warnings: Vec<AcceptedWarning>,
}

/// How a warning of the offer was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Acceptance {
    /// By its own key in the answers file (`contract.accept`).
    AnswersKey,
    /// By `posbind run --accept-warnings`, which listed it.
    AcceptWarningsFlag,
    /// By agreeing to the contract in the wizard, whose Contract step listed it.
    Wizard,
}

impl Acceptance {
    /// Message id of "accepted by …: { $what }" (`$key`, `$what`).
    pub fn message_id(self) -> &'static str {
        match self {
            Acceptance::AnswersKey => "answers-offer-accepted-key",
            Acceptance::AcceptWarningsFlag => "answers-offer-accepted-flag",
            Acceptance::Wizard => "answers-offer-accepted-wizard",
        }
    }
}

/// One warning of the offer, accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedWarning {
    /// Its key (`deposit`, `below-cost-debit`, …).
    pub key: String,
    /// What it said, as it was shown.
    pub text: Text,
    /// How it was accepted.
    pub how: Acceptance,
}

/// A fee in the contract and the user's consent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractFee {
    /// What.
    pub name: Text,
    /// How much.
    pub yuan: f64,
    /// The merchant explicitly agreed to it.
    pub consented: bool,
    /// Not in the institution's catalog offer.
    pub undisclosed: bool,
}

/// A debit cap as text: `20 yuan` or `no cap`, in both languages' words via the message.
fn cap_arg(cap: f64) -> String {
    if cap > 0.0 {
        super::catalog::fmt_yuan(cap)
    } else {
        "-".into()
    }
}

/// A debit cap in the contract that differs from the one it is compared with (a cap raised
/// at signing costs the merchant on every large payment).
fn cap_difference(id: &'static str, got: Option<f64>, want: f64) -> Option<Difference> {
    got.filter(|g| (g - want).abs() > 0.005)
        .map(|g| Difference {
            id,
            args: vec![("contract", cap_arg(g)), ("other", cap_arg(want))],
        })
}

/// A difference between contract and offer (message id + args).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Message id.
    pub id: &'static str,
    /// Arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Contract {
    /// The contract pre-filled from the offer: its rates and every fee (deposit and data fee
    /// included), none consented yet.
    pub fn from_offer(offer: &Institution) -> Contract {
        let mut fees: Vec<ContractFee> = offer
            .fees
            .iter()
            .map(|f| ContractFee {
                name: f.name.clone(),
                yuan: f.yuan,
                consented: false,
                undisclosed: false,
            })
            .collect();
        let listed = |en: &str| {
            offer
                .fees
                .iter()
                .any(|f: &Fee| f.name.en.to_lowercase().contains(en))
        };
        if offer.deposit_yuan > 0.0 && !listed("deposit") {
            fees.push(ContractFee {
                name: Text {
                    zh: "押金".into(),
                    en: "Deposit".into(),
                },
                yuan: offer.deposit_yuan,
                consented: false,
                undisclosed: false,
            });
        }
        if offer.data_fee_yuan_per_year > 0.0 && !listed("data") {
            fees.push(ContractFee {
                name: Text {
                    zh: "流量费（每年）".into(),
                    en: "Data fee (per year)".into(),
                },
                yuan: offer.data_fee_yuan_per_year,
                consented: false,
                undisclosed: false,
            });
        }
        Contract {
            debit_rate: Some(offer.debit_rate),
            debit_cap_yuan: Some(offer.debit_cap_yuan),
            credit_rate: Some(offer.credit_rate),
            fees,
            agreed_at: None,
            accepted_warnings: vec![],
        }
    }

    /// Adds a fee found in the contract but not in the offer (flagged).
    pub fn add_undisclosed(&mut self, name: &str, yuan: f64) {
        self.fees.push(ContractFee {
            name: Text {
                zh: name.into(),
                en: name.into(),
            },
            yuan,
            consented: false,
            undisclosed: true,
        });
    }

    /// How the contract differs from what the merchant acknowledged with the application.
    pub fn differences_from_ack(&self, ack: &FeeAcknowledgement) -> Vec<Difference> {
        let mut d = vec![];
        let rate = |id, got: Option<f64>, want: f64| {
            got.filter(|g| (g - want).abs() > 1e-9).map(|g| Difference {
                id,
                args: vec![
                    ("contract", super::catalog::fmt_rate(g)),
                    ("acknowledged", super::catalog::fmt_rate(want)),
                ],
            })
        };
        d.extend(rate("contract-ack-debit", self.debit_rate, ack.debit_rate));
        d.extend(rate(
            "contract-ack-credit",
            self.credit_rate,
            ack.credit_rate,
        ));
        d.extend(cap_difference(
            "contract-ack-debit-cap",
            self.debit_cap_yuan,
            ack.debit_cap_yuan,
        ));
        for f in &self.fees {
            let known = ack
                .fees
                .iter()
                .any(|a| a.name == f.name && (a.yuan - f.yuan).abs() < 0.005);
            if !known {
                d.push(Difference {
                    id: "contract-ack-fee",
                    args: vec![
                        ("fee", f.name.en.clone()),
                        ("yuan", super::catalog::fmt_yuan(f.yuan)),
                    ],
                });
            }
        }
        d
    }

    /// How the contract differs from the offer.
    pub fn differences(&self, offer: &Institution) -> Vec<Difference> {
        let mut d = vec![];
        let rate = |id, got: Option<f64>, want: f64| {
            got.filter(|g| (g - want).abs() > 1e-9).map(|g| Difference {
                id,
                args: vec![
                    ("contract", super::catalog::fmt_rate(g)),
                    ("offer", super::catalog::fmt_rate(want)),
                ],
            })
        };
        d.extend(rate(
            "contract-diff-debit",
            self.debit_rate,
            offer.debit_rate,
        ));
        d.extend(rate(
            "contract-diff-credit",
            self.credit_rate,
            offer.credit_rate,
        ));
        d.extend(cap_difference(
            "contract-diff-debit-cap",
            self.debit_cap_yuan,
            offer.debit_cap_yuan,
        ));
        for f in self.fees.iter().filter(|f| f.undisclosed) {
            d.push(Difference {
                id: "contract-diff-undisclosed",
                args: vec![
                    ("fee", f.name.en.clone()),
                    ("yuan", super::catalog::fmt_yuan(f.yuan)),
                ],
            });
        }
        d
    }

    /// Every fee consented and the rates filled in.
    pub fn complete(&self) -> bool {
        self.debit_rate.is_some()
            && self.credit_rate.is_some()
            && self.fees.iter().all(|f| f.consented)
            && self.agreed_at.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onboarding::catalog::Catalog;

    #[test]
    fn the_acknowledgement_records_settlement_speed_fees_when_offered() {
        let c = Catalog::shipped();
        let b = FeeAcknowledgement::of(c.get("sample-b").unwrap());
        assert_eq!(b.settlement, "D+0");
        assert!((b.settlement_fee_pct - 0.05).abs() < 1e-9);
        assert!((b.withdrawal_fee_yuan - 2.0).abs() < 1e-9);
        // None offered: nothing written, and an acknowledgement from before still reads.
        let a = serde_json::to_string(&FeeAcknowledgement::of(c.get("sample-a").unwrap())).unwrap();
        assert!(!a.contains("settlement_fee_pct") && !a.contains("withdrawal_fee_yuan"));
        let old = r#"{"institution":"x","debit_rate":0.5,"debit_cap_yuan":20.0,"credit_rate":0.6,"fees":[]}"#;
        let old: FeeAcknowledgement = serde_json::from_str(old).unwrap();
        assert_eq!(old.settlement_fee_pct, 0.0);
    }

    #[test]
    fn a_debit_cap_raised_at_signing_is_flagged_against_offer_and_acknowledgement() {
        let offer = Catalog::shipped().get("sample-a").unwrap().clone();
        let ack = FeeAcknowledgement::of(&offer);
        let mut k = Contract::from_offer(&offer);
        assert_eq!(k.debit_cap_yuan, Some(20.0));
        assert!(k.differences(&offer).is_empty());
        assert!(k.differences_from_ack(&ack).is_empty());
        k.debit_cap_yuan = Some(25.0);
        let d = k.differences(&offer);
        assert_eq!(d[0].id, "contract-diff-debit-cap");
        assert_eq!(
            d[0].args,
            vec![("contract", "25".into()), ("other", "20".into())]
        );
        assert_eq!(k.differences_from_ack(&ack)[0].id, "contract-ack-debit-cap");
        // A contract from before the cap was recorded is not compared.
        k.debit_cap_yuan = None;
        assert!(k.differences(&offer).is_empty());
        let j = serde_json::to_string(&k).unwrap();
        assert!(!j.contains("debit_cap_yuan") && !j.contains("accepted_warnings"));
    }

    #[test]
    fn eta_range_in_working_days() {
        let cal = Calendar::shipped();
        let day = NaiveDate::from_ymd_opt(2026, 9, 28).unwrap();
        let (a, b) = review_eta(&cal, day, [3, 5]);
        assert_eq!(a.date.to_string(), "2026-10-08");
        assert_eq!(b.date.to_string(), "2026-10-10");
    }

    #[test]
    fn simulated_approval_matches_the_mcc() {
        let now = DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let ReviewOutcome::Approved { mid, tid, .. } = simulated_approval("5812", now) else {
            panic!()
        };
        assert_eq!(&mid[7..11], "5812");
        assert_eq!(validate::mid(&mid, Some("5812")).verdict, Verdict::Valid);
        assert_eq!(validate::tid(&tid).verdict, Verdict::Valid);
        assert!(check_approval(&mid, &tid, "000000", Some("5812")).is_empty());
        let bad = check_approval("1", "2", "x", Some("5812"));
        assert_eq!(bad.len(), 3);
    }

    #[test]
    fn the_signed_contract_is_compared_with_the_acknowledged_fees() {
        let cat = Catalog::shipped();
        let offer = cat.get("sample-b").unwrap();
        let ack = FeeAcknowledgement::of(offer);
        assert_eq!((ack.debit_rate, ack.credit_rate), (0.50, 0.63));
        assert_eq!(ack.fees.len(), 2, "deposit and data fee");
        let mut c = Contract::from_offer(offer);
        assert!(c.differences_from_ack(&ack).is_empty());
        c.credit_rate = Some(0.68);
        c.add_undisclosed("insurance", 99.0);
        let ids: Vec<_> = c
            .differences_from_ack(&ack)
            .into_iter()
            .map(|d| d.id)
            .collect();
        assert_eq!(ids, ["contract-ack-credit", "contract-ack-fee"]);
    }

    #[test]
    fn review_checks_cycle_through_the_reported_facts() {
        let mut checks = ReviewChecks::new();
        let f = checks.entry(ReviewCheck::Callback).or_default();
        assert_eq!(*f, CheckFact::NotReported);
        *f = f.next();
        assert_eq!(checks[&ReviewCheck::Callback], CheckFact::Passed);
        let json = serde_json::to_string(&checks).unwrap();
        assert_eq!(json, r#"{"callback":"passed"}"#);
    }

    #[test]
    fn contract_lists_every_fee_and_flags_undisclosed_ones() {
        let cat = Catalog::shipped();
        let offer = cat.get("sample-b").unwrap();
        let mut c = Contract::from_offer(offer);
        assert_eq!(
            c.fees.len(),
            2,
            "deposit and data fee are in the offer's fee list already"
        );
        assert!(c.differences(offer).is_empty());
        c.debit_rate = Some(0.6);
        c.add_undisclosed("insurance", 99.0);
        let ids: Vec<_> = c.differences(offer).into_iter().map(|d| d.id).collect();
        assert_eq!(ids, ["contract-diff-debit", "contract-diff-undisclosed"]);
        assert!(!c.complete());
        for f in &mut c.fees {
            f.consented = true;
        }
        c.agreed_at = Some(Utc::now());
        assert!(c.complete());
        let offer_c = cat.get("sample-c").unwrap();
        assert_eq!(
            Contract::from_offer(offer_c).fees.len(),
            1,
            "the service fee"
        );
        // A data fee the offer does not list among its fees is added to the contract.
        let mut with_data = offer_c.clone();
        with_data.data_fee_yuan_per_year = 48.0;
        let c2 = Contract::from_offer(&with_data);
        assert_eq!(c2.fees.len(), 2, "the service fee and the data fee");
    }
}
