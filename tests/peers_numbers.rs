//! Peer tests: the number finder ([`claimex::quantity::numbers`]) against the English number,
//! range and percent specs of microsoft/Recognizers-Text (converted to JSONL in
//! `tests/peers/`, formats in `tests/peers/README.md`).
//!
//! # What is compared
//!
//! Each peer model reports one kind of thing, so each file is compared with our mentions of
//! that kind, in text order:
//! - `numbers.recognizers.jsonl` (NumberModel): every number, as bare numbers. We compare
//!   [`NumberMention::number`] (the number without hedge, currency or percent sign) of every
//!   mention, claim or not: "$20" → "20", and the year in "5/17/2018" is a number too.
//! - `numbers.recognizers.range.jsonl` (NumberRangeModel): bounded expressions. We compare
//!   [`NumberMention::span`] (hedge included) of the mentions with a bound (`low` or `high`).
//!   An expected `[x, x]` interval ("equals 20") matches a point value `x`.
//! - `numbers.recognizers.percent.jsonl` (PercentModel): percentages. We compare the spans
//!   of the mentions whose unit is `percent`.
//!
//! A case passes when both lists have the same length and each pair agrees: the texts
//! equal ignoring case (Recognizers lower-cases some texts), and the numbers within 1e-9
//! relative (value; or low and high, where an open bound is null on both sides). Bound
//! inclusiveness is not compared: our records keep it in the qualifier, not in the bounds.
//! The peer models have no approximation hedge, so ours may add one before their text
//! ("about five hundred or more" for "five hundred or more"; see [`APPROX_HEDGES`]).
//!
//! # Scope
//!
//! claimex reads numbers as English news writes them. A case is out of scope when any of
//! these rules holds; the rules are applied to every case of every file (never a list of
//! ids), and each out-of-scope case is counted under its rule in the printed summary:
//! - `scientific`: an expected number has subtype `power` ("1.1^23", "1e10", "6.23x10^-4").
//! - `signed`: an expected number starts with a minus sign ("-1", "- 1 4/5"): in news a
//!   hyphen before digits is a dash more often than a minus sign, so claimex reads signs
//!   only as the words "minus" and "negative" (in scope).
//! - `no_value`: an expected item has no numeric value ("the % of increase").
//! - `machine_text`: the input holds a URL, an IP address or version ("192.168.1.2"), a
//!   phone number ("+1-222-2222") or a formula (`^`, `<`, `>`, `=`, `~`).
//! - `foreign_grouping`: an expected number is grouped in a way English does not write: a
//!   comma followed by other than three digits ("5,00", "1,3", "12,34,567"), or a dot
//!   before a comma ("1.111,11").
//! - `spoken_form`: the expected text is spoken or query English that news copy does not
//!   use for numbers: a word of [`SPOKEN`] ("two hundred point zero three", "one over
//!   three", "nought", "3 dzs", "2mil", "equals 20", "larger than twenty"), the percent word
//!   before its number ("percent of 10"), a spaced hyphen in a spelled number ("fifty -
//!   two"), "or equal" other than in "less than or equal to" ("less or equal than"), or a
//!   comparison left without its number ("200 or greater than").
//! - `ordinal`: an ordinal used as a rank ("between the tenth and the fifteenth"): claimex
//!   drops ordinals by design (GUIDELINES.md).
//! - `mixed_digits_words`: digits, a scale word and more number after it ("3 hundred and
//!   21", "4 thousand 3 hundred", "6 crore and two hundred"): news writes "321".
//! - `word_fraction`: a fraction spelled in words whose denominator is an ordinal other than
//!   half..tenth and quarter ("a trillionth", "one twenty-fifth"), or whose numerator is ten
//!   or more ("twenty fifths", "one hundred thirty-two fifths"): news writes such values in
//!   digits or as percentages.

use claimex::quantity::{numbers, NumberMention, Qualifier};
use serde::Deserialize;

/// Words of spoken or query English that news does not use in numbers (lower case). A glued
/// suffix counts too ("2mil", "10G", "1MM").
const SPOKEN: &[&str] = &[
    "bigger",   // "bigger or equal than"
    "dozs",     // "five dozs"
    "dzs",      // "3 dzs"
    "equaling", // "equaling to 20"
    "equals",   // "equals 20"
    "exceed",   // "exceed 3000": a verb, not a hedge on the number
    "g",        // "10G", "1,674.5 G": giga
    "higher",   // "higher or equal than one hundred"
    "k",        // "2.33 k": a spaced thousands letter ("10k" glued stays in scope)
    "larger",   // "larger than twenty"
    "lower",    // "lower or equal than three hundred"
    "m",        // "1,674,200.5 M": a spaced million letter ("10M" glued stays in scope)
    "mil",      // "2mil"
    "mm",       // "US$ 1MM"
    "naught",   // "naught point five"
    "nought",   // "nought is 0"
    "over",     // "one over three": a fraction bar ("over 30" as a hedge stays in scope)
    "point",    // "two hundred point zero three"
    "smaller",  // "smaller or equal than 100"
    "surpass",  // "surpass 3000"
    "tln",      // "10 tln"
];

/// Glued suffixes of [`SPOKEN`] forms ("2mil").
const SPOKEN_SUFFIXES: &[&str] = &["g", "mil", "mm"];

/// Ordinals that English writes as fraction denominators.
const SMALL_DENOMINATORS: &[&str] = &[
    "eighth", "eighths", "fifth", "fifths", "fourth", "fourths", "half", "halves", "ninth", "ninths", "quarter",
    "quarters", "seventh", "sevenths", "sixth", "sixths", "tenth", "tenths", "third", "thirds",
];

/// Cardinal words worth ten or more (a numerator made of them is ten or more).
const TEN_OR_MORE: &[&str] = &[
    "billion",
    "eighty",
    "eleven",
    "fifteen",
    "fifty",
    "forty",
    "hundred",
    "million",
    "ninety",
    "seventy",
    "sixty",
    "ten",
    "thirteen",
    "thirty",
    "thousand",
    "trillion",
    "twelve",
    "twenty",
    "fourteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Scale words written after digits ("3 hundred").
const SCALE_WORDS: &[&str] = &["billion", "crore", "hundred", "lakh", "million", "thousand", "trillion"];

const CARDINALS: &[&str] = &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

#[derive(Deserialize, Debug)]
struct Case {
    id: String,
    input: String,
    expected: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
struct Expected {
    text: String,
    value: Option<f64>,
    subtype: Option<String>,
    low: Option<f64>,
    high: Option<f64>,
}

#[derive(Clone, Copy, PartialEq)]
enum Model {
    Number,
    Range,
    Percent,
}

/// An ordinal or fraction denominator: "tenth", "fifths", "twenty-first" (split at the
/// hyphen), "third", "half", "quarter".
fn is_ordinal_word(w: &str) -> bool {
    SMALL_DENOMINATORS.contains(&w)
        || ["first", "firsts", "second", "seconds"].contains(&w)
        || ((w.ends_with("th") || w.ends_with("ths")) && !["both", "month", "months", "north", "south"].contains(&w))
}

/// The scope rule that puts a case out, if any (see the module docs).
fn out_of_scope(case: &Case) -> Option<&'static str> {
    let input = case.input.to_lowercase();
    if case.expected.iter().any(|e| e.subtype.as_deref() == Some("power")) {
        return Some("scientific");
    }
    // A minus sign, not the words "minus" and "negative", which news does write.
    let signed = |t: &str| t.trim_start_matches(['<', '=', ' ']).starts_with(['-', '−']);
    if case.expected.iter().any(|e| signed(&e.text)) {
        return Some("signed");
    }
    if case.expected.iter().any(|e| e.value.is_none() && e.low.is_none() && e.high.is_none()) {
        return Some("no_value");
    }
    let dotted = input.split(|c: char| !(c.is_ascii_digit() || c == '.')).any(|t| {
        let parts: Vec<&str> = t.split('.').collect();
        parts.len() >= 3 && parts.iter().all(|p| !p.is_empty())
    });
    let phone = input.contains('+') && input.contains('-');
    if input.contains("://") || dotted || phone || input.contains(['^', '<', '>', '=', '~']) {
        return Some("machine_text");
    }
    for e in &case.expected {
        let t = e.text.as_bytes();
        let bad_comma = t.iter().enumerate().any(|(k, &b)| {
            b == b',' && t.get(k + 1).is_some_and(u8::is_ascii_digit) && {
                let group = t[k + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                group != 3 || (k > 0 && t[..k].iter().rev().take_while(|c| c.is_ascii_digit()).count() > 3)
            }
        });
        let dot_before_comma = e.text.find('.').is_some_and(|d| e.text[d..].contains(','));
        if bad_comma || dot_before_comma {
            return Some("foreign_grouping");
        }
    }
    for e in &case.expected {
        // "3 hundred and 21", "4 thousand 3 hundred": digits with a scale word and more
        // number after it; news writes "321" or "three hundred and twenty-one".
        let lower = e.text.to_lowercase();
        let tokens: Vec<&str> = lower.split_whitespace().collect();
        let mixed = tokens.iter().enumerate().any(|(k, t)| {
            t.bytes().all(|b| b.is_ascii_digit())
                && tokens.get(k + 1).is_some_and(|s| SCALE_WORDS.contains(s))
                && tokens[k + 2..]
                    .iter()
                    .any(|u| u.bytes().any(|b| b.is_ascii_digit()) || CARDINALS.contains(u) || TEN_OR_MORE.contains(u))
        });
        if mixed {
            return Some("mixed_digits_words");
        }
    }
    for e in &case.expected {
        let lower = e.text.to_lowercase();
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let glued = |w: &&str| {
            let suffix = w.trim_start_matches(|c: char| c.is_ascii_digit());
            suffix.len() < w.len() && SPOKEN_SUFFIXES.contains(&suffix)
        };
        if words.iter().any(|w| SPOKEN.contains(w) || glued(w)) {
            return Some("spoken_form");
        }
        // "fifty - two", "one - fourth": a spaced hyphen inside a spelled number.
        if lower.contains(" - ") && words.iter().all(|w| !w.bytes().any(|b| b.is_ascii_digit())) {
            return Some("spoken_form");
        }
        // "less or equal than", "at least or equal to", "5000 or equal": "or equal" where
        // English writes "less than or equal to" / "equal to or more than".
        if lower.contains("or equal") && !lower.contains("than or equal to") {
            return Some("spoken_form");
        }
        // "200 or greater than", "more than 5000 or equal to": a comparison left without
        // its number.
        if words.last().is_some_and(|w| ["than", "to", "equal"].contains(w)) {
            return Some("spoken_form");
        }
        // "percent of 10": the percent word before its number.
        if words.first().is_some_and(|w| w.starts_with("percent")) || lower.starts_with("per cent") {
            return Some("spoken_form");
        }
        for (k, w) in words.iter().enumerate() {
            if !is_ordinal_word(w) {
                continue;
            }
            // "between the tenth and the fifteenth": ranks, which claimex drops by design.
            if k > 0 && words[k - 1] == "the" {
                return Some("ordinal");
            }
            // "one hundred and fifth": a compound ordinal, a denominator above ten.
            if k > 1 && words[k - 1] == "and" && TEN_OR_MORE.contains(&words[k - 2]) && !SMALL_DENOMINATORS.contains(w)
            {
                return Some("word_fraction");
            }
            if k > 1 && words[k - 1] == "and" && ["hundred", "thousand", "million"].contains(&words[k - 2]) {
                return Some("word_fraction");
            }
            if !SMALL_DENOMINATORS.contains(w) {
                return Some("word_fraction");
            }
            let numerator = words[..k].iter().rev().take_while(|p| TEN_OR_MORE.contains(p) || CARDINALS.contains(p));
            if numerator.clone().any(|p| TEN_OR_MORE.contains(p)) {
                return Some("word_fraction");
            }
        }
    }
    None
}

fn close(want: Option<f64>, got: Option<f64>) -> bool {
    match (want, got) {
        (None, None) => true,
        (Some(w), Some(g)) => (w - g).abs() <= 1e-9 * w.abs().max(1e-300) || w == g,
        _ => false,
    }
}

/// One of our mentions as compared: (text, value, low, high).
type Got = (String, Option<f64>, Option<f64>, Option<f64>);

/// Our mentions of the model's kind.
fn ours(model: Model, text: &str) -> Vec<Got> {
    numbers(text)
        .into_iter()
        .filter(|m: &NumberMention| match model {
            Model::Number => true,
            // Bounds, and exact hedges ("equal to 20" is their [20, 20]).
            Model::Range => m.low.is_some() || m.high.is_some() || (m.hedged && m.qualifier == Qualifier::Exact),
            Model::Percent => m.unit.as_deref() == Some("percent"),
        })
        .map(|m| {
            let span = if model == Model::Number { m.number } else { m.span };
            let value = if model == Model::Number && m.value.is_none() { m.low.or(m.high) } else { m.value };
            (span.slice(text).to_string(), value, m.low, m.high)
        })
        .collect()
}

/// Approximation hedges, which the peer models do not read: "about five hundred or more" is
/// their "five hundred or more".
const APPROX_HEDGES: &[&str] = &["about ", "approximately ", "around ", "nearly ", "roughly ", "some "];

fn matches(model: Model, want: &Expected, got: &Got) -> bool {
    let (want_text, got_text) = (want.text.to_lowercase(), got.0.to_lowercase());
    let hedged = APPROX_HEDGES.iter().any(|h| got_text.strip_prefix(h) == Some(want_text.as_str()));
    if want_text != got_text && !hedged {
        return false;
    }
    match model {
        Model::Range if want.low.is_some() && want.low == want.high => close(want.low, got.1),
        Model::Range => close(want.low, got.2) && close(want.high, got.3),
        _ => close(want.value, got.1),
    }
}

fn run(file: &str, model: Model) {
    let path = format!("{}/tests/peers/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (mut in_scope, mut passed) = (0, 0);
    let mut out: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut failures = Vec::new();
    for (k, line) in data.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let case: Case = serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", k + 1));
        if let Some(rule) = out_of_scope(&case) {
            *out.entry(rule).or_default() += 1;
            continue;
        }
        in_scope += 1;
        let got = ours(model, &case.input);
        let ok = got.len() == case.expected.len() && case.expected.iter().zip(&got).all(|(w, g)| matches(model, w, g));
        if ok {
            passed += 1;
        } else {
            let want: Vec<_> = case.expected.iter().map(|e| (&e.text, e.value, e.low, e.high)).collect();
            failures.push(format!("{} {:?}\n  want: {want:?}\n  got:  {got:?}", case.id, case.input));
        }
    }
    let out_total: usize = out.values().sum();
    let rate = passed as f64 / in_scope.max(1) as f64;
    println!(
        "{file}: {passed} of {in_scope} in-scope cases pass ({:.1}%); {out_total} out of scope {out:?}",
        rate * 100.0
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(rate >= 0.95, "{file}: {:.1}% of in-scope cases pass, want at least 95%", rate * 100.0);
    assert!(in_scope * 2 > in_scope + out_total, "{file}: most cases must stay in scope");
}

#[test]
fn peers_numbers_recognizers() {
    run("numbers.recognizers.jsonl", Model::Number);
}

#[test]
fn peers_numbers_recognizers_range() {
    run("numbers.recognizers.range.jsonl", Model::Range);
}

#[test]
fn peers_numbers_recognizers_percent() {
    run("numbers.recognizers.percent.jsonl", Model::Percent);
}
