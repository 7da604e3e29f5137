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

/// Lists the content files under `root/content`, sorted so that every later
/// stage sees them in the same order.
pub fn list_content_files(root: &Path) -> Result<Vec<(PathBuf, ContentKind)>, Diagnostic> {
    let content = root.join("content");
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
    for entry in WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let path = e.path().map(Path::to_path_buf).unwrap_or(content.clone());
            Diagnostic::error(
                Code::Io,
                Origin::file(path, Position::START),
                format!("cannot read: {e}"),
            )
            .with_io_help(e.io_error().map(std::io::Error::kind))
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if is_editor_temp_file(&name) {
            continue;
        }
        let rel = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        if let Some(kind) = kind_of(rel) {
            files.push((entry.path().to_path_buf(), kind));
        }
    }
    Ok(files)
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
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
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
        text: text.into(),
    })
}

/// The path shown to editors: relative to the site root when it is inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Line and column just after the given valid UTF-8 prefix.
fn position_of_end(valid_prefix: &[u8]) -> Position {
    let text = String::from_utf8_lossy(valid_prefix);
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
