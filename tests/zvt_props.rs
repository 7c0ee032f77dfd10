//! Property tests: encode→decode round trips with DLE-heavy data, and decoders that never panic
//! on arbitrary bytes.

use proptest::prelude::*;

use posbind::zvt::apdu::Apdu;
use posbind::zvt::bmp::{self, Writer};
use posbind::zvt::frame::{self, Decoded, Decoder};
use posbind::zvt::messages::{EcrCommand, Identity, PtMessage};
use posbind::zvt::tlv::{self, Tlv};

/// Bytes with many DLE (0x10), ETX, ACK and NAK values, the ones framing must escape or skip.
fn dle_heavy() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            Just(0x10u8),
            Just(0x02u8),
            Just(0x03u8),
            Just(0x06u8),
            Just(0x15u8),
            any::<u8>()
        ],
        0..600,
    )
}

fn tlv_tree() -> impl Strategy<Value = Tlv> {
    let leaf = (
        prop::sample::select(vec![
            vec![0x1Fu8, 0x40],
            vec![0x1F, 0x42],
            vec![0x1B],
            vec![0xDF, 0x81, 0x01],
        ]),
        dle_heavy(),
    )
        .prop_map(|(tag, v)| Tlv::primitive(&tag, v.into_iter().take(300).collect()));
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(|c| Tlv::constructed(&[0xE4], c))
    })
}

proptest! {
    #[test]
    fn frames_round_trip(data in dle_heavy(), class in any::<u8>(), instr in any::<u8>()) {
        let apdu = Apdu::new(class, instr, data).encode();
        let wire = frame::encode(&apdu);
        let mut d = Decoder::new();
        let out: Vec<_> = wire.iter().filter_map(|b| d.push(*b)).collect();
        prop_assert_eq!(out, vec![Decoded::Frame(apdu)]);
    }

    #[test]
    fn apdus_round_trip(data in prop::collection::vec(any::<u8>(), 0..1200), class in any::<u8>(), instr in any::<u8>()) {
        let a = Apdu::new(class, instr, data);
        prop_assert_eq!(Apdu::decode(&a.encode()).unwrap(), a);
    }

    #[test]
    fn tlv_round_trips(objs in prop::collection::vec(tlv_tree(), 0..4)) {
        let c = tlv::encode_container(&objs);
        let (len, used) = tlv::decode_length(&c[1..]).unwrap();
        prop_assert_eq!(len, c.len() - 1 - used);
        prop_assert_eq!(tlv::decode_objects(&c[1 + used..]).unwrap(), objs);
    }

    #[test]
    fn bmp_lists_round_trip(amount in 0u64..999_999_999_999, receipt in 0u64..9999, text in "[ -~]{0,99}", pan in prop::collection::vec(any::<u8>(), 0..99)) {
        let data = Writer::new()
            .byte(0x27, 0)
            .bcd(0x04, amount, 6)
            .bcd(0x87, receipt, 2)
            .llvar(0x22, &pan)
            .lllvar(0x3C, text.as_bytes())
            .finish();
        let b = bmp::parse_strict(&data).unwrap();
        prop_assert_eq!(b.bcd(0x04), Some(amount));
        prop_assert_eq!(b.bcd(0x87), Some(receipt));
        prop_assert_eq!(b.get(0x22).unwrap(), &pan[..]);
        prop_assert_eq!(b.get(0x3C).unwrap(), text.as_bytes());
    }

    #[test]
    fn decoders_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..800)) {
        let mut d = Decoder::new();
        for b in &bytes {
            let _ = d.push(*b);
        }
        let _ = Apdu::decode(&bytes);
        let _ = Apdu::decode_prefix(&bytes);
        let _ = bmp::parse(&bytes);
        let _ = bmp::parse_strict(&bytes);
        let _ = tlv::decode_objects(&bytes);
        let _ = Identity::parse_completion(&bytes);
        if bytes.len() >= 2 {
            let a = Apdu::new(bytes[0], bytes[1], bytes[2..].to_vec());
            let _ = PtMessage::parse(&a);
            let _ = EcrCommand::parse(&a);
        }
    }

    #[test]
    fn every_ecr_command_parses_back(minor in 1u64..999_999_999_999, receipt in 0u16..9999, tid in "[0-9]{8}") {
        use posbind::zvt::messages::{Currency, Password, Tid};
        let cmds = vec![
            EcrCommand::Authorisation { amount_minor: minor, currency: Some(Currency::CNY), payment_type: None, timeout: Some(30) },
            EcrCommand::Reversal { password: Password::default(), receipt, amount: None },
            EcrCommand::SetTerminalId { password: Password::default(), tid: Tid::parse(&tid) },
            EcrCommand::Diagnosis { kind: Some(2) },
        ];
        for c in cmds {
            prop_assert_eq!(EcrCommand::parse(&c.to_apdu()).unwrap(), c);
        }
    }
}
