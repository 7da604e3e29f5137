//! The HTTP side of `compendium serve`: serves the site from memory (so no
//! request can reach a file outside it, and a request during a rebuild gets
//! the old or the new page, never a half-written one), injects the
//! live-reload script and the error overlay into HTML pages, and streams
//! reload events to open tabs (server-sent events).
//!
//! It answers only requests addressed to it ([`Hosts`]: the address it is
//! bound to, `localhost`, or a name given with `--allow-host`), so that a web
//! page cannot read the drafts through DNS rebinding; redirects only ever
//! lead to a path on this server. Each connection is driven here ([`run`])
//! rather than by `axum::serve`, to bound what a client may hold ([`Limits`]):
//! a request's head must arrive within a time, a connection with no request
//! in progress is closed after a shorter one, a response the client takes
//! nothing of is abandoned after another, and at most so many connections
//! are open; above that the one idle the longest is closed to make room, or,
//! when every one is busy, the new one gets a 503.

use super::rebuild::Files;
use crate::diagnostics::Diagnostic;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use hyper::body::{Frame, SizeHint};
use hyper::service::Service as _;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{Notify, broadcast};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

/// How long a client may take and how many connections may be open at once.
#[derive(Clone, Debug)]
pub struct Limits {
    /// From a request's first byte to the end of its head.
    pub header_timeout: Duration,
    /// With no request in progress and nothing to send (before the first
    /// request, or between requests on a kept-alive connection).
    pub idle_timeout: Duration,
    /// With a response not all sent and no byte of it taken by the client.
    pub send_timeout: Duration,
    /// Open connections; above it the connection idle the longest is closed
    /// to make room, or, when every one is busy, the new one is refused.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(5),
            send_timeout: Duration::from_secs(30),
            max_connections: 256,
        }
    }
}

/// What is being served: one consistent version of the site.
#[derive(Default)]
pub struct Snapshot {
    pub files: Files,
    /// Errors of the current content; while there are any, the last good
    /// site is served with an overlay listing them.
    pub errors: Vec<Diagnostic>,
    /// Warnings of the current content (a draft's problems among them),
    /// shown in a notice that does not block the page.
    pub warnings: Vec<Diagnostic>,
    /// The last rebuild, as JSON, for `/_compendium/status`.
    pub status: serde_json::Value,
}

pub struct Shared {
    pub snapshot: RwLock<Arc<Snapshot>>,
    /// After each rebuild: the JSON list of files that changed (`["*"]` for all).
    pub events: broadcast::Sender<String>,
    /// What has happened to connections.
    pub connections: Arc<Counts>,
}

impl Shared {
    pub fn new() -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            events,
            connections: Arc::default(),
        })
    }

    pub fn current(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn publish(&self, snapshot: Snapshot, changed: String) {
        match self.snapshot.write() {
            Ok(mut s) => *s = Arc::new(snapshot),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(snapshot),
        }
        if changed != "[]" {
            let _ = self.events.send(changed);
        }
    }
}

pub fn router(shared: Arc<Shared>) -> axum::Router {
    axum::Router::new()
        .route("/_compendium/events", axum::routing::get(events))
        .route("/_compendium/status", axum::routing::get(status))
        .fallback(page)
        .with_state(shared)
}

async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let stream = BroadcastStream::new(shared.events.subscribe())
        .filter_map(|e| e.ok())
        .map(|changed| {
            Ok::<_, std::convert::Infallible>(Event::default().event("reload").data(changed))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn status(State(shared): State<Arc<Shared>>) -> Response {
    let snapshot = shared.current();
    let mut status = snapshot.status.clone();
    if let Some(fields) = status.as_object_mut() {
        fields.insert("connections".into(), shared.connections.json());
    }
    let mut response = Response::new(Body::from(status.to_string()));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn page(State(shared): State<Arc<Shared>>, request: Request<Body>) -> Response {
    let Some(path) = safe_path(request.uri().path()) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "400 Bad request: that path is not allowed",
        );
    };
    let snapshot = shared.current();
    match resolve(&snapshot.files, &path) {
        Resolved::File(key) => respond(&snapshot, &key, StatusCode::OK),
        Resolved::Redirect(mut to) => {
            if let Some(query) = request.uri().query() {
                to = format!("{to}?{query}");
            }
            let location = HeaderValue::from_str(&to)
                .ok()
                .filter(|_| stays_here(&to))
                .or_else(|| {
                    // A query that is not a header value: the folder alone.
                    let folder = to.split('?').next().unwrap_or("/");
                    HeaderValue::from_str(folder)
                        .ok()
                        .filter(|_| stays_here(folder))
                });
            let Some(location) = location else {
                return plain(StatusCode::NOT_FOUND, "404 Not found");
            };
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::MOVED_PERMANENTLY;
            r.headers_mut().insert(header::LOCATION, location);
            r
        }
        Resolved::NotFound if snapshot.files.contains_key("404.html") => {
            respond(&snapshot, "404.html", StatusCode::NOT_FOUND)
        }
        // No site yet (the first build failed) or no 404 page: a page
        // address still gets HTML, with the overlay and the reload script,
        // so that the tab shows what is wrong and recovers by itself.
        Resolved::NotFound if is_page_address(&path) => stand_in(&snapshot),
        Resolved::NotFound => plain(StatusCode::NOT_FOUND, "404 Not found"),
    }
}

/// Whether a path is a page's address (`/`, `/x/`, `/x`, `/x.html`) rather
/// than a file's (`/static/style.css`).
fn is_page_address(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    last.is_empty() || !last.contains('.') || last.ends_with(".html")
}

/// The page served where the site has none: with errors, a 503 saying the
/// site could not be built (the overlay lists why); else a plain 404.
fn stand_in(snapshot: &Snapshot) -> Response {
    let (status, title, text) = if snapshot.errors.is_empty() {
        (
            StatusCode::NOT_FOUND,
            "404 Not found",
            "There is no page at this address.",
        )
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "The site could not be built",
            "The content has errors, and there is no good version of the site to show yet. Fix the files listed and save: this page reloads by itself.",
        )
    };
    let html = format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} – compendium serve</title></head><body><main style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem"><h1>{title}</h1><p>{text}</p><p><a href="/">Home</a></p></main></body></html>"#
    );
    let mut r = Response::new(Body::from(inject(
        html.as_bytes(),
        &snapshot.errors,
        &snapshot.warnings,
    )));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The request path, percent-decoded, if it is safe: absolute, no `..`
/// segment, no backslash or NUL (in any encoding). Anything else is refused.
pub fn safe_path(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw)?;
    // Decoding twice catches double-encoded tricks such as %252e%252e.
    let twice = percent_decode(&decoded)?;
    for candidate in [&decoded, &twice] {
        if !candidate.starts_with('/') || candidate.contains(['\\', '\0']) {
            return None;
        }
        if candidate.split('/').any(|seg| seg == ".." || seg == ".") {
            return None;
        }
    }
    Some(decoded)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

enum Resolved {
    File(String),
    Redirect(String),
    NotFound,
}

/// Whether a `Location` leads to a path on this server: one slash, then
/// anything but a slash or backslash (`//host` and `/\host` are other hosts
/// to a browser), and nothing a browser would drop or read as a scheme.
fn stays_here(location: &str) -> bool {
    let mut chars = location.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && location.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

/// The address of the folder `key` (`a/b` → `/a/b/`), each byte outside
/// the characters a path may hold as they are percent-encoded: always one
/// slash, then the path, whatever the request spelt.
fn folder_location(key: &str) -> String {
    let mut to = String::from("/");
    for b in key.trim_start_matches('/').bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) {
            to.push(char::from(b));
        } else {
            to.push_str(&format!("%{b:02X}"));
        }
    }
    to.push('/');
    to
}

/// `/x/` → `x/index.html`; `/x` → the file `x`, or a redirect to `/x/` when
/// that is a folder. Leading slashes are one: `//x` is `/x`.
fn resolve(files: &Files, path: &str) -> Resolved {
    let key = path.trim_start_matches('/');
    if key.is_empty() || key.ends_with('/') {
        let index = format!("{key}index.html");
        return if files.contains_key(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if files.contains_key(key) {
        return Resolved::File(key.to_owned());
    }
    if files.contains_key(&format!("{key}/index.html")) {
        return Resolved::Redirect(folder_location(key));
    }
    Resolved::NotFound
}

fn respond(snapshot: &Snapshot, key: &str, status: StatusCode) -> Response {
    let Some(bytes) = snapshot.files.get(key) else {
        return plain(StatusCode::NOT_FOUND, "404 Not found");
    };
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        Body::from(inject(bytes, &snapshot.errors, &snapshot.warnings))
    } else {
        Body::from(bytes.to_vec())
    };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The live-reload script: reloads when this page's file is among those that
/// changed (or all did), so each open tab reloads once, when its page is ready.
/// A page served with errors also asks for the status whenever it connects
/// (a fix saved before it connected sent its event to no one) and reloads
/// once the errors are gone.
const RELOAD_SCRIPT: &str = r#"<script>(function(){var p=location.pathname.replace(/^\//,'');if(p===''||/\/$/.test(p))p+='index.html';var s=new EventSource('/_compendium/events');s.addEventListener('reload',function(e){var c=[];try{c=JSON.parse(e.data)}catch(x){c=['*']}if(c.indexOf('*')>=0||c.indexOf(decodeURIComponent(p))>=0)location.reload()});s.addEventListener('open',function(){if(!window.compendiumBroken)return;fetch('/_compendium/status',{cache:'no-store'}).then(function(r){return r.json()}).then(function(j){if(j&&j.ok===true)location.reload()}).catch(function(){})});})();</script>"#;

/// Marks a page served with errors, for the reload script.
const BROKEN_MARK: &str = "<script>window.compendiumBroken=true;</script>";

/// Makes the overlay and the notice dismissible: a button (and Escape)
/// hides either, a small button brings it back; the overlay's button has
/// the focus when it appears, so Enter or Escape hides it; a dismissed list stays
/// hidden across reloads (in this tab) until its problems change. Text
/// comes only from the page; nothing of the content is evaluated.
const PANEL_SCRIPT: &str = r#"<script>(function(){function panel(id,showId,grab){var el=document.getElementById(id),show=document.getElementById(showId);if(!el||!show)return;var key='compendium-dismissed-'+id,sig=el.getAttribute('data-signature')||'';function hide(focus){el.hidden=true;show.hidden=false;try{sessionStorage.setItem(key,sig)}catch(x){}if(focus)show.focus()}function open(){el.hidden=false;show.hidden=true;try{sessionStorage.removeItem(key)}catch(x){}var b=el.querySelector('[data-dismiss]');if(b)b.focus()}var stored=null;try{stored=sessionStorage.getItem(key)}catch(x){}var b=el.querySelector('[data-dismiss]');if(stored===sig){el.hidden=true;show.hidden=false}else if(grab&&b){b.focus()}if(b)b.addEventListener('click',function(){hide(true)});show.addEventListener('click',open);el.addEventListener('keydown',function(e){if(e.key==='Escape'){e.preventDefault();hide(true)}})}window.compendiumPanel=panel;})();</script>"#;

/// Adds the overlay (when there are errors), the notice (when there are
/// warnings) and the reload script before `</body>`. Only `serve` does
/// this; `build` output never has it.
pub fn inject(html: &[u8], errors: &[Diagnostic], warnings: &[Diagnostic]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::new();
    let panel = if !errors.is_empty() {
        extra.push_str(&overlay(errors));
        extra.push_str(BROKEN_MARK);
        Some(("compendium-overlay", true))
    } else if !warnings.is_empty() {
        extra.push_str(&notice(warnings));
        Some(("compendium-notice", false))
    } else {
        None
    };
    if let Some((id, grab)) = panel {
        extra.push_str(PANEL_SCRIPT);
        extra.push_str(&format!(
            "<script>window.compendiumPanel('{id}','{id}-show',{grab});</script>"
        ));
    }
    extra.push_str(RELOAD_SCRIPT);
    match text.rfind("</body>") {
        Some(i) => format!("{}{}{}", &text[..i], extra, &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

/// A short, stable name for a list of problems, so that a dismissed list
/// stays dismissed until it changes.
fn signature(diagnostics: &[Diagnostic]) -> String {
    let mut text = String::new();
    for d in diagnostics {
        text.push_str(&format!("{}|{}|{}\n", d.code, d.origin, d.message));
    }
    crate::output::short_hash(text.as_bytes())
}

/// One problem, for the overlay or the notice: file, line and column,
/// code, message, the source line with a caret, and help. All escaped.
fn problem_item(d: &Diagnostic) -> String {
    let mut html = format!(
        r#"<li style="margin-bottom:1rem"><code style="color:#ffdd00;background:none;font-weight:700">{}</code> [{}] {}"#,
        escape(&d.origin.to_string()),
        d.code,
        escape(&d.message)
    );
    if let (Some(line), Some(at)) = (&d.source_line, d.origin.position()) {
        let caret = format!("{}^", " ".repeat(at.column.saturating_sub(1)));
        html.push_str(&format!(
            r#"<pre style="background:#000;color:#fff;padding:.5rem;overflow:auto">{:>4} | {}
     | {}</pre>"#,
            at.line,
            escape(line),
            caret
        ));
    }
    if !d.help.is_empty() {
        html.push_str(&format!("<div>help: {}</div>", escape(&d.help)));
    }
    html.push_str("</li>");
    html
}

const BUTTON_STYLE: &str = "font:inherit;font-weight:700;color:#0b0c0c;background:#ffdd00;border:2px solid #0b0c0c;padding:.4rem .8rem;cursor:pointer";

/// The error overlay: every error with its file, line, column, message and
/// source line, over the last good page, with a button that hides it.
pub fn overlay(errors: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = errors.iter().filter(|d| d.is_error()).collect();
    let owned: Vec<Diagnostic> = errors.iter().map(|d| (*d).clone()).collect();
    let mut html = format!(
        r#"<div id="compendium-overlay" role="alert" data-signature="{}" style="position:fixed;inset:0;z-index:99999;overflow:auto;background:#0b0c0c;color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem"><div style="display:flex;gap:1rem;align-items:flex-start;justify-content:space-between;flex-wrap:wrap"><h2 style="margin-top:0;color:#fff">The content has {} error{}: showing the last good version</h2><button type="button" data-dismiss style="{BUTTON_STYLE}">Hide the errors and see the page</button></div><ol>"#,
        signature(&owned),
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    for d in &errors {
        html.push_str(&problem_item(d));
    }
    html.push_str("</ol><p>Fix the file and save: this page reloads by itself. Escape or the button above hides this list.</p></div>");
    html.push_str(&format!(
        r#"<button type="button" id="compendium-overlay-show" hidden style="position:fixed;right:1rem;bottom:1rem;z-index:99999;{BUTTON_STYLE}">Show the {} error{}</button>"#,
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    html
}

/// The notice of warnings (a draft's problems, possible misspellings):
/// at the foot of the page, over nothing it needs, with a button that
/// hides it.
pub fn notice(warnings: &[Diagnostic]) -> String {
    let n = warnings.len();
    let mut html = format!(
        r#"<aside id="compendium-notice" role="status" aria-label="Warnings" data-signature="{}" style="position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;z-index:99998;background:#0b0c0c;color:#fff;font:16px/1.5 system-ui,sans-serif;padding:1rem 2rem;border-top:4px solid #ffdd00"><div style="display:flex;gap:1rem;align-items:center;justify-content:space-between;flex-wrap:wrap"><h2 style="margin:0;font-size:1.1rem;color:#fff">{n} warning{}: the site is built, these do not block it (a draft's problems are warnings)</h2><button type="button" data-dismiss style="{BUTTON_STYLE}">Dismiss</button></div><details><summary style="cursor:pointer;color:#fff">Show the warnings</summary><ol>"#,
        signature(warnings),
        if n == 1 { "" } else { "s" }
    );
    for d in warnings {
        html.push_str(&problem_item(d));
    }
    html.push_str("</ol></details></aside>");
    html.push_str(&format!(
        r#"<button type="button" id="compendium-notice-show" hidden style="position:fixed;right:1rem;bottom:1rem;z-index:99998;{BUTTON_STYLE}">Show the {n} warning{}</button>"#,
        if n == 1 { "" } else { "s" }
    ));
    html
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The host names and addresses requests may be addressed to: the address
/// the server is bound to (any address, when bound to all of them, as
/// `0.0.0.0`), `localhost`, and the names given with `--allow-host`; with
/// any port or none, since a tunnel or a forwarded port may change it. A
/// page of another site that has its name resolve to this machine (DNS
/// rebinding) still sends its own name, and is refused.
#[derive(Clone, Debug)]
pub struct Hosts {
    bound: IpAddr,
    names: Vec<String>,
}

/// What a `Host` header or an absolute URL names: an address or a name
/// (lower-cased), without the port.
#[derive(Debug, PartialEq)]
enum HostName {
    Ip(IpAddr),
    Name(String),
}

/// Parses `name`, `name:port`, `1.2.3.4[:port]` or `[v6][:port]`; `None`
/// for anything else (a user part, a path, an empty name, a bad port).
fn parse_host(host: &str) -> Option<HostName> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let ip: std::net::Ipv6Addr = inside.parse().ok()?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        return port_ok(port).then_some(HostName::Ip(IpAddr::V6(ip)));
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    if !port_ok(port) || name.is_empty() || name.len() > 253 {
        return None;
    }
    if let Ok(ip) = name.parse::<std::net::Ipv4Addr>() {
        return Some(HostName::Ip(IpAddr::V4(ip)));
    }
    let name = name.to_ascii_lowercase();
    name.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
        .then_some(HostName::Name(name))
}

fn port_ok(port: Option<&str>) -> bool {
    port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok())
}

impl Hosts {
    /// The hosts of a server bound to `bound`, with the `--allow-host`
    /// names `extra`; the first of those that is not a host name, as an error.
    pub fn new(bound: IpAddr, extra: &[String]) -> Result<Hosts, String> {
        let mut names = vec!["localhost".to_owned()];
        for given in extra {
            match parse_host(given.trim()) {
                Some(HostName::Name(n)) => names.push(n),
                Some(HostName::Ip(ip)) => names.push(ip.to_string()),
                None => return Err(given.clone()),
            }
        }
        Ok(Hosts { bound, names })
    }

    fn allows(&self, host: &str) -> bool {
        match parse_host(host) {
            Some(HostName::Ip(ip)) => {
                self.bound.is_unspecified()
                    || ip == self.bound
                    || self.names.contains(&ip.to_string())
            }
            Some(HostName::Name(name)) => self.names.contains(&name),
            None => false,
        }
    }

    /// The host a request is addressed to: the absolute URL's, else the one
    /// `Host` header's. `None` when it names none, or more than one.
    fn of<B>(request: &Request<B>) -> Option<&str> {
        if let Some(authority) = request.uri().authority() {
            return Some(authority.as_str());
        }
        let mut hosts = request.headers().get_all(header::HOST).iter();
        let host = hosts.next()?;
        if hosts.next().is_some() {
            return None;
        }
        host.to_str().ok()
    }

    /// `None` to answer the request; else the refusal, saying why.
    fn refuse<B>(&self, request: &Request<B>) -> Option<Response> {
        let host = Hosts::of(request);
        if host.is_some_and(|h| self.allows(h)) {
            return None;
        }
        let named = match host {
            None | Some("") => "names no host".to_owned(),
            // Shown only if it is plainly a host name, and not too long.
            Some(h) if h.len() <= 100 && parse_host(h).is_some() => format!("is for the host {h}"),
            Some(_) => "is for another host".to_owned(),
        };
        let text = format!(
            "403 Forbidden: this request {named}, and compendium serve answers only for the address it \
             listens on and localhost (so that no other web site can read it through DNS rebinding). \
             To allow another host name, start it with --allow-host NAME.\n"
        );
        let mut r = Response::new(Body::from(text));
        *r.status_mut() = StatusCode::FORBIDDEN;
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        Some(r)
    }
}

/// Where a connection is, for its timeouts and for choosing which to close
/// when there are too many.
#[derive(Clone, Copy, Debug)]
enum Phase {
    /// No request in progress, nothing left to send, nothing received since.
    Idle(Instant),
    /// The first bytes of a request's head arrived then; not all of it yet.
    Head(Instant),
    /// This many requests are being answered (their bodies not all handed
    /// over).
    Busy(usize),
    /// The last response is handed over but not all written to the socket
    /// (a slow reader); bytes last went out then.
    Sending(Instant),
}

/// One open connection, as the accept loop and its own task see it.
struct Connection {
    phase: Mutex<Phase>,
    /// Woken when the phase changes or the connection is to be closed.
    changed: Notify,
    closing: AtomicBool,
}

impl Connection {
    fn phase(&self) -> Phase {
        match self.phase.lock() {
            Ok(p) => *p,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }

    fn update(&self, f: impl FnOnce(Phase) -> Phase) {
        let mut phase = match self.phase.lock() {
            Ok(p) => p,
            Err(poisoned) => poisoned.into_inner(),
        };
        *phase = f(*phase);
        drop(phase);
        self.changed.notify_one();
    }

    /// When the connection is to be closed unless its phase changes, and
    /// which timeout that is.
    fn deadline(&self, limits: &Limits) -> Option<(Instant, Expiry)> {
        match self.phase() {
            Phase::Idle(since) => Some((since + limits.idle_timeout, Expiry::Idle)),
            Phase::Head(since) => Some((since + limits.header_timeout, Expiry::Header)),
            Phase::Sending(since) => Some((since + limits.send_timeout, Expiry::Send)),
            Phase::Busy(_) => None,
        }
    }

    /// Since when it has waited for a request, if it is not busy.
    fn waiting_since(&self) -> Option<Instant> {
        match self.phase() {
            Phase::Idle(since) | Phase::Head(since) => Some(since),
            Phase::Busy(_) | Phase::Sending(_) => None,
        }
    }

    /// The connection is writing: an idle one has bytes to send (an error
    /// response of hyper's own), and for a sending one each byte that goes
    /// out (`wrote`) is progress. No wake-up: the deadline only moves later,
    /// and the timer looks again when it fires.
    fn writing(&self, wrote: bool) {
        let mut phase = match self.phase.lock() {
            Ok(p) => p,
            Err(poisoned) => poisoned.into_inner(),
        };
        match *phase {
            Phase::Idle(_) => *phase = Phase::Sending(Instant::now()),
            Phase::Sending(_) if wrote => *phase = Phase::Sending(Instant::now()),
            _ => {}
        }
    }

    /// Everything queued was written: a sending connection is idle now.
    fn flushed(&self) {
        if matches!(self.phase(), Phase::Sending(_)) {
            self.update(|p| match p {
                Phase::Sending(_) => Phase::Idle(Instant::now()),
                other => other,
            });
        }
    }

    fn close(&self) {
        self.closing.store(true, Ordering::SeqCst);
        self.changed.notify_one();
    }
}

/// Which timeout closed a connection.
#[derive(Clone, Copy, Debug)]
enum Expiry {
    Idle,
    Header,
    Send,
}

/// What has happened to connections, for `/_compendium/status`.
#[derive(Default)]
pub struct Counts {
    pub open: AtomicUsize,
    pub accepted: AtomicUsize,
    /// Closed after waiting for a request for the idle timeout.
    pub idle_timeouts: AtomicUsize,
    /// Closed with a request's head not complete within the header timeout.
    pub header_timeouts: AtomicUsize,
    /// Closed with a response the client took nothing of for the send timeout.
    pub send_timeouts: AtomicUsize,
    /// Closed to make room for a new one.
    pub evicted: AtomicUsize,
    /// Refused with a 503, every connection being busy.
    pub refused: AtomicUsize,
}

impl Counts {
    fn json(&self) -> serde_json::Value {
        let n = |a: &AtomicUsize| a.load(Ordering::SeqCst);
        serde_json::json!({
            "open": n(&self.open),
            "accepted": n(&self.accepted),
            "idle_timeouts": n(&self.idle_timeouts),
            "header_timeouts": n(&self.header_timeouts),
            "send_timeouts": n(&self.send_timeouts),
            "evicted": n(&self.evicted),
            "refused": n(&self.refused),
        })
    }
}

/// Every open connection.
#[derive(Default)]
struct Connections {
    open: Mutex<Vec<Arc<Connection>>>,
    counts: Arc<Counts>,
}

enum Admit {
    Yes(Arc<Connection>),
    /// Full, and every connection busy.
    No,
}

impl Connections {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Arc<Connection>>> {
        match self.open.lock() {
            Ok(open) => open,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Makes room for a new connection, closing the one that has waited the
    /// longest for a request if the limit is reached.
    fn admit(&self, limits: &Limits) -> Admit {
        let max = limits.max_connections.max(1);
        let mut open = self.lock();
        let live = open
            .iter()
            .filter(|c| !c.closing.load(Ordering::SeqCst))
            .count();
        // Closed ones leave within moments; this bounds them all the same.
        if live >= max && (open.len() >= 2 * max || !self.evict(&open)) {
            return Admit::No;
        }
        let connection = Arc::new(Connection {
            phase: Mutex::new(Phase::Idle(Instant::now())),
            changed: Notify::new(),
            closing: AtomicBool::new(false),
        });
        open.push(connection.clone());
        self.counts.open.store(open.len(), Ordering::SeqCst);
        self.counts.accepted.fetch_add(1, Ordering::SeqCst);
        Admit::Yes(connection)
    }

    /// Closes the connection that has waited the longest for a request;
    /// false if every one is busy.
    fn evict(&self, open: &[Arc<Connection>]) -> bool {
        let oldest = open
            .iter()
            .filter(|c| !c.closing.load(Ordering::SeqCst))
            .filter_map(|c| Some((c.waiting_since()?, c)))
            .min_by_key(|(since, _)| *since);
        match oldest {
            Some((_, c)) => {
                c.close();
                self.counts.evicted.fetch_add(1, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }

    fn remove(&self, connection: &Arc<Connection>) {
        let mut open = self.lock();
        open.retain(|c| !Arc::ptr_eq(c, connection));
        self.counts.open.store(open.len(), Ordering::SeqCst);
    }
}

/// Takes a connection out of the list when its task ends, however it ends.
struct Registered(Arc<Connections>, Arc<Connection>);

impl Drop for Registered {
    fn drop(&mut self) {
        self.0.remove(&self.1);
    }
}

/// The socket, noting when a request's first bytes arrive.
struct Watched {
    stream: tokio::net::TcpStream,
    connection: Arc<Connection>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let result = Pin::new(&mut this.stream).poll_read(cx, buf);
        if matches!(result, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            let idle = matches!(this.connection.phase(), Phase::Idle(_));
            if idle {
                this.connection.update(|p| match p {
                    Phase::Idle(_) => Phase::Head(Instant::now()),
                    other => other,
                });
            }
        }
        result
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.connection
            .writing(matches!(result, Poll::Ready(Ok(n)) if n > 0));
        result
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.connection
            .writing(matches!(result, Poll::Ready(Ok(n)) if n > 0));
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    /// hyper flushes once it has written everything it had queued.
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_flush(cx);
        if matches!(result, Poll::Ready(Ok(()))) {
            this.connection.flushed();
        }
        result
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// Marks its connection busy from a request's head until its response has
/// been sent (the body is dropped then).
struct Busy(Arc<Connection>);

impl Busy {
    fn start(connection: Arc<Connection>) -> Busy {
        connection.update(|p| match p {
            Phase::Busy(n) => Phase::Busy(n + 1),
            Phase::Idle(_) | Phase::Head(_) | Phase::Sending(_) => Phase::Busy(1),
        });
        Busy(connection)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        // The body is handed over, and hyper writes it (waiting for the
        // socket to have room as long as it takes) and then flushes, which
        // makes the connection idle.
        self.0.update(|p| match p {
            Phase::Busy(n) if n > 1 => Phase::Busy(n - 1),
            _ => Phase::Sending(Instant::now()),
        });
    }
}

/// A response body that keeps its connection [`Busy`] while it is sent.
struct Tracked {
    body: Body,
    _busy: Busy,
}

impl hyper::body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// What the refused get before their connection is closed.
const TOO_MANY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: 91\r\n\r\n503 Service Unavailable: compendium serve has too many connections open; try again shortly.\n";

/// How many refusals may be under way at once; beyond, a connection is
/// closed at once, without a word.
const REFUSALS: usize = 64;

/// Serves the site on `listener` within `limits`, answering only for
/// `hosts`, until `stop` resolves.
pub async fn run(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    hosts: Hosts,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let counts = shared.connections.clone();
    let connections = Arc::new(Connections {
        open: Mutex::default(),
        counts: counts.clone(),
    });
    let hosts = Arc::new(hosts);
    let app = hyper_util::service::TowerToHyperService::new(router(shared));
    let refusing = Arc::new(AtomicUsize::new(0));
    let mut stop = std::pin::pin!(stop);
    let mut last_warning: Option<Instant> = None;
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => return,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // The client gave up between connecting and being accepted.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::ConnectionAborted
                        | std::io::ErrorKind::ConnectionReset
                        | std::io::ErrorKind::Interrupted
                ) =>
            {
                continue;
            }
            // Most likely out of file descriptors: free one, say so now and
            // then, and try again in a moment.
            Err(e) => {
                connections.evict(&connections.lock());
                if last_warning.is_none_or(|t| t.elapsed() > Duration::from_secs(10)) {
                    use std::io::Write as _;
                    let _ = writeln!(
                        std::io::stderr(),
                        "cannot accept a connection ({e}); closing idle ones"
                    );
                    last_warning = Some(Instant::now());
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let connection = match connections.admit(&limits) {
            Admit::Yes(connection) => connection,
            Admit::No => {
                counts.refused.fetch_add(1, Ordering::SeqCst);
                if refusing.fetch_add(1, Ordering::SeqCst) < REFUSALS {
                    let refusing = refusing.clone();
                    tokio::spawn(async move {
                        refuse(stream).await;
                        refusing.fetch_sub(1, Ordering::SeqCst);
                    });
                } else {
                    refusing.fetch_sub(1, Ordering::SeqCst);
                }
                continue;
            }
        };
        let registered = Registered(connections.clone(), connection.clone());
        let (app, hosts, limits) = (app.clone(), hosts.clone(), limits.clone());
        let counts = counts.clone();
        tokio::spawn(async move {
            if let Some(expiry) = serve_connection(stream, connection, app, hosts, &limits).await {
                let count = match expiry {
                    Expiry::Idle => &counts.idle_timeouts,
                    Expiry::Header => &counts.header_timeouts,
                    Expiry::Send => &counts.send_timeouts,
                };
                count.fetch_add(1, Ordering::SeqCst);
            }
            drop(registered);
        });
    }
}

/// Tells a connection there is no room for it, and closes it.
async fn refuse(stream: tokio::net::TcpStream) {
    let _ = stream.try_write(TOO_MANY);
    // The answer, then the end of it; reading what the client sent before
    // closing keeps the answer from being lost to a reset (a second at most).
    let Ok(stream) = stream.into_std() else {
        return;
    };
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let Ok(stream) = tokio::net::TcpStream::from_std(stream) else {
        return;
    };
    let mut sink = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while stream.readable().await.is_ok() {
            match stream.try_read(&mut sink) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => break,
            }
        }
    })
    .await;
}

/// Serves one connection until it ends, is closed to make room, or a
/// timeout passes (which is returned).
async fn serve_connection(
    stream: tokio::net::TcpStream,
    connection: Arc<Connection>,
    app: hyper_util::service::TowerToHyperService<axum::Router>,
    hosts: Arc<Hosts>,
    limits: &Limits,
) -> Option<Expiry> {
    let _ = stream.set_nodelay(true);
    let io = hyper_util::rt::TokioIo::new(Watched {
        stream,
        connection: connection.clone(),
    });
    let busy = connection.clone();
    let service = hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
        let busy = Busy::start(busy.clone());
        let answer = match hosts.refuse(&request) {
            Some(refusal) => Err(refusal),
            None => Ok(app.call(request)),
        };
        async move {
            let response = match answer {
                Ok(answering) => match answering.await {
                    Ok(response) => response,
                    Err(never) => match never {},
                },
                Err(refusal) => refusal,
            };
            Ok::<_, std::convert::Infallible>(response.map(|body| Tracked { body, _busy: busy }))
        }
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    // The timeouts are kept here, from the connection's phase.
    http.keep_alive(true).header_read_timeout(None);
    let mut served = std::pin::pin!(http.serve_connection(io, service));
    loop {
        let deadline = connection.deadline(limits);
        let timer = async {
            match deadline {
                Some((at, _)) => tokio::time::sleep_until(at.into()).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = served.as_mut() => return None,
            () = connection.changed.notified() => {}
            () = timer => {}
        }
        // Returning drops the connection, which closes the socket.
        if connection.closing.load(Ordering::SeqCst) {
            return None;
        }
        if let Some((at, expiry)) = connection.deadline(limits)
            && at <= Instant::now()
        {
            return Some(expiry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused_in_every_encoding() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/a/..%2f..%2fCargo.toml",
            "/%252e%252e/Cargo.toml",
            "/..\\Cargo.toml",
            "/a%5c..%5cb",
            "/%00",
            "/./x",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
        assert_eq!(
            safe_path("/case-studies/a%20b/"),
            Some("/case-studies/a b/".into())
        );
        assert_eq!(safe_path("/"), Some("/".into()));
    }

    #[test]
    fn folders_resolve_to_index_and_redirect_without_slash() {
        let mut files = Files::new();
        files.insert("index.html".into(), Arc::from(&b"home"[..]));
        files.insert("a/index.html".into(), Arc::from(&b"a"[..]));
        files.insert("static/style.css".into(), Arc::from(&b"css"[..]));
        assert!(matches!(resolve(&files, "/"), Resolved::File(k) if k == "index.html"));
        assert!(matches!(resolve(&files, "/a/"), Resolved::File(k) if k == "a/index.html"));
        assert!(matches!(resolve(&files, "/a"), Resolved::Redirect(to) if to == "/a/"));
        assert!(matches!(
            resolve(&files, "/static/style.css"),
            Resolved::File(_)
        ));
        assert!(matches!(resolve(&files, "/nope/"), Resolved::NotFound));
    }

    #[test]
    fn redirects_lead_to_one_slash_and_the_folder() {
        let mut files = Files::new();
        files.insert("case-studies/index.html".into(), Arc::from(&b"cs"[..]));
        files.insert("a b/index.html".into(), Arc::from(&b"ab"[..]));
        files.insert("é/index.html".into(), Arc::from(&b"e"[..]));
        for (path, to) in [
            ("/case-studies", "/case-studies/"),
            ("//case-studies", "/case-studies/"),
            ("///case-studies", "/case-studies/"),
            ("/a b", "/a%20b/"),
            ("/é", "/%C3%A9/"),
        ] {
            assert!(
                matches!(resolve(&files, path), Resolved::Redirect(ref t) if t == to),
                "{path}"
            );
            assert!(stays_here(to), "{to}");
        }
        for key in ["\\evil", "\t/evil", "/evil", "http://evil", "a?b#c"] {
            let to = folder_location(key);
            assert!(stays_here(&to), "{key:?} gave {to}");
        }
        for bad in [
            "//evil",
            "/\\evil",
            "http://evil",
            "evil",
            "/\t/evil",
            "/a\\b",
            "",
        ] {
            assert!(!stays_here(bad), "{bad:?}");
        }
    }

    #[test]
    fn hosts_are_the_bound_address_localhost_and_the_allowed_names() {
        let loopback = IpAddr::from([127, 0, 0, 1]);
        let hosts =
            Hosts::new(loopback, &["Laptop.Local".into(), "10.0.0.5".into()]).expect("valid names");
        for ok in [
            "127.0.0.1",
            "127.0.0.1:8000",
            "localhost",
            "LOCALHOST:1",
            "laptop.local",
            "laptop.local:8000",
            "10.0.0.5:80",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "127.0.0.2",
            "[::1]",
            "localhost:",
            "localhost:99999",
            "localhost:8000:8000",
            "user@localhost",
            "localhost/x",
            "localhost.",
            "laptop.local.evil.example",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        let v6 = Hosts::new("::1".parse().expect("ip"), &[]).expect("hosts");
        assert!(v6.allows("[::1]:8000") && v6.allows("[::1]") && !v6.allows("127.0.0.1"));
        assert!(!v6.allows("[::1]x") && !v6.allows("[::1"));
        let all = Hosts::new("0.0.0.0".parse().expect("ip"), &[]).expect("hosts");
        assert!(all.allows("192.0.2.7:8000") && !all.allows("evil.example"));
        assert!(Hosts::new(loopback, &["http://x/".into()]).is_err());
        assert!(Hosts::new(loopback, &["".into()]).is_err());
    }

    #[test]
    fn the_host_comes_from_an_absolute_url_then_the_one_host_header() {
        let hosts = Hosts::new(IpAddr::from([127, 0, 0, 1]), &[]).expect("hosts");
        let request = |uri: &str, host: &[&str]| {
            let mut r = Request::builder().uri(uri);
            for h in host {
                r = r.header(header::HOST, *h);
            }
            r.body(()).expect("request")
        };
        assert!(hosts.refuse(&request("/", &["localhost:8000"])).is_none());
        assert!(hosts.refuse(&request("/", &[])).is_some());
        assert!(
            hosts
                .refuse(&request("/", &["localhost", "evil"]))
                .is_some()
        );
        assert!(
            hosts
                .refuse(&request("http://evil.example/", &["localhost"]))
                .is_some()
        );
        assert!(
            hosts
                .refuse(&request("http://localhost:1/", &["evil.example"]))
                .is_none()
        );
        let refusal = hosts.refuse(&request("/", &["evil.example"]));
        assert_eq!(refusal.map(|r| r.status()), Some(StatusCode::FORBIDDEN));
    }

    #[test]
    fn the_connection_idle_longest_makes_room_and_busy_ones_are_kept() {
        let limits = Limits {
            max_connections: 2,
            ..Limits::default()
        };
        let connections = Connections::default();
        let Admit::Yes(first) = connections.admit(&limits) else {
            panic!("room for the first");
        };
        let Admit::Yes(second) = connections.admit(&limits) else {
            panic!("room for the second");
        };
        let busy = Busy::start(second.clone());
        // Full: the idle first one is closed for the third.
        let Admit::Yes(third) = connections.admit(&limits) else {
            panic!("room made for the third");
        };
        assert!(first.closing.load(Ordering::SeqCst));
        assert!(!second.closing.load(Ordering::SeqCst));
        connections.remove(&first);
        let _busy_too = Busy::start(third.clone());
        assert!(matches!(connections.admit(&limits), Admit::No), "all busy");
        drop(busy);
        assert!(matches!(second.phase(), Phase::Sending(_)), "until flushed");
        assert!(matches!(connections.admit(&limits), Admit::No), "sending");
        second.flushed();
        assert!(matches!(second.phase(), Phase::Idle(_)));
        assert!(matches!(connections.admit(&limits), Admit::Yes(_)));
        assert!(second.closing.load(Ordering::SeqCst));
    }

    #[test]
    fn overlay_escapes_and_shows_positions() {
        let d = Diagnostic::error(
            crate::diagnostics::Code::WrongType,
            crate::diagnostics::Origin::file("c.md", crate::diagnostics::Position::new(3, 5)),
            "bad <b>",
        )
        .with_source("a\nb\nxx: <script>\n");
        let html = overlay(&[d]);
        assert!(html.contains("c.md:3:5"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn injection_goes_before_body_end() {
        let out =
            String::from_utf8(inject(b"<html><body>x</body></html>", &[], &[])).unwrap_or_default();
        assert!(out.contains("EventSource"));
        assert!(out.ends_with("</body></html>"));
    }
}
