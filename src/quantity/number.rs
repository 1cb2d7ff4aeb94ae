//! Reading one number at a token position: digits, words, fractions, multipliers.
//!
//! Input: a sentence's [`Words`] and a start index. Output: the [`Number`] that starts there,
//! if any, with the index just past it. Knows nothing of qualifiers, units or context.

use crate::segment::{TokenKind, Words};
use crate::words::{lower, Index};

/// How a number was written; decides which claims it can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberForm {
    /// "2,500", "1.5 million", "80K".
    Digits,
    /// "two", "twenty-five", "a hundred".
    Words,
    /// "one-third", "two thirds", "half", "one in five".
    Fraction,
    /// "double", "twice", "threefold": multiplicative comparisons.
    Multiplier,
    /// "dozens", "hundreds", "tens of thousands": `value` is the lower bound.
    VaguePlural,
}

/// A number read from tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The value (the lower bound for [`NumberForm::VaguePlural`]).
    pub value: f64,
    /// How it was written.
    pub form: NumberForm,
    /// The scale word or suffix it ends in ("million" → 1e6), 1 when none.
    pub scale: f64,
}

/// Number words, their values and roles. Keep sorted by word.
const NUMBER_WORDS: &[(&str, f64, WordRole)] = &[
    ("billion", 1e9, WordRole::Scale),
    ("eight", 8.0, WordRole::Unit),
    ("eighteen", 18.0, WordRole::Teen),
    ("eighty", 80.0, WordRole::Tens),
    ("eleven", 11.0, WordRole::Teen),
    ("fifteen", 15.0, WordRole::Teen),
    ("fifty", 50.0, WordRole::Tens),
    ("five", 5.0, WordRole::Unit),
    ("forty", 40.0, WordRole::Tens),
    ("four", 4.0, WordRole::Unit),
    ("fourteen", 14.0, WordRole::Teen),
    ("hundred", 100.0, WordRole::Hundred),
    ("million", 1e6, WordRole::Scale),
    ("nine", 9.0, WordRole::Unit),
    ("nineteen", 19.0, WordRole::Teen),
    ("ninety", 90.0, WordRole::Tens),
    ("one", 1.0, WordRole::Unit),
    ("seven", 7.0, WordRole::Unit),
    ("seventeen", 17.0, WordRole::Teen),
    ("seventy", 70.0, WordRole::Tens),
    ("six", 6.0, WordRole::Unit),
    ("sixteen", 16.0, WordRole::Teen),
    ("sixty", 60.0, WordRole::Tens),
    ("ten", 10.0, WordRole::Teen),
    ("thirteen", 13.0, WordRole::Teen),
    ("thirty", 30.0, WordRole::Tens),
    ("thousand", 1e3, WordRole::Scale),
    ("three", 3.0, WordRole::Unit),
    ("trillion", 1e12, WordRole::Scale),
    ("twelve", 12.0, WordRole::Teen),
    ("twenty", 20.0, WordRole::Tens),
    ("two", 2.0, WordRole::Unit),
    ("zero", 0.0, WordRole::Unit),
];

/// Scale words and abbreviations that may follow digits ("1.5 million", "2 bn"). Sorted.
const SCALES: &[(&str, f64)] = &[
    ("billion", 1e9),
    ("billions", 1e9),
    ("bln", 1e9),
    ("bn", 1e9),
    ("crore", 1e7),
    ("crores", 1e7),
    ("dozen", 12.0),
    ("hundred", 100.0),
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("million", 1e6),
    ("millions", 1e6),
    ("mln", 1e6),
    ("mn", 1e6),
    ("thousand", 1e3),
    ("trillion", 1e12),
    ("tn", 1e12),
];

/// Suffixes glued to digits ("80K", "2.3bn", "£5m"). Sorted.
const SUFFIXES: &[(&str, f64)] =
    &[("b", 1e9), ("bn", 1e9), ("k", 1e3), ("m", 1e6), ("mn", 1e6), ("tn", 1e12), ("trn", 1e12)];

/// Fraction denominators. Sorted.
const DENOMINATORS: &[(&str, f64)] = &[
    ("eighth", 8.0),
    ("eighths", 8.0),
    ("fifth", 5.0),
    ("fifths", 5.0),
    ("fourth", 4.0),
    ("fourths", 4.0),
    ("half", 2.0),
    ("halves", 2.0),
    ("ninth", 9.0),
    ("ninths", 9.0),
    ("quarter", 4.0),
    ("quarters", 4.0),
    ("seventh", 7.0),
    ("sevenths", 7.0),
    ("sixth", 6.0),
    ("sixths", 6.0),
    ("tenth", 10.0),
    ("tenths", 10.0),
    ("third", 3.0),
    ("thirds", 3.0),
];

/// Plural round numbers: open lower bounds ("hundreds" → at least 200). Sorted.
const VAGUE_PLURALS: &[(&str, f64)] = &[
    ("billions", 2e9),
    ("dozens", 24.0),
    ("hundreds", 200.0),
    ("millions", 2e6),
    ("scores", 40.0),
    ("tens", 20.0),
    ("thousands", 2000.0),
];

/// Multiplicative words. Sorted.
const MULTIPLIERS: &[(&str, f64)] = &[
    ("double", 2.0),
    ("doubled", 2.0),
    ("quadruple", 4.0),
    ("quadrupled", 4.0),
    ("threefold", 3.0),
    ("treble", 3.0),
    ("tripled", 3.0),
    ("triple", 3.0),
    ("twice", 2.0),
    ("twofold", 2.0),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordRole {
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
}

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    let mut buf = [0u8; 24];
    let w = lower(word, &mut buf)?;
    table.binary_search_by(|(k, _)| k.cmp(&w)).ok().map(|i| table[i].1)
}

fn number_word(word: &str) -> Option<(f64, WordRole)> {
    let mut buf = [0u8; 24];
    let w = lower(word, &mut buf)?;
    NUMBER_WORDS.binary_search_by(|(k, _, _)| k.cmp(&w)).ok().map(|i| (NUMBER_WORDS[i].1, NUMBER_WORDS[i].2))
}

/// The value of a number word spelled alone ("five" → 5), for callers that test words.
pub fn word_value(word: &str) -> Option<f64> {
    number_word(word).map(|(v, _)| v)
}

/// True when `word` is a scale word that may follow digits ("million", "bn").
pub fn is_scale_word(word: &str) -> bool {
    lookup(SCALES, word).is_some()
}

/// Every word a number can start with: the tables above, "a" and "half".
static STARTS: Index<()> = Index::new(|| {
    let words = NUMBER_WORDS.iter().map(|e| e.0).chain(VAGUE_PLURALS.iter().chain(MULTIPLIERS).map(|e| e.0));
    words.chain(["a", "half"]).map(|w| (w, ())).collect()
});

/// A cheap test run on every token: can a number start here? Only digits and the words in
/// the tables above can, so the full readers run on few tokens.
pub fn may_start(w: Words<'_>, i: usize) -> bool {
    match w.kind(i) {
        Some(TokenKind::Number) => true,
        Some(TokenKind::Word) => STARTS.get(w.get(i)).is_some(),
        _ => false,
    }
}

/// Read the number that starts at token `i`, if one does.
///
/// ```
/// use claimex::quantity::number::{parse_at, NumberForm};
/// use claimex::segment::{tokens::tokenize, Words};
/// let text = "three hundred and forty-two";
/// let toks = tokenize(text);
/// let n = parse_at(Words::new(text, &toks), 0).unwrap();
/// assert_eq!((n.value, n.form, n.end), (342.0, NumberForm::Words, toks.len()));
/// ```
pub fn parse_at(w: Words<'_>, i: usize) -> Option<Number> {
    let base = match w.kind(i)? {
        TokenKind::Number => digits_at(w, i)?,
        TokenKind::Word => words_at(w, i).or_else(|| special_at(w, i))?,
        TokenKind::Punct => return None,
    };
    Some(fraction_after(w, base).unwrap_or(base))
}

/// Digits with separators, decimals, glued suffixes, thin-space groups and scale words.
fn digits_at(w: Words<'_>, i: usize) -> Option<Number> {
    let (mut value, glued_scale) = parse_digits(w.get(i))?;
    let mut end = i + 1;
    // "1 200" with a thin or no-break space: one number, as typeset in some outlets.
    while w.kind(end) == Some(TokenKind::Number)
        && w.get(end).len() == 3
        && w.get(end).bytes().all(|b| b.is_ascii_digit())
        && !w.gap_before(end).is_empty()
        && w.gap_before(end).chars().all(|c| matches!(c, '\u{2009}' | '\u{202f}' | '\u{a0}'))
        && glued_scale.is_none()
    {
        value = value * 1000.0 + w.get(end).parse::<f64>().ok()?;
        end += 1;
    }
    let mut scale = glued_scale.unwrap_or(1.0);
    value *= scale;
    while let Some(s) = lookup(SCALES, w.get(end)).filter(|_| !w.get(end).is_empty()) {
        value *= s;
        scale *= s;
        end += 1;
    }
    Some(Number { start: i, end, value, form: NumberForm::Digits, scale })
}

/// "2,500" → 2500, "1,500.5" → 1500.5, "80K" → (80, ×1000), "2.3bn" → (2.3, ×1e9).
/// Grouping must be regular (1-3 digits, then groups of 3), as English writes it.
pub fn parse_digits(token: &str) -> Option<(f64, Option<f64>)> {
    let numeric_len = token.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(token.len());
    let (numeric, suffix) = token.split_at(numeric_len);
    let numeric = numeric.trim_end_matches(['.', ',']);
    if numeric.is_empty() || numeric.matches('.').count() > 1 {
        return None;
    }
    let (int_part, frac_part) = numeric.split_once('.').unwrap_or((numeric, ""));
    if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let mut digits = String::with_capacity(numeric.len());
    digits.extend(int_part.chars().filter(|c| *c != ','));
    if !frac_part.is_empty() {
        digits.push('.');
        digits.push_str(frac_part);
    }
    let value: f64 = digits.parse().ok()?;
    if suffix.is_empty() {
        return Some((value, None));
    }
    Some((value, Some(lookup(SUFFIXES, suffix)?)))
}

/// Spelled-out cardinals: "two", "twenty-five", "three hundred and forty", "a hundred",
/// "one thousand two hundred", "one million".
fn words_at(w: Words<'_>, i: usize) -> Option<Number> {
    let mut k = i;
    // "a hundred", "a thousand", "a million": the article stands for one.
    if w.is(k, "a") {
        match number_word(w.get(k + 1)) {
            Some((_, WordRole::Hundred | WordRole::Scale)) => k += 1,
            _ => return None,
        }
    }
    let (mut total, mut current) = (0.0f64, 0.0f64);
    let mut last: Option<WordRole> = None;
    let mut end = k;
    let mut any = w.is(i, "a");
    if any {
        current = 1.0;
    }
    while let Some((v, role)) = number_word(w.get(k)) {
        let fits = matches!(
            (last, role),
            (None, _)
                | (Some(WordRole::Tens), WordRole::Unit)
                | (Some(WordRole::Unit | WordRole::Teen | WordRole::Tens), WordRole::Hundred | WordRole::Scale)
                | (Some(WordRole::Hundred), WordRole::Unit | WordRole::Teen | WordRole::Tens | WordRole::Scale)
                | (Some(WordRole::Scale), WordRole::Unit | WordRole::Teen | WordRole::Tens)
        );
        if !fits {
            break;
        }
        match role {
            WordRole::Unit | WordRole::Teen | WordRole::Tens => current += v,
            WordRole::Hundred => current = current.max(1.0) * 100.0,
            WordRole::Scale => {
                total += current.max(1.0) * v;
                current = 0.0;
            }
        }
        last = Some(role);
        any = true;
        end = k + 1;
        // Hyphen between tens and units ("twenty-five"); "and" after hundreds or scales.
        let hyphen = w.get(k + 1) == "-" && w.joined(k + 1) && last == Some(WordRole::Tens);
        let and = w.is(k + 1, "and")
            && matches!(last, Some(WordRole::Hundred | WordRole::Scale))
            && matches!(number_word(w.get(k + 2)), Some((_, WordRole::Unit | WordRole::Teen | WordRole::Tens)));
        if hyphen || and {
            k += 2;
        } else {
            k += 1;
        }
    }
    if !any || end == i || (w.is(i, "a") && end == i + 1) {
        return None;
    }
    // The scale of a spelled number is its last scale word ("two million" → 1e6).
    let scale = match last {
        Some(WordRole::Scale | WordRole::Hundred) => number_word(w.get(end - 1)).map_or(1.0, |(v, _)| v),
        _ => 1.0,
    };
    Some(Number { start: i, end, value: total + current, form: NumberForm::Words, scale })
}

/// Words that stand for numbers without being cardinals: "a dozen", "a couple of", "half",
/// "dozens", "tens of thousands", "double", "twice".
fn special_at(w: Words<'_>, i: usize) -> Option<Number> {
    let number = |end, value, form| Some(Number { start: i, end, value, form, scale: 1.0 });
    if w.is(i, "a") || w.is(i, "one") {
        if w.is(i + 1, "dozen") {
            return number(i + 2, 12.0, NumberForm::Words);
        }
        if w.is(i + 1, "couple") && w.is(i + 2, "of") {
            return number(i + 2, 2.0, NumberForm::Words);
        }
    }
    if w.is(i, "half") && (w.is(i + 1, "of") || w.is(i + 1, "the") || w.is(i + 1, "a")) {
        return number(i + 1, 0.5, NumberForm::Fraction);
    }
    if let Some(low) = lookup(VAGUE_PLURALS, w.get(i)) {
        // "tens of thousands", "hundreds of thousands": the plural multiplies the scale.
        if w.is(i + 1, "of") {
            if let Some(scale) = lookup(VAGUE_PLURALS, w.get(i + 2)).filter(|s| *s >= 2000.0) {
                return number(i + 3, low * scale / 2.0, NumberForm::VaguePlural);
            }
        }
        if w.is(i, "tens") || w.is(i, "scores") {
            return None;
        }
        return number(i + 1, low, NumberForm::VaguePlural);
    }
    if let Some(m) = lookup(MULTIPLIERS, w.get(i)) {
        return number(i + 1, m, NumberForm::Multiplier);
    }
    None
}

/// A fraction or ratio built on a number just read: "one-third", "two thirds", "a third",
/// "one in five", "three out of four".
fn fraction_after(w: Words<'_>, n: Number) -> Option<Number> {
    if n.form != NumberForm::Words && n.form != NumberForm::Digits {
        return None;
    }
    let mut k = n.end;
    if w.get(k) == "-" && w.joined(k) {
        k += 1;
    }
    if let Some(d) = lookup(DENOMINATORS, w.get(k)) {
        // "three quarters" yes; "1,000 thirds" no: numerators are small.
        if n.value >= 1.0 && n.value < d.max(10.0) && n.scale == 1.0 {
            let value = ((n.value / d) * 10_000.0).round() / 10_000.0;
            return Some(Number { end: k + 1, value, form: NumberForm::Fraction, ..n });
        }
    }
    let (of_at, ok) = if w.is(n.end, "in") {
        (n.end + 1, true)
    } else if w.is(n.end, "out") && w.is(n.end + 1, "of") {
        (n.end + 2, true)
    } else {
        (0, false)
    };
    if ok && n.value >= 1.0 {
        let d = match w.kind(of_at)? {
            TokenKind::Number => digits_at(w, of_at)?,
            TokenKind::Word => words_at(w, of_at)?,
            TokenKind::Punct => return None,
        };
        if d.value > n.value && d.value <= 1000.0 {
            let value = ((n.value / d.value) * 10_000.0).round() / 10_000.0;
            return Some(Number { end: d.end, value, form: NumberForm::Fraction, ..n });
        }
    }
    None
}

/// "a third", "a quarter", "a half": the article as numerator.
pub fn article_fraction_at(w: Words<'_>, i: usize) -> Option<Number> {
    if !(w.is(i, "a") || w.is(i, "one")) {
        return None;
    }
    let d = lookup(DENOMINATORS, w.get(i + 1))?;
    if w.get(i + 1).ends_with('s') {
        return None;
    }
    let value = ((1.0 / d) * 10_000.0).round() / 10_000.0;
    Some(Number { start: i, end: i + 2, value, form: NumberForm::Fraction, scale: 1.0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens::tokenize;

    fn read(text: &str) -> Option<(f64, NumberForm, String)> {
        let toks = tokenize(text);
        let w = Words::new(text, &toks);
        let n = parse_at(w, 0).or_else(|| article_fraction_at(w, 0))?;
        Some((n.value, n.form, w.span(n.start, n.end).slice(text).to_string()))
    }

    #[test]
    fn number_reads_each_form() {
        use NumberForm::*;
        let rows: &[(&str, f64, NumberForm, &str)] = &[
            ("2,500 fighters", 2500.0, Digits, "2,500"),
            ("1,500.5 tonnes", 1500.5, Digits, "1,500.5"),
            ("2.3 percent", 2.3, Digits, "2.3"),
            ("80K people", 80000.0, Digits, "80K"),
            ("2.3bn dollars", 2.3e9, Digits, "2.3bn"),
            ("1.5 million people", 1.5e6, Digits, "1.5 million"),
            ("1\u{2009}200 troops", 1200.0, Digits, "1\u{2009}200"),
            ("two envoys", 2.0, Words, "two"),
            ("Five Iraqi officials", 5.0, Words, "Five"),
            ("twenty-five soldiers", 25.0, Words, "twenty-five"),
            ("three hundred and forty people", 340.0, Words, "three hundred and forty"),
            ("a hundred people", 100.0, Words, "a hundred"),
            ("one thousand two hundred men", 1200.0, Words, "one thousand two hundred"),
            ("one million people", 1e6, Words, "one million"),
            ("a dozen plots", 12.0, Words, "a dozen"),
            ("a couple of days", 2.0, Words, "a couple"),
            ("one-third of the claims", 0.3333, Fraction, "one-third"),
            ("two thirds of voters", 0.6667, Fraction, "two thirds"),
            ("a third of Iraq", 0.3333, Fraction, "a third"),
            ("a quarter of them", 0.25, Fraction, "a quarter"),
            ("half of the fighters", 0.5, Fraction, "half"),
            ("one in five adults", 0.2, Fraction, "one in five"),
            ("three out of four", 0.75, Fraction, "three out of four"),
            ("dozens of suspects", 24.0, VaguePlural, "dozens"),
            ("millions of people", 2e6, VaguePlural, "millions"),
            ("tens of thousands of people", 20000.0, VaguePlural, "tens of thousands"),
            ("hundreds of thousands", 200000.0, VaguePlural, "hundreds of thousands"),
            ("double last year's level", 2.0, Multiplier, "double"),
            ("twice as many", 2.0, Multiplier, "twice"),
        ];
        for (text, value, form, span) in rows {
            let got = read(text);
            assert_eq!(got, Some((*value, *form, span.to_string())), "reading {text:?}");
        }
    }

    #[test]
    fn number_rejects_non_numbers() {
        for text in ["192.168.1.2", "8th Division", "1990s", "29km", "a few", "the third", "tens alone", ",5"] {
            assert_eq!(read(text), None, "reading {text:?}");
        }
    }
}
