//! The write stage: everything goes to a staging folder beside the output,
//! then renames swap it in, so a failed build leaves the old site exactly as
//! it was. The output folder is marked as ours; a non-empty folder without
//! the mark is never replaced, so `--out ~` cannot wipe a home folder.

use crate::diagnostics::{Diagnostic, Position};
use crate::render::OutputFile;
use std::fs;
use std::path::{Path, PathBuf};

pub const MARKER: &str = ".compendium-output";
const MARKER_TEXT: &str =
    "This folder is written by compendium build; the next build replaces it.\n";

fn io_error(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, Position::START, format!("cannot {what}: {e}"))
}

/// Is `out` safe to replace: missing, empty, or marked as compendium's output?
pub fn check_replaceable(out: &Path) -> Result<(), Diagnostic> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Diagnostic::error(
            out,
            Position::START,
            "the output path exists and is not a folder",
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
        out,
        Position::START,
        format!(
            "refusing to replace {}: it is not empty and was not written by compendium",
            out.display()
        ),
    )
    .with_help("choose an empty or new folder with --out, or move the files away first"))
}

/// Writes every file to a staging folder, then swaps it in for `out`.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    check_replaceable(out)?;
    let staging = sibling(out, "staging");
    if staging.exists() {
        fs::remove_dir_all(&staging)
            .map_err(|e| io_error(&staging, "remove an old staging folder", e))?;
    }
    let result = write_files(&staging, files).and_then(|()| swap_in(&staging, out));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_files(dir: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    fs::create_dir_all(dir).map_err(|e| io_error(dir, "create the staging folder", e))?;
    let mut made: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent()
            && made.insert(parent.to_path_buf())
        {
            fs::create_dir_all(parent).map_err(|e| io_error(parent, "create a folder", e))?;
        }
        fs::write(&path, &f.bytes).map_err(|e| io_error(&path, "write", e))?;
    }
    fs::write(dir.join(MARKER), MARKER_TEXT)
        .map_err(|e| io_error(dir, "write the output marker", e))
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
        fs::remove_dir_all(&old).map_err(|e| io_error(&old, "remove an old backup folder", e))?;
    }
    fs::rename(out, &old).map_err(|e| io_error(out, "move the previous site aside", e))?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(io_error(out, "move the new site into place", e));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

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
