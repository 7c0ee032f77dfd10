//! Runs a simulated [`Terminal`] over a transport: the link layer in the terminal role, the
//! command scripts with their delays, and seeded fault injection on the wire.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::config::{FaultRule, Faults};
use super::terminal::{Effect, Step, Terminal};
use crate::device::transport::{is_disconnect, Transport};
use crate::zvt::apdu::Apdu;
use crate::zvt::bcd::hex_spaced;
use crate::zvt::bmp::{n, Bmp, Bmps, Writer};
use crate::zvt::frame;
use crate::zvt::link::{Link, LinkEvent, LinkFault, LinkTimers};
use crate::zvt::messages::{EcrCommand, PtMessage};
use crate::zvt::words;

/// How long the terminal waits for the ECR's `80 00 00` to one of its messages.
pub const ECR_ACK_WAIT: Duration = Duration::from_secs(5);
/// How often an idle simulator looks at its stop flag.
const IDLE_WAKE: Duration = Duration::from_millis(200);
/// Time one byte takes on a 9600 baud 8N2 line (11 bits).
const BYTE_TIME_9600: Duration = Duration::from_micros(1146);

/// Why a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunEnd {
    /// The stop flag was set.
    Stopped,
    /// The ECR side went away.
    Disconnected,
    /// The `disconnect_after` fault hung up.
    HungUp,
}

/// Receives one log line per frame and fault.
pub type Logger = Arc<dyn Fn(&str) + Send + Sync>;

const KIND_NAK: u64 = 1;
const KIND_BAD_CRC: u64 = 2;
const KIND_DROP_ACK: u64 = 3;
const KIND_GAP: u64 = 4;
const KIND_SILENCE_T3: u64 = 5;
const KIND_SILENCE_T4: u64 = 6;
const KIND_GARBAGE: u64 = 7;
const KIND_LOSE_FRAME: u64 = 8;
const KIND_VENDOR: u64 = 9;
const KIND_MALFORMED: u64 = 10;
const KIND_TIMEOUT_ZERO: u64 = 11;
const KIND_FLOOD: u64 = 12;
const KIND_LOSE_COMPLETION: u64 = 13;
const KIND_REFUSE_FINAL_ACK: u64 = 14;
const KIND_DISCONNECT_AFTER_COMMIT: u64 = 15;
const KIND_EXOTIC_BMPS: u64 = 16;
const KIND_UNKNOWN_BMP: u64 = 17;
const KIND_UNKNOWN_BMP_REPEAT: u64 = 18;
const KIND_MALFORMED_TLV: u64 = 19;
/// A BMP number posbind's table does not know, so its length cannot be known.
const UNKNOWN_BMP: u8 = 0x5E;
/// How long a status flood goes on at most.
const FLOOD_LIMIT: Duration = Duration::from_secs(60);

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Whether a fault fires at opportunity `n`: a pure function of (seed, kind, n), so the same
/// seed gives the same run whatever the timing.
fn fires(rule: FaultRule, seed: u64, kind: u64, n: u64) -> bool {
    match rule {
        FaultRule::Never => false,
        FaultRule::AtFrame(k) => k == n,
        FaultRule::Probability(p) => {
            let r = splitmix(seed ^ kind.wrapping_mul(0x100_0000_01B3) ^ splitmix(n));
            (r as f64 / u64::MAX as f64) < p
        }
    }
}

/// A simulator run over one connection.
pub struct Runner<'t> {
    transport: Box<dyn Transport>,
    link: Box<dyn Link>,
    terminal: &'t mut Terminal,
    stop: Arc<AtomicBool>,
    log: Option<Logger>,
    inbox: VecDeque<Apdu>,
    buf: Vec<u8>,
    timers: LinkTimers,
    frames_sent: u64,
    commands: u64,
    /// NAK every frame from the ECR until the command ends (`refuse_final_ack`).
    nak_all: bool,
    /// End the run once the ECR has sent nothing for this long (TCP clients).
    idle_limit: Option<Duration>,
    /// When the ECR last sent a byte.
    last_input: Instant,
}

impl<'t> Runner<'t> {
    /// A run of `terminal` over `transport`.
    pub fn new(
        transport: Box<dyn Transport>,
        terminal: &'t mut Terminal,
        stop: Arc<AtomicBool>,
        log: Option<Logger>,
    ) -> Runner<'t> {
        let timers = LinkTimers::default();
        let link = transport.new_link(timers);
        Runner {
            transport,
            link,
            terminal,
            stop,
            log,
            inbox: VecDeque::new(),
            buf: vec![0; 4096],
            timers,
            frames_sent: 0,
            commands: 0,
            nak_all: false,
            idle_limit: None,
            last_input: Instant::now(),
        }
    }

    /// Ends the run (as [`RunEnd::Disconnected`]) when the ECR sends nothing for `limit`
    /// between commands: a TCP client that went silent, so the next one can be served.
    pub fn drop_when_silent(mut self, limit: Duration) -> Runner<'t> {
        self.idle_limit = Some(limit);
        self
    }

    fn faults(&self) -> &Faults {
        &self.terminal.config.fault
    }

    fn seed(&self) -> u64 {
        self.terminal.config.seed
    }

    fn log(&mut self, line: &str) {
        if let Some(l) = &self.log {
            l(line);
        }
    }

    /// Serves commands until stopped or disconnected.
    pub fn run(&mut self) -> RunEnd {
        loop {
            if self.stop.load(Ordering::Relaxed) {
                return RunEnd::Stopped;
            }
            let until = Instant::now() + IDLE_WAKE;
            match self.wait_apdu(until) {
                Ok(Some(apdu)) => {
                    if let Err(e) = self.command(apdu) {
                        return e;
                    }
                }
                Ok(None) => {
                    if self
                        .idle_limit
                        .is_some_and(|l| self.last_input.elapsed() >= l)
                    {
                        self.log("ECR silent too long: connection dropped");
                        return RunEnd::Disconnected;
                    }
                }
                Err(e) => return e,
            }
        }
    }

    fn command(&mut self, apdu: Apdu) -> Result<(), RunEnd> {
        // An acknowledgement that comes late (its message's script already ended) is no
        // command: it gets no answer, and nothing the ECR sends next is mistaken for one.
        if matches!(PtMessage::parse(&apdu), PtMessage::Ack | PtMessage::Nack(_)) {
            self.log(&format!("late acknowledgement ignored: {apdu}"));
            return Ok(());
        }
        self.commands += 1;
        let name = EcrCommand::parse(&apdu)
            .map(|c| c.name())
            .unwrap_or("unknown");
        self.log(&format!("ECR->PT {apdu}  [{name}]"));
        let (seed, n) = (self.seed(), self.commands);
        if fires(self.faults().silence_t3, seed, KIND_SILENCE_T3, n) {
            self.log("fault: silence_t3 (command left unanswered)");
            self.link.forget_delivered();
            return Ok(());
        }
        let silence_t4 = fires(self.faults().silence_t4, seed, KIND_SILENCE_T4, n);
        let f = self.faults().clone();
        let refuse_final_ack = fires(f.refuse_final_ack, seed, KIND_REFUSE_FINAL_ACK, n);
        let hang_up_after_commit = fires(
            f.disconnect_after_commit,
            seed,
            KIND_DISCONNECT_AFTER_COMMIT,
            n,
        );
        let mut script = self.terminal.handle(&apdu);
        self.inject_message_faults(&mut script.steps, n);
        self.inject_payment_faults(&mut script.steps, n);
        if matches!(
            EcrCommand::parse(&apdu),
            Ok(EcrCommand::RepeatReceipt { .. })
        ) {
            self.inject_repeat_faults(&mut script.steps, n);
        }
        let abortable = script.abortable;
        for step in script.steps {
            match step {
                Step::Send(a) => {
                    self.send(&a)?;
                    if silence_t4 {
                        self.log("fault: silence_t4 (no completion will follow)");
                        return self.wait_for_link();
                    }
                }
                Step::SendAwaitAck { apdu, on_ack } => {
                    self.send(&apdu)?;
                    match self.wait_apdu(Instant::now() + ECR_ACK_WAIT)? {
                        Some(a) if PtMessage::parse(&a) == PtMessage::Ack => {
                            self.terminal.apply(&on_ack);
                            // What the ECR's acknowledgement booked is kept at once, whatever
                            // ends the command later (a stop, a hang-up).
                            if on_ack != Effect::None {
                                self.save_state();
                            }
                            if matches!(on_ack, Effect::CommitPayment(_)) {
                                if hang_up_after_commit {
                                    self.log(
                                        "fault: hanging up right after the payment was booked",
                                    );
                                    self.save_state();
                                    return Err(RunEnd::HungUp);
                                }
                                if refuse_final_ack {
                                    self.log("fault: NAK for every frame until the command ends");
                                    self.nak_all = true;
                                }
                            }
                        }
                        Some(a) => {
                            // The ECR gave up on this exchange and sent something new: end
                            // the script and serve the new command next.
                            self.log(&format!("unexpected instead of 80 00 00: {a}"));
                            if EcrCommand::parse(&a).is_ok() {
                                self.inbox.push_front(a);
                            }
                            break;
                        }
                        None => {
                            self.log("no 80 00 00 from the ECR: command ended (an uncommitted payment is reversed by the terminal)");
                            break;
                        }
                    }
                }
                Step::Delay(d) => {
                    if self.delay(d, abortable)? {
                        break;
                    }
                }
                Step::SendAwaitAnswer { apdu, expect } => {
                    self.send(&apdu)?;
                    match self.wait_apdu(Instant::now() + ECR_ACK_WAIT)? {
                        Some(a) if a == expect => {}
                        Some(a) if EcrCommand::parse(&a).is_ok() => {
                            self.log(&format!("a new command instead of {expect}: {a}"));
                            self.inbox.push_front(a);
                            break;
                        }
                        // A wrong answer ends the command, as a terminal that waits for the
                        // right one would: the fault matrix then tells it from the right one.
                        Some(a) => {
                            self.log(&format!(
                                "ECR answered {a}, expected {expect}: command ended"
                            ));
                            break;
                        }
                        None => {
                            self.log(&format!(
                                "no answer from the ECR (expected {expect}): command ended"
                            ));
                            break;
                        }
                    }
                }
                Step::Flood => {
                    self.flood()?;
                    break;
                }
            }
        }
        self.nak_all = false;
        self.save_state();
        self.wait_for_link()
    }

    /// Payment faults: the status information with exotic BMPs, and no completion after the
    /// commit.
    fn inject_payment_faults(&mut self, steps: &mut Vec<Step>, n: u64) {
        let Some(at) = steps.iter().position(|s| {
            matches!(
                s,
                Step::SendAwaitAck {
                    on_ack: Effect::CommitPayment(_),
                    ..
                }
            )
        }) else {
            return;
        };
        let (seed, f) = (self.seed(), self.faults().clone());
        let mut inserts = vec![];
        if fires(f.exotic_bmps, seed, KIND_EXOTIC_BMPS, n) {
            let unknown = splitmix(seed ^ n) % 2 == 0;
            inserts.push(if unknown {
                Insert::UnknownBmp
            } else {
                Insert::Bmp92
            });
        }
        if fires(f.malformed_tlv, seed, KIND_MALFORMED_TLV, n) {
            inserts.push(Insert::BadTlv);
        }
        if fires(f.unknown_bmp, seed, KIND_UNKNOWN_BMP, n) {
            inserts.push(Insert::UnknownBmp);
        }
        if !inserts.is_empty() {
            for i in &inserts {
                self.log(&format!(
                    "fault: {} before the receipt number",
                    i.describe()
                ));
            }
            if let Step::SendAwaitAck { apdu, .. } = &mut steps[at] {
                *apdu = with_inserted(apdu, &inserts);
            }
        }
        if fires(f.lose_completion, seed, KIND_LOSE_COMPLETION, n) {
            self.log("fault: no print line and no completion after the booking");
            steps.truncate(at + 1);
        }
    }

    /// The Repeat Receipt fault: the repeated status information with a BMP of unknown length
    /// before the receipt number.
    fn inject_repeat_faults(&mut self, steps: &mut [Step], n: u64) {
        if !fires(
            self.faults().unknown_bmp_repeat,
            self.seed(),
            KIND_UNKNOWN_BMP_REPEAT,
            n,
        ) {
            return;
        }
        for step in steps.iter_mut() {
            if let Step::SendAwaitAck { apdu, .. } = step {
                if apdu.command() == words::STATUS_INFO {
                    *apdu = with_inserted(apdu, &[Insert::UnknownBmp]);
                    self.log("fault: a BMP of unknown length before the repeated receipt number");
                }
            }
        }
    }

    /// Adds the message-level faults that fire for command `n` to its script: they go in
    /// after the command's `80 00 00`, before the terminal-master messages.
    fn inject_message_faults(&mut self, steps: &mut Vec<Step>, n: u64) {
        let has_master = steps.iter().any(|s| matches!(s, Step::SendAwaitAck { .. }));
        if !has_master {
            return;
        }
        let at = steps
            .iter()
            .position(|s| matches!(s, Step::SendAwaitAck { .. }))
            .unwrap_or(steps.len());
        let (seed, f) = (self.seed(), self.faults().clone());
        let mut extra = vec![];
        if fires(f.vendor_message, seed, KIND_VENDOR, n) {
            self.log("fault: vendor message 0F A1 00");
            extra.push(Step::SendAwaitAnswer {
                apdu: Apdu::new(0x0F, 0xA1, vec![]),
                expect: Apdu::nack(crate::zvt::codes::ResultCode::UNKNOWN.0),
            });
        }
        if fires(f.malformed_status, seed, KIND_MALFORMED, n) {
            self.log("fault: status information unreadable from its first field");
            extra.push(Step::SendAwaitAnswer {
                apdu: Apdu::new(0x04, 0x0F, vec![0x22, 0xF1, 0x05]),
                expect: Apdu::nack(crate::zvt::codes::ResultCode::PROTOCOL_ERROR.0),
            });
        }
        if fires(f.timeout_zero, seed, KIND_TIMEOUT_ZERO, n) {
            self.log("fault: intermediate status with timeout byte 0");
            extra.push(Step::SendAwaitAck {
                apdu: Apdu::new(0x04, 0xFF, vec![0x0E, 0x00]),
                on_ack: Effect::None,
            });
        }
        if fires(f.status_flood, seed, KIND_FLOOD, n) {
            self.log("fault: status flood instead of a completion");
            steps.truncate(at);
            steps.push(Step::Flood);
        }
        steps.splice(at..at, extra);
    }

    /// Intermediate statuses every 100 ms until the ECR stops acknowledging them.
    fn flood(&mut self) -> Result<(), RunEnd> {
        let until = Instant::now() + FLOOD_LIMIT;
        while Instant::now() < until {
            self.send(&Apdu::new(0x04, 0xFF, vec![0x0E]))?;
            match self.wait_apdu(Instant::now() + ECR_ACK_WAIT)? {
                Some(a) if PtMessage::parse(&a) == PtMessage::Ack => {}
                other => {
                    self.log("the ECR stopped answering the flood");
                    // A new command from the ECR is served next.
                    if let Some(a) = other.filter(|a| EcrCommand::parse(a).is_ok()) {
                        self.inbox.push_front(a);
                    }
                    return Ok(());
                }
            }
            // The pause between statuses; a command that comes meanwhile ends the flood.
            if let Some(a) = self.wait_apdu(Instant::now() + Duration::from_millis(100))? {
                if EcrCommand::parse(&a).is_ok() {
                    self.inbox.push_front(a);
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// Waits out a delay; an ECR Abort during an abortable one ends the command with `06 1E 6C`
    /// (returns true).
    fn delay(&mut self, d: Duration, abortable: bool) -> Result<bool, RunEnd> {
        let until = Instant::now() + d;
        while let Some(a) = self.wait_apdu(until)? {
            if abortable && EcrCommand::parse(&a) == Ok(EcrCommand::Abort) {
                self.log("ECR->PT abort during the payment");
                self.send(&Apdu::ack())?;
                for step in self.terminal.aborted_by_ecr().steps {
                    if let Step::SendAwaitAck { apdu, .. } | Step::Send(apdu) = step {
                        self.send(&apdu)?;
                        let _ = self.wait_apdu(Instant::now() + ECR_ACK_WAIT)?;
                    }
                }
                return Ok(true);
            }
            self.log(&format!("ignored while busy: {a}"));
        }
        Ok(false)
    }

    fn send(&mut self, apdu: &Apdu) -> Result<(), RunEnd> {
        self.log(&format!("PT->ECR {apdu}  [{}]", describe(apdu)));
        self.link.send(apdu, Instant::now());
        self.flush()
    }

    /// Lets the link finish delivering (ACKs, resends) before the next command.
    fn wait_for_link(&mut self) -> Result<(), RunEnd> {
        while !self.link.is_idle() {
            let until = self
                .link
                .poll_timeout()
                .unwrap_or_else(|| Instant::now() + self.timers.t2);
            self.service(until)?;
        }
        Ok(())
    }

    fn wait_apdu(&mut self, until: Instant) -> Result<Option<Apdu>, RunEnd> {
        loop {
            if let Some(a) = self.inbox.pop_front() {
                return Ok(Some(a));
            }
            if Instant::now() >= until {
                return Ok(None);
            }
            self.service(until)?;
        }
    }

    /// One turn: read until input or a deadline, feed the link, let timers fire, write.
    fn service(&mut self, until: Instant) -> Result<(), RunEnd> {
        // Stopping ends a run at once, also in the middle of a command's script.
        if self.stop.load(Ordering::Relaxed) {
            return Err(RunEnd::Stopped);
        }
        // Wake at least every IDLE_WAKE to see the stop flag.
        let wake = Instant::now() + IDLE_WAKE;
        let deadline = self
            .link
            .poll_timeout()
            .map_or(until, |t| t.min(until))
            .min(wake);
        let n = match self.transport.read_until(&mut self.buf, deadline) {
            Ok(n) => n,
            Err(e) if is_disconnect(&e) => return Err(RunEnd::Disconnected),
            Err(e) => {
                self.log(&format!("read error: {e}"));
                return Err(RunEnd::Disconnected);
            }
        };
        let now = Instant::now();
        if n > 0 {
            self.last_input = now;
            self.arm_rx_faults();
            let bytes = self.buf[..n].to_vec();
            self.link.handle_input(&bytes, now);
        }
        self.link.handle_timeout(now);
        while let Some(ev) = self.link.poll_event() {
            match ev {
                LinkEvent::Received(a) => self.inbox.push_back(a),
                LinkEvent::Undecodable(raw) => {
                    self.log(&format!("undecodable frame {}", hex_spaced(&raw)))
                }
                LinkEvent::Delivered => {}
                LinkEvent::Failed(f) => self.log(&format!("link failure: {f:?}")),
            }
        }
        self.flush()
    }

    /// Decides the faults for the next frame to arrive.
    fn arm_rx_faults(&mut self) {
        let next = self.link.stats().frames_received + 1;
        if self.nak_all {
            self.link.inject(LinkFault::NakNextFrame);
        }
        let (seed, f) = (self.seed(), self.faults().clone());
        if fires(f.nak, seed, KIND_NAK, next) {
            self.log(&format!("fault: NAK for received frame {next}"));
            self.link.inject(LinkFault::NakNextFrame);
        }
        if fires(f.drop_ack, seed, KIND_DROP_ACK, next) {
            self.link.inject(LinkFault::DropNextAck);
        }
        if fires(f.lose_frame, seed, KIND_LOSE_FRAME, next) {
            self.log(&format!("fault: received frame {next} lost on the line"));
            self.link.inject(LinkFault::LoseNextFrame);
        }
    }

    fn flush(&mut self) -> Result<(), RunEnd> {
        while let Some(bytes) = self.link.poll_transmit() {
            let is_frame = bytes.starts_with(&[frame::DLE, frame::STX]);
            if is_frame {
                self.frames_sent += 1;
                let limit = self.faults().disconnect_after;
                if limit > 0 && self.frames_sent > limit {
                    self.log("fault: disconnect_after (hanging up)");
                    return Err(RunEnd::HungUp);
                }
                self.write_frame(bytes)?;
            } else {
                self.write(&bytes)?;
            }
        }
        Ok(())
    }

    fn write_frame(&mut self, mut bytes: Vec<u8>) -> Result<(), RunEnd> {
        let (seed, n, f) = (self.seed(), self.frames_sent, self.faults().clone());
        if fires(f.garbage, seed, KIND_GARBAGE, n) {
            self.log("fault: garbage before the frame");
            // Noise that cannot be mistaken for DLE, ACK or NAK.
            let noise: Vec<u8> = (0..5)
                .map(|i| 0x41 + ((splitmix(seed ^ n ^ i) % 20) as u8))
                .collect();
            self.write(&noise)?;
        }
        if fires(f.bad_crc, seed, KIND_BAD_CRC, n) {
            self.log("fault: bad CRC");
            if let Some(last) = bytes.last_mut() {
                *last ^= 0x5A;
            }
        }
        if fires(f.gap, seed, KIND_GAP, n) && bytes.len() > 4 {
            self.log("fault: byte gap beyond T1");
            let mid = bytes.len() / 2;
            self.write(&bytes[..mid])?;
            std::thread::sleep(self.timers.t1 + Duration::from_millis(100));
            return self.write(&bytes[mid..]);
        }
        self.write(&bytes)
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), RunEnd> {
        let result = if self.terminal.config.baud_pacing {
            bytes.iter().try_for_each(|b| {
                let r = self.transport.write_all(&[*b]);
                std::thread::sleep(BYTE_TIME_9600);
                r
            })
        } else {
            self.transport.write_all(bytes)
        };
        result.map_err(|_| RunEnd::Disconnected)
    }

    fn save_state(&mut self) {
        let Some(path) = self.terminal.config.state_file.clone() else {
            return;
        };
        // Refuses to replace a file that is not simulator state.
        match super::state_file::write(&path, &self.terminal.state) {
            Ok(()) => self.terminal.save_failure = None,
            Err(e) => {
                self.log(&format!("cannot save state: {e}"));
                tracing::warn!(error = %e, "the simulator's state file was not saved");
                self.terminal.save_failure = Some(std::sync::Arc::new(e));
            }
        }
    }
}

/// What a fault puts into a status information before its receipt number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Insert {
    /// BMP 92 (LLLVAR): posbind has no use for it but can read past it.
    Bmp92,
    /// A BMP of unknown length: reading ends there.
    UnknownBmp,
    /// A TLV container whose object claims more bytes than the container holds: it is
    /// dropped and reading goes on.
    BadTlv,
}

impl Insert {
    fn describe(self) -> &'static str {
        match self {
            Insert::Bmp92 => "BMP 92",
            Insert::UnknownBmp => "a BMP of unknown length",
            Insert::BadTlv => "a TLV container that cannot be read",
        }
    }

    fn bytes(self) -> Vec<u8> {
        match self {
            Insert::Bmp92 => Writer::new()
                .lllvar(0x92, b"ec-cash additional data")
                .finish(),
            Insert::UnknownBmp => vec![UNKNOWN_BMP, 0x01, 0x02, 0x03],
            // 06, 5 bytes: tag 1F17 (error text) claiming 9 bytes, 2 there.
            Insert::BadTlv => vec![n::TLV, 0x05, 0x1F, 0x17, 0x09, b'O', b'K'],
        }
    }
}

/// The status information `apdu` with `inserts` put before the receipt number, in order (the
/// ones that end reading last, so that the others are still read).
fn with_inserted(apdu: &Apdu, inserts: &[Insert]) -> Apdu {
    let PtMessage::StatusInfo(b) = PtMessage::parse(apdu) else {
        return apdu.clone();
    };
    let cut = b
        .fields
        .iter()
        .position(|f| matches!(f, Bmp::Field { number, .. } if *number == n::RECEIPT))
        .unwrap_or(b.fields.len());
    let (before, after) = b.fields.split_at(cut);
    let encode = |fields: &[Bmp]| {
        PtMessage::StatusInfo(Bmps {
            fields: fields.to_vec(),
            ..Bmps::default()
        })
        .to_apdu()
        .data
    };
    let mut data = encode(before);
    let mut ordered = inserts.to_vec();
    ordered.sort_by_key(|i| *i == Insert::UnknownBmp);
    ordered.dedup();
    for i in ordered {
        data.extend(i.bytes());
    }
    data.extend(encode(after));
    data.extend(&b.unparsed);
    Apdu::new(0x04, 0x0F, data)
}

fn describe(apdu: &Apdu) -> &'static str {
    match PtMessage::parse(apdu) {
        PtMessage::Ack => "ack",
        PtMessage::Nack(_) => "negative ack",
        PtMessage::Intermediate { .. } => "intermediate status",
        PtMessage::StatusInfo(_) => "status information",
        PtMessage::Print(_) => "print line",
        PtMessage::Completion(_) => "completion",
        PtMessage::Abort { .. } => "abort",
        PtMessage::Malformed(_) => "malformed",
        PtMessage::Unknown(_) => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zvt::messages::PaymentInfo;

    fn info() -> Apdu {
        let data = Writer::new()
            .byte(n::RESULT_CODE, 0)
            .bcd(n::TRACE, 5, 3)
            .bcd(n::RECEIPT, 7, 2)
            .bcd(n::CURRENCY, 156, 2)
            .finish();
        Apdu::new(0x04, 0x0F, data)
    }

    fn read(apdu: &Apdu) -> PaymentInfo {
        match PtMessage::parse(apdu) {
            PtMessage::StatusInfo(b) => PaymentInfo::from_bmps(&b),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn inserted_fields_go_before_the_receipt_number() {
        let p = read(&with_inserted(&info(), &[Insert::UnknownBmp]));
        assert_eq!(
            (p.result.map(|c| c.0), p.trace, p.receipt),
            (Some(0), Some(5), None)
        );
        assert!(p.unread);
        let p = read(&with_inserted(&info(), &[Insert::BadTlv]));
        assert_eq!((p.trace, p.receipt), (Some(5), Some(7)));
        assert!(p.unread);
        let p = read(&with_inserted(&info(), &[Insert::Bmp92]));
        assert_eq!(p.receipt, Some(7));
        assert!(!p.unread);
        // Both: the container is still dropped before reading ends at the unknown BMP.
        let both = with_inserted(&info(), &[Insert::UnknownBmp, Insert::BadTlv]);
        let PtMessage::StatusInfo(b) = PtMessage::parse(&both) else {
            panic!()
        };
        assert_eq!(b.dropped.len(), 1);
        assert_eq!(b.unparsed.first(), Some(&UNKNOWN_BMP));
    }

    #[test]
    fn faults_are_a_function_of_the_seed() {
        let rule = FaultRule::Probability(0.3);
        let a: Vec<bool> = (1..200).map(|n| fires(rule, 7, KIND_NAK, n)).collect();
        let b: Vec<bool> = (1..200).map(|n| fires(rule, 7, KIND_NAK, n)).collect();
        let c: Vec<bool> = (1..200).map(|n| fires(rule, 8, KIND_NAK, n)).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        let hits = a.iter().filter(|x| **x).count();
        assert!((30..90).contains(&hits), "about 30% of 199: {hits}");
        assert!(fires(FaultRule::AtFrame(3), 0, KIND_GAP, 3));
        assert!(!fires(FaultRule::AtFrame(3), 0, KIND_GAP, 4));
        assert!(!fires(FaultRule::Never, 0, KIND_GAP, 1));
    }
}
