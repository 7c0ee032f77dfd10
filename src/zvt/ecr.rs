//! The ECR side of one command exchange, as a sans-IO state machine.
//!
//! On a serial line the command first has to reach the terminal: T3 (the wait for `80 00 00`
//! or `84 xx 00`) starts when the link reports the terminal's transport ACK of the command, so a
//! command frame the terminal dropped and got again after T2 still succeeds (on TCP the link
//! reports delivery at once). For commands with a terminal-master phase the terminal then sends
//! status messages (`04 FF`, `04 0F`), print lines, and finally Completion (`06 0F`) or Abort
//! (`06 1E`); the ECR answers each with `80 00 00`, a message it does not know with `84 83 00`
//! and one it cannot read with `84 9A 00` — never silence. T4 runs from the acknowledgement to
//! the completion and restarts with every status message; an intermediate status with a non-zero
//! timeout byte sets a new T4 in minutes. Above both, an overall limit from the command's start
//! bounds the exchange, so a terminal that floods status messages cannot hold it open forever.
//! While the terminal is master the ECR may send Abort (`06 B0`, [`Exchange::abort`]): the
//! terminal answers it (`80 00 00`, or `84 xx 00` when it is too late), then ends the command
//! with `06 1E` — or, having booked the payment already, with its status information and
//! completion; from the Abort on the exchange is bounded by [`ABORT_WAIT`].

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::apdu::Apdu;
use super::bmp::Bmps;
use super::codes::{IntermediateStatus, ResultCode};
use super::messages::{EcrCommand, PtMessage};

/// Application timers (ZVT defaults: T3 5 s, T4 180 s) and the overall limit per command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowTimers {
    /// Delivery of the command → `80 00 00`.
    pub t3: Duration,
    /// `80 00 00` → Completion, restarted by status messages.
    pub t4: Duration,
    /// Start of the command → its end, whatever the terminal sends meanwhile.
    pub limit: Duration,
}

impl Default for FlowTimers {
    fn default() -> Self {
        FlowTimers {
            t3: Duration::from_secs(5),
            t4: Duration::from_secs(180),
            limit: Duration::from_secs(600),
        }
    }
}

impl FlowTimers {
    /// Timers for a caller that allows `per_command` for a whole command: T4 and the overall
    /// limit follow it (the limit leaves T3 on top for the acknowledgement).
    pub fn bounded(t3: Duration, per_command: Duration) -> FlowTimers {
        FlowTimers {
            t3,
            t4: per_command,
            limit: t3 + per_command,
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
    /// The command's overall limit passed (the terminal kept it open with status messages).
    Limit,
}

/// What happened during the exchange, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowEvent {
    /// The terminal accepted the command (`80 00 00`).
    Accepted,
    /// The terminal shows a status to its user.
    Intermediate(IntermediateStatus),
    /// Status information (payment data), answered `80 00 00`.
    StatusInfo(Bmps),
    /// A receipt line.
    Print(String),
    /// The terminal finished: the completion data.
    Completed(Vec<u8>),
    /// The terminal aborted, with its result code unless it sent none.
    Aborted {
        /// Why; `None` when the terminal sent no result code.
        code: Option<ResultCode>,
        /// Extra data (TLV with error texts), kept.
        rest: Vec<u8>,
    },
    /// The terminal refused the command (`84 xx 00`).
    Rejected(ResultCode),
    /// A timer expired.
    TimedOut(Timer),
    /// A message of a known kind that could not be read; answered `84 9A 00`.
    Malformed(Apdu),
    /// A message that does not belong here (answered `84 83 00` when it is a command posbind
    /// does not know), kept for the log.
    Unexpected(Apdu),
    /// The terminal answered the ECR's Abort (`06 B0`): `None` accepted (`80 00 00`), else
    /// refused with this code (`84 xx 00`). The exchange goes on to its end either way.
    AbortAnswered(Option<ResultCode>),
}

/// How long an exchange may go on after the ECR sent Abort: the terminal's answer, its abort
/// (`06 1E`) or — when it had booked the payment already — its status information and
/// completion come in well under this.
pub const ABORT_WAIT: Duration = Duration::from_secs(10);

/// Where the exchange is, with the deadline that belongs to that phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// The command is on its way; the link's T2 and resends bound this phase.
    Sending,
    /// Delivered; the acknowledgement is due by T3.
    AwaitingAck { t3: Instant },
    /// The terminal is master; the completion is due by T4.
    TerminalMaster { t4: Instant },
    /// Over.
    Done,
}

/// One command exchange.
#[derive(Debug)]
pub struct Exchange {
    phase: Phase,
    master: bool,
    timers: FlowTimers,
    limit: Instant,
    outgoing: VecDeque<Apdu>,
    events: VecDeque<FlowEvent>,
    /// The ECR sent Abort (`06 B0`) and waits for its answer.
    abort_pending: bool,
    /// The ECR sent Abort during this exchange.
    abort_sent: bool,
    /// The link delivered the command.
    delivered: bool,
}

impl Exchange {
    /// Starts an exchange for `command` at `now`; its APDU is the first thing to send. Call
    /// [`Exchange::delivered`] when the link reports the command delivered.
    pub fn start(command: &EcrCommand, timers: FlowTimers, now: Instant) -> Exchange {
        Exchange {
            phase: Phase::Sending,
            master: command.has_master_phase(),
            timers,
            // The overall limit runs from the start: a terminal that stops reading must not
            // hold the command for the link's resends (3 × T2) beyond it.
            limit: now + timers.limit,
            outgoing: VecDeque::from([command.to_apdu()]),
            events: VecDeque::new(),
            abort_pending: false,
            abort_sent: false,
            delivered: false,
        }
    }

    /// Whether the terminal is master now (it accepted the command and has not finished it):
    /// the phase in which the ECR may send Abort.
    pub fn is_terminal_master(&self) -> bool {
        matches!(self.phase, Phase::TerminalMaster { .. })
    }

    /// Whether the ECR sent Abort during this exchange.
    pub fn abort_sent(&self) -> bool {
        self.abort_sent
    }

    /// Asks the terminal to abort the command (`06 B0`), once, while it is master; from `now`
    /// the exchange ends at most [`ABORT_WAIT`] later. Returns whether the Abort was queued.
    pub fn abort(&mut self, now: Instant) -> bool {
        if self.abort_sent || !self.is_terminal_master() {
            return false;
        }
        self.outgoing.push_back(EcrCommand::Abort.to_apdu());
        self.abort_sent = true;
        self.abort_pending = true;
        self.limit = self.limit.min(now + ABORT_WAIT);
        true
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

    /// The earliest deadline: the phase's timer or the overall limit.
    pub fn poll_timeout(&self) -> Option<Instant> {
        match self.phase {
            // The link's T2 and resends bound this phase too, and the limit above them.
            Phase::Sending => Some(self.limit),
            Phase::Done => None,
            Phase::AwaitingAck { t3 } => Some(t3.min(self.limit)),
            Phase::TerminalMaster { t4 } => Some(t4.min(self.limit)),
        }
    }

    /// Whether the link delivered the command (the terminal acknowledged its frame).
    pub fn command_delivered(&self) -> bool {
        self.delivered
    }

    /// The link delivered the command (the terminal's transport ACK; on TCP, the send): T3
    /// starts now. Later deliveries (of our acknowledgements) change nothing.
    pub fn delivered(&mut self, now: Instant) {
        if self.phase == Phase::Sending {
            self.delivered = true;
            self.phase = Phase::AwaitingAck {
                t3: now + self.timers.t3,
            };
        }
    }

    /// Gives up early (the link failed); no further events.
    pub fn cancel(&mut self) {
        self.phase = Phase::Done;
    }

    fn finish(&mut self, event: FlowEvent) {
        self.events.push_back(event);
        self.phase = Phase::Done;
    }

    fn enter_master(&mut self, now: Instant) {
        self.phase = Phase::TerminalMaster {
            t4: now + self.timers.t4,
        };
    }

    /// Feeds an APDU from the terminal.
    pub fn handle_apdu(&mut self, apdu: Apdu, now: Instant) {
        let msg = PtMessage::parse(&apdu);
        // Whatever the phase, a message the terminal expects an answer to gets one.
        match msg {
            PtMessage::Unknown(_) => {
                self.outgoing.push_back(Apdu::nack(ResultCode::UNKNOWN.0));
                self.events.push_back(FlowEvent::Unexpected(apdu));
                return;
            }
            PtMessage::Malformed(_) => {
                self.outgoing
                    .push_back(Apdu::nack(ResultCode::PROTOCOL_ERROR.0));
                self.events.push_back(FlowEvent::Malformed(apdu));
                return;
            }
            _ => {}
        }
        let awaiting_ack = matches!(self.phase, Phase::Sending | Phase::AwaitingAck { .. });
        match msg {
            // After the exchange ended (e.g. timed out): a late status information is not
            // booked by posbind's answer — "aborted by timeout" has the terminal reverse it —
            // and any other terminal-master message is acknowledged so the terminal goes on.
            _ if self.phase == Phase::Done => {
                if matches!(msg, PtMessage::StatusInfo(_)) {
                    self.outgoing.push_back(Apdu::nack(ResultCode::ABORTED.0));
                } else if is_master_message(&msg) {
                    self.outgoing.push_back(Apdu::ack());
                }
                self.events.push_back(FlowEvent::Unexpected(apdu));
            }
            PtMessage::Ack if awaiting_ack => {
                self.events.push_back(FlowEvent::Accepted);
                if self.master {
                    self.enter_master(now);
                } else {
                    self.finish(FlowEvent::Completed(vec![]));
                }
            }
            PtMessage::Nack(code) if awaiting_ack => self.finish(FlowEvent::Rejected(code)),
            // The answer to the ECR's Abort: the terminal goes on to end the command.
            PtMessage::Ack if self.abort_pending => {
                self.abort_pending = false;
                self.events.push_back(FlowEvent::AbortAnswered(None));
            }
            PtMessage::Nack(code) if self.abort_pending => {
                self.abort_pending = false;
                self.events.push_back(FlowEvent::AbortAnswered(Some(code)));
            }
            // A completion or abort before the acknowledgement ends an earlier command (it came
            // late): it is answered and not taken for this command's result.
            msg @ (PtMessage::Completion(_) | PtMessage::Abort { .. }) if awaiting_ack => {
                let _ = msg;
                self.outgoing.push_back(Apdu::ack());
                self.events.push_back(FlowEvent::Unexpected(apdu));
            }
            // Some terminals skip the `80 00 00` and go straight to their status messages.
            msg if awaiting_ack && self.master && is_master_message(&msg) => {
                self.events.push_back(FlowEvent::Accepted);
                self.enter_master(now);
                self.on_master_message(msg, now);
            }
            msg if !awaiting_ack && is_master_message(&msg) => self.on_master_message(msg, now),
            // A terminal-master message to a command without a master phase (a terminal still
            // busy with an earlier command): answered, so the terminal does not wait.
            msg if is_master_message(&msg) => {
                self.outgoing.push_back(Apdu::ack());
                self.events.push_back(FlowEvent::Unexpected(apdu));
            }
            _ => self.events.push_back(FlowEvent::Unexpected(apdu)),
        }
    }

    fn on_master_message(&mut self, msg: PtMessage, now: Instant) {
        self.outgoing.push_back(Apdu::ack());
        match msg {
            PtMessage::Intermediate { status, timeout } => {
                let t4 = match timeout {
                    Some(minutes) if minutes > 0 => Duration::from_secs(60 * u64::from(minutes)),
                    _ => self.timers.t4,
                };
                self.phase = Phase::TerminalMaster { t4: now + t4 };
                self.events.push_back(FlowEvent::Intermediate(status));
            }
            PtMessage::StatusInfo(b) => {
                self.enter_master(now);
                self.events.push_back(FlowEvent::StatusInfo(b));
            }
            PtMessage::Print(text) => self.events.push_back(FlowEvent::Print(text)),
            PtMessage::Completion(d) => self.finish(FlowEvent::Completed(d)),
            PtMessage::Abort { code, rest } => self.finish(FlowEvent::Aborted { code, rest }),
            _ => {}
        }
    }

    /// A well-framed message whose APDU does not decode (its length field disagrees with its
    /// data): answered `84 9A 00`, never left in silence.
    pub fn handle_undecodable(&mut self) {
        self.outgoing
            .push_back(Apdu::nack(ResultCode::PROTOCOL_ERROR.0));
    }

    /// Lets the timers fire.
    pub fn handle_timeout(&mut self, now: Instant) {
        let timer = match self.phase {
            Phase::AwaitingAck { t3 } if now >= t3 => Timer::T3,
            Phase::TerminalMaster { t4 } if now >= t4 => Timer::T4,
            Phase::Done => return,
            _ if now >= self.limit => Timer::Limit,
            _ => return,
        };
        self.finish(FlowEvent::TimedOut(timer));
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
    use crate::zvt::messages::Currency;

    fn pay() -> EcrCommand {
        EcrCommand::Authorisation {
            amount_minor: 1,
            currency: Some(Currency::CNY),
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
        x.delivered(now);
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
                timeout: Some(2),
            }
            .to_apdu(),
            later,
        );
        // The timeout byte is in minutes.
        assert_eq!(x.poll_timeout(), Some(later + Duration::from_secs(120)));
        x.handle_timeout(later + Duration::from_secs(120));
        assert!(x.is_done());
        assert_eq!(events(&mut x).last(), Some(&FlowEvent::TimedOut(Timer::T4)));
    }

    #[test]
    fn no_acknowledgement_is_t3() {
        let t = FlowTimers::default();
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), t, now);
        x.delivered(now);
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
                code: Some(ResultCode::ABORTED),
                rest: vec![]
            }]
        );
        assert_eq!(sends(&mut x).last(), Some(&Apdu::ack()));
    }

    #[test]
    fn negative_acknowledgement_ends_the_exchange() {
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), FlowTimers::default(), now);
        x.handle_apdu(Apdu::nack(ResultCode::NOT_POSSIBLE.0), now);
        assert_eq!(
            events(&mut x),
            vec![FlowEvent::Rejected(ResultCode::NOT_POSSIBLE)]
        );
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
    fn a_completion_before_the_acknowledgement_is_a_late_one_not_this_commands_result() {
        let now = Instant::now();
        let mut x = Exchange::start(
            &EcrCommand::Diagnosis { kind: None },
            FlowTimers::default(),
            now,
        );
        sends(&mut x);
        x.handle_apdu(Apdu::new(0x06, 0x0F, vec![]), now);
        assert!(!x.is_done(), "an earlier command's completion");
        assert_eq!(sends(&mut x), vec![Apdu::ack()], "answered all the same");
        x.handle_apdu(Apdu::ack(), now);
        x.handle_apdu(Apdu::new(0x06, 0x0F, vec![]), now);
        assert!(x.is_done());
        assert_eq!(events(&mut x).last(), Some(&FlowEvent::Completed(vec![])));
    }

    #[test]
    fn t3_runs_from_the_delivery_of_the_command_not_from_the_first_send() {
        // The terminal drops the first copy; the link resends after T2 (5 s) and the terminal
        // acknowledges at 5.003 s and answers 80 00 00 at 5.004 s.
        let t = FlowTimers::default();
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), t, now);
        sends(&mut x);
        assert_eq!(
            x.poll_timeout(),
            Some(now + t.limit),
            "the link's resends bound the sending, and the limit above them"
        );
        x.handle_timeout(now + t.t3 + Duration::from_secs(1));
        assert!(
            !x.is_done(),
            "T3 has not started while the command is on its way"
        );
        let acked = now + Duration::from_millis(5003);
        x.delivered(acked);
        assert_eq!(x.poll_timeout(), Some(acked + t.t3));
        x.handle_apdu(Apdu::ack(), now + Duration::from_millis(5004));
        assert_eq!(events(&mut x), vec![FlowEvent::Accepted]);
    }

    #[test]
    fn a_command_the_terminal_never_takes_ends_at_the_limit() {
        // A terminal that stopped reading: the link would resend for 3 × T2; the command's
        // limit (here 2 s) ends it first.
        let t = FlowTimers {
            t3: Duration::from_secs(2),
            t4: Duration::from_secs(2),
            limit: Duration::from_secs(2),
        };
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), t, now);
        sends(&mut x);
        x.handle_timeout(now + Duration::from_secs(2));
        assert_eq!(events(&mut x), vec![FlowEvent::TimedOut(Timer::Limit)]);
        assert!(!x.command_delivered());
    }

    #[test]
    fn every_terminal_message_gets_an_application_answer() {
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), FlowTimers::default(), now);
        sends(&mut x);
        x.delivered(now);
        x.handle_apdu(Apdu::ack(), now);
        let vendor = Apdu::new(0x0F, 0xA1, vec![]);
        x.handle_apdu(vendor.clone(), now);
        x.handle_apdu(Apdu::new(0x04, 0xFF, vec![]), now);
        // A status information unreadable from its first field: not even a result code.
        x.handle_apdu(Apdu::new(0x04, 0x0F, vec![0x22, 0xF1]), now);
        assert_eq!(
            sends(&mut x),
            vec![
                Apdu::nack(ResultCode::UNKNOWN.0),
                Apdu::nack(ResultCode::PROTOCOL_ERROR.0),
                Apdu::nack(ResultCode::PROTOCOL_ERROR.0)
            ]
        );
        let ev = events(&mut x);
        assert_eq!(ev[1], FlowEvent::Unexpected(vendor));
        assert!(matches!(ev[2], FlowEvent::Malformed(_)));
        assert!(!x.is_done(), "the exchange goes on");
    }

    #[test]
    fn a_status_information_with_a_malformed_tlv_container_is_acknowledged() {
        // BMP 06 announces 5 bytes; its one object (1F42) claims 9: the container is dropped,
        // the result code and receipt number around it are read, and the payment is booked.
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), FlowTimers::default(), now);
        sends(&mut x);
        x.delivered(now);
        x.handle_apdu(Apdu::ack(), now);
        let data = vec![
            0x27, 0x00, 0x06, 0x05, 0x1F, 0x42, 0x09, 0xAA, 0xBB, 0x87, 0x00, 0x21,
        ];
        x.handle_apdu(Apdu::new(0x04, 0x0F, data), now);
        assert_eq!(sends(&mut x), vec![Apdu::ack()], "80 00 00, not 84 9A");
        let ev = events(&mut x);
        let Some(FlowEvent::StatusInfo(b)) = ev.last() else {
            panic!("{ev:?}")
        };
        assert_eq!(b.byte(n::RESULT_CODE), Some(0));
        assert_eq!(b.bcd(n::RECEIPT), Some(21));
    }

    #[test]
    fn a_status_information_damaged_after_its_result_code_is_acknowledged() {
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), FlowTimers::default(), now);
        sends(&mut x);
        x.delivered(now);
        x.handle_apdu(Apdu::ack(), now);
        x.handle_apdu(Apdu::new(0x04, 0x0F, vec![0x27, 0x00, 0x22, 0xF1]), now);
        assert_eq!(sends(&mut x), vec![Apdu::ack()]);
        assert!(matches!(
            events(&mut x).last(),
            Some(FlowEvent::StatusInfo(_))
        ));
    }

    #[test]
    fn a_timeout_byte_of_zero_leaves_t4_as_it_is() {
        let t = FlowTimers::default();
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), t, now);
        x.delivered(now);
        x.handle_apdu(Apdu::ack(), now);
        let later = now + Duration::from_millis(600);
        x.handle_apdu(Apdu::new(0x04, 0xFF, vec![0x0A, 0x00]), later);
        assert_eq!(x.poll_timeout(), Some(later + t.t4));
        x.handle_timeout(later + Duration::from_millis(1));
        assert!(!x.is_done());
        assert_eq!(sends(&mut x).last(), Some(&Apdu::ack()));
    }

    #[test]
    fn a_status_flood_ends_at_the_overall_limit() {
        let t = FlowTimers::bounded(Duration::from_secs(5), Duration::from_secs(5));
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), t, now);
        x.delivered(now);
        x.handle_apdu(Apdu::ack(), now);
        let mut at = now;
        while !x.is_done() {
            at += Duration::from_millis(100);
            x.handle_apdu(Apdu::new(0x04, 0xFF, vec![0x0E]), at);
            x.handle_timeout(at);
            assert!(at < now + Duration::from_secs(11), "never ends");
        }
        assert_eq!(at, now + t.limit);
        assert_eq!(
            events(&mut x).last(),
            Some(&FlowEvent::TimedOut(Timer::Limit))
        );
    }

    #[test]
    fn the_ecr_aborts_only_while_the_terminal_is_master_and_only_once() {
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), FlowTimers::default(), now);
        sends(&mut x);
        x.delivered(now);
        assert!(
            !x.abort(now),
            "not before the terminal accepted the command"
        );
        x.handle_apdu(Apdu::ack(), now);
        assert!(x.abort(now));
        assert!(!x.abort(now), "once");
        assert_eq!(sends(&mut x), vec![EcrCommand::Abort.to_apdu()]);
        assert_eq!(
            x.poll_timeout(),
            Some(now + ABORT_WAIT),
            "bounded from the abort"
        );
        x.handle_apdu(Apdu::ack(), now);
        x.handle_apdu(Apdu::new(0x06, 0x1E, vec![0x6C]), now);
        assert_eq!(
            events(&mut x)[1..],
            [
                FlowEvent::AbortAnswered(None),
                FlowEvent::Aborted {
                    code: Some(ResultCode::ABORTED),
                    rest: vec![]
                }
            ]
        );
        assert!(x.abort_sent() && x.is_done());
    }

    #[test]
    fn a_refused_abort_leaves_the_exchange_running_until_its_bound() {
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), FlowTimers::default(), now);
        x.handle_apdu(Apdu::ack(), now);
        x.abort(now);
        x.handle_apdu(Apdu::nack(ResultCode::NOT_POSSIBLE.0), now);
        assert!(!x.is_done());
        x.handle_timeout(now + ABORT_WAIT);
        assert_eq!(
            events(&mut x)[1..],
            [
                FlowEvent::AbortAnswered(Some(ResultCode::NOT_POSSIBLE)),
                FlowEvent::TimedOut(Timer::Limit)
            ]
        );
    }

    #[test]
    fn an_abort_without_a_result_code_has_none() {
        let now = Instant::now();
        let mut x = Exchange::start(&pay(), FlowTimers::default(), now);
        x.handle_apdu(Apdu::ack(), now);
        x.handle_apdu(Apdu::new(0x06, 0x1E, vec![]), now);
        assert_eq!(
            events(&mut x).last(),
            Some(&FlowEvent::Aborted {
                code: None,
                rest: vec![]
            })
        );
    }
}
