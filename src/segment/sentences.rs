//! Sentence boundaries inside one line (paragraph) of text.
//!
//! Input: a line. Output: byte spans of its sentences, trimmed, never empty, in order. A stop
//! ends a sentence when white space and a plausible sentence start follow it, and not when it
//! closes an abbreviation or initial ("U.S. Government", "Brig. Gen. Ali", "Dec. 2",
//! "Jonas E. Smith"), sits inside a number, address or parenthesis, or is part of an ellipsis
//! inside a sentence. Closing quotes and brackets after the stop belong to the sentence.
//! Numbered, lettered and bulleted lists split before each item. The tables live in
//! [`super::abbreviations`]. The English "Golden Rules" (`tests/sbd_golden.rs`) test it.

use crate::lexicon::Lexicon;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Characters that close a quotation or bracket after a sentence's final stop.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | ')' | ']' | '»')
}

/// A wire dateline before the first sentence: "KYIV, Nov 21 (Reuters) - ", "LONDON (AP) — ".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][A-Z’'. -]{1,40}(?:, [A-Z][a-z]{2,9}\.? [0-9]{1,2}(?:, [0-9]{4})?)? \([A-Z][A-Za-z .&’'-]{1,40}\) [-–—][ \t]")
        .expect("valid")
});

/// List item markers: "1.)", "2)", "3.", "a.", after a line start or white space.
static LIST_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[ \t•⁃])((?:[0-9]{1,2}|[a-z])(?:\.\)|\)|\.))[ \t]").expect("valid"));

/// Byte spans of the sentences of `line`, trimmed of white space, in order.
///
/// ```
/// use claimex::segment::sentences::split;
/// let line = "The envoys were stopped on Dec. 2. Brig. Gen. Ali al-Hassan said so.";
/// let got: Vec<&str> = split(line, claimex::lexicon::Lexicon::english()).iter().map(|s| s.slice(line)).collect();
/// assert_eq!(got, ["The envoys were stopped on Dec. 2.", "Brig. Gen. Ali al-Hassan said so."]);
/// ```
pub fn split(line: &str, lex: &Lexicon) -> Vec<Span> {
    let mut out = Vec::new();
    split_into(line, lex, &mut Vec::new(), &mut out);
    out
}

/// [`split`], appending to `out`, with `cuts` a scratch buffer: the caller reuses both
/// across the lines of a document instead of allocating per line.
pub(crate) fn split_into(line: &str, lex: &Lexicon, cuts: &mut Vec<usize>, out: &mut Vec<Span>) {
    cuts.clear();
    let b = line.as_bytes();
    let (has_bullet, has_ellipsis) = bullets_and_ellipses(b);
    let protected = list_cuts(line, has_bullet, cuts);
    // The dateline stands apart, so its outlet is not read as part of the first sentence.
    if may_hold_dateline(b) {
        if let Some(m) = DATELINE.find(line) {
            cuts.push(m.end());
        }
    }
    // Without '…' in the line, a search for the three ASCII stops finds every candidate.
    let next_stop = |from: usize| -> Option<usize> {
        if has_ellipsis {
            (from..b.len()).find(|&k| matches!(b[k], b'.' | b'?' | b'!') || b[k..].starts_with("…".as_bytes()))
        } else {
            memchr::memchr3(b'.', b'?', b'!', &b[from..]).map(|k| from + k)
        }
    };
    let mut i = 0;
    while let Some(stop) = next_stop(i) {
        i = stop + 1;
        if !protected.contains(&stop) {
            let (cut, next) = boundary_at(line, lex, stop);
            cuts.extend(cut);
            i = i.max(next);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut start = 0;
    for &cut in cuts.iter().chain([&line.len()]) {
        push_trimmed(line, start, cut, out);
        start = cut;
    }
}

/// Whether `line` holds a bullet ('•', '⁃') and an ellipsis character ('…'). All three start
/// with byte 0xE2, which is rare outside curly quotes and dashes.
fn bullets_and_ellipses(line: &[u8]) -> (bool, bool) {
    let (mut bullet, mut ellipsis) = (false, false);
    for k in memchr::memchr_iter(0xE2, line) {
        match line.get(k + 1..k + 3) {
            Some([0x80, 0xA2] | [0x81, 0x83]) => bullet = true,
            Some([0x80, 0xA6]) => ellipsis = true,
            _ => {}
        }
    }
    (bullet, ellipsis)
}

/// A cheap test before [`DATELINE`]: the line starts with a capital and a character of the
/// place-name class, and holds the bracket around the outlet.
fn may_hold_dateline(b: &[u8]) -> bool {
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.get(1).is_some_and(|&c| c.is_ascii_uppercase() || matches!(c, b'\'' | b'.' | b' ' | b'-' | 0xE2))
        && memchr::memchr(b'(', b).is_some()
}

/// Where list items start ("1.) The first item 2.) The second item", "• 9. ... • 10. ...")
/// go to `cuts`; returned are the stops inside list markers, which never end sentences.
/// `has_bullet`: whether the line holds a bullet at all.
fn list_cuts(line: &str, has_bullet: bool, cuts: &mut Vec<usize>) -> Vec<usize> {
    let mut protected = Vec::new();
    // Bullets after white space start new items.
    if has_bullet {
        for (i, c) in line.char_indices() {
            if matches!(c, '•' | '⁃') && i > 0 && !line[..i].trim_end().is_empty() {
                cuts.push(i);
            }
        }
    }
    // A list starts at the line start: "1.", "1)", "a.", "• 9." — test that before the regex.
    let head = line.trim_start().trim_start_matches(['•', '⁃', ' ']).as_bytes();
    let marker_start = head.first().is_some_and(u8::is_ascii_alphanumeric)
        && head.iter().skip(1).take(3).any(|&c| c == b'.' || c == b')');
    if !marker_start {
        return protected;
    }
    let markers: Vec<(usize, usize, u32)> = LIST_MARKER
        .captures_iter(line)
        .filter_map(|c| c.get(1))
        .map(|m| {
            let label = m.as_str().trim_end_matches([')', '.']);
            let value = label.parse::<u32>().unwrap_or_else(|_| u32::from(label.as_bytes()[0] - b'a') + 1);
            (m.start(), m.end(), value)
        })
        .collect();
    // A list counts from 1 (or "a") at the start of the line (after any bullet), by one.
    let starts_list =
        markers.first().is_some_and(|&(s, _, v)| v == 1 && line[..s].trim_start_matches(['•', '⁃', ' ']).is_empty())
            || markers.first().is_some_and(|&(s, _, _)| line[..s].trim().chars().all(|c| matches!(c, '•' | '⁃')));
    if !starts_list {
        return protected;
    }
    let mut expected = markers[0].2;
    for &(s, e, v) in &markers {
        if v != expected {
            continue;
        }
        expected += 1;
        protected.extend(line[s..e].match_indices('.').map(|(k, _)| s + k));
        let bullet_before = line[..s].trim_end().ends_with(['•', '⁃']);
        if s > 0 && !bullet_before {
            cuts.push(s);
        }
    }
    protected
}

/// Decide whether the terminal punctuation at `i` ends a sentence: the cut position (where
/// the next sentence may start) and where scanning resumes.
fn boundary_at(line: &str, lex: &Lexicon, i: usize) -> (Option<usize>, usize) {
    let b = line.as_bytes();
    // Spaced ellipsis ". . ." (three or four stops).
    if b[i] == b'.' && b.get(i + 1) == Some(&b' ') && b.get(i + 2) == Some(&b'.') {
        let mut k = i;
        let mut dots = 0;
        while b.get(k) == Some(&b'.') {
            dots += 1;
            if b.get(k + 1) == Some(&b' ') && b.get(k + 2) == Some(&b'.') {
                k += 2;
            } else {
                k += 1;
                break;
            }
        }
        let attached = i > 0 && b[i - 1].is_ascii_alphanumeric();
        let run_end = closers_end(line, k);
        let next_upper = next_char(line, run_end).is_some_and(char::is_uppercase);
        // "compounds. . . . The": the first stop ends the sentence, the ellipsis opens the next.
        if attached && dots >= 4 && next_upper {
            return (Some(i + 1), run_end);
        }
        // "a period . . . . Next": a four-dot ellipsis ends it; three dots do not.
        if !attached && dots >= 4 && (next_upper || run_end >= line.trim_end().len()) {
            return (Some(run_end), run_end);
        }
        return (None, run_end);
    }
    let mut k = i;
    let (mut stops, mut marks) = (0, 0);
    while k < b.len() {
        match b[k] {
            b'.' => stops += 1,
            b'?' | b'!' => marks += 1,
            0xE2 if line[k..].starts_with('…') => {
                stops += 3;
                k += '…'.len_utf8();
                continue;
            }
            _ => break,
        }
        k += 1;
    }
    let end = closers_end(line, k);
    let quoted = end > k;
    let Some(after) = line[end..].chars().next() else { return (None, end) };
    if !after.is_whitespace() {
        return (None, end);
    }
    let Some(next) = next_char(line, end) else { return (None, end) };
    if next.is_lowercase() {
        return (None, end);
    }
    if marks > 0 || stops > 1 {
        // "Hello!! Long time", "that.... She left": a run of marks ends the sentence when a
        // sentence start follows, not before "(Smith 55)" or a number.
        let starts = next.is_uppercase() || matches!(next, '“' | '"' | '‘');
        return (starts.then_some(end), end);
    }
    if next.is_ascii_digit() {
        // "p. 55", "Dec. 2", "N°. 1026": a stop before a number is inside the sentence.
        return (None, end);
    }
    if quoted {
        return (Some(end), end);
    }
    let word = word_before(line, i);
    let next_word = word_after(line, end);
    let starter = lex.sentence_starters.contains(next_word);
    let single_letter = word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic());
    if lex.title_abbreviations.contains(word) {
        return (None, end);
    }
    if single_letter || is_initialism(word) || lex.abbreviations.contains(word) {
        return (starter.then_some(end), end);
    }
    (Some(end), end)
}

/// Letters joined by stops: "U.S", "E.U", "a.m", "U.S.A" (the final stop is the one read).
fn is_initialism(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3
        && b.len() % 2 == 1
        && b.iter().enumerate().all(|(k, c)| if k % 2 == 0 { c.is_ascii_alphabetic() } else { *c == b'.' })
}

/// The index after any closing quotes or brackets starting at `k`.
fn closers_end(line: &str, k: usize) -> usize {
    let mut end = k;
    for c in line[k..].chars() {
        if !is_closer(c) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// The first non-space character at or after `k`.
fn next_char(line: &str, k: usize) -> Option<char> {
    line[k..].chars().find(|c| !c.is_whitespace())
}

/// The word that ends at `i` (the stop's position): letters, digits, stops and apostrophes
/// back to white space or an opening bracket or quote.
fn word_before(line: &str, i: usize) -> &str {
    let head = &line[..i];
    let start = head
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '“' | '"' | '‘'))
        .map_or(0, |p| p + head[p..].chars().next().map_or(1, char::len_utf8));
    &head[start..]
}

/// The word that starts after the white space at `k`, without punctuation.
fn word_after(line: &str, k: usize) -> &str {
    let rest = line[k..].trim_start();
    let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
    &rest[..end]
}

fn push_trimmed(line: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &line[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(Span::new(start + lead, start + lead + t.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(line: &str) -> Vec<&str> {
        split(line, Lexicon::english()).iter().map(|s| s.slice(line)).collect()
    }

    #[test]
    fn sentences_news_abbreviations() {
        let rows: &[(&str, &[&str])] = &[
            (
                "U.S. military officials estimated last July that there were about 2,500 IS fighters “at large across Iraq and Syria.” U.S. Central Command said so.",
                &["U.S. military officials estimated last July that there were about 2,500 IS fighters “at large across Iraq and Syria.”", "U.S. Central Command said so."],
            ),
            ("The envoys were stopped in northern Iraq on Dec. 2. Based on intelligence, they acted.", &["The envoys were stopped in northern Iraq on Dec. 2.", "Based on intelligence, they acted."]),
            ("Brig. Gen. Ali al-Hassan, a spokesman, warned.", &["Brig. Gen. Ali al-Hassan, a spokesman, warned."]),
            ("In Iraq, the U.S. retains about 2,500 troops.", &["In Iraq, the U.S. retains about 2,500 troops."]),
            ("I live in the U.S. How about you?", &["I live in the U.S.", "How about you?"]),
            ("He met Gen. Michael Erik Kurilla, the commander.", &["He met Gen. Michael Erik Kurilla, the commander."]),
        ];
        for (line, want) in rows {
            assert_eq!(sentences(line), *want, "in {line:?}");
        }
    }

    #[test]
    fn sentences_quotes_and_marks() {
        let rows: &[(&str, &[&str])] = &[
            ("He said “go.” Then he left.", &["He said “go.”", "Then he left."]),
            ("“Is it over?” she asked.", &["“Is it over?” she asked."]),
            (
                "She works at Yahoo! in the accounting department.",
                &["She works at Yahoo! in the accounting department."],
            ),
            ("Headline with no stop", &["Headline with no stop"]),
            ("Wait... Then it came.", &["Wait...", "Then it came."]),
            ("", &[]),
        ];
        for (line, want) in rows {
            assert_eq!(sentences(line), *want, "in {line:?}");
        }
    }

    #[test]
    fn sentences_datelines() {
        assert_eq!(
            sentences("KYIV, Nov 21 (Reuters) - Russia launched 143 drones overnight."),
            ["KYIV, Nov 21 (Reuters) -", "Russia launched 143 drones overnight."]
        );
        assert_eq!(sentences("LONDON (AP) — Prices rose."), ["LONDON (AP) —", "Prices rose."]);
        assert_eq!(sentences("IS (also known as ISIS) - a group."), ["IS (also known as ISIS) - a group."]);
    }

    #[test]
    fn sentences_lists() {
        assert_eq!(sentences("1. The first item 2. The second item"), ["1. The first item", "2. The second item"]);
        assert_eq!(sentences("a. The first item b. The second item"), ["a. The first item", "b. The second item"]);
        assert_eq!(sentences("He scored 2. Then 3. points"), ["He scored 2.", "Then 3. points"]);
    }
}
