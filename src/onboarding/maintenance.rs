//! What a live case keeps of its upkeep: the last end-of-day (结算/批结) posbind ran on the
//! terminal, with its totals, the moves (移机) of its terminal to a new address, and the
//! replacements (换机) of the terminal by a new one. Every end-of-day is also a journal entry
//! ([`CaseEvent::EndOfDay`]); the case keeps only the last one, which is what `posbind health`
//! needs (time since the last end-of-day) without reading the journal of every case.
//!
//! posbind knows only the end-of-days it ran itself (`posbind settle`, the wizard's
//! Maintenance screen, the activation's and the training's). One done on the terminal's own
//! menu is not reported to the cash register, so it does not count here.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::case::Case;
use super::changes::CaseEvent;
use super::device::{normalize_serial, DeviceIdentity};
use super::region::{province_of_address, Province};
use super::validate::GeoPoint;
use crate::i18n::{tr_owned, Lang};

/// Upkeep records of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Maintenance {
    /// The last end-of-day posbind ran on the terminal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_end_of_day: Option<EndOfDay>,
    /// The terminal's moves to a new address after go-live, oldest first: the last one is
    /// where it is installed now.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<Move>,
    /// The terminal's replacements by a new one after go-live, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replacements: Vec<Replacement>,
}

impl Maintenance {
    /// Nothing recorded (the case file then leaves the field out).
    pub fn is_empty(&self) -> bool {
        self.last_end_of_day.is_none() && self.moves.is_empty() && self.replacements.is_empty()
    }
}

/// A move of the terminal (移机) the institution approved: the new address and location
/// replace the placement the binding was confirmed with. The application as submitted keeps
/// the old address (it is what the institution approved then).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The institution's reference for its approval of the move.
    pub approval: String,
    /// The install address before.
    pub from_address: String,
    /// The new install address.
    pub address: String,
    /// The new install location.
    pub location: GeoPoint,
}

/// A replacement of the terminal (换机) the institution approved: the old terminal is unbound
/// from the case (its serial number and what it reported are kept here), the new one bound,
/// activated and tested in its place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Replacement {
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// The institution's reference for its approval.
    pub approval: String,
    /// The old terminal's serial number.
    pub old_serial: String,
    /// What the old terminal last reported of itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_identity: Option<DeviceIdentity>,
    /// When the old terminal was activated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_activated_at: Option<DateTime<Utc>>,
    /// The new terminal's serial number.
    pub new_serial: String,
}

/// Why a replacement is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplaceRefused {
    /// No reference for the institution's approval.
    NoApproval,
    /// No new serial number, or the bound terminal's own.
    SameSerial,
}

impl ReplaceRefused {
    /// The message id saying why.
    pub fn message_id(self) -> &'static str {
        match self {
            ReplaceRefused::NoApproval => "replace-no-approval",
            ReplaceRefused::SameSerial => "replace-same-serial",
        }
    }
}

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum MoveRefused {
    /// No reference for the institution's approval.
    NoApproval,
    /// No new address, or the one the terminal is at already.
    SameAddress,
    /// The address names no province posbind knows.
    NoProvince(String),
    /// The address is in another province than the current one.
    OtherProvince {
        /// The current province.
        from: &'static Province,
        /// The new address's province.
        to: &'static Province,
    },
    /// The location lies outside the new address's province.
    LocationOutside {
        /// The location.
        location: GeoPoint,
        /// The province.
        province: &'static Province,
    },
}

impl MoveRefused {
    /// The message id and its arguments in `lang`.
    pub fn message(&self, lang: Lang) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            MoveRefused::NoApproval => ("move-no-approval", vec![]),
            MoveRefused::SameAddress => ("move-same-address", vec![]),
            MoveRefused::NoProvince(a) => ("move-no-province", vec![("address", a.clone())]),
            MoveRefused::OtherProvince { from, to } => (
                "move-other-province",
                vec![
                    ("from", from.name(lang).to_string()),
                    ("to", to.name(lang).to_string()),
                ],
            ),
            MoveRefused::LocationOutside { location, province } => (
                "move-location-outside",
                vec![
                    (
                        "location",
                        format!("{:.6}, {:.6}", location.lat, location.lon),
                    ),
                    ("province", province.name(lang).to_string()),
                ],
            ),
        }
    }

    /// Why, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let (id, args) = self.message(lang);
        tr_owned(lang, id, &args)
    }
}

/// One end-of-day as the terminal reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndOfDay {
    /// When the terminal completed it.
    pub at: DateTime<Utc>,
    /// Payments in the closed batch (reversed ones not counted), when the terminal said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Their total in minor units (fen), when the terminal said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_minor: Option<u64>,
    /// Currency (ISO 4217 number).
    #[serde(default)]
    pub currency: u16,
    /// The terminal's TID at the time ("" when not reported).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tid: String,
}

impl Case {
    /// Records an end-of-day the terminal completed.
    pub fn record_end_of_day(&mut self, eod: EndOfDay) -> CaseEvent {
        let event = CaseEvent::EndOfDay {
            count: eod.count,
            total_minor: eod.total_minor,
            currency: eod.currency,
        };
        self.maintenance.last_end_of_day = Some(eod);
        event
    }

    /// Records a move (移机) of a live case's terminal the institution approved: the install
    /// address and location change, the binding is confirmed again with them (its five
    /// elements hold the new placement). Refused without the institution's reference, for an
    /// address in another province than the current one (a terminal is not moved across
    /// provinces: acquiring is local), or a location outside the new address's province.
    pub fn record_move(
        &mut self,
        address: &str,
        location: GeoPoint,
        approval: &str,
        at: DateTime<Utc>,
    ) -> Result<CaseEvent, MoveRefused> {
        let (address, approval) = (address.trim(), approval.trim());
        if approval.is_empty() {
            return Err(MoveRefused::NoApproval);
        }
        if address.is_empty() || address == self.install_address() {
            return Err(MoveRefused::SameAddress);
        }
        let Some(to) = province_of_address(address) else {
            return Err(MoveRefused::NoProvince(address.to_string()));
        };
        if let Some(from) = province_of_address(self.install_address()) {
            if from.code != to.code {
                return Err(MoveRefused::OtherProvince { from, to });
            }
        }
        if !to.may_contain(location) {
            return Err(MoveRefused::LocationOutside {
                location,
                province: to,
            });
        }
        self.maintenance.moves.push(Move {
            at,
            approval: approval.to_string(),
            from_address: self.install_address().to_string(),
            address: address.to_string(),
            location,
        });
        self.binding.location = Some(location);
        self.binding.confirmed_at = Some(at);
        self.stamp(super::basis::Record::Binding);
        Ok(CaseEvent::TerminalMoved {
            approval: approval.to_string(),
            lat: location.lat,
            lon: location.lon,
        })
    }

    /// Records the replacement (换机) of a live case's terminal by the one labelled
    /// `new_serial`, approved by the institution: the old terminal is unbound (kept in the
    /// record) and the new serial number bound in its place; its activation starts afresh, so
    /// the case needs the new terminal confirmed, activated and tested before it is live again.
    pub fn record_replacement(
        &mut self,
        new_serial: &str,
        approval: &str,
        at: DateTime<Utc>,
    ) -> Result<CaseEvent, ReplaceRefused> {
        if let Some(why) = self.replacement_refused(new_serial, approval) {
            return Err(why);
        }
        let (approval, new) = (approval.trim(), normalize_serial(new_serial));
        let old = std::mem::take(&mut self.activation);
        let replacement = Replacement {
            at,
            approval: approval.to_string(),
            old_serial: std::mem::replace(&mut self.binding.serial_label, new.clone()),
            old_identity: old.identity,
            old_activated_at: old.activated_at,
            new_serial: new,
        };
        let event = CaseEvent::TerminalReplaced {
            approval: replacement.approval.clone(),
            old_serial: replacement.old_serial.clone(),
            new_serial: replacement.new_serial.clone(),
        };
        self.maintenance.replacements.push(replacement);
        Ok(event)
    }

    /// Why a replacement by the terminal labelled `new_serial` with `approval` is refused,
    /// checked before the new terminal is even asked.
    pub fn replacement_refused(&self, new_serial: &str, approval: &str) -> Option<ReplaceRefused> {
        let new = normalize_serial(new_serial);
        if approval.trim().is_empty() {
            Some(ReplaceRefused::NoApproval)
        } else if new.is_empty() || new == normalize_serial(&self.binding.serial_label) {
            Some(ReplaceRefused::SameSerial)
        } else {
            None
        }
    }

    /// The replacement still under way: recorded for the terminal labelled `serial`, whose
    /// activation or test has not finished (the case is not live again yet).
    pub fn replacement_under_way(&self, serial: &str) -> Option<&Replacement> {
        self.maintenance.replacements.last().filter(|r| {
            r.new_serial == normalize_serial(serial)
                && normalize_serial(&self.binding.serial_label) == r.new_serial
                && self.lifecycle() != super::basis::Lifecycle::Live
        })
    }

    /// The go-live report written again after an upkeep change (a move): the same go-live
    /// time, the new files.
    pub fn record_report_rewritten(&mut self, html: String, json: String) -> Option<CaseEvent> {
        let golive = self.golive.as_mut()?;
        golive.html = html.clone();
        golive.json = json.clone();
        self.stamp(super::basis::Record::Report);
        Some(CaseEvent::ReportWritten { html, json })
    }

    /// The last time an end-of-day is known to have closed the terminal's batch: posbind's
    /// own record, the training's practice, or failing both the go-live (a fresh terminal
    /// starts with an empty batch).
    pub fn last_batch_closed(&self) -> Option<DateTime<Utc>> {
        [
            self.maintenance.last_end_of_day.as_ref().map(|e| e.at),
            self.training.practised,
            self.golive.as_ref().map(|g| g.at),
        ]
        .into_iter()
        .flatten()
        .max()
    }
}
