//! The judged set of `tests/search_judged/queries.txt` and the figures it
//! is scored with, shared by the search quality test
//! (`tests/suite/search_quality.rs`) and the boost tuner
//! (`bench/tune_boosts.rs`), which include this file with `#[path]`, so the
//! floors the test guards and the figures the tuner optimises are one
//! definition: nDCG@5 with gains 2^grade - 1 (the ideal from the judged
//! grades), and P@3 counting a hit of grade 2 or more.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The kinds of query the judged set covers, in the order they are reported.
pub const KINDS: [&str; 12] = [
    "topic",
    "phrase",
    "place",
    "organisation",
    "person",
    "money",
    "acronym",
    "synonym",
    "misspelling",
    "partial",
    "us-spelling",
    "no-answer",
];

/// One judged query.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// The line of its `query:`.
    pub line: usize,
    pub kind: String,
    pub query: String,
    /// Slug → grade (1 to 3); empty for a query with `answer: none`.
    pub grades: BTreeMap<String, u8>,
}

impl Judged {
    pub fn answerable(&self) -> bool {
        !self.grades.is_empty()
    }

    pub fn grade(&self, slug: &str) -> u8 {
        self.grades.get(slug).copied().unwrap_or(0)
    }
}

/// A block being read.
#[derive(Default)]
struct Block {
    start: usize,
    kind: Option<String>,
    query: Option<(usize, String)>,
    grades: BTreeMap<String, u8>,
    none: bool,
}

impl Block {
    fn is_empty(&self) -> bool {
        self.kind.is_none() && self.query.is_none() && self.grades.is_empty() && !self.none
    }

    fn finish(self) -> Result<Judged, String> {
        let at = self.start;
        let kind = self
            .kind
            .ok_or_else(|| format!("line {at}: a block must start with `# kind: ...`"))?;
        let (line, query) = self
            .query
            .ok_or_else(|| format!("line {at}: the block has no `query:` line"))?;
        match (self.none, self.grades.is_empty()) {
            (true, false) => {
                return Err(format!(
                    "line {at}: the block has both `answer: none` and graded case studies"
                ));
            }
            (false, true) => {
                return Err(format!(
                    "line {at}: the block has neither graded case studies nor `answer: none`"
                ));
            }
            _ => {}
        }
        if (kind == "no-answer") != self.none {
            return Err(format!(
                "line {at}: `answer: none` goes with `# kind: no-answer`, and only with it"
            ));
        }
        Ok(Judged {
            line,
            kind,
            query,
            grades: self.grades,
        })
    }
}

/// Reads the judged set. `slugs` are the case studies that exist; any other
/// slug, a malformed line or an incomplete block is an error naming its line.
pub fn parse(text: &str, slugs: &BTreeSet<String>) -> Result<Vec<Judged>, String> {
    let mut out: Vec<Judged> = Vec::new();
    let mut block = Block::default();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            if !block.is_empty() {
                out.push(std::mem::take(&mut block).finish()?);
            }
            continue;
        }
        if let Some(kind) = line.strip_prefix("# kind:") {
            if !block.is_empty() {
                return Err(format!(
                    "line {n}: a new block starts before the one at line {} ended (blocks are separated by a blank line)",
                    block.start
                ));
            }
            let kind = kind.trim();
            if !KINDS.contains(&kind) {
                return Err(format!(
                    "line {n}: unknown kind `{kind}` (known: {})",
                    KINDS.join(", ")
                ));
            }
            block.start = n;
            block.kind = Some(kind.to_owned());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if block.kind.is_none() {
            return Err(format!(
                "line {n}: `{line}` is outside a block (a block starts with `# kind: ...`)"
            ));
        }
        if let Some(query) = line.strip_prefix("query:") {
            let query = query.trim();
            if block.query.is_some() {
                return Err(format!("line {n}: a second `query:` in one block"));
            }
            if query.is_empty() {
                return Err(format!("line {n}: the query is empty"));
            }
            if let Some(earlier) = out.iter().find(|j| j.query == query) {
                return Err(format!(
                    "line {n}: the query {query:?} is already judged at line {}",
                    earlier.line
                ));
            }
            block.query = Some((n, query.to_owned()));
            continue;
        }
        if block.query.is_none() {
            return Err(format!("line {n}: `query:` must come before the answers"));
        }
        if let Some(answer) = line.strip_prefix("answer:") {
            if answer.trim() != "none" {
                return Err(format!("line {n}: the only answer line is `answer: none`"));
            }
            block.none = true;
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(grade), Some(slug)) = (parts.next(), parts.next()) else {
            return Err(format!(
                "line {n}: expected `<grade> <slug>`, `answer: none` or a comment, found `{line}`"
            ));
        };
        let grade: u8 = match grade {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            _ => {
                return Err(format!(
                    "line {n}: the grade must be 1, 2 or 3 (leave out a case study of grade 0), found `{grade}`"
                ));
            }
        };
        if !slugs.contains(slug) {
            return Err(format!(
                "line {n}: no case study has the slug `{slug}` (content/case-studies/{slug}.md)"
            ));
        }
        if block.grades.insert(slug.to_owned(), grade).is_some() {
            return Err(format!("line {n}: `{slug}` is graded twice in one block"));
        }
    }
    if !block.is_empty() {
        out.push(block.finish()?);
    }
    Ok(out)
}

/// The slugs of the bundled case studies: the stems of their files.
pub fn bundled_slugs(root: &Path) -> Result<BTreeSet<String>, String> {
    let dir = root.join("content/case-studies");
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    Ok(entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "md").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect())
}

/// Reads and parses the judged set of the site at `root` (the repository),
/// checked against its bundled case studies; the error names the file.
pub fn load(root: &Path) -> Result<Vec<Judged>, String> {
    let file = root.join("tests/search_judged/queries.txt");
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let slugs = bundled_slugs(root)?;
    parse(&text, &slugs).map_err(|e| format!("{}: {e}", file.display()))
}

pub fn gain(grade: u8) -> f64 {
    f64::from((1u32 << grade) - 1)
}

/// The discount of rank `i` (0-based): 1 / log2(i + 2).
pub fn discount(i: usize) -> f64 {
    1.0 / ((i + 2) as f64).log2()
}

/// nDCG@k with gains 2^grade - 1; the ideal ranks the judged grades best first.
pub fn ndcg(judged: &Judged, hits: &[String], k: usize) -> f64 {
    let dcg: f64 = hits
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, slug)| gain(judged.grade(slug)) * discount(i))
        .fold(0.0, |sum, g| sum + g);
    let mut ideal: Vec<u8> = judged.grades.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, g)| gain(*g) * discount(i))
        .sum();
    if idcg > 0.0 { dcg / idcg } else { 0.0 }
}

/// Does the query have any case study of grade 2 or more (so P@3 can be above 0)?
pub fn has_relevant(judged: &Judged) -> bool {
    judged.grades.values().any(|g| *g >= 2)
}

/// Precision at 3: the share of the first three ranks holding a case study
/// of grade 2 or more (a missing result counts as not relevant).
pub fn precision_at_3(judged: &Judged, hits: &[String]) -> f64 {
    hits.iter().take(3).filter(|s| judged.grade(s) >= 2).count() as f64 / 3.0
}

/// The figures of a group of queries.
#[derive(Default)]
pub struct Figures {
    pub answerable: usize,
    pub ndcg5: f64,
    /// Queries with a case study of grade 2 or more, over which P@3 is averaged.
    pub p3_queries: usize,
    pub p3: f64,
    pub zero_results: usize,
    pub no_answer: usize,
    pub no_answer_with_results: usize,
}

impl Figures {
    pub fn add(&mut self, judged: &Judged, hits: &[String]) {
        if judged.answerable() {
            self.answerable += 1;
            self.ndcg5 += ndcg(judged, hits, 5);
            if has_relevant(judged) {
                self.p3_queries += 1;
                self.p3 += precision_at_3(judged, hits);
            }
            if hits.is_empty() {
                self.zero_results += 1;
            }
        } else {
            self.no_answer += 1;
            if !hits.is_empty() {
                self.no_answer_with_results += 1;
            }
        }
    }

    pub fn mean_ndcg5(&self) -> f64 {
        ratio(self.ndcg5, self.answerable)
    }

    pub fn mean_p3(&self) -> f64 {
        ratio(self.p3, self.p3_queries)
    }

    pub fn row(&self, name: &str) -> String {
        let cell = |value: f64, n: usize| {
            if n == 0 {
                "-".to_owned()
            } else {
                format!("{value:.3}")
            }
        };
        format!(
            "{name:<14} {:>4} {:>8} {:>8} {:>10} {:>4} {:>12}",
            self.answerable,
            cell(self.mean_ndcg5(), self.answerable),
            cell(self.mean_p3(), self.p3_queries),
            cell(
                ratio(self.zero_results as f64, self.answerable),
                self.answerable
            ),
            self.no_answer,
            cell(
                ratio(self.no_answer_with_results as f64, self.no_answer),
                self.no_answer
            ),
        )
    }
}

pub fn ratio(sum: f64, n: usize) -> f64 {
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// The table the test and the tuner print: one row per kind that has
/// queries, in [`KINDS`] order, then the overall row.
pub fn table(by_kind: &BTreeMap<&str, Figures>, overall: &Figures) -> String {
    let header = format!(
        "{:<14} {:>4} {:>8} {:>8} {:>10} {:>4} {:>12}",
        "kind", "n", "nDCG@5", "P@3", "zero-hit", "none", "none-w/-hits"
    );
    let mut table = vec![header.clone(), "-".repeat(header.len())];
    for kind in KINDS {
        if let Some(f) = by_kind.get(kind) {
            table.push(f.row(kind));
        }
    }
    table.push("-".repeat(header.len()));
    table.push(overall.row("overall"));
    table.join("\n")
}
