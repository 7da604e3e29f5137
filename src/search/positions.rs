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

use super::export::{POSITIONS_GZIP_LEVEL, common_prefix_len, gzip_file, put_varint};
use super::index::SearchIndex;
use super::term_ranges::{self, TermRange};
use crate::output::OutputFile;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::postings::{Postings, TermInfo};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

/// One file of positions: every term from `first` up to the next file's.
#[derive(Serialize)]
pub struct PositionsFile {
    pub first: String,
    pub file: String,
}

/// One term's postings in one field: the case study, the field (bit), and
/// where its positions are in the range's pool.
#[derive(Clone, Copy)]
struct Posting {
    id: u32,
    bit: u8,
    start: u32,
    len: u32,
}

/// The terms of one range, each with its postings over every field, and
/// the pool their positions are in: one vector for all, where a vector per
/// posting was most of the export's allocations.
struct RangePositions {
    terms: BTreeMap<String, Vec<Posting>>,
    pool: Vec<u32>,
}

/// A term's estimated size in one field of one segment, to cut the terms
/// into `ranges` of similar size for [`write`]: tantivy's own compressed
/// positions.
pub fn size(info: &TermInfo) -> u64 {
    u64::from(info.doc_freq) * 3 + info.positions_range.len() as u64
}

/// Writes every term's positions, a file per range of terms (cut by
/// [`size`]); each range is read and written on its own, so a large site
/// never holds every position at once.
pub fn write(
    index: &SearchIndex,
    ranges: &[TermRange],
    files: &mut super::export::Files,
) -> tantivy::Result<Vec<PositionsFile>> {
    let written: Vec<(String, OutputFile)> = ranges
        .par_iter()
        .enumerate()
        .map(|(n, range)| {
            let range = read(index, range)?;
            let blocks: Vec<(String, Vec<u8>)> = range
                .terms
                .into_iter()
                .map(|(term, mut postings)| {
                    let block = encode(&mut postings, &range.pool);
                    (term, block)
                })
                .collect();
            gzip_file(
                &format!("positions-{n}"),
                file_bytes(&blocks),
                POSITIONS_GZIP_LEVEL,
            )
        })
        .collect::<tantivy::Result<_>>()?;
    let mut out = Vec::new();
    for ((first, _), (name, file)) in ranges.iter().zip(written) {
        files.push(file)?;
        out.push(PositionsFile {
            first: first.clone(),
            file: name,
        });
    }
    Ok(out)
}

/// The terms from `first` up to (not including) `next`, of every text
/// field, with their positions per case study and field.
fn read(index: &SearchIndex, range: &TermRange) -> tantivy::Result<RangePositions> {
    let searcher = index.reader.searcher();
    let mut terms: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    let mut pool: Vec<u32> = Vec::new();
    let mut positions = Vec::new();
    let too_many = || tantivy::TantivyError::InternalError("too many positions".into());
    for (bit, (field, _)) in index.schema.text.iter().enumerate() {
        let mut base = 0usize;
        for segment in searcher.segment_readers() {
            let ii = segment.inverted_index(*field)?;
            let mut stream = term_ranges::stream(&ii, range)?;
            while stream.advance() {
                let Ok(key) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let mut postings = ii.read_postings_from_terminfo(
                    stream.value(),
                    IndexRecordOption::WithFreqsAndPositions,
                )?;
                let list = match terms.get_mut(key) {
                    Some(list) => list,
                    None => terms.entry(key.to_owned()).or_default(),
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    postings.positions(&mut positions);
                    list.push(Posting {
                        id: index.case_study_of[base + doc as usize],
                        bit: bit as u8,
                        start: u32::try_from(pool.len()).map_err(|_| too_many())?,
                        len: u32::try_from(positions.len()).map_err(|_| too_many())?,
                    });
                    pool.extend_from_slice(&positions);
                    doc = postings.advance();
                }
            }
            base += segment.max_doc() as usize;
        }
    }
    Ok(RangePositions { terms, pool })
}

/// One term's block: its case studies in id order, each with the mask of
/// its fields and, field by field, its positions.
fn encode(postings: &mut [Posting], pool: &[u32]) -> Vec<u8> {
    postings.sort_unstable_by_key(|p| (p.id, p.bit));
    let mut out = Vec::new();
    let docs = || postings.chunk_by(|a, b| a.id == b.id);
    put_varint(&mut out, docs().count() as u64);
    let mut previous = 0;
    for fields in docs() {
        let id = fields[0].id;
        put_varint(&mut out, u64::from(id - previous));
        previous = id;
        out.push(fields.iter().fold(0u8, |m, p| m | (1 << p.bit)));
        for p in fields {
            let start = p.start as usize;
            let positions = &pool[start..start + p.len as usize];
            put_varint(&mut out, positions.len() as u64);
            let mut last = 0;
            for &q in positions {
                put_varint(&mut out, u64::from(q - last));
                last = q;
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
        let shared = common_prefix_len(term, previous);
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
