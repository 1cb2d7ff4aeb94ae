//! Names nobody listed: companies, agencies, people and products the gazetteers lack.
//!
//! News names most of what it counts with capitalised words ("Home Depot", "Alden Capital",
//! "Bureau of Prisons", "S&P 500"). A run of capitalised words that no gazetteer lists is
//! kept as a name when its shape says so: inside a sentence, two words or more anywhere, or
//! one word at a sentence start when it recurs inside another sentence (a sentence's first
//! word is capitalised whatever it is). Title-case lines (headlines) give no names. The mention has no entity:
//! it can be a claim's subject, written as found.

use super::EntityMention;
use crate::lexicon::Lexicon;
use crate::segment::{Segments, TokenKind, Words};
use crate::span::Span;
use rustc_hash::FxHashSet;

/// A capitalised name that no gazetteer lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMention {
    /// The words: "Home Depot".
    pub span: Span,
}

/// Longest name taken, in tokens.
const MAX_NAME_TOKENS: usize = 8;

/// Every unlisted name in `text`, in text order. `mentions` are the gazetteer's: a run that
/// overlaps one is the gazetteer's to report.
///
/// ```
/// use claimex::gazetteer::{find_unlisted_names, Gazetteer};
/// let gaz = Gazetteer::bundled().unwrap();
/// let text = "Quarterly profit at Brightwater Mills rose to $2 million.";
/// let lex = claimex::lexicon::Lexicon::english();
/// let segments = claimex::segment::split(text, lex);
/// let names = find_unlisted_names(text, &segments, &gaz.find(text, &segments), lex);
/// assert_eq!(names[0].span.slice(text), "Brightwater Mills");
/// ```
pub fn find_unlisted_names(
    text: &str,
    segments: &Segments,
    mentions: &[EntityMention],
    lex: &Lexicon,
) -> Vec<NameMention> {
    let listed = |span: Span| {
        let k = mentions.partition_point(|m| m.span.end <= span.start);
        mentions.get(k).is_some_and(|m| m.span.start < span.end)
    };
    // (span, starts its sentence)
    let mut runs: Vec<(Span, bool)> = Vec::new();
    for (s, _) in segments.sentences.iter().enumerate() {
        let w = Words::new(text, segments.sentence_tokens(s), lex);
        // A sentence opens after any leading punctuation (quotes, dashes).
        let first_word = (0..w.len()).find(|&k| w.kind(k) == Some(TokenKind::Word)).unwrap_or(0);
        let mut headline = None;
        let mut i = 0;
        while i < w.len() {
            let Some(end) = run_at(w, i) else {
                i += 1;
                continue;
            };
            // Headlines capitalise every word: asked only once a run is found.
            if *headline.get_or_insert_with(|| title_case(w)) {
                break;
            }
            let mut span = w.span(i, end);
            // "Halvard Steel’s": the possessive ending is not part of the name.
            if let Some(stem) = span.slice(text).strip_suffix("’s").or_else(|| span.slice(text).strip_suffix("'s")) {
                span = Span::new(span.start, span.start + stem.len());
            }
            // Market codes: "US10YT=RR", ".DJI".
            let code =
                (w.get(end) == "=" && w.joined(end)) || (i > 0 && matches!(w.get(i - 1), "." | "=") && w.joined(i));
            // A capital after punctuation opens a list item or a clause ("charges: Possession
            // of ...", "..., Dealing in ..."): no more evidence of a name than a sentence start.
            let initial = i == first_word || (i > 0 && w.kind(i - 1) == Some(TokenKind::Punct));
            // "CEO", "TV", "SUV": short capitals alone are mostly common nouns; listed
            // acronyms come from the gazetteers.
            let short_capitals =
                end == i + 1 && w.get(i).len() <= 3 && !w.get(i).bytes().any(|b| b.is_ascii_lowercase());
            if !listed(span) && !code && !short_capitals {
                runs.push((span, initial));
                // "Shares of Tamsin Outfitters fell": a sentence's first word joined to a
                // name by "of" leaves the name after the joiner.
                if i == first_word {
                    if let Some(j) = (i + 1..end).find(|&k| w.lex.name_joiners.contains(w.get(k))) {
                        runs.push((w.span(j + 1, end), false));
                    }
                }
            }
            i = end;
        }
    }
    // A sentence-initial run is a name when its words also stand as a name inside a sentence.
    // Two capitalised words or more are a name anywhere ("Pacific Gas & Electric Co.").
    let inside: FxHashSet<&str> = runs.iter().filter(|(_, initial)| !initial).map(|(s, _)| s.slice(text)).collect();
    let several_words = |span: &Span| span.slice(text).contains(' ');
    runs.into_iter()
        .filter(|(span, initial)| !initial || several_words(span) || inside.contains(span.slice(text)))
        .map(|(span, _)| NameMention { span })
        .collect()
}

/// The end of the name run that starts at token `i`, if one does: capitalised words that are
/// no closed-class word, month or weekday, joined by "&", a glued hyphen, "of" between
/// capitals, or a number right after a capital ("S&P 500").
fn run_at(w: Words<'_>, i: usize) -> Option<usize> {
    // The byte test first: most tokens are not capitalised.
    let opens = |k: usize| {
        w.is_capitalized(k) && {
            let t = w.get(k);
            // "US10YT": letters and digits in one token make a code, not a name.
            !w.lex.name_stops.contains(t) && !t.bytes().any(|b| b.is_ascii_digit())
        }
    };
    if !opens(i) {
        return None;
    }
    let mut end = i + 1;
    while end < w.len() && end < i + MAX_NAME_TOKENS {
        let t = w.get(end);
        if opens(end) {
            end += 1;
        } else if t == "." && w.joined(end) && w.get(end - 1).len() == 1 && opens(end + 1) {
            // "Ryan S. Hollman": a middle initial.
            end += 1;
        } else if (t == "&" || (t == "-" && w.joined(end) && w.joined(end + 1)) || w.lex.name_joiners.contains(t))
            && opens(end + 1)
        {
            end += 2;
        } else if w.kind(end) == Some(TokenKind::Number) && w.get(end).bytes().all(|b| b.is_ascii_digit()) {
            // "S&P 500", "STOXX 600": only after a name of capitals.
            if !w.get(end - 1).bytes().any(|b| b.is_ascii_lowercase()) {
                end += 1;
            }
            break;
        } else {
            break;
        }
    }
    Some(end)
}

/// A title-case line (a headline): no closing stop, most longer words capitalised.
fn title_case(w: Words<'_>) -> bool {
    let last = w.len().saturating_sub(1);
    if w.kind(last) == Some(TokenKind::Punct) && matches!(w.get(last), "." | "?" | "!" | "”" | "\"") {
        return false;
    }
    let (mut words, mut capitals) = (0, 0);
    // The first word is capitalised in any sentence: it says nothing.
    for k in 1..w.len() {
        if w.kind(k) == Some(TokenKind::Word) && w.get(k).len() > 3 {
            words += 1;
            capitals += usize::from(w.is_capitalized(k));
        }
    }
    words >= 4 && capitals * 10 >= words * 7
}
