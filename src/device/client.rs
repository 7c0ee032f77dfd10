//! The terminal client: runs ZVT command exchanges over a [`Transport`], driving the sans-IO
//! link and flow machines with real time. Every wait has a deadline from those machines.

use std::io;
use std::time::{Duration, Instant};

use super::terminal::DeviceError;
pub use super::terminal::PhaseTimes;
use super::transport::{is_disconnect, Transport};
use crate::zvt::apdu::Apdu;
use crate::zvt::bmp::Bmps;
use crate::zvt::codes::{IntermediateStatus, ResultCode};
pub use crate::zvt::ecr::ABORT_WAIT;
use crate::zvt::ecr::{Exchange, FlowEvent, FlowTimers, Timer};
use crate::zvt::link::{Link, LinkEvent, LinkFailure, LinkTimers};
use crate::zvt::messages::{
    config, Amount, Currency, EcrCommand, Identity, Password, PaymentInfo, PtMessage, Tid,
};
use crate::zvt::tlv::{self, tags};
use crate::zvt::{bcd, bmp, words};

/// How long the line must stay silent after an unfinished exchange before the next command:
/// two of T1, the longest pause inside one frame.
const QUIET: Duration = Duration::from_millis(400);

/// How often a command the caller may stop asks whether it should.
pub const STOP_POLL: Duration = Duration::from_millis(100);

/// What went wrong talking to the terminal.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// A ZVT application timer expired.
    #[error("timeout {0:?}")]
    Timeout(Timer),
    /// The link layer gave up on a frame.
    #[error("transmission failed: {0:?}")]
    Link(LinkFailure),
    /// The terminal refused the command (`84 xx 00`).
    #[error("command refused with code {0}")]
    Rejected(ResultCode),
    /// The terminal aborted the command (`06 1E`).
    #[error("aborted with code {code:?}")]
    Aborted {
        /// Result code; `None` when the terminal sent none.
        code: Option<ResultCode>,
        /// Extended error text (TLV 1F17), if sent.
        text: Option<String>,
    },
    /// The terminal or the line went away.
    #[error("disconnected")]
    Disconnected,
    /// Another I/O failure.
    #[error("i/o error: {0}")]
    Io(io::Error),
    /// The terminal's answer could not be understood.
    #[error("unexpected answer: {0}")]
    Protocol(String),
    /// The terminal did not become ready (its status code).
    #[error("terminal not ready: status {0}")]
    NotReady(crate::zvt::codes::TerminalStatus),
    /// The caller stopped the command and posbind sent Abort (`06 B0`).
    #[error("stopped (abort sent); terminal confirmed: {confirmed}, code {code:?}")]
    Stopped {
        /// The terminal ended the command with its own abort (`06 1E`); false when it did not
        /// within the time allowed, so the outcome is not known.
        confirmed: bool,
        /// The result code of that abort, if it sent one.
        code: Option<ResultCode>,
    },
    /// posbind refused a message of the terminal it could not read (`84 9A`), and the command
    /// then failed: the description of that message (its kind and size, no data).
    #[error("the terminal's message could not be read: {0}")]
    Unreadable(String),
}

impl ClientError {
    /// Message id and arguments for the user (the device layer's one mapping, see
    /// [`DeviceError::message`]).
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        DeviceError::from(self).message()
    }

    /// The terminal's result code, where there is one.
    pub fn result_code(&self) -> Option<ResultCode> {
        match self {
            ClientError::Rejected(c) => Some(*c),
            ClientError::Aborted { code, .. } => *code,
            ClientError::Stopped { code, .. } => *code,
            _ => None,
        }
    }
}

/// Everything an exchange produced.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Completion data (`06 0F`).
    pub completion: Vec<u8>,
    /// Status information messages (`04 0F`).
    pub status_infos: Vec<Bmps>,
    /// Intermediate statuses in order.
    pub intermediates: Vec<IntermediateStatus>,
    /// Receipt lines.
    pub prints: Vec<String>,
    /// Phase timings.
    pub times: PhaseTimes,
    /// The first message posbind refused as unreadable (`84 9A`), described for the user.
    pub refused: Option<String>,
    /// A status information was among the refused messages.
    pub refused_status_info: bool,
}

/// Client settings.
#[derive(Debug, Clone, Copy)]
pub struct ClientConfig {
    /// Terminal password.
    pub password: Password,
    /// Currency for registration and payments.
    pub currency: Currency,
    /// Link timers.
    pub link: LinkTimers,
    /// Application timers.
    pub flow: FlowTimers,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            password: Password::default(),
            currency: Currency::CNY,
            link: LinkTimers::default(),
            flow: FlowTimers::default(),
        }
    }
}

/// What Registration reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registration {
    /// Status byte (01 initialisation necessary, 02 diagnosis necessary).
    pub status_byte: Option<u8>,
    /// Terminal ID.
    pub tid: Option<Tid>,
    /// Currency.
    pub currency: Option<Currency>,
}

/// A terminal connection.
pub struct Client {
    transport: Box<dyn Transport>,
    link: Box<dyn Link>,
    config: ClientConfig,
    buf: Vec<u8>,
    last_times: PhaseTimes,
    /// The last exchange ended without the terminal finishing it (a timeout, a link failure):
    /// the terminal may still be in the middle of it, so the next command first lets the line
    /// go quiet.
    unsettled: bool,
}

impl Client {
    /// A client over `transport`.
    pub fn new(transport: Box<dyn Transport>, config: ClientConfig) -> Client {
        let link = transport.new_link(config.link);
        Client {
            transport,
            link,
            config,
            buf: vec![0; 4096],
            last_times: PhaseTimes::default(),
            unsettled: false,
        }
    }

    /// The settings.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Changes the application timers (e.g. the test loop's per-transaction timeout as T4).
    pub fn set_flow_timers(&mut self, flow: FlowTimers) {
        self.config.flow = flow;
    }

    /// The phase timings of the last exchange, also when it failed (e.g. the acknowledgement
    /// came, the completion did not).
    pub fn last_times(&self) -> PhaseTimes {
        self.last_times
    }

    /// Link counters (resends, NAKs…).
    pub fn link_stats(&self) -> crate::zvt::link::LinkStats {
        self.link.stats()
    }

    fn flush(&mut self) -> Result<(), ClientError> {
        while let Some(bytes) = self.link.poll_transmit() {
            tracing::trace!(bytes = %bcd::hex_spaced(&bytes), "tx");
            self.transport.write_all(&bytes).map_err(io_error)?;
        }
        Ok(())
    }

    /// Runs one command; `observer` sees every flow event as it happens (for live status).
    pub fn execute(
        &mut self,
        command: &EcrCommand,
        observer: &mut dyn FnMut(&FlowEvent),
    ) -> Result<Outcome, ClientError> {
        self.execute_until(command, None, observer)
    }

    /// Runs one command the caller may stop. `stop` is asked at least every [`STOP_POLL`]
    /// while the exchange waits; once it says yes while the terminal is master and no status
    /// information has come (nothing is booked), posbind sends Abort (`06 B0`) and runs the
    /// exchange to its end, at most [`ABORT_WAIT`] longer. The terminal's abort (`06 1E`) or a
    /// timeout after it become [`ClientError::Stopped`]; a payment the terminal had booked
    /// before the Abort arrived comes back as usual.
    pub fn execute_until(
        &mut self,
        command: &EcrCommand,
        stop: Option<&dyn Fn() -> bool>,
        observer: &mut dyn FnMut(&FlowEvent),
    ) -> Result<Outcome, ClientError> {
        self.last_times = PhaseTimes::default();
        self.answer_stale()?;
        let started = Instant::now();
        tracing::debug!(command = command.name(), "exchange start");
        let mut x = Exchange::start(command, self.config.flow, started);
        let mut out = Outcome::default();
        let mut result: Option<Result<(), ClientError>> = None;
        loop {
            let now = Instant::now();
            while let Some(apdu) = x.poll_send() {
                tracing::debug!(apdu = %apdu, "send");
                self.link.send(&apdu, now);
            }
            self.flush()?;
            self.feed(&mut x, &mut out, now)?;
            while let Some(ev) = x.poll_event() {
                observer(&ev);
                let elapsed = now.saturating_duration_since(started);
                self.record(ev, elapsed, &mut out, &mut result);
            }
            let stopping = stop.is_some_and(|s| {
                result.is_none()
                    && out.status_infos.is_empty()
                    && x.is_terminal_master()
                    && !x.abort_sent()
                    && s()
            });
            if stopping && x.abort(now) {
                tracing::info!(command = command.name(), "stopped: sending abort (06 B0)");
            }
            // Answers queued while handling input go out on the next turn of the loop.
            if x.has_pending_send() {
                continue;
            }
            // Done when the exchange ended and our last acknowledgement left the link.
            if let Some(r) = &result {
                let timed_out = matches!(r, Err(ClientError::Timeout(_)));
                if self.link.is_idle() || timed_out {
                    self.unsettled |= timed_out;
                    // The terminal never took the command (it stopped reading): its resends
                    // would only hold up the next command.
                    if timed_out && !x.command_delivered() {
                        self.link.abandon();
                    }
                    tracing::debug!(command = command.name(), ok = r.is_ok(), "exchange end");
                    return ended(result.unwrap_or(Ok(())), &x, &out).map(|()| out);
                }
            }
            self.wait(&mut x, stop.is_some())?;
        }
    }

    /// Hands what the link received to the exchange; a message that does not decode is refused
    /// and noted.
    fn feed(
        &mut self,
        x: &mut Exchange,
        out: &mut Outcome,
        now: Instant,
    ) -> Result<(), ClientError> {
        while let Some(ev) = self.link.poll_event() {
            match ev {
                LinkEvent::Received(apdu) => {
                    tracing::debug!(apdu = %apdu, "received");
                    x.handle_apdu(apdu, now);
                }
                LinkEvent::Undecodable(raw) => {
                    tracing::warn!(bytes = %bcd::hex_spaced(&raw), "undecodable apdu");
                    out.refused
                        .get_or_insert_with(|| format!("{} bytes that do not decode", raw.len()));
                    x.handle_undecodable();
                }
                LinkEvent::Delivered => x.delivered(now),
                LinkEvent::Failed(f) => {
                    x.cancel();
                    self.unsettled = true;
                    return Err(ClientError::Link(f));
                }
            }
        }
        Ok(())
    }

    /// Takes one flow event into the outcome (and the result, when it ends the exchange).
    fn record(
        &mut self,
        ev: FlowEvent,
        elapsed: Duration,
        out: &mut Outcome,
        result: &mut Option<Result<(), ClientError>>,
    ) {
        match ev {
            FlowEvent::Accepted => {
                out.times.to_ack = Some(elapsed);
                self.last_times.to_ack = Some(elapsed);
            }
            FlowEvent::Intermediate(s) => {
                out.times.to_first_status.get_or_insert(elapsed);
                self.last_times.to_first_status.get_or_insert(elapsed);
                out.intermediates.push(s);
            }
            FlowEvent::StatusInfo(b) => {
                out.times.to_first_status.get_or_insert(elapsed);
                self.last_times.to_first_status.get_or_insert(elapsed);
                if let Some(what) = b.unread_summary() {
                    tracing::warn!(%what, "status information partly unreadable: what was read is kept and the message acknowledged");
                }
                out.status_infos.push(b);
            }
            FlowEvent::Print(p) => out.prints.push(p),
            FlowEvent::Completed(d) => {
                out.times.to_completion = Some(elapsed);
                out.completion = d;
                *result = Some(Ok(()));
            }
            FlowEvent::Aborted { code, rest } => {
                *result = Some(Err(ClientError::Aborted {
                    code,
                    text: abort_text(&rest),
                }))
            }
            FlowEvent::Rejected(code) => *result = Some(Err(ClientError::Rejected(code))),
            FlowEvent::TimedOut(t) => *result = Some(Err(ClientError::Timeout(t))),
            FlowEvent::Unexpected(a) => tracing::warn!(apdu = %a, "unexpected message"),
            FlowEvent::Malformed(a) => {
                tracing::warn!(apdu = %a, "unreadable message refused (84 9A)");
                out.refused_status_info |= a.command() == words::STATUS_INFO;
                out.refused.get_or_insert_with(|| refused_text(&a));
            }
            FlowEvent::AbortAnswered(None) => tracing::info!("the terminal accepted the abort"),
            FlowEvent::AbortAnswered(Some(code)) => {
                tracing::warn!(%code, "the terminal refused the abort")
            }
        }
    }

    /// Answers what the terminal sent after the last exchange ended (a late completion or
    /// status message): a terminal-master message gets `80 00 00`, a command posbind does not
    /// know `84 83 00`, an unreadable one `84 9A 00` — and none of it is taken as the answer to
    /// the command about to be sent. Reads only what has arrived: no waiting.
    fn answer_stale(&mut self) -> Result<(), ClientError> {
        // After an exchange the terminal did not finish, its remaining messages may still be on
        // the way (the terminal may itself be waiting for resends): wait until the line is quiet
        // for a moment, answering what comes, at most T3 plus two T2, so that none of them is
        // taken for the next command's answer.
        let settle_until = std::mem::take(&mut self.unsettled)
            .then(|| Instant::now() + self.config.flow.t3 + 2 * self.config.link.t2);
        // A terminal that keeps talking (a status flood) does not hold the next command back:
        // at most this many turns, then the command goes out.
        for _ in 0..32 {
            let mut n = self
                .transport
                .read_waiting(&mut self.buf)
                .map_err(io_error)?;
            if n == 0 && self.link.is_idle() {
                let Some(until) = settle_until.filter(|u| Instant::now() < *u) else {
                    return Ok(());
                };
                let quiet = (Instant::now() + QUIET).min(until);
                n = self
                    .transport
                    .read_until(&mut self.buf, quiet)
                    .map_err(io_error)?;
                if n == 0 {
                    return Ok(());
                }
            }
            if n == 0 {
                // Our answers are on their way: wait for their ACK (bounded by T2 and resends)
                // so that the next command's delivery is its own.
                let deadline = self
                    .link
                    .poll_timeout()
                    .unwrap_or_else(|| Instant::now() + self.config.link.t2);
                n = self
                    .transport
                    .read_until(&mut self.buf, deadline)
                    .map_err(io_error)?;
            }
            let now = Instant::now();
            if n > 0 {
                self.link.handle_input(&self.buf[..n], now);
            }
            self.link.handle_timeout(now);
            while let Some(ev) = self.link.poll_event() {
                match ev {
                    LinkEvent::Received(apdu) => {
                        tracing::warn!(apdu = %apdu, "message after its exchange ended");
                        let answer = match PtMessage::parse(&apdu) {
                            PtMessage::Ack | PtMessage::Nack(_) => None,
                            PtMessage::Unknown(_) => Some(Apdu::nack(ResultCode::UNKNOWN.0)),
                            PtMessage::Malformed(_) => {
                                Some(Apdu::nack(ResultCode::PROTOCOL_ERROR.0))
                            }
                            // A payment's status information after posbind gave up on it: a
                            // positive answer would book a payment nobody follows; the negative
                            // one ("aborted by timeout") has the terminal reverse it itself.
                            PtMessage::StatusInfo(_) => Some(Apdu::nack(ResultCode::ABORTED.0)),
                            _ => Some(Apdu::ack()),
                        };
                        if let Some(a) = answer {
                            self.link.send(&a, now);
                        }
                    }
                    // A stale answer that cannot be delivered is given up: the command goes on.
                    LinkEvent::Failed(f) => tracing::warn!(failure = ?f, "stale answer lost"),
                    LinkEvent::Undecodable(_) | LinkEvent::Delivered => {}
                }
            }
            self.flush()?;
        }
        Ok(())
    }

    /// Waits for input until the earliest deadline (at most [`STOP_POLL`] when the caller may
    /// stop the command), then lets timers fire.
    fn wait(&mut self, x: &mut Exchange, stoppable: bool) -> Result<(), ClientError> {
        let now = Instant::now();
        let poll = stoppable.then(|| now + STOP_POLL);
        let deadline = [self.link.poll_timeout(), x.poll_timeout(), poll]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(now + self.config.flow.t3);
        let n = self
            .transport
            .read_until(&mut self.buf, deadline)
            .map_err(io_error)?;
        let now = Instant::now();
        if n > 0 {
            tracing::trace!(bytes = %bcd::hex_spaced(&self.buf[..n]), "rx");
            self.link.handle_input(&self.buf[..n], now);
        }
        self.link.handle_timeout(now);
        x.handle_timeout(now);
        Ok(())
    }

    fn run(&mut self, command: EcrCommand) -> Result<Outcome, ClientError> {
        self.execute(&command, &mut |_| {})
    }

    /// Registration with TLV enabled (`06 00`) and the configured currency.
    pub fn register(&mut self) -> Result<Registration, ClientError> {
        self.register_with(config::POSBIND_DEFAULT)
    }

    /// Registration with an explicit config byte (e.g. without intermediate statuses).
    pub fn register_with(&mut self, config_byte: u8) -> Result<Registration, ClientError> {
        let out = self.run(EcrCommand::Registration {
            password: self.config.password,
            config: config_byte,
            currency: Some(self.config.currency),
            service: None,
            tlv: Some(vec![]),
        })?;
        let b = bmp::parse(&out.completion).map_err(|e| ClientError::Protocol(e.to_string()))?;
        Ok(Registration {
            status_byte: b.byte(bmp::n::STATUS_BYTE),
            tid: b.get(bmp::n::TID).and_then(Tid::from_bcd),
            currency: b.get(bmp::n::CURRENCY).and_then(Currency::from_bcd),
        })
    }

    /// Log-Off.
    pub fn log_off(&mut self) -> Result<(), ClientError> {
        self.run(EcrCommand::LogOff).map(|_| ())
    }

    /// Status-Enquiry with service byte 04 (TLV): the terminal's identity and status.
    pub fn status_enquiry(&mut self) -> Result<Identity, ClientError> {
        let out = self.run(EcrCommand::StatusEnquiry {
            password: Some(self.config.password),
            service: Some(0x04),
        })?;
        Identity::parse_completion(&out.completion)
            .map_err(|e| ClientError::Protocol(e.to_string()))
    }

    /// Set Terminal-ID.
    pub fn set_tid(
        &mut self,
        tid: &Tid,
        observer: &mut dyn FnMut(&FlowEvent),
    ) -> Result<Outcome, ClientError> {
        let cmd = EcrCommand::SetTerminalId {
            password: self.config.password,
            tid: Some(tid.clone()),
        };
        self.execute(&cmd, observer)
    }

    /// Initialisation.
    pub fn initialise(
        &mut self,
        observer: &mut dyn FnMut(&FlowEvent),
    ) -> Result<Outcome, ClientError> {
        let cmd = EcrCommand::Initialisation {
            password: self.config.password,
        };
        self.execute(&cmd, observer)
    }

    /// Diagnosis (line diagnosis when `kind` is `None`).
    pub fn diagnosis(
        &mut self,
        kind: Option<u8>,
        observer: &mut dyn FnMut(&FlowEvent),
    ) -> Result<Outcome, ClientError> {
        self.execute(&EcrCommand::Diagnosis { kind }, observer)
    }

    /// End-of-Day.
    pub fn end_of_day(
        &mut self,
        observer: &mut dyn FnMut(&FlowEvent),
    ) -> Result<Outcome, ClientError> {
        let cmd = EcrCommand::EndOfDay {
            password: self.config.password,
        };
        self.execute(&cmd, observer)
    }

    /// Authorisation of `amount`; the payment data from its status information.
    pub fn authorise(
        &mut self,
        amount: Amount,
        timeout_s: Option<u8>,
        observer: &mut dyn FnMut(&FlowEvent),
    ) -> Result<(PaymentInfo, Outcome), ClientError> {
        self.authorise_until(amount, timeout_s, &|| false, observer)
    }

    /// [`Client::authorise`] that `stop` can abort while the terminal waits for the card (see
    /// [`Client::execute_until`]).
    pub fn authorise_until(
        &mut self,
        amount: Amount,
        timeout_s: Option<u8>,
        stop: &dyn Fn() -> bool,
        observer: &mut dyn FnMut(&FlowEvent),
    ) -> Result<(PaymentInfo, Outcome), ClientError> {
        let cmd = EcrCommand::Authorisation {
            amount_minor: amount.minor,
            currency: Some(amount.currency),
            payment_type: None,
            timeout: timeout_s,
        };
        let out = self.execute_until(&cmd, Some(stop), observer)?;
        Ok((payment_info(&out), out))
    }

    /// Reversal of the payment with `receipt`.
    pub fn reverse(
        &mut self,
        receipt: u16,
        observer: &mut dyn FnMut(&FlowEvent),
    ) -> Result<(PaymentInfo, Outcome), ClientError> {
        let cmd = EcrCommand::Reversal {
            password: self.config.password,
            receipt,
            amount: None,
        };
        let out = self.execute(&cmd, observer)?;
        Ok((payment_info(&out), out))
    }

    /// Repeat Receipt: the status information of the terminal's last transaction again;
    /// `None` when the terminal has none to repeat. A repeated status information posbind
    /// could not read at all is an error ([`ClientError::Unreadable`]), never "none"; one read
    /// in part is returned with `unread` set.
    pub fn repeat_receipt(&mut self) -> Result<Option<PaymentInfo>, ClientError> {
        let cmd = EcrCommand::RepeatReceipt {
            password: self.config.password,
        };
        match self.execute(&cmd, &mut |_| {}) {
            Ok(out) if out.status_infos.is_empty() && out.refused_status_info => Err(
                ClientError::Unreadable(out.refused.unwrap_or_else(|| "04 0F".into())),
            ),
            Ok(out) => Ok(out
                .status_infos
                .last()
                .map(PaymentInfo::from_bmps)
                .map(|mut p| {
                    p.unread |= out.refused_status_info;
                    p
                })),
            Err(ClientError::Aborted {
                code: Some(ResultCode::NOT_POSSIBLE),
                ..
            }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Abort (ECR side).
    pub fn abort(&mut self) -> Result<(), ClientError> {
        self.run(EcrCommand::Abort).map(|_| ())
    }
}

/// The payment data of an exchange: its last status information, marked unread when some of
/// it — or a status information posbind refused — could not be read.
fn payment_info(out: &Outcome) -> PaymentInfo {
    let mut info = out
        .status_infos
        .last()
        .map(PaymentInfo::from_bmps)
        .unwrap_or_default();
    info.unread |= out.refused_status_info;
    info
}

/// The error an ended exchange reports: after posbind sent Abort, the terminal's abort or a
/// timeout is the stop it asked for; after posbind refused an unreadable message, a failure
/// is put down to that message (not, say, to a card presented too late).
fn ended(r: Result<(), ClientError>, x: &Exchange, out: &Outcome) -> Result<(), ClientError> {
    match r {
        Err(ClientError::Aborted { code, .. }) if x.abort_sent() => Err(ClientError::Stopped {
            confirmed: true,
            code,
        }),
        Err(ClientError::Timeout(_)) if x.abort_sent() => Err(ClientError::Stopped {
            confirmed: false,
            code: None,
        }),
        Err(e @ (ClientError::Aborted { .. } | ClientError::Timeout(_))) => match &out.refused {
            Some(what) => {
                tracing::warn!(error = %e, "the command failed after posbind refused an unreadable message");
                Err(ClientError::Unreadable(what.clone()))
            }
            None => Err(e),
        },
        r => r,
    }
}

/// An unreadable message for the user: its kind and size, never its data (it may carry card
/// data).
fn refused_text(a: &Apdu) -> String {
    let kind = match a.command() {
        words::STATUS_INFO => " (status information)",
        words::INTERMEDIATE_STATUS => " (intermediate status)",
        _ => "",
    };
    format!(
        "{:02X} {:02X}{kind}, {} bytes",
        a.class,
        a.instr,
        a.data.len()
    )
}

fn abort_text(rest: &[u8]) -> Option<String> {
    let b = bmp::parse(rest).ok()?;
    let t = tlv::find(b.tlv()?, tags::EXT_ERROR_TEXT)?.bytes()?;
    Some(String::from_utf8_lossy(t).trim().to_string())
}

fn io_error(e: io::Error) -> ClientError {
    if is_disconnect(&e) {
        ClientError::Disconnected
    } else {
        ClientError::Io(e)
    }
}
