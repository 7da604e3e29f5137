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
    let text = Text::new(yaml, offset);
    let mut errors = Vec::new();
    let mut value = None;
    // serde_yaml stops at the first duplicate key; the scanner finds them all.
    let mut use_scanned_duplicates = true;
    let mut start = 0;
    loop {
        // The whole text first; after an error, one top-level field at a
        // time, so that a file of many broken fields is read in linear time.
        let end = if start == 0 {
            yaml.len()
        } else {
            scan.top_level
                .iter()
                .map(|(_, byte)| *byte)
                .find(|byte| *byte > start)
                .unwrap_or(yaml.len())
        };
        let part = &yaml[start..end];
        let parsed = if part.trim().is_empty() {
            Ok(serde_yaml::Value::Null)
        } else {
            from_str(part)
        };
        match parsed {
            Ok(v) => {
                if start == 0 {
                    // The whole text parsed: it has no duplicate keys, whatever
                    // the scanner thought.
                    value = Some(v);
                    use_scanned_duplicates = false;
                    break;
                }
            }
            Err(e) => {
                let found = syntax_error(&e, &text, start..end, &scan);
                if found.is_duplicate {
                    // serde_yaml checks keys only once the whole part parsed,
                    // so this part has no syntax error.
                    if scan.duplicates.is_empty() {
                        errors.push(found.error);
                    }
                    if start == 0 {
                        break;
                    }
                } else {
                    // A field read alone: what it breaks ends with it.
                    let last_line = if end < yaml.len() {
                        found.last_line.min(text.position(end - 1).line)
                    } else {
                        found.last_line
                    };
                    if !found.spurious {
                        errors.push(found.error);
                    }
                    if found.stop {
                        break;
                    }
                    // Always onwards, whatever the error said.
                    match scan
                        .top_level
                        .iter()
                        .find(|(line, byte)| *line > last_line && *byte > start)
                    {
                        Some((_, byte)) => start = *byte,
                        None => break,
                    }
                    continue;
                }
            }
        }
        if end >= yaml.len() {
            break;
        }
        start = end;
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
    let source = Source::new(crate::diagnostics::editor_lines(yaml).collect(), first_line);
    convert(value, &scan, &source, &mut path, root_pos).map_err(|e| vec![e])
}

/// serde_yaml's reading of well-formed YAML, except that a whole number
/// too large for 64 bits (which serde_yaml refuses as `invalid type:
/// integer ... as u128`) is read as the text it is written as, for its
/// field to judge: an amount that large is above the ceiling, not a
/// syntax error. The quotes added shift nothing but the rest of that
/// value's line, and only a parse that succeeds is affected.
fn from_str(part: &str) -> Result<serde_yaml::Value, serde_yaml::Error> {
    let mut text = std::borrow::Cow::Borrowed(part);
    loop {
        match serde_yaml::from_str(&text) {
            Err(e) if e.to_string().contains("invalid type: integer") => {
                let Some(at) = e.location().map(|l| l.index()) else {
                    return Err(e);
                };
                // Each number quoted is then text: this ends.
                let Some(rest) = text.get(at..).filter(|r| {
                    r.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
                }) else {
                    return Err(e);
                };
                let len = rest
                    .find(|c: char| {
                        !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '_' | '.'))
                    })
                    .unwrap_or(rest.len());
                let mut quoted = text.into_owned();
                quoted.insert(at + len, '"');
                quoted.insert(at, '"');
                text = std::borrow::Cow::Owned(quoted);
            }
            other => return other,
        }
    }
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
    /// The byte offset of each character of the line last looked at (by
    /// whole-file line number), so that the values of one long line are
    /// found in linear time.
    columns: std::cell::RefCell<(usize, Vec<usize>)>,
}

impl<'a> Source<'a> {
    fn new(lines: Vec<&'a str>, first_line: usize) -> Self {
        Source {
            lines,
            first_line,
            columns: std::cell::RefCell::new((0, Vec::new())),
        }
    }

    /// The text of the front matter from `pos` to the end of its line.
    fn rest_of_line(&self, pos: Position) -> Option<&'a str> {
        let line: &'a str = self.lines.get(pos.line.checked_sub(self.first_line)?)?;
        let mut columns = self.columns.borrow_mut();
        if columns.0 != pos.line {
            *columns = (pos.line, line.char_indices().map(|(i, _)| i).collect());
        }
        let byte = *columns.1.get(pos.column.checked_sub(1)?)?;
        Some(&line[byte..])
    }

    /// The YAML tag written at `pos` (`!!binary`, `!!python/object:x`), if
    /// any. serde_yaml resolves the core schema's `!!` tags silently, so a
    /// tag is found in the text: a value that starts with `!` has one.
    fn tag_at(&self, pos: Position) -> Option<&'a str> {
        let rest = self.rest_of_line(pos)?;
        rest.starts_with('!').then(|| {
            rest.split([' ', '\t', ',', ']', '}'])
                .next()
                .unwrap_or(rest)
        })
    }

    /// Where, in the double-quoted text starting at `pos`, the escape is
    /// that writes the first character `bad` would refuse.
    fn escape_at(&self, pos: Position, bad: fn(char) -> bool) -> Option<Position> {
        let first = self.rest_of_line(pos)?.strip_prefix('"')?;
        let mut at = Position::new(pos.line, pos.column + 1);
        let mut text = first;
        loop {
            let mut chars = text.chars();
            while let Some(c) = chars.next() {
                match c {
                    '"' => return None,
                    '\\' => {
                        let rest = chars.as_str();
                        let hex = |n: usize| {
                            rest.get(1..=n)
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .and_then(char::from_u32)
                        };
                        let written = match rest.chars().next() {
                            Some('0') => Some('\u{0}'),
                            Some('a') => Some('\u{7}'),
                            Some('b') => Some('\u{8}'),
                            Some('e') => Some('\u{1b}'),
                            Some('v') => Some('\u{b}'),
                            Some('f') => Some('\u{c}'),
                            Some('x') => hex(2),
                            Some('u') => hex(4),
                            Some('U') => hex(8),
                            _ => None,
                        };
                        if written.is_some_and(bad) {
                            return Some(at);
                        }
                        // The escaped character is never the closing quote.
                        chars.next();
                        at.column += 1;
                    }
                    _ => {}
                }
                at.column += 1;
            }
            at = Position::new(at.line + 1, 1);
            text = self.lines.get(at.line.checked_sub(self.first_line)?)?;
        }
    }
}

/// Characters that text may not hold: those a YAML file may not hold
/// written as they are (control characters other than tab and line
/// breaks, U+FFFE and U+FFFF), which double quotes can still write as
/// escapes (`\0`, `\e`, `\x07`). They reach pages, feeds and CSV cells,
/// and a terminal that prints a diagnostic quoting them.
fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// Text as the content format takes it: no control characters, NFC.
fn text(s: String, source: &Source, pos: Position) -> Result<String, SyntaxError> {
    if let Some(c) = s.chars().find(|c| is_forbidden(*c)) {
        return Err(SyntaxError {
            code: Code::YamlUnsupported,
            pos: source.escape_at(pos, is_forbidden).unwrap_or(pos),
            message: format!("text may not hold the control character U+{:04X}", u32::from(c)),
            help: Some("remove the escape (such as `\\0`, `\\e` or `\\x1b`) that writes it: text may hold printable characters, tabs and line breaks".into()),
        });
    }
    // Text is compared and slugged as written on screen: `Môn` typed
    // with a combining accent is the same name as `Môn` typed with one
    // character (Unicode NFC).
    Ok(nfc(s))
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
    /// Not a problem of the text: an alias, in a part read after an
    /// earlier error, to an anchor before that part.
    spurious: bool,
    /// The error has no place that parsing could resume after.
    stop: bool,
}

/// Invisible characters that libyaml reads as line breaks (or, for a
/// byte-order mark, as the start of a new text) and editors do not.
const HIDDEN_BREAKS: [char; 4] = ['\u{85}', '\u{2028}', '\u{2029}', '\u{feff}'];

/// Turns a serde_yaml error on `yaml[part]` into positions in the whole
/// file. libyaml counts U+0085, U+2028 and U+2029 as line breaks, which
/// editors do not, so its line numbers are never used as they are: the
/// problem's byte index, and the context's line and column re-walked with
/// libyaml's rules, are mapped to lines counted at `\n` only (the text is
/// already normalised). Then the error is moved to what it is about, where
/// that is not where libyaml noticed it: a hidden line break, the opening
/// quote or bracket of text never closed, the key that lacks its colon.
fn syntax_error(
    e: &serde_yaml::Error,
    text: &Text,
    part: std::ops::Range<usize>,
    scan: &Scan,
) -> Found {
    let start = part.start;
    let part = &text.yaml[part];
    let whole = |byte: usize| text.position(start + byte.min(part.len()));
    let message = e.to_string();
    let parsed = LibyamlMessage::parse(&message);
    // A reader error's offset first: serde_yaml gives such errors the
    // location of the start.
    let located = parsed
        .offset
        .map(whole)
        .or_else(|| e.location().map(|l| whole(l.index())))
        .or_else(|| {
            parsed
                .problem_mark
                .map(|(l, c)| whole(mark_offset(part, l, c)))
        });
    // Errors serde_yaml gives without a place: found here, and the last
    // word on this text (there is nowhere to resume after them).
    let stop = located.is_none();
    let (problem_pos, problem) = match located {
        Some(at) => (at, parsed.problem.clone()),
        None if parsed.problem.contains("more than one document") => {
            match second_document(part) {
                Some((byte, true)) => (
                    whole(byte),
                    "an invisible byte-order mark (U+FEFF) here starts a second YAML document inside the front matter".to_owned(),
                ),
                Some((byte, false)) => (
                    whole(byte),
                    "this line starts a second YAML document inside the front matter (the front matter ends only at a line that is exactly `---`)".to_owned(),
                ),
                None => (whole(0), parsed.problem.clone()),
            }
        }
        None if parsed.problem.contains("repetition limit") => (
            whole(first_alias(part).unwrap_or(0)),
            "the aliases (`*name`) starting here repeat more text than the front matter may hold"
                .to_owned(),
        ),
        None => (whole(0), parsed.problem.clone()),
    };
    let context_byte = parsed.context_mark.map(|(l, c)| mark_offset(part, l, c));
    let context_pos = context_byte.map(whole);
    let mut last_line = problem_pos
        .line
        .max(context_pos.map(|p| p.line).unwrap_or(0));
    // serde_yaml puts the path first: `partners[0]: duplicate entry with key "type"`.
    let is_duplicate = problem.contains("duplicate entry with key");
    let spurious = start > 0
        && problem.contains("unknown anchor")
        && text
            .alias_at(problem_pos)
            .and_then(|name| text.anchors.get(name))
            .is_some_and(|first| *first < start);
    let context = parsed.context.clone().unwrap_or_default();
    let error = match context_pos.filter(|_| !context.is_empty()) {
        // The same context is given for a bad escape inside closed quotes,
        // whose own position is the better one: only the end of the text
        // means the quote was never closed.
        Some(at)
            if context.contains("quoted scalar")
                && (problem.contains("end of stream")
                    || problem.contains("document indicator")) =>
        {
            let quote = context_byte
                .and_then(|b| part[b..].chars().next())
                .filter(|c| *c == '\'')
                .unwrap_or('"');
            never_closed(at, quote, &problem)
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
                    "invalid YAML in the {what} that starts here: {problem} (on line {})",
                    problem_pos.line
                ),
                help: Some(format!(
                    "separate the items with commas and close the {what} with `{close}`, on this line or an indented one below"
                )),
            }
        }
        // libyaml notices a missing `:` where it gives up, often the next
        // line; the key that lacks it is where the context starts.
        Some(at) if problem.contains("could not find expected ':'") => SyntaxError {
            code: Code::YamlSyntax,
            pos: at,
            message: "invalid YAML: this line has no `:` after its field name".to_owned(),
            help: Some(
                "write the field as `name: value`, or indent the line under the field it continues"
                    .to_owned(),
            ),
        },
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
                    format!("invalid YAML: {problem}")
                } else {
                    format!("invalid YAML: {problem}, {within} on line {}", at.line)
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
                format!("invalid YAML: {problem}")
            } else {
                format!("invalid YAML: {problem}, {context}")
            },
            help: None,
        },
    };
    // A `%YAML` or `%TAG` directive needs a `---` line after it, which
    // would end the front matter: directives cannot be used in it at all.
    let directive = (problem.contains("<document start>"))
        .then(|| {
            let mut byte = 0;
            part.split('\n').find_map(|line| {
                let at = byte;
                byte += line.len() + 1;
                line.starts_with('%').then_some(at)
            })
        })
        .flatten();
    let error = match directive {
        Some(byte) => SyntaxError {
            code: Code::YamlUnsupported,
            pos: whole(byte),
            message: "YAML directives (lines starting with `%`) are not supported in front matter"
                .to_owned(),
            help: Some("delete the line: front matter is read as plain YAML".to_owned()),
        },
        None => error,
    };
    // An error in a flow collection cut short by a top-level key ends at
    // that key: parsing resumes there.
    let unclosed = |pos: Position| {
        let n = scan
            .unclosed_flows
            .partition_point(|(open, _)| *open <= pos);
        let (open, last) = *scan.unclosed_flows.get(n.checked_sub(1)?)?;
        (pos <= Position::new(last + 1, 1)).then_some((open, last))
    };
    if let Some((_, last)) = unclosed(error.pos) {
        last_line = last;
    }
    let first_line = context_pos.map_or(problem_pos.line, |c| c.line.min(problem_pos.line));
    let error = if let Some((at, c)) = text.hidden_break(first_line, problem_pos) {
        SyntaxError {
            code: Code::YamlSyntax,
            pos: at,
            message: format!(
                "invalid YAML: an invisible {} (U+{:04X}) here, which YAML reads as {} ({problem})",
                match c {
                    '\u{85}' => "next-line character",
                    '\u{2028}' => "line separator",
                    '\u{2029}' => "paragraph separator",
                    _ => "byte-order mark",
                },
                u32::from(c),
                if c == '\u{feff}' {
                    "the start of a new text"
                } else {
                    "the end of the line"
                },
            ),
            help: Some(
                "delete the invisible character (retype the text around it), or put the text in double quotes".to_owned(),
            ),
        }
    } else if let Some((open, close)) =
        last_before(&scan.quote_spans, error.pos, |s| s.0).filter(|(open, close)| {
            open.line < close.line
                && error.pos.line == close.line
                && error.pos.column > close.column
        })
    {
        // The "closing" quote is most often the opening quote of the next
        // value: the text was never closed where it was meant to be.
        let quote = text.char_at(*open).unwrap_or('"');
        let mut e = never_closed(*open, quote, &problem);
        e.message = format!(
            "invalid YAML: the quoted text starting here runs on to line {}, where its closing quote is followed by more ({problem})",
            close.line
        );
        e
    } else if let Some((open, _)) = unclosed(error.pos).filter(|(open, _)| *open < error.pos) {
        let (what, close) = match text.char_at(open) {
            Some('{') => ("mapping", '}'),
            _ => ("list", ']'),
        };
        SyntaxError {
            code: Code::YamlSyntax,
            pos: open,
            message: format!(
                "invalid YAML: the {what} that starts here is never closed ({problem}, on line {})",
                error.pos.line
            ),
            help: Some(format!(
                "separate the items with commas and close the {what} with `{close}`, on this line or an indented one below"
            )),
        }
    } else {
        error
    };
    Found {
        error,
        is_duplicate,
        last_line,
        spurious,
        stop,
    }
}

fn never_closed(at: Position, quote: char, problem: &str) -> SyntaxError {
    SyntaxError {
        code: Code::YamlSyntax,
        pos: at,
        message: format!("invalid YAML: the quoted text starting here is never closed ({problem})"),
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

/// The last of `items` (in order of their positions, which never overlap)
/// that starts before `pos`.
fn last_before<T>(items: &[T], pos: Position, start: impl Fn(&T) -> Position) -> Option<&T> {
    let n = items.partition_point(|item| start(item) < pos);
    n.checked_sub(1).map(|i| &items[i])
}

/// The front matter's text, indexed once for the errors found in it, so
/// that a text of many errors is still read in linear time.
struct Text<'a> {
    yaml: &'a str,
    line_offset: usize,
    /// The byte offset of each line's start.
    line_starts: Vec<usize>,
    has_hidden_breaks: bool,
    /// The first byte of each anchor's name (`&name`) defined in the text.
    anchors: HashMap<&'a str, usize>,
}

impl<'a> Text<'a> {
    fn new(yaml: &'a str, line_offset: usize) -> Self {
        let line_starts = std::iter::once(0)
            .chain(yaml.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut anchors = HashMap::new();
        for (i, _) in yaml.match_indices('&') {
            let name = &yaml[i + 1..];
            let end = name
                .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
                .unwrap_or(name.len());
            if end > 0 {
                anchors.entry(&name[..end]).or_insert(i);
            }
        }
        Text {
            yaml,
            line_offset,
            line_starts,
            has_hidden_breaks: yaml.contains(HIDDEN_BREAKS),
            anchors,
        }
    }

    /// The whole-file position of a byte offset.
    fn position(&self, byte: usize) -> Position {
        // libyaml's offsets fall on characters; should one not, slicing at
        // it must still not panic on an editor's file.
        let mut at = byte.min(self.yaml.len());
        while !self.yaml.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.line_starts.partition_point(|s| *s <= at);
        let start = self.line_starts[line - 1];
        Position::new(
            line + self.line_offset,
            self.yaml[start..at].chars().count() + 1,
        )
    }

    /// A whole-file line of the text.
    fn line(&self, n: usize) -> Option<&'a str> {
        let i = n.checked_sub(self.line_offset + 1)?;
        let start = *self.line_starts.get(i)?;
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(self.yaml.len(), |e| e - 1);
        Some(&self.yaml[start..end])
    }

    /// The character at a whole-file position.
    fn char_at(&self, at: Position) -> Option<char> {
        self.line(at.line)?.chars().nth(at.column.checked_sub(1)?)
    }

    /// The first of [`HIDDEN_BREAKS`] from line `first_line` up to `until`:
    /// what an error there is about.
    fn hidden_break(&self, first_line: usize, until: Position) -> Option<(Position, char)> {
        if !self.has_hidden_breaks {
            return None;
        }
        (first_line..=until.line).find_map(|n| {
            self.line(n)?
                .chars()
                .enumerate()
                .find(|(i, c)| {
                    HIDDEN_BREAKS.contains(c) && (n < until.line || i + 1 < until.column)
                })
                .map(|(i, c)| (Position::new(n, i + 1), c))
        })
    }

    /// The name of the alias written at `at`, if one is.
    fn alias_at(&self, at: Position) -> Option<&'a str> {
        let line = self.line(at.line)?;
        let (byte, _) = line.char_indices().nth(at.column.checked_sub(1)?)?;
        let alias = line[byte..].strip_prefix('*')?;
        let end = alias
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}'))
            .unwrap_or(alias.len());
        Some(&alias[..end])
    }
}

/// Where a second YAML document starts in `text`: a line `--- ...` or
/// `... ...` (true when it is a byte-order mark instead).
fn second_document(text: &str) -> Option<(usize, bool)> {
    let mut byte = 0;
    for line in text.split('\n') {
        let marker = ["---", "..."].iter().any(|m| {
            line.strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        });
        if marker {
            return Some((byte, false));
        }
        byte += line.len() + 1;
    }
    text.find('\u{feff}').map(|b| (b, true))
}

/// The byte offset of the first alias (`*name`) in `text`.
fn first_alias(text: &str) -> Option<usize> {
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if c == '*'
            && (prev.is_whitespace() || matches!(prev, '[' | '{' | ',' | '-' | ':'))
            && text[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| !n.is_whitespace() && !matches!(n, ',' | ']' | '}'))
        {
            return Some(i);
        }
        prev = c;
    }
    None
}

/// The parts of libyaml's message as serde_yaml prints it:
/// `PROBLEM at line L column C[, CONTEXT[ at line L column C]]`, with
/// 1-based libyaml lines and columns (kept here 0-based).
#[derive(Debug, Default, PartialEq)]
struct LibyamlMessage {
    problem: String,
    problem_mark: Option<(usize, usize)>,
    /// The byte offset a reader error gives instead (`... at position N`).
    offset: Option<usize>,
    context: Option<String>,
    context_mark: Option<(usize, usize)>,
}

impl LibyamlMessage {
    fn parse(text: &str) -> LibyamlMessage {
        let Some(i) = text.find(" at line ") else {
            // A reader error (a character that may not be in YAML at all).
            if let Some(j) = text.rfind(" at position ")
                && let Ok(offset) = text[j + " at position ".len()..].trim().parse()
            {
                return LibyamlMessage {
                    problem: text[..j].to_owned(),
                    offset: Some(offset),
                    ..Default::default()
                };
            }
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
            ..Default::default()
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
    scan: &Scan,
    source: &Source,
    path: &mut Vec<Seg>,
    pos: Position,
) -> Result<Node, SyntaxError> {
    use serde_yaml::Value as Y;
    let positions = &scan.found;
    if !path.is_empty()
        && let Some(tag) = source.tag_at(pos)
    {
        return Err(tag_error(tag, pos));
    }
    let value = match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => Value::Number(n.to_string()),
        Y::String(s) => Value::String(text(s, source, pos)?),
        Y::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                path.push(Seg::Index(i));
                let item_pos = positions.get(path).map(|l| l.value).unwrap_or(pos);
                out.push(convert(item, scan, source, path, item_pos)?);
                path.pop();
            }
            Value::Seq(out)
        }
        Y::Mapping(map) => {
            let mut out = Vec::with_capacity(map.len());
            let mut complex = 0;
            for (k, v) in map {
                let key_at = |name: &str, path: &mut Vec<Seg>| {
                    path.push(Seg::Key(name.to_owned()));
                    let at = positions.get(path).map(|l| l.key);
                    path.pop();
                    at
                };
                let name = match k {
                    Y::String(s) => {
                        let at = key_at(&s, path).unwrap_or(pos);
                        text(s, source, at)?
                    }
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => {
                        let written = match other {
                            Y::Null => ["~", "null", "Null", "NULL"]
                                .into_iter()
                                .find_map(|n| key_at(n, path)),
                            _ => None,
                        };
                        let at = written.or_else(|| {
                            complex += 1;
                            scan.complex_keys
                                .get(path.as_slice())
                                .and_then(|keys| keys.get(complex - 1))
                                .copied()
                        });
                        return Err(SyntaxError {
                            code: Code::YamlUnsupported,
                            pos: at.unwrap_or(pos),
                            message: "a field name must be plain text".into(),
                            help: Some("write the field name as a word, like `title:`".into()),
                        });
                    }
                };
                path.push(Seg::Key(name.clone()));
                let located = positions.get(path).copied();
                let key_pos = located.map(|l| l.key).unwrap_or(pos);
                let value_pos = located.map(|l| l.value).unwrap_or(pos);
                let node = convert(v, scan, source, path, value_pos)?;
                path.pop();
                out.push((Key { name, pos: key_pos }, node));
            }
            Value::Map(out)
        }
        Y::Tagged(tagged) => return Err(tag_error(&tagged.tag.to_string(), pos)),
    };
    Ok(Node { value, pos })
}

/// Deeper than this, serde_yaml refuses the YAML (its recursion limit is
/// 128), so the scanner records no positions there: hostile nesting costs
/// linear time and memory, never a position per level per item.
const MAX_DEPTH: usize = 200;

/// Finds where each key and list item of block-style YAML sits, by indentation.
/// serde_yaml reports positions only for syntax errors, so this scanner
/// supplies them for everything else; it handles the block style of front
/// matter (mappings, `- ` lists, compact lists, quoted and block scalars
/// spanning lines), flow collections (`[a, b]`, `{name: x, type: y}`, nested,
/// over several lines) and falls back to the enclosing position. It also
/// finds every duplicate key, where each top-level key starts, and the
/// quotes and brackets that a syntax error may really be about.
fn locate(yaml: &str, line_offset: usize) -> Scan {
    let mut scanner = Scanner::default();
    let mut byte = 0;
    let mut last_line = line_offset;
    for (i, line) in yaml.split('\n').enumerate() {
        last_line = i + 1 + line_offset;
        scanner.line(line, last_line, byte);
        byte += line.len() + 1;
    }
    if let Some(flow) = scanner.flow.take() {
        scanner.unclosed_flows.push((flow.start(), last_line));
    }
    Scan {
        found: scanner.found,
        duplicates: scanner.duplicates,
        top_level: scanner.top_level,
        complex_keys: scanner.complex_keys,
        quote_spans: scanner.quote_spans,
        unclosed_flows: scanner.unclosed_flows,
    }
}

/// A character with its whole-file position.
type Positioned = (Position, char);

struct Scan {
    found: HashMap<Vec<Seg>, Located>,
    duplicates: Vec<Duplicate>,
    /// (whole-file line, byte offset in the YAML) of each top-level key.
    top_level: Vec<(usize, usize)>,
    /// Where each key that is not plain text (`? [a, b]`, `[a, b]: c`)
    /// starts, in order, by the path of its mapping.
    complex_keys: HashMap<Vec<Seg>, Vec<Position>>,
    /// Quoted text that runs over several lines: (opening quote, closing quote).
    quote_spans: Vec<(Position, Position)>,
    /// Flow collections never closed: (opening bracket, last line reached).
    unclosed_flows: Vec<(Position, usize)>,
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

/// A flow collection being gathered over lines, read as it grows.
struct Flow {
    path: Vec<Seg>,
    chars: Vec<Positioned>,
    state: FlowState,
}

impl Flow {
    fn start(&self) -> Position {
        self.chars.first().map(|(p, _)| *p).unwrap_or_default()
    }
}

/// How far a flow collection has been read (so that one over many lines
/// is read once, not once per line).
#[derive(Default)]
struct FlowState {
    depth: usize,
    quote: Option<char>,
    escaped: bool,
    read: usize,
}

impl FlowState {
    /// Reads on from where it stopped; true once the collection that
    /// `chars[0]` opens is closed.
    fn closes(&mut self, chars: &[Positioned]) -> bool {
        while let Some((_, c)) = chars.get(self.read) {
            let c = *c;
            self.read += 1;
            if let Some(q) = self.quote {
                if q == '"' && c == '\\' && !self.escaped {
                    self.escaped = true;
                    continue;
                }
                // A doubled single quote closes and reopens: same effect here.
                if c == q && !self.escaped {
                    self.quote = None;
                }
                self.escaped = false;
                continue;
            }
            match c {
                '[' | '{' => self.depth += 1,
                ']' | '}' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return true;
                    }
                }
                '"' | '\'' => self.quote = Some(c),
                _ => {}
            }
        }
        false
    }
}

#[derive(Default)]
struct Scanner {
    stack: Vec<Frame>,
    found: HashMap<Vec<Seg>, Located>,
    /// Lines deeper than this column belong to a block scalar (`|` or `>`).
    block_scalar_indent: Option<usize>,
    /// An unclosed quoted scalar is continuing on the next lines: its quote
    /// and where it opened.
    open_quote: Option<(char, Position)>,
    /// An unclosed flow collection is continuing on the next lines.
    flow: Option<Flow>,
    top_next_index: usize,
    duplicates: Vec<Duplicate>,
    top_level: Vec<(usize, usize)>,
    complex_keys: HashMap<Vec<Seg>, Vec<Position>>,
    quote_spans: Vec<(Position, Position)>,
    unclosed_flows: Vec<(Position, usize)>,
}

impl Scanner {
    fn path(&self) -> Vec<Seg> {
        self.stack.iter().map(|f| f.seg.clone()).collect()
    }

    fn line(&mut self, line: &str, line_no: usize, byte: usize) {
        if let Some((q, open)) = self.open_quote {
            if let Some(close) = closing_quote(line, q) {
                self.open_quote = None;
                self.quote_spans
                    .push((open, Position::new(line_no, char_col(line, close))));
            }
            return;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line[indent..].trim_end();
        if let Some(mut flow) = self.flow.take() {
            // A top-level key ends an unclosed flow collection: the YAML is
            // broken there, and the key is where parsing resumes.
            if !(indent == 0 && split_key(content).is_some()) {
                flow.chars.extend(positioned(line, 0, line_no));
                self.continue_flow(flow);
                return;
            }
            self.unclosed_flows
                .push((flow.start(), line_no.saturating_sub(1)));
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
    fn continue_flow(&mut self, mut flow: Flow) {
        if flow.state.closes(&flow.chars) {
            let mut parser = FlowParser {
                chars: &flow.chars,
                i: 0,
                found: &mut self.found,
                duplicates: &mut self.duplicates,
            };
            parser.node(&mut flow.path);
        } else {
            self.flow = Some(flow);
        }
    }

    fn start_flow(&mut self, line: &str, byte: usize, line_no: usize, path: Vec<Seg>) {
        let chars = positioned(line, byte, line_no);
        self.continue_flow(Flow {
            path,
            chars,
            state: FlowState::default(),
        });
    }

    /// Records a key's place; a repeat is recorded as a duplicate and given
    /// a path of its own, so that its fields are not taken for repeats of
    /// the first one's. Returns the path recorded.
    fn record_key(&mut self, mut path: Vec<Seg>, located: Located) -> Vec<Seg> {
        if let (Some(first), Some(Seg::Key(name))) = (self.found.get(&path), path.last()) {
            self.duplicates.push(Duplicate {
                name: name.clone(),
                first: first.key,
                second: located.key,
            });
            let unique = Seg::Key(format!("{name}\u{0}{}", self.duplicates.len()));
            if let Some(frame) = self.stack.last_mut() {
                frame.seg = unique.clone();
            }
            if let Some(last) = path.last_mut() {
                *last = unique;
            }
        }
        self.found.insert(path.clone(), located);
        path
    }

    /// A key that is not plain text (`? key`, `[a, b]: value`) at byte
    /// column `col`: recorded by its mapping's path, and given a frame of
    /// its own so that what is nested under it stays apart.
    fn complex_key(&mut self, line: &str, col: usize, line_no: usize) {
        self.pop_while(|f| f.indent >= col);
        let keys = self.complex_keys.entry(self.path()).or_default();
        keys.push(Position::new(line_no, char_col(line, col)));
        let seg = Seg::Key(format!("\u{0}key{}", keys.len()));
        self.stack.push(Frame {
            indent: col,
            seg,
            is_item: false,
            next_index: 0,
        });
    }

    /// Handles what starts at byte column `col` of `line`: list dashes, then a key.
    fn node_at(&mut self, line: &str, col: usize, line_no: usize) {
        if self.stack.len() > MAX_DEPTH {
            return;
        }
        let rest = &line[col..];
        if rest == "?" || rest.starts_with("? ") {
            self.complex_key(line, col, line_no);
            return;
        }
        if rest.starts_with('[') || rest.starts_with('{') {
            let chars = positioned(line, col, line_no);
            let mut state = FlowState::default();
            if state.closes(&chars) {
                let after: String = chars[state.read..].iter().map(|(_, c)| *c).collect();
                if after.trim_start().starts_with(':') {
                    self.complex_key(line, col, line_no);
                    return;
                }
            }
            let path = self.path();
            self.start_flow(line, col, line_no, path);
            return;
        }
        if rest == "-" || rest.starts_with("- ") {
            self.list_item(col);
            let mut after = col + 1 + rest[1..].len() - rest[1..].trim_start().len();
            after += anchor_len(&line[after..]);
            let item_path = self.path();
            let dash = Position::new(line_no, char_col(line, col));
            let has_value = after < line.trim_end().len();
            self.found.insert(
                item_path,
                Located {
                    key: dash,
                    // An empty item is where its dash is.
                    value: if has_value {
                        Position::new(line_no, char_col(line, after))
                    } else {
                        dash
                    },
                },
            );
            if has_value {
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
            let mut value_byte = col + value_start;
            value_byte += anchor_len(&line[value_byte..]);
            let value = line[value_byte..].trim_end();
            let key_pos = Position::new(line_no, char_col(line, col));
            let value_pos = if value.is_empty() || value.starts_with('#') {
                key_pos
            } else {
                Position::new(line_no, char_col(line, value_byte))
            };
            let path = self.path();
            let path = self.record_key(
                path,
                Located {
                    key: key_pos,
                    value: value_pos,
                },
            );
            self.scalar_or_flow(line, value_byte, value, path, line_no, col);
        } else if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'')
            && closing_quote(&rest[1..], q).is_none()
        {
            self.open_quote = Some((q, Position::new(line_no, char_col(line, col))));
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
            Some(q @ ('"' | '\'')) if closing_quote(&value[1..], q).is_none() => {
                self.open_quote = Some((q, Position::new(line_no, char_col(line, value_byte))));
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

/// The length of an anchor (`&name` and the blanks after it) that `s`
/// starts with, when a value follows it on the line: the value's position
/// is where the value itself is written.
fn anchor_len(s: &str) -> usize {
    if !s.starts_with('&') {
        return 0;
    }
    let name = s.find([' ', '\t']).unwrap_or(s.len());
    let blanks = s[name..].len() - s[name..].trim_start_matches([' ', '\t']).len();
    let rest = s[name + blanks..].trim_end();
    if rest.is_empty() || rest.starts_with('#') {
        0
    } else {
        name + blanks
    }
}

/// The text of a quoted scalar written between quotes `q`, as YAML reads
/// it (escapes in double quotes, `''` in single ones), so that a key is
/// found by the name serde_yaml gives it.
fn unquote(s: &str, q: char) -> String {
    if q == '\'' {
        return s.replace("''", "'");
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let hex = |chars: &mut std::str::Chars, n: usize| {
            let digits: String = chars.take(n).collect();
            u32::from_str_radix(&digits, 16)
                .ok()
                .and_then(char::from_u32)
        };
        let decoded = match chars.next() {
            Some('0') => Some('\u{0}'),
            Some('a') => Some('\u{7}'),
            Some('b') => Some('\u{8}'),
            Some('t' | '\t') => Some('\t'),
            Some('n') => Some('\n'),
            Some('v') => Some('\u{b}'),
            Some('f') => Some('\u{c}'),
            Some('r') => Some('\r'),
            Some('e') => Some('\u{1b}'),
            Some('N') => Some('\u{85}'),
            Some('_') => Some('\u{a0}'),
            Some('L') => Some('\u{2028}'),
            Some('P') => Some('\u{2029}'),
            Some('x') => hex(&mut chars, 2),
            Some('u') => hex(&mut chars, 4),
            Some('U') => hex(&mut chars, 8),
            other => other,
        };
        out.extend(decoded);
    }
    out
}

/// `key: value` → (key, byte offset of the value within `rest`).
fn split_key(rest: &str) -> Option<(String, usize)> {
    let (key, after_key) = if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'')
    {
        let end = closing_quote(&rest[1..], q)? + 1;
        (unquote(&rest[1..end], q), end + 1)
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
            Some('[' | '{') if path.len() > MAX_DEPTH => self.skip_collection(),
            Some('[') => self.seq(path),
            Some('{') => self.map(path),
            _ => {
                self.scalar();
            }
        }
    }

    /// Steps over a collection too deep to record, without recursion.
    fn skip_collection(&mut self) {
        let mut state = FlowState::default();
        state.closes(&self.chars[self.i..]);
        self.i += state.read;
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
                            name: key.clone(),
                            first: first.key,
                            second: key_pos,
                        });
                        // The repeat's fields are not the first one's.
                        path.pop();
                        path.push(Seg::Key(format!("{key}\u{0}{}", self.duplicates.len())));
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
                        text.push(c);
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
                if q == '"' {
                    text = unquote(&text, q);
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

/// The byte index in `s` of the quote `q` that closes a quoted scalar
/// opened before `s`, if `s` holds one.
fn closing_quote(s: &str, q: char) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    let mut escaped = false;
    while let Some((i, c)) = chars.next() {
        if q == '"' {
            match c {
                '\\' if !escaped => escaped = true,
                c if c == q && !escaped => return Some(i),
                _ => escaped = false,
            }
        } else if c == q {
            // In single quotes, '' is an escaped quote.
            if chars.peek().is_some_and(|(_, n)| *n == q) {
                chars.next();
            } else {
                return Some(i);
            }
        }
    }
    None
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
