//! The APDU, BMP and TLV parsers and both message parsers on arbitrary bytes: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posbind::zvt::apdu::Apdu;
use posbind::zvt::bmp;
use posbind::zvt::messages::{EcrCommand, Identity, PtMessage};
use posbind::zvt::tlv;

fuzz_target!(|data: &[u8]| {
    let _ = Apdu::decode_prefix(data);
    if let Ok(a) = Apdu::decode(data) {
        assert_eq!(Apdu::decode(&a.encode()).unwrap(), a);
        let _ = PtMessage::parse(&a);
        if let Ok(cmd) = EcrCommand::parse(&a) {
            // What parses must encode to something that parses to the same command.
            let _ = EcrCommand::parse(&cmd.to_apdu());
        }
    }
    let _ = bmp::parse(data);
    let _ = bmp::parse_strict(data);
    if let Ok(objs) = tlv::decode_objects(data) {
        let again = tlv::encode_objects(&objs);
        assert_eq!(tlv::decode_objects(&again).unwrap(), objs);
    }
    let _ = Identity::parse_completion(data);
});
