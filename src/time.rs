//! Stage 3: time expressions ("last July", "the first five months of 2025", "mid-2025").
//!
//! Input: the document text. Output: sorted, non-overlapping [`TimeExpression`]s. They serve
//! twice: numbers inside them are dates, not claims, and a claim's `time` is the expression
//! that scopes it. Spans leave out a leading "in/at/by/on/during/over" and keep
//! "since/between/from", as GUIDELINES.md writes them.

use crate::lexicon::{Lexicon, WordClass};
use crate::rules::Rule;
use crate::segment::tokens::{Token, TokenKind};
use crate::segment::Segments;
use crate::span::Span;
use regex_automata::{Anchored, Input};

/// One time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpression {
    /// The words.
    pub span: Span,
    /// The rule that found it, e.g. `time.period`.
    pub rule: Rule,
    /// A date that names a thing ("a Nov. 5 letter", "the September 11, 2001 attacks"): still
    /// a date, not a count, but it places no claim in time.
    pub attributive: bool,
}

/// Every time expression in `text`, whose tokens are `segments.tokens`.
///
/// ```
/// let text = "In the first five months of 2025, IS claimed 38 attacks; by mid-2025 fewer.";
/// let segments = claimex::segment::split(text, claimex::lexicon::Lexicon::english());
/// let found: Vec<&str> =
///     claimex::time::find(text, &segments, claimex::lexicon::Lexicon::english()).iter().map(|t| t.span.slice(text)).collect();
/// assert_eq!(found, ["the first five months of 2025", "mid-2025"]);
/// ```
pub fn find(text: &str, segments: &Segments, lex: &Lexicon) -> Vec<TimeExpression> {
    let mut out = Vec::new();
    let mut resume = 0;
    for token in &segments.tokens {
        let at = token.span.start;
        if at < resume || !can_start(text, token) {
            continue;
        }
        // One anchored multi-pattern search: the match says which pattern (rule) made it.
        // Word boundaries look at the text around the range, as in a search of the whole.
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        let Some(m) = lex.time_patterns.regex.search(&input) else { continue };
        if let Some(t) = accept(text, lex, m.pattern().as_usize(), Span::new(m.start(), m.end())) {
            resume = m.end();
            out.push(t);
        }
    }
    out
}

/// True when a time expression can start at `token`: a number, a month, a day name or a word
/// of `time_starters`, not after an ASCII letter or digit (the patterns open on a word boundary).
fn can_start(text: &str, token: &Token) -> bool {
    let after_word = token.span.start > 0 && text.as_bytes()[token.span.start - 1].is_ascii_alphanumeric();
    // The token's word classes say whether it opens a time (one bit test, no lookup).
    !after_word && (token.kind == TokenKind::Number || token.classes.has(WordClass::TimeOpeners))
}

/// The expression pattern `pattern` matched at `span`, unless its context says otherwise.
fn accept(text: &str, lex: &Lexicon, pattern: usize, span: Span) -> Option<TimeExpression> {
    let (name, rule) = lex.time_patterns.names.get(pattern)?;
    if **name == *"year" && !is_year_in_context(text, lex, span)
        || **name == *"date" && !is_date_in_context(text, lex, span)
    {
        return None;
    }
    let needs = lex.time_patterns.preceded_by.get(pattern).map_or(&[][..], |w| &w[..]);
    if !needs.is_empty() && !needs.iter().any(|w| w.eq_ignore_ascii_case(word_before(text, span))) {
        return None;
    }
    let attributive = **name == *"date" && is_attributive(text, lex, span);
    Some(TimeExpression { span, rule: *rule, attributive })
}

/// The word right before `span`, past white space and punctuation.
fn word_before(text: &str, span: Span) -> &str {
    text[..span.start].trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
}

/// A bare four-digit number is a year after a temporal preposition or before "’s"
/// ("in 2019", "2024’s"), never when it is followed by ",ddd" (then it is "2,024").
fn is_year_in_context(text: &str, lex: &Lexicon, span: Span) -> bool {
    let after = &text[span.end..];
    if after.starts_with(',') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if after.starts_with("’s") || after.starts_with("'s") {
        return true;
    }
    // "1999 people": a count, not a year.
    let next = after.split_whitespace().next().unwrap_or("");
    if next.chars().next().is_some_and(char::is_lowercase) && lex.is_plural(next) {
        return false;
    }
    let word = word_before(text, span);
    let hyphen = text[..span.start].trim_end().ends_with('-');
    lex.year_preceders.contains(word) || hyphen && word.eq_ignore_ascii_case("mid")
}

/// "a Nov. 5 letter", "the December 2019 issue": a date between a determiner and a noun
/// names the thing, it does not place a claim in time.
fn is_attributive(text: &str, lex: &Lexicon, span: Span) -> bool {
    let word = word_before(text, span);
    let next = text[span.end..].split_whitespace().next().unwrap_or("");
    let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
    let noun = !next.is_empty()
        && next.chars().all(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase)
        && !lex.prepositions.contains(next)
        && !lex.clause_words.contains(next);
    noun && lex.determiners.contains(word)
}

/// "May" alone is usually the verb; month names alone count only after "in"/"since" etc.
fn is_date_in_context(text: &str, lex: &Lexicon, span: Span) -> bool {
    if span.slice(text) != "May" {
        return true;
    }
    let word = word_before(text, span);
    lex.year_preceders.contains(word) || lex.month_modifiers.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text, &crate::segment::split(text, Lexicon::english()), Lexicon::english())
            .iter()
            .map(|t| t.span.slice(text))
            .collect()
    }

    /// What [`find`] would give if it scanned the whole text (leftmost-first, then from the
    /// end of each match), rather than trying only at `time_starters`.
    fn found_by_scan(text: &str) -> Vec<TimeExpression> {
        let lex = Lexicon::english();
        lex.time_patterns
            .regex
            .find_iter(text)
            .filter_map(|m| accept(text, lex, m.pattern().as_usize(), Span::new(m.start(), m.end())))
            .collect()
    }

    #[test]
    fn time_starters_cover_the_patterns() {
        let mut texts: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
            .expect("the sample corpus is in corpus/")
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        texts.extend(
            [
                "between 2014 and 2017; from March to May 2020; Since 2019, the past two years, early 2021, \
                 the end of 2022, later this month, this week, a decade ago, 3 years ago, recent weeks, \
                 their peak in 2015, Dec. 2, 14 May 2024, Sept. 2023, Monday, yesterday, last night, \
                 the 1990s, 1980s, in 2019, mid-2025, Mid-May, the same period last year, Jan 5",
                "(2019) x2020 2021x “last July” —since 2018— five years ago",
                "An hour ago, TWO WEEKS LATER, a year earlier, 48 hours later, A month before, Ten days ago",
            ]
            .map(String::from),
        );
        for text in &texts {
            let segments = crate::segment::split(text, Lexicon::english());
            assert_eq!(find(text, &segments, Lexicon::english()), found_by_scan(text), "in {:.80}", text);
        }
    }

    #[test]
    fn time_marks_dates_that_name_a_thing() {
        let text = "In a Nov. 5 letter, doctors wrote that on Nov. 5 the September 11, 2001 attacks were recalled.";
        let lex = Lexicon::english();
        let marked: Vec<(&str, bool)> = find(text, &crate::segment::split(text, lex), lex)
            .iter()
            .map(|t| (t.span.slice(text), t.attributive))
            .collect();
        assert_eq!(marked, [("Nov. 5", true), ("Nov. 5", false), ("September 11, 2001", true)]);
    }

    #[test]
    fn time_finds_news_expressions() {
        let rows: &[(&str, &[&str])] = &[
            ("U.S. military officials estimated last July that", &["last July"]),
            ("Since the ambush on December 13, 2025, the US", &["Since the ambush on December 13, 2025"]),
            ("Over the past year, the US military", &["the past year"]),
            ("in the same period last year.", &["the same period last year"]),
            ("Between 2014 and 2017, IS dominated", &["Between 2014 and 2017"]),
            ("arresting 166 between January and June this year.", &["between January and June this year"]),
            ("At its peak in 2014, its fighters", &["its peak in 2014"]),
            ("In late May, IS claimed", &["late May"]),
            ("stopped at a checkpoint on Dec. 2.", &["Dec. 2"]),
            ("On May 14, Syria’s interim government", &["May 14"]),
            ("as many incidents as in 2024.", &["2024"]),
            ("the first half of 2024 alone", &["the first half of 2024"]),
            ("to double last year’s level", &["last year"]),
            ("IS may use the chaos", &[]),
            ("Russia launched 143 drones overnight", &["overnight"]),
            ("Shelling resumed last night.", &["last night"]),
            ("Two years ago the town fell.", &["Two years ago"]),
            ("Sales rose 5% from a year earlier.", &["a year earlier"]),
            (
                "Two years earlier, it fell; a month later, a week before the vote.",
                &["Two years earlier", "a month later", "a week before"],
            ),
            ("Eleven days later, talks resumed, and 48 hours later too.", &["Eleven days later", "48 hours later"]),
            ("It was the last time before the vote.", &[]),
            ("2,024 attacks and 1999 people", &[]),
            ("more than 2000 people", &[]),
            ("In a Nov. 5 letter, doctors wrote", &["Nov. 5"]),
            ("the deadline of Nov. 5 passed", &["Nov. 5"]),
            ("prices now stand at $4, up from $3 this past May", &["now", "this past May"]),
            ("killed 34 people in less than five months", &["less than five months"]),
            ("sentenced to more than five years in prison", &[]),
            ("could rise within a matter of days", &["within a matter of days"]),
            ("followed 300 adults over a ten-year period", &["a ten-year period"]),
            ("a five-year plan", &[]),
            ("during the 2021 flu season", &["the 2021 flu season"]),
            ("at the time of his arrest, he", &["the time of his arrest"]),
            ("the time of his life", &[]),
            ("cuts beginning next month", &["beginning next month"]),
            ("left at 4:30 a.m. for the rally", &["4:30 a.m."]),
            ("down 2% on the day", &["the day"]),
            ("the day after the vote", &[]),
            ("by the end of the next decade", &["the end of the next decade"]),
            ("during the fourteenth century, and currently", &["the fourteenth century", "currently"]),
            ("since taking office, and at that point", &["since taking office", "that point"]),
        ];
        for (text, want) in rows {
            assert_eq!(found(text), *want, "in {text:?}");
        }
    }
}
