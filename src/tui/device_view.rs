//! Live device state shared by the Activation, Test and Training steps.
//!
//! The view reads a stream — the steps' device commands and the worker's updates — and answers
//! each with [`Effect`]s for the wizard to carry out: a case changed through the domain (made
//! on a copy of the open case, saved and journalled by the app), a notice, a request for the
//! worker. It never reaches into the app, so the app is the only writer of the case and the
//! device layer's events can be replayed against a view in a test without a wizard.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::device::{DeviceError, Showing};
use crate::onboarding::case::Case;
use crate::onboarding::changes::CaseEvent;
use crate::onboarding::device::{ActStep, DeviceIdentity, TestRecord};
use crate::sim::SimConfig;
use crate::testloop::{Control, LoopEvent, Mode, Resolution, Summary, TxnResult};
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::DeviceCommand;
use crate::tui::worker::{Request, Update, Worker};

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

/// What the wizard sees when an event reaches the device view.
#[derive(Debug, Clone, Copy)]
pub struct Seen<'a> {
    /// The open case, if any.
    pub case: Option<&'a Case>,
    /// The wizard's clock.
    pub now: DateTime<Utc>,
    /// Demo mode: the terminal is the built-in simulator.
    pub demo: bool,
    /// The wizard's language (for figures put into words).
    pub lang: crate::i18n::Lang,
    /// The simulated terminal's settings for the port `sim`.
    pub sim: &'a SimConfig,
    /// Each case has a simulated terminal of its own (the demo): see [`case_sim`].
    pub sim_per_case: bool,
}

/// What the device view asks the wizard to do, in order.
#[derive(Debug)]
pub enum Effect {
    /// The open case, changed through the domain: to be saved, and the event journalled.
    Save(Box<Case>, CaseEvent),
    /// An event for the case's journal alone (the case is unchanged).
    Journal(CaseEvent),
    /// The notice line (`None` clears it).
    Notice(Option<Notice>),
    /// The worker finished its request.
    Idle,
    /// A request for the worker.
    Send(Request),
    /// Look for serial ports off the UI thread; the answer comes back to [`DeviceView::on_ports`].
    ScanPorts,
    /// End of day on the connected terminal, unless it is not the case's terminal or one of
    /// its test payments is open (the app reads the pending store).
    EndOfDay,
    /// An end of day was recorded: its day report is to be written (the one before it starts
    /// the batch), and the notice says where.
    DayReport {
        eod: Box<crate::onboarding::maintenance::EndOfDay>,
        previous: Option<Box<crate::onboarding::maintenance::EndOfDay>>,
    },
}

/// Changes made to a copy of the open case, each with its event, in order.
struct Changes<'a> {
    case: Option<Case>,
    out: &'a mut Vec<Effect>,
}

impl<'a> Changes<'a> {
    fn new(seen: &Seen, out: &'a mut Vec<Effect>) -> Self {
        Changes {
            case: seen.case.cloned(),
            out,
        }
    }

    /// Applies `f` to the copy and asks for it to be saved with its event (no case: nothing).
    fn apply(&mut self, f: impl FnOnce(&mut Case) -> CaseEvent) {
        if let Some(case) = self.case.as_mut() {
            let event = f(case);
            self.out.push(Effect::Save(Box::new(case.clone()), event));
        }
    }

    /// The copy as changed so far.
    fn case(&self) -> Option<&Case> {
        self.case.as_ref()
    }
}

fn notice(out: &mut Vec<Effect>, n: Notice) {
    out.push(Effect::Notice(Some(n)));
}

impl DeviceView {
    /// Applies a device update from the worker.
    pub fn on_update(&mut self, u: Update, seen: Seen) -> Vec<Effect> {
        let mut out = vec![];
        let now = seen.now;
        match u {
            Update::StepStarted(s) => {
                self.running = Some(s);
                self.failure = None;
                self.terminal = None;
            }
            Update::StepDone(s) => {
                self.running = None;
                Changes::new(&seen, &mut out).apply(|c| c.complete_activation_step(s, now));
            }
            Update::Terminal(s) => self.terminal = Some(s),
            Update::PendingSettled(resolved) => on_pending_settled(&mut out, &resolved),
            Update::Connected(ident) => self.on_connected(ident, seen, &mut out),
            Update::Activated(ident) => self.on_activated(ident, seen, &mut out),
            Update::Failed { step, error } => {
                out.push(Effect::Idle);
                self.running = None;
                self.looping = false;
                // The journal keeps the failure too (the case itself is unchanged).
                if seen.case.is_some() {
                    out.push(Effect::Journal(CaseEvent::ActivationFailed {
                        step,
                        error: error.message().0.to_string(),
                    }));
                }
                self.failure = Some(Failure { step, error });
                notice(&mut out, Notice::Error(Msg::new("device-step-failed")));
            }
            Update::Loop(ev) => self.on_loop_event(ev, &mut out),
            Update::LoopDone(summary) => self.on_loop_done(summary, seen, &mut out),
            Update::EndOfDayDone { total_minor } => self.on_end_of_day(total_minor, seen, &mut out),
            Update::LastTransaction(last) => {
                out.push(Effect::Idle);
                notice(&mut out, Notice::Info(last_transaction_msg(last.as_ref())));
            }
            Update::LastTransactionFailed(error) => {
                out.push(Effect::Idle);
                let why = crate::i18n::device::error_text(seen.lang, &error);
                notice(
                    &mut out,
                    Notice::Error(Msg {
                        id: "maint-last-failed",
                        args: vec![("why", why)],
                    }),
                );
            }
            Update::Practised => {
                out.push(Effect::Idle);
                Changes::new(&seen, &mut out).apply(|c| c.record_practice(now));
                notice(&mut out, Notice::Info(Msg::new("training-practised")));
            }
        }
        out
    }

    /// The terminal reported itself ready after activation.
    fn on_activated(&mut self, ident: DeviceIdentity, seen: Seen, out: &mut Vec<Effect>) {
        out.push(Effect::Idle);
        self.running = None;
        // The identity shown is the one the terminal reported last (ready, with its TID).
        self.identity = Some(ident.clone());
        // Activated only as the terminal's own report says: ready, with the approved TID.
        // A refusal is recorded too: the sub-steps that did not make the terminal ready are
        // dropped from the case (they run again) and the journal says why.
        let mut refused = None;
        Changes::new(&seen, out).apply(|c| match c.record_activation(ident, seen.now) {
            Ok(event) => event,
            Err(not) => {
                let event = CaseEvent::ActivationRefused {
                    reason: not.message().0.to_string(),
                };
                refused = Some(not);
                event
            }
        });
        notice(
            out,
            match refused {
                None => Notice::Info(Msg::new("activation-done")),
                Some(not) => {
                    let (id, args) = not.message();
                    Notice::Error(Msg { id, args })
                }
            },
        );
    }

    /// What the test loop reports while it runs.
    fn on_loop_event(&mut self, ev: LoopEvent, out: &mut Vec<Effect>) {
        match ev {
            LoopEvent::RoundStarted(i) => {
                self.current = i;
                self.terminal = None;
            }
            LoopEvent::Terminal(_, s) => self.terminal = Some(s),
            LoopEvent::Round(r) => self.rounds.push(r),
            LoopEvent::Recovering {
                step,
                attempt,
                left_ms,
                ..
            } => notice(
                out,
                Notice::Info(Msg {
                    id: step,
                    args: vec![
                        ("attempt", attempt.to_string()),
                        ("left", format!("{:.1}", left_ms as f64 / 1000.0)),
                    ],
                }),
            ),
            LoopEvent::Reversing(..)
            | LoopEvent::Committed { .. }
            | LoopEvent::Reversed { .. }
            | LoopEvent::OutcomeUnknown { .. } => {}
            LoopEvent::ReversalFailed(u) => notice(
                out,
                Notice::Error(Msg {
                    id: u.message_id(),
                    args: u.args(),
                }),
            ),
        }
    }

    /// The terminal told who it is: recorded, and checked against the label's serial number.
    fn on_connected(&mut self, ident: DeviceIdentity, seen: Seen, out: &mut Vec<Effect>) {
        use crate::onboarding::device::{check_serial, SerialCheck};
        out.push(Effect::Idle);
        let label = seen
            .case
            .map(|c| c.binding.serial_label.clone())
            .unwrap_or_default();
        let check = check_serial(&ident.serial, &label);
        self.connected = check == SerialCheck::Matches;
        self.identity = Some(ident.clone());
        let port = self.port.clone();
        // The terminal's word beats old records: what it does not bear out is dropped.
        let mut dropped = 0;
        Changes::new(&seen, out).apply(|c| {
            let event = c.record_identity(&port, ident.clone());
            if let CaseEvent::TerminalIdentified { dropped_steps, .. } = &event {
                dropped = *dropped_steps;
            }
            event
        });
        let shown = match check {
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
        };
        notice(out, shown);
    }

    /// A test loop ended: recorded (with a no-test-card waiver when the person chose one) and
    /// said.
    fn on_loop_done(&mut self, summary: Summary, seen: Seen, out: &mut Vec<Effect>) {
        out.push(Effect::Idle);
        self.looping = false;
        self.control = None;
        // The terminal's last word belongs to the run that just ended.
        self.terminal = None;
        let rec = TestRecord {
            at: seen.now,
            amount_fen: (summary.mode == Mode::Payment)
                .then_some(crate::onboarding::device::TEST_AMOUNT_FEN),
            summary: summary.clone(),
            latencies_ms: self.rounds.iter().map(|r| r.latency_ms).collect(),
        };
        let mut changes = Changes::new(&seen, out);
        changes.apply(|c| c.record_test(rec));
        if summary.pass && summary.mode == Mode::Connectivity && self.no_test_card {
            changes.apply(|c| c.waive_payment_test("no-test-card", seen.now));
        }
        let waived = changes.case().is_some_and(|c| c.test_waiver.is_some());
        if summary.unreversed.is_empty() {
            let id = match (summary.pass, summary.aborted) {
                (true, _) if summary.mode == Mode::Connectivity && !waived => {
                    "test-passed-connectivity"
                }
                (true, _) => "test-passed",
                (false, true) => "test-stopped",
                (false, false) => "test-failed",
            };
            notice(out, Notice::Info(Msg::new(id)));
        }
        self.summary = Some(summary);
    }

    /// The terminal closed its batch (end of day): kept in the case with the total it reported.
    fn on_end_of_day(&mut self, total_minor: Option<u64>, seen: Seen, out: &mut Vec<Effect>) {
        out.push(Effect::Idle);
        let tid = self
            .identity
            .as_ref()
            .map(|i| i.tid.clone())
            .unwrap_or_default();
        let eod = crate::onboarding::maintenance::EndOfDay {
            at: seen.now,
            count: None,
            total_minor,
            currency: 156,
            tid,
        };
        let previous = seen
            .case
            .and_then(|c| c.maintenance.last_end_of_day.clone())
            .map(Box::new);
        let kept = eod.clone();
        Changes::new(&seen, out).apply(|c| c.record_end_of_day(kept));
        // The app writes the day report and says where, with the total.
        out.push(Effect::DayReport {
            eod: Box::new(eod),
            previous,
        });
    }

    /// The ports found: shown on the Activation screen; the first one is the port to use when
    /// none was chosen (the demo uses its simulator).
    pub fn on_ports(&mut self, ports: Vec<(String, String)>, demo: bool) {
        self.ports = ports;
        self.scanning = false;
        if self.port.is_empty() {
            self.port = if demo {
                "sim".into()
            } else {
                self.ports.first().map(|p| p.0.clone()).unwrap_or_default()
            };
        }
    }

    /// Carries out a step's device command.
    pub fn on_command(&mut self, command: DeviceCommand, seen: Seen) -> Vec<Effect> {
        let mut out = vec![];
        match command {
            DeviceCommand::ScanPorts => {
                // The demo's terminal is its simulator, known before any scan.
                if seen.demo && self.port.is_empty() {
                    self.port = "sim".into();
                }
                self.scanning = true;
                out.push(Effect::ScanPorts);
            }
            DeviceCommand::Connect { port, password } => {
                self.identity = None;
                self.connected = false;
                self.port = port.clone();
                let sim = Box::new(case_sim(seen.sim, seen.sim_per_case, seen.case));
                out.push(Effect::Send(Request::Connect {
                    port,
                    password,
                    sim,
                }));
            }
            DeviceCommand::Activate { tid, skip } => {
                out.push(Effect::Send(Request::Activate { tid, skip }))
            }
            DeviceCommand::SerialConfirmedByPerson => {
                self.connected = true;
                Changes::new(&seen, &mut out).apply(|c| c.confirm_serial_by_person("operator"));
                notice(
                    &mut out,
                    Notice::Info(Msg::new("activation-serial-confirmed")),
                );
            }
            DeviceCommand::StartLoop(cfg) => {
                let control = Arc::new(Control::default());
                self.control = Some(control.clone());
                self.rounds.clear();
                self.summary = None;
                self.current = 0;
                self.planned = cfg.count;
                self.terminal = None;
                self.looping = true;
                out.push(Effect::Notice(None));
                out.push(Effect::Send(Request::Loop(cfg, control)));
            }
            DeviceCommand::TogglePause => {
                let Some(c) = &self.control else { return out };
                let paused = !c.pause.load(std::sync::atomic::Ordering::Relaxed);
                c.pause.store(paused, std::sync::atomic::Ordering::Relaxed);
                let id = if paused {
                    "test-paused"
                } else {
                    "test-resumed"
                };
                notice(&mut out, Notice::Info(Msg::new(id)));
            }
            DeviceCommand::Abort => {
                if self.abort_loop() {
                    notice(&mut out, Notice::Info(Msg::new("test-aborting")));
                }
            }
            DeviceCommand::Practice => out.push(Effect::Send(Request::Practice)),
            // The app checks the terminal and the pending store first.
            DeviceCommand::EndOfDay => out.push(Effect::EndOfDay),
            DeviceCommand::LastTransaction if !self.connected => {
                notice(
                    &mut out,
                    Notice::Error(Msg::new("activation-connect-first")),
                );
            }
            DeviceCommand::LastTransaction => out.push(Effect::Send(Request::LastTransaction)),
            DeviceCommand::Choose {
                mode,
                count,
                count_chosen,
            } => {
                self.mode = mode;
                self.count = count;
                self.count_chosen = count_chosen;
            }
            DeviceCommand::SetPort(port) => self.port = port,
        }
        out
    }

    /// Asks a running test loop to stop after its current round (its payment reversed first);
    /// whether one was running.
    pub fn abort_loop(&self) -> bool {
        let Some(c) = &self.control else { return false };
        c.abort.store(true, std::sync::atomic::Ordering::Relaxed);
        c.pause.store(false, std::sync::atomic::Ordering::Relaxed);
        true
    }
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

/// Test payments an earlier session left open on this terminal, settled on connecting.
fn on_pending_settled(out: &mut Vec<Effect>, resolved: &[Resolution]) {
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
        notice(
            out,
            if r.still_open() {
                Notice::Error(msg)
            } else {
                Notice::Info(msg)
            },
        );
    }
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

/// Whether `worker` runs a request (no worker: nothing runs).
pub fn worker_busy(worker: Option<&Worker>) -> bool {
    worker.is_some_and(|w| w.busy)
}

/// What the terminal said its last transaction was, in words the merchant can compare with a
/// slip: receipt and trace number, amount, and whether it was approved.
fn last_transaction_msg(last: Option<&crate::device::PaymentData>) -> Msg {
    let Some(p) = last else {
        return Msg::new("maint-last-none");
    };
    let or_unknown = |v: Option<String>| v.unwrap_or_else(|| "?".into());
    let approved = p.result.is_none_or(crate::device::TerminalCode::is_success);
    Msg {
        id: if approved {
            "maint-last-approved"
        } else {
            "maint-last-declined"
        },
        args: vec![
            ("receipt", or_unknown(p.receipt.map(|r| r.to_string()))),
            ("trace", or_unknown(p.trace.map(|t| t.to_string()))),
            (
                "yuan",
                or_unknown(p.amount_minor.map(crate::onboarding::catalog::fmt_fen)),
            ),
            (
                "code",
                p.result
                    .map_or_else(String::new, |c| format!("{:02X}", c.0)),
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    //! The device view replayed against events alone: no wizard, no worker, no store.
    use super::*;
    use crate::i18n::Lang;
    use crate::onboarding::sample::sample_case;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-07T08:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap()
    }

    static SIM: std::sync::LazyLock<SimConfig> = std::sync::LazyLock::new(SimConfig::default);

    fn seen(case: Option<&Case>) -> Seen<'_> {
        Seen {
            case,
            now: now(),
            demo: false,
            lang: Lang::En,
            sim: &SIM,
            sim_per_case: false,
        }
    }

    fn identity(serial: &str) -> DeviceIdentity {
        DeviceIdentity {
            serial: serial.into(),
            name: "SIM".into(),
            version: "1.0".into(),
            tid: "52000001".into(),
            status: "00".into(),
        }
    }

    fn notices(effects: &[Effect]) -> Vec<&'static str> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Notice(Some(Notice::Info(m) | Notice::Error(m))) => Some(m.id),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_wrong_terminal_is_recorded_on_a_copy_and_said_without_touching_the_open_case() {
        let case = sample_case(Lang::En, now(), "12345678");
        let mut view = DeviceView {
            port: "/dev/ttyUSB0".into(),
            ..DeviceView::default()
        };
        let effects = view.on_update(Update::Connected(identity("87654321")), seen(Some(&case)));
        assert!(matches!(effects[0], Effect::Idle));
        let Effect::Save(saved, CaseEvent::TerminalIdentified { .. }) = &effects[1] else {
            panic!("expected the identity to be saved: {effects:?}");
        };
        assert_eq!(
            saved
                .activation
                .identity
                .as_ref()
                .map(|i| i.serial.as_str()),
            Some("87654321")
        );
        // The case the view was shown is the app's: it is not changed behind its back.
        assert!(case.activation.identity.is_none());
        assert_eq!(notices(&effects), ["activation-wrong-device"]);
        assert!(!view.connected);
        assert_eq!(view.identity, Some(identity("87654321")));
    }

    #[test]
    fn a_finished_loop_saves_its_record_then_the_waiver_from_the_same_copy() {
        let case = sample_case(Lang::En, now(), "12345678");
        let mut view = DeviceView {
            no_test_card: true,
            looping: true,
            ..DeviceView::default()
        };
        let summary = Summary {
            count: 3,
            succeeded: 3,
            pass: true,
            ..Summary::not_run(Mode::Connectivity)
        };
        let effects = view.on_update(Update::LoopDone(summary), seen(Some(&case)));
        let saved: Vec<&Case> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::Save(c, _) => Some(&**c),
                _ => None,
            })
            .collect();
        assert_eq!(saved.len(), 2);
        // The second save carries the first one's change too.
        assert!(saved[1].test.is_some() && saved[1].test_waiver.is_some());
        assert_eq!(notices(&effects), ["test-passed"]);
        assert!(!view.looping && view.summary.is_some());
    }

    #[test]
    fn without_a_case_nothing_is_saved_or_journalled() {
        let mut view = DeviceView::default();
        let effects = view.on_update(
            Update::Failed {
                step: ActStep::Initialise,
                error: DeviceError::Timeout(crate::device::terminal::Wait::Accept),
            },
            seen(None),
        );
        assert!(effects
            .iter()
            .all(|e| !matches!(e, Effect::Save(..) | Effect::Journal(_))));
        assert_eq!(notices(&effects), ["device-step-failed"]);
    }

    #[test]
    fn starting_a_loop_clears_the_last_run_and_asks_the_worker() {
        let mut view = DeviceView {
            rounds: vec![],
            summary: Some(Summary::not_run(Mode::Payment)),
            ..DeviceView::default()
        };
        let cfg = crate::testloop::LoopConfig {
            mode: Mode::Payment,
            count: 4,
            interval: std::time::Duration::ZERO,
            timeout: std::time::Duration::from_secs(1),
            amount: crate::device::Amount {
                minor: 1,
                currency: crate::device::Currency::CNY,
            },
            p95_limit: std::time::Duration::from_secs(1),
            reversal_attempts: 1,
        };
        let effects = view.on_command(DeviceCommand::StartLoop(cfg), seen(None));
        assert!(view.looping && view.summary.is_none() && view.control.is_some());
        assert_eq!(view.planned, 4);
        assert!(matches!(effects[0], Effect::Notice(None)));
        assert!(matches!(effects[1], Effect::Send(Request::Loop(..))));
        assert!(view.abort_loop());
    }
}
