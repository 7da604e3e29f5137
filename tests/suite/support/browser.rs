//! Real-browser tests: a static server for a built site on 127.0.0.1, and a
//! minimal WebDriver client for Debian's Chromium through chromedriver.
//! Without them the test is skipped (`support::skip`): reported as ignored
//! locally, a failure in CI.
//!
//! The one harness: [`session`] hands a test the run's one Chromium, with a
//! static server of the shared bundled site. Starting Chromium costs seconds
//! and the tests cannot use two browsers at once on a small machine anyway,
//! so they take turns (the session is behind a lock) and each starts from a
//! known state: a blank page, no emulated viewport, the window size asked.

use super::bundled_site::BundledSite;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Chromium and chromedriver, or the test is skipped.
pub fn find_browser() -> (PathBuf, PathBuf) {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    let driver = ["/usr/bin/chromedriver"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    match (chromium, driver) {
        (Some(c), Some(d)) => (c, d),
        _ => super::skip::skip(
            "Chromium and chromedriver",
            "apt-get install chromium chromium-driver",
        ),
    }
}

/// The run's browser and a server of the shared bundled site.
pub struct Shared {
    pub browser: Browser,
    pub server: StaticServer,
    pub site: &'static BundledSite,
}

static SESSION: Mutex<Option<Shared>> = Mutex::new(None);

/// The run's Chromium (started on first use) for one test at a time, reset
/// to a blank page with a `width` × `height` window.
pub fn session(width: u32, height: u32) -> Session {
    let (chromium, driver) = find_browser();
    // A test that failed while holding the lock leaves the browser usable:
    // everything a test may change is reset below.
    let mut guard = SESSION.lock().unwrap_or_else(|p| p.into_inner());
    if guard.is_none() {
        let site = BundledSite::shared();
        let browser = Browser::start(&chromium, &driver, width, height);
        browser.set_script_timeout(Duration::from_secs(120));
        *guard = Some(Shared {
            browser,
            server: StaticServer::start(&site.out),
            site,
        });
    }
    if let Some(shared) = guard.as_ref() {
        let b = &shared.browser;
        b.goto("about:blank");
        b.cdp("Emulation.clearDeviceMetricsOverride", json!({}));
        b.cdp("Emulation.setScrollbarsHidden", json!({"hidden": false}));
        b.set_window(width, height);
    }
    Session(guard)
}

/// A test's turn with the shared browser; the next test waits until it is
/// dropped.
pub struct Session(MutexGuard<'static, Option<Shared>>);

impl std::ops::Deref for Session {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        self.0
            .as_ref()
            .expect("the session is started before it is handed out")
    }
}

/// Ends the run's browser (its chromedriver would outlive the tests).
pub fn shutdown() {
    let mut guard = SESSION.lock().unwrap_or_else(|p| p.into_inner());
    guard.take();
}

/// Serves files from a folder on 127.0.0.1 (GET only, index.html for folders).
pub struct StaticServer {
    pub base: String,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                std::thread::spawn(move || serve_one(stream, &root));
            }
        });
        StaticServer {
            base: format!("http://127.0.0.1:{port}"),
        }
    }
}

fn serve_one(mut stream: TcpStream, root: &Path) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader
            .read_line(&mut header)
            .map(|n| n == 0)
            .unwrap_or(true)
            || header == "\r\n"
        {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split('?').next().unwrap_or("/");
    let mut file = root.join(path.trim_start_matches('/'));
    if path.contains("..") {
        let _ = stream
            .write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body, kind) = match std::fs::read(&file) {
        Ok(body) => ("200 OK", body, content_type(&file)),
        Err(_) => (
            "404 Not Found",
            std::fs::read(root.join("404.html")).unwrap_or_default(),
            "text/html; charset=utf-8",
        ),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// A Chromium session driven over WebDriver.
pub struct Browser {
    driver: Child,
    url: String,
    session: String,
}

impl Browser {
    pub fn start(chromium: &Path, chromedriver: &Path, width: u32, height: u32) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while ureq::get(&format!("{url}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = super::temp::folder("chromium-profile");
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {"binary": chromium, "args": args}}}});
        let mut browser = Browser {
            driver,
            url,
            session: String::new(),
        };
        let response = browser.post("/session", caps);
        browser.session = response["sessionId"]
            .as_str()
            .expect("session id")
            .to_owned();
        browser
    }

    fn post(&self, path: &str, body: Value) -> Value {
        let url = if self.session.is_empty() {
            format!("{}{path}", self.url)
        } else {
            format!("{}/session/{}{path}", self.url, self.session)
        };
        let mut response = ureq::post(&url)
            .config()
            .http_status_as_error(false)
            .build()
            .send_json(body)
            .expect("webdriver request");
        let value: Value = response.body_mut().read_json().expect("webdriver json");
        if let Some(error) = value["value"]["error"].as_str() {
            panic!("webdriver {path}: {error}: {}", value["value"]["message"]);
        }
        value["value"].clone()
    }

    fn get(&self, path: &str) -> Value {
        let url = format!("{}/session/{}{path}", self.url, self.session);
        let mut response = ureq::get(&url).call().expect("webdriver request");
        let value: Value = response.body_mut().read_json().expect("webdriver json");
        value["value"].clone()
    }

    pub fn goto(&self, url: &str) {
        self.post("/url", json!({"url": url}));
    }

    pub fn find(&self, css: &str) -> String {
        let v = self.post("/element", json!({"using": "css selector", "value": css}));
        v[ELEMENT].as_str().expect("element").to_owned()
    }

    pub fn click(&self, element: &str) {
        self.post(&format!("/element/{element}/click"), json!({}));
    }

    /// Runs a script (its body; use `return`) with arguments.
    pub fn eval(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
    }

    /// Runs an async script: the last argument is the callback.
    pub fn eval_async(&self, script: &str, args: Value) -> Value {
        self.post("/execute/async", json!({"script": script, "args": args}))
    }

    /// Polls a script until it returns something truthy, or panics with `what`.
    pub fn wait_for(&self, script: &str, what: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let v = self.eval(script, json!([]));
            let truthy = !(v.is_null()
                || v == json!(false)
                || v == json!(0)
                || v == json!("")
                || v == json!([]));
            if truthy {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses keys on the focused element (WebDriver actions).
    pub fn keys(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                [
                    json!({"type": "keyDown", "value": c.to_string()}),
                    json!({"type": "keyUp", "value": c.to_string()}),
                ]
            })
            .collect();
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        );
    }

    pub fn screenshot(&self) -> Vec<u8> {
        let b64 = self.get("/screenshot");
        decode_base64(b64.as_str().unwrap_or(""))
    }

    pub fn set_window(&self, width: u32, height: u32) {
        self.post("/window/rect", json!({"width": width, "height": height}));
    }

    /// Sets the WebDriver script timeout (for long `execute/async` scripts).
    pub fn set_script_timeout(&self, timeout: Duration) {
        self.post(
            "/timeouts",
            json!({"script": u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX)}),
        );
    }

    /// Sends a Chrome DevTools Protocol command through chromedriver.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.post("/goog/cdp/execute", json!({"cmd": cmd, "params": params}))
    }

    /// Makes the page's viewport exactly `width` × `height` CSS pixels at
    /// device scale 1 (`mobile` also applies the page's viewport meta tag),
    /// whatever the window size; screenshots then have exactly that size.
    pub fn set_viewport(&self, width: u32, height: u32, mobile: bool) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
    }

    /// Runs `source` as a classic script of the page (so its globals, such
    /// as `axe`, are the page's), through a `<script>` element.
    pub fn inject_script(&self, source: &str) {
        self.eval(
            "const s = document.createElement('script'); s.textContent = arguments[0]; \
             (document.head || document.documentElement).appendChild(s); s.remove(); return true",
            json!([source]),
        );
    }

    /// Waits until the page has loaded and its fonts are ready.
    pub fn wait_loaded(&self) {
        self.wait_for(
            "return document.readyState === 'complete' && document.fonts.status === 'loaded'",
            "the page to load",
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = ureq::delete(&format!("{}/session/{}", self.url, self.session)).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn decode_base64(s: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    };
    let digits: Vec<u32> = s.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, d)| acc | (d << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}
