//! Word tokens by Unicode word boundaries (UAX #29, via `unicode-segmentation`).
//!
//! UAX #29 keeps "2,500", "1,500.5", "80K" and "U.S" (without the final stop) whole, and
//! splits "1,500–3,000" at the dash, which is what the quantity stage wants.

use crate::span::Span;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a digit: "2,500", "80K", "2.3bn".
    Number,
    /// Holds a letter: "fighters", "IS’s", "U.S".
    Word,
    /// Anything else that is not white space: ",", "“", "–", "$", "%".
    Punct,
}

/// One token: a byte span of the document and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Bytes of the token in the document.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

/// Append the tokens of `text[span]` to `out`.
pub fn push_tokens(text: &str, span: Span, out: &mut Vec<Token>) {
    for (i, word) in span.slice(text).split_word_bound_indices() {
        let Some(first) = word.chars().next() else { continue };
        if first.is_whitespace() {
            continue;
        }
        let kind = if first.is_ascii_digit() {
            TokenKind::Number
        } else if word.chars().any(char::is_alphabetic) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let start = span.start + i;
        out.push(Token { span: Span::new(start, start + word.len()), kind });
    }
}

/// The tokens of a whole string, for tests and tools.
///
/// ```
/// use claimex::segment::tokens::tokenize;
/// let text = "about 1,500–3,000 IS’s fighters";
/// let words: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["about", "1,500", "–", "3,000", "IS’s", "fighters"]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    push_tokens(text, Span::new(0, text.len()), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_kinds_and_spans() {
        let text = "US$2bn, 40% of 80K “fighters”";
        let toks = tokenize(text);
        let got: Vec<(&str, TokenKind)> = toks.iter().map(|t| (t.text(text), t.kind)).collect();
        use TokenKind::*;
        assert_eq!(
            got,
            [
                ("US", Word),
                ("$", Punct),
                ("2bn", Number),
                (",", Punct),
                ("40", Number),
                ("%", Punct),
                ("of", Word),
                ("80K", Number),
                ("“", Punct),
                ("fighters", Word),
                ("”", Punct)
            ]
        );
    }
}

/// A run of tokens together with the text they index: the view every stage reads a
/// sentence through. Indices are positions in `tokens`; out-of-range reads give "".
#[derive(Debug, Clone, Copy)]
pub struct Words<'t> {
    /// The document text.
    pub text: &'t str,
    /// The tokens (usually one sentence's).
    pub tokens: &'t [Token],
}

impl<'t> Words<'t> {
    /// A view of `tokens` over `text`.
    pub fn new(text: &'t str, tokens: &'t [Token]) -> Words<'t> {
        Words { text, tokens }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The text of token `i`, or "" past either end.
    pub fn get(&self, i: usize) -> &'t str {
        self.tokens.get(i).map_or("", |t| t.span.slice(self.text))
    }

    /// True when token `i` is `word`, ignoring ASCII case.
    pub fn is(&self, i: usize, word: &str) -> bool {
        self.get(i).eq_ignore_ascii_case(word)
    }

    /// True when tokens from `i` on spell `phrase` (space-separated words), ignoring case.
    pub fn is_seq(&self, i: usize, phrase: &str) -> bool {
        phrase.split(' ').enumerate().all(|(k, w)| self.is(i + k, w))
    }

    /// The kind of token `i`.
    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// True when token `i` is a word that starts with an upper-case letter.
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word) && self.get(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The text between tokens `i - 1` and `i` (white space, usually); "" at the edges.
    pub fn gap_before(&self, i: usize) -> &'t str {
        if i == 0 || i >= self.tokens.len() {
            return "";
        }
        &self.text[self.tokens[i - 1].span.end..self.tokens[i].span.start]
    }

    /// True when token `i` touches the token before it (no space between).
    pub fn joined(&self, i: usize) -> bool {
        i > 0 && i < self.tokens.len() && self.gap_before(i).is_empty()
    }

    /// The span from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.tokens[a].span.start, self.tokens[b - 1].span.end)
    }

    /// The index of the token that starts at or after byte `at`.
    pub fn index_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < at)
    }
}
