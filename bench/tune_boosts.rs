//! Tunes the text fields' boosts (`TEXT_FIELDS` in src/search/schema.rs) on
//! the judged set, `tests/search_judged/queries.txt`, scored exactly as the
//! search quality test scores it (the same file, `judged.rs`, included
//! below):
//!
//!     cargo bench --bench tune_boosts
//!
//! It loads the bundled site and builds its index once, then tries boosts by
//! overwriting those the built index holds (`index.schema.text`, which is
//! what `query::run` weighs each field's term query by) and running every
//! judged query through `query::run` with a limit of 10, as
//! `compendium search --json` does. The objective is mean nDCG@5 over the
//! answerable queries, P@3 breaking ties.
//!
//! The search is coordinate descent over a grid, body fixed at 1.0 as the
//! unit (only the ratios between boosts change a ranking), starting from
//! the boosts in the schema and moving a boost only for a strict gain, so a
//! plateau keeps what is there. Against fitting 143 queries' noise, the
//! queries are split in two halves (alternate queries of each kind, in file
//! order), boosts are tuned on each half, and a half's boosts are adopted
//! only if the other half, which they never saw, does not lose, and nor do
//! their own half and the whole set (the better of the two if both pass).
//! Boosts tuned on the whole set are printed for reference, never adopted:
//! nothing would check them. Nothing is written: the verdict says what to
//! put in the schema.

#[path = "../tests/search_judged/judged.rs"]
mod judged;

use compendium::pipeline::{self, Options};
use compendium::search::index::SearchIndex;
use compendium::search::query::{self, Request};
use compendium::search::schema::TEXT_FIELDS;
use judged::{Figures, Judged};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How many results a query asks for, as the site's search page and the
/// quality test do.
const LIMIT: usize = 10;

/// The values each boost may take (body is the unit, 1.0).
const GRID: [f32; 10] = [0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0];

/// Passes of coordinate descent at most; it stops earlier when a whole
/// pass moves nothing.
const MAX_PASSES: usize = 6;

/// Figures closer than this are equal: sums of the same terms in another
/// order differ in the last bits, which must not count as a gain.
const EPSILON: f64 = 1e-9;

type Boosts = [f32; TEXT_FIELDS.len()];

/// The index of the body field, held at 1.0.
const BODY: usize = TEXT_FIELDS.len() - 1;

struct Tuner {
    index: SearchIndex,
    /// Slug of each case study id.
    slugs: Vec<String>,
    judged: Vec<Judged>,
}

impl Tuner {
    /// Every judged query's hits (slugs, best first) under `boosts`.
    fn run(&mut self, boosts: &Boosts) -> Result<Vec<Vec<String>>, String> {
        for (held, boost) in self.index.schema.text.iter_mut().zip(boosts) {
            held.1 = *boost;
        }
        self.judged
            .iter()
            .map(|j| {
                let request = Request {
                    text: &j.query,
                    limit: LIMIT,
                    ..Request::default()
                };
                let results = query::run(&self.index, &request)
                    .map_err(|e| format!("query {:?}: {e}", j.query))?;
                Ok(results
                    .hits
                    .iter()
                    .filter_map(|h| self.slugs.get(h.id).cloned())
                    .collect())
            })
            .collect()
    }

    /// The figures of the queries `which` selects, under hits `all`.
    fn figures(&self, all: &[Vec<String>], which: &[usize]) -> Figures {
        let mut f = Figures::default();
        for &i in which {
            f.add(&self.judged[i], &all[i]);
        }
        f
    }

    /// Coordinate descent from `start`, scored on the queries `which`.
    fn tune(&mut self, start: Boosts, which: &[usize]) -> Result<(Boosts, usize), String> {
        let mut best = start;
        let hits = self.run(&best)?;
        let mut best_score = score(&self.figures(&hits, which));
        let mut tried = 1;
        for _ in 0..MAX_PASSES {
            let mut moved = false;
            for field in 0..BODY {
                for value in GRID {
                    if value == best[field] {
                        continue;
                    }
                    let mut candidate = best;
                    candidate[field] = value;
                    let hits = self.run(&candidate)?;
                    tried += 1;
                    let s = score(&self.figures(&hits, which));
                    if better(s, best_score) {
                        best = candidate;
                        best_score = s;
                        moved = true;
                    }
                }
            }
            if !moved {
                break;
            }
        }
        Ok((best, tried))
    }
}

/// (mean nDCG@5, mean P@3): the objective, then its tie-break.
fn score(f: &Figures) -> (f64, f64) {
    (f.mean_ndcg5(), f.mean_p3())
}

fn better(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 > b.0 + EPSILON || ((a.0 - b.0).abs() <= EPSILON && a.1 > b.1 + EPSILON)
}

/// Neither figure lower than before (within rounding).
fn no_worse(after: (f64, f64), before: (f64, f64)) -> bool {
    after.0 + EPSILON >= before.0 && after.1 + EPSILON >= before.1
}

fn shown(boosts: &Boosts) -> String {
    TEXT_FIELDS
        .iter()
        .zip(boosts)
        .map(|((name, _), b)| format!("{name} {b}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Half A and half B: within each kind, the queries alternate between them
/// in file order, so each half has about half of every kind.
fn halves(judged: &[Judged]) -> (Vec<usize>, Vec<usize>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (i, j) in judged.iter().enumerate() {
        let n = seen.entry(j.kind.as_str()).or_default();
        if n.is_multiple_of(2) { &mut a } else { &mut b }.push(i);
        *n += 1;
    }
    (a, b)
}

/// The quality test's table of `hits`, per kind and overall.
fn per_kind(judged: &[Judged], hits: &[Vec<String>]) -> String {
    let mut by_kind: BTreeMap<&str, Figures> = BTreeMap::new();
    let mut overall = Figures::default();
    for (j, h) in judged.iter().zip(hits) {
        by_kind.entry(j.kind.as_str()).or_default().add(j, h);
        overall.add(j, h);
    }
    judged::table(&by_kind, &overall)
}

fn main() {
    if let Err(e) = tune() {
        eprintln!("tune_boosts: {e}");
        std::process::exit(1);
    }
}

fn tune() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let judged = judged::load(&root)?;
    let site = pipeline::load_site(&Options {
        root: root.clone(),
        include_drafts: false,
        base_url: None,
    })
    .map_err(|diags| {
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        format!("the bundled site does not load: {}", messages.join("; "))
    })?
    .0;
    let index = compendium::search::index::build(&site).map_err(|e| format!("index: {e}"))?;
    let slugs = site
        .all_case_studies()
        .iter()
        .map(|c| c.slug.to_string())
        .collect();
    let mut tuner = Tuner {
        index,
        slugs,
        judged,
    };
    let all: Vec<usize> = (0..tuner.judged.len()).collect();
    let (half_a, half_b) = halves(&tuner.judged);
    let sets = [("whole", &all), ("half A", &half_a), ("half B", &half_b)];

    let current: Boosts = TEXT_FIELDS.map(|(_, b)| b);
    let started = std::time::Instant::now();
    let before_hits = tuner.run(&current)?;
    let one_run = started.elapsed();
    println!(
        "{} judged queries ({} in half A, {} in half B), {} case studies; one run of them all: {:.0} ms",
        all.len(),
        half_a.len(),
        half_b.len(),
        tuner.slugs.len(),
        one_run.as_secs_f64() * 1000.0
    );
    println!("schema's boosts: {}", shown(&current));

    let (tuned_a, tried_a) = tuner.tune(current, &half_a)?;
    let (tuned_b, tried_b) = tuner.tune(current, &half_b)?;
    let (tuned_all, tried_all) = tuner.tune(current, &all)?;
    println!(
        "tuned on half A ({tried_a} boost sets tried): {}",
        shown(&tuned_a)
    );
    println!("tuned on half B ({tried_b} tried): {}", shown(&tuned_b));
    println!(
        "tuned on the whole set ({tried_all} tried, for reference only): {}",
        shown(&tuned_all)
    );

    let candidates = [
        ("schema", current, before_hits),
        ("tuned on A", tuned_a, tuner.run(&tuned_a)?),
        ("tuned on B", tuned_b, tuner.run(&tuned_b)?),
        ("tuned on all", tuned_all, tuner.run(&tuned_all)?),
    ];
    println!("\nmean nDCG@5 / P@3 of each boost set on each set of queries:");
    println!(
        "{:<14} {:>15} {:>15} {:>15}",
        "boosts", "whole", "half A", "half B"
    );
    for (name, _, hits) in &candidates {
        let cells: Vec<String> = sets
            .iter()
            .map(|(_, which)| {
                let (n5, p3) = score(&tuner.figures(hits, which));
                format!("{n5:.4} / {p3:.3}")
            })
            .collect();
        println!(
            "{name:<14} {:>15} {:>15} {:>15}",
            cells[0], cells[1], cells[2]
        );
    }

    let (_, _, before) = &candidates[0];
    println!("\nper kind, the schema's boosts:");
    println!("{}", per_kind(&tuner.judged, before));
    println!("\nper kind, mean nDCG@5 / P@3 of each boost set:");
    print!("{:<14}", "kind");
    for (name, _, _) in &candidates {
        print!(" {name:>15}");
    }
    println!();
    for kind in judged::KINDS {
        let which: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| tuner.judged[i].kind == kind && tuner.judged[i].answerable())
            .collect();
        if which.is_empty() {
            continue;
        }
        print!("{kind:<14}");
        for (_, _, hits) in &candidates {
            let (n5, p3) = score(&tuner.figures(hits, &which));
            print!(" {:>15}", format!("{n5:.3} / {p3:.3}"));
        }
        println!();
    }
    // Which queries a change of boosts moves, so that a gain or loss can be
    // read as the few queries it is rather than as a trend.
    for (name, _, hits) in &candidates[1..] {
        println!("\nqueries whose nDCG@5 the boosts {name} change:");
        for (i, j) in tuner.judged.iter().enumerate() {
            if !j.answerable() {
                continue;
            }
            let (b, a) = (judged::ndcg(j, &before[i], 5), judged::ndcg(j, &hits[i], 5));
            if (a - b).abs() > EPSILON {
                let half = if half_a.contains(&i) { "A" } else { "B" };
                println!(
                    "  {b:.3} -> {a:.3}  half {half}  {:<13} {:?}",
                    j.kind, j.query
                );
            }
        }
    }

    // Each half's boosts, judged on the half they never saw (the estimate
    // of what tuning gains on queries nobody has written yet), and on the
    // whole set and their own half, none of which may lose.
    let mut adopt: Option<(&str, Boosts, (f64, f64))> = None;
    for (name, held_out, (label, boosts, hits)) in [
        ("half B", &half_b, &candidates[1]),
        ("half A", &half_a, &candidates[2]),
    ] {
        let b = score(&tuner.figures(before, held_out));
        let a = score(&tuner.figures(hits, held_out));
        println!(
            "\n{label}, on {name} (held out): nDCG@5 {:+.4}, P@3 {:+.3}",
            a.0 - b.0,
            a.1 - b.1
        );
        let mut passes = *boosts != current;
        let mut gains = false;
        for (set, which) in &sets {
            let b = score(&tuner.figures(before, which));
            let a = score(&tuner.figures(hits, which));
            let word = if better(a, b) {
                gains = true;
                "better"
            } else if no_worse(a, b) {
                "no worse"
            } else {
                passes = false;
                "WORSE"
            };
            println!("  on {set}: {word}");
        }
        let whole = score(&tuner.figures(hits, &all));
        if passes && gains && adopt.is_none_or(|(_, _, w)| better(whole, w)) {
            adopt = Some((label, *boosts, whole));
        }
    }
    match adopt {
        Some((label, boosts, _)) => {
            println!("\nverdict: adopt the boosts {label} (no set of queries loses):");
            let hits = tuner.run(&boosts)?;
            println!("{}", per_kind(&tuner.judged, &hits));
            println!("in src/search/schema.rs:");
            for ((name, _), b) in TEXT_FIELDS.iter().zip(&boosts) {
                println!("    (\"{name}\", {b:?}),");
            }
        }
        None => println!(
            "\nverdict: keep the schema's boosts: neither half's tuned boosts gain without a set of queries losing"
        ),
    }
    Ok(())
}
