//! The command line: parses arguments and calls one pipeline function per
//! command. Exit codes ([`EXIT_CODES`]): 0 success, 1 invalid content or
//! failed build, 2 usage or environment, decided by the codes of the errors
//! (`diagnostics::exit_status`).
//! Every byte of output goes through [`Emitter`], which owns the exit code: a
//! closed pipe (`compendium search x | head -1`) ends the run quietly with 0,
//! as ripgrep does, instead of a panic from `println!`.

use clap::{Parser, Subcommand};
use compendium::diagnostics::{self, Code, Diagnostic, Format, Origin, Tally};
use compendium::pipeline;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

// mimalloc instead of the system allocator: the build makes millions of small
// allocations (tokens, template values, strings), and with glibc's malloc
// they took a fifth of the CPU; mimalloc cut user time by about 30% and peak
// memory by about 10% at 10,000 case studies.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What each exit code means; shown by `--help` (README.md says the same).
const EXIT_CODES: &str = "Exit codes:
  0  built or checked: no errors (warnings allowed, unless --deny-warnings)
  1  invalid content or a failed build: fix the files named
  2  usage or environment: bad arguments, no content folder at --root, an
     output folder that may not be replaced, a lock or a file that cannot be
     read or written, git failing for --changed-since
  (2 when problems of both kinds are found.)";

#[derive(Parser)]
#[command(
    name = "compendium",
    version,
    about = "Build a searchable compendium of shared-services case studies as a static site.",
    after_help = EXIT_CODES
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
    /// and the previous output stays exactly as it was. The new site replaces
    /// the output in one atomic step, so even a build that is killed leaves
    /// the previous site or the whole new one. A second build into the same
    /// output waits for the first. An output that is a symbolic link, or a
    /// non-empty folder compendium did not write, is refused.
    ///
    /// Example: compendium build --base-url https://compendium.example.org/
    #[command(after_help = EXIT_CODES)]
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
        /// Include case studies and pages marked `draft: true`, each with a
        /// draft banner; their problems are then errors. Without it drafts
        /// are left out and their problems are only warnings.
        #[arg(long)]
        drafts: bool,
        /// Build even when no case study is found although the site in the
        /// output has some (otherwise an error: a moved folder must not
        /// empty the published site).
        #[arg(long)]
        allow_empty: bool,
        /// After the summary, print where the time went, step by step
        /// (reading, front matter, Markdown, validation, model, search,
        /// rendering by family of pages, writing, swap).
        #[arg(long)]
        timings: bool,
        /// Fail on warnings too: each is printed as an error with its own
        /// code, the exit code is 1 (2 for an environment warning) and
        /// nothing is written, as for any failed build.
        #[arg(long)]
        deny_warnings: bool,
        /// Remove the previous site once the new one is in place, instead of
        /// keeping it beside the output as `.OUT.spare` (the next build
        /// reuses the spare, writing only the files that changed; it takes
        /// as much disk as the site).
        #[arg(long)]
        no_spare: bool,
    },
    /// Validate everything `build` would, and write nothing.
    ///
    /// Given changed files (or --changed-since), the whole site is still
    /// validated, but only the problems that concern those files are
    /// reported: their own, and those of other files they are part of (a
    /// duplicate slug, a link to them, an organisation spelled two ways).
    /// Paths that are not the site's files (README.md, src/...) are ignored,
    /// with a note; a changed content/site.yaml reports everything. The last
    /// line on stderr is always `compendium: check: N case studies, E errors,
    /// W warnings, 0 files written`.
    ///
    /// Example: compendium check --format github
    ///
    /// In CI, only what a branch changed: compendium check --changed-since origin/main --deny-warnings
    #[command(after_help = EXIT_CODES)]
    Check {
        /// The site's folder, holding `content/`.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print problems: `human` (source line and caret), `json` (one object per line) or `github` (CI annotations).
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Check drafts as if published: their problems are errors. Without
        /// it a draft's problems are warnings (exit 0 if there are only warnings).
        #[arg(long)]
        drafts: bool,
        /// Fail on warnings too: each is reported as an error with its own
        /// code, and the exit code is 1.
        #[arg(long)]
        deny_warnings: bool,
        /// Also the files git sees changed since this revision (committed,
        /// staged or not, deleted, and untracked files git does not ignore).
        #[arg(long, value_name = "REV")]
        changed_since: Option<String>,
        /// Report only the problems that concern these files (paths as the
        /// shell gives them; deleted files too).
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
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
        /// Only case studies with this status when written: planned,
        /// in-progress, operating, ended (repeat for alternatives).
        #[arg(long)]
        status: Vec<String>,
        /// Only case studies of this tier: full, example, brief (repeat for
        /// alternatives).
        #[arg(long)]
        tier: Vec<String>,
        /// How many results to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Which page of `--limit` results to show (1 is the first).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        page: u32,
        /// List case studies that match some of the words even when none
        /// matches them all (otherwise they are only counted).
        #[arg(long)]
        partial: bool,
        /// Only case studies with an annual saving achieved at least this
        /// large: pounds, with £, commas, k or m allowed (250k, £1.5m).
        #[arg(long, value_name = "AMOUNT", value_parser = pounds_to_pence)]
        saving_at_least: Option<u64>,
        /// With --saving-at-least, count projected annual savings too.
        #[arg(long, requires = "saving_at_least")]
        projected: bool,
        /// Print results as JSON (with scores, the query plan and facet counts).
        #[arg(long)]
        json: bool,
    },
    /// Serve the site on 127.0.0.1 while you edit: rebuilds what a change
    /// affects and reloads open pages; broken content keeps the last good
    /// site served, with the errors shown on every page.
    ///
    /// Example: compendium serve --port 8000 --open
    ///
    /// From other machines, by name: compendium serve --bind 0.0.0.0 --allow-host my-laptop.local
    // A build without the `serve` feature (the CI build) keeps the command
    // and its arguments, so that `compendium serve` there says what is
    // missing and how to get it, not "unrecognized subcommand".
    #[cfg_attr(
        not(feature = "serve"),
        command(
            about = "Not in this build: compiled without the `serve` feature (install the default build to serve while you edit).",
            long_about = None
        )
    )]
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
        /// Treat drafts as published: their problems are errors that block
        /// the site. Without it drafts are shown with a draft banner and
        /// their problems in a notice that can be dismissed.
        #[arg(long)]
        drafts: bool,
        /// Also answer requests addressed to this host name (repeat for more),
        /// for example a name other machines reach this one by with --bind.
        /// Without it only the address it listens on and `localhost` are
        /// answered, so that no web page can read your drafts through DNS
        /// rebinding; other names get 403 Forbidden.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
        /// How long a request's head may take to arrive, in milliseconds (for tests).
        #[arg(long, hide = true)]
        header_timeout_ms: Option<u64>,
        /// How long a connection may wait with no request, in milliseconds (for tests).
        #[arg(long, hide = true)]
        idle_timeout_ms: Option<u64>,
        /// How long a response may go with the client taking none of it, in milliseconds (for tests).
        #[arg(long, hide = true)]
        send_timeout_ms: Option<u64>,
        /// How many connections may be open at once (for tests).
        #[arg(long, hide = true)]
        max_connections: Option<usize>,
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
    let mut emit = Emitter::default();
    match run(cli.command, &mut emit) {
        Ok(code) => code,
        // The reader went away (`| head`): what it wanted, it has.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // Nowhere better to say it; if stderr is gone too, the code still tells.
            let _ = writeln!(std::io::stderr(), "error: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

/// Where command output goes. Writes return errors instead of panicking, so
/// that [`main`] can tell a closed pipe from a real failure.
#[derive(Default)]
struct Emitter {
    /// The exit code so far: the worst class of error reported (see
    /// `diagnostics::exit_status`).
    status: u8,
}

impl Emitter {
    /// Results: to stdout.
    fn out(&mut self, text: &str) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()
    }

    /// Progress and summaries: to stderr.
    fn note(&mut self, text: &str) -> std::io::Result<()> {
        let mut stderr = std::io::stderr().lock();
        stderr.write_all(text.as_bytes())?;
        stderr.flush()
    }

    /// Diagnostics: for people on stderr; JSON and annotations on stdout,
    /// where tools read them.
    fn diagnostics(&mut self, diags: &[Diagnostic], format: Format) -> std::io::Result<()> {
        if diags.is_empty() {
            return Ok(());
        }
        self.status = self.status.max(diagnostics::exit_status(diags));
        let text = diagnostics::render_all(diags, format, color());
        match format {
            Format::Human => self.note(&text),
            _ => self.out(&text),
        }
    }

    fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.status)
    }
}

fn run(command: Command, emit: &mut Emitter) -> std::io::Result<ExitCode> {
    match command {
        Command::Build {
            root,
            out,
            base_url,
            drafts,
            allow_empty,
            timings,
            deny_warnings,
            no_spare,
        } => build(
            emit,
            root,
            out,
            base_url,
            BuildFlags {
                drafts,
                timings,
                pipeline: pipeline::BuildFlags {
                    allow_empty,
                    deny_warnings,
                    no_spare,
                },
            },
        )?,
        Command::Check {
            root,
            format,
            drafts,
            deny_warnings,
            changed_since,
            files,
        } => check(
            emit,
            CheckArgs {
                root,
                format,
                drafts,
                deny_warnings,
                changed_since,
                files,
            },
        )?,
        Command::New { title, root } => new(emit, root, &title)?,
        #[cfg(not(feature = "serve"))]
        Command::Serve { .. } => return without_serve(emit),
        #[cfg(feature = "serve")]
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            allow_host,
            header_timeout_ms,
            idle_timeout_ms,
            send_timeout_ms,
            max_connections,
        } => {
            let mut limits = compendium::serve::server::Limits::default();
            if let Some(ms) = header_timeout_ms {
                limits.header_timeout = std::time::Duration::from_millis(ms);
            }
            if let Some(ms) = idle_timeout_ms {
                limits.idle_timeout = std::time::Duration::from_millis(ms);
            }
            if let Some(ms) = send_timeout_ms {
                limits.send_timeout = std::time::Duration::from_millis(ms);
            }
            if let Some(n) = max_connections {
                limits.max_connections = n;
            }
            let opts = compendium::serve::ServeOptions {
                root,
                bind,
                port,
                open,
                include_drafts: drafts,
                allow_hosts: allow_host,
                limits,
            };
            if let Err(d) = compendium::serve::serve(opts) {
                emit.diagnostics(&[d], Format::Human)?;
            }
        }
        Command::Search {
            query,
            root,
            function,
            region,
            model,
            org_type,
            status,
            tier,
            limit,
            page,
            partial,
            saving_at_least,
            projected,
            json,
        } => {
            let filters = [
                ("function", function),
                ("region", region),
                ("model", model),
                ("type", org_type),
                ("status", status),
                ("tier", tier),
            ]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
            let request = compendium::search::query::Request {
                text: &query,
                filters,
                offset: limit.saturating_mul(page as usize - 1),
                limit,
                partial,
                saving: saving_at_least
                    .map(|pence| compendium::search::query::SavingAtLeast { pence, projected }),
            };
            search(emit, root, &request, json)?
        }
    }
    Ok(emit.exit_code())
}

/// `compendium serve` in a build without the `serve` feature: a usage
/// error (exit 2, as for an unknown command), with how to get the server.
#[cfg(not(feature = "serve"))]
fn without_serve(emit: &mut Emitter) -> std::io::Result<ExitCode> {
    let d = Diagnostic::error(
        Code::NotInThisBuild,
        Origin::argument("serve"),
        "this compendium was compiled without the `serve` feature, so it has no dev server (`build` and `check` work as usual)",
    )
    .with_help("install the default build, which has it: `cargo install --locked --path .` in a copy of compendium (or with --git and the same address as this one)");
    emit.diagnostics(&[d], Format::Human)?;
    // 2, as the class of the code says: a usage error.
    Ok(emit.exit_code())
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// `build`'s switches.
struct BuildFlags {
    drafts: bool,
    timings: bool,
    pipeline: pipeline::BuildFlags,
}

fn build(
    emit: &mut Emitter,
    root: PathBuf,
    out: Option<PathBuf>,
    base_url: Option<String>,
    flags: BuildFlags,
) -> std::io::Result<()> {
    let started = std::time::Instant::now();
    let out = pipeline::output_dir(&root, out.as_deref());
    let opts = pipeline::Options {
        root,
        include_drafts: flags.drafts,
        base_url,
    };
    // Notes (waiting for another build, cleaning up after an interrupted
    // one) are printed as they happen. They only inform: one that cannot be
    // printed does not change the build or its exit code.
    let root = opts.root.clone();
    let result = pipeline::build(&opts, &out, flags.pipeline, &mut |text| {
        let _ = emit.note(text);
    });
    let mut tally = Tally::of("build", &[]);
    // Unlistable content is reported by the build itself.
    tally.case_studies = pipeline::case_study_files(&root).unwrap_or(0);
    match result {
        Ok(mut built) => {
            if flags.pipeline.deny_warnings {
                // Only a warning from after the swap can be left (the
                // previous site could not be removed): the new site is in
                // place, but the run still fails, as asked.
                built.warnings = built.warnings.into_iter().map(Diagnostic::denied).collect();
            }
            emit.diagnostics(&built.warnings, Format::Human)?;
            let timings: Vec<String> = built
                .timings
                .iter()
                .map(|(name, d)| format!("{name} {:.0} ms", d.as_secs_f64() * 1000.0))
                .collect();
            let n = built.site.all_case_studies().len();
            emit.note(&format!(
                "Built {n} case stud{} into {} ({} files) in {:.2} s [{}]\n",
                if n == 1 { "y" } else { "ies" },
                out.display(),
                built.files,
                started.elapsed().as_secs_f64(),
                timings.join(", ")
            ))?;
            if flags.timings {
                emit.note(&timings_table())?;
            }
            tally = Tally {
                files_written: built.files,
                ..Tally::of("build", &built.warnings)
            }
            .with_case_studies(tally.case_studies);
        }
        Err(diags) => {
            emit.diagnostics(&diags, Format::Human)?;
            // A failed build always fails, whatever its diagnostics say.
            emit.status = emit.status.max(1);
            emit.note(&format!(
                "Build failed; {}\n",
                compendium::output::after_failure(&out)
            ))?;
            tally = Tally::of("build", &diags).with_case_studies(tally.case_studies);
        }
    }
    emit.note(&tally.line())
}

/// `--timings`: each step's time, thread time unless marked wall.
fn timings_table() -> String {
    let mut out = String::from(
        "Where the time went (thread time, summed over the threads that did the work, unless marked wall):\n",
    );
    for (name, time, calls) in compendium::timings::table() {
        out.push_str(&format!(
            "  {name:<36} {:>9.0} ms  {calls:>8} times\n",
            time.as_secs_f64() * 1000.0
        ));
    }
    out
}

/// `check`'s arguments.
struct CheckArgs {
    root: PathBuf,
    format: Format,
    drafts: bool,
    deny_warnings: bool,
    changed_since: Option<String>,
    files: Vec<PathBuf>,
}

/// `compendium check`: validate, keep what concerns the changed files (when
/// given), then the diagnostics and the summary line.
fn check(emit: &mut Emitter, args: CheckArgs) -> std::io::Result<()> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let listing = pipeline::case_study_files(&args.root);
    let case_studies = *listing.as_ref().unwrap_or(&0);
    let scope = match changed_scope(emit, &args, &cwd)? {
        Ok(scope) => scope,
        Err(d) => {
            let diags = [d];
            emit.diagnostics(&diags, args.format)?;
            return emit.note(
                &Tally::of("check", &diags)
                    .with_case_studies(case_studies)
                    .line(),
            );
        }
    };
    let opts = pipeline::Options {
        root: args.root.clone(),
        include_drafts: args.drafts,
        base_url: None,
    };
    let mut diags = match &scope {
        // Only files that are not the site's changed: nothing to check,
        // but a --root without content is still wrong.
        Some(s) if s.files.is_empty() => listing.err().into_iter().collect(),
        Some(s) if s.everything.is_none() => {
            diagnostics::concerning(pipeline::check(&opts), &s.files)
        }
        _ => pipeline::check(&opts),
    };
    if args.deny_warnings {
        diags = diags.into_iter().map(Diagnostic::denied).collect();
    }
    if args.format == Format::Github {
        // GitHub places `file=` relative to the workspace, not the site.
        let workspace =
            std::env::var_os("GITHUB_WORKSPACE").map_or_else(|| cwd.clone(), PathBuf::from);
        for d in &mut diags {
            diagnostics::relative_to_workspace(d, &args.root, &workspace, &cwd);
        }
    }
    emit.diagnostics(&diags, args.format)?;
    emit.note(
        &Tally::of("check", &diags)
            .with_case_studies(case_studies)
            .line(),
    )
}

/// The changed files `check` was given (none: check everything), with a
/// note on those it ignores; an error when git cannot say what changed.
fn changed_scope(
    emit: &mut Emitter,
    args: &CheckArgs,
    cwd: &std::path::Path,
) -> std::io::Result<Result<Option<compendium::changed::Scope>, Diagnostic>> {
    if args.files.is_empty() && args.changed_since.is_none() {
        return Ok(Ok(None));
    }
    let mut paths = args.files.clone();
    if let Some(rev) = &args.changed_since {
        match compendium::changed::since(&args.root, rev) {
            Ok(changed) => paths.extend(changed),
            Err(d) => return Ok(Err(d)),
        }
    }
    let scope = compendium::changed::Scope::of(&args.root, cwd, paths);
    if !scope.ignored.is_empty() {
        let shown: Vec<String> = scope
            .ignored
            .iter()
            .map(|p| p.strip_prefix(cwd).unwrap_or(p).display().to_string())
            .collect();
        emit.note(&format!(
            "note: not files of the site in {} (content/, themes/), so not checked: {}\n",
            args.root.display(),
            shown.join(", ")
        ))?;
    }
    match (&scope.everything, scope.files.len()) {
        (Some(settings), _) => emit.note(&format!(
            "note: {} changed, and every file is checked against it: reporting the whole site's problems\n",
            settings.display()
        ))?,
        (None, 0) => emit.note("note: no file of the site changed: nothing to check\n")?,
        (None, n) => emit.note(&format!(
            "note: checking the whole site, reporting the problems that concern the {n} changed file{}\n",
            if n == 1 { "" } else { "s" }
        ))?,
    }
    Ok(Ok(Some(scope)))
}

fn new(emit: &mut Emitter, root: PathBuf, title: &str) -> std::io::Result<()> {
    match pipeline::new_case_study(&root, title) {
        Ok(path) => emit.note(&format!(
            "Wrote {}. Fill in the placeholders, then run `compendium check`.\n",
            path.display()
        )),
        Err(d) => emit.diagnostics(&[d], Format::Human),
    }
}

fn search(
    emit: &mut Emitter,
    root: PathBuf,
    request: &compendium::search::query::Request,
    json: bool,
) -> std::io::Result<()> {
    let opts = pipeline::Options {
        root,
        include_drafts: false,
        base_url: None,
    };
    let site = match pipeline::load_site(&opts) {
        Ok((site, _)) => site,
        Err(diags) => return emit.diagnostics(&diags, Format::Human),
    };
    if let Some(problem) = unknown_filter(&site, &request.filters) {
        return emit.diagnostics(&[problem], Format::Human);
    }
    let results = compendium::search::index::build(&site)
        .and_then(|index| compendium::search::query::run(&index, request));
    let results = match results {
        Ok(r) => r,
        Err(e) => {
            let d = Diagnostic::internal(format!("search failed: {e}"));
            return emit.diagnostics(&[d], Format::Human);
        }
    };
    let text = if json {
        match results_json(&site, request, &results) {
            Ok(json) => json,
            Err(e) => {
                let d = Diagnostic::internal(format!("cannot write the results as JSON: {e}"));
                return emit.diagnostics(&[d], Format::Human);
            }
        }
    } else {
        results_text(&site, request, &results)
    };
    emit.out(&text)
}

fn results_json(
    site: &compendium::model::Site,
    request: &compendium::search::query::Request,
    results: &compendium::search::query::Results,
) -> serde_json::Result<String> {
    let hits: Vec<serde_json::Value> = results
        .hits
        .iter()
        .map(|h| {
            let c = &site.all_case_studies()[h.id];
            let passage = compendium::search::passage::for_case_study(
                site,
                compendium::model::CaseStudyId::new(h.id),
                &results.plan,
            );
            serde_json::json!({"slug": c.slug, "title": c.matter.title, "score": h.score, "url": format!("/case-studies/{}/", c.slug), "passage": passage})
        })
        .collect();
    let out = serde_json::json!({
        "query": request.text,
        "total": results.total,
        "words": results.words,
        "all_words": results.all_words,
        "unlisted": results.unlisted,
        "suggestion": results.suggestion,
        "offset": request.offset,
        "plan": results.plan,
        "hits": hits,
        "facets": results.facets,
    });
    Ok(serde_json::to_string_pretty(&out)? + "\n")
}

/// The results as a reader would want them in a terminal: what was
/// searched for, how many match and how, one page of hits, and how to see
/// more.
fn results_text(
    site: &compendium::model::Site,
    request: &compendium::search::query::Request,
    results: &compendium::search::query::Results,
) -> String {
    let query = request.text;
    let mut text = String::new();
    let what = |q: &str| {
        if q.trim().is_empty() {
            "the filters".to_owned()
        } else {
            format!("“{q}”")
        }
    };
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            one.to_owned()
        } else {
            many.to_owned()
        }
    };
    let shown_query = match &results.suggestion {
        Some(s) if s.applied => {
            let typed: Vec<&str> = s.replaced.iter().map(|(from, _)| from.as_str()).collect();
            text.push_str(&format!(
                "No case study has {}; showing results for “{}” instead.\n",
                typed
                    .iter()
                    .map(|t| format!("“{t}”"))
                    .collect::<Vec<_>>()
                    .join(" or "),
                s.query
            ));
            s.query.as_str()
        }
        _ => query,
    };
    if results.total == 0 {
        if results.unlisted > 0 {
            text.push_str(&format!(
                "No case study matches all the words of “{query}”. {} match{} some of them: add --partial to list {}.\n",
                results.unlisted,
                plural(results.unlisted, "es", ""),
                plural(results.unlisted, "it", "them"),
            ));
        } else {
            text.push_str(&format!("No case studies match {}.\n", what(query)));
        }
        text.push_str(
            "Browse them all by function, region or model: compendium search \"\" --limit 50\n",
        );
        return text;
    }
    if results.words > 1 && results.all_words < results.total {
        // Those that match every word come first: say how many there are.
        text.push_str(&format!(
            "{} case stud{} all the words of “{shown_query}”; {} more match some:\n",
            results.all_words,
            plural(results.all_words, "y matches", "ies match"),
            results.total - results.all_words
        ));
    } else {
        text.push_str(&format!(
            "{} case stud{} {}:\n",
            results.total,
            plural(results.total, "y matches", "ies match"),
            what(shown_query)
        ));
    }
    text.push_str(&hit_lines(site, request.offset, results));
    let shown = request.offset + results.hits.len();
    if shown < results.total {
        text.push_str(&format!(
            "Showing {} to {} of {}: --page {} for the next {}.\n",
            request.offset + 1,
            shown,
            results.total,
            request.offset / request.limit.max(1) + 2,
            request.limit.min(results.total - shown)
        ));
    }
    text
}

/// The results, one numbered entry each: title, score, address and the
/// passage the search page shows, its matched words between `**`.
fn hit_lines(
    site: &compendium::model::Site,
    offset: usize,
    results: &compendium::search::query::Results,
) -> String {
    let mut text = String::new();
    for (rank, h) in results.hits.iter().enumerate() {
        let rank = rank + offset;
        let c = &site.all_case_studies()[h.id];
        text.push_str(&format!(
            "{:>3}. {}  (score {:.3})\n     /case-studies/{}/\n",
            rank + 1,
            c.matter.title,
            h.score,
            c.slug
        ));
        let passage = compendium::search::passage::for_case_study(
            site,
            compendium::model::CaseStudyId::new(h.id),
            &results.plan,
        );
        text.push_str(&wrapped(&passage.marked("**", "**"), "     ", 79));
    }
    text
}

/// `text` in lines of at most `width` characters (a longer word has a line
/// of its own), each after `indent`.
fn wrapped(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = |s: &str| s.chars().count();
        if !line.is_empty() && len(indent) + len(&line) + 1 + len(word) > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// An amount of pounds as a reader writes it (`250000`, `£1,000,000`,
/// `250k`, `1.5m`), in pence.
fn pounds_to_pence(text: &str) -> Result<u64, String> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect::<String>()
        .to_lowercase();
    let (number, scale) = match cleaned.strip_suffix('m') {
        Some(n) => (n, 1_000_000.0),
        None => match cleaned.strip_suffix('k') {
            Some(n) => (n, 1_000.0),
            None => (cleaned.as_str(), 1.0),
        },
    };
    let pounds: f64 = number
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0 && *v <= 1e12)
        .ok_or_else(|| {
            format!(
                "`{text}` is not an amount of pounds: write e.g. 250000, £1,000,000, 250k or 1.5m"
            )
        })?;
    Ok((pounds * scale * 100.0).round() as u64)
}

/// A message for the first filter value that is not in its vocabulary.
fn unknown_filter(
    site: &compendium::model::Site,
    filters: &compendium::search::query::Filters,
) -> Option<Diagnostic> {
    use compendium::content::case_study::{STATUS_LABELS, TIER_LABELS};
    use compendium::content::vocabulary::Kind;
    for (kind_name, values) in filters {
        let fixed = |list: &[(&'static str, &str)]| list.iter().map(|(s, _)| *s).collect();
        let (noun, slugs): (&str, Vec<&str>) = match kind_name.as_str() {
            "function" => (
                Kind::Function.noun(),
                site.vocabulary().slugs(Kind::Function),
            ),
            "region" => (Kind::Region.noun(), site.vocabulary().slugs(Kind::Region)),
            "model" => (Kind::Model.noun(), site.vocabulary().slugs(Kind::Model)),
            "status" => ("status", fixed(&STATUS_LABELS)),
            "tier" => ("tier", fixed(&TIER_LABELS)),
            _ => (
                Kind::OrganisationType.noun(),
                site.vocabulary().slugs(Kind::OrganisationType),
            ),
        };
        for v in values {
            if !slugs.contains(&v.as_str()) {
                return Some(
                    Diagnostic::error(
                        Code::UnknownFilter,
                        Origin::argument(format!("--{kind_name}")),
                        format!("unknown {noun} `{v}`"),
                    )
                    .with_help(diagnostics::suggestion(v, &slugs)),
                );
            }
        }
    }
    None
}
