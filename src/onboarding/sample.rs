//! The demo's sample merchant: realistic data that passes every validator, and sample scans
//! (real PNG and PDF files, marked SAMPLE) written into the case's own folder, so a newcomer
//! can walk the whole wizard in `posbind demo` without typing. Never used outside the demo.

use chrono::{DateTime, Utc};

use super::case::{Case, PosChoice};
use super::materials::{AccountType, MerchantType};
use crate::i18n::Lang;

/// The sample merchant's name (a company: its settlement account carries the same name).
pub const SAMPLE_MERCHANT: &str = "好运来便利店有限公司";

/// Documents the sample company needs (written by `store::documents::write_sample_scans`) (company account), with the file each one gets.
pub const SAMPLE_DOCUMENTS: [(&str, &str); 9] = [
    ("business-licence", "business-licence.pdf"),
    ("id-front", "id-front.png"),
    ("id-back", "id-back.png"),
    ("account-info", "account-info.png"),
    ("settlement-account-proof", "settlement-account-proof.pdf"),
    ("shop-front", "shop-front.png"),
    ("shop-cashier", "shop-cashier.png"),
    ("shop-interior", "shop-interior.png"),
    // MCC 5411 is 优惠类: the acquirer asks for proof of the trade (floor area, checkouts).
    ("trade-proof", "trade-proof.png"),
];

/// A new demo case for the sample merchant: POS choice, materials, merchant category, channel,
/// the install location and the label serial number of the simulated terminal (`serial`).
/// The documents are added by `store::documents::write_sample_scans` once the case has a
/// folder.
pub fn sample_case(lang: Lang, now: DateTime<Utc>, serial: &str) -> Case {
    let mut c = Case::new(SAMPLE_MERCHANT, lang, true, now);
    c.pos = Some(PosChoice {
        scenario: "fixed-counter".into(),
        pos_type: "countertop".into(),
        count: 1,
    });
    let m = &mut c.materials;
    m.merchant_type = Some(MerchantType::Company);
    m.credit_code = "91440300708461136T".into();
    m.legal_rep_name = "张三".into();
    m.id_number = "11010519491231002X".into();
    m.id_valid_until = "长期".into();
    m.mobile = "18012341999".into();
    m.address = "深圳市南山区科技园南区 8 号 101 铺".into();
    m.account_type = Some(AccountType::Company);
    m.bank_name = "招商银行".into();
    m.branch_code = "308584000013".into();
    m.account_number = "755912345610001".into();
    m.holder_name = SAMPLE_MERCHANT.into();
    // With nationality, document validity and address (受益所有人信息管理办法).
    m.beneficial_owners =
        "张三 11010519491231002X 100% | 中国 | 长期 | 深圳市南山区科技园南区 8 号 101 铺".into();
    c.application.mcc = Some("5411".into());
    c.application.channel = Some(super::application::Channel::Online);
    c.binding.location = super::validate::coordinates("22.5431, 113.9360").value;
    c.binding.serial_label = serial.to_string();
    c
}

/// A 240x160 greyscale PNG: a light "paper" with a dark frame and diagonal stripes that differ
/// by `seed` (so every scan has its own fingerprint). Stored (uncompressed) deflate blocks keep
/// the encoder a few lines long.
pub fn sample_png(seed: u8) -> Vec<u8> {
    const W: usize = 240;
    const H: usize = 160;
    let mut raw = Vec::with_capacity((W + 1) * H);
    for y in 0..H {
        raw.push(0); // filter: none
        for x in 0..W {
            let frame = x < 4 || y < 4 || x >= W - 4 || y >= H - 4;
            let stripe = (x + y + usize::from(seed) * 7) % 24 < 3;
            raw.push(if frame {
                40
            } else if stripe {
                150
            } else {
                235
            });
        }
    }
    let mut z = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in chunks.iter().enumerate() {
        z.push(u8::from(i + 1 == chunks.len()));
        let len = block.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(block);
    }
    z.extend_from_slice(&adler32(&raw).to_be_bytes());

    let mut ihdr = vec![];
    ihdr.extend_from_slice(&(W as u32).to_be_bytes());
    ihdr.extend_from_slice(&(H as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit greyscale
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    for (kind, data) in [(b"IHDR", &ihdr), (b"IDAT", &z), (b"IEND", &vec![])] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        png.extend_from_slice(&body);
        let crc = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(&body);
        png.extend_from_slice(&crc.to_be_bytes());
    }
    png
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &d in data {
        a = (a + u32::from(d)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// A one-page A4 PDF that says what it stands for and that it is a sample.
pub fn sample_pdf(what: &str) -> Vec<u8> {
    let text = format!(
        "BT /F1 28 Tf 72 760 Td (SAMPLE - posbind demo) Tj 0 -40 Td /F1 18 Tf ({what}) Tj ET"
    );
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_files_are_real_png_and_pdf() {
        let png = sample_png(3);
        assert!(png.starts_with(&[0x89, b'P', b'N', b'G']));
        assert!(
            png.ends_with(&[0xAE, 0x42, 0x60, 0x82]),
            "IEND with its CRC"
        );
        assert_ne!(sample_png(1), sample_png(2));
        let pdf = String::from_utf8(sample_pdf("business-licence")).unwrap();
        assert!(pdf.starts_with("%PDF-1.4") && pdf.ends_with("%%EOF\n"));
        let xref: usize = pdf
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(pdf[xref..].starts_with("xref"), "the xref offset is right");
    }
}
