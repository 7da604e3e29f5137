//! The render stage: every file of the output is a [`Job`] in one list,
//! rendered in parallel. The full build and the dev server's partial rebuild
//! share this one path.

pub mod charts;
pub mod data;
pub mod feeds;
pub mod map;
pub mod pages;
pub mod svg;
pub mod templates;
pub mod theme;
pub mod views;
pub mod visuals;

use crate::content::vocabulary::Kind;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use rayon::prelude::*;
use templates::Templates;
use theme::Theme;

/// One output file to produce.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    Home,
    CaseStudyIndex,
    CaseStudy(usize),
    TaxonomyIndex(Kind),
    Term(Kind, usize),
    PartnersIndex,
    Partner(usize),
    Page(usize),
    Resources,
    Search,
    DataPage,
    Lessons,
    NotFound,
    Atom,
    Sitemap,
    Robots,
    DataJson,
    DataCsv,
    /// `/data/organisations.csv`: one row per organisation.
    DataOrganisations,
    /// `/data/functions.csv`: one row per function, with savings totals.
    DataFunctions,
    Asset(String),
}

/// A rendered file: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything a job needs: the model, the compiled templates, the theme.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub theme: &'a Theme,
    /// Site path of the search manifest, for the search page.
    pub search_manifest: &'a str,
}

/// Every job of a full build, in a fixed order.
pub fn all_jobs(site: &Site, theme: &Theme) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::CaseStudyIndex,
        Job::PartnersIndex,
        Job::Search,
        Job::DataPage,
        Job::Lessons,
        Job::NotFound,
        Job::Atom,
        Job::Sitemap,
        Job::Robots,
        Job::DataJson,
        Job::DataCsv,
        Job::DataOrganisations,
        Job::DataFunctions,
    ];
    jobs.extend((0..site.case_studies.len()).map(Job::CaseStudy));
    for kind in [Kind::Function, Kind::Region, Kind::Model] {
        jobs.push(Job::TaxonomyIndex(kind));
        jobs.extend((0..site.taxonomy(kind).len()).map(|i| Job::Term(kind, i)));
    }
    jobs.extend((0..site.organisations.len()).map(Job::Partner));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    if !site.resources.is_empty() && !site.pages.iter().any(|p| p.slug == "resources") {
        jobs.push(Job::Resources);
    }
    jobs.extend(theme.assets.keys().map(|k| Job::Asset(k.clone())));
    jobs
}

impl Renderer<'_> {
    /// Renders jobs in parallel, handing each file to `put` as soon as it is
    /// made. Every failure is reported, each once.
    pub fn render_all_into(
        &self,
        jobs: &[Job],
        put: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
    ) -> Result<(), Vec<Diagnostic>> {
        let errors: Vec<Diagnostic> = jobs
            .par_iter()
            .filter_map(|j| self.render(j).and_then(put).err())
            .collect();
        let mut unique: Vec<Diagnostic> = Vec::new();
        for d in errors {
            if !unique.contains(&d) {
                unique.push(d);
            }
        }
        if unique.is_empty() {
            Ok(())
        } else {
            Err(unique)
        }
    }

    /// Renders jobs in parallel into memory (the dev server compares them).
    pub fn render_all(&self, jobs: &[Job]) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        let memory = crate::output::Memory::default();
        self.render_all_into(jobs, &|file| crate::output::Sink::put(&memory, file))?;
        Ok(memory.into_files())
    }

    pub fn render(&self, job: &Job) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let html = |path: &str, r: Result<String, Diagnostic>| {
            r.map(|s| OutputFile {
                path: index_path(path),
                bytes: s.into_bytes(),
            })
        };
        match job {
            // Asset jobs are made from the theme's own list, so a missing one
            // is a bug; writing an empty file instead would hide it.
            Job::Asset(path) => match self.theme.assets.get(path) {
                Some(bytes) => Ok(OutputFile {
                    path: path.clone(),
                    bytes: bytes.clone(),
                }),
                None => Err(Diagnostic::internal(format!(
                    "the theme has no asset `{path}` to copy"
                ))),
            },
            Job::Atom => Ok(OutputFile {
                path: "atom.xml".into(),
                bytes: feeds::atom(site).into_bytes(),
            }),
            Job::Sitemap => Ok(OutputFile {
                path: "sitemap.xml".into(),
                bytes: feeds::sitemap(site).into_bytes(),
            }),
            Job::Robots => Ok(OutputFile {
                path: "robots.txt".into(),
                bytes: feeds::robots(site).into_bytes(),
            }),
            Job::DataJson => Ok(OutputFile {
                path: "data/case-studies.json".into(),
                bytes: data::json(site).into_bytes(),
            }),
            Job::DataCsv => Ok(OutputFile {
                path: "data/case-studies.csv".into(),
                bytes: data::csv(site)?,
            }),
            Job::DataOrganisations => Ok(OutputFile {
                path: "data/organisations.csv".into(),
                bytes: data::organisations_csv(site)?,
            }),
            Job::DataFunctions => Ok(OutputFile {
                path: "data/functions.csv".into(),
                bytes: data::functions_csv(site)?,
            }),
            Job::NotFound => pages::not_found(self).map(|s| OutputFile {
                path: "404.html".into(),
                bytes: s.into_bytes(),
            }),
            other => {
                let path = pages::path_of(site, other);
                html(&path, pages::render_page(self, other))
            }
        }
    }
}

/// The path (under the output folder) that a job writes.
pub fn output_path(site: &Site, job: &Job) -> String {
    match job {
        Job::Asset(path) => path.clone(),
        Job::Atom => "atom.xml".into(),
        Job::Sitemap => "sitemap.xml".into(),
        Job::Robots => "robots.txt".into(),
        Job::DataJson => "data/case-studies.json".into(),
        Job::DataCsv => "data/case-studies.csv".into(),
        Job::DataOrganisations => "data/organisations.csv".into(),
        Job::DataFunctions => "data/functions.csv".into(),
        Job::NotFound => "404.html".into(),
        other => index_path(&pages::path_of(site, other)),
    }
}

/// `/functions/waste/` → `functions/waste/index.html`.
pub fn index_path(site_path: &str) -> String {
    let trimmed = site_path.trim_start_matches('/');
    format!("{trimmed}index.html")
}
