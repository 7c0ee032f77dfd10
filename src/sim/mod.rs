//! The simulated payment terminal: the terminal side of ZVT, spec-exact, with state, delays,
//! declines by rule and seeded fault injection. It runs on a pseudo-terminal pair (so clients
//! use the real serial code path) or on TCP.

pub mod config;
pub mod runner;
pub mod state_file;
pub mod terminal;

use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use serialport::{SerialPort, TTYPort};

use crate::device::transport::{SerialTransport, TcpTransport};
pub use config::SimConfig;
pub use runner::{Logger, RunEnd, Runner};
pub use terminal::Terminal;

/// A terminal built from `config`, with its saved state when a state file exists. A state file
/// that cannot be used is left alone (the command line refuses it before starting, see
/// [`state_file::check`]; saving refuses it again).
pub fn load_terminal(config: SimConfig) -> Terminal {
    let mut t = Terminal::new(config);
    if let Some(path) = &t.config.state_file {
        if let Ok(Some(state)) = state_file::read(path) {
            t.state = state;
        }
    }
    t
}

/// A simulator running on a pseudo-terminal in a background thread.
pub struct PtySim {
    path: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<(RunEnd, Terminal)>>,
}

impl PtySim {
    /// Starts a simulator; clients open [`PtySim::path`] as a serial port.
    pub fn spawn(config: SimConfig, log: Option<Logger>) -> std::io::Result<PtySim> {
        let (master, slave) = TTYPort::pair().map_err(|e| std::io::Error::other(e.to_string()))?;
        let path = slave
            .name()
            .ok_or_else(|| std::io::Error::other("pseudo-terminal has no name"))?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("posbind-sim".into())
            .spawn(move || {
                // Holding the slave open keeps the master readable while no client is
                // connected, so a client can disconnect and connect again.
                let _slave = slave;
                let mut terminal = load_terminal(config);
                let transport = Box::new(SerialTransport::from_port(Box::new(master)));
                let end = Runner::new(transport, &mut terminal, flag, log).run();
                (end, terminal)
            })?;
        Ok(PtySim {
            path,
            stop,
            thread: Some(thread),
        })
    }

    /// The device path to open.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether the simulator thread has ended (e.g. a `disconnect_after` fault hung up).
    pub fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }

    /// Waits until the simulator ends by itself (a hang-up fault, or never).
    pub fn wait(mut self) -> Option<(RunEnd, Terminal)> {
        self.thread.take().and_then(|t| t.join().ok())
    }

    /// Stops the simulator and returns why it ended and its final state.
    pub fn stop(mut self) -> Option<(RunEnd, Terminal)> {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.take().and_then(|t| t.join().ok())
    }
}

impl Drop for PtySim {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Serves ECR connections on `listener` one after another, keeping the terminal's state
/// between them; runs until a `disconnect_after` fault or the stop flag ends it.
pub fn serve_tcp(
    listener: TcpListener,
    config: SimConfig,
    stop: Arc<AtomicBool>,
    log: Option<Logger>,
) -> RunEnd {
    let mut terminal = load_terminal(config);
    for conn in listener.incoming() {
        if stop.load(Ordering::Relaxed) {
            return RunEnd::Stopped;
        }
        let Ok(stream) = conn else { continue };
        if let Some(l) = &log {
            l(&format!(
                "ECR connected from {}",
                stream
                    .peer_addr()
                    .map(|a| a.to_string())
                    .unwrap_or_default()
            ));
        }
        let transport = Box::new(TcpTransport::from_stream(stream));
        let end = Runner::new(transport, &mut terminal, stop.clone(), log.clone()).run();
        if end != RunEnd::Disconnected {
            return end;
        }
    }
    RunEnd::Stopped
}
