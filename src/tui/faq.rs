//! The F1 "常见问题 / FAQ" page: the questions every merchant asks and the 注意事项 (points to
//! heed), each answered with the open case's own data — its review ETA, its consented fees and
//! the warnings raised, its activation and test results, its institution's licence — instead of
//! general advice.

use chrono::FixedOffset;

use crate::i18n::{tr, tr_args, Lang};
use crate::onboarding::catalog::{fmt_yuan, mcc, InstitutionKind};
use crate::onboarding::Case;

/// One block of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading (FAQ, 注意事项).
    Section(String),
    /// A question or a point to heed.
    Question(String),
    /// The answer, one paragraph.
    Answer(String),
}

/// The FAQ and the 注意事项 for `case` (general answers where the case has no data yet).
pub fn blocks(case: Option<&Case>, lang: Lang, tz: FixedOffset) -> Vec<Block> {
    let t = |id: &str| tr(lang, id);
    let local = |d: chrono::DateTime<chrono::Utc>| {
        d.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
    };
    let inst = case.and_then(|c| c.institution.as_ref());
    let mut b = vec![Block::Section(t("faq-title"))];

    // How long does binding take?
    b.push(Block::Question(t("faq-q-time")));
    b.push(Block::Answer(
        match (case.and_then(Case::current_submission), inst) {
            (Some(s), _) => tr_args(
                lang,
                "faq-a-time-submitted",
                &[
                    (
                        "date",
                        &s.at.with_timezone(&tz).format("%Y-%m-%d").to_string(),
                    ),
                    ("eta", &super::steps::application::eta_text(lang, s)),
                ],
            ),
            (None, Some(i)) => tr_args(
                lang,
                "faq-a-time-institution",
                &[
                    ("name", i.name.get(lang)),
                    ("from", &i.review_days[0].to_string()),
                    ("to", &i.review_days[1].to_string()),
                ],
            ),
            (None, None) => t("faq-a-time-general"),
        },
    ));

    // Does it cost anything?
    b.push(Block::Question(t("faq-q-cost")));
    match case.and_then(|c| c.contract.as_ref()) {
        Some(contract) => {
            let fees: Vec<String> = contract
                .fees
                .iter()
                .filter(|f| f.consented)
                .map(|f| {
                    tr_args(
                        lang,
                        "report-fee",
                        &[("fee", f.name.get(lang)), ("yuan", &fmt_yuan(f.yuan))],
                    )
                })
                .collect();
            let list = if fees.is_empty() {
                t("report-no-fees")
            } else {
                fees.join(&t("list-separator"))
            };
            b.push(Block::Answer(tr_args(
                lang,
                "faq-a-cost-contract",
                &[("fees", &list)],
            )));
        }
        None => b.push(Block::Answer(t("faq-a-cost-none"))),
    }
    // What the rules refuse (licence, terminal type), then the warnings raised for this offer:
    // deposit, data fee, rates below cost.
    if let Some(i) = inst {
        let chosen = case
            .and_then(|c| c.application.mcc.as_deref())
            .and_then(mcc);
        let pos_type = case
            .and_then(|c| c.pos.as_ref())
            .map(|p| p.pos_type.as_str());
        for id in i.refusals(pos_type) {
            b.push(Block::Answer(tr_args(
                lang,
                "faq-warning",
                &[("text", &t(id))],
            )));
        }
        for w in i.warnings(chosen) {
            let text = crate::i18n::tr_owned(lang, w.id, &w.args);
            b.push(Block::Answer(tr_args(
                lang,
                "faq-warning",
                &[("text", &text)],
            )));
        }
    }

    // How do I know it worked?
    b.push(Block::Question(t("faq-q-worked")));
    let activation = case.and_then(|c| {
        let at = c.activation.activated_at?;
        let tid = c
            .approval()
            .map(|(_, tid)| tid.to_string())
            .unwrap_or_default();
        Some(tr_args(
            lang,
            if c.activated() {
                "faq-a-worked-activated"
            } else {
                "faq-a-worked-unconfirmed"
            },
            &[
                ("at", &local(at)),
                ("tid", &tid),
                ("serial", &c.binding.serial_label),
            ],
        ))
    });
    // A terminal without a link: what a person confirmed, with who and when.
    let activation = match case.and_then(|c| person_activation(c, lang, &local)) {
        Some(text) => Some(text),
        None => activation,
    };
    b.push(Block::Answer(
        activation.unwrap_or_else(|| t("faq-a-worked-not-yet")),
    ));
    if let Some((c, p)) = case.and_then(|c| c.person_test.as_ref().map(|p| (c, p))) {
        b.push(Block::Answer(tr_args(
            lang,
            c.by_link("faq-a-worked-person-test", "faq-a-worked-person-test-qr"),
            &[
                ("at", &local(p.payment.at)),
                ("who", &p.payment.who),
                ("reference", &p.receipt.reference),
            ],
        )));
    } else if let Some(test) = case.and_then(|c| c.test.as_ref()) {
        let s = &test.summary;
        b.push(Block::Answer(tr_args(
            lang,
            if s.pass {
                "faq-a-worked-test-pass"
            } else {
                "faq-a-worked-test-fail"
            },
            &[
                ("at", &local(test.at)),
                ("succeeded", &s.succeeded.to_string()),
                ("count", &s.count.to_string()),
            ],
        )));
    } else {
        b.push(Block::Answer(t("faq-a-worked-no-test")));
    }

    // What if the account or the institution changes?
    b.push(Block::Question(t("faq-q-change")));
    b.push(Block::Answer(tr_args(
        lang,
        "faq-a-change",
        &[(
            "id",
            &case.map_or_else(|| t("faq-id-placeholder"), |c| c.id.to_string()),
        )],
    )));

    // 注意事项.
    b.push(Block::Section(t("faq-heed-title")));
    b.push(Block::Question(t("faq-heed-licensed")));
    b.push(Block::Answer(match inst {
        Some(i) if i.kind == InstitutionKind::Bank => tr_args(
            lang,
            "faq-heed-licensed-bank",
            &[("name", i.name.get(lang))],
        ),
        Some(i) if !i.licence.trim().is_empty() => tr_args(
            lang,
            "faq-heed-licensed-licence",
            &[("name", i.name.get(lang)), ("licence", &i.licence)],
        ),
        Some(i) => tr_args(
            lang,
            "faq-heed-licensed-missing",
            &[("name", i.name.get(lang))],
        ),
        None => t("faq-heed-licensed-general"),
    }));
    for (q, a) in [
        ("faq-heed-true", "faq-heed-true-text"),
        ("faq-heed-rules", "faq-heed-rules-text"),
        ("faq-heed-data", "faq-heed-data-text"),
        ("faq-heed-maintain", "report-maintenance-text"),
    ] {
        b.push(Block::Question(t(q)));
        b.push(Block::Answer(t(a)));
    }
    rule_blocks(case, lang, &mut b);
    b
}

/// The reviewer's rules: what fails for the open case, then every rule with its source.
fn rule_blocks(case: Option<&Case>, lang: Lang, b: &mut Vec<Block>) {
    use crate::onboarding::rejection::{predict, RULES};
    b.push(Block::Section(tr(lang, "help-rules-title")));
    if let Some(c) = case {
        let findings = predict(c, crate::onboarding::case::local_today());
        if findings.is_empty() {
            b.push(Block::Answer(tr(lang, "app-reject-none")));
        }
        for f in findings {
            let id = if f.refuses() {
                "app-reject-line"
            } else {
                "app-question-line"
            };
            let line = tr_args(
                lang,
                id,
                &[("what", &f.text(lang)), ("source", &f.source(lang))],
            );
            b.push(Block::Answer(line));
        }
    }
    for r in RULES {
        b.push(Block::Question(tr(lang, r.title_id())));
        b.push(Block::Answer(tr_args(
            lang,
            "help-rule-line",
            &[
                ("severity", &tr(lang, r.severity.label_id())),
                ("rule", &tr(lang, r.title_id())),
                ("source", &tr(lang, r.source_id())),
            ],
        )));
    }
}

/// The activation of a terminal without a link as a person confirmed it (none for a terminal
/// posbind drives, or before the activation is done).
fn person_activation(
    c: &Case,
    lang: Lang,
    local: &dyn Fn(chrono::DateTime<chrono::Utc>) -> String,
) -> Option<String> {
    use crate::onboarding::person::Link;
    let link = c.link();
    let last = link.steps().last()?;
    let done = c
        .activation
        .person
        .steps
        .get(last)
        .filter(|_| c.activated())?;
    let tid = c.approval().map(|(_, tid)| tid).unwrap_or_default();
    Some(tr_args(
        lang,
        if link == Link::Qr {
            "faq-a-worked-person-qr"
        } else {
            "faq-a-worked-person"
        },
        &[
            ("at", &local(done.at)),
            ("who", &done.who),
            ("tid", tid),
            ("serial", &c.binding.serial_label),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onboarding::application::{Contract, ReviewOutcome, Submission};
    use crate::onboarding::calendar::Calendar;
    use crate::onboarding::catalog::Catalog;
    use chrono::{DateTime, NaiveDate, Utc};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn text(b: &[Block]) -> String {
        b.iter()
            .map(|b| match b {
                Block::Section(s) | Block::Question(s) | Block::Answer(s) => s.as_str(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn case(inst: &str) -> Case {
        let now = at("2026-11-20T02:00:00Z");
        let mut c = Case::new("Shop", Lang::En, false, now);
        c.institution = Catalog::shipped().get(inst).cloned();
        c.application.mcc = Some("5411".into());
        let s = Submission::new(
            &c,
            crate::onboarding::application::Channel::Online,
            now,
            NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            &Calendar::shipped(),
            String::new(),
        );
        c.submissions.push(s);
        let mut contract = Contract::from_offer(c.institution.as_ref().unwrap());
        contract.add_undisclosed("insurance", 99.0);
        for f in &mut contract.fees {
            f.consented = true;
        }
        c.contract = Some(contract);
        c
    }

    #[test]
    fn the_faq_names_what_the_rules_refuse() {
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let mut c = case("sample-c");
        c.pos = Some(crate::onboarding::PosChoice {
            scenario: "fixed-counter".into(),
            pos_type: "countertop".into(),
            count: 1,
        });
        let t = text(&blocks(Some(&c), Lang::En, tz));
        assert!(t.contains("No payment business licence"), "{t}");
        assert!(t.contains("does not offer the chosen terminal type"), "{t}");
        let t = text(&blocks(Some(&case("sample-a")), Lang::En, tz));
        assert!(!t.contains("No payment business licence"), "{t}");
    }

    #[test]
    fn the_answers_carry_the_case_data() {
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let mut c = case("sample-b");
        let eta =
            super::super::steps::application::eta_text(Lang::En, c.current_submission().unwrap());
        let t = text(&blocks(Some(&c), Lang::En, tz));
        assert!(
            t.contains("submitted on 2026-11-20") && t.contains(&eta),
            "{t}"
        );
        assert!(t.contains("insurance: 99 yuan"), "{t}");
        assert!(t.contains("Warning: A deposit of 299 yuan"), "{t}");
        assert!(
            t.contains("Z2990244000012"),
            "the chosen institution's licence: {t}"
        );
        assert!(
            t.contains("Not activated yet") && t.contains("No test run yet"),
            "{t}"
        );
        assert!(
            t.contains(&format!("posbind cases rebind {}", c.id.as_str())),
            "{t}"
        );
        assert!(
            t.contains("Settle (End-of-Day) every day"),
            "the maintenance reminders"
        );

        c.review = Some(ReviewOutcome::Approved {
            mid: "102584054110001".into(),
            tid: "00012345".into(),
            activation_password: "000000".into(),
            at: at("2026-11-24T02:00:00Z"),
            simulated: true,
        });
        c.binding.serial_label = "12345678".into();
        c.activation.activated_at = Some(at("2026-11-27T05:57:00Z"));
        c.activation.identity = Some(crate::onboarding::device::DeviceIdentity {
            serial: "12345678".into(),
            name: "posbind-sim".into(),
            version: "1.0".into(),
            tid: "00012345".into(),
            status: "00".into(),
        });
        let t = text(&blocks(Some(&c), Lang::ZhCn, tz));
        assert!(
            t.contains("已于 2026-11-27 13:57 激活") && t.contains("00012345"),
            "{t}"
        );

        let bank = case("sample-e");
        let t = text(&blocks(Some(&bank), Lang::ZhCn, tz));
        assert!(t.contains("银行") && !t.contains("Z2990244000012"), "{t}");
        let t = text(&blocks(None, Lang::ZhCn, tz));
        assert!(t.contains("常见问题") && t.contains("注意事项"), "{t}");
    }

    /// A 电签 POS activated and tested by a person: the FAQ says a person confirmed it, who
    /// and when, and never that the terminal reported anything.
    #[test]
    fn a_terminal_without_a_link_is_said_to_be_confirmed_by_a_person() {
        use crate::onboarding::person::{PersonStep, SlipFacts};
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let mut c = case("sample-a");
        c.pos = Some(crate::onboarding::PosChoice {
            scenario: "micro".into(),
            pos_type: "esign".into(),
            count: 1,
        });
        c.review = Some(ReviewOutcome::Approved {
            mid: "102584054110001".into(),
            tid: "00012345".into(),
            activation_password: "000000".into(),
            at: at("2026-11-24T02:00:00Z"),
            simulated: false,
        });
        c.binding.serial_label = "12345678".into();
        let slip = SlipFacts {
            mid: "102584054110001".into(),
            tid: "00012345".into(),
            serial: "12345678".into(),
            reference: String::new(),
        };
        for (step, t) in [
            (PersonStep::ActivationCode, "2026-11-27T05:50:00Z"),
            (PersonStep::KeyDownload, "2026-11-27T05:55:00Z"),
            (PersonStep::SignOn, "2026-11-27T05:57:00Z"),
        ] {
            c.confirm_person_step(step, "Wang", Some(slip.clone()), at(t))
                .unwrap();
        }
        let receipt = SlipFacts {
            serial: String::new(),
            reference: "240506000123".into(),
            ..slip
        };
        c.confirm_person_test("Wang", receipt, at("2026-11-27T06:05:00Z"))
            .unwrap();
        let t = text(&blocks(Some(&c), Lang::En, tz));
        assert!(
            t.contains("Activated on 2026-11-27 13:57, confirmed by a person, Wang"),
            "{t}"
        );
        assert!(t.contains("nothing was verified by the terminal"), "{t}");
        assert!(t.contains("Test on 2026-11-27 14:05") && t.contains("240506000123"));
        assert!(!t.contains("the terminal reported"), "{t}");
        let t = text(&blocks(Some(&c), Lang::ZhCn, tz));
        assert!(t.contains("人工确认") && t.contains("Wang"), "{t}");
        assert!(!t.contains("终端报告"), "{t}");
    }
}
