//! Black-box tests of the command line: `compendium new` and `--help`.

use crate::support::common::*;

const TITLE: &str = "Adur and Worthing: shared management";
const FILE: &str = "content/case-studies/adur-and-worthing-shared-management.md";

/// Replaces every front-matter placeholder of the `new` template with a real value.
fn fill_front_matter(text: &str) -> String {
    let mut out = String::new();
    let mut in_front_matter = false;
    let mut fences = 0;
    for line in text.lines() {
        if line.trim_end() == "---" {
            fences += 1;
            in_front_matter = fences == 1;
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let key = line.trim_start().split(':').next().unwrap_or("");
        let filled = if !in_front_matter || line.trim_start().starts_with('#') {
            None
        } else {
            match key {
                "summary" => Some(format!(
                    "{indent}summary: \"Two councils share a chief executive and one management team.\""
                )),
                "date" => Some(format!("{indent}date: 2012-05-01")),
                "model" => Some(format!("{indent}model: shared-management")),
                "functions" => Some(format!("{indent}functions: [senior-management, hr]")),
                "- name" => Some(format!("{indent}- name: Adur District Council")),
                "type" => Some(format!("{indent}type: district")),
                "region" => Some(format!("{indent}region: south-east")),
                _ => None,
            }
        };
        out.push_str(filled.as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

fn fill_body(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim() == "TODO" {
                "The councils wrote this section.\n".to_owned()
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

fn new_writes_a_template_that_check_rejects_until_filled() {
    let site = TestSite::new("new");
    let run = site.run(&["new", TITLE]);
    assert_eq!(run.code, Some(0), "{run}");
    let path = site.root.join(FILE);
    assert!(path.is_file(), "{FILE} was not written:\n{run}");
    let template = std::fs::read_to_string(&path).expect("read the new file");
    assert!(
        template.contains(&format!("title: \"{TITLE}\"")),
        "the title is filled in:\n{template}"
    );

    // As written, every placeholder is an error at its own line.
    let (run, diags) = site.check_json();
    assert_eq!(
        run.code,
        Some(1),
        "the unfilled template must not pass:\n{run}"
    );
    let errors: Vec<&Diag> = diags.iter().filter(|d| d.severity == "error").collect();
    assert!(
        errors.iter().all(|d| d.file == FILE),
        "{}",
        list_diags(&diags)
    );
    let error_lines: Vec<u64> = errors.iter().map(|d| d.line).collect();
    for placeholder in [
        "summary: \"TODO",
        "date: YYYY-MM-DD",
        "model: choose-a-model",
        "functions: [choose-a-function]",
        "name: TODO",
    ] {
        let (line, _) = pos_of(&template, placeholder);
        assert!(
            error_lines.contains(&(line as u64)),
            "no error on line {line} ({placeholder}):\n{}",
            list_diags(&diags)
        );
    }

    // Filled in, it passes, and builds into a page with that title.
    let filled = fill_body(&fill_front_matter(&template));
    std::fs::write(&path, &filled).expect("write");
    let (run, diags) = site.check_json();
    assert_eq!(
        run.code,
        Some(0),
        "the filled template should pass:\n{filled}\n{}",
        list_diags(&diags)
    );
    let out = site.build_ok(None);
    let page = read(
        &out,
        "case-studies/adur-and-worthing-shared-management/index.html",
    );
    assert_eq!(first_text(&page, "h1"), TITLE);
}

fn new_template_body_placeholders_are_rejected_too() {
    // The body's `TODO` sections are placeholders as much as the front matter's:
    // a case study published with "TODO" under every heading is not filled in.
    let site = TestSite::new("new-body");
    assert_eq!(site.run(&["new", TITLE]).code, Some(0));
    let path = site.root.join(FILE);
    let front_only = fill_front_matter(&std::fs::read_to_string(&path).expect("read"));
    std::fs::write(&path, &front_only).expect("write");
    let (run, diags) = site.check_json();
    assert_eq!(
        run.code,
        Some(1),
        "a body still reading TODO must not pass:\n{front_only}\n{run}"
    );
    let d = find_code(&diags, "placeholder");
    assert_eq!(d.file, FILE);
    assert_eq!(
        d.line as usize,
        pos_of(&front_only, "\nTODO").0 + 1,
        "{d:?}"
    );
}

fn new_refuses_to_overwrite() {
    let site = TestSite::new("new-twice");
    assert_eq!(site.run(&["new", TITLE]).code, Some(0));
    let path = site.root.join(FILE);
    std::fs::write(&path, "edited by hand\n").expect("write");
    let run = site.run(&["new", TITLE]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("error[file-exists]"), "{run}");
    assert!(
        run.stderr
            .contains("adur-and-worthing-shared-management.md"),
        "the message names the file:\n{run}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "edited by hand\n"
    );
}

fn new_rejects_a_title_with_nothing_to_make_a_slug_from() {
    let site = TestSite::new("new-empty-title");
    let run = site.run(&["new", "!!!"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("error[bad-argument]"), "{run}");
    assert!(run.stderr.contains("<title>"), "names the argument: {run}");
    assert!(
        !site.root.join("content/case-studies").exists()
            || snapshot(&site.root.join("content/case-studies")).is_empty()
    );
}

/// The subcommands listed by `compendium --help`.
fn subcommands() -> Vec<String> {
    let site = TestSite::new("help");
    let run = site.run(&["--help"]);
    assert_eq!(run.code, Some(0), "{run}");
    let mut in_commands = false;
    let mut names = Vec::new();
    for line in run.stdout.lines() {
        if line.trim_end() == "Commands:" {
            in_commands = true;
            continue;
        }
        if in_commands {
            if line.trim().is_empty() || !line.starts_with(' ') {
                break;
            }
            // `  name  description`; wrapped descriptions are indented further.
            if line.starts_with("   ") {
                continue;
            }
            let name = line.split_whitespace().next().unwrap_or("");
            if !name.is_empty() && name != "help" {
                names.push(name.to_owned());
            }
        }
    }
    names
}

fn help_of_every_subcommand_includes_an_example() {
    let commands = subcommands();
    for expected in ["build", "check", "new"] {
        assert!(
            commands.iter().any(|c| c == expected),
            "`{expected}` is not listed in --help: {commands:?}"
        );
    }
    let site = TestSite::new("help-each");
    for command in &commands {
        let run = site.run(&[command, "--help"]);
        assert_eq!(run.code, Some(0), "{run}");
        let example = run
            .stdout
            .lines()
            .find(|l| l.to_lowercase().contains("example"));
        let example = example.unwrap_or_else(|| {
            panic!(
                "`compendium {command} --help` has no example:\n{}",
                run.stdout
            )
        });
        assert!(
            run.stdout.contains(&format!("compendium {command}")),
            "the example of `{command}` shows the command: {example}"
        );
    }
}

fn usage_errors_exit_with_code_2() {
    let site = TestSite::new("usage");
    assert_eq!(site.run(&["frobnicate"]).code, Some(2));
    assert_eq!(site.run(&["check", "--format", "xml"]).code, Some(2));
}

fn a_bad_base_url_is_an_error() {
    let site = TestSite::new("bad-base-url");
    site.case_study("one", &CaseStudyText::new("One").render());
    let out = site.dir.join("out");
    let run = site.build_into(&out, Some("example.org/sub"));
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("error[bad-argument]"), "{run}");
    assert!(run.stderr.contains("--base-url"), "{run}");
    assert!(!out.exists());
}

/// `build --timings` adds, after the summary line, every step of the build
/// with its time and how many times it ran (one file read per case study).
fn build_timings_name_every_step() {
    let site = TestSite::new("timings");
    site.case_study("one", &CaseStudyText::new("One").render());
    site.case_study("two", &CaseStudyText::new("Two").render());
    let out = site.dir.join("out");
    let out_arg = out.to_string_lossy().into_owned();
    let root = site.root.to_string_lossy().into_owned();
    let run = site.run(&["build", "--root", &root, "--out", &out_arg, "--timings"]);
    assert_eq!(run.code, Some(0), "{run}");
    let table = run
        .stderr
        .split("Where the time went")
        .nth(1)
        .unwrap_or_else(|| panic!("no timings table: {run}"));
    for step in [
        "read files",
        "parse front matter (YAML)",
        "validate fields",
        "parse Markdown (pulldown-cmark)",
        "model (wall)",
        "search index (wall)",
        "search export (wall)",
        "render case study pages",
        "render listings and home",
        "write files",
        "swap in (wall)",
    ] {
        let line = table
            .lines()
            .find(|l| l.trim_start().starts_with(step))
            .unwrap_or_else(|| panic!("no line for {step}: {table}"));
        assert!(
            line.contains(" ms ") && line.trim_end().ends_with("times"),
            "{line}"
        );
    }
    let reads = table
        .lines()
        .find(|l| l.contains("read files"))
        .unwrap_or("");
    assert!(
        reads.contains(" 2 times"),
        "one read per case study: {reads}"
    );
    let without = site.run(&["build", "--root", &root, "--out", &out_arg]);
    assert!(!without.stderr.contains("Where the time went"), "{without}");
    // The third build reuses the first's folder, the spare, listing it.
    let third = site.run(&["build", "--root", &root, "--out", &out_arg, "--timings"]);
    assert!(
        third
            .stderr
            .lines()
            .any(|l| l.trim_start().starts_with("list the spare to reuse")
                && l.ends_with(" 1 times")),
        "{third}"
    );
}

fn running_outside_a_site_explains_what_is_missing() {
    let site = TestSite::new("no-content");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(2), "{run}");
    let d = only_code(&diags, "no-content-folder");
    assert_eq!(
        (d.origin.as_str(), d.argument.as_str()),
        ("argument", "--root")
    );
    assert!(d.help.contains("--root"), "{d:?}");
}

/// `compendium search x | head -1`: the reader goes away before the output is
/// written. Like ripgrep, compendium then stops quietly with exit code 0
/// (it used to panic in `println!`).
fn a_closed_stdout_ends_quietly_with_exit_code_0() {
    let site = TestSite::new("broken-pipe");
    for i in 0..3 {
        site.case_study(
            &format!("c{i}"),
            &CaseStudyText::new(&format!("Shared waste {i}")).render(),
        );
    }
    // A warning, so that `check --format json` has something to print and still passes.
    let warned = CaseStudyText::new("Twice").functions("[waste, ict, waste]");
    site.case_study("twice", &warned.render());
    for args in [
        &["search", "waste"][..],
        &["search", "waste", "--json"][..],
        &["check", "--format", "json"][..],
    ] {
        let mut child = site
            .command()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start compendium");
        // Close the read end at once: every write to stdout then fails with EPIPE.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait for compendium");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
        assert_eq!(output.status.code(), Some(0), "{args:?}:\n{stderr}");
    }
}

/// `compendium search` on the bundled content, as an editor would run it.
fn search_bundled(args: &[&str]) -> (serde_json::Value, String) {
    let run = |json: bool| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_compendium"));
        command
            .arg("search")
            .args(["--root", env!("CARGO_MANIFEST_DIR")])
            .args(args);
        if json {
            command.arg("--json");
        }
        let out = command.output().expect("run compendium search");
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let json = serde_json::from_str(&run(true)).expect("json");
    (json, run(false))
}

/// A misspelt query runs as its suggestion and says so; a query no case
/// study matches in full lists nothing unless asked; pages go on.
fn search_suggests_spellings_lists_no_noise_and_pages_on() {
    let (json, text) = search_bundled(&["Worcestshire"]);
    assert_eq!(json["suggestion"]["query"], "Worcestershire", "{json}");
    assert_eq!(json["suggestion"]["applied"], true);
    assert!(
        json["hits"]
            .as_array()
            .is_some_and(|h| h.iter().any(|h| h["slug"] == "bromsgrove-redditch")),
        "{json}"
    );
    assert!(
        text.starts_with(
            "No case study has “Worcestshire”; showing results for “Worcestershire” instead."
        ),
        "{text}"
    );

    let (json, text) = search_bundled(&["coroner service"]);
    assert_eq!(json["total"], 0, "{json}");
    assert!(json["unlisted"].as_u64().is_some_and(|n| n > 0), "{json}");
    assert!(
        text.contains("No case study matches all the words of “coroner service”")
            && text.contains("--partial"),
        "{text}"
    );
    let (json, _) = search_bundled(&["coroner service", "--partial"]);
    assert!(
        json["hits"].as_array().is_some_and(|h| !h.is_empty()),
        "{json}"
    );
    assert_eq!(json["all_words"], 0);

    let (first, _) = search_bundled(&["waste", "--limit", "2"]);
    let (second, text) = search_bundled(&["waste", "--limit", "2", "--page", "2"]);
    let slugs = |v: &serde_json::Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .map(|h| h.iter().map(|h| h["slug"].to_string()).collect())
            .unwrap_or_default()
    };
    assert_eq!(first["total"], second["total"]);
    assert_eq!(slugs(&second).len(), 2);
    assert!(
        slugs(&second).iter().all(|s| !slugs(&first).contains(s)),
        "page 2 follows page 1: {first} {second}"
    );
    assert!(text.contains("  3. "), "ranks go on from page 1: {text}");

    // Annual savings of at least £400k achieved: not a total, not a share.
    let (json, _) = search_bundled(&["", "--saving-at-least", "£400k", "--limit", "50"]);
    let found = slugs(&json);
    assert!(
        found.contains(&"\"bromsgrove-redditch\"".to_owned())
            && !found.contains(&"\"south-london-waste-partnership\"".to_owned()),
        "{found:?}"
    );
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_compendium"))
        .args(["search", "x", "--saving-at-least", "lots"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("250k"));
}

/// `compendium search` shows each hit's best passage of its body or lessons
/// with the matched words marked (`**` in text, offsets in `--json`), and
/// the summary when only it matches.
fn search_shows_the_best_passage_with_the_matched_words() {
    let site = TestSite::new("search-passage");
    let body = "## What was the approach?\n\nThe councils share a service.\n\n\
                The depot took 500 tonnes of glass, and more tonnes later.\n\n\
                - A café and a depot.\n";
    site.case_study(
        "glass",
        &CaseStudyText::new("Glass")
            .extra("lessons:\n  - \"Weigh the tonnes twice.\"\n")
            .body(body)
            .render(),
    );
    let mut other = CaseStudyText::new("Other");
    other.summary = "A shared depot, overseen jointly.".into();
    site.case_study("other", &other.render());

    let run = site.run(&["search", "tonnes depot", "--json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let hits = json["hits"].as_array().expect("hits");
    assert_eq!(hits[0]["slug"], "glass");
    let passage = &hits[0]["passage"];
    assert_eq!(passage["from"], "body", "{passage}");
    // Both words in one paragraph beat either alone, and the lesson.
    let text = passage["text"].as_str().expect("text");
    assert_eq!(
        text,
        "The depot took 500 tonnes of glass, and more tonnes later."
    );
    let chars: Vec<char> = text.chars().collect();
    let marked: Vec<String> = passage["marks"]
        .as_array()
        .expect("marks")
        .iter()
        .map(|m| {
            let (s, e) = (m[0].as_u64().unwrap_or(0), m[1].as_u64().unwrap_or(0));
            chars[s as usize..e as usize].iter().collect()
        })
        .collect();
    assert_eq!(marked, ["depot", "tonnes", "tonnes"]);
    // Only the summary holds "overseen": it is what the hit shows, marked.
    let run = site.run(&["search", "overseen", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        json["hits"][0]["passage"],
        serde_json::json!({"from": "summary", "text": "A shared depot, overseen jointly.", "marks": [[16, 24]]})
    );

    let run = site.run(&["search", "tonnes depot"]);
    assert!(
        run.stdout
            .contains("The **depot** took 500 **tonnes** of glass, and more **tonnes** later."),
        "{}",
        run.stdout
    );
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        search_suggests_spellings_lists_no_noise_and_pages_on,
        new_writes_a_template_that_check_rejects_until_filled,
        new_template_body_placeholders_are_rejected_too,
        new_refuses_to_overwrite,
        new_rejects_a_title_with_nothing_to_make_a_slug_from,
        help_of_every_subcommand_includes_an_example,
        usage_errors_exit_with_code_2,
        a_bad_base_url_is_an_error,
        build_timings_name_every_step,
        running_outside_a_site_explains_what_is_missing,
        a_closed_stdout_ends_quietly_with_exit_code_0,
        search_shows_the_best_passage_with_the_matched_words,
    ]
}
