//! Bodies: every case study's and page's Markdown rendered to HTML once the
//! routes are known, so that a link to another case study, a page or a
//! section of the site becomes that route's path ([`Site::path`]) and URL.
//! The dev server keeps a [`BodyCache`], so that a body is rendered again
//! only when its text, its own path or what links can lead to changed.

use super::markdown::{self, Links, Rendered};
use super::route::{self, Route};
use super::{CaseStudyId, PageId, Site};
use crate::content::Rejected;
use crate::content::Slug;
use crate::content::body::Body;
use crate::content::load::ContentKind;
use crate::diagnostics::{Diagnostic, Origin};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rendered bodies kept between builds (by `compendium serve`), by file.
#[derive(Default)]
pub struct BodyCache {
    entries: HashMap<PathBuf, Entry>,
    /// How many bodies the last build rendered (the rest came from the cache).
    pub rendered: usize,
    /// Keeps nothing: a one-off build would only hold every body twice.
    off: bool,
}

impl BodyCache {
    /// A cache that keeps nothing, for a build that happens once.
    pub(super) fn off() -> BodyCache {
        BodyCache {
            off: true,
            ..BodyCache::default()
        }
    }
}

/// One body as it was last rendered, with everything its HTML depends on.
#[derive(Clone)]
struct Entry {
    source: Arc<str>,
    offset: usize,
    page_path: String,
    /// The fingerprint of the link targets it was rendered with.
    targets: u64,
    body: Arc<Rendered>,
    problems: Vec<Diagnostic>,
}

impl Entry {
    fn fits(&self, job: &Job, targets: u64) -> bool {
        self.targets == targets
            && self.offset == job.body.offset
            && self.page_path == job.page_path
            && (Arc::ptr_eq(&self.source, &job.body.source) || self.source == job.body.source)
    }
}

/// The rendered bodies of a site, in model order, with their problems.
pub(super) struct Bodies {
    pub case_studies: Vec<Arc<Rendered>>,
    pub pages: Vec<Arc<Rendered>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a `.md` link can lead to: the site path of every case study and
/// page by slug. Files whose front matter has errors are named too, so a
/// link to one is reported by the link check (its page does not exist),
/// not as a link to a file that is not there. Made once per full build and
/// kept in the model, since the dev server's patches change no slug.
#[derive(Debug, Default)]
pub(super) struct Targets {
    case_studies: BTreeMap<Slug, String>,
    pages: BTreeMap<Slug, String>,
    /// What every body's HTML depends on besides its own text and path.
    fingerprint: u64,
}

impl Targets {
    pub(super) fn new(site: &Site, rejected: &[Rejected]) -> Targets {
        let mut case_studies: BTreeMap<Slug, String> = CaseStudyId::all(site.case_studies.len())
            .map(|id| {
                let slug = site.case_studies[id.index()].slug.clone();
                (slug, site.path(&Route::CaseStudy(id)))
            })
            .collect();
        let mut pages: BTreeMap<Slug, String> = PageId::all(site.pages.len())
            .map(|id| {
                (
                    site.pages[id.index()].slug.clone(),
                    site.path(&Route::Page(id)),
                )
            })
            .collect();
        for r in rejected {
            match r.kind {
                ContentKind::CaseStudy => {
                    case_studies
                        .entry(r.slug.clone())
                        .or_insert_with(|| route::case_study_path(&r.slug));
                }
                _ => {
                    pages
                        .entry(r.slug.clone())
                        .or_insert_with(|| route::page_path(&r.slug));
                }
            }
        }
        // `resources.yaml` has a page of its own, which a link can name like
        // a content page's.
        if !site.resources.is_empty() {
            pages
                .entry(Slug::known("resources"))
                .or_insert_with(|| site.path(&Route::Resources));
        }
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            site.base_path.hash(&mut h);
            case_studies.hash(&mut h);
            pages.hash(&mut h);
            h.finish()
        };
        Targets {
            case_studies,
            pages,
            fingerprint,
        }
    }
}

/// One body to render: which file, its Markdown, and the path of its page.
struct Job<'a> {
    file: &'a Path,
    body: &'a Body,
    page_path: String,
}

/// The links of one body, resolved against the site's routes.
struct BodyLinks<'a> {
    site: &'a Site,
    targets: &'a Targets,
    page_path: &'a str,
}

impl Links for BodyLinks<'_> {
    fn page_path(&self) -> &str {
        self.page_path
    }

    fn case_study(&self, slug: &str) -> Option<String> {
        self.targets.case_studies.get(slug).cloned()
    }

    fn page(&self, slug: &str) -> Option<String> {
        self.targets.pages.get(slug).cloned()
    }

    fn url(&self, site_path: &str) -> String {
        self.site.url(site_path)
    }
}

/// Renders every body of `site` (and of the rejected files, for their
/// problems), reusing what `cache` holds where nothing it depends on changed.
pub(super) fn render(site: &Site, rejected: &[Rejected], cache: &mut BodyCache) -> Bodies {
    let targets = &site.link_targets;
    let fingerprint = targets.fingerprint;
    let mut jobs: Vec<Job> = Vec::with_capacity(site.case_studies.len() + site.pages.len());
    jobs.extend(CaseStudyId::all(site.case_studies.len()).map(|id| Job {
        file: &site.case_studies[id.index()].file,
        body: &site.case_studies[id.index()].body,
        page_path: site.path(&Route::CaseStudy(id)),
    }));
    jobs.extend(PageId::all(site.pages.len()).map(|id| Job {
        file: &site.pages[id.index()].file,
        body: &site.pages[id.index()].body,
        page_path: site.path(&Route::Page(id)),
    }));
    jobs.extend(rejected.iter().map(|r| Job {
        file: &r.file,
        body: &r.body,
        page_path: match r.kind {
            ContentKind::CaseStudy => route::case_study_path(&r.slug),
            _ => route::page_path(&r.slug),
        },
    }));
    let entries: Vec<(Entry, bool)> = jobs
        .par_iter()
        .map(|job| match cache.entries.get(job.file) {
            Some(entry) if entry.fits(job, fingerprint) => (entry.clone(), false),
            _ => (render_one(job, site, targets, fingerprint), true),
        })
        .collect();
    cache.rendered = entries.iter().filter(|(_, fresh)| *fresh).count();
    let mut bodies = Bodies {
        case_studies: Vec::with_capacity(site.case_studies.len()),
        pages: Vec::with_capacity(site.pages.len()),
        diagnostics: Vec::new(),
    };
    let mut kept = HashMap::with_capacity(entries.len());
    for (i, (job, (entry, _))) in jobs.iter().zip(entries).enumerate() {
        bodies.diagnostics.extend(entry.problems.iter().cloned());
        if i < site.case_studies.len() {
            bodies.case_studies.push(entry.body.clone());
        } else if i < site.case_studies.len() + site.pages.len() {
            bodies.pages.push(entry.body.clone());
        }
        if !cache.off {
            kept.insert(job.file.to_path_buf(), entry);
        }
    }
    // Files that are gone drop out.
    cache.entries = kept;
    bodies
}

/// Renders one case study's body again (its text changed, nothing else
/// did), keeping the cache in step. `None` when the body has a problem: the
/// whole build then reports it.
pub(super) fn rerender_case_study(
    site: &Site,
    id: CaseStudyId,
    cache: &mut BodyCache,
) -> Option<Arc<Rendered>> {
    let targets = &site.link_targets;
    let fingerprint = targets.fingerprint;
    let c = &site.case_studies[id.index()];
    let job = Job {
        file: &c.file,
        body: &c.body,
        page_path: site.path(&Route::CaseStudy(id)),
    };
    let entry = render_one(&job, site, targets, fingerprint);
    cache.rendered = 1;
    if !entry.problems.is_empty() {
        return None;
    }
    let body = entry.body.clone();
    if !cache.off {
        cache.entries.insert(c.file.clone(), entry);
    }
    Some(body)
}

fn render_one(job: &Job, site: &Site, targets: &Targets, fingerprint: u64) -> Entry {
    let links = BodyLinks {
        site,
        targets,
        page_path: &job.page_path,
    };
    let body = crate::timings::time(crate::timings::Step::Markdown, || {
        markdown::render(&job.body.source, job.body.offset, &links)
    });
    let problems = body
        .problems
        .iter()
        .map(|(code, pos, message, help, related)| {
            Diagnostic::error(*code, Origin::file(job.file, *pos), message.clone())
                .with_help(help.clone())
                .with_source(&job.body.source)
                .with_related_all(related.iter().cloned())
        })
        .collect();
    Entry {
        source: job.body.source.clone(),
        offset: job.body.offset,
        page_path: job.page_path.clone(),
        targets: fingerprint,
        body: Arc::new(body),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;
    use std::collections::HashSet;

    #[test]
    fn a_body_is_rendered_again_only_when_what_it_depends_on_changed() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut files = content::Cache::default();
        let mut cache = BodyCache::default();
        let unchanged = HashSet::new();
        let (c, _) = content::load_with(&root, false, None, &mut files, None);
        let all = c.case_studies.len() + c.pages.len();
        let (first, _) = Site::build_with(c, &mut cache);
        assert_eq!(cache.rendered, all);
        let (c, _) = content::load_with(&root, false, None, &mut files, Some(&unchanged));
        let (second, _) = Site::build_with(c, &mut cache);
        assert_eq!(cache.rendered, 0);
        let id = CaseStudyId::new(0);
        assert!(Arc::ptr_eq(
            first.case_study_body(id),
            second.case_study_body(id)
        ));
        // Another base URL changes every internal link.
        let sub = Some("https://x.example/sub/");
        let (c, _) = content::load_with(&root, false, sub, &mut files, Some(&unchanged));
        Site::build_with(c, &mut cache);
        assert_eq!(cache.rendered, all);
    }
}
