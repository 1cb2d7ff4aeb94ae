//! Reading one number at a token position: digits, words, fractions, multipliers.
//!
//! Input: a sentence's [`Words`] and a start index. Output: the [`Number`] that starts there,
//! if any, with the index just past it. Knows nothing of qualifiers, units or context.

use crate::lexicon::{Lexicon, NumberRole as WordRole};
use crate::segment::{TokenKind, WordClass, Words};

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

/// The value and role of token `i` as a number word.
fn number_word(w: Words<'_>, i: usize) -> Option<(f64, WordRole)> {
    w.value(i, WordClass::NumberWords, &w.lex.number_words).copied()
}

/// True when token `i`, a word, is one a number can start with (`number_starts`).
#[inline]
fn is_start_word(w: Words<'_>, i: usize) -> bool {
    w.has(i, WordClass::NumberStarts)
}

/// A cheap test run on every token: can a number start here? Only digits and the words in
/// the tables above can, so the full readers run on few tokens.
#[inline]
pub fn may_start(w: Words<'_>, i: usize) -> bool {
    match w.kind(i) {
        Some(TokenKind::Number) => true,
        Some(TokenKind::Word) => is_start_word(w, i),
        Some(TokenKind::Punct) => punct_may_start(w, i),
        None => false,
    }
}

/// ".08", "½", "-5.44": few punctuation tokens can start a number.
fn punct_may_start(w: Words<'_>, i: usize) -> bool {
    let t = w.get(i);
    match t.as_bytes().first() {
        Some(b'.') => t.len() == 1 && w.kind(i + 1) == Some(TokenKind::Number) && w.joined(i + 1),
        Some(b'-') => t.len() == 1 && is_sign(w, i),
        Some(0xE2) if t == "\u{2212}" => is_sign(w, i),
        // The first byte of every vulgar fraction.
        Some(0xC2 | 0xE2) => vulgar(w, t).is_some(),
        _ => false,
    }
}

/// Read the number that starts at token `i`, if one does.
///
/// ```
/// use claimex::quantity::number::{parse_at, NumberForm};
/// use claimex::segment::{tokens::tokenize, Words};
/// let text = "three hundred and forty-two";
/// let toks = tokenize(text, claimex::lexicon::Lexicon::english());
/// let n = parse_at(Words::new(text, &toks, claimex::lexicon::Lexicon::english()), 0).unwrap();
/// assert_eq!((n.value, n.form, n.end), (342.0, NumberForm::Words, toks.len()));
/// ```
pub fn parse_at(w: Words<'_>, i: usize) -> Option<Number> {
    // "minus 5", "negative two percent": a sign word, unless it is an adjective after an
    // article ("a negative one").
    let token = w.get(i);
    let sign = token.eq_ignore_ascii_case("minus") || token.eq_ignore_ascii_case("negative");
    if sign && !(i > 0 && w.has(i - 1, WordClass::Determiners)) {
        let n = parse_at(w, i + 1).filter(|n| !matches!(n.form, NumberForm::Multiplier | NumberForm::VaguePlural))?;
        return Some(Number { start: i, value: -n.value, ..n });
    }
    let base = match w.kind(i)? {
        TokenKind::Number => digits_at(w, i)?,
        TokenKind::Word => words_at(w, i).or_else(|| special_at(w, i))?,
        TokenKind::Punct => punct_at(w, i)?,
    };
    if is_pronoun_one(w, &base) {
        return None;
    }
    let n = fraction_after(w, base).unwrap_or(base);
    let n = mixed_after(w, n).unwrap_or(n);
    Some(scaled_fraction(w, n).unwrap_or(n))
}

fn vulgar(w: Words<'_>, token: &str) -> Option<f64> {
    // Every vulgar fraction is one character of U+00BC-U+00BE or U+2150-U+215E: test that
    // before searching, as common punctuation ("’", "—") shares their first byte.
    let mut chars = token.chars();
    let one = chars.next().filter(|_| chars.next().is_none())?;
    if !matches!(one, '\u{bc}'..='\u{be}' | '\u{2150}'..='\u{215e}') {
        return None;
    }
    w.lex.vulgar_fractions.get(token).copied()
}

/// A minus sign that makes the number after it negative: glued to the number, free of what
/// comes before ("fell -5.44%", a data row "225.86 -12.99"), not a hyphen inside a word or
/// a range ("2-3", "COVID-19").
pub fn is_sign(w: Words<'_>, i: usize) -> bool {
    matches!(w.get(i), "-" | "\u{2212}")
        && (i == 0 || !w.joined(i))
        && w.kind(i + 1) == Some(TokenKind::Number)
        && w.joined(i + 1)
}

/// Numbers that start with punctuation: ".08" (a decimal without its zero), "½", and a
/// signed number ("-12.99").
fn punct_at(w: Words<'_>, i: usize) -> Option<Number> {
    if let Some(v) = vulgar(w, w.get(i)) {
        return Some(Number { start: i, end: i + 1, value: v, form: NumberForm::Fraction, scale: 1.0 });
    }
    if is_sign(w, i) {
        let n = digits_at(w, i + 1)?;
        return Some(Number { start: i, value: -n.value, ..n });
    }
    // Not "2019.08" or "v.08": the stop must follow a space or start the text.
    let free = i == 0 || !w.joined(i);
    let digits = w.get(i + 1);
    if w.get(i) == "." && free && w.joined(i + 1) && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let value = format!("0.{digits}").parse().ok()?;
        return Some(Number { start: i, end: i + 2, value, form: NumberForm::Digits, scale: 1.0 });
    }
    None
}

/// A bare "one" after "the", "which", "no"...: the pronoun ("the one you mentioned").
fn is_pronoun_one(w: Words<'_>, n: &Number) -> bool {
    n.form == NumberForm::Words
        && n.end == n.start + 1
        && w.is(n.start, "one")
        && n.start > 0
        && w.lex.pronoun_one_after.contains(w.get(n.start - 1))
}

/// A whole number and a fraction: "one and a half", "five and three quarters", "3 million
/// and a half", "two and a half million", "2½", "2 1/4".
fn mixed_after(w: Words<'_>, n: Number) -> Option<Number> {
    if !matches!(n.form, NumberForm::Words | NumberForm::Digits) {
        return None;
    }
    let frac = if w.is(n.end, "and") {
        article_fraction(w, n.end + 1).or_else(|| {
            let k = n.end + 1;
            let numerator = match w.kind(k)? {
                TokenKind::Word => words_at(w, k)?,
                _ => return None,
            };
            fraction_after(w, numerator).filter(|f| f.form == NumberForm::Fraction && f.value < 1.0)
        })?
    } else if n.form == NumberForm::Digits && n.scale == 1.0 && w.kind(n.end) == Some(TokenKind::Punct) {
        // "2½" glued; "2 1/4" is read by digits_at.
        let v = vulgar(w, w.get(n.end)).filter(|_| w.joined(n.end))?;
        Number { start: n.end, end: n.end + 1, value: v, form: NumberForm::Fraction, scale: 1.0 }
    } else {
        return None;
    };
    // "two and a half million": the scale after the fraction takes the whole number too,
    // unless the whole is already larger ("one billion and a half million").
    if let Some(s) = w.lex.fraction_scales.get(w.get(frac.end)).copied() {
        let value = if n.scale > s { n.value + frac.value * s } else { (n.value + frac.value) * s };
        return Some(Number { end: frac.end + 1, value, scale: s, ..n });
    }
    // "3 million and a half" is three and a half million.
    let unit = if n.scale >= 1e3 { n.scale } else { 1.0 };
    Some(Number { end: frac.end, value: n.value + frac.value * unit, ..n })
}

/// A fraction of a scale word: "half a million", "a quarter of a million", "two thirds of
/// a billion", "half a dozen", "quarter million".
fn scaled_fraction(w: Words<'_>, n: Number) -> Option<Number> {
    if n.form != NumberForm::Fraction {
        return None;
    }
    let mut k = n.end;
    if w.is(k, "of") {
        k += 1;
    }
    if w.is(k, "a") || w.is(k, "an") {
        k += 1;
    }
    let s = w.lex.fraction_scales.get(w.get(k)).copied()?;
    Some(Number { end: k + 1, value: n.value * s, form: NumberForm::Words, scale: s, ..n })
}

/// Digits with separators, decimals, glued suffixes, thin-space groups and scale words.
fn digits_at(w: Words<'_>, i: usize) -> Option<Number> {
    let first = w.get(i);
    let (mut value, glued_scale) = parse_digits(w.lex, first)?;
    let mut end = i + 1;
    // "1 200", "1 414 021 100": groups of three after one space (thin, no-break or plain), as
    // typeset in some outlets. The first group must be a short plain group. Across a plain
    // space one lone group joins only when it is round ("40 000"): two counts in a row are
    // otherwise a count and a name ("400 737 Max jets").
    let short_group = first.len() <= 3 && first.bytes().all(|b| b.is_ascii_digit());
    let group = |k: usize| {
        w.kind(k) == Some(TokenKind::Number)
            && w.get(k).len() == 3
            && w.get(k).bytes().all(|b| b.is_ascii_digit())
            && matches!(w.gap_before(k), " " | "\u{2009}" | "\u{202f}" | "\u{a0}")
    };
    while short_group && group(end) && !(w.kind(end + 1) == Some(TokenKind::Number) && w.get(end + 1).len() != 3) {
        let lone = end == i + 1 && !group(end + 1);
        if lone && w.gap_before(end) == " " && !w.get(end).ends_with("00") {
            break;
        }
        value = value * 1000.0 + w.get(end).parse::<f64>().ok()?;
        end += 1;
    }
    if end == i + 1 && glued_scale.is_none() {
        if let Some(n) = slash_fraction(w, i, value) {
            return Some(n);
        }
    }
    let mut scale = glued_scale.unwrap_or(1.0);
    value *= scale;
    while let Some(s) = w.value(end, WordClass::Scales, &w.lex.scales).copied().filter(|_| !w.get(end).is_empty()) {
        value *= s;
        scale *= s;
        end += 1;
    }
    if scale > 1.0 {
        // 2.03 × 10^6 is 2029999.9999999998 in binary floating point: round to the 12
        // significant digits that news numbers never exceed.
        value = format!("{value:.11e}").parse().unwrap_or(value);
    }
    Some(Number { start: i, end, value, form: NumberForm::Digits, scale })
}

/// "3/4" (and "2 1/4"): a numerator, a glued slash and a small denominator. Dates ("5/17/2018")
/// and names ("9/11", "24/7") are not fractions: the denominator is 2 to 10 and larger than the
/// numerator, and no second slash follows.
fn slash_fraction(w: Words<'_>, i: usize, whole: f64) -> Option<Number> {
    let read = |k: usize| -> Option<f64> {
        let t = w.get(k);
        let plain = w.kind(k) == Some(TokenKind::Number) && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
        plain.then(|| t.parse().ok()).flatten()
    };
    let fraction_at = |k: usize| -> Option<f64> {
        let (a, b) = (read(k)?, read(k + 2)?);
        let shaped = w.get(k + 1) == "/" && w.joined(k + 1) && w.joined(k + 2);
        let more = w.get(k + 3) == "/" && w.joined(k + 3);
        // Binary fractions ("7/32", "1/16": bond prices, inches) too; never a day of a month.
        let denominator = (2.0..=10.0).contains(&b) || b == 16.0 || b == 32.0 || b == 64.0;
        (shaped && !more && denominator && a < b && a >= 1.0).then_some(a / b)
    };
    if let Some(f) = fraction_at(i) {
        return Some(Number { start: i, end: i + 3, value: f, form: NumberForm::Fraction, scale: 1.0 });
    }
    // "2 1/4": a whole number, a space, a fraction.
    let spaced = !w.gap_before(i + 1).is_empty() && w.gap_before(i + 1).trim().is_empty();
    let f = fraction_at(i + 1).filter(|_| spaced && read(i).is_some())?;
    Some(Number { start: i, end: i + 4, value: whole + f, form: NumberForm::Digits, scale: 1.0 })
}

/// "2,500" → 2500, "1,500.5" → 1500.5, "80K" → (80, ×1000), "2.3bn" → (2.3, ×1e9).
/// Grouping must be regular (1-3 digits, then groups of 3), as English writes it.
pub fn parse_digits(lex: &Lexicon, token: &str) -> Option<(f64, Option<f64>)> {
    // Most number tokens are a few plain digits ("38", "2024"): up to 15 of them, the
    // integer is exact in an f64, as parsing the text would give.
    if token.len() <= 15 && !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
        let value = token.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
        return Some((value as f64, None));
    }
    // "40\u{202f}000": the tokenizer keeps a narrow no-break space inside the number; it groups
    // like a comma.
    if !token.is_ascii() && token.contains(['\u{202f}', '\u{a0}']) {
        let commas = token.replace(['\u{202f}', '\u{a0}'], ",");
        return parse_digits(lex, &commas);
    }
    let numeric_len = token.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(token.len());
    let (numeric, suffix) = token.split_at(numeric_len);
    let numeric = numeric.trim_end_matches(['.', ',']);
    if numeric.is_empty() || numeric.bytes().filter(|&b| b == b'.').count() > 1 {
        return None;
    }
    let (int_part, frac_part) = numeric.split_once('.').unwrap_or((numeric, ""));
    if !int_part.contains(',') && !frac_part.contains(',') {
        // No separators: the text is the number as written ("2500", "1.5", ".08"), parsed
        // without the copy below.
        let value: f64 = numeric.parse().ok()?;
        return if suffix.is_empty() {
            Some((value, None))
        } else {
            Some((value, Some(lex.suffixes.get(suffix).copied()?)))
        };
    }
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
    Some((value, Some(lex.suffixes.get(suffix).copied()?)))
}

/// Spelled-out cardinals: "two", "twenty-five", "three hundred and forty", "a hundred",
/// "one thousand two hundred", "one million".
fn words_at(w: Words<'_>, i: usize) -> Option<Number> {
    let mut k = i;
    let article = w.is(i, "a");
    // "a hundred", "a thousand", "a million": the article stands for one.
    if article {
        match number_word(w, k + 1) {
            Some((_, WordRole::Hundred | WordRole::Scale)) => k += 1,
            _ => return None,
        }
    }
    let (mut total, mut current) = (0.0f64, 0.0f64);
    let mut last: Option<WordRole> = None;
    let mut end = k;
    let mut any = article;
    if any {
        current = 1.0;
    }
    while let Some((v, role)) = number_word(w, k) {
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
        // "one hundred and three quarters" is a hundred and a fraction, read by `mixed_after`.
        let and = w.is(k + 1, "and")
            && matches!(last, Some(WordRole::Hundred | WordRole::Scale))
            && matches!(number_word(w, k + 2), Some((_, WordRole::Unit | WordRole::Teen | WordRole::Tens)))
            && w.value(k + 3, WordClass::Denominators, &w.lex.denominators).copied().is_none();
        if hyphen || and {
            k += 2;
        } else {
            k += 1;
        }
    }
    if !any || end == i || (article && end == i + 1) {
        return None;
    }
    // "three lakh crore", "two thousand crore": Indian English multiplies by crore.
    if (w.is(end, "crore") || w.is(end, "crores")) && !w.is(end - 1, "crore") {
        let value = (total + current) * 1e7;
        return Some(Number { start: i, end: end + 1, value, form: NumberForm::Words, scale: 1e7 });
    }
    // "three dozen" (and the loose "three dozens"): a dozen is a scale on small numbers.
    let small =
        total == 0.0 && current < 100.0 && matches!(last, Some(WordRole::Unit | WordRole::Teen | WordRole::Tens));
    if small && (w.is(end, "dozen") || w.is(end, "dozens")) {
        return Some(Number { start: i, end: end + 1, value: current * 12.0, form: NumberForm::Words, scale: 12.0 });
    }
    // The scale of a spelled number is its last scale word ("two million" → 1e6).
    let scale = match last {
        Some(WordRole::Scale | WordRole::Hundred) => number_word(w, end - 1).map_or(1.0, |(v, _)| v),
        _ => 1.0,
    };
    Some(Number { start: i, end, value: total + current, form: NumberForm::Words, scale })
}

/// Words that stand for numbers without being cardinals: "a dozen", "a couple of", "half",
/// "dozens", "tens of thousands", "double", "twice".
fn special_at(w: Words<'_>, i: usize) -> Option<Number> {
    let number = |end, value, form| Some(Number { start: i, end, value, form, scale: 1.0 });
    // The token is compared with many words: slice it once.
    let token = w.get(i);
    let is = |word: &str| token.eq_ignore_ascii_case(word);
    if is("a") || is("one") {
        if w.is(i + 1, "dozen") {
            return number(i + 2, 12.0, NumberForm::Words);
        }
        if w.is(i + 1, "couple") && w.is(i + 2, "of") {
            return number(i + 2, 2.0, NumberForm::Words);
        }
    }
    // "several thousand", "a few hundred": at least twice the scale.
    let vague = if is("a") { i + 1 } else { i };
    if w.has(vague, WordClass::VagueAmounts) {
        if let Some((scale, WordRole::Hundred | WordRole::Scale)) = number_word(w, vague + 1) {
            return number(vague + 2, 2.0 * scale, NumberForm::VaguePlural);
        }
    }
    let half = is("half");
    if half && (w.is(i + 1, "of") || w.is(i + 1, "the") || w.is(i + 1, "a")) {
        return number(i + 1, 0.5, NumberForm::Fraction);
    }
    // "half million", "quarter million": read with their scale by `scaled_fraction`.
    if (half || is("quarter")) && w.lex.fraction_scales.get(w.get(i + 1)).copied().is_some() {
        return number(i + 1, if half { 0.5 } else { 0.25 }, NumberForm::Fraction);
    }
    if let Some(low) = w.value(i, WordClass::VaguePlurals, &w.lex.vague_plurals).copied() {
        // "tens of thousands", "hundreds of thousands": the plural multiplies the scale.
        if w.is(i + 1, "of") {
            if let Some(scale) =
                w.value(i + 2, WordClass::VaguePlurals, &w.lex.vague_plurals).copied().filter(|s| *s >= 2000.0)
            {
                return number(i + 3, low * scale / 2.0, NumberForm::VaguePlural);
            }
        }
        if is("tens") || is("scores") {
            return None;
        }
        return number(i + 1, low, NumberForm::VaguePlural);
    }
    if let Some(m) = w.value(i, WordClass::Multipliers, &w.lex.multipliers).copied() {
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
    if let Some(d) = w.value(k, WordClass::Denominators, &w.lex.denominators).copied() {
        // "three quarters" yes; "1,000 thirds" no: numerators are small.
        if n.value >= 1.0 && n.value < d.max(10.0) && n.scale == 1.0 {
            let value = n.value / d;
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
            let value = n.value / d.value;
            return Some(Number { end: d.end, value, form: NumberForm::Fraction, ..n });
        }
    }
    None
}

/// "a third", "a quarter", "a half": the article as numerator; with a scale after it, "a
/// quarter of a million".
pub fn article_fraction_at(w: Words<'_>, i: usize) -> Option<Number> {
    let n = article_fraction(w, i)?;
    Some(scaled_fraction(w, n).unwrap_or(n))
}

/// [`article_fraction_at`] without the scale, for mixed numbers ("two and a half million").
fn article_fraction(w: Words<'_>, i: usize) -> Option<Number> {
    if !(w.is(i, "a") || w.is(i, "one")) {
        return None;
    }
    let d = w.value(i + 1, WordClass::Denominators, &w.lex.denominators).copied()?;
    if w.get(i + 1).ends_with('s') {
        return None;
    }
    let value = 1.0 / d;
    Some(Number { start: i, end: i + 2, value, form: NumberForm::Fraction, scale: 1.0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens::tokenize;

    fn read(text: &str) -> Option<(f64, NumberForm, String)> {
        let toks = tokenize(text, crate::lexicon::Lexicon::english());
        let w = Words::new(text, &toks, crate::lexicon::Lexicon::english());
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
            ("one-third of the claims", 1.0 / 3.0, Fraction, "one-third"),
            ("two thirds of voters", 2.0 / 3.0, Fraction, "two thirds"),
            ("a third of Iraq", 1.0 / 3.0, Fraction, "a third"),
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
    fn number_start_words_fold() {
        for word in crate::lexicon::Lexicon::english().number_starts.words() {
            for variant in [word.to_string(), word.to_ascii_uppercase()] {
                let toks = tokenize(&variant, crate::lexicon::Lexicon::english());
                assert!(may_start(Words::new(&variant, &toks, crate::lexicon::Lexicon::english()), 0), "{variant:?}");
            }
        }
        for other in ["the", "that", "an", "hal", "halfs", "@", "on"] {
            let toks = tokenize(other, crate::lexicon::Lexicon::english());
            assert!(!is_start_word(Words::new(other, &toks, crate::lexicon::Lexicon::english()), 0), "{other:?}");
        }
    }

    #[test]
    fn number_scaled_decimals_are_exact() {
        let text = "2.03 million 1.1 billion 0.7 trillion";
        let toks = crate::segment::tokens::tokenize(text, crate::lexicon::Lexicon::english());
        let w = Words::new(text, &toks, crate::lexicon::Lexicon::english());
        let values: Vec<f64> = [0, 2, 4].iter().filter_map(|&i| parse_at(w, i).map(|n| n.value)).collect();
        assert_eq!(values, [2_030_000.0, 1_100_000_000.0, 700_000_000_000.0]);
    }

    #[test]
    fn number_reads_news_extras() {
        use NumberForm::*;
        let rows: &[(&str, f64, NumberForm, &str)] = &[
            ("1 trillion", 1e12, Digits, "1 trillion"),
            ("40\u{202f}000 voters", 40000.0, Digits, "40\u{202f}000"),
            ("1 414 021 100 people", 1414021100.0, Digits, "1 414 021 100"),
            ("3/4 of", 0.75, Fraction, "3/4"),
            ("2 1/2 years", 2.5, Digits, "2 1/2"),
            ("½ of", 0.5, Fraction, "½"),
            ("2½ million", 2.5e6, Digits, "2½ million"),
            (".08 limit", 0.08, Digits, ".08"),
            ("half a million", 5e5, Words, "half a million"),
            ("a quarter of a million", 2.5e5, Words, "a quarter of a million"),
            ("half a dozen eggs", 6.0, Words, "half a dozen"),
            ("one and a half", 1.5, Words, "one and a half"),
            ("five and a half million fish", 5.5e6, Words, "five and a half million"),
            ("3 million and a half", 3.5e6, Digits, "3 million and a half"),
            ("one hundred and three quarters", 100.75, Words, "one hundred and three quarters"),
            ("three dozen eggs", 36.0, Words, "three dozen"),
            ("three lakh crore", 3e12, Words, "three lakh crore"),
            ("minus 5 percent", -5.0, Digits, "minus 5"),
            // Dates and names with slashes are not fractions.
            ("9/11 attacks", 9.0, Digits, "9"),
            ("24/7 coverage", 24.0, Digits, "24"),
            ("5/17/2018", 5.0, Digits, "5"),
        ];
        for (text, value, form, span) in rows {
            let got = read(text);
            assert_eq!(got, Some((*value, *form, span.to_string())), "reading {text:?}");
        }
    }

    #[test]
    fn number_rejects_non_numbers() {
        for text in
            ["192.168.1.2", "8th Division", "1990s", "29km", "a few", "the third", "tens alone", ",5", "a negative one"]
        {
            assert_eq!(read(text), None, "reading {text:?}");
        }
    }
}
