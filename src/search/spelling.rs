//! Other spellings of a query word: the British form of a US spelling, and
//! the indexed word closest to a word that is in no case study ("Did you
//! mean Worcestershire?"). The browser engine (`engine.js`) does exactly the
//! same on the same word list, which the exporter writes for it.

use super::schema;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// Words shorter than this get no suggestion: too many words are one edit
/// from a short word.
pub const MIN_CHARS: usize = 5;

/// The most edits a suggestion may be from a word of `chars` characters:
/// one up to six characters, two from seven.
pub fn max_edits(chars: usize) -> usize {
    match chars {
        0..MIN_CHARS => 0,
        MIN_CHARS..=6 => 1,
        _ => 2,
    }
}

/// A word as the case studies write it (lower-cased and folded, letters
/// only), the index term it analyses to, and how many case studies hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub word: String,
    pub term: String,
    pub docs: u32,
}

/// The words of a text as spelling works on them: lower-cased and folded,
/// letters only, at least three and at most 30 characters (a suggestion is
/// at most two edits from a word of five). One analyser for the whole text:
/// building one per word was most of the cost.
pub fn words(text: &str) -> Vec<String> {
    let mut analyzer = folding();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let w = &stream.token().text;
        if is_spelling_word(w) {
            out.push(w.clone());
        }
    }
    out
}

/// The analyser without its stemmer: what a word is before it is a term.
pub fn folding() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Counts, word by word, how many case studies hold it, one case study at
/// a time (so a large site never holds every case study's words at once).
#[derive(Default)]
pub struct WordCounts {
    /// Per word: how many case studies hold it, and the number of the last
    /// case study that counted it (so a word is counted once per case study
    /// without a set per case study).
    /// Hashed with rustc-hash's FxHasher: one lookup per word of every case
    /// study, where SipHash's resistance to chosen keys buys nothing (the
    /// content is the site's own) and its hashing showed in the profile.
    docs: rustc_hash::FxHashMap<String, (u32, u32)>,
    /// How many case studies were added.
    added: u32,
}

impl WordCounts {
    /// Counts the words of one case study's texts.
    pub fn add_case_study<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>) {
        self.added += 1;
        let doc = self.added;
        let mut folding = None;
        let mut lowered = String::new();
        for text in texts {
            for_each_word(text, &mut folding, &mut lowered, &mut |word| match self
                .docs
                .get_mut(word)
            {
                Some((_, last)) if *last == doc => {}
                Some((count, last)) => {
                    *count += 1;
                    *last = doc;
                }
                None => {
                    self.docs.insert(word.to_owned(), (1, doc));
                }
            });
        }
    }

    /// The word list, sorted by word.
    pub fn vocabulary(self) -> Vec<Known> {
        let mut analyzer = schema::analyzer();
        let mut known: Vec<Known> = self
            .docs
            .into_iter()
            .filter_map(|(word, (docs, _))| {
                let term = single_term(&mut analyzer, &word)?;
                Some(Known { word, term, docs })
            })
            .collect();
        known.sort_by(|a, b| a.word.cmp(&b.word));
        known
    }
}

/// Calls `f` with each word of `text` exactly as [`words`] lists them, but
/// without its cost: counting words this way was a tenth of the whole
/// build. The tokenizer's tokens are the runs of alphanumeric characters;
/// an ASCII run is lower-cased here (folding leaves ASCII alone), and any
/// other goes through the folding analyser itself (made on first need, in
/// `folding`), so the two can never disagree.
fn for_each_word(
    text: &str,
    folding: &mut Option<TextAnalyzer>,
    lowered: &mut String,
    f: &mut dyn FnMut(&str),
) {
    for run in text.split(|c: char| !c.is_alphanumeric()) {
        if run.is_empty() {
            continue;
        }
        if run.is_ascii() {
            if (3..=30).contains(&run.len()) && run.bytes().all(|b| b.is_ascii_alphabetic()) {
                lowered.clear();
                lowered.extend(run.chars().map(|c| c.to_ascii_lowercase()));
                f(lowered);
            }
            continue;
        }
        let analyzer = folding.get_or_insert_with(self::folding);
        let mut stream = analyzer.token_stream(run);
        while stream.advance() {
            let w = &stream.token().text;
            if is_spelling_word(w) {
                f(w);
            }
        }
    }
}

fn is_spelling_word(w: &str) -> bool {
    (3..=30).contains(&w.len()) && w.chars().all(|c| c.is_ascii_lowercase())
}

fn single_term(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut stream = analyzer.token_stream(word);
    let mut terms = Vec::new();
    while stream.advance() {
        terms.push(stream.token().text.clone());
    }
    (terms.len() == 1).then(|| terms.remove(0))
}

/// The known word closest to `folded` (a word in no case study): fewest
/// edits, then held by the most case studies, then first in byte order.
/// Only words with the same first letter are considered: few misspellings
/// change it, and it lets the browser fetch one part of the list.
pub fn suggest<'a>(folded: &str, known: &'a [Known]) -> Option<&'a Known> {
    let max = max_edits(folded.chars().count());
    let first = folded.chars().next()?;
    if max == 0 {
        return None;
    }
    let mut best: Option<(usize, &Known)> = None;
    for k in known.iter().filter(|k| k.word.starts_with(first)) {
        let Some(d) = crate::edit_distance::within(folded, &k.word, max) else {
            continue;
        };
        if d == 0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((bd, b)) => {
                (d, std::cmp::Reverse(k.docs), &k.word) < (bd, std::cmp::Reverse(b.docs), &b.word)
            }
        };
        if better {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// `word` written in the case of `typed`: capitals throughout, a capital
/// first letter, or lower case.
pub fn in_case_of(typed: &str, word: &str) -> String {
    let letters: Vec<char> = typed.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    let mut chars = word.chars();
    match (typed.chars().next(), chars.next()) {
        (Some(t), Some(first)) if t.is_uppercase() => first.to_uppercase().chain(chars).collect(),
        _ => word.to_owned(),
    }
}

/// US endings that any word may take, with their British forms, tried on a
/// query word so that "harmonization" also finds "harmonisation" (weighted
/// as the thesaurus). Each is an ending of the word as typed, lower-cased
/// and folded, after at least `MIN_BEFORE_ENDING` letters (so "size" and
/// "prize" are left alone).
pub const PRODUCTIVE_ENDINGS: [(&str, &str); 13] = [
    ("ization", "isation"),
    ("izations", "isations"),
    ("ize", "ise"),
    ("izes", "ises"),
    ("ized", "ised"),
    ("izing", "ising"),
    ("izer", "iser"),
    ("izers", "isers"),
    ("yze", "yse"),
    ("yzed", "ysed"),
    ("yzing", "ysing"),
    ("eled", "elled"),
    ("eling", "elling"),
];
pub const MIN_BEFORE_ENDING: usize = 3;

/// Words whose US spelling differs from the British in a way no ending
/// rule can say without rewriting thousands of others ("sector" is not
/// "sectour", "partner" not "partnre"): each with its inflections.
pub const US_ROOTS: [(&str, &str); 52] = [
    ("ardor", "ardour"),
    ("armor", "armour"),
    ("behavior", "behaviour"),
    ("candor", "candour"),
    ("clamor", "clamour"),
    ("color", "colour"),
    ("endeavor", "endeavour"),
    ("favor", "favour"),
    ("flavor", "flavour"),
    ("harbor", "harbour"),
    ("honor", "honour"),
    ("humor", "humour"),
    ("labor", "labour"),
    ("neighbor", "neighbour"),
    ("odor", "odour"),
    ("parlor", "parlour"),
    ("rigor", "rigour"),
    ("rumor", "rumour"),
    ("savior", "saviour"),
    ("splendor", "splendour"),
    ("tumor", "tumour"),
    ("valor", "valour"),
    ("vapor", "vapour"),
    ("vigor", "vigour"),
    ("caliber", "calibre"),
    ("center", "centre"),
    ("fiber", "fibre"),
    ("liter", "litre"),
    ("luster", "lustre"),
    ("meager", "meagre"),
    ("saber", "sabre"),
    ("scepter", "sceptre"),
    ("somber", "sombre"),
    ("specter", "spectre"),
    ("theater", "theatre"),
    ("analog", "analogue"),
    ("catalog", "catalogue"),
    ("dialog", "dialogue"),
    ("epilog", "epilogue"),
    ("monolog", "monologue"),
    ("prolog", "prologue"),
    ("defense", "defence"),
    ("offense", "offence"),
    ("license", "licence"),
    ("pretense", "pretence"),
    ("program", "programme"),
    ("aluminum", "aluminium"),
    ("enroll", "enrol"),
    ("fulfill", "fulfil"),
    ("gray", "grey"),
    ("jewelry", "jewellery"),
    ("maneuver", "manoeuvre"),
];

/// Inflections a root takes, on both sides (see `inflect`).
pub const ROOT_INFLECTIONS: [&str; 10] = [
    "", "s", "ed", "ing", "al", "ally", "ite", "ites", "able", "less",
];

/// A root with an inflection: a final "e" goes before a vowel ("centred",
/// "catalogued", "manoeuvring").
fn inflect(root: &str, ending: &str) -> String {
    let before_vowel = ending.starts_with(['a', 'e', 'i', 'o', 'u']);
    match root.strip_suffix('e') {
        Some(stem) if before_vowel => format!("{stem}{ending}"),
        _ => format!("{root}{ending}"),
    }
}

/// Every US ending tried on a query word, its British form and how many
/// letters must come before it, longest first (the engine in the browser
/// gets the parts in the manifest and builds the same list).
pub fn us_endings() -> &'static [(String, String, usize)] {
    static ENDINGS: std::sync::LazyLock<Vec<(String, String, usize)>> =
        std::sync::LazyLock::new(|| {
            let mut all: Vec<(String, String, usize)> = PRODUCTIVE_ENDINGS
                .iter()
                .map(|(us, uk)| ((*us).to_owned(), (*uk).to_owned(), MIN_BEFORE_ENDING))
                .collect();
            for (us, uk) in US_ROOTS {
                for ending in ROOT_INFLECTIONS {
                    all.push((inflect(us, ending), inflect(uk, ending), 0));
                }
            }
            all.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
            all.dedup_by(|a, b| a.0 == b.0);
            all
        });
    &ENDINGS
}

/// The British spellings of a folded word, by its ending (longest ending
/// first, one rewrite only). Words of fewer than four letters have none.
pub fn british(folded: &str) -> Vec<String> {
    let letters = folded.chars().count();
    if letters < 4 {
        return Vec::new();
    }
    // The endings are ASCII, so their length in bytes is in letters.
    us_endings()
        .iter()
        .find(|(us, _, before)| letters >= us.len() + before && folded.ends_with(us.as_str()))
        .map(|(us, uk, _)| format!("{}{uk}", &folded[..folded.len() - us.len()]))
        .into_iter()
        .collect()
}

/// The US-spelled words the site itself uses at least as often as their
/// British form, where that form would widen a query (its term is one of
/// the site's): a query for one of them is taken as typed. So on a site
/// that quotes an "organize" more than it writes "organise", "organize"
/// finds what it says, while "centralized", which it never writes, still
/// finds "centralised".
pub fn spelled_as_typed(known: &[Known]) -> Vec<String> {
    let docs: std::collections::HashMap<&str, u32> =
        known.iter().map(|k| (k.word.as_str(), k.docs)).collect();
    let terms: std::collections::HashSet<&str> = known.iter().map(|k| k.term.as_str()).collect();
    let mut analyzer = schema::analyzer();
    let mut kept: Vec<String> = known
        .iter()
        .filter(|k| {
            british(&k.word).iter().any(|b| {
                let widens =
                    single_term(&mut analyzer, b).is_some_and(|t| terms.contains(t.as_str()));
                widens && k.docs >= docs.get(b.as_str()).copied().unwrap_or(0)
            })
        })
        .map(|k| k.word.clone())
        .collect();
    kept.sort();
    kept.dedup();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(words: &[(&str, u32)]) -> Vec<Known> {
        WordCounts::default()
            .vocabulary()
            .into_iter()
            .chain(words.iter().map(|(w, d)| Known {
                word: (*w).to_owned(),
                term: single_term(&mut schema::analyzer(), w).unwrap_or_default(),
                docs: *d,
            }))
            .collect()
    }

    #[test]
    fn the_closest_then_the_commonest_word_is_suggested() {
        let k = known(&[("worcestershire", 3), ("worcester", 9), ("procurement", 5)]);
        assert_eq!(
            suggest("worcestshire", &k).map(|k| k.word.as_str()),
            Some("worcestershire")
        );
        assert_eq!(
            suggest("procurment", &k).map(|k| k.term.as_str()),
            Some("procur")
        );
        // Short words and other first letters get nothing.
        assert_eq!(suggest("wrcs", &k), None);
        assert_eq!(suggest("rocurement", &k), None);
        let k = known(&[("waster", 1), ("wastes", 4)]);
        assert_eq!(
            suggest("wastez", &k).map(|k| k.word.as_str()),
            Some("wastes")
        );
    }

    #[test]
    fn five_and_six_letter_words_are_allowed_one_edit() {
        assert_eq!(max_edits(4), 0);
        assert_eq!(max_edits(6), 1);
        assert_eq!(max_edits(7), 2);
        let k = known(&[("library", 2)]);
        assert_eq!(
            suggest("libary", &k).map(|k| k.word.as_str()),
            Some("library")
        );
        assert_eq!(suggest("lbrry", &k), None);
    }

    #[test]
    fn a_us_word_the_site_uses_more_than_its_british_form_is_kept_as_typed() {
        let known = known(&[
            ("organize", 4),
            ("organise", 2),
            ("organization", 1),
            ("organisation", 30),
            ("colorful", 3),
        ]);
        // "organise" is rarer than "organize": kept as typed.
        // "organisation" is commoner: rewritten. "colourful" widens nothing.
        assert_eq!(spelled_as_typed(&known), vec!["organize"]);
    }

    #[test]
    fn us_endings_have_british_forms() {
        assert_eq!(british("harmonization"), vec!["harmonisation"]);
        assert_eq!(british("centralized"), vec!["centralised"]);
        assert_eq!(british("behavior"), vec!["behaviour"]);
        assert_eq!(british("analyze"), vec!["analyse"]);
        assert_eq!(british("defense"), vec!["defence"]);
        assert!(british("tor").is_empty());
        assert_eq!(british("organizations"), vec!["organisations"]);
        assert_eq!(british("centered"), vec!["centred"]);
        assert_eq!(british("colors"), vec!["colours"]);
        assert_eq!(british("cataloged"), vec!["catalogued"]);
        assert_eq!(british("programs"), vec!["programmes"]);
        // Ordinary words with an ending some US words have are left alone.
        for word in [
            "sector", "partners", "officer", "member", "size", "prize", "infer",
        ] {
            assert!(british(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn counting_finds_the_words_the_analyser_finds() {
        let texts = [
            "Café £30m SOUTH-west ab 2011 naïve Œuvre ÆON straße",
            "İstanbul co-operation x3y über-Council ﬁnance Ǆemal 東京 abc123",
            "a_b Ünterschied ÉCOLE école ecole déjà-vu Ｆullwidth",
            "averyveryveryverylongwordthatgoesbeyondthirty and thirtycharacterslongwordsxx",
        ];
        for text in texts {
            let mut folding = None;
            let mut lowered = String::new();
            let mut counted = Vec::new();
            for_each_word(text, &mut folding, &mut lowered, &mut |w| {
                counted.push(w.to_owned())
            });
            assert_eq!(counted, words(text), "{text}");
        }
        let mut counts = WordCounts::default();
        counts.add_case_study(["school school", "School"]);
        counts.add_case_study(["schools", "école"]);
        let docs: Vec<(String, u32)> = counts
            .vocabulary()
            .into_iter()
            .map(|k| (k.word, k.docs))
            .collect();
        assert_eq!(
            docs,
            vec![
                ("ecole".to_owned(), 1),
                ("school".to_owned(), 1),
                ("schools".to_owned(), 1)
            ]
        );
    }

    #[test]
    fn words_are_folded_letters_only() {
        let w: Vec<String> = words("Café £30m SOUTH-west ab 2011");
        assert_eq!(w, vec!["cafe", "south", "west"]);
    }
}
