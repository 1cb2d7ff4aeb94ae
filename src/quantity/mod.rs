//! Stage 4: quantities — numbers that make claims, with qualifier, bounds and unit.
//!
//! Input: the text, its [`Segments`], the entity mentions and the time expressions. Output:
//! `Vec<Quantity>` in text order. For each sentence the tokens are read left to right:
//! [`number`] reads a number, [`qualifier`] the hedge before or after it, ranges and money
//! and percent signs are joined, [`not_quantity`] drops dates, years, durations, codes and the
//! like, and [`unit`] finds the counted noun.

pub mod not_quantity;
pub mod number;
pub mod qualifier;
pub mod unit;

use crate::gazetteer::{EntityMention, NameForm};
use crate::lexicon::Lexicon;
use crate::rules::Rule;
use crate::segment::{Segments, TokenKind, WordClass, Words};
use crate::span::Span;
use crate::time::TimeExpression;
use number::{Number, NumberForm};
pub use qualifier::Qualifier;

/// What kind of amount a quantity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityKind {
    /// A count of things: "2,500 fighters".
    Count,
    /// "40%", "40 percent".
    Percent,
    /// "$2 billion", "€300 million".
    Money,
    /// "one-third", "half of".
    Fraction,
    /// "double", "twice as many".
    Multiplier,
}

impl QuantityKind {
    /// The name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            QuantityKind::Count => "count",
            QuantityKind::Percent => "percent",
            QuantityKind::Money => "money",
            QuantityKind::Fraction => "fraction",
            QuantityKind::Multiplier => "multiplier",
        }
    }
}

/// What is counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The words as written ("IS fighters"); `None` when the noun is implied ("2,500 in Iraq").
    pub span: Option<Span>,
    /// Singular lower-case head noun, or a currency code, or `percent`.
    pub lemma: String,
}

/// A number that makes a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The words of the quantity, qualifier included: "more than 100", "$2 billion".
    pub span: Span,
    /// Index of the sentence that holds it.
    pub sentence: usize,
    /// Point value (null for ranges and open bounds).
    pub value: Option<f64>,
    /// Lower bound.
    pub low: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// The hedge.
    pub qualifier: Qualifier,
    /// Count, percent, money...
    pub kind: QuantityKind,
    /// The counted thing.
    pub unit: Option<Unit>,
    /// The quantity this one is compared to ("38 attacks, up from 61"; "rose from 200 to 400").
    pub compared_to: Option<Comparison>,
    /// Rule ids that fired.
    pub rules: Vec<Rule>,
}

/// A comparison between two quantities of one sentence: the reference keeps its own claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    /// Index (in the output vector) of the reference quantity: "61" in "up from 61".
    pub reference: usize,
    /// The words that state the relation: "up from", "compared with", "rose from".
    pub relation: Span,
}

/// Find the quantities of every sentence.
///
/// ```
/// let text = "IS had around 80,000 fighters, including more than 42,000 foreign terrorists.";
/// let lex = claimex::lexicon::Lexicon::english();
/// let seg = claimex::segment::split(text, lex);
/// let q = claimex::quantity::find(text, &seg, &[], &claimex::time::find(text, &seg, lex), lex);
/// let got: Vec<(&str, &str)> = q
///     .iter()
///     .map(|q| (q.span.slice(text), q.unit.as_ref().unwrap().lemma.as_str()))
///     .collect();
/// assert_eq!(got, [("around 80,000", "fighter"), ("more than 42,000", "terrorist")]);
/// ```
pub fn find(
    text: &str,
    segments: &Segments,
    mentions: &[EntityMention],
    times: &[TimeExpression],
    lex: &Lexicon,
) -> Vec<Quantity> {
    let mut out = Vec::new();
    for (s, sentence) in segments.sentences.iter().enumerate() {
        let w = Words::new(text, &segments.tokens[sentence.tokens.clone()], lex);
        let first = out.len();
        let mut i = 0;
        while i < w.len() {
            // The cheap test first, inline: few tokens can start a number.
            if number::may_start(w, i) {
                let (document, earlier) = out.split_at(first);
                if let Some((q, end)) = read_quantity(w, i, s, mentions, times, earlier, document) {
                    out.extend(q);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        link_comparisons(w, &mut out[first..], first);
    }
    out
}

fn is_symbol(s: &str) -> bool {
    !s.chars().any(char::is_alphabetic)
}

fn in_time(times: &[TimeExpression], span: Span) -> bool {
    let k = times.partition_point(|t| t.span.end <= span.start);
    times.get(k).is_some_and(|t| t.span.overlaps(span))
}

/// A number expression as the parser reads it, before any claim filter: the number, the
/// currency symbol and hedge before it, the second number of a range, the trailing hedge and
/// the percent or currency word after it.
struct Reading<'l> {
    n: Number,
    /// Tokens of the whole expression.
    start: usize,
    end: usize,
    /// One past the number (or the range's second number), before trailing words.
    number_end: usize,
    currency: Option<&'l str>,
    qualifier: Qualifier,
    has_qualifier: bool,
    low_high: Option<(f64, f64)>,
    kind: QuantityKind,
    unit: Option<Unit>,
    /// `percent` or the currency code, when the words after or before say so.
    code: Option<&'l str>,
    rules: Vec<Rule>,
}

/// Read the number that starts at token `i`.
fn read_number(w: Words<'_>, i: usize) -> Option<Number> {
    if !number::may_start(w, i) {
        return None;
    }
    number::parse_at(w, i).or_else(|| number::article_fraction_at(w, i)).or_else(|| hedged_half(w, i))
}

/// Read the expression around number `n`: hedges, currency, range, percent.
fn read<'l>(w: Words<'l>, n: Number) -> Reading<'l> {
    // Room for every rule a quantity collects: no regrowth while they are pushed.
    let mut rules = Vec::with_capacity(6);
    rules.push(match n.form {
        NumberForm::Digits => Rule::QuantityDigits,
        NumberForm::Words => Rule::QuantityWords,
        NumberForm::Fraction => Rule::QuantityFraction,
        NumberForm::Multiplier => Rule::QuantityMultiplier,
        NumberForm::VaguePlural => Rule::QuantityVaguePlural,
    });
    let mut r = Reading {
        n,
        start: n.start,
        end: n.end,
        number_end: n.end,
        currency: None,
        qualifier: Qualifier::Exact,
        has_qualifier: false,
        low_high: None,
        kind: match n.form {
            NumberForm::Fraction => QuantityKind::Fraction,
            NumberForm::Multiplier => QuantityKind::Multiplier,
            _ => QuantityKind::Count,
        },
        unit: None,
        code: None,
        rules,
    };

    // Money symbol before the number ("$2", "US$2bn"), then the hedge before that.
    if r.start > 0 {
        let before = w.get(r.start - 1);
        let currency = w.value(r.start - 1, WordClass::Currencies, &w.lex.currencies);
        if let Some(code) = currency.filter(|_| is_symbol(before)).map(|c| &**c) {
            r.currency = Some(code);
            r.start -= 1;
            if w.get(r.start) == "$" && r.start > 0 && w.joined(r.start) {
                if let Some((_, code)) = w.lex.dollar_prefixes.iter().find(|(p, _)| *p == w.get(r.start - 1)) {
                    r.currency = Some(code);
                    r.start -= 1;
                }
            }
        }
    }
    if r.currency.is_none() && r.start > 0 {
        // "Rs 24 lakh", "Rs. 500", "USD 10 million": a capitalised code before the number.
        let stop = w.get(r.start - 1) == "." && r.start > 1 && w.joined(r.start - 1);
        let k = if stop { r.start - 2 } else { r.start - 1 };
        if let Some(code) =
            w.value(k, WordClass::CurrencyPrefixes, &w.lex.currency_prefixes).filter(|_| w.is_capitalized(k))
        {
            r.currency = Some(&**code);
            r.start = k;
        }
    }
    if let Some((q_start, q)) = qualifier::before(w, r.start) {
        r.qualifier = q;
        r.has_qualifier = true;
        r.start = q_start;
        r.rules.push(Rule::QuantityQualifier);
    }

    // A range: "1,500–3,000", "1,500 to 3,000", "between 5 and 7", "two or three".
    if let Some((m, joiner_start)) = range_after(w, &n) {
        let from_between =
            r.start == n.start && n.start > 0 && (w.is(n.start - 1, "between") || w.is(n.start - 1, "from"));
        // "rose from 200 to 400" is a change, two numbers (see `link_comparisons`).
        let change = from_between
            && w.is(n.start - 1, "from")
            && n.start >= 2
            && w.lex.change_words.contains(w.get(n.start - 2));
        let needs_between = w.is(joiner_start, "and");
        if (!needs_between || from_between) && !change {
            let low = if m.scale > 1.0 && n.scale == 1.0 && n.value * m.scale <= m.value {
                n.value * m.scale
            } else {
                n.value
            };
            if m.value > low {
                r.low_high = Some((low, m.value));
                r.end = m.end;
                r.number_end = m.end;
                if from_between {
                    r.start = n.start - 1;
                }
                r.qualifier = Qualifier::Range;
                r.rules.push(Rule::QuantityRange);
            }
        }
    }
    if let Some((q_end, q)) = qualifier::after(w, r.end) {
        if r.low_high.is_none() {
            r.qualifier = q;
            r.has_qualifier = true;
            r.end = q_end;
            r.rules.push(Rule::QuantityQualifierAfter);
        }
    }
    if r.low_high.is_none() && r.has_qualifier {
        bounds_range(w, &mut r);
    }
    if n.form == NumberForm::VaguePlural && r.qualifier == Qualifier::Exact {
        r.qualifier = Qualifier::AtLeast;
    }

    // Percent and money words after the number.
    let end = r.end;
    let after = w.get(end);
    let percentage_points =
        after.eq_ignore_ascii_case("percentage") && (w.is(end + 1, "point") || w.is(end + 1, "points"));
    if w.has(end, WordClass::PercentWords) && !percentage_points && !(w.get(end + 1) == "-" && w.joined(end + 1)) {
        r.unit = Some(Unit { span: Some(w.span(end, end + 1)), lemma: "percent".into() });
        r.kind = QuantityKind::Percent;
        r.code = Some("percent");
        r.end += 1;
    } else if after.eq_ignore_ascii_case("per") && w.is(end + 1, "cent") {
        r.unit = Some(Unit { span: Some(w.span(end, end + 2)), lemma: "percent".into() });
        r.kind = QuantityKind::Percent;
        r.code = Some("percent");
        r.end += 2;
    } else if let Some(code) = r.currency {
        r.unit = Some(Unit { span: Some(w.span(r.start.max(n.start.saturating_sub(2)), n.start)), lemma: code.into() });
        r.kind = QuantityKind::Money;
        r.code = Some(code);
        r.rules.push(Rule::UnitCurrencySymbol);
    } else if let Some(code) =
        w.value(end, WordClass::Currencies, &w.lex.currencies).filter(|_| !is_symbol(after)).map(|c| &**c)
    {
        // The currency word is the unit, not part of the quantity's words ("2 million dollars").
        r.unit = Some(Unit { span: Some(w.span(end, end + 1)), lemma: code.into() });
        r.kind = if code == "cent" { QuantityKind::Count } else { QuantityKind::Money };
        r.code = Some(code);
        r.rules.push(Rule::UnitCurrencyWord);
    }
    if r.kind == QuantityKind::Percent {
        r.rules.push(Rule::UnitPercent);
    }
    r
}

/// "more than half", "almost half": a bare "half" after a hedge is a fraction.
fn hedged_half(w: Words<'_>, i: usize) -> Option<Number> {
    (w.is(i, "half") && qualifier::before(w, i).is_some()).then_some(Number {
        start: i,
        end: i + 1,
        value: 0.5,
        form: NumberForm::Fraction,
        scale: 1.0,
    })
}

/// Two bounds joined by "and" make one range: "more than 10 and less than 40", "at most 100
/// and at least 20". Bounds that leave no room ("more than 40 and less than 10") stay apart.
fn bounds_range(w: Words<'_>, r: &mut Reading) {
    if !w.is(r.end, "and") {
        return;
    }
    let lower = |q: Qualifier| matches!(q, Qualifier::AtLeast | Qualifier::MoreThan);
    let upper = |q: Qualifier| matches!(q, Qualifier::AtMost | Qualifier::LessThan | Qualifier::UpTo);
    // The second hedge starts right after "and"; its number follows within a few words.
    let Some((q2, m)) = (r.end + 2..r.end + 8).find_map(|k| {
        let (_, q) = qualifier::before(w, k).filter(|(s, _)| *s == r.end + 1)?;
        let m = number::parse_at(w, k).or_else(|| number::article_fraction_at(w, k))?;
        Some((q, m))
    }) else {
        return;
    };
    let (low, high) = match (lower(r.qualifier), upper(q2), upper(r.qualifier), lower(q2)) {
        (true, true, _, _) => (r.n.value, m.value),
        (_, _, true, true) => (m.value, r.n.value),
        _ => return,
    };
    let plain = |f: NumberForm| !matches!(f, NumberForm::Multiplier | NumberForm::VaguePlural);
    if low < high && plain(m.form) && plain(r.n.form) {
        r.low_high = Some((low, high));
        r.qualifier = Qualifier::Range;
        r.end = m.end;
        r.number_end = m.end;
        r.rules.push(Rule::QuantityRangeBounds);
    }
}

/// Why a reading makes no claim (the rule id), or `None` when it may make one. The unit
/// idioms ("a million times") are checked later, once the unit is known.
fn not_claim(w: Words<'_>, r: &Reading, times: &[TimeExpression]) -> Option<Rule> {
    let n = &r.n;
    early_not_claim(w, n, times).or_else(|| late_not_claim(w, r, &[]))
}

/// The filters that need only the number: run before the expression is read, as most
/// rejected numbers are dates and times.
fn early_not_claim(w: Words<'_>, n: &Number, times: &[TimeExpression]) -> Option<Rule> {
    if in_time(times, w.span(n.start, n.end)) {
        return Some(Rule::NotQuantityTime);
    }
    if n.form == NumberForm::Multiplier && !multiplier_compares(w, n) {
        return Some(Rule::NotQuantityMultiplier);
    }
    None
}

/// The filters that need the expression (its start, its hedge).
fn late_not_claim(w: Words<'_>, r: &Reading, mentions: &[EntityMention]) -> Option<Rule> {
    let n = &r.n;
    let sentence_start = r.start == 0 || (r.start == 1 && w.kind(0) == Some(TokenKind::Punct));
    // A range's first number is no article: "one to two fighters".
    let hedged = r.has_qualifier || r.low_high.is_some();
    not_quantity::reason(w, n, r.start..r.end, r.number_end, hedged, sentence_start, mentions)
}

/// Read the quantity whose number starts at token `i`, with the index past it: `None` when
/// no number starts there, `(None, end)` for a number expression that makes no claim (its
/// words are skipped whole, so the second number of "aged one to four" is not read again).
#[inline(never)]
fn read_quantity(
    w: Words<'_>,
    i: usize,
    sentence: usize,
    mentions: &[EntityMention],
    times: &[TimeExpression],
    earlier: &[Quantity],
    document: &[Quantity],
) -> Option<(Option<Quantity>, usize)> {
    let n = read_number(w, i)?;
    if early_not_claim(w, &n, times).is_some() {
        return None;
    }
    let mut r = read(w, n);
    if late_not_claim(w, &r, mentions).is_some() {
        return Some((None, r.number_end));
    }
    if r.unit.is_none() {
        r.unit = counted_unit(w, &r.n, r.start, r.end, mentions, earlier, &mut r.rules);
        // "hundreds of millions of dollars": a currency noun found as the counted noun.
        if let Some(u) = r.unit.as_mut() {
            let code = u.span.and_then(|s| w.value(w.index_at(s.end) - 1, WordClass::Currencies, &w.lex.currencies));
            if let Some(code) = code.filter(|c| !is_symbol(c) && &***c != "cent") {
                u.lemma = code.to_string();
                r.kind = QuantityKind::Money;
            }
        }
    }
    if r.kind == QuantityKind::Money {
        if let Some(u) = r.unit.as_mut() {
            if refine_currency(w, &r.n, u) {
                r.kind = QuantityKind::Count;
            }
        }
    }
    if let Some(u) = r.unit.as_ref().filter(|u| u.lemma == "time" || u.lemma == "way") {
        // "50 times the level", "nine times higher": a multiplicative comparison.
        let after = u.span.map_or(r.end, |s| w.index_at(s.end));
        if u.lemma == "time" && w.lex.times_comparatives.contains(w.get(after)) && r.n.form != NumberForm::Multiplier {
            r.kind = QuantityKind::Multiplier;
            r.unit = compared_noun(w, after).map(|np| Unit { span: Some(w.span(np.start, np.end)), lemma: np.lemma });
            r.end = after;
            r.rules.push(Rule::QuantityMultiplier);
            if r.unit.is_some() {
                r.rules.push(Rule::UnitComparedNoun);
            }
        } else if u.lemma == "way" || hyperbole(&r.n) {
            // "a million times", "two ways": idioms, not claims.
            return Some((None, r.number_end));
        }
        // "downgraded nine times", "mentioned it 44 times": a count of occurrences.
    }
    if refers_back(w, &r, earlier, document) {
        return Some((None, r.number_end));
    }
    // Claims write fractions with four decimals (GUIDELINES.md: "one-third" → 0.3333).
    let value = if r.kind == QuantityKind::Fraction { (r.n.value * 10_000.0).round() / 10_000.0 } else { r.n.value };
    let (value, low, high) = match r.low_high {
        Some((lo, hi)) => (None, Some(lo), Some(hi)),
        None => r.qualifier.bounds(value),
    };
    let q = Quantity {
        span: w.span(r.start, r.end),
        sentence,
        value,
        low,
        high,
        qualifier: r.qualifier,
        kind: r.kind,
        unit: r.unit,
        compared_to: None,
        rules: r.rules,
    };
    // Checked once the unit is known, like the idioms above.
    if not_quantity::conversion(w, &q, earlier.last()).is_some() {
        return Some((None, r.end));
    }
    Some((Some(q), r.end))
}

/// A number expression found by [`numbers`], whether or not it makes a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// The whole expression: hedge, currency symbol, number or range, trailing hedge and
    /// percent sign ("more than $2 billion", "40 per cent", "between 5 and 7").
    pub span: Span,
    /// The number alone, or both numbers of a range: "2 billion", "40", "5 and 7".
    pub number: Span,
    /// Point value (null for ranges and open bounds, as in [`Quantity`]).
    pub value: Option<f64>,
    /// Lower bound.
    pub low: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// The hedge.
    pub qualifier: Qualifier,
    /// True when hedge words were read (even `exact` ones: "equal to 20").
    pub hedged: bool,
    /// How the (first) number is written.
    pub form: NumberForm,
    /// Count, percent, money...
    pub kind: QuantityKind,
    /// Currency code for money ("usd"), `percent`, or `None`.
    pub unit: Option<String>,
    /// The rule id of the claim filter that rejects it (Rule::NotQuantityYear), or `None`
    /// when [`find`] may report it as a claim.
    pub not_claim: Option<Rule>,
}

/// Every number expression the parser reads in `text`, claim filters reported apart
/// ([`NumberMention::not_claim`]) rather than applied: years, dates, codes and ordinals-like
/// labels are listed too, marked with the rule that keeps them out of the claims.
///
/// ```
/// use claimex::quantity::numbers;
/// let text = "In 2024, up to 1\u{a0}200 people paid US$2bn, or 40 per cent.";
/// let found = numbers(text);
/// let got: Vec<_> = found
///     .iter()
///     .map(|n| (n.span.slice(text), n.value, n.high, n.unit.as_deref(), n.not_claim.map(|r| r.id())))
///     .collect();
/// assert_eq!(got, [
///     ("2024", Some(2024.0), None, None, Some("not_quantity.time")),
///     ("up to 1\u{a0}200", None, Some(1200.0), None, None),
///     ("US$2bn", Some(2e9), None, Some("usd"), None),
///     ("40 per cent", Some(40.0), None, Some("percent"), None),
/// ]);
/// ```
pub fn numbers(text: &str) -> Vec<NumberMention> {
    let lex = Lexicon::english();
    let segments = crate::segment::split(text, lex);
    numbers_in(text, &segments, &crate::time::find(text, &segments, lex), lex)
}

/// [`numbers`] over segments and time expressions already computed.
pub fn numbers_in(text: &str, segments: &Segments, times: &[TimeExpression], lex: &Lexicon) -> Vec<NumberMention> {
    let mut out = Vec::new();
    for sentence in &segments.sentences {
        let w = Words::new(text, &segments.tokens[sentence.tokens.clone()], lex);
        let mut i = 0;
        while i < w.len() {
            let Some(n) = read_number(w, i) else {
                i += 1;
                continue;
            };
            let r = read(w, n);
            let (value, low, high) = match r.low_high {
                Some((lo, hi)) => (None, Some(lo), Some(hi)),
                None => r.qualifier.bounds(r.n.value),
            };
            out.push(NumberMention {
                span: w.span(r.start, r.end),
                number: w.span(r.n.start, r.number_end),
                value,
                low,
                high,
                qualifier: r.qualifier,
                hedged: r.has_qualifier,
                form: r.n.form,
                kind: r.kind,
                unit: r.code.map(str::to_string),
                not_claim: not_claim(w, &r, times),
            });
            i = r.end;
        }
    }
    out
}

/// "double"/"triple" compare only before a determiner or possessive ("double last year's
/// level", "triple the number"); "twice" before "as"/"the"; "threefold" before a noun.
fn multiplier_compares(w: Words<'_>, n: &Number) -> bool {
    let (word, next) = (w.get(n.start), w.get(n.end));
    let lex = w.lex;
    if lex.twice_words.contains(word) {
        lex.twice_objects.contains(next)
    } else {
        !lex.verb_multipliers.contains(word) && lex.multiplier_objects.contains(next)
    }
}

/// What a multiplier compares with, named after it: "double its renewable energy
/// production", "50 times the level", "nine times higher than the expected rate". None before
/// a time word ("double last year's level": the thing is named before) or with no determiner.
fn compared_noun(w: Words<'_>, at: usize) -> Option<unit::NounPhrase> {
    let mut k = at;
    if w.get(k).ends_with("er") && w.lex.comparison_than.contains(w.get(k + 1)) {
        k += 2;
    }
    if !w.has(k, WordClass::Determiners) || w.has(k, WordClass::TimeAdverbs) {
        return None;
    }
    while w.has(k, WordClass::Determiners) {
        k += 1;
    }
    unit::noun_phrase(w, k)
}

/// A currency read from a word says too little on its own: "176 Hong Kong dollars" are
/// Hong Kong's (`dollar_places`), and "weighed 243 pounds" is a weight (`weight_units`), not
/// sterling. True when the amount turns out to be no money.
fn refine_currency(w: Words<'_>, n: &Number, u: &mut Unit) -> bool {
    let Some(span) = u.span else { return false };
    let noun = w.index_at(span.end) - 1;
    if w.kind(noun) != Some(TokenKind::Word) {
        return false;
    }
    if noun > n.end {
        let words: Vec<&str> = (n.end..noun).map(|k| w.get(k)).collect();
        if let Some(code) = w.lex.dollar_places.get(&words.join(" ")) {
            u.lemma = code.to_string();
        }
    }
    // The cue stands in the number's own phrase: a few words back, no comma between.
    let weighed = || {
        (n.start.saturating_sub(4)..n.start)
            .rev()
            .take_while(|&k| w.get(k) != ",")
            .any(|k| w.lex.weight_cues.contains(w.get(k)))
    };
    match w.lex.weight_units.get(w.get(noun)) {
        Some(weight) if weighed() => {
            u.lemma = weight.to_string();
            true
        }
        _ => false,
    }
}

/// "the five companies", "These 11", "All 14 companies": a count after a definite
/// determiner that repeats a count made earlier in the document (same value, same noun, or
/// no noun of its own) refers back to it, and is no new claim (GUIDELINES).
fn refers_back(w: Words<'_>, r: &Reading, earlier: &[Quantity], document: &[Quantity]) -> bool {
    let determiner = r.start > 0 && w.has(r.start - 1, WordClass::ReferringDeterminers);
    if !determiner || r.start != r.n.start || r.low_high.is_some() || r.kind != QuantityKind::Count {
        return false;
    }
    let lemma = r.unit.as_ref().map(|u| u.lemma.as_str());
    document.iter().chain(earlier).any(|q| {
        q.value == Some(r.n.value)
            && q.kind == QuantityKind::Count
            && (lemma.is_none() || q.unit.as_ref().map(|u| u.lemma.as_str()) == lemma)
    })
}

/// A second number that closes a range after `n`, with the index of the joining token.
fn range_after(w: Words<'_>, n: &Number) -> Option<(Number, usize)> {
    if n.form == NumberForm::Multiplier || n.form == NumberForm::VaguePlural {
        return None;
    }
    let j = n.end;
    let joiner = w.get(j);
    // "225.86 -12.99": a minus sign glued to the next number starts a new, negative number.
    if !w.has(j, WordClass::RangeJoiners) || number::is_sign(w, j) {
        return None;
    }
    let k = if w.get(j + 1) == "$" { j + 2 } else { j + 1 };
    let m = number::parse_at(w, k)?;
    let same_family =
        matches!((n.form, m.form), (NumberForm::Digits, NumberForm::Digits) | (NumberForm::Words, NumberForm::Words));
    // "or" joins only small spelled numbers ("two or three"), not "38 strikes or 90".
    if joiner == "or" && n.form != NumberForm::Words {
        return None;
    }
    // "2014-2017" and "in 2019 and 2020" are years, handled by the time stage.
    if not_quantity::is_year_like(w.get(n.start)) && not_quantity::is_year_like(w.get(m.start)) {
        return None;
    }
    same_family.then_some((m, j))
}

/// The counted noun for a quantity whose words are tokens `start..end`.
fn counted_unit(
    w: Words<'_>,
    n: &Number,
    start: usize,
    end: usize,
    mentions: &[EntityMention],
    earlier: &[Quantity],
    rules: &mut Vec<Rule>,
) -> Option<Unit> {
    let from_np = |np: unit::NounPhrase| Unit { span: Some(w.span(np.start, np.end)), lemma: np.lemma };
    let mut k = end;
    // "one-third of the claims", "dozens of ISIS suspects", "a third of Iraq and Syria".
    let of_phrase =
        w.is(k, "of") && !matches!(n.form, NumberForm::Digits | NumberForm::Words if unit::head(w, k).is_some());
    if of_phrase {
        k += 1;
        while w.has(k, WordClass::Determiners) {
            k += 1;
        }
        // "Ten of the 18 staffers": the whole's own count stands before its noun.
        if k > end + 1 && w.kind(k) == Some(TokenKind::Number) && unit::head(w, k + 1).is_some() {
            k += 1;
        }
        let mention_at = mentions
            .iter()
            .find(|m| m.form == NameForm::Name && w.tokens.get(k).is_some_and(|t| t.span.start == m.span.start));
        // "a third of WeWork's staff", "half of Marin County's cell sites": a possessive name
        // determines the noun after it, which is what is counted, not the name's territory.
        let possessive_end = match mention_at {
            Some(m) => {
                let ending = w.lex.possessive_endings.words().find(|e| w.text[m.span.end..].starts_with(e));
                ending.map(|e| w.index_at(m.span.end + e.len()).saturating_sub(1))
            }
            None => {
                (w.is_capitalized(k) && w.lex.possessive_endings.words().any(|e| w.get(k).ends_with(e))).then_some(k)
            }
        };
        // A count may stand between them ("a third of WeWork's 12,000 employees").
        let noun_at = possessive_end
            .map(|last| (last + 1..w.len()).find(|&j| w.kind(j) != Some(TokenKind::Number)).unwrap_or(w.len()));
        if let Some(at) = noun_at.filter(|&at| unit::head(w, at).is_some()) {
            if let Some(np) = unit::noun_phrase(w, at) {
                rules.push(Rule::UnitOfPhrase);
                return Some(from_np(np));
            }
        }
        if mention_at.is_some() && n.form == NumberForm::Fraction {
            rules.push(Rule::UnitFractionOfPlace);
            return Some(Unit { span: None, lemma: "territory".into() });
        }
        if let Some(np) = unit::noun_phrase(w, k) {
            rules.push(Rule::UnitOfPhrase);
            return Some(from_np(np));
        }
    }
    // "one-third as many IS-claimed incidents", "twice as many attacks".
    let as_many = w.lex.as_many_phrases.words().find(|ph| w.is_seq(end, ph)).map(|ph| ph.split(' ').count());
    if let Some(words) = as_many {
        if let Some(np) = unit::noun_phrase(w, end + words) {
            rules.push(Rule::UnitAsMany);
            return Some(from_np(np));
        }
    }
    // "half the size", "a third the price": a fraction before a determiner compares too.
    let compares =
        n.form == NumberForm::Multiplier || (n.form == NumberForm::Fraction && w.has(end, WordClass::Determiners));
    if compares {
        if let Some(np) = compared_noun(w, end) {
            rules.push(Rule::UnitComparedNoun);
            return Some(from_np(np));
        }
        // "its number of attacks is expected to double last year's level": the thing compared
        // is the nearest plural noun before.
        if let Some(h) = (0..n.start).rev().find(|&h| w.kind(h) == Some(TokenKind::Word) && w.is_plural(h)) {
            rules.push(Rule::UnitComparedNoun);
            return Some(Unit { span: Some(w.span(h, h + 1)), lemma: w.lemma(h) });
        }
    }
    // A unit abbreviation right after the number is the unit, whatever noun follows ("a
    // 1.64 GW plan", "176 hp engine").
    if w.value(end, WordClass::UnitAbbreviations, &w.lex.unit_abbreviations).is_some() {
        rules.push(Rule::UnitNounPhrase);
        return Some(Unit { span: Some(w.span(end, end + 1)), lemma: w.lemma(end) });
    }
    // Compound adjectives: "a 55-kilometer zone" counts kilometres; so does "a 14 day
    // quarantine" its days (a measured duration: the time noun is the unit).
    if w.has(end, WordClass::TimeUnits) {
        rules.push(Rule::UnitHyphenCompound);
        return Some(Unit { span: Some(w.span(end, end + 1)), lemma: w.lemma(end) });
    }
    if w.get(end) == "-" && w.joined(end) && w.kind(end + 1) == Some(TokenKind::Word) {
        rules.push(Rule::UnitHyphenCompound);
        return Some(Unit { span: Some(w.span(end + 1, end + 2)), lemma: w.lemma(end + 1) });
    }
    match unit::noun_phrase(w, end) {
        Some(np) if !w.lex.elliptic_heads.contains(w.get(np.head)) => {
            rules.push(Rule::UnitNounPhrase);
            Some(from_np(np))
        }
        elliptic => {
            // "900 personnel in Syria and 2,500 in Iraq", "killing three militants and
            // detaining four others": the noun is the one counted just before.
            let span = elliptic.map(|np| w.span(np.start, np.end));
            if span.is_none() {
                if let Some(found) = market_quote(w, n, start, end, rules) {
                    return Some(found);
                }
                if let Some(found) = figure_of(w, start, rules) {
                    return Some(found);
                }
            }
            // Never a percentage: a number without its own percent sign is none ("fell 0.36%,
            // to 27,934.02" is an index level).
            if let Some(prev) = earlier.iter().rev().find_map(|q| q.unit.as_ref().filter(|u| u.lemma != "percent")) {
                rules.push(Rule::UnitEllipticPrevious);
                return Some(Unit { span, lemma: prev.lemma.clone() });
            }
            // The verb stands before the hedge: "kill at least 41". "force(s)" only with "to"
            // after the number ("Wildfire forces 30,000 to flee"): otherwise it is more often
            // the noun of a name ("Task Force 16").
            let verb = start.checked_sub(1).map_or("", |k| w.get(k));
            let forced_to =
                (verb.eq_ignore_ascii_case("forces") || verb.eq_ignore_ascii_case("force")) && w.is(end, "to");
            let verb_before = w.lex.person_verbs.contains(verb) || forced_to;
            if verb_before || span.is_some() {
                rules.push(Rule::UnitEllipticPerson);
                return Some(Unit { span, lemma: "person".into() });
            }
            None
        }
    }
}

/// The unit of a bare number that quotes a market: a bond price moved in 32nds after a verb
/// of change ("notes rose 7/32": points), or a currency's rate per another currency ("the yen
/// strengthened to 108.55 per dollar": yen, the currency named before it in the sentence).
fn market_quote(w: Words<'_>, n: &Number, start: usize, end: usize, rules: &mut Vec<Rule>) -> Option<Unit> {
    let lex = w.lex;
    let text = w.span(n.start, n.end).slice(w.text);
    if n.form == NumberForm::Fraction && start > 0 && lex.change_verbs.contains(w.get(start - 1)) {
        let point = text.rsplit_once('/').and_then(|(_, d)| lex.price_fractions.get(d));
        if let Some(unit) = point {
            rules.push(Rule::UnitPriceFraction);
            return Some(Unit { span: None, lemma: unit.to_string() });
        }
    }
    if !lex.rate_markers.contains(w.get(end)) {
        return None;
    }
    // The currency it is per: "dollar" or "dollars".
    let per = w.get(end + 1);
    let code_of = |word: &str| lex.currencies.get(word).or_else(|| lex.currencies.get(&format!("{word}s")));
    let per_code = code_of(per)?;
    let quoted = (0..start)
        .rev()
        .find_map(|k| code_of(w.get(k)).filter(|c| *c != per_code && w.kind(k) == Some(TokenKind::Word)))?;
    rules.push(Rule::UnitExchangeRate);
    Some(Unit { span: None, lemma: quoted.to_string() })
}

/// Smallest round number that "N times" counts only as hyperbole ("a hundred times", "a
/// million times"), when written in words.
const HYPERBOLE_AT: f64 = 100.0;

/// "a million times", "a thousand times": a round number in words, said for emphasis.
fn hyperbole(n: &Number) -> bool {
    n.form == NumberForm::Words && n.value >= HYPERBOLE_AT && n.value.log10().fract() == 0.0
}

/// Farthest "the number of" stands before the number it gives, in tokens.
const FIGURE_REACH: usize = 16;

/// The noun a bare number counts by what stands before it: "readings of 999" (the plural
/// right before "of"), "the number of electric vehicles ... to grow from 16" (what "the
/// number/total of" counts, earlier in the clause).
fn figure_of(w: Words<'_>, start: usize, rules: &mut Vec<Rule>) -> Option<Unit> {
    let lex = w.lex;
    // "one night out of 17": the whole counts the part's noun.
    if start >= 3
        && w.is(start - 1, "of")
        && lex.ratio_markers.contains(w.get(start - 2))
        && w.kind(start - 3) == Some(TokenKind::Word)
        && !w.has(start - 3, WordClass::ClauseWords)
    {
        rules.push(Rule::UnitNounOf);
        return Some(Unit { span: Some(w.span(start - 3, start - 2)), lemma: w.lemma(start - 3) });
    }
    if start >= 2
        && w.is(start - 1, "of")
        && w.kind(start - 2) == Some(TokenKind::Word)
        && w.is_plural(start - 2)
        && !w.has(start - 2, WordClass::FigureNouns)
    {
        rules.push(Rule::UnitNounOf);
        return Some(Unit { span: Some(w.span(start - 2, start - 1)), lemma: w.lemma(start - 2) });
    }
    let from = start.saturating_sub(FIGURE_REACH);
    let at = (from..start.saturating_sub(1))
        .rev()
        .take_while(|&k| !w.has(k, WordClass::ClauseBreaks))
        .find(|&k| w.has(k, WordClass::FigureNouns) && w.is(k + 1, "of"))?;
    let np = unit::noun_phrase(w, at + 2).filter(|np| np.end <= start)?;
    rules.push(Rule::UnitFigureOf);
    Some(Unit { span: Some(w.span(np.start, np.end)), lemma: np.lemma })
}

/// Comparisons between the quantities of one sentence. "... 61 strikes, up from 40": the
/// later number is the reference of the one before. "rose from 200 to 400": the number after
/// "from" is the reference of the one after "to". "rose to 400 from 200": likewise.
fn link_comparisons(w: Words<'_>, quantities: &mut [Quantity], offset: usize) {
    for k in 1..quantities.len() {
        let at = w.index_at(quantities[k].span.start);
        let cue = w.lex.comparison_cues.words().find_map(|c| {
            let n = c.split(' ').count();
            (at >= n && w.is_seq(at - n, c)).then(|| w.span(at - n, at))
        });
        let prev_at = w.index_at(quantities[k - 1].span.start);
        let from_change = at >= 1
            && w.is(at - 1, "to")
            && prev_at >= 2
            && w.is(prev_at - 1, "from")
            && w.lex.change_words.contains(w.get(prev_at - 2));
        let to_from = at >= 1 && w.is(at - 1, "from") && prev_at >= 1 && w.is(prev_at - 1, "to");
        if let Some(relation) = cue {
            quantities[k - 1].compared_to = Some(Comparison { reference: offset + k, relation });
        } else if from_change {
            let relation = w.span(prev_at - 2, prev_at);
            quantities[k].compared_to = Some(Comparison { reference: offset + k - 1, relation });
        } else if to_from {
            let relation = w.span(at - 1, at);
            quantities[k - 1].compared_to = Some(Comparison { reference: offset + k, relation });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quantities of `text` with no gazetteer mentions.
    fn found(text: &str) -> Vec<Quantity> {
        let lex = crate::lexicon::Lexicon::english();
        let seg = crate::segment::split(text, lex);
        find(text, &seg, &[], &crate::time::find(text, &seg, lex), lex)
    }

    /// (text, value, low, high, qualifier, unit lemma)
    type Row = (String, Option<f64>, Option<f64>, Option<f64>, &'static str, Option<String>);

    fn quantities(text: &str) -> Vec<Row> {
        let seg = crate::segment::split(text, crate::lexicon::Lexicon::english());
        find(
            text,
            &seg,
            &[],
            &crate::time::find(text, &seg, crate::lexicon::Lexicon::english()),
            crate::lexicon::Lexicon::english(),
        )
        .into_iter()
        .map(|q| {
            (q.span.slice(text).to_string(), q.value, q.low, q.high, q.qualifier.as_str(), q.unit.map(|u| u.lemma))
        })
        .collect()
    }

    fn row(t: &str, v: Option<f64>, l: Option<f64>, h: Option<f64>, q: &'static str, u: &str) -> Row {
        (t.to_string(), v, l, h, q, Some(u.to_string()))
    }

    #[test]
    fn quantity_news_sentences() {
        let cases: Vec<(&str, Vec<_>)> = vec![
            (
                "By mid-2025, the number had dropped to an estimated 1,500–3,000 fighters operating in Syria.",
                vec![row("an estimated 1,500–3,000", None, Some(1500.0), Some(3000.0), "range", "fighter")],
            ),
            (
                "The Pentagon began to transfer up to 7,000 IS detainees from Syria.",
                vec![row("up to 7,000", None, None, Some(7000.0), "up_to", "detainee")],
            ),
            (
                "The US maintains 900 personnel in Syria and 2,500 in Iraq.",
                vec![
                    row("900", Some(900.0), None, None, "exact", "personnel"),
                    row("2,500", Some(2500.0), None, None, "exact", "personnel"),
                ],
            ),
            (
                "SDF forces detained dozens of ISIS suspects without firing a shot.",
                vec![row("dozens", None, Some(24.0), None, "at_least", "suspect")],
            ),
            (
                "That would be around one-third of the claims made.",
                vec![row("around one-third", Some(0.3333), None, None, "approx", "claim")],
            ),
            (
                "Aid rose to $2 billion in 2024 and 40% of it went to Syria.",
                vec![
                    row("$2 billion", Some(2e9), None, None, "exact", "usd"),
                    row("40%", Some(40.0), None, None, "exact", "percent"),
                ],
            ),
            (
                "They have foiled at least a dozen major plots this year.",
                vec![row("at least a dozen", None, Some(12.0), None, "at_least", "plot")],
            ),
            (
                "between 1,500 and 3,000 fighters",
                vec![row("between 1,500 and 3,000", None, Some(1500.0), Some(3000.0), "range", "fighter")],
            ),
            ("two or three envoys", vec![row("two or three", None, Some(2.0), Some(3.0), "range", "envoy")]),
            (
                "killing three militants and detaining four others.",
                vec![
                    row("three", Some(3.0), None, None, "exact", "militant"),
                    row("four", Some(4.0), None, None, "exact", "militant"),
                ],
            ),
            ("It has been 21 years since December 13, 2025 and the 8th Division in 2014.", vec![]),
            (
                "IS claimed 38 attacks, up from 61 strikes.",
                vec![
                    row("38", Some(38.0), None, None, "exact", "attack"),
                    row("61", Some(61.0), None, None, "exact", "strike"),
                ],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(quantities(text), want, "in {text:?}");
        }
    }

    #[test]
    fn quantity_elliptic_object_counts_people() {
        for (text, want) in [
            (
                "Floods kill at least 41 in Nigeria.",
                vec![row("at least 41", None, Some(41.0), None, "at_least", "person")],
            ),
            (
                "Gunmen abducted 20 and injured nearly 30.",
                vec![
                    row("20", Some(20.0), None, None, "exact", "person"),
                    row("nearly 30", Some(30.0), None, None, "approx", "person"),
                ],
            ),
        ] {
            assert_eq!(quantities(text), want, "in {text:?}");
        }
    }

    #[test]
    fn quantity_numbers_lists_every_number_with_its_filter() {
        type Row<'t> = (&'t str, &'t str, Option<f64>, Option<f64>, Option<f64>, Option<&'t str>, Option<&'static str>);
        let rows: &[(&str, Vec<Row>)] = &[
            (
                "About 40% of 2,500 fighters, F-16 jets and Resolution 2254.",
                vec![
                    ("About 40%", "40", Some(40.0), None, None, Some("percent"), None),
                    ("2,500", "2,500", Some(2500.0), None, None, None, None),
                    ("16", "16", Some(16.0), None, None, None, Some("not_quantity.code")),
                    ("2254", "2254", Some(2254.0), None, None, None, Some("not_quantity.label")),
                ],
            ),
            (
                "between 5 and 7 boats, more than 10 and less than 40 ships",
                vec![
                    ("between 5 and 7", "5 and 7", None, Some(5.0), Some(7.0), None, None),
                    ("more than 10 and less than 40", "10 and less than 40", None, Some(10.0), Some(40.0), None, None),
                ],
            ),
            (
                "half a million people, two and a half million, 3/4 and ½ and minus 5",
                vec![
                    ("half a million", "half a million", Some(5e5), None, None, None, None),
                    ("two and a half million", "two and a half million", Some(2.5e6), None, None, None, None),
                    ("3/4", "3/4", Some(0.75), None, None, None, None),
                    ("½", "½", Some(0.5), None, None, None, None),
                    ("minus 5", "minus 5", Some(-5.0), None, None, None, None),
                ],
            ),
            ("Which one do you prefer? The one.", vec![]),
        ];
        for (text, want) in rows {
            let found = numbers(text);
            let got: Vec<_> = found
                .iter()
                .map(|m| {
                    (
                        m.span.slice(text),
                        m.number.slice(text),
                        m.value,
                        m.low,
                        m.high,
                        m.unit.as_deref(),
                        m.not_claim.map(Rule::id),
                    )
                })
                .collect();
            assert_eq!(got, *want, "in {text:?}");
        }
    }

    #[test]
    fn quantity_comparison_links_reference() {
        let text = "IS claimed 38 attacks, up from 61 strikes.";
        let q = found(text);
        let c = q[0].compared_to.expect("a comparison");
        assert_eq!((c.reference, c.relation.slice(text)), (1, "up from"));
        for (text, compared, reference, relation) in [
            ("Attacks rose from 200 to 400 this year.", 1, 0, "rose from"),
            ("Prices fell to 80 cents from 95 cents.", 0, 1, "from"),
            ("The toll was 12 deaths, compared with 30 deaths last year.", 0, 1, "compared with"),
            ("Arrests saw a threefold increase from 20 to 60 suspects.", 2, 1, "increase from"),
        ] {
            let q = found(text);
            let c = q[compared].compared_to.unwrap_or_else(|| panic!("no comparison in {text:?}: {q:?}"));
            assert_eq!((c.reference, c.relation.slice(text)), (reference, relation), "in {text:?}");
        }
    }
}
