//! The command line: clap definitions and dispatch. Each subcommand lives in its own file.

mod cases;
mod cases_export;
pub mod check;
pub mod driver;
pub mod exceptions;
pub mod health;
mod health_all;
pub mod help;
mod interrupt;
mod out;
mod package;
pub mod pending;
mod replace;
mod resume;
pub mod run;
pub mod settle;
pub mod terminal;
pub mod testloop;
mod upkeep;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::i18n::{tr, tr_args, Lang};
use crate::store::Store;
use crate::tui;

/// Exit code for usage errors (bad arguments, unusable files).
pub const EXIT_USAGE: u8 = 2;
/// Exit code for a failed check or operation.
pub const EXIT_FAIL: u8 = 1;

/// `posbind --version`: the version and the git commit it was built from (see `build.rs`).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("POSBIND_GIT_COMMIT"),
    ")"
);

/// posbind — bind, activate and test a POS payment terminal.
#[derive(Debug, Parser)]
#[command(name = "posbind", version = VERSION, about, long_about = None)]
pub struct Cli {
    /// UI language: zh-CN or en (default: from LC_ALL / LC_MESSAGES / LANG, else zh-CN).
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// ASCII glyphs only (bare consoles).
    #[arg(long, global = true)]
    pub ascii: bool,
    /// No colours (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Where posbind keeps cases, outbox and logs (default: the platform data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Institution catalog file (default: catalog.toml in the config directory, else the
    /// shipped sample catalog).
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// Installer fast path: open the wizard pre-filled from this answers file, on the first
    /// step that still needs a person (normally Activation).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Secrets file (terminal password) for --answers.
    #[arg(long, value_name = "FILE", requires = "answers")]
    pub secrets: Option<PathBuf>,
    /// The terminal for --answers: device path, tcp://HOST:PORT or sim.
    #[arg(long, value_name = "PORT", requires = "answers")]
    pub port: Option<String>,
    /// Accept the answers file's warnings (they are listed).
    #[arg(long, requires = "answers")]
    pub accept_warnings: bool,
    /// Simulator setting KEY=VALUE for the wizard's port `sim` (repeatable), e.g.
    /// `--sim tlv=false` for a terminal that does not report its serial number.
    #[arg(long = "sim", value_name = "KEY=VALUE")]
    pub sim: Vec<String>,
    /// What to do (default: the wizard).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The wizard against the simulated terminal and institution.
    Demo,
    /// List, show, export, rebind or delete cases.
    #[command(subcommand)]
    Cases(cases::CasesCommand),
    /// Test payments not yet reversed: list them, or take one over (ack) after refunding it.
    #[command(subcommand)]
    Pending(pending::PendingCommand),
    /// Drivers (`--port driver:COMMAND [ARGS]`): check one against the driver protocol.
    #[command(subcommand)]
    Driver(driver::DriverCommand),
    /// List serial ports (USB vendor/product ids and names where known).
    Ports {
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Connect to a terminal and print its identity and status.
    Probe {
        /// Port options.
        #[command(flatten)]
        port: terminal::PortArgs,
        /// Seconds each command may take, whatever the terminal sends meanwhile.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// The timed test-transaction loop, headless (exit 0 pass, 1 fail, 2 usage/connection).
    TestLoop(testloop::TestLoopArgs),
    /// Unattended: validate, submit, bind, activate, test and report from an answers file.
    Run(run::RunArgs),
    /// The health of a live case (or --all): exit 0 healthy, 1 needs attention, 2 usage
    /// error, 3 could not check.
    Health(health::HealthArgs),
    /// End-of-day (结算) of a live case's terminal: totals shown and kept in the case.
    Settle(settle::SettleArgs),
    /// What to do when something goes wrong after go-live, with the case's data (also:
    /// posbind help exceptions).
    Exceptions(exceptions::ExceptionsArgs),
    /// Answers files.
    #[command(subcommand)]
    Answers(AnswersCommand),
    /// Run a simulated ZVT terminal; prints its device path (or TCP address) first.
    Simulate(terminal::SimulateArgs),
    /// Check one value (exit 0 valid, 1 invalid, 3 valid with a warning, 2 usage error).
    Check {
        /// What the value is.
        #[arg(value_enum)]
        kind: check::Kind,
        /// The value as written on the document (for `case`: the case id).
        value: String,
        /// The MCC the merchant number should carry (for `mid`).
        #[arg(long)]
        mcc: Option<String>,
        /// One JSON object: {kind, input, normalized, verdict, reasons}; for `case`: {case,
        /// refused, questioned, findings, rules} (every rule with its source).
        #[arg(long)]
        json: bool,
    },
}

/// `posbind answers …`.
#[derive(Debug, Subcommand)]
pub enum AnswersCommand {
    /// Print a commented template with every key (valid for the shipped catalog).
    Template,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use zh-CN or en"))
}

/// Largest catalog or holiday file read (bytes); the shipped ones are a few kilobytes.
const MAX_USER_FILE_BYTES: u64 = 1024 * 1024;

/// Reads a file the user names (answers, secrets, catalog…) of at most `max` bytes; the error is
/// a message in the user's language naming the file.
pub fn read_input(lang: Lang, path: &std::path::Path, max: u64) -> Result<String, String> {
    crate::store::input::read_text_capped(path, max).map_err(|e| {
        let p = path.display().to_string();
        if e.kind() == std::io::ErrorKind::FileTooLarge {
            tr_args(
                lang,
                "error-file-too-large",
                &[("path", &p), ("max", &max.to_string())],
            )
        } else {
            crate::i18n::tr_message(lang, crate::store::io_message(path, &e))
        }
    })
}

/// Settings every command shares, resolved from flags and environment.
#[derive(Clone)]
pub struct Ctx {
    /// UI language.
    pub lang: Lang,
    /// `--lang` was given (it then beats a language an input file declares).
    pub lang_given: bool,
    /// ASCII only.
    pub ascii: bool,
    /// Colours allowed.
    pub color: bool,
    /// The data directory.
    pub data_dir: PathBuf,
    /// --catalog.
    pub catalog_file: Option<PathBuf>,
    /// The config directory (user catalog and holidays), when the platform has one.
    pub config_dir: Option<PathBuf>,
}

impl Ctx {
    fn from_cli(cli: &Cli) -> anyhow::Result<Ctx> {
        let lang = cli.lang.unwrap_or_else(Lang::from_env);
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let data_dir = match &cli.data_dir {
            Some(d) => d.clone(),
            None => directories::ProjectDirs::from("", "", "posbind")
                .map(|p| p.data_dir().to_path_buf())
                .context(tr(lang, "error-no-data-dir"))?,
        };
        let config_dir =
            directories::ProjectDirs::from("", "", "posbind").map(|p| p.config_dir().to_path_buf());
        Ok(Ctx {
            lang,
            lang_given: cli.lang.is_some(),
            ascii: cli.ascii,
            color: !(cli.no_color || no_color_env),
            data_dir,
            catalog_file: cli.catalog.clone(),
            config_dir,
        })
    }

    /// The same settings with messages in `lang`.
    pub fn with_lang(&self, lang: Lang) -> Ctx {
        Ctx {
            lang,
            ..self.clone()
        }
    }

    fn user_file(
        &self,
        explicit: Option<&PathBuf>,
        name: &str,
    ) -> anyhow::Result<Option<(PathBuf, String)>> {
        let path = match explicit {
            Some(p) => p.clone(),
            None => match &self.config_dir {
                Some(d) if d.join(name).is_file() => d.join(name),
                _ => return Ok(None),
            },
        };
        let text = read_input(self.lang, &path, MAX_USER_FILE_BYTES).map_err(anyhow::Error::msg)?;
        Ok(Some((path, text)))
    }

    /// The institution catalog: `--catalog`, else the user's, else the shipped sample.
    pub fn catalog(&self) -> anyhow::Result<crate::onboarding::catalog::Catalog> {
        use crate::onboarding::catalog::Catalog;
        match self.user_file(self.catalog_file.as_ref(), "catalog.toml")? {
            None => Ok(Catalog::shipped()),
            Some((path, text)) => Catalog::parse(&text).map_err(|e| {
                anyhow::anyhow!(tr_args(
                    self.lang,
                    "error-bad-catalog",
                    &[("path", &path.display().to_string()), ("error", &e)]
                ))
            }),
        }
    }

    /// The holiday calendar: the user's `holidays.toml`, else the shipped one.
    pub fn calendar(&self) -> anyhow::Result<crate::onboarding::calendar::Calendar> {
        use crate::onboarding::calendar::Calendar;
        match self.user_file(None, "holidays.toml")? {
            None => Ok(Calendar::shipped()),
            Some((path, text)) => Calendar::parse(&text).map_err(|e| {
                anyhow::anyhow!(tr_args(
                    self.lang,
                    "error-bad-calendar",
                    &[("path", &path.display().to_string()), ("error", &e)]
                ))
            }),
        }
    }

    /// Opens the case store, with a message in the user's language on failure.
    pub fn store(&self) -> anyhow::Result<Store> {
        Store::open(&self.data_dir)
            .map_err(|e| anyhow::anyhow!(crate::i18n::tr_message(self.lang, e.message())))
    }
}

/// Sends tracing output to `<data dir>/logs/posbind.log` (mode 0600); never to the screen.
fn init_logging(ctx: &Ctx) {
    let dir = ctx.data_dir.join("logs");
    // `logs` must be a real directory of the user's (a link there would carry the log
    // elsewhere) and is made private; the log file itself is checked the same way when opened.
    // Nothing is written into a shared data directory; opening the store says why.
    if crate::store::atomic::is_shared_dir(&ctx.data_dir).unwrap_or(false)
        || crate::store::atomic::create_private_dir_within(&ctx.data_dir, &dir).is_err()
    {
        return;
    }
    let Ok(file) = crate::store::atomic::open_private(&dir.join("posbind.log"), true, false) else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .try_init();
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    if let Some(code) = package::try_run() {
        return code;
    }
    let args = exceptions::route_help_topic(std::env::args_os().collect());
    let lang = help::lang_from_args(&args);
    let cmd = help::localize(<Cli as clap::CommandFactory>::command(), lang);
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&cmd.get_matches_from(args)) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let ctx = match Ctx::from_cli(&cli) {
        Ok(c) => c,
        Err(e) => {
            out::err_line(&format!("posbind: {e:#}"));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    out::set_ascii(ctx.ascii);
    init_logging(&ctx);
    let result = match &cli.command {
        None => run_wizard(&ctx, false, &cli),
        Some(Command::Demo) => run_wizard(&ctx, true, &cli),
        Some(Command::Cases(c)) => cases::run(&ctx, c),
        Some(Command::Pending(c)) => pending::run(&ctx, c),
        Some(Command::Driver(c)) => driver::run(&ctx, c),
        Some(Command::Ports { json }) => terminal::ports(&ctx, *json),
        Some(Command::Probe {
            port,
            timeout,
            json,
        }) => terminal::probe(&ctx, port, *timeout, *json),
        Some(Command::Simulate(args)) => terminal::simulate(&ctx, args),
        Some(Command::TestLoop(args)) => testloop::run(&ctx, args),
        Some(Command::Run(args)) => run::run(&ctx, args),
        Some(Command::Health(args)) => health::run(&ctx, args),
        Some(Command::Settle(args)) => settle::run(&ctx, args),
        Some(Command::Exceptions(args)) => exceptions::run(&ctx, args),
        Some(Command::Answers(AnswersCommand::Template)) => {
            out::text(crate::onboarding::answers::TEMPLATE)
                .map(|()| ExitCode::SUCCESS)
                .map_err(anyhow::Error::from)
        }
        Some(Command::Check {
            kind,
            value,
            mcc,
            json,
        }) if *kind == check::Kind::Case => check::run_case(&ctx, value, *json),
        Some(Command::Check {
            kind,
            value,
            mcc,
            json,
        }) => check::run(&ctx, *kind, value, mcc.as_deref(), *json),
    };
    match result {
        Ok(code) => code,
        // The reader of our output went away (`| head -1`): nothing left to say, and no one to
        // say it to.
        Err(e) if out::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let text = format!("{e:#}");
            out::err_line(&format!(
                "posbind: {}",
                crate::i18n::safe::for_terminal(&text)
            ));
            ExitCode::from(EXIT_FAIL)
        }
    }
}

fn run_wizard(ctx: &Ctx, demo: bool, cli: &Cli) -> anyhow::Result<ExitCode> {
    let catalog = ctx.catalog()?;
    let calendar = ctx.calendar()?;
    // The fast path prepares the case exactly as `posbind run` does, then hands it to a person.
    let preloaded = match &cli.answers {
        None => None,
        Some(path) => {
            let args = run::RunArgs {
                answers: path.clone(),
                secrets: cli.secrets.clone(),
                port: cli.port.clone(),
                baud: 9600,
                sim: vec![],
                dry_run: false,
                json: false,
                accept_warnings: cli.accept_warnings,
                timeout: 60,
                case: None,
            };
            // Refused before anything is written: without the terminal (--port) the binding
            // would name a terminal nobody confirmed, and without a screen nobody could. A
            // terminal without a cash-register link needs no port: a person confirms its steps.
            if cli.port.is_none() && run::links_a_register(ctx, &args) {
                let m = tr(ctx.lang, "run-needs-port");
                return Ok(terminal::Failure::new(EXIT_USAGE, "usage", m).report());
            }
            if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
                anyhow::bail!(tr(ctx.lang, "error-not-a-terminal"));
            }
            // Problems with the file are told in its language (or --lang's).
            let file_ctx = ctx.with_lang(run::message_lang(ctx, path));
            match run::prepare(&file_ctx, &args) {
                Ok(p) => p,
                Err(f) => return Ok(f.report()),
            }
        }
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(tr(ctx.lang, "error-not-a-terminal"));
    }
    let store = ctx.store()?;
    tracing::info!(demo, "wizard started");
    let opts = tui::AppOptions {
        lang: ctx.lang,
        theme: tui::theme::Theme::new(ctx.color, ctx.ascii),
        demo,
        tz: *chrono::Local::now().offset(),
        clock: chrono::Utc::now,
        catalog,
        calendar,
    };
    let mut app = tui::App::starting(store, opts);
    if !cli.sim.is_empty() {
        let base = toml::to_string(&app.sim).unwrap_or_default();
        app.sim = crate::sim::SimConfig::load(Some(&base), &cli.sim).map_err(|e| {
            anyhow::anyhow!(tr_args(ctx.lang, "error-sim-config", &[("error", &e)]))
        })?;
        // The terminal the user described is the one simulated, for every case.
        app.sim_per_case = false;
        // A state file that is not simulator state is refused before the wizard starts, as
        // `--port sim` does on the command line (the simulator would otherwise start afresh).
        if let Err(e) = crate::sim::state_file::check(&app.sim) {
            anyhow::bail!(crate::i18n::tr_message(ctx.lang, e.message()));
        }
    }
    if let Some(p) = preloaded {
        app.dev.mode = p.answers.test.mode;
        app.dev.no_test_card = p.answers.test.no_test_card;
        // An explicit count is the user's choice; without one the Test step applies the
        // real-terminal default (one payment and its void).
        if let Some(n) = p.answers.test.count {
            app.dev.count = n;
            app.dev.count_chosen = true;
        }
        app.dev.port = cli.port.clone().unwrap_or_default();
        // The wizard goes on writing this case and may bind its terminal again: it keeps the
        // locks `prepare` took rather than racing to take them again.
        app.hold_locks(p.locks.case, p.locks.terminal);
        let step = p.case.first_incomplete();
        app.case = Some(p.case);
        app.enter_step(step);
    }
    tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}
