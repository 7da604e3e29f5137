//! The theme: the default one embedded in the binary, overridden file by file
//! by `<root>/themes/<name>/` on disk (templates and static assets alike).

use crate::diagnostics::{Code, Diagnostic, Origin, Position};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// `templates/base.html` → text.
    pub templates: BTreeMap<String, String>,
    /// `static/style.css` → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Where each overridden file came from, for messages.
    pub overrides: BTreeMap<String, PathBuf>,
    /// A short content hash of each asset, for cache-busting URLs.
    pub hashes: BTreeMap<String, String>,
}

/// Where `theme:` is given in content/site.yaml (its value), so that a missing
/// theme is reported where the editor named it; the file's start otherwise.
fn theme_line(root: &Path) -> Position {
    let text = std::fs::read_to_string(root.join("content").join("site.yaml")).unwrap_or_default();
    crate::diagnostics::editor_lines(&text)
        .enumerate()
        .find_map(|(i, line)| {
            let rest = line.strip_prefix("theme:")?;
            let value = rest.trim_start();
            let column = line.chars().count() - value.chars().count() + 1;
            Some(Position::new(i + 1, column))
        })
        .unwrap_or(Position::START)
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::default();
        for (path, bytes) in DEFAULT_THEME {
            theme.insert(path, bytes.to_vec(), None)?;
        }
        let dir = root.join("themes").join(name);
        // Messages name files relative to the site's folder, as for content.
        let shown = |p: &Path| crate::content::load::display_path(root, p);
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir)
                .follow_links(false)
                .sort_by_file_name()
            {
                let entry = entry.map_err(|e| {
                    Diagnostic::error(
                        Code::Io,
                        Origin::file(shown(&dir), Position::START),
                        format!("cannot read the theme: {e}"),
                    )
                    .with_io_help(e.io_error().map(std::io::Error::kind))
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                if rel.split('/').any(|p| p.starts_with('.'))
                    || crate::content::load::is_editor_temp_file(&rel)
                {
                    continue;
                }
                let bytes = std::fs::read(entry.path()).map_err(|e| {
                    Diagnostic::error(
                        Code::Io,
                        Origin::file(shown(entry.path()), Position::START),
                        format!("cannot read: {e}"),
                    )
                    .with_io_help(Some(e.kind()))
                })?;
                theme.insert(&rel, bytes, Some(shown(entry.path())))?;
            }
        } else if name != "default" {
            return Err(Diagnostic::error(
                Code::ThemeNotFound,
                Origin::file("content/site.yaml", theme_line(root)),
                format!("theme `{name}` not found at {}", dir.display()),
            )
            .with_help("create the folder, or remove `theme:` to use the built-in default theme"));
        }
        theme.hashes = theme
            .assets
            .iter()
            .map(|(path, bytes)| (path.clone(), crate::output::short_hash(bytes)))
            .collect();
        Ok(theme)
    }

    fn insert(
        &mut self,
        rel: &str,
        bytes: Vec<u8>,
        from: Option<PathBuf>,
    ) -> Result<(), Diagnostic> {
        if let Some(name) = rel.strip_prefix("templates/") {
            let text = String::from_utf8(bytes).map_err(|e| {
                // Placed at the first byte that is not UTF-8, as for content files.
                let valid = String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
                let at = crate::content::frontmatter::position_at(&valid, valid.len());
                Diagnostic::error(
                    Code::NotUtf8,
                    Origin::file(from.clone().unwrap_or_else(|| rel.into()), at),
                    "template is not valid UTF-8",
                )
                .with_help("save the template as UTF-8 (in most editors: File > Save with encoding > UTF-8)")
            })?;
            self.templates.insert(name.to_owned(), text);
        } else if rel.starts_with("static/") {
            self.assets.insert(rel.to_owned(), bytes);
        }
        if let Some(from) = from {
            self.overrides.insert(rel.to_owned(), from);
        }
        Ok(())
    }

    /// The file a template came from, as editors know it.
    pub fn template_origin(&self, name: &str) -> PathBuf {
        self.overrides
            .get(&format!("templates/{name}"))
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("themes/default/templates/{name}")))
    }
}
