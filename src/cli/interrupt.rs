//! Ctrl-C for the commands that make test payments (`test-loop`, `run`): the first Ctrl-C
//! stops new payments — the loop ends after the payment in flight is finished or reversed, and
//! the command exits with its summary (exit 1: not passed) listing anything unreversed; a
//! second Ctrl-C within a few seconds quits at once (exit 130) and says what may be left: the
//! pending-payments file keeps it for the next session.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::out;
use crate::i18n::{tr, Lang};
use crate::testloop;

/// Exit code when a second Ctrl-C quits at once (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;

/// How close a second Ctrl-C must follow the first to quit at once.
const QUIT_WINDOW: Duration = Duration::from_secs(5);

/// Installs the handler for a command that makes test payments.
pub fn install_for_payments(lang: Lang) {
    let mut first: Option<Instant> = None;
    let handler = move || {
        let now = Instant::now();
        if first.is_some_and(|t| now.duration_since(t) < QUIT_WINDOW) {
            out::err_line(&format!("posbind: {}", tr(lang, "interrupt-quit-now")));
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
        first = Some(now);
        testloop::INTERRUPT.store(true, Ordering::Relaxed);
        out::err_line(&format!("posbind: {}", tr(lang, "interrupt-stopping")));
    };
    if let Err(e) = crate::platform::interrupt::install(handler) {
        tracing::warn!(error = %e, "Ctrl-C will end the command at once");
    }
}
