//! The end-of-day report (结算日报): one printable A4 page per end-of-day posbind ran on a live
//! case's terminal — the merchant and terminal, the batch total the terminal reported, the
//! previous end-of-day, and a line for the cashier's signature — written beside the activation
//! report as `report/end-of-day-YYYYMMDD-HHMMSS.html` (local time).

use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use maud::{html, DOCTYPE};

use super::activation::{row, simulated};
use crate::i18n::{tr, tr_args, Lang};
use crate::onboarding::maintenance::EndOfDay;
use crate::onboarding::Case;
use crate::store::atomic::{create_private_dir_within, write_atomic};

/// Short enough for one A4 page whatever the screen's width; printed smaller still.
const CSS: &str = "body{font-family:sans-serif;max-width:180mm;margin:auto}.demo{border:3px dashed #b50;color:#b50;text-align:center;font-weight:bold;font-size:14pt;padding:2mm;margin:3mm 0}.total{font-size:20pt;font-weight:bold;border:2px solid;padding:3mm 5mm;margin:4mm 0}table{border-collapse:collapse;width:100%;margin-bottom:5mm}th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top}th{width:38%;background:#f2f2f2}.sign{display:flex;gap:10mm;margin-top:10mm}.sign div{flex:1}.sign p{border-bottom:1px solid #333;height:12mm;margin:0 0 2mm}@page{size:A4;margin:15mm}@media print{body{max-width:none;font-size:10pt}.total{font-size:16pt}}";

/// The day report of `eod`; `previous` is the end-of-day before it (if posbind ran one).
pub fn day_report_html(
    case: &Case,
    eod: &EndOfDay,
    previous: Option<&EndOfDay>,
    lang: Lang,
    tz: FixedOffset,
) -> String {
    let l = |id: &str| tr(lang, id);
    let local = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string()
    };
    let (mid, _) = case.approval().unwrap_or(("", ""));
    let total = match eod.total_minor {
        Some(m) => tr_args(
            lang,
            "settle-total",
            &[("yuan", &crate::onboarding::catalog::fmt_fen(m))],
        ),
        None => l("settle-no-total"),
    };
    let acquirer = case
        .institution
        .as_ref()
        .map(|i| i.binding_text(lang))
        .unwrap_or_default();
    let since = previous.map_or_else(
        || {
            case.golive
                .as_ref()
                .map(|g| local(g.at))
                .unwrap_or_default()
        },
        |p| local(p.at),
    );
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                title { (l("day-title")) " — " (case.merchant.name) }
                style { (CSS) }
            }
            body {
                @if simulated(case) {
                    div.demo id="simulated" { (l("report-simulated")) }
                }
                h1 { (l("day-title")) }
                p { (case.merchant.name) " · " (case.id.as_str()) }
                div.total id="total" { (total) }
                table {
                    (row(l("day-at"), &local(eod.at)))
                    (row(l("day-since"), &since))
                    (row(l("field-tid"), &eod.tid))
                    (row(l("binding-mid"), mid))
                    (row(l("binding-serial"), &case.binding.serial_label))
                    (row(l("binding-acquirer"), &acquirer))
                    (row(l("binding-address"), case.install_address()))
                    (row(l("day-currency"), &eod.currency.to_string()))
                }
                p { (l("day-note")) }
                div.sign id="signatures" {
                    div { p {} (l("day-sign-cashier")) }
                    div { p {} (l("report-sign-date")) }
                }
            }
        }
    };
    crate::i18n::safe::escape(&markup.into_string()).into_owned()
}

/// Writes the day report of `eod` into `dir` (the case's `report` directory).
pub fn write_day_report(
    dir: &Path,
    case: &Case,
    eod: &EndOfDay,
    previous: Option<&EndOfDay>,
    lang: Lang,
    tz: FixedOffset,
) -> std::io::Result<PathBuf> {
    let case_dir = dir.parent().unwrap_or(dir);
    create_private_dir_within(case_dir, dir)?;
    let stamp = eod.at.with_timezone(&tz).format("%Y%m%d-%H%M%S");
    let path = dir.join(format!("end-of-day-{stamp}.html"));
    write_atomic(
        &path,
        day_report_html(case, eod, previous, lang, tz).as_bytes(),
    )?;
    Ok(path)
}
