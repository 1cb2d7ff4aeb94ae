//! What looks like a number but is not a claim: years, dates, clock times, durations, ages,
//! ordinals, numbers inside names and codes, page numbers, phone numbers, "one" as an
//! article, and referring numbers ("all three").
//!
//! Each rule is a function returning the rule id that rejected the number, so the reason
//! can be tested and explained.

use super::number::{Number, NumberForm};
use crate::segment::{TokenKind, Words};
use crate::words::{DETERMINERS, MONTHS, TIME_UNITS};

/// Words before a number that make it a label: "page 5", "Resolution 2254", "No. 10".
/// Sorted, lower case.
static LABEL_WORDS: crate::words::Table = crate::words::Table::new(&[
    "act",
    "amendment",
    "article",
    "chapter",
    "clause",
    "flight",
    "grade",
    "highway",
    "item",
    "level",
    "no",
    "number",
    "p",
    "page",
    "pages",
    "para",
    "paragraph",
    "phase",
    "pp",
    "resolution",
    "room",
    "route",
    "rule",
    "section",
    "season",
    "series",
    "stage",
    "step",
    "table",
    "version",
    "vol",
    "volume",
]);

/// Words after a number that make it a clock time. Sorted, lower case.
static CLOCK_WORDS: crate::words::Table = crate::words::Table::new(&[
    "a.m",
    "am",
    "bst",
    "cet",
    "edt",
    "est",
    "gmt",
    "hrs",
    "o'clock",
    "o’clock",
    "p.m",
    "pm",
    "utc",
]);

/// Why a number at `n` is not a claim, or `None` when it may be one.
pub fn reason(w: Words<'_>, n: &Number, has_qualifier: bool, sentence_start: bool) -> Option<&'static str> {
    let after = w.get(n.end);
    let before = if n.start > 0 { w.get(n.start - 1) } else { "" };
    if n.form == NumberForm::Digits && is_year_like(w.get(n.start)) && n.end == n.start + 1 {
        let counted = super::unit::is_plural(after) && w.kind(n.end) == Some(TokenKind::Word);
        if !counted || DETERMINERS.contains(before) {
            return Some("not_quantity.year");
        }
    }
    if MONTHS.contains(before) || (before == "." && n.start >= 2 && MONTHS.contains(w.get(n.start - 2))) {
        return Some("not_quantity.date");
    }
    if MONTHS.contains(after) && n.form == NumberForm::Digits && w.get(n.start).len() <= 2 {
        return Some("not_quantity.date");
    }
    if TIME_UNITS.contains(after) || (after == "-" && w.joined(n.end) && TIME_UNITS.contains(w.get(n.end + 1))) {
        return Some("not_quantity.duration");
    }
    if before.eq_ignore_ascii_case("aged") || before.eq_ignore_ascii_case("age") {
        return Some("not_quantity.age");
    }
    let clock_minutes =
        before == ":" && w.joined(n.start) && n.start >= 2 && w.kind(n.start - 2) == Some(TokenKind::Number);
    if clock_minutes
        || (after == ":" && w.joined(n.end) && w.kind(n.end + 1) == Some(TokenKind::Number))
        || CLOCK_WORDS.contains(after)
        || (after.eq_ignore_ascii_case("a.m") || after.eq_ignore_ascii_case("p.m"))
    {
        return Some("not_quantity.clock");
    }
    if is_code(w, n) {
        return Some("not_quantity.code");
    }
    if LABEL_WORDS.contains(before) || (before == "." && n.start >= 2 && LABEL_WORDS.contains(w.get(n.start - 2))) {
        return Some("not_quantity.label");
    }
    if is_name_number(w, n, sentence_start) {
        return Some("not_quantity.name");
    }
    if n.form == NumberForm::Words && n.value == 1.0 && n.end == n.start + 1 && !has_qualifier {
        return Some("not_quantity.article_one");
    }
    if before.eq_ignore_ascii_case("all") || before.eq_ignore_ascii_case("both") {
        return Some("not_quantity.referring");
    }
    if before.eq_ignore_ascii_case("one") && after.eq_ignore_ascii_case("of") {
        return Some("not_quantity.one_of");
    }
    None
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

/// A number right after a capitalised name, with no counted noun after it: "Task Force 16",
/// "Resolution 2254". Not at a sentence start ("Five officials") and not after a possessive.
fn is_name_number(w: Words<'_>, n: &Number, sentence_start: bool) -> bool {
    if n.start == 0 || sentence_start || n.form != NumberForm::Digits {
        return false;
    }
    let before = w.get(n.start - 1);
    let capitalized = w.is_capitalized(n.start - 1) && !before.ends_with("’s") && !before.ends_with("'s");
    // "Task Force 88 tested...": only a plural noun right after makes it a count.
    let counted_after = w.kind(n.end) == Some(TokenKind::Word) && super::unit::is_plural(w.get(n.end));
    capitalized && !counted_after && n.start >= 2 && w.is_capitalized(n.start - 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::number::parse_at;
    use crate::segment::tokens::tokenize;

    fn why(text: &str, at: usize) -> Option<&'static str> {
        let toks = tokenize(text);
        let w = Words::new(text, &toks);
        let n = parse_at(w, at).expect("a number");
        reason(w, &n, false, at == 0)
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
        ];
        for (text, at, want) in rows {
            assert_eq!(why(text, *at), *want, "in {text:?}");
        }
    }
}
