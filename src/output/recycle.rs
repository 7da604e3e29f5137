//! Reusing the site before last as the staging folder.
//!
//! Writing a whole site afresh and then deleting the previous one costs two
//! file-system operations per file even when nothing changed; at 100,000
//! case studies deleting the previous site alone took longer than
//! rendering it. So after a swap the previous site is kept beside the
//! output as `.NAME.spare`, and the next build renames it to its staging
//! folder and:
//!
//! - leaves alone every file whose bytes are already the new ones (so its
//!   modification time says when it last changed, which `rsync` and deploy
//!   tools use);
//! - replaces a file that changed by unlinking it and creating a new one,
//!   never by writing into it: a hard-linked copy of an earlier site (a
//!   backup made with `cp -al`) keeps its bytes;
//! - removes, before the swap, every file and folder it did not write.
//!
//! The spare is compendium's own folder (it carries the marker), but it was
//! once the published output, where anyone may have added things: every
//! symbolic link or special file in it is removed, as a link, before the
//! build writes anything, so no write goes through a link.

use super::{MARKER, pause, swap};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The listing of a reused folder, made on a thread of its own while the
/// content is read and checked (at 100,000 case studies it takes seconds);
/// the first file written waits for it.
pub(super) struct Pending {
    scan: Mutex<Option<JoinHandle<io::Result<Reused>>>>,
    ready: OnceLock<Option<Reused>>,
}

impl Pending {
    pub(super) fn start(root: PathBuf) -> Pending {
        let scan = std::thread::spawn(move || Reused::scan(&root));
        Pending {
            scan: Mutex::new(Some(scan)),
            ready: OnceLock::new(),
        }
    }

    /// The listing, once it is made; `None` if it failed, after
    /// `on_failure` has run (once, before any other caller goes on).
    pub(super) fn get(&self, on_failure: impl FnOnce()) -> Option<&Reused> {
        self.ready
            .get_or_init(|| {
                let scan = self.scan.lock().ok()?.take()?;
                let listed = scan.join().ok().and_then(Result::ok);
                if listed.is_none() {
                    on_failure();
                }
                listed
            })
            .as_ref()
    }

    pub(super) fn into_listing(self, on_failure: impl FnOnce()) -> Option<Reused> {
        self.get(on_failure);
        self.ready.into_inner().flatten()
    }
}

/// What a reused staging folder held when the build started.
pub(super) struct Reused {
    root: PathBuf,
    /// Each file found (its path under the folder, with `/`), and whether
    /// this build has written it.
    files: Mutex<HashMap<String, bool>>,
    /// Each folder found.
    folders: Vec<String>,
    /// The folders holding a file this build wrote.
    needed: Mutex<HashSet<String>>,
    /// How long the listing took.
    pub(super) listed_in: Duration,
}

/// How a reused file was dealt with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Its bytes were already the new ones.
    Unchanged,
    /// Created, or replaced by a new file.
    Written,
}

impl Reused {
    /// Lists `root` (a folder that was a site), removing every link and
    /// special file in it as it goes.
    pub(super) fn scan(root: &Path) -> io::Result<Reused> {
        let started = Instant::now();
        let mut files = HashMap::new();
        let mut folders = Vec::new();
        let mut walk = walkdir::WalkDir::new(root)
            .min_depth(1)
            .follow_links(false)
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(io::Error::other)?;
            let kind = entry.file_type();
            match relative(root, entry.path()) {
                Some(rel) if kind.is_dir() => folders.push(rel),
                Some(rel) if kind.is_file() => {
                    if rel != MARKER {
                        files.insert(rel, false);
                    }
                }
                // A name compendium never writes (not UTF-8): not part of
                // any site, so not carried into the next.
                None if kind.is_dir() => {
                    swap::remove_tree_unmarked(entry.path())?;
                    walk.skip_current_dir();
                }
                // A link (to a folder or not), a special file: removed as
                // itself, never followed.
                _ => fs::remove_file(entry.path())?,
            }
        }
        Ok(Reused {
            root: root.to_path_buf(),
            files: Mutex::new(files),
            folders,
            needed: Mutex::new(HashSet::new()),
            listed_in: started.elapsed(),
        })
    }

    /// Puts `bytes` at `rel`, unless they are there already.
    pub(super) fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<Outcome> {
        let path = self.root.join(rel);
        let was_there = self.mark_written(rel);
        self.need_parents(rel);
        if was_there {
            match same_bytes(&path, bytes) {
                Ok(true) => return Ok(Outcome::Unchanged),
                Ok(false) => remove_if_there(&path)?,
                // Gone with a folder that a file of this build replaced.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        self.write_new(rel, &path, bytes)?;
        Ok(Outcome::Written)
    }

    /// Marks `rel` as written by this build; was it in the folder?
    fn mark_written(&self, rel: &str) -> bool {
        match self.files.lock() {
            Ok(mut files) => files.get_mut(rel).map(|written| *written = true).is_some(),
            Err(_) => false,
        }
    }

    /// Creates a new file at `path` (never opening one that exists), making
    /// its folders. A file where one of those folders goes, or a folder
    /// where the file goes, was left by the site before last: it is
    /// removed first.
    fn write_new(&self, rel: &str, path: &Path, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        if let Some(parent) = path.parent()
            && let Err(e) = fs::create_dir_all(parent)
        {
            self.remove_files_above(rel).map_err(|_| e)?;
            fs::create_dir_all(parent)?;
        }
        let mut file = match fs::File::create_new(path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                swap::remove_tree_unmarked(path)?;
                fs::File::create_new(path)?
            }
            other => other?,
        };
        file.write_all(bytes)
    }

    /// Removes the files of the folder at the names above `rel`, where this
    /// build needs folders.
    fn remove_files_above(&self, rel: &str) -> io::Result<()> {
        let mut at = rel;
        while let Some((parent, _)) = at.rsplit_once('/') {
            let path = self.root.join(parent);
            if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                fs::remove_file(&path)?;
                // Dealt with: not to be removed again when pruning.
                self.mark_written(parent);
            }
            at = parent;
        }
        Ok(())
    }

    fn need_parents(&self, rel: &str) {
        if let Ok(mut needed) = self.needed.lock() {
            let mut at = rel;
            // Up to the first folder already known, allocating nothing for
            // the folders of most files.
            while let Some((parent, _)) = at.rsplit_once('/') {
                if needed.contains(parent) {
                    break;
                }
                needed.insert(parent.to_owned());
                at = parent;
            }
        }
    }

    /// Removes every file this build did not write, then every folder left
    /// without one; calls `removed` with the running count.
    pub(super) fn prune(self, removed: &AtomicUsize) -> io::Result<()> {
        use rayon::prelude::*;
        let files = self.files.into_inner().unwrap_or_default();
        let needed = self.needed.into_inner().unwrap_or_default();
        let stale: Vec<&String> = files
            .iter()
            .filter(|(_, written)| !**written)
            .map(|(rel, _)| rel)
            .collect();
        let count = |n: usize| pause::pruned(n);
        stale.par_iter().try_for_each(|rel| {
            // Perhaps already gone, with a folder that a file replaced.
            remove_if_there(&self.root.join(rel))?;
            count(removed.fetch_add(1, Ordering::Relaxed) + 1);
            Ok::<(), io::Error>(())
        })?;
        // Deepest first, so that a folder's folders are gone before it.
        let mut unneeded: Vec<&String> = self
            .folders
            .iter()
            .filter(|f| !needed.contains(*f))
            .collect();
        unneeded.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
        for folder in unneeded {
            match fs::remove_dir(self.root.join(folder)) {
                // Left holding what a build did not list: harmless.
                Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty => {}
                Err(e) if !already_gone(&e) => return Err(e),
                _ => {}
            }
            count(removed.fetch_add(1, Ordering::Relaxed) + 1);
        }
        Ok(())
    }
}

/// `path` below `root` with `/` between the names, if it is valid UTF-8
/// (every path compendium writes is).
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let names: Option<Vec<&str>> = rel.iter().map(|n| n.to_str()).collect();
    Some(names?.join("/"))
}

/// Does the file at `path` hold exactly `bytes`?
fn same_bytes(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let mut file = fs::File::open(path)?;
    if file.metadata()?.len() != bytes.len() as u64 {
        return Ok(false);
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old)?;
    Ok(old == bytes)
}

/// Removes the file at `path`, if it is still there.
fn remove_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if !already_gone(&e) => Err(e),
        _ => Ok(()),
    }
}

/// A path that no longer names what the scan found: gone, or below a
/// folder that a file of this build replaced (`NotADirectory`). Neither
/// `remove_file` nor `remove_dir` removes anything of another kind, so
/// nothing this build wrote is lost.
fn already_gone(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    /// An empty folder of this test's own, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir()
                .join(format!("compendium-recycle-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("scratch folder");
            Scratch(dir)
        }

        fn put(&self, rel: &str, text: &str) {
            let path = self.0.join(rel);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(path, text).expect("write");
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn listing(root: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(root)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.expect("entry");
                let rel = relative(root, e.path()).expect("utf-8");
                if e.file_type().is_dir() {
                    format!("{rel}/")
                } else {
                    format!("{rel}={}", fs::read_to_string(e.path()).expect("read"))
                }
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn files_and_folders_trade_places_and_what_was_not_written_goes() {
        let site = Scratch::new("trade");
        site.put("a", "a file where a folder goes");
        site.put("b/index.html", "a folder where a file goes");
        site.put("c/old/index.html", "stale");
        site.put("same.html", "unchanged");
        site.put("changed.html", "before");
        site.put(MARKER, "marker");
        let reused = Reused::scan(&site.0).expect("scan");
        let put = |rel: &str, text: &str| reused.put(rel, text.as_bytes()).expect("put");
        assert_eq!(put("a/index.html", "now a folder"), Outcome::Written);
        assert_eq!(put("b", "now a file"), Outcome::Written);
        assert_eq!(put("same.html", "unchanged"), Outcome::Unchanged);
        assert_eq!(put("changed.html", "after"), Outcome::Written);
        assert_eq!(put("c/new.html", "new"), Outcome::Written);
        reused.prune(&AtomicUsize::new(0)).expect("prune");
        assert_eq!(
            listing(&site.0),
            [
                format!("{MARKER}=marker").as_str(),
                "a/",
                "a/index.html=now a folder",
                "b=now a file",
                "c/",
                "c/new.html=new",
                "changed.html=after",
                "same.html=unchanged",
            ]
        );
    }

    #[test]
    fn links_special_files_and_names_compendium_never_writes_are_removed_unfollowed() {
        let site = Scratch::new("links");
        let outside = Scratch::new("outside");
        outside.put("keep.txt", "not compendium's");
        site.put("index.html", "home");
        std::os::unix::fs::symlink(&outside.0, site.0.join("media")).expect("link");
        std::os::unix::fs::symlink(outside.0.join("keep.txt"), site.0.join("keep.txt"))
            .expect("link");
        let odd = std::ffi::OsStr::from_bytes(b"caf\xe9");
        fs::create_dir_all(site.0.join(odd).join("deep")).expect("mkdir");
        fs::write(site.0.join(odd).join("deep/x"), "x").expect("write");
        fs::write(
            site.0.join("ok").with_file_name(odd).with_extension("html"),
            "y",
        )
        .expect("write");
        let reused = Reused::scan(&site.0).expect("scan");
        // Written where a link was: a new file, the link's target untouched.
        reused.put("keep.txt", b"ours").expect("put");
        reused.put("media/index.html", b"ours too").expect("put");
        reused.prune(&AtomicUsize::new(0)).expect("prune");
        assert_eq!(
            listing(&site.0),
            ["keep.txt=ours", "media/", "media/index.html=ours too"]
        );
        assert_eq!(listing(&outside.0), ["keep.txt=not compendium's"]);
    }
}
