//! One build at a time per output folder: an advisory lock (`flock`) on the
//! file `.NAME.lock` beside the output `NAME`. A second build into the same
//! output says that it is waiting, and waits; the kernel releases the lock
//! of a build that dies, however it dies.
//!
//! The lock file is removed when the build ends, so nothing is left beside
//! the output. That is safe because a build that obtains the lock checks
//! that the path still names the file it locked; if the build before it
//! removed the file meanwhile, it starts again with a new one. A symbolic
//! link at the lock's path is never followed (`O_NOFOLLOW`) nor removed.
//!
//! On systems without `flock` (not Unix) builds are not locked.

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// The lock on one output, held while the value lives.
pub(super) struct OutputLock {
    #[cfg(unix)]
    file: std::fs::File,
    #[cfg_attr(not(unix), allow(dead_code))]
    path: PathBuf,
}

#[cfg(unix)]
impl OutputLock {
    /// Takes the lock at `path` for the output `out`, waiting for another
    /// build that holds it (and calling `note` once to say so).
    pub(super) fn acquire(
        path: &Path,
        out: &Path,
        note: &mut dyn FnMut(&str),
    ) -> Result<OutputLock, Diagnostic> {
        use rustix::fs::{FlockOperation, flock};
        use rustix::io::Errno;
        let mut said = false;
        loop {
            let file = open_no_follow(path)?;
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => {}
                Err(Errno::WOULDBLOCK) => {
                    if !said {
                        said = true;
                        let holder = holder(&file)
                            .map(|pid| format!("process {pid}, "))
                            .unwrap_or_default();
                        note(&format!(
                            "note: waiting for another compendium build into {} to finish ({holder}holding {}); this one carries on when it ends\n",
                            out.display(),
                            path.display()
                        ));
                    }
                    loop {
                        match flock(&file, FlockOperation::LockExclusive) {
                            Ok(()) => break,
                            Err(Errno::INTR) => continue,
                            Err(e) => return Err(lock_error(path, e.into())),
                        }
                    }
                }
                Err(e) => return Err(lock_error(path, e.into())),
            }
            if same_file(&file, path) {
                let lock = OutputLock {
                    file,
                    path: path.to_path_buf(),
                };
                lock.write_holder();
                return Ok(lock);
            }
            // The build before removed the file as it ended: a lock on a
            // removed file excludes nobody. Dropping `file` unlocks it.
        }
    }

    /// Says who holds the lock, for a build that has to wait. Best effort:
    /// the lock works without it.
    fn write_holder(&self) {
        use std::io::Write;
        let mut file = &self.file;
        let _ = self
            .file
            .set_len(0)
            .and_then(|()| writeln!(file, "{}", std::process::id()));
    }
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> Result<std::fs::File, Diagnostic> {
    use std::os::unix::fs::OpenOptionsExt;
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o644)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path);
    opened.map_err(|e| {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            super::link_error(path, false)
        } else {
            lock_error(path, e)
        }
    })
}

/// The process id the holder wrote into the lock file.
#[cfg(unix)]
fn holder(file: &std::fs::File) -> Option<u32> {
    use std::io::{Read, Seek};
    let mut file = file;
    let mut text = String::new();
    file.seek(std::io::SeekFrom::Start(0)).ok()?;
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// Does `path` still name the file `file` has open?
#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(unix)]
fn lock_error(path: &Path, e: std::io::Error) -> Diagnostic {
    super::io_error(path, "lock the output (the lock file beside it)", e)
}

#[cfg(unix)]
impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, then unlocked as `file` closes; a build
        // waiting on this file sees that it is gone and makes a new one.
        if same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(not(unix))]
impl OutputLock {
    pub(super) fn acquire(
        path: &Path,
        _out: &Path,
        _note: &mut dyn FnMut(&str),
    ) -> Result<OutputLock, Diagnostic> {
        Ok(OutputLock {
            path: path.to_path_buf(),
        })
    }
}
