//! Splits a file into its YAML front matter and Markdown body, keeping the
//! byte offsets of both so that every later error is a position in the whole
//! file (as cargo does for its own front matter).

use crate::content::load::SourceFile;
use crate::diagnostics::{Code, Diagnostic, Origin, Position};

#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the whole file on which the YAML starts.
    pub yaml_first_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the whole file.
    pub body_offset: usize,
}

pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text: &str = &file.text;
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::error(
            Code::NoFrontMatter,
            Origin::file(&file.path, Position::START),
            "the file does not start with front matter",
        )
        .with_help("start the file with a line `---`, the YAML fields, then another line `---`")
        .with_source(text));
    }
    let yaml_start = first_line.len() + 1;
    let mut offset = yaml_start.min(text.len());
    for line in text[offset..].split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let body_offset = (offset + line.len()).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Code::UnclosedFrontMatter,
        Origin::file(&file.path, Position::START),
        "the front matter block is not closed",
    )
    .with_help("add a line `---` after the last front matter field, before the Markdown body")
    .with_source(text))
}

/// Line and column (1-based) of a byte offset in `text`.
pub fn position_at(text: &str, byte_offset: usize) -> Position {
    let before = &text[..byte_offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    Position::new(line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "x.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn splits_front_matter_and_body() {
        let f = file("---\ntitle: A\n---\nBody\n");
        let s = split(&f).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(position_at(&f.text, s.body_offset), Position::new(4, 1));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = split(&file("---\ntitle: A\nBody\n")).unwrap_err();
        assert!(err.message.contains("not closed"));
    }

    #[test]
    fn missing_front_matter_is_an_error() {
        let err = split(&file("# Just markdown\n")).unwrap_err();
        assert!(err.message.contains("does not start with front matter"));
    }
}
