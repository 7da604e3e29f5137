//! compendium: a static-site generator for a searchable compendium of
//! shared-services case studies.
//!
//! The module tree mirrors the pipeline: [`content`] (load, parse, validate)
//! → [`model`] → [`render`] → [`output`], driven by [`pipeline`]. The
//! [`diagnostics`] type is shared by every stage and every command.

pub mod changed;
pub mod content;
pub mod diagnostics;
pub mod edit_distance;
pub mod incremental;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod search;
// The dev server, and the only user of axum, hyper, notify and tokio: a
// build for CI (`--no-default-features`) leaves it out.
#[cfg(feature = "serve")]
pub mod serve;
pub mod timings;
