//! The terminal client (the code `posbind probe` runs) against a small scripted terminal peer
//! that speaks raw bytes: over a pseudo-terminal (the real serial path) and over TCP loopback.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use posbind::cli::terminal::probe_identity;
use posbind::device::client::{Client, ClientConfig};
use posbind::device::transport::{SerialSettings, SerialTransport, TcpTransport};
use posbind::zvt::bcd::parse_hex;
use posbind::zvt::frame::{self, Decoded, Decoder, ACK};
use serialport::{SerialPort, TTYPort};

fn h(s: &str) -> Vec<u8> {
    parse_hex(s).unwrap()
}

/// What the peer expects and answers: (command APDU, answers). The first answer is the
/// `80 00 00`; every later one is a terminal-master message the ECR must acknowledge.
fn probe_script() -> Vec<(Vec<u8>, Vec<Vec<u8>>)> {
    let mut se = h("06 0F 00 F0 F0 F5");
    se.extend_from_slice(b"T-1.2");
    se.push(0x00); // terminal status: ready
    se.extend(h(
        "06 19 1F 44 04 00 00 12 34 E4 10 1F 40 03 41 42 43 1F 42 03 00 12 AB 1F 43 01 00",
    ));
    let len = (se.len() - 3) as u8;
    se[2] = len;
    vec![
        (
            h("06 00 08 00 00 00 38 01 56 06 00"),
            vec![h("80 00 00"), h("06 0F 06 19 00 49 01 56 00")],
        ),
        (h("05 01 05 00 00 00 03 04"), vec![h("80 00 00"), se]),
        (h("06 02 00"), vec![h("80 00 00")]),
    ]
}

fn read_frame(io: &mut dyn Read, dec: &mut Decoder) -> Vec<u8> {
    let mut b = [0u8; 1];
    loop {
        io.read_exact(&mut b).expect("peer read");
        if let Some(Decoded::Frame(apdu)) = dec.push(b[0]) {
            return apdu;
        }
    }
}

fn read_byte(io: &mut dyn Read) -> u8 {
    let mut b = [0u8; 1];
    io.read_exact(&mut b).expect("peer read");
    b[0]
}

/// Plays the script over a serial line: frames, CRCs and ACKs as raw bytes.
fn serial_peer(io: &mut (impl Read + Write)) {
    let mut dec = Decoder::new();
    for (expect, answers) in probe_script() {
        assert_eq!(read_frame(io, &mut dec), expect, "command from the ECR");
        io.write_all(&[ACK]).unwrap();
        for (i, a) in answers.iter().enumerate() {
            io.write_all(&frame::encode(a)).unwrap();
            assert_eq!(read_byte(io), ACK, "ECR acknowledges the frame");
            if i > 0 {
                assert_eq!(
                    read_frame(io, &mut dec),
                    h("80 00 00"),
                    "ECR answers 80 00 00"
                );
                io.write_all(&[ACK]).unwrap();
            }
        }
    }
}

/// Plays the script over TCP: bare APDUs.
fn tcp_peer(io: &mut (impl Read + Write)) {
    for (expect, answers) in probe_script() {
        let mut got = vec![0u8; expect.len()];
        io.read_exact(&mut got).unwrap();
        assert_eq!(got, expect);
        for (i, a) in answers.iter().enumerate() {
            io.write_all(a).unwrap();
            if i > 0 {
                let mut ack = [0u8; 3];
                io.read_exact(&mut ack).unwrap();
                assert_eq!(ack, [0x80, 0, 0]);
            }
        }
    }
}

fn check_identity(client: &mut Client) {
    let id = probe_identity(client).expect("probe");
    assert_eq!(
        id.serial.unwrap().hex(),
        "0012AB",
        "raw serial bytes as hex"
    );
    assert_eq!(id.device_name.as_deref(), Some("ABC"));
    assert_eq!(id.software_version.as_deref(), Some("T-1.2"));
    assert_eq!(id.tid.unwrap().as_str(), "00001234", "leading zeros kept");
    assert!(id.status.unwrap().is_ready());
}

#[test]
fn probe_over_a_pseudo_terminal_against_a_scripted_peer() {
    let (mut master, slave) = TTYPort::pair().unwrap();
    let path = slave.name().unwrap();
    master.set_timeout(Duration::from_secs(10)).unwrap();
    let peer = std::thread::spawn(move || {
        let _keep = slave;
        serial_peer(&mut master);
    });
    let transport = SerialTransport::open(&path, SerialSettings::default()).unwrap();
    let mut client = Client::new(Box::new(transport), ClientConfig::default());
    check_identity(&mut client);
    peer.join().expect("peer saw the expected bytes");
}

#[test]
fn probe_over_tcp_loopback_against_a_scripted_peer() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let peer = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        tcp_peer(&mut s);
    });
    let transport = TcpTransport::connect(&addr.to_string(), Duration::from_secs(5)).unwrap();
    let mut client = Client::new(Box::new(transport), ClientConfig::default());
    check_identity(&mut client);
    peer.join().expect("peer saw the expected bytes");
}
