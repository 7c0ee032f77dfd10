//! The link layer as sans-IO state machines, one per transport, for either role (ECR or PT).
//!
//! Callers feed received bytes and the current [`Instant`] in, and poll bytes to write, events
//! and the next deadline out — the shape of quinn-proto's `Connection`. No clock is read and no
//! port is touched here, so every timer rule is tested with fake time.
//!
//! Serial ([`SerialLink`]): frames with CRC; every received frame is answered at once with a raw
//! ACK (good) or NAK (bad); a gap of more than T1 inside a frame is answered with NAK; a sent frame
//! without ACK after T2, or NAKed, is sent again, at most twice, then the link reports failure.
//! TCP ([`StreamLink`]): bare APDUs on a byte stream, split by their length fields.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::apdu::Apdu;
use super::frame::{self, Decoded, Decoder};

/// Serial link timers (ZVT defaults: T1 200 ms, T2 5 s, two resends).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkTimers {
    /// Longest gap between two bytes of one frame.
    pub t1: Duration,
    /// How long to wait for ACK/NAK after sending a frame.
    pub t2: Duration,
    /// How many times a frame is sent again after NAK or T2 (the spec says 2).
    pub max_resends: u8,
}

impl Default for LinkTimers {
    fn default() -> Self {
        LinkTimers {
            t1: Duration::from_millis(200),
            t2: Duration::from_secs(5),
            max_resends: 2,
        }
    }
}

/// Why the link gave up on a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkFailure {
    /// The peer answered NAK to every attempt.
    Nak {
        /// Attempts made.
        attempts: u8,
    },
    /// No ACK/NAK within T2, every attempt.
    NoAck {
        /// Attempts made.
        attempts: u8,
    },
}

/// What the link layer reports upwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkEvent {
    /// An APDU arrived (already acknowledged on the link).
    Received(Apdu),
    /// A well-framed message whose APDU does not decode (raw bytes kept for the log).
    Undecodable(Vec<u8>),
    /// The peer acknowledged our frame.
    Delivered,
    /// Our frame could not be delivered; the send queue was dropped.
    Failed(LinkFailure),
}

/// Faults a simulated terminal injects into its own link (never used by the ECR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkFault {
    /// Answer the next good frame with NAK and discard it.
    NakNextFrame,
    /// Accept the next good frame but "lose" its ACK on the line.
    DropNextAck,
    /// Lose the next good frame on the line: no ACK, no NAK, not delivered.
    LoseNextFrame,
}

/// Counters for logs and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Frames sent for the first time.
    pub frames_sent: u64,
    /// Well-formed frames received (including NAKed and duplicate ones).
    pub frames_received: u64,
    /// Frames sent again.
    pub resends: u64,
    /// NAKs we sent.
    pub naks_sent: u64,
    /// Bad frames received.
    pub bad_frames: u64,
    /// Duplicate frames received (a resend whose first copy we had already delivered).
    pub duplicates: u64,
}

/// The operations every link offers.
pub trait Link: Send {
    /// Queues an APDU for sending.
    fn send(&mut self, apdu: &Apdu, now: Instant);
    /// Feeds received bytes.
    fn handle_input(&mut self, bytes: &[u8], now: Instant);
    /// Lets timers fire; call when [`Link::poll_timeout`] has passed.
    fn handle_timeout(&mut self, now: Instant);
    /// Bytes to write to the transport.
    fn poll_transmit(&mut self) -> Option<Vec<u8>>;
    /// The next event.
    fn poll_event(&mut self) -> Option<LinkEvent>;
    /// The next deadline, if a timer runs.
    fn poll_timeout(&self) -> Option<Instant>;
    /// Nothing queued, nothing in flight, nothing to write.
    fn is_idle(&self) -> bool;
    /// Gives up what is queued and in flight: the ECR abandoned a command the peer never
    /// acknowledged (it stopped reading), so its resends must not hold up the next one.
    fn abandon(&mut self) {}
    /// Injects a fault (simulator only; links without faults ignore it).
    fn inject(&mut self, _fault: LinkFault) {}
    /// Forgets the last delivered frame, so that an identical frame that comes next is a new
    /// message, not a resend. The terminal side calls it when it abandons a command it got
    /// (it went silent): the ECR's next, identical command must be served.
    fn forget_delivered(&mut self) {}
    /// Counters.
    fn stats(&self) -> LinkStats {
        LinkStats::default()
    }
}

#[derive(Debug, Clone)]
struct Pending {
    frame: Vec<u8>,
    attempts: u8,
    deadline: Instant,
}

/// The serial link (framing, CRC, ACK/NAK, T1/T2, resends).
#[derive(Debug)]
pub struct SerialLink {
    timers: LinkTimers,
    decoder: Decoder,
    queue: VecDeque<Vec<u8>>,
    pending: Option<Pending>,
    transmit: VecDeque<Vec<u8>>,
    events: VecDeque<LinkEvent>,
    last_byte: Option<Instant>,
    last_delivered: Option<Vec<u8>>,
    sent_since_delivery: bool,
    nak_next: bool,
    drop_next_ack: bool,
    lose_next: bool,
    stats: LinkStats,
}

impl SerialLink {
    /// A link with these timers.
    pub fn new(timers: LinkTimers) -> SerialLink {
        SerialLink {
            timers,
            decoder: Decoder::new(),
            queue: VecDeque::new(),
            pending: None,
            transmit: VecDeque::new(),
            events: VecDeque::new(),
            last_byte: None,
            last_delivered: None,
            sent_since_delivery: false,
            nak_next: false,
            drop_next_ack: false,
            lose_next: false,
            stats: LinkStats::default(),
        }
    }

    fn pump(&mut self, now: Instant) {
        if self.pending.is_some() {
            return;
        }
        if let Some(apdu) = self.queue.pop_front() {
            let frame = frame::encode(&apdu);
            self.transmit.push_back(frame.clone());
            self.stats.frames_sent += 1;
            self.sent_since_delivery = true;
            self.pending = Some(Pending {
                frame,
                attempts: 1,
                deadline: now + self.timers.t2,
            });
        }
    }

    fn retry_or_fail(&mut self, nak: bool, now: Instant) {
        let Some(mut p) = self.pending.take() else {
            return;
        };
        if p.attempts <= self.timers.max_resends {
            p.attempts += 1;
            p.deadline = now + self.timers.t2;
            self.transmit.push_back(p.frame.clone());
            self.stats.resends += 1;
            self.pending = Some(p);
        } else {
            let attempts = p.attempts;
            self.queue.clear();
            self.events.push_back(LinkEvent::Failed(if nak {
                LinkFailure::Nak { attempts }
            } else {
                LinkFailure::NoAck { attempts }
            }));
        }
    }

    fn nak(&mut self) {
        self.transmit.push_back(vec![frame::NAK]);
        self.stats.naks_sent += 1;
    }

    fn on_frame(&mut self, apdu: Vec<u8>) {
        self.stats.frames_received += 1;
        if std::mem::take(&mut self.lose_next) {
            return;
        }
        if std::mem::take(&mut self.nak_next) {
            self.nak();
            return;
        }
        if !std::mem::take(&mut self.drop_next_ack) {
            self.transmit.push_back(vec![frame::ACK]);
        }
        // The peer only answers what it received: a frame while we wait for ACK means our
        // frame arrived and its ACK was lost on the line.
        if self.pending.take().is_some() {
            self.events.push_back(LinkEvent::Delivered);
        }
        if !self.sent_since_delivery && self.last_delivered.as_deref() == Some(apdu.as_slice()) {
            self.stats.duplicates += 1;
            return;
        }
        self.sent_since_delivery = false;
        self.events.push_back(match Apdu::decode(&apdu) {
            Ok(a) => LinkEvent::Received(a),
            Err(_) => LinkEvent::Undecodable(apdu.clone()),
        });
        self.last_delivered = Some(apdu);
    }
}

impl Link for SerialLink {
    fn send(&mut self, apdu: &Apdu, now: Instant) {
        self.queue.push_back(apdu.encode());
        self.pump(now);
    }

    fn abandon(&mut self) {
        self.pending = None;
        self.queue.clear();
        self.transmit.clear();
    }

    fn handle_input(&mut self, bytes: &[u8], now: Instant) {
        for &b in bytes {
            match self.decoder.push(b) {
                None => {}
                Some(Decoded::Frame(apdu)) => self.on_frame(apdu),
                Some(Decoded::Bad(_)) => {
                    self.stats.bad_frames += 1;
                    self.nak();
                }
                Some(Decoded::Ack) if self.pending.take().is_some() => {
                    self.events.push_back(LinkEvent::Delivered);
                }
                Some(Decoded::Nak) if self.pending.is_some() => self.retry_or_fail(true, now),
                // ACK/NAK with nothing in flight: line noise.
                Some(Decoded::Ack | Decoded::Nak) => {}
            }
        }
        if !bytes.is_empty() {
            self.last_byte = Some(now);
        }
        self.pump(now);
    }

    fn handle_timeout(&mut self, now: Instant) {
        if self.decoder.in_frame() && self.last_byte.is_some_and(|t| now >= t + self.timers.t1) {
            self.decoder.reset();
            self.nak();
        }
        if self.pending.as_ref().is_some_and(|p| now >= p.deadline) {
            self.retry_or_fail(false, now);
        }
        self.pump(now);
    }

    fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.transmit.pop_front()
    }

    fn poll_event(&mut self) -> Option<LinkEvent> {
        self.events.pop_front()
    }

    fn poll_timeout(&self) -> Option<Instant> {
        let t1 = if self.decoder.in_frame() {
            self.last_byte.map(|t| t + self.timers.t1)
        } else {
            None
        };
        let t2 = self.pending.as_ref().map(|p| p.deadline);
        match (t1, t2) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn is_idle(&self) -> bool {
        self.pending.is_none() && self.queue.is_empty() && self.transmit.is_empty()
    }

    fn forget_delivered(&mut self) {
        self.last_delivered = None;
    }

    fn inject(&mut self, fault: LinkFault) {
        match fault {
            LinkFault::NakNextFrame => self.nak_next = true,
            LinkFault::DropNextAck => self.drop_next_ack = true,
            LinkFault::LoseNextFrame => self.lose_next = true,
        }
    }

    fn stats(&self) -> LinkStats {
        self.stats
    }
}

/// The TCP link: bare APDUs, split from the stream by their length fields.
#[derive(Debug, Default)]
pub struct StreamLink {
    buf: Vec<u8>,
    transmit: VecDeque<Vec<u8>>,
    events: VecDeque<LinkEvent>,
}

impl StreamLink {
    /// An empty stream link.
    pub fn new() -> StreamLink {
        StreamLink::default()
    }
}

impl Link for StreamLink {
    /// A stream has no transport acknowledgement: an APDU counts as delivered when it is sent
    /// (that is where T3 starts on TCP).
    fn send(&mut self, apdu: &Apdu, _now: Instant) {
        self.transmit.push_back(apdu.encode());
        self.events.push_back(LinkEvent::Delivered);
    }

    fn handle_input(&mut self, bytes: &[u8], _now: Instant) {
        self.buf.extend_from_slice(bytes);
        while let Some((apdu, used)) = Apdu::decode_prefix(&self.buf) {
            self.buf.drain(..used);
            self.events.push_back(LinkEvent::Received(apdu));
        }
    }

    fn handle_timeout(&mut self, _now: Instant) {}

    fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.transmit.pop_front()
    }

    fn poll_event(&mut self) -> Option<LinkEvent> {
        self.events.pop_front()
    }

    fn poll_timeout(&self) -> Option<Instant> {
        None
    }

    fn is_idle(&self) -> bool {
        self.transmit.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zvt::frame::{ACK, NAK};

    fn t0() -> Instant {
        Instant::now()
    }

    fn drain(link: &mut impl Link) -> Vec<Vec<u8>> {
        std::iter::from_fn(|| link.poll_transmit()).collect()
    }

    fn events(link: &mut impl Link) -> Vec<LinkEvent> {
        std::iter::from_fn(|| link.poll_event()).collect()
    }

    #[test]
    fn a_frame_is_acked_and_delivered() {
        let now = t0();
        let mut l = SerialLink::new(LinkTimers::default());
        l.handle_input(&frame::encode(&[0x80, 0, 0]), now);
        assert_eq!(drain(&mut l), vec![vec![ACK]]);
        assert_eq!(events(&mut l), vec![LinkEvent::Received(Apdu::ack())]);
    }

    #[test]
    fn nak_makes_the_sender_repeat_then_ack_delivers() {
        let now = t0();
        let mut l = SerialLink::new(LinkTimers::default());
        l.send(&Apdu::ack(), now);
        let first = drain(&mut l);
        l.handle_input(&[NAK], now);
        assert_eq!(drain(&mut l), first, "the same frame again");
        l.handle_input(&[ACK], now);
        assert_eq!(events(&mut l), vec![LinkEvent::Delivered]);
        assert!(l.is_idle());
    }

    #[test]
    fn lost_ack_resends_after_t2_and_three_failures_give_up() {
        let timers = LinkTimers::default();
        let now = t0();
        let mut l = SerialLink::new(timers);
        l.send(&Apdu::ack(), now);
        assert_eq!(drain(&mut l).len(), 1);
        assert_eq!(l.poll_timeout(), Some(now + timers.t2));
        // Just before T2 nothing happens.
        l.handle_timeout(now + timers.t2 - Duration::from_millis(1));
        assert!(drain(&mut l).is_empty());
        let t = now + timers.t2;
        l.handle_timeout(t);
        assert_eq!(drain(&mut l).len(), 1, "second attempt");
        l.handle_timeout(t + timers.t2);
        assert_eq!(drain(&mut l).len(), 1, "third attempt");
        l.handle_timeout(t + timers.t2 * 2);
        assert!(drain(&mut l).is_empty());
        assert_eq!(
            events(&mut l),
            vec![LinkEvent::Failed(LinkFailure::NoAck { attempts: 3 })]
        );
        assert_eq!(l.stats().resends, 2);
    }

    #[test]
    fn three_naks_give_up() {
        let now = t0();
        let mut l = SerialLink::new(LinkTimers::default());
        l.send(&Apdu::ack(), now);
        for _ in 0..3 {
            l.handle_input(&[NAK], now);
        }
        assert_eq!(drain(&mut l).len(), 3);
        assert_eq!(
            events(&mut l),
            vec![LinkEvent::Failed(LinkFailure::Nak { attempts: 3 })]
        );
    }

    #[test]
    fn a_gap_longer_than_t1_inside_a_frame_is_naked() {
        let timers = LinkTimers::default();
        let now = t0();
        let mut l = SerialLink::new(timers);
        let wire = frame::encode(&[0x80, 0, 0]);
        l.handle_input(&wire[..4], now);
        assert_eq!(l.poll_timeout(), Some(now + timers.t1));
        l.handle_timeout(now + timers.t1);
        assert_eq!(drain(&mut l), vec![vec![NAK]]);
        // The rest of the old frame is noise; a whole new frame is fine.
        l.handle_input(&wire[4..], now + timers.t1);
        l.handle_input(&wire, now + timers.t1);
        assert_eq!(events(&mut l), vec![LinkEvent::Received(Apdu::ack())]);
    }

    #[test]
    fn garbage_before_a_frame_is_skipped() {
        let now = t0();
        let mut l = SerialLink::new(LinkTimers::default());
        let mut wire = vec![0xAA, 0x55, 0x00];
        wire.extend(frame::encode(&[0x05, 0x01, 0x00]));
        l.handle_input(&wire, now);
        assert_eq!(
            events(&mut l),
            vec![LinkEvent::Received(Apdu::new(5, 1, vec![]))]
        );
    }

    #[test]
    fn a_crc_containing_dle_is_not_stuffed_and_decodes() {
        let now = t0();
        let mut l = SerialLink::new(LinkTimers::default());
        let wire = frame::encode(&[0x05, 0x01, 0x00]);
        assert_eq!(&wire[wire.len() - 2..], &[0x10, 0x06]);
        l.handle_input(&wire, now);
        assert_eq!(drain(&mut l), vec![vec![ACK]]);
        assert_eq!(events(&mut l).len(), 1);
    }

    #[test]
    fn bad_crc_is_naked_and_not_delivered() {
        let now = t0();
        let mut l = SerialLink::new(LinkTimers::default());
        let mut wire = frame::encode(&[0x80, 0, 0]);
        wire[3] ^= 1;
        l.handle_input(&wire, now);
        assert_eq!(drain(&mut l), vec![vec![NAK]]);
        assert!(events(&mut l).is_empty());
    }

    #[test]
    fn a_reply_while_waiting_for_ack_counts_as_the_ack() {
        let now = t0();
        let mut l = SerialLink::new(LinkTimers::default());
        l.send(&Apdu::new(0x06, 0x70, vec![]), now);
        drain(&mut l);
        l.handle_input(&frame::encode(&[0x80, 0, 0]), now);
        assert_eq!(
            events(&mut l),
            vec![LinkEvent::Delivered, LinkEvent::Received(Apdu::ack())]
        );
        assert!(l.poll_timeout().is_none());
    }

    #[test]
    fn a_resent_frame_is_acked_again_but_delivered_once() {
        let now = t0();
        let mut l = SerialLink::new(LinkTimers::default());
        let wire = frame::encode(&[0x06, 0x70, 0x00]);
        l.handle_input(&wire, now);
        l.handle_input(&wire, now);
        assert_eq!(drain(&mut l), vec![vec![ACK], vec![ACK]]);
        assert_eq!(events(&mut l).len(), 1);
        assert_eq!(l.stats().duplicates, 1);
    }

    #[test]
    fn injected_faults_nak_or_swallow_the_ack() {
        let now = t0();
        let mut l = SerialLink::new(LinkTimers::default());
        l.inject(LinkFault::NakNextFrame);
        l.handle_input(&frame::encode(&[0x80, 0, 0]), now);
        assert_eq!(drain(&mut l), vec![vec![NAK]]);
        assert!(events(&mut l).is_empty());
        l.inject(LinkFault::DropNextAck);
        l.handle_input(&frame::encode(&[0x80, 0, 0]), now);
        assert!(drain(&mut l).is_empty());
        assert_eq!(events(&mut l).len(), 1);
    }

    #[test]
    fn stream_link_splits_fragmented_apdus() {
        let now = t0();
        let mut l = StreamLink::new();
        let mut bytes = Apdu::ack().encode();
        bytes.extend(Apdu::new(0x06, 0x0F, vec![1, 2, 3]).encode());
        for chunk in bytes.chunks(2) {
            l.handle_input(chunk, now);
        }
        assert_eq!(
            events(&mut l),
            vec![
                LinkEvent::Received(Apdu::ack()),
                LinkEvent::Received(Apdu::new(0x06, 0x0F, vec![1, 2, 3]))
            ]
        );
    }
}
