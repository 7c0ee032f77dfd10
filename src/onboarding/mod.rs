//! The onboarding domain, pure: the case model, the step order, and the data tables the steps
//! draw on. Nothing here touches the terminal, the disk or a device.

pub mod answers;
pub mod application;
pub mod basis;
pub mod calendar;
pub mod case;
pub mod catalog;
pub mod changes;
pub mod device;
pub mod free_text;
pub mod materials;
pub mod pos_types;
pub mod sample;
pub mod steps;
pub mod text;
pub mod validate;

pub use case::{Case, CaseId, PosChoice};
pub use steps::Step;
