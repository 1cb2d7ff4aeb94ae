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
