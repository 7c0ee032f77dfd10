//! The fault matrix: every simulator fault kind × every command the wizard uses, over a
//! pseudo-terminal. Each case ends in bounded time with the expected classification, and no
//! test payment is left unreversed. The table this prints is in BENCHMARKS.md.

use std::time::{Duration, Instant};

use posbind::device::client::{Client, ClientConfig, ClientError};
use posbind::device::transport::{SerialSettings, SerialTransport};
use posbind::sim::{PtySim, SimConfig};
use posbind::testloop::{self, Control, LoopConfig, Mode};
use posbind::zvt::ecr::{FlowTimers, Timer};
use posbind::zvt::messages::{Amount, Currency, Tid};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ok,
    T3,
    T4,
    Disconnected,
    Other,
}

fn classify(r: Result<(), ClientError>) -> Outcome {
    match r {
        Ok(()) => Outcome::Ok,
        Err(ClientError::Timeout(Timer::T3)) => Outcome::T3,
        Err(ClientError::Timeout(Timer::T4)) => Outcome::T4,
        Err(ClientError::Disconnected) => Outcome::Disconnected,
        Err(_) => Outcome::Other,
    }
}

const COMMANDS: [&str; 8] = [
    "registration",
    "status-enquiry",
    "set-terminal-id",
    "initialisation",
    "diagnosis",
    "end-of-day",
    "payment+reversal",
    "log-off",
];

/// Runs `command` as the first command on a fresh simulator with `fault`.
fn run(fault: &str, command: &str) -> (Outcome, bool) {
    let args = vec!["tid=12345678".to_string(), fault.to_string(), "seed=5".into()];
    let sim = PtySim::spawn(SimConfig::load(None, &args).unwrap(), None).unwrap();
    let t = SerialTransport::open(sim.path(), SerialSettings::default()).unwrap();
    let cfg = ClientConfig {
        flow: FlowTimers { t3: Duration::from_millis(800), t4: Duration::from_millis(1500) },
        ..ClientConfig::default()
    };
    let mut c = Client::new(Box::new(t), cfg);
    let mut unreversed = false;
    let r = match command {
        "registration" => c.register().map(|_| ()),
        "status-enquiry" => c.status_enquiry().map(|_| ()),
        "set-terminal-id" => c.set_tid(&Tid::parse("87654321").unwrap(), &mut |_| {}).map(|_| ()),
        "initialisation" => c.initialise(&mut |_| {}).map(|_| ()),
        "diagnosis" => c.diagnosis(None, &mut |_| {}).map(|_| ()),
        "end-of-day" => c.end_of_day(&mut |_| {}).map(|_| ()),
        "log-off" => c.log_off(),
        _ => {
            let cfg = LoopConfig {
                mode: Mode::Payment,
                count: 1,
                interval: Duration::ZERO,
                timeout: Duration::from_millis(1500),
                amount: Amount { minor: 1, currency: Currency::CNY },
                p95_limit: Duration::from_secs(5),
                reversal_attempts: 3,
            };
            let mut err = None;
            let s = testloop::run(&mut c, &cfg, &Control::default(), &mut |e| {
                if let testloop::LoopEvent::Round(r) = e {
                    err = r.error;
                }
            });
            unreversed = !s.unreversed.is_empty();
            match err.as_deref() {
                None => Ok(()),
                Some("client-error-t3") => Err(ClientError::Timeout(Timer::T3)),
                Some("client-error-t4") => Err(ClientError::Timeout(Timer::T4)),
                Some("client-error-disconnected") => Err(ClientError::Disconnected),
                Some(other) => Err(ClientError::Protocol(other.into())),
            }
        }
    };
    (classify(r), unreversed)
}

#[test]
fn every_fault_kind_against_every_command() {
    let faults = [
        ("fault.nak=@1", "NAK"),
        ("fault.bad_crc=@1", "bad CRC"),
        ("fault.drop_ack=@1", "lost ACK"),
        ("fault.gap=@1", "gap > T1"),
        ("fault.garbage=@1", "garbage"),
        ("fault.silence_t3=@1", "silence (T3)"),
        ("fault.silence_t4=@1", "silence (T4)"),
        ("fault.disconnect_after=1", "disconnect"),
    ];
    let mut table = String::from("| fault | ");
    table.push_str(&COMMANDS.join(" | "));
    table.push_str(" |\n|---|");
    table.push_str(&"---|".repeat(COMMANDS.len()));
    table.push('\n');
    for (fault, name) in faults {
        table.push_str(&format!("| {name} |"));
        for cmd in COMMANDS {
            let started = Instant::now();
            let (got, unreversed) = run(fault, cmd);
            let took = started.elapsed();
            assert!(took < Duration::from_secs(30), "{fault} × {cmd} took {took:?}");
            assert!(!unreversed, "{fault} × {cmd} left a payment unreversed");
            let want = match (name, cmd) {
                ("silence (T3)", _) => Outcome::T3,
                // Log-Off ends with the acknowledgement: there is no completion to miss.
                ("silence (T4)", "log-off") => Outcome::Ok,
                ("silence (T4)", _) => Outcome::T4,
                // Hanging up after the first frame: the 80 00 00 arrived; Log-Off needs no more.
                ("disconnect", "log-off") => Outcome::Ok,
                ("disconnect", _) => Outcome::Disconnected,
                _ => Outcome::Ok,
            };
            let ok = got == want || (want == Outcome::Disconnected && got == Outcome::T4);
            assert!(ok, "{fault} × {cmd}: got {got:?}, want {want:?}");
            table.push_str(&format!(" {got:?} ({:.1} s) |", took.as_secs_f64()));
        }
        table.push('\n');
    }
    println!("{table}");
}
