//! The search page in a real browser (Debian's Chromium, headless, through
//! chromedriver) against the built bundled site served on 127.0.0.1.

//! The run's shared build and browser (`support::browser::session`).

use crate::support::browser;
use serde_json::json;

const RESULTS: &str = "return Array.from(document.querySelectorAll('#search-results li a')).map(a => a.getAttribute('href'))";

fn typing_searching_filtering_and_shared_urls_work_in_chromium() {
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);

    // Type a query: results appear as links to case studies, best first.
    b.goto(&format!("{}/search/", server.base));
    let input = b.find("#q");
    b.click(&input);
    b.keys("waste");
    b.wait_for(
        "return document.getElementById('search-status').textContent.includes('“waste”')",
        "results while typing",
    );
    let first: Vec<String> = serde_json::from_value(b.eval(RESULTS, json!([]))).expect("hrefs");
    assert!(
        first
            .iter()
            .all(|h| h.starts_with("/case-studies/") && h.ends_with('/')),
        "{first:?}"
    );
    assert!(
        first.iter().any(|h| h.contains("waste")),
        "waste case studies found: {first:?}"
    );
    let url = b.eval("return location.search", json!([]));
    assert_eq!(url, json!("?q=waste"), "the URL follows the query");
    let status = b.eval(
        "return document.getElementById('search-status').textContent",
        json!([]),
    );
    let total_before: usize = status
        .as_str()
        .unwrap_or("")
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count in the status");

    // Each facet lists its values most frequent first.
    let counts: Vec<Vec<u64>> = serde_json::from_value(b.eval(
        "return Array.from(document.querySelectorAll('#search-facets fieldset')).map(f => Array.from(f.querySelectorAll('label')).map(l => Number((l.textContent.match(/\\((\\d+)\\)$/) || [0, 0])[1])))",
        json!([]),
    ))
    .expect("counts");
    assert!(!counts.is_empty());
    for c in &counts {
        assert!(
            c.windows(2).all(|w| w[0] >= w[1]),
            "most frequent first: {c:?}"
        );
    }
    // Tick a region facet: counts and results change, and the URL says so.
    let london_label = b.eval("const l = document.querySelector('label[for=facet-region-london]'); return l ? l.textContent : null", json!([]));
    assert!(
        london_label
            .as_str()
            .is_some_and(|t| t.starts_with("London (")),
        "a London facet with a count: {london_label}"
    );
    let london = b.find("#facet-region-london");
    b.click(&london);
    b.wait_for(
        "return location.search.includes('region=london')",
        "the URL to carry the filter",
    );
    b.wait_for(&format!("const s = document.getElementById('search-status').textContent; return !s.startsWith('{total_before} ')"), "the result count to change");
    let filtered: Vec<String> = serde_json::from_value(b.eval(RESULTS, json!([]))).expect("hrefs");
    assert!(
        !filtered.is_empty() && filtered.len() < first.len().max(2) + 1,
        "filtered results {filtered:?} vs {first:?}"
    );
    assert!(
        filtered.contains(&"/case-studies/south-london-waste-partnership/".to_string()),
        "{filtered:?}"
    );
    let checked = b.eval(
        "return document.getElementById('facet-region-london').checked",
        json!([]),
    );
    assert_eq!(checked, json!(true));

    // Back button: the unfiltered search returns.
    b.eval("history.back(); return true", json!([]));
    b.wait_for(
        "return !location.search.includes('region=')",
        "back to the unfiltered URL",
    );
    b.wait_for(&format!("return document.getElementById('search-status').textContent.startsWith('{total_before} ')"), "the unfiltered results after going back");

    // A shared link opens straight onto the filtered results.
    b.goto(&format!(
        "{}/search/?q=procurement&region=east-midlands",
        server.base
    ));
    b.wait_for(
        "return document.getElementById('search-status').textContent.includes('“procurement”')",
        "results from the URL",
    );
    let shared: Vec<String> = serde_json::from_value(b.eval(RESULTS, json!([]))).expect("hrefs");
    assert!(
        shared.iter().all(|h| h.starts_with("/case-studies/")),
        "{shared:?}"
    );
    let value = b.eval("return document.getElementById('q').value", json!([]));
    assert_eq!(value, json!("procurement"));
    let ticked = b.eval(
        "const e = document.getElementById('facet-region-east-midlands'); return e && e.checked",
        json!([]),
    );
    assert_eq!(ticked, json!(true), "the region from the URL is ticked");

    // Content is inserted as text: no element inside a result came from index data as HTML.
    let scripts = b.eval(
        "return document.querySelectorAll('#search-results script, #search-results img').length",
        json!([]),
    );
    assert_eq!(scripts, json!(0));
}

/// The results shown are in title order (as the model sorts titles: by
/// their lower case).
fn assert_results_by_title(b: &browser::Browser, what: &str) {
    let titles: Vec<String> = serde_json::from_value(b.eval(
        "return Array.from(document.querySelectorAll('#search-results .result-title')).map(h => h.textContent.toLowerCase())",
        json!([]),
    ))
    .expect("titles");
    let mut in_order = titles.clone();
    in_order.sort();
    assert_eq!(titles, in_order, "{what}");
}

/// The search page is the finder: with nothing typed it lists every case
/// study by title, 20 a page, with a live count; the page, the sort and the
/// filters are in the URL, and the back button walks back through them.
fn the_finder_lists_every_case_study_in_pages_with_every_choice_in_the_url() {
    let session = browser::session(1280, 1000);
    let (b, server, site) = (&session.browser, &session.server, session.site);
    let total = site
        .html_files()
        .iter()
        .map(|f| site.site_path(f))
        .filter(|p| {
            p.starts_with("/case-studies/")
                && p.len() > "/case-studies/".len()
                && !p.contains("/page/")
        })
        .count();
    let status = "return document.getElementById('search-status').textContent";
    b.goto(&format!("{}/search/", server.base));
    b.wait_for(
        &format!("{status}.startsWith('{total} case studies in all')"),
        "every case study listed",
    );
    let first: Vec<String> = serde_json::from_value(b.eval(RESULTS, json!([]))).expect("hrefs");
    assert_eq!(first.len(), total.min(20), "a page of 20");
    assert_results_by_title(b, "by title without words");
    if total > 20 {
        let next = b.find("#search-pager a[rel=next]");
        b.click(&next);
        b.wait_for(
            "return location.search === '?page=2'",
            "the page in the URL",
        );
        b.wait_for(
            &format!("{status}.includes('showing 21 to {}')", total.min(40)),
            "the second page",
        );
        let second: Vec<String> =
            serde_json::from_value(b.eval(RESULTS, json!([]))).expect("hrefs");
        assert!(second.iter().all(|h| !first.contains(h)), "{second:?}");
        assert_eq!(
            b.eval(
                "return document.getElementById('search-results').start",
                json!([])
            ),
            json!(21),
            "numbered on from the first page"
        );
        b.eval("history.back(); return true", json!([]));
        b.wait_for("return location.search === ''", "back to the first page");
        b.wait_for(
            &format!("{status}.includes('showing 1 to 20')"),
            "the first page again",
        );
    }
    // A filter resets the page, lives in the URL, and the count follows.
    let box_ = b.find("#facet-region-london");
    b.click(&box_);
    b.wait_for(
        "return location.search === '?region=london'",
        "the filter in the URL",
    );
    b.wait_for(
        "return document.getElementById('search-status').textContent.includes('match these filters')",
        "a filtered count",
    );
    // With words, the sort can be by title, and that is in the URL too.
    b.goto(&format!("{}/search/?q=waste", server.base));
    b.wait_for(
        &format!("{status}.includes('“waste”')"),
        "results for waste",
    );
    b.eval(
        "const s = document.getElementById('search-sort'); s.value = 'title'; s.dispatchEvent(new Event('change')); return true",
        json!([]),
    );
    b.wait_for(
        "return location.search === '?q=waste&sort=title'",
        "the sort in the URL",
    );
    b.wait_for(
        &format!("{status}.includes('by title')"),
        "results by title",
    );
    assert_results_by_title(b, "sorted by title");
}

/// Words that name an organisation find its page, in a group of their own
/// above the case studies, by its name or by another name the register
/// gives it; the start of a word is enough while typing.
fn organisations_are_found_by_their_names_and_other_names_in_chromium() {
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);
    let found = "return Array.from(document.querySelectorAll('#search-organisations li a')).map(a => [a.textContent, a.getAttribute('href')])";
    b.goto(&format!("{}/search/?q=somerset", server.base));
    b.wait_for(
        "return document.querySelectorAll('#search-organisations li').length > 0",
        "organisations for somerset",
    );
    let orgs: Vec<(String, String)> =
        serde_json::from_value(b.eval(found, json!([]))).expect("links");
    assert!(
        orgs.contains(&(
            "Somerset County Council".to_owned(),
            "/partners/somerset-county-council/".to_owned()
        )),
        "{orgs:?}"
    );
    let heading = b.eval(
        "return document.querySelector('#search-organisations h2').textContent",
        json!([]),
    );
    assert_eq!(heading, json!("Organisations"));
    // The start of a word is enough, while typing.
    b.goto(&format!("{}/search/?q=redd", server.base));
    b.wait_for(
        "return Array.from(document.querySelectorAll('#search-organisations li a')).some(a => a.textContent === 'Redditch Borough Council')",
        "Redditch from its first letters",
    );
    // With a filter, the group is not shown (it is about case studies).
    b.goto(&format!(
        "{}/search/?q=somerset&region=south-west",
        server.base
    ));
    b.wait_for(
        "return document.getElementById('search-status').textContent.includes('“somerset”')",
        "filtered results",
    );
    let hidden = b.eval(
        "return document.getElementById('search-organisations').hidden",
        json!([]),
    );
    assert_eq!(hidden, json!(true));
}

fn case_study_listing_filters_and_sorts_in_the_page() {
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);
    b.goto(&format!("{}/case-studies/", server.base));
    b.wait_for(
        "return !document.getElementById('listing-controls').hidden",
        "the filters to appear with script",
    );
    let total = b.eval(
        "return document.querySelectorAll('#case-study-list > li').length",
        json!([]),
    );
    let london = b.eval(
        "return document.querySelectorAll('#case-study-list > li[data-regions~=london]').length",
        json!([]),
    );
    b.eval(
        "const s = document.getElementById('l-region'); s.value = 'london'; s.dispatchEvent(new Event('change', {bubbles: true})); return true",
        json!([]),
    );
    let shown = b.eval("return Array.from(document.querySelectorAll('#case-study-list > li')).filter(li => !li.hidden).length", json!([]));
    assert_eq!(shown, london, "only London case studies are shown");
    assert!(london.as_u64().unwrap_or(0) > 0 && london != total);
    let status = b.eval(
        "return document.getElementById('listing-status').textContent",
        json!([]),
    );
    assert_eq!(
        status,
        json!(format!("Showing {} of {} case studies.", london, total))
    );
    let lead = b.eval(
        "return document.querySelector('main .lead').textContent",
        json!([]),
    );
    assert_eq!(
        lead,
        json!(format!(
            "{london} of the {total} case studies match the filters below."
        )),
        "the intro no longer says all"
    );
    // Every bundled case study was written on one day: no date sort.
    let sorts = b.eval(
        "return Array.from(document.querySelectorAll('#l-sort option')).map(o => o.value)",
        json!([]),
    );
    assert_eq!(
        sorts,
        json!(["title", "savings"]),
        "only sorts that change the order"
    );
    b.eval(
        "const s = document.getElementById('l-region'); s.value = ''; s.dispatchEvent(new Event('change', {bubbles: true})); const o = document.getElementById('l-sort'); o.value = 'savings'; o.dispatchEvent(new Event('change', {bubbles: true})); return true",
        json!([]),
    );
    let savings: Vec<i64> = serde_json::from_value(b.eval(
        "return Array.from(document.querySelectorAll('#case-study-list > li')).map(li => Number(li.dataset.savings))",
        json!([]),
    ))
    .expect("numbers");
    assert!(
        savings.windows(2).all(|w| w[0] >= w[1]),
        "sorted by headline saving: {savings:?}"
    );
    assert!(savings[0] > 0);
}

/// An unknown filter value in the address (`?region=southwest`) is said,
/// with "did you mean" and a link to the corrected search, as `compendium
/// search` says it, instead of looking like a search with no results; a
/// value far from any lists the valid ones; markup in it stays text.
fn an_unknown_filter_in_the_url_says_did_you_mean_in_chromium() {
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);
    b.goto(&format!("{}/search/?q=waste&region=southwest", server.base));
    let said = b.wait_for(
        "const p = document.getElementById('search-problems'); return p && !p.hidden && document.getElementById('search-status').textContent ? p.textContent : null",
        "the unknown region to be reported",
    );
    let said = said.as_str().unwrap_or("");
    assert!(said.contains("Unknown region southwest"), "{said}");
    assert!(said.contains("did you mean south-west?"), "{said}");
    let href = b.eval(
        "return document.querySelector('#search-problems a').getAttribute('href')",
        json!([]),
    );
    assert_eq!(href, json!("/search/?q=waste&region=south-west"));
    let status = b.eval(
        "return document.getElementById('search-status').textContent",
        json!([]),
    );
    assert!(
        !status.as_str().unwrap_or("").starts_with("No case studies"),
        "the search runs without the unknown value: {status}"
    );
    let results: Vec<String> = serde_json::from_value(b.eval(RESULTS, json!([]))).expect("hrefs");
    assert!(!results.is_empty(), "results for the rest of the search");

    b.goto(&format!(
        "{}/search/?function=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3Ezzzzzzzzzzzz",
        server.base
    ));
    let said = b.wait_for(
        "const p = document.getElementById('search-problems'); return p && !p.hidden ? p.textContent : null",
        "the unknown function to be reported",
    );
    let said = said.as_str().unwrap_or("");
    assert!(
        said.contains("<img src=x onerror=alert(1)>"),
        "shown as text: {said}"
    );
    assert!(
        said.contains("expected one of:") && said.contains("waste"),
        "{said}"
    );
    let images = b.eval(
        "return document.querySelectorAll('#search-problems img').length",
        json!([]),
    );
    assert_eq!(images, json!(0));
}

/// A word in no case study is run as the closest word that is, and says
/// so; a query that no case study matches in full lists nothing, says
/// why, and offers the partial matches and the listings.
fn misspellings_are_corrected_and_queries_without_an_answer_list_nothing() {
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);
    b.goto(&format!("{}/search/?q=Worcestshire", server.base));
    let notice = b.wait_for(
        "const n = document.getElementById('search-notice'); return n && !n.hidden ? n.textContent : null",
        "the spelling notice",
    );
    let notice = notice.as_str().unwrap_or("");
    assert!(
        notice.contains("No case study has “Worcestshire”") && notice.contains("“Worcestershire”"),
        "{notice}"
    );
    let hrefs: Vec<String> = serde_json::from_value(b.eval(RESULTS, json!([]))).expect("hrefs");
    assert!(
        hrefs.iter().any(|h| h.contains("bromsgrove-redditch")),
        "Worcestershire's case study: {hrefs:?}"
    );

    b.goto(&format!("{}/search/?q=coroner+service", server.base));
    let status = b.wait_for(
        "const s = document.getElementById('search-status').textContent; return s ? s : null",
        "the status",
    );
    assert_eq!(
        status.as_str(),
        Some("No case study matches all the words of “coroner service”.")
    );
    let listed: Vec<String> = serde_json::from_value(b.eval(RESULTS, json!([]))).expect("hrefs");
    assert!(listed.is_empty(), "nothing listed: {listed:?}");
    let links: Vec<String> = serde_json::from_value(b.eval(
        "return Array.from(document.querySelectorAll('#search-notice a')).map(a => a.getAttribute('href'))",
        json!([]),
    ))
    .expect("links");
    assert!(
        links.iter().any(|h| h.contains("partial=1")) && links.iter().any(|h| h == "/functions/"),
        "partial matches and browsing offered: {links:?}"
    );
    // Following the offer lists the partial matches, and the URL keeps it.
    let offer = b.find("#search-notice a");
    b.click(&offer);
    b.wait_for(
        "return document.querySelectorAll('#search-results li').length > 0 && location.search.includes('partial=1')",
        "the partial matches",
    );
}

/// Holds back the fetches of case-study pages (the passage round) until
/// `window.__release()`, so a test can see the results before the passages.
const HOLD_PAGES: &str = "window.__held = []; window.__open = false; const real = window.fetch; \
    window.fetch = function (url, opts) { \
      if (window.__open || String(url).indexOf('/case-studies/') < 0) return real.apply(this, arguments); \
      return new Promise(function (ok, fail) { window.__held.push(function () { real(url, opts).then(ok, fail); }); }); }; \
    window.__release = function () { window.__open = true; const h = window.__held; window.__held = []; h.forEach(function (f) { f(); }); return h.length; }; \
    return true";

/// What each shown result has under it: [{href, from, text, marks}], `from`
/// being "summary" where the summary stayed.
const SHOWN: &str = "return Array.from(document.querySelectorAll('#search-results > li')).map(li => { \
    const p = li.querySelector('p.excerpt'); \
    return {href: li.querySelector('a').getAttribute('href'), from: p.dataset.from || 'summary', \
            text: p.textContent, marks: Array.from(p.querySelectorAll('mark')).map(m => m.textContent)}; })";

/// Submits `q` on the search page and waits until its passages are done.
fn search_for(b: &browser::Browser, q: &str) {
    b.eval(
        "const i = document.getElementById('q'); i.value = arguments[0]; document.getElementById('search-form').requestSubmit(); return true",
        json!([q]),
    );
    b.wait_for(
        &format!(
            "return document.getElementById('search-status').textContent.includes({}) && document.getElementById('search-results').dataset.passages === 'done'",
            json!(format!("“{q}”"))
        ),
        &format!("the results and passages of {q:?}"),
    );
}

/// A word only in a case study's body: its result shows the body's passage
/// with the word marked, after the result list (with the summary) is shown;
/// a word only in a summary keeps the summary, marked.
fn results_show_the_best_passage_of_the_page_after_the_list_in_chromium() {
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);
    // A shared link: the first search has its passage too, whichever of
    // ui.js's results and passages.js comes first.
    b.goto(&format!("{}/search/?q=tonnes", server.base));
    b.wait_for(
        "const p = document.querySelector('#search-results p.passage[data-from=body]'); return p && p.querySelector('mark') && p.textContent.includes('tonnes')",
        "the passage of a shared link",
    );
    b.goto(&format!("{}/search/", server.base));
    // The page's first search (every case study) is done: no words, no passages.
    b.wait_for(
        "return document.getElementById('search-results').dataset.passages === 'done'",
        "the first search",
    );
    b.eval(HOLD_PAGES, json!([]));
    b.eval(
        "const i = document.getElementById('q'); i.value = 'tonnes'; document.getElementById('search-form').requestSubmit(); return true",
        json!([]),
    );
    b.wait_for(
        "return document.getElementById('search-status').textContent.includes('“tonnes”')",
        "the results of “tonnes”",
    );
    // The list is on screen while its pages are still held back.
    let before = b.eval(SHOWN, json!([]));
    assert_eq!(
        before[0]["href"],
        "/case-studies/south-london-waste-partnership/"
    );
    assert_eq!(before[0]["from"], "summary", "{before}");
    assert_eq!(
        b.eval("return [document.getElementById('search-results').dataset.passages, window.__held.length]", json!([])),
        json!(["pending", 1]),
        "one page fetched for the one result, after the list"
    );
    let released = b.eval("return window.__release()", json!([]));
    assert_eq!(released, json!(1));
    b.wait_for(
        "return document.getElementById('search-results').dataset.passages === 'done'",
        "the passage",
    );
    let after = b.eval(SHOWN, json!([]));
    assert_eq!(after[0]["from"], "body", "{after}");
    assert_eq!(after[0]["marks"], json!(["tonnes"]), "{after}");
    let text = after[0]["text"].as_str().unwrap_or("");
    assert!(text.contains("500,000 tonnes"), "{text}");
    assert_ne!(after[0]["text"], before[0]["text"], "not the summary");

    // Only the summary says "overseen": it stays, with the word marked.
    search_for(b, "overseen");
    let shown = b.eval(SHOWN, json!([]));
    assert_eq!(
        shown[0]["href"],
        "/case-studies/brent-harrow-trading-standards/"
    );
    assert_eq!(shown[0]["from"], "summary", "{shown}");
    assert_eq!(shown[0]["marks"], json!(["overseen"]), "{shown}");
}

/// The page and `compendium search` choose the same passage, with the same
/// words marked, for every shown result of a handful of queries (exact,
/// several words, stop words, thesaurus, misspelt, cut short, excluding).
fn the_page_and_the_cli_show_the_same_passages_in_chromium() {
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);
    b.goto(&format!("{}/search/", server.base));
    b.wait_for(
        "return document.getElementById('search-results').dataset.passages === 'done'",
        "the first search",
    );
    let queries = [
        "landfill recycling",
        "shared legal services",
        "revenues and benefits in the south west",
        "tupe",
        "procurment",
        "recyc",
        "chief executive",
        "waste -london",
        "overseen",
    ];
    let mut compared = 0;
    for q in queries {
        search_for(b, q);
        let shown: Vec<serde_json::Value> =
            serde_json::from_value(b.eval(SHOWN, json!([]))).expect("results");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_compendium"))
            .args(["search", "--json", "--limit", "10", "--root"])
            .arg(env!("CARGO_MANIFEST_DIR"))
            .args(["--", q])
            .output()
            .expect("run compendium search");
        let cli: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let hits = cli["hits"].as_array().cloned().unwrap_or_default();
        assert_eq!(hits.len(), shown.len(), "{q}: as many results");
        for (page, hit) in shown.iter().zip(&hits) {
            assert_eq!(page["href"], hit["url"], "{q}: the same order");
            let passage = &hit["passage"];
            let text = passage["text"].as_str().unwrap_or("");
            let chars: Vec<char> = text.chars().collect();
            let marks: Vec<String> = passage["marks"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|m| {
                    let at = |i: usize| m[i].as_u64().unwrap_or(0) as usize;
                    chars.get(at(0)..at(1)).unwrap_or_default().iter().collect()
                })
                .collect();
            assert_eq!(
                (
                    &page["from"],
                    page["text"].as_str().unwrap_or(""),
                    &json!(marks)
                ),
                (&passage["from"], text, &page["marks"]),
                "{q}: {}",
                page["href"]
            );
            compared += 1;
        }
    }
    assert!(compared > 50, "{compared} passages compared");
}

/// "Annual saving at least" keeps only case studies whose largest annual
/// saving achieved (or projected too, when asked) reaches the amount, and
/// the URL carries it.
fn the_savings_filter_keeps_annual_savings_of_at_least_the_amount() {
    let session = browser::session(1280, 1000);
    let (b, server) = (&session.browser, &session.server);
    // £400,000 is not in the list: a shared link still says it.
    b.goto(&format!("{}/search/?saving=400000", server.base));
    b.wait_for(
        "return document.getElementById('search-status').textContent.includes('match these filters')",
        "the filtered list",
    );
    let hrefs: Vec<String> = serde_json::from_value(b.eval(RESULTS, json!([]))).expect("hrefs");
    // Bromsgrove and Redditch: over £500,000 a year achieved; PANNEL:
    // £443,350 a year achieved; South London: a total, not a yearly figure.
    assert!(
        hrefs.iter().any(|h| h.contains("bromsgrove-redditch"))
            && hrefs
                .iter()
                .any(|h| h.contains("north-lincolnshire-pannel"))
            && !hrefs.iter().any(|h| h.contains("south-london-waste")),
        "{hrefs:?}"
    );
    assert_eq!(
        b.eval(
            "return document.getElementById('search-saving').value",
            json!([])
        ),
        json!("400000")
    );
    let before = hrefs.len();
    let projected = b.find("#search-projected");
    b.click(&projected);
    b.wait_for(
        "return location.search.includes('projected=1')",
        "the URL to carry the choice",
    );
    let after: Vec<String> = serde_json::from_value(b.eval(RESULTS, json!([]))).expect("hrefs");
    assert!(
        after.len() >= before,
        "projected savings only add: {after:?}"
    );
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        the_savings_filter_keeps_annual_savings_of_at_least_the_amount,
        misspellings_are_corrected_and_queries_without_an_answer_list_nothing,
        typing_searching_filtering_and_shared_urls_work_in_chromium,
        case_study_listing_filters_and_sorts_in_the_page,
        an_unknown_filter_in_the_url_says_did_you_mean_in_chromium,
        the_finder_lists_every_case_study_in_pages_with_every_choice_in_the_url,
        organisations_are_found_by_their_names_and_other_names_in_chromium,
        results_show_the_best_passage_of_the_page_after_the_list_in_chromium,
        the_page_and_the_cli_show_the_same_passages_in_chromium,
    ]
}
