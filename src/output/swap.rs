//! Putting the new site in place, and removing the previous one.
//!
//! On Linux the staging folder and the output are exchanged by one
//! `renameat2(RENAME_EXCHANGE)`: before it the output is the previous site,
//! after it the new one, and at no moment is it missing. Where the call does
//! not exist (other systems) or the filesystem refuses it, the swap is two
//! renames, output to `.NAME.old` then staging to output; a build killed
//! between them leaves the output missing for a moment, and the next build
//! puts `.NAME.old` back before anything else (see `recover` in
//! `output.rs`).

use super::{MARKER, pause};
use std::fs;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Exchanges two existing folders in one system call. `Ok(false)` when this
/// system or filesystem cannot, so the caller falls back to two renames.
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    if std::env::var("COMPENDIUM_TEST_SWAP").is_ok_and(|v| v == "renames") {
        // Test hook: the fallback, on a system that has the exchange.
        return Ok(false);
    }
    exchange_now(a, b)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange_now(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // No renameat2 (an old kernel, a sandbox), or a filesystem without
        // the exchange.
        Err(Errno::NOSYS | Errno::INVAL | Errno::NOTSUP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange_now(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Removes a folder that compendium wrote, its entries in parallel (a site
/// is thousands of small folders). Never follows a symbolic link: `dir`
/// itself must be a real folder, and links inside it are removed as links.
/// The marker goes last, so a removal cut short leaves a folder that is
/// still recognisably compendium's, which the next build finishes removing.
pub(super) fn remove_tree(dir: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(dir)?;
    if !meta.file_type().is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a folder (a link or a file), so not removed",
        ));
    }
    let removed = AtomicUsize::new(0);
    remove_entries(dir, true, &removed)?;
    match fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

/// Removes a folder of a site's that is in the way of a file, and all it
/// holds; a link is removed as a link, never followed.
pub(super) fn remove_tree_unmarked(dir: &Path) -> io::Result<()> {
    if !fs::symlink_metadata(dir)?.file_type().is_dir() {
        return fs::remove_file(dir);
    }
    remove_entries(dir, false, &AtomicUsize::new(0))?;
    fs::remove_dir(dir)
}

fn remove_entries(dir: &Path, top: bool, removed: &AtomicUsize) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|e| {
        if top && e.file_name() == MARKER {
            return Ok(());
        }
        // The entry's own type: a link to a folder is a link.
        if e.file_type()?.is_dir() {
            remove_entries(&e.path(), false, removed)?;
            fs::remove_dir(e.path())?;
        } else {
            fs::remove_file(e.path())?;
        }
        pause::removed(removed.fetch_add(1, Ordering::Relaxed) + 1);
        Ok(())
    })
}
