//! Finding Node for the tests that run the browser engine. Without it the
//! test is skipped (`support::skip`): reported as ignored locally, a failure
//! in CI.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Node, or the test is skipped.
pub fn node() -> PathBuf {
    static FOUND: OnceLock<bool> = OnceLock::new();
    let found = *FOUND.get_or_init(|| {
        Command::new("node")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if !found {
        super::skip::skip("Node.js", "apt-get install nodejs");
    }
    PathBuf::from("node")
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
