//! The build's own link check: every internal link in a body must lead to a
//! page the site will have.

use super::{CaseStudyId, PageId, Route, Site};
use crate::diagnostics::{Code, Diagnostic, Origin};
use std::collections::BTreeSet;

pub fn check(site: &Site) -> Vec<Diagnostic> {
    check_case_studies(site, CaseStudyId::all(site.case_studies.len()), true)
}

/// The links of some case studies' bodies (and, with `pages`, of every
/// page's body).
pub fn check_case_studies(
    site: &Site,
    ids: impl Iterator<Item = CaseStudyId>,
    pages: bool,
) -> Vec<Diagnostic> {
    let known = &site.known_paths;
    let case_studies = ids.map(|id| {
        let c = &site.case_studies[id.index()];
        (&c.file, &c.body.source, &site.case_study_bodies[id.index()])
    });
    let page_ids = PageId::all(if pages { site.pages.len() } else { 0 });
    let pages = page_ids.map(|id| {
        let p = &site.pages[id.index()];
        (&p.file, &p.body.source, &site.page_bodies[id.index()])
    });
    let bodies = case_studies.chain(pages);
    let mut diagnostics = Vec::new();
    for (file, source, body) in bodies {
        for link in &body.links {
            if is_known(known, &link.path) {
                continue;
            }
            diagnostics.push(
                Diagnostic::error(
                    Code::BrokenLink,
                    Origin::file(file, link.pos),
                    format!(
                        "broken link: `{}` leads to {}, which is not a page of this site",
                        link.written, link.path
                    ),
                )
                .with_help(help_for(&link.path, site))
                .with_source(source)
                .with_related_all(target_file(&link.path, site)),
            );
        }
    }
    diagnostics
}

/// Every route is known by its path; theme assets and search files, which
/// the model does not list, by their folders.
fn is_known(known: &BTreeSet<String>, path: &str) -> bool {
    let with_slash = if path.ends_with('/') || path.contains('.') {
        path.to_owned()
    } else {
        format!("{path}/")
    };
    known.contains(&with_slash)
        || ["/static/", "/search/"]
            .iter()
            .any(|p| path.starts_with(p) && path.contains('.'))
}

/// The content file a site path would come from, as a display path:
/// `/case-studies/x/` from `content/case-studies/x.md`, `/x/` from
/// `content/pages/x.md`. (A `slug:` can give a file another path; a link
/// broken by that is reported with the file that has the link.)
fn target_file(path: &str, site: &Site) -> Option<std::path::PathBuf> {
    let one_segment = |rest: &str| {
        let slug = rest.trim_end_matches('/');
        (!slug.is_empty() && !slug.contains(['/', '.', '#', '?'])).then(|| format!("{slug}.md"))
    };
    let cases = site.path(&Route::CaseStudyIndex);
    if let Some(rest) = path.strip_prefix(cases.as_str()) {
        return one_segment(rest).map(|f| std::path::Path::new("content/case-studies").join(f));
    }
    let rest = path.strip_prefix(site.base_path())?;
    one_segment(rest).map(|f| std::path::Path::new("content/pages").join(f))
}

fn help_for(path: &str, site: &Site) -> String {
    if let Some(slug) = path
        .strip_prefix(site.path(&Route::CaseStudyIndex).as_str())
        .map(|s| s.trim_end_matches('/'))
    {
        let slugs: Vec<&str> = site.case_studies.iter().map(|c| c.slug.as_str()).collect();
        if let Some(near) = crate::diagnostics::nearest(slug, slugs.iter().copied()) {
            return format!("did you mean /case-studies/{near}/?");
        }
        return "check the slug of the case study you meant (its file name without .md)".into();
    }
    "check the address; internal links end in `/`, e.g. /functions/waste/".into()
}
