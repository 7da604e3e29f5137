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
//! How a council taking part is drawn ([`shape_of`]):
//!
//! - a council with a hex of its own: that hex, filled and linked;
//! - a county council (no hex: its districts have them): the area of its
//!   districts *outlined* in its own colour, one link over the whole area.
//!   Its districts are not filled: a district is drawn as taking part only
//!   if it takes part itself;
//! - a council created after 2019 (Dorset Council, Somerset Council ...):
//!   the hexes of the councils it replaced, filled as one area, one link.
//!
//! Over the hexes: the region boundaries and labels, and a line between
//! each pair of members that share arrangements (thicker for more). The
//! caller decides which pairs (the home page gives none: its lines would
//! grow with the case studies; `map.js` draws the selected council's).
//!
//! Accessibility: the SVG is named by its `<title>` and described by its
//! `<desc>` (`aria-labelledby`). With links it has `role="group"`, not
//! `role="img"`: the children of an `img` are presentational, which would hide
//! the links from assistive technology. Each link's accessible name is the
//! `<title>` inside it. The active fill is `currentColor`, so the theme's link
//! colours (and its focus colour) apply; standalone it is `#1d70b8`, 3.8:1
//! against the grey hexes and 5.2:1 against white. Callers should put the same
//! information in an HTML table beside the map. The SVG asks for at least
//! 3.2 CSS px a map unit (`min-width`), so a hex is over 24 px wide.

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
    /// Each hex's SVG path, made once: every organisation and term page
    /// draws hundreds of them, and formatting their numbers again for each
    /// page was a twentieth of the build.
    paths: Vec<String>,
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
        let mut map = Map {
            hexes,
            index,
            q_min,
            r_max,
            width: f64::from(q_max - q_min + 1) * W + W / 2.0 + 2.0 * MARGIN,
            height: f64::from(r_max - r_min) * ROW + 2.0 * SIDE + 2.0 * MARGIN,
            paths: Vec::new(),
        };
        map.paths = map
            .hexes
            .iter()
            .map(|h| {
                let (x, y) = map.centre(h);
                hex_d(x, y)
            })
            .collect();
        map
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

/// How a council taking part is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Its own hex (index into [`hexes`]).
    Own(usize),
    /// A county council: the area of its districts, outlined. Its districts
    /// are not filled: a district takes part only if it does so itself.
    County(Vec<usize>),
    /// A council created after the map (Dorset Council, Somerset Council
    /// ...): the hexes of the councils it replaced, filled as one area.
    Successor(Vec<usize>),
    /// No area on the map (combined authorities, Northern Irish councils
    /// abolished in 2015, names the register does not place).
    Nowhere,
}

/// How the council with this register code (or GSS code) is drawn.
pub fn shape_of(code_or_gss: &str) -> Shape {
    let register = Register::bundled();
    let Some(council) = register
        .by_code(code_or_gss)
        .or_else(|| register.by_gss(code_or_gss))
    else {
        return Shape::Nowhere;
    };
    let cover = cover_of(&council.code);
    match cover.as_slice() {
        [] => Shape::Nowhere,
        [(i, Via::Own)] => Shape::Own(*i),
        _ => {
            let hexes = cover.iter().map(|(i, _)| *i).collect();
            if council.register_type == "CTY" {
                Shape::County(hexes)
            } else {
                Shape::Successor(hexes)
            }
        }
    }
}

impl Shape {
    /// The hexes of the shape.
    pub fn hexes(&self) -> &[usize] {
        match self {
            Shape::Own(i) => std::slice::from_ref(i),
            Shape::County(h) | Shape::Successor(h) => h,
            Shape::Nowhere => &[],
        }
    }
}

/// Stroke of a county council's outline: 6.9:1 on white, 4.4:1 on the grey
/// hexes.
pub const COUNTY: &str = "#912b88";
/// Region boundaries.
pub const BOUNDARY: &str = "#505a5f";
/// Lines between partners, and the council a map is about.
pub const LINE: &str = "#0b0c0c";

/// One council taking part, as given to [`hex_map_svg`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Register code (or GSS code).
    pub code: String,
    /// Accessible name of its link.
    pub label: String,
    pub href: String,
    /// Unique on the map: `data-k` of its link, the key of its panel.
    pub key: String,
}

/// What [`hex_map_svg`] draws.
#[derive(Debug, Clone)]
pub struct MapSpec<'a> {
    /// Prefix of the element ids; unique on the page.
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub members: &'a [Member],
    /// Pairs of members (indices into `members`) that share arrangements,
    /// with how many: a line each, thicker for more.
    pub links: &'a [(usize, usize, usize)],
    /// A region slug: the view is that region, the others dimmed.
    pub region: Option<&'a str>,
    /// Crop the view to these members' hexes (an organisation's network).
    pub frame: Option<&'a [usize]>,
    /// The member the map is about, drawn apart ("This council").
    pub this: Option<usize>,
    /// Region slug → label, for the region labels.
    pub region_labels: &'a BTreeMap<String, String>,
}

/// A point in hundredths of a map unit (exact for every hex vertex).
type Pt = (i64, i64);

fn hundredths(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

fn centre_pt(m: &Map, i: usize) -> Pt {
    let (x, y) = m.centre(&m.hexes[i]);
    (hundredths(x), hundredths(y))
}

/// The six vertices of a hex, from the top clockwise.
fn vertices((x, y): Pt) -> [Pt; 6] {
    [
        (x, y - 460),
        (x + 400, y - 230),
        (x + 400, y + 230),
        (x, y + 460),
        (x - 400, y + 230),
        (x - 400, y - 230),
    ]
}

fn edge(a: Pt, b: Pt) -> (Pt, Pt) {
    if a <= b { (a, b) } else { (b, a) }
}

/// The edges of a hex.
fn edges_of(c: Pt) -> impl Iterator<Item = (Pt, Pt)> {
    let v = vertices(c);
    (0..6).map(move |k| edge(v[k], v[(k + 1) % 6]))
}

/// The edges of a set of hexes that border no other hex of the set.
fn outline(m: &Map, hexes: &[usize]) -> Vec<(Pt, Pt)> {
    let mut count: BTreeMap<(Pt, Pt), u32> = BTreeMap::new();
    for &i in hexes {
        for e in edges_of(centre_pt(m, i)) {
            *count.entry(e).or_default() += 1;
        }
    }
    count
        .into_iter()
        .filter(|(_, n)| *n == 1)
        .map(|(e, _)| e)
        .collect()
}

fn pnum(v: i64) -> String {
    num(v as f64 / 100.0)
}

/// Segments joined into as few subpaths as possible, with relative steps
/// (`M x y l dx dy ...`, `z` where a loop closes). Deterministic: segments
/// are taken in coordinate order.
fn chain(segments: &[(Pt, Pt)]) -> String {
    let mut at: BTreeMap<Pt, Vec<usize>> = BTreeMap::new();
    for (k, (a, b)) in segments.iter().enumerate() {
        at.entry(*a).or_default().push(k);
        at.entry(*b).or_default().push(k);
    }
    let mut used = vec![false; segments.len()];
    let mut d = String::new();
    for first in 0..segments.len() {
        if used[first] {
            continue;
        }
        let start = segments[first].0;
        let _ = write!(d, "M{} {}", pnum(start.0), pnum(start.1));
        let mut here = start;
        let mut next = Some(first);
        while let Some(k) = next {
            used[k] = true;
            let (a, b) = segments[k];
            let to = if a == here { b } else { a };
            let (dx, dy) = (to.0 - here.0, to.1 - here.1);
            let dy_text = pnum(dy);
            let sep = if dy_text.starts_with('-') { "" } else { " " };
            let _ = write!(d, "l{}{sep}{dy_text}", pnum(dx));
            here = to;
            next = at
                .get(&here)
                .and_then(|ks| ks.iter().copied().find(|&j| !used[j]));
        }
        if here == start {
            d.push('z');
        }
    }
    d
}

/// The visible rectangle of the map.
#[derive(Debug, Clone, Copy)]
struct View {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl View {
    /// The smallest view with a hex to spare around these hexes, at least
    /// eight hexes wide.
    fn around(m: &Map, hexes: impl Iterator<Item = usize>) -> Option<View> {
        let pts: Vec<(f64, f64)> = hexes.map(|i| m.centre(&m.hexes[i])).collect();
        if pts.is_empty() {
            return None;
        }
        let x0 = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min) - W / 2.0 - W;
        let x1 = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max) + W / 2.0 + W;
        let y0 = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min) - SIDE - ROW;
        let y1 = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max) + SIDE + ROW;
        let min_w = 8.0 * W;
        let (cx, cw) = ((x0 + x1) / 2.0, (x1 - x0).max(min_w));
        let (cy, ch) = ((y0 + y1) / 2.0, (y1 - y0).max(min_w * 0.6));
        Some(View {
            x: cx - cw / 2.0,
            y: cy - ch / 2.0,
            w: cw,
            h: ch,
        })
    }

    /// A whole hex centred here is inside the view.
    fn shows(&self, (x, y): (f64, f64)) -> bool {
        let e = 0.01;
        x - W / 2.0 >= self.x - e
            && x + W / 2.0 <= self.x + self.w + e
            && y - SIDE >= self.y - e
            && y + SIDE <= self.y + self.h + e
    }

    fn shows_pt(&self, p: Pt) -> bool {
        let (x, y) = (p.0 as f64 / 100.0, p.1 as f64 / 100.0);
        x >= self.x - 0.01
            && x <= self.x + self.w + 0.01
            && y >= self.y - 0.01
            && y <= self.y + self.h + 0.01
    }
}

/// Where lines to a member start: its hex, or the hex of its area nearest
/// the area's centre.
fn anchor(m: &Map, shape: &Shape) -> Option<Pt> {
    let hexes = shape.hexes();
    if hexes.is_empty() {
        return None;
    }
    let pts: Vec<Pt> = hexes.iter().map(|&i| centre_pt(m, i)).collect();
    let n = pts.len() as i64;
    let mean = (
        pts.iter().map(|p| p.0).sum::<i64>() / n,
        pts.iter().map(|p| p.1).sum::<i64>() / n,
    );
    pts.into_iter()
        .min_by_key(|p| ((p.0 - mean.0).pow(2) + (p.1 - mean.1).pow(2), *p))
}

/// Region labels of up to two lines of about 14 characters.
fn label_lines(label: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        let full = lines.len() == 2;
        match lines.last_mut() {
            Some(l) if l.len() + 1 + word.len() <= 14 || full => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// The map as an inline SVG (see the module docs for what it draws).
///
/// With `region`, the view is cropped to that region and its surroundings
/// and districts outside it are dimmed; members outside it are drawn
/// (coloured and linked) only where they fall inside the view, so the
/// table beside the map must list every council. An unknown slug shows the
/// whole map. With `frame`, the view is cropped to those members' hexes.
///
/// Each member's link carries `data-k` (its key) and `data-x`, `data-y`
/// (where its lines start, in map units), for `map.js`.
///
/// The output is deterministic: hexes in GSS order, members in the order
/// given, coordinates with at most two decimals, every text XML-escaped.
pub fn hex_map_svg(spec: &MapSpec<'_>) -> String {
    let m = map();
    let shapes: Vec<Shape> = spec.members.iter().map(|c| shape_of(&c.code)).collect();
    // An unknown region (no hex) shows the whole map.
    let region = spec
        .region
        .filter(|r| m.hexes.iter().any(|h| h.region == Some(*r)));
    let in_region = |h: &MapHex| region.is_none_or(|r| h.region == Some(r));
    let whole = View {
        x: 0.0,
        y: 0.0,
        w: m.width,
        h: m.height,
    };
    let view = if let Some(r) = region {
        View::around(
            m,
            (0..m.hexes.len()).filter(|&i| m.hexes[i].region == Some(r)),
        )
    } else if let Some(frame) = spec.frame {
        View::around(
            m,
            frame
                .iter()
                .filter_map(|&k| shapes.get(k))
                .flat_map(|s| s.hexes().iter().copied()),
        )
    } else {
        None
    }
    .unwrap_or(whole);
    let visible = |i: usize| view.shows(m.centre(&m.hexes[i]));

    // The hexes of councils filled as taking part: their own, or their
    // successor's area. A county's districts stay grey.
    let mut filled: BTreeSet<usize> = BTreeSet::new();
    for s in &shapes {
        if let Shape::Own(_) | Shape::Successor(_) = s {
            filled.extend(s.hexes());
        }
    }
    let mut dimmed = String::new();
    let mut plain = String::new();
    for (i, h) in m.hexes.iter().enumerate() {
        if !visible(i) || filled.contains(&i) {
            continue;
        }
        if in_region(h) {
            plain.push_str(&m.paths[i]);
        } else {
            dimmed.push_str(&m.paths[i]);
        }
    }

    // Members: counties below (their area catches a click anywhere on it
    // that no district of its own takes), then successors, then own hexes.
    let mut linked = String::new();
    let mut county_outlines: Vec<(Pt, Pt)> = Vec::new();
    let mut anchors: Vec<Option<Pt>> = vec![None; shapes.len()];
    let mut counties = false;
    for pass in 0..3 {
        for (k, (member, shape)) in spec.members.iter().zip(&shapes).enumerate() {
            let rank = match shape {
                Shape::County(_) => 0,
                Shape::Successor(_) => 1,
                Shape::Own(_) => 2,
                Shape::Nowhere => continue,
            };
            if rank != pass {
                continue;
            }
            let shown: Vec<usize> = shape
                .hexes()
                .iter()
                .copied()
                .filter(|&i| visible(i))
                .collect();
            if shown.is_empty() {
                continue;
            }
            let Some(at) = anchor(m, shape) else {
                continue;
            };
            anchors[k] = Some(at);
            let this = spec.this == Some(k);
            let (class, d, extra, title) = match shape {
                Shape::County(hexes) => {
                    counties = true;
                    let edges = outline(m, hexes);
                    county_outlines.extend(edges.iter().copied());
                    (
                        "hm-county",
                        chain(&edges),
                        format!(
                            r##" fill="#fff" fill-opacity="0" fill-rule="evenodd" stroke="{}" stroke-width="{}""##,
                            if this { LINE } else { COUNTY },
                            if this { "1.6" } else { "1.2" }
                        ),
                        format!("{} (county council: its area is outlined)", member.label),
                    )
                }
                Shape::Successor(_) => (
                    "hm-area",
                    shown.iter().map(|&i| m.paths[i].as_str()).collect(),
                    String::new(),
                    format!("{} (the area of the councils it replaced)", member.label),
                ),
                _ => (
                    "hm-own",
                    m.paths[shown[0]].clone(),
                    String::new(),
                    member.label.clone(),
                ),
            };
            let extra = if this && !matches!(shape, Shape::County(_)) {
                format!(r#"{extra} fill="{LINE}""#)
            } else {
                extra
            };
            let _ = write!(
                linked,
                r#"<a href="{}" class="{class}{}" data-k="{}" data-x="{}" data-y="{}"><title>{}</title><path d="{d}"{extra}/></a>"#,
                esc(&member.href),
                if this { " hm-this" } else { "" },
                esc(&member.key),
                pnum(at.0),
                pnum(at.1),
                esc(&title)
            );
        }
    }

    // Region boundaries: edges between hexes of two regions, and the coast.
    let mut sides: BTreeMap<(Pt, Pt), Vec<Option<&str>>> = BTreeMap::new();
    for (i, h) in m.hexes.iter().enumerate() {
        for e in edges_of(centre_pt(m, i)) {
            sides.entry(e).or_default().push(h.region);
        }
    }
    let boundaries: Vec<(Pt, Pt)> = sides
        .into_iter()
        .filter(|(_, r)| r.len() == 1 || r.windows(2).any(|w| w[0] != w[1]))
        .map(|(e, _)| e)
        .filter(|(a, b)| view.shows_pt(*a) && view.shows_pt(*b))
        .collect();

    // Lines between partners, both ends in view, heaviest last (on top).
    let mut links: Vec<(usize, Pt, Pt)> = spec
        .links
        .iter()
        .filter_map(|&(a, b, n)| {
            let (pa, pb) = (anchors.get(a).copied()??, anchors.get(b).copied()??);
            (pa != pb).then_some((n, pa.min(pb), pa.max(pb)))
        })
        .collect();
    links.sort();
    let mut lines = String::new();
    for (n, a, b) in &links {
        let width = match n {
            1 => ".6",
            2 => ".9",
            _ => "1.3",
        };
        let _ = write!(
            lines,
            r#"<path d="M{} {}L{} {}" stroke-width="{width}"/>"#,
            pnum(a.0),
            pnum(a.1),
            pnum(b.0),
            pnum(b.1)
        );
    }

    // Region labels, at the region's hex nearest its centre.
    let label_fs = (view.w / 40.0).clamp(3.0, 6.0);
    let mut labels = String::new();
    let mut regions: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, h) in m.hexes.iter().enumerate() {
        if let Some(r) = h.region {
            regions.entry(r).or_default().push(i);
        }
    }
    for (slug, hexes) in &regions {
        if region.is_some_and(|r| r != *slug) {
            continue;
        }
        let Some(at) = anchor(m, &Shape::Successor(hexes.clone())) else {
            continue;
        };
        if !view.shows_pt(at) {
            continue;
        }
        let text = spec.region_labels.get(*slug).map_or(*slug, String::as_str);
        let lines_of = label_lines(text);
        let (x, y) = (at.0 as f64 / 100.0, at.1 as f64 / 100.0);
        let top = y - (lines_of.len() as f64 - 1.0) * label_fs * 0.55 + label_fs * 0.35;
        let _ = write!(labels, r#"<text x="{}" y="{}">"#, num(x), num(top));
        for (k, l) in lines_of.iter().enumerate() {
            if k == 0 {
                let _ = write!(labels, "<tspan>{}</tspan>", esc(l));
            } else {
                let _ = write!(
                    labels,
                    r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                    num(x),
                    num(label_fs * 1.1),
                    esc(l)
                );
            }
        }
        labels.push_str("</text>");
    }

    // Legend below the map, one entry a line, sized to the view.
    let fs = (view.w / 30.0).max(2.6);
    let line = fs * 1.6;
    enum Key {
        Fill(&'static str),
        County,
        Line(&'static str, &'static str),
    }
    let mut legend: Vec<(Key, &str)> = Vec::new();
    if spec.this.is_some() {
        legend.push((Key::Fill(LINE), "This council"));
    }
    legend.push((Key::Fill(ACTIVE), "Council taking part"));
    if counties {
        legend.push((Key::County, "County council taking part: its area outlined"));
    }
    legend.push((Key::Fill(INACTIVE), "Not taking part"));
    if region.is_some() {
        legend.push((Key::Fill(DIMMED), "Other regions"));
    }
    legend.push((Key::Line(BOUNDARY, ".8"), "Region boundary"));
    if !links.is_empty() {
        legend.push((
            Key::Line(LINE, ".9"),
            "Councils sharing arrangements (thicker: more)",
        ));
    }
    let legend_h = line * legend.len() as f64 + fs * 0.5;
    let total_h = view.h + legend_h;
    // At least 3.2 CSS px a unit, so that a hex is over 24 px wide (25.6):
    // the stylesheet lets the map scroll sideways on a narrow screen.
    let min_px = (view.w * 3.2).ceil();

    let mut svg = String::with_capacity(32_000);
    let id = esc(spec.id);
    let role = if linked.is_empty() { "img" } else { "group" };
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="hexmap" id="{id}" viewBox="{} {} {} {}" width="100%" style="min-width:{}px" role="{role}" aria-labelledby="{id}-title {id}-desc">"#,
        num(view.x),
        num(view.y),
        num(view.w),
        num(total_h),
        num(min_px)
    );
    let _ = write!(
        svg,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(spec.title),
        esc(spec.description)
    );
    svg.push_str(
        r##"<g class="hexmap-hexes" stroke="#fff" stroke-width=".6" stroke-linejoin="round">"##,
    );
    if !dimmed.is_empty() {
        let _ = write!(svg, r#"<g fill="{DIMMED}"><path d="{dimmed}"/></g>"#);
    }
    if !plain.is_empty() {
        let _ = write!(svg, r#"<g fill="{INACTIVE}"><path d="{plain}"/></g>"#);
    }
    svg.push_str("</g>");
    if !linked.is_empty() {
        let _ = write!(
            svg,
            r##"<g class="hexmap-on" color="{ACTIVE}" fill="currentColor" stroke="#fff" stroke-width=".6" stroke-linejoin="round">{linked}</g>"##
        );
    }
    svg.push_str(r#"<g class="hexmap-overlay" fill="none" pointer-events="none" stroke-linejoin="round" stroke-linecap="round">"#);
    if !boundaries.is_empty() {
        let _ = write!(
            svg,
            r#"<path class="hexmap-regions" d="{}" stroke="{BOUNDARY}" stroke-width=".8"/>"#,
            chain(&boundaries)
        );
    }
    if !county_outlines.is_empty() {
        let _ = write!(
            svg,
            r#"<path class="hexmap-counties" d="{}" stroke="{COUNTY}" stroke-width="1.2" stroke-dasharray="2.4 1.2"/>"#,
            chain(&county_outlines)
        );
    }
    let _ = write!(
        svg,
        r#"<g class="hexmap-lines" stroke="{LINE}">{lines}</g>"#
    );
    if !labels.is_empty() {
        let _ = write!(
            svg,
            r##"<g class="hexmap-labels" font-size="{}" font-weight="700" fill="{TEXT}" stroke="#fff" stroke-width="{}" paint-order="stroke" text-anchor="middle">{labels}</g>"##,
            num(label_fs),
            num(label_fs / 4.0)
        );
    }
    svg.push_str("</g>");

    let _ = write!(
        svg,
        r#"<g class="hexmap-legend" font-size="{}" fill="{TEXT}">"#,
        num(fs)
    );
    for (k, (key, text)) in legend.iter().enumerate() {
        let top = view.y + view.h + fs * 0.25 + line * k as f64;
        let (x, y) = (view.x + MARGIN, top + (line - fs) / 2.0);
        match key {
            Key::Fill(colour) => {
                let _ = write!(
                    svg,
                    r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{colour}" stroke="#505a5f" stroke-width="{}"/>"##,
                    num(x),
                    num(y),
                    num(fs),
                    num(fs),
                    num(fs / 12.0)
                );
            }
            Key::County => {
                let _ = write!(
                    svg,
                    r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#fff" stroke="{COUNTY}" stroke-width="{}"/>"##,
                    num(x + fs * 0.1),
                    num(y + fs * 0.1),
                    num(fs * 0.8),
                    num(fs * 0.8),
                    num(fs / 5.0)
                );
            }
            Key::Line(colour, width) => {
                let _ = write!(
                    svg,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="{width}"/>"#,
                    num(x),
                    num(y + fs / 2.0),
                    num(x + fs),
                    num(y + fs / 2.0)
                );
            }
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}">{}</text>"#,
            num(x + fs * 1.5),
            num(top + (line + fs * 0.7) / 2.0),
            esc(text)
        );
    }
    svg.push_str("</g></svg>");
    svg
}

/// A pointy-topped hex centred on (x, y), from its top vertex clockwise, as
/// path data.
fn hex_d(x: f64, y: f64) -> String {
    format!("M{} {}l4 2.3v4.6l-4 2.3-4-2.3v-4.6z", num(x), num(y - SIDE))
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

    fn member(code: &str, label: &str, href: &str) -> Member {
        Member {
            code: code.to_owned(),
            label: label.to_owned(),
            href: href.to_owned(),
            key: code.to_ascii_lowercase(),
        }
    }

    fn spec<'a>(
        members: &'a [Member],
        links: &'a [(usize, usize, usize)],
        labels: &'a BTreeMap<String, String>,
    ) -> MapSpec<'a> {
        MapSpec {
            id: "hexmap-uk",
            title: "Councils \"taking part\"",
            description: "Three councils & more",
            members,
            links,
            region_labels: labels,
            region: None,
            frame: None,
            this: None,
        }
    }

    /// The hex subpaths (`M x y l4 2.3 ...z`) of a path's data.
    fn hex_count(svg: &str) -> usize {
        svg.matches("l4 2.3v4.6").count()
    }

    #[test]
    fn national_map() {
        let members = [
            member(
                "BRM",
                "Bromsgrove District Council",
                "/partners/bromsgrove/",
            ),
            member("RED", "Redditch & Co <test>", "/partners/redditch/?a=1&b=2"),
            member("S12000047", "Fife Council", "/partners/fife/"),
            member("GMCA", "Not on the map", "/nowhere/"),
        ];
        let labels: BTreeMap<String, String> =
            [("west-midlands".to_owned(), "West <Midlands>".to_owned())].into();
        let svg = hex_map_svg(&spec(&members, &[(0, 1, 2)], &labels));
        check_xml(&svg);
        // Every hex once: the grey ones and the three members'.
        assert_eq!(hex_count(&svg), 391);
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
        assert!(svg.contains(r#"data-k="red""#));
        assert!(!svg.contains("Not on the map"));
        // Region labels (escaped), boundaries, one line for the pair.
        assert!(svg.contains("&lt;Midlands&gt;") && !svg.contains("<Midlands>"));
        assert!(svg.contains(r#"class="hexmap-regions""#));
        let lines = &svg[svg.find("class=\"hexmap-lines\"").unwrap()..];
        assert_eq!(
            lines[..lines.find("</g>").unwrap()]
                .matches("<path")
                .count(),
            1
        );
        // Deterministic.
        assert_eq!(svg, hex_map_svg(&spec(&members, &[(0, 1, 2)], &labels)));
        // Compact: at most two decimals anywhere.
        for n in svg.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
            if let Some((_, frac)) = n.split_once('.') {
                assert!(frac.len() <= 2, "{n}");
            }
        }
        assert!(svg.len() < 30_000, "{} bytes", svg.len());
        // No links: an image.
        let empty = hex_map_svg(&spec(&[], &[], &labels));
        check_xml(&empty);
        assert!(empty.contains(r#"role="img""#));
        assert!(!empty.contains("<a "));
    }

    #[test]
    fn region_view() {
        let members = [
            member("BRM", "Bromsgrove", "/b/"),
            member("SLG", "Slough", "/s/"),
            member("HPL", "Hartlepool", "/h/"),
        ];
        let labels = BTreeMap::new();
        let draw = |region: Option<&str>| {
            hex_map_svg(&MapSpec {
                region,
                ..spec(&members, &[], &labels)
            })
        };
        let svg = draw(Some("west-midlands"));
        check_xml(&svg);
        // Slough borders the West Midlands on the map: in the view, linked.
        // Hartlepool is far away: out of the view, no link.
        assert_eq!(hrefs(&svg), ["/b/", "/s/"]);
        assert_eq!(hrefs(&draw(None)), ["/b/", "/s/", "/h/"]);
        // An unknown region shows the whole map.
        assert_eq!(hex_count(&draw(Some("atlantis"))), 391);
        assert!(!draw(Some("atlantis")).contains(DIMMED));
        assert!(svg.contains(DIMMED) && svg.contains("Other regions"));
        // Cropped: fewer hexes than the whole map, but every West Midlands one.
        let wm = hexes()
            .iter()
            .filter(|h| h.region == Some("west-midlands"))
            .count();
        let plain = svg
            .split(&format!(r#"<g fill="{INACTIVE}">"#))
            .nth(1)
            .unwrap();
        let plain = hex_count(&plain[..plain.find("</g>").unwrap()]);
        assert_eq!(plain, wm - 1, "every West Midlands hex but Bromsgrove's");
        assert!(hex_count(&svg) < 391);
        assert_eq!(svg, draw(Some("west-midlands")));
    }

    #[test]
    fn counties_are_outlined_and_their_districts_stay_grey() {
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
        assert!(matches!(shape_of("WOR"), Shape::County(h) if h.len() == 6));
        assert!(matches!(shape_of("RED"), Shape::Own(_)));
        assert!(matches!(shape_of("E07000236"), Shape::Own(_)));
        // Dorset Council (2019) stands for the six districts it replaced.
        assert!(matches!(shape_of("DST"), Shape::Successor(h) if h.len() == 6));
        assert!(matches!(shape_of("SMT"), Shape::Successor(h) if h.len() == 5));
        // Somerset County Council: its districts' area, not Sedgemoor's hex.
        assert!(matches!(shape_of("SOM"), Shape::County(h) if h.len() == 5));
        assert_eq!(shape_of("GMCA"), Shape::Nowhere);
        assert_eq!(shape_of("nonsense"), Shape::Nowhere);

        let members = [
            member("WOR", "Worcestershire County Council", "/w/"),
            member("RED", "Redditch Borough Council", "/r/"),
        ];
        let labels = BTreeMap::new();
        let svg = hex_map_svg(&spec(&members, &[], &labels));
        check_xml(&svg);
        // Two links: the county's area and Redditch's hex; the county first,
        // under Redditch, so that a click on Redditch is Redditch's.
        assert_eq!(hrefs(&svg), ["/w/", "/r/"]);
        let county = &svg[svg.find("class=\"hm-county\"").unwrap()..];
        let county = &county[..county.find("</a>").unwrap()];
        assert!(county.contains(COUNTY) && county.contains(r#"fill-opacity="0""#));
        assert!(county.contains("(county council: its area is outlined)"));
        assert!(svg.contains(r#"class="hexmap-counties""#));
        assert!(svg.contains("County council taking part"));
        // Bromsgrove is grey: one of the plain hexes, not a member.
        let plain = svg
            .split(&format!(r#"<g fill="{INACTIVE}">"#))
            .nth(1)
            .unwrap();
        let brm = hex("E07000234").unwrap();
        let i = map().index[&brm.gss];
        let (x, y) = map().centre(&map().hexes[i]);
        assert!(plain[..plain.find("</g>").unwrap()].contains(&hex_d(x, y)));
        assert_eq!(hex_count(&svg), 391, "no hex drawn twice");
    }

    #[test]
    fn outlines_close_and_go_round_enclaves() {
        // Leicestershire surrounds Leicester: two loops, the inner a hole.
        let Shape::County(h) = shape_of("LEC") else {
            panic!("Leicestershire is a county")
        };
        let d = chain(&outline(map(), &h));
        assert_eq!(d.matches('M').count(), d.matches('z').count(), "{d}");
        let one = chain(&outline(map(), &[0]));
        assert_eq!(one.matches('l').count(), 6);
        assert!(one.ends_with('z'));
    }

    #[test]
    fn lines_join_partners_in_view() {
        let members = [
            member("BRM", "Bromsgrove", "/b/"),
            member("RED", "Redditch", "/r/"),
            member("WOR", "Worcestershire", "/w/"),
            member("HPL", "Hartlepool", "/h/"),
        ];
        let labels = BTreeMap::new();
        let links = [(0, 1, 1), (1, 2, 3), (0, 3, 1)];
        let whole = hex_map_svg(&spec(&members, &links, &labels));
        let lines = |svg: &str| {
            let g = &svg[svg.find("class=\"hexmap-lines\"").unwrap()..];
            g[..g.find("</g>").unwrap()].matches("<path").count()
        };
        assert_eq!(lines(&whole), 3);
        assert!(whole.contains(r#"stroke-width="1.3""#), "three together");
        let wm = hex_map_svg(&MapSpec {
            region: Some("west-midlands"),
            ..spec(&members, &links, &labels)
        });
        assert_eq!(lines(&wm), 2, "Hartlepool is out of view");
        // A line starts where the member's link says.
        let at = |svg: &str, key: &str| {
            let a = &svg[svg.find(&format!("data-k=\"{key}\"")).unwrap()..];
            let x = &a[a.find("data-x=\"").unwrap() + 8..];
            let y = &a[a.find("data-y=\"").unwrap() + 8..];
            (
                x[..x.find('"').unwrap()].to_owned(),
                y[..y.find('"').unwrap()].to_owned(),
            )
        };
        let (bx, by) = at(&whole, "brm");
        let (rx, ry) = at(&whole, "red");
        assert!(
            whole.contains(&format!("M{bx} {by}L{rx} {ry}"))
                || whole.contains(&format!("M{rx} {ry}L{bx} {by}")),
            "a line from Bromsgrove to Redditch"
        );
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
