//! Queries: the plan (which terms, with which weights) and the search itself,
//! run by tantivy. The browser engine (`engine.js`) follows the same plan and
//! the same BM25 arithmetic, so both return the same results.

use super::index::SearchIndex;
use super::schema::{self, FACETS, PREFIX_MAX_TERMS, PREFIX_MIN_CHARS, PREFIX_WEIGHT};
use super::spelling;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    Exact,
    /// From the thesaurus (see [`schema::THESAURUS`]) or a British spelling.
    Synonym,
    Prefix,
    /// A term of a phrase in quotes: scored as typed, but a case study
    /// matches the phrase only if its terms stand together.
    Phrase,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightedTerm {
    pub term: String,
    pub weight: f32,
    pub kind: Match,
    /// Which of the query's words (stop words set aside) it stands for: a
    /// case study matches the word if it holds any of the word's terms.
    pub word: usize,
}

/// What the planner needs to know about the index's terms.
pub trait Dictionary {
    fn contains(&self, term: &str) -> bool;
    /// Terms starting with `prefix`, each with its document frequency summed over fields.
    fn with_prefix(&self, prefix: &str) -> Vec<(String, u64)>;
    /// The index terms the thesaurus gives for a folded query word.
    fn synonyms(&self, _folded: &str) -> Vec<String> {
        Vec::new()
    }
    /// Whether a folded US-spelled word is taken as typed, not widened to
    /// its British form ([`spelling::spelled_as_typed`]).
    fn spelled_as_typed(&self, _folded: &str) -> bool {
        false
    }
}

/// The words of a query, as the tokenizer splits them.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Lower-cased and folded but not stemmed: what prefixes and edits work on.
pub(crate) fn fold(word: &str) -> Option<String> {
    let mut analyzer = spelling::folding();
    let mut stream = analyzer.token_stream(word);
    let mut out = None;
    while stream.advance() {
        out = Some(stream.token().text.clone());
    }
    out
}

/// The single term a word analyses to, if any.
fn term_of(word: &str) -> Option<String> {
    let mut tokens = schema::analyze(word);
    (tokens.len() == 1).then(|| tokens.remove(0))
}

/// The words a query is about, as (term, folded word): stop words set aside
/// unless there is nothing else, and a word that repeats another (the same
/// term, or the same folded word) left out.
pub fn query_words(text: &str) -> Vec<(Option<String>, Option<String>)> {
    let analysed: Vec<(Option<String>, Option<String>)> =
        words(text).iter().map(|w| (term_of(w), fold(w))).collect();
    let is_stop = |folded: &Option<String>| {
        folded
            .as_deref()
            .is_none_or(|f| schema::STOP_WORDS.contains(&f))
    };
    let only_stop_words = analysed.iter().all(|(_, f)| is_stop(f));
    let mut kept: Vec<(Option<String>, Option<String>)> = Vec::new();
    for (term, folded) in analysed {
        if !only_stop_words && is_stop(&folded) {
            continue;
        }
        let repeats = kept.iter().any(|(t, f)| {
            (term.is_some() && *t == term) || (term.is_none() && folded.is_some() && *f == folded)
        });
        if !repeats {
            kept.push((term, folded));
        }
    }
    kept
}

/// Plans a query: the exact term of every word; the thesaurus's terms for
/// it and the British spelling of a US one ("harmonization"), both weighted
/// below the word (unless the site itself uses the US word more: see
/// [`spelling::spelled_as_typed`]); and when the last word is not a complete term, the terms
/// it begins (it may still be being typed). A word in no case study is not
/// stretched to its neighbours here: [`search`] suggests a spelling instead,
/// so "parking" never silently finds "part".
pub fn plan(text: &str, dict: &dyn Dictionary) -> Vec<WeightedTerm> {
    let mut planned: Vec<WeightedTerm> = Vec::new();
    let add =
        |term: String, weight: f32, kind: Match, word: usize, planned: &mut Vec<WeightedTerm>| {
            if !planned.iter().any(|p| p.term == term) {
                planned.push(WeightedTerm {
                    term,
                    weight,
                    kind,
                    word,
                });
            }
        };
    let analysed = query_words(text);
    let known = |term: &Option<String>| term.as_deref().is_some_and(|t| dict.contains(t));
    for (word, (term, _)) in analysed.iter().enumerate() {
        if let Some(t) = term {
            add(t.clone(), 1.0, Match::Exact, word, &mut planned);
        }
    }
    for (word, (_, folded)) in analysed.iter().enumerate() {
        let synonyms = folded.as_deref().map(|f| {
            let british = spelling::british(f)
                .into_iter()
                .filter(|_| !dict.spelled_as_typed(f))
                .filter_map(|b| term_of(&b));
            dict.synonyms(f)
                .into_iter()
                .chain(british)
                .collect::<Vec<_>>()
        });
        for t in synonyms.into_iter().flatten() {
            if dict.contains(&t) {
                add(
                    t,
                    schema::THESAURUS_WEIGHT,
                    Match::Synonym,
                    word,
                    &mut planned,
                );
            }
        }
    }
    if let Some((term, Some(folded))) = analysed.last()
        && !known(term)
        && folded.chars().count() >= PREFIX_MIN_CHARS
    {
        let last = analysed.len() - 1;
        let mut completions: Vec<(String, u64)> = dict.with_prefix(folded);
        completions.retain(|(t, _)| !planned.iter().any(|p| &p.term == t));
        completions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (t, _) in completions.into_iter().take(PREFIX_MAX_TERMS) {
            add(t, PREFIX_WEIGHT, Match::Prefix, last, &mut planned);
        }
    }
    planned
}

pub type Filters = BTreeMap<String, Vec<String>>;

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Case study id (index into the model's case studies).
    pub id: usize,
    pub score: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub plan: Vec<WeightedTerm>,
    /// How many case studies are listed (after filters), `hits` being one page.
    pub total: usize,
    /// How many words the query is about (see [`query_words`]).
    pub words: usize,
    /// Of `total`, how many match every one of them: they rank first.
    pub all_words: usize,
    /// Case studies that match some of the words but not listed, because
    /// none matches them all and the request did not ask for partial
    /// matches: a query with no answer says so rather than list noise.
    pub unlisted: usize,
    /// A spelling for words that are in no case study, and whether these
    /// results are the suggestion's (the query as typed matched nothing).
    pub suggestion: Option<Suggestion>,
    pub hits: Vec<Hit>,
    /// Facet kind → (value → count), each kind counted with the other kinds' filters applied.
    pub facets: BTreeMap<String, BTreeMap<String, usize>>,
}

/// "Did you mean …": the query with each word that is in no case study
/// replaced by the closest word that is (see [`spelling::suggest`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The query to run or link to, exclusions kept.
    pub query: String,
    /// Each replaced word, as typed, and its replacement.
    pub replaced: Vec<(String, String)>,
    /// True when the results are the suggestion's.
    pub applied: bool,
}

/// What to search for and which part of the results to return.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    pub text: &'a str,
    pub filters: Filters,
    /// Hits to skip (pages of results).
    pub offset: usize,
    pub limit: usize,
    /// List case studies matching some words even when none matches all.
    pub partial: bool,
    /// Only case studies with an annual saving at least this large.
    pub saving: Option<SavingAtLeast>,
}

/// "Annual saving at least £X": a case study passes if its largest annual
/// saving achieved (or, with `projected`, achieved or projected) reaches
/// the amount. Shares, breakdown parts and superseded projections never
/// count (see [`crate::model::money::largest_annual`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SavingAtLeast {
    pub pence: u64,
    pub projected: bool,
}

impl SavingAtLeast {
    fn passes(self, index: &SearchIndex, id: usize) -> bool {
        let [achieved, projected] = index.annual_savings.get(id).copied().unwrap_or([0, 0]);
        let best = if self.projected {
            achieved.max(projected)
        } else {
            achieved
        };
        best > 0 && best >= self.pence
    }
}

impl Dictionary for SearchIndex {
    fn synonyms(&self, folded: &str) -> Vec<String> {
        self.thesaurus.get(folded).cloned().unwrap_or_default()
    }

    fn spelled_as_typed(&self, folded: &str) -> bool {
        self.spelled_as_typed
            .binary_search_by(|w| w.as_str().cmp(folded))
            .is_ok()
    }

    fn contains(&self, term: &str) -> bool {
        let searcher = self.reader.searcher();
        self.schema.text.iter().any(|(field, _)| {
            searcher.segment_readers().iter().any(|s| {
                s.inverted_index(*field)
                    .ok()
                    .and_then(|ii| ii.terms().get(term.as_bytes()).ok().flatten())
                    .is_some()
            })
        })
    }

    fn with_prefix(&self, prefix: &str) -> Vec<(String, u64)> {
        let searcher = self.reader.searcher();
        let mut found: BTreeMap<String, u64> = BTreeMap::new();
        for (field, _) in &self.schema.text {
            for segment in searcher.segment_readers() {
                let Ok(ii) = segment.inverted_index(*field) else {
                    continue;
                };
                let Ok(mut stream) = ii.terms().range().ge(prefix.as_bytes()).into_stream() else {
                    continue;
                };
                while stream.advance() {
                    let Ok(key) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if !key.starts_with(prefix) {
                        break;
                    }
                    *found.entry(key.to_owned()).or_default() += u64::from(stream.value().doc_freq);
                }
            }
        }
        found.into_iter().collect()
    }
}

/// A query split into what it asks for and what it excludes: a word after
/// a minus at the start of a space-separated part (`waste -london`) leaves
/// out every case study that holds all the terms of that part.
pub fn split_exclusions(text: &str) -> (String, Vec<Vec<String>>) {
    let mut wanted: Vec<&str> = Vec::new();
    let mut excluded: Vec<Vec<String>> = Vec::new();
    for part in text.split_whitespace() {
        if is_exclusion(part) {
            let terms = schema::analyze(&part[1..]);
            if !terms.is_empty() {
                excluded.push(terms);
            }
        } else {
            wanted.push(part);
        }
    }
    (wanted.join(" "), excluded)
}

/// A query taken apart: its plain words (exclusions removed), its phrases
/// in quotes, and what it leaves out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub plain: String,
    /// Each phrase's terms, and the phrase as typed.
    pub phrases: Vec<(Vec<String>, String)>,
    /// Parts after a minus: every case study holding all their terms is left out.
    pub excluded: Vec<Vec<String>>,
    /// Phrases after a minus: every case study holding the phrase is left out.
    pub excluded_phrases: Vec<Vec<String>>,
}

/// Straight and curly double quotes, as phones and word processors type them.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}')
}

/// Parses a query: text between double quotes is a phrase (an unclosed
/// quote runs to the end), a minus just before the opening quote excludes
/// the phrase; the rest is plain words, with their own exclusions
/// ([`split_exclusions`]). A phrase with no terms is dropped, a repeated one
/// kept once.
pub fn parse(text: &str) -> Parsed {
    let mut plain = String::new();
    let mut parsed = Parsed::default();
    let mut quoted: Option<(String, bool)> = None;
    let finish = |phrase: String, negated: bool, parsed: &mut Parsed| {
        let terms = schema::analyze(&phrase);
        if terms.is_empty() {
            return;
        }
        if negated {
            if !parsed.excluded_phrases.contains(&terms) {
                parsed.excluded_phrases.push(terms);
            }
        } else if !parsed.phrases.iter().any(|(t, _)| *t == terms) {
            parsed.phrases.push((terms, phrase.trim().to_owned()));
        }
    };
    for c in text.chars() {
        if !is_quote(c) {
            match quoted.as_mut() {
                Some((phrase, _)) => phrase.push(c),
                None => plain.push(c),
            }
            continue;
        }
        match quoted.take() {
            Some((phrase, negated)) => {
                finish(phrase, negated, &mut parsed);
                plain.push(' ');
            }
            None => {
                let before = plain.strip_suffix('-');
                let negated =
                    before.is_some_and(|b| b.chars().last().is_none_or(char::is_whitespace));
                if negated {
                    plain.pop();
                }
                quoted = Some((String::new(), negated));
            }
        }
    }
    if let Some((phrase, negated)) = quoted {
        finish(phrase, negated, &mut parsed);
    }
    let (wanted, excluded) = split_exclusions(&plain);
    parsed.plain = wanted;
    parsed.excluded = excluded;
    parsed
}

/// The plan of a parsed query: its plain words' ([`plan`]), then each
/// phrase's terms, the phrase counting as one word after the plain ones.
pub fn plan_parsed(parsed: &Parsed, dict: &dyn Dictionary) -> Vec<WeightedTerm> {
    let mut planned = plan(&parsed.plain, dict);
    let plain_words = query_words(&parsed.plain).len();
    for (i, (terms, _)) in parsed.phrases.iter().enumerate() {
        for term in terms {
            if !planned.iter().any(|p| &p.term == term) {
                planned.push(WeightedTerm {
                    term: term.clone(),
                    weight: 1.0,
                    kind: Match::Phrase,
                    word: plain_words + i,
                });
            }
        }
    }
    planned
}

/// A space-separated part of a query that starts with a minus and then a
/// letter or digit: "-london", not "-" or "south-west".
fn is_exclusion(part: &str) -> bool {
    part.strip_prefix('-')
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// The case studies that hold every term of one of the excluded parts.
fn excluded_case_studies(
    index: &SearchIndex,
    excluded: &[Vec<String>],
    base: &[u32],
) -> tantivy::Result<std::collections::HashSet<usize>> {
    let searcher = index.reader.searcher();
    let mut out = std::collections::HashSet::new();
    for terms in excluded {
        let mut holding: Option<std::collections::HashSet<usize>> = None;
        for term in terms {
            let one = [WeightedTerm {
                term: term.clone(),
                weight: 1.0,
                kind: Match::Exact,
                word: 0,
            }];
            let docs = searcher.search(
                &tantivy_query(index, &one),
                &tantivy::collector::DocSetCollector,
            )?;
            let ids: std::collections::HashSet<usize> = docs
                .into_iter()
                .map(|addr| case_study_at(index, base, addr))
                .collect();
            holding = Some(match holding {
                None => ids,
                Some(before) => before.intersection(&ids).copied().collect(),
            });
        }
        out.extend(holding.unwrap_or_default());
    }
    Ok(out)
}

/// The first `limit` results of a query: see [`run`].
pub fn search(
    index: &SearchIndex,
    text: &str,
    filters: &Filters,
    limit: usize,
) -> tantivy::Result<Results> {
    run(
        index,
        &Request {
            text,
            filters: filters.clone(),
            offset: 0,
            limit,
            partial: false,
            saving: None,
        },
    )
}

/// Runs a query with tantivy: case studies matching every word first, then
/// by score; filters applied and facets counted. When no case study matches
/// every word and some word is in none, the spelling suggestion is run
/// instead if it does better; when still none matches every word, partial
/// matches are counted but listed only if the request asks.
pub fn run(index: &SearchIndex, request: &Request) -> tantivy::Result<Results> {
    let parsed = parse(request.text);
    let mut found = evaluate(index, &parsed, &request.filters, request.saving)?;
    let mut suggestion = None;
    if found.words > 0
        && found.all_words == 0
        && let Some(mut s) = suggest(index, &parsed, &found.plan)
    {
        let second = evaluate(index, &parse(&s.query), &request.filters, request.saving)?;
        if second.all_words > 0 {
            s.applied = true;
            found = second;
            suggestion = Some(s);
        }
    }
    let mut unlisted = 0;
    if found.words > 0 && found.all_words == 0 && !request.partial {
        unlisted = found.matched.len();
        found.matched.clear();
        found.facets.values_mut().for_each(BTreeMap::clear);
    }
    let total = found.matched.len();
    let hits = found
        .matched
        .into_iter()
        .skip(request.offset)
        .take(request.limit)
        .collect();
    Ok(Results {
        plan: found.plan,
        total,
        words: found.words,
        all_words: found.all_words,
        unlisted,
        suggestion,
        hits,
        facets: found.facets,
    })
}

/// The query's matches, in order, before paging.
struct Evaluated {
    plan: Vec<WeightedTerm>,
    words: usize,
    all_words: usize,
    matched: Vec<Hit>,
    facets: BTreeMap<String, BTreeMap<String, usize>>,
}

fn evaluate(
    index: &SearchIndex,
    parsed: &Parsed,
    filters: &Filters,
    saving: Option<SavingAtLeast>,
) -> tantivy::Result<Evaluated> {
    let plan = plan_parsed(parsed, index);
    let searcher = index.reader.searcher();
    let n = searcher.num_docs() as usize;
    let empty = parsed.plain.trim().is_empty() && parsed.phrases.is_empty();
    let scored: Vec<(f32, DocAddress)> = if empty {
        searcher.search(&AllQuery, &TopDocs::with_limit(n.max(1)).order_by_score())?
    } else if plan.is_empty() {
        Vec::new()
    } else {
        let query = tantivy_query(index, &plan);
        searcher.search(&query, &TopDocs::with_limit(n.max(1)).order_by_score())?
    };
    let base = segment_bases(index);
    let mut matched: Vec<Hit> = scored
        .into_iter()
        .map(|(score, addr)| Hit {
            id: case_study_at(index, &base, addr),
            score: if empty { 0.0 } else { score },
        })
        .collect();
    let words = if empty {
        0
    } else {
        query_words(&parsed.plain).len() + parsed.phrases.len()
    };
    let mut coverage = words_matched(index, &plan, &base)?;
    // A phrase is required: only case studies where it stands are listed.
    for (terms, _) in &parsed.phrases {
        let holding = phrase_case_studies(index, terms, &base)?;
        matched.retain(|h| holding.contains(&h.id));
        for id in holding {
            *coverage.entry(id).or_default() += 1;
        }
    }
    let mut out = excluded_case_studies(index, &parsed.excluded, &base)?;
    for terms in &parsed.excluded_phrases {
        out.extend(phrase_case_studies(index, terms, &base)?);
    }
    matched.retain(|h| !out.contains(&h.id));
    if let Some(saving) = saving {
        matched.retain(|h| saving.passes(index, h.id));
    }
    let covered = |h: &Hit| coverage.get(&h.id).copied().unwrap_or(0);
    matched.sort_by(|a, b| {
        covered(b)
            .cmp(&covered(a))
            .then(b.score.total_cmp(&a.score))
            .then(a.id.cmp(&b.id))
    });
    let facets = facet_counts(index, &matched, filters);
    matched.retain(|h| passes(index, h.id, filters, None));
    let all_words = matched
        .iter()
        .filter(|h| words > 0 && covered(h) == words)
        .count();
    Ok(Evaluated {
        plan,
        words,
        all_words,
        matched,
        facets,
    })
}

/// The case studies in which a phrase's terms stand together, in any field.
fn phrase_case_studies(
    index: &SearchIndex,
    terms: &[String],
    base: &[u32],
) -> tantivy::Result<std::collections::HashSet<usize>> {
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    for (field, _) in &index.schema.text {
        let field_terms: Vec<Term> = terms
            .iter()
            .map(|t| Term::from_field_text(*field, t))
            .collect();
        let query: Box<dyn TantivyQuery> = match field_terms.as_slice() {
            [one] => Box::new(TermQuery::new(one.clone(), IndexRecordOption::Basic)),
            _ => Box::new(tantivy::query::PhraseQuery::new(field_terms)),
        };
        clauses.push((Occur::Should, query));
    }
    let docs = index.reader.searcher().search(
        &BooleanQuery::new(clauses),
        &tantivy::collector::DocSetCollector,
    )?;
    Ok(docs
        .into_iter()
        .map(|addr| case_study_at(index, base, addr))
        .collect())
}

/// The global document number of each segment's first document.
fn segment_bases(index: &SearchIndex) -> Vec<u32> {
    let searcher = index.reader.searcher();
    let mut offset = 0;
    searcher
        .segment_readers()
        .iter()
        .map(|s| {
            let base = offset;
            offset += s.max_doc();
            base
        })
        .collect()
}

fn case_study_at(index: &SearchIndex, base: &[u32], addr: DocAddress) -> usize {
    let global = base[addr.segment_ord as usize] + addr.doc_id;
    index.case_study_of[global as usize] as usize
}

/// The suggestion for a query (`wanted`: the typed text without its
/// exclusions) whose plan finds nothing for some word: each such word of
/// five letters or more replaced by its closest known word, in the typed
/// case. `None` when no word can be replaced.
fn suggest(index: &SearchIndex, parsed: &Parsed, plan: &[WeightedTerm]) -> Option<Suggestion> {
    let query = query_words(&parsed.plain);
    let found_some = |word: usize| {
        plan.iter()
            .any(|t| t.word == word && index.contains(&t.term))
    };
    let mut replacements: BTreeMap<String, String> = BTreeMap::new();
    for (i, (_, folded)) in query.iter().enumerate() {
        let Some(folded) = folded else { continue };
        if found_some(i) {
            continue;
        }
        if let Some(known) = spelling::suggest(folded, &index.spelling) {
            replacements.insert(folded.clone(), known.word.clone());
        }
    }
    if replacements.is_empty() {
        return None;
    }
    let mut replaced = Vec::new();
    let mut parts: Vec<String> = words(&parsed.plain)
        .into_iter()
        .map(|w| match fold(w).and_then(|f| replacements.get(&f)) {
            Some(to) => {
                let to = spelling::in_case_of(w, to);
                replaced.push((w.to_owned(), to.clone()));
                to
            }
            None => w.to_owned(),
        })
        .collect();
    parts.extend(
        parsed
            .phrases
            .iter()
            .map(|(_, typed)| format!("\"{typed}\"")),
    );
    parts.extend(
        parsed
            .excluded
            .iter()
            .map(|terms| format!("-{}", terms.join(" -"))),
    );
    Some(Suggestion {
        query: parts.join(" "),
        replaced,
        applied: false,
    })
}

/// For each case study that matches any term, how many of the query's
/// words it matches (a word: any of the terms planned for it).
fn words_matched(
    index: &SearchIndex,
    plan: &[WeightedTerm],
    base: &[u32],
) -> tantivy::Result<std::collections::HashMap<usize, usize>> {
    let searcher = index.reader.searcher();
    let mut coverage: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    // Phrases are matched as a whole, elsewhere.
    let words: BTreeSet<usize> = plan
        .iter()
        .filter(|t| t.kind != Match::Phrase)
        .map(|t| t.word)
        .collect();
    for word in words {
        let terms: Vec<WeightedTerm> = plan.iter().filter(|t| t.word == word).cloned().collect();
        let docs = searcher.search(
            &tantivy_query(index, &terms),
            &tantivy::collector::DocSetCollector,
        )?;
        for addr in docs {
            let global = base[addr.segment_ord as usize] + addr.doc_id;
            *coverage
                .entry(index.case_study_of[global as usize] as usize)
                .or_default() += 1;
        }
    }
    Ok(coverage)
}

fn tantivy_query(index: &SearchIndex, plan: &[WeightedTerm]) -> BooleanQuery {
    let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
    for wt in plan {
        for (field, boost) in &index.schema.text {
            let term = Term::from_field_text(*field, &wt.term);
            let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), boost * wt.weight)),
            ));
        }
    }
    BooleanQuery::new(clauses)
}

/// Does case study `id` pass the filters, ignoring the kind `except`?
fn passes(index: &SearchIndex, id: usize, filters: &Filters, except: Option<usize>) -> bool {
    FACETS.iter().enumerate().all(|(k, kind)| {
        if Some(k) == except {
            return true;
        }
        match filters.get(*kind) {
            Some(wanted) if !wanted.is_empty() => index.facet_values[id][k]
                .iter()
                .any(|v| wanted.iter().any(|w| v == w)),
            _ => true,
        }
    })
}

fn facet_counts(
    index: &SearchIndex,
    matched: &[Hit],
    filters: &Filters,
) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mut counts = BTreeMap::new();
    for (k, kind) in FACETS.iter().enumerate() {
        let mut of_kind: BTreeMap<String, usize> = BTreeMap::new();
        for h in matched
            .iter()
            .filter(|h| passes(index, h.id, filters, Some(k)))
        {
            for v in &index.facet_values[h.id][k] {
                *of_kind.entry(v.to_string()).or_default() += 1;
            }
        }
        counts.insert((*kind).to_owned(), of_kind);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(Vec<(&'static str, u64)>);

    impl Dictionary for Fake {
        fn contains(&self, term: &str) -> bool {
            self.0.iter().any(|(t, _)| *t == term)
        }
        fn with_prefix(&self, prefix: &str) -> Vec<(String, u64)> {
            self.0
                .iter()
                .filter(|(t, _)| t.starts_with(prefix))
                .map(|(t, d)| (t.to_string(), *d))
                .collect()
        }
    }

    #[test]
    fn plan_has_exact_prefix_and_british_terms_but_no_neighbours() {
        let dict = Fake(vec![
            ("procur", 9),
            ("recycl", 5),
            ("recess", 1),
            ("wast", 7),
            ("harmonis", 2),
        ]);
        let p = plan("procurment recyc", &dict);
        assert_eq!(p[0].term, "procur");
        assert_eq!(p[0].kind, Match::Exact);
        assert!(
            p.iter()
                .any(|t| t.term == "recycl" && t.kind == Match::Prefix)
        );
        assert!(!p.iter().any(|t| t.term == "recess"));
        // A word in no case study is not stretched to one edit away: the
        // search suggests a spelling instead.
        let p = plan("recyclng", &dict);
        assert!(!p.iter().any(|t| t.term == "recycl"), "{p:?}");
        let p = plan("harmonization", &dict);
        assert!(
            p.iter()
                .any(|t| t.term == "harmonis" && t.kind == Match::Synonym),
            "{p:?}"
        );
    }

    #[test]
    fn quotes_make_phrases_and_a_minus_before_them_leaves_them_out() {
        let p = parse("waste \"Chief Executive\" -\"south london\" -kent “joint venture");
        assert_eq!(p.plain, "waste");
        let phrases: Vec<&str> = p.phrases.iter().map(|(_, typed)| typed.as_str()).collect();
        assert_eq!(phrases, ["Chief Executive", "joint venture"]);
        assert_eq!(p.phrases[0].0, ["chief", "execut"]);
        assert_eq!(
            p.excluded_phrases,
            [vec!["south".to_owned(), "london".to_owned()]]
        );
        assert_eq!(p.excluded, [vec!["kent".to_owned()]]);
        // A minus inside a word is not an exclusion; an empty phrase is nothing.
        let p = parse("a-\"b c\" \"\" \"b c\"");
        assert_eq!(p.plain, "a-");
        assert_eq!(p.phrases.len(), 1);
    }

    #[test]
    fn exclusions_need_a_letter_or_digit_after_the_minus() {
        assert!(is_exclusion("-london"));
        assert!(is_exclusion("-2010"));
        assert!(!is_exclusion("-"));
        assert!(!is_exclusion("--"));
        assert!(!is_exclusion("south-west"));
        let (wanted, excluded) = split_exclusions("waste -london - x");
        assert_eq!(wanted, "waste - x");
        assert_eq!(excluded, vec![vec!["london".to_owned()]]);
    }
}
