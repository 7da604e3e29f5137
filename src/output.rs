//! The write stage: everything goes to a staging folder beside the output,
//! then renames swap it in, so a failed build leaves the old site exactly as
//! it was. The output folder is marked as ours; a non-empty folder without
//! the mark is never replaced, so `--out ~` cannot wipe a home folder.

use crate::diagnostics::{Code, Diagnostic, Origin, Position};
use std::fs;
use std::path::{Path, PathBuf};

mod pause;

/// A finished file: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A short content hash for file names and cache busting. FNV-1a: stable
/// across platforms and releases, enough to tell versions of a file apart.
pub fn short_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:016x}", h)[..10].to_owned()
}

pub const MARKER: &str = ".compendium-output";
const MARKER_TEXT: &str =
    "This folder is written by compendium build; the next build replaces it.\n";

fn io_error(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Io,
        Origin::file(path, Position::START),
        format!("cannot {what}: {e}"),
    )
    .with_io_help(Some(e.kind()))
}

/// Is `out` safe to replace: missing, empty, or marked as compendium's output?
pub fn check_replaceable(out: &Path) -> Result<(), Diagnostic> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        // About the output folder as chosen (by --out, or its default
        // ROOT/public), not about anything inside it.
        return Err(Diagnostic::error(
            Code::OutputNotFolder,
            Origin::argument("--out"),
            format!(
                "the output path {} exists and is not a folder",
                out.display()
            ),
        )
        .with_help("choose another --out, or remove the file"));
    }
    if out.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = fs::read_dir(out).map_err(|e| io_error(out, "read the output folder", e))?;
    if entries.next().is_none() {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::OutputNotOurs,
        Origin::argument("--out"),
        format!(
            "refusing to replace {}: it is not empty and was not written by compendium",
            out.display()
        ),
    )
    .with_help("choose an empty or new folder with --out, or move the files away first"))
}

/// Where rendered files go: a staging folder, memory, or nowhere (`check`).
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// Keeps every file in memory (tests, and the dev server's comparisons).
#[derive(Default)]
pub struct Memory(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        if let Ok(mut files) = self.0.lock() {
            files.push(file);
        }
        Ok(())
    }
}

impl Memory {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_default();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Counts files and drops them.
#[derive(Default)]
pub struct Discard(std::sync::atomic::AtomicUsize);

impl Sink for Discard {
    fn put(&self, _file: OutputFile) -> Result<(), Diagnostic> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }
}

impl Discard {
    pub fn count(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// A staging folder beside the output, written as files are rendered (so the
/// whole site never has to sit in memory), then swapped in by rename.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    count: std::sync::atomic::AtomicUsize,
}

impl Staging {
    /// Checks that `out` may be replaced and starts an empty staging folder.
    pub fn start(out: &Path) -> Result<Staging, Diagnostic> {
        pause::at("locked");
        check_replaceable(out)?;
        let dir = sibling(out, "staging");
        if dir.exists() {
            remove_tree(&dir).map_err(|e| io_error(&dir, "remove an old staging folder", e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| io_error(&dir, "create the staging folder", e))?;
        pause::at("staging-created");
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            count: Default::default(),
        })
    }

    pub fn count(&self) -> usize {
        self.count.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Marks the staging folder as ours and swaps it in for the output.
    pub fn commit(self) -> Result<(), Diagnostic> {
        fs::write(self.dir.join(MARKER), MARKER_TEXT)
            .map_err(|e| io_error(&self.dir, "write the output marker", e))?;
        pause::at("before-swap");
        let result = swap_in(&self.dir, &self.out);
        if result.is_err() {
            let _ = remove_tree(&self.dir);
        }
        result
    }

    /// Throws the staging folder away, leaving the output as it was.
    pub fn abort(self) {
        let _ = remove_tree(&self.dir);
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent()
            && !parent.is_dir()
        {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, "create a folder", e))?;
        }
        fs::write(&path, &file.bytes).map_err(|e| io_error(&path, "write", e))?;
        let n = self
            .count
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        pause::written(n + 1);
        Ok(())
    }
}

fn swap_in(staging: &Path, out: &Path) -> Result<(), Diagnostic> {
    if !out.exists() {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)
                .map_err(|e| io_error(parent, "create the output's parent folder", e))?;
        }
        return fs::rename(staging, out)
            .map_err(|e| io_error(out, "move the new site into place", e));
    }
    let old = sibling(out, "old");
    if old.exists() {
        remove_tree(&old).map_err(|e| io_error(&old, "remove an old backup folder", e))?;
    }
    fs::rename(out, &old).map_err(|e| io_error(out, "move the previous site aside", e))?;
    pause::at("moved-aside");
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(io_error(out, "move the new site into place", e));
    }
    pause::at("swapped");
    let _ = remove_tree(&old);
    Ok(())
}

/// Removes a folder tree, its entries in parallel (a site is thousands of
/// small folders). Symbolic links are removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.flatten().collect();
    entries.par_iter().try_for_each(|e| {
        match e.file_type() {
            Ok(t) if t.is_dir() => remove_tree(&e.path()),
            _ => fs::remove_file(e.path()),
        }?;
        pause::removed(REMOVED.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
        Ok::<(), std::io::Error>(())
    })?;
    fs::remove_dir(dir)
}

/// Entries removed so far, for the test hook `removed-N`.
static REMOVED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// `.public.staging` beside `public`.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sibling_names() {
        assert_eq!(
            sibling(Path::new("/a/public"), "old"),
            Path::new("/a/.public.old")
        );
        assert_eq!(
            sibling(Path::new("public"), "staging"),
            Path::new("./.public.staging")
        );
    }
}
