//! The `Dockerfile`: a cheap check that it stays what the README says (the
//! CI build's feature flags, the binary's name, the site's folder), that
//! Cargo can load the workspace from the files `.dockerignore` lets in, and,
//! when a Docker engine is running, a real build of the image and a `build`
//! of the bundled content in a container.
//!
//! Without an engine the image test is skipped loudly but is no failure in
//! CI (`skip_optional`): `.ci/run` installs no Docker engine.

use crate::support::common::*;
use crate::support::skip::skip_optional;
use crate::support::temp::TempDir;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        dockerfile_builds_the_ci_binary_the_readme_describes,
        dockerignore_lets_in_a_workspace_cargo_can_load,
        image_builds_and_runs_the_bundled_content,
    ]
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_repo(rel: &str) -> String {
    let path = repo().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// One Dockerfile instruction: its keyword (upper case) and its arguments,
/// continuation lines joined and comments left out.
#[derive(Debug)]
struct Instruction {
    keyword: String,
    args: String,
}

fn instructions(dockerfile: &str) -> Vec<Instruction> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for line in dockerfile.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') || (trimmed.is_empty() && pending.is_empty()) {
            continue;
        }
        match trimmed.strip_suffix('\\') {
            Some(part) => {
                pending.push_str(part);
                pending.push(' ');
            }
            None => {
                pending.push_str(trimmed);
                let (keyword, args) = pending.split_once(' ').unwrap_or((&pending, ""));
                out.push(Instruction {
                    keyword: keyword.to_ascii_uppercase(),
                    args: args.trim().to_owned(),
                });
                pending.clear();
            }
        }
    }
    out
}

/// The instructions of each stage, from its `FROM`.
fn stages(instructions: &[Instruction]) -> Vec<&[Instruction]> {
    let starts: Vec<usize> = instructions
        .iter()
        .enumerate()
        .filter(|(_, i)| i.keyword == "FROM")
        .map(|(n, _)| n)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = starts.get(k + 1).copied().unwrap_or(instructions.len());
            &instructions[start..end]
        })
        .collect()
}

/// The binary's file name, as Cargo built it for these tests.
fn binary_name() -> String {
    Path::new(bin())
        .file_name()
        .expect("the binary has a name")
        .to_string_lossy()
        .into_owned()
}

fn dockerfile_builds_the_ci_binary_the_readme_describes() {
    let dockerfile = read_repo("Dockerfile");
    let all = instructions(&dockerfile);
    let stages = stages(&all);
    assert_eq!(stages.len(), 2, "a builder stage and a runtime stage");
    let (builder, runtime) = (stages[0], stages[1]);
    let name = binary_name();

    // The builder: a Rust image, compiling the CI build.
    let from = &builder[0].args;
    assert!(
        from.starts_with("rust:") && from.ends_with(" AS builder"),
        "the first stage is the Rust builder: FROM {from}"
    );
    let cargo: Vec<&Instruction> = builder
        .iter()
        .filter(|i| i.keyword == "RUN" && i.args.contains("cargo "))
        .collect();
    assert_eq!(cargo.len(), 1, "one cargo command builds the binary");
    let words: Vec<&str> = cargo[0].args.split_whitespace().collect();
    for flag in ["build", "--locked", "--release", "--no-default-features"] {
        assert!(
            words.contains(&flag),
            "the builder runs cargo with {flag}: {}",
            cargo[0].args
        );
    }
    assert!(
        words.windows(2).any(|w| w == ["--bin", name.as_str()]),
        "the builder builds the binary `{name}`: {}",
        cargo[0].args
    );

    // The runtime: another image, the binary alone, run in the site folder.
    assert!(
        !runtime[0].args.starts_with("rust:"),
        "the runtime image is not the toolchain: FROM {}",
        runtime[0].args
    );
    let copies: Vec<&Instruction> = runtime.iter().filter(|i| i.keyword == "COPY").collect();
    assert_eq!(copies.len(), 1, "the runtime stage copies one thing");
    let copy: Vec<&str> = copies[0].args.split_whitespace().collect();
    assert_eq!(
        copy.first(),
        Some(&"--from=builder"),
        "copied from the builder"
    );
    assert_eq!(
        copy.get(1).copied(),
        Some(format!("/src/target/release/{name}").as_str()),
        "the release binary cargo wrote (WORKDIR /src in the builder)"
    );
    let installed = copy.get(2).copied().unwrap_or("");
    let entrypoint = runtime
        .iter()
        .find(|i| i.keyword == "ENTRYPOINT")
        .map(|i| i.args.as_str());
    assert!(
        entrypoint == Some(&format!("[\"{name}\"]"))
            || entrypoint == Some(&format!("[\"{installed}\"]")),
        "ENTRYPOINT runs the binary copied in ({installed}): {entrypoint:?}"
    );
    assert!(
        installed.starts_with("/usr/local/bin/") || installed.starts_with("/usr/bin/"),
        "the binary is on the image's PATH: {installed}"
    );
    let workdir = runtime
        .iter()
        .rev()
        .find(|i| i.keyword == "WORKDIR")
        .map(|i| i.args.as_str());
    assert_eq!(
        workdir,
        Some("/site"),
        "the site is mounted at the working folder"
    );

    // The README says the same.
    let readme = read_repo("README.md");
    assert!(
        readme.contains("docker run --rm -v \"$PWD:/site\""),
        "the README shows the site mounted at /site"
    );
    assert!(
        readme.contains("cargo install --locked --no-default-features"),
        "the README's CI install uses the Dockerfile's flags"
    );
}

/// The entries `.dockerignore` lets back in after excluding everything.
fn dockerignore_allowed() -> Vec<String> {
    let text = read_repo(".dockerignore");
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert_eq!(
        lines.first(),
        Some(&"*"),
        ".dockerignore starts by excluding everything"
    );
    lines[1..]
        .iter()
        .map(|l| {
            l.strip_prefix('!')
                .unwrap_or_else(|| panic!(".dockerignore: {l:?} is not an exception (`!path`)"))
                .trim_end_matches('/')
                .to_owned()
        })
        .collect()
}

fn dockerignore_lets_in_a_workspace_cargo_can_load() {
    let allowed = dockerignore_allowed();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "src",
        "themes",
        "data",
        // Its allocator setting (peak memory).
        ".cargo",
    ] {
        assert!(
            allowed.iter().any(|a| a == needed),
            ".dockerignore lets in {needed}: {allowed:?}"
        );
    }
    for never in ["target", "public", ".git"] {
        assert!(
            !allowed
                .iter()
                .any(|a| a == never || a.starts_with(&format!("{never}/"))),
            ".dockerignore keeps {never} out: {allowed:?}"
        );
    }

    // The build context as Docker sends it, and Cargo loading the workspace
    // from it (every member's manifest, the lock file) without the network.
    let context = TempDir::new("docker-context");
    for entry in &allowed {
        let from = repo().join(entry);
        let to = context.path.join(entry);
        if from.is_dir() {
            for (rel, bytes) in snapshot(&from) {
                let path = to.join(rel);
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(path, bytes).expect("copy into the context");
            }
        } else {
            assert!(
                from.is_file(),
                ".dockerignore lets in {entry}, which does not exist"
            );
            std::fs::copy(&from, &to).expect("copy into the context");
        }
    }
    let out = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["metadata", "--locked", "--offline", "--format-version", "1"])
        .current_dir(&context.path)
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "Cargo cannot load the workspace from the Docker context:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `docker ARGS`, its exit code, stdout and stderr.
fn docker(args: &[&str]) -> Run {
    Run::from(
        Command::new("docker")
            .args(args)
            .output()
            .expect("run docker"),
    )
}

/// Why there is no usable engine, if there is none.
fn no_engine() -> Option<String> {
    match Command::new("docker")
        .args(["info", "--format", "{{.ServerVersion}}"])
        .output()
    {
        Err(e) => Some(format!("the docker command ({e})")),
        Ok(out) if !out.status.success() => {
            let err = String::from_utf8_lossy(&out.stderr);
            let first = err
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("no reason given");
            Some(format!(
                "a running Docker engine (docker info: {})",
                first.trim()
            ))
        }
        Ok(_) => None,
    }
}

/// The image, removed when the test ends.
struct Image(String);

impl Drop for Image {
    fn drop(&mut self) {
        let _ = Command::new("docker")
            .args(["rmi", "--force", &self.0])
            .output();
    }
}

fn id(flag: &str) -> String {
    let out = Command::new("id").arg(flag).output().expect("run id");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn image_builds_and_runs_the_bundled_content() {
    if let Some(missing) = no_engine() {
        skip_optional(
            missing,
            "start the Docker daemon, or Docker Engine from https://docs.docker.com/engine/install/; optional, .ci/run installs none",
        );
    }
    let image = Image(format!("compendium-suite-{}", std::process::id()));
    let repo = repo().display().to_string();
    let run = docker(&["build", "--tag", &image.0, &repo]);
    assert_eq!(run.code, Some(0), "docker build:\n{run}");

    // A copy of the bundled content, built in the container as the README
    // shows (site mounted at /site, as this user).
    let dir = TempDir::new("docker-site");
    let site: PathBuf = dir.path.join("site");
    for (rel, bytes) in snapshot(&repo_path("content")) {
        let path = site.join("content").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("copy the content");
    }
    let mount = format!("{}:/site", site.display());
    let user = format!("{}:{}", id("-u"), id("-g"));
    let run = docker(&[
        "run",
        "--rm",
        "-v",
        &mount,
        "-u",
        &user,
        &image.0,
        "build",
        "--base-url",
        "https://example.org/compendium/",
    ]);
    assert_eq!(
        run.code,
        Some(0),
        "compendium build in the container:\n{run}"
    );
    let home = read(&site.join("public"), "index.html");
    assert!(
        home.contains("<link rel=\"canonical\" href=\"https://example.org/compendium/\""),
        "the container built the site for the address given"
    );

    // The CI build has no dev server, and says so.
    let run = docker(&["run", "--rm", &image.0, "serve"]);
    assert_eq!(run.code, Some(2), "serve in the CI build:\n{run}");
    assert!(
        run.stderr.contains("error[not-in-this-build]"),
        "serve says it is not in this build:\n{run}"
    );
}

fn repo_path(rel: &str) -> PathBuf {
    repo().join(rel)
}
