//! Names nobody listed: companies, agencies, people and products the gazetteers lack.
//!
//! News names most of what it counts with capitalised words ("Home Depot", "Alden Capital",
//! "Bureau of Prisons", "S&P 500"). A run of capitalised words that no gazetteer lists is
//! kept as a name when its shape says so: inside a sentence, two words or more anywhere, or
//! one word at a sentence start when it recurs inside another sentence (a sentence's first
//! word is capitalised whatever it is). Title-case lines (headlines) give no names. The mention has no entity:
//! it can be a claim's subject, written as found.

use super::{EntityMention, EntityType, Gazetteer, NameForm};
use crate::lexicon::Lexicon;
use crate::segment::{Segments, TokenKind, WordClass, Words};
use crate::span::Span;
use rustc_hash::{FxHashMap, FxHashSet};

/// A capitalised name that no gazetteer lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMention {
    /// The words: "Home Depot".
    pub span: Span,
    /// For an acronym the article defined ("Commercial Lunar Payload Services (CLPS)"), the
    /// words it stands for, where they were written.
    pub full: Option<Span>,
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
/// let mut mentions = gaz.find(text, &segments);
/// let names = find_unlisted_names(text, &segments, &mut mentions, &gaz, lex);
/// assert_eq!(names[0].span.slice(text), "Brightwater Mills");
/// ```
pub fn find_unlisted_names(
    text: &str,
    segments: &Segments,
    mentions: &mut Vec<EntityMention>,
    gazetteer: &Gazetteer,
    lex: &Lexicon,
) -> Vec<NameMention> {
    let mut shadowed: Vec<usize> = Vec::new();
    let tail = std::cell::Cell::new(None);
    // A run that overlaps a mention is the gazetteer's, unless the mention is a town or a
    // person's name inside a longer name: "Pacific" in "Pacific Gas & Electric Co.", "Warren"
    // in "Elizabeth Warren", "Trelawny" in "Trelawny Freight". Then the name wins.
    let mut listed = |span: Span, w: Words<'_>, i: usize, end: usize| {
        let k = mentions.partition_point(|m| m.span.end <= span.start);
        // The mentions it overlaps: one run of the sorted mentions.
        let inside = k..k + mentions[k..].iter().take_while(|m| m.span.start < span.end).count();
        if inside.is_empty() {
            return false;
        }
        let covered = |t: usize| mentions[inside.clone()].iter().any(|m| m.span.overlaps(w.tokens[t].span));
        // "Delhi’s vehicles", "South Dakota's Department of ...": a possessive place stays a place.
        let possessive = mentions[inside.clone()].iter().any(|m| lex.possessive_at(text, m.span.end));
        let within = mentions[inside.clone()].iter().all(|m| span.contains(m.span));
        let shadowable = mentions[inside.clone()].iter().all(|m| {
            let e = gazetteer.entity(m.entity);
            m.form == NameForm::Name
                && match e.kind {
                    EntityType::Place => !e.is_country(),
                    EntityType::Person => true,
                    EntityType::Organization => false,
                }
        });
        let extra = (i..end).any(|t| w.kind(t) == Some(TokenKind::Word) && !covered(t));
        // Two towns side by side are one person's name ("Elizabeth Warren").
        let named = (extra || inside.len() > 1) && (i..end).all(|t| !w.has(t, WordClass::PlaceNameWords));
        if within && shadowable && named && !possessive {
            shadowed.extend(inside);
            return false;
        }
        // "ambassador to Ukraine Marie Yovanovitch": the words after the last listed name
        // may be a name of their own.
        if let Some(last) = mentions[inside].last() {
            let after = w.index_at(last.span.end);
            if after + 1 < end && (after..end).all(|t| w.is_capitalized(t)) {
                tail.set(Some(after));
            }
        }
        true
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
            // "400 737 Max jets", "Boeing 787 Dreamliner": after a model number, the model's
            // name, not an actor's.
            let model = i >= 2
                && w.kind(i - 1) == Some(TokenKind::Number)
                && (w.kind(i - 2) == Some(TokenKind::Number)
                    || w.is_capitalized(i - 2)
                    || w.lex.number_words.contains(w.get(i - 2)));
            tail.set(None);
            let is_listed = code || short_capitals || model || listed(span, w, i, end);
            if let Some(t) = tail.get() {
                runs.push((w.span(t, end), false));
            }
            if !is_listed {
                runs.push((span, initial));
                // "Shares of Tamsin Outfitters fell": a sentence's first word joined to a
                // name by "of" leaves the name after the joiner.
                if i == first_word {
                    if let Some(j) = (i + 1..end).find(|&k| w.has(k, WordClass::NameJoiners)) {
                        runs.push((w.span(j + 1, end), false));
                    }
                }
            }
            i = end;
        }
    }
    // A sentence-initial run is a name when its words also stand as a name inside a sentence.
    // Two capitalised words or more are a name anywhere ("Pacific Gas & Electric Co.").
    if !shadowed.is_empty() {
        let mut k = 0;
        mentions.retain(|_| {
            k += 1;
            shadowed.binary_search(&(k - 1)).is_err()
        });
    }
    let inside: FxHashSet<&str> = runs.iter().filter(|(_, initial)| !initial).map(|(s, _)| s.slice(text)).collect();
    let several_words = |span: &Span| span.slice(text).contains(' ');
    let names = runs
        .into_iter()
        .filter(|(span, initial)| !initial || several_words(span) || inside.contains(span.slice(text)))
        .map(|(span, _)| NameMention { span, full: None })
        .collect::<Vec<_>>();
    let names = with_full_names(text, names);
    let acronyms = defined_acronyms(text, segments, &names, mentions, lex);
    if acronyms.is_empty() {
        return names;
    }
    let mut all: Vec<NameMention> = names.into_iter().filter(|n| !acronyms.iter().any(|a| a.span == n.span)).collect();
    all.extend(acronyms);
    all.sort_by_key(|n| n.span.start);
    all
}

/// Longest earlier name, in words, that a lone word may stand for.
const FULL_NAME_WORDS: usize = 3;

/// "Noel" after "Tova Noel": a lone word that ends an earlier name of two or three words
/// stands for it, written in full (GUIDELINES: the fullest name the article uses). Only a
/// name inside a sentence, of words written as names ("Tova", not "CEO" or "Following").
fn with_full_names(text: &str, mut names: Vec<NameMention>) -> Vec<NameMention> {
    let name_word = |w: &str| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
    let opens_sentence = |span: Span| {
        let before = text[..span.start].trim_end_matches([' ', '\t']);
        before.is_empty() || before.ends_with(['.', '!', '?', '\n', '"', '“'])
    };
    // The last word of each full name so far, with the name (the latest wins).
    let mut by_last: FxHashMap<&str, Span> = FxHashMap::default();
    for n in &mut names {
        let name = n.span.slice(text);
        match name.rsplit_once(' ') {
            None => n.full = n.full.or_else(|| by_last.get(name).copied()),
            Some((_, last)) => {
                let words = name.split(' ').count();
                if words <= FULL_NAME_WORDS && name.split(' ').all(name_word) && !opens_sentence(n.span) {
                    by_last.insert(last, n.full.unwrap_or(n.span));
                }
            }
        }
    }
    names
}

/// Acronyms the article defines in brackets after a name ("Commercial Lunar Payload Services
/// (CLPS)", "the Ministry of Trade, Industry and Energy (MOTIE)"), and each later use of
/// them, as names that stand for the long form. The acronym's letters are the initials of
/// the name's words, in order (small words may give one or not).
fn defined_acronyms(
    text: &str,
    segments: &Segments,
    names: &[NameMention],
    mentions: &[EntityMention],
    lex: &Lexicon,
) -> Vec<NameMention> {
    let tokens = &segments.tokens;
    let mut defined: Vec<(&str, Span)> = Vec::new();
    for n in names {
        let mut k = tokens.partition_point(|t| t.span.start < n.span.end);
        let at = |j: usize| tokens.get(j).map_or("", |t| t.span.slice(text));
        // "Commercial Lunar Payload Services program (CLPS)": a common noun may stand between.
        let mut between = 0;
        while between < 2 && at(k).starts_with(|c: char| c.is_ascii_lowercase()) {
            k += 1;
            between += 1;
        }
        if at(k) != "(" || at(k + 2) != ")" {
            continue;
        }
        let acronym = at(k + 1);
        if acronym.len() >= 2
            && acronym.bytes().all(|b| b.is_ascii_uppercase())
            && abbreviates(acronym, n.span.slice(text), lex)
        {
            defined.push((acronym, n.span));
        }
    }
    if defined.is_empty() {
        return Vec::new();
    }
    let listed = |span: Span| {
        let k = mentions.partition_point(|m| m.span.end <= span.start);
        mentions.get(k).is_some_and(|m| m.span.start < span.end)
    };
    tokens
        .iter()
        .filter_map(|t| {
            let word = t.span.slice(text);
            let (_, full) = defined.iter().find(|(a, full)| *a == word && t.span.start > full.end)?;
            (!listed(t.span)).then_some(NameMention { span: t.span, full: Some(*full) })
        })
        .collect()
}

/// True when `acronym` spells initials of the words of `name` in order, taking every
/// capitalised word's and any small word's ("of", "and") at will.
fn abbreviates(acronym: &str, name: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = name.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
    // (word index, letter index): may every remaining letter be matched from here?
    fn go(letters: &[u8], words: &[&str], lex: &Lexicon) -> bool {
        match (letters.first(), words.first()) {
            (None, None) => true,
            (None, Some(_)) => words.iter().all(|w| !w.starts_with(char::is_uppercase)),
            (Some(_), None) => false,
            (Some(&l), Some(w)) => {
                let initial = w.as_bytes()[0].to_ascii_uppercase();
                let small = !w.starts_with(char::is_uppercase) || lex.name_joiners.contains(w);
                (initial == l && go(&letters[1..], &words[1..], lex)) || (small && go(letters, &words[1..], lex))
            }
        }
    }
    words.len() >= 2 && go(acronym.as_bytes(), &words, lex)
}

/// The end of the name run that starts at token `i`, if one does: capitalised words that are
/// no closed-class word, month or weekday, joined by "&", a glued hyphen, "of" between
/// capitals, or a number right after a capital ("S&P 500").
fn run_at(w: Words<'_>, i: usize) -> Option<usize> {
    // The byte test first: most tokens are not capitalised.
    let opens = |k: usize| {
        // "US10YT": letters and digits in one token make a code, not a name.
        w.is_capitalized(k) && !w.has(k, WordClass::NameStops) && !w.get(k).bytes().any(|b| b.is_ascii_digit())
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
        } else if (t == "&" || (t == "-" && w.joined(end) && w.joined(end + 1)) || w.has(end, WordClass::NameJoiners))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The unlisted names of `text` and the gazetteer mentions left beside them.
    fn names_and_mentions(text: &str) -> (Vec<&str>, Vec<&str>) {
        let gaz = Gazetteer::bundled().expect("bundled gazetteers load");
        let lex = Lexicon::english();
        let segments = crate::segment::split(text, lex);
        let mut mentions = gaz.find(text, &segments);
        let names = find_unlisted_names(text, &segments, &mut mentions, &gaz, lex);
        (names.iter().map(|n| n.span.slice(text)).collect(), mentions.iter().map(|m| m.span.slice(text)).collect())
    }

    #[test]
    fn names_a_town_inside_a_longer_name_is_the_names() {
        let (names, mentions) =
            names_and_mentions("Profit at Pacific Gas & Electric Co. fell, and Elizabeth Warren spoke.");
        assert_eq!(names, ["Pacific Gas & Electric Co", "Elizabeth Warren"]);
        assert!(mentions.is_empty(), "{mentions:?}");
    }

    #[test]
    fn names_keep_places_with_their_own_name_words_and_possessives() {
        let (names, mentions) =
            names_and_mentions("Inmates at the Bartholomew County Jail wrote to Delhi’s officials in Kirkuk Province.");
        assert!(names.is_empty(), "{names:?}");
        assert!(mentions.contains(&"Delhi") && mentions.iter().any(|m| m.starts_with("Bartholomew")), "{mentions:?}");
    }

    #[test]
    fn names_an_acronym_defined_in_brackets_stands_for_its_long_form() {
        let text = "Firms joined the Brightwater Lunar Ventures program (BLV) in May. Later BLV hired 40 staff, \
                    and the XYZ group grew.";
        let gaz = Gazetteer::bundled().expect("bundled gazetteers load");
        let lex = Lexicon::english();
        let segments = crate::segment::split(text, lex);
        let mut mentions = gaz.find(text, &segments);
        let names = find_unlisted_names(text, &segments, &mut mentions, &gaz, lex);
        let later = names.iter().find(|n| n.span.slice(text) == "BLV" && n.span.start > 60).expect("later BLV");
        assert_eq!(later.full.map(|f| f.slice(text)), Some("Brightwater Lunar Ventures"));
        assert!(!names.iter().any(|n| n.span.slice(text) == "XYZ"), "an undefined acronym stays no name");
        assert!(abbreviates("MOTIE", "Ministry of Trade Industry Energy", lex));
        assert!(!abbreviates("NBA", "National Football League", lex));
    }

    #[test]
    fn names_a_lone_surname_stands_for_the_full_name_before_it() {
        let text = "The guard, Dalia Venkov, was charged. Then Venkov denied it. \
                    Marching Orlo Brandt spoke. Then Brandt left.";
        let gaz = Gazetteer::bundled().expect("bundled gazetteers load");
        let lex = Lexicon::english();
        let segments = crate::segment::split(text, lex);
        let mut mentions = gaz.find(text, &segments);
        let names = find_unlisted_names(text, &segments, &mut mentions, &gaz, lex);
        let full: Vec<(&str, Option<&str>)> =
            names.iter().map(|n| (n.span.slice(text), n.full.map(|f| f.slice(text)))).collect();
        assert!(full.contains(&("Venkov", Some("Dalia Venkov"))), "{full:?}");
        // A run that opens a sentence ("Marching Orlo Brandt") is not taken as the full name.
        assert!(full.contains(&("Brandt", None)), "{full:?}");
    }

    #[test]
    fn names_after_a_model_number_are_the_models() {
        let (names, _) =
            names_and_mentions("The lessor owns 40 737 Max jets and one Trelby 900 Falcon, and 12 Halvard staff.");
        assert!(!names.iter().any(|n| n.contains("Max") || n.contains("Falcon")), "{names:?}");
        // A count before a name is no model number: "12 Halvard staff".
        assert!(names.contains(&"Halvard"), "{names:?}");
    }

    #[test]
    fn names_keep_countries_inside_runs() {
        let (names, mentions) = names_and_mentions("Officials said the Iraq War cost much.");
        assert!(mentions.contains(&"Iraq") && names.is_empty(), "{names:?} {mentions:?}");
    }
}
