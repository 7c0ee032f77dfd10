//! The reference driver in Rust: posbind's own simulated terminal behind the driver protocol
//! (`docs/driver-protocol.md`), so that the seam between posbind and a driver is proven end to
//! end — every fault seed of the simulator included — without a real terminal.
//!
//! ```sh
//! cargo build --example driver_sim
//! posbind test-loop --mode payment --port "driver:target/debug/examples/driver_sim --sim seed=7"
//! posbind driver check -- target/debug/examples/driver_sim --sim state_file=/tmp/sim.json
//! ```
//!
//! Options: `--sim KEY=VALUE` (repeatable) sets the simulated terminal as `posbind --sim` does
//! (`state_file=PATH` keeps its payments across restarts, so a payment booked before a crash
//! can be voided by the next run); `--misbehave WHAT` makes the driver break the protocol on
//! purpose, for posbind's tests: `garbage` (answers the hello with noise), `hang` (answers
//! nothing after the hello), `exit` (exits at once), `version` (speaks version 2),
//! `crash-after-commit` (exits right after reporting a payment committed).

use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use posbind::device::driver::protocol::{self, Identity, Payment};
use posbind::device::{
    Amount, Currency, DeviceError, LineSettings, PaymentTerminal, PortSpec, Registry, TerminalCode,
    TerminalEvent, TerminalIdentity, Tid,
};
use posbind::i18n::device::error_text;
use posbind::i18n::Lang;
use posbind::sim::SimConfig;
use serde_json::{json, Value};

/// The ways this driver can misbehave on purpose.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Misbehave {
    None,
    Garbage,
    Hang,
    Exit,
    Version,
    CrashAfterCommit,
}

/// One line to posbind. Every message is written whole and flushed at once.
fn say(v: Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{v}");
    let _ = out.flush();
}

fn answer(id: u64, mut fields: Value) {
    fields["id"] = json!(id);
    fields["ok"] = json!(true);
    say(fields);
}

fn refuse(id: u64, code: &str, text: &str) {
    say(json!({"id": id, "ok": false, "error": {"code": code, "text": text}}));
}

/// The protocol's error code for what the terminal answered.
fn error_code(e: &DeviceError) -> &'static str {
    match e {
        DeviceError::Rejected(TerminalCode::ALREADY_REVERSED) => "already_voided",
        DeviceError::Rejected(TerminalCode::REVERSAL_NOT_POSSIBLE) => "void_not_possible",
        DeviceError::Rejected(TerminalCode::OPEN_BATCH)
        | DeviceError::Aborted {
            code: Some(TerminalCode::OPEN_BATCH),
            ..
        } => "batch_open",
        DeviceError::Rejected(TerminalCode(0x6F)) => "wrong_currency",
        DeviceError::Rejected(_) => "not_possible",
        DeviceError::Aborted {
            code: Some(TerminalCode(0x6C)),
            ..
        } => "aborted",
        DeviceError::Aborted {
            code: Some(TerminalCode(0x05)),
            ..
        } => "declined",
        // Activation or diagnosis required: the terminal cannot pay yet.
        DeviceError::Aborted {
            code: Some(TerminalCode(0xE4 | 0xC2)),
            ..
        } => "not_ready",
        DeviceError::Stopped { .. } => "stopped",
        DeviceError::NotReady(_) => "not_ready",
        _ => "failed",
    }
}

fn identity_json(i: TerminalIdentity) -> Value {
    let status = if i.status == "00" {
        "ready".to_string()
    } else {
        i.status
    };
    json!(Identity {
        serial: i.serial,
        tid: i.tid,
        model: i.name,
        version: i.version,
        status,
    })
}

/// Runs one command against the terminal; events go out as they happen.
fn serve(
    t: &mut dyn PaymentTerminal,
    id: u64,
    req: &Value,
    abort: &AtomicBool,
    misbehave: Misbehave,
) {
    let op = req["op"].as_str().unwrap_or("");
    let seen = std::cell::RefCell::new(None);
    let mut events = |e: TerminalEvent| match e {
        TerminalEvent::Accepted => say(json!({"id": id, "event": "accepted"})),
        TerminalEvent::Showing(s) => {
            say(json!({"id": id, "event": "display", "status": protocol::display_word(s)}))
        }
        // The simulator books a payment when posbind's ZVT side acknowledges its data, after
        // this: "committed" goes out once the terminal has completed the payment (below).
        TerminalEvent::PaymentData(p) => *seen.borrow_mut() = Some(p),
        TerminalEvent::UnreadablePaymentData => say(json!({"id": id, "event": "outcome_unknown"})),
    };
    let done = |r: Result<Value, DeviceError>| match r {
        Ok(v) => answer(id, v),
        Err(e) => refuse(id, error_code(&e), &error_text(Lang::En, &e)),
    };
    match op {
        "identify" => done(t.identify().map(|i| json!({"identity": identity_json(i)}))),
        "status" => done(t.status().map(|i| {
            let ready = i.status == "00";
            json!({"identity": identity_json(i), "ready": ready})
        })),
        "set_tid" => match req["tid"].as_str().and_then(Tid::parse) {
            Some(tid) => done(t.set_tid(&tid, &mut events).map(|_| json!({}))),
            None => refuse(id, "not_possible", "tid: 8 digits"),
        },
        "download" => done(t.initialise(&mut events).map(|_| json!({}))),
        "sign_on" => done(t.diagnose(&mut events).map(|_| json!({}))),
        "settle" => done(t.end_of_day(&mut events).map(|_| json!({}))),
        "pay" => {
            let Some(minor) = req["amount_minor"].as_u64() else {
                return refuse(id, "not_possible", "amount_minor: a number of fen");
            };
            let currency = req["currency"].as_u64().unwrap_or(156) as u16;
            let timeout = Duration::from_secs(req["card_timeout_s"].as_u64().unwrap_or(60));
            abort.store(false, Ordering::SeqCst);
            let amount = Amount {
                minor,
                currency: Currency(currency),
            };
            let stop = || abort.load(Ordering::SeqCst);
            let r = t.authorise(amount, timeout, &stop, &mut events);
            match (&r, seen.borrow().as_ref()) {
                (Ok((p, _)), _) if p.result.is_none_or(TerminalCode::is_success) => {
                    say(json!({"id": id, "event": "committed", "payment": Payment::from(p)}));
                    // Booked, and reported: die before the answer, as a driver killed at the
                    // worst moment would.
                    if misbehave == Misbehave::CrashAfterCommit {
                        eprintln!("driver_sim: crashing after the commit, as asked");
                        std::process::exit(9);
                    }
                }
                // Data came, then the command failed; or an abort the terminal did not confirm.
                (Err(_), Some(_))
                | (
                    Err(DeviceError::Stopped {
                        confirmed: false, ..
                    }),
                    _,
                ) => say(json!({"id": id, "event": "outcome_unknown"})),
                _ => {}
            }
            done(r.map(|(p, _)| json!({"payment": Payment::from(&p)})));
        }
        "void" => match req["receipt"].as_u64().and_then(|r| u16::try_from(r).ok()) {
            Some(receipt) => done(
                t.reverse(receipt)
                    .map(|p| json!({"payment": Payment::from(&p)})),
            ),
            None => refuse(id, "not_possible", "receipt: a number"),
        },
        "last" => done(
            t.repeat_last_receipt()
                .map(|p| json!({"payment": p.as_ref().map(Payment::from)})),
        ),
        "close" => done(t.log_off().map(|_| json!({}))),
        _ => refuse(id, "unsupported", op),
    }
}

fn main() {
    // An activated terminal unless told otherwise (a later `--sim tid=…` wins).
    let mut sim_args = vec!["tid=12345678".to_string()];
    let mut misbehave = Misbehave::None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--sim", Some(v)) => sim_args.push(v),
            ("--misbehave", Some(v)) => {
                misbehave = match v.as_str() {
                    "garbage" => Misbehave::Garbage,
                    "hang" => Misbehave::Hang,
                    "exit" => Misbehave::Exit,
                    "version" => Misbehave::Version,
                    "crash-after-commit" => Misbehave::CrashAfterCommit,
                    _ => Misbehave::None,
                }
            }
            _ => {
                eprintln!("usage: driver_sim [--sim KEY=VALUE]... [--misbehave WHAT]");
                std::process::exit(2);
            }
        }
    }
    if misbehave == Misbehave::Exit {
        eprintln!("driver_sim: cannot open the terminal library (as asked)");
        std::process::exit(3);
    }
    let config = match SimConfig::load(None, &sim_args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("driver_sim: {e}");
            std::process::exit(2);
        }
    };
    // The simulator's opener keeps it running for as long as the registry lives.
    let mut ports = Registry::standard();
    posbind::sim::opener::register(&mut ports, config);
    let mut client = match ports.connect(&PortSpec::Sim, &LineSettings::default()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("driver_sim: the simulator did not start: {e}");
            std::process::exit(1);
        }
    };
    // Requests are read on their own thread, so that an abort reaches a payment in flight.
    let abort = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel::<Value>();
    let flag = abort.clone();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            let Ok(req) = serde_json::from_str::<Value>(&line) else {
                eprintln!("driver_sim: not a request: {line}");
                continue;
            };
            if req["op"] == "abort" {
                flag.store(true, Ordering::SeqCst);
            } else if tx.send(req).is_err() {
                break;
            }
        }
    });

    for req in rx {
        let id = req["id"].as_u64().unwrap_or(0);
        if req["op"] == "hello" {
            match misbehave {
                Misbehave::Garbage => {
                    println!("READY> terminal library v2.1 loaded");
                }
                Misbehave::Version => answer(id, json!({"protocol": 2, "driver": "driver_sim"})),
                _ => answer(
                    id,
                    json!({
                        "protocol": protocol::VERSION,
                        "driver": "driver_sim",
                        "driver_version": env!("CARGO_PKG_VERSION"),
                        "capabilities": ["identify", "status", "set_tid", "download", "sign_on",
                                         "pay", "void", "last", "settle", "abort", "close"],
                    }),
                ),
            }
            continue;
        }
        if misbehave == Misbehave::Hang {
            continue;
        }
        // Answer within posbind's wait for this request (limit_ms), with an error of our own
        // rather than silence: the terminal's command limit ends a second before posbind's.
        let limit = req["limit_ms"]
            .as_u64()
            .map_or(Duration::from_secs(60), |ms| {
                Duration::from_millis(ms.saturating_sub(1000).max(1000))
            });
        client.set_command_limit(limit);
        serve(&mut *client, id, &req, &abort, misbehave);
    }
}
