//! The content stage of the pipeline: load → parse → validate each file, then
//! the checks that need every file but no route (duplicate and reserved
//! slugs). Produces [`Content`] — typed documents whose bodies are still
//! Markdown — plus every diagnostic found, never stopping at the first.
//! Nothing here knows a URL or makes HTML: that needs the routes, which the
//! model owns (`crate::model::bodies` renders the bodies).

pub mod amount;
pub mod body;
pub mod case_study;
pub mod date;
pub mod fields;
pub mod frontmatter;
pub mod load;
pub mod money;
pub mod page;
pub mod resources;
pub mod site_config;
pub mod slug;
pub mod vocabulary;
pub mod yaml;

use crate::diagnostics::{Code, Diagnostic, Origin, Position};
pub use body::Body;
use case_study::FrontMatter;
use fields::Reporter;
use load::{ContentKind, SourceFile};
use page::PageMatter;
use rayon::prelude::*;
use resources::Resource;
use site_config::SiteConfig;
pub use slug::Slug;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vocabulary::Vocabulary;

#[derive(Debug, Clone)]
pub struct CaseStudy {
    pub file: PathBuf,
    pub slug: Slug,
    /// Shared with the dev server's cache, so a rebuild never copies it.
    pub matter: Arc<FrontMatter>,
    /// The Markdown, inside the whole file (for diagnostics raised later).
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub file: PathBuf,
    pub slug: Slug,
    pub matter: Arc<PageMatter>,
    pub body: Body,
}

/// A case study or page whose front matter has errors: it is not published,
/// but its body is still checked, so that every problem of the file is
/// reported in one run, and its slug still names it (a link to it is not
/// reported as a link to a missing file).
#[derive(Debug, Clone)]
pub struct Rejected {
    pub file: PathBuf,
    pub slug: Slug,
    pub kind: ContentKind,
    pub body: Body,
}

/// What to do with files marked `draft: true`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Drafts {
    /// Leave them out (`build` and `check` without `--drafts`); their own
    /// problems are reported as warnings, so that an unfinished draft never
    /// stops the site.
    #[default]
    Leave,
    /// Show them (`serve` without `--drafts`): those whose front matter can
    /// be read are in the site, every problem of a draft is a warning.
    Preview,
    /// Publish them (`--drafts`): a draft is a case study like any other,
    /// and its problems are errors.
    Publish,
}

impl From<bool> for Drafts {
    /// `--drafts` given or not.
    fn from(include: bool) -> Drafts {
        if include {
            Drafts::Publish
        } else {
            Drafts::Leave
        }
    }
}

/// A problem of a draft, as a warning: the code and place stay, the
/// message says why it does not stop the build.
pub fn soften_for_draft(mut d: Diagnostic) -> Diagnostic {
    if d.is_error() {
        d.severity = crate::diagnostics::Severity::Warning;
        d.message.push_str(
            " (in a draft: a warning until the file is published or built with --drafts)",
        );
    }
    d
}

/// Makes every error about one of `drafts` (display paths) a warning.
pub fn soften_drafts(diagnostics: &mut [Diagnostic], drafts: &HashSet<PathBuf>) {
    if drafts.is_empty() {
        return;
    }
    for d in diagnostics.iter_mut() {
        if d.is_error() && d.path().is_some_and(|p| drafts.contains(p)) {
            *d = soften_for_draft(d.clone());
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Content {
    /// The site's folder, which the display paths of `file` are relative to.
    pub root: PathBuf,
    pub config: SiteConfig,
    pub vocab: Vocabulary,
    pub case_studies: Vec<CaseStudy>,
    pub pages: Vec<Page>,
    pub resources: Vec<Resource>,
    pub rejected: Vec<Rejected>,
    /// The display paths of the drafts in this content, when drafts are
    /// previewed: every problem about them is a warning.
    pub preview_drafts: HashSet<PathBuf>,
}

/// A parsed file. `matter` is `None` when the front matter has errors: the
/// file is then [`Rejected`], and its body still checked.
struct Parsed<M> {
    file: SourceFile,
    default_slug: String,
    /// Where the value of an explicit `slug:` is, for slug collisions.
    slug_pos: Option<Position>,
    body_offset: usize,
    matter: Option<Arc<M>>,
    /// `TODO`s left in the body: found once, when the file is read, and
    /// reported as errors if the file is published, as warnings in a draft.
    placeholders: Vec<Diagnostic>,
    /// The file says `draft: true`.
    draft: bool,
}

/// One file as the last load left it: what parsing found.
struct CachedFile<M> {
    parsed: Option<Arc<Parsed<M>>>,
    diagnostics: Vec<Diagnostic>,
    /// The file says `draft: true` (read from the YAML, or from its lines
    /// when the YAML does not parse), so its problems may be warnings.
    draft: bool,
}

impl<M> Clone for CachedFile<M> {
    fn clone(&self) -> Self {
        CachedFile {
            parsed: self.parsed.clone(),
            diagnostics: self.diagnostics.clone(),
            draft: self.draft,
        }
    }
}

/// Parsed files kept between loads (by `compendium serve`), so that a change
/// re-reads only the files that changed.
#[derive(Default)]
pub struct Cache {
    cases: HashMap<PathBuf, CachedFile<FrontMatter>>,
    pages: HashMap<PathBuf, CachedFile<PageMatter>>,
    /// How many files the last load read and parsed (the rest came from the cache).
    pub files_parsed: usize,
}

/// Reads one case study again for the dev server's quick path: `path` (as
/// the cache knows it) must be in the cache, with no problem before and none
/// now, else `None` and the full load decides. On success the cache holds
/// the new parse, and the new front matter and body are returned.
pub fn reread_case_study(
    root: &Path,
    path: &Path,
    vocab: &Vocabulary,
    cache: &mut Cache,
) -> Option<(Arc<FrontMatter>, Body)> {
    let old = cache.cases.get(path)?;
    if !old.diagnostics.is_empty() || old.draft || old.parsed.as_ref()?.matter.is_none() {
        return None;
    }
    let (parsed, diagnostics, draft) =
        parse_one(root, path, &|node, r| case_study::read(node, vocab, r));
    let parsed = parsed?;
    if !diagnostics.is_empty() || !parsed.placeholders.is_empty() || draft {
        return None;
    }
    let matter = parsed.matter.clone()?;
    let body = Body {
        source: parsed.file.text.clone(),
        offset: parsed.body_offset,
    };
    cache.cases.insert(
        path.to_path_buf(),
        CachedFile {
            parsed: Some(Arc::new(parsed)),
            diagnostics,
            draft,
        },
    );
    cache.files_parsed = 1;
    Some((matter, body))
}

/// Loads, parses and validates everything under `root/content`.
pub fn load(
    root: &Path,
    drafts: impl Into<Drafts>,
    base_url: Option<&str>,
) -> (Content, Vec<Diagnostic>) {
    load_with(root, drafts, base_url, &mut Cache::default(), None)
}

/// Like [`load`], reusing what `cache` holds for every case study and page
/// not in `changed` (absolute paths; `None` means everything may have changed).
pub fn load_with(
    root: &Path,
    drafts: impl Into<Drafts>,
    base_url: Option<&str>,
    cache: &mut Cache,
    changed: Option<&HashSet<PathBuf>>,
) -> (Content, Vec<Diagnostic>) {
    let drafts = drafts.into();
    let mut diagnostics = Vec::new();
    let files = match load::list_content_files(root) {
        Ok((files, problems)) => {
            diagnostics.extend(problems);
            files
        }
        Err(d) => return (Content::default(), vec![d]),
    };
    let of_kind = |kind: ContentKind| {
        files
            .iter()
            .filter(move |(_, k)| *k == kind)
            .map(|(p, _)| p.as_path())
    };
    let (mut config, vocab) = read_site_config(
        root,
        of_kind(ContentKind::SiteConfig).next(),
        &mut diagnostics,
    );
    if let Some(url) = base_url {
        match site_config::normalise_base_url(
            url,
            Code::BadArgument,
            Origin::argument("--base-url"),
        ) {
            Ok(url) => {
                config.base_url = url;
                config.base_url_given = true;
            }
            Err(d) => diagnostics.push(d.with_help(
                "give the site's address, like `--base-url https://compendium.example.org/`",
            )),
        }
    }
    let resources = read_resources(
        root,
        of_kind(ContentKind::Resources).next(),
        &mut diagnostics,
    );

    let case_paths: Vec<&Path> = of_kind(ContentKind::CaseStudy).collect();
    let page_paths: Vec<&Path> = of_kind(ContentKind::Page).collect();
    let is_changed = |p: &Path| changed.is_none_or(|c| c.contains(p));
    let mut parsed_count = 0;
    cache.cases = parse_all(
        root,
        &case_paths,
        &cache.cases,
        &is_changed,
        &mut parsed_count,
        |node, r| case_study::read(node, &vocab, r),
    );
    cache.pages = parse_all(
        root,
        &page_paths,
        &cache.pages,
        &is_changed,
        &mut parsed_count,
        page::read,
    );
    cache.files_parsed = parsed_count;
    let mut preview_drafts = HashSet::new();
    let cases = collect_parsed(
        &case_paths,
        &cache.cases,
        drafts,
        &mut preview_drafts,
        &mut diagnostics,
    );
    let pages = collect_parsed(
        &page_paths,
        &cache.pages,
        drafts,
        &mut preview_drafts,
        &mut diagnostics,
    );
    let cases = assign_slugs(cases, |m| m.slug.clone(), "case studies", &mut diagnostics);
    let pages = assign_slugs(pages, |m| m.slug.clone(), "pages", &mut diagnostics);
    check_reserved_page_slugs(&pages, &mut diagnostics);
    if !resources.is_empty()
        && let Some((_, p, _)) = pages.iter().find(|(_, _, slug)| slug == "resources")
    {
        diagnostics.push(
            Diagnostic::error(
                Code::ReservedSlug,
                Origin::file(&p.file.path, slug_pos(p)),
                "this page would take /resources/, which content/resources.yaml already renders",
            )
            .with_help("rename the page, or remove content/resources.yaml")
            .with_source(&p.file.text)
            .with_related(Path::new("content").join("resources.yaml")),
        );
    }
    let (case_studies, mut rejected) =
        publish(cases, ContentKind::CaseStudy, drafts, &mut diagnostics);
    let (pages, rejected_pages) = publish(pages, ContentKind::Page, drafts, &mut diagnostics);
    rejected.extend(rejected_pages);
    let content = Content {
        root: root.to_path_buf(),
        config,
        vocab,
        case_studies: case_studies
            .into_iter()
            .map(|(file, slug, matter, body)| CaseStudy {
                file,
                slug,
                matter,
                body,
            })
            .collect(),
        pages: pages
            .into_iter()
            .map(|(file, slug, matter, body)| Page {
                file,
                slug,
                matter,
                body,
            })
            .collect(),
        resources,
        rejected,
        preview_drafts,
    };
    soften_drafts(&mut diagnostics, &content.preview_drafts);
    (content, diagnostics)
}

/// A file ready for the model: (display path, slug, front matter, body).
type Document<M> = (PathBuf, Slug, Arc<M>, Body);

/// Splits the slugged files into those with valid front matter and the
/// rejected rest, checking every body for placeholders on the way.
fn publish<M>(
    files: Vec<Slugged<M>>,
    kind: ContentKind,
    drafts: Drafts,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Document<M>>, Vec<Rejected>) {
    let mut published = Vec::with_capacity(files.len());
    let mut rejected = Vec::new();
    for (_, p, slug) in files {
        let body = Body {
            source: p.file.text.clone(),
            offset: p.body_offset,
        };
        if p.draft && drafts == Drafts::Preview {
            diagnostics.extend(p.placeholders.iter().cloned().map(soften_for_draft));
        } else {
            diagnostics.extend(p.placeholders.iter().cloned());
        }
        match &p.matter {
            Some(matter) => published.push((p.file.path.clone(), slug, matter.clone(), body)),
            None => rejected.push(Rejected {
                file: p.file.path.clone(),
                slug,
                kind,
                body,
            }),
        }
    }
    (published, rejected)
}

fn read_site_config(
    root: &Path,
    path: Option<&Path>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (SiteConfig, Vocabulary) {
    let Some(path) = path else {
        return (SiteConfig::default(), Vocabulary::default());
    };
    let Some((file, node)) = read_yaml_file(root, path, diagnostics) else {
        return (SiteConfig::default(), Vocabulary::default());
    };
    let mut r = Reporter::new(&file.path, &file.text);
    let result = site_config::read(&node, &mut r);
    diagnostics.extend(r.diagnostics);
    result
}

fn read_resources(
    root: &Path,
    path: Option<&Path>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Resource> {
    let Some(path) = path else { return Vec::new() };
    let Some((file, node)) = read_yaml_file(root, path, diagnostics) else {
        return Vec::new();
    };
    let mut r = Reporter::new(&file.path, &file.text);
    let result = resources::read(&node, &mut r);
    diagnostics.extend(r.diagnostics);
    result
}

fn read_yaml_file(
    root: &Path,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(SourceFile, yaml::Node)> {
    let file = match load::read_source(root, path) {
        Ok(f) => f,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    match yaml::parse(&file.text, 1) {
        Ok(node) => Some((file, node)),
        Err(e) => {
            diagnostics.extend(e.into_iter().map(|e| yaml_error(&file, e)));
            None
        }
    }
}

fn yaml_error(file: &SourceFile, e: yaml::SyntaxError) -> Diagnostic {
    let help = e.help.unwrap_or_else(|| {
        "check the indentation and quoting on this line and the lines just above it: an unclosed quote or bracket earlier is often reported later; indent with spaces, not tabs, and quote text containing `: ` or starting with a special character".to_owned()
    });
    Diagnostic::error(e.code, Origin::file(&file.path, e.pos), e.message)
        .with_help(help)
        .with_source(&file.text)
}

/// Reads and parses every file in parallel, reusing cached results for
/// files that did not change. Returns the new cache (files that no longer
/// exist drop out).
fn parse_all<M: Send + Sync>(
    root: &Path,
    paths: &[&Path],
    cache: &HashMap<PathBuf, CachedFile<M>>,
    is_changed: &(dyn Fn(&Path) -> bool + Sync),
    parsed_count: &mut usize,
    read: impl Fn(&yaml::Node, &mut Reporter) -> Option<M> + Sync,
) -> HashMap<PathBuf, CachedFile<M>> {
    let results: Vec<(PathBuf, CachedFile<M>, bool)> = paths
        .par_iter()
        .map(|path| match cache.get(*path) {
            Some(entry) if !is_changed(path) => (path.to_path_buf(), entry.clone(), false),
            _ => {
                let (parsed, diagnostics, draft) = parse_one(root, path, &read);
                let entry = CachedFile {
                    parsed: parsed.map(Arc::new),
                    diagnostics,
                    draft,
                };
                (path.to_path_buf(), entry, true)
            }
        })
        .collect();
    *parsed_count += results.iter().filter(|r| r.2).count();
    results.into_iter().map(|(p, e, _)| (p, e)).collect()
}

/// The parsed files in path order, with their diagnostics. A draft's
/// problems are warnings unless drafts are published; left out, a draft is
/// not returned (its placeholders are reported here, as warnings);
/// previewed, its display path goes into `preview_drafts`.
fn collect_parsed<M>(
    paths: &[&Path],
    cache: &HashMap<PathBuf, CachedFile<M>>,
    drafts: Drafts,
    preview_drafts: &mut HashSet<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, Arc<Parsed<M>>)> {
    let mut out = Vec::new();
    for path in paths {
        let Some(entry) = cache.get(*path) else {
            continue;
        };
        let lenient = entry.draft && drafts != Drafts::Publish;
        if lenient {
            diagnostics.extend(entry.diagnostics.iter().cloned().map(soften_for_draft));
        } else {
            diagnostics.extend(entry.diagnostics.iter().cloned());
        }
        let Some(p) = &entry.parsed else { continue };
        match (entry.draft, drafts) {
            (true, Drafts::Leave) => {
                diagnostics.extend(p.placeholders.iter().cloned().map(soften_for_draft));
            }
            (true, Drafts::Preview) => {
                preview_drafts.insert(p.file.path.clone());
                out.push((path.to_path_buf(), p.clone()));
            }
            _ => out.push((path.to_path_buf(), p.clone())),
        }
    }
    out
}

/// Reads and parses one file: what parsing found, every problem, and
/// whether the file says `draft: true`.
fn parse_one<M>(
    root: &Path,
    path: &Path,
    read: &impl Fn(&yaml::Node, &mut Reporter) -> Option<M>,
) -> (Option<Parsed<M>>, Vec<Diagnostic>, bool) {
    use crate::timings::{Step, time};
    let file = match time(Step::ReadFiles, || load::read_source(root, path)) {
        Ok(f) => f,
        Err(d) => return (None, vec![d], false),
    };
    let split = match frontmatter::split(&file) {
        Ok(s) => s,
        Err(d) => return (None, vec![d], false),
    };
    let parsed = time(Step::FrontMatter, || {
        yaml::parse(split.yaml, split.yaml_first_line)
    });
    let node = match parsed {
        Ok(node) => node,
        Err(e) => {
            let diagnostics = e.into_iter().map(|e| yaml_error(&file, e)).collect();
            return (None, diagnostics, says_draft_in_lines(split.yaml));
        }
    };
    let draft = says_draft(&node);
    let body_offset = split.body_offset;
    let mut r = Reporter::new(&file.path, &file.text);
    let matter = time(Step::Validate, || read(&node, &mut r).map(Arc::new));
    let diagnostics = r.diagnostics;
    let default_slug = default_slug(&file.path);
    let slug_pos = top_level_value_pos(&node, "slug");
    let placeholders = body::placeholders(
        &file.path,
        &Body {
            source: file.text.clone(),
            offset: body_offset,
        },
    );
    (
        Some(Parsed {
            file,
            default_slug,
            slug_pos,
            body_offset,
            matter,
            placeholders,
            draft,
        }),
        diagnostics,
        draft,
    )
}

/// Whether front matter that parsed says `draft: true` at its top level
/// (whatever else in it is wrong).
fn says_draft(node: &yaml::Node) -> bool {
    match &node.value {
        yaml::Value::Map(entries) => entries
            .iter()
            .any(|(k, v)| k.name == "draft" && v.value == yaml::Value::Bool(true)),
        _ => false,
    }
}

/// Whether front matter that does not parse has a line `draft: true` at
/// its top level (a comment after it allowed), so that a draft with a YAML
/// slip is still a draft.
fn says_draft_in_lines(yaml_text: &str) -> bool {
    crate::diagnostics::editor_lines(yaml_text).any(|line| {
        line.strip_prefix("draft:").is_some_and(|rest| {
            let value = rest.split(" #").next().unwrap_or("").trim();
            value == "true"
        })
    })
}

/// Reads one case study from its text, as `check` reads a file named `path`
/// (relative to the site root): its typed front matter, if usable, and
/// every problem of the file. No file is read, so fuzzing and tools can call
/// it in a loop.
pub fn read_case_study_text(
    path: &Path,
    text: &str,
    vocab: &Vocabulary,
) -> (Option<Arc<FrontMatter>>, Vec<Diagnostic>) {
    let file = match load::source_from_text(path.to_path_buf(), text) {
        Ok(f) => f,
        Err(d) => return (None, vec![d]),
    };
    let split = match frontmatter::split(&file) {
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    match yaml::parse(split.yaml, split.yaml_first_line) {
        Ok(node) => {
            let mut r = Reporter::new(&file.path, &file.text);
            let matter = case_study::read(&node, vocab, &mut r).map(Arc::new);
            (matter, r.diagnostics)
        }
        Err(e) => (None, e.into_iter().map(|e| yaml_error(&file, e)).collect()),
    }
}

fn default_slug(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    vocabulary::slugify(stem)
}

/// Where the value of a top-level field is.
fn top_level_value_pos(node: &yaml::Node, name: &str) -> Option<Position> {
    match &node.value {
        yaml::Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.name == name)
            .map(|(_, v)| v.pos),
        _ => None,
    }
}

/// A parsed file with its slug: (absolute path, parsed file, slug).
type Slugged<M> = (PathBuf, Arc<Parsed<M>>, Slug);

/// Applies explicit `slug:` fields and reports two files claiming one slug
/// (`what` is "case studies" or "pages"). The file at fault is the one whose
/// explicit `slug:` collides, never a file that merely has its file name's
/// slug: files without `slug:` claim theirs first, then those with one, each
/// group in path order; when both are alike, the later path is reported.
fn assign_slugs<M>(
    parsed: Vec<(PathBuf, Arc<Parsed<M>>)>,
    explicit: impl Fn(&M) -> Option<String>,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Slugged<M>> {
    let mut claims: Vec<(PathBuf, Arc<Parsed<M>>, Option<String>)> = parsed
        .into_iter()
        .map(|(abs, p)| {
            let slug = p.matter.as_ref().and_then(|m| explicit(m));
            (abs, p, slug)
        })
        .collect();
    // Stable: path order is kept within each group; drafts claim last, so
    // that a draft never takes a published file's slug.
    claims.sort_by_key(|(_, p, slug)| (p.draft, slug.is_some()));
    let mut seen: BTreeMap<Slug, (PathBuf, Option<Position>)> = BTreeMap::new();
    let mut out = Vec::with_capacity(claims.len());
    for (abs, p, explicit_slug) in claims {
        let is_explicit = explicit_slug.is_some();
        let slug = explicit_slug.unwrap_or_else(|| p.default_slug.clone());
        let Some(slug) = Slug::new(slug) else {
            diagnostics.push(
                Diagnostic::error(
                    Code::NoSlug,
                    Origin::file(&p.file.path, Position::START),
                    "cannot make a URL slug from this file name",
                )
                .with_help(
                    "rename the file using letters, digits and hyphens, or add `slug: my-slug`",
                ),
            );
            continue;
        };
        if let Some((first, first_pos)) = seen.get(&slug) {
            let (at, help) = match p.slug_pos.filter(|_| is_explicit) {
                Some(at) => (at, "change this `slug:`, or remove it to use the file name"),
                None => (
                    Position::START,
                    "rename this file, or give it a different `slug:`",
                ),
            };
            let first_how = match first_pos {
                Some(pos) => format!("its `slug:` on line {}", pos.line),
                None => "its file name".to_owned(),
            };
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateSlug,
                    Origin::file(&p.file.path, at),
                    format!(
                        "two {what} have the slug `{slug}`: this file and {} (from {first_how})",
                        first.display()
                    ),
                )
                .with_help(help)
                .with_source(&p.file.text)
                .with_related(first),
            );
            continue;
        }
        let pos = p.slug_pos.filter(|_| is_explicit);
        seen.insert(slug.clone(), (p.file.path.clone(), pos));
        out.push((abs, p, slug));
    }
    // Later stages expect path order.
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Where a file's slug comes from: its `slug:` value, or the file's start.
fn slug_pos<M>(p: &Parsed<M>) -> Position {
    p.slug_pos.unwrap_or(Position::START)
}

fn check_reserved_page_slugs(pages: &[Slugged<PageMatter>], diagnostics: &mut Vec<Diagnostic>) {
    for (_, p, slug) in pages {
        if page::RESERVED_SLUGS.contains(&slug.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    Code::ReservedSlug,
                    Origin::file(&p.file.path, slug_pos(p)),
                    format!("a page cannot use the slug `{slug}`: the site uses /{slug}/ itself"),
                )
                .with_help("rename the file or set another `slug:`")
                .with_source(&p.file.text),
            );
        }
    }
}
