//! Helpers shared by the black-box tests: each test writes a small content
//! folder into its own temporary directory, runs the real `compendium`
//! binary on it and looks at what it printed and wrote.
//!
//! Temporary folders follow `support::temp`: under cargo's
//! `CARGO_TARGET_TMPDIR`, removed when the test ends (set
//! `COMPENDIUM_KEEP_TEST_DIRS=1` to keep them).

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use super::html::{self, Page};
use super::temp;

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_compendium")
}

/// A site folder in a fresh temporary directory.
pub struct TestSite {
    /// The temporary directory; the site itself is `root`.
    pub dir: PathBuf,
    /// The site's folder (holding `content/`).
    pub root: PathBuf,
}

impl TestSite {
    pub fn new(name: &str) -> TestSite {
        let dir = temp::folder(name);
        let root = dir.join("site");
        std::fs::create_dir_all(&root).expect("create the test folder");
        TestSite { dir, root }
    }

    /// Writes a file relative to the site root, creating folders.
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folders");
        std::fs::write(&path, bytes).expect("write a test file");
        path
    }

    /// Writes `content/case-studies/<file_stem>.md` and returns its path as
    /// diagnostics show it (relative to the site root).
    pub fn case_study(&self, file_stem: &str, text: &str) -> String {
        let rel = format!("content/case-studies/{file_stem}.md");
        self.write(&rel, text);
        rel
    }

    /// The binary, run in the site's folder, without colour.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(bin());
        // Not GitHub's workspace: annotations name files from the folder the
        // test runs in, whatever CI runs the suite.
        cmd.current_dir(&self.root)
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("GITHUB_WORKSPACE");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command().args(args).output().expect("run compendium"))
    }

    /// `compendium build --out <out> [--base-url URL]`.
    pub fn build_into(&self, out: &Path, base_url: Option<&str>) -> Run {
        let mut args: Vec<String> = vec!["build".into(), "--out".into(), out.display().to_string()];
        if let Some(url) = base_url {
            args.push("--base-url".into());
            args.push(url.into());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.run(&args)
    }

    /// Builds into `<dir>/out` and insists that it worked.
    pub fn build_ok(&self, base_url: Option<&str>) -> PathBuf {
        let out = self.dir.join("out");
        let run = self.build_into(&out, base_url);
        assert_eq!(run.code, Some(0), "build failed:\n{run}");
        out
    }

    /// `compendium check --format json` and its diagnostics.
    pub fn check_json(&self) -> (Run, Vec<Diag>) {
        let run = self.run(&["check", "--format", "json"]);
        let diags = parse_json_lines(&run.stdout);
        (run, diags)
    }
}

impl Drop for TestSite {
    fn drop(&mut self) {
        if !temp::keep() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// What one run of the binary did.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// One diagnostic of `check --format json`.
#[derive(Debug, Clone, PartialEq)]
pub struct Diag {
    /// The stable code (`yaml-syntax`, `unknown-field`, ...): what tests match on.
    pub code: String,
    /// `file`, `argument` or `internal`.
    pub origin: String,
    /// The argument, for an `argument` origin; empty otherwise.
    pub argument: String,
    /// Empty, with line and column 0, when the origin is not a file.
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub severity: String,
    pub message: String,
    pub help: String,
    /// The other files it is about (`related`), empty when there are none.
    pub related: Vec<String>,
}

/// Parses JSON-lines output, insisting that every non-empty line is an object
/// with the documented fields.
pub fn parse_json_lines(stdout: &str) -> Vec<Diag> {
    stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"));
            let s = |k: &str| {
                v[k].as_str()
                    .unwrap_or_else(|| panic!("`{k}` is not a string in {l}"))
                    .to_owned()
            };
            let n = |k: &str| {
                v[k].as_u64()
                    .unwrap_or_else(|| panic!("`{k}` is not a number in {l}"))
            };
            let origin = s("origin");
            let in_file = origin == "file";
            Diag {
                code: s("code"),
                argument: if origin == "argument" {
                    s("argument")
                } else {
                    String::new()
                },
                file: if in_file { s("file") } else { String::new() },
                line: if in_file { n("line") } else { 0 },
                column: if in_file { n("column") } else { 0 },
                origin,
                severity: s("severity"),
                message: s("message"),
                help: s("help"),
                related: v["related"]
                    .as_array()
                    .map(|r| {
                        r.iter()
                            .filter_map(|p| p.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The one error whose message contains `needle` (panics, listing them all, if none).
pub fn find_diag<'a>(diags: &'a [Diag], needle: &str) -> &'a Diag {
    diags
        .iter()
        .find(|d| d.message.contains(needle))
        .unwrap_or_else(|| {
            panic!(
                "no diagnostic mentions {needle:?}; got:\n{}",
                list_diags(diags)
            )
        })
}

/// The first diagnostic with this code (panics, listing them all, if none).
#[track_caller]
pub fn find_code<'a>(diags: &'a [Diag], code: &str) -> &'a Diag {
    diags.iter().find(|d| d.code == code).unwrap_or_else(|| {
        panic!(
            "no diagnostic has the code {code:?}; got:\n{}",
            list_diags(diags)
        )
    })
}

/// Every diagnostic with this code, in output order.
pub fn with_code<'a>(diags: &'a [Diag], code: &str) -> Vec<&'a Diag> {
    diags.iter().filter(|d| d.code == code).collect()
}

/// The one diagnostic with this code (panics if there is not exactly one).
#[track_caller]
pub fn only_code<'a>(diags: &'a [Diag], code: &str) -> &'a Diag {
    let found = with_code(diags, code);
    assert_eq!(
        found.len(),
        1,
        "expected one {code:?}; got:\n{}",
        list_diags(diags)
    );
    found[0]
}

/// Asserts code, file, line, column and that it is an error.
#[track_caller]
pub fn assert_code_at(d: &Diag, code: &str, file: &str, (line, column): (usize, usize)) {
    assert_eq!(
        (
            d.code.as_str(),
            d.file.as_str(),
            d.line,
            d.column,
            d.severity.as_str()
        ),
        (code, file, line as u64, column as u64, "error"),
        "wrong code, place or severity for: {d:?}"
    );
}

pub fn list_diags(diags: &[Diag]) -> String {
    diags
        .iter()
        .map(|d| {
            format!(
                "  {}:{}:{} {}[{}]: {} (help: {})\n",
                d.file, d.line, d.column, d.severity, d.code, d.message, d.help
            )
        })
        .collect()
}

/// Asserts file, line, column and severity of a diagnostic.
#[track_caller]
pub fn assert_at(d: &Diag, file: &str, (line, column): (usize, usize)) {
    assert_eq!(
        (d.file.as_str(), d.line, d.column, d.severity.as_str()),
        (file, line as u64, column as u64, "error"),
        "wrong place or severity for: {d:?}"
    );
}

/// 1-based line and column (in characters) of the first occurrence of `needle`.
#[track_caller]
pub fn pos_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the fixture"));
    position_at(text, at)
}

/// Reads an output file as text.
#[track_caller]
pub fn read(out: &Path, rel: &str) -> String {
    let path = out.join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every file under `dir` (relative path → bytes).
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files);
    files
}

fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let rel = path
                .strip_prefix(base)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, std::fs::read(&path).expect("read output file"));
        }
    }
}

/// Asserts that two snapshots are byte-identical, naming the first difference.
#[track_caller]
pub fn assert_same_files(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) {
    let a: BTreeSet<&String> = before.keys().collect();
    let b: BTreeSet<&String> = after.keys().collect();
    assert_eq!(a, b, "the set of files differs");
    for (path, bytes) in before {
        assert!(after[path] == *bytes, "{path} differs");
    }
}

/// HTML as text: tags removed, entities decoded, whitespace collapsed.
pub fn text_of(html: &str) -> String {
    Page::parse(html).text()
}

/// The `<tr>…</tr>` rows (outer HTML) whose HTML contains `needle`.
pub fn rows_with(html: &str, needle: &str) -> Vec<String> {
    Page::parse(html)
        .select("tr")
        .into_iter()
        .map(|tr| tr.html())
        .filter(|row| row.contains(needle))
        .collect()
}

/// The one table row containing `needle`, as the text of its cells.
#[track_caller]
pub fn row_cells(html: &str, needle: &str) -> Vec<String> {
    let rows = rows_with(html, needle);
    assert_eq!(
        rows.len(),
        1,
        "expected one table row containing {needle:?}, found {}:\n{rows:#?}",
        rows.len()
    );
    cells(&rows[0])
}

/// The text of each `<th>`/`<td>` of a row.
pub fn cells(row: &str) -> Vec<String> {
    let page = Page::parse(row);
    page.select("tr")
        .first()
        .map(|tr| html::row_cells(*tr))
        .unwrap_or_default()
}

/// Every `href` value, entities decoded.
pub fn hrefs(html: &str) -> Vec<String> {
    attr_values(html, "href")
}

/// Every value of an attribute, in document order, entities decoded.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    Page::parse(html)
        .select(&format!("[{attr}]"))
        .into_iter()
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The slugs of the case studies a page links to (`<base>case-studies/<slug>/`).
pub fn linked_case_studies(html: &str, base_path: &str) -> BTreeSet<String> {
    let prefix = format!("{base_path}case-studies/");
    hrefs(html)
        .into_iter()
        .filter_map(|h| {
            let rest = h.strip_prefix(&prefix)?;
            let slug = rest.strip_suffix('/')?;
            (!slug.is_empty() && !slug.contains('/')).then(|| slug.to_owned())
        })
        .collect()
}

pub fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A valid case study, field by field; `render` writes the file text.
#[derive(Clone)]
pub struct CaseStudyText {
    pub title: String,
    pub summary: String,
    pub date: String,
    pub model: String,
    pub functions: String,
    /// YAML lines of the `partners:` list, each starting `  - name:` or `    `.
    pub partners: String,
    /// Further front-matter lines, written after `partners`.
    pub extra: String,
    pub body: String,
}

impl CaseStudyText {
    pub fn new(title: &str) -> CaseStudyText {
        CaseStudyText {
            title: title.into(),
            summary: format!("Summary of {title}."),
            date: "2011-03-01".into(),
            model: "joint-working".into(),
            functions: "[waste]".into(),
            partners: "  - name: Anytown District Council\n    type: district\n    region: south-east\n  - name: Othertown Borough Council\n    type: district\n    region: south-east\n".into(),
            extra: String::new(),
            body: "## What was the approach?\n\nThe councils share a service.\n".into(),
        }
    }

    pub fn date(mut self, d: &str) -> Self {
        self.date = d.into();
        self
    }

    pub fn model(mut self, m: &str) -> Self {
        self.model = m.into();
        self
    }

    pub fn functions(mut self, f: &str) -> Self {
        self.functions = f.into();
        self
    }

    pub fn partners(mut self, p: &str) -> Self {
        self.partners = p.into();
        self
    }

    pub fn extra(mut self, e: &str) -> Self {
        self.extra = e.into();
        self
    }

    pub fn body(mut self, b: &str) -> Self {
        self.body = b.into();
        self
    }

    pub fn render(&self) -> String {
        format!(
            "---\ntitle: \"{}\"\nsummary: \"{}\"\ndate: {}\nmodel: {}\nfunctions: {}\npartners:\n{}{}---\n\n{}",
            self.title,
            self.summary,
            self.date,
            self.model,
            self.functions,
            self.partners,
            self.extra,
            self.body
        )
    }
}

/// `n` valid case studies, `cs-01` … `cs-NN`, dated 1 … n January 2011.
pub fn many_case_studies(site: &TestSite, n: usize) {
    for i in 1..=n {
        let text = CaseStudyText::new(&format!("Case study {i:02}"))
            .date(&format!("2011-01-{i:02}"))
            .render();
        site.case_study(&format!("cs-{i:02}"), &text);
    }
}

/// The full-featured case study used by the page, listing and data tests.
pub const ALPHA: &str = r#"---
title: "Alpha and Beta: a shared waste service"
summary: "Alpha District Council and Beta Borough Council run one waste and procurement service with a private recycler."
date: 2011-03-01
started: 2008-06
status: in-progress
model: lead-authority
functions: [waste, procurement]
partners:
  - name: Alpha District Council
    type: district
    region: south-east
    lead: true
  - name: Beta Borough Council
    type: unitary
    region: london
  - name: Gamma Recycling Ltd
    type: private
savings:
  - amount: "£1.2m"
    period: annual
    status: achieved
    functions: [waste]
    about: "Fewer collection rounds"
    quote: "rounds cut from 40 to 31"
    note: "Read as a yearly figure from the cabinet minutes"
  - amount: "£71k"
    period: one-off
    status: projected
    note: "Sale of the old depot"
  - amount: 600000
    period: annual
    status: achieved
    partner: Alpha District Council
    note: "Alpha share of the rounds saving"
  - amount: "£30.7 million"
    period: total
    years: 10
    status: projected
    note: "Ten-year contract saving"
costs:
  - amount: "£500,000"
    period: one-off
    status: achieved
    note: "Redundancy costs"
lessons:
  - "Agree the governance before buying the vehicles."
  - "Engage the crews early and often."
contacts:
  - name: Jane Smith
    role: "Head of Waste, Alpha District Council"
    email: jane.smith@alpha.gov.uk
    phone: "01234 567890"
sources:
  - title: "Shared services and management: a guide for councils"
    url: https://www.local.gov.uk/shared-services
    section: "Case study 7"
  - title: "Alpha cabinet minutes, March 2010"
tags: [waste, governance]
---

## What was the approach?

The councils "pooled" their crews; it's the largest such scheme in the county[^1].
See also [the Delta arrangement](delta.md) and [other waste services](/functions/waste/).

| Year | Rounds |
|------|--------|
| 2009 | 40 |
| 2010 | 31 |

[^1]: According to the county waste partnership.
"#;

/// Delta: file `delta-county.md` with `slug: delta`; shares a partner with Alpha.
pub const DELTA: &str = r#"---
title: "Delta and Alpha: shared ICT"
summary: "Delta County Council hosts ICT for Alpha District Council."
date: 2012-07-15
model: shared-management
functions: [ict]
partners:
  - name: Delta County Council
    type: county
    region: north-west
    lead: true
  - name: Alpha District Council
    type: district
    region: south-east
savings:
  - amount: 300000
    period: annual
    status: achieved
  - amount: 150000
    period: annual
    status: achieved
    partner: Delta County Council
  - amount: "£250k"
    period: one-off
    status: achieved
slug: delta
---

Delta runs the data centre.
"#;

/// Epsilon: two Welsh councils, a projected saving only, non-ASCII text.
pub const EPSILON: &str = r#"---
title: "Ynys Môn and Zeta: waste in Wales"
summary: "Cyngor Sir Ynys Môn and Zeta County Borough Council plan a joint waste committee – savings “projected”."
date: 2010-11-20
model: joint-committee
functions: [waste]
partners:
  - name: Cyngor Sir Ynys Môn
    type: unitary
    region: wales
  - name: Zeta County Borough Council
    type: unitary
    region: wales
savings:
  - amount: 80000
    period: annual
    status: projected
lessons:
  - "Bilingual signage costs more than expected."
---

Planning is under way.
"#;

/// A site holding Alpha, Delta and Epsilon.
pub fn rich_site(name: &str) -> TestSite {
    let site = TestSite::new(name);
    site.case_study("alpha", ALPHA);
    site.case_study("delta-county", DELTA);
    site.case_study("epsilon", EPSILON);
    site
}

/// The outer HTML of every `<tag>` element, in document order.
pub fn elements(html: &str, tag: &str) -> Vec<String> {
    Page::parse(html)
        .select(tag)
        .into_iter()
        .map(|e| e.html())
        .collect()
}

/// The text of the first `<tag>` element.
#[track_caller]
pub fn first_text(html: &str, tag: &str) -> String {
    let page = Page::parse(html);
    let all = page.select(tag);
    let first = all.first().unwrap_or_else(|| panic!("no <{tag}> element"));
    html::text(*first)
}

/// Every `<a>` as (href, text).
pub fn links(html: &str) -> Vec<(String, String)> {
    Page::parse(html)
        .select("a")
        .into_iter()
        .map(|a| {
            let href = a.value().attr("href").unwrap_or_default().to_owned();
            (href, html::text(a))
        })
        .collect()
}

/// The count shown next to a link on an index page: the last number in the
/// text of the table row or list item that holds a link to `href`.
#[track_caller]
pub fn count_for(html: &str, href: &str) -> u64 {
    let page = Page::parse(html);
    let link = html::selector("a[href]");
    let holders: Vec<String> = page
        .select("tr")
        .into_iter()
        .chain(page.select("li"))
        .filter(|e| {
            e.select(&link)
                .any(|a| a.value().attr("href") == Some(href))
        })
        .map(html::text)
        .collect();
    let text = holders
        .first()
        .unwrap_or_else(|| panic!("no row or list item links to {href}"));
    text.split(|c: char| !c.is_ascii_digit())
        .rfind(|w| !w.is_empty())
        .unwrap_or_else(|| panic!("no number next to {href}: {text:?}"))
        .parse()
        .expect("number")
}

/// Does a table cell describe this period (`annual`, `one-off`, `total`)?
pub fn is_period(cell: &str, period: &str) -> bool {
    let c = cell.to_lowercase();
    match period {
        "annual" => {
            c.contains("annual")
                || c.contains("a year")
                || c.contains("per year")
                || c.contains("per annum")
        }
        "one-off" => c.contains("one-off") || c.contains("one off"),
        "total" => c.contains("total"),
        _ => false,
    }
}

/// Asserts a table row holding exactly `amount` in one cell (a case study's
/// figure or a total), whose cell that says what it is names its period and
/// its status (`a year, achieved; about waste`).
#[track_caller]
pub fn assert_money_row(html: &str, amount: &str, period: &str, status: &str) {
    let rows: Vec<Vec<String>> = rows_with(html, amount).iter().map(|r| cells(r)).collect();
    let names_status = |c: &str| {
        c.to_lowercase()
            .split(|ch: char| !ch.is_alphanumeric() && ch != '-')
            .any(|w| w == status)
    };
    let ok = rows.iter().any(|cells| {
        cells.iter().any(|c| c == amount)
            && cells
                .iter()
                .any(|c| c != amount && is_period(c, period) && names_status(c))
    });
    assert!(
        ok,
        "no table row shows {amount} as {period}, {status}; rows holding {amount}: {rows:#?}"
    );
}

/// 1-based line and column of the character just after the first `needle`.
#[track_caller]
pub fn pos_after(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the fixture"))
        + needle.len();
    position_at(text, at)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn position_at(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// Does an index list the term `label` as having no case study yet: its row
/// says "none yet", shows 0 and links nowhere?
pub fn listed_as_empty(html: &str, label: &str) -> bool {
    let page = html::Page::parse(html);
    page.select("table.terms tbody tr").into_iter().any(|row| {
        let cells = html::row_cells(row);
        let first = cells.first().map(String::as_str).unwrap_or_default();
        first.starts_with(label)
            && first.contains("none yet")
            && cells.last().is_some_and(|c| c == "0")
            && html::Page::parse(&row.html()).select("a").is_empty()
    })
}
