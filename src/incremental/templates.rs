//! Which templates a template pulls in: the names in its `extends`,
//! `include` and `import` tags, followed to the end. Rendering a page with
//! a template reads all of them, so a change to any re-renders the page.

use std::collections::{BTreeMap, BTreeSet};

/// The names a template's text refers to in `{% extends|include|import "…" %}`.
pub fn referenced(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let end = after.find("%}").unwrap_or(after.len());
        let tag = after[..end].trim_start_matches('-').trim();
        let keyword = tag.split_whitespace().next().unwrap_or("");
        if matches!(keyword, "extends" | "include" | "import")
            && let Some(name) = first_quoted(&tag[keyword.len()..])
        {
            names.insert(name.to_owned());
        }
        rest = &after[end..];
    }
    names
}

fn first_quoted(s: &str) -> Option<&str> {
    let open = s.find(['"', '\''])?;
    let quote = s[open..].chars().next()?;
    let body = &s[open + 1..];
    body.find(quote).map(|close| &body[..close])
}

/// `name` and every template it refers to, directly or through others
/// (`templates` maps names to texts, as the theme holds them).
pub fn closure(templates: &BTreeMap<String, String>, name: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![name.to_owned()];
    while let Some(next) = todo.pop() {
        if !seen.insert(next.clone()) {
            continue;
        }
        if let Some(text) = templates.get(&next) {
            todo.extend(referenced(text));
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_extends_include_and_import() {
        let text = r#"{% extends "base.html" %}{%- include 'card.html' -%}
            {% import "macros.html" as m %}{% if x %}"not.html"{% endif %}"#;
        let names: Vec<String> = referenced(text).into_iter().collect();
        assert_eq!(names, ["base.html", "card.html", "macros.html"]);
    }

    #[test]
    fn closure_follows_chains_and_survives_cycles() {
        let mut t = BTreeMap::new();
        t.insert("a.html".into(), r#"{% extends "b.html" %}"#.into());
        t.insert("b.html".into(), r#"{% include "c.html" %}"#.into());
        t.insert("c.html".into(), r#"{% include "a.html" %}"#.into());
        let names: Vec<String> = closure(&t, "a.html").into_iter().collect();
        assert_eq!(names, ["a.html", "b.html", "c.html"]);
    }
}
