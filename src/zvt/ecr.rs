//! The ECR side of one command exchange, as a sans-IO state machine.
//!
//! After the command goes out, the terminal must answer `80 00 00` (or `84 xx 00`) within T3.
//! For commands with a terminal-master phase it then sends status messages (`04 FF`, `04 0F`),
//! print lines, and finally Completion (`06 0F`) or Abort (`06 1E`); the ECR answers each with
//! `80 00 00`. T4 runs from the acknowledgement to the completion and restarts with every status
//! message; an intermediate status may carry a new timeout.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::apdu::Apdu;
use super::bmp::Bmps;
use super::codes::{IntermediateStatus, ResultCode};
use super::messages::{EcrCommand, PtMessage};

/// Application timers (ZVT defaults: T3 5 s, T4 180 s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowTimers {
    /// Command → `80 00 00`.
    pub t3: Duration,
    /// `80 00 00` → Completion, restarted by status messages.
    pub t4: Duration,
}

impl Default for FlowTimers {
    fn default() -> Self {
        FlowTimers {
            t3: Duration::from_secs(5),
            t4: Duration::from_secs(180),
        }
    }
}

/// Which application timer expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    /// No acknowledgement of the command.
    T3,
    /// No completion.
    T4,
}

/// What happened during the exchange, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowEvent {
    /// The terminal accepted the command (`80 00 00`).
    Accepted,
    /// The terminal shows a status to its user.
    Intermediate(IntermediateStatus),
    /// Status information (payment data).
    StatusInfo(Bmps),
    /// A receipt line.
    Print(String),
    /// The terminal finished: the completion data.
    Completed(Vec<u8>),
    /// The terminal aborted with a result code.
    Aborted {
        /// Why.
        code: ResultCode,
        /// Extra data (TLV with error texts), kept.
        rest: Vec<u8>,
    },
    /// The terminal refused the command (`84 xx 00`).
    Rejected(ResultCode),
    /// A timer expired.
    TimedOut(Timer),
    /// A message that does not belong here, kept for the log.
    Unexpected(Apdu),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    AwaitingAck,
    TerminalMaster,
    Done,
}

/// One command exchange.
#[derive(Debug)]
pub struct Exchange {
    phase: Phase,
    master: bool,
    timers: FlowTimers,
    deadline: Option<Instant>,
    outgoing: VecDeque<Apdu>,
    events: VecDeque<FlowEvent>,
}

impl Exchange {
    /// Starts an exchange for `command` at `now`; its APDU is the first thing to send.
    pub fn start(command: &EcrCommand, timers: FlowTimers, now: Instant) -> Exchange {
        Exchange {
            phase: Phase::AwaitingAck,
            master: command.has_master_phase(),
            timers,
            deadline: Some(now + timers.t3),
            outgoing: VecDeque::from([command.to_apdu()]),
            events: VecDeque::new(),
        }
    }

    /// Whether the exchange is over (completed, aborted, refused, or timed out).
    pub fn is_done(&self) -> bool {
        self.phase == Phase::Done
    }

    /// The next APDU to send.
    pub fn poll_send(&mut self) -> Option<Apdu> {
        self.outgoing.pop_front()
    }

    /// Whether APDUs are waiting to be sent.
    pub fn has_pending_send(&self) -> bool {
        !self.outgoing.is_empty()
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<FlowEvent> {
        self.events.pop_front()
    }

    /// The running timer's deadline.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.deadline
    }

    /// Gives up early (the link failed); no further events.
    pub fn cancel(&mut self) {
        self.phase = Phase::Done;
        self.deadline = None;
    }

    fn finish(&mut self, event: FlowEvent) {
        self.events.push_back(event);
        self.phase = Phase::Done;
        self.deadline = None;
    }

    /// Feeds an APDU from the terminal.
    pub fn handle_apdu(&mut self, apdu: Apdu, now: Instant) {
        if self.phase == Phase::Done {
            self.events.push_back(FlowEvent::Unexpected(apdu));
            return;
        }
        let msg = PtMessage::parse(&apdu);
        match (&self.phase, msg) {
            (Phase::AwaitingAck, PtMessage::Ack) => {
                self.events.push_back(FlowEvent::Accepted);
                if self.master {
                    self.phase = Phase::TerminalMaster;
                    self.deadline = Some(now + self.timers.t4);
                } else {
                    self.finish(FlowEvent::Completed(vec![]));
                }
            }
            (Phase::AwaitingAck, PtMessage::Nack(code)) => self.finish(FlowEvent::Rejected(code)),
            // Some terminals skip the `80 00 00` and go straight to the master phase.
            (Phase::AwaitingAck, msg) if self.master && is_master_message(&msg) => {
                self.events.push_back(FlowEvent::Accepted);
                self.phase = Phase::TerminalMaster;
                self.on_master_message(msg, now);
            }
            (Phase::TerminalMaster, msg) if is_master_message(&msg) => {
                self.on_master_message(msg, now)
            }
            (_, _) => self.events.push_back(FlowEvent::Unexpected(apdu)),
        }
    }

    fn on_master_message(&mut self, msg: PtMessage, now: Instant) {
        self.outgoing.push_back(Apdu::ack());
        match msg {
            PtMessage::Intermediate { status, timeout } => {
                let t = timeout.map_or(self.timers.t4, |s| Duration::from_secs(u64::from(s)));
                self.deadline = Some(now + t);
                self.events.push_back(FlowEvent::Intermediate(status));
            }
            PtMessage::StatusInfo(b) => {
                self.deadline = Some(now + self.timers.t4);
                self.events.push_back(FlowEvent::StatusInfo(b));
            }
            PtMessage::Print(text) => self.events.push_back(FlowEvent::Print(text)),
            PtMessage::Completion(d) => self.finish(FlowEvent::Completed(d)),
            PtMessage::Abort { code, rest } => self.finish(FlowEvent::Aborted { code, rest }),
            _ => {}
        }
    }

    /// Lets the timer fire.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.deadline.is_some_and(|d| now >= d) {
            let timer = match self.phase {
                Phase::AwaitingAck => Timer::T3,
                _ => Timer::T4,
            };
            self.finish(FlowEvent::TimedOut(timer));
        }
    }
}

fn is_master_message(msg: &PtMessage) -> bool {
    matches!(
        msg,
        PtMessage::Intermediate { .. }
            | PtMessage::StatusInfo(_)
            | PtMessage::Print(_)
            | PtMessage::Completion(_)
            | PtMessage::Abort { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zvt::bmp::{n, Writer};
    use crate::zvt::messages::{Amount, Currency};

    fn pay() -> EcrCommand {
        EcrCommand::Authorisation {
            amount: Amount {
                minor: 1,
                currency: Currency::CNY,
            },
            payment_type: None,
            timeout: None,
        }
    }

    fn events(x: &mut Exchange) -> Vec<FlowEvent> {
        std::iter::from_fn(|| x.poll_event()).collect()
    }

    fn sends(x: &mut Exchange) -> Vec<Apdu> {
        std::iter::from_fn(|| x.poll_send()).collect()
    }

    #[test]
    fn a_payment_surfaces_statuses_and_completes() {
        let t = FlowTimers::default();
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), t, now);
        assert_eq!(sends(&mut x), vec![pay().to_apdu()]);
        assert_eq!(x.poll_timeout(), Some(now + t.t3));
        x.handle_apdu(Apdu::ack(), now);
        assert_eq!(x.poll_timeout(), Some(now + t.t4));
        x.handle_apdu(
            PtMessage::Intermediate {
                status: IntermediateStatus::INSERT_CARD,
                timeout: None,
            }
            .to_apdu(),
            now,
        );
        let info = Writer::new()
            .byte(n::RESULT_CODE, 0)
            .bcd(n::RECEIPT, 5, 2)
            .finish();
        x.handle_apdu(Apdu::new(0x04, 0x0F, info), now);
        x.handle_apdu(Apdu::new(0x06, 0x0F, vec![]), now);
        assert!(x.is_done());
        let ev = events(&mut x);
        assert_eq!(ev[0], FlowEvent::Accepted);
        assert_eq!(
            ev[1],
            FlowEvent::Intermediate(IntermediateStatus::INSERT_CARD)
        );
        assert!(matches!(ev[2], FlowEvent::StatusInfo(_)));
        assert_eq!(ev[3], FlowEvent::Completed(vec![]));
        assert_eq!(
            sends(&mut x),
            vec![Apdu::ack(); 3],
            "every terminal message answered"
        );
    }

    #[test]
    fn t4_restarts_with_each_status_and_can_be_overridden() {
        let t = FlowTimers::default();
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), t, now);
        x.handle_apdu(Apdu::ack(), now);
        let later = now + Duration::from_secs(100);
        x.handle_apdu(
            PtMessage::Intermediate {
                status: IntermediateStatus::PLEASE_WAIT,
                timeout: None,
            }
            .to_apdu(),
            later,
        );
        assert_eq!(x.poll_timeout(), Some(later + t.t4));
        x.handle_timeout(now + t.t4); // the old deadline no longer applies
        assert!(!x.is_done());
        x.handle_apdu(
            PtMessage::Intermediate {
                status: IntermediateStatus::INSERT_CARD,
                timeout: Some(30),
            }
            .to_apdu(),
            later,
        );
        assert_eq!(x.poll_timeout(), Some(later + Duration::from_secs(30)));
        x.handle_timeout(later + Duration::from_secs(30));
        assert!(x.is_done());
        assert_eq!(events(&mut x).last(), Some(&FlowEvent::TimedOut(Timer::T4)));
    }

    #[test]
    fn no_acknowledgement_is_t3() {
        let t = FlowTimers::default();
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), t, now);
        x.handle_timeout(now + t.t3);
        assert_eq!(events(&mut x), vec![FlowEvent::TimedOut(Timer::T3)]);
    }

    #[test]
    fn abort_is_decoded_with_its_result_code() {
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), FlowTimers::default(), now);
        x.handle_apdu(Apdu::ack(), now);
        x.handle_apdu(Apdu::new(0x06, 0x1E, vec![0x6C]), now);
        assert_eq!(
            events(&mut x)[1..],
            [FlowEvent::Aborted {
                code: ResultCode::ABORTED,
                rest: vec![]
            }]
        );
        assert_eq!(sends(&mut x).last(), Some(&Apdu::ack()));
    }

    #[test]
    fn negative_acknowledgement_ends_the_exchange() {
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), FlowTimers::default(), now);
        x.handle_apdu(Apdu::nack(0x83), now);
        assert_eq!(events(&mut x), vec![FlowEvent::Rejected(ResultCode(0x83))]);
        assert!(x.is_done());
    }

    #[test]
    fn log_off_ends_with_the_acknowledgement() {
        let now = Instant::now();
        let mut x = Exchange::start(&EcrCommand::LogOff, FlowTimers::default(), now);
        x.handle_apdu(Apdu::ack(), now);
        assert!(x.is_done());
        assert_eq!(
            events(&mut x),
            vec![FlowEvent::Accepted, FlowEvent::Completed(vec![])]
        );
        assert!(sends(&mut x).len() == 1, "only the command itself");
    }

    #[test]
    fn a_completion_without_acknowledgement_is_accepted() {
        let now = Instant::now();
        let mut x = Exchange::start(
            &EcrCommand::Diagnosis { kind: None },
            FlowTimers::default(),
            now,
        );
        x.handle_apdu(Apdu::new(0x06, 0x0F, vec![]), now);
        assert!(x.is_done());
        assert_eq!(
            events(&mut x),
            vec![FlowEvent::Accepted, FlowEvent::Completed(vec![])]
        );
    }
}
