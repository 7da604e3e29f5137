//! Black-box tests of validation: every mistake an editor can make is reported
//! with the file, line and column, a message and (where useful) help, by
//! `compendium check` in all three formats; the exit code is 1.

use crate::support::common::*;

const PARTNERS: &str =
    "  - name: Anytown District Council\n    type: district\n    region: south-east\n";

/// Runs `check --format json`, insists on exit code 1, returns the diagnostics.
fn check_fails(site: &TestSite) -> Vec<Diag> {
    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(1), "check should fail:\n{run}");
    assert!(
        !diags.is_empty(),
        "check failed without a diagnostic:\n{run}"
    );
    diags
}

fn valid_content_passes_check_with_exit_code_0() {
    let site = rich_site("valid");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        diags.iter().all(|d| d.severity != "error"),
        "{}",
        list_diags(&diags)
    );
}

fn check_writes_nothing() {
    let site = rich_site("check-writes-nothing");
    let before = snapshot(&site.dir);
    let (run, _) = site.check_json();
    assert_eq!(run.code, Some(0), "{run}");
    assert_same_files(&before, &snapshot(&site.dir));
}

fn warnings_are_reported_but_do_not_fail() {
    let site = TestSite::new("warnings");
    let text = CaseStudyText::new("Twice")
        .functions("[waste, ict, waste]")
        .render();
    let file = site.case_study("twice", &text);
    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(0), "{run}");
    let d = find_diag(&diags, "`waste`");
    assert_eq!(d.severity, "warning");
    assert_eq!(
        (d.file.as_str(), d.line as usize, d.column as usize),
        (
            file.as_str(),
            pos_of(&text, "waste]").0,
            pos_of(&text, "waste]").1
        )
    );
    let run = site.build_into(&site.dir.join("out"), None);
    assert_eq!(run.code, Some(0), "{run}");
}

fn a_share_for_someone_who_is_not_a_partner() {
    let site = TestSite::new("share");
    let text = CaseStudyText::new("Shares")
        .extra("savings:\n  - amount: 1000\n    period: annual\n    partner: Anytown District Councl\n")
        .render();
    let file = site.case_study("shares", &text);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "Anytown District Councl");
    assert_at(d, &file, pos_of(&text, "Anytown District Councl"));
    assert!(d.help.contains("`Anytown District Council`"), "{d:?}");
}

fn missing_required_field() {
    let site = TestSite::new("missing-field");
    let text = format!(
        "---\ntitle: \"No summary here\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [waste]\npartners:\n{PARTNERS}---\n\nBody.\n"
    );
    let file = site.case_study("no-summary", &text);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "missing required field `summary`");
    // Reported where the front matter starts.
    assert_at(d, &file, (2, 1));
    assert!(
        d.help.contains("summary:"),
        "help should show the field: {d:?}"
    );
}

fn wrong_type() {
    let site = TestSite::new("wrong-type");
    let text = format!(
        "---\ntitle: \"Wrong types\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: waste\npartners:\n{PARTNERS}draft: \"yes\"\n---\n\nBody.\n"
    );
    let file = site.case_study("wrong-type", &text);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "`functions` should be a list");
    assert_at(d, &file, pos_after(&text, "functions: "));
    assert!(d.message.contains("found text"), "{d:?}");
    assert!(d.help.contains("functions: ["), "{d:?}");
    let d = find_diag(&diags, "`draft` should be true or false");
    assert_at(d, &file, pos_after(&text, "draft: "));
}

fn unknown_field_suggests_the_nearest_known_name() {
    let site = TestSite::new("unknown-field");
    let text = format!(
        "---\ntitle: \"Typo\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: joint-working\nfucntions: [waste]\npartners:\n{PARTNERS}---\n\nBody.\n"
    );
    let file = site.case_study("typo", &text);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "unknown field `fucntions`");
    assert_at(d, &file, pos_of(&text, "fucntions"));
    assert!(
        d.help.contains("`functions`"),
        "help should name `functions`: {d:?}"
    );
    // The field it was meant to be is then missing, but saying so would only
    // repeat the typo: one message, at the misspelt key.
    assert!(
        !diags
            .iter()
            .any(|d| d.message.contains("missing required field `functions`")),
        "{diags:?}"
    );
}

fn unknown_field_inside_a_partner() {
    let site = TestSite::new("unknown-partner-field");
    let text = "---\ntitle: \"Typo\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [waste]\npartners:\n  - name: Anytown District Council\n    type: district\n    regoin: south-east\n---\n\nBody.\n";
    let file = site.case_study("typo", text);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "unknown field `regoin`");
    assert_at(d, &file, pos_of(text, "regoin"));
    assert!(d.help.contains("`region`"), "{d:?}");
}

fn unknown_vocabulary_slugs_suggest_the_nearest_valid_slug() {
    let site = TestSite::new("vocabulary");
    let text = "---\ntitle: \"Slugs\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: shared-managment\nfunctions: [waste, procurment]\npartners:\n  - name: Anytown District Council\n    type: distrct\n    region: south-est\n---\n\nBody.\n";
    let file = site.case_study("slugs", text);
    let diags = check_fails(&site);

    let d = find_diag(&diags, "`procurment`");
    assert!(d.message.contains("unknown function"), "{d:?}");
    assert_at(d, &file, pos_of(text, "procurment"));
    assert!(d.help.contains("`procurement`"), "{d:?}");

    let d = find_diag(&diags, "`shared-managment`");
    assert_at(d, &file, pos_of(text, "shared-managment"));
    assert!(d.help.contains("`shared-management`"), "{d:?}");

    let d = find_diag(&diags, "`distrct`");
    assert_at(d, &file, pos_of(text, "distrct"));
    assert!(d.help.contains("`district`"), "{d:?}");

    let d = find_diag(&diags, "`south-est`");
    assert!(d.message.contains("unknown region"), "{d:?}");
    assert_at(d, &file, pos_of(text, "south-est"));
    assert!(d.help.contains("`south-east`"), "{d:?}");
}

fn bad_dates() {
    let site = TestSite::new("bad-date");
    let text = format!(
        "---\ntitle: \"Dates\"\nsummary: \"S.\"\ndate: 2011-02-30\nstarted: 2008-13\nmodel: joint-working\nfunctions: [waste]\npartners:\n{PARTNERS}---\n\nBody.\n"
    );
    let file = site.case_study("dates", &text);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "2011-02-30");
    assert_at(d, &file, pos_after(&text, "date: "));
    assert!(
        d.message.contains("February 2011 has no day 30") || d.message.contains("day"),
        "{d:?}"
    );
    assert!(d.help.contains("YYYY-MM-DD"), "{d:?}");
    let d = find_diag(&diags, "2008-13");
    assert_at(d, &file, pos_after(&text, "started: "));
}

fn unparseable_amounts() {
    let site = TestSite::new("bad-amount");
    let text = format!(
        "---\ntitle: \"Money\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [waste]\npartners:\n{PARTNERS}savings:\n  - amount: \"about a million\"\n    period: annual\ncosts:\n  - amount: £1.2 zillion\n    period: one-off\n---\n\nBody.\n"
    );
    let file = site.case_study("money", &text);
    let diags = check_fails(&site);
    let amount_errors: Vec<&Diag> = diags
        .iter()
        .filter(|d| d.message.contains("amount"))
        .collect();
    assert_eq!(amount_errors.len(), 2, "{}", list_diags(&diags));
    assert_at(amount_errors[0], &file, pos_after(&text, "  - amount: "));
    assert_at(amount_errors[1], &file, pos_of(&text, "£1.2 zillion"));
    assert!(
        amount_errors[0].help.contains("£1.2m"),
        "the help shows the forms accepted: {:?}",
        amount_errors[0]
    );
}

fn two_case_studies_with_the_same_slug() {
    let site = TestSite::new("duplicate-slug");
    let a = CaseStudyText::new("First").extra("slug: shared\n").render();
    let b = CaseStudyText::new("Second")
        .extra("slug: shared\n")
        .render();
    site.case_study("a", &a);
    site.case_study("b", &b);
    let diags = check_fails(&site);
    let dups: Vec<&Diag> = diags
        .iter()
        .filter(|d| d.message.contains("`shared`"))
        .collect();
    assert_eq!(
        dups.len(),
        1,
        "one error for the second claim: {}",
        list_diags(&diags)
    );
    let d = dups[0];
    let (this, other, text) = if d.file.ends_with("b.md") {
        ("content/case-studies/b.md", "a.md", &b)
    } else {
        ("content/case-studies/a.md", "b.md", &a)
    };
    assert_at(d, this, pos_after(text, "slug: "));
    assert!(
        d.message.contains(other),
        "the message names the other file: {d:?}"
    );
}

fn a_file_name_and_a_slug_field_clashing() {
    let site = TestSite::new("duplicate-slug-file");
    site.case_study("same", &CaseStudyText::new("By file name").render());
    site.case_study(
        "zzz",
        &CaseStudyText::new("By slug field")
            .extra("slug: same\n")
            .render(),
    );
    let diags = check_fails(&site);
    let d = find_diag(&diags, "`same`");
    assert!(
        d.file.ends_with("same.md") || d.file.ends_with("zzz.md"),
        "{d:?}"
    );
}

fn unclosed_front_matter() {
    let site = TestSite::new("unclosed");
    let text =
        "---\ntitle: \"Never closed\"\nsummary: \"S.\"\n\n## What was the approach?\n\nText.\n";
    let file = site.case_study("unclosed", text);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "not closed");
    assert_at(d, &file, (1, 1));
    assert!(d.help.contains("---"), "{d:?}");
}

fn missing_front_matter() {
    let site = TestSite::new("no-front-matter");
    let file = site.case_study("plain", "# Just Markdown\n\nNo front matter at all.\n");
    let diags = check_fails(&site);
    let d = find_diag(&diags, "front matter");
    assert_at(d, &file, (1, 1));
}

fn invalid_yaml_syntax_is_located() {
    let site = TestSite::new("bad-yaml");
    let text = "---\ntitle: \"Unterminated\nsummary: x: y: z\n---\n\nBody.\n";
    let file = site.case_study("yaml", text);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "YAML");
    assert_eq!(d.file, file);
    assert!(
        d.line >= 2 && d.line <= 4,
        "a YAML error is inside the front matter: {d:?}"
    );

    // A precise one: the second `: ` on a line.
    let site = TestSite::new("bad-yaml-2");
    let text = "---\ntitle: a: b\nsummary: \"S.\"\n---\n\nBody.\n";
    let file = site.case_study("yaml", text);
    let diags = check_fails(&site);
    assert_at(find_diag(&diags, "YAML"), &file, pos_of(text, ": b"));
}

fn crlf_and_byte_order_mark_do_not_shift_positions() {
    let site = TestSite::new("crlf");
    let text = CaseStudyText::new("Windows")
        .date("2011-02-30")
        .model("compny")
        .render();
    let crlf = text.replace('\n', "\r\n");
    site.write("content/case-studies/crlf.md", &crlf);
    site.write("content/case-studies/bom.md", &format!("\u{feff}{text}"));
    let diags = check_fails(&site);
    for file in [
        "content/case-studies/crlf.md",
        "content/case-studies/bom.md",
    ] {
        let mine: Vec<&Diag> = diags.iter().filter(|d| d.file == file).collect();
        let date = mine
            .iter()
            .find(|d| d.message.contains("2011-02-30"))
            .unwrap_or_else(|| panic!("{file}: {}", list_diags(&diags)));
        assert_at(date, file, pos_after(&text, "date: "));
        let model = mine
            .iter()
            .find(|d| d.message.contains("compny"))
            .unwrap_or_else(|| panic!("{file}: {}", list_diags(&diags)));
        assert_at(model, file, pos_after(&text, "model: "));
    }
}

fn body_problems_are_reported_even_when_the_front_matter_has_errors() {
    // One run should show everything wrong with a file: an editor who fixes
    // the front matter should not then meet a second round of errors.
    let site = TestSite::new("body-and-front-matter");
    let text = CaseStudyText::new("Both")
        .date("2011-02-30")
        .body("See [x](../missing.md) and [y](javascript:alert(1)).\n")
        .render();
    let file = site.case_study("both", &text);
    let diags = check_fails(&site);
    assert_at(
        find_diag(&diags, "2011-02-30"),
        &file,
        pos_after(&text, "date: "),
    );
    assert_at(find_diag(&diags, "missing.md"), &file, pos_of(&text, "[x]"));
    assert_at(find_diag(&diags, "javascript"), &file, pos_of(&text, "[y]"));
}

fn a_file_that_is_not_utf8() {
    let site = TestSite::new("not-utf8");
    let mut bytes = b"---\ntitle: \"Caf".to_vec();
    bytes.push(0xE9); // Latin-1 e-acute
    bytes.extend_from_slice(b" society\"\nsummary: \"S.\"\n---\n\nBody.\n");
    site.write_bytes("content/case-studies/latin1.md", &bytes);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "UTF-8");
    assert_at(d, "content/case-studies/latin1.md", (2, 12));
    assert!(d.help.contains("UTF-8"), "{d:?}");
}

fn an_empty_file() {
    let site = TestSite::new("empty");
    let file = site.case_study("empty", "");
    let blank = site.case_study("blank", "\n\n  \n");
    let diags = check_fails(&site);
    let empties: Vec<&Diag> = diags
        .iter()
        .filter(|d| d.message.contains("empty"))
        .collect();
    assert_eq!(empties.len(), 2, "{}", list_diags(&diags));
    assert_at(
        empties.iter().find(|d| d.file == file).expect("empty.md"),
        &file,
        (1, 1),
    );
    assert_at(
        empties.iter().find(|d| d.file == blank).expect("blank.md"),
        &blank,
        (1, 1),
    );
}

fn broken_links_between_case_studies() {
    let site = TestSite::new("broken-link");
    site.case_study("present", &CaseStudyText::new("Present").render());
    let text = CaseStudyText::new("Linker")
        .body("## What was the approach?\n\nSee [x](../missing.md), [ok](present.md) and\n[y](/case-studies/nope/) for more.\n")
        .render();
    let file = site.case_study("linker", &text);
    let diags = check_fails(&site);
    let errors: Vec<&Diag> = diags.iter().filter(|d| d.severity == "error").collect();
    assert_eq!(
        errors.len(),
        2,
        "two broken links, the good one passes: {}",
        list_diags(&diags)
    );
    let d = find_diag(&diags, "missing.md");
    assert_at(d, &file, pos_of(&text, "[x]"));
    let d = find_diag(&diags, "/case-studies/nope/");
    assert_at(d, &file, pos_of(&text, "[y]"));
    assert!(!d.help.is_empty(), "{d:?}");
}

fn raw_html_is_shown_as_text_never_passed_through() {
    let site = TestSite::new("raw-html");
    let text = CaseStudyText::new("Scripted")
        .body("## What was the approach?\n\n<script>alert(\"owned\")</script>\n\nHello <img src=x onerror=alert(1)> and <a href=\"javascript:alert(4)\">there</a>.\n")
        .render();
    site.case_study("scripted", &text);
    let out = site.build_ok(None);
    let html = read(&out, "case-studies/scripted/index.html");
    assert!(
        html.contains("&lt;script&gt;"),
        "the raw HTML should be shown as text"
    );
    assert!(
        text_of(&html).contains("<script>alert(\"owned\")</script>"),
        "the raw HTML reads as text"
    );
    for (rel, bytes) in snapshot(&out) {
        let s = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(!s.contains("<script>alert"), "{rel} contains the script");
        assert!(!s.contains("<img src=x"), "{rel} contains the raw <img>");
        // Escaped text may read `href="javascript:…"`; what matters is that no
        // real element carries it.
        for tag in ["a", "img"] {
            for el in elements(&s, tag) {
                let open = &el[..el.find('>').unwrap_or(el.len())];
                assert!(
                    !open.contains("javascript:") && !open.contains("onerror"),
                    "{rel} has a live <{tag}>: {open}"
                );
            }
        }
    }
}

fn markup_in_front_matter_text_is_escaped_everywhere() {
    let site = TestSite::new("escaped-fields");
    let mut cs = CaseStudyText::new("<script>alert(1)</script> & \\\"partners\\\"");
    cs.summary = "A <b>bold</b> summary with \\\"quotes\\\" & <script>alert(2)</script>.".into();
    cs.extra = "lessons:\n  - \"<script>alert(3)</script>\"\n".into();
    site.case_study("escaped", &cs.render());
    let out = site.build_ok(None);
    for (rel, bytes) in snapshot(&out) {
        if rel.ends_with(".html") || rel.ends_with(".xml") {
            let s = String::from_utf8_lossy(&bytes);
            assert!(
                !s.contains("<script>alert"),
                "{rel} lets front-matter markup through"
            );
            assert!(
                !s.contains("<b>bold"),
                "{rel} lets front-matter markup through"
            );
        }
    }
    let html = read(&out, "case-studies/escaped/index.html");
    assert_eq!(
        first_text(&html, "h1"),
        "<script>alert(1)</script> & \"partners\""
    );
    // The JSON keeps the text exactly.
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "data/case-studies.json")).expect("JSON");
    assert_eq!(
        json[0]["summary"],
        "A <b>bold</b> summary with \"quotes\" & <script>alert(2)</script>."
    );
}

fn javascript_links_are_errors_and_never_reach_the_output() {
    let site = TestSite::new("javascript-links");
    let text = CaseStudyText::new("Links")
        .body("## What was the approach?\n\nClick [here](javascript:alert(1)) or <javascript:alert(2)>\nor [there][r] or ![pic](JavaScript:alert(5)).\n\n[r]: JaVaScRiPt:alert(3)\n")
        .render();
    let file = site.case_study("links", &text);
    let diags = check_fails(&site);
    let errors: Vec<&Diag> = diags
        .iter()
        .filter(|d| d.message.to_lowercase().contains("javascript"))
        .collect();
    assert_eq!(errors.len(), 4, "{}", list_diags(&diags));
    assert_at(errors[0], &file, pos_of(&text, "[here]"));
    assert_at(errors[1], &file, pos_of(&text, "<javascript:"));
    assert_at(errors[2], &file, pos_of(&text, "[there]"));
    assert_at(errors[3], &file, pos_of(&text, "![pic]"));

    let out = site.dir.join("out");
    let run = site.build_into(&out, None);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(!out.exists(), "a failed build must write nothing");
}

fn reserved_page_slug_is_an_error_naming_the_file() {
    let site = TestSite::new("reserved-page");
    site.case_study("one", &CaseStudyText::new("One").render());
    site.write(
        "content/pages/functions.md",
        "---\ntitle: Functions\n---\n\nMine.\n",
    );
    let diags = check_fails(&site);
    let d = find_diag(&diags, "`functions`");
    assert_eq!(d.file, "content/pages/functions.md");
    assert_eq!(d.severity, "error");
}

fn summary_longer_than_300_characters() {
    let site = TestSite::new("long-summary");
    let mut cs = CaseStudyText::new("Long");
    cs.summary = "x".repeat(301);
    let text = cs.render();
    let file = site.case_study("long", &text);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "300");
    assert_at(d, &file, pos_after(&text, "summary: "));
}

fn public_body_without_a_region() {
    let site = TestSite::new("no-region");
    let text = CaseStudyText::new("No region").partners("  - name: Anytown District Council\n    type: district\n  - name: Helper Ltd\n    type: private\n").render();
    let file = site.case_study("no-region", &text);
    let diags = check_fails(&site);
    let errors: Vec<&Diag> = diags.iter().filter(|d| d.severity == "error").collect();
    assert_eq!(
        errors.len(),
        1,
        "only the council needs a region: {}",
        list_diags(&diags)
    );
    let d = find_diag(&diags, "Anytown District Council");
    assert!(d.message.contains("region"), "{d:?}");
    assert_eq!(
        (d.file.as_str(), d.line),
        (file.as_str(), pos_of(&text, "Anytown").0 as u64),
        "{d:?}"
    );
}

fn all_problems_in_all_files_are_reported_in_one_run() {
    let site = TestSite::new("all-problems");
    site.case_study("good", &CaseStudyText::new("Good").render());
    let dates = CaseStudyText::new("Dates").date("2011-02-30").render();
    let dates_file = site.case_study("dates", &dates);
    let vocab = CaseStudyText::new("Vocab")
        .model("compnay")
        .functions("[procurment]")
        .extra("fucntions: [waste]\n")
        .render();
    let vocab_file = site.case_study("vocab", &vocab);
    let empty_file = site.case_study("empty", "");
    let diags = check_fails(&site);

    assert_at(
        find_diag(&diags, "2011-02-30"),
        &dates_file,
        pos_after(&dates, "date: "),
    );
    assert_at(
        find_diag(&diags, "`compnay`"),
        &vocab_file,
        pos_of(&vocab, "compnay"),
    );
    assert_at(
        find_diag(&diags, "`procurment`"),
        &vocab_file,
        pos_of(&vocab, "procurment"),
    );
    assert_at(
        find_diag(&diags, "`fucntions`"),
        &vocab_file,
        pos_of(&vocab, "fucntions"),
    );
    assert_at(find_diag(&diags, "empty"), &empty_file, (1, 1));
    assert!(
        diags.iter().all(|d| !d.file.ends_with("good.md")),
        "{}",
        list_diags(&diags)
    );

    // Ordered by file and position, so runs are comparable.
    let keys: Vec<(String, u64, u64)> = diags
        .iter()
        .filter(|d| d.severity == "error")
        .map(|d| (d.file.clone(), d.line, d.column))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);

    // `build` reports the same problems and fails with exit code 1.
    let run = site.build_into(&site.dir.join("out"), None);
    assert_eq!(run.code, Some(1), "{run}");
    for needle in ["2011-02-30", "compnay", "procurment", "fucntions", "empty"] {
        assert!(
            run.stderr.contains(needle),
            "build did not report {needle}:\n{run}"
        );
    }
}

fn github_format_prints_annotations() {
    let site = TestSite::new("github");
    let text = CaseStudyText::new("Dates").date("2011-02-30").render();
    let file = site.case_study("dates", &text);
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, Some(1), "{run}");
    let (line, col) = pos_after(&text, "date: ");
    let prefix = format!("::error file={file},line={line},col={col}::");
    let annotation = run
        .stdout
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no line starting {prefix:?}:\n{run}"));
    assert!(annotation.contains("2011-02-30"), "{annotation}");
    assert!(
        run.stdout.lines().all(|l| l.starts_with("::")),
        "only annotations on stdout:\n{run}"
    );
}

fn human_format_shows_the_source_line_and_a_caret() {
    let site = TestSite::new("human");
    let text = CaseStudyText::new("Dates").date("2011-02-30").render();
    let file = site.case_study("dates", &text);
    let run = site.run(&["check", "--format", "human"]);
    assert_eq!(run.code, Some(1), "{run}");
    let out = format!("{}{}", run.stdout, run.stderr);
    let (line, col) = pos_after(&text, "date: ");
    assert!(
        out.contains(&format!("{file}:{line}:{col}")),
        "no file:line:col:\n{out}"
    );
    assert!(out.contains("2011-02-30"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.contains("date: 2011-02-30"))
        .unwrap_or_else(|| panic!("the source line is not shown:\n{out}"));
    let caret_line = lines
        .get(source + 1)
        .unwrap_or_else(|| panic!("nothing under the source line:\n{out}"));
    let value_at = lines[source].find("2011-02-30").expect("value");
    assert_eq!(
        caret_line.find('^'),
        Some(value_at),
        "the caret is not under the value:\n{}\n{}",
        lines[source],
        caret_line
    );
    assert!(out.to_lowercase().contains("help"), "{out}");
}

fn json_format_is_one_object_per_line_with_every_field() {
    let site = TestSite::new("json-format");
    site.case_study(
        "dates",
        &CaseStudyText::new("Dates").date("2011-02-30").render(),
    );
    site.case_study(
        "model",
        &CaseStudyText::new("Model").model("compnay").render(),
    );
    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(1), "{run}");
    assert_eq!(diags.len(), 2, "{run}");
    for line in run.stdout.lines().filter(|l| !l.is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let keys: Vec<&str> = v
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        for k in ["file", "line", "column", "severity", "message", "help"] {
            assert!(keys.contains(&k), "`{k}` missing from {line}");
        }
    }
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        valid_content_passes_check_with_exit_code_0,
        check_writes_nothing,
        warnings_are_reported_but_do_not_fail,
        a_share_for_someone_who_is_not_a_partner,
        missing_required_field,
        wrong_type,
        unknown_field_suggests_the_nearest_known_name,
        unknown_field_inside_a_partner,
        unknown_vocabulary_slugs_suggest_the_nearest_valid_slug,
        bad_dates,
        unparseable_amounts,
        two_case_studies_with_the_same_slug,
        a_file_name_and_a_slug_field_clashing,
        unclosed_front_matter,
        missing_front_matter,
        invalid_yaml_syntax_is_located,
        crlf_and_byte_order_mark_do_not_shift_positions,
        body_problems_are_reported_even_when_the_front_matter_has_errors,
        a_file_that_is_not_utf8,
        an_empty_file,
        broken_links_between_case_studies,
        raw_html_is_shown_as_text_never_passed_through,
        markup_in_front_matter_text_is_escaped_everywhere,
        javascript_links_are_errors_and_never_reach_the_output,
        reserved_page_slug_is_an_error_naming_the_file,
        summary_longer_than_300_characters,
        public_body_without_a_region,
        all_problems_in_all_files_are_reported_in_one_run,
        github_format_prints_annotations,
        human_format_shows_the_source_line_and_a_caret,
        json_format_is_one_object_per_line_with_every_field,
    ]
}
