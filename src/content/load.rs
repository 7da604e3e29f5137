//! Load: walk `content/`, read every file as UTF-8 with normalised line
//! endings, and keep the path for every later message.

use crate::diagnostics::{Code, Diagnostic, Origin, Position};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One file of the content folder, read once and kept for every later stage.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root (`content/case-studies/x.md`), as shown to editors.
    pub path: PathBuf,
    /// The whole text, `\r\n` normalised to `\n`.
    pub text: std::sync::Arc<str>,
}

/// What kind of content a file is, from where it sits under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    CaseStudy,
    Page,
    SiteConfig,
    Resources,
}

pub fn kind_of(relative_to_content: &Path) -> Option<ContentKind> {
    let parts: Vec<_> = relative_to_content.components().collect();
    let name = relative_to_content.file_name()?.to_str()?;
    let is_md = name.ends_with(".md");
    match parts.len() {
        1 if name == "site.yaml" => Some(ContentKind::SiteConfig),
        1 if name == "resources.yaml" => Some(ContentKind::Resources),
        2 if is_md && parts[0].as_os_str() == "case-studies" => Some(ContentKind::CaseStudy),
        2 if is_md && parts[0].as_os_str() == "pages" => Some(ContentKind::Page),
        _ => None,
    }
}

/// Editors' swap and backup files, which must never be read as content.
pub fn is_editor_temp_file(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// The content files to read, each with its kind, and the problems of the
/// folder (files not read, folders that are not folders).
pub type Listing = (Vec<(PathBuf, ContentKind)>, Vec<Diagnostic>);

/// The content files under `root/content`, sorted so that every later
/// stage sees them in the same order, with a warning for every file that is
/// not read (and why), and an error for a content folder or file that is not
/// what its name says (a link, a file where a folder belongs): nothing an
/// editor put under `content/` is passed over without a word. Links are
/// never followed.
pub fn list_content_files(root: &Path) -> Result<Listing, Diagnostic> {
    let content = root.join("content");
    if content.is_symlink() {
        return Err(Diagnostic::error(
            Code::ContentNotFolder,
            Origin::file(display_path(root, &content), Position::START),
            "content is a link: compendium does not follow links, so none of the site's files would be read",
        )
        .with_help("make it a plain folder of the site (compendium never follows links, so that it can never read or replace what is not the site's own)"));
    }
    if !content.is_dir() {
        return Err(Diagnostic::error(
            Code::NoContentFolder,
            Origin::argument("--root"),
            format!("no content folder at {}", content.display()),
        )
        .with_help(
            "run compendium in the site's folder (the one holding `content/`), or pass --root DIR",
        ));
    }
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for entry in WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1)
    {
        let entry = entry.map_err(|e| {
            let path = e.path().map(Path::to_path_buf).unwrap_or(content.clone());
            Diagnostic::error(
                Code::Io,
                Origin::file(display_path(root, &path), Position::START),
                format!("cannot read: {e}"),
            )
            .with_io_help(e.io_error().map(std::io::Error::kind))
        })?;
        let rel = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        let shown = display_path(root, entry.path());
        let kind = entry.file_type();
        if let Some(problem) = misplaced(rel, kind) {
            diagnostics.push(Diagnostic::error(
                Code::ContentNotFolder,
                Origin::file(&shown, Position::START),
                problem,
            ).with_help("make it a plain folder or file of the site (compendium never follows links, so that it can never read or replace what is not the site's own)"));
            continue;
        }
        if kind.is_dir() {
            // A folder named like a case study or page is never read, even
            // with nothing in it.
            if rel.components().count() == 2
                && matches!(
                    kind_of(rel),
                    Some(ContentKind::CaseStudy | ContentKind::Page)
                )
            {
                diagnostics.push(
                    Diagnostic::warning(
                        Code::IgnoredFile,
                        Origin::file(&shown, Position::START),
                        "not read: it is a folder, and each case study or page is a file",
                    )
                    .with_help("rename the folder, or save the text as a file of this name"),
                );
            }
            continue;
        }
        // Editors' swap and backup files are never content, whatever their name.
        let temp = is_editor_temp_file(&entry.file_name().to_string_lossy());
        match kind_of(rel) {
            Some(kind) if entry.file_type().is_file() && !temp => {
                files.push((entry.path().to_path_buf(), kind))
            }
            _ => {
                let (why, help) = why_not_read(rel, entry.file_type().is_symlink());
                diagnostics.push(
                    Diagnostic::warning(
                        Code::IgnoredFile,
                        Origin::file(&shown, Position::START),
                        why,
                    )
                    .with_help(help),
                );
            }
        }
    }
    Ok((files, diagnostics))
}

/// A folder the content format names that is a link or a file, or a
/// settings file that is a folder or a link: what it would hold is lost.
fn misplaced(rel: &Path, kind: std::fs::FileType) -> Option<String> {
    let name = rel.to_str()?;
    let shown = format!("content/{name}");
    match name {
        "case-studies" | "pages" if kind.is_symlink() => Some(format!(
            "{shown} is a link: compendium does not follow links, so none of its files would be read"
        )),
        "case-studies" | "pages" if !kind.is_dir() => Some(format!(
            "{shown} is a file, not a folder: the content format keeps each {} in a file of its own inside it",
            if name == "pages" {
                "page"
            } else {
                "case study"
            }
        )),
        "site.yaml" | "resources.yaml" if kind.is_dir() => Some(format!(
            "{shown} is a folder, not a file: its settings would be lost"
        )),
        "site.yaml" | "resources.yaml" if kind.is_symlink() => Some(format!(
            "{shown} is a link: compendium does not follow links, so its settings would be lost"
        )),
        _ => None,
    }
}

/// Why a file under `content/` is not read, and what to do about it.
fn why_not_read(rel: &Path, is_link: bool) -> (String, String) {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let in_folder = rel.components().count();
    let folder = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    let content_folder = folder == "case-studies" || folder == "pages";
    if is_link {
        return (
            "not read: it is a link, and compendium does not follow links".into(),
            "copy the file itself here instead of linking to it".into(),
        );
    }
    if name.starts_with('.') || is_editor_temp_file(&name) {
        return (
            "not read: hidden files and editors' temporary files are not content".into(),
            "nothing to do if it is an editor's or the system's file; rename it if it is a case study".into(),
        );
    }
    if content_folder && in_folder > 2 {
        return (
            format!("not read: files in sub-folders of content/{folder} are not read"),
            format!("move it up into content/{folder}/"),
        );
    }
    if content_folder && name.to_lowercase().ends_with(".md") {
        return (
            "not read: only names ending in `.md` (lower case) are read".into(),
            format!(
                "rename it to end in `.md`, like `{}.md`",
                name[..name.len() - 3].to_lowercase()
            ),
        );
    }
    if content_folder {
        return (
            format!("not read: content/{folder} holds Markdown files ending in `.md`"),
            "move it elsewhere, or save it as Markdown with a `.md` name".into(),
        );
    }
    (
        "not read: compendium reads site.yaml, resources.yaml, case-studies/*.md and pages/*.md under content/".into(),
        "move it out of content/ if it is not part of the site".into(),
    )
}

/// Reads one file; a file that is not UTF-8 or is empty is a diagnostic.
pub fn read_source(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let display = display_path(root, path);
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            Code::Io,
            Origin::file(&display, Position::START),
            format!("cannot read file: {e}"),
        )
        .with_io_help(Some(e.kind()))
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let at = position_of_end(valid);
            return Err(Diagnostic::error(
                Code::NotUtf8,
                Origin::file(&display, at),
                "file is not valid UTF-8",
            )
            .with_help(
                "save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)",
            ));
        }
    };
    source_from_text(display, &text)
}

/// A file's text as every later stage sees it: no byte-order mark, line
/// endings `\n`; an empty file is a diagnostic.
pub fn source_from_text(display: PathBuf, text: &str) -> Result<SourceFile, Diagnostic> {
    // Byte-order marks are invisible in editors: any number may start a file.
    let text = text.trim_start_matches('\u{feff}');
    // Most files have no carriage return: they are copied only into the
    // shared text, not twice more by the replacements.
    let text: std::sync::Arc<str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            Code::EmptyFile,
            Origin::file(&display, Position::START),
            "file is empty",
        )
        .with_help("add front matter and a body, or delete the file"));
    }
    Ok(SourceFile {
        path: display,
        text,
    })
}

/// The path shown to editors: relative to the site root when it is inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Line and column just after the given valid UTF-8 prefix.
fn position_of_end(valid_prefix: &[u8]) -> Position {
    let text = String::from_utf8_lossy(valid_prefix);
    // Byte-order marks, which editors do not show, are not counted.
    let text = text.trim_start_matches('\u{feff}');
    let line = text.matches('\n').count() + 1;
    let column = text
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    Position::new(line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_content_paths() {
        assert_eq!(
            kind_of(Path::new("case-studies/a.md")),
            Some(ContentKind::CaseStudy)
        );
        assert_eq!(
            kind_of(Path::new("pages/about.md")),
            Some(ContentKind::Page)
        );
        assert_eq!(
            kind_of(Path::new("site.yaml")),
            Some(ContentKind::SiteConfig)
        );
        assert_eq!(kind_of(Path::new("case-studies/a.txt")), None);
        assert_eq!(kind_of(Path::new("case-studies/x/a.md")), None);
    }

    #[test]
    fn utf8_error_position_counts_lines() {
        assert_eq!(position_of_end(b"ab\ncd"), Position::new(2, 3));
    }
}
