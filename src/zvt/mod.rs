//! ZVT, sans-IO: the codec (APDU, BCD, BMPs, TLV, serial framing), the link layer for serial and
//! TCP, the ECR command flow, and typed messages for both roles. Nothing here touches a port or
//! reads a clock: callers feed bytes and [`std::time::Instant`]s in and poll work out.

pub mod apdu;
pub mod bcd;
pub mod bmp;
pub mod codes;
pub mod ecr;
pub mod frame;
pub mod link;
pub mod messages;
pub mod tlv;
pub mod words;

pub use apdu::Apdu;

/// Why bytes did not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    /// The data ends before a field does.
    #[error("message truncated")]
    Truncated,
    /// More bytes than the length fields account for.
    #[error("trailing bytes after the message")]
    TrailingBytes,
    /// A length byte of an unknown form.
    #[error("bad length byte {0:02X}")]
    BadLength(u8),
    /// A TLV tag longer than allowed.
    #[error("bad TLV tag")]
    BadTag,
    /// TLV nesting deeper than allowed.
    #[error("TLV nested too deeply")]
    TooDeep,
    /// A BMP whose length rule is unknown.
    #[error("unknown BMP {0:02X}")]
    UnknownBmp(u8),
    /// A command the terminal side does not know.
    #[error("unknown command {0:02X} {1:02X}")]
    UnknownCommand(u8, u8),
    /// A field whose value is malformed (e.g. BCD with a non-digit).
    #[error("malformed field value")]
    BadValue,
}
