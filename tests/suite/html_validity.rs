//! Every HTML page of the built bundled site, inline SVG (map and charts)
//! included, validates with the Nu HTML Checker (vnu.jar from the npm
//! package `vnu-jar`, which `.ci/run` installs into `target/tools`), and so
//! does the theme's stylesheet.
//!
//! The checker needs Java and the jar: without them the test is skipped
//! (`support::skip`: ignored locally, a failure in CI). `VNU_JAR` points at
//! another jar.
//!
//! The pages that scripts change (search results and facets, the case
//! study listing's controls) are also checked as the browser has them.

use crate::support::browser;
use crate::support::bundled_site::BundledSite;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The version `.ci/run` installs.
const VNU_VERSION: &str = "26.9.27";

/// Java and the jar, or the test is skipped.
fn find_checker() -> (PathBuf, PathBuf) {
    let jar = std::env::var_os("VNU_JAR").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/tools/node_modules/vnu-jar/build/dist/vnu.jar")
        },
        PathBuf::from,
    );
    let java = std::env::var_os("JAVA_HOME")
        .map(|h| PathBuf::from(h).join("bin/java"))
        .filter(|j| j.exists())
        .unwrap_or_else(|| PathBuf::from("java"));
    let java_works = Command::new(&java)
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let mut missing = Vec::new();
    if !java_works {
        missing.push("Java 11 or later (apt-get install default-jre-headless)".to_owned());
    }
    if !jar.is_file() {
        missing.push(format!(
            "{} (npm install --prefix target/tools --ignore-scripts vnu-jar@{VNU_VERSION})",
            jar.display()
        ));
    }
    if missing.is_empty() {
        return (java, jar);
    }
    crate::support::skip::skip(
        format!("the Nu HTML Checker's {}", missing.join(" and ")),
        "bash .ci/run installs them",
    )
}

/// Runs the checker on files; returns its messages (errors only).
fn check(java: &Path, jar: &Path, args: &[&str], files: &[PathBuf]) -> Vec<Value> {
    let output = Command::new(java)
        .arg("-Xss8m")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json"])
        .args(args)
        .args(files)
        .output()
        .expect("run the Nu HTML Checker");
    // The JSON report goes to stderr.
    let report = String::from_utf8_lossy(&output.stderr);
    let json: Value = serde_json::from_str(report.trim()).unwrap_or_else(|e| {
        panic!(
            "the checker's report is JSON ({e}); exit {:?}:\n{report}\n{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stdout)
        )
    });
    let messages = json["messages"].as_array().cloned().unwrap_or_default();
    assert!(
        output.status.success() || !messages.is_empty(),
        "the checker failed without saying why: {report}"
    );
    messages
}

fn describe(site: &BundledSite, m: &Value) -> String {
    let url = m["url"].as_str().unwrap_or("");
    let file = url.strip_prefix("file:").unwrap_or(url);
    let shown = Path::new(file)
        .canonicalize()
        .ok()
        .and_then(|f| {
            site.out
                .canonicalize()
                .ok()
                .and_then(|o| f.strip_prefix(&o).ok().map(|r| format!("/{}", r.display())))
        })
        .unwrap_or_else(|| file.to_owned());
    format!(
        "{shown}:{}:{}: {}: {}\n    {}",
        m["lastLine"].as_u64().unwrap_or(0),
        m["firstColumn"]
            .as_u64()
            .or(m["lastColumn"].as_u64())
            .unwrap_or(0),
        m["type"].as_str().unwrap_or(""),
        m["message"].as_str().unwrap_or(""),
        m["extract"]
            .as_str()
            .unwrap_or("")
            .replace('\n', "↵")
            .chars()
            .take(200)
            .collect::<String>()
    )
}

fn every_page_and_the_stylesheet_validate() {
    let (java, jar) = find_checker();
    let site = BundledSite::shared();
    let pages = site.html_files();
    // Every page type is there, maps and charts included.
    for path in [
        "/",
        "/case-studies/",
        "/functions/",
        "/regions/",
        "/models/",
        "/partners/",
        "/lessons/",
        "/data/",
        "/search/",
        "/resources/",
        "/about/",
        "/404.html",
    ] {
        assert!(
            pages.contains(&site.file(path)),
            "{path} is among the pages checked"
        );
    }
    assert!(
        pages.len() > 100,
        "every page is checked: {} files",
        pages.len()
    );
    let with_svg = pages
        .iter()
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|h| h.contains("<svg")))
        .count();
    assert!(
        with_svg > 5,
        "pages with inline SVG (the maps and charts) are among them"
    );

    let mut problems: Vec<String> = check(&java, &jar, &[], &pages)
        .iter()
        .map(|m| describe(site, m))
        .collect();
    let css = site.out.join("static");
    let stylesheets: Vec<PathBuf> = std::fs::read_dir(&css)
        .expect("the built static folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    assert!(!stylesheets.is_empty(), "the site has a stylesheet");
    problems.extend(
        check(&java, &jar, &["--css"], &stylesheets)
            .iter()
            .map(|m| describe(site, m)),
    );
    eprintln!(
        "Nu HTML Checker: {} pages ({} with inline SVG) and {} stylesheet(s) checked",
        pages.len(),
        with_svg,
        stylesheets.len()
    );
    assert!(
        problems.is_empty(),
        "{} validation errors:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The search page with results and facets, and the case study listing
/// with its controls shown, as Chromium has them after their scripts ran.
fn pages_changed_by_their_scripts_still_validate() {
    let (java, jar) = find_checker();
    let session = browser::session(1280, 900);
    let (b, server, site) = (&session.browser, &session.server, session.site);
    // Not inside the shared site, which other tests read.
    let live = crate::support::temp::TempDir::new("html-validity-live");
    let live = &live.path;
    let mut files = Vec::new();
    for (name, path, ready) in [
        (
            "search-results.html",
            "/search/?q=waste",
            "return document.querySelectorAll('#search-results li').length > 0 \
             && document.querySelectorAll('#search-facets input').length > 0",
        ),
        (
            "case-study-listing.html",
            "/case-studies/",
            "return document.readyState === 'complete'",
        ),
    ] {
        b.goto(&format!("{}{path}", server.base));
        b.wait_for(ready, &format!("{path} to be ready"));
        let html = b.eval(
            "return '<!DOCTYPE html>\\n' + document.documentElement.outerHTML",
            serde_json::json!([]),
        );
        let file = live.join(name);
        std::fs::write(&file, html.as_str().expect("the page as HTML")).expect("write");
        files.push(file);
    }
    let problems: Vec<String> = check(&java, &jar, &[], &files)
        .iter()
        .map(|m| describe(site, m))
        .collect();
    assert!(
        problems.is_empty(),
        "{} validation errors after the scripts ran:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        every_page_and_the_stylesheet_validate,
        pages_changed_by_their_scripts_still_validate,
    ]
}
