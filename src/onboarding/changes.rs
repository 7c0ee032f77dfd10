//! The changes that make a record of the case — submission, review, contract, binding, terminal
//! identity and activation, test, report — as methods on [`Case`]. Each one applies the case's
//! rules (what it clears, what it stamps, see [`super::basis`]) and returns the [`CaseEvent`] the
//! journal keeps. The wizard and `posbind run` both call these; neither sets those records by
//! hand. Times and terminal facts come in as arguments: nothing here reads a clock or a device.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::application::{Channel, CheckFact, Contract, ReviewCheck, ReviewOutcome, Submission};
use super::basis::Record;
use super::case::{Case, CaseId, Need, PosChoice};
use super::catalog::Institution;
use super::device::{
    check_serial, person_confirmed, ActStep, DeviceIdentity, GoLive, SerialCheck,
    SerialConfirmation, TestRecord, TestWaiver,
};
use super::materials::{AccountType, DocumentRecord, Field, MerchantType};
use super::steps::Step;
use super::validate::GeoPoint;

/// One entry of a case's journal: what changed, with the facts worth keeping.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", content = "detail", rename_all = "kebab-case")]
pub enum CaseEvent {
    /// Another institution was chosen.
    InstitutionChosen {
        /// Its catalog id.
        institution: String,
    },
    /// The application package of `revision` was written and submitted.
    ApplicationSubmitted {
        /// Revision.
        revision: u32,
        /// Channel.
        channel: Channel,
        /// Where the package is.
        outbox: String,
    },
    /// The institution approved.
    ApplicationApproved {
        /// Merchant number.
        mid: String,
        /// Terminal ID.
        tid: String,
        /// By the demo's simulated institution.
        simulated: bool,
    },
    /// The institution rejected `revision`.
    ApplicationRejected {
        /// The rejected revision.
        revision: u32,
    },
    /// The merchant agreed to the contract.
    ContractAgreed {},
    /// The five binding elements were confirmed.
    BindingConfirmed {
        /// The serial number bound.
        serial: String,
    },
    /// The terminal told who it is.
    TerminalIdentified {
        /// Serial number as reported.
        serial: String,
        /// Device name.
        name: String,
        /// Software version.
        version: String,
        /// Terminal status code.
        status: String,
        /// It reported the label's serial number.
        matches_label: bool,
        /// Activation sub-steps recorded earlier that the terminal's state does not bear out,
        /// and which were therefore dropped.
        dropped_steps: usize,
    },
    /// A person confirmed an activation step they did on a terminal without a link.
    PersonStepConfirmed {
        /// The step.
        step: super::person::PersonStep,
        /// Who.
        who: String,
    },
    /// Whether the wireless terminal has a cash-register link was set.
    RegisterLinkSet {
        /// It has one.
        linked: bool,
    },
    /// A person confirmed the test payment and its void or refund on a terminal without a link.
    PersonTestConfirmed {
        /// Who.
        who: String,
    },
    /// A person confirmed the serial number of a terminal that reports none.
    SerialConfirmedByPerson {
        /// The label's serial number they confirmed.
        serial: String,
    },
    /// The terminal reported ready with the approved TID.
    TerminalActivated {
        /// Its TID.
        tid: String,
        /// Its status code.
        status: String,
    },
    /// The terminal finished the activation sequence but its report does not make the case
    /// activated (not ready, another TID, another serial number).
    ActivationRefused {
        /// The message id saying why.
        reason: String,
    },
    /// A test loop ended.
    TestLoopDone {
        /// `payment` or `connectivity`.
        mode: crate::onboarding::test_result::Mode,
        /// It passed.
        pass: bool,
        /// Rounds run.
        count: u32,
        /// Rounds that succeeded.
        succeeded: u32,
        /// Payments left unreversed.
        unreversed: usize,
        /// It is the case's test result now; false: a re-test of a proven terminal stopped
        /// before its end, the earlier result stays.
        current: bool,
    },
    /// The payment test was declared not possible.
    PaymentTestWaived {
        /// Why (`no-test-card`).
        reason: String,
    },
    /// The go-live report was written.
    ReportWritten {
        /// HTML file.
        html: String,
        /// JSON file.
        json: String,
    },
    /// The terminal type (and count) for a business scenario was chosen.
    PosTypeChosen {
        /// Scenario id.
        scenario: String,
        /// Terminal type id.
        pos_type: String,
        /// How many terminals.
        count: u32,
    },
    /// The number of terminals changed.
    DeviceCountChanged {
        /// How many terminals.
        count: u32,
    },
    /// A field of the materials changed.
    MaterialChanged {
        /// The field's id.
        field: String,
    },
    /// A person confirmed a warning on a field of the materials.
    WarningConfirmed {
        /// The field's id.
        field: String,
    },
    /// A document file was recorded.
    DocumentAdded {
        /// The checklist item it is for.
        item: String,
        /// Its kind (by content).
        kind: String,
        /// Its size in bytes.
        size: u64,
        /// Its SHA-256.
        sha256: String,
    },
    /// A document file was taken off the case.
    DocumentRemoved {
        /// The checklist item it was for.
        item: String,
    },
    /// The serial number on the terminal's label was entered.
    SerialEntered {
        /// As entered.
        serial: String,
    },
    /// The installation's coordinates were entered.
    InstallLocationEntered {
        /// Latitude.
        lat: f64,
        /// Longitude.
        lon: f64,
    },
    /// The outsourced service provider was entered.
    OutsourcerEntered {
        /// Its name.
        outsourcer: String,
    },
    /// A photo of the installed terminal was recorded.
    TerminalPhotoAdded {
        /// The file.
        path: String,
        /// Its SHA-256.
        sha256: String,
    },
    /// The photo of the installed terminal was taken off the case.
    TerminalPhotoRemoved {},
    /// The merchant category code was chosen.
    MccChosen {
        /// The code.
        mcc: String,
    },
    /// The installation address of the application changed.
    InstallAddressChanged {},
    /// The submission channel was chosen.
    ChannelChosen {
        /// The channel.
        channel: Channel,
    },
    /// A check of the institution's review moved on.
    ReviewCheckRecorded {
        /// Which check.
        check: ReviewCheck,
        /// What is known of it now.
        fact: CheckFact,
    },
    /// The contract was prepared from the chosen offer.
    ContractPrepared {},
    /// The merchant's consent to a fee was given or taken back.
    FeeConsentChanged {
        /// The fee's position in the contract.
        fee: usize,
    },
    /// A rate of the contract changed.
    ContractRateChanged {},
    /// A fee the offer did not disclose was added to the contract.
    UndisclosedFeeAdded {
        /// Its amount.
        yuan: f64,
    },
    /// A fee added by mistake was taken off the contract.
    UndisclosedFeeRemoved {
        /// Its (Chinese) name.
        fee: String,
        /// Its amount.
        yuan: f64,
    },
    /// The terminal confirmed a sub-step of the activation.
    ActivationStepDone {
        /// The sub-step.
        step: ActStep,
    },
    /// A training topic was ticked or unticked.
    TrainingTicked {
        /// The topic's id.
        topic: String,
        /// Ticked (done) now.
        done: bool,
    },
    /// The end of day was practised on the terminal.
    PracticeDone {
        /// What was practised (`end-of-day`).
        practice: String,
    },
    /// The wizard moved to another step (where a resume lands).
    StepChanged {
        /// The step shown before (its id).
        from: String,
        /// The step now (its id).
        to: String,
    },
    /// The case was created.
    CaseCreated {
        /// A demo case (simulated terminal and institution).
        demo: bool,
        /// The demo's filled-in sample merchant.
        sample: bool,
        /// By `posbind run` (or the fast path), not a person in the wizard.
        unattended: bool,
    },
    /// The case was opened again to go on with it.
    CaseResumed {
        /// The step it was left on (its id).
        step: String,
        /// The revision of its application.
        revision: u32,
        /// By `posbind run`, not a person in the wizard.
        unattended: bool,
    },
    /// An activation sub-step failed on the terminal (the case itself is unchanged).
    ActivationFailed {
        /// The sub-step.
        step: ActStep,
        /// What went wrong (its message id).
        error: String,
    },
    /// This case was made to rebind the terminal of case `case`.
    CaseReboundFrom {
        /// The old case's id.
        case: String,
        /// Why (`account` or `institution`).
        reason: String,
    },
    /// The language of the case's documents and screens changed.
    LanguageChanged {
        /// The language now (`zh-CN`, `en`).
        lang: String,
    },
    /// A new case took over this case's terminal (a rebinding).
    CaseSuperseded {
        /// The new case's id.
        by: String,
        /// Why (`account` or `institution`).
        reason: String,
    },
    /// The terminal was moved to a new address (移机) with the institution's approval; the
    /// binding was confirmed again with the new placement.
    TerminalMoved {
        /// The institution's reference for the approval.
        approval: String,
        /// The new latitude.
        lat: f64,
        /// The new longitude.
        lon: f64,
    },
    /// The terminal was replaced by a new one (换机) with the institution's approval: the old
    /// serial number unbound, the new one bound (to be activated and tested).
    TerminalReplaced {
        /// The institution's reference for the approval.
        approval: String,
        /// The old terminal's serial number.
        old_serial: String,
        /// The new terminal's serial number.
        new_serial: String,
    },
    /// The terminal closed its batch (end-of-day, 结算): its totals as it reported them.
    EndOfDay {
        /// Payments in the batch.
        count: Option<u32>,
        /// Their total in minor units.
        total_minor: Option<u64>,
        /// Currency (ISO 4217 number).
        currency: u16,
    },
}

impl CaseEvent {
    /// The event's name as the journal writes it (`application-submitted`).
    pub fn name(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(m)) => m
                .get("event")
                .and_then(|v| v.as_str())
                .unwrap_or("unknown")
                .to_string(),
            _ => "unknown".into(),
        }
    }

    /// The event's facts as the journal writes them.
    pub fn detail(&self) -> serde_json::Value {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut m)) => {
                m.remove("detail").unwrap_or(serde_json::json!({}))
            }
            _ => serde_json::json!({}),
        }
    }
}

/// Why the terminal's word does not make the case activated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotActivated {
    /// The terminal does not report ready (status code, hex).
    NotReady(String),
    /// It reports a TID other than the approved one.
    OtherTid {
        /// As reported.
        reported: String,
        /// As approved.
        approved: String,
    },
    /// There is no approval to compare with.
    NoApproval,
    /// The terminal reports another serial number than the label's.
    OtherTerminal {
        /// As reported.
        reported: String,
        /// On the label.
        label: String,
    },
    /// The terminal reports no serial number and no person confirmed this label's.
    SerialUnconfirmed,
}

impl NotActivated {
    /// Message id and arguments.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            NotActivated::NotReady(status) => {
                ("activation-not-ready", vec![("status", status.clone())])
            }
            NotActivated::OtherTid { reported, approved } => (
                "activation-other-tid",
                vec![
                    ("reported", reported.clone()),
                    ("approved", approved.clone()),
                ],
            ),
            NotActivated::NoApproval => ("missing-review", vec![]),
            NotActivated::OtherTerminal { reported, label } => (
                "activation-wrong-device",
                vec![("terminal", reported.clone()), ("label", label.clone())],
            ),
            NotActivated::SerialUnconfirmed => ("activation-serial-confirm-first", vec![]),
        }
    }
}

/// The terminal status code of a terminal ready for payments, as the identity records it.
pub const STATUS_READY: &str = "00";

/// Whether the terminal's own report says ready for the approved TID.
pub fn ready_for(ident: &DeviceIdentity, approved_tid: Option<&str>) -> Result<(), NotActivated> {
    if ident.status != STATUS_READY {
        return Err(NotActivated::NotReady(ident.status.clone()));
    }
    let approved = approved_tid.ok_or(NotActivated::NoApproval)?;
    if normalize_tid(&ident.tid) != normalize_tid(approved) {
        return Err(NotActivated::OtherTid {
            reported: ident.tid.clone(),
            approved: approved.to_string(),
        });
    }
    Ok(())
}

fn normalize_tid(t: &str) -> String {
    t.chars().filter(|c| c.is_ascii_digit()).collect()
}

impl Case {
    /// Chooses `inst`. Another institution's contract does not carry over: the contract is
    /// prepared again from the new offer.
    pub fn choose_institution(&mut self, inst: Institution) -> CaseEvent {
        if self.institution.as_ref().map(|i| &i.id) != Some(&inst.id) {
            self.contract = None;
        }
        let event = CaseEvent::InstitutionChosen {
            institution: inst.id.clone(),
        };
        self.institution = Some(inst);
        event
    }

    /// The revision the next submission gets: the current one if it was not submitted yet, the
    /// next one if its submission no longer matches the data (changed after submission).
    pub fn revision_to_submit(&self) -> u32 {
        if self.current_submission().is_some() && !self.still_holds(Record::Submission) {
            self.revision + 1
        } else {
            self.revision
        }
    }

    /// Whether the application can be submitted now: never submitted in this revision, or the
    /// data changed since.
    pub fn may_submit(&self) -> bool {
        self.current_submission().is_none() || !self.still_holds(Record::Submission)
    }

    /// The case as its next submission carries it, to write the package and make the
    /// [`Submission`] from: the revision to submit, and the business address as the install
    /// address when none was typed (so the application and the binding name the same place).
    /// The case itself changes only by [`Case::record_submission`].
    pub fn as_submitted(&self) -> Case {
        let mut draft = self.clone();
        draft.revision = self.revision_to_submit();
        if draft.application.install_address.is_empty() {
            draft.application.install_address = self.materials.address.clone();
        }
        draft
    }

    /// Records `sub` as submitted (its revision from [`Case::revision_to_submit`]), with the
    /// install address it was submitted with (see [`Case::as_submitted`]). An earlier
    /// approval stays on record (its MID and TID are the institution's for this merchant) but
    /// no longer holds: it was of other data, so the Review step needs the institution's answer
    /// to this revision. The institution's checks start over.
    pub fn record_submission(&mut self, sub: Submission) -> CaseEvent {
        let event = CaseEvent::ApplicationSubmitted {
            revision: sub.revision,
            channel: sub.channel,
            outbox: sub.outbox.clone(),
        };
        if self.application.install_address.is_empty() {
            self.application.install_address = self.materials.address.clone();
        }
        self.revision = sub.revision;
        self.submissions.push(sub);
        self.review_checks.clear();
        match self.review {
            Some(ReviewOutcome::Approved { .. }) => {
                // A fingerprint that matches no data: the approval is of an earlier revision.
                let superseded = format!("superseded-by-revision-{}", self.revision);
                self.stamps.insert(Record::Approval, superseded);
            }
            _ => {
                self.review = None;
                self.stamps.remove(&Record::Approval);
            }
        }
        self.stamp(Record::Submission);
        event
    }

    /// Records the institution's answer to the current revision. A rejection opens the next
    /// revision.
    pub fn record_review(&mut self, outcome: ReviewOutcome) -> CaseEvent {
        let event = match &outcome {
            ReviewOutcome::Approved {
                mid,
                tid,
                simulated,
                ..
            } => CaseEvent::ApplicationApproved {
                mid: mid.clone(),
                tid: tid.clone(),
                simulated: *simulated,
            },
            ReviewOutcome::Rejected { revision, .. } => CaseEvent::ApplicationRejected {
                revision: *revision,
            },
        };
        let rejected = matches!(outcome, ReviewOutcome::Rejected { .. });
        if rejected {
            self.revision += 1;
        }
        self.review = Some(outcome);
        if rejected {
            self.stamps.remove(&Record::Approval);
        } else {
            self.stamp(Record::Approval);
        }
        event
    }

    /// The merchant agrees to the contract as it stands; what is still missing otherwise.
    pub fn agree_contract(&mut self, at: DateTime<Utc>) -> Result<CaseEvent, Vec<Need>> {
        let Some(k) = self.contract.as_mut() else {
            return Err(vec!["missing-contract".into()]);
        };
        if k.fees.iter().any(|f| !f.consented) {
            return Err(vec!["missing-fee-consent".into()]);
        }
        k.agreed_at = Some(at);
        // Each of the offer's warnings is accepted by agreeing: one accepted before (by its key
        // in an answers file, or --accept-warnings) keeps how; the others were listed by the
        // wizard's Contract step.
        let mcc = self
            .application
            .mcc
            .as_deref()
            .and_then(super::catalog::mcc);
        let before = std::mem::take(&mut k.accepted_warnings);
        k.accepted_warnings = self
            .institution
            .iter()
            .flat_map(|i| i.warnings(mcc))
            .map(|w| {
                let key = w.key();
                before.iter().find(|b| b.key == key).cloned().unwrap_or(
                    super::application::AcceptedWarning {
                        key,
                        text: w.text(),
                        how: super::application::Acceptance::Wizard,
                    },
                )
            })
            .collect();
        self.stamp(Record::Contract);
        Ok(CaseEvent::ContractAgreed {})
    }

    /// Confirms the five binding elements as they are now — only once the approval and the
    /// contract they name are in order (a binding to an approval of other data, or to another
    /// institution's contract, would bind what was never approved).
    pub fn confirm_binding(&mut self, at: DateTime<Utc>) -> Result<CaseEvent, Vec<Need>> {
        let mut open: Vec<Need> = vec![];
        for step in [super::Step::Review, super::Step::Contract] {
            if let Err(m) = self.check_step(step) {
                open.extend(m);
            }
        }
        if !open.is_empty() {
            return Err(open);
        }
        self.binding.confirmed_at = Some(at);
        self.stamp(Record::Binding);
        Ok(CaseEvent::BindingConfirmed {
            serial: self.binding.serial_label.clone(),
        })
    }

    /// Records who the terminal on `port` says it is. The terminal's word beats old records:
    /// when it does not report ready for the approved TID, the activation recorded earlier
    /// (sub-steps and the ready time) is dropped, so the missing sub-steps run again.
    pub fn record_identity(&mut self, port: &str, ident: DeviceIdentity) -> CaseEvent {
        let matches =
            check_serial(&ident.serial, &self.binding.serial_label) == SerialCheck::Matches;
        let approved = self.approval().map(|(_, tid)| tid.to_string());
        let mut dropped = 0;
        if ready_for(&ident, approved.as_deref()).is_err() {
            dropped = self.drop_activation();
        }
        let event = CaseEvent::TerminalIdentified {
            serial: ident.serial.clone(),
            name: ident.name.clone(),
            version: ident.version.clone(),
            status: ident.status.clone(),
            matches_label: matches,
            dropped_steps: dropped,
        };
        // Another terminal than the label's: reading its identity does not count as a sub-step
        // of this case's activation.
        if check_serial(&ident.serial, &self.binding.serial_label) == SerialCheck::Differs {
            self.activation
                .done
                .remove(&super::device::ActStep::Identify);
        }
        self.activation.port = port.to_string();
        // A person's confirmation stays for a terminal that still reports no serial number, as
        // long as it was of the number on the label now.
        let keep_person = check_serial(&ident.serial, &self.binding.serial_label)
            == SerialCheck::NotReported
            && person_confirmed(
                &self.activation.serial_confirmed,
                &self.binding.serial_label,
            );
        if !keep_person {
            self.activation.serial_confirmed = matches.then_some(SerialConfirmation::Terminal);
        }
        self.activation.identity = Some(ident);
        event
    }

    /// Records a sub-step of the activation as the terminal confirmed it.
    pub fn record_activation_step(&mut self, step: super::device::ActStep, at: DateTime<Utc>) {
        self.activation.done.insert(step, at);
    }

    /// Records the activation, if the terminal's own report says ready for the approved TID.
    pub fn record_activation(
        &mut self,
        ident: DeviceIdentity,
        at: DateTime<Utc>,
    ) -> Result<CaseEvent, NotActivated> {
        let approved = self.approval().map(|(_, tid)| tid.to_string());
        let label = self.binding.serial_label.clone();
        let checked = match check_serial(&ident.serial, &label) {
            SerialCheck::Differs => Err(NotActivated::OtherTerminal {
                reported: ident.serial.clone(),
                label,
            }),
            SerialCheck::NotReported
                if !person_confirmed(&self.activation.serial_confirmed, &label) =>
            {
                Err(NotActivated::SerialUnconfirmed)
            }
            _ => ready_for(&ident, approved.as_deref()),
        };
        let event = CaseEvent::TerminalActivated {
            tid: ident.tid.clone(),
            status: ident.status.clone(),
        };
        self.activation.identity = Some(ident);
        if let Err(not) = checked {
            // The sub-steps done before did not make this terminal ready for this approval:
            // they run again next time (Set Terminal-ID with the approved TID first).
            self.drop_activation();
            return Err(not);
        }
        self.activation.activated_at = Some(at);
        self.stamp(Record::Activation);
        Ok(event)
    }

    /// Forgets an activation the terminal does not bear out: its sub-steps (but reading the
    /// identity, which the exchange at hand just did) and its ready time. Returns how many
    /// records were dropped.
    fn drop_activation(&mut self) -> usize {
        let before = self.activation.done.len();
        self.activation
            .done
            .retain(|s, _| *s == super::device::ActStep::Identify);
        let dropped = before - self.activation.done.len()
            + usize::from(self.activation.activated_at.is_some());
        self.activation.activated_at = None;
        self.stamps.remove(&Record::Activation);
        dropped
    }

    /// The activation sub-steps that need not run again: those done for the activation as it
    /// stands; none when the activation was made for another serial number, institution or TID.
    pub fn activation_steps_done(&self) -> Vec<super::device::ActStep> {
        if self.stamps.contains_key(&Record::Activation) && !self.still_holds(Record::Activation) {
            return vec![];
        }
        self.activation
            .done
            .keys()
            .copied()
            .filter(|s| super::device::ActStep::SEQUENCE.contains(s))
            .collect()
    }

    /// Records a test loop that ended. A run that ended (passed or failed) is the result, and
    /// the one it replaces is kept among [`Case::other_tests`]. A re-test of a terminal a test
    /// had proven, stopped by the user before its end, proves nothing either way: it is kept
    /// there too and the result stays, so a live case does not drop off live by a stop.
    pub fn record_test(&mut self, rec: TestRecord) -> CaseEvent {
        let s = &rec.summary;
        let current = !(s.aborted && !s.pass && self.test_needs().is_ok());
        let event = CaseEvent::TestLoopDone {
            mode: s.mode,
            pass: s.pass,
            count: s.count,
            succeeded: s.succeeded,
            unreversed: s.unreversed.len(),
            current,
        };
        if !current {
            self.keep_other_test(rec);
            return event;
        }
        // A payment test that passed proves what a "no test card" stood in for.
        if s.pass && s.mode == super::test_result::Mode::Payment {
            self.test_waiver = None;
        }
        if let Some(old) = self.test.replace(rec) {
            self.keep_other_test(old);
        }
        self.stamp(Record::Test);
        event
    }

    /// Keeps a test that is not the result, the oldest dropped past the limit.
    fn keep_other_test(&mut self, rec: TestRecord) {
        self.other_tests.push(rec);
        let over = self
            .other_tests
            .len()
            .saturating_sub(super::case::MAX_OTHER_TESTS);
        self.other_tests.drain(..over);
    }

    /// Records that a payment test is not possible here (no test card), by a person's explicit
    /// choice; the report shows it prominently.
    pub fn waive_payment_test(&mut self, reason: &str, at: DateTime<Utc>) -> CaseEvent {
        self.test_waiver = Some(TestWaiver {
            reason: reason.to_string(),
            at,
        });
        CaseEvent::PaymentTestWaived {
            reason: reason.to_string(),
        }
    }

    /// Records the report as written.
    pub fn record_report(&mut self, report: GoLive) -> CaseEvent {
        let event = CaseEvent::ReportWritten {
            html: report.html.clone(),
            json: report.json.clone(),
        };
        self.golive = Some(report);
        self.stamp(Record::Report);
        event
    }
}

/// Which rate of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardRate {
    /// The debit card rate.
    Debit,
    /// The credit card rate.
    Credit,
    /// The debit fee cap per transaction, yuan (0 = none).
    DebitCap,
}

/// The fee cannot be removed: it is the offer's own (or there is no such fee).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeNotRemovable;

/// The edits a person makes in the wizard's forms. Each keeps the rules the records depend on:
/// what they are made from is fingerprinted (see [`super::basis`]), so a later record of other
/// data shows as needing attention without being cleared here.
impl Case {
    /// Chooses the terminal type for a business scenario.
    pub fn choose_pos(&mut self, choice: PosChoice) -> CaseEvent {
        let event = CaseEvent::PosTypeChosen {
            scenario: choice.scenario.clone(),
            pos_type: choice.pos_type.clone(),
            count: choice.count,
        };
        self.pos = Some(choice);
        event
    }

    /// Sets how many terminals of the chosen type (none chosen yet: only journalled).
    pub fn set_device_count(&mut self, count: u32) -> CaseEvent {
        if let Some(pos) = self.pos.as_mut() {
            pos.count = count;
        }
        CaseEvent::DeviceCountChanged { count }
    }

    /// Sets the merchant type.
    pub fn set_merchant_type(&mut self, t: MerchantType) -> CaseEvent {
        self.materials.merchant_type = Some(t);
        material_changed(Field::MerchantType)
    }

    /// Sets the kind of the legal representative's identity document.
    pub fn set_id_kind(&mut self, k: super::validate::IdKind) -> CaseEvent {
        self.materials.id_kind = k;
        material_changed(Field::IdKind)
    }

    /// Sets the settlement account's type.
    pub fn set_account_type(&mut self, t: AccountType) -> CaseEvent {
        self.materials.account_type = Some(t);
        material_changed(Field::AccountType)
    }

    /// Turns "applies through an agent" on or off.
    pub fn toggle_agent(&mut self) -> CaseEvent {
        self.materials.agent = !self.materials.agent;
        material_changed(Field::Agent)
    }

    /// Switches the settlement account between class I and class II.
    pub fn toggle_account_class(&mut self) -> CaseEvent {
        self.materials.class_ii = !self.materials.class_ii;
        material_changed(Field::AccountClass)
    }

    /// Turns "the account belongs to a related unit" on or off.
    pub fn toggle_related_unit(&mut self) -> CaseEvent {
        self.materials.related_unit = !self.materials.related_unit;
        material_changed(Field::RelatedUnit)
    }

    /// Sets a text field of the materials as typed.
    pub fn set_material_text(&mut self, f: Field, typed: &str) -> CaseEvent {
        self.materials.set_text(f, typed);
        material_changed(f)
    }

    /// Records that a person confirmed the warning on field `f`.
    pub fn confirm_material_warning(&mut self, f: Field) -> CaseEvent {
        self.materials.confirm(f);
        CaseEvent::WarningConfirmed {
            field: f.id().to_string(),
        }
    }

    /// Records document file `rec` for checklist item `item` (hashed by the caller: no file is
    /// read here).
    pub fn add_document(&mut self, item: &str, rec: DocumentRecord) -> CaseEvent {
        let event = CaseEvent::DocumentAdded {
            item: item.to_string(),
            kind: rec.kind.clone(),
            size: rec.size,
            sha256: rec.sha256.clone(),
        };
        self.materials.documents.insert(item.to_string(), rec);
        event
    }

    /// Takes the document of checklist item `item` off the case.
    pub fn remove_document(&mut self, item: &str) -> CaseEvent {
        self.materials.documents.remove(item);
        CaseEvent::DocumentRemoved {
            item: item.to_string(),
        }
    }

    /// Sets the serial number on the terminal's label; the binding is to be confirmed again.
    pub fn enter_serial(&mut self, serial: &str) -> CaseEvent {
        self.binding.serial_label = serial.to_string();
        self.binding.confirmed_at = None;
        CaseEvent::SerialEntered {
            serial: serial.to_string(),
        }
    }

    /// Sets the installation's coordinates; the binding is to be confirmed again.
    pub fn set_install_location(&mut self, p: GeoPoint) -> CaseEvent {
        self.binding.location = Some(p);
        self.binding.confirmed_at = None;
        CaseEvent::InstallLocationEntered {
            lat: p.lat,
            lon: p.lon,
        }
    }

    /// Sets the outsourced service provider.
    pub fn set_outsourcer(&mut self, name: &str) -> CaseEvent {
        self.binding.outsourcer = name.to_string();
        CaseEvent::OutsourcerEntered {
            outsourcer: name.to_string(),
        }
    }

    /// Records the photo of the installed terminal (hashed by the caller), or takes it off.
    pub fn set_terminal_photo(&mut self, rec: Option<DocumentRecord>) -> CaseEvent {
        let event = match &rec {
            Some(r) => CaseEvent::TerminalPhotoAdded {
                path: r.path.clone(),
                sha256: r.sha256.clone(),
            },
            None => CaseEvent::TerminalPhotoRemoved {},
        };
        self.binding.terminal_photo = rec;
        event
    }

    /// Chooses the merchant category code.
    pub fn choose_mcc(&mut self, code: &str) -> CaseEvent {
        self.application.mcc = Some(code.to_string());
        CaseEvent::MccChosen {
            mcc: code.to_string(),
        }
    }

    /// Sets the installation address of the application (trimmed).
    pub fn set_install_address(&mut self, typed: &str) -> CaseEvent {
        self.application.install_address = typed.trim().to_string();
        CaseEvent::InstallAddressChanged {}
    }

    /// Chooses the submission channel.
    pub fn choose_channel(&mut self, channel: Channel) -> CaseEvent {
        self.application.channel = Some(channel);
        CaseEvent::ChannelChosen { channel }
    }

    /// Moves a check of the institution's review on to its next fact.
    pub fn advance_review_check(&mut self, check: ReviewCheck) -> CaseEvent {
        let fact = self.review_checks.entry(check).or_default();
        *fact = fact.next();
        CaseEvent::ReviewCheckRecorded { check, fact: *fact }
    }

    /// Prepares the contract from the chosen offer (none chosen: no contract).
    pub fn prepare_contract(&mut self) -> CaseEvent {
        self.contract = self.institution.as_ref().map(Contract::from_offer);
        CaseEvent::ContractPrepared {}
    }

    /// Gives or takes back the consent to fee `i`; the contract is to be agreed again.
    pub fn toggle_fee_consent(&mut self, i: usize) -> CaseEvent {
        if let Some(k) = self.contract.as_mut() {
            if let Some(f) = k.fees.get_mut(i) {
                f.consented = !f.consented;
                k.agreed_at = None;
            }
        }
        CaseEvent::FeeConsentChanged { fee: i }
    }

    /// Sets a rate (or the debit cap, in yuan) of the contract; the contract is to be agreed
    /// again.
    pub fn set_contract_rate(&mut self, which: CardRate, rate: f64) -> CaseEvent {
        if let Some(k) = self.contract.as_mut() {
            match which {
                CardRate::Debit => k.debit_rate = Some(rate),
                CardRate::DebitCap => k.debit_cap_yuan = Some(rate),
                CardRate::Credit => k.credit_rate = Some(rate),
            }
            k.agreed_at = None;
        }
        CaseEvent::ContractRateChanged {}
    }

    /// Adds a fee the offer did not disclose; the contract is to be agreed again.
    pub fn add_undisclosed_fee(&mut self, name: &str, yuan: f64) -> CaseEvent {
        if let Some(k) = self.contract.as_mut() {
            k.add_undisclosed(name, yuan);
            k.agreed_at = None;
        }
        CaseEvent::UndisclosedFeeAdded { yuan }
    }

    /// Removes fee `i` if it was added here (the offer's own fees are part of the offer); the
    /// contract is to be agreed again.
    pub fn remove_undisclosed_fee(&mut self, i: usize) -> Result<CaseEvent, FeeNotRemovable> {
        let k = self.contract.as_mut().ok_or(FeeNotRemovable)?;
        if !k.fees.get(i).is_some_and(|f| f.undisclosed) {
            return Err(FeeNotRemovable);
        }
        let fee = k.fees.remove(i);
        k.agreed_at = None;
        Ok(CaseEvent::UndisclosedFeeRemoved {
            fee: fee.name.zh,
            yuan: fee.yuan,
        })
    }

    /// Records that a person confirmed the label's serial number for a terminal that reports
    /// none.
    pub fn confirm_serial_by_person(&mut self, who: &str) -> CaseEvent {
        self.activation.serial_confirmed = Some(SerialConfirmation::Person {
            who: who.to_string(),
            serial: super::device::normalize_serial(&self.binding.serial_label),
        });
        CaseEvent::SerialConfirmedByPerson {
            serial: self.binding.serial_label.clone(),
        }
    }

    /// [`Case::record_activation_step`], journalled.
    pub fn complete_activation_step(&mut self, step: ActStep, at: DateTime<Utc>) -> CaseEvent {
        self.record_activation_step(step, at);
        CaseEvent::ActivationStepDone { step }
    }

    /// Ticks training topic `topic`, or unticks it when it was ticked.
    pub fn tick_training(&mut self, topic: &str) -> CaseEvent {
        let done = !self.training.done.remove(topic);
        if done {
            self.training.done.insert(topic.to_string());
        }
        CaseEvent::TrainingTicked {
            topic: topic.to_string(),
            done,
        }
    }

    /// Records the end of day practised on the terminal.
    pub fn record_practice(&mut self, at: DateTime<Utc>) -> CaseEvent {
        self.training.practised = Some(at);
        CaseEvent::PracticeDone {
            practice: "end-of-day".into(),
        }
    }
}

/// Where the case is, and what became of it.
impl Case {
    /// Records that the wizard moved from step `from` to `step`: a resume lands there.
    pub fn move_to(&mut self, step: Step, from: Step) -> CaseEvent {
        self.step = step;
        CaseEvent::StepChanged {
            from: from.id().to_string(),
            to: step.id().to_string(),
        }
    }

    /// Records the language the merchant works in (screens, the application, the report).
    pub fn set_language(&mut self, lang: crate::i18n::Lang) -> CaseEvent {
        self.lang = lang;
        CaseEvent::LanguageChanged {
            lang: lang.tag().to_string(),
        }
    }

    /// Records that case `by` took over this case's terminal, for `reason`.
    pub fn supersede(&mut self, by: &CaseId, reason: &str) -> CaseEvent {
        self.superseded_by = Some(by.to_string());
        CaseEvent::CaseSuperseded {
            by: by.to_string(),
            reason: reason.to_string(),
        }
    }
}

fn material_changed(f: Field) -> CaseEvent {
    CaseEvent::MaterialChanged {
        field: f.id().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ident(status: &str, tid: &str) -> DeviceIdentity {
        DeviceIdentity {
            serial: "12345678".into(),
            name: "SIM".into(),
            version: "1".into(),
            tid: tid.into(),
            status: status.into(),
        }
    }

    #[test]
    fn events_keep_the_journal_names_and_details() {
        let e = CaseEvent::ApplicationSubmitted {
            revision: 2,
            channel: Channel::Online,
            outbox: "/x".into(),
        };
        assert_eq!(e.name(), "application-submitted");
        assert_eq!(
            e.detail(),
            serde_json::json!({"revision": 2, "channel": "online", "outbox": "/x"})
        );
        assert_eq!(CaseEvent::ContractAgreed {}.detail(), serde_json::json!({}));
    }

    #[test]
    fn a_terminal_that_is_not_ready_undoes_the_recorded_activation() {
        use crate::onboarding::device::ActStep;
        let now = now();
        let mut c = approved(now, "00012345");
        c.record_identity("sim", ident("00", "00012345"));
        c.record_activation_step(ActStep::Identify, now);
        for s in ActStep::SEQUENCE {
            c.record_activation_step(s, now);
        }
        c.record_activation(ident("00", "00012345"), now).unwrap();
        assert!(c.activated());
        // Reopened later: the (restarted) terminal reports E4 and no TID.
        let e = c.record_identity("sim", ident("E4", ""));
        assert!(matches!(
            e,
            CaseEvent::TerminalIdentified { dropped_steps, .. } if dropped_steps > 0
        ));
        assert!(!c.activated());
        assert!(c.activation.activated_at.is_none());
        assert_eq!(
            c.activation.done.keys().copied().collect::<Vec<_>>(),
            [ActStep::Identify]
        );
        // Its "activation" that ends in E4 is not recorded as done.
        assert_eq!(
            c.record_activation(ident("E4", ""), now),
            Err(NotActivated::NotReady("E4".into()))
        );
        assert!(!c.activated());
        assert!(c.check_step(crate::onboarding::Step::Activation).is_err());
    }

    fn approved(now: DateTime<Utc>, tid: &str) -> Case {
        let mut c = Case::new("A", crate::i18n::Lang::En, true, now);
        c.binding.serial_label = "12345678".into();
        c.record_review(crate::onboarding::basis::tests::approval(now, tid));
        c
    }

    fn now() -> DateTime<Utc> {
        use chrono::TimeZone;
        Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap()
    }

    #[test]
    fn another_terminal_or_an_unconfirmed_label_is_not_activated() {
        use crate::onboarding::device::ActStep;
        let mut c = approved(now(), "00012345");
        c.record_identity("sim", ident("00", "00012345"));
        for s in ActStep::SEQUENCE {
            c.record_activation_step(s, now());
        }
        // The label was changed after the terminal was read: the one at hand is another.
        c.binding.serial_label = "87654321".into();
        assert_eq!(
            c.record_activation(ident("00", "00012345"), now()),
            Err(NotActivated::OtherTerminal {
                reported: "12345678".into(),
                label: "87654321".into()
            })
        );
        assert!(c.activation.done.is_empty(), "the sub-steps run again");
        // A terminal that reports no serial: a person's confirmation of the old label does not
        // confirm the new one.
        let mut silent = ident("00", "00012345");
        silent.serial.clear();
        c.activation.serial_confirmed = Some(SerialConfirmation::Person {
            who: "operator".into(),
            serial: "12345678".into(),
        });
        assert_eq!(
            c.record_activation(silent.clone(), now()),
            Err(NotActivated::SerialUnconfirmed)
        );
        c.activation.serial_confirmed = Some(SerialConfirmation::Person {
            who: "operator".into(),
            serial: "87654321".into(),
        });
        assert!(c.record_activation(silent, now()).is_ok());
    }

    #[test]
    fn sub_steps_of_an_activation_for_another_tid_run_again() {
        use crate::onboarding::device::ActStep;
        let mut c = approved(now(), "00012345");
        c.record_identity("sim", ident("00", "00012345"));
        for s in ActStep::SEQUENCE {
            c.record_activation_step(s, now());
        }
        c.record_activation(ident("00", "00012345"), now()).unwrap();
        assert_eq!(c.activation_steps_done().len(), ActStep::SEQUENCE.len());
        c.record_review(crate::onboarding::basis::tests::approval(now(), "00099999"));
        assert!(
            c.activation_steps_done().is_empty(),
            "Set Terminal-ID again"
        );
    }

    #[test]
    fn a_binding_waits_for_the_approval_and_contract_it_names() {
        let mut c = approved(now(), "00012345");
        // No contract yet.
        assert!(c.confirm_binding(now()).is_err());
        assert!(c.binding.confirmed_at.is_none());
    }

    #[test]
    fn a_passed_payment_test_replaces_a_no_test_card_waiver() {
        use crate::onboarding::device::TestRecord;
        use crate::onboarding::test_result::{Mode, Stats, Summary};
        let mut c = approved(now(), "00012345");
        c.waive_payment_test("no-test-card", now());
        let summary = |mode, pass| Summary {
            mode,
            count: 1,
            succeeded: 1,
            failed: 0,
            unreversed: vec![],
            latency_ms: Stats::default(),
            pass,
            planned: 0,
            terminal_ms: Stats::default(),
            failed_rules: vec![],
            aborted: false,
        };
        let rec = |s| TestRecord {
            at: now(),
            amount_fen: Some(1),
            summary: s,
            latencies_ms: vec![],
        };
        c.record_test(rec(summary(Mode::Payment, false)));
        assert!(
            c.test_waiver.is_some(),
            "a failed payment test proves nothing"
        );
        c.record_test(rec(summary(Mode::Payment, true)));
        assert!(c.test_waiver.is_none());
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn doc(path: &str) -> DocumentRecord {
        DocumentRecord {
            path: path.into(),
            size: 42,
            sha256: "ab".repeat(32),
            kind: "pdf".into(),
            added: at("2026-11-26T08:00:00Z"),
        }
    }

    /// Each edit of the wizard's forms journals the event name and the detail keys the wizard
    /// wrote before these methods existed (journals of older cases read the same).
    #[test]
    fn form_edits_keep_the_journal_names_and_details() {
        use serde_json::json;
        let now = at("2026-11-26T08:00:00Z");
        let mut c = Case::new("A", crate::i18n::Lang::En, false, now);
        let inst = crate::onboarding::catalog::Catalog::shipped()
            .get("sample-b")
            .cloned()
            .unwrap();
        c.choose_institution(inst);
        let choice = PosChoice {
            scenario: "fixed-counter".into(),
            pos_type: "countertop".into(),
            count: 1,
        };
        let cases: Vec<(CaseEvent, &str, serde_json::Value)> = vec![
            (
                c.choose_pos(choice),
                "pos-type-chosen",
                json!({"scenario": "fixed-counter", "pos_type": "countertop", "count": 1}),
            ),
            (
                c.set_device_count(3),
                "device-count-changed",
                json!({"count": 3}),
            ),
            (
                c.set_merchant_type(MerchantType::Company),
                "material-changed",
                json!({"field": "merchant-type"}),
            ),
            (
                c.set_account_type(AccountType::Personal),
                "material-changed",
                json!({"field": "account-type"}),
            ),
            (
                c.toggle_agent(),
                "material-changed",
                json!({"field": "agent"}),
            ),
            (
                c.toggle_account_class(),
                "material-changed",
                json!({"field": "account-class"}),
            ),
            (
                c.toggle_related_unit(),
                "material-changed",
                json!({"field": "related-unit"}),
            ),
            (
                c.set_material_text(Field::Mobile, "13800138000"),
                "material-changed",
                json!({"field": Field::Mobile.id()}),
            ),
            (
                c.confirm_material_warning(Field::Mobile),
                "warning-confirmed",
                json!({"field": Field::Mobile.id()}),
            ),
            (
                c.add_document("licence", doc("/tmp/l.pdf")),
                "document-added",
                json!({"item": "licence", "kind": "pdf", "size": 42, "sha256": "ab".repeat(32)}),
            ),
            (
                c.remove_document("licence"),
                "document-removed",
                json!({"item": "licence"}),
            ),
            (
                c.enter_serial("12345678"),
                "serial-entered",
                json!({"serial": "12345678"}),
            ),
            (
                c.set_install_location(GeoPoint {
                    lat: 31.5,
                    lon: 121.25,
                }),
                "install-location-entered",
                json!({"lat": 31.5, "lon": 121.25}),
            ),
            (
                c.set_outsourcer("ACME"),
                "outsourcer-entered",
                json!({"outsourcer": "ACME"}),
            ),
            (
                c.set_terminal_photo(Some(doc("/tmp/p.jpg"))),
                "terminal-photo-added",
                json!({"path": "/tmp/p.jpg", "sha256": "ab".repeat(32)}),
            ),
            (
                c.set_terminal_photo(None),
                "terminal-photo-removed",
                json!({}),
            ),
            (c.choose_mcc("5411"), "mcc-chosen", json!({"mcc": "5411"})),
            (
                c.set_install_address(" 1 Road "),
                "install-address-changed",
                json!({}),
            ),
            (
                c.choose_channel(Channel::Mail),
                "channel-chosen",
                json!({"channel": "mail"}),
            ),
            (
                c.advance_review_check(ReviewCheck::BankCard),
                "review-check-recorded",
                json!({"check": "bank_card", "fact": "passed"}),
            ),
            (c.prepare_contract(), "contract-prepared", json!({})),
            (
                c.toggle_fee_consent(0),
                "fee-consent-changed",
                json!({"fee": 0}),
            ),
            (
                c.set_contract_rate(CardRate::Credit, 0.55),
                "contract-rate-changed",
                json!({}),
            ),
            (
                c.add_undisclosed_fee("insurance", 99.0),
                "undisclosed-fee-added",
                json!({"yuan": 99.0}),
            ),
            (
                c.confirm_serial_by_person("operator"),
                "serial-confirmed-by-person",
                json!({"serial": "12345678"}),
            ),
            (
                c.complete_activation_step(ActStep::Identify, now),
                "activation-step-done",
                json!({"step": ActStep::Identify}),
            ),
            (
                c.tick_training("refund"),
                "training-ticked",
                json!({"topic": "refund", "done": true}),
            ),
            (
                c.tick_training("refund"),
                "training-ticked",
                json!({"topic": "refund", "done": false}),
            ),
            (
                c.record_practice(now),
                "practice-done",
                json!({"practice": "end-of-day"}),
            ),
            (
                c.move_to(
                    crate::onboarding::Step::Binding,
                    crate::onboarding::Step::Contract,
                ),
                "step-changed",
                json!({"from": "contract", "to": "binding"}),
            ),
        ];
        for (event, name, detail) in cases {
            assert_eq!(event.name(), name, "{event:?}");
            assert_eq!(event.detail(), detail, "{event:?}");
        }
        // What the edits did to the case.
        assert_eq!(c.pos.as_ref().map(|p| p.count), Some(3));
        assert_eq!(c.application.install_address, "1 Road");
        assert_eq!(c.application.channel, Some(Channel::Mail));
        assert!(c.materials.agent && c.materials.class_ii && c.materials.related_unit);
        assert!(c.materials.documents.is_empty());
        assert!(c.binding.terminal_photo.is_none());
        assert!(c.training.done.is_empty() && c.training.practised == Some(now));
        let k = c.contract.clone().unwrap();
        assert_eq!(k.credit_rate, Some(0.55));
        let added = k.fees.len() - 1;
        assert!(k.fees[added].undisclosed);
        // Only the fee added here can be removed, and its removal is journalled with its name.
        assert_eq!(c.remove_undisclosed_fee(0), Err(FeeNotRemovable));
        let e = c.remove_undisclosed_fee(added).unwrap();
        assert_eq!(e.name(), "undisclosed-fee-removed");
        assert_eq!(e.detail(), json!({"fee": "insurance", "yuan": 99.0}));
        assert_eq!(c.contract.as_ref().unwrap().fees.len(), added);
        assert_eq!(c.step, crate::onboarding::Step::Binding);
        let other = Case::new("B", crate::i18n::Lang::En, false, now);
        let e = c.supersede(&other.id, "account");
        assert_eq!(e.name(), "case-superseded");
        assert_eq!(
            e.detail(),
            json!({"by": other.id.to_string(), "reason": "account"})
        );
        assert_eq!(c.superseded_by, Some(other.id.to_string()));
    }

    #[test]
    fn lifecycle_events_keep_the_journal_names_both_front_ends_wrote() {
        let created = CaseEvent::CaseCreated {
            demo: true,
            sample: false,
            unattended: true,
        };
        assert_eq!(created.name(), "case-created");
        assert_eq!(created.detail()["unattended"], true);
        let resumed = CaseEvent::CaseResumed {
            step: "test".into(),
            revision: 2,
            unattended: false,
        };
        assert_eq!(resumed.name(), "case-resumed");
        assert_eq!(
            resumed.detail(),
            serde_json::json!({"step": "test", "revision": 2, "unattended": false})
        );
        let failed = CaseEvent::ActivationFailed {
            step: ActStep::SetTid,
            error: "device-timeout".into(),
        };
        assert_eq!(failed.name(), "activation-failed");
        assert_eq!(failed.detail()["error"], "device-timeout");
        let now = Utc::now();
        let mut c = Case::new("A", crate::i18n::Lang::En, false, now);
        let (_, rebound) = c.rebind("account", now);
        assert_eq!(rebound.name(), "case-rebound-from");
        assert_eq!(
            rebound.detail(),
            serde_json::json!({"case": c.id.to_string(), "reason": "account"})
        );
        let lang = c.set_language(crate::i18n::Lang::ZhCn);
        assert_eq!(lang.name(), "language-changed");
        assert_eq!(c.lang, crate::i18n::Lang::ZhCn);
    }

    /// A case approved through the domain, then edited through the domain: the steps built on
    /// the changed data need attention, the others do not, and undoing the edit restores them.
    #[test]
    fn an_edit_through_the_domain_after_approval_makes_the_right_steps_need_attention() {
        use crate::onboarding::basis::Attention;
        use crate::onboarding::Step;
        let now = at("2026-11-26T08:00:00Z");
        let mut c = crate::onboarding::sample::sample_case(crate::i18n::Lang::En, now, "12345678");
        let inst = crate::onboarding::catalog::Catalog::shipped()
            .get("sample-a")
            .cloned()
            .unwrap();
        c.choose_institution(inst);
        let cal = crate::onboarding::calendar::Calendar::shipped();
        let sub = Submission::new(&c, Channel::Online, now, now.date_naive(), &cal, "o".into());
        c.record_submission(sub);
        c.record_review(crate::onboarding::basis::tests::approval(now, "00012345"));
        c.prepare_contract();
        for i in 0..c.contract.as_ref().map_or(0, |k| k.fees.len()) {
            c.toggle_fee_consent(i);
        }
        c.agree_contract(now).unwrap();
        for s in [Step::Application, Step::Review, Step::Contract] {
            assert_eq!(c.attention(s), None, "{s:?}");
        }
        // Not part of the application: nothing needs a resubmission.
        c.set_install_location(GeoPoint {
            lat: 31.2304,
            lon: 121.4737,
        });
        assert_eq!(c.attention(Step::Application), None);
        // A new settlement account is: the application, the answer to it and the contract.
        let old = c.materials.account_number.clone();
        c.set_material_text(Field::AccountNumber, "6222020200112233445");
        assert_eq!(
            c.attention(Step::Application),
            Some(Attention::Changed(Step::Application))
        );
        assert!(c.attention(Step::Review).is_some());
        assert!(c.attention(Step::Contract).is_some());
        assert_eq!(c.revision_to_submit(), c.revision + 1);
        c.set_material_text(Field::AccountNumber, &old);
        for s in [Step::Application, Step::Review, Step::Contract] {
            assert_eq!(c.attention(s), None, "{s:?}");
        }
    }

    #[test]
    fn a_submission_carries_the_next_revision_and_the_business_address_as_install_address() {
        let now = at("2026-11-26T08:00:00Z");
        let mut c = crate::onboarding::sample::sample_case(crate::i18n::Lang::En, now, "1");
        c.application.install_address.clear();
        let cal = crate::onboarding::calendar::Calendar::shipped();
        let draft = c.as_submitted();
        assert_eq!(draft.application.install_address, c.materials.address);
        assert!(
            c.application.install_address.is_empty(),
            "the case is unchanged"
        );
        let sub = Submission::new(
            &draft,
            Channel::Online,
            now,
            now.date_naive(),
            &cal,
            "o".into(),
        );
        c.record_submission(sub);
        assert_eq!(c.application.install_address, c.materials.address);
        assert!(c.still_holds(Record::Submission));
        // Changed after the submission: the next one is the next revision.
        let first = c.revision;
        c.set_material_text(Field::AccountNumber, "6222020200112233445");
        assert_eq!(c.as_submitted().revision, first + 1);
        assert_eq!(c.revision, first);
    }

    #[test]
    fn ready_means_status_00_and_the_approved_tid() {
        assert_eq!(
            ready_for(&ident("00", "00012345"), Some("00012345")),
            Ok(())
        );
        assert_eq!(
            ready_for(&ident("E4", ""), Some("00012345")),
            Err(NotActivated::NotReady("E4".into()))
        );
        assert!(matches!(
            ready_for(&ident("00", "00099999"), Some("00012345")),
            Err(NotActivated::OtherTid { .. })
        ));
        assert_eq!(
            ready_for(&ident("00", "00012345"), None),
            Err(NotActivated::NoApproval)
        );
    }

    #[test]
    fn agreeing_in_the_wizard_records_the_offers_warnings_and_keeps_how_others_were_accepted() {
        use crate::onboarding::application::{Acceptance, AcceptedWarning};
        let now = at("2026-11-26T08:00:00Z");
        let mut c = crate::onboarding::sample::sample_case(crate::i18n::Lang::En, now, "12345678");
        let inst = crate::onboarding::catalog::Catalog::shipped()
            .get("sample-b")
            .cloned()
            .unwrap();
        c.choose_institution(inst);
        c.prepare_contract();
        for i in 0..c.contract.as_ref().map_or(0, |k| k.fees.len()) {
            c.toggle_fee_consent(i);
        }
        // An answers file accepted the deposit by its key before.
        let k = c.contract.as_mut().unwrap();
        k.accepted_warnings.push(AcceptedWarning {
            key: "deposit".into(),
            text: Default::default(),
            how: Acceptance::AnswersKey,
        });
        c.agree_contract(now).unwrap();
        let accepted = &c.contract.as_ref().unwrap().accepted_warnings;
        let how = |key: &str| accepted.iter().find(|w| w.key == key).map(|w| w.how);
        assert_eq!(how("deposit"), Some(Acceptance::AnswersKey));
        assert_eq!(how("data-fee"), Some(Acceptance::Wizard));
        assert_eq!(how("withdrawal-fee"), Some(Acceptance::Wizard));
        assert!(accepted
            .iter()
            .all(|w| !w.text.en.is_empty() || w.key == "deposit"));
    }
}
