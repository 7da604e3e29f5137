//! Which case studies a lessons page lists: every lesson is listed once,
//! under its case study, on the pages of all lessons and on those filtered
//! by a function or a tag.

use super::ids::{CaseStudyId, TagId, TermId};
use super::{Site, route};
use crate::content::vocabulary::Kind;
use crate::incremental::{self, Input};

/// The lessons a lessons page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LessonsOf {
    All,
    /// Of the case studies filed under a function.
    Function(TermId),
    /// Of the case studies with a tag.
    Tag(TagId),
}

impl Site {
    /// The case studies with lessons that `of` lists, in title order.
    pub fn lesson_case_studies(&self, of: LessonsOf) -> Vec<CaseStudyId> {
        // Which case studies have lessons is read as the list of case
        // studies: gaining or losing every lesson changes the routes.
        incremental::read(|| Input::CaseStudyList);
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

    /// Does `of` list any lesson? (Stops at the first.)
    pub fn has_lessons(&self, of: LessonsOf) -> bool {
        incremental::read(|| Input::CaseStudyList);
        let has = |id: &CaseStudyId| !self.case_studies[id.index()].matter.lessons.is_empty();
        match of {
            LessonsOf::All => self
                .case_studies
                .iter()
                .any(|c| !c.matter.lessons.is_empty()),
            LessonsOf::Function(t) => self.taxa(Kind::Function)[t.index()]
                .case_studies
                .iter()
                .any(has),
            LessonsOf::Tag(t) => self.tags[t.index()].case_studies.iter().any(has),
        }
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
