//! `compendium serve` under load, on loopback only: at least 20,000 requests
//! from a few keep-alive clients while a case study's title and body are
//! edited in bursts through the watcher. Every response must be a complete
//! page that the site had at some moment (the page of a version that was
//! saved, byte for byte once the version is set aside), no client may see a
//! page older than one it saw before, and after the last edit settles every
//! page shows the final version. Bounded in count and in time.

use crate::serve::{Server, case_study, get, save, settled, start_with, status};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Requests at least; the editor goes on with bursts until they are made.
const REQUESTS: usize = 20_000;
const CLIENTS: usize = 4;
/// Saves in a row, with no pause, before waiting for the site to settle.
const SAVES_PER_BURST: usize = 5;
const MIN_BURSTS: usize = 10;
const MAX_BURSTS: usize = 400;
/// A keep-alive connection is closed and another opened after this many.
const REQUESTS_PER_CONNECTION: usize = 100;
/// The whole test stops, failing, if it has not finished by then.
const TIME_LIMIT: Duration = Duration::from_secs(90);

const TITLE_MARK: &str = "Tmark";
const BODY_MARK: &str = "Bmark";

/// The edited case study, title version `t`, body version `b`.
fn alpha(t: usize, b: usize) -> String {
    let title = format!("Alpha waste {TITLE_MARK}{t:05}");
    case_study(&title, "waste", "Alpha District Council", "south-east").replace(
        &format!("Body of {title}."),
        &format!("Body {BODY_MARK}{b:05} of the alpha case study."),
    )
}

/// The spellings of a mark: as written, and lower-cased (the listing's
/// filter data).
fn spellings(mark: &str) -> [String; 2] {
    [mark.to_owned(), mark.to_lowercase()]
}

/// The versions named by `mark` in a page.
fn versions(page: &str, mark: &str) -> HashSet<usize> {
    spellings(mark)
        .iter()
        .flat_map(|m| {
            page.match_indices(m.as_str())
                .filter_map(|(i, _)| page.get(i + m.len()..i + m.len() + 5)?.parse().ok())
        })
        .collect()
}

/// The page with its versions set aside, hashed.
fn normalised(page: &str) -> u64 {
    let mut text = page.to_owned();
    for mark in [TITLE_MARK, BODY_MARK] {
        for v in versions(page, mark) {
            for m in spellings(mark) {
                text = text.replace(&format!("{m}{v:05}"), &format!("{m}?????"));
            }
        }
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// What was saved: (title version, body version) of each save, in order.
#[derive(Default)]
struct Saved {
    states: Vec<(usize, usize)>,
}

/// One keep-alive HTTP/1.1 client on plain `TcpStream`.
struct Client {
    addr: String,
    stream: Option<BufReader<TcpStream>>,
    used: usize,
}

struct Response {
    status: u16,
    body: Vec<u8>,
}

impl Client {
    fn get(&mut self, path: &str) -> Result<Response, String> {
        if self.stream.is_none() {
            let to = self.addr.parse().map_err(|e| format!("address: {e}"))?;
            let stream = TcpStream::connect_timeout(&to, Duration::from_secs(10))
                .map_err(|e| format!("connect: {e}"))?;
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .map_err(|e| format!("timeout: {e}"))?;
            stream
                .set_nodelay(true)
                .map_err(|e| format!("nodelay: {e}"))?;
            self.stream = Some(BufReader::new(stream));
            self.used = 0;
        }
        self.used += 1;
        let last = self.used >= REQUESTS_PER_CONNECTION;
        let result = self.exchange(path, last);
        if last || result.is_err() {
            self.stream = None;
        }
        result
    }

    fn exchange(&mut self, path: &str, last: bool) -> Result<Response, String> {
        let reader = self.stream.as_mut().ok_or("no connection")?;
        let close = if last { "Connection: close\r\n" } else { "" };
        // One write: a request in pieces would wait on delayed ACKs.
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n{close}\r\n", self.addr);
        reader
            .get_mut()
            .write_all(request.as_bytes())
            .map_err(|e| format!("send: {e}"))?;
        let mut line = String::new();
        reader
            .read_line(&mut line)
            .map_err(|e| format!("status line: {e}"))?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("no status line: {line:?}"))?;
        let mut length = None;
        loop {
            line.clear();
            reader
                .read_line(&mut line)
                .map_err(|e| format!("head: {e}"))?;
            if line == "\r\n" {
                break;
            }
            if line.is_empty() {
                return Err("the connection ended in the head".into());
            }
            let (name, value) = line.split_once(':').ok_or("a bad header line")?;
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse::<usize>().ok(),
                "transfer-encoding" => return Err(format!("transfer-encoding: {value}")),
                _ => {}
            }
        }
        let length = length.ok_or("no content-length")?;
        let mut body = vec![0; length];
        reader
            .read_exact(&mut body)
            .map_err(|e| format!("body of {length} bytes: {e}"))?;
        Ok(Response { status, body })
    }
}

/// What every client shares.
struct Run {
    addr: String,
    paths: Vec<String>,
    /// The exact bytes of the paths that edits never change.
    fixed: HashMap<String, Vec<u8>>,
    saved: Mutex<Saved>,
    stop: AtomicBool,
    requests: AtomicUsize,
    errors: AtomicUsize,
    first_errors: Mutex<Vec<String>>,
    /// Per path, every page seen with its versions set aside.
    seen: Mutex<HashMap<String, HashSet<u64>>>,
    started: Instant,
}

impl Run {
    fn error(&self, what: String) {
        self.errors.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut first) = self.first_errors.lock()
            && first.len() < 20
        {
            first.push(what);
        }
    }
}

/// Checks one response; returns the page's position in the edit history
/// (the index of the earliest save it can be the page of), for staleness.
fn check(run: &Run, path: &str, response: &Response) -> Result<Option<usize>, String> {
    if response.status != 200 {
        return Err(format!("status {}", response.status));
    }
    if let Some(bytes) = run.fixed.get(path) {
        return if *bytes == response.body {
            Ok(None)
        } else {
            Err("an unchanging file changed".into())
        };
    }
    let page = std::str::from_utf8(&response.body).map_err(|_| "not UTF-8")?;
    if !page.starts_with("<!DOCTYPE html>") || !page.trim_end().ends_with("</html>") {
        return Err(format!("not a whole page ({} bytes)", page.len()));
    }
    let titles = versions(page, TITLE_MARK);
    let bodies = versions(page, BODY_MARK);
    if titles.len() > 1 || bodies.len() > 1 {
        return Err(format!(
            "a mixed page: titles {titles:?}, bodies {bodies:?}"
        ));
    }
    let title = titles.into_iter().next();
    let body = bodies.into_iter().next();
    if title.is_none() && body.is_none() {
        record(run, path, page);
        return Ok(None);
    }
    let saved = run.saved.lock().map_err(|_| "poisoned")?;
    let position = saved
        .states
        .iter()
        .position(|&(t, b)| title.is_none_or(|v| v == t) && body.is_none_or(|v| v == b));
    drop(saved);
    let Some(position) = position else {
        return Err(format!(
            "title {title:?} with body {body:?} was never saved"
        ));
    };
    record(run, path, page);
    Ok(Some(position))
}

fn record(run: &Run, path: &str, page: &str) {
    if let Ok(mut seen) = run.seen.lock() {
        seen.entry(path.to_owned())
            .or_default()
            .insert(normalised(page));
    }
}

fn run_client(run: &Run) {
    let mut client = Client {
        addr: run.addr.clone(),
        stream: None,
        used: 0,
    };
    // The newest position seen per path: a page may lag behind a newer
    // save, never behind a page this client already had.
    let mut newest: HashMap<&str, usize> = HashMap::new();
    let mut i = 0usize;
    while !run.stop.load(Ordering::SeqCst) {
        if run.started.elapsed() > TIME_LIMIT {
            run.error("the time limit was reached".into());
            return;
        }
        let path = run.paths[i % run.paths.len()].as_str();
        i += 1;
        let outcome = client.get(path).and_then(|r| check(run, path, &r));
        run.requests.fetch_add(1, Ordering::SeqCst);
        match outcome {
            Ok(Some(position)) => {
                let before = newest.entry(path).or_insert(position);
                // Title-only pages match a range of saves: compare the
                // earliest save each can be, which never goes back either.
                if position < *before {
                    run.error(format!(
                        "{path}: a stale page (save {position} after save {before})"
                    ));
                }
                *before = position.max(*before);
            }
            Ok(None) => {}
            Err(e) => run.error(format!("{path}: {e}")),
        }
    }
}

/// Waits until the site serves save `n` of `(t, b)` everywhere.
fn wait_for(server: &Server, (t, b): (usize, usize)) {
    let page = format!("{BODY_MARK}{b:05}");
    let title = format!("{TITLE_MARK}{t:05}");
    settled(
        server,
        &format!("save ({t}, {b}) to be served"),
        |server, _| {
            let (code, body) = get(server, "/case-studies/alpha/");
            code == 200
                && body.contains(&page)
                && body.contains(&title)
                && get(server, "/case-studies/").1.contains(&title)
                && get(server, "/functions/waste/").1.contains(&title)
        },
    );
}

fn thousands_of_requests_during_bursts_of_edits_get_whole_current_pages() {
    let server = start_with(&[], None);
    let file = server.root.join("content/case-studies/alpha.md");
    save(&file, &alpha(0, 0));
    wait_for(&server, (0, 0));
    let (_, home) = get(&server, "/");
    let stylesheet = home
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|href| href.ends_with(".css") || href.contains(".css?"))
        .map(|href| href.split('?').next().unwrap_or(href).to_owned())
        .expect("the home page links a stylesheet");
    let paths: Vec<String> = [
        "/case-studies/alpha/",
        "/case-studies/",
        "/case-studies/alpha/",
        "/functions/waste/",
        "/case-studies/alpha/",
        "/",
        "/case-studies/beta/",
        stylesheet.as_str(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut fixed = HashMap::new();
    let mut client = Client {
        addr: server.addr().to_owned(),
        stream: None,
        used: 0,
    };
    let css = client.get(&stylesheet).expect("the stylesheet");
    assert_eq!(css.status, 200, "{stylesheet}");
    fixed.insert(stylesheet.clone(), css.body);
    let run = Arc::new(Run {
        addr: server.addr().to_owned(),
        paths,
        fixed,
        saved: Mutex::new(Saved {
            states: vec![(0, 0)],
        }),
        stop: AtomicBool::new(false),
        requests: AtomicUsize::new(0),
        errors: AtomicUsize::new(0),
        first_errors: Mutex::new(Vec::new()),
        seen: Mutex::new(HashMap::new()),
        started: Instant::now(),
    });
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let run = run.clone();
            std::thread::spawn(move || run_client(&run))
        })
        .collect();

    // The editor: bursts of saves (a new body each, every third a new title
    // too), each burst then waited on until the site serves its last save.
    let mut last = (0, 0);
    let mut bursts = 0;
    let mut saves = 0;
    let rebuilds_before = status(&server)["rebuilds"].as_u64().unwrap_or(0);
    while (bursts < MIN_BURSTS || run.requests.load(Ordering::SeqCst) < REQUESTS)
        && bursts < MAX_BURSTS
        && run.started.elapsed() < TIME_LIMIT
    {
        for _ in 0..SAVES_PER_BURST {
            saves += 1;
            let t = if saves % 3 == 0 { saves } else { last.0 };
            last = (t, saves);
            if let Ok(mut saved) = run.saved.lock() {
                saved.states.push(last);
            }
            save(&file, &alpha(last.0, last.1));
        }
        bursts += 1;
        wait_for(&server, last);
    }
    run.stop.store(true, Ordering::SeqCst);
    for c in clients {
        c.join().expect("a client");
    }
    let elapsed = run.started.elapsed();
    let requests = run.requests.load(Ordering::SeqCst);
    let errors = run.errors.load(Ordering::SeqCst);
    let rebuilds = status(&server)["rebuilds"].as_u64().unwrap_or(0) - rebuilds_before;
    eprintln!(
        "serve_load: {requests} requests, {errors} errors in {:.1} s ({:.0}/s) by {CLIENTS} clients; \
         {saves} saves in {bursts} bursts, {rebuilds} rebuilds",
        elapsed.as_secs_f64(),
        requests as f64 / elapsed.as_secs_f64()
    );
    let first = run
        .first_errors
        .lock()
        .map(|f| f.clone())
        .unwrap_or_default();
    assert_eq!(errors, 0, "errors, the first of them: {first:#?}");
    assert!(requests >= REQUESTS, "only {requests} requests");
    assert!(elapsed < TIME_LIMIT, "took {elapsed:?}");

    // Settled on the last save: every page is its final version, and every
    // page seen during the run was that same page with other versions.
    wait_for(&server, last);
    let seen = run.seen.lock().map(|s| s.clone()).unwrap_or_default();
    // A new connection: the server has closed the first one, idle since.
    let mut client = Client {
        addr: server.addr().to_owned(),
        stream: None,
        used: 0,
    };
    for path in run.paths.iter().filter(|p| !run.fixed.contains_key(*p)) {
        let response = client.get(path).expect("a final request");
        let position = check(&run, path, &response).expect("a final page");
        let page = String::from_utf8_lossy(&response.body);
        if position.is_some() {
            let (t, b) = last;
            let final_title = format!("{TITLE_MARK}{t:05}");
            assert!(
                page.contains(&final_title),
                "{path}: the final title {final_title}, not {:?}",
                versions(&page, TITLE_MARK)
            );
            if !versions(&page, BODY_MARK).is_empty() {
                assert!(
                    page.contains(&format!("{BODY_MARK}{b:05}")),
                    "{path}: the final body"
                );
            }
        }
        let all: HashSet<u64> = seen.get(path).cloned().unwrap_or_default();
        assert_eq!(
            all,
            HashSet::from([normalised(&page)]),
            "{path}: every response was this page at some version"
        );
    }
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![thousands_of_requests_during_bursts_of_edits_get_whole_current_pages]
}
