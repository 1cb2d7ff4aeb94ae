//! Stage 3: time expressions ("last July", "the first five months of 2025", "mid-2025").
//!
//! Input: the document text. Output: sorted, non-overlapping [`TimeExpression`]s. They serve
//! twice: numbers inside them are dates, not claims, and a claim's `time` is the expression
//! that scopes it. Spans leave out a leading "in/at/by/on/during/over" and keep
//! "since/between/from", as GUIDELINES.md writes them.

use crate::segment::tokens::{Token, TokenKind};
use crate::segment::Segments;
use crate::span::Span;
use crate::words::{MONTHS, WEEKDAYS};
use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};
use std::sync::LazyLock;

/// One time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpression {
    /// The words.
    pub span: Span,
    /// The rule that found it, e.g. `time.period`.
    pub rule: &'static str,
}

/// The rules, one pattern each, searched together (leftmost match; on a tie the earlier
/// pattern wins); [`RULES`] names them in the same order.
static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
    let day = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?";
    let year = r"(?:1[89][0-9][0-9]|20[0-9][0-9])";
    let date = format!(
        r"(?:{month}[ \t]+{day}(?-u:\b)(?:,?[ \t]*{year}(?-u:\b))?|(?-u:\b){day}[ \t]+(?:of[ \t]+)?{month}(?:,?[ \t]+{year}(?-u:\b))?|{month},?[ \t]+{year}(?-u:\b)|{month})"
    );
    let point = format!(r"(?:{date}|{year}(?-u:\b))");
    let unit = r"(?:year|month|week|decade|quarter|period|summer|winter|spring|autumn|fall|weekend|century|half|day|session|term)";
    let count = r"(?:[0-9]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)";
    // A count that may open the sentence: "Two years ago", "A month later".
    let any_count = r"(?:[0-9]+|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few))";
    let offset_unit = format!(r"(?:{unit}|hour|minute)");
    let weekday = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    let tail = r"(?:[ \t]+(?:this|last|next)[ \t]+year)?";
    let alternatives = [
        format!(r"(?:(?-u:\b)[Bb]etween[ \t]+{point}[ \t]+and[ \t]+{point}{tail})"),
        format!(r"(?:(?-u:\b)[Ff]rom[ \t]+{point}[ \t]+(?:to|until|through|till)[ \t]+{point}{tail})"),
        format!(
            r"(?:(?-u:\b)[Ss]ince[ \t]+(?:(?:the|its|their|his|her)[ \t]+[A-Za-z0-9-]+(?:[ \t]+[A-Za-z0-9-]+)?[ \t]+(?:on|in)[ \t]+)?(?:{point}|the[ \t]+(?:start|beginning|end)[ \t]+of[ \t]+(?:the[ \t]+)?[A-Za-z]+))"
        ),
        format!(
            r"(?:(?-u:\b)[Tt]he[ \t]+(?:first|last|past|previous|next|coming|final|second|third|fourth|same|current)[ \t]+(?:{count}[ \t]+)?{unit}s?(?:[ \t]+of[ \t]+(?:{year}(?-u:\b)|the[ \t]+year|this[ \t]+year|last[ \t]+year))?{tail})"
        ),
        format!(
            r"(?:(?-u:\b)(?:[Ee]arly|[Mm]id|[Ll]ate)(?:[ \t]+|-)(?:{month}|{year}(?-u:\b)|the[ \t]+year|this[ \t]+year|last[ \t]+year))"
        ),
        format!(
            r"(?:(?-u:\b)[Tt]he[ \t]+(?:end|beginning|start|middle)[ \t]+of[ \t]+(?:the[ \t]+)?(?:{point}|year|month|decade))"
        ),
        format!(
            r"(?:(?-u:\b)(?:[Ll]ast|[Tt]his|[Nn]ext|(?:[Ee]arlier|[Ll]ater)[ \t]+this)[ \t]+(?:{unit}|{month}|{weekday})(?-u:\b)(?:[ \t]+{year}(?-u:\b))?)"
        ),
        format!(r"(?:(?-u:\b){any_count}[ \t]+{offset_unit}s?[ \t]+ago(?-u:\b))"),
        format!(r"(?:(?-u:\b){any_count}[ \t]+{offset_unit}s?[ \t]+(?:earlier|later|before)(?-u:\b))"),
        r"(?:(?-u:\b)[Rr]ecent[ \t]+(?:months|years|weeks|days)(?-u:\b))".to_string(),
        format!(r"(?:(?-u:\b)(?:its|their|the)[ \t]+peak(?:[ \t]+in[ \t]+{year}(?-u:\b))?)"),
        format!(r"(?:{date})"),
        format!(
            r"(?:(?-u:\b){weekday}(?-u:\b)|(?-u:\b)(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Oo]vernight|(?:[Ll]ast|[Tt]his)[ \t]+(?:night|morning|evening|afternoon))(?-u:\b))"
        ),
        r"(?:(?-u:\b)(?:[Tt]he[ \t]+)?(?:1[89]|20)[0-9]0s(?-u:\b))".to_string(),
        format!(r"(?:(?-u:\b){year}(?-u:\b))"),
    ];
    Regex::new_many(&alternatives).expect("time patterns are valid")
});

/// Rule ids, one per pattern above, in the same order.
const RULES: &[(&str, &str)] = &[
    ("between", "time.between"),
    ("from_to", "time.from_to"),
    ("since", "time.since"),
    ("period", "time.period"),
    ("part", "time.part_of"),
    ("edge", "time.edge_of"),
    ("relative", "time.relative"),
    ("ago", "time.ago"),
    ("offset", "time.relative_offset"),
    ("recent", "time.recent"),
    ("peak", "time.peak"),
    ("date", "time.date"),
    ("weekday", "time.weekday"),
    ("decade", "time.decade"),
    ("year", "time.year"),
];

/// Words before a bare year that make it a point in time ("in 2019", "since 2014").
static YEAR_PRECEDERS: crate::words::Table = crate::words::Table::new(&[
    "after", "and", "around", "before", "between", "by", "during", "from", "in", "of", "since", "through", "til",
    "till", "to", "until",
]);

/// Words other than a month or a day name that a time expression can begin with (lower
/// case; a number token can begin one too). Every pattern above starts with one of these, so
/// the patterns are only tried, anchored, at such tokens instead of scanning the whole text;
/// `time_starters_cover_the_patterns` checks this against an unanchored scan.
static STARTERS: crate::words::Table = crate::words::Table::new(&[
    "a",
    "an",
    "between",
    "earlier",
    "early",
    "eight",
    "eleven",
    "few",
    "five",
    "four",
    "from",
    "its",
    "last",
    "late",
    "later",
    "mid",
    "next",
    "nine",
    "one",
    "overnight",
    "recent",
    "seven",
    "several",
    "since",
    "six",
    "ten",
    "the",
    "their",
    "this",
    "three",
    "today",
    "tonight",
    "twelve",
    "two",
    "yesterday",
]);

/// Every time expression in `text`, whose tokens are `segments.tokens`.
///
/// ```
/// let text = "In the first five months of 2025, IS claimed 38 attacks; by mid-2025 fewer.";
/// let segments = claimex::segment::split(text);
/// let found: Vec<&str> =
///     claimex::time::find(text, &segments).iter().map(|t| t.span.slice(text)).collect();
/// assert_eq!(found, ["the first five months of 2025", "mid-2025"]);
/// ```
pub fn find(text: &str, segments: &Segments) -> Vec<TimeExpression> {
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
        let Some(m) = PATTERN.search(&input) else { continue };
        if let Some(t) = accept(text, m.pattern().as_usize(), Span::new(m.start(), m.end())) {
            resume = m.end();
            out.push(t);
        }
    }
    out
}

/// True when a time expression can start at `token`: a number, a month, a day name or a word
/// of [`STARTERS`], not after an ASCII letter or digit (the patterns open on a word boundary).
fn can_start(text: &str, token: &Token) -> bool {
    let after_word = token.span.start > 0 && text.as_bytes()[token.span.start - 1].is_ascii_alphanumeric();
    !after_word && (token.kind == TokenKind::Number || START_WORDS.get(token.text(text)).is_some())
}

/// [`STARTERS`], [`MONTHS`] and [`WEEKDAYS`] in one index: one lookup per token, not three.
static START_WORDS: crate::words::Index<()> = crate::words::Index::new(|| {
    STARTERS.words().iter().chain(MONTHS.words()).chain(WEEKDAYS.words()).map(|&w| (w, ())).collect()
});

/// The expression pattern `pattern` matched at `span`, unless its context says otherwise.
fn accept(text: &str, pattern: usize, span: Span) -> Option<TimeExpression> {
    let &(name, rule) = RULES.get(pattern)?;
    if name == "year" && !is_year_in_context(text, span) || name == "date" && !is_date_in_context(text, span) {
        return None;
    }
    Some(TimeExpression { span, rule })
}

/// A bare four-digit number is a year after a temporal preposition or before "’s"
/// ("in 2019", "2024’s"), never when it is followed by ",ddd" (then it is "2,024").
fn is_year_in_context(text: &str, span: Span) -> bool {
    let after = &text[span.end..];
    if after.starts_with(',') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if after.starts_with("’s") || after.starts_with("'s") {
        return true;
    }
    // "1999 people": a count, not a year.
    let next = after.split_whitespace().next().unwrap_or("");
    if next.chars().next().is_some_and(char::is_lowercase) && crate::quantity::unit::is_plural(next) {
        return false;
    }
    let before = text[..span.start].trim_end();
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    YEAR_PRECEDERS.contains(word) || before.ends_with('-') && word.eq_ignore_ascii_case("mid")
}

/// "May" alone is usually the verb; month names alone count only after "in"/"since" etc.
fn is_date_in_context(text: &str, span: Span) -> bool {
    let s = span.slice(text);
    if s.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    if s != "May" {
        return true;
    }
    let before = text[..span.start].trim_end();
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    YEAR_PRECEDERS.contains(word) || matches!(word, "late" | "early" | "mid" | "last" | "this" | "next")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_tables_are_sorted() {
        YEAR_PRECEDERS.check("YEAR_PRECEDERS");
        STARTERS.check("STARTERS");
    }

    fn found(text: &str) -> Vec<&str> {
        find(text, &crate::segment::split(text)).iter().map(|t| t.span.slice(text)).collect()
    }

    /// What [`find`] would give if it scanned the whole text (leftmost-first, then from the
    /// end of each match), rather than trying only at [`STARTERS`].
    fn found_by_scan(text: &str) -> Vec<TimeExpression> {
        PATTERN
            .find_iter(text)
            .filter_map(|m| accept(text, m.pattern().as_usize(), Span::new(m.start(), m.end())))
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
            let segments = crate::segment::split(text);
            assert_eq!(find(text, &segments), found_by_scan(text), "in {:.80}", text);
        }
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
        ];
        for (text, want) in rows {
            assert_eq!(found(text), *want, "in {text:?}");
        }
    }
}
