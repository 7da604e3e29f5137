//! The search schema: the text fields with their boosts, the filter fields,
//! and the analyser. The browser engine reproduces all of this exactly, so
//! every constant here is also exported in the search manifest.

use std::collections::HashMap;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Name under which the analyser is registered with tantivy.
pub const ANALYZER: &str = "compendium_en";

/// Text fields and their boosts: a case study's title and its partners'
/// names say most about what it is; the long body says least per word.
/// Chosen by hand, then checked by tuning on the judged set
/// (`cargo bench --bench tune_boosts`): boosts tuned on either half of the
/// judged queries lose on the other half (nDCG@5 0.9619 -> 0.9562 and
/// 0.9449 -> 0.9444), so these stay (0.953 nDCG@5, 0.526 P@3 overall).
pub const TEXT_FIELDS: [(&str, f32); 6] = [
    ("title", 3.0),
    ("partners", 3.0),
    ("summary", 2.0),
    ("labels", 1.5),
    ("lessons", 1.2),
    ("body", 1.0),
];

/// Words that say little about which case study is meant ("revenues and
/// benefits in the south west"): left out of a query unless it has no other
/// word, so they neither score nor are highlighted. Compared with the word
/// lower-cased and folded; "it" is not one (IT is a function).
pub const STOP_WORDS: [&str; 25] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
    "is", "its", "of", "on", "or", "that", "the", "this", "to", "was", "with",
];

/// A query word that is one of these (lower-cased and folded) also looks
/// for the words given, at [`THESAURUS_WEIGHT`]: the acronyms, short forms
/// and spellings of UK local government that a case study may write out
/// another way. Plural forms are listed where a reader would type them.
pub const THESAURUS: [(&str, &str); 30] = [
    ("hr", "human resources personnel"),
    ("personnel", "human resources hr"),
    ("ict", "information technology it"),
    ("it", "ict information technology"),
    ("jv", "joint venture"),
    ("latc", "trading company teckal"),
    ("almo", "arm's length management organisation"),
    ("almos", "arm's length management organisation"),
    ("ceo", "chief executive"),
    ("exec", "executive"),
    ("execs", "executives"),
    ("s151", "section 151 finance officer"),
    ("revs", "revenues"),
    ("bens", "benefits"),
    ("refuse", "waste"),
    ("rubbish", "waste"),
    ("bins", "waste"),
    ("purchasing", "procurement"),
    ("organization", "organisation"),
    ("organizations", "organisations"),
    ("center", "centre"),
    ("centers", "centres"),
    ("program", "programme"),
    ("programs", "programmes"),
    ("labor", "labour"),
    ("privatization", "privatisation"),
    ("outsource", "outsourcing"),
    ("cctv", "surveillance"),
    ("erp", "enterprise resource planning"),
    ("tupe", "staff transfer"),
];

/// The weight of a word found through the thesaurus: below a word typed.
pub const THESAURUS_WEIGHT: f32 = 0.8;

/// The thesaurus as index terms: each word's synonyms analysed as the index
/// is, the word's own term left out.
pub fn thesaurus_terms(
    extra: &[(String, String)],
) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut out: std::collections::BTreeMap<String, Vec<String>> =
        std::collections::BTreeMap::new();
    let bundled = THESAURUS.iter().map(|(w, s)| (*w, *s));
    let added = extra.iter().map(|(w, s)| (w.as_str(), s.as_str()));
    for (word, synonyms) in bundled.chain(added) {
        let own = analyze(word);
        let terms = out.entry(word.to_owned()).or_default();
        // Stop words and single letters ("arm's" gives "s") would match
        // nearly everything.
        let words = synonyms
            .split_whitespace()
            .filter(|w| !STOP_WORDS.contains(&w.to_lowercase().as_str()));
        for t in words.flat_map(analyze) {
            if t.chars().count() > 1 && !own.contains(&t) && !terms.contains(&t) {
                terms.push(t);
            }
        }
    }
    out
}

/// Filter fields, in the order the manifest and the URL use them.
pub const FACETS: [&str; 6] = ["function", "region", "model", "type", "status", "tier"];

/// The last query word also matches terms it is a prefix of (while typing),
/// with this weight, for words of at least `PREFIX_MIN_CHARS` characters,
/// taking at most `PREFIX_MAX_TERMS` terms (the most frequent first).
pub const PREFIX_WEIGHT: f32 = 0.5;
pub const PREFIX_MIN_CHARS: usize = 3;
pub const PREFIX_MAX_TERMS: usize = 10;

/// tantivy's English pipeline (`en_stem`) plus ASCII folding, so that
/// "café" finds "cafe". The browser's analyzer.js is a port of exactly this.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(MemoStemmer)
        .build()
}

/// The same pipeline with tantivy's own `Stemmer` filter, for the test
/// that proves [`MemoStemmer`] changes nothing.
pub fn analyzer_without_memo() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// tantivy's English `Stemmer` filter (the same frostem algorithm), with each
/// word's stem remembered: a corpus repeats a few thousand words millions of
/// times, and stemming was a tenth of a full build's work.
#[derive(Clone, Copy)]
pub struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            memo: HashMap::new(),
        }
    }
}

#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
    inner: T,
    memo: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct MemoStemmerStream<'a, T> {
    tail: T,
    memo: &'a mut HashMap<String, String>,
    stemmer: frostem::Stemmer,
}

/// Words kept in the memo at most (a safety net for unusual input).
const MEMO_LIMIT: usize = 200_000;

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.memo.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = self.stemmer.stem(&token.text).into_owned();
        if self.memo.len() < MEMO_LIMIT {
            self.memo
                .insert(std::mem::take(&mut token.text), stem.clone());
        }
        token.text = stem;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Runs the analyser over `text`, returning its tokens in order.
pub fn analyze(text: &str) -> Vec<String> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token().text.clone());
    }
    tokens
}

#[derive(Clone)]
pub struct SearchSchema {
    pub schema: Schema,
    /// The text fields, in `TEXT_FIELDS` order, with their boosts.
    pub text: Vec<(Field, f32)>,
    /// The filter fields, in `FACETS` order.
    pub facets: Vec<Field>,
    /// The case study id, so tantivy's document ids can be mapped back
    /// whatever its segment layout.
    pub ord: Field,
}

pub fn build() -> SearchSchema {
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions)
        .set_fieldnorms(true);
    let text_options = TextOptions::default().set_indexing_options(indexing);
    let text = TEXT_FIELDS
        .iter()
        .map(|(name, boost)| (builder.add_text_field(name, text_options.clone()), *boost))
        .collect();
    let facets = FACETS
        .iter()
        .map(|name| builder.add_text_field(name, STRING))
        .collect();
    let ord = builder.add_u64_field("ord", FAST);
    SearchSchema {
        schema: builder.build(),
        text,
        facets,
        ord,
    }
}
