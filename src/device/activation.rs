//! The activation sequence, shared by the wizard's device worker and unattended runs, on any
//! [`PaymentTerminal`]: Set Terminal-ID (End-of-Day first if payments are stored),
//! Initialisation, Diagnosis, then the status until the terminal reports ready (five tries, a
//! second apart: this sleeps on the calling thread).

use std::time::Duration;

use super::terminal::{
    ActivationStep, DeviceError, PaymentTerminal, Showing, TerminalCode, TerminalEvent,
    TerminalIdentity, Tid,
};

/// How long one activation command may take at most, whatever the terminal sends meanwhile
/// (Initialisation fetches parameters and keys from the host, which takes a while).
pub const COMMAND_LIMIT: Duration = Duration::from_secs(60);

/// Progress of the sequence.
#[derive(Debug, Clone)]
pub enum Progress {
    /// A sub-step started.
    Started(ActivationStep),
    /// A sub-step finished.
    Done(ActivationStep),
    /// The terminal shows a status.
    Terminal(Showing),
}

pub use super::zvt_terminal::read_identity;

/// Registers and reads the identity, staying registered.
pub fn identify(terminal: &mut dyn PaymentTerminal) -> Result<TerminalIdentity, DeviceError> {
    terminal.identify()
}

/// Runs the sequence, skipping sub-steps in `skip`; returns the identity once ready, or the
/// failed sub-step and its error.
pub fn activate(
    terminal: &mut dyn PaymentTerminal,
    tid: &Tid,
    skip: &[ActivationStep],
    progress: &mut dyn FnMut(Progress),
) -> Result<TerminalIdentity, (ActivationStep, DeviceError)> {
    for step in ActivationStep::SEQUENCE {
        if skip.contains(&step) {
            continue;
        }
        progress(Progress::Started(step));
        let result = {
            let mut on = |e: TerminalEvent| {
                if let TerminalEvent::Showing(s) = e {
                    progress(Progress::Terminal(s));
                }
            };
            match step {
                ActivationStep::SetTid => set_tid(terminal, tid, &mut on),
                ActivationStep::Initialise => terminal.initialise(&mut on),
                ActivationStep::Diagnose => terminal.diagnose(&mut on).map(|_| ()),
                ActivationStep::Ready => wait_ready(terminal),
            }
        };
        result.map_err(|e| (step, e))?;
        progress(Progress::Done(step));
    }
    terminal.status().map_err(|e| (ActivationStep::Ready, e))
}

fn set_tid(
    terminal: &mut dyn PaymentTerminal,
    tid: &Tid,
    on: &mut dyn FnMut(TerminalEvent),
) -> Result<(), DeviceError> {
    match terminal.set_tid(tid, on) {
        // Payments are stored: End-of-Day first, then Set Terminal-ID again.
        Err(e) if e.result_code() == Some(TerminalCode::OPEN_BATCH) => {
            terminal.end_of_day(on)?;
            terminal.set_tid(tid, on)
        }
        r => r,
    }
}

/// The status until the terminal reports ready (five tries, a second apart).
fn wait_ready(terminal: &mut dyn PaymentTerminal) -> Result<(), DeviceError> {
    let mut status = String::new();
    for attempt in 0..5 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_secs(1));
        }
        let (ready, code) = terminal.ready()?;
        if ready {
            return Ok(());
        }
        status = code;
    }
    Err(DeviceError::NotReady(status))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::fake::FakeTerminal;

    fn tid() -> Tid {
        Tid::parse("12345678").unwrap()
    }

    #[test]
    fn stored_payments_are_closed_with_end_of_day_before_the_tid_is_set_again() {
        let mut t = FakeTerminal::default();
        t.set_tid
            .push_back(Err(DeviceError::Rejected(TerminalCode::OPEN_BATCH)));
        let mut seen = vec![];
        let id = activate(&mut t, &tid(), &[], &mut |p| seen.push(format!("{p:?}"))).unwrap();
        assert_eq!(id.tid, "12345678");
        assert_eq!(
            &t.calls[..5],
            ["set-tid", "end-of-day", "set-tid", "initialise", "diagnose"]
        );
        assert!(
            seen.contains(&"Terminal(Showing(14))".to_string()),
            "{seen:?}"
        );
        assert_eq!(seen.iter().filter(|p| p.starts_with("Done")).count(), 4);
    }

    #[test]
    fn a_failed_sub_step_is_named_and_skipped_steps_do_not_run() {
        let mut t = FakeTerminal::default();
        t.set_tid.push_back(Err(DeviceError::Disconnected));
        let e = activate(&mut t, &tid(), &[], &mut |_| {}).unwrap_err();
        assert_eq!(e, (ActivationStep::SetTid, DeviceError::Disconnected));
        let mut t = FakeTerminal::default();
        activate(&mut t, &tid(), &[ActivationStep::SetTid], &mut |_| {}).unwrap();
        assert!(!t.calls.contains(&"set-tid"), "{:?}", t.calls);
    }
}
