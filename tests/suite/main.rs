//! The integration tests: one crate, so one build and one link for all of
//! them, and one process in which the bundled site is built once and one
//! Chromium session serves every browser test.
//!
//! Each module is a former file of `tests/`; its tests are named
//! `module::test`, so `cargo test --test suite serve::` runs one module.
//! The runner is libtest-mimic (`harness = false` in Cargo.toml), for one
//! reason: a test whose tool (Node, Chromium, the Nu HTML Checker) is missing
//! is reported as *ignored* with the reason, counted, and listed again after
//! the run with how to install the tool. With `CI=true` it fails instead.

mod support;

mod accessibility;
mod build;
mod ci;
mod cli;
mod content;
mod corpus;
mod data;
mod docker;
mod fuzz_smoke;
mod html_validity;
// The dev server's modules need the `serve` feature (on by default); a build
// with --no-default-features compiles the suite without them.
#[cfg(feature = "serve")]
mod incremental;
mod map_and_charts;
mod money;
mod output_safety;
mod pages;
mod recipes;
mod related;
mod search_browser;
mod search_parity;
mod search_quality;
#[cfg(feature = "serve")]
mod serve;
#[cfg(feature = "serve")]
mod serve_load;
mod site_files;
mod validation;

use libtest_mimic::{Arguments, Trial};
use std::process::ExitCode;

/// One test of a module: its name and its body. A body fails by panicking,
/// like a `#[test]` function.
pub type Test = (&'static str, fn());

/// A module's name and the list of its tests.
type Module = (&'static str, fn() -> Vec<Test>);

/// The list of a module's tests, from their function names.
#[macro_export]
macro_rules! tests {
    ($($name:ident),* $(,)?) => {
        vec![$((stringify!($name), $name as fn())),*]
    };
}

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let modules: &[Module] = &[
        ("accessibility", accessibility::tests),
        ("build", build::tests),
        ("ci", ci::tests),
        ("cli", cli::tests),
        ("content", content::tests),
        ("corpus", corpus::tests),
        ("data", data::tests),
        ("docker", docker::tests),
        ("html_validity", html_validity::tests),
        #[cfg(feature = "serve")]
        ("incremental", incremental::tests),
        ("map_and_charts", map_and_charts::tests),
        ("money", money::tests),
        ("output_safety", output_safety::tests),
        ("pages", pages::tests),
        ("recipes", recipes::tests),
        ("related", related::tests),
        ("search_browser", search_browser::tests),
        ("search_parity", search_parity::tests),
        ("search_quality", search_quality::tests),
        ("fuzz_smoke", fuzz_smoke::tests),
        #[cfg(feature = "serve")]
        ("serve", serve::tests),
        #[cfg(feature = "serve")]
        ("serve_load", serve_load::tests),
        ("site_files", site_files::tests),
        ("validation", validation::tests),
    ];
    let trials: Vec<Trial> = modules
        .iter()
        .flat_map(|(module, tests)| {
            tests().into_iter().map(move |(name, body)| {
                let full = format!("{module}::{name}");
                Trial::ignorable_test(full.clone(), move || support::skip::run(&full, body))
            })
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    // What lives for the whole run (the shared browser, the shared build)
    // is never dropped: end it here.
    support::browser::shutdown();
    support::temp::remove_run_folder();
    let skipped = support::skip::report();
    if conclusion.has_failed() {
        conclusion.exit_code()
    } else if skipped > 0 && support::skip::in_ci() {
        // Already failed one by one; this is the belt to those braces.
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
