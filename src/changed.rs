//! `check FILES` and `check --changed-since REV`: which of the site's files
//! a change touched, so that `check` reports only what concerns them. The
//! whole site is still validated (a changed file can clash with, or break a
//! link from, any other); [`crate::diagnostics::concerning`] then keeps the
//! diagnostics about these files.

use crate::diagnostics::{Code, Diagnostic, Origin, lexical};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The changed files, sorted into what `check` does with them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Files of the site (under `content/` or `themes/`), as display paths
    /// (relative to the site's folder, like every diagnostic's path). A
    /// deleted file is one too: links to it are now broken.
    pub files: BTreeSet<PathBuf>,
    /// A changed file every other file is checked against
    /// (`content/site.yaml`: vocabulary, settings): everything is reported.
    pub everything: Option<PathBuf>,
    /// Paths that are not the site's files (`README.md`, `src/…`, files
    /// outside the site's folder), as given.
    pub ignored: Vec<PathBuf>,
}

impl Scope {
    /// Sorts paths (absolute, or relative to `cwd`) by what they are to the
    /// site in `root` (itself absolute or relative to `cwd`).
    pub fn of(root: &Path, cwd: &Path, paths: impl IntoIterator<Item = PathBuf>) -> Scope {
        let mut scope = Scope::default();
        let root = cwd.join(root);
        for given in paths {
            match site_relative(&root, &cwd.join(&given)) {
                Some(rel) if rel == Path::new("content/site.yaml") => {
                    scope.everything = Some(rel.clone());
                    scope.files.insert(rel);
                }
                Some(rel) if rel.starts_with("content") || rel.starts_with("themes") => {
                    scope.files.insert(rel);
                }
                _ => scope.ignored.push(given),
            }
        }
        scope
    }
}

/// `path` relative to `root` when it is inside it, looked at as written and
/// then as the disk resolves links (a file may be deleted: its folder is
/// resolved instead).
fn site_relative(root: &Path, path: &Path) -> Option<PathBuf> {
    let (root_lex, path_lex) = (lexical(root), lexical(path));
    if let Ok(rel) = path_lex.strip_prefix(&root_lex) {
        return Some(rel.to_path_buf());
    }
    let root_real = std::fs::canonicalize(&root_lex).ok()?;
    let path_real = std::fs::canonicalize(&path_lex).ok().or_else(|| {
        let parent = std::fs::canonicalize(path_lex.parent()?).ok()?;
        Some(parent.join(path_lex.file_name()?))
    })?;
    path_real
        .strip_prefix(&root_real)
        .ok()
        .map(Path::to_path_buf)
}

/// The files git sees changed since `rev` in the repository holding `root`:
/// `git diff --name-only --no-renames REV` (committed, staged and unstaged
/// changes, deletions, both sides of a rename) and the untracked files git
/// does not ignore, as absolute paths.
pub fn since(root: &Path, rev: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    if rev.starts_with('-') || rev.is_empty() {
        return Err(bad_revision(rev, "it is empty or starts with `-`"));
    }
    let top = git(root, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let commit = format!("{rev}^{{commit}}");
    if git(root, &["rev-parse", "--verify", "--quiet", &commit]).is_err() {
        return Err(bad_revision(rev, "git does not know it"));
    }
    let changed = git(
        &top,
        &["diff", "--name-only", "--no-renames", "-z", rev, "--"],
    )?;
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    Ok(changed
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|p| !p.is_empty())
        .map(|p| top.join(p))
        .collect())
}

/// Runs git in `dir`; its standard output, or why it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String, Diagnostic> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| {
            git_error(format!("cannot run git: {e}")).with_help(
                "install git (and make sure it is on PATH), or name the changed files instead: `compendium check FILE...`",
            )
        })?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(git_error(format!(
            "`git {}` failed in {}: {why}",
            args.join(" "),
            dir.display()
        ))
        .with_help("run check in a git repository (the site's folder, or a folder inside one), or name the changed files instead: `compendium check FILE...`"));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn git_error(message: String) -> Diagnostic {
    Diagnostic::error(Code::Git, Origin::argument("--changed-since"), message)
}

fn bad_revision(rev: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BadArgument,
        Origin::argument("--changed-since"),
        format!("`{rev}` is not a revision to compare with: {why}"),
    )
    .with_help("give a commit, branch or tag, e.g. `--changed-since origin/main`; in CI, fetch it first (`git fetch origin main`, or `fetch-depth: 0` in actions/checkout)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sorted_by_what_they_are_to_the_site() {
        let cwd = Path::new("/repo");
        let scope = Scope::of(
            Path::new("site"),
            cwd,
            [
                "site/content/case-studies/a.md",
                "/repo/site/./content/pages/../pages/about.md",
                "README.md",
                "site/src/main.rs",
                "site/themes/mine/templates/base.html",
                "elsewhere/content/case-studies/b.md",
            ]
            .map(PathBuf::from),
        );
        assert_eq!(
            scope.files,
            [
                "content/case-studies/a.md",
                "content/pages/about.md",
                "themes/mine/templates/base.html"
            ]
            .map(PathBuf::from)
            .into()
        );
        assert_eq!(
            scope.ignored,
            [
                "README.md",
                "site/src/main.rs",
                "elsewhere/content/case-studies/b.md"
            ]
            .map(PathBuf::from)
        );
        assert_eq!(scope.everything, None);
    }

    #[test]
    fn the_site_settings_concern_every_file() {
        let scope = Scope::of(
            Path::new("."),
            Path::new("/repo"),
            [PathBuf::from("content/site.yaml")],
        );
        assert_eq!(scope.everything, Some(PathBuf::from("content/site.yaml")));
    }

    #[test]
    fn a_revision_that_looks_like_an_option_is_refused_before_git_runs() {
        let d = since(Path::new("."), "--output=/tmp/x").expect_err("refused");
        assert_eq!(d.code, Code::BadArgument);
        assert_eq!(d.origin, Origin::argument("--changed-since"));
    }
}
