//! Related case studies, computed at build time from the tantivy index.
//!
//! tantivy's `MoreLikeThisQuery` picks a document's most telling terms
//! (tf-idf) and runs them as one query per document: over a corpus whose
//! words repeat, every such query walks long postings lists, so the whole
//! job grows with the square of the corpus. This is the same idea done
//! once for all documents: one pass over the index's postings gives each
//! case study its *signature*, the [`SIGNATURE_TERMS`] terms that score it
//! highest (tantivy's BM25 with the search boosts, over the title,
//! summary, lessons and body); two case studies are as alike in words as
//! their signatures' cosine. The shared facts of the model (partners,
//! functions, regions, delivery model) are added on top, so that a list is
//! sensible even where the words say little, and each link carries the
//! facts it shares, never a fact that is not true of both.
//!
//! Candidates come from the signatures' terms and the facets, each list
//! read at most [`LIST_CAP`] entries deep, so the work grows with the
//! corpus, not its square: on a site smaller than that cap every pair is
//! looked at.

use super::index::SearchIndex;
use super::schema::{self, STOP_WORDS};
use crate::content::Slug;
use crate::content::vocabulary::Kind;
use crate::model::{BodyTexts, CaseStudyId, OrgId, Site};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::DocSet;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;

/// At most this many related case studies per case study.
pub const MAX_RELATED: usize = 5;
/// Terms kept per case study: enough to say what it is about, few enough
/// that candidates stay few.
const SIGNATURE_TERMS: usize = 12;
/// The most entries of one candidate list (a term's, a partner's, a
/// function-and-region's) that are read for one case study.
const LIST_CAP: usize = 64;
/// Similar words named in a reason, at most.
const WORDS_SHOWN: usize = 3;
/// The words' cosine below which they alone do not make a case study
/// related (one faint shared word is not "anything in common").
const MIN_WORDS: f32 = 0.05;
/// A term in more than this share of the case studies says little about
/// any of them ("council", "service").
const MAX_DOC_SHARE: f64 = 0.2;
/// Weights of the shared facts, on the scale of the words' cosine (0 to 1):
/// a shared partner says most, a delivery model alone very little.
const W_PARTNER: f32 = 0.5;
const W_FUNCTION: f32 = 0.4;
const W_REGION: f32 = 0.2;
const W_MODEL: f32 = 0.05;

/// Everyday words that say nothing of what a case study is about, beyond
/// the search's stop words: left out of the signatures, so that two case
/// studies are never "similar" for both saying "set up" or "each" (the
/// compass points are here because place names give them anyway, and the
/// words every case study of this compendium uses: councils sharing services).
const COMMON_WORDS: &str = "about also after again against all almost along already although \
    always among another any around away because been before being below between both but \
    can cannot could did does doing done down during each either else enough even ever every \
    few first five four further get give given gives go going good got had having her here \
    him his how however just keep kept last later least less like made main make makes \
    making many may might more most much must near need needs new next nine none nor not now \
    number off often once one only other others our out over own part per cent put rather \
    really said same say says second see seen set several shall she should show shown since \
    six so some still such take taken ten than their them then there these they those though \
    three through thus together too took toward towards two under until upon use used uses \
    using very want way ways well were what when where whether which while who whole whom \
    whose why will within without would year years yet you your north south east west \
    local example examples create created council councils service services share shares \
    shared sharing";

/// A shared word named in a reason must add at least this to the words'
/// cosine: a word both mention in passing is not worth saying.
const MIN_WORD_SHOWN: f32 = 0.01;

/// Fields the words come from (indices into `TEXT_FIELDS`): partners' names
/// and the vocabulary's labels are facts the facets compare exactly.
const WORD_FIELDS: [usize; 4] = [0, 2, 4, 5];

/// Every case study's related case studies, in model order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Related {
    /// Per case study: the file it was computed for, and its links.
    lists: Vec<(Arc<Path>, Vec<Link>)>,
    /// Case study file → its place in `lists`.
    by_file: HashMap<Arc<Path>, usize>,
}

/// One related case study and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Its id in the model the list was computed from.
    pub to: CaseStudyId,
    /// Its file, which stays put when ids shift (the dev server renders
    /// pages with the last lists while the next are being made).
    /// Shared by every link to it.
    pub file: Arc<Path>,
    pub why: Why,
}

/// The facts a related case study shares, each true of both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Why {
    /// Functions of both, in the first one's order.
    pub functions: Vec<Slug>,
    /// Regions of both, in vocabulary order.
    pub regions: Vec<Slug>,
    /// The delivery model, when both have the same.
    pub model: Option<Slug>,
    /// Organisations taking part in both, by name.
    pub partners: Vec<String>,
    /// Words of both signatures, as the first one writes them (shared by
    /// its links).
    pub words: Vec<Arc<str>>,
}

impl Related {
    /// The links of the case study `id` read from `file`: the list made
    /// for that file, wherever it was in the model the lists came from.
    pub fn of(&self, id: CaseStudyId, file: &std::path::Path) -> &[Link] {
        let place = match self.lists.get(id.index()) {
            Some((f, _)) if **f == *file => Some(id.index()),
            _ => self.by_file.get(file).copied(),
        };
        place.map_or(&[], |p| &self.lists[p].1)
    }

    /// The files whose lists differ between `self` and `other` (either
    /// way), sorted: the pages to render again when the lists change.
    pub fn differing(&self, other: &Related) -> Vec<PathBuf> {
        let mut out: BTreeSet<PathBuf> = BTreeSet::new();
        for (file, links) in &self.lists {
            let theirs = other.by_file.get(file).map(|&p| &other.lists[p].1);
            if theirs != Some(links) {
                out.insert(file.to_path_buf());
            }
        }
        for (file, _) in &other.lists {
            if !self.by_file.contains_key(file) {
                out.insert(file.to_path_buf());
            }
        }
        out.into_iter().collect()
    }

    /// How many case studies have a list (tests, diagnostics).
    pub fn len(&self) -> usize {
        self.lists.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }
}

/// One case study's facts: the sorted values, and [`Packed`] beside them.
struct Facts {
    functions: Vec<u32>,
    regions: Vec<u32>,
    partners: Vec<OrgId>,
    packed: Packed,
}

/// One set of values as a 64-bit mask, a bit per value modulo 64, which
/// rules out most pairs with one AND; when every value is below 64 (the
/// functions and regions of the bundled vocabulary) the mask is the set
/// and the values are never looked at. Candidates are compared by the
/// thousand per case study, so this is what the comparison costs.
#[derive(Clone, Copy)]
struct Mask {
    bits: u64,
    exact: bool,
    len: u16,
}

impl Mask {
    fn of(values: &[usize]) -> Mask {
        Mask {
            bits: values.iter().fold(0, |m, v| m | 1u64 << (v % 64)),
            exact: values.iter().all(|&v| v < 64),
            len: u16::try_from(values.len()).unwrap_or(u16::MAX),
        }
    }

    /// How many values both hold; `exactly` counts them when the masks
    /// cannot say.
    fn shared(self, other: Mask, exactly: impl FnOnce() -> usize) -> usize {
        let both = self.bits & other.bits;
        if both == 0 {
            0
        } else if self.exact && other.exact {
            both.count_ones() as usize
        } else {
            exactly()
        }
    }
}

#[derive(Clone, Copy)]
struct Packed {
    functions: Mask,
    regions: Mask,
    partners: Mask,
    model: u32,
}

/// How many values two sorted lists share.
fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

impl Facts {
    fn of(site: &Site, id: CaseStudyId) -> Facts {
        let vocab = site.vocabulary();
        let m = &site.case_study(id).matter;
        let mut functions: Vec<u32> = m
            .functions
            .iter()
            .map(|f| rank(vocab.rank(Kind::Function, f)))
            .collect();
        functions.sort_unstable();
        functions.dedup();
        let mut regions: Vec<u32> = site
            .regions_of(id)
            .iter()
            .map(|r| rank(vocab.rank(Kind::Region, r)))
            .collect();
        regions.sort_unstable();
        regions.dedup();
        let mut partners: Vec<OrgId> = site.partners_of(id).map(|(_, o)| o).collect();
        partners.sort_unstable();
        partners.dedup();
        let values = |v: &[u32]| v.iter().map(|&x| x as usize).collect::<Vec<_>>();
        let packed = Packed {
            functions: Mask::of(&values(&functions)),
            regions: Mask::of(&values(&regions)),
            partners: Mask::of(&partners.iter().map(|o| o.index()).collect::<Vec<_>>()),
            model: rank(vocab.rank(Kind::Model, &m.model)),
        };
        Facts {
            functions,
            regions,
            partners,
            packed,
        }
    }

    /// What `self` and `other` share, as a score, and whether they share
    /// any fact that makes them related on its own (a model does not).
    fn compare(&self, other: &Facts) -> (f32, bool) {
        let (a, b) = (self.packed, other.packed);
        // The share of this case study's functions (regions) the other
        // has too: what this page is about, however broad the other is.
        let share = |n: usize, of: Mask| n as f32 / f32::from(of.len).max(1.0);
        let mut score = 0.0;
        let mut related = false;
        let n = a
            .partners
            .shared(b.partners, || shared(&self.partners, &other.partners));
        if n > 0 {
            // Two shared partners say more than one; more, little more.
            score += W_PARTNER * n.min(2) as f32;
            related = true;
        }
        let n = a
            .functions
            .shared(b.functions, || shared(&self.functions, &other.functions));
        if n > 0 {
            score += W_FUNCTION * share(n, a.functions);
            related = true;
        }
        let n = a
            .regions
            .shared(b.regions, || shared(&self.regions, &other.regions));
        if n > 0 {
            score += W_REGION * share(n, a.regions);
            related = true;
        }
        if a.model == b.model && a.model != u32::MAX {
            score += W_MODEL;
        }
        (score, related)
    }
}

/// A vocabulary rank as a compact value; unknown values (which validation
/// rules out) all compare equal to each other only as `u32::MAX`.
fn rank(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

/// Each case study's signature: (term, weight) sorted by term, weights of
/// unit length; and the terms by number.
struct Signatures {
    of: Vec<Vec<(u32, f32)>>,
    terms: Vec<String>,
}

/// Is `term` (an index term) one a reader would call a telling word?
fn telling(term: &str, stop: &HashSet<String>) -> bool {
    term.chars().count() >= 3 && !term.chars().all(|c| c.is_ascii_digit()) && !stop.contains(term)
}

/// Reads every word field's postings once, keeping for each case study the
/// [`SIGNATURE_TERMS`] terms that score it highest with tantivy's BM25
/// (K1 1.2, B 0.75, the field boosts of the search): the terms tantivy's
/// more-like-this would query for it.
/// Per field, every term's document frequency summed over the segments
/// (empty when there is one segment: its own term infos are the totals).
fn global_doc_freqs(
    segments: &[tantivy::SegmentReader],
    fields: &[(tantivy::schema::Field, f32)],
) -> tantivy::Result<Vec<HashMap<Vec<u8>, u64>>> {
    let mut out = vec![HashMap::new(); fields.len()];
    if segments.len() < 2 {
        return Ok(out);
    }
    for (f, (field, _)) in fields.iter().enumerate() {
        for segment in segments {
            let ii = segment.inverted_index(*field)?;
            let mut stream = ii.terms().stream()?;
            while stream.advance() {
                *out[f].entry(stream.key().to_vec()).or_default() +=
                    u64::from(stream.value().doc_freq);
            }
        }
    }
    Ok(out)
}

fn signatures(index: &SearchIndex, n: usize) -> tantivy::Result<Signatures> {
    let searcher = index.reader.searcher();
    let segments = searcher.segment_readers();
    let total_docs: u64 = segments.iter().map(|s| u64::from(s.max_doc())).sum();
    let max_df = ((total_docs as f64 * MAX_DOC_SHARE) as u64).max(2);
    let stop: HashSet<String> = STOP_WORDS
        .iter()
        .copied()
        .chain(COMMON_WORDS.split_whitespace())
        .flat_map(schema::analyze)
        .collect();
    let fields: Vec<(tantivy::schema::Field, f32)> =
        WORD_FIELDS.iter().map(|&i| index.schema.text[i]).collect();
    let mut avg = Vec::with_capacity(fields.len());
    for (field, _) in &fields {
        let mut tokens = 0u64;
        for s in segments {
            tokens += s.inverted_index(*field)?.total_num_tokens();
        }
        avg.push(tokens as f32 / total_docs.max(1) as f32);
    }
    // A term's document frequency over every segment, per field: one
    // segment's term info counts only its own documents. Summed once, in
    // one pass over each segment's terms: asking every segment for every
    // term of every segment grew with the square of the segment count.
    let global_df = global_doc_freqs(segments, &fields)?;
    let df = |f: usize, key: &[u8]| -> u64 { global_df[f].get(key).copied().unwrap_or(0) };
    let idf = |df: u64| {
        let (n, df) = (total_docs as f32, df as f32);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    };
    let mut top: Vec<Vec<(f32, u32)>> = vec![Vec::new(); n];
    let mut terms: Vec<String> = Vec::new();
    let mut term_ids: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut base = 0usize;
    for segment in segments {
        let max_doc = segment.max_doc() as usize;
        let mut scratch = vec![0f32; max_doc];
        let mut touched: Vec<u32> = Vec::new();
        let mut streams = Vec::with_capacity(fields.len());
        let mut inverted = Vec::with_capacity(fields.len());
        let mut norms = Vec::with_capacity(fields.len());
        for (field, _) in &fields {
            let ii = segment.inverted_index(*field)?;
            norms.push(segment.get_fieldnorms_reader(*field)?);
            inverted.push(ii);
        }
        for ii in &inverted {
            let mut s = ii.terms().stream()?;
            let live = s.advance();
            streams.push((s, live));
        }
        // The fields' term streams merged in term order, so that a term in
        // the title and the body is one term with one weight per document.
        while let Some(key) = streams
            .iter()
            .filter(|(_, live)| *live)
            .map(|(s, _)| s.key())
            .min()
            .map(<[u8]>::to_vec)
        {
            let text = std::str::from_utf8(&key).unwrap_or("");
            let wanted = telling(text, &stop);
            for (f, (stream, live)) in streams.iter_mut().enumerate() {
                if !*live || stream.key() != key.as_slice() {
                    continue;
                }
                if wanted {
                    let local = u64::from(stream.value().doc_freq);
                    let global = if segments.len() == 1 {
                        local
                    } else {
                        df(f, &key)
                    };
                    if (2..=max_df).contains(&global) {
                        let weight = fields[f].1 * idf(global);
                        let mut postings = inverted[f].read_postings_from_terminfo(
                            stream.value(),
                            IndexRecordOption::WithFreqs,
                        )?;
                        let mut doc = postings.doc();
                        while doc != tantivy::TERMINATED {
                            let tf = postings.term_freq() as f32;
                            let len = norms[f].fieldnorm(doc) as f32;
                            let norm = 1.2 * (0.25 + 0.75 * len / avg[f].max(f32::MIN_POSITIVE));
                            let slot = &mut scratch[doc as usize];
                            if *slot == 0.0 {
                                touched.push(doc);
                            }
                            *slot += weight * tf * 2.2 / (tf + norm);
                            doc = postings.advance();
                        }
                    }
                }
                *live = stream.advance();
            }
            if touched.is_empty() {
                continue;
            }
            let next = u32::try_from(terms.len()).unwrap_or(u32::MAX);
            let id = *term_ids.entry(key.clone()).or_insert_with(|| {
                terms.push(text.to_owned());
                next
            });
            for doc in touched.drain(..) {
                let w = std::mem::take(&mut scratch[doc as usize]);
                let Some(&case_study) = index.case_study_of.get(base + doc as usize) else {
                    continue;
                };
                if let Some(heap) = top.get_mut(case_study as usize) {
                    keep_best(heap, w, id);
                }
            }
        }
        base += max_doc;
    }
    let of = top
        .into_iter()
        .map(|mut sig| {
            sig.sort_unstable_by_key(|&(_, t)| t);
            let length = sig.iter().map(|(w, _)| w * w).sum::<f32>().sqrt();
            sig.into_iter()
                .map(|(w, t)| (t, if length > 0.0 { w / length } else { 0.0 }))
                .collect()
        })
        .collect();
    Ok(Signatures { of, terms })
}

/// Keeps the [`SIGNATURE_TERMS`] heaviest terms; on equal weight the one
/// seen first (terms come in a fixed order), so the result is the same on
/// every build.
fn keep_best(heap: &mut Vec<(f32, u32)>, w: f32, term: u32) {
    if heap.len() < SIGNATURE_TERMS {
        heap.push((w, term));
        return;
    }
    let (lightest, &(least, _)) = heap
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.0.total_cmp(&b.1.0).then(b.0.cmp(&a.0)))
        .unwrap_or((0, &(f32::INFINITY, 0)));
    if w > least {
        heap[lightest] = (w, term);
    }
}

/// Keeps the [`MAX_RELATED`] best of the candidates offered, best first: by
/// score, then by id (the title order), so ties go the same way on every
/// build. Thousands are offered per case study; a sort of them all cost
/// more than everything else here.
fn best(top: &mut Vec<(f32, u32)>, score: f32, id: u32) {
    let better = |x: &(f32, u32)| score.total_cmp(&x.0).then(x.1.cmp(&id)).is_gt();
    let place = top.iter().position(better).unwrap_or(top.len());
    if place < MAX_RELATED {
        top.insert(place, (score, id));
        top.truncate(MAX_RELATED);
    }
}

/// An inverted list capped at [`LIST_CAP`], heaviest first, then by id.
fn capped(mut list: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    if list.len() > LIST_CAP {
        list.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        list.truncate(LIST_CAP);
    }
    list
}

/// Computes every case study's related case studies from `index` (made
/// from `site`, which still has its bodies' text).
pub fn compute(site: &Site, index: &SearchIndex) -> tantivy::Result<Related> {
    compute_with(site, index, &super::index::body_texts(site)?)
}

/// [`compute`], the case studies' bodies being `body_texts` (where the
/// related words' spellings are looked up).
pub fn compute_with(
    site: &Site,
    index: &SearchIndex,
    body_texts: &BodyTexts,
) -> tantivy::Result<Related> {
    let n = site.all_case_studies().len();
    let sigs = signatures(index, n)?;
    let facts: Vec<Facts> = CaseStudyId::all(n)
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&id| Facts::of(site, id))
        .collect();
    // The candidate lists: by signature term, by partner, by function
    // within a region (a function alone holds too many at scale).
    let mut by_term: Vec<Vec<(u32, f32)>> = vec![Vec::new(); sigs.terms.len()];
    for (doc, sig) in sigs.of.iter().enumerate() {
        for &(t, w) in sig {
            by_term[t as usize].push((doc as u32, w));
        }
    }
    let by_term: Vec<Vec<(u32, f32)>> = by_term.into_par_iter().map(capped).collect();
    let mut by_fact: HashMap<(u8, u32, u32), Vec<u32>> = HashMap::new();
    for (doc, f) in facts.iter().enumerate() {
        for o in &f.partners {
            by_fact
                .entry((0, rank(o.index()), 0))
                .or_default()
                .push(doc as u32);
        }
        for &function in &f.functions {
            let regions = if f.regions.is_empty() {
                &[u32::MAX][..]
            } else {
                &f.regions
            };
            for &r in regions {
                by_fact
                    .entry((1, function, r))
                    .or_default()
                    .push(doc as u32);
            }
        }
    }
    let fact_lists = |f: &Facts| -> Vec<&[u32]> {
        let mut lists: Vec<&[u32]> = Vec::new();
        for o in &f.partners {
            lists.extend(by_fact.get(&(0, rank(o.index()), 0)).map(Vec::as_slice));
        }
        let none = [u32::MAX];
        let regions = if f.regions.is_empty() {
            &none[..]
        } else {
            &f.regions
        };
        for &function in &f.functions {
            for &r in regions {
                lists.extend(by_fact.get(&(1, function, r)).map(Vec::as_slice));
            }
        }
        lists
    };
    let chosen: Vec<Vec<(u32, f32)>> = (0..n)
        .into_par_iter()
        .map_init(
            // Per thread, per case study: the last case study it was a
            // candidate of (plus one), so that a candidate met twice is
            // scored once without a sort, and the words' cosine with it.
            // One pair, not two arrays: the candidates are read at random,
            // and this touches one cache line for each instead of two.
            || (vec![(0u32, 0f32); n], Vec::<u32>::new()),
            |(seen, candidates), a| {
                let mark = a as u32 + 1;
                candidates.clear();
                for &(t, wa) in &sigs.of[a] {
                    for &(b, wb) in &by_term[t as usize] {
                        let (met, acc) = &mut seen[b as usize];
                        if *met != mark {
                            *met = mark;
                            candidates.push(b);
                        }
                        *acc += wa * wb;
                    }
                }
                for list in fact_lists(&facts[a]) {
                    for &b in list.iter().take(LIST_CAP) {
                        let (met, _) = &mut seen[b as usize];
                        if *met != mark {
                            *met = mark;
                            candidates.push(b);
                        }
                    }
                }
                let mut scored: Vec<(f32, u32)> = Vec::new();
                for &b in candidates.iter() {
                    let words = std::mem::take(&mut seen[b as usize].1);
                    if b as usize == a {
                        continue;
                    }
                    let (facts_score, related) = facts[a].compare(&facts[b as usize]);
                    if related || words >= MIN_WORDS {
                        best(&mut scored, words + facts_score, b);
                    }
                }
                scored.into_iter().map(|(s, b)| (b, s)).collect()
            },
        )
        .collect();
    let said = Said::new(site);
    let files: Vec<Arc<Path>> = CaseStudyId::all(n)
        .map(|id| Arc::from(site.case_study(id).file.as_path()))
        .collect();
    let made_from = MadeFrom {
        site,
        body_texts,
        files: &files,
        sigs: &sigs,
        facts: &facts,
        said_by: &said,
    };
    let lists: Vec<(Arc<Path>, Vec<Link>)> = (0..n)
        .into_par_iter()
        .map(|a| (files[a].clone(), why_of(made_from, a, &chosen[a])))
        .collect();
    let by_file = lists
        .iter()
        .enumerate()
        .map(|(i, (f, _))| (f.clone(), i))
        .collect();
    Ok(Related { lists, by_file })
}

/// What every case study's links are made from (see [`why_of`]).
#[derive(Clone, Copy)]
struct MadeFrom<'a> {
    site: &'a Site,
    body_texts: &'a BodyTexts<'a>,
    /// Each case study's file, shared by the links to it.
    files: &'a [Arc<Path>],
    sigs: &'a Signatures,
    facts: &'a [Facts],
    said_by: &'a Said,
}

/// The links of case study `a` to those chosen, each with the facts both
/// share and the telling words of both (the words not already said by a
/// shared function, region or partner).
fn why_of(made_from: MadeFrom, a: usize, chosen: &[(u32, f32)]) -> Vec<Link> {
    let MadeFrom {
        site,
        body_texts,
        files,
        sigs,
        facts,
        said_by,
    } = made_from;
    let id = CaseStudyId::new(a);
    let m = &site.case_study(id).matter;
    let organisations = site.all_organisations();
    let mut links = Vec::with_capacity(chosen.len());
    let mut wanted: Vec<Vec<u32>> = Vec::with_capacity(chosen.len());
    for &(b, _) in chosen {
        let other = CaseStudyId::new(b as usize);
        let theirs = &site.case_study(other).matter;
        let mut functions: Vec<Slug> = Vec::new();
        for f in &m.functions {
            if theirs.functions.contains(f) && !functions.contains(f) {
                functions.push(f.clone());
            }
        }
        let their_regions = site.regions_of(other);
        let regions: Vec<Slug> = site
            .regions_of(id)
            .iter()
            .filter(|r| their_regions.contains(r))
            .cloned()
            .collect();
        let model = (m.model == theirs.model).then(|| m.model.clone());
        let partners: Vec<OrgId> = facts[a]
            .partners
            .iter()
            .filter(|o| facts[b as usize].partners.contains(o))
            .copied()
            .collect();
        // Words already said by a shared fact's name are left out.
        let mut said: Vec<&str> = Vec::new();
        for f in &functions {
            said.extend(said_by.term(Kind::Function, f));
        }
        for r in &regions {
            said.extend(said_by.term(Kind::Region, r));
        }
        for &o in &partners {
            said.extend(said_by.organisation(o));
        }
        let mut common: Vec<(f32, u32)> = Vec::new();
        let theirs_sig = &sigs.of[b as usize];
        for &(t, wa) in &sigs.of[a] {
            if let Ok(j) = theirs_sig.binary_search_by_key(&t, |&(t, _)| t)
                && !said.contains(&sigs.terms[t as usize].as_str())
                && wa * theirs_sig[j].1 >= MIN_WORD_SHOWN
            {
                common.push((wa * theirs_sig[j].1, t));
            }
        }
        common.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        common.truncate(WORDS_SHOWN);
        wanted.push(common.into_iter().map(|(_, t)| t).collect());
        links.push(Link {
            to: other,
            file: files[b as usize].clone(),
            why: Why {
                functions,
                regions,
                model,
                partners: partners
                    .iter()
                    .map(|o| organisations[o.index()].name.clone())
                    .collect(),
                words: Vec::new(),
            },
        });
    }
    let stems: BTreeSet<&str> = wanted
        .iter()
        .flatten()
        .map(|&t| sigs.terms[t as usize].as_str())
        .collect();
    if !stems.is_empty() {
        let spelled = spellings(site, body_texts.of(id), id, &stems);
        for (link, terms) in links.iter_mut().zip(&wanted) {
            link.why.words = terms
                .iter()
                .filter_map(|&t| spelled.get(sigs.terms[t as usize].as_str()).cloned())
                .collect();
        }
    }
    // Words alone made it related, but none is worth naming: no reason to
    // give, so no link (a delivery model alone is no reason either).
    links.retain(|l| {
        let w = &l.why;
        !(w.functions.is_empty()
            && w.regions.is_empty()
            && w.partners.is_empty()
            && w.words.is_empty())
    });
    links
}

/// The index terms of each function's and region's label and each
/// organisation's name, analysed once rather than once per link.
struct Said {
    terms: HashMap<(Kind, Slug), Vec<String>>,
    organisations: Vec<Vec<String>>,
}

impl Said {
    fn new(site: &Site) -> Said {
        let vocab = site.vocabulary();
        let mut terms = HashMap::new();
        for kind in [Kind::Function, Kind::Region] {
            for t in vocab.terms(kind) {
                terms.insert((kind, t.slug.clone()), schema::analyze(&t.label));
            }
        }
        let organisations = site
            .all_organisations()
            .par_iter()
            .map(|o| schema::analyze(&o.name))
            .collect();
        Said {
            terms,
            organisations,
        }
    }

    fn term(&self, kind: Kind, slug: &Slug) -> impl Iterator<Item = &str> {
        self.terms
            .get(&(kind, slug.clone()))
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    fn organisation(&self, o: OrgId) -> impl Iterator<Item = &str> {
        self.organisations
            .get(o.index())
            .into_iter()
            .flatten()
            .map(String::as_str)
    }
}

/// Tokens read past the last stem found, looking for a lower-case spelling
/// of a word so far seen only capitalised: enough for a word that starts a
/// title or a sentence, without reading every long body to its end.
const SPELLING_LOOKAHEAD: usize = 200;

/// How case study `id` writes each of `stems` (index terms): its first
/// spelling in lower case if it has one (a word that starts a sentence is
/// not a name), else its first spelling.
fn spellings<'a>(
    site: &Site,
    body_text: &str,
    id: CaseStudyId,
    stems: &BTreeSet<&'a str>,
) -> HashMap<&'a str, Arc<str>> {
    use tantivy::tokenizer::TokenStream;
    let texts = super::index::field_texts(site, id.index(), body_text);
    let mut analyzer = schema::analyzer();
    let mut found: HashMap<&'a str, (String, bool)> = HashMap::new();
    let mut since_all = 0usize;
    'fields: for field in WORD_FIELDS {
        let text = &texts[field];
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            if found.len() == stems.len() {
                since_all += 1;
                if since_all > SPELLING_LOOKAHEAD {
                    break 'fields;
                }
            }
            let token = stream.token();
            let Some(&stem) = stems.get(token.text.as_str()) else {
                continue;
            };
            let Some(word) = text.get(token.offset_from..token.offset_to) else {
                continue;
            };
            let lower = !word.chars().any(char::is_uppercase);
            match found.get(stem) {
                Some((_, true)) => {}
                Some((_, false)) if !lower => {}
                _ => {
                    found.insert(stem, (word.to_owned(), lower));
                }
            }
            if found.len() == stems.len() && found.values().all(|(_, l)| *l) {
                break 'fields;
            }
        }
    }
    found
        .into_iter()
        .map(|(k, (w, _))| (k, Arc::from(w)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_counts_common_values_of_sorted_lists() {
        assert_eq!(shared(&[1, 3, 5, 7], &[2, 3, 4, 7, 9]), 2);
        assert_eq!(shared::<u32>(&[], &[1]), 0);
    }

    #[test]
    fn keep_best_keeps_the_heaviest_and_the_first_of_equals() {
        let mut heap = Vec::new();
        for t in 0..SIGNATURE_TERMS as u32 {
            keep_best(&mut heap, 1.0, t);
        }
        keep_best(&mut heap, 1.0, 99);
        assert!(
            !heap.iter().any(|&(_, t)| t == 99),
            "an equal weight displaced one seen first"
        );
        keep_best(&mut heap, 2.0, 100);
        assert!(heap.iter().any(|&(_, t)| t == 100));
        assert_eq!(heap.len(), SIGNATURE_TERMS);
    }

    #[test]
    fn best_keeps_the_top_by_score_then_id() {
        let mut top = Vec::new();
        for (s, id) in [
            (0.5, 9),
            (0.9, 4),
            (0.5, 2),
            (0.1, 1),
            (0.7, 3),
            (0.5, 5),
            (0.2, 0),
        ] {
            best(&mut top, s, id);
        }
        let ids: Vec<u32> = top.iter().map(|&(_, id)| id).collect();
        assert_eq!(ids, vec![4, 3, 2, 5, 9]);
    }

    #[test]
    fn telling_words_leave_out_stop_words_digits_and_short_ones() {
        let stop: HashSet<String> = ["the".to_owned()].into();
        assert!(telling("teckal", &stop));
        assert!(!telling("the", &stop));
        assert!(!telling("2011", &stop));
        assert!(!telling("it", &stop));
    }

    #[test]
    fn a_list_made_for_a_file_is_found_when_ids_move() {
        let link = |file: &str| Link {
            to: CaseStudyId::new(1),
            file: Arc::from(Path::new(file)),
            why: Why::default(),
        };
        let lists: Vec<(Arc<Path>, Vec<Link>)> = vec![
            (Arc::from(Path::new("a.md")), vec![link("b.md")]),
            (Arc::from(Path::new("b.md")), vec![link("a.md")]),
        ];
        let by_file = lists
            .iter()
            .enumerate()
            .map(|(i, (f, _))| (f.clone(), i))
            .collect();
        let related = Related { lists, by_file };
        let b = std::path::Path::new("b.md");
        assert_eq!(
            related.of(CaseStudyId::new(1), b)[0].file,
            Arc::from(Path::new("a.md"))
        );
        // b.md now first in the title order: still its own list.
        assert_eq!(
            related.of(CaseStudyId::new(0), b)[0].file,
            Arc::from(Path::new("a.md"))
        );
        assert!(
            related
                .of(CaseStudyId::new(7), std::path::Path::new("gone.md"))
                .is_empty()
        );
        assert!(related.differing(&related.clone()).is_empty());
        assert_eq!(
            related.differing(&Related::default()),
            vec![PathBuf::from("a.md"), PathBuf::from("b.md")]
        );
    }
}
