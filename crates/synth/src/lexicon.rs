//! The long tail of the vocabulary: real English words beyond the domain
//! word list, so that a large corpus has as many distinct words, and as many
//! rare ones, as real case studies do.
//!
//! The words are the Snowball stemmer's English test vocabulary
//! (`tests/data/snowball-english/voc.txt`, tracked in the repository and
//! embedded here, so no download and no file read at run time), less:
//!
//! - every word that analyses to the same search term as a word the domain
//!   text can write (the word lists, the templates, the organisation names,
//!   the thesaurus): "procured" is never drawn here, so a query such as
//!   "procurement", "waste" or "council" finds exactly the case studies the
//!   domain text put it in;
//! - a few slurs and obscenities, which random sentences beside real
//!   councils' names would seem to put in those councils' mouths.
//!
//! The rest are put in one fixed order, the same for every seed (a
//! language's common words do not change with the sample), and drawn with
//! Zipf–Mandelbrot weights ⌊2^40 / (rank + 3)⌋: a few hundred words in most
//! case studies, tens of thousands in a handful. The order is a hash of each
//! word, biased so that words with several forms in the list and words of
//! four to eight letters come first more often, as common words do in real
//! text (the list has no frequencies of its own).

use crate::rng::Rng;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// One word a line, in alphabetical order (with some punctuation-only and
/// one-letter lines, which are left out).
static SNOWBALL: &str = include_str!("../../../tests/data/snowball-english/voc.txt");

/// The drawable long-tail words, most common first, with their weights.
pub(crate) struct Lexicon {
    words: Vec<&'static str>,
    /// `cumulative[k]` = total weight of `words[..k]`.
    cumulative: Vec<u64>,
}

/// The lexicon, built once per process (about 40,000 words).
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(&domain_terms()))
}

/// The Zipf–Mandelbrot offset: with it the commonest long-tail word is about
/// two words in a case study, not eight, and the tail is unchanged.
const OFFSET: u64 = 3;

impl Lexicon {
    fn new(domain: &BTreeSet<String>) -> Lexicon {
        let candidates: Vec<&'static str> = SNOWBALL
            .lines()
            .map(str::trim)
            .filter(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_lowercase()))
            .filter(|w| !EXCLUDED.contains(w))
            .collect();
        // One analyser run over all of them (one per word would be slow);
        // each candidate is one lower-case ASCII word of at most 40
        // letters, so it is exactly one token.
        let terms = compendium::search::schema::analyze(&candidates.join(" "));
        assert_eq!(
            terms.len(),
            candidates.len(),
            "each Snowball word analyses to one term"
        );
        // How many of the list's words share each term: a word with many
        // forms in the list ("stay", "stayed", "staying") is usually a
        // common one, so it is moved up the order (by the square of that
        // number: by the number alone, one-form oddities still held half
        // of the first hundred places).
        let mut family: BTreeMap<&str, u64> = BTreeMap::new();
        for term in &terms {
            *family.entry(term.as_str()).or_default() += 1;
        }
        let mut words: Vec<(u64, &'static str)> = candidates
            .iter()
            .zip(&terms)
            .filter(|(_, term)| !domain.contains(*term))
            .map(|(w, term)| {
                let forms = family.get(term.as_str()).copied().unwrap_or(1).max(1);
                (rank_key(w) / (forms * forms), *w)
            })
            .collect();
        words.sort_unstable();
        let words: Vec<&'static str> = words.into_iter().map(|(_, w)| w).collect();
        let mut cumulative = Vec::with_capacity(words.len() + 1);
        let mut total = 0u64;
        cumulative.push(0);
        for rank in 1..=words.len() as u64 {
            total += (1u64 << 40) / (rank + OFFSET);
            cumulative.push(total);
        }
        Lexicon { words, cumulative }
    }

    /// One word, Zipf-weighted.
    pub(crate) fn word(&self, rng: &mut Rng) -> &'static str {
        self.words[rng.by_cumulative(&self.cumulative)]
    }

    /// A word not already in `used` (three tries), which it joins.
    pub(crate) fn fresh_word(&self, rng: &mut Rng, used: &mut Vec<&'static str>) -> &'static str {
        let mut word = self.word(rng);
        for _ in 0..3 {
            if !used.contains(&word) {
                break;
            }
            word = self.word(rng);
        }
        used.push(word);
        word
    }

    #[cfg(test)]
    pub(crate) fn words(&self) -> &[&'static str] {
        &self.words
    }
}

/// Where a word comes in the fixed order: a hash of its letters (FNV-1a,
/// then SplitMix64's finaliser), scaled by how typical its length is, so
/// that the common end of the list is mostly ordinary-looking words rather
/// than two-letter abbreviations or 15-letter rarities.
fn rank_key(word: &str) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^= h >> 31;
    let scale = match word.len() {
        0..=3 => 6,
        4..=8 => 1,
        9..=11 => 2,
        _ => 4,
    };
    (h >> 32) * scale
}

/// Words never drawn (see the module comment).
#[rustfmt::skip]
const EXCLUDED: &[&str] = &[
    "bitch", "chink", "chinks", "faggot", "fagged", "fagging", "negro", "negroes", "nigger",
    "niggering", "niggers", "piss", "pissing", "rape", "rapes", "retard", "retarded", "slut",
    "sluts", "sluttery", "sluttish", "sluttishness", "whor", "whore", "whoremaster",
    "whoremasterly", "whoremonger", "whores", "whoreson", "whoresons", "whoring", "whorish",
    "harlot", "harlotry", "harlots", "cock", "jew", "jews", "jewess",
];

/// Fixed phrases the crate writes outside the word-list tables (the body's
/// links, table and footnote, the summaries, the money notes and sources),
/// so their words are domain words too.
const PHRASES: &[&str] = &[
    "A similar arrangement took a different route. See other examples of shared",
    "Year Saving Posts removed. Figures reported by the partner councils; not independently audited.",
    "Redundancy and pension strain costs. ICT integration and. Project management and legal advice.",
    "Set-up costs for the. Fewer management posts. Lower costs. From. Reduced spending on.",
    "Shared services and management: a guide for councils (Local Government Group, 2011)",
    "Case studies of shared services activity. Cabinet report on. Audit Commission inspection report",
    "councils in the share. Council councils authority authorities borough district county city",
];

/// The search terms of everything the domain text can write, and of the
/// thesaurus's words and synonyms: the long tail must not add to any of them.
fn domain_terms() -> BTreeSet<String> {
    use crate::names;
    use crate::organisations::{
        ORGANISATIONS, OTHER_PUBLIC_BODIES, PRIVATE_PARTNERS, VOLUNTARY_PARTNERS,
    };
    use crate::words::*;
    let mut text: Vec<&str> = Vec::new();
    for table in [
        NOUNS,
        ACTORS,
        ADJECTIVES,
        VERBS_PAST,
        VERBS_BASE,
        OUTCOMES,
        TIMES,
        ADVERBS,
        CONNECTORS,
        FREQUENCIES,
        NUMBER_WORDS,
        APPROACH,
        ACHIEVED,
        LEARNED,
        APPROACH_TAIL,
        ACHIEVED_TAIL,
        LEARNED_TAIL,
        LIST_INTROS,
        LEARNED_LIST_INTROS,
        TITLE_FORMS,
        TAGS,
        ROLES,
        MONTHS,
        SUMMARY_ENDINGS,
        PRIVATE_PARTNERS,
        VOLUNTARY_PARTNERS,
        names::PROJECT_KINDS,
        names::GROUP_KINDS,
        PHRASES,
    ] {
        text.extend_from_slice(table);
    }
    text.extend(MODEL_PHRASES.iter().map(|(_, p)| *p));
    text.extend(ORGANISATIONS.iter().chain(OTHER_PUBLIC_BODIES).map(|o| o.0));
    let vocab = crate::vocab::vocab();
    text.extend(vocab.functions.iter().map(|f| f.prose));
    text.extend(vocab.regions.iter().map(|r| r.1));
    for (word, synonyms) in compendium::search::schema::THESAURUS {
        text.push(word);
        text.push(synonyms);
    }
    // Joined with full stops: every table entry stays its own words.
    compendium::search::schema::analyze(&text.join(". "))
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_is_large_and_keeps_clear_of_the_domain_words() {
        let words = lexicon().words();
        assert!(words.len() > 38_000, "{} words", words.len());
        let domain = domain_terms();
        // Stems of the domain, not just its spellings, are kept out.
        for word in [
            "procured",
            "procuring",
            "wasted",
            "wastes",
            "council",
            "councils",
        ] {
            assert!(!words.contains(&word), "{word} is a domain word");
        }
        let terms = compendium::search::schema::analyze(&words.join(" "));
        assert!(terms.iter().all(|t| !domain.contains(t)));
        // Distinct, so every rank is a different word.
        let mut sorted = words.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), words.len());
    }
}
