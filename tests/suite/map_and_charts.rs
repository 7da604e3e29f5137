//! The hex map and the charts of the built bundled site say what the
//! content says. The expected values are computed here from the front
//! matter, through the library (`pipeline::load_site`), and compared with
//! the HTML the binary wrote:
//!
//! - the home page's `<svg class="hexmap">` links each council that takes
//!   part (organisations matched to the register) once, drawn as the
//!   register says (`map::shape_of`): its own hex, the area of the councils
//!   it replaced, or for a county its area outlined while its districts
//!   stay grey unless they take part themselves; its table lists them all,
//!   and each hidden panel lists the council's partners with the number of
//!   arrangements shared, as the front matter says;
//! - the lines of region and organisation maps join councils that share
//!   arrangements, as thick as how many;
//! - in Chromium: a click, or Tab and Enter, on a council shows its panel
//!   beside the map with its partners and draws its lines; every link of
//!   the map is at least 24 px square at 375 px wide;
//! - the three home page charts' tables and bars equal the sums and counts
//!   from the front matter: savings by function (combined figures only: no
//!   `partner:`, no `breakdown: true`; annual and one-off, achieved and
//!   projected, kept apart), case studies by region, by delivery model.

use crate::support::{browser, bundled_site};
use compendium::content::Slug;
use serde_json::json;

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

/// The start (`M x y`) of a hex's path data, as `render::map` draws it: the
/// layout (odd-r rows of pointy-topped hexes 8 wide, rows 6.9 apart, sides
/// 4.6, margin 4, north up) repeated here so that each drawn hex can be
/// told apart.
fn hex_start(h: &MapHex) -> String {
    let hexes = map::hexes();
    let q_min = hexes.iter().map(|h| h.q).min().expect("hexes");
    let r_max = hexes.iter().map(|h| h.r).max().expect("hexes");
    let shift = if h.r.rem_euclid(2) == 1 { 4.0 } else { 0.0 };
    let x = 4.0 + f64::from(h.q - q_min) * 8.0 + shift + 4.0;
    let y = 4.0 + f64::from(r_max - h.r) * 6.9;
    let n = |v: f64| {
        let s = format!("{:.2}", (v * 100.0).round() / 100.0);
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    format!("M{} {}l4 2.3", n(x), n(y))
}

/// The hex starts in a path's data.
fn starts(d: &str) -> BTreeSet<String> {
    d.split('M')
        .filter(|s| s.contains("l4 2.3v4.6"))
        .map(|s| format!("M{}", &s[..s.find("v4.6").expect("a hex")]))
        .collect()
}

/// Arrangements each pair of organisations shares, from the front matter.
fn shared_counts(site: &Site) -> BTreeMap<(String, String), usize> {
    let mut out = BTreeMap::new();
    for id in site.case_study_ids() {
        let orgs: BTreeSet<String> = site
            .partners_of(id)
            .map(|(_, o)| site.organisation(o).slug.to_string())
            .collect();
        for a in &orgs {
            for b in &orgs {
                if a != b {
                    *out.entry((a.clone(), b.clone())).or_default() += 1;
                }
            }
        }
    }
    out
}

fn the_home_map_links_each_council_taking_part_once_as_the_register_draws_it() {
    let site = bundled_model();
    let built = BundledSite::shared();
    let home = Page::parse(&built.read("/"));
    let maps = home.select("svg.hexmap");
    assert!(!maps.is_empty(), "the home page has the hex map");
    let svg = maps[0];
    let by_start: BTreeMap<String, &MapHex> =
        map::hexes().iter().map(|h| (hex_start(h), h)).collect();

    let councils: Vec<_> = site
        .all_organisations()
        .iter()
        .filter_map(|o| o.council.map(|c| (o, c)))
        .collect();
    assert!(councils.len() > 10, "the bundled content has councils");
    let links = all(svg, "a");
    let mut on_map = 0;
    for (o, c) in &councils {
        let href = site.url(&format!("/partners/{}/", o.slug));
        let mine: Vec<_> = links.iter().filter(|a| attr(**a, "href") == href).collect();
        let shape = map::shape_of(&c.code);
        if shape == map::Shape::Nowhere {
            assert!(mine.is_empty(), "{} is not on the map", o.name);
            continue;
        }
        on_map += 1;
        assert_eq!(mine.len(), 1, "{}: one link, one tab stop", o.name);
        let a = *mine[0];
        assert_eq!(attr(a, "data-k"), o.slug.to_string());
        let class = attr(a, "class");
        let d = attr(one(a, "path"), "d");
        let drawn: BTreeSet<String> = starts(&d);
        let want: BTreeSet<String> = shape
            .hexes()
            .iter()
            .map(|&i| hex_start(&map::hexes()[i]))
            .collect();
        match &shape {
            map::Shape::Own(_) => {
                assert!(class.contains("hm-own"), "{}: {class}", o.name);
                assert_eq!(drawn, want, "{}: its own hex", o.name);
            }
            map::Shape::Successor(_) => {
                assert!(class.contains("hm-area"), "{}: {class}", o.name);
                assert_eq!(drawn, want, "{}: the area it replaced", o.name);
            }
            map::Shape::County(_) => {
                assert!(class.contains("hm-county"), "{}: {class}", o.name);
                assert!(drawn.is_empty(), "{}: an outline, not hexes", o.name);
                assert!(d.contains('z'), "{}: closed outline", o.name);
                let title = text(one(a, "title"));
                assert!(title.contains("county council"), "{title}");
            }
            map::Shape::Nowhere => {}
        }
    }
    assert_eq!(links.len(), on_map, "no other link on the map");
    // Every hex of the UK is drawn.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for p in all(svg, "path") {
        seen.extend(starts(&attr(p, "d")));
    }
    let all_starts: BTreeSet<String> = by_start.keys().cloned().collect();
    assert!(all_starts.is_subset(&seen), "every hex is drawn");

    // The table after the map lists every council taking part, with how
    // the map draws it.
    let tables = home.select("details.map-table");
    assert!(!tables.is_empty(), "the map's table");
    let rows: BTreeMap<String, String> = all(tables[0], "tbody tr")
        .into_iter()
        .map(|r| {
            let cells = all(r, "td");
            (attr(all(r, "a[href]")[0], "href"), text(cells[3]))
        })
        .collect();
    for (o, c) in &councils {
        let href = site.url(&format!("/partners/{}/", o.slug));
        let shown = rows
            .get(&href)
            .unwrap_or_else(|| panic!("{} is in the table", o.name));
        let want = match map::shape_of(&c.code) {
            map::Shape::Own(_) => "its hex",
            map::Shape::County(_) => "its area, outlined (county council)",
            map::Shape::Successor(_) => "the area of the councils it replaced",
            map::Shape::Nowhere => "not on the map",
        };
        assert_eq!(shown, want, "{}", o.name);
        assert!(built.exists(&href), "{href} was built");
    }
    assert_eq!(rows.len(), councils.len());
}

fn a_county_is_outlined_and_its_districts_are_not_marked_taking_part() {
    let site = bundled_model();
    let built = BundledSite::shared();
    let home = Page::parse(&built.read("/"));
    let svg = home.select("svg#hexmap-uk")[0];
    let register = compendium::model::register::Register::bundled();
    let taking_part: BTreeSet<&str> = site
        .all_organisations()
        .iter()
        .filter_map(|o| o.council.map(|c| c.code.as_str()))
        .collect();
    let filled: BTreeSet<String> = all(svg, "a.hm-own path, a.hm-area path")
        .into_iter()
        .flat_map(|p| starts(&attr(p, "d")))
        .collect();
    let grey: BTreeSet<String> = all(svg, ".hexmap-hexes path")
        .into_iter()
        .flat_map(|p| starts(&attr(p, "d")))
        .collect();
    let mut checked = Vec::new();
    for o in site.all_organisations() {
        let Some(c) = o.council else { continue };
        let map::Shape::County(_) = map::shape_of(&c.code) else {
            continue;
        };
        let county = one(svg, &format!("a.hm-county[data-k=\"{}\"]", o.slug));
        assert_eq!(
            attr(one(county, "path"), "stroke"),
            map::COUNTY,
            "{} is drawn in the county colour",
            o.name
        );
        for d in register.districts_of_county(&c.code) {
            if taking_part.contains(d.code.as_str()) {
                continue;
            }
            // A district of its own on the map, not itself taking part.
            let map::Shape::Own(i) = map::shape_of(&d.code) else {
                continue;
            };
            let start = hex_start(&map::hexes()[i]);
            assert!(
                !filled.contains(&start),
                "{} is lit because its county {} takes part",
                d.name,
                o.name
            );
            assert!(grey.contains(&start), "{} is grey", d.name);
            checked.push(format!("{} in {}", d.name, o.name));
        }
    }
    assert!(
        !checked.is_empty(),
        "the bundled content has a county taking part"
    );
    // The legend says what the outline means.
    assert!(text(one(svg, ".hexmap-legend")).contains("County council taking part"));
    eprintln!("districts left grey: {checked:?}");
}

fn each_panel_lists_the_partners_of_its_council() {
    let site = bundled_model();
    let built = BundledSite::shared();
    let home = Page::parse(&built.read("/"));
    let shared = shared_counts(&site);
    let panels = home.select(".map-panels .map-panel");
    assert!(!panels.is_empty(), "the home page has panels");
    for panel in panels {
        assert!(
            panel.value().attr("hidden").is_some(),
            "hidden until selected"
        );
        let key = attr(panel, "data-k");
        let o = site
            .all_organisations()
            .iter()
            .find(|o| o.slug.as_str() == key)
            .unwrap_or_else(|| panic!("a panel for {key}, not an organisation"));
        assert_eq!(text(one(panel, "h3")), o.name);
        let mut total = 0;
        for li in all(panel, "ul.map-partners li") {
            let href = attr(one(li, "a"), "href");
            let other = href
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            let n: usize = attr(li, "data-n").parse().expect("a count");
            assert_eq!(
                shared.get(&(key.clone(), other.clone())),
                Some(&n),
                "{}: shares {n} arrangements with {other}",
                o.name
            );
            total += 1;
        }
        let partners = shared.keys().filter(|(a, _)| *a == key).count();
        // The home page lists four, a region page six.
        assert_eq!(total, partners.min(4), "{}: its closest partners", o.name);
        // And onward, to its page.
        let last = all(panel, "a").last().map(|a| attr(*a, "href"));
        assert_eq!(last, Some(site.url(&format!("/partners/{key}/"))));
    }
}

fn lines_join_partners_on_region_and_organisation_pages() {
    let site = bundled_model();
    let built = BundledSite::shared();
    let shared = shared_counts(&site);
    let mut lines_seen = 0;
    let mut pages: Vec<String> = site
        .taxonomy(Kind::Region)
        .iter()
        .filter(|t| !t.case_studies.is_empty())
        .map(|t| format!("/regions/{}/", t.slug))
        .collect();
    pages.extend(
        site.all_organisations()
            .iter()
            .map(|o| format!("/partners/{}/", o.slug)),
    );
    for path in &pages {
        let page = Page::parse(&built.read(path));
        for svg in page.select("svg.hexmap") {
            // Where each member's lines start (an area's may be a hex of
            // one of its councils).
            let mut at: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
            for a in all(svg, "a[data-k]") {
                at.entry((attr(a, "data-x"), attr(a, "data-y")))
                    .or_default()
                    .push(attr(a, "data-k"));
            }
            for line in all(svg, ".hexmap-lines path") {
                let d = attr(line, "d");
                let (from, to) = d
                    .trim_start_matches('M')
                    .split_once('L')
                    .expect("a straight line");
                let end = |p: &str| {
                    let (x, y) = p.split_once(' ').expect("x y");
                    at.get(&(x.to_owned(), y.to_owned()))
                        .cloned()
                        .unwrap_or_else(|| panic!("{path}: a line ends at no council: {d}"))
                };
                let (ends_a, ends_b) = (end(from), end(to));
                let width = attr(line, "stroke-width");
                let found = ends_a.iter().any(|a| {
                    ends_b.iter().any(|b| {
                        let n = shared.get(&(a.clone(), b.clone())).copied().unwrap_or(0);
                        let want = match n {
                            0 => "",
                            1 => ".6",
                            2 => ".9",
                            _ => "1.3",
                        };
                        width == want
                    })
                });
                assert!(
                    found,
                    "{path}: a line of width {width} joins {ends_a:?} and {ends_b:?}, who share no arrangement or not that many"
                );
                lines_seen += 1;
            }
        }
    }
    assert!(lines_seen > 0, "the bundled content draws lines");
    eprintln!("{lines_seen} lines checked");
}

fn the_map_is_bounded_and_the_home_page_draws_no_lines() {
    let built = BundledSite::shared();
    let home = built.read("/");
    let page = Page::parse(&home);
    let svg = page.select("svg#hexmap-uk")[0];
    assert!(all(svg, ".hexmap-lines path").is_empty());
    let bytes = svg.html().len();
    eprintln!("home page map: {bytes} bytes");
    assert!(bytes < 45_000, "{bytes}");
    // At least 3 CSS px a unit: 24 px a hex.
    let view: Vec<f64> = attr(svg, "viewBox")
        .split(' ')
        .map(|v| v.parse().expect("a number"))
        .collect();
    let style = attr(svg, "style");
    let px: f64 = style
        .trim_start_matches("min-width:")
        .trim_end_matches("px")
        .parse()
        .expect("min-width in px");
    assert!(px >= view[2] * 3.0 - 0.5, "{style} for {view:?}");
}

// ---- the map in a browser ----

const PANEL_SHOWN: &str = "const p = document.querySelector('#hexmap-uk-panels .map-panel:not([hidden])'); return p ? p.getAttribute('data-k') : null";

/// A council with partners on the map, drawn as its own hex: (key, partner
/// names from the front matter).
fn council_with_partners(site: &Site) -> (String, BTreeSet<String>) {
    let shared = shared_counts(site);
    site.all_organisations()
        .iter()
        .filter(|o| {
            o.council
                .is_some_and(|c| matches!(map::shape_of(&c.code), map::Shape::Own(_)))
        })
        .map(|o| {
            let key = o.slug.to_string();
            let names: BTreeSet<String> = shared
                .keys()
                .filter(|(a, _)| *a == key)
                .filter_map(|(_, b)| {
                    site.all_organisations()
                        .iter()
                        .find(|x| x.slug.as_str() == b.as_str())
                        .map(|x| x.name.clone())
                })
                .collect();
            (key, names)
        })
        .filter(|(_, n)| !n.is_empty() && n.len() <= 4)
        .max_by_key(|(k, n)| (n.len(), k.clone()))
        .expect("a council with partners")
}

fn selecting_a_council_by_click_shows_its_partners_beside_the_map() {
    let site = bundled_model();
    let (key, partners) = council_with_partners(&site);
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);
    b.goto(&format!("{}/", server.base));
    b.wait_for(
        "return !document.getElementById('hexmap-uk-panels').hidden",
        "the panels to appear with script",
    );
    let hex = b.find(&format!("#hexmap-uk a[data-k=\"{key}\"]"));
    b.click(&hex);
    b.wait_for(
        &format!("const p = document.getElementById('hexmap-uk-p-{key}'); return p && !p.hidden"),
        "the panel of the council clicked",
    );
    assert_eq!(
        b.eval(PANEL_SHOWN, json!([])),
        json!(key),
        "one panel at a time"
    );
    assert_eq!(b.eval("return location.pathname", json!([])), json!("/"));
    let names: BTreeSet<String> = serde_json::from_value(b.eval(
        &format!("return Array.from(document.querySelectorAll('#hexmap-uk-p-{key} .map-partners a')).map(a => a.textContent)"),
        json!([]),
    ))
    .expect("names");
    assert_eq!(names, partners, "the panel lists its partners");
    // Beside the map at this width.
    let beside = b.eval(
        &format!("const m = document.getElementById('hexmap-uk').getBoundingClientRect(); const p = document.getElementById('hexmap-uk-p-{key}').getBoundingClientRect(); return p.left >= m.right - 1"),
        json!([]),
    );
    assert_eq!(beside, json!(true), "the panel is beside the map");
    // Lines to the partners on the map.
    let on_map = b.eval(
        &format!("return document.querySelectorAll('#hexmap-uk-p-{key} li[data-k]').length"),
        json!([]),
    );
    let lines = b.eval(
        "return document.querySelectorAll('#hexmap-uk .hexmap-selected-lines path').length",
        json!([]),
    );
    assert_eq!(lines, on_map, "a line to each partner on the map");
    // Selecting it again follows its link.
    let hex = b.find(&format!("#hexmap-uk a[data-k=\"{key}\"]"));
    b.click(&hex);
    b.wait_for(
        &format!("return location.pathname === '/partners/{key}/'"),
        "the second click to go to the council's page",
    );
}

fn selecting_a_council_by_keyboard_shows_its_panel() {
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);
    b.goto(&format!("{}/", server.base));
    b.wait_for(
        "return !document.getElementById('hexmap-uk-panels').hidden",
        "the panels to appear with script",
    );
    // Focus the first council of the map, Tab to the next, press Enter.
    let keys: Vec<String> = serde_json::from_value(b.eval(
        "const a = Array.from(document.querySelectorAll('#hexmap-uk a[data-k]')); a[0].focus(); return a.map(x => x.getAttribute('data-k'))",
        json!([]),
    ))
    .expect("keys");
    assert!(keys.len() > 2);
    b.keys("\u{E004}");
    b.wait_for(
        &format!(
            "return document.activeElement.getAttribute('data-k') === '{}'",
            keys[1]
        ),
        "Tab to reach the next council",
    );
    b.keys("\u{E007}");
    b.wait_for(
        &format!(
            "const p = document.getElementById('hexmap-uk-p-{}'); return p && !p.hidden",
            keys[1]
        ),
        "Enter to show the panel",
    );
    assert_eq!(b.eval("return location.pathname", json!([])), json!("/"));
    assert_eq!(
        b.eval(
            "return document.activeElement.getAttribute('aria-current')",
            json!([])
        ),
        json!("true")
    );
}

fn map_targets_are_at_least_24_px_at_375_px() {
    let site = bundled_model();
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);
    b.set_viewport(375, 800, true);
    let mut pages = vec!["/".to_owned()];
    pages.extend(
        site.taxonomy(Kind::Region)
            .iter()
            .filter(|t| !t.case_studies.is_empty())
            .map(|t| format!("/regions/{}/", t.slug)),
    );
    let mut problems = Vec::new();
    for path in &pages {
        b.goto(&format!("{}{path}", server.base));
        b.wait_loaded();
        let small = b.eval(
            "return Array.from(document.querySelectorAll('svg.hexmap a')).map(a => { const r = a.getBoundingClientRect(); return [a.getAttribute('data-k'), r.width, r.height]; }).filter(x => x[1] < 24 || x[2] < 24)",
            json!([]),
        );
        if small != json!([]) {
            problems.push(format!("{path}: {small}"));
        }
        let wide = b.eval(
            "return document.documentElement.scrollWidth <= window.innerWidth",
            json!([]),
        );
        if wide != json!(true) {
            problems.push(format!(
                "{path}: the page scrolls sideways (only the map should)"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
        the_home_map_links_each_council_taking_part_once_as_the_register_draws_it,
        a_county_is_outlined_and_its_districts_are_not_marked_taking_part,
        each_panel_lists_the_partners_of_its_council,
        lines_join_partners_on_region_and_organisation_pages,
        the_map_is_bounded_and_the_home_page_draws_no_lines,
        selecting_a_council_by_click_shows_its_partners_beside_the_map,
        selecting_a_council_by_keyboard_shows_its_panel,
        map_targets_are_at_least_24_px_at_375_px,
        the_savings_chart_adds_up_the_combined_figures_of_the_front_matter,
        the_region_and_model_charts_count_the_case_studies_of_the_front_matter,
    ]
}
