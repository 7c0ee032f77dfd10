//! What each record of a case was made from, and whether it still holds.
//!
//! A submission, an approval, a contract, a binding, an activation, a test and a report are each
//! made from some of the case's data. When a record is made, the case keeps a fingerprint of
//! exactly that data ([`Case::stamp`]); when the data changes later (the settlement account is
//! edited after approval, another institution is chosen), the fingerprint no longer matches and
//! the step that holds the record "needs attention" — a distinct state from "not done yet", with
//! a line saying what to do (resubmit as revision N+1, confirm the binding again, …). A step whose
//! prerequisite needs attention needs it too, so nothing downstream of a stale record shows ✓.
//!
//! [`BASED_ON`] is the one table of which data each record is made from; [`DEPENDS_ON`] the one
//! table of which steps a step builds on. Nothing else in posbind decides what invalidates what.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::case::{Case, Need};
use super::steps::Step;
use super::text::Text;
use crate::i18n::{tr_args, tr_owned, Lang};

/// A record of the case that is made from other data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Record {
    /// The application package of the current revision, as submitted.
    Submission,
    /// The institution's approval (MID, TID) of that submission.
    Approval,
    /// The contract as agreed.
    Contract,
    /// The five binding elements as confirmed.
    Binding,
    /// The terminal's activation.
    Activation,
    /// The test loop.
    Test,
    /// The go-live report.
    Report,
}

/// One piece of the case that a record can be made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The merchant's name.
    Merchant,
    /// Scenario, terminal type and count.
    PosChoice,
    /// Every material: key data, confirmations, document fingerprints.
    Materials,
    /// The licence key data of the binding: credit code and merchant type.
    CreditCode,
    /// The settlement account: type, number, holder, bank, branch.
    SettlementAccount,
    /// The institution's offer as chosen.
    Institution,
    /// The application form: MCC, install address, channel.
    ApplicationForm,
    /// The application's revision number.
    Revision,
    /// The approval's MID and TID.
    ApprovalIds,
    /// The contract's terms and consents.
    ContractTerms,
    /// The terminal's serial number (normalised).
    Serial,
    /// Where the terminal is placed and who installed it: install address, location,
    /// outsourcer.
    Placement,
    /// The activation record: the terminal's identity and when it reported ready.
    ActivationFacts,
    /// The test record.
    TestFacts,
    /// Training progress.
    Training,
}

use Input as I;

/// Which data each record is made from. A change to any of it makes the record's step need
/// attention.
pub const BASED_ON: &[(Record, &[Input])] = &[
    (
        Record::Submission,
        &[
            I::Merchant,
            I::PosChoice,
            I::Materials,
            I::Institution,
            I::ApplicationForm,
        ],
    ),
    (
        Record::Approval,
        &[
            I::Merchant,
            I::PosChoice,
            I::Materials,
            I::Institution,
            I::ApplicationForm,
            I::Revision,
        ],
    ),
    (Record::Contract, &[I::Institution, I::ApprovalIds]),
    // The five elements (银发〔2021〕259号): serial number, the acquirer, the MID, the credit
    // code, the settlement account, and the terminal's placement.
    (
        Record::Binding,
        &[
            I::Serial,
            I::Institution,
            I::ApprovalIds,
            I::CreditCode,
            I::SettlementAccount,
            I::Placement,
        ],
    ),
    // A terminal is keyed for one acquirer, one MID and one TID.
    (
        Record::Activation,
        &[I::Serial, I::Institution, I::ApprovalIds],
    ),
    (
        Record::Test,
        &[I::Serial, I::ApprovalIds, I::ActivationFacts],
    ),
    // The report prints all of it.
    (
        Record::Report,
        &[
            I::Merchant,
            I::PosChoice,
            I::Materials,
            I::Institution,
            I::ApplicationForm,
            I::Revision,
            I::ApprovalIds,
            I::ContractTerms,
            I::Serial,
            I::Placement,
            I::ActivationFacts,
            I::TestFacts,
            I::Training,
        ],
    ),
];

/// Which earlier steps each step builds on: when one of them needs attention, so does this one.
pub const DEPENDS_ON: &[(Step, &[Step])] = &[
    (Step::Review, &[Step::Application]),
    (Step::Contract, &[Step::Review]),
    (Step::Binding, &[Step::Review, Step::Contract]),
    (Step::Activation, &[Step::Binding]),
    (Step::Test, &[Step::Activation]),
    (
        Step::GoLive,
        &[
            Step::Application,
            Step::Review,
            Step::Contract,
            Step::Binding,
            Step::Activation,
            Step::Test,
        ],
    ),
];

/// The record a step holds, if it holds one.
pub fn record_of(step: Step) -> Option<Record> {
    Some(match step {
        Step::Application => Record::Submission,
        Step::Review => Record::Approval,
        Step::Contract => Record::Contract,
        Step::Binding => Record::Binding,
        Step::Activation => Record::Activation,
        Step::Test => Record::Test,
        Step::GoLive => Record::Report,
        _ => return None,
    })
}

/// A fingerprint of the data a record was made from (hex, 128 bits of SHA-256).
pub type Fingerprint = String;

/// The fingerprints kept in a case, one per record made.
pub type Stamps = BTreeMap<Record, Fingerprint>;

/// Why a step that was done needs attention, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attention {
    /// The data this step's record was made from changed since.
    Changed(Step),
    /// An earlier step it builds on needs attention.
    Waits(Step),
}

impl Attention {
    /// The line that says why and what to do, in both languages.
    pub fn text(&self, case: &Case) -> Text {
        let both = |id: &str, args: &[(&str, String)]| Text {
            zh: tr_owned(Lang::ZhCn, id, args),
            en: tr_owned(Lang::En, id, args),
        };
        match self {
            Attention::Changed(step) => {
                let submitted = case
                    .submissions
                    .iter()
                    .map(|s| s.revision)
                    .max()
                    .unwrap_or(case.revision);
                both(
                    &format!("attention-{}", step.id()),
                    &[
                        ("revision", submitted.to_string()),
                        ("next", (submitted + 1).to_string()),
                    ],
                )
            }
            Attention::Waits(step) => {
                let zh = tr_args(
                    Lang::ZhCn,
                    "attention-waits",
                    &[("step", &crate::i18n::tr(Lang::ZhCn, &step.title_id()))],
                );
                let en = tr_args(
                    Lang::En,
                    "attention-waits",
                    &[("step", &crate::i18n::tr(Lang::En, &step.title_id()))],
                );
                Text { zh, en }
            }
        }
    }

    /// As a [`Need`], for the lists of what a step is missing.
    pub fn need(&self, case: &Case) -> Need {
        Need::Text(self.text(case))
    }
}

impl Case {
    /// The fingerprint of the data `record` is made from, as the case is now.
    pub fn fingerprint(&self, record: Record) -> Fingerprint {
        let inputs = BASED_ON
            .iter()
            .find(|(r, _)| *r == record)
            .map(|(_, inputs)| *inputs)
            .unwrap_or(&[]);
        let mut h = Sha256::new();
        for input in inputs {
            // Each input is hashed as its JSON, framed by its position so that two inputs
            // cannot run into each other.
            let bytes = self.input_bytes(*input);
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
        h.finalize()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The input as JSON bytes (a struct's fields in declaration order). A field added later
    /// to one of these must serialize to nothing while unset (`skip_serializing_if`), or every
    /// existing case's fingerprints change and its records "need attention" after an update.
    fn input_bytes(&self, input: Input) -> Vec<u8> {
        use serde_json::to_vec;
        let m = &self.materials;
        let bytes = match input {
            I::Merchant => to_vec(&self.merchant),
            I::PosChoice => to_vec(&self.pos),
            I::Materials => to_vec(m),
            I::CreditCode => to_vec(&(m.merchant_type, &m.credit_code)),
            I::SettlementAccount => to_vec(&(
                m.account_type,
                &m.account_number,
                &m.holder_name,
                &m.bank_name,
                &m.branch_code,
            )),
            I::Institution => to_vec(&self.institution),
            I::ApplicationForm => to_vec(&self.application),
            I::Revision => to_vec(&self.revision),
            I::ApprovalIds => to_vec(&self.approval()),
            I::ContractTerms => to_vec(&self.contract),
            I::Serial => to_vec(&super::device::normalize_serial(&self.binding.serial_label)),
            I::Placement => to_vec(&(
                self.install_address(),
                self.binding.location,
                &self.binding.outsourcer,
            )),
            // A person's records count only where there are any, so the fingerprints of
            // cases without them stay as they were.
            I::ActivationFacts if !self.activation.person.is_empty() => to_vec(&(
                &self.activation.identity,
                self.activation.activated_at,
                &self.activation.person,
            )),
            I::ActivationFacts => {
                to_vec(&(&self.activation.identity, self.activation.activated_at))
            }
            I::TestFacts if self.person_test.is_some() => to_vec(&(&self.test, &self.person_test)),
            I::TestFacts => to_vec(&self.test),
            I::Training => to_vec(&self.training),
        };
        bytes.unwrap_or_default()
    }

    /// Keeps the fingerprint of what `record` is made from now: called when the record is made.
    pub fn stamp(&mut self, record: Record) {
        let f = self.fingerprint(record);
        self.stamps.insert(record, f);
    }

    /// Whether `record` was made from the data the case holds now. A record made by a posbind
    /// that kept no fingerprints is taken as it is (there is nothing to compare it with).
    pub fn still_holds(&self, record: Record) -> bool {
        self.stamps
            .get(&record)
            .is_none_or(|f| *f == self.fingerprint(record))
    }

    /// Why `step`, whose own data is complete, needs attention; `None` if it does not.
    pub fn attention(&self, step: Step) -> Option<Attention> {
        self.attention_on(step, super::case::today())
    }

    /// [`Case::attention`] as of `today`.
    pub fn attention_on(&self, step: Step, today: chrono::NaiveDate) -> Option<Attention> {
        self.attention_memo(step, today, &mut BTreeMap::new())
    }

    /// [`Case::attention`], each step judged once per call (the dependencies overlap: Go-live
    /// builds on six steps that build on each other).
    fn attention_memo(
        &self,
        step: Step,
        today: chrono::NaiveDate,
        memo: &mut BTreeMap<Step, Option<Attention>>,
    ) -> Option<Attention> {
        if let Some(known) = memo.get(&step) {
            return known.clone();
        }
        let changed = record_of(step)
            .filter(|r| !self.still_holds(*r))
            .map(|_| Attention::Changed(step));
        let judged = changed.or_else(|| {
            let deps = DEPENDS_ON
                .iter()
                .find(|(s, _)| *s == step)
                .map(|(_, d)| *d)
                .unwrap_or(&[]);
            deps.iter()
                .find(|d| {
                    self.complete_on(**d, today) && self.attention_memo(**d, today, memo).is_some()
                })
                .map(|d| Attention::Waits(*d))
        });
        memo.insert(step, judged.clone());
        judged
    }

    /// How every step stands, in wizard order, each judged once.
    pub fn step_states(&self) -> Vec<super::case::StepState> {
        use super::case::StepState;
        let today = super::case::today();
        let mut memo = BTreeMap::new();
        Step::ALL
            .into_iter()
            .map(|s| match self.own_check_on(s, today) {
                Err(m) => StepState::Todo(m),
                Ok(()) => match self.attention_memo(s, today, &mut memo) {
                    Some(a) => StepState::NeedsAttention(a),
                    None => StepState::Done,
                },
            })
            .collect()
    }

    /// The steps done now that would not be done after `change`: what a change resets, said
    /// before it is made (another institution after approval, …).
    pub fn steps_undone_by(&self, change: impl FnOnce(&mut Case)) -> Vec<Step> {
        let mut after = self.clone();
        change(&mut after);
        Step::ALL
            .into_iter()
            .zip(self.step_states().into_iter().zip(after.step_states()))
            .filter(|(_, (now, then))| {
                *now == super::case::StepState::Done && *then != super::case::StepState::Done
            })
            .map(|(s, _)| s)
            .collect()
    }

    /// Why this case cannot be rebound, if it cannot: rebinding moves a bound terminal to a new
    /// account or institution, so a case that never bound one has nothing to rebind (its
    /// account and institution are edited in the case itself), and a superseded case was
    /// rebound already.
    pub fn rebind_refusal(&self) -> Option<&'static str> {
        if self.superseded_by.is_some() {
            return Some("case-rebind-refused-superseded");
        }
        let bound = self.binding.confirmed_at.is_some() || self.activation.identity.is_some();
        (!bound).then_some("case-rebind-refused-unbound")
    }

    /// Whether no record needs attention: the only state a report may be written from (a
    /// report may still tell of a failed test; never of data that was not submitted or bound).
    pub fn consistent(&self) -> Result<(), Vec<Step>> {
        self.steps_before_go_live_where(|state| {
            matches!(state, super::case::StepState::NeedsAttention(_))
        })
    }

    /// Whether every step before Go-live is done: what going live needs.
    pub fn ready_to_go_live(&self) -> Result<(), Vec<Step>> {
        self.steps_before_go_live_where(|state| *state != super::case::StepState::Done)
    }

    /// The steps before Go-live whose state is `open`, from one evaluation of every step.
    fn steps_before_go_live_where(
        &self,
        open: impl Fn(&super::case::StepState) -> bool,
    ) -> Result<(), Vec<Step>> {
        let steps: Vec<Step> = Step::ALL
            .into_iter()
            .zip(self.step_states())
            .filter(|(s, state)| *s != Step::GoLive && open(state))
            .map(|(s, _)| s)
            .collect();
        if steps.is_empty() {
            Ok(())
        } else {
            Err(steps)
        }
    }
}

/// Where a case stands in its life, as `cases list` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "status")]
pub enum Lifecycle {
    /// Nothing submitted yet (or a rejected application not submitted again).
    Draft,
    /// Revision `revision` was submitted; no answer yet.
    Submitted {
        /// Revision.
        revision: u32,
    },
    /// Revision `revision` was rejected.
    Rejected {
        /// Revision.
        revision: u32,
    },
    /// Approved.
    Approved,
    /// The terminal is bound.
    Bound,
    /// The terminal reported ready with the approved TID.
    Activated,
    /// The test proved the terminal.
    Tested,
    /// The go-live report was written.
    Live,
    /// A record no longer matches the data it was made from.
    NeedsAttention,
    /// A newer case took over the terminal (rebinding).
    Superseded,
}

impl Lifecycle {
    /// Every status's name, as `cases list --status` takes it and JSON writes it.
    pub const NAMES: [&'static str; 10] = [
        "draft",
        "submitted",
        "rejected",
        "approved",
        "bound",
        "activated",
        "tested",
        "live",
        "needs-attention",
        "superseded",
    ];

    /// The status's name (`submitted`), without the revision.
    pub fn name(self) -> &'static str {
        let i = match self {
            Lifecycle::Draft => 0,
            Lifecycle::Submitted { .. } => 1,
            Lifecycle::Rejected { .. } => 2,
            Lifecycle::Approved => 3,
            Lifecycle::Bound => 4,
            Lifecycle::Activated => 5,
            Lifecycle::Tested => 6,
            Lifecycle::Live => 7,
            Lifecycle::NeedsAttention => 8,
            Lifecycle::Superseded => 9,
        };
        Self::NAMES[i]
    }

    /// Why a case with this status cannot be rebound, if that shows from the status alone (see
    /// [`Case::rebind_refusal`], which the rebinding itself checks).
    pub fn rebind_refusal(self) -> Option<&'static str> {
        match self {
            Lifecycle::Draft
            | Lifecycle::Submitted { .. }
            | Lifecycle::Rejected { .. }
            | Lifecycle::Approved => Some("case-rebind-refused-unbound"),
            Lifecycle::Superseded => Some("case-rebind-refused-superseded"),
            _ => None,
        }
    }

    /// The revision a submitted or rejected status names.
    pub fn revision(self) -> Option<u32> {
        match self {
            Lifecycle::Submitted { revision } | Lifecycle::Rejected { revision } => Some(revision),
            _ => None,
        }
    }

    /// The status as text (`已提交（第 2 版）`).
    pub fn text(self, lang: Lang) -> String {
        let (id, revision) = match self {
            Lifecycle::Draft => ("lifecycle-draft", None),
            Lifecycle::Submitted { revision } => ("lifecycle-submitted", Some(revision)),
            Lifecycle::Rejected { revision } => ("lifecycle-rejected", Some(revision)),
            Lifecycle::Approved => ("lifecycle-approved", None),
            Lifecycle::Bound => ("lifecycle-bound", None),
            Lifecycle::Activated => ("lifecycle-activated", None),
            Lifecycle::Tested => ("lifecycle-tested", None),
            Lifecycle::Live => ("lifecycle-live", None),
            Lifecycle::NeedsAttention => ("lifecycle-needs-attention", None),
            Lifecycle::Superseded => ("lifecycle-superseded", None),
        };
        let revision = revision.map(|r| r.to_string()).unwrap_or_default();
        tr_args(lang, id, &[("revision", &revision)])
    }
}

impl Case {
    /// Where the case stands: the furthest record that still holds, or that one needs attention.
    pub fn lifecycle(&self) -> Lifecycle {
        use super::application::ReviewOutcome;
        use super::case::StepState;
        if self.superseded_by.is_some() {
            return Lifecycle::Superseded;
        }
        let states = self.step_states();
        if states
            .iter()
            .any(|s| matches!(s, StepState::NeedsAttention(_)))
        {
            return Lifecycle::NeedsAttention;
        }
        let done = |s: Step| states[s.index()] == StepState::Done;
        if done(Step::GoLive) {
            Lifecycle::Live
        } else if done(Step::Test) {
            Lifecycle::Tested
        } else if done(Step::Activation) {
            Lifecycle::Activated
        } else if done(Step::Binding) {
            Lifecycle::Bound
        } else if done(Step::Review) {
            Lifecycle::Approved
        } else if let Some(sub) = self.current_submission() {
            Lifecycle::Submitted {
                revision: sub.revision,
            }
        } else if let Some(ReviewOutcome::Rejected { revision, .. }) = &self.review {
            Lifecycle::Rejected {
                revision: *revision,
            }
        } else {
            Lifecycle::Draft
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::onboarding::application::ReviewOutcome;
    use crate::onboarding::sample;
    use chrono::{DateTime, Utc};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// The simulated institution's approval with the merchant number the tests use.
    pub(crate) fn approval(at: DateTime<Utc>, tid: &str) -> ReviewOutcome {
        ReviewOutcome::Approved {
            mid: "102584054110001".into(),
            tid: tid.into(),
            activation_password: String::new(),
            at,
            simulated: true,
        }
    }

    /// A case done up to Go-live through the domain's own methods, every record stamped as it
    /// was made: a live case, the report written.
    pub(crate) fn finished() -> Case {
        use crate::onboarding::application::{Channel, Contract, Submission};
        use crate::onboarding::device::{ActStep, DeviceIdentity, GoLive, TestRecord};
        use crate::onboarding::test_result::{Mode, Stats, Summary};
        let now = at("2026-11-26T08:00:00Z");
        let mut c = sample::sample_case(Lang::ZhCn, now, "12345678");
        // The sample scans as records (the files themselves are the store's business).
        for (i, (id, file)) in sample::SAMPLE_DOCUMENTS.iter().enumerate() {
            let record = crate::onboarding::materials::DocumentRecord {
                path: format!("/scans/{file}"),
                size: 1000 + i as u64,
                sha256: format!("{i:064x}"),
                kind: file.rsplit('.').next().unwrap_or("png").into(),
                added: now,
            };
            c.materials.documents.insert((*id).to_string(), record);
        }
        let inst = crate::onboarding::catalog::Catalog::shipped()
            .get("sample-a")
            .cloned()
            .unwrap();
        c.choose_institution(inst.clone());
        let cal = crate::onboarding::calendar::Calendar::shipped();
        let sub = Submission::new(&c, Channel::Online, now, now.date_naive(), &cal, "o".into());
        c.record_submission(sub);
        c.record_review(approval(now, "00012345"));
        let mut k = Contract::from_offer(&inst);
        k.fees.iter_mut().for_each(|f| f.consented = true);
        c.contract = Some(k);
        c.agree_contract(now).unwrap();
        c.confirm_binding(now).unwrap();
        let ident = DeviceIdentity {
            serial: "12345678".into(),
            name: "SIM".into(),
            version: "1.0".into(),
            tid: "00012345".into(),
            status: "00".into(),
        };
        c.record_identity("sim", ident.clone());
        for s in ActStep::SEQUENCE {
            c.record_activation_step(s, now);
        }
        c.record_activation(ident, now).unwrap();
        c.record_test(TestRecord {
            at: now,
            amount_fen: Some(1),
            summary: Summary {
                mode: Mode::Payment,
                count: 1,
                succeeded: 1,
                failed: 0,
                unreversed: vec![],
                latency_ms: Stats::default(),
                pass: true,
                planned: 0,
                terminal_ms: Stats::default(),
                failed_rules: vec![],
                aborted: false,
            },
            latencies_ms: vec![120.0],
        });
        for t in crate::onboarding::device::topics() {
            c.training.done.insert(t.id.clone());
        }
        c.training.practised = Some(now);
        c.record_report(GoLive {
            at: now,
            html: "r.html".into(),
            json: "r.json".into(),
        });
        assert!(c.consistent().is_ok(), "{:?}", c.consistent());
        assert!(c.ready_to_go_live().is_ok(), "{:?}", c.ready_to_go_live());
        assert_eq!(c.check_step(Step::GoLive), Ok(()));
        c
    }

    fn attention_steps(c: &Case) -> Vec<Step> {
        Step::ALL
            .into_iter()
            .filter(|s| c.complete(*s) && c.attention(*s).is_some())
            .collect()
    }

    #[test]
    fn every_record_has_a_row_in_the_table() {
        for r in [
            Record::Submission,
            Record::Approval,
            Record::Contract,
            Record::Binding,
            Record::Activation,
            Record::Test,
            Record::Report,
        ] {
            assert!(BASED_ON.iter().any(|(x, i)| *x == r && !i.is_empty()));
        }
    }

    #[test]
    fn a_new_settlement_account_after_approval_needs_a_resubmission_and_a_rebinding() {
        let mut c = finished();
        c.materials.account_number = "6222020200112233445".into();
        assert_eq!(
            attention_steps(&c),
            [
                Step::Application,
                Step::Review,
                Step::Contract,
                Step::Binding,
                Step::Activation,
                Step::Test,
                Step::GoLive
            ]
        );
        assert_eq!(
            c.attention(Step::Application),
            Some(Attention::Changed(Step::Application))
        );
        assert_eq!(
            c.attention(Step::Binding),
            Some(Attention::Changed(Step::Binding))
        );
        // The activation itself still holds (same terminal, MID and TID): it only waits.
        assert_eq!(
            c.attention(Step::Activation),
            Some(Attention::Waits(Step::Binding))
        );
        assert!(c.consistent().is_err());
        assert!(c.ready_to_go_live().is_err());
        assert_eq!(c.first_incomplete(), Step::Application);
    }

    #[test]
    fn changing_it_back_restores_every_tick() {
        let mut c = finished();
        let old = c.materials.account_number.clone();
        c.materials.account_number = "6222020200112233445".into();
        c.materials.account_number = old;
        assert!(attention_steps(&c).is_empty());
        assert!(c.consistent().is_ok());
    }

    #[test]
    fn another_institution_invalidates_the_contract_binding_and_activation() {
        let mut c = finished();
        let other = crate::onboarding::catalog::Catalog::shipped()
            .institutions
            .iter()
            .find(|i| Some(&i.id) != c.institution.as_ref().map(|x| &x.id))
            .cloned();
        c.institution = other;
        for s in [
            Step::Application,
            Step::Contract,
            Step::Binding,
            Step::Activation,
        ] {
            assert_eq!(c.attention(s), Some(Attention::Changed(s)), "{s:?}");
        }
    }

    #[test]
    fn a_new_install_location_needs_only_the_binding_and_the_report_again() {
        let mut c = finished();
        c.binding.location = crate::onboarding::validate::coordinates("31.2304, 121.4737").value;
        assert_eq!(
            c.attention(Step::Application),
            None,
            "not part of the application"
        );
        assert_eq!(
            c.attention(Step::Binding),
            Some(Attention::Changed(Step::Binding))
        );
        assert_eq!(
            c.attention(Step::GoLive),
            Some(Attention::Changed(Step::GoLive))
        );
        // Confirming the binding again brings back the activation and the test as they were.
        c.stamp(Record::Binding);
        assert_eq!(attention_steps(&c), [Step::GoLive]);
    }

    #[test]
    fn a_new_tid_needs_the_terminal_activated_and_tested_again() {
        let mut c = finished();
        if let Some(crate::onboarding::application::ReviewOutcome::Approved { tid, .. }) =
            &mut c.review
        {
            *tid = "99998888".into();
        }
        for s in [Step::Contract, Step::Binding, Step::Activation, Step::Test] {
            assert_eq!(c.attention(s), Some(Attention::Changed(s)), "{s:?}");
        }
    }

    #[test]
    fn a_training_tick_changes_only_the_report() {
        let mut c = finished();
        c.training.done.remove("refund");
        c.training.done.insert("refund".into());
        assert!(attention_steps(&c).is_empty());
        c.training.practised = None;
        assert_eq!(attention_steps(&c), [Step::GoLive]);
    }

    #[test]
    fn records_without_a_fingerprint_are_taken_as_they_are() {
        let mut c = finished();
        c.stamps.clear();
        c.materials.account_number = "6222020200112233445".into();
        assert!(attention_steps(&c).is_empty());
    }

    #[test]
    fn the_lifecycle_follows_the_records() {
        let mut c = finished();
        assert_eq!(c.lifecycle(), Lifecycle::Live);
        // A report of a connectivity test with no "no test card" recorded is not a go-live.
        let mut link_only = c.clone();
        if let Some(t) = link_only.test.as_mut() {
            t.summary.mode = crate::onboarding::test_result::Mode::Connectivity;
        }
        link_only.stamp(Record::Test);
        link_only.stamp(Record::Report);
        assert_eq!(link_only.lifecycle(), Lifecycle::Activated);
        c.golive = None;
        assert_eq!(c.lifecycle(), Lifecycle::Tested);
        c.materials.account_number = "6222020200112233445".into();
        assert_eq!(c.lifecycle(), Lifecycle::NeedsAttention);
        c.superseded_by = Some("x".into());
        assert_eq!(c.lifecycle(), Lifecycle::Superseded);
        let fresh = Case::new("A", Lang::En, false, at("2026-11-26T08:00:00Z"));
        assert_eq!(fresh.lifecycle(), Lifecycle::Draft);
        assert_eq!(
            Lifecycle::Submitted { revision: 2 }.text(Lang::En),
            "submitted rev 2"
        );
    }

    /// Issue 27: a re-test of a live case that the user stopped leaves the case live with its
    /// result; a re-test that ran to its end becomes the result and the earlier one is kept as
    /// replaced (the report, made from the earlier one, is to be written again).
    #[test]
    fn a_stopped_retest_keeps_the_live_result_and_a_finished_one_replaces_it() {
        let mut c = finished();
        let before = c.test.clone().unwrap();
        let mut stopped = before.clone();
        stopped.at = at("2026-11-27T08:00:00Z");
        stopped.summary.count = 2;
        stopped.summary.planned = 10;
        stopped.summary.succeeded = 2;
        stopped.summary.pass = false;
        stopped.summary.aborted = true;
        let event = c.record_test(stopped.clone());
        assert_eq!(c.lifecycle(), Lifecycle::Live);
        assert_eq!(c.test.as_ref(), Some(&before));
        assert_eq!(c.other_tests, [stopped.clone()]);
        let said = serde_json::to_value(&event).unwrap();
        assert_eq!(said["detail"]["current"], false, "{said}");

        let mut again = before.clone();
        again.at = at("2026-11-28T08:00:00Z");
        let event = c.record_test(again.clone());
        assert_eq!(
            serde_json::to_value(&event).unwrap()["detail"]["current"],
            true
        );
        assert_eq!(c.test.as_ref(), Some(&again));
        assert_eq!(c.other_tests, [stopped, before]);
        assert_eq!(
            c.attention(Step::GoLive),
            Some(Attention::Changed(Step::GoLive))
        );
    }

    #[test]
    fn the_attention_line_names_the_next_revision() {
        let mut c = finished();
        c.materials.mobile = "13900139000".into();
        let t = c.attention(Step::Application).unwrap().text(&c);
        assert!(t.en.contains("revision 2"), "{}", t.en);
        assert!(t.zh.contains('2'), "{}", t.zh);
    }
}
