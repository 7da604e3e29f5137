//! The output folder under hostile conditions (issue 11): symbolic links
//! where the output, its staging folder or its backup should be, folders
//! that are not compendium's, two builds into one output at once, builds
//! killed with SIGKILL at 27 moments (through the build of a
//! 2,000-case-study corpus, its swap, the removal of the previous site and
//! the reuse of a spare),
//! a read-only parent folder and a write that fails part way.
//!
//! Builds are stopped at named moments by the binary's test hook
//! (`src/output/pause.rs`): each test waits for the state it needs (a file
//! the paused build creates, a line it prints), never for a fixed time.

use crate::support::common::*;
use crate::support::temp::TempDir;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

type Files = BTreeMap<String, Vec<u8>>;

/// How long any wait may take before the test fails (a build of 2,000
/// case studies takes about 10 s in a debug build on a busy machine).
const PATIENCE: Duration = Duration::from_secs(180);

fn build_command(root: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .env("NO_COLOR", "1")
        .env_remove("COMPENDIUM_TEST_PAUSE_AT")
        .env_remove("COMPENDIUM_TEST_PAUSE_DIR")
        .env_remove("COMPENDIUM_TEST_SWAP");
    cmd
}

/// `compendium build --root ROOT --out OUT`, run to the end.
fn build(root: &Path, out: &Path) -> Run {
    Run::from(build_command(root, out).output().expect("run compendium"))
}

#[track_caller]
fn build_ok(root: &Path, out: &Path) -> Run {
    let run = build(root, out);
    assert_eq!(run.code, Some(0), "build failed:\n{run}");
    run
}

/// The names in `dir` other than `keep`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list a folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A small content folder: `n` synthetic case studies.
fn synthetic(dir: &Path, n: usize, seed: u64) -> PathBuf {
    compendium_synth::generate(dir, n, seed).expect("synthetic corpus");
    dir.to_path_buf()
}

/// A copy of a built site made of hard links: cheap, and safe because a
/// build never changes a file of the output in place (it replaces the whole
/// folder), which the comparisons with the in-memory snapshots would catch.
fn link_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            link_tree(&entry.path(), &target);
        } else {
            std::fs::hard_link(entry.path(), &target).expect("hard link");
        }
    }
}

/// A build stopped by the test hook at a named moment.
struct Paused {
    child: Child,
    point: String,
    hooks: PathBuf,
    stderr: PathBuf,
}

/// Starts `cmd` with the hook set to `points` (one, or several separated
/// by commas) and waits until the build has stopped at the first. Fails at
/// once if it ends without stopping.
#[track_caller]
fn pause_at(mut cmd: Command, points: &str, hooks: &Path) -> Paused {
    std::fs::create_dir_all(hooks).expect("hooks folder");
    let stderr = hooks.join("stderr");
    let child = cmd
        .env("COMPENDIUM_TEST_PAUSE_AT", points)
        .env("COMPENDIUM_TEST_PAUSE_DIR", hooks)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr).expect("stderr file"))
        .spawn()
        .expect("start compendium");
    let mut paused = Paused {
        child,
        point: String::new(),
        hooks: hooks.to_path_buf(),
        stderr,
    };
    let first = points.split(',').next().unwrap_or_default();
    paused.wait_for(first);
    paused
}

impl Paused {
    #[track_caller]
    fn wait_for(&mut self, point: &str) {
        let reached = self.hooks.join(format!("{point}.reached"));
        let started = Instant::now();
        while !reached.exists() {
            if let Some(status) = self.child.try_wait().expect("poll the build") {
                panic!(
                    "the build ended ({status}) without stopping at `{point}`:\n{}",
                    self.stderr_text()
                );
            }
            assert!(
                started.elapsed() < PATIENCE,
                "the build did not reach `{point}` in {PATIENCE:?}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        self.point = point.to_owned();
    }

    fn stderr_text(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    fn go(&self) {
        std::fs::write(self.hooks.join(format!("{}.go", self.point)), "").expect("release");
    }

    /// Lets it carry on to the next of its points.
    #[track_caller]
    fn on_to(&mut self, point: &str) {
        self.go();
        self.wait_for(point);
    }

    /// SIGKILL, then reap it: nothing of it runs after this returns.
    fn kill(mut self) {
        self.child.kill().expect("SIGKILL the build");
        let status = self.child.wait().expect("reap the build");
        assert!(status.code().is_none(), "killed, not exited: {status}");
    }

    /// Lets it carry on to the end.
    fn release(mut self) -> (ExitStatus, String) {
        self.go();
        let status = self.child.wait().expect("wait for the build");
        (status, self.stderr_text())
    }
}

/// Every file under `dir` with its size: a cheap first look.
fn listing(dir: &Path, base: &Path, into: &mut BTreeMap<String, u64>) {
    for entry in std::fs::read_dir(dir).expect("list") {
        let entry = entry.expect("entry");
        let meta = entry.metadata().expect("metadata");
        if meta.is_dir() {
            listing(&entry.path(), base, into);
        } else {
            let rel = entry.path();
            let rel = rel.strip_prefix(base).expect("prefix");
            into.insert(rel.to_string_lossy().into_owned(), meta.len());
        }
    }
}

/// Which of the named sites `dir` holds byte for byte, if any. Names and
/// sizes are compared first, so only the likely one is read whole.
fn which<'a>(dir: &Path, sites: &[(&'a str, &Files)]) -> Option<&'a str> {
    if !dir.exists() {
        return None;
    }
    let mut sizes = BTreeMap::new();
    listing(dir, dir, &mut sizes);
    let (name, files) = sites.iter().find(|(_, files)| {
        files.len() == sizes.len()
            && files
                .iter()
                .all(|(path, bytes)| sizes.get(path) == Some(&(bytes.len() as u64)))
    })?;
    (snapshot(dir) == **files).then_some(*name)
}

/// Nothing beside the output but what a killed build may leave.
#[track_caller]
fn only_leftovers_beside(parent: &Path, when: &str) {
    let beside: Vec<String> = names_in(parent)
        .into_iter()
        .filter(|n| {
            !["out", ".out.staging", ".out.old", ".out.lock", ".out.spare"].contains(&n.as_str())
        })
        .collect();
    assert!(beside.is_empty(), "killed at {when}: {beside:?}");
}

// ---------------------------------------------------------------- B1: links

fn a_symlinked_output_is_refused_and_what_it_points_to_is_left_alone() {
    let tmp = TempDir::new("symlinked-out");
    let root = synthetic(&tmp.path.join("site"), 3, 1);
    let webroot = root.join("webroot/site");
    build_ok(&root, &webroot);
    std::fs::write(webroot.join("mine.txt"), "the webmaster's file\n").expect("write");
    let before = snapshot(&webroot);
    let public = root.join("public");
    std::os::unix::fs::symlink("webroot/site", &public).expect("symlink");

    let run = Run::from(
        Command::new(bin())
            .args(["build"])
            .current_dir(&root)
            .env("NO_COLOR", "1")
            .output()
            .expect("run"),
    );
    // First what matters most: what the link points to is untouched.
    assert_same_files(&before, &snapshot(&webroot));
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("error[output-symlink]"), "{run}");
    assert!(
        run.stderr.contains("public") && run.stderr.contains("webroot/site"),
        "names the link and where it points:\n{run}"
    );
    assert!(
        run.stderr.contains("--out webroot/site"),
        "says how to build there instead:\n{run}"
    );
    assert!(
        std::fs::symlink_metadata(&public)
            .expect("the link")
            .file_type()
            .is_symlink(),
        "the link itself is left too"
    );
    assert_eq!(
        names_in(&root),
        ["content", "public", "webroot"],
        "nothing else was made beside it"
    );

    // Building into the folder the link points to works (it is compendium's).
    build_ok(&root, &webroot);
    assert!(webroot.join("index.html").is_file());
}

fn links_where_the_staging_backup_or_lock_would_be_are_never_followed() {
    let tmp = TempDir::new("symlinked-leftovers");
    let root = synthetic(&tmp.path.join("site"), 3, 1);
    let out = tmp.path.join("out");
    build_ok(&root, &out);
    let site = snapshot(&out);
    // What the links point to: a folder that even carries compendium's
    // marker (a site built elsewhere), and a user's file.
    let elsewhere = tmp.path.join("elsewhere");
    build_ok(&root, &elsewhere);
    std::fs::write(elsewhere.join("mine.txt"), "keep me\n").expect("write");
    let elsewhere_files = snapshot(&elsewhere);
    let note = tmp.path.join("note.txt");
    std::fs::write(&note, "a user's note\n").expect("write");

    for (link, target) in [
        (".out.staging", &elsewhere),
        (".out.old", &elsewhere),
        (".out.spare", &elsewhere),
        (".out.lock", &note),
    ] {
        let path = tmp.path.join(link);
        std::os::unix::fs::symlink(target, &path).expect("symlink");
        let run = build(&root, &out);
        // First what matters most: nothing reached through the link changed.
        assert_same_files(&elsewhere_files, &snapshot(&elsewhere));
        assert_eq!(
            std::fs::read_to_string(&note).expect("note"),
            "a user's note\n"
        );
        assert_same_files(&site, &snapshot(&out));
        assert_eq!(run.code, Some(2), "with {link} a link:\n{run}");
        assert!(
            run.stderr.contains("error[output-symlink]") && run.stderr.contains(link),
            "names the link {link}:\n{run}"
        );
        std::fs::remove_file(&path).expect("remove the link");
    }
    build_ok(&root, &out);
    assert_same_files(&elsewhere_files, &snapshot(&elsewhere));
}

fn folders_beside_the_output_that_are_not_compendiums_are_never_removed() {
    let tmp = TempDir::new("foreign-leftovers");
    let root = synthetic(&tmp.path.join("site"), 3, 1);
    let out = tmp.path.join("out");
    build_ok(&root, &out);
    let site = snapshot(&out);
    for name in [".out.staging", ".out.old", ".out.spare"] {
        let foreign = tmp.path.join(name);
        std::fs::create_dir_all(foreign.join("photos")).expect("mkdir");
        std::fs::write(foreign.join("photos/cat.jpg"), [0xFF, 0xD8, 0xFF]).expect("write");
        let before = snapshot(&foreign);
        let run = build(&root, &out);
        assert_same_files(&before, &snapshot(&foreign));
        assert_same_files(&site, &snapshot(&out));
        assert_eq!(run.code, Some(2), "with a user's folder at {name}:\n{run}");
        assert!(
            run.stderr.contains("error[output-not-ours]") && run.stderr.contains(name),
            "names {name}:\n{run}"
        );
        std::fs::remove_dir_all(&foreign).expect("tidy");
    }
}

fn an_output_written_by_an_earlier_compendium_is_still_replaced() {
    let tmp = TempDir::new("earlier-output");
    let root = synthetic(&tmp.path.join("site"), 3, 1);
    // As compendium has always left it: the marker, and a backup folder
    // (also marked) from a build interrupted after its first rename.
    let out = tmp.path.join("out");
    std::fs::create_dir_all(out.join("case-studies/gone")).expect("mkdir");
    std::fs::write(
        out.join(".compendium-output"),
        "This folder is written by compendium build; the next build replaces it.\n",
    )
    .expect("marker");
    std::fs::write(out.join("case-studies/gone/index.html"), "old page").expect("write");
    let old = tmp.path.join(".out.old");
    link_tree(&out, &old);

    let run = build_ok(&root, &out);
    assert!(out.join("index.html").is_file(), "{run}");
    assert!(!out.join("case-studies/gone").exists(), "the old page went");
    assert_eq!(names_in(&tmp.path), [".out.spare", "out", "site"], "{run}");
}

fn links_inside_an_output_are_removed_as_links_not_followed() {
    let tmp = TempDir::new("links-inside");
    let root = synthetic(&tmp.path.join("site"), 3, 1);
    let out = tmp.path.join("out");
    build_ok(&root, &out);
    let media = tmp.path.join("media");
    std::fs::create_dir_all(&media).expect("mkdir");
    std::fs::write(media.join("video.mp4"), "a video").expect("write");
    std::os::unix::fs::symlink(&media, out.join("media")).expect("symlink");
    std::os::unix::fs::symlink(media.join("video.mp4"), out.join("video.mp4")).expect("symlink");
    build_ok(&root, &out);
    assert!(
        !out.join("media").exists(),
        "the link went with the old site"
    );
    assert_eq!(
        std::fs::read_to_string(media.join("video.mp4")).expect("still there"),
        "a video"
    );
    // The previous site, links and all, is now the spare; the next build
    // reuses it, removing the links as links before it writes anything.
    let spare = tmp.path.join(".out.spare");
    assert!(
        std::fs::symlink_metadata(spare.join("media")).is_ok_and(|m| m.file_type().is_symlink()),
        "the spare is the previous site"
    );
    build_ok(&root, &out);
    for site in [&out, &spare] {
        assert!(std::fs::symlink_metadata(site.join("media")).is_err());
        assert!(std::fs::symlink_metadata(site.join("video.mp4")).is_err());
    }
    assert_eq!(
        std::fs::read_to_string(media.join("video.mp4")).expect("still there"),
        "a video"
    );
    assert_eq!(names_in(&media), ["video.mp4"]);
}

// ---------------------------------------------------- B2: builds at once

fn builds_into_one_output_at_once_all_succeed_and_leave_a_whole_site() {
    let tmp = TempDir::new("concurrent");
    let root = synthetic(&tmp.path.join("site"), 40, 3);
    let reference = tmp.path.join("reference");
    build_ok(&root, &reference);
    let whole = snapshot(&reference);
    let parent = tmp.path.join("p");
    std::fs::create_dir_all(&parent).expect("mkdir");
    let out = parent.join("out");
    for round in 1..=3 {
        let children: Vec<Child> = (0..2)
            .map(|_| {
                build_command(&root, &out)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("start a build")
            })
            .collect();
        for child in children {
            let run = Run::from(child.wait_with_output().expect("wait"));
            assert_eq!(run.code, Some(0), "round {round}:\n{run}");
        }
        assert!(
            out.join("index.html").is_file(),
            "round {round}: no home page"
        );
        assert_same_files(&whole, &snapshot(&out));
        assert_eq!(names_in(&parent), [".out.spare", "out"], "round {round}");
    }
}

fn a_second_build_waits_for_the_first_and_says_so() {
    let tmp = TempDir::new("waits");
    let root = synthetic(&tmp.path.join("site"), 3, 1);
    let parent = tmp.path.join("p");
    let out = parent.join("out");
    let first = pause_at(
        build_command(&root, &out),
        "locked",
        &tmp.path.join("hooks"),
    );

    let mut second = build_command(&root, &out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the second build");
    let (lines_tx, lines) = std::sync::mpsc::channel::<String>();
    let stderr = second.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut said = Vec::new();
    let waiting = loop {
        match lines.recv_timeout(PATIENCE) {
            Ok(line) if line.contains("waiting") => break line,
            Ok(line) => said.push(line),
            Err(e) => panic!(
                "the second build never said it was waiting ({e}); it said:\n{}\nstatus: {:?}",
                said.join("\n"),
                second.try_wait()
            ),
        }
    };
    assert!(
        waiting.contains("out") && waiting.contains(".out.lock"),
        "names the output and the lock: {waiting}"
    );
    assert!(
        second.try_wait().expect("poll").is_none(),
        "it waits rather than giving up"
    );
    assert!(
        !parent.join(".out.staging").exists(),
        "it has not started writing"
    );

    let (status, text) = first.release();
    assert!(status.success(), "the first build: {status}\n{text}");
    let status = second.wait().expect("wait");
    reader.join().expect("reader");
    let rest: Vec<String> = lines.try_iter().collect();
    assert!(
        status.success(),
        "the second build: {status}\n{}",
        rest.join("\n")
    );
    assert!(
        rest.iter().any(|l| l.starts_with("Built 3 case studies")),
        "{rest:?}"
    );
    assert!(out.join("index.html").is_file());
    assert_eq!(names_in(&parent), [".out.spare", "out"]);
}

// ------------------------------------------------- B7: kills and the swap

fn killed_between_two_renames_the_next_build_puts_the_previous_site_back() {
    let tmp = TempDir::new("between-renames");
    let old_root = synthetic(&tmp.path.join("old"), 3, 1);
    let new_root = synthetic(&tmp.path.join("new"), 4, 2);
    let bad_root = synthetic(&tmp.path.join("bad"), 4, 2);
    std::fs::write(
        bad_root.join("content/case-studies/synth-00000.md"),
        "---\ntitle: [unclosed\n---\n",
    )
    .expect("break a file");
    let parent = tmp.path.join("p");
    let out = parent.join("out");
    build_ok(&old_root, &out);
    let previous = snapshot(&out);

    // Where renameat2 cannot exchange, the swap is two renames.
    let mut cmd = build_command(&new_root, &out);
    cmd.env("COMPENDIUM_TEST_SWAP", "renames");
    pause_at(cmd, "moved-aside", &tmp.path.join("hooks")).kill();
    assert!(!out.exists(), "between the renames the output is missing");
    assert_same_files(&previous, &snapshot(&parent.join(".out.old")));

    // The next build, even one that fails, puts the previous site back first.
    let run = build(&bad_root, &out);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stderr.contains("restored"), "says so:\n{run}");
    assert!(run.stderr.contains("left as it was"), "{run}");
    assert_same_files(&previous, &snapshot(&out));
    assert_eq!(names_in(&parent), [".out.spare", "out"], "{run}");
}

fn the_swap_is_one_exchange_so_the_output_is_never_missing() {
    let tmp = TempDir::new("exchange");
    let old_root = synthetic(&tmp.path.join("old"), 3, 1);
    let new_root = synthetic(&tmp.path.join("new"), 4, 2);
    let parent = tmp.path.join("p");
    let out = parent.join("out");
    build_ok(&new_root, &tmp.path.join("reference"));
    let new = snapshot(&tmp.path.join("reference"));
    build_ok(&old_root, &out);
    let previous = snapshot(&out);

    let paused = pause_at(
        build_command(&new_root, &out),
        "exchanged",
        &tmp.path.join("hooks"),
    );
    // One system call later the new site is in place and the previous one
    // waits, whole, at the staging path to be removed.
    assert_same_files(&new, &snapshot(&out));
    assert_same_files(&previous, &snapshot(&parent.join(".out.staging")));
    paused.kill();
    assert_same_files(&new, &snapshot(&out));
    let run = build_ok(&old_root, &out);
    assert_same_files(&previous, &snapshot(&out));
    assert_eq!(names_in(&parent), [".out.spare", "out"], "{run}");
}

/// Twenty-one SIGKILLs: through a build of 2,000 case studies replacing a
/// small site (its start, the writing of its 2,500 files, the swap), then
/// through small builds replacing the 2,000-case-study site (the swap, and
/// the removal of its 5,000 files and folders), with the exchange and with
/// two renames. After each kill the output is byte for byte the previous
/// site or the whole new one, never missing (between two renames the
/// previous site is whole in `.out.old`), and the next build recovers from
/// whatever was left, succeeds, and leaves nothing beside the output.
fn killed_at_27_moments_the_output_is_always_a_whole_site() {
    let tmp = TempDir::new("kills");
    let started = Instant::now();
    let big = synthetic(&tmp.path.join("big"), 2000, 1);
    let small = synthetic(&tmp.path.join("small"), 5, 2);
    let hooks = tmp.path.join("hooks");
    let mut outcomes: Vec<(String, &str, f64)> = Vec::new();
    let mut hook_dirs = 0..;
    let mut hooks_dir = || hooks.join(hook_dirs.next().unwrap_or_default().to_string());

    // Part 1: the 2,000-case-study build over the small site, in one
    // folder: each build after a kill starts from what the kill left.
    let p1 = tmp.path.join("p1");
    let out = p1.join("out");
    build_ok(&small, &out);
    let small_site = snapshot(&out);
    let part1 = [
        "locked",
        "recovered",
        "staging-created",
        "written-1",
        "written-1200",
        "written-2400",
    ];
    for point in part1 {
        pause_at(build_command(&big, &out), point, &hooks_dir()).kill();
        let found = which(&out, &[("previous", &small_site)])
            .unwrap_or_else(|| panic!("killed at {point}: the output is not the previous site"));
        only_leftovers_beside(&p1, point);
        outcomes.push((format!("2,000 over small, {point}"), found, secs(started)));
    }
    // Stopped (not killed) once its staging folder is complete, to keep
    // what it publishes, then killed just after the exchange.
    let mut paused = pause_at(
        build_command(&big, &out),
        "before-swap,exchanged",
        &hooks_dir(),
    );
    let staging = p1.join(".out.staging");
    let big_site = snapshot(&staging);
    let pristine_big = tmp.path.join("pristine-big");
    link_tree(&staging, &pristine_big);
    assert!(
        big_site
            .keys()
            .filter(|k| k.starts_with("case-studies/"))
            .count()
            > 2000,
        "the staged site has every case study"
    );
    paused.on_to("exchanged");
    paused.kill();
    let sites = [("previous", &small_site), ("new", &big_site)];
    assert_eq!(
        which(&out, &sites),
        Some("new"),
        "killed after the exchange"
    );
    assert_eq!(which(&staging, &sites), Some("previous"));
    outcomes.push(("2,000 over small, exchanged".into(), "new", secs(started)));
    let run = build_ok(&small, &out);
    assert!(
        run.stderr.contains("interrupted"),
        "says what it cleaned up:\n{run}"
    );
    assert_same_files(&small_site, &snapshot(&out));
    assert_eq!(names_in(&p1), [".out.spare", "out"]);

    // Part 2: small builds over the 2,000-case-study site (a hard-linked
    // copy). Kills before the swap leave it in place, so they follow one
    // another in one folder; after the swap each kill gets a fresh copy and
    // is followed by a build that must clean up.
    let sites = [("previous", &big_site), ("new", &small_site)];
    let p2 = tmp.path.join("p2");
    let out = p2.join("out");
    link_tree(&pristine_big, &out);
    let before_the_swap = [
        ("exchange", "locked"),
        ("exchange", "recovered"),
        ("exchange", "staging-created"),
        ("exchange", "before-swap"),
        ("renames", "before-swap"),
        ("renames", "moved-aside"),
    ];
    for (swap, point) in before_the_swap {
        let mut cmd = build_command(&small, &out);
        if swap == "renames" {
            cmd.env("COMPENDIUM_TEST_SWAP", "renames");
        }
        pause_at(cmd, point, &hooks_dir()).kill();
        let found = match which(&out, &sites) {
            Some(found) => found,
            None if point == "moved-aside" && !out.exists() => {
                assert_eq!(
                    which(&p2.join(".out.old"), &sites),
                    Some("previous"),
                    "killed between the renames: the previous site is whole in .out.old"
                );
                "previous, in .out.old"
            }
            None => panic!("killed at {swap} {point}: the output is neither site"),
        };
        only_leftovers_beside(&p2, point);
        outcomes.push((
            format!("small over 2,000 ({swap}), {point}"),
            found,
            secs(started),
        ));
    }
    // The removals after the swap happen with `--no-spare` (otherwise the
    // previous site is kept as the spare); the build after the kill is run
    // the same way, and must leave nothing beside the output.
    let after_the_swap = [
        ("exchange", "exchanged", Spare::Kept),
        ("exchange", "removed-1", Spare::Removed),
        ("exchange", "removed-1600", Spare::Removed),
        ("exchange", "removed-3200", Spare::Removed),
        ("exchange", "removed-4900", Spare::Removed),
        ("renames", "swapped", Spare::Kept),
        ("renames", "removed-100", Spare::Removed),
        ("renames", "removed-2500", Spare::Removed),
    ];
    for (i, (swap, point, spare)) in after_the_swap.into_iter().enumerate() {
        let parent = tmp.path.join(format!("p3-{i}"));
        let out = parent.join("out");
        link_tree(&pristine_big, &out);
        let mut cmd = spare.flag(build_command(&small, &out));
        if swap == "renames" {
            cmd.env("COMPENDIUM_TEST_SWAP", "renames");
        }
        pause_at(cmd, point, &hooks_dir()).kill();
        let found = which(&out, &sites)
            .unwrap_or_else(|| panic!("killed at {swap} {point}: the output is neither site"));
        only_leftovers_beside(&parent, point);
        outcomes.push((
            format!("small over 2,000 ({swap}, {spare:?}), {point}"),
            found,
            secs(started),
        ));
        let run = Run::from(
            spare
                .flag(build_command(&small, &out))
                .output()
                .expect("run compendium"),
        );
        assert_eq!(run.code, Some(0), "build failed:\n{run}");
        assert_same_files(&small_site, &snapshot(&out));
        assert_eq!(
            names_in(&parent),
            spare.beside(),
            "after {swap} {point}, the next build leaves only its own:\n{run}"
        );
        std::fs::remove_dir_all(&parent).expect("tidy");
    }
    // The folder of the kills before the swap recovers too.
    let run = build_ok(&small, &out);
    assert_same_files(&small_site, &snapshot(&out));
    assert_eq!(names_in(&p2), [".out.spare", "out"], "{run}");

    // Part 4: a small build reusing the 2,000-case-study spare, over the
    // 2,000-case-study site: it writes the small site's files into the
    // spare and removes the rest before the swap.
    let reusing = [
        "staging-created",
        "written-50",
        "pruned-1",
        "pruned-3000",
        "before-swap",
        "exchanged",
    ];
    for (i, point) in reusing.into_iter().enumerate() {
        let parent = tmp.path.join(format!("p4-{i}"));
        let out = parent.join("out");
        link_tree(&pristine_big, &out);
        link_tree(&pristine_big, &parent.join(".out.spare"));
        pause_at(build_command(&small, &out), point, &hooks_dir()).kill();
        let found = which(&out, &sites)
            .unwrap_or_else(|| panic!("killed at {point}, reusing: the output is neither site"));
        only_leftovers_beside(&parent, point);
        outcomes.push((
            format!("small over 2,000 reusing the spare, {point}"),
            found,
            secs(started),
        ));
        let run = build_ok(&small, &out);
        assert_same_files(&small_site, &snapshot(&out));
        assert_eq!(names_in(&parent), [".out.spare", "out"], "{run}");
        std::fs::remove_dir_all(&parent).expect("tidy");
    }

    assert_eq!(outcomes.len(), 27);
    if std::env::var("COMPENDIUM_TEST_TIMES").is_ok_and(|v| v == "1") {
        eprintln!("{} kills in {:.1} s:", outcomes.len(), secs(started));
        for (what, found, at) in &outcomes {
            eprintln!("  {at:6.1} s  {what}: {found}");
        }
    }
}

/// Whether a build keeps the previous site as the spare (the default) or
/// removes it (`--no-spare`).
#[derive(Debug, Clone, Copy)]
enum Spare {
    Kept,
    Removed,
}

impl Spare {
    fn flag(self, mut cmd: Command) -> Command {
        if let Spare::Removed = self {
            cmd.arg("--no-spare");
        }
        cmd
    }

    /// What a successful build leaves in the output's parent folder.
    fn beside(self) -> &'static [&'static str] {
        match self {
            Spare::Kept => &[".out.spare", "out"],
            Spare::Removed => &["out"],
        }
    }
}

fn secs(since: Instant) -> f64 {
    since.elapsed().as_secs_f64()
}

// --------------------------------------------- a read-only parent, a full disk

/// Is this test process root? (A file it makes is owned by its user.)
fn running_as_root(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join("whoami");
    std::fs::write(&probe, "").expect("probe");
    let uid = std::fs::metadata(&probe).expect("probe").uid();
    std::fs::remove_file(&probe).expect("probe");
    uid == 0
}

fn a_read_only_parent_folder_fails_clearly_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new("read-only");
    let root = synthetic(&tmp.path.join("site"), 3, 1);
    let other = synthetic(&tmp.path.join("other"), 4, 2);
    let parent = tmp.path.join("p");
    let out = parent.join("out");
    build_ok(&root, &out);
    let before = snapshot(&out);

    // Root may write anywhere; without these capabilities it obeys the mode.
    let mut cmd = if running_as_root(&tmp.path) {
        if Command::new("setpriv").arg("--version").output().is_err() {
            crate::support::skip::skip(
                "setpriv (running as root, a read-only folder needs capabilities dropped)",
                "apt-get install util-linux",
            );
        }
        let mut cmd = Command::new("setpriv");
        cmd.args([
            "--bounding-set",
            "-dac_override,-dac_read_search,-fowner,-linux_immutable",
            "--",
        ]);
        cmd.arg(bin());
        cmd
    } else {
        Command::new(bin())
    };
    cmd.arg("build")
        .arg("--root")
        .arg(&other)
        .arg("--out")
        .arg(&out)
        .env("NO_COLOR", "1");
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let run = Run::from(cmd.output().expect("run"));
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).expect("chmod");

    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("error[io]"), "{run}");
    assert!(
        run.stderr.contains("Permission denied") && run.stderr.contains("permissions"),
        "says why and what to check:\n{run}"
    );
    assert!(
        run.stderr.contains(&parent.display().to_string()),
        "names the folder:\n{run}"
    );
    assert!(run.stderr.contains("left as it was"), "{run}");
    assert_same_files(&before, &snapshot(&out));
    assert_eq!(names_in(&parent), ["out"]);
}

/// No small filesystem can be mounted without root, so a full disk is
/// played by a file-size limit: the write of the home page (45 kB) fails
/// with EFBIG part way through the build, the same path as ENOSPC.
fn a_write_failing_part_way_leaves_the_previous_site() {
    let tmp = TempDir::new("write-fails");
    let root = synthetic(&tmp.path.join("site"), 5, 2);
    let other = synthetic(&tmp.path.join("other"), 4, 3);
    let parent = tmp.path.join("p");
    let out = parent.join("out");
    build_ok(&root, &out);
    let before = snapshot(&out);

    // 40 blocks is 20 kB in dash and 40 kB in bash: the home page is
    // larger, every other file of this site smaller. SIGXFSZ is ignored so
    // that the write fails instead of killing the build.
    let run = Run::from(
        Command::new("sh")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 40; exec \"$0\" \"$@\"")
            .arg(bin())
            .arg("build")
            .arg("--root")
            .arg(&other)
            .arg("--out")
            .arg(&out)
            .env("NO_COLOR", "1")
            .output()
            .expect("run"),
    );
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr.contains("error[io]") && run.stderr.contains("index.html"),
        "{run}"
    );
    assert!(run.stderr.contains("left as it was"), "{run}");
    assert_same_files(&before, &snapshot(&out));
    assert_eq!(names_in(&parent), ["out"]);
}

// ------------------------------------------------ B4: reusing the spare

/// Every folder under `dir`, as paths relative to it.
fn folders(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(at) = todo.pop() {
        for entry in std::fs::read_dir(&at).expect("list") {
            let entry = entry.expect("entry");
            if entry.file_type().expect("type").is_dir() {
                let path = entry.path();
                let rel = path.strip_prefix(dir).expect("below");
                found.push(rel.to_string_lossy().into_owned());
                todo.push(path);
            }
        }
    }
    found.sort();
    found
}

fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path).expect("stat").ino()
}

/// Builds that reuse the site before last publish exactly what a build
/// into an empty folder does (every file, no file or folder more), leave
/// the files that did not change alone, and never write into a file (so
/// a hard-linked backup keeps its bytes).
fn a_build_reusing_the_spare_publishes_exactly_what_a_fresh_build_does() {
    let tmp = TempDir::new("reuse");
    let sites = [
        synthetic(&tmp.path.join("a"), 30, 1),
        synthetic(&tmp.path.join("b"), 12, 2),
        synthetic(&tmp.path.join("c"), 45, 3),
    ];
    let parent = tmp.path.join("p");
    let out = parent.join("out");
    let backup = tmp.path.join("backup");
    // a, b, a, c, b, a: each build after the second reuses a spare.
    let order = [0, 1, 0, 2, 1, 0];
    let mut first_home = 0;
    let mut first = Files::new();
    for (step, &k) in order.iter().enumerate() {
        build_ok(&sites[k], &out);
        let fresh = tmp.path.join(format!("fresh-{step}"));
        build_ok(&sites[k], &fresh);
        assert_same_files(&snapshot(&fresh), &snapshot(&out));
        assert_eq!(folders(&fresh), folders(&out), "after build {step}");
        if step == 0 {
            first_home = inode(&out.join("index.html"));
            link_tree(&out, &backup);
            first = snapshot(&backup);
        }
        if step == 2 {
            // Build 2 reused build 0's folder, and site a's home page is
            // the same: the very same file is in the output.
            assert_eq!(inode(&out.join("index.html")), first_home);
        }
        std::fs::remove_dir_all(&fresh).expect("tidy");
    }
    // Every reuse replaced changed files instead of writing into them.
    assert_same_files(&first, &snapshot(&backup));
    assert_eq!(names_in(&parent), [".out.spare", "out"]);

    // --no-spare: the previous site and the spare are removed.
    let run = Run::from(
        build_command(&sites[1], &out)
            .arg("--no-spare")
            .output()
            .expect("run compendium"),
    );
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(names_in(&parent), ["out"], "{run}");
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        a_symlinked_output_is_refused_and_what_it_points_to_is_left_alone,
        links_where_the_staging_backup_or_lock_would_be_are_never_followed,
        folders_beside_the_output_that_are_not_compendiums_are_never_removed,
        an_output_written_by_an_earlier_compendium_is_still_replaced,
        links_inside_an_output_are_removed_as_links_not_followed,
        builds_into_one_output_at_once_all_succeed_and_leave_a_whole_site,
        a_second_build_waits_for_the_first_and_says_so,
        killed_between_two_renames_the_next_build_puts_the_previous_site_back,
        the_swap_is_one_exchange_so_the_output_is_never_missing,
        killed_at_27_moments_the_output_is_always_a_whole_site,
        a_read_only_parent_folder_fails_clearly_and_changes_nothing,
        a_write_failing_part_way_leaves_the_previous_site,
        a_build_reusing_the_spare_publishes_exactly_what_a_fresh_build_does,
    ]
}
