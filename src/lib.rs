//! posbind: a terminal wizard that takes a merchant from "I want a POS terminal" to "the terminal
//! is bound, activated and proven to work".
//!
//! Dependencies point one way: `tui` → `onboarding`, `store`, `i18n`. `onboarding` is pure.

pub mod cli;
pub mod device;
pub mod i18n;
pub mod onboarding;
pub mod platform;
pub mod report;
pub mod sim;
pub mod store;
pub mod testloop;
pub mod tui;
pub mod zvt;

/// Environment switch for tests: when set, F12 in the wizard panics (to prove the terminal is
/// restored on a panic). Never set it in use.
pub const TEST_PANIC_ENV: &str = "POSBIND_TEST_PANIC";
