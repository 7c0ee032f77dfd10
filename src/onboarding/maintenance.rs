//! What a live case keeps of its upkeep: the last end-of-day (结算/批结) posbind ran on the
//! terminal, with its totals. Every end-of-day is also a journal entry
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

/// Upkeep records of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Maintenance {
    /// The last end-of-day posbind ran on the terminal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_end_of_day: Option<EndOfDay>,
}

impl Maintenance {
    /// Nothing recorded (the case file then leaves the field out).
    pub fn is_empty(&self) -> bool {
        self.last_end_of_day.is_none()
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
