//! Where a build's time goes, step by step, for `compendium build --timings`.
//!
//! Most steps run on every core at once (a file is read, parsed, rendered
//! and written on whichever thread has it), so a step's figure is *thread
//! time*: the time spent in it summed over the threads, which can exceed
//! the wall time of the build. The summary line's wall times say how the
//! steps overlapped.
//!
//! The counters are process-wide, so that the deepest steps (reading one
//! file, rendering one page) need no handle passed down to them; a build
//! starts them from zero ([`reset`]). Two builds running at once in one
//! process (only the tests do that) would mix their figures, never their
//! output.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A step of the build, in the order the table lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    ReadFiles,
    FrontMatter,
    Validate,
    Markdown,
    Model,
    ListSpare,
    Index,
    Related,
    Export,
    RenderCaseStudies,
    RenderListings,
    RenderTerms,
    RenderOrganisations,
    RenderLessons,
    RenderData,
    RenderOther,
    WriteFiles,
    Swap,
}

const STEPS: [(Step, &str); 18] = [
    (Step::ReadFiles, "read files"),
    (Step::FrontMatter, "parse front matter (YAML)"),
    (Step::Validate, "validate fields"),
    (Step::Markdown, "parse Markdown (pulldown-cmark)"),
    (Step::Model, "model (wall)"),
    (Step::ListSpare, "list the spare to reuse"),
    (Step::Index, "search index (wall)"),
    (Step::Related, "related case studies (wall)"),
    (Step::Export, "search export (wall)"),
    (Step::RenderCaseStudies, "render case study pages"),
    (Step::RenderListings, "render listings and home"),
    (Step::RenderTerms, "render function, region... pages"),
    (Step::RenderOrganisations, "render organisation pages"),
    (Step::RenderLessons, "render lessons pages"),
    (Step::RenderData, "render open data, feeds, sitemap"),
    (Step::RenderOther, "render other pages and assets"),
    (Step::WriteFiles, "write files"),
    (Step::Swap, "swap in (wall)"),
];

static NANOS: [AtomicU64; STEPS.len()] = [const { AtomicU64::new(0) }; STEPS.len()];
static CALLS: [AtomicU64; STEPS.len()] = [const { AtomicU64::new(0) }; STEPS.len()];

fn slot(step: Step) -> usize {
    STEPS.iter().position(|(s, _)| *s == step).unwrap_or(0)
}

/// Adds `elapsed` to `step`.
pub fn add(step: Step, elapsed: Duration) {
    let i = slot(step);
    let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
    NANOS[i].fetch_add(nanos, Ordering::Relaxed);
    CALLS[i].fetch_add(1, Ordering::Relaxed);
}

/// Runs `f`, counting its time to `step`.
pub fn time<T>(step: Step, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    add(step, t.elapsed());
    out
}

/// Starts every counter from zero.
pub fn reset() {
    for (n, c) in NANOS.iter().zip(&CALLS) {
        n.store(0, Ordering::Relaxed);
        c.store(0, Ordering::Relaxed);
    }
}

/// Each step that ran: its name, its time and how many times it ran.
pub fn table() -> Vec<(&'static str, Duration, u64)> {
    STEPS
        .iter()
        .enumerate()
        .filter(|(i, _)| CALLS[*i].load(Ordering::Relaxed) > 0)
        .map(|(i, (_, name))| {
            (
                *name,
                Duration::from_nanos(NANOS[i].load(Ordering::Relaxed)),
                CALLS[i].load(Ordering::Relaxed),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_a_name_once() {
        for (i, (step, _)) in STEPS.iter().enumerate() {
            assert_eq!(slot(*step), i);
        }
    }
}
