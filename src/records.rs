//! Where the device layer meets the case: the device's neutral identity and activation steps
//! as the case records them. `device` and `onboarding` do not import each other; the front
//! ends (the wizard's worker, `posbind run`) convert here.

use crate::device::{ActivationStep, TerminalIdentity};
use crate::onboarding::device::{ActStep, DeviceIdentity};

/// The identity as the case records it.
pub fn identity(id: TerminalIdentity) -> DeviceIdentity {
    DeviceIdentity {
        serial: id.serial,
        name: id.name,
        version: id.version,
        tid: id.tid,
        status: id.status,
    }
}

/// The case's name of an activation sub-step.
pub fn step(s: ActivationStep) -> ActStep {
    match s {
        ActivationStep::SetTid => ActStep::SetTid,
        ActivationStep::Initialise => ActStep::Initialise,
        ActivationStep::Diagnose => ActStep::Diagnose,
        ActivationStep::Ready => ActStep::Ready,
    }
}

/// The device's sub-steps among the case's `steps` (identification and End-of-Day are not
/// sub-steps the device runs on its own).
pub fn device_steps(steps: &[ActStep]) -> Vec<ActivationStep> {
    ActivationStep::SEQUENCE
        .into_iter()
        .filter(|s| steps.contains(&step(*s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_device_step_has_its_case_step_in_the_same_order() {
        let case: Vec<ActStep> = ActivationStep::SEQUENCE.into_iter().map(step).collect();
        assert_eq!(case, ActStep::SEQUENCE.to_vec());
        assert_eq!(
            device_steps(&[ActStep::Identify, ActStep::Ready, ActStep::SetTid]),
            vec![ActivationStep::SetTid, ActivationStep::Ready]
        );
    }
}
