//! `compendium serve` against a real process on a free loopback port: edits,
//! moves, additions and deletions show up; broken content keeps the old page
//! with an overlay; paths cannot escape; one change re-renders only the pages
//! that depend on it.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    base: String,
    root: PathBuf,
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

fn case_study(title: &str, functions: &str, partner: &str, region: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nsummary: \"Summary of {title}.\"\ndate: 2011-03-01\nmodel: joint-working\nfunctions: [{functions}]\npartners:\n  - name: {partner}\n    type: district\n    region: {region}\n  - name: Shared Partner Council\n    type: district\n    region: {region}\n---\n\nBody of {title}.\n"
    )
}

fn start() -> Server {
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
    // As the README says: run in the site's folder, with the default root `.`.
    let mut child = Command::new(env!("CARGO_BIN_EXE_compendium"))
        .args(["serve", "--port", "0"])
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
    wait_until(&server, "the first build", |s| {
        s["generation"].as_u64().unwrap_or(0) >= 1 && s["search"].is_object()
    });
    server
}

/// A raw HTTP/1.1 GET, so that the path is sent exactly as written.
fn get(server: &Server, path: &str) -> (u16, String) {
    let addr = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn status(server: &Server) -> Value {
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
fn settled(server: &Server, what: &str, done: impl Fn(&Server, &Value) -> bool) -> Value {
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
fn save(path: &Path, text: &str) {
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

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        edits_moves_additions_and_deletions_are_served,
        broken_content_keeps_the_old_page_with_an_overlay_until_fixed,
        paths_cannot_escape_the_site,
        a_one_file_change_re_renders_only_the_pages_that_depend_on_it,
        a_burst_of_changes_gives_one_correct_rebuild,
        a_template_change_re_renders_the_pages_that_use_it,
    ]
}
