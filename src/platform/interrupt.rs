//! Ctrl-C as an event instead of a kill: one process-wide handler (the `ctrlc` crate: SIGINT on
//! Unix, the console control handler on Windows) that calls whatever the running command
//! registered last. Handlers run on the `ctrlc` thread, not in signal context, so they may lock,
//! send on a channel or log.

use std::sync::{Mutex, OnceLock};

/// A registered reaction to Ctrl-C.
type Handler = Box<dyn FnMut() + Send>;

static HANDLER: Mutex<Option<Handler>> = Mutex::new(None);
static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();

/// Why Ctrl-C could not be caught.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot catch Ctrl-C: {0}")]
pub struct InterruptError(String);

/// From now on, Ctrl-C calls `handler` (on a dedicated thread) instead of ending the process;
/// a later call replaces the handler. Every Ctrl-C calls it again.
pub fn install(handler: impl FnMut() + Send + 'static) -> Result<(), InterruptError> {
    *lock() = Some(Box::new(handler));
    INSTALLED
        .get_or_init(|| {
            ctrlc::set_handler(|| {
                if let Some(h) = lock().as_mut() {
                    h();
                }
            })
            .map_err(|e| e.to_string())
        })
        .clone()
        .map_err(InterruptError)
}

fn lock() -> std::sync::MutexGuard<'static, Option<Handler>> {
    // A handler that panicked leaves the slot usable: the next Ctrl-C still gets through.
    HANDLER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn ctrl_c_calls_the_last_installed_handler_every_time() {
        let (first_tx, first_rx) = mpsc::channel();
        install(move || {
            let _ = first_tx.send(());
        })
        .unwrap();
        let (tx, rx) = mpsc::channel();
        install(move || {
            let _ = tx.send(());
        })
        .unwrap();
        for _ in 0..2 {
            // SAFETY: raise only sends SIGINT to this process, whose handler is installed above.
            assert_eq!(unsafe { libc::raise(libc::SIGINT) }, 0);
            rx.recv_timeout(Duration::from_secs(10)).unwrap();
        }
        assert!(
            first_rx.try_recv().is_err(),
            "a replaced handler is not called"
        );
    }
}
