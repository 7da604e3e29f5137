//! Passages: the part of a case study's body or lessons that best matches a
//! query, with the matched words marked, shown under a result instead of
//! the summary. The browser (`static/search/passages.js`) chooses from the
//! case study's page by the same rule, so the page and `compendium search`
//! show the same passage:
//!
//! 1. The passages are the body's paragraphs and list items (not headings,
//!    table cells or image descriptions), then each lesson, in page order.
//! 2. A word matches where its analysed token (the index's analyser) is one
//!    of the plan's terms, so stop words left out of the plan never do.
//! 3. A passage longer than [`WINDOW`] words is cut into windows of that
//!    many words, one starting [`LEAD`] words before each match.
//! 4. The best is the one matching the most of the query's words (a word
//!    matches through any of its planned terms), then the greatest sum of
//!    the weights of the distinct terms it holds, then the earliest.
//!
//! When nothing in the body or lessons matches, the passage is the summary,
//! as the result showed before.

use super::query::WeightedTerm;
use super::schema;
use crate::model::{CaseStudyId, Site};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use tantivy::tokenizer::TextAnalyzer;

/// Words in a window: about two lines under a result. `passages.js` has
/// the same number.
pub const WINDOW: usize = 30;
/// Words of context kept before the match a window starts from.
pub const LEAD: usize = 10;
/// What is put where a window cuts a passage short.
pub const ELLIPSIS: &str = "…";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Body,
    Lessons,
    Summary,
}

/// What a result shows of its case study.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    pub from: Source,
    pub text: String,
    /// The matched words, as `[start, end)` offsets in characters (Unicode
    /// scalar values) of `text`, in order.
    pub marks: Vec<(usize, usize)>,
}

impl Passage {
    /// The text with each matched word between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + self.marks.len() * 4);
        let mut marks = self.marks.iter().peekable();
        for (i, c) in self.text.chars().enumerate() {
            if marks.peek().is_some_and(|m| m.0 == i) {
                out.push_str(open);
            }
            out.push(c);
            if let Some(&&(_, end)) = marks.peek()
                && end == i + 1
            {
                out.push_str(close);
                marks.next();
            }
        }
        out
    }

    /// The marked words themselves, for comparing with the page.
    pub fn marked_words(&self) -> Vec<String> {
        let chars: Vec<char> = self.text.chars().collect();
        self.marks
            .iter()
            .map(|&(s, e)| chars.get(s..e).unwrap_or_default().iter().collect())
            .collect()
    }
}

/// The passages a case study's page holds, in page order: the body's, then
/// one per lesson.
pub fn of_case_study(site: &Site, id: CaseStudyId) -> Vec<(Source, String)> {
    // The rendered body, not the Markdown: a build drops the files' texts
    // once the model is made, and the HTML is what the page holds.
    let mut out: Vec<(Source, String)> = body_passages(&site.case_study_body(id).html)
        .into_iter()
        .map(|p| (Source::Body, p))
        .collect();
    out.extend(
        site.all_case_studies()[id.index()]
            .matter
            .lessons
            .iter()
            .map(|l| collapse(l))
            .filter(|l| !l.is_empty())
            .map(|l| (Source::Lessons, l)),
    );
    out
}

/// Elements without an end tag.
const VOID: [&str; 6] = ["br", "hr", "img", "input", "col", "wbr"];

/// The text of each paragraph and list item of a rendered body (the HTML
/// `markdown::render` writes, so well formed, with raw HTML escaped), read
/// as the browser reads it from the page: a list item's own text, without
/// that of the lists and paragraphs inside it, which are passages of their
/// own; nothing of tables or footnote numbers, which are not running text.
pub fn body_passages(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // The open elements: name, the passage it is (a `p` or `li`), and
    // whether its text is left out. A passage takes its place in `out` when
    // it opens, so that the order is the page's.
    let mut open: Vec<(&str, Option<usize>, bool)> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let (text, tag, after) = match rest.find('<') {
            Some(at) => {
                let end = tag_end(&rest[at..]).map_or(rest.len(), |e| at + e);
                (
                    &rest[..at],
                    rest.get(at + 1..end).unwrap_or(""),
                    rest.get(end + 1..).unwrap_or(""),
                )
            }
            None => (rest, "", ""),
        };
        let skipped = open.iter().any(|o| o.2);
        if !skipped && let Some(i) = open.iter().rev().find_map(|o| o.1) {
            out[i].push_str(&decode(text));
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            if let Some(at) = open.iter().rposition(|o| o.0 == name) {
                open.truncate(at);
            }
        } else if !tag.is_empty() {
            let name = tag
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("");
            if !tag.ends_with('/') && !VOID.contains(&name) {
                let passage = matches!(name, "p" | "li").then(|| {
                    out.push(String::new());
                    out.len() - 1
                });
                let skip = name == "table" || tag.contains("class=\"footnote-reference\"");
                open.push((name, passage, skip));
            }
        }
        rest = after;
    }
    out.iter()
        .map(|p| collapse(p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Where the tag starting `text` (at its `<`) ends: the first `>` outside
/// quotes.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Text with its character references decoded (pulldown-cmark writes
/// `&amp;`, `&lt;`, `&gt;`, `&quot;` and numeric ones).
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let name = rest
            .get(1..)
            .and_then(|r| r.find(';').filter(|&e| e <= 10).map(|e| &r[..e]));
        let decoded = name.and_then(|n| match n {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => n
                .strip_prefix("#x")
                .or_else(|| n.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        });
        match (name, decoded) {
            (Some(n), Some(c)) => {
                out.push(c);
                rest = &rest[n.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Runs of white space as one space, none at the ends (as the browser
/// reads the page's text).
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A word of a passage: where it is (in bytes and in characters) and the
/// planned term its token is, if it is one.
struct Word {
    bytes: (usize, usize),
    chars: (usize, usize),
    term: Option<usize>,
}

/// The words of `text` as the tokenizer splits them (runs of letters and
/// digits), each with the plan's term it analyses to.
fn words(
    text: &str,
    plan: &[WeightedTerm],
    analyzer: &mut TextAnalyzer,
    memo: &mut HashMap<String, Option<usize>>,
) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut chars = 0;
    let mut finish = |from: (usize, usize), to: (usize, usize), out: &mut Vec<Word>| {
        let token = &text[from.0..to.0];
        let term = *memo.entry(token.to_owned()).or_insert_with(|| {
            let mut stream = analyzer.token_stream(token);
            let stem = if stream.advance() {
                Some(stream.token().text.clone())
            } else {
                None
            };
            stem.and_then(|s| plan.iter().position(|t| t.term == s))
        });
        out.push(Word {
            bytes: (from.0, to.0),
            chars: (from.1, to.1),
            term,
        });
    };
    for (byte, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some((byte, chars));
            }
        } else if let Some(from) = start.take() {
            finish(from, (byte, chars), &mut out);
        }
        chars += 1;
    }
    if let Some(from) = start {
        finish(from, (text.len(), chars), &mut out);
    }
    out
}

/// How well a stretch of words matches: (query words, sum of the distinct
/// terms' weights). The weights are summed in plan order as `f64` of the
/// plan's `f32`, which JavaScript's numbers reproduce exactly.
fn score(words: &[Word], plan: &[WeightedTerm]) -> (usize, f64) {
    let terms: BTreeSet<usize> = words.iter().filter_map(|w| w.term).collect();
    let matched: BTreeSet<usize> = terms.iter().map(|&t| plan[t].word).collect();
    let weight = terms.iter().map(|&t| f64::from(plan[t].weight)).sum();
    (matched.len(), weight)
}

/// The windows of a passage of `n` words with matches at `at`: the whole
/// passage when it is short, else [`WINDOW`] words from [`LEAD`] before
/// each match (kept inside the passage), each start once.
fn windows(n: usize, at: &[usize]) -> Vec<(usize, usize)> {
    if n <= WINDOW {
        return vec![(0, n)];
    }
    let mut starts: Vec<usize> = at
        .iter()
        .map(|&i| i.saturating_sub(LEAD).min(n - WINDOW))
        .collect();
    starts.dedup();
    starts.into_iter().map(|s| (s, s + WINDOW)).collect()
}

/// The words `from..to` of `text` as shown: cut at the first and last word
/// with an ellipsis where the passage goes on, and the marks moved to match.
fn cut(text: &str, words: &[Word], (from, to): (usize, usize), source: Source) -> Passage {
    let n = words.len();
    let (start, start_char) = if from == 0 {
        (0, 0)
    } else {
        (words[from].bytes.0, words[from].chars.0)
    };
    let end = if to == n {
        text.len()
    } else {
        words[to - 1].bytes.1
    };
    let mut shown = String::new();
    let mut shift = 0;
    if from > 0 {
        shown.push_str(ELLIPSIS);
        shown.push(' ');
        shift = ELLIPSIS.chars().count() + 1;
    }
    shown.push_str(&text[start..end]);
    if to < n {
        shown.push(' ');
        shown.push_str(ELLIPSIS);
    }
    let marks = words[from..to]
        .iter()
        .filter(|w| w.term.is_some())
        .map(|w| {
            (
                w.chars.0 - start_char + shift,
                w.chars.1 - start_char + shift,
            )
        })
        .collect();
    Passage {
        from: source,
        text: shown,
        marks,
    }
}

/// The best-matching passage, or `None` when no passage holds a planned term.
pub fn choose(passages: &[(Source, String)], plan: &[WeightedTerm]) -> Option<Passage> {
    if plan.is_empty() {
        return None;
    }
    let mut analyzer = schema::analyzer();
    let mut memo = HashMap::new();
    let mut best: Option<((usize, f64), Passage)> = None;
    for (source, text) in passages {
        let words = words(text, plan, &mut analyzer, &mut memo);
        let at: Vec<usize> = (0..words.len())
            .filter(|&i| words[i].term.is_some())
            .collect();
        if at.is_empty() {
            continue;
        }
        for window in windows(words.len(), &at) {
            let key = score(&words[window.0..window.1], plan);
            // Strictly better only: the earlier wins a tie.
            let better = best.as_ref().is_none_or(|(b, _)| {
                key.0 > b.0 || (key.0 == b.0 && key.1.total_cmp(&b.1).is_gt())
            });
            if better {
                best = Some((key, cut(text, &words, window, *source)));
            }
        }
    }
    best.map(|(_, p)| p)
}

/// The summary with the words of the plan marked: what a result shows when
/// nothing in the body or lessons matches.
pub fn summary(text: &str, plan: &[WeightedTerm]) -> Passage {
    let mut analyzer = schema::analyzer();
    let mut memo = HashMap::new();
    let words = words(text, plan, &mut analyzer, &mut memo);
    Passage {
        from: Source::Summary,
        text: text.to_owned(),
        marks: words
            .iter()
            .filter(|w| w.term.is_some())
            .map(|w| w.chars)
            .collect(),
    }
}

/// What a result for case study `id` shows for the plan.
pub fn for_case_study(site: &Site, id: CaseStudyId, plan: &[WeightedTerm]) -> Passage {
    choose(&of_case_study(site, id), plan)
        .unwrap_or_else(|| summary(&site.all_case_studies()[id.index()].matter.summary, plan))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Match;

    fn term(term: &str, weight: f32, word: usize) -> WeightedTerm {
        WeightedTerm {
            term: term.to_owned(),
            weight,
            kind: Match::Exact,
            word,
        }
    }

    fn body(texts: &[&str]) -> Vec<(Source, String)> {
        texts
            .iter()
            .map(|t| (Source::Body, t.to_string()))
            .collect()
    }

    /// A body as the build renders it (links resolve to nothing here).
    fn rendered(md: &str) -> String {
        struct NoLinks;
        impl crate::model::markdown::Links for NoLinks {
            fn page_path(&self) -> &str {
                "/case-studies/x/"
            }
            fn case_study(&self, _: &str) -> Option<String> {
                None
            }
            fn page(&self, _: &str) -> Option<String> {
                None
            }
            fn url(&self, site_path: &str) -> String {
                site_path.to_owned()
            }
        }
        crate::model::markdown::render(md, 0, &NoLinks).html
    }

    #[test]
    fn paragraphs_and_list_items_are_passages_in_page_order() {
        let md = "# Heading\n\nFirst *para*\ngraph.\n\n- item one\n  - nested\n- item `two`\n\n\
                  | a | b |\n|---|---|\n| cell | x |\n\n![alt words](x.png) after\n\n\
                  1. loose\n\n   second para\n\n> Quoted [link](https://example.org \"a > b\").\n";
        assert_eq!(
            body_passages(&rendered(md)),
            vec![
                "First para graph.",
                "item one",
                "nested",
                "item two",
                "after",
                "loose",
                "second para",
                "Quoted link."
            ]
        );
    }

    #[test]
    fn raw_html_is_text_and_footnote_numbers_are_left_out() {
        let md = "A <b>bold</b> & \"quoted\" claim[^n] &copy; &#233;.\n\n[^n]: The note.\n";
        assert_eq!(
            body_passages(&rendered(md)),
            vec!["A <b>bold</b> & “quoted” claim © é.", "The note."]
        );
        assert_eq!(decode("&amp;lt; &bogus; & &#x41;"), "&lt; &bogus; & A");
    }

    #[test]
    fn the_passage_matching_most_words_wins_then_weight_then_the_earliest() {
        let plan = [term("wast", 1.0, 0), term("london", 1.0, 1)];
        let passages = body(&[
            "Waste was collected.",
            "London and its waste.",
            "Waste in London too.",
        ]);
        let p = choose(&passages, &plan).expect("a match");
        assert_eq!(p.text, "London and its waste.");
        assert_eq!(p.marked("[", "]"), "[London] and its [waste].");
        assert_eq!(p.marked_words(), vec!["London", "waste"]);

        // A synonym counts for its word, but weighs less than the word typed.
        let plan = [term("wast", 1.0, 0), term("refus", 0.8, 0)];
        let passages = body(&["Refuse is taken.", "Waste is taken."]);
        assert_eq!(
            choose(&passages, &plan).map(|p| p.text),
            Some("Waste is taken.".into())
        );
    }

    #[test]
    fn stop_words_and_unplanned_words_are_not_marked() {
        let plan = [term("wast", 1.0, 0)];
        let p = choose(&body(&["The waste of the council."]), &plan).expect("a match");
        assert_eq!(p.marked("*", "*"), "The *waste* of the council.");
        assert!(choose(&body(&["Nothing here."]), &plan).is_none());
        assert!(choose(&body(&["Waste."]), &[]).is_none());
    }

    #[test]
    fn a_long_paragraph_is_cut_around_the_best_window() {
        let filler: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let mut text = filler.join(" ");
        text.push_str(" recycling and waste at the depot.");
        let plan = [term("recycl", 1.0, 0), term("wast", 1.0, 1)];
        let p = choose(&body(&[&text]), &plan).expect("a match");
        // The window is kept inside the passage: it ends at its last word.
        assert!(p.text.starts_with("… w36 "), "{}", p.text);
        assert!(p.text.ends_with("depot."), "{}", p.text);
        assert_eq!(p.marked_words(), vec!["recycling", "waste"]);
        assert_eq!(p.text.split(' ').count() - 1, WINDOW);

        // Early in a long passage: no ellipsis before, one after.
        let text = format!("Waste first. {}", filler.join(" "));
        let p = choose(&body(&[&text]), &[term("wast", 1.0, 0)]).expect("a match");
        assert!(p.text.starts_with("Waste first. w0"), "{}", p.text);
        assert!(p.text.ends_with(" …"), "{}", p.text);
        assert_eq!(p.marks, vec![(0, 5)]);
    }

    #[test]
    fn marks_count_characters_not_bytes() {
        let plan = [term("cafe", 1.0, 0)];
        let p = choose(&body(&["Ünïcode café."]), &plan).expect("a match");
        assert_eq!(p.marks, vec![(8, 12)]);
        assert_eq!(p.marked_words(), vec!["café"]);
    }

    #[test]
    fn the_summary_is_marked_when_nothing_else_matches() {
        let plan = [term("share", 1.0, 0)];
        let p = summary("Councils share services.", &plan);
        assert_eq!(p.from, Source::Summary);
        assert_eq!(p.marked("[", "]"), "Councils [share] services.");
    }
}
