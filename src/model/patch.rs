//! Patching the model for the dev server's commonest edit: one case study
//! saved again with nothing changed that another part of the model is built
//! from, other than its own title, figures and date. Its slug, partners,
//! functions and model stay put, so no route, term or organisation comes or
//! goes; what is patched is the case study, its rendered body, the totals it
//! adds to, the newest-first order and, when a new title moves it in the
//! title order, every id between its old place and its new one (see
//! [`Moved`]). Anything else is rebuilt from scratch, which is always right
//! (the oracle test in `tests/suite/incremental.rs` holds the two equal).

use super::ids::Moved;
use super::{CaseStudyId, Site, Taxon, bodies, links, money};
use crate::content::CaseStudy;
use crate::content::body::Body;
use crate::content::case_study::{FrontMatter, Partner};
use std::sync::Arc;

impl Site {
    /// This site with the case study `id` read again as `matter` and
    /// `body`, and where its new title moved it in the title order (if it
    /// did); `None` when the edit reaches further than the patch can go
    /// (see the module's comment), or the new body has a problem or a
    /// broken link: a full build decides and reports.
    pub fn with_case_study(
        &self,
        id: CaseStudyId,
        matter: Arc<FrontMatter>,
        body: Body,
        cache: &mut bodies::BodyCache,
    ) -> Option<(Site, Option<Moved>)> {
        let old = self.case_studies.get(id.index())?;
        if !keeps_identity(&old.matter, &matter) {
            return None;
        }
        let place = self.place_in_title_order(id, &matter.title);
        let moved = (place != id).then_some(Moved {
            from: id,
            to: place,
        });
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
        if let Some(moved) = moved {
            site.follow(moved);
        }
        let id = place;
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
        if date_changed || moved.is_some() {
            site.latest = Arc::new(site.newest_first_again(id, moved));
        }
        Some((site, moved))
    }

    /// Where the case study `id` belongs in the title order under `title`:
    /// the number of the others that sort before it.
    fn place_in_title_order(&self, id: CaseStudyId, title: &str) -> CaseStudyId {
        let key = super::title_order_key(title, &self.case_studies[id.index()].slug);
        let (before, after) = self.case_studies.split_at(id.index());
        let sorts_first = |c: &Arc<CaseStudy>| key_of(c) < key;
        // The others are in order, so those that sort first are a run
        // before `id` and, if it moves later, a run after it.
        CaseStudyId::new(
            before.partition_point(sorts_first) + after[1..].partition_point(sorts_first),
        )
    }

    /// The newest-first order again, after the case study now at `id`
    /// changed its date or moved: the others keep their order (a move
    /// renumbers them without reordering them), and it is put in its place.
    fn newest_first_again(&self, id: CaseStudyId, moved: Option<Moved>) -> Vec<CaseStudyId> {
        let mut latest: Vec<CaseStudyId> = self
            .latest
            .iter()
            .map(|&other| moved.map_or(other, |m| m.apply(other)))
            .filter(|&other| other != id)
            .collect();
        let order = |a, b| super::newest_first_order(&self.case_studies, a, b);
        let place = latest.partition_point(|&other| order(other, id).is_lt());
        latest.insert(place, id);
        latest
    }

    /// Moves every list kept in id order, and every id held, after the
    /// case study `moved.from` took its new place `moved.to`.
    fn follow(&mut self, moved: Moved) {
        moved.rotate(&mut self.case_studies);
        moved.rotate(&mut self.case_study_bodies);
        moved.rotate(Arc::make_mut(&mut self.regions_of).as_mut_slice());
        moved.rotate(Arc::make_mut(&mut self.partner_orgs).as_mut_slice());
        let renumber = |ids: &mut Vec<CaseStudyId>| {
            for id in ids.iter_mut() {
                *id = moved.apply(*id);
            }
            ids.sort_unstable();
        };
        for taxa in [&mut self.functions, &mut self.regions, &mut self.models] {
            for t in Arc::make_mut(taxa).iter_mut() {
                renumber(&mut t.case_studies);
                t.totals.follow(moved);
            }
        }
        for o in Arc::make_mut(&mut self.organisations).iter_mut() {
            renumber(&mut o.case_studies);
        }
        for t in Arc::make_mut(&mut self.tags).iter_mut() {
            renumber(&mut t.case_studies);
        }
        self.totals.follow(moved);
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

/// Does `new` leave every term and organisation as `old` had it, and the
/// case study's route?
fn keeps_identity(old: &FrontMatter, new: &FrontMatter) -> bool {
    new.slug == old.slug
        && new.draft == old.draft
        && new.functions == old.functions
        && new.model == old.model
        // Tags and whether there are lessons decide the lessons' pages.
        && new.tags == old.tags
        && new.lessons.is_empty() == old.lessons.is_empty()
        && same_partners(&old.partners, &new.partners)
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
            name_pos: _,
        } = x;
        *name == y.name
            && *org_type == y.org_type
            && *region == y.region
            && *lead == y.lead
            && *code == y.code
    };
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;
    use std::path::Path;

    /// The bundled content with one case study's title and first saving
    /// changed, patched and built from scratch: the two models must be the
    /// same in every field.
    fn patched_equals_built(file: &str, title: &str) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (content, _) = content::load(root, false, None);
        let (site, _) = Site::build_with(content, &mut bodies::BodyCache::off());
        let id = site
            .case_study_by_file(Path::new(file))
            .expect("a bundled case study");
        let mut matter = (*site.case_studies[id.index()].matter).clone();
        matter.title = title.to_owned();
        if let Some(saving) = matter.savings.first_mut() {
            saving.pence = crate::content::money::Pence::new(saving.pence.get() + 100);
        }
        let body = site.case_studies[id.index()].body.clone();
        let (patched, moved) = site
            .with_case_study(id, Arc::new(matter.clone()), body, &mut Default::default())
            .expect("the edit is patched");
        assert!(moved.is_some(), "{title:?} did not move {file}");

        let (mut content, _) = content::load(root, false, None);
        let edited = content
            .case_studies
            .iter_mut()
            .find(|c| c.file == Path::new(file))
            .expect("the same case study");
        edited.matter = Arc::new(matter);
        let (built, _) = Site::build_with(content, &mut bodies::BodyCache::off());
        assert_eq!(format!("{patched:#?}"), format!("{built:#?}"));
    }

    #[test]
    fn a_title_that_moves_a_case_study_first_patches_to_the_built_model() {
        patched_equals_built(
            "content/case-studies/kent-gateway.md",
            "Aardvark Gateway of Kent",
        );
    }

    #[test]
    fn a_title_that_moves_a_case_study_last_patches_to_the_built_model() {
        patched_equals_built(
            "content/case-studies/bromsgrove-redditch.md",
            "Zygote shared services",
        );
    }
}
