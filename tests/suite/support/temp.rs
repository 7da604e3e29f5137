//! The one temporary-folder convention of the tests: every folder is made
//! under `<CARGO_TARGET_TMPDIR>/suite-<pid>/`, which the runner removes at the
//! end of the run. `COMPENDIUM_KEEP_TEST_DIRS=1` keeps everything to look at.
//! Folders that a single test owns ([`TempDir`]) are also removed when it
//! ends, so a long run does not pile up copies of sites.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub fn keep() -> bool {
    std::env::var("COMPENDIUM_KEEP_TEST_DIRS").is_ok_and(|v| v == "1")
}

/// This run's folder.
pub fn run_folder() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("suite-{}", std::process::id()))
}

/// A new, empty folder `<run folder>/<name>-<n>` that lives as long as the run.
pub fn folder(name: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = run_folder().join(format!("{name}-{n}"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove an old test folder");
    }
    std::fs::create_dir_all(&dir).expect("create a test folder");
    dir
}

/// A folder removed when dropped (unless `COMPENDIUM_KEEP_TEST_DIRS=1`).
pub struct TempDir {
    pub path: PathBuf,
}

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        TempDir { path: folder(name) }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !keep() {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

pub fn remove_run_folder() {
    if keep() {
        eprintln!("kept the test folders in {}", run_folder().display());
    } else {
        let _ = std::fs::remove_dir_all(run_folder());
    }
}
