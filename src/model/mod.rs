//! The site model: one immutable value built from the validated content.
//! Case studies sorted, every taxonomy term with its case studies, every
//! organisation, every route, the bodies rendered with the routes known,
//! and the savings aggregates. Everything after this stage reads the model
//! and nothing else.

pub mod bodies;
pub mod ids;
pub mod lessons;
pub mod links;
pub mod markdown;
pub mod money;
mod near_names;
pub mod organisations;
mod patch;
pub mod register;
pub mod route;
pub mod sources;
pub mod tags;

use crate::content::case_study::FrontMatter;
use crate::content::resources::Resource;
use crate::content::site_config::SiteConfig;
use crate::content::vocabulary::{Kind, Vocabulary};
use crate::content::{CaseStudy, Content, Page, Slug};
use crate::diagnostics::Diagnostic;
use crate::incremental::{self, Input};
pub use bodies::BodyCache;
pub use ids::{CaseStudyId, OrgId, PageId, TagId, TermId};
pub use markdown::Rendered;
use money::Totals;
use organisations::Organisation;
pub use route::{Route, TAXONOMIES, section_of};
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone)]
/// Its fields are private: every stage reads them through the accessors
/// below, which note what each output reads (see `crate::incremental`), so
/// no page can depend on something the dev server does not know about.
pub struct Site {
    /// The site's folder, to read a file again (see `sources`).
    root: PathBuf,
    config: SiteConfig,
    /// Path prefix of every internal URL: `/` or `/sub/`.
    base_path: String,
    vocab: Vocabulary,
    /// Sorted by title; a case study's index here is its id everywhere else.
    /// Shared, so that the dev server's patched copies cost a pointer each.
    case_studies: Vec<Arc<CaseStudy>>,
    /// Each case study's regions: the union of its partners' regions, in vocabulary order.
    regions_of: Arc<Vec<Vec<Slug>>>,
    /// Each case study's partners' organisations, in the order of its `partners:`.
    partner_orgs: Arc<Vec<Vec<OrgId>>>,
    /// Each case study's rendered body, by id.
    case_study_bodies: Vec<Arc<Rendered>>,
    /// Whether the bodies' plain text was moved out for the search index
    /// ([`Site::take_body_texts`]): a body shared with the dev server's
    /// cache keeps its own, but the site no longer hands it out.
    body_texts_taken: bool,
    pages: Vec<Page>,
    /// Each page's rendered body, by id.
    page_bodies: Vec<Arc<Rendered>>,
    resources: Vec<Resource>,
    functions: Arc<Vec<Taxon>>,
    regions: Arc<Vec<Taxon>>,
    models: Arc<Vec<Taxon>>,
    organisations: Arc<Vec<Organisation>>,
    /// The case studies' tags, by label.
    tags: Arc<Vec<tags::Tag>>,
    /// Case study ids, newest first (by `date`, then title).
    latest: Arc<Vec<CaseStudyId>>,
    /// Every figure of the site added up, by the rules of `money`.
    totals: Totals,
    /// What a `.md` link in a body can lead to (made once per full build).
    link_targets: Arc<bodies::Targets>,
    /// The path of every route, for the link check (made once per full build).
    known_paths: Arc<std::collections::BTreeSet<String>>,
    /// The lists of case studies the lessons pages show, made on first use.
    lesson_lists: lessons::LessonLists,
}

/// Every case study body's plain text, by id (see [`Site::body_texts`]).
pub struct BodyTexts<'a>(Vec<Cow<'a, str>>);

impl BodyTexts<'_> {
    /// The text of case study `id`. The texts come from the site whose ids
    /// these are; an id past them (a bug) gives no text rather than a panic.
    pub fn of(&self, id: CaseStudyId) -> &str {
        debug_assert!(id.index() < self.0.len(), "no text for {id:?}");
        self.0.get(id.index()).map_or("", |t| t)
    }
}

impl Taxon {
    pub fn route(&self) -> Route {
        Route::Term(self.kind, self.id)
    }
}

/// One term of a taxonomy with the case studies filed under it.
#[derive(Debug, Clone)]
pub struct Taxon {
    pub kind: Kind,
    pub id: TermId,
    pub slug: Slug,
    pub label: String,
    pub group: String,
    pub code: String,
    /// What its page says about it (from the vocabulary).
    pub description: String,
    pub case_studies: Vec<CaseStudyId>,
    /// The figures filed under the term added up (see [`term_totals`]).
    pub totals: Totals,
}

impl Site {
    /// Builds the model; returns the diagnostics of the checks that need the
    /// whole site (organisation spellings, bodies, links between pages).
    /// The files' texts are dropped once checked (see `sources`).
    pub fn build(content: Content) -> (Site, Vec<Diagnostic>) {
        let (mut site, diagnostics) = Site::build_with(content, &mut BodyCache::off());
        site.drop_sources();
        (site, diagnostics)
    }

    /// Like [`Site::build`], rendering again only the bodies that `cache`
    /// does not hold as they are now, and keeping the files' texts (which
    /// the dev server's caches hold anyway).
    pub fn build_with(content: Content, cache: &mut BodyCache) -> (Site, Vec<Diagnostic>) {
        let Content {
            root,
            config,
            vocab,
            mut case_studies,
            pages,
            resources,
            rejected,
            preview_drafts,
        } = content;
        case_studies.sort_by_cached_key(|c| title_order_key(&c.matter.title, &c.slug));
        let case_studies: Vec<Arc<CaseStudy>> = case_studies.into_iter().map(Arc::new).collect();
        let regions_of: Vec<Vec<Slug>> = case_studies
            .iter()
            .map(|c| regions_of(&c.matter, &vocab))
            .collect();
        let functions = build_taxonomy(&vocab, Kind::Function, &case_studies, &regions_of, |i| {
            case_studies[i].matter.functions.clone()
        });
        let regions = build_taxonomy(&vocab, Kind::Region, &case_studies, &regions_of, |i| {
            regions_of[i].clone()
        });
        let models = build_taxonomy(&vocab, Kind::Model, &case_studies, &regions_of, |i| {
            vec![case_studies[i].matter.model.clone()]
        });
        let (organisations, partner_orgs, mut diagnostics) = organisations::gather(&case_studies);
        let latest = newest_first(&case_studies);
        let tags = tags::gather(&case_studies, &vocab);
        let totals = money::add_up(
            &case_studies,
            CaseStudyId::all(case_studies.len()),
            money::Scope::All,
        );
        let mut site = Site {
            root,
            base_path: route::base_path(&config.base_url),
            config,
            vocab,
            case_studies,
            regions_of: Arc::new(regions_of),
            partner_orgs: Arc::new(partner_orgs),
            case_study_bodies: Vec::new(),
            body_texts_taken: false,
            pages,
            page_bodies: Vec::new(),
            resources,
            functions: Arc::new(functions),
            regions: Arc::new(regions),
            models: Arc::new(models),
            organisations: Arc::new(organisations),
            tags: Arc::new(tags),
            latest: Arc::new(latest),
            totals,
            link_targets: Arc::default(),
            known_paths: Arc::default(),
            lesson_lists: Default::default(),
        };
        site.link_targets = Arc::new(bodies::Targets::new(&site, &rejected));
        site.known_paths = Arc::new(site.routes().iter().map(|r| site.path(r)).collect());
        // Bodies are rendered once the routes exist, so links resolve to them.
        let bodies = bodies::render(&site, &rejected, cache);
        site.case_study_bodies = bodies.case_studies;
        site.page_bodies = bodies.pages;
        diagnostics.extend(bodies.diagnostics);
        diagnostics.extend(links::check(&site));
        crate::content::soften_drafts(&mut diagnostics, &preview_drafts);
        (site, diagnostics)
    }

    /// Every term of a taxonomy (each noted as read).
    pub fn taxonomy(&self, kind: Kind) -> &[Taxon] {
        let taxa = self.taxa(kind);
        for t in taxa {
            incremental::read(|| Input::Term(kind, t.slug.clone()));
        }
        taxa
    }

    fn taxa(&self, kind: Kind) -> &[Taxon] {
        match kind {
            Kind::Function => &self.functions,
            Kind::Region => &self.regions,
            Kind::Model => &self.models,
            Kind::OrganisationType | Kind::Tag => &[],
        }
    }

    // The accessors below note what they hand out, so that the dev server
    // knows which outputs read what (see `crate::incremental`).

    pub fn case_study(&self, id: CaseStudyId) -> &CaseStudy {
        let c = &self.case_studies[id.index()];
        incremental::read_case_study(&c.file);
        c
    }

    /// The id of the case study read from `file` (as diagnostics name it).
    pub fn case_study_by_file(&self, file: &std::path::Path) -> Option<CaseStudyId> {
        self.case_studies
            .iter()
            .position(|c| c.file == file)
            .map(CaseStudyId::new)
    }

    /// The case study read from `file`, which had the id `id` when a list
    /// holding both was made: `id` itself while it still is that file (a
    /// check, not a search), else wherever the file is now, if anywhere.
    pub fn find_case_study(&self, id: CaseStudyId, file: &std::path::Path) -> Option<CaseStudyId> {
        match self.case_studies.get(id.index()) {
            Some(c) if c.file == file => Some(id),
            _ => self.case_study_by_file(file),
        }
    }

    /// A case study's body, rendered: an input of its own, apart from the front matter.
    pub fn case_study_body(&self, id: CaseStudyId) -> &Arc<Rendered> {
        let c = &self.case_studies[id.index()];
        incremental::read(|| Input::CaseStudyBody(c.file.clone()));
        &self.case_study_bodies[id.index()]
    }

    /// Every case study body's plain text, by id, for the search index and
    /// the related case studies (its only readers); `None` once
    /// [`Site::take_body_texts`] has moved it out.
    pub fn body_texts(&self) -> Option<BodyTexts<'_>> {
        (!self.body_texts_taken).then(|| {
            BodyTexts(
                CaseStudyId::all(self.case_studies.len())
                    .map(|id| Cow::Borrowed(self.case_study_body(id).text.as_str()))
                    .collect(),
            )
        })
    }

    /// Every case study body's plain text, moved out of the site, or `None`
    /// if it already was: a one-off build hands it to the search index and
    /// drops it once the related case studies are made, instead of holding
    /// it through the export and every page (README, Performance). A body
    /// shared with the dev server's cache gives a copy. Afterwards
    /// [`Site::body_texts`] gives `None`.
    pub fn take_body_texts(&mut self) -> Option<BodyTexts<'static>> {
        if self.body_texts_taken {
            return None;
        }
        self.body_texts_taken = true;
        Some(BodyTexts(
            self.case_study_bodies
                .iter_mut()
                .map(|body| match Arc::get_mut(body) {
                    Some(body) => Cow::Owned(std::mem::take(&mut body.text)),
                    None => Cow::Owned(body.text.clone()),
                })
                .collect(),
        ))
    }

    /// A page's body, rendered (noted as reading the page).
    pub fn page_body(&self, id: PageId) -> &Arc<Rendered> {
        let p = &self.pages[id.index()];
        incremental::read(|| Input::Page(p.file.clone()));
        &self.page_bodies[id.index()]
    }

    pub fn page(&self, id: PageId) -> &Page {
        let p = &self.pages[id.index()];
        incremental::read(|| Input::Page(p.file.clone()));
        p
    }

    pub fn organisation(&self, id: OrgId) -> &Organisation {
        let o = &self.organisations[id.index()];
        incremental::read(|| Input::Organisation(o.slug.clone()));
        o
    }

    pub fn term(&self, kind: Kind, id: TermId) -> &Taxon {
        let t = &self.taxa(kind)[id.index()];
        incremental::read(|| Input::Term(kind, t.slug.clone()));
        t
    }

    /// A term's slug (from the vocabulary), without reading the term.
    pub(crate) fn term_slug(&self, kind: Kind, id: TermId) -> &str {
        &self.taxa(kind)[id.index()].slug
    }

    /// Every case study, for outputs that list or count them all.
    pub fn all_case_studies(&self) -> &[Arc<CaseStudy>] {
        incremental::read(|| Input::CaseStudyList);
        &self.case_studies
    }

    /// Path prefix of every internal URL: `/` or `/sub/`.
    pub fn base_path(&self) -> &str {
        incremental::read(|| Input::Config);
        &self.base_path
    }

    /// A case study's regions: its partners' regions, in vocabulary order.
    pub fn regions_of(&self, id: CaseStudyId) -> &[Slug] {
        let c = &self.case_studies[id.index()];
        incremental::read_case_study(&c.file);
        &self.regions_of[id.index()]
    }

    /// Every content page (about, accessibility...).
    pub fn all_pages(&self) -> &[Page] {
        incremental::read(|| Input::PageList);
        &self.pages
    }

    /// The further-reading list (`resources.yaml`).
    pub fn resources(&self) -> &[Resource] {
        incremental::read(|| Input::Resources);
        &self.resources
    }

    /// The site's settings (`site.yaml`).
    pub fn settings(&self) -> &SiteConfig {
        incremental::read(|| Input::Config);
        &self.config
    }

    /// The vocabularies (built in, extended in `site.yaml`).
    pub fn vocabulary(&self) -> &Vocabulary {
        incremental::read(|| Input::Config);
        &self.vocab
    }

    /// Case study ids, newest first.
    pub fn latest_case_studies(&self) -> &[CaseStudyId] {
        incremental::read(|| Input::CaseStudyList);
        &self.latest
    }

    /// Every figure of the site added up (see `money`).
    pub fn totals(&self) -> &Totals {
        incremental::read(|| Input::CaseStudyList);
        &self.totals
    }

    /// Every tag of the case studies, by label.
    pub fn tags(&self) -> &[tags::Tag] {
        incremental::read(|| Input::CaseStudyList);
        &self.tags
    }

    /// Every organisation, for outputs that list or count them all.
    pub fn all_organisations(&self) -> &[Organisation] {
        incremental::read(|| Input::OrganisationList);
        &self.organisations
    }

    /// The route of a vocabulary term, which depends on the vocabulary alone
    /// (not on the term's case studies).
    pub fn term_route(&self, kind: Kind, slug: &str) -> Option<Route> {
        incremental::read(|| Input::Config);
        self.taxa(kind)
            .iter()
            .find(|t| t.slug == slug)
            .map(Taxon::route)
    }

    /// Every case study's id, in model order.
    pub fn case_study_ids(&self) -> impl Iterator<Item = CaseStudyId> + '_ {
        incremental::read(|| Input::CaseStudyList);
        CaseStudyId::all(self.case_studies.len())
    }

    /// The organisations of a case study's partners, with the partners.
    pub fn partners_of(
        &self,
        id: CaseStudyId,
    ) -> impl Iterator<Item = (&crate::content::case_study::Partner, OrgId)> + '_ {
        self.case_study(id)
            .matter
            .partners
            .iter()
            .zip(self.partner_orgs[id.index()].iter().copied())
    }

    /// A site path (`/functions/waste/`) as a link: with the base path.
    pub fn url(&self, path: &str) -> String {
        incremental::read(|| Input::Config);
        format!("{}{}", self.base_path.trim_end_matches('/'), path)
    }

    /// A site path as readers' links outside the pages use it (the open
    /// data's `url`, structured data): absolute when the base URL is known,
    /// else the path with the base path, which works wherever the site is
    /// served from its root rather than pointing at a placeholder host.
    pub fn public_url(&self, path: &str) -> String {
        incremental::read(|| Input::Config);
        if self.config.base_url_given {
            self.absolute_url(path)
        } else {
            self.url(path)
        }
    }

    /// A site path (`/functions/waste/`, without the base path) as an
    /// absolute URL, for canonical links, feeds and sitemaps.
    pub fn absolute_url(&self, path: &str) -> String {
        incremental::read(|| Input::Config);
        format!(
            "{}{}",
            self.config.base_url,
            path.strip_prefix('/').unwrap_or(path)
        )
    }
}

/// What case studies are sorted by: the title, regardless of case, then
/// the slug.
fn title_order_key(title: &str, slug: &str) -> (String, String) {
    (title.to_lowercase(), slug.to_owned())
}

/// Case study ids, newest first (by `date`, then in model order).
fn newest_first(case_studies: &[Arc<CaseStudy>]) -> Vec<CaseStudyId> {
    let mut latest: Vec<CaseStudyId> = CaseStudyId::all(case_studies.len()).collect();
    latest.sort_by(|&a, &b| newest_first_order(case_studies, a, b));
    latest
}

/// The order of [`newest_first`]: by `date`, newest first, then in model order.
fn newest_first_order(
    case_studies: &[Arc<CaseStudy>],
    a: CaseStudyId,
    b: CaseStudyId,
) -> std::cmp::Ordering {
    case_studies[b.index()]
        .matter
        .date
        .cmp(&case_studies[a.index()].matter.date)
        .then(a.cmp(&b))
}

fn all_ids(site: &Site) -> impl Iterator<Item = CaseStudyId> + use<> {
    CaseStudyId::all(site.case_studies.len())
}

/// A term's totals: under a function, the figures about that function
/// alone; under a region, the figures of arrangements wholly in it; under a
/// model, every figure of its arrangements (each has one model). So a
/// figure counts at most once among a taxonomy's terms.
fn term_totals(t: &Taxon, case_studies: &[Arc<CaseStudy>], regions_of: &[Vec<Slug>]) -> Totals {
    let members = t.case_studies.iter().copied();
    match t.kind {
        Kind::Function => money::add_up(case_studies, members, money::Scope::Function(&t.slug)),
        Kind::Region => money::add_up(
            case_studies,
            members.filter(
                |id| matches!(regions_of[id.index()].as_slice(), [only] if t.slug == *only),
            ),
            money::Scope::All,
        ),
        Kind::Model | Kind::OrganisationType | Kind::Tag => {
            money::add_up(case_studies, members, money::Scope::All)
        }
    }
}

fn regions_of(matter: &FrontMatter, vocab: &Vocabulary) -> Vec<Slug> {
    let mut regions: Vec<Slug> = matter
        .partners
        .iter()
        .filter_map(|p| p.region.clone())
        .collect();
    regions.sort_by_key(|r| vocab.rank(Kind::Region, r));
    regions.dedup();
    regions
}

fn build_taxonomy(
    vocab: &Vocabulary,
    kind: Kind,
    case_studies: &[Arc<CaseStudy>],
    regions_of: &[Vec<Slug>],
    terms_of: impl Fn(usize) -> Vec<Slug>,
) -> Vec<Taxon> {
    let mut taxa: Vec<Taxon> = vocab
        .terms(kind)
        .iter()
        .enumerate()
        .map(|(i, t)| Taxon {
            kind,
            id: TermId::new(i),
            slug: t.slug.clone(),
            label: t.label.clone(),
            group: t.group.clone(),
            code: t.code.clone(),
            description: t.description.clone(),
            case_studies: Vec::new(),
            totals: Totals::default(),
        })
        .collect();
    let index: std::collections::HashMap<Slug, usize> = taxa
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.clone(), i))
        .collect();
    for i in 0..case_studies.len() {
        for slug in terms_of(i) {
            if let Some(t) = index.get(slug.as_str()).map(|&j| &mut taxa[j]) {
                t.case_studies.push(CaseStudyId::new(i));
            }
        }
    }
    for t in &mut taxa {
        t.totals = term_totals(t, case_studies, regions_of);
    }
    taxa
}
