//! The render stage: every file of the output is a [`Route`] in one list,
//! rendered in parallel. The full build and the dev server's partial rebuild
//! share this one path.

pub mod charts;
pub mod data;
pub mod feeds;
pub mod lessons;
pub mod map;
pub mod pages;
pub mod related;
pub mod svg;
pub mod templates;
pub mod theme;
pub mod views;
pub mod visuals;

use crate::diagnostics::Diagnostic;
use crate::model::{Route, Site};
use rayon::prelude::*;
use templates::Templates;
use theme::Theme;

pub use crate::output::OutputFile;

/// Everything a job needs: the model, the compiled templates, the theme.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub theme: &'a Theme,
    /// Site path of the search manifest, for the search page.
    pub search_manifest: &'a str,
    /// Each case study's related case studies, for its page (made by the
    /// search stage from the index; empty for every other page).
    pub related: &'a crate::search::related::Related,
}

/// Every route of a full build, in a fixed order: the model's routes and
/// the theme's assets (search files come from the search stage).
pub fn all_routes(site: &Site, theme: &Theme) -> Vec<Route> {
    let mut routes = site.routes();
    routes.extend(theme.assets.keys().map(|k| Route::Asset(k.clone())));
    routes
}

impl Renderer<'_> {
    /// Renders jobs in parallel, handing each file to `put` as soon as it is
    /// made. Every failure is reported, each once.
    pub fn render_all_into(
        &self,
        routes: &[Route],
        put: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
    ) -> Result<(), Vec<Diagnostic>> {
        let errors: Vec<Diagnostic> = routes
            .par_iter()
            .filter_map(|j| {
                let file = crate::timings::time(step_of(j), || self.render(j));
                file.and_then(put).err()
            })
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

    pub fn render(&self, route: &Route) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let bytes = match route {
            Route::Asset(path) => {
                crate::incremental::read(|| crate::incremental::Input::Asset(path.clone()));
                self.theme.assets.get(path).cloned().ok_or_else(|| {
                    Diagnostic::internal(format!("the theme has no asset `{path}`"))
                })?
            }
            Route::SearchFile(path) => {
                return Err(Diagnostic::internal(format!(
                    "search file `{path}` is made by the search stage, not rendered"
                )));
            }
            Route::Atom => feeds::atom(site).into_bytes(),
            Route::Sitemap => feeds::sitemap(site).into_bytes(),
            Route::Robots => feeds::robots(site).into_bytes(),
            Route::DataJson => data::json(site).into_bytes(),
            Route::DataCsv => data::csv(site)?,
            Route::DataOrganisations => data::organisations_csv(site)?,
            Route::DataFunctions => data::functions_csv(site)?,
            Route::DataFigures => data::figures_csv(site)?,
            Route::NotFound => pages::not_found(self)?.into_bytes(),
            page => pages::render_page(self, page)?.into_bytes(),
        };
        Ok(OutputFile {
            path: site.output_file(route),
            bytes,
        })
    }
}

/// The `--timings` step a page's rendering counts to.
fn step_of(route: &Route) -> crate::timings::Step {
    use crate::timings::Step;
    match route {
        Route::CaseStudy(_) => Step::RenderCaseStudies,
        Route::Home | Route::CaseStudyIndex | Route::CaseStudyIndexPage(_) => Step::RenderListings,
        Route::TaxonomyIndex(_) | Route::Term(..) | Route::TermPage(..) => Step::RenderTerms,
        Route::OrganisationIndex | Route::Organisation(_) | Route::OrganisationPage(..) => {
            Step::RenderOrganisations
        }
        Route::Lessons(..) | Route::LessonTags => Step::RenderLessons,
        Route::Atom
        | Route::Sitemap
        | Route::Robots
        | Route::DataPage
        | Route::FeedPage
        | Route::DataJson
        | Route::DataCsv
        | Route::DataOrganisations
        | Route::DataFunctions
        | Route::DataFigures => Step::RenderData,
        _ => Step::RenderOther,
    }
}
