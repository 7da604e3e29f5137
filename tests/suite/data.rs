//! Black-box tests of the open data: /data/case-studies.json and
//! /data/case-studies.csv.

use crate::support::common::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const BASE: &str = "https://example.org/sub/";

fn records(out: &std::path::Path) -> Vec<Value> {
    let text = read(out, "data/case-studies.json");
    let v: Value = serde_json::from_str(&text).expect("case-studies.json is JSON");
    v.as_array().expect("case-studies.json is an array").clone()
}

fn record<'a>(records: &'a [Value], slug: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["slug"] == slug)
        .unwrap_or_else(|| panic!("no record with slug {slug}"))
}

#[track_caller]
fn assert_pounds(v: &Value, pounds: f64) {
    assert!(v.is_number(), "amount {v} is not a JSON number");
    assert_eq!(v.as_f64(), Some(pounds), "amount {v}");
}

fn string_set(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_str().expect("a string").to_owned())
        .collect()
}

fn json_has_one_record_per_case_study_with_every_field_normalised() {
    let site = rich_site("json");
    let out = site.build_ok(Some(BASE));
    let records = records(&out);
    assert_eq!(records.len(), 3);

    let a = record(&records, "alpha");
    let keys: BTreeSet<&str> = a
        .as_object()
        .expect("a record is an object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "slug",
        "url",
        "title",
        "summary",
        "date",
        "started",
        "status",
        "model",
        "functions",
        "regions",
        "partners",
        "savings",
        "costs",
        "lessons",
        "contacts",
        "sources",
        "tags",
        "draft",
    ] {
        assert!(
            keys.contains(key),
            "field `{key}` missing from the JSON record; has {keys:?}"
        );
    }
    assert_eq!(a["url"], "https://example.org/sub/case-studies/alpha/");
    assert_eq!(a["title"], "Alpha and Beta: a shared waste service");
    assert_eq!(
        a["summary"],
        "Alpha District Council and Beta Borough Council run one waste and procurement service with a private recycler."
    );
    assert_eq!(a["date"], "2011-03-01");
    assert_eq!(a["started"], "2008-06");
    assert_eq!(a["status"], "in-progress");
    assert_eq!(a["model"], "lead-authority");
    assert_eq!(a["functions"], json!(["waste", "procurement"]));
    assert_eq!(
        string_set(&a["regions"]),
        set(&["london", "south-east"]),
        "regions are the union of the partners' regions"
    );
    assert_eq!(a["tags"], json!(["waste", "governance"]));
    assert_eq!(a["draft"], json!(false));
    assert_eq!(
        a["lessons"],
        json!([
            "Agree the governance before buying the vehicles.",
            "Engage the crews early and often."
        ])
    );

    let partners = a["partners"].as_array().expect("partners");
    assert_eq!(partners.len(), 3);
    assert_eq!(partners[0]["name"], "Alpha District Council");
    assert_eq!(partners[0]["type"], "district");
    assert_eq!(partners[0]["region"], "south-east");
    assert_eq!(partners[0]["lead"], json!(true));
    assert_eq!(partners[1]["name"], "Beta Borough Council");
    assert_eq!(partners[1]["type"], "unitary");
    assert_eq!(partners[1]["region"], "london");
    assert_eq!(partners[1]["lead"], json!(false));
    assert_eq!(partners[2]["name"], "Gamma Recycling Ltd");
    assert_eq!(partners[2]["type"], "private");
    assert!(
        partners[2]["region"].is_null(),
        "a partner without a region: {}",
        partners[2]
    );

    let savings = a["savings"].as_array().expect("savings");
    assert_eq!(savings.len(), 4);
    assert_pounds(&savings[0]["amount"], 1_200_000.0); // "£1.2m"
    assert_eq!(savings[0]["period"], "annual");
    assert_eq!(savings[0]["status"], "achieved");
    assert!(savings[0]["partner"].is_null());
    assert_eq!(savings[0]["about"], "Fewer collection rounds");
    assert_eq!(savings[0]["quote"], "rounds cut from 40 to 31");
    assert_eq!(
        savings[0]["note"],
        "Read as a yearly figure from the cabinet minutes"
    );
    assert_eq!(savings[0]["functions"], json!(["waste"]));
    assert_eq!(savings[0]["added"], json!(true));
    assert_eq!(savings[2]["added"], json!(false), "a partner's share");
    assert_eq!(
        savings[2]["not_added_because"],
        "a partner's share of a figure"
    );
    assert_pounds(&savings[1]["amount"], 71_000.0); // "£71k"
    assert_eq!(savings[1]["period"], "one-off");
    assert_eq!(savings[1]["status"], "projected");
    assert_pounds(&savings[2]["amount"], 600_000.0); // 600000
    assert_eq!(savings[2]["partner"], "Alpha District Council");
    assert_pounds(&savings[3]["amount"], 30_700_000.0); // "£30.7 million"
    assert_eq!(savings[3]["period"], "total");
    assert_eq!(savings[3]["years"], json!(10));

    let costs = a["costs"].as_array().expect("costs");
    assert_eq!(costs.len(), 1);
    assert_pounds(&costs[0]["amount"], 500_000.0); // "£500,000"
    assert_eq!(costs[0]["period"], "one-off");
    assert_eq!(costs[0]["status"], "achieved");
    assert_eq!(costs[0]["note"], "Redundancy costs");

    let contacts = a["contacts"].as_array().expect("contacts");
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0]["name"], "Jane Smith");
    assert_eq!(contacts[0]["role"], "Head of Waste, Alpha District Council");
    assert_eq!(contacts[0]["email"], "jane.smith@alpha.gov.uk");
    assert_eq!(contacts[0]["phone"], "01234 567890");

    let sources = a["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 2);
    assert_eq!(
        sources[0]["title"],
        "Shared services and management: a guide for councils"
    );
    assert_eq!(
        sources[0]["url"],
        "https://www.local.gov.uk/shared-services"
    );
    assert_eq!(sources[0]["section"], "Case study 7");
    assert_eq!(sources[1]["title"], "Alpha cabinet minutes, March 2010");
    assert!(sources[1]["url"].is_null() || sources[1].get("url").is_none());
}

fn json_uses_the_slug_field_and_keeps_unicode() {
    let site = rich_site("json-slug");
    let out = site.build_ok(Some(BASE));
    let records = records(&out);

    let d = record(&records, "delta");
    assert_eq!(d["url"], "https://example.org/sub/case-studies/delta/");
    assert_eq!(
        string_set(&d["regions"]),
        set(&["north-west", "south-east"])
    );
    assert_pounds(&d["savings"][2]["amount"], 250_000.0); // "£250k"
    assert!(
        d["started"].is_null() || d.get("started").is_none(),
        "no started date: {}",
        d["started"]
    );
    assert!(
        records.iter().all(|r| r["slug"] != "delta-county"),
        "the file name must not be used when `slug:` is set"
    );

    let e = record(&records, "epsilon");
    assert_eq!(e["title"], "Ynys Môn and Zeta: waste in Wales");
    assert_eq!(
        e["summary"],
        "Cyngor Sir Ynys Môn and Zeta County Borough Council plan a joint waste committee – savings “projected”."
    );
    assert_eq!(e["partners"][0]["name"], "Cyngor Sir Ynys Môn");
    assert_eq!(string_set(&e["regions"]), set(&["wales"]));
    assert_eq!(e["costs"], json!([]));
}

fn csv_has_a_header_and_one_row_per_case_study_with_lists_joined() {
    let site = rich_site("csv");
    let out = site.build_ok(Some(BASE));
    let bytes = std::fs::read(out.join("data/case-studies.csv")).expect("case-studies.csv");
    let text = String::from_utf8(bytes.clone()).expect("the CSV is UTF-8");
    assert!(
        text.contains("Ynys Môn"),
        "non-ASCII text must be kept as UTF-8"
    );

    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    for column in [
        "slug",
        "url",
        "title",
        "summary",
        "date",
        "started",
        "status",
        "model",
        "functions",
        "regions",
        "partners",
        "lessons",
        "tags",
    ] {
        assert!(
            header.iter().any(|h| h == column),
            "column `{column}` missing from the header {header:?}"
        );
    }
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("a well-formed CSV row"))
        .collect();
    assert_eq!(rows.len(), 3, "one row per case study");
    for r in &rows {
        assert_eq!(
            r.len(),
            header.len(),
            "every row has as many fields as the header"
        );
    }
    let row = |slug: &str| {
        rows.iter()
            .find(|r| &r[col("slug")] == slug)
            .unwrap_or_else(|| panic!("no row for {slug}"))
    };

    let a = row("alpha");
    assert_eq!(
        &a[col("url")],
        "https://example.org/sub/case-studies/alpha/"
    );
    assert_eq!(&a[col("title")], "Alpha and Beta: a shared waste service");
    assert_eq!(&a[col("date")], "2011-03-01");
    assert_eq!(&a[col("started")], "2008-06");
    assert_eq!(&a[col("status")], "in-progress");
    assert_eq!(&a[col("model")], "lead-authority");
    assert_eq!(&a[col("functions")], "waste; procurement");
    let regions: BTreeSet<String> = a[col("regions")].split("; ").map(str::to_owned).collect();
    assert_eq!(regions, set(&["london", "south-east"]));
    assert_eq!(
        &a[col("partners")],
        "Alpha District Council; Beta Borough Council; Gamma Recycling Ltd"
    );
    assert_eq!(
        &a[col("lessons")],
        "Agree the governance before buying the vehicles.; Engage the crews early and often."
    );
    assert_eq!(&a[col("tags")], "waste; governance");

    let d = row("delta");
    assert_eq!(&d[col("started")], "");
    assert_eq!(&d[col("functions")], "ict");

    let e = row("epsilon");
    assert_eq!(&e[col("title")], "Ynys Môn and Zeta: waste in Wales");
    assert_eq!(
        &e[col("partners")],
        "Cyngor Sir Ynys Môn; Zeta County Borough Council"
    );
    assert_eq!(
        &e[col("summary")],
        "Cyngor Sir Ynys Môn and Zeta County Borough Council plan a joint waste committee – savings “projected”."
    );
}

fn data_page_links_both_downloads() {
    let site = rich_site("data-page");
    let out = site.build_ok(Some(BASE));
    let html = read(&out, "data/index.html");
    let h = hrefs(&html);
    assert!(
        h.iter().any(|x| x == "/sub/data/case-studies.json"),
        "{h:?}"
    );
    assert!(h.iter().any(|x| x == "/sub/data/case-studies.csv"), "{h:?}");
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        json_has_one_record_per_case_study_with_every_field_normalised,
        json_uses_the_slug_field_and_keeps_unicode,
        csv_has_a_header_and_one_row_per_case_study_with_lists_joined,
        data_page_links_both_downloads,
    ]
}
