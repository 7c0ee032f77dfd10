//! Byte transports with a deadline on every read: serial port, TCP, and an in-memory pipe.

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use serialport::{DataBits, FlowControl, Parity, SerialPort, StopBits};

use crate::zvt::link::{Link, LinkTimers, SerialLink, StreamLink};

/// A byte pipe to a terminal.
pub trait Transport: Send {
    /// Writes all bytes.
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Reads what is available, waiting until `deadline` at most; `Ok(0)` when the deadline
    /// passed without data. A closed peer is an error, never `Ok(0)`.
    fn read_until(&mut self, buf: &mut [u8], deadline: Instant) -> io::Result<usize>;
    /// Reads what has already arrived, without waiting; `Ok(0)` when nothing has.
    fn read_waiting(&mut self, buf: &mut [u8]) -> io::Result<usize>;
    /// The link layer this transport needs.
    fn new_link(&self, timers: LinkTimers) -> Box<dyn Link>;
}

fn remaining(deadline: Instant) -> Option<Duration> {
    let left = deadline.saturating_duration_since(Instant::now());
    (!left.is_zero()).then_some(left)
}

/// Serial line settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SerialSettings {
    /// Baud rate (ZVT default 9600).
    pub baud: u32,
    /// Two stop bits (the spec), or one (many terminals accept it).
    pub two_stop_bits: bool,
}

impl Default for SerialSettings {
    fn default() -> Self {
        SerialSettings {
            baud: 9600,
            two_stop_bits: true,
        }
    }
}

/// A serial port (a USB-serial adapter, an RS-232 port, or a pseudo-terminal).
pub struct SerialTransport {
    port: Box<dyn SerialPort>,
}

impl SerialTransport {
    /// Opens `path` with 8 data bits, no parity, 2 stop bits, no handshake.
    pub fn open(
        path: &str,
        settings: SerialSettings,
    ) -> Result<SerialTransport, serialport::Error> {
        let stop = if settings.two_stop_bits {
            StopBits::Two
        } else {
            StopBits::One
        };
        let mut port = serialport::new(path, settings.baud)
            .data_bits(DataBits::Eight)
            .parity(Parity::None)
            .stop_bits(stop)
            .flow_control(FlowControl::None)
            .timeout(Duration::from_millis(100))
            .open()?;
        // Some adapters need DTR/RTS raised; a pseudo-terminal refuses them ("not a
        // typewriter"), which is harmless.
        let _ = port.write_data_terminal_ready(true);
        let _ = port.write_request_to_send(true);
        Ok(SerialTransport { port })
    }

    /// Wraps an already open port (e.g. one end of a pseudo-terminal pair).
    pub fn from_port(port: Box<dyn SerialPort>) -> SerialTransport {
        SerialTransport { port }
    }
}

impl Transport for SerialTransport {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        // With no handshake a write only fails when the device is gone (unplugged adapter,
        // hung-up pseudo-terminal; the crate reports a failed drain as "flush failed").
        let gone = |e: io::Error| match e.kind() {
            io::ErrorKind::Interrupted | io::ErrorKind::TimedOut => e,
            _ => io::Error::new(io::ErrorKind::BrokenPipe, e.to_string()),
        };
        self.port.write_all(bytes).map_err(gone)?;
        self.port.flush().map_err(gone)
    }

    fn read_until(&mut self, buf: &mut [u8], deadline: Instant) -> io::Result<usize> {
        loop {
            let Some(left) = remaining(deadline) else {
                return Ok(0);
            };
            // The OS may be asked to wait less than `left` (Windows: see the platform's
            // `serial_read_slice`); a slice that ends without bytes reads again.
            self.port
                .set_timeout(crate::platform::serial_read_slice(left))
                .map_err(|e| io::Error::other(e.to_string()))?;
            match self.port.read(buf) {
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => return Ok(n),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
                    ) =>
                {
                    continue
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn read_waiting(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.port.bytes_to_read() {
            Ok(0) => Ok(0),
            Ok(_) => self.read_until(buf, Instant::now() + Duration::from_millis(50)),
            // The line is in trouble (e.g. hung up): a short read says how, in the terms
            // `is_disconnect` knows.
            Err(_) => self.read_until(buf, Instant::now() + Duration::from_millis(1)),
        }
    }

    fn new_link(&self, timers: LinkTimers) -> Box<dyn Link> {
        Box::new(SerialLink::new(timers))
    }
}

/// ZVT over TCP (bare APDUs).
pub struct TcpTransport {
    stream: TcpStream,
}

impl TcpTransport {
    /// Connects to `addr` (`host:port`), giving up after `timeout`.
    pub fn connect(addr: &str, timeout: Duration) -> io::Result<TcpTransport> {
        let mut last = io::Error::new(io::ErrorKind::NotFound, "no address");
        for a in addr.to_socket_addrs()? {
            match TcpStream::connect_timeout(&a, timeout) {
                Ok(stream) => {
                    stream.set_nodelay(true)?;
                    return Ok(TcpTransport { stream });
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// Wraps a connected stream.
    pub fn from_stream(stream: TcpStream) -> TcpTransport {
        let _ = stream.set_nodelay(true);
        TcpTransport { stream }
    }
}

impl Transport for TcpTransport {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes)
    }

    fn read_until(&mut self, buf: &mut [u8], deadline: Instant) -> io::Result<usize> {
        loop {
            let Some(left) = remaining(deadline) else {
                return Ok(0);
            };
            self.stream.set_read_timeout(Some(left))?;
            match self.stream.read(buf) {
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => return Ok(n),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    return Ok(0)
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    fn read_waiting(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.stream.set_nonblocking(true)?;
        let r = self.stream.read(buf);
        self.stream.set_nonblocking(false)?;
        match r {
            Ok(0) => Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => Ok(n),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(0),
            Err(e) => Err(e),
        }
    }

    fn new_link(&self, _timers: LinkTimers) -> Box<dyn Link> {
        Box::new(StreamLink::new())
    }
}

/// One end of an in-memory pipe (unit tests; `serial` chooses the link it pairs with).
pub struct MemoryTransport {
    tx: Sender<Vec<u8>>,
    rx: Receiver<Vec<u8>>,
    pending: Vec<u8>,
    serial: bool,
}

impl MemoryTransport {
    /// Two connected ends.
    pub fn pair(serial: bool) -> (MemoryTransport, MemoryTransport) {
        let (a_tx, b_rx) = mpsc::channel();
        let (b_tx, a_rx) = mpsc::channel();
        let end = |tx, rx| MemoryTransport {
            tx,
            rx,
            pending: vec![],
            serial,
        };
        (end(a_tx, a_rx), end(b_tx, b_rx))
    }
}

impl Transport for MemoryTransport {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.tx
            .send(bytes.to_vec())
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }

    fn read_until(&mut self, buf: &mut [u8], deadline: Instant) -> io::Result<usize> {
        if self.pending.is_empty() {
            let Some(left) = remaining(deadline) else {
                return Ok(0);
            };
            match self.rx.recv_timeout(left) {
                Ok(v) => self.pending = v,
                Err(RecvTimeoutError::Timeout) => return Ok(0),
                Err(RecvTimeoutError::Disconnected) => return Err(io::ErrorKind::BrokenPipe.into()),
            }
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }

    fn read_waiting(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            match self.rx.try_recv() {
                Ok(v) => self.pending = v,
                Err(mpsc::TryRecvError::Empty) => return Ok(0),
                Err(mpsc::TryRecvError::Disconnected) => {
                    return Err(io::ErrorKind::BrokenPipe.into())
                }
            }
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }

    fn new_link(&self, timers: LinkTimers) -> Box<dyn Link> {
        if self.serial {
            Box::new(SerialLink::new(timers))
        } else {
            Box::new(StreamLink::new())
        }
    }
}

/// Whether an I/O error means the other side went away (unplugged, closed, hung up).
pub fn is_disconnect(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::NotConnected
    ) || e
        .raw_os_error()
        .is_some_and(crate::platform::is_disconnect_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_pipe_reads_respect_the_deadline_and_report_hangup() {
        let (mut a, mut b) = MemoryTransport::pair(true);
        let mut buf = [0u8; 4];
        let t = Instant::now();
        assert_eq!(
            b.read_until(&mut buf, t + Duration::from_millis(20))
                .unwrap(),
            0
        );
        a.write_all(&[1, 2, 3, 4, 5, 6]).unwrap();
        assert_eq!(
            b.read_until(&mut buf, Instant::now() + Duration::from_secs(1))
                .unwrap(),
            4
        );
        assert_eq!(
            b.read_until(&mut buf, Instant::now() + Duration::from_secs(1))
                .unwrap(),
            2
        );
        drop(a);
        let e = b
            .read_until(&mut buf, Instant::now() + Duration::from_secs(1))
            .unwrap_err();
        assert!(is_disconnect(&e));
    }

    #[test]
    fn a_deadline_in_the_past_returns_at_once() {
        let (_a, mut b) = MemoryTransport::pair(false);
        let mut buf = [0u8; 4];
        assert_eq!(b.read_until(&mut buf, Instant::now()).unwrap(), 0);
    }
}
