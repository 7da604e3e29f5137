//! The only module that knows about serde_yaml (deprecated upstream): it parses
//! front matter into our own [`Node`] tree, where every key and value carries
//! its line and column in the whole file, so the parser could be swapped
//! without touching validation.

use crate::diagnostics::{Code, Position};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number as written (so `1.20` keeps its digits); see [`Node::as_f64`].
    Number(String),
    String(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Position,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    /// Where the value starts (for an empty value, where its key is).
    pub pos: Position,
}

impl Node {
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping of fields",
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => n.parse().ok(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub code: Code,
    pub pos: Position,
    pub message: String,
}

/// Parses YAML text whose first line is line `first_line` of the whole file.
pub fn parse(yaml: &str, first_line: usize) -> Result<Node, SyntaxError> {
    let offset = first_line.saturating_sub(1);
    let value: serde_yaml::Value = if yaml.trim().is_empty() {
        serde_yaml::Value::Null
    } else {
        serde_yaml::from_str(yaml).map_err(|e| syntax_error(&e, offset))?
    };
    let positions = locate(yaml, offset);
    let mut path = Vec::new();
    let root_pos = Position::new(first_line, 1);
    convert(value, &positions, &mut path, root_pos)
}

fn syntax_error(e: &serde_yaml::Error, line_offset: usize) -> SyntaxError {
    let pos = e
        .location()
        .map(|l| Position::new(l.line() + line_offset, l.column()))
        .unwrap_or(Position::new(line_offset + 1, 1));
    // serde_yaml appends " at line L column C"; our position says it better.
    let text = e.to_string();
    let message = match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    SyntaxError {
        code: Code::YamlSyntax,
        pos,
        message,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Seg {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone, Copy)]
struct Located {
    key: Position,
    value: Position,
}

fn convert(
    value: serde_yaml::Value,
    positions: &HashMap<Vec<Seg>, Located>,
    path: &mut Vec<Seg>,
    pos: Position,
) -> Result<Node, SyntaxError> {
    use serde_yaml::Value as Y;
    let value = match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => Value::Number(n.to_string()),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                path.push(Seg::Index(i));
                let item_pos = positions.get(path).map(|l| l.value).unwrap_or(pos);
                out.push(convert(item, positions, path, item_pos)?);
                path.pop();
            }
            Value::Seq(out)
        }
        Y::Mapping(map) => {
            let mut out = Vec::with_capacity(map.len());
            for (k, v) in map {
                let name = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    _ => {
                        return Err(SyntaxError {
                            code: Code::YamlUnsupported,
                            pos,
                            message: "a field name must be plain text".into(),
                        });
                    }
                };
                path.push(Seg::Key(name.clone()));
                let located = positions.get(path).copied();
                let key_pos = located.map(|l| l.key).unwrap_or(pos);
                let value_pos = located.map(|l| l.value).unwrap_or(pos);
                let node = convert(v, positions, path, value_pos)?;
                path.pop();
                out.push((Key { name, pos: key_pos }, node));
            }
            Value::Map(out)
        }
        Y::Tagged(tagged) => {
            return Err(SyntaxError {
                code: Code::YamlUnsupported,
                pos,
                message: format!("YAML tags such as `{}` are not supported", tagged.tag),
            });
        }
    };
    Ok(Node { value, pos })
}

/// Finds where each key and list item of block-style YAML sits, by indentation.
/// serde_yaml reports positions only for syntax errors, so this scanner
/// supplies them for everything else; it handles the block style of front
/// matter (mappings, `- ` lists, compact lists, flow lists `[a, b]`, quoted and
/// block scalars spanning lines) and falls back to the enclosing position.
fn locate(yaml: &str, line_offset: usize) -> HashMap<Vec<Seg>, Located> {
    let mut scanner = Scanner::default();
    for (i, line) in yaml.lines().enumerate() {
        scanner.line(line, i + 1 + line_offset);
    }
    scanner.found
}

#[derive(Debug)]
struct Frame {
    indent: usize,
    seg: Seg,
    is_item: bool,
    next_index: usize,
}

#[derive(Default)]
struct Scanner {
    stack: Vec<Frame>,
    found: HashMap<Vec<Seg>, Located>,
    /// Lines deeper than this column belong to a block scalar (`|` or `>`).
    block_scalar_indent: Option<usize>,
    /// An unclosed quoted scalar is continuing on the next lines.
    open_quote: Option<char>,
    top_next_index: usize,
}

impl Scanner {
    fn path(&self) -> Vec<Seg> {
        self.stack.iter().map(|f| f.seg.clone()).collect()
    }

    fn line(&mut self, line: &str, line_no: usize) {
        if let Some(q) = self.open_quote {
            if closes_quote(line, q) {
                self.open_quote = None;
            }
            return;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line[indent..].trim_end();
        if content.is_empty() || content.starts_with('#') {
            return;
        }
        if let Some(block) = self.block_scalar_indent {
            if indent > block {
                return;
            }
            self.block_scalar_indent = None;
        }
        self.node_at(line, indent, line_no);
    }

    /// Handles what starts at byte column `col` of `line`: list dashes, then a key.
    fn node_at(&mut self, line: &str, col: usize, line_no: usize) {
        let rest = &line[col..];
        if rest == "-" || rest.starts_with("- ") {
            self.list_item(col);
            let after = col + 1 + rest[1..].len() - rest[1..].trim_start().len();
            let item_path = self.path();
            let value_col = char_col(line, after);
            self.found.insert(
                item_path,
                Located {
                    key: Position::new(line_no, char_col(line, col)),
                    value: Position::new(line_no, value_col),
                },
            );
            if after < line.trim_end().len() {
                self.node_at(line, after, line_no);
            }
            return;
        }
        if let Some((key, value_start)) = split_key(rest) {
            self.pop_while(|f| f.indent >= col);
            self.stack.push(Frame {
                indent: col,
                seg: Seg::Key(key),
                is_item: false,
                next_index: 0,
            });
            let value_byte = col + value_start;
            let value = line[value_byte..].trim_end();
            let key_pos = Position::new(line_no, char_col(line, col));
            let value_pos = if value.is_empty() || value.starts_with('#') {
                key_pos
            } else {
                Position::new(line_no, char_col(line, value_byte))
            };
            let path = self.path();
            self.found.insert(
                path.clone(),
                Located {
                    key: key_pos,
                    value: value_pos,
                },
            );
            self.scalar_or_flow(line, value_byte, value, path, line_no, col);
        } else if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'')
            && !closes_quote(&rest[1..], q)
        {
            self.open_quote = Some(q);
        }
    }

    fn scalar_or_flow(
        &mut self,
        line: &str,
        value_byte: usize,
        value: &str,
        path: Vec<Seg>,
        line_no: usize,
        key_col: usize,
    ) {
        let first = value.chars().next();
        match first {
            Some('[') => {
                for (i, start) in flow_item_starts(value).into_iter().enumerate() {
                    let mut item = path.clone();
                    item.push(Seg::Index(i));
                    let pos = Position::new(line_no, char_col(line, value_byte + start));
                    self.found.insert(
                        item,
                        Located {
                            key: pos,
                            value: pos,
                        },
                    );
                }
            }
            Some('|') | Some('>') => self.block_scalar_indent = Some(key_col),
            Some(q @ ('"' | '\'')) if !closes_quote(&value[1..], q) => {
                self.open_quote = Some(q);
            }
            _ => {}
        }
    }

    fn list_item(&mut self, col: usize) {
        self.pop_while(|f| f.indent > col);
        if self
            .stack
            .last()
            .is_some_and(|f| f.is_item && f.indent == col)
        {
            self.stack.pop();
        }
        let index = match self.stack.last_mut() {
            Some(parent) => {
                parent.next_index += 1;
                parent.next_index - 1
            }
            None => {
                self.top_next_index += 1;
                self.top_next_index - 1
            }
        };
        self.stack.push(Frame {
            indent: col,
            seg: Seg::Index(index),
            is_item: true,
            next_index: 0,
        });
    }

    fn pop_while(&mut self, mut pred: impl FnMut(&Frame) -> bool) {
        while self.stack.last().is_some_and(&mut pred) {
            self.stack.pop();
        }
    }
}

/// `key: value` → (key, byte offset of the value within `rest`).
fn split_key(rest: &str) -> Option<(String, usize)> {
    let (key, after_key) = if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'')
    {
        let end = rest[1..].find(q)? + 1;
        (rest[1..end].to_owned(), end + 1)
    } else {
        let end = rest.find(':')?;
        let key = &rest[..end];
        if key.is_empty() || key.contains(['#', '[', '{', '"', '\'']) || key.contains(": ") {
            return None;
        }
        (key.trim_end().to_owned(), end)
    };
    let tail = &rest[after_key..];
    let tail = tail.strip_prefix(':')?;
    if !(tail.is_empty() || tail.starts_with(' ') || tail.starts_with('\t')) {
        return None;
    }
    let value_offset = rest.len() - tail.trim_start().len();
    Some((key, value_offset.min(rest.len())))
}

/// Byte offsets (within `flow`, which starts with `[`) where each item starts.
fn flow_item_starts(flow: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut quote: Option<char> = None;
    let mut depth = 0;
    let mut expecting = true;
    for (i, c) in flow.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    expecting = true;
                    continue;
                }
            }
            ']' | '}' => depth -= 1,
            ',' if depth == 1 => {
                expecting = true;
                continue;
            }
            _ => {}
        }
        if expecting && depth >= 1 && !c.is_whitespace() && c != ']' {
            starts.push(i);
            expecting = false;
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
    }
    starts
}

fn closes_quote(s: &str, q: char) -> bool {
    if q == '"' {
        let mut escaped = false;
        for c in s.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                c if c == q && !escaped => return true,
                _ => escaped = false,
            }
        }
        false
    } else {
        // In single quotes, '' is an escaped quote.
        s.replace("''", "").contains(q)
    }
}

/// 1-based character column of a byte offset in a line.
fn char_col(line: &str, byte: usize) -> usize {
    line[..byte.min(line.len())].chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field<'a>(node: &'a Node, key: &str) -> (&'a Key, &'a Node) {
        match &node.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.name == key)
                .map(|(k, v)| (k, v))
                .expect("key present"),
            _ => panic!("not a map"),
        }
    }

    fn item(node: &Node, i: usize) -> &Node {
        match &node.value {
            Value::Seq(items) => &items[i],
            _ => panic!("not a list"),
        }
    }

    #[test]
    fn positions_of_keys_values_and_items() {
        let yaml = "title: \"A: b\"\nfunctions: [waste, ict]\npartners:\n  - name: X\n    type: district\n  - name: Y\n    type: county\n";
        let root = parse(yaml, 2).unwrap();
        let (k, v) = field(&root, "title");
        assert_eq!(k.pos, Position::new(2, 1));
        assert_eq!(v.pos, Position::new(2, 8));
        let (_, functions) = field(&root, "functions");
        assert_eq!(item(functions, 1).pos, Position::new(3, 20));
        let (_, partners) = field(&root, "partners");
        let second = item(partners, 1);
        let (tk, tv) = field(second, "type");
        assert_eq!(tk.pos, Position::new(8, 5));
        assert_eq!(tv.pos, Position::new(8, 11));
    }

    #[test]
    fn compact_lists_and_block_scalars() {
        let yaml =
            "lessons:\n- one\n- two\nsummary: |\n  text: with colon\n  more\nmodel: company\n";
        let root = parse(yaml, 1).unwrap();
        let (_, lessons) = field(&root, "lessons");
        assert_eq!(item(lessons, 1).pos, Position::new(3, 3));
        let (k, _) = field(&root, "model");
        assert_eq!(k.pos, Position::new(7, 1));
    }

    #[test]
    fn multi_line_quoted_strings_do_not_confuse_the_scanner() {
        let yaml = "summary: \"first line\n  fake: key\"\nmodel: company\n";
        let root = parse(yaml, 1).unwrap();
        let (k, _) = field(&root, "model");
        assert_eq!(k.pos, Position::new(3, 1));
    }

    #[test]
    fn syntax_errors_carry_whole_file_positions() {
        let err = parse("title: [unclosed\nmodel: x\n", 2).unwrap_err();
        assert!(err.pos.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "));
    }
}
