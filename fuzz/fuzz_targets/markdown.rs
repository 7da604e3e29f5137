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
    // Text can hold no `<` (it is escaped), so every `<` opens a tag the
    // renderer wrote: none may be a script, a frame or a link to script.
    let html = rendered.html.to_ascii_lowercase();
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or(tag);
        let to_script = ["href=\"", "src=\""].iter().any(|attr| {
            tag.match_indices(attr)
                .any(|(i, _)| tag[i + attr.len()..].trim_start().starts_with("javascript:"))
        });
        assert!(
            !tag.starts_with("script") && !tag.starts_with("iframe") && !to_script,
            "<{tag}> in {html}"
        );
    }
    assert!(!rendered.html.contains('\0'));
});
