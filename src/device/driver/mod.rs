//! A terminal behind a driver process (`--port driver:COMMAND [ARGS]`): posbind starts the
//! driver, speaks the line protocol of `docs/driver-protocol.md` with it over its standard
//! input and output ([`protocol`]), and is one more [`PaymentTerminal`], so the test loop's
//! money-safety rules hold for it unchanged.
//!
//! Every wait has a deadline: the hello answer within [`HELLO_WAIT`], the first sign of a
//! command within [`ACCEPT_WAIT`], its answer within the command limit. A driver that exits,
//! stays silent past a deadline, prints something that is not a protocol message or speaks
//! another version is a [`DriverFault`] naming the driver and what it did; the driver is then
//! stopped and every later command gets the same fault at once (a payment it had reported
//! committed is in the pending store already, and the next session voids it).

pub mod protocol;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::terminal::{
    Amount, DeviceError, PaymentData, PaymentTerminal, PhaseTimes, TerminalCode, TerminalEvent,
    TerminalIdentity, Tid,
};
use protocol::{DriverRefusal, Event, Message};

/// How long a driver may take to answer the hello (starting a vendor library takes a while).
pub const HELLO_WAIT: Duration = Duration::from_secs(10);

/// How long a driver may take to show any sign of a command (an event or its answer).
pub const ACCEPT_WAIT: Duration = Duration::from_secs(5);

/// How long a payment may take to end once the driver was told to abort it (a driver has 10 s;
/// the rest is slack for the pipe and the process).
pub const ABORT_WAIT: Duration = Duration::from_secs(15);

/// How often a payment's stop switch is looked at.
const STOP_POLL: Duration = Duration::from_millis(100);

/// How long a driver whose input was closed has to exit before it is killed.
const EXIT_WAIT: Duration = Duration::from_secs(2);

/// What a driver did wrong, with the driver's name: one line for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverFault {
    /// The driver as the user named it (its command line, shortened).
    pub driver: String,
    /// What it did.
    pub what: Fault,
}

/// What a driver did wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// It could not be started (no such program, not executable).
    Start(String),
    /// It ended: its exit code (`?` when killed by a signal) and its last words on stderr.
    Exited {
        /// Exit code.
        status: String,
        /// The last lines it wrote to stderr.
        last_words: String,
    },
    /// It did not answer `op` within `seconds`.
    Silent {
        /// The operation.
        op: String,
        /// How long posbind waited.
        seconds: String,
    },
    /// It printed a line that is not a protocol message.
    Garbage {
        /// The line (shortened, control characters escaped).
        line: String,
        /// Why it is not a message.
        why: protocol::NotAMessage,
    },
    /// It speaks another protocol version.
    Version {
        /// The version it said it speaks (or its own words).
        theirs: String,
    },
    /// Its message broke the protocol otherwise (a missing field, an unknown error code).
    Broke(Breach),
    /// It does not offer an operation posbind needs for this step.
    Unsupported(String),
}

/// How a driver broke the protocol with a message that was one (in words: the `breach`
/// selector of `driver-error-broke`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// It answered the hello with an error.
    RefusedHello,
    /// It does not offer an operation every driver must.
    Lacks(String),
    /// It answered `op` with an error code the protocol does not have.
    UnknownErrorCode {
        /// The operation.
        op: String,
        /// The code.
        code: String,
    },
    /// Its answer to `op` lacks what the protocol requires.
    Answer {
        /// The operation.
        op: String,
        /// What is wrong with it.
        why: protocol::NotAMessage,
    },
    /// It answered `op` (a payment or a void) with no payment.
    NoPayment(String),
}

impl Breach {
    fn args(&self) -> Vec<(&'static str, String)> {
        let (breach, op, code) = match self {
            Breach::RefusedHello => ("refused-hello", "hello", ""),
            Breach::Lacks(op) => ("lacks", op.as_str(), ""),
            Breach::UnknownErrorCode { op, code } => ("unknown-code", op.as_str(), code.as_str()),
            Breach::Answer { op, .. } => ("answer", op.as_str(), ""),
            Breach::NoPayment(op) => ("no-payment", op.as_str(), ""),
        };
        let mut args = vec![
            ("breach", breach.to_string()),
            ("op", op.to_string()),
            ("code", code.to_string()),
        ];
        match self {
            Breach::Answer { why, .. } => args.extend(why.args()),
            _ => args.extend(["why", "field", "detail"].map(|k| (k, String::new()))),
        }
        args
    }
}

impl DriverFault {
    /// Message id and arguments for the user.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        let d = ("driver", self.driver.clone());
        match &self.what {
            Fault::Start(e) => ("driver-error-start", vec![d, ("error", e.clone())]),
            Fault::Exited { status, last_words } => (
                "driver-error-exited",
                vec![
                    d,
                    ("status", status.clone()),
                    ("stderr", last_words.clone()),
                ],
            ),
            Fault::Silent { op, seconds } => (
                "driver-error-silent",
                vec![d, ("op", op.clone()), ("seconds", seconds.clone())],
            ),
            Fault::Garbage { line, why } => {
                let mut args = vec![d, ("line", line.clone())];
                args.extend(why.args());
                ("driver-error-garbage", args)
            }
            Fault::Version { theirs } => (
                "driver-error-version",
                vec![
                    d,
                    ("theirs", theirs.clone()),
                    ("ours", protocol::VERSION.to_string()),
                ],
            ),
            Fault::Broke(breach) => {
                let mut args = vec![d];
                args.extend(breach.args());
                ("driver-error-broke", args)
            }
            Fault::Unsupported(op) => ("driver-error-unsupported", vec![d, ("op", op.clone())]),
        }
    }
}

/// Text from a driver, safe for one line of a terminal: control and text-direction
/// characters escaped, at most `max` characters.
pub fn one_line(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// The driver's name for messages: its command line, shortened.
pub fn label(argv: &[String]) -> String {
    one_line(&argv.join(" "), 80)
}

/// What the driver's standard output delivered.
enum Incoming {
    Line(String),
    TooLong,
    Closed,
}

/// Reads lines of at most [`protocol::MAX_LINE`] bytes: a driver that writes without end
/// cannot fill posbind's memory.
fn read_lines(out: impl Read, tx: mpsc::Sender<Incoming>) {
    let mut r = BufReader::new(out);
    loop {
        let mut line = Vec::new();
        let mut too_long = false;
        let ended = loop {
            let buf = match r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break true,
            };
            if buf.is_empty() {
                break true;
            }
            let (take, newline) = match buf.iter().position(|b| *b == b'\n') {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            if line.len() + take <= protocol::MAX_LINE + 1 {
                line.extend_from_slice(&buf[..take]);
            } else {
                too_long = true;
            }
            r.consume(take);
            if newline {
                break false;
            }
        };
        let msg = if too_long {
            Incoming::TooLong
        } else if line.is_empty() {
            Incoming::Closed
        } else {
            let text = String::from_utf8_lossy(&line);
            Incoming::Line(text.trim_end_matches(['\n', '\r']).to_string())
        };
        let closed = matches!(msg, Incoming::Closed);
        if tx.send(msg).is_err() || closed {
            return;
        }
        if ended {
            let _ = tx.send(Incoming::Closed);
            return;
        }
    }
}

/// Keeps the driver's last few stderr lines (its last words when it dies) and logs them all.
fn keep_stderr(err: impl Read, tail: Arc<Mutex<VecDeque<String>>>, driver: String) {
    for line in BufReader::new(err).lines() {
        let Ok(line) = line else { return };
        tracing::info!(driver = %driver, "driver stderr: {line}");
        if let Ok(mut t) = tail.lock() {
            if t.len() == 3 {
                t.pop_front();
            }
            t.push_back(one_line(&line, 200));
        }
    }
}

/// What the driver said in its hello answer.
#[derive(Debug, Clone, Default)]
pub struct Hello {
    /// The driver's own name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// The operations it offers.
    pub capabilities: Vec<String>,
}

/// A terminal behind a driver process.
pub struct DriverTerminal {
    driver: String,
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<Incoming>,
    stderr: Arc<Mutex<VecDeque<String>>>,
    next_id: u64,
    limit: Duration,
    times: PhaseTimes,
    /// Set once the driver failed: every later command gets it at once.
    dead: Option<DriverFault>,
    hello: Hello,
    /// The conformance check's crash: the driver is killed the moment it reports a payment
    /// committed.
    kill_at_commit: bool,
}

impl std::fmt::Debug for DriverTerminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DriverTerminal")
            .field("driver", &self.driver)
            .finish_non_exhaustive()
    }
}

/// How a command runs: its operation, fields, limit, and stop switch (payments only).
struct Run<'a> {
    op: &'static str,
    fields: Value,
    limit: Duration,
    stop: Option<&'a dyn Fn() -> bool>,
}

impl DriverTerminal {
    /// Starts the driver `argv[0]` with the rest as its arguments and greets it; a driver that
    /// does not answer the hello with this protocol version is stopped and named.
    pub fn start(argv: &[String]) -> Result<DriverTerminal, DeviceError> {
        let driver = label(argv);
        let fault = |what| {
            DeviceError::Driver(DriverFault {
                driver: driver.clone(),
                what,
            })
        };
        let Some((program, args)) = argv.split_first() else {
            return Err(fault(Fault::Start("no command".into())));
        };
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| fault(Fault::Start(e.to_string())))?;
        let (tx, lines) = mpsc::channel();
        let stderr = Arc::new(Mutex::new(VecDeque::new()));
        if let Some(out) = child.stdout.take() {
            std::thread::spawn(move || read_lines(out, tx));
        }
        if let Some(err) = child.stderr.take() {
            let (tail, name) = (stderr.clone(), driver.clone());
            std::thread::spawn(move || keep_stderr(err, tail, name));
        }
        let mut t = DriverTerminal {
            stdin: child.stdin.take(),
            driver,
            child,
            lines,
            stderr,
            next_id: 1,
            limit: Duration::from_secs(60),
            times: PhaseTimes::default(),
            dead: None,
            hello: Hello::default(),
            kill_at_commit: false,
        };
        t.greet()?;
        Ok(t)
    }

    /// What the driver said about itself.
    pub fn hello(&self) -> &Hello {
        &self.hello
    }

    /// The driver's name for messages.
    pub fn name(&self) -> &str {
        &self.driver
    }

    /// For the conformance check: kill the driver the moment it reports a payment committed
    /// (a crash at the worst moment).
    pub fn kill_at_commit(&mut self, kill: bool) {
        self.kill_at_commit = kill;
    }

    /// For the conformance check: sends an operation no version of the protocol has; a driver
    /// must refuse it as `unsupported` at once (within [`ACCEPT_WAIT`]), not hang.
    pub fn ask_unknown(&mut self) -> Result<(), DeviceError> {
        let limit = self.limit.min(ACCEPT_WAIT);
        self.run(
            Run {
                op: "posbind_check_no_such_op",
                fields: json!({}),
                limit,
                stop: None,
            },
            &mut |_| {},
        )
        .map(|_| ())
    }

    /// Whether the driver offers `op`.
    pub fn offers(&self, op: &str) -> bool {
        self.hello.capabilities.iter().any(|c| c == op)
    }

    fn greet(&mut self) -> Result<(), DeviceError> {
        let fields = json!({"protocol": protocol::VERSION, "client": concat!("posbind ", env!("CARGO_PKG_VERSION"))});
        let answer = self.run(
            Run {
                op: "hello",
                fields,
                limit: HELLO_WAIT,
                stop: None,
            },
            &mut |_| {},
        );
        let answer = match answer {
            Ok(a) => a,
            Err(DeviceError::Rejected(_)) | Err(DeviceError::Aborted { .. }) => {
                return Err(self.fail(Fault::Broke(Breach::RefusedHello)))
            }
            Err(e) => return Err(e),
        };
        let theirs = answer.get("protocol").and_then(Value::as_u64);
        if theirs != Some(u64::from(protocol::VERSION)) {
            let theirs = answer
                .get("protocol")
                .map(|v| one_line(&v.to_string(), 20))
                .unwrap_or_else(|| "-".into());
            return Err(self.fail(Fault::Version { theirs }));
        }
        let text = |k: &str| {
            answer
                .get(k)
                .and_then(Value::as_str)
                .map(|s| one_line(s, 60))
                .unwrap_or_default()
        };
        self.hello = Hello {
            name: text("driver"),
            version: text("driver_version"),
            capabilities: answer
                .get("capabilities")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        };
        if let Some(missing) = protocol::REQUIRED_OPS.iter().find(|op| !self.offers(op)) {
            return Err(self.fail(Fault::Broke(Breach::Lacks(missing.to_string()))));
        }
        tracing::info!(driver = %self.driver, name = %self.hello.name, version = %self.hello.version, "driver ready");
        Ok(())
    }

    /// Records the fault, stops the driver and returns the error every later command gets.
    fn fail(&mut self, what: Fault) -> DeviceError {
        let fault = DriverFault {
            driver: self.driver.clone(),
            what,
        };
        tracing::warn!(driver = %self.driver, fault = ?fault.what, "driver failed");
        self.stop_process(Duration::ZERO);
        self.dead = Some(fault.clone());
        DeviceError::Driver(fault)
    }

    /// The driver's output ended: how it exited and its last words.
    fn exited(&mut self) -> DeviceError {
        self.stdin = None;
        let until = Instant::now() + Duration::from_secs(1);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(s)) => break s.code().map(|c| c.to_string()),
                Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(20)),
                _ => break None,
            }
        };
        // The stderr reader may still be handing over the last lines.
        std::thread::sleep(Duration::from_millis(50));
        let last_words = self
            .stderr
            .lock()
            .map(|t| t.iter().cloned().collect::<Vec<_>>().join(" / "))
            .unwrap_or_default();
        self.fail(Fault::Exited {
            status: status.unwrap_or_else(|| "?".into()),
            last_words: if last_words.is_empty() {
                String::new()
            } else {
                format!(": {last_words}")
            },
        })
    }

    /// Closes the driver's input, gives it `grace` to exit, then kills it.
    fn stop_process(&mut self, grace: Duration) {
        self.stdin = None;
        let until = Instant::now() + grace;
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn send(&mut self, line: &str) -> Result<(), DeviceError> {
        let written = match self.stdin.as_mut() {
            Some(s) => writeln!(s, "{line}").and_then(|_| s.flush()),
            None => Err(std::io::ErrorKind::BrokenPipe.into()),
        };
        match written {
            Ok(()) => Ok(()),
            Err(_) => Err(self.exited()),
        }
    }

    /// Sends a command and waits for its answer, handing its events to `on`.
    fn run(&mut self, run: Run, on: &mut dyn FnMut(TerminalEvent)) -> Result<Value, DeviceError> {
        if let Some(f) = &self.dead {
            return Err(DeviceError::Driver(f.clone()));
        }
        let id = self.next_id;
        self.next_id += 1;
        self.times = PhaseTimes::default();
        // The driver is told how long posbind waits, so that it can bound its own call into
        // the acquirer's library and answer with an error before posbind gives up on it.
        let mut fields = run.fields;
        if let Value::Object(f) = &mut fields {
            f.insert("limit_ms".into(), json!(run.limit.as_millis() as u64));
        }
        self.send(&protocol::request(id, run.op, fields))?;
        let started = Instant::now();
        let mut deadline = started + run.limit;
        let mut accepted = false;
        let mut committed = false;
        let mut abort_sent = false;
        loop {
            let now = Instant::now();
            if let Some(stop) = run.stop {
                if !abort_sent && !committed && stop() {
                    abort_sent = true;
                    deadline = deadline.min(now + ABORT_WAIT);
                    if self.offers("abort") {
                        let line = protocol::request(self.next_id, "abort", json!({"command": id}));
                        self.next_id += 1;
                        self.send(&line)?;
                    }
                }
            }
            // The hello's answer is its first line, and it has its own wait (a vendor library
            // takes a while to start); any other command shows a sign of life sooner.
            let wait_until = match accepted || run.op == "hello" {
                true => deadline,
                false => deadline.min(started + ACCEPT_WAIT),
            };
            let mut slice = wait_until.saturating_duration_since(now);
            if run.stop.is_some() {
                slice = slice.min(STOP_POLL);
            }
            let line = match self.lines.recv_timeout(slice) {
                Ok(Incoming::Line(l)) => l,
                Ok(Incoming::TooLong) => {
                    return Err(self.fail(Fault::Garbage {
                        line: "…".into(),
                        why: protocol::NotAMessage::TooLong,
                    }))
                }
                Ok(Incoming::Closed) | Err(RecvTimeoutError::Disconnected) => {
                    return Err(self.exited())
                }
                Err(RecvTimeoutError::Timeout) if Instant::now() < wait_until => continue,
                Err(RecvTimeoutError::Timeout) => {
                    let seconds = format!("{:.0}", started.elapsed().as_secs_f64());
                    let e = self.fail(Fault::Silent {
                        op: run.op.into(),
                        seconds,
                    });
                    // Told to abort and silent since: whether it booked is not known.
                    return Err(match abort_sent {
                        true => DeviceError::Stopped {
                            confirmed: false,
                            code: None,
                        },
                        false => e,
                    });
                }
            };
            let msg = match protocol::parse(&line) {
                Ok(m) => m,
                Err(why) => {
                    return Err(self.fail(Fault::Garbage {
                        line: one_line(&line, 60),
                        why,
                    }))
                }
            };
            let at = started.elapsed();
            match msg {
                Message::Event { id: other, .. } | Message::Answer { id: other, .. }
                    if other != id =>
                {
                    // An answer to an abort, or a late word about an earlier command.
                    tracing::debug!(driver = %self.driver, id = other, "driver message for another command");
                }
                Message::Event { event, .. } => {
                    if !accepted {
                        accepted = true;
                        self.times.to_ack = Some(at);
                        on(TerminalEvent::Accepted);
                    }
                    match event {
                        Event::Accepted => {}
                        Event::Display { status, text } => {
                            self.times.to_first_status.get_or_insert(at);
                            if let Some(t) = text {
                                tracing::info!(driver = %self.driver, "terminal shows: {}", one_line(&t, 80));
                            }
                            on(TerminalEvent::Showing(protocol::showing(&status)));
                        }
                        Event::Committed(p) => {
                            committed = true;
                            on(TerminalEvent::PaymentData(p));
                            if self.kill_at_commit {
                                let _ = self.child.kill();
                            }
                        }
                        Event::OutcomeUnknown => on(TerminalEvent::UnreadablePaymentData),
                    }
                }
                Message::Answer { result, .. } => {
                    self.times.to_completion = Some(at);
                    return match result {
                        Ok(v) => Ok(v),
                        Err(r) => Err(self.refusal(run.op, r, abort_sent)),
                    };
                }
            }
        }
    }

    /// The device layer's error for a driver's error answer.
    fn refusal(&mut self, op: &str, r: DriverRefusal, abort_sent: bool) -> DeviceError {
        let text = r.text.map(|t| one_line(&t, 120));
        let aborted = |c: u8| DeviceError::Aborted {
            code: Some(TerminalCode(c)),
            text: text.clone(),
        };
        match r.code.as_str() {
            "stopped" | "aborted" if abort_sent => DeviceError::Stopped {
                confirmed: true,
                code: Some(TerminalCode(0x6C)),
            },
            "declined" => aborted(0x05),
            "aborted" | "stopped" => aborted(0x6C),
            "host_unreachable" | "failed" => DeviceError::Aborted { code: None, text },
            "not_possible" => DeviceError::Rejected(TerminalCode::NOT_POSSIBLE),
            "already_voided" => DeviceError::Rejected(TerminalCode::ALREADY_REVERSED),
            "void_not_possible" => DeviceError::Rejected(TerminalCode::REVERSAL_NOT_POSSIBLE),
            "batch_open" => DeviceError::Rejected(TerminalCode::OPEN_BATCH),
            "wrong_currency" => DeviceError::Rejected(TerminalCode(0x6F)),
            "not_ready" => DeviceError::NotReady(text.unwrap_or_else(|| "-".into())),
            "unsupported" => self.fail_soft(Fault::Unsupported(op.into())),
            "version" => self.fail(Fault::Version {
                theirs: text.unwrap_or_else(|| "-".into()),
            }),
            other => self.fail(Fault::Broke(Breach::UnknownErrorCode {
                op: op.into(),
                code: one_line(other, 30),
            })),
        }
    }

    /// A fault that leaves the driver running (it answered properly, it just cannot do this).
    fn fail_soft(&self, what: Fault) -> DeviceError {
        DeviceError::Driver(DriverFault {
            driver: self.driver.clone(),
            what,
        })
    }

    fn command(
        &mut self,
        op: &'static str,
        fields: Value,
        on: &mut dyn FnMut(TerminalEvent),
    ) -> Result<Value, DeviceError> {
        if self.dead.is_none() && !self.offers(op) {
            return Err(self.fail_soft(Fault::Unsupported(op.into())));
        }
        let limit = self.limit;
        self.run(
            Run {
                op,
                fields,
                limit,
                stop: None,
            },
            on,
        )
    }

    /// A field of a successful answer the protocol requires, or the driver broke it.
    fn read<T>(&mut self, op: &str, r: Result<T, protocol::NotAMessage>) -> Result<T, DeviceError> {
        r.map_err(|why| self.fail(Fault::Broke(Breach::Answer { op: op.into(), why })))
    }

    fn identity_of(&mut self, op: &'static str) -> Result<TerminalIdentity, DeviceError> {
        let a = self.command(op, json!({}), &mut |_| {})?;
        self.read(op, protocol::answer_identity(&a))
    }
}

impl Drop for DriverTerminal {
    fn drop(&mut self) {
        if self.dead.is_none() {
            self.stop_process(EXIT_WAIT);
        }
    }
}

impl PaymentTerminal for DriverTerminal {
    fn identify(&mut self) -> Result<TerminalIdentity, DeviceError> {
        self.identity_of("identify")
    }

    fn status(&mut self) -> Result<TerminalIdentity, DeviceError> {
        self.identity_of("status")
    }

    fn ready(&mut self) -> Result<(bool, String), DeviceError> {
        let a = self.command("status", json!({}), &mut |_| {})?;
        let id = self.read("status", protocol::answer_identity(&a))?;
        let ready = a
            .get("ready")
            .and_then(Value::as_bool)
            .unwrap_or(id.status == "00");
        Ok((ready, id.status))
    }

    fn set_tid(&mut self, tid: &Tid, on: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError> {
        self.command("set_tid", json!({"tid": tid.as_str()}), on)
            .map(|_| ())
    }

    fn initialise(&mut self, on: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError> {
        self.command("download", json!({}), on).map(|_| ())
    }

    fn diagnose(&mut self, on: &mut dyn FnMut(TerminalEvent)) -> Result<PhaseTimes, DeviceError> {
        self.command("sign_on", json!({}), on)?;
        Ok(self.times)
    }

    fn end_of_day(&mut self, on: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError> {
        self.command("settle", json!({}), on).map(|_| ())
    }

    fn authorise(
        &mut self,
        amount: Amount,
        timeout: Duration,
        stop: &dyn Fn() -> bool,
        on: &mut dyn FnMut(TerminalEvent),
    ) -> Result<(PaymentData, PhaseTimes), DeviceError> {
        let fields = json!({
            "amount_minor": amount.minor,
            "currency": amount.currency.0,
            "card_timeout_s": timeout.as_secs(),
        });
        let limit = self.limit;
        let a = self.run(
            Run {
                op: "pay",
                fields,
                limit,
                stop: Some(stop),
            },
            on,
        )?;
        match self.read("pay", protocol::answer_payment(&a))? {
            Some(p) => Ok((p, self.times)),
            None => Err(self.fail(Fault::Broke(Breach::NoPayment("pay".into())))),
        }
    }

    fn reverse(&mut self, receipt: u16) -> Result<PaymentData, DeviceError> {
        let a = self.command("void", json!({"receipt": receipt}), &mut |_| {})?;
        match self.read("void", protocol::answer_payment(&a))? {
            Some(p) => Ok(p),
            None => Err(self.fail(Fault::Broke(Breach::NoPayment("void".into())))),
        }
    }

    fn repeat_last_receipt(&mut self) -> Result<Option<PaymentData>, DeviceError> {
        let a = self.command("last", json!({}), &mut |_| {})?;
        self.read("last", protocol::answer_payment(&a))
    }

    fn set_command_limit(&mut self, limit: Duration) {
        self.limit = limit;
    }

    fn last_times(&self) -> PhaseTimes {
        self.times
    }

    fn register(&mut self) -> Result<Option<String>, DeviceError> {
        let id = self.identify()?;
        Ok(Some(id.tid).filter(|t| !t.is_empty()))
    }

    fn log_off(&mut self) -> Result<(), DeviceError> {
        if self.dead.is_some() || !self.offers("close") {
            return Ok(());
        }
        self.command("close", json!({}), &mut |_| {}).map(|_| ())
    }
}
