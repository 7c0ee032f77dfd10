//! The ZVT [`Client`] as a [`PaymentTerminal`]: ZVT's messages, codes and errors turned into
//! the device layer's neutral types.

use std::time::Duration;

use super::client::{Client, ClientError};
use super::terminal::{
    DeviceError, PaymentData, PaymentTerminal, PhaseTimes, Showing, TerminalCode, TerminalEvent,
    TerminalIdentity, Wait,
};
use crate::zvt::codes::TerminalStatus;
use crate::zvt::ecr::{FlowEvent, FlowTimers, Timer};
use crate::zvt::link::LinkFailure;
use crate::zvt::messages::{Amount, Identity, PaymentInfo, Tid};
use crate::zvt::words;

impl From<&ClientError> for DeviceError {
    fn from(e: &ClientError) -> DeviceError {
        match e {
            ClientError::Timeout(Timer::T3) => DeviceError::Timeout(Wait::Accept),
            ClientError::Timeout(Timer::T4) => DeviceError::Timeout(Wait::Completion),
            ClientError::Timeout(Timer::Limit) => DeviceError::Timeout(Wait::Limit),
            ClientError::Link(LinkFailure::Nak { attempts }) => DeviceError::Nak {
                attempts: *attempts,
            },
            ClientError::Link(LinkFailure::NoAck { attempts }) => DeviceError::NoAck {
                attempts: *attempts,
            },
            ClientError::Rejected(c) => DeviceError::Rejected(TerminalCode(c.0)),
            ClientError::Aborted { code, text } => DeviceError::Aborted {
                code: code.map(|c| TerminalCode(c.0)),
                text: text.clone(),
            },
            ClientError::Disconnected => DeviceError::Disconnected,
            ClientError::Io(e) => DeviceError::Io(e.to_string()),
            ClientError::Protocol(what) => DeviceError::Protocol(what.clone()),
            ClientError::NotReady(s) => DeviceError::NotReady(s.to_string()),
            ClientError::Stopped { confirmed, code } => DeviceError::Stopped {
                confirmed: *confirmed,
                code: code.map(|c| TerminalCode(c.0)),
            },
            ClientError::Unreadable(what) => DeviceError::Unreadable(what.clone()),
        }
    }
}

impl From<ClientError> for DeviceError {
    fn from(e: ClientError) -> DeviceError {
        DeviceError::from(&e)
    }
}

impl From<&PaymentInfo> for PaymentData {
    fn from(i: &PaymentInfo) -> PaymentData {
        PaymentData {
            result: i.result.map(|c| TerminalCode(c.0)),
            amount_minor: i.amount_minor,
            trace: i.trace,
            receipt: i.receipt,
            original_trace: i.original_trace,
            tid: i.tid.as_ref().map(|t| t.as_str().to_string()),
            unread: i.unread,
        }
    }
}

/// The identity as the device layer reports it.
pub fn identity(id: &Identity) -> TerminalIdentity {
    TerminalIdentity {
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

/// A flow observer that hands what the terminal does to `on` in neutral terms.
fn observe(on: &mut dyn FnMut(TerminalEvent)) -> impl FnMut(&FlowEvent) + '_ {
    move |e: &FlowEvent| match e {
        FlowEvent::Accepted => on(TerminalEvent::Accepted),
        FlowEvent::Intermediate(s) => on(TerminalEvent::Showing(Showing(s.0))),
        FlowEvent::StatusInfo(b) => on(TerminalEvent::PaymentData(PaymentData::from(
            &PaymentInfo::from_bmps(b),
        ))),
        FlowEvent::Malformed(a) if a.command() == words::STATUS_INFO => {
            on(TerminalEvent::UnreadablePaymentData)
        }
        _ => {}
    }
}

impl PaymentTerminal for Client {
    fn identify(&mut self) -> Result<TerminalIdentity, DeviceError> {
        Ok(identity(&read_identity(self)?))
    }

    fn status(&mut self) -> Result<TerminalIdentity, DeviceError> {
        let mut id = self.status_enquiry()?;
        // A terminal without TLV reports its TID only in the Registration completion.
        if id.tid.is_none() {
            id.tid = self.register()?.tid;
        }
        Ok(identity(&id))
    }

    fn ready(&mut self) -> Result<(bool, String), DeviceError> {
        let status = self
            .status_enquiry()?
            .status
            .unwrap_or(TerminalStatus(0xFF));
        Ok((status.is_ready(), status.to_string()))
    }

    fn set_tid(&mut self, tid: &Tid, on: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError> {
        Client::set_tid(self, tid, &mut observe(on))?;
        Ok(())
    }

    fn initialise(&mut self, on: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError> {
        Client::initialise(self, &mut observe(on))?;
        Ok(())
    }

    fn diagnose(&mut self, on: &mut dyn FnMut(TerminalEvent)) -> Result<PhaseTimes, DeviceError> {
        Ok(self.diagnosis(None, &mut observe(on))?.times)
    }

    fn end_of_day(&mut self, on: &mut dyn FnMut(TerminalEvent)) -> Result<(), DeviceError> {
        Client::end_of_day(self, &mut observe(on))?;
        Ok(())
    }

    fn authorise(
        &mut self,
        amount: Amount,
        timeout: Duration,
        stop: &dyn Fn() -> bool,
        on: &mut dyn FnMut(TerminalEvent),
    ) -> Result<(PaymentData, PhaseTimes), DeviceError> {
        let timeout_s = u8::try_from(timeout.as_secs()).unwrap_or(u8::MAX);
        let (info, out) =
            Client::authorise_until(self, amount, Some(timeout_s), stop, &mut observe(on))?;
        Ok((PaymentData::from(&info), out.times))
    }

    fn reverse(&mut self, receipt: u16) -> Result<PaymentData, DeviceError> {
        let (info, _) = Client::reverse(self, receipt, &mut |_| {})?;
        Ok(PaymentData::from(&info))
    }

    fn repeat_last_receipt(&mut self) -> Result<Option<PaymentData>, DeviceError> {
        Ok(self.repeat_receipt()?.as_ref().map(PaymentData::from))
    }

    /// The whole command, the link's delivery of it included, within `limit`: T3 takes at
    /// most half of it, T4 the rest (so a silent terminal is still told apart, as T4, from one
    /// that kept the command open past the limit).
    fn set_command_limit(&mut self, limit: Duration) {
        let t3 = self.config().flow.t3.min(limit / 2);
        self.set_flow_timers(FlowTimers {
            t3,
            t4: limit.saturating_sub(t3),
            limit,
        });
    }

    fn last_times(&self) -> PhaseTimes {
        Client::last_times(self)
    }

    fn register(&mut self) -> Result<Option<String>, DeviceError> {
        Ok(Client::register(self)?.tid.map(|t| t.as_str().to_string()))
    }

    fn enquire(&mut self) -> Result<TerminalIdentity, DeviceError> {
        Ok(identity(&self.status_enquiry()?))
    }

    fn log_off(&mut self) -> Result<(), DeviceError> {
        Ok(Client::log_off(self)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{has, tr_message, Lang};
    use crate::zvt::codes::ResultCode;

    #[test]
    fn a_stop_and_an_unreadable_message_say_what_happened_in_both_languages() {
        let stopped = DeviceError::from(ClientError::Stopped {
            confirmed: true,
            code: Some(ResultCode::ABORTED),
        });
        assert_eq!(stopped.result_code(), Some(TerminalCode(0x6C)));
        let unreadable = DeviceError::from(ClientError::Unreadable(
            "04 0F (status information), 3 bytes".into(),
        ));
        assert_eq!(
            unreadable.result_code(),
            None,
            "no code to blame the card with"
        );
        let unconfirmed = DeviceError::from(ClientError::Stopped {
            confirmed: false,
            code: None,
        });
        for e in [&stopped, &unreadable, &unconfirmed] {
            let (id, _) = e.message();
            for lang in [Lang::En, Lang::ZhCn] {
                assert!(has(lang, id), "{id} missing in {lang:?}");
            }
        }
        let text = tr_message(Lang::En, unreadable.message());
        assert!(text.contains("04 0F (status information)"), "{text}");
        assert!(!text.contains("present the card"), "{text}");
    }
}
