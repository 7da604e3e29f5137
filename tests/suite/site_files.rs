//! Black-box tests of the files every site has: the Atom feed, the sitemap,
//! robots.txt and 404.html; and of what every HTML page carries (title,
//! meta description, canonical URL) under a base URL with a sub-path.

use crate::support::common::*;
use std::collections::BTreeSet;
use std::path::Path;

const BASE: &str = "https://example.org/sub/";

/// Every `index.html` under `out`, as its site path (`/`, `/functions/waste/`).
fn page_paths(out: &Path) -> BTreeSet<String> {
    snapshot(out)
        .keys()
        .filter_map(|rel| rel.strip_suffix("index.html").map(|dir| format!("/{dir}")))
        .collect()
}

fn html_files(out: &Path) -> Vec<(String, String)> {
    snapshot(out)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| (rel, String::from_utf8(bytes).expect("HTML is UTF-8")))
        .collect()
}

fn atom_feed_holds_the_newest_fifty_by_date() {
    let site = TestSite::new("atom");
    for i in 1..=55 {
        let text = CaseStudyText::new(&format!("Case study {i:02}"))
            .date(&format!(
                "2011-{:02}-{:02}",
                (i - 1) / 28 + 1,
                (i - 1) % 28 + 1
            ))
            .render();
        site.case_study(&format!("cs-{i:02}"), &text);
    }
    let out = site.build_ok(Some(BASE));
    let xml = read(&out, "atom.xml");
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(
        xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""),
        "{xml}"
    );

    let entries = elements(&xml, "entry");
    assert_eq!(entries.len(), 50, "the feed holds the newest 50");
    let titles: Vec<String> = entries.iter().map(|e| first_text(e, "title")).collect();
    let expected: Vec<String> = (6..=55)
        .rev()
        .map(|i| format!("Case study {i:02}"))
        .collect();
    assert_eq!(titles, expected, "newest first, the five oldest left out");

    let first = &entries[0];
    assert!(
        first.contains("<link href=\"https://example.org/sub/case-studies/cs-55/\""),
        "{first}"
    );
    assert!(first.contains("2011-02-27"), "{first}");
    assert!(
        xml.contains("<updated>2011-02-27"),
        "the feed's updated date is the newest case study's"
    );
    assert!(
        xml.contains("href=\"https://example.org/sub/atom.xml\""),
        "self link: {xml}"
    );
}

/// The feed's page says what the feed is, its address and how many case
/// studies it holds; the footer of every page leads to it.
fn the_feed_has_a_page_that_says_what_it_holds() {
    let site = TestSite::new("feed-page");
    many_case_studies(&site, 3);
    let out = site.build_ok(Some(BASE));
    let page = Page::parse(&read(&out, "feed/index.html"));
    let main = html::text(page.select("main")[0]);
    assert!(main.contains("https://example.org/sub/atom.xml"), "{main}");
    assert!(
        main.contains("Every case study: all 3, newest first by the date each was written"),
        "{main}"
    );
    assert!(!main.contains("placeholder"), "{main}");
    let home = Page::parse(&read(&out, "index.html"));
    assert_eq!(
        home.select("footer a[href='/sub/feed/']").len(),
        1,
        "the footer links the feed's page"
    );
}

/// Without `base_url`, one warning names the setting; pages and the open
/// data link by path (no canonical link to a placeholder host); the feed
/// says it was written for a placeholder. With it, no warning and
/// absolute addresses.
fn a_build_without_base_url_warns_once_and_links_by_path() {
    let site = rich_site("no-base-url");
    let out = site.dir.join("plain");
    let run = site.build_into(&out, None);
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(
        run.stderr.matches("warning[no-base-url]").count(),
        1,
        "one warning: {run}"
    );
    assert!(run.stderr.contains("`base_url` is not set"), "{run}");
    assert!(
        run.stderr.contains("content/site.yaml") || run.stderr.contains("content/"),
        "{run}"
    );
    for (rel, html) in html_files(&out) {
        assert!(
            !html.contains("rel=\"canonical\""),
            "{rel}: a canonical link to a placeholder"
        );
        assert!(
            !html.contains("127.0.0.1:8000/case-studies"),
            "{rel} links a placeholder host"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "data/case-studies.json")).expect("JSON");
    let urls: Vec<&str> = json
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|c| c["url"].as_str())
        .collect();
    assert!(!urls.is_empty());
    for url in &urls {
        assert!(url.starts_with("/case-studies/"), "{url}");
    }
    let csv = read(&out, "data/case-studies.csv");
    assert!(!csv.contains("127.0.0.1"), "{csv}");
    assert!(csv.contains(",/case-studies/alpha/"), "{csv}");
    let feed_page = html::text(Page::parse(&read(&out, "feed/index.html")).select("main")[0]);
    assert!(feed_page.contains("placeholder"), "{feed_page}");

    let with = site.dir.join("with");
    let run = site.build_into(&with, Some(BASE));
    assert_eq!(run.code, Some(0), "{run}");
    assert!(!run.stderr.contains("warning[no-base-url]"), "{run}");
    let json: serde_json::Value =
        serde_json::from_str(&read(&with, "data/case-studies.json")).expect("JSON");
    assert!(
        json[0]["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://example.org/sub/case-studies/")),
        "{json}"
    );
}

fn sitemap_lists_every_page_and_nothing_else() {
    let site = rich_site("sitemap");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\n\nAbout this compendium.\n",
    );
    let out = site.build_ok(Some(BASE));
    let xml = read(&out, "sitemap.xml");
    assert!(
        xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"),
        "{xml}"
    );
    let locs: BTreeSet<String> = elements(&xml, "loc").iter().map(|l| text_of(l)).collect();
    let pages: BTreeSet<String> = page_paths(&out)
        .iter()
        .map(|p| format!("https://example.org/sub{p}"))
        .collect();
    assert!(
        pages.contains("https://example.org/sub/about/"),
        "the plain page was not built"
    );
    assert!(pages.contains("https://example.org/sub/case-studies/alpha/"));
    let missing: Vec<_> = pages.difference(&locs).collect();
    let extra: Vec<_> = locs.difference(&pages).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "pages not in the sitemap: {missing:?}; sitemap URLs with no page: {extra:?}"
    );
}

fn robots_txt_allows_crawling_and_names_the_sitemap() {
    let site = rich_site("robots");
    let out = site.build_ok(Some(BASE));
    let robots = read(&out, "robots.txt");
    assert!(robots.contains("User-agent: *"), "{robots}");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://example.org/sub/sitemap.xml"),
        "{robots}"
    );
    assert!(
        !robots.lines().any(|l| l.trim() == "Disallow: /"),
        "{robots}"
    );
}

fn not_found_page_exists_and_links_inside_the_site() {
    let site = rich_site("404");
    let out = site.build_ok(Some(BASE));
    let html = read(&out, "404.html");
    assert!(!first_text(&html, "title").is_empty());
    assert!(
        text_of(&html).to_lowercase().contains("not found"),
        "{html}"
    );
    // A 404 page is served at any depth, so its links must be absolute paths.
    for h in hrefs(&html) {
        assert!(
            !h.starts_with("../") && !h.starts_with("./"),
            "relative link {h} on 404.html"
        );
    }
    assert!(
        hrefs(&html).iter().any(|h| h == "/sub/case-studies/"),
        "{:?}",
        hrefs(&html)
    );
}

fn every_html_page_has_title_description_and_canonical_url() {
    let site = rich_site("meta");
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\nsummary: What this is.\n---\n\nAbout this compendium.\n",
    );
    let out = site.build_ok(Some(BASE));
    let files = html_files(&out);
    assert!(files.len() > 20, "expected many pages, got {}", files.len());
    for (rel, html) in &files {
        let page = Page::parse(html);
        // Inline SVG (maps, charts) has <title>s of its own: count the head's.
        let title = page.select("head > title");
        assert_eq!(title.len(), 1, "{rel}: one <title>");
        assert!(!html::text(title[0]).is_empty(), "{rel}: empty <title>");

        let descriptions = page.select(r#"meta[name="description"]"#);
        assert_eq!(descriptions.len(), 1, "{rel}: one meta description");
        assert!(
            descriptions[0]
                .value()
                .attr("content")
                .is_some_and(|c| !c.trim().is_empty()),
            "{rel}: empty meta description"
        );

        if let Some(dir) = rel.strip_suffix("index.html") {
            let canonical: Vec<&str> = page
                .select(r#"link[rel="canonical"]"#)
                .iter()
                .filter_map(|l| l.value().attr("href"))
                .collect();
            assert_eq!(
                canonical,
                vec![format!("https://example.org/sub/{dir}")],
                "{rel}: one canonical link, with its URL"
            );
        }
    }
    // The case study's description is its summary.
    let alpha = read(&out, "case-studies/alpha/index.html");
    assert!(
        alpha.contains("<meta name=\"description\" content=\"Alpha District Council and Beta Borough Council run one waste and procurement service with a private recycler.\">"),
        "case study meta description"
    );
}

fn internal_links_carry_the_base_path_and_lead_to_files_that_exist() {
    let site = rich_site("base-path");
    let out = site.build_ok(Some(BASE));
    for (rel, html) in html_files(&out) {
        let mut targets = hrefs(&html);
        targets.extend(attr_values(&html, "src"));
        targets.extend(attr_values(&html, "action"));
        for t in targets {
            if t.starts_with("//") || !t.starts_with('/') {
                assert!(
                    !t.starts_with("../") && !t.starts_with("./"),
                    "{rel}: relative link {t}"
                );
                continue;
            }
            let path = t.split(['?', '#']).next().unwrap_or("");
            let inside = path
                .strip_prefix("/sub/")
                .unwrap_or_else(|| panic!("{rel}: internal link {t} lacks the /sub/ base path"));
            let file = if inside.is_empty() || inside.ends_with('/') {
                out.join(inside).join("index.html")
            } else {
                out.join(inside)
            };
            assert!(
                file.is_file(),
                "{rel}: link {t} leads to nothing ({} missing)",
                file.display()
            );
        }
    }
    let alpha = read(&out, "case-studies/alpha/index.html");
    assert!(
        links(&alpha).contains(&(
            "/sub/case-studies/delta/".into(),
            "the Delta arrangement".into()
        )),
        "Markdown link between case studies"
    );
    assert!(
        links(&alpha).contains(&(
            "/sub/functions/waste/".into(),
            "other waste services".into()
        )),
        "a root-relative link in a body"
    );
}

fn base_url_without_trailing_slash_is_the_same_site() {
    let site = rich_site("base-slash");
    let with = site.build_ok(Some("https://example.org/sub/"));
    let with = snapshot(&with);
    let out2 = site.dir.join("out2");
    let run = site.build_into(&out2, Some("https://example.org/sub"));
    assert_eq!(run.code, Some(0), "{run}");
    assert_same_files(&with, &snapshot(&out2));
}

/// Canonical URLs and sitemap entries, for a base URL whose path is a prefix
/// of the site's own paths (`/data/` hosts a `/data/` page; `/c/` is a prefix
/// of `/case-studies/`).
fn base_path_that_prefixes_a_site_path_is_added_once_and_never_stripped() {
    for (base, base_path) in [
        ("https://example.org/data/", "/data/"),
        ("https://example.org/c/", "/c/"),
    ] {
        let site = rich_site("base-prefix");
        let out = site.build_ok(Some(base));
        for dir in ["data/", "case-studies/", "case-studies/alpha/", ""] {
            let html = read(&out, &format!("{dir}index.html"));
            let canonical: Vec<&str> = html
                .lines()
                .filter(|l| l.contains("rel=\"canonical\""))
                .collect();
            assert_eq!(
                hrefs(canonical[0]),
                vec![format!("{base}{dir}")],
                "canonical URL of /{dir} under {base}"
            );
        }
        let xml = read(&out, "sitemap.xml");
        let locs: Vec<String> = elements(&xml, "loc").iter().map(|l| text_of(l)).collect();
        let unique: BTreeSet<&String> = locs.iter().collect();
        assert_eq!(
            unique.len(),
            locs.len(),
            "the sitemap lists a URL twice under {base}"
        );
        let pages: BTreeSet<String> = page_paths(&out)
            .iter()
            .map(|p| format!("{}{}", base.trim_end_matches('/'), p))
            .collect();
        let locs: BTreeSet<String> = locs.into_iter().collect();
        assert_eq!(locs, pages, "sitemap under {base}");
        let json: serde_json::Value =
            serde_json::from_str(&read(&out, "data/case-studies.json")).expect("JSON");
        let alpha = json
            .as_array()
            .expect("array")
            .iter()
            .find(|r| r["slug"] == "alpha")
            .expect("alpha");
        assert_eq!(alpha["url"], format!("{base}case-studies/alpha/"));
        let home = read(&out, "index.html");
        assert!(
            hrefs(&home).contains(&format!("{base_path}case-studies/alpha/")),
            "internal link under {base}"
        );
    }
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        atom_feed_holds_the_newest_fifty_by_date,
        the_feed_has_a_page_that_says_what_it_holds,
        a_build_without_base_url_warns_once_and_links_by_path,
        sitemap_lists_every_page_and_nothing_else,
        robots_txt_allows_crawling_and_names_the_sitemap,
        not_found_page_exists_and_links_inside_the_site,
        every_html_page_has_title_description_and_canonical_url,
        internal_links_carry_the_base_path_and_lead_to_files_that_exist,
        base_url_without_trailing_slash_is_the_same_site,
        base_path_that_prefixes_a_site_path_is_added_once_and_never_stripped,
    ]
}
