//! The one place a port is opened: a registry of openers, one per kind of port. The device
//! layer registers the kinds it owns (a serial device, `tcp://`, a driver process); the
//! command line and the wizard add the built-in simulator (`sim`), which lives above the device
//! layer and plugs in here like any other kind — so nothing in `device` knows the simulator.

use std::time::Duration;

use super::client::{Client, ClientConfig};
use super::transport::{SerialSettings, SerialTransport, TcpTransport};
use super::{driver, serial_open_error, DeviceError, OpenError, PortSpec, Terminal};

/// The kinds of port [`PortSpec`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortKind {
    /// A serial device path.
    Serial,
    /// `tcp://host:port`.
    Tcp,
    /// The built-in simulated terminal.
    Sim,
    /// A driver process.
    Driver,
}

impl PortSpec {
    /// Which kind of port this is.
    pub fn kind(&self) -> PortKind {
        match self {
            PortSpec::Serial(_) => PortKind::Serial,
            PortSpec::Tcp(_) => PortKind::Tcp,
            PortSpec::Sim => PortKind::Sim,
            PortSpec::Driver(_) => PortKind::Driver,
        }
    }
}

/// How the line to a ZVT terminal is set up (a driver process ignores both).
#[derive(Debug, Clone, Copy, Default)]
pub struct LineSettings {
    /// Serial line settings.
    pub serial: SerialSettings,
    /// ZVT client settings (password, currency, timers).
    pub client: ClientConfig,
}

/// Opens one kind of port.
pub trait Opener: Send {
    /// Opens the terminal `spec` names.
    fn open(&mut self, spec: &PortSpec, line: &LineSettings) -> Result<Terminal, DeviceError>;
}

/// The openers, by kind of port.
pub struct Registry {
    openers: Vec<(PortKind, Box<dyn Opener>)>,
}

impl Registry {
    /// A registry with the kinds the device layer owns: serial, TCP and driver. `sim` is
    /// added by whoever runs the simulator ([`Registry::register`]).
    pub fn standard() -> Registry {
        let mut r = Registry { openers: vec![] };
        r.register(PortKind::Serial, Box::new(LineOpener));
        r.register(PortKind::Tcp, Box::new(LineOpener));
        r.register(PortKind::Driver, Box::new(DriverOpener));
        r
    }

    /// Adds (or replaces) the opener of one kind of port.
    pub fn register(&mut self, kind: PortKind, opener: Box<dyn Opener>) {
        self.openers.retain(|(k, _)| *k != kind);
        self.openers.push((kind, opener));
    }

    /// Opens `spec` with the opener registered for its kind.
    pub fn connect(
        &mut self,
        spec: &PortSpec,
        line: &LineSettings,
    ) -> Result<Terminal, DeviceError> {
        let kind = spec.kind();
        match self.openers.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, opener)) => opener.open(spec, line),
            None => Err(DeviceError::BadPort(label(spec))),
        }
    }
}

/// What the user would call the port, for messages.
pub fn label(spec: &PortSpec) -> String {
    match spec {
        PortSpec::Serial(p) | PortSpec::Tcp(p) => p.clone(),
        PortSpec::Sim => "sim".into(),
        PortSpec::Driver(argv) => driver::label(argv),
    }
}

/// Serial devices and `tcp://`: ZVT over a line.
struct LineOpener;

impl Opener for LineOpener {
    fn open(&mut self, spec: &PortSpec, line: &LineSettings) -> Result<Terminal, DeviceError> {
        Ok(Terminal::Zvt(open_line(spec, line)?))
    }
}

/// A driver process, started per connection.
struct DriverOpener;

impl Opener for DriverOpener {
    fn open(&mut self, spec: &PortSpec, _: &LineSettings) -> Result<Terminal, DeviceError> {
        match spec {
            PortSpec::Driver(argv) => Ok(Terminal::Driver(driver::DriverTerminal::start(argv)?)),
            other => Err(DeviceError::BadPort(label(other))),
        }
    }
}

/// Opens a ZVT line to a serial device or a TCP address — what the simulator's opener uses
/// for the line it serves, too.
pub fn open_line(spec: &PortSpec, line: &LineSettings) -> Result<Client, OpenError> {
    match spec {
        PortSpec::Serial(path) => {
            let t =
                SerialTransport::open(path, line.serial).map_err(|e| serial_open_error(path, e))?;
            Ok(Client::new(Box::new(t), line.client))
        }
        PortSpec::Tcp(addr) => {
            let t = TcpTransport::connect(addr, Duration::from_secs(5))
                .map_err(|e| OpenError::Connect(addr.clone(), e.to_string()))?;
            Ok(Client::new(Box::new(t), line.client))
        }
        PortSpec::Sim | PortSpec::Driver(_) => Err(OpenError::Other(
            label(spec),
            "not a serial device or a TCP address".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_nobody_registered_is_a_bad_port_not_a_panic() {
        let mut r = Registry::standard();
        let e = r.connect(&PortSpec::Sim, &LineSettings::default()).err();
        assert!(matches!(e, Some(DeviceError::BadPort(p)) if p == "sim"));
    }

    #[test]
    fn a_registered_opener_replaces_the_standard_one() {
        struct Refuses;
        impl Opener for Refuses {
            fn open(&mut self, _: &PortSpec, _: &LineSettings) -> Result<Terminal, DeviceError> {
                Err(DeviceError::SimStart("refused by the test".into()))
            }
        }
        let mut r = Registry::standard();
        r.register(PortKind::Serial, Box::new(Refuses));
        let spec = PortSpec::Serial("/dev/posbind-no-such-tty".into());
        let e = r.connect(&spec, &LineSettings::default()).err();
        assert!(matches!(e, Some(DeviceError::SimStart(_))), "{e:?}");
    }

    #[test]
    fn a_missing_device_is_not_found() {
        let mut r = Registry::standard();
        let spec = PortSpec::Serial("/dev/posbind-no-such-tty".into());
        let e = r.connect(&spec, &LineSettings::default()).err();
        assert!(
            matches!(e, Some(DeviceError::Open(OpenError::NotFound(_)))),
            "{e:?}"
        );
    }
}
