//! The activation report: printable HTML (A4) and JSON, with the five binding elements, the
//! device identity, activation timestamps and the test results with a latency chart. Personal
//! numbers are masked: this report is for the shop's files, not for the application.

use std::path::{Path, PathBuf};

use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde_json::json;

use crate::i18n::{tr, tr_args, Lang};
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

/// The report as JSON.
pub fn report_json(case: &Case) -> serde_json::Value {
    let m = &case.materials;
    let (mid, tid) = case.approval().unwrap_or(("", ""));
    json!({
        "schema": 1,
        "case": case.id.as_str(),
        "merchant": case.merchant.name,
        "binding": {
            "serial_number": case.binding.serial_label,
            "acquirer": case.institution.as_ref().map(|i| json!({"name_zh": i.name.zh, "name_en": i.name.en, "kind": i.kind, "acquirer_code": i.acquirer_code, "licence": i.licence})),
            "mid": mid,
            "merchant_identity": identity_element(case),
            "settlement_account": mask_number(&m.account_number),
            "install_address": case.install_address(),
            "install_location": case.binding.location,
            "confirmed_at": case.binding.confirmed_at,
        },
        "outsourcer": case.binding.outsourcer,
        "terminal_photo": case.binding.terminal_photo.as_ref().map(|d| json!({"file": d.path, "sha256": d.sha256, "added": d.added})),
        "contact": { "legal_rep": m.legal_rep_name, "mobile": mask_mobile(&m.mobile) },
        "beneficial_owners": crate::onboarding::materials::mask_beneficial_owners(&m.beneficial_owners),
        "device": case.activation.identity,
        "tid": tid,
        "review_checks": case.review_checks,
        "activation": { "port": case.activation.port, "steps": case.activation.done, "activated_at": case.activation.activated_at, "serial_confirmed": case.activation.serial_confirmed },
        "test": case.test.as_ref().map(|t| json!({"at": t.at, "summary": t.summary, "latencies_ms": t.latencies_ms})),
        "training": case.training.done,
    })
}

/// An SVG bar chart of the latencies (ms), one bar per transaction.
pub fn latency_svg(latencies: &[f64]) -> String {
    let (w, h) = (600.0, 120.0);
    let max = latencies.iter().cloned().fold(0.0_f64, f64::max).max(1.0);
    let n = latencies.len().max(1) as f64;
    let bw = (w / n).max(1.0);
    let mut bars = String::new();
    for (i, v) in latencies.iter().enumerate() {
        let bh = (v / max * (h - 10.0)).max(1.0);
        bars.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#2a7\"/>",
            i as f64 * bw,
            h - bh,
            (bw - 1.0).max(0.5),
            bh
        ));
    }
    format!("<svg id=\"latency-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\"><rect width=\"{w}\" height=\"{h}\" fill=\"#f7f7f7\"/>{bars}</svg>")
}

fn row(label: String, value: &str) -> Markup {
    html! { tr { th { (label) } td { (value) } } }
}

const CSS: &str = "body{font-family:sans-serif;max-width:180mm;margin:auto}table{border-collapse:collapse;width:100%;margin-bottom:6mm}th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top}th{width:38%;background:#f2f2f2}.pass{color:#070}.fail{color:#a00}@page{size:A4;margin:15mm}@media print{body{max-width:none}h2{break-after:avoid}table{break-inside:avoid}}";

/// The printable report.
pub fn report_html(case: &Case, lang: Lang) -> String {
    let l = |id: &str| tr(lang, id);
    let m = &case.materials;
    let (mid, tid) = case.approval().unwrap_or(("", ""));
    let ident = case.activation.identity.clone().unwrap_or_default();
    let ts =
        |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
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
                h1 { (l("report-title")) }
                p { (case.merchant.name) " · " (case.id.as_str()) }
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
                table {
                    (row(l("binding-outsourcer"), &case.binding.outsourcer))
                    (row(l("binding-terminal-photo"), &case.binding.terminal_photo.as_ref().map(|d| format!("{} · SHA-256 {}", d.path, d.sha256)).unwrap_or_else(|| l("golive-terminal-photo-missing"))))
                }
                h2 { (l("report-device")) }
                table {
                    (row(l("field-serial-number"), &ident.serial))
                    (row(l("report-serial-confirmed"), &case.activation.serial_confirmed.as_ref().map(|c| match c {
                        crate::onboarding::device::SerialConfirmation::Person { who } => tr_args(lang, c.message_id(), &[("who", who)]),
                        _ => l(c.message_id()),
                    }).unwrap_or_default()))
                    (row(l("field-device-name"), &ident.name))
                    (row(l("field-software-version"), &ident.version))
                    (row(l("field-tid"), tid))
                    (row(l("report-activated-at"), &ts(case.activation.activated_at)))
                    (row(l("report-bound-at"), &ts(case.binding.confirmed_at)))
                }
                h2 { (l("report-test")) }
                @if let Some(t) = &case.test {
                    p class=(if t.summary.pass { "pass" } else { "fail" }) {
                        (if t.summary.pass { l("report-pass") } else { l("report-fail") })
                        " · " (t.summary.succeeded) "/" (t.summary.count)
                        " · p50 " (format!("{:.1}", t.summary.latency_ms.p50)) " ms · p95 " (format!("{:.1}", t.summary.latency_ms.p95)) " ms"
                    }
                    (PreEscaped(latency_svg(&t.latencies_ms)))
                    @for u in &t.summary.unreversed {
                        p.fail { (l("report-unreversed")) " " (u.receipt.map_or_else(|| "?".to_string(), |r| r.to_string())) " · " (u.yuan()) }
                    }
                }
                h2 { (l("report-maintenance")) }
                p { (l("report-maintenance-text")) }
                h2 { (l("report-security")) }
                p { (l("report-security-text")) }
            }
        }
    };
    markup.into_string()
}

/// Writes `activation-report.html` and `.json` into `dir`.
pub fn write_report(dir: &Path, case: &Case, lang: Lang) -> std::io::Result<(PathBuf, PathBuf)> {
    // `dir` is `<case>/report`: it may not be a planted symbolic link.
    let case_dir = dir.parent().unwrap_or(dir);
    create_private_dir_within(case_dir, dir)?;
    let html_path = dir.join("activation-report.html");
    let json_path = dir.join("activation-report.json");
    write_atomic(&html_path, report_html(case, lang).as_bytes())?;
    let json = serde_json::to_vec_pretty(&report_json(case)).map_err(std::io::Error::other)?;
    write_atomic(&json_path, &json)?;
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
        let h = report_html(&c, Lang::ZhCn);
        let j = serde_json::to_string(&report_json(&c)).unwrap();
        for secret in ["11010519491231002X", "6216261000000000018", "18012341999"] {
            assert!(!h.contains(secret) && !j.contains(secret), "{secret}");
        }
        assert!(h.contains("&lt;b&gt;Shop&lt;/b&gt;"));
        assert!(h.contains("@page{size:A4"));
    }

    #[test]
    fn a_bank_acquirer_is_shown_as_a_bank_not_with_an_empty_licence() {
        let mut c = Case::new("Shop", Lang::ZhCn, false, chrono::Utc::now());
        c.institution = crate::onboarding::catalog::Catalog::shipped()
            .get("sample-e")
            .cloned();
        let h = report_html(&c, Lang::ZhCn);
        assert!(
            h.contains("示例银行戊（样例数据）（机构代码 01990000） · 银行业金融机构"),
            "{h}"
        );
        assert_eq!(report_json(&c)["binding"]["acquirer"]["kind"], "bank");
        // The binding elements: the acquirer's institution code and the install coordinates.
        c.binding.location = crate::onboarding::validate::coordinates("22.5431, 113.9360").value;
        let h = report_html(&c, Lang::ZhCn);
        assert!(h.contains("机构代码 01990000") && h.contains("22.543100, 113.936000"));
        let j = report_json(&c);
        assert_eq!(j["binding"]["acquirer"]["acquirer_code"], "01990000");
        assert_eq!(j["binding"]["install_location"]["lat"], 22.5431);
    }

    #[test]
    fn the_report_names_the_installer_company_and_the_terminal_photo() {
        let mut c = Case::new("Shop", Lang::ZhCn, false, chrono::Utc::now());
        let h = report_html(&c, Lang::ZhCn);
        assert!(h.contains("尚无终端在收银台的装机照片"));
        c.binding.outsourcer = "示例装机服务有限公司".into();
        c.binding.terminal_photo = Some(crate::onboarding::materials::DocumentRecord {
            path: "/photos/counter.jpg".into(),
            size: 1,
            sha256: "ab".repeat(32),
            kind: "jpeg".into(),
            added: chrono::Utc::now(),
        });
        let h = report_html(&c, Lang::En);
        assert!(h.contains("Installer company (收单外包服务机构)"));
        assert!(h.contains("示例装机服务有限公司") && h.contains("/photos/counter.jpg"));
        let j = report_json(&c);
        assert_eq!(j["outsourcer"], "示例装机服务有限公司");
        assert_eq!(j["terminal_photo"]["sha256"], "ab".repeat(32));
    }

    #[test]
    fn the_chart_has_one_bar_per_transaction() {
        let svg = latency_svg(&[1.0, 2.0, 3.0]);
        assert_eq!(svg.matches("<rect x=").count(), 3);
    }
}
