//! Horizontal bar charts as inline SVG, drawn at build time.
//!
//! Each bar has its label on a line of its own above it (wrapped, never cut),
//! and its formatted value just past its end, so long labels and narrow
//! screens both work. The chart scales to its container (`viewBox`, `width`
//! 100%); text is drawn at 15 units in a 400-unit-wide view: 12 px on a
//! 320 px phone, 15 px at 400 px, 19 px at 512 px (a theme should cap the
//! width through the `bar-chart` class, e.g. `max-width: 32rem`).
//!
//! Accessibility: named by its `<title>`, described by its `<desc>` (the
//! caller's description, then [`text_alternative`]: how many bars and the
//! largest values). Without links it has `role="img"`; with links
//! `role="group"`, since the children of an `img` are presentational and the
//! links would be hidden from assistive technology. A linked bar is one `<a>`
//! whose accessible name is its label and value. Text is `#0b0c0c` on white
//! (19:1), link labels `currentColor` (the theme's link colour, `#1d70b8`
//! standalone, 5.2:1), bars `#1d70b8` (5.2:1 against white). Callers should
//! render the same data as an HTML table beside the chart.

use super::svg::{esc, num};
use std::fmt::Write as _;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// Length; negative and NaN values are drawn as zero.
    pub value: f64,
    /// The value as shown: "12", "£1.2m".
    pub display: String,
    pub href: Option<String>,
}

const WIDTH: f64 = 400.0;
const PAD: f64 = 8.0;
const FONT: f64 = 15.0;
/// Average character width assumed for wrapping and value space (generous
/// for a sans-serif face).
const CHAR: f64 = FONT * 0.6;
const LINE: f64 = 19.0;
const BAR_H: f64 = 18.0;
const ROW_GAP: f64 = 12.0;
const BAR: &str = "#1d70b8";
const TEXT: &str = "#0b0c0c";

/// The chart as an inline SVG. `id` prefixes the element ids (`<id>-title`,
/// `<id>-desc`) and must be unique on the page. Bars are drawn in the order
/// given. Deterministic; every text XML-escaped.
pub fn bar_chart_svg(id: &str, title: &str, description: &str, bars: &[Bar]) -> String {
    let id = esc(id);
    let max = bars.iter().map(|b| length(b.value)).fold(0.0, f64::max);
    let widest_value = bars
        .iter()
        .map(|b| b.display.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let reserve = (widest_value * CHAR + 6.0).min(WIDTH * 0.4);
    let span = WIDTH - 2.0 * PAD - reserve;
    let chars_per_line = ((WIDTH - 2.0 * PAD) / CHAR).floor() as usize;

    let mut body = String::new();
    let mut y = PAD;
    for bar in bars {
        let lines = wrap(&bar.label, chars_per_line);
        let mut row = String::new();
        let (fill, decoration) = if bar.href.is_some() {
            ("currentColor", r#" text-decoration="underline""#)
        } else {
            (TEXT, "")
        };
        let _ = write!(row, r#"<text fill="{fill}"{decoration}>"#);
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                row,
                r#"<tspan x="{}" y="{}">{}</tspan>"#,
                num(PAD),
                num(y + FONT + LINE * k as f64 - 3.0),
                esc(line)
            );
        }
        row.push_str("</text>");
        let bar_y = y + LINE * lines.len() as f64 + 2.0;
        let v = length(bar.value);
        let w = if max > 0.0 && v > 0.0 {
            (v / max * span).max(1.0)
        } else {
            0.0
        };
        if w > 0.0 {
            let _ = write!(
                row,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{BAR}"/>"#,
                num(PAD),
                num(bar_y),
                num(w),
                num(BAR_H)
            );
        }
        let _ = write!(
            row,
            r#"<text x="{}" y="{}" fill="{TEXT}">{}</text>"#,
            num(PAD + w + 6.0),
            num(bar_y + BAR_H / 2.0 + FONT * 0.35),
            esc(&bar.display)
        );
        match &bar.href {
            Some(href) => {
                let _ = write!(body, r#"<a href="{}">{row}</a>"#, esc(href));
            }
            None => {
                let _ = write!(body, "<g>{row}</g>");
            }
        }
        y = bar_y + BAR_H + ROW_GAP;
    }
    if bars.is_empty() {
        let _ = write!(
            body,
            r#"<text x="{}" y="{}" fill="{TEXT}">No data</text>"#,
            num(PAD),
            num(PAD + FONT)
        );
        y = PAD + LINE + ROW_GAP;
    }
    let height = y - ROW_GAP + PAD;

    let role = if bars.iter().any(|b| b.href.is_some()) {
        "group"
    } else {
        "img"
    };
    let alternative = text_alternative(bars);
    let desc = if description.trim().is_empty() {
        alternative
    } else {
        format!("{} {alternative}", description.trim())
    };
    let mut svg = String::with_capacity(body.len() + 400);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" id="{id}" viewBox="0 0 {} {}" width="100%" role="{role}" aria-labelledby="{id}-title {id}-desc" font-size="{}">"#,
        num(WIDTH),
        num(height),
        num(FONT)
    );
    let _ = write!(
        svg,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(title),
        esc(&desc)
    );
    svg.push_str(&body);
    svg.push_str("</svg>");
    svg
}

/// A sentence summarising the bars for readers who cannot see the chart:
/// how many, and the largest three (all of them when there are three or
/// fewer), with the smallest when there are more than three. Ties keep the
/// given order.
pub fn text_alternative(bars: &[Bar]) -> String {
    if bars.is_empty() {
        return "No data.".into();
    }
    let mut order: Vec<&Bar> = bars.iter().collect();
    order.sort_by(|a, b| length(b.value).total_cmp(&length(a.value)));
    let item = |b: &Bar| format!("{} ({})", b.label.trim(), b.display.trim());
    let list = |items: &[&Bar]| {
        let parts: Vec<String> = items.iter().map(|b| item(b)).collect();
        match parts.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    };
    let n = bars.len();
    let noun = if n == 1 { "bar" } else { "bars" };
    if n <= 3 {
        let lead = if n == 1 { "" } else { ", largest first" };
        format!("{n} {noun}{lead}: {}.", list(&order))
    } else {
        format!(
            "{n} {noun}. Largest: {}. Smallest: {}.",
            list(&order[..3]),
            item(order[n - 1])
        )
    }
}

/// A bar's drawn length: negative and NaN values are zero.
fn length(v: f64) -> f64 {
    if v.is_nan() || v < 0.0 { 0.0 } else { v }
}

/// Greedy word wrap; words longer than a line are split.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        if word.is_empty() {
            continue;
        }
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A minimal well-formedness check for the SVG tests of this module and
/// [`super::map`].
#[cfg(test)]
pub(crate) mod xml_check {
    /// Balanced tags, quoted attributes, only the five predefined entities.
    /// Returns the names of the elements in document order.
    pub fn check_xml(s: &str) -> Vec<String> {
        let mut stack: Vec<String> = Vec::new();
        let mut opened = Vec::new();
        let mut rest = s;
        while let Some(lt) = rest.find('<') {
            check_text(&rest[..lt]);
            let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
            let tag = &rest[lt + 1..gt];
            rest = &rest[gt + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
                continue;
            }
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name: String = tag.chars().take_while(|c| !c.is_whitespace()).collect();
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
                "bad element name in <{tag}>"
            );
            let mut attrs = tag[name.len()..].trim();
            let mut names = Vec::new();
            while !attrs.is_empty() {
                let eq = attrs.find("=\"").expect("attribute without =\"");
                let attr = &attrs[..eq];
                assert!(
                    !attr.is_empty() && !attr.contains(char::is_whitespace),
                    "bad attribute `{attr}`"
                );
                assert!(!names.contains(&attr), "duplicate attribute `{attr}`");
                names.push(attr);
                let end = attrs[eq + 2..].find('"').expect("unquoted attribute") + eq + 2;
                let value = &attrs[eq + 2..end];
                assert!(!value.contains('<'), "< in attribute");
                check_text(value);
                attrs = attrs[end + 1..].trim_start();
            }
            opened.push(name.clone());
            if !self_closing {
                stack.push(name);
            }
        }
        check_text(rest);
        assert!(stack.is_empty(), "unclosed: {stack:?}");
        opened
    }

    fn check_text(t: &str) {
        let mut rest = t;
        while let Some(amp) = rest.find('&') {
            let semi = rest[amp..].find(';').expect("bare &") + amp;
            let entity = &rest[amp..=semi];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity),
                "entity {entity}"
            );
            rest = &rest[semi + 1..];
        }
    }

    #[test]
    fn the_checker_catches_mistakes() {
        assert_eq!(check_xml(r#"<a x="1"><b/>t &amp; u</a>"#), ["a", "b"]);
        for bad in [
            "<a><b></a></b>",
            "<a>",
            "<a x=1></a>",
            "<a>&nbsp;</a>",
            "<a>x & y</a>",
            r#"<a x="1" x="2"></a>"#,
        ] {
            assert!(
                std::panic::catch_unwind(|| check_xml(bad)).is_err(),
                "{bad} passed"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::xml_check::check_xml;
    use super::*;

    fn bar(label: &str, value: f64, href: Option<&str>) -> Bar {
        Bar {
            label: label.into(),
            value,
            display: format!("{value}"),
            href: href.map(Into::into),
        }
    }

    #[test]
    fn a_chart_is_accessible_well_formed_and_deterministic() {
        let bars = vec![
            bar("Waste & recycling", 12.0, Some("/functions/waste/?a=1&b=2")),
            bar("ICT", 9.0, Some("/functions/ict/")),
            bar("Legal <services>", 4.0, None),
            bar("Revenues and benefits", 0.0, None),
        ];
        let svg = bar_chart_svg("chart-fn", "Case studies by \"function\"", "Counts.", &bars);
        let tags = check_xml(&svg);
        assert_eq!(tags[0], "svg");
        assert!(svg.contains(r#"role="group" aria-labelledby="chart-fn-title chart-fn-desc""#));
        assert!(svg.contains(r#"viewBox="0 0 400 "#) && svg.contains(r#"width="100%""#));
        assert!(svg.contains(
            r#"<title id="chart-fn-title">Case studies by &quot;function&quot;</title>"#
        ));
        assert!(svg.contains(
            "<desc id=\"chart-fn-desc\">Counts. 4 bars. Largest: Waste &amp; recycling (12), ICT (9) and Legal &lt;services&gt; (4). Smallest: Revenues and benefits (0).</desc>"
        ));
        assert_eq!(svg.matches("<a href=").count(), 2);
        assert!(svg.contains(r#"<a href="/functions/waste/?a=1&amp;b=2">"#));
        // Three visible bars (the zero one has none), four values.
        assert_eq!(tags.iter().filter(|t| *t == "rect").count(), 3);
        assert!(svg.contains(">12</text>") && svg.contains(">0</text>"));
        // The longest bar spans the room left after the widest value.
        assert!(svg.contains(r#"width="360""#), "{svg}");
        assert_eq!(
            svg,
            bar_chart_svg("chart-fn", "Case studies by \"function\"", "Counts.", &bars)
        );
        for n in svg.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
            if let Some((_, frac)) = n.split_once('.') {
                assert!(frac.len() <= 2, "{n}");
            }
        }
    }

    #[test]
    fn without_links_it_is_an_image() {
        let svg = bar_chart_svg("c", "T", "", &[bar("A", 1.0, None), bar("B", 2.0, None)]);
        check_xml(&svg);
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains("<desc id=\"c-desc\">2 bars, largest first: B (2) and A (1).</desc>"));
        assert!(!svg.contains("<a "));
    }

    #[test]
    fn empty_odd_and_long_inputs() {
        let svg = bar_chart_svg("e", "Empty", "Nothing yet.", &[]);
        check_xml(&svg);
        assert!(svg.contains("No data"));
        assert!(svg.contains("Nothing yet. No data."));

        let odd = [
            bar("Neg", -5.0, None),
            bar("NaN", f64::NAN, None),
            bar("Tiny", 1e-9, None),
        ];
        let svg = bar_chart_svg("o", "Odd", "", &odd);
        check_xml(&svg);
        assert_eq!(
            svg.matches("<rect").count(),
            1,
            "only the positive value has a bar"
        );
        assert!(!svg.contains("NaN\""), "no NaN coordinates");
        assert!(!svg.contains("inf"));

        let long =
            "Shared chief executive, management team and senior officers across two districts";
        let svg = bar_chart_svg("l", "Long", "", &[bar(long, 3.0, None)]);
        check_xml(&svg);
        assert!(svg.matches("<tspan").count() >= 2, "long labels wrap");
        let words: Vec<&str> = long.split(' ').collect();
        for w in words {
            assert!(svg.contains(&esc(w)));
        }
    }

    #[test]
    fn text_alternatives() {
        assert_eq!(text_alternative(&[]), "No data.");
        assert_eq!(text_alternative(&[bar("A", 1.0, None)]), "1 bar: A (1).");
        let bars = [
            bar("A", 1.0, None),
            bar("B", 5.0, None),
            bar("C", 5.0, None),
            bar("D", 3.0, None),
            bar("E", 0.5, None),
        ];
        assert_eq!(
            text_alternative(&bars),
            "5 bars. Largest: B (5), C (5) and D (3). Smallest: E (0.5)."
        );
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 10), [""]);
    }
}
