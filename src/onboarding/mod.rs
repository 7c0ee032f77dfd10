//! The onboarding domain: the case model, the step order, the rules of each step (what is
//! missing, what needs attention, see [`basis`]), the changes that make a case's records (see
//! [`changes`]), and the data tables the steps draw on (shipped with the binary).
//!
//! Nothing here touches the disk, a terminal or a device: files are read and written by
//! `store` (document fingerprints: `store::documents`), devices are driven by `device`. Times come
//! in as arguments, with two exceptions that read the clock: `Case::check_step` takes "today"
//! from the local clock (an ID card's validity depends on the date; `Case::check_step_on` takes
//! it as an argument), and `CaseId::new` mixes the sub-second time into a new id.

pub mod answers;
pub mod application;
pub mod basis;
pub mod calendar;
pub mod case;
pub mod catalog;
pub mod changes;
pub mod device;
pub mod free_text;
pub mod health;
pub mod maintenance;
pub mod materials;
pub mod person;
pub mod pos_types;
pub mod region;
pub mod rejection;
pub mod resume;
pub mod sample;
pub mod steps;
pub mod test_result;
pub mod text;
pub mod validate;

pub use case::{Case, CaseId, PosChoice};
pub use steps::Step;
