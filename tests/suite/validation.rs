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
    let d = find_code(&diags, "duplicate-item");
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
    let d = find_code(&diags, "unknown-partner");
    assert_code_at(
        d,
        "unknown-partner",
        &file,
        pos_of(&text, "Anytown District Councl"),
    );
    assert!(d.help.contains("`Anytown District Council`"), "{d:?}");
}

fn missing_required_field() {
    let site = TestSite::new("missing-field");
    let text = format!(
        "---\ntitle: \"No summary here\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [waste]\npartners:\n{PARTNERS}---\n\nBody.\n"
    );
    let file = site.case_study("no-summary", &text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "missing-field");
    // Reported where the front matter starts.
    assert_code_at(d, "missing-field", &file, (2, 1));
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
    let wrong = with_code(&diags, "wrong-type");
    assert_eq!(wrong.len(), 2, "{}", list_diags(&diags));
    assert_code_at(
        wrong[0],
        "wrong-type",
        &file,
        pos_after(&text, "functions: "),
    );
    // The wording is the point here: it says what was expected and found.
    assert!(wrong[0].message.contains("found text"), "{:?}", wrong[0]);
    assert!(wrong[0].help.contains("functions: ["), "{:?}", wrong[0]);
    assert_code_at(wrong[1], "wrong-type", &file, pos_after(&text, "draft: "));
}

fn unknown_field_suggests_the_nearest_known_name() {
    let site = TestSite::new("unknown-field");
    let text = format!(
        "---\ntitle: \"Typo\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: joint-working\nfucntions: [waste]\npartners:\n{PARTNERS}---\n\nBody.\n"
    );
    let file = site.case_study("typo", &text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "unknown-field");
    assert_code_at(d, "unknown-field", &file, pos_of(&text, "fucntions"));
    assert!(
        d.help.contains("`functions`"),
        "help should name `functions`: {d:?}"
    );
    // The field it was meant to be is then missing, but saying so would only
    // repeat the typo: one message, at the misspelt key.
    assert!(with_code(&diags, "missing-field").is_empty(), "{diags:?}");
}

fn unknown_field_inside_a_partner() {
    let site = TestSite::new("unknown-partner-field");
    let text = "---\ntitle: \"Typo\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [waste]\npartners:\n  - name: Anytown District Council\n    type: district\n    regoin: south-east\n---\n\nBody.\n";
    let file = site.case_study("typo", text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "unknown-field");
    assert_code_at(d, "unknown-field", &file, pos_of(text, "regoin"));
    assert!(d.help.contains("`region`"), "{d:?}");
}

fn unknown_vocabulary_slugs_suggest_the_nearest_valid_slug() {
    let site = TestSite::new("vocabulary");
    let text = "---\ntitle: \"Slugs\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: shared-managment\nfunctions: [waste, procurment]\npartners:\n  - name: Anytown District Council\n    type: distrct\n    region: south-est\n---\n\nBody.\n";
    let file = site.case_study("slugs", text);
    let diags = check_fails(&site);

    // In file order: model, function, organisation type, region.
    let unknown = with_code(&diags, "unknown-vocabulary");
    assert_eq!(unknown.len(), 4, "{}", list_diags(&diags));
    for (d, (written, meant)) in unknown.iter().zip([
        ("shared-managment", "`shared-management`"),
        ("procurment", "`procurement`"),
        ("distrct", "`district`"),
        ("south-est", "`south-east`"),
    ]) {
        assert_code_at(d, "unknown-vocabulary", &file, pos_of(text, written));
        assert!(d.help.contains(meant), "{d:?}");
    }
}

fn bad_dates() {
    let site = TestSite::new("bad-date");
    let text = format!(
        "---\ntitle: \"Dates\"\nsummary: \"S.\"\ndate: 2011-02-30\nstarted: 2008-13\nmodel: joint-working\nfunctions: [waste]\npartners:\n{PARTNERS}---\n\nBody.\n"
    );
    let file = site.case_study("dates", &text);
    let diags = check_fails(&site);
    let dates = with_code(&diags, "bad-date");
    assert_eq!(dates.len(), 2, "{}", list_diags(&diags));
    assert_code_at(dates[0], "bad-date", &file, pos_after(&text, "date: "));
    // Saying which day does not exist is the point of this message.
    assert!(dates[0].message.contains("day"), "{:?}", dates[0]);
    assert!(dates[0].help.contains("YYYY-MM-DD"), "{:?}", dates[0]);
    assert_code_at(dates[1], "bad-date", &file, pos_after(&text, "started: "));
}

fn unparseable_amounts() {
    let site = TestSite::new("bad-amount");
    let text = format!(
        "---\ntitle: \"Money\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [waste]\npartners:\n{PARTNERS}savings:\n  - amount: \"about a million\"\n    period: annual\ncosts:\n  - amount: £1.2 zillion\n    period: one-off\n---\n\nBody.\n"
    );
    let file = site.case_study("money", &text);
    let diags = check_fails(&site);
    let amount_errors = with_code(&diags, "bad-amount");
    assert_eq!(amount_errors.len(), 2, "{}", list_diags(&diags));
    let at = pos_after(&text, "  - amount: ");
    assert_code_at(amount_errors[0], "bad-amount", &file, at);
    let at = pos_of(&text, "£1.2 zillion");
    assert_code_at(amount_errors[1], "bad-amount", &file, at);
    assert!(
        amount_errors[0].help.contains("£1.2m"),
        "the help shows the forms accepted: {:?}",
        amount_errors[0]
    );
}

/// The ceiling of £1 trillion a figure: `1e30` would otherwise be clamped to
/// £92,233,720,368,547,758.07, and two figures of £50 quadrillion would add
/// up to a negative total.
fn amounts_above_one_trillion_pounds_are_errors_at_the_amount() {
    let site = TestSite::new("huge-amount");
    let text = CaseStudyText::new("Huge")
        .extra(
            "savings:\n  - amount: 1e30\n    period: annual\n  - amount: 50000000000000000\n    period: annual\n  - amount: \"£50,000,000,000,000,000\"\n    period: annual\n",
        )
        .render();
    let file = site.case_study("huge", &text);
    let diags = check_fails(&site);
    let ceiling: Vec<&Diag> = diags
        .iter()
        .filter(|d| d.message.contains("£1 trillion"))
        .collect();
    assert_eq!(ceiling.len(), 3, "{}", list_diags(&diags));
    assert_at(ceiling[0], &file, pos_of(&text, "1e30"));
    assert_at(ceiling[1], &file, pos_of(&text, "50000000000000000"));
    assert_at(
        ceiling[2],
        &file,
        pos_of(&text, "\"£50,000,000,000,000,000\""),
    );
    for d in &ceiling {
        assert_eq!(d.severity, "error");
        assert!(d.help.contains("pounds, not pence"), "{d:?}");
    }
    // Nothing is built from them: no clamped or wrapped figure reaches a page.
    let out = site.dir.join("out");
    let run = site.build_into(&out, None);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(!out.join("index.html").exists());
}

/// Figures at the ceiling are valid, and their totals are exact.
fn amounts_at_the_ceiling_add_up_exactly() {
    let site = TestSite::new("ceiling-amount");
    for (i, amount) in ["1000000000000", "\"£1,000,000,000,000\"", "\"£1000bn\""]
        .iter()
        .enumerate()
    {
        let text = CaseStudyText::new(&format!("At the ceiling {i}"))
            .extra(&format!(
                "savings:\n  - amount: {amount}\n    period: annual\n"
            ))
            .render();
        site.case_study(&format!("ceiling-{i}"), &text);
    }
    let out = site.build_ok(None);
    let csv = read(&out, "data/functions.csv");
    let header: Vec<&str> = csv.lines().next().unwrap_or_default().split(',').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no {name} column: {header:?}"))
    };
    let waste: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("waste,"))
        .expect("a row for waste")
        .split(',')
        .collect();
    let cell = |name: &str| waste[column(name)];
    assert_eq!(
        (
            cell("kind"),
            cell("period"),
            cell("status"),
            cell("figures")
        ),
        ("saving", "annual", "achieved", "3"),
        "{csv}"
    );
    assert_eq!(cell("amount"), "3000000000000", "{csv}");
    assert!(
        read(&out, "functions/waste/index.html").contains("£3,000,000,000,000"),
        "the function page shows the exact total"
    );
}

fn unknown_period_and_status_words() {
    let site = TestSite::new("money-words");
    let text = CaseStudyText::new("Words")
        .extra("savings:\n  - amount: 1000\n    period: anual\n    status: acheived\n")
        .render();
    let file = site.case_study("words", &text);
    let diags = check_fails(&site);
    let d = find_diag(&diags, "`anual`");
    assert_at(d, &file, pos_of(&text, "anual"));
    assert!(d.help.contains("`annual`"), "{d:?}");
    let d = find_diag(&diags, "`acheived`");
    assert_at(d, &file, pos_of(&text, "acheived"));
    assert!(d.help.contains("`achieved`"), "{d:?}");
}

fn two_case_studies_with_the_same_slug() {
    let site = TestSite::new("duplicate-slug");
    let a = CaseStudyText::new("First").extra("slug: shared\n").render();
    let b = CaseStudyText::new("Second")
        .extra("slug:   shared\n")
        .render();
    site.case_study("a", &a);
    let b_file = site.case_study("b", &b);
    let diags = check_fails(&site);
    // Both claim it with `slug:`: the later file is reported, at its value.
    let d = only_code(&diags, "duplicate-slug");
    assert_code_at(d, "duplicate-slug", &b_file, pos_after(&b, "slug:   "));
    assert!(
        d.message.contains("a.md") && d.message.contains("case studies"),
        "the message names the other file: {d:?}"
    );
}

/// Bug: the innocent file (whose slug is just its file name) was blamed
/// when the file with the colliding `slug:` sorted first.
fn a_colliding_slug_field_is_reported_not_the_file_it_collides_with() {
    let site = TestSite::new("duplicate-slug-file");
    site.case_study("same", &CaseStudyText::new("By file name").render());
    let text = CaseStudyText::new("By slug field")
        .extra("slug: same\n")
        .render();
    let guilty = site.case_study("aaa", &text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "duplicate-slug");
    assert_code_at(d, "duplicate-slug", &guilty, pos_after(&text, "slug: "));
    assert!(d.message.contains("same.md"), "names the other file: {d:?}");
    // ... and the same when the guilty file sorts last.
    let site = TestSite::new("duplicate-slug-file-2");
    site.case_study("same", &CaseStudyText::new("By file name").render());
    let guilty = site.case_study("zzz", &text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "duplicate-slug");
    assert_code_at(d, "duplicate-slug", &guilty, pos_after(&text, "slug: "));
}

/// Bug: two pages with one slug were reported as "two case studies".
fn two_pages_with_the_same_slug_are_called_pages() {
    let site = TestSite::new("duplicate-page-slug");
    site.case_study("one", &CaseStudyText::new("One").render());
    site.write("content/pages/about.md", "---\ntitle: About\n---\n\nA.\n");
    let text = "---\ntitle: Also about\nslug: about\n---\n\nB.\n";
    site.write("content/pages/other.md", text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "duplicate-slug");
    let at = pos_after(text, "slug: ");
    assert_code_at(d, "duplicate-slug", "content/pages/other.md", at);
    // The wording is the point: these are pages.
    assert!(d.message.contains("two pages"), "{d:?}");
    assert!(!d.message.contains("case stud"), "{d:?}");
    assert!(d.message.contains("about.md"), "{d:?}");
}

fn unclosed_front_matter() {
    let site = TestSite::new("unclosed");
    let text =
        "---\ntitle: \"Never closed\"\nsummary: \"S.\"\n\n## What was the approach?\n\nText.\n";
    let file = site.case_study("unclosed", text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "unclosed-front-matter");
    assert_code_at(d, "unclosed-front-matter", &file, (1, 1));
    assert!(d.help.contains("---"), "{d:?}");
}

fn missing_front_matter() {
    let site = TestSite::new("no-front-matter");
    let file = site.case_study("plain", "# Just Markdown\n\nNo front matter at all.\n");
    let diags = check_fails(&site);
    let d = only_code(&diags, "no-front-matter");
    assert_code_at(d, "no-front-matter", &file, (1, 1));
}

fn invalid_yaml_syntax_is_located() {
    // The second `: ` on a line.
    let site = TestSite::new("bad-yaml");
    let text = "---\ntitle: a: b\nsummary: \"S.\"\n---\n\nBody.\n";
    let file = site.case_study("yaml", text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "yaml-syntax");
    assert_code_at(d, "yaml-syntax", &file, pos_of(text, ": b"));
}

/// Bug: inside a flow mapping every position was the `{`.
fn positions_inside_flow_mappings() {
    let site = TestSite::new("flow-mapping");
    let text = "---\ntitle: \"Flow\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [waste]\npartners: [{name: Anytown District Council, type: distrct, region: south-east}]\n---\n\nBody.\n";
    let file = site.case_study("flow", text);
    let items = "---\ntitle: \"Flow items\"\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [waste]\npartners:\n  - {name: Anytown District Council, type: district, regoin: south-east}\n  - {\"name\": Other District Council,\n     type: district, region: south-est}\n---\n\nBody.\n";
    let items_file = site.case_study("flow-items", items);
    let diags = check_fails(&site);
    let d = with_code(&diags, "unknown-vocabulary");
    assert_eq!(d.len(), 2, "{}", list_diags(&diags));
    let in_file = |f: &str| {
        *d.iter()
            .find(|d| d.file == f)
            .expect("a diagnostic in the file")
    };
    let at = pos_of(text, "distrct");
    assert_code_at(in_file(&file), "unknown-vocabulary", &file, at);
    // A flow mapping over two lines.
    let at = pos_of(items, "south-est");
    assert_code_at(in_file(&items_file), "unknown-vocabulary", &items_file, at);
    let d = only_code(&diags, "unknown-field");
    assert_code_at(d, "unknown-field", &items_file, pos_of(items, "regoin"));
}

/// Bug: a duplicate key was reported at the first key, not the repeat.
fn a_duplicate_key_is_reported_at_the_repeat() {
    let site = TestSite::new("duplicate-key");
    let text = "---\ntitle: \"First\"\nsummary: \"S.\"\ntitle: \"Second\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [waste]\npartners:\n  - name: Anytown District Council\n    type: district\n    region: south-east\n    type: county\n---\n\nBody.\n";
    let file = site.case_study("twice", text);
    let diags = check_fails(&site);
    let d = with_code(&diags, "duplicate-key");
    assert_eq!(
        d.len(),
        2,
        "every repeat is reported: {}",
        list_diags(&diags)
    );
    assert_code_at(d[0], "duplicate-key", &file, (4, 1));
    assert!(
        d[0].message.contains("line 2"),
        "names the first: {:?}",
        d[0]
    );
    assert_code_at(d[1], "duplicate-key", &file, pos_of(text, "type: county"));
    assert!(
        d[1].message.contains("line 10"),
        "names the first: {:?}",
        d[1]
    );
}

/// Bug: an unclosed quote was reported at the closing `---`.
fn an_unclosed_quote_is_reported_where_it_opens() {
    let site = TestSite::new("unclosed-quote");
    let text = "---\ntitle: \"Unterminated\nsummary: x\ndate: 2011-03-01\n---\n\nBody.\n";
    let file = site.case_study("quote", text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "yaml-syntax");
    assert_code_at(d, "yaml-syntax", &file, pos_of(text, "\"Unterminated"));
    assert!(d.help.contains('"'), "says which quote to close: {d:?}");
    let text = "---\ntitle: 'Unterminated\n---\n\nBody.\n";
    let file = site.case_study("quote2", text);
    let diags = check_fails(&site);
    let d = with_code(&diags, "yaml-syntax");
    let d = d.iter().find(|d| d.file == file).expect("quote2.md");
    assert_code_at(d, "yaml-syntax", &file, pos_of(text, "'Unterminated"));
}

/// Bug: libyaml counts U+2028, U+2029 and U+0085 as line breaks; editors
/// (and the rest of compendium) do not, so later lines were one off.
fn unicode_line_separators_do_not_shift_syntax_error_lines() {
    let site = TestSite::new("line-separator");
    let text = "---\ntitle: \"Line\u{2028}separator\"\nsummary: \"Next\u{85}line and\u{2029}paragraph\"\nmodel: a: b\n---\n\nBody.\n";
    let file = site.case_study("separators", text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "yaml-syntax");
    assert_code_at(d, "yaml-syntax", &file, pos_of(text, ": b"));
}

/// Bug: only the first syntax error of a file was reported.
fn every_yaml_syntax_error_in_a_file_is_reported() {
    let site = TestSite::new("many-yaml-errors");
    let text = "---\ntitle: a: b\nsummary: \"S.\"\ndate: 2011-03-01\nmodel: c: d\nfunctions: [waste\npartners:\n  - name: x\n   type: e: f\n---\n\nBody.\n";
    let file = site.case_study("many", text);
    let diags = check_fails(&site);
    let d = with_code(&diags, "yaml-syntax");
    assert!(d.len() >= 3, "{}", list_diags(&diags));
    assert_code_at(d[0], "yaml-syntax", &file, pos_of(text, ": b"));
    assert_code_at(d[1], "yaml-syntax", &file, pos_of(text, ": d"));
    // The unclosed `[` is reported where it opens.
    assert_code_at(d[2], "yaml-syntax", &file, pos_of(text, "[waste"));
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
            .find(|d| d.code == "bad-date")
            .unwrap_or_else(|| panic!("{file}: {}", list_diags(&diags)));
        assert_code_at(date, "bad-date", file, pos_after(&text, "date: "));
        let model = mine
            .iter()
            .find(|d| d.code == "unknown-vocabulary")
            .unwrap_or_else(|| panic!("{file}: {}", list_diags(&diags)));
        assert_code_at(
            model,
            "unknown-vocabulary",
            file,
            pos_after(&text, "model: "),
        );
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
    let d = find_code(&diags, "bad-date");
    assert_code_at(d, "bad-date", &file, pos_after(&text, "date: "));
    let d = find_code(&diags, "broken-link");
    assert_code_at(d, "broken-link", &file, pos_of(&text, "[x]"));
    let d = find_code(&diags, "link-scheme");
    assert_code_at(d, "link-scheme", &file, pos_of(&text, "[y]"));
}

fn a_file_that_is_not_utf8() {
    let site = TestSite::new("not-utf8");
    let mut bytes = b"---\ntitle: \"Caf".to_vec();
    bytes.push(0xE9); // Latin-1 e-acute
    bytes.extend_from_slice(b" society\"\nsummary: \"S.\"\n---\n\nBody.\n");
    site.write_bytes("content/case-studies/latin1.md", &bytes);
    let diags = check_fails(&site);
    let d = only_code(&diags, "not-utf8");
    assert_code_at(d, "not-utf8", "content/case-studies/latin1.md", (2, 12));
    assert!(d.help.contains("UTF-8"), "{d:?}");
}

fn an_empty_file() {
    let site = TestSite::new("empty");
    let file = site.case_study("empty", "");
    let blank = site.case_study("blank", "\n\n  \n");
    let diags = check_fails(&site);
    let empties = with_code(&diags, "empty-file");
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
    let links = with_code(&diags, "broken-link");
    assert_eq!(links.len(), 2, "{}", list_diags(&diags));
    assert_code_at(links[0], "broken-link", &file, pos_of(&text, "[x]"));
    assert_code_at(links[1], "broken-link", &file, pos_of(&text, "[y]"));
    assert!(!links[1].help.is_empty(), "{:?}", links[1]);
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
    let errors = with_code(&diags, "link-scheme");
    assert_eq!(errors.len(), 4, "{}", list_diags(&diags));
    for (d, written) in errors
        .iter()
        .zip(["[here]", "<javascript:", "[there]", "![pic]"])
    {
        assert_code_at(d, "link-scheme", &file, pos_of(&text, written));
    }

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
    let d = only_code(&diags, "reserved-slug");
    assert_code_at(d, "reserved-slug", "content/pages/functions.md", (1, 1));
}

fn summary_longer_than_300_characters() {
    let site = TestSite::new("long-summary");
    let mut cs = CaseStudyText::new("Long");
    cs.summary = "x".repeat(301);
    let text = cs.render();
    let file = site.case_study("long", &text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "summary-too-long");
    assert_code_at(d, "summary-too-long", &file, pos_after(&text, "summary: "));
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
    let d = only_code(&diags, "missing-region");
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

    let d = only_code(&diags, "bad-date");
    assert_code_at(d, "bad-date", &dates_file, pos_after(&dates, "date: "));
    let unknown = with_code(&diags, "unknown-vocabulary");
    assert_eq!(unknown.len(), 2, "{}", list_diags(&diags));
    let at = pos_of(&vocab, "compnay");
    assert_code_at(unknown[0], "unknown-vocabulary", &vocab_file, at);
    let at = pos_of(&vocab, "procurment");
    assert_code_at(unknown[1], "unknown-vocabulary", &vocab_file, at);
    let d = only_code(&diags, "unknown-field");
    assert_code_at(d, "unknown-field", &vocab_file, pos_of(&vocab, "fucntions"));
    let d = only_code(&diags, "empty-file");
    assert_code_at(d, "empty-file", &empty_file, (1, 1));
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
    for code in [
        "bad-date",
        "unknown-vocabulary",
        "unknown-field",
        "empty-file",
    ] {
        assert!(
            run.stderr.contains(&format!("error[{code}]")),
            "build did not report {code}:\n{run}"
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
    let prefix =
        format!("::error file={file},line={line},col={col},endLine={line},title=bad-date::");
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
    assert!(out.contains("error[bad-date]: "), "{out}");
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
        for k in [
            "code", "severity", "origin", "file", "line", "column", "message", "help",
        ] {
            assert!(keys.contains(&k), "`{k}` missing from {line}");
        }
    }
}

fn a_missing_theme_is_reported_at_its_name_in_site_yaml() {
    let site = TestSite::new("missing-theme");
    site.case_study("one", &CaseStudyText::new("One").render());
    let text = "title: \"A site\"\ntheme:   nothere\n";
    site.write("content/site.yaml", text);
    let diags = check_fails(&site);
    let d = only_code(&diags, "theme-not-found");
    let at = pos_after(text, "theme:   ");
    assert_code_at(d, "theme-not-found", "content/site.yaml", at);
}

/// A partner misspelt against the register ("North Devonn Council",
/// "Redditch Borough Counci") gets a `organisation-typo` warning at the
/// exact place of the name, with "did you mean"; check still passes.
fn a_misspelt_council_gets_a_did_you_mean_warning_at_the_name() {
    let site = TestSite::new("partner-typo");
    let text = CaseStudyText::new("Devon and Redditch")
        .partners(
            "  - name: North Devonn Council\n    type: district\n    region: south-west\n  - name: \"Redditch Borough Counci\"\n    type: district\n    region: west-midlands\n",
        )
        .render();
    let file = site.case_study("devon-redditch", &text);
    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(0), "a warning, not an error: {run}");
    let typos = with_code(&diags, "organisation-typo");
    assert_eq!(typos.len(), 2, "{}", list_diags(&diags));
    let devon = find_diag(&diags, "North Devonn Council");
    assert_eq!(
        (
            devon.code.as_str(),
            devon.severity.as_str(),
            devon.file.as_str(),
            devon.line as usize,
            devon.column as usize
        ),
        (
            "organisation-typo",
            "warning",
            file.as_str(),
            pos_of(&text, "North Devonn").0,
            pos_of(&text, "North Devonn").1
        )
    );
    assert!(
        devon
            .message
            .contains("did you mean `North Devon District Council`?"),
        "{devon:?}"
    );
    assert!(!devon.help.is_empty());
    let redditch = find_diag(&diags, "Redditch Borough Counci`");
    assert_eq!(
        (redditch.line as usize, redditch.column as usize),
        pos_of(&text, "\"Redditch Borough Counci\""),
        "at the opening quote of the value"
    );
    assert!(
        redditch
            .message
            .contains("did you mean `Redditch Borough Council`?"),
        "{redditch:?}"
    );
    let run = site.build_into(&site.dir.join("out"), None);
    assert_eq!(run.code, Some(0), "{run}");
}

/// An organisation misspelt against one named in other case studies gets
/// the warning at each mention of the slip; a genuinely new name, far from
/// any, gets none, nor does one of a numbered series.
fn a_slip_of_another_organisation_warns_and_a_new_name_does_not() {
    let site = TestSite::new("partner-typo-site");
    let partners = |other: &str| {
        format!(
            "  - name: Wessex Shared Services Partnership\n    type: other\n    region: south-west\n  - name: {other}\n    type: district\n    region: south-west\n"
        )
    };
    for i in 1..=3 {
        site.case_study(
            &format!("good-{i}"),
            &CaseStudyText::new(&format!("Good {i}"))
                .partners(&partners(&format!("Zone {i} Council")))
                .render(),
        );
    }
    let slip = CaseStudyText::new("Slip")
        .partners(&partners("Anytown District Council").replace(
            "Wessex Shared Services Partnership",
            "Wessex Shared Servics Partnership",
        ))
        .render();
    let slip_file = site.case_study("slip", &slip);
    let new = CaseStudyText::new("New")
        .partners(&partners("Quixotic Valley Authority"))
        .render();
    site.case_study("new", &new);
    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(0), "{run}");
    let typos = with_code(&diags, "organisation-typo");
    assert_eq!(typos.len(), 1, "only the slip: {}", list_diags(&diags));
    let d = typos[0];
    assert_eq!(
        (d.file.as_str(), d.line as usize, d.column as usize),
        (
            slip_file.as_str(),
            pos_of(&slip, "Wessex Shared Servics").0,
            pos_of(&slip, "Wessex Shared Servics").1
        )
    );
    assert!(
        d.message
            .contains("did you mean `Wessex Shared Services Partnership`?"),
        "{d:?}"
    );
    assert_eq!(d.severity, "warning");
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        valid_content_passes_check_with_exit_code_0,
        check_writes_nothing,
        warnings_are_reported_but_do_not_fail,
        a_misspelt_council_gets_a_did_you_mean_warning_at_the_name,
        a_slip_of_another_organisation_warns_and_a_new_name_does_not,
        a_share_for_someone_who_is_not_a_partner,
        missing_required_field,
        wrong_type,
        unknown_field_suggests_the_nearest_known_name,
        unknown_field_inside_a_partner,
        unknown_vocabulary_slugs_suggest_the_nearest_valid_slug,
        bad_dates,
        unparseable_amounts,
        two_case_studies_with_the_same_slug,
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
        amounts_above_one_trillion_pounds_are_errors_at_the_amount,
        amounts_at_the_ceiling_add_up_exactly,
        unknown_period_and_status_words,
        a_colliding_slug_field_is_reported_not_the_file_it_collides_with,
        two_pages_with_the_same_slug_are_called_pages,
        positions_inside_flow_mappings,
        a_duplicate_key_is_reported_at_the_repeat,
        an_unclosed_quote_is_reported_where_it_opens,
        unicode_line_separators_do_not_shift_syntax_error_lines,
        every_yaml_syntax_error_in_a_file_is_reported,
        a_missing_theme_is_reported_at_its_name_in_site_yaml,
    ]
}
