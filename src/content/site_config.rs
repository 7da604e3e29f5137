//! `content/site.yaml`: optional site settings and vocabulary additions.

use crate::content::Slug;
use crate::content::fields::Reporter;
use crate::content::vocabulary::{Kind, Term, Vocabulary};
use crate::content::yaml::Node;
use crate::diagnostics::{Code, Diagnostic, Origin};
use serde::Serialize;

const FIELDS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "licence",
    "functions",
    "regions",
    "models",
    "tags",
    "thesaurus",
];
const TERM_FIELDS: &[&str] = &["slug", "label", "group", "code", "description"];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute URL the site is served from, ending in `/`.
    pub base_url: String,
    /// Was `base_url` given (in `site.yaml` or as `--base-url`)? If not, it
    /// is a placeholder: pages and data link by path alone, and only the
    /// feed, the sitemap and `robots.txt` carry it.
    pub base_url_given: bool,
    pub language: String,
    pub theme: String,
    /// The licence the open data is published under.
    pub licence: String,
    /// Search: a word (lower case) and what else it may be written as,
    /// added to the bundled thesaurus.
    pub thesaurus: Vec<(String, String)>,
}

pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8000/";

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Shared services compendium".into(),
            description: "Case studies of councils sharing services and management: who shares what with whom, and what it saved.".into(),
            base_url: DEFAULT_BASE_URL.into(),
            base_url_given: false,
            language: "en-GB".into(),
            theme: "default".into(),
            licence: "Open Government Licence v3.0".into(),
            thesaurus: Vec::new(),
        }
    }
}

/// Reads `site.yaml` into settings and the extended vocabulary.
pub fn read(root: &Node, r: &mut Reporter) -> (SiteConfig, Vocabulary) {
    let mut config = SiteConfig::default();
    let mut vocab = Vocabulary::default();
    let Some(mut f) = r.root_fields(root, "site.yaml", "title: \"My compendium\"") else {
        return (config, vocab);
    };
    let text = |f: &mut crate::content::fields::Fields,
                r: &mut Reporter,
                name: &str,
                target: &mut String| {
        if let Some(v) = f.optional(name).and_then(|n| r.text(n, name)) {
            *target = v;
        }
    };
    text(&mut f, r, "title", &mut config.title);
    text(&mut f, r, "description", &mut config.description);
    text(&mut f, r, "language", &mut config.language);
    if let Some(node) = f.optional("theme")
        && let Some(name) = r.text(node, "theme")
    {
        // A path (`/etc`, `../x`) would read a folder outside themes/ and
        // publish its files as the theme's.
        if !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', ':']) {
            config.theme = name;
        } else {
            r.error(
                Code::ThemeNotFound,
                node.pos,
                format!("theme `{name}` is not the name of a folder under themes/"),
                "write the theme folder's name alone, like `theme: default`",
            );
        }
    }
    text(&mut f, r, "licence", &mut config.licence);
    if let Some(node) = f.optional("base_url")
        && let Some(url) = r.text(node, "base_url")
    {
        match normalise_base_url(&url, Code::BadUrl, Origin::file(r.file, node.pos)) {
            Ok(url) => {
                config.base_url = url;
                config.base_url_given = true;
            }
            Err(d) => {
                r.push(d.with_help("write it like `base_url: https://compendium.example.org/`"))
            }
        }
    }
    for (field, kind) in [
        ("functions", Kind::Function),
        ("regions", Kind::Region),
        ("models", Kind::Model),
        ("tags", Kind::Tag),
    ] {
        if let Some(node) = f.optional(field) {
            read_terms(node, r, field, kind, &mut vocab);
        }
    }
    if let Some(node) = f.optional("thesaurus") {
        config.thesaurus = read_thesaurus(node, r);
    }
    f.finish(r, FIELDS, "site.yaml");
    (config, vocab)
}

/// `thesaurus:`, a list of `{word, means}`: a one-word query word and the
/// words a case study may use for it instead.
fn read_thesaurus(node: &Node, r: &mut Reporter) -> Vec<(String, String)> {
    let example = "thesaurus:\n  - word: pcc\n    means: police and crime commissioner";
    let Some(items) = r.list(node, "thesaurus", example) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(mut f) = r.fields(item, "thesaurus", "- word: pcc") else {
            continue;
        };
        let word_node = f.required(r, "word", "word: pcc");
        let word = word_node.and_then(|n| r.text(n, "word"));
        let means = f
            .required(r, "means", "means: police and crime commissioner")
            .and_then(|n| r.text(n, "means"));
        f.finish(r, &["word", "means"], "an entry of `thesaurus`");
        let (Some(word), Some(means), Some(word_node)) = (word, means, word_node) else {
            continue;
        };
        let word = word.trim().to_lowercase();
        if word.is_empty() || !word.chars().all(char::is_alphanumeric) {
            r.error(
                Code::WrongType,
                word_node.pos,
                format!("`{word}` is not one word: a query word is looked up alone"),
                "give one word of letters and digits, like `word: pcc`",
            );
            continue;
        }
        out.push((word, means));
    }
    out
}

fn read_terms(node: &Node, r: &mut Reporter, field: &str, kind: Kind, vocab: &mut Vocabulary) {
    let example = format!("{field}:\n  - slug: my-slug\n    label: My label");
    let Some(items) = r.list(node, field, &example) else {
        return;
    };
    for item in items {
        let Some(mut f) = r.fields(item, field, "- slug: my-slug") else {
            continue;
        };
        let slug_node = f.required(r, "slug", "slug: my-slug");
        let slug = slug_node.and_then(|n| r.text(n, "slug"));
        let label = f
            .optional("label")
            .and_then(|n| r.text(n, "label"))
            .unwrap_or_default();
        let group = f
            .optional("group")
            .and_then(|n| r.text(n, "group"))
            .unwrap_or_default();
        let code = f
            .optional("code")
            .and_then(|n| r.text(n, "code"))
            .unwrap_or_default();
        let description = f
            .optional("description")
            .and_then(|n| r.text(n, "description"))
            .unwrap_or_default();
        f.finish(r, TERM_FIELDS, &format!("an entry of `{field}`"));
        let (Some(slug), Some(slug_node)) = (slug, slug_node) else {
            continue;
        };
        let Some(slug) = Slug::new(slug.clone()) else {
            r.error(
                Code::BadSlug,
                slug_node.pos,
                format!("`{slug}` is not a valid slug"),
                "use lower-case letters, digits and hyphens",
            );
            continue;
        };
        if vocab.get(kind, &slug).is_none() && label.is_empty() {
            r.error(
                Code::MissingLabel,
                item.pos,
                format!("new {} `{slug}` needs a label", kind.noun()),
                "add `label: ...`",
            );
            continue;
        }
        vocab.upsert(
            kind,
            Term {
                slug,
                label,
                group,
                code,
                description,
            },
        );
    }
}

/// An absolute http(s) URL ending in `/`; otherwise a diagnostic with this
/// code and origin (the `base_url:` field, or the `--base-url` argument).
pub fn normalise_base_url(url: &str, code: Code, origin: Origin) -> Result<String, Diagnostic> {
    let url = url.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(Diagnostic::error(
            code,
            origin,
            format!("base URL `{url}` must start with http:// or https://"),
        ));
    }
    if url.contains(char::is_whitespace) || url.contains(['?', '#']) {
        return Err(Diagnostic::error(
            code,
            origin,
            format!("base URL `{url}` must be a plain address without spaces, query or fragment"),
        ));
    }
    // Scheme, a host, then a path of non-empty segments: `//evil.example/`
    // in the path would make every page load its scripts from that host.
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host_ok = !host.is_empty()
        && !host.contains('@')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    let path = path.strip_suffix('/').unwrap_or(path);
    let segments_ok = path.is_empty()
        || path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains('\\'));
    if !host_ok || !segments_ok {
        return Err(Diagnostic::error(
            code,
            origin,
            format!(
                "base URL `{url}` must be {scheme}:// then a host name, then an optional path without empty, `.` or `..` segments"
            ),
        ));
    }
    let mut url = url.to_owned();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            normalise_base_url("https://x.org", Code::BadUrl, Origin::Internal),
            Ok("https://x.org/".into())
        );
        assert!(normalise_base_url("x.org", Code::BadUrl, Origin::Internal).is_err());
        assert_eq!(
            normalise_base_url("https://x.org/a/b", Code::BadUrl, Origin::Internal),
            Ok("https://x.org/a/b/".into())
        );
        assert_eq!(
            normalise_base_url("http://127.0.0.1:8000/", Code::BadUrl, Origin::Internal),
            Ok("http://127.0.0.1:8000/".into())
        );
        for bad in [
            "https://x.org//evil.example/",
            "https:///evil.example/",
            "https://user@x.org/",
            "https://x.org/a/../b/",
            "https://x.org/a\\b/",
        ] {
            assert!(
                normalise_base_url(bad, Code::BadUrl, Origin::Internal).is_err(),
                "{bad}"
            );
        }
    }
}
