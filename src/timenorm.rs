//! Time, normalised: what interval of the calendar a time expression means.
//!
//! Input: the words of a [`crate::time::TimeExpression`] and the article's publication date.
//! Output: an [`Interval`] of ISO dates (`start`, `end`, either open) with its
//! [`Granularity`]. Relative expressions ("last July", "this year", "Wednesday", "two years
//! ago") need the publication date and resolve to nothing without it; absolute ones ("the
//! first six months of 2024", "mid-2025", "the 1990s") do not. Expressions that are relative
//! to some other event ("a year earlier", "the same period last year") resolve to nothing.
//!
//! Conventions (news usage, stated once here):
//! - a month or a day of the month without a year is the one nearest before the publication
//!   date (a day up to 60 days ahead counts as coming: "the vote on Dec. 12");
//! - a bare day name is the latest such day on or before the publication date;
//! - "last July" is the latest July before the publication month, "last Wednesday" the latest
//!   Wednesday before the publication day;
//! - "the third quarter", "the first half" without a year: the latest one begun by the
//!   publication date;
//! - early/mid/late: a year's first, middle and last four months, a month's days 1–10,
//!   11–20, 21–end, a decade's first three, middle four and last three years; "the
//!   beginning/middle/end of" is early/mid/late;
//! - "the past/last N units": the N units up to the publication date; "recent weeks" is eight
//!   weeks, "recent months" six, "recent years" five, "recent days" seven;
//! - seasons are the northern meteorological ones (summer: June–August; winter: December to
//!   February);
//! - "fiscal year 2019" is the US federal one (October 2018 – September 2019).
//!
//! The calendar arithmetic is jiff's; this module only reads words.

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use regex::Regex;
use std::sync::LazyLock;

/// How precise an interval is: the calendar unit it was stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    /// A day or a run of days.
    Day,
    /// A week (Monday to Sunday) or weeks.
    Week,
    /// A month or a run of months.
    Month,
    /// A season (three months).
    Season,
    /// A calendar quarter.
    Quarter,
    /// A half year.
    Half,
    /// A year or years.
    Year,
    /// A decade.
    Decade,
}

impl Granularity {
    /// The name written in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Season => "season",
            Granularity::Quarter => "quarter",
            Granularity::Half => "half",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
        }
    }

    /// The granularity named `name` (the inverse of [`Granularity::as_str`]).
    pub fn parse(name: &str) -> Option<Granularity> {
        Some(match name {
            "day" => Granularity::Day,
            "week" => Granularity::Week,
            "month" => Granularity::Month,
            "season" => Granularity::Season,
            "quarter" => Granularity::Quarter,
            "half" => Granularity::Half,
            "year" => Granularity::Year,
            "decade" => Granularity::Decade,
            _ => return None,
        })
    }
}

/// An interval of days, both ends included; an end is open (`None`) when the words leave it
/// so ("since 2022" with no publication date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// The unit the words state it in.
    pub granularity: Granularity,
}

impl Interval {
    fn closed(start: Date, end: Date, granularity: Granularity) -> Interval {
        Interval { start: Some(start), end: Some(end), granularity }
    }

    fn day(d: Date) -> Interval {
        Interval::closed(d, d, Granularity::Day)
    }
}

/// The publication date of a document: its metadata (`published` of HTML or JSON input),
/// else a dateline at the top of its text, else `default` (`claimex extract --published`,
/// which travels in `batch::Options`, not in a process-wide setting).
///
/// ```
/// let mut doc = claimex::document::Document::from_text("a.txt", "BEIRUT, July 14, 2025 — Ten.".into());
/// assert_eq!(claimex::timenorm::publication_date(&doc, None).unwrap().to_string(), "2025-07-14");
/// doc.meta.published = Some("2025-07-20T08:00:00Z".into());
/// assert_eq!(claimex::timenorm::publication_date(&doc, None).unwrap().to_string(), "2025-07-20");
/// let undated = claimex::document::Document::from_text("b.txt", "Ten.".into());
/// let default = "2025-01-02".parse().ok();
/// assert_eq!(claimex::timenorm::publication_date(&undated, default), default);
/// ```
pub fn publication_date(doc: &crate::document::Document, default: Option<Date>) -> Option<Date> {
    doc.meta.published.as_deref().and_then(parse_date).or_else(|| dateline(&doc.text)).or(default)
}

/// A date as metadata writes it: ISO 8601 ("2019-11-20T09:29:08+0000"), RFC 2822 ("Mon, 18
/// Nov 2019 16:07:38 -0600"), or words ("Wednesday, November 20, 2019, 10:03 am", "20 Nov
/// 2019 08:02 GMT"). The time of day and zone are dropped: the date is the one written.
/// Years before 1900 are placeholders ("0001-01-01"), not dates.
///
/// ```
/// use claimex::timenorm::parse_date;
/// assert_eq!(parse_date("01:38:07 PM IST Nov 20, 2019").unwrap().to_string(), "2019-11-20");
/// assert_eq!(parse_date("0001-01-01T00:00:00Z"), None);
/// ```
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let plausible = |d: Date| (1900..=2100).contains(&d.year()).then_some(d);
    if let Some(iso) = s.get(..10).filter(|p| p.as_bytes().get(4) == Some(&b'-')) {
        return iso.parse::<Date>().ok().and_then(plausible);
    }
    let words: Vec<&str> =
        s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty() && !w.contains(':')).collect();
    let (at, month) = words.iter().enumerate().find_map(|(i, w)| Some((i, month_of(&clean(w))?)))?;
    let number = |w: &str| w.trim_end_matches(['.', ',']).parse::<i32>().ok();
    let year = words.iter().filter_map(|w| number(w)).find(|n| (1900..=2100).contains(n))?;
    let day_at = |i: usize| words.get(i).and_then(|w| number(w)).filter(|d| (1..=31).contains(d));
    let day = day_at(at + 1).or_else(|| at.checked_sub(1).and_then(day_at))?;
    Date::new(year as i16, month, day as i8).ok()
}

/// A dateline or date line at the top of an article: "BEIRUT, July 14, 2025 —", "Published:
/// 14 July 2025", "2025-07-14". Only the first lines are read, and the date must open its
/// line (after a place in capitals), so dates inside the story are never taken for it.
pub fn dateline(text: &str) -> Option<Date> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        let month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?";
        let pattern = format!(
            r"^(?:[A-Z][A-Z .'’-]{{1,40}},\s+)?(?:(?:Published|Updated|Posted)(?:\s+on)?:?\s+)?(?:[A-Z][a-z]+day,?\s+)?({month}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{month},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})(?:$|[\s,;:(—–-])"
        );
        Regex::new(&pattern).expect("the dateline pattern is valid")
    });
    let lines = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(4);
    lines.filter_map(|l| LINE.captures(l)).find_map(|c| parse_date(c.get(1)?.as_str()))
}

/// The interval `text` (a time expression's words) means, resolved against `published`.
///
/// ```
/// use claimex::timenorm::normalise;
/// let published = "2025-08-20".parse().ok();
/// let i = normalise("last July", published).unwrap();
/// assert_eq!((i.start.unwrap().to_string(), i.end.unwrap().to_string()), ("2025-07-01".into(), "2025-07-31".into()));
/// assert_eq!(i.granularity.as_str(), "month");
/// assert!(normalise("a year earlier", published).is_none());
/// ```
pub fn normalise(text: &str, published: Option<Date>) -> Option<Interval> {
    let mut words = tokens(text);
    let to_date = strip_to_date(&mut words);
    // Leading prepositions are not part of what the words mean ("in 2024", "during May").
    while words
        .first()
        .is_some_and(|w| matches!(w.as_str(), "in" | "on" | "at" | "by" | "during" | "over" | "for" | "throughout"))
    {
        words.remove(0);
    }
    let c = Context { published, year: None };
    let found = match words.first().map(String::as_str) {
        Some("between") => pair(&words[1..], &["and"], c),
        Some("from") => pair(&words[1..], &["to", "until", "through", "till", "thru"], c),
        Some("since") => since(&words[1..], c),
        _ => point(&words, c),
    }?;
    Some(if to_date { up_to(found, published) } else { found })
}

/// "so far this year", "this year so far", "to date", "year to date": the period up to the
/// publication date. The words are removed; true when there were such words.
fn strip_to_date(words: &mut Vec<String>) -> bool {
    let mut found = false;
    for phrase in [&["so", "far"][..], &["year", "to", "date"], &["to", "date"], &["thus", "far"]] {
        if let Some(at) = words.windows(phrase.len()).position(|w| w.iter().zip(phrase).all(|(a, b)| a == b)) {
            words.drain(at..at + phrase.len());
            found = true;
            // "year to date" alone is this year so far.
            if phrase[0] == "year" && words.is_empty() {
                words.extend(["this".to_string(), "year".to_string()]);
            }
        }
    }
    found
}

/// `found` cut at the publication date.
fn up_to(found: Interval, published: Option<Date>) -> Interval {
    match (found.end, published) {
        (Some(end), Some(p)) if p < end => Interval { end: Some(p), ..found },
        (None, Some(p)) => Interval { end: Some(p), ..found },
        _ => found,
    }
}

/// What resolution needs besides the words.
#[derive(Debug, Clone, Copy)]
struct Context {
    /// The publication date.
    published: Option<Date>,
    /// The year the surrounding words give ("between January and June 2020" gives January
    /// its year).
    year: Option<i16>,
}

/// Lower-case words, split at spaces and hyphens ("mid-2025"), trailing dots and commas and
/// ordinal suffixes dropped ("Dec." → dec, "14th" → 14, "2024’s" → 2024).
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let word = word.to_lowercase().replace('’', "'");
        // An ISO date stays one word.
        if let Some(iso) = word.get(..10).filter(|w| w.parse::<Date>().is_ok()) {
            out.push(iso.to_string());
            continue;
        }
        for part in word.split(['-', '–', '—', '/']) {
            let part = clean(part);
            if !part.is_empty() {
                out.push(part);
            }
        }
    }
    out
}

/// A word without surrounding punctuation, possessive or ordinal suffix.
fn clean(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    let w = w.strip_suffix("'s").unwrap_or(w).trim_matches('\'');
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        for suffix in ["st", "nd", "rd", "th"] {
            if let Some(n) = w.strip_suffix(suffix).filter(|n| n.bytes().all(|b| b.is_ascii_digit())) {
                return n.to_string();
            }
        }
    }
    w.to_string()
}

/// "January" → 1 ... "Dec" → 12.
fn month_of(word: &str) -> Option<i8> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn weekday_of(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// A four-digit year word.
fn year_of(word: &str) -> Option<i16> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok()).flatten()
}

/// A day of the month.
fn day_of(word: &str) -> Option<i8> {
    (word.len() <= 2).then(|| word.parse::<i8>().ok()).flatten().filter(|d| (1..=31).contains(d))
}

/// A count word: "three", "3", "a", "several" (three), "few" (three).
fn count_of(word: &str) -> Option<i32> {
    Some(match word {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" | "several" | "few" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        w => return w.parse().ok().filter(|n| (1..=1000).contains(n)),
    })
}

/// Calendar units words can count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
}

fn unit_of(word: &str) -> Option<Unit> {
    Some(match word.strip_suffix('s').unwrap_or(word) {
        "day" | "hour" | "minute" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "half" | "halve" => Unit::Half,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        _ => return None,
    })
}

impl Unit {
    fn granularity(self) -> Granularity {
        match self {
            Unit::Day => Granularity::Day,
            Unit::Week => Granularity::Week,
            Unit::Month => Granularity::Month,
            Unit::Quarter => Granularity::Quarter,
            Unit::Half => Granularity::Half,
            Unit::Year => Granularity::Year,
            Unit::Decade => Granularity::Decade,
        }
    }

    /// `n` of this unit as a span to add to a date.
    fn span(self, n: i32) -> jiff::Span {
        match self {
            Unit::Day => n.days(),
            Unit::Week => n.weeks(),
            Unit::Month => n.months(),
            Unit::Quarter => (3 * n).months(),
            Unit::Half => (6 * n).months(),
            Unit::Year => n.years(),
            Unit::Decade => (10 * n).years(),
        }
    }

    /// The calendar unit that holds `d` (the ISO week for weeks).
    fn around(self, d: Date) -> Option<Interval> {
        let months = |first: i8, len: i8| month_span(d.year(), first, len, self.granularity());
        match self {
            Unit::Day => Some(Interval::day(d)),
            Unit::Week => {
                let monday = d.checked_sub((d.weekday().to_monday_zero_offset() as i32).days()).ok()?;
                Some(Interval::closed(monday, monday.checked_add(6.days()).ok()?, Granularity::Week))
            }
            Unit::Month => months(d.month(), 1),
            Unit::Quarter => months((d.month() - 1) / 3 * 3 + 1, 3),
            Unit::Half => months((d.month() - 1) / 6 * 6 + 1, 6),
            Unit::Year => year_span(d.year()),
            Unit::Decade => {
                let first = d.year() - d.year().rem_euclid(10);
                Some(Interval::closed(ymd(first, 1, 1)?, ymd(first + 9, 12, 31)?, Granularity::Decade))
            }
        }
    }
}

fn ymd(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}

/// `len` months from month `first` of year `y` (running into the next year if need be).
fn month_span(y: i16, first: i8, len: i8, granularity: Granularity) -> Option<Interval> {
    let start = ymd(y, first, 1)?;
    let end = start.checked_add((len as i32).months()).ok()?.yesterday().ok()?;
    Some(Interval::closed(start, end, granularity))
}

fn year_span(y: i16) -> Option<Interval> {
    Some(Interval::closed(ymd(y, 1, 1)?, ymd(y, 12, 31)?, Granularity::Year))
}

/// From the start of `a` to the end of `b`, in the finer of their granularities.
fn hull(a: Interval, b: Interval) -> Interval {
    Interval { start: a.start, end: b.end, granularity: a.granularity.min(b.granularity) }
}

/// "between A and B", "from A to B": B is read first, so that A can take its year.
fn pair(words: &[String], links: &[&str], c: Context) -> Option<Interval> {
    let at = words.iter().position(|w| links.contains(&w.as_str()))?;
    let b = point(&words[at + 1..], c)?;
    let year = b.end.map(|d| d.year());
    let a = point(&words[..at], Context { year: year.or(c.year), ..c })?;
    Some(hull(a, b))
}

/// "since 2022", "since the start of the year", "since the ambush on December 13, 2025":
/// from the start of that point to the publication date.
fn since(words: &[String], c: Context) -> Option<Interval> {
    let from = point(words, c).or_else(|| {
        // "since the ambush on/in X": the time is after the preposition.
        let at = words.iter().rposition(|w| w == "on" || w == "in")?;
        point(&words[at + 1..], c)
    })?;
    Some(Interval { start: from.start, end: c.published, granularity: from.granularity })
}

/// One point or period of time (everything but between/from/since).
fn point(words: &[String], c: Context) -> Option<Interval> {
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    let p = c.published;
    match w.as_slice() {
        [] => None,
        [iso] if iso.len() == 10 && iso.as_bytes()[4] == b'-' => iso.parse::<Date>().ok().map(Interval::day),
        ["today" | "tonight"] | ["this", "morning" | "afternoon" | "evening"] => p.map(Interval::day),
        ["yesterday"] | ["last", "night"] | ["yesterday", "morning" | "afternoon" | "evening"] => {
            p?.yesterday().ok().map(Interval::day)
        }
        ["overnight"] => Some(Interval::closed(p?.yesterday().ok()?, p?, Granularity::Day)),
        ["the", rest @ ..] if rest.first().is_some_and(|r| is_decade(r)) && rest.len() == 1 => decade(rest[0]),
        [d] if is_decade(d) => decade(d),
        ["fiscal", "year", y] | ["fiscal", y] | ["fy", y] | ["the", y, "fiscal", "year"] => fiscal_year(y),
        [fy] if fy.starts_with("fy") => fiscal_year(&fy[2..]),
        ["the", edge @ ("end" | "beginning" | "start" | "middle"), "of", rest @ ..] => edge_of(edge, rest, c),
        ["the" | "its" | "their", "peak", "in", y] => year_span(year_of(y)?),
        ["the", which, rest @ ..] => period(which, rest, c),
        [part @ ("early" | "mid" | "late"), rest @ ..] => part_of(part, rest, c),
        ["earlier" | "later", "this", unit] => {
            let unit = unit_of(unit)?;
            let this = unit.around(p?)?;
            let g = Interval { granularity: Granularity::Day, ..this };
            Some(if w[0] == "earlier" { Interval { end: Some(p?), ..g } } else { Interval { start: Some(p?), ..g } })
        }
        [rel @ ("last" | "this" | "next" | "past" | "previous" | "coming"), rest @ ..] => relative(rel, rest, c),
        [n, unit, "ago"] => {
            let n = count_of(n)?;
            // Hours and minutes ago: the day they land on.
            let (unit, n) = match unit.trim_end_matches('s') {
                "hour" => (Unit::Day, n / 24),
                "minute" => (Unit::Day, 0),
                u => (unit_of(u)?, n),
            };
            let then = p?.checked_sub(unit.span(n)).ok()?;
            // Decades ago: the year it lands in, not its decade.
            if unit == Unit::Decade {
                Unit::Year.around(then)
            } else {
                unit.around(then)
            }
        }
        ["recent", unit] => {
            let (n, unit) = match unit_of(unit)? {
                Unit::Day => (7, Unit::Day),
                Unit::Week => (8, Unit::Week),
                Unit::Month => (6, Unit::Month),
                _ => (5, Unit::Year),
            };
            rolling_back(p?, unit, n)
        }
        [d] | [d, "morning" | "afternoon" | "evening" | "night"] if weekday_of(d).is_some() => {
            Some(Interval::day(weekday_on_or_before(p?, weekday_of(d)?)))
        }
        [y] if year_of(y).is_some() => year_span(year_of(y)?),
        _ => date(&w, c),
    }
}

fn is_decade(word: &str) -> bool {
    word.len() == 5 && word.ends_with('s') && year_of(&word[..4]).is_some_and(|y| y % 10 == 0)
}

fn decade(word: &str) -> Option<Interval> {
    let first = year_of(&word[..4])?;
    Some(Interval::closed(ymd(first, 1, 1)?, ymd(first + 9, 12, 31)?, Granularity::Decade))
}

/// US federal fiscal year Y: October of Y-1 to September of Y ("fy19" is 2019).
fn fiscal_year(word: &str) -> Option<Interval> {
    let y = match word.len() {
        4 => year_of(word)?,
        2 => 2000 + word.parse::<i16>().ok()?,
        _ => return None,
    };
    Some(Interval::closed(ymd(y - 1, 10, 1)?, ymd(y, 9, 30)?, Granularity::Year))
}

/// A year as the tail of a period: "2024", "the year", "this year", "last year", "next year".
fn year_spec(words: &[&str], c: Context) -> Option<i16> {
    let p = c.published.map(|d| d.year());
    match words {
        [y] => year_of(y),
        ["the" | "this", "year"] | ["the", "current", "year"] => p.or(c.year),
        ["last" | "previous", "year"] | ["the", "previous" | "last" | "past", "year"] => Some(p? - 1),
        ["next", "year"] | ["the", "next", "year"] | ["the", "coming", "year"] => Some(p? + 1),
        _ => None,
    }
}

/// "the first six months of 2024", "the third quarter", "the past year", "the next two
/// weeks", "the current quarter", "the final quarter of 2024", "the second half".
fn period(which: &str, rest: &[&str], c: Context) -> Option<Interval> {
    // "the first half of 2024", "... of the year", "... this year" (the tail may come
    // without "of").
    let (head, year) = match rest.iter().position(|w| *w == "of") {
        Some(at) => (&rest[..at], Some(year_spec(&rest[at + 1..], c)?)),
        None => match rest {
            [head @ .., "this" | "last" | "next", "year"] if !head.is_empty() => {
                (head, year_spec(&rest[rest.len() - 2..], c))
            }
            _ => (rest, None),
        },
    };
    let (n, unit) = match head {
        [unit] => (None, unit_of(unit)?),
        [n, unit] => (Some(count_of(n)?), unit_of(unit)?),
        _ => return seasonal_period(which, head, c),
    };
    let ordinal = match which {
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        _ => None,
    };
    let p = c.published;
    match (which, n, year) {
        // The nth quarter or half of a year.
        (_, None, _) if ordinal.is_some() || which == "final" || which == "last" && year.is_some() => {
            let per_year = match unit {
                Unit::Quarter => 4,
                Unit::Half => 2,
                Unit::Month => 12,
                _ => return None,
            };
            let nth = ordinal.unwrap_or(per_year);
            if nth > per_year {
                return None;
            }
            let len = 12 / per_year as i8;
            let first = (nth as i8 - 1) * len + 1;
            let y = match year.or(c.year) {
                Some(y) => y,
                // The latest one begun by the publication date.
                None => {
                    let p = p?;
                    if ymd(p.year(), first, 1)? <= p {
                        p.year()
                    } else {
                        p.year() - 1
                    }
                }
            };
            month_span(y, first, len, unit.granularity())
        }
        // "the first six months of 2024": counted from the start of the year (the
        // publication year when none is said).
        ("first", Some(n), y) => {
            let start = ymd(y.or(c.year).or(p.map(|p| p.year()))?, 1, 1)?;
            let end = start.checked_add(unit.span(n)).ok()?.yesterday().ok()?;
            Some(Interval::closed(start, end, unit.granularity()))
        }
        // "the last three months of 2024": counted back from its end.
        ("last" | "final", Some(n), Some(y)) => {
            let end = ymd(y, 12, 31)?;
            let start = ymd(y + 1, 1, 1)?.checked_sub(unit.span(n)).ok()?;
            Some(Interval::closed(start, end, unit.granularity()))
        }
        ("past" | "last", n, None) => rolling_back(p?, unit, n.unwrap_or(1)),
        ("previous", None, None) => {
            let this = unit.around(p?)?;
            unit.around(this.start?.yesterday().ok()?)
        }
        ("previous", Some(n), None) => rolling_back(unit.around(p?)?.start?.yesterday().ok()?, unit, n),
        ("next" | "coming", n, None) => {
            let p = p?;
            let end = p.checked_add(unit.span(n.unwrap_or(1))).ok()?;
            Some(Interval::closed(p.tomorrow().ok()?, end, unit.granularity()))
        }
        ("current", None, None) => unit.around(p?),
        _ => None,
    }
}

/// "the past summer" and the like: seasons after a relative word.
fn seasonal_period(which: &str, head: &[&str], c: Context) -> Option<Interval> {
    match (which, head) {
        ("past" | "last" | "previous", [s]) => season(s, "last", c),
        ("coming" | "next", [s]) => season(s, "next", c),
        _ => None,
    }
}

/// The latest `n` units up to and including `end`.
fn rolling_back(end: Date, unit: Unit, n: i32) -> Option<Interval> {
    let start = end.checked_sub(unit.span(n)).ok()?.tomorrow().ok()?;
    Some(Interval::closed(start, end, unit.granularity()))
}

/// "the end of 2022", "the beginning of the year", "the middle of the month", "the start of
/// May", "the end of the decade".
fn edge_of(edge: &str, rest: &[&str], c: Context) -> Option<Interval> {
    let rest = match rest {
        ["the", r @ ..] => r,
        r => r,
    };
    let whole = match rest {
        ["year"] => year_span(c.published?.year())?,
        ["month"] => Unit::Month.around(c.published?)?,
        ["decade"] => Unit::Decade.around(c.published?)?,
        _ => point(&rest.iter().map(|w| w.to_string()).collect::<Vec<_>>(), c)?,
    };
    let which = match edge {
        "beginning" | "start" => "early",
        "end" => "late",
        _ => "mid",
    };
    third(whole, which)
}

/// early/mid/late of a whole year, month or decade.
fn third(whole: Interval, which: &str) -> Option<Interval> {
    let (start, end) = (whole.start?, whole.end?);
    match whole.granularity {
        Granularity::Year if start.year() == end.year() => {
            let first = match which {
                "early" => 1,
                "mid" => 5,
                _ => 9,
            };
            month_span(start.year(), first, 4, Granularity::Month)
        }
        Granularity::Month if start.month() == end.month() => {
            let (a, b) = match which {
                "early" => (1, 10),
                "mid" => (11, 20),
                _ => (21, end.day()),
            };
            Some(Interval::closed(
                ymd(start.year(), start.month(), a)?,
                ymd(end.year(), end.month(), b)?,
                Granularity::Day,
            ))
        }
        Granularity::Decade => {
            let first = start.year();
            let (a, b) = match which {
                "early" => (0, 2),
                "mid" => (3, 6),
                _ => (7, 9),
            };
            Some(Interval::closed(ymd(first + a, 1, 1)?, ymd(first + b, 12, 31)?, Granularity::Year))
        }
        _ => None,
    }
}

/// "early 2021", "mid-2025", "late May", "mid-this year", "early last year".
fn part_of(part: &str, rest: &[&str], c: Context) -> Option<Interval> {
    let whole = match rest {
        ["the" | "this" | "last" | "next", "year"] => year_span(year_spec(rest, c)?)?,
        ["the", "month"] | ["this", "month"] => Unit::Month.around(c.published?)?,
        _ => point(&rest.iter().map(|w| w.to_string()).collect::<Vec<_>>(), c)?,
    };
    third(whole, part)
}

/// "last year", "this month", "next week", "last July", "this Wednesday", "last weekend",
/// "last summer", "past year".
fn relative(rel: &str, rest: &[&str], c: Context) -> Option<Interval> {
    let p = c.published?;
    let rel = match rel {
        "past" | "previous" => "last",
        "coming" => "next",
        r => r,
    };
    let step = match rel {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    match rest {
        [m] | [m, _] if month_of(m).is_some() => {
            let m = month_of(m)?;
            let y = match (rest.get(1).and_then(|y| year_of(y)), rel) {
                (Some(y), _) => y,
                (None, "last") if m < p.month() => p.year(),
                (None, "last") => p.year() - 1,
                (None, "next") if m > p.month() => p.year(),
                (None, "next") => p.year() + 1,
                (None, _) => p.year(),
            };
            month_span(y, m, 1, Granularity::Month)
        }
        [d] if weekday_of(d).is_some() => {
            let wd = weekday_of(d)?;
            let day = match rel {
                "last" => weekday_on_or_before(p.yesterday().ok()?, wd),
                "next" => weekday_on_or_before(p.checked_add(7.days()).ok()?, wd),
                _ => {
                    let monday = p.checked_sub((p.weekday().to_monday_zero_offset() as i32).days()).ok()?;
                    monday.checked_add((wd.to_monday_zero_offset() as i32).days()).ok()?
                }
            };
            Some(Interval::day(day))
        }
        ["weekend"] => {
            let saturday = match rel {
                "last" => weekday_on_or_before(p.yesterday().ok()?, Weekday::Saturday),
                "next" => weekday_on_or_before(p.checked_add(7.days()).ok()?, Weekday::Saturday),
                _ => weekday_on_or_before(p.checked_add(6.days()).ok()?, Weekday::Saturday),
            };
            Some(Interval::closed(saturday, saturday.tomorrow().ok()?, Granularity::Day))
        }
        [s] if season_months(s).is_some() => season(s, rel, c),
        [unit] | [unit, _] => {
            let unit = unit_of(unit)?;
            let this = unit.around(p)?;
            let shifted = match step {
                -1 => this.start?.yesterday().ok()?,
                1 => this.end?.tomorrow().ok()?,
                _ => p,
            };
            unit.around(shifted)
        }
        _ => None,
    }
}

/// The first month and the year offset of its start relative to the year it is named by
/// (winter 2025 starts in December 2024).
fn season_months(word: &str) -> Option<i8> {
    Some(match word {
        "spring" => 3,
        "summer" => 6,
        "autumn" | "fall" => 9,
        "winter" => 12,
        _ => return None,
    })
}

/// "last summer": the latest one over before the publication date; "this summer": the
/// publication year's; "next summer": the first one not begun by it.
fn season(word: &str, rel: &str, c: Context) -> Option<Interval> {
    let p = c.published?;
    let first = season_months(word)?;
    // The season of year y starts in month `first` of y (winter: December of y-1).
    let of = |y: i16| {
        let start_year = if first == 12 { y - 1 } else { y };
        month_span(start_year, first, 3, Granularity::Season)
    };
    let y = p.year();
    match rel {
        "last" => [y + 1, y, y - 1].into_iter().filter_map(of).find(|s| s.end.is_some_and(|e| e < p)),
        "next" => [y - 1, y, y + 1, y + 2].into_iter().filter_map(of).find(|s| s.start.is_some_and(|s| s > p)),
        _ => {
            // The one under way ("this winter" in January), else the publication year's.
            let holds = |s: &Interval| s.start.is_some_and(|a| a <= p) && s.end.is_some_and(|e| e >= p);
            [y, y + 1].into_iter().filter_map(of).find(holds).or_else(|| of(y))
        }
    }
}

/// The latest `wd` on or before `d`.
fn weekday_on_or_before(d: Date, wd: Weekday) -> Date {
    let back = (d.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7);
    d.checked_sub((back as i32).days()).unwrap_or(d)
}

/// Dates: "July 14, 2025", "14 July 2025", "Dec. 2", "July 2025", "June this year", "July".
fn date(w: &[&str], c: Context) -> Option<Interval> {
    let m = |s: &str| month_of(s);
    let (month, day, year) = match *w {
        [a, d, y] if m(a).is_some() && day_of(d).is_some() && year_of(y).is_some() => (m(a)?, day_of(d), year_of(y)),
        [d, a, y] | [d, "of", a, y] if m(a).is_some() && day_of(d).is_some() && year_of(y).is_some() => {
            (m(a)?, day_of(d), year_of(y))
        }
        [a, d] if m(a).is_some() && day_of(d).is_some() => (m(a)?, day_of(d), None),
        [a, y] if m(a).is_some() && year_of(y).is_some() => (m(a)?, None, year_of(y)),
        [d, a] | [d, "of", a] if m(a).is_some() && day_of(d).is_some() => (m(a)?, day_of(d), None),
        [a, ref rest @ ..] if m(a).is_some() && !rest.is_empty() => (m(a)?, None, Some(year_spec(rest, c)?)),
        [a] => (m(a)?, None, None),
        _ => return None,
    };
    let year = year.or(c.year);
    match (day, year) {
        (Some(d), Some(y)) => Some(Interval::day(ymd(y, month, d)?)),
        (None, Some(y)) => month_span(y, month, 1, Granularity::Month),
        (Some(d), None) => {
            let p = c.published?;
            let this = ymd(p.year(), month, d)?;
            let y = if this > p.checked_add(60.days()).ok()? {
                p.year() - 1
            } else if this < p.checked_sub(305.days()).ok()? {
                p.year() + 1
            } else {
                p.year()
            };
            Some(Interval::day(ymd(y, month, d)?))
        }
        (None, None) => {
            let p = c.published?;
            let y = if month <= p.month() { p.year() } else { p.year() - 1 };
            month_span(y, month, 1, Granularity::Month)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, published: &str) -> Option<(String, String, &'static str)> {
        let i = normalise(text, published.parse().ok())?;
        let show = |d: Option<Date>| d.map_or_else(|| "open".to_string(), |d| d.to_string());
        Some((show(i.start), show(i.end), i.granularity.as_str()))
    }

    #[test]
    fn timenorm_resolves_relative_words_against_the_publication_date() {
        let got = at("last July", "2026-01-10").unwrap();
        assert_eq!((got.0.as_str(), got.1.as_str()), ("2025-07-01", "2025-07-31"));
        assert_eq!(at("Wednesday", "2025-07-14").unwrap().0, "2025-07-09");
        assert!(at("Wednesday", "").is_none());
        assert_eq!(at("since 2022", "").unwrap(), ("2022-01-01".into(), "open".into(), "year"));
    }

    #[test]
    fn timenorm_reads_dates_of_metadata() {
        for (s, want) in [
            ("2019-11-20T09:29:08+0000", Some("2019-11-20")),
            ("Wednesday, November 20, 2019, 10:03 am", Some("2019-11-20")),
            ("20 Nov 2019 08:02 GMT", Some("2019-11-20")),
            ("Mon, 18 Nov 2019 16:07:38 -0600", Some("2019-11-18")),
            ("0001-01-01T00:00:00Z", None),
            ("yesterday", None),
        ] {
            assert_eq!(parse_date(s).map(|d| d.to_string()).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn timenorm_datelines_open_the_text() {
        let at = |t: &str| dateline(t).map(|d| d.to_string());
        assert_eq!(at("Headline\n\nBEIRUT, July 14, 2025 — Ten died.").as_deref(), Some("2025-07-14"));
        assert_eq!(at("Published: 3 March 2024\nText.").as_deref(), Some("2024-03-03"));
        assert_eq!(at("Headline\n\nOn July 14, 2025, ten died.").as_deref(), None);
        assert_eq!(at("Ten died.\nMore.\nMore.\nMore.\nJuly 14, 2025").as_deref(), None);
    }
}
