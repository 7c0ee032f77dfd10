//! Who confirmed each activation and test step, for the activation report: the terminal (a
//! sub-step it answered over its link) or a person (a step done on a terminal without a link),
//! with when — so no report ever says "verified by the terminal" for what a person confirmed.

use chrono::{DateTime, Utc};
use maud::{html, Markup};
use serde_json::{json, Value};

use crate::i18n::{tr, tr_args, Lang};
use crate::onboarding::person::Link;
use crate::onboarding::Case;

/// The link as a word for the JSON report.
fn link_id(link: Link) -> &'static str {
    match link {
        Link::Register => "register",
        Link::Device => "device",
        Link::Qr => "qr",
    }
}

/// The JSON of who confirmed what: `link`, each step with `by` (`terminal` or `person`),
/// `who` and `at`, the typed slip and the person's test.
pub fn json(case: &Case, t: &dyn Fn(DateTime<Utc>) -> String) -> Value {
    let mut steps = serde_json::Map::new();
    for (s, at) in &case.activation.done {
        let name = s.label_id().trim_start_matches("act-step-").to_string();
        steps.insert(name, json!({"by": "terminal", "at": t(*at)}));
    }
    for (s, c) in &case.activation.person.steps {
        let name = s.label_id().trim_start_matches("person-step-").to_string();
        steps.insert(name, json!({"by": "person", "who": c.who, "at": t(c.at)}));
    }
    json!({
        "link": link_id(case.link()),
        "steps": steps,
        "sign_on_slip": case.activation.person.slip,
        "person_test": case.person_test.as_ref().map(|p| json!({
            "by": "person",
            "who": p.payment.who,
            "at": t(p.payment.at),
            "amount_fen": p.amount_fen,
            "receipt": p.receipt,
        })),
    })
}

/// The activation steps with who confirmed each and when.
pub fn activation_html(case: &Case, lang: Lang, local: &dyn Fn(DateTime<Utc>) -> String) -> Markup {
    let l = |id: &str| tr(lang, id);
    let person = |who: &str, at| {
        tr_args(
            lang,
            "report-person-confirmed",
            &[("who", who), ("at", &local(at))],
        )
    };
    // The steps the terminal confirmed, grouped by the minute they were done in: one row for
    // an activation run at once keeps the report on one page.
    let mut by_terminal: Vec<(String, Vec<String>)> = vec![];
    for (s, at) in &case.activation.done {
        let at = local(*at);
        match by_terminal.last_mut() {
            Some((t, steps)) if *t == at => steps.push(l(s.label_id())),
            _ => by_terminal.push((at, vec![l(s.label_id())])),
        }
    }
    let separator = l("list-separator");
    html! {
        @for (at, steps) in &by_terminal {
            p.small { (tr_args(lang, "report-terminal-confirmed-steps", &[("at", at), ("steps", &steps.join(&separator))])) }
        }
        table {
            @for (s, c) in &case.activation.person.steps {
                tr { th { (l(s.label_id())) } td { (person(&c.who, c.at)) } }
            }
        }
        @if let Some(f) = &case.activation.person.slip {
            @if case.link() == Link::Qr {
                p { (tr_args(lang, "report-person-qr-mid", &[("mid", &f.mid)])) }
            } @else {
                p { (tr_args(lang, "report-person-slip", &[("mid", &f.mid), ("tid", &f.tid), ("serial", &f.serial)])) }
            }
        }
    }
}

/// The test a person confirmed, with the first receipt.
pub fn test_html(case: &Case, lang: Lang, local: &dyn Fn(DateTime<Utc>) -> String) -> Markup {
    let Some(p) = &case.person_test else {
        return html! {};
    };
    let yuan = crate::onboarding::catalog::fmt_fen(p.amount_fen);
    html! {
        p.pass { (tr(lang, case.by_link("report-person-test", "report-person-test-qr"))) " · " (tr_args(lang, "report-person-confirmed", &[("who", &p.payment.who), ("at", &local(p.payment.at))])) }
        p { (tr_args(lang, case.by_link("report-person-receipt", "report-person-receipt-qr"), &[("mid", &p.receipt.mid), ("tid", &p.receipt.tid), ("reference", &p.receipt.reference), ("amount", &yuan)])) }
    }
}
