//! `posbind ports`, `posbind probe` and `posbind simulate`, plus opening a terminal from a
//! `--port` argument (including `sim`, the in-process simulator on a pseudo-terminal).

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use super::out;
use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::device::client::{Client, ClientConfig, ClientError};
use crate::device::transport::SerialSettings;
use crate::device::{
    self, Currency, DeviceError, LineSettings, Password, PaymentTerminal, PortSpec, Registry,
    Showing, Terminal,
};
use crate::i18n::{tr, tr_args, Lang};
use crate::sim::{PtySim, SimConfig};
use crate::testloop::pending::TerminalId;
// The probe shows everything the terminal reports about itself, in ZVT's own terms.
use crate::zvt::messages::Identity;

/// Options of every command that talks to a terminal.
#[derive(Debug, Args)]
pub struct PortArgs {
    /// Serial device (/dev/ttyUSB0, COM3), tcp://HOST[:PORT], or `sim` for the built-in simulator.
    #[arg(long, value_name = "PORT")]
    pub port: String,
    /// Baud rate of a serial port.
    #[arg(long, default_value_t = 9600)]
    pub baud: u32,
    /// Terminal password (6 digits).
    #[arg(long, default_value = "000000")]
    pub password: String,
    /// Simulator setting KEY=VALUE (with --port sim; repeatable).
    #[arg(long = "sim", value_name = "KEY=VALUE")]
    pub sim: Vec<String>,
    /// Currency to register with and pay in: ISO 4217 number (156) or code (CNY, EUR).
    #[arg(long, default_value = "156")]
    pub currency: String,
}

/// A usage or connection problem, already in the user's language.
pub struct Refusal(pub String);

/// Why a command that talks to a terminal failed, as scripts see it: the exit code, a stable
/// error code word and the message in the user's language. `--json` prints it as
/// `"error": {"code", "message"}` in the command's summary object.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Exit code (1 failed operation, 2 usage or connection).
    pub exit: u8,
    /// `usage`, `connection`, `terminal`, `validation`, `wrong-device`, `serial-unconfirmed`,
    /// `activation` or `io`.
    pub code: &'static str,
    /// What went wrong, in the user's language.
    pub message: String,
    /// Each problem found (an answers file's keys with their lines), when there are several.
    pub problems: Vec<String>,
}

impl Failure {
    /// A failure with this exit code, code word and message.
    pub fn new(exit: u8, code: &'static str, message: String) -> Failure {
        Failure {
            exit,
            code,
            message,
            problems: vec![],
        }
    }

    /// The same failure, listing each problem (as printed above it) in its JSON too.
    pub fn with_problems(mut self, problems: Vec<String>) -> Failure {
        self.problems = problems;
        self
    }

    /// The JSON error object.
    pub fn json(&self) -> serde_json::Value {
        if self.problems.is_empty() {
            serde_json::json!({"code": self.code, "message": self.message})
        } else {
            serde_json::json!({"code": self.code, "message": self.message, "problems": self.problems})
        }
    }

    /// Prints the message to stderr and returns the exit code.
    pub fn report(&self) -> ExitCode {
        out::err_line(&format!("posbind: {}", self.message));
        ExitCode::from(self.exit)
    }

    /// A connection or usage refusal (exit 2).
    pub fn refused(r: Refusal, code: &'static str) -> Failure {
        Failure::new(EXIT_USAGE, code, r.0)
    }

    /// The terminal refused or failed a command (exit 1).
    pub fn terminal(lang: Lang, e: &DeviceError) -> Failure {
        Failure::new(EXIT_FAIL, "terminal", error_text(lang, e))
    }
}

/// Prints what posbind is waiting for on stderr, as the command goes.
pub fn progress(lang: Lang, id: &str, args: &[(&str, &str)]) {
    out::err_line(&tr_args(lang, id, args));
}

/// Prints what the terminal shows (an intermediate status) on stderr.
pub fn progress_terminal(lang: Lang, s: Showing) {
    let text = crate::i18n::device::showing_text(lang, s);
    progress(lang, "progress-terminal", &[("text", &text)]);
}

pub use crate::i18n::device::error_text;

/// A connected terminal, and the simulator behind it when `--port sim`.
pub struct Connection {
    /// The terminal (ZVT or a driver).
    pub client: Terminal,
    /// The in-process simulator, kept alive for the connection's lifetime.
    pub sim: Option<PtySim>,
    /// What was opened, for messages.
    pub label: String,
    /// The language of the command's messages.
    pub lang: Lang,
}

impl Drop for Connection {
    /// Stops the in-process simulator and says so when its state file could not be saved
    /// (a full disk): the next run would start from an older state without anyone knowing.
    fn drop(&mut self) {
        let Some((_, terminal)) = self.sim.take().and_then(PtySim::stop) else {
            return;
        };
        if let Some(e) = terminal.save_failure {
            let why = crate::i18n::tr_message(self.lang, e.message());
            let m = tr_args(self.lang, "sim-state-not-saved", &[("why", &why)]);
            out::err_line(&format!("posbind: {m}"));
        }
    }
}

/// Opens the terminal named by `args` (starting the simulator for `sim`).
pub fn connect(
    lang: Lang,
    args: &PortArgs,
    sim_defaults: SimConfig,
) -> Result<Connection, Refusal> {
    let spec = PortSpec::parse(&args.port)
        .ok_or_else(|| Refusal(tr_args(lang, "error-bad-port", &[("port", &args.port)])))?;
    let password =
        Password::parse(&args.password).ok_or_else(|| Refusal(tr(lang, "error-bad-password")))?;
    // 000 is no ISO 4217 currency.
    let currency = Currency::parse(&args.currency)
        .filter(|c| c.0 > 0)
        .ok_or_else(|| {
            Refusal(tr_args(
                lang,
                "error-bad-currency",
                &[("currency", &args.currency)],
            ))
        })?;
    let config = ClientConfig {
        password,
        currency,
        ..ClientConfig::default()
    };
    let serial = SerialSettings {
        baud: args.baud,
        ..SerialSettings::default()
    };
    let sim_config = if spec == PortSpec::Sim {
        let text = toml::to_string(&sim_defaults).unwrap_or_default();
        let cfg = SimConfig::load(Some(&text), &args.sim)
            .map_err(|e| Refusal(tr_args(lang, "error-sim-config", &[("error", &e)])))?;
        if let Err(e) = crate::sim::state_file::check(&cfg) {
            return Err(Refusal(crate::i18n::tr_message(lang, e.message())));
        }
        cfg
    } else {
        if !args.sim.is_empty() {
            return Err(Refusal(tr(lang, "error-sim-without-sim")));
        }
        sim_defaults
    };
    let mut ports = Registry::standard();
    let sim = crate::sim::opener::register(&mut ports, sim_config);
    let line = LineSettings {
        serial,
        client: config,
    };
    let client = ports
        .connect(&spec, &line)
        .map_err(|e| Refusal(error_text(lang, &e)))?;
    Ok(Connection {
        client,
        sim: sim.take(),
        label: args.port.clone(),
        lang,
    })
}

/// Registers, reads the identity with Status-Enquiry (TLV), and logs off. A terminal whose
/// Status-Enquiry carries no TID gives the one from its Registration completion.
pub fn probe_identity(client: &mut Client) -> Result<Identity, ClientError> {
    let id = read_identity(client)?;
    log_off(client);
    Ok(id)
}

pub use crate::device::activation::read_identity;

/// Logging off is courtesy: a failure is logged, not reported.
fn log_off(client: &mut dyn PaymentTerminal) {
    if let Err(e) = client.log_off() {
        tracing::warn!(error = %e, "log-off failed");
    }
}

/// `posbind ports`.
pub fn ports(ctx: &Ctx, json: bool) -> anyhow::Result<ExitCode> {
    let ports = match device::ports::list() {
        Ok(p) => p,
        Err(e) => {
            out::err_line(&format!(
                "posbind: {}",
                tr_args(ctx.lang, "ports-error", &[("error", &e.to_string())])
            ));
            return Ok(ExitCode::from(EXIT_FAIL));
        }
    };
    if json {
        out::json(&serde_json::to_string_pretty(&ports)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if ports.is_empty() {
        out::line(&tr(ctx.lang, "ports-none"))?;
    }
    for p in &ports {
        let mut line = format!("{}  {}", p.path, p.kind);
        if let (Some(v), Some(pid)) = (&p.vid, &p.pid) {
            line.push_str(&format!("  {v}:{pid}"));
        }
        for s in [&p.manufacturer, &p.product].into_iter().flatten() {
            line.push_str(&format!("  {s}"));
        }
        out::line(&line)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The identity as JSON.
pub fn identity_json(id: &Identity, lang: Lang) -> serde_json::Value {
    let status = id.status.map(|s| {
        serde_json::json!({"code": s.to_string(), "text": tr_args(lang, &s.message_id(), &[("code", &s.to_string())]), "ready": s.is_ready()})
    });
    serde_json::json!({
        "serial_number": id.serial.as_ref().map(|s| s.hex()),
        "device_name": id.device_name,
        "software_version": id.software_version,
        "tid": id.tid.as_ref().map(|t| t.as_str().to_string()),
        "status": status,
        "device_state": id.device_state.map(|d| format!("{:02X}", d.0)),
    })
}

/// What a probe read: ZVT's full identity, or a driver's.
enum Probed {
    Zvt(Identity),
    Neutral(crate::device::TerminalIdentity),
}

impl Probed {
    fn serial_and_tid(&self) -> (Option<String>, Option<String>) {
        match self {
            Probed::Zvt(id) => (
                id.serial.as_ref().map(|s| s.hex()),
                id.tid.as_ref().map(|t| t.as_str().to_string()),
            ),
            Probed::Neutral(id) => (known(&id.serial), known(&id.tid)),
        }
    }

    /// The identity as JSON and as labelled rows.
    fn shown(&self, lang: Lang) -> (serde_json::Value, Vec<(&'static str, String)>) {
        match self {
            Probed::Zvt(id) => (identity_json(id, lang), zvt_rows(lang, id)),
            Probed::Neutral(id) => {
                let json = serde_json::json!({
                    "serial_number": known(&id.serial),
                    "device_name": known(&id.name),
                    "software_version": known(&id.version),
                    "tid": known(&id.tid),
                    "status": known(&id.status)
                        .map(|s| serde_json::json!({"code": s, "ready": s == "00"})),
                    "device_state": null,
                });
                let dash = |s: &str| known(s).unwrap_or_else(|| "-".into());
                let rows = vec![
                    ("field-serial-number", dash(&id.serial)),
                    ("field-device-name", dash(&id.name)),
                    ("field-software-version", dash(&id.version)),
                    ("field-tid", dash(&id.tid)),
                    ("field-status", dash(&id.status)),
                ];
                (json, rows)
            }
        }
    }
}

/// A field a terminal reported (an empty one it did not).
fn known(s: &str) -> Option<String> {
    Some(s.to_string()).filter(|s| !s.is_empty())
}

/// The rows of a ZVT identity, each code with its meaning.
fn zvt_rows(lang: Lang, id: &Identity) -> Vec<(&'static str, String)> {
    let dash = || "-".to_string();
    vec![
        (
            "field-serial-number",
            id.serial.as_ref().map(|s| s.hex()).unwrap_or_else(dash),
        ),
        (
            "field-device-name",
            id.device_name.clone().unwrap_or_else(dash),
        ),
        (
            "field-software-version",
            id.software_version.clone().unwrap_or_else(dash),
        ),
        (
            "field-tid",
            id.tid.as_ref().map(|t| t.to_string()).unwrap_or_else(dash),
        ),
        (
            "field-status",
            id.status
                .map(|s| {
                    format!(
                        "{s} {}",
                        tr_args(lang, &s.message_id(), &[("code", &s.to_string())])
                    )
                })
                .unwrap_or_else(dash),
        ),
        (
            "field-device-state",
            id.device_state
                .map(|d| {
                    format!(
                        "{:02X} {}",
                        d.0,
                        tr_args(lang, &d.message_id(), &[("code", &format!("{:02X}", d.0))])
                    )
                })
                .unwrap_or_else(dash),
        ),
    ]
}

/// `posbind probe`: exit 0 with the identity, 1 when the terminal refuses or fails a command,
/// 2 for usage and connection errors.
pub fn probe(ctx: &Ctx, args: &PortArgs, timeout_s: u64, json: bool) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    // With --json a failure is a JSON object too.
    let fail = |f: Failure| {
        if json {
            out::json(&serde_json::json!({"error": f.json()}).to_string())?;
        }
        Ok(f.report())
    };
    let mut conn = match connect(lang, args, SimConfig::default()) {
        Ok(c) => c,
        Err(r) => return fail(Failure::refused(r, "connection")),
    };
    conn.client
        .set_command_limit(Duration::from_secs(timeout_s.max(1)));
    progress(lang, "progress-registering", &[("port", &conn.label)]);
    // A ZVT terminal shows everything it reports in ZVT's own terms; a driver its identity.
    let id = match conn.client.zvt() {
        Some(zvt) => read_identity(zvt)
            .map(Probed::Zvt)
            .map_err(DeviceError::from),
        None => conn.client.identify().map(Probed::Neutral),
    };
    let id = match id {
        Ok(id) => id,
        Err(e) => return fail(Failure::terminal(lang, &e)),
    };
    // Test payments an earlier session left open on this terminal are settled first, under
    // the terminal's lock; a terminal that does not say who it is has none filed.
    let (serial, tid) = id.serial_and_tid();
    let terminal = TerminalId::new(serial.as_deref(), tid.as_deref());
    if terminal.is_known() {
        let per_command = Duration::from_secs(timeout_s.max(1));
        match super::pending::open_session(
            lang,
            &ctx.data_dir,
            &mut *conn.client,
            terminal,
            per_command,
        ) {
            Ok(session) => super::pending::report_store_errors(lang, &session.store),
            Err(f) => {
                log_off(&mut *conn.client);
                return fail(f);
            }
        }
    }
    log_off(&mut *conn.client);
    if serial.is_none() {
        progress(lang, "serial-not-reported", &[]);
    }
    let (mut v, rows) = id.shown(lang);
    if json {
        v["port"] = serde_json::Value::String(conn.label.clone());
        out::json(&serde_json::to_string_pretty(&v)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    out::line(&format!("{}: {}", tr(lang, "field-port"), conn.label))?;
    for (label, value) in rows {
        out::line(&format!("{}: {value}", tr(lang, label)))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Options of `posbind simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// Settings file (TOML).
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// Setting KEY=VALUE (repeatable), e.g. --sim serial=0012AB34 --sim fault.nak=0.1.
    #[arg(long = "sim", value_name = "KEY=VALUE")]
    pub sim: Vec<String>,
    /// Listen on TCP (HOST:PORT) instead of a pseudo-terminal.
    #[arg(long, value_name = "HOST:PORT")]
    pub tcp: Option<String>,
}

/// `posbind simulate`: prints the device path (or address) alone on the first line of stdout,
/// logs every frame to stderr, runs until Ctrl-C.
pub fn simulate(ctx: &Ctx, args: &SimulateArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let text = match &args.config {
        // A settings file is a few lines; a FIFO or device is refused, not waited on.
        Some(p) => match super::read_input(lang, p, super::MAX_USER_FILE_BYTES) {
            Ok(t) => Some(t),
            Err(message) => {
                out::err_line(&format!("posbind: {message}"));
                return Ok(ExitCode::from(EXIT_USAGE));
            }
        },
        None => None,
    };
    let cfg = match SimConfig::load(text.as_deref(), &args.sim) {
        Ok(c) => c,
        Err(e) => {
            out::err_line(&format!(
                "posbind: {}",
                tr_args(lang, "error-sim-config", &[("error", &e)])
            ));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    if let Err(e) = crate::sim::state_file::check(&cfg) {
        out::err_line(&format!(
            "posbind: {}",
            crate::i18n::tr_message(lang, e.message())
        ));
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let log: crate::sim::Logger = Arc::new(|line: &str| out::err_line(line));
    let mut stdout = std::io::stdout();
    if let Some(addr) = &args.tcp {
        let listener = match std::net::TcpListener::bind(addr) {
            Ok(l) => l,
            Err(e) => {
                out::err_line(&format!(
                    "posbind: {}",
                    tr_args(
                        lang,
                        "open-error-connect",
                        &[("port", addr), ("error", &e.to_string())]
                    )
                ));
                return Ok(ExitCode::from(EXIT_USAGE));
            }
        };
        let local = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_else(|_| addr.clone());
        writeln!(stdout, "tcp://{local}")?;
        stdout.flush()?;
        out::err_line(&tr(lang, "simulate-running"));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        crate::sim::serve_tcp(listener, cfg, stop, Some(log));
        return Ok(ExitCode::SUCCESS);
    }
    let sim = match PtySim::spawn(cfg, Some(log)) {
        Ok(s) => s,
        Err(e) => {
            out::err_line(&format!(
                "posbind: {}",
                tr_args(lang, "error-sim-start", &[("error", &e.to_string())])
            ));
            return Ok(ExitCode::from(EXIT_FAIL));
        }
    };
    writeln!(stdout, "{}", sim.path())?;
    stdout.flush()?;
    out::err_line(&tr(lang, "simulate-running"));
    let ended = sim.wait().map(|(end, _)| end);
    out::err_line(&(tr_args(lang, "simulate-ended", &[("why", &format!("{ended:?}"))])));
    Ok(ExitCode::SUCCESS)
}
