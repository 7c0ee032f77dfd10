//! `posbind cases replace ID --serial NEW --approval REF --port PORT`: the terminal of a live
//! case replaced by a new one (换机) with the institution's approval, as a journaled change of
//! the same case — the old terminal is unbound (kept in `maintenance.replacements`), the new
//! one, once it reported the serial number on its label, is bound, activated and tested in its
//! place, and the go-live report is written again, showing the new terminal and the change.
//!
//! A replacement that stopped half-way (the activation or the test failed) is continued by the
//! same command with the same serial number. Exit codes: 0 the new terminal is live, 1 refused
//! or failed (not live, no approval, a test payment of the old terminal still open, the serial
//! number bound to another case, another terminal at the port, the activation or test failed),
//! 2 usage or connection error.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::cases::{lock_case, open_case};
use super::pending::open_session;
use super::run::{activate, bind_and_identify, save_or_fail, test};
use super::terminal::{connect, error_text, progress, Failure, PortArgs};
use super::upkeep::rewrite_report;
use super::{out, Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::i18n::{tr, tr_args};
use crate::onboarding::answers::TestAnswers;
use crate::onboarding::basis::Lifecycle;
use crate::onboarding::device::{check_serial, SerialCheck, SerialConfirmation, TestRecord};
use crate::onboarding::{Case, Step};
use crate::sim::SimConfig;
use crate::store::Store;
use crate::testloop::pending::TerminalId;
use crate::testloop::Control;

/// Options of `posbind cases replace`.
#[derive(Debug, Args)]
pub struct ReplaceArgs {
    /// Case id.
    pub id: String,
    /// The new terminal's serial number (from its label).
    #[arg(long, value_name = "SERIAL")]
    pub serial: String,
    /// The institution's reference for its approval of the replacement.
    #[arg(long, value_name = "REF")]
    pub approval: String,
    /// Port options (of the new terminal).
    #[command(flatten)]
    pub port: PortArgs,
    /// Seconds each command may take, whatever the terminal sends meanwhile.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    /// JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

/// `cases replace`.
pub fn run(ctx: &Ctx, store: &Store, args: &ReplaceArgs) -> anyhow::Result<ExitCode> {
    let fail = |f: Failure| -> anyhow::Result<ExitCode> {
        if args.json {
            out::json(&serde_json::json!({"error": f.json()}).to_string())?;
        }
        Ok(f.report())
    };
    let _lock = match lock_case(ctx, store, &args.id) {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let mut case = match open_case(ctx, store, &args.id) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    match replace(ctx, store, &mut case, args) {
        Ok(()) => {}
        Err(f) => return fail(f),
    }
    let (html, _) = match rewrite_report(ctx, store, &mut case) {
        Ok(paths) => paths,
        Err(m) => return fail(Failure::new(EXIT_FAIL, "io", m)),
    };
    let notice = match super::upkeep::tell_institution(ctx, store, &case) {
        Ok(p) => p,
        Err(m) => return fail(Failure::new(EXIT_FAIL, "io", m)),
    };
    let v = serde_json::json!({
        "case": case.id.as_str(),
        "serial": case.binding.serial_label,
        "tid": case.approval().map(|(_, t)| t),
        "test_passed": true,
        "report": html,
        "notice": notice,
    });
    let said = [
        ("id", case.id.as_str()),
        ("serial", &case.binding.serial_label),
        ("report", &html),
    ];
    super::upkeep::say_done(ctx.lang, args.json, &v, ("replace-done", &said), &notice)
}

/// Checks, records the replacement (or continues one under way), binds, activates and tests
/// the new terminal. The case is saved and journaled as each part is done.
fn replace(ctx: &Ctx, store: &Store, case: &mut Case, args: &ReplaceArgs) -> Result<(), Failure> {
    let lang = ctx.lang;
    let serial = crate::onboarding::device::normalize_serial(&args.serial);
    let continuing = case.replacement_under_way(&serial).is_some();
    if !continuing && case.lifecycle() != Lifecycle::Live {
        let status = case.lifecycle().text(lang);
        let m = tr_args(lang, "health-not-live", &[("status", &status)]);
        return Err(Failure::new(EXIT_FAIL, "not-live", m));
    }
    if !continuing {
        if let Some(why) = case.replacement_refused(&serial, &args.approval) {
            let m = tr(lang, why.message_id());
            return Err(Failure::new(EXIT_FAIL, "validation", m));
        }
        old_terminal_settled(ctx, case)?;
    }
    // The new terminal's serial number: nobody else binds it meanwhile, and no other case has.
    let _terminal = store.lock_terminal(&serial).map_err(|e| {
        Failure::new(
            EXIT_FAIL,
            "locked",
            crate::i18n::tr_message(lang, e.message()),
        )
    })?;
    let taken = store
        .find_bound_serial(&serial, &case.id)
        .map_err(|e| Failure::new(EXIT_FAIL, "io", crate::i18n::tr_message(lang, e.message())))?;
    if let Some(other) = taken {
        let m = tr_args(
            lang,
            "binding-serial-taken",
            &[
                ("serial", &serial),
                ("case", &other.id),
                ("merchant", &other.merchant),
            ],
        );
        return Err(Failure::new(EXIT_FAIL, "validation", m));
    }
    let sim = SimConfig {
        serial: serial.clone(),
        ..SimConfig::default()
    };
    let mut conn = connect(lang, &args.port, sim).map_err(|r| Failure::refused(r, "connection"))?;
    let per_command = Duration::from_secs(args.timeout.clamp(1, 255));
    conn.client.set_command_limit(per_command);
    progress(lang, "progress-registering", &[("port", &conn.label)]);
    // The terminal at the port must be the new one: checked before anything is written.
    let ident = crate::device::activation::identify(&mut *conn.client)
        .map(crate::records::identity)
        .map_err(|e| Failure::new(EXIT_USAGE, "terminal", error_text(lang, &e)))?;
    match check_serial(&ident.serial, &serial) {
        SerialCheck::Matches => {}
        SerialCheck::Differs => {
            let m = tr_args(
                lang,
                "activation-wrong-device",
                &[("terminal", &ident.serial), ("label", &serial)],
            );
            return Err(Failure::new(EXIT_FAIL, "wrong-device", m));
        }
        SerialCheck::NotReported => {
            let m = tr(lang, "replace-serial-not-reported");
            return Err(Failure::new(EXIT_FAIL, "serial-unconfirmed", m));
        }
    }
    if !continuing {
        let event = case
            .record_replacement(&serial, &args.approval, chrono::Utc::now())
            .map_err(|why| Failure::new(EXIT_FAIL, "validation", tr(lang, why.message_id())))?;
        save_or_fail(lang, store, case, &event)?;
    }
    case.activation.serial_confirmed = Some(SerialConfirmation::Terminal);
    bind_and_identify(lang, store, case, &args.port.port, &ident)?;
    let activation_limit = per_command.max(crate::device::activation::COMMAND_LIMIT);
    conn.client.set_command_limit(activation_limit);
    activate(lang, &mut *conn.client, store, case)?;
    conn.client.set_command_limit(per_command);
    test_new_terminal(
        ctx,
        store,
        case,
        &mut *conn.client,
        &args.port.port,
        per_command,
    )
}

/// A replacement leaves the old terminal with the institution: a test payment of it that is
/// still open could no longer be voided, so it is refused until that is done.
fn old_terminal_settled(ctx: &Ctx, case: &Case) -> Result<(), Failure> {
    let lang = ctx.lang;
    let open = super::health::open_payments_of(ctx)
        .map_err(|u| Failure::new(EXIT_FAIL, "pending-store", u.message))?;
    let old = TerminalId::new(
        Some(&case.binding.serial_label),
        case.approval().map(|(_, tid)| tid),
    );
    let count = open
        .iter()
        .filter(|p| old.same_terminal(&p.identity))
        .count();
    if count > 0 {
        let m = tr_args(
            lang,
            "settle-open-payments",
            &[("count", &count.to_string())],
        );
        return Err(Failure::new(EXIT_FAIL, "open-payments", m));
    }
    Ok(())
}

/// The test the case's go-live rested on (its mode and rounds), run on the new terminal.
fn test_new_terminal(
    ctx: &Ctx,
    store: &Store,
    case: &mut Case,
    client: &mut dyn crate::device::PaymentTerminal,
    port: &str,
    per_command: Duration,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let settings = TestAnswers {
        mode: case
            .test
            .as_ref()
            .map_or(TestAnswers::default().mode, |t| t.summary.mode),
        count: case.test.as_ref().map(|t| t.summary.count),
        no_test_card: case.test_waiver.is_some(),
        p95_ms: None,
    };
    let ident = case.activation.identity.clone().unwrap_or_default();
    let terminal = TerminalId::new(Some(&ident.serial), Some(&ident.tid));
    let mut session = open_session(lang, &ctx.data_dir, client, terminal, per_command)?;
    let control = Control::default();
    if !session.may_pay(lang) {
        control
            .abort
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let (mut summary, latencies) = test(
        lang,
        client,
        &mut session.money(),
        &settings,
        per_command,
        port,
        &control,
    );
    let _ = client.log_off();
    session.finish(lang, &mut summary);
    let event = case.record_test(TestRecord {
        at: chrono::Utc::now(),
        amount_fen: (summary.mode == crate::testloop::Mode::Payment)
            .then_some(crate::onboarding::device::TEST_AMOUNT_FEN),
        summary,
        latencies_ms: latencies,
    });
    save_or_fail(lang, store, case, &event)?;
    if case.check_step(Step::Test).is_err() {
        let m = tr(lang, "replace-test-failed");
        return Err(Failure::new(EXIT_FAIL, "test", m));
    }
    Ok(())
}
