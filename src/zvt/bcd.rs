//! Packed BCD: two decimal digits per byte, most significant first.

/// Encodes `value` as `len` bytes of packed BCD; `None` if it does not fit.
pub fn encode(value: u64, len: usize) -> Option<Vec<u8>> {
    let mut out = vec![0u8; len];
    let mut v = value;
    for byte in out.iter_mut().rev() {
        let lo = (v % 10) as u8;
        v /= 10;
        let hi = (v % 10) as u8;
        v /= 10;
        *byte = (hi << 4) | lo;
    }
    (v == 0).then_some(out)
}

/// Decodes packed BCD; `None` if any nibble is not a decimal digit or the value overflows.
pub fn decode(bytes: &[u8]) -> Option<u64> {
    let mut v: u64 = 0;
    for b in bytes {
        for nibble in [b >> 4, b & 0x0F] {
            if nibble > 9 {
                return None;
            }
            v = v.checked_mul(10)?.checked_add(u64::from(nibble))?;
        }
    }
    Some(v)
}

/// The digits of packed BCD as text, keeping leading zeros; `None` on a non-digit nibble.
pub fn digits(bytes: &[u8]) -> Option<String> {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 0x0F] {
            if nibble > 9 {
                return None;
            }
            s.push(char::from(b'0' + nibble));
        }
    }
    Some(s)
}

/// Packs a string of decimal digits (even count) into BCD; `None` on anything else.
pub fn from_digits(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        text.as_bytes()
            .chunks(2)
            .map(|p| ((p[0] - b'0') << 4) | (p[1] - b'0'))
            .collect(),
    )
}

/// Upper-case hex of raw bytes (`12AB`).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Hex with spaces (`12 AB`), for logs.
pub fn hex_spaced(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses hex text (spaces, colons and dashes ignored, either case).
pub fn parse_hex(text: &str) -> Option<Vec<u8>> {
    let clean: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | ':' | '-'))
        .collect();
    if clean.is_empty() || clean.len() % 2 != 0 {
        return None;
    }
    (0..clean.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(clean.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keeps_leading_zeros() {
        assert_eq!(encode(1, 6).unwrap(), [0, 0, 0, 0, 0, 1]);
        assert_eq!(encode(123456, 3).unwrap(), [0x12, 0x34, 0x56]);
        assert_eq!(encode(1_000_000, 3), None);
        assert_eq!(decode(&[0x01, 0x56]), Some(156));
        assert_eq!(digits(&[0x00, 0x00, 0x12, 0x34]).unwrap(), "00001234");
        assert_eq!(from_digits("00001234").unwrap(), [0, 0, 0x12, 0x34]);
    }

    #[test]
    fn rejects_non_digit_nibbles() {
        assert_eq!(decode(&[0x1A]), None);
        assert_eq!(digits(&[0xF1]), None);
        assert_eq!(from_digits("12a4"), None);
        assert_eq!(from_digits("123"), None);
    }

    #[test]
    fn hex_helpers() {
        assert_eq!(hex(&[0x12, 0xab]), "12AB");
        assert_eq!(parse_hex("12 ab:CD").unwrap(), [0x12, 0xab, 0xcd]);
        assert_eq!(parse_hex("1"), None);
        assert_eq!(parse_hex("zz"), None);
    }
}
