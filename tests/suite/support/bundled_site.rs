//! The bundled compendium built by the real binary into a temporary folder
//! (`support::temp`). [`BundledSite::shared`] builds it once per run for
//! every test that only reads it: a build takes seconds, and a dozen tests
//! each building their own copy was much of the suite's time.

use super::temp;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub struct BundledSite {
    /// The built site (what `public/` would hold).
    pub out: PathBuf,
}

impl BundledSite {
    /// The bundled site, built once per run on first use. Tests must not
    /// write into it; the folder goes with the run's folder at the end.
    pub fn shared() -> &'static BundledSite {
        static SITE: OnceLock<BundledSite> = OnceLock::new();
        SITE.get_or_init(|| BundledSite::build_from(Path::new(env!("CARGO_MANIFEST_DIR"))))
    }

    /// Runs `compendium build --root <root> --out <temp>`.
    pub fn build_from(root: &Path) -> BundledSite {
        let out = temp::folder("bundled-site").join("out");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_compendium"))
            .arg("build")
            .arg("--root")
            .arg(root)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run compendium build");
        assert!(
            output.status.success(),
            "the bundled site builds:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        BundledSite { out }
    }

    /// A built file's text, by site path (`/` and `/x/` mean their index.html).
    pub fn read(&self, site_path: &str) -> String {
        let file = self.file(site_path);
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()))
    }

    pub fn file(&self, site_path: &str) -> PathBuf {
        let rel = site_path.trim_start_matches('/');
        if rel.is_empty() || rel.ends_with('/') {
            self.out.join(rel).join("index.html")
        } else {
            self.out.join(rel)
        }
    }

    pub fn exists(&self, site_path: &str) -> bool {
        self.file(site_path).is_file()
    }

    /// Every HTML file of the site, sorted.
    pub fn html_files(&self) -> Vec<PathBuf> {
        html_files_under(&self.out)
    }

    /// The site path (`/functions/waste/`) of a built HTML file.
    pub fn site_path(&self, file: &Path) -> String {
        let rel = file
            .strip_prefix(&self.out)
            .expect("a file of the site")
            .to_string_lossy()
            .replace('\\', "/");
        match rel.strip_suffix("index.html") {
            Some(dir) => format!("/{dir}"),
            None => format!("/{rel}"),
        }
    }

    /// The page of a section (`case-studies`, `functions`, `partners` ...)
    /// with the largest HTML file: the richest example of its page type,
    /// chosen the same way on every build.
    pub fn richest(&self, section: &str, keep: impl Fn(&str) -> bool) -> String {
        let dir = self.out.join(section);
        let mut best: Option<(u64, String)> = None;
        for entry in std::fs::read_dir(&dir).expect("read a section") {
            let path = entry.expect("entry").path();
            let index = path.join("index.html");
            let Ok(meta) = std::fs::metadata(&index) else {
                continue;
            };
            let slug = path.file_name().unwrap().to_string_lossy().into_owned();
            let site_path = format!("/{section}/{slug}/");
            if !keep(&std::fs::read_to_string(&index).unwrap_or_default()) {
                continue;
            }
            let candidate = (meta.len(), site_path);
            // Largest first; ties broken by path so the choice is stable.
            if best
                .as_ref()
                .is_none_or(|b| candidate.0 > b.0 || (candidate.0 == b.0 && candidate.1 < b.1))
            {
                best = Some(candidate);
            }
        }
        best.unwrap_or_else(|| panic!("no page in /{section}/")).1
    }
}

/// Every HTML file under a built site's folder, sorted.
pub fn html_files_under(out: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read the built site") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
