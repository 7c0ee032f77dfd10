//! Helpers shared by the integration tests: running the real binary in a pseudo-terminal and
//! reading its screen through a terminal emulator.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use std::num::NonZeroU16;

use expectrl::process::unix::{PtyStream, UnixProcess, WaitStatus};
use expectrl::Session;

/// How long any wait for the program may take before the test fails (a deadline, not a budget).
pub const WAIT: Duration = Duration::from_secs(20);

/// The posbind binary under test.
pub fn posbind_bin() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_BIN_EXE_posbind"))
}

/// posbind running in a pseudo-terminal of a given size, with a vt100 screen of its output.
pub struct Pty {
    session: Session<UnixProcess, PtyStream>,
    parser: vt100::Parser,
}

impl Pty {
    /// Starts posbind with `args` in a `cols`x`rows` pseudo-terminal.
    pub fn spawn(args: &[&str], data_dir: &Path, cols: u16, rows: u16) -> Pty {
        let mut cmd = Command::new(posbind_bin());
        cmd.arg("--data-dir").arg(data_dir).args(args);
        cmd.env("TERM", "xterm-256color").env_remove("NO_COLOR");
        let mut session = Session::spawn(cmd).expect("spawn posbind in a pty");
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("window size");
        Pty {
            session,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
        }
    }

    /// Reads whatever output is pending into the emulator.
    pub fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => self.parser.process(&buf[..n]),
                Err(_) => break,
            }
        }
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// The emulator state (alternate screen, cursor visibility…).
    pub fn vt(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Waits until the screen contains `text`; panics with the screen after [`WAIT`].
    pub fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            self.pump();
            if self.screen().contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends raw bytes (keys) to the program.
    pub fn send(&mut self, bytes: &str) {
        self.session
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.session.flush().expect("flush pty");
    }

    /// Changes the terminal size (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("resize");
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            self.pump();
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => {
                    self.pump();
                    return code;
                }
                Ok(WaitStatus::StillAlive) | Err(_) => {}
                Ok(other) => panic!("posbind ended abnormally: {other:?}"),
            }
            if Instant::now() > deadline {
                panic!("posbind did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Key sequences as an xterm sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const PGDN: &str = "\x1b[6~";
    pub const F1: &str = "\x1bOP";
    pub const F2: &str = "\x1bOQ";
    pub const CTRL_C: &str = "\x03";
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap_or(NonZeroU16::MIN)
}
