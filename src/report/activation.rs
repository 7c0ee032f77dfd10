//! The activation report: printable HTML (A4) and JSON, with the five binding elements, the
//! device identity, activation timestamps and the test results with a latency chart. Personal
//! numbers are masked: this report is for the shop's files, not for the application.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde_json::json;

use crate::i18n::{tr, tr_args, Lang};
use crate::onboarding::application::{ContractFee, ReviewOutcome};
use crate::onboarding::catalog::InstitutionKind;
use crate::onboarding::materials::MerchantType;
use crate::onboarding::validate::{mask_mobile, mask_number};
use crate::onboarding::Case;
use crate::store::atomic::{create_private_dir_within, write_atomic};

/// The identity element of the binding: credit code, or the masked ID number for micro
/// merchants.
fn identity_element(case: &Case) -> String {
    let m = &case.materials;
    if m.merchant_type == Some(MerchantType::Micro) {
        mask_number(&m.id_number)
    } else {
        m.credit_code.clone()
    }
}

/// A time for the JSON report: local (the installer's offset), to the second, with the offset
/// written (`2026-11-27T13:57:04+08:00`), never raw UTC with nanoseconds.
fn json_time(t: DateTime<Utc>, tz: FixedOffset) -> String {
    t.with_timezone(&tz)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// A time for the printed report: local, to the minute (`2026-11-27 13:57`).
fn local_time(t: DateTime<Utc>, tz: FixedOffset) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// The approval the binding rests on: MID, TID, when, which revision, and whether the demo's
/// simulated institution gave it.
struct Approval<'a> {
    mid: &'a str,
    tid: &'a str,
    at: DateTime<Utc>,
    revision: u32,
    simulated: bool,
}

fn approval(case: &Case) -> Option<Approval<'_>> {
    match &case.review {
        Some(ReviewOutcome::Approved {
            mid,
            tid,
            at,
            simulated,
            ..
        }) => Some(Approval {
            mid,
            tid,
            at: *at,
            revision: case.revision,
            simulated: *simulated,
        }),
        _ => None,
    }
}

/// The fees the merchant consented to in the contract (the offer's and any added to it).
fn consented_fees(case: &Case) -> impl Iterator<Item = &ContractFee> {
    case.contract
        .iter()
        .flat_map(|c| &c.fees)
        .filter(|f| f.consented)
}

/// The report as JSON; times in `tz` (the installer's local time).
/// "Payment test: 10 payments of 0.01 yuan, each voided" or "Connectivity test: 10 rounds".
fn test_mode_line(t: &crate::onboarding::device::TestRecord, lang: crate::i18n::Lang) -> String {
    let count = t.summary.count.to_string();
    match t.summary.mode {
        crate::onboarding::test_result::Mode::Payment => {
            let fen = t
                .amount_fen
                .unwrap_or(crate::onboarding::device::TEST_AMOUNT_FEN);
            let yuan = crate::onboarding::catalog::fmt_fen(fen);
            tr_args(
                lang,
                "report-test-line-payment",
                &[("count", &count), ("yuan", &yuan)],
            )
        }
        crate::onboarding::test_result::Mode::Connectivity => {
            tr_args(lang, "report-test-line-connectivity", &[("count", &count)])
        }
    }
}

pub fn report_json(case: &Case, tz: FixedOffset) -> serde_json::Value {
    let m = &case.materials;
    let (mid, tid) = case.approval().unwrap_or(("", ""));
    let t = |t: DateTime<Utc>| json_time(t, tz);
    let code = case.application.mcc.clone().unwrap_or_default();
    let mcc = crate::onboarding::catalog::mcc(&code);
    json!({
        "schema": 1,
        "case": case.id.as_str(),
        "merchant": case.merchant.name,
        // A demo or simulator run: never a real installation.
        "simulated": simulated(case),
        "timezone": tz.to_string(),
        "mcc": {
            "code": code,
            "name_zh": mcc.map(|m| m.zh.clone()),
            "name_en": mcc.map(|m| m.en.clone()),
            "category": mcc.map(|m| m.category),
        },
        "contract": case.contract.as_ref().map(|c| json!({
            "debit_rate": c.debit_rate,
            "debit_cap_yuan": c.debit_cap_yuan,
            "credit_rate": c.credit_rate,
            "agreed_at": c.agreed_at.map(t),
            // Which of the offer's warnings were accepted, and how.
            "accepted_warnings": c.accepted_warnings,
        })),
        // The offer as acknowledged with the submission: settlement speed, D0 and withdrawal fees.
        "fees_acknowledged": case.current_submission().and_then(|s| s.fees_acknowledged.as_ref()),
        "fees_consented": consented_fees(case).map(|f| json!({
            "name_zh": f.name.zh,
            "name_en": f.name.en,
            "yuan": f.yuan,
            "not_in_offer": f.undisclosed,
        })).collect::<Vec<_>>(),
        "approval": approval(case).map(|a| json!({
            "mid": a.mid,
            "tid": a.tid,
            "approved_at": t(a.at),
            "revision": a.revision,
            "simulated": a.simulated,
        })),
        "binding": {
            "serial_number": case.binding.serial_label,
            "acquirer": case.institution.as_ref().map(|i| json!({"name_zh": i.name.zh, "name_en": i.name.en, "kind": i.kind, "acquirer_code": i.acquirer_code, "licence": i.licence})),
            "mid": mid,
            "merchant_identity": identity_element(case),
            "settlement_account": mask_number(&m.account_number),
            "install_address": case.install_address(),
            "install_location": case.binding.location,
            "confirmed_at": case.binding.confirmed_at.map(t),
        },
        "outsourcer": case.binding.outsourcer,
        "terminal_photo": case.binding.terminal_photo.as_ref().map(|d| json!({"file": d.path, "sha256": d.sha256, "added": t(d.added)})),
        "contact": { "legal_rep": m.legal_rep_name, "mobile": mask_mobile(&m.mobile) },
        "beneficial_owners": crate::onboarding::materials::mask_beneficial_owners(&m.beneficial_owners),
        "device": case.activation.identity,
        "tid": tid,
        "review_checks": case.review_checks,
        "activation": {
            "port": case.activation.port,
            "steps": case.activation.done.iter().map(|(s, at)| (s.label_id().trim_start_matches("act-step-").to_string(), json!(t(*at)))).collect::<serde_json::Map<_, _>>(),
            "activated_at": case.activation.activated_at.map(t),
            "serial_confirmed": case.activation.serial_confirmed,
            "confirmed": super::confirmations::json(case, &t),
        },
        "test": case.test.as_ref().map(|r| json!({
            "at": t(r.at),
            "mode": r.summary.mode,
            "amount_fen": r.amount_fen,
            "summary": r.summary,
            "latencies_ms": r.latencies_ms,
            "payment_test_waived": case.test_waiver.as_ref().map(|w| json!({"reason": w.reason, "at": t(w.at)})),
            "proves_terminal": case.check_step(crate::onboarding::Step::Test).is_ok(),
        })),
        // Tests that are not the result (replaced by a later one, or a re-test stopped).
        "other_tests": case.other_tests.iter().map(|r| json!({
            "at": t(r.at),
            "mode": r.summary.mode,
            "summary": r.summary,
        })).collect::<Vec<_>>(),
        "training": case.training.done,
        // Upkeep after go-live: the last end-of-day and the moves (移机).
        "maintenance": case.maintenance,
    })
}

/// Rounds `v` up to a "nice" axis maximum (1, 1.5, 2, 3 or 5 times a power of ten).
fn nice_ceiling(v: f64) -> f64 {
    let v = v.max(1.0);
    let p = 10f64.powf(v.log10().floor());
    [1.0, 1.5, 2.0, 3.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * p)
}

/// The unit latencies read best in, picked from the data: microseconds when every value (and
/// the 95th percentile) is under a millisecond — the simulator answers in a quarter of one, and
/// in whole milliseconds its chart would read "0 ms" everywhere — milliseconds otherwise.
#[derive(Clone, Copy, PartialEq, Debug)]
enum LatencyUnit {
    Micros,
    Millis,
}

impl LatencyUnit {
    fn of(latencies_ms: &[f64], p95_ms: f64) -> Self {
        let max = latencies_ms.iter().cloned().fold(p95_ms, f64::max);
        if max < 1.0 {
            Self::Micros
        } else {
            Self::Millis
        }
    }

    /// `ms` in this unit.
    fn scale(self, ms: f64) -> f64 {
        match self {
            Self::Micros => ms * 1000.0,
            Self::Millis => ms,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Self::Micros => "µs",
            Self::Millis => "ms",
        }
    }

    /// The unit's name in the chart's caption (毫秒 / 微秒 in Chinese).
    fn name_id(self) -> &'static str {
        match self {
            Self::Micros => "report-unit-us",
            Self::Millis => "report-unit-ms",
        }
    }

    /// A latency for the text: whole microseconds, or milliseconds to a tenth.
    fn format(self, ms: f64) -> String {
        match self {
            Self::Micros => format!("{:.0} µs", self.scale(ms)),
            Self::Millis => format!("{ms:.1} ms"),
        }
    }
}

/// An SVG bar chart of the latencies, one bar per transaction, with a labelled value axis
/// (0, half and the top), transaction numbers along the bottom and the median and 95th
/// percentile drawn as labelled lines, so the reader can take numbers from it. `None` when
/// there is nothing to draw: no chart rather than an empty box.
pub fn latency_svg(latencies: &[f64], p50: f64, p95: f64) -> Option<String> {
    if latencies.is_empty() {
        return None;
    }
    // Plot area inside margins for the axis labels.
    let (w, h) = (640.0, 200.0);
    let (left, right, top, bottom) = (56.0, 70.0, 12.0, 30.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let unit = LatencyUnit::of(latencies, p95);
    let (sym, latencies, p50, p95) = (
        unit.symbol(),
        latencies.iter().map(|v| unit.scale(*v)).collect::<Vec<_>>(),
        unit.scale(p50),
        unit.scale(p95),
    );
    let max = latencies.iter().cloned().fold(0.0_f64, f64::max);
    let top_v = nice_ceiling(max.max(p95));
    let y = |v: f64| top + ph - (v / top_v * ph).clamp(0.0, ph);
    let n = latencies.len();
    let bw = pw / n as f64;
    let mut out = format!(
        "<svg id=\"latency-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" \
         width=\"100%\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">"
    );
    // Value axis: grid lines and labels at 0, half and the top.
    for frac in [0.0, 0.5, 1.0] {
        let v = top_v * frac;
        let yy = y(v);
        out.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#ccc\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{} {sym}</text>",
            left + pw,
            left - 4.0,
            yy + 4.0,
            axis_label(v)
        ));
    }
    for (i, v) in latencies.iter().enumerate() {
        let bh = (top + ph - y(*v)).max(1.0);
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"#2a7\"><title>#{} {v:.0} {sym}</title></rect>",
            left + i as f64 * bw + bw * 0.1,
            top + ph - bh,
            (bw * 0.8).max(0.5),
            i + 1
        ));
        // Values on the bars while they are wide enough to be read.
        if n <= 20 {
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"9\">{v:.0}</text>",
                left + (i as f64 + 0.5) * bw,
                top + ph - bh - 2.0
            ));
        }
    }
    // The axes, and transaction numbers: first, last and a few between.
    out.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{0:.1}\" stroke=\"#333\"/>\
         <line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1:.1}\" y2=\"{0:.1}\" stroke=\"#333\"/>",
        top + ph,
        left + pw
    ));
    let step = n.div_ceil(10).max(1);
    for i in (0..n).filter(|i| i % step == 0 || *i == n - 1) {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            left + (i as f64 + 0.5) * bw,
            top + ph + 14.0,
            i + 1
        ));
    }
    // p95 is labelled above its line and p50 below, so close values never overlap.
    for (name, v, colour, dy) in [("p50", p50, "#246", 11.0), ("p95", p95, "#b50", -3.0)] {
        let yy = y(v);
        out.push_str(&format!(
            "<line class=\"{name}\" x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"{colour}\" stroke-dasharray=\"4 3\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{colour}\">{name} {}</text>",
            left + pw,
            left + pw + 4.0,
            yy + dy,
            axis_label(v)
        ));
    }
    out.push_str("</svg>");
    Some(out)
}

/// A value on the chart: whole numbers as they are, others to one decimal ("1.5", "0.8").
fn axis_label(v: f64) -> String {
    if v >= 10.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// One row of the report; the value (from the case, the terminal, a catalog) passes the text
/// gate: control, direction and invisible characters are shown escaped, not embedded. A row
/// with no value is not printed: a blank cell says nothing and costs the page a line.
pub(super) fn row(label: String, value: &str) -> Markup {
    if value.trim().is_empty() {
        return html! {};
    }
    let value = crate::i18n::safe::for_terminal(value);
    html! { tr { th { (label) } td { (value) } } }
}

const CSS: &str = "body{font-family:sans-serif;max-width:180mm;margin:auto}.band{display:flex;justify-content:space-between;align-items:center;padding:3mm 5mm;margin:3mm 0;border:2px solid;font-size:14pt}.band.pass{background:#e8f6ec}.band.fail{background:#fbeaea}.band.none{background:#f2f2f2;color:#333}.band b{font-size:20pt}.demo{border:3px dashed #b50;color:#b50;text-align:center;font-weight:bold;font-size:16pt;padding:2mm;margin:3mm 0;letter-spacing:1px}.sign{display:flex;gap:10mm;margin-top:10mm;break-inside:avoid}.sign div{flex:1}.sign p{border-bottom:1px solid #333;height:12mm;margin:0 0 2mm}table{border-collapse:collapse;width:100%;margin-bottom:6mm}th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top}th{width:38%;background:#f2f2f2}.pass{color:#070}.fail{color:#a00}table.page{margin:0}td.pagecell{border:0;padding:0}@page{size:A4;margin:10mm}@media print{body{max-width:none;font-size:9pt;line-height:1.25}p{margin:1mm 0}.cols{display:flex;gap:4mm}.col{flex:1;min-width:0}.demo{font-size:12pt;padding:1mm;margin:0 0 2mm}svg{width:45%}.small{font-size:8pt}h1{font-size:15pt;margin:2mm 0}h2{font-size:11.5pt;margin:2mm 0 1mm}table{margin-bottom:1.5mm}th,td{padding:0 4px}.band{font-size:11pt;padding:1mm 4mm;margin:2mm 0}.band b{font-size:15pt}.sign{margin-top:2mm}.sign p{height:7mm}h2{break-after:avoid}table{break-inside:avoid}table.page{break-inside:auto}}";

/// The page table around the report (see `report_html`): its head, then its body.
const PAGE_OPEN: &str = "<table class=\"page\"><thead><tr><td class=\"pagecell\" id=\"page-head\">";
const PAGE_BODY: &str = "</td></tr></thead><tbody><tr><td class=\"pagecell\">";
const PAGE_CLOSE: &str = "</td></tr></tbody></table>";
/// Two columns (approval, terminal) that sit side by side when printed.
const COLS_OPEN: &str = "<div class=\"cols\"><div class=\"col\">";
const COL_NEXT: &str = "</div><div class=\"col\">";
const COLS_CLOSE: &str = "</div></div>";

/// Whether the report is about a simulated terminal: a demo case, or activated on the port
/// `sim`. Such a report must never pass for a real installation.
pub fn simulated(case: &Case) -> bool {
    case.demo || case.activation.port == "sim" || approval(case).is_some_and(|a| a.simulated)
}

/// "T+1" / "D+0, 0.05% of every payment extra; 2 yuan per withdrawal": the settlement speed and
/// its fees ("" when the offer named neither).
fn settlement_text(f: &crate::onboarding::application::FeeAcknowledgement, lang: Lang) -> String {
    use crate::onboarding::catalog::{fmt_rate_exact, fmt_yuan};
    let mut parts = vec![];
    if !f.settlement.is_empty() {
        parts.push(f.settlement.clone());
    }
    if f.settlement_fee_pct > 0.0 {
        let rate = fmt_rate_exact(f.settlement_fee_pct);
        parts.push(tr_args(lang, "report-settlement-fee", &[("rate", &rate)]));
    }
    if f.withdrawal_fee_yuan > 0.0 {
        let yuan = fmt_yuan(f.withdrawal_fee_yuan);
        parts.push(tr_args(lang, "report-withdrawal-fee", &[("yuan", &yuan)]));
    }
    parts.join(&tr(lang, "list-separator"))
}

/// The printable report; times are shown in `tz` (the installer's local time).
pub fn report_html(case: &Case, lang: Lang, tz: FixedOffset) -> String {
    let l = |id: &str| tr(lang, id);
    let m = &case.materials;
    let (mid, tid) = case.approval().unwrap_or(("", ""));
    let ident = case.activation.identity.clone().unwrap_or_default();
    let local = |t: DateTime<Utc>| local_time(t, tz);
    let ts = |t: Option<DateTime<Utc>>| t.map(local).unwrap_or_default();
    let fees: Vec<String> = consented_fees(case)
        .map(|f| {
            tr_args(
                lang,
                "report-fee",
                &[
                    ("fee", f.name.get(lang)),
                    ("yuan", &format!("{:.2}", f.yuan)),
                ],
            )
        })
        .collect();
    // Settlement speed and what it costs beyond the rates (D0 / 秒到, withdrawals), as the
    // merchant acknowledged them with the submission.
    let settlement = case
        .current_submission()
        .and_then(|s| s.fees_acknowledged.as_ref())
        .map(|f| settlement_text(f, lang))
        .unwrap_or_default();
    let accepted: Vec<String> = case
        .contract
        .iter()
        .flat_map(|c| &c.accepted_warnings)
        .map(|w| {
            let what = [("key", w.key.as_str()), ("what", w.text.get(lang))];
            tr_args(lang, w.how.message_id(), &what)
        })
        .collect();
    let mcc = case.application.mcc.as_deref().unwrap_or("");
    let mcc_text = match crate::onboarding::catalog::mcc(mcc) {
        Some(m) => format!("{mcc} {} · {}", m.name(lang), l(m.category.label_id())),
        None => mcc.to_string(),
    };
    let approval = approval(case);
    // The identity as the terminal reported it; "not read" rather than blank rows.
    let not_read = l("report-device-not-read");
    let reported = |v: &str| {
        if v.is_empty() {
            not_read.clone()
        } else {
            v.to_string()
        }
    };
    let rates = case
        .contract
        .as_ref()
        .map(|c| {
            let pct = |r: Option<f64>| r.map_or_else(|| "-".to_string(), |r| format!("{r}%"));
            // The debit cap beside the debit rate: a cap raised at signing shows here.
            let cap = match c.debit_cap_yuan {
                Some(y) if y > 0.0 => tr_args(
                    lang,
                    "fee-cap",
                    &[("cap", &crate::onboarding::catalog::fmt_yuan(y))],
                ),
                Some(_) => tr(lang, "fee-no-cap"),
                None => "-".to_string(),
            };
            tr_args(
                lang,
                "report-rates",
                &[
                    ("debit", &pct(c.debit_rate)),
                    ("cap", &cap),
                    ("credit", &pct(c.credit_rate)),
                ],
            )
        })
        .unwrap_or_default();
    let acquirer = case
        .institution
        .as_ref()
        .map(|i| {
            let licence = match i.kind {
                InstitutionKind::Bank => tr(lang, i.kind.label_id()),
                InstitutionKind::NonBank => i.licence.clone(),
            };
            format!("{} · {licence}", i.binding_text(lang))
        })
        .unwrap_or_default();
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                title { (l("report-title")) " — " (case.merchant.name) }
                style { (CSS) }
            }
            body {
                // The page is one table whose head holds the DEMO mark and the heading: a
                // browser repeats a table's head on every printed page, so a report that runs
                // onto a second page still says on it what it is and that it is a demo.
                (PreEscaped(PAGE_OPEN))
                @if simulated(case) {
                    div.demo id="simulated" { (l("report-simulated")) }
                }
                h1 { (l("report-title")) }
                p { (case.merchant.name) " · " (case.id.as_str()) }
                (PreEscaped(PAGE_BODY))
                @match &case.test {
                    Some(t) => {
                        // A passed connectivity test without a recorded "no test card" proves
                        // the link, not payments: not shown as PASSED.
                        @let link_only = t.summary.pass
                            && t.summary.mode == crate::onboarding::test_result::Mode::Connectivity
                            && case.test_waiver.is_none();
                        div id="result" class=(if link_only { "band none" } else if t.summary.pass { "band pass" } else { "band fail" }) {
                            b { (if link_only { l("report-link-only") } else if t.summary.pass { l("report-pass") } else { l("report-fail") }) }
                            span { (l(match t.summary.mode { crate::onboarding::test_result::Mode::Connectivity => "report-mode-connectivity", crate::onboarding::test_result::Mode::Payment => "report-mode-payment" })) }
                            span { (t.summary.succeeded) "/" (t.summary.count) }
                            span { (local(t.at)) }
                        }
                    }
                    // A person's test: passed as that person confirmed it, and said so.
                    None if case.person_test.is_some() => div id="result" class="band pass" {
                        b { (l("report-pass")) }
                        span { (l(case.by_link("report-person-test", "report-person-test-qr"))) }
                        span { (case.person_test.as_ref().map(|p| local(p.payment.at)).unwrap_or_default()) }
                    },
                    None => div id="result" class="band none" { b { (l("report-not-tested")) } },
                }
                h2 id="five-elements" { (l("report-five-elements")) }
                table {
                    (row(l("binding-serial"), &case.binding.serial_label))
                    (row(l("binding-acquirer"), &acquirer))
                    (row(l("binding-mid"), mid))
                    (row(l("binding-identity"), &identity_element(case)))
                    (row(l("binding-account"), &format!("{} {}", m.bank_name, mask_number(&m.account_number))))
                    (row(l("binding-address"), case.install_address()))
                    (row(l("binding-location"), &case.binding.location.map(|p| format!("{:.6}, {:.6}", p.lat, p.lon)).unwrap_or_default()))
                }
                table id="terms" {
                    (row(l("report-mcc"), &mcc_text))
                    (row(l("report-rates-label"), &rates))
                    (row(l("report-fees"), &fees.join("; ")))
                    (row(l("report-settlement"), &settlement))
                    (row(l("report-accepted-warnings"), &accepted.join(" ")))
                }
                table {
                    (row(l("binding-outsourcer"), &case.binding.outsourcer))
                    (row(l("binding-terminal-photo"), &case.binding.terminal_photo.as_ref().map(|d| format!("{} · SHA-256 {}", d.path, d.sha256)).unwrap_or_else(|| l("golive-terminal-photo-missing"))))
                }
                // Upkeep after go-live that changed the binding: each move and replacement with
                // its approval (moves first, then replacements, each oldest first).
                @if !case.maintenance.moves.is_empty() || !case.maintenance.replacements.is_empty() {
                    h2 id="upkeep" { (l("report-upkeep")) }
                    @for mv in &case.maintenance.moves {
                        p.move { (tr_args(lang, "report-move", &[("at", &local(mv.at)), ("from", &mv.from_address), ("to", &mv.address), ("approval", &mv.approval)])) }
                    }
                    @for r in &case.maintenance.replacements {
                        p.replacement { (tr_args(lang, "report-replacement", &[("at", &local(r.at)), ("old", &r.old_serial), ("new", &r.new_serial), ("approval", &r.approval)])) }
                    }
                }
                // Approval and terminal side by side on paper: the report keeps to one page.
                (PreEscaped(COLS_OPEN))
                h2 id="approval" { (l("report-approval")) }
                @if let Some(a) = &approval {
                    table {
                        (row(l("binding-mid"), a.mid))
                        (row(l("field-tid"), a.tid))
                        (row(l("report-approved-at"), &local(a.at)))
                        (row(l("report-revision"), &a.revision.to_string()))
                        @if a.simulated {
                            (row(l("report-approval-by"), &l("report-approval-simulated")))
                        }
                    }
                } @else {
                    p.fail { (l("report-no-approval")) }
                }
                (PreEscaped(COL_NEXT))
                h2 { (l("report-device")) }
                // A terminal without a link reported nothing: the section says so instead of
                // listing what the terminal would have reported over its link.
                @match case.link() {
                    crate::onboarding::person::Link::Register => p { (l("report-device-reported")) },
                    crate::onboarding::person::Link::Device => p { (l("report-device-person")) },
                    crate::onboarding::person::Link::Qr => p { (l("report-device-person-qr")) },
                }
                table {
                    @if case.link() == crate::onboarding::person::Link::Register {
                        (row(l("field-serial-number"), &reported(&ident.serial)))
                        (row(l("report-serial-confirmed"), &case.activation.serial_confirmed.as_ref().map(|c| match c {
                            crate::onboarding::device::SerialConfirmation::Person { who, .. } => tr_args(lang, c.message_id(), &[("who", who)]),
                            _ => l(c.message_id()),
                        }).unwrap_or_default()))
                        (row(l("field-device-name"), &reported(&ident.name)))
                        (row(l("field-software-version"), &reported(&ident.version)))
                    }
                    (row(l("field-tid"), tid))
                    (row(l("report-activated-at"), &ts(case.activation.activated_at)))
                    (row(l("report-bound-at"), &ts(case.binding.confirmed_at)))
                }
                // Who confirmed each step: the terminal, or a person (who and when).
                (super::confirmations::activation_html(case, lang, &local))
                (PreEscaped(COLS_CLOSE))
                h2 { (l("report-test")) }
                (super::confirmations::test_html(case, lang, &local))
                // What was tested first: real payments, or only the link to the host — and a
                // recorded "no test card" stands out, never hidden under a PASSED.
                @if let Some(t) = &case.test {
                    p.mode { (test_mode_line(t, lang)) " · " (ts(Some(t.at))) }
                    @if t.summary.mode == crate::onboarding::test_result::Mode::Connectivity {
                        @match &case.test_waiver {
                            Some(w) => p.fail { (tr_args(lang, "report-waiver", &[("at", &ts(Some(w.at)))])) },
                            None => p.fail { (l("report-connectivity-only")) },
                        }
                    }
                }
                @if let Some(t) = &case.test {
                    p class=(if t.summary.pass { "pass" } else { "fail" }) {
                        (if !t.summary.pass { l("report-fail") } else if t.summary.mode == crate::onboarding::test_result::Mode::Connectivity && case.test_waiver.is_none() { l("report-link-only") } else { l("report-pass") })
                        " · " (t.summary.succeeded) "/" (t.summary.count)
                        @if t.summary.succeeded > 0 {
                            @let unit = LatencyUnit::of(&t.latencies_ms, t.summary.latency_ms.p95);
                            " · p50 " (unit.format(t.summary.latency_ms.p50)) " · p95 " (unit.format(t.summary.latency_ms.p95))
                        }
                    }
                    @if t.summary.succeeded > 0 {
                        @if let Some(svg) = latency_svg(&t.latencies_ms, t.summary.latency_ms.p50, t.summary.latency_ms.p95) {
                            @let unit = LatencyUnit::of(&t.latencies_ms, t.summary.latency_ms.p95);
                            p { (tr_args(lang, "report-chart-caption", &[("unit", &l(unit.name_id()))])) }
                            (PreEscaped(svg))
                        }
                    }
                    @for u in &t.summary.unreversed {
                        p.fail { (l("report-unreversed")) " " (u.receipt.map_or_else(|| "?".to_string(), |r| r.to_string())) " · " (u.yuan()) }
                    }
                    // A failed test names each rule it did not meet, with the figure.
                    @for rule in &t.summary.failed_rules {
                        @let (id, args) = rule.message();
                        p.fail { (crate::i18n::tr_owned(lang, id, &args)) }
                    }
                    // Which test is the result, when there were others (a re-test).
                    @if !case.other_tests.is_empty() {
                        p { (tr_args(lang, "report-test-current", &[("at", &ts(Some(t.at)))])) }
                        @for o in &case.other_tests {
                            p { (ts(Some(o.at))) " · " (crate::testloop::words::summary_head(lang, &o.summary)) " — " (l("report-test-not-current")) }
                        }
                    }
                }
                // Side by side on paper, as approval and terminal are.
                (PreEscaped(COLS_OPEN))
                h2 { (l("report-maintenance")) }
                p.small { (l(case.by_link("report-maintenance-text", "report-maintenance-text-qr"))) }
                (PreEscaped(COL_NEXT))
                h2 { (l("report-security")) }
                p.small { (l("report-security-text")) }
                (PreEscaped(COLS_CLOSE))
                div.sign id="signatures" {
                    div { p {} (l("report-sign-merchant")) }
                    div { p {} (l("report-sign-date")) }
                    div { p {} (l("report-sign-installer")) }
                    div { p {} (l("report-sign-date")) }
                }
                (PreEscaped(PAGE_CLOSE))
            }
        }
    };
    // Through the text gate as a whole: whatever a case file or a terminal put anywhere in
    // the page, no control, direction or invisible character is embedded raw.
    crate::i18n::safe::escape(&markup.into_string()).into_owned()
}

/// Writes `activation-report.html` and `.json` into `dir`.
pub fn write_report(
    dir: &Path,
    case: &Case,
    lang: Lang,
    tz: FixedOffset,
) -> std::io::Result<(PathBuf, PathBuf)> {
    // `dir` is `<case>/report`: it may not be a planted symbolic link.
    let case_dir = dir.parent().unwrap_or(dir);
    create_private_dir_within(case_dir, dir)?;
    let html_path = dir.join("activation-report.html");
    let json_path = dir.join("activation-report.json");
    write_atomic(&html_path, report_html(case, lang, tz).as_bytes())?;
    let json =
        serde_json::to_string_pretty(&report_json(case, tz)).map_err(std::io::Error::other)?;
    write_atomic(&json_path, crate::i18n::safe::for_json(&json).as_bytes())?;
    Ok((html_path, json_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_masks_personal_numbers_and_escapes_names() {
        let mut c = Case::new("<b>Shop</b>", Lang::En, false, chrono::Utc::now());
        c.materials.id_number = "11010519491231002X".into();
        c.materials.account_number = "6216261000000000018".into();
        c.materials.mobile = "18012341999".into();
        c.materials.merchant_type = Some(MerchantType::Micro);
        let h = report_html(&c, Lang::ZhCn, utc());
        let j = serde_json::to_string(&report_json(&c, utc())).unwrap();
        for secret in ["11010519491231002X", "6216261000000000018", "18012341999"] {
            assert!(!h.contains(secret) && !j.contains(secret), "{secret}");
        }
        assert!(h.contains("&lt;b&gt;Shop&lt;/b&gt;"));
        assert!(h.contains("@page{size:A4"));
    }

    #[test]
    fn control_direction_and_invisible_characters_are_escaped_in_the_report() {
        let mut c = Case::new("Mart", Lang::En, false, chrono::Utc::now());
        // As a case file written elsewhere may carry them (the wizard refuses them typed).
        c.merchant.name = "Ma\u{202e}rt\u{200b}\u{1b}[2J".into();
        let h = report_html(&c, Lang::En, utc());
        for raw in ['\u{202e}', '\u{200b}', '\u{1b}'] {
            assert!(!h.contains(raw), "{raw:?} in the report");
        }
        assert!(h.contains("Ma\\u{202e}rt\\u{200b}\\u{1b}[2J"));
    }

    #[test]
    fn a_bank_acquirer_is_shown_as_a_bank_not_with_an_empty_licence() {
        let mut c = Case::new("Shop", Lang::ZhCn, false, chrono::Utc::now());
        c.institution = crate::onboarding::catalog::Catalog::shipped()
            .get("sample-e")
            .cloned();
        let h = report_html(&c, Lang::ZhCn, utc());
        assert!(
            h.contains("示例银行戊（样例数据）（机构代码 01990000） · 银行业金融机构"),
            "{h}"
        );
        assert_eq!(
            report_json(&c, utc())["binding"]["acquirer"]["kind"],
            "bank"
        );
        // The binding elements: the acquirer's institution code and the install coordinates.
        c.binding.location = crate::onboarding::validate::coordinates("22.5431, 113.9360").value;
        let h = report_html(&c, Lang::ZhCn, utc());
        assert!(h.contains("机构代码 01990000") && h.contains("22.543100, 113.936000"));
        let j = report_json(&c, utc());
        assert_eq!(j["binding"]["acquirer"]["acquirer_code"], "01990000");
        assert_eq!(j["binding"]["install_location"]["lat"], 22.5431);
    }

    #[test]
    fn the_report_names_the_installer_company_and_the_terminal_photo() {
        let mut c = Case::new("Shop", Lang::ZhCn, false, chrono::Utc::now());
        let h = report_html(&c, Lang::ZhCn, utc());
        assert!(h.contains("尚无终端在收银台的装机照片"));
        c.binding.outsourcer = "示例装机服务有限公司".into();
        c.binding.terminal_photo = Some(crate::onboarding::materials::DocumentRecord {
            path: "/photos/counter.jpg".into(),
            size: 1,
            sha256: "ab".repeat(32),
            kind: "jpeg".into(),
            added: chrono::Utc::now(),
        });
        let h = report_html(&c, Lang::En, utc());
        assert!(h.contains("Installer company (收单外包服务机构)"));
        assert!(h.contains("示例装机服务有限公司") && h.contains("/photos/counter.jpg"));
        let j = report_json(&c, utc());
        assert_eq!(j["outsourcer"], "示例装机服务有限公司");
        assert_eq!(j["terminal_photo"]["sha256"], "ab".repeat(32));
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    #[test]
    fn the_chart_has_one_bar_per_transaction_an_axis_and_values() {
        let svg = latency_svg(&[120.0, 240.0, 310.0], 240.0, 303.0).unwrap();
        assert_eq!(svg.matches("<rect x=").count(), 3);
        for label in [
            ">0 ms<", ">250 ms<", ">500 ms<", ">310<", "p50 240", "p95 303", ">1<", ">3<",
        ] {
            assert!(svg.contains(label), "{label}: {svg}");
        }
        assert_eq!(
            latency_svg(&[], 0.0, 0.0),
            None,
            "no chart rather than an empty box"
        );
        assert_eq!(nice_ceiling(1234.0), 1500.0);
        assert_eq!(nice_ceiling(2100.0), 3000.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
    }

    #[test]
    fn sub_millisecond_latencies_are_charted_in_microseconds() {
        // The simulator answers in a quarter of a millisecond: in ms every label would read 0.
        let svg = latency_svg(&[0.24, 0.31, 0.45], 0.31, 0.44).unwrap();
        for label in [
            ">0 µs<",
            ">250 µs<",
            ">500 µs<",
            ">450<",
            "p50 310",
            "p95 440",
        ] {
            assert!(svg.contains(label), "{label}: {svg}");
        }
        assert!(!svg.contains(" ms<"), "{svg}");
        let c = tested(true, vec![0.24, 0.31, 0.45]);
        let h = report_html(&c, Lang::En, utc());
        assert!(h.contains("p50 310 µs") && h.contains("(µs)"), "{h}");
        let h = report_html(&c, Lang::ZhCn, utc());
        assert!(h.contains("（微秒）"), "{h}");
        // From a millisecond up the chart stays in ms.
        let svg = latency_svg(&[0.4, 1.2], 0.8, 1.2).unwrap();
        assert!(svg.contains(">1.5 ms<") && svg.contains("p50 0.8"), "{svg}");
    }

    #[test]
    fn empty_rows_are_not_printed() {
        let mut c = tested(true, vec![100.0]);
        c.contract = Some(crate::onboarding::application::Contract::from_offer(
            &crate::onboarding::catalog::Catalog::shipped()
                .get("sample-a")
                .cloned()
                .unwrap(),
        ));
        for lang in [Lang::En, Lang::ZhCn] {
            let h = report_html(&c, lang, utc());
            for label in ["binding-outsourcer", "report-fees", "binding-location"] {
                let th = format!("<th>{}</th>", tr(lang, label));
                assert!(!h.contains(&th), "{th} with no value: {h}");
            }
            assert!(h.contains(&format!("<th>{}</th>", tr(lang, "report-rates-label"))));
        }
    }

    #[test]
    fn the_heading_and_the_demo_mark_are_in_the_head_every_printed_page_repeats() {
        let mut c = tested(true, vec![100.0]);
        c.demo = true;
        let h = report_html(&c, Lang::En, utc());
        let head = &h[h.find("<thead>").unwrap()..h.find("</thead>").unwrap()];
        for part in [
            "DEMO — SIMULATED TERMINAL",
            "<h1>POS terminal activation report</h1>",
        ] {
            assert!(head.contains(part), "{part} in the repeated head: {head}");
        }
        let body = &h[h.find("</thead>").unwrap()..];
        assert!(body.contains("five-elements") && body.contains("signatures"));
        assert!(!body.contains("<thead>"), "one page head");
    }

    fn tested(pass: bool, lat: Vec<f64>) -> Case {
        use crate::onboarding::test_result::{Mode, Stats, Summary};
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-27T05:57:00Z")
            .unwrap()
            .to_utc();
        let mut c = Case::new("Shop", Lang::En, false, at);
        c.test = Some(crate::onboarding::device::TestRecord {
            at,
            amount_fen: None,
            summary: Summary {
                mode: Mode::Payment,
                count: 3,
                succeeded: lat.len() as u32,
                failed: 3 - lat.len() as u32,
                unreversed: vec![],
                latency_ms: Stats::of(&lat),
                pass,
                planned: 0,
                terminal_ms: Stats::default(),
                failed_rules: vec![],
                aborted: false,
            },
            latencies_ms: lat,
        });
        c
    }

    /// Issue 27: after a re-test the report says which test is the result.
    #[test]
    fn a_stopped_retest_is_reported_as_not_the_result() {
        let mut c = tested(true, vec![100.0, 200.0, 300.0]);
        let mut stopped = c.test.clone().unwrap();
        stopped.at += chrono::Duration::hours(1);
        stopped.summary.count = 1;
        stopped.summary.planned = 3;
        stopped.summary.pass = false;
        stopped.summary.aborted = true;
        c.other_tests.push(stopped);
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let h = report_html(&c, Lang::En, tz);
        assert!(
            h.contains("The result is the test of 2026-11-27 13:57"),
            "{h}"
        );
        assert!(
            h.contains("2026-11-27 14:57 · STOPPED after 1 of 3 rounds"),
            "{h}"
        );
        let j = report_json(&c, tz);
        assert_eq!(j["other_tests"][0]["summary"]["aborted"], true);
    }

    #[test]
    fn a_failed_test_names_the_rule_and_the_figure() {
        use crate::onboarding::test_result::RuleFailure;
        let mut c = tested(false, vec![100.0, 200.0, 300.0]);
        if let Some(t) = c.test.as_mut() {
            t.summary.failed_rules = vec![RuleFailure::TerminalP95 {
                p95_ms: 21000.0,
                limit_ms: 15000.0,
            }];
        }
        let h = report_html(&c, Lang::En, FixedOffset::east_opt(8 * 3600).unwrap());
        assert!(h.contains("21000.0 ms") && h.contains("15000 ms"), "{h}");
    }

    #[test]
    fn a_connectivity_test_is_never_reported_as_passed_payments() {
        let mut c = tested(true, vec![100.0, 200.0, 300.0]);
        if let Some(t) = c.test.as_mut() {
            t.summary.mode = crate::onboarding::test_result::Mode::Connectivity;
        }
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let h = report_html(&c, Lang::En, tz);
        let band = &h[h.find("id=\"result\"").unwrap()..];
        let band = &band[..band.find("</div>").unwrap()];
        assert!(
            band.contains("CONNECTIVITY ONLY") && !band.contains("PASSED"),
            "{band}"
        );
        assert!(h.contains("Connectivity test: 3 rounds"));
        assert!(h.contains("no payment was tested"));
        let j = report_json(&c, tz);
        assert_eq!(j["test"]["mode"], "connectivity");
        assert_eq!(j["test"]["proves_terminal"], false);
        // With "no test card" recorded, the band may pass, and the waiver is spelt out.
        c.waive_payment_test("no-test-card", c.test.as_ref().unwrap().at);
        let h = report_html(&c, Lang::En, tz);
        assert!(h.contains("band pass"));
        assert!(h.contains("PAYMENT TEST NOT POSSIBLE (no test card), recorded 2026-11-27 13:57"));
        assert_eq!(report_json(&c, tz)["test"]["proves_terminal"], true);
        // A payment test names its amount.
        let p = tested(true, vec![100.0, 200.0, 300.0]);
        assert!(report_html(&p, Lang::En, tz).contains("3 payments of 0.01 yuan"));
    }

    #[test]
    fn the_result_band_shows_the_outcome_mode_count_and_local_date() {
        let c = tested(true, vec![100.0, 200.0, 300.0]);
        let h = report_html(&c, Lang::En, FixedOffset::east_opt(8 * 3600).unwrap());
        let band = &h[h.find("id=\"result\"").unwrap()..];
        let band = &band[..band.find("</div>").unwrap()];
        for part in ["band pass", "PASSED", "payment", "3/3", "2026-11-27 13:57"] {
            assert!(band.contains(part), "{part}: {band}");
        }
        assert!(
            h.find("id=\"result\"") < h.find("five-elements"),
            "the band is at the top"
        );
        let failed = tested(false, vec![]);
        let h = report_html(&failed, Lang::ZhCn, utc());
        assert!(h.contains("band fail") && h.contains("未通过") && h.contains("0/3"));
        assert!(
            !h.contains("latency-chart"),
            "no successful round, no chart"
        );
        assert!(!h.contains("p50 0.0"));
    }

    /// A finished case as the terminal and the institution left it, with times that carry
    /// nanoseconds (as `Utc::now()` does).
    fn approved_case() -> Case {
        use crate::onboarding::device::{ActStep, DeviceIdentity};
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-27T05:57:04.123456789Z")
            .unwrap()
            .to_utc();
        let mut c = tested(true, vec![100.0]);
        c.revision = 2;
        c.application.mcc = Some("5411".into());
        c.review = Some(ReviewOutcome::Approved {
            mid: "102584054110001".into(),
            tid: "00012345".into(),
            activation_password: String::new(),
            at,
            simulated: false,
        });
        let offer = crate::onboarding::catalog::Catalog::shipped()
            .get("sample-b")
            .cloned()
            .unwrap();
        let mut contract = crate::onboarding::application::Contract::from_offer(&offer);
        contract.add_undisclosed("insurance", 99.0);
        for f in &mut contract.fees {
            f.consented = true;
        }
        contract.agreed_at = Some(at);
        c.contract = Some(contract);
        c.activation.port = "/dev/ttyUSB0".into();
        c.activation.identity = Some(DeviceIdentity {
            serial: "12345678".into(),
            name: "ZVT-T1".into(),
            version: "GER-APP 4.1".into(),
            tid: "00012345".into(),
            status: "00".into(),
        });
        c.activation.done.insert(ActStep::SetTid, at);
        c.activation.activated_at = Some(at);
        c.binding.confirmed_at = Some(at);
        c
    }

    #[test]
    fn the_report_names_the_approval_fees_mcc_and_terminal_in_local_time() {
        let c = approved_case();
        let cst = FixedOffset::east_opt(8 * 3600).unwrap();
        let h = report_html(&c, Lang::En, cst);
        let approval = &h[h.find("id=\"approval\"").unwrap()..];
        let approval = &approval[..approval.find("</table>").unwrap()];
        for part in [
            "102584054110001",
            "00012345",
            "2026-11-27 13:57",
            "<td>2</td>",
        ] {
            assert!(approval.contains(part), "{part}: {approval}");
        }
        for part in [
            "5411 Grocery stores and supermarkets · discounted (优惠类)",
            "insurance: 99.00 yuan",
            "Activation deposit (refunded on target volume): 299.00 yuan",
            "ZVT-T1",
            "GER-APP 4.1",
        ] {
            assert!(h.contains(part), "{part}");
        }
        assert!(!h.contains("05:57") && !h.contains(".123"), "no raw UTC");
        assert!(
            !h.contains("id=\"simulated\""),
            "a real terminal and approval"
        );

        let j = report_json(&c, cst);
        assert_eq!(j["approval"]["approved_at"], "2026-11-27T13:57:04+08:00");
        assert_eq!(j["approval"]["revision"], 2);
        assert_eq!(j["approval"]["mid"], "102584054110001");
        assert_eq!(j["mcc"]["code"], "5411");
        assert_eq!(j["mcc"]["category"], "discount");
        assert_eq!(j["simulated"], false);
        assert_eq!(j["timezone"], "+08:00");
        let fees = j["fees_consented"].as_array().unwrap();
        assert_eq!(fees.len(), 3);
        assert!(fees.iter().any(|f| f["name_en"] == "insurance"
            && f["yuan"] == 99.0
            && f["not_in_offer"] == true));
        assert_eq!(j["device"]["name"], "ZVT-T1");
        assert_eq!(j["device"]["version"], "GER-APP 4.1");
        assert_eq!(
            j["activation"]["steps"]["set-tid"],
            "2026-11-27T13:57:04+08:00"
        );
        // No time anywhere in UTC with fractions of a second.
        let text = j.to_string();
        assert!(!text.contains(".123") && !text.contains("05:57"), "{text}");
    }

    #[test]
    fn a_demo_approval_or_a_missing_identity_is_said_plainly() {
        let mut c = approved_case();
        if let Some(ReviewOutcome::Approved { simulated, .. }) = &mut c.review {
            *simulated = true;
        }
        let h = report_html(&c, Lang::ZhCn, utc());
        assert!(h.contains("id=\"simulated\"") && h.contains("模拟收单机构（演示）"));
        assert_eq!(report_json(&c, utc())["simulated"], true);
        assert_eq!(report_json(&c, utc())["approval"]["simulated"], true);
        c.activation.identity = None;
        c.review = None;
        let h = report_html(&c, Lang::En, utc());
        assert!(h.contains("not read from the terminal"));
        assert!(h.contains("NOT APPROVED"));
        assert!(report_json(&c, utc())["approval"].is_null());
    }

    #[test]
    fn mcc_consented_fees_signatures_and_the_simulated_mark() {
        let mut c = tested(true, vec![100.0]);
        c.application.mcc = Some("5411".into());
        let offer = crate::onboarding::catalog::Catalog::shipped()
            .get("sample-b")
            .cloned()
            .unwrap();
        let mut contract = crate::onboarding::application::Contract::from_offer(&offer);
        contract.add_undisclosed("insurance", 99.0);
        for f in &mut contract.fees {
            f.consented = true;
        }
        c.contract = Some(contract);
        let h = report_html(&c, Lang::En, utc());
        assert!(h.contains("5411"));
        assert!(h.contains("insurance: 99.00 yuan"), "{h}");
        for sign in ["Merchant (signature)", "Installer (signature)", "Date"] {
            assert!(h.contains(sign), "{sign}");
        }
        assert!(
            !h.contains("id=\"simulated\""),
            "a real terminal has no mark"
        );
        c.activation.port = "sim".into();
        let h = report_html(&c, Lang::En, utc());
        assert!(h.contains("DEMO — SIMULATED TERMINAL"));
        c.activation.port = "/dev/ttyUSB0".into();
        c.demo = true;
        let h = report_html(&c, Lang::ZhCn, utc());
        assert!(h.contains("演示 — 模拟终端"));
    }

    /// Issue 25: the report carries the settlement speed with its D0 and withdrawal fees, and
    /// the offer's warnings the merchant accepted, with how.
    #[test]
    fn settlement_fees_and_accepted_warnings_are_printed() {
        use crate::onboarding::application::{
            Acceptance, AcceptedWarning, Channel, Contract, FeeAcknowledgement, Submission,
        };
        let mut c = tested(true, vec![100.0]);
        let offer = crate::onboarding::catalog::Catalog::shipped()
            .get("sample-b")
            .cloned()
            .unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        c.submissions = vec![Submission {
            revision: c.revision,
            at: Utc::now(),
            channel: Channel::Online,
            eta_from: day,
            eta_to: day,
            eta_estimated: false,
            outbox: String::new(),
            fees_acknowledged: Some(FeeAcknowledgement::of(&offer)),
        }];
        let h = report_html(&c, Lang::En, utc());
        assert!(h.contains("0.05% of every payment extra"), "{h}");
        assert!(h.contains("2 yuan per withdrawal"));
        assert!(!h.contains("Offer warnings accepted"), "no row without any");
        let mut contract = Contract::from_offer(&offer);
        contract.accepted_warnings = vec![AcceptedWarning {
            key: "withdrawal-fee".into(),
            text: crate::onboarding::text::Text {
                zh: "每次提现收费 2 元。".into(),
                en: "Each withdrawal costs 2 yuan.".into(),
            },
            how: Acceptance::AnswersKey,
        }];
        c.contract = Some(contract);
        let h = report_html(&c, Lang::ZhCn, utc());
        assert!(h.contains("每次提现 2 元"), "{h}");
        assert!(h.contains("已接受的报价提示"));
        assert!(
            h.contains("contract.accept &quot;withdrawal-fee&quot;")
                || h.contains("contract.accept \"withdrawal-fee\"")
        );
        let j = report_json(&c, utc());
        assert_eq!(j["fees_acknowledged"]["withdrawal_fee_yuan"], 2.0);
    }
}
