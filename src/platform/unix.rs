//! The Unix side of [`crate::platform`]: pseudo-terminals, errno values, mode bits, fsync of a
//! directory, `flock`.

use std::fs::{DirBuilder, File, Metadata, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::path::Path;
use std::time::Duration;

use serialport::{SerialPort, TTYPort};

use super::SimLine;

pub fn sim_line() -> io::Result<SimLine> {
    let (master, slave) = TTYPort::pair().map_err(|e| io::Error::other(e.to_string()))?;
    let path = slave
        .name()
        .ok_or_else(|| io::Error::other("pseudo-terminal has no name"))?;
    Ok(SimLine::Pty {
        port: Box::new(master),
        keep_open: Box::new(slave),
        path,
    })
}

pub fn serial_read_slice(left: Duration) -> Duration {
    // A read on a tty returns as soon as bytes arrive, whatever its timeout.
    left
}

pub fn is_disconnect_code(code: i32) -> bool {
    // EIO: a pseudo-terminal whose other end closed, or a USB-serial adapter being unplugged;
    // ENXIO and ENODEV: the device node is gone.
    matches!(code, libc::EIO | libc::ENXIO | libc::ENODEV)
}

pub fn set_create_mode(options: &mut OpenOptions, mode: u32) -> &mut OpenOptions {
    options.mode(mode)
}

pub fn set_no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    // O_NONBLOCK too: opening a FIFO planted where a file is written would otherwise wait for a
    // reader forever; the caller refuses anything that is not a regular file once it is open.
    options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
}

pub fn set_open_nonblocking(options: &mut OpenOptions) -> &mut OpenOptions {
    // `custom_flags` replaces earlier custom flags: use one of this and `set_no_follow`.
    options.custom_flags(libc::O_NONBLOCK)
}

pub fn link_count(meta: &Metadata) -> Option<u64> {
    Some(meta.nlink())
}

pub fn owned_by_me(meta: &Metadata) -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::geteuid() }
}

pub fn set_permission_bits(path: &Path, mode: u32) -> io::Result<()> {
    std::fs::set_permissions(path, Permissions::from_mode(mode))
}

pub fn set_file_permission_bits(file: &File, mode: u32) -> io::Result<()> {
    file.set_permissions(Permissions::from_mode(mode))
}

pub fn symlink(target: &Path, link: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

pub fn set_dir_create_mode(builder: &mut DirBuilder, mode: u32) -> &mut DirBuilder {
    builder.mode(mode)
}

pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

pub fn permission_bits(meta: &Metadata) -> Option<u32> {
    Some(meta.permissions().mode() & 0o7777)
}

pub fn lock_file(path: &Path) -> io::Result<Option<File>> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)?;
    // flock, not fcntl: an fcntl lock belongs to the process and is dropped when *any* handle
    // to the file closes, and would not make two handles in one process exclude each other.
    // SAFETY: flock only reads the descriptor number, which `file` keeps open for the call.
    let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if r == 0 {
        return Ok(Some(file));
    }
    let e = io::Error::last_os_error();
    if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(None)
    } else {
        Err(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errno_values_of_a_vanished_device_are_disconnects() {
        for code in [libc::EIO, libc::ENXIO, libc::ENODEV] {
            assert!(is_disconnect_code(code), "{code}");
        }
        assert!(!is_disconnect_code(libc::EAGAIN));
        assert!(!is_disconnect_code(libc::EACCES));
        // The transports ask through this module.
        let unplugged = io::Error::from_raw_os_error(libc::ENXIO);
        assert!(crate::device::transport::is_disconnect(&unplugged));
    }

    #[test]
    fn the_sim_line_is_a_pseudo_terminal_with_a_device_path() {
        let SimLine::Pty { path, .. } = sim_line().unwrap() else {
            panic!("a pseudo-terminal on Unix");
        };
        assert!(path.starts_with("/dev/"), "{path}");
    }

    #[test]
    fn a_lock_excludes_another_handle_until_it_is_closed() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.lock");
        let first = lock_file(&p).unwrap().expect("free");
        assert!(lock_file(&p).unwrap().is_none(), "held by the first handle");
        drop(first);
        assert!(lock_file(&p).unwrap().is_some(), "free again once closed");
    }
}
