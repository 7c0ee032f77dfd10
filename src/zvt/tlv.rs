//! The TLV container carried in BMP 06: BER-style tags, lengths `00..7F` / `81 nn` / `82 hi lo`
//! (big-endian, unlike the APDU's extended length), and constructed tags such as `E4` that hold
//! more TLVs. Unknown tags are kept as they came.

use super::bcd::hex;
use super::CodecError;

/// Deepest nesting of constructed tags accepted (protects against hostile input).
pub const MAX_DEPTH: usize = 8;

/// Tags posbind reads or writes.
pub mod tags {
    /// Device name (ASCII).
    pub const DEVICE_NAME: &[u8] = &[0x1F, 0x40];
    /// Software version (ASCII).
    pub const SOFTWARE_VERSION: &[u8] = &[0x1F, 0x41];
    /// Serial number (raw bytes; shown as upper-case hex).
    pub const SERIAL_NUMBER: &[u8] = &[0x1F, 0x42];
    /// Device state (00 ready, 01 init needed, 02 no keys, 03 fraud).
    pub const DEVICE_STATE: &[u8] = &[0x1F, 0x43];
    /// Terminal ID (4-byte BCD).
    pub const TERMINAL_ID: &[u8] = &[0x1F, 0x44];
    /// Device information, constructed: {1F40, 1F41, 1F42, 1F43}.
    pub const DEVICE_INFO: &[u8] = &[0xE4];
    /// Extended error code.
    pub const EXT_ERROR_CODE: &[u8] = &[0x1F, 0x16];
    /// Extended error text.
    pub const EXT_ERROR_TEXT: &[u8] = &[0x1F, 0x17];
    /// Diagnosis type (01 line, 02 extended, 03 configuration, 04 EMV configuration).
    pub const DIAGNOSIS_TYPE: &[u8] = &[0x1B];
}

/// One TLV object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tlv {
    /// The tag bytes as they appear on the wire.
    pub tag: Vec<u8>,
    /// The value.
    pub value: TlvValue,
}

/// A TLV value: bytes, or nested TLVs for a constructed tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlvValue {
    /// Raw bytes.
    Primitive(Vec<u8>),
    /// Nested objects.
    Constructed(Vec<Tlv>),
}

impl Tlv {
    /// A primitive object.
    pub fn primitive(tag: &[u8], value: Vec<u8>) -> Tlv {
        Tlv {
            tag: tag.to_vec(),
            value: TlvValue::Primitive(value),
        }
    }

    /// A constructed object.
    pub fn constructed(tag: &[u8], children: Vec<Tlv>) -> Tlv {
        Tlv {
            tag: tag.to_vec(),
            value: TlvValue::Constructed(children),
        }
    }

    /// The tag as hex (`1F42`).
    pub fn tag_hex(&self) -> String {
        hex(&self.tag)
    }

    /// The bytes of a primitive value.
    pub fn bytes(&self) -> Option<&[u8]> {
        match &self.value {
            TlvValue::Primitive(v) => Some(v),
            TlvValue::Constructed(_) => None,
        }
    }

    fn encode_into(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.tag);
        let mut body = vec![];
        match &self.value {
            TlvValue::Primitive(v) => body.extend_from_slice(v),
            TlvValue::Constructed(children) => {
                for c in children {
                    c.encode_into(&mut body);
                }
            }
        }
        encode_length(body.len(), out);
        out.extend_from_slice(&body);
    }
}

/// Whether a tag (by its first byte) is constructed (bit 6 set).
pub fn is_constructed(tag: &[u8]) -> bool {
    tag.first().is_some_and(|b| b & 0x20 != 0)
}

/// Appends a BER length.
pub fn encode_length(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
    } else if len <= 0xFF {
        out.extend_from_slice(&[0x81, len as u8]);
    } else {
        let l = len.min(0xFFFF) as u16;
        out.push(0x82);
        out.extend_from_slice(&l.to_be_bytes());
    }
}

/// Reads a BER length at the start of `bytes`: (length, bytes used).
pub fn decode_length(bytes: &[u8]) -> Result<(usize, usize), CodecError> {
    match bytes.first() {
        None => Err(CodecError::Truncated),
        Some(&b) if b < 0x80 => Ok((usize::from(b), 1)),
        Some(0x81) => bytes
            .get(1)
            .map(|&n| (usize::from(n), 2))
            .ok_or(CodecError::Truncated),
        Some(0x82) => match bytes.get(1..3) {
            Some(&[hi, lo]) => Ok((usize::from(u16::from_be_bytes([hi, lo])), 3)),
            _ => Err(CodecError::Truncated),
        },
        Some(&b) => Err(CodecError::BadLength(b)),
    }
}

fn decode_tag(bytes: &[u8]) -> Result<(Vec<u8>, usize), CodecError> {
    let first = *bytes.first().ok_or(CodecError::Truncated)?;
    let mut n = 1;
    if first & 0x1F == 0x1F {
        loop {
            let b = *bytes.get(n).ok_or(CodecError::Truncated)?;
            n += 1;
            if b & 0x80 == 0 {
                break;
            }
            if n > 4 {
                return Err(CodecError::BadTag);
            }
        }
    }
    Ok((bytes[..n].to_vec(), n))
}

/// Encodes a list of objects (the content of a container, without `06 len`).
pub fn encode_objects(objects: &[Tlv]) -> Vec<u8> {
    let mut out = vec![];
    for o in objects {
        o.encode_into(&mut out);
    }
    out
}

/// Encodes BMP 06 with its length: `06 <len> objects…`.
pub fn encode_container(objects: &[Tlv]) -> Vec<u8> {
    let body = encode_objects(objects);
    let mut out = vec![0x06];
    encode_length(body.len(), &mut out);
    out.extend_from_slice(&body);
    out
}

/// Decodes a sequence of objects filling `bytes`.
pub fn decode_objects(bytes: &[u8]) -> Result<Vec<Tlv>, CodecError> {
    decode_depth(bytes, 0)
}

fn decode_depth(mut bytes: &[u8], depth: usize) -> Result<Vec<Tlv>, CodecError> {
    if depth > MAX_DEPTH {
        return Err(CodecError::TooDeep);
    }
    let mut out = vec![];
    while !bytes.is_empty() {
        let (tag, tn) = decode_tag(bytes)?;
        let (len, ln) = decode_length(&bytes[tn..])?;
        let start = tn + ln;
        let value = bytes.get(start..start + len).ok_or(CodecError::Truncated)?;
        let value = if is_constructed(&tag) {
            TlvValue::Constructed(decode_depth(value, depth + 1)?)
        } else {
            TlvValue::Primitive(value.to_vec())
        };
        out.push(Tlv { tag, value });
        bytes = &bytes[start + len..];
    }
    Ok(out)
}

/// Finds the first object with `tag`, searching constructed objects too.
pub fn find<'a>(objects: &'a [Tlv], tag: &[u8]) -> Option<&'a Tlv> {
    for o in objects {
        if o.tag == tag {
            return Some(o);
        }
        if let TlvValue::Constructed(children) = &o.value {
            if let Some(found) = find(children, tag) {
                return Some(found);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_info_round_trips_with_nested_tags() {
        let objs = vec![
            Tlv::primitive(tags::TERMINAL_ID, vec![0x12, 0x34, 0x56, 0x78]),
            Tlv::constructed(
                tags::DEVICE_INFO,
                vec![
                    Tlv::primitive(tags::DEVICE_NAME, b"SIM-1".to_vec()),
                    Tlv::primitive(tags::SERIAL_NUMBER, vec![0x12, 0x34, 0xAB]),
                ],
            ),
        ];
        let c = encode_container(&objs);
        assert_eq!(c[0], 0x06);
        let (len, n) = decode_length(&c[1..]).unwrap();
        assert_eq!(len, c.len() - 1 - n);
        let back = decode_objects(&c[1 + n..]).unwrap();
        assert_eq!(back, objs);
        assert_eq!(
            find(&back, tags::SERIAL_NUMBER).unwrap().bytes().unwrap(),
            [0x12, 0x34, 0xAB]
        );
    }

    #[test]
    fn lengths_use_81_and_82_forms_big_endian() {
        let mut out = vec![];
        encode_length(0x7F, &mut out);
        encode_length(0x80, &mut out);
        encode_length(0x0123, &mut out);
        assert_eq!(out, [0x7F, 0x81, 0x80, 0x82, 0x01, 0x23]);
        assert_eq!(decode_length(&[0x82, 0x01, 0x23]).unwrap(), (0x0123, 3));
        assert_eq!(
            decode_length(&[0x83, 0, 0, 0]),
            Err(CodecError::BadLength(0x83))
        );
    }

    #[test]
    fn multi_byte_tags_follow_the_continuation_bit() {
        let bytes = [0x1F, 0x81, 0x02, 0x01, 0xAA];
        let objs = decode_objects(&bytes).unwrap();
        assert_eq!(objs[0].tag, [0x1F, 0x81, 0x02]);
        assert_eq!(objs[0].bytes().unwrap(), [0xAA]);
    }

    #[test]
    fn unknown_tags_are_kept_and_truncation_is_an_error() {
        let objs = decode_objects(&[0xDF, 0x7F, 0x01, 0x55]).unwrap();
        assert_eq!(objs[0].tag_hex(), "DF7F");
        assert_eq!(
            decode_objects(&[0x1F, 0x42, 0x05, 1, 2]),
            Err(CodecError::Truncated)
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut v = vec![0x01, 0x00];
        for _ in 0..20 {
            let mut outer = vec![0xE4];
            encode_length(v.len(), &mut outer);
            outer.extend_from_slice(&v);
            v = outer;
        }
        assert_eq!(decode_objects(&v), Err(CodecError::TooDeep));
    }
}
