//! The content format's vocabularies as the generator uses them.
//!
//! The slugs and labels come from the product's built-in vocabulary
//! ([`Vocabulary::default`]), so a corpus can only use terms `compendium`
//! accepts and follows it when it changes. What this module adds is the
//! generator's own knowledge: how common each function and delivery model is,
//! and how running text names a function ("senior management", not "Chief
//! executive and senior management").

use crate::organisations::ORGANISATIONS;
use compendium::content::vocabulary::{Term, Vocabulary};
use std::sync::OnceLock;

/// One function as the generator writes about it.
pub(crate) struct Function {
    pub(crate) slug: &'static str,
    /// How a sentence names it.
    pub(crate) prose: &'static str,
}

/// The product's vocabularies, arranged for drawing from.
pub(crate) struct Vocab {
    /// Most common first, for Zipf-weighted draws.
    pub(crate) functions: Vec<Function>,
    /// (slug, label) of the regions the organisation list has bodies in, in
    /// vocabulary order (Scotland and Northern Ireland have none).
    pub(crate) regions: Vec<(&'static str, &'static str)>,
    /// (slug, weight) in vocabulary order.
    pub(crate) models: Vec<(&'static str, usize)>,
}

/// The vocabulary every case study is drawn from, built once.
pub(crate) fn vocab() -> &'static Vocab {
    static PRODUCT: OnceLock<Vocabulary> = OnceLock::new();
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(|| Vocab::from_product(PRODUCT.get_or_init(Vocabulary::default)))
}

impl Vocab {
    fn from_product(product: &'static Vocabulary) -> Vocab {
        // Functions in the order of the table below; a function the product
        // has gained since is appended (least common), named by its label, so
        // corpora follow the vocabulary rather than fail on it.
        let known = |slug: &str| product.functions.iter().find(|t| t.slug == slug);
        let mut functions: Vec<Function> = FUNCTION_PROSE
            .iter()
            .filter_map(|&(slug, prose)| {
                known(slug).map(|t| Function {
                    slug: &t.slug,
                    prose,
                })
            })
            .collect();
        for t in &product.functions {
            if !FUNCTION_PROSE.iter().any(|(slug, _)| *slug == t.slug) {
                functions.push(Function {
                    slug: &t.slug,
                    prose: &t.label,
                });
            }
        }
        let regions = product
            .regions
            .iter()
            .filter(|t| ORGANISATIONS.iter().any(|o| o.2 == t.slug))
            .map(|t| (t.slug.as_str(), t.label.as_str()))
            .collect();
        let models = product
            .models
            .iter()
            .map(|t: &Term| (t.slug.as_str(), model_weight(&t.slug)))
            .collect();
        Vocab {
            functions,
            regions,
            models,
        }
    }
}

/// How often a delivery model is drawn, relative to the others; a model
/// without an entry below is drawn as often as a middling one.
fn model_weight(slug: &str) -> usize {
    MODEL_WEIGHTS
        .iter()
        .find(|(s, _)| *s == slug)
        .map_or(10, |(_, w)| *w)
}

/// Every function of the product's vocabulary, most common first, with how
/// the text names it.
const FUNCTION_PROSE: &[(&str, &str)] = &[
    ("revenues-benefits", "revenues and benefits"),
    ("ict", "ICT"),
    ("procurement", "procurement"),
    ("waste", "waste collection and recycling"),
    ("senior-management", "senior management"),
    ("legal", "legal services"),
    ("building-control", "building control"),
    ("customer-services", "customer services"),
    ("hr", "human resources"),
    ("payroll", "payroll"),
    ("internal-audit", "internal audit"),
    ("finance", "finance and accountancy"),
    ("environmental-health", "environmental health"),
    ("planning", "planning"),
    ("property", "property and facilities management"),
    ("cctv", "CCTV monitoring"),
    ("trading-standards", "trading standards"),
    ("licensing", "licensing"),
    ("emergency-planning", "emergency planning"),
    ("economic-development", "economic development"),
    ("democratic-services", "democratic services"),
    ("electoral-services", "electoral registration"),
    ("libraries", "library services"),
    ("leisure-culture", "leisure and culture"),
    ("transport", "highways and transport"),
    ("housing", "housing"),
    ("community-safety", "community safety"),
    ("pensions", "pensions administration"),
    ("sustainability", "climate change work"),
    ("social-care", "social care"),
];

/// Relative weights of the delivery models.
const MODEL_WEIGHTS: &[(&str, usize)] = &[
    ("joint-working", 25),
    ("lead-authority", 20),
    ("joint-committee", 14),
    ("shared-management", 15),
    ("company", 8),
    ("joint-venture", 7),
    ("outsourced-partnership", 11),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisations::OTHER_PUBLIC_BODIES;

    /// The tables here cover the product's vocabulary exactly: a term added
    /// to or dropped from the product shows up here, not as a silent default.
    #[test]
    fn tables_match_the_product_vocabulary() {
        let product = Vocabulary::default();
        let mut ours: Vec<&str> = FUNCTION_PROSE.iter().map(|(s, _)| *s).collect();
        let mut theirs: Vec<&str> = product.functions.iter().map(|t| t.slug.as_str()).collect();
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
        let ours: Vec<&str> = MODEL_WEIGHTS.iter().map(|(s, _)| *s).collect();
        let theirs: Vec<&str> = product.models.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(ours, theirs);
        assert_eq!(vocab().functions.len(), product.functions.len());
        // Every organisation's region and type is one the product knows.
        for o in ORGANISATIONS.iter().chain(OTHER_PUBLIC_BODIES) {
            assert!(product.regions.iter().any(|t| t.slug == o.2), "{}", o.0);
            assert!(
                product.organisation_types.iter().any(|t| t.slug == o.1),
                "{}",
                o.0
            );
        }
        assert_eq!(vocab().regions.len(), 10);
    }
}
