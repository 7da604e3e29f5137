//! The pipeline, end to end: load → validate → model → render → write.
//! `build`, `check` and `serve` all run through here.

use crate::content;
use crate::diagnostics::{self, Diagnostic, Position};
use crate::model::Site;
use crate::output;
use crate::render::templates::Templates;
use crate::render::theme::Theme;
use crate::render::{self, OutputFile, Renderer};
use crate::search;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub include_drafts: bool,
    pub base_url: Option<String>,
}

/// What a successful run produced, with timings for the summary line.
pub struct Built {
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Loads, validates, models and renders everything in memory.
/// Fails with every diagnostic (errors and warnings) when any is an error.
pub fn run(opts: &Options) -> Result<Built, Vec<Diagnostic>> {
    let mut timings = Vec::new();
    let t = Instant::now();
    let (content, mut diags) =
        content::load(&opts.root, opts.include_drafts, opts.base_url.as_deref());
    timings.push(("load and validate", t.elapsed()));
    let theme_name = content.config.theme.clone();
    let t = Instant::now();
    let (site, model_diags) = Site::build(content);
    diags.extend(model_diags);
    timings.push(("model", t.elapsed()));
    if diagnostics::has_errors(&diags) {
        diagnostics::sort(&mut diags);
        return Err(diags);
    }
    let t = Instant::now();
    let search_index = search::index::build(&site).map_err(search_error)?;
    timings.push(("search index", t.elapsed()));
    let t = Instant::now();
    let export = search::export::export(&site, &search_index).map_err(search_error)?;
    drop(search_index);
    timings.push(("search export", t.elapsed()));
    let t = Instant::now();
    let theme = Theme::load(&opts.root, &theme_name).map_err(|d| vec![d])?;
    let templates = Templates::compile(&theme)?;
    let renderer = Renderer {
        site: &site,
        templates: &templates,
        theme: &theme,
        search_manifest: &export.manifest_path,
    };
    let jobs = render::all_jobs(&site, &theme);
    let mut files = renderer.render_all(&jobs)?;
    files.extend(export.files);
    timings.push(("render", t.elapsed()));
    diagnostics::sort(&mut diags);
    Ok(Built {
        site,
        files,
        warnings: diags,
        timings,
    })
}

fn search_error(e: tantivy::TantivyError) -> Vec<Diagnostic> {
    vec![
        Diagnostic::error(
            "(search index)",
            Position::START,
            format!("building the search index failed: {e}"),
        )
        .with_help(
            "this is a bug in compendium; please report it with the content that triggers it",
        ),
    ]
}

/// Loads and validates the content and builds the model, without rendering.
pub fn load_site(opts: &Options) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (content, mut diags) =
        content::load(&opts.root, opts.include_drafts, opts.base_url.as_deref());
    let (site, model_diags) = Site::build(content);
    diags.extend(model_diags);
    diagnostics::sort(&mut diags);
    if diagnostics::has_errors(&diags) {
        return Err(diags);
    }
    Ok((site, diags))
}

/// `compendium build`: run the pipeline and swap the result into `out`.
pub fn build(opts: &Options, out: &Path) -> Result<Built, Vec<Diagnostic>> {
    output::check_replaceable(out).map_err(|d| vec![d])?;
    let mut built = run(opts)?;
    let t = Instant::now();
    output::write_site(out, &built.files).map_err(|d| vec![d])?;
    built.timings.push(("write", t.elapsed()));
    Ok(built)
}

/// The output folder to use: `--out`, else `<root>/public`.
pub fn output_dir(root: &Path, out: Option<&Path>) -> PathBuf {
    match out {
        Some(o) => o.to_path_buf(),
        None => root.join("public"),
    }
}

/// `compendium new`: writes a commented template for a new case study.
pub fn new_case_study(root: &Path, title: &str) -> Result<PathBuf, Diagnostic> {
    let slug = content::vocabulary::slugify(title);
    if slug.is_empty() {
        return Err(Diagnostic::error(
            "(title)",
            Position::START,
            "the title has no letters or digits to make a file name from",
        )
        .with_help("give a title such as \"Adur and Worthing: shared management\""));
    }
    let dir = root.join("content").join("case-studies");
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(Diagnostic::error(
            &path,
            Position::START,
            "a case study with this file name already exists; not overwriting it",
        )
        .with_help("choose a different title, or edit the existing file"));
    }
    std::fs::create_dir_all(&dir).map_err(|e| {
        Diagnostic::error(
            &dir,
            Position::START,
            format!("cannot create the folder: {e}"),
        )
    })?;
    let text = NEW_TEMPLATE.replace(
        "{{title}}",
        &title.replace('\\', "\\\\").replace('"', "\\\""),
    );
    std::fs::write(&path, text)
        .map_err(|e| Diagnostic::error(&path, Position::START, format!("cannot write: {e}")))?;
    Ok(path)
}

const NEW_TEMPLATE: &str = include_str!("new_case_study.md");
