//! The map and charts of the public site as views: each SVG drawn at build
//! time together with the table that gives the same information to people
//! who cannot use the picture.

use super::charts::{self, Bar};
use super::map;
use crate::content::money::{Period, Status};
use crate::content::vocabulary::Kind;
use crate::model::money::{Ledger, TotalKey};
use crate::model::{Route, Site, Taxon};
use serde::Serialize;

#[derive(Serialize)]
pub struct MapRow {
    pub name: String,
    pub url: String,
    pub type_label: String,
    pub region: String,
    pub code: String,
    pub arrangements: usize,
}

#[derive(Serialize)]
pub struct MapView {
    pub svg: String,
    /// Every council taking part (in the region, on a region page).
    pub rows: Vec<MapRow>,
}

/// The hex map of the councils taking part; with a region, that region is
/// highlighted and the table lists its councils only.
pub fn map_view(site: &Site, region: Option<&Taxon>) -> MapView {
    let councils: Vec<(&str, &str, String)> = site
        .all_organisations()
        .iter()
        .filter_map(|o| {
            o.council.map(|c| {
                (
                    c.code.as_str(),
                    o.name.as_str(),
                    site.href(&Route::Organisation(o.id)),
                )
            })
        })
        .collect();
    let active = map::active_hexes(
        councils
            .iter()
            .map(|(code, name, url)| (*code, *name, url.as_str())),
    );
    let (title, description) = match region {
        Some(t) => (
            format!("Councils taking part in {}", t.label),
            format!("Hex map of UK local authority districts with {} highlighted. Councils that take part in a shared arrangement in this compendium are coloured and link to their pages; the table after the map lists them.", t.label),
        ),
        None => (
            "Councils taking part in shared arrangements".to_owned(),
            "Hex map of UK local authority districts. Councils that take part in a shared arrangement in this compendium are coloured and link to their pages; the others are grey. The table after the map lists them.".to_owned(),
        ),
    };
    let svg = map::hex_map_svg(
        &active,
        region.map(|t| t.slug.as_str()),
        &title,
        &description,
    );
    let rows = site
        .all_organisations()
        .iter()
        .filter(|o| o.council.is_some())
        .filter(|o| region.is_none_or(|t| o.region.as_deref() == Some(t.slug.as_str())))
        .map(|o| MapRow {
            name: o.name.clone(),
            url: site.href(&Route::Organisation(o.id)),
            type_label: site
                .vocabulary()
                .label(Kind::OrganisationType, &o.org_type)
                .to_owned(),
            region: o
                .region
                .as_deref()
                .map(|r| site.vocabulary().label(Kind::Region, r))
                .unwrap_or("")
                .to_owned(),
            code: o.council.map(|c| c.code.clone()).unwrap_or_default(),
            arrangements: o.case_studies.len(),
        })
        .collect();
    MapView { svg, rows }
}

#[derive(Serialize)]
pub struct ChartRow {
    pub label: String,
    pub url: String,
    pub cells: Vec<String>,
}

#[derive(Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub svg: String,
    pub columns: Vec<String>,
    pub rows: Vec<ChartRow>,
}

fn used(site: &Site, kind: Kind) -> Vec<&Taxon> {
    site.taxonomy(kind)
        .iter()
        .filter(|t| !t.case_studies.is_empty())
        .collect()
}

/// Annual savings achieved, by function: only figures about that one
/// function (a figure about a whole arrangement of several functions counts
/// under none), so the bars never add up to more than the site's annual
/// total. The table also gives projected annual and one-off savings, apart.
pub fn savings_by_function(site: &Site) -> ChartView {
    let annual = |t: &Taxon| t.totals.annual_achieved().map_or(0, |x| x.pence);
    let mut terms = used(site, Kind::Function);
    terms.sort_by(|a, b| annual(b).cmp(&annual(a)).then(a.label.cmp(&b.label)));
    let bars: Vec<Bar> = terms
        .iter()
        .filter_map(|t| {
            let total = t.totals.annual_achieved()?;
            let prefix = if total.at_least { "at least " } else { "" };
            Some(Bar {
                label: t.label.clone(),
                value: total.pence as f64 / 100.0,
                display: format!("{prefix}{}", total.short()),
                href: Some(site.href(&t.route())),
            })
        })
        .collect();
    let title = "Annual savings achieved, by function";
    let description = "Sum of the annual savings reported as achieved that are about each function alone; a figure about a whole arrangement of several functions is counted under none, so the bars add up to no more than the total of all annual savings achieved. Functions with none are left out of the chart but listed in the table.";
    let keys = [
        (Period::Annual, Status::Achieved),
        (Period::Annual, Status::Projected),
        (Period::OneOff, Status::Achieved),
        (Period::OneOff, Status::Projected),
    ];
    ChartView {
        id: "chart-savings-by-function".into(),
        title: title.into(),
        svg: charts::bar_chart_svg("chart-savings-by-function", title, description, &bars),
        columns: vec![
            "Annual, achieved".into(),
            "Annual, projected".into(),
            "One-off, achieved".into(),
            "One-off, projected".into(),
        ],
        rows: terms
            .iter()
            .map(|t| ChartRow {
                label: t.label.clone(),
                url: site.href(&t.route()),
                cells: keys
                    .iter()
                    .map(|&(period, status)| {
                        let key = TotalKey {
                            period,
                            status,
                            years: None,
                        };
                        t.totals
                            .get(Ledger::Savings, key)
                            .map(|x| {
                                let prefix = if x.at_least { "at least " } else { "" };
                                format!("{prefix}{}", x.formatted())
                            })
                            .unwrap_or_else(|| "£0".into())
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Case studies per term of `kind`, largest first.
pub fn count_chart(site: &Site, kind: Kind, id: &str, title: &str) -> ChartView {
    let mut terms = used(site, kind);
    terms.sort_by(|a, b| {
        b.case_studies
            .len()
            .cmp(&a.case_studies.len())
            .then(a.label.cmp(&b.label))
    });
    let bars: Vec<Bar> = terms
        .iter()
        .map(|t| Bar {
            label: t.label.clone(),
            value: t.case_studies.len() as f64,
            display: t.case_studies.len().to_string(),
            href: Some(site.href(&t.route())),
        })
        .collect();
    let description = "Number of case studies in each; a case study with partners in several regions counts in each of them.";
    ChartView {
        id: id.into(),
        title: title.into(),
        svg: charts::bar_chart_svg(id, title, description, &bars),
        columns: vec!["Case studies".into()],
        rows: terms
            .iter()
            .map(|t| ChartRow {
                label: t.label.clone(),
                url: site.href(&t.route()),
                cells: vec![t.case_studies.len().to_string()],
            })
            .collect(),
    }
}

/// The three charts of the home page.
pub fn home_charts(site: &Site) -> Vec<ChartView> {
    vec![
        savings_by_function(site),
        count_chart(
            site,
            Kind::Region,
            "chart-by-region",
            "Case studies by region",
        ),
        count_chart(
            site,
            Kind::Model,
            "chart-by-model",
            "Case studies by delivery model",
        ),
    ]
}
