//! The Windows side of [`crate::platform`]: written against std and crates that support
//! Windows, linted by `.ci/run` for `x86_64-pc-windows-gnu` and run under Wine by
//! `.ci/windows` (never on a real Windows machine: see the README's "Platforms").

use std::fs::{DirBuilder, File, Metadata, OpenOptions};
use std::io;
use std::os::windows::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

use super::SimLine;

/// The longest wait of one serial read. serialport turns a read timeout into COMMTIMEOUTS
/// {ReadIntervalTimeout: MAXDWORD, ReadTotalTimeoutMultiplier: MAXDWORD,
/// ReadTotalTimeoutConstant: timeout}, with which Windows returns from ReadFile as soon as any
/// byte is there; Wine 8 returns only when the whole constant has passed, bytes or not
/// (tests/windows/comm_read_timeout.c shows it without posbind). A read that waited for its
/// whole deadline would hold back a terminal's completion past T1 (200 ms), and the terminal
/// gives up on the ECR's acknowledgement. Slices of 50 ms keep every byte's delay within a
/// quarter of T1 under Wine and cost nothing on Windows, where a read returns at once anyway.
const SERIAL_READ_SLICE: Duration = Duration::from_millis(50);

// Win32 error codes (winerror.h) that a read or write on a COM port returns once its USB-serial
// adapter is unplugged; broken pipes and reset sockets already map to portable `ErrorKind`s.
const ERROR_ACCESS_DENIED: i32 = 5;
const ERROR_BAD_COMMAND: i32 = 22;
const ERROR_GEN_FAILURE: i32 = 31;
const ERROR_OPERATION_ABORTED: i32 = 995;
const ERROR_DEVICE_NOT_CONNECTED: i32 = 1167;
const ERROR_DEVICE_REMOVED: i32 = 1617;
// Another handle's sharing mode refuses ours: the file is open for writing elsewhere.
const ERROR_SHARING_VIOLATION: i32 = 32;
const ERROR_LOCK_VIOLATION: i32 = 33;
// CreateFile's dwShareMode: others may read (the holder's pid), not write.
const FILE_SHARE_READ: u32 = 0x1;

pub fn sim_line() -> io::Result<SimLine> {
    // No pseudo-terminals: the simulator serves TCP on loopback instead.
    SimLine::loopback()
}

pub fn serial_read_slice(left: Duration) -> Duration {
    left.min(SERIAL_READ_SLICE)
}

pub fn is_disconnect_code(code: i32) -> bool {
    matches!(
        code,
        ERROR_ACCESS_DENIED
            | ERROR_BAD_COMMAND
            | ERROR_GEN_FAILURE
            | ERROR_OPERATION_ABORTED
            | ERROR_DEVICE_NOT_CONNECTED
            | ERROR_DEVICE_REMOVED
    )
}

pub fn set_create_mode(options: &mut OpenOptions, _mode: u32) -> &mut OpenOptions {
    // Files inherit the ACL of the per-user data directory (under %APPDATA%), which only the
    // user and administrators can read; there are no mode bits to set.
    options
}

pub fn set_no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

pub fn set_open_nonblocking(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

pub fn link_count(_meta: &Metadata) -> Option<u64> {
    // `MetadataExt::number_of_links` is not stable; a hard link on Windows needs the same
    // write access to the data directory that replacing the file would.
    None
}

pub fn owned_by_me(_meta: &Metadata) -> bool {
    true
}

pub fn set_permission_bits(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

pub fn set_file_permission_bits(_file: &File, _mode: u32) -> io::Result<()> {
    Ok(())
}

pub fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    // Windows has two kinds of links; the target decides which.
    if target.is_dir() {
        std::os::windows::fs::symlink_dir(target, link)
    } else {
        std::os::windows::fs::symlink_file(target, link)
    }
}

pub fn set_dir_create_mode(builder: &mut DirBuilder, _mode: u32) -> &mut DirBuilder {
    builder
}

pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    // NTFS journals the rename itself; a directory cannot be opened for FlushFileBuffers
    // without backup privileges, so there is nothing further to make durable here.
    Ok(())
}

pub fn permission_bits(_meta: &Metadata) -> Option<u32> {
    None
}

pub fn lock_file(path: &Path) -> io::Result<Option<File>> {
    // No LockFileEx in std at this crate's Rust version: the lock is the sharing mode itself.
    // While this handle is open nobody else can open the file for writing, and Windows closes
    // the handle when the process ends, however it ends.
    match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .share_mode(FILE_SHARE_READ)
        .open(path)
    {
        Ok(f) => Ok(Some(f)),
        Err(e)
            if matches!(
                e.raw_os_error(),
                Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
