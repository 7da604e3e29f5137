//! Loud skips. A test that needs a tool calls [`skip`] when it is missing;
//! the runner then reports the test as ignored with the reason (or, with
//! `CI=true`, as failed), and [`report`] lists every skipped test after the
//! run with how to install what it needed.
//!
//! [`skip_optional`] is the one exception, for a tool that CI deliberately
//! does not have: the test is reported as ignored with the reason and listed
//! after the run all the same, but it is never a failure, in CI either. It is
//! used only by `docker::image_builds_and_runs_the_bundled_content`, since
//! `.ci/run` installs no Docker engine (a daemon, not a package a test can
//! use). Everything else uses [`skip`].

use libtest_mimic::{Completion, Failed};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Mutex;

/// Why a test could not run: the missing tool and how to install it.
#[derive(Debug, Clone)]
pub struct Skip {
    pub missing: String,
    pub install: String,
    /// From [`skip_optional`]: not a failure in CI.
    pub optional: bool,
}

/// Whether this is CI, where every test must run.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Ends the current test as skipped. It unwinds with a [`Skip`] payload
/// rather than panicking, so that no panic message is printed for it.
pub fn skip(missing: impl Into<String>, install: impl Into<String>) -> ! {
    resume_unwind(Box::new(Skip {
        missing: missing.into(),
        install: install.into(),
        optional: false,
    }))
}

/// Like [`skip`], but never a failure, in CI either: for a tool CI is known
/// not to have (see the module's documentation for the one user).
pub fn skip_optional(missing: impl Into<String>, install: impl Into<String>) -> ! {
    resume_unwind(Box::new(Skip {
        missing: missing.into(),
        install: install.into(),
        optional: true,
    }))
}

static SKIPPED: Mutex<Vec<Skip>> = Mutex::new(Vec::new());

/// Runs a test body: passed, failed (a panic), or skipped (see [`skip`]).
/// `COMPENDIUM_TEST_TIMES=1` prints how long each test took, to find where
/// the suite's time goes (the runner itself does not say).
pub fn run(name: &str, body: fn()) -> Result<Completion, Failed> {
    let started = std::time::Instant::now();
    let result = catch_unwind(AssertUnwindSafe(body));
    if std::env::var("COMPENDIUM_TEST_TIMES").is_ok_and(|v| v == "1") {
        eprintln!("time: {name}: {:.2} s", started.elapsed().as_secs_f64());
    }
    let payload = match result {
        Ok(()) => return Ok(Completion::Completed),
        Err(payload) => payload,
    };
    match payload.downcast::<Skip>() {
        Ok(skip) => {
            let reason = format!("{} not found (install: {})", skip.missing, skip.install);
            let optional = skip.optional;
            SKIPPED
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(*skip);
            if in_ci() && !optional {
                Err(format!("CI=true and {reason}: in CI every test must run").into())
            } else {
                Ok(Completion::ignored_with(reason))
            }
        }
        Err(payload) => Err(panic_message(payload.as_ref()).into()),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "the test panicked".to_owned()
    }
}

/// Prints what was skipped, one line per missing tool, and returns how many
/// tests were skipped by [`skip`] (the optional ones are listed, marked, but
/// not counted: they never fail a run).
pub fn report() -> usize {
    let skipped = SKIPPED.lock().unwrap_or_else(|p| p.into_inner());
    if skipped.is_empty() {
        return 0;
    }
    let mut by_tool: std::collections::BTreeMap<(&str, &str, bool), usize> = Default::default();
    for s in skipped.iter() {
        *by_tool
            .entry((s.missing.as_str(), s.install.as_str(), s.optional))
            .or_default() += 1;
    }
    println!(
        "\nSkipped {} test{}:",
        skipped.len(),
        if skipped.len() == 1 { "" } else { "s" }
    );
    for ((missing, install, optional), n) in by_tool {
        let optional = if optional {
            " [optional: never a failure, in CI either]"
        } else {
            ""
        };
        println!("  {n} × {missing} not found (install: {install}){optional}");
    }
    let required = skipped.iter().filter(|s| !s.optional).count();
    if in_ci() && required > 0 {
        println!("CI=true: these count as failures (the optional ones excepted).");
    }
    required
}
