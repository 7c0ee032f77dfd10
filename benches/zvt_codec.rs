//! Throughput of the ZVT codec: framing, APDU and BMP/TLV encode and decode.
//! Run: `cargo bench --bench zvt_codec`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use posbind::zvt::apdu::Apdu;
use posbind::zvt::bmp::{self, Writer};
use posbind::zvt::frame::{self, Decoder};
use posbind::zvt::messages::{pack_masked_pan, Identity, SerialNumber, Tid};

/// A payment's status information, the largest message of a test loop.
fn status_info() -> Apdu {
    let data = Writer::new()
        .byte(0x27, 0)
        .bcd(0x04, 1, 6)
        .bcd(0x0B, 1234, 3)
        .bcd(0x0C, 120000, 3)
        .bcd(0x0D, 1126, 2)
        .bcd(0x29, 12345678, 4)
        .bcd(0x87, 10, 2)
        .bcd(0x49, 156, 2)
        .llvar(0x22, &pack_masked_pan("621626*********0018"))
        .llvar(0x8B, b"UnionPay Test")
        .finish();
    Apdu::new(0x04, 0x0F, data)
}

fn codec(c: &mut Criterion) {
    let apdu = status_info();
    let bytes = apdu.encode();
    let wire = frame::encode(&bytes);
    let mut g = c.benchmark_group("zvt");
    g.throughput(Throughput::Bytes(wire.len() as u64));
    g.bench_function("frame_encode_status_info", |b| {
        b.iter(|| frame::encode(black_box(&bytes)))
    });
    g.bench_function("frame_decode_status_info", |b| {
        b.iter(|| {
            let mut d = Decoder::new();
            let mut out = None;
            for x in black_box(&wire) {
                if let Some(f) = d.push(*x) {
                    out = Some(f);
                }
            }
            out
        })
    });
    g.bench_function("apdu_decode_and_bmp_parse", |b| {
        b.iter(|| {
            let a = Apdu::decode(black_box(&bytes)).unwrap();
            bmp::parse(&a.data).unwrap()
        })
    });
    let dle = vec![0x10u8; 1024];
    let dle_apdu = Apdu::new(0x06, 0xD3, dle).encode();
    let dle_wire = frame::encode(&dle_apdu);
    g.throughput(Throughput::Bytes(dle_wire.len() as u64));
    g.bench_function("frame_round_trip_1k_dle", |b| {
        b.iter(|| {
            let w = frame::encode(black_box(&dle_apdu));
            let mut d = Decoder::new();
            w.iter().filter_map(|x| d.push(*x)).count()
        })
    });
    let id = Identity {
        serial: SerialNumber::parse_hex("0012AB34"),
        device_name: Some("posbind-sim".into()),
        software_version: Some("1.0".into()),
        tid: Tid::parse("12345678"),
        status: None,
        device_state: None,
    };
    let completion = id.encode_completion(true, true);
    g.throughput(Throughput::Bytes(completion.len() as u64));
    g.bench_function("status_enquiry_completion_tlv_parse", |b| {
        b.iter(|| Identity::parse_completion(black_box(&completion)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, codec);
criterion_main!(benches);
