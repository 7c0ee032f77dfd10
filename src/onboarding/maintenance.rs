//! What a live case keeps of its upkeep: the last end-of-day (结算/批结) posbind ran on the
//! terminal, with its totals, and the moves (移机) of its terminal to a new address. Every end-of-day is also a journal entry
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
use super::region::{province_of_address, Province};
use super::validate::GeoPoint;
use crate::i18n::{tr, tr_args, Lang};

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
}

impl Maintenance {
    /// Nothing recorded (the case file then leaves the field out).
    pub fn is_empty(&self) -> bool {
        self.last_end_of_day.is_none() && self.moves.is_empty()
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
    /// Why, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            MoveRefused::NoApproval => tr(lang, "move-no-approval"),
            MoveRefused::SameAddress => tr(lang, "move-same-address"),
            MoveRefused::NoProvince(a) => tr_args(lang, "move-no-province", &[("address", a)]),
            MoveRefused::OtherProvince { from, to } => tr_args(
                lang,
                "move-other-province",
                &[("from", from.name(lang)), ("to", to.name(lang))],
            ),
            MoveRefused::LocationOutside { location, province } => tr_args(
                lang,
                "move-location-outside",
                &[
                    (
                        "location",
                        &format!("{:.6}, {:.6}", location.lat, location.lon),
                    ),
                    ("province", province.name(lang)),
                ],
            ),
        }
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
