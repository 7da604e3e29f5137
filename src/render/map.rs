//! A hex cartogram of the UK's local authority districts, drawn at build time
//! as inline SVG: the councils taking part coloured and linked, the others
//! light grey.
//!
//! The layout is Open Innovations' map of the 391 districts as they were
//! before 2019 (MIT, see `data/hexmap/README.md`), the closest to the 2011
//! case studies. HexJSON `odd-r`: pointy-topped hexes in rows, odd rows
//! shifted half a hex right; `r` grows northwards, so rows are drawn from the
//! top down in decreasing `r`. Each district's region comes from the register
//! ([`crate::model::register`]).
//!
//! Councils without a hex of their own: a county council has none (its
//! districts have), nor has a council created after 2019 (Dorset Council,
//! Somerset Council, West Suffolk ...). [`hexes_of_council`] gives the hexes
//! that stand for any council of the register: its own; else the hexes of the
//! councils it replaced; else, for a county council, its districts'. Callers
//! build the `active` map with [`active_hexes`], which applies that and lets a
//! district's own entry win over its county's.
//!
//! Accessibility: the SVG is named by its `<title>` and described by its
//! `<desc>` (`aria-labelledby`). With links it has `role="group"`, not
//! `role="img"`: the children of an `img` are presentational, which would hide
//! the links from assistive technology. Each link's accessible name is the
//! `<title>` inside it. The active fill is `currentColor`, so the theme's link
//! colours (and its focus colour) apply; standalone it is `#1d70b8`, 3.8:1
//! against the grey hexes and 5.2:1 against white. Callers should put the same
//! information in an HTML table beside the map.

use super::svg::{esc, num};
use crate::model::register::Register;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::OnceLock;

const HEXJSON: &str = include_str!("../../data/hexmap/uk-local-authority-districts.hexjson");

/// Fill of a council taking part (when no theme colour applies).
pub const ACTIVE: &str = "#1d70b8";
/// Fill of the other districts.
pub const INACTIVE: &str = "#d5d5d5";
/// Fill of districts outside the highlighted region.
pub const DIMMED: &str = "#f0f0f0";
const TEXT: &str = "#0b0c0c";

/// Hex width; the side is 4.6, so rows are 6.9 apart (1.5 sides) and a hex
/// is 9.2 tall: within 0.5% of a regular hexagon, with round numbers.
const W: f64 = 8.0;
const SIDE: f64 = 4.6;
const ROW: f64 = 6.9;
const MARGIN: f64 = 4.0;

/// One hex of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapHex {
    /// GSS code as in the map file (a few Scottish ones have since changed).
    pub gss: String,
    /// The council's current GSS code (the same unless it changed).
    pub current_gss: String,
    /// District name as in the map file.
    pub name: String,
    /// Register code of the council this hex is.
    pub code: Option<String>,
    pub q: i32,
    pub r: i32,
    /// Region slug (from the register).
    pub region: Option<&'static str>,
}

struct Map {
    /// Sorted by GSS code.
    hexes: Vec<MapHex>,
    /// Map GSS and current GSS → index.
    index: BTreeMap<String, usize>,
    q_min: i32,
    r_max: i32,
    width: f64,
    height: f64,
}

#[derive(Deserialize)]
struct HexJson {
    layout: String,
    hexes: BTreeMap<String, RawHex>,
}

#[derive(Deserialize)]
struct RawHex {
    n: String,
    q: i32,
    r: i32,
}

fn map() -> &'static Map {
    static MAP: OnceLock<Map> = OnceLock::new();
    MAP.get_or_init(|| {
        let raw: HexJson = serde_json::from_str(HEXJSON).expect("the bundled hexjson parses");
        assert_eq!(raw.layout, "odd-r", "the bundled hexjson is odd-r");
        let register = Register::bundled();
        let hexes: Vec<MapHex> = raw
            .hexes
            .into_iter()
            .map(|(gss, h)| {
                let council = register.by_gss(&gss);
                MapHex {
                    current_gss: council.map_or_else(|| gss.clone(), |c| c.gss.clone()),
                    code: council.map(|c| c.code.clone()),
                    region: council.and_then(|c| c.region),
                    gss,
                    name: h.n,
                    q: h.q,
                    r: h.r,
                }
            })
            .collect();
        let mut index = BTreeMap::new();
        for (i, h) in hexes.iter().enumerate() {
            index.insert(h.gss.clone(), i);
        }
        for (i, h) in hexes.iter().enumerate() {
            index.entry(h.current_gss.clone()).or_insert(i);
        }
        let q_min = hexes.iter().map(|h| h.q).min().unwrap_or(0);
        let q_max = hexes.iter().map(|h| h.q).max().unwrap_or(0);
        let r_min = hexes.iter().map(|h| h.r).min().unwrap_or(0);
        let r_max = hexes.iter().map(|h| h.r).max().unwrap_or(0);
        Map {
            hexes,
            index,
            q_min,
            r_max,
            width: f64::from(q_max - q_min + 1) * W + W / 2.0 + 2.0 * MARGIN,
            height: f64::from(r_max - r_min) * ROW + 2.0 * SIDE + 2.0 * MARGIN,
        }
    })
}

impl Map {
    /// Centre of a hex in map units.
    fn centre(&self, h: &MapHex) -> (f64, f64) {
        let shift = if h.r.rem_euclid(2) == 1 { W / 2.0 } else { 0.0 };
        let x = MARGIN + f64::from(h.q - self.q_min) * W + shift + W / 2.0;
        let y = MARGIN + f64::from(self.r_max - h.r) * ROW + SIDE;
        (x, y)
    }

    fn get(&self, gss: &str) -> Option<&MapHex> {
        self.index
            .get(&gss.trim().to_ascii_uppercase())
            .map(|&i| &self.hexes[i])
    }
}

/// Every hex of the map, sorted by GSS code.
pub fn hexes() -> &'static [MapHex] {
    &map().hexes
}

/// The hex with this GSS code (as in the map file, or the council's current one).
pub fn hex(gss: &str) -> Option<&'static MapHex> {
    map().get(gss)
}

/// How a council reaches a hex, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Via {
    Own,
    Predecessor,
    County,
}

fn cover(code: &str, via: Via, seen: &mut BTreeSet<String>, out: &mut Vec<(usize, Via)>) {
    let register = Register::bundled();
    let Some(council) = register.by_code(code).or_else(|| register.by_gss(code)) else {
        return;
    };
    if !seen.insert(council.code.clone()) {
        return;
    }
    let m = map();
    let own = std::iter::once(&council.gss)
        .chain(&council.former_gss)
        .find_map(|g| m.index.get(g));
    if let Some(&i) = own {
        out.push((i, via));
        return;
    }
    for p in register.predecessors(&council.code) {
        cover(&p.code, via.max(Via::Predecessor), seen, out);
    }
    for d in register.districts_of_county(&council.code) {
        cover(&d.code, Via::County, seen, out);
    }
}

fn cover_of(code_or_gss: &str) -> Vec<(usize, Via)> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    cover(code_or_gss, Via::Own, &mut seen, &mut out);
    out.sort();
    out.dedup_by_key(|(i, _)| *i);
    out
}

/// The hexes that stand for a council of the register (by register code or
/// GSS code): its own hex; else those of the councils it replaced; else, for
/// a county council, its districts' (abolished districts included, since the
/// map is from before 2019). Sorted by GSS code; empty for councils with no
/// area on the map (combined authorities, Northern Irish councils abolished
/// in 2015).
pub fn hexes_of_council(code_or_gss: &str) -> Vec<&'static MapHex> {
    let m = map();
    cover_of(code_or_gss)
        .into_iter()
        .map(|(i, _)| &m.hexes[i])
        .collect()
}

/// The `active` argument of [`hex_map_svg`] from the councils taking part:
/// `(register code or GSS code, label, href)`. A council's own hex carries
/// its label; hexes it stands for through its districts or predecessors
/// carry "label (district name)". A district's own entry wins over its
/// county's or successor's, whatever the order; otherwise the first given
/// wins. Unknown codes are skipped.
pub fn active_hexes<'a>(
    councils: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
) -> BTreeMap<String, (String, String)> {
    let m = map();
    let mut best: BTreeMap<usize, (Via, String, String)> = BTreeMap::new();
    for (code, label, href) in councils {
        for (i, via) in cover_of(code) {
            let h = &m.hexes[i];
            let text = if via == Via::Own {
                label.to_owned()
            } else {
                format!("{label} ({})", h.name)
            };
            match best.get(&i) {
                Some((v, _, _)) if *v <= via => {}
                _ => {
                    best.insert(i, (via, text, href.to_owned()));
                }
            }
        }
    }
    best.into_iter()
        .map(|(i, (_, label, href))| (m.hexes[i].gss.clone(), (label, href)))
        .collect()
}

/// The map as an inline SVG, with id prefix `hexmap-uk` (or
/// `hexmap-<region>`); see [`hex_map_svg_with_id`].
pub fn hex_map_svg(
    active: &BTreeMap<String, (String, String)>,
    highlight_region: Option<&str>,
    title: &str,
    description: &str,
) -> String {
    let id = format!("hexmap-{}", highlight_region.unwrap_or("uk"));
    hex_map_svg_with_id(&id, active, highlight_region, title, description)
}

/// The map as an inline SVG.
///
/// - `active`: GSS code (the map's or the council's current one) → (label,
///   href). Those hexes are coloured and each wrapped in a link named by the
///   label. Codes not on the map are ignored.
/// - `highlight_region`: a region slug: the view is cropped to that region
///   and its surroundings, and districts outside it are dimmed. Active hexes
///   outside the region are drawn (coloured and linked) only where they fall
///   inside the view; the others are left out, links and all, so the table
///   beside the map must list every council. An unknown slug shows the whole
///   map.
/// - `id`: prefix of the element ids (`<id>-title`, `<id>-desc`); unique on
///   the page.
///
/// The output is deterministic: hexes in GSS order, coordinates with at most
/// two decimals, every text XML-escaped.
pub fn hex_map_svg_with_id(
    id: &str,
    active: &BTreeMap<String, (String, String)>,
    highlight_region: Option<&str>,
    title: &str,
    description: &str,
) -> String {
    let m = map();
    // Active entries by hex.
    let mut on: BTreeMap<usize, &(String, String)> = BTreeMap::new();
    for (gss, entry) in active {
        if let Some(&i) = m.index.get(&gss.trim().to_ascii_uppercase()) {
            on.entry(i).or_insert(entry);
        }
    }
    // An unknown region (no hex) shows the whole map.
    let highlight_region =
        highlight_region.filter(|r| m.hexes.iter().any(|h| h.region == Some(*r)));
    let in_region = |h: &MapHex| highlight_region.is_none_or(|r| h.region == Some(r));

    // The view: the whole map, or the region with a hex of its surroundings.
    let (mut vx, mut vy, mut vw, mut vh) = (0.0, 0.0, m.width, m.height);
    if highlight_region.is_some() {
        let shown: Vec<(f64, f64)> = m
            .hexes
            .iter()
            .filter(|h| in_region(h))
            .map(|h| m.centre(h))
            .collect();
        if !shown.is_empty() {
            let fold = |f: fn(f64, f64) -> f64, init: f64, pick: fn(&(f64, f64)) -> f64| {
                shown.iter().map(pick).fold(init, f)
            };
            let x0 = fold(f64::min, f64::INFINITY, |p| p.0) - W / 2.0 - W;
            let x1 = fold(f64::max, f64::NEG_INFINITY, |p| p.0) + W / 2.0 + W;
            let y0 = fold(f64::min, f64::INFINITY, |p| p.1) - SIDE - ROW;
            let y1 = fold(f64::max, f64::NEG_INFINITY, |p| p.1) + SIDE + ROW;
            // At least eight hexes wide, so that a small region is not drawn huge.
            let min_w = 8.0 * W;
            let (cx, cw) = ((x0 + x1) / 2.0, (x1 - x0).max(min_w));
            let (cy, ch) = ((y0 + y1) / 2.0, (y1 - y0).max(min_w * 0.6));
            (vx, vy, vw, vh) = (cx - cw / 2.0, cy - ch / 2.0, cw, ch);
        }
    }
    // Whole hexes only: none cut by the edge or spilling into the legend.
    let visible = |x: f64, y: f64| {
        let e = 0.01;
        x - W / 2.0 >= vx - e
            && x + W / 2.0 <= vx + vw + e
            && y - SIDE >= vy - e
            && y + SIDE <= vy + vh + e
    };

    // Legend below the map, one entry a line, sized to the view.
    let fs = vw / 30.0;
    let line = fs * 1.6;
    let mut legend: Vec<(&str, &str)> =
        vec![(ACTIVE, "Taking part"), (INACTIVE, "Not taking part")];
    if highlight_region.is_some() {
        legend.push((DIMMED, "Other regions"));
    }
    let legend_h = line * legend.len() as f64 + fs * 0.5;
    let total_h = vh + legend_h;

    let mut dimmed = String::new();
    let mut plain = String::new();
    let mut linked = String::new();
    for (i, h) in m.hexes.iter().enumerate() {
        let (x, y) = m.centre(h);
        if !visible(x, y) {
            continue;
        }
        let path = hex_path(x, y);
        if let Some((label, href)) = on.get(&i) {
            let _ = write!(
                linked,
                r#"<a href="{}"><title>{}</title>{path}</a>"#,
                esc(href),
                esc(label)
            );
        } else if in_region(h) {
            plain.push_str(&path);
        } else {
            dimmed.push_str(&path);
        }
    }

    let mut svg = String::with_capacity(24_000);
    let id = esc(id);
    // Links inside an `img` would be hidden from assistive technology.
    let role = if linked.is_empty() { "img" } else { "group" };
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="hexmap" id="{id}" viewBox="{} {} {} {}" width="100%" role="{role}" aria-labelledby="{id}-title {id}-desc">"#,
        num(vx),
        num(vy),
        num(vw),
        num(total_h)
    );
    let _ = write!(
        svg,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(title),
        esc(description)
    );
    svg.push_str(r##"<g stroke="#fff" stroke-width=".6" stroke-linejoin="round">"##);
    if !dimmed.is_empty() {
        let _ = write!(svg, r#"<g fill="{DIMMED}">{dimmed}</g>"#);
    }
    if !plain.is_empty() {
        let _ = write!(svg, r#"<g fill="{INACTIVE}">{plain}</g>"#);
    }
    if !linked.is_empty() {
        let _ = write!(
            svg,
            r#"<g class="hexmap-on" color="{ACTIVE}" fill="currentColor">{linked}</g>"#
        );
    }
    svg.push_str("</g>");

    // Legend.
    let _ = write!(
        svg,
        r#"<g class="hexmap-legend" font-size="{}" fill="{TEXT}">"#,
        num(fs)
    );
    for (k, (colour, text)) in legend.iter().enumerate() {
        let top = vy + vh + fs * 0.25 + line * k as f64;
        let _ = write!(
            svg,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{colour}" stroke="#505a5f" stroke-width="{}"/><text x="{}" y="{}">{}</text>"##,
            num(vx + MARGIN),
            num(top + (line - fs) / 2.0),
            num(fs),
            num(fs),
            num(fs / 12.0),
            num(vx + MARGIN + fs * 1.5),
            num(top + (line + fs * 0.7) / 2.0),
            esc(text)
        );
    }
    svg.push_str("</g></svg>");
    svg
}

/// A pointy-topped hex centred on (x, y), from its top vertex clockwise.
fn hex_path(x: f64, y: f64) -> String {
    format!(
        r#"<path d="M{} {}l4 2.3v4.6l-4 2.3-4-2.3v-4.6z"/>"#,
        num(x),
        num(y - SIDE)
    )
}

#[cfg(test)]
mod tests {
    use super::super::charts::xml_check::check_xml;
    use super::*;

    fn hrefs(svg: &str) -> Vec<String> {
        svg.split("<a href=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].to_owned())
            .collect()
    }

    fn one(gss: &str, label: &str, href: &str) -> (String, (String, String)) {
        (gss.to_owned(), (label.to_owned(), href.to_owned()))
    }

    #[test]
    fn every_hex_is_a_council_with_a_region() {
        let hs = hexes();
        assert_eq!(hs.len(), 391);
        for h in hs {
            assert!(h.code.is_some(), "{} {} not in the register", h.gss, h.name);
            assert!(h.region.is_some(), "{} {} has no region", h.gss, h.name);
        }
        let fife = hex("S12000047").unwrap();
        assert_eq!(
            (fife.gss.as_str(), fife.name.as_str()),
            ("S12000015", "Fife")
        );
        // Positions are unique.
        let cells: BTreeSet<(i32, i32)> = hs.iter().map(|h| (h.q, h.r)).collect();
        assert_eq!(cells.len(), hs.len());
    }

    #[test]
    fn national_map() {
        let active: BTreeMap<_, _> = [
            one(
                "E07000234",
                "Bromsgrove District Council",
                "/partners/bromsgrove/",
            ),
            one(
                "E07000236",
                "Redditch & Co <test>",
                "/partners/redditch/?a=1&b=2",
            ),
            one("S12000047", "Fife Council", "/partners/fife/"),
            one("X99999999", "Not on the map", "/nowhere/"),
        ]
        .into_iter()
        .collect();
        let svg = hex_map_svg(
            &active,
            None,
            "Councils \"taking part\"",
            "Three councils & more",
        );
        let tags = check_xml(&svg);
        assert_eq!(tags.iter().filter(|t| *t == "path").count(), 391);
        let mut links = hrefs(&svg);
        links.sort();
        assert_eq!(
            links,
            [
                "/partners/bromsgrove/",
                "/partners/fife/",
                "/partners/redditch/?a=1&amp;b=2"
            ]
        );
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(r#"role="group" aria-labelledby="hexmap-uk-title hexmap-uk-desc""#));
        assert!(
            svg.contains("<title id=\"hexmap-uk-title\">Councils &quot;taking part&quot;</title>")
        );
        assert!(svg.contains("<desc id=\"hexmap-uk-desc\">Three councils &amp; more</desc>"));
        assert!(svg.contains("<title>Redditch &amp; Co &lt;test&gt;</title>"));
        assert!(!svg.contains("Not on the map"));
        // Deterministic.
        assert_eq!(
            svg,
            hex_map_svg(
                &active,
                None,
                "Councils \"taking part\"",
                "Three councils & more"
            )
        );
        // Compact: at most two decimals anywhere.
        for n in svg.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
            if let Some((_, frac)) = n.split_once('.') {
                assert!(frac.len() <= 2, "{n}");
            }
        }
        assert!(svg.len() < 30_000, "{} bytes", svg.len());
        // No links: an image.
        let empty = hex_map_svg(&BTreeMap::new(), None, "t", "d");
        check_xml(&empty);
        assert!(empty.contains(r#"role="img""#));
        assert!(!empty.contains("<a "));
    }

    #[test]
    fn region_view() {
        let active: BTreeMap<_, _> = [
            one("E07000234", "Bromsgrove", "/b/"),
            one("E06000039", "Slough", "/s/"),
            one("E06000001", "Hartlepool", "/h/"),
        ]
        .into_iter()
        .collect();
        let svg = hex_map_svg(&active, Some("west-midlands"), "West Midlands", "d");
        check_xml(&svg);
        assert!(svg.contains("id=\"hexmap-west-midlands\""));
        // Slough borders the West Midlands on the map: in the view, linked.
        // Hartlepool is far away: out of the view, no link.
        assert_eq!(hrefs(&svg), ["/s/", "/b/"]);
        // The whole map has all three, in GSS order.
        assert_eq!(
            hrefs(&hex_map_svg(&active, None, "UK", "d")),
            ["/h/", "/s/", "/b/"]
        );
        // An unknown region shows the whole map.
        assert_eq!(
            hex_map_svg(&active, Some("atlantis"), "t", "d")
                .matches("<path")
                .count(),
            391
        );
        assert!(!hex_map_svg(&active, Some("atlantis"), "t", "d").contains(DIMMED));
        assert!(svg.contains(DIMMED) && svg.contains("Other regions"));
        // Only out-of-view links: no link at all, so an image.
        let far: BTreeMap<_, _> = [one("E06000001", "Hartlepool", "/h/")]
            .into_iter()
            .collect();
        let svg_far = hex_map_svg(&far, Some("south-west"), "t", "d");
        assert!(svg_far.contains(r#"role="img""#) && !svg_far.contains("<a "));
        // Cropped: fewer hexes than the whole map, but every West Midlands one.
        let paths = svg.matches("<path").count();
        let wm = hexes()
            .iter()
            .filter(|h| h.region == Some("west-midlands"))
            .count();
        assert!(paths < 391 && paths >= wm, "{paths} {wm}");
        let in_region_plain = svg
            .split(&format!(r#"<g fill="{INACTIVE}">"#))
            .nth(1)
            .unwrap();
        let plain = in_region_plain[..in_region_plain.find("</g>").unwrap()]
            .matches("<path")
            .count();
        assert_eq!(
            plain,
            wm - 1,
            "every West Midlands hex but Bromsgrove's is plain grey"
        );
        assert_eq!(
            svg,
            hex_map_svg(&active, Some("west-midlands"), "West Midlands", "d")
        );
    }

    #[test]
    fn counties_and_successors_light_their_districts() {
        let names = |code: &str| -> Vec<String> {
            hexes_of_council(code)
                .iter()
                .map(|h| h.name.clone())
                .collect()
        };
        assert_eq!(
            names("WOR"),
            [
                "Bromsgrove",
                "Malvern Hills",
                "Redditch",
                "Worcester",
                "Wychavon",
                "Wyre Forest"
            ]
        );
        assert_eq!(
            names(&Register::bundled().by_code("WOR").unwrap().gss),
            names("WOR")
        );
        assert_eq!(names("RED"), ["Redditch"]);
        assert_eq!(names("E07000236"), ["Redditch"]);
        // Dorset Council (2019) stands for the six districts it replaced.
        assert_eq!(names("DST").len(), 6);
        // Somerset Council (2023): the five pre-2019 districts.
        assert_eq!(names("SMT").len(), 5);
        assert_eq!(names("SFK").len(), 7, "{:?}", names("SFK"));
        assert!(names("FOR") == ["Forest Heath"]);
        assert!(names("GMCA").is_empty());
        assert!(names("nonsense").is_empty());

        let active = active_hexes([
            ("WOR", "Worcestershire County Council", "/w/"),
            ("RED", "Redditch Borough Council", "/r/"),
        ]);
        assert_eq!(active.len(), 6);
        assert_eq!(
            active["E07000236"],
            ("Redditch Borough Council".into(), "/r/".into())
        );
        assert_eq!(
            active["E07000234"],
            (
                "Worcestershire County Council (Bromsgrove)".into(),
                "/w/".into()
            )
        );
        // Order does not matter for precedence.
        let reversed = active_hexes([
            ("RED", "Redditch Borough Council", "/r/"),
            ("WOR", "Worcestershire County Council", "/w/"),
        ]);
        assert_eq!(active, reversed);
        let svg = hex_map_svg(&active, None, "t", "d");
        assert_eq!(hrefs(&svg).len(), 6);
    }

    fn luminance(hex: &str) -> f64 {
        let c = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn colours_have_enough_contrast() {
        assert!(
            contrast(ACTIVE, INACTIVE) >= 3.0,
            "{}",
            contrast(ACTIVE, INACTIVE)
        );
        assert!(contrast(ACTIVE, DIMMED) >= 3.0);
        assert!(contrast(ACTIVE, "#ffffff") >= 3.0);
        // The theme's visited and focus colours too.
        assert!(contrast("#4c2c92", INACTIVE) >= 3.0);
        assert!(contrast(TEXT, "#ffffff") >= 4.5);
    }

    #[test]
    fn numbers() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(1.234), "1.23");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-2.5), "-2.5");
    }
}
