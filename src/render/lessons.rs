//! The lessons pages: every lesson once, under its case study, a page of
//! case studies at a time; the same filtered by a function or a tag, as
//! plain pages that work without JavaScript; and the list of tags.

use super::Renderer;
use super::pages::{base_context, render};
use super::views::{self, Link, page_meta};
use crate::content::vocabulary::Kind;
use crate::diagnostics::Diagnostic;
use crate::model::lessons::LessonsOf;
use crate::model::route::listing_page;
use crate::model::{CaseStudyId, Route, Site};
use serde::Serialize;

/// Tags shown in the filters of every lessons page; the rest are on the
/// list of tags, so that a page's size does not grow with the tags.
const TAGS_IN_FILTERS: usize = 12;

/// One case study's lessons.
#[derive(Serialize)]
struct LessonGroup {
    title: String,
    url: String,
    functions: Vec<Link>,
    tags: Vec<Link>,
    lessons: Vec<String>,
}

/// A choice of the filters: where it leads and whether it is this page's.
#[derive(Serialize)]
struct Choice {
    label: String,
    url: String,
    current: bool,
}

pub fn lessons(r: &Renderer, of: LessonsOf, page: u32, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let ids = site.lesson_case_studies(of);
    let pager = views::pager(site, ids.len(), page, |n| Route::Lessons(of, n));
    let shown = listing_page(&ids, pager.current);
    let lesson_count = site.lesson_count(of);
    let (heading, what) = match of {
        LessonsOf::All => ("Lessons learned".to_owned(), "the case studies".to_owned()),
        LessonsOf::Function(t) => {
            let label = &site.term(Kind::Function, t).label;
            (
                format!("Lessons learned: {label}"),
                format!("the case studies filed under {label}"),
            )
        }
        LessonsOf::Tag(t) => {
            let label = &site.tags()[t.index()].label;
            (
                format!("Lessons learned: {label}"),
                format!("the case studies tagged {label}"),
            )
        }
    };
    let title = match pager.pages {
        1 => heading.clone(),
        pages => format!("{heading}, page {} of {pages}", pager.current),
    };
    let mut trail = vec![("Lessons", "/lessons/")];
    if of != LessonsOf::All {
        trail.push((heading.as_str(), path));
    }
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            &title,
            &format!("{lesson_count} lessons from {what}, each under its case study."),
            path,
            &trail,
        ),
    );
    ctx.insert("heading", &title);
    ctx.insert("what", &what);
    ctx.insert("lesson_count", &lesson_count);
    ctx.insert("case_study_count", &ids.len());
    ctx.insert("groups", &groups(site, shown));
    ctx.insert("pager", &pager);
    ctx.insert("filtered", &(of != LessonsOf::All));
    ctx.insert("all_url", &site.href(&Route::Lessons(LessonsOf::All, 1)));
    ctx.insert("functions", &function_choices(site, of));
    ctx.insert("tags", &tag_choices(site, of));
    ctx.insert("tag_count", &site.tags().len());
    ctx.insert("tags_url", &site.href(&Route::LessonTags));
    render(r, "lessons.html", &ctx)
}

fn groups(site: &Site, ids: &[CaseStudyId]) -> Vec<LessonGroup> {
    ids.iter()
        .map(|&id| {
            let c = site.case_study(id);
            let function_link = |slug: &crate::content::Slug| {
                let term = views::term_link(site, Kind::Function, slug);
                let url = site
                    .term_route(Kind::Function, slug)
                    .and_then(|route| match route {
                        Route::Term(_, t) => {
                            Some(site.href(&Route::Lessons(LessonsOf::Function(t), 1)))
                        }
                        _ => None,
                    })
                    .unwrap_or(term.url);
                Link {
                    label: term.label,
                    url,
                }
            };
            LessonGroup {
                title: c.matter.title.clone(),
                url: format!("{}#lessons", site.href(&Route::CaseStudy(id))),
                functions: c.matter.functions.iter().map(function_link).collect(),
                tags: c
                    .matter
                    .tags
                    .iter()
                    .filter_map(|written| {
                        let slug = crate::content::vocabulary::slugify(written);
                        let t = site.tag_by_slug(slug.as_str())?;
                        Some(Link {
                            label: site.tags()[t.index()].label.clone(),
                            url: site.href(&Route::Lessons(LessonsOf::Tag(t), 1)),
                        })
                    })
                    .collect(),
                lessons: c.matter.lessons.clone(),
            }
        })
        .collect()
}

/// Every function, leading to its lessons.
fn function_choices(site: &Site, of: LessonsOf) -> Vec<Choice> {
    site.taxonomy(Kind::Function)
        .iter()
        .filter(|t| site.has_lessons(LessonsOf::Function(t.id)))
        .map(|t| Choice {
            label: t.label.clone(),
            url: site.href(&Route::Lessons(LessonsOf::Function(t.id), 1)),
            current: of == LessonsOf::Function(t.id),
        })
        .collect()
}

/// The most used tags (and this page's, if it is a tag's), in label order.
fn tag_choices(site: &Site, of: LessonsOf) -> Vec<Choice> {
    let tags = site.tags();
    let mut most_used: Vec<&crate::model::tags::Tag> = site
        .lesson_tags_by_use()
        .iter()
        .take(TAGS_IN_FILTERS)
        .map(|t| &tags[t.index()])
        .collect();
    if let LessonsOf::Tag(t) = of
        && !most_used.iter().any(|shown| shown.id == t)
    {
        most_used.push(&tags[t.index()]);
    }
    most_used.sort_by_key(|t| t.id);
    most_used
        .into_iter()
        .map(|t| Choice {
            label: t.label.clone(),
            url: site.href(&Route::Lessons(LessonsOf::Tag(t.id), 1)),
            current: of == LessonsOf::Tag(t.id),
        })
        .collect()
}

/// A tag on the list of tags: how many lessons it leads to.
#[derive(Serialize)]
struct TagEntry {
    label: String,
    url: String,
    lessons: usize,
    case_studies: usize,
}

pub fn lesson_tags(r: &Renderer, path: &str) -> Result<String, Diagnostic> {
    let site = r.site;
    let entries: Vec<TagEntry> = site
        .tags()
        .iter()
        .map(|t| {
            let ids = site.lesson_case_studies(LessonsOf::Tag(t.id));
            TagEntry {
                label: t.label.clone(),
                url: site.href(&Route::Lessons(LessonsOf::Tag(t.id), 1)),
                lessons: site.lesson_count(LessonsOf::Tag(t.id)),
                case_studies: ids.len(),
            }
        })
        .collect();
    let mut ctx = base_context(
        r,
        page_meta(
            site,
            "Lessons by tag",
            "Every tag of the case studies, each leading to the lessons of the case studies that carry it.",
            path,
            &[("Lessons", "/lessons/"), ("Tags", path)],
        ),
    );
    ctx.insert("tags", &entries);
    ctx.insert("all_url", &site.href(&Route::Lessons(LessonsOf::All, 1)));
    render(r, "lesson_tags.html", &ctx)
}
