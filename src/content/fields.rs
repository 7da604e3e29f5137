//! Typed reading of a YAML [`Node`] tree, collecting every problem as a
//! diagnostic (wrong type, missing field, unknown field with the nearest known
//! name) instead of stopping at the first one.

use crate::content::yaml::{Key, Node, Value};
use crate::diagnostics::{Code, Diagnostic, Origin, Position, suggestion};
use std::path::Path;

/// Collects diagnostics for one file.
pub struct Reporter<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's lines, split once when the first diagnostic needs its
    /// source line, so that many problems in one file cost linear time.
    lines: std::cell::OnceCell<Vec<&'a str>>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a Path, text: &'a str) -> Self {
        Reporter {
            file,
            text,
            diagnostics: Vec::new(),
            lines: std::cell::OnceCell::new(),
        }
    }

    /// `d` with the source line it points at.
    fn sourced(&self, d: Diagnostic) -> Diagnostic {
        let lines = self
            .lines
            .get_or_init(|| crate::diagnostics::editor_lines(self.text).collect());
        let line = d
            .origin
            .position()
            .and_then(|at| lines.get(at.line.saturating_sub(1)))
            .map(|l| (*l).to_owned());
        d.with_source_line(line)
    }

    pub fn error(
        &mut self,
        code: Code,
        at: Position,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = Diagnostic::error(code, Origin::file(self.file, at), message).with_help(help);
        let d = self.sourced(d);
        self.diagnostics.push(d);
    }

    pub fn warning(
        &mut self,
        code: Code,
        at: Position,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = Diagnostic::warning(code, Origin::file(self.file, at), message).with_help(help);
        let d = self.sourced(d);
        self.diagnostics.push(d);
    }

    /// Adds a diagnostic made elsewhere, with this file's source line.
    pub fn push(&mut self, d: Diagnostic) {
        let d = self.sourced(d);
        self.diagnostics.push(d);
    }

    pub fn wrong_type(&mut self, node: &Node, field: &str, expected: &str, example: &str) {
        self.error(
            Code::WrongType,
            node.pos,
            format!("`{field}` should be {expected}, found {}", node.type_name()),
            format!("write it like `{example}`"),
        );
    }

    /// A mapping's fields, or an error when the node is not a mapping.
    pub fn fields<'n>(&mut self, node: &'n Node, what: &str, example: &str) -> Option<Fields<'n>> {
        match &node.value {
            Value::Map(entries) => Some(Fields::new(entries, node.pos)),
            _ => {
                self.wrong_type(node, what, "a mapping of fields", example);
                None
            }
        }
    }

    /// The fields of a file's top-level mapping: a file of no fields at all
    /// (empty, or only comments) is a mapping of none, so that each
    /// required field is reported missing and optional ones take their
    /// defaults.
    pub fn root_fields<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        example: &str,
    ) -> Option<Fields<'n>> {
        match &node.value {
            Value::Null => Some(Fields::new(&[], node.pos)),
            _ => self.fields(node, what, example),
        }
    }

    /// Plain text; numbers and booleans are accepted as their text.
    pub fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                self.wrong_type(node, field, "text", &format!("{field}: \"...\""));
                None
            }
        }
    }

    pub fn boolean(&mut self, node: &Node, field: &str) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            _ => {
                self.wrong_type(node, field, "true or false", &format!("{field}: true"));
                None
            }
        }
    }

    /// A list; a single value is not silently promoted, since `functions: waste`
    /// is a common slip that deserves a clear message.
    pub fn list<'n>(&mut self, node: &'n Node, field: &str, example: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            Value::Null => Some(&[]),
            _ => {
                self.wrong_type(node, field, "a list", example);
                None
            }
        }
    }

    /// A list of plain text items.
    pub fn text_list(&mut self, node: &Node, field: &str) -> Vec<(String, Position)> {
        let example = format!("{field}: [first, second]");
        let Some(items) = self.list(node, field, &example) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.text(item, field).map(|t| (t, item.pos)))
            .collect()
    }
}

/// The fields of one mapping; tracks which were read so that the rest can be
/// reported as unknown.
pub struct Fields<'n> {
    entries: &'n [(Key, Node)],
    used: Vec<bool>,
    /// Where the mapping starts, for "missing field" messages.
    pub pos: Position,
}

impl<'n> Fields<'n> {
    pub fn new(entries: &'n [(Key, Node)], pos: Position) -> Self {
        Fields {
            entries,
            used: vec![false; entries.len()],
            pos,
        }
    }

    /// An optional field; an explicit `null` counts as absent.
    pub fn optional(&mut self, name: &str) -> Option<&'n Node> {
        let i = self.entries.iter().position(|(k, _)| k.name == name)?;
        self.used[i] = true;
        let node = &self.entries[i].1;
        (node.value != Value::Null).then_some(node)
    }

    /// A required field; given with no value (`title:`), it is empty,
    /// reported where it is.
    pub fn required(&mut self, r: &mut Reporter, name: &str, example: &str) -> Option<&'n Node> {
        if let Some(i) = self.entries.iter().position(|(k, _)| k.name == name) {
            self.used[i] = true;
            let node = &self.entries[i].1;
            if node.value == Value::Null {
                r.error(
                    Code::EmptyValue,
                    node.pos,
                    format!("`{name}` is empty"),
                    format!("fill it in, like `{example}`"),
                );
                return None;
            }
            return Some(node);
        }
        // A misspelt key (`titel:`) is reported as unknown, with this name as
        // the suggestion; saying the field is also missing would only confuse.
        let misspelt = self
            .entries
            .iter()
            .any(|(k, _)| k.name != name && crate::diagnostics::nearest(&k.name, [name]).is_some());
        if !misspelt {
            r.error(
                Code::MissingField,
                self.pos,
                format!("missing required field `{name}`"),
                format!("add `{example}`"),
            );
        }
        None
    }

    /// Reports every field that was never read, with the nearest known name.
    pub fn finish(self, r: &mut Reporter, known: &[&str], context: &str) {
        for ((key, _), used) in self.entries.iter().zip(&self.used) {
            if !used {
                r.error(
                    Code::UnknownField,
                    key.pos,
                    format!("unknown field `{}` in {context}", key.name),
                    suggestion(&key.name, known),
                );
            }
        }
    }
}
