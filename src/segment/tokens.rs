//! Word tokens by Unicode word boundaries (UAX #29, via `unicode-segmentation`).
//!
//! UAX #29 keeps "2,500", "1,500.5", "80K" and "U.S" (without the final stop) whole, and
//! splits "1,500–3,000" at the dash, which is what the quantity stage wants.

use crate::lexicon::{Lexicon, WordClass, WordClasses, WordMap};
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

/// One token: a byte span of the document, its kind and its word classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Bytes of the token in the document.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
    /// The classed lexicon lists its text is in, filled by [`classify`] (segmentation does).
    pub classes: WordClasses,
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
        // Optimistic: most chunks hold only fast characters, so tokenize them in one pass and
        // redo the chunk the slow way in the rare case a character outside the table turns up.
        let mark = out.len();
        match fast_tokens(bytes, i, span.start, out) {
            Some(end) => i = end,
            None => {
                out.truncate(mark);
                let end = bytes[i..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |p| i + p);
                unicode_tokens(&s[i..end], span.start + i, out);
                i = end;
            }
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
            out.push(Token { span: Span::new(start, start + word.len()), kind, classes: WordClasses::NONE });
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
    /// A character the fast path does not know: the chunk goes to `unicode-segmentation`.
    Unknown,
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

/// The class and UTF-8 length of the character at byte `k` of `b` (a char boundary). Past
/// the end it is `Other`, like the white space that ends a chunk. The non-ASCII characters the
/// fast path accepts (’ ‘ “ ” — – …) are all three bytes, E2 80 xx.
#[inline]
fn class_at(b: &[u8], k: usize) -> (Class, usize) {
    match b.get(k) {
        None => (Class::Other, 0),
        Some(&c) if c.is_ascii() => (ASCII_CLASS[usize::from(c)], 1),
        Some(_) => match b.get(k..k + 3) {
            // ‘ ’
            Some([0xE2, 0x80, 0x98 | 0x99]) => (Class::MidNumLet, 3),
            // – — “ ” …
            Some([0xE2, 0x80, 0x93 | 0x94 | 0x9C | 0x9D | 0xA6]) => (Class::Other, 3),
            _ => (Class::Unknown, 0),
        },
    }
}

/// ASCII letters, digits and `_`: the word-like bytes, which always join one another.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = matches!(ASCII_CLASS[b], Class::Letter | Class::Numeric | Class::ExtendNumLet);
        b += 1;
    }
    table
};

/// The end of the run of word-like bytes from `i`. Eight bytes at a time: word lengths
/// vary, and a loop over bytes mispredicts its exit at nearly every word.
fn word_run_end(b: &[u8], mut i: usize) -> usize {
    while let Some(eight) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let others = !word_bytes(u64::from_le_bytes(*eight)) & HIGH_BITS;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && WORD_BYTE[usize::from(b[i])] {
        i += 1;
    }
    i
}

pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// `byte` in each of the eight bytes of a word.
const fn splat(byte: u8) -> u64 {
    0x0101_0101_0101_0101 * byte as u64
}

/// The high bit of each byte of `v` (bytes below 0x80) that lies in `lo..=hi` (`lo` > 0):
/// adding `0x80 - lo` sets it when the byte is at least `lo`, adding `0x7F - hi` when it is
/// above `hi`, and no byte carries into the next.
fn bytes_in(v: u64, lo: u8, hi: u8) -> u64 {
    v.wrapping_add(splat(0x80 - lo)) & !v.wrapping_add(splat(0x7F - hi)) & HIGH_BITS
}

/// The high bit of each byte of `x` that is word-like ([`WORD_BYTE`]).
fn word_bytes(x: u64) -> u64 {
    let underscores = bytes_in(x & !HIGH_BITS, b'_', b'_') & !x;
    alphanumeric_bytes(x) | underscores
}

/// The high bit of each byte of `x` (eight bytes of text, first in the low byte) that is an
/// ASCII letter or digit.
pub(crate) fn alphanumeric_bytes(x: u64) -> u64 {
    let v = x & !HIGH_BITS;
    // `| 0x20` folds upper case to lower, and moves no other ASCII byte into a..z.
    let letters = bytes_in(v | splat(0x20), b'a', b'z');
    let digits = bytes_in(v, b'0', b'9');
    (letters | digits) & !x
}

/// Tokens of the chunk of `b` that starts at `start` and runs to the next ASCII white space,
/// by the UAX #29 rules that apply to its characters: letters, digits and `_` join (WB5,
/// WB8-WB10, WB13a/b); a letter, `:`/`.`/`'`/`’`, letter joins (WB6/7: "U.S", "IS’s"); a digit,
/// `,`/`;`/`.`/`'`, digit joins (WB11/12: "2,500"). Every other character is a token of its own.
/// Returns where the chunk ends, or `None` (with some tokens already pushed) when the chunk
/// holds a character these rules do not cover.
fn fast_tokens(b: &[u8], start: usize, offset: usize, out: &mut Vec<Token>) -> Option<usize> {
    let mut i = start;
    while i < b.len() && !b[i].is_ascii_whitespace() {
        let token_start = i;
        let (first, len) = class_at(b, i);
        if first == Class::Unknown {
            return None;
        }
        i += len;
        if WORD_BYTE[usize::from(b[token_start])] {
            loop {
                // The run of word-like bytes, then a joiner between two letters or two digits.
                i = word_run_end(b, i);
                // The token so far ends in a word-like (ASCII) byte.
                let here = ASCII_CLASS[usize::from(b[i - 1] & 0x7F)];
                let (next, next_len) = class_at(b, i);
                let joins = match (here, next) {
                    (_, Class::Unknown) => return None,
                    (Class::Letter, Class::MidLetter | Class::MidNumLet) => Class::Letter,
                    (Class::Numeric, Class::MidNum | Class::MidNumLet) => Class::Numeric,
                    _ => break,
                };
                let (after, after_len) = class_at(b, i + next_len);
                if after == Class::Unknown {
                    return None;
                }
                if after != joins {
                    break;
                }
                i += next_len + after_len;
            }
        }
        let kind = match first {
            Class::Numeric => TokenKind::Number,
            Class::Letter => TokenKind::Word,
            // "_abc": a word when it holds a letter. Other tokens are one character long.
            Class::ExtendNumLet if b[token_start..i].iter().any(u8::is_ascii_alphabetic) => TokenKind::Word,
            _ => TokenKind::Punct,
        };
        out.push(Token { span: Span::new(offset + token_start, offset + i), kind, classes: WordClasses::NONE });
    }
    Some(i)
}

/// Fill the word classes of `tokens` (of `text`): one lookup per token, so that stages
/// test bits instead of looking the same word up again per list.
pub fn classify(text: &str, tokens: &mut [Token], lex: &Lexicon) {
    let bytes = text.as_bytes();
    for t in tokens {
        // Bytes, not a `str` slice: the spans are char boundaries already.
        t.classes = bytes.get(t.span.start..t.span.end).map_or(WordClasses::NONE, |w| lex.classes_of_bytes(w));
    }
}

/// The tokens of a whole string, classified, for tests and tools.
///
/// ```
/// use claimex::segment::tokens::tokenize;
/// let text = "about 1,500–3,000 IS’s fighters";
/// let words: Vec<&str> = tokenize(text, claimex::lexicon::Lexicon::english()).iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["about", "1,500", "–", "3,000", "IS’s", "fighters"]);
/// ```
pub fn tokenize(text: &str, lex: &Lexicon) -> Vec<Token> {
    let mut out = Vec::new();
    push_tokens(text, Span::new(0, text.len()), &mut out);
    classify(text, &mut out, lex);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn tokens_fast_path_equals_uax29(text in "[ -~’“”‘—–…]{0,80}") {
            let (fast, reference) = fast_and_reference(&text);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn tokens_fallback_equals_uax29(text in "[ -~’“”‘—–…éß]{0,80}") {
            // A chunk is tokenized by the fast path until it meets "é" or "ß", then again by
            // UAX #29: nothing of the abandoned attempt must remain.
            let (fast, reference) = fast_and_reference(&text);
            prop_assert_eq!(fast, reference);
        }
    }

    /// The tokens of `text` by `push_tokens` and by `unicode-segmentation` alone.
    fn fast_and_reference(text: &str) -> (Vec<Token>, Vec<Token>) {
        let mut fast = Vec::new();
        push_tokens(text, Span::new(0, text.len()), &mut fast);
        let mut reference = Vec::new();
        unicode_tokens(text, 0, &mut reference);
        (fast, reference)
    }

    #[test]
    fn tokens_word_bytes_match_the_table() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                // The byte at each position, among bytes of each kind.
                for fill in [b' ', b'a', 0xE2] {
                    let mut eight = [fill; 8];
                    eight[at] = byte;
                    let mask = word_bytes(u64::from_le_bytes(eight));
                    let alnum = alphanumeric_bytes(u64::from_le_bytes(eight));
                    for (k, &c) in eight.iter().enumerate() {
                        assert_eq!(mask >> (8 * k + 7) & 1 == 1, WORD_BYTE[usize::from(c)], "byte {c:#x} at {k}");
                        assert_eq!(alnum >> (8 * k + 7) & 1 == 1, c.is_ascii_alphanumeric(), "byte {c:#x} at {k}");
                    }
                }
            }
        }
        let text = b"fighters_2025, x";
        assert_eq!(word_run_end(text, 0), 13);
        assert_eq!(word_run_end(text, 15), 16);
    }

    #[test]
    fn tokens_kinds_and_spans() {
        let text = "US$2bn, 40% of 80K “fighters”";
        let toks = tokenize(text, Lexicon::english());
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
    /// The lexicon the stages read words through.
    pub lex: &'t Lexicon,
}

impl<'t> Words<'t> {
    /// A view of `tokens` over `text`, read through `lex`.
    pub fn new(text: &'t str, tokens: &'t [Token], lex: &'t Lexicon) -> Words<'t> {
        Words { text, tokens, lex }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The text of token `i`, or "" past either end. Inlined: every stage calls it for every
    /// word it reads, and whether it was inlined varied with how the code was split for
    /// compiling (a call costs more than the slice).
    #[inline]
    pub fn get(&self, i: usize) -> &'t str {
        self.tokens.get(i).map_or("", |t| t.span.slice(self.text))
    }

    /// True when token `i` is in the list of `class` (a bit test: segmentation looked the
    /// word up once); false past either end, as a lookup of "" would be.
    #[inline]
    pub fn has(&self, i: usize, class: WordClass) -> bool {
        self.tokens.get(i).is_some_and(|t| t.classes.has(class))
    }

    /// The value of token `i` in `map`, the list of `class`: looked up only when the token
    /// has the class, so that most tokens cost a bit test.
    #[inline]
    pub fn value<V: Clone>(&self, i: usize, class: WordClass, map: &'t WordMap<V>) -> Option<&'t V> {
        debug_assert_eq!(self.lex.in_list(class, self.get(i)), map.contains(self.get(i)), "{class:?} is not this map");
        if self.has(i, class) {
            map.get(self.get(i))
        } else {
            None
        }
    }

    /// [`Lexicon::is_plural`] of token `i`, with the irregular plurals read from its classes.
    pub fn is_plural(&self, i: usize) -> bool {
        self.has(i, WordClass::IrregularPlurals) || self.lex.is_regular_plural(self.get(i))
    }

    /// [`Lexicon::lemma`] of token `i`, with the irregular plurals and unit abbreviations
    /// looked up only when its classes hold them.
    pub fn lemma(&self, i: usize) -> String {
        let lex = self.lex;
        let irregular = self
            .value(i, WordClass::IrregularPlurals, &lex.irregular_plurals)
            .or_else(|| self.value(i, WordClass::UnitAbbreviations, &lex.unit_abbreviations));
        match irregular {
            Some(s) => s.to_string(),
            None => lex.regular_lemma(self.get(i)),
        }
    }

    /// The word classes of token `i`; none past either end.
    #[inline]
    pub fn classes(&self, i: usize) -> WordClasses {
        self.tokens.get(i).map_or(WordClasses::NONE, |t| t.classes)
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
        let Some(t) = self.tokens.get(i).filter(|t| t.kind == TokenKind::Word) else { return false };
        match self.text.as_bytes()[t.span.start] {
            first if first.is_ascii() => first.is_ascii_uppercase(),
            _ => t.text(self.text).chars().next().is_some_and(char::is_uppercase),
        }
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
