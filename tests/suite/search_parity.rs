//! The browser engine must return what tantivy returns: the same analysis,
//! the same top ten in the same order, the same scores (relative 1e-5), the
//! same totals and facet counts. Runs the real engine.js under Node.

use crate::support::node;

use compendium::model::Site;
use compendium::pipeline::{self, Options};
use compendium::search::{self, query::Filters};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A folder of this run (`support::temp`), named for what it holds.
fn temp_dir(name: &str) -> PathBuf {
    crate::support::temp::folder(&format!("parity-{name}"))
}

fn stemmer_matches_the_snowball_reference_in_rust_and_in_the_browser() {
    let data = node::repo().join("tests/data/snowball-english");
    let voc = std::fs::read_to_string(data.join("voc.txt")).expect("voc.txt");
    let expected = std::fs::read_to_string(data.join("output.txt")).expect("output.txt");
    let mut differences = Vec::new();
    let mut count = 0;
    for (word, stem) in voc.lines().zip(expected.lines()) {
        count += 1;
        let mut stemmer =
            tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
                .filter(tantivy::tokenizer::Stemmer::new(
                    tantivy::tokenizer::Language::English,
                ))
                .build();
        let mut stream = stemmer.token_stream(word);
        let got = if stream.advance() {
            stream.token().text.clone()
        } else {
            String::new()
        };
        if got != stem {
            differences.push(format!("{word}: tantivy {got}, reference {stem}"));
        }
    }
    assert_eq!(count, 42_649, "the whole reference vocabulary");
    assert!(
        differences.is_empty(),
        "tantivy's stemmer differs from the reference: {:?}",
        &differences[..differences.len().min(20)]
    );

    node::node();
    let voc_path = data.join("voc.txt");
    let out_path = data.join("output.txt");
    let report = node::run(
        "tests/js/stemmer-parity.js",
        &[
            voc_path.to_str().unwrap_or(""),
            out_path.to_str().unwrap_or(""),
        ],
        "",
    );
    assert!(
        report.contains("42649"),
        "stemmer-parity.js checked every word: {report}"
    );
}

fn browser_analyser_gives_tantivys_tokens_for_awkward_strings() {
    let strings = std::fs::read_to_string(node::repo().join("tests/data/awkward-strings.txt"))
        .expect("awkward strings");
    let lines: Vec<&str> = strings.lines().collect();
    assert!(lines.len() >= 60);
    node::node();
    let js = node::run("tests/js/analyze-cli.js", &[], &strings);
    let js_lines: Vec<&str> = js.lines().collect();
    assert_eq!(js_lines.len(), lines.len());
    for (line, js_tokens) in lines.iter().zip(js_lines) {
        let rust: Vec<String> = search::schema::analyze(line);
        let js: Vec<String> = serde_json::from_str(js_tokens).expect("json tokens");
        assert_eq!(js, rust, "tokens of {line:?}");
    }
}

/// The browser builds the US endings from the manifest's parts and gives
/// every word of the Snowball vocabulary, and the US forms of the roots,
/// the British spelling `spelling::british` gives.
fn british_spellings_are_the_same_in_the_browser() {
    use crate::support::bundled_site::BundledSite;
    node::node();
    let search = BundledSite::shared().out.join("search");
    let manifest = std::fs::read_dir(&search)
        .expect("search/")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("meta."))
        })
        .expect("a manifest");
    let vocabulary =
        std::fs::read_to_string(node::repo().join("tests/data/snowball-english/voc.txt"))
            .expect("vocabulary");
    let mut words: Vec<String> = vocabulary
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    words.extend(
        search::spelling::us_endings()
            .iter()
            .map(|(us, _, _)| format!("re{us}")),
    );
    words.extend(
        [
            "centered",
            "catalogs",
            "organizations",
            "size",
            "sector",
            "caf\u{e9}izing",
        ]
        .map(String::from),
    );
    let js = node::run(
        "tests/js/british-cli.js",
        &[&manifest.to_string_lossy()],
        &words.join("\n"),
    );
    let js: Vec<Vec<String>> = js
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(js.len(), words.len());
    let mut rewritten = 0;
    for (word, js) in words.iter().zip(js) {
        let rust = search::spelling::british(word);
        assert_eq!(js, rust, "British spelling of {word:?}");
        rewritten += usize::from(!rust.is_empty());
    }
    assert!(rewritten > 500, "{rewritten} words rewritten");
}

struct Query {
    q: String,
    filters: Filters,
    /// List partial matches even when none matches every word.
    partial: bool,
    /// "Annual saving at least".
    saving: Option<search::query::SavingAtLeast>,
}

fn filters(pairs: &[(&str, &str)]) -> Filters {
    let mut f: Filters = BTreeMap::new();
    for (k, v) in pairs {
        f.entry((*k).to_owned()).or_default().push((*v).to_owned());
    }
    f
}

/// Loads the site of `root`.
fn load(root: &Path) -> Site {
    pipeline::load_site(&Options {
        root: root.to_path_buf(),
        include_drafts: false,
        base_url: None,
    })
    .expect("the site loads")
    .0
}

/// Indexes the site and exports the index as a build does (the same two
/// calls as `pipeline::run`, without rendering every page, which for the
/// synthetic corpus was most of this test's time), then runs every query
/// through tantivy and through engine.js.
fn assert_parity(site: &Site, queries: &[Query], label: &str) {
    let index = search::index::build(site).expect("index");
    let export = search::export::export(site, &index).expect("export");
    let out = temp_dir(&format!("{label}-out"));
    for f in export
        .files
        .iter()
        .filter(|f| f.path.starts_with("search/"))
    {
        let path = out.join(&f.path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, &f.bytes).expect("write");
    }
    let input: String = queries
        .iter()
        .map(|q| {
            serde_json::json!({"q": q.q, "filters": q.filters, "limit": 10, "partial": q.partial, "saving": q.saving})
                .to_string()
                + "\n"
        })
        .collect();
    let js_out = node::run(
        "tests/js/search-cli.js",
        &[out.join("search").to_str().unwrap_or("")],
        &input,
    );
    let js_lines: Vec<serde_json::Value> = js_out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(js_lines.len(), queries.len());
    let mut compared_hits = 0;
    for (q, js) in queries.iter().zip(&js_lines) {
        let request = search::query::Request {
            text: &q.q,
            filters: q.filters.clone(),
            offset: 0,
            limit: 10,
            partial: q.partial,
            saving: q.saving,
        };
        let rust = search::query::run(&index, &request).expect("search");
        let context = format!(
            "{label}: query {:?} filters {:?} partial {} saving {:?}",
            q.q, q.filters, q.partial, q.saving
        );
        assert_eq!(
            js["unlisted"].as_u64(),
            Some(rust.unlisted as u64),
            "unlisted partial matches for {context}"
        );
        assert_eq!(
            js["suggestion"],
            serde_json::to_value(&rust.suggestion).expect("json"),
            "spelling suggestion for {context}"
        );
        assert_eq!(
            js["total"].as_u64(),
            Some(rust.total as u64),
            "total for {context}"
        );
        assert_eq!(
            js["words"].as_u64(),
            Some(rust.words as u64),
            "words of {context}"
        );
        assert_eq!(
            js["all_words"].as_u64(),
            Some(rust.all_words as u64),
            "matching all words for {context}"
        );
        let js_hits = js["hits"].as_array().expect("hits");
        assert_eq!(js_hits.len(), rust.hits.len(), "hit count for {context}");
        for (rank, (r, j)) in rust.hits.iter().zip(js_hits).enumerate() {
            let js_score = j["score"].as_f64().expect("score");
            let rs = f64::from(r.score);
            let relative = if rs == 0.0 {
                js_score.abs()
            } else {
                ((js_score - rs) / rs).abs()
            };
            assert!(
                relative <= 1e-5,
                "score at rank {rank} for {context}: tantivy {rs}, browser {js_score}"
            );
            let same_doc = j["id"].as_u64() == Some(r.id as u64);
            // Two documents whose scores tie to within float rounding may be
            // listed either way round; anything else must be the same document.
            let tied = !same_doc
                && rust.hits.iter().any(|o| {
                    o.id as u64 == j["id"].as_u64().unwrap_or(u64::MAX)
                        && ((f64::from(o.score) - rs) / rs.max(1e-9)).abs() <= 1e-6
                });
            assert!(
                same_doc || tied,
                "rank {rank} for {context}: tantivy doc {} ({}), browser doc {} ({})",
                r.id,
                rs,
                j["id"],
                js_score
            );
            let route = compendium::model::Route::CaseStudy(compendium::model::CaseStudyId::new(
                j["id"].as_u64().unwrap_or(0) as usize,
            ));
            assert_eq!(
                j["url"].as_str(),
                Some(site.href(&route).as_str()),
                "display record for {context}"
            );
            compared_hits += 1;
        }
        let js_facets: BTreeMap<String, BTreeMap<String, usize>> =
            serde_json::from_value(js["facets"].clone()).expect("facets");
        let rust_facets: BTreeMap<String, BTreeMap<String, usize>> = rust.facets.clone();
        assert_eq!(js_facets, rust_facets, "facet counts for {context}");
        let js_plan: Vec<String> = js["plan"]
            .as_array()
            .expect("plan")
            .iter()
            .map(|t| t["term"].as_str().unwrap_or("").to_owned())
            .collect();
        let rust_plan: Vec<String> = rust.plan.iter().map(|t| t.term.clone()).collect();
        assert_eq!(js_plan, rust_plan, "query plan for {context}");
    }
    assert!(
        compared_hits >= queries.len(),
        "{label}: most queries should have results ({compared_hits} hits compared)"
    );
    let _ = std::fs::remove_dir_all(&out);
}

/// Queries made from the corpus itself: words from titles, summaries and
/// bodies, one to four words, some with filters, some misspelt or cut short.
fn queries_from(site: &compendium::model::Site, count: usize) -> Vec<Query> {
    let mut words: Vec<String> = Vec::new();
    // Pairs of neighbouring words, for phrases that do occur.
    let mut pairs: Vec<String> = Vec::new();
    for (i, c) in site
        .all_case_studies()
        .iter()
        .enumerate()
        .step_by((site.all_case_studies().len() / 40).max(1))
    {
        let body = site.case_study_body(compendium::model::CaseStudyId::new(i));
        let text = format!("{} {} {}", c.matter.title, c.matter.summary, body.text);
        let all: Vec<&str> = text
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(pair) = all.get(i % 50..i % 50 + 2) {
            pairs.push(format!("\"{}\"", pair.join(" ")));
        }
        let ws: Vec<&str> = all.iter().copied().filter(|w| w.len() >= 4).collect();
        for (j, w) in ws
            .iter()
            .enumerate()
            .filter(|(j, _)| (j + i) % 37 == 0)
            .take(6)
        {
            let _ = j;
            words.push(w.to_lowercase());
        }
    }
    assert!(words.len() >= 20, "enough query words");
    let facet_pool = [
        ("function", "procurement"),
        ("function", "waste"),
        ("region", "london"),
        ("region", "south-west"),
        ("model", "shared-management"),
        ("type", "district"),
        ("function", "ict"),
        ("status", "operating"),
        ("tier", "full"),
    ];
    let mut queries = Vec::new();
    for i in 0..count {
        let n = 1 + i % 4;
        let mut q: Vec<String> = (0..n)
            .map(|k| words[(i * 7 + k * 13) % words.len()].clone())
            .collect();
        match i % 6 {
            4 => {
                // a typo: drop a letter after the second
                let w = &mut q[0];
                if w.chars().count() > 5 {
                    let mut cs: Vec<char> = w.chars().collect();
                    cs.remove(3);
                    *w = cs.into_iter().collect();
                }
            }
            3 if !pairs.is_empty() => {
                // a phrase that occurs somewhere, with or without other words
                q[0] = pairs[i % pairs.len()].clone();
            }
            5 => {
                // the last word still being typed
                if let Some(last) = q.last_mut() {
                    let cut: String = last.chars().take(4).collect();
                    *last = cut;
                }
            }
            _ => {}
        }
        let f = if i % 3 == 1 {
            filters(&[facet_pool[i % facet_pool.len()]])
        } else if i % 9 == 2 {
            filters(&[
                facet_pool[i % facet_pool.len()],
                facet_pool[(i + 2) % facet_pool.len()],
            ])
        } else {
            Filters::new()
        };
        queries.push(Query {
            q: q.join(" "),
            filters: f,
            partial: i % 2 == 0,
            saving: None,
        });
    }
    queries
}

fn fixed_queries() -> Vec<Query> {
    let plain = [
        "waste",
        "recycling",
        "procurement",
        "procurment",
        "shared chief executive",
        "revenues and benefits",
        "call centre",
        "legal services",
        "joint committee",
        "Bromsgrove",
        "Redditch",
        "South Holland",
        "ICT",
        "savings",
        "redundancy costs",
        "trading standards",
        "building control",
        "police",
        "IBM",
        "pensions",
        "libraries",
        "economic development",
        "management team",
        "recyc",
        "partnersh",
        "sovereignty",
        "political leadership",
        "business case",
        "staff terms and conditions",
        "council tax",
        "customer service centre",
        "£1.2m",
        "2008",
        "Weymouth and Portland",
        "Kent",
        "london borough",
        "waste disposal contract",
        "shared services",
        "efficiency savings",
        "benefits fraud",
    ];
    let mut out: Vec<Query> = plain
        .iter()
        .map(|q| Query {
            q: (*q).to_owned(),
            filters: Filters::new(),
            partial: false,
            saving: None,
        })
        .collect();
    out.push(Query {
        q: "waste".into(),
        filters: filters(&[("region", "london")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "shared services".into(),
        filters: filters(&[("function", "procurement")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "management".into(),
        filters: filters(&[("model", "shared-management")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "council".into(),
        filters: filters(&[("region", "south-west"), ("region", "south-east")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "savings".into(),
        filters: filters(&[("type", "district"), ("function", "revenues-benefits")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "partnership".into(),
        filters: filters(&[("function", "waste"), ("region", "london")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "".into(),
        filters: filters(&[("region", "east-midlands")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "".into(),
        filters: filters(&[("status", "in-progress")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "revenues and benefits in the south west".into(),
        filters: Filters::new(),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "the and of".into(),
        filters: Filters::new(),
        partial: false,
        saving: None,
    });
    for q in [
        "JV",
        "revs and bens",
        "HR",
        "ICT",
        "organization",
        "s151",
        "chief exec",
        "refuse collection",
        "waste -london",
        "-london",
        "shared services -south-west",
        "procurement -dorset -zzzz",
        "Worcestshire",
        "Wymouth Portand",
        "Kensington Chelsae -london",
        "pay harmonization",
        "centralized call center",
        "parking enforcement",
        "\"shared chief executive\"",
        "\"revenues and benefits\" partnership",
        "waste -\"south london\"",
        "“joint venture” -suffolk",
        "\"chief executive",
        "\"the\"",
        "Worcestshire \"shared services\"",
        "\"benefits revenues\"",
        "\"\" waste",
    ] {
        out.push(Query {
            q: q.into(),
            filters: Filters::new(),
            partial: false,
            saving: None,
        });
    }
    for (q, pence, projected) in [
        ("", 1, false),
        ("", 100_000_000, true),
        ("shared services", 1, true),
        ("waste", 1, false),
    ] {
        out.push(Query {
            q: q.into(),
            filters: Filters::new(),
            partial: false,
            saving: Some(search::query::SavingAtLeast { pence, projected }),
        });
    }
    for partial in [false, true] {
        out.push(Query {
            q: "coroner service".into(),
            filters: Filters::new(),
            partial,
            saving: None,
        });
    }
    out.push(Query {
        q: "selling services to other councils".into(),
        filters: Filters::new(),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "council".into(),
        filters: filters(&[("tier", "brief"), ("status", "operating")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "contract".into(),
        filters: filters(&[("model", "outsourced-partnership")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "costs".into(),
        filters: filters(&[("function", "senior-management")]),
        partial: false,
        saving: None,
    });
    out.push(Query {
        q: "customer".into(),
        filters: filters(&[("type", "county")]),
        partial: false,
        saving: None,
    });
    out
}

/// What a case study's page shows is found by search: a contact's name and
/// role, a tag by its readable name, a source's title, and a partner by the
/// register's other names (a former name); in tantivy and the browser alike.
fn contacts_tags_sources_and_former_names_are_searched() {
    use crate::support::common::{CaseStudyText, TestSite};
    let site = TestSite::new("more-indexed");
    site.write(
        "content/site.yaml",
        "title: \"T\"\ntags:\n  - slug: tupe\n    label: \"TUPE (staff transfer)\"\n",
    );
    site.case_study(
        "alpha",
        &CaseStudyText::new("Alpha")
            .partners("  - name: Folkestone and Hythe District Council\n    type: district\n    region: south-east\n")
            .extra("tags: [tupe]\ncontacts:\n  - name: Zebedee Quillfeather\n    role: Head of Grommets\nsources:\n  - title: \"Cabinet report on the xylophone review\"\n")
            .render(),
    );
    site.case_study("beta", &CaseStudyText::new("Beta").render());
    let loaded = load(&site.root);
    let index = search::index::build(&loaded).expect("index");
    for q in [
        "Quillfeather",
        "grommets",
        "staff transfer",
        "xylophone",
        "Shepway",
    ] {
        let results = search::query::search(&index, q, &Filters::new(), 10).expect("search");
        let found: Vec<&str> = results
            .hits
            .iter()
            .map(|h| loaded.all_case_studies()[h.id].slug.as_ref())
            .collect();
        assert_eq!(found.first(), Some(&"alpha"), "{q}: {found:?}");
    }
    let queries: Vec<Query> = ["Quillfeather", "staff transfer", "Shepway"]
        .iter()
        .map(|q| Query {
            q: (*q).to_owned(),
            filters: Filters::new(),
            partial: false,
            saving: None,
        })
        .collect();
    assert_parity(&loaded, &queries, "more-indexed");
}

/// A word after a minus leaves out the case studies that hold it, in
/// tantivy and the browser alike (the parity queries include exclusions).
fn a_leading_minus_leaves_out_what_holds_the_word() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = load(root);
    let index = search::index::build(&site).expect("index");
    let slugs = |q: &str| -> Vec<String> {
        let r = search::query::search(&index, q, &Filters::new(), 100).expect("search");
        r.hits
            .iter()
            .map(|h| site.all_case_studies()[h.id].slug.to_string())
            .collect()
    };
    let waste = slugs("waste");
    let without = slugs("waste -london");
    assert!(
        waste.iter().any(|s| s == "south-london-waste-partnership"),
        "{waste:?}"
    );
    assert!(
        !without
            .iter()
            .any(|s| s == "south-london-waste-partnership"),
        "{without:?}"
    );
    assert!(
        !without.is_empty() && without.len() < waste.len(),
        "{without:?}"
    );
    let all = slugs("");
    let not_london = slugs("-london");
    assert!(!not_london.is_empty() && not_london.len() < all.len());
    // A minus inside a word, or alone, is not an exclusion.
    assert_eq!(slugs("south-west"), slugs("south west"));
    assert_eq!(slugs("waste -"), waste);
}

/// `site.yaml` adds to the thesaurus: the page and the CLI expand the word
/// alike; a "word" of two words is an error at its place.
fn the_thesaurus_can_be_extended_in_site_yaml() {
    use crate::support::common::{CaseStudyText, TestSite, assert_code_at, find_code, pos_of};
    let site = TestSite::new("thesaurus");
    site.write(
        "content/site.yaml",
        "title: \"T\"\nthesaurus:\n  - word: pcc\n    means: police and crime commissioner\n",
    );
    site.case_study(
        "alpha",
        &CaseStudyText::new("Alpha")
            .body("## What was the approach?\n\nThe police and crime commissioner shares an office.\n")
            .render(),
    );
    site.case_study("beta", &CaseStudyText::new("Beta").render());
    let loaded = load(&site.root);
    let index = search::index::build(&loaded).expect("index");
    let results = search::query::search(&index, "pcc", &Filters::new(), 10).expect("search");
    let found: Vec<&str> = results
        .hits
        .iter()
        .map(|h| loaded.all_case_studies()[h.id].slug.as_ref())
        .collect();
    assert_eq!(found, ["alpha"]);
    let queries = vec![Query {
        q: "pcc".into(),
        filters: Filters::new(),
        partial: false,
        saving: None,
    }];
    assert_parity(&loaded, &queries, "thesaurus");
    let text = "title: \"T\"\nthesaurus:\n  - word: two words\n    means: x\n";
    site.write("content/site.yaml", text);
    let (run, diags) = site.check_json();
    assert_eq!(run.code, Some(1), "{run}");
    assert_code_at(
        find_code(&diags, "wrong-type"),
        "wrong-type",
        "content/site.yaml",
        pos_of(text, "two words"),
    );
}

/// A US-spelled word the site itself uses as often as its British form is
/// taken as typed ("organize" does not widen to "organise"), while one it
/// does not use still finds its British form ("centralized":
/// "centralised"); the browser engine plans both as tantivy does.
fn a_us_word_the_site_uses_is_searched_as_typed() {
    use crate::support::common::{CaseStudyText, TestSite};
    let site = TestSite::new("as-typed");
    let body = |text: &str| format!("## What was the approach?\n\n{text}\n");
    site.case_study(
        "alpha",
        &CaseStudyText::new("Alpha")
            .body(&body("The partners organize the audit together."))
            .render(),
    );
    site.case_study(
        "beta",
        &CaseStudyText::new("Beta")
            .body(&body(
                "Nothing here is infring anything; the service is centralised.",
            ))
            .render(),
    );
    let loaded = load(&site.root);
    let index = search::index::build(&loaded).expect("index");
    let found = |q: &str| -> Vec<String> {
        let results = search::query::search(&index, q, &Filters::new(), 10).expect("search");
        results
            .hits
            .iter()
            .map(|h| loaded.all_case_studies()[h.id].slug.to_string())
            .collect()
    };
    assert_eq!(found("organize"), ["alpha"]);
    assert_eq!(found("centralized"), ["beta"]);
    let queries: Vec<Query> = ["organize", "centralized", "organize audit"]
        .into_iter()
        .map(|q| Query {
            q: q.into(),
            filters: Filters::new(),
            partial: false,
            saving: None,
        })
        .collect();
    assert_parity(&loaded, &queries, "as-typed");
}

fn browser_engine_ranks_the_bundled_content_as_tantivy_does() {
    node::node();
    let queries = fixed_queries();
    assert!(queries.len() >= 50);
    assert_parity(&load(&node::repo()), &queries, "bundled");
}

fn browser_engine_ranks_a_synthetic_corpus_of_2000_as_tantivy_does() {
    node::node();
    let root = temp_dir("synthetic");
    compendium_synth::generate(&root, 2000, 7).expect("synthetic corpus");
    let (site, _) = pipeline::load_site(&Options {
        root: root.clone(),
        include_drafts: false,
        base_url: None,
    })
    .expect("valid corpus");
    let mut queries = queries_from(&site, 60);
    queries.extend(fixed_queries().into_iter().take(10));
    assert_parity(&site, &queries, "synthetic-2000");
    let _ = std::fs::remove_dir_all(&root);
}

fn the_memoised_stemmer_gives_exactly_tantivys_stems() {
    let data = node::repo().join("tests/data");
    let voc = std::fs::read_to_string(data.join("snowball-english/voc.txt")).expect("voc.txt");
    let awkward = std::fs::read_to_string(data.join("awkward-strings.txt")).expect("awkward");
    let tokens = |mut analyzer: tantivy::tokenizer::TextAnalyzer, text: &str| {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    };
    // The whole vocabulary twice in one text, so the second pass comes from the memo.
    let text = format!("{voc}\n{awkward}\n{voc}");
    let memo = tokens(search::schema::analyzer(), &text);
    let plain = tokens(search::schema::analyzer_without_memo(), &text);
    assert!(memo.len() > 80_000);
    assert_eq!(memo, plain);
}

/// Every shard the bundled site ships reads back with the Rust decoder of
/// the browser's format: terms in the order the engine's binary search
/// needs, postings that fill their lengths, documents that exist, and
/// display records only of documents that exist.
fn every_search_shard_of_the_bundled_site_reads_back() {
    use std::io::Read;
    let site = crate::support::bundled_site::BundledSite::shared();
    let documents = std::fs::read_dir(site.out.join("case-studies"))
        .expect("case-studies/")
        .flatten()
        .filter(|e| e.path().join("index.html").is_file())
        .count() as u64;
    let mut shards = 0;
    let mut terms = 0;
    for entry in std::fs::read_dir(site.out.join("search"))
        .expect("search/")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("terms-") {
            continue;
        }
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(entry.path()).expect("open"))
            .read_to_end(&mut bytes)
            .expect("gunzip");
        let shard = search::shard::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        for t in &shard.terms {
            assert!(
                !t.postings.is_empty(),
                "{name}: `{}` has no documents",
                t.term
            );
            assert!(t.df_sum >= t.postings.len() as u64, "{name}: `{}`", t.term);
            let last = t.postings.last().map_or(0, |p| p.doc);
            assert!(
                last < documents,
                "{name}: `{}` names document {last}",
                t.term
            );
            assert!(t.postings.iter().all(|p| !p.fields.is_empty()));
        }
        for id in shard.display.keys() {
            let id: u64 = id.parse().expect("a document id");
            assert!(id < documents, "{name}: a display record of document {id}");
        }
        shards += 1;
        terms += shard.terms.len();
    }
    assert!(shards > 0 && terms > 100, "{shards} shards, {terms} terms");
}

/// A build moves the bodies' text out of the site for the search index
/// and the related case studies: both are then exactly those of the whole
/// site, and the emptied site refuses to be indexed again (rather than
/// indexing bodies without their text).
fn texts_moved_out_of_the_site_give_the_same_search_and_related() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let whole = load(root);
    let index = search::index::build(&whole).expect("index");
    let related = search::related::compute(&whole, &index).expect("related");
    let export = search::export::export(&whole, &index).expect("export");
    let mut emptied = load(root);
    let texts = emptied
        .take_body_texts()
        .expect("a loaded site has its text");
    assert!(emptied.body_texts().is_none());
    assert!(emptied.take_body_texts().is_none(), "moved out twice");
    assert!(
        search::index::build(&emptied).is_err(),
        "indexed without text"
    );
    assert!(search::related::compute(&emptied, &index).is_err());
    let moved = search::index::build_with(&emptied, &texts).expect("index");
    let moved_related = search::related::compute_with(&emptied, &moved, &texts).expect("related");
    let moved_export = search::export::export(&emptied, &moved).expect("export");
    assert!(related.differing(&moved_related).is_empty());
    assert_eq!(export.files.len(), moved_export.files.len());
    for (a, b) in export.files.iter().zip(&moved_export.files) {
        assert_eq!(a.path, b.path);
        assert!(a.bytes == b.bytes, "{} differs", a.path);
    }
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        texts_moved_out_of_the_site_give_the_same_search_and_related,
        every_search_shard_of_the_bundled_site_reads_back,
        stemmer_matches_the_snowball_reference_in_rust_and_in_the_browser,
        browser_analyser_gives_tantivys_tokens_for_awkward_strings,
        british_spellings_are_the_same_in_the_browser,
        browser_engine_ranks_the_bundled_content_as_tantivy_does,
        contacts_tags_sources_and_former_names_are_searched,
        a_leading_minus_leaves_out_what_holds_the_word,
        the_thesaurus_can_be_extended_in_site_yaml,
        a_us_word_the_site_uses_is_searched_as_typed,
        browser_engine_ranks_a_synthetic_corpus_of_2000_as_tantivy_does,
        the_memoised_stemmer_gives_exactly_tantivys_stems,
    ]
}
