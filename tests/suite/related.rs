//! "Related case studies" on each case study page: who is listed, with
//! which reason, on small synthetic sites and on the bundled content.

use crate::support::common::{CaseStudyText, TestSite, read};
use crate::tests;

/// The related section of a built page, as (title, reason) pairs.
fn related(out: &std::path::Path, slug: &str) -> Vec<(String, String)> {
    related_in(&read(out, &format!("case-studies/{slug}/index.html")))
}

fn related_in(html: &str) -> Vec<(String, String)> {
    let Some(start) = html.find("<section class=\"related\"") else {
        return Vec::new();
    };
    let section = &html[start..];
    let section = &section[..section.find("</section>").expect("the section ends")];
    assert!(
        section.contains("<h2 id=\"related\">Related case studies</h2>"),
        "the section has its heading: {section}"
    );
    section
        .split("<li>")
        .skip(1)
        .map(|li| {
            let title = li
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split("</a")
                .next()
                .unwrap_or("");
            let why = li
                .split("<span class=\"why\">")
                .nth(1)
                .unwrap_or("")
                .split("</span>")
                .next()
                .unwrap_or("");
            (title.to_owned(), why.to_owned())
        })
        .collect()
}

const SOUTH_EAST_A: &str =
    "  - name: Anytown District Council\n    type: district\n    region: south-east\n";
const SOUTH_EAST_B: &str =
    "  - name: Othertown Borough Council\n    type: district\n    region: south-east\n";
const NORTH_WEST: &str =
    "  - name: Farshire County Council\n    type: county\n    region: north-west\n";

fn small_site(name: &str) -> TestSite {
    let site = TestSite::new(name);
    let a = CaseStudyText::new("Anytown waste")
        .functions("[waste]")
        .partners(SOUTH_EAST_A);
    let b = CaseStudyText::new("Othertown waste")
        .functions("[waste]")
        .partners(SOUTH_EAST_B);
    // Same delivery model as the others (the default), nothing else shared:
    // a model alone is no reason.
    let c = CaseStudyText::new("Farshire libraries")
        .functions("[libraries]")
        .partners(NORTH_WEST)
        .body("## What was the approach?\n\nReading rooms open late.\n");
    site.case_study("anytown-waste", &a.render());
    site.case_study("othertown-waste", &b.render());
    site.case_study("farshire-libraries", &c.render());
    site
}

fn sharing_a_function_and_region_lists_each_other_with_why() {
    let site = small_site("related-pair");
    let out = site.build_ok(None);
    let a = related(&out, "anytown-waste");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].0, "Othertown waste");
    assert!(
        a[0].1
            .starts_with("Also about waste collection and recycling; same region (South East)"),
        "{a:?}"
    );
    assert!(
        !a[0].1.contains("shares a partner"),
        "no partner is shared: {a:?}"
    );
    let b = related(&out, "othertown-waste");
    assert_eq!(b.len(), 1, "{b:?}");
    assert_eq!(b[0].0, "Anytown waste");
    let html = read(&out, "case-studies/anytown-waste/index.html");
    assert!(html.contains("href=\"/case-studies/othertown-waste/\""));
}

fn an_unrelated_one_is_not_listed() {
    let site = small_site("related-unrelated");
    let out = site.build_ok(None);
    for slug in ["anytown-waste", "othertown-waste"] {
        assert!(
            related(&out, slug)
                .iter()
                .all(|(t, _)| t != "Farshire libraries"),
            "{slug} lists the unrelated case study"
        );
    }
    // Nothing in common: no section at all, not an empty one.
    let html = read(&out, "case-studies/farshire-libraries/index.html");
    assert!(!html.contains("Related case studies"));
}

fn a_shared_partner_is_named() {
    let site = small_site("related-partner");
    let d = CaseStudyText::new("Anytown libraries")
        .functions("[libraries]")
        .partners(&format!("{SOUTH_EAST_A}{NORTH_WEST}"));
    site.case_study("anytown-libraries", &d.render());
    let out = site.build_ok(None);
    let d = related(&out, "anytown-libraries");
    let waste = d
        .iter()
        .find(|(t, _)| t == "Anytown waste")
        .expect("listed");
    assert!(
        waste
            .1
            .contains("Shares a partner: Anytown District Council"),
        "{d:?}"
    );
    let libraries = d
        .iter()
        .find(|(t, _)| t == "Farshire libraries")
        .expect("listed");
    assert!(libraries.1.starts_with("Also about libraries"), "{d:?}");
    assert!(
        libraries
            .1
            .contains("shares a partner: Farshire County Council"),
        "{d:?}"
    );
}

fn the_list_is_the_same_on_every_build() {
    let site = small_site("related-deterministic");
    for i in 0..6 {
        let t = CaseStudyText::new(&format!("Waste {i}"))
            .functions("[waste]")
            .partners(SOUTH_EAST_B);
        site.case_study(&format!("waste-{i}"), &t.render());
    }
    let first = site.build_ok(None);
    let before: Vec<_> = (0..6)
        .map(|i| related(&first, &format!("waste-{i}")))
        .collect();
    let again = site.dir.join("again");
    let run = site.build_into(&again, None);
    assert_eq!(run.code, Some(0), "{run}");
    let after: Vec<_> = (0..6)
        .map(|i| related(&again, &format!("waste-{i}")))
        .collect();
    assert_eq!(before, after);
    // Never more than five, never itself.
    for (i, list) in before.iter().enumerate() {
        assert!(list.len() <= 5 && !list.is_empty(), "{list:?}");
        assert!(list.iter().all(|(t, _)| *t != format!("Waste {i}")));
    }
}

fn sparse_content_never_breaks_the_build() {
    let site = TestSite::new("related-sparse");
    // One case study: nobody to relate to. Another with no region and an
    // empty body.
    let mut lone = CaseStudyText::new("Lone")
        .functions("[waste]")
        .partners("  - name: Nowhere Limited\n    type: private\n")
        .body("");
    lone.summary = "Bins emptied weekly.".into();
    site.case_study("lone", &lone.render());
    let out = site.build_ok(None);
    assert!(related(&out, "lone").is_empty());
    let mut other = CaseStudyText::new("Other")
        .functions("[libraries]")
        .partners("  - name: Elsewhere Limited\n    type: private\n")
        .body("");
    other.summary = "Reading rooms open late.".into();
    site.case_study("other", &other.render());
    let out = site.build_ok(None);
    assert!(related(&out, "lone").is_empty());
    assert!(related(&out, "other").is_empty());
}

/// Entry by entry on the bundled content: facts a reader would expect.
fn bundled_case_studies_list_sensible_neighbours() {
    let site = crate::support::bundled_site::BundledSite::shared();
    let listed = |slug: &str| related_in(&site.read(&format!("/case-studies/{slug}/")));
    // The waste partnership and Sutton and Merton share two boroughs.
    let slwp = listed("south-london-waste-partnership");
    let sutton = slwp
        .iter()
        .find(|(t, _)| t.starts_with("Sutton and Merton"))
        .expect("Sutton and Merton is related to the South London Waste Partnership");
    assert!(sutton.1.contains("London Borough of Sutton"), "{slwp:?}");
    assert!(sutton.1.contains("same region (London)"), "{slwp:?}");
    // The Devon building control partnership and South Hams and West Devon
    // share both councils.
    let devon = listed("devon-building-control-partnership");
    assert!(
        devon[0].0.starts_with("South Hams and West Devon"),
        "{devon:?}"
    );
    // Two procurement arrangements.
    let dorset = listed("dorset-procurement");
    let pannel = dorset
        .iter()
        .find(|(t, _)| t.contains("PANNEL"))
        .expect("PANNEL is related to Dorset's procurement");
    assert!(pannel.1.starts_with("Also about procurement"), "{dorset:?}");
}

pub fn tests() -> Vec<crate::Test> {
    tests![
        sharing_a_function_and_region_lists_each_other_with_why,
        an_unrelated_one_is_not_listed,
        a_shared_partner_is_named,
        the_list_is_the_same_on_every_build,
        sparse_content_never_breaks_the_build,
        bundled_case_studies_list_sensible_neighbours,
    ]
}
