//! One diagnostics type for `build`, `check` and `serve`, rendered for people
//! (source line and caret), as JSON lines, or as GitHub Actions annotations.

use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column in a whole source file (not in its front matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };

    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path as the editor knows it: relative to the site root where possible.
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    /// How to fix it; empty when there is nothing useful to add.
    pub help: String,
    /// The offending source line, for the caret display. Not part of JSON output.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, at: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: at.line,
            column: at.column,
            severity: Severity::Error,
            message: message.into(),
            help: String::new(),
            source_line: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, at: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, at, message)
        }
    }

    /// A bug in compendium rather than in the content.
    pub fn internal(message: impl Into<String>) -> Self {
        Diagnostic::error("(internal)", Position::START, message).with_help(
            "this is a bug in compendium; please report it with the content that triggers it",
        )
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    /// Attaches the text of the offending line, taken from the whole file's text.
    pub fn with_source(mut self, file_text: &str) -> Self {
        self.source_line = file_text
            .lines()
            .nth(self.line.saturating_sub(1))
            .map(str::to_owned);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn position(&self) -> Position {
        Position::new(self.line, self.column)
    }
}

/// Errors first, then by file and position, so the output order never depends
/// on thread scheduling.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
}

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

pub fn render_all(diagnostics: &[Diagnostic], format: Format, color: bool) -> String {
    let mut out = String::new();
    for d in diagnostics {
        match format {
            Format::Human => out.push_str(&render_human(d, color)),
            Format::Json => {
                out.push_str(&serde_json::to_string(d).unwrap_or_default());
                out.push('\n');
            }
            Format::Github => out.push_str(&render_github(d)),
        }
    }
    if format == Format::Human && !diagnostics.is_empty() {
        out.push_str(&summary_line(diagnostics));
    }
    out
}

pub fn summary_line(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let files: std::collections::BTreeSet<&Path> =
        diagnostics.iter().map(|d| d.file.as_path()).collect();
    format!(
        "{} error{}, {} warning{} in {} file{}\n",
        errors,
        plural(errors),
        warnings,
        plural(warnings),
        files.len(),
        plural(files.len())
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// ripgrep/rustc style: `error: message`, ` --> file:line:col`, the source line
/// with a caret under the column, then `help:`.
pub fn render_human(d: &Diagnostic, color: bool) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = d.file.display().to_string();
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let title = level.primary_title(d.message.as_str());
    let mut groups = Vec::new();
    match &d.source_line {
        Some(line) => {
            let span = caret_span(line, d.column);
            groups.push(
                title.element(
                    Snippet::source(line.as_str())
                        .line_start(d.line)
                        .path(path.as_str())
                        .fold(false)
                        .annotation(AnnotationKind::Primary.span(span)),
                ),
            );
        }
        None => {
            let origin = annotate_snippets::Origin::path(path.as_str())
                .line(d.line)
                .char_column(d.column);
            groups.push(title.element(origin));
        }
    }
    if !d.help.is_empty() {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(d.help.as_str()),
        ));
    }
    let mut out = renderer.render(&groups);
    let _ = writeln!(out);
    let _ = writeln!(out);
    out
}

/// The byte range to underline: the word starting at `column` (1-based, in
/// characters), or one character, or the end of the line.
fn caret_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    let rest = &line[start..];
    let word_len = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ':' | ',' | ']' | '}'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let len = if word_len == 0 {
        rest.chars().next().map(char::len_utf8).unwrap_or(0)
    } else {
        word_len
    };
    start..start + len
}

pub fn render_github(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if !d.help.is_empty() {
        message.push_str(" (help: ");
        message.push_str(&d.help);
        message.push(')');
    }
    format!(
        "::{kind} file={},line={},col={}::{}\n",
        github_escape_property(&d.file.display().to_string()),
        d.line,
        d.column,
        github_escape_data(&message)
    )
}

fn github_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn github_escape_property(s: &str) -> String {
    github_escape_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// The nearest candidate to `word` by edit distance, if it is close enough to
/// be a plausible typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| *distance <= (c.chars().count().max(3) / 2).max(2))
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" or a list of the valid values when nothing is close.
pub fn suggestion(word: &str, candidates: &[&str]) -> String {
    match nearest(word, candidates.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("expected one of: {}", candidates.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_but_not_strangers() {
        let fields = ["functions", "partners", "title"];
        assert_eq!(nearest("fucntions", fields), Some("functions"));
        assert_eq!(nearest("titel", fields), Some("title"));
        assert_eq!(nearest("zzzzzzzz", fields), None);
    }

    #[test]
    fn caret_span_underlines_the_word_at_the_column() {
        assert_eq!(caret_span("model: shard", 8), 7..12);
        assert_eq!(caret_span("x", 5), 1..1);
        assert_eq!(caret_span("é: x", 4), 4..5);
    }

    #[test]
    fn github_format_escapes_newlines_and_separators() {
        let d = Diagnostic::error("a,b.md", Position::new(3, 4), "bad\nthing");
        assert_eq!(
            render_github(&d),
            "::error file=a%2Cb.md,line=3,col=4::bad%0Athing\n"
        );
    }

    #[test]
    fn human_format_shows_line_and_caret() {
        let d = Diagnostic::error("c.md", Position::new(2, 8), "unknown model")
            .with_help("did you mean `company`?")
            .with_source("---\nmodel: compny\n---\n");
        let text = render_human(&d, false);
        assert!(text.contains("c.md:2:8"), "{text}");
        assert!(text.contains("model: compny"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(text.contains("did you mean `company`?"), "{text}");
    }
}
