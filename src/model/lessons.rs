//! Which case studies a lessons page lists: every lesson is listed once,
//! under its case study, on the pages of all lessons and on those filtered
//! by a function or a tag.

use super::ids::{CaseStudyId, TagId, TermId};
use super::{Site, route};
use crate::content::vocabulary::Kind;
use crate::incremental::{self, Input};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The lessons a lessons page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LessonsOf {
    All,
    /// Of the case studies filed under a function.
    Function(TermId),
    /// Of the case studies with a tag.
    Tag(TagId),
}

/// The case studies a listing of lessons shows, and how many lessons.
type LessonList = (Arc<Vec<CaseStudyId>>, usize);

/// The lists `Site::lesson_case_studies` made, by what they list. Every page
/// of a listing of lessons asks for its whole list (to count and to page it)
/// and for every tag's and function's (for its filters): made once, they
/// cost a lookup instead of a pass over the case studies per page, which
/// at 100,000 case studies was most of the build. A copy of the model (the
/// dev server patches one) starts empty, so no list outlives a change.
/// With them, each tag by its slug, which every lessons page looks up for
/// the tags of the case studies it shows.
#[derive(Default)]
pub(crate) struct LessonLists {
    lists: Mutex<HashMap<LessonsOf, LessonList>>,
    tags_by_slug: std::sync::OnceLock<HashMap<String, TagId>>,
    tags_by_use: std::sync::OnceLock<Vec<TagId>>,
}

/// A cache, not part of what the model says: printed as nothing, so that a
/// patched model and a built one compare equal whatever each has looked up.
impl std::fmt::Debug for LessonLists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LessonLists")
    }
}

impl Clone for LessonLists {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl Site {
    /// The case studies with lessons that `of` lists, in title order.
    pub fn lesson_case_studies(&self, of: LessonsOf) -> Arc<Vec<CaseStudyId>> {
        // Which case studies have lessons is read as the list of case
        // studies: gaining or losing every lesson changes the routes.
        self.lesson_list(of).0
    }

    /// How many lessons `of` lists: on every page of its listing, so
    /// counted once (a count per page made the 2,000 pages of all lessons
    /// at 100,000 case studies quadratic).
    pub fn lesson_count(&self, of: LessonsOf) -> usize {
        self.lesson_list(of).1
    }

    fn lesson_list(&self, of: LessonsOf) -> LessonList {
        incremental::read(|| Input::CaseStudyList);
        let made = |lists: &HashMap<_, LessonList>| lists.get(&of).cloned();
        if let Some(list) = self.lesson_lists.lists.lock().ok().and_then(|l| made(&l)) {
            return list;
        }
        let ids = self.make_lesson_list(of);
        let count = ids
            .iter()
            .map(|id| self.case_studies[id.index()].matter.lessons.len())
            .sum();
        let list = (Arc::new(ids), count);
        if let Ok(mut lists) = self.lesson_lists.lists.lock() {
            lists.insert(of, list.clone());
        }
        list
    }

    fn make_lesson_list(&self, of: LessonsOf) -> Vec<CaseStudyId> {
        let has_lessons =
            |id: &CaseStudyId| !self.case_studies[id.index()].matter.lessons.is_empty();
        let ids: &[CaseStudyId] = match of {
            LessonsOf::All => {
                return CaseStudyId::all(self.case_studies.len())
                    .filter(has_lessons)
                    .collect();
            }
            LessonsOf::Function(t) => &self.taxa(Kind::Function)[t.index()].case_studies,
            LessonsOf::Tag(t) => &self.tags[t.index()].case_studies,
        };
        ids.iter().copied().filter(has_lessons).collect()
    }

    /// The tag with this slug.
    pub fn tag_by_slug(&self, slug: &str) -> Option<TagId> {
        // Read on every call, memoised or not, so the dev server knows
        // what each page depends on.
        incremental::read(|| Input::CaseStudyList);
        self.lesson_lists
            .tags_by_slug
            .get_or_init(|| {
                self.tags()
                    .iter()
                    .map(|t| (t.slug.to_string(), t.id))
                    .collect()
            })
            .get(slug)
            .copied()
    }

    /// The tags that lead to lessons, the most used first (ties in label
    /// order), for the filters of every lessons page.
    pub fn lesson_tags_by_use(&self) -> &[TagId] {
        incremental::read(|| Input::CaseStudyList);
        self.lesson_lists.tags_by_use.get_or_init(|| {
            let mut tags: Vec<&super::tags::Tag> = self
                .tags()
                .iter()
                .filter(|t| self.has_lessons(LessonsOf::Tag(t.id)))
                .collect();
            tags.sort_by_key(|t| std::cmp::Reverse(t.case_studies.len()));
            tags.into_iter().map(|t| t.id).collect()
        })
    }

    /// Does `of` list any lesson?
    pub fn has_lessons(&self, of: LessonsOf) -> bool {
        !self.lesson_case_studies(of).is_empty()
    }

    /// How many pages the lessons of `of` take: one even if there are none
    /// for all lessons, and none for a function or a tag without lessons
    /// (nothing links to them).
    pub fn lesson_pages(&self, of: LessonsOf) -> u32 {
        match self.lesson_case_studies(of).len() {
            0 if of != LessonsOf::All => 0,
            n => route::listing_pages(n),
        }
    }
}
