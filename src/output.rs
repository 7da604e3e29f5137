//! The write stage: everything goes to a staging folder beside the output,
//! then one atomic exchange swaps it in, so the output is at every moment
//! either the previous site or the whole new one, whether the build fails,
//! is killed, or the machine stops.
//!
//! Beside an output `DIR/NAME` a build uses three names of its own:
//!
//! - `.NAME.lock`: one build at a time per output ([`lock`]);
//! - `.NAME.staging`: the new site while it is written, then (after the
//!   exchange) the previous site while it is removed;
//! - `.NAME.old`: the previous site between the two renames of the
//!   fallback swap, where the exchange is not available ([`swap`]);
//! - `.NAME.spare`: the site before the one in the output, kept so that the
//!   next build can reuse it as its staging folder and write only the
//!   files that changed ([`recycle`]); `--no-spare` removes it instead.
//!
//! A build starts by taking the lock, then deals with what an interrupted
//! build left: a missing output with a `.NAME.old` is put back, a leftover
//! staging or backup folder becomes the spare (or is removed, when there is
//! one already or with `--no-spare`). Everything compendium writes
//! carries the marker file `.compendium-output` (written first into a new
//! staging folder, removed last from an old one); a folder without it is
//! never replaced or removed unless it is empty, so `--out ~` cannot wipe a
//! home folder. Nothing is followed through a symbolic link: a link at the
//! output, staging, backup, spare or lock path is refused, never written through
//! nor removed, and links inside an old site are removed as links.

use crate::diagnostics::{Code, Diagnostic, Origin, Position};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

mod lock;
mod pause;
mod recycle;
mod swap;

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

/// What is at a path, without following a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Missing,
    Folder,
    Link,
    File,
}

fn kind(path: &Path) -> Result<Kind, Diagnostic> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Ok(Kind::Link),
        Ok(m) if m.is_dir() => Ok(Kind::Folder),
        Ok(_) => Ok(Kind::File),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Kind::Missing),
        Err(e) => Err(io_error(path, "look at", e)),
    }
}

/// Did compendium write this folder: it holds the marker (a file, not a
/// link), or nothing at all?
fn is_ours(dir: &Path) -> Result<bool, Diagnostic> {
    if fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(true);
    }
    let mut entries = fs::read_dir(dir).map_err(|e| io_error(dir, "read the folder", e))?;
    Ok(entries.next().is_none())
}

/// A symbolic link where compendium expects its output (`is_output`) or one
/// of its own paths beside it: refused, never followed, never removed.
fn link_error(path: &Path, is_output: bool) -> Diagnostic {
    let target = fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "somewhere".into());
    let shown = path.display();
    if is_output {
        // Where the link leads, as a path from here, for `--out`.
        let target_path = fs::read_link(path).ok().map(|t| match path.parent() {
            Some(p) if !t.is_absolute() && !p.as_os_str().is_empty() && p != Path::new(".") => {
                p.join(t)
            }
            _ => t,
        });
        let suggestion = target_path
            .map(|t| {
                format!(
                    "build into the folder itself with `--out {}`, or ",
                    t.display()
                )
            })
            .unwrap_or_default();
        Diagnostic::error(
            Code::OutputSymlink,
            Origin::argument("--out"),
            format!(
                "the output {shown} is a symbolic link (to {target}); compendium replaces its output folder as a whole and never builds through a link"
            ),
        )
        .with_help(format!(
            "{suggestion}remove the link (`rm {shown}` removes the link only, not what it points to)"
        ))
    } else {
        Diagnostic::error(
            Code::OutputSymlink,
            Origin::argument("--out"),
            format!(
                "{shown} is a symbolic link (to {target}); compendium keeps its own lock, staging or backup under this name beside the output and never follows or removes a link there"
            ),
        )
        .with_help(format!(
            "remove the link (`rm {shown}` removes the link only, not what it points to), then build again"
        ))
    }
}

fn not_ours_error(path: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::OutputNotOurs,
        Origin::argument("--out"),
        format!(
            "refusing to remove {}: compendium uses this name beside the output for its staging or backup folder, but this one is not empty and was not written by compendium",
            path.display()
        ),
    )
    .with_help(
        "move it away or rename it, then build again (if it is what an older compendium left when a build was interrupted, it may be deleted)",
    )
}

/// About the output folder as chosen (by --out, or its default
/// ROOT/public), not about anything inside it.
fn not_folder_error(out: &Path) -> Diagnostic {
    Diagnostic::error(
        Code::OutputNotFolder,
        Origin::argument("--out"),
        format!(
            "the output path {} exists and is not a folder",
            out.display()
        ),
    )
    .with_help("choose another --out, or remove the file")
}

/// Is `out` safe to replace: missing, empty, or marked as compendium's
/// output? A symbolic link or a file never is.
pub fn check_replaceable(out: &Path) -> Result<(), Diagnostic> {
    match kind(out)? {
        Kind::Missing => Ok(()),
        Kind::Link => Err(link_error(out, true)),
        Kind::File => Err(not_folder_error(out)),
        Kind::Folder if is_ours(out)? => Ok(()),
        Kind::Folder => Err(Diagnostic::error(
            Code::OutputNotOurs,
            Origin::argument("--out"),
            format!(
                "refusing to replace {}: it is not empty and was not written by compendium",
                out.display()
            ),
        )
        .with_help("choose an empty or new folder with --out, or move the files away first")),
    }
}

/// The paths a build uses for one output.
struct Paths {
    out: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    spare: PathBuf,
    lock: PathBuf,
}

impl Paths {
    fn of(out: &Path) -> Result<Paths, Diagnostic> {
        let out = resolve(out)?;
        Ok(Paths {
            staging: sibling(&out, "staging"),
            old: sibling(&out, "old"),
            spare: sibling(&out, "spare"),
            lock: sibling(&out, "lock"),
            out,
        })
    }
}

/// The output as a path with a last component to put names beside: `.`,
/// `..` and `dir/..` are resolved first; the root folder is refused.
fn resolve(out: &Path) -> Result<PathBuf, Diagnostic> {
    if out.file_name().is_some() {
        return Ok(out.to_path_buf());
    }
    let bad = |why: String| {
        Diagnostic::error(Code::BadArgument, Origin::argument("--out"), why)
            .with_help("give the folder to build into, such as `--out public`")
    };
    let full = fs::canonicalize(out)
        .map_err(|e| bad(format!("cannot use {} as the output: {e}", out.display())))?;
    if full.file_name().is_none() {
        return Err(bad(format!(
            "cannot build into {}, the root folder",
            full.display()
        )));
    }
    Ok(full)
}

/// Puts back, keeps as the spare or removes what an interrupted build left
/// beside the output. Called with the lock held; looks at everything before
/// it changes anything, and refuses links and folders that are not
/// compendium's.
fn recover(p: &Paths, keep_spare: bool, note: &mut dyn FnMut(&str)) -> Result<(), Diagnostic> {
    let out = kind(&p.out)?;
    let old = kind(&p.old)?;
    let staging = kind(&p.staging)?;
    let spare = kind(&p.spare)?;
    // An output that may not be replaced: say why before touching anything.
    match out {
        Kind::Link | Kind::File => return check_replaceable(&p.out),
        Kind::Folder if !is_ours(&p.out)? => return check_replaceable(&p.out),
        _ => {}
    }
    for (path, k) in [(&p.old, old), (&p.staging, staging), (&p.spare, spare)] {
        match k {
            Kind::Link => return Err(link_error(path, false)),
            Kind::File => return Err(not_ours_error(path)),
            Kind::Folder if !is_ours(path)? => return Err(not_ours_error(path)),
            _ => {}
        }
    }
    if spare == Kind::Folder && !keep_spare {
        swap::remove_tree(&p.spare).map_err(|e| io_error(&p.spare, "remove the spare", e))?;
    }
    if out == Kind::Missing && old == Kind::Folder {
        fs::rename(&p.old, &p.out)
            .map_err(|e| io_error(&p.old, "put the previous site back in place", e))?;
        note(&format!(
            "note: restored {} from {}, where a build that was interrupted had moved it\n",
            p.out.display(),
            p.old.display()
        ));
    } else if old == Kind::Folder {
        keep_or_remove(p, &p.old, keep_spare, "the previous site", note)?;
    }
    if staging == Kind::Folder {
        keep_or_remove(p, &p.staging, keep_spare, "the staging folder", note)?;
    }
    Ok(())
}

/// A folder an interrupted build left: the spare, if there is none yet and
/// spares are kept, or removed.
fn keep_or_remove(
    p: &Paths,
    dir: &Path,
    keep_spare: bool,
    what: &str,
    note: &mut dyn FnMut(&str),
) -> Result<(), Diagnostic> {
    if keep_spare && kind(&p.spare)? == Kind::Missing {
        fs::rename(dir, &p.spare).map_err(|e| io_error(dir, "keep as the spare", e))?;
        note(&format!(
            "note: kept {}, {what} a build that was interrupted left, as the spare {} that this build reuses\n",
            dir.display(),
            p.spare.display()
        ));
        return Ok(());
    }
    swap::remove_tree(dir).map_err(|e| {
        io_error(
            dir,
            &format!("remove {what} a build that was interrupted left"),
            e,
        )
    })?;
    note(&format!(
        "note: removed {}, {what} a build that was interrupted left\n",
        dir.display()
    ));
    Ok(())
}

/// After a failed build, what became of the output, as the end of the
/// sentence "Build failed; …".
pub fn after_failure(out: &Path) -> String {
    let Ok(p) = Paths::of(out) else {
        return format!("nothing was written to {}.", out.display());
    };
    match (kind(&p.out), kind(&p.old)) {
        (Ok(Kind::Missing), Ok(Kind::Folder)) => format!(
            "the previous site is in {}; the next build puts it back in {}.",
            p.old.display(),
            out.display()
        ),
        (Ok(Kind::Missing), _) => format!("nothing was written to {}.", out.display()),
        _ => format!("{} was left as it was.", out.display()),
    }
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
/// whole site never has to sit in memory), then swapped in. It holds the
/// output's lock from [`Staging::start`] until it is committed or aborted.
/// When the spare is kept, the staging folder is the reused spare and the
/// previous site becomes the next spare.
pub struct Staging {
    paths: Paths,
    count: AtomicUsize,
    /// The spare, renamed to the staging folder: what it held.
    reused: Option<recycle::Pending>,
    keep_spare: bool,
    // Dropped last: the lock outlives every change to the folders.
    _lock: lock::OutputLock,
}

impl Staging {
    /// Takes the output's lock (waiting for another build that holds it),
    /// recovers from an interrupted build, checks that `out` may be
    /// replaced and starts the staging folder: the spare renamed, when
    /// `keep_spare` and there is one, or else an empty folder carrying the
    /// marker. `note` hears what is worth saying on the way (waiting,
    /// recovering).
    pub fn start(
        out: &Path,
        keep_spare: bool,
        note: &mut dyn FnMut(&str),
    ) -> Result<Staging, Diagnostic> {
        let paths = Paths::of(out)?;
        if let Some(parent) = paths.out.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.is_dir()
        {
            fs::create_dir_all(parent)
                .map_err(|e| io_error(parent, "create the output's parent folder", e))?;
        }
        let lock = lock::OutputLock::acquire(&paths.lock, &paths.out, note)?;
        pause::at("locked");
        recover(&paths, keep_spare, note)?;
        pause::at("recovered");
        check_replaceable(&paths.out)?;
        let mut staging = Staging {
            paths,
            count: AtomicUsize::new(0),
            reused: None,
            keep_spare,
            _lock: lock,
        };
        if keep_spare && kind(&staging.paths.spare)? == Kind::Folder {
            staging.reused = staging.reuse_spare();
        }
        if staging.reused.is_none() {
            staging.create_empty()?;
        }
        pause::at("staging-created");
        Ok(staging)
    }

    /// Renames the spare to the staging folder and starts listing it.
    /// `None` when the rename fails: the build then starts from an empty
    /// folder, which only costs time.
    fn reuse_spare(&self) -> Option<recycle::Pending> {
        let Paths { staging, spare, .. } = &self.paths;
        fs::rename(spare, staging).ok()?;
        if fs::write(staging.join(MARKER), MARKER_TEXT).is_err() {
            self.discard();
            return None;
        }
        Some(recycle::Pending::start(staging.clone()))
    }

    /// What the reused spare held, once listed. When the listing failed
    /// the staging folder has been started again, empty.
    fn reused(&self) -> Option<&recycle::Reused> {
        self.reused.as_ref()?.get(|| self.start_again_empty())
    }

    fn start_again_empty(&self) {
        self.discard();
        let _ = self.create_empty();
    }

    /// How long listing the reused spare took (beside the loading of the
    /// content), if there was one.
    pub fn spare_listed_in(&self) -> Option<std::time::Duration> {
        Some(self.reused()?.listed_in)
    }

    fn create_empty(&self) -> Result<(), Diagnostic> {
        let dir = &self.paths.staging;
        fs::create_dir(dir).map_err(|e| io_error(dir, "create the staging folder", e))?;
        let marker = dir.join(MARKER);
        if let Err(e) = fs::write(&marker, MARKER_TEXT) {
            self.discard();
            return Err(io_error(&marker, "write the output marker", e));
        }
        Ok(())
    }

    pub fn count(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }

    /// Removes from a reused staging folder what this build did not write,
    /// swaps the staging folder in for the output, then keeps the previous
    /// site as the spare (or removes it). Warnings: the new site is in
    /// place but the previous one could not be kept or removed (the next
    /// build tries again).
    pub fn commit(mut self) -> Result<Vec<Diagnostic>, Diagnostic> {
        let reused = self.reused.take();
        if let Some(reused) = reused.and_then(|r| r.into_listing(|| self.start_again_empty()))
            && let Err(e) = reused.prune(&AtomicUsize::new(0))
        {
            let what = "remove a file of the site before last that this build did not write";
            return Err(self.fail(io_error(&self.paths.staging, what, e)));
        }
        pause::at("before-swap");
        let Paths {
            out, staging, old, ..
        } = &self.paths;
        match kind(out)? {
            Kind::Missing => {
                return match fs::rename(staging, out) {
                    Ok(()) => Ok(Vec::new()),
                    Err(e) => Err(self.fail(io_error(out, "move the new site into place", e))),
                };
            }
            Kind::Folder => {}
            // Made since the build started, by someone else.
            Kind::Link => return Err(self.fail(link_error(out, true))),
            Kind::File => return Err(self.fail(not_folder_error(out))),
        }
        let leftover = match swap::exchange(staging, out) {
            Ok(true) => {
                pause::at("exchanged");
                staging
            }
            Ok(false) => {
                if let Err(e) = fs::rename(out, old) {
                    return Err(self.fail(io_error(out, "move the previous site aside", e)));
                }
                pause::at("moved-aside");
                if let Err(e) = fs::rename(staging, out) {
                    let err = io_error(out, "move the new site into place", e);
                    let err = match fs::rename(old, out) {
                        Ok(()) => err,
                        Err(_) => err.with_help(format!(
                            "the previous site is in {}; the next build puts it back",
                            old.display()
                        )),
                    };
                    return Err(self.fail(err));
                }
                pause::at("swapped");
                old
            }
            Err(e) => return Err(self.fail(io_error(out, "swap the new site into place", e))),
        };
        Ok(self.put_aside(leftover).into_iter().collect())
    }

    /// The previous site, after the swap: kept as the spare, or removed.
    fn put_aside(&self, previous: &Path) -> Option<Diagnostic> {
        if self.keep_spare && self.become_spare(previous) {
            return None;
        }
        let e = swap::remove_tree(previous).err()?;
        Some(
            Diagnostic::warning(
                Code::Io,
                Origin::file(previous, Position::START),
                format!(
                    "the new site is in place, but the previous one could not be removed from here: {e}"
                ),
            )
            .with_help("the next build removes it; check this folder's permissions"),
        )
    }

    /// Gives up the staging folder, leaving the output as it was: a reused
    /// spare becomes the spare again (its files are no worse a start than
    /// they were), a new folder is removed.
    pub fn abort(mut self) {
        // The listing is waited for: it reads the folder about to move.
        let reused = self.reused.take();
        if reused.is_some_and(|r| r.into_listing(|| self.start_again_empty()).is_some())
            && self.become_spare(&self.paths.staging)
        {
            return;
        }
        self.discard();
    }

    /// Renames `dir` to the spare, if there is none: did it?
    fn become_spare(&self, dir: &Path) -> bool {
        let spare = &self.paths.spare;
        kind(spare).is_ok_and(|k| k == Kind::Missing) && fs::rename(dir, spare).is_ok()
    }

    fn discard(&self) {
        let _ = swap::remove_tree(&self.paths.staging);
    }

    fn fail(&self, d: Diagnostic) -> Diagnostic {
        self.discard();
        d
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let path = self.paths.staging.join(&file.path);
        if let Some(reused) = self.reused() {
            reused
                .put(&file.path, &file.bytes)
                .map_err(|e| io_error(&path, "write", e))?;
        } else {
            if let Some(parent) = path.parent()
                && !parent.is_dir()
            {
                fs::create_dir_all(parent).map_err(|e| io_error(parent, "create a folder", e))?;
            }
            fs::write(&path, &file.bytes).map_err(|e| io_error(&path, "write", e))?;
        }
        pause::written(self.count.fetch_add(1, Ordering::Relaxed) + 1);
        Ok(())
    }
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
    fn an_output_without_a_last_name_is_resolved_and_the_root_refused() {
        let here = resolve(Path::new(".")).expect("the current folder");
        assert!(here.is_absolute() && here.file_name().is_some());
        assert_eq!(resolve(Path::new("public/")).ok(), Some("public/".into()));
        let root = resolve(Path::new("/")).expect_err("the root folder");
        assert_eq!(root.code, Code::BadArgument);
    }

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
