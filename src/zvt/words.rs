//! The command words `(class, instr)` of every APDU posbind sends or reads: one table, used
//! both to encode a message and to recognise it.

/// A command word: class and instruction byte.
pub type Word = (u8, u8);

/// Registration (`06 00`).
pub const REGISTRATION: Word = (0x06, 0x00);
/// Authorisation (`06 01`).
pub const AUTHORISATION: Word = (0x06, 0x01);
/// Log-Off (`06 02`).
pub const LOG_OFF: Word = (0x06, 0x02);
/// Completion (`06 0F`).
pub const COMPLETION: Word = (0x06, 0x0F);
/// Set Terminal-ID (`06 1B`).
pub const SET_TERMINAL_ID: Word = (0x06, 0x1B);
/// Abort from the terminal (`06 1E`).
pub const ABORT: Word = (0x06, 0x1E);
/// Repeat Receipt (`06 20`).
pub const REPEAT_RECEIPT: Word = (0x06, 0x20);
/// Reversal (`06 30`).
pub const REVERSAL: Word = (0x06, 0x30);
/// End-of-Day (`06 50`).
pub const END_OF_DAY: Word = (0x06, 0x50);
/// Diagnosis (`06 70`).
pub const DIAGNOSIS: Word = (0x06, 0x70);
/// Initialisation (`06 93`).
pub const INITIALISATION: Word = (0x06, 0x93);
/// Abort from the ECR (`06 B0`).
pub const ECR_ABORT: Word = (0x06, 0xB0);
/// Print line (`06 D1`).
pub const PRINT_LINE: Word = (0x06, 0xD1);
/// Print text block (`06 D3`).
pub const PRINT_BLOCK: Word = (0x06, 0xD3);
/// Status-Enquiry (`05 01`).
pub const STATUS_ENQUIRY: Word = (0x05, 0x01);
/// Status information (`04 0F`).
pub const STATUS_INFO: Word = (0x04, 0x0F);
/// Intermediate status information (`04 FF`).
pub const INTERMEDIATE_STATUS: Word = (0x04, 0xFF);
/// Positive acknowledgement (`80 00`).
pub const ACK: Word = (0x80, 0x00);
/// Class byte of a negative acknowledgement (`84 xx`, the instruction byte is the result code).
pub const NACK_CLASS: u8 = 0x84;
