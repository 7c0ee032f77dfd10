//! The wizard: ratatui + crossterm, The Elm Architecture with one message channel.
//!
//! An input thread (key presses and resizes) and a ticker send [`Event`]s into one channel; the
//! device worker, the document reader and the port scanner send into the same channel. The UI
//! thread blocks on it, applies every pending event to the [`App`], and draws once when
//! something changed. Each step is a [`screen::Screen`] that reads a [`screen::View`] and asks
//! for changes with [`screen::Command`]s.

pub mod app;
pub mod cases;
pub mod device_view;
pub mod exceptions;
pub mod faq;
pub mod files;
pub mod keymap;
pub mod notice;
pub mod screen;
pub mod side_pane;
pub mod steps;
pub mod terminal;
mod test_step_in_wizard;
pub mod text_input;
pub mod theme;
pub mod view;
pub mod worker;
pub mod wrap;

use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::Duration;

use crossterm::event::{self as ct, KeyEventKind};

pub use app::{App, AppOptions, Event};

/// Spawns the thread that turns terminal input into events (key presses only).
fn spawn_input(tx: Sender<Event>) {
    thread::spawn(move || loop {
        let event = match ct::read() {
            Ok(ct::Event::Key(k)) if k.kind == KeyEventKind::Press => Event::Key(k),
            Ok(ct::Event::Resize(w, h)) => Event::Resize(w, h),
            Ok(_) => continue,
            Err(_) => break,
        };
        if tx.send(event).is_err() {
            break;
        }
    });
}

/// Spawns the once-a-second ticker (clock-driven UI such as elapsed times).
fn spawn_ticker(tx: Sender<Event>) {
    thread::spawn(move || loop {
        thread::sleep(Duration::from_secs(1));
        if tx.send(Event::Tick).is_err() {
            break;
        }
    });
}

/// Runs the wizard until the user quits.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let mut guard = terminal::TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    app.size = (size.width, size.height);
    // Set up crossterm's event source (and its SIGWINCH handling) before the first frame, so a
    // resize right after start-up is not lost.
    let _ = ct::poll(Duration::ZERO);
    let (tx, rx) = mpsc::channel();
    let spawned = worker::Worker::spawn(tx.clone(), app.store.root().to_path_buf());
    match spawned {
        Ok(w) => app.worker = Some(w),
        Err(e) => {
            drop(guard);
            anyhow::bail!(
                "{}",
                crate::i18n::tr_args(
                    app.lang,
                    "device-worker-failed",
                    &[("error", &e.to_string())]
                )
            );
        }
    }
    // A SIGINT that reaches the process (raw mode keeps the Ctrl-C key from sending one)
    // stops the device work as the key does, instead of killing the wizard mid-payment.
    let interrupts = tx.clone();
    if let Err(e) = crate::platform::interrupt::install(move || {
        let _ = interrupts.send(Event::Interrupt);
    }) {
        tracing::warn!(error = %e, "sigint_handler_not_installed");
    }
    app.events = Some(tx.clone());
    // The first frame shows "reading the case list"; the list fills in when it is read.
    if app.screens.case.loading {
        app.load_cases();
    }
    spawn_input(tx.clone());
    spawn_ticker(tx);
    let mut dirty = true;
    while !app.quit {
        if dirty {
            guard.terminal.draw(|f| view::draw(f, &app))?;
            dirty = false;
        }
        let Ok(event) = rx.recv() else { break };
        // The ticker also re-reads the size, in case a resize signal was missed.
        if matches!(event, Event::Tick) {
            if let Ok(sz) = guard.terminal.size() {
                if (sz.width, sz.height) != app.size {
                    dirty |= app.update(Event::Resize(sz.width, sz.height));
                }
            }
        }
        dirty |= app.update(event);
        // Drain what else is pending so a burst of keys draws once.
        while let Ok(event) = rx.try_recv() {
            dirty |= app.update(event);
            if app.quit {
                break;
            }
        }
    }
    drop(guard);
    // Keep a replay answers file (no secrets) with the case, for the next merchant.
    if let Some(case) = &app.case {
        let text = crate::onboarding::answers::from_case(case);
        // The case itself is saved; only its convenience copy for the next merchant is missing.
        if let Err(e) = app.store.save_replay(&case.id, &text) {
            let why = crate::i18n::tr_message(app.lang, e.message());
            say(&crate::i18n::tr_args(
                app.lang,
                "replay-write-failed",
                &[("error", &why)],
            ));
        }
    }
    // Quit twice while the device worked: say loudly what may be unfinished.
    if app.worker.as_ref().is_some_and(|w| w.busy) {
        say(&crate::i18n::tr(app.lang, "device-quit-while-busy"));
    }
    Ok(())
}

/// A last word on standard error once the screen is restored; lost if nobody reads it (a
/// closed standard error must not turn a saved case into a panic).
fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "posbind: {text}");
}
