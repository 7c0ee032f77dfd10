//! The simulated payment terminal: the terminal side of ZVT, spec-exact, with state, delays,
//! declines by rule and seeded fault injection. It runs on a pseudo-terminal pair (so clients
//! use the real serial code path; Unix), on TCP on loopback (Windows, or any OS on request), or
//! on a TCP address of the user's choice (`posbind simulate --tcp`).

pub mod config;
pub mod opener;
pub mod runner;
pub mod state_file;
pub mod terminal;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::device::transport::{SerialTransport, TcpTransport};
use crate::device::PortSpec;
use crate::platform::{self, SimLine};
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

/// A simulator running in a background thread on this OS's [`SimLine`]: a pseudo-terminal on
/// Unix (clients use the real serial code path), TCP on loopback on Windows.
pub struct PtySim {
    path: String,
    stop: Arc<AtomicBool>,
    /// The loopback address to connect to once, so a listener blocked in `accept` sees `stop`.
    wake: Option<SocketAddr>,
    thread: Option<JoinHandle<(RunEnd, Terminal)>>,
}

impl PtySim {
    /// Starts a simulator on this OS's line; clients open [`PtySim::port_spec`].
    pub fn spawn(config: SimConfig, log: Option<Logger>) -> std::io::Result<PtySim> {
        PtySim::spawn_on(platform::sim_line()?, config, log)
    }

    /// Starts a simulator on `line` (e.g. [`SimLine::loopback`] on any OS).
    pub fn spawn_on(
        line: SimLine,
        config: SimConfig,
        log: Option<Logger>,
    ) -> std::io::Result<PtySim> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let builder = std::thread::Builder::new().name("posbind-sim".into());
        let (path, wake, thread) = match line {
            SimLine::Pty {
                port,
                keep_open,
                path,
            } => {
                let thread = builder.spawn(move || {
                    // Holding the client's end open keeps ours readable while no client is
                    // connected, so a client can disconnect and connect again.
                    let _keep_open = keep_open;
                    let mut terminal = load_terminal(config);
                    let transport = Box::new(SerialTransport::from_port(port));
                    let end = Runner::new(transport, &mut terminal, flag, log).run();
                    (end, terminal)
                })?;
                (path, None, thread)
            }
            SimLine::Loopback(listener) => {
                let addr = listener.local_addr()?;
                let thread = builder.spawn(move || {
                    let mut terminal = load_terminal(config);
                    let end = serve_tcp_with(listener, &mut terminal, flag, log);
                    (end, terminal)
                })?;
                (format!("tcp://{addr}"), Some(addr), thread)
            }
        };
        Ok(PtySim {
            path,
            stop,
            wake,
            thread: Some(thread),
        })
    }

    /// What clients open: a device path, or `tcp://127.0.0.1:PORT` on loopback.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// [`PtySim::path`] as a port to open with [`crate::device::open`].
    pub fn port_spec(&self) -> PortSpec {
        match self.wake {
            Some(addr) => PortSpec::Tcp(addr.to_string()),
            None => PortSpec::Serial(self.path.clone()),
        }
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
        self.signal_stop();
        self.thread.take().and_then(|t| t.join().ok())
    }

    fn signal_stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(addr) = self.wake {
            // A listener waiting for the next client only sees the flag once someone connects.
            let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
        }
    }
}

impl Drop for PtySim {
    fn drop(&mut self) {
        self.signal_stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Serves ECR connections on `listener` one after another, keeping the terminal's state
/// between them; runs until a `disconnect_after` fault or the stop flag ends it. A real
/// terminal serves one ECR at a time: a second one connecting meanwhile is refused at once
/// (its connection closed, a line logged) instead of waiting unanswered, and a client that
/// sends nothing for `idle_timeout_s` is dropped so the next one can connect.
pub fn serve_tcp(
    listener: TcpListener,
    config: SimConfig,
    stop: Arc<AtomicBool>,
    log: Option<Logger>,
) -> RunEnd {
    serve_tcp_with(listener, &mut load_terminal(config), stop, log)
}

fn serve_tcp_with(
    listener: TcpListener,
    terminal: &mut Terminal,
    stop: Arc<AtomicBool>,
    log: Option<Logger>,
) -> RunEnd {
    let say = |line: &str| {
        if let Some(l) = &log {
            l(line);
        }
    };
    let wake = listener.local_addr().ok();
    let busy = Arc::new(AtomicBool::new(false));
    let ended = Arc::new(AtomicBool::new(false));
    let (tx, rx) = std::sync::mpsc::channel::<TcpStream>();
    let acceptor = {
        let (stop, busy, ended, log) = (stop.clone(), busy.clone(), ended.clone(), log.clone());
        std::thread::Builder::new()
            .name("posbind-sim-accept".into())
            .spawn(move || {
                let done = || stop.load(Ordering::Relaxed) || ended.load(Ordering::Relaxed);
                accept_one_at_a_time(&listener, &tx, &busy, done, log.as_ref())
            })
    };
    if let Err(e) = acceptor {
        say(&format!("cannot accept connections: {e}"));
        return RunEnd::Stopped;
    }
    let end = loop {
        if stop.load(Ordering::Relaxed) {
            break RunEnd::Stopped;
        }
        let stream = match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(s) => s,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break RunEnd::Stopped,
        };
        say(&format!(
            "ECR connected from {}",
            stream
                .peer_addr()
                .map(|a| a.to_string())
                .unwrap_or_default()
        ));
        let transport = Box::new(TcpTransport::from_stream(stream));
        let idle = terminal.config.idle_timeout_s;
        let mut runner = Runner::new(transport, terminal, stop.clone(), log.clone());
        if idle > 0 {
            runner = runner.drop_when_silent(Duration::from_secs(idle));
        }
        let end = runner.run();
        busy.store(false, Ordering::Relaxed);
        if end != RunEnd::Disconnected {
            break end;
        }
    };
    // The acceptor waits in `accept`: one connection wakes it to see that the run ended.
    ended.store(true, Ordering::Relaxed);
    if let Some(addr) = wake {
        let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
    }
    end
}

/// How long a new connection waits for the one being served to end before it is refused.
const REPLACE_WAIT: Duration = Duration::from_secs(2);

/// Accepts connections until `done` says so: hands one to the serving loop through `tx` while
/// none is being served (`busy`), and closes any other at once, with a log line.
fn accept_one_at_a_time(
    listener: &TcpListener,
    tx: &std::sync::mpsc::Sender<TcpStream>,
    busy: &AtomicBool,
    done: impl Fn() -> bool,
    log: Option<&Logger>,
) {
    for conn in listener.incoming() {
        if done() {
            return;
        }
        let Ok(stream) = conn else { continue };
        // A client that just hung up and connects again is served once the run with its old
        // connection has seen the hang-up (within a read's wake-up time).
        let since = std::time::Instant::now();
        while busy.load(Ordering::Relaxed) && since.elapsed() < REPLACE_WAIT && !done() {
            std::thread::sleep(Duration::from_millis(20));
        }
        if busy.swap(true, Ordering::Relaxed) {
            if let Some(l) = log {
                let from = stream
                    .peer_addr()
                    .map(|a| a.to_string())
                    .unwrap_or_default();
                l(&format!(
                    "second ECR from {from} refused: the terminal serves one ECR at a time"
                ));
            }
            let _ = stream.shutdown(std::net::Shutdown::Both);
            continue;
        }
        if tx.send(stream).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::client::ClientConfig;
    use crate::device::transport::SerialSettings;

    fn identify(sim: &PtySim) -> String {
        let spec = sim.port_spec();
        let mut client =
            crate::device::open(&spec, SerialSettings::default(), ClientConfig::default()).unwrap();
        client.register().unwrap();
        let id = client.status_enquiry().unwrap();
        id.serial.map(|s| s.hex()).unwrap_or_default()
    }

    #[test]
    fn the_loopback_simulator_serves_one_client_after_another_and_stops_while_idle() {
        let config = SimConfig::load(None, &["serial=00C0FFEE".into()]).unwrap();
        let sim = PtySim::spawn_on(SimLine::loopback().unwrap(), config, None).unwrap();
        assert!(sim.path().starts_with("tcp://127.0.0.1:"), "{}", sim.path());
        assert!(matches!(sim.port_spec(), PortSpec::Tcp(_)));
        assert_eq!(identify(&sim), "00C0FFEE");
        // The first client has gone; the same terminal serves the next one.
        assert_eq!(identify(&sim), "00C0FFEE");
        // Stopping while it waits for a client must not hang in accept.
        let (end, _) = sim.stop().unwrap();
        assert_eq!(end, RunEnd::Stopped);
    }

    /// Whether the simulator closed `stream` (end of file or reset) within the deadline.
    fn closed_by_the_simulator(stream: &mut TcpStream) -> bool {
        use std::io::Read;
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut b = [0u8; 64];
        loop {
            match stream.read(&mut b) {
                Ok(0) => return true,
                // An ACK or anything the terminal sends first: keep reading.
                Ok(_) => continue,
                Err(e) => {
                    return !matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    )
                }
            }
        }
    }

    #[test]
    fn a_second_tcp_client_is_refused_at_once_and_a_silent_one_dropped() {
        use std::io::Write;
        let config = SimConfig::load(None, &["idle_timeout_s=1".into()]).unwrap();
        let sim = PtySim::spawn_on(SimLine::loopback().unwrap(), config, None).unwrap();
        let PortSpec::Tcp(addr) = sim.port_spec() else {
            panic!("loopback");
        };
        // One byte of a frame, then silence.
        let mut silent = TcpStream::connect(&addr).unwrap();
        silent.write_all(&[0x10]).unwrap();
        // Accepted after the first: refused at once, not left waiting.
        let mut second = TcpStream::connect(&addr).unwrap();
        assert!(
            closed_by_the_simulator(&mut second),
            "the second client waits"
        );
        // The silent one is dropped after its idle time, and the terminal serves the next.
        assert!(
            closed_by_the_simulator(&mut silent),
            "the silent client is kept"
        );
        assert_eq!(identify(&sim), "12345678");
        let (end, _) = sim.stop().unwrap();
        assert_eq!(end, RunEnd::Stopped);
    }

    #[test]
    fn the_platform_simulator_is_opened_through_its_port_spec() {
        let sim = PtySim::spawn(SimConfig::default(), None).unwrap();
        assert_eq!(PortSpec::parse(sim.path()), Some(sim.port_spec()));
        assert_eq!(identify(&sim), "12345678");
    }
}
