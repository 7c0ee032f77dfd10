//! `posbind health --all [--json]`: the off-line health of every live case, for an installer
//! company's scheduler, with the next date each case needs attention. The case index names
//! the live cases (no case file is read to find them); their files are then read and judged
//! on as many threads as the machine has cores. With `--port`, the terminal is asked once and
//! its findings go to the live case bound to it (the serial number it reports).

use std::process::ExitCode;

use chrono::Utc;

use super::health::{
    offline_report, HealthArgs, Report, Unchecked, EXIT_ATTENTION, EXIT_UNCHECKED,
};
use super::out;
use super::Ctx;
use crate::i18n::{tr_args, tr_message, Lang};
use crate::onboarding::basis::Lifecycle;
use crate::onboarding::catalog::Catalog;
use crate::onboarding::device::{check_serial, DeviceIdentity, SerialCheck};
use crate::onboarding::health;
use crate::onboarding::CaseId;
use crate::store::Store;
use crate::testloop::pending::PendingPayment;

/// `posbind health --all`.
pub fn run(
    ctx: &Ctx,
    args: &HealthArgs,
    store: &Store,
    catalog: &Catalog,
) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let listing = store
        .list()
        .map_err(|e| anyhow::anyhow!(tr_message(lang, e.message())))?;
    let ids: Vec<String> = listing
        .cases
        .into_iter()
        .filter(|c| c.status == Lifecycle::Live)
        .map(|c| c.id)
        .collect();
    let pending = super::health::open_payments_of(ctx);
    let terminal = args
        .port_args()
        .map(|port| super::health::ask_terminal(lang, &port, args.timeout));
    let open = pending.as_ref().map(Vec::as_slice).unwrap_or(&[]);
    let mut reports = judge_all(lang, store, catalog, open, &ids, terminal.as_ref());
    if let Err(u) = &pending {
        for r in &mut reports {
            r.unchecked.get_or_insert_with(|| u.clone());
        }
    }
    let problems: Vec<String> = listing
        .problems
        .iter()
        .map(|p| tr_message(lang, p.error.message()))
        .collect();
    print(lang, &reports, &problems, terminal.as_ref(), args.json)?;
    let any = |s: &str| reports.iter().any(|r| r.state_name() == s);
    let code = if any("unchecked") || !problems.is_empty() || matches!(terminal, Some(Err(_))) {
        EXIT_UNCHECKED
    } else if any("needs-attention") {
        EXIT_ATTENTION
    } else {
        0
    };
    Ok(ExitCode::from(code))
}

/// Every case's report, in the order of `ids`, judged on the machine's cores.
fn judge_all(
    lang: Lang,
    store: &Store,
    catalog: &Catalog,
    open: &[PendingPayment],
    ids: &[String],
    terminal: Option<&Result<DeviceIdentity, Unchecked>>,
) -> Vec<Report> {
    let now = Utc::now();
    let today = crate::onboarding::case::local_today();
    let judge = |id: &String| -> Report {
        let loaded = CaseId::parse(id)
            .ok_or_else(|| tr_args(lang, "check-case-unknown", &[("id", id)]))
            .and_then(|cid| store.load(&cid).map_err(|e| tr_message(lang, e.message())));
        let case = match loaded {
            Ok(c) => c,
            Err(message) => {
                return Report {
                    case: id.clone(),
                    merchant: String::new(),
                    findings: vec![],
                    terminal: None,
                    unchecked: Some(Unchecked {
                        code: "case",
                        message,
                    }),
                    next: None,
                }
            }
        };
        let mut r = offline_report(&case, catalog, open, now, today);
        if let Some(Ok(ident)) = terminal {
            if check_serial(&ident.serial, &case.binding.serial_label) == SerialCheck::Matches {
                r.findings.extend(health::terminal(&case, catalog, ident));
                r.terminal = Some(ident.clone());
            }
        }
        super::health::finish(&mut r, &case, today);
        r
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = ids.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = ids
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(judge).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

fn print(
    lang: Lang,
    reports: &[Report],
    problems: &[String],
    terminal: Option<&Result<DeviceIdentity, Unchecked>>,
    json: bool,
) -> anyhow::Result<()> {
    let count = |s: &str| reports.iter().filter(|r| r.state_name() == s).count();
    let (healthy, attention, unchecked) = (
        count("healthy"),
        count("needs-attention"),
        count("unchecked"),
    );
    if json {
        let cases: Vec<serde_json::Value> = reports.iter().map(|r| r.json(lang)).collect();
        let terminal_error = match terminal {
            Some(Err(u)) => serde_json::json!({"code": u.code, "message": u.message}),
            _ => serde_json::Value::Null,
        };
        let v = serde_json::json!({
            "checked": reports.len(),
            "healthy": healthy,
            "needs_attention": attention,
            "unchecked": unchecked,
            "problems": problems,
            "terminal_error": terminal_error,
            "cases": cases,
        });
        out::json(&v.to_string())?;
        return Ok(());
    }
    for p in problems {
        out::err_line(&format!("posbind: {p}"));
    }
    if let Some(Err(u)) = terminal {
        out::err_line(&format!("posbind: {}", u.message));
    }
    // Healthy cases are counted, not listed: the list is what needs doing.
    for r in reports.iter().filter(|r| r.state_name() != "healthy") {
        for l in r.lines(lang) {
            out::line(&l)?;
        }
    }
    out::line(&tr_args(
        lang,
        "health-all-summary",
        &[
            ("checked", &reports.len().to_string()),
            ("healthy", &healthy.to_string()),
            ("attention", &attention.to_string()),
            ("unchecked", &unchecked.to_string()),
        ],
    ))?;
    Ok(())
}
