//! Black-box tests of `compendium build` as a whole: reproducible output, a
//! failed build leaving the previous site alone, refusing to replace folders
//! it did not write, and building a bare content folder.

use crate::support::common::*;
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in snapshot(from) {
        let path = to.join(&rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("copy");
    }
}

/// The rich fixture plus 25 more case studies, a page and site settings.
fn big_site(name: &str) -> TestSite {
    let site = rich_site(name);
    many_case_studies(&site, 25);
    site.write("content/pages/about.md", "---\ntitle: About\nsummary: About this compendium.\n---\n\nWritten by [us](https://example.org/).\n");
    site
}

fn building_twice_gives_byte_identical_output() {
    let site = big_site("twice");
    let out = site.build_ok(Some("https://example.org/sub/"));
    let first = snapshot(&out);
    assert!(
        first.len() > 100,
        "expected a full site, got {} files",
        first.len()
    );

    // Again into the same folder …
    let run = site.build_into(&out, Some("https://example.org/sub/"));
    assert_eq!(run.code, Some(0), "{run}");
    assert_same_files(&first, &snapshot(&out));

    // … into another folder …
    let other = site.dir.join("other-out");
    let run = site.build_into(&other, Some("https://example.org/sub/"));
    assert_eq!(run.code, Some(0), "{run}");
    assert_same_files(&first, &snapshot(&other));

    // … and from a copy of the content somewhere else: no paths or times leak in.
    let elsewhere = TestSite::new("twice-elsewhere");
    copy_dir(&site.root.join("content"), &elsewhere.root.join("content"));
    let out3 = elsewhere.build_ok(Some("https://example.org/sub/"));
    assert_same_files(&first, &snapshot(&out3));
}

fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = big_site("failed-build");
    let out = site.build_ok(None);
    let before = snapshot(&out);

    // Break one file and add a new, valid one: nothing of either may appear.
    site.case_study(
        "alpha",
        &ALPHA.replace("date: 2011-03-01", "date: 2011-02-30"),
    );
    site.case_study("newcomer", &CaseStudyText::new("Newcomer").render());
    let run = site.build_into(&out, None);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stderr.contains("error[bad-date]"),
        "the build says why it failed:\n{run}"
    );
    assert_same_files(&before, &snapshot(&out));

    // No staging or backup folders are left beside the output.
    let beside: Vec<String> = std::fs::read_dir(&site.dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "site" && n != "out")
        .collect();
    assert!(beside.is_empty(), "left behind: {beside:?}");
}

fn a_build_failing_while_rendering_leaves_the_previous_output_untouched() {
    let site = rich_site("failed-render");
    let out = site.build_ok(None);
    let before = snapshot(&out);
    // Content is fine; a theme override has a template error.
    site.write(
        "themes/default/templates/home.html",
        "{% extends \"base.html\" %}{% block content %}{{ nonsense( }}{% endblock content %}",
    );
    site.case_study("newcomer", &CaseStudyText::new("Newcomer").render());
    let run = site.build_into(&out, None);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stderr.contains("error[template]"), "{run}");
    assert!(
        run.stderr.contains("home.html"),
        "the error names the template:\n{run}"
    );
    assert_same_files(&before, &snapshot(&out));
}

fn refuses_to_replace_a_non_empty_folder_it_did_not_create() {
    let site = rich_site("foreign-out");
    let out = site.dir.join("precious");
    std::fs::create_dir_all(out.join("photos")).expect("mkdir");
    std::fs::write(out.join("notes.txt"), "my notes\n").expect("write");
    std::fs::write(out.join("photos/cat.jpg"), [0xFF, 0xD8, 0xFF]).expect("write");
    let before = snapshot(&out);

    let run = site.build_into(&out, None);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stderr.contains("error[output-not-ours]"), "{run}");
    assert!(
        run.stderr.contains("--out") && run.stderr.contains("precious"),
        "the message names the argument and the folder:\n{run}"
    );
    assert_same_files(&before, &snapshot(&out));
    let beside: Vec<String> = std::fs::read_dir(&site.dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "site" && n != "precious")
        .collect();
    assert!(beside.is_empty(), "left behind: {beside:?}");
}

fn refuses_to_build_over_the_site_folder_itself() {
    let site = rich_site("out-is-root");
    let before = snapshot(&site.root);
    let run = site.run(&["build", "--out", "."]);
    assert_eq!(run.code, Some(1), "{run}");
    assert_same_files(&before, &snapshot(&site.root));
}

fn refuses_an_output_path_that_is_a_file() {
    let site = rich_site("out-is-file");
    let file = site.dir.join("site.zip");
    std::fs::write(&file, "not a folder").expect("write");
    let run = site.build_into(&file, None);
    assert_eq!(run.code, Some(1), "{run}");
    assert_eq!(
        std::fs::read_to_string(&file).expect("still there"),
        "not a folder"
    );
}

fn an_empty_output_folder_is_used() {
    let site = rich_site("empty-out");
    let out = site.dir.join("out");
    std::fs::create_dir_all(&out).expect("mkdir");
    let run = site.build_into(&out, None);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(out.join("index.html").is_file());
}

fn a_bare_content_folder_builds_with_no_configuration() {
    let site = TestSite::new("bare");
    site.case_study("only-one", &CaseStudyText::new("Only one").render());
    site.case_study(
        "and-another",
        &CaseStudyText::new("And another")
            .functions("[ict, hr]")
            .render(),
    );

    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(0), "{run}");
    let run = site.run(&["build"]);
    assert_eq!(run.code, Some(0), "{run}");

    let out = site.root.join("public");
    for page in [
        "index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "case-studies/index.html",
        "case-studies/only-one/index.html",
        "case-studies/and-another/index.html",
        "functions/index.html",
        "functions/ict/index.html",
        "regions/south-east/index.html",
        "models/joint-working/index.html",
        "partners/index.html",
        "partners/anytown-district-council/index.html",
        "data/case-studies.json",
        "data/case-studies.csv",
    ] {
        assert!(out.join(page).is_file(), "{page} was not built");
    }
    let home = read(&out, "index.html");
    assert!(
        first_text(&home, "title").contains("compendium"),
        "a default site title: {}",
        first_text(&home, "title")
    );
    // Both were written the same day, so the home page lists no "newest"
    // (it would mean nothing) and links to the full list instead.
    assert!(linked_case_studies(&home, "/").is_empty());
    assert!(
        links(&home)
            .iter()
            .any(|(href, _)| href == "/case-studies/"),
        "the home page links to every case study"
    );
    let listing = read(&out, "case-studies/index.html");
    assert_eq!(
        linked_case_studies(&listing, "/"),
        set(&["and-another", "only-one"])
    );
    // Nothing but content/ and the output: no configuration was written either.
    let mut top: Vec<String> = std::fs::read_dir(&site.root)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, vec!["content", "public"]);
}

fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::new("drafts");
    site.case_study("published", &CaseStudyText::new("Published").render());
    site.case_study(
        "unfinished",
        &CaseStudyText::new("Unfinished")
            .functions("[hr]")
            .extra("draft: true\n")
            .render(),
    );

    let out = site.build_ok(None);
    assert!(
        !out.join("case-studies/unfinished").exists(),
        "a draft was published"
    );
    assert_eq!(
        linked_case_studies(&read(&out, "case-studies/index.html"), "/"),
        set(&["published"])
    );
    assert!(listed_as_empty(
        &read(&out, "functions/index.html"),
        "Human resources"
    ));
    for file in [
        "data/case-studies.json",
        "data/case-studies.csv",
        "sitemap.xml",
        "atom.xml",
    ] {
        assert!(
            !read(&out, file).contains("unfinished"),
            "the draft is in {file}"
        );
    }

    let with = site.dir.join("with-drafts");
    let run = site.run(&[
        "build",
        "--drafts",
        "--out",
        with.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(with.join("case-studies/unfinished/index.html").is_file());
    assert_eq!(
        count_for(&read(&with, "functions/index.html"), "/functions/hr/"),
        1
    );
}

fn site_yaml_extends_the_vocabularies() {
    let site = TestSite::new("site-yaml");
    site.write(
        "content/site.yaml",
        "title: \"Test compendium\"\nfunctions:\n  - slug: parking\n    label: Parking enforcement\n    group: place\nregions:\n  - slug: wales\n    label: Cymru\n",
    );
    let text = CaseStudyText::new("Parking in Wales")
        .functions("[parking, waste]")
        .partners("  - name: Cardiff Council\n    type: unitary\n    region: wales\n")
        .render();
    site.case_study("parking", &text);
    let out = site.build_ok(None);
    let parking = read(&out, "functions/parking/index.html");
    assert_eq!(first_text(&parking, "h1"), "Parking enforcement");
    assert_eq!(linked_case_studies(&parking, "/"), set(&["parking"]));
    assert_eq!(
        first_text(&read(&out, "regions/wales/index.html"), "h1"),
        "Cymru"
    );
    assert!(first_text(&read(&out, "index.html"), "title").contains("Test compendium"));
    // The built-in vocabulary is still there.
    assert_eq!(
        linked_case_studies(&read(&out, "functions/waste/index.html"), "/"),
        set(&["parking"])
    );
}

/// A content folder that yields no case study must not empty a published
/// site that had some (a moved folder built and exited 0 with "0 case
/// studies"), unless asked for.
fn no_case_study_where_the_published_site_had_some_is_an_error() {
    let site = TestSite::new("empty-content");
    let file = site.case_study("only-one", &CaseStudyText::new("Only one").render());
    let run = site.run(&["build"]);
    assert_eq!(run.code, Some(0), "{run}");
    std::fs::remove_file(site.root.join(&file)).expect("remove");
    let run = site.run(&["build"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stderr.contains("error[empty-content]"), "{run}");
    assert!(run.stderr.contains("--allow-empty"), "{run}");
    let out = site.root.join("public");
    assert!(
        out.join("case-studies/only-one/index.html").is_file(),
        "the published site was kept"
    );
    let run = site.run(&["build", "--allow-empty"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(!out.join("case-studies/only-one").exists());
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        no_case_study_where_the_published_site_had_some_is_an_error,
        building_twice_gives_byte_identical_output,
        a_failed_build_leaves_the_previous_output_untouched,
        a_build_failing_while_rendering_leaves_the_previous_output_untouched,
        refuses_to_replace_a_non_empty_folder_it_did_not_create,
        refuses_to_build_over_the_site_folder_itself,
        refuses_an_output_path_that_is_a_file,
        an_empty_output_folder_is_used,
        a_bare_content_folder_builds_with_no_configuration,
        drafts_are_left_out_unless_asked_for,
        site_yaml_extends_the_vocabularies,
    ]
}
