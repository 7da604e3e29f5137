//! The content stage of the pipeline: load → parse → validate each file, then
//! the checks that need every file (duplicate slugs, links between pages).
//! Produces [`Content`] plus every diagnostic found, never stopping at the first.

pub mod amount;
pub mod case_study;
pub mod date;
pub mod fields;
pub mod frontmatter;
pub mod load;
pub mod markdown;
pub mod page;
pub mod resources;
pub mod site_config;
pub mod vocabulary;
pub mod yaml;

use crate::diagnostics::{Diagnostic, Position};
use case_study::FrontMatter;
use fields::Reporter;
use load::{ContentKind, SourceFile};
use markdown::{LinkContext, Rendered};
use page::PageMatter;
use rayon::prelude::*;
use resources::Resource;
use site_config::SiteConfig;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use vocabulary::Vocabulary;

#[derive(Debug, Clone)]
pub struct CaseStudy {
    pub file: PathBuf,
    pub slug: String,
    pub matter: FrontMatter,
    pub body: Rendered,
    /// The whole file, for diagnostics raised after parsing (link checks).
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub file: PathBuf,
    pub slug: String,
    pub matter: PageMatter,
    pub body: Rendered,
    pub source: String,
}

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub config: SiteConfig,
    pub vocab: Vocabulary,
    pub case_studies: Vec<CaseStudy>,
    pub pages: Vec<Page>,
    pub resources: Vec<Resource>,
}

/// A parsed file whose body is not rendered yet (rendering needs every slug).
/// `matter` is `None` when the front matter has errors: the body is still
/// rendered, so that its problems are reported in the same run.
struct Parsed<M> {
    file: SourceFile,
    slug: String,
    body_offset: usize,
    matter: Option<M>,
}

/// Loads, parses and validates everything under `root/content`.
pub fn load(
    root: &Path,
    include_drafts: bool,
    base_url: Option<&str>,
) -> (Content, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let files = match load::list_content_files(root) {
        Ok(files) => files,
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
        match site_config::normalise_base_url(url) {
            Ok(url) => config.base_url = url,
            Err(why) => diagnostics.push(Diagnostic::error("--base-url", Position::START, why)),
        }
    }
    let resources = read_resources(
        root,
        of_kind(ContentKind::Resources).next(),
        &mut diagnostics,
    );

    let case_paths: Vec<&Path> = of_kind(ContentKind::CaseStudy).collect();
    let page_paths: Vec<&Path> = of_kind(ContentKind::Page).collect();
    let parsed_cases = parse_all(root, &case_paths, &mut diagnostics, |node, r| {
        case_study::read(node, &vocab, r)
    });
    let parsed_pages = parse_all(root, &page_paths, &mut diagnostics, page::read);
    let mut parsed_cases = assign_slugs(parsed_cases, |m| m.slug.clone(), &mut diagnostics);
    let mut parsed_pages = assign_slugs(parsed_pages, |m| m.slug.clone(), &mut diagnostics);
    check_reserved_page_slugs(&parsed_pages, &mut diagnostics);
    if !include_drafts {
        parsed_cases.retain(|p| !p.matter.as_ref().is_some_and(|m| m.draft));
        parsed_pages.retain(|p| !p.matter.as_ref().is_some_and(|m| m.draft));
    }

    let case_slugs: BTreeSet<String> = parsed_cases.iter().map(|p| p.slug.clone()).collect();
    let mut page_slugs: BTreeSet<String> = parsed_pages.iter().map(|p| p.slug.clone()).collect();
    if !resources.is_empty() {
        page_slugs.insert("resources".into());
    }
    let base_path = site_config::base_path(&config.base_url);
    let render = |file: &SourceFile, body_offset: usize, page_path: &str| {
        let ctx = LinkContext {
            page_path,
            base_path: &base_path,
            case_study_slugs: &case_slugs,
            page_slugs: &page_slugs,
        };
        markdown::render(&file.text, body_offset, &ctx)
    };
    let case_studies: Vec<(Option<CaseStudy>, Vec<Diagnostic>)> = parsed_cases
        .into_par_iter()
        .map(|p| {
            let body = render(
                &p.file,
                p.body_offset,
                &format!("/case-studies/{}/", p.slug),
            );
            let problems = body_problems(&p.file, p.body_offset, &body);
            let case = p.matter.map(|matter| CaseStudy {
                file: p.file.path,
                slug: p.slug,
                matter,
                body,
                source: p.file.text,
            });
            (case, problems)
        })
        .collect();
    let pages: Vec<(Option<Page>, Vec<Diagnostic>)> = parsed_pages
        .into_par_iter()
        .map(|p| {
            let body = render(&p.file, p.body_offset, &format!("/{}/", p.slug));
            let problems = body_problems(&p.file, p.body_offset, &body);
            let page = p.matter.map(|matter| Page {
                file: p.file.path,
                slug: p.slug,
                matter,
                body,
                source: p.file.text,
            });
            (page, problems)
        })
        .collect();
    let (case_studies, problems): (Vec<_>, Vec<_>) = case_studies.into_iter().unzip();
    let case_studies: Vec<CaseStudy> = case_studies.into_iter().flatten().collect();
    diagnostics.extend(problems.into_iter().flatten());
    let (pages, problems): (Vec<_>, Vec<_>) = pages.into_iter().unzip();
    let pages: Vec<Page> = pages.into_iter().flatten().collect();
    diagnostics.extend(problems.into_iter().flatten());
    let content = Content {
        config,
        vocab,
        case_studies,
        pages,
        resources,
    };
    (content, diagnostics)
}

fn body_problems(file: &SourceFile, body_offset: usize, body: &Rendered) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = body
        .problems
        .iter()
        .map(|(pos, message, help)| {
            Diagnostic::error(&file.path, *pos, message.clone())
                .with_help(help.clone())
                .with_source(&file.text)
        })
        .collect();
    // `compendium new` leaves `TODO` under each heading: it must not be published.
    let first_line = file.text[..body_offset].matches('\n').count() + 1;
    for (i, line) in file.text[body_offset..].lines().enumerate() {
        if line.trim() == "TODO" {
            problems.push(
                Diagnostic::error(
                    &file.path,
                    Position::new(first_line + i, line.find('T').unwrap_or(0) + 1),
                    "the body still holds a `TODO` placeholder",
                )
                .with_help("write this section, or delete the heading and its placeholder")
                .with_source(&file.text),
            );
        }
    }
    problems
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
            diagnostics.push(yaml_error(&file, e));
            None
        }
    }
}

fn yaml_error(file: &SourceFile, e: yaml::SyntaxError) -> Diagnostic {
    Diagnostic::error(&file.path, e.pos, format!("invalid YAML: {}", e.message))
        .with_help("check the indentation and quoting on this line; quote text containing `: ` or starting with a special character")
        .with_source(&file.text)
}

/// Reads and parses every file in parallel, in a deterministic order.
fn parse_all<M: Send>(
    root: &Path,
    paths: &[&Path],
    diagnostics: &mut Vec<Diagnostic>,
    read: impl Fn(&yaml::Node, &mut Reporter) -> Option<M> + Sync,
) -> Vec<Parsed<M>> {
    let results: Vec<(Option<Parsed<M>>, Vec<Diagnostic>)> = paths
        .par_iter()
        .map(|path| parse_one(root, path, &read))
        .collect();
    let mut parsed = Vec::with_capacity(results.len());
    for (p, d) in results {
        diagnostics.extend(d);
        parsed.extend(p);
    }
    parsed
}

fn parse_one<M>(
    root: &Path,
    path: &Path,
    read: &impl Fn(&yaml::Node, &mut Reporter) -> Option<M>,
) -> (Option<Parsed<M>>, Vec<Diagnostic>) {
    let file = match load::read_source(root, path) {
        Ok(f) => f,
        Err(d) => return (None, vec![d]),
    };
    let split = match frontmatter::split(&file) {
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    let node = match yaml::parse(split.yaml, split.yaml_first_line) {
        Ok(node) => node,
        Err(e) => return (None, vec![yaml_error(&file, e)]),
    };
    let body_offset = split.body_offset;
    let mut r = Reporter::new(&file.path, &file.text);
    let matter = read(&node, &mut r);
    let diagnostics = r.diagnostics;
    let slug = default_slug(&file.path);
    (
        Some(Parsed {
            file,
            slug,
            body_offset,
            matter,
        }),
        diagnostics,
    )
}

fn default_slug(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    vocabulary::slugify(stem)
}

/// Applies explicit `slug:` fields and reports two files claiming one slug.
fn assign_slugs<M>(
    mut parsed: Vec<Parsed<M>>,
    explicit: impl Fn(&M) -> Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Parsed<M>> {
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut keep = vec![true; parsed.len()];
    for (i, p) in parsed.iter_mut().enumerate() {
        if let Some(slug) = p.matter.as_ref().and_then(&explicit) {
            p.slug = slug;
        }
        if p.slug.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    &p.file.path,
                    Position::START,
                    "cannot make a URL slug from this file name",
                )
                .with_help(
                    "rename the file using letters, digits and hyphens, or add `slug: my-slug`",
                ),
            );
            keep[i] = false;
            continue;
        }
        if let Some(first) = seen.get(&p.slug) {
            let line = slug_line(&p.file.text);
            diagnostics.push(
                Diagnostic::error(
                    &p.file.path,
                    line,
                    format!(
                        "two case studies have the slug `{}`: this file and {}",
                        p.slug,
                        first.display()
                    ),
                )
                .with_help("give one of them another file name or a different `slug:`")
                .with_source(&p.file.text),
            );
            keep[i] = false;
        } else {
            seen.insert(p.slug.clone(), p.file.path.clone());
        }
    }
    let mut keep = keep.into_iter();
    parsed.retain(|_| keep.next().unwrap_or(false));
    parsed
}

/// The position of a `slug:` line in the front matter, or the start of the file.
fn slug_line(text: &str) -> Position {
    text.lines()
        .position(|l| l.starts_with("slug:"))
        .map(|i| Position::new(i + 1, 7))
        .unwrap_or(Position::START)
}

fn check_reserved_page_slugs(pages: &[Parsed<PageMatter>], diagnostics: &mut Vec<Diagnostic>) {
    for p in pages {
        if page::RESERVED_SLUGS.contains(&p.slug.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    &p.file.path,
                    slug_line(&p.file.text),
                    format!(
                        "a page cannot use the slug `{}`: the site uses /{}/ itself",
                        p.slug, p.slug
                    ),
                )
                .with_help("rename the file or set another `slug:`")
                .with_source(&p.file.text),
            );
        }
    }
}
