//! Patching the model for the dev server's commonest edit: one case study
//! saved again with nothing changed that another part of the model is built
//! from, other than its own figures and date. Its slug, partners, functions
//! and model stay put, and so does its place in the title order, so no id,
//! route, term or organisation moves; what is patched is the case study, its
//! rendered body, the totals it adds to and the newest-first order. Anything
//! else is rebuilt from scratch, which is always right (the oracle test in
//! `tests/suite/incremental.rs` holds the two equal).

use super::{CaseStudyId, Site, Taxon, bodies, links, money};
use crate::content::CaseStudy;
use crate::content::body::Body;
use crate::content::case_study::{FrontMatter, Partner};
use std::sync::Arc;

impl Site {
    /// This site with the case study `id` read again as `matter` and
    /// `body`; `None` when the edit reaches further than the patch can go
    /// (see the module's comment), or the new body has a problem or a
    /// broken link: a full build decides and reports.
    pub fn with_case_study(
        &self,
        id: CaseStudyId,
        matter: Arc<FrontMatter>,
        body: Body,
        cache: &mut bodies::BodyCache,
    ) -> Option<Site> {
        let old = self.case_studies.get(id.index())?;
        if !self.keeps_place(id, &old.matter, &matter) {
            return None;
        }
        let matter_changed = !(Arc::ptr_eq(&old.matter, &matter) || *old.matter == *matter);
        let figures_changed =
            matter.savings != old.matter.savings || matter.costs != old.matter.costs;
        let date_changed = matter.date != old.matter.date;
        let body_changed = old.body.offset != body.offset || old.body.source != body.source;
        let mut site = self.clone();
        site.case_studies[id.index()] = Arc::new(CaseStudy {
            file: old.file.clone(),
            slug: old.slug.clone(),
            matter: if matter_changed {
                matter
            } else {
                old.matter.clone()
            },
            body,
        });
        if body_changed {
            let rendered = bodies::rerender_case_study(&site, id, cache)?;
            site.case_study_bodies[id.index()] = rendered;
            if !links::check_case_studies(&site, std::iter::once(id), false).is_empty() {
                return None;
            }
        }
        if figures_changed {
            site.add_up_again(id);
        }
        if date_changed {
            site.latest = Arc::new(super::newest_first(&site.case_studies));
        }
        Some(site)
    }

    /// Does `new` leave every other part of the model where `old` had it?
    fn keeps_place(&self, id: CaseStudyId, old: &FrontMatter, new: &FrontMatter) -> bool {
        let key = super::title_order_key;
        let c = &self.case_studies[id.index()];
        let new_key = key(&new.title, &c.slug);
        let after_previous =
            id.index() == 0 || key_of(&self.case_studies[id.index() - 1]) < new_key;
        let before_next = self
            .case_studies
            .get(id.index() + 1)
            .is_none_or(|next| new_key < key_of(next));
        new.slug == old.slug
            && new.draft == old.draft
            && new.functions == old.functions
            && new.model == old.model
            && same_partners(&old.partners, &new.partners)
            && after_previous
            && before_next
    }

    /// The site's totals, and those of the terms `id` is filed under, added
    /// up again after its figures changed.
    fn add_up_again(&mut self, id: CaseStudyId) {
        self.totals = money::add_up(&self.case_studies, super::all_ids(self), money::Scope::All);
        for taxa in [&mut self.functions, &mut self.regions, &mut self.models] {
            let taxa: &mut Vec<Taxon> = Arc::make_mut(taxa);
            for t in taxa.iter_mut().filter(|t| t.case_studies.contains(&id)) {
                t.totals = super::term_totals(t, &self.case_studies, &self.regions_of);
            }
        }
    }
}

fn key_of(c: &CaseStudy) -> (String, String) {
    super::title_order_key(&c.matter.title, &c.slug)
}

/// The same partners, where they are written aside (positions shift when
/// lines above them change, and nothing built from partners reads them).
fn same_partners(a: &[Partner], b: &[Partner]) -> bool {
    let same = |x: &Partner, y: &Partner| {
        // Every field named, so that a new one cannot be left out unnoticed.
        let Partner {
            name,
            org_type,
            region,
            lead,
            code,
            pos: _,
        } = x;
        *name == y.name
            && *org_type == y.org_type
            && *region == y.region
            && *lead == y.lead
            && *code == y.code
    };
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
}
