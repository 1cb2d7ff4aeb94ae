//! Units: the counted noun phrase after a number and its singular head lemma.
//!
//! Without a part-of-speech tagger, the head is found by shape: the phrase runs over
//! modifiers (adjectives, nationalities, names, compounds, "and"-coordinations) and ends at
//! the first plural noun, or at a function word, a number or punctuation ("more than 100 IS
//! infrastructure and weapons-storage targets" → "targets").

use crate::segment::{TokenKind, Words};
use crate::words::{Index, CLAUSE_WORDS, DETERMINERS, PREPOSITIONS};

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

/// Irregular and invariant plurals: (plural, singular). Sorted by plural.
const IRREGULAR: &[(&str, &str)] = &[
    ("aircraft", "aircraft"),
    ("analyses", "analysis"),
    ("cattle", "cattle"),
    ("children", "child"),
    ("clergy", "clergy"),
    ("crises", "crisis"),
    ("criteria", "criterion"),
    ("data", "data"),
    ("feet", "foot"),
    ("geese", "goose"),
    ("halves", "half"),
    ("indices", "index"),
    ("knives", "knife"),
    ("lives", "life"),
    ("livestock", "livestock"),
    ("media", "media"),
    ("men", "man"),
    ("mice", "mouse"),
    ("militia", "militia"),
    ("news", "news"),
    ("people", "person"),
    ("personnel", "personnel"),
    ("phenomena", "phenomenon"),
    ("police", "police"),
    ("series", "series"),
    ("species", "species"),
    ("staff", "staff"),
    ("teeth", "tooth"),
    ("thieves", "thief"),
    ("wives", "wife"),
    ("women", "woman"),
    ("youth", "youth"),
];

/// Nouns that stand for the thing counted before ("killing six and wounding 11 others"), and
/// participles and adjectives used as nouns ("left 27 injured", "12 dead"). Sorted.
pub static ELLIPTIC_HEADS: crate::words::Table = crate::words::Table::new(&[
    "dead",
    "detained",
    "displaced",
    "elderly",
    "homeless",
    "hurt",
    "injured",
    "killed",
    "missing",
    "more",
    "others",
    "sick",
    "unemployed",
    "wounded",
]);

/// Modifiers that make one unit with the head after them: "50 basis points" counts basis
/// points, not points. (modifier, head lemma). Sorted.
const COMPOUND_UNITS: &[(&str, &str)] = &[("basis", "point"), ("percentage", "point")];

/// Modifiers that make an area or volume of a length unit: "49 square kilometres". Sorted.
const POWER_MODIFIERS: &[&str] = &["cubic", "square"];

/// Units of length, singular and plural, as written after a number. Sorted.
pub static LENGTH_UNITS: crate::words::Table = crate::words::Table::new(&[
    "centimeter",
    "centimeters",
    "centimetre",
    "centimetres",
    "cm",
    "feet",
    "foot",
    "ft",
    "inch",
    "inches",
    "kilometer",
    "kilometers",
    "kilometre",
    "kilometres",
    "km",
    "kms",
    "meter",
    "meters",
    "metre",
    "metres",
    "mi",
    "mile",
    "miles",
    "mm",
    "yard",
    "yards",
]);

/// Units of measure other than length ([`LENGTH_UNITS`]), with what they measure: a
/// bracketed amount of the same measure restates the one before ("100 kg (220 lb)"). Sorted.
const MEASURE_UNITS: &[(&str, Measure)] = &[
    ("acre", Measure::Area),
    ("acres", Measure::Area),
    ("celsius", Measure::Temperature),
    ("degrees", Measure::Temperature),
    ("fahrenheit", Measure::Temperature),
    ("gallon", Measure::Volume),
    ("gallons", Measure::Volume),
    ("gram", Measure::Mass),
    ("grams", Measure::Mass),
    ("ha", Measure::Area),
    ("hectare", Measure::Area),
    ("hectares", Measure::Area),
    ("kg", Measure::Mass),
    ("kgs", Measure::Mass),
    ("kilogram", Measure::Mass),
    ("kilogramme", Measure::Mass),
    ("kilogrammes", Measure::Mass),
    ("kilograms", Measure::Mass),
    ("kilos", Measure::Mass),
    ("kmh", Measure::Speed),
    ("knots", Measure::Speed),
    ("kph", Measure::Speed),
    ("lb", Measure::Mass),
    ("lbs", Measure::Mass),
    ("liter", Measure::Volume),
    ("liters", Measure::Volume),
    ("litre", Measure::Volume),
    ("litres", Measure::Volume),
    ("mph", Measure::Speed),
    ("ounces", Measure::Mass),
    ("oz", Measure::Mass),
    ("ton", Measure::Mass),
    ("tonne", Measure::Mass),
    ("tonnes", Measure::Mass),
    ("tons", Measure::Mass),
];

/// What a unit of measure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// "km", "miles".
    Length,
    /// "acres", "square kilometres".
    Area,
    /// "litres", "cubic metres".
    Volume,
    /// "kg", "lb", "tonnes".
    Mass,
    /// "mph", "km/h", "knots".
    Speed,
    /// "degrees", "Celsius".
    Temperature,
}

/// What the unit whose head is token `head` measures, or `None` for a counted noun: "km"
/// length, "square miles" area, "km/h" and "km per hour" speed.
pub fn measure(w: Words<'_>, head: usize) -> Option<Measure> {
    let word = w.get(head);
    if LENGTH_UNITS.contains(word) {
        let per_hour = |k: usize| w.is(k, "h") || w.is(k, "hr") || w.is(k, "hour");
        let power = head.checked_sub(1).and_then(|m| POWER_MODIFIERS.iter().find(|p| w.is(m, p)));
        return Some(match power {
            _ if (w.get(head + 1) == "/" || w.is(head + 1, "per")) && per_hour(head + 2) => Measure::Speed,
            Some(&"square") => Measure::Area,
            Some(_) => Measure::Volume,
            None => Measure::Length,
        });
    }
    MEASURE_UNITS.iter().find(|(u, _)| word.eq_ignore_ascii_case(u)).map(|(_, m)| *m)
}

/// Singular nouns for a group counted as one ("270 million population"): before a verb in
/// [`GROUP_VERBS`] they are the head, not a modifier of the next word. Sorted.
static GROUP_NOUNS: crate::words::Table = crate::words::Table::new(&[
    "army",
    "audience",
    "community",
    "contingent",
    "crowd",
    "diaspora",
    "electorate",
    "force",
    "garrison",
    "population",
    "public",
    "workforce",
]);

/// Third-person verbs that read as plural nouns by their "s" ("lives", "remains"): after a
/// [`GROUP_NOUNS`] word they are the verb of the clause. Only verbs that are rarely the
/// plural head of a compound after such a noun. Sorted.
static GROUP_VERBS: crate::words::Table = crate::words::Table::new(&[
    "continues",
    "depends",
    "earns",
    "faces",
    "grows",
    "lacks",
    "lies",
    "lives",
    "relies",
    "remains",
    "resides",
    "stands",
    "suffers",
    "survives",
]);

/// Longest modifier run scanned before giving up on a head.
const MAX_PHRASE: usize = 7;

/// [`IRREGULAR`] by hash: it is looked up for most words after a number.
static IRREGULAR_INDEX: Index<&'static str> = Index::new(|| IRREGULAR.iter().copied().collect());

fn irregular(word: &str) -> Option<&'static str> {
    IRREGULAR_INDEX.get(word)
}

/// True when `word` looks like a plural noun (or an invariant collective like "personnel").
pub fn is_plural(word: &str) -> bool {
    if irregular(word).is_some() {
        return true;
    }
    // The cheap tests on the ending first; the case of every letter last.
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && !word.ends_with("’s")
        && !word.ends_with("'s")
        && word.chars().skip(1).all(|c| !c.is_uppercase())
}

/// The singular lower-case lemma of a noun: "fighters" → "fighter", "people" → "person".
///
/// ```
/// use claimex::quantity::unit::lemma;
/// assert_eq!(lemma("Casualties"), "casualty");
/// assert_eq!(lemma("children"), "child");
/// assert_eq!(lemma("personnel"), "personnel");
/// ```
pub fn lemma(word: &str) -> String {
    if let Some(s) = irregular(word) {
        return s.to_string();
    }
    // One allocation, cut in place: this runs for every counted noun.
    let mut w = if word.is_ascii() { word.to_ascii_lowercase() } else { word.to_lowercase() };
    if w.len() <= 3 || !w.ends_with('s') || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return w;
    }
    for (suffix, keep) in [("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("zzes", "zz")] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if stem.len() > 1 {
                w.truncate(stem.len());
                w.push_str(keep);
                return w;
            }
        }
    }
    w.pop();
    w
}

/// True when token `i` ends a noun phrase.
fn stops(w: Words<'_>, i: usize) -> bool {
    match w.kind(i) {
        None | Some(TokenKind::Number | TokenKind::Punct) => true,
        Some(TokenKind::Word) => {
            let t = w.get(i);
            // Acronyms ("IS", "US") are names, never the function words they spell.
            let acronym = || t.len() > 1 && t.chars().all(|c| c.is_uppercase() || c == '.');
            CLAUSE_WORDS.contains(t) && !acronym()
                || PREPOSITIONS.contains(t)
                || DETERMINERS.contains(t)
                || t.ends_with("ly")
        }
    }
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
/// let toks = tokenize(text);
/// let w = Words::new(text, &toks);
/// let np = noun_phrase(w, 1).unwrap();
/// assert_eq!(w.span(np.start, np.end).slice(text), "IS infrastructure and weapons-storage targets");
/// assert_eq!(np.lemma, "target");
/// ```
pub fn noun_phrase(w: Words<'_>, i: usize) -> Option<NounPhrase> {
    let head = head(w, i)?;
    let mut lemma = lemma(w.get(head));
    if head > i {
        if let Some(modifier) = compound_modifier(w.get(head - 1), w.get(head), &lemma) {
            lemma.insert(0, ' ');
            lemma.insert_str(0, modifier);
        }
    }
    Some(NounPhrase { start: i, end: head + 1, head, lemma })
}

/// The modifier that makes one unit with `head` (lemma `lemma`): "basis" in "basis
/// points", "square" in "square kilometres".
fn compound_modifier(modifier: &str, head: &str, lemma: &str) -> Option<&'static str> {
    let fixed = COMPOUND_UNITS.iter().find(|(m, h)| *h == lemma && modifier.eq_ignore_ascii_case(m)).map(|(m, _)| *m);
    fixed.or_else(|| {
        LENGTH_UNITS
            .contains(head)
            .then(|| POWER_MODIFIERS.iter().copied().find(|m| modifier.eq_ignore_ascii_case(m)))
            .flatten()
    })
}

/// The head of the noun phrase that starts at token `i`, if any: [`noun_phrase`] without
/// the lemma, for callers that only test whether there is one.
pub fn head(w: Words<'_>, i: usize) -> Option<usize> {
    let mut k = i;
    let mut last_word = None;
    while k < w.len() && k < i + MAX_PHRASE {
        if w.kind(k) == Some(TokenKind::Word) && !stops(w, k) {
            // "60 km north": a unit of length right after the number is the head.
            if k == i && LENGTH_UNITS.contains(w.get(k)) {
                return Some(k);
            }
            if starts_compound(w, k) {
                k += 2; // the hyphen; the next part is read on the next turn
                continue;
            }
            if is_plural(w.get(k)) {
                // "270 million population lives in poverty": the group noun is the head and
                // the "s" word its verb.
                let verb = k > i
                    && last_word == Some(k - 1)
                    && GROUP_VERBS.contains(w.get(k))
                    && GROUP_NOUNS.contains(w.get(k - 1));
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
        let toks = tokenize(text);
        let w = Words::new(text, &toks);
        noun_phrase(w, 0).map(|p| (w.span(p.start, p.end).slice(text).to_string(), p.lemma))
    }

    #[test]
    fn unit_noun_phrase_heads() {
        let rows: &[(&str, Option<(&str, &str)>)] = &[
            ("suspected foreign fighters in Syria", Some(("suspected foreign fighters", "fighter"))),
            ("foreign terrorists from over 120 countries", Some(("foreign terrorists", "terrorist"))),
            ("personnel in Syria", Some(("personnel", "personnel"))),
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
    fn unit_tables_are_sorted() {
        for (name, table) in
            [("LENGTH_UNITS", &LENGTH_UNITS), ("GROUP_NOUNS", &GROUP_NOUNS), ("GROUP_VERBS", &GROUP_VERBS)]
        {
            table.check(name);
        }
        for pair in COMPOUND_UNITS.windows(2) {
            assert!(pair[0] < pair[1], "COMPOUND_UNITS: {:?} before {:?}", pair[0], pair[1]);
        }
        assert!(POWER_MODIFIERS.windows(2).all(|p| p[0] < p[1]), "POWER_MODIFIERS");
        assert!(MEASURE_UNITS.windows(2).all(|p| p[0].0 < p[1].0), "MEASURE_UNITS");
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
            assert_eq!(lemma(plural), single);
        }
    }
}
