//! Live device state shared by the Activation, Test and Training steps, and how the device
//! worker's updates change it and the case.

use std::sync::Arc;

use crate::device::{DeviceError, Showing};
use crate::onboarding::device::{ActStep, DeviceIdentity, TestRecord};
use crate::testloop::{Control, LoopEvent, Mode, Resolution, Summary, TxnResult};
use crate::tui::app::{App, Msg, Notice};
use crate::tui::worker::Update;

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
                let detail = serde_json::json!({"step": step, "error": error.message().0});
                app.journal(&case, "activation-failed", detail);
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

/// Scans the serial ports once (sysfs), for the Activation screen to show without rescanning
/// on every frame.
pub fn scan_ports(app: &mut App) {
    app.dev.ports = crate::device::ports::list()
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
        .collect();
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

/// Whether the device is busy (no step changes while it works).
pub fn busy(app: &App) -> bool {
    app.worker.as_ref().is_some_and(|w| w.busy)
}
