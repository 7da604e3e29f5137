//! Plain pages (`content/pages/<slug>.md`): a title, an optional summary and
//! a Markdown body.

use crate::content::fields::Reporter;
use crate::content::vocabulary::is_slug;
use crate::content::yaml::Node;
use crate::diagnostics::Code;

const FIELDS: &[&str] = &["title", "summary", "description", "slug", "draft"];

/// Paths the site itself uses, which a page may not take.
pub const RESERVED_SLUGS: &[&str] = &[
    "case-studies",
    "functions",
    "regions",
    "models",
    "partners",
    "search",
    "data",
    "lessons",
];

#[derive(Debug, Clone, PartialEq)]
pub struct PageMatter {
    pub title: String,
    pub summary: String,
    pub slug: Option<String>,
    pub draft: bool,
}

pub fn read(root: &Node, r: &mut Reporter) -> Option<PageMatter> {
    let mut f = r.root_fields(root, "the front matter", "title: \"About\"")?;
    let title = f
        .required(r, "title", "title: \"About this compendium\"")
        .and_then(|n| r.text(n, "title"));
    let summary = f
        .optional("summary")
        .or_else(|| f.optional("description"))
        .and_then(|n| r.text(n, "summary"))
        .unwrap_or_default();
    let slug_node = f.optional("slug");
    let slug = slug_node.and_then(|n| r.text(n, "slug"));
    let draft = f
        .optional("draft")
        .and_then(|n| r.boolean(n, "draft"))
        .unwrap_or(false);
    f.finish(r, FIELDS, "a page's front matter");
    if let (Some(s), Some(n)) = (&slug, slug_node)
        && !is_slug(s)
    {
        r.error(
            Code::BadSlug,
            n.pos,
            format!("`{s}` is not a valid slug"),
            "use lower-case letters, digits and hyphens",
        );
        return None;
    }
    Some(PageMatter {
        title: title?,
        summary,
        slug,
        draft,
    })
}
