//! The serial frame decoder and the link layer on arbitrary line bytes: no panic, and every
//! frame it accepts re-encodes to bytes it decodes to the same APDU.
#![no_main]

use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;
use posbind::zvt::frame::{self, Decoded, Decoder};
use posbind::zvt::link::{Link, LinkTimers, SerialLink};

fuzz_target!(|data: &[u8]| {
    let mut d = Decoder::new();
    for b in data {
        if let Some(Decoded::Frame(apdu)) = d.push(*b) {
            let mut d2 = Decoder::new();
            let again: Vec<_> = frame::encode(&apdu).iter().filter_map(|x| d2.push(*x)).collect();
            assert_eq!(again, vec![Decoded::Frame(apdu)]);
        }
    }
    // The link, fed in chunks with time passing, must not panic either.
    let t0 = Instant::now();
    let mut link = SerialLink::new(LinkTimers::default());
    for (i, chunk) in data.chunks(7).enumerate() {
        let now = t0 + Duration::from_millis(i as u64 * 150);
        link.handle_input(chunk, now);
        link.handle_timeout(now);
        while link.poll_transmit().is_some() {}
        while link.poll_event().is_some() {}
    }
});
