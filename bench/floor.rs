//! The physical floor of a build: the time to read every content file and
//! run pulldown-cmark over every body, and nothing else, on every core as
//! the build does. A build can hardly be faster than this; the peers bench
//! prints the build as a multiple of it.
//!
//!     cargo bench --bench floor -- DIR [RUNS]
//!
//! DIR is a site folder (holding `content/`); RUNS (default 3) counted runs
//! after one warm-up, median printed. Reads only; writes nothing.

use compendium::content::frontmatter;
use compendium::content::load::source_from_text;
use compendium::model::markdown;
use pulldown_cmark::{Parser, html};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Where the body starts after the front matter, found as the build finds it.
fn body_offset(path: &Path, text: &str) -> usize {
    source_from_text(path.to_path_buf(), text)
        .ok()
        .and_then(|file| frontmatter::split(&file).ok().map(|s| s.body_offset))
        .unwrap_or(0)
}

/// Reads every file and renders every body; returns the bytes of HTML made
/// (so the work cannot be optimised away).
fn floor(files: &[PathBuf]) -> usize {
    let options = markdown::options();
    files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let mut out = String::with_capacity(text.len() * 3 / 2);
            html::push_html(
                &mut out,
                Parser::new_ext(&text[body_offset(path, &text)..], options),
            );
            out.len()
        })
        .sum()
}

fn main() {
    // `cargo bench` passes `--bench`; the folder is the first other argument.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: cargo bench --bench floor -- DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let files = markdown_files(Path::new(dir));
    if files.is_empty() {
        eprintln!("no Markdown files under {dir}/content");
        std::process::exit(2);
    }
    floor(&files);
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            let bytes = floor(&files);
            std::hint::black_box(bytes);
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "floor: {} files read and rendered by pulldown-cmark in {median:.3} s (median of {}; {} threads)",
        files.len(),
        times.len(),
        rayon::current_num_threads()
    );
}
