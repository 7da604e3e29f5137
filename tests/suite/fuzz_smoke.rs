//! A short, stable-toolchain run of every fuzz target: each target's check
//! (`compendium-fuzz-checks`, which `fuzz/` hands to libFuzzer) over seeds
//! from the repository and deterministic mutations of them. It finds what a
//! few thousand inputs can find, in seconds and the same way every run;
//! the long runs are `cargo +nightly fuzz run <target>` (see the README's
//! reliability section). A failing input is saved under `target/` and named.

use compendium_fuzz_checks::TARGETS;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Inputs each target is given beyond its seeds.
const MUTATIONS: usize = 3000;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = walk(dir).into_iter().filter(|p| keep(p)).collect();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn is_markdown(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "md")
}

/// Seeds of a target: files in its format from the repository (the
/// bad-input corpus among them) or, for shards, the bundled site's own.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    match target {
        "search_shard" => {
            let site = crate::support::bundled_site::BundledSite::shared();
            files_under(&site.out.join("search"), |p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("terms-"))
            })
            .into_iter()
            .filter_map(|gz| {
                let mut bytes = Vec::new();
                flate2::read::GzDecoder::new(gz.as_slice())
                    .read_to_end(&mut bytes)
                    .ok()
                    .map(|_| bytes)
            })
            .collect()
        }
        _ => {
            let mut seeds = files_under(&repo().join("content"), is_markdown);
            seeds.extend(files_under(&repo().join("tests/corpus"), is_markdown));
            seeds
        }
    }
}

/// xorshift64*: the same inputs every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// One mutation of `input`, with `other` for splicing: a byte changed,
/// inserted or removed, a span removed or repeated, a cut, or a splice.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    let at = rng.below(out.len() + 1);
    const BYTES: &[u8] = b"\0\n\r\t -:[]{}\"'#&*!|>%@`\\\x7f\x80\xff";
    match rng.below(7) {
        0 if at < out.len() => out[at] = BYTES[rng.below(BYTES.len())],
        1 => out.insert(at, BYTES[rng.below(BYTES.len())]),
        2 if at < out.len() => {
            out.remove(at);
        }
        3 => {
            let end = (at + rng.below(64)).min(out.len());
            out.drain(at..end);
        }
        4 => {
            let end = (at + rng.below(64)).min(out.len());
            let span = out[at..end].to_vec();
            out.splice(
                at..at,
                span.iter().cycle().take(span.len() * rng.below(8)).copied(),
            );
        }
        5 => out.truncate(at),
        _ => {
            let from = rng.below(other.len() + 1);
            out.truncate(at);
            out.extend_from_slice(&other[from..]);
        }
    }
    out
}

fn run(target: &str) {
    let Some(&(_, check)) = TARGETS.iter().find(|(name, _)| *name == target) else {
        panic!("no fuzz target {target}");
    };
    let seeds = seeds(target);
    assert!(!seeds.is_empty(), "no seeds for {target}");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut inputs: Vec<Vec<u8>> = seeds.clone();
    for i in 0..MUTATIONS {
        let base = &inputs[rng.below(inputs.len())];
        let other = &seeds[i % seeds.len()];
        let mutated = mutate(&mut rng, base, other);
        inputs.push(mutated);
    }
    for input in &inputs {
        if std::panic::catch_unwind(|| check(input)).is_err() {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-smoke");
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("{target}-{}.bin", input.len()));
            let _ = std::fs::write(&file, input);
            panic!(
                "fuzz target {target} failed on the input saved as {} (run it again with \
                 `cargo +nightly fuzz run {target} {}` from fuzz/)",
                file.display(),
                file.display()
            );
        }
    }
}

fn front_matter_survives_seeds_and_mutations() {
    run("front_matter");
}

fn markdown_survives_seeds_and_mutations() {
    run("markdown");
}

fn search_shard_decoder_survives_seeds_and_mutations() {
    run("search_shard");
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        front_matter_survives_seeds_and_mutations,
        markdown_survives_seeds_and_mutations,
        search_shard_decoder_survives_seeds_and_mutations,
    ]
}
