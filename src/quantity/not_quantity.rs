//! What looks like a number but is not a claim: years, dates, clock times, durations, ages,
//! ordinals, numbers inside names and codes, page numbers, phone numbers, "one" as an
//! article, and referring numbers ("all three").
//!
//! Each rule is a function returning the rule id that rejected the number, so the reason
//! can be tested and explained.

use super::number::{Number, NumberForm};
use super::QuantityKind;
use crate::gazetteer::EntityMention;
use crate::rules::Rule;
use crate::segment::{TokenKind, WordClass, WordClasses, Words};

/// Why a number at `n` is not a claim, or `None` when it may be one. `expr` is the whole
/// expression's tokens (hedge, range, trailing hedge and percent word included), and
/// `number_end` is one past its last number (the second of a range).
pub fn reason(
    w: Words<'_>,
    n: &Number,
    expr: std::ops::Range<usize>,
    number_end: usize,
    has_qualifier: bool,
    sentence_start: bool,
    mentions: &[EntityMention],
) -> Option<Rule> {
    let after = w.get(n.end);
    let before = if n.start > 0 { w.get(n.start - 1) } else { "" };
    // The word after a range's second number: "one to two weeks" (not after a percent sign:
    // "5% year on year" is a claim).
    let before_is = |class| n.start > 0 && w.has(n.start - 1, class);
    if n.form == NumberForm::Digits && is_year_like(w.get(n.start)) && n.end == n.start + 1 {
        let counted = w.is_plural(n.end) && w.kind(n.end) == Some(TokenKind::Word);
        let dated = before_is(WordClass::Determiners)
            || w.lex.year_nouns.contains(before)
            || w.lex.year_preceders.contains(before);
        if !counted || dated {
            return Some(Rule::NotQuantityYear);
        }
    }
    if before_is(WordClass::Months) || (before == "." && n.start >= 2 && w.has(n.start - 2, WordClass::Months)) {
        return Some(Rule::NotQuantityDate);
    }
    if w.has(n.end, WordClass::Months) && n.form == NumberForm::Digits && w.get(n.start).len() <= 2 {
        return Some(Rule::NotQuantityDate);
    }
    // "a 90-day extension", "13.8-billion-year": a duration glued to the number.
    let glued = |k: usize| w.get(k) == "-" && w.joined(k) && w.joined(k + 1);
    let hyphenated = glued(n.end)
        && (w.has(n.end + 1, WordClass::TimeUnits)
            || (w.value(n.end + 1, WordClass::Scales, &w.lex.scales).is_some()
                && glued(n.end + 2)
                && w.has(n.end + 3, WordClass::TimeUnits)));
    // "billions of years".
    let of_time = n.form == NumberForm::VaguePlural && w.is(n.end, "of") && w.has(n.end + 1, WordClass::TimeUnits);
    // "a year and a half": the fraction of a duration.
    let duration_fraction = n.form == NumberForm::Fraction
        && n.start >= 2
        && w.lex.duration_joiners.contains(w.get(n.start - 1))
        && w.has(n.start - 2, WordClass::TimeUnits);
    if duration_fraction || of_time {
        return Some(Rule::NotQuantityDuration);
    }
    if (w.has(n.end, WordClass::TimeUnits) || w.has(number_end, WordClass::TimeUnits) || hyphenated)
        && !measured_duration(w, n, &expr, number_end)
    {
        return Some(Rule::NotQuantityDuration);
    }
    // "aged 25", "aged between 18 and 30".
    if before_is(WordClass::AgeWords) || (expr.start > 0 && w.has(expr.start - 1, WordClass::AgeWords)) {
        return Some(Rule::NotQuantityAge);
    }
    if is_apposed_age(w, n, &expr, has_qualifier) {
        return Some(Rule::NotQuantityAge);
    }
    if is_address(w, n, &expr) {
        return Some(Rule::NotQuantityAddress);
    }
    if is_benchmark(w, n) {
        return Some(Rule::NotQuantityBenchmark);
    }
    if n.form == NumberForm::Fraction && is_article_ordinal(w, n) {
        return Some(Rule::NotQuantityOrdinal);
    }
    if locates_place(w, number_end) {
        return Some(Rule::NotQuantityLocation);
    }
    let clock_minutes =
        before == ":" && w.joined(n.start) && n.start >= 2 && w.kind(n.start - 2) == Some(TokenKind::Number);
    if clock_minutes
        || (after == ":" && w.joined(n.end) && w.kind(n.end + 1) == Some(TokenKind::Number))
        || w.has(n.end, WordClass::ClockWords)
        || (after.eq_ignore_ascii_case("a.m") || after.eq_ignore_ascii_case("p.m"))
    {
        return Some(Rule::NotQuantityClock);
    }
    if is_code(w, n) {
        return Some(Rule::NotQuantityCode);
    }
    if before_is(WordClass::LabelWords)
        || (matches!(before, "." | ":") && n.start >= 2 && w.has(n.start - 2, WordClass::LabelWords))
        || (before_is(WordClass::CallVerbs) && n.form == NumberForm::Digits)
    {
        return Some(Rule::NotQuantityLabel);
    }
    if is_name_number(w, n, &expr, sentence_start) || is_model_number(w, n, &expr, mentions, sentence_start) {
        return Some(Rule::NotQuantityName);
    }
    if n.form == NumberForm::Words
        && n.value == 1.0
        && n.end == n.start + 1
        && !has_qualifier
        && !w.lex.one_counts_after.contains(before)
    {
        return Some(Rule::NotQuantityArticleOne);
    }
    // "all three", "both"; "the two" stands for "both" ("the two companies", "the two were").
    let the_two = n.form == NumberForm::Words
        && n.value == 2.0
        && expr.start == n.start
        && before_is(WordClass::ReferringDeterminers);
    // "all three" refers back; "All 14 companies" may be a new count (see `refers_back`).
    let all = before.eq_ignore_ascii_case("all") && n.form != NumberForm::Digits;
    if all || before.eq_ignore_ascii_case("both") || the_two {
        return Some(Rule::NotQuantityReferring);
    }
    if before.eq_ignore_ascii_case("one") && after.eq_ignore_ascii_case("of") {
        return Some(Rule::NotQuantityOneOf);
    }
    None
}

/// Longest tail of a unit between it and a restating bracket, in tokens ("per gallon", "-wide").
const RESTATED_UNIT_TAIL: usize = 3;

/// A bracketed amount that restates the measure just before it in other units: "80 mph
/// (130 km/h)", "a 5-mile (8 km) stretch", "$100 (£80)". The same quantity, so not a second
/// claim; "12 people (including 3 children)" counts something else and stays one. `claim` is
/// the bracketed quantity, `previous` the claim before it in its sentence.
pub fn conversion(w: Words<'_>, claim: &super::Quantity, previous: Option<&super::Quantity>) -> Option<Rule> {
    let previous = previous?;
    let open = w.index_at(claim.span.start).checked_sub(1)?;
    // "2,750 tons, or 2,500 metric tons": "or" restates as a bracket does.
    let or = w.has(open, WordClass::Coordinators) && w.lex.restating_coordinators.contains(w.get(open));
    let open = if or && open > 0 && w.get(open - 1) == "," { open - 1 } else { open };
    if !(or || matches!(w.get(open), "(" | "[")) {
        return None;
    }
    // The bracket opens right after the previous quantity and its unit, and what completes
    // the unit ("1,900-mile-wide (3,100 kilometers)", "90 miles per gallon (38 ...)").
    let (unit, previous_unit) = (claim.unit.as_ref()?, previous.unit.as_ref()?);
    let previous_end = previous_unit.span.map_or(previous.span.end, |u| u.end.max(previous.span.end));
    let gap = w.index_at(previous_end)..open;
    if gap.len() > RESTATED_UNIT_TAIL
        || gap.clone().any(|k| !(w.kind(k) == Some(TokenKind::Word) || (w.get(k) == "-" && w.joined(k))))
    {
        return None;
    }
    let same = match (claim.kind, previous.kind) {
        (QuantityKind::Money, QuantityKind::Money) => unit.lemma != previous_unit.lemma,
        (QuantityKind::Count, QuantityKind::Count) => {
            let measure = |u: &super::Unit| u.span.and_then(|s| super::unit::measure(w, w.index_at(s.end) - 1));
            let here = measure(unit);
            here.is_some() && here == measure(previous_unit)
        }
        _ => false,
    };
    same.then_some(Rule::NotQuantityConversion)
}

/// Four digits between 1800 and 2100, written without a separator.
pub fn is_year_like(token: &str) -> bool {
    token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit()) && matches!(token.parse::<u32>(), Ok(1800..=2100))
}

/// "COVID-19", "F-16", "MH17"-style codes and phone numbers ("555-0100-22").
fn is_code(w: Words<'_>, n: &Number) -> bool {
    let i = n.start;
    let glued_to_word =
        i >= 2 && w.get(i - 1) == "-" && w.joined(i - 1) && w.joined(i) && w.kind(i - 2) == Some(TokenKind::Word);
    let phone_like = n.form == NumberForm::Digits
        && w.get(n.end) == "-"
        && w.joined(n.end)
        && w.kind(n.end + 1) == Some(TokenKind::Number)
        && w.joined(n.end + 1)
        && w.get(n.end + 1).len() >= 3
        && w.get(n.start).len() >= 3
        && w.get(n.end + 2) == "-";
    let signed = i >= 1 && matches!(w.get(i - 1), "+" | "#" | "№") && w.joined(i);
    glued_to_word || phone_like || signed || in_glued_chain(w, i) || is_score_or_model(w, n)
}

/// "787-9", "won 3-1": two glued numbers, the second smaller, are a model or a score, not
/// a range (a range rises: "30-600").
fn is_score_or_model(w: Words<'_>, n: &Number) -> bool {
    let plain = |k: usize| w.kind(k) == Some(TokenKind::Number) && w.get(k).bytes().all(|b| b.is_ascii_digit());
    let value = |k: usize| w.get(k).parse::<u64>().ok();
    let pair = |a: usize| {
        plain(a) && w.get(a + 1) == "-" && w.joined(a + 1) && w.joined(a + 2) && plain(a + 2) && value(a + 2) < value(a)
    };
    n.form == NumberForm::Digits && (pair(n.start) || (n.start >= 2 && pair(n.start - 2)))
}

/// A number in a run of numbers glued by slashes, hyphens and dots with three joints or more:
/// identifiers ("10.1007/978-3-319-09575-2"), not amounts.
fn in_glued_chain(w: Words<'_>, i: usize) -> bool {
    let joint = |k: usize| matches!(w.get(k), "/" | "-" | "." | "_") && w.joined(k) && w.joined(k + 1);
    let (mut a, mut b) = (i, i);
    while a >= 2 && joint(a - 1) && w.kind(a - 2) == Some(TokenKind::Number) {
        a -= 2;
    }
    while joint(b + 1) && matches!(w.kind(b + 2), Some(TokenKind::Number | TokenKind::Word)) {
        b += 2;
    }
    (b - a) / 2 >= 3
}

/// "Noel, 31, is charged", "said Jane Roe, 47.": a small whole number set off by commas
/// after a capitalised name is the person's age.
fn is_apposed_age(w: Words<'_>, n: &Number, expr: &std::ops::Range<usize>, has_qualifier: bool) -> bool {
    let plain = n.form == NumberForm::Digits && n.end == n.start + 1 && expr.start == n.start && !has_qualifier;
    if !plain || !(1.0..=120.0).contains(&n.value) || n.value.fract() != 0.0 || n.start < 2 {
        return false;
    }
    let set_off = w.get(n.start - 1) == ","
        && w.is_capitalized(n.start - 2)
        && (matches!(w.get(n.end), "," | ")") || (w.get(n.end) == "." && n.end + 1 == w.len()));
    // "Ryan Doe 31, of Springfield": the residence after the age marks it too.
    let residence = w.is_capitalized(n.start - 1)
        && w.get(n.end) == ","
        && w.lex.residence_prepositions.contains(w.get(n.end + 1))
        && w.is_capitalized(n.end + 2);
    set_off || residence
}

/// "1909 Elm Drive", "10 Downing Street": a house number before one to three capitalised
/// words and a street word.
fn is_address(w: Words<'_>, n: &Number, expr: &std::ops::Range<usize>) -> bool {
    if n.form != NumberForm::Digits || expr.start != n.start || n.end != n.start + 1 {
        return false;
    }
    // "3170 W. County Road": initials' stops inside the street name.
    let names = (n.end..n.end + 5).take_while(|&k| w.is_capitalized(k) || (w.get(k) == "." && w.joined(k))).count();
    (1..=names).any(|k| w.lex.street_words.contains(w.get(n.end + k)) && w.is_capitalized(n.end + k))
}

/// "from zero to 60 mph", "0-60 mph": the acceleration test's name, both of its numbers.
fn is_benchmark(w: Words<'_>, n: &Number) -> bool {
    let joins = |k: usize| w.is(k, "to") || w.get(k) == "-";
    let zero_to = |k: usize| n.value == 0.0 && joins(k) && w.lex.benchmark_units.contains(w.get(k + 2));
    let after_zero = n.start >= 2
        && joins(n.start - 1)
        && w.value(n.start - 2, WordClass::NumberWords, &w.lex.number_words)
            .map_or(w.get(n.start - 2) == "0", |(v, _)| *v == 0.0)
        && w.lex.benchmark_units.contains(w.get(n.end));
    // "(97 kph)" restating the benchmark's speed.
    let restated = n.start >= 2
        && w.get(n.start - 1) == "("
        && w.lex.benchmark_units.contains(w.get(n.start - 2))
        && w.lex.benchmark_units.contains(w.get(n.end));
    zero_to(n.end) || after_zero || restated
}

/// "a third straight day", "a seventh consecutive session": an article and an ordinal
/// before a word, not a fraction ("a third of", "a third more", "cut by a third.").
fn is_article_ordinal(w: Words<'_>, n: &Number) -> bool {
    let article = w.is(n.start, "a") && n.end == n.start + 2;
    let next = w.get(n.end);
    article
        && w.kind(n.end) == Some(TokenKind::Word)
        && !next.eq_ignore_ascii_case("of")
        && !w.has(n.end, WordClass::Prepositions)
        && !w.lex.fraction_followers.contains(next)
}

/// A model number, not a count: "roughly 400 737 Max jets" (a number right after a count),
/// "the embattled 737 Max", "five 787 Dreamliner sales" (before a capitalised word that is
/// no known name, demonym or plural), "The 777 program" (a bare three-digit number between
/// "the" and a singular noun).
fn is_model_number(
    w: Words<'_>,
    n: &Number,
    expr: &std::ops::Range<usize>,
    mentions: &[EntityMention],
    sentence_start: bool,
) -> bool {
    let token = w.get(n.start);
    let bare = n.form == NumberForm::Digits
        && expr.start == n.start
        && n.end == n.start + 1
        && token.len() >= 3
        && token.bytes().all(|b| b.is_ascii_digit());
    if !bare {
        return false;
    }
    // "400 737 Max jets", "30 Boeing 787 jets": after a count, or a name after a count.
    let after_count = |k: usize| w.kind(k) == Some(TokenKind::Number) && !w.joined(k + 1);
    if (n.start > 0 && after_count(n.start - 1))
        || (n.start > 1 && w.is_capitalized(n.start - 1) && after_count(n.start - 2))
    {
        return true;
    }
    let next = w.get(n.end);
    let named = |k: usize| {
        let t = w.span(k, k + 1);
        let at = mentions.partition_point(|m| m.span.end <= t.start);
        mentions.get(at).is_some_and(|m| m.span.overlaps(t))
    };
    let capital_name = w.is_capitalized(n.end)
        && !sentence_start
        && next.chars().any(char::is_lowercase)
        && !w.is_plural(n.end)
        && !w.lex.elliptic_heads.contains(next)
        && !w.has(n.end, WordClass::Months)
        && !named(n.end)
        && !title_case(w);
    let the_singular = n.start > 0
        && w.is(n.start - 1, "the")
        && w.kind(n.end) == Some(TokenKind::Word)
        && next.chars().all(char::is_lowercase)
        && !w.is_plural(n.end)
        && !w.lex.elliptic_heads.contains(next)
        && !w.has(n.end, WordClass::Scales);
    capital_name || the_singular
}

/// A title-case line (a headline): most longer words capitalised.
fn title_case(w: Words<'_>) -> bool {
    let (mut words, mut capitals) = (0, 0);
    for k in 1..w.len() {
        if w.kind(k) == Some(TokenKind::Word) && w.get(k).len() > 3 {
            words += 1;
            capitals += usize::from(w.is_capitalized(k));
        }
    }
    words >= 3 && capitals * 10 >= words * 7
}

/// True when the duration whose expression is `expr` is the measured quantity, not the
/// time of the claim (GUIDELINES, "Durations"): a penalty, a time taken, a short time "in"
/// or "for" ("0 to 60 mph in 5.8 seconds"). Never after "the past"/"the next", never
/// before "ago"/"later".
fn measured_duration(w: Words<'_>, n: &Number, expr: &std::ops::Range<usize>, number_end: usize) -> bool {
    let hyphen = w.get(number_end) == "-" && w.joined(number_end);
    let unit = if hyphen { number_end + 1 } else { number_end };
    let before = if expr.start > 0 { w.get(expr.start - 1) } else { "" };
    if w.lex.duration_scope_before.contains(before) || w.lex.duration_scope_after.contains(w.get(unit + 1)) {
        return false;
    }
    // A compound duration names the length of the thing after it: "a 90-day extension", "a
    // 21 day recuperation period" (English keeps the unit singular in compounds). Not an age,
    // a record ("a 10-year high") or a security ("10-year notes"), and not after "over".
    let singular = hyphen || (n.value != 1.0 && !w.is_plural(unit));
    if singular && w.has(unit, WordClass::TimeUnits) {
        let next = w.get(unit + 1);
        let scope =
            (expr.start.saturating_sub(3)..expr.start).any(|k| w.lex.duration_scope_prepositions.contains(w.get(k)));
        return w.kind(unit + 1) == Some(TokenKind::Word)
            && !w.lex.duration_compound_exclusions.contains(next)
            && !w.has(unit + 1, WordClass::Prepositions)
            && !scope;
    }
    // "a year and a half into the war": the second number of a duration.
    if w.lex.duration_joiners.contains(w.get(unit + 1)) && w.has(unit + 2, WordClass::NumberStarts) {
        return false;
    }
    let custody = w.has(unit + 1, WordClass::Prepositions) && w.lex.custody_words.contains(w.get(unit + 2));
    let cue = (expr.start.saturating_sub(5)..expr.start)
        .rev()
        .take_while(|&k| w.kind(k) != Some(TokenKind::Punct))
        .any(|k| w.lex.measured_duration_cues.contains(w.get(k)));
    let short = w.lex.measured_time_prepositions.contains(before) && w.lex.short_time_units.contains(w.get(unit));
    custody || cue || short
}

/// Words that cannot be the first word of a two-word name before a number.
const CLOSED_CLASS: WordClasses =
    WordClasses::of(&[WordClass::Prepositions, WordClass::Determiners, WordClass::ClauseWords]);

/// A number right after a capitalised name, with nothing counted after it: "Task Force 16",
/// "the Model 3", "a Boeing 737-800", "released Windows 11".
///
/// Two capitalised words make a name anywhere but at a sentence start ("Five officials"); one
/// only after another word that is no preposition, with no capital after the number: at a
/// clause start ("Only 5 remained", "In Kabul 12 died") a capital is no evidence, nor in a
/// title-case headline ("Gunmen Abduct 20 Students"). Never after a hedge ("Nearly 30"), a
/// possessive, a day name or a verb of people counts ("Floods Kill 41"), and never before a
/// plural or an elliptic head ("Quake Leaves 3 Dead").
fn is_name_number(w: Words<'_>, n: &Number, expr: &std::ops::Range<usize>, sentence_start: bool) -> bool {
    if n.start == 0 || sentence_start || n.form != NumberForm::Digits || expr.start != n.start {
        return false;
    }
    let name = n.start - 1;
    let word = w.get(name);
    let possessive = word.ends_with("’s") || word.ends_with("'s");
    if !w.is_capitalized(name) || possessive || w.lex.person_verbs.contains(word) || w.has(name, WordClass::Weekdays) {
        return false;
    }
    // Nothing read after the number but a glued hyphen that continues a code ("737-800").
    let code_range = w.get(n.end) == "-" && w.joined(n.end) && w.joined(n.end + 1);
    if expr.end != n.end && !code_range {
        return false;
    }
    let next = expr.end;
    let next_word = w.kind(next) == Some(TokenKind::Word);
    // "Task Force 88 tested...": only a plural noun or an elliptic head right after makes it a count.
    let counted = next_word && (w.is_plural(next) || w.lex.elliptic_heads.contains(w.get(next)));
    // "NBC 5 has edited": an acronym opening the sentence names a channel or a model.
    let acronym = word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase());
    if name == 0 && acronym && !counted {
        return true;
    }
    if n.start < 2 || w.kind(name - 1) != Some(TokenKind::Word) {
        return false;
    }
    let closed_class = w.classes(name - 1).any(CLOSED_CLASS);
    let two_words = w.is_capitalized(name - 1) && !closed_class;
    let one_word = !w.has(name - 1, WordClass::Prepositions) && !w.is_capitalized(next);
    if counted {
        // After a two-word name an "-s" word is the name's verb when what follows it can
        // follow no plural noun: "as Task Force 16 arrives in the region", "Gate 12 reopens.".
        return two_words && verb_after_name(w, next);
    }
    two_words || one_word
}

/// True when the "-s" word at `k` reads as a verb: it ends the sentence or clause, or an
/// object, adverb or preposition other than "of" follows it ("arrives in", "joins the").
fn verb_after_name(w: Words<'_>, k: usize) -> bool {
    let word = w.get(k);
    if !word.ends_with('s') || w.lemma(k).eq_ignore_ascii_case(word) {
        return false;
    }
    let after = w.get(k + 1);
    match w.kind(k + 1) {
        None => true,
        Some(TokenKind::Punct) => matches!(after, "." | ";" | ":" | "!" | "?"),
        Some(TokenKind::Word) => {
            !after.eq_ignore_ascii_case("of")
                && (w.classes(k + 1).any(WordClasses::of(&[WordClass::Prepositions, WordClass::Determiners]))
                    || (after.len() > 3 && after.ends_with("ly"))
                    || ["it", "them", "to"].iter().any(|o| w.is(k + 1, o)))
        }
        Some(TokenKind::Number) => false,
    }
}

/// A distance unit at `k` followed by a compass direction and "of": the distance locates a
/// place ("60 km northwest of the capital", "10 miles to the south-east of Kabul").
fn locates_place(w: Words<'_>, k: usize) -> bool {
    let mut k = k;
    if w.is(k, "nautical") {
        k += 1;
    }
    if !w.has(k, WordClass::LengthUnits) {
        return false;
    }
    k += 1;
    if w.is(k, "to") && w.is(k + 1, "the") {
        k += 2;
    }
    if !w.lex.directions.contains(w.get(k)) {
        return false;
    }
    // "north-east", "north east".
    if w.get(k + 1) == "-" && w.lex.directions.contains(w.get(k + 2)) {
        k += 2;
    } else if w.lex.directions.contains(w.get(k + 1)) {
        k += 1;
    }
    w.is(k + 1, "of")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::number::parse_at;
    use crate::segment::tokens::tokenize;

    fn why(text: &str, at: usize) -> Option<&'static str> {
        let toks = tokenize(text, crate::lexicon::Lexicon::english());
        let w = Words::new(text, &toks, crate::lexicon::Lexicon::english());
        let n = parse_at(w, at).expect("a number");
        reason(w, &n, n.start..n.end, n.end, false, at == 0, &[]).map(Rule::id)
    }

    #[test]
    fn not_quantity_rules() {
        let rows: &[(&str, usize, Option<&str>)] = &[
            ("the 2024 elections", 1, Some("not_quantity.year")),
            ("in 2014 the group", 1, Some("not_quantity.year")),
            ("1999 people died", 0, None),
            ("2,024 attacks", 0, None),
            ("on December 13", 2, Some("not_quantity.date")),
            ("on Dec. 2", 3, Some("not_quantity.date")),
            ("21 years of activity", 0, Some("not_quantity.duration")),
            ("Eleven days later", 0, Some("not_quantity.duration")),
            ("a 19-year-old man", 1, Some("not_quantity.duration")),
            ("aged 25", 1, Some("not_quantity.age")),
            ("at 10:30 local time", 1, Some("not_quantity.clock")),
            ("at 5 p.m. local time", 1, Some("not_quantity.clock")),
            ("COVID-19 cases", 2, Some("not_quantity.code")),
            ("F-16 jets", 2, Some("not_quantity.code")),
            ("under Resolution 2254.", 2, Some("not_quantity.label")),
            ("see page 5", 2, Some("not_quantity.label")),
            ("joined Task Force 16 in", 3, Some("not_quantity.name")),
            ("In one case", 1, Some("not_quantity.article_one")),
            ("All three are", 1, Some("not_quantity.referring")),
            ("killed 44 militants", 1, None),
            ("children ages 5", 2, Some("not_quantity.age")),
            ("60 km northwest of the capital", 0, Some("not_quantity.location")),
            ("10 miles to the south-east of Kabul", 0, Some("not_quantity.location")),
            ("200 nautical miles north of", 0, Some("not_quantity.location")),
            ("60 km north to the border", 0, None),
            ("a 55-kilometer zone west of", 1, None),
            ("the Model 3 sold well", 2, Some("not_quantity.name")),
            ("a Boeing 737 crashed", 2, Some("not_quantity.name")),
            ("released Windows 11.", 2, Some("not_quantity.name")),
            ("Floods Kill 41 in Nigeria", 2, None),
            ("Quake Leaves 3 dead", 2, None),
            ("said on Monday 12 were hurt", 3, None),
            ("In Kabul 12 died", 2, None),
            ("Only 5 remained", 1, None),
            ("Hamas fired 15 rockets", 2, None),
        ];
        for (text, at, want) in rows {
            assert_eq!(why(text, *at), *want, "in {text:?}");
        }
    }
}
