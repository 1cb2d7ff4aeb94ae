//! Qualifiers: the hedge words around a number ("more than", "about", "up to").
//!
//! One table, `qualifiers` in `lang/en/qualifiers.toml`: each phrase, its meaning, and whether it stands before or after
//! the number. The qualifier of a claim comes only from these words (GUIDELINES.md).

use crate::segment::Words;

pub use crate::lexicon::Qualifier;

impl Qualifier {
    /// The name used in records and gold files.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::UpTo => "up_to",
            Qualifier::Range => "range",
        }
    }

    /// Where the number goes: (value, low, high) for a point value `v`.
    pub fn bounds(self, v: f64) -> (Option<f64>, Option<f64>, Option<f64>) {
        match self {
            Qualifier::Exact | Qualifier::Approx | Qualifier::Range => (Some(v), None, None),
            Qualifier::AtLeast | Qualifier::MoreThan => (None, Some(v), None),
            Qualifier::AtMost | Qualifier::LessThan | Qualifier::UpTo => (None, None, Some(v)),
        }
    }
}

/// The qualifier phrase that ends just before token `i`: its first token and meaning.
///
/// ```
/// use claimex::quantity::qualifier::{before, Qualifier};
/// use claimex::segment::{tokens::tokenize, Words};
/// let text = "there were just over 90 claims";
/// let toks = tokenize(text, claimex::lexicon::Lexicon::english());
/// assert_eq!(before(Words::new(text, &toks, claimex::lexicon::Lexicon::english()), 4), Some((2, Qualifier::MoreThan)));
/// ```
pub fn before(w: Words<'_>, i: usize) -> Option<(usize, Qualifier)> {
    // "approx. 500": an abbreviation's stop stands between the phrase and the number.
    let end = if i >= 2 && w.get(i - 1) == "." && w.joined(i - 1) { i - 1 } else { i };
    if end == 0 {
        return None;
    }
    let mut best: Option<(usize, Qualifier)> = None;
    // Only phrases that end in the word before the number can match.
    let candidates =
        w.lex.qualifiers_by_last_word.get(w.get(end - 1)).map_or(&[][..], |&(a, b)| &w.lex.qualifier_phrases[a..b]);
    for (words, q) in candidates {
        let n = words.len();
        if n > end || (end < i && !words.last().is_some_and(|l| w.lex.abbreviated_qualifiers.contains(l))) {
            continue;
        }
        let start = end - n;
        if words.iter().enumerate().all(|(k, word)| w.is(start + k, word)) && best.is_none_or(|(s, _)| start < s) {
            best = Some((start, *q));
        }
    }
    best
}

/// A qualifier phrase that starts at token `i` (after the number): one past its last token.
pub fn after(w: Words<'_>, i: usize) -> Option<(usize, Qualifier)> {
    // Every trailing phrase starts with one of these: most numbers are rejected here.
    if !(w.is(i, "or") || w.is(i, "and") || w.get(i) == "-" || w.is(i, "plus")) {
        return None;
    }
    w.lex.trailing_qualifiers.iter().find_map(|(phrase, q)| {
        let n = phrase.split(' ').count();
        let glued_plus = phrase == "plus" && w.get(i) == "-" && w.is(i + 1, "plus");
        if glued_plus {
            Some((i + 2, *q))
        } else if w.is_seq(i, phrase) && phrase != "plus" && !w.is(i + n, "than") && !super::number::may_start(w, i + n)
        {
            // "200 or greater than 190", "5 and over 10": the hedge belongs to the next number.
            Some((i + n, *q))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens::tokenize;

    #[test]
    fn qualifier_before_takes_the_longest_phrase() {
        type Case = (&'static str, usize, Option<(usize, Qualifier)>);
        let rows: &[Case] = &[
            ("more than 300", 2, Some((0, Qualifier::MoreThan))),
            ("slightly more than 300", 3, Some((0, Qualifier::MoreThan))),
            ("an estimated 1,500", 2, Some((0, Qualifier::Approx))),
            ("at least a dozen", 2, Some((0, Qualifier::AtLeast))),
            ("up to 7,000", 2, Some((0, Qualifier::UpTo))),
            ("as many as 50", 3, Some((0, Qualifier::UpTo))),
            ("killed 20", 1, None),
            ("approx. 500", 2, Some((0, Qualifier::Approx))),
        ];
        for (text, i, want) in rows {
            let toks = tokenize(text, crate::lexicon::Lexicon::english());
            assert_eq!(before(Words::new(text, &toks, crate::lexicon::Lexicon::english()), *i), *want, "in {text:?}");
        }
    }

    #[test]
    fn qualifier_after_reads_trailing_hedges() {
        let text = "100 or more people and 50-plus";
        let toks = tokenize(text, crate::lexicon::Lexicon::english());
        let w = Words::new(text, &toks, crate::lexicon::Lexicon::english());
        assert_eq!(after(w, 1), Some((3, Qualifier::AtLeast)));
        assert_eq!(after(w, 6), Some((8, Qualifier::MoreThan)));
    }
}
