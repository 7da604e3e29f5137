//! A deterministic synthetic corpus for benchmarks and scale tests.
//!
//! [`generate`] writes `count` case studies, `content/case-studies/synth-NNNNN.md`,
//! that are valid in the documented content format: real English and Welsh
//! council names with their type and region, functions, a model, savings and
//! costs (some of them per-partner shares), lessons, contacts, sources, tags,
//! and about 900 words of Markdown in the three usual sections.
//!
//! The text is made from sentence templates. Most are filled from a domain
//! word list of several hundred local-government words, each category drawn
//! with Zipf-like weights, so searches for "procurement", "waste" or
//! "council" behave as on real case studies. About one sentence in five
//! instead carries the long tail: real English words from the Snowball
//! stemmer's test vocabulary (`tests/data/snowball-english`, 42,649 words,
//! embedded), less any that would analyse to a domain word's search term,
//! drawn with Zipf–Mandelbrot weights over one fixed order (see
//! `lexicon.rs`); a few domain nouns get such a word before them too. Each
//! case study also has its own cast of names, mentioned again and again:
//! invented towns (English or Welsh place-name elements), a named project,
//! a local group, and people (common and invented surnames) who are its
//! contacts and are quoted in the text (see `names.rs`).
//!
//! So the vocabulary grows with the corpus as real text's does. Distinct
//! body words (lower-cased alphabetic tokens, seed 1; before this vocabulary,
//! 1,236 at every size): 16,260 at 1,000 case studies, 53,064 at 10,000 and
//! 102,850 at 100,000. At 10,000, 35,434 of them are in 1 to 3 case studies
//! (19,483 in one), and the commonest word ("the", 726,557 times) is 1,356
//! times as frequent as the 1,000th. Generating 10,000 takes 1.3 to 1.9 s
//! of user CPU (0.8 to 1.3 s before) and 100,000 12.9 s (10.4 s before); on
//! the shared 2-core machine the wall time is mostly writing the files and
//! swings with other work: 0.7 to 13 s for 10,000, old and new alike, and
//! 16.8 s for 100,000 (23.8 s before).
//!
//! Everything comes from a hand-written SplitMix64 generator and integer
//! arithmetic only (no floating point, no hash-map iteration), so one seed
//! gives byte-identical files on every platform. Each file has its own
//! generator seeded from (seed, index), so files can be made in parallel and
//! file N is the same whatever `count` is (links to other case studies aside,
//! which only point at indexes below `count`). The long-tail word order is
//! fixed by a hash of each word, not by the seed; which words it leaves out
//! follows the product's analyser and thesaurus, so a change there can
//! change the corpus, as a change to its vocabularies can.

//!
//! The vocabularies (functions, regions, delivery models, organisation types),
//! the money period and status words and the date rules come from the
//! `compendium` library itself, so the corpus
//! cannot drift from what the product accepts. This crate is a development
//! tool: the product neither depends on it nor ships it.

mod lexicon;
mod money;
mod names;
mod organisations;
mod plan;
mod rng;
mod text;
mod vocab;
mod words;
mod yaml;

use plan::Plan;
use rayon::prelude::*;
use rng::Rng;
use std::path::Path;

/// Writes `count` synthetic case studies into `dir/content/case-studies/`.
///
/// Creates the folder if needed and removes `synth-*.md` files left there by
/// an earlier, larger run, so the folder holds exactly this corpus (other
/// files are left alone). Writes nothing else: no `site.yaml`.
pub fn generate(dir: &Path, count: usize, seed: u64) -> std::io::Result<()> {
    let folder = dir.join("content").join("case-studies");
    std::fs::create_dir_all(&folder)?;
    for entry in std::fs::read_dir(&folder)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if let Some(index) = synth_index(name)
            && (index >= count || name != file_name(index))
        {
            std::fs::remove_file(entry.path())?;
        }
    }
    (0..count).into_par_iter().try_for_each(|index| {
        let text = case_study(seed, index, count);
        std::fs::write(folder.join(file_name(index)), text)
    })
}

/// `synth-00042.md`.
pub fn file_name(index: usize) -> String {
    format!("synth-{index:05}.md")
}

/// The index of a file named like `synth-00042.md`.
fn synth_index(name: &str) -> Option<usize> {
    let digits = name.strip_prefix("synth-")?.strip_suffix(".md")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The whole text of case study `index` of a corpus of `count`.
pub fn case_study(seed: u64, index: usize, count: usize) -> String {
    let mut rng = Rng::for_file(seed, index as u64);
    let cs = Plan::new(&mut rng, index, count);
    let mut out = String::with_capacity(9 * 1024);
    cs.front_matter(&mut rng, &mut out);
    cs.body(&mut rng, &mut out);
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    /// A fresh, unique scratch folder under the system temp dir.
    pub(crate) fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("compendium-synth-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch folder");
        dir
    }

    fn read_corpus(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let folder = dir.join("content").join("case-studies");
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
            .expect("read corpus")
            .map(|e| {
                let e = e.expect("entry");
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).expect("read file"),
                )
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn same_seed_gives_identical_bytes() {
        let a = scratch("same-a");
        let b = scratch("same-b");
        generate(&a, 20, 42).expect("generate a");
        generate(&b, 20, 42).expect("generate b");
        let (fa, fb) = (read_corpus(&a), read_corpus(&b));
        assert_eq!(fa.len(), 20);
        assert_eq!(fa, fb);
        // Only case studies are written: no site.yaml, nothing else.
        let top: Vec<_> = std::fs::read_dir(a.join("content"))
            .expect("content")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(top, vec![std::ffi::OsString::from("case-studies")]);
        let _ = std::fs::remove_dir_all(&a);
        let _ = std::fs::remove_dir_all(&b);
    }

    #[test]
    fn different_seeds_differ() {
        let a = case_study(1, 0, 10);
        let b = case_study(2, 0, 10);
        assert_ne!(a, b);
        assert_ne!(case_study(1, 0, 10), case_study(1, 1, 10));
        // A case study does not depend on the corpus size unless it links to another.
        assert_eq!(case_study(7, 3, 10), case_study(7, 3, 10));
    }

    #[test]
    fn a_case_study_is_the_same_whatever_the_corpus_size() {
        // The generator draws the same numbers whatever `count` is; only the
        // target of a link to another case study depends on it.
        let mut compared = 0;
        for i in 0..30 {
            let small = case_study(13, i, 40);
            if small.contains("](synth-") {
                continue;
            }
            assert_eq!(small, case_study(13, i, 50_000), "case study {i}");
            compared += 1;
        }
        assert!(compared > 20, "only {compared} compared");
    }

    /// The vocabulary is large and Zipf-like: many distinct words, a long
    /// tail of words in only a few case studies, and a head far more
    /// frequent than the thousandth word. Measured for these 2,000 (seed 4):
    /// 24,666 distinct words, 19,892 in 1 to 3 case studies, the commonest
    /// 1,358 times as frequent as the 1,000th; the floors leave room for
    /// small changes to the templates.
    #[test]
    fn the_vocabulary_is_large_with_a_long_tail() {
        let n = 2000;
        let counts: Vec<BTreeMap<String, usize>> = (0..n)
            .into_par_iter()
            .map(|i| {
                let text = case_study(4, i, n);
                let body = text.splitn(3, "---\n").nth(2).expect("body");
                let mut counts = BTreeMap::new();
                for w in body
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                {
                    *counts.entry(w.to_lowercase()).or_default() += 1;
                }
                counts
            })
            .collect();
        let mut total: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for doc in &counts {
            for (w, c) in doc {
                let e = total.entry(w.as_str()).or_default();
                e.0 += c;
                e.1 += 1;
            }
        }
        let distinct = total.len();
        let rare = total.values().filter(|(_, docs)| *docs <= 3).count();
        let mut freqs: Vec<usize> = total.values().map(|(f, _)| *f).collect();
        freqs.sort_unstable_by(|a, b| b.cmp(a));
        assert!(distinct > 20_000, "{distinct} distinct words");
        assert!(rare > 15_000, "{rare} words in 1 to 3 case studies");
        assert!(
            freqs[0] > 500 * freqs[999],
            "commonest {} times, 1000th {} times",
            freqs[0],
            freqs[999]
        );
        // The domain words are still everywhere.
        for word in ["procurement", "council", "savings"] {
            let docs = total.get(word).map_or(0, |(_, d)| *d);
            assert!(docs > n * 9 / 10, "{word} in {docs} case studies");
        }
    }

    #[test]
    fn a_smaller_run_removes_stale_files() {
        let dir = scratch("stale");
        generate(&dir, 12, 5).expect("generate");
        generate(&dir, 4, 5).expect("regenerate");
        let names: Vec<String> = read_corpus(&dir).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            vec![
                "synth-00000.md",
                "synth-00001.md",
                "synth-00002.md",
                "synth-00003.md"
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bodies_are_about_900_words() {
        let mut total = 0;
        for i in 0..40 {
            let text = case_study(9, i, 40);
            let body = text.splitn(3, "---\n").nth(2).expect("body");
            let words = body.split_whitespace().count();
            assert!(
                (600..1400).contains(&words),
                "case study {i} has {words} words"
            );
            total += words;
            for section in [
                "## What was the approach?",
                "## What's been achieved?",
                "## What's been learned?",
            ] {
                assert!(body.contains(section), "{section} missing from {i}");
            }
        }
        let mean = total / 40;
        assert!((800..1000).contains(&mean), "mean body length {mean} words");
    }

    #[test]
    fn word_frequencies_are_skewed() {
        let mut counts: std::collections::BTreeMap<String, usize> =
            std::collections::BTreeMap::new();
        for i in 0..100 {
            let text = case_study(3, i, 100);
            let body = text.splitn(3, "---\n").nth(2).expect("body");
            for w in body
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
            {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
        let mut freqs: Vec<usize> = counts.values().copied().collect();
        freqs.sort_unstable_by(|a, b| b.cmp(a));
        assert!(freqs.len() > 500, "only {} distinct words", freqs.len());
        // Zipf-like: log(frequency) against log(rank) has a slope near -1.
        let n = 500;
        let xs: Vec<f64> = (1..=n).map(|r| (r as f64).ln()).collect();
        let ys: Vec<f64> = freqs[..n].iter().map(|&f| (f as f64).ln()).collect();
        let (mx, my) = (
            xs.iter().sum::<f64>() / n as f64,
            ys.iter().sum::<f64>() / n as f64,
        );
        let cov: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
        let var: f64 = xs.iter().map(|x| (x - mx) * (x - mx)).sum();
        let slope = cov / var;
        assert!(
            (-1.4..-0.7).contains(&slope),
            "rank-frequency slope {slope}"
        );
    }

    #[test]
    fn a_generated_corpus_passes_validation() {
        let dir = scratch("valid");
        generate(&dir, 50, 2011).expect("generate");
        let opts = compendium::pipeline::Options {
            root: dir.clone(),
            include_drafts: false,
            base_url: None,
        };
        let built = match compendium::pipeline::run(&opts) {
            Ok(built) => built,
            Err(diags) => panic!(
                "{}",
                compendium::diagnostics::render_all(
                    &diags,
                    compendium::diagnostics::Format::Human,
                    false
                )
            ),
        };
        assert_eq!(built.site.all_case_studies().len(), 50);
        assert!(
            built.warnings.is_empty(),
            "{}",
            compendium::diagnostics::render_all(
                &built.warnings,
                compendium::diagnostics::Format::Human,
                false
            )
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
