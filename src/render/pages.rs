//! HTML pages: for each job, the template and the view it gets.

use super::views::{self, Link, card, cards, page_meta, taxon_view, totals_view};
use super::{Job, Renderer};
use crate::content::vocabulary::Kind;
use crate::diagnostics::Diagnostic;
use crate::model::{Site, section_of};
use serde::Serialize;
use tera::Context;

/// The site path of a page job.
pub fn path_of(site: &Site, job: &Job) -> String {
    match job {
        Job::Home => "/".into(),
        Job::CaseStudyIndex => "/case-studies/".into(),
        Job::CaseStudy(i) => format!("/case-studies/{}/", site.case_studies[*i].slug),
        Job::TaxonomyIndex(kind) => format!("/{}/", section_of(*kind)),
        Job::Term(kind, i) => site.taxonomy(*kind)[*i].url_path(),
        Job::PartnersIndex => "/partners/".into(),
        Job::Partner(i) => format!("/partners/{}/", site.organisations[*i].slug),
        Job::Page(i) => format!("/{}/", site.pages[*i].slug),
        Job::Resources => "/resources/".into(),
        Job::Search => "/search/".into(),
        Job::DataPage => "/data/".into(),
        Job::Lessons => "/lessons/".into(),
        _ => "/".into(),
    }
}

fn base_context(r: &Renderer, meta: views::PageMeta) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", &views::site_view(r.site));
    ctx.insert("page", &meta);
    ctx.insert("style_url", &asset_url(r, "static/style.css"));
    ctx
}

/// An asset's URL with a content hash, so browsers may cache it forever.
pub fn asset_url(r: &Renderer, path: &str) -> String {
    let hash = r
        .theme
        .hashes
        .get(path)
        .map(String::as_str)
        .unwrap_or_default();
    format!("{}?v={hash}", r.site.url(&format!("/{path}")))
}

pub fn short_hash(bytes: &[u8]) -> String {
    // FNV-1a: stable across platforms and releases, enough for cache busting.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:016x}", h)[..10].to_owned()
}

fn render(r: &Renderer, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
    r.templates
        .render(template, ctx)
        .map_err(|e| super::templates::template_error(r.theme, &e))
}

pub fn render_page(r: &Renderer, job: &Job) -> Result<String, Diagnostic> {
    let site = r.site;
    let path = path_of(site, job);
    match job {
        Job::Home => home(r, &path),
        Job::CaseStudyIndex => {
            let mut ctx = base_context(
                r,
                page_meta(
                    site,
                    "Case studies",
                    &format!(
                        "All {} case studies of councils sharing services.",
                        site.case_studies.len()
                    ),
                    &path,
                    &[("Case studies", "/case-studies/")],
                ),
            );
            ctx.insert(
                "case_studies",
                &cards(site, &(0..site.case_studies.len()).collect::<Vec<_>>()),
            );
            ctx.insert("filters", &filter_options(site));
            ctx.insert("listing_url", &asset_url(r, "static/listing.js"));
            render(r, "case_studies.html", &ctx)
        }
        Job::CaseStudy(i) => case_study(r, *i, &path),
        Job::TaxonomyIndex(kind) => taxonomy_index(r, *kind, &path),
        Job::Term(kind, i) => term(r, *kind, *i, &path),
        Job::PartnersIndex => partners_index(r, &path),
        Job::Partner(i) => partner(r, *i, &path),
        Job::Page(i) => {
            let p = &site.pages[*i];
            let description = if p.matter.summary.is_empty() {
                p.body.text.clone()
            } else {
                p.matter.summary.clone()
            };
            let mut ctx = base_context(
                r,
                page_meta(
                    site,
                    &p.matter.title,
                    &description,
                    &path,
                    &[(p.matter.title.as_str(), path.as_str())],
                ),
            );
            ctx.insert("body_html", &p.body.html);
            render(r, "page.html", &ctx)
        }
        Job::Resources => resources(r, &path),
        Job::Search => {
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
            ctx.insert("manifest_url", &site.url(r.search_manifest));
            ctx.insert("analyzer_url", &asset_url(r, "static/search/analyzer.js"));
            ctx.insert("engine_url", &asset_url(r, "static/search/engine.js"));
            ctx.insert("ui_url", &asset_url(r, "static/search/ui.js"));
            render(r, "search.html", &ctx)
        }
        Job::DataPage => {
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
            ctx.insert("count", &site.case_studies.len());
            ctx.insert("json_url", &site.url("/data/case-studies.json"));
            ctx.insert("csv_url", &site.url("/data/case-studies.csv"));
            ctx.insert("organisations_url", &site.url("/data/organisations.csv"));
            ctx.insert("functions_url", &site.url("/data/functions.csv"));
            ctx.insert("organisation_count", &site.organisations.len());
            ctx.insert("jsonld", &super::data::dataset_json_ld(site));
            render(r, "data.html", &ctx)
        }
        Job::Lessons => lessons(r, &path),
        other => Err(Diagnostic::internal(format!(
            "{other:?} is not an HTML page"
        ))),
    }
}

pub fn not_found(r: &Renderer) -> Result<String, Diagnostic> {
    let ctx = base_context(
        r,
        page_meta(
            r.site,
            "Page not found",
            "This page does not exist.",
            "/404.html",
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
    councils: usize,
}

fn home(r: &Renderer, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            &site.config.title,
            &site.config.description,
            path,
            &[],
        ),
    );
    ctx.insert(
        "headline",
        &Headline {
            case_studies: site.case_studies.len(),
            organisations: site.organisations.len(),
            regions: site
                .regions
                .iter()
                .filter(|t| !t.case_studies.is_empty())
                .count(),
            councils: site
                .organisations
                .iter()
                .filter(|o| is_council(&o.org_type))
                .count(),
        },
    );
    ctx.insert("totals", &totals_view(&site.savings, &site.costs));
    ctx.insert("map", &super::visuals::map_view(site, None));
    ctx.insert("charts", &super::visuals::home_charts(site));
    let latest: Vec<usize> = site.latest.iter().copied().take(6).collect();
    ctx.insert("latest", &cards(site, &latest));
    ctx.insert("functions", &top_terms(site, Kind::Function, 8));
    render(r, "home.html", &ctx)
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

fn case_study(r: &Renderer, id: usize, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let c = &site.case_studies[id];
    let meta = page_meta(
        site,
        &c.matter.title,
        &c.matter.summary,
        path,
        &[
            ("Case studies", "/case-studies/"),
            (c.matter.title.as_str(), path),
        ],
    );
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
    ctx.insert(
        "jsonld",
        &case_study_json_ld(site, id, &path_of(site, &Job::CaseStudy(id))),
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
    }
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
    let terms: Vec<_> = site
        .taxonomy(kind)
        .iter()
        .map(|t| taxon_view(site, t))
        .collect();
    ctx.insert("terms", &terms);
    ctx.insert("kind", section_of(kind));
    ctx.insert("noun", noun);
    render(r, "taxonomy_index.html", &ctx)
}

fn term(r: &Renderer, kind: Kind, i: usize, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let taxa = site.taxonomy(kind);
    let t = &taxa[i];
    let (title, noun) = kind_names(kind);
    let index_path = format!("/{}/", section_of(kind));
    let count = t.case_studies.len();
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
            &t.label,
            &description,
            path,
            &[(title, index_path.as_str()), (t.label.as_str(), path)],
        ),
    );
    ctx.insert("term", &taxon_view(site, t));
    ctx.insert("kind", section_of(kind));
    ctx.insert("noun", noun);
    ctx.insert("case_studies", &cards(site, &t.case_studies));
    if kind == Kind::Region {
        ctx.insert("map", &super::visuals::map_view(site, Some(t)));
    }
    let neighbour = |j: Option<usize>| {
        j.and_then(|j| taxa.get(j)).map(|n| Link {
            label: n.label.clone(),
            url: site.url(&n.url_path()),
        })
    };
    ctx.insert("previous", &neighbour(i.checked_sub(1)));
    ctx.insert("next", &neighbour(Some(i + 1)));
    render(r, "term.html", &ctx)
}

#[derive(Serialize)]
struct OrgRow {
    name: String,
    url: String,
    type_label: String,
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
        .organisations
        .iter()
        .map(|o| OrgRow {
            name: o.name.clone(),
            url: site.url(&format!("/partners/{}/", o.slug)),
            type_label: site.vocab.label(Kind::OrganisationType, &o.org_type).into(),
            region: o
                .region
                .as_ref()
                .map(|r| views::term_link(site, Kind::Region, r)),
            count: o.case_studies.len(),
        })
        .collect();
    ctx.insert("organisations", &rows);
    render(r, "partners_index.html", &ctx)
}

#[derive(Serialize)]
struct Arrangement {
    card: views::Card,
    with: Vec<Link>,
    lead: bool,
}

fn partner(r: &Renderer, i: usize, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let o = &site.organisations[i];
    let count = o.case_studies.len();
    let description = format!(
        "{} takes part in {count} shared arrangement{}.",
        o.name,
        if count == 1 { "" } else { "s" }
    );
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            &o.name,
            &description,
            path,
            &[("Organisations", "/partners/"), (o.name.as_str(), path)],
        ),
    );
    let arrangements: Vec<Arrangement> = o
        .case_studies
        .iter()
        .map(|&id| {
            let partners = &site.case_studies[id].matter.partners;
            Arrangement {
                card: card(site, id),
                with: partners
                    .iter()
                    .filter(|p| crate::content::vocabulary::slugify(&p.name) != o.slug)
                    .map(|p| Link {
                        label: p.name.clone(),
                        url: site.url(&format!(
                            "/partners/{}/",
                            crate::content::vocabulary::slugify(&p.name)
                        )),
                    })
                    .collect(),
                lead: partners
                    .iter()
                    .any(|p| p.lead && crate::content::vocabulary::slugify(&p.name) == o.slug),
            }
        })
        .collect();
    ctx.insert("org_name", &o.name);
    ctx.insert(
        "type_label",
        site.vocab.label(Kind::OrganisationType, &o.org_type),
    );
    ctx.insert(
        "region",
        &o.region
            .as_ref()
            .map(|r| views::term_link(site, Kind::Region, r)),
    );
    ctx.insert("code", &o.code);
    ctx.insert("council_type", &is_council(&o.org_type));
    ctx.insert(
        "register",
        &o.council.map(|c| {
            serde_json::json!({
                "code": c.code,
                "name": c.name,
                "gss": c.gss,
                "type": site.vocab.label(Kind::OrganisationType, c.org_type),
                "region": c.region.map(|r| site.vocab.label(Kind::Region, r)),
                "ended": c.end_date,
            })
        }),
    );
    ctx.insert("arrangements", &arrangements);
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
    for res in &site.resources {
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
    ctx.insert("count", &site.resources.len());
    render(r, "resources.html", &ctx)
}

#[derive(Serialize)]
struct LessonView {
    text: String,
    case_study: String,
    url: String,
}

#[derive(Serialize)]
struct LessonGroup {
    label: String,
    url: Option<String>,
    lessons: Vec<LessonView>,
}

fn lessons(r: &Renderer, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let lesson_views = |id: usize| -> Vec<LessonView> {
        let c = &site.case_studies[id];
        c.matter
            .lessons
            .iter()
            .map(|l| LessonView {
                text: l.clone(),
                case_study: c.matter.title.clone(),
                url: site.url(&format!("/case-studies/{}/", c.slug)),
            })
            .collect()
    };
    let by_function: Vec<LessonGroup> = site
        .functions
        .iter()
        .map(|t| LessonGroup {
            label: t.label.clone(),
            url: Some(site.url(&t.url_path())),
            lessons: t
                .case_studies
                .iter()
                .flat_map(|&id| lesson_views(id))
                .collect(),
        })
        .filter(|g| !g.lessons.is_empty())
        .collect();
    let mut tags: std::collections::BTreeMap<String, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (id, c) in site.case_studies.iter().enumerate() {
        for tag in &c.matter.tags {
            tags.entry(tag.clone()).or_default().push(id);
        }
    }
    let by_tag: Vec<LessonGroup> = tags
        .into_iter()
        .map(|(tag, ids)| LessonGroup {
            label: tag,
            url: None,
            lessons: ids.into_iter().flat_map(lesson_views).collect(),
        })
        .filter(|g| !g.lessons.is_empty())
        .collect();
    let total: usize = site
        .case_studies
        .iter()
        .map(|c| c.matter.lessons.len())
        .sum();
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            "Lessons learned",
            "Every lesson from every case study, grouped by function and by tag.",
            path,
            &[("Lessons", path)],
        ),
    );
    ctx.insert("by_function", &by_function);
    ctx.insert("by_tag", &by_tag);
    ctx.insert("total", &total);
    render(r, "lessons.html", &ctx)
}

#[derive(Serialize)]
struct FilterOptions {
    functions: Vec<views::TaxonView>,
    regions: Vec<views::TaxonView>,
    models: Vec<views::TaxonView>,
}

fn filter_options(site: &Site) -> FilterOptions {
    let used = |kind: Kind| {
        site.taxonomy(kind)
            .iter()
            .filter(|t| !t.case_studies.is_empty())
            .map(|t| taxon_view(site, t))
            .collect()
    };
    FilterOptions {
        functions: used(Kind::Function),
        regions: used(Kind::Region),
        models: used(Kind::Model),
    }
}

/// schema.org `Article` for a case study page, safe inside `<script>`.
fn case_study_json_ld(site: &Site, id: usize, path: &str) -> String {
    let c = &site.case_studies[id];
    let m = &c.matter;
    let value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": m.title,
        "description": m.summary,
        "datePublished": m.date.iso(),
        "url": site.absolute_url(path),
        "about": m.functions.iter().map(|f| site.vocab.label(Kind::Function, f)).collect::<Vec<_>>(),
        "mentions": m.partners.iter().map(|p| serde_json::json!({"@type": "Organization", "name": p.name})).collect::<Vec<_>>(),
        "isBasedOn": m.sources.iter().map(|s| serde_json::json!({"@type": "CreativeWork", "name": s.title, "url": s.url})).collect::<Vec<_>>(),
        "isPartOf": {"@type": "WebSite", "name": site.config.title, "url": site.absolute_url("/")},
    });
    super::data::script_safe(&value)
}
