//! Stage 1: sentences and tokens.
//!
//! Input: the document text. Output: [`Segments`], an arena of [`Token`]s and [`Sentence`]s
//! that hold byte spans into the text (never copies). Sentence boundaries come from
//! [`sentences::split`]; a line break always ends a sentence, so headlines and bylines without
//! a full stop stand alone. Words come from Unicode word boundaries (UAX #29).

pub mod sentences;
pub mod tokens;

use crate::lexicon::Lexicon;
use crate::span::Span;
use std::ops::Range;

pub use crate::lexicon::{WordClass, WordClasses};
pub use tokens::{Token, TokenKind, Words};

/// One sentence: its span and the range of its tokens in [`Segments::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes of the sentence, trimmed of surrounding white space.
    pub span: Span,
    /// Indices into [`Segments::tokens`].
    pub tokens: Range<usize>,
    /// Which paragraph (run of text between line breaks) holds the sentence, from 0.
    pub paragraph: usize,
}

/// Sentences and tokens of one document.
#[derive(Debug, Clone, Default)]
pub struct Segments {
    /// Every non-space token of the document, in order.
    pub tokens: Vec<Token>,
    /// Every sentence, in order.
    pub sentences: Vec<Sentence>,
}

impl Segments {
    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        &self.tokens[self.sentences[i].tokens.clone()]
    }
}

/// Split `text` into paragraphs, sentences and tokens.
///
/// ```
/// let text = "U.S. officials said 2,500 troops stay.\nHeadline with no stop";
/// let seg = claimex::segment::split(text, claimex::lexicon::Lexicon::english());
/// let sentences: Vec<&str> = seg.sentences.iter().map(|s| s.span.slice(text)).collect();
/// assert_eq!(sentences, ["U.S. officials said 2,500 troops stay.", "Headline with no stop"]);
/// assert_eq!(seg.sentences[1].paragraph, 1);
/// ```
pub fn split(text: &str, lex: &Lexicon) -> Segments {
    let mut segments = Segments::default();
    let mut offset = 0;
    let (mut cuts, mut spans) = (Vec::new(), Vec::new());
    // News runs five to six bytes a token: reserve once rather than grow and copy.
    segments.tokens.reserve(text.len() / 5);
    let bytes = text.as_bytes();
    let mut paragraph = 0;
    while offset < bytes.len() {
        // Lines end after each '\n' (as `split_inclusive`), found with a vectorised search.
        let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |k| offset + k + 1);
        let line = &text[offset..end];
        spans.clear();
        sentences::split_into(line, lex, &mut cuts, &mut spans);
        for span in &spans {
            let span = Span::new(offset + span.start, offset + span.end);
            let first = segments.tokens.len();
            tokens::push_tokens(text, span, &mut segments.tokens);
            let last = segments.tokens.len();
            // While the sentence's bytes are still in cache.
            tokens::classify(text, &mut segments.tokens[first..last], lex);
            if last > first {
                segments.sentences.push(Sentence { span, tokens: first..last, paragraph });
            }
        }
        offset = end;
        paragraph += 1;
    }
    segments
}
