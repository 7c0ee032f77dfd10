//! The simulator as a kind of port: registered as `sim` in a [`Registry`] by the command line
//! and the wizard. The simulator is started on the first connection and kept for the next ones
//! (the wizard reconnects to the simulator that booked its payments); the [`SimHandle`] gives
//! the caller the running simulator back (to save its state file when the command ends).

use std::sync::{Arc, Mutex, MutexGuard};

use super::{PtySim, SimConfig};
use crate::device::registry::{open_line, LineSettings, Opener, PortKind, Registry};
use crate::device::{DeviceError, PortSpec, Terminal};

/// The running simulator, shared between the opener and whoever registered it.
#[derive(Clone, Default)]
pub struct SimHandle(Arc<Mutex<Option<PtySim>>>);

impl SimHandle {
    fn slot(&self) -> MutexGuard<'_, Option<PtySim>> {
        // A panic while the lock was held leaves an Option, still meaningful.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the running simulator (none if it was never started).
    pub fn take(&self) -> Option<PtySim> {
        self.slot().take()
    }

    /// Whether a simulator has been started and is still held.
    pub fn is_running(&self) -> bool {
        self.slot().is_some()
    }
}

/// Starts the simulator from its settings, once, and opens its line.
struct SimOpener {
    config: SimConfig,
    running: SimHandle,
}

impl Opener for SimOpener {
    fn open(&mut self, _: &PortSpec, line: &LineSettings) -> Result<Terminal, DeviceError> {
        // A simulator a hang-up fault ended stays ended: a fresh one would not know the
        // payments the old one booked, and would answer "not booked" for them.
        let mut slot = self.running.slot();
        let sim = match slot.take() {
            Some(sim) => sim,
            None => PtySim::spawn(self.config.clone(), None)
                .map_err(|e| DeviceError::SimStart(e.to_string()))?,
        };
        let opened = open_line(&sim.port_spec(), line);
        *slot = Some(sim);
        Ok(Terminal::Zvt(opened?))
    }
}

/// Registers `sim` in `registry`, started from `config` on first use.
pub fn register(registry: &mut Registry, config: SimConfig) -> SimHandle {
    let running = SimHandle::default();
    registry.register(
        PortKind::Sim,
        Box::new(SimOpener {
            config,
            running: running.clone(),
        }),
    );
    running
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::activation;

    #[test]
    fn connecting_to_sim_starts_the_simulator_once_and_keeps_it() {
        let mut registry = Registry::standard();
        let handle = register(&mut registry, SimConfig::default());
        assert!(!handle.is_running());
        let line = LineSettings::default();
        let mut first = registry.connect(&PortSpec::Sim, &line).unwrap();
        assert!(handle.is_running());
        let id = activation::identify(&mut *first).unwrap();
        assert!(!id.serial.is_empty(), "{id:?}");
        drop(first);
        // The running simulator is used again, not a new one.
        let mut second = registry.connect(&PortSpec::Sim, &line).unwrap();
        assert_eq!(activation::identify(&mut *second).unwrap(), id);
        drop(second);
        let sim = handle.take().expect("the simulator it started");
        assert!(!sim.is_finished());
        assert!(!handle.is_running());
    }
}
