//! Device I/O: the protocol-neutral [`PaymentTerminal`] API (`terminal`) and its two
//! implementations — ZVT (`client`, `zvt_terminal`) and a driver process speaking the driver
//! protocol (`driver`) — transports with deadlines (serial, TCP, in-memory), port discovery,
//! and the [`Registry`] that opens a port from what the user typed (`driver:COMMAND [ARGS]`,
//! `tcp://…`, a device path, and `sim` once the simulator's opener is registered: the device
//! layer does not know the simulator).

pub mod activation;
pub mod client;
pub mod driver;
#[cfg(test)]
pub mod fake;
pub mod ports;
pub mod registry;
pub mod terminal;
pub mod transport;
pub mod zvt_terminal;

use client::{Client, ClientConfig};
pub use registry::{LineSettings, Opener, PortKind, Registry};
pub use terminal::{
    ActivationStep, Amount, Currency, DeviceError, FailureWords, Password, PaymentData,
    PaymentTerminal, PhaseTimes, Showing, TerminalCode, TerminalEvent, TerminalIdentity, Tid,
};
use transport::SerialSettings;

/// The default ZVT TCP port.
pub const ZVT_TCP_PORT: u16 = 20007;

/// Where the terminal is, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortSpec {
    /// A serial device path.
    Serial(String),
    /// `tcp://host:port`.
    Tcp(String),
    /// The built-in simulated terminal.
    Sim,
    /// A driver process: its program and arguments.
    Driver(Vec<String>),
}

/// Splits a driver's command line into words: blanks separate them, and '…' or "…" keep
/// blanks inside one; `None` for an unclosed quote.
pub fn split_command(text: &str) -> Option<Vec<String>> {
    let mut words = vec![];
    let mut word: Option<String> = None;
    let mut quote = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    if quote.is_some() {
        return None;
    }
    words.extend(word);
    Some(words)
}

impl PortSpec {
    /// Parses `sim`, `tcp://HOST[:PORT]`, `driver:COMMAND [ARGS]` or a device path.
    pub fn parse(text: &str) -> Option<PortSpec> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        if t.eq_ignore_ascii_case("sim") {
            return Some(PortSpec::Sim);
        }
        if let Some(command) = t.strip_prefix("driver:") {
            let argv = split_command(command)?;
            return (!argv.is_empty()).then_some(PortSpec::Driver(argv));
        }
        if let Some(addr) = t.strip_prefix("tcp://") {
            if addr.is_empty() {
                return None;
            }
            let has_port = addr
                .rsplit_once(':')
                .is_some_and(|(_, p)| p.parse::<u16>().is_ok());
            return Some(PortSpec::Tcp(if has_port {
                addr.to_string()
            } else {
                format!("{addr}:{ZVT_TCP_PORT}")
            }));
        }
        Some(PortSpec::Serial(t.to_string()))
    }
}

/// Why a port could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// No such device.
    #[error("{0}: no such device")]
    NotFound(String),
    /// Not allowed (on Linux: not in the `dialout` group).
    #[error("{0}: permission denied")]
    PermissionDenied(String),
    /// Another program has it open.
    #[error("{0}: device busy")]
    Busy(String),
    /// Could not connect over TCP.
    #[error("{0}: cannot connect: {1}")]
    Connect(String, String),
    /// Anything else.
    #[error("{0}: {1}")]
    Other(String, String),
}

impl OpenError {
    /// Message id and arguments for the user.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            OpenError::NotFound(p) => ("open-error-not-found", vec![("port", p.clone())]),
            OpenError::PermissionDenied(p) => ("open-error-permission", vec![("port", p.clone())]),
            OpenError::Busy(p) => ("open-error-busy", vec![("port", p.clone())]),
            OpenError::Connect(p, e) => (
                "open-error-connect",
                vec![("port", p.clone()), ("error", e.clone())],
            ),
            OpenError::Other(p, e) => (
                "open-error-other",
                vec![("port", p.clone()), ("error", e.clone())],
            ),
        }
    }
}

/// Classifies by the error's kind, never by its text (which depends on the OS and its
/// language).
pub(crate) fn serial_open_error(path: &str, e: serialport::Error) -> OpenError {
    use serialport::ErrorKind as K;
    use std::io::ErrorKind as Io;
    match e.kind {
        // serialport reports a port another program holds exclusively (EBUSY on Unix) as
        // `NoDevice`, like a missing one: the device file tells them apart.
        K::NoDevice if std::path::Path::new(path).exists() => OpenError::Busy(path.into()),
        K::NoDevice | K::Io(Io::NotFound) => OpenError::NotFound(path.into()),
        K::Io(Io::PermissionDenied) => OpenError::PermissionDenied(path.into()),
        K::Io(Io::ResourceBusy | Io::WouldBlock) => OpenError::Busy(path.into()),
        _ => OpenError::Other(path.into(), e.to_string()),
    }
}

/// Opens a ZVT line to a serial device or a TCP address (what the examples and the
/// simulator's tests use; everything else opens through a [`Registry`]).
pub fn open(
    spec: &PortSpec,
    serial: SerialSettings,
    config: ClientConfig,
) -> Result<Client, OpenError> {
    registry::open_line(
        spec,
        &LineSettings {
            serial,
            client: config,
        },
    )
}

/// An open terminal: ZVT over a line, or a driver process. Both are a [`PaymentTerminal`]
/// (through `Deref`); the ZVT client is reachable for the probe's diagnostics.
pub enum Terminal {
    /// ZVT over serial or TCP (the simulator included).
    Zvt(Client),
    /// A driver process.
    Driver(driver::DriverTerminal),
}

impl Terminal {
    /// The ZVT client, when the terminal speaks ZVT.
    pub fn zvt(&mut self) -> Option<&mut Client> {
        match self {
            Terminal::Zvt(c) => Some(c),
            Terminal::Driver(_) => None,
        }
    }
}

impl std::ops::Deref for Terminal {
    type Target = dyn PaymentTerminal;
    fn deref(&self) -> &Self::Target {
        match self {
            Terminal::Zvt(c) => c,
            Terminal::Driver(d) => d,
        }
    }
}

impl std::ops::DerefMut for Terminal {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            Terminal::Zvt(c) => c,
            Terminal::Driver(d) => d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_specs() {
        assert_eq!(PortSpec::parse("sim"), Some(PortSpec::Sim));
        assert_eq!(
            PortSpec::parse("tcp://10.0.0.5"),
            Some(PortSpec::Tcp("10.0.0.5:20007".into()))
        );
        assert_eq!(
            PortSpec::parse("tcp://localhost:9000"),
            Some(PortSpec::Tcp("localhost:9000".into()))
        );
        assert_eq!(
            PortSpec::parse("/dev/ttyUSB0"),
            Some(PortSpec::Serial("/dev/ttyUSB0".into()))
        );
        assert_eq!(
            PortSpec::parse("COM3"),
            Some(PortSpec::Serial("COM3".into()))
        );
        assert_eq!(
            PortSpec::parse("driver:python3 'my driver.py' --sim seed=3"),
            Some(PortSpec::Driver(vec![
                "python3".into(),
                "my driver.py".into(),
                "--sim".into(),
                "seed=3".into()
            ]))
        );
        assert_eq!(PortSpec::parse("driver:"), None);
        assert_eq!(PortSpec::parse("driver:python3 'open"), None);
        assert_eq!(PortSpec::parse("tcp://"), None);
        assert_eq!(PortSpec::parse("  "), None);
    }

    #[test]
    fn a_missing_device_is_reported_as_not_found() {
        let spec = PortSpec::parse("/dev/posbind-no-such-tty").unwrap();
        let e = open(&spec, SerialSettings::default(), ClientConfig::default())
            .err()
            .unwrap();
        assert!(matches!(e, OpenError::NotFound(_)), "{e:?}");
    }

    #[test]
    fn a_held_port_is_busy_and_a_missing_one_not_found_by_error_kind() {
        use serialport::{Error, ErrorKind};
        let dir = tempfile::tempdir().unwrap();
        let held = dir.path().join("ttyHELD");
        std::fs::write(&held, b"").unwrap();
        let held = held.to_string_lossy().to_string();
        let missing = dir.path().join("ttyNONE").to_string_lossy().to_string();
        // The text is no evidence either way.
        let e = || Error::new(ErrorKind::NoDevice, "No such file or directory");
        assert_eq!(serial_open_error(&held, e()), OpenError::Busy(held.clone()));
        assert_eq!(
            serial_open_error(&missing, e()),
            OpenError::NotFound(missing.clone())
        );
        let denied = Error::new(
            ErrorKind::Io(std::io::ErrorKind::PermissionDenied),
            "device busy",
        );
        assert_eq!(
            serial_open_error(&held, denied),
            OpenError::PermissionDenied(held.clone())
        );
    }
}
