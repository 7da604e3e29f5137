//! Exports the tantivy index as static files for the browser engine.
//!
//! Read straight from tantivy: every field's term dictionary, postings with
//! term frequencies, and one-byte field norms. Written as a small number of
//! gzip files under `/search/` with content-hashed names:
//!
//! - `meta.<hash>.bin`: the manifest (JSON): document count, field boosts and
//!   token totals, BM25 constants, the shards' separators (the shortest
//!   string that starts each shard's range of terms) and their set's hash,
//!   facet value labels, and the names of the other files.
//! - `terms-<n>.<hash>.bin`: term shards, packed by their gzip bytes, all
//!   with the same hash (of the whole set).
//!   Terms sorted and front-coded; per term its head: the document count,
//!   facet counts and either every document (delta + varint, and for each
//!   field the document has the term in, the frequency and field norm id)
//!   or, for a term in more than ten, each field's document count and its
//!   ten best documents. A shard also carries the display records of those
//!   best documents, so a one-word query's first page needs only its
//!   shard, never another term's postings.
//! - `postings-<n>.<hash>.bin`: every document of the terms in more than
//!   ten, for longer queries, filtered ones and later pages.
//! - `facets.<hash>.bin`: every document's facet values, fetched only for
//!   filtered or multi-term queries (alongside their shards).
//! - `docs-<n>.<hash>.bin`: display records of every document, in chunks,
//!   for results a shard does not carry.
//!
//! The file count grows with shards, not with documents: the term shards
//! are packed to a size on the wire (a few tens of KB), so their number
//! follows the vocabulary; every other kind of file shares a budget of
//! 10 + N/100, including `index.html`.

use super::index::SearchIndex;
use super::schema::{FACETS, PREFIX_MAX_TERMS, PREFIX_MIN_CHARS, PREFIX_WEIGHT, TEXT_FIELDS};
use super::spelling;
use super::term_ranges::{self, TermRange};
use crate::content::vocabulary::Kind;
use crate::model::money;
use crate::model::{CaseStudyId, Route, Site};
use crate::output::OutputFile;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::Write;
use tantivy::postings::{Postings, TermInfo};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

/// Display records per chunk file.
const DOCS_PER_CHUNK: usize = 400;
/// Display records carried in a shard for each of its terms.
const TOP_PER_TERM: usize = 10;
/// The smallest postings file worth a request of its own (raw bytes).
const MIN_SHARD_BYTES: usize = 64 * 1024;
/// What a term shard is packed to, in gzip bytes. A one-word query's first
/// ten results come from the page (about 3 KB), its scripts and stylesheet
/// (31 KB), the manifest (3 KB at 10,000 case studies, more with more
/// shards) and one shard, within the search budget of 80 KB at 10,000
/// case studies and 100 KB at 100,000.
const SHARD_TARGET_GZIP: usize = 28 * 1024;
/// No term shard is larger than this (gzip), unless one term's head alone is.
const SHARD_MAX_GZIP: usize = 36 * 1024;

pub struct Export {
    pub files: Vec<OutputFile>,
    /// Site path of the manifest, e.g. `/search/meta.0123456789.bin`.
    pub manifest_path: String,
}

/// One field's postings for a term: (case study id, term frequency, field norm id).
type FieldPostings = Vec<(u32, u32, u8)>;

/// One term with its merged postings, encoded.
struct EncodedTerm {
    term: String,
    df_sum: u64,
    /// What a one-word query's first page needs, in the term's shard: the
    /// document count, the facet counts and then, when the term has more
    /// than `TOP_PER_TERM` documents, each field's document count and the
    /// best documents' rows; otherwise every document's row.
    head: Vec<u8>,
    /// Every document's row, in a postings file, only for a term with more
    /// than `TOP_PER_TERM` documents (the head holds all of a smaller one's).
    postings: Option<Vec<u8>>,
    /// Best documents for this term alone, for the shard's display records.
    top: Vec<u32>,
}

/// How many files hold the term positions, which only a phrase query needs.
pub fn positions_files(budget: usize) -> usize {
    (budget / 8).max(1)
}

/// How many files `/search/` may hold for `n` documents (with `index.html`),
/// apart from the term shards, which are as many as the vocabulary needs.
pub fn file_budget(n: usize) -> usize {
    10 + n / 100
}

/// Where the export's files go as they are made: to the build's output,
/// so that a large site's search files are not all held until the end
/// (at 100,000 case studies they were part of the build's peak).
pub struct Files<'a> {
    put: &'a (dyn Fn(OutputFile) -> tantivy::Result<()> + Sync),
}

impl Files<'_> {
    pub(super) fn push(&mut self, file: OutputFile) -> tantivy::Result<()> {
        (self.put)(file)
    }
}

/// The export with every file in memory (the dev server compares them).
pub fn export(site: &Site, index: &SearchIndex) -> tantivy::Result<Export> {
    let collected = std::sync::Mutex::new(Vec::new());
    let manifest_path = export_into(site, index, &|file| {
        collected
            .lock()
            .map_err(|_| internal("the search files", "a writer panicked"))?
            .push(file);
        Ok(())
    })?;
    Ok(Export {
        files: collected
            .into_inner()
            .map_err(|_| internal("the search files", "a writer panicked"))?,
        manifest_path,
    })
}

/// Writes every search file through `put`, as it is made; returns the
/// manifest's site path (see [`Export::manifest_path`]).
pub fn export_into(
    site: &Site,
    index: &SearchIndex,
    put: &(dyn Fn(OutputFile) -> tantivy::Result<()> + Sync),
) -> tantivy::Result<String> {
    let facets = FacetTable::new(site, index)?;
    let budget = file_budget(site.all_case_studies().len());
    let field_tokens = field_tokens(index)?;
    // The terms are read a run at a time twice: by document count for the
    // shards, by positions for the phrase files.
    let by_docs = |info: &TermInfo| u64::from(info.doc_freq);
    let cuts = [
        term_ranges::Cut {
            max: TERM_RUNS,
            weight: &by_docs,
        },
        term_ranges::Cut {
            max: positions_files(budget),
            weight: &super::positions::size,
        },
    ];
    let [term_runs, position_runs] = term_ranges::split(index, &cuts)?;
    let terms = read_terms(index, &facets, &field_tokens, &term_runs)?;
    // Each result's record as JSON bytes, made once: the result chunks and
    // the term shards both carry them.
    let records: Vec<Vec<u8>> = (0..site.all_case_studies().len())
        .into_par_iter()
        .map(|i| display_record(site, &facets, i))
        .collect::<tantivy::Result<_>>()?;
    let mut files = Files { put };
    let doc_files = write_doc_chunks(&records, &mut files)?;
    let facets_file = write_file(
        "facets",
        facets.packed_docs(&index.annual_savings),
        &mut files,
    )?;
    let organisations = serde_json::to_vec(&organisation_records(site))
        .map_err(|e| internal("the organisations", e))?;
    let organisations_file = write_file("organisations", organisations, &mut files)?;
    let spelling = write_spelling(&index.spelling, (budget / 20).clamp(1, 26), &mut files)?;
    // index.html, the manifest, the facet table, the organisations, the
    // chunks, the word lists and the positions (for phrases, fetched only
    // for a quoted query) take their share.
    let others = budget
        .saturating_sub(4 + doc_files.len() + spelling.len() + positions_files(budget))
        .max(1);
    let (shard_firsts, postings) = write_shards(&terms, &records, others / 3, &mut files)?;
    // Every term's postings and every result record are the largest things
    // the export holds; the positions do not need them.
    drop(terms);
    drop(records);
    let positions = super::positions::write(index, &position_runs, &mut files)?;
    let written = Written {
        shards: shard_firsts,
        postings,
        docs: doc_files,
        facets: facets_file,
        organisations: organisations_file,
        spelling,
        positions,
    };
    let manifest = manifest(site, index, &facets, &field_tokens, written);
    let manifest_bytes = serde_json::to_vec(&manifest).map_err(|e| internal("the manifest", e))?;
    let name = write_file("meta", manifest_bytes, &mut files)?;
    Ok(site.path(&Route::SearchFile(format!("search/{name}"))))
}

/// The names of the files the manifest points to.
struct Written {
    shards: TermShards,
    /// (first term, file) of each postings file.
    postings: Vec<(String, String)>,
    docs: Vec<String>,
    facets: String,
    organisations: String,
    spelling: Vec<SpellingFile>,
    positions: Vec<super::positions::PositionsFile>,
}

/// One part of the word list for spelling suggestions: every word whose
/// first letter is from `first` up to the next part's.
#[derive(Serialize)]
struct SpellingFile {
    first: String,
    file: String,
}

/// Writes the word list in at most `max_files` parts of similar size, a
/// first letter never split between two (a suggestion keeps the first
/// letter, so a word needs one part). Each part is JSON: `[[word, term,
/// case studies]]`, the term empty when it is the word itself.
fn write_spelling(
    known: &[spelling::Known],
    max_files: usize,
    files: &mut Files,
) -> tantivy::Result<Vec<SpellingFile>> {
    let first = |k: &spelling::Known| k.word.chars().next().unwrap_or(' ');
    let size = |k: &spelling::Known| k.word.len() * 2 + 8;
    let target = known.iter().map(size).sum::<usize>() / max_files.max(1) + 1;
    let mut parts: Vec<Vec<&spelling::Known>> = vec![Vec::new()];
    let mut acc = 0;
    for (i, k) in known.iter().enumerate() {
        let new_letter = i > 0 && first(&known[i - 1]) != first(k);
        if new_letter && acc >= target && parts.len() < max_files {
            parts.push(Vec::new());
            acc = 0;
        }
        acc += size(k);
        if let Some(part) = parts.last_mut() {
            part.push(k);
        }
    }
    let mut out = Vec::new();
    for (n, part) in parts.iter().enumerate() {
        let rows: Vec<serde_json::Value> = part
            .iter()
            .map(|k| {
                let term = if k.term == k.word { "" } else { &k.term };
                serde_json::json!([k.word, term, k.docs])
            })
            .collect();
        let bytes = serde_json::to_vec(&rows).map_err(|e| internal("the word list", e))?;
        let file = write_file(&format!("words-{n}"), bytes, files)?;
        let first = part
            .first()
            .map(|k| first(k).to_string())
            .unwrap_or_default();
        out.push(SpellingFile { first, file });
    }
    Ok(out)
}

/// Encoding into memory cannot fail; if it ever did, the build must fail
/// (as an internal error) rather than publish an empty search file.
fn internal(what: &str, e: impl std::fmt::Display) -> tantivy::TantivyError {
    tantivy::TantivyError::InternalError(format!("cannot encode {what}: {e}"))
}

/// Writes one search file, gzipped, through `files`; returns its name.
fn write_file(stem: &str, bytes: Vec<u8>, files: &mut Files) -> tantivy::Result<String> {
    let (name, file) = gzip_file(stem, bytes, GZIP_LEVEL)?;
    files.push(file)?;
    Ok(name)
}

/// A search file: named by the hash of its content, stored gzipped.
pub(super) fn gzip_file(
    stem: &str,
    bytes: Vec<u8>,
    level: u32,
) -> tantivy::Result<(String, OutputFile)> {
    let name = hashed_name(stem, &bytes);
    let file = OutputFile {
        path: format!("search/{name}"),
        bytes: gzip_at(&bytes, level).map_err(|e| internal("a search file", e))?,
    };
    Ok((name, file))
}

/// Facet values of every document as indices into one list of all values
/// (kinds in `FACETS` order).
struct FacetTable {
    /// Per kind: (slug, label) of every value.
    values: Vec<Vec<(String, String)>>,
    /// Per document, per kind: indices within the kind.
    docs: Vec<[Vec<u8>; FACETS.len()]>,
    /// The same as global indices, every document's in one flat list
    /// (document `d`'s are `flat[starts[d]..starts[d + 1]]`): every posting
    /// of every term counts its document's values, and at 100,000
    /// documents chasing each one's lists was a fifth of the export.
    flat: Vec<u16>,
    starts: Vec<u32>,
}

impl FacetTable {
    /// Fails when a vocabulary has more values than the one-byte indices of
    /// the export format can name (255 a kind), rather than wrap.
    fn new(site: &Site, index: &SearchIndex) -> tantivy::Result<FacetTable> {
        let kinds = [
            Kind::Function,
            Kind::Region,
            Kind::Model,
            Kind::OrganisationType,
        ];
        let fixed = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(s, l)| ((*s).to_owned(), (*l).to_owned()))
                .collect()
        };
        let mut values: Vec<Vec<(String, String)>> = kinds
            .iter()
            .map(|k| {
                site.vocabulary()
                    .terms(*k)
                    .iter()
                    .map(|t| (t.slug.to_string(), t.label.clone()))
                    .collect()
            })
            .collect();
        values.push(fixed(&crate::content::case_study::STATUS_LABELS));
        values.push(fixed(&crate::content::case_study::TIER_LABELS));
        if let Some((k, v)) = FACETS.iter().zip(&values).find(|(_, v)| v.len() > 255) {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "the {k} vocabulary has {} terms; search can filter on at most 255",
                v.len()
            )));
        }
        let mut offsets = Vec::new();
        let mut at = 0;
        for v in &values {
            offsets.push(at);
            at += v.len();
        }
        let docs: Vec<[Vec<u8>; FACETS.len()]> = index
            .facet_values
            .iter()
            .map(|doc| {
                std::array::from_fn(|k| {
                    doc[k]
                        .iter()
                        .filter_map(|slug| values[k].iter().position(|(s, _)| s == slug))
                        .filter_map(|i| u8::try_from(i).ok())
                        .collect()
                })
            })
            .collect();
        let mut flat = Vec::new();
        let mut starts = Vec::with_capacity(docs.len() + 1);
        for of_doc in &docs {
            starts.push(u32::try_from(flat.len()).map_err(|e| internal("the facet table", e))?);
            for (k, vals) in of_doc.iter().enumerate() {
                for v in vals {
                    let global = offsets[k] + usize::from(*v);
                    flat.push(u16::try_from(global).map_err(|e| internal("the facet table", e))?);
                }
            }
        }
        starts.push(u32::try_from(flat.len()).map_err(|e| internal("the facet table", e))?);
        Ok(FacetTable {
            values,
            docs,
            flat,
            starts,
        })
    }

    /// Per kind, per document: how many values, then their indices.
    /// Each kind's values per document, then per document its largest
    /// annual saving achieved and projected in pence (varints, 0: none).
    fn packed_docs(&self, annual_savings: &[[u64; 2]]) -> Vec<u8> {
        let mut out = Vec::new();
        for k in 0..FACETS.len() {
            for doc in &self.docs {
                // At most one value per vocabulary term: 255 (checked above).
                out.push(u8::try_from(doc[k].len()).unwrap_or(u8::MAX));
                out.extend_from_slice(&doc[k]);
            }
        }
        for pair in annual_savings {
            for pence in pair {
                put_varint(&mut out, *pence);
            }
        }
        out
    }

    /// Global value indices of one document.
    fn global(&self, doc: u32) -> impl Iterator<Item = usize> + '_ {
        let d = doc as usize;
        let (a, b) = (self.starts[d] as usize, self.starts[d + 1] as usize);
        self.flat[a..b].iter().map(|&v| usize::from(v))
    }
}

fn field_tokens(index: &SearchIndex) -> tantivy::Result<Vec<u64>> {
    let searcher = index.reader.searcher();
    let mut out = Vec::new();
    for (field, _) in &index.schema.text {
        let mut total = 0;
        for segment in searcher.segment_readers() {
            total += segment.inverted_index(*field)?.total_num_tokens();
        }
        out.push(total);
    }
    Ok(out)
}

/// How many runs of terms the export reads one at a time (see
/// `term_ranges`): every field's postings at once were the 100,000 build's
/// peak (about 500 MB beside the model).
const TERM_RUNS: usize = 64;

/// Every field's terms with their postings (from every segment), merged
/// into one sorted list of encoded terms, a run of terms at a time.
fn read_terms(
    index: &SearchIndex,
    facets: &FacetTable,
    field_tokens: &[u64],
    runs: &[TermRange],
) -> tantivy::Result<Vec<EncodedTerm>> {
    let searcher = index.reader.searcher();
    let segments = searcher.segment_readers();
    let n: u32 = segments.iter().map(|s| s.max_doc()).sum();
    let fields: Vec<tantivy::schema::Field> = index.schema.text.iter().map(|(f, _)| *f).collect();
    let avg = field_tokens
        .iter()
        .map(|&t| t as f32 / n.max(1) as f32)
        .collect();
    let stats = Stats { n, avg, facets };
    let encoded: Vec<Vec<EncodedTerm>> = runs
        .iter()
        .map(|run| {
            let per_field: Vec<Vec<(String, FieldPostings)>> = fields
                .par_iter()
                .map(|field| read_field(segments, *field, &index.case_study_of, run))
                .collect::<tantivy::Result<_>>()?;
            Ok(merge_fields(&per_field, &stats))
        })
        .collect::<tantivy::Result<_>>()?;
    Ok(encoded.into_iter().flatten().collect())
}

/// One field's terms in `run`, each with its postings from every segment,
/// sorted by term and by case study id.
fn read_field(
    segments: &[tantivy::SegmentReader],
    field: tantivy::schema::Field,
    case_study_of: &[u32],
    run: &TermRange,
) -> tantivy::Result<Vec<(String, FieldPostings)>> {
    let mut terms: std::collections::BTreeMap<String, FieldPostings> = Default::default();
    let mut base = 0usize;
    for segment in segments {
        let ii = segment.inverted_index(field)?;
        let norms = segment.get_fieldnorms_reader(field)?;
        let mut stream = term_ranges::stream(&ii, run)?;
        while stream.advance() {
            let Ok(key) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let mut postings =
                ii.read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
            let list = terms.entry(key.to_owned()).or_default();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let id = case_study_of[base + doc as usize];
                list.push((id, postings.term_freq(), norms.fieldnorm_id(doc)));
                doc = postings.advance();
            }
        }
        base += segment.max_doc() as usize;
    }
    Ok(terms
        .into_iter()
        .map(|(term, mut list)| {
            if !list.is_sorted_by_key(|p| p.0) {
                list.sort_unstable_by_key(|p| p.0);
            }
            (term, list)
        })
        .collect())
}

struct Stats<'a> {
    n: u32,
    avg: Vec<f32>,
    facets: &'a FacetTable,
}

/// Merges the fields' sorted term lists (k-way, by term) and encodes each
/// term, the terms on every core (each is encoded on its own).
fn merge_fields(per_field: &[Vec<(String, FieldPostings)>], stats: &Stats) -> Vec<EncodedTerm> {
    let mut cursors = vec![0usize; per_field.len()];
    let mut merged = Vec::new();
    loop {
        let next = per_field
            .iter()
            .zip(&cursors)
            .filter_map(|(terms, c)| terms.get(*c).map(|(t, _)| t.as_str()))
            .min();
        let Some(term) = next.map(str::to_owned) else {
            break;
        };
        let lists: Vec<Option<&FieldPostings>> = per_field
            .iter()
            .zip(cursors.iter_mut())
            .map(|(terms, c)| match terms.get(*c) {
                Some((t, list)) if *t == term => {
                    *c += 1;
                    Some(list)
                }
                _ => None,
            })
            .collect();
        merged.push((term, lists));
    }
    merged
        .into_par_iter()
        .map(|(term, lists)| encode_term(term, &lists, stats))
        .collect()
}

/// Per term: document count, facet counts, then each document (see
/// [`EncodedTerm`] for what goes in the head and what in the postings).
fn encode_term(term: String, lists: &[Option<&FieldPostings>], stats: &Stats) -> EncodedTerm {
    let df_sum: u64 = lists.iter().flatten().map(|l| l.len() as u64).sum();
    let mut cursors = vec![0usize; lists.len()];
    let mut docs_bytes = Vec::new();
    // (score, doc, where its row starts and ends in `docs_bytes`, after the gap).
    let mut scores: Vec<(f32, u32, usize, usize)> = Vec::new();
    let mut histogram = vec![0u32; stats.facets.values.iter().map(Vec::len).sum()];
    let mut previous = 0u32;
    loop {
        let doc = lists
            .iter()
            .zip(&cursors)
            .filter_map(|(l, c)| l.and_then(|l| l.get(*c)).map(|p| p.0))
            .min();
        let Some(doc) = doc else { break };
        put_varint(&mut docs_bytes, u64::from(doc - previous));
        previous = doc;
        let mask_at = docs_bytes.len();
        docs_bytes.push(0);
        let mut mask = 0u8;
        let mut score: Option<f32> = None;
        for (f, list) in lists.iter().enumerate() {
            let Some(list) = list else { continue };
            let c = &mut cursors[f];
            if let Some(&(d, tf, norm)) = list.get(*c)
                && d == doc
            {
                *c += 1;
                mask |= 1 << f;
                put_varint(&mut docs_bytes, u64::from(tf));
                docs_bytes.push(norm);
                let s = selection_score(list.len() as u64, stats, f, tf, norm);
                score = Some(score.map_or(s, |sum| sum + s));
            }
        }
        docs_bytes[mask_at] = mask;
        for v in stats.facets.global(doc) {
            histogram[v] += 1;
        }
        scores.push((score.unwrap_or(0.0), doc, mask_at, docs_bytes.len()));
    }
    let mut head = Vec::with_capacity(64);
    put_varint(&mut head, scores.len() as u64);
    let nonzero: Vec<(usize, u32)> = histogram
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(v, c)| (v, *c))
        .collect();
    put_varint(&mut head, nonzero.len() as u64);
    for (v, c) in nonzero {
        put_varint(&mut head, v as u64);
        put_varint(&mut head, u64::from(c));
    }
    let complete = scores.len() <= TOP_PER_TERM;
    let postings = if complete {
        head.extend_from_slice(&docs_bytes);
        None
    } else {
        // The postings file repeats the count (its facet counts are in the
        // head), so that a reader decodes both with one function.
        let mut all = Vec::with_capacity(docs_bytes.len() + 8);
        put_varint(&mut all, scores.len() as u64);
        put_varint(&mut all, 0);
        all.extend_from_slice(&docs_bytes);
        Some(all)
    };
    // The best first, as the browser ranks a one-word query: by score, then
    // id (a total order: ids are unique). Only the first page is kept, so
    // it is selected before it is sorted: sorting every document of a
    // common term was a large part of the export at 100,000.
    let by_rank = |a: &(f32, u32, usize, usize), b: &(f32, u32, usize, usize)| {
        b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
    };
    if scores.len() > TOP_PER_TERM {
        scores.select_nth_unstable_by(TOP_PER_TERM - 1, by_rank);
        scores.truncate(TOP_PER_TERM);
    }
    scores.sort_by(by_rank);
    if !complete {
        // Each field's document count (for idf), then the best documents'
        // rows in document order, gaps as in the postings.
        for list in lists {
            put_varint(&mut head, list.map_or(0, |l| l.len() as u64));
        }
        let mut best = scores.clone();
        best.sort_by_key(|s| s.1);
        let mut previous = 0u32;
        for (_, doc, from, to) in best {
            put_varint(&mut head, u64::from(doc - previous));
            previous = doc;
            head.extend_from_slice(&docs_bytes[from..to]);
        }
    }
    EncodedTerm {
        term,
        df_sum,
        head,
        postings,
        top: scores.iter().map(|s| s.1).collect(),
    }
}

/// BM25 as the browser engine computes it, operation for operation in
/// 32-bit floats (`engine.js` `score`), so that the best documents a head
/// carries are exactly the browser's first page for the term alone
/// (ranking itself is tantivy's, and the browser's, which agree).
fn selection_score(df: u64, stats: &Stats, field: usize, tf: u32, norm: u8) -> f32 {
    const K1: f32 = 1.2;
    const B: f32 = 0.75;
    let n = stats.n as f32;
    let df = df as f32;
    let x = ((n - df) + 0.5) / (df + 0.5);
    // The browser takes the logarithm in 64 bits and rounds it to 32.
    let idf = f64::from(1.0 + x).ln() as f32;
    let weight = (idf * (1.0 + K1)) * TEXT_FIELDS[field].1;
    let fieldnorm = tantivy::fieldnorm::FieldNormReader::id_to_fieldnorm(norm) as f32;
    let cache = K1 * ((1.0 - B) + (B * fieldnorm) / stats.avg[field].max(f32::MIN_POSITIVE));
    let tf = tf as f32;
    weight * (tf / (tf + cache))
}

/// (first term, file name) of a shard or postings file.
type FileFirst = (String, String);

/// Splits items into at most `max_parts` runs of similar weight (a heavy
/// item gets a run of its own), as (start, end) index pairs.
fn balance(weights: &[usize], max_parts: usize, min_part: usize) -> Vec<(usize, usize)> {
    let total: usize = weights.iter().sum();
    let target = (total / max_parts.max(1)).max(min_part);
    let mut bounds = Vec::new();
    let mut start = 0;
    let mut acc = 0;
    for (i, w) in weights.iter().enumerate() {
        if i > start && acc + w > target {
            bounds.push((start, i));
            start = i;
            acc = 0;
        }
        acc += w;
    }
    if start < weights.len() {
        bounds.push((start, weights.len()));
    }
    // Rounding can leave a few more runs than allowed: merge the lightest neighbours.
    let weight = |b: &(usize, usize)| weights[b.0..b.1].iter().sum::<usize>();
    while bounds.len() > max_parts.max(1) {
        let i = (0..bounds.len() - 1)
            .min_by_key(|&i| weight(&bounds[i]) + weight(&bounds[i + 1]))
            .unwrap_or(0);
        bounds[i].1 = bounds[i + 1].1;
        bounds.remove(i + 1);
    }
    bounds
}

/// How many bytes gzip leaves of `sample`, as a fraction (for weighing
/// shards by what they cost on the wire rather than by their raw size).
fn gzip_ratio(sample: &[u8]) -> f64 {
    if sample.is_empty() {
        return 1.0;
    }
    gzip(sample).map_or(1.0, |z| z.len() as f64 / sample.len() as f64)
}

/// Writes the term shards (every term's head and the display records its
/// first page shows) and the postings files (every document of the terms
/// with more than `TOP_PER_TERM`). A one-word query needs only its term's
/// shard, so the shards are sized by what they cost on the wire: packed to
/// about `SHARD_TARGET_GZIP` and never over `SHARD_MAX_GZIP` (gzip), a
/// display record counted once in a shard however many of its terms show
/// it. Their number grows with the vocabulary (every term's head is about
/// the same size, whatever the document count), not with the documents.
/// The postings, needed only by longer queries, filtered ones and later
/// pages, are split into at most `max_postings` files.
/// Returns the shards' names and separators, and the (first term, file) of
/// each postings file.
fn write_shards(
    terms: &[EncodedTerm],
    records: &[Vec<u8>],
    max_postings: usize,
    files: &mut Files,
) -> tantivy::Result<(TermShards, Vec<FileFirst>)> {
    let weights = shard_weights(terms, records);
    let total: usize = weights.iter().sum();
    let bounds = balance(&weights, total.div_ceil(SHARD_TARGET_GZIP).max(1), 0);
    let encoded: Vec<Vec<EncodedShard>> = bounds
        .into_par_iter()
        .map(|(a, b)| bounded_shards(terms, records, a, b))
        .collect::<tantivy::Result<_>>()?;
    let encoded: Vec<EncodedShard> = encoded.into_iter().flatten().collect();
    // One hash for the set, from every shard's own: the manifest then
    // names a shard by its number alone, which keeps it small when the
    // vocabulary needs hundreds of shards.
    let hashes: String = encoded.iter().map(|e| e.hash.as_str()).collect();
    let hash = crate::output::short_hash(hashes.as_bytes());
    let mut firsts = Vec::with_capacity(encoded.len());
    for (n, shard) in encoded.into_iter().enumerate() {
        let previous_last = shard.first.checked_sub(1).map(|i| terms[i].term.as_str());
        firsts.push(separator(previous_last, &terms[shard.first].term));
        files.push(OutputFile {
            path: format!("search/{}", shard_file_name(n, &hash)),
            bytes: shard.gzip,
        })?;
    }
    let postings = write_postings(terms, max_postings, files)?;
    Ok((TermShards { hash, firsts }, postings))
}

/// The term shards as the manifest lists them.
#[derive(Serialize)]
struct TermShards {
    /// The set's hash, in every shard's name (`shard_file_name`).
    hash: String,
    /// Per shard, the shortest string that sorts after the previous
    /// shard's last term and not after its own first: a term belongs in the
    /// last shard whose separator is not after it.
    firsts: Vec<String>,
}

fn shard_file_name(n: usize, hash: &str) -> String {
    format!("terms-{n}.{hash}.bin")
}

/// The shortest prefix of `first` that sorts after `previous_last` (which
/// sorts before `first`); all of `first` for the first shard.
fn separator(previous_last: Option<&str>, first: &str) -> String {
    let Some(last) = previous_last else {
        return first.to_owned();
    };
    first
        .char_indices()
        .map(|(i, c)| &first[..i + c.len_utf8()])
        .find(|prefix| *prefix > last)
        .unwrap_or(first)
        .to_owned()
}

/// Each term's estimated cost in a shard, in gzip bytes: its head, and the
/// display records it is the first in its shard to show. The shards are not
/// known while weighing, so a record is counted once per run of
/// `SHARD_TARGET_GZIP`, as a shard would count it; `bounded_shards` then
/// measures the real files.
fn shard_weights(terms: &[EncodedTerm], records: &[Vec<u8>]) -> Vec<usize> {
    // Ratios from a sample of the whole: heads are varints, records JSON.
    let sample = |parts: &mut dyn Iterator<Item = &[u8]>| -> Vec<u8> {
        parts.take(4000).flat_map(|p| p.iter().copied()).collect()
    };
    let head_ratio = gzip_ratio(&sample(&mut terms.iter().map(|t| t.head.as_slice())));
    let record_ratio = gzip_ratio(&sample(&mut records.iter().map(Vec::as_slice)));
    let mut weights = Vec::with_capacity(terms.len());
    let mut seen: std::collections::HashSet<u32> = Default::default();
    let mut run = 0usize;
    for t in terms {
        if run >= SHARD_TARGET_GZIP {
            seen.clear();
            run = 0;
        }
        let mut cost = (t.head.len() + t.term.len() + 4) as f64 * head_ratio;
        for id in &t.top {
            if seen.insert(*id) {
                cost += records.get(*id as usize).map_or(0, Vec::len) as f64 * record_ratio;
            }
        }
        let cost = cost as usize + 1;
        run += cost;
        weights.push(cost);
    }
    weights
}

/// One term shard: its first term's index, the hash of its bytes and
/// their gzip (the bytes themselves are not kept: at 100,000 case studies
/// every shard's raw bytes at once were the export's largest allocation).
struct EncodedShard {
    first: usize,
    hash: String,
    gzip: Vec<u8>,
}

/// Encodes `terms[a..b]` as one shard, or, when its gzip is over
/// `SHARD_MAX_GZIP` (the estimate was low: a small shard compresses less
/// well than the sample), as two halves, each split again as needed. A
/// single term is never split.
fn bounded_shards(
    terms: &[EncodedTerm],
    records: &[Vec<u8>],
    a: usize,
    b: usize,
) -> tantivy::Result<Vec<EncodedShard>> {
    let raw = encode_shard(&terms[a..b], records)?;
    let gzip = gzip(&raw).map_err(|e| internal("a search shard", e))?;
    if gzip.len() <= SHARD_MAX_GZIP || b - a < 2 {
        return Ok(vec![EncodedShard {
            first: a,
            hash: crate::output::short_hash(&raw),
            gzip,
        }]);
    }
    let middle = a + (b - a) / 2;
    let mut halves = bounded_shards(terms, records, a, middle)?;
    halves.extend(bounded_shards(terms, records, middle, b)?);
    Ok(halves)
}

/// Writes every row of the terms in more than `TOP_PER_TERM` documents in
/// at most `max_files` postings files of similar size.
fn write_postings(
    terms: &[EncodedTerm],
    max_files: usize,
    files: &mut Files,
) -> tantivy::Result<Vec<FileFirst>> {
    let with_postings: Vec<&EncodedTerm> = terms.iter().filter(|t| t.postings.is_some()).collect();
    if with_postings.is_empty() {
        return Ok(Vec::new());
    }
    let sizes: Vec<usize> = with_postings
        .iter()
        .map(|t| t.postings.as_ref().map_or(0, Vec::len) + t.term.len() + 8)
        .collect();
    let bounds = balance(&sizes, max_files.max(1), MIN_SHARD_BYTES);
    let postings: Vec<(String, String, OutputFile)> = bounds
        .into_par_iter()
        .enumerate()
        .map(|(n, (a, b))| {
            let part = &with_postings[a..b];
            let (name, file) =
                gzip_file(&format!("postings-{n}"), encode_postings(part), GZIP_LEVEL)?;
            Ok((part[0].term.clone(), name, file))
        })
        .collect::<tantivy::Result<_>>()?;
    let mut firsts = Vec::with_capacity(postings.len());
    for (first, name, file) in postings {
        files.push(file)?;
        firsts.push((first, name));
    }
    Ok(firsts)
}

/// Front-coded term table: per term the bytes shared with the previous
/// term, the suffix's length, the suffix, then `extra` numbers.
fn put_term_table<'a>(
    out: &mut Vec<u8>,
    terms: impl Iterator<Item = (&'a str, [u64; 2])>,
    with_df: bool,
) {
    let mut previous: &str = "";
    for (term, [df_sum, length]) in terms {
        let shared = common_prefix_len(previous, term);
        put_varint(out, shared as u64);
        put_varint(out, (term.len() - shared) as u64);
        out.extend_from_slice(&term.as_bytes()[shared..]);
        if with_df {
            put_varint(out, df_sum);
        }
        put_varint(out, length);
        previous = term;
    }
}

/// Shard layout: magic `CST3`, how many rows a head carries at most, how
/// many text fields (each field's document count is in a head), term
/// count, front-coded term table (shared prefix, suffix, df sum, head
/// length), the heads, then the display records (JSON `{"id": record}`) of
/// the best documents for these terms.
fn encode_shard(terms: &[EncodedTerm], records: &[Vec<u8>]) -> tantivy::Result<Vec<u8>> {
    let mut out = b"CST3".to_vec();
    put_varint(&mut out, TOP_PER_TERM as u64);
    put_varint(&mut out, TEXT_FIELDS.len() as u64);
    put_varint(&mut out, terms.len() as u64);
    put_term_table(
        &mut out,
        terms
            .iter()
            .map(|t| (t.term.as_str(), [t.df_sum, t.head.len() as u64])),
        true,
    );
    for t in terms {
        out.extend_from_slice(&t.head);
    }
    let ids: BTreeSet<u32> = terms.iter().flat_map(|t| t.top.iter().copied()).collect();
    // Written by hand so that the records' JSON is the one weighed above.
    out.push(b'{');
    let mut first = true;
    for id in ids {
        let Some(record) = records.get(id as usize) else {
            continue;
        };
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(format!("\"{id}\":").as_bytes());
        out.extend_from_slice(record);
    }
    out.push(b'}');
    Ok(out)
}

/// Postings file layout: magic `CSP1`, term count, front-coded term table
/// (shared prefix, suffix, postings length), then the postings.
fn encode_postings(terms: &[&EncodedTerm]) -> Vec<u8> {
    let mut out = b"CSP1".to_vec();
    put_varint(&mut out, terms.len() as u64);
    let postings = |t: &EncodedTerm| t.postings.as_deref().unwrap_or(&[]).len() as u64;
    put_term_table(
        &mut out,
        terms.iter().map(|t| (t.term.as_str(), [0, postings(t)])),
        false,
    );
    for t in terms {
        out.extend_from_slice(t.postings.as_deref().unwrap_or(&[]));
    }
    out
}

pub(super) fn common_prefix_len(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .map(|((i, x), _)| i + x.len_utf8())
        .last()
        .unwrap_or(0)
}

fn write_doc_chunks(records: &[Vec<u8>], files: &mut Files) -> tantivy::Result<Vec<String>> {
    let chunks: Vec<(String, OutputFile)> = records
        .par_chunks(DOCS_PER_CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            // A JSON array of the records, as serde_json writes one.
            let mut json = Vec::with_capacity(chunk.iter().map(|r| r.len() + 1).sum::<usize>() + 1);
            json.push(b'[');
            for (n, record) in chunk.iter().enumerate() {
                if n > 0 {
                    json.push(b',');
                }
                json.extend_from_slice(record);
            }
            json.push(b']');
            gzip_file(&format!("docs-{i}"), json, GZIP_LEVEL)
        })
        .collect::<tantivy::Result<_>>()?;
    let mut names = Vec::with_capacity(chunks.len());
    for (name, file) in chunks {
        files.push(file)?;
        names.push(name);
    }
    Ok(names)
}

/// Every organisation for the search page's "Organisations" results:
/// [name, address (as in `display_record`), other names from the register
/// (former names included), what it is, how many arrangements]. A few
/// hundred bytes per organisation, fetched when a query is typed.
fn organisation_records(site: &Site) -> Vec<serde_json::Value> {
    site.all_organisations()
        .iter()
        .map(|o| {
            let route = Route::Organisation(o.id);
            let other_names = o
                .council
                .map(|c| c.other_names.join("; "))
                .unwrap_or_default();
            let what = o.what(site.vocabulary());
            serde_json::json!([
                o.name,
                site.path(&route).trim_start_matches('/'),
                other_names,
                what,
                o.case_studies.len()
            ])
        })
        .collect()
}

/// What a result shows: [title, address, partners, headline saving,
/// summary, function value indices, region value indices]. The address is
/// the route's path without its leading `/`: the engine puts the manifest's
/// base path before it, so the model alone decides where pages live.
fn display_record(site: &Site, facets: &FacetTable, id: usize) -> tantivy::Result<Vec<u8>> {
    let route = Route::CaseStudy(CaseStudyId::new(id));
    let c = site.case_study(CaseStudyId::new(id));
    let partners: Vec<&str> = c.matter.partners.iter().map(|p| p.name.as_str()).collect();
    let headline = money::headline(&c.matter.savings)
        .map(|h| {
            money::headline_words(h, &c.matter.functions, |f| {
                site.vocabulary().label(Kind::Function, f)
            })
        })
        .unwrap_or_default();
    let [functions, regions, ..] = &facets.docs[id];
    serde_json::to_vec(&serde_json::json!([
        c.matter.title,
        site.path(&route).trim_start_matches('/'),
        partners.join(", "),
        headline,
        c.matter.summary,
        functions,
        regions
    ]))
    .map_err(|e| internal("search results", e))
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    n: usize,
    k1: f32,
    b: f32,
    fields: Vec<FieldInfo>,
    shards: TermShards,
    postings: Vec<ShardInfo>,
    docs: DocsInfo,
    facets: Vec<FacetInfo>,
    facets_file: String,
    organisations_file: String,
    stop_words: &'static [&'static str],
    thesaurus: std::collections::BTreeMap<String, Vec<String>>,
    thesaurus_weight: f32,
    prefix: PrefixInfo,
    spelling: SpellingInfo<'a>,
    /// Term positions, for phrases: like the shards, by first term.
    positions: Vec<super::positions::PositionsFile>,
    base_path: &'a str,
}

#[derive(Serialize)]
struct FieldInfo {
    name: &'static str,
    boost: f32,
    tokens: u64,
}

#[derive(Serialize)]
struct ShardInfo {
    first: String,
    file: String,
}

#[derive(Serialize)]
struct DocsInfo {
    per_chunk: usize,
    files: Vec<String>,
}

#[derive(Serialize)]
struct FacetInfo {
    kind: &'static str,
    values: Vec<(String, String)>,
}

#[derive(Serialize)]
struct PrefixInfo {
    weight: f32,
    min_chars: usize,
    max_terms: usize,
}

/// What the browser needs to suggest spellings as [`spelling`] does.
#[derive(Serialize)]
struct SpellingInfo<'a> {
    min_chars: usize,
    /// The most edits for a word of each length (the index), the last
    /// applying to longer words too.
    max_edits: Vec<usize>,
    files: Vec<SpellingFile>,
    /// What `spelling::us_endings` is built from, for the browser to build
    /// the same list.
    us_spellings: UsSpellings,
    /// US-spelled words taken as typed (`spelling::spelled_as_typed`).
    as_typed: &'a [String],
}

#[derive(Serialize)]
struct UsSpellings {
    endings: &'static [(&'static str, &'static str)],
    min_before_ending: usize,
    roots: &'static [(&'static str, &'static str)],
    inflections: &'static [&'static str],
}

fn manifest<'a>(
    site: &'a Site,
    index: &'a SearchIndex,
    facets: &FacetTable,
    field_tokens: &[u64],
    written: Written,
) -> Manifest<'a> {
    Manifest {
        version: 4,
        n: site.all_case_studies().len(),
        k1: 1.2,
        b: 0.75,
        fields: TEXT_FIELDS
            .iter()
            .zip(field_tokens)
            .map(|((name, boost), tokens)| FieldInfo {
                name,
                boost: *boost,
                tokens: *tokens,
            })
            .collect(),
        shards: written.shards,
        postings: written
            .postings
            .into_iter()
            .map(|(first, file)| ShardInfo { first, file })
            .collect(),
        docs: DocsInfo {
            per_chunk: DOCS_PER_CHUNK,
            files: written.docs,
        },
        facets: FACETS
            .iter()
            .zip(&facets.values)
            .map(|(kind, values)| FacetInfo {
                kind,
                values: values.clone(),
            })
            .collect(),
        facets_file: written.facets,
        organisations_file: written.organisations,
        stop_words: &super::schema::STOP_WORDS,
        thesaurus: super::schema::thesaurus_terms(&site.settings().thesaurus),
        thesaurus_weight: super::schema::THESAURUS_WEIGHT,
        prefix: PrefixInfo {
            weight: PREFIX_WEIGHT,
            min_chars: PREFIX_MIN_CHARS,
            max_terms: PREFIX_MAX_TERMS,
        },
        positions: written.positions,
        spelling: SpellingInfo {
            min_chars: spelling::MIN_CHARS,
            max_edits: (0..=8).map(spelling::max_edits).collect(),
            files: written.spelling,
            us_spellings: UsSpellings {
                endings: &spelling::PRODUCTIVE_ENDINGS,
                min_before_ending: spelling::MIN_BEFORE_ENDING,
                roots: &spelling::US_ROOTS,
                inflections: &spelling::ROOT_INFLECTIONS,
            },
            as_typed: &index.spelled_as_typed,
        },
        base_path: site.base_path(),
    }
}

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The gzip level of the search files: the shards a first query fetches
/// are 20% smaller than at level 1 and 5% smaller than at level 4.
const GZIP_LEVEL: u32 = 6;

/// The gzip level of the positions files, which only a quoted phrase and
/// the passages fetch: their numbers compress poorly, and level 6 took
/// three times as long as level 4 on them for 2% fewer bytes.
pub(super) const POSITIONS_GZIP_LEVEL: u32 = 4;

/// Deterministic gzip: no timestamp, no file name, the search files' level.
pub fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    gzip_at(bytes, GZIP_LEVEL)
}

/// Deterministic gzip at a fixed level.
fn gzip_at(bytes: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn hashed_name(stem: &str, bytes: &[u8]) -> String {
    format!("{stem}.{}.bin", crate::output::short_hash(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_separator_is_the_shortest_prefix_after_the_previous_shard() {
        assert_eq!(separator(None, "abbey"), "abbey");
        assert_eq!(separator(Some("abbey"), "abhorr"), "abh");
        assert_eq!(separator(Some("ab"), "abc"), "abc");
        assert_eq!(separator(Some("zeal"), "\u{e9}t\u{e9}"), "\u{e9}");
        for (last, first) in [("car", "card"), ("a", "b"), ("m\u{fc}", "m\u{fc}ll")] {
            let s = separator(Some(last), first);
            assert!(
                last < s.as_str() && s.as_str() <= first,
                "{last} < {s} <= {first}"
            );
        }
    }

    #[test]
    fn varints() {
        let mut v = Vec::new();
        put_varint(&mut v, 300);
        assert_eq!(v, vec![0xac, 0x02]);
    }

    #[test]
    fn front_coding_prefix() {
        assert_eq!(common_prefix_len("recycl", "recycling"), 6);
        assert_eq!(common_prefix_len("", "a"), 0);
        assert_eq!(common_prefix_len("café", "cafés"), 5);
    }

    #[test]
    fn gzip_is_deterministic() {
        assert_eq!(
            gzip(b"hello hello hello").ok(),
            gzip(b"hello hello hello").ok()
        );
    }
}
