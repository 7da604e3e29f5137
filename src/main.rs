//! The command line: parses arguments and calls one pipeline function per
//! command. Exit codes: 0 success, 1 invalid content or failed build, 2 usage.

use clap::{Parser, Subcommand};
use compendium::diagnostics::{self, Diagnostic, Format};
use compendium::pipeline;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "compendium",
    version,
    about = "Build a searchable compendium of shared-services case studies as a static site."
)]
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
    /// Search the case studies from the command line, with the same index,
    /// ranking and filters as the site's search page.
    ///
    /// Example: compendium search "shared waste contract" --region london --limit 5
    Search {
        /// The query: words to look for (the last word also matches as a prefix).
        query: String,
        /// The site's folder, holding `content/`.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only case studies with this function (repeat for alternatives).
        #[arg(long)]
        function: Vec<String>,
        /// Only case studies with a partner in this region (repeat for alternatives).
        #[arg(long)]
        region: Vec<String>,
        /// Only case studies with this delivery model (repeat for alternatives).
        #[arg(long)]
        model: Vec<String>,
        /// Only case studies with a partner of this organisation type (repeat for alternatives).
        #[arg(long = "type")]
        org_type: Vec<String>,
        /// How many results to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print results as JSON (with scores, the query plan and facet counts).
        #[arg(long)]
        json: bool,
    },
    /// Serve the site on 127.0.0.1 while you edit: rebuilds what a change
    /// affects and reloads open pages; broken content keeps the last good
    /// site served, with the errors shown on every page.
    ///
    /// Example: compendium serve --port 8000 --open
    Serve {
        /// The site's folder, holding `content/`.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Address to listen on. Anything but a loopback address lets other machines see your drafts.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Include drafts.
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
        Command::Build {
            root,
            out,
            base_url,
            drafts,
        } => build(root, out, base_url, drafts),
        Command::Check {
            root,
            format,
            drafts,
        } => check(root, format, drafts),
        Command::New { title, root } => new(root, &title),
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
        } => {
            let opts = compendium::serve::ServeOptions {
                root,
                bind,
                port,
                open,
                include_drafts: drafts,
            };
            match compendium::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    report(&[d], Format::Human);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Search {
            query,
            root,
            function,
            region,
            model,
            org_type,
            limit,
            json,
        } => {
            let filters = [
                ("function", function),
                ("region", region),
                ("model", model),
                ("type", org_type),
            ]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
            search(root, &query, &filters, limit, json)
        }
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
    let opts = pipeline::Options {
        root,
        include_drafts: drafts,
        base_url,
    };
    match pipeline::build(&opts, &out) {
        Ok(built) => {
            report(&built.warnings, Format::Human);
            let timings: Vec<String> = built
                .timings
                .iter()
                .map(|(name, d)| format!("{name} {:.0} ms", d.as_secs_f64() * 1000.0))
                .collect();
            let n = built.site.case_studies.len();
            eprintln!(
                "Built {n} case stud{} into {} ({} files) in {:.2} s [{}]",
                if n == 1 { "y" } else { "ies" },
                out.display(),
                built.files,
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
    let opts = pipeline::Options {
        root,
        include_drafts: drafts,
        base_url: None,
    };
    let discard = compendium::output::Discard::default();
    match pipeline::run_into(&opts, &discard) {
        Ok(built) => {
            report(&built.warnings, format);
            if format == Format::Human {
                eprintln!(
                    "{} case studies and {} pages checked: no errors.",
                    built.site.case_studies.len(),
                    built.site.pages.len()
                );
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
            eprintln!(
                "Wrote {}. Fill in the placeholders, then run `compendium check`.",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&[d], Format::Human);
            ExitCode::FAILURE
        }
    }
}

fn search(
    root: PathBuf,
    query: &str,
    filters: &compendium::search::query::Filters,
    limit: usize,
    json: bool,
) -> ExitCode {
    let opts = pipeline::Options {
        root,
        include_drafts: false,
        base_url: None,
    };
    let site = match pipeline::load_site(&opts) {
        Ok((site, _)) => site,
        Err(diags) => {
            report(&diags, Format::Human);
            return ExitCode::FAILURE;
        }
    };
    if let Some(problem) = unknown_filter(&site, filters) {
        eprintln!("{problem}");
        return ExitCode::FAILURE;
    }
    let results = compendium::search::index::build(&site)
        .and_then(|index| compendium::search::query::search(&index, query, filters, limit));
    let results = match results {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: search failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    if json {
        let hits: Vec<serde_json::Value> = results
            .hits
            .iter()
            .map(|h| {
                let c = &site.case_studies[h.id];
                serde_json::json!({"slug": c.slug, "title": c.matter.title, "score": h.score, "url": format!("/case-studies/{}/", c.slug)})
            })
            .collect();
        let out = serde_json::json!({"query": query, "total": results.total, "plan": results.plan, "hits": hits, "facets": results.facets});
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else if results.hits.is_empty() {
        println!("No case studies match {query:?}.");
    } else {
        println!(
            "{} case stud{} match {query:?}:",
            results.total,
            if results.total == 1 { "y" } else { "ies" }
        );
        for (rank, h) in results.hits.iter().enumerate() {
            let c = &site.case_studies[h.id];
            println!(
                "{:>3}. {}  (score {:.3})\n     /case-studies/{}/",
                rank + 1,
                c.matter.title,
                h.score,
                c.slug
            );
        }
    }
    ExitCode::SUCCESS
}

/// A message for the first filter value that is not in its vocabulary.
fn unknown_filter(
    site: &compendium::model::Site,
    filters: &compendium::search::query::Filters,
) -> Option<String> {
    use compendium::content::vocabulary::Kind;
    for (kind_name, values) in filters {
        let kind = match kind_name.as_str() {
            "function" => Kind::Function,
            "region" => Kind::Region,
            "model" => Kind::Model,
            _ => Kind::OrganisationType,
        };
        for v in values {
            if site.vocab.get(kind, v).is_none() {
                let slugs = site.vocab.slugs(kind);
                return Some(format!(
                    "error: unknown {} `{v}` in --{kind_name}\nhelp: {}",
                    kind.noun(),
                    diagnostics::suggestion(v, &slugs)
                ));
            }
        }
    }
    None
}
