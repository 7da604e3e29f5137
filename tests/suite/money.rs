//! The rules by which figures are added up (README, "How figures are added
//! up"), each proved on content written here: a figure scoped to one of two
//! functions, a superseded projection, a lower bound, totals of two spans, a
//! breakdown part, a first-year figure; and the errors that guard them.

use crate::support::common::*;

const TWO_FUNCTIONS: &str = "[waste, ict]";

/// A two-function case study: a waste figure, an arrangement-wide figure,
/// a lower bound, a superseded projection, a breakdown part, a first-year
/// saving and totals over 10 and 4 years.
fn rules_site(name: &str) -> (TestSite, std::path::PathBuf) {
    let site = TestSite::new(name);
    let text = CaseStudyText::new("Two functions")
        .functions(TWO_FUNCTIONS)
        .extra(concat!(
            "savings:\n",
            "  - amount: 100000\n    period: annual\n    functions: [waste]\n    about: \"Fewer rounds\"\n    quote: \"rounds cut\"\n",
            "  - amount: 900000\n    period: annual\n    about: \"The whole programme\"\n",
            "  - amount: 40000\n    period: annual\n    functions: [waste]\n    breakdown: true\n",
            "  - amount: 500000\n    period: total\n    years: 4\n    status: projected\n    superseded: \"the outturn was substantially more\"\n",
            "  - amount: 3000000\n    period: total\n    years: 10\n    status: projected\n",
            "  - amount: 71000\n    period: first-year\n",
            "costs:\n",
            "  - amount: 250000\n    period: one-off\n    status: planned\n",
        ))
        .render();
    site.case_study("two-functions", &text);
    let other = CaseStudyText::new("One function")
        .functions("[waste]")
        .extra(concat!(
            "savings:\n",
            "  - amount: 20000\n    period: annual\n    at_least: true\n",
            "  - amount: 400000\n    period: total\n    years: 4\n    status: projected\n",
        ))
        .render();
    site.case_study("one-function", &other);
    let out = site.build_ok(None);
    (site, out)
}

/// The rows of the totals table on a page, as (label, amount, figures) text.
fn totals(html: &str) -> Vec<(String, String, String)> {
    Page::parse(html)
        .select("table.totals tbody tr")
        .into_iter()
        .map(|row| {
            let c = html::row_cells(row);
            (format!("{} {}", c[0], c[1]), c[2].clone(), c[3].clone())
        })
        .collect()
}

fn total<'a>(
    rows: &'a [(String, String, String)],
    label: &str,
) -> Option<&'a (String, String, String)> {
    rows.iter().find(|r| r.0 == label)
}

fn a_figure_counts_under_a_function_only_when_it_is_about_that_function_alone() {
    let (_site, out) = rules_site("money-scope");
    let waste = totals(&read(&out, "functions/waste/index.html"));
    let annual = total(&waste, "Savings a year, achieved").expect("a waste annual total");
    // 100,000 (scoped to waste) + 20,000 (one-function case study, a lower
    // bound): never the 900,000 of the whole arrangement or the part.
    assert_eq!(annual.1, "at least £120,000", "{waste:?}");
    assert!(annual.2.starts_with("2 figures"), "{annual:?}");
    assert!(
        annual.2.contains("“rounds cut”"),
        "a total opens into its figures: {annual:?}"
    );
    let ict = totals(&read(&out, "functions/ict/index.html"));
    assert!(
        total(&ict, "Savings a year, achieved").is_none(),
        "no figure is about ICT alone: {ict:?}"
    );
    // The arrangement-wide figure is on both function pages, as such.
    for page in ["functions/waste/index.html", "functions/ict/index.html"] {
        let text = text_of(&read(&out, page));
        assert!(
            text.contains("£900,000 a year (about the whole arrangement, not this function alone)"),
            "{page}: {text}"
        );
    }
    // The site's total has every standing figure once.
    let home = totals(&read(&out, "index.html"));
    let all = total(&home, "Savings a year, achieved").expect("a site total");
    assert_eq!(all.1, "at least £1,020,000", "{home:?}");
}

fn superseded_parts_and_spanless_figures_are_shown_but_never_added() {
    let (_site, out) = rules_site("money-not-added");
    let home = totals(&read(&out, "index.html"));
    // The superseded 4-year projection (500,000) is left out; the other
    // one-function 4-year projection stays, apart from the 10-year total.
    let four = total(&home, "Savings in total over 4 years, projected").expect("a 4-year total");
    assert_eq!(four.1, "£400,000", "{home:?}");
    let ten = total(&home, "Savings in total over 10 years, projected").expect("a 10-year total");
    assert_eq!(ten.1, "£3,000,000", "{home:?}");
    assert!(
        total(&home, "Savings in the first year, achieved").is_some_and(|r| r.1 == "£71,000"),
        "a first-year saving is its own total: {home:?}"
    );
    assert!(
        total(&home, "Costs one-off, planned").is_some_and(|r| r.1 == "£250,000"),
        "costs read as planned: {home:?}"
    );
    let text = text_of(&read(&out, "index.html"));
    for wrong in [
        "£3,400,000",
        "£3,900,000",
        "£900,000 in total",
        "£1,060,000",
    ] {
        assert!(!text.contains(wrong), "{wrong} adds what cannot be added");
    }
    let page = read(&out, "case-studies/two-functions/index.html");
    let superseded = cells(&rows_with(&page, "£500,000")[0]).join(" | ");
    assert!(
        superseded.contains("Superseded: the outturn was substantially more")
            && superseded.contains("Not added into totals"),
        "{superseded}"
    );
    let part = cells(&rows_with(&page, "£40,000")[0]).join(" | ");
    assert!(part.contains("part of another figure"), "{part}");
}

fn figures_csv_has_one_row_per_figure_with_what_decides_adding_it() {
    let (_site, out) = rules_site("money-csv");
    let csv = read(&out, "data/figures.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} column"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let of = |slug: &str| {
        rows.iter()
            .filter(|r| &r[col("case_study")] == slug)
            .count()
    };
    assert_eq!((of("two-functions"), of("one-function")), (7, 2), "{csv}");
    let superseded = rows
        .iter()
        .find(|r| &r[col("amount")] == "500000")
        .expect("the superseded row");
    assert_eq!(&superseded[col("added_to_totals")], "false");
    assert_eq!(
        &superseded[col("superseded")],
        "the outturn was substantially more"
    );
    let waste = rows
        .iter()
        .find(|r| &r[col("amount")] == "100000")
        .expect("the waste row");
    assert_eq!(
        (
            &waste[col("functions")],
            &waste[col("function_names")],
            &waste[col("added_to_totals")]
        ),
        ("waste", "Waste collection and recycling", "true")
    );
    let bound = rows
        .iter()
        .find(|r| &r[col("amount")] == "20000")
        .expect("the lower bound");
    assert_eq!(&bound[col("at_least")], "true");
    // Adding the rows marked true, by period, status and span, gives the
    // site's totals.
    let annual: u64 = rows
        .iter()
        .filter(|r| &r[col("kind")] == "saving" && &r[col("added_to_totals")] == "true")
        .filter(|r| &r[col("period")] == "annual" && &r[col("status")] == "achieved")
        .map(|r| r[col("amount")].parse::<u64>().expect("pounds"))
        .sum();
    assert_eq!(annual, 1_020_000);
    let functions = read(&out, "data/functions.csv");
    assert!(
        functions
            .lines()
            .any(|l| l.starts_with("waste,")
                && l.contains(",saving,annual,,achieved,120000,true,2,")),
        "{functions}"
    );
}

fn no_csv_cell_can_start_a_formula() {
    let site = TestSite::new("money-formula");
    let text = CaseStudyText::new("=HYPERLINK(\\\"http://x\\\")")
        .extra("savings:\n  - amount: 1000\n    period: annual\n    quote: \"=1+1\"\n    about: \"@SUM(A1)\"\n")
        .render();
    site.case_study("formula", &text);
    let out = site.build_ok(None);
    for file in ["data/figures.csv", "data/case-studies.csv"] {
        let csv = read(&out, file);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        for row in reader.records() {
            for cell in row.expect("a row").iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "{file}: a cell starts a formula: {cell:?}"
                );
            }
        }
        assert!(csv.contains("'=1+1") || file != "data/figures.csv", "{csv}");
    }
}

fn headline_follows_the_rule_or_the_editor_and_the_sort_compares_like_with_like() {
    let site = TestSite::new("money-headline");
    let ruled = CaseStudyText::new("Ruled")
        .extra(concat!(
            "savings:\n",
            "  - amount: 9000000\n    period: total\n    years: 10\n    status: projected\n",
            "  - amount: 50000\n    period: annual\n",
        ))
        .render();
    site.case_study("ruled", &ruled);
    let chosen = CaseStudyText::new("Chosen")
        .extra(concat!(
            "savings:\n",
            "  - amount: 50000\n    period: annual\n",
            "  - amount: 80000\n    period: annual\n    status: projected\n    headline: true\n",
        ))
        .render();
    site.case_study("chosen", &chosen);
    let out = site.build_ok(None);
    let listing = read(&out, "case-studies/index.html");
    let card = |slug: &str| {
        Page::parse(&listing)
            .select("li.card")
            .into_iter()
            .find(|c| c.html().contains(&format!("/case-studies/{slug}/")))
            .map(|c| {
                (
                    html::text(c),
                    c.value().attr("data-savings").unwrap_or("?").to_owned(),
                )
            })
            .unwrap_or_else(|| panic!("no card for {slug}"))
    };
    let (ruled_text, ruled_sort) = card("ruled");
    assert!(
        ruled_text.contains("£50,000 a year achieved"),
        "annual achieved before a 10-year projection: {ruled_text}"
    );
    assert_eq!(ruled_sort, "50000");
    let (chosen_text, chosen_sort) = card("chosen");
    assert!(
        chosen_text.contains("£80,000 a year projected"),
        "the editor's headline: {chosen_text}"
    );
    // The sort compares annual savings achieved, whatever the headline.
    assert_eq!(chosen_sort, "50000");
    assert!(
        listing.contains("Largest annual saving achieved first"),
        "the sort says what it compares"
    );
}

fn scope_and_headline_mistakes_are_located_errors() {
    let site = TestSite::new("money-errors");
    let text = CaseStudyText::new("Mistakes")
        .functions("[waste]")
        .extra(concat!(
            "savings:\n",
            "  - amount: 1000\n    period: annual\n    functions: [ict]\n",
            "  - amount: 2000\n    period: annual\n    headline: true\n",
            "  - amount: 3000\n    period: annual\n    headline: true\n",
        ))
        .render();
    let file = site.case_study("mistakes", &text);
    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(1), "{run}");
    let scope = diags
        .iter()
        .find(|d| d.code == "figure-function")
        .expect("figure-function");
    assert_at(scope, &file, pos_of(&text, "ict]"));
    assert!(scope.help.contains("waste"), "{scope:?}");
    let headline = diags
        .iter()
        .find(|d| d.code == "bad-headline")
        .expect("bad-headline");
    assert_at(headline, &file, pos_of(&text, "amount: 3000"));
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        a_figure_counts_under_a_function_only_when_it_is_about_that_function_alone,
        superseded_parts_and_spanless_figures_are_shown_but_never_added,
        figures_csv_has_one_row_per_figure_with_what_decides_adding_it,
        no_csv_cell_can_start_a_formula,
        headline_follows_the_rule_or_the_editor_and_the_sort_compares_like_with_like,
        scope_and_headline_mistakes_are_located_errors,
    ]
}
