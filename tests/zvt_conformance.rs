//! The paths unusual terminals take (zvt.md §8), each played by a raw-byte scripted terminal over
//! a pseudo-terminal (the real serial path) and, where the rule applies there too, over TCP:
//! a dropped command frame, messages the ECR does not know, a timeout byte of 0, a status flood,
//! a Status-Enquiry completion without software version, an abort without result code.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use posbind::cli::terminal::probe_identity;
use posbind::device::client::{Client, ClientConfig, ClientError};
use posbind::device::transport::{SerialSettings, SerialTransport, TcpTransport};
use posbind::zvt::bcd::parse_hex;
use posbind::zvt::codes::TerminalStatus;
use posbind::zvt::ecr::{FlowTimers, Timer};
use posbind::zvt::frame::{self, Decoded, Decoder, ACK};
use posbind::zvt::link::LinkTimers;
use serialport::{SerialPort, TTYPort};

fn h(s: &str) -> Vec<u8> {
    parse_hex(s).unwrap()
}

/// The terminal side of a serial line, byte by byte.
struct SerialPeer {
    io: TTYPort,
    dec: Decoder,
}

impl SerialPeer {
    fn next(&mut self) -> Option<Decoded> {
        let mut b = [0u8; 1];
        loop {
            self.io.read_exact(&mut b).ok()?;
            if let Some(d) = self.dec.push(b[0]) {
                return Some(d);
            }
        }
    }

    /// The next frame from the ECR (not acknowledged yet).
    fn frame(&mut self) -> Vec<u8> {
        match self.next() {
            Some(Decoded::Frame(f)) => f,
            other => panic!("expected a frame, got {other:?}"),
        }
    }

    fn ack(&mut self) {
        self.io.write_all(&[ACK]).unwrap();
    }

    /// Receives and acknowledges a command.
    fn command(&mut self) -> Vec<u8> {
        let f = self.frame();
        self.ack();
        f
    }

    /// Sends a message and waits for the ECR's transport ACK (false if none came).
    fn send(&mut self, apdu: &str) -> bool {
        self.io.write_all(&frame::encode(&h(apdu))).unwrap();
        matches!(self.next(), Some(Decoded::Ack))
    }

    /// Sends a terminal-master message and returns the ECR's application answer.
    fn send_master(&mut self, apdu: &str) -> Vec<u8> {
        assert!(self.send(apdu), "ECR acknowledges the frame of {apdu}");
        let answer = self.frame();
        self.ack();
        answer
    }
}

/// A client over a fresh pseudo-terminal and the scripted terminal at its other end.
fn serial_pair(
    config: ClientConfig,
    script: impl FnOnce(&mut SerialPeer) + Send + 'static,
) -> (Client, thread::JoinHandle<()>) {
    let (mut master, slave) = TTYPort::pair().unwrap();
    let path = slave.name().unwrap();
    master.set_timeout(Duration::from_secs(10)).unwrap();
    let peer = thread::spawn(move || {
        let _keep = slave;
        let mut p = SerialPeer {
            io: master,
            dec: Decoder::new(),
        };
        script(&mut p);
        // Keep the line open a moment: a pseudo-terminal reports the hang-up before the last
        // bytes, and the ECR is still reading the final ACK.
        thread::sleep(Duration::from_millis(300));
    });
    let t = SerialTransport::open(&path, SerialSettings::default()).unwrap();
    (Client::new(Box::new(t), config), peer)
}

/// A client over TCP loopback and the scripted terminal (bare APDUs) at the other end.
fn tcp_pair(
    config: ClientConfig,
    script: impl FnOnce(&mut TcpStream) + Send + 'static,
) -> (Client, thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let peer = thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        script(&mut s);
    });
    let t = TcpTransport::connect(&addr.to_string(), Duration::from_secs(5)).unwrap();
    (Client::new(Box::new(t), config), peer)
}

fn tcp_read_apdu(s: &mut TcpStream) -> Vec<u8> {
    let mut head = [0u8; 3];
    s.read_exact(&mut head).unwrap();
    let mut data = vec![0u8; usize::from(head[2])];
    s.read_exact(&mut data).unwrap();
    let mut out = head.to_vec();
    out.extend(data);
    out
}

#[test]
fn a_dropped_command_frame_is_resent_after_t2_and_t3_starts_from_its_ack() {
    // T2 and T3 equal, as the spec's 5 s / 5 s: the terminal answers just after the resend.
    let config = ClientConfig {
        link: LinkTimers {
            t2: Duration::from_millis(300),
            ..LinkTimers::default()
        },
        flow: FlowTimers {
            t3: Duration::from_millis(300),
            ..FlowTimers::default()
        },
        ..ClientConfig::default()
    };
    let (mut client, peer) = serial_pair(config, |p| {
        let first = p.frame(); // dropped: no ACK
        let again = p.frame();
        assert_eq!(first, again, "the same command again");
        thread::sleep(Duration::from_millis(50));
        p.ack();
        assert!(p.send("80 00 00"));
    });
    client.log_off().expect("the resent command succeeds");
    peer.join().unwrap();
}

#[test]
fn unknown_and_unreadable_terminal_messages_get_an_answer_over_serial() {
    let (mut client, peer) = serial_pair(ClientConfig::default(), |p| {
        assert_eq!(p.command(), h("06 70 00"));
        assert!(p.send("80 00 00"));
        assert_eq!(p.send_master("0F A1 00"), h("84 83 00"), "vendor command");
        assert_eq!(
            p.send_master("04 FF 00"),
            h("84 9A 00"),
            "status without a byte"
        );
        assert_eq!(
            p.send_master("04 FF 05 0A"),
            h("84 9A 00"),
            "length field longer than the data"
        );
        assert_eq!(
            p.send_master("04 0F 02 22 F1"),
            h("84 9A 00"),
            "status information unreadable before its result code"
        );
        assert_eq!(
            p.send_master("04 0F 04 27 00 22 F1"),
            h("80 00 00"),
            "status information cut short after its result code"
        );
        assert_eq!(
            p.send_master("04 0F 09 27 00 06 05 1F 42 09 AA BB"),
            h("80 00 00"),
            "status information with a TLV container that cannot be read"
        );
        assert_eq!(p.send_master("06 0F 00"), h("80 00 00"));
    });
    client
        .diagnosis(None, &mut |_| {})
        .expect("diagnosis completes");
    peer.join().unwrap();
}

#[test]
fn unknown_and_unreadable_terminal_messages_get_an_answer_over_tcp() {
    let (mut client, peer) = tcp_pair(ClientConfig::default(), |s| {
        assert_eq!(tcp_read_apdu(s), h("06 70 00"));
        s.write_all(&h("80 00 00")).unwrap();
        for (msg, answer) in [
            ("0F A1 00", "84 83 00"),
            ("04 FF 00", "84 9A 00"),
            ("04 0F 02 22 F1", "84 9A 00"),
            ("04 0F 04 27 00 22 F1", "80 00 00"),
            ("04 0F 09 27 00 06 05 1F 42 09 AA BB", "80 00 00"),
            ("06 0F 00", "80 00 00"),
        ] {
            s.write_all(&h(msg)).unwrap();
            assert_eq!(tcp_read_apdu(s), h(answer), "answer to {msg}");
        }
    });
    client
        .diagnosis(None, &mut |_| {})
        .expect("diagnosis completes");
    peer.join().unwrap();
}

#[test]
fn an_intermediate_status_with_timeout_byte_zero_leaves_t4_alone() {
    let config = ClientConfig {
        flow: FlowTimers {
            t4: Duration::from_secs(3),
            ..FlowTimers::default()
        },
        ..ClientConfig::default()
    };
    let (mut client, peer) = serial_pair(config, |p| {
        p.command();
        assert!(p.send("80 00 00"));
        assert_eq!(p.send_master("04 FF 02 0A 00"), h("80 00 00"));
        thread::sleep(Duration::from_millis(300));
        assert_eq!(p.send_master("06 0F 00"), h("80 00 00"));
    });
    client
        .diagnosis(None, &mut |_| {})
        .expect("completes after 300 ms");
    peer.join().unwrap();
}

#[test]
fn a_status_flood_ends_at_the_commands_limit() {
    let config = ClientConfig {
        flow: FlowTimers::bounded(Duration::from_millis(300), Duration::from_millis(700)),
        ..ClientConfig::default()
    };
    let (mut client, peer) = serial_pair(config, |p| {
        p.io.set_timeout(Duration::from_millis(500)).unwrap();
        p.command();
        assert!(p.send("80 00 00"));
        // An intermediate status every 100 ms, each restarting T4, until the ECR stops
        // answering (at most 60 of them).
        for _ in 0..60 {
            thread::sleep(Duration::from_millis(100));
            if !p.send("04 FF 01 0E") || p.next().is_none() {
                return;
            }
            p.ack();
        }
        panic!("the ECR kept answering the flood");
    });
    let e = client.diagnosis(None, &mut |_| {}).unwrap_err();
    assert!(matches!(e, ClientError::Timeout(Timer::Limit)), "{e:?}");
    peer.join().unwrap();
}

#[test]
fn a_status_enquiry_completion_without_software_version_is_read() {
    let (mut client, peer) = serial_pair(ClientConfig::default(), |p| {
        p.command(); // registration
        assert!(p.send("80 00 00"));
        assert_eq!(p.send_master("06 0F 06 19 00 49 01 56 00"), h("80 00 00"));
        p.command(); // status enquiry
        assert!(p.send("80 00 00"));
        // Status F0 (reconciliation required), then the TLV with the TID; no LLLVAR version.
        assert_eq!(
            p.send_master("06 0F 0A F0 06 07 1F 44 04 12 34 56 78"),
            h("80 00 00")
        );
        p.command(); // log-off
        assert!(p.send("80 00 00"));
    });
    let id = probe_identity(&mut client).expect("identity");
    assert_eq!(id.status, Some(TerminalStatus::RECONCILIATION_REQUIRED));
    assert_eq!(id.tid.unwrap().as_str(), "12345678");
    assert_eq!(id.software_version, None);
    assert_eq!(id.serial, None);
    peer.join().unwrap();
}

#[test]
fn an_abort_without_result_code_is_reported_as_such() {
    let (mut client, peer) = serial_pair(ClientConfig::default(), |p| {
        p.command();
        assert!(p.send("80 00 00"));
        assert_eq!(p.send_master("06 1E 00"), h("80 00 00"));
    });
    let e = client.diagnosis(None, &mut |_| {}).unwrap_err();
    assert!(
        matches!(e, ClientError::Aborted { code: None, .. }),
        "{e:?}"
    );
    assert_eq!(e.message().0, "client-error-aborted-no-code");
    assert_eq!(e.result_code(), None, "no code the terminal never sent");
    peer.join().unwrap();
}

#[test]
fn the_tid_comes_from_registration_when_the_status_enquiry_has_none() {
    let (mut client, peer) = serial_pair(ClientConfig::default(), |p| {
        p.command();
        assert!(p.send("80 00 00"));
        assert_eq!(
            p.send_master("06 0F 0A 19 00 29 00 01 23 45 49 01 56"),
            h("80 00 00")
        );
        p.command();
        assert!(p.send("80 00 00"));
        // The Ingenico i5310's answer: software version and status, no TLV.
        let mut se = vec![0x06, 0x0F, 0x15, 0xF0, 0xF1, 0xF7];
        se.extend_from_slice(b"061022a M IC_ Std");
        se.push(0x00);
        let hex: Vec<String> = se.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(p.send_master(&hex.join(" ")), h("80 00 00"));
        p.command();
        assert!(p.send("80 00 00"));
    });
    let id = probe_identity(&mut client).expect("identity");
    assert_eq!(id.software_version.as_deref(), Some("061022a M IC_ Std"));
    assert_eq!(id.serial, None, "this terminal does not report one");
    assert_eq!(id.tid.unwrap().as_str(), "00012345");
    peer.join().unwrap();
}

/// The TCP terminal's side of one exchange: reads the command, answers `80 00 00`, then sends
/// each master message and checks the ECR's answer.
fn tcp_script(s: &mut TcpStream, steps: &[(&str, &str)]) {
    tcp_read_apdu(s);
    s.write_all(&h("80 00 00")).unwrap();
    for (msg, answer) in steps {
        s.write_all(&h(msg)).unwrap();
        assert_eq!(tcp_read_apdu(s), h(answer), "answer to {msg}");
    }
}

#[test]
fn over_tcp_t3_runs_from_the_send() {
    let config = || ClientConfig {
        flow: FlowTimers {
            t3: Duration::from_millis(300),
            ..FlowTimers::default()
        },
        ..ClientConfig::default()
    };
    let (mut client, peer) = tcp_pair(config(), |s| {
        tcp_read_apdu(s);
        thread::sleep(Duration::from_millis(100));
        s.write_all(&h("80 00 00")).unwrap();
    });
    client.log_off().expect("answered within T3");
    peer.join().unwrap();
    let (mut client, peer) = tcp_pair(config(), |s| {
        tcp_read_apdu(s);
        thread::sleep(Duration::from_millis(600));
        let _ = s.write_all(&h("80 00 00"));
    });
    let e = client.log_off().unwrap_err();
    assert!(matches!(e, ClientError::Timeout(Timer::T3)), "{e:?}");
    peer.join().unwrap();
}

#[test]
fn over_tcp_timeout_byte_zero_abort_without_code_and_status_without_version() {
    let config = || ClientConfig {
        flow: FlowTimers {
            t4: Duration::from_secs(3),
            ..FlowTimers::default()
        },
        ..ClientConfig::default()
    };
    let (mut client, peer) = tcp_pair(config(), |s| {
        tcp_script(s, &[("04 FF 02 0A 00", "80 00 00")]);
        thread::sleep(Duration::from_millis(300));
        s.write_all(&h("06 0F 00")).unwrap();
        assert_eq!(tcp_read_apdu(s), h("80 00 00"));
    });
    client.diagnosis(None, &mut |_| {}).expect("T4 left alone");
    peer.join().unwrap();

    let (mut client, peer) = tcp_pair(config(), |s| tcp_script(s, &[("06 1E 00", "80 00 00")]));
    let e = client.diagnosis(None, &mut |_| {}).unwrap_err();
    assert!(
        matches!(e, ClientError::Aborted { code: None, .. }),
        "{e:?}"
    );
    peer.join().unwrap();

    let (mut client, peer) = tcp_pair(config(), |s| {
        tcp_script(s, &[("06 0F 05 19 00 49 01 56", "80 00 00")]);
        tcp_script(s, &[("06 0F 0A F0 06 07 1F 44 04 12 34 56 78", "80 00 00")]);
        tcp_read_apdu(s);
        s.write_all(&h("80 00 00")).unwrap();
    });
    let id = probe_identity(&mut client).expect("identity");
    assert_eq!(id.status, Some(TerminalStatus::RECONCILIATION_REQUIRED));
    assert_eq!(id.tid.unwrap().as_str(), "12345678");
    peer.join().unwrap();
}

#[test]
fn over_tcp_a_status_flood_ends_at_the_limit() {
    let config = ClientConfig {
        flow: FlowTimers::bounded(Duration::from_millis(300), Duration::from_millis(700)),
        ..ClientConfig::default()
    };
    let (mut client, peer) = tcp_pair(config, |s| {
        s.set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        tcp_read_apdu(s);
        s.write_all(&h("80 00 00")).unwrap();
        for _ in 0..60 {
            thread::sleep(Duration::from_millis(100));
            if s.write_all(&h("04 FF 01 0E")).is_err() {
                return;
            }
            let mut ack = [0u8; 3];
            if s.read_exact(&mut ack).is_err() {
                return;
            }
        }
        panic!("the ECR kept answering the flood");
    });
    let e = client.diagnosis(None, &mut |_| {}).unwrap_err();
    assert!(matches!(e, ClientError::Timeout(Timer::Limit)), "{e:?}");
    drop(client);
    peer.join().unwrap();
}

#[test]
fn a_late_message_from_the_last_exchange_is_answered_not_taken_as_the_next_answer() {
    let (mut client, peer) = tcp_pair(ClientConfig::default(), |s| {
        // Registration, with a second (late, duplicated) completion after it.
        tcp_script(s, &[("06 0F 05 19 00 49 01 56", "80 00 00")]);
        s.write_all(&h("06 0F 00")).unwrap();
        assert_eq!(
            tcp_read_apdu(s),
            h("80 00 00"),
            "the late completion is answered"
        );
        // The Status-Enquiry gets its own completion.
        tcp_script(s, &[("06 0F 0A 00 06 07 1F 44 04 12 34 56 78", "80 00 00")]);
        tcp_read_apdu(s);
        s.write_all(&h("80 00 00")).unwrap();
    });
    client.register().unwrap();
    thread::sleep(Duration::from_millis(100));
    let id = client.status_enquiry().expect("its own answer");
    assert_eq!(id.tid.unwrap().as_str(), "12345678");
    assert!(id.status.unwrap().is_ready());
    client.log_off().unwrap();
    peer.join().unwrap();
}

#[test]
fn a_status_information_after_the_exchange_gave_up_is_not_booked_by_posbind() {
    let config = ClientConfig {
        flow: FlowTimers {
            t4: Duration::from_millis(300),
            ..FlowTimers::default()
        },
        ..ClientConfig::default()
    };
    let (mut client, peer) = tcp_pair(config, |s| {
        // The payment: accepted, then the status information comes after the ECR's T4.
        tcp_read_apdu(s);
        s.write_all(&h("80 00 00")).unwrap();
        thread::sleep(Duration::from_millis(500));
        s.write_all(&h("04 0F 05 27 00 87 00 07")).unwrap();
        // "Aborted by timeout": the terminal reverses it itself, nothing is booked.
        assert_eq!(tcp_read_apdu(s), h("84 6C 00"));
        tcp_script(s, &[]); // Log-Off
    });
    let e = client
        .authorise(
            posbind::zvt::messages::Amount {
                minor: 1,
                currency: posbind::zvt::messages::Currency::CNY,
            },
            None,
            &mut |_| {},
        )
        .unwrap_err();
    assert!(matches!(e, ClientError::Timeout(Timer::T4)), "{e:?}");
    thread::sleep(Duration::from_millis(300));
    client.log_off().unwrap();
    peer.join().unwrap();
}

fn one_yuan_cent() -> posbind::zvt::messages::Amount {
    posbind::zvt::messages::Amount {
        minor: 1,
        currency: posbind::zvt::messages::Currency::CNY,
    }
}

#[test]
fn a_payment_ended_after_an_unreadable_status_information_names_the_message_not_the_card() {
    // The terminal sends a status information posbind cannot read even the result code of,
    // gets 84 9A and cancels with 6C ("aborted", whose remedy speaks of the card).
    let (mut client, peer) = serial_pair(ClientConfig::default(), |p| {
        assert_eq!(&p.command()[..2], &[0x06, 0x01]);
        assert!(p.send("80 00 00"));
        assert_eq!(p.send_master("04 0F 02 22 F1"), h("84 9A 00"));
        assert_eq!(p.send_master("06 1E 01 6C"), h("80 00 00"));
    });
    let e = client
        .authorise(one_yuan_cent(), None, &mut |_| {})
        .unwrap_err();
    match &e {
        ClientError::Unreadable(what) => assert!(what.contains("04 0F"), "{what}"),
        other => panic!("not the real reason: {other:?}"),
    }
    let device = posbind::device::DeviceError::from(&e);
    let text = posbind::i18n::tr_message(posbind::i18n::Lang::En, device.message());
    assert!(text.contains("could not read"), "{text}");
    assert_eq!(device.result_code(), None, "no 6C remedy about the card");
    peer.join().unwrap();
}

/// The terminal side of a payment the ECR stops while the card is awaited: returns how long
/// the Abort took to arrive after "insert card" was acknowledged.
fn wait_for_abort(p: &mut SerialPeer) -> Duration {
    assert_eq!(&p.command()[..2], &[0x06, 0x01]);
    assert!(p.send("80 00 00"));
    assert_eq!(p.send_master("04 FF 01 0A"), h("80 00 00"), "insert card");
    let shown = std::time::Instant::now();
    let abort = p.command();
    let took = shown.elapsed();
    assert_eq!(abort, h("06 B0 00"), "ECR Abort");
    took
}

/// A payment the caller stops as soon as the terminal shows its first status.
fn pay_and_stop_at_the_first_status(
    client: &mut Client,
) -> Result<posbind::zvt::messages::PaymentInfo, ClientError> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = AtomicBool::new(false);
    client
        .authorise_until(
            one_yuan_cent(),
            Some(60),
            &|| stop.load(Ordering::Relaxed),
            &mut |e| {
                if matches!(e, posbind::zvt::ecr::FlowEvent::Intermediate(_)) {
                    stop.store(true, Ordering::Relaxed)
                }
            },
        )
        .map(|(info, _)| info)
}

#[test]
fn stopping_a_payment_while_the_card_is_awaited_sends_abort_within_a_second() {
    let (mut client, peer) = serial_pair(ClientConfig::default(), |p| {
        let took = wait_for_abort(p);
        assert!(took < Duration::from_secs(1), "abort after {took:?}");
        assert!(p.send("80 00 00"), "abort accepted");
        assert_eq!(p.send_master("06 1E 01 6C"), h("80 00 00"));
    });
    match pay_and_stop_at_the_first_status(&mut client) {
        Err(ClientError::Stopped {
            confirmed: true,
            code: Some(c),
        }) => assert_eq!(c.0, 0x6C),
        other => panic!("{other:?}"),
    }
    peer.join().unwrap();
}

#[test]
fn a_payment_the_terminal_booked_before_the_abort_comes_back_booked() {
    let (mut client, peer) = serial_pair(ClientConfig::default(), |p| {
        wait_for_abort(p);
        assert!(p.send("84 83 00"), "too late to abort");
        assert_eq!(p.send_master("04 0F 05 27 00 87 00 07"), h("80 00 00"));
        assert_eq!(p.send_master("06 0F 00"), h("80 00 00"));
    });
    let info = pay_and_stop_at_the_first_status(&mut client).expect("the booked payment");
    assert_eq!(info.receipt, Some(7));
    peer.join().unwrap();
}

#[test]
fn a_terminal_that_ignores_the_abort_ends_the_payment_as_stopped_unconfirmed_in_bounded_time() {
    let config = ClientConfig::default();
    let (mut client, peer) = serial_pair(config, |p| {
        wait_for_abort(p);
        // Silence: no answer to the abort, no end of the payment. The ECR gives up by itself.
        thread::sleep(posbind::device::client::ABORT_WAIT + Duration::from_secs(1));
    });
    let started = std::time::Instant::now();
    let r = pay_and_stop_at_the_first_status(&mut client);
    assert!(
        matches!(
            r,
            Err(ClientError::Stopped {
                confirmed: false,
                ..
            })
        ),
        "{r:?}"
    );
    assert!(started.elapsed() < posbind::device::client::ABORT_WAIT + Duration::from_secs(3));
    peer.join().unwrap();
}
