//! posbind: a terminal wizard that takes a merchant from "I want a POS terminal" to "the terminal
//! is bound, activated and proven to work".
//!
//! Layers, from the outside in: the front ends `cli` and `tui` drive `onboarding` (the domain:
//! the case and its rules) and `device` (the terminal: `zvt` is its protocol, `sim` a simulated
//! terminal, `testloop` the timed test loop over it); `store` keeps cases and the pending-payment
//! journal on disk; `report` writes the application package and the activation report; `i18n`
//! holds the messages; `platform` everything that differs by operating system. See README's
//! Development section for the import rules `.ci/run` checks.

pub mod cli;
pub mod device;
pub mod i18n;
pub mod onboarding;
pub mod platform;
pub mod records;
pub mod report;
pub mod sim;
pub mod store;
pub mod testloop;
pub mod tui;
pub mod zvt;

/// Environment switch for tests: when set, F12 in the wizard panics (to prove the terminal is
/// restored on a panic). Never set it in use.
pub const TEST_PANIC_ENV: &str = "POSBIND_TEST_PANIC";
