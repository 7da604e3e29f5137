//! The pipeline, end to end: load → validate → model → index → render →
//! write. `build`, `check` and `serve` all run through here. The search
//! index comes before the case study pages (they show related case studies
//! made from it); every other page renders beside it.

use crate::content;
use crate::diagnostics::{self, Code, Diagnostic, Origin, Position};
use crate::model::Route;
use crate::model::{BodyTexts, Site};
use crate::output;
use crate::render::templates::Templates;
use crate::render::theme::Theme;
use crate::render::{self, OutputFile, Renderer};
use crate::search;
use crate::timings::{self, Step};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub include_drafts: bool,
    pub base_url: Option<String>,
}

/// Named steps and how long each took, for the summary line.
pub type Timings = Vec<(&'static str, Duration)>;

/// What a successful run produced, with timings for the summary line.
pub struct Report {
    /// The site built; its case studies' plain text went to the search
    /// index ([`Site::take_body_texts`]).
    pub site: Site,
    /// How many files were produced.
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// A run whose files were kept in memory.
pub struct Built {
    /// As [`Report::site`]: without its case studies' plain text.
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Runs the pipeline keeping every file in memory (tests, tools).
pub fn run(opts: &Options) -> Result<Built, Vec<Diagnostic>> {
    let memory = output::Memory::default();
    let report = run_into(opts, &memory)?;
    Ok(Built {
        site: report.site,
        files: memory.into_files(),
        warnings: report.warnings,
        timings: report.timings,
    })
}

/// Loads, validates and models the content, then renders every page and
/// builds the search files, handing each file to `sink` as it is made.
/// Indexing runs beside the rendering of every page but the case studies',
/// which need the related case studies the index gives. Fails with every diagnostic (errors
/// and warnings) when any is an error.
pub fn run_into(opts: &Options, sink: &dyn output::Sink) -> Result<Report, Vec<Diagnostic>> {
    let mut timings = Vec::new();
    timings::reset();
    let t = Instant::now();
    let (mut site, mut diags) = load_site_unsorted(opts);
    timings.push(("load, validate and model", t.elapsed()));
    if diagnostics::has_errors(&diags) {
        diagnostics::sort(&mut diags);
        return Err(diags);
    }
    let theme = Theme::load(&opts.root, &site.settings().theme).map_err(|d| vec![d])?;
    let templates = Templates::compile(&theme)?;
    // A site just loaded still has its text.
    let Some(body_texts) = site.take_body_texts() else {
        return Err(search_error(search::index::text_moved_out()));
    };
    let (files, render_timings) = render_into(&site, body_texts, &theme, &templates, sink)?;
    timings.extend(render_timings);
    diagnostics::sort(&mut diags);
    Ok(Report {
        site,
        files,
        warnings: diags,
        timings,
    })
}

/// `compendium check`: every diagnostic `build` would give before writing,
/// errors and warnings, sorted. With the built-in templates the pages are
/// not rendered: they render every valid site (a failure would be a bug in
/// compendium, which the tests of the bundled and synthetic sites look
/// for), and rendering is most of a build's time. A theme with templates
/// of its own is the site's code, whose errors can depend on the content:
/// then every page is rendered, to nowhere, as `build` would.
pub fn check(opts: &Options) -> Vec<Diagnostic> {
    timings::reset();
    let (site, mut diags) = load_site_unsorted(opts);
    if !diagnostics::has_errors(&diags)
        && let Err(problems) = check_theme(opts, &site)
    {
        diags.extend(problems);
    }
    diagnostics::sort(&mut diags);
    diags
}

fn check_theme(opts: &Options, site: &Site) -> Result<(), Vec<Diagnostic>> {
    let theme = Theme::load(&opts.root, &site.settings().theme).map_err(|d| vec![d])?;
    let templates = Templates::compile(&theme)?;
    let own_templates = theme.overrides.keys().any(|k| k.starts_with("templates/"));
    if own_templates {
        let body_texts = search::index::body_texts(site).map_err(search_error)?;
        render_into(
            site,
            body_texts,
            &theme,
            &templates,
            &output::Discard::default(),
        )?;
    }
    Ok(())
}

/// How `build` treats an empty site and warnings.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildFlags {
    /// Build even when no case study is found although the output has some.
    pub allow_empty: bool,
    /// Fail on any warning, as on an error.
    pub deny_warnings: bool,
    /// Remove the previous site after the swap instead of keeping it as
    /// the spare the next build reuses.
    pub no_spare: bool,
}

/// How many case study files `content/case-studies/` holds (drafts too):
/// the count `check` and `build` report, whether or not they are valid; or
/// why the content folder cannot be listed.
pub fn case_study_files(root: &Path) -> Result<usize, Diagnostic> {
    let (files, _) = content::load::list_content_files(root)?;
    Ok(files
        .iter()
        .filter(|(_, kind)| *kind == content::load::ContentKind::CaseStudy)
        .count())
}

/// Renders every page and the search files of a valid site into `sink`:
/// how many files, and the timings of the steps.
fn render_into(
    site: &Site,
    body_texts: BodyTexts,
    theme: &Theme,
    templates: &Templates,
    sink: &dyn output::Sink,
) -> Result<(usize, Timings), Vec<Diagnostic>> {
    let mut timings = Vec::new();
    // The search page names the search manifest, so it comes last.
    let routes: Vec<Route> = render::all_routes(site, theme)
        .into_iter()
        .filter(|r| *r != Route::Search)
        .collect();
    let count = std::sync::atomic::AtomicUsize::new(0);
    let put = |file: OutputFile| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        timings::time(Step::WriteFiles, || sink.put(file))
    };
    // A case study page shows its related case studies, which come from the
    // search index: those pages wait for the index, every other page
    // renders beside it, and the export runs beside the case study pages.
    let (case_routes, other_routes): (Vec<Route>, Vec<Route>) = routes
        .into_iter()
        .partition(|r| matches!(r, Route::CaseStudy(_)));
    let none = search::related::Related::default();
    let started = Instant::now();
    let (searched, rendered) = rayon::join(
        || {
            let t = Instant::now();
            let index = search::index::build_with(site, &body_texts).map_err(search_error)?;
            let index_time = t.elapsed();
            timings::add(Step::Index, index_time);
            let t = Instant::now();
            let related =
                search::related::compute_with(site, &index, &body_texts).map_err(search_error)?;
            // The search index and the related case studies were the texts'
            // only readers.
            drop(body_texts);
            let related_time = t.elapsed();
            timings::add(Step::Related, related_time);
            let (exported, pages) = rayon::join(
                || {
                    let t = Instant::now();
                    // Each search file is written as soon as it is made (its
                    // write time is part of the export's); a write's own
                    // diagnostic is the one reported.
                    let write_error = std::sync::Mutex::new(None);
                    let put_search = |f: OutputFile| {
                        put(f).map_err(|d| {
                            let message = d.message.clone();
                            if let Ok(mut first) = write_error.lock() {
                                first.get_or_insert(d);
                            }
                            tantivy::TantivyError::InternalError(message)
                        })
                    };
                    let manifest = timings::time(Step::Export, || {
                        search::export::export_into(site, &index, &put_search)
                    })
                    .map_err(|e| {
                        match write_error.lock().ok().and_then(|mut d| d.take()) {
                            Some(d) => vec![d],
                            None => search_error(e),
                        }
                    })?;
                    Ok::<_, Vec<Diagnostic>>((manifest, t.elapsed()))
                },
                || {
                    let renderer = Renderer {
                        site,
                        templates,
                        theme,
                        search_manifest: "",
                        related: &related,
                    };
                    renderer.render_all_into(&case_routes, &put)?;
                    Ok::<_, Vec<Diagnostic>>(started.elapsed())
                },
            );
            drop(index);
            let (manifest, export_time) = exported?;
            Ok::<_, Vec<Diagnostic>>((manifest, index_time + export_time, related_time, pages?))
        },
        || {
            let renderer = Renderer {
                site,
                templates,
                theme,
                search_manifest: "",
                related: &none,
            };
            renderer
                .render_all_into(&other_routes, &put)
                .map(|()| started.elapsed())
        },
    );
    let (manifest, search_time, related_time, case_pages) = searched?;
    let other_pages = rendered?;
    timings.push(("search index and export", search_time));
    timings.push(("related case studies", related_time));
    timings.push(("render and write pages", case_pages.max(other_pages)));
    let renderer = Renderer {
        site,
        templates,
        theme,
        search_manifest: &manifest,
        related: &none,
    };
    put(renderer.render(&Route::Search).map_err(|d| vec![d])?).map_err(|d| vec![d])?;
    Ok((count.into_inner(), timings))
}

fn load_site_unsorted(opts: &Options) -> (Site, Vec<Diagnostic>) {
    let (content, mut diags) =
        content::load(&opts.root, opts.include_drafts, opts.base_url.as_deref());
    let (site, model_diags) = timings::time(Step::Model, || Site::build(content));
    diags.extend(model_diags);
    (site, diags)
}

/// The one warning of a build that does not know where the site lives.
fn no_base_url(root: &Path) -> Diagnostic {
    let settings = root.join("content/site.yaml");
    let file = if settings.is_file() {
        "content/site.yaml"
    } else {
        "content/"
    };
    Diagnostic::warning(
        Code::NoBaseUrl,
        Origin::file(file, Position::START),
        format!(
            "`base_url` is not set: links in the pages and the open data are paths that work wherever the site is served from its root, but atom.xml, sitemap.xml and robots.txt need absolute addresses and were written for the placeholder {}",
            crate::content::site_config::DEFAULT_BASE_URL
        ),
    )
    .with_help("add `base_url: https://your.address/` to content/site.yaml, or build with `--base-url https://your.address/`")
}

fn search_error(e: tantivy::TantivyError) -> Vec<Diagnostic> {
    vec![Diagnostic::internal(format!(
        "building the search index failed: {e}"
    ))]
}

/// Loads and validates the content and builds the model, without rendering.
pub fn load_site(opts: &Options) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (site, mut diags) = load_site_unsorted(opts);
    diagnostics::sort(&mut diags);
    if diagnostics::has_errors(&diags) {
        return Err(diags);
    }
    Ok((site, diags))
}

/// `compendium build`: run the pipeline and swap the result into `out`.
/// Files are written to a staging folder as they are rendered; only a fully
/// successful run is swapped in, so a failed or killed build leaves `out`
/// as it was (see `output`). `note` hears progress worth telling: waiting
/// for another build into `out`, cleaning up after an interrupted one.
/// With `deny_warnings`, a warning fails the build like an error, before
/// anything is swapped in.
pub fn build(
    opts: &Options,
    out: &Path,
    flags: BuildFlags,
    note: &mut dyn FnMut(&str),
) -> Result<Report, Vec<Diagnostic>> {
    let staging = output::Staging::start(out, !flags.no_spare, note).map_err(|d| vec![d])?;
    let mut report = match run_into(opts, &staging) {
        Ok(report) => report,
        Err(diags) => {
            staging.abort();
            return Err(diags);
        }
    };
    if let Some(listed_in) = staging.spare_listed_in() {
        timings::add(Step::ListSpare, listed_in);
    }
    if !report.site.settings().base_url_given {
        report.warnings.push(no_base_url(&opts.root));
    }
    if !flags.allow_empty
        && report.site.all_case_studies().is_empty()
        && let Some(published) = published_case_studies(out)
    {
        staging.abort();
        return Err(vec![
            Diagnostic::error(
                Code::EmptyContent,
                Origin::file("content/case-studies", Position::START),
                format!(
                    "no case study was found, but {} has {published}: building would replace the published site with an empty one",
                    out.display()
                ),
            )
            .with_help("check that content/case-studies holds the case studies (a moved or renamed folder?), or pass --allow-empty to publish a site with none"),
        ]);
    }
    if flags.deny_warnings && !report.warnings.is_empty() {
        staging.abort();
        return Err(report
            .warnings
            .into_iter()
            .map(Diagnostic::denied)
            .collect());
    }
    let t = Instant::now();
    let warnings = staging.commit().map_err(|d| vec![d])?;
    report.warnings.extend(warnings);
    report.timings.push(("swap in", t.elapsed()));
    timings::add(Step::Swap, t.elapsed());
    Ok(report)
}

/// How many case studies the site already in `out` publishes (its
/// `case-studies/` folders), when it publishes any.
fn published_case_studies(out: &Path) -> Option<usize> {
    let n = std::fs::read_dir(out.join("case-studies"))
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .count();
    (n > 0).then_some(n)
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
            Code::BadArgument,
            Origin::argument("<title>"),
            "the title has no letters or digits to make a file name from",
        )
        .with_help("give a title such as \"Adur and Worthing: shared management\""));
    }
    let dir = root.join("content").join("case-studies");
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(Diagnostic::error(
            Code::FileExists,
            Origin::file(&path, Position::START),
            "a case study with this file name already exists; not overwriting it",
        )
        .with_help("choose a different title, or edit the existing file"));
    }
    std::fs::create_dir_all(&dir).map_err(|e| {
        Diagnostic::error(
            Code::Io,
            Origin::file(&dir, Position::START),
            format!("cannot create the folder: {e}"),
        )
        .with_io_help(Some(e.kind()))
    })?;
    let text = NEW_TEMPLATE.replace(
        "{{title}}",
        &title.replace('\\', "\\\\").replace('"', "\\\""),
    );
    std::fs::write(&path, text).map_err(|e| {
        Diagnostic::error(
            Code::Io,
            Origin::file(&path, Position::START),
            format!("cannot write: {e}"),
        )
        .with_io_help(Some(e.kind()))
    })?;
    Ok(path)
}

const NEW_TEMPLATE: &str = include_str!("new_case_study.md");
