//! Watching the site's files: raw file-system events are debounced (editors'
//! write-to-temp-then-rename saves and the bursts of a `git checkout` become
//! one batch), then each path is classified by a pure function into the kind
//! of change it is, so the rebuild can do the cheapest correct thing.

use crate::content::load::{ContentKind, is_editor_temp_file, kind_of};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A case study or page was added, edited or deleted (absolute path).
    Content(PathBuf),
    /// `site.yaml` or `resources.yaml`: settings or vocabularies every page may use.
    Settings,
    /// A template of the theme (its name, e.g. `case_study.html`).
    Template(String),
    /// A static asset of the theme (e.g. `static/style.css`).
    Asset(String),
}

/// What a changed path means for the site; `None` for files that do not
/// matter (editor swap files, other folders, unrelated files).
pub fn classify(root: &Path, theme: &str, path: &Path) -> Option<Change> {
    let name = path.file_name()?.to_str()?;
    if is_editor_temp_file(name) {
        return None;
    }
    if let Ok(rel) = path.strip_prefix(root.join("content")) {
        return match kind_of(rel)? {
            ContentKind::CaseStudy | ContentKind::Page => Some(Change::Content(path.to_path_buf())),
            ContentKind::SiteConfig | ContentKind::Resources => Some(Change::Settings),
        };
    }
    let rel = path.strip_prefix(root.join("themes").join(theme)).ok()?;
    let rel = rel.to_str()?.replace('\\', "/");
    if rel.split('/').any(|p| p.starts_with('.')) {
        return None;
    }
    if let Some(template) = rel.strip_prefix("templates/") {
        return Some(Change::Template(template.to_owned()));
    }
    rel.starts_with("static/").then_some(Change::Asset(rel))
}

/// Classifies a batch of paths, dropping duplicates and irrelevant files.
pub fn classify_all(root: &Path, theme: &str, paths: &[PathBuf]) -> Vec<Change> {
    let mut changes: Vec<Change> = paths
        .iter()
        .filter_map(|p| classify(root, theme, p))
        .collect();
    changes.sort();
    changes.dedup();
    changes
}

fn is_change(kind: &notify::EventKind) -> bool {
    use notify::EventKind::*;
    use notify::event::ModifyKind;
    match kind {
        Create(_) | Remove(_) | Any | Other => true,
        Modify(ModifyKind::Metadata(_)) => false,
        Modify(_) => true,
        Access(_) => false,
    }
}

/// Watches `content/` and `themes/` under `root`; each message is one
/// debounced batch of changed paths.
pub struct Watcher {
    debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    pub batches: Receiver<Vec<PathBuf>>,
    themes_watched: bool,
}

impl Watcher {
    /// When `themes/` appears after the server started, watch it too, and
    /// return the files already in it (they were written before the watch).
    pub fn follow_new_themes(&mut self, root: &Path, batch: &[PathBuf]) -> Vec<PathBuf> {
        let themes = root.join("themes");
        if self.themes_watched || !batch.iter().any(|p| p.starts_with(&themes)) || !themes.is_dir()
        {
            return Vec::new();
        }
        if self
            .debouncer
            .watch(&themes, notify::RecursiveMode::Recursive)
            .is_err()
        {
            return Vec::new();
        }
        self.themes_watched = true;
        walkdir::WalkDir::new(&themes)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect()
    }
}

pub fn watch(root: &Path, debounce: Duration) -> notify::Result<Watcher> {
    use notify::RecursiveMode;
    let (tx, rx) = channel();
    let mut debouncer = notify_debouncer_full::new_debouncer(
        debounce,
        None,
        move |result: notify_debouncer_full::DebounceEventResult| {
            if let Ok(events) = result {
                // Reading a file is an event too (inotify's open/close): only
                // creations, writes, renames and removals are changes.
                let mut paths: Vec<PathBuf> = events
                    .into_iter()
                    .filter(|e| is_change(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect();
                paths.sort();
                paths.dedup();
                if !paths.is_empty() {
                    let _ = tx.send(paths);
                }
            }
        },
    )?;
    debouncer.watch(root.join("content"), RecursiveMode::Recursive)?;
    let themes = root.join("themes");
    let themes_watched = themes.is_dir();
    if themes_watched {
        debouncer.watch(&themes, RecursiveMode::Recursive)?;
    } else {
        // Only to notice a `themes/` folder being created.
        debouncer.watch(root, RecursiveMode::NonRecursive)?;
    }
    Ok(Watcher {
        debouncer,
        batches: rx,
        themes_watched,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let root = Path::new("/site");
        let c = |p: &str| classify(root, "default", Path::new(p));
        assert_eq!(
            c("/site/content/case-studies/a.md"),
            Some(Change::Content("/site/content/case-studies/a.md".into()))
        );
        assert_eq!(
            c("/site/content/pages/about.md"),
            Some(Change::Content("/site/content/pages/about.md".into()))
        );
        assert_eq!(c("/site/content/site.yaml"), Some(Change::Settings));
        assert_eq!(c("/site/content/resources.yaml"), Some(Change::Settings));
        assert_eq!(
            c("/site/themes/default/templates/base.html"),
            Some(Change::Template("base.html".into()))
        );
        assert_eq!(
            c("/site/themes/default/static/style.css"),
            Some(Change::Asset("static/style.css".into()))
        );
        assert_eq!(c("/site/content/case-studies/.a.md.swp"), None);
        assert_eq!(c("/site/content/case-studies/a.md~"), None);
        assert_eq!(c("/site/content/case-studies/4913"), None);
        assert_eq!(c("/site/themes/other/templates/base.html"), None);
        assert_eq!(c("/site/public/index.html"), None);
    }

    #[test]
    fn batches_are_deduplicated() {
        let root = Path::new("/site");
        let paths = vec![
            PathBuf::from("/site/content/site.yaml"),
            PathBuf::from("/site/content/resources.yaml"),
            PathBuf::from("/site/content/case-studies/a.md"),
            PathBuf::from("/site/content/case-studies/a.md"),
        ];
        assert_eq!(classify_all(root, "default", &paths).len(), 2);
    }
}
