//! Black-box tests of the HTML pages: a case study's own page, the listings
//! (functions, regions, models, partners, all case studies) and the home page.

use crate::support::common::*;

fn case_study_page_shows_title_summary_and_facts() {
    let site = rich_site("page-facts");
    let out = site.build_ok(None);
    let html = read(&out, "case-studies/alpha/index.html");
    let text = text_of(&html);

    assert_eq!(
        first_text(&html, "h1"),
        "Alpha and Beta: a shared waste service"
    );
    assert!(
        first_text(&html, "title").contains("Alpha and Beta: a shared waste service"),
        "{}",
        first_text(&html, "title")
    );
    assert!(
        text.contains("Alpha District Council and Beta Borough Council run one waste and procurement service with a private recycler."),
        "summary missing: {text}"
    );
    // Dates: when it was written and when sharing began, for people.
    assert!(text.contains("1 March 2011"), "date missing: {text}");
    assert!(text.contains("June 2008"), "started missing: {text}");
    // Status.
    let lower = text.to_lowercase();
    assert!(
        lower.contains("in progress") || lower.contains("in-progress"),
        "status missing: {text}"
    );
    // Model, by its label and linked.
    assert!(
        links(&html).contains(&(
            "/models/lead-authority/".into(),
            "Lead or host authority delivers for the others".into()
        )),
        "model link missing"
    );
    // Functions, by label and linked.
    let l = links(&html);
    assert!(
        l.contains(&(
            "/functions/waste/".into(),
            "Waste collection and recycling".into()
        )),
        "{l:?}"
    );
    assert!(
        l.contains(&("/functions/procurement/".into(), "Procurement".into())),
        "{l:?}"
    );
}

fn case_study_page_shows_partners_with_type_region_and_lead() {
    let site = rich_site("page-partners");
    let out = site.build_ok(None);
    let html = read(&out, "case-studies/alpha/index.html");
    let items = elements(&html, "li");
    let partner_item = |slug: &str, type_label: &str| -> String {
        let href = format!("href=\"/partners/{slug}/\"");
        let found: Vec<&String> = items
            .iter()
            .filter(|li| li.contains(&href) && text_of(li).contains(type_label))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "expected one list item linking {slug} with its type {type_label:?}; items: {items:#?}"
        );
        text_of(found[0])
    };
    let alpha = partner_item("alpha-district-council", "District council");
    assert!(alpha.contains("Alpha District Council"), "{alpha}");
    assert!(alpha.contains("South East"), "{alpha}");
    assert!(
        alpha.to_lowercase().contains("lead"),
        "the lead partner is not marked: {alpha}"
    );

    let beta = partner_item("beta-borough-council", "Unitary council");
    assert!(beta.contains("London"), "{beta}");
    assert!(
        !beta.to_lowercase().contains("lead"),
        "Beta is not the lead: {beta}"
    );

    let gamma = partner_item("gamma-recycling-ltd", "Private sector");
    assert!(!gamma.to_lowercase().contains("lead"), "{gamma}");
    assert!(
        !gamma.contains("South East") && !gamma.contains("London"),
        "Gamma has no region: {gamma}"
    );
}

fn case_study_page_shows_money_in_pounds_with_period_and_status_apart() {
    let site = rich_site("page-money");
    let out = site.build_ok(None);
    let html = read(&out, "case-studies/alpha/index.html");

    assert_money_row(&html, "£1,200,000", "annual", "achieved");
    assert_money_row(&html, "£71,000", "one-off", "projected");
    assert_money_row(&html, "£600,000", "annual", "achieved");
    assert_money_row(&html, "£30,700,000", "total", "projected");
    // Costs read as spent or planned, not achieved.
    assert_money_row(&html, "£500,000", "one-off", "spent");

    // The total figure keeps its span; the partner's share names the partner.
    let total = cells(&rows_with(&html, "£30,700,000")[0]).join(" | ");
    assert!(total.contains("10 years"), "{total}");
    let share = cells(&rows_with(&html, "£600,000")[0]).join(" | ");
    assert!(
        share.contains("Alpha District Council"),
        "the partner's share does not name the partner: {share}"
    );
    // What the figure is, in plain English, then the source's words in a
    // column of their own; the editor's note behind a disclosure.
    let combined = cells(&rows_with(&html, "£1,200,000")[0]);
    assert!(
        combined[1].starts_with(
            "Fewer collection rounds: a year, achieved; about waste collection and recycling."
        ),
        "{combined:?}"
    );
    assert_eq!(combined[2], "“rounds cut from 40 to 31”", "{combined:?}");
    let note = Page::parse(&html)
        .select("details.editor-note")
        .into_iter()
        .map(html::text)
        .collect::<Vec<_>>();
    assert_eq!(
        note.first().map(String::as_str),
        Some("Editor’s note Read as a yearly figure from the cabinet minutes"),
        "the editor's note is behind a disclosure"
    );
    assert!(
        !combined[1].starts_with("Read as"),
        "the editor's note is not in the way: {combined:?}"
    );
    // An unscoped figure of a two-function case study is the arrangement's;
    // a share is never in a Partner column, and says it is not added.
    let depot = cells(&rows_with(&html, "£71,000")[0]).join(" | ");
    assert!(depot.contains("about the whole arrangement"), "{depot}");
    assert!(
        share.contains("Alpha District Council's share") && share.contains("Not added into totals"),
        "{share}"
    );
    // Savings and costs are separate tables, and figures are never summed on the page.
    let text = text_of(&html);
    assert!(text.contains("Savings") && text.contains("Costs"), "{text}");
    for sum in ["£1,800,000", "£1,271,000", "£700,000"] {
        assert!(
            !text.contains(sum),
            "{sum} mixes figures that must be kept apart"
        );
    }
    // No raw amounts as written in front matter.
    assert!(
        !text.contains("£1.2m") && !text.contains("£71k"),
        "amounts should be formatted: {text}"
    );
}

fn case_study_page_shows_lessons_contacts_and_sources() {
    let site = rich_site("page-lessons");
    let out = site.build_ok(None);
    let html = read(&out, "case-studies/alpha/index.html");
    let text = text_of(&html);

    for lesson in [
        "Agree the governance before buying the vehicles.",
        "Engage the crews early and often.",
    ] {
        let item = elements(&html, "li")
            .into_iter()
            .map(|li| text_of(&li))
            .find(|t| t == lesson);
        assert!(
            item.is_some(),
            "lesson {lesson:?} is not a list item of its own"
        );
    }
    // Contacts: name, role, phone, email as a mailto link.
    assert!(text.contains("Jane Smith"), "{text}");
    assert!(
        text.contains("Head of Waste, Alpha District Council"),
        "{text}"
    );
    assert!(text.contains("01234 567890"), "{text}");
    assert!(
        links(&html).contains(&(
            "mailto:jane.smith@alpha.gov.uk".into(),
            "jane.smith@alpha.gov.uk".into()
        )),
        "no mailto link: {:?}",
        links(&html)
    );
    // Sources: linked when they have a URL, plain otherwise, with their section.
    assert!(
        links(&html).contains(&(
            "https://www.local.gov.uk/shared-services".into(),
            "Shared services and management: a guide for councils".into()
        )),
        "{:?}",
        links(&html)
    );
    assert!(text.contains("Case study 7"), "{text}");
    assert!(text.contains("Alpha cabinet minutes, March 2010"), "{text}");
    assert!(
        !links(&html)
            .iter()
            .any(|(_, t)| t == "Alpha cabinet minutes, March 2010"),
        "a source without a URL must not be a link"
    );
}

fn case_study_page_renders_the_markdown_body() {
    let site = rich_site("page-body");
    let out = site.build_ok(None);
    let html = read(&out, "case-studies/alpha/index.html");
    let text = text_of(&html);

    assert!(
        html.contains("<h2>What was the approach?</h2>"),
        "heading missing"
    );
    // Table.
    let table = elements(&html, "table")
        .into_iter()
        .find(|t| t.contains("Rounds"))
        .expect("the body's table");
    assert_eq!(cells(&rows_with(&table, "Year")[0]), vec!["Year", "Rounds"]);
    assert_eq!(cells(&rows_with(&table, "2010")[0]), vec!["2010", "31"]);
    assert!(
        table.contains("<th>Year</th>") || table.contains("<th style"),
        "header cells: {table}"
    );
    // Smart punctuation.
    assert!(text.contains("“pooled”"), "no curly double quotes: {text}");
    assert!(text.contains("it’s"), "no curly apostrophe: {text}");
    // Footnote: a reference and its definition, linked together.
    let sup = elements(&html, "sup")
        .into_iter()
        .find(|s| s.contains("footnote"))
        .expect("a footnote reference");
    let target = hrefs(&sup)
        .into_iter()
        .next()
        .expect("the reference links to its note");
    let id = target.trim_start_matches('#');
    assert!(
        html.contains(&format!("id=\"{id}\"")),
        "the footnote target #{id} does not exist"
    );
    assert!(
        text.contains("According to the county waste partnership."),
        "footnote text missing"
    );
    // A link to another case study's file becomes a link to its page.
    assert!(
        links(&html).contains(&(
            "/case-studies/delta/".into(),
            "the Delta arrangement".into()
        )),
        "{:?}",
        links(&html)
    );
}

fn case_study_page_links_to_every_listing_it_appears_in_and_no_other() {
    let site = rich_site("page-listed");
    let out = site.build_ok(None);
    let html = read(&out, "case-studies/alpha/index.html");
    let h = hrefs(&html);
    for listing in [
        "/functions/waste/",
        "/functions/procurement/",
        "/regions/south-east/",
        "/regions/london/",
        "/models/lead-authority/",
        "/partners/alpha-district-council/",
        "/partners/beta-borough-council/",
        "/partners/gamma-recycling-ltd/",
    ] {
        assert!(h.iter().any(|x| x == listing), "no link to {listing}");
        assert!(
            out.join(listing.trim_start_matches('/'))
                .join("index.html")
                .is_file(),
            "{listing} was not built"
        );
    }
    for other in [
        "/functions/ict/",
        "/regions/wales/",
        "/regions/north-west/",
        "/models/joint-committee/",
        "/partners/delta-county-council/",
    ] {
        assert!(
            !h.iter().any(|x| x == other),
            "links to {other}, a listing it is not in"
        );
    }
}

fn term_pages_list_exactly_their_case_studies() {
    let site = rich_site("listings");
    let out = site.build_ok(None);
    let listed = |path: &str| linked_case_studies(&read(&out, &format!("{path}index.html")), "/");

    assert_eq!(listed("functions/waste/"), set(&["alpha", "epsilon"]));
    assert_eq!(listed("functions/procurement/"), set(&["alpha"]));
    assert_eq!(listed("functions/ict/"), set(&["delta"]));
    assert_eq!(listed("functions/hr/"), set(&[]));

    // A case study's regions are the union of its partners' regions.
    assert_eq!(listed("regions/south-east/"), set(&["alpha", "delta"]));
    assert_eq!(listed("regions/london/"), set(&["alpha"]));
    assert_eq!(listed("regions/north-west/"), set(&["delta"]));
    assert_eq!(listed("regions/wales/"), set(&["epsilon"]));
    assert_eq!(listed("regions/scotland/"), set(&[]));

    assert_eq!(listed("models/lead-authority/"), set(&["alpha"]));
    assert_eq!(listed("models/shared-management/"), set(&["delta"]));
    assert_eq!(listed("models/joint-committee/"), set(&["epsilon"]));
    assert_eq!(listed("models/company/"), set(&[]));

    assert_eq!(
        listed("partners/alpha-district-council/"),
        set(&["alpha", "delta"])
    );
    assert_eq!(listed("partners/beta-borough-council/"), set(&["alpha"]));
    assert_eq!(listed("partners/gamma-recycling-ltd/"), set(&["alpha"]));
    assert_eq!(listed("partners/delta-county-council/"), set(&["delta"]));
    assert_eq!(listed("partners/cyngor-sir-ynys-mon/"), set(&["epsilon"]));
    assert_eq!(
        listed("partners/zeta-county-borough-council/"),
        set(&["epsilon"])
    );

    assert_eq!(listed("case-studies/"), set(&["alpha", "delta", "epsilon"]));
}

fn term_page_has_its_label_and_totals_of_combined_figures() {
    let site = rich_site("term-totals");
    let out = site.build_ok(None);
    let html = read(&out, "functions/waste/index.html");
    assert_eq!(first_text(&html, "h1"), "Waste collection and recycling");
    // Alpha's £1.2m and Epsilon's projected £80k, never Alpha's partner share.
    assert_money_row(&html, "£1,200,000", "annual", "achieved");
    assert_money_row(&html, "£80,000", "annual", "projected");
    let text = text_of(&html);
    for wrong in ["£1,800,000", "£1,280,000", "£1,880,000"] {
        assert!(
            !text.contains(wrong),
            "{wrong} adds figures that must be kept apart"
        );
    }
}

fn index_pages_show_counts() {
    let site = rich_site("index-counts");
    let out = site.build_ok(None);

    let functions = read(&out, "functions/index.html");
    assert_eq!(count_for(&functions, "/functions/waste/"), 2);
    assert_eq!(count_for(&functions, "/functions/procurement/"), 1);
    assert_eq!(count_for(&functions, "/functions/ict/"), 1);
    assert!(listed_as_empty(&functions, "Human resources"));

    let regions = read(&out, "regions/index.html");
    assert_eq!(count_for(&regions, "/regions/south-east/"), 2);
    assert_eq!(count_for(&regions, "/regions/london/"), 1);
    assert_eq!(count_for(&regions, "/regions/wales/"), 1);
    assert_eq!(count_for(&regions, "/regions/north-west/"), 1);
    assert!(listed_as_empty(&regions, "Scotland"));

    let models = read(&out, "models/index.html");
    assert_eq!(count_for(&models, "/models/lead-authority/"), 1);
    assert_eq!(count_for(&models, "/models/shared-management/"), 1);
    assert_eq!(count_for(&models, "/models/joint-committee/"), 1);
    assert!(listed_as_empty(&models, "Jointly owned company"));

    let partners = read(&out, "partners/index.html");
    assert_eq!(count_for(&partners, "/partners/alpha-district-council/"), 2);
    assert_eq!(count_for(&partners, "/partners/beta-borough-council/"), 1);
    assert_eq!(count_for(&partners, "/partners/gamma-recycling-ltd/"), 1);
    assert_eq!(count_for(&partners, "/partners/delta-county-council/"), 1);
    assert_eq!(count_for(&partners, "/partners/cyngor-sir-ynys-mon/"), 1);
    assert_eq!(
        count_for(&partners, "/partners/zeta-county-borough-council/"),
        1
    );
}

fn case_studies_index_lists_all_with_summary_partners_functions_and_regions() {
    let site = rich_site("all-case-studies");
    let out = site.build_ok(None);
    let html = read(&out, "case-studies/index.html");
    let text = text_of(&html);
    assert_eq!(
        linked_case_studies(&html, "/"),
        set(&["alpha", "delta", "epsilon"])
    );
    for needle in [
        "Alpha and Beta: a shared waste service",
        "Delta County Council hosts ICT for Alpha District Council.",
        "Ynys Môn and Zeta: waste in Wales",
        "Gamma Recycling Ltd",
        "Zeta County Borough Council",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} missing from /case-studies/"
        );
    }
    let h = hrefs(&html);
    for term in [
        "/functions/ict/",
        "/functions/procurement/",
        "/regions/wales/",
        "/regions/north-west/",
    ] {
        assert!(
            h.iter().any(|x| x == term),
            "/case-studies/ does not link {term}"
        );
    }
}

fn home_shows_headline_figures_and_site_wide_totals_of_combined_figures() {
    let site = rich_site("home");
    let out = site.build_ok(None);
    let html = read(&out, "index.html");
    let text = text_of(&html);

    assert!(text.contains("3 case studies"), "{text}");
    // Alpha DC, Beta BC, Gamma Recycling, Delta CC, Cyngor Sir Ynys Môn, Zeta CBC.
    assert!(text.contains("6 organisations"), "{text}");
    // South East, London, North West, Wales.
    assert!(text.contains("4 of the 12 regions"), "{text}");

    // Site-wide savings: only figures without `partner:`, by period and status.
    assert_money_row(&html, "£1,500,000", "annual", "achieved"); // 1.2m + 300k
    assert_money_row(&html, "£80,000", "annual", "projected");
    assert_money_row(&html, "£250,000", "one-off", "achieved");
    assert_money_row(&html, "£71,000", "one-off", "projected");
    assert_money_row(&html, "£30,700,000", "total", "projected");
    assert_money_row(&html, "£500,000", "one-off", "spent"); // costs
    for wrong in [
        "£2,250,000", // every annual achieved figure, partner shares included
        "£2,100,000", // 1.2m + 600k share + 300k
        "£1,650,000", // 1.5m + Delta's 150k share
        "£1,750,000", // annual and one-off achieved added together
        "£1,580,000", // achieved and projected added together
        "£1,821,000", // annual and one-off, achieved and projected
    ] {
        assert!(
            !text.contains(wrong),
            "{wrong} mixes figures that must be kept apart"
        );
    }
    // The latest case studies are linked.
    assert_eq!(
        linked_case_studies(&html, "/"),
        set(&["alpha", "delta", "epsilon"])
    );
}

/// The time frame is shown where people read: the source and the date on
/// the home page and every case study, councils abolished since marked, and
/// "newest" shown only when the dates say something.
/// A vocabulary entry's `description:` in site.yaml is shown on its page.
fn a_term_description_from_site_yaml_is_on_the_term_page() {
    let site = TestSite::new("term-description");
    site.write(
        "content/site.yaml",
        "title: \"T\"\nfunctions:\n  - slug: waste\n    description: \"Bins <and> rounds, not street cleaning.\"\n",
    );
    site.case_study("one", &CaseStudyText::new("One").render());
    let out = site.build_ok(None);
    let html = read(&out, "functions/waste/index.html");
    assert_eq!(
        first_text(&html, ".term-description"),
        "Bins <and> rounds, not street cleaning."
    );
    assert!(html.contains("Bins &lt;and&gt; rounds"), "escaped");
}

/// Every lesson once, under its case study; filtered pages by function and
/// by tag (a tag's name from `site.yaml`, or as written); a tag whose case
/// studies have no lessons is listed without a link.
fn lessons_are_listed_once_each_with_filters_by_function_and_tag() {
    use crate::support::html::{Page, text};
    let site = TestSite::new("lessons-once");
    site.write(
        "content/site.yaml",
        "title: \"T\"\ntags:\n  - slug: tupe\n    label: \"TUPE (staff transfer)\"\n",
    );
    let lessons = |l: &[&str]| -> String { l.iter().map(|x| format!("  - \"{x}\"\n")).collect() };
    site.case_study(
        "alpha",
        &CaseStudyText::new("Alpha")
            .functions("[waste, hr]")
            .extra(&format!(
                "tags: [tupe, Shared IT]\nlessons:\n{}",
                lessons(&["Lesson one.", "Lesson two."])
            ))
            .render(),
    );
    site.case_study(
        "beta",
        &CaseStudyText::new("Beta")
            .functions("[hr]")
            .extra(&format!(
                "tags: [tupe]\nlessons:\n{}",
                lessons(&["Lesson three."])
            ))
            .render(),
    );
    site.case_study(
        "gamma",
        &CaseStudyText::new("Gamma")
            .extra("tags: [governance]\n")
            .render(),
    );
    let out = site.build_ok(None);
    let page = |rel: &str| Page::parse(&read(&out, rel));
    let items = |p: &Page| -> Vec<String> {
        p.select(".lesson-group .lessons li")
            .into_iter()
            .map(text)
            .collect()
    };
    let groups = |p: &Page| -> Vec<(String, String)> {
        p.select(".lesson-group h2 a")
            .into_iter()
            .map(|a| {
                (
                    text(a),
                    a.value().attr("href").unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let all = page("lessons/index.html");
    assert_eq!(items(&all), ["Lesson one.", "Lesson two.", "Lesson three."]);
    assert_eq!(
        groups(&all),
        [
            (
                "Alpha".to_owned(),
                "/case-studies/alpha/#lessons".to_owned()
            ),
            ("Beta".to_owned(), "/case-studies/beta/#lessons".to_owned())
        ]
    );
    let case_study = page("case-studies/alpha/index.html");
    assert_eq!(
        case_study.select("h2#lessons").len(),
        1,
        "the link's target"
    );
    let all_text = all.text();
    assert!(all_text.contains("TUPE (staff transfer)"), "{all_text}");
    assert!(all_text.contains("Shared IT"), "{all_text}");
    assert!(!all_text.contains("Gamma"), "no lessons, not listed");
    let filter_links: Vec<String> = all
        .select(".lesson-filters a")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    for target in [
        "/lessons/functions/hr/",
        "/lessons/functions/waste/",
        "/lessons/tags/tupe/",
        "/lessons/tags/shared-it/",
    ] {
        assert!(
            filter_links.iter().any(|h| h == target),
            "{target} in {filter_links:?}"
        );
    }
    assert!(
        !filter_links
            .iter()
            .any(|h| h == "/lessons/tags/governance/"),
        "a tag without lessons is not a filter"
    );
    assert_eq!(
        items(&page("lessons/functions/waste/index.html")),
        ["Lesson one.", "Lesson two."]
    );
    assert_eq!(
        items(&page("lessons/functions/hr/index.html")),
        ["Lesson one.", "Lesson two.", "Lesson three."]
    );
    assert_eq!(
        items(&page("lessons/tags/tupe/index.html")),
        ["Lesson one.", "Lesson two.", "Lesson three."]
    );
    let shared_it = page("lessons/tags/shared-it/index.html");
    assert_eq!(items(&shared_it), ["Lesson one.", "Lesson two."]);
    assert_eq!(
        text(shared_it.select("h1")[0]),
        "Lessons learned: Shared IT"
    );
    assert!(!out.join("lessons/tags/governance/index.html").exists());
    let tags = page("lessons/tags/index.html");
    let entries: Vec<String> = tags.select(".tag-list li").into_iter().map(text).collect();
    assert_eq!(
        entries,
        [
            "Governance (no lessons yet)",
            "Shared IT (2 lessons, 1 case study)",
            "TUPE (staff transfer) (3 lessons, 2 case studies)"
        ]
    );
    assert!(
        tags.select(".tag-list a[href='/lessons/tags/governance/']")
            .is_empty()
    );
}

/// An organisation's page says who it is in words, keeps the register's
/// codes in a details block, gives other names and what replaced an
/// abolished council, marks a group as a group, and pages through its
/// arrangements 50 at a time.
fn organisation_pages_are_for_people() {
    use crate::support::html::{Page, text};
    let site = TestSite::new("org-pages");
    for i in 1..=51 {
        let text = CaseStudyText::new(&format!("Arrangement {i:02}"))
            .partners("  - name: Folkestone and Hythe District Council\n    type: district\n    region: south-east\n  - name: Councils in Kent\n    type: other\n    region: south-east\n")
            .render();
        site.case_study(&format!("cs-{i:02}"), &text);
    }
    let out = site.build_ok(None);
    let page = |rel: &str| Page::parse(&read(&out, rel));
    let org = page("partners/folkestone-and-hythe-district-council/index.html");
    let main = text(org.select("main")[0]);
    assert_eq!(
        text(org.select("h1")[0]),
        "Folkestone and Hythe District Council, page 1 of 2"
    );
    let lead = text(org.select("main .lead")[0]).replace(" ,", ",");
    assert_eq!(
        lead,
        "District council in South East, taking part in 51 shared arrangements."
    );
    assert!(
        main.contains("Also known as Shepway District Council, Shepway."),
        "{main}"
    );
    let register = org.select("details.register-entry");
    assert_eq!(register.len(), 1, "the register's entry in a details block");
    let register = text(register[0]);
    assert!(
        register.contains("Register code SHE") && register.contains("ONS code E07000112"),
        "{register}"
    );
    assert!(
        !register.contains("Official name"),
        "the official name is the heading: {register}"
    );
    let outside: String = main.replace(&register, "");
    assert!(
        !outside.contains("E07000112") && !outside.contains("Register code"),
        "{outside}"
    );
    assert_eq!(org.select(".cards > li").len(), 50);
    let second = page("partners/folkestone-and-hythe-district-council/page/2/index.html");
    assert_eq!(second.select(".cards > li").len(), 1);
    assert_eq!(
        second.select("nav.pagination a[rel=prev]")[0]
            .value()
            .attr("href"),
        Some("/partners/folkestone-and-hythe-district-council/")
    );
    // Search finds it by its other names: they are in the organisations
    // file the search page reads.
    let file = std::fs::read_dir(out.join("search"))
        .expect("search files")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("organisations."))
        })
        .expect("an organisations file");
    let mut json = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(&file).expect("open")),
        &mut json,
    )
    .expect("gzip");
    let records: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let folkestone = records
        .as_array()
        .expect("a list")
        .iter()
        .find(|r| r[0] == "Folkestone and Hythe District Council")
        .expect("Folkestone's record");
    assert_eq!(
        folkestone[1],
        "partners/folkestone-and-hythe-district-council/"
    );
    assert_eq!(folkestone[2], "Shepway District Council; Shepway");
    assert_eq!(folkestone[4], 51);
    let index = page("partners/index.html");
    let lead = text(index.select("main .lead")[0]);
    assert!(
        lead.starts_with("1 organisation takes part in the arrangements"),
        "{lead}"
    );
    assert!(
        lead.contains("1 partner is a group of organisations named together"),
        "{lead}"
    );
    let kent_row = row_cells(&read(&out, "partners/index.html"), "Councils in Kent");
    assert_eq!(
        kent_row.get(1).map(String::as_str),
        Some("A group of organisations"),
        "{kent_row:?}"
    );
    let group = text(page("partners/councils-in-kent/index.html").select("main .lead")[0]);
    assert!(
        group.starts_with("A group of organisations named together as one partner"),
        "{group}"
    );
    let abolished = CaseStudyText::new("Taunton")
        .partners(
            "  - name: Taunton Deane Borough Council\n    type: district\n    region: south-west\n",
        )
        .render();
    site.case_study("taunton", &abolished);
    let out = site.build_ok(None);
    let taunton = text(
        Page::parse(&read(
            &out,
            "partners/taunton-deane-borough-council/index.html",
        ))
        .select("main .notice")[0],
    );
    assert_eq!(
        taunton,
        "This council was abolished on 31 March 2019; its area is now served by Somerset West and Taunton Council."
    );
}

/// A total of many figures lists the 20 largest, says so, and points to
/// the open data for every one; the summary still counts them all.
fn a_total_lists_its_largest_figures_and_points_to_the_data_for_all() {
    use crate::support::html::{Page, text};
    let site = TestSite::new("totals-capped");
    for i in 1..=25 {
        let text = CaseStudyText::new(&format!("Arrangement {i:02}"))
            .extra(&format!(
                "savings:\n  - amount: {}\n    period: annual\n    status: achieved\n",
                i * 1000
            ))
            .render();
        site.case_study(&format!("cs-{i:02}"), &text);
    }
    let out = site.build_ok(None);
    for rel in ["index.html", "functions/waste/index.html"] {
        let page = Page::parse(&read(&out, rel));
        let details = page.select("table.totals details");
        let [details] = details.as_slice() else {
            panic!("{rel}: one total with its figures");
        };
        let summary = text(Page::parse(&details.html()).select("summary")[0]);
        assert_eq!(summary, "25 figures", "{rel}");
        let listed = Page::parse(&details.html());
        let items: Vec<String> = listed.select("li").into_iter().map(text).collect();
        assert_eq!(items.len(), 20, "{rel}");
        assert!(
            items[0].contains("Arrangement 25") && items[0].contains("£25,000"),
            "{rel}: {items:?}"
        );
        assert!(items[19].contains("Arrangement 06"), "{rel}: {items:?}");
        let hint = text(listed.select(".hint")[0]);
        assert!(hint.starts_with("The 20 largest are listed."), "{hint}");
        assert_eq!(
            listed.select("a[href='/data/figures.csv']").len(),
            1,
            "{rel}"
        );
    }
}

/// The indexes say how many terms have case studies, and why the counts
/// add up to more than the case studies; the home page's count of regions
/// says it is of the same list.
fn indexes_say_how_their_counts_add_up() {
    use crate::support::html::{Page, text};
    let site = TestSite::new("index-counts");
    site.case_study("one", &CaseStudyText::new("One").functions("[waste, hr]").partners("  - name: Anytown District Council\n    type: district\n    region: south-east\n  - name: Othertown District Council\n    type: district\n    region: london\n").render());
    site.case_study("two", &CaseStudyText::new("Two").render());
    let out = site.build_ok(None);
    let lead = |rel: &str| text(Page::parse(&read(&out, rel)).select("main .lead")[0]);
    assert_eq!(
        lead("regions/index.html"),
        "2 of the 12 regions have case studies. A case study counts under every region its partners are in, so the counts below add up to 3 for 2 case studies."
    );
    assert!(lead("functions/index.html").contains("A case study counts under each of its functions, so the counts below add up to 3 for 2 case studies."));
    let models = lead("models/index.html");
    assert!(!models.contains("add up"), "one model each: {models}");
    let home = Page::parse(&read(&out, "index.html"));
    let figures: Vec<String> = home.select(".figures li").into_iter().map(text).collect();
    assert!(
        figures.contains(&"2 of the 12 regions".to_owned()),
        "{figures:?}"
    );
}

/// Every page stays bounded as the compendium grows: at 10,000 synthetic
/// case studies no HTML page is over 150 KB gzipped (`bench/build.sh`
/// prints the largest at 10,000 and 100,000).
fn no_page_is_over_150_kb_gzipped_at_10000_case_studies() {
    use std::io::Write as _;
    const LIMIT: usize = 150 * 1024;
    let tmp = crate::support::temp::TempDir::new("bounded-pages");
    let root = tmp.path.join("site");
    compendium_synth::generate(&root, 10_000, 1).expect("synthetic corpus");
    let out = tmp.path.join("out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_compendium"))
        .args(["build", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run compendium build");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut pages = 0;
    let mut largest = (0, String::new());
    let mut over = Vec::new();
    let mut stack = vec![out.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            pages += 1;
            let bytes = std::fs::read(&path).expect("read a page");
            // A page is never larger gzipped: only a large one needs the work.
            let size = if bytes.len() <= LIMIT {
                bytes.len().min(LIMIT)
            } else {
                let mut gz =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                gz.write_all(&bytes).expect("gzip");
                gz.finish().expect("gzip").len()
            };
            let rel = path
                .strip_prefix(&out)
                .unwrap_or(&path)
                .display()
                .to_string();
            if bytes.len() > largest.0 {
                largest = (bytes.len(), rel.clone());
            }
            if size > LIMIT {
                over.push(format!(
                    "{rel}: {} KB gzipped ({} KB)",
                    size / 1024,
                    bytes.len() / 1024
                ));
            }
        }
    }
    assert!(pages > 10_000, "a page per case study and more: {pages}");
    assert!(
        over.is_empty(),
        "pages over 150 KB gzipped (largest raw {largest:?}):\n{}",
        over.join("\n")
    );
}

fn pages_say_when_the_facts_are_from_and_what_changed_since() {
    let site = TestSite::new("time-frame");
    let source = "sources:\n  - title: \"A guide (Somebody, 2011)\"\n";
    let abolished = CaseStudyText::new("Purbeck and Anytown")
        .partners("  - name: Purbeck District Council\n    type: district\n    region: south-west\n  - name: Anytown District Council\n    type: district\n    region: south-east\n")
        .extra(&format!("status: operating\n{source}"))
        .render();
    site.case_study("purbeck", &abolished);
    site.case_study("other", &CaseStudyText::new("Other").extra(source).render());
    let out = site.build_ok(None);
    let home = text_of(&read(&out, "index.html"));
    assert!(
        home.contains("Every case study as described in A guide (Somebody, 2011), written in 2011"),
        "{home}"
    );
    assert!(
        !home.contains("Newest case studies"),
        "every date is the same: {home}"
    );
    let page = text_of(&read(&out, "case-studies/purbeck/index.html"));
    assert!(
        page.contains("As described in A guide (Somebody, 2011); written"),
        "{page}"
    );
    assert!(
        page.contains("abolished in 2019, now part of Dorset Council"),
        "{page}"
    );
    assert!(page.contains("operating, when written"), "{page}");

    site.case_study(
        "later",
        &CaseStudyText::new("Later").date("2012-05-01").render(),
    );
    let out = site.build_ok(None);
    let home = text_of(&read(&out, "index.html"));
    assert!(
        home.contains("Newest case studies, by the date written"),
        "{home}"
    );
    assert!(
        home.contains("Case studies as described in their sources, written 2011 to 2012"),
        "{home}"
    );
}

/// A listing longer than a page is cut into plain pages of 50 linked in
/// order, each case study on exactly one of them, with the term's totals on
/// its first page alone; no page needs JavaScript to reach any case study.
fn long_listings_are_cut_into_linked_pages() {
    use crate::support::html::Page;
    let root = crate::support::temp::folder("paginated");
    compendium_synth::generate(&root, 230, 5).expect("synthetic corpus");
    let site = crate::support::bundled_site::BundledSite::build_from(&root);
    let page = |path: &str| Page::parse(&site.read(path));
    let hrefs = |p: &Page, css: &str| -> Vec<String> {
        p.select(css)
            .iter()
            .filter_map(|a| a.value().attr("href").map(String::from))
            .collect()
    };
    let mut listed: Vec<String> = Vec::new();
    let mut path = "/case-studies/".to_owned();
    let mut visited = Vec::new();
    loop {
        let p = page(&path);
        let cards = hrefs(&p, "#case-study-list > li h3 a");
        assert!(cards.len() <= 50, "{path}: {} cards", cards.len());
        listed.extend(cards);
        visited.push(path.clone());
        let next = hrefs(&p, "nav.pagination a[rel=next]");
        match next.as_slice() {
            [] => break,
            [next] => {
                let back = hrefs(&page(next), "nav.pagination a[rel=prev]");
                assert_eq!(back, vec![path.clone()], "{next} leads back");
                path = next.clone();
            }
            more => panic!("{path}: {more:?}"),
        }
    }
    let expected: Vec<String> = std::iter::once("/case-studies/".to_owned())
        .chain((2..=5).map(|n| format!("/case-studies/page/{n}/")))
        .collect();
    assert_eq!(visited, expected);
    assert!(!site.exists("/case-studies/page/6/"));
    let mut unique = listed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), listed.len(), "a case study listed twice");
    assert_eq!(listed.len(), 230, "every case study listed");
    // The longest term's list: totals on page 1 only, pages in the sitemap.
    let sitemap = site.read("/sitemap.xml");
    let term_page = sitemap
        .split("<loc>")
        .filter_map(|l| l.split("</loc>").next())
        .find(|l| !l.contains("/case-studies/") && l.ends_with("/page/2/"))
        .expect("a term with more than 50 case studies has a page 2 in the sitemap");
    let second = ["/functions/", "/regions/", "/models/"]
        .iter()
        .find_map(|s| term_page.find(s).map(|at| term_page[at..].to_owned()))
        .expect("a term's path");
    let first = second.trim_end_matches("page/2/").to_owned();
    assert!(
        !page(&first).select("table.totals").is_empty(),
        "{first} has totals"
    );
    assert!(
        page(&second).select("table.totals").is_empty(),
        "{second} repeats the totals"
    );
    assert_eq!(
        hrefs(&page(&second), "nav.pagination a[rel=prev]"),
        vec![first.clone()]
    );
    // Lessons: a page of case studies at a time, each case study once.
    let mut groups: Vec<String> = Vec::new();
    let mut path = "/lessons/".to_owned();
    loop {
        let p = page(&path);
        let here = hrefs(&p, ".lesson-group h2 a");
        assert!(
            !here.is_empty() && here.len() <= 50,
            "{path}: {} groups",
            here.len()
        );
        groups.extend(here);
        match hrefs(&p, "nav.pagination a[rel=next]").as_slice() {
            [] => break,
            [next] => path = next.clone(),
            more => panic!("{path}: {more:?}"),
        }
    }
    let mut unique = groups.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        groups.len(),
        "a case study's lessons listed twice"
    );
    assert!(groups.len() > 50, "the lessons run over more than one page");
}

/// A reader who lands on a missing page can search from it, without
/// script (a plain GET to the search page), and reach the main listings.
fn the_not_found_page_has_a_search_box_and_the_main_links() {
    use crate::support::html::Page;
    let site = crate::support::bundled_site::BundledSite::shared();
    let page = Page::parse(&site.read("/404.html"));
    let form = page.select("main form[role=search]");
    let [form] = form.as_slice() else {
        panic!("one search form on the 404 page");
    };
    assert_eq!(form.value().attr("action"), Some("/search/"));
    assert_eq!(form.value().attr("method"), Some("get"));
    assert_eq!(page.select("main form[role=search] input[name=q]").len(), 1);
    let links: Vec<&str> = page
        .select("main a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for listing in [
        "/case-studies/",
        "/functions/",
        "/regions/",
        "/models/",
        "/partners/",
    ] {
        assert!(links.contains(&listing), "{listing} in {links:?}");
        assert!(site.exists(listing), "{listing} exists");
    }
}

/// An index lists every term of its taxonomy, but links only those with
/// case studies: an empty term says "none yet" rather than leading to an
/// empty page.
fn indexes_link_only_terms_that_have_case_studies() {
    use crate::support::html::{Page, row_cells};
    // Three case studies: most functions, regions and models have none.
    let site = rich_site("empty-terms");
    let out = site.build_ok(None);
    let mut empty = 0;
    for index in ["functions", "regions", "models"] {
        let page = Page::parse(&read(&out, &format!("{index}/index.html")));
        for row in page.select("table.terms tbody tr") {
            let cells = row_cells(row);
            let count: usize = cells.last().and_then(|c| c.parse().ok()).expect("a count");
            let linked = Page::parse(&row.html()).select("a").len();
            if count == 0 {
                empty += 1;
                assert_eq!(linked, 0, "{index}: an empty term is linked: {cells:?}");
                assert!(cells[0].contains("none yet"), "{index}: {cells:?}");
            } else {
                assert_eq!(
                    linked, 1,
                    "{index}: a term with case studies is not linked: {cells:?}"
                );
            }
        }
    }
    assert!(empty > 0, "no empty term to check");
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        indexes_link_only_terms_that_have_case_studies,
        the_not_found_page_has_a_search_box_and_the_main_links,
        long_listings_are_cut_into_linked_pages,
        pages_say_when_the_facts_are_from_and_what_changed_since,
        a_term_description_from_site_yaml_is_on_the_term_page,
        case_study_page_shows_title_summary_and_facts,
        case_study_page_shows_partners_with_type_region_and_lead,
        case_study_page_shows_money_in_pounds_with_period_and_status_apart,
        case_study_page_shows_lessons_contacts_and_sources,
        lessons_are_listed_once_each_with_filters_by_function_and_tag,
        organisation_pages_are_for_people,
        indexes_say_how_their_counts_add_up,
        no_page_is_over_150_kb_gzipped_at_10000_case_studies,
        a_total_lists_its_largest_figures_and_points_to_the_data_for_all,
        case_study_page_renders_the_markdown_body,
        case_study_page_links_to_every_listing_it_appears_in_and_no_other,
        term_pages_list_exactly_their_case_studies,
        term_page_has_its_label_and_totals_of_combined_figures,
        index_pages_show_counts,
        case_studies_index_lists_all_with_summary_partners_functions_and_regions,
        home_shows_headline_figures_and_site_wide_totals_of_combined_figures,
    ]
}
