//! What CI relies on: `--deny-warnings`, the summary line, exit codes by
//! kind of problem, GitHub annotations placed from the workspace, and
//! `check FILES` / `check --changed-since` reporting exactly what a full
//! check reports about those files.

use crate::support::common::*;
use crate::support::skip::skip;
use std::collections::BTreeSet;
use std::process::Command;

/// The summary line's grammar, as README.md gives it.
const SUMMARY: &str = r"^compendium: (check|build): (0|[1-9][0-9]*) case stud(y|ies), (0|[1-9][0-9]*) errors?, (0|[1-9][0-9]*) warnings?, (0|[1-9][0-9]*) files? written$";

/// The counts of the last stderr line, which must be the summary line.
#[track_caller]
fn summary(run: &Run, command: &str) -> [usize; 4] {
    let re = regex::Regex::new(SUMMARY).expect("the grammar is a regex");
    let last = run.stderr.lines().last().unwrap_or_default();
    let caps = re
        .captures(last)
        .unwrap_or_else(|| panic!("the last line is not the summary line:\n{run}"));
    assert_eq!(&caps[1], command, "{last}");
    let n = |i: usize| caps[i].parse::<usize>().expect("a count");
    let counts = [n(2), n(4), n(5), n(6)];
    // Singular exactly for one.
    for (count, word) in counts.iter().zip(["case stud", "error", "warning", "file"]) {
        let singular = ["case study", "error,", "warning,", "file written"];
        let one = singular
            .iter()
            .find(|s| s.starts_with(word))
            .expect("a word");
        assert_eq!(*count == 1, last.contains(&format!("1 {one}")), "{last}");
    }
    counts
}

/// A case study with a warning (a function listed twice) and nothing wrong.
fn warned_site(name: &str) -> TestSite {
    let site = TestSite::new(name);
    site.case_study("one", &CaseStudyText::new("One").render());
    let twice = CaseStudyText::new("Twice").functions("[waste, ict, waste]");
    site.case_study("twice", &twice.render());
    site
}

fn summary_line_in_every_format_and_stdout_stays_machine_readable() {
    let site = warned_site("summary");
    for format in ["human", "json", "github"] {
        let run = site.run(&["check", "--format", format]);
        assert_eq!(run.code, Some(0), "{run}");
        assert_eq!(summary(&run, "check"), [2, 0, 1, 0], "{format}");
        match format {
            "json" => assert_eq!(parse_json_lines(&run.stdout).len(), 1, "{run}"),
            "github" => assert!(
                run.stdout.lines().all(|l| l.starts_with("::warning ")),
                "{run}"
            ),
            _ => assert!(run.stdout.is_empty(), "{run}"),
        }
    }
    let out = site.dir.join("out");
    let run = site.build_into(&out, Some("https://example.org/"));
    assert_eq!(run.code, Some(0), "{run}");
    // The site's files; compendium's marker of its own folders is not one.
    let written = snapshot(&out)
        .keys()
        .filter(|f| *f != ".compendium-output")
        .count();
    assert_eq!(summary(&run, "build"), [2, 0, 1, written]);
    let broken = TestSite::new("summary-broken");
    broken.case_study(
        "bad",
        &CaseStudyText::new("Bad").date("2011-02-30").render(),
    );
    let run = broken.build_into(&broken.dir.join("out"), None);
    assert_eq!(summary(&run, "build"), [1, 1, 0, 0], "nothing written");
}

fn deny_warnings_fails_check_and_build_and_keeps_the_previous_site() {
    let site = warned_site("deny");
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stderr.contains("error[duplicate-item]")
            && run.stderr.contains("made an error by --deny-warnings"),
        "{run}"
    );
    assert_eq!(summary(&run, "check"), [2, 1, 0, 0]);
    let (_, diags) = {
        let run = site.run(&["check", "--format", "json", "--deny-warnings"]);
        (run.code, parse_json_lines(&run.stdout))
    };
    assert_eq!(only_code(&diags, "duplicate-item").severity, "error");

    let out = site.dir.join("out");
    let url = "https://example.org/";
    let out_arg = out.display().to_string();
    assert_eq!(site.build_into(&out, Some(url)).code, Some(0));
    let before = snapshot(&out);
    let run = site.run(&[
        "build",
        "--out",
        &out_arg,
        "--base-url",
        url,
        "--deny-warnings",
    ]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stderr.contains("error[duplicate-item]"), "{run}");
    assert_eq!(summary(&run, "build"), [2, 1, 0, 0]);
    assert_same_files(&before, &snapshot(&out));
    // Without a base URL, its warning is denied too.
    let clean = TestSite::new("deny-base-url");
    clean.case_study("one", &CaseStudyText::new("One").render());
    let run = clean.run(&["build", "--deny-warnings"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stderr.contains("error[no-base-url]"), "{run}");
    assert!(!clean.root.join("public").exists());
}

fn exit_codes_tell_content_from_environment() {
    let site = TestSite::new("exit-codes");
    let bad = site.case_study(
        "bad",
        &CaseStudyText::new("Bad").date("2011-02-30").render(),
    );
    let code = |args: &[&str]| site.run(args).code;
    // 1: the content.
    assert_eq!(code(&["check"]), Some(1));
    assert_eq!(code(&["check", &bad]), Some(1));
    // 2: the arguments and the environment.
    assert_eq!(code(&["check", "--root", "no/such/folder"]), Some(2));
    // Even when no file of the site is among the changed ones.
    assert_eq!(
        code(&["check", "--root", "no/such/folder", "README.md"]),
        Some(2)
    );
    assert_eq!(code(&["check", "--no-such-flag"]), Some(2));
    assert_eq!(code(&["new", "!!!"]), Some(2));
    std::fs::write(site.root.join(&bad), CaseStudyText::new("Bad").render()).expect("fix");
    assert_eq!(code(&["check"]), Some(0));
    assert_eq!(code(&["build", "--base-url", "example.org/x"]), Some(2));
    let theirs = site.dir.join("theirs");
    std::fs::create_dir_all(&theirs).expect("mkdir");
    std::fs::write(theirs.join("notes.txt"), "mine").expect("write");
    let run = site.build_into(&theirs, None);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("error[output-not-ours]"), "{run}");
    assert_eq!(code(&["new", "Bad"]), Some(2), "file-exists");
    // --help says it all.
    for args in [&["--help"][..], &["check", "--help"], &["build", "--help"]] {
        let run = site.run(args);
        assert!(
            run.stdout.contains("Exit codes:") && run.stdout.contains("  2  usage or environment"),
            "{args:?}: {run}"
        );
    }
}

/// With `--root` a subfolder, `file=` is relative to where the command
/// runs, or to `GITHUB_WORKSPACE`; every escape of a file name and of the
/// message, exactly.
fn github_annotations_name_files_from_the_workspace() {
    let site = TestSite::new("github-paths");
    let text = CaseStudyText::new("Odd").date("2011-02-30").render();
    site.case_study("50%: a,b", &text);
    let (line, col) = pos_after(&text, "date: ");
    let expected_start = format!(
        "::error file=site/content/case-studies/50%25%3A a%2Cb.md,line={line},col={col},endLine={line},title=bad-date::"
    );
    let from_above = site
        .command()
        .current_dir(&site.dir)
        .args(["check", "--root", "site", "--format", "github"])
        .output()
        .expect("run");
    let from_inside = site
        .command()
        .env("GITHUB_WORKSPACE", &site.dir)
        .args(["check", "--format", "github"])
        .output()
        .expect("run");
    for output in [from_above, from_inside] {
        let run = Run::from(output);
        assert_eq!(run.code, Some(1), "{run}");
        let annotation = run
            .stdout
            .lines()
            .find(|l| l.contains("title=bad-date"))
            .unwrap_or_else(|| panic!("no annotation:\n{run}"));
        assert!(annotation.starts_with(&expected_start), "{annotation}");
        let message = &annotation[expected_start.len()..];
        assert!(
            message.contains("2011-02-30") && message.contains("%0Ahelp: "),
            "{message}"
        );
        assert!(!message.contains(['\n', '\r']), "{message}");
    }
}

/// Several broken files and problems across files: a duplicate slug, a
/// link to a case study that does not exist, an organisation with two types.
fn broken_site(name: &str) -> TestSite {
    let site = TestSite::new(name);
    site.case_study("alpha", &CaseStudyText::new("Alpha").render());
    site.case_study(
        "beta",
        &CaseStudyText::new("Beta").extra("slug: alpha\n").render(),
    );
    let links = "See [gone](gone.md) and [about](/about/).\n";
    site.case_study("gamma", &CaseStudyText::new("Gamma").body(links).render());
    site.case_study(
        "delta",
        &CaseStudyText::new("Delta").date("2011-02-30").render(),
    );
    let other_type =
        "  - name: Anytown District Council\n    type: unitary\n    region: south-east\n";
    let epsilon = CaseStudyText::new("Epsilon").partners(other_type);
    site.case_study("epsilon", &epsilon.render());
    site.write("README.md", "not content\n");
    site
}

/// The full check's diagnostics that concern `files`: about one of them, or
/// naming one as related.
fn restricted(full: &[Diag], files: &[&str]) -> Vec<Diag> {
    full.iter()
        .filter(|d| {
            files.contains(&d.file.as_str())
                || d.related.iter().any(|r| files.contains(&r.as_str()))
        })
        .cloned()
        .collect()
}

fn check_files_reports_what_a_full_check_reports_about_them() {
    let site = broken_site("check-files");
    let (run, full) = site.check_json();
    assert_eq!(run.code, Some(1), "{run}");
    for code in [
        "duplicate-slug",
        "broken-link",
        "bad-date",
        "organisation-type",
    ] {
        find_code(&full, code);
    }
    let alpha = "content/case-studies/alpha.md";
    let beta = "content/case-studies/beta.md";
    let gone = "content/case-studies/gone.md";
    let choices: [&[&str]; 6] = [
        &[alpha],
        &[beta],
        &[gone],
        &[
            "content/case-studies/delta.md",
            "content/case-studies/epsilon.md",
        ],
        &["content/pages/about.md", "README.md"],
        &[
            alpha,
            beta,
            "content/case-studies/gamma.md",
            "content/case-studies/delta.md",
        ],
    ];
    for files in choices {
        let mut args = vec!["check", "--format", "json"];
        args.extend(files);
        let run = site.run(&args);
        let got = parse_json_lines(&run.stdout);
        let expected = restricted(&full, files);
        assert_eq!(got, expected, "check {files:?}:\n{}", list_diags(&got));
        let errors = expected.iter().any(|d| d.severity == "error");
        assert_eq!(run.code, Some(if errors { 1 } else { 0 }), "{run}");
    }
    // Each side of a duplicate slug, and a deleted link target, bring in the other file.
    assert_eq!(
        only_code(&restricted(&full, &[alpha]), "duplicate-slug").file,
        beta
    );
    assert_eq!(
        only_code(&restricted(&full, &[gone]), "broken-link").file,
        "content/case-studies/gamma.md"
    );
    let run = site.run(&["check", "README.md", "src/main.rs"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stderr
            .contains("so not checked: README.md, src/main.rs"),
        "{run}"
    );
    assert_eq!(summary(&run, "check"), [5, 0, 0, 0]);
}

/// Runs git in the site's folder, insisting that it works.
fn git(site: &TestSite, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(&site.root)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

fn check_changed_since_asks_git_for_the_changed_files() {
    if Command::new("git").arg("--version").output().is_err() {
        skip("git", "apt-get install git");
    }
    let site = TestSite::new("changed-since");
    site.case_study("alpha", &CaseStudyText::new("Alpha").render());
    site.case_study(
        "beta",
        &CaseStudyText::new("Beta")
            .body("See [alpha](alpha.md).\n")
            .render(),
    );
    site.case_study("gamma", &CaseStudyText::new("Gamma").render());
    site.case_study(
        "old",
        &CaseStudyText::new("Old").date("2011-02-30").render(),
    );
    git(&site, &["init", "-q"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "the site"]);
    // Changed, deleted (breaking beta's link), untracked; `old` stays broken.
    site.case_study(
        "gamma",
        &CaseStudyText::new("Gamma").date("2011-02-30").render(),
    );
    std::fs::remove_file(site.root.join("content/case-studies/alpha.md")).expect("delete");
    site.case_study(
        "delta",
        &CaseStudyText::new("Delta").model("nonsense").render(),
    );
    site.write("NOTES.md", "not content\n");

    let (_, full) = site.check_json();
    let run = site.run(&["check", "--format", "json", "--changed-since", "HEAD"]);
    assert_eq!(run.code, Some(1), "{run}");
    let got = parse_json_lines(&run.stdout);
    let changed = [
        "content/case-studies/alpha.md",
        "content/case-studies/gamma.md",
        "content/case-studies/delta.md",
    ];
    assert_eq!(got, restricted(&full, &changed), "{}", list_diags(&got));
    let files: BTreeSet<&str> = got.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(
        files,
        BTreeSet::from([
            "content/case-studies/beta.md",
            "content/case-studies/delta.md",
            "content/case-studies/gamma.md"
        ])
    );
    assert!(run.stderr.contains("so not checked: NOTES.md"), "{run}");

    let run = site.run(&[
        "check",
        "--format",
        "json",
        "--changed-since",
        "no-such-branch",
    ]);
    assert_eq!(run.code, Some(2), "{run}");
    let diags = parse_json_lines(&run.stdout);
    let d = only_code(&diags, "bad-argument");
    assert_eq!(d.argument, "--changed-since");
    assert!(d.message.contains("no-such-branch"), "{d:?}");

    let outside = TestSite::new("changed-since-no-repo");
    outside.case_study("one", &CaseStudyText::new("One").render());
    let run = Run::from(
        outside
            .command()
            .env("GIT_CEILING_DIRECTORIES", &outside.dir)
            .args(["check", "--format", "json", "--changed-since", "HEAD"])
            .output()
            .expect("run"),
    );
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        only_code(&parse_json_lines(&run.stdout), "git")
            .message
            .contains("not a git repository"),
        "{run}"
    );
    let no_git = Run::from(
        site.command()
            .env("PATH", "")
            .args(["check", "--format", "json", "--changed-since", "HEAD"])
            .output()
            .expect("run"),
    );
    assert_eq!(no_git.code, Some(2), "{no_git}");
    assert!(
        only_code(&parse_json_lines(&no_git.stdout), "git")
            .help
            .contains("install git")
    );
}

/// `check` renders no page with the built-in templates, but a site's own
/// templates are its code: an error they make only when rendering, with
/// this content, is still found, at the template.
fn check_renders_with_a_sites_own_templates() {
    let site = TestSite::new("check-own-templates");
    site.case_study("one", &CaseStudyText::new("One").render());
    let run = site.run(&["check"]);
    assert_eq!(run.code, Some(0), "{run}");
    site.write(
        "themes/default/templates/case_study.html",
        "{% extends \"base.html\" %}{% block content %}{{ no_such_value }}{% endblock content %}",
    );
    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(1), "{run}");
    let d = only_code(&diags, "template");
    assert_eq!(
        (d.file.as_str(), d.line, d.column),
        ("themes/default/templates/case_study.html", 1, 48),
        "{d:?}"
    );
    assert!(d.message.contains("no_such_value"), "{d:?}");
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        check_renders_with_a_sites_own_templates,
        summary_line_in_every_format_and_stdout_stays_machine_readable,
        deny_warnings_fails_check_and_build_and_keeps_the_previous_site,
        exit_codes_tell_content_from_environment,
        github_annotations_name_files_from_the_workspace,
        check_files_reports_what_a_full_check_reports_about_them,
        check_changed_since_asks_git_for_the_changed_files,
    ]
}
