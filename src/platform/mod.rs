//! Everything that differs by operating system, behind one small interface: Ctrl-C, the line
//! the in-process simulator listens on, which OS error codes mean "the device went away",
//! private file modes, directory fsync, the advisory lock of a lock file and how long one
//! serial read may wait.
//!
//! No file outside this module names `libc`, `std::os::unix`, `std::os::windows` or `TTYPort`
//! (`.ci/run` greps for them), so the rest of posbind builds unchanged on Unix and Windows.
//! Both sides are tested: the Unix side on Linux, the Windows side under Wine (`.ci/windows`:
//! the unit tests and posbind.exe end to end), never on a real Windows machine (see the
//! README's "Platforms").

pub mod interrupt;

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as os;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as os;

use std::fs::{DirBuilder, File, Metadata, OpenOptions};
use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::path::Path;
use std::time::Duration;

use serialport::SerialPort;

/// What the in-process simulator serves on.
pub enum SimLine {
    /// A pseudo-terminal (Unix): the simulator drives `port`; clients open `path` as a serial
    /// device, so the real serial code path (framing, CRC, ACK/NAK) is used.
    Pty {
        /// The simulator's end.
        port: Box<dyn SerialPort>,
        /// The client's end, held open by the simulator so the line stays readable while no
        /// client is connected (a client can disconnect and connect again).
        keep_open: Box<dyn SerialPort>,
        /// The device path clients open.
        path: String,
    },
    /// A TCP listener on loopback (Windows has no pseudo-terminals): clients connect to
    /// `tcp://127.0.0.1:PORT` and speak bare APDUs, as with a networked terminal.
    Loopback(TcpListener),
}

impl SimLine {
    /// A listener on an ephemeral loopback port; works on every OS.
    pub fn loopback() -> io::Result<SimLine> {
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map(SimLine::Loopback)
    }
}

/// The line the in-process simulator uses on this OS: a pseudo-terminal on Unix, TCP on
/// loopback on Windows.
pub fn sim_line() -> io::Result<SimLine> {
    os::sim_line()
}

/// How long one serial read may wait when `left` remains until the caller's deadline. The
/// caller reads again until the deadline, so a shorter slice changes nothing but how soon bytes
/// that have arrived are returned: at once on Linux (the whole `left`); on Windows at most 50 ms
/// later, because Wine's COM ports return them only when the read's whole timeout has passed
/// (see `windows::serial_read_slice`).
pub fn serial_read_slice(left: Duration) -> Duration {
    os::serial_read_slice(left)
}

/// Whether a raw OS error code from a read or write means the device or peer went away
/// (unplugged, hung up). Errors with a portable `io::ErrorKind` are recognised by the caller.
pub fn is_disconnect_code(code: i32) -> bool {
    os::is_disconnect_code(code)
}

/// Creates files opened with `options` with `mode` (Unix permission bits). On Windows the file
/// inherits the ACL of its directory, which for the per-user data directory is private.
pub fn set_create_mode(options: &mut OpenOptions, mode: u32) -> &mut OpenOptions {
    os::set_create_mode(options, mode)
}

/// Creates directories built by `builder` with `mode` (Unix permission bits; see
/// [`set_create_mode`] for Windows).
pub fn set_dir_create_mode(builder: &mut DirBuilder, mode: u32) -> &mut DirBuilder {
    os::set_dir_create_mode(builder, mode)
}

/// Makes opening with `options` fail on a symbolic link instead of following it, and return at
/// once on a FIFO or device (Unix: `O_NOFOLLOW | O_NONBLOCK`; see [`set_open_nonblocking`]).
/// On Windows nothing is added: the caller's check for a link is the guard, and creating links
/// there needs privileges an attacker on a shop PC rarely has.
pub fn set_no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    os::set_no_follow(options)
}

/// Makes opening with `options` return at once on a FIFO or a device instead of waiting for its
/// other end (Unix: `O_NONBLOCK`; reads and writes of a regular file are unaffected). The caller
/// then refuses anything that is not a regular file. Use this or [`set_no_follow`], not both (the
/// second replaces the first's flag). Nothing on Windows, where opening a named
/// pipe by a file path does not wait.
pub fn set_open_nonblocking(options: &mut OpenOptions) -> &mut OpenOptions {
    os::set_open_nonblocking(options)
}

/// How many names (hard links) the file of `meta` has, where the OS tells (`None` on Windows).
pub fn link_count(meta: &Metadata) -> Option<u64> {
    os::link_count(meta)
}

/// Whether the file of `meta` belongs to the user posbind runs as (always on Windows, whose
/// per-user data directory is guarded by its ACL).
pub fn owned_by_me(meta: &Metadata) -> bool {
    os::owned_by_me(meta)
}

/// Sets the permission bits of `path` (Unix; nothing on Windows, see [`set_create_mode`]).
pub fn set_permission_bits(path: &Path, mode: u32) -> io::Result<()> {
    os::set_permission_bits(path, mode)
}

/// Sets the permission bits of an open file (Unix; nothing on Windows).
pub fn set_file_permission_bits(file: &File, mode: u32) -> io::Result<()> {
    os::set_file_permission_bits(file, mode)
}

/// Creates a symbolic link at `link` pointing to `target` (tests plant links with it).
pub fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) -> io::Result<()> {
    os::symlink(target.as_ref(), link.as_ref())
}

/// Makes a rename or create in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    os::sync_dir(dir)
}

/// The permission bits of a file (`0o600`; with setuid, setgid and sticky: `0o1777` for
/// `/tmp`), where the OS has them (`None` on Windows).
pub fn permission_bits(meta: &Metadata) -> Option<u32> {
    os::permission_bits(meta)
}

/// Opens (creating, private) the lock file at `path` and takes an exclusive advisory lock on it
/// without waiting. `Ok(None)` when another open file holds the lock — another process, or
/// another handle in this one. The lock lasts as long as the returned file is open, and the OS
/// drops it when the process dies, however it dies (Unix: `flock`; Windows: the file is opened
/// with no sharing for writing, which ends with the process's handles).
pub fn lock_file(path: &Path) -> io::Result<Option<File>> {
    os::lock_file(path)
}
