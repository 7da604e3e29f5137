//! Term positions for phrases in quotes, exported for the browser engine,
//! which checks that a phrase's terms stand together as tantivy's phrase
//! query does. Only a quoted query fetches them, so they are kept apart
//! from the term shards and cost a one-word query nothing.
//!
//! Each file holds a run of terms in index order: a term count, then per
//! term its front-coded text and the length of its block; then the blocks.
//! A block lists the case studies holding the term (ids delta-coded), each
//! with a mask of the fields it is in and, per field, the number of
//! positions and the positions (delta-coded). All numbers are varints.

use super::export::{put_varint, write_file};
use super::index::SearchIndex;
use crate::output::OutputFile;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

/// One file of positions: every term from `first` up to the next file's.
#[derive(Serialize)]
pub struct PositionsFile {
    pub first: String,
    pub file: String,
}

/// Per case study, per field (bit), the term's positions.
type TermPositions = BTreeMap<u32, Vec<(u8, Vec<u32>)>>;

/// Writes every term's positions in at most `max_files` files of similar size.
pub fn write(
    index: &SearchIndex,
    max_files: usize,
    files: &mut Vec<OutputFile>,
) -> tantivy::Result<Vec<PositionsFile>> {
    let blocks: Vec<(String, Vec<u8>)> = read(index)?
        .into_iter()
        .map(|(term, docs)| (term, encode(&docs)))
        .collect();
    let total: usize = blocks.iter().map(|(t, b)| t.len() + b.len()).sum();
    let target = total / max_files.max(1) + 1;
    let mut out = Vec::new();
    let mut start = 0;
    while start < blocks.len() {
        let mut end = start;
        let mut size = 0;
        while end < blocks.len() && (end == start || size < target || out.len() + 1 >= max_files) {
            size += blocks[end].0.len() + blocks[end].1.len();
            end += 1;
        }
        let name = write_file(
            &format!("positions-{}", out.len()),
            file_bytes(&blocks[start..end]),
            files,
        )?;
        out.push(PositionsFile {
            first: blocks[start].0.clone(),
            file: name,
        });
        start = end;
    }
    if out.is_empty() {
        let name = write_file("positions-0", file_bytes(&[]), files)?;
        out.push(PositionsFile {
            first: String::new(),
            file: name,
        });
    }
    Ok(out)
}

/// Every term of every text field, with its positions per case study and field.
fn read(index: &SearchIndex) -> tantivy::Result<BTreeMap<String, TermPositions>> {
    let searcher = index.reader.searcher();
    let mut terms: BTreeMap<String, TermPositions> = BTreeMap::new();
    let mut positions = Vec::new();
    for (bit, (field, _)) in index.schema.text.iter().enumerate() {
        let mut base = 0usize;
        for segment in searcher.segment_readers() {
            let ii = segment.inverted_index(*field)?;
            let mut stream = ii.terms().stream()?;
            while stream.advance() {
                let Ok(key) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let mut postings = ii.read_postings_from_terminfo(
                    stream.value(),
                    IndexRecordOption::WithFreqsAndPositions,
                )?;
                let docs = terms.entry(key.to_owned()).or_default();
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    postings.positions(&mut positions);
                    let id = index.case_study_of[base + doc as usize];
                    docs.entry(id)
                        .or_default()
                        .push((bit as u8, positions.clone()));
                    doc = postings.advance();
                }
            }
            base += segment.max_doc() as usize;
        }
    }
    Ok(terms)
}

fn encode(docs: &TermPositions) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, docs.len() as u64);
    let mut previous = 0;
    for (id, fields) in docs {
        put_varint(&mut out, u64::from(id - previous));
        previous = *id;
        let mask = fields.iter().fold(0u8, |m, (bit, _)| m | (1 << bit));
        out.push(mask);
        let mut fields: Vec<&(u8, Vec<u32>)> = fields.iter().collect();
        fields.sort_by_key(|(bit, _)| *bit);
        for (_, positions) in fields {
            put_varint(&mut out, positions.len() as u64);
            let mut last = 0;
            for p in positions {
                put_varint(&mut out, u64::from(p - last));
                last = *p;
            }
        }
    }
    out
}

fn file_bytes(blocks: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, blocks.len() as u64);
    let mut previous = "";
    for (term, block) in blocks {
        let shared = term
            .bytes()
            .zip(previous.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        // Back to a character boundary, so each suffix is valid UTF-8.
        let shared = (0..=shared)
            .rev()
            .find(|&i| term.is_char_boundary(i))
            .unwrap_or(0);
        put_varint(&mut out, shared as u64);
        put_varint(&mut out, (term.len() - shared) as u64);
        out.extend_from_slice(&term.as_bytes()[shared..]);
        put_varint(&mut out, block.len() as u64);
        previous = term;
    }
    for (_, block) in blocks {
        out.extend_from_slice(block);
    }
    out
}
