//! Device I/O: transports with deadlines (serial, TCP, in-memory), the ZVT terminal client,
//! port discovery, and opening a port from what the user typed.

pub mod activation;
pub mod client;
pub mod ports;
pub mod transport;

use std::time::Duration;

use client::{Client, ClientConfig};
use transport::{SerialSettings, SerialTransport, TcpTransport};

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
}

impl PortSpec {
    /// Parses `sim`, `tcp://HOST[:PORT]` or a device path.
    pub fn parse(text: &str) -> Option<PortSpec> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        if t.eq_ignore_ascii_case("sim") {
            return Some(PortSpec::Sim);
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
#[derive(Debug, thiserror::Error)]
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

fn serial_open_error(path: &str, e: serialport::Error) -> OpenError {
    use serialport::ErrorKind as K;
    let text = e.to_string();
    match e.kind {
        K::NoDevice => OpenError::NotFound(path.into()),
        K::Io(std::io::ErrorKind::NotFound) => OpenError::NotFound(path.into()),
        K::Io(std::io::ErrorKind::PermissionDenied) => OpenError::PermissionDenied(path.into()),
        _ if text.contains("busy") || text.contains("EBUSY") || text.contains("EWOULDBLOCK") => {
            OpenError::Busy(path.into())
        }
        _ if text.contains("No such file") => OpenError::NotFound(path.into()),
        _ if text.contains("ermission denied") => OpenError::PermissionDenied(path.into()),
        _ => OpenError::Other(path.into(), text),
    }
}

/// Opens a serial or TCP terminal connection (the simulator is started by the caller, which
/// then opens its pseudo-terminal as a serial path).
pub fn open(
    spec: &PortSpec,
    serial: SerialSettings,
    config: ClientConfig,
) -> Result<Client, OpenError> {
    match spec {
        PortSpec::Serial(path) => {
            let t = SerialTransport::open(path, serial).map_err(|e| serial_open_error(path, e))?;
            Ok(Client::new(Box::new(t), config))
        }
        PortSpec::Tcp(addr) => {
            let t = TcpTransport::connect(addr, Duration::from_secs(5))
                .map_err(|e| OpenError::Connect(addr.clone(), e.to_string()))?;
            Ok(Client::new(Box::new(t), config))
        }
        PortSpec::Sim => Err(OpenError::Other(
            "sim".into(),
            "the simulator must be started first".into(),
        )),
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
}
