//! The changes that make a record of the case — submission, review, contract, binding, terminal
//! identity and activation, test, report — as methods on [`Case`]. Each one applies the case's
//! rules (what it clears, what it stamps, see [`super::basis`]) and returns the [`CaseEvent`] the
//! journal keeps. The wizard and `posbind run` both call these; neither sets those records by
//! hand. Times and terminal facts come in as arguments: nothing here reads a clock or a device.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::application::{Channel, ReviewOutcome, Submission};
use super::basis::Record;
use super::case::{Case, Need};
use super::catalog::Institution;
use super::device::{
    check_serial, DeviceIdentity, GoLive, SerialCheck, SerialConfirmation, TestRecord, TestWaiver,
};

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
    /// A person confirmed the serial number of a terminal that reports none.
    SerialConfirmedByPerson {
        /// Who.
        by: String,
    },
    /// The terminal reported ready with the approved TID.
    TerminalActivated {
        /// Its TID.
        tid: String,
        /// Its status code.
        status: String,
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

/// Whether a person confirmed the serial number on `label` (a confirmation kept before the
/// number was recorded with it counts as it is).
fn person_confirmed(confirmation: &Option<SerialConfirmation>, label: &str) -> bool {
    matches!(
        confirmation,
        Some(SerialConfirmation::Person { serial, .. })
            if serial.is_empty() || *serial == super::device::normalize_serial(label)
    )
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

    /// Records `sub` as submitted (its revision from [`Case::revision_to_submit`]). An earlier
    /// approval stays on record (its MID and TID are the institution's for this merchant) but
    /// no longer holds: it was of other data, so the Review step needs the institution's answer
    /// to this revision. The institution's checks start over.
    pub fn record_submission(&mut self, sub: Submission) -> CaseEvent {
        let event = CaseEvent::ApplicationSubmitted {
            revision: sub.revision,
            channel: sub.channel,
            outbox: sub.outbox.clone(),
        };
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
            // Reading the identity is the one sub-step this very exchange bears out.
            let before = self.activation.done.len();
            self.activation
                .done
                .retain(|s, _| *s == super::device::ActStep::Identify);
            dropped = before - self.activation.done.len()
                + usize::from(self.activation.activated_at.is_some());
            self.activation.activated_at = None;
            self.stamps.remove(&Record::Activation);
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
            self.activation
                .done
                .retain(|s, _| *s == super::device::ActStep::Identify);
            self.activation.activated_at = None;
            self.stamps.remove(&Record::Activation);
            return Err(not);
        }
        self.activation.activated_at = Some(at);
        self.stamp(Record::Activation);
        Ok(event)
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

    /// Records a test loop that ended.
    pub fn record_test(&mut self, rec: TestRecord) -> CaseEvent {
        let s = &rec.summary;
        let event = CaseEvent::TestLoopDone {
            mode: s.mode,
            pass: s.pass,
            count: s.count,
            succeeded: s.succeeded,
            unreversed: s.unreversed.len(),
        };
        // A payment test that passed proves what a "no test card" stood in for.
        if s.pass && s.mode == super::test_result::Mode::Payment {
            self.test_waiver = None;
        }
        self.test = Some(rec);
        self.stamp(Record::Test);
        event
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
        use crate::onboarding::application::ReviewOutcome;
        use crate::onboarding::device::ActStep;
        use chrono::TimeZone;
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap();
        let mut c = Case::new("A", crate::i18n::Lang::En, true, now);
        c.binding.serial_label = "12345678".into();
        c.record_review(ReviewOutcome::Approved {
            mid: "102584054110001".into(),
            tid: "00012345".into(),
            activation_password: String::new(),
            at: now,
            simulated: true,
        });
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
        use crate::onboarding::application::ReviewOutcome;
        let mut c = Case::new("A", crate::i18n::Lang::En, true, now);
        c.binding.serial_label = "12345678".into();
        c.record_review(ReviewOutcome::Approved {
            mid: "102584054110001".into(),
            tid: tid.into(),
            activation_password: String::new(),
            at: now,
            simulated: true,
        });
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
        use crate::onboarding::application::ReviewOutcome;
        use crate::onboarding::device::ActStep;
        let mut c = approved(now(), "00012345");
        c.record_identity("sim", ident("00", "00012345"));
        for s in ActStep::SEQUENCE {
            c.record_activation_step(s, now());
        }
        c.record_activation(ident("00", "00012345"), now()).unwrap();
        assert_eq!(c.activation_steps_done().len(), ActStep::SEQUENCE.len());
        c.record_review(ReviewOutcome::Approved {
            mid: "102584054110001".into(),
            tid: "00099999".into(),
            activation_password: String::new(),
            at: now(),
            simulated: true,
        });
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
}
