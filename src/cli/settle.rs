//! `posbind settle [CASE] --port PORT [--json]`: the guided end-of-day (结算/批结) of a live
//! case's terminal. It checks that the terminal is the bound one (serial number and TID), settles
//! what the pending store still holds open for it first — once the batch is closed a test
//! payment can no longer be voided, so an end-of-day with an open test payment is refused —
//! then runs End-of-Day and keeps the total the terminal reported in the case
//! (`maintenance.last_end_of_day`) and its journal (`end-of-day`), and writes the day report
//! (one A4 page, [`crate::report::day`]).
//!
//! Exit codes: 0 done, 1 the terminal refused or failed, it is not the bound one, a test
//! payment is still open, or the case cannot be written; 2 usage or connection error.

use std::process::ExitCode;
use std::time::Duration;

use chrono::Utc;
use clap::Args;

use super::health::choose_case;
use super::out;
use super::terminal::{connect, error_text, progress, progress_terminal, Failure, PortArgs};
use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::device::{PaymentTerminal, TerminalEvent};
use crate::i18n::{tr, tr_args, Lang};
use crate::onboarding::basis::Lifecycle;
use crate::onboarding::device::{check_serial, SerialCheck};
use crate::onboarding::maintenance::EndOfDay;
use crate::onboarding::Case;
use crate::sim::SimConfig;
use crate::testloop::pending::TerminalId;

/// Options of `posbind settle`.
#[derive(Debug, Args)]
pub struct SettleArgs {
    /// The case id (default: the only live case).
    #[arg(value_name = "CASE")]
    pub case: Option<String>,
    /// Port options.
    #[command(flatten)]
    pub port: PortArgs,
    /// Seconds each command may take, whatever the terminal sends meanwhile.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    /// JSON for scripts: {"case","at","total_minor","currency","tid","report"} or
    /// {"error":{…}}.
    #[arg(long)]
    pub json: bool,
}

/// `posbind settle`.
pub fn run(ctx: &Ctx, args: &SettleArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let fail = |f: Failure| -> anyhow::Result<ExitCode> {
        if args.json {
            out::json(&serde_json::json!({"error": f.json()}).to_string())?;
        }
        Ok(f.report())
    };
    let store = ctx.store()?;
    let mut case = match choose_case(lang, &store, args.case.as_deref()) {
        Ok(c) => c,
        Err(m) => return fail(Failure::new(EXIT_USAGE, "usage", m)),
    };
    if case.lifecycle() != Lifecycle::Live {
        let status = case.lifecycle().text(lang);
        let m = tr_args(lang, "health-not-live", &[("status", &status)]);
        return fail(Failure::new(EXIT_FAIL, "not-live", m));
    }
    // The case is written at the end: nobody else may write it meanwhile.
    let _lock = match store.lock_case(&case.id) {
        Ok(l) => l,
        Err(e) => {
            let m = crate::i18n::tr_message(lang, e.message());
            return fail(Failure::new(EXIT_FAIL, "locked", m));
        }
    };
    let mut conn = match connect(lang, &args.port, SimConfig::default()) {
        Ok(c) => c,
        Err(r) => return fail(Failure::refused(r, "connection")),
    };
    let per_command = Duration::from_secs(args.timeout.max(1));
    conn.client.set_command_limit(per_command);
    progress(lang, "progress-registering", &[("port", &conn.label)]);
    // `connect` refused a currency it cannot read, so this is the one it registered with.
    let currency = crate::device::Currency::parse(&args.port.currency).map_or(156, |c| c.0);
    let result = settle_on(ctx, &mut case, &mut *conn.client, per_command, currency);
    if let Err(e) = conn.client.log_off() {
        tracing::warn!(error = %e, "log-off failed");
    }
    let eod = match result {
        Ok(eod) => eod,
        Err(f) => return fail(f),
    };
    let previous = case.maintenance.last_end_of_day.clone();
    let event = case.record_end_of_day(eod.clone());
    let now = Utc::now();
    let saved = store
        .save(&mut case, now)
        .and_then(|()| store.journal(&case.id, &event.name(), event.detail(), now));
    if let Err(e) = saved {
        let m = crate::i18n::tr_message(lang, e.message());
        return fail(Failure::new(EXIT_FAIL, "io", m));
    }
    // The day report, in the case's language: the end-of-day is kept whether or not it can
    // be written (a failure is said, and the total is in the case and its journal).
    let dir = store.case_dir(&case.id).join("report");
    let tz = *chrono::Local::now().offset();
    let report =
        crate::report::day::write_day_report(&dir, &case, &eod, previous.as_ref(), case.lang, tz);
    let report = match report {
        Ok(p) => Some(p.display().to_string()),
        Err(e) => {
            let m = crate::i18n::tr_message(lang, crate::store::io_message(&dir, &e));
            out::err_line(&format!("posbind: {m}"));
            None
        }
    };
    print(lang, &case, &eod, report.as_deref(), args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// Checks the terminal, settles open test payments, runs End-of-Day: its record.
fn settle_on(
    ctx: &Ctx,
    case: &mut Case,
    terminal: &mut dyn PaymentTerminal,
    per_command: Duration,
    currency: u16,
) -> Result<EndOfDay, Failure> {
    let lang = ctx.lang;
    let ident = terminal
        .identify()
        .map_err(|e| Failure::terminal(lang, &e))?;
    let label = &case.binding.serial_label;
    let same_serial = match check_serial(&ident.serial, label) {
        SerialCheck::Matches => true,
        SerialCheck::Differs => false,
        SerialCheck::NotReported => case.activation.serial_confirmed_for(label),
    };
    let approved_tid = case
        .approval()
        .map(|(_, t)| t.to_string())
        .unwrap_or_default();
    if !same_serial || (!ident.tid.is_empty() && ident.tid != approved_tid) {
        let m = tr_args(
            lang,
            "settle-wrong-terminal",
            &[
                ("serial", &ident.serial),
                ("tid", &ident.tid),
                ("bound", label),
                ("approved", &approved_tid),
            ],
        );
        return Err(Failure::new(EXIT_FAIL, "wrong-device", m));
    }
    // Open test payments of this terminal are voided first; one that stays open would be
    // settled to the merchant's account by the end-of-day, where it can only be refunded.
    let id = TerminalId::new(Some(&ident.serial), Some(&ident.tid));
    let session = super::pending::open_session(lang, &ctx.data_dir, terminal, id, per_command)?;
    let open = session.open_payments().map_err(|e| {
        let m = tr_args(lang, "pending-store-unreadable", &[("error", &e)]);
        Failure::new(EXIT_FAIL, "pending-store", m)
    })?;
    if !open.is_empty() {
        let m = tr_args(
            lang,
            "settle-open-payments",
            &[("count", &open.len().to_string())],
        );
        return Err(Failure::new(EXIT_FAIL, "open-payments", m));
    }
    progress(lang, "settle-running", &[]);
    let mut total = None;
    terminal
        .end_of_day(&mut |e| match e {
            TerminalEvent::Showing(s) => progress_terminal(lang, s),
            // The End-of-Day's status information carries the batch total (BMP 04).
            TerminalEvent::PaymentData(d) => total = d.amount_minor.or(total),
            _ => {}
        })
        .map_err(|e| Failure::new(EXIT_FAIL, "terminal", error_text(lang, &e)))?;
    drop(session);
    Ok(EndOfDay {
        at: Utc::now(),
        count: None,
        total_minor: total,
        currency,
        tid: ident.tid,
    })
}

fn print(
    lang: Lang,
    case: &Case,
    eod: &EndOfDay,
    report: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    if json {
        let v = serde_json::json!({
            "case": case.id.as_str(),
            "at": eod.at.to_rfc3339(),
            "total_minor": eod.total_minor,
            "currency": eod.currency,
            "tid": eod.tid,
            "report": report,
        });
        out::json(&v.to_string())?;
        return Ok(());
    }
    let total = match eod.total_minor {
        Some(m) => tr_args(
            lang,
            "settle-total",
            &[("yuan", &crate::onboarding::catalog::fmt_fen(m))],
        ),
        None => tr(lang, "settle-no-total"),
    };
    out::line(&tr_args(
        lang,
        "settle-done",
        &[
            ("id", case.id.as_str()),
            ("merchant", &case.merchant.name),
            ("tid", &eod.tid),
            ("total", &total),
        ],
    ))?;
    if let Some(path) = report {
        out::line(&tr_args(lang, "settle-report", &[("path", path)]))?;
    }
    Ok(())
}
