//! The CI recipes of `recipes/`, run as written: each recipe is parsed, its
//! shell steps (GitHub's `run:`, GitLab's `before_script:` and `script:`)
//! are taken out in order and run with bash in a copy of a site, as the CI
//! service would run them, and the steps that are not shell (GitHub's
//! `uses:`) are checked for what they must say (the Pages upload of
//! `public`, the permissions, the cache key).
//!
//! No step compiles compendium: the recipes install it only when
//! `compendium` is not on PATH (what a restored cache makes true), and these
//! tests put the binary under test on PATH. A fake `cargo`, first on PATH,
//! records any call; the "not cached" tests leave compendium off PATH and let
//! the fake install the binary under test where `cargo install` would, which
//! shows that the recipe calls `cargo install` as documented and that the
//! cache keeps the file it installs. Values that the CI service provides
//! (the Pages address, the project folder) are set to fixed ones here.

use crate::support::common::*;
use crate::support::temp::TempDir;
use serde_yaml::{Mapping, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

const GITHUB: &str = "recipes/github-actions.yml";
const GITLAB: &str = "recipes/gitlab-ci.yml";

/// What `actions/configure-pages` gives as `base_url` (no trailing slash).
const GITHUB_PAGES_URL: &str = "https://example-org.github.io/compendium";
/// GitLab's `CI_PAGES_URL`.
const GITLAB_PAGES_URL: &str = "https://example-group.gitlab.io/compendium";

pub fn tests() -> Vec<crate::Test> {
    #[allow(unused_mut)] // added to only in the CI build
    let mut tests = crate::tests![
        github_recipe_checks_and_builds_the_bundled_content,
        github_recipe_stops_at_a_broken_case_study_with_its_annotation,
        github_recipe_installs_from_git_when_not_cached,
        github_recipe_publishes_public_to_pages_from_main,
        gitlab_recipe_checks_and_builds_the_bundled_content,
        gitlab_recipe_stops_at_a_broken_case_study,
        gitlab_recipe_installs_from_git_when_not_cached,
        gitlab_recipe_publishes_public_to_pages_from_the_default_branch,
        readme_links_the_recipes,
    ];
    // What the recipes install: run with
    // `cargo test --no-default-features --test suite recipes::`.
    #[cfg(not(feature = "serve"))]
    tests.extend(crate::tests![the_ci_build_says_serve_is_not_in_it]);
    tests
}

// ---------------------------------------------------------------------------
// Reading the recipes

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(rel: &str) -> Value {
    let path = repo().join(rel);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not valid YAML: {e}"))
}

#[track_caller]
fn map<'a>(v: &'a Value, what: &str) -> &'a Mapping {
    v.as_mapping()
        .unwrap_or_else(|| panic!("{what} is not a mapping: {v:?}"))
}

#[track_caller]
fn text<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v:?}"))
}

#[track_caller]
fn get<'a>(v: &'a Value, key: &str, what: &str) -> &'a Value {
    v.get(key)
        .unwrap_or_else(|| panic!("{what} has no `{key}`: {v:?}"))
}

/// A mapping of names to strings (`env:`, `variables:`), in file order.
fn string_map(v: Option<&Value>, what: &str) -> Vec<(String, String)> {
    let Some(v) = v else {
        return Vec::new();
    };
    map(v, what)
        .iter()
        .map(|(k, v)| {
            (
                text(k, what).to_owned(),
                match v {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    other => panic!("{what}: a value that is not text: {other:?}"),
                },
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Running shell steps

/// One shell step: a script, the shell that runs it, its environment.
struct Step {
    name: String,
    script: String,
    /// The shell and its options, before the script's file.
    shell: Vec<&'static str>,
    env: Vec<(String, String)>,
}

/// What one step did.
struct StepRun {
    name: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for StepRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "step {:?}: exit code {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.name, self.code, self.stdout, self.stderr
        )
    }
}

/// Where a recipe runs: a site folder, a home folder, and a PATH with the
/// fake `cargo` first, then (when the binary counts as cached) the binary
/// under test's folder, then the machine's folders that hold no
/// `compendium`.
struct Runner {
    _dir: TempDir,
    site: PathBuf,
    home: PathBuf,
    /// The fake cargo's record of its arguments, one a line; absent if it
    /// was never run.
    cargo_log: PathBuf,
    path: String,
}

impl Runner {
    /// `cached`: whether compendium is on PATH before the first step, as
    /// after a cache restore. `home_path`: folders under `$HOME` that the CI
    /// service puts on PATH.
    fn new(name: &str, content: Content, cached: bool, home_path: &[&str]) -> Runner {
        let dir = TempDir::new(&format!("recipe-{name}"));
        let site = dir.path.join("site");
        let home = dir.path.join("home");
        let fake_bin = dir.path.join("fake-bin");
        for d in [&site, &home, &fake_bin] {
            std::fs::create_dir_all(d).expect("create a folder of the recipe run");
        }
        content.write(&site);
        let cargo_log = dir.path.join("cargo-calls");
        write_fake_cargo(&fake_bin, &cargo_log);

        let mut path = vec![fake_bin];
        path.extend(home_path.iter().map(|rel| home.join(rel)));
        if cached {
            let bin = Path::new(bin());
            path.push(bin.parent().expect("the binary's folder").to_path_buf());
        }
        path.extend(system_path());
        let path = std::env::join_paths(path)
            .expect("a PATH")
            .to_string_lossy()
            .into_owned();
        Runner {
            _dir: dir,
            site,
            home,
            cargo_log,
            path,
        }
    }

    /// Runs steps in order until one fails, as a CI job does, and returns
    /// what each one that ran did.
    fn run(&self, steps: &[Step], base_env: &[(String, String)]) -> Vec<StepRun> {
        let scripts = self
            .site
            .parent()
            .expect("the run's folder")
            .join("scripts");
        std::fs::create_dir_all(&scripts).expect("create the scripts folder");
        let mut runs = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            let file = scripts.join(format!("step-{i}.sh"));
            std::fs::write(&file, &step.script).expect("write a step's script");
            let mut cmd = Command::new(bash());
            cmd.args(&step.shell)
                .arg(&file)
                .current_dir(&self.site)
                // Only what a CI machine would have: nothing of this test
                // process (CARGO_*, the suite's own variables) leaks in.
                .env_clear()
                .env("PATH", &self.path)
                .env("HOME", &self.home)
                .env("LANG", "C.UTF-8")
                .env("CI", "true");
            for (k, v) in base_env.iter().chain(&step.env) {
                cmd.env(k, v);
            }
            let out = cmd.output().expect("run bash");
            let run = StepRun {
                name: step.name.clone(),
                code: out.status.code(),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            };
            let failed = run.code != Some(0);
            runs.push(run);
            if failed {
                break;
            }
        }
        runs
    }

    /// The fake cargo's arguments, or `None` if it was never run.
    fn cargo_calls(&self) -> Option<Vec<String>> {
        let text = std::fs::read_to_string(&self.cargo_log).ok()?;
        Some(text.lines().map(str::to_owned).collect())
    }

    #[track_caller]
    fn assert_cargo_not_run(&self) {
        assert_eq!(
            self.cargo_calls(),
            None,
            "the recipe ran cargo although compendium was on PATH (a cache hit must not compile)"
        );
    }
}

#[track_caller]
fn assert_all_passed(runs: &[StepRun], expected: usize) {
    for run in runs {
        assert_eq!(run.code, Some(0), "a step failed:\n{run}");
    }
    assert_eq!(
        runs.len(),
        expected,
        "not every step ran: {:?}",
        runs.iter().map(|r| &r.name).collect::<Vec<_>>()
    );
}

/// The site folder's content.
enum Content {
    /// A copy of the bundled `content/`.
    Bundled,
    /// A copy of the bundled content with one more case study, this text.
    BundledPlus(&'static str, String),
    /// One valid case study, nothing else: for the runs that test the
    /// install, where what is checked does not matter.
    Small,
}

impl Content {
    fn write(&self, site: &Path) {
        let content = site.join("content");
        match self {
            Content::Bundled => copy_tree(&repo().join("content"), &content),
            Content::BundledPlus(stem, text) => {
                copy_tree(&repo().join("content"), &content);
                let file = content.join(format!("case-studies/{stem}.md"));
                std::fs::write(file, text).expect("write the extra case study");
            }
            Content::Small => {
                let file = content.join("case-studies/anytown.md");
                std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
                std::fs::write(file, CaseStudyText::new("Anytown").render())
                    .expect("write a case study");
            }
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in snapshot(from) {
        let path = to.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create a folder");
        std::fs::write(path, bytes).expect("copy a file");
    }
}

/// A case study whose `functions:` names one that does not exist, and
/// where the error is: (line, column).
fn broken_case_study() -> (String, (usize, usize)) {
    let text = CaseStudyText::new("Broken")
        .functions("[procurment]")
        .render();
    let at = pos_of(&text, "procurment");
    (text, at)
}

/// A `cargo` that writes its arguments to `log` and, for `install`, does what
/// `cargo install` does in the end: puts a `compendium` into `--root`'s
/// `bin/` (default `$CARGO_HOME`, else `~/.cargo`), here a link to the binary
/// under test.
fn write_fake_cargo(dir: &Path, log: &Path) {
    let script = format!(
        r#"#!/usr/bin/env bash
set -eu
printf '%s\n' "$@" > {log}
if [ "${{1:-}}" != install ]; then
  echo "fake cargo: only 'install' is expected, got: $*" >&2
  exit 97
fi
root="${{CARGO_HOME:-$HOME/.cargo}}"
previous=
for arg in "$@"; do
  if [ "$previous" = --root ]; then root=$arg; fi
  previous=$arg
done
mkdir -p "$root/bin"
ln -sf {bin} "$root/bin/compendium"
echo "fake cargo: installed compendium into $root/bin" >&2
"#,
        log = shell_quote(&log.display().to_string()),
        bin = shell_quote(bin()),
    );
    let path = dir.join("cargo");
    std::fs::write(&path, script).expect("write the fake cargo");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .expect("make the fake cargo executable");
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// This machine's PATH without the folders holding a `compendium`, so that
/// only the test decides whether one is installed. A real `cargo` may stay
/// (on Debian's packages it is in /usr/bin, with everything else): the fake
/// one comes first.
fn system_path() -> Vec<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .filter(|d| !d.join("compendium").exists())
        .collect()
}

/// bash, found on this machine's PATH (the steps' PATH is theirs).
fn bash() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join("bash"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("/bin/bash"))
}

// ---------------------------------------------------------------------------
// GitHub Actions

/// The workflow's jobs, in file order.
fn github_jobs(workflow: &Value) -> Vec<(String, &Value)> {
    map(get(workflow, "jobs", GITHUB), "jobs")
        .iter()
        .map(|(k, v)| (text(k, "a job name").to_owned(), v))
        .collect()
}

fn github_job<'a>(workflow: &'a Value, name: &str) -> &'a Value {
    get(get(workflow, "jobs", GITHUB), name, "jobs")
}

fn github_steps(job: &Value) -> &Vec<Value> {
    get(job, "steps", "a job")
        .as_sequence()
        .expect("steps are a list")
}

/// The value of a GitHub expression that a step's `env:` may use. The test
/// knows only these; a recipe using another must add it here, with what the
/// CI service would give.
fn github_expression(expr: &str) -> String {
    match expr.trim() {
        "steps.pages.outputs.base_url" => GITHUB_PAGES_URL.to_owned(),
        other => panic!("{GITHUB}: the test does not know the expression `${{{{ {other} }}}}`"),
    }
}

/// `${{ expr }}` replaced by [`github_expression`].
fn github_resolve(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        let end = after
            .find("}}")
            .unwrap_or_else(|| panic!("an unclosed expression in {value:?}"));
        out.push_str(&github_expression(&after[..end]));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The shell steps of a job, in order, with the workflow's, the job's and
/// the step's `env:`.
fn github_shell_steps(workflow: &Value, job: &Value) -> Vec<Step> {
    let mut base = string_map(workflow.get("env"), "the workflow's env");
    base.extend(string_map(job.get("env"), "a job's env"));
    assert!(
        workflow.get("defaults").is_none() && job.get("defaults").is_none(),
        "the test runs steps with GitHub's default shell; teach it `defaults:`"
    );
    let mut steps = Vec::new();
    for step in github_steps(job) {
        let name = step
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("(unnamed)")
            .to_owned();
        let Some(run) = step.get("run") else {
            assert!(
                step.get("uses").is_some(),
                "step {name:?} has neither `run:` nor `uses:`"
            );
            continue;
        };
        let script = text(run, "run").to_owned();
        assert!(
            !script.contains("${{"),
            "step {name:?}: `run:` must read values from `env:`, not `${{{{ }}}}` (script injection, and this test cannot run it):\n{script}"
        );
        assert!(
            step.get("if").is_none(),
            "step {name:?}: a shell step with `if:` would not run on every event; this test runs them all"
        );
        // GitHub's shells on Linux: `bash -e {0}` when none is named,
        // `bash --noprofile --norc -eo pipefail {0}` for `shell: bash`.
        let shell = match step.get("shell").map(|s| text(s, "shell")) {
            None => vec!["-e"],
            Some("bash") => vec!["--noprofile", "--norc", "-eo", "pipefail"],
            Some(other) => panic!("step {name:?}: the test runs only bash, not {other}"),
        };
        // The step's own `env:` after the job's and the workflow's, as it
        // overrides them.
        let mut env = base.clone();
        env.extend(
            string_map(step.get("env"), "a step's env")
                .into_iter()
                .map(|(k, v)| (k, github_resolve(&v))),
        );
        steps.push(Step {
            name,
            script,
            shell,
            env,
        });
    }
    steps
}

/// Every job's shell steps, jobs in file order (each `needs:` only earlier
/// jobs, which `github_recipe_publishes_public_to_pages_from_main` checks).
fn github_all_shell_steps(workflow: &Value) -> Vec<Step> {
    github_jobs(workflow)
        .into_iter()
        .flat_map(|(_, job)| github_shell_steps(workflow, job))
        .collect()
}

/// What GitHub's runner sets that the steps could read (the workflow's
/// `env:` comes with each step).
fn github_env(runner: &Runner) -> Vec<(String, String)> {
    vec![
        ("GITHUB_ACTIONS".into(), "true".into()),
        ("GITHUB_WORKSPACE".into(), runner.site.display().to_string()),
        ("RUNNER_OS".into(), "Linux".into()),
    ]
}

fn step_named<'a>(runs: &'a [StepRun], name: &str) -> &'a StepRun {
    runs.iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no step {name:?} ran"))
}

fn github_recipe_checks_and_builds_the_bundled_content() {
    let workflow = load(GITHUB);
    let steps = github_all_shell_steps(&workflow);
    assert!(
        steps.iter().any(|s| s.script.contains("compendium check")),
        "the workflow checks the content"
    );
    let runner = Runner::new("github-bundled", Content::Bundled, true, &[]);
    let runs = runner.run(&steps, &github_env(&runner));
    assert_all_passed(&runs, steps.len());
    runner.assert_cargo_not_run();

    let check = step_named(&runs, "Check the content");
    assert!(
        !check.stdout.contains("::error"),
        "the bundled content has no errors:\n{check}"
    );
    let out = runner.site.join("public");
    let home = read(&out, "index.html");
    assert!(
        home.contains(&format!(
            "<link rel=\"canonical\" href=\"{GITHUB_PAGES_URL}/\""
        )),
        "the site is built for the Pages address:\n{}",
        &home[..home.len().min(2000)]
    );
    assert!(
        read(&out, "sitemap.xml").contains(&format!("<loc>{GITHUB_PAGES_URL}/case-studies/")),
        "the sitemap has the Pages address"
    );
}

fn github_recipe_stops_at_a_broken_case_study_with_its_annotation() {
    let workflow = load(GITHUB);
    let steps = github_all_shell_steps(&workflow);
    let (text, (line, col)) = broken_case_study();
    let runner = Runner::new(
        "github-broken",
        Content::BundledPlus("broken", text),
        true,
        &[],
    );
    let runs = runner.run(&steps, &github_env(&runner));
    let last = runs.last().expect("a step ran");
    assert_eq!(
        last.name, "Check the content",
        "the check is the step that fails:\n{last}"
    );
    assert_eq!(last.code, Some(1), "the check fails the job:\n{last}");
    let annotation = format!(
        "::error file=content/case-studies/broken.md,line={line},col={col},endLine={line},title=unknown-vocabulary::"
    );
    assert!(
        last.stdout.lines().any(|l| l.starts_with(&annotation)),
        "the annotation for the broken file and line ({annotation}…):\n{last}"
    );
    assert_eq!(
        last.stdout.matches("::error").count(),
        1,
        "only the broken file is annotated:\n{last}"
    );
    assert!(
        !runner.site.join("public").exists(),
        "no site is built after a failed check"
    );
    runner.assert_cargo_not_run();
}

fn github_recipe_installs_from_git_when_not_cached() {
    let workflow = load(GITHUB);
    let steps = github_all_shell_steps(&workflow);
    // GitHub's Ubuntu runners have ~/.cargo/bin on PATH (where `cargo
    // install` puts binaries), which is why the recipe needs no PATH step.
    let runner = Runner::new("github-install", Content::Small, false, &[".cargo/bin"]);
    let runs = runner.run(&steps, &github_env(&runner));
    assert_all_passed(&runs, steps.len());

    let env = string_map(workflow.get("env"), "env");
    let var = |k: &str| {
        env.iter()
            .find(|(name, _)| name == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("the workflow's env has no {k}"))
    };
    assert_eq!(
        runner.cargo_calls(),
        Some(
            [
                "install",
                "--locked",
                "--no-default-features",
                "--git",
                &var("COMPENDIUM_GIT"),
                "--rev",
                &var("COMPENDIUM_REV"),
                "compendium",
            ]
            .map(str::to_owned)
            .to_vec()
        ),
        "the install step runs `cargo install` with the CI feature set from the git URL and commit"
    );

    // The cache keeps exactly the file that was installed.
    let cache = github_cache_step(&workflow);
    let cached = text(
        get(get(cache, "with", "the cache step"), "path", "with"),
        "path",
    );
    let cached = match cached.strip_prefix("~/") {
        Some(rest) => runner.home.join(rest),
        None => runner.site.join(cached),
    };
    assert!(
        cached.is_file(),
        "the cache's path {} is the installed binary",
        cached.display()
    );
}

/// The `actions/cache` step of the `site` job.
fn github_cache_step(workflow: &Value) -> &Value {
    github_steps(github_job(workflow, "site"))
        .iter()
        .find(|s| uses(s).starts_with("actions/cache@"))
        .expect("the site job has an actions/cache step")
}

fn uses(step: &Value) -> &str {
    step.get("uses").and_then(Value::as_str).unwrap_or("")
}

fn github_recipe_publishes_public_to_pages_from_main() {
    let workflow = load(GITHUB);
    let on_main = "github.event_name == 'push' && github.ref == 'refs/heads/main'";

    // Pull requests and pushes to main.
    let on = get(&workflow, "on", GITHUB);
    assert!(on.get("pull_request").is_some(), "runs on pull requests");
    let branches = get(get(on, "push", "on"), "branches", "push");
    assert_eq!(
        branches,
        &Value::from(vec!["main"]),
        "runs on pushes to main"
    );

    // Every action pinned to a major tag.
    for (name, job) in github_jobs(&workflow) {
        for step in github_steps(job) {
            let action = uses(step);
            if action.is_empty() {
                continue;
            }
            let (repo, version) = action
                .split_once('@')
                .unwrap_or_else(|| panic!("{name}: `{action}` names no version"));
            assert!(
                repo.split('/').count() == 2
                    && version.strip_prefix('v').is_some_and(|n| {
                        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                    }),
                "{name}: `{action}` is not pinned to a major tag (owner/name@vN)"
            );
        }
    }

    let site = github_job(&workflow, "site");
    let steps = github_steps(site);
    let position = |pred: &dyn Fn(&Value) -> bool, what: &str| {
        steps
            .iter()
            .position(pred)
            .unwrap_or_else(|| panic!("the site job has no {what} step"))
    };
    let runs = |needle: &'static str| {
        move |s: &Value| {
            s.get("run")
                .and_then(Value::as_str)
                .is_some_and(|r| r.contains(needle))
        }
    };

    // Cache, then install, then check with annotations, then build for the
    // Pages address, then upload.
    let cache = position(&|s| uses(s).starts_with("actions/cache@"), "cache");
    let install = position(&runs("cargo install"), "install");
    let check = position(&runs("compendium check --format github"), "check");
    let pages = position(
        &|s| uses(s).starts_with("actions/configure-pages@"),
        "configure-pages",
    );
    let build = position(&runs("compendium build --base-url"), "build");
    let upload = position(
        &|s| uses(s).starts_with("actions/upload-pages-artifact@"),
        "upload-pages-artifact",
    );
    assert!(
        cache < install && install < check && check < build && pages < build && build < upload,
        "the site job's steps are out of order"
    );
    let key = text(
        get(get(&steps[cache], "with", "cache"), "key", "cache"),
        "key",
    );
    assert!(
        key.contains("${{ env.COMPENDIUM_REV }}") && key.contains("${{ runner.os }}"),
        "the cache is keyed on the version installed and the OS: {key}"
    );
    assert_eq!(
        steps[pages].get("id").and_then(Value::as_str),
        Some("pages"),
        "the build reads the address from the configure-pages step's outputs"
    );
    let upload = &steps[upload];
    assert_eq!(
        upload.get("with").and_then(|w| w.get("path")),
        Some(&Value::from("public")),
        "the Pages upload is public/"
    );
    assert_eq!(
        upload.get("if").and_then(Value::as_str),
        Some(on_main),
        "only main is uploaded"
    );
    let permissions = get(site, "permissions", "the site job");
    assert_eq!(
        permissions.get("contents"),
        Some(&Value::from("read")),
        "the site job reads the repository and no more"
    );

    // Deploy: after the site, on main only, with what deploy-pages needs.
    let deploy = github_job(&workflow, "deploy");
    assert_eq!(deploy.get("if").and_then(Value::as_str), Some(on_main));
    assert_eq!(deploy.get("needs"), Some(&Value::from("site")));
    let permissions = get(deploy, "permissions", "the deploy job");
    assert_eq!(permissions.get("pages"), Some(&Value::from("write")));
    assert_eq!(permissions.get("id-token"), Some(&Value::from("write")));
    let environment = get(deploy, "environment", "the deploy job");
    assert_eq!(environment.get("name"), Some(&Value::from("github-pages")));
    let deploy_steps = github_steps(deploy);
    let step = deploy_steps
        .iter()
        .find(|s| uses(s).starts_with("actions/deploy-pages@"))
        .expect("the deploy job runs actions/deploy-pages");
    let id = text(get(step, "id", "the deploy step"), "id");
    assert_eq!(
        environment.get("url").and_then(Value::as_str),
        Some(format!("${{{{ steps.{id}.outputs.page_url }}}}").as_str()),
        "the environment links the deployed site"
    );
}

// ---------------------------------------------------------------------------
// GitLab CI

/// A job with its `extends:` merged in as GitLab does: mappings deeply,
/// anything else (lists included) replaced by the job's own value.
fn gitlab_job(pipeline: &Value, name: &str) -> Value {
    let job = get(pipeline, name, GITLAB).clone();
    let parents: Vec<String> = match job.get("extends") {
        None => Vec::new(),
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Sequence(list)) => list.iter().map(|v| text(v, "extends").to_owned()).collect(),
        Some(other) => panic!("{name}: `extends` is neither a name nor a list: {other:?}"),
    };
    let mut merged = Value::Mapping(Mapping::new());
    for parent in parents {
        merged = merge(merged, gitlab_job(pipeline, &parent));
    }
    merge(merged, job)
}

fn merge(base: Value, over: Value) -> Value {
    match (base, over) {
        (Value::Mapping(mut base), Value::Mapping(over)) => {
            for (k, v) in over {
                let merged = match base.remove(&k) {
                    Some(old) => merge(old, v),
                    None => v,
                };
                base.insert(k, merged);
            }
            Value::Mapping(base)
        }
        (_, over) => over,
    }
}

/// A job's `before_script:` and `script:` lines, as GitLab runs them: one
/// bash session in which any failing line ends the job.
fn gitlab_shell_step(pipeline: &Value, name: &str) -> Step {
    let job = gitlab_job(pipeline, name);
    assert!(
        pipeline.get("default").is_none() && pipeline.get("before_script").is_none(),
        "the test reads only each job's own (and extended) before_script; teach it `default:`"
    );
    let mut lines = Vec::new();
    for key in ["before_script", "script"] {
        if let Some(list) = job.get(key) {
            let list = list
                .as_sequence()
                .unwrap_or_else(|| panic!("{name}: `{key}` is not a list"));
            lines.extend(list.iter().map(|l| text(l, key).trim_end().to_owned()));
        }
    }
    assert!(!lines.is_empty(), "{name} has no script");
    let mut env = string_map(pipeline.get("variables"), "variables");
    env.extend(string_map(job.get("variables"), "a job's variables"));
    Step {
        name: name.to_owned(),
        script: lines.join("\n") + "\n",
        shell: vec!["--noprofile", "--norc", "-eo", "pipefail"],
        env,
    }
}

/// What GitLab sets that the scripts read.
fn gitlab_env(runner: &Runner) -> Vec<(String, String)> {
    vec![
        ("GITLAB_CI".into(), "true".into()),
        ("CI_PROJECT_DIR".into(), runner.site.display().to_string()),
        ("CI_PAGES_URL".into(), GITLAB_PAGES_URL.into()),
        ("CI_DEFAULT_BRANCH".into(), "main".into()),
        ("CI_COMMIT_BRANCH".into(), "main".into()),
    ]
}

/// The jobs of a default-branch pipeline, in stage order.
fn gitlab_pipeline_steps(pipeline: &Value) -> Vec<Step> {
    ["check", "pages"]
        .iter()
        .map(|name| gitlab_shell_step(pipeline, name))
        .collect()
}

fn gitlab_recipe_checks_and_builds_the_bundled_content() {
    let pipeline = load(GITLAB);
    let steps = gitlab_pipeline_steps(&pipeline);
    let runner = Runner::new("gitlab-bundled", Content::Bundled, true, &[]);
    let runs = runner.run(&steps, &gitlab_env(&runner));
    assert_all_passed(&runs, 2);
    runner.assert_cargo_not_run();
    let out = runner.site.join("public");
    assert!(
        read(&out, "index.html").contains(&format!(
            "<link rel=\"canonical\" href=\"{GITLAB_PAGES_URL}/\""
        )),
        "the site is built for the Pages address"
    );
    assert!(
        read(&out, "sitemap.xml").contains(&format!("<loc>{GITLAB_PAGES_URL}/case-studies/")),
        "the sitemap has the Pages address"
    );
}

fn gitlab_recipe_stops_at_a_broken_case_study() {
    let pipeline = load(GITLAB);
    let (text, (line, col)) = broken_case_study();
    let runner = Runner::new(
        "gitlab-broken",
        Content::BundledPlus("broken", text),
        true,
        &[],
    );
    let place = format!("content/case-studies/broken.md:{line}:{col}");
    // The merge request's job, then (on the default branch) the Pages job,
    // which must not publish either.
    for name in ["check", "pages"] {
        let step = gitlab_shell_step(&pipeline, name);
        let runs = runner.run(&[step], &gitlab_env(&runner));
        let run = &runs[0];
        assert_eq!(run.code, Some(1), "{name} fails on a broken file:\n{run}");
        assert!(
            run.stderr.contains("error[unknown-vocabulary]") && run.stderr.contains(&place),
            "{name} names the file, line and column ({place}):\n{run}"
        );
    }
    assert!(
        !runner.site.join("public").exists(),
        "nothing is published from broken content"
    );
    runner.assert_cargo_not_run();
}

fn gitlab_recipe_installs_from_git_when_not_cached() {
    let pipeline = load(GITLAB);
    let steps = gitlab_pipeline_steps(&pipeline);
    let runner = Runner::new("gitlab-install", Content::Small, false, &[]);
    // The check job compiles (the fake installs) into the cached folder; the
    // pages job then restores it, here by finding it in the same folder.
    let runs = runner.run(&steps, &gitlab_env(&runner));
    assert_all_passed(&runs, 2);

    let vars = string_map(pipeline.get("variables"), "variables");
    let var = |k: &str| {
        vars.iter()
            .find(|(name, _)| name == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("the pipeline's variables have no {k}"))
    };
    let install_root = runner.site.join(".compendium");
    assert_eq!(
        runner.cargo_calls(),
        Some(
            [
                "install",
                "--locked",
                "--no-default-features",
                "--root",
                &install_root.display().to_string(),
                "--git",
                &var("COMPENDIUM_GIT"),
                "--rev",
                &var("COMPENDIUM_REV"),
                "compendium",
            ]
            .map(str::to_owned)
            .to_vec()
        ),
        "the first job runs `cargo install` with the CI feature set from the git URL and commit (only once: the second finds it)"
    );
    // The cache keeps the folder the binary went into.
    let cache = get(&gitlab_job(&pipeline, "pages"), "cache", "the pages job").clone();
    let paths = get(&cache, "paths", "cache")
        .as_sequence()
        .expect("cache paths are a list")
        .iter()
        .map(|p| runner.site.join(text(p, "a cache path")))
        .collect::<Vec<_>>();
    assert!(
        paths.iter().any(|p| p.join("bin/compendium").is_file()),
        "a cached folder holds the installed binary: {paths:?}"
    );
}

fn gitlab_recipe_publishes_public_to_pages_from_the_default_branch() {
    let pipeline = load(GITLAB);
    let default_branch = "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH";
    let rule_ifs = |job: &Value| -> Vec<String> {
        get(job, "rules", "a job")
            .as_sequence()
            .expect("rules are a list")
            .iter()
            .map(|r| text(get(r, "if", "a rule"), "if").to_owned())
            .collect()
    };

    // GitLab Pages publishes the `public` artifact of the job named `pages`.
    let pages = gitlab_job(&pipeline, "pages");
    let paths = get(get(&pages, "artifacts", "pages"), "paths", "artifacts");
    assert_eq!(
        paths,
        &Value::from(vec!["public"]),
        "pages publishes public/"
    );
    assert_eq!(
        rule_ifs(&pages),
        vec![default_branch.to_owned()],
        "pages runs on the default branch only"
    );

    let check = gitlab_job(&pipeline, "check");
    let ifs = rule_ifs(&check);
    assert!(
        ifs.iter()
            .any(|r| r == "$CI_PIPELINE_SOURCE == \"merge_request_event\""),
        "check runs on merge requests: {ifs:?}"
    );

    // Stages in order: nothing is published before the check.
    let stages = get(&pipeline, "stages", GITLAB);
    assert_eq!(stages, &Value::from(vec!["check", "deploy"]));
    assert_eq!(check.get("stage"), Some(&Value::from("check")));
    assert_eq!(pages.get("stage"), Some(&Value::from("deploy")));

    // Both jobs share the cache, keyed on the version installed.
    for job in [&check, &pages] {
        let key = text(get(get(job, "cache", "a job"), "key", "cache"), "cache key");
        assert!(
            key.contains("$COMPENDIUM_REV"),
            "the cache is keyed on the version installed: {key}"
        );
        let image = text(get(job, "image", "a job"), "image");
        assert!(
            image.starts_with("rust:"),
            "the jobs run where cargo is: {image}"
        );
    }
}

fn readme_links_the_recipes() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("read the README");
    for recipe in [GITHUB, GITLAB] {
        assert!(
            readme.contains(&format!("]({recipe})")),
            "the README links {recipe}"
        );
    }
}

/// The binary the recipes install (`--no-default-features`) has no dev
/// server, and says so as a usage error rather than an unknown command.
#[cfg(not(feature = "serve"))]
fn the_ci_build_says_serve_is_not_in_it() {
    let site = TestSite::new("ci-build-serve");
    let run = site.run(&["serve"]);
    assert_eq!(run.code, Some(2), "a usage error:\n{run}");
    assert!(
        run.stderr.contains("error[not-in-this-build]")
            && run.stderr.contains("without the `serve` feature"),
        "it says what is missing:\n{run}"
    );
    let help = site.run(&["--help"]);
    assert!(
        help.stdout.contains("Not in this build"),
        "--help marks it:\n{help}"
    );
}
