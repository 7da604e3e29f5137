//! View structs: what templates see. Counts, URLs, labels, formatted money and
//! sort orders are computed here once, so templates stay dumb (Zola's
//! `SerializedTaxonomyTerm` habit).

use crate::content::CaseStudy;
use crate::content::Slug;
use crate::content::amount::format_pounds;
use crate::content::case_study::Money;
use crate::content::vocabulary::Kind;
use crate::model::lessons::LessonsOf;
use crate::model::money::{self, FigureId, Ledger, Total, Totals};
use crate::model::{CaseStudyId, Route, Site, Taxon};
use serde::Serialize;

#[derive(Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_path: String,
    pub base_url: String,
    pub licence: String,
    pub nav: Vec<Link>,
    /// Plain pages (about, accessibility, resources ...) for the footer.
    pub footer_pages: Vec<Link>,
}

/// What every HTML page shows around its content: settings, navigation and
/// the footer's pages.
pub fn site_view(site: &Site) -> SiteView {
    crate::incremental::read(|| crate::incremental::Input::Config);
    crate::incremental::read(|| crate::incremental::Input::PageList);
    crate::incremental::read(|| crate::incremental::Input::Resources);
    let nav = [
        ("Case studies", Route::CaseStudyIndex),
        ("Functions", Route::TaxonomyIndex(Kind::Function)),
        ("Regions", Route::TaxonomyIndex(Kind::Region)),
        ("Models", Route::TaxonomyIndex(Kind::Model)),
        ("Organisations", Route::OrganisationIndex),
        ("Lessons", Route::Lessons(LessonsOf::All, 1)),
        ("Data", Route::DataPage),
        ("Search", Route::Search),
    ];
    SiteView {
        title: site.settings().title.clone(),
        description: site.settings().description.clone(),
        language: site.settings().language.clone(),
        base_path: site.base_path().to_owned(),
        base_url: site.settings().base_url.clone(),
        licence: site.settings().licence.clone(),
        nav: nav
            .iter()
            .map(|(l, route)| Link {
                label: (*l).into(),
                url: site.href(route),
            })
            .collect(),
        footer_pages: footer_pages(site),
    }
}

fn footer_pages(site: &Site) -> Vec<Link> {
    // Titles and addresses only: `Input::PageList`, read by `site_view`.
    let mut pages: Vec<Link> = crate::model::PageId::all(site.all_pages().len())
        .map(|id| Link {
            label: site.all_pages()[id.index()].matter.title.clone(),
            url: site.href(&Route::Page(id)),
        })
        .collect();
    if site.has_resources_page() {
        pages.push(Link {
            label: "Resources".into(),
            url: site.href(&Route::Resources),
        });
    }
    pages.sort_by(|a, b| a.label.cmp(&b.label));
    pages
}

/// The page being rendered: its title, description, canonical URL and trail.
#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// Site path, e.g. `/functions/waste/` (without the base path).
    pub path: String,
    pub canonical: String,
    pub breadcrumbs: Vec<Link>,
    /// Which top-level section is current, for `aria-current` in the nav.
    pub section: String,
    /// The page is of a draft (built with `--drafts`, or served): it shows a banner.
    pub draft: bool,
}

pub fn page_meta(
    site: &Site,
    title: &str,
    description: &str,
    path: &str,
    trail: &[(&str, &str)],
) -> PageMeta {
    let mut breadcrumbs = vec![Link {
        label: "Home".into(),
        url: site.href(&Route::Home),
    }];
    breadcrumbs.extend(trail.iter().map(|(label, p)| Link {
        label: (*label).into(),
        url: site.url(p),
    }));
    let section = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("")
        .to_owned();
    PageMeta {
        title: title.into(),
        description: plain_excerpt(description, 160),
        path: path.into(),
        // A canonical link to a placeholder host would tell search engines
        // the page lives there: none until the base URL is known.
        canonical: if site.settings().base_url_given {
            site.absolute_url(path)
        } else {
            String::new()
        },
        breadcrumbs,
        section,
        draft: false,
    }
}

/// A term link with its label, for chips and lists.
#[derive(Serialize)]
pub struct TermLink {
    pub slug: String,
    pub label: String,
    pub url: String,
}

/// `slug` is a vocabulary reference that validation has checked; were it
/// unknown, the link falls back to the taxonomy's index.
pub fn term_link(site: &Site, kind: Kind, slug: &str) -> TermLink {
    let route = site
        .term_route(kind, slug)
        .unwrap_or(Route::TaxonomyIndex(kind));
    TermLink {
        slug: slug.into(),
        label: site.vocabulary().label(kind, slug).into(),
        url: site.href(&route),
    }
}

#[derive(Serialize)]
pub struct PartnerView {
    pub name: String,
    pub url: String,
    pub org_type: String,
    pub type_label: String,
    pub region: Option<TermLink>,
    pub lead: bool,
    /// For a council since abolished (from the bundled register): `abolished
    /// 2019-04-01, now part of Dorset Council`.
    pub since: Option<String>,
}

/// What became of a council since the case study was written, from the
/// bundled register: abolished, and its successors. Matched from the
/// partner as this case study writes it, so the page reads nothing of
/// other case studies.
fn since_written(p: &crate::content::case_study::Partner) -> Option<String> {
    let council =
        crate::model::organisations::register_entry(&p.name, p.code.as_deref(), &p.org_type)?;
    if !council.ended {
        return None;
    }
    let register = crate::model::register::Register::bundled();
    // Successors that were themselves abolished are followed to today's.
    let mut successors: Vec<&str> = Vec::new();
    let mut todo: Vec<&str> = council.replaced_by.iter().map(String::as_str).collect();
    let mut seen = std::collections::HashSet::new();
    while let Some(code) = todo.pop() {
        let Some(next) = register.by_code(code).filter(|_| seen.insert(code)) else {
            continue;
        };
        if next.ended && !next.replaced_by.is_empty() {
            todo.extend(next.replaced_by.iter().map(String::as_str));
        } else if !successors.contains(&next.name.as_str()) {
            successors.push(&next.name);
        }
    }
    successors.sort_unstable();
    let year = council.end_date.as_deref().and_then(|d| d.get(..4));
    let mut words = match year {
        Some(year) => format!("abolished in {year}"),
        None => "since abolished".to_owned(),
    };
    if !successors.is_empty() {
        words.push_str(&format!(", now part of {}", successors.join(" and ")));
    }
    Some(words)
}

/// One figure as the public reads it: what it is in plain English and the
/// source's words; the editor's working note apart, behind a disclosure.
#[derive(Serialize)]
pub struct MoneyView {
    /// `£500,000`, or `over £500,000` for a lower bound.
    pub amount: String,
    pub pounds: u64,
    pub period: String,
    pub period_label: String,
    pub years: Option<u32>,
    /// `achieved`, `projected`; for costs `spent`, `planned`.
    pub status: String,
    /// The partner whose share it is (a name, nothing else).
    pub partner: Option<String>,
    pub breakdown: bool,
    pub at_least: bool,
    /// What it is, in plain English: `a year, achieved; about waste`.
    pub what: String,
    /// The editor's `about:`, when given.
    pub about: Option<String>,
    pub quote: Option<String>,
    pub note: Option<String>,
    /// What overtook a superseded projection.
    pub superseded: Option<String>,
    /// Why totals leave it out, when they do.
    pub not_added: Option<String>,
    /// `£500,000 a year`, as one phrase.
    pub description: String,
}

pub fn money_view(site: &Site, functions: &[Slug], ledger: Ledger, m: &Money) -> MoneyView {
    let scope = m.scope(functions);
    let about_what = if scope.is_empty() {
        "about the whole arrangement".to_owned()
    } else {
        let labels: Vec<&str> = scope
            .iter()
            .map(|f| site.vocabulary().label(Kind::Function, f))
            .collect();
        format!("about {}", labels.join(", ").to_lowercase())
    };
    let mut what = vec![money::describe_key(ledger, money::key_of(m)), about_what];
    if let Some(p) = &m.partner {
        what.push(format!("{p}'s share"));
    }
    if m.breakdown {
        what.push("part of another figure in this table".into());
    }
    if m.at_least {
        what.push("a lower bound".into());
    }
    MoneyView {
        amount: if m.at_least {
            format!("over {}", format_pounds(m.pence))
        } else {
            format_pounds(m.pence)
        },
        pounds: m.pence.pounds(),
        period: m.period.word().into(),
        period_label: money::period_label(m.period).into(),
        years: m.years,
        status: money::status_label(ledger, m.status).into(),
        partner: m.partner.clone(),
        breakdown: m.breakdown,
        at_least: m.at_least,
        what: {
            // A sentence of its own when no `about:` comes before it.
            let what = what.join("; ");
            match (&m.about, what.chars().next()) {
                (None, Some(first)) => first.to_uppercase().chain(what.chars().skip(1)).collect(),
                _ => what,
            }
        },
        about: m.about.clone(),
        quote: m.quote.clone(),
        note: m.note.clone(),
        superseded: m.superseded.clone(),
        not_added: money::not_added_because(m).map(Into::into),
        description: money::describe(m),
    }
}

/// A case study as it appears in lists: enough to choose whether to open it.
#[derive(Serialize)]
pub struct Card {
    pub slug: Slug,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub date: String,
    pub date_iso: String,
    pub tier: String,
    pub partners: Vec<String>,
    pub functions: Vec<TermLink>,
    pub regions: Vec<TermLink>,
    pub model: TermLink,
    pub headline: Option<String>,
    /// For client-side sorting, like with like: the largest annual saving
    /// achieved that totals add, in pounds (`None`: it has none).
    pub annual_achieved_pounds: Option<u64>,
}

pub fn card(site: &Site, id: CaseStudyId) -> Card {
    let c = site.case_study(id);
    let m = &c.matter;
    let headline = money::headline(&m.savings);
    Card {
        slug: c.slug.clone(),
        title: m.title.clone(),
        url: site.href(&Route::CaseStudy(id)),
        summary: m.summary.clone(),
        date: m.date.to_string(),
        date_iso: m.date.iso(),
        tier: m.tier.clone(),
        partners: m.partners.iter().map(|p| p.name.clone()).collect(),
        functions: m
            .functions
            .iter()
            .map(|f| term_link(site, Kind::Function, f))
            .collect(),
        regions: site
            .regions_of(id)
            .iter()
            .map(|r| term_link(site, Kind::Region, r))
            .collect(),
        model: term_link(site, Kind::Model, &m.model),
        headline: headline.map(|h| {
            money::headline_words(h, &m.functions, |f| {
                site.vocabulary().label(Kind::Function, f)
            })
        }),
        annual_achieved_pounds: money::annual_achieved(&m.savings).map(|h| h.pence.pounds()),
    }
}

pub fn cards(site: &Site, ids: &[CaseStudyId]) -> Vec<Card> {
    ids.iter().map(|&i| card(site, i)).collect()
}

#[derive(Serialize)]
pub struct CaseStudyView {
    pub card: Card,
    /// The source the facts come from (its first), for "as described in".
    pub described_in: Option<String>,
    pub started: Option<String>,
    pub status: Option<String>,
    pub partners: Vec<PartnerView>,
    pub savings: Vec<MoneyView>,
    pub costs: Vec<MoneyView>,
    pub lessons: Vec<String>,
    pub contacts: Vec<crate::content::case_study::Contact>,
    pub sources: Vec<crate::content::case_study::Source>,
    pub tags: Vec<String>,
    pub body_html: String,
}

pub fn case_study_view(site: &Site, id: CaseStudyId) -> CaseStudyView {
    let c: &CaseStudy = site.case_study(id);
    let m = &c.matter;
    CaseStudyView {
        card: card(site, id),
        described_in: m.sources.first().map(|s| s.title.clone()),
        started: m.started.map(|d| d.to_string()),
        status: m.status.as_ref().map(|s| s.replace('-', " ")),
        partners: site
            .partners_of(id)
            .map(|(p, org)| PartnerView {
                name: p.name.clone(),
                url: site.href(&Route::Organisation(org)),
                org_type: p.org_type.to_string(),
                type_label: site
                    .vocabulary()
                    .label(Kind::OrganisationType, &p.org_type)
                    .into(),
                region: p.region.as_ref().map(|r| term_link(site, Kind::Region, r)),
                lead: p.lead,
                since: since_written(p),
            })
            .collect(),
        savings: m
            .savings
            .iter()
            .map(|x| money_view(site, &m.functions, Ledger::Savings, x))
            .collect(),
        costs: m
            .costs
            .iter()
            .map(|x| money_view(site, &m.functions, Ledger::Costs, x))
            .collect(),
        lessons: m.lessons.clone(),
        contacts: m.contacts.clone(),
        sources: m
            .sources
            .iter()
            .map(|s| crate::content::case_study::Source {
                url: s.url.as_deref().map(href),
                ..s.clone()
            })
            .collect(),
        tags: m.tags.clone(),
        body_html: site.case_study_body(id).html.clone(),
    }
}

#[derive(Serialize)]
pub struct TotalsView {
    pub savings: Vec<TotalView>,
    pub costs: Vec<TotalView>,
}

/// One total, with the figures behind it for a page to open up.
#[derive(Serialize)]
pub struct TotalView {
    /// `a year, achieved`, `in total over 10 years, projected`.
    pub label: String,
    /// `£1,360,000`, or `at least £1,360,000` when a figure is a lower bound.
    pub formatted: String,
    pub short: String,
    pub at_least: bool,
    pub count: usize,
    /// The largest figures behind it, at most [`FIGURES_LISTED`]; all of
    /// them are in the open data (`figures.csv`, `added_to_totals`).
    pub figures: Vec<FigureView>,
}

/// How many of the figures behind a total (or left out of a term's totals)
/// a page lists: a total of 10,000 case studies would otherwise carry them
/// all, and the page would grow with the compendium.
pub const FIGURES_LISTED: usize = 20;

/// The largest of `figures` (ties in the order given), at most
/// [`FIGURES_LISTED`].
pub fn largest_figures(site: &Site, figures: &[FigureId]) -> Vec<FigureId> {
    let amount = |f: FigureId| f.ledger.of(site.case_study(f.case_study))[f.index].pence;
    let mut by_size: Vec<(std::cmp::Reverse<_>, usize, FigureId)> = figures
        .iter()
        .enumerate()
        .map(|(i, &f)| (std::cmp::Reverse(amount(f)), i, f))
        .collect();
    by_size.sort_unstable();
    by_size.truncate(FIGURES_LISTED);
    by_size.into_iter().map(|(_, _, f)| f).collect()
}

/// One figure behind a total: whose it is, how much, and the source's words.
#[derive(Serialize)]
pub struct FigureView {
    pub case_study: String,
    pub url: String,
    pub amount: String,
    pub quote: Option<String>,
    pub about: Option<String>,
}

pub fn figure_view(site: &Site, f: FigureId) -> FigureView {
    let c = site.case_study(f.case_study);
    let m = &f.ledger.of(c)[f.index];
    FigureView {
        case_study: c.matter.title.clone(),
        url: site.href(&Route::CaseStudy(f.case_study)),
        amount: money::describe(m),
        quote: m.quote.clone(),
        about: m.about.clone(),
    }
}

fn total_view(site: &Site, ledger: Ledger, t: &Total) -> TotalView {
    let prefix = if t.at_least { "at least " } else { "" };
    TotalView {
        label: money::describe_key(ledger, t.key),
        formatted: format!("{prefix}{}", t.formatted()),
        short: format!("{prefix}{}", t.short()),
        at_least: t.at_least,
        count: t.figures.len(),
        figures: largest_figures(site, &t.figures)
            .into_iter()
            .map(|f| figure_view(site, f))
            .collect(),
    }
}

pub fn totals_view(site: &Site, totals: &Totals) -> TotalsView {
    let of = |ledger| {
        totals
            .of(ledger)
            .iter()
            .map(|t| total_view(site, ledger, t))
            .collect()
    };
    TotalsView {
        savings: of(Ledger::Savings),
        costs: of(Ledger::Costs),
    }
}

/// Figures of a term's case studies that its totals leave out, and why: a
/// figure about the whole arrangement (or several functions) on a function
/// page, an arrangement across regions on a region page, a share, a part...
#[derive(Serialize)]
pub struct OutsideFigure {
    pub figure: FigureView,
    pub why: String,
}

fn outside_figures(site: &Site, t: &Taxon) -> (Vec<OutsideFigure>, usize) {
    let counted: std::collections::HashSet<FigureId> = Ledger::ALL
        .iter()
        .flat_map(|&l| t.totals.of(l))
        .flat_map(|total| total.figures.iter().copied())
        .collect();
    let mut out: Vec<FigureId> = Vec::new();
    for &id in &t.case_studies {
        let c = site.case_study(id);
        let ledger = Ledger::Savings;
        for index in 0..ledger.of(c).len() {
            let f = FigureId {
                case_study: id,
                ledger,
                index,
            };
            if !counted.contains(&f) {
                out.push(f);
            }
        }
    }
    let listed = largest_figures(site, &out)
        .into_iter()
        .map(|f| {
            let m = &f.ledger.of(site.case_study(f.case_study))[f.index];
            let why = money::not_added_because(m)
                .map(str::to_owned)
                .unwrap_or_else(|| outside_why(site, t, f.case_study, m));
            OutsideFigure {
                figure: figure_view(site, f),
                why,
            }
        })
        .collect();
    (listed, out.len())
}

fn outside_why(site: &Site, t: &Taxon, id: CaseStudyId, m: &Money) -> String {
    let functions = &site.case_study(id).matter.functions;
    let scope = m.scope(functions);
    let labels = || {
        let labels: Vec<&str> = scope
            .iter()
            .map(|f| site.vocabulary().label(Kind::Function, f))
            .collect();
        labels.join(", ").to_lowercase()
    };
    match t.kind {
        Kind::Function if scope.is_empty() => {
            "about the whole arrangement, not this function alone".into()
        }
        Kind::Function if scope.contains(&t.slug) => {
            format!("about several functions together: {}", labels())
        }
        Kind::Function => format!("about {}, not this function", labels()),
        Kind::Region => "an arrangement across more than one region".into(),
        _ => "not added here".into(),
    }
}

#[derive(Serialize)]
pub struct TaxonView {
    pub slug: Slug,
    pub label: String,
    pub group: String,
    pub code: String,
    pub url: String,
    pub count: usize,
    pub description: String,
    pub totals: TotalsView,
    /// The largest savings of its case studies that the totals leave out,
    /// and why (at most [`FIGURES_LISTED`]).
    pub outside: Vec<OutsideFigure>,
    /// How many the totals leave out.
    pub outside_count: usize,
}

pub fn taxon_view(site: &Site, t: &Taxon) -> TaxonView {
    let (outside, outside_count) = outside_figures(site, t);
    TaxonView {
        slug: t.slug.clone(),
        label: t.label.clone(),
        group: t.group.clone(),
        code: t.code.clone(),
        url: site.href(&t.route()),
        count: t.case_studies.len(),
        description: t.description.clone(),
        totals: totals_view(site, &t.totals),
        outside,
        outside_count,
    }
}

/// Plain text cut at a word boundary, for meta descriptions and excerpts.
pub fn plain_excerpt(text: &str, max_chars: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// A URL as written by an editor, made valid in an `href`: spaces (which
/// guides often print inside addresses) become `%20`.
pub fn href(url: &str) -> String {
    url.trim().replace(' ', "%20")
}

/// The links between the pages of a listing (see `model::route::listing_pages`).
#[derive(Serialize)]
pub struct Pager {
    pub current: u32,
    pub pages: u32,
    /// The place of the page's first and last case study, and how many.
    pub first: usize,
    pub last: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The first, the last and the pages near this one, with gaps.
    pub links: Vec<PagerLink>,
}

#[derive(Serialize)]
pub struct PagerLink {
    /// `None`: pages left out.
    pub number: Option<u32>,
    pub url: String,
    pub current: bool,
}

/// The pager of page `current` of a listing of `total` case studies, whose
/// page `n` is `route(n)`.
pub fn pager(site: &Site, total: usize, current: u32, route: impl Fn(u32) -> Route) -> Pager {
    let pages = crate::model::route::listing_pages(total);
    let current = current.clamp(1, pages);
    let size = crate::model::route::LISTING_PAGE_SIZE;
    let href = |n: u32| site.href(&route(n));
    let mut links = Vec::new();
    for n in 1..=pages {
        let near = n == 1 || n == pages || n.abs_diff(current) <= 2;
        if near {
            links.push(PagerLink {
                number: Some(n),
                url: href(n),
                current: n == current,
            });
        } else if links.last().is_some_and(|l: &PagerLink| l.number.is_some()) {
            links.push(PagerLink {
                number: None,
                url: String::new(),
                current: false,
            });
        }
    }
    Pager {
        current,
        pages,
        first: ((current as usize - 1) * size + 1).min(total),
        last: (current as usize * size).min(total),
        total,
        previous: (current > 1).then(|| href(current - 1)),
        next: (current < pages).then(|| href(current + 1)),
        links,
    }
}
