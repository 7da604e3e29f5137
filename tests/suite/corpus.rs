//! The bad-input corpus (`tests/corpus/`): each folder is a small site, or
//! the start of one, that an editor or an attacker could hand the tool, with
//! `case.txt` saying how to set it up and what `compendium check` must say.
//! One table-driven test runs them all, so a case is added by adding a
//! folder. `case.txt` lines (blank lines and `#` comments aside):
//!
//! - `setup: symlink PATH TARGET`, `setup: mkdir PATH`, `setup: remove PATH`
//!   (a file, or a folder and all it holds: `content/` is made before the
//!   steps run), `setup: write PATH TEXT`,
//!   `setup: append PATH N TEXT` (TEXT added N times), `setup: bytes PATH HEX`:
//!   what cannot be stored in git as is, or would be unreadable there. In
//!   TEXT, `\n`, `\r` and `\t` are a newline, a carriage return and a tab,
//!   `\u{HEX}` is that character, `\x{HEX}` that byte (so TEXT may be
//!   invalid UTF-8), `\\` a backslash; any other backslash is itself;
//! - `expect: CODE FILE:LINE:COLUMN`: a diagnostic that must be reported
//!   (at exactly that place; `FILE` alone when the origin is not a file);
//! - `exit: N`: the exit code (default 1 when an error is expected, else 0);
//! - `absent: CODE`: a code that must not be reported.
//!
//! Every case must finish without a panic and in bounded time.

use crate::support::common::*;
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

#[derive(Default, Debug)]
struct Case {
    setup: Vec<Vec<String>>,
    expect: Vec<(String, String)>,
    absent: Vec<String>,
    exit: Option<i32>,
}

fn read_case(text: &str) -> Case {
    let mut case = Case::default();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("bad line {line:?}"));
        let rest = rest.trim();
        match key {
            "setup" => case
                .setup
                .push(rest.splitn(4, ' ').map(str::to_owned).collect()),
            "expect" => {
                let (code, at) = rest.split_once(' ').unwrap_or((rest, ""));
                case.expect.push((code.into(), at.trim().into()));
            }
            "absent" => case.absent.push(rest.into()),
            "exit" => case.exit = Some(rest.parse().expect("exit code")),
            other => panic!("unknown key {other:?} in {line:?}"),
        }
    }
    case
}

fn apply(root: &Path, step: &[String]) {
    let path = |p: &str| root.join(p);
    let parent = |p: &Path| {
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("mkdir");
        }
    };
    match step
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["symlink", p, target] => {
            let p = path(p);
            parent(&p);
            std::os::unix::fs::symlink(target, &p).expect("symlink");
        }
        ["mkdir", p] => std::fs::create_dir_all(path(p)).expect("mkdir"),
        ["remove", p] => {
            let p = path(p);
            if p.is_dir() && !p.is_symlink() {
                std::fs::remove_dir_all(&p).expect("remove");
            } else {
                std::fs::remove_file(&p).expect("remove");
            }
        }
        ["write", p, text @ ..] => {
            let p = path(p);
            parent(&p);
            std::fs::write(&p, unescape(&text.join(" "))).expect("write");
        }
        ["append", p, n, text] => {
            use std::io::Write;
            let p = path(p);
            parent(&p);
            let n: usize = n.parse().expect("count");
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&p)
                .expect("open");
            f.write_all(&unescape(text).repeat(n)).expect("append");
        }
        ["bytes", p, hex] => {
            let p = path(p);
            parent(&p);
            let bytes: Vec<u8> = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
                .collect();
            std::fs::write(&p, bytes).expect("write");
        }
        other => panic!("unknown setup {other:?}"),
    }
}

/// TEXT of a `write` or `append` step as bytes (see the module comment).
fn unescape(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        let braced = |rest: &str| {
            let inner = rest.strip_prefix('{')?;
            let end = inner.find('}')?;
            let n = u32::from_str_radix(&inner[..end], 16).ok()?;
            Some((n, end + 2))
        };
        let escaped = match (c, rest.chars().next()) {
            ('\\', Some('n')) => Some((vec![b'\n'], 1)),
            ('\\', Some('r')) => Some((vec![b'\r'], 1)),
            ('\\', Some('t')) => Some((vec![b'\t'], 1)),
            ('\\', Some('\\')) => Some((vec![b'\\'], 1)),
            ('\\', Some('u')) => braced(&rest[1..]).and_then(|(n, len)| {
                let c = char::from_u32(n)?;
                Some((c.to_string().into_bytes(), len + 1))
            }),
            ('\\', Some('x')) => {
                braced(&rest[1..]).and_then(|(n, len)| Some((vec![u8::try_from(n).ok()?], len + 1)))
            }
            _ => None,
        };
        match escaped {
            Some((bytes, len)) => {
                out.extend(bytes);
                rest = &rest[len..];
            }
            None => out.extend(c.to_string().as_bytes()),
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("inside");
        if rel == Path::new("case.txt") {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// Runs one case; returns what was wrong with the answer, if anything.
fn run_case(name: &str, dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("case.txt")).ok()?;
    let case = read_case(&text);
    let site = TestSite::new(&format!("corpus-{name}"));
    copy_tree(dir, &site.root);
    std::fs::create_dir_all(site.root.join("content")).ok();
    for step in &case.setup {
        apply(&site.root, step);
    }
    let (run, diags) = site.check_json();
    let mut problems = Vec::new();
    if run.stderr.contains("panicked") {
        problems.push(format!("panicked:\n{}", run.stderr));
    }
    let want_exit = case
        .exit
        .unwrap_or(if case.expect.is_empty() { 0 } else { 1 });
    if run.code != Some(want_exit) {
        problems.push(format!("exit {:?}, expected {want_exit}", run.code));
    }
    for (code, at) in &case.expect {
        let found = diags.iter().any(|d| {
            d.code == *code
                && (at.is_empty()
                    || *at == format!("{}:{}:{}", d.file, d.line, d.column)
                    || (*at == d.file && d.line == 0))
        });
        if !found {
            problems.push(format!("no `{code}` at {at}"));
        }
    }
    for code in &case.absent {
        if diags.iter().any(|d| d.code == *code) {
            problems.push(format!("`{code}` was reported"));
        }
    }
    (!problems.is_empty()).then(|| {
        let got: Vec<String> = diags
            .iter()
            .map(|d| format!("{} {}:{}:{}", d.code, d.file, d.line, d.column))
            .collect();
        format!("{name}: {}\n  reported: {got:#?}", problems.join("; "))
    })
}

fn every_corpus_case_gets_its_expected_diagnostics() {
    let mut names: Vec<(String, PathBuf)> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus")
        .flatten()
        .filter(|e| e.path().join("case.txt").is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no corpus cases");
    let failures: Vec<String> = names
        .iter()
        .filter_map(|(name, dir)| run_case(name, dir))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

/// B4: a name with no letter that has an ASCII spelling gets a page of its
/// own, never the organisations' listing (an empty slug was `/partners/`).
fn a_partner_name_without_ascii_letters_gets_a_page_of_its_own() {
    let site = TestSite::new("corpus-cjk-partner");
    let text = CaseStudyText::new("Tokyo")
        .partners("  - name: 東京都\n    type: other\n    region: london\n  - name: Anytown District Council\n    type: district\n    region: south-east\n")
        .render();
    site.case_study("tokyo", &text);
    let out = site.build_ok(None);
    let listing = read(&out, "partners/index.html");
    assert!(
        listing.contains("Anytown District Council"),
        "the listing survives"
    );
    let pages: Vec<String> = std::fs::read_dir(out.join("partners"))
        .expect("partners")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("org-"))
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(read(&out, &format!("partners/{}/index.html", pages[0])).contains("東京都"));
}

/// A partner's name longer than a folder name may be still builds: its slug
/// is cut, with a hash so that two such names stay apart (`check` passed and
/// `build` failed with "File name too long").
fn a_very_long_partner_name_builds() {
    let site = TestSite::new("corpus-long-partner");
    let long = format!("The {} District Council", "Very Long ".repeat(40));
    let text = CaseStudyText::new("Long")
        .partners(&format!(
            "  - name: {long}\n    type: district\n    region: london\n"
        ))
        .render();
    site.case_study("long", &text);
    let out = site.build_ok(None);
    let pages: Vec<String> = std::fs::read_dir(out.join("partners"))
        .expect("partners")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(
        pages[0].len() <= 100 && pages[0].starts_with("the-very-long"),
        "{pages:?}"
    );
}

/// B17: CommonMark replaces U+0000 with U+FFFD; it never reaches the HTML.
fn a_nul_in_a_body_becomes_a_replacement_character() {
    let site = TestSite::new("corpus-nul");
    let text = CaseStudyText::new("Nul")
        .body("Before\u{0}after.\n")
        .render();
    site.case_study("nul", &text);
    let out = site.build_ok(None);
    let html = read(&out, "case-studies/nul/index.html");
    assert!(!html.contains('\u{0}'), "a NUL reached the page");
    assert!(
        html.contains("Before\u{FFFD}after."),
        "no replacement character"
    );
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        every_corpus_case_gets_its_expected_diagnostics,
        a_partner_name_without_ascii_letters_gets_a_page_of_its_own,
        a_nul_in_a_body_becomes_a_replacement_character,
        a_very_long_partner_name_builds,
    ]
}
