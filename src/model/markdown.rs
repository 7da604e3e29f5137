//! Markdown bodies to HTML with pulldown-cmark (CommonMark, tables, footnotes,
//! smart punctuation). Raw HTML is shown as text, never passed through, and
//! link schemes are restricted, so no content can put script into a page.
//! Links to other content are rewritten to their URLs and recorded with their
//! positions so the build can check that each target exists. What a link
//! leads to is asked of a [`Links`] (the model, which owns every route), so
//! this module knows Markdown and no URL of the site.

use crate::content::frontmatter::position_at;
use crate::diagnostics::{Code, Position};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::path::{Path, PathBuf};

/// What a body needs to know to resolve its links.
pub trait Links {
    /// The site path of the page being rendered, e.g. `/case-studies/a/`.
    fn page_path(&self) -> &str;
    /// The site path of the case study with this slug, if there is one.
    fn case_study(&self, slug: &str) -> Option<String>;
    /// The site path of the content page with this slug, if there is one.
    fn page(&self, slug: &str) -> Option<String>;
    /// A site path as a link: with the base path.
    fn url(&self, site_path: &str) -> String;
}

/// An internal link found in a body, as a site path (without the base path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    pub path: String,
    pub written: String,
    pub pos: Position,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The text without markup, for search. A one-off build moves a case
    /// study's out for the search index (`Site::take_body_texts`), leaving
    /// this empty.
    pub text: String,
    pub links: Vec<InternalLink>,
    /// Problems found while rendering (bad link schemes, missing `.md`
    /// targets): code, place, message, help, and the files it is also
    /// about (those a missing target would be).
    pub problems: Vec<(Code, Position, String, String, Vec<PathBuf>)>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
}

/// Renders `body`, which starts at byte `body_offset` of `file_text`.
pub fn render(file_text: &str, body_offset: usize, ctx: &dyn Links) -> Rendered {
    let body = &file_text[body_offset..];
    let mut out = Rendered::default();
    let mut events = Vec::new();
    let mut tables = 0;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let pos = || position_at(file_text, body_offset + range.start);
        let event = match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite_dest(dest_url, pos(), ctx, &mut out);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite_dest(dest_url, pos(), ctx, &mut out);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        };
        collect_text(&event, &mut out.text);
        // A wide table scrolls inside a focusable region, so keyboard users
        // can scroll it too (these wrappers are ours, never content's).
        match &event {
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table {tables}\" tabindex=\"0\">"
                ))));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html(CowStr::from("</div>")));
            }
            _ => events.push(event),
        }
    }
    html::push_html(&mut out.html, events.into_iter());
    // CommonMark: U+0000 is replaced by U+FFFD, never passed on.
    if out.html.contains('\0') {
        out.html = out.html.replace('\0', "\u{FFFD}");
    }
    out.text = collapse_whitespace(&out.text.replace('\0', "\u{FFFD}"));
    out
}

fn collect_text(event: &Event, text: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
            text.push(' ')
        }
        _ => {}
    }
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

fn rewrite_dest<'a>(
    dest: CowStr<'a>,
    pos: Position,
    ctx: &dyn Links,
    out: &mut Rendered,
) -> CowStr<'a> {
    let written = dest.to_string();
    let trimmed = written.trim();
    if trimmed.starts_with('#') || trimmed.is_empty() {
        return dest;
    }
    if let Some(scheme) = scheme_of(trimmed) {
        if ALLOWED_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
            return dest;
        }
        out.problems.push((
            Code::LinkScheme,
            pos,
            format!("link scheme `{scheme}:` is not allowed"),
            "links may use http, https, mailto or tel; remove the link or give a web address"
                .into(),
            Vec::new(),
        ));
        return CowStr::from("#");
    }
    if trimmed.starts_with("//") {
        return dest;
    }
    let (path_part, fragment) = match trimmed.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (trimmed, None),
    };
    let site_path = if path_part.ends_with(".md") {
        match resolve_markdown_link(path_part, ctx) {
            Some(p) => p,
            None => {
                out.problems.push((
                    Code::BrokenLink,
                    pos,
                    format!("link to `{path_part}`, which is not a case study or page"),
                    "check the file name; links between case studies look like `[text](other-slug.md)`".into(),
                    markdown_link_files(path_part),
                ));
                return dest;
            }
        }
    } else {
        resolve_relative(ctx.page_path(), path_part)
    };
    out.links.push(InternalLink {
        path: site_path.clone(),
        written: written.clone(),
        pos,
    });
    let mut url = ctx.url(&site_path);
    if let Some(f) = fragment {
        url.push('#');
        url.push_str(f);
    }
    CowStr::from(url)
}

/// The scheme of an absolute URL (`https` in `https://x`), if it has one.
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let valid = !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A colon after a slash (`a/b:c`) is part of a path, not a scheme.
    (valid && !url[..colon].contains('/')).then_some(scheme)
}

/// The content files a `.md` link can lead to, as display paths: the case
/// study and the page of that file name (one of them when the link names
/// its folder). Deleting or renaming one of them breaks the link.
fn markdown_link_files(path: &str) -> Vec<PathBuf> {
    let Some(slug) = path.rsplit('/').next().and_then(|f| f.strip_suffix(".md")) else {
        return Vec::new();
    };
    let file = format!("{slug}.md");
    let mut files = Vec::new();
    if !path.contains("pages/") {
        files.push(Path::new("content/case-studies").join(&file));
    }
    if !path.contains("case-studies/") {
        files.push(Path::new("content/pages").join(&file));
    }
    files
}

/// `other.md`, `../other.md`, `../case-studies/other.md`, `../pages/about.md`.
fn resolve_markdown_link(path: &str, ctx: &dyn Links) -> Option<String> {
    let file = path.rsplit('/').next()?;
    let slug = file.strip_suffix(".md")?;
    let in_pages = path.contains("pages/");
    let in_case_studies = path.contains("case-studies/");
    let case_study = (!in_pages).then(|| ctx.case_study(slug)).flatten();
    case_study.or_else(|| (!in_case_studies).then(|| ctx.page(slug)).flatten())
}

/// Resolves a link relative to the current page's URL path into a site path.
pub fn resolve_relative(page_path: &str, link: &str) -> String {
    let joined = if link.starts_with('/') {
        link.to_owned()
    } else {
        let dir = match page_path.rfind('/') {
            Some(i) => &page_path[..=i],
            None => "/",
        };
        format!("{dir}{link}")
    };
    let trailing = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Case studies `a` and `b`, the page `about`, rendering `a`.
    struct TestLinks;

    impl Links for TestLinks {
        fn page_path(&self) -> &str {
            "/case-studies/a/"
        }
        fn case_study(&self, slug: &str) -> Option<String> {
            matches!(slug, "a" | "b").then(|| format!("/case-studies/{slug}/"))
        }
        fn page(&self, slug: &str) -> Option<String> {
            (slug == "about").then(|| "/about/".into())
        }
        fn url(&self, site_path: &str) -> String {
            site_path.to_owned()
        }
    }

    #[test]
    fn raw_html_is_escaped() {
        let r = render(
            "<script>alert(1)</script>\n\nHi <b onclick=x>there</b>",
            0,
            &TestLinks,
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<b "), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
    }

    #[test]
    fn javascript_links_are_refused() {
        let r = render(
            "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1))",
            0,
            &TestLinks,
        );
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
        assert_eq!(r.problems.len(), 2);
    }

    #[test]
    fn markdown_links_resolve_to_urls() {
        let text =
            "---\nx: 1\n---\nSee [b](../b.md), [about](../pages/about.md#top) and [c](c.md).\n";
        let offset = text.find("See").unwrap();
        let r = render(text, offset, &TestLinks);
        assert!(r.html.contains("href=\"/case-studies/b/\""), "{}", r.html);
        assert!(r.html.contains("href=\"/about/#top\""), "{}", r.html);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].1, Position::new(4, 54));
    }

    #[test]
    fn relative_paths_resolve() {
        assert_eq!(
            resolve_relative("/case-studies/a/", "../b/"),
            "/case-studies/b/"
        );
        assert_eq!(
            resolve_relative("/case-studies/a/", "/functions/waste/"),
            "/functions/waste/"
        );
        assert_eq!(resolve_relative("/about/", "../../../x/"), "/x/");
    }

    #[test]
    fn tables_footnotes_and_smart_quotes() {
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n\"Quote\" it's[^1]\n\n[^1]: Note.\n",
            0,
            &TestLinks,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("“Quote”"));
        assert!(r.html.contains("footnote"));
        assert!(r.text.contains("Quote"));
    }
}
