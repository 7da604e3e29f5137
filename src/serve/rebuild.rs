//! Incremental rebuilds for the dev server. A change re-reads only the files
//! that changed (the content cache keeps the rest), rebuilds the model, and
//! re-renders only the pages that depend on what changed: the case study
//! itself, the listing pages of its old and new functions, regions, model and
//! organisations, and the site-wide pages (home, indexes, feeds, data,
//! sitemap). A template change re-renders the pages that use it. Output is
//! compared byte for byte, so only files that really changed are replaced.

use super::watch::Change;
use crate::content::vocabulary::{Kind, slugify};
use crate::content::{self, CaseStudy};
use crate::diagnostics::{self, Diagnostic};
use crate::model::Site;
use crate::pipeline::Options;
use crate::render::templates::Templates;
use crate::render::theme::Theme;
use crate::render::{self, Job, OutputFile, Renderer};
use crate::search;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// The files of the site being served: path under the site root → bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

/// What one rebuild did, reported to the terminal and `/_compendium/status`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Outcome {
    pub ok: bool,
    /// False only for the snapshot published between the two waves of a
    /// rebuild: the changed pages' own pages are in, but the listings,
    /// feeds and data that depend on them are not yet. Without it,
    /// `/_compendium/status` would report a rebuild that is half done as
    /// done, and a client reading a listing then gets the old one.
    pub complete: bool,
    /// Content files read and parsed (the others came from the cache).
    pub files_parsed: usize,
    /// Output files rendered.
    pub rendered: usize,
    /// Output files whose bytes changed, added or removed.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub milliseconds: u128,
    /// Where the time went: (stage, milliseconds).
    pub stages: Vec<(&'static str, u128)>,
    /// Errors and warnings of the current content.
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Builder {
    opts: Options,
    cache: content::Cache,
    site: Option<Site>,
    theme: Theme,
    templates: Option<Templates>,
    manifest: String,
    /// Search files of the current export.
    search_files: BTreeSet<String>,
}

impl Builder {
    pub fn new(opts: Options) -> Builder {
        Builder {
            opts,
            cache: content::Cache::default(),
            site: None,
            theme: Theme::default(),
            templates: None,
            manifest: String::new(),
            search_files: BTreeSet::new(),
        }
    }

    /// The current model, after a successful build.
    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    /// Rebuilds the pages for `changes` (everything when `None`), updating
    /// `files`. Pages are rendered in two waves, and `publish` is called
    /// after each with the paths that changed: first the changed case
    /// studies' and pages' own pages (what an editor is looking at), then
    /// the listings, feeds and data that depend on them. On errors `files`
    /// is left as it was and the outcome carries the diagnostics.
    pub fn pages(
        &mut self,
        changes: Option<&[Change]>,
        files: &mut Files,
        publish: &mut dyn FnMut(&Files, &Outcome, &[String]),
    ) -> Outcome {
        let started = Instant::now();
        let mut outcome = Outcome::default();
        let mut lap = Instant::now();
        let mut stage = |name: &'static str, outcome: &mut Outcome| {
            outcome.stages.push((name, lap.elapsed().as_millis()));
            lap = Instant::now();
        };
        let full = changes.is_none_or(|c| c.iter().any(|c| matches!(c, Change::Settings)));
        let theme_changed = changes.is_none_or(|c| {
            c.iter()
                .any(|c| matches!(c, Change::Template(_) | Change::Asset(_)))
        });
        if (theme_changed || self.templates.is_none())
            && let Err(d) = self.reload_theme()
        {
            outcome.diagnostics = d;
            outcome.complete = true;
            outcome.milliseconds = started.elapsed().as_millis();
            publish(files, &outcome, &[]);
            return outcome;
        }
        let changed_paths: Option<HashSet<PathBuf>> = (!full).then(|| {
            changes
                .unwrap_or_default()
                .iter()
                .filter_map(|c| match c {
                    Change::Content(p) => Some(p.clone()),
                    _ => None,
                })
                .collect()
        });
        let (content, mut diags) = content::load_with(
            &self.opts.root,
            self.opts.include_drafts,
            self.opts.base_url.as_deref(),
            &mut self.cache,
            changed_paths.as_ref(),
        );
        outcome.files_parsed = self.cache.files_parsed;
        stage("load", &mut outcome);
        let (site, model_diags) = Site::build(content);
        diags.extend(model_diags);
        diagnostics::sort(&mut diags);
        outcome.diagnostics = diags;
        stage("model", &mut outcome);
        if diagnostics::has_errors(&outcome.diagnostics) {
            outcome.complete = true;
            outcome.milliseconds = started.elapsed().as_millis();
            publish(files, &outcome, &[]);
            return outcome;
        }
        let jobs = match (&self.site, full) {
            (Some(old), false) => {
                dependent_jobs(old, &site, changes.unwrap_or_default(), &self.theme)
            }
            _ => render::all_jobs(&site, &self.theme),
        };
        let Some(templates) = &self.templates else {
            outcome.complete = true;
            return outcome;
        };
        let renderer = Renderer {
            site: &site,
            templates,
            theme: &self.theme,
            search_manifest: &self.manifest,
        };
        let (first, rest): (Vec<Job>, Vec<Job>) = jobs
            .into_iter()
            .partition(|j| !full && matches!(j, Job::CaseStudy(_) | Job::Page(_)));
        stage("plan", &mut outcome);
        outcome.ok = true;
        for (wave, jobs) in [first, rest].into_iter().enumerate() {
            if jobs.is_empty() {
                continue;
            }
            let rendered = match renderer.render_all(&jobs) {
                Ok(r) => r,
                Err(d) => {
                    outcome.ok = false;
                    outcome.diagnostics.extend(d);
                    outcome.complete = true;
                    outcome.milliseconds = started.elapsed().as_millis();
                    publish(files, &outcome, &[]);
                    return outcome;
                }
            };
            outcome.rendered += rendered.len();
            let changed = replace_changed(files, rendered);
            outcome.changed.extend(changed.iter().cloned());
            stage(
                if wave == 0 {
                    "render own pages"
                } else {
                    "render listings"
                },
                &mut outcome,
            );
            outcome.milliseconds = started.elapsed().as_millis();
            if wave == 0 {
                publish(files, &outcome, &changed);
            }
        }
        let mut expected: HashSet<String> = render::all_jobs(&site, &self.theme)
            .iter()
            .map(|j| render::output_path(&site, j))
            .collect();
        expected.extend(self.search_files.iter().cloned());
        outcome.removed = remove_stale(files, &expected);
        outcome.changed.sort();
        self.site = Some(site);
        outcome.complete = true;
        outcome.milliseconds = started.elapsed().as_millis();
        let mut all_changed = outcome.changed.clone();
        all_changed.extend(outcome.removed.iter().cloned());
        publish(files, &outcome, &all_changed);
        outcome
    }

    /// Rebuilds the search index and its export, replacing only the search
    /// files whose content changed, and the search page.
    pub fn search(&mut self, files: &mut Files) -> Result<Outcome, Vec<Diagnostic>> {
        let started = Instant::now();
        let Some(site) = &self.site else {
            return Ok(Outcome::default());
        };
        let index = search::index::build(site).map_err(|e| vec![search_error(e)])?;
        let export = search::export::export(site, &index).map_err(|e| vec![search_error(e)])?;
        let names: BTreeSet<String> = export.files.iter().map(|f| f.path.clone()).collect();
        let mut outcome = Outcome {
            ok: true,
            complete: true,
            rendered: export.files.len() + 1,
            ..Outcome::default()
        };
        outcome.changed = replace_changed(files, export.files);
        outcome.removed = self.search_files.difference(&names).cloned().collect();
        for path in &outcome.removed {
            files.remove(path);
        }
        self.search_files = names;
        self.manifest = export.manifest_path;
        if let Some(templates) = &self.templates {
            let renderer = Renderer {
                site,
                templates,
                theme: &self.theme,
                search_manifest: &self.manifest,
            };
            let page = renderer.render(&Job::Search).map_err(|d| vec![d])?;
            outcome.changed.extend(replace_changed(files, vec![page]));
        }
        outcome.milliseconds = started.elapsed().as_millis();
        Ok(outcome)
    }

    fn reload_theme(&mut self) -> Result<(), Vec<Diagnostic>> {
        let theme_name = match &self.site {
            Some(site) => site.config.theme.clone(),
            None => content::load(&self.opts.root, false, None).0.config.theme,
        };
        let theme = Theme::load(&self.opts.root, &theme_name).map_err(|d| vec![d])?;
        let templates = Templates::compile(&theme)?;
        self.theme = theme;
        self.templates = Some(templates);
        Ok(())
    }
}

fn search_error(e: tantivy::TantivyError) -> Diagnostic {
    Diagnostic::error(
        "(search index)",
        crate::diagnostics::Position::START,
        format!("building the search index failed: {e}"),
    )
}

/// Puts rendered files into `files` where their bytes differ; returns their paths.
fn replace_changed(files: &mut Files, rendered: Vec<OutputFile>) -> Vec<String> {
    let mut changed = Vec::new();
    for f in rendered {
        if files.get(&f.path).is_none_or(|old| **old != *f.bytes) {
            changed.push(f.path.clone());
            files.insert(f.path, f.bytes.into());
        }
    }
    changed.sort();
    changed
}

/// Removes files that the site no longer has (a deleted case study's page...).
fn remove_stale(files: &mut Files, expected: &HashSet<String>) -> Vec<String> {
    let mut stale: Vec<String> = files
        .keys()
        .filter(|p| !expected.contains(*p) && !p.starts_with("search/"))
        .cloned()
        .collect();
    stale.sort();
    for p in &stale {
        files.remove(p);
    }
    stale
}

/// The jobs whose output may differ between `old` and `new` after `changes`.
pub fn dependent_jobs(old: &Site, new: &Site, changes: &[Change], theme: &Theme) -> Vec<Job> {
    let all = || render::all_jobs(new, theme);
    let mut jobs: BTreeSet<Job> = BTreeSet::new();
    for change in changes {
        match change {
            Change::Template(name) => {
                jobs.extend(all().into_iter().filter(|j| uses_template(j, name)))
            }
            Change::Asset(path) => {
                // Pages link assets with a content hash: every HTML page changes.
                jobs.extend(all().into_iter().filter(is_html));
                jobs.insert(Job::Asset(path.clone()));
            }
            Change::Content(_) | Change::Settings => {}
        }
    }
    let changed_cases = changed_case_studies(old, new);
    let pages_changed =
        old.pages.len() != new.pages.len()
            || old.pages.iter().zip(&new.pages).any(|(a, b)| {
                a.slug != b.slug || a.matter != b.matter || !same_body(&a.body, &b.body)
            });
    if pages_changed {
        // Page titles appear in every page's footer.
        jobs.extend(all().into_iter().filter(is_html));
        jobs.insert(Job::Sitemap);
    }
    if !changed_cases.is_empty() {
        jobs.extend([
            Job::Home,
            Job::CaseStudyIndex,
            Job::TaxonomyIndex(Kind::Function),
            Job::TaxonomyIndex(Kind::Region),
            Job::TaxonomyIndex(Kind::Model),
            Job::PartnersIndex,
            Job::Lessons,
            Job::DataPage,
            Job::Atom,
            Job::Sitemap,
            Job::DataJson,
            Job::DataCsv,
            Job::DataOrganisations,
            Job::DataFunctions,
        ]);
    }
    for (old_case, new_case) in &changed_cases {
        if let Some(id) =
            new_case.and_then(|c| new.case_studies.iter().position(|x| std::ptr::eq(x, c)))
        {
            jobs.insert(Job::CaseStudy(id));
        }
        for case in [old_case, new_case].into_iter().flatten() {
            add_listings(new, case, &mut jobs);
        }
    }
    jobs.into_iter().filter(|j| *j != Job::Search).collect()
}

/// Pairs of (old, new) versions of every case study that was added, removed
/// or whose front matter or rendered body changed (matched by file).
fn changed_case_studies<'a>(
    old: &'a Site,
    new: &'a Site,
) -> Vec<(Option<&'a CaseStudy>, Option<&'a CaseStudy>)> {
    let old_by_file: HashMap<&PathBuf, &CaseStudy> =
        old.case_studies.iter().map(|c| (&c.file, c)).collect();
    let new_by_file: HashMap<&PathBuf, &CaseStudy> =
        new.case_studies.iter().map(|c| (&c.file, c)).collect();
    let mut out = Vec::new();
    for c in &new.case_studies {
        match old_by_file.get(&c.file) {
            Some(o)
                if o.slug == c.slug
                    && (Arc::ptr_eq(&o.matter, &c.matter) || o.matter == c.matter)
                    && same_body(&o.body, &c.body) => {}
            Some(o) => out.push((Some(*o), Some(c))),
            None => out.push((None, Some(c))),
        }
    }
    for c in &old.case_studies {
        if !new_by_file.contains_key(&c.file) {
            out.push((Some(c), None));
        }
    }
    out
}

/// Bodies re-rendered from unchanged text usually come out the same.
fn same_body(
    a: &Arc<crate::content::markdown::Rendered>,
    b: &Arc<crate::content::markdown::Rendered>,
) -> bool {
    Arc::ptr_eq(a, b) || (a.html == b.html && a.links == b.links)
}

/// The listing pages (in `site`) on which `case` appears.
fn add_listings(site: &Site, case: &CaseStudy, jobs: &mut BTreeSet<Job>) {
    let m = &case.matter;
    let mut terms: Vec<(Kind, String)> = m
        .functions
        .iter()
        .map(|f| (Kind::Function, f.clone()))
        .collect();
    terms.push((Kind::Model, m.model.clone()));
    terms.extend(
        m.partners
            .iter()
            .filter_map(|p| p.region.clone())
            .map(|r| (Kind::Region, r)),
    );
    for (kind, slug) in terms {
        if let Some(i) = site.taxonomy(kind).iter().position(|t| t.slug == slug) {
            jobs.insert(Job::Term(kind, i));
        }
    }
    for p in &m.partners {
        let slug = slugify(&p.name);
        if let Some(i) = site.organisations.iter().position(|o| o.slug == slug) {
            jobs.insert(Job::Partner(i));
        }
    }
}

fn is_html(job: &Job) -> bool {
    !matches!(
        job,
        Job::Atom
            | Job::Sitemap
            | Job::Robots
            | Job::DataJson
            | Job::DataCsv
            | Job::DataOrganisations
            | Job::DataFunctions
            | Job::Asset(_)
    )
}

/// Does `job`'s page use template `name` (directly, by inheritance or include)?
fn uses_template(job: &Job, name: &str) -> bool {
    let own = match job {
        Job::Home => "home.html",
        Job::CaseStudyIndex => "case_studies.html",
        Job::CaseStudy(_) => "case_study.html",
        Job::TaxonomyIndex(_) => "taxonomy_index.html",
        Job::Term(..) => "term.html",
        Job::PartnersIndex => "partners_index.html",
        Job::Partner(_) => "partner.html",
        Job::Page(_) => "page.html",
        Job::Resources => "resources.html",
        Job::Search => "search.html",
        Job::DataPage => "data.html",
        Job::Lessons => "lessons.html",
        Job::NotFound => "404.html",
        _ => return false,
    };
    // Shared templates: base for every page; partials for the pages that include them.
    let includes: &[&str] = match own {
        "home.html" => &["card.html", "totals.html", "map.html", "chart.html"],
        "case_studies.html" => &["card.html"],
        "term.html" => &["card.html", "totals.html", "map.html"],
        _ => &[],
    };
    name == own || name == "base.html" || includes.contains(&name) || !is_known_template(name)
}

/// Templates this module knows; a new or renamed one re-renders everything.
fn is_known_template(name: &str) -> bool {
    [
        "base.html",
        "card.html",
        "totals.html",
        "home.html",
        "case_studies.html",
        "case_study.html",
        "taxonomy_index.html",
        "term.html",
        "partners_index.html",
        "partner.html",
        "page.html",
        "resources.html",
        "search.html",
        "data.html",
        "lessons.html",
        "404.html",
    ]
    .contains(&name)
}
