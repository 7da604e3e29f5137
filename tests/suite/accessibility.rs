//! Accessibility of the built bundled site in a real browser (Debian's
//! Chromium, headless, through chromedriver), served on 127.0.0.1:
//!
//! - axe-core (vendored in `tests/vendor/axe-core/`) with the WCAG 2.2 A and
//!   AA rules finds nothing on any page type, at 1280 and 375 px wide, as
//!   loaded and with every `<details>` opened, nor on any case study at
//!   375 px; and the text and shapes of the inline SVG (map and charts),
//!   which axe leaves for review, have enough contrast;
//! - keyboard only: Tab reaches every control of the main content of the
//!   search page (with results), the case study listing and the home page
//!   (map, charts), in document order, and each focused control visibly
//!   changes and is on screen;
//! - screenshots of the main page types at 375 and 1280 px, written to
//!   `target/screenshots/`, or with `COMPENDIUM_UPDATE_SCREENSHOTS=1` to
//!   `docs/screenshots/` for the README (so a test run never changes a
//!   tracked file unless asked to).
//!
//! The tests share the run's one build of the bundled site and its one
//! browser (`support::browser::session`), taking turns.

use crate::support::browser::{self, Browser, StaticServer};
use crate::support::bundled_site::BundledSite;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const AXE: &str = include_str!("../vendor/axe-core/axe.min.js");
const WCAG_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
/// The query of the search page in these tests: matches several case studies.
const QUERY: &str = "waste";

/// One page of every type, by site path. The examples of a type are the
/// richest of their section (largest page), so the choice is stable.
fn page_types(site: &BundledSite) -> Vec<(&'static str, String)> {
    let mut pages = vec![
        ("home", "/".to_owned()),
        ("case study listing", "/case-studies/".to_owned()),
        ("case study", site.richest("case-studies", |_| true)),
        ("function index", "/functions/".to_owned()),
        ("function", site.richest("functions", |_| true)),
        ("region index", "/regions/".to_owned()),
        (
            "region (hex map)",
            site.richest("regions", |h| h.contains("class=\"hexmap\"")),
        ),
        ("model index", "/models/".to_owned()),
        ("model", site.richest("models", |_| true)),
        ("organisation index", "/partners/".to_owned()),
        (
            "organisation (council)",
            site.richest("partners", |h| h.contains("Register code")),
        ),
        (
            "organisation (not a council)",
            site.richest("partners", |h| !h.contains("<dt>Register")),
        ),
        ("lessons", "/lessons/".to_owned()),
        ("lessons of a tag", site.richest("lessons/tags", |_| true)),
        ("lessons by tag", "/lessons/tags/".to_owned()),
        ("open data", "/data/".to_owned()),
        ("search, empty", "/search/".to_owned()),
        ("search with a query", format!("/search/?q={QUERY}")),
        ("resources", "/resources/".to_owned()),
        ("about", "/about/".to_owned()),
        ("not found", "/404.html".to_owned()),
    ];
    if site.exists("/accessibility/") {
        pages.push(("accessibility statement", "/accessibility/".to_owned()));
    }
    for (what, path) in &pages {
        assert!(
            site.exists(path.split('?').next().unwrap_or(path)),
            "the {what} page {path} exists"
        );
    }
    pages
}

/// Opens a page and waits until it is ready: loaded, fonts ready, and for
/// the search page with a query, the results and facets shown.
fn open(b: &Browser, server: &StaticServer, path: &str) {
    b.goto(&format!("{}{path}", server.base));
    b.wait_loaded();
    if path.starts_with("/search/?") {
        b.wait_for(
            "return document.querySelectorAll('#search-results li').length > 0 \
             && document.querySelectorAll('#search-facets input').length > 0",
            "search results and facets",
        );
    }
}

/// Runs axe-core on the current page with the WCAG 2.2 A and AA rules and
/// returns its violations, one line per failing element; prints what axe
/// could not decide (`incomplete`) so a person can look.
fn axe(b: &Browser, label: &str) -> Vec<String> {
    if b.eval("return typeof window.axe", json!([])) != json!("object") {
        b.inject_script(AXE);
    }
    let result = b.eval_async(
        r#"
        const done = arguments[arguments.length - 1];
        const nodes = list => list.map(v => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map(n => ({
            target: n.target.join(' '),
            html: n.html.slice(0, 300),
            summary: (n.failureSummary || '').replace(/\s+/g, ' '),
            data: (n.any.concat(n.all, n.none).map(c => c.message).join('; ')),
          })),
        }));
        // resultTypes: axe still runs every rule and reports every
        // violation and incomplete node, but keeps one node per passed rule
        // instead of all of them, which is much of its time on a long page.
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},
                           resultTypes: ['violations', 'incomplete']})
          .then(r => done({violations: nodes(r.violations), incomplete: nodes(r.incomplete),
                           passes: r.passes.length, version: axe.version}))
          .catch(e => done({error: String(e && e.stack || e)}));
        "#,
        json!([WCAG_TAGS]),
    );
    if let Some(error) = result["error"].as_str() {
        panic!("axe failed on {label}: {error}");
    }
    assert!(
        result["passes"].as_u64().unwrap_or(0) > 0,
        "axe ran its rules on {label}: {result}"
    );
    // What axe could not decide, in one line per rule and reason.
    let mut review: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for v in result["incomplete"].as_array().into_iter().flatten() {
        for n in v["nodes"].as_array().into_iter().flatten() {
            let key = format!(
                "{}: {}",
                v["id"].as_str().unwrap_or(""),
                n["data"].as_str().unwrap_or("")
            );
            *review.entry(key).or_default() += 1;
        }
    }
    for (what, count) in review {
        eprintln!("axe needs review on {label}: {count} × {what}");
    }
    let mut out = Vec::new();
    for v in result["violations"].as_array().into_iter().flatten() {
        for n in v["nodes"].as_array().into_iter().flatten() {
            out.push(format!(
                "{label}: [{} {}] {}\n    at {}\n    {}\n    {}",
                v["impact"].as_str().unwrap_or(""),
                v["id"].as_str().unwrap_or(""),
                v["help"].as_str().unwrap_or(""),
                n["target"].as_str().unwrap_or(""),
                n["html"].as_str().unwrap_or(""),
                n["summary"].as_str().unwrap_or("")
            ));
        }
    }
    out
}

/// Colour contrast inside inline SVG (the hex map and the bar charts),
/// which axe leaves for review: every text at least 4.5:1 against the page
/// behind it (WCAG 1.4.3); the graphics that carry the information at least
/// 3:1 (1.4.11): a hex of a council taking part against the page and
/// against the grey hexes of the others, each bar against the page, each
/// legend swatch (fill or outline) against the page. Computed colours, so
/// `currentColor` and the theme's link colours are what the reader sees.
const SVG_CONTRAST: &str = r##"
  const rgb = c => {
    const m = /rgba?\(([^)]*)\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = c => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const hex = c => '#' + [c.r, c.g, c.b].map(v => v.toString(16).padStart(2, '0')).join('');
  const page = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const problems = [];
  let checked = 0;
  const need = (min, a, b, what) => {
    checked++;
    const r = ratio(a, b);
    if (r + 1e-9 < min) problems.push(what + ': ' + hex(a) + ' on ' + hex(b) + ' is ' + r.toFixed(2) + ':1, needs ' + min + ':1');
  };
  for (const svg of document.querySelectorAll('main svg')) {
    const bg = page(svg);
    const name = 'svg#' + svg.id;
    for (const t of svg.querySelectorAll('text')) {
      need(4.5, rgb(getComputedStyle(t).fill), bg, name + ' text "' + t.textContent.trim().slice(0, 40) + '"');
    }
    if (svg.classList.contains('hexmap')) {
      // Filled councils by their fill; a county, drawn as an outline, by its stroke.
      const on = Array.from(svg.querySelectorAll('a path')).map(p => rgb(getComputedStyle(p).getPropertyValue(p.closest('a.hm-county') ? 'stroke' : 'fill')));
      const off = Array.from(svg.querySelectorAll('.hexmap-hexes path')).filter(p => !p.closest('g[fill="#f0f0f0"]'))
        .map(p => rgb(getComputedStyle(p).fill));
      // Region boundaries, county outlines and lines between partners against the page and the grey hexes.
      for (const l of svg.querySelectorAll('.hexmap-overlay path')) {
        const c = rgb(getComputedStyle(l).stroke);
        need(3, c, bg, name + ' ' + (l.getAttribute('class') || 'line') + ' against the page');
        for (const o of new Map(off.map(o => [hex(o), o])).values()) need(3, c, o, name + ' ' + (l.getAttribute('class') || 'line') + ' against a grey hex');
      }
      const seen = new Set();
      for (const a of on) {
        if (seen.has(hex(a))) continue;
        seen.add(hex(a));
        need(3, a, bg, name + ' hex of a council taking part against the page');
        const greys = new Map(off.map(o => [hex(o), o]));
        for (const o of greys.values()) need(3, a, o, name + ' hex of a council taking part against a grey hex');
      }
      for (const r of svg.querySelectorAll('.hexmap-legend rect')) {
        const s = getComputedStyle(r);
        const fill = rgb(s.fill), stroke = rgb(s.stroke);
        checked++;
        if (ratio(fill, bg) < 3 && !(stroke && parseFloat(s.strokeWidth) > 0 && ratio(stroke, bg) >= 3)) {
          problems.push(name + ' legend swatch ' + hex(fill) + ': neither its fill nor its outline has 3:1 against ' + hex(bg));
        }
      }
    }
    if (svg.classList.contains('bar-chart')) {
      for (const r of svg.querySelectorAll('rect')) need(3, rgb(getComputedStyle(r).fill), bg, name + ' bar');
    }
  }
  return {problems, checked};
"##;

/// The SVG contrast problems of the current page, and how many colour
/// pairs were measured.
fn svg_contrast(b: &Browser, label: &str) -> (Vec<String>, u64) {
    let result = b.eval(SVG_CONTRAST, json!([]));
    let problems = result["problems"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| format!("{label}: [svg contrast] {}", p.as_str().unwrap_or("")))
        .collect();
    (problems, result["checked"].as_u64().unwrap_or(0))
}

fn axe_finds_no_wcag_2_2_aa_violation_on_any_page_type() {
    let session = browser::session(1280, 1000);
    let (b, server, site) = (&session.browser, &session.server, session.site);
    let pages = page_types(site);
    // axe comes with every page this test opens, from Chromium itself,
    // rather than sent over WebDriver (half a megabyte) after each load.
    let preload = b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": AXE}),
    );
    let mut violations = Vec::new();
    for (width, mobile) in [(1280, false), (375, true), (320, true)] {
        b.set_viewport(width, 900, mobile);
        for (what, path) in &pages {
            open(b, server, path);
            let label = format!("{what} {path} at {width} px");
            violations.extend(axe(b, &label));
            let (problems, checked) = svg_contrast(b, &label);
            violations.extend(problems);
            if *path == "/" {
                assert!(
                    checked > 20,
                    "the home page's map and charts were measured: {checked} colour pairs"
                );
            }
            // Closed <details> (map and chart tables) hide their content
            // from axe: open them and check again.
            let opened = b.eval(
                "const closed = Array.from(document.querySelectorAll('details:not([open])')); \
                 closed.forEach(d => { d.open = true; }); return closed.length",
                json!([]),
            );
            if opened.as_u64().unwrap_or(0) > 0 {
                violations.extend(axe(b, &format!("{label}, details opened")));
            }
        }
    }
    // Case studies differ most in content (tables, lists, links from
    // Markdown): every one of them, at the narrow width.
    b.set_viewport(375, 900, true);
    let mut case_studies: Vec<String> = site
        .html_files()
        .iter()
        .map(|f| site.site_path(f))
        .filter(|p| p.starts_with("/case-studies/") && p.len() > "/case-studies/".len())
        .filter(|p| !pages.iter().any(|(_, q)| q == p))
        .collect();
    case_studies.sort();
    for path in &case_studies {
        open(b, server, path);
        violations.extend(axe(b, &format!("case study {path} at 375 px")));
    }
    // The other tests of the shared browser get pages without axe.
    b.cdp(
        "Page.removeScriptToEvaluateOnNewDocument",
        json!({"identifier": preload["identifier"]}),
    );
    assert!(
        violations.is_empty(),
        "{} axe violations (WCAG 2.2 A and AA):\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// What a focusable element is, for messages.
const DESCRIBE: &str = r#"
  window.__describe = el => {
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.getAttribute('href') ? '[href="' + el.getAttribute('href') + '"]' : '') + (text ? ' "' + text + '"' : '');
  };
  window.__look = el => {
    const s = getComputedStyle(el);
    // An SVG link shows focus on its shape (hex or bar): background and
    // box-shadow are not drawn in SVG.
    const shape = el.ownerSVGElement ? el.querySelector('path, rect') : null;
    const t = shape ? getComputedStyle(shape) : null;
    return {svg: !!el.ownerSVGElement, shape: t ? t.fill + ' ' + t.stroke + ' ' + t.strokeWidth : null,
            outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor,
            outlineVisible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !/rgba\(.*, 0\)$|transparent/.test(s.outlineColor),
            boxShadow: s.boxShadow, background: s.backgroundColor, color: s.color,
            decoration: s.textDecorationLine};
  };
"#;

/// Marks every control a person could Tab to (visible, enabled, not
/// `tabindex=-1`, not inside a closed `<details>` except its summary) with
/// `data-kb` = its index, records how it looks unfocused, and returns
/// `[{i, inMain, desc}]` in document order.
const PREPARE: &str = r#"
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  const selector = 'a[href], area[href], input:not([type=hidden]), select, textarea, button, summary, iframe, [tabindex], [contenteditable=""], [contenteditable="true"]';
  const shown = el => {
    if (el.closest('[hidden], [inert]')) return false;
    const s = getComputedStyle(el);
    if (s.visibility !== 'visible' || !el.getClientRects().length) return false;
    const closed = el.parentElement && el.parentElement.closest('details:not([open])');
    return !closed || (el.tagName === 'SUMMARY' && el.parentElement === closed);
  };
  const all = Array.from(document.querySelectorAll(selector))
    .filter(el => shown(el) && !el.disabled && el.tabIndex >= 0);
  window.__kb = all.map((el, i) => { el.setAttribute('data-kb', String(i)); return window.__look(el); });
  return all.map((el, i) => ({i, inMain: !!el.closest('main'), desc: window.__describe(el)}));
"#;

/// Records each focus change from here on in `window.__steps`: which control
/// has focus and what visibly changed, read when it gains focus (its focus
/// styles apply before the event), and whether it is inside the viewport:
/// already when it gains focus (a skip link is only shown while focused),
/// or when it loses focus or at the end (the browser scrolls a control into
/// view after the focus event, and before the next key press, which is a
/// task of its own). So all the Tabs of a page can be sent at once instead
/// of one WebDriver round trip and one script per Tab.
const RECORD: &str = r#"
  window.__steps = [];
  const inView = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  };
  window.__inView = inView;
  document.addEventListener('focusin', e => {
    const el = e.target;
    if (!el || el === document.body || el === document.documentElement) return;
    const i = el.hasAttribute && el.hasAttribute('data-kb') ? Number(el.getAttribute('data-kb')) : null;
    const now = window.__look(el);
    const before = i === null ? null : window.__kb[i];
    const changed = [];
    if (before && now.svg) {
      if (now.shape !== before.shape) changed.push('shape ' + before.shape + ' → ' + now.shape);
      if (now.outlineVisible && now.outline !== before.outline) changed.push('outline ' + now.outline);
    } else if (before) {
      if (now.outlineVisible && now.outline !== before.outline) changed.push('outline ' + now.outline);
      if (now.boxShadow !== 'none' && now.boxShadow !== before.boxShadow) changed.push('box-shadow ' + now.boxShadow);
      if (now.background !== before.background) changed.push('background ' + before.background + ' → ' + now.background);
    }
    window.__steps.push({el, i, desc: window.__describe(el), changed, svg: now.svg,
                         inView: inView(el) ? true : undefined});
  }, true);
  document.addEventListener('focusout', e => {
    const last = window.__steps[window.__steps.length - 1];
    if (last && last.el === e.target && last.inView === undefined) last.inView = inView(e.target);
  }, true);
  return true;
"#;

/// The recorded focus changes, in order.
const STEPS: &str = r#"
  return window.__steps.map(s => ({
    i: s.i, desc: s.desc, changed: s.changed, svg: s.svg,
    inView: s.inView === undefined ? window.__inView(s.el) : s.inView,
  }));
"#;

/// Tabs through the whole page from the top and checks what the keyboard
/// reaches; returns the problems found.
fn keyboard_walk(b: &Browser, label: &str) -> Vec<String> {
    b.eval(DESCRIBE, json!([]));
    let controls = b.eval(PREPARE, json!([]));
    let controls = controls.as_array().expect("controls").clone();
    let in_main: Vec<&Value> = controls
        .iter()
        .filter(|c| c["inMain"] == json!(true))
        .collect();
    assert!(
        in_main.len() >= 5,
        "{label}: the main content has controls: {controls:?}"
    );
    let mut problems = Vec::new();
    let mut reached: Vec<usize> = Vec::new();
    let mut first_desc = String::new();
    b.eval(RECORD, json!([]));
    // Enough Tabs to go through every control and wrap round to the start.
    b.keys(&"\u{E004}".repeat(controls.len() + 10));
    let steps = b.eval(STEPS, json!([]));
    for (step, at) in steps.as_array().into_iter().flatten().enumerate() {
        let desc = at["desc"].as_str().unwrap_or("").to_owned();
        let Some(i) = at["i"].as_u64().map(|i| i as usize) else {
            problems.push(format!(
                "{label}: Tab reached {desc}, which is not a visible control"
            ));
            continue;
        };
        if reached.first() == Some(&i) {
            break; // wrapped round to the start
        }
        if step == 0 {
            first_desc.clone_from(&desc);
        }
        if at["changed"].as_array().is_none_or(Vec::is_empty) {
            let unchanged = if at["svg"] == json!(true) {
                "its shape's fill and stroke unchanged"
            } else {
                "outline, box-shadow and background unchanged"
            };
            problems.push(format!(
                "{label}: no visible focus indicator on {desc} ({unchanged})"
            ));
        }
        if at["inView"] != json!(true) {
            problems.push(format!(
                "{label}: focused {desc} is not inside the viewport"
            ));
        }
        reached.push(i);
    }
    assert!(
        first_desc.contains("Skip to main content"),
        "{label}: the first Tab reaches the skip link, not {first_desc}"
    );
    if !reached.windows(2).all(|w| w[0] < w[1]) {
        problems.push(format!(
            "{label}: the Tab order is not the document order: {reached:?}"
        ));
    }
    for c in in_main {
        let i = c["i"].as_u64().expect("index") as usize;
        if !reached.contains(&i) {
            problems.push(format!(
                "{label}: Tab never reaches {}",
                c["desc"].as_str().unwrap_or("")
            ));
        }
    }
    eprintln!(
        "{label}: Tab reached {} of {} controls",
        reached.len(),
        controls.len()
    );
    problems
}

fn keyboard_reaches_every_control_with_visible_focus() {
    let session = browser::session(1280, 900);
    let (b, server) = (&session.browser, &session.server);
    let mut problems = Vec::new();
    for (width, mobile) in [(1280, false), (375, true)] {
        b.set_viewport(width, 900, mobile);
        for path in [
            format!("/search/?q={QUERY}"),
            "/case-studies/".to_owned(),
            "/".to_owned(),
        ] {
            open(b, server, &path);
            problems.extend(keyboard_walk(b, &format!("{path} at {width} px")));
        }
    }
    assert!(
        problems.is_empty(),
        "keyboard problems:\n{}",
        problems.join("\n")
    );
}

/// Screenshots at most this tall (CSS pixels): the top of each page.
const MAX_SHOT_HEIGHT: u32 = 1600;

fn screenshots_of_the_main_page_types() {
    let session = browser::session(1280, 900);
    let (b, server, site) = (&session.browser, &session.server, session.site);
    let pages = [
        ("home", "/".to_owned()),
        ("case-study", site.richest("case-studies", |_| true)),
        ("function", site.richest("functions", |_| true)),
        (
            "organisation",
            site.richest("partners", |h| h.contains("Register code")),
        ),
        ("search", format!("/search/?q={QUERY}")),
        ("finder", "/search/?region=south-west".to_owned()),
        (
            "region-map",
            site.richest("regions", |h| h.contains("class=\"hexmap")),
        ),
        ("lessons", "/lessons/".to_owned()),
    ];
    b.cdp("Emulation.setScrollbarsHidden", json!({"hidden": true}));
    let dir = screenshot_folder();
    std::fs::create_dir_all(&dir).expect("create the screenshot folder");
    for (width, mobile) in [(375, true), (1280, false)] {
        for (name, path) in &pages {
            b.set_viewport(width, 900, mobile);
            open(b, server, path);
            // No caret, no hover, no focus ring: the same picture every time.
            b.eval(
                "if (document.activeElement) document.activeElement.blur(); \
                 window.scrollTo(0, 0); return true",
                json!([]),
            );
            let full = b
                .eval(
                    "return Math.ceil(document.documentElement.scrollHeight)",
                    json!([]),
                )
                .as_u64()
                .expect("page height");
            let height = u32::try_from(full).unwrap_or(u32::MAX).min(MAX_SHOT_HEIGHT);
            b.set_viewport(width, height, mobile);
            b.wait_for(
                &format!("return window.innerWidth === {width} && window.innerHeight === {height}"),
                "the viewport size",
            );
            let png = b.screenshot();
            let (w, h) = png_size(&png);
            assert_eq!((w, h), (width, height), "{name} at {width} px");
            let file = dir.join(format!("{name}-{width}.png"));
            if std::fs::read(&file).ok().as_deref() != Some(png.as_slice()) {
                std::fs::write(&file, &png).expect("write a screenshot");
            }
            eprintln!(
                "screenshot {} ({} × {}, {} KB)",
                file.display(),
                w,
                h,
                png.len() / 1024
            );
        }
    }
}

/// What sticks out sideways: the page's scroll width against the window's,
/// and the elements whose right edge passes the window, outside a region
/// that scrolls on its own (a wide table or the map in its scroll box).
const OVERFLOW: &str = r#"
const width = arguments[0];
const scrolls = el => {
  for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
    const o = getComputedStyle(e).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
  }
  return false;
};
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.right <= width + 1 || scrolls(el)) continue;
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  out.push(name + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  if (out.length >= 6) break;
}
return {scroll: document.documentElement.scrollWidth, width: window.innerWidth, out};
"#;

/// WCAG 2.2 1.4.10 (reflow): at 320 and 375 px no page type, and no case
/// study, scrolls sideways, as loaded and with every `<details>` open.
fn no_page_scrolls_sideways_at_320_or_375_px() {
    let session = browser::session(1280, 1000);
    let (b, server, site) = (&session.browser, &session.server, session.site);
    let mut paths: Vec<(String, String)> = page_types(site)
        .into_iter()
        .map(|(what, path)| (what.to_owned(), path))
        .collect();
    for path in site.html_files().iter().map(|f| site.site_path(f)) {
        if path.starts_with("/case-studies/")
            && path.len() > "/case-studies/".len()
            && !path.contains("/page/")
        {
            paths.push(("case study".to_owned(), path));
        }
    }
    let mut problems = Vec::new();
    for width in [320, 375] {
        b.set_viewport(width, 800, true);
        for (what, path) in &paths {
            open(b, server, path);
            b.eval(
                "document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; })",
                json!([]),
            );
            let r = b.eval(OVERFLOW, json!([width]));
            let (scroll, inner) = (
                r["scroll"].as_u64().unwrap_or(0),
                r["width"].as_u64().unwrap_or(0),
            );
            // Against the width asked for too: a phone's viewport could
            // widen to fit what overflows it.
            if scroll > inner || scroll > u64::from(width) {
                problems.push(format!(
                    "{what} {path} at {width} px: {scroll} px wide in {inner}: {}",
                    r["out"]
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "pages wider than the screen:\n{}",
        problems.join("\n")
    );
}

/// Printing a case study (print media emulated): the site's navigation, the
/// breadcrumbs and "Listed in" are not printed; the site's name with the
/// page's address, and the date of the facts, are.
fn print_leaves_out_navigation_and_names_the_site_and_the_date() {
    let session = browser::session(1280, 1000);
    let (b, server, site) = (&session.browser, &session.server, session.site);
    let path = site.richest("case-studies", |_| true);
    b.set_viewport(1280, 1000, false);
    open(b, server, &path);
    b.cdp("Emulation.setEmulatedMedia", json!({"media": "print"}));
    let shown = b.eval(
        "const shown = s => { const e = document.querySelector(s); \
           return e ? getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0 : null; }; \
         return {header: shown('.site-header'), footer: shown('.site-footer'), crumbs: shown('.breadcrumbs'), \
           listed: shown('.listed-in-nav'), masthead: shown('.print-masthead'), asof: shown('.as-of'), \
           text: (document.querySelector('.print-masthead') || {}).textContent || ''};",
        json!([]),
    );
    b.cdp("Emulation.setEmulatedMedia", json!({"media": ""}));
    for hidden in ["header", "footer", "crumbs", "listed"] {
        assert_eq!(
            shown[hidden],
            json!(false),
            "{hidden} is not printed: {shown}"
        );
    }
    for printed in ["masthead", "asof"] {
        assert_eq!(shown[printed], json!(true), "{printed} is printed: {shown}");
    }
    let text = shown["text"].as_str().unwrap_or_default();
    assert!(
        text.starts_with("Shared services compendium: ") && text.ends_with(&path),
        "{text}"
    );
    // On screen the masthead is not shown.
    let on_screen = b.eval(
        "return getComputedStyle(document.querySelector('.print-masthead')).display",
        json!([]),
    );
    assert_eq!(on_screen, json!("none"));
}

/// `docs/screenshots/` only when asked (`COMPENDIUM_UPDATE_SCREENSHOTS=1`),
/// else `target/screenshots/`: the tracked pictures change only on purpose.
fn screenshot_folder() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var("COMPENDIUM_UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1") {
        repo.join("docs/screenshots")
    } else {
        repo.join("target/screenshots")
    }
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(
        png.len() > 24 && png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "a PNG"
    );
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        axe_finds_no_wcag_2_2_aa_violation_on_any_page_type,
        keyboard_reaches_every_control_with_visible_focus,
        screenshots_of_the_main_page_types,
        no_page_scrolls_sideways_at_320_or_375_px,
        print_leaves_out_navigation_and_names_the_site_and_the_date,
    ]
}
