//! Open data: every case study as JSON (all front-matter fields, normalised:
//! amounts as numbers of pounds) and as CSV (one row each, lists joined by `; `).

use crate::content::amount::pounds_json;
use crate::content::case_study::{Contact, Money, Source};
use crate::content::money::{Pence, Period, Status, Word};
use crate::diagnostics::Diagnostic;
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
    functions: &'a [String],
    regions: &'a [String],
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

fn money_records(items: &[Money]) -> Vec<MoneyRecord<'_>> {
    items
        .iter()
        .map(|m| MoneyRecord {
            amount: pounds_json(m.pence),
            period: m.period.word(),
            years: m.years,
            status: m.status.word(),
            partner: m.partner.as_deref(),
            breakdown: m.breakdown,
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
                url: site.permalink(&Route::CaseStudy(CaseStudyId::new(i))),
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
                savings: money_records(&m.savings),
                costs: money_records(&m.costs),
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
    "functions",
    "regions",
    "partners",
    "partner_types",
    "lead_partners",
    "savings_annual_achieved",
    "savings_annual_projected",
    "savings_one_off_achieved",
    "savings_one_off_projected",
    "savings_total_achieved",
    "savings_total_projected",
    "costs_one_off",
    "costs_annual",
    "costs_total",
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
        w.write_record(csv_row(site, id)).map_err(csv_error)?;
    }
    w.into_inner().map_err(|e| csv_error(e.into_error()))
}

fn csv_row(site: &Site, id: CaseStudyId) -> Vec<String> {
    let c = site.case_study(id);
    let m = &c.matter;
    let join = |items: Vec<String>| items.join("; ");
    let mut savings = crate::model::money::MoneyTotals::default();
    savings.add_combined(&m.savings);
    let mut costs = crate::model::money::MoneyTotals::default();
    costs.add_combined(&m.costs);
    let pounds = |p: Pence| {
        if p.is_zero() {
            String::new()
        } else {
            pounds_json(p).to_string()
        }
    };
    let cost_all = |period: Period| {
        pounds(
            costs
                .get(period, Status::Achieved)
                .saturating_add(costs.get(period, Status::Projected)),
        )
    };
    let describe = |items: &[Money]| {
        join(
            items
                .iter()
                .map(|x| {
                    let mut s = format!("{} {} {}", pounds_json(x.pence), x.period, x.status);
                    if let Some(y) = x.years {
                        s.push_str(&format!(" over {y} years"));
                    }
                    if let Some(p) = &x.partner {
                        s.push_str(&format!(" ({p})"));
                    }
                    s
                })
                .collect(),
        )
    };
    vec![
        c.slug.clone(),
        site.permalink(&Route::CaseStudy(id)),
        m.title.clone(),
        m.summary.clone(),
        m.date.iso(),
        m.started.map(|d| d.iso()).unwrap_or_default(),
        m.status.clone().unwrap_or_default(),
        m.model.clone(),
        join(m.functions.clone()),
        join(site.regions_of(id).to_vec()),
        join(m.partners.iter().map(|p| p.name.clone()).collect()),
        join(m.partners.iter().map(|p| p.org_type.clone()).collect()),
        join(
            m.partners
                .iter()
                .filter(|p| p.lead)
                .map(|p| p.name.clone())
                .collect(),
        ),
        pounds(savings.get(Period::Annual, Status::Achieved)),
        pounds(savings.get(Period::Annual, Status::Projected)),
        pounds(savings.get(Period::OneOff, Status::Achieved)),
        pounds(savings.get(Period::OneOff, Status::Projected)),
        pounds(savings.get(Period::Total, Status::Achieved)),
        pounds(savings.get(Period::Total, Status::Projected)),
        cost_all(Period::OneOff),
        cost_all(Period::Annual),
        cost_all(Period::Total),
        describe(&m.savings),
        describe(&m.costs),
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
        w.write_record([
            o.slug.clone(),
            o.name.clone(),
            o.org_type.clone(),
            o.region.clone().unwrap_or_default(),
            o.council.map(|c| c.code.clone()).unwrap_or_default(),
            o.council.map(|c| c.gss.clone()).unwrap_or_default(),
            o.council.map(|c| c.name.clone()).unwrap_or_default(),
            o.case_studies.len().to_string(),
            slugs.join("; "),
            site.permalink(&Route::Organisation(o.id)),
        ])
        .map_err(csv_error)?;
    }
    w.into_inner().map_err(|e| csv_error(e.into_error()))
}

/// One row per function: how many case studies, and their combined savings
/// and costs by period and status (shares and breakdowns never added).
pub fn functions_csv(site: &Site) -> Result<Vec<u8>, Diagnostic> {
    let mut header = vec![
        "slug".to_owned(),
        "label".into(),
        "group".into(),
        "case_studies".into(),
    ];
    for kind in ["savings", "costs"] {
        for p in Period::ALL {
            for s in Status::ALL {
                header.push(format!("{kind}_{}_{s}", p.word().replace('-', "_")));
            }
        }
    }
    header.push("url".into());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).map_err(csv_error)?;
    for t in site.taxonomy(crate::content::vocabulary::Kind::Function) {
        let mut row = vec![
            t.slug.clone(),
            t.label.clone(),
            t.group.clone(),
            t.case_studies.len().to_string(),
        ];
        for totals in [&t.savings, &t.costs] {
            for &p in Period::ALL {
                for &s in Status::ALL {
                    row.push(pounds_json(totals.get(p, s)).to_string());
                }
            }
        }
        row.push(site.permalink(&t.route()));
        w.write_record(&row).map_err(csv_error)?;
    }
    w.into_inner().map_err(|e| csv_error(e.into_error()))
}

/// schema.org `Dataset` for the downloads page, as JSON-LD safe to put in a
/// `<script>` element.
pub fn dataset_json_ld(site: &Site) -> String {
    let download = |route: Route, format: &str| serde_json::json!({"@type": "DataDownload", "encodingFormat": format, "contentUrl": site.permalink(&route)});
    let value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": format!("{}: case studies", site.settings().title),
        "description": site.settings().description,
        "url": site.permalink(&Route::DataPage),
        "license": site.settings().licence,
        "isAccessibleForFree": true,
        "creator": {"@type": "Organization", "name": site.settings().title},
        "distribution": [
            download(Route::DataJson, "application/json"),
            download(Route::DataCsv, "text/csv"),
            download(Route::DataOrganisations, "text/csv"),
            download(Route::DataFunctions, "text/csv"),
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
