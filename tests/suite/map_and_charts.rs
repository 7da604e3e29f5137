//! The hex map and the charts of the built bundled site say what the
//! content says. The expected values are computed here from the front
//! matter, through the library (`pipeline::load_site`), and compared with
//! the HTML the binary wrote:
//!
//! - the home page's `<svg class="hexmap">` colours and links exactly the
//!   councils that take part (organisations matched to the register), each
//!   hex to the page of a council it stands for (`map::hexes_of_council`),
//!   every hex those councils cover and no other; its table lists them all;
//! - the three home page charts' tables and bars equal the sums and counts
//!   from the front matter: savings by function (combined figures only: no
//!   `partner:`, no `breakdown: true`; annual and one-off, achieved and
//!   projected, kept apart), case studies by region, by delivery model.

use crate::support::bundled_site;
use compendium::content::Slug;

use crate::support::html::{Page, selector, text};
use bundled_site::BundledSite;
use compendium::content::amount::format_pounds_short;
use compendium::content::case_study::Money;
use compendium::content::money::{Pence, Period, Status};
use compendium::content::vocabulary::Kind;
use compendium::model::Site;
use compendium::pipeline::{Options, load_site};
use compendium::render::map::{self, MapHex};
use scraper::ElementRef;
use std::collections::{BTreeMap, BTreeSet};

fn bundled_model() -> Site {
    let (site, _warnings) = load_site(&Options {
        root: env!("CARGO_MANIFEST_DIR").into(),
        include_drafts: false,
        base_url: None,
    })
    .unwrap_or_else(|d| panic!("the bundled content loads: {d:?}"));
    site
}

// ---- reading the home page (support::html, on the scraper crate) ----

/// The one element matching `css` inside `within`.
#[track_caller]
fn one<'a>(within: ElementRef<'a>, css: &str) -> ElementRef<'a> {
    let found: Vec<ElementRef<'a>> = within.select(&selector(css)).collect();
    assert_eq!(found.len(), 1, "expected one {css}, found {}", found.len());
    found[0]
}

fn all<'a>(within: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    within.select(&selector(css)).collect()
}

#[track_caller]
fn attr(e: ElementRef<'_>, name: &str) -> String {
    e.value()
        .attr(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}: {}", e.value().name(), e.html()))
        .to_owned()
}

/// "£1,234,567" or "£1,234.50" as pence.
fn pence(shown: &str) -> i64 {
    let digits: String = shown
        .trim()
        .trim_start_matches("at least ")
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let (pounds, pennies) = digits.split_once('.').unwrap_or((&digits, "0"));
    let pounds: i64 = pounds
        .parse()
        .unwrap_or_else(|_| panic!("an amount: {shown}"));
    let pennies: i64 = format!("{pennies:0<2}")[..2]
        .parse()
        .unwrap_or_else(|_| panic!("an amount: {shown}"));
    pounds * 100 + pennies
}

// ---- the map ----

/// A hex's place in the drawing: the top vertex its path starts at, in
/// hundredths of a unit. This repeats the layout of `render::map` (odd-r
/// rows of pointy-topped hexes 8 wide, rows 6.9 apart, sides 4.6, margin 4,
/// north up) so that each drawn hex can be told apart.
fn hex_positions() -> BTreeMap<(i64, i64), &'static MapHex> {
    let hexes = map::hexes();
    let q_min = hexes.iter().map(|h| h.q).min().expect("hexes");
    let r_max = hexes.iter().map(|h| h.r).max().expect("hexes");
    hexes
        .iter()
        .map(|h| {
            let shift = if h.r.rem_euclid(2) == 1 { 4.0 } else { 0.0 };
            let x = 4.0 + f64::from(h.q - q_min) * 8.0 + shift + 4.0;
            let y = 4.0 + f64::from(r_max - h.r) * 6.9 + 4.6 - 4.6;
            (((x * 100.0).round() as i64, (y * 100.0).round() as i64), h)
        })
        .collect()
}

/// The hex a `<path d="M x y…">` draws.
fn hex_of_path(
    path: ElementRef<'_>,
    positions: &BTreeMap<(i64, i64), &'static MapHex>,
) -> &'static MapHex {
    let d = attr(path, "d");
    let start = d.strip_prefix('M').expect("d starts with M");
    let mut numbers = start
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|s| !s.is_empty());
    let mut next = || -> i64 {
        let v: f64 = numbers.next().expect("a number").parse().expect("a number");
        (v * 100.0).round() as i64
    };
    let at = (next(), next());
    positions
        .get(&at)
        .copied()
        .unwrap_or_else(|| panic!("no hex of the map starts at {at:?}: {d}"))
}

fn the_home_map_colours_and_links_exactly_the_councils_taking_part() {
    let site = bundled_model();
    let built = BundledSite::shared();
    let home = Page::parse(&built.read("/"));
    let maps = home.select("svg.hexmap");
    assert!(!maps.is_empty(), "the home page has the hex map");
    let svg = maps[0];
    let positions = hex_positions();

    // The councils taking part, and the hexes each stands for.
    let councils: Vec<_> = site
        .all_organisations()
        .iter()
        .filter_map(|o| o.council.map(|c| (o, c)))
        .collect();
    assert!(councils.len() > 10, "the bundled content has councils");
    let mut pages: BTreeMap<String, (&str, BTreeSet<&str>)> = BTreeMap::new();
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for (o, c) in &councils {
        let hexes: BTreeSet<&str> = map::hexes_of_council(&c.code)
            .into_iter()
            .map(|h| h.gss.as_str())
            .collect();
        if hexes.is_empty() {
            eprintln!("{} ({}) has no area on the map", o.name, c.code);
        }
        covered.extend(hexes.iter().copied());
        pages.insert(
            site.url(&format!("/partners/{}/", o.slug)),
            (o.name.as_str(), hexes),
        );
    }

    // Every hex of the UK is drawn once; the linked ones are coloured.
    let all_paths = all(svg, "path");
    let drawn: Vec<&str> = all_paths
        .iter()
        .map(|p| hex_of_path(*p, &positions).gss.as_str())
        .collect();
    assert_eq!(drawn.len(), map::hexes().len(), "every hex is drawn");
    assert_eq!(
        drawn.iter().collect::<BTreeSet<_>>().len(),
        drawn.len(),
        "no hex is drawn twice"
    );
    let coloured = one(svg, "g.hexmap-on");
    assert!(
        coloured.value().attr("color") == Some(map::ACTIVE)
            && coloured.value().attr("fill") == Some("currentColor"),
        "the linked hexes are coloured: {:?}",
        coloured.value()
    );
    let grey = one(svg, &format!("g[fill=\"{}\"]", map::INACTIVE));
    assert!(all(grey, "a").is_empty(), "grey hexes are not links");

    let links = all(svg, "a");
    assert_eq!(
        all(coloured, "a").len(),
        links.len(),
        "every link is a coloured hex"
    );
    let mut linked_hexes: BTreeSet<&str> = BTreeSet::new();
    let mut linked_pages: BTreeSet<String> = BTreeSet::new();
    for a in &links {
        let href = attr(*a, "href");
        let title = text(one(*a, "title"));
        // One hex per link.
        let path = one(*a, "path");
        let hex = hex_of_path(path, &positions);
        let (name, hexes) = pages
            .get(&href)
            .unwrap_or_else(|| panic!("{href} (on {}) is not a council taking part", hex.name));
        assert!(
            hexes.contains(hex.gss.as_str()),
            "{} ({}) links to {href}, but {name} does not cover it",
            hex.name,
            hex.gss
        );
        assert!(
            title == *name || title == format!("{name} ({})", hex.name),
            "the hex {} links to {href} and is named {title:?}, not after {name}",
            hex.name
        );
        assert!(
            linked_hexes.insert(hex.gss.as_str()),
            "{} is linked twice",
            hex.name
        );
        linked_pages.insert(href);
    }

    // Exactly the hexes the councils cover are coloured ...
    let missing: Vec<_> = covered.difference(&linked_hexes).collect();
    assert!(
        missing.is_empty(),
        "hexes of councils taking part left grey: {missing:?}"
    );
    assert_eq!(linked_hexes, covered);
    // ... and every council with an area on the map links from it.
    let expected: BTreeSet<String> = pages
        .iter()
        .filter(|(_, (_, hexes))| !hexes.is_empty())
        .map(|(href, _)| href.clone())
        .collect();
    assert_eq!(
        linked_pages, expected,
        "the map links exactly the councils taking part"
    );

    eprintln!(
        "map: {} councils taking part, {} linked hexes of {}",
        pages.len(),
        linked_hexes.len(),
        drawn.len()
    );

    // The table after the map lists every council taking part.
    let tables = home.select("details.map-table");
    assert_eq!(tables.len(), 1, "the map's table");
    let rows: BTreeSet<String> = all(tables[0], "tr")
        .into_iter()
        .filter(|r| !all(*r, r#"th[scope="row"]"#).is_empty())
        .map(|r| attr(all(r, "a[href]")[0], "href"))
        .collect();
    let all: BTreeSet<String> = pages.keys().cloned().collect();
    assert_eq!(rows, all, "the map's table lists every council taking part");
    // And each of those pages exists.
    for href in &all {
        assert!(built.exists(href), "{href} was built");
    }
}

// ---- the charts ----

struct Chart {
    /// (href, label, cells) per table row, in order.
    rows: Vec<(String, String, Vec<String>)>,
    /// (href, label, bar width, value shown) per bar, in order.
    bars: Vec<(String, String, f64, String)>,
}

fn chart(home: &str, id: &str) -> Chart {
    let page = Page::parse(home);
    let sections = page.select(&format!("section.chart[aria-labelledby=\"{id}-heading\"]"));
    assert_eq!(sections.len(), 1, "the home page has the chart {id}");
    let section = sections[0];
    let table = one(section, "table");
    let rows = all(one(table, "tbody"), "tr")
        .into_iter()
        .map(|r| {
            let links = all(r, "a[href]");
            assert!(!links.is_empty(), "a row links to its term: {}", r.html());
            let href = attr(links[0], "href");
            let label = text(links[0]);
            let cells = all(r, "td").into_iter().map(text).collect();
            (href, label, cells)
        })
        .collect();
    let svg = one(section, &format!("svg.bar-chart[id=\"{id}\"]"));
    let bars = all(svg, "a")
        .into_iter()
        .map(|a| {
            let href = attr(a, "href");
            let texts = all(a, "text");
            assert_eq!(
                texts.len(),
                2,
                "a bar has a label and a value: {}",
                a.html()
            );
            let label = all(texts[0], "tspan")
                .into_iter()
                .map(text)
                .collect::<Vec<_>>()
                .join(" ");
            let width = all(a, "rect")
                .first()
                .and_then(|r| r.value().attr("width"))
                .map_or(0.0, |w| w.parse().expect("a width"));
            (href, label, width, text(texts[1]))
        })
        .collect();
    Chart { rows, bars }
}

/// Bars are drawn in proportion: each width over the widest equals each
/// value over the largest (to the rounding of the drawing).
fn assert_proportional(id: &str, bars: &[(String, String, f64, String)], values: &[f64]) {
    let wmax = bars.iter().map(|b| b.2).fold(0.0, f64::max);
    let vmax = values.iter().copied().fold(0.0, f64::max);
    assert!(wmax > 0.0 && vmax > 0.0, "{id} has bars");
    for (bar, value) in bars.iter().zip(values) {
        let drawn = bar.2 / wmax;
        let meant = value / vmax;
        assert!(
            (drawn - meant).abs() < 0.005 || (bar.2 <= 1.0 && meant * wmax <= 1.0),
            "{id}: the bar of {} is {:.4} of the longest, its value {:.4}",
            bar.1,
            drawn,
            meant
        );
    }
}

/// Pence by (period, status).
type Sums<'a> = BTreeMap<(&'a str, &'a str), i64>;

const SAVINGS_COLUMNS: [(&str, &str); 4] = [
    ("annual", "achieved"),
    ("annual", "projected"),
    ("one-off", "achieved"),
    ("one-off", "projected"),
];

fn the_savings_chart_adds_up_the_combined_figures_of_the_front_matter() {
    let site = bundled_model();
    let built = BundledSite::shared();
    let home = built.read("/");
    let chart = chart(&home, "chart-savings-by-function");

    // From the front matter: per function, per (period, status), the sum of
    // the combined figures that still stand (no partner's share, no
    // breakdown row, nothing superseded) about that function alone: named
    // in the figure's `functions:`, or the one function of its case study.
    let mut sums: BTreeMap<String, Sums<'_>> = BTreeMap::new();
    let mut at_least: BTreeSet<String> = BTreeSet::new();
    for c in site.all_case_studies() {
        let functions: BTreeSet<&Slug> = c.matter.functions.iter().collect();
        for f in functions {
            let row = sums.entry(f.to_string()).or_default();
            for column in SAVINGS_COLUMNS {
                row.entry(column).or_default();
            }
            for m in &c.matter.savings {
                let about: &[Slug] = if m.functions.is_empty() && c.matter.functions.len() == 1 {
                    &c.matter.functions
                } else {
                    &m.functions
                };
                let about_f_alone = about.len() == 1 && about[0] == *f;
                if m.partner.is_none() && !m.breakdown && m.superseded.is_none() && about_f_alone {
                    *row.entry((m.period.word(), m.status.word())).or_default() += pence_of(m);
                    if m.at_least && m.period == Period::Annual && m.status == Status::Achieved {
                        at_least.insert(f.to_string());
                    }
                }
            }
        }
    }
    // No bar can pass the whole: every annual saving achieved that totals add.
    let whole: i64 = site
        .all_case_studies()
        .iter()
        .flat_map(|c| &c.matter.savings)
        .filter(|m| m.period == Period::Annual && m.status == Status::Achieved)
        .filter(|m| m.partner.is_none() && !m.breakdown && m.superseded.is_none())
        .map(pence_of)
        .sum();
    let bars_sum: i64 = sums.values().map(|r| r[&("annual", "achieved")]).sum();
    assert!(
        bars_sum <= whole,
        "the bars add up to {bars_sum}, more than the whole {whole}"
    );
    // The rule matters for this content: shares and breakdown rows exist,
    // and adding them in would change the figures.
    let everything: i64 = site
        .all_case_studies()
        .iter()
        .flat_map(|c| &c.matter.savings)
        .filter(|m| m.period == Period::Annual && m.status == Status::Achieved)
        .map(pence_of)
        .sum();
    let combined: i64 = site
        .all_case_studies()
        .iter()
        .flat_map(|c| &c.matter.savings)
        .filter(|m| m.period == Period::Annual && m.status == Status::Achieved)
        .filter(|m| m.partner.is_none() && !m.breakdown)
        .map(pence_of)
        .sum();
    assert!(
        combined > 0 && everything > combined,
        "the content has combined annual savings and shares or breakdowns beside them"
    );
    let href = |slug: &str| site.url(&format!("/functions/{slug}/"));
    let by_href: BTreeMap<String, (&String, &Sums<'_>)> = sums
        .iter()
        .map(|(slug, row)| (href(slug), (slug, row)))
        .collect();

    // The table: one row per function with a case study, four columns.
    let shown: BTreeSet<&String> = chart.rows.iter().map(|r| &r.0).collect();
    let meant: BTreeSet<&String> = by_href.keys().collect();
    assert_eq!(shown, meant, "one row per function that has a case study");
    for (row_href, label, cells) in &chart.rows {
        let (slug, row) = by_href[row_href];
        assert_eq!(label, site.vocabulary().label(Kind::Function, slug));
        let got: Vec<i64> = cells.iter().map(|c| pence(c)).collect();
        let want: Vec<i64> = SAVINGS_COLUMNS.iter().map(|k| row[k]).collect();
        assert_eq!(
            got, want,
            "{label}: annual achieved, annual projected, one-off achieved, one-off projected"
        );
    }
    let annual: Vec<i64> = chart
        .rows
        .iter()
        .map(|r| by_href[&r.0].1[&("annual", "achieved")])
        .collect();
    assert!(
        annual.windows(2).all(|w| w[0] >= w[1]),
        "rows are largest first: {annual:?}"
    );

    // The bars: the functions with annual savings achieved, in the table's
    // order, labelled, drawn to scale and showing their value.
    let with_savings: Vec<&String> = chart
        .rows
        .iter()
        .filter(|r| by_href[&r.0].1[&("annual", "achieved")] > 0)
        .map(|r| &r.0)
        .collect();
    let bar_hrefs: Vec<&String> = chart.bars.iter().map(|b| &b.0).collect();
    assert_eq!(
        bar_hrefs, with_savings,
        "a bar per function with annual savings achieved"
    );
    let mut values = Vec::new();
    for (bar_href, label, _, value) in &chart.bars {
        let (slug, row) = by_href[bar_href];
        let p = row[&("annual", "achieved")];
        assert_eq!(label, site.vocabulary().label(Kind::Function, slug));
        let prefix = if at_least.contains(slug) {
            "at least "
        } else {
            ""
        };
        assert_eq!(
            value,
            &format!(
                "{prefix}{}",
                format_pounds_short(Pence::new(p.unsigned_abs()))
            ),
            "the value shown for {label}"
        );
        values.push(p as f64);
    }
    assert_proportional("chart-savings-by-function", &chart.bars, &values);
}

fn the_region_and_model_charts_count_the_case_studies_of_the_front_matter() {
    let site = bundled_model();
    let built = BundledSite::shared();
    let home = built.read("/");

    // A case study counts once in each region of its partners, and in its model.
    let mut by_region: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_model: BTreeMap<String, usize> = BTreeMap::new();
    for c in site.all_case_studies() {
        let regions: BTreeSet<&Slug> = c
            .matter
            .partners
            .iter()
            .filter_map(|p| p.region.as_ref())
            .collect();
        for r in regions {
            *by_region.entry(r.to_string()).or_default() += 1;
        }
        *by_model.entry(c.matter.model.to_string()).or_default() += 1;
    }
    assert!(by_region.len() > 3 && by_model.len() > 3);

    for (id, kind, section, counts) in [
        ("chart-by-region", Kind::Region, "regions", &by_region),
        ("chart-by-model", Kind::Model, "models", &by_model),
    ] {
        let chart = chart(&home, id);
        let expected: BTreeMap<String, (String, usize)> = counts
            .iter()
            .map(|(slug, n)| {
                (
                    site.url(&format!("/{section}/{slug}/")),
                    (site.vocabulary().label(kind, slug).to_owned(), *n),
                )
            })
            .collect();
        let rows: BTreeMap<String, (String, usize)> = chart
            .rows
            .iter()
            .map(|(href, label, cells)| {
                assert_eq!(cells.len(), 1, "{id}: one count per row");
                let n = cells[0].parse().expect("a count");
                (href.clone(), (label.clone(), n))
            })
            .collect();
        assert_eq!(rows.len(), chart.rows.len(), "{id}: no row twice");
        assert_eq!(rows, expected, "{id}: the table's counts");
        let order: Vec<usize> = chart.rows.iter().map(|r| rows[&r.0].1).collect();
        assert!(
            order.windows(2).all(|w| w[0] >= w[1]),
            "{id}: largest first"
        );

        // One bar per row, same order, labelled, to scale, with its count.
        let bar_hrefs: Vec<&String> = chart.bars.iter().map(|b| &b.0).collect();
        let row_hrefs: Vec<&String> = chart.rows.iter().map(|r| &r.0).collect();
        assert_eq!(bar_hrefs, row_hrefs, "{id}: a bar per row");
        let mut values = Vec::new();
        for (href, label, _, value) in &chart.bars {
            let (want_label, n) = &expected[href];
            assert_eq!(label, want_label);
            assert_eq!(value, &n.to_string(), "{id}: the count shown for {label}");
            values.push(*n as f64);
        }
        assert_proportional(id, &chart.bars, &values);
    }
}

/// A figure's amount as a plain number, so that the sums here are computed
/// independently of the product's money types.
fn pence_of(m: &Money) -> i64 {
    i64::try_from(m.pence.get()).expect("amounts are below the ceiling")
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        the_home_map_colours_and_links_exactly_the_councils_taking_part,
        the_savings_chart_adds_up_the_combined_figures_of_the_front_matter,
        the_region_and_model_charts_count_the_case_studies_of_the_front_matter,
    ]
}
