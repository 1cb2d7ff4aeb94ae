//! Units: the counted noun phrase after a number and its singular head lemma.
//!
//! Without a part-of-speech tagger, the head is found by shape: the phrase runs over
//! modifiers (adjectives, nationalities, names, compounds, "and"-coordinations) and ends at
//! the first plural noun, or at a function word, a number or punctuation ("more than 100 IS
//! infrastructure and weapons-storage targets" → "targets").

use crate::segment::{TokenKind, WordClass, WordClasses, Words};

/// A counted noun phrase: tokens `start..end`, head at `head`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NounPhrase {
    /// First token.
    pub start: usize,
    /// One past the last token (the head).
    pub end: usize,
    /// The head noun's token.
    pub head: usize,
    /// The head's singular lower-case lemma.
    pub lemma: String,
}

pub use crate::lexicon::Measure;

/// What the unit whose head is token `head` measures, or `None` for a counted noun: "km"
/// length, "square miles" area, "km/h" and "km per hour" speed.
pub fn measure(w: Words<'_>, head: usize) -> Option<Measure> {
    if w.has(head, WordClass::LengthUnits) {
        let per_hour = |k: usize| w.is(k, "h") || w.is(k, "hr") || w.is(k, "hour");
        let power = head.checked_sub(1).and_then(|m| w.lex.power_modifiers.words().find(|p| w.is(m, p)));
        return Some(match power {
            _ if (w.get(head + 1) == "/" || w.is(head + 1, "per")) && per_hour(head + 2) => Measure::Speed,
            Some("square") => Measure::Area,
            Some(_) => Measure::Volume,
            None => Measure::Length,
        });
    }
    w.lex.measure_units.get(w.get(head)).copied()
}

/// Longest modifier run scanned before giving up on a head.
const MAX_PHRASE: usize = 7;

/// True when token `i` ends a noun phrase.
fn stops(w: Words<'_>, i: usize) -> bool {
    match w.kind(i) {
        None | Some(TokenKind::Number | TokenKind::Punct) => true,
        Some(TokenKind::Word) => {
            let t = w.get(i);
            // Acronyms ("IS", "US") are names, never the function words they spell.
            let acronym = || t.len() > 1 && t.chars().all(|c| c.is_uppercase() || c == '.');
            let classes = w.classes(i);
            classes.has(WordClass::ClauseWords) && !acronym()
                || classes.any(WordClasses::of(&[WordClass::Prepositions, WordClass::Determiners]))
                || (t.ends_with("ly") && !w.lex.ly_non_adverbs.contains(t))
                || participle(w, i)
        }
    }
}

/// "660,000 based on forecasts", "35 detained in one cell": a word in "-ed" with no noun after it
/// is a participle, not the counted noun ("12 displaced families" keeps its adjective).
fn participle(w: Words<'_>, i: usize) -> bool {
    let next_ends = match w.kind(i + 1) {
        None | Some(TokenKind::Punct) => true,
        Some(TokenKind::Word) => {
            w.classes(i + 1).any(WordClasses::of(&[WordClass::Prepositions, WordClass::ClauseWords]))
        }
        Some(TokenKind::Number) => false,
    };
    next_ends && ends_as_participle(w, i)
}

/// A word in "-ed" of five letters or more that no list names a noun ("deemed", "based";
/// the claim stage reads "and sentenced" with it too).
pub fn ends_as_participle(w: Words<'_>, i: usize) -> bool {
    let t = w.get(i);
    t.len() > 4 && t.ends_with("ed") && !w.lex.ed_nouns.contains(t)
}

/// A model code: a capitalised word of letters and digits ("A350", "F16", "S10").
fn is_model_code(w: Words<'_>, i: usize) -> bool {
    let t = w.get(i);
    w.kind(i) == Some(TokenKind::Word)
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.bytes().any(|b| b.is_ascii_digit())
}

/// True when token `i` is the first part of a hyphenated compound ("weapons-storage").
fn starts_compound(w: Words<'_>, i: usize) -> bool {
    w.get(i + 1) == "-" && w.joined(i + 1) && w.joined(i + 2) && w.kind(i + 2) == Some(TokenKind::Word)
}

/// The noun phrase that starts at token `i`, if any.
///
/// ```
/// use claimex::quantity::unit::noun_phrase;
/// use claimex::segment::{tokens::tokenize, Words};
/// let text = "100 IS infrastructure and weapons-storage targets in Syria";
/// let toks = tokenize(text, claimex::lexicon::Lexicon::english());
/// let w = Words::new(text, &toks, claimex::lexicon::Lexicon::english());
/// let np = noun_phrase(w, 1).unwrap();
/// assert_eq!(w.span(np.start, np.end).slice(text), "IS infrastructure and weapons-storage targets");
/// assert_eq!(np.lemma, "target");
/// ```
pub fn noun_phrase(w: Words<'_>, i: usize) -> Option<NounPhrase> {
    let head = head(w, i)?;
    let mut lemma = w.lemma(head);
    if head > i {
        if let Some(modifier) = compound_modifier(w, w.get(head - 1), w.get(head), &lemma) {
            lemma.insert(0, ' ');
            lemma.insert_str(0, modifier);
        }
    }
    Some(NounPhrase { start: i, end: head + 1, head, lemma })
}

/// The modifier that makes one unit with `head` (lemma `lemma`): "basis" in "basis
/// points", "square" in "square kilometres".
fn compound_modifier<'l>(w: Words<'l>, modifier: &str, head: &str, lemma: &str) -> Option<&'l str> {
    let fixed =
        w.lex.compound_units.iter().find(|(m, h)| &***h == lemma && modifier.eq_ignore_ascii_case(m)).map(|(m, _)| m);
    fixed.or_else(|| {
        w.lex
            .length_units
            .contains(head)
            .then(|| w.lex.power_modifiers.words().find(|m| modifier.eq_ignore_ascii_case(m)))
            .flatten()
    })
}

/// The head of the noun phrase that starts at token `i`, if any: [`noun_phrase`] without
/// the lemma, for callers that only test whether there is one.
pub fn head(w: Words<'_>, i: usize) -> Option<usize> {
    let mut k = i;
    let mut last_word = None;
    while k < w.len() && k < i + MAX_PHRASE {
        // "two “deliveries”": a quotation mark opening the noun.
        if k == i && w.has(k, WordClass::OpeningQuotes) && w.kind(k + 1) == Some(TokenKind::Word) {
            k += 1;
            continue;
        }
        // "50 Airbus A350 jets": a model code (letters and digits) modifies the noun after it.
        if k > i && is_model_code(w, k) && w.kind(k + 1).is_some() {
            k += 1;
            continue;
        }
        if w.kind(k) == Some(TokenKind::Word) && !stops(w, k) {
            // "60 km north": a unit of length right after the number is the head.
            if k == i && w.has(k, WordClass::LengthUnits) {
                return Some(k);
            }
            if starts_compound(w, k) {
                k += 2; // the hyphen; the next part is read on the next turn
                continue;
            }
            // "the level deemed safe": a participle after the noun ends the phrase.
            if last_word.is_some() && ends_as_participle(w, k) {
                break;
            }
            // "Two United States service members": a capitalised plural inside a name before
            // a common noun modifies it.
            let name_plural = k > i
                && w.is_capitalized(k)
                && w.kind(k + 1) == Some(TokenKind::Word)
                && !w.is_capitalized(k + 1)
                && !stops(w, k + 1);
            // "263 news organizations", "40 arms dealers": a plural noun before another
            // plural noun modifies it.
            let plural_modifier = w.kind(k + 1) == Some(TokenKind::Word)
                && !w.is_capitalized(k + 1)
                && !stops(w, k + 1)
                && w.is_plural(k + 1)
                && !w.lex.group_verbs.contains(w.get(k + 1));
            if w.is_plural(k) && !name_plural && !plural_modifier {
                // "270 million population lives in poverty": the group noun is the head and
                // the "s" word its verb.
                let verb = k > i
                    && last_word == Some(k - 1)
                    && w.lex.group_verbs.contains(w.get(k))
                    && w.lex.group_nouns.contains(w.get(k - 1));
                if !verb {
                    last_word = Some(k);
                }
                break;
            }
            last_word = Some(k);
            k += 1;
            continue;
        }
        // Coordinated modifiers: "infrastructure and weapons-storage targets".
        // "30 Boeing 787 jets", "the embattled 737 Max jet", "400 737 Max jets": a model
        // number inside the phrase, or opening it before a model's name; "787-9": its variant.
        let model = w.kind(k) == Some(TokenKind::Number)
            && w.get(k).bytes().all(|b| b.is_ascii_digit())
            && ((k > i && w.is_capitalized(k - 1)) || w.is_capitalized(k + 1));
        let variant = k > i
            && w.get(k) == "-"
            && w.joined(k)
            && w.joined(k + 1)
            && w.kind(k + 1) == Some(TokenKind::Number)
            && (is_model_code(w, k - 1) || w.kind(k - 1) == Some(TokenKind::Number));
        if model || variant {
            k += if variant { 2 } else { 1 };
            continue;
        }
        let coordinates = (w.is(k, "and") || w.is(k, "or"))
            && last_word.is_some()
            && w.kind(k + 1) == Some(TokenKind::Word)
            && !stops(w, k + 1);
        if coordinates {
            k += 1;
            continue;
        }
        break;
    }
    last_word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens::tokenize;

    fn np(text: &str) -> Option<(String, String)> {
        let toks = tokenize(text, crate::lexicon::Lexicon::english());
        let w = Words::new(text, &toks, crate::lexicon::Lexicon::english());
        noun_phrase(w, 0).map(|p| (w.span(p.start, p.end).slice(text).to_string(), p.lemma))
    }

    #[test]
    fn unit_noun_phrase_heads() {
        let rows: &[(&str, Option<(&str, &str)>)] = &[
            ("suspected foreign fighters in Syria", Some(("suspected foreign fighters", "fighter"))),
            ("foreign terrorists from over 120 countries", Some(("foreign terrorists", "terrorist"))),
            ("personnel in Syria", Some(("personnel", "personnel"))),
            ("320 Max jets were idle", Some(("320 Max jets", "jet"))),
            ("Airbus A220-300 jets on order", Some(("Airbus A220-300 jets", "jet"))),
            ("detainees who are primarily women", Some(("detainees", "detainee"))),
            ("IS fighters “at large”", Some(("IS fighters", "fighter"))),
            ("US soldiers and a civilian interpreter", Some(("US soldiers", "soldier"))),
            ("Iraqi counter-terrorism officials said", Some(("Iraqi counter-terrorism officials", "official"))),
            ("attempted jailbreaks from prisons", Some(("attempted jailbreaks", "jailbreak"))),
            ("people", Some(("people", "person"))),
            ("militias", Some(("militias", "militia"))),
            ("population lives in poverty", Some(("population", "population"))),
            ("troop contingent remains in Iraq", Some(("troop contingent", "contingent"))),
            ("population centres in the north", Some(("population centres", "centre"))),
            ("civilian lives", Some(("civilian lives", "life"))),
            ("basis points", Some(("basis points", "basis point"))),
            ("percentage points", Some(("percentage points", "percentage point"))),
            ("square kilometres of farmland", Some(("square kilometres", "square kilometre"))),
            ("cubic metres", Some(("cubic metres", "cubic metre"))),
            ("km north of Mosul", Some(("km", "km"))),
            ("mile stretch", Some(("mile", "mile"))),
            ("square meals", Some(("square meals", "meal"))),
            ("in Iraq", None),
            ("between January and June", None),
        ];
        for (text, want) in rows {
            let want = want.map(|(a, b)| (a.to_string(), b.to_string()));
            assert_eq!(np(text), want, "in {text:?}");
        }
    }

    #[test]
    fn unit_lemma_rules() {
        for (plural, single) in [
            ("strikes", "strike"),
            ("countries", "country"),
            ("women", "woman"),
            ("troops", "troop"),
            ("bases", "base"),
            ("boxes", "box"),
            ("crises", "crisis"),
            ("status", "status"),
        ] {
            assert_eq!(crate::lexicon::Lexicon::english().lemma(plural), single);
        }
    }
}
