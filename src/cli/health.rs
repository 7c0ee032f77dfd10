//! `posbind health [CASE] [--port …] [--json]` and `posbind health --all`: the health check of
//! live cases (the findings are [`crate::onboarding::health`]'s). Off-line from the case, the
//! catalog and the pending store; with `--port`, also what the terminal reports now (through
//! the [`PaymentTerminal`] trait, so any driver). Nothing here pays, reverses or changes the
//! terminal: it registers, reads the identity and status, and logs off.
//!
//! Exit codes: 0 healthy, 1 needs attention, 2 usage error (bad arguments, no such case),
//! 3 could not check (the case is not live or unreadable, the pending store cannot be read,
//! the terminal did not answer). With `--all`: 3 when any case could not be checked, else 1
//! when any needs attention, else 0.

use std::process::ExitCode;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;

use super::out;
use super::terminal::{connect, PortArgs};
use super::{Ctx, EXIT_USAGE};
use crate::i18n::{tr, tr_args, tr_owned, Lang};
use crate::onboarding::basis::Lifecycle;
use crate::onboarding::catalog::Catalog;
use crate::onboarding::device::DeviceIdentity;
use crate::onboarding::health::{self, Finding, Level, State};
use crate::onboarding::{Case, CaseId};
use crate::sim::SimConfig;
use crate::store::pending::PendingStore;
use crate::store::Store;
use crate::testloop::pending::{PendingPayment, TerminalId};

/// Exit code: needs attention.
pub const EXIT_ATTENTION: u8 = 1;
/// Exit code: could not check.
pub const EXIT_UNCHECKED: u8 = 3;

/// Options of `posbind health`.
#[derive(Debug, Args)]
pub struct HealthArgs {
    /// The case id (default: the only live case).
    #[arg(value_name = "CASE", conflicts_with = "all")]
    pub case: Option<String>,
    /// Every live case (off-line checks; with --port also the terminal's, for the case bound
    /// to it).
    #[arg(long)]
    pub all: bool,
    /// The terminal: serial device, tcp://HOST[:PORT], sim or driver:COMMAND.
    #[arg(long, value_name = "PORT")]
    pub port: Option<String>,
    /// Baud rate of a serial port.
    #[arg(long, default_value_t = 9600)]
    pub baud: u32,
    /// Terminal password (6 digits).
    #[arg(long, default_value = "000000")]
    pub password: String,
    /// Simulator setting KEY=VALUE (with --port sim; repeatable).
    #[arg(long = "sim", value_name = "KEY=VALUE")]
    pub sim: Vec<String>,
    /// Currency to register with: ISO 4217 number (156) or code (CNY).
    #[arg(long, default_value = "156")]
    pub currency: String,
    /// Seconds each command to the terminal may take.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

impl HealthArgs {
    pub(super) fn port_args(&self) -> Option<PortArgs> {
        self.port.as_ref().map(|port| PortArgs {
            port: port.clone(),
            baud: self.baud,
            password: self.password.clone(),
            sim: self.sim.clone(),
            currency: self.currency.clone(),
        })
    }
}

/// Why a case could not be checked (fully): a stable code and the message.
#[derive(Debug, Clone)]
pub struct Unchecked {
    /// `not-live`, `case`, `pending-store`, `connection` or `terminal`.
    pub code: &'static str,
    /// In the user's language.
    pub message: String,
}

/// The health of one case.
pub struct Report {
    /// The case id.
    pub case: String,
    /// The merchant.
    pub merchant: String,
    /// The findings, most urgent first.
    pub findings: Vec<Finding>,
    /// What the terminal reported, when it was asked.
    pub terminal: Option<DeviceIdentity>,
    /// Why (part of) the check could not be made.
    pub unchecked: Option<Unchecked>,
    /// The next day the case needs attention.
    pub next: Option<NaiveDate>,
}

impl Report {
    /// healthy, needs-attention or unchecked.
    pub fn state_name(&self) -> &'static str {
        if self.unchecked.is_some() {
            "unchecked"
        } else if health::state(&self.findings) == State::NeedsAttention {
            "needs-attention"
        } else {
            "healthy"
        }
    }

    fn exit(&self) -> u8 {
        match self.state_name() {
            "unchecked" => EXIT_UNCHECKED,
            "needs-attention" => EXIT_ATTENTION,
            _ => 0,
        }
    }

    /// The report as JSON (documented in README, *Health and upkeep*).
    pub fn json(&self, lang: Lang) -> serde_json::Value {
        let findings: Vec<serde_json::Value> = self
            .findings
            .iter()
            .map(|f| {
                let args: serde_json::Map<String, serde_json::Value> = f
                    .args
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone().into()))
                    .collect();
                serde_json::json!({
                    "code": f.code,
                    "level": f.level,
                    "message": tr_owned(lang, &f.message_id(), &f.args),
                    "action": tr_owned(lang, &f.action_id(), &f.args),
                    "args": args,
                })
            })
            .collect();
        serde_json::json!({
            "case": self.case,
            "merchant": self.merchant,
            "state": self.state_name(),
            "findings": findings,
            "terminal": self.terminal.as_ref().map(|t| serde_json::json!({
                "serial": t.serial, "name": t.name, "version": t.version,
                "tid": t.tid, "status": t.status,
            })),
            "error": self.unchecked.as_ref().map(|u| serde_json::json!({
                "code": u.code, "message": u.message,
            })),
            "next_attention": self.next.map(|d| d.format("%Y-%m-%d").to_string()),
        })
    }

    /// The report as lines of text.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let state = tr(lang, &format!("health-state-{}", self.state_name()));
        let mut out = vec![tr_args(
            lang,
            "health-head",
            &[
                ("id", &self.case),
                ("merchant", &self.merchant),
                ("state", &state),
            ],
        )];
        if let Some(u) = &self.unchecked {
            out.push(format!("  {}", u.message));
        }
        for f in &self.findings {
            let level = tr(lang, &format!("health-level-{}", level_name(f.level)));
            out.push(format!(
                "  [{level}] {}",
                tr_owned(lang, &f.message_id(), &f.args)
            ));
            out.push(format!(
                "      → {}",
                tr_owned(lang, &f.action_id(), &f.args)
            ));
        }
        if let Some(d) = self.next {
            let d = d.format("%Y-%m-%d").to_string();
            out.push(tr_args(lang, "health-next", &[("date", &d)]));
        }
        out
    }
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Info => "info",
        Level::Attention => "attention",
        Level::Urgent => "urgent",
    }
}

/// The terminal a case is bound to, as the pending store files its payments: the serial
/// number it reported at activation (else the label's) and the approved TID.
pub fn case_terminal(case: &Case) -> TerminalId {
    let serial = case
        .activation
        .identity
        .as_ref()
        .map(|i| i.serial.clone())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| case.binding.serial_label.clone());
    TerminalId::new(Some(&serial), case.approval().map(|(_, tid)| tid))
}

/// The off-line health of one case, given the open payments of every terminal.
pub fn offline_report(
    case: &Case,
    catalog: &Catalog,
    open: &[PendingPayment],
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Report {
    let terminal = case_terminal(case);
    let open_here = open
        .iter()
        .filter(|p| terminal.same_terminal(&p.identity))
        .count();
    let facts = health::Facts {
        now,
        today,
        catalog,
        open_payments: open_here,
    };
    let findings = health::offline(case, &facts);
    Report {
        case: case.id.to_string(),
        merchant: case.merchant.name.clone(),
        findings,
        terminal: None,
        unchecked: None,
        next: None,
    }
}

/// Adds what the terminal reports to `report` (or why it could not be asked), then sorts the
/// findings and works out the next date.
pub(super) fn finish(report: &mut Report, case: &Case, today: NaiveDate) {
    report.findings.sort_by_key(|f| std::cmp::Reverse(f.level));
    report.next = health::next_attention(case, &report.findings, today);
}

/// Asks the terminal who and how it is: registration, identity and status, log-off.
pub(super) fn ask_terminal(
    lang: Lang,
    args: &PortArgs,
    timeout: u64,
) -> Result<DeviceIdentity, Unchecked> {
    let mut conn = connect(lang, args, SimConfig::default()).map_err(|r| Unchecked {
        code: "connection",
        message: r.0,
    })?;
    conn.client
        .set_command_limit(Duration::from_secs(timeout.max(1)));
    super::terminal::progress(lang, "progress-registering", &[("port", &conn.label)]);
    let ident = conn.client.identify().map_err(|e| Unchecked {
        code: "terminal",
        message: super::terminal::error_text(lang, &e),
    });
    if let Err(e) = conn.client.log_off() {
        tracing::warn!(error = %e, "log-off failed");
    }
    ident.map(crate::records::identity)
}

/// The open test payments of every terminal.
pub(super) fn open_payments_of(ctx: &Ctx) -> Result<Vec<PendingPayment>, Unchecked> {
    open_payments(ctx.lang, ctx)
}

fn open_payments(lang: Lang, ctx: &Ctx) -> Result<Vec<PendingPayment>, Unchecked> {
    PendingStore::new(&ctx.data_dir)
        .open()
        .map_err(|e| Unchecked {
            code: "pending-store",
            message: tr_args(
                lang,
                "pending-store-unreadable",
                &[("error", &e.to_string())],
            ),
        })
}

fn usage(message: String, json: bool) -> anyhow::Result<ExitCode> {
    if json {
        out::json(
            &serde_json::json!({"error": {"code": "usage", "message": message}}).to_string(),
        )?;
    }
    out::err_line(&format!("posbind: {message}"));
    Ok(ExitCode::from(EXIT_USAGE))
}

/// `posbind health`.
pub fn run(ctx: &Ctx, args: &HealthArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let catalog = ctx.catalog()?;
    let store = ctx.store()?;
    if args.all {
        return super::health_all::run(ctx, args, &store, &catalog);
    }
    let case = match choose_case(lang, &store, args.case.as_deref()) {
        Ok(c) => c,
        Err(message) => return usage(message, args.json),
    };
    let now = Utc::now();
    let today = crate::onboarding::case::local_today();
    let mut report = match case.lifecycle() {
        Lifecycle::Live => match open_payments(lang, ctx) {
            Ok(open) => offline_report(&case, &catalog, &open, now, today),
            Err(u) => unchecked_report(&case, u),
        },
        other => unchecked_report(
            &case,
            Unchecked {
                code: "not-live",
                message: tr_args(lang, "health-not-live", &[("status", &other.text(lang))]),
            },
        ),
    };
    if report.unchecked.is_none() {
        if let Some(port) = args.port_args() {
            match ask_terminal(lang, &port, args.timeout) {
                Ok(ident) => {
                    report
                        .findings
                        .extend(health::terminal(&case, &catalog, &ident));
                    report.terminal = Some(ident);
                }
                Err(u) => report.unchecked = Some(u),
            }
        }
    }
    finish(&mut report, &case, today);
    print(lang, &report, args.json)?;
    Ok(ExitCode::from(report.exit()))
}

fn unchecked_report(case: &Case, u: Unchecked) -> Report {
    Report {
        case: case.id.to_string(),
        merchant: case.merchant.name.clone(),
        findings: vec![],
        terminal: None,
        unchecked: Some(u),
        next: None,
    }
}

fn print(lang: Lang, report: &Report, json: bool) -> anyhow::Result<()> {
    if json {
        out::json(&serde_json::to_string_pretty(&report.json(lang))?)?;
    } else {
        for l in report.lines(lang) {
            out::line(&l)?;
        }
    }
    Ok(())
}

/// The case named, else the only live one: an id that is not a case, or no or several live
/// cases without an id, is a usage error (the message says which).
pub(super) fn choose_case(lang: Lang, store: &Store, case: Option<&str>) -> Result<Case, String> {
    if let Some(id) = case {
        let Some(cid) = CaseId::parse(id) else {
            return Err(tr_args(lang, "check-case-unknown", &[("id", id)]));
        };
        return store
            .load(&cid)
            .map_err(|e| crate::i18n::tr_message(lang, e.message()));
    }
    let listing = store
        .list()
        .map_err(|e| crate::i18n::tr_message(lang, e.message()))?;
    let live: Vec<_> = listing
        .cases
        .iter()
        .filter(|c| c.status == Lifecycle::Live)
        .collect();
    match live.as_slice() {
        [one] => CaseId::parse(&one.id)
            .ok_or_else(|| tr_args(lang, "check-case-unknown", &[("id", &one.id)]))
            .and_then(|id| {
                store
                    .load(&id)
                    .map_err(|e| crate::i18n::tr_message(lang, e.message()))
            }),
        [] => Err(tr(lang, "health-no-live-case")),
        _ => Err(tr_args(
            lang,
            "health-which-case",
            &[("count", &live.len().to_string())],
        )),
    }
}
