//! The dev server's incremental rebuild must equal a full build. In process,
//! with no watcher: a site (the bundled content plus synthetic case
//! studies) is edited step by step in every way an editor or a theme author
//! might, and after each step the incremental file map must equal a fresh
//! full build byte for byte.

use compendium::pipeline::{self, Options};
use compendium::serve::rebuild::{Builder, Files};
use compendium::serve::watch;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BASE_URL: &str = "http://127.0.0.1:8000/";

struct Site {
    _dir: crate::support::temp::TempDir,
    root: PathBuf,
    builder: Builder,
    files: Files,
}

impl Site {
    fn new(name: &str) -> Site {
        let dir = crate::support::temp::TempDir::new(&format!("incremental-{name}"));
        let root = dir.path.join("site");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_tree(&repo.join("content"), &root.join("content"));
        compendium_synth::generate(&root, 60, 11).expect("synthetic corpus");
        let mut builder = Builder::new(options(&root));
        let mut files = Files::new();
        let first = builder.pages(None, &mut files, &mut |_, _, _| {});
        assert!(first.ok, "first build: {:?}", first.diagnostics);
        builder.search(&mut files).expect("first search export");
        Site {
            _dir: dir,
            root,
            builder,
            files,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read a test file")
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folders");
        std::fs::write(&path, text).expect("write a test file");
        path
    }

    fn edit(&self, rel: &str, from: &str, to: &str) -> PathBuf {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no `{from}`");
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Applies a change to the files on disk, as the watcher would report it.
    fn rebuild(&mut self, step: &str, paths: &[PathBuf]) -> compendium::serve::rebuild::Outcome {
        let root = std::fs::canonicalize(&self.root).expect("root");
        let paths: Vec<PathBuf> = paths
            .iter()
            .map(|p| root.join(p.strip_prefix(&self.root).expect("inside the site")))
            .collect();
        let changes = watch::classify_all(&root, &self.builder.theme_name(), &paths);
        assert!(
            !changes.is_empty() || paths.is_empty(),
            "{step}: no change classified"
        );
        let outcome = self
            .builder
            .pages(Some(&changes), &mut self.files, &mut |_, _, _| {});
        if outcome.ok {
            self.builder.search(&mut self.files).expect("search export");
        }
        outcome
    }

    /// After `step`, the served files must equal a full build's.
    fn assert_equals_full_build(&self, step: &str) {
        let full = pipeline::run(&options(&self.root))
            .unwrap_or_else(|d| panic!("{step}: full build failed: {d:?}"));
        let full: BTreeMap<&str, &[u8]> = full
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.bytes.as_slice()))
            .collect();
        let incremental: BTreeMap<&str, &[u8]> =
            self.files.iter().map(|(p, b)| (p.as_str(), &**b)).collect();
        let missing: Vec<&&str> = full
            .keys()
            .filter(|p| !incremental.contains_key(*p))
            .collect();
        let extra: Vec<&&str> = incremental
            .keys()
            .filter(|p| !full.contains_key(*p))
            .collect();
        let differing: Vec<&&str> = full
            .iter()
            .filter(|(p, b)| incremental.get(*p).is_some_and(|i| i != *b))
            .map(|(p, _)| p)
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty() && differing.is_empty(),
            "{step}: incremental differs from a full build\n  missing: {missing:?}\n  extra: {extra:?}\n  differing: {differing:?}"
        );
    }

    /// Returns how many outputs the rebuild rendered.
    fn step(&mut self, step: &str, paths: &[PathBuf]) -> usize {
        self.step_outcome(step, paths).rendered
    }

    fn step_outcome(
        &mut self,
        step: &str,
        paths: &[PathBuf],
    ) -> compendium::serve::rebuild::Outcome {
        let outcome = self.rebuild(step, paths);
        assert!(outcome.ok, "{step}: {:?}", outcome.diagnostics);
        self.assert_equals_full_build(step);
        outcome
    }

    /// Pages and data files of a full build (search files aside).
    fn outputs(&self) -> usize {
        self.files
            .keys()
            .filter(|p| !p.starts_with("search/"))
            .count()
    }
}

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        include_drafts: false,
        base_url: Some(BASE_URL.into()),
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

fn default_template(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default/templates")
        .join(name);
    std::fs::read_to_string(path).expect("default template")
}

const BROMSGROVE: &str = "content/case-studies/bromsgrove-redditch.md";
const KENT: &str = "content/case-studies/kent-gateway.md";

fn incremental_rebuilds_equal_a_full_build_after_every_kind_of_edit() {
    let mut site = Site::new("oracle");
    site.assert_equals_full_build("first build");

    let all = site.outputs();
    let p = site.edit(
        BROMSGROVE,
        "\n\n",
        "\n\nA new first paragraph for the oracle.\n\n",
    );
    let rendered = site.step("edit a body", &[p]);
    // Its own page and the pages listing every case study, not every page.
    assert!(
        rendered * 4 < all,
        "a body edit rendered {rendered} of {all}"
    );

    // Edits that leave every id, term and organisation in place patch the
    // model (the quick path); the oracle holds them to a full build too.
    let p = site.edit(
        BROMSGROVE,
        "shared services and management\"",
        "shared services and management, revised\"",
    );
    let patched = site.step_outcome("correct a title in place", &[p]);
    assert!(
        patched.quick,
        "a title kept in place did not patch the model"
    );

    let p = site.edit(BROMSGROVE, "date: 2011-03-01", "date: 2012-06-30");
    let patched = site.step_outcome("change a date (the newest-first order)", &[p]);
    assert!(patched.quick, "a date edit did not patch the model");

    let p = site.edit(
        KENT,
        "title: \"Kent Gateway\"",
        "title: \"Aardvark Gateway of Kent\"",
    );
    let moved = site.step_outcome("change a title (moves the case study first)", &[p]);
    assert!(
        moved.quick,
        "a title that moves the case study did not patch the model"
    );
    // Every case study between its two places is renumbered; an edit to
    // one of them must find its page and its totals under the new id.
    let p = site.edit(BROMSGROVE, "amount: 500000", "amount: 505000");
    let patched = site.step_outcome("change a saving of a renumbered case study", &[p]);
    assert!(patched.quick, "a saving's edit did not patch the model");
    let p = site.edit(
        KENT,
        "title: \"Aardvark Gateway of Kent\"",
        "title: \"Zygote Gateway of Kent\"",
    );
    let moved = site.step_outcome("change a title (moves the case study last)", &[p]);
    assert!(moved.quick, "a move to the end did not patch the model");
    let p = site.edit(
        KENT,
        "title: \"Zygote Gateway of Kent\"",
        "title: \"Aardvark Gateway of Kent\"",
    );
    site.step("change a title (moves it back)", &[p]);
    // Saves made while a rebuild ran come together: each is patched in,
    // the second after the first's move.
    let p = site.edit(
        KENT,
        "title: \"Aardvark Gateway of Kent\"",
        "title: \"Mid-alphabet Gateway of Kent\"",
    );
    let q = site.edit(BROMSGROVE, "amount: 505000", "amount: 506000");
    let both = site.step_outcome("two saves in one rebuild, one moving", &[p, q]);
    assert!(both.quick, "two patchable saves went the long way");
    let p = site.edit(
        KENT,
        "title: \"Mid-alphabet Gateway of Kent\"",
        "title: \"Aardvark Gateway of Kent\"",
    );
    site.step("move it back again", &[p]);

    let p = site.edit(
        KENT,
        "functions: [customer-services, ict]",
        "functions: [customer-services, waste]",
    );
    site.step("move a case study between functions", &[p]);

    let p = site.edit(
        KENT,
        "    region: south-east\n  - name: Kent district",
        "    region: london\n  - name: Kent district",
    );
    site.step("move a case study between regions", &[p]);

    let p = site.edit(KENT, "name: Kent County Council", "name: Kent Council");
    site.step("rename a partner", &[p]);

    // Kent's re-sort moved Bromsgrove's id without rendering its page
    // again: an edit to it must find the page under its new route.
    let p = site.edit(BROMSGROVE, "amount: 506000", "amount: 510000");
    let patched = site.step_outcome("change a saving (totals)", &[p]);
    assert!(patched.quick, "a saving's edit did not patch the model");

    // A newer change cuts a rebuild short after the edited page: the rest is
    // owed, and the next rebuild (here one with nothing new) renders it.
    site.builder.interrupt_when(|| true);
    let p = site.edit(KENT, "summary: \"", "summary: \"Edited. ");
    let cut = site.rebuild("a rebuild cut short", &[p]);
    assert!(cut.ok && !cut.complete, "the rebuild was not cut short");
    assert!(site.builder.has_pending());
    site.builder.interrupt_when(|| false);
    site.step("the owed rebuild", &[]);
    assert!(!site.builder.has_pending());

    // An edit the model can be patched for still takes the quick path after
    // a rebuild was cut short (an editor saving every second): what was
    // owed is rendered with it.
    site.builder.interrupt_when(|| true);
    let p = site.edit(KENT, "summary: \"Edited. ", "summary: \"Edited twice. ");
    let cut = site.rebuild("a second rebuild cut short", &[p]);
    assert!(cut.ok && !cut.complete, "the rebuild was not cut short");
    site.builder.interrupt_when(|| false);
    let p = site.edit(
        BROMSGROVE,
        "A new first paragraph for the oracle.",
        "A newer first paragraph for the oracle.",
    );
    let owed = site.step_outcome("a quick edit after a cut-short rebuild", &[p]);
    assert!(
        owed.quick,
        "a cut-short rebuild sent the next edit the long way"
    );
    assert!(!site.builder.has_pending());

    // While the editor keeps saving, the outputs that were slow to render
    // wait (here every output but the edited page's own): the rebuild is
    // not complete until the editor pauses, and then it equals a full build.
    site.builder.defer_heavy(0, || false);
    let p = site.edit(
        KENT,
        "summary: \"Edited twice. ",
        "summary: \"Edited thrice. ",
    );
    let waiting = site.rebuild("a save while the editor keeps saving", &[p]);
    assert!(
        waiting.ok && !waiting.complete,
        "nothing was left for a pause"
    );
    assert!(site.builder.owes_only_deferred());
    let p = site.edit(BROMSGROVE, "amount: 510000", "amount: 520000");
    let waiting = site.rebuild("another save before the pause", &[p]);
    assert!(waiting.ok && !waiting.complete);
    site.builder.defer_heavy(0, || true);
    site.step("the editor pauses", &[]);
    assert!(!site.builder.has_pending());

    let text = site
        .read(KENT)
        .replace("Aardvark Gateway of Kent", "Zebra crossings shared");
    let p = site.write("content/case-studies/zebra-crossings.md", &text);
    site.step("add a case study", &[p]);

    let from = site.path("content/case-studies/zebra-crossings.md");
    let to = site.path("content/case-studies/zebra-crossings-renamed.md");
    std::fs::rename(&from, &to).expect("rename");
    site.step("rename a case study's file", &[from, to.clone()]);

    std::fs::remove_file(&to).expect("delete");
    site.step("delete a case study", &[to]);

    let p = site.edit("content/pages/about.md", "title: ", "title: Now ");
    site.step("edit a content page's title", &[p]);

    // Appended as a site.yaml of its own: the bundled one's vocabulary
    // lists may change without breaking this step.
    let yaml = site.read("content/site.yaml");
    let p = site.write(
        "content/site.yaml",
        &format!(
            "title: \"Shared services compendium\"\nfunctions:\n  - slug: parking\n    label: Parking\n    group: Place\n# the bundled file, its keys commented out:\n{}",
            yaml.lines().map(|l| format!("# {l}\n")).collect::<String>()
        ),
    );
    site.step("add a function to the vocabulary in site.yaml", &[p]);

    let p = site.write(
        "themes/default/templates/card.html",
        &default_template("card.html").replacen("<", "<!-- card partial edited -->\n<", 1),
    );
    site.step("edit a partial (card.html)", &[p]);

    let p = site.write(
        "themes/default/templates/map.html",
        &default_template("map.html").replacen("<", "<!-- map partial edited -->\n<", 1),
    );
    let rendered = site.step("edit a partial (map.html)", &[p]);
    // Home and region pages show the map; case studies do not.
    assert!(
        rendered * 4 < all,
        "a map.html edit rendered {rendered} of {all}"
    );

    let p = site.write(
        "themes/default/templates/case_study.html",
        &default_template("case_study.html").replacen(
            "{% block",
            "{# page template edited #}{% block",
            1,
        ),
    );
    site.step("edit a page template (case_study.html)", &[p]);

    let style = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css");
    let css = std::fs::read_to_string(style).expect("style.css") + "\n/* edited */\n";
    let p = site.write("themes/default/static/style.css", &css);
    site.step("edit an asset (style.css)", &[p]);

    let p = site.write(
        "themes/alt/templates/base.html",
        &default_template("base.html").replacen("<body", "<body data-theme=\"alt\"", 1),
    );
    let q = site.edit(
        "content/site.yaml",
        "title: \"Shared",
        "theme: alt\ntitle: \"Shared",
    );
    site.step("switch theme: in site.yaml", &[p, q]);

    let p = site.edit(BROMSGROVE, "title: ", "title: [unclosed ");
    let broken = site.rebuild("break a file", &[p]);
    assert!(!broken.ok, "a broken file must fail the rebuild");
    site.assert_equals_full_build_of_last_good(&broken);

    let p = site.edit(BROMSGROVE, "title: [unclosed ", "title: ");
    site.step("fix the broken file", &[p]);

    let p = site.edit("content/resources.yaml", "title: ", "title: Edited ");
    site.step("edit resources.yaml", &[p]);
}

impl Site {
    /// A failed rebuild must leave the served files as they were.
    fn assert_equals_full_build_of_last_good(&self, outcome: &compendium::serve::rebuild::Outcome) {
        assert!(
            outcome.changed.is_empty() && outcome.removed.is_empty(),
            "a failed rebuild changed files: {:?} {:?}",
            outcome.changed,
            outcome.removed
        );
    }
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![incremental_rebuilds_equal_a_full_build_after_every_kind_of_edit,]
}
