//! What looks like a number but is not a claim: years, dates, clock times, durations, ages,
//! ordinals, numbers inside names and codes, page numbers, phone numbers, "one" as an
//! article, and referring numbers ("all three").
//!
//! Each rule is a function returning the rule id that rejected the number, so the reason
//! can be tested and explained.

use super::number::{Number, NumberForm};
use super::QuantityKind;
use crate::rules::Rule;
use crate::segment::{TokenKind, Words};

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
) -> Option<Rule> {
    let after = w.get(n.end);
    let before = if n.start > 0 { w.get(n.start - 1) } else { "" };
    // The word after a range's second number: "one to two weeks" (not after a percent sign:
    // "5% year on year" is a claim).
    let after_range = w.get(number_end);
    if n.form == NumberForm::Digits && is_year_like(w.get(n.start)) && n.end == n.start + 1 {
        let counted = w.lex.is_plural(after) && w.kind(n.end) == Some(TokenKind::Word);
        if !counted || w.lex.determiners.contains(before) {
            return Some(Rule::NotQuantityYear);
        }
    }
    if w.lex.months.contains(before) || (before == "." && n.start >= 2 && w.lex.months.contains(w.get(n.start - 2))) {
        return Some(Rule::NotQuantityDate);
    }
    if w.lex.months.contains(after) && n.form == NumberForm::Digits && w.get(n.start).len() <= 2 {
        return Some(Rule::NotQuantityDate);
    }
    if w.lex.time_units.contains(after)
        || w.lex.time_units.contains(after_range)
        || (after == "-" && w.joined(n.end) && w.lex.time_units.contains(w.get(n.end + 1)))
    {
        return Some(Rule::NotQuantityDuration);
    }
    // "aged 25", "aged between 18 and 30".
    if w.lex.age_words.contains(before) || (expr.start > 0 && w.lex.age_words.contains(w.get(expr.start - 1))) {
        return Some(Rule::NotQuantityAge);
    }
    if locates_place(w, number_end) {
        return Some(Rule::NotQuantityLocation);
    }
    let clock_minutes =
        before == ":" && w.joined(n.start) && n.start >= 2 && w.kind(n.start - 2) == Some(TokenKind::Number);
    if clock_minutes
        || (after == ":" && w.joined(n.end) && w.kind(n.end + 1) == Some(TokenKind::Number))
        || w.lex.clock_words.contains(after)
        || (after.eq_ignore_ascii_case("a.m") || after.eq_ignore_ascii_case("p.m"))
    {
        return Some(Rule::NotQuantityClock);
    }
    if is_code(w, n) {
        return Some(Rule::NotQuantityCode);
    }
    if w.lex.label_words.contains(before)
        || (before == "." && n.start >= 2 && w.lex.label_words.contains(w.get(n.start - 2)))
    {
        return Some(Rule::NotQuantityLabel);
    }
    if is_name_number(w, n, &expr, sentence_start) {
        return Some(Rule::NotQuantityName);
    }
    if n.form == NumberForm::Words && n.value == 1.0 && n.end == n.start + 1 && !has_qualifier {
        return Some(Rule::NotQuantityArticleOne);
    }
    if before.eq_ignore_ascii_case("all") || before.eq_ignore_ascii_case("both") {
        return Some(Rule::NotQuantityReferring);
    }
    if before.eq_ignore_ascii_case("one") && after.eq_ignore_ascii_case("of") {
        return Some(Rule::NotQuantityOneOf);
    }
    None
}

/// A bracketed amount that restates the measure just before it in other units: "80 mph
/// (130 km/h)", "a 5-mile (8 km) stretch", "$100 (£80)". The same quantity, so not a second
/// claim; "12 people (including 3 children)" counts something else and stays one. `claim` is
/// the bracketed quantity, `previous` the claim before it in its sentence.
pub fn conversion(w: Words<'_>, claim: &super::Quantity, previous: Option<&super::Quantity>) -> Option<Rule> {
    let previous = previous?;
    let open = w.index_at(claim.span.start).checked_sub(1)?;
    if !matches!(w.get(open), "(" | "[") {
        return None;
    }
    // The bracket opens right after the previous quantity and its unit.
    let (unit, previous_unit) = (claim.unit.as_ref()?, previous.unit.as_ref()?);
    let previous_end = previous_unit.span.map_or(previous.span.end, |u| u.end.max(previous.span.end));
    if w.index_at(previous_end) != open {
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
    glued_to_word || phone_like || signed
}

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
    if !w.is_capitalized(name) || possessive || w.lex.person_verbs.contains(word) || w.lex.weekdays.contains(word) {
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
    let counted = next_word && (w.lex.is_plural(w.get(next)) || w.lex.elliptic_heads.contains(w.get(next)));
    if n.start < 2 || w.kind(name - 1) != Some(TokenKind::Word) {
        return false;
    }
    let first = w.get(name - 1);
    let closed_class =
        w.lex.prepositions.contains(first) || w.lex.determiners.contains(first) || w.lex.clause_words.contains(first);
    let two_words = w.is_capitalized(name - 1) && !closed_class;
    let one_word = !w.lex.prepositions.contains(first) && !w.is_capitalized(next);
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
    if !word.ends_with('s') || w.lex.lemma(word).eq_ignore_ascii_case(word) {
        return false;
    }
    let after = w.get(k + 1);
    match w.kind(k + 1) {
        None => true,
        Some(TokenKind::Punct) => matches!(after, "." | ";" | ":" | "!" | "?"),
        Some(TokenKind::Word) => {
            !after.eq_ignore_ascii_case("of")
                && (w.lex.prepositions.contains(after)
                    || w.lex.determiners.contains(after)
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
    if !w.lex.length_units.contains(w.get(k)) {
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
        let toks = tokenize(text);
        let w = Words::new(text, &toks, crate::lexicon::Lexicon::english());
        let n = parse_at(w, at).expect("a number");
        reason(w, &n, n.start..n.end, n.end, false, at == 0).map(Rule::id)
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
