//! "When something goes wrong" (出现问题时): the exceptions a merchant meets after go-live — a
//! slip that did not print, a suspected double charge, a payment stuck in progress, a terminal
//! refusing cards after a software update, a lost or stolen terminal, and what never to do —
//! each answered with the case's own data: its terminal (serial number, TID, MID), its
//! institution and that institution's service number from the current catalog, whether today's
//! batch is still open (void or refund), the rates of its contract and its install address.
//!
//! Shown on the F1 page (first for a live case) and printed by `posbind help exceptions`.

use chrono::FixedOffset;

use super::faq::Block;
use crate::i18n::{tr, tr_args, Lang};
use crate::onboarding::catalog::{fmt_rate, Catalog};
use crate::onboarding::Case;

/// What the answers need of the case, with the general wording's words where it has nothing.
struct Facts {
    institution: String,
    phone: String,
    terminal: String,
    address: String,
    case_id: String,
}

impl Facts {
    fn of(case: Option<&Case>, catalog: &Catalog, lang: Lang) -> Facts {
        let inst = case.and_then(|c| c.institution.as_ref());
        // The current catalog's number beats the one copied into the case when it was chosen:
        // an institution changes its service line, and the catalog is what an installer keeps.
        let phone = inst
            .and_then(|i| catalog.get(&i.id).map(|c| c.phone.clone()))
            .filter(|p| !p.trim().is_empty())
            .or_else(|| inst.map(|i| i.phone.clone()))
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| tr(lang, "exc-phone-unknown"));
        let institution = inst.map_or_else(
            || tr(lang, "exc-institution-general"),
            |i| i.name.get(lang).to_string(),
        );
        let terminal = match case {
            Some(c) => {
                let (mid, tid) = c.approval().unwrap_or(("", ""));
                tr_args(
                    lang,
                    "exc-terminal",
                    &[
                        ("serial", &or_dash(&c.binding.serial_label)),
                        ("tid", &or_dash(tid)),
                        ("mid", &or_dash(mid)),
                    ],
                )
            }
            None => tr(lang, "exc-terminal-general"),
        };
        let address = case
            .map(|c| c.install_address().to_string())
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(|| tr(lang, "exc-address-general"));
        let case_id = case.map_or_else(|| tr(lang, "faq-id-placeholder"), |c| c.id.to_string());
        Facts {
            institution,
            phone,
            terminal,
            address,
            case_id,
        }
    }

    fn args(&self) -> [(&'static str, &str); 5] {
        [
            ("institution", &self.institution),
            ("phone", &self.phone),
            ("terminal", &self.terminal),
            ("address", &self.address),
            ("id", &self.case_id),
        ]
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

/// The exceptions for `case` (general answers without one), in `lang`; times in `tz`.
pub fn blocks(case: Option<&Case>, catalog: &Catalog, lang: Lang, tz: FixedOffset) -> Vec<Block> {
    let f = Facts::of(case, catalog, lang);
    let args = f.args();
    let a = |id: &str| Block::Answer(tr_args(lang, id, &args));
    let q = |id: &str| Block::Question(tr(lang, id));
    let mut b = vec![Block::Section(tr(lang, "exc-title"))];

    b.push(q("exc-q-slip"));
    b.push(a("exc-a-slip"));

    b.push(q("exc-q-double"));
    b.push(a("exc-a-double"));
    b.push(Block::Answer(batch_answer(case, lang, tz)));
    b.push(a("exc-a-double-reversal"));

    b.push(q("exc-q-stuck"));
    b.push(a("exc-a-stuck"));

    b.push(q("exc-q-update"));
    b.push(a("exc-a-update"));

    b.push(q("exc-q-lost"));
    b.push(a("exc-a-lost"));

    b.push(q("exc-q-never"));
    b.push(a("exc-a-never-lend"));
    b.push(a("exc-a-never-move"));
    let rates = case
        .and_then(|c| c.contract.as_ref())
        .and_then(|c| Some((c.debit_rate?, c.credit_rate?)));
    b.push(Block::Answer(match rates {
        Some((debit, credit)) => tr_args(
            lang,
            "exc-a-never-rate",
            &[
                ("debit", &fmt_rate(debit)),
                ("credit", &fmt_rate(credit)),
                ("institution", &f.institution),
            ],
        ),
        None => tr(lang, "exc-a-never-rate-general"),
    }));
    b
}

/// Void (撤销) or refund (退货): which applies depends on whether the payment came before or
/// after the last end-of-day (the batch it closed can no longer be voided).
fn batch_answer(case: Option<&Case>, lang: Lang, tz: FixedOffset) -> String {
    match case.and_then(|c| c.maintenance.last_end_of_day.as_ref()) {
        Some(eod) => {
            let at = eod
                .at
                .with_timezone(&tz)
                .format("%Y-%m-%d %H:%M")
                .to_string();
            tr_args(lang, "exc-a-double-batch", &[("at", &at)])
        }
        None => tr(lang, "exc-a-double-general"),
    }
}

/// The blocks as plain text (for `posbind help exceptions`): sections underlined, answers
/// indented under their question.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Section(s) => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(s);
                out.push('\n');
            }
            Block::Question(s) => {
                out.push('\n');
                out.push_str(s);
                out.push('\n');
            }
            Block::Answer(s) => {
                out.push_str("  ");
                out.push_str(s);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onboarding::application::{Contract, ReviewOutcome};
    use crate::onboarding::maintenance::EndOfDay;
    use chrono::{DateTime, Utc};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn tz() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    fn live_case(catalog: &Catalog) -> Case {
        let mut c = Case::new("Harbour Books", Lang::En, false, at("2026-11-20T02:00:00Z"));
        c.institution = catalog.get("sample-a").cloned();
        c.contract = Some(Contract::from_offer(c.institution.as_ref().unwrap()));
        c.review = Some(ReviewOutcome::Approved {
            mid: "102584054110001".into(),
            tid: "00012345".into(),
            activation_password: "000000".into(),
            at: at("2026-11-24T02:00:00Z"),
            simulated: true,
        });
        c.binding.serial_label = "12345678".into();
        c.application.install_address = "广东省深圳市南山区科技园路 1 号".into();
        c
    }

    fn catalog_with_phone() -> Catalog {
        let mut cat = Catalog::shipped();
        for i in &mut cat.institutions {
            if i.id == "sample-a" {
                i.phone = "020-5555-0100".into();
            }
        }
        cat
    }

    #[test]
    fn the_answers_carry_the_case_and_the_catalogs_phone() {
        let cat = catalog_with_phone();
        // The case was made from the catalog before it listed a phone number.
        let c = live_case(&Catalog::shipped());
        for lang in [Lang::En, Lang::ZhCn] {
            let t = plain_text(&blocks(Some(&c), &cat, lang, tz()));
            for needle in [
                "020-5555-0100",
                "00012345",
                "102584054110001",
                "12345678",
                "科技园路 1 号",
                "0.45%",
                "0.60%",
            ] {
                assert!(t.contains(needle), "{lang:?} lacks {needle}: {t}");
            }
        }
        let t = plain_text(&blocks(Some(&c), &cat, Lang::ZhCn, tz()));
        assert!(
            t.contains("撤销") && t.contains("退货") && t.contains("冲正"),
            "{t}"
        );
        assert!(t.contains("示例支付甲"), "{t}");
    }

    #[test]
    fn void_or_refund_follows_the_last_end_of_day() {
        let cat = Catalog::shipped();
        let mut c = live_case(&cat);
        let t = plain_text(&blocks(Some(&c), &cat, Lang::En, tz()));
        assert!(t.contains(&tr(Lang::En, "exc-a-double-general")), "{t}");
        c.maintenance.last_end_of_day = Some(EndOfDay {
            at: at("2026-12-01T12:00:00Z"),
            count: None,
            total_minor: Some(0),
            currency: 156,
            tid: "00012345".into(),
        });
        for (lang, needle) in [
            (Lang::En, "was at 2026-12-01 20:00"),
            (Lang::ZhCn, "2026-12-01 20:00"),
        ] {
            let t = plain_text(&blocks(Some(&c), &cat, lang, tz()));
            assert!(t.contains(needle), "{t}");
            assert!(!t.contains(&tr(lang, "exc-a-double-general")), "{t}");
        }
    }

    #[test]
    fn without_a_case_or_a_phone_the_answers_say_where_to_look() {
        let cat = Catalog::shipped();
        let t = plain_text(&blocks(None, &cat, Lang::ZhCn, tz()));
        assert!(t.contains(&tr(Lang::ZhCn, "exc-phone-unknown")), "{t}");
        assert!(
            t.contains(&tr(Lang::ZhCn, "exc-a-never-rate-general")),
            "{t}"
        );
        let c = live_case(&cat);
        let t = plain_text(&blocks(Some(&c), &cat, Lang::En, tz()));
        assert!(t.contains(&tr(Lang::En, "exc-phone-unknown")), "{t}");
    }
}
