//! Any text as a Markdown body, with links resolved and checked: rendering
//! must never panic, and nothing from content may reach the HTML as markup
//! that runs script.
#![no_main]

use compendium::model::markdown::{Links, render};
use libfuzzer_sys::fuzz_target;

struct Site;

impl Links for Site {
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

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rendered = render(text, 0, &Site);
    let html = rendered.html.to_ascii_lowercase();
    // Raw HTML is shown as text, so only markup the renderer writes itself
    // could run: a tag or a link to a script.
    for bad in ["<script", "<iframe", "href=\"javascript:", "src=\"javascript:"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(!rendered.html.contains('\0'));
});
