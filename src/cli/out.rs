//! What commands print on standard output. A reader that goes away early (`posbind cases show
//! ID | head -1`) closes the pipe; printing then fails with `BrokenPipe`, which ends the command
//! quietly instead of panicking as `println!` does.

use std::io::{self, Write};

/// Prints one line of a command's output.
pub fn line(text: &str) -> io::Result<()> {
    writeln!(io::stdout().lock(), "{text}")
}

/// Prints text as it is (it carries its own line breaks).
pub fn text(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Whether `e` comes from a closed standard output, which ends a command without a message.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
