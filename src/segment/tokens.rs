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
///
/// White space always separates words under UAX #29, so the text is read one
/// white-space-delimited chunk at a time. Chunks of ASCII and the common news punctuation
/// (’ “ ” ‘ — – …) go through [`fast_tokens`], which applies the UAX #29 rules for those
/// characters directly and is several times faster; chunks with any other character go
/// through `unicode-segmentation`. A property test checks that both agree.
pub fn push_tokens(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = span.slice(text);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            ascii &= bytes[i].is_ascii();
            i += 1;
        }
        let chunk = &s[start..i];
        let offset = span.start + start;
        if ascii || chunk.chars().all(|c| c.is_ascii() || fast_class(c).is_some()) {
            fast_tokens(chunk, offset, out);
        } else {
            unicode_tokens(chunk, offset, out);
        }
    }
}

fn kind_of(word: &str) -> Option<TokenKind> {
    let first = word.chars().next()?;
    Some(if first.is_whitespace() {
        return None;
    } else if first.is_ascii_digit() {
        TokenKind::Number
    } else if word.chars().any(char::is_alphabetic) {
        TokenKind::Word
    } else {
        TokenKind::Punct
    })
}

fn unicode_tokens(chunk: &str, offset: usize, out: &mut Vec<Token>) {
    for (i, word) in chunk.split_word_bound_indices() {
        if let Some(kind) = kind_of(word) {
            let start = offset + i;
            out.push(Token { span: Span::new(start, start + word.len()), kind });
        }
    }
}

/// UAX #29 word-break classes of the characters the fast path reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Numeric,
    ExtendNumLet,
    /// `:` (MidLetter)
    MidLetter,
    /// `.`, `'`, `‘` and `’` (MidNumLet, Single_Quote)
    MidNumLet,
    /// `,` and `;` (MidNum)
    MidNum,
    /// Everything else: a token of its own.
    Other,
}

/// The class of every ASCII byte.
const ASCII_CLASS: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = match c {
            b'A'..=b'Z' | b'a'..=b'z' => Class::Letter,
            b'0'..=b'9' => Class::Numeric,
            b'_' => Class::ExtendNumLet,
            b':' => Class::MidLetter,
            b'.' | b'\'' => Class::MidNumLet,
            b',' | b';' => Class::MidNum,
            _ => Class::Other,
        };
        b += 1;
    }
    table
};

/// The class of the non-ASCII characters the fast path accepts.
fn fast_class(c: char) -> Option<Class> {
    match c {
        '’' | '‘' => Some(Class::MidNumLet),
        '“' | '”' | '—' | '–' | '…' => Some(Class::Other),
        _ => None,
    }
}

fn word_like(c: Class) -> bool {
    matches!(c, Class::Letter | Class::Numeric | Class::ExtendNumLet)
}

/// Tokens of a chunk with no white space, by the UAX #29 rules that apply to its characters:
/// letters, digits and `_` join (WB5, WB8-WB10, WB13a/b); a letter, `:`/`.`/`'`/`’`, letter
/// joins (WB6/7: "U.S", "IS’s"); a digit, `,`/`;`/`.`/`'`, digit joins (WB11/12: "2,500").
/// Every other character is a token of its own.
fn fast_tokens(chunk: &str, offset: usize, out: &mut Vec<Token>) {
    if chunk.is_ascii() {
        // One byte per character: classes by table, no allocation.
        let b = chunk.as_bytes();
        let at = |k: usize| b.get(k).map_or(Class::Other, |&c| ASCII_CLASS[usize::from(c)]);
        join_runs(chunk, offset, at, |k| k.min(chunk.len()), b.len(), out);
    } else {
        let classes: Vec<(Class, usize)> = chunk
            .char_indices()
            .map(|(i, c)| {
                (if c.is_ascii() { ASCII_CLASS[c as usize] } else { fast_class(c).unwrap_or(Class::Other) }, i)
            })
            .collect();
        let at = |k: usize| classes.get(k).map_or(Class::Other, |c| c.0);
        let byte = |k: usize| classes.get(k).map_or(chunk.len(), |c| c.1);
        join_runs(chunk, offset, at, byte, classes.len(), out);
    }
}

/// The UAX #29 joining rules over characters `0..n`, with `at(k)` the class of character `k`
/// and `byte(k)` its byte offset in `chunk`.
fn join_runs(
    chunk: &str,
    offset: usize,
    at: impl Fn(usize) -> Class,
    byte: impl Fn(usize) -> usize,
    n: usize,
    out: &mut Vec<Token>,
) {
    let mut i = 0;
    while i < n {
        let start = i;
        let first = at(i);
        if word_like(first) {
            loop {
                let (here, next, after) = (at(i), at(i + 1), at(i + 2));
                if word_like(next) {
                    i += 1;
                } else if (here == Class::Letter
                    && matches!(next, Class::MidLetter | Class::MidNumLet)
                    && after == Class::Letter)
                    || (here == Class::Numeric
                        && matches!(next, Class::MidNum | Class::MidNumLet)
                        && after == Class::Numeric)
                {
                    i += 2;
                } else {
                    break;
                }
            }
        }
        i += 1;
        let (a, b) = (byte(start), byte(i));
        let word = &chunk[a..b];
        let kind = match first {
            Class::Numeric => TokenKind::Number,
            Class::Letter => TokenKind::Word,
            _ if word.bytes().any(|c| c.is_ascii_alphabetic()) => TokenKind::Word,
            _ => TokenKind::Punct,
        };
        out.push(Token { span: Span::new(offset + a, offset + b), kind });
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
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn tokens_fast_path_equals_uax29(text in "[ -~’“”‘—–…]{0,80}") {
            let mut fast = Vec::new();
            push_tokens(&text, Span::new(0, text.len()), &mut fast);
            let mut reference = Vec::new();
            unicode_tokens(&text, 0, &mut reference);
            prop_assert_eq!(fast, reference);
        }
    }

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
