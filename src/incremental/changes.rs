//! What changed between two builds, as the inputs that differ.

use super::Input;
use crate::content::vocabulary::Kind;
use crate::content::{CaseStudy, Page, Slug};
use crate::model::ids::Moved;
use crate::model::organisations::Organisation;
use crate::model::{CaseStudyId, PageId, Rendered, Site, TAXONOMIES, Taxon};
use crate::render::theme::Theme;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// Every input whose value differs between the old and new model and theme.
/// `moves`: how the new model's case studies moved in the title order, in
/// the order made, when the dev server's patches say so (its case studies
/// then pair through the moves, a pointer check each, rather than by file).
pub fn changed_inputs(
    old: &Site,
    new: &Site,
    old_theme: &Theme,
    new_theme: &Theme,
    moves: Option<&[Moved]>,
) -> BTreeSet<Input> {
    let mut changed = BTreeSet::new();
    if old.settings() != new.settings()
        || old.vocabulary() != new.vocabulary()
        || old.base_path() != new.base_path()
    {
        changed.insert(Input::Config);
    }
    if old.resources() != new.resources() {
        changed.insert(Input::Resources);
    }
    let (old_cases, new_cases) = (case_studies(old), case_studies(new));
    let moves = moves.filter(|m| !m.is_empty());
    let same_order = moves.is_none() && same_files_in_order(old, new);
    let (bodies, cases) = if same_order || moves.is_some() {
        // Pair by place: the dev server's patched models share every case
        // study but one with the old model, so this is a pointer check each.
        let old_place = |place: usize| {
            let undone = moves.unwrap_or_default().iter().rev().map(|m| m.undone());
            undone
                .fold(CaseStudyId::new(place), |id, m| m.apply(id))
                .index()
        };
        (
            differing_in_place(&old_cases, &new_cases, old_place, same_body),
            differing_in_place(&old_cases, &new_cases, old_place, same_case_study),
        )
    } else {
        (
            differing(&old_cases, &new_cases, |(c, _)| &c.file, same_body),
            differing(&old_cases, &new_cases, |(c, _)| &c.file, same_case_study),
        )
    };
    changed.extend(bodies.into_iter().map(Input::CaseStudyBody));
    if !cases.is_empty() || !same_order {
        changed.insert(Input::CaseStudyList);
    }
    changed.extend(cases.into_iter().map(Input::CaseStudy));
    let pages = differing(&pages(old), &pages(new), |(p, _)| &p.file, same_page);
    if page_list(old) != page_list(new) {
        changed.insert(Input::PageList);
    }
    changed.extend(pages.into_iter().map(Input::Page));
    let orgs = differing_orgs(old, new);
    if !orgs.is_empty() {
        changed.insert(Input::OrganisationList);
    }
    changed.extend(orgs.into_iter().map(Input::Organisation));
    for kind in TAXONOMIES {
        changed.extend(
            differing_terms(old, new, kind)
                .into_iter()
                .map(|slug| Input::Term(kind, slug)),
        );
    }
    changed.extend(
        differing_keys(&old_theme.templates, &new_theme.templates)
            .into_iter()
            .map(Input::Template),
    );
    changed.extend(
        differing_keys(&old_theme.assets, &new_theme.assets)
            .into_iter()
            .map(Input::Asset),
    );
    changed
}

/// Every case study with its rendered body.
fn case_studies(site: &Site) -> Vec<(&Arc<CaseStudy>, &Arc<Rendered>)> {
    site.all_case_studies()
        .iter()
        .zip(site.case_study_ids())
        .map(|(c, id): (_, CaseStudyId)| (c, site.case_study_body(id)))
        .collect()
}

/// Every page with its rendered body.
fn pages(site: &Site) -> Vec<(&Page, &Arc<Rendered>)> {
    PageId::all(site.all_pages().len())
        .map(|id| (site.page(id), site.page_body(id)))
        .collect()
}

/// The same front matter and slug (the body is compared apart).
fn same_case_study(
    (a, _): &(&Arc<CaseStudy>, &Arc<Rendered>),
    (b, _): &(&Arc<CaseStudy>, &Arc<Rendered>),
) -> bool {
    Arc::ptr_eq(a, b)
        || a.slug == b.slug && (Arc::ptr_eq(&a.matter, &b.matter) || a.matter == b.matter)
}

fn same_body(
    (_, a): &(&Arc<CaseStudy>, &Arc<Rendered>),
    (_, b): &(&Arc<CaseStudy>, &Arc<Rendered>),
) -> bool {
    Arc::ptr_eq(a, b) || (a.html == b.html && a.links == b.links)
}

fn same_page((a, a_body): &(&Page, &Arc<Rendered>), (b, b_body): &(&Page, &Arc<Rendered>)) -> bool {
    a.slug == b.slug
        && (Arc::ptr_eq(&a.matter, &b.matter) || a.matter == b.matter)
        && (Arc::ptr_eq(a_body, b_body)
            || (a_body.html == b_body.html && a_body.text == b_body.text))
}

/// What the footer shows of every page: its address and title.
fn page_list(site: &Site) -> Vec<(&PathBuf, &str, &str)> {
    site.all_pages()
        .iter()
        .map(|p| (&p.file, p.slug.as_str(), p.matter.title.as_str()))
        .collect()
}

/// Do both models hold the same case study files in the same order?
fn same_files_in_order(old: &Site, new: &Site) -> bool {
    let (a, b) = (old.all_case_studies(), new.all_case_studies());
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| Arc::ptr_eq(x, y) || x.file == y.file)
}

/// Files of the items, each new one paired with the old one at
/// `old_place` of its place, that `same` finds different.
fn differing_in_place(
    old: &[(&Arc<CaseStudy>, &Arc<Rendered>)],
    new: &[(&Arc<CaseStudy>, &Arc<Rendered>)],
    old_place: impl Fn(usize) -> usize,
    same: impl Fn(&(&Arc<CaseStudy>, &Arc<Rendered>), &(&Arc<CaseStudy>, &Arc<Rendered>)) -> bool,
) -> BTreeSet<PathBuf> {
    new.iter()
        .enumerate()
        .filter(|(place, n)| old.get(old_place(*place)).is_none_or(|o| !same(o, n)))
        .map(|(_, n)| n.0.file.clone())
        .collect()
}

/// Keys of items added, removed, or whose value `same` finds different
/// (items keyed by file, organisations and terms by slug).
fn differing<T, K: Clone + Ord + std::hash::Hash>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> &K,
    same: impl Fn(&T, &T) -> bool,
) -> BTreeSet<K> {
    let old_by: HashMap<&K, &T> = old.iter().map(|x| (key(x), x)).collect();
    let new_by: HashMap<&K, &T> = new.iter().map(|x| (key(x), x)).collect();
    let mut out: BTreeSet<K> = new_by
        .iter()
        .filter(|(k, n)| old_by.get(*k).is_none_or(|o| !same(o, n)))
        .map(|(k, _)| (*k).clone())
        .collect();
    out.extend(
        old_by
            .keys()
            .filter(|k| !new_by.contains_key(*k))
            .map(|k| (*k).clone()),
    );
    out
}

fn differing_keys<V: PartialEq>(
    old: &BTreeMap<String, V>,
    new: &BTreeMap<String, V>,
) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    out.extend(old.keys().filter(|k| !new.contains_key(*k)).cloned());
    out
}

/// Do two lists of case study ids name the same files in the same order?
/// (Ids shift when titles change; the files named stay put.)
fn same_files(old: &Site, a: &[CaseStudyId], new: &Site, b: &[CaseStudyId]) -> bool {
    let (old_all, new_all) = (old.all_case_studies(), new.all_case_studies());
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            let (x, y) = (&old_all[x.index()], &new_all[y.index()]);
            Arc::ptr_eq(x, y) || x.file == y.file
        })
}

/// Slugs of organisations added, removed, or whose details or case studies differ.
fn differing_orgs(old: &Site, new: &Site) -> BTreeSet<Slug> {
    let same = |a: &Organisation, b: &Organisation| {
        // Every field named, so that a new one cannot be left out unnoticed
        // (the id and slug are identity, not content).
        let Organisation {
            id: _,
            slug: _,
            name,
            org_type,
            region,
            code,
            council,
            group,
            case_studies,
            leads,
        } = a;
        *name == b.name
            && *org_type == b.org_type
            && *region == b.region
            && *code == b.code
            && *council == b.council
            && *group == b.group
            && *leads == b.leads
            && same_files(old, case_studies, new, &b.case_studies)
    };
    if std::ptr::eq(old.all_organisations(), new.all_organisations())
        && same_files_in_order(old, new)
    {
        return BTreeSet::new();
    }
    differing(
        old.all_organisations(),
        new.all_organisations(),
        |o| &o.slug,
        same,
    )
}

/// Slugs of terms added, removed, or whose label, members or totals differ.
fn differing_terms(old: &Site, new: &Site, kind: Kind) -> BTreeSet<Slug> {
    let same = |a: &Taxon, b: &Taxon| {
        // Every field named, so that a new one cannot be left out unnoticed.
        let Taxon {
            kind: _,
            id,
            slug: _,
            label,
            group,
            code,
            description,
            case_studies,
            totals,
        } = a;
        *label == b.label
            && *group == b.group
            && *code == b.code
            && *id == b.id
            && *totals == b.totals
            && *description == b.description
            && same_files(old, case_studies, new, &b.case_studies)
    };
    if std::ptr::eq(old.taxonomy(kind), new.taxonomy(kind)) && same_files_in_order(old, new) {
        return BTreeSet::new();
    }
    differing(old.taxonomy(kind), new.taxonomy(kind), |t| &t.slug, same)
}
