//! Search: tantivy builds the index at build time ([`index`]), the exporter
//! writes a compact static copy for the browser ([`export`]), and [`query`]
//! answers from tantivy on the command line with the same plan and scoring
//! the browser engine uses; [`passage`] chooses what each result shows.

pub mod export;
pub mod index;
pub mod passage;
pub mod positions;
pub mod query;
pub mod schema;
pub mod shard;
pub mod spelling;
