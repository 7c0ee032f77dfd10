//! A scripted [`PaymentTerminal`] for unit tests of what is written against the trait: it
//! books every payment with the next receipt number and answers as told.

use std::collections::VecDeque;
use std::time::Duration;

use super::terminal::{
    Amount, DeviceError, PaymentData, PaymentTerminal, PhaseTimes, Showing, TerminalCode,
    TerminalEvent, TerminalIdentity, Tid,
};

/// The fake terminal and what was asked of it.
#[derive(Debug, Default)]
pub struct FakeTerminal {
    /// Every command in order (`set-tid`, `end-of-day`, `authorise`, `reverse` …).
    pub calls: Vec<&'static str>,
    /// Answers to Set Terminal-ID, in order; `Ok` once they run out.
    pub set_tid: VecDeque<Result<(), DeviceError>>,
    /// The answer to every reversal; `None` reverses.
    pub reverse_error: Option<DeviceError>,
    /// The terminal's last transaction (Repeat Receipt).
    pub last: Option<PaymentData>,
    /// The last receipt number used.
    pub receipt: u16,
    /// Payments are accepted, then this error comes instead of their outcome.
    pub authorise_error: Option<DeviceError>,
    /// Repeat Receipt fails (the last transaction cannot be read).
    pub repeat_fails: bool,
    /// The terminal had reversed the payment already (an earlier attempt whose answer was
    /// lost): its last transaction is the reversal, and a reversal is answered `B4`.
    pub reversed_before: bool,
    /// Status information and Repeat Receipt answers carry a field posbind cannot read before
    /// the receipt number: the result code is read, the receipt and trace numbers are not.
    pub unreadable: bool,
    /// How long the terminal waits for the card (it shows "insert card" meanwhile).
    pub card_wait: Duration,
}

impl FakeTerminal {
    fn identity(&self) -> TerminalIdentity {
        TerminalIdentity {
            serial: "0012AB34".into(),
            tid: "12345678".into(),
            status: "00".into(),
            ..TerminalIdentity::default()
        }
    }
}

impl PaymentTerminal for FakeTerminal {
    fn identify(&mut self) -> Result<TerminalIdentity, DeviceError> {
        self.calls.push("identify");
        Ok(self.identity())
    }

    fn status(&mut self) -> Result<TerminalIdentity, DeviceError> {
        self.calls.push("status");
        Ok(self.identity())
    }

    fn ready(&mut self) -> Result<(bool, String), DeviceError> {
        self.calls.push("ready");
        Ok((true, "00".into()))
    }

    fn set_tid(&mut self, _: &Tid, on: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError> {
        self.calls.push("set-tid");
        on(TerminalEvent::Showing(Showing(0x0E)));
        self.set_tid.pop_front().unwrap_or(Ok(()))
    }

    fn initialise(&mut self, _: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError> {
        self.calls.push("initialise");
        Ok(())
    }

    fn diagnose(&mut self, _: &mut dyn FnMut(TerminalEvent)) -> Result<PhaseTimes, DeviceError> {
        self.calls.push("diagnose");
        Ok(PhaseTimes::default())
    }

    fn end_of_day(&mut self, _: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError> {
        self.calls.push("end-of-day");
        Ok(())
    }

    fn authorise(
        &mut self,
        amount: Amount,
        _: Duration,
        stop: &dyn Fn() -> bool,
        on: &mut dyn FnMut(TerminalEvent),
    ) -> Result<(PaymentData, PhaseTimes), DeviceError> {
        self.calls.push("authorise");
        on(TerminalEvent::Accepted);
        // Stopped while "waiting for the card": aborted, nothing booked.
        if stop() {
            self.calls.push("abort");
            return Err(DeviceError::Stopped {
                confirmed: true,
                code: Some(TerminalCode(0x6C)),
            });
        }
        if !self.card_wait.is_zero() {
            on(TerminalEvent::Showing(Showing(0x0A)));
            std::thread::sleep(self.card_wait);
            on(TerminalEvent::Showing(Showing(0x04)));
        }
        self.receipt += 1;
        if let Some(e) = &self.authorise_error {
            return Err(e.clone());
        }
        let mut data = PaymentData {
            result: Some(TerminalCode(0)),
            amount_minor: Some(amount.minor),
            trace: Some(u32::from(self.receipt) + 100),
            receipt: Some(self.receipt),
            ..PaymentData::default()
        };
        if self.unreadable {
            data = PaymentData {
                result: Some(TerminalCode(0)),
                amount_minor: Some(amount.minor),
                unread: true,
                ..PaymentData::default()
            };
        }
        on(TerminalEvent::PaymentData(data.clone()));
        self.last = Some(data.clone());
        // The terminal's and host's own time is 5 ms; the rest is the cardholder's.
        let times = PhaseTimes {
            to_completion: Some(self.card_wait + Duration::from_millis(5)),
            ..PhaseTimes::default()
        };
        Ok((data, times))
    }

    fn reverse(&mut self, receipt: u16) -> Result<PaymentData, DeviceError> {
        self.calls.push("reverse");
        let original = self.last.as_ref().and_then(|l| l.trace);
        if self.reversed_before {
            self.last = Some(PaymentData {
                result: Some(TerminalCode(0)),
                receipt: Some(receipt),
                original_trace: original,
                ..PaymentData::default()
            });
            return Err(DeviceError::Rejected(TerminalCode::ALREADY_REVERSED));
        }
        if let Some(e) = &self.reverse_error {
            return Err(e.clone());
        }
        let data = PaymentData {
            result: Some(TerminalCode(0)),
            receipt: Some(receipt),
            original_trace: original,
            ..PaymentData::default()
        };
        self.last = Some(data.clone());
        Ok(data)
    }

    fn repeat_last_receipt(&mut self) -> Result<Option<PaymentData>, DeviceError> {
        self.calls.push("repeat-receipt");
        if self.repeat_fails {
            return Err(DeviceError::Disconnected);
        }
        Ok(self.last.clone())
    }

    fn set_command_limit(&mut self, _: Duration) {}

    fn last_times(&self) -> PhaseTimes {
        PhaseTimes::default()
    }
}
