//! The driver protocol's messages (version [`VERSION`]), as `docs/driver-protocol.md` writes
//! them down: one JSON object per line; posbind sends requests, the driver answers each with
//! events and one final answer. This module is pure (no I/O): it builds request lines and reads
//! the driver's lines into typed messages, so the driver client, the conformance check and the
//! reference driver share one reading of the protocol.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::super::terminal::{PaymentData, Showing, TerminalCode, TerminalIdentity};

/// The protocol version this posbind speaks.
pub const VERSION: u32 = 1;

/// The longest line either side may send (bytes, newline excluded).
pub const MAX_LINE: usize = 64 * 1024;

/// Operations a driver must offer.
pub const REQUIRED_OPS: [&str; 5] = ["identify", "status", "pay", "void", "last"];

/// Operations a driver may offer (it lists the ones it does in its hello answer).
pub const OPTIONAL_OPS: [&str; 6] = ["set_tid", "download", "sign_on", "settle", "abort", "close"];

/// A request from posbind: its id, the operation and the operation's fields.
pub fn request(id: u64, op: &str, fields: Value) -> String {
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("op".into(), json!(op));
    if let Value::Object(f) = fields {
        m.extend(f);
    }
    Value::Object(m).to_string()
}

/// What a driver's line says.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// An event while command `id` runs.
    Event {
        /// The command's id.
        id: u64,
        /// What happened.
        event: Event,
    },
    /// The final answer to command `id`: the whole object on success, the error otherwise.
    Answer {
        /// The command's id.
        id: u64,
        /// The answer's fields (success) or the driver's error.
        result: Result<Value, DriverRefusal>,
    },
}

/// An event while a command runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The driver handed the command to the terminal.
    Accepted,
    /// The terminal shows something: a status word (mapped to what posbind words) and the
    /// terminal's own text, if any.
    Display {
        /// The status word (`insert_card`, `pin`, …).
        status: String,
        /// The terminal's own text.
        text: Option<String>,
    },
    /// The terminal booked the payment (before the driver lets the terminal go on).
    Committed(PaymentData),
    /// The driver lost sight of the payment's outcome (e.g. the terminal stopped answering).
    OutcomeUnknown,
}

/// An error a driver answered with: its code word and its own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverRefusal {
    /// The code word (`declined`, `not_possible`, …; see [`ERROR_CODES`]).
    pub code: String,
    /// The driver's or terminal's own text.
    pub text: Option<String>,
}

/// The error code words of version 1.
pub const ERROR_CODES: [&str; 13] = [
    "declined",
    "failed",
    "aborted",
    "stopped",
    "not_possible",
    "already_voided",
    "void_not_possible",
    "batch_open",
    "wrong_currency",
    "not_ready",
    "host_unreachable",
    "unsupported",
    "version",
];

/// Why a line is not a protocol message, for the error naming the driver (in words: the
/// `driver-why` selector of the `driver-error-…` messages, in each language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAMessage {
    /// Not a JSON object.
    NotJson,
    /// No numeric `id`.
    NoId,
    /// An event this version does not have.
    UnknownEvent(String),
    /// An error answer without a `code`.
    NoErrorCode,
    /// Neither `event` nor `ok`.
    Neither,
    /// A field the message needs is missing.
    Missing(&'static str),
    /// A field is there but cannot be read (the JSON reader's own words, in English).
    Unreadable(&'static str, String),
    /// A line longer than [`MAX_LINE`].
    TooLong,
}

impl NotAMessage {
    /// The `why` selector and the arguments its words use.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        let (why, field, detail) = match self {
            NotAMessage::NotJson => ("not-json", "", String::new()),
            NotAMessage::NoId => ("no-id", "", String::new()),
            NotAMessage::UnknownEvent(e) => ("unknown-event", "", e.clone()),
            NotAMessage::NoErrorCode => ("no-error-code", "", String::new()),
            NotAMessage::Neither => ("neither", "", String::new()),
            NotAMessage::Missing(f) => ("missing", *f, String::new()),
            NotAMessage::Unreadable(f, e) => ("unreadable", *f, e.clone()),
            NotAMessage::TooLong => ("too-long", "", MAX_LINE.to_string()),
        };
        vec![
            ("why", why.to_string()),
            ("field", field.to_string()),
            ("detail", detail),
        ]
    }
}

/// Reads one line of the driver.
pub fn parse(line: &str) -> Result<Message, NotAMessage> {
    let v: Value = serde_json::from_str(line).map_err(|_| NotAMessage::NotJson)?;
    let Value::Object(o) = v else {
        return Err(NotAMessage::NotJson);
    };
    let id = o
        .get("id")
        .and_then(Value::as_u64)
        .ok_or(NotAMessage::NoId)?;
    if let Some(event) = o.get("event") {
        let event = match event.as_str() {
            Some("accepted") => Event::Accepted,
            Some("display") => Event::Display {
                status: o
                    .get("status")
                    .and_then(Value::as_str)
                    .unwrap_or("please_wait")
                    .to_string(),
                text: o.get("text").and_then(Value::as_str).map(str::to_string),
            },
            Some("committed") => Event::Committed(payment(o.get("payment"))?),
            Some("outcome_unknown") => Event::OutcomeUnknown,
            _ => return Err(NotAMessage::UnknownEvent(event.to_string())),
        };
        return Ok(Message::Event { id, event });
    }
    let result = match o.get("ok").and_then(Value::as_bool) {
        Some(true) => Ok(Value::Object(o)),
        Some(false) => {
            let e = o.get("error");
            let code = e
                .and_then(|e| e.get("code"))
                .and_then(Value::as_str)
                .ok_or(NotAMessage::NoErrorCode)?;
            Err(DriverRefusal {
                code: code.to_string(),
                text: e
                    .and_then(|e| e.get("text"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
            })
        }
        None => return Err(NotAMessage::Neither),
    };
    Ok(Message::Answer { id, result })
}

/// A payment object as the protocol writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// Whether the terminal approved it; absent when it did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<bool>,
    /// Amount in minor units (fen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_minor: Option<u64>,
    /// Trace number (凭证号 / 流水号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<u32>,
    /// Receipt number: what a void names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<u16>,
    /// On a void: the trace number of the payment it voided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_trace: Option<u32>,
    /// Terminal ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<String>,
}

impl From<&Payment> for PaymentData {
    fn from(p: &Payment) -> PaymentData {
        PaymentData {
            result: p.approved.map(|ok| match ok {
                true => TerminalCode(0x00),
                false => TerminalCode(0x05),
            }),
            amount_minor: p.amount_minor,
            trace: p.trace,
            receipt: p.receipt,
            original_trace: p.original_trace,
            tid: p.tid.clone(),
            unread: false,
        }
    }
}

impl From<&PaymentData> for Payment {
    fn from(p: &PaymentData) -> Payment {
        Payment {
            approved: p.result.map(TerminalCode::is_success),
            amount_minor: p.amount_minor,
            trace: p.trace,
            receipt: p.receipt,
            original_trace: p.original_trace,
            tid: p.tid.clone(),
        }
    }
}

/// A payment object; one that is there but cannot be read is not a message.
fn payment(v: Option<&Value>) -> Result<PaymentData, NotAMessage> {
    let v = v.ok_or(NotAMessage::Missing("payment"))?;
    serde_json::from_value::<Payment>(v.clone())
        .map(|p| PaymentData::from(&p))
        .map_err(|e| NotAMessage::Unreadable("payment", e.to_string()))
}

/// The payment of a successful answer (`pay`, `void`); `None` for `last` with `null`.
pub fn answer_payment(answer: &Value) -> Result<Option<PaymentData>, NotAMessage> {
    match answer.get("payment") {
        None => Err(NotAMessage::Missing("payment")),
        Some(Value::Null) => Ok(None),
        Some(v) => payment(Some(v)).map(Some),
    }
}

/// The identity as the protocol writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Serial number as on the label (SN).
    #[serde(default)]
    pub serial: String,
    /// Terminal ID (终端号).
    #[serde(default)]
    pub tid: String,
    /// Model.
    #[serde(default)]
    pub model: String,
    /// Software version.
    #[serde(default)]
    pub version: String,
    /// The terminal's status: `ready`, or a word or code the driver chooses.
    #[serde(default)]
    pub status: String,
}

/// The identity of an `identify` or `status` answer.
pub fn answer_identity(answer: &Value) -> Result<TerminalIdentity, NotAMessage> {
    let v = answer
        .get("identity")
        .ok_or(NotAMessage::Missing("identity"))?;
    let i: Identity = serde_json::from_value(v.clone())
        .map_err(|e| NotAMessage::Unreadable("identity", e.to_string()))?;
    Ok(TerminalIdentity {
        serial: i.serial,
        name: i.model,
        version: i.version,
        tid: i.tid,
        // The device layer's status code: `00` is ready.
        status: match i.status.as_str() {
            "ready" | "00" => "00".into(),
            "" => String::new(),
            other => other.to_string(),
        },
    })
}

/// The status words of `display` events and what posbind shows for each.
pub const DISPLAY_WORDS: [(&str, u8); 7] = [
    ("confirm_amount", 0x00),
    ("pin", 0x01),
    ("waiting_for_host", 0x04),
    ("insert_card", 0x0A),
    ("remove_card", 0x0B),
    ("please_wait", 0x0E),
    ("incorrect_pin", 0x15),
];

/// What the terminal shows for a status word; an unknown word is "please wait".
pub fn showing(word: &str) -> Showing {
    DISPLAY_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, c)| Showing(*c))
        .unwrap_or(Showing(0x0E))
}

/// The status word for what a terminal shows (the reference driver's direction).
pub fn display_word(s: Showing) -> &'static str {
    DISPLAY_WORDS
        .iter()
        .find(|(_, c)| *c == s.0)
        .map(|(w, _)| *w)
        .unwrap_or("please_wait")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_one_line_objects_with_id_and_op() {
        let line = request(3, "pay", json!({"amount_minor": 1, "currency": 156}));
        assert!(!line.contains('\n'));
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["id"], 3);
        assert_eq!(v["op"], "pay");
        assert_eq!(v["amount_minor"], 1);
    }

    #[test]
    fn events_answers_and_errors_are_read() {
        assert_eq!(
            parse(r#"{"id":2,"event":"display","status":"insert_card","text":"请插卡"}"#),
            Ok(Message::Event {
                id: 2,
                event: Event::Display {
                    status: "insert_card".into(),
                    text: Some("请插卡".into())
                }
            })
        );
        let Ok(Message::Event {
            event: Event::Committed(p),
            ..
        }) = parse(r#"{"id":2,"event":"committed","payment":{"approved":true,"receipt":7}}"#)
        else {
            panic!()
        };
        assert_eq!(p.receipt, Some(7));
        assert_eq!(p.result, Some(TerminalCode(0)));
        assert_eq!(
            parse(r#"{"id":4,"ok":false,"error":{"code":"declined","text":"余额不足"}}"#),
            Ok(Message::Answer {
                id: 4,
                result: Err(DriverRefusal {
                    code: "declined".into(),
                    text: Some("余额不足".into())
                })
            })
        );
    }

    #[test]
    fn what_is_not_a_message_says_why() {
        for (line, why) in [
            ("hello there", NotAMessage::NotJson),
            ("[1,2]", NotAMessage::NotJson),
            (r#"{"ok":true}"#, NotAMessage::NoId),
            (r#"{"id":1}"#, NotAMessage::Neither),
            (
                r#"{"id":1,"event":"dance"}"#,
                NotAMessage::UnknownEvent("\"dance\"".into()),
            ),
            (
                r#"{"id":1,"ok":false,"error":{}}"#,
                NotAMessage::NoErrorCode,
            ),
            (
                r#"{"id":1,"event":"committed"}"#,
                NotAMessage::Missing("payment"),
            ),
        ] {
            assert_eq!(parse(line).unwrap_err(), why, "{line}");
        }
        let unreadable = parse(r#"{"id":1,"event":"committed","payment":{"receipt":"x"}}"#);
        assert!(
            matches!(unreadable, Err(NotAMessage::Unreadable("payment", _))),
            "{unreadable:?}"
        );
    }

    #[test]
    fn display_words_round_trip_and_unknown_ones_mean_please_wait() {
        for (w, c) in DISPLAY_WORDS {
            assert_eq!(showing(w), Showing(c));
            assert_eq!(display_word(Showing(c)), w);
        }
        assert_eq!(showing("dancing"), Showing(0x0E));
    }

    #[test]
    fn a_ready_identity_has_status_00() {
        let v = json!({"identity": {"serial": "SN1", "tid": "12345678", "status": "ready"}});
        let i = answer_identity(&v).unwrap();
        assert_eq!((i.serial.as_str(), i.status.as_str()), ("SN1", "00"));
        assert!(answer_identity(&json!({})).is_err());
    }
}
