//! Qualifiers: the hedge words around a number ("more than", "about", "up to").
//!
//! One table, [`QUALIFIERS`]: each phrase, its meaning, and whether it stands before or after
//! the number. The qualifier of a claim comes only from these words (GUIDELINES.md).

use crate::segment::Words;
use serde::Serialize;

/// What a quantity's words say about its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No hedge: "38 strikes".
    Exact,
    /// "about", "around", "some", "an estimated", "nearly", "roughly", "approximately".
    Approx,
    /// "at least", "no fewer than"; also plural round numbers ("dozens").
    AtLeast,
    /// "more than", "over", "upwards of", "in excess of".
    MoreThan,
    /// "at most", "no more than".
    AtMost,
    /// "fewer than", "less than", "under".
    LessThan,
    /// "up to", "as many as".
    UpTo,
    /// Two bounds: "1,500–3,000", "between 5 and 7".
    Range,
}

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

/// Qualifier phrases, lower case, words separated by one space. Longer phrases are tried
/// first, so order does not matter; keep the table grouped by meaning.
pub const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("about", Qualifier::Approx),
    ("almost", Qualifier::Approx),
    ("an estimated", Qualifier::Approx),
    ("approximately", Qualifier::Approx),
    ("around", Qualifier::Approx),
    ("close to", Qualifier::Approx),
    ("estimated", Qualifier::Approx),
    ("just about", Qualifier::Approx),
    ("nearly", Qualifier::Approx),
    ("roughly", Qualifier::Approx),
    ("some", Qualifier::Approx),
    ("an approximate", Qualifier::Approx),
    ("approx", Qualifier::Approx),
    ("ca", Qualifier::Approx),
    ("circa", Qualifier::Approx),
    ("equal to", Qualifier::Exact),
    ("at least", Qualifier::AtLeast),
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("equal to or greater than", Qualifier::AtLeast),
    ("equal to or more than", Qualifier::AtLeast),
    ("greater than or equal to", Qualifier::AtLeast),
    ("more than or equal to", Qualifier::AtLeast),
    ("above", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("just over", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("slightly more than", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("upward of", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("at most", Qualifier::AtMost),
    ("a maximum of", Qualifier::AtMost),
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("equal to or fewer than", Qualifier::AtMost),
    ("equal to or less than", Qualifier::AtMost),
    ("fewer than or equal to", Qualifier::AtMost),
    ("less than or equal to", Qualifier::AtMost),
    ("below", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("just under", Qualifier::LessThan),
    ("less than", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("as many as", Qualifier::UpTo),
    ("as much as", Qualifier::UpTo),
    ("up to", Qualifier::UpTo),
];

/// Qualifiers written after the number ("100 or more", "50 or so", "100-plus").
pub const TRAILING_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("and above", Qualifier::AtLeast),
    ("and more", Qualifier::AtLeast),
    ("and over", Qualifier::AtLeast),
    ("or above", Qualifier::AtLeast),
    ("or greater", Qualifier::AtLeast),
    ("or higher", Qualifier::AtLeast),
    ("or fewer", Qualifier::AtMost),
    ("or less", Qualifier::AtMost),
    ("or more", Qualifier::AtLeast),
    ("or so", Qualifier::Approx),
    ("plus", Qualifier::MoreThan),
];

/// The qualifier phrase that ends just before token `i`: its first token and meaning.
///
/// ```
/// use claimex::quantity::qualifier::{before, Qualifier};
/// use claimex::segment::{tokens::tokenize, Words};
/// let text = "there were just over 90 claims";
/// let toks = tokenize(text);
/// assert_eq!(before(Words::new(text, &toks), 4), Some((2, Qualifier::MoreThan)));
/// ```
pub fn before(w: Words<'_>, i: usize) -> Option<(usize, Qualifier)> {
    // "approx. 500": an abbreviation's stop stands between the phrase and the number.
    let end = if i >= 2 && w.get(i - 1) == "." && w.joined(i - 1) { i - 1 } else { i };
    if end == 0 {
        return None;
    }
    let mut best: Option<(usize, Qualifier)> = None;
    // Only phrases that end in the word before the number can match.
    let candidates = BY_LAST_WORD.get(w.get(end - 1)).map_or(&[][..], |(a, b)| &PHRASES[a..b]);
    for (words, q) in candidates {
        let n = words.len();
        if n > end || (end < i && !words.last().is_some_and(|l| ABBREVIATED.contains(l))) {
            continue;
        }
        let start = end - n;
        if words.iter().enumerate().all(|(k, word)| w.is(start + k, word)) && best.is_none_or(|(s, _)| start < s) {
            best = Some((start, *q));
        }
    }
    best
}

/// Qualifier words that may be written abbreviated with a stop.
const ABBREVIATED: &[&str] = &["approx", "ca"];

/// The phrases of [`QUALIFIERS`] as word lists, grouped by last word.
static PHRASES: std::sync::LazyLock<Vec<(Vec<&'static str>, Qualifier)>> = std::sync::LazyLock::new(|| {
    let mut phrases: Vec<(Vec<&'static str>, Qualifier)> =
        QUALIFIERS.iter().map(|&(p, q)| (p.split(' ').collect(), q)).collect();
    phrases.sort_by(|a, b| a.0.last().cmp(&b.0.last()));
    phrases
});

/// For each last word, the range of its phrases in [`PHRASES`].
static BY_LAST_WORD: crate::words::Index<(usize, usize)> = crate::words::Index::new(|| {
    let mut map = rustc_hash::FxHashMap::default();
    for (k, (words, _)) in PHRASES.iter().enumerate() {
        let last = words.last().copied().unwrap_or("");
        map.entry(last).and_modify(|r: &mut (usize, usize)| r.1 = k + 1).or_insert((k, k + 1));
    }
    map
});

/// A qualifier phrase that starts at token `i` (after the number): one past its last token.
pub fn after(w: Words<'_>, i: usize) -> Option<(usize, Qualifier)> {
    // Every trailing phrase starts with one of these: most numbers are rejected here.
    if !(w.is(i, "or") || w.is(i, "and") || w.get(i) == "-" || w.is(i, "plus")) {
        return None;
    }
    TRAILING_QUALIFIERS.iter().find_map(|(phrase, q)| {
        let n = phrase.split(' ').count();
        let glued_plus = *phrase == "plus" && w.get(i) == "-" && w.is(i + 1, "plus");
        if glued_plus {
            Some((i + 2, *q))
        } else if w.is_seq(i, phrase)
            && *phrase != "plus"
            && !w.is(i + n, "than")
            && !super::number::may_start(w, i + n)
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
            let toks = tokenize(text);
            assert_eq!(before(Words::new(text, &toks), *i), *want, "in {text:?}");
        }
    }

    #[test]
    fn qualifier_after_reads_trailing_hedges() {
        let text = "100 or more people and 50-plus";
        let toks = tokenize(text);
        let w = Words::new(text, &toks);
        assert_eq!(after(w, 1), Some((3, Qualifier::AtLeast)));
        assert_eq!(after(w, 6), Some((8, Qualifier::MoreThan)));
    }
}
