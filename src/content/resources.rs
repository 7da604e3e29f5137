//! `content/resources.yaml`: publications and organisations for further
//! reading, rendered on `/resources/` grouped by topic.

use crate::content::fields::Reporter;
use crate::content::yaml::Node;
use crate::diagnostics::Code;
use serde::Serialize;

const FIELDS: &[&str] = &["title", "publisher", "year", "topic", "url", "description"];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resource {
    pub title: String,
    pub publisher: String,
    pub year: Option<u32>,
    pub topic: String,
    pub url: Option<String>,
    pub description: String,
}

pub fn read(root: &Node, r: &mut Reporter) -> Vec<Resource> {
    let Some(mut top) = r.root_fields(root, "resources.yaml", "resources:\n  - title: \"...\"")
    else {
        return Vec::new();
    };
    let list = top.required(r, "resources", "resources:\n  - title: \"...\"");
    top.finish(r, &["resources"], "resources.yaml");
    let Some(items) = list.and_then(|n| r.list(n, "resources", "resources:\n  - title: \"...\""))
    else {
        return Vec::new();
    };
    items.iter().filter_map(|item| read_one(item, r)).collect()
}

fn read_one(node: &Node, r: &mut Reporter) -> Option<Resource> {
    let mut f = r.fields(node, "each resource", "- title: \"...\"")?;
    let title = f
        .required(r, "title", "title: \"...\"")
        .and_then(|n| r.text(n, "title"));
    let publisher = f
        .optional("publisher")
        .and_then(|n| r.text(n, "publisher"))
        .unwrap_or_default();
    let year = f.optional("year").and_then(|n| match n.as_f64() {
        Some(y) if y.fract() == 0.0 && (1900.0..=2100.0).contains(&y) => Some(y as u32),
        _ => {
            r.error(
                Code::BadNumber,
                n.pos,
                "`year` should be a four-digit year",
                "write it like `year: 2010`",
            );
            None
        }
    });
    let topic = f
        .optional("topic")
        .and_then(|n| r.text(n, "topic"))
        .unwrap_or_else(|| "Other".into());
    let url_node = f.optional("url");
    let url = url_node.and_then(|n| r.text(n, "url"));
    let description = f
        .optional("description")
        .and_then(|n| r.text(n, "description"))
        .unwrap_or_default();
    f.finish(r, FIELDS, "a resource");
    if let (Some(u), Some(n)) = (&url, url_node)
        && !crate::content::case_study::is_web_address(u)
    {
        r.error(
            Code::BadUrl,
            n.pos,
            format!("resource URL `{u}` must be a full web address: http:// or https://, then a host name"),
            "give the full web address, like `url: https://www.example.org/report`",
        );
    }
    Some(Resource {
        title: title?,
        publisher,
        year,
        topic,
        url,
        description,
    })
}
