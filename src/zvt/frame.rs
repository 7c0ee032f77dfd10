//! Serial framing: `DLE STX` · APDU with every `DLE` doubled · `DLE ETX` · CRC low · CRC high.
//! The CRC is CRC-16/KERMIT over the unstuffed APDU plus the ETX byte, and is not stuffed.
//! The decoder is a byte-at-a-time state machine, so end of frame is never guessed.

use crc::{Crc, CRC_16_KERMIT};

/// Data link escape.
pub const DLE: u8 = 0x10;
/// Start of text.
pub const STX: u8 = 0x02;
/// End of text.
pub const ETX: u8 = 0x03;
/// Positive link acknowledgement (a raw byte, never framed).
pub const ACK: u8 = 0x06;
/// Negative link acknowledgement (a raw byte, never framed).
pub const NAK: u8 = 0x15;

/// Longest APDU a frame may carry (header + 16-bit length + data).
pub const MAX_FRAME_PAYLOAD: usize = 5 + 0xFFFF;

const KERMIT: Crc<u16> = Crc::<u16>::new(&CRC_16_KERMIT);

/// CRC-16/KERMIT of `apdu` followed by ETX.
pub fn crc(apdu: &[u8]) -> u16 {
    let mut d = KERMIT.digest();
    d.update(apdu);
    d.update(&[ETX]);
    d.finalize()
}

/// Frames an encoded APDU for the serial line.
pub fn encode(apdu: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(apdu.len() + 8);
    out.extend_from_slice(&[DLE, STX]);
    for &b in apdu {
        out.push(b);
        if b == DLE {
            out.push(DLE);
        }
    }
    out.extend_from_slice(&[DLE, ETX]);
    out.extend_from_slice(&crc(apdu).to_le_bytes());
    out
}

/// Why a frame was refused (and NAKed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameError {
    /// The CRC did not match.
    BadCrc,
    /// `DLE` followed by something other than `DLE` or `ETX` inside a frame.
    BadEscape,
    /// The frame is longer than any APDU can be.
    TooLong,
}

/// What the decoder saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// A whole frame with a good CRC: the unstuffed APDU bytes.
    Frame(Vec<u8>),
    /// A frame that must be NAKed.
    Bad(FrameError),
    /// A raw ACK byte outside a frame.
    Ack,
    /// A raw NAK byte outside a frame.
    Nak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    IdleDle,
    Body,
    BodyDle,
    CrcLow,
    CrcHigh(u8),
}

/// Incremental frame decoder.
#[derive(Debug, Clone)]
pub struct Decoder {
    state: State,
    buf: Vec<u8>,
    stray: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder {
            state: State::Idle,
            buf: Vec::new(),
            stray: 0,
        }
    }
}

impl Decoder {
    /// A decoder waiting for `DLE STX`.
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Whether a frame has started and is not finished (the T1 inter-byte timer runs).
    pub fn in_frame(&self) -> bool {
        !matches!(self.state, State::Idle | State::IdleDle)
    }

    /// Bytes skipped outside frames so far (line noise).
    pub fn stray_bytes(&self) -> usize {
        self.stray
    }

    /// Drops a partial frame (after a T1 timeout).
    pub fn reset(&mut self) {
        self.state = State::Idle;
        self.buf.clear();
    }

    /// Feeds one byte.
    pub fn push(&mut self, b: u8) -> Option<Decoded> {
        match self.state {
            State::Idle => match b {
                DLE => self.state = State::IdleDle,
                ACK => return Some(Decoded::Ack),
                NAK => return Some(Decoded::Nak),
                _ => self.stray += 1,
            },
            State::IdleDle => match b {
                STX => {
                    self.buf.clear();
                    self.state = State::Body;
                }
                DLE => self.stray += 1,
                _ => {
                    self.stray += 2;
                    self.state = State::Idle;
                }
            },
            State::Body => {
                if b == DLE {
                    self.state = State::BodyDle;
                } else {
                    return self.body_byte(b);
                }
            }
            State::BodyDle => match b {
                DLE => {
                    self.state = State::Body;
                    return self.body_byte(DLE);
                }
                ETX => self.state = State::CrcLow,
                _ => return self.fail(FrameError::BadEscape),
            },
            State::CrcLow => self.state = State::CrcHigh(b),
            State::CrcHigh(low) => {
                self.state = State::Idle;
                let got = u16::from_le_bytes([low, b]);
                let apdu = std::mem::take(&mut self.buf);
                return Some(if got == crc(&apdu) {
                    Decoded::Frame(apdu)
                } else {
                    Decoded::Bad(FrameError::BadCrc)
                });
            }
        }
        None
    }

    fn body_byte(&mut self, b: u8) -> Option<Decoded> {
        if self.buf.len() >= MAX_FRAME_PAYLOAD {
            return self.fail(FrameError::TooLong);
        }
        self.buf.push(b);
        None
    }

    fn fail(&mut self, e: FrameError) -> Option<Decoded> {
        self.reset();
        Some(Decoded::Bad(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zvt::bcd::parse_hex;

    fn h(s: &str) -> Vec<u8> {
        parse_hex(s).unwrap()
    }

    /// The golden frames of the ZVT notes (§6): APDU → wire bytes.
    pub const GOLDEN: &[(&str, &str)] = &[
        ("80 00 00", "10 02 80 00 00 10 03 F5 1F"),
        ("05 01 03 12 34 56", "10 02 05 01 03 12 34 56 10 03 E0 43"),
        (
            "06 01 07 04 00 00 00 00 01 90",
            "10 02 06 01 07 04 00 00 00 00 01 90 10 03 76 57",
        ),
        (
            "06 00 06 12 34 56 DE 09 78",
            "10 02 06 00 06 12 34 56 DE 09 78 10 03 2C 28",
        ),
        (
            "05 01 05 00 00 00 03 04",
            "10 02 05 01 05 00 00 00 03 04 10 03 9B B9",
        ),
        (
            "06 1B 08 00 00 00 29 12 34 56 78",
            "10 02 06 1B 08 00 00 00 29 12 34 56 78 10 03 D8 38",
        ),
        ("06 93 03 00 00 00", "10 02 06 93 03 00 00 00 10 03 F5 3C"),
        (
            "06 30 06 00 00 00 87 00 01",
            "10 02 06 30 06 00 00 00 87 00 01 10 03 C2 AC",
        ),
        ("06 50 03 00 00 00", "10 02 06 50 03 00 00 00 10 03 FB 37"),
        (
            "06 01 07 04 00 00 00 00 10 10",
            "10 02 06 01 07 04 00 00 00 00 10 10 10 10 10 03 F3 04",
        ),
        ("05 01 00", "10 02 05 01 00 10 03 10 06"),
    ];

    #[test]
    fn crc_check_value_is_kermit() {
        assert_eq!(KERMIT.checksum(b"123456789"), 0x2189);
    }

    #[test]
    fn golden_frames_encode_and_decode_byte_exactly() {
        for (apdu, wire) in GOLDEN {
            let (apdu, wire) = (h(apdu), h(wire));
            assert_eq!(encode(&apdu), wire, "encoding {apdu:02X?}");
            let mut d = Decoder::new();
            let out: Vec<_> = wire.iter().filter_map(|b| d.push(*b)).collect();
            assert_eq!(
                out,
                vec![Decoded::Frame(apdu.clone())],
                "decoding {wire:02X?}"
            );
        }
    }

    #[test]
    fn status_enquiry_completion_golden_crc() {
        let mut apdu = h("06 0F 15 F0 F1 F7");
        apdu.extend_from_slice(b"061022a M IC_ Std");
        apdu.push(0x00);
        let wire = encode(&apdu);
        assert_eq!(&wire[wire.len() - 4..], &h("10 03 E4 51")[..]);
    }

    #[test]
    fn stray_bytes_before_a_frame_are_skipped() {
        let mut wire = vec![0x00, 0xFF, 0x10, 0x41, 0x02];
        wire.extend(encode(&[0x80, 0x00, 0x00]));
        let mut d = Decoder::new();
        let out: Vec<_> = wire.iter().filter_map(|b| d.push(*b)).collect();
        assert_eq!(out, vec![Decoded::Frame(vec![0x80, 0, 0])]);
        assert_eq!(d.stray_bytes(), 5);
    }

    #[test]
    fn bad_crc_and_bad_escape_are_reported() {
        let mut wire = encode(&[0x80, 0x00, 0x00]);
        let last = wire.len() - 1;
        wire[last] ^= 0xFF;
        let mut d = Decoder::new();
        let out: Vec<_> = wire.iter().filter_map(|b| d.push(*b)).collect();
        assert_eq!(out, vec![Decoded::Bad(FrameError::BadCrc)]);
        let out: Vec<_> = [0x10, 0x02, 0x80, 0x10, 0x05]
            .iter()
            .filter_map(|b| d.push(*b))
            .collect();
        assert_eq!(out, vec![Decoded::Bad(FrameError::BadEscape)]);
    }

    #[test]
    fn ack_and_nak_bytes_outside_frames() {
        let mut d = Decoder::new();
        assert_eq!(d.push(ACK), Some(Decoded::Ack));
        assert_eq!(d.push(NAK), Some(Decoded::Nak));
        // Inside a frame they are data.
        let wire = encode(&[0x06, 0x15, 0x00]);
        let out: Vec<_> = wire.iter().filter_map(|b| d.push(*b)).collect();
        assert_eq!(out, vec![Decoded::Frame(vec![0x06, 0x15, 0x00])]);
    }
}
