//! Bitmaps (BMPs): one byte naming the field, then its value in the field's own length rule —
//! fixed length, LLVAR (`F1 F2` = 12 bytes follow), LLLVAR (`F0 F1 F7` = 17) or, for BMP 06, the
//! TLV container's BER length.

use super::bcd;
use super::tlv::{self, Tlv};
use super::CodecError;

/// How a BMP's value is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BmpFormat {
    /// Exactly this many bytes.
    Fixed(usize),
    /// Two `Fx` length digits, then the bytes.
    LlVar,
    /// Three `Fx` length digits, then the bytes.
    LllVar,
    /// BER length, then TLV objects (BMP 06 only).
    Tlv,
}

/// BMP numbers posbind names in code.
pub mod n {
    /// Timeout in seconds.
    pub const TIMEOUT: u8 = 0x01;
    /// Service byte.
    pub const SERVICE: u8 = 0x03;
    /// Amount, 6-byte BCD minor units.
    pub const AMOUNT: u8 = 0x04;
    /// TLV container.
    pub const TLV: u8 = 0x06;
    /// Trace number.
    pub const TRACE: u8 = 0x0B;
    /// Time HHMMSS.
    pub const TIME: u8 = 0x0C;
    /// Date MMDD.
    pub const DATE: u8 = 0x0D;
    /// Expiry date YYMM.
    pub const EXPIRY: u8 = 0x0E;
    /// Status byte / payment type.
    pub const STATUS_BYTE: u8 = 0x19;
    /// PAN, masked with E, padded with F.
    pub const PAN: u8 = 0x22;
    /// Result code.
    pub const RESULT_CODE: u8 = 0x27;
    /// Terminal ID, 4-byte BCD.
    pub const TID: u8 = 0x29;
    /// Contract number (VU), 15 ASCII.
    pub const VU: u8 = 0x2A;
    /// Original trace number.
    pub const ORIGINAL_TRACE: u8 = 0x37;
    /// Additional text.
    pub const ADDITIONAL_TEXT: u8 = 0x3C;
    /// Currency code, 2-byte BCD.
    pub const CURRENCY: u8 = 0x49;
    /// Individual totals.
    pub const TOTALS: u8 = 0x60;
    /// Receipt number, 2-byte BCD.
    pub const RECEIPT: u8 = 0x87;
    /// Turnover record number.
    pub const TURNOVER: u8 = 0x88;
    /// Card type.
    pub const CARD_TYPE: u8 = 0x8A;
    /// Card name.
    pub const CARD_NAME: u8 = 0x8B;
    /// Date YYMMDD.
    pub const DATE_YYMMDD: u8 = 0xAA;
}

/// The length rule of BMP `number`, or `None` for a BMP posbind does not know.
pub fn format_of(number: u8) -> Option<BmpFormat> {
    use BmpFormat::*;
    Some(match number {
        0x01 | 0x02 | 0x03 | 0x05 | 0x19 | 0x27 | 0x8A | 0x8C | 0xA0 | 0xD0 | 0xD2 | 0xD3
        | 0xE0 | 0xE9 | 0xEA | 0xF0 | 0xF9 | 0xFA | 0xFB | 0xFC => Fixed(1),
        0x0D | 0x0E | 0x17 | 0x3A | 0x49 | 0x87 => Fixed(2),
        0x0B | 0x0C | 0x37 | 0x3D | 0x88 | 0xAA => Fixed(3),
        0x29 => Fixed(4),
        0xBA => Fixed(5),
        0x04 => Fixed(6),
        0x3B | 0xEB => Fixed(8),
        0x2A => Fixed(15),
        0x22 | 0x23 | 0x2D | 0x8B | 0xA7 | 0xD1 | 0xE1..=0xE8 | 0xF1..=0xF8 | 0xFD | 0xFE => LlVar,
        0x24 | 0x2E | 0x3C | 0x60 | 0x92 | 0x9A | 0xAF => LllVar,
        0x06 => Tlv,
        _ => return None,
    })
}

/// One BMP with its value (without any length prefix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bmp {
    /// A fixed or variable length field.
    Field {
        /// BMP number.
        number: u8,
        /// The value bytes.
        value: Vec<u8>,
    },
    /// BMP 06: the TLV objects.
    Tlv(Vec<Tlv>),
}

/// A parsed BMP list. A BMP whose length cannot be known (an unknown BMP, a damaged length
/// prefix) ends parsing; it and everything after it are kept raw in `unparsed`. A container
/// whose own length is known but whose content cannot be read (BMP 06 with a TLV object that
/// overruns it) is skipped and named in `dropped`, so the fields after it are still read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bmps {
    /// The fields in order.
    pub fields: Vec<Bmp>,
    /// Bytes from the first BMP whose length could not be known on.
    pub unparsed: Vec<u8>,
    /// Containers skipped because their content could not be read.
    pub dropped: Vec<Dropped>,
}

/// A container BMP that was skipped: its length was known, its content could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dropped {
    /// BMP number (06 for the TLV container).
    pub number: u8,
    /// Why its content could not be read.
    pub error: CodecError,
}

impl Bmps {
    /// Whether some of the data could not be read: parsing stopped early or a container was
    /// dropped.
    pub fn unread(&self) -> bool {
        !self.unparsed.is_empty() || !self.dropped.is_empty()
    }

    /// What could not be read, for the log: the BMP parsing stopped at and the dropped
    /// containers; `None` when everything was read.
    pub fn unread_summary(&self) -> Option<String> {
        let mut parts = vec![];
        if let Some(&b) = self.unparsed.first() {
            let why = match format_of(b) {
                None => "unknown length rule",
                Some(_) => "damaged",
            };
            parts.push(format!(
                "parsing stopped at BMP {b:02X} ({why}), {} bytes unread",
                self.unparsed.len()
            ));
        }
        for d in &self.dropped {
            parts.push(format!("BMP {:02X} dropped: {}", d.number, d.error));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// The value of the first BMP `number`.
    pub fn get(&self, number: u8) -> Option<&[u8]> {
        self.fields.iter().find_map(|b| match b {
            Bmp::Field { number: n, value } if *n == number => Some(value.as_slice()),
            _ => None,
        })
    }

    /// A one-byte BMP.
    pub fn byte(&self, number: u8) -> Option<u8> {
        self.get(number).and_then(|v| v.first().copied())
    }

    /// A BCD BMP as a number.
    pub fn bcd(&self, number: u8) -> Option<u64> {
        self.get(number).and_then(bcd::decode)
    }

    /// The TLV objects of BMP 06, if present.
    pub fn tlv(&self) -> Option<&[Tlv]> {
        self.fields.iter().find_map(|b| match b {
            Bmp::Tlv(objs) => Some(objs.as_slice()),
            _ => None,
        })
    }
}

fn var_len(bytes: &[u8], digits: usize) -> Result<usize, CodecError> {
    let prefix = bytes.get(..digits).ok_or(CodecError::Truncated)?;
    prefix.iter().try_fold(0usize, |acc, b| {
        if b & 0xF0 == 0xF0 && b & 0x0F <= 9 {
            Ok(acc * 10 + usize::from(b & 0x0F))
        } else {
            Err(CodecError::BadLength(*b))
        }
    })
}

/// Reads one BMP value of `format` at the start of `bytes`: (value, bytes used). The outer
/// error means the value's length cannot be known (parsing cannot go on); the inner one that a
/// container's length is known but its content cannot be read (it can be skipped).
type Value = (Result<Bmp, CodecError>, usize);

fn read_value(format: BmpFormat, bytes: &[u8]) -> Result<Value, CodecError> {
    let (skip, len) = match format {
        BmpFormat::Fixed(n) => (0, n),
        BmpFormat::LlVar => (2, var_len(bytes, 2)?),
        BmpFormat::LllVar => (3, var_len(bytes, 3)?),
        BmpFormat::Tlv => {
            let (len, used) = tlv::decode_length(bytes)?;
            let body = bytes.get(used..used + len).ok_or(CodecError::Truncated)?;
            return Ok((tlv::decode_objects(body).map(Bmp::Tlv), used + len));
        }
    };
    let value = bytes.get(skip..skip + len).ok_or(CodecError::Truncated)?;
    Ok((
        Ok(Bmp::Field {
            number: 0,
            value: value.to_vec(),
        }),
        skip + len,
    ))
}

/// Parses a BMP list; an unknown BMP ends parsing and is kept raw (see [`Bmps`]).
pub fn parse(bytes: &[u8]) -> Result<Bmps, CodecError> {
    match parse_partial(bytes) {
        (b, None) => Ok(b),
        (_, Some(e)) => Err(e),
    }
}

/// Parses as much of a BMP list as can be read: every field up to the first whose length
/// cannot be known (an unknown BMP, a bad length prefix, a value cut short) is kept, the bytes
/// from it on go to `unparsed`, and the error says why parsing stopped (none for an unknown
/// BMP). A container whose content cannot be read is skipped and named in `dropped`. A
/// payment's status information is read this way, so that a result code and receipt number
/// are never lost to a damaged field elsewhere.
pub fn parse_partial(mut bytes: &[u8]) -> (Bmps, Option<CodecError>) {
    let mut out = Bmps::default();
    while let Some(&number) = bytes.first() {
        let Some(format) = format_of(number) else {
            out.unparsed = bytes.to_vec();
            break;
        };
        let (value, used) = match read_value(format, &bytes[1..]) {
            Ok(v) => v,
            Err(e) => {
                out.unparsed = bytes.to_vec();
                return (out, Some(e));
            }
        };
        match value {
            Ok(Bmp::Field { value, .. }) => out.fields.push(Bmp::Field { number, value }),
            Ok(bmp) => out.fields.push(bmp),
            Err(error) => out.dropped.push(Dropped { number, error }),
        }
        bytes = &bytes[1 + used..];
    }
    (out, None)
}

/// Parses a BMP list where anything unread is an error: an unknown BMP (the terminal side
/// answers `84 83 00`) or a container that could not be read.
pub fn parse_strict(bytes: &[u8]) -> Result<Bmps, CodecError> {
    let b = parse(bytes)?;
    if let Some(d) = b.dropped.first() {
        return Err(d.error);
    }
    match b.unparsed.first() {
        Some(&n) => Err(CodecError::UnknownBmp(n)),
        None => Ok(b),
    }
}

/// Builds a data field: positional bytes and BMPs in order.
#[derive(Debug, Clone, Default)]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    /// An empty data field.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Raw positional bytes.
    pub fn raw(mut self, bytes: &[u8]) -> Writer {
        self.out.extend_from_slice(bytes);
        self
    }

    /// A fixed-length BMP.
    pub fn field(mut self, number: u8, value: &[u8]) -> Writer {
        self.out.push(number);
        self.out.extend_from_slice(value);
        self
    }

    /// A one-byte BMP.
    pub fn byte(self, number: u8, value: u8) -> Writer {
        self.field(number, &[value])
    }

    /// A BCD BMP of `len` bytes (values that do not fit are written as all nines).
    pub fn bcd(self, number: u8, value: u64, len: usize) -> Writer {
        let v = bcd::encode(value, len).unwrap_or_else(|| vec![0x99; len]);
        self.field(number, &v)
    }

    /// An LLVAR BMP (at most 99 bytes; longer values are cut).
    pub fn llvar(mut self, number: u8, value: &[u8]) -> Writer {
        let v = &value[..value.len().min(99)];
        self.out.push(number);
        self.out.extend_from_slice(&var_prefix(v.len(), 2));
        self.out.extend_from_slice(v);
        self
    }

    /// An LLLVAR BMP (at most 999 bytes; longer values are cut).
    pub fn lllvar(mut self, number: u8, value: &[u8]) -> Writer {
        self.out.push(number);
        self.out.extend_from_slice(&lllvar_bytes(value));
        self
    }

    /// BMP 06 with these objects.
    pub fn tlv(mut self, objects: &[Tlv]) -> Writer {
        self.out.extend_from_slice(&tlv::encode_container(objects));
        self
    }

    /// The data field.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

fn var_prefix(len: usize, digits: usize) -> Vec<u8> {
    let s = format!("{len:0digits$}");
    s.bytes().map(|d| 0xF0 | (d - b'0')).collect()
}

/// An LLLVAR value with its `F0 F1 F7`-style prefix (no BMP number): positional LLLVAR fields
/// such as the software version in a Status-Enquiry completion use it.
pub fn lllvar_bytes(value: &[u8]) -> Vec<u8> {
    let v = &value[..value.len().min(999)];
    let mut out = var_prefix(v.len(), 3);
    out.extend_from_slice(v);
    out
}

/// Reads a positional LLLVAR at the start of `bytes`: (value, bytes used).
pub fn read_lllvar(bytes: &[u8]) -> Result<(Vec<u8>, usize), CodecError> {
    let len = var_len(bytes, 3)?;
    let v = bytes.get(3..3 + len).ok_or(CodecError::Truncated)?;
    Ok((v.to_vec(), 3 + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn var_prefixes_are_f_nibbles() {
        let w = Writer::new()
            .llvar(0x22, &[0x12; 12])
            .lllvar(0x3C, b"0123456789abcdefg")
            .finish();
        assert_eq!(&w[..3], &[0x22, 0xF1, 0xF2]);
        assert_eq!(&w[15..19], &[0x3C, 0xF0, 0xF1, 0xF7]);
        let b = parse(&w).unwrap();
        assert_eq!(b.get(0x22).unwrap().len(), 12);
        assert_eq!(b.get(0x3C).unwrap(), b"0123456789abcdefg");
    }

    #[test]
    fn status_information_fields_parse() {
        let data = Writer::new()
            .byte(n::RESULT_CODE, 0)
            .bcd(n::AMOUNT, 1, 6)
            .bcd(n::TRACE, 42, 3)
            .bcd(n::TID, 12345678, 4)
            .bcd(n::RECEIPT, 7, 2)
            .bcd(n::CURRENCY, 156, 2)
            .finish();
        let b = parse_strict(&data).unwrap();
        assert_eq!(b.byte(n::RESULT_CODE), Some(0));
        assert_eq!(b.bcd(n::AMOUNT), Some(1));
        assert_eq!(b.bcd(n::RECEIPT), Some(7));
        assert_eq!(bcd::digits(b.get(n::TID).unwrap()).unwrap(), "12345678");
    }

    #[test]
    fn unknown_bmps_are_kept_raw_or_refused_when_strict() {
        let data = [0x27, 0x00, 0x5E, 0x01, 0x02];
        let b = parse(&data).unwrap();
        assert_eq!(b.byte(0x27), Some(0));
        assert_eq!(b.unparsed, [0x5E, 0x01, 0x02]);
        assert_eq!(parse_strict(&data), Err(CodecError::UnknownBmp(0x5E)));
    }

    #[test]
    fn bmp_92_is_lllvar_so_the_receipt_after_it_is_read() {
        let data = Writer::new()
            .byte(n::RESULT_CODE, 0)
            .lllvar(0x92, b"ec-cash extra")
            .bcd(n::RECEIPT, 21, 2)
            .finish();
        let b = parse_strict(&data).unwrap();
        assert_eq!(b.bcd(n::RECEIPT), Some(21));
    }

    #[test]
    fn partial_parsing_keeps_the_fields_before_a_damaged_one() {
        let data = [0x27, 0x00, 0x87, 0x00, 0x21, 0x22, 0xF1, 0x32];
        let (b, err) = parse_partial(&data);
        assert_eq!(err, Some(CodecError::BadLength(0x32)));
        assert_eq!(b.byte(n::RESULT_CODE), Some(0));
        assert_eq!(b.bcd(n::RECEIPT), Some(21));
        assert_eq!(b.unparsed, [0x22, 0xF1, 0x32]);
    }

    #[test]
    fn a_tlv_container_that_cannot_be_read_is_dropped_and_the_fields_after_it_read() {
        // BMP 06 announces 5 bytes; its object 1F42 claims 9 of them.
        let data = [
            0x27, 0x00, 0x06, 0x05, 0x1F, 0x42, 0x09, 0xAA, 0xBB, 0x87, 0x00, 0x21,
        ];
        let (b, err) = parse_partial(&data);
        assert_eq!(err, None);
        assert_eq!(b.byte(n::RESULT_CODE), Some(0));
        assert_eq!(b.bcd(n::RECEIPT), Some(21));
        assert_eq!(b.tlv(), None);
        assert_eq!(
            b.dropped,
            [Dropped {
                number: n::TLV,
                error: CodecError::Truncated
            }]
        );
        assert!(b.unread());
        assert!(b.unread_summary().unwrap().contains("BMP 06 dropped"));
        // Where nothing may go unread (an ECR command on the terminal side) it is an error.
        assert_eq!(parse_strict(&data), Err(CodecError::Truncated));
        // A container whose own length overruns the message: the rest cannot be placed.
        let (b, err) = parse_partial(&[0x27, 0x00, 0x06, 0x09, 0x1F]);
        assert_eq!(err, Some(CodecError::Truncated));
        assert_eq!(b.byte(n::RESULT_CODE), Some(0));
        assert_eq!(b.unparsed, [0x06, 0x09, 0x1F]);
    }

    #[test]
    fn truncated_and_malformed_lengths_are_errors() {
        assert_eq!(parse(&[0x04, 0, 0]), Err(CodecError::Truncated));
        assert_eq!(parse(&[0x22, 0xF1, 0x32]), Err(CodecError::BadLength(0x32)));
        assert_eq!(parse(&[0x22, 0xF0, 0xF5, 1]), Err(CodecError::Truncated));
    }
}
