//! Byte spans into a document's text, and the one place bytes become code points.
//!
//! Every stage after [`crate::document`] refers to text by [`Span`]: a half-open byte range
//! that always lies on `char` boundaries of the document it came from. Nothing copies text;
//! code-point offsets are computed only when records are written ([`CharIndex`]).

use std::ops::Range;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers.
    ///
    /// ```
    /// use claimex::span::Span;
    /// assert_eq!(Span::new(4, 9).slice("the quick fox"), "quick");
    /// ```
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// True when `other` lies wholly inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// As a `Range`, for slicing.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Maps byte offsets of one text to code-point offsets in O(log n).
///
/// Built once per document. Stores only the positions of non-ASCII characters, so an ASCII
/// document costs nothing and news text (mostly ASCII, some curly quotes) very little.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// For each non-ASCII char: (byte offset just after it, extra bytes so far).
    wide: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Index `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // News text is mostly ASCII: skip it eight bytes at a time.
            if let Some(eight) = bytes[i..].first_chunk::<8>() {
                if u64::from_le_bytes(*eight) & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            let n = match bytes[i] {
                0..0x80 => 1,
                0xC0..0xE0 => 2,
                0xE0..0xF0 => 3,
                0xF0.. => 4,
                // A continuation byte: never the first of a char in valid UTF-8.
                _ => 1,
            };
            if n > 1 {
                extra += n - 1;
                wide.push((i + n, extra));
            }
            i += n;
        }
        CharIndex { wide }
    }

    /// The code-point offset of byte offset `byte` (which must be on a char boundary).
    ///
    /// ```
    /// use claimex::span::CharIndex;
    /// let text = "a “b” c";
    /// let idx = CharIndex::new(text);
    /// assert_eq!(idx.char_of(text.find('c').unwrap()), 6);
    /// ```
    pub fn char_of(&self, byte: usize) -> usize {
        let k = self.wide.partition_point(|&(after, _)| after <= byte);
        if k == 0 {
            byte
        } else {
            byte - self.wide[k - 1].1
        }
    }

    /// A byte span as a code-point range.
    pub fn chars(&self, span: Span) -> Range<usize> {
        self.char_of(span.start)..self.char_of(span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slices_and_relations() {
        let a = Span::new(2, 5);
        assert_eq!(a.slice("abcdefg"), "cde");
        assert!(a.overlaps(Span::new(4, 9)));
        assert!(!a.overlaps(Span::new(5, 9)));
        assert!(Span::new(0, 9).contains(a));
        assert_eq!(a.cover(Span::new(7, 8)), Span::new(2, 8));
    }

    #[test]
    fn char_index_matches_char_counting() {
        for text in [
            "plain ascii",
            "IS’s “shadow” — 1,500–3,000 €",
            "ééé x 日本 y",
            "a long run of ascii text, then 🎉 and more ascii again, é",
        ] {
            assert_char_offsets(text);
        }
    }

    fn assert_char_offsets(text: &str) {
        let idx = CharIndex::new(text);
        for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(idx.char_of(b), text[..b].chars().count(), "{text:?} at {b}");
        }
    }

    proptest::proptest! {
        #[test]
        fn char_index_matches_char_counting_on_any_text(text in "([a-z ]{0,20}\\PC{0,3}){0,6}") {
            assert_char_offsets(&text);
        }
    }
}
