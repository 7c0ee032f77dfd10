//! The device worker: one thread that owns the terminal connection (and the simulator in demo
//! mode) and runs connect, activation, test loop and practice requests, reporting progress as
//! events into the wizard's one channel. The UI never blocks on a device.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;

use super::app::Event;
use crate::device::activation::{Progress, COMMAND_LIMIT};
use crate::device::client::ClientConfig;
use crate::device::{
    DeviceError, LineSettings, Password, PaymentTerminal, PortSpec, Registry, Showing, Terminal,
    TerminalEvent, Tid,
};
use crate::onboarding::device::{ActStep, DeviceIdentity};
use crate::records;
use crate::sim::SimConfig;
use crate::store::lock::Lock;
use crate::store::pending::PendingStore;
use crate::testloop::pending::{PendingPayment, TerminalId};
use crate::testloop::{self, Control, LoopConfig, LoopEvent, Money, Resolution, Summary};

/// What the wizard asks of the device.
#[derive(Debug)]
pub enum Request {
    /// Open the port (`sim` starts the simulator), register, read the identity.
    Connect {
        /// Port as the user chose it.
        port: String,
        /// Terminal password.
        password: Password,
        /// The simulated terminal to start for the port `sim`.
        sim: Box<SimConfig>,
    },
    /// The activation sequence; sub-steps in `skip` are done already.
    Activate {
        /// TID from the approval.
        tid: Tid,
        /// Sub-steps to skip.
        skip: Vec<ActStep>,
    },
    /// The test loop.
    Loop(LoopConfig, Arc<Control>),
    /// End-of-Day for training practice.
    Practice,
    /// End-of-Day of a live case's terminal (the Maintenance screen): its total kept.
    EndOfDay,
    /// The terminal's last transaction (Repeat Receipt over ZVT, `last` over a driver).
    LastTransaction,
}

/// What the device did.
#[derive(Debug, Clone)]
pub enum Update {
    /// Connected; the identity read.
    Connected(DeviceIdentity),
    /// A sub-step started.
    StepStarted(ActStep),
    /// A sub-step finished.
    StepDone(ActStep),
    /// The terminal shows a status.
    Terminal(Showing),
    /// The terminal is ready.
    Activated(DeviceIdentity),
    /// Something failed (in words: `crate::i18n::device::error_text`).
    Failed {
        /// The sub-step (or `Identify` for connecting).
        step: ActStep,
        /// What went wrong.
        error: DeviceError,
    },
    /// A test-loop event.
    Loop(LoopEvent),
    /// The loop ended.
    LoopDone(Summary),
    /// End-of-Day practice done.
    Practised,
    /// A live case's End-of-Day done: the batch total the terminal reported, if it did.
    EndOfDayDone {
        /// Total of the closed batch, minor units.
        total_minor: Option<u64>,
    },
    /// Test payments an earlier session left open on this terminal, settled on connecting.
    PendingSettled(Vec<Resolution>),
    /// The terminal's last transaction as it reported it (`None`: it holds none).
    LastTransaction(Option<crate::device::PaymentData>),
    /// The terminal could not say what its last transaction was.
    LastTransactionFailed(DeviceError),
}

/// The handle the wizard keeps.
pub struct Worker {
    tx: Sender<Request>,
    /// Whether a request is running.
    pub busy: bool,
}

impl Worker {
    /// Starts the worker; the port `sim` starts the simulated terminal a connect request
    /// describes; test payments are recorded in the pending store of `data_dir`. A thread the
    /// system refuses is an error: a wizard whose device requests went nowhere would look hung.
    pub fn spawn(events: Sender<Event>, data_dir: PathBuf) -> std::io::Result<Worker> {
        let (tx, rx) = mpsc::channel();
        thread::Builder::new()
            .name("posbind-device".into())
            .spawn(move || serve(rx, events, data_dir))?;
        Ok(Worker { tx, busy: false })
    }

    /// Sends a request (ignored if the worker is gone).
    pub fn send(&mut self, r: Request) {
        if self.tx.send(r).is_ok() {
            self.busy = true;
        }
    }
}

struct State {
    client: Option<Terminal>,
    /// How ports open; `sim` keeps its simulator across reconnects (with the payments it
    /// booked) for as long as the same terminal is asked for.
    ports: Registry,
    /// The settings the registered simulator starts with (another case's terminal is another
    /// simulator).
    sim_config: Option<SimConfig>,
    /// Where every test payment is written before it is sent.
    store: PendingStore,
    /// The connected terminal as the pending store knows it.
    terminal: TerminalId,
    /// The connected terminal's lock: the one session that may talk to it about money.
    lock: Option<Lock>,
}

fn failed(step: ActStep, error: DeviceError) -> Update {
    Update::Failed { step, error }
}

fn serve(rx: Receiver<Request>, events: Sender<Event>, data_dir: PathBuf) {
    let mut st = State {
        client: None,
        ports: Registry::standard(),
        sim_config: None,
        store: PendingStore::new(&data_dir),
        terminal: TerminalId::default(),
        lock: None,
    };
    let send = |u: Update| events.send(Event::Device(u)).is_ok();
    while let Ok(req) = rx.recv() {
        let end = match req {
            Request::Connect {
                port,
                password,
                sim,
            } => connect(&mut st, &port, password, &sim, &send),
            Request::Activate { tid, skip } => activate(&mut st, &tid, &skip, &send),
            Request::Loop(cfg, control) => run_loop(&mut st, &cfg, &control, &send),
            Request::Practice => practice(&mut st, &send),
            Request::EndOfDay => end_of_day(&mut st, &send),
            Request::LastTransaction => last_transaction(&mut st, &send),
        };
        if !end {
            break;
        }
    }
}

fn connect(
    st: &mut State,
    port: &str,
    password: Password,
    sim: &SimConfig,
    send: &dyn Fn(Update) -> bool,
) -> bool {
    send(Update::StepStarted(ActStep::Identify));
    st.client = None;
    st.lock = None;
    let Some(spec) = PortSpec::parse(port) else {
        return send(failed(ActStep::Identify, DeviceError::BadPort(port.into())));
    };
    // Another case's simulated terminal: the simulator running stops (its opener is dropped)
    // and this one is started on connecting.
    if spec == PortSpec::Sim && st.sim_config.as_ref() != Some(sim) {
        crate::sim::opener::register(&mut st.ports, sim.clone());
        st.sim_config = Some(sim.clone());
    }
    let line = LineSettings {
        client: ClientConfig {
            password,
            ..ClientConfig::default()
        },
        ..LineSettings::default()
    };
    let mut client = match st.ports.connect(&spec, &line) {
        Ok(client) => client,
        Err(e) => return send(failed(ActStep::Identify, e)),
    };
    // Every command of the wizard's device work is bounded (the test loop bounds its own).
    client.set_command_limit(COMMAND_LIMIT);
    match crate::device::activation::identify(&mut *client) {
        Ok(ident) => {
            let ident: DeviceIdentity = records::identity(ident);
            // Test payments an earlier session left open on this terminal are settled first,
            // under its lock.
            st.terminal = TerminalId::new(Some(&ident.serial), Some(&ident.tid));
            let resolved = match open_session(st, &mut *client) {
                Ok(r) => r,
                Err(e) => {
                    let _ = client.log_off();
                    return send(failed(ActStep::Identify, e));
                }
            };
            st.client = Some(client);
            send(Update::StepDone(ActStep::Identify))
                && send(Update::Connected(ident))
                && (resolved.is_empty() || send(Update::PendingSettled(resolved)))
        }
        Err(e) => send(failed(ActStep::Identify, e)),
    }
}

/// Takes the terminal's lock and settles what the store holds for it.
fn open_session(
    st: &mut State,
    client: &mut dyn PaymentTerminal,
) -> Result<Vec<Resolution>, DeviceError> {
    if !st.terminal.is_known() {
        return Ok(vec![]);
    }
    let lock = st.store.lock_terminal(&st.terminal).map_err(|e| {
        let (id, args) = e.message();
        DeviceError::Refused { id, args }
    })?;
    let resolved = testloop::resolve_pending(
        client,
        &mut Money::new(&mut st.store, &st.terminal),
        COMMAND_LIMIT,
    )
    .map_err(|e| DeviceError::Refused {
        id: "pending-store-unreadable",
        args: vec![("error", e)],
    })?;
    st.lock = Some(lock);
    Ok(resolved)
}

fn not_connected(step: ActStep, send: &dyn Fn(Update) -> bool) -> bool {
    send(failed(step, DeviceError::NotConnected))
}

fn activate(st: &mut State, tid: &Tid, skip: &[ActStep], send: &dyn Fn(Update) -> bool) -> bool {
    let Some(client) = st.client.as_mut() else {
        return not_connected(ActStep::SetTid, send);
    };
    let mut progress = |p: Progress| {
        send(match p {
            Progress::Started(s) => Update::StepStarted(records::step(s)),
            Progress::Done(s) => Update::StepDone(records::step(s)),
            Progress::Terminal(s) => Update::Terminal(s),
        });
    };
    let skip = records::device_steps(skip);
    match crate::device::activation::activate(&mut **client, tid, &skip, &mut progress) {
        Ok(ident) => send(Update::Activated(records::identity(ident))),
        Err((step, e)) => send(failed(records::step(step), e)),
    }
}

fn run_loop(
    st: &mut State,
    cfg: &LoopConfig,
    control: &Control,
    send: &dyn Fn(Update) -> bool,
) -> bool {
    let Some(client) = st.client.as_mut() else {
        return not_connected(ActStep::Ready, send);
    };
    if cfg.mode == testloop::Mode::Payment && st.lock.is_none() {
        return send(failed(
            ActStep::Ready,
            DeviceError::Refused {
                id: "pending-terminal-unknown",
                args: vec![],
            },
        ));
    }
    // No new test payment while one of this terminal is still open: the summary lists it.
    let open = st
        .store
        .blocking(&st.terminal)
        .map(|o| o.len())
        .unwrap_or(1);
    if cfg.mode == testloop::Mode::Payment && open > 0 {
        control.abort.store(true, Ordering::Relaxed);
    }
    let mut money = Money::new(&mut st.store, &st.terminal);
    let mut summary = testloop::run_journaled(&mut **client, cfg, control, &mut money, &mut |e| {
        send(Update::Loop(e));
    });
    drop(money);
    // One rule for going live: a payment the store still holds open for this terminal (an
    // earlier session's too) is listed, and the test has not passed.
    match st.store.blocking(&st.terminal) {
        Ok(open) => summary.include_open(open.iter().map(PendingPayment::as_unreversed).collect()),
        // Unreadable now (it was read when the session began): not passed; Go-live names the
        // file when it refuses.
        Err(_) => summary.pass = false,
    }
    control.abort.store(false, Ordering::Relaxed);
    send(Update::LoopDone(summary))
}

/// End-of-Day with the total the status information carries (BMP 04).
fn end_of_day(st: &mut State, send: &dyn Fn(Update) -> bool) -> bool {
    let Some(client) = st.client.as_mut() else {
        return not_connected(ActStep::EndOfDay, send);
    };
    let mut total = None;
    let mut on = |e: TerminalEvent| match e {
        TerminalEvent::Showing(s) => {
            send(Update::Terminal(s));
        }
        TerminalEvent::PaymentData(d) => total = d.amount_minor.or(total),
        _ => {}
    };
    match client.end_of_day(&mut on) {
        Ok(()) => send(Update::EndOfDayDone { total_minor: total }),
        Err(e) => send(failed(ActStep::EndOfDay, e)),
    }
}

/// The terminal's last transaction, read without changing anything on it.
fn last_transaction(st: &mut State, send: &dyn Fn(Update) -> bool) -> bool {
    let Some(client) = st.client.as_mut() else {
        return send(Update::LastTransactionFailed(DeviceError::NotConnected));
    };
    match client.repeat_last_receipt() {
        Ok(last) => send(Update::LastTransaction(last)),
        Err(e) => send(Update::LastTransactionFailed(e)),
    }
}

fn practice(st: &mut State, send: &dyn Fn(Update) -> bool) -> bool {
    let Some(client) = st.client.as_mut() else {
        return not_connected(ActStep::EndOfDay, send);
    };
    let mut on = |e: TerminalEvent| {
        if let TerminalEvent::Showing(s) = e {
            send(Update::Terminal(s));
        }
    };
    match client.end_of_day(&mut on) {
        Ok(()) => send(Update::Practised),
        Err(e) => send(failed(ActStep::EndOfDay, e)),
    }
}
