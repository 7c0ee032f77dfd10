//! Typed ZVT messages, both directions: the ECR's commands and the terminal's replies, each with
//! an encoder and a parser, so the client and the simulator share one definition.

use std::fmt;

use super::apdu::Apdu;
use super::bcd;
use super::bmp::{self, n, Bmps, Writer};
use super::codes::{DeviceState, IntermediateStatus, ResultCode, TerminalStatus};
use super::tlv::{self, tags, Tlv};
use super::words;
use super::CodecError;

/// A terminal ID: always 8 digits, leading zeros kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tid(String);

impl Tid {
    /// Parses 8 decimal digits (spaces ignored).
    pub fn parse(text: &str) -> Option<Tid> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        (t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit())).then_some(Tid(t))
    }

    /// From the 4 BCD bytes of BMP 29 / TLV 1F44.
    pub fn from_bcd(bytes: &[u8]) -> Option<Tid> {
        (bytes.len() == 4)
            .then(|| bcd::digits(bytes))
            .flatten()
            .map(Tid)
    }

    /// The 4 BCD bytes.
    pub fn to_bcd(&self) -> Vec<u8> {
        bcd::from_digits(&self.0).unwrap_or_else(|| vec![0; 4])
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Tid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A terminal serial number: the raw bytes the terminal sent, shown as upper-case hex (real
/// terminals send arbitrary bytes, not the BCD the spec asks for).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SerialNumber(pub Vec<u8>);

impl SerialNumber {
    /// From the hex form a label or a setting shows (`12345678`, `12-34-AB`).
    pub fn parse_hex(text: &str) -> Option<SerialNumber> {
        bcd::parse_hex(text).map(SerialNumber)
    }

    /// The hex form.
    pub fn hex(&self) -> String {
        bcd::hex(&self.0)
    }

    /// Compares with what a user typed or scanned: case and separators do not matter.
    pub fn matches_label(&self, label: &str) -> bool {
        let clean: String = label
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        !clean.is_empty() && clean == self.hex()
    }
}

impl fmt::Display for SerialNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

/// An ISO 4217 numeric currency code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(pub u16);

impl Currency {
    /// Chinese yuan.
    pub const CNY: Currency = Currency(156);
    /// Euro.
    pub const EUR: Currency = Currency(978);

    /// The 2 BCD bytes.
    pub fn to_bcd(self) -> Vec<u8> {
        bcd::encode(u64::from(self.0), 2).unwrap_or_else(|| vec![0, 0])
    }

    /// From 2 BCD bytes.
    pub fn from_bcd(bytes: &[u8]) -> Option<Currency> {
        (bytes.len() == 2)
            .then(|| bcd::decode(bytes))
            .flatten()
            .and_then(|v| u16::try_from(v).ok())
            .map(Currency)
    }

    /// From an ISO 4217 code as a user types it: numeric (`156`, `978`) or one of the
    /// alphabetic codes posbind knows (`CNY`, `EUR`, `USD`).
    pub fn parse(text: &str) -> Option<Currency> {
        let t = text.trim();
        match t.to_ascii_uppercase().as_str() {
            "CNY" => return Some(Currency::CNY),
            "EUR" => return Some(Currency::EUR),
            "USD" => return Some(Currency(840)),
            _ => {}
        }
        (t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok().map(Currency))
            .flatten()
    }

    /// Alphabetic code for display.
    pub fn alpha(self) -> String {
        match self.0 {
            156 => "CNY".into(),
            978 => "EUR".into(),
            840 => "USD".into(),
            other => format!("{other:03}"),
        }
    }
}

/// An amount in minor units (fen for CNY).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount {
    /// Minor units.
    pub minor: u64,
    /// Currency.
    pub currency: Currency,
}

impl Amount {
    /// Largest amount BMP 04 can carry.
    pub const MAX_MINOR: u64 = 999_999_999_999;

    /// Parses `0.01`, `12`, `12.5` as major units with two decimals.
    pub fn parse(text: &str, currency: Currency) -> Option<Amount> {
        let t = text.trim();
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        if int.is_empty()
            || frac.len() > 2
            || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let frac = format!("{frac:0<2}");
        let minor = int
            .parse::<u64>()
            .ok()?
            .checked_mul(100)?
            .checked_add(frac.parse().ok()?)?;
        (minor <= Amount::MAX_MINOR).then_some(Amount { minor, currency })
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{:02} {}",
            self.minor / 100,
            self.minor % 100,
            self.currency.alpha()
        )
    }
}

/// The terminal password (6 digits, sent as 3 BCD bytes); the default is `000000`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Password(pub [u8; 3]);

impl Password {
    /// Parses 6 digits.
    pub fn parse(text: &str) -> Option<Password> {
        let t = text.trim();
        if t.len() != 6 {
            return None;
        }
        let b = bcd::from_digits(t)?;
        Some(Password([b[0], b[1], b[2]]))
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print a password, not even in debug logs.
        f.write_str("Password(******)")
    }
}

/// Registration config byte bits.
pub mod config {
    /// ECR prints payment receipts.
    pub const ECR_PRINTS_PAYMENT: u8 = 0x02;
    /// ECR prints administration receipts.
    pub const ECR_PRINTS_ADMIN: u8 = 0x04;
    /// Intermediate status information wanted.
    pub const INTERMEDIATE_STATUS: u8 = 0x08;
    /// ECR controls payment.
    pub const ECR_CONTROLS_PAYMENT: u8 = 0x10;
    /// ECR controls administration.
    pub const ECR_CONTROLS_ADMIN: u8 = 0x20;
    /// Print via `06 D1`.
    pub const PRINT_VIA_D1: u8 = 0x80;
    /// What posbind asks for: intermediate status, ECR controls, terminal prints.
    pub const POSBIND_DEFAULT: u8 = INTERMEDIATE_STATUS | ECR_CONTROLS_PAYMENT | ECR_CONTROLS_ADMIN;
}

/// A command from the ECR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EcrCommand {
    /// `06 00` Registration.
    Registration {
        /// Terminal password.
        password: Password,
        /// Config byte.
        config: u8,
        /// Currency (positional).
        currency: Option<Currency>,
        /// Service byte (BMP 03).
        service: Option<u8>,
        /// TLV container; `Some(vec![])` sends `06 00` and enables TLV in replies.
        tlv: Option<Vec<Tlv>>,
    },
    /// `06 02` Log-Off.
    LogOff,
    /// `05 01` Status-Enquiry.
    StatusEnquiry {
        /// Password (positional, optional).
        password: Option<Password>,
        /// Service byte: 04 send TLV, 02 no software version.
        service: Option<u8>,
    },
    /// `06 01` Authorisation.
    Authorisation {
        /// Amount in minor units (BMP 04).
        amount_minor: u64,
        /// Currency (BMP 49); without it the terminal uses its registered or configured one.
        currency: Option<Currency>,
        /// Payment type (BMP 19).
        payment_type: Option<u8>,
        /// Timeout in seconds (BMP 01).
        timeout: Option<u8>,
    },
    /// `06 30` Reversal.
    Reversal {
        /// Password.
        password: Password,
        /// Receipt number of the payment (BMP 87).
        receipt: u16,
        /// Amount, optional (BMP 04 + 49).
        amount: Option<Amount>,
    },
    /// `06 50` End-of-Day.
    EndOfDay {
        /// Password.
        password: Password,
    },
    /// `06 70` Diagnosis.
    Diagnosis {
        /// Diagnosis type (TLV 1B); none = line diagnosis without TLV.
        kind: Option<u8>,
    },
    /// `06 93` Initialisation.
    Initialisation {
        /// Password.
        password: Password,
    },
    /// `06 1B` Set Terminal-ID.
    SetTerminalId {
        /// Password.
        password: Password,
        /// The new TID (BMP 29).
        tid: Option<Tid>,
    },
    /// `06 B0` Abort.
    Abort,
    /// `06 20` Repeat Receipt: the terminal repeats the last transaction's status information.
    RepeatReceipt {
        /// Password.
        password: Password,
    },
}

impl EcrCommand {
    /// Whether the terminal takes over (status messages, then Completion or Abort).
    pub fn has_master_phase(&self) -> bool {
        !matches!(self, EcrCommand::LogOff | EcrCommand::Abort)
    }

    /// A short name for logs.
    pub fn name(&self) -> &'static str {
        match self {
            EcrCommand::Registration { .. } => "registration",
            EcrCommand::LogOff => "log-off",
            EcrCommand::StatusEnquiry { .. } => "status-enquiry",
            EcrCommand::Authorisation { .. } => "authorisation",
            EcrCommand::Reversal { .. } => "reversal",
            EcrCommand::EndOfDay { .. } => "end-of-day",
            EcrCommand::Diagnosis { .. } => "diagnosis",
            EcrCommand::Initialisation { .. } => "initialisation",
            EcrCommand::SetTerminalId { .. } => "set-terminal-id",
            EcrCommand::Abort => "abort",
            EcrCommand::RepeatReceipt { .. } => "repeat-receipt",
        }
    }

    /// The APDU.
    pub fn to_apdu(&self) -> Apdu {
        match self {
            EcrCommand::Registration {
                password,
                config,
                currency,
                service,
                tlv,
            } => {
                let mut w = Writer::new().raw(&password.0).raw(&[*config]);
                if let Some(c) = currency {
                    w = w.raw(&c.to_bcd());
                }
                if let Some(s) = service {
                    w = w.byte(n::SERVICE, *s);
                }
                if let Some(t) = tlv {
                    w = w.tlv(t);
                }
                Apdu::of(words::REGISTRATION, w.finish())
            }
            EcrCommand::LogOff => Apdu::of(words::LOG_OFF, vec![]),
            EcrCommand::StatusEnquiry { password, service } => {
                let mut w = Writer::new();
                if let Some(p) = password {
                    w = w.raw(&p.0);
                }
                if let Some(s) = service {
                    w = w.byte(n::SERVICE, *s);
                }
                Apdu::of(words::STATUS_ENQUIRY, w.finish())
            }
            EcrCommand::Authorisation {
                amount_minor,
                currency,
                payment_type,
                timeout,
            } => {
                let mut w = Writer::new().bcd(n::AMOUNT, *amount_minor, 6);
                if let Some(c) = currency {
                    w = w.field(n::CURRENCY, &c.to_bcd());
                }
                if let Some(p) = payment_type {
                    w = w.byte(n::STATUS_BYTE, *p);
                }
                if let Some(t) = timeout {
                    w = w.byte(n::TIMEOUT, *t);
                }
                Apdu::of(words::AUTHORISATION, w.finish())
            }
            EcrCommand::Reversal {
                password,
                receipt,
                amount,
            } => {
                let mut w = Writer::new()
                    .raw(&password.0)
                    .bcd(n::RECEIPT, u64::from(*receipt), 2);
                if let Some(a) = amount {
                    w = w
                        .bcd(n::AMOUNT, a.minor, 6)
                        .field(n::CURRENCY, &a.currency.to_bcd());
                }
                Apdu::of(words::REVERSAL, w.finish())
            }
            EcrCommand::EndOfDay { password } => Apdu::of(words::END_OF_DAY, password.0.to_vec()),
            EcrCommand::Diagnosis { kind } => {
                let data = match kind {
                    Some(k) => Writer::new()
                        .tlv(&[Tlv::primitive(tags::DIAGNOSIS_TYPE, vec![*k])])
                        .finish(),
                    None => vec![],
                };
                Apdu::of(words::DIAGNOSIS, data)
            }
            EcrCommand::Initialisation { password } => {
                Apdu::of(words::INITIALISATION, password.0.to_vec())
            }
            EcrCommand::SetTerminalId { password, tid } => {
                let mut w = Writer::new().raw(&password.0);
                if let Some(t) = tid {
                    w = w.field(n::TID, &t.to_bcd());
                }
                Apdu::of(words::SET_TERMINAL_ID, w.finish())
            }
            EcrCommand::Abort => Apdu::of(words::ECR_ABORT, vec![]),
            EcrCommand::RepeatReceipt { password } => {
                Apdu::of(words::REPEAT_RECEIPT, password.0.to_vec())
            }
        }
    }

    /// Parses an ECR command (the terminal side). `Err(UnknownCommand)` → answer `84 83 00`.
    pub fn parse(apdu: &Apdu) -> Result<EcrCommand, CodecError> {
        let d = apdu.data.as_slice();
        let pwd = |d: &[u8]| -> Result<Password, CodecError> {
            d.get(..3)
                .map(|p| Password([p[0], p[1], p[2]]))
                .ok_or(CodecError::Truncated)
        };
        Ok(match apdu.command() {
            words::REGISTRATION => {
                let password = pwd(d)?;
                let config = *d.get(3).ok_or(CodecError::Truncated)?;
                let mut rest = &d[4..];
                let mut currency = None;
                // The currency is positional: 2 BCD bytes unless a BMP (03 or 06) comes first.
                if rest.len() >= 2 && !matches!(rest[0], n::SERVICE | n::TLV) {
                    currency = Some(Currency::from_bcd(&rest[..2]).ok_or(CodecError::BadValue)?);
                    rest = &rest[2..];
                }
                let b = bmp::parse_strict(rest)?;
                EcrCommand::Registration {
                    password,
                    config,
                    currency,
                    service: b.byte(n::SERVICE),
                    tlv: b.tlv().map(|t| t.to_vec()),
                }
            }
            words::LOG_OFF => EcrCommand::LogOff,
            words::STATUS_ENQUIRY => {
                let (password, rest) = if d.len() >= 3 && d[0] != n::SERVICE {
                    (Some(pwd(d)?), &d[3..])
                } else {
                    (None, d)
                };
                let b = bmp::parse_strict(rest)?;
                EcrCommand::StatusEnquiry {
                    password,
                    service: b.byte(n::SERVICE),
                }
            }
            words::AUTHORISATION => {
                let b = bmp::parse_strict(d)?;
                let currency = match b.get(n::CURRENCY) {
                    Some(c) => Some(Currency::from_bcd(c).ok_or(CodecError::BadValue)?),
                    None => None,
                };
                let amount_minor = b.bcd(n::AMOUNT).ok_or(CodecError::BadValue)?;
                EcrCommand::Authorisation {
                    amount_minor,
                    currency,
                    payment_type: b.byte(n::STATUS_BYTE),
                    timeout: b.byte(n::TIMEOUT),
                }
            }
            words::REVERSAL => {
                let password = pwd(d)?;
                let b = bmp::parse_strict(&d[3..])?;
                let receipt = b.bcd(n::RECEIPT).ok_or(CodecError::BadValue)?;
                let amount = match (b.bcd(n::AMOUNT), b.get(n::CURRENCY)) {
                    (Some(minor), c) => Some(Amount {
                        minor,
                        currency: c.and_then(Currency::from_bcd).unwrap_or(Currency::CNY),
                    }),
                    _ => None,
                };
                EcrCommand::Reversal {
                    password,
                    receipt: receipt as u16,
                    amount,
                }
            }
            words::END_OF_DAY => EcrCommand::EndOfDay { password: pwd(d)? },
            words::DIAGNOSIS => {
                let b = bmp::parse_strict(d)?;
                let kind = b
                    .tlv()
                    .and_then(|t| tlv::find(t, tags::DIAGNOSIS_TYPE))
                    .and_then(|t| t.bytes())
                    .and_then(|v| v.first().copied());
                EcrCommand::Diagnosis { kind }
            }
            words::INITIALISATION => EcrCommand::Initialisation { password: pwd(d)? },
            words::SET_TERMINAL_ID => {
                let password = pwd(d)?;
                let b = bmp::parse_strict(&d[3..])?;
                let tid = match b.get(n::TID) {
                    Some(t) => Some(Tid::from_bcd(t).ok_or(CodecError::BadValue)?),
                    None => None,
                };
                EcrCommand::SetTerminalId { password, tid }
            }
            words::ECR_ABORT => EcrCommand::Abort,
            words::REPEAT_RECEIPT => EcrCommand::RepeatReceipt { password: pwd(d)? },
            _ => return Err(CodecError::UnknownCommand(apdu.class, apdu.instr)),
        })
    }
}

/// A message from the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PtMessage {
    /// `80 00 00` (or `84 00 00`): positive acknowledgement.
    Ack,
    /// `84 xx 00`: negative acknowledgement with an error code.
    Nack(ResultCode),
    /// `04 FF`: intermediate status (what the terminal shows now).
    Intermediate {
        /// The status code.
        status: IntermediateStatus,
        /// The timeout byte as sent: a new T4 in minutes when non-zero; 0 leaves T4 as it is.
        timeout: Option<u8>,
    },
    /// `04 0F`: status information (a payment's result and data). A BMP whose length cannot be
    /// known ends parsing; what was read before it is kept and the rest is in `Bmps::unparsed`;
    /// a container that cannot be read is dropped (`Bmps::dropped`). It is readable — and
    /// answered `80 00 00`, which books a payment — when all of it was read or at least its
    /// result code (BMP 27) was.
    StatusInfo(Bmps),
    /// `06 D1` (one line) or `06 D3` (a text block): receipt printing.
    Print(String),
    /// `06 0F`: completion; the data's layout depends on the command.
    Completion(Vec<u8>),
    /// `06 1E`: abort, with a result code unless the terminal sent none (`06 1E 00`).
    Abort {
        /// Why; `None` for an abort without a result code.
        code: Option<ResultCode>,
        /// The rest (e.g. TLV 1F16/1F17), kept.
        rest: Vec<u8>,
    },
    /// A message of a known kind whose data cannot be read (answered `84 9A 00`): for a status
    /// information, one whose reading stopped before its result code.
    Malformed(Apdu),
    /// A command posbind does not know, e.g. a vendor `0F xx` (answered `84 83 00`).
    Unknown(Apdu),
}

impl PtMessage {
    /// Classifies an APDU from the terminal.
    pub fn parse(apdu: &Apdu) -> PtMessage {
        let d = &apdu.data;
        match apdu.command() {
            words::ACK | (words::NACK_CLASS, 0x00) => PtMessage::Ack,
            (words::NACK_CLASS, code) => PtMessage::Nack(ResultCode(code)),
            words::INTERMEDIATE_STATUS => {
                parse_intermediate(d).unwrap_or(PtMessage::Malformed(apdu.clone()))
            }
            words::STATUS_INFO => {
                // Everything that can be read is kept (see `bmp::parse_partial`); a status
                // information is refused only when its result code is among what could not be
                // read — acknowledging it would book a payment whose result nobody knows.
                let (b, _) = bmp::parse_partial(d);
                if b.unparsed.is_empty() || b.get(n::RESULT_CODE).is_some() {
                    PtMessage::StatusInfo(b)
                } else {
                    PtMessage::Malformed(apdu.clone())
                }
            }
            words::PRINT_LINE => PtMessage::Print(print_text(d.get(1..).unwrap_or_default())),
            words::PRINT_BLOCK => PtMessage::Print(print_block(d)),
            words::COMPLETION => PtMessage::Completion(d.clone()),
            words::ABORT => PtMessage::Abort {
                code: d.first().copied().map(ResultCode),
                rest: d.get(1..).unwrap_or_default().to_vec(),
            },
            _ => PtMessage::Unknown(apdu.clone()),
        }
    }

    /// The APDU (the simulator sends these).
    pub fn to_apdu(&self) -> Apdu {
        match self {
            PtMessage::Ack => Apdu::ack(),
            PtMessage::Nack(c) => Apdu::nack(c.0),
            PtMessage::Intermediate { status, timeout } => {
                let mut d = vec![status.0];
                d.extend(timeout);
                Apdu::of(words::INTERMEDIATE_STATUS, d)
            }
            PtMessage::StatusInfo(b) => {
                let mut w = Writer::new();
                for f in &b.fields {
                    w = match f {
                        bmp::Bmp::Field { number, value } => match bmp::format_of(*number) {
                            Some(bmp::BmpFormat::LlVar) => w.llvar(*number, value),
                            Some(bmp::BmpFormat::LllVar) => w.lllvar(*number, value),
                            _ => w.field(*number, value),
                        },
                        bmp::Bmp::Tlv(t) => w.tlv(t),
                    };
                }
                Apdu::of(words::STATUS_INFO, w.raw(&b.unparsed).finish())
            }
            PtMessage::Print(text) => {
                let mut d = vec![0x00];
                d.extend_from_slice(text.as_bytes());
                Apdu::of(words::PRINT_LINE, d)
            }
            PtMessage::Completion(d) => Apdu::of(words::COMPLETION, d.clone()),
            PtMessage::Abort { code, rest } => {
                let mut d: Vec<u8> = code.iter().map(|c| c.0).collect();
                d.extend_from_slice(rest);
                Apdu::of(words::ABORT, d)
            }
            PtMessage::Malformed(a) | PtMessage::Unknown(a) => a.clone(),
        }
    }
}

fn parse_intermediate(d: &[u8]) -> Option<PtMessage> {
    let status = IntermediateStatus(*d.first()?);
    // `<status> [<timeout>] [06 <TLV>]`: a second byte is the timeout unless the rest is exactly
    // a TLV container.
    let timeout = match d.get(1..) {
        Some([]) | None => None,
        Some(rest)
            if rest[0] == n::TLV && bmp::parse(rest).is_ok_and(|b| b.unparsed.is_empty()) =>
        {
            None
        }
        Some(rest) => Some(rest[0]),
    };
    Some(PtMessage::Intermediate { status, timeout })
}

fn print_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

fn print_block(d: &[u8]) -> String {
    // `06 D3 <TLV>`: text lines are the primitive values; show them one per line.
    let Ok(b) = bmp::parse(d) else {
        return String::new();
    };
    let mut lines = vec![];
    fn collect(objs: &[Tlv], out: &mut Vec<String>) {
        for o in objs {
            match &o.value {
                tlv::TlvValue::Primitive(v) => out.push(print_text(v)),
                tlv::TlvValue::Constructed(c) => collect(c, out),
            }
        }
    }
    if let Some(t) = b.tlv() {
        collect(t, &mut lines);
    }
    lines.join("\n")
}

/// End-of-Day individual totals (BMP 60): binary and BCD, not text — the receipt-number range
/// (2 bytes BCD each), then for each card type in the spec's fixed order a count (1 byte
/// binary) and a turnover (6 bytes BCD, minor units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// First receipt number of the batch.
    pub receipt_first: u16,
    /// Last receipt number of the batch.
    pub receipt_last: u16,
    /// (count, turnover) per card type, in [`Totals::CARD_TYPES`] order.
    pub by_card: [(u8, u64); 7],
}

impl Totals {
    /// The card types of the totals record, in order.
    pub const CARD_TYPES: [&'static str; 7] = [
        "girocard", "JCB", "Eurocard", "Amex", "Visa", "Diners", "other",
    ];
    /// Index of "other cards" (where a UnionPay card counts).
    pub const OTHER: usize = 6;
    const LEN: usize = 4 + 7 * 7;

    /// The BMP 60 value.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(Self::LEN);
        for r in [self.receipt_first, self.receipt_last] {
            out.extend(bcd::encode(u64::from(r), 2).unwrap_or_else(|| vec![0x99; 2]));
        }
        for (count, turnover) in self.by_card {
            out.push(count);
            out.extend(bcd::encode(turnover, 6).unwrap_or_else(|| vec![0x99; 6]));
        }
        out
    }

    /// Reads a BMP 60 value.
    pub fn parse(v: &[u8]) -> Result<Totals, CodecError> {
        if v.len() < Self::LEN {
            return Err(CodecError::Truncated);
        }
        let num = |b: &[u8]| bcd::decode(b).ok_or(CodecError::BadValue);
        let mut t = Totals {
            receipt_first: num(&v[0..2])? as u16,
            receipt_last: num(&v[2..4])? as u16,
            ..Totals::default()
        };
        for (i, chunk) in v[4..Self::LEN].chunks(7).enumerate() {
            t.by_card[i] = (chunk[0], num(&chunk[1..])?);
        }
        Ok(t)
    }
}

/// The identity and state a Status-Enquiry completion reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    /// Serial number (TLV 1F42).
    pub serial: Option<SerialNumber>,
    /// Device name (TLV 1F40).
    pub device_name: Option<String>,
    /// Software version (positional LLLVAR, or TLV 1F41).
    pub software_version: Option<String>,
    /// Terminal ID (TLV 1F44).
    pub tid: Option<Tid>,
    /// Terminal status code.
    pub status: Option<TerminalStatus>,
    /// Device state (TLV 1F43).
    pub device_state: Option<DeviceState>,
}

impl Identity {
    /// Parses `06 0F` data of a Status-Enquiry: `[SW-version LLLVAR] <status> [06 TLV]`.
    pub fn parse_completion(data: &[u8]) -> Result<Identity, CodecError> {
        let mut id = Identity::default();
        let mut rest = data;
        // The software version is an LLLVAR (three `F0`-`F9` length bytes), but some terminals
        // leave it out; then the first byte is the terminal status, which may itself be `F0`
        // (reconciliation required) — the bytes after it tell the two apart.
        if rest.len() >= 3 && rest[..3].iter().all(|b| b & 0xF0 == 0xF0 && b & 0x0F <= 9) {
            let (v, used) = bmp::read_lllvar(rest)?;
            id.software_version = Some(ascii(&v));
            rest = &rest[used..];
        }
        if let Some((&status, after)) = rest.split_first() {
            id.status = Some(TerminalStatus(status));
            rest = after;
        }
        let b = bmp::parse(rest)?;
        if let Some(objs) = b.tlv() {
            id.fill_from_tlv(objs);
        }
        if id.tid.is_none() {
            id.tid = b.get(n::TID).and_then(Tid::from_bcd);
        }
        Ok(id)
    }

    /// Takes identity fields from TLV objects (`1F44`, `E4{1F40,1F41,1F42,1F43}`).
    pub fn fill_from_tlv(&mut self, objs: &[Tlv]) {
        let get = |tag| tlv::find(objs, tag).and_then(|t| t.bytes());
        if let Some(v) = get(tags::SERIAL_NUMBER) {
            self.serial = Some(SerialNumber(v.to_vec()));
        }
        if let Some(v) = get(tags::DEVICE_NAME) {
            self.device_name = Some(ascii(v));
        }
        if let (None, Some(v)) = (&self.software_version, get(tags::SOFTWARE_VERSION)) {
            self.software_version = Some(ascii(v));
        }
        if let Some(v) = get(tags::DEVICE_STATE).and_then(|v| v.first()) {
            self.device_state = Some(DeviceState(*v));
        }
        if let Some(v) = get(tags::TERMINAL_ID) {
            self.tid = Tid::from_bcd(v);
        }
    }

    /// Encodes the completion data (the simulator's answer).
    pub fn encode_completion(&self, with_version: bool, with_tlv: bool) -> Vec<u8> {
        let mut d = vec![];
        if with_version {
            let v = self.software_version.clone().unwrap_or_default();
            d.extend(bmp::lllvar_bytes(v.as_bytes()));
        }
        d.push(self.status.unwrap_or(TerminalStatus::READY).0);
        if with_tlv {
            let mut info = vec![];
            if let Some(v) = &self.device_name {
                info.push(Tlv::primitive(tags::DEVICE_NAME, v.as_bytes().to_vec()));
            }
            if let Some(v) = &self.software_version {
                info.push(Tlv::primitive(
                    tags::SOFTWARE_VERSION,
                    v.as_bytes().to_vec(),
                ));
            }
            if let Some(s) = &self.serial {
                info.push(Tlv::primitive(tags::SERIAL_NUMBER, s.0.clone()));
            }
            if let Some(s) = self.device_state {
                info.push(Tlv::primitive(tags::DEVICE_STATE, vec![s.0]));
            }
            let mut objs = vec![];
            if let Some(t) = &self.tid {
                objs.push(Tlv::primitive(tags::TERMINAL_ID, t.to_bcd()));
            }
            objs.push(Tlv::constructed(tags::DEVICE_INFO, info));
            d.extend(tlv::encode_container(&objs));
        }
        d
    }
}

fn ascii(v: &[u8]) -> String {
    String::from_utf8_lossy(v)
        .trim_end_matches('\0')
        .trim()
        .to_string()
}

/// What a payment or reversal's status information (`04 0F`) reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaymentInfo {
    /// Result code (BMP 27).
    pub result: Option<ResultCode>,
    /// Amount in minor units (BMP 04).
    pub amount_minor: Option<u64>,
    /// Currency (BMP 49).
    pub currency: Option<Currency>,
    /// Trace number (BMP 0B).
    pub trace: Option<u32>,
    /// Receipt number (BMP 87).
    pub receipt: Option<u16>,
    /// Original trace number (BMP 37): set in a reversal's status information.
    pub original_trace: Option<u32>,
    /// Terminal ID (BMP 29).
    pub tid: Option<Tid>,
    /// Masked PAN as printed (BMP 22: `E` shown as `*`, `F` padding dropped).
    pub masked_pan: Option<String>,
    /// Card name (BMP 8B).
    pub card_name: Option<String>,
    /// Time HHMMSS and date MMDD as digits.
    pub time: Option<String>,
    /// Date MMDD.
    pub date: Option<String>,
    /// Some of the status information could not be read (a BMP of unknown length ended the
    /// reading, or a container was dropped): a field that is `None` may have been sent.
    pub unread: bool,
}

impl PaymentInfo {
    /// Reads the fields posbind uses from a `04 0F`.
    pub fn from_bmps(b: &Bmps) -> PaymentInfo {
        PaymentInfo {
            result: b.byte(n::RESULT_CODE).map(ResultCode),
            amount_minor: b.bcd(n::AMOUNT),
            currency: b.get(n::CURRENCY).and_then(Currency::from_bcd),
            trace: b.bcd(n::TRACE).map(|v| v as u32),
            receipt: b.bcd(n::RECEIPT).map(|v| v as u16),
            original_trace: b.bcd(n::ORIGINAL_TRACE).map(|v| v as u32),
            tid: b.get(n::TID).and_then(Tid::from_bcd),
            masked_pan: b.get(n::PAN).map(masked_pan),
            card_name: b.get(n::CARD_NAME).map(ascii),
            time: b.get(n::TIME).and_then(bcd::digits),
            date: b.get(n::DATE).and_then(bcd::digits),
            unread: b.unread(),
        }
    }
}

/// BMP 22's PAN as text: digits, `E` (masked) as `*`, `F` padding dropped.
pub fn masked_pan(v: &[u8]) -> String {
    v.iter()
        .flat_map(|b| [b >> 4, b & 0x0F])
        .filter_map(|nib| match nib {
            0..=9 => Some(char::from(b'0' + nib)),
            0x0E => Some('*'),
            _ => None,
        })
        .collect()
}

/// Packs a masked PAN (`621626******0018`) as BMP 22 wants it: `*` → `E`, padded with `F`.
pub fn pack_masked_pan(text: &str) -> Vec<u8> {
    let mut nibbles: Vec<u8> = text
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c as u8 - b'0'),
            '*' => Some(0x0E),
            _ => None,
        })
        .collect();
    if nibbles.len() % 2 == 1 {
        nibbles.push(0x0F);
    }
    nibbles.chunks(2).map(|p| (p[0] << 4) | p[1]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zvt::bcd::parse_hex;

    fn h(s: &str) -> Vec<u8> {
        parse_hex(s).unwrap()
    }

    fn pwd(s: &str) -> Password {
        Password::parse(s).unwrap()
    }

    /// ECR commands of the golden frames (zvt notes §6).
    #[test]
    fn golden_commands_encode_and_parse_back() {
        let cases = vec![
            (
                "05 01 03 12 34 56",
                EcrCommand::StatusEnquiry {
                    password: Some(pwd("123456")),
                    service: None,
                },
            ),
            (
                "06 01 07 04 00 00 00 00 01 90",
                EcrCommand::Authorisation {
                    amount_minor: 190,
                    currency: None,
                    payment_type: None,
                    timeout: None,
                },
            ),
            (
                "06 00 06 12 34 56 DE 09 78",
                EcrCommand::Registration {
                    password: pwd("123456"),
                    config: 0xDE,
                    currency: Some(Currency::EUR),
                    service: None,
                    tlv: None,
                },
            ),
            (
                "05 01 05 00 00 00 03 04",
                EcrCommand::StatusEnquiry {
                    password: Some(pwd("000000")),
                    service: Some(4),
                },
            ),
            (
                "06 1B 08 00 00 00 29 12 34 56 78",
                EcrCommand::SetTerminalId {
                    password: pwd("000000"),
                    tid: Tid::parse("12345678"),
                },
            ),
            (
                "06 93 03 00 00 00",
                EcrCommand::Initialisation {
                    password: pwd("000000"),
                },
            ),
            (
                "06 30 06 00 00 00 87 00 01",
                EcrCommand::Reversal {
                    password: pwd("000000"),
                    receipt: 1,
                    amount: None,
                },
            ),
            (
                "06 50 03 00 00 00",
                EcrCommand::EndOfDay {
                    password: pwd("000000"),
                },
            ),
            (
                "05 01 00",
                EcrCommand::StatusEnquiry {
                    password: None,
                    service: None,
                },
            ),
        ];
        for (hex, cmd) in cases {
            let apdu = Apdu::decode(&h(hex)).unwrap();
            assert_eq!(cmd.to_apdu(), apdu, "encoding {}", cmd.name());
            assert_eq!(EcrCommand::parse(&apdu).unwrap(), cmd, "parsing {hex}");
        }
    }

    #[test]
    fn authorisation_carries_the_currency_explicitly() {
        let cmd = EcrCommand::Authorisation {
            amount_minor: 1,
            currency: Some(Currency::CNY),
            payment_type: None,
            timeout: Some(60),
        };
        let apdu = cmd.to_apdu();
        assert_eq!(
            apdu.encode(),
            h("06 01 0C 04 00 00 00 00 00 01 49 01 56 01 3C")
        );
        assert_eq!(EcrCommand::parse(&apdu).unwrap(), cmd);
    }

    #[test]
    fn registration_with_tlv_enabled_and_cny() {
        let cmd = EcrCommand::Registration {
            password: pwd("000000"),
            config: config::POSBIND_DEFAULT,
            currency: Some(Currency::CNY),
            service: None,
            tlv: Some(vec![]),
        };
        let apdu = cmd.to_apdu();
        assert_eq!(apdu.encode(), h("06 00 08 00 00 00 38 01 56 06 00"));
        assert_eq!(EcrCommand::parse(&apdu).unwrap(), cmd);
    }

    #[test]
    fn unknown_commands_and_bmps_are_refused() {
        assert_eq!(
            EcrCommand::parse(&Apdu::new(0x08, 0x99, vec![])),
            Err(CodecError::UnknownCommand(0x08, 0x99))
        );
        let bad = Apdu::new(0x06, 0x01, h("04 00 00 00 00 00 01 5E 01"));
        assert_eq!(EcrCommand::parse(&bad), Err(CodecError::UnknownBmp(0x5E)));
    }

    #[test]
    fn status_enquiry_completion_golden_and_with_identity() {
        let mut d = h("F0 F1 F7");
        d.extend_from_slice(b"061022a M IC_ Std");
        d.push(0x00);
        let id = Identity::parse_completion(&d).unwrap();
        assert_eq!(id.software_version.as_deref(), Some("061022a M IC_ Std"));
        assert_eq!(id.status, Some(TerminalStatus::READY));

        let full = Identity {
            serial: SerialNumber::parse_hex("0012AB34"),
            device_name: Some("posbind-sim".into()),
            software_version: Some("1.0.0".into()),
            tid: Tid::parse("00012345"),
            status: Some(TerminalStatus::ACTIVATION_REQUIRED),
            device_state: Some(DeviceState(1)),
        };
        let back = Identity::parse_completion(&full.encode_completion(true, true)).unwrap();
        assert_eq!(back, full);
        assert_eq!(back.tid.unwrap().as_str(), "00012345", "leading zeros kept");
        assert_eq!(back.serial.unwrap().hex(), "0012AB34");
    }

    #[test]
    fn pt_messages_round_trip() {
        let msgs = vec![
            PtMessage::Ack,
            PtMessage::Nack(ResultCode(0x83)),
            PtMessage::Intermediate {
                status: IntermediateStatus::INSERT_CARD,
                timeout: Some(30),
            },
            PtMessage::Intermediate {
                status: IntermediateStatus::PLEASE_WAIT,
                timeout: None,
            },
            PtMessage::Print("SALE 0.01".into()),
            PtMessage::Completion(vec![]),
            PtMessage::Abort {
                code: Some(ResultCode::ABORTED),
                rest: vec![],
            },
            PtMessage::Abort {
                code: None,
                rest: vec![],
            },
        ];
        for m in msgs {
            assert_eq!(PtMessage::parse(&m.to_apdu()), m);
        }
        assert_eq!(
            PtMessage::parse(&Apdu::new(0x84, 0x00, vec![])),
            PtMessage::Ack
        );
    }

    #[test]
    fn payment_status_information_is_read() {
        let data = Writer::new()
            .byte(n::RESULT_CODE, 0)
            .bcd(n::AMOUNT, 1, 6)
            .bcd(n::TRACE, 17, 3)
            .bcd(n::RECEIPT, 3, 2)
            .llvar(n::PAN, &pack_masked_pan("621626*********0018"))
            .llvar(n::CARD_NAME, b"UnionPay")
            .finish();
        let msg = PtMessage::parse(&Apdu::new(0x04, 0x0F, data));
        let PtMessage::StatusInfo(b) = msg else {
            panic!("not status info")
        };
        let p = PaymentInfo::from_bmps(&b);
        assert_eq!(p.result, Some(ResultCode::SUCCESS));
        assert_eq!(p.receipt, Some(3));
        assert_eq!(p.masked_pan.as_deref(), Some("621626*********0018"));
        assert_eq!(p.card_name.as_deref(), Some("UnionPay"));
    }

    #[test]
    fn an_unknown_bmp_before_the_receipt_leaves_the_payment_readable_and_marked_unread() {
        let mut data = Writer::new()
            .byte(n::RESULT_CODE, 0)
            .bcd(n::AMOUNT, 1, 6)
            .bcd(n::TRACE, 17, 3)
            .finish();
        data.extend([0x5E, 0x01, 0x02, 0x03]);
        data.extend(Writer::new().bcd(n::RECEIPT, 3, 2).finish());
        let PtMessage::StatusInfo(b) = PtMessage::parse(&Apdu::new(0x04, 0x0F, data)) else {
            panic!("not status info")
        };
        let p = PaymentInfo::from_bmps(&b);
        assert_eq!(p.result, Some(ResultCode::SUCCESS));
        assert_eq!(p.trace, Some(17));
        assert_eq!(p.receipt, None, "behind the unknown BMP");
        assert!(p.unread);
    }

    #[test]
    fn a_malformed_tlv_container_is_dropped_from_a_status_information() {
        let data = h("27 00 04 00 00 00 00 00 01 06 05 1F 42 09 AA BB 0B 00 00 17 87 00 03");
        let PtMessage::StatusInfo(b) = PtMessage::parse(&Apdu::new(0x04, 0x0F, data)) else {
            panic!("not status info")
        };
        let p = PaymentInfo::from_bmps(&b);
        assert_eq!(
            (p.result, p.amount_minor, p.trace, p.receipt),
            (Some(ResultCode::SUCCESS), Some(1), Some(17), Some(3))
        );
        assert!(p.unread);
        let whole = PaymentInfo::from_bmps(&bmp::parse(&h("27 00 87 00 03")).unwrap());
        assert!(!whole.unread);
    }

    #[test]
    fn value_types_parse_strictly() {
        assert_eq!(Amount::parse("0.01", Currency::CNY).unwrap().minor, 1);
        assert_eq!(Amount::parse("12.5", Currency::CNY).unwrap().minor, 1250);
        assert!(Amount::parse("1.234", Currency::CNY).is_none());
        assert!(Amount::parse("-1", Currency::CNY).is_none());
        assert!(Amount::parse("", Currency::CNY).is_none());
        assert_eq!(
            Amount::parse("0.01", Currency::CNY).unwrap().to_string(),
            "0.01 CNY"
        );
        assert!(Tid::parse("1234567").is_none());
        assert!(Password::parse("12345a").is_none());
        assert_eq!(format!("{:?}", pwd("123456")), "Password(******)");
        let sn = SerialNumber::parse_hex("12ab34cd").unwrap();
        assert!(sn.matches_label("12-AB-34-CD"));
        assert!(sn.matches_label(" 12ab 34cd "));
        assert!(!sn.matches_label("12AB34CE"));
        assert!(!sn.matches_label(""));
    }

    #[test]
    fn status_enquiry_completion_without_software_version() {
        // Status F0 (reconciliation required) and a TLV with the TID, no LLLVAR version.
        let data = h("F0 06 07 1F 44 04 12 34 56 78");
        let id = Identity::parse_completion(&data).unwrap();
        assert_eq!(id.status, Some(TerminalStatus::RECONCILIATION_REQUIRED));
        assert_eq!(id.software_version, None);
        assert_eq!(id.tid.unwrap().as_str(), "12345678");
        // The real-terminal golden frame: version and status, no TLV.
        let golden = h("F0 F1 F7 30 36 31 30 32 32 61 20 4D 20 49 43 5F 20 53 74 64 00");
        let id = Identity::parse_completion(&golden).unwrap();
        assert_eq!(id.software_version.as_deref(), Some("061022a M IC_ Std"));
        assert_eq!(id.status, Some(TerminalStatus::READY));
        assert_eq!(id.serial, None);
    }

    #[test]
    fn unknown_and_malformed_terminal_messages_are_told_apart() {
        let vendor = Apdu::decode(&h("0F A1 00")).unwrap();
        assert_eq!(
            PtMessage::parse(&vendor),
            PtMessage::Unknown(vendor.clone())
        );
        let empty_status = Apdu::decode(&h("04 FF 00")).unwrap();
        assert!(matches!(
            PtMessage::parse(&empty_status),
            PtMessage::Malformed(_)
        ));
        // Damaged before its result code: nothing says what happened to the payment.
        let bad_info = Apdu::decode(&h("04 0F 04 04 00 22 F1")).unwrap();
        assert!(matches!(
            PtMessage::parse(&bad_info),
            PtMessage::Malformed(_)
        ));
        let unknown_first = Apdu::decode(&h("04 0F 04 5E 01 27 00")).unwrap();
        assert!(matches!(
            PtMessage::parse(&unknown_first),
            PtMessage::Malformed(_)
        ));
        // Damaged after it: what was read is kept, and the rest is marked unread.
        let late_damage = Apdu::decode(&h("04 0F 04 27 00 22 F1")).unwrap();
        match PtMessage::parse(&late_damage) {
            PtMessage::StatusInfo(b) => {
                assert_eq!(b.byte(n::RESULT_CODE), Some(0));
                assert_eq!(b.unparsed, [0x22, 0xF1]);
            }
            other => panic!("{other:?}"),
        }
        // An unknown BMP only ends parsing: the result code before it is kept.
        let exotic = Apdu::decode(&h("04 0F 05 27 00 5E 01 02")).unwrap();
        match PtMessage::parse(&exotic) {
            PtMessage::StatusInfo(b) => {
                assert_eq!(b.byte(n::RESULT_CODE), Some(0));
                assert_eq!(b.unparsed, [0x5E, 0x01, 0x02]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn abort_without_a_result_code_is_not_given_one() {
        let a = Apdu::decode(&h("06 1E 00")).unwrap();
        assert_eq!(
            PtMessage::parse(&a),
            PtMessage::Abort {
                code: None,
                rest: vec![]
            }
        );
    }

    #[test]
    fn repeat_receipt_round_trips() {
        let cmd = EcrCommand::RepeatReceipt {
            password: pwd("000000"),
        };
        assert_eq!(cmd.to_apdu().encode(), h("06 20 03 00 00 00"));
        assert_eq!(EcrCommand::parse(&cmd.to_apdu()).unwrap(), cmd);
    }

    #[test]
    fn end_of_day_totals_are_binary_and_bcd() {
        let mut t = Totals {
            receipt_first: 1,
            receipt_last: 12,
            ..Totals::default()
        };
        t.by_card[Totals::OTHER] = (10, 10);
        let v = t.encode();
        assert_eq!(&v[..4], &[0x00, 0x01, 0x00, 0x12]);
        assert_eq!(&v[46..], &[10, 0, 0, 0, 0, 0, 0x10]);
        assert_eq!(Totals::parse(&v).unwrap(), t);
        assert_eq!(Totals::parse(&v[..10]), Err(CodecError::Truncated));
    }
}
