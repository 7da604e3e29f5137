//! The HTTP side of `compendium serve`: serves the site from memory (so no
//! request can reach a file outside it, and a request during a rebuild gets
//! the old or the new page, never a half-written one), injects the
//! live-reload script and the error overlay into HTML pages, and streams
//! reload events to open tabs (server-sent events).

use super::rebuild::Files;
use crate::diagnostics::Diagnostic;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

/// How long a client may take and how many connections may be open at once.
#[derive(Clone, Debug)]
pub struct Limits {
    /// From a request's first byte to the end of its head.
    pub header_timeout: Duration,
    /// With no request in progress and no byte received (before the first
    /// request, or between requests on a kept-alive connection).
    pub idle_timeout: Duration,
    /// Open connections; above it the connection idle the longest is closed
    /// to make room, or, when every one is busy, the new one is refused.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(5),
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
    /// The last rebuild, as JSON, for `/_compendium/status`.
    pub status: serde_json::Value,
}

pub struct Shared {
    pub snapshot: RwLock<Arc<Snapshot>>,
    /// After each rebuild: the JSON list of files that changed (`["*"]` for all).
    pub events: broadcast::Sender<String>,
}

impl Shared {
    pub fn new() -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            events,
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
    let mut response = Response::new(Body::from(snapshot.status.to_string()));
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
        Resolved::Redirect(to) => {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::MOVED_PERMANENTLY;
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Resolved::NotFound if snapshot.files.contains_key("404.html") => {
            respond(&snapshot, "404.html", StatusCode::NOT_FOUND)
        }
        Resolved::NotFound => plain(StatusCode::NOT_FOUND, "404 Not found"),
    }
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

/// `/x/` → `x/index.html`; `/x` → the file `x`, or a redirect to `/x/` when that is a folder.
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
        return Resolved::Redirect(format!("{path}/"));
    }
    Resolved::NotFound
}

fn respond(snapshot: &Snapshot, key: &str, status: StatusCode) -> Response {
    let Some(bytes) = snapshot.files.get(key) else {
        return plain(StatusCode::NOT_FOUND, "404 Not found");
    };
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        Body::from(inject(bytes, &snapshot.errors))
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
const RELOAD_SCRIPT: &str = r#"<script>(function(){var p=location.pathname.replace(/^\//,'');if(p===''||/\/$/.test(p))p+='index.html';var s=new EventSource('/_compendium/events');s.addEventListener('reload',function(e){var c=[];try{c=JSON.parse(e.data)}catch(x){c=['*']}if(c.indexOf('*')>=0||c.indexOf(decodeURIComponent(p))>=0)location.reload()});})();</script>"#;

/// Adds the reload script (and the error overlay, when there are errors)
/// before `</body>`. Only `serve` does this; `build` output never has it.
pub fn inject(html: &[u8], errors: &[Diagnostic]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::from(RELOAD_SCRIPT);
    if !errors.is_empty() {
        extra.push_str(&overlay(errors));
    }
    match text.rfind("</body>") {
        Some(i) => format!("{}{}{}", &text[..i], extra, &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

/// The error overlay: every error with its file, line, column, message and source line.
pub fn overlay(errors: &[Diagnostic]) -> String {
    let mut html = String::from(
        r#"<div id="compendium-overlay" role="alert" style="position:fixed;inset:0;z-index:99999;overflow:auto;background:#0b0c0c;color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem"><h2 style="margin-top:0;color:#fff">The content has errors: showing the last good version</h2><ol>"#,
    );
    for d in errors.iter().filter(|d| d.is_error()) {
        html.push_str(&format!(
            r#"<li style="margin-bottom:1rem"><code style="color:#ffdd00;background:none;font-weight:700">{}</code> [{}] {}"#,
            escape(&d.origin.to_string()),
            d.code,
            escape(&d.message)
        ));
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
    }
    html.push_str("</ol><p>Fix the file and save: this page reloads by itself.</p></div>");
    html
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
            String::from_utf8(inject(b"<html><body>x</body></html>", &[])).unwrap_or_default();
        assert!(out.contains("EventSource"));
        assert!(out.ends_with("</body></html>"));
    }
}
