//! Open data: every case study as JSON (all front-matter fields, normalised:
//! amounts as numbers of pounds) and as CSV (one row each, lists joined by
//! `; `); every saving and cost as a CSV row of its own (`figures.csv`), with
//! whether totals add it; each function's totals by the site's rules. No
//! cell can start a spreadsheet formula (see [`cell`]).

use crate::content::Slug;
use crate::content::amount::pounds_json;
use crate::content::case_study::{Contact, Money, Source};
use crate::content::vocabulary::Kind;
use crate::diagnostics::Diagnostic;
use crate::model::money::{self, Ledger};
use crate::model::{CaseStudyId, Route, Site};
use serde::Serialize;

#[derive(Serialize)]
struct PartnerRecord<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    org_type: &'a str,
    region: Option<&'a str>,
    lead: bool,
}

#[derive(Serialize)]
struct MoneyRecord<'a> {
    amount: serde_json::Value,
    period: &'a str,
    years: Option<u32>,
    status: &'a str,
    partner: Option<&'a str>,
    breakdown: bool,
    /// The functions the figure is about (empty: the whole arrangement).
    functions: &'a [Slug],
    at_least: bool,
    superseded: Option<&'a str>,
    headline: bool,
    /// Whether totals add it; when not, why.
    added: bool,
    not_added_because: Option<&'static str>,
    about: Option<&'a str>,
    quote: Option<&'a str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Record<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    summary: &'a str,
    date: String,
    started: Option<String>,
    status: Option<&'a str>,
    model: &'a str,
    functions: &'a [Slug],
    regions: &'a [Slug],
    partners: Vec<PartnerRecord<'a>>,
    savings: Vec<MoneyRecord<'a>>,
    costs: Vec<MoneyRecord<'a>>,
    lessons: &'a [String],
    contacts: &'a [Contact],
    sources: &'a [Source],
    tags: &'a [String],
    tier: &'a str,
    draft: bool,
}

fn money_records<'a>(items: &'a [Money], functions: &'a [Slug]) -> Vec<MoneyRecord<'a>> {
    items
        .iter()
        .map(|m| MoneyRecord {
            amount: pounds_json(m.pence),
            period: m.period.word(),
            years: m.years,
            status: m.status.word(),
            partner: m.partner.as_deref(),
            breakdown: m.breakdown,
            functions: m.scope(functions),
            at_least: m.at_least,
            superseded: m.superseded.as_deref(),
            headline: m.headline,
            added: money::not_added_because(m).is_none(),
            not_added_because: money::not_added_because(m),
            about: m.about.as_deref(),
            quote: m.quote.as_deref(),
            note: m.note.as_deref(),
        })
        .collect()
}

fn records(site: &Site) -> Vec<Record<'_>> {
    site.all_case_studies()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let m = &c.matter;
            Record {
                slug: &c.slug,
                url: site.public_link(&Route::CaseStudy(CaseStudyId::new(i))),
                title: &m.title,
                summary: &m.summary,
                date: m.date.iso(),
                started: m.started.map(|d| d.iso()),
                status: m.status.as_deref(),
                model: &m.model,
                functions: &m.functions,
                regions: site.regions_of(CaseStudyId::new(i)),
                partners: m
                    .partners
                    .iter()
                    .map(|p| PartnerRecord {
                        name: &p.name,
                        org_type: &p.org_type,
                        region: p.region.as_deref(),
                        lead: p.lead,
                    })
                    .collect(),
                savings: money_records(&m.savings, &m.functions),
                costs: money_records(&m.costs, &m.functions),
                lessons: &m.lessons,
                contacts: &m.contacts,
                sources: &m.sources,
                tags: &m.tags,
                tier: &m.tier,
                draft: m.draft,
            }
        })
        .collect()
}

pub fn json(site: &Site) -> String {
    let mut s = serde_json::to_string(&records(site)).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

const CSV_HEADER: &[&str] = &[
    "slug",
    "url",
    "title",
    "summary",
    "date",
    "started",
    "status",
    "model",
    "model_name",
    "functions",
    "function_names",
    "regions",
    "region_names",
    "partners",
    "partner_types",
    "lead_partners",
    "headline_saving",
    "savings",
    "costs",
    "lessons",
    "contacts",
    "sources",
    "tags",
    "tier",
];

pub fn csv(site: &Site) -> Result<Vec<u8>, Diagnostic> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER).map_err(csv_error)?;
    for id in site.case_study_ids() {
        write_row(&mut w, csv_row(site, id))?;
    }
    w.into_inner().map_err(|e| csv_error(e.into_error()))
}

/// A figure in one packed cell, marked with everything that decides
/// whether it may be added: `500000 annual achieved (Bromsgrove's share)`.
fn packed(m: &Money) -> String {
    let mut s = format!("{} {} {}", pounds_json(m.pence), m.period, m.status);
    if let Some(y) = m.years {
        s.push_str(&format!(" over {y} years"));
    }
    if m.at_least {
        s.push_str(" (at least)");
    }
    if let Some(p) = &m.partner {
        s.push_str(&format!(" ({p}'s share)"));
    }
    if m.breakdown {
        s.push_str(" (part of another figure)");
    }
    if m.superseded.is_some() {
        s.push_str(" (superseded)");
    }
    s
}

fn csv_row(site: &Site, id: CaseStudyId) -> Vec<String> {
    let c = site.case_study(id);
    let m = &c.matter;
    let join = |items: Vec<String>| items.join("; ");
    let labels = |kind: Kind, slugs: &[Slug]| {
        join(
            slugs
                .iter()
                .map(|s| site.vocabulary().label(kind, s).to_owned())
                .collect(),
        )
    };
    vec![
        c.slug.to_string(),
        site.public_link(&Route::CaseStudy(id)),
        m.title.clone(),
        m.summary.clone(),
        m.date.iso(),
        m.started.map(|d| d.iso()).unwrap_or_default(),
        m.status.clone().unwrap_or_default(),
        m.model.to_string(),
        labels(Kind::Model, std::slice::from_ref(&m.model)),
        join(m.functions.iter().map(Slug::to_string).collect()),
        labels(Kind::Function, &m.functions),
        join(site.regions_of(id).iter().map(Slug::to_string).collect()),
        labels(Kind::Region, site.regions_of(id)),
        join(m.partners.iter().map(|p| p.name.clone()).collect()),
        join(m.partners.iter().map(|p| p.org_type.to_string()).collect()),
        join(
            m.partners
                .iter()
                .filter(|p| p.lead)
                .map(|p| p.name.clone())
                .collect(),
        ),
        money::headline(&m.savings).map(packed).unwrap_or_default(),
        join(m.savings.iter().map(packed).collect()),
        join(m.costs.iter().map(packed).collect()),
        join(m.lessons.clone()),
        join(
            m.contacts
                .iter()
                .map(|x| match &x.email {
                    Some(e) => format!("{} <{e}>", x.name),
                    None => x.name.clone(),
                })
                .collect(),
        ),
        join(
            m.sources
                .iter()
                .map(|s| s.url.clone().unwrap_or_else(|| s.title.clone()))
                .collect(),
        ),
        join(m.tags.clone()),
        m.tier.clone(),
    ]
}

const FIGURES_HEADER: &[&str] = &[
    "case_study",
    "case_study_title",
    "kind",
    "number",
    "amount",
    "period",
    "years",
    "status",
    "at_least",
    "superseded",
    "partner",
    "partner_slug",
    "breakdown",
    "functions",
    "function_names",
    "added_to_totals",
    "not_added_because",
    "headline",
    "about",
    "quote",
    "note",
    "source",
    "url",
];

/// One row per saving and cost, with every attribute that decides how it
/// may be added up; `added_to_totals` says which rows the site's totals add.
pub fn figures_csv(site: &Site) -> Result<Vec<u8>, Diagnostic> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(FIGURES_HEADER).map_err(csv_error)?;
    for id in site.case_study_ids() {
        let c = site.case_study(id);
        let m = &c.matter;
        for ledger in Ledger::ALL {
            for (i, f) in ledger.of(c).iter().enumerate() {
                let scope = f.scope(&m.functions);
                let partner_slug = site
                    .partners_of(id)
                    .find(|(p, _)| Some(&p.name) == f.partner.as_ref())
                    .map(|(_, org)| site.organisation(org).slug.clone());
                let labels: Vec<&str> = scope
                    .iter()
                    .map(|s| site.vocabulary().label(Kind::Function, s))
                    .collect();
                let yes = |b: bool| if b { "true" } else { "false" }.to_owned();
                let row = vec![
                    c.slug.to_string(),
                    m.title.clone(),
                    ledger.word().into(),
                    (i + 1).to_string(),
                    pounds_json(f.pence).to_string(),
                    f.period.word().into(),
                    f.years.map(|y| y.to_string()).unwrap_or_default(),
                    money::status_label(ledger, f.status).into(),
                    yes(f.at_least),
                    f.superseded.clone().unwrap_or_default(),
                    f.partner.clone().unwrap_or_default(),
                    partner_slug.map(String::from).unwrap_or_default(),
                    yes(f.breakdown),
                    scope.join("; "),
                    labels.join("; "),
                    yes(money::not_added_because(f).is_none()),
                    money::not_added_because(f).unwrap_or_default().into(),
                    yes(money::headline(&m.savings).is_some_and(|h| std::ptr::eq(h, f))),
                    f.about.clone().unwrap_or_default(),
                    f.quote.clone().unwrap_or_default(),
                    f.note.clone().unwrap_or_default(),
                    m.sources
                        .first()
                        .map(|s| s.title.clone())
                        .unwrap_or_default(),
                    site.public_link(&Route::CaseStudy(id)),
                ];
                write_row(&mut w, row)?;
            }
        }
    }
    w.into_inner().map_err(|e| csv_error(e.into_error()))
}

/// A cell as a spreadsheet may safely open it: text that a spreadsheet
/// would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading apostrophe, which spreadsheets show as
/// text. Numbers the site writes itself never start so.
pub fn cell(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

fn write_row(w: &mut csv::Writer<Vec<u8>>, row: Vec<String>) -> Result<(), Diagnostic> {
    w.write_record(row.into_iter().map(cell)).map_err(csv_error)
}

/// Writing CSV into memory cannot fail; if it ever did, the download must
/// not silently be an empty or truncated file.
fn csv_error(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::internal(format!("cannot write a CSV download: {e}"))
}

/// One row per organisation: its register entry and its arrangements.
pub fn organisations_csv(site: &Site) -> Result<Vec<u8>, Diagnostic> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "slug",
        "name",
        "type",
        "region",
        "register_code",
        "gss_code",
        "official_name",
        "arrangements",
        "case_studies",
        "url",
    ])
    .map_err(csv_error)?;
    for o in site.all_organisations() {
        let slugs: Vec<&str> = o
            .case_studies
            .iter()
            .map(|&id| site.case_study(id).slug.as_str())
            .collect();
        write_row(
            &mut w,
            vec![
                o.slug.to_string(),
                o.name.clone(),
                o.org_type.to_string(),
                o.region.as_ref().map(Slug::to_string).unwrap_or_default(),
                o.council.map(|c| c.code.clone()).unwrap_or_default(),
                o.council.map(|c| c.gss.clone()).unwrap_or_default(),
                o.council.map(|c| c.name.clone()).unwrap_or_default(),
                o.case_studies.len().to_string(),
                slugs.join("; "),
                site.public_link(&Route::Organisation(o.id)),
            ],
        )?;
    }
    w.into_inner().map_err(|e| csv_error(e.into_error()))
}

/// One row per function and total, by the rules the pages follow: a total
/// adds only figures about that one function (a figure about the whole
/// arrangement is counted under no function), of one period, status and
/// span, and says how many figures it holds. A function with no total has
/// one row with the total columns empty.
pub fn functions_csv(site: &Site) -> Result<Vec<u8>, Diagnostic> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "slug",
        "label",
        "group",
        "case_studies",
        "kind",
        "period",
        "years",
        "status",
        "amount",
        "at_least",
        "figures",
        "url",
    ])
    .map_err(csv_error)?;
    for t in site.taxonomy(Kind::Function) {
        let head = vec![
            t.slug.to_string(),
            t.label.clone(),
            t.group.clone(),
            t.case_studies.len().to_string(),
        ];
        let url = site.public_link(&t.route());
        let mut any = false;
        for ledger in Ledger::ALL {
            for total in t.totals.of(ledger) {
                any = true;
                let mut row = head.clone();
                row.extend([
                    ledger.word().to_owned(),
                    total.key.period.word().to_owned(),
                    total.key.years.map(|y| y.to_string()).unwrap_or_default(),
                    money::status_label(ledger, total.key.status).to_owned(),
                    pounds_json_wide(total.pence),
                    total.at_least.to_string(),
                    total.figures.len().to_string(),
                    url.clone(),
                ]);
                write_row(&mut w, row)?;
            }
        }
        if !any {
            let mut row = head;
            row.extend(std::iter::repeat_n(String::new(), 7));
            row.push(url);
            write_row(&mut w, row)?;
        }
    }
    w.into_inner().map_err(|e| csv_error(e.into_error()))
}

/// A wide sum of pence as pounds, the way `pounds_json` writes one figure.
fn pounds_json_wide(pence: u128) -> String {
    match pence % 100 {
        0 => (pence / 100).to_string(),
        p => format!("{}.{p:02}", pence / 100),
    }
}

/// schema.org `Dataset` for the downloads page, as JSON-LD safe to put in a
/// `<script>` element.
pub fn dataset_json_ld(site: &Site) -> String {
    let download = |route: Route, format: &str| serde_json::json!({"@type": "DataDownload", "encodingFormat": format, "contentUrl": site.public_link(&route)});
    let value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": format!("{}: case studies", site.settings().title),
        "description": site.settings().description,
        "url": site.public_link(&Route::DataPage),
        "license": site.settings().licence,
        "isAccessibleForFree": true,
        "creator": {"@type": "Organization", "name": site.settings().title},
        "distribution": [
            download(Route::DataJson, "application/json"),
            download(Route::DataCsv, "text/csv"),
            download(Route::DataOrganisations, "text/csv"),
            download(Route::DataFunctions, "text/csv"),
            download(Route::DataFigures, "text/csv"),
        ],
    });
    script_safe(&value)
}

/// JSON for a `<script type="application/ld+json">`: `<` is escaped so no
/// content can close the script element.
pub fn script_safe(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}
