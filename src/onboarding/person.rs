//! Activation and test of a terminal posbind cannot drive: a 电签 POS, a smart POS, an MPOS, a
//! wireless terminal without a cash-register link, or a QR code. The installer does each step
//! on the device (or in the acquirer's app) and a person confirms it here; the case records who
//! and when, and the evidence the acquirer asks for (the sign-on slip's MID, TID and serial
//! number; the first receipt) is typed in and checked against the approval and the label. No
//! record made here ever says the terminal verified anything.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::basis::Record;
use super::case::{Case, Missing};
use super::changes::CaseEvent;
use super::device::normalize_serial;

/// How the case's terminal is activated and tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// A cash-register link (ZVT or a driver): posbind drives the terminal.
    Register,
    /// A terminal that activates itself over 4G/Wi-Fi (电签 POS, smart POS, MPOS, a wireless
    /// terminal without a link): the installer works on the device, a person confirms.
    Device,
    /// A QR code bound to the merchant number, tested by a scan.
    Qr,
}

impl Link {
    /// The link of a POS type: a countertop always has one; a wireless terminal has one only
    /// when the case says so (usually it has none); the others never.
    pub fn of(pos_type: &str, wireless_linked: bool) -> Link {
        match pos_type {
            "qr" => Link::Qr,
            "esign" | "smart" | "mpos" => Link::Device,
            "wireless" if !wireless_linked => Link::Device,
            _ => Link::Register,
        }
    }

    /// The steps a person confirms for this link, in order.
    pub fn steps(self) -> &'static [PersonStep] {
        match self {
            Link::Register => &[],
            Link::Device => &[
                PersonStep::ActivationCode,
                PersonStep::KeyDownload,
                PersonStep::SignOn,
            ],
            Link::Qr => &[PersonStep::BindMid],
        }
    }
}

/// A step a person does on the device and confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PersonStep {
    /// The activation code entered on the device.
    ActivationCode,
    /// Parameter and key download (TMS) finished on the device.
    KeyDownload,
    /// 签到 on the device; the sign-on slip is the evidence.
    SignOn,
    /// The QR code bound to the merchant number.
    BindMid,
}

impl PersonStep {
    /// Message id of the name.
    pub fn label_id(self) -> &'static str {
        match self {
            PersonStep::ActivationCode => "person-step-activation-code",
            PersonStep::KeyDownload => "person-step-key-download",
            PersonStep::SignOn => "person-step-sign-on",
            PersonStep::BindMid => "person-step-bind-mid",
        }
    }

    /// Message id of what the installer does.
    pub fn hint_id(self) -> &'static str {
        match self {
            PersonStep::ActivationCode => "person-hint-activation-code",
            PersonStep::KeyDownload => "person-hint-key-download",
            PersonStep::SignOn => "person-hint-sign-on",
            PersonStep::BindMid => "person-hint-bind-mid",
        }
    }
}

/// Who confirmed a step, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmed {
    /// Who (e.g. `installer`, a name).
    pub who: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// What a slip or receipt shows, as a person typed it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SlipFacts {
    /// Merchant number (商户号).
    pub mid: String,
    /// Terminal ID (终端号); empty for a QR code.
    pub tid: String,
    /// Serial number (机身号); empty for a QR code and on a receipt.
    pub serial: String,
    /// Reference number (参考号) or, for a QR payment, the order number; empty on a sign-on slip.
    pub reference: String,
}

/// The activation as a person confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct PersonActivation {
    /// Each step confirmed.
    pub steps: BTreeMap<PersonStep, Confirmed>,
    /// The sign-on slip (or, for a QR code, the binding's MID) as typed in.
    pub slip: Option<SlipFacts>,
}

impl PersonActivation {
    /// Nothing recorded.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty() && self.slip.is_none()
    }
}

/// The test as a person confirmed it: a small payment on the device (or a scan of the code)
/// and its void (or refund), with the first receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonTest {
    /// The payment made.
    pub payment: Confirmed,
    /// Its void (撤销) or, for a QR code, its refund (退款).
    pub reversal: Confirmed,
    /// The first receipt as typed in.
    pub receipt: SlipFacts,
    /// The amount, in fen.
    pub amount_fen: u64,
}

/// Longest value typed for a slip field.
const MAX_FIELD: usize = 40;

/// What of the typed facts does not agree with the approval and the label, as message ids
/// (empty: all agree). `receipt` asks for a reference number instead of the serial number.
pub fn slip_problems(
    link: Link,
    facts: &SlipFacts,
    approval: Option<(&str, &str)>,
    label: &str,
    receipt: bool,
) -> Vec<&'static str> {
    let mut out = vec![];
    let Some((mid, tid)) = approval else {
        return vec!["missing-review"];
    };
    if facts.mid.trim() != mid.trim() {
        out.push("person-mid-differs");
    }
    if link == Link::Device && facts.tid.trim() != tid.trim() {
        out.push("person-tid-differs");
    }
    if link == Link::Device
        && !receipt
        && normalize_serial(&facts.serial) != normalize_serial(label)
    {
        out.push("person-serial-differs");
    }
    if receipt {
        let r = facts.reference.trim();
        if r.is_empty()
            || r.chars().count() > MAX_FIELD
            || !r.chars().all(|c| c.is_ascii_alphanumeric())
        {
            out.push("person-reference-invalid");
        }
    }
    out
}

/// Why a person's confirmation was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// This case's terminal is driven through its link: posbind verifies, not a person.
    HasLink,
    /// Nobody named.
    NoOne,
    /// An earlier step is not confirmed yet.
    StepFirst(PersonStep),
    /// The typed facts do not agree: message ids.
    Differs(Vec<&'static str>),
    /// The activation is not done yet.
    NotActivated,
}

impl Refused {
    /// The message id and arguments.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            Refused::HasLink => ("person-has-link", vec![]),
            Refused::NoOne => ("person-who-missing", vec![]),
            Refused::StepFirst(_) => ("person-step-first", vec![]),
            Refused::Differs(ids) => (ids.first().copied().unwrap_or("person-mid-differs"), vec![]),
            Refused::NotActivated => ("missing-activation", vec![]),
        }
    }
}

fn who_of(who: &str) -> Result<String, Refused> {
    let w = who.trim();
    if w.is_empty() {
        return Err(Refused::NoOne);
    }
    Ok(w.chars().take(MAX_FIELD).collect())
}

impl Case {
    /// How this case's terminal is activated and tested.
    pub fn link(&self) -> Link {
        match &self.pos {
            Some(p) => Link::of(&p.pos_type, self.activation.register_link),
            None => Link::Register,
        }
    }

    /// What a person still has to confirm for the activation (empty: activated).
    pub fn person_activation_needs(&self) -> Missing {
        let link = self.link();
        let p = &self.activation.person;
        let mut out: Missing = link
            .steps()
            .iter()
            .filter(|s| !p.steps.contains_key(s))
            .map(|s| s.label_id().into())
            .collect();
        match &p.slip {
            None => out.push("missing-person-slip".into()),
            Some(f) => out.extend(
                slip_problems(link, f, self.approval(), &self.binding.serial_label, false)
                    .into_iter()
                    .map(Into::into),
            ),
        }
        out
    }

    /// Records that `who` did `step` on the device, now. Steps go in order; the sign-on (or
    /// the binding to the MID) comes with the slip's facts, checked against the approval and
    /// the label. The last step activates.
    pub fn confirm_person_step(
        &mut self,
        step: PersonStep,
        who: &str,
        slip: Option<SlipFacts>,
        at: DateTime<Utc>,
    ) -> Result<CaseEvent, Refused> {
        let link = self.link();
        let steps = link.steps();
        if steps.is_empty() {
            return Err(Refused::HasLink);
        }
        let who = who_of(who)?;
        if let Some(first) = steps
            .iter()
            .take_while(|s| **s != step)
            .find(|s| !self.activation.person.steps.contains_key(s))
        {
            return Err(Refused::StepFirst(*first));
        }
        let last = steps.last() == Some(&step);
        if last {
            let facts = slip.ok_or(Refused::Differs(vec!["missing-person-slip"]))?;
            let problems = slip_problems(
                link,
                &facts,
                self.approval(),
                &self.binding.serial_label,
                false,
            );
            if !problems.is_empty() {
                return Err(Refused::Differs(problems));
            }
            self.activation.person.slip = Some(trimmed(facts));
        }
        self.activation.person.steps.insert(
            step,
            Confirmed {
                who: who.clone(),
                at,
            },
        );
        if last {
            self.activation.activated_at = Some(at);
            self.stamp(Record::Activation);
        }
        Ok(CaseEvent::PersonStepConfirmed { step, who })
    }

    /// Forgets what a person confirmed for the activation (to do it again, e.g. after the
    /// wrong slip).
    pub fn reset_person_activation(&mut self) {
        self.activation.person = PersonActivation::default();
        self.activation.activated_at = None;
        self.stamps.remove(&Record::Activation);
    }

    /// Records the test a person made on the device: the payment, its void or refund, and the
    /// first receipt checked against the approval.
    pub fn confirm_person_test(
        &mut self,
        who: &str,
        receipt: SlipFacts,
        at: DateTime<Utc>,
    ) -> Result<CaseEvent, Refused> {
        let link = self.link();
        if link == Link::Register {
            return Err(Refused::HasLink);
        }
        let who = who_of(who)?;
        if !self.activated() {
            return Err(Refused::NotActivated);
        }
        let problems = slip_problems(
            link,
            &receipt,
            self.approval(),
            &self.binding.serial_label,
            true,
        );
        if !problems.is_empty() {
            return Err(Refused::Differs(problems));
        }
        let confirmed = Confirmed {
            who: who.clone(),
            at,
        };
        self.person_test = Some(PersonTest {
            payment: confirmed.clone(),
            reversal: confirmed,
            receipt: trimmed(receipt),
            amount_fen: super::device::TEST_AMOUNT_FEN,
        });
        self.stamp(Record::Test);
        Ok(CaseEvent::PersonTestConfirmed { who })
    }

    /// Says whether the wireless terminal has a cash-register link. What a person confirmed
    /// for the other way of activating it no longer holds, and is cleared.
    pub fn set_register_link(&mut self, linked: bool) -> CaseEvent {
        if self.activation.register_link != linked {
            self.activation.register_link = linked;
            self.reset_person_activation();
            self.person_test = None;
            self.stamps.remove(&Record::Test);
        }
        CaseEvent::RegisterLinkSet { linked }
    }

    /// What the Test step still needs for a terminal a person tests.
    pub fn person_test_needs(&self) -> Missing {
        match &self.person_test {
            Some(_) => vec![],
            None => vec![self
                .by_link("missing-person-test", "missing-person-test-qr")
                .into()],
        }
    }

    /// The words for this case's terminal: `qr` for a QR code (paid by a scan and refunded),
    /// `device` for any other (a card payment and its void).
    pub fn by_link(&self, device: &'static str, qr: &'static str) -> &'static str {
        if self.link() == Link::Qr {
            qr
        } else {
            device
        }
    }
}

fn trimmed(f: SlipFacts) -> SlipFacts {
    let t = |s: String| s.trim().chars().take(MAX_FIELD).collect::<String>();
    SlipFacts {
        mid: t(f.mid),
        tid: t(f.tid),
        serial: t(f.serial),
        reference: t(f.reference),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onboarding::sample;

    fn at() -> DateTime<Utc> {
        chrono::DateTime::parse_from_rfc3339("2024-05-06T07:08:09Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// The sample case of `pos_type`, approved and bound through the domain's own methods.
    pub(crate) fn case_of(pos_type: &str) -> Case {
        use crate::onboarding::application::{Channel, Contract, ReviewOutcome, Submission};
        let now = at();
        let mut c = sample::sample_case(crate::i18n::Lang::ZhCn, now, "12345678");
        c.pos.as_mut().unwrap().pos_type = pos_type.into();
        let inst = crate::onboarding::catalog::Catalog::shipped()
            .get("sample-a")
            .cloned()
            .unwrap();
        c.choose_institution(inst.clone());
        let cal = crate::onboarding::calendar::Calendar::shipped();
        let sub = Submission::new(&c, Channel::Online, now, now.date_naive(), &cal, "o".into());
        c.record_submission(sub);
        c.record_review(ReviewOutcome::Approved {
            mid: "102584054110001".into(),
            tid: "00012345".into(),
            activation_password: String::new(),
            at: now,
            simulated: true,
        });
        let mut k = Contract::from_offer(&inst);
        k.fees.iter_mut().for_each(|f| f.consented = true);
        c.contract = Some(k);
        c.agree_contract(now).unwrap();
        c.binding.outsourcer = "示例装机服务有限公司".into();
        c.confirm_binding(now).unwrap();
        c
    }

    fn slip(c: &Case) -> SlipFacts {
        let (mid, tid) = c.approval().unwrap();
        SlipFacts {
            mid: mid.into(),
            tid: tid.into(),
            serial: c.binding.serial_label.clone(),
            reference: String::new(),
        }
    }

    #[test]
    fn the_link_follows_the_pos_type() {
        assert_eq!(Link::of("countertop", false), Link::Register);
        assert_eq!(Link::of("wireless", true), Link::Register);
        assert_eq!(Link::of("wireless", false), Link::Device);
        for t in ["esign", "smart", "mpos"] {
            assert_eq!(Link::of(t, true), Link::Device, "{t}");
        }
        assert_eq!(Link::of("qr", false), Link::Qr);
    }

    #[test]
    fn an_esign_pos_is_activated_by_a_person_step_by_step_with_a_checked_slip() {
        let mut c = case_of("esign");
        assert!(!c.activated());
        let s = slip(&c);
        assert_eq!(
            c.confirm_person_step(PersonStep::KeyDownload, "installer", None, at()),
            Err(Refused::StepFirst(PersonStep::ActivationCode))
        );
        assert_eq!(
            c.confirm_person_step(PersonStep::ActivationCode, " ", None, at()),
            Err(Refused::NoOne)
        );
        c.confirm_person_step(PersonStep::ActivationCode, "王师傅", None, at())
            .unwrap();
        c.confirm_person_step(PersonStep::KeyDownload, "王师傅", None, at())
            .unwrap();
        let wrong = SlipFacts {
            tid: "99999999".into(),
            ..s.clone()
        };
        assert_eq!(
            c.confirm_person_step(PersonStep::SignOn, "王师傅", Some(wrong), at()),
            Err(Refused::Differs(vec!["person-tid-differs"]))
        );
        assert!(!c.activated());
        c.confirm_person_step(PersonStep::SignOn, "王师傅", Some(s), at())
            .unwrap();
        assert!(c.activated(), "{:?}", c.person_activation_needs());
        let who = &c.activation.person.steps[&PersonStep::SignOn];
        assert_eq!((who.who.as_str(), who.at), ("王师傅", at()));
        assert!(c.activation.identity.is_none(), "no terminal said anything");
        assert!(c.activation.serial_confirmed.is_none());
    }

    #[test]
    fn a_countertop_refuses_a_persons_confirmation() {
        let mut c = case_of("countertop");
        assert_eq!(
            c.confirm_person_step(PersonStep::ActivationCode, "x", None, at()),
            Err(Refused::HasLink)
        );
        assert_eq!(
            c.confirm_person_test("x", SlipFacts::default(), at()),
            Err(Refused::HasLink)
        );
    }

    #[test]
    fn a_qr_code_is_bound_to_the_mid_and_tested_by_a_scan_and_refund() {
        let mut c = case_of("qr");
        let (mid, _) = c.approval().unwrap();
        let mid = mid.to_string();
        let bad = SlipFacts {
            mid: "1".into(),
            ..SlipFacts::default()
        };
        assert_eq!(
            c.confirm_person_step(PersonStep::BindMid, "店主", Some(bad), at()),
            Err(Refused::Differs(vec!["person-mid-differs"]))
        );
        let good = SlipFacts {
            mid: mid.clone(),
            ..SlipFacts::default()
        };
        c.confirm_person_step(PersonStep::BindMid, "店主", Some(good), at())
            .unwrap();
        assert!(c.activated());
        assert!(c.check_step(crate::onboarding::Step::Test).is_err());
        let receipt = SlipFacts {
            mid: mid.clone(),
            reference: "".into(),
            ..SlipFacts::default()
        };
        assert_eq!(
            c.confirm_person_test("店主", receipt, at()),
            Err(Refused::Differs(vec!["person-reference-invalid"]))
        );
        let receipt = SlipFacts {
            mid,
            reference: "4200001234202405060001".into(),
            ..SlipFacts::default()
        };
        c.confirm_person_test("店主", receipt, at()).unwrap();
        assert!(c.check_step(crate::onboarding::Step::Test).is_ok());
        assert!(c.test.is_none(), "no test loop ran");
    }
}
