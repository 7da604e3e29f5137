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
    assert_eq!(run.code, Some(2), "{run}");
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
    assert_eq!(run.code, Some(2), "{run}");
    assert_same_files(&before, &snapshot(&site.root));
}

fn refuses_an_output_path_that_is_a_file() {
    let site = rich_site("out-is-file");
    let file = site.dir.join("site.zip");
    std::fs::write(&file, "not a folder").expect("write");
    let run = site.build_into(&file, None);
    assert_eq!(run.code, Some(2), "{run}");
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

/// A `compendium new` file marked `draft: true`, placeholders and all.
fn unfinished_draft(site: &TestSite) -> String {
    let run = site.run(&["new", "Half written"]);
    assert_eq!(run.code, Some(0), "{run}");
    let rel = "content/case-studies/half-written.md";
    let path = site.root.join(rel);
    let text = std::fs::read_to_string(&path).expect("read the new file");
    let text = text.replacen("# draft: true ", "draft: true   ", 1);
    assert!(
        text.contains("\ndraft: true"),
        "the template has a draft line"
    );
    std::fs::write(&path, &text).expect("write");
    text
}

/// An unfinished draft (placeholders from `compendium new`) neither stops
/// `check` nor `build`: its problems are warnings at their exact places,
/// and the draft is not built. With `--drafts` they are errors again.
fn an_unfinished_draft_is_left_out_with_warnings_unless_drafts_are_asked_for() {
    let site = TestSite::new("unfinished-draft");
    site.case_study("published", &CaseStudyText::new("Published").render());
    let text = unfinished_draft(&site);
    let rel = "content/case-studies/half-written.md";

    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(0), "only warnings: {run}");
    assert!(!diags.is_empty(), "the draft's problems are reported");
    for d in &diags {
        assert_eq!(
            (d.file.as_str(), d.severity.as_str()),
            (rel, "warning"),
            "{d:?}"
        );
    }
    let model = diags
        .iter()
        .find(|d| d.code == "unknown-vocabulary" && d.message.contains("choose-a-model"))
        .unwrap_or_else(|| panic!("no model warning:\n{}", list_diags(&diags)));
    let at = pos_of(&text, "choose-a-model");
    assert_eq!((model.line, model.column), (at.0 as u64, at.1 as u64));
    let todo = pos_of(&text, "\nTODO\n");
    assert!(
        diags
            .iter()
            .any(|d| d.code == "placeholder" && d.line == todo.0 as u64 + 1 && d.column == 1),
        "the body's TODO is a warning too:\n{}",
        list_diags(&diags)
    );

    let out = site.build_ok(None);
    assert!(out.join("case-studies/published/index.html").is_file());
    assert!(!out.join("case-studies/half-written").exists());
    let built = site.build_into(&site.dir.join("again"), None);
    assert!(
        built.stderr.contains("warning[unknown-vocabulary]") && built.stderr.contains(rel),
        "build reports the draft's problems as warnings:\n{built}"
    );

    let run = site.run(&["check", "--drafts", "--format", "json"]);
    assert_eq!(run.code, Some(1), "with --drafts they are errors: {run}");
    let diags = parse_json_lines(&run.stdout);
    assert!(diags.iter().any(|d| d.severity == "error" && d.file == rel));
    let run = site.run(&["build", "--drafts", "--out", "with-drafts"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(!site.root.join("with-drafts").exists());
}

/// A finished draft built with `--drafts` carries the draft banner; a
/// published case study does not.
fn drafts_built_with_drafts_show_a_banner() {
    let site = TestSite::new("draft-banner");
    site.case_study("published", &CaseStudyText::new("Published").render());
    site.case_study(
        "nearly",
        &CaseStudyText::new("Nearly done")
            .extra("draft: true\n")
            .render(),
    );
    let with = site.dir.join("with-drafts");
    let run = site.run(&["build", "--drafts", "--out", with.to_str().expect("utf-8")]);
    assert_eq!(run.code, Some(0), "{run}");
    let draft = Page::parse(&read(&with, "case-studies/nearly/index.html"));
    let banner = draft.select("main .draft-banner");
    assert_eq!(banner.len(), 1, "one draft banner");
    assert!(html::text(banner[0]).contains("Draft"));
    let published = Page::parse(&read(&with, "case-studies/published/index.html"));
    assert!(published.select(".draft-banner").is_empty());
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
    assert_eq!(run.code, Some(2), "{run}");
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
        an_unfinished_draft_is_left_out_with_warnings_unless_drafts_are_asked_for,
        drafts_built_with_drafts_show_a_banner,
        site_yaml_extends_the_vocabularies,
    ]
}
