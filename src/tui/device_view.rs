//! Live device state shared by the Activation, Test and Training steps; how the steps' device
//! commands start work on the worker, and how the worker's updates change that state and the
//! case (through the domain).

use std::sync::Arc;

use crate::device::{DeviceError, Showing};
use crate::onboarding::device::{ActStep, DeviceIdentity, TestRecord};
use crate::onboarding::Case;
use crate::sim::SimConfig;
use crate::testloop::{Control, LoopEvent, Mode, Resolution, Summary, TxnResult};
use crate::tui::app::{App, Event};
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::DeviceCommand;
use crate::tui::worker::{Request, Update};

/// A failure to show (in words: `crate::i18n::device`).
#[derive(Debug, Clone)]
pub struct Failure {
    /// The sub-step that failed.
    pub step: ActStep,
    /// What went wrong.
    pub error: DeviceError,
}

/// What the device is doing, as the screens show it.
#[derive(Debug)]
pub struct DeviceView {
    /// Port as typed or chosen.
    pub port: String,
    /// Identity read on connect.
    pub identity: Option<DeviceIdentity>,
    /// Connected and the serial number matches the label.
    pub connected: bool,
    /// The sub-step running now.
    pub running: Option<ActStep>,
    /// The terminal's last status text.
    pub terminal: Option<Showing>,
    /// The last failure.
    pub failure: Option<Failure>,
    /// Test loop: mode.
    pub mode: Mode,
    /// Test loop: rounds, when chosen (see `count_chosen`).
    pub count: u32,
    /// The rounds were chosen explicitly; otherwise a payment test on a real terminal runs
    /// one payment and its void.
    pub count_chosen: bool,
    /// Test loop: running.
    pub looping: bool,
    /// Test loop: pause/abort switches of the running loop.
    pub control: Option<Arc<Control>>,
    /// Test loop: rounds so far.
    pub rounds: Vec<TxnResult>,
    /// Test loop: the round in progress.
    pub current: u32,
    /// Test loop: the last summary.
    pub summary: Option<Summary>,
    /// Test loop: the rounds the current (or last) run was asked for, so the bar keeps its
    /// scale after a stop.
    pub planned: u32,
    /// Serial ports found when the Activation step was entered (path and description).
    pub ports: Vec<(String, String)>,
    /// The ports are being looked for (off the UI thread).
    pub scanning: bool,
    /// The answers file said no test card is at hand (`no_test_card`): a passed connectivity
    /// test records that a payment test is not possible.
    pub no_test_card: bool,
}

impl Default for DeviceView {
    fn default() -> Self {
        DeviceView {
            port: String::new(),
            identity: None,
            connected: false,
            running: None,
            terminal: None,
            failure: None,
            mode: Mode::Payment,
            count: 10,
            count_chosen: false,
            looping: false,
            control: None,
            rounds: vec![],
            current: 0,
            summary: None,
            planned: 0,
            ports: vec![],
            scanning: false,
            no_test_card: false,
        }
    }
}

fn idle(app: &mut App) {
    if let Some(w) = app.worker.as_mut() {
        w.busy = false;
    }
}

/// Applies a device update.
pub fn on_update(app: &mut App, u: Update) {
    let now = app.now();
    match u {
        Update::StepStarted(s) => {
            app.dev.running = Some(s);
            app.dev.failure = None;
            app.dev.terminal = None;
        }
        Update::StepDone(s) => {
            app.dev.running = None;
            app.apply(|c| c.complete_activation_step(s, now));
        }
        Update::Terminal(s) => app.dev.terminal = Some(s),
        Update::PendingSettled(resolved) => on_pending_settled(app, resolved),
        Update::Connected(ident) => on_connected(app, ident),
        Update::Activated(ident) => {
            idle(app);
            app.dev.running = None;
            // The identity shown is the one the terminal reported last (ready, with its TID).
            app.dev.identity = Some(ident.clone());
            // Activated only as the terminal's own report says: ready, with the approved TID.
            // A refusal is recorded too: the sub-steps that did not make the terminal ready
            // are dropped from the case (they run again) and the journal says why.
            let mut refused = None;
            app.apply(|c| match c.record_activation(ident, now) {
                Ok(event) => event,
                Err(not) => {
                    let event = crate::onboarding::changes::CaseEvent::ActivationRefused {
                        reason: not.message().0.to_string(),
                    };
                    refused = Some(not);
                    event
                }
            });
            app.notice = Some(match refused {
                None => Notice::Info(Msg::new("activation-done")),
                Some(not) => {
                    let (id, args) = not.message();
                    Notice::Error(Msg { id, args })
                }
            });
        }
        Update::Failed { step, error } => {
            idle(app);
            app.dev.running = None;
            app.dev.looping = false;
            // The journal keeps the failure too (the case itself is unchanged).
            if let Some(case) = app.case.clone() {
                let event = crate::onboarding::changes::CaseEvent::ActivationFailed {
                    step,
                    error: error.message().0.to_string(),
                };
                app.journal(&case, &event);
            }
            app.dev.failure = Some(Failure { step, error });
            app.notice = Some(Notice::Error(Msg::new("device-step-failed")));
        }
        Update::Loop(ev) => match ev {
            LoopEvent::RoundStarted(i) => {
                app.dev.current = i;
                app.dev.terminal = None;
            }
            LoopEvent::Terminal(_, s) => app.dev.terminal = Some(s),
            LoopEvent::Round(r) => app.dev.rounds.push(r),
            LoopEvent::Recovering {
                step,
                attempt,
                left_ms,
                ..
            } => {
                app.notice = Some(Notice::Info(Msg {
                    id: step,
                    args: vec![
                        ("attempt", attempt.to_string()),
                        ("left", format!("{:.1}", left_ms as f64 / 1000.0)),
                    ],
                }))
            }
            LoopEvent::Reversing(..)
            | LoopEvent::Committed { .. }
            | LoopEvent::Reversed { .. }
            | LoopEvent::OutcomeUnknown { .. } => {}
            LoopEvent::ReversalFailed(u) => {
                app.notice = Some(Notice::Error(Msg {
                    id: u.message_id(),
                    args: u.args(),
                }))
            }
        },
        Update::LoopDone(summary) => on_loop_done(app, summary, now),
        Update::Practised => {
            idle(app);
            app.apply(|c| c.record_practice(now));
            app.notice = Some(Notice::Info(Msg::new("training-practised")));
        }
    }
}

/// Test payments an earlier session left open on this terminal, settled on connecting.
fn on_pending_settled(app: &mut App, resolved: Vec<Resolution>) {
    // The most serious one is shown: a payment still open, else what was settled.
    let shown = resolved
        .iter()
        .find(|r| r.still_open())
        .or(resolved.first());
    if let Some(r) = shown {
        let msg = Msg {
            id: r.message_id(),
            args: r.payment().args(),
        };
        app.notice = Some(if r.still_open() {
            Notice::Error(msg)
        } else {
            Notice::Info(msg)
        });
    }
}

/// The terminal told who it is: recorded, and checked against the label's serial number.
fn on_connected(app: &mut App, ident: DeviceIdentity) {
    use crate::onboarding::device::{check_serial, SerialCheck};
    idle(app);
    let label = app
        .case
        .as_ref()
        .map(|c| c.binding.serial_label.clone())
        .unwrap_or_default();
    let check = check_serial(&ident.serial, &label);
    let matches = check == SerialCheck::Matches;
    app.dev.connected = matches;
    app.dev.identity = Some(ident.clone());
    let port = app.dev.port.clone();
    // The terminal's word beats old records: what it does not bear out is dropped.
    let mut dropped = 0;
    app.apply(|c| {
        let event = c.record_identity(&port, ident.clone());
        if let crate::onboarding::changes::CaseEvent::TerminalIdentified { dropped_steps, .. } =
            &event
        {
            dropped = *dropped_steps;
        }
        event
    });
    app.notice = Some(match check {
        // The records said activated; the terminal says otherwise: run it again.
        SerialCheck::Matches if dropped > 0 => Notice::Error(Msg {
            id: "activation-records-dropped",
            args: vec![("status", ident.status.clone())],
        }),
        SerialCheck::Matches => Notice::Info(Msg::new("activation-identity-ok")),
        SerialCheck::Differs => Notice::Error(Msg {
            id: "activation-wrong-device",
            args: vec![("terminal", ident.serial), ("label", label)],
        }),
        SerialCheck::NotReported => Notice::Error(Msg {
            id: "serial-not-reported-wizard",
            args: vec![("label", label)],
        }),
    });
}

/// A test loop ended: recorded (with a no-test-card waiver when the person chose one) and said.
fn on_loop_done(app: &mut App, summary: Summary, now: chrono::DateTime<chrono::Utc>) {
    idle(app);
    app.dev.looping = false;
    app.dev.control = None;
    // The terminal's last word belongs to the run that just ended.
    app.dev.terminal = None;
    let latencies: Vec<f64> = app.dev.rounds.iter().map(|r| r.latency_ms).collect();
    let rec = TestRecord {
        at: now,
        amount_fen: (summary.mode == Mode::Payment)
            .then_some(crate::onboarding::device::TEST_AMOUNT_FEN),
        summary: summary.clone(),
        latencies_ms: latencies,
    };
    app.apply(|c| c.record_test(rec));
    if summary.pass && summary.mode == Mode::Connectivity && app.dev.no_test_card {
        app.apply(|c| c.waive_payment_test("no-test-card", now));
    }
    let waived = app.case.as_ref().is_some_and(|c| c.test_waiver.is_some());
    if summary.unreversed.is_empty() {
        app.notice = Some(Notice::Info(Msg::new(
            match (summary.pass, summary.aborted) {
                (true, _) if summary.mode == Mode::Connectivity && !waived => {
                    "test-passed-connectivity"
                }
                (true, _) => "test-passed",
                (false, true) => "test-stopped",
                (false, false) => "test-failed",
            },
        )));
    }
    app.dev.summary = Some(summary);
}

/// The serial ports (path and description), read from sysfs: run off the UI thread.
pub fn list_ports() -> Vec<(String, String)> {
    crate::device::ports::list()
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let desc = match (&p.vid, &p.pid) {
                (Some(v), Some(pi)) => {
                    format!("{v}:{pi} {}", p.product.clone().unwrap_or_default())
                }
                _ => String::new(),
            };
            (p.path, desc)
        })
        .collect()
}

/// The ports found: shown on the Activation screen; the first one is the port to use when
/// none was chosen (the demo uses its simulator).
pub fn on_ports(app: &mut App, ports: Vec<(String, String)>) {
    app.dev.ports = ports;
    app.dev.scanning = false;
    if app.dev.port.is_empty() {
        app.dev.port = if app.demo {
            "sim".into()
        } else {
            app.dev
                .ports
                .first()
                .map(|p| p.0.clone())
                .unwrap_or_default()
        };
    }
}

/// Scans the ports on a thread of its own when the wizard has an event channel (the answer
/// arrives as [`Event::PortsFound`]), else on the calling thread (unit tests).
fn scan_ports(app: &mut App) {
    // The demo's terminal is its simulator, known before any scan.
    if app.demo && app.dev.port.is_empty() {
        app.dev.port = "sim".into();
    }
    if let Some(tx) = app.events.clone() {
        let spawned = std::thread::Builder::new()
            .name("posbind-ports".into())
            .spawn(move || {
                // The wizard may have quit meanwhile: nobody is left to tell.
                let _ = tx.send(Event::PortsFound(list_ports()));
            });
        if spawned.is_ok() {
            app.dev.scanning = true;
            return;
        }
    }
    on_ports(app, list_ports());
}

/// The simulated terminal for `case` when each case has one of its own (`per_case`, the demo):
/// the terminal the case was using (the serial number and TID it reported), else the one the
/// case was given ([`Case::demo_terminal`], a sample case), so two demo cases never share a
/// terminal and a resumed case finds its own again. A typed label serial number is not
/// followed: a wrong one is still a wrong device. A serial number the simulator cannot report
/// (not hex) keeps `sim`'s.
pub fn case_sim(sim: &SimConfig, per_case: bool, case: Option<&Case>) -> SimConfig {
    let mut config = sim.clone();
    config.serial = case_sim_serial(sim, per_case, case).to_string();
    if let Some(tid) = case
        .filter(|_| per_case)
        .and_then(|c| c.activation.identity.as_ref())
        .map(|i| i.tid.as_str())
        .filter(|t| !t.is_empty())
    {
        config.tid = Some(tid.to_string());
    }
    config
}

/// The serial number of [`case_sim`]'s terminal.
pub fn case_sim_serial<'a>(sim: &'a SimConfig, per_case: bool, case: Option<&'a Case>) -> &'a str {
    let Some(case) = case.filter(|_| per_case) else {
        return &sim.serial;
    };
    let reported = case.activation.identity.as_ref().map(|i| i.serial.as_str());
    [reported, case.demo_terminal.as_deref()]
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty() && SimConfig::can_report_serial(s))
        .unwrap_or(&sim.serial)
}

/// A resumed case reconnects to the terminal it was using — the port its identity was read on
/// (the demo's simulator) — on its own, so that Test and Training do not wait for a reconnect
/// on Activation. Only a case whose terminal was bound and identified before; what the terminal
/// says then is checked against the records as on any connect.
pub fn reconnect_resumed(app: &mut App) {
    let Some(case) = app.case.as_ref() else {
        return;
    };
    if app.dev.connected
        || busy(app)
        || case.binding.confirmed_at.is_none()
        || case.activation.identity.is_none()
    {
        return;
    }
    let port = Some(case.activation.port.trim())
        .filter(|p| !p.is_empty())
        .unwrap_or(app.dev.port.trim())
        .to_string();
    if port.is_empty() {
        return;
    }
    let password = super::steps::activation::approval_password(case);
    on_command(app, DeviceCommand::Connect { port, password });
}

/// Carries out a step's device command.
pub fn on_command(app: &mut App, command: DeviceCommand) {
    match command {
        DeviceCommand::ScanPorts => scan_ports(app),
        DeviceCommand::Connect { port, password } => {
            app.dev.identity = None;
            app.dev.connected = false;
            app.dev.port = port.clone();
            let sim = Box::new(case_sim(&app.sim, app.sim_per_case, app.case.as_ref()));
            send(
                app,
                Request::Connect {
                    port,
                    password,
                    sim,
                },
            );
        }
        DeviceCommand::Activate { tid, skip } => send(app, Request::Activate { tid, skip }),
        DeviceCommand::SerialConfirmedByPerson => {
            app.dev.connected = true;
            app.apply(|c| c.confirm_serial_by_person("operator"));
            app.notice = Some(Notice::Info(Msg::new("activation-serial-confirmed")));
        }
        DeviceCommand::StartLoop(cfg) => {
            let control = Arc::new(Control::default());
            app.dev.control = Some(control.clone());
            app.dev.rounds.clear();
            app.dev.summary = None;
            app.dev.current = 0;
            app.dev.planned = cfg.count;
            app.dev.terminal = None;
            app.dev.looping = true;
            app.notice = None;
            send(app, Request::Loop(cfg, control));
        }
        DeviceCommand::TogglePause => {
            let Some(c) = &app.dev.control else { return };
            let paused = !c.pause.load(std::sync::atomic::Ordering::Relaxed);
            c.pause.store(paused, std::sync::atomic::Ordering::Relaxed);
            let id = if paused {
                "test-paused"
            } else {
                "test-resumed"
            };
            app.notice = Some(Notice::Info(Msg::new(id)));
        }
        DeviceCommand::Abort => {
            let Some(c) = &app.dev.control else { return };
            c.abort.store(true, std::sync::atomic::Ordering::Relaxed);
            c.pause.store(false, std::sync::atomic::Ordering::Relaxed);
            app.notice = Some(Notice::Info(Msg::new("test-aborting")));
        }
        DeviceCommand::Practice => send(app, Request::Practice),
        DeviceCommand::Choose {
            mode,
            count,
            count_chosen,
        } => {
            app.dev.mode = mode;
            app.dev.count = count;
            app.dev.count_chosen = count_chosen;
        }
        DeviceCommand::SetPort(port) => app.dev.port = port,
    }
}

/// Sends a request to the worker (absent in unit tests without a terminal: nothing runs).
fn send(app: &mut App, request: Request) {
    if let Some(w) = app.worker.as_mut() {
        w.send(request);
    }
}

/// Whether the device is busy (no step changes while it works).
pub fn busy(app: &App) -> bool {
    worker_busy(app.worker.as_ref())
}

/// Whether `worker` runs a request (no worker: nothing runs).
pub fn worker_busy(worker: Option<&crate::tui::worker::Worker>) -> bool {
    worker.is_some_and(|w| w.busy)
}
