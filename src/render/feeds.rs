//! Atom feed (the newest [`FEED_SIZE`] by the date written), sitemap and
//! robots.txt. Written directly, with every value XML-escaped.

use crate::model::{Route, Site};
use std::fmt::Write as _;

pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// How many case studies the feed holds: the newest by the date they were
/// written (`date`), then by title. A feed reader keeps what it has seen, so
/// the feed need only hold what is new; its page says how many it holds.
pub const FEED_SIZE: usize = 50;

pub fn atom(site: &Site) -> String {
    let feed_url = site.permalink(&Route::Atom);
    let home = site.permalink(&Route::Home);
    let updated = site
        .latest_case_studies()
        .first()
        .map(|&id| site.case_study(id).matter.date.rfc3339())
        .unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n  <link href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n",
        xml_escape(&site.settings().language),
        xml_escape(&site.settings().title),
        xml_escape(&site.settings().description),
        xml_escape(&feed_url),
        xml_escape(&home),
        xml_escape(&home),
        updated
    );
    for &id in site.latest_case_studies().iter().take(FEED_SIZE) {
        let c = site.case_study(id);
        let url = site.permalink(&Route::CaseStudy(id));
        let _ = write!(
            out,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n",
            xml_escape(&c.matter.title),
            xml_escape(&url),
            xml_escape(&url),
            c.matter.date.rfc3339(),
            xml_escape(&site.settings().title),
            xml_escape(&c.matter.summary)
        );
        for f in &c.matter.functions {
            let _ = writeln!(
                out,
                "    <category term=\"{}\" label=\"{}\"/>",
                xml_escape(f),
                xml_escape(
                    site.vocabulary()
                        .label(crate::content::vocabulary::Kind::Function, f)
                )
            );
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

pub fn sitemap(site: &Site) -> String {
    let mut paths: Vec<String> = site
        .routes()
        .iter()
        .filter(|r| r.in_sitemap())
        .map(|r| site.path(r))
        .collect();
    paths.sort();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        let _ = writeln!(
            out,
            "  <url><loc>{}</loc></url>",
            xml_escape(&site.absolute_url(&p))
        );
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.permalink(&Route::Sitemap)
    )
}
