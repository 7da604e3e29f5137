//! compendium: a static-site generator for a searchable compendium of
//! shared-services case studies.
//!
//! The module tree mirrors the pipeline: [`content`] (load, parse, validate)
//! → [`model`] → [`render`] → [`output`], driven by [`pipeline`]. The
//! [`diagnostics`] type is shared by every stage and every command.

pub mod changed;
pub mod content;
pub mod diagnostics;
pub mod incremental;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod timings;
