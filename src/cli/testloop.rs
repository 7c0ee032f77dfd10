//! `posbind test-loop`: the timed test-transaction loop, headless. Progress on stderr; with
//! `--json`, one JSON line per transaction and a final summary line on stdout. Exit 0 pass,
//! 1 fail, 2 usage or connection error.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::out;
use super::terminal::{connect, progress, progress_terminal, Failure, PortArgs};
use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::device::{Amount, Currency, DeviceError, PaymentTerminal};
use crate::i18n::{tr, tr_args, Lang};
use crate::sim::SimConfig;
use crate::store::pending::PendingStore;
use crate::testloop::{self, Control, LoopConfig, LoopEvent, Mode, Money, Summary, TxnResult};

/// `--mode` as the command line spells it; the loop's own [`Mode`] carries no clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModeArg {
    /// Diagnosis each round; no card needed.
    Connectivity,
    /// Authorisation of the test amount, then its Reversal.
    Payment,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Connectivity => Mode::Connectivity,
            ModeArg::Payment => Mode::Payment,
        }
    }
}

/// Largest `--amount` in minor units (100.00): a test payment is a small one, and a mistyped
/// 9999999999.99 must not reach a real terminal.
pub const MAX_TEST_AMOUNT_MINOR: u64 = 10_000;
/// Most rounds of one `--count`: a day of connectivity rounds at one a second is 86400.
pub const MAX_COUNT: u32 = 100_000;

/// Options of `posbind test-loop`.
#[derive(Debug, Args)]
pub struct TestLoopArgs {
    /// Port options.
    #[command(flatten)]
    pub port: PortArgs,
    /// connectivity (Diagnosis, no card) or payment (test amount, then reversal).
    #[arg(long, value_enum, default_value = "connectivity")]
    pub mode: ModeArg,
    /// Rounds (1 to 100000).
    #[arg(long, default_value_t = 10)]
    pub count: u32,
    /// Seconds between rounds.
    #[arg(long, default_value_t = 1.0)]
    pub interval: f64,
    /// Test amount in yuan (in the --currency's major unit), 0.01 to 100.00.
    #[arg(long, default_value = "0.01")]
    pub amount: String,
    /// Seconds a transaction may take.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    /// Pass only if the 95th percentile latency is at most this many milliseconds.
    #[arg(long, default_value_t = 5000)]
    pub p95_ms: u64,
    /// JSON lines for scripts.
    #[arg(long)]
    pub json: bool,
}

/// Prints the failure; with `--json` also a summary object with `pass: false` and the error,
/// so that scripts get a JSON answer on every path.
fn fail(args: &TestLoopArgs, f: Failure) -> anyhow::Result<ExitCode> {
    if args.json {
        let mut v = serde_json::to_value(testloop::Summary::not_run(args.mode.into()))?;
        v["error"] = f.json();
        out::json(&v.to_string())?;
    }
    Ok(f.report())
}

/// `posbind test-loop`.
pub fn run(ctx: &Ctx, args: &TestLoopArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let cfg = match loop_config(lang, args) {
        Ok(cfg) => cfg,
        Err(m) => return fail(args, Failure::new(EXIT_USAGE, "usage", m)),
    };
    // The in-process simulator for a test loop is an activated terminal.
    let sim = SimConfig {
        tid: Some("12345678".into()),
        ..SimConfig::default()
    };
    let mut conn = match connect(lang, &args.port, sim) {
        Ok(c) => c,
        Err(r) => return fail(args, Failure::refused(r, "connection")),
    };
    // Every command, registration included, is bounded by --timeout.
    conn.client
        .set_command_limit(Duration::from_secs(args.timeout));
    progress(lang, "progress-registering", &[("port", &conn.label)]);
    let reg = match conn.client.register() {
        Ok(r) => r,
        Err(e) => {
            return fail(args, Failure::terminal(lang, &DeviceError::from(&e)));
        }
    };
    // Every payment goes into the pending store before it is sent; what an earlier session
    // left open on this terminal is settled first.
    let reg_tid = reg.tid.map(|t| t.as_str().to_string());
    let terminal = super::pending::terminal_of(&mut conn.client, &conn.label, reg_tid);
    let mut store = PendingStore::new(&ctx.data_dir);
    let mut money = Money::new(&mut store, &terminal);
    super::pending::settle(lang, &mut conn.client, &mut money);
    // Ctrl-C: no new payment, the one in flight is finished or reversed; twice: quit now.
    super::interrupt::install_for_payments(lang);
    let control = Control::default();
    let mut stdout = std::io::stdout().lock();
    let json = args.json;
    let total = args.count.to_string();
    // What the terminal shows, once per change (a terminal may repeat a status many times).
    let mut shown = None;
    let summary = testloop::run_journaled(
        &mut conn.client,
        &cfg,
        &control,
        &mut money,
        &mut |ev| match ev {
            LoopEvent::RoundStarted(_) => shown = None,
            LoopEvent::Terminal(_, s) if shown != Some(s) => {
                shown = Some(s);
                progress_terminal(lang, s);
            }
            LoopEvent::Round(r) => print_round(lang, r, &total, json.then_some(&mut stdout)),
            LoopEvent::ReversalFailed(u) => out::err_line(&format!(
                "posbind: {}",
                tr_args(
                    lang,
                    u.message_id(),
                    &u.args()
                        .iter()
                        .map(|(k, v)| (*k, v.as_str()))
                        .collect::<Vec<_>>()
                )
            )),
            _ => {}
        },
    );
    let _ = conn.client.log_off();
    drop(money);
    super::pending::report_store_errors(lang, &store);
    print_summary(lang, &summary, json, &mut stdout)?;
    Ok(ExitCode::from(if summary.pass { 0 } else { EXIT_FAIL }))
}

/// The loop's settings from the options; a usage message when they make no sense.
fn loop_config(lang: Lang, args: &TestLoopArgs) -> Result<LoopConfig, String> {
    // The currency first: an unknown one is named as such, not as a bad amount.
    let Some(currency) = Currency::parse(&args.port.currency).filter(|c| c.0 > 0) else {
        return Err(tr_args(
            lang,
            "error-bad-currency",
            &[("currency", &args.port.currency)],
        ));
    };
    let Some(amount) = Amount::parse(&args.amount, currency)
        .filter(|a| (1..=MAX_TEST_AMOUNT_MINOR).contains(&a.minor))
    else {
        return Err(tr_args(
            lang,
            "error-bad-amount",
            &[("amount", &args.amount), ("currency", &currency.alpha())],
        ));
    };
    if !(1..=MAX_COUNT).contains(&args.count)
        || !(0.0..=3600.0).contains(&args.interval)
        || args.timeout == 0
        || args.timeout > 255
    {
        return Err(tr(lang, "error-bad-loop-settings"));
    }
    Ok(LoopConfig {
        mode: args.mode.into(),
        count: args.count,
        interval: Duration::from_secs_f64(args.interval),
        timeout: Duration::from_secs(args.timeout),
        amount,
        p95_limit: Duration::from_millis(args.p95_ms),
        reversal_attempts: 3,
    })
}

/// One round: a progress line on stderr, and its JSON line on `json` when asked for.
fn print_round(lang: Lang, mut r: TxnResult, total: &str, json: Option<&mut impl Write>) {
    let status = if r.ok {
        tr(lang, "loop-ok")
    } else {
        let text = crate::i18n::device::round_failure_text(lang, &r);
        r.message = Some(text.clone());
        text
    };
    out::err_line(
        &(tr_args(
            lang,
            "loop-progress",
            &[
                ("index", &r.index.to_string()),
                ("count", total),
                ("status", &status),
                ("ms", &format!("{:.3}", r.latency_ms)),
            ],
        )),
    );
    if let Some(out) = json {
        let line = serde_json::to_string(&r).unwrap_or_default();
        let _ = writeln!(out, "{}", crate::i18n::safe::for_json(&line));
    }
}

/// The summary: its JSON line when asked for, the human line, and every payment left
/// unreversed, loudly.
fn print_summary(
    lang: Lang,
    summary: &Summary,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if json {
        writeln!(
            out,
            "{}",
            crate::i18n::safe::for_json(&serde_json::to_string(summary)?)
        )?;
    }
    let s = &summary.latency_ms;
    // Latencies only mean something when a round succeeded; "0.0" would read as a measurement.
    let ms = |v: f64| {
        if summary.succeeded == 0 {
            "-".to_string()
        } else {
            format!("{v:.1}")
        }
    };
    let line = tr_args(
        lang,
        if summary.pass {
            "loop-summary-pass"
        } else {
            "loop-summary-fail"
        },
        &[
            ("succeeded", &summary.succeeded.to_string()),
            ("count", &summary.count.to_string()),
            ("min", &ms(s.min)),
            ("p50", &ms(s.p50)),
            ("p95", &ms(s.p95)),
            ("max", &ms(s.max)),
        ],
    );
    // The human summary is the command's result: stdout, unless stdout is JSON only.
    if json {
        out::err_line(&line);
    } else {
        writeln!(out, "{line}")?;
    }
    for u in &summary.unreversed {
        out::err_line(&format!(
            "posbind: {}",
            tr_args(
                lang,
                u.message_id(),
                &u.args()
                    .iter()
                    .map(|(k, v)| (*k, v.as_str()))
                    .collect::<Vec<_>>()
            )
        ));
    }
    Ok(())
}
