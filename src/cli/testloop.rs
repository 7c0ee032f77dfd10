//! `posbind test-loop`: the timed test-transaction loop, headless. Progress on stderr; with
//! `--json`, one JSON line per transaction and a final summary line on stdout. Exit 0 pass,
//! 1 fail, 2 usage or connection error.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::out;
use super::terminal::{connect, progress, progress_terminal, Failure, PortArgs};
use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::device::{Amount, Currency, PaymentTerminal};
use crate::i18n::{tr, tr_args, tr_owned, Lang};
use crate::onboarding::test_result::default_p95_ms;
use crate::sim::SimConfig;
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
    /// Rounds (default: 10; one payment with --mode payment on a real terminal, where each
    /// round moves real money).
    #[arg(long)]
    pub count: Option<u32>,
    /// Seconds between rounds.
    #[arg(long, default_value_t = 1.0)]
    pub interval: f64,
    /// Test amount in yuan.
    #[arg(long, default_value = "0.01")]
    pub amount: String,
    /// Seconds a transaction may take.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    /// Pass only if the 95th percentile of what the terminal and host take (the latency less
    /// the time the terminal waits for the cardholder) is at most this many milliseconds
    /// [default: 5000 for connectivity, 15000 for payment].
    #[arg(long)]
    pub p95_ms: Option<u64>,
    /// JSON lines for scripts.
    #[arg(long)]
    pub json: bool,
}

/// The rounds to run: `--count`, else one payment on a real terminal, else 10.
fn rounds(args: &TestLoopArgs) -> u32 {
    use crate::onboarding::device::{default_test_count, is_real_terminal};
    args.count.unwrap_or_else(|| {
        default_test_count(
            args.mode.into(),
            is_real_terminal(&args.port.port),
            DEFAULT_ROUNDS,
        )
    })
}

/// Rounds of a test loop without `--count`, unless it moves real money.
const DEFAULT_ROUNDS: u32 = 10;

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
        Err(e) => return fail(args, Failure::terminal(lang, &e)),
    };
    // Every payment goes into the pending store before it is sent; what an earlier session
    // left open on this terminal is settled first, under the terminal's lock.
    let terminal = super::pending::terminal_of(&mut *conn.client, reg);
    let per_command = Duration::from_secs(args.timeout);
    let mut session = match super::pending::open_session(
        lang,
        &ctx.data_dir,
        &mut *conn.client,
        terminal,
        per_command,
    ) {
        Ok(s) => s,
        // Connectivity rounds touch no money: they run on a terminal that did not say who
        // it is; payments never do.
        Err(f) if cfg.mode == Mode::Payment || f.code != "terminal" => {
            let _ = conn.client.log_off();
            return fail(args, f);
        }
        Err(_) => return connectivity_only(ctx, args, &cfg, &mut *conn.client),
    };
    // Ctrl-C: no new payment, the one in flight is aborted or finished and reversed; twice:
    // quit now, with the summary so far (JSON too) and what may be left.
    super::interrupt::install_for_payments(lang);
    let last_words = super::interrupt::LastWords::new(args.json, &cfg, &session);
    let control = Control::default();
    if cfg.mode == Mode::Payment && !session.may_pay(lang) {
        control
            .abort
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let mut summary = run_rounds(
        lang,
        args,
        &cfg,
        &control,
        &mut *conn.client,
        &mut session.money(),
        &last_words,
    );
    let _ = conn.client.log_off();
    session.finish(lang, &mut summary);
    super::interrupt::clear_last_words();
    print_summary(lang, &summary, args.json)?;
    Ok(ExitCode::from(if summary.pass { 0 } else { EXIT_FAIL }))
}

/// The rounds, with their progress on stderr (and JSON lines on stdout).
fn run_rounds(
    lang: Lang,
    args: &TestLoopArgs,
    cfg: &LoopConfig,
    control: &Control,
    client: &mut dyn PaymentTerminal,
    money: &mut Money,
    last_words: &super::interrupt::LastWords,
) -> Summary {
    let json = args.json;
    let total = rounds(args).to_string();
    // What the terminal shows, once per change (a terminal may repeat a status many times).
    let mut shown = None;
    testloop::run_journaled(client, cfg, control, money, &mut |ev| {
        last_words.saw(&ev);
        match ev {
            LoopEvent::RoundStarted(_) => shown = None,
            LoopEvent::Terminal(_, s) if shown != Some(s) => {
                shown = Some(s);
                progress_terminal(lang, s);
            }
            LoopEvent::Recovering {
                step,
                attempt,
                left_ms,
                ..
            } => progress(
                lang,
                step,
                &[
                    ("attempt", &attempt.to_string()),
                    ("left", &format!("{:.1}", left_ms as f64 / 1000.0)),
                ],
            ),
            LoopEvent::Round(r) => print_round(lang, r, &total, json),
            LoopEvent::ReversalFailed(u) => out::err_line(&format!(
                "posbind: {}",
                tr_owned(lang, u.message_id(), &u.args())
            )),
            _ => {}
        }
    })
}

/// Connectivity rounds on a terminal that did not say who it is: no money is touched, so no
/// pending store and no lock.
fn connectivity_only(
    ctx: &Ctx,
    args: &TestLoopArgs,
    cfg: &LoopConfig,
    client: &mut dyn PaymentTerminal,
) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    progress(lang, "serial-not-reported", &[]);
    super::interrupt::install_for_payments(lang);
    let mut journal = testloop::pending::NoJournal::default();
    let terminal = testloop::pending::TerminalId::default();
    let mut money = Money::new(&mut journal, &terminal);
    let last_words = super::interrupt::LastWords::none(args.json, cfg);
    let summary = run_rounds(
        lang,
        args,
        cfg,
        &Control::default(),
        client,
        &mut money,
        &last_words,
    );
    super::interrupt::clear_last_words();
    print_summary(lang, &summary, args.json)?;
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
    let count = rounds(args);
    if !(1..=MAX_COUNT).contains(&count)
        || !(0.0..=3600.0).contains(&args.interval)
        || args.timeout == 0
        || args.timeout > 255
    {
        return Err(tr(lang, "error-bad-loop-settings"));
    }
    Ok(LoopConfig {
        mode: args.mode.into(),
        count,
        interval: Duration::from_secs_f64(args.interval),
        timeout: Duration::from_secs(args.timeout),
        amount,
        p95_limit: Duration::from_millis(
            args.p95_ms
                .unwrap_or_else(|| default_p95_ms(args.mode.into())),
        ),
        reversal_attempts: 3,
    })
}

/// One round: a progress line on stderr, and its JSON line on stdout when asked for. Stdout
/// is locked per line, never for the whole loop: a second Ctrl-C prints the summary so far.
fn print_round(lang: Lang, mut r: TxnResult, total: &str, json: bool) {
    let status = if r.ok {
        tr(lang, "loop-ok")
    } else {
        let text = crate::i18n::device::failure_text(lang, r.failure());
        r.message = Some(text.clone());
        text
    };
    out::err_line(&tr_args(
        lang,
        "loop-progress",
        &[
            ("index", &r.index.to_string()),
            ("count", total),
            ("status", &status),
            ("ms", &format!("{:.3}", r.latency_ms)),
        ],
    ));
    if json {
        let _ = out::json(&serde_json::to_string(&r).unwrap_or_default());
    }
}

/// The summary: its JSON line when asked for, the human line, and every payment left
/// unreversed, loudly.
pub fn print_summary(lang: Lang, summary: &Summary, json: bool) -> anyhow::Result<()> {
    if json {
        out::json(&serde_json::to_string(summary)?)?;
    }
    let s = &summary.latency_ms;
    // Rounds all under a millisecond (a terminal on the same machine) are said in µs, as the
    // report's chart does: "0.2 ms" would say less than the measurement has.
    let micro = summary.succeeded > 0 && s.max < 1.0;
    // Latencies only mean something when a round succeeded; "0.0" would read as a measurement.
    let ms = |v: f64| {
        if summary.succeeded == 0 {
            "-".to_string()
        } else if micro {
            format!("{:.0}", v * 1000.0)
        } else {
            format!("{v:.1}")
        }
    };
    // The result as the wizard's Test step says it, with the latencies.
    let said = crate::testloop::words::summary_lines(lang, summary, false);
    let latency = tr_args(
        lang,
        if micro {
            "loop-summary-latency-us"
        } else {
            "loop-summary-latency"
        },
        &[
            ("min", &ms(s.min)),
            ("p50", &ms(s.p50)),
            ("p95", &ms(s.p95)),
            ("max", &ms(s.max)),
        ],
    );
    let line = format!("{} {latency}", said.first().map_or("", String::as_str));
    // The human summary is the command's result: stdout, unless stdout is JSON only.
    if json {
        out::err_line(&line);
    } else {
        out::line(&line)?;
    }
    for rule in said.iter().skip(1) {
        out::err_line(&format!("posbind: {rule}"));
    }
    for u in &summary.unreversed {
        out::err_line(&format!(
            "posbind: {}",
            tr_owned(lang, u.message_id(), &u.args())
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: TestLoopArgs,
    }

    fn rounds_of(argv: &[&str]) -> u32 {
        let cli = Cli::try_parse_from([&["test-loop"], argv].concat()).unwrap();
        rounds(&cli.args)
    }

    #[test]
    fn a_payment_loop_on_a_real_terminal_defaults_to_one_payment() {
        assert_eq!(
            rounds_of(&["--port", "/dev/ttyUSB0", "--mode", "payment"]),
            1
        );
        assert_eq!(rounds_of(&["--port", "sim", "--mode", "payment"]), 10);
        assert_eq!(rounds_of(&["--port", "/dev/ttyUSB0"]), 10, "connectivity");
        let asked = [
            "--port",
            "/dev/ttyUSB0",
            "--mode",
            "payment",
            "--count",
            "3",
        ];
        assert_eq!(
            rounds_of(&asked),
            3,
            "a larger count is asked for explicitly"
        );
    }
}
