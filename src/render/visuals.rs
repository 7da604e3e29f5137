//! The map and charts of the public site as views: each SVG drawn at build
//! time together with the table that gives the same information to people
//! who cannot use the picture.

use super::charts::{self, Bar};
use super::map;
use super::views::Link;
use crate::content::money::{Period, Status};
use crate::content::vocabulary::Kind;
use crate::model::money::{Ledger, TotalKey};
use crate::model::{CaseStudyId, OrgId, Route, Site, Taxon};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
pub struct MapRow {
    pub name: String,
    pub url: String,
    pub type_label: String,
    pub region: String,
    pub code: String,
    pub arrangements: usize,
    /// How the map draws it: "its hex", "area outlined (county)" ...
    pub shown_as: String,
    /// Partner councils (distinct).
    pub partner_councils: usize,
}

/// A partner in a council's panel.
#[derive(Serialize)]
pub struct PanelPartner {
    pub label: String,
    pub url: String,
    /// Arrangements shared with the council.
    pub count: usize,
    /// Its key on the map, when it is a council drawn there.
    pub key: Option<String>,
}

/// What selecting a council on the map shows (rendered hidden; `map.js`
/// shows one at a time). Bounded: the newest arrangements and the closest
/// partners only, with a link to the council's page for the rest.
#[derive(Serialize)]
pub struct MapPanel {
    pub id: String,
    pub key: String,
    pub name: String,
    pub url: String,
    pub type_label: String,
    pub arrangements: usize,
    pub recent: Vec<Link>,
    pub partners: Vec<PanelPartner>,
    pub more_partners: usize,
}

/// A line of the map: two councils and the arrangements they share.
#[derive(Serialize)]
pub struct PairRow {
    pub a: Link,
    pub b: Link,
    pub count: usize,
}

#[derive(Serialize)]
pub struct MapView {
    pub id: String,
    pub svg: String,
    /// Every council taking part (in the region, on a region page).
    pub rows: Vec<MapRow>,
    pub panels: Vec<MapPanel>,
    /// The lines drawn, heaviest first (none on the home page).
    pub pairs: Vec<PairRow>,
}

/// Panels list this many partners and arrangements at most (region pages).
const PANEL_PARTNERS: usize = 6;
const PANEL_RECENT: usize = 3;
/// On the home page, where every council has a panel: fewer partners and
/// no arrangement titles, so that the page stays small however many case
/// studies there are (at 10,000, 373 councils).
const HOME_PANEL_PARTNERS: usize = 4;
/// Lines drawn on a region page at most (the heaviest).
const REGION_LINES: usize = 150;

/// The councils taking part and who shares with whom.
struct Network {
    /// Organisations that are councils, in organisation order.
    orgs: Vec<OrgId>,
    members: Vec<map::Member>,
    shapes: Vec<map::Shape>,
    /// Per member: every other organisation it shares with, and how often.
    partners: Vec<BTreeMap<OrgId, usize>>,
}

fn network(site: &Site) -> Network {
    let mut orgs = Vec::new();
    let mut members = Vec::new();
    let mut index: BTreeMap<OrgId, usize> = BTreeMap::new();
    for o in site.all_organisations() {
        if let Some(c) = o.council {
            index.insert(o.id, orgs.len());
            orgs.push(o.id);
            members.push(map::Member {
                code: c.code.clone(),
                label: o.name.clone(),
                href: site.href(&Route::Organisation(o.id)),
                key: o.slug.to_string(),
            });
        }
    }
    let shapes = members.iter().map(|m| map::shape_of(&m.code)).collect();
    let mut partners: Vec<BTreeMap<OrgId, usize>> = vec![BTreeMap::new(); orgs.len()];
    for id in site.case_study_ids() {
        let with: BTreeSet<OrgId> = site.partners_of(id).map(|(_, o)| o).collect();
        for a in &with {
            if let Some(&k) = index.get(a) {
                for b in with.iter().filter(|b| *b != a) {
                    *partners[k].entry(*b).or_default() += 1;
                }
            }
        }
    }
    Network {
        orgs,
        members,
        shapes,
        partners,
    }
}

fn shown_as(shape: &map::Shape) -> &'static str {
    match shape {
        map::Shape::Own(_) => "its hex",
        map::Shape::County(_) => "its area, outlined (county council)",
        map::Shape::Successor(_) => "the area of the councils it replaced",
        map::Shape::Nowhere => "not on the map",
    }
}

fn region_labels(site: &Site) -> BTreeMap<String, String> {
    site.taxonomy(Kind::Region)
        .iter()
        .map(|t| (t.slug.to_string(), t.label.clone()))
        .collect()
}

fn panel(site: &Site, net: &Network, k: usize, map_id: &str, home: bool) -> MapPanel {
    let (partner_cap, recent_cap) = if home {
        (HOME_PANEL_PARTNERS, 0)
    } else {
        (PANEL_PARTNERS, PANEL_RECENT)
    };
    let o = site.organisation(net.orgs[k]);
    let member = &net.members[k];
    let mut recent: Vec<CaseStudyId> = o.case_studies.clone();
    recent.sort_by(|a, b| {
        site.case_study(*b)
            .matter
            .date
            .cmp(&site.case_study(*a).matter.date)
    });
    let mut partners: Vec<(&OrgId, &usize)> = net.partners[k].iter().collect();
    partners.sort_by(|a, b| {
        b.1.cmp(a.1).then_with(|| {
            site.organisation(*a.0)
                .name
                .cmp(&site.organisation(*b.0).name)
        })
    });
    let keys: BTreeMap<OrgId, usize> = net.orgs.iter().enumerate().map(|(i, o)| (*o, i)).collect();
    MapPanel {
        id: format!("{map_id}-p-{}", member.key),
        key: member.key.clone(),
        name: o.name.clone(),
        url: member.href.clone(),
        type_label: site
            .vocabulary()
            .label(Kind::OrganisationType, &o.org_type)
            .to_owned(),
        arrangements: o.case_studies.len(),
        recent: recent
            .iter()
            .take(recent_cap)
            .map(|&id| Link {
                label: site.case_study(id).matter.title.clone(),
                url: site.href(&Route::CaseStudy(id)),
            })
            .collect(),
        partners: partners
            .iter()
            .take(partner_cap)
            .map(|(p, n)| PanelPartner {
                label: site.organisation(**p).name.clone(),
                url: site.href(&Route::Organisation(**p)),
                count: **n,
                key: keys
                    .get(p)
                    .filter(|&&i| net.shapes[i] != map::Shape::Nowhere)
                    .map(|&i| net.members[i].key.clone()),
            })
            .collect(),
        more_partners: partners.len().saturating_sub(partner_cap),
    }
}

fn row(site: &Site, net: &Network, k: usize) -> MapRow {
    let o = site.organisation(net.orgs[k]);
    MapRow {
        name: o.name.clone(),
        url: net.members[k].href.clone(),
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
        shown_as: shown_as(&net.shapes[k]).to_owned(),
        partner_councils: net.partners[k]
            .keys()
            .filter(|p| net.orgs.binary_search(p).is_ok())
            .count(),
    }
}

/// The hex map of the councils taking part; with a region, that region is
/// highlighted, the lines between its councils drawn, and the table lists
/// its councils only. Selecting a council shows its panel (`map.js`).
pub fn map_view(site: &Site, region: Option<&Taxon>) -> MapView {
    let net = network(site);
    let labels = region_labels(site);
    let id = format!("hexmap-{}", region.map_or("uk", |t| t.slug.as_str()));
    let in_region = |k: usize| {
        region.is_none_or(|t| {
            site.organisation(net.orgs[k]).region.as_deref() == Some(t.slug.as_str())
        })
    };
    // Lines on a region page only: the pairs with a council of the region,
    // heaviest first, capped. The home page draws none, so that it does not
    // grow with the case studies; selecting a council draws its lines.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    if region.is_some() {
        let keys: BTreeMap<OrgId, usize> =
            net.orgs.iter().enumerate().map(|(i, o)| (*o, i)).collect();
        for (a, ps) in net.partners.iter().enumerate() {
            for (p, n) in ps {
                if let Some(&b) = keys.get(p)
                    && a < b
                    && (in_region(a) || in_region(b))
                {
                    pairs.push((a, b, *n));
                }
            }
        }
        pairs.sort_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        pairs.retain(|(a, b, _)| {
            net.shapes[*a] != map::Shape::Nowhere && net.shapes[*b] != map::Shape::Nowhere
        });
        pairs.truncate(REGION_LINES);
    }
    let (title, description) = match region {
        Some(t) => (
            format!("Councils taking part in {}", t.label),
            format!("Hex map of UK local authority districts with {} highlighted. Councils that take part in a shared arrangement in this compendium are coloured and link to their pages; a county council's area is outlined; lines join councils that share arrangements. The tables after the map list the councils and the lines.", t.label),
        ),
        None => (
            "Councils taking part in shared arrangements".to_owned(),
            "Hex map of UK local authority districts and regions. Councils that take part in a shared arrangement in this compendium are coloured and link to their pages; a county council's area is outlined; the others are grey. The table after the map lists them.".to_owned(),
        ),
    };
    let svg = map::hex_map_svg(&map::MapSpec {
        id: &id,
        title: &title,
        description: &description,
        members: &net.members,
        links: &pairs,
        region: region.map(|t| t.slug.as_str()),
        frame: None,
        this: None,
        region_labels: &labels,
    });
    let ks: Vec<usize> = (0..net.orgs.len()).filter(|&k| in_region(k)).collect();
    let panels = ks
        .iter()
        .filter(|&&k| net.shapes[k] != map::Shape::Nowhere)
        .map(|&k| panel(site, &net, k, &id, region.is_none()))
        .collect();
    let rows = ks.iter().map(|&k| row(site, &net, k)).collect();
    let link = |k: usize| Link {
        label: net.members[k].label.clone(),
        url: net.members[k].href.clone(),
    };
    MapView {
        id,
        svg,
        rows,
        panels,
        pairs: pairs
            .iter()
            .map(|&(a, b, count)| PairRow {
                a: link(a),
                b: link(b),
                count,
            })
            .collect(),
    }
}

/// An organisation's partner network: the map framed on it and its partner
/// councils, a line from it to each (thicker for more arrangements
/// together). `None` when none of them is on the map.
pub fn partner_map(site: &Site, org: OrgId) -> Option<MapView> {
    // Only this organisation's case studies are read, so that its page is
    // rebuilt when they change and not on every edit.
    let o = site.organisation(org);
    let mut with: BTreeMap<OrgId, usize> = BTreeMap::new();
    for &id in &o.case_studies {
        let ps: BTreeSet<OrgId> = site.partners_of(id).map(|(_, p)| p).collect();
        for p in ps.into_iter().filter(|p| *p != org) {
            *with.entry(p).or_default() += 1;
        }
    }
    let member = |id: OrgId| {
        let x = site.organisation(id);
        x.council.map(|c| map::Member {
            code: c.code.clone(),
            label: x.name.clone(),
            href: site.href(&Route::Organisation(id)),
            key: x.slug.to_string(),
        })
    };
    let partners: Vec<(OrgId, usize)> = with
        .into_iter()
        .filter(|(p, _)| site.organisation(*p).council.is_some())
        .collect();
    let mut members: Vec<map::Member> = Vec::new();
    let mut ids: Vec<OrgId> = Vec::new();
    for id in std::iter::once(org).chain(partners.iter().map(|(p, _)| *p)) {
        if let Some(m) = member(id)
            && map::shape_of(&m.code) != map::Shape::Nowhere
        {
            members.push(m);
            ids.push(id);
        }
    }
    if members.is_empty() {
        return None;
    }
    let this = (ids.first() == Some(&org)).then_some(0);
    let links: Vec<(usize, usize, usize)> = match this {
        Some(t) => partners
            .iter()
            .filter_map(|(p, n)| Some((t, ids.iter().position(|x| x == p)?, *n)))
            .collect(),
        None => Vec::new(),
    };
    let frame: Vec<usize> = (0..members.len()).collect();
    let labels = region_labels(site);
    let id = "hexmap-partners".to_owned();
    let title = format!("{} and its partner councils", o.name);
    let description = format!(
        "Hex map framed on {} and the councils it shares arrangements with, each linked to its page; a line joins it to each partner, thicker for more arrangements together. The table after the map lists them.",
        o.name
    );
    let svg = map::hex_map_svg(&map::MapSpec {
        id: &id,
        title: &title,
        description: &description,
        members: &members,
        links: &links,
        region: None,
        frame: Some(&frame),
        this,
        region_labels: &labels,
    });
    let mut pairs: Vec<PairRow> = partners
        .iter()
        .map(|(p, n)| PairRow {
            a: Link {
                label: o.name.clone(),
                url: site.href(&Route::Organisation(org)),
            },
            b: Link {
                label: site.organisation(*p).name.clone(),
                url: site.href(&Route::Organisation(*p)),
            },
            count: *n,
        })
        .collect();
    pairs.sort_by(|x, y| y.count.cmp(&x.count).then(x.b.label.cmp(&y.b.label)));
    Some(MapView {
        id,
        svg,
        rows: Vec::new(),
        panels: Vec::new(),
        pairs,
    })
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
