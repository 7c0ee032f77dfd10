//! The merchant case: everything the wizard learns about one merchant and one terminal.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::application::{ApplicationDraft, Contract, ReviewOutcome, Submission};
use super::catalog::Institution;
use super::materials::{self, Materials};
use super::pos_types::PosCatalog;
use super::steps::Step;
use crate::i18n::Lang;

/// The case file format version this build writes and reads.
pub const CASE_SCHEMA: u32 = 1;

/// Longest merchant name accepted (characters).
pub const MAX_MERCHANT_NAME: usize = super::free_text::MAX_NAME;

/// Most terminals one application may ask for.
pub const MAX_DEVICES: u32 = 99;

/// How many tests that are not the result a case keeps ([`Case::other_tests`]).
pub const MAX_OTHER_TESTS: usize = 10;

/// A case identifier: `YYYYMMDD-HHMMSS-xxxx`, safe as a file name. Read from a case file it is
/// checked like a typed one ([`CaseId::parse`]), so a crafted `"id": "../../x"` never becomes a
/// path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct CaseId(String);

impl<'de> Deserialize<'de> for CaseId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CaseId, D::Error> {
        let text = String::deserialize(d)?;
        // The value is not quoted back: it is whatever the file's author put there.
        CaseId::parse(&text)
            .filter(|id| id.0 == text)
            .ok_or_else(|| serde::de::Error::custom("the case id is not a valid case id"))
    }
}

impl CaseId {
    /// A fresh id from the creation time and a few bits of entropy.
    pub fn new(now: DateTime<Utc>) -> CaseId {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let mix = nanos ^ std::process::id().rotate_left(16);
        CaseId(format!(
            "{}-{:04x}",
            now.format("%Y%m%d-%H%M%S"),
            mix & 0xffff
        ))
    }

    /// Parses an id typed by a user; only the characters ids are made of are accepted, so an id
    /// can never escape the cases directory.
    pub fn parse(text: &str) -> Option<CaseId> {
        let t = text.trim();
        let ok = !t.is_empty()
            && t.len() <= 64
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        ok.then(|| CaseId(t.to_string()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CaseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The merchant as the Case step knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Merchant {
    /// Registered name (or the operator's name for micro merchants).
    pub name: String,
}

/// The POS type chosen for the business scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PosChoice {
    /// Scenario id from the POS catalog.
    pub scenario: String,
    /// Type id from the POS catalog.
    pub pos_type: String,
    /// How many terminals.
    pub count: u32,
}

/// One thing that keeps a step from being complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// A message id.
    Id(&'static str),
    /// A bilingual text (e.g. a checklist item's name).
    Text(super::text::Text),
}

impl From<&'static str> for Need {
    fn from(id: &'static str) -> Need {
        Need::Id(id)
    }
}

/// Why a step is not complete, shown as a list of what is missing.
pub type Missing = Vec<Need>;

/// How a step stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepState {
    /// Done, and nothing it was based on changed.
    Done,
    /// Not done yet: what is missing.
    Todo(Missing),
    /// Done once, but what it was based on changed since (or an earlier step it builds on
    /// needs attention).
    NeedsAttention(super::basis::Attention),
}

/// One merchant case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// File format version ([`CASE_SCHEMA`]).
    pub schema: u32,
    /// Identifier, also the directory name.
    pub id: CaseId,
    /// When the case was started.
    pub created: DateTime<Utc>,
    /// Last change.
    pub updated: DateTime<Utc>,
    /// The language the case was worked in last.
    pub lang: Lang,
    /// The step the user was on, where a resume lands.
    pub step: Step,
    /// Started in demo mode (simulated terminal and institution).
    #[serde(default)]
    pub demo: bool,
    /// The simulated terminal this demo case uses, by serial number: each sample case gets one
    /// of its own, so a second demo in one data directory is not refused at Binding. None: the
    /// simulator's default terminal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo_terminal: Option<String>,
    /// Merchant identity.
    pub merchant: Merchant,
    /// Chosen terminal type.
    #[serde(default)]
    pub pos: Option<PosChoice>,
    /// Materials and key data.
    #[serde(default)]
    pub materials: Materials,
    /// The chosen institution's offer, as it was when chosen.
    #[serde(default)]
    pub institution: Option<Institution>,
    /// The application form's own fields.
    #[serde(default)]
    pub application: ApplicationDraft,
    /// Current revision of the application (1, +1 after each rejection).
    #[serde(default = "one")]
    pub revision: u32,
    /// Every submission made.
    #[serde(default)]
    pub submissions: Vec<Submission>,
    /// The review outcome of the latest submission.
    #[serde(default)]
    pub review: Option<ReviewOutcome>,
    /// The institution's review checks (企业信息联网核查, card, mobile, risk list, 回访) as it
    /// reported them.
    #[serde(default)]
    pub review_checks: super::application::ReviewChecks,
    /// Contract terms and consent.
    #[serde(default)]
    pub contract: Option<Contract>,
    /// The binding record (serial number from the label).
    #[serde(default)]
    pub binding: super::device::Binding,
    /// The activation record.
    #[serde(default)]
    pub activation: super::device::Activation,
    /// The test that is the case's result: the last one that ran to its end, or was stopped
    /// before any test proved the terminal.
    #[serde(default)]
    pub test: Option<super::device::TestRecord>,
    /// Tests that are not the result, oldest first: one a later test replaced, and a re-test
    /// of a proven terminal stopped before its end (the result it would have replaced stays).
    /// The last [`MAX_OTHER_TESTS`] are kept; the journal has every one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_tests: Vec<super::device::TestRecord>,
    /// Training progress.
    #[serde(default)]
    pub training: super::device::Training,
    /// The go-live report.
    #[serde(default)]
    pub golive: Option<super::device::GoLive>,
    /// This case was derived from another by rebinding.
    #[serde(default)]
    pub derived_from: Option<Rebinding>,
    /// A newer case took over this one's terminal (rebinding): its binding no longer counts.
    #[serde(default)]
    pub superseded_by: Option<String>,
    /// A payment test was declared not possible (no test card): recorded, and shown on the
    /// report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_waiver: Option<super::device::TestWaiver>,
    /// The test a person made on a terminal without a link (see [`super::person`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_test: Option<super::person::PersonTest>,
    /// What each record (submission, approval, contract, binding, activation, test, report) was
    /// made from, as fingerprints (see [`super::basis`]).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub stamps: super::basis::Stamps,
    /// Upkeep after go-live: the last end-of-day (see [`super::maintenance`]).
    #[serde(
        default,
        skip_serializing_if = "super::maintenance::Maintenance::is_empty"
    )]
    pub maintenance: super::maintenance::Maintenance,
}

/// Why and from where a case was derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rebinding {
    /// The earlier case.
    pub case: String,
    /// `account` (new settlement account) or `institution` (new institution).
    pub reason: String,
    /// When.
    pub at: DateTime<Utc>,
}

fn one() -> u32 {
    1
}

impl Case {
    /// A new case for `merchant_name`, on the first step.
    pub fn new(merchant_name: &str, lang: Lang, demo: bool, now: DateTime<Utc>) -> Case {
        Case {
            schema: CASE_SCHEMA,
            id: CaseId::new(now),
            created: now,
            updated: now,
            lang,
            step: Step::Case,
            demo,
            demo_terminal: None,
            merchant: Merchant {
                name: merchant_name.trim().to_string(),
            },
            pos: None,
            materials: Materials::default(),
            institution: None,
            application: ApplicationDraft::default(),
            revision: 1,
            submissions: vec![],
            review: None,
            review_checks: Default::default(),
            contract: None,
            binding: Default::default(),
            activation: Default::default(),
            test: None,
            other_tests: Vec::new(),
            training: Default::default(),
            golive: None,
            derived_from: None,
            superseded_by: None,
            test_waiver: None,
            person_test: None,
            stamps: Default::default(),
            maintenance: Default::default(),
        }
    }

    /// Whether `step` is done: its own data complete and nothing it was based on changed since
    /// (see [`super::basis`]); if not, what is missing or why it needs attention.
    pub fn check_step(&self, step: Step) -> Result<(), Missing> {
        self.check_step_on(step, today())
    }

    /// [`Case::check_step`] as of `today` (ID expiry depends on the date).
    pub fn check_step_on(&self, step: Step, today: chrono::NaiveDate) -> Result<(), Missing> {
        self.own_check_on(step, today)?;
        match self.attention_on(step, today) {
            Some(a) => Err(vec![a.need(self)]),
            None => Ok(()),
        }
    }

    /// Whether `step`'s own data is complete, whether or not what it was based on changed.
    pub fn complete(&self, step: Step) -> bool {
        self.complete_on(step, today())
    }

    /// [`Case::complete`] as of `today`.
    pub fn complete_on(&self, step: Step, today: chrono::NaiveDate) -> bool {
        self.own_check_on(step, today).is_ok()
    }

    /// How the step stands: done, to do, or done once but in need of attention.
    pub fn step_state(&self, step: Step) -> StepState {
        let today = today();
        match self.own_check_on(step, today) {
            Err(m) => StepState::Todo(m),
            Ok(()) => match self.attention_on(step, today) {
                Some(a) => StepState::NeedsAttention(a),
                None => StepState::Done,
            },
        }
    }

    pub(super) fn own_check_on(&self, step: Step, today: chrono::NaiveDate) -> Result<(), Missing> {
        let none_or = |m: Missing| if m.is_empty() { Ok(()) } else { Err(m) };
        match step {
            Step::Case => check_merchant_name(&self.merchant.name).map_err(|m| vec![m.into()]),
            Step::PosType => self.check_pos(),
            Step::Materials => none_or(self.material_needs(today)),
            Step::Institution => none_or(self.institution_needs()),
            Step::Application => none_or(self.application_needs()),
            Step::Review => match &self.review {
                Some(ReviewOutcome::Approved { .. }) => Ok(()),
                // Rejected, and resubmitted since: the answer to the new revision is awaited.
                Some(ReviewOutcome::Rejected { revision, .. })
                    if self.submissions.iter().any(|s| s.revision > *revision) =>
                {
                    Err(vec!["missing-review".into()])
                }
                Some(ReviewOutcome::Rejected { .. }) => Err(vec!["missing-review-rejected".into()]),
                None => Err(vec!["missing-review".into()]),
            },
            Step::Contract => none_or(if self.contract.as_ref().is_some_and(|c| c.complete()) {
                vec![]
            } else {
                vec!["missing-contract".into()]
            }),
            Step::Binding => none_or(self.binding_needs()),
            Step::Activation if self.link() != super::person::Link::Register => {
                none_or(self.person_activation_needs())
            }
            Step::Activation => none_or(if self.activated() {
                vec![]
            } else {
                vec!["missing-activation".into()]
            }),
            Step::Test if self.link() != super::person::Link::Register => {
                none_or(self.person_test_needs())
            }
            Step::Test => self.test_needs(),
            Step::Training => none_or(
                super::device::topics()
                    .iter()
                    .filter(|t| !self.training.done.contains(&t.id))
                    .map(|t| Need::Text(t.title.clone()))
                    .collect(),
            ),
            // Live: the report is written and every step before it is done. A report of a
            // failed or unproven test is a record, not a go-live.
            // (Steps that need attention are said by `attention`, as for every step.)
            Step::GoLive => match (&self.golive, self.steps_to_do_before_go_live(today)) {
                (None, _) => Err(vec!["missing-report".into()]),
                (Some(_), open) if open.is_empty() => Ok(()),
                (Some(_), open) => Err(open.into_iter().map(|s| Need::Text(s.title())).collect()),
            },
        }
    }

    /// A new case for rebinding (new settlement account, or new institution): the merchant
    /// and materials are kept; a new account keeps the terminal, a new institution means a new
    /// terminal from it (the serial number is cleared); everything from the application on is
    /// done again. The event is the new case's first journal entry.
    pub fn rebind(&self, reason: &str, now: DateTime<Utc>) -> (Case, super::changes::CaseEvent) {
        let mut c = Case::new(&self.merchant.name, self.lang, self.demo, now);
        c.pos = self.pos.clone();
        c.materials = self.materials.clone();
        c.application = self.application.clone();
        c.binding.serial_label = self.binding.serial_label.clone();
        c.demo_terminal = self.demo_terminal.clone();
        c.binding.location = self.binding.location;
        c.binding.outsourcer = self.binding.outsourcer.clone();
        c.institution = self.institution.clone();
        if reason == "account" {
            let m = &mut c.materials;
            m.account_number.clear();
            m.holder_name.clear();
            m.bank_name.clear();
            m.branch_code.clear();
            m.documents.retain(|k, _| {
                !matches!(
                    k.as_str(),
                    "account-info"
                        | "settlement-account-proof"
                        | "bank-card"
                        | "related-unit-proof"
                        | "non-legal-person-authorisation"
                        | "payee-id"
                )
            });
        } else {
            // A terminal is keyed and registered to its acquirer: a new institution means a
            // new terminal from it, not a re-key of the old one (which goes back to the old
            // acquirer). The serial number of the new terminal is entered at binding.
            c.institution = None;
            c.binding.serial_label.clear();
        }
        c.training = self.training.clone();
        c.derived_from = Some(Rebinding {
            case: self.id.to_string(),
            reason: reason.to_string(),
            at: now,
        });
        c.step = c.first_incomplete();
        let event = super::changes::CaseEvent::CaseReboundFrom {
            case: self.id.to_string(),
            reason: reason.to_string(),
        };
        (c, event)
    }

    /// The steps before Go-live that are still to do (not those done once that need
    /// attention).
    fn steps_to_do_before_go_live(&self, today: chrono::NaiveDate) -> Vec<Step> {
        Step::ALL
            .into_iter()
            .filter(|s| *s != Step::GoLive && !self.complete_on(*s, today))
            .collect()
    }

    /// A test proves the terminal when it passed with real payments, or passed the connectivity
    /// rounds where a payment test was recorded as not possible (no test card).
    pub(super) fn test_needs(&self) -> Result<(), Missing> {
        use crate::onboarding::test_result::Mode;
        match &self.test {
            None => Err(vec!["missing-test".into()]),
            Some(t) if !t.summary.pass => Err(vec!["missing-test-pass".into()]),
            Some(t) if t.summary.mode == Mode::Connectivity && self.test_waiver.is_none() => {
                Err(vec!["missing-test-payment".into()])
            }
            Some(_) => Ok(()),
        }
    }

    /// The approval, if the review approved.
    pub fn approval(&self) -> Option<(&str, &str)> {
        match &self.review {
            Some(ReviewOutcome::Approved { mid, tid, .. }) => Some((mid.as_str(), tid.as_str())),
            _ => None,
        }
    }

    /// The five binding elements that are still missing (the serial number included).
    pub fn binding_needs(&self) -> Missing {
        let mut m: Missing = vec![];
        if super::device::normalize_serial(&self.binding.serial_label).is_empty() {
            m.push("missing-serial".into());
        } else if super::free_text::check(
            &self.binding.serial_label,
            super::free_text::MAX_SERIAL_LABEL,
        )
        .is_err()
        {
            m.push("invalid-serial-label".into());
        }
        if self.institution.is_none() {
            m.push("missing-institution".into());
        }
        if self.approval().is_none() {
            m.push("missing-review".into());
        }
        if self.install_address().is_empty() {
            m.push("missing-install-address".into());
        }
        if self.binding.location.is_none() {
            m.push("missing-install-location".into());
        }
        if m.is_empty() && self.binding.confirmed_at.is_none() {
            m.push("missing-binding-confirm".into());
        }
        m
    }

    /// Where the terminal is installed: the address of its last move after go-live, else the
    /// application's install address, else the business address.
    pub fn install_address(&self) -> &str {
        if let Some(m) = self.maintenance.moves.last() {
            &m.address
        } else if self.application.install_address.is_empty() {
            &self.materials.address
        } else {
            &self.application.install_address
        }
    }

    /// The terminal reported ready and it is the one bound (it reported the label's serial
    /// number, or a person confirmed it for a terminal that reports none).
    /// Its own report must say ready with the approved TID.
    pub fn activated(&self) -> bool {
        let a = &self.activation;
        // A terminal without a link: a person confirmed every step and the slip agrees.
        if self.link() != super::person::Link::Register {
            return a.activated_at.is_some() && self.person_activation_needs().is_empty();
        }
        a.activated_at.is_some()
            && a.serial_confirmed_for(&self.binding.serial_label)
            && a.identity.as_ref().is_some_and(|i| {
                super::changes::ready_for(i, self.approval().map(|(_, tid)| tid)).is_ok()
            })
    }

    /// What the Materials step still needs.
    pub fn material_needs(&self, today: chrono::NaiveDate) -> Missing {
        let mcc = self.application.mcc.as_deref();
        materials::gaps_for(&self.materials, &self.merchant.name, mcc, today)
            .into_iter()
            .map(|g| match g {
                materials::Gap::Field(f) => Need::Text(field_label(f)),
                materials::Gap::Confirm(f) => Need::Text(confirm_label(f)),
                materials::Gap::Document(item) => Need::Text(item.name.clone()),
            })
            .collect()
    }

    fn institution_needs(&self) -> Missing {
        match &self.institution {
            None => vec!["missing-institution".into()],
            Some(i) if !self.institution_accepts_settlement(i) => {
                vec!["missing-institution-other-name".into()]
            }
            Some(i) => i
                .refusals(self.pos.as_ref().map(|p| p.pos_type.as_str()))
                .into_iter()
                .map(Need::Id)
                .collect(),
        }
    }

    /// Whether `i` accepts this merchant's settlement account: a 个体工商户 settling to another
    /// person's account needs an acquirer that takes a 非法人结算授权书.
    pub fn institution_accepts_settlement(&self, i: &super::catalog::Institution) -> bool {
        i.non_legal_person_settlement
            || !self
                .materials
                .needs_non_legal_person_settlement(&self.merchant.name)
    }

    fn application_needs(&self) -> Missing {
        let mut m: Missing = vec![];
        if self.application.mcc.is_none() {
            m.push("missing-mcc".into());
        }
        if self.application.channel.is_none() {
            m.push("missing-channel".into());
        }
        if super::free_text::check(
            &self.application.install_address,
            super::free_text::MAX_ADDRESS,
        )
        .is_err()
        {
            m.push("invalid-install-address".into());
        }
        if !self.submissions.iter().any(|s| s.revision == self.revision) {
            m.push("missing-submission".into());
        }
        m
    }

    /// The submission of the current revision, if made.
    pub fn current_submission(&self) -> Option<&Submission> {
        self.submissions
            .iter()
            .rev()
            .find(|s| s.revision == self.revision)
    }

    fn check_pos(&self) -> Result<(), Missing> {
        let Some(pos) = &self.pos else {
            return Err(vec!["missing-pos-type".into()]);
        };
        let catalog = PosCatalog::shipped();
        let mut missing: Missing = vec![];
        if catalog.scenario(&pos.scenario).is_none() {
            missing.push("missing-scenario".into());
        }
        if catalog.pos_type(&pos.pos_type).is_none() {
            missing.push("missing-pos-type".into());
        }
        if !(1..=MAX_DEVICES).contains(&pos.count) {
            missing.push("missing-device-count".into());
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(missing)
        }
    }

    /// The first step that is not complete (where a user has work to do).
    pub fn first_incomplete(&self) -> Step {
        // One evaluation of every step (their dependencies overlap).
        Step::ALL
            .into_iter()
            .zip(self.step_states())
            .find(|(_, state)| *state != StepState::Done)
            .map_or(Step::GoLive, |(s, _)| s)
    }
}

/// Today's date on the local clock: ID cards expire by it.
pub(super) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Today's date on the local clock, for front ends that judge a case as of now.
pub fn local_today() -> chrono::NaiveDate {
    today()
}

/// The label of a materials field, from the locale files, as bilingual text.
pub fn field_label(f: materials::Field) -> super::text::Text {
    let id = format!("field-m-{}", f.id());
    super::text::Text {
        zh: crate::i18n::tr(crate::i18n::Lang::ZhCn, &id),
        en: crate::i18n::tr(crate::i18n::Lang::En, &id),
    }
}

fn confirm_label(f: materials::Field) -> super::text::Text {
    let l = field_label(f);
    let zh = crate::i18n::tr_args(
        crate::i18n::Lang::ZhCn,
        "missing-confirm",
        &[("field", &l.zh)],
    );
    let en = crate::i18n::tr_args(
        crate::i18n::Lang::En,
        "missing-confirm",
        &[("field", &l.en)],
    );
    super::text::Text { zh, en }
}

/// Checks a merchant name as typed or read from an answers file: not blank, and the free-text
/// rule (length, no control or direction-override characters).
pub fn check_merchant_name(name: &str) -> Result<(), &'static str> {
    use super::free_text::{check, TextProblem};
    if name.trim().is_empty() {
        return Err("missing-merchant-name");
    }
    match check(name, MAX_MERCHANT_NAME) {
        Ok(()) => Ok(()),
        Err(TextProblem::TooLong { .. }) => Err("invalid-merchant-name-long"),
        Err(TextProblem::UnsafeCharacter) => Err("invalid-merchant-name-control"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_new_case_has_only_its_first_step_done() {
        let c = Case::new("  好再来超市 ", Lang::ZhCn, false, at());
        assert_eq!(c.merchant.name, "好再来超市");
        assert!(c.check_step(Step::Case).is_ok());
        assert_eq!(
            c.check_step(Step::PosType),
            Err(vec![Need::Id("missing-pos-type")])
        );
        assert_eq!(c.first_incomplete(), Step::PosType);
    }

    #[test]
    fn pos_choice_needs_known_ids_and_a_sane_count() {
        let mut c = Case::new("A", Lang::En, false, at());
        c.pos = Some(PosChoice {
            scenario: "micro".into(),
            pos_type: "esign".into(),
            count: 1,
        });
        assert!(c.check_step(Step::PosType).is_ok());
        c.pos = Some(PosChoice {
            scenario: "nope".into(),
            pos_type: "esign".into(),
            count: 0,
        });
        assert_eq!(
            c.check_step(Step::PosType),
            Err(vec![
                Need::Id("missing-scenario"),
                Need::Id("missing-device-count")
            ])
        );
    }

    #[test]
    fn merchant_names_are_checked() {
        assert_eq!(check_merchant_name("   "), Err("missing-merchant-name"));
        assert_eq!(
            check_merchant_name(&"x".repeat(101)),
            Err("invalid-merchant-name-long")
        );
        assert_eq!(
            check_merchant_name("a\u{7}b"),
            Err("invalid-merchant-name-control")
        );
        assert!(check_merchant_name("<script>").is_ok());
    }

    #[test]
    fn case_ids_cannot_escape_the_cases_directory() {
        assert!(CaseId::parse("../etc").is_none());
        assert!(CaseId::parse("a/b").is_none());
        assert!(CaseId::parse("").is_none());
        assert!(CaseId::parse("20261126-150422-ab12").is_some());
        assert!(CaseId::parse(CaseId::new(at()).as_str()).is_some());
    }

    #[test]
    fn case_round_trips_through_json() {
        let c = Case::new("A", Lang::En, true, at());
        let j = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Case>(&j).unwrap(), c);
        assert!(j.contains("\"step\":\"case\""));
    }

    #[test]
    fn binding_needs_the_location_and_a_new_institution_means_a_new_terminal() {
        let mut c = Case::new("好再来超市有限公司", Lang::ZhCn, false, Utc::now());
        c.binding.serial_label = "00C0FFEE".into();
        c.materials.address = "深圳市南山区科技园 1 号".into();
        assert!(c
            .binding_needs()
            .contains(&Need::Id("missing-install-location")));
        c.binding.location = super::super::validate::coordinates("22.5431, 113.9360").value;
        assert!(!c
            .binding_needs()
            .contains(&Need::Id("missing-install-location")));
        let (account, _) = c.rebind("account", Utc::now());
        assert_eq!(account.binding.serial_label, "00C0FFEE", "same terminal");
        let (inst, event) = c.rebind("institution", Utc::now());
        assert_eq!(event.name(), "case-rebound-from");
        assert_eq!(event.detail()["case"], c.id.as_str());
        assert!(inst.binding.serial_label.is_empty(), "a new terminal");
        assert!(inst.institution.is_none());
        assert_eq!(inst.binding.location, c.binding.location, "same place");
    }

    /// Issue 25: a new settlement account needs its own proof; the old account's scans stay
    /// with the old case.
    #[test]
    fn rebinding_to_a_new_account_drops_every_proof_of_the_old_one() {
        let mut c = Case::new("好再来超市有限公司", Lang::ZhCn, false, Utc::now());
        for id in [
            "business-licence",
            "account-info",
            "settlement-account-proof",
        ] {
            let rec = super::super::materials::DocumentRecord {
                path: format!("/scans/{id}.png"),
                size: 1,
                sha256: "0".repeat(64),
                kind: "png".into(),
                added: c.created,
            };
            c.materials.documents.insert(id.into(), rec);
        }
        let (account, _) = c.rebind("account", Utc::now());
        let kept: Vec<&str> = account
            .materials
            .documents
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(kept, ["business-licence"]);
    }

    #[test]
    fn the_non_legal_person_settlement_flag_is_off_unless_the_catalog_sets_it() {
        use super::super::catalog::Catalog;
        use super::super::materials::{AccountType, MerchantType};
        let mut c = Case::new("张三小吃店", Lang::ZhCn, false, Utc::now());
        c.materials.merchant_type = Some(MerchantType::SoleProprietor);
        c.materials.legal_rep_name = "张三".into();
        c.materials.account_type = Some(AccountType::Personal);
        c.materials.holder_name = "李四".into();
        let catalog = Catalog::shipped();
        let a = catalog.get("sample-a").unwrap();
        assert!(!a.non_legal_person_settlement);
        c.institution = Some(a.clone());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert!(c.check_step_on(Step::Institution, today).is_err());
        c.institution = catalog.get("sample-b").cloned();
        assert!(c.check_step_on(Step::Institution, today).is_ok());
    }
}
