//! `compendium serve`: build, serve the site from memory on 127.0.0.1,
//! watch `content/` and the theme, rebuild only what a change affects, and
//! tell open tabs to reload. Broken content keeps the last good site served,
//! with the errors shown in an overlay on every page and in the terminal.

pub mod rebuild;
pub mod server;
pub mod watch;

use crate::diagnostics::{self, Diagnostic, Format, Position};
use crate::pipeline::Options;
use rebuild::{Builder, Files, Outcome};
use server::{Shared, Snapshot};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// How many times the pages were rebuilt after a change (one per batch of
/// file events), for `/_compendium/status`.
static REBUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    pub include_drafts: bool,
}

/// Runs the server until Ctrl-C.
pub fn serve(mut opts: ServeOptions) -> Result<(), Diagnostic> {
    // The watcher reports absolute paths; the content cache must key files
    // the same way, so the root is made absolute once, here.
    opts.root = std::fs::canonicalize(&opts.root).map_err(|e| {
        Diagnostic::error(
            &opts.root,
            Position::START,
            format!("cannot open the site folder: {e}"),
        )
        .with_help("pass the folder holding `content/` with --root, or run compendium in it")
    })?;
    let listener =
        std::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).map_err(|e| {
            Diagnostic::error(
                "(serve)",
                Position::START,
                format!("cannot listen on {}:{}: {e}", opts.bind, opts.port),
            )
            .with_help("choose another port with --port, or stop the program using this one")
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::error("(serve)", Position::START, e.to_string()))?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: serving on {addr}, which other machines can reach; use --bind 127.0.0.1 to keep it private"
        );
    }
    let url = format!("http://{}/", display_addr(addr));
    let pipeline_opts = Options {
        root: opts.root.clone(),
        include_drafts: opts.include_drafts,
        base_url: Some(url.clone()),
    };
    eprintln!("Serving {} on {url} (Ctrl-C to stop)", opts.root.display());
    let shared = Shared::new();
    let mut builder = Builder::new(pipeline_opts);
    let mut files = Files::new();
    let first = builder.pages(None, &mut files, &mut |_, _, _| {});
    report(&first);
    let search = if first.ok {
        builder.search(&mut files).ok()
    } else {
        None
    };
    publish(&shared, &files, &first, search.as_ref(), &[]);

    let mut watcher = watch::watch(&opts.root, Duration::from_millis(50)).map_err(|e| {
        Diagnostic::error(
            &opts.root,
            Position::START,
            format!("cannot watch the site's files: {e}"),
        )
    })?;
    let theme = builder
        .site()
        .map(|s| s.config.theme.clone())
        .unwrap_or_else(|| "default".into());
    let root = std::fs::canonicalize(&opts.root).unwrap_or(opts.root.clone());
    let rebuild_shared = shared.clone();
    std::thread::spawn(move || {
        let mut search_due = false;
        let mut last_pages = Outcome::default();
        loop {
            // Search is refreshed once the editor pauses, so a burst of saves
            // never waits behind an index rebuild.
            let batch = if search_due {
                match watcher.batches.recv_timeout(Duration::from_millis(300)) {
                    Ok(b) => Some(b),
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => None,
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                }
            } else {
                match watcher.batches.recv() {
                    Ok(b) => Some(b),
                    Err(_) => break,
                }
            };
            let Some(mut paths) = batch else {
                search_due = false;
                refresh_search(&mut builder, &mut files, &rebuild_shared, &last_pages);
                continue;
            };
            while let Ok(more) = watcher.batches.try_recv() {
                paths.extend(more);
            }
            let paths = canonical(&paths);
            let existing = watcher.follow_new_themes(&root, &paths);
            let paths: Vec<PathBuf> = paths.into_iter().chain(canonical(&existing)).collect();
            let changes = watch::classify_all(&root, &theme, &paths);
            if changes.is_empty() {
                continue;
            }
            let had_errors = !rebuild_shared.current().errors.is_empty();
            REBUILDS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let outcome = builder.pages(
                Some(&changes),
                &mut files,
                &mut |files, outcome, changed| {
                    let all = ["*".to_string()];
                    let everything = had_errors || !outcome.ok;
                    publish(
                        &rebuild_shared,
                        files,
                        outcome,
                        None,
                        if everything { &all } else { changed },
                    );
                },
            );
            report(&outcome);
            let content_changed = changes
                .iter()
                .any(|c| matches!(c, watch::Change::Content(_) | watch::Change::Settings));
            search_due |= outcome.ok && content_changed;
            last_pages = outcome;
        }
    });

    if opts.open {
        open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Diagnostic::error(
                "(serve)",
                Position::START,
                format!("cannot start the server: {e}"),
            )
        })?;
    runtime.block_on(async move {
        listener.set_nonblocking(true).ok();
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Diagnostic::error("(serve)", Position::START, e.to_string()))?;
        axum::serve(listener, server::router(shared))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
                eprintln!("\nStopped.");
            })
            .await
            .map_err(|e| Diagnostic::error("(serve)", Position::START, e.to_string()))
    })
}

fn display_addr(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
    }
}

/// Paths as the watcher reports them may differ from the root's spelling.
fn canonical(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .map(|p| {
            match (
                p.parent().and_then(|d| std::fs::canonicalize(d).ok()),
                p.file_name(),
            ) {
                (Some(dir), Some(name)) => dir.join(name),
                _ => p.clone(),
            }
        })
        .collect()
}

fn refresh_search(builder: &mut Builder, files: &mut Files, shared: &Shared, pages: &Outcome) {
    match builder.search(files) {
        Ok(search) => {
            eprintln!(
                "  search index updated in {} ms ({} files changed)",
                search.milliseconds,
                search.changed.len()
            );
            publish(shared, files, pages, Some(&search), &search.changed);
        }
        Err(d) => eprint!("{}", diagnostics::render_all(&d, Format::Human, false)),
    }
}

/// Swaps in the new snapshot and tells open tabs which files changed
/// (`*`: every page, e.g. when errors appear or go).
fn publish(
    shared: &Shared,
    files: &Files,
    pages: &Outcome,
    search: Option<&Outcome>,
    changed: &[String],
) {
    static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let rebuilds = REBUILDS.load(std::sync::atomic::Ordering::SeqCst);
    let generation = GENERATION.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
    let errors: Vec<Diagnostic> = pages
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let status = serde_json::json!({
        // "building" while a rebuild has published the changed pages' own
        // pages but not yet the listings that depend on them.
        "state": if pages.complete { "ready" } else { "building" },
        "generation": generation,
        "rebuilds": rebuilds,
        "files": files.len(),
        "ok": pages.ok,
        "pages": pages,
        "search": search,
        "errors": errors,
    });
    let snapshot = Snapshot {
        files: files.clone(),
        errors,
        status,
    };
    shared.publish(snapshot, serde_json::to_string(changed).unwrap_or_default());
}

fn report(outcome: &Outcome) {
    if !outcome.diagnostics.is_empty() {
        eprint!(
            "{}",
            diagnostics::render_all(&outcome.diagnostics, Format::Human, false)
        );
    }
    if outcome.ok {
        eprintln!(
            "Rebuilt in {} ms: {} file(s) read, {} rendered, {} changed, {} removed",
            outcome.milliseconds,
            outcome.files_parsed,
            outcome.rendered,
            outcome.changed.len(),
            outcome.removed.len()
        );
    } else {
        eprintln!("Not rebuilt: fix the errors above; still serving the last good version.");
    }
}

fn open_browser(url: &str) {
    for opener in ["xdg-open", "open"] {
        if std::process::Command::new(opener)
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
        {
            return;
        }
    }
    eprintln!("(could not open a browser; visit {url})");
}
