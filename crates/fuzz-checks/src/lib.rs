//! What each fuzz target checks of one input. `fuzz/` hands these to
//! libFuzzer (`cargo +nightly fuzz run <target>`); the test suite runs them
//! on stable over seeds and deterministic mutations of them (`fuzz_smoke`),
//! so that `cargo test` exercises every target for a few seconds. Each
//! panics on a finding, which is what both runners catch.

use compendium::content::vocabulary::Vocabulary;
use compendium::model::markdown::{Links, render};
use std::path::Path;

/// What a target checks of one input (it panics on a finding).
pub type Check = fn(&[u8]);

/// The targets, by the names `fuzz/Cargo.toml` gives them.
pub const TARGETS: [(&str, Check); 3] = [
    ("front_matter", front_matter),
    ("markdown", markdown),
    ("search_shard", search_shard),
];

/// Any bytes as a case study file: reading, parsing and validating must
/// never panic, and every diagnostic must point inside the file.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let vocab = Vocabulary::default();
    let path = Path::new("content/case-studies/fuzz.md");
    let (_, diagnostics) = compendium::content::read_case_study_text(path, text, &vocab);
    let lines = compendium::diagnostics::editor_lines(text).count().max(1);
    for d in &diagnostics {
        let at = d.position();
        assert!(at.line >= 1 && at.column >= 1, "{d:?}");
        // A problem may be placed just after the last line (a missing `---`).
        assert!(at.line <= lines + 1, "line {} of {lines}: {d:?}", at.line);
    }
}

struct FuzzSite;

impl Links for FuzzSite {
    fn page_path(&self) -> &str {
        "/case-studies/fuzz/"
    }
    fn case_study(&self, slug: &str) -> Option<String> {
        (slug == "known").then(|| "/case-studies/known/".into())
    }
    fn page(&self, slug: &str) -> Option<String> {
        (slug == "about").then(|| "/about/".into())
    }
    fn url(&self, site_path: &str) -> String {
        site_path.into()
    }
}

/// Any text as a Markdown body, with links resolved and checked: rendering
/// must never panic, and nothing from content may reach the HTML as markup
/// that runs script.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rendered = render(text, 0, &FuzzSite);
    // Text can hold no `<` (it is escaped), so every `<` opens a tag the
    // renderer wrote: none may be a script, a frame or a link to script.
    let html = rendered.html.to_ascii_lowercase();
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or(tag);
        let to_script = ["href=\"", "src=\""].iter().any(|attr| {
            tag.match_indices(attr).any(|(i, _)| {
                tag[i + attr.len()..]
                    .trim_start()
                    .starts_with("javascript:")
            })
        });
        assert!(
            !tag.starts_with("script") && !tag.starts_with("iframe") && !to_script,
            "<{tag}> in {html}"
        );
    }
    assert!(!rendered.html.contains('\0'));
}

/// Any bytes as a search shard: the decoder of the browser's format must
/// return a shard or an error, never panic; a shard it returns has terms in
/// order and postings in document order.
pub fn search_shard(data: &[u8]) {
    let Ok(shard) = compendium::search::shard::decode(data) else {
        return;
    };
    for pair in shard.terms.windows(2) {
        assert!(pair[0].term.as_bytes() < pair[1].term.as_bytes());
    }
    for t in &shard.terms {
        for pair in t.postings.windows(2) {
            assert!(pair[0].doc <= pair[1].doc);
        }
    }
}
