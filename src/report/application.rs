//! The application package: `application.json` (versioned), `application.html` (printable),
//! `attachments.json` (files with size and SHA-256) and, for mail, `cover-checklist.html`.
//! The package carries full personal data, as an application must; nothing else posbind writes
//! does.

use std::path::{Path, PathBuf};

use maud::{html, Markup, DOCTYPE};
use serde_json::json;

use crate::i18n::{tr, Lang};
use crate::onboarding::application::{Channel, APPLICATION_SCHEMA};
use crate::onboarding::catalog::mcc;
use crate::onboarding::materials::{checklist_for, AccountType};
use crate::onboarding::pos_types::PosCatalog;
use crate::onboarding::Case;
use crate::store::atomic::{create_private_dir_within, write_atomic};

/// The application as JSON.
pub fn application_json(case: &Case, channel: Channel, submitted_at: &str) -> serde_json::Value {
    let m = &case.materials;
    let mcc_code = case.application.mcc.clone().unwrap_or_default();
    let pos = case.pos.as_ref();
    json!({
        "schema": APPLICATION_SCHEMA,
        "case": case.id.as_str(),
        "revision": case.revision,
        "submitted_at": submitted_at,
        "channel": channel,
        "merchant": {
            "name": case.merchant.name,
            "type": m.merchant_type,
            "credit_code": m.credit_code,
            "address": m.address,
            "mcc": { "code": mcc_code, "name_zh": mcc(&mcc_code).map(|x| x.zh.clone()), "name_en": mcc(&mcc_code).map(|x| x.en.clone()) },
            "beneficial_owners": crate::onboarding::materials::parse_beneficial_owners(&m.beneficial_owners, chrono::Utc::now().date_naive()).unwrap_or_default(),
        },
        "legal_rep": {
            "name": m.legal_rep_name,
            "id_number": m.id_number,
            "id_valid_until": m.id_valid_until,
            "mobile": m.mobile,
        },
        "settlement": {
            "account_type": m.account_type,
            "bank_name": m.bank_name,
            "branch_code": m.branch_code,
            "account_number": m.account_number,
            "holder_name": m.holder_name,
            "same_name": m.holder_is_same_name(&case.merchant.name),
            "related_unit": m.related_unit,
            "class_ii": m.class_ii,
        },
        "agent": m.agent,
        "institution": case.institution.as_ref().map(|i| json!({"id": i.id, "name_zh": i.name.zh, "name_en": i.name.en, "kind": i.kind, "acquirer_code": i.acquirer_code, "licence": i.licence})),
        "devices": {
            "pos_type": pos.map(|p| p.pos_type.clone()),
            "count": pos.map(|p| p.count),
            "install_address": case.install_address(),
            "install_address_same_as_business": install_same_as_business(case),
        },
    })
}

/// The attachments manifest.
pub fn attachments_json(case: &Case) -> serde_json::Value {
    let items: Vec<serde_json::Value> = case
        .materials
        .documents
        .iter()
        .map(|(id, d)| json!({"item": id, "file": d.path, "kind": d.kind, "size": d.size, "sha256": d.sha256}))
        .collect();
    json!({ "schema": APPLICATION_SCHEMA, "case": case.id.as_str(), "revision": case.revision, "attachments": items })
}

/// Whether the terminal goes to the business address (no other install address was given):
/// the application then says so, beside the address itself, so that the form, the binding and
/// the report name the same place.
fn install_same_as_business(case: &Case) -> bool {
    let business = case.materials.address.trim();
    !business.is_empty() && case.install_address().trim() == business
}

/// The install address as the form shows it: marked when it is the business address.
fn install_address_text(case: &Case, lang: Lang) -> String {
    if install_same_as_business(case) {
        crate::i18n::tr_args(
            lang,
            "pkg-install-same-as-business",
            &[("address", case.install_address())],
        )
    } else {
        case.install_address().to_string()
    }
}

/// An ID's validity as the form prints it: 长期 / long-term in the form's language, a date as is.
fn validity_text(value: &str, lang: Lang) -> String {
    let any_day = chrono::NaiveDate::MIN;
    let v = crate::onboarding::validate::id_valid_until(value, any_day);
    if v.normalized == "long-term" {
        tr(lang, "id-long-term")
    } else {
        value.to_string()
    }
}

/// A document's checklist name in `lang`, as this merchant's checklist names it (its id only if
/// no checklist knows it).
fn item_name(case: &Case, id: &str, lang: Lang) -> String {
    let m = &case.materials;
    checklist_for(m, &case.merchant.name, case.application.mcc.as_deref())
        .into_iter()
        .chain(crate::onboarding::materials::all_items())
        .find(|i| i.id == id)
        .map(|i| i.name.get(lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// One row of the report; the value (from the case, the terminal, a catalog) passes the text
/// gate: control, direction and invisible characters are shown escaped, not embedded.
fn row(label: String, value: &str) -> Markup {
    let value = crate::i18n::safe::for_terminal(value);
    html! { tr { th { (label) } td { (value) } } }
}

/// The printable application form (both languages' labels in `lang`).
pub fn application_html(case: &Case, lang: Lang, submitted_at: &str) -> String {
    let m = &case.materials;
    let l = |id: &str| tr(lang, id);
    let mcc_code = case.application.mcc.clone().unwrap_or_default();
    let mcc_name = mcc(&mcc_code)
        .map(|x| x.name(lang).to_string())
        .unwrap_or_default();
    let pos_name = case
        .pos
        .as_ref()
        .and_then(|p| PosCatalog::shipped().pos_type(&p.pos_type))
        .map(|t| t.name.get(lang).to_string())
        .unwrap_or_default();
    let account_type = match m.account_type {
        Some(AccountType::Company) => l("account-type-company"),
        Some(AccountType::Personal) => l("account-type-personal"),
        None => String::new(),
    };
    let merchant_type = m.merchant_type.map(|t| l(t.label_id())).unwrap_or_default();
    let inst = case.institution.as_ref();
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                title { (l("pkg-title")) " — " (case.merchant.name) }
                style { (CSS) }
            }
            body {
                h1 { (l("pkg-title")) }
                p.meta { (l("pkg-case")) ": " (case.id.as_str()) " · " (l("pkg-revision")) " " (case.revision) " · " (submitted_at) }
                h2 { (l("pkg-merchant")) }
                table {
                    (row(l("field-merchant"), &case.merchant.name))
                    (row(l("field-m-merchant-type"), &merchant_type))
                    (row(l("field-m-credit-code"), &m.credit_code))
                    (row(l("field-m-address"), &m.address))
                    (row(l("pkg-mcc"), &format!("{mcc_code} {mcc_name}")))
                    @if !m.beneficial_owners.is_empty() {
                        (row(l("field-m-beneficial-owners"), &m.beneficial_owners))
                    }
                }
                h2 { (l("pkg-legal-rep")) }
                table {
                    (row(l("field-m-legal-rep-name"), &m.legal_rep_name))
                    (row(l("field-m-id-kind"), &l(m.id_kind.label_id())))
                    (row(l("field-m-id-number"), &m.id_number))
                    (row(l("field-m-id-valid-until"), &validity_text(&m.id_valid_until, lang)))
                    @if !m.nationality.is_empty() {
                        (row(l("field-m-nationality"), &m.nationality))
                    }
                    @if !m.birth_date.is_empty() {
                        (row(l("field-m-birth-date"), &m.birth_date))
                    }
                    (row(l("field-m-mobile"), &m.mobile))
                }
                h2 { (l("pkg-settlement")) }
                table {
                    (row(l("field-m-account-type"), &account_type))
                    (row(l("field-m-bank-name"), &m.bank_name))
                    (row(l("field-m-branch-code"), &m.branch_code))
                    (row(l("field-m-account-number"), &m.account_number))
                    (row(l("field-m-holder-name"), &m.holder_name))
                }
                h2 { (l("pkg-devices")) }
                table {
                    (row(l("field-pos-type"), &pos_name))
                    (row(l("pkg-count"), &case.pos.as_ref().map(|p| p.count.to_string()).unwrap_or_default()))
                    (row(l("pkg-install-address"), &install_address_text(case, lang)))
                    (row(l("pkg-institution"), &inst.map(|i| i.name.get(lang).to_string()).unwrap_or_default()))
                    (row(l("pkg-licence"), &inst.map(|i| match i.kind {
                        crate::onboarding::catalog::InstitutionKind::Bank => l(i.kind.label_id()),
                        crate::onboarding::catalog::InstitutionKind::NonBank => i.licence.clone(),
                    }).unwrap_or_default()))
                }
                h2 { (l("pkg-attachments")) }
                table {
                    @for (id, d) in &case.materials.documents {
                        tr { th { (item_name(case, id, lang)) } td { (d.kind) " · " (d.size) " B · " code { (d.sha256) } } }
                    }
                }
                p.sign { (l("pkg-signature")) }
            }
        }
    };
    // Through the text gate as a whole: whatever a case file or a terminal put anywhere in
    // the page, no control, direction or invisible character is embedded raw.
    crate::i18n::safe::escape(&markup.into_string()).into_owned()
}

/// The cover checklist for a mailed application.
pub fn cover_checklist_html(case: &Case, lang: Lang) -> String {
    let items = checklist_for(
        &case.materials,
        &case.merchant.name,
        case.application.mcc.as_deref(),
    );
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head { meta charset="utf-8"; title { (tr(lang, "pkg-cover-title")) } style { (CSS) } }
            body {
                h1 { (tr(lang, "pkg-cover-title")) }
                p { (case.merchant.name) " · " (case.id.as_str()) }
                ul.checklist {
                    li { "[ ] " (tr(lang, "pkg-cover-form")) }
                    @for i in items {
                        li { "[ ] " (i.name.get(lang)) @if !i.required { " (" (tr(lang, "pkg-optional")) ")" } }
                    }
                }
            }
        }
    };
    // Through the text gate as a whole: whatever a case file or a terminal put anywhere in
    // the page, no control, direction or invisible character is embedded raw.
    crate::i18n::safe::escape(&markup.into_string()).into_owned()
}

const CSS: &str = "body{font-family:sans-serif;max-width:190mm;margin:auto}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}th{width:35%;background:#f2f2f2}code{font-size:80%;word-break:break-all}@page{size:A4;margin:15mm}";

/// Writes the package into `dir`; returns the files written.
pub fn write_package(
    dir: &Path,
    case: &Case,
    lang: Lang,
    channel: Channel,
    submitted_at: &str,
) -> std::io::Result<Vec<PathBuf>> {
    // `dir` is `<case>/outbox/rev-N`: neither level may be a planted symbolic link.
    let case_dir = dir.ancestors().nth(2).unwrap_or(dir);
    create_private_dir_within(case_dir, dir)?;
    let mut written = vec![];
    let mut put = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        let p = dir.join(name);
        write_atomic(&p, bytes)?;
        written.push(p);
        Ok(())
    };
    // JSON through the text gate too (as `\u200b` escapes, still the same JSON).
    let gated = |v: &serde_json::Value| -> std::io::Result<String> {
        let text = serde_json::to_string_pretty(v).map_err(std::io::Error::other)?;
        Ok(crate::i18n::safe::for_json(&text).into_owned())
    };
    let app = gated(&application_json(case, channel, submitted_at))?;
    put("application.json", app.as_bytes())?;
    put(
        "application.html",
        application_html(case, lang, submitted_at).as_bytes(),
    )?;
    let att = gated(&attachments_json(case))?;
    put("attachments.json", att.as_bytes())?;
    if channel == Channel::Mail {
        put(
            "cover-checklist.html",
            cover_checklist_html(case, lang).as_bytes(),
        )?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_what_the_merchant_typed() {
        let mut c = Case::new(
            "<script>alert(1)</script>",
            Lang::En,
            false,
            chrono::Utc::now(),
        );
        c.materials.address = "\"><img src=x onerror=alert(2)>".into();
        let h = application_html(&c, Lang::En, "2026-11-26T08:00:00Z");
        assert!(!h.contains("<script>alert(1)</script>"));
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!h.contains("<img src=x"));
        let cover = cover_checklist_html(&c, Lang::ZhCn);
        assert!(!cover.contains("<script>alert"));
    }

    #[test]
    fn the_package_is_written_with_private_files() {
        let d = tempfile::tempdir().unwrap();
        let c = Case::new("M", Lang::En, false, chrono::Utc::now());
        let files = write_package(d.path(), &c, Lang::ZhCn, Channel::Mail, "now").unwrap();
        assert_eq!(files.len(), 4);
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
        assert_eq!(v["schema"], 1);
        assert_eq!(v["channel"], "mail");
        #[cfg(unix)]
        for f in files {
            let meta = std::fs::metadata(f).unwrap();
            assert_eq!(crate::platform::permission_bits(&meta), Some(0o600));
        }
    }
}
