//! `compendium serve` against a real process on a free loopback port: edits,
//! moves, additions and deletions show up; broken content keeps the old page
//! with an overlay; paths cannot escape; one change re-renders only the pages
//! that depend on it; only requests for its own addresses (or names allowed
//! on the command line) are answered; redirects stay on the server; slow and
//! idle connections are closed and cannot keep a request from being served.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
    pub(crate) root: PathBuf,
}

impl Server {
    /// `127.0.0.1:PORT`.
    pub(crate) fn addr(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    pub(crate) fn port(&self) -> &str {
        self.addr().rsplit(':').next().unwrap_or("")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !crate::support::temp::keep() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

pub(crate) fn case_study(title: &str, functions: &str, partner: &str, region: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nsummary: \"Summary of {title}.\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [{functions}]\npartners:\n  - name: {partner}\n    type: district\n    region: {region}\n  - name: Shared Partner Council\n    type: district\n    region: {region}\n---\n\nBody of {title}.\n"
    )
}

fn start() -> Server {
    start_with(&[], None)
}

/// Starts `compendium serve --port 0` with `args` on a site of three case
/// studies; with `fd_limit`, under `ulimit -n` of that many files (as a
/// machine with a low limit has it), through `sh`, which then `exec`s it.
pub(crate) fn start_with(args: &[&str], fd_limit: Option<u32>) -> Server {
    launch(args, fd_limit, &|_| {}, &|s| {
        s["generation"].as_u64().unwrap_or(0) >= 1 && s["search"].is_object()
    })
}

/// Starts the server as [`start_with`] does, after `prepare` has changed
/// the site's folder, and waits until `ready` holds for its status.
fn launch(
    args: &[&str],
    fd_limit: Option<u32>,
    prepare: &dyn Fn(&Path),
    ready: &dyn Fn(&Value) -> bool,
) -> Server {
    let root = crate::support::temp::folder("serve");
    let cs = root.join("content/case-studies");
    std::fs::create_dir_all(&cs).expect("dir");
    std::fs::write(
        cs.join("alpha.md"),
        case_study(
            "Alpha waste",
            "waste",
            "Alpha District Council",
            "south-east",
        ),
    )
    .expect("write");
    std::fs::write(
        cs.join("beta.md"),
        case_study(
            "Beta payroll",
            "payroll",
            "Beta District Council",
            "north-west",
        ),
    )
    .expect("write");
    std::fs::write(
        cs.join("gamma.md"),
        case_study("Gamma legal", "legal", "Gamma District Council", "london"),
    )
    .expect("write");
    prepare(&root);
    // As the README says: run in the site's folder, with the default root `.`.
    let binary = env!("CARGO_BIN_EXE_compendium");
    let mut command = match fd_limit {
        Some(n) => {
            let mut c = Command::new("sh");
            c.args([
                "-c",
                &format!("ulimit -n {n} && exec \"$0\" \"$@\""),
                binary,
            ]);
            c
        }
        None => Command::new(binary),
    };
    let mut child = command
        .args(["serve", "--port", "0"])
        .args(args)
        .current_dir(&root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start compendium serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut reader = BufReader::new(stderr);
    let mut base = String::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if let Some(i) = line.find("http://127.0.0.1:") {
            base = line[i..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_owned();
            break;
        }
    }
    assert!(!base.is_empty(), "the server printed its address");
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = reader.read_to_string(&mut sink);
    });
    let server = Server { child, base, root };
    wait_until(&server, "the first build", ready);
    server
}

/// A raw HTTP/1.1 GET, so that the path is sent exactly as written.
pub(crate) fn get(server: &Server, path: &str) -> (u16, String) {
    let addr = server.addr();
    let (status, _, body) = send(
        server,
        &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    );
    (status, body)
}

/// Sends `request` exactly as written on a new connection and reads the
/// response to its end: the status, the head (lower case) and the body.
fn send(server: &Server, request: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(server.addr()).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_ascii_lowercase(), body.to_owned())
}

pub(crate) fn status(server: &Server) -> Value {
    let (_, body) = get(server, "/_compendium/status");
    serde_json::from_str(&body).unwrap_or(Value::Null)
}

/// How long a test waits for the server to reach a state. Generous: on a
/// busy two-core machine a rebuild can take seconds; a healthy run never
/// comes near it, so the deadline only decides how long a real failure takes
/// to report.
const DEADLINE: Duration = Duration::from_secs(60);

fn wait_until(server: &Server, what: &str, done: impl Fn(&Value) -> bool) -> Value {
    settled(server, what, |_, s| done(s))
}

/// Waits until the server serves a finished rebuild (`state` "ready", not a
/// rebuild that has published its own pages but not yet the listings) for
/// which `done` holds, and returns its status. `done` may fetch pages: the
/// status is read again afterwards, and only if no new version was published
/// in between did the pages come from that same finished version. This waits
/// on what the test needs to be true rather than on "the next message",
/// which may belong to another batch (a save can reach the watcher as two
/// batches, and a search refresh publishes a version of its own).
pub(crate) fn settled(
    server: &Server,
    what: &str,
    done: impl Fn(&Server, &Value) -> bool,
) -> Value {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let s = status(server);
        if s["state"] == "ready" && done(server, &s) {
            let again = status(server);
            if again["generation"] == s["generation"] {
                return again;
            }
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {DEADLINE:?} waiting for {what}; last status {s}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits until `path` is served with `needle` in it (or, for `None`, is a 404).
fn serves(server: &Server, path: &str, needle: Option<&str>) -> Value {
    settled(
        server,
        &format!("{path} to show {needle:?}"),
        |server, _| {
            let (code, body) = get(server, path);
            match needle {
                Some(n) => code == 200 && body.contains(n),
                None => code == 404,
            }
        },
    )
}

/// Writes a file the way many editors save: to a temporary file, then rename.
pub(crate) fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp~");
    std::fs::write(&tmp, text).expect("write temp");
    std::fs::rename(&tmp, path).expect("rename");
}

fn edits_moves_additions_and_deletions_are_served() {
    let server = start();
    let cs = server.root.join("content/case-studies");
    let (code, page) = get(&server, "/case-studies/alpha/");
    assert_eq!(code, 200);
    assert!(page.contains("Alpha waste"));
    assert!(
        page.contains("EventSource"),
        "the live-reload script is injected"
    );

    // Edit a title.
    save(
        &cs.join("alpha.md"),
        &case_study(
            "Alpha renamed",
            "waste",
            "Alpha District Council",
            "south-east",
        ),
    );
    serves(&server, "/case-studies/alpha/", Some("Alpha renamed"));
    assert!(
        get(&server, "/case-studies/alpha/")
            .1
            .contains("Alpha renamed")
    );

    // Move from waste to procurement: both listing pages change.
    assert!(
        get(&server, "/functions/waste/")
            .1
            .contains("/case-studies/alpha/")
    );
    save(
        &cs.join("alpha.md"),
        &case_study(
            "Alpha renamed",
            "procurement",
            "Alpha District Council",
            "south-east",
        ),
    );
    // The case study's own page names its functions; once a finished
    // rebuild shows the new one, its listings must agree.
    serves(
        &server,
        "/case-studies/alpha/",
        Some("/functions/procurement/"),
    );
    assert!(
        !get(&server, "/functions/waste/")
            .1
            .contains("/case-studies/alpha/"),
        "gone from the old function"
    );
    assert!(
        get(&server, "/functions/procurement/")
            .1
            .contains("/case-studies/alpha/"),
        "listed under the new function"
    );

    // Add a file.
    save(
        &cs.join("delta.md"),
        &case_study(
            "Delta libraries",
            "libraries",
            "Delta District Council",
            "wales",
        ),
    );
    serves(&server, "/case-studies/delta/", Some("Delta libraries"));
    assert_eq!(get(&server, "/case-studies/delta/").0, 200);
    assert!(
        get(&server, "/functions/libraries/")
            .1
            .contains("/case-studies/delta/")
    );
    assert_eq!(get(&server, "/partners/delta-district-council/").0, 200);

    // Delete it: its page, organisation and listing entries disappear.
    std::fs::remove_file(cs.join("delta.md")).expect("remove");
    serves(&server, "/case-studies/delta/", None);
    assert_eq!(get(&server, "/case-studies/delta/").0, 404);
    assert_eq!(get(&server, "/partners/delta-district-council/").0, 404);
    assert!(
        !get(&server, "/functions/libraries/")
            .1
            .contains("/case-studies/delta/")
    );
    assert!(!get(&server, "/case-studies/").1.contains("Delta libraries"));
}

fn broken_content_keeps_the_old_page_with_an_overlay_until_fixed() {
    let server = start();
    let file = server.root.join("content/case-studies/beta.md");
    let good = std::fs::read_to_string(&file).expect("read");
    save(
        &file,
        &good.replace("model: joint-working", "model: [broken"),
    );
    let s = wait_until(&server, "the error to be reported", |s| {
        s["ok"] == Value::Bool(false)
    });
    assert_eq!(s["ok"], Value::Bool(false));
    let error = &s["errors"][0];
    assert_eq!(error["file"], "content/case-studies/beta.md");
    assert!(error["line"].as_u64().unwrap_or(0) >= 5, "{error}");
    let (code, page) = get(&server, "/case-studies/beta/");
    assert_eq!(code, 200, "the last good page is still served");
    assert!(page.contains("Beta payroll"));
    assert!(page.contains("compendium-overlay"), "the overlay is shown");
    let at = format!(
        "content/case-studies/beta.md:{}:{}",
        error["line"], error["column"]
    );
    assert!(
        page.contains(&at),
        "the overlay names the file, line and column {at}"
    );
    assert!(
        get(&server, "/").1.contains("compendium-overlay"),
        "on every page"
    );

    save(&file, &good);
    let s = wait_until(&server, "the fix to be built", |s| {
        s["ok"] == Value::Bool(true)
    });
    assert_eq!(s["ok"], Value::Bool(true));
    assert!(
        !get(&server, "/case-studies/beta/")
            .1
            .contains("compendium-overlay"),
        "fixing the file clears the overlay"
    );
}

/// Started with a broken file, the server has no site to show: every page
/// address gets HTML with the overlay (naming the file, line and column)
/// and the reload script, not a plain-text 404; a file's address still
/// gets a plain 404. Once the file is fixed the site is served.
fn started_broken_shows_the_overlay_everywhere_and_recovers() {
    let broken_line = "model: [broken";
    let server = launch(
        &[],
        None,
        &|root| {
            let file = root.join("content/case-studies/beta.md");
            let good = std::fs::read_to_string(&file).expect("read");
            std::fs::write(&file, good.replace("model: joint-working", broken_line))
                .expect("write");
        },
        &|s| s["generation"].as_u64().unwrap_or(0) >= 1 && s["ok"] == Value::Bool(false),
    );
    let s = status(&server);
    let error = &s["errors"][0];
    assert_eq!(error["file"], "content/case-studies/beta.md", "{s}");
    let at = format!(
        "content/case-studies/beta.md:{}:{}",
        error["line"], error["column"]
    );
    for path in [
        "/",
        "/case-studies/alpha/",
        "/no/such/page/",
        "/case-studies/beta",
    ] {
        let (code, page) = get(&server, path);
        assert_eq!(code, 503, "{path}: {page}");
        assert!(page.starts_with("<!DOCTYPE html>"), "{path}: HTML");
        assert!(page.contains("id=\"compendium-overlay\""), "{path}");
        assert!(page.contains(&at), "{path} names {at}");
        assert!(page.contains("data-dismiss"), "{path}: a dismiss button");
        assert!(page.contains("EventSource"), "{path}: the reload script");
    }
    let (code, body) = get(&server, "/static/style.css");
    assert_eq!((code, body.as_str()), (404, "404 Not found"));

    let file = server.root.join("content/case-studies/beta.md");
    let text = std::fs::read_to_string(&file).expect("read");
    save(&file, &text.replace(broken_line, "model: joint-working"));
    wait_until(&server, "the fixed site", |s| s["ok"] == Value::Bool(true));
    let (code, page) = get(&server, "/case-studies/beta/");
    assert_eq!(code, 200, "{page}");
    assert!(page.contains("Beta payroll"));
    assert!(!page.contains("id=\"compendium-overlay\""));
    let (code, page) = get(&server, "/");
    assert_eq!(code, 200);
    assert!(!page.contains("id=\"compendium-overlay\""));
}

/// `serve` shows drafts, with the banner; a draft's problems are warnings
/// in a notice that does not block the site, never the error overlay.
fn serve_previews_drafts_and_lists_their_problems_in_a_notice() {
    let server = launch(
        &[],
        None,
        &|root| {
            let cs = root.join("content/case-studies");
            let draft = case_study("Delta draft", "waste", "Delta District Council", "wales")
                .replacen("---\n", "---\ndraft: true\n", 1)
                + "\nTODO\n";
            std::fs::write(cs.join("delta.md"), draft).expect("write");
            let unfinished = case_study("Epsilon", "waste", "Epsilon District Council", "wales")
                .replacen("---\n", "---\ndraft: true\n", 1)
                .replace("model: joint-working", "model: choose-a-model");
            std::fs::write(cs.join("epsilon.md"), unfinished).expect("write");
        },
        &|s| s["generation"].as_u64().unwrap_or(0) >= 1 && s["search"].is_object(),
    );
    let s = status(&server);
    assert_eq!(s["ok"], Value::Bool(true), "drafts do not block: {s}");
    let (code, page) = get(&server, "/case-studies/delta/");
    assert_eq!(code, 200);
    assert!(page.contains("class=\"draft-banner\""), "the draft banner");
    assert!(page.contains("id=\"compendium-notice\""), "the notice");
    assert!(!page.contains("id=\"compendium-overlay\""), "no overlay");
    assert!(
        page.contains("content/case-studies/epsilon.md:"),
        "the unfinished draft's problem is listed"
    );
    let (_, page) = get(&server, "/case-studies/alpha/");
    assert!(
        !page.contains("class=\"draft-banner\""),
        "not on a published page"
    );
    assert!(
        page.contains("id=\"compendium-notice\""),
        "the notice is on every page"
    );
}

/// In Chromium: the overlay over the last good page has the focus on its
/// dismiss button; Enter hides it and shows the page beneath, a button
/// brings it back, Escape hides it again, and a reload with the same errors
/// keeps it hidden.
fn the_overlay_can_be_dismissed_from_the_keyboard_in_chromium() {
    let server = start();
    let file = server.root.join("content/case-studies/beta.md");
    let good = std::fs::read_to_string(&file).expect("read");
    save(
        &file,
        &good.replace("model: joint-working", "model: [broken"),
    );
    wait_until(&server, "the error", |s| s["ok"] == Value::Bool(false));
    let session = crate::support::browser::session(1000, 800);
    let b = &session.browser;
    b.goto(&format!("{}/case-studies/beta/", server.base));
    b.wait_for(
        "const o = document.getElementById('compendium-overlay'); return o && !o.hidden && document.activeElement && document.activeElement.hasAttribute('data-dismiss')",
        "the overlay, its button focused",
    );
    let covered = b.eval(
        "const r = document.querySelector('main h1').getBoundingClientRect(); const e = document.elementFromPoint(r.left + 5, r.top + 5); return !!e.closest('#compendium-overlay')",
        serde_json::json!([]),
    );
    assert_eq!(covered, Value::Bool(true), "the overlay covers the page");
    b.keys("\u{E007}"); // Enter on the focused button
    b.wait_for(
        "return document.getElementById('compendium-overlay').hidden && document.activeElement.id === 'compendium-overlay-show'",
        "the overlay hidden, the focus on the button that shows it",
    );
    let beneath = b.eval(
        "const h = document.querySelector('main h1'); const r = h.getBoundingClientRect(); const e = document.elementFromPoint(r.left + 5, r.top + 5); return [h.textContent, h.contains(e)]",
        serde_json::json!([]),
    );
    assert_eq!(
        beneath,
        serde_json::json!(["Beta payroll", true]),
        "the last good page is seen"
    );
    b.keys("\u{E007}"); // Enter on "Show the error"
    b.wait_for(
        "return !document.getElementById('compendium-overlay').hidden && document.getElementById('compendium-overlay-show').hidden",
        "the overlay back",
    );
    b.keys("\u{E00C}"); // Escape
    b.wait_for(
        "return document.getElementById('compendium-overlay').hidden",
        "Escape to hide the overlay",
    );
    b.eval("location.reload(); return true", serde_json::json!([]));
    b.wait_for(
        "const o = document.getElementById('compendium-overlay'); return document.readyState === 'complete' && o && o.hidden && !document.getElementById('compendium-overlay-show').hidden",
        "the overlay to stay dismissed for the same errors",
    );
}

/// In Chromium: a tab opened while the server has never built the site
/// shows the overlay, and becomes the site once the file is fixed, by
/// itself.
fn a_tab_on_a_server_started_broken_reloads_to_the_site_when_fixed_in_chromium() {
    let server = launch(
        &[],
        None,
        &|root| {
            let file = root.join("content/case-studies/gamma.md");
            let good = std::fs::read_to_string(&file).expect("read");
            std::fs::write(
                &file,
                good.replace("functions: [legal]", "functions: [legall]"),
            )
            .expect("write");
        },
        &|s| s["generation"].as_u64().unwrap_or(0) >= 1 && s["ok"] == Value::Bool(false),
    );
    let session = crate::support::browser::session(1000, 800);
    let b = &session.browser;
    b.goto(&format!("{}/case-studies/gamma/", server.base));
    b.wait_for(
        "const o = document.getElementById('compendium-overlay'); return document.readyState === 'complete' && o && o.textContent.includes('gamma.md')",
        "the overlay on the stand-in page",
    );
    let file = server.root.join("content/case-studies/gamma.md");
    let text = std::fs::read_to_string(&file).expect("read");
    save(
        &file,
        &text.replace("functions: [legall]", "functions: [legal]"),
    );
    wait_until(&server, "the fixed site", |s| s["ok"] == Value::Bool(true));
    b.wait_for(
        "return document.readyState === 'complete' && !document.getElementById('compendium-overlay') && document.querySelector('main h1') && document.querySelector('main h1').textContent === 'Gamma legal'",
        "the tab to reload to the case study",
    );
}

fn paths_cannot_escape_the_site() {
    let server = start();
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E%2FCargo.toml",
        "/case-studies/..%2F..%2FCargo.toml",
        "/%252e%252e/Cargo.toml",
        "/..%5cCargo.toml",
    ] {
        let (code, body) = get(&server, path);
        assert!(code == 400 || code == 404, "{path} gave {code}");
        assert!(!body.contains("[package]"), "{path} leaked a file");
    }
    let (code, body) = get(&server, "/no/such/page/");
    assert_eq!(code, 404);
    assert!(body.contains("Page not found"), "the site's own 404 page");
    assert_eq!(
        get(&server, "/functions").0,
        301,
        "folders without a slash redirect"
    );
}

fn a_one_file_change_re_renders_only_the_pages_that_depend_on_it() {
    let server = start();
    let total = status(&server)["files"].as_u64().unwrap_or(0);
    let cs = server.root.join("content/case-studies");
    save(
        &cs.join("gamma.md"),
        &case_study("Gamma legal", "legal", "Gamma District Council", "london")
            .replace("Body of", "New body of"),
    );
    let s = serves(&server, "/case-studies/gamma/", Some("New body of"));
    let pages = &s["pages"];
    assert_eq!(
        pages["files_parsed"].as_u64(),
        Some(1),
        "only the changed file is read: {pages}"
    );
    assert_eq!(
        pages["bodies_rendered"].as_u64(),
        Some(1),
        "only the changed body is rendered: {pages}"
    );
    let rendered = pages["rendered"].as_u64().unwrap_or(u64::MAX);
    assert!(
        rendered > 0 && rendered * 3 < total,
        "rendered {rendered} of {total} files"
    );
    let changed: Vec<String> = serde_json::from_value(pages["changed"].clone()).unwrap_or_default();
    assert_eq!(
        changed,
        vec!["case-studies/gamma/index.html".to_string()],
        "a body edit changes only that page"
    );
    // Pages of the other case studies were not rendered at all.
    assert!(
        get(&server, "/case-studies/beta/")
            .1
            .contains("Beta payroll")
    );
}

fn a_burst_of_changes_gives_one_correct_rebuild() {
    let server = start();
    let cs = server.root.join("content/case-studies");
    let before = status(&server)["rebuilds"].as_u64().unwrap_or(0);
    // As a `git checkout` does: many files appear at once. They are written
    // outside the watched folders first and then renamed in, so that the
    // burst itself is as short as the file system allows.
    let incoming = server.root.join("incoming");
    std::fs::create_dir_all(&incoming).expect("dir");
    for i in 0..12 {
        std::fs::write(
            incoming.join(format!("burst-{i}.md")),
            case_study(
                &format!("Burst {i}"),
                "housing",
                &format!("Burst {i} District Council"),
                "east-midlands",
            ),
        )
        .expect("write");
    }
    for i in 0..12 {
        let name = format!("burst-{i}.md");
        std::fs::rename(incoming.join(&name), cs.join(&name)).expect("move in");
    }
    std::fs::remove_file(cs.join("gamma.md")).expect("remove");
    // The end state, not "the next rebuild": the debouncer groups events per
    // path, so a burst that a busy machine stretches past the debounce time
    // legitimately arrives as more than one batch.
    let s = settled(&server, "the burst to be built", |server, _| {
        get(server, "/case-studies/gamma/").0 == 404
            && (0..12).all(|i| get(server, &format!("/case-studies/burst-{i}/")).0 == 200)
    });
    let rebuilds = s["rebuilds"].as_u64().unwrap_or(0) - before;
    // Guaranteed: every batch holds at least one of the 13 changes, and
    // batches that queue up during a rebuild are merged into the next one.
    // Asserted: the burst was batched at all (one rebuild per file would be
    // 13), with room for a busy machine splitting it a few times.
    assert!(
        (1..=6).contains(&rebuilds),
        "13 changes at once should give a few rebuilds at most, got {rebuilds}"
    );
    let housing = get(&server, "/functions/housing/").1;
    for i in 0..12 {
        assert!(
            housing.contains(&format!("/case-studies/burst-{i}/")),
            "burst-{i} listed"
        );
    }
    assert_eq!(get(&server, "/case-studies/gamma/").0, 404);
}

fn a_template_change_re_renders_the_pages_that_use_it() {
    let server = start();
    let templates = server.root.join("themes/default/templates");
    std::fs::create_dir_all(&templates).expect("dir");
    let default_404 = include_str!("../../themes/default/templates/404.html");
    std::fs::write(
        templates.join("404.html"),
        default_404.replace("Page not found</h1>", "Nothing here</h1>"),
    )
    .expect("write");
    let s = settled(&server, "the new 404 page", |server, _| {
        get(server, "/missing/").1.contains("Nothing here")
    });
    let changed: Vec<String> =
        serde_json::from_value(s["pages"]["changed"].clone()).unwrap_or_default();
    assert_eq!(
        changed,
        vec!["404.html".to_string()],
        "only the page using the template changed"
    );
    assert!(get(&server, "/missing/").1.contains("Nothing here"));
}

/// A header's value from a lower-cased response head.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        (n.trim() == name).then(|| v.trim())
    })
}

fn only_its_own_addresses_and_allowed_names_are_answered() {
    let server = start_with(&["--allow-host", "Compendium.Test"], None);
    let port = server.port().to_owned();
    let ask = |host: Option<&str>, target: &str| {
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        send(
            &server,
            &format!("GET {target} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"),
        )
    };
    for host in [
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_owned(),
        "localhost".to_owned(),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        "compendium.test".to_owned(),
        format!("compendium.test:{port}"),
    ] {
        let (code, _, body) = ask(Some(&host), "/case-studies/alpha/");
        assert_eq!(code, 200, "Host: {host}");
        assert!(body.contains("Alpha waste"), "Host: {host}");
    }
    let refused = |code: u16, head: &str, body: &str, what: &str| {
        assert!(code == 403 || code == 421, "{what} gave {code}");
        assert!(
            header(head, "content-type").is_some_and(|t| t.starts_with("text/plain")),
            "{what}: {head}"
        );
        assert!(
            body.len() < 600 && body.contains("host") && body.contains("--allow-host"),
            "{what}: the body says why, briefly: {body}"
        );
        assert!(
            !body.contains("Alpha") && !body.contains("generation"),
            "{what}: nothing of the site: {body}"
        );
    };
    // As a DNS-rebinding page's requests arrive: its own name, any port.
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        "127.0.0.1.evil.example".to_owned(),
        format!("localhost.evil.example:{port}"),
        "compendium.test.evil.example".to_owned(),
        "127.0.0.2".to_owned(),
        "[::1]".to_owned(),
        "localhost:notaport".to_owned(),
        format!("127.0.0.1:{port}@evil.example"),
        String::new(),
    ] {
        for path in [
            "/",
            "/case-studies/alpha/",
            "/_compendium/status",
            "/_compendium/events",
            "/functions",
        ] {
            let (code, head, body) = ask(Some(&host), path);
            refused(code, &head, &body, &format!("Host: {host:?} {path}"));
        }
    }
    let (code, head, body) = ask(None, "/");
    refused(code, &head, &body, "no Host");
    let (code, head, body) = send(&server, "GET / HTTP/1.0\r\n\r\n");
    refused(code, &head, &body, "HTTP/1.0 without Host");
    // An absolute URL names the host in the request line, which wins.
    let (code, head, body) = ask(Some(&format!("127.0.0.1:{port}")), "http://evil.example/");
    refused(code, &head, &body, "an absolute URL of another host");
    let (code, _, _) = ask(
        Some(&format!("127.0.0.1:{port}")),
        &format!("http://127.0.0.1:{port}/case-studies/alpha/"),
    );
    assert_eq!(code, 200, "an absolute URL of this server");
}

fn redirects_stay_on_this_server() {
    let server = start();
    let ask = |path: &str| {
        let addr = server.addr();
        send(
            &server,
            &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
        )
    };
    for (path, to) in [
        ("/case-studies", "/case-studies/"),
        ("//case-studies", "/case-studies/"),
        ("///case-studies", "/case-studies/"),
        ("/%2f%2fcase-studies", "/case-studies/"),
        ("/%2F%2Fcase-studies", "/case-studies/"),
        ("//%2fcase-studies", "/case-studies/"),
        ("/%2f/case-studies", "/case-studies/"),
        ("//functions/waste", "/functions/waste/"),
        ("/functions?sort=name", "/functions/?sort=name"),
    ] {
        let (code, head, _) = ask(path);
        assert_eq!(code, 301, "{path}");
        assert_eq!(header(&head, "location"), Some(to), "{path}");
    }
    // Whatever is asked, a Location is a path on this server.
    for path in [
        "//evil.example",
        "/%2f%2fevil.example",
        "/http:%2f%2fevil.example",
        "/https:/%2fevil.example",
        "//evil.example/%2e%2e",
        "/%5c%5cevil.example",
        "/%09/evil.example",
        "//case-studies%2f%2fevil.example",
    ] {
        let (code, head, _) = ask(path);
        if let Some(location) = header(&head, "location") {
            assert!(
                location.starts_with('/')
                    && !location.starts_with("//")
                    && !location.starts_with("/\\")
                    && !location.contains("://"),
                "{path} gave {code} to {location}"
            );
        }
    }
}

fn allow_host_is_documented_and_checked() {
    let help = Command::new(env!("CARGO_BIN_EXE_compendium"))
        .args(["serve", "--help"])
        .output()
        .expect("run compendium serve --help");
    let text = String::from_utf8_lossy(&help.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(help.status.success());
    assert!(
        text.contains("--allow-host <NAME>") && text.contains("DNS rebinding"),
        "{text}"
    );
    let root = crate::support::temp::TempDir::new("serve-allow-host");
    let bad = Command::new(env!("CARGO_BIN_EXE_compendium"))
        .args([
            "serve",
            "--port",
            "0",
            "--allow-host",
            "http://evil.example/",
        ])
        .current_dir(&root.path)
        .output()
        .expect("run compendium serve");
    let text = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success(), "{text}");
    assert!(
        text.contains("error[bad-argument]") && text.contains("--allow-host"),
        "{text}"
    );
}

/// A GET on a new connection, and how long the answer took.
fn timed_get(addr: &str, path: &str) -> (u16, Duration) {
    let started = Instant::now();
    let code = (|| {
        let to = addr.parse().ok()?;
        let mut stream = TcpStream::connect_timeout(&to, Duration::from_secs(10)).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .ok()?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response)
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    })()
    .unwrap_or(0);
    (code, started.elapsed())
}

/// How long a normal request may take while the server is under attack:
/// far above the milliseconds it takes, so that only a server that cannot
/// answer fails, not a busy machine.
const PROMPTLY: Duration = Duration::from_secs(10);

/// Whether the server has closed (or answered and closed) `stream`,
/// waiting for it until `deadline`.
fn closed_by_server(stream: &mut TcpStream, deadline: Instant) -> bool {
    let left = deadline.saturating_duration_since(Instant::now());
    stream
        .set_read_timeout(Some(left.max(Duration::from_millis(1))))
        .ok();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return false;
            }
            Err(_) => return true,
        }
    }
}

fn slow_loris_connections_are_closed_and_do_not_stop_a_request() {
    const SLOW: usize = 200;
    let header_timeout = Duration::from_millis(1500);
    // The idle timeout is out of the way: these connections are never idle.
    let server = start_with(
        &["--header-timeout-ms", "1500", "--idle-timeout-ms", "600000"],
        None,
    );
    let mut slow = Vec::new();
    for _ in 0..SLOW {
        let mut stream = TcpStream::connect(server.addr()).expect("connect");
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            .expect("send");
        stream.set_nonblocking(true).expect("non-blocking");
        slow.push((stream, Instant::now(), None::<Instant>));
    }
    let addr = server.addr().to_owned();
    let normal = std::thread::spawn(move || timed_get(&addr, "/case-studies/alpha/"));
    // The attack: one more byte of the head on every connection every
    // 100 ms, until the server has closed them all.
    let deadline = Instant::now() + DEADLINE.min(Duration::from_secs(30));
    loop {
        let now = Instant::now();
        for (stream, _, closed) in slow.iter_mut().filter(|s| s.2.is_none()) {
            match stream.read(&mut [0u8; 4096]) {
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    let _ = stream.write(b"x");
                }
                // End of stream, a reset, or an answer (408): it has stopped waiting.
                _ => *closed = Some(now),
            }
        }
        let open = slow.iter().filter(|s| s.2.is_none()).count();
        if open == 0 {
            break;
        }
        assert!(
            now < deadline,
            "{open} of {SLOW} connections sending their head a byte at a time are still open after {:?}",
            deadline.duration_since(slow[0].1)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (code, took) = normal.join().expect("the normal request");
    assert_eq!(code, 200, "a normal request during the attack");
    assert!(took < PROMPTLY, "a normal request took {took:?}");
    let s = wait_until(&server, "the header timeouts to be counted", |s| {
        s["connections"]["header_timeouts"].as_u64().unwrap_or(0) >= SLOW as u64
    });
    assert_eq!(s["connections"]["evicted"], 0, "{s}");
    for (_, opened, closed) in &slow {
        let lived = closed
            .map(|c| c.duration_since(*opened))
            .unwrap_or_default();
        assert!(
            lived >= header_timeout,
            "closed after {lived:?}, before the header timeout"
        );
    }
}

fn a_flood_of_idle_connections_does_not_stop_a_request() {
    // As on a machine whose limit is 1,024 open files, flooded with 1,100
    // connections: here 512 and 600, with the default connection limit (256).
    // The idle timeout is out of the way: only making room can let the
    // request in, so the test does not depend on how fast the flood comes.
    const FLOOD: usize = 600;
    const LIMIT: usize = 256;
    let server = start_with(&["--idle-timeout-ms", "600000"], Some(512));
    let to = server.addr().parse().expect("address");
    let mut idle = Vec::new();
    let mut failures = 0;
    // A connection may have to wait for the listen queue to drain (a SYN is
    // sent again after 1 s); a server that no longer accepts at all lets
    // none through.
    while idle.len() < FLOOD && failures < 3 {
        match TcpStream::connect_timeout(&to, Duration::from_secs(3)) {
            Ok(stream) => idle.push(stream),
            Err(_) => failures += 1,
        }
    }
    let (code, took) = timed_get(server.addr(), "/case-studies/alpha/");
    assert_eq!(
        code,
        200,
        "a request after {} idle connections ({failures} could not connect)",
        idle.len()
    );
    assert!(took < PROMPTLY, "a normal request took {took:?}");
    assert_eq!(idle.len(), FLOOD, "every connection was accepted");
    // The oldest were closed by the server to make room, first come first.
    let s = status(&server);
    let evicted = s["connections"]["evicted"].as_u64().unwrap_or(0) as usize;
    assert!(evicted > FLOOD - LIMIT, "room was made: {s}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let open = idle[..FLOOD - LIMIT]
        .iter_mut()
        .map(|stream| closed_by_server(stream, deadline))
        .filter(|closed| !closed)
        .count();
    assert_eq!(open, 0, "{open} of the oldest idle connections still open");
}

fn idle_connections_are_closed_after_the_idle_timeout() {
    // Fewer than the limit: only the idle timeout closes them.
    const IDLE: usize = 200;
    let idle_timeout = Duration::from_millis(1000);
    let server = start_with(&["--idle-timeout-ms", "1000"], None);
    let opened = Instant::now();
    let mut idle: Vec<TcpStream> = (0..IDLE)
        .map(|_| TcpStream::connect(server.addr()).expect("connect"))
        .collect();
    let (code, took) = timed_get(server.addr(), "/case-studies/alpha/");
    assert_eq!(code, 200, "a request among {IDLE} idle connections");
    assert!(took < PROMPTLY, "a normal request took {took:?}");
    let deadline = Instant::now() + Duration::from_secs(30);
    // The oldest goes first: not before the idle timeout.
    assert!(
        closed_by_server(&mut idle[0], deadline),
        "the first is closed"
    );
    let first = opened.elapsed();
    assert!(first >= idle_timeout, "closed after {first:?}");
    let open = idle[1..]
        .iter_mut()
        .map(|stream| closed_by_server(stream, deadline))
        .filter(|closed| !closed)
        .count();
    assert_eq!(open, 0, "{open} of {IDLE} idle connections still open");
    let s = wait_until(&server, "the idle timeouts to be counted", |s| {
        s["connections"]["idle_timeouts"].as_u64().unwrap_or(0) >= IDLE as u64
    });
    assert_eq!(s["connections"]["evicted"], 0, "{s}");
}

/// Larger than loopback's socket buffers can hold (some 10 MB at most).
const BIG: usize = 16 << 20;

/// Adds a theme asset of [`BIG`] bytes, `/static/big.bin`, and waits until
/// it is served; returns its bytes and a connection that has asked for it.
fn ask_for_a_big_file(server: &Server) -> (Vec<u8>, TcpStream) {
    let assets = server.root.join("themes/default/static");
    std::fs::create_dir_all(&assets).expect("dir");
    let big: Vec<u8> = (0..BIG).map(|i| (i % 251) as u8).collect();
    std::fs::write(assets.join("big.bin"), &big).expect("write");
    // Whole: the watcher may see the file while it is still being written,
    // and serve that part until the rest comes.
    let whole = format!("content-length: {BIG}\r\n");
    settled(server, "the whole big file to be served", |server, _| {
        let addr = server.addr();
        let request =
            format!("HEAD /static/big.bin HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        let (status, head, _) = send(server, &request);
        status == 200 && head.contains(&whole)
    });
    let mut stream = TcpStream::connect(server.addr()).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let request = format!(
        "GET /static/big.bin HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr()
    );
    stream.write_all(request.as_bytes()).expect("send");
    (big, stream)
}

/// The body of a response read to its end.
fn body_of(response: &[u8]) -> &[u8] {
    response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| &response[i + 4..])
        .unwrap_or_default()
}

fn a_slow_download_is_not_cut_short_by_the_idle_timeout() {
    // Sent faster than it is read: a response still being written is not
    // idle, however long the socket takes to have room for more (which,
    // with megabytes of socket buffers, is longer than this idle timeout).
    let server = start_with(&["--idle-timeout-ms", "300"], None);
    let (big, mut stream) = ask_for_a_big_file(&server);
    let started = Instant::now();
    let mut response = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    // About 2.5 MB a second: some 6 s for the file, twenty idle timeouts.
    let ended = loop {
        match stream.read(&mut chunk) {
            Ok(0) => break "end of stream".to_owned(),
            Err(e) => break format!("{e}"),
            Ok(n) => response.extend_from_slice(&chunk[..n]),
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    let body = body_of(&response);
    assert_eq!(
        body.len(),
        BIG,
        "the whole file, read over {:?} ({ended}); connections {}",
        started.elapsed(),
        status(&server)["connections"]
    );
    assert!(body == big.as_slice(), "the file's bytes");
}

fn a_client_that_stops_reading_is_closed_after_the_send_timeout() {
    let server = start_with(&["--send-timeout-ms", "1000"], None);
    let (_, mut stream) = ask_for_a_big_file(&server);
    // Nothing is read until the server has given up on this connection.
    wait_until(&server, "a send timeout", |s| {
        s["connections"]["send_timeouts"].as_u64().unwrap_or(0) >= 1
    });
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let got = body_of(&response).len();
    assert!(got < BIG, "closed before the end: {got} of {BIG} bytes");
}

fn an_idle_kept_alive_connection_is_closed_after_the_idle_timeout() {
    let idle_timeout = Duration::from_millis(1000);
    let server = start_with(
        &[
            "--idle-timeout-ms",
            "1000",
            "--header-timeout-ms",
            "600000",
            "--send-timeout-ms",
            "600000",
        ],
        None,
    );
    let mut stream = TcpStream::connect(server.addr()).expect("connect");
    let asked = Instant::now();
    let request = format!(
        "GET /case-studies/alpha/ HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr()
    );
    stream.write_all(request.as_bytes()).expect("send");
    // The whole response, by its length; the connection stays open.
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut response = Vec::new();
    let mut chunk = [0u8; 8192];
    let complete = |r: &[u8]| {
        let text = String::from_utf8_lossy(r).to_ascii_lowercase();
        let Some((head, body)) = text.split_once("\r\n\r\n") else {
            return false;
        };
        header(head, "content-length")
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| body.len() >= n)
    };
    while !complete(&response) {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => panic!("the connection ended before its response"),
            Ok(n) => response.extend_from_slice(&chunk[..n]),
        }
    }
    assert!(String::from_utf8_lossy(&response).starts_with("HTTP/1.1 200"));
    let deadline = Instant::now() + Duration::from_secs(30);
    assert!(
        closed_by_server(&mut stream, deadline),
        "an idle kept-alive connection is closed"
    );
    assert!(
        asked.elapsed() >= idle_timeout,
        "not before the idle timeout"
    );
    let s = wait_until(&server, "the idle timeout to be counted", |s| {
        s["connections"]["idle_timeouts"].as_u64().unwrap_or(0) >= 1
    });
    assert_eq!(s["connections"]["header_timeouts"], 0, "{s}");
    assert_eq!(s["connections"]["send_timeouts"], 0, "{s}");
}

fn connections_above_the_limit_are_refused_when_all_are_busy() {
    let server = start_with(&["--max-connections", "3"], None);
    let addr = server.addr().to_owned();
    // Three open event streams: busy for as long as they last.
    let mut streams = Vec::new();
    for _ in 0..3 {
        let mut stream = TcpStream::connect(&addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        write!(
            stream,
            "GET /_compendium/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
        )
        .expect("send");
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
            head.push(byte[0]);
        }
        assert!(
            String::from_utf8_lossy(&head).starts_with("HTTP/1.1 200"),
            "an event stream opens"
        );
        streams.push(stream);
    }
    let (code, head, body) = send(
        &server,
        &format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(code, 503, "a fourth connection is refused: {head}");
    assert!(body.contains("connections"), "and says why: {body}");
    assert!(header(&head, "retry-after").is_some(), "{head}");
    // One stream ends: there is room again.
    drop(streams.pop());
    let deadline = Instant::now() + DEADLINE;
    while get(&server, "/").0 != 200 {
        assert!(Instant::now() < deadline, "no room after a stream ended");
        std::thread::sleep(Duration::from_millis(20));
    }
    let s = status(&server);
    assert!(s["connections"]["refused"].as_u64() >= Some(1), "{s}");
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        edits_moves_additions_and_deletions_are_served,
        broken_content_keeps_the_old_page_with_an_overlay_until_fixed,
        started_broken_shows_the_overlay_everywhere_and_recovers,
        serve_previews_drafts_and_lists_their_problems_in_a_notice,
        the_overlay_can_be_dismissed_from_the_keyboard_in_chromium,
        a_tab_on_a_server_started_broken_reloads_to_the_site_when_fixed_in_chromium,
        paths_cannot_escape_the_site,
        a_one_file_change_re_renders_only_the_pages_that_depend_on_it,
        a_burst_of_changes_gives_one_correct_rebuild,
        a_template_change_re_renders_the_pages_that_use_it,
        only_its_own_addresses_and_allowed_names_are_answered,
        allow_host_is_documented_and_checked,
        redirects_stay_on_this_server,
        slow_loris_connections_are_closed_and_do_not_stop_a_request,
        a_flood_of_idle_connections_does_not_stop_a_request,
        idle_connections_are_closed_after_the_idle_timeout,
        connections_above_the_limit_are_refused_when_all_are_busy,
        a_slow_download_is_not_cut_short_by_the_idle_timeout,
        a_client_that_stops_reading_is_closed_after_the_send_timeout,
        an_idle_kept_alive_connection_is_closed_after_the_idle_timeout,
    ]
}
