//! Exports the tantivy index as static files for the browser engine.
//!
//! Read straight from tantivy: every field's term dictionary, postings with
//! term frequencies, and one-byte field norms. Written as a small number of
//! gzip files under `/search/` with content-hashed names:
//!
//! - `meta.<hash>.bin`: the manifest (JSON): document count, field boosts and
//!   token totals, BM25 constants, the first term of each shard, the facet
//!   values of every document, and the display chunk names.
//! - `terms-<n>.<hash>.bin`: term shards. Terms sorted, front-coded; per term
//!   the documents (delta + varint), and for each field the document has the
//!   term in: its frequency and field norm id. Each shard also carries the
//!   display records of the ten best documents for each of its terms, so a
//!   one-word query needs no further request.
//! - `docs-<n>.<hash>.bin`: display records (title, slug, partners,
//!   headline, summary) for every document, in chunks.
//!
//! The file count grows with shards, not with documents.

use super::index::SearchIndex;
use super::schema::{
    FACETS, FUZZY_MIN_CHARS, FUZZY_WEIGHT, PREFIX_MAX_TERMS, PREFIX_MIN_CHARS, PREFIX_WEIGHT,
    TEXT_FIELDS,
};
use crate::content::vocabulary::Kind;
use crate::model::Site;
use crate::model::money;
use crate::render::OutputFile;
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::Write;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

/// Aim for shards of about this many (uncompressed) bytes.
const SHARD_TARGET_BYTES: usize = 96 * 1024;
/// Display records per chunk file.
const DOCS_PER_CHUNK: usize = 500;
/// Display records carried in a shard for each of its terms.
const TOP_PER_TERM: usize = 10;

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
    postings: Vec<u8>,
    /// Best documents for this term alone, for the shard's display records.
    top: Vec<u32>,
}

pub fn export(site: &Site, index: &SearchIndex) -> tantivy::Result<Export> {
    let (terms, field_tokens) = read_terms(index)?;
    let display: Vec<serde_json::Value> = (0..site.case_studies.len())
        .map(|i| display_record(site, i))
        .collect();
    let mut files = Vec::new();
    let doc_files = write_doc_chunks(&display, &mut files);
    let shard_firsts = write_shards(&terms, &display, &mut files);
    let manifest = manifest(site, index, &field_tokens, &shard_firsts, &doc_files);
    let manifest_bytes = serde_json::to_vec(&manifest).unwrap_or_default();
    let name = hashed_name("meta", &manifest_bytes);
    files.push(OutputFile {
        path: format!("search/{name}"),
        bytes: gzip(&manifest_bytes),
    });
    Ok(Export {
        files,
        manifest_path: format!("/search/{name}"),
    })
}

/// Per field, per term, merged into one sorted list of terms.
fn read_terms(index: &SearchIndex) -> tantivy::Result<(Vec<EncodedTerm>, Vec<u64>)> {
    let searcher = index.reader.searcher();
    let segment = match searcher.segment_readers() {
        [one] => one,
        [] => return Ok((Vec::new(), vec![0; TEXT_FIELDS.len()])),
        _ => {
            return Err(tantivy::TantivyError::InvalidArgument(
                "the search index must have one segment".into(),
            ));
        }
    };
    let n = segment.max_doc();
    let map = &index.case_study_of;
    let mut per_field: Vec<Vec<(String, FieldPostings)>> = Vec::new();
    let mut field_tokens = Vec::new();
    let mut avg = Vec::new();
    for (field, _) in &index.schema.text {
        let ii = segment.inverted_index(*field)?;
        let norms = segment.get_fieldnorms_reader(*field)?;
        field_tokens.push(ii.total_num_tokens());
        avg.push(ii.total_num_tokens() as f32 / n.max(1) as f32);
        let mut terms = Vec::new();
        let mut stream = ii.terms().stream()?;
        while stream.advance() {
            let Ok(key) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let mut postings =
                ii.read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
            let mut list = Vec::with_capacity(stream.value().doc_freq as usize);
            let mut doc = postings.doc();
            while doc != TERMINATED {
                list.push((
                    map[doc as usize],
                    postings.term_freq(),
                    norms.fieldnorm_id(doc),
                ));
                doc = postings.advance();
            }
            list.sort_unstable_by_key(|p| p.0);
            terms.push((key.to_owned(), list));
        }
        per_field.push(terms);
    }
    Ok((merge_fields(per_field, n, &avg), field_tokens))
}

/// Merges the fields' sorted term lists into one, encoding each term.
fn merge_fields(
    per_field: Vec<Vec<(String, FieldPostings)>>,
    n: u32,
    avg: &[f32],
) -> Vec<EncodedTerm> {
    let all: BTreeSet<&str> = per_field
        .iter()
        .flatten()
        .map(|(t, _)| t.as_str())
        .collect();
    let mut cursors = vec![0usize; per_field.len()];
    let mut out = Vec::with_capacity(all.len());
    for term in all {
        let mut lists: Vec<Option<&FieldPostings>> = Vec::with_capacity(per_field.len());
        for (f, terms) in per_field.iter().enumerate() {
            let c = &mut cursors[f];
            if terms.get(*c).is_some_and(|(t, _)| t == term) {
                lists.push(Some(&terms[*c].1));
                *c += 1;
            } else {
                lists.push(None);
            }
        }
        out.push(encode_term(term, &lists, n, avg));
    }
    out
}

fn encode_term(term: &str, lists: &[Option<&FieldPostings>], n: u32, avg: &[f32]) -> EncodedTerm {
    let df_sum: u64 = lists.iter().flatten().map(|l| l.len() as u64).sum();
    let docs: BTreeSet<u32> = lists
        .iter()
        .flatten()
        .flat_map(|l| l.iter().map(|p| p.0))
        .collect();
    let mut cursors = vec![0usize; lists.len()];
    let mut bytes = Vec::new();
    let mut scores: Vec<(f32, u32)> = Vec::with_capacity(docs.len());
    put_varint(&mut bytes, docs.len() as u64);
    let mut previous = 0u32;
    for doc in docs {
        put_varint(&mut bytes, u64::from(doc - previous));
        previous = doc;
        let mut mask = 0u8;
        let mut fields = Vec::new();
        let mut score = 0f32;
        for (f, list) in lists.iter().enumerate() {
            let Some(list) = list else { continue };
            let c = &mut cursors[f];
            if list.get(*c).is_some_and(|p| p.0 == doc) {
                let (_, tf, norm) = list[*c];
                *c += 1;
                mask |= 1 << f;
                fields.push((tf, norm));
                score += selection_score(list.len() as u64, n, avg[f], TEXT_FIELDS[f].1, tf, norm);
            }
        }
        bytes.push(mask);
        for (tf, norm) in fields {
            put_varint(&mut bytes, u64::from(tf));
            bytes.push(norm);
        }
        scores.push((score, doc));
    }
    scores.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let top = scores.iter().take(TOP_PER_TERM).map(|s| s.1).collect();
    EncodedTerm {
        term: term.to_owned(),
        df_sum,
        postings: bytes,
        top,
    }
}

/// BM25 as tantivy computes it, used only to choose which display records a
/// shard carries (ranking itself is tantivy's, and the browser's).
fn selection_score(df: u64, n: u32, avg: f32, boost: f32, tf: u32, norm: u8) -> f32 {
    let idf = (1.0 + ((n as f32 - df as f32) + 0.5) / (df as f32 + 0.5)).ln();
    let fieldnorm = tantivy::fieldnorm::FieldNormReader::id_to_fieldnorm(norm) as f32;
    let cache = 1.2 * (1.0 - 0.75 + 0.75 * fieldnorm / avg.max(f32::MIN_POSITIVE));
    idf * 2.2 * boost * (tf as f32 / (tf as f32 + cache))
}

fn write_shards(
    terms: &[EncodedTerm],
    display: &[serde_json::Value],
    files: &mut Vec<OutputFile>,
) -> Vec<(String, String)> {
    let mut firsts = Vec::new();
    let mut start = 0;
    while start < terms.len() {
        let mut end = start;
        let mut size = 0;
        while end < terms.len()
            && (end == start || size + terms[end].postings.len() <= SHARD_TARGET_BYTES)
        {
            size += terms[end].postings.len() + terms[end].term.len() + 4;
            end += 1;
        }
        let bytes = encode_shard(&terms[start..end], display);
        let name = hashed_name(&format!("terms-{}", firsts.len()), &bytes);
        files.push(OutputFile {
            path: format!("search/{name}"),
            bytes: gzip(&bytes),
        });
        firsts.push((terms[start].term.clone(), name));
        start = end;
    }
    firsts
}

/// Shard layout: magic, term count, front-coded term table (shared prefix,
/// suffix, df sum, postings length), postings blob, then the display records
/// (JSON `{"id": record}`) of the best documents for these terms.
fn encode_shard(terms: &[EncodedTerm], display: &[serde_json::Value]) -> Vec<u8> {
    let mut out = b"CST1".to_vec();
    put_varint(&mut out, terms.len() as u64);
    let mut previous: &str = "";
    for t in terms {
        let shared = common_prefix_len(previous, &t.term);
        put_varint(&mut out, shared as u64);
        put_varint(&mut out, (t.term.len() - shared) as u64);
        out.extend_from_slice(&t.term.as_bytes()[shared..]);
        put_varint(&mut out, t.df_sum);
        put_varint(&mut out, t.postings.len() as u64);
        previous = &t.term;
    }
    for t in terms {
        out.extend_from_slice(&t.postings);
    }
    let ids: BTreeSet<u32> = terms.iter().flat_map(|t| t.top.iter().copied()).collect();
    let records: serde_json::Map<String, serde_json::Value> = ids
        .into_iter()
        .filter_map(|id| {
            display
                .get(id as usize)
                .map(|r| (id.to_string(), r.clone()))
        })
        .collect();
    out.extend_from_slice(&serde_json::to_vec(&records).unwrap_or_default());
    out
}

fn common_prefix_len(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .map(|((i, x), _)| i + x.len_utf8())
        .last()
        .unwrap_or(0)
}

fn write_doc_chunks(display: &[serde_json::Value], files: &mut Vec<OutputFile>) -> Vec<String> {
    display
        .chunks(DOCS_PER_CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            let bytes = serde_json::to_vec(chunk).unwrap_or_default();
            let name = hashed_name(&format!("docs-{i}"), &bytes);
            files.push(OutputFile {
                path: format!("search/{name}"),
                bytes: gzip(&bytes),
            });
            name
        })
        .collect()
}

/// What a result shows: [title, slug, partners, headline saving, summary].
fn display_record(site: &Site, id: usize) -> serde_json::Value {
    let c = &site.case_studies[id];
    let partners: Vec<&str> = c.matter.partners.iter().map(|p| p.name.as_str()).collect();
    let headline = money::headline(&c.matter.savings)
        .map(|h| format!("{} {}", money::describe(h), h.status))
        .unwrap_or_default();
    serde_json::json!([
        c.matter.title,
        c.slug,
        partners.join(", "),
        headline,
        c.matter.summary
    ])
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    n: usize,
    k1: f32,
    b: f32,
    fields: Vec<FieldInfo>,
    shards: Vec<ShardInfo>,
    docs: DocsInfo,
    facets: Vec<FacetInfo>,
    prefix: PrefixInfo,
    fuzzy: FuzzyInfo,
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
    /// Per document: how many values, then their indices (bytes, base64).
    docs: String,
}

#[derive(Serialize)]
struct PrefixInfo {
    weight: f32,
    min_chars: usize,
    max_terms: usize,
}

#[derive(Serialize)]
struct FuzzyInfo {
    weight: f32,
    min_chars: usize,
}

fn manifest<'a>(
    site: &'a Site,
    index: &SearchIndex,
    field_tokens: &[u64],
    shards: &[(String, String)],
    doc_files: &[String],
) -> Manifest<'a> {
    let kinds = [
        Kind::Function,
        Kind::Region,
        Kind::Model,
        Kind::OrganisationType,
    ];
    let facets = FACETS
        .iter()
        .zip(kinds)
        .enumerate()
        .map(|(k, (name, kind))| {
            let values: Vec<(String, String)> = site
                .vocab
                .terms(kind)
                .iter()
                .map(|t| (t.slug.clone(), t.label.clone()))
                .collect();
            let mut packed = Vec::new();
            for doc in &index.facet_values {
                let vals = &doc[k];
                packed.push(vals.len() as u8);
                for v in vals {
                    packed.push(values.iter().position(|(s, _)| s == v).unwrap_or(0) as u8);
                }
            }
            FacetInfo {
                kind: name,
                values,
                docs: base64(&packed),
            }
        })
        .collect();
    Manifest {
        version: 1,
        n: site.case_studies.len(),
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
        shards: shards
            .iter()
            .map(|(first, file)| ShardInfo {
                first: first.clone(),
                file: file.clone(),
            })
            .collect(),
        docs: DocsInfo {
            per_chunk: DOCS_PER_CHUNK,
            files: doc_files.to_vec(),
        },
        facets,
        prefix: PrefixInfo {
            weight: PREFIX_WEIGHT,
            min_chars: PREFIX_MIN_CHARS,
            max_terms: PREFIX_MAX_TERMS,
        },
        fuzzy: FuzzyInfo {
            weight: FUZZY_WEIGHT,
            min_chars: FUZZY_MIN_CHARS,
        },
        base_path: &site.base_path,
    }
}

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Deterministic gzip: no timestamp, no file name, fixed level.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn hashed_name(stem: &str, bytes: &[u8]) -> String {
    format!("{stem}.{}.bin", crate::render::pages::short_hash(bytes))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_base64() {
        let mut v = Vec::new();
        put_varint(&mut v, 300);
        assert_eq!(v, vec![0xac, 0x02]);
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
    }

    #[test]
    fn front_coding_prefix() {
        assert_eq!(common_prefix_len("recycl", "recycling"), 6);
        assert_eq!(common_prefix_len("", "a"), 0);
        assert_eq!(common_prefix_len("café", "cafés"), 5);
    }

    #[test]
    fn gzip_is_deterministic() {
        assert_eq!(gzip(b"hello hello hello"), gzip(b"hello hello hello"));
    }
}
