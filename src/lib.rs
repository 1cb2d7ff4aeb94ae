//! # claimex: numeric claims out of news articles
//!
//! Every number an article states about the world becomes a structured, sourced assertion:
//! value, qualifier, unit, subject, places, time and source, with exact offsets.
//!
//! The pipeline, one stage per module, typed data between them:
//!
//! ```text
//! document → segment (sentences, tokens) → gazetteer (entity mentions) → time
//!          → quantity → attribution → claim → record (JSONL)
//! ```
//!
//! ```
//! use claimex::{gazetteer::Gazetteer, Pipeline};
//! let pipeline = Pipeline::new(Gazetteer::bundled().unwrap());
//! let text = "U.S. military officials estimated last July that there were about 2,500 IS fighters.";
//! let x = pipeline.extract(text);
//! let q = &x.quantities[x.claims[0].quantity];
//! assert_eq!((q.span.slice(text), q.value), ("about 2,500", Some(2500.0)));
//! let source = &x.attributions[x.claims[0].attribution.unwrap()];
//! assert_eq!(source.source.slice(text), "U.S. military officials");
//! ```
#![deny(missing_docs)]

pub mod assertion;
pub mod attribution;
pub mod batch;
pub mod claim;
pub mod document;
pub mod error;
pub mod eval;
pub mod gazetteer;
pub mod incremental;
pub mod input;
pub mod lexicon;
pub mod quantity;
pub mod record;
#[cfg(feature = "review")]
pub mod review;
pub mod rules;
pub mod segment;
pub mod span;
pub mod time;
pub mod timenorm;
pub mod util;

use attribution::Attribution;
use claim::Claim;
use gazetteer::{EntityMention, Gazetteer};
use lexicon::Lexicon;
use quantity::Quantity;
use segment::Segments;
use std::sync::Arc;
use time::TimeExpression;

/// The compiled pipeline: build once, share across threads.
#[derive(Debug, Clone)]
pub struct Pipeline {
    gazetteer: Gazetteer,
    lexicon: Arc<Lexicon>,
}

/// Everything the stages found in one text; later stages index into earlier ones.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Sentences and tokens.
    pub segments: Segments,
    /// Gazetteer entity mentions.
    pub mentions: Vec<EntityMention>,
    /// Names no gazetteer lists ("Home Depot" when no gazetteer has it).
    pub names: Vec<gazetteer::NameMention>,
    /// Time expressions.
    pub times: Vec<TimeExpression>,
    /// Quantities that make claims.
    pub quantities: Vec<Quantity>,
    /// Who says what.
    pub attributions: Vec<Attribution>,
    /// One claim per quantity.
    pub claims: Vec<Claim>,
}

impl Pipeline {
    /// A pipeline over these gazetteers, reading English through the embedded lexicon.
    pub fn new(gazetteer: Gazetteer) -> Pipeline {
        Pipeline::with_lexicon(gazetteer, Lexicon::english().clone())
    }

    /// A pipeline over these gazetteers and this lexicon (`Lexicon::load` reads a folder).
    pub fn with_lexicon(gazetteer: Gazetteer, lexicon: Arc<Lexicon>) -> Pipeline {
        Pipeline { gazetteer, lexicon }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The gazetteers in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The people `text` introduces by a title or role whom no gazetteer lists ("Interior
    /// Minister Karim Haddad"): the stage after the gazetteer that only `claimex entities`
    /// runs, since claims do not need it.
    pub fn find_people(&self, text: &str, x: &Extraction) -> Vec<gazetteer::PersonMention> {
        gazetteer::find_unlisted_people(text, &x.segments, &x.mentions, &self.lexicon)
    }

    /// Run every stage over `text`. Never fails: any text yields an extraction.
    pub fn extract(&self, text: &str) -> Extraction {
        let lex = &*self.lexicon;
        let segments = segment::split(text, lex);
        let mut mentions = self.gazetteer.find(text, &segments);
        let names = gazetteer::find_unlisted_names(text, &segments, &mut mentions, &self.gazetteer, lex);
        let times = time::find(text, &segments, lex);
        let quantities = quantity::find(text, &segments, &mentions, &times, lex);
        let attributions = attribution::find(text, &segments, &mentions, &quantities, &self.gazetteer, lex);
        let claims = claim::assemble(claim::Parts {
            text,
            segments: &segments,
            mentions: &mentions,
            names: &names,
            times: &times,
            quantities: &quantities,
            attributions: &attributions,
            gazetteer: &self.gazetteer,
            lex,
        });
        Extraction { segments, mentions, names, times, quantities, attributions, claims }
    }
}
