//! The command line: parses arguments and calls one pipeline function per
//! command. Exit codes: 0 success, 1 invalid content or failed build, 2 usage.

use clap::{Parser, Subcommand};
use compendium::diagnostics::{self, Diagnostic, Format};
use compendium::pipeline;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "compendium", version, about = "Build a searchable compendium of shared-services case studies as a static site.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from DIR/content into DIR/public (or --out).
    ///
    /// Every file is validated first; if anything is wrong, nothing is written
    /// and the previous output stays exactly as it was.
    ///
    /// Example: compendium build --base-url https://compendium.example.org/
    Build {
        /// The site's folder, holding `content/` (default: the current folder).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: ROOT/public).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The address the site will be served from, for canonical links, feeds and the sitemap.
        #[arg(long)]
        base_url: Option<String>,
        /// Include case studies and pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Validate everything `build` would, and write nothing.
    ///
    /// Example: compendium check --format github
    Check {
        /// The site's folder, holding `content/`.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print problems: `human` (source line and caret), `json` (one object per line) or `github` (CI annotations).
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Check drafts too.
        #[arg(long)]
        drafts: bool,
    },
    /// Start a new case study from a commented template.
    ///
    /// Writes content/case-studies/<slug>.md, with the slug made from the
    /// title; refuses to overwrite an existing file.
    ///
    /// Example: compendium new "Adur and Worthing: shared management"
    New {
        /// The case study's title.
        title: String,
        /// The site's folder, holding `content/`.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out, base_url, drafts } => build(root, out, base_url, drafts),
        Command::Check { root, format, drafts } => check(root, format, drafts),
        Command::New { title, root } => new(root, &title),
    }
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn report(diags: &[Diagnostic], format: Format) {
    if diags.is_empty() {
        return;
    }
    let text = diagnostics::render_all(diags, format, color());
    match format {
        Format::Human => eprint!("{text}"),
        _ => print!("{text}"),
    }
}

fn build(root: PathBuf, out: Option<PathBuf>, base_url: Option<String>, drafts: bool) -> ExitCode {
    let started = std::time::Instant::now();
    let out = pipeline::output_dir(&root, out.as_deref());
    let opts = pipeline::Options { root, include_drafts: drafts, base_url };
    match pipeline::build(&opts, &out) {
        Ok(built) => {
            report(&built.warnings, Format::Human);
            let timings: Vec<String> = built.timings.iter().map(|(name, d)| format!("{name} {:.0} ms", d.as_secs_f64() * 1000.0)).collect();
            eprintln!(
                "Built {} case studies into {} ({} files) in {:.2} s [{}]",
                built.site.case_studies.len(),
                out.display(),
                built.files.len(),
                started.elapsed().as_secs_f64(),
                timings.join(", ")
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            report(&diags, Format::Human);
            eprintln!("Build failed; {} was left as it was.", out.display());
            ExitCode::FAILURE
        }
    }
}

fn check(root: PathBuf, format: Format, drafts: bool) -> ExitCode {
    let opts = pipeline::Options { root, include_drafts: drafts, base_url: None };
    match pipeline::run(&opts) {
        Ok(built) => {
            report(&built.warnings, format);
            if format == Format::Human {
                eprintln!("{} case studies and {} pages checked: no errors.", built.site.case_studies.len(), built.site.pages.len());
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            report(&diags, format);
            ExitCode::FAILURE
        }
    }
}

fn new(root: PathBuf, title: &str) -> ExitCode {
    match pipeline::new_case_study(&root, title) {
        Ok(path) => {
            eprintln!("Wrote {}. Fill in the placeholders, then run `compendium check`.", path.display());
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&[d], Format::Human);
            ExitCode::FAILURE
        }
    }
}
