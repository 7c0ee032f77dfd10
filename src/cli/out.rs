//! What commands print on standard output and standard error. A reader that goes away early
//! (`posbind cases show ID | head -1`, `2>&1 | head -0`) closes the pipe; printing then fails
//! with `BrokenPipe`. On standard output that ends the command quietly; on standard error the
//! message is dropped and the command goes on to its usual end. `println!` and `eprintln!`
//! would panic instead, so no command uses them (`.ci/run` greps for them).

//!
//! Everything passes the text gate ([`crate::i18n::safe`]) on the way out: whatever a case
//! file, an answers file, a catalog or the terminal put into a line, no control, direction or
//! invisible character reaches the screen raw.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::i18n::safe;

/// `--ascii`: the messages' own glyphs are written in ASCII too (`…` as `...`).
static ASCII: AtomicBool = AtomicBool::new(false);

/// Sets `--ascii` for everything printed from now on.
pub fn set_ascii(on: bool) {
    ASCII.store(on, Ordering::Relaxed);
}

/// `text` through the gate, and with `--ascii` without the ellipsis the messages use.
fn gate(text: &str) -> Cow<'_, str> {
    let safe = safe::escape(text);
    if ASCII.load(Ordering::Relaxed) && safe.contains('…') {
        Cow::Owned(safe.replace('…', "..."))
    } else {
        safe
    }
}

/// Prints one line of a command's output.
pub fn line(text: &str) -> io::Result<()> {
    writeln!(io::stdout().lock(), "{}", gate(text))
}

/// Prints text as it is (it carries its own line breaks).
pub fn text(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(gate(text).as_bytes())?;
    out.flush()
}

/// Prints one line of JSON (serialized by serde) for scripts, still valid JSON after the gate.
pub fn json(text: &str) -> io::Result<()> {
    writeln!(io::stdout().lock(), "{}", safe::for_json(text))
}

/// Prints one line on standard error (a message, a log line). A closed or failing standard
/// error loses the line: there is nowhere else to say it, and the command's result (its exit
/// code, its files) must not depend on whether anyone reads its messages.
pub fn err_line(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", gate(text));
}

/// Prints text on standard error without a line break (a question before an answer is read).
pub fn err_text(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err
        .write_all(gate(text).as_bytes())
        .and_then(|()| err.flush());
}

/// Whether `e` comes from a closed standard output, which ends a command without a message.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
