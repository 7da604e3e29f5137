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
    /// How to fix it, when there is more to say than the general YAML advice.
    pub help: Option<String>,
}

/// Parses YAML text whose first line is line `first_line` of the whole file.
/// On failure, returns every syntax problem that can be found: after an
/// error, parsing resumes at the next top-level key, so that one mistake
/// does not hide the next.
pub fn parse(yaml: &str, first_line: usize) -> Result<Node, Vec<SyntaxError>> {
    let offset = first_line.saturating_sub(1);
    let scan = locate(yaml, offset);
    let mut errors = Vec::new();
    let mut value = None;
    // serde_yaml stops at the first duplicate key; the scanner finds them all.
    let mut use_scanned_duplicates = true;
    let mut start = 0;
    loop {
        let part = &yaml[start..];
        if part.trim().is_empty() {
            if start == 0 {
                value = Some(serde_yaml::Value::Null);
                use_scanned_duplicates = false;
            }
            break;
        }
        match serde_yaml::from_str::<serde_yaml::Value>(part) {
            Ok(v) => {
                if start == 0 {
                    // The whole text parsed: it has no duplicate keys, whatever
                    // the scanner thought.
                    value = Some(v);
                    use_scanned_duplicates = false;
                }
                break;
            }
            Err(e) => {
                let found = syntax_error(&e, yaml, start, offset);
                if found.is_duplicate {
                    // serde_yaml checks keys only once the whole part parsed,
                    // so the rest of this part has no syntax error.
                    if scan.duplicates.is_empty() {
                        errors.push(found.error);
                    }
                    break;
                }
                let last_line = found.last_line;
                errors.push(found.error);
                match scan.top_level.iter().find(|(line, _)| *line > last_line) {
                    Some((_, byte)) => start = *byte,
                    None => break,
                }
            }
        }
    }
    if use_scanned_duplicates {
        errors.extend(scan.duplicates.iter().map(|d| SyntaxError {
            code: Code::DuplicateKey,
            pos: d.second,
            message: if d.first.line == d.second.line {
                format!(
                    "`{}` is given twice in the same mapping; the first is earlier on this line, at column {}",
                    d.name, d.first.column
                )
            } else {
                format!(
                    "`{}` is given twice in the same mapping; the first is on line {}",
                    d.name, d.first.line
                )
            },
            help: Some("keep one of them: YAML does not allow the same field twice".to_owned()),
        }));
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.pos);
        errors.dedup_by(|a, b| a.pos == b.pos && a.code == b.code);
        return Err(errors);
    }
    let Some(value) = value else {
        return Err(vec![SyntaxError {
            code: Code::YamlSyntax,
            pos: Position::new(first_line, 1),
            message: "the front matter could not be read".into(),
            help: None,
        }]);
    };
    let mut path = Vec::new();
    let root_pos = Position::new(first_line, 1);
    let source = Source {
        lines: crate::diagnostics::editor_lines(yaml).collect(),
        first_line,
    };
    convert(value, &scan.found, &source, &mut path, root_pos).map_err(|e| vec![e])
}

/// `s` in Unicode normalisation form C, without copying text that is in it already.
fn nfc(s: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s,
        _ => s.nfc().collect(),
    }
}

/// The front matter's lines, to look at what is written where a value starts.
struct Source<'a> {
    lines: Vec<&'a str>,
    first_line: usize,
}

impl Source<'_> {
    /// The YAML tag written at `pos` (`!!binary`, `!!python/object:x`), if
    /// any. serde_yaml resolves the core schema's `!!` tags silently, so a
    /// tag is found in the text: a value that starts with `!` has one.
    fn tag_at(&self, pos: Position) -> Option<&str> {
        let line = self.lines.get(pos.line.checked_sub(self.first_line)?)?;
        let (byte, _) = line.char_indices().nth(pos.column.checked_sub(1)?)?;
        let rest = &line[byte..];
        rest.starts_with('!').then(|| {
            rest.split([' ', '\t', ',', ']', '}'])
                .next()
                .unwrap_or(rest)
        })
    }
}

fn tag_error(tag: &str, pos: Position) -> SyntaxError {
    SyntaxError {
        code: Code::YamlUnsupported,
        pos,
        message: format!("YAML tags such as `{tag}` are not supported"),
        help: Some("remove the tag (the word starting with `!`) and write the value alone".into()),
    }
}

/// A serde_yaml error, placed in the whole file.
struct Found {
    error: SyntaxError,
    is_duplicate: bool,
    /// The last whole-file line the error concerns; parsing resumes after it.
    last_line: usize,
}

/// Turns a serde_yaml error on `yaml[start..]` into positions in the whole
/// file. libyaml counts U+0085, U+2028 and U+2029 as line breaks, which
/// editors do not, so its line numbers are never used as they are: the
/// problem's byte index, and the context's line and column re-walked with
/// libyaml's rules, are mapped to lines counted at `\n` only (the text is
/// already normalised).
fn syntax_error(e: &serde_yaml::Error, yaml: &str, start: usize, line_offset: usize) -> Found {
    let part = &yaml[start..];
    let whole = |byte: usize| {
        // libyaml's offsets fall on characters; should one not, slicing at
        // it must still not panic on an editor's file.
        let mut at = start + byte.min(part.len());
        while !yaml.is_char_boundary(at) {
            at -= 1;
        }
        let p = crate::content::frontmatter::position_at(yaml, at);
        Position::new(p.line + line_offset, p.column)
    };
    let text = e.to_string();
    let parsed = LibyamlMessage::parse(&text);
    let problem_pos = e
        .location()
        .map(|l| whole(l.index()))
        .or_else(|| {
            parsed
                .problem_mark
                .map(|(l, c)| whole(mark_offset(part, l, c)))
        })
        .unwrap_or_else(|| whole(0));
    let context_byte = parsed.context_mark.map(|(l, c)| mark_offset(part, l, c));
    let context_pos = context_byte.map(whole);
    let last_line = problem_pos
        .line
        .max(context_pos.map(|p| p.line).unwrap_or(0));
    // serde_yaml puts the path first: `partners[0]: duplicate entry with key "type"`.
    let is_duplicate = parsed.problem.contains("duplicate entry with key");
    let context = parsed.context.unwrap_or_default();
    let error = match context_pos.filter(|_| !context.is_empty()) {
        // The same context is given for a bad escape inside closed quotes,
        // whose own position is the better one: only the end of the text
        // means the quote was never closed.
        Some(at)
            if context.contains("quoted scalar")
                && (parsed.problem.contains("end of stream")
                    || parsed.problem.contains("document indicator")) =>
        {
            let quote = context_byte
                .and_then(|b| part[b..].chars().next())
                .filter(|c| *c == '\'')
                .unwrap_or('"');
            SyntaxError {
                code: Code::YamlSyntax,
                pos: at,
                message: format!(
                    "invalid YAML: the quoted text starting here is never closed ({})",
                    parsed.problem
                ),
                help: Some(format!(
                    "end the text with a matching `{quote}` on the same line; to write `{quote}` inside it, {}",
                    if quote == '"' {
                        "put a backslash before it (`\\\"`) or quote with `'` instead"
                    } else {
                        "write it twice (`''`) or quote with `\"` instead"
                    }
                )),
            }
        }
        Some(at) if context.contains("flow sequence") || context.contains("flow mapping") => {
            let (what, close) = if context.contains("sequence") {
                ("list", ']')
            } else {
                ("mapping", '}')
            };
            SyntaxError {
                code: Code::YamlSyntax,
                pos: at,
                message: format!(
                    "invalid YAML in the {what} that starts here: {} (on line {})",
                    parsed.problem, problem_pos.line
                ),
                help: Some(format!(
                    "separate the items with commas and close the {what} with `{close}`, on this line or an indented one below"
                )),
            }
        }
        Some(at) => {
            // libyaml's words for the two block structures, in editors' words.
            let within = match context.as_str() {
                "while parsing a block mapping" => "in the fields that start",
                "while parsing a block collection" => "in the list that starts",
                _ => "in what starts",
            };
            SyntaxError {
                code: Code::YamlSyntax,
                pos: problem_pos,
                message: if at.line == problem_pos.line {
                    format!("invalid YAML: {}", parsed.problem)
                } else {
                    format!(
                        "invalid YAML: {}, {within} on line {}",
                        parsed.problem, at.line
                    )
                },
                help: None,
            }
        }
        None => SyntaxError {
            code: if is_duplicate {
                Code::DuplicateKey
            } else {
                Code::YamlSyntax
            },
            pos: problem_pos,
            message: if context.is_empty() {
                format!("invalid YAML: {}", parsed.problem)
            } else {
                format!("invalid YAML: {}, {context}", parsed.problem)
            },
            help: None,
        },
    };
    Found {
        error,
        is_duplicate,
        last_line,
    }
}

/// The parts of libyaml's message as serde_yaml prints it:
/// `PROBLEM at line L column C[, CONTEXT[ at line L column C]]`, with
/// 1-based libyaml lines and columns (kept here 0-based).
#[derive(Debug, Default, PartialEq)]
struct LibyamlMessage {
    problem: String,
    problem_mark: Option<(usize, usize)>,
    context: Option<String>,
    context_mark: Option<(usize, usize)>,
}

impl LibyamlMessage {
    fn parse(text: &str) -> LibyamlMessage {
        let Some(i) = text.find(" at line ") else {
            return LibyamlMessage {
                problem: text.to_owned(),
                ..Default::default()
            };
        };
        let problem = text[..i].to_owned();
        let (problem_mark, rest) = read_mark(&text[i + " at line ".len()..]);
        let Some(context) = rest.strip_prefix(", ") else {
            return LibyamlMessage {
                problem,
                problem_mark,
                ..Default::default()
            };
        };
        let (context, context_mark) = match context.rfind(" at line ") {
            Some(j) => (
                &context[..j],
                read_mark(&context[j + " at line ".len()..]).0,
            ),
            None => (context, None),
        };
        LibyamlMessage {
            problem,
            problem_mark,
            context: Some(context.to_owned()),
            context_mark,
        }
    }
}

/// `L column C...` → (0-based line and column, the rest).
fn read_mark(s: &str) -> (Option<(usize, usize)>, &str) {
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let n = digits(s);
    let Ok(line) = s[..n].parse::<usize>() else {
        return (None, s);
    };
    let Some(after) = s[n..].strip_prefix(" column ") else {
        return (None, s);
    };
    let m = digits(after);
    let Ok(column) = after[..m].parse::<usize>() else {
        return (None, s);
    };
    (
        Some((line.saturating_sub(1), column.saturating_sub(1))),
        &after[m..],
    )
}

/// The byte offset of a 0-based libyaml (line, column) in `text`, walking
/// breaks the way libyaml does: `\r\n`, `\r`, `\n`, U+0085, U+2028, U+2029.
fn mark_offset(text: &str, line: usize, column: usize) -> usize {
    let (mut l, mut c) = (0, 0);
    let mut chars = text.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if l == line && c == column {
            return i;
        }
        match ch {
            '\r' => {
                if chars.peek().is_some_and(|(_, n)| *n == '\n') {
                    chars.next();
                }
                l += 1;
                c = 0;
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                l += 1;
                c = 0;
            }
            _ => c += 1,
        }
    }
    text.len()
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
    source: &Source,
    path: &mut Vec<Seg>,
    pos: Position,
) -> Result<Node, SyntaxError> {
    use serde_yaml::Value as Y;
    if !path.is_empty()
        && let Some(tag) = source.tag_at(pos)
    {
        return Err(tag_error(tag, pos));
    }
    let value = match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => Value::Number(n.to_string()),
        // Text is compared and slugged as written on screen: `Môn` typed
        // with a combining accent is the same name as `Môn` typed with one
        // character (Unicode NFC).
        Y::String(s) => Value::String(nfc(s)),
        Y::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                path.push(Seg::Index(i));
                let item_pos = positions.get(path).map(|l| l.value).unwrap_or(pos);
                out.push(convert(item, positions, source, path, item_pos)?);
                path.pop();
            }
            Value::Seq(out)
        }
        Y::Mapping(map) => {
            let mut out = Vec::with_capacity(map.len());
            for (k, v) in map {
                let name = match k {
                    Y::String(s) => nfc(s),
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    _ => {
                        return Err(SyntaxError {
                            code: Code::YamlUnsupported,
                            pos,
                            message: "a field name must be plain text".into(),
                            help: Some("write the field name as a word, like `title:`".into()),
                        });
                    }
                };
                path.push(Seg::Key(name.clone()));
                let located = positions.get(path).copied();
                let key_pos = located.map(|l| l.key).unwrap_or(pos);
                let value_pos = located.map(|l| l.value).unwrap_or(pos);
                let node = convert(v, positions, source, path, value_pos)?;
                path.pop();
                out.push((Key { name, pos: key_pos }, node));
            }
            Value::Map(out)
        }
        Y::Tagged(tagged) => return Err(tag_error(&tagged.tag.to_string(), pos)),
    };
    Ok(Node { value, pos })
}

/// Finds where each key and list item of block-style YAML sits, by indentation.
/// serde_yaml reports positions only for syntax errors, so this scanner
/// supplies them for everything else; it handles the block style of front
/// matter (mappings, `- ` lists, compact lists, quoted and block scalars
/// spanning lines), flow collections (`[a, b]`, `{name: x, type: y}`, nested,
/// over several lines) and falls back to the enclosing position. It also
/// finds every duplicate key and where each top-level key starts.
fn locate(yaml: &str, line_offset: usize) -> Scan {
    let mut scanner = Scanner::default();
    let mut byte = 0;
    for (i, line) in yaml.split('\n').enumerate() {
        scanner.line(line, i + 1 + line_offset, byte);
        byte += line.len() + 1;
    }
    Scan {
        found: scanner.found,
        duplicates: scanner.duplicates,
        top_level: scanner.top_level,
    }
}

/// A character with its whole-file position.
type Positioned = (Position, char);

struct Scan {
    found: HashMap<Vec<Seg>, Located>,
    duplicates: Vec<Duplicate>,
    /// (whole-file line, byte offset in the YAML) of each top-level key.
    top_level: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
struct Duplicate {
    name: String,
    first: Position,
    second: Position,
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
    /// An unclosed flow collection is continuing on the next lines.
    flow: Option<(Vec<Seg>, Vec<Positioned>)>,
    top_next_index: usize,
    duplicates: Vec<Duplicate>,
    top_level: Vec<(usize, usize)>,
}

impl Scanner {
    fn path(&self) -> Vec<Seg> {
        self.stack.iter().map(|f| f.seg.clone()).collect()
    }

    fn line(&mut self, line: &str, line_no: usize, byte: usize) {
        if let Some(q) = self.open_quote {
            if closes_quote(line, q) {
                self.open_quote = None;
            }
            return;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line[indent..].trim_end();
        if let Some((path, mut chars)) = self.flow.take() {
            // A top-level key ends an unclosed flow collection: the YAML is
            // broken there, and the key is where parsing resumes.
            if !(indent == 0 && split_key(content).is_some()) {
                chars.extend(positioned(line, 0, line_no));
                self.continue_flow(path, chars);
                return;
            }
        }
        if content.is_empty() || content.starts_with('#') {
            return;
        }
        if let Some(block) = self.block_scalar_indent {
            if indent > block {
                return;
            }
            self.block_scalar_indent = None;
        }
        if indent == 0 && !content.starts_with('-') && split_key(content).is_some() {
            self.top_level.push((line_no, byte));
        }
        self.node_at(line, indent, line_no);
    }

    /// Records a flow collection once it is closed, or keeps gathering it.
    fn continue_flow(&mut self, path: Vec<Seg>, chars: Vec<Positioned>) {
        if flow_is_closed(&chars) {
            let mut parser = FlowParser {
                chars: &chars,
                i: 0,
                found: &mut self.found,
                duplicates: &mut self.duplicates,
            };
            let mut path = path;
            parser.node(&mut path);
        } else {
            self.flow = Some((path, chars));
        }
    }

    fn start_flow(&mut self, line: &str, byte: usize, line_no: usize, path: Vec<Seg>) {
        let chars = positioned(line, byte, line_no);
        self.continue_flow(path, chars);
    }

    fn record_key(&mut self, path: Vec<Seg>, located: Located) {
        if let (Some(first), Some(Seg::Key(name))) = (self.found.get(&path), path.last()) {
            self.duplicates.push(Duplicate {
                name: name.clone(),
                first: first.key,
                second: located.key,
            });
        }
        self.found.insert(path, located);
    }

    /// Handles what starts at byte column `col` of `line`: list dashes, then a key.
    fn node_at(&mut self, line: &str, col: usize, line_no: usize) {
        let rest = &line[col..];
        if rest.starts_with('[') || rest.starts_with('{') {
            let path = self.path();
            self.start_flow(line, col, line_no, path);
            return;
        }
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
            self.record_key(
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
            Some('[') | Some('{') => self.start_flow(line, value_byte, line_no, path),
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

/// The characters of `line` from byte `byte` on, each with its whole-file
/// position, then the line break.
fn positioned(line: &str, byte: usize, line_no: usize) -> Vec<Positioned> {
    let first_col = char_col(line, byte);
    line[byte.min(line.len())..]
        .chars()
        .enumerate()
        .map(|(i, c)| (Position::new(line_no, first_col + i), c))
        .chain(std::iter::once((
            Position::new(
                line_no,
                first_col + line[byte.min(line.len())..].chars().count(),
            ),
            '\n',
        )))
        .collect()
}

/// Does the flow collection starting at `chars[0]` end within `chars`?
fn flow_is_closed(chars: &[Positioned]) -> bool {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (_, c) in chars {
        if let Some(q) = quote {
            if q == '"' && *c == '\\' && !escaped {
                escaped = true;
                continue;
            }
            // A doubled single quote closes and reopens: same effect here.
            if *c == q && !escaped {
                quote = None;
            }
            escaped = false;
            continue;
        }
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return true;
                }
            }
            '"' | '\'' => quote = Some(*c),
            _ => {}
        }
    }
    false
}

/// Reads one flow collection (`[...]` or `{...}`, nested, possibly over
/// several lines), recording where each item, key and value starts.
struct FlowParser<'a> {
    chars: &'a [Positioned],
    i: usize,
    found: &'a mut HashMap<Vec<Seg>, Located>,
    duplicates: &'a mut Vec<Duplicate>,
}

impl FlowParser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).map(|(_, c)| *c)
    }

    fn pos(&self) -> Position {
        self.chars
            .get(self.i)
            .or(self.chars.last())
            .map(|(p, _)| *p)
            .unwrap_or_default()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if c == '#'
                && self
                    .chars
                    .get(self.i.wrapping_sub(1))
                    .is_none_or(|(_, p)| p.is_whitespace())
            {
                while self.peek().is_some_and(|c| c != '\n') {
                    self.i += 1;
                }
            } else if c.is_whitespace() {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn node(&mut self, path: &mut Vec<Seg>) {
        self.skip_space();
        match self.peek() {
            Some('[') => self.seq(path),
            Some('{') => self.map(path),
            _ => {
                self.scalar();
            }
        }
    }

    fn seq(&mut self, path: &mut Vec<Seg>) {
        self.i += 1;
        let mut index = 0;
        loop {
            self.skip_space();
            match self.peek() {
                None => return,
                Some(']') => {
                    self.i += 1;
                    return;
                }
                Some(',') => self.i += 1,
                Some('}') => return,
                Some(_) => {
                    let pos = self.pos();
                    path.push(Seg::Index(index));
                    self.found.insert(
                        path.clone(),
                        Located {
                            key: pos,
                            value: pos,
                        },
                    );
                    let before = self.i;
                    self.node(path);
                    path.pop();
                    index += 1;
                    if self.i == before {
                        // Nothing could be read: step over it rather than loop.
                        self.i += 1;
                    }
                }
            }
        }
    }

    fn map(&mut self, path: &mut Vec<Seg>) {
        self.i += 1;
        loop {
            self.skip_space();
            match self.peek() {
                None => return,
                Some('}') => {
                    self.i += 1;
                    return;
                }
                Some(',') => self.i += 1,
                Some(']') => return,
                Some(_) => {
                    let key_pos = self.pos();
                    let before = self.i;
                    let key = self.scalar();
                    self.skip_space();
                    let mut value_pos = key_pos;
                    let mut has_value = false;
                    if self.peek() == Some(':') {
                        self.i += 1;
                        self.skip_space();
                        if !matches!(self.peek(), None | Some(',') | Some('}')) {
                            value_pos = self.pos();
                            has_value = true;
                        }
                    }
                    path.push(Seg::Key(key.clone()));
                    if let Some(first) = self.found.get(path.as_slice()) {
                        self.duplicates.push(Duplicate {
                            name: key,
                            first: first.key,
                            second: key_pos,
                        });
                    }
                    self.found.insert(
                        path.clone(),
                        Located {
                            key: key_pos,
                            value: value_pos,
                        },
                    );
                    if has_value {
                        self.node(path);
                    }
                    path.pop();
                    if self.i == before {
                        self.i += 1;
                    }
                }
            }
        }
    }

    /// A quoted or plain scalar; returns its text (quotes removed, escapes
    /// kept as written: only key names are compared).
    fn scalar(&mut self) -> String {
        let mut text = String::new();
        match self.peek() {
            Some(q @ ('"' | '\'')) => {
                self.i += 1;
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if q == '"' && c == '\\' {
                        if let Some(next) = self.peek() {
                            text.push(next);
                            self.i += 1;
                        }
                        continue;
                    }
                    if c == q {
                        if q == '\'' && self.peek() == Some('\'') {
                            text.push(q);
                            self.i += 1;
                            continue;
                        }
                        break;
                    }
                    text.push(c);
                }
            }
            _ => {
                while let Some(c) = self.peek() {
                    let next = self.chars.get(self.i + 1).map(|(_, c)| *c);
                    let ends_key = c == ':'
                        && next.is_none_or(|n| n.is_whitespace() || matches!(n, ',' | ']' | '}'));
                    if matches!(c, ',' | '[' | ']' | '{' | '}') || ends_key {
                        break;
                    }
                    text.push(if c == '\n' { ' ' } else { c });
                    self.i += 1;
                }
            }
        }
        text.trim().to_owned()
    }
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
        let errs = parse("title: [unclosed\nmodel: x\n", 2).unwrap_err();
        // Reported at the `[` that is never closed.
        assert_eq!(errs[0].pos, Position::new(2, 8), "{errs:?}");
        assert!(errs.iter().all(|e| !e.message.contains(" at line ")));
    }

    #[test]
    fn libyaml_messages_are_taken_apart() {
        let m = LibyamlMessage::parse(
            "found unexpected end of stream at line 4 column 1, while scanning a quoted scalar at line 1 column 8",
        );
        assert_eq!(m.problem, "found unexpected end of stream");
        assert_eq!(m.problem_mark, Some((3, 0)));
        assert_eq!(m.context.as_deref(), Some("while scanning a quoted scalar"));
        assert_eq!(m.context_mark, Some((0, 7)));
        let m = LibyamlMessage::parse(
            "mapping values are not allowed in this context at line 2 column 9",
        );
        assert_eq!((m.problem_mark, m.context), (Some((1, 8)), None));
    }

    #[test]
    fn marks_walk_breaks_as_libyaml_does() {
        let text = "a\u{2028}b\nc: d";
        // libyaml's line 2 (0-based) is our second line.
        assert_eq!(mark_offset(text, 2, 1), text.find(':').unwrap());
        assert_eq!(mark_offset("x\r\ny", 1, 0), 3);
    }

    #[test]
    fn flow_mappings_inside_lists_have_positions() {
        let yaml = "partners: [{name: A, type: x}, {name: B,\n  type: y}]\n";
        let root = parse(yaml, 1).unwrap();
        let (_, partners) = field(&root, "partners");
        let (k, v) = field(item(partners, 0), "type");
        assert_eq!((k.pos, v.pos), (Position::new(1, 22), Position::new(1, 28)));
        let (_, v) = field(item(partners, 1), "type");
        assert_eq!(v.pos, Position::new(2, 9));
    }

    #[test]
    fn quoted_commas_and_colons_in_flows_do_not_split_items() {
        let yaml = "partners: [{name: \"Foo, Bar: Baz\", type: 'it''s'}, {name: C, type: x}]\nlist: [\"a, b\", c]\n";
        let root = parse(yaml, 1).unwrap();
        let (_, partners) = field(&root, "partners");
        let (k, v) = field(item(partners, 0), "type");
        assert_eq!((k.pos, v.pos), (Position::new(1, 36), Position::new(1, 42)));
        let (_, v) = field(item(partners, 1), "type");
        assert_eq!(v.pos, Position::new(1, 68));
        let (_, list) = field(&root, "list");
        assert_eq!(item(list, 1).pos, Position::new(2, 16));
    }

    /// Editors save half-typed files: no prefix of a rich front matter may
    /// panic, and every error must lie inside the text.
    #[test]
    fn no_prefix_of_a_front_matter_panics() {
        let yaml = "title: \"A: \\\"b\\\"\"\nsummary: |\n  x: y\nfunctions: [waste, 'i''t',\n  {a: [1, {b: c}]}]\npartners:\n- {name: \"Caf\u{e9}, Ltd\", type: x}\n-   name: \u{2028}Y\n    type: [z\nk: \u{85}v\n";
        let lines = yaml.matches('\n').count() + 1;
        for (end, _) in yaml.char_indices() {
            if let Err(errs) = parse(&yaml[..end], 2) {
                for e in errs {
                    assert!(e.pos.line >= 2 && e.pos.line <= lines + 1, "{end}: {e:?}");
                }
            }
        }
    }

    #[test]
    fn every_duplicate_key_is_found_at_the_repeat() {
        let errs = parse("a: 1\nb: {x: 1, x: 2}\na: 3\n", 1).unwrap_err();
        let at: Vec<(Code, Position)> = errs.iter().map(|e| (e.code, e.pos)).collect();
        assert_eq!(
            at,
            [
                (Code::DuplicateKey, Position::new(2, 11)),
                (Code::DuplicateKey, Position::new(3, 1))
            ]
        );
    }

    #[test]
    fn parsing_resumes_at_the_next_top_level_key() {
        let errs = parse("a: b: c\nd: ok\ne: f: g\n", 1).unwrap_err();
        let at: Vec<Position> = errs.iter().map(|e| e.pos).collect();
        assert_eq!(at, [Position::new(1, 5), Position::new(3, 5)]);
    }
}
