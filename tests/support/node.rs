//! Finding Node for the tests that run the browser engine. In CI (CI=true) a
//! missing Node is a failure; locally the test is skipped with a loud message.

use std::path::PathBuf;
use std::process::{Command, Stdio};

pub fn node() -> Option<PathBuf> {
    let ok = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return Some(PathBuf::from("node"));
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "Node.js is required for the browser-engine tests and is missing in CI: install it (Debian: apt-get install nodejs)"
        );
    }
    eprintln!(
        "\n*** SKIPPING: Node.js not found. Install Node.js (Debian: apt-get install nodejs) to run the browser-engine parity tests. ***\n"
    );
    None
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a Node script with `input` on stdin; returns stdout, panicking on failure.
pub fn run(script: &str, args: &[&str], input: &str) -> String {
    use std::io::Write;
    let mut child = Command::new("node")
        .arg(repo().join(script))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_owned();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("node output");
    let _ = writer.join();
    assert!(
        out.status.success(),
        "node {script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}
