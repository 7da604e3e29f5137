//! What the test modules share.

pub mod browser;
pub mod bundled_site;
pub mod common;
pub mod html;
pub mod node;
pub mod skip;
pub mod temp;
