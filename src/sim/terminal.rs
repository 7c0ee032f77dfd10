//! The terminal side of ZVT as pure logic: state, and for each ECR command the script of
//! messages the terminal sends (with delays), exactly in the order the spec gives. The runner
//! executes scripts over a real link; this file never touches a port. It reads the local clock
//! in one place: the date and time a payment's status information carries (BMP 0C, 0D), as a
//! real terminal prints them.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::config::SimConfig;
use crate::zvt::apdu::Apdu;
use crate::zvt::bcd;
use crate::zvt::bmp::{n, Writer};
use crate::zvt::codes::{DeviceState, IntermediateStatus, ResultCode, TerminalStatus};
use crate::zvt::messages::{
    masked_pan, pack_masked_pan, Amount, Currency, EcrCommand, Identity, Password, PtMessage,
    SerialNumber, Tid, Totals,
};
use crate::zvt::tlv::{tags, Tlv};
use crate::zvt::CodecError;

/// The masked card number the simulated card reports.
pub const SIM_PAN: &str = "621626*********0018";
/// The simulated card's name.
pub const SIM_CARD_NAME: &str = "UnionPay Test";

/// One payment in the turnover storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Txn {
    /// Receipt number.
    pub receipt: u16,
    /// Trace number.
    pub trace: u32,
    /// Amount in minor units.
    pub amount: u64,
    /// Reversed already.
    pub reversed: bool,
}

/// The simulated terminal's state (kept in a state file between runs when configured).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalState {
    /// Terminal ID, once set.
    pub tid: Option<String>,
    /// Initialisation done since the TID was set.
    pub initialised: bool,
    /// Diagnosis done since the initialisation.
    pub diagnosed: bool,
    /// Payments since the last End-of-Day.
    pub turnover: Vec<Txn>,
    /// Last trace number.
    pub trace: u32,
    /// Last receipt number.
    pub receipt: u16,
    /// TLV in replies enabled by the last Registration.
    #[serde(default)]
    pub tlv_enabled: bool,
    /// The ECR asked for intermediate status information (config byte bit 08).
    #[serde(default = "yes")]
    pub intermediate: bool,
    /// The last booked transaction (a payment, or a reversal with `reversed` set), which
    /// Repeat Receipt (`06 20`) sends again.
    #[serde(default)]
    pub last: Option<Txn>,
    /// When the last booked transaction is a reversal: the trace number of the payment it
    /// reversed (BMP 37 in the repeated status information).
    #[serde(default)]
    pub last_original_trace: Option<u32>,
}

fn yes() -> bool {
    true
}

impl TerminalState {
    /// A state from the configuration (a configured TID counts as already activated).
    pub fn from_config(c: &SimConfig) -> TerminalState {
        let activated = c.tid.is_some();
        TerminalState {
            tid: c.tid.clone(),
            initialised: activated,
            diagnosed: activated,
            turnover: vec![],
            trace: 0,
            receipt: c.receipt_start,
            tlv_enabled: false,
            intermediate: true,
            last: None,
            last_original_trace: None,
        }
    }
}

/// A state change that happens only once the ECR acknowledged a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// The payment is committed to the turnover storage.
    CommitPayment(Txn),
    /// The payment with this receipt number is reversed.
    Reverse(u16),
}

/// One step of the terminal's answer to a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Send an APDU without waiting (the `80 00 00` / `84 xx 00` answer to the command).
    Send(Apdu),
    /// Send a terminal-master message and wait for the ECR's `80 00 00`; apply `on_ack` when it
    /// comes. Without it the script ends (a payment then stays uncommitted: the terminal
    /// reverses it on its own).
    SendAwaitAck {
        /// The message.
        apdu: Apdu,
        /// What the acknowledgement commits.
        on_ack: Effect,
    },
    /// Wait (card presentation, host latency, processing).
    Delay(Duration),
    /// Send a message that tests the ECR (a fault) and wait for its answer: the script goes on
    /// when the answer is `expect`, and ends when the ECR stays silent.
    SendAwaitAnswer {
        /// The message.
        apdu: Apdu,
        /// The answer a conformant ECR gives.
        expect: Apdu,
    },
    /// Send intermediate statuses every 100 ms, each acknowledged, until the ECR stops
    /// answering (a fault: the terminal never completes).
    Flood,
}

/// The terminal's answer to one command.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    /// Steps in order.
    pub steps: Vec<Step>,
    /// An ECR Abort during the script's delays ends it with `06 1E 6C` (a payment waiting for
    /// the card).
    pub abortable: bool,
}

impl Script {
    fn reply(apdu: Apdu) -> Script {
        Script {
            steps: vec![Step::Send(apdu)],
            abortable: false,
        }
    }

    fn ack() -> Script {
        Script::reply(Apdu::ack())
    }

    fn delay(mut self, ms: u64) -> Script {
        if ms > 0 {
            self.steps.push(Step::Delay(Duration::from_millis(ms)));
        }
        self
    }

    fn then(mut self, msg: PtMessage) -> Script {
        self.steps.push(Step::SendAwaitAck {
            apdu: msg.to_apdu(),
            on_ack: Effect::None,
        });
        self
    }

    fn then_commit(mut self, msg: PtMessage, on_ack: Effect) -> Script {
        self.steps.push(Step::SendAwaitAck {
            apdu: msg.to_apdu(),
            on_ack,
        });
        self
    }

    fn abort(self, code: ResultCode) -> Script {
        self.then(PtMessage::Abort {
            code: Some(code),
            rest: vec![],
        })
    }
}

/// The simulated terminal.
#[derive(Debug, Clone)]
pub struct Terminal {
    /// Settings.
    pub config: SimConfig,
    /// State.
    pub state: TerminalState,
    /// Why the state file could not be written the last time it was (a full disk…), until a
    /// later save succeeds: the command that ran the simulator reports it.
    pub save_failure: Option<std::sync::Arc<super::state_file::StateFileError>>,
}

impl Terminal {
    /// A terminal in the state its configuration describes.
    pub fn new(config: SimConfig) -> Terminal {
        let state = TerminalState::from_config(&config);
        Terminal {
            config,
            state,
            save_failure: None,
        }
    }

    /// The status code Status-Enquiry reports.
    pub fn status(&self) -> TerminalStatus {
        if self.state.tid.is_none() {
            TerminalStatus::ACTIVATION_REQUIRED
        } else if !self.state.initialised {
            TerminalStatus::INIT_REQUIRED
        } else if !self.state.diagnosed {
            TerminalStatus::DIAGNOSIS_REQUIRED
        } else {
            TerminalStatus::READY
        }
    }

    fn password_ok(&self, p: &Password) -> bool {
        Password::parse(&self.config.password).is_some_and(|mine| mine == *p)
    }

    fn tid(&self) -> Option<Tid> {
        self.state.tid.as_deref().and_then(Tid::parse)
    }

    fn currency(&self) -> Currency {
        Currency(self.config.currency)
    }

    /// The identity Status-Enquiry reports.
    pub fn identity(&self) -> Identity {
        Identity {
            serial: SerialNumber::parse_hex(&self.config.serial),
            device_name: Some(self.config.name.clone()),
            software_version: Some(self.config.version.clone()),
            tid: self.tid(),
            status: Some(self.status()),
            device_state: Some(DeviceState(u8::from(!self.state.initialised))),
        }
    }

    /// Applies an effect the ECR's acknowledgement committed.
    pub fn apply(&mut self, effect: &Effect) {
        match effect {
            Effect::None => {}
            Effect::CommitPayment(t) => {
                self.state.turnover.push(t.clone());
                self.state.last = Some(t.clone());
                self.state.last_original_trace = None;
            }
            Effect::Reverse(receipt) => {
                if let Some(t) = self
                    .state
                    .turnover
                    .iter_mut()
                    .find(|t| t.receipt == *receipt && !t.reversed)
                {
                    t.reversed = true;
                    self.state.last_original_trace = Some(t.trace);
                    self.state.last = Some(Txn {
                        trace: self.state.trace,
                        ..t.clone()
                    });
                }
            }
        }
    }

    /// The script after an ECR Abort interrupted an abortable command.
    pub fn aborted_by_ecr(&self) -> Script {
        Script::default().abort(ResultCode::ABORTED)
    }

    /// Answers one APDU from the ECR.
    pub fn handle(&mut self, apdu: &Apdu) -> Script {
        match EcrCommand::parse(apdu) {
            Ok(cmd) => {
                let mut s = self.command(cmd);
                // Intermediate status information only when the ECR asked for it.
                if !self.state.intermediate {
                    s.steps.retain(|st| !matches!(st, Step::SendAwaitAck { apdu, .. } if apdu.command() == crate::zvt::words::INTERMEDIATE_STATUS));
                }
                s
            }
            Err(CodecError::UnknownCommand(..)) | Err(CodecError::UnknownBmp(_)) => {
                Script::reply(Apdu::nack(ResultCode::UNKNOWN.0))
            }
            Err(_) => Script::reply(Apdu::nack(ResultCode::PROTOCOL_ERROR.0)),
        }
    }

    fn command(&mut self, cmd: EcrCommand) -> Script {
        use EcrCommand as C;
        match cmd {
            C::Registration {
                password,
                config,
                currency,
                tlv,
                ..
            } => {
                let s = self.registration(password, currency, tlv.is_some());
                if matches!(s.steps.first(), Some(Step::Send(a)) if *a == Apdu::ack()) {
                    self.state.intermediate =
                        config & crate::zvt::messages::config::INTERMEDIATE_STATUS != 0;
                }
                s
            }
            C::LogOff => {
                self.state.tlv_enabled = false;
                Script::ack()
            }
            C::StatusEnquiry { password, service } => {
                if password.is_some_and(|p| !self.password_ok(&p)) {
                    return Script::reply(Apdu::nack(ResultCode::NOT_POSSIBLE.0));
                }
                let svc = service.unwrap_or(0);
                let with_tlv = svc & 0x04 != 0 && self.config.tlv;
                let with_version = svc & 0x02 == 0 && self.config.status_version;
                let data = self.identity().encode_completion(with_version, with_tlv);
                Script::ack().then(PtMessage::Completion(data))
            }
            C::SetTerminalId { password, tid } => self.set_tid(password, tid),
            C::Initialisation { password } => self.initialise(password),
            C::Diagnosis { .. } => self.diagnose(),
            C::EndOfDay { password } => self.end_of_day(password),
            // Without BMP 49 the terminal uses its registered (configured) currency.
            C::Authorisation {
                amount_minor,
                currency,
                ..
            } => self.authorise(Amount {
                minor: amount_minor,
                currency: currency.unwrap_or_else(|| self.currency()),
            }),
            C::RepeatReceipt { password } => self.repeat_receipt(password),
            C::Reversal {
                password, receipt, ..
            } => self.reverse(password, receipt),
            C::Abort => Script::ack(),
        }
    }

    fn registration(
        &mut self,
        password: Password,
        currency: Option<Currency>,
        tlv: bool,
    ) -> Script {
        if !self.password_ok(&password) {
            return Script::reply(Apdu::nack(ResultCode::NOT_POSSIBLE.0));
        }
        if currency.is_some_and(|c| c != self.currency()) {
            return Script::reply(Apdu::nack(ResultCode::WRONG_CURRENCY.0));
        }
        let tlv = tlv && self.config.tlv;
        self.state.tlv_enabled = tlv;
        let status_byte = match self.status() {
            TerminalStatus::READY => 0x00,
            TerminalStatus::DIAGNOSIS_REQUIRED => 0x02,
            _ => 0x01,
        };
        let mut w = Writer::new().byte(n::STATUS_BYTE, status_byte);
        if let Some(t) = self.tid() {
            w = w.field(n::TID, &t.to_bcd());
        }
        w = w.field(n::CURRENCY, &self.currency().to_bcd());
        if tlv {
            let info = vec![
                Tlv::primitive(tags::DEVICE_NAME, self.config.name.as_bytes().to_vec()),
                Tlv::primitive(
                    tags::SOFTWARE_VERSION,
                    self.config.version.as_bytes().to_vec(),
                ),
            ];
            w = w.tlv(&[Tlv::constructed(tags::DEVICE_INFO, info)]);
        }
        Script::ack().then(PtMessage::Completion(w.finish()))
    }

    fn set_tid(&mut self, password: Password, tid: Option<Tid>) -> Script {
        if !self.password_ok(&password) {
            return Script::reply(Apdu::nack(ResultCode::NOT_POSSIBLE.0));
        }
        if !self.state.turnover.is_empty() {
            return Script::ack().abort(ResultCode::OPEN_BATCH);
        }
        let Some(tid) = tid else {
            return Script::ack().abort(ResultCode::NOT_POSSIBLE);
        };
        self.state.tid = Some(tid.as_str().to_string());
        self.state.initialised = false;
        self.state.diagnosed = false;
        let data = Writer::new().field(n::TID, &tid.to_bcd()).finish();
        Script::ack().then(PtMessage::Completion(data))
    }

    fn initialise(&mut self, password: Password) -> Script {
        if !self.password_ok(&password) {
            return Script::reply(Apdu::nack(ResultCode::NOT_POSSIBLE.0));
        }
        if self.state.tid.is_none() {
            return Script::ack().abort(ResultCode::ACTIVATION_REQUIRED);
        }
        self.state.initialised = true;
        self.state.diagnosed = false;
        Script::ack()
            .then(please_wait())
            .delay(self.config.init_ms)
            .then(PtMessage::Print(format!(
                "INITIALISATION OK TID {}",
                self.state.tid.clone().unwrap_or_default()
            )))
            .then(PtMessage::Completion(vec![]))
    }

    fn diagnose(&mut self) -> Script {
        if self.state.tid.is_none() {
            return Script::ack().abort(ResultCode::ACTIVATION_REQUIRED);
        }
        if !self.state.initialised {
            return Script::ack().abort(ResultCode::NOT_POSSIBLE);
        }
        self.state.diagnosed = true;
        Script::ack()
            .then(PtMessage::Intermediate {
                status: IntermediateStatus::WAITING_FOR_HOST,
                timeout: None,
            })
            .delay(self.config.host_latency_ms)
            .then(PtMessage::Completion(vec![]))
    }

    fn end_of_day(&mut self, password: Password) -> Script {
        if !self.password_ok(&password) {
            return Script::reply(Apdu::nack(ResultCode::NOT_POSSIBLE.0));
        }
        if self.status() != TerminalStatus::READY {
            return Script::ack().abort(not_ready_code(self.status()));
        }
        let live: Vec<&Txn> = self.state.turnover.iter().filter(|t| !t.reversed).collect();
        let total: u64 = live.iter().map(|t| t.amount).sum();
        let receipts = (
            self.state.turnover.iter().map(|t| t.receipt).min(),
            self.state.turnover.iter().map(|t| t.receipt).max(),
        );
        // The simulated card is a UnionPay card: it counts under "other cards".
        let mut totals = Totals {
            receipt_first: receipts.0.unwrap_or(0),
            receipt_last: receipts.1.unwrap_or(0),
            ..Totals::default()
        };
        totals.by_card[Totals::OTHER] = (live.len().min(255) as u8, total);
        let info = Writer::new()
            .byte(n::RESULT_CODE, 0)
            .bcd(n::AMOUNT, total, 6)
            .lllvar(n::TOTALS, &totals.encode())
            .finish();
        self.state.turnover.clear();
        Script::ack()
            .then(please_wait())
            .delay(self.config.host_latency_ms)
            .then(PtMessage::StatusInfo(
                crate::zvt::bmp::parse(&info).unwrap_or_default(),
            ))
            .then(PtMessage::Completion(vec![]))
    }

    fn authorise(&mut self, amount: Amount) -> Script {
        if amount.currency != self.currency() {
            return Script::ack().abort(ResultCode::WRONG_CURRENCY);
        }
        if amount.minor == 0 {
            return Script::ack().abort(ResultCode(0xC8));
        }
        if self.status() != TerminalStatus::READY {
            return Script::ack().abort(not_ready_code(self.status()));
        }
        let declined = self.declines(amount.minor);
        let mut s = Script::ack()
            .then(PtMessage::Intermediate {
                status: IntermediateStatus::INSERT_CARD,
                timeout: None,
            })
            .delay(self.config.card_delay_ms);
        if self.config.pin_delay_ms > 0 {
            s = s
                .then(PtMessage::Intermediate {
                    status: IntermediateStatus::WATCH_PIN_PAD,
                    timeout: None,
                })
                .delay(self.config.pin_delay_ms);
        }
        // What the cardholder takes ends here; the host's part is reported on its own.
        s = s
            .then(PtMessage::Intermediate {
                status: IntermediateStatus::WAITING_FOR_HOST,
                timeout: None,
            })
            .delay(self.config.host_latency_ms);
        s.abortable = true;
        if declined {
            let info = self.payment_info(ResultCode::DECLINED, amount.minor, None, None);
            return s.then(info).abort(ResultCode::DECLINED);
        }
        self.state.trace = next_counter(self.state.trace, 999_999);
        self.state.receipt = next_counter(
            u32::from(self.state.receipt),
            u32::from(self.config.receipt_max),
        ) as u16;
        let txn = Txn {
            receipt: self.state.receipt,
            trace: self.state.trace,
            amount: amount.minor,
            reversed: false,
        };
        let info = self.payment_info(
            ResultCode::SUCCESS,
            amount.minor,
            Some(txn.trace),
            Some(txn.receipt),
        );
        s.then_commit(info, Effect::CommitPayment(txn))
            .then(PtMessage::Print(format!("SALE {amount}")))
            .then(PtMessage::Completion(vec![]))
    }

    /// Repeat Receipt: the last booked transaction's status information again, then
    /// Completion; nothing booked yet is "function not possible".
    fn repeat_receipt(&mut self, password: Password) -> Script {
        if !self.password_ok(&password) {
            return Script::reply(Apdu::nack(ResultCode::NOT_POSSIBLE.0));
        }
        let Some(last) = self.state.last.clone() else {
            return Script::ack().abort(ResultCode::NOT_POSSIBLE);
        };
        let mut info = self.payment_info(
            ResultCode::SUCCESS,
            last.amount,
            Some(last.trace),
            Some(last.receipt),
        );
        if let (PtMessage::StatusInfo(b), Some(orig)) = (&mut info, self.state.last_original_trace)
        {
            b.fields.push(crate::zvt::bmp::Bmp::Field {
                number: n::ORIGINAL_TRACE,
                value: bcd::encode(u64::from(orig), 3).unwrap_or_default(),
            });
        }
        Script::ack().then(info).then(PtMessage::Completion(vec![]))
    }

    fn reverse(&mut self, password: Password, receipt: u16) -> Script {
        if !self.password_ok(&password) {
            return Script::reply(Apdu::nack(ResultCode::NOT_POSSIBLE.0));
        }
        // After the receipt counter wrapped, the number may stand for two payments: the oldest
        // is found, as a terminal that searches its turnover from the start would.
        let Some(txn) = self
            .state
            .turnover
            .iter()
            .find(|t| t.receipt == receipt)
            .cloned()
        else {
            return Script::ack().abort(ResultCode::NOT_POSSIBLE);
        };
        if txn.reversed {
            return Script::ack().abort(ResultCode::ALREADY_REVERSED);
        }
        if self.config.refuse_reversal {
            return Script::ack()
                .delay(self.config.host_latency_ms)
                .abort(ResultCode::REVERSAL_NOT_POSSIBLE);
        }
        self.state.trace = next_counter(self.state.trace, 999_999);
        let mut info = self.payment_info(
            ResultCode::SUCCESS,
            txn.amount,
            Some(self.state.trace),
            Some(receipt),
        );
        if let PtMessage::StatusInfo(b) = &mut info {
            let orig = bcd::encode(u64::from(txn.trace), 3).unwrap_or_default();
            b.fields.push(crate::zvt::bmp::Bmp::Field {
                number: n::ORIGINAL_TRACE,
                value: orig,
            });
        }
        Script::ack()
            .then(please_wait())
            .delay(self.config.host_latency_ms)
            .then_commit(info, Effect::Reverse(receipt))
            .then(PtMessage::Completion(vec![]))
    }

    fn declines(&self, minor: u64) -> bool {
        let digits = minor.to_string();
        self.config
            .decline_suffix
            .iter()
            .any(|s| !s.is_empty() && digits.ends_with(s.as_str()))
    }

    fn payment_info(
        &self,
        rc: ResultCode,
        minor: u64,
        trace: Option<u32>,
        receipt: Option<u16>,
    ) -> PtMessage {
        let now = chrono::Local::now();
        let mut w = Writer::new()
            .byte(n::RESULT_CODE, rc.0)
            .bcd(n::AMOUNT, minor, 6)
            .bcd(
                n::TIME,
                now.format("%H%M%S").to_string().parse().unwrap_or(0),
                3,
            )
            .bcd(
                n::DATE,
                now.format("%m%d").to_string().parse().unwrap_or(0),
                2,
            );
        if let Some(t) = trace {
            w = w.bcd(n::TRACE, u64::from(t), 3);
        }
        if let Some(t) = self.tid() {
            w = w.field(n::TID, &t.to_bcd());
        }
        if let Some(r) = receipt {
            w = w.bcd(n::RECEIPT, u64::from(r), 2);
        }
        w = w
            .field(n::CURRENCY, &self.currency().to_bcd())
            .llvar(n::PAN, &pack_masked_pan(SIM_PAN))
            .byte(n::CARD_TYPE, 0x05)
            .llvar(n::CARD_NAME, SIM_CARD_NAME.as_bytes());
        debug_assert_eq!(masked_pan(&pack_masked_pan(SIM_PAN)), SIM_PAN);
        PtMessage::StatusInfo(crate::zvt::bmp::parse(&w.finish()).unwrap_or_default())
    }
}

fn please_wait() -> PtMessage {
    PtMessage::Intermediate {
        status: IntermediateStatus::PLEASE_WAIT,
        timeout: None,
    }
}

fn next_counter(v: u32, max: u32) -> u32 {
    if v >= max {
        1
    } else {
        v + 1
    }
}

fn not_ready_code(status: TerminalStatus) -> ResultCode {
    match status {
        TerminalStatus::ACTIVATION_REQUIRED => ResultCode::ACTIVATION_REQUIRED,
        TerminalStatus::DIAGNOSIS_REQUIRED => ResultCode::DIAGNOSIS_REQUIRED,
        _ => ResultCode::NOT_POSSIBLE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term() -> Terminal {
        Terminal::new(SimConfig::default())
    }

    fn sent(s: &Script) -> Vec<PtMessage> {
        s.steps
            .iter()
            .filter_map(|st| match st {
                Step::Send(a)
                | Step::SendAwaitAck { apdu: a, .. }
                | Step::SendAwaitAnswer { apdu: a, .. } => Some(PtMessage::parse(a)),
                Step::Delay(_) | Step::Flood => None,
            })
            .collect()
    }

    fn pwd() -> Password {
        Password::default()
    }

    #[test]
    fn a_new_terminal_needs_activation_then_initialisation_then_diagnosis() {
        let mut t = term();
        assert_eq!(t.status(), TerminalStatus::ACTIVATION_REQUIRED);
        t.handle(
            &EcrCommand::SetTerminalId {
                password: pwd(),
                tid: Tid::parse("00001234"),
            }
            .to_apdu(),
        );
        assert_eq!(t.status(), TerminalStatus::INIT_REQUIRED);
        t.handle(&EcrCommand::Initialisation { password: pwd() }.to_apdu());
        assert_eq!(t.status(), TerminalStatus::DIAGNOSIS_REQUIRED);
        t.handle(&EcrCommand::Diagnosis { kind: None }.to_apdu());
        assert_eq!(t.status(), TerminalStatus::READY);
        assert_eq!(t.identity().tid.unwrap().as_str(), "00001234");
    }

    #[test]
    fn intermediate_statuses_only_when_the_registration_asked_for_them() {
        let mut t = Terminal::new(SimConfig {
            tid: Some("12345678".into()),
            ..SimConfig::default()
        });
        let reg = |config| EcrCommand::Registration {
            password: pwd(),
            config,
            currency: None,
            service: None,
            tlv: None,
        };
        t.handle(&reg(0x00).to_apdu());
        let s = t.handle(&EcrCommand::Diagnosis { kind: None }.to_apdu());
        assert!(!sent(&s)
            .iter()
            .any(|m| matches!(m, PtMessage::Intermediate { .. })));
        t.handle(&reg(0x08).to_apdu());
        let s = t.handle(&EcrCommand::Diagnosis { kind: None }.to_apdu());
        assert!(sent(&s)
            .iter()
            .any(|m| matches!(m, PtMessage::Intermediate { .. })));
    }

    #[test]
    fn unknown_commands_get_84_83() {
        let s = term().handle(&Apdu::new(0x08, 0x50, vec![]));
        assert_eq!(s.steps, vec![Step::Send(Apdu::nack(ResultCode::UNKNOWN.0))]);
    }

    #[test]
    fn a_payment_commits_only_when_the_ecr_acknowledges_its_status_information() {
        let mut t = Terminal::new(SimConfig {
            tid: Some("12345678".into()),
            ..SimConfig::default()
        });
        let amount = Amount {
            minor: 1,
            currency: Currency::CNY,
        };
        let s = t.handle(
            &EcrCommand::Authorisation {
                amount_minor: amount.minor,
                currency: Some(amount.currency),
                payment_type: None,
                timeout: None,
            }
            .to_apdu(),
        );
        let msgs = sent(&s);
        assert_eq!(msgs[0], PtMessage::Ack);
        assert_eq!(
            msgs[1],
            PtMessage::Intermediate {
                status: IntermediateStatus::INSERT_CARD,
                timeout: None
            }
        );
        assert!(matches!(msgs.last(), Some(PtMessage::Completion(_))));
        assert!(t.state.turnover.is_empty(), "not yet committed");
        let commit = s.steps.iter().find_map(|st| match st {
            Step::SendAwaitAck {
                on_ack: e @ Effect::CommitPayment(_),
                ..
            } => Some(e.clone()),
            _ => None,
        });
        t.apply(&commit.unwrap());
        assert_eq!(t.state.turnover.len(), 1);
    }

    #[test]
    fn declines_by_amount_suffix_and_refuses_set_tid_with_turnover() {
        let cfg = SimConfig {
            tid: Some("12345678".into()),
            decline_suffix: vec!["51".into()],
            ..SimConfig::default()
        };
        let mut t = Terminal::new(cfg);
        let s = t.handle(
            &EcrCommand::Authorisation {
                amount_minor: 151,
                currency: Some(Currency::CNY),
                payment_type: None,
                timeout: None,
            }
            .to_apdu(),
        );
        assert_eq!(
            sent(&s).last(),
            Some(&PtMessage::Abort {
                code: Some(ResultCode::DECLINED),
                rest: vec![]
            })
        );
        t.apply(&Effect::CommitPayment(Txn {
            receipt: 1,
            trace: 1,
            amount: 1,
            reversed: false,
        }));
        let s = t.handle(
            &EcrCommand::SetTerminalId {
                password: pwd(),
                tid: Tid::parse("11111111"),
            }
            .to_apdu(),
        );
        assert_eq!(
            sent(&s).last(),
            Some(&PtMessage::Abort {
                code: Some(ResultCode::OPEN_BATCH),
                rest: vec![]
            })
        );
    }

    #[test]
    fn reversal_rules() {
        let mut t = Terminal::new(SimConfig {
            tid: Some("12345678".into()),
            ..SimConfig::default()
        });
        let rev = |r| {
            EcrCommand::Reversal {
                password: Password::default(),
                receipt: r,
                amount: None,
            }
            .to_apdu()
        };
        let s = t.handle(&rev(9));
        assert_eq!(
            sent(&s).last(),
            Some(&PtMessage::Abort {
                code: Some(ResultCode::NOT_POSSIBLE),
                rest: vec![]
            })
        );
        t.apply(&Effect::CommitPayment(Txn {
            receipt: 9,
            trace: 1,
            amount: 1,
            reversed: false,
        }));
        let s = t.handle(&rev(9));
        assert!(matches!(sent(&s).last(), Some(PtMessage::Completion(_))));
        t.apply(&Effect::Reverse(9));
        let s = t.handle(&rev(9));
        assert_eq!(
            sent(&s).last(),
            Some(&PtMessage::Abort {
                code: Some(ResultCode::ALREADY_REVERSED),
                rest: vec![]
            })
        );
    }

    #[test]
    fn wrong_password_and_currency_are_refused_at_registration() {
        let mut t = term();
        let reg = |p: &str, c| EcrCommand::Registration {
            password: Password::parse(p).unwrap(),
            config: 0,
            currency: Some(c),
            service: None,
            tlv: None,
        };
        assert_eq!(
            t.handle(&reg("123456", Currency::CNY).to_apdu()).steps,
            vec![Step::Send(Apdu::nack(ResultCode::NOT_POSSIBLE.0))]
        );
        assert_eq!(
            t.handle(&reg("000000", Currency::EUR).to_apdu()).steps,
            vec![Step::Send(Apdu::nack(ResultCode::WRONG_CURRENCY.0))]
        );
    }

    #[test]
    fn an_authorisation_without_currency_uses_the_terminals_own() {
        let mut t = Terminal::new(SimConfig {
            tid: Some("12345678".into()),
            currency: 978,
            ..SimConfig::default()
        });
        // The golden frame 06 01 07 04 00 00 00 00 01 90 carries no BMP 49.
        let golden = Apdu::decode(&[0x06, 0x01, 0x07, 0x04, 0, 0, 0, 0, 0x01, 0x90]).unwrap();
        let s = t.handle(&golden);
        let info = sent(&s).into_iter().find_map(|m| match m {
            PtMessage::StatusInfo(b) => Some(b),
            _ => None,
        });
        let info = info.expect("a status information, not an abort with 6F");
        assert_eq!(info.byte(n::RESULT_CODE), Some(0));
        assert_eq!(info.bcd(n::AMOUNT), Some(190));
    }

    #[test]
    fn end_of_day_totals_follow_the_spec_layout() {
        let mut t = term();
        t.state = TerminalState {
            tid: Some("12345678".into()),
            initialised: true,
            diagnosed: true,
            ..t.state.clone()
        };
        for (receipt, amount) in [(3, 100), (4, 250)] {
            t.apply(&Effect::CommitPayment(Txn {
                receipt,
                trace: u32::from(receipt),
                amount,
                reversed: false,
            }));
        }
        let s = t.handle(&EcrCommand::EndOfDay { password: pwd() }.to_apdu());
        let totals = sent(&s)
            .into_iter()
            .find_map(|m| match m {
                PtMessage::StatusInfo(b) => b.get(n::TOTALS).map(<[u8]>::to_vec),
                _ => None,
            })
            .unwrap();
        let parsed = Totals::parse(&totals).unwrap();
        assert_eq!((parsed.receipt_first, parsed.receipt_last), (3, 4));
        assert_eq!(parsed.by_card[Totals::OTHER], (2, 350));
    }

    #[test]
    fn without_tlv_support_the_status_enquiry_has_no_serial_number() {
        let mut t = Terminal::new(SimConfig {
            tlv: false,
            ..SimConfig::default()
        });
        let s = t.handle(
            &EcrCommand::StatusEnquiry {
                password: Some(pwd()),
                service: Some(0x04),
            }
            .to_apdu(),
        );
        let data = sent(&s)
            .into_iter()
            .find_map(|m| match m {
                PtMessage::Completion(d) => Some(d),
                _ => None,
            })
            .unwrap();
        let id = Identity::parse_completion(&data).unwrap();
        assert_eq!(id.serial, None);
        assert_eq!(id.software_version.as_deref(), Some("posbind-sim 1.0"));
    }

    fn pay(t: &mut Terminal) -> Script {
        let s = t.handle(
            &EcrCommand::Authorisation {
                amount_minor: 1,
                currency: Some(Currency::CNY),
                payment_type: None,
                timeout: None,
            }
            .to_apdu(),
        );
        for st in &s.steps {
            if let Step::SendAwaitAck { on_ack, .. } = st {
                t.apply(on_ack);
            }
        }
        s
    }

    fn void(t: &mut Terminal, receipt: u16) -> Option<ResultCode> {
        let s = t.handle(
            &EcrCommand::Reversal {
                password: pwd(),
                receipt,
                amount: None,
            }
            .to_apdu(),
        );
        for st in &s.steps {
            if let Step::SendAwaitAck { on_ack, .. } = st {
                t.apply(on_ack);
            }
        }
        match sent(&s).last() {
            Some(PtMessage::Abort { code, .. }) => *code,
            _ => None,
        }
    }

    #[test]
    fn the_receipt_counter_wraps_and_a_void_of_the_new_number_finds_the_old_one() {
        let mut t = Terminal::new(SimConfig {
            tid: Some("12345678".into()),
            receipt_start: 9998,
            ..SimConfig::default()
        });
        pay(&mut t);
        pay(&mut t);
        let receipts: Vec<u16> = t.state.turnover.iter().map(|x| x.receipt).collect();
        assert_eq!(receipts, [9999, 1], "9999, then 1");

        let mut t = Terminal::new(SimConfig {
            tid: Some("12345678".into()),
            receipt_max: 2,
            ..SimConfig::default()
        });
        pay(&mut t);
        assert_eq!(void(&mut t, 1), None, "receipt 1 voided");
        pay(&mut t);
        pay(&mut t);
        assert_eq!(t.state.receipt, 1, "the counter wrapped to 1");
        assert_eq!(
            void(&mut t, 1),
            Some(ResultCode::ALREADY_REVERSED),
            "B4 about the old receipt 1"
        );
        let open: Vec<&Txn> = t.state.turnover.iter().filter(|x| !x.reversed).collect();
        assert_eq!(
            open.len(),
            2,
            "the new receipt 1 and receipt 2 are still booked"
        );
    }

    #[test]
    fn the_cardholder_time_is_shown_apart_from_the_host_time() {
        let mut t = Terminal::new(SimConfig {
            tid: Some("12345678".into()),
            card_delay_ms: 7000,
            pin_delay_ms: 3000,
            host_latency_ms: 300,
            ..SimConfig::default()
        });
        let s = pay(&mut t);
        let shown: Vec<String> = s
            .steps
            .iter()
            .filter_map(|st| match st {
                Step::Delay(d) => Some(format!("wait {}", d.as_millis())),
                Step::SendAwaitAck { apdu, .. } => match PtMessage::parse(apdu) {
                    PtMessage::Intermediate { status, .. } => Some(format!("{:02X}", status.0)),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        assert_eq!(
            shown,
            ["0A", "wait 7000", "01", "wait 3000", "04", "wait 300"],
            "insert card, PIN pad, host"
        );
        assert!(s.abortable, "an ECR abort ends the wait");
    }

    #[test]
    fn repeat_receipt_sends_the_last_booked_transaction_again() {
        let mut t = term();
        let s = t.handle(&EcrCommand::RepeatReceipt { password: pwd() }.to_apdu());
        assert!(matches!(
            sent(&s).last(),
            Some(PtMessage::Abort {
                code: Some(ResultCode::NOT_POSSIBLE),
                ..
            })
        ));
        t.apply(&Effect::CommitPayment(Txn {
            receipt: 21,
            trace: 40,
            amount: 1,
            reversed: false,
        }));
        let s = t.handle(&EcrCommand::RepeatReceipt { password: pwd() }.to_apdu());
        let info = sent(&s)
            .into_iter()
            .find_map(|m| match m {
                PtMessage::StatusInfo(b) => Some(b),
                _ => None,
            })
            .unwrap();
        assert_eq!(
            (info.bcd(n::RECEIPT), info.bcd(n::TRACE)),
            (Some(21), Some(40))
        );
    }
}
