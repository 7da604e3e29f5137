//! A case study page's "Related case studies": each link with why, in plain
//! words built from the facts the search stage found both share (see
//! `crate::search::related`).

use crate::content::vocabulary::Kind;
use crate::model::{CaseStudyId, Route, Site};
use crate::search::related::{Link, Related, Why};
use serde::Serialize;

#[derive(Serialize)]
pub struct RelatedView {
    pub title: String,
    pub url: String,
    /// "also about waste; same region (South West)".
    pub why: String,
}

/// The related case studies of `id`, as links of the current model: a list
/// made from an earlier model (the dev server's, until its next search
/// export) finds each case study by file, and leaves out one that is gone.
pub fn related_views(site: &Site, related: &Related, id: CaseStudyId) -> Vec<RelatedView> {
    let file = &site.case_study(id).file;
    related
        .of(id, file)
        .iter()
        .filter_map(|link| view(site, link))
        .filter(|v| !v.why.is_empty())
        .collect()
}

fn view(site: &Site, link: &Link) -> Option<RelatedView> {
    let to = site.find_case_study(link.to, &link.file)?;
    let c = site.case_study(to);
    Some(RelatedView {
        title: c.matter.title.clone(),
        url: site.href(&Route::CaseStudy(to)),
        why: capitalised(&why_words(site, &link.why)),
    })
}

/// The reasons stand on a line of their own, so they start as a sentence.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The reasons, most telling first, each a fact of both case studies.
pub fn why_words(site: &Site, why: &Why) -> String {
    let vocab = site.vocabulary();
    let mut parts: Vec<String> = Vec::new();
    if !why.functions.is_empty() {
        let labels: Vec<String> = why
            .functions
            .iter()
            .map(|f| in_a_sentence(vocab.label(Kind::Function, f)))
            .collect();
        parts.push(format!("also about {}", and_list(&labels)));
    }
    match why.partners.as_slice() {
        [] => {}
        [one] => parts.push(format!("shares a partner: {one}")),
        many => parts.push(format!("shares partners: {}", and_list(many))),
    }
    match why.regions.as_slice() {
        [] => {}
        [one] => parts.push(format!("same region ({})", vocab.label(Kind::Region, one))),
        many => {
            let labels: Vec<String> = many
                .iter()
                .map(|r| vocab.label(Kind::Region, r).to_owned())
                .collect();
            parts.push(format!("same regions ({})", and_list(&labels)));
        }
    }
    if let Some(model) = &why.model {
        parts.push(format!(
            "same model ({})",
            in_a_sentence(vocab.label(Kind::Model, model))
        ));
    }
    if !why.words.is_empty() {
        parts.push(format!("similar words: {}", why.words.join(", ")));
    }
    // The model alone is no reason (see the search stage): it is said only
    // beside another.
    if parts.len() == 1 && why.model.is_some() {
        return String::new();
    }
    parts.join("; ")
}

/// A label as it reads inside a sentence: "Waste" → "waste", but an
/// acronym ("ICT", "HR and payroll") keeps its capitals.
fn in_a_sentence(label: &str) -> String {
    let first_word = label.split_whitespace().next().unwrap_or("");
    let acronym = first_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && first_word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if acronym {
        return label.to_owned();
    }
    let mut chars = label.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_inside_a_sentence() {
        assert_eq!(in_a_sentence("Waste"), "waste");
        assert_eq!(
            in_a_sentence("Revenues and benefits"),
            "revenues and benefits"
        );
        assert_eq!(in_a_sentence("ICT"), "ICT");
        assert_eq!(in_a_sentence("HR and payroll"), "HR and payroll");
        assert_eq!(in_a_sentence(""), "");
    }

    #[test]
    fn lists_read_as_english() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&s(&[])), "");
        assert_eq!(and_list(&s(&["a"])), "a");
        assert_eq!(and_list(&s(&["a", "b"])), "a and b");
        assert_eq!(and_list(&s(&["a", "b", "c"])), "a, b and c");
    }
}
