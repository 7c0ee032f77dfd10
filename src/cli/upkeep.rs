//! `posbind cases move ID --address ADDR --location "LAT, LON" --approval REF`: the terminal of
//! a live case moved (移机) with the institution's approval, as a journaled change of the same
//! case — the install address and location replace the old placement, the binding's five
//! elements are confirmed again with it, and the go-live report is written again, showing the
//! new placement and the move.
//!
//! Exit codes: 0 done, 1 refused (not live, no approval reference, another province, a
//! location outside it, the case locked or not writable), 2 usage error (a malformed location).

use std::process::ExitCode;

use super::cases::{lock_case, open_case, store_message};
use super::{out, Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::i18n::{tr, tr_args, tr_message};
use crate::onboarding::basis::Lifecycle;
use crate::onboarding::validate::{coordinates, Verdict};
use crate::onboarding::Case;
use crate::store::Store;

/// What `cases move` is told.
pub struct MoveRequest<'a> {
    /// Case id.
    pub id: &'a str,
    /// The new install address.
    pub address: &'a str,
    /// The new location, `LAT, LON`.
    pub location: &'a str,
    /// The institution's reference for its approval of the move.
    pub approval: &'a str,
    /// JSON for scripts.
    pub json: bool,
}

fn refuse(message: &str, code: u8) -> anyhow::Result<ExitCode> {
    out::err_line(&format!("posbind: {message}"));
    Ok(ExitCode::from(code))
}

/// `cases move`.
pub fn move_terminal(ctx: &Ctx, store: &Store, req: &MoveRequest) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let checked = coordinates(req.location);
    let location = match (checked.verdict, checked.value) {
        (Verdict::Invalid, _) | (_, None) => {
            let why: Vec<String> = checked
                .reasons
                .iter()
                .map(|r| super::check::reason_text(lang, r))
                .collect();
            return refuse(&why.join("; "), EXIT_USAGE);
        }
        (_, Some(p)) => p,
    };
    let _lock = match lock_case(ctx, store, req.id) {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let mut case = match open_case(ctx, store, req.id) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    if case.lifecycle() != Lifecycle::Live {
        let status = case.lifecycle().text(lang);
        return refuse(
            &tr_args(lang, "health-not-live", &[("status", &status)]),
            EXIT_FAIL,
        );
    }
    let now = chrono::Utc::now();
    let event = match case.record_move(req.address, location, req.approval, now) {
        Ok(e) => e,
        Err(why) => return refuse(&why.text(lang), EXIT_FAIL),
    };
    let io = |e: crate::store::StoreError| anyhow::anyhow!(store_message(ctx, &e));
    store.save(&mut case, now).map_err(io)?;
    store
        .journal(&case.id, &event.name(), event.detail(), now)
        .map_err(io)?;
    let (html, _) = match rewrite_report(ctx, store, &mut case) {
        Ok(paths) => paths,
        Err(m) => return refuse(&m, EXIT_FAIL),
    };
    let notice = match tell_institution(ctx, store, &case) {
        Ok(p) => p,
        Err(m) => return refuse(&m, EXIT_FAIL),
    };
    let v = serde_json::json!({
        "case": case.id.as_str(),
        "address": case.install_address(),
        "location": case.binding.location,
        "approval": req.approval.trim(),
        "report": html,
        "notice": notice,
    });
    let said = [
        ("id", case.id.as_str()),
        ("address", case.install_address()),
        ("report", &html),
    ];
    say_done(lang, req.json, &v, ("move-done", &said), &notice)
}

/// The result of a move or a replacement: its JSON for scripts, else what was recorded and
/// where the institution's notice is.
pub fn say_done(
    lang: crate::i18n::Lang,
    json: bool,
    v: &serde_json::Value,
    (id, args): (&str, &[(&str, &str)]),
    notice: &str,
) -> anyhow::Result<ExitCode> {
    if json {
        out::json(&v.to_string())?;
    } else {
        out::line(&tr_args(lang, id, args))?;
        out::line(&tr_args(lang, "notice-written", &[("path", notice)]))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the notice of the case's latest change for the institution (outbox/change-N) and says
/// where; its path, or the message why it could not be written.
pub fn tell_institution(ctx: &Ctx, store: &Store, case: &Case) -> Result<String, String> {
    let dir = store.case_dir(&case.id);
    let tz = *chrono::Local::now().offset();
    match crate::report::change_notice::write_change_notice(&dir, case, case.lang, tz) {
        Ok(Some(path)) => Ok(path.display().to_string()),
        Ok(None) => Ok(String::new()),
        Err(e) => Err(tr_message(ctx.lang, crate::store::io_message(&dir, &e))),
    }
}

/// Writes the go-live report again from the case as it is now (in the case's language) and
/// records it: the same go-live time, the new files. The message says why not.
pub fn rewrite_report(
    ctx: &Ctx,
    store: &Store,
    case: &mut Case,
) -> Result<(String, String), String> {
    let lang = ctx.lang;
    if let Err(steps) = case.consistent() {
        let names: Vec<String> = steps.iter().map(|s| s.id().to_string()).collect();
        return Err(tr_args(
            lang,
            "report-inconsistent",
            &[("steps", &names.join(", "))],
        ));
    }
    let dir = store.case_dir(&case.id).join("report");
    let tz = *chrono::Local::now().offset();
    let (html, json) = crate::report::activation::write_report(&dir, case, case.lang, tz)
        .map_err(|e| tr_message(lang, crate::store::io_message(&dir, &e)))?;
    let (html, json) = (html.display().to_string(), json.display().to_string());
    let Some(event) = case.record_report_rewritten(html.clone(), json.clone()) else {
        return Err(tr(lang, "health-no-live-case"));
    };
    let now = chrono::Utc::now();
    store
        .save(case, now)
        .and_then(|()| store.journal(&case.id, &event.name(), event.detail(), now))
        .map_err(|e| store_message(ctx, &e))?;
    Ok((html, json))
}
