//! The ECR client against the simulated terminal over a pseudo-terminal: every command, the
//! activation from "activation required" to ready, and every fault kind (seeded, bounded).

use std::time::{Duration, Instant};

use posbind::device::client::{Client, ClientConfig, ClientError};
use posbind::device::transport::{SerialSettings, SerialTransport};
use posbind::sim::{PtySim, RunEnd, SimConfig};
use posbind::zvt::codes::{IntermediateStatus, ResultCode, TerminalStatus};
use posbind::zvt::ecr::{FlowEvent, FlowTimers, Timer};
use posbind::zvt::link::LinkFailure;
use posbind::zvt::messages::{Amount, Currency, Tid};

fn sim(settings: &[&str]) -> PtySim {
    let args: Vec<String> = settings.iter().map(|s| s.to_string()).collect();
    PtySim::spawn(SimConfig::load(None, &args).unwrap(), None).unwrap()
}

fn client_with(sim: &PtySim, config: ClientConfig) -> Client {
    let t = SerialTransport::open(sim.path(), SerialSettings::default()).unwrap();
    Client::new(Box::new(t), config)
}

fn client(sim: &PtySim) -> Client {
    client_with(sim, ClientConfig::default())
}

fn cny(minor: u64) -> Amount {
    Amount {
        minor,
        currency: Currency::CNY,
    }
}

fn none() -> impl FnMut(&FlowEvent) {
    |_| {}
}

#[test]
fn activation_from_activation_required_to_ready() {
    let s = sim(&["serial=0012AB34"]);
    let mut c = client(&s);
    let reg = c.register().unwrap();
    assert_eq!(reg.status_byte, Some(0x01), "initialisation necessary");
    let id = c.status_enquiry().unwrap();
    assert_eq!(id.status, Some(TerminalStatus::ACTIVATION_REQUIRED));
    assert_eq!(id.serial.unwrap().hex(), "0012AB34");
    assert_eq!(id.device_name.as_deref(), Some("posbind-sim"));

    let tid = Tid::parse("00012345").unwrap();
    c.set_tid(&tid, &mut none()).unwrap();
    assert_eq!(
        c.status_enquiry().unwrap().status,
        Some(TerminalStatus::INIT_REQUIRED)
    );
    let mut statuses = vec![];
    let out = c
        .initialise(&mut |e| {
            if let FlowEvent::Intermediate(s) = e {
                statuses.push(*s)
            }
        })
        .unwrap();
    assert_eq!(
        statuses,
        [IntermediateStatus::PLEASE_WAIT],
        "intermediate status surfaced"
    );
    assert!(out.prints.iter().any(|p| p.contains("00012345")));
    assert_eq!(
        c.status_enquiry().unwrap().status,
        Some(TerminalStatus::DIAGNOSIS_REQUIRED)
    );
    c.diagnosis(None, &mut none()).unwrap();
    let id = c.status_enquiry().unwrap();
    assert_eq!(id.status, Some(TerminalStatus::READY));
    assert_eq!(id.tid.unwrap(), tid);
    c.log_off().unwrap();
}

#[test]
fn payment_reversal_end_of_day_and_their_refusals() {
    let s = sim(&["tid=12345678", "decline_suffix=51"]);
    let mut c = client(&s);
    c.register().unwrap();

    let mut seen = vec![];
    let (pay, out) = c
        .authorise(cny(1), None, &mut |e| {
            if let FlowEvent::Intermediate(s) = e {
                seen.push(*s)
            }
        })
        .unwrap();
    assert_eq!(seen[0], IntermediateStatus::INSERT_CARD);
    assert_eq!(pay.result, Some(ResultCode::SUCCESS));
    assert_eq!(pay.amount_minor, Some(1));
    assert_eq!(pay.tid.as_ref().unwrap().as_str(), "12345678");
    assert_eq!(pay.masked_pan.as_deref(), Some("621626*********0018"));
    let receipt = pay.receipt.unwrap();
    assert!(out.times.to_ack.unwrap() <= out.times.to_completion.unwrap());

    // Set TID is refused while turnover is stored.
    let e = c
        .set_tid(&Tid::parse("11111111").unwrap(), &mut none())
        .unwrap_err();
    assert_eq!(e.result_code(), Some(ResultCode::OPEN_BATCH));

    let (rev, _) = c.reverse(receipt, &mut none()).unwrap();
    assert_eq!(rev.result, Some(ResultCode::SUCCESS));
    let e = c.reverse(receipt, &mut none()).unwrap_err();
    assert_eq!(e.result_code(), Some(ResultCode::ALREADY_REVERSED));
    let e = c.reverse(999, &mut none()).unwrap_err();
    assert!(
        matches!(e, ClientError::Aborted { .. }),
        "unknown receipt: {e:?}"
    );

    let e = c.authorise(cny(151), None, &mut none()).unwrap_err();
    assert_eq!(e.result_code(), Some(ResultCode::DECLINED));

    c.end_of_day(&mut none()).unwrap();
    c.set_tid(&Tid::parse("11111111").unwrap(), &mut none())
        .unwrap();
    c.abort().unwrap();
}

#[test]
fn unknown_commands_are_refused_with_84_83() {
    use posbind::zvt::messages::EcrCommand;
    let s = sim(&[]);
    let mut c = client(&s);
    // A payment on a terminal that is not activated is aborted with E4.
    let e = c.authorise(cny(1), None, &mut none()).unwrap_err();
    assert_eq!(e.result_code(), Some(ResultCode::ACTIVATION_REQUIRED));
    // Wrong currency at registration is refused.
    let s2 = sim(&["currency=978"]);
    let mut c2 = client(&s2);
    assert_eq!(
        c2.register().unwrap_err().result_code(),
        Some(ResultCode::WRONG_CURRENCY)
    );
    let _ = EcrCommand::LogOff;
}

#[test]
fn an_ecr_abort_while_waiting_for_the_card_ends_the_payment_unbooked() {
    // The real client cannot abort its own running command from the same thread, so play the
    // ECR side of this exchange by hand over the pseudo-terminal.
    use posbind::zvt::apdu::Apdu;
    use posbind::zvt::frame::{self, Decoded, Decoder, ACK};
    use serialport::SerialPort;
    use std::io::{Read, Write};

    let s = sim(&["tid=12345678", "card_delay_ms=3000"]);
    let mut port = serialport::new(s.path(), 9600)
        .timeout(Duration::from_secs(5))
        .open()
        .unwrap();
    let mut dec = Decoder::new();
    let mut next_frame = |port: &mut Box<dyn SerialPort>| -> Vec<u8> {
        let mut b = [0u8; 1];
        loop {
            port.read_exact(&mut b).unwrap();
            match dec.push(b[0]) {
                Some(Decoded::Frame(f)) => return f,
                _ => continue,
            }
        }
    };
    let pay = posbind::zvt::messages::EcrCommand::Authorisation {
        amount_minor: cny(1).minor,
        currency: Some(cny(1).currency),
        payment_type: None,
        timeout: None,
    };
    port.write_all(&frame::encode(&pay.to_apdu().encode()))
        .unwrap();
    assert_eq!(next_frame(&mut port), Apdu::ack().encode()); // 80 00 00 (the ACK byte was skipped)
    port.write_all(&[ACK]).unwrap();
    let f = next_frame(&mut port);
    assert_eq!(&f[..2], &[0x04, 0xFF], "insert card");
    port.write_all(&[ACK]).unwrap();
    port.write_all(&frame::encode(&Apdu::ack().encode()))
        .unwrap();
    // Abort while the card is awaited.
    port.write_all(&frame::encode(&[0x06, 0xB0, 0x00])).unwrap();
    assert_eq!(
        next_frame(&mut port),
        Apdu::ack().encode(),
        "abort acknowledged"
    );
    port.write_all(&[ACK]).unwrap();
    let f = next_frame(&mut port);
    assert_eq!(f, vec![0x06, 0x1E, 0x01, 0x6C], "payment aborted with 6C");
    port.write_all(&[ACK]).unwrap();
    port.write_all(&frame::encode(&Apdu::ack().encode()))
        .unwrap();
    drop(port);
    let (_, terminal) = s.stop().unwrap();
    assert!(terminal.state.turnover.is_empty(), "nothing booked");
}

/// Short timers so that faults that must time out do so quickly (both sides use them).
fn quick() -> ClientConfig {
    ClientConfig {
        flow: FlowTimers {
            t3: Duration::from_millis(800),
            t4: Duration::from_millis(1500),
            ..FlowTimers::default()
        },
        ..ClientConfig::default()
    }
}

#[test]
fn nak_bad_crc_garbage_and_gaps_are_recovered_by_resending() {
    for fault in [
        "fault.nak=@1",
        "fault.bad_crc=@2",
        "fault.garbage=0.5",
        "fault.gap=@2",
        "fault.nak=0.3",
    ] {
        let s = sim(&["tid=12345678", fault, "seed=3"]);
        let mut c = client(&s);
        let started = Instant::now();
        c.register().unwrap_or_else(|e| panic!("{fault}: {e:?}"));
        let (pay, _) = c
            .authorise(cny(1), None, &mut none())
            .unwrap_or_else(|e| panic!("{fault}: {e:?}"));
        assert_eq!(pay.result, Some(ResultCode::SUCCESS), "{fault}");
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{fault} bounded"
        );
        if fault != "fault.garbage=0.5" {
            let stats = c.link_stats();
            assert!(
                stats.resends + stats.naks_sent >= 1,
                "{fault}: recovery happened: {stats:?}"
            );
        }
    }
}

#[test]
fn a_dropped_ack_is_covered_by_the_reply_or_a_resend() {
    let s = sim(&["tid=12345678", "fault.drop_ack=@1"]);
    let mut c = client(&s);
    c.register().unwrap();
    c.diagnosis(None, &mut none()).unwrap();
}

#[test]
fn silence_fails_after_t3_or_t4_with_a_clear_error() {
    let s = sim(&["tid=12345678", "fault.silence_t3=@1"]);
    let mut c = client_with(&s, quick());
    let started = Instant::now();
    assert!(matches!(c.register(), Err(ClientError::Timeout(Timer::T3))));
    assert!(started.elapsed() < Duration::from_secs(5));

    let s = sim(&["tid=12345678", "fault.silence_t4=@1"]);
    let mut c = client_with(&s, quick());
    let started = Instant::now();
    assert!(matches!(
        c.diagnosis(None, &mut none()),
        Err(ClientError::Timeout(Timer::T4))
    ));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_disconnect_is_reported() {
    let s = sim(&["tid=12345678", "fault.disconnect_after=1"]);
    let mut c = client_with(&s, quick());
    let started = Instant::now();
    let e = c.register().unwrap_err();
    // The hang-up comes after the first frame: the ECR sees the line go away (or, if the
    // pseudo-terminal stays open, no answer in time).
    assert!(
        matches!(
            e,
            ClientError::Disconnected | ClientError::Timeout(_) | ClientError::Link(_)
        ),
        "{e:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    let (end, _) = s.stop().unwrap();
    assert_eq!(end, RunEnd::HungUp);
}

#[test]
fn three_naks_in_a_row_fail_with_a_transmission_error() {
    let s = sim(&["tid=12345678", "fault.nak=1.0"]);
    let mut c = client(&s);
    match c.register() {
        Err(ClientError::Link(LinkFailure::Nak { attempts: 3 })) => {}
        other => panic!("expected NAK failure, got {other:?}"),
    }
}

#[test]
fn the_simulator_accepts_a_new_connection_after_a_disconnect() {
    let s = sim(&["serial=ABCD"]);
    {
        let mut c = client(&s);
        c.register().unwrap();
    }
    let mut c = client(&s);
    assert_eq!(c.status_enquiry().unwrap().serial.unwrap().hex(), "ABCD");
}

#[test]
fn the_state_file_keeps_the_activation_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let state = format!("state_file={}", dir.path().join("sim.json").display());
    {
        let s = sim(&[&state]);
        let mut c = client(&s);
        c.set_tid(&Tid::parse("87654321").unwrap(), &mut none())
            .unwrap();
    }
    let s = sim(&[&state]);
    let mut c = client(&s);
    assert_eq!(
        c.status_enquiry().unwrap().tid.unwrap().as_str(),
        "87654321"
    );
}

/// A payment through the device layer's neutral face, as the test loop makes it.
fn pay_neutral(
    c: &mut Client,
) -> (
    Result<posbind::device::PaymentData, posbind::device::DeviceError>,
    Vec<posbind::device::TerminalEvent>,
) {
    use posbind::device::PaymentTerminal;
    let mut events = vec![];
    let r = PaymentTerminal::authorise(c, cny(1), Duration::from_secs(30), &|| false, &mut |e| {
        events.push(e)
    });
    (r.map(|(d, _)| d), events)
}

fn booked(sim: PtySim) -> Vec<posbind::sim::terminal::Txn> {
    sim.stop().unwrap().1.state.turnover
}

#[test]
fn an_unknown_bmp_before_the_receipt_is_acknowledged_and_reported_unread() {
    let s = sim(&["tid=12345678", "fault.unknown_bmp=true"]);
    let mut c = client(&s);
    let (r, _) = pay_neutral(&mut c);
    let data = r.expect("the payment is booked, not refused");
    assert_eq!(data.result.map(|c| c.0), Some(0));
    assert_eq!(data.trace, Some(1), "read: it comes before the unknown BMP");
    assert_eq!(data.receipt, None, "behind the unknown BMP");
    assert!(data.unread, "unreadable is not nothing");
    drop(c);
    let t = booked(s);
    assert_eq!(t.len(), 1, "acknowledged, so booked: {t:?}");
}

#[test]
fn a_tlv_container_that_cannot_be_read_costs_the_payment_nothing() {
    let s = sim(&["tid=12345678", "fault.malformed_tlv=true"]);
    let mut c = client(&s);
    let (r, _) = pay_neutral(&mut c);
    let data = r.expect("booked");
    assert_eq!(
        (data.result.map(|c| c.0), data.receipt, data.trace),
        (Some(0), Some(1), Some(1)),
        "the fields around the dropped container are read"
    );
    assert!(data.unread);
    drop(c);
    assert_eq!(booked(s).len(), 1);
}

#[test]
fn an_unknown_bmp_in_the_repeat_receipt_answer_is_unread_not_nothing() {
    use posbind::device::PaymentTerminal;
    let s = sim(&["tid=12345678", "fault.unknown_bmp_repeat=true"]);
    let mut c = client(&s);
    let (r, _) = pay_neutral(&mut c);
    assert_eq!(r.unwrap().receipt, Some(1), "the payment itself is clean");
    let last = c
        .repeat_last_receipt()
        .unwrap()
        .expect("a last transaction");
    assert_eq!(last.result.map(|c| c.0), Some(0));
    assert_eq!(last.receipt, None);
    assert!(last.unread);
}

#[test]
fn a_status_information_refused_as_unreadable_marks_the_payment_unread() {
    let s = sim(&["tid=12345678", "fault.malformed_status=true"]);
    let mut c = client(&s);
    let (r, events) = pay_neutral(&mut c);
    assert!(events.contains(&posbind::device::TerminalEvent::UnreadablePaymentData));
    let data = r.expect("the real status information follows the refused one");
    assert_eq!(data.receipt, Some(1));
    assert!(data.unread, "a status information was refused on the way");
}

#[test]
fn the_receipt_counter_wraps_and_a_void_of_the_new_number_is_answered_b4() {
    use posbind::device::{DeviceError, PaymentTerminal, TerminalCode};
    let s = sim(&["tid=12345678", "receipt_start=9998"]);
    let mut c = client(&s);
    assert_eq!(pay_neutral(&mut c).0.unwrap().receipt, Some(9999));
    assert_eq!(pay_neutral(&mut c).0.unwrap().receipt, Some(1), "wrapped");
    drop(c);
    drop(s);

    let s = sim(&["tid=12345678", "receipt_max=2"]);
    let mut c = client(&s);
    assert_eq!(pay_neutral(&mut c).0.unwrap().receipt, Some(1));
    c.reverse(1, &mut none()).unwrap();
    assert_eq!(pay_neutral(&mut c).0.unwrap().receipt, Some(2));
    c.reverse(2, &mut none()).unwrap();
    assert_eq!(pay_neutral(&mut c).0.unwrap().receipt, Some(1), "again 1");
    let e = PaymentTerminal::reverse(&mut c, 1).unwrap_err();
    assert_eq!(
        e,
        DeviceError::Aborted {
            code: Some(TerminalCode::ALREADY_REVERSED),
            text: None
        },
        "B4 — about the old receipt 1"
    );
    drop(c);
    let open: Vec<_> = booked(s).into_iter().filter(|t| !t.reversed).collect();
    assert_eq!(open.len(), 1, "the new receipt 1 is still booked: {open:?}");
}

#[test]
fn a_slow_card_and_the_pin_are_shown_apart_from_the_host() {
    use posbind::device::{Showing, TerminalEvent};
    let s = sim(&[
        "tid=12345678",
        "card_delay_ms=300",
        "pin_delay_ms=200",
        "host_latency_ms=50",
    ]);
    let mut c = client(&s);
    let started = Instant::now();
    let (r, events) = pay_neutral(&mut c);
    assert!(
        started.elapsed() >= Duration::from_millis(550),
        "the delays were waited"
    );
    assert_eq!(r.unwrap().receipt, Some(1));
    let shown: Vec<Showing> = events
        .into_iter()
        .filter_map(|e| match e {
            TerminalEvent::Showing(s) => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(
        shown,
        [
            IntermediateStatus::INSERT_CARD,
            IntermediateStatus::WATCH_PIN_PAD,
            IntermediateStatus::WAITING_FOR_HOST
        ]
    );
}
