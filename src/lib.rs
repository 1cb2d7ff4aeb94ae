//! claimex: numeric claims out of news articles.
#![deny(missing_docs)]

pub mod document;
pub mod error;
pub mod eval;
pub mod gazetteer;
pub mod quantity;
pub mod segment;
pub mod span;
pub mod time;
pub mod words;
