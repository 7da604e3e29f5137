//! Routes: every kind of output the site has, and the one place that says
//! where each lives. A route's URL path and its output file are computed
//! here and nowhere else; the page list, the sitemap, the link check, the dev
//! server's stale-file removal and the search engine's result URLs all derive
//! from [`Site::routes`] and [`Site::path`].

use super::Site;
use super::ids::{CaseStudyId, OrgId, PageId, TagId, TermId};
use super::lessons::LessonsOf;
use crate::content::vocabulary::Kind;
use crate::incremental::{self, Input};

/// The taxonomies that have pages of their own.
pub const TAXONOMIES: [Kind; 3] = [Kind::Function, Kind::Region, Kind::Model];

/// One output of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    Home,
    /// The first page of the list of every case study.
    CaseStudyIndex,
    /// A later page of it: 2, 3... (see [`LISTING_PAGE_SIZE`]).
    CaseStudyIndexPage(u32),
    CaseStudy(CaseStudyId),
    TaxonomyIndex(Kind),
    /// A term's page, with the first page of its case studies.
    Term(Kind, TermId),
    /// A later page of a term's case studies: 2, 3...
    TermPage(Kind, TermId, u32),
    OrganisationIndex,
    /// An organisation's page, with the first page of its arrangements.
    Organisation(OrgId),
    /// A later page of an organisation's arrangements: 2, 3...
    OrganisationPage(OrgId, u32),
    Page(PageId),
    Resources,
    Search,
    DataPage,
    /// A page (from 1) of the lessons of all case studies, or of those of
    /// a function or a tag.
    Lessons(LessonsOf, u32),
    /// The list of tags, each leading to its lessons.
    LessonTags,
    NotFound,
    /// The page that explains the feed and links to it.
    FeedPage,
    Atom,
    Sitemap,
    Robots,
    /// `/data/case-studies.json`.
    DataJson,
    /// `/data/case-studies.csv`.
    DataCsv,
    /// `/data/organisations.csv`: one row per organisation.
    DataOrganisations,
    /// `/data/functions.csv`: one row per function, with savings totals.
    DataFunctions,
    /// One row per saving or cost.
    DataFigures,
    /// A theme file, by its path under the output (`static/style.css`).
    Asset(String),
    /// A search export file, by its path under the output (`search/…`).
    SearchFile(String),
}

impl Route {
    /// Is this an HTML page (as opposed to a feed, data file or asset)?
    pub fn is_html(&self) -> bool {
        !matches!(
            self,
            Route::Atom
                | Route::Sitemap
                | Route::Robots
                | Route::DataJson
                | Route::DataCsv
                | Route::DataOrganisations
                | Route::DataFunctions
                | Route::DataFigures
                | Route::Asset(_)
                | Route::SearchFile(_)
        )
    }

    /// Does the sitemap list it? Every HTML page but the 404 page.
    pub fn in_sitemap(&self) -> bool {
        self.is_html() && *self != Route::NotFound
    }
}

/// Case studies per page of a listing: every listing page stays a few
/// dozen kilobytes however large the compendium grows.
pub const LISTING_PAGE_SIZE: usize = 50;

/// How many pages a listing of `n` case studies takes (one, even if empty).
pub fn listing_pages(n: usize) -> u32 {
    u32::try_from(n.div_ceil(LISTING_PAGE_SIZE).max(1)).unwrap_or(u32::MAX)
}

/// The case studies of page `page` (from 1) of a listing of `ids`.
pub fn listing_page<T>(ids: &[T], page: u32) -> &[T] {
    let start = (page.max(1) as usize - 1).saturating_mul(LISTING_PAGE_SIZE);
    let end = start.saturating_add(LISTING_PAGE_SIZE).min(ids.len());
    ids.get(start..end).unwrap_or_default()
}

/// The URL section of a taxonomy: `functions`, `regions`, `models`.
pub fn section_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Function => "functions",
        Kind::Region => "regions",
        Kind::Model => "models",
        Kind::OrganisationType => "partners",
        Kind::Tag => "lessons/tags",
    }
}

/// The path part of a base URL: `https://x.org/a/b/` → `/a/b/`, the prefix
/// of every internal link.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(base_url);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_owned(),
        None => "/".into(),
    }
}

/// A case study's path by its slug, for [`Site::path`] and for links to a
/// case study that is not published (its front matter has errors).
pub(crate) fn case_study_path(slug: &str) -> String {
    format!("/case-studies/{slug}/")
}

/// A content page's path by its slug (see [`case_study_path`]).
pub(crate) fn page_path(slug: &str) -> String {
    format!("/{slug}/")
}

impl Site {
    /// Every route of the site that comes from the content, in a fixed
    /// order. Theme assets and search files are added by the stages that
    /// make them (they depend on the theme and the index, not the model).
    pub fn routes(&self) -> Vec<Route> {
        for input in [
            Input::Config,
            Input::CaseStudyList,
            Input::OrganisationList,
            Input::PageList,
            Input::Resources,
        ] {
            incremental::read(|| input);
        }
        let mut routes = vec![
            Route::Home,
            Route::CaseStudyIndex,
            Route::OrganisationIndex,
            Route::Search,
            Route::DataPage,
            Route::Lessons(LessonsOf::All, 1),
            Route::LessonTags,
            Route::NotFound,
            Route::FeedPage,
            Route::Atom,
            Route::Sitemap,
            Route::Robots,
            Route::DataJson,
            Route::DataCsv,
            Route::DataOrganisations,
            Route::DataFunctions,
            Route::DataFigures,
        ];
        routes.extend((2..=listing_pages(self.case_studies.len())).map(Route::CaseStudyIndexPage));
        routes.extend(CaseStudyId::all(self.case_studies.len()).map(Route::CaseStudy));
        for kind in TAXONOMIES {
            routes.push(Route::TaxonomyIndex(kind));
            for (t, taxon) in self.taxonomy(kind).iter().enumerate() {
                let t = TermId::new(t);
                routes.push(Route::Term(kind, t));
                let pages = listing_pages(taxon.case_studies.len());
                routes.extend((2..=pages).map(|page| Route::TermPage(kind, t, page)));
            }
        }
        routes.extend(self.lesson_routes());
        for (o, org) in self.organisations.iter().enumerate() {
            let o = OrgId::new(o);
            routes.push(Route::Organisation(o));
            let pages = listing_pages(org.case_studies.len());
            routes.extend((2..=pages).map(|page| Route::OrganisationPage(o, page)));
        }
        routes.extend(PageId::all(self.pages.len()).map(Route::Page));
        if self.has_resources_page() {
            routes.push(Route::Resources);
        }
        routes
    }

    /// Every lessons page but the first of all lessons.
    fn lesson_routes(&self) -> Vec<Route> {
        let functions = TermId::all(self.functions.len()).map(LessonsOf::Function);
        let tags = TagId::all(self.tags.len()).map(LessonsOf::Tag);
        let mut routes = Vec::new();
        for of in std::iter::once(LessonsOf::All).chain(functions).chain(tags) {
            let first = if of == LessonsOf::All { 2 } else { 1 };
            routes.extend((first..=self.lesson_pages(of)).map(|page| Route::Lessons(of, page)));
        }
        routes
    }

    /// `content/resources.yaml` gets a page of its own unless a content page
    /// took `/resources/` (content validation reports that clash).
    pub fn has_resources_page(&self) -> bool {
        !self.resources.is_empty() && !self.pages.iter().any(|p| p.slug == "resources")
    }

    /// A route's site path, without the base path: `/functions/waste/`,
    /// `/atom.xml`, `/static/style.css`.
    pub fn path(&self, route: &Route) -> String {
        // A route's address depends on slugs alone, which are its identity:
        // the fields are read directly, so that linking to a page does not
        // count as reading it (see `crate::incremental`).
        match route {
            Route::Home => "/".into(),
            Route::CaseStudyIndex => "/case-studies/".into(),
            Route::CaseStudyIndexPage(page) => format!("/case-studies/page/{page}/"),
            Route::CaseStudy(id) => case_study_path(&self.case_studies[id.index()].slug),
            Route::TaxonomyIndex(kind) => format!("/{}/", section_of(*kind)),
            Route::Term(kind, id) => {
                incremental::read(|| Input::Config);
                format!("/{}/{}/", section_of(*kind), self.term_slug(*kind, *id))
            }
            Route::TermPage(kind, id, page) => {
                incremental::read(|| Input::Config);
                let slug = self.term_slug(*kind, *id);
                format!("/{}/{slug}/page/{page}/", section_of(*kind))
            }
            Route::OrganisationIndex => "/partners/".into(),
            Route::Organisation(id) => {
                format!("/partners/{}/", self.organisations[id.index()].slug)
            }
            Route::OrganisationPage(id, page) => {
                let slug = &self.organisations[id.index()].slug;
                format!("/partners/{slug}/page/{page}/")
            }
            Route::Page(id) => page_path(&self.pages[id.index()].slug),
            Route::Resources => "/resources/".into(),
            Route::Search => "/search/".into(),
            Route::DataPage => "/data/".into(),
            Route::Lessons(of, page) => {
                let list = match of {
                    LessonsOf::All => "/lessons/".to_owned(),
                    LessonsOf::Function(t) => {
                        incremental::read(|| Input::Config);
                        format!("/lessons/functions/{}/", self.term_slug(Kind::Function, *t))
                    }
                    LessonsOf::Tag(t) => format!("/lessons/tags/{}/", self.tags[t.index()].slug),
                };
                match page {
                    0 | 1 => list,
                    n => format!("{list}page/{n}/"),
                }
            }
            Route::LessonTags => "/lessons/tags/".into(),
            Route::NotFound => "/404.html".into(),
            Route::FeedPage => "/feed/".into(),
            Route::Atom => "/atom.xml".into(),
            Route::Sitemap => "/sitemap.xml".into(),
            Route::Robots => "/robots.txt".into(),
            Route::DataJson => "/data/case-studies.json".into(),
            Route::DataCsv => "/data/case-studies.csv".into(),
            Route::DataOrganisations => "/data/organisations.csv".into(),
            Route::DataFunctions => "/data/functions.csv".into(),
            Route::DataFigures => "/data/figures.csv".into(),
            Route::Asset(file) | Route::SearchFile(file) => format!("/{file}"),
        }
    }

    /// The file a route writes, relative to the output folder: a path that
    /// ends in `/` is a folder's `index.html`.
    pub fn output_file(&self, route: &Route) -> String {
        let path = self.path(route);
        let relative = path.trim_start_matches('/');
        if relative.is_empty() || relative.ends_with('/') {
            format!("{relative}index.html")
        } else {
            relative.to_owned()
        }
    }

    /// A route as a link inside the site: its path with the base path.
    pub fn href(&self, route: &Route) -> String {
        self.url(&self.path(route))
    }

    /// A route as the open data and structured data give it (see
    /// [`Site::public_url`]).
    pub fn public_link(&self, route: &Route) -> String {
        self.public_url(&self.path(route))
    }

    /// A route as an absolute URL (canonical links, feeds, sitemaps).
    pub fn permalink(&self, route: &Route) -> String {
        self.absolute_url(&self.path(route))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://x.org/a/b/"), "/a/b/");
        assert_eq!(base_path("https://x.org/"), "/");
    }

    #[test]
    fn output_files_follow_paths() {
        let (site, _) = Site::build(Content::default());
        assert_eq!(site.output_file(&Route::Home), "index.html");
        assert_eq!(site.output_file(&Route::NotFound), "404.html");
        assert_eq!(
            site.output_file(&Route::CaseStudyIndex),
            "case-studies/index.html"
        );
        assert_eq!(
            site.output_file(&Route::Asset("static/style.css".into())),
            "static/style.css"
        );
        assert_eq!(site.path(&Route::DataJson), "/data/case-studies.json");
    }

    #[test]
    fn listings_are_cut_into_pages_of_the_same_size() {
        let ids: Vec<usize> = (0..LISTING_PAGE_SIZE * 2 + 3).collect();
        assert_eq!(listing_pages(0), 1);
        assert_eq!(listing_pages(LISTING_PAGE_SIZE), 1);
        assert_eq!(listing_pages(ids.len()), 3);
        let pages: Vec<&[usize]> = (1..=3).map(|p| listing_page(&ids, p)).collect();
        assert_eq!(pages.concat(), ids);
        assert_eq!(pages[2].len(), 3);
        assert!(listing_page(&ids, 4).is_empty());
    }

    #[test]
    fn every_route_has_its_own_file() {
        let (site, _) = Site::build(Content::default());
        let routes = site.routes();
        let files: std::collections::BTreeSet<String> =
            routes.iter().map(|r| site.output_file(r)).collect();
        assert_eq!(files.len(), routes.len());
    }
}
