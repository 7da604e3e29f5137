//! Runs of terms, in index order, for the exporters that read the whole
//! index: each run is read and encoded on its own, so a large site never
//! holds every term's postings (or positions) at once.

use super::index::SearchIndex;
use std::collections::BTreeMap;
use tantivy::postings::TermInfo;
use tantivy::termdict::TermStreamer;

/// (first term, first term of the next run; `None` for the last run).
pub type TermRange = (String, Option<String>);

/// One way to cut the terms: into at most `max` runs of similar weight,
/// `weight` being what a term costs in one field of one segment (summed
/// over them).
pub struct Cut<'a> {
    pub max: usize,
    pub weight: &'a dyn Fn(&TermInfo) -> u64,
}

/// Cuts every term of every text field once per `cut`, in one walk over
/// the term dictionaries (each walk is a pass over every term of every
/// segment). An empty index still gets one (empty) run per cut.
pub fn split<const N: usize>(
    index: &SearchIndex,
    cuts: &[Cut; N],
) -> tantivy::Result<[Vec<TermRange>; N]> {
    let searcher = index.reader.searcher();
    let mut sizes: BTreeMap<String, [u64; N]> = BTreeMap::new();
    for (field, _) in &index.schema.text {
        for segment in searcher.segment_readers() {
            let ii = segment.inverted_index(*field)?;
            let mut stream = ii.terms().stream()?;
            while stream.advance() {
                let Ok(key) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let info = stream.value();
                let totals = match sizes.get_mut(key) {
                    Some(totals) => totals,
                    None => sizes.entry(key.to_owned()).or_insert([0; N]),
                };
                for (total, cut) in totals.iter_mut().zip(cuts) {
                    *total += (cut.weight)(info);
                }
            }
        }
    }
    Ok(std::array::from_fn(|i| {
        runs(sizes.iter().map(|(t, w)| (t, w[i])), cuts[i].max.max(1))
    }))
}

/// The runs of `sizes`, terms in order with their weights (see [`split`]).
fn runs<'a>(sizes: impl Iterator<Item = (&'a String, u64)> + Clone, max: usize) -> Vec<TermRange> {
    let total: u64 = sizes.clone().map(|(_, w)| w).sum();
    let target = total / max as u64 + 1;
    let mut firsts: Vec<String> = Vec::new();
    let mut acc = 0;
    for (term, size) in sizes {
        if firsts.is_empty() || (acc >= target && firsts.len() < max) {
            firsts.push(term.clone());
            acc = 0;
        }
        acc += size;
    }
    if firsts.is_empty() {
        firsts.push(String::new());
    }
    let nexts: Vec<Option<String>> = firsts
        .iter()
        .skip(1)
        .cloned()
        .map(Some)
        .chain([None])
        .collect();
    firsts.into_iter().zip(nexts).collect()
}

/// The terms of one field of one segment in `(first, next)`.
pub fn stream<'a>(
    ii: &'a tantivy::InvertedIndexReader,
    (first, next): &TermRange,
) -> tantivy::Result<TermStreamer<'a>> {
    let range = ii.terms().range().ge(first.as_bytes());
    Ok(match next {
        Some(next) => range.lt(next.as_bytes()).into_stream()?,
        None => range.into_stream()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_every_term_once_in_order() {
        let sizes: Vec<(String, u64)> = [("a", 5), ("b", 1), ("c", 1), ("d", 5), ("e", 1)]
            .into_iter()
            .map(|(t, s)| (t.to_owned(), s))
            .collect();
        let cut = runs(sizes.iter().map(|(t, s)| (t, *s)), 3);
        assert!(cut.len() <= 3 && cut.len() > 1);
        assert_eq!(cut[0].0, "a");
        assert_eq!(cut.last().and_then(|r| r.1.clone()), None);
        for pair in cut.windows(2) {
            assert_eq!(pair[0].1.as_deref(), Some(pair[1].0.as_str()));
        }
        assert_eq!(runs(std::iter::empty(), 4), vec![(String::new(), None)]);
    }
}
