//! claimex: numeric claims out of news articles.
#![deny(missing_docs)]

pub mod eval;
pub mod segment;
pub mod span;
