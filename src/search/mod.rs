//! Search: tantivy builds the index at build time ([`index`]), the exporter
//! writes a compact static copy for the browser ([`export`]), and [`query`]
//! answers from tantivy on the command line with the same plan and scoring
//! the browser engine uses; [`passage`] chooses what each result shows,
//! [`spelling`] suggests words and [`positions`] exports what phrases need.
//! [`related`] reads the index once more for each case study's related
//! case studies, which its page shows; [`term_ranges`] cuts the index's
//! terms into runs that the exporters read one at a time.

pub mod export;
pub mod index;
pub mod passage;
pub mod positions;
pub mod query;
pub mod related;
pub mod schema;
pub mod shard;
pub mod spelling;
pub mod term_ranges;
