//! Reading built pages: one HTML query helper on the `scraper` crate
//! (html5ever's parser, CSS selectors), so that tests find elements the way
//! a browser's parser does, whatever the attribute order, quoting, entity
//! spelling or nesting of the markup.

use scraper::{ElementRef, Html, Selector};

/// A parsed page (or a fragment of one: a `<tr>` or `<td>` on its own is
/// parsed inside a table, where the HTML parser keeps it).
pub struct Page {
    html: Html,
}

impl Page {
    pub fn parse(text: &str) -> Page {
        let trimmed = text.trim_start();
        let html = if trimmed.starts_with("<tr") {
            Html::parse_document(&format!("<table><tbody>{text}</tbody></table>"))
        } else if trimmed.starts_with("<td") || trimmed.starts_with("<th") {
            Html::parse_document(&format!("<table><tbody><tr>{text}</tr></tbody></table>"))
        } else {
            Html::parse_document(text)
        };
        Page { html }
    }

    /// Every element matching a CSS selector, in document order.
    #[track_caller]
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.html.select(&selector(css)).collect()
    }

    /// The whole document's text (see [`text`]).
    pub fn text(&self) -> String {
        text(self.html.root_element())
    }
}

#[track_caller]
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad CSS selector {css:?}: {e}"))
}

/// An element's text as a reader sees it: entities decoded, a space where
/// one text node ends and the next begins (so words of adjacent cells or
/// blocks never run together), white space collapsed.
pub fn text(element: ElementRef<'_>) -> String {
    let joined = element.text().collect::<Vec<_>>().join(" ");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of each `<th>`/`<td>` of a table row, in order.
pub fn row_cells(row: ElementRef<'_>) -> Vec<String> {
    let cell = selector("th, td");
    row.select(&cell).map(text).collect()
}
