//! Tags: the free labels of case studies (`tags:`), gathered into one list
//! with a readable name each, so that lessons can be filtered by them.

use super::ids::{CaseStudyId, TagId};
use crate::content::vocabulary::{Kind, Vocabulary, slugify};
use crate::content::{CaseStudy, Slug};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One tag with the case studies that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub id: TagId,
    /// The tag as a URL part: `shared-it`, also for a tag written `Shared IT`.
    pub slug: Slug,
    /// What readers see: the label from `site.yaml`, else the tag as first
    /// written when that is not a slug, else the slug in words.
    pub label: String,
    /// In id order.
    pub case_studies: Vec<CaseStudyId>,
}

/// Every tag of the case studies, in label order. Tags written differently
/// with the same slug (`Shared IT`, `shared-it`) are one tag; a tag with
/// no letter or digit has no slug and is left out.
pub fn gather(case_studies: &[Arc<CaseStudy>], vocab: &Vocabulary) -> Vec<Tag> {
    let mut by_slug: BTreeMap<Slug, (String, Vec<CaseStudyId>)> = BTreeMap::new();
    for (i, c) in case_studies.iter().enumerate() {
        let id = CaseStudyId::new(i);
        for written in &c.matter.tags {
            let Some(slug) = Slug::new(slugify(written)) else {
                continue;
            };
            let (_, ids) = by_slug
                .entry(slug)
                .or_insert_with(|| (written.clone(), Vec::new()));
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    }
    let mut tags: Vec<Tag> = by_slug
        .into_iter()
        .map(|(slug, (written, case_studies))| Tag {
            id: TagId::new(0),
            label: label(vocab, &slug, &written),
            slug,
            case_studies,
        })
        .collect();
    tags.sort_by_cached_key(|t| (t.label.to_lowercase(), t.slug.to_string()));
    for (i, t) in tags.iter_mut().enumerate() {
        t.id = TagId::new(i);
    }
    tags
}

fn label(vocab: &Vocabulary, slug: &str, written: &str) -> String {
    if let Some(term) = vocab.get(Kind::Tag, slug)
        && !term.label.is_empty()
    {
        return term.label.clone();
    }
    if written != slug {
        return written.trim().to_owned();
    }
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::vocabulary::Term;

    #[test]
    fn labels_come_from_the_vocabulary_then_the_writing_then_the_slug() {
        let mut vocab = Vocabulary::default();
        vocab.tags.push(Term {
            slug: Slug::known("tupe"),
            label: "TUPE (staff transfer)".into(),
            group: String::new(),
            code: String::new(),
            description: String::new(),
        });
        assert_eq!(label(&vocab, "tupe", "tupe"), "TUPE (staff transfer)");
        assert_eq!(label(&vocab, "shared-it", "Shared IT"), "Shared IT");
        assert_eq!(label(&vocab, "shared-it", "shared-it"), "Shared it");
        assert_eq!(
            label(&vocab, "joint-committee", "joint-committee"),
            "Joint committee"
        );
    }
}
