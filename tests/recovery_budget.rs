//! Recovery after a failed payment round has a budget (issue 22, point 10): a terminal that
//! stops reading right after it booked a payment cannot hold posbind for the link's resends of
//! every reversal attempt (3 × T2 each). Over a pseudo-terminal, so the serial link's own
//! waits are the ones that must be bounded.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use posbind::device::client::{Client, ClientConfig};
use posbind::device::transport::{SerialSettings, SerialTransport};
use posbind::device::{Amount, Currency, PaymentTerminal};
use posbind::store::pending::PendingStore;
use posbind::testloop::pending::{PaymentJournal, TerminalId};
use posbind::testloop::{
    self, Control, LoopConfig, Mode, Money, UnreversedKind, RECOVERY_TIMEOUTS,
};
use posbind::zvt::bcd::parse_hex;
use posbind::zvt::frame::{self, Decoded, Decoder, ACK};
use serialport::{SerialPort, TTYPort};

fn h(s: &str) -> Vec<u8> {
    parse_hex(s).unwrap()
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

/// Sends a terminal-master message and takes the ECR's ACK and `80 00 00` for it.
fn master(io: &mut TTYPort, dec: &mut Decoder, apdu: &[u8], answered: bool) {
    io.write_all(&frame::encode(apdu)).unwrap();
    let mut b = [0u8; 1];
    io.read_exact(&mut b).unwrap();
    assert_eq!(b[0], ACK);
    if answered {
        assert_eq!(read_frame(io, dec), h("80 00 00"));
        io.write_all(&[ACK]).unwrap();
    }
}

/// Answers Repeat Receipt with "nothing booked", books the payment, then never reads again.
fn deaf_after_commit(mut io: TTYPort) {
    let mut dec = Decoder::new();
    let repeat = read_frame(&mut io, &mut dec);
    assert_eq!(&repeat[..2], &[0x06, 0x20], "Repeat Receipt first");
    io.write_all(&[ACK]).unwrap();
    master(&mut io, &mut dec, &h("80 00 00"), false);
    master(&mut io, &mut dec, &h("06 1E 01 83"), true);
    let pay = read_frame(&mut io, &mut dec);
    assert_eq!(&pay[..2], &[0x06, 0x01], "then the Authorisation");
    io.write_all(&[ACK]).unwrap();
    master(&mut io, &mut dec, &h("80 00 00"), false);
    master(
        &mut io,
        &mut dec,
        &h("04 0F 10 27 00 87 00 01 0B 00 00 01 04 00 00 00 00 00 01"),
        true,
    );
    // Deaf from here on: nothing read, nothing sent, until the test ends.
    std::thread::sleep(Duration::from_secs(120));
    drop(io);
}

#[test]
fn a_terminal_that_stops_reading_after_a_booked_payment_costs_at_most_the_recovery_budget() {
    let (master_end, slave) = TTYPort::pair().unwrap();
    let path = slave.name().unwrap();
    std::thread::spawn(move || {
        let _keep = slave;
        deaf_after_commit(master_end)
    });
    let transport = SerialTransport::open(&path, SerialSettings::default()).unwrap();
    let mut client = Client::new(Box::new(transport), ClientConfig::default());
    let timeout = Duration::from_secs(2);
    let cfg = LoopConfig {
        mode: Mode::Payment,
        count: 1,
        interval: Duration::ZERO,
        timeout,
        amount: Amount {
            minor: 1,
            currency: Currency::CNY,
        },
        p95_limit: Duration::from_secs(15),
        reversal_attempts: 3,
    };
    let dir = tempfile::tempdir().unwrap();
    let mut journal = PendingStore::new(dir.path());
    let terminal = TerminalId::new(Some("0012AB34"), Some("12345678"));
    let mut money = Money::new(&mut journal, &terminal);
    let started = Instant::now();
    client.set_command_limit(timeout);
    let s = testloop::run_journaled(
        &mut client,
        &cfg,
        &Control::default(),
        &mut money,
        &mut |_| {},
    );
    let took = started.elapsed();
    // The round (2 s) and the recovery budget (4 × 2 s), with a margin for a loaded machine:
    // without the budget every reversal attempt alone took the link's 3 × 5 s.
    let budget = timeout * (1 + RECOVERY_TIMEOUTS);
    assert!(
        took < budget + Duration::from_secs(5),
        "took {took:?}, budget {budget:?}"
    );
    assert_eq!(s.unreversed.len(), 1, "{s:?}");
    assert_eq!(s.unreversed[0].kind, UnreversedKind::Committed);
    assert_eq!(s.unreversed[0].receipt, Some(1));
    drop(money);
    assert_eq!(
        journal.open_for(&terminal).unwrap().len(),
        1,
        "still listed"
    );
}
