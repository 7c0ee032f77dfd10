//! The application protocol data unit: `CLASS INSTR LEN data`, with the extended length form
//! `FF lo hi` (16-bit little-endian) for 255 bytes and more.

use super::bcd::hex_spaced;
use super::words::{self, Word};
use super::CodecError;

/// Longest data field an APDU can carry.
pub const MAX_DATA: usize = 0xFFFF;

/// One APDU.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Apdu {
    /// Class byte.
    pub class: u8,
    /// Instruction byte.
    pub instr: u8,
    /// Data field (positional fields, then BMPs).
    pub data: Vec<u8>,
}

impl Apdu {
    /// An APDU from its parts.
    pub fn new(class: u8, instr: u8, data: Vec<u8>) -> Apdu {
        Apdu { class, instr, data }
    }

    /// An APDU with the command word `word` (see [`super::words`]).
    pub fn of(word: Word, data: Vec<u8>) -> Apdu {
        Apdu::new(word.0, word.1, data)
    }

    /// `80 00 00`, the positive acknowledgement.
    pub fn ack() -> Apdu {
        Apdu::of(words::ACK, vec![])
    }

    /// `84 xx 00`, a negative acknowledgement with an error code.
    pub fn nack(code: u8) -> Apdu {
        Apdu::new(words::NACK_CLASS, code, vec![])
    }

    /// The command word `(class, instr)`.
    pub fn command(&self) -> (u8, u8) {
        (self.class, self.instr)
    }

    /// The encoded bytes. Data longer than [`MAX_DATA`] is a programming error and is cut.
    pub fn encode(&self) -> Vec<u8> {
        let data = &self.data[..self.data.len().min(MAX_DATA)];
        let mut out = Vec::with_capacity(data.len() + 5);
        out.push(self.class);
        out.push(self.instr);
        if data.len() < 0xFF {
            out.push(data.len() as u8);
        } else {
            out.push(0xFF);
            out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        }
        out.extend_from_slice(data);
        out
    }

    /// Decodes exactly one APDU filling `bytes` (a serial frame's payload).
    pub fn decode(bytes: &[u8]) -> Result<Apdu, CodecError> {
        match Apdu::decode_prefix(bytes) {
            Some((apdu, used)) if used == bytes.len() => Ok(apdu),
            Some(_) => Err(CodecError::TrailingBytes),
            None => Err(CodecError::Truncated),
        }
    }

    /// Decodes the APDU at the start of `bytes` (a TCP stream): `None` when more bytes are
    /// needed, otherwise the APDU and how many bytes it used. Any bytes make a prefix of some
    /// APDU (the length field says how many follow), so there is no error to report here.
    pub fn decode_prefix(bytes: &[u8]) -> Option<(Apdu, usize)> {
        if bytes.len() < 3 {
            return None;
        }
        let (len, header) = if bytes[2] == 0xFF {
            if bytes.len() < 5 {
                return None;
            }
            (usize::from(u16::from_le_bytes([bytes[3], bytes[4]])), 5)
        } else {
            (usize::from(bytes[2]), 3)
        };
        let data = bytes.get(header..header + len)?;
        Some((Apdu::new(bytes[0], bytes[1], data.to_vec()), header + len))
    }
}

impl std::fmt::Display for Apdu {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex_spaced(&self.encode()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_extended_lengths() {
        let a = Apdu::new(0x06, 0x0F, vec![1; 254]);
        assert_eq!(&a.encode()[..3], &[0x06, 0x0F, 254]);
        let b = Apdu::new(0x06, 0x0F, vec![1; 255]);
        assert_eq!(&b.encode()[..5], &[0x06, 0x0F, 0xFF, 0xFF, 0x00]);
        let c = Apdu::new(0x06, 0xD3, vec![2; 0x0123]);
        assert_eq!(&c.encode()[..5], &[0x06, 0xD3, 0xFF, 0x23, 0x01]);
        for x in [a, b, c] {
            assert_eq!(Apdu::decode(&x.encode()).unwrap(), x);
        }
    }

    #[test]
    fn partial_input_asks_for_more_and_excess_is_an_error() {
        assert_eq!(Apdu::decode_prefix(&[0x80, 0x00]), None);
        assert_eq!(Apdu::decode_prefix(&[0x06, 0x0F, 0xFF, 0x05]), None);
        assert_eq!(Apdu::decode_prefix(&[0x06, 0x0F, 0x02, 0x01]), None);
        assert_eq!(
            Apdu::decode(&[0x80, 0x00, 0x00, 0x00]),
            Err(CodecError::TrailingBytes)
        );
        let (a, n) = Apdu::decode_prefix(&[0x80, 0x00, 0x00, 0x06]).unwrap();
        assert_eq!((a, n), (Apdu::ack(), 3));
    }
}
