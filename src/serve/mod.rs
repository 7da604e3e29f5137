//! `compendium serve`: build, serve the site from memory on 127.0.0.1,
//! watch `content/` and the theme, rebuild only what a change affects, and
//! tell open tabs to reload. Broken content keeps the last good site served,
//! with the errors shown in an overlay on every page and in the terminal.

pub mod rebuild;
pub mod server;
pub mod watch;

use crate::diagnostics::{self, Code, Diagnostic, Format, Origin};
use crate::pipeline::Options;
use rebuild::{Builder, Files, Outcome};
use server::{Shared, Snapshot};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// How many times the pages were rebuilt after a change (one per batch of
/// file events), for `/_compendium/status`.
/// Writes a line to the terminal. A server whose terminal went away (a
/// closed pipe) keeps serving: the write error is dropped, never a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Like [`say!`], without the line break.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

static REBUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    pub include_drafts: bool,
    /// Host names answered besides the bound address and `localhost` (`--allow-host`).
    pub allow_hosts: Vec<String>,
    /// Timeouts and the connection limit.
    pub limits: server::Limits,
}

/// Runs the server until Ctrl-C.
pub fn serve(mut opts: ServeOptions) -> Result<(), Diagnostic> {
    // The watcher reports absolute paths; the content cache must key files
    // the same way, so the root is made absolute once, here.
    opts.root = std::fs::canonicalize(&opts.root).map_err(|e| {
        Diagnostic::error(
            Code::BadArgument,
            Origin::argument("--root"),
            format!("cannot open the site folder {}: {e}", opts.root.display()),
        )
        .with_help("pass the folder holding `content/` with --root, or run compendium in it")
    })?;
    let listener =
        std::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).map_err(|e| {
            Diagnostic::error(
                Code::Listen,
                Origin::argument("--port"),
                format!("cannot listen on {}:{}: {e}", opts.bind, opts.port),
            )
            .with_help("choose another port with --port, or stop the program using this one")
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::internal(format!("the listening socket has no address: {e}")))?;
    if !addr.ip().is_loopback() {
        let d = Diagnostic::warning(
            Code::PublicAddress,
            Origin::argument("--bind"),
            format!("serving on {addr}, which other machines can reach (drafts included)"),
        )
        .with_help("use --bind 127.0.0.1 to keep it private");
        say_raw!("{}", diagnostics::render_human(&d, false));
    }
    let hosts = server::Hosts::new(addr.ip(), &opts.allow_hosts).map_err(|name| {
        Diagnostic::error(
            Code::BadArgument,
            Origin::argument("--allow-host"),
            format!("`{name}` is not a host name"),
        )
        .with_help("give a name such as my-laptop.local or an address, with no scheme or path")
    })?;
    let url = format!("http://{}/", display_addr(addr));
    let pipeline_opts = Options {
        root: opts.root.clone(),
        include_drafts: opts.include_drafts,
        base_url: Some(url.clone()),
    };
    say!("Serving {} on {url} (Ctrl-C to stop)", opts.root.display());
    let shared = Shared::new();
    let mut builder = Builder::new(pipeline_opts);
    builder.preview_drafts();
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
            Code::Io,
            Origin::argument("--root"),
            format!("cannot watch the files in {}: {e}", opts.root.display()),
        )
        .with_help("check that the folder exists and you may read it; on Linux, raise fs.inotify.max_user_watches if the limit is reached")
    })?;
    let root = std::fs::canonicalize(&opts.root).unwrap_or(opts.root.clone());
    let rebuild_shared = shared.clone();
    std::thread::spawn(move || {
        rebuild_loop(
            &mut builder,
            &mut files,
            &mut watcher,
            &root,
            &rebuild_shared,
        );
    });

    if opts.open {
        open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::internal(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        listener.set_nonblocking(true).ok();
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Diagnostic::internal(format!("cannot use the listening socket: {e}")))?;
        server::run(listener, shared, hosts, opts.limits, async {
            let _ = tokio::signal::ctrl_c().await;
            say!("\nStopped.");
        })
        .await;
        Ok(())
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

/// How long the editor must pause before the search index is rebuilt.
const SEARCH_PAUSE: Duration = Duration::from_millis(300);
/// How often a running search rebuild is looked in on.
const SEARCH_POLL: Duration = Duration::from_millis(50);

/// Outputs that took this long to render (the lessons, the home page, the
/// data files at thousands of case studies) wait until the editor pauses.
const HEAVY_MILLISECONDS: u32 = 50;
/// How long the editor must pause before those are rendered.
const HEAVY_PAUSE: Duration = Duration::from_millis(1500);
/// How often a rebuild owed to a pause is looked in on.
const HEAVY_POLL: Duration = Duration::from_millis(100);

/// Rebuilds pages as batches of changes arrive, and the search index in a
/// thread of its own once the editor pauses, so that a save never waits
/// behind an index rebuild: a search export made from a model that has
/// since changed is dropped and made again.
fn rebuild_loop(
    builder: &mut Builder,
    files: &mut Files,
    watcher: &mut watch::Watcher,
    root: &std::path::Path,
    shared: &Shared,
) {
    let (search_jobs, search_results) = search_worker();
    let batches = forward_batches(watcher);
    let waiting = batches.waiting.clone();
    builder.interrupt_when(move || waiting.load(std::sync::atomic::Ordering::SeqCst) > 0);
    let (waiting, last) = (batches.waiting.clone(), batches.last.clone());
    let paused = move || {
        waiting.load(std::sync::atomic::Ordering::SeqCst) == 0
            && last.lock().map_or(true, |at| at.elapsed() >= HEAVY_PAUSE)
    };
    builder.defer_heavy(HEAVY_MILLISECONDS, paused);
    let mut search_due = false;
    let mut search_running = false;
    let mut last_pages = Outcome::default();
    let mut last_batch = std::time::Instant::now();
    loop {
        let wait = if builder.owes_only_deferred() {
            HEAVY_POLL
        } else if search_running {
            SEARCH_POLL
        } else if search_due {
            SEARCH_PAUSE
        } else {
            Duration::from_secs(3600)
        };
        match batches.recv_timeout(wait) {
            Ok(mut paths) => {
                last_batch = std::time::Instant::now();
                while let Ok(more) = batches.try_recv() {
                    paths.extend(more);
                }
                if let Some(outcome) = rebuild_pages(builder, files, watcher, root, shared, paths) {
                    search_due |= outcome.ok;
                    last_pages = outcome;
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        }
        // A rebuild cut short by a batch that turned out to change nothing
        // still owes its outputs.
        // Outputs left for a pause are rendered once the editor has paused.
        let heavy_due = last_batch.elapsed() >= HEAVY_PAUSE;
        if builder.has_pending()
            && batches.waiting.load(std::sync::atomic::Ordering::SeqCst) == 0
            && (heavy_due || !builder.owes_only_deferred())
            && let Some(outcome) = rebuild_pages(builder, files, watcher, root, shared, Vec::new())
        {
            search_due |= outcome.ok;
            last_pages = outcome;
        }
        while let Ok(result) = search_results.try_recv() {
            search_running = false;
            apply_search(builder, files, shared, &last_pages, result);
        }
        let paused = last_batch.elapsed() >= SEARCH_PAUSE;
        if search_due && !search_running && paused {
            if let Some(site) = builder.site() {
                if search_jobs.send(site.clone()).is_err() {
                    break;
                }
                search_running = true;
            }
            search_due = false;
        }
    }
}

/// The watcher's batches, passed on by a thread that counts how many wait,
/// so that a rebuild can tell that a newer change has come.
struct Batches {
    queue: std::sync::mpsc::Receiver<Vec<PathBuf>>,
    waiting: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// When the last batch came.
    last: std::sync::Arc<std::sync::Mutex<std::time::Instant>>,
}

impl Batches {
    fn recv_timeout(
        &self,
        wait: Duration,
    ) -> Result<Vec<PathBuf>, std::sync::mpsc::RecvTimeoutError> {
        let got = self.queue.recv_timeout(wait);
        if got.is_ok() {
            self.waiting
                .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        }
        got
    }

    fn try_recv(&self) -> Result<Vec<PathBuf>, std::sync::mpsc::TryRecvError> {
        let got = self.queue.try_recv();
        if got.is_ok() {
            self.waiting
                .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        }
        got
    }
}

fn forward_batches(watcher: &mut watch::Watcher) -> Batches {
    let (_, placeholder) = std::sync::mpsc::channel();
    let from = std::mem::replace(&mut watcher.batches, placeholder);
    let (to, queue) = std::sync::mpsc::channel();
    let waiting = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let last = std::sync::Arc::new(std::sync::Mutex::new(std::time::Instant::now()));
    let (count, came) = (waiting.clone(), last.clone());
    std::thread::spawn(move || {
        while let Ok(batch) = from.recv() {
            if let Ok(mut at) = came.lock() {
                *at = std::time::Instant::now();
            }
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            if to.send(batch).is_err() {
                break;
            }
        }
    });
    Batches {
        queue,
        waiting,
        last,
    }
}

/// One batch of changed paths: classify, rebuild the pages, publish.
fn rebuild_pages(
    builder: &mut Builder,
    files: &mut Files,
    watcher: &mut watch::Watcher,
    root: &std::path::Path,
    shared: &Shared,
    paths: Vec<PathBuf>,
) -> Option<Outcome> {
    let paths = canonical(&paths);
    let existing = watcher.follow_new_themes(root, &paths);
    let paths: Vec<PathBuf> = paths.into_iter().chain(canonical(&existing)).collect();
    let changes = watch::classify_all(root, &builder.theme_name(), &paths);
    if changes.is_empty() && !builder.has_pending() {
        return None;
    }
    let had_errors = !shared.current().errors.is_empty();
    REBUILDS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let outcome = builder.pages(Some(&changes), files, &mut |files, outcome, changed| {
        let all = ["*".to_string()];
        let everything = had_errors || !outcome.ok;
        publish(
            shared,
            files,
            outcome,
            None,
            if everything { &all } else { changed },
        );
    });
    report(&outcome);
    Some(outcome)
}

/// A thread that makes search exports: it takes the newest model sent
/// (skipping any that a newer one replaced) and sends back the export.
type SearchResult = Result<rebuild::SearchExport, Vec<Diagnostic>>;

fn search_worker() -> (
    std::sync::mpsc::Sender<std::sync::Arc<crate::model::Site>>,
    std::sync::mpsc::Receiver<SearchResult>,
) {
    let (jobs, job_queue) = std::sync::mpsc::channel::<std::sync::Arc<crate::model::Site>>();
    let (results, result_queue) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        while let Ok(mut site) = job_queue.recv() {
            while let Ok(newer) = job_queue.try_recv() {
                site = newer;
            }
            if results.send(rebuild::export_search(site)).is_err() {
                break;
            }
        }
    });
    (jobs, result_queue)
}

fn apply_search(
    builder: &mut Builder,
    files: &mut Files,
    shared: &Shared,
    pages: &Outcome,
    result: SearchResult,
) {
    let applied = result.map(|export| builder.apply_search(export, files));
    match applied {
        Ok(Some(Ok(search))) => {
            say!(
                "  search index updated in {} ms ({} files changed)",
                search.milliseconds,
                search.changed.len()
            );
            publish(shared, files, pages, Some(&search), &search.changed);
        }
        // Made from a model that has changed since: the next one follows.
        Ok(None) => {}
        Ok(Some(Err(d))) | Err(d) => {
            say_raw!("{}", diagnostics::render_all(&d, Format::Human, false))
        }
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
    let warnings: Vec<Diagnostic> = pages
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .cloned()
        .collect();
    let snapshot = Snapshot {
        files: files.clone(),
        errors,
        warnings,
        status,
    };
    shared.publish(snapshot, serde_json::to_string(changed).unwrap_or_default());
}

fn report(outcome: &Outcome) {
    if !outcome.diagnostics.is_empty() {
        say_raw!(
            "{}",
            diagnostics::render_all(&outcome.diagnostics, Format::Human, false)
        );
    }
    if outcome.ok {
        say!(
            "Rebuilt in {} ms: {} file(s) read, {} rendered, {} changed, {} removed",
            outcome.milliseconds,
            outcome.files_parsed,
            outcome.rendered,
            outcome.changed.len(),
            outcome.removed.len()
        );
    } else {
        say!("Not rebuilt: fix the errors above; still serving the last good version.");
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
    say!("(could not open a browser; visit {url})");
}
