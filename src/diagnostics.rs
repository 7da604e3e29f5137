//! One diagnostics type for every command, rendered for people (source line
//! and caret), as JSON lines, or as GitHub Actions annotations. Every
//! diagnostic has a stable [`Code`] (the list is here, once) and an
//! [`Origin`]: a place in a file, a command-line argument, or a bug.

use serde::Serialize;
use serde::ser::SerializeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column in a whole source file (not in its front matter).
/// Lines are counted at `\n`, `\r\n` and `\r` only; columns are characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
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

/// Declares [`Code`] with its stable name and one-line meaning, so that the
/// list exists once; `docs/content-format.md` documents each (a test checks).
macro_rules! codes {
    ($($variant:ident = $name:literal : $meaning:literal,)*) => {
        /// A stable diagnostic code. The names never change meaning once
        /// published: scripts and CI filters match on them, not on wording.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$variant => $meaning,)*
                }
            }
        }
    };
}

codes! {
    // Reading files.
    NoContentFolder = "no-content-folder": "the site folder has no `content/` folder",
    ContentNotFolder = "content-not-folder": "a content folder is a link or a file, or a settings file is a folder or a link",
    EmptyContent = "empty-content": "no case study was found although the published site has some",
    IgnoredFile = "ignored-file": "a file under `content/` that is not read (its name, place or kind), and why",
    Io = "io": "a file or folder could not be read or written",
    NotUtf8 = "not-utf8": "a file is not valid UTF-8 text",
    EmptyFile = "empty-file": "a content file is empty",
    // Front matter and YAML.
    NoFrontMatter = "no-front-matter": "a Markdown file does not start with a `---` front matter block",
    UnclosedFrontMatter = "unclosed-front-matter": "the front matter block has no closing `---`",
    YamlSyntax = "yaml-syntax": "the YAML is not well formed (indentation, quotes, brackets)",
    DuplicateKey = "duplicate-key": "a field is given twice in one mapping",
    YamlUnsupported = "yaml-unsupported": "a YAML feature the content format does not allow (tags, non-text keys)",
    // Fields.
    WrongType = "wrong-type": "a field has the wrong kind of value (text, list, mapping, true/false)",
    MissingField = "missing-field": "a required field is missing",
    UnknownField = "unknown-field": "a field name the content format does not know (often a typo)",
    EmptyValue = "empty-value": "a field that must have a value is empty",
    Placeholder = "placeholder": "a placeholder from `compendium new` was left in",
    BadDate = "bad-date": "a date that is malformed or does not exist",
    UnknownValue = "unknown-value": "a value outside a field's fixed list (status, period, tier...)",
    UnknownVocabulary = "unknown-vocabulary": "a function, region, model or organisation type not in the vocabulary",
    DuplicateItem = "duplicate-item": "the same function or partner is listed twice",
    MissingRegion = "missing-region": "a public-body partner has no region",
    UnknownPartner = "unknown-partner": "a saving or cost names an organisation that is not a partner",
    BadAmount = "bad-amount": "an amount of money that cannot be read",
    AmountTooLarge = "amount-too-large": "an amount above the £1 trillion a figure may be",
    FigureFunction = "figure-function": "a saving or cost is about a function its case study does not list",
    BadHeadline = "bad-headline": "two headline figures, or a headline that is a share, a part or superseded",
    BadNumber = "bad-number": "a number that should be a whole number or a four-digit year",
    BadEmail = "bad-email": "a contact email that does not look like an email address",
    BadUrl = "bad-url": "a web address that is not absolute http(s)",
    NoBaseUrl = "no-base-url": "a build without `base_url`: the feed, sitemap and robots.txt were written for a placeholder address",
    BadSlug = "bad-slug": "a slug that is not lower-case letters, digits and hyphens",
    SummaryTooLong = "summary-too-long": "the summary is longer than the limit",
    MissingLabel = "missing-label": "a new vocabulary entry in site.yaml has no label",
    // Across files.
    DuplicateSlug = "duplicate-slug": "two case studies, or two pages, would have the same URL",
    ReservedSlug = "reserved-slug": "a page would take a URL the site uses itself",
    NoSlug = "no-slug": "no URL slug can be made from the file name",
    // Bodies and links.
    BrokenLink = "broken-link": "a link to a page this site does not have",
    LinkScheme = "link-scheme": "a link with a scheme other than http, https, mailto or tel",
    // Organisations (warnings).
    OrganisationSpelling = "organisation-spelling": "one organisation spelled two ways",
    OrganisationType = "organisation-type": "one organisation given different types",
    UnknownRegisterCode = "unknown-register-code": "a partner `code:` not in the local authority register",
    OrganisationTypo = "organisation-typo": "a partner name one or two letters from a register name or another organisation's",
    // Themes and output.
    ThemeNotFound = "theme-not-found": "the theme named in site.yaml does not exist",
    Template = "template": "a theme template does not compile or render",
    OutputNotFolder = "output-not-folder": "the output path is a file, not a folder",
    OutputNotOurs = "output-not-ours": "the output folder, or a staging or backup folder beside it, holds files compendium did not write",
    OutputSymlink = "output-symlink": "the output, or the lock, staging or backup path beside it, is a symbolic link, which compendium never follows",
    // Command-line arguments.
    BadArgument = "bad-argument": "a command-line argument has a value that cannot be used",
    FileExists = "file-exists": "`compendium new` would overwrite an existing file",
    UnknownFilter = "unknown-filter": "a search filter value not in the vocabulary",
    Listen = "listen": "`compendium serve` cannot listen on the address and port",
    PublicAddress = "public-address": "`compendium serve` listens on an address other machines can reach (a warning)",
    NotInThisBuild = "not-in-this-build": "a command this build of compendium was compiled without (`serve` without the `serve` feature)",
    Git = "git": "`check --changed-since` could not ask git for the changed files (git missing, not a repository, git failed)",
    // Bugs.
    Internal = "internal": "a bug in compendium",
}

/// What kind of problem a code is, which decides the exit code: content
/// the editors can fix (1), or the way compendium was run: its arguments,
/// the machine, the output folder (2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// The site's own files (content, settings, theme), or a bug: exit code 1.
    Content,
    /// Arguments, folders, permissions, locks, disk, tools: exit code 2.
    Environment,
}

impl Code {
    /// Listed by exception: every code not named here is about content.
    /// A bug (`internal`) counts as a failed build, exit code 1.
    pub fn class(self) -> Class {
        match self {
            Code::NoContentFolder
            | Code::EmptyContent
            | Code::Io
            | Code::OutputNotFolder
            | Code::OutputNotOurs
            | Code::OutputSymlink
            | Code::BadArgument
            | Code::FileExists
            | Code::UnknownFilter
            | Code::Listen
            | Code::PublicAddress
            | Code::Git
            | Code::NotInThisBuild => Class::Environment,
            _ => Class::Content,
        }
    }
}

/// The exit code a run with these diagnostics ends with: 0 without errors,
/// else 2 if any error is about the environment (the content could not be
/// judged, or the result not written), else 1.
pub fn exit_status(diagnostics: &[Diagnostic]) -> u8 {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| match d.code.class() {
            Class::Content => 1,
            Class::Environment => 2,
        })
        .max()
        .unwrap_or(0)
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What a diagnostic is about. The variant order is the output order:
/// arguments (about the whole run) first, then files, then bugs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// A command-line argument or option, as typed: `--out`, `--base-url`, `<title>`.
    Argument(String),
    /// A place in a file (or a folder, at 1:1), the path as the editor knows it.
    File { path: PathBuf, at: Position },
    /// A bug in compendium: nothing the user wrote is wrong.
    Internal,
}

impl Origin {
    pub fn file(path: impl Into<PathBuf>, at: Position) -> Origin {
        Origin::File {
            path: path.into(),
            at,
        }
    }

    pub fn argument(name: impl Into<String>) -> Origin {
        Origin::Argument(name.into())
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::File { path, .. } => Some(path),
            _ => None,
        }
    }

    pub fn position(&self) -> Option<Position> {
        match self {
            Origin::File { at, .. } => Some(*at),
            _ => None,
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Argument(name) => write!(f, "argument {name}"),
            Origin::File { path, at } => write!(f, "{}:{}:{}", path.display(), at.line, at.column),
            Origin::Internal => f.write_str("(internal)"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub origin: Origin,
    pub severity: Severity,
    pub message: String,
    /// How to fix it; empty when there is nothing useful to add.
    pub help: String,
    /// The offending source line, for the caret display. Not part of JSON output.
    /// Boxed text: a `Diagnostic` stays small enough to return in a `Result`.
    pub source_line: Option<Box<str>>,
    /// The other files this diagnostic is about (see [`Diagnostic::related`]: the first file of a
    /// duplicate slug, where an organisation was spelled first, the file a
    /// broken link leads to), as display paths: `check FILES` reports it when
    /// any of them is given, since a change there can cause or cure it.
    /// A thin pointer: most diagnostics have none, and a `Diagnostic` travels in
    /// many a `Result`, which must stay small (a `Vec` here would grow it by 16 bytes).
    /// Shared, not copied: thousands of `organisation-typo` warnings can
    /// name the same thousands of files (see [`Diagnostic::with_related_shared`]).
    /// It may hold the diagnostic's own file, which [`Diagnostic::related`]
    /// leaves out.
    related: Option<std::sync::Arc<Vec<PathBuf>>>,
}

impl Diagnostic {
    pub fn error(code: Code, origin: Origin, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            origin,
            severity: Severity::Error,
            message: message.into(),
            help: String::new(),
            source_line: None,
            related: None,
        }
    }

    pub fn warning(code: Code, origin: Origin, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, origin, message)
        }
    }

    /// A bug: something that cannot happen with any input did.
    pub fn internal(message: impl Into<String>) -> Self {
        Diagnostic::error(Code::Internal, Origin::Internal, message).with_help(
            "this is a bug in compendium; please report it with the content that triggers it",
        )
    }

    /// Help for a failed read or write, from the system's reason.
    pub fn with_io_help(self, kind: Option<std::io::ErrorKind>) -> Self {
        use std::io::ErrorKind;
        let help = match kind {
            Some(ErrorKind::NotFound) => "check that the path exists and is spelt as shown",
            Some(ErrorKind::PermissionDenied) => {
                "check that you may read and write this path (its permissions and owner)"
            }
            _ => {
                "check the path, that the disk has space, and that no other program holds the file"
            }
        };
        self.with_help(help)
    }

    /// Names another file this diagnostic is about (see [`Diagnostic::related`]).
    pub fn with_related(self, path: impl Into<PathBuf>) -> Self {
        self.with_related_all([path])
    }

    /// Names each of these other files (see [`Diagnostic::related`]), each
    /// once, in their order.
    pub fn with_related_all<P: Into<PathBuf>>(
        mut self,
        paths: impl IntoIterator<Item = P>,
    ) -> Self {
        let list = std::sync::Arc::make_mut(self.related.get_or_insert_default());
        let mut seen: std::collections::HashSet<PathBuf> = list.iter().cloned().collect();
        for path in paths {
            let path = path.into();
            if seen.insert(path.clone()) {
                list.push(path);
            }
        }
        if list.is_empty() {
            self.related = None;
        }
        self
    }

    /// Names the files of a list that other diagnostics share (each once in
    /// it), without copying it: the files naming an organisation, for every
    /// warning about a name close to it. Replaces any files named before.
    pub fn with_related_shared(mut self, list: &std::sync::Arc<Vec<PathBuf>>) -> Self {
        self.related = (!list.is_empty()).then(|| list.clone());
        self
    }

    /// The other files this diagnostic is about, as display paths (its own
    /// file left out).
    pub fn related(&self) -> impl Iterator<Item = &Path> {
        let own = self.path();
        self.related
            .iter()
            .flat_map(|list| list.iter())
            .map(PathBuf::as_path)
            .filter(move |p| Some(*p) != own)
    }

    /// Every file this diagnostic is about: its own, then the related ones.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.path().into_iter().chain(self.related())
    }

    /// A warning made an error by `--deny-warnings`: the code and place
    /// stay, and the message says why it fails the run.
    pub fn denied(mut self) -> Self {
        if !self.is_error() {
            self.severity = Severity::Error;
            self.message
                .push_str(" (a warning, made an error by --deny-warnings)");
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    /// Attaches the text of the offending line, taken from the whole file's
    /// text. Lines end at `\n`, `\r\n` or `\r`, as [`Position`] counts them.
    /// With the source line already found (by a caller that reports many
    /// problems in one file and splits its lines once).
    pub fn with_source_line(mut self, line: Option<String>) -> Self {
        self.source_line = line.map(String::into_boxed_str);
        self
    }

    pub fn with_source(mut self, file_text: &str) -> Self {
        if let Some(at) = self.origin.position() {
            self.source_line = editor_lines(file_text)
                .nth(at.line.saturating_sub(1))
                .map(Box::from);
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file this is about, if any.
    pub fn path(&self) -> Option<&Path> {
        self.origin.path()
    }

    /// Line and column in the file; 1:1 when the origin is not a file.
    pub fn position(&self) -> Position {
        self.origin.position().unwrap_or(Position::START)
    }
}

/// Lines as an editor numbers them: split at `\n`, `\r\n` and `\r` only
/// (not at U+2028, U+0085 and the like, which editors show inline).
pub fn editor_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.find(['\n', '\r']) {
            Some(i) => {
                let skip = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[i + skip..]).filter(|r| !r.is_empty());
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// JSON lines: `code`, `severity`, `origin` (`file`, `argument` or
/// `internal`), then `file`, `line`, `column` for a file or `argument` for an
/// argument, then `message` and `help`, and `related` (the other files it is
/// about) when there are any.
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", &self.code)?;
        m.serialize_entry("severity", &self.severity)?;
        match &self.origin {
            Origin::File { path, at } => {
                m.serialize_entry("origin", "file")?;
                m.serialize_entry("file", &path.display().to_string())?;
                m.serialize_entry("line", &at.line)?;
                m.serialize_entry("column", &at.column)?;
            }
            Origin::Argument(name) => {
                m.serialize_entry("origin", "argument")?;
                m.serialize_entry("argument", name)?;
            }
            Origin::Internal => m.serialize_entry("origin", "internal")?,
        }
        m.serialize_entry("message", &self.message)?;
        m.serialize_entry("help", &self.help)?;
        let related: Vec<String> = self.related().map(|p| p.display().to_string()).collect();
        if !related.is_empty() {
            m.serialize_entry("related", &related)?;
        }
        m.end()
    }
}

/// A deterministic order that never depends on thread scheduling: by origin
/// (arguments, then files by path, line and column, then internal errors),
/// then errors before warnings at the same place, then code and message.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.origin, a.severity, a.code, &a.message)
            .cmp(&(&b.origin, b.severity, b.code, &b.message))
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

/// How many problems of one file the human and GitHub formats show; the
/// rest are counted (JSON, for tools, has them all). A file with thousands
/// of mistakes (a pasted list) must not bury the others.
pub const SHOWN_PER_FILE: usize = 50;

pub fn render_all(diagnostics: &[Diagnostic], format: Format, color: bool) -> String {
    let mut out = String::new();
    let mut per_file: std::collections::HashMap<&Path, usize> = Default::default();
    let mut held_back: std::collections::BTreeMap<&Path, usize> = Default::default();
    for d in diagnostics {
        if format != Format::Json
            && let Some(path) = d.path()
        {
            let shown = per_file.entry(path).or_default();
            *shown += 1;
            if *shown > SHOWN_PER_FILE {
                *held_back.entry(path).or_default() += 1;
                continue;
            }
        }
        match format {
            Format::Human => out.push_str(&render_human(d, color)),
            Format::Json => {
                // Serialising a struct of strings and numbers cannot fail;
                // should it ever, the line still says what went wrong.
                match serde_json::to_string(d) {
                    Ok(line) => out.push_str(&line),
                    Err(e) => {
                        let _ = write!(
                            out,
                            r#"{{"code":"internal","severity":"error","origin":"internal","message":{:?},"help":""}}"#,
                            e.to_string()
                        );
                    }
                }
                out.push('\n');
            }
            Format::Github => out.push_str(&render_github(d)),
        }
    }
    for (path, n) in &held_back {
        let line = format!(
            "{n} more problem{} in {} not shown (the first {SHOWN_PER_FILE} are); `--format json` lists them all",
            plural(*n),
            path.display()
        );
        match format {
            Format::Github => {
                let _ = writeln!(
                    out,
                    "::notice file={}::{}",
                    github_escape_property(&path.display().to_string()),
                    github_escape_data(&line)
                );
            }
            _ => {
                let _ = writeln!(out, "{line}\n");
            }
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
        diagnostics.iter().filter_map(Diagnostic::path).collect();
    let mut line = format!(
        "{} error{}, {} warning{}",
        errors,
        plural(errors),
        warnings,
        plural(warnings)
    );
    // Argument and internal problems are in no file; "in 0 files" would puzzle.
    if !files.is_empty() {
        let _ = write!(line, " in {} file{}", files.len(), plural(files.len()));
    }
    line.push('\n');
    line
}

/// What one `check` or `build` did, for its last line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// `check` or `build`.
    pub command: &'static str,
    pub case_studies: usize,
    pub errors: usize,
    pub warnings: usize,
    pub files_written: usize,
}

impl Tally {
    /// Counts the diagnostics a run reports.
    pub fn of(command: &'static str, diagnostics: &[Diagnostic]) -> Tally {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        Tally {
            command,
            case_studies: 0,
            errors,
            warnings: diagnostics.len() - errors,
            files_written: 0,
        }
    }

    pub fn with_case_studies(mut self, n: usize) -> Tally {
        self.case_studies = n;
        self
    }

    /// The line CI logs grep, the same in every format and never reworded:
    /// `compendium: check: 32 case studies, 0 errors, 1 warning, 0 files written`
    /// (singular exactly for 1; README.md gives the grammar).
    pub fn line(&self) -> String {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "compendium: {}: {}, {}, {}, {} written\n",
            self.command,
            count(self.case_studies, "case study", "case studies"),
            count(self.errors, "error", "errors"),
            count(self.warnings, "warning", "warnings"),
            count(self.files_written, "file", "files"),
        )
    }
}

/// The diagnostics that concern `files` (display paths; a folder stands
/// for every file in it): those about one of them or about a folder
/// holding one (a broken `content/case-studies` loses every case study),
/// those naming one as related, and those about no file at all (the run
/// itself: arguments, bugs).
pub fn concerning(
    diagnostics: Vec<Diagnostic>,
    files: &std::collections::BTreeSet<PathBuf>,
) -> Vec<Diagnostic> {
    // A path concerns the files when it is one of them or a folder holding
    // one (it is in `around`: every given path and its folders), or when a
    // given folder holds it (one of its folders is given). Set lookups, not
    // a scan of every file for every path: a large site's warnings can name
    // thousands of related files each.
    let given: std::collections::HashSet<PathBuf> = files.iter().map(|f| lexical(f)).collect();
    let around: std::collections::HashSet<&Path> =
        given.iter().flat_map(|f| f.ancestors()).collect();
    let concerns = |path: &Path| {
        let path = lexical(path);
        around.contains(path.as_path()) || path.ancestors().any(|a| given.contains(a))
    };
    diagnostics
        .into_iter()
        .filter(|d| d.path().is_none() || d.files().any(concerns))
        .collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// ripgrep/rustc style: `error[code]: message`, ` --> file:line:col`, the
/// source line with a caret under the column, then `help:`.
pub fn render_human(d: &Diagnostic, color: bool) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let mut groups = Vec::new();
    match &d.origin {
        Origin::File { path, at } => {
            let path = path.display().to_string();
            match &d.source_line {
                Some(line) => {
                    let span = caret_span(line, at.column);
                    groups.push(
                        title.element(
                            Snippet::source(&**line)
                                .line_start(at.line)
                                .path(path)
                                .fold(false)
                                .annotation(AnnotationKind::Primary.span(span)),
                        ),
                    );
                }
                None => {
                    let origin = annotate_snippets::Origin::path(path)
                        .line(at.line)
                        .char_column(at.column);
                    groups.push(title.element(origin));
                }
            }
        }
        Origin::Argument(name) => {
            groups.push(title.element(Level::NOTE.message(format!("in the argument {name}"))));
        }
        Origin::Internal => groups.push(Group::with_title(title)),
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

/// A GitHub Actions workflow command, one line:
/// `::error file={path},line={line},col={col},endLine={line},title={code}::{message}`
/// (`::warning` for a warning). The message is followed by `help: …` on a
/// line of its own. Property values escape `%`, CR, LF, `:` and `,`; the
/// message escapes `%`, CR and LF, as GitHub's toolkit does. An argument or
/// internal diagnostic has no file, and says what it is about in the
/// message. The path is the diagnostic's own: [`relative_to_workspace`]
/// makes it what GitHub resolves.
pub fn render_github(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Origin::Argument(name) = &d.origin {
        let _ = write!(message, " (in the argument {name})");
    }
    if !d.help.is_empty() {
        message.push_str("\nhelp: ");
        message.push_str(&d.help);
    }
    let mut properties = String::new();
    if let Origin::File { path, at } = &d.origin {
        // One line: `endLine` says so, so that GitHub marks this line only.
        let _ = write!(
            properties,
            "file={},line={},col={},endLine={},",
            github_escape_property(&path.display().to_string()),
            at.line,
            at.column,
            at.line
        );
    }
    let _ = write!(
        properties,
        "title={}",
        github_escape_property(d.code.as_str())
    );
    format!("::{kind} {properties}::{}\n", github_escape_data(&message))
}

/// Rewrites a file diagnostic's path (relative to the site folder `root`,
/// as every diagnostic carries it) to be relative to `workspace`, the
/// folder GitHub resolves `file=` against (`$GITHUB_WORKSPACE`, the
/// repository's root). `root` and `workspace` may be relative to `cwd`. A
/// file outside the workspace keeps an absolute path (GitHub then shows the
/// annotation in the log only).
pub fn relative_to_workspace(d: &mut Diagnostic, root: &Path, workspace: &Path, cwd: &Path) {
    let Origin::File { path, .. } = &mut d.origin else {
        return;
    };
    let absolute = lexical(&cwd.join(root).join(&*path));
    let base = lexical(&cwd.join(workspace));
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    *path = match absolute.strip_prefix(&base) {
        Ok(rel) => rel.to_path_buf(),
        // Through a symbolic link (a temporary folder, a mounted checkout):
        // compare where both really are.
        Err(_) => match (canonical(&absolute), canonical(&base)) {
            (Some(a), Some(b)) if a.starts_with(&b) => {
                a.strip_prefix(&b).map(Path::to_path_buf).unwrap_or(a)
            }
            _ => absolute,
        },
    };
}

/// `path` with `.` removed and `..` applied, without asking the disk
/// (the file may be gone: a deleted file is a changed file too).
pub fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
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

    fn at(path: &str, line: usize, column: usize) -> Origin {
        Origin::file(path, Position::new(line, column))
    }

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

    /// GitHub's workflow-command syntax, every escape: in property values
    /// `%`, CR, LF, `:` and `,`; in the message `%`, CR and LF only.
    #[test]
    fn github_format_escapes_properties_and_data_as_github_does() {
        let d = Diagnostic::error(
            Code::WrongType,
            at("content/case-studies/50%: a,b\r\n.md", 3, 4),
            "bad\nthing: 100%, really\r\nyes",
        )
        .with_help("write it: so, like this");
        assert_eq!(
            render_github(&d),
            "::error file=content/case-studies/50%25%3A a%2Cb%0D%0A.md,line=3,col=4,endLine=3,title=wrong-type::bad%0Athing: 100%25, really%0D%0Ayes%0Ahelp: write it: so, like this\n"
        );
        let w = Diagnostic::warning(Code::DuplicateItem, at("x.md", 7, 1), "twice");
        assert_eq!(
            render_github(&w),
            "::warning file=x.md,line=7,col=1,endLine=7,title=duplicate-item::twice\n"
        );
    }

    #[test]
    fn github_notice_for_held_back_problems_is_escaped_too() {
        let many: Vec<Diagnostic> = (1..=SHOWN_PER_FILE + 1)
            .map(|i| Diagnostic::error(Code::WrongType, at("a,b:c%.md", i, 1), "m"))
            .collect();
        let text = render_all(&many, Format::Github, false);
        assert_eq!(
            text.lines().last(),
            Some(
                "::notice file=a%2Cb%3Ac%25.md::1 more problem in a,b:c%25.md not shown (the first 50 are); `--format json` lists them all"
            )
        );
    }

    #[test]
    fn github_paths_are_relative_to_the_workspace() {
        let cwd = Path::new("/work/repo/site");
        let mut d = Diagnostic::error(Code::WrongType, at("content/case-studies/a.md", 1, 1), "m");
        relative_to_workspace(&mut d, Path::new("."), Path::new("/work/repo"), cwd);
        assert_eq!(d.path(), Some(Path::new("site/content/case-studies/a.md")));
        let mut d = Diagnostic::error(Code::WrongType, at("content/x.md", 1, 1), "m");
        relative_to_workspace(&mut d, Path::new("../site"), Path::new(".."), cwd);
        assert_eq!(d.path(), Some(Path::new("site/content/x.md")));
        let mut outside = Diagnostic::error(Code::WrongType, at("content/x.md", 1, 1), "m");
        relative_to_workspace(
            &mut outside,
            Path::new("/elsewhere"),
            Path::new("/work/repo"),
            cwd,
        );
        assert_eq!(outside.path(), Some(Path::new("/elsewhere/content/x.md")));
    }

    #[test]
    fn exit_status_is_the_worst_class_of_error() {
        let content = Diagnostic::error(Code::BadDate, at("a.md", 1, 1), "e");
        let env = Diagnostic::error(Code::OutputNotOurs, at("public", 1, 1), "e");
        let warning = Diagnostic::warning(Code::Io, at("x", 1, 1), "w");
        assert_eq!(exit_status(&[]), 0);
        assert_eq!(exit_status(std::slice::from_ref(&warning)), 0);
        assert_eq!(exit_status(&[content.clone(), warning.clone()]), 1);
        assert_eq!(exit_status(&[content.clone(), env]), 2);
        assert_eq!(exit_status(&[Diagnostic::internal("bug")]), 1);
        assert_eq!(exit_status(&[warning.denied()]), 2);
        for code in [
            Code::Io,
            Code::BadArgument,
            Code::NoContentFolder,
            Code::Git,
            Code::OutputSymlink,
        ] {
            assert_eq!(code.class(), Class::Environment, "{code}");
        }
        for code in [
            Code::YamlSyntax,
            Code::DuplicateSlug,
            Code::Template,
            Code::OrganisationTypo,
        ] {
            assert_eq!(code.class(), Class::Content, "{code}");
        }
    }

    #[test]
    fn a_denied_warning_is_an_error_with_its_own_code() {
        let d = Diagnostic::warning(Code::OrganisationTypo, at("a.md", 2, 3), "close").denied();
        assert!(d.is_error());
        assert_eq!(d.code, Code::OrganisationTypo);
        assert!(
            d.message
                .ends_with("(a warning, made an error by --deny-warnings)")
        );
    }

    #[test]
    fn the_summary_line_counts_in_the_singular_exactly_for_one() {
        let tally = |n, e, w, f| Tally {
            command: "check",
            case_studies: n,
            errors: e,
            warnings: w,
            files_written: f,
        };
        assert_eq!(
            tally(32, 0, 1, 0).line(),
            "compendium: check: 32 case studies, 0 errors, 1 warning, 0 files written\n"
        );
        assert_eq!(
            tally(1, 1, 0, 1).line(),
            "compendium: check: 1 case study, 1 error, 0 warnings, 1 file written\n"
        );
    }

    #[test]
    fn concerning_keeps_own_related_folder_and_fileless_diagnostics() {
        let own = Diagnostic::error(Code::BadDate, at("content/case-studies/a.md", 1, 1), "own");
        let related = Diagnostic::error(
            Code::DuplicateSlug,
            at("content/case-studies/b.md", 1, 1),
            "dup",
        )
        .with_related("content/case-studies/a.md");
        let folder = Diagnostic::error(
            Code::ContentNotFolder,
            at("content/case-studies", 1, 1),
            "folder",
        );
        let other = Diagnostic::error(
            Code::BadDate,
            at("content/case-studies/c.md", 1, 1),
            "other",
        );
        let argument = Diagnostic::error(Code::BadArgument, Origin::argument("--root"), "arg");
        let all = vec![
            own.clone(),
            related.clone(),
            folder.clone(),
            other,
            argument.clone(),
        ];
        let files = [PathBuf::from("content/case-studies/a.md")].into();
        assert_eq!(
            concerning(all.clone(), &files),
            vec![own, related, folder, argument]
        );
        let folder = [PathBuf::from("content")].into();
        assert_eq!(
            concerning(all.clone(), &folder),
            all,
            "a folder: all it holds"
        );
    }

    #[test]
    fn a_shared_related_list_is_not_copied_and_leaves_out_the_own_file() {
        let list = std::sync::Arc::new(vec![
            PathBuf::from("content/case-studies/a.md"),
            PathBuf::from("content/case-studies/b.md"),
        ]);
        let d = Diagnostic::warning(
            Code::OrganisationTypo,
            at("content/case-studies/a.md", 3, 9),
            "close",
        )
        .with_related_shared(&list);
        assert!(
            d.related
                .as_ref()
                .is_some_and(|l| std::sync::Arc::ptr_eq(l, &list))
        );
        let related: Vec<&Path> = d.related().collect();
        assert_eq!(related, vec![Path::new("content/case-studies/b.md")]);
        let json = serde_json::to_value(&d).expect("serialises");
        assert_eq!(
            json["related"],
            serde_json::json!(["content/case-studies/b.md"])
        );
        let b = [PathBuf::from("content/case-studies/b.md")].into();
        assert_eq!(concerning(vec![d.clone()], &b), vec![d.clone()]);
        let c = [PathBuf::from("content/case-studies/c.md")].into();
        assert!(concerning(vec![d], &c).is_empty());
        let repeated = Diagnostic::warning(Code::DuplicateSlug, at("x.md", 1, 1), "m")
            .with_related_all(["y.md", "z.md", "y.md"])
            .with_related("z.md");
        let related: Vec<&Path> = repeated.related().collect();
        assert_eq!(related, vec![Path::new("y.md"), Path::new("z.md")]);
    }

    #[test]
    fn github_format_for_an_argument_has_no_file() {
        let d = Diagnostic::error(Code::BadArgument, Origin::argument("--base-url"), "bad");
        assert_eq!(
            render_github(&d),
            "::error title=bad-argument::bad (in the argument --base-url)\n"
        );
    }

    #[test]
    fn human_format_shows_code_line_and_caret() {
        let d = Diagnostic::error(Code::UnknownVocabulary, at("c.md", 2, 8), "unknown model")
            .with_help("did you mean `company`?")
            .with_source("---\nmodel: compny\n---\n");
        let text = render_human(&d, false);
        assert!(
            text.contains("error[unknown-vocabulary]: unknown model"),
            "{text}"
        );
        assert!(text.contains("c.md:2:8"), "{text}");
        assert!(text.contains("model: compny"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(text.contains("did you mean `company`?"), "{text}");
    }

    #[test]
    fn human_format_names_the_argument() {
        let d = Diagnostic::error(Code::BadArgument, Origin::argument("--out"), "no");
        let text = render_human(&d, false);
        assert!(text.contains("error[bad-argument]: no"), "{text}");
        assert!(text.contains("--out"), "{text}");
    }

    #[test]
    fn json_has_code_and_origin() {
        let d = Diagnostic::error(Code::DuplicateKey, at("x.md", 4, 1), "m");
        let v: serde_json::Value =
            serde_json::from_str(&render_all(&[d], Format::Json, false)).expect("one JSON object");
        assert_eq!(v["code"], "duplicate-key");
        assert_eq!(v["origin"], "file");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(4), Some(1))
        );
        let d = Diagnostic::internal("oops");
        let v: serde_json::Value =
            serde_json::from_str(&render_all(&[d], Format::Json, false)).expect("one JSON object");
        assert_eq!(
            (v["code"].as_str(), v["origin"].as_str()),
            (Some("internal"), Some("internal"))
        );
        assert!(v.get("file").is_none());
    }

    /// The order the comment on [`sort`] promises.
    #[test]
    fn sort_orders_by_origin_then_errors_first() {
        let warn_a1 = Diagnostic::warning(Code::DuplicateItem, at("a.md", 1, 1), "w");
        let err_a1 = Diagnostic::error(Code::WrongType, at("a.md", 1, 1), "e");
        let err_a2 = Diagnostic::error(Code::WrongType, at("a.md", 2, 1), "e");
        let warn_a10 = Diagnostic::warning(Code::DuplicateItem, at("a.md", 10, 1), "w");
        let err_b1 = Diagnostic::error(Code::WrongType, at("b.md", 1, 1), "e");
        let arg = Diagnostic::error(Code::BadArgument, Origin::argument("--base-url"), "e");
        let bug = Diagnostic::internal("bug");
        let mut all = vec![
            bug.clone(),
            err_b1.clone(),
            warn_a10.clone(),
            err_a2.clone(),
            warn_a1.clone(),
            arg.clone(),
            err_a1.clone(),
        ];
        sort(&mut all);
        assert_eq!(
            all,
            vec![arg, err_a1, warn_a1, err_a2, warn_a10, err_b1, bug]
        );
    }

    #[test]
    fn a_file_with_many_problems_shows_the_first_and_counts_the_rest() {
        let many: Vec<Diagnostic> = (1..=SHOWN_PER_FILE + 7)
            .map(|i| {
                Diagnostic::error(
                    Code::UnknownVocabulary,
                    Origin::file("content/case-studies/x.md", Position::new(i, 5)),
                    format!("problem {i}"),
                )
            })
            .collect();
        let human = render_all(&many, Format::Human, false);
        assert!(human.contains(&format!("problem {SHOWN_PER_FILE}\n")));
        assert!(!human.contains(&format!("problem {}\n", SHOWN_PER_FILE + 1)));
        assert!(human.contains("7 more problems in content/case-studies/x.md not shown"));
        assert!(human.contains(&format!("{} errors", SHOWN_PER_FILE + 7)));
        let json = render_all(&many, Format::Json, false);
        assert_eq!(
            json.lines().count(),
            SHOWN_PER_FILE + 7,
            "JSON has them all"
        );
    }

    #[test]
    fn editor_lines_break_only_at_newlines_and_carriage_returns() {
        let lines: Vec<&str> = editor_lines("a\u{2028}b\r\nc\rd\u{85}e\n").collect();
        assert_eq!(lines, ["a\u{2028}b", "c", "d\u{85}e"]);
    }

    /// Every code is documented for editors, with how to fix it.
    #[test]
    fn every_code_is_in_the_content_format_docs() {
        let docs = include_str!("../docs/content-format.md");
        for code in Code::ALL {
            assert!(
                docs.contains(&format!("| `{code}` |")),
                "docs/content-format.md has no row for `{code}`"
            );
        }
    }
}
