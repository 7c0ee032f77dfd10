//! The activation sequence, shared by the wizard's device worker and unattended runs:
//! Set Terminal-ID (End-of-Day first if payments are stored), Initialisation, Diagnosis, then
//! Status-Enquiry until the terminal reports ready.

use std::time::Duration;

use super::client::{Client, ClientError};
use crate::onboarding::device::{ActStep, DeviceIdentity};
use crate::zvt::codes::{IntermediateStatus, ResultCode, TerminalStatus};
use crate::zvt::ecr::FlowEvent;
use crate::zvt::messages::{Identity, Tid};

/// How long one activation command may take at most, whatever the terminal sends meanwhile
/// (Initialisation fetches parameters and keys from the host, which takes a while).
pub const COMMAND_LIMIT: Duration = Duration::from_secs(60);

/// Progress of the sequence.
#[derive(Debug, Clone)]
pub enum Progress {
    /// A sub-step started.
    Started(ActStep),
    /// A sub-step finished.
    Done(ActStep),
    /// The terminal shows a status.
    Terminal(IntermediateStatus),
}

/// The identity as the case records it.
pub fn identity_record(id: &Identity) -> DeviceIdentity {
    DeviceIdentity {
        serial: id.serial.as_ref().map(|s| s.hex()).unwrap_or_default(),
        name: id.device_name.clone().unwrap_or_default(),
        version: id.software_version.clone().unwrap_or_default(),
        tid: id.tid.as_ref().map(|t| t.to_string()).unwrap_or_default(),
        status: id.status.map(|s| s.to_string()).unwrap_or_default(),
    }
}

/// Registers and reads the identity, staying registered; a terminal whose Status-Enquiry
/// carries no TID gives the one from its Registration completion.
pub fn read_identity(client: &mut Client) -> Result<Identity, ClientError> {
    let reg = client.register()?;
    let mut id = client.status_enquiry()?;
    if id.tid.is_none() {
        id.tid = reg.tid;
    }
    Ok(id)
}

/// [`read_identity`] as the case records it.
pub fn identify(client: &mut Client) -> Result<DeviceIdentity, ClientError> {
    Ok(identity_record(&read_identity(client)?))
}

/// Runs the sequence, skipping sub-steps in `skip`; returns the identity once ready, or the
/// failed sub-step and its error.
pub fn activate(
    client: &mut Client,
    tid: &Tid,
    skip: &[ActStep],
    progress: &mut dyn FnMut(Progress),
) -> Result<DeviceIdentity, (ActStep, ClientError)> {
    for step in ActStep::SEQUENCE {
        if skip.contains(&step) {
            continue;
        }
        progress(Progress::Started(step));
        let result = {
            let mut obs = |e: &FlowEvent| {
                if let FlowEvent::Intermediate(s) = e {
                    progress(Progress::Terminal(*s));
                }
            };
            match step {
                ActStep::SetTid => set_tid(client, tid, &mut obs),
                ActStep::Initialise => client.initialise(&mut obs).map(|_| ()),
                ActStep::Diagnose => client.diagnosis(None, &mut obs).map(|_| ()),
                _ => wait_ready(client),
            }
        };
        result.map_err(|e| (step, e))?;
        progress(Progress::Done(step));
    }
    let mut id = client.status_enquiry().map_err(|e| (ActStep::Ready, e))?;
    // A terminal without TLV reports its TID only in the Registration completion.
    if id.tid.is_none() {
        id.tid = client.register().map_err(|e| (ActStep::Ready, e))?.tid;
    }
    Ok(identity_record(&id))
}

fn set_tid(
    client: &mut Client,
    tid: &Tid,
    obs: &mut dyn FnMut(&FlowEvent),
) -> Result<(), ClientError> {
    match client.set_tid(tid, obs) {
        // Payments are stored: End-of-Day first, then Set Terminal-ID again.
        Err(e) if e.result_code() == Some(ResultCode::OPEN_BATCH) => {
            client.end_of_day(obs)?;
            client.set_tid(tid, obs).map(|_| ())
        }
        r => r.map(|_| ()),
    }
}

/// Status-Enquiry until the terminal reports ready (five tries, a second apart).
fn wait_ready(client: &mut Client) -> Result<(), ClientError> {
    let mut status = TerminalStatus(0xFF);
    for attempt in 0..5 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_secs(1));
        }
        status = client
            .status_enquiry()?
            .status
            .unwrap_or(TerminalStatus(0xFF));
        if status.is_ready() {
            return Ok(());
        }
    }
    Err(ClientError::NotReady(status))
}
