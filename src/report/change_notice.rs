//! The notice of a change after go-live for the institution (变更通知): a move (移机) or a
//! replacement (换机) the institution approved, with the binding's five elements as they are
//! after it, written to `<case>/outbox/change-N/` (`notice.json`, versioned, and `notice.html`,
//! printable) for the installer to send through the institution's own channel. posbind does
//! not send it: the files say what is to be told, and the output says where they are.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use maud::{html, DOCTYPE};
use serde_json::json;

use crate::i18n::{tr, tr_args, Lang};
use crate::onboarding::validate::mask_number;
use crate::onboarding::Case;
use crate::store::atomic::{create_private_dir_within, write_atomic};

/// Version of `notice.json`.
pub const CHANGE_NOTICE_SCHEMA: u32 = 1;

/// The change a notice is about: the case's latest move or replacement.
enum Change<'a> {
    Move(&'a crate::onboarding::maintenance::Move),
    Replacement(&'a crate::onboarding::maintenance::Replacement),
}

impl Change<'_> {
    fn at(&self) -> DateTime<Utc> {
        match self {
            Change::Move(m) => m.at,
            Change::Replacement(r) => r.at,
        }
    }

    fn approval(&self) -> &str {
        match self {
            Change::Move(m) => &m.approval,
            Change::Replacement(r) => &r.approval,
        }
    }
}

/// The latest of the case's moves and replacements.
fn latest(case: &Case) -> Option<Change<'_>> {
    let mv = case.maintenance.moves.last().map(Change::Move);
    let rp = case
        .maintenance
        .replacements
        .last()
        .map(Change::Replacement);
    match (mv, rp) {
        (Some(m), Some(r)) => Some(if r.at() > m.at() { r } else { m }),
        (m, r) => m.or(r),
    }
}

/// How many changes the case has recorded: the number of the latest one's notice.
pub fn number(case: &Case) -> usize {
    case.maintenance.moves.len() + case.maintenance.replacements.len()
}

/// Whether the case's latest change is a move (not a replacement).
pub fn latest_is_move(case: &Case) -> bool {
    matches!(latest(case), Some(Change::Move(_)))
}

/// Whether the notice of the case's latest change is written already (under `case_dir`).
pub fn told(case_dir: &Path, case: &Case) -> bool {
    notice_dir(case_dir, case).join("notice.json").exists()
}

/// Where the notice of the case's latest change goes: `<case_dir>/outbox/change-N`.
fn notice_dir(case_dir: &Path, case: &Case) -> PathBuf {
    case_dir
        .join("outbox")
        .join(format!("change-{}", number(case)))
}

/// The notice as JSON (`None` without a move or replacement).
pub fn notice_json(case: &Case) -> Option<serde_json::Value> {
    let change = latest(case)?;
    let (mid, tid) = case.approval().unwrap_or(("", ""));
    let m = &case.materials;
    let detail = match &change {
        Change::Move(mv) => json!({
            "kind": "move",
            "from_address": mv.from_address,
            "address": mv.address,
            "location": mv.location,
        }),
        Change::Replacement(r) => json!({
            "kind": "replacement",
            "old_serial": r.old_serial,
            "new_serial": r.new_serial,
        }),
    };
    Some(json!({
        "schema": CHANGE_NOTICE_SCHEMA,
        "case": case.id.as_str(),
        "number": number(case),
        "at": change.at().to_rfc3339(),
        "approval": change.approval(),
        "change": detail,
        // The five elements after the change, as the binding now holds them.
        "binding": {
            "serial": case.binding.serial_label,
            "acquirer_code": case.institution.as_ref().map(|i| i.acquirer_code.clone()),
            "mid": mid,
            "tid": tid,
            "credit_code": m.credit_code,
            "account": mask_number(&m.account_number),
            "install_address": case.install_address(),
            "location": case.binding.location,
        },
        "merchant": case.merchant.name,
        "institution": case.institution.as_ref().map(|i| i.id.clone()),
    }))
}

/// The notice, printable, in `lang` (times in `tz`).
pub fn notice_html(case: &Case, lang: Lang, tz: FixedOffset) -> Option<String> {
    let change = latest(case)?;
    let l = |id: &str| tr(lang, id);
    let (mid, tid) = case.approval().unwrap_or(("", ""));
    let at = change
        .at()
        .with_timezone(&tz)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let what = match &change {
        Change::Move(mv) => tr_args(
            lang,
            "notice-move",
            &[("from", &mv.from_address), ("to", &mv.address)],
        ),
        Change::Replacement(r) => tr_args(
            lang,
            "notice-replacement",
            &[("old", &r.old_serial), ("new", &r.new_serial)],
        ),
    };
    let location = case
        .binding
        .location
        .map(|p| format!("{:.6}, {:.6}", p.lat, p.lon))
        .unwrap_or_default();
    let acquirer = case
        .institution
        .as_ref()
        .map(|i| format!("{} ({})", i.name.get(lang), i.acquirer_code))
        .unwrap_or_default();
    let rows: [(String, &str); 9] = [
        (l("notice-change"), &what),
        (l("notice-approval"), change.approval()),
        (l("notice-at"), &at),
        (l("field-serial-number"), &case.binding.serial_label),
        (l("binding-acquirer"), &acquirer),
        (l("binding-mid"), mid),
        (l("field-tid"), tid),
        (l("binding-address"), case.install_address()),
        (l("binding-location"), &location),
    ];
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                title { (l("notice-title")) }
                style { "body{font-family:sans-serif;max-width:190mm;margin:auto}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}th{width:35%;background:#f2f2f2}@page{size:A4;margin:15mm}" }
            }
            body {
                h1 { (l("notice-title")) }
                p { (case.merchant.name) " · " (case.id.as_str()) }
                p { (l("notice-explain")) }
                table {
                    @for (label, value) in &rows {
                        tr { th { (label) } td { (value) } }
                    }
                }
            }
        }
    };
    Some(crate::i18n::safe::escape(&markup.into_string()).into_owned())
}

/// Writes the notice of the case's latest change into `<case_dir>/outbox/change-N/`; the
/// directory written, `None` without a change.
pub fn write_change_notice(
    case_dir: &Path,
    case: &Case,
    lang: Lang,
    tz: FixedOffset,
) -> std::io::Result<Option<PathBuf>> {
    let (Some(json), Some(html)) = (notice_json(case), notice_html(case, lang, tz)) else {
        return Ok(None);
    };
    let dir = notice_dir(case_dir, case);
    create_private_dir_within(case_dir, &dir)?;
    let text = serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?;
    write_atomic(
        &dir.join("notice.json"),
        crate::i18n::safe::for_json(&text).as_bytes(),
    )?;
    write_atomic(&dir.join("notice.html"), html.as_bytes())?;
    Ok(Some(dir))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onboarding::maintenance::{Move, Replacement};
    use crate::onboarding::validate::GeoPoint;

    fn case() -> Case {
        let mut c = Case::new("好再来超市有限公司", Lang::ZhCn, false, Utc::now());
        c.binding.serial_label = "12345678".into();
        c.materials.account_number = "755912345670001".into();
        c
    }

    #[test]
    fn no_change_no_notice() {
        let c = case();
        assert!(notice_json(&c).is_none());
        let d = tempfile::tempdir().unwrap();
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(
            write_change_notice(d.path(), &c, Lang::En, tz).unwrap(),
            None
        );
    }

    #[test]
    fn the_latest_change_is_told_with_the_five_elements_after_it() {
        let mut c = case();
        let t0 = Utc::now();
        c.maintenance.moves.push(Move {
            at: t0,
            approval: "YJ-1".into(),
            from_address: "深圳市南山区科技园 1 号".into(),
            address: "深圳市福田区福华路 8 号".into(),
            location: GeoPoint {
                lat: 22.541,
                lon: 114.056,
            },
        });
        let j = notice_json(&c).unwrap();
        assert_eq!(j["change"]["kind"], "move");
        assert_eq!(j["number"], 1);
        assert_eq!(j["binding"]["account"], "755912*****0001", "masked");
        c.maintenance.replacements.push(Replacement {
            at: t0 + chrono::Duration::minutes(1),
            approval: "HJ-2".into(),
            old_serial: "12345678".into(),
            old_identity: None,
            old_activated_at: None,
            new_serial: "87654321".into(),
        });
        let j = notice_json(&c).unwrap();
        assert_eq!(j["change"]["kind"], "replacement");
        assert_eq!(j["approval"], "HJ-2");
        assert_eq!(j["number"], 2);
        let d = tempfile::tempdir().unwrap();
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let dir = write_change_notice(d.path(), &c, Lang::ZhCn, tz)
            .unwrap()
            .unwrap();
        assert!(dir.ends_with("outbox/change-2"));
        let html = std::fs::read_to_string(dir.join("notice.html")).unwrap();
        assert!(html.contains("87654321") && html.contains("HJ-2"), "{html}");
        assert!(!html.contains("755912345670001"), "no full account number");
    }
}
