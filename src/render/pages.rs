//! HTML pages: for each job, the template and the view it gets.

use super::Renderer;
use super::views::{self, Link, card, cards, page_meta, taxon_view, totals_view};
use crate::content::vocabulary::Kind;
use crate::diagnostics::Diagnostic;
use crate::model::route::listing_page;
use crate::model::{CaseStudyId, OrgId, Route, Site, TermId, section_of};
use serde::Serialize;
use tera::Context;

pub(super) fn base_context(r: &Renderer, meta: views::PageMeta) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", &views::site_view(r.site));
    ctx.insert("page", &meta);
    ctx.insert("style_url", &asset_url(r, "static/style.css"));
    ctx
}

/// An asset's URL with a content hash, so browsers may cache it forever.
pub fn asset_url(r: &Renderer, path: &str) -> String {
    crate::incremental::read(|| crate::incremental::Input::Asset(path.to_owned()));
    let hash = r
        .theme
        .hashes
        .get(path)
        .map(String::as_str)
        .unwrap_or_default();
    format!("{}?v={hash}", r.site.href(&Route::Asset(path.to_owned())))
}

pub(super) fn render(r: &Renderer, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
    r.templates
        .render(template, ctx)
        .map_err(|e| super::templates::template_error(r.theme, &e))
}

pub fn render_page(r: &Renderer, route: &Route) -> Result<String, Diagnostic> {
    let site = r.site;
    let path = site.path(route);
    match route {
        Route::Home => home(r, &path),
        Route::CaseStudyIndex => case_study_index(r, 1, &path),
        Route::CaseStudyIndexPage(page) => case_study_index(r, *page, &path),
        Route::CaseStudy(i) => case_study(r, *i, &path),
        Route::TaxonomyIndex(kind) => taxonomy_index(r, *kind, &path),
        Route::Term(kind, i) => term(r, *kind, *i, 1, &path),
        Route::TermPage(kind, i, page) => term(r, *kind, *i, *page, &path),
        Route::OrganisationIndex => partners_index(r, &path),
        Route::Organisation(i) => partner(r, *i, 1, &path),
        Route::OrganisationPage(i, page) => partner(r, *i, *page, &path),
        Route::Page(i) => {
            let p = site.page(*i);
            let body = site.page_body(*i);
            let description = if p.matter.summary.is_empty() {
                body.text.clone()
            } else {
                p.matter.summary.clone()
            };
            let mut meta = page_meta(
                site,
                &p.matter.title,
                &description,
                &path,
                &[(p.matter.title.as_str(), path.as_str())],
            );
            meta.draft = p.matter.draft;
            let mut ctx = base_context(r, meta);
            ctx.insert("body_html", &body.html);
            render(r, "page.html", &ctx)
        }
        Route::Resources => resources(r, &path),
        Route::Search => {
            let mut ctx = base_context(
                r,
                page_meta(
                    site,
                    "Search",
                    "Search the case studies.",
                    &path,
                    &[("Search", "/search/")],
                ),
            );
            ctx.insert("filters", &filter_options(site));
            // Every slug a filter may take, so that the page can say "did
            // you mean" for one that is not, as `compendium search` does.
            let vocab = site.vocabulary();
            let known = serde_json::json!({
                "function": vocab.slugs(Kind::Function),
                "region": vocab.slugs(Kind::Region),
                "model": vocab.slugs(Kind::Model),
                "type": vocab.slugs(Kind::OrganisationType),
                "status": crate::content::case_study::STATUS_LABELS.map(|(s, _)| s),
                "tier": crate::content::case_study::TIER_LABELS.map(|(s, _)| s),
            });
            ctx.insert("vocabulary", &known.to_string());
            crate::incremental::read(|| crate::incremental::Input::SearchManifest);
            ctx.insert("manifest_url", &site.url(r.search_manifest));
            ctx.insert("analyzer_url", &asset_url(r, "static/search/analyzer.js"));
            ctx.insert("engine_url", &asset_url(r, "static/search/engine.js"));
            ctx.insert("passages_url", &asset_url(r, "static/search/passages.js"));
            ctx.insert("ui_url", &asset_url(r, "static/search/ui.js"));
            render(r, "search.html", &ctx)
        }
        Route::DataPage => {
            let mut ctx = base_context(
                r,
                page_meta(
                    site,
                    "Open data",
                    "Every case study as open data: JSON and CSV downloads.",
                    &path,
                    &[("Open data", "/data/")],
                ),
            );
            ctx.insert("count", &site.all_case_studies().len());
            ctx.insert("json_url", &site.href(&Route::DataJson));
            ctx.insert("csv_url", &site.href(&Route::DataCsv));
            ctx.insert("organisations_url", &site.href(&Route::DataOrganisations));
            ctx.insert("functions_url", &site.href(&Route::DataFunctions));
            ctx.insert("figures_url", &site.href(&Route::DataFigures));
            ctx.insert("organisation_count", &site.all_organisations().len());
            ctx.insert("jsonld", &super::data::dataset_json_ld(site));
            render(r, "data.html", &ctx)
        }
        Route::Lessons(of, page) => super::lessons::lessons(r, *of, *page, &path),
        Route::LessonTags => super::lessons::lesson_tags(r, &path),
        Route::FeedPage => feed_page(r, &path),
        other => Err(Diagnostic::internal(format!(
            "{other:?} is not an HTML page"
        ))),
    }
}

/// Page `page` of the list of every case study. A list on one page can be
/// filtered and sorted in the page (`listing.js`); a longer one points to
/// the search page, which filters all of them.
fn case_study_index(r: &Renderer, page: u32, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let ids: Vec<CaseStudyId> = site.case_study_ids().collect();
    let pager = views::pager(site, ids.len(), page, |n| match n {
        1 => Route::CaseStudyIndex,
        n => Route::CaseStudyIndexPage(n),
    });
    let title = match pager.pages {
        1 => "Case studies".to_owned(),
        pages => format!("Case studies, page {page} of {pages}"),
    };
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            &title,
            &format!(
                "All {} case studies of councils sharing services.",
                ids.len()
            ),
            path,
            &[("Case studies", "/case-studies/")],
        ),
    );
    ctx.insert("heading", &title);
    ctx.insert("count", &ids.len());
    ctx.insert("case_studies", &cards(site, listing_page(&ids, page)));
    ctx.insert("pager", &pager);
    ctx.insert("filters", &filter_options(site));
    // A sort is offered only where it changes the order: by date when the
    // case studies were not all written on one day.
    let cases = site.all_case_studies();
    let dates_differ = cases.iter().any(|c| c.matter.date != cases[0].matter.date);
    ctx.insert("dates_differ", &dates_differ);
    ctx.insert("listing_url", &asset_url(r, "static/listing.js"));
    ctx.insert("search_url", &site.href(&Route::Search));
    render(r, "case_studies.html", &ctx)
}

/// What the feed is, how many case studies it holds and in what order.
fn feed_page(r: &Renderer, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            "Follow new case studies",
            "A feed of the newest case studies, for a feed reader.",
            path,
            &[("Feed", path)],
        ),
    );
    let total = site.all_case_studies().len();
    let size = super::feeds::FEED_SIZE;
    ctx.insert("feed_url", &site.permalink(&Route::Atom));
    ctx.insert("feed_href", &site.href(&Route::Atom));
    ctx.insert("feed_size", &size);
    ctx.insert("held", &total.min(size));
    ctx.insert("total", &total);
    ctx.insert("base_url_given", &site.settings().base_url_given);
    render(r, "feed.html", &ctx)
}

pub fn not_found(r: &Renderer) -> Result<String, Diagnostic> {
    let ctx = base_context(
        r,
        page_meta(
            r.site,
            "Page not found",
            "This page does not exist.",
            &r.site.path(&Route::NotFound),
            &[],
        ),
    );
    render(r, "404.html", &ctx)
}

#[derive(Serialize)]
struct Headline {
    case_studies: usize,
    organisations: usize,
    regions: usize,
    /// Every region of the vocabulary, as the regions' index lists them.
    all_regions: usize,
    councils: usize,
}

fn home(r: &Renderer, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            &site.settings().title,
            &site.settings().description,
            path,
            &[],
        ),
    );
    ctx.insert(
        "headline",
        &Headline {
            case_studies: site.all_case_studies().len(),
            organisations: site.all_organisations().len(),
            regions: site
                .taxonomy(Kind::Region)
                .iter()
                .filter(|t| !t.case_studies.is_empty())
                .count(),
            all_regions: site.taxonomy(Kind::Region).len(),
            councils: site
                .all_organisations()
                .iter()
                .filter(|o| is_council(&o.org_type))
                .count(),
        },
    );
    ctx.insert("totals", &totals_view(site, site.totals()));
    ctx.insert("map", &super::visuals::map_view(site, None));
    ctx.insert("map_url", &asset_url(r, "static/map.js"));
    ctx.insert("charts", &super::visuals::home_charts(site));
    // "Newest" only means something when the dates differ.
    let dated = site.latest_case_studies();
    let dates_differ = dated
        .first()
        .zip(dated.last())
        .is_some_and(|(a, b)| site.case_study(*a).matter.date != site.case_study(*b).matter.date);
    let latest: Vec<CaseStudyId> = if dates_differ {
        dated.iter().copied().take(6).collect()
    } else {
        Vec::new()
    };
    ctx.insert("latest", &cards(site, &latest));
    ctx.insert("as_of", &as_of(site));
    ctx.insert("functions", &top_terms(site, Kind::Function, 8));
    render(r, "home.html", &ctx)
}

/// Where and when the facts come from, for the home page's first screen:
/// the one source every case study names first, with the span of dates
/// written; `None` for a site with no case study.
fn as_of(site: &Site) -> Option<String> {
    let all = site.all_case_studies();
    let years: Vec<u16> = all.iter().map(|c| c.matter.date.year).collect();
    let (first, last) = (years.iter().min()?, years.iter().max()?);
    let written = if first == last {
        format!("written in {first}")
    } else {
        format!("written {first} to {last}")
    };
    let mut sources = all
        .iter()
        .map(|c| c.matter.sources.first().map(|s| s.title.as_str()));
    let one = sources.next().flatten();
    match one {
        Some(title) if sources.all(|s| s == Some(title)) => Some(format!(
            "Every case study as described in {title}, {written}: the facts are as of then, unless a page says otherwise."
        )),
        _ => Some(format!(
            "Case studies as described in their sources, {written}: the facts are as of then, unless a page says otherwise."
        )),
    }
}

pub fn is_council(org_type: &str) -> bool {
    matches!(
        org_type,
        "county" | "district" | "unitary" | "metropolitan" | "london-borough"
    )
}

fn top_terms(site: &Site, kind: Kind, n: usize) -> Vec<views::TaxonView> {
    let mut terms: Vec<_> = site
        .taxonomy(kind)
        .iter()
        .filter(|t| !t.case_studies.is_empty())
        .collect();
    terms.sort_by(|a, b| {
        b.case_studies
            .len()
            .cmp(&a.case_studies.len())
            .then(a.label.cmp(&b.label))
    });
    terms
        .into_iter()
        .take(n)
        .map(|t| taxon_view(site, t))
        .collect()
}

#[derive(Serialize)]
struct Listed {
    kind: &'static str,
    label: String,
    url: String,
}

fn case_study(r: &Renderer, id: CaseStudyId, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let c = site.case_study(id);
    let mut meta = page_meta(
        site,
        &c.matter.title,
        &c.matter.summary,
        path,
        &[
            ("Case studies", "/case-studies/"),
            (c.matter.title.as_str(), path),
        ],
    );
    meta.draft = c.matter.draft;
    let mut ctx = base_context(r, meta);
    let view = views::case_study_view(site, id);
    let mut listed: Vec<Listed> = Vec::new();
    listed.extend(view.card.functions.iter().map(|t| Listed {
        kind: "Function",
        label: t.label.clone(),
        url: t.url.clone(),
    }));
    listed.extend(view.card.regions.iter().map(|t| Listed {
        kind: "Region",
        label: t.label.clone(),
        url: t.url.clone(),
    }));
    listed.push(Listed {
        kind: "Delivery model",
        label: view.card.model.label.clone(),
        url: view.card.model.url.clone(),
    });
    listed.extend(view.partners.iter().map(|p| Listed {
        kind: "Organisation",
        label: p.name.clone(),
        url: p.url.clone(),
    }));
    ctx.insert("jsonld", &case_study_json_ld(site, id));
    ctx.insert(
        "related",
        &super::related::related_views(site, r.related, id),
    );
    ctx.insert("cs", &view);
    ctx.insert("listed_in", &listed);
    render(r, "case_study.html", &ctx)
}

fn kind_names(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Function => ("Functions", "function"),
        Kind::Region => ("Regions", "region"),
        Kind::Model => ("Delivery models", "delivery model"),
        Kind::OrganisationType => ("Organisations", "organisation"),
        Kind::Tag => ("Tags", "tag"),
    }
}

/// A term on its taxonomy's index: what it is called and how many case
/// studies it holds (its totals are on its own page).
#[derive(Serialize)]
struct IndexRow {
    label: String,
    url: String,
    group: String,
    count: usize,
}

fn taxonomy_index(r: &Renderer, kind: Kind, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let (title, noun) = kind_names(kind);
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            title,
            &format!("Case studies by {noun}, with counts."),
            path,
            &[(title, path)],
        ),
    );
    let taxa = site.taxonomy(kind);
    let terms: Vec<IndexRow> = taxa
        .iter()
        .map(|t| IndexRow {
            label: t.label.clone(),
            url: site.href(&t.route()),
            group: t.group.clone(),
            count: t.case_studies.len(),
        })
        .collect();
    let listed: usize = terms.iter().map(|t| t.count).sum();
    ctx.insert(
        "with_case_studies",
        &terms.iter().filter(|t| t.count > 0).count(),
    );
    ctx.insert("listed", &listed);
    ctx.insert("total", &site.all_case_studies().len());
    ctx.insert("terms", &terms);
    ctx.insert("kind", section_of(kind));
    ctx.insert("noun", noun);
    ctx.insert("plural", &title.to_lowercase());
    render(r, "taxonomy_index.html", &ctx)
}

/// A term's page: its totals and map and the first page of its case
/// studies; later pages (`page` 2...) list the case studies alone.
fn term(r: &Renderer, kind: Kind, id: TermId, page: u32, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let taxa = site.taxonomy(kind);
    let t = site.term(kind, id);
    let (title, noun) = kind_names(kind);
    let index_path = site.path(&Route::TaxonomyIndex(kind));
    let first_path = site.path(&t.route());
    let count = t.case_studies.len();
    let pager = views::pager(site, count, page, |n| match n {
        1 => Route::Term(kind, id),
        n => Route::TermPage(kind, id, n),
    });
    let heading = match page {
        1 => t.label.clone(),
        _ => format!("{}: case studies, page {page} of {}", t.label, pager.pages),
    };
    let description = format!(
        "{count} case stud{} of shared services in {}: {}.",
        if count == 1 { "y" } else { "ies" },
        noun,
        t.label
    );
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            &heading,
            &description,
            path,
            &[
                (title, index_path.as_str()),
                (t.label.as_str(), first_path.as_str()),
            ],
        ),
    );
    ctx.insert("heading", &heading);
    ctx.insert("first_page", &(page == 1));
    // The totals are on the first page alone (and cost a walk over every
    // figure of the term's case studies).
    if page == 1 {
        ctx.insert("term", &taxon_view(site, t));
    } else {
        ctx.insert(
            "term",
            &serde_json::json!({ "label": t.label, "count": count }),
        );
    }
    ctx.insert("kind", section_of(kind));
    ctx.insert("noun", noun);
    ctx.insert(
        "case_studies",
        &cards(site, listing_page(&t.case_studies, page)),
    );
    ctx.insert("pager", &pager);
    if kind == Kind::Region && page == 1 {
        ctx.insert("map", &super::visuals::map_view(site, Some(t)));
        ctx.insert("map_url", &asset_url(r, "static/map.js"));
    }
    let neighbour = |j: Option<usize>| {
        j.and_then(|j| taxa.get(j)).map(|n| Link {
            label: n.label.clone(),
            url: site.href(&n.route()),
        })
    };
    ctx.insert("previous", &neighbour(id.index().checked_sub(1)));
    ctx.insert("next", &neighbour(Some(id.index() + 1)));
    render(r, "term.html", &ctx)
}

#[derive(Serialize)]
struct OrgRow {
    name: String,
    url: String,
    type_label: String,
    group: bool,
    region: Option<views::TermLink>,
    count: usize,
}

fn partners_index(r: &Renderer, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            "Organisations",
            "Every organisation taking part in a shared arrangement.",
            path,
            &[("Organisations", path)],
        ),
    );
    let rows: Vec<OrgRow> = site
        .all_organisations()
        .iter()
        .map(|o| OrgRow {
            name: o.name.clone(),
            url: site.href(&Route::Organisation(o.id)),
            type_label: o.what(site.vocabulary()).into(),
            group: o.group,
            region: o
                .region
                .as_ref()
                .map(|r| views::term_link(site, Kind::Region, r)),
            count: o.case_studies.len(),
        })
        .collect();
    let groups = rows.iter().filter(|o| o.group).count();
    ctx.insert("groups", &groups);
    ctx.insert("organisations", &rows);
    render(r, "partners_index.html", &ctx)
}

#[derive(Serialize)]
struct Arrangement {
    card: views::Card,
    with: Vec<Link>,
    lead: bool,
}

/// Page `page` of an organisation's arrangements, with who it is first: its
/// type and region, other names, and the register's entry in a details
/// block (codes are for the data, not the main view).
fn partner(r: &Renderer, org: OrgId, page: u32, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let o = site.organisation(org);
    let count = o.case_studies.len();
    let group = o.group;
    let arrangements_text = format!(
        "{count} shared arrangement{}",
        if count == 1 { "" } else { "s" }
    );
    let type_label = site.vocabulary().label(Kind::OrganisationType, &o.org_type);
    let region = o
        .region
        .as_ref()
        .map(|r| views::term_link(site, Kind::Region, r));
    let description = if group {
        format!(
            "{}: a group of organisations named as one partner, in {arrangements_text}.",
            o.name
        )
    } else {
        format!("{} takes part in {arrangements_text}.", o.name)
    };
    let pager = views::pager(site, count, page, |n| match n {
        1 => Route::Organisation(org),
        n => Route::OrganisationPage(org, n),
    });
    let title = match pager.pages {
        1 => o.name.clone(),
        pages => format!("{}, page {} of {pages}", o.name, pager.current),
    };
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            &title,
            &description,
            path,
            &[
                ("Organisations", &site.path(&Route::OrganisationIndex)),
                (o.name.as_str(), &site.path(&Route::Organisation(org))),
            ],
        ),
    );
    let arrangements: Vec<Arrangement> = listing_page(&o.case_studies, pager.current)
        .iter()
        .map(|&id| Arrangement {
            card: card(site, id),
            with: site
                .partners_of(id)
                .filter(|(_, other)| *other != org)
                .map(|(p, other)| Link {
                    label: p.name.clone(),
                    url: site.href(&Route::Organisation(other)),
                })
                .collect(),
            lead: site
                .partners_of(id)
                .any(|(p, other)| p.lead && other == org),
        })
        .collect();
    let register = o.council.map(|c| {
        let register = crate::model::register::Register::bundled();
        let replaced_by: Vec<&str> = c
            .replaced_by
            .iter()
            .filter_map(|code| register.by_code(code).map(|s| s.name.as_str()))
            .collect();
        serde_json::json!({
            "code": c.code,
            "name": c.name,
            "name_differs": c.name != o.name,
            "gss": c.gss,
            "type": site.vocabulary().label(Kind::OrganisationType, c.org_type),
            "region": c.region.map(|r| site.vocabulary().label(Kind::Region, r)),
            "ended": c.end_date.as_deref().map(|d| {
                crate::content::date::Date::parse_full(d).map_or(d.to_owned(), |d| d.to_string())
            }),
            "replaced_by": replaced_by,
            "other_names": c.other_names,
        })
    });
    ctx.insert("heading", &title);
    ctx.insert("org_name", &o.name);
    ctx.insert("group", &group);
    ctx.insert("type_label", type_label);
    ctx.insert("region", &region);
    ctx.insert("arrangements_text", &arrangements_text);
    ctx.insert("council_type", &is_council(&o.org_type));
    ctx.insert("register", &register);
    ctx.insert("arrangements", &arrangements);
    ctx.insert("pager", &pager);
    // The partner map is about the organisation, not a page of its list.
    let network = (pager.current == 1).then(|| super::visuals::partner_map(site, org));
    ctx.insert("network", &network.flatten());
    render(r, "partner.html", &ctx)
}

#[derive(Serialize)]
struct ResourceGroup<'a> {
    topic: &'a str,
    items: Vec<&'a crate::content::resources::Resource>,
}

fn resources(r: &Renderer, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let mut groups: Vec<ResourceGroup> = Vec::new();
    for res in site.resources() {
        match groups.iter_mut().find(|g| g.topic == res.topic) {
            Some(g) => g.items.push(res),
            None => groups.push(ResourceGroup {
                topic: &res.topic,
                items: vec![res],
            }),
        }
    }
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            "Resources",
            "Publications and organisations for further reading on shared services.",
            path,
            &[("Resources", path)],
        ),
    );
    ctx.insert("groups", &groups);
    ctx.insert("count", &site.resources().len());
    render(r, "resources.html", &ctx)
}

#[derive(Serialize)]
struct FilterOptions {
    functions: Vec<FilterOption>,
    regions: Vec<FilterOption>,
    models: Vec<FilterOption>,
}

/// A term as a filter's choice: what it is called and how many it holds
/// (not its totals, which a filter does not show).
#[derive(Serialize)]
struct FilterOption {
    slug: String,
    label: String,
    count: usize,
}

fn filter_options(site: &Site) -> FilterOptions {
    let used = |kind: Kind| {
        site.taxonomy(kind)
            .iter()
            .filter(|t| !t.case_studies.is_empty())
            .map(|t| FilterOption {
                slug: t.slug.to_string(),
                label: t.label.clone(),
                count: t.case_studies.len(),
            })
            .collect()
    };
    FilterOptions {
        functions: used(Kind::Function),
        regions: used(Kind::Region),
        models: used(Kind::Model),
    }
}

/// schema.org `Article` for a case study page, safe inside `<script>`.
fn case_study_json_ld(site: &Site, id: CaseStudyId) -> String {
    let c = site.case_study(id);
    let m = &c.matter;
    let value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": m.title,
        "description": m.summary,
        "datePublished": m.date.iso(),
        "url": site.public_link(&Route::CaseStudy(id)),
        "about": m.functions.iter().map(|f| site.vocabulary().label(Kind::Function, f)).collect::<Vec<_>>(),
        "mentions": m.partners.iter().map(|p| serde_json::json!({"@type": "Organization", "name": p.name})).collect::<Vec<_>>(),
        "isBasedOn": m.sources.iter().map(|s| serde_json::json!({"@type": "CreativeWork", "name": s.title, "url": s.url})).collect::<Vec<_>>(),
        "isPartOf": {"@type": "WebSite", "name": site.settings().title, "url": site.public_link(&Route::Home)},
    });
    super::data::script_safe(&value)
}
