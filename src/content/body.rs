//! A file's body as the content stage leaves it: the Markdown source, not
//! HTML. Rendering needs every route (links resolve to them), so it belongs
//! to the model; here are only the checks that need the file alone.

use crate::diagnostics::{Code, Diagnostic, Origin, Position};
use std::path::Path;
use std::sync::Arc;

/// The Markdown of a body, kept inside the whole file's text so that every
/// problem found in it can be reported at its line and column.
#[derive(Debug, Clone)]
pub struct Body {
    /// The whole file (shared with the dev server's cache, never copied).
    pub source: Arc<str>,
    /// Where the body starts in `source`, just after the front matter.
    pub offset: usize,
}

impl Body {
    /// The Markdown source of the body.
    pub fn markdown(&self) -> &str {
        self.source.get(self.offset..).unwrap_or("")
    }
}

/// `compendium new` leaves `TODO` under each heading: it must not be published.
pub fn placeholders(file: &Path, body: &Body) -> Vec<Diagnostic> {
    let before = body.source.get(..body.offset).unwrap_or("");
    let first_line = before.matches('\n').count() + 1;
    body.markdown()
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim() == "TODO")
        .map(|(i, line)| {
            Diagnostic::error(
                Code::Placeholder,
                Origin::file(
                    file,
                    Position::new(first_line + i, line.find('T').unwrap_or(0) + 1),
                ),
                "the body still holds a `TODO` placeholder",
            )
            .with_help("write this section, or delete the heading and its placeholder")
            .with_source(&body.source)
        })
        .collect()
}
