//! `compendium-synth --count N --seed S --out DIR`: writes a deterministic
//! synthetic corpus (DIR/content/case-studies/synth-NNNNN.md) for benchmarks.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a deterministic synthetic corpus of case studies, for benchmarks and tests.
///
/// Example: compendium-synth --count 10000 --seed 1 --out target/bench-corpus-10000
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// How many case studies to write.
    #[arg(long, default_value_t = 1000)]
    count: usize,
    /// The seed: the same seed always gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The site folder to write into (case studies go to DIR/content/case-studies/).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let Cli { count, seed, out } = Cli::parse();
    let started = std::time::Instant::now();
    match compendium_synth::generate(&out, count, seed) {
        Ok(()) => {
            let folder = out.join("content").join("case-studies");
            println!(
                "Wrote {count} synthetic case studies (seed {seed}) to {}/synth-*.md in {:.2} s",
                folder.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "cannot write the synthetic corpus into {}: {e}",
                out.display()
            );
            ExitCode::FAILURE
        }
    }
}
