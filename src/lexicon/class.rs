//! Word classes: which of the lexicon's most consulted lists a word is in, as one bit set.
//!
//! Segmentation looks every token up once in one merged table ([`super::Lexicon::classes_of`])
//! and keeps the answer on the token, so a stage asks `w.has(i, WordClass::Months)` (a bit
//! test) instead of hashing the same word again for each list and each back-scan. The lists
//! stay the source of truth: a class is exactly "this word is in that list", ignoring ASCII
//! case, and a test checks both agree on every token of the corpus.
//!
//! The classes are the lists looked up most often per run (counted per call site on
//! `corpus/` and the dev articles); rarer lists are still read through the lexicon.

use super::table::lower8;
use super::{Lexicon, WordMap};
use rustc_hash::FxHashMap;

/// A set of [`WordClass`]es: one bit per class.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct WordClasses(u64);

impl WordClasses {
    /// No class.
    pub const NONE: WordClasses = WordClasses(0);

    /// True when `class` is in the set.
    #[inline]
    pub fn has(self, class: WordClass) -> bool {
        self.0 & class.bit() != 0
    }

    /// True when any class of `other` is in the set.
    #[inline]
    pub fn any(self, other: WordClasses) -> bool {
        self.0 & other.0 != 0
    }

    /// The set of these classes.
    pub const fn of(classes: &[WordClass]) -> WordClasses {
        let mut bits = 0;
        let mut k = 0;
        while k < classes.len() {
            bits |= classes[k].bit();
            k += 1;
        }
        WordClasses(bits)
    }

    /// The set with `class` added.
    #[must_use]
    pub const fn with(self, class: WordClass) -> WordClasses {
        WordClasses(self.0 | class.bit())
    }

    /// The classes in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = WordClass> {
        WordClass::ALL.iter().copied().filter(move |c| self.has(*c))
    }
}

impl std::fmt::Debug for WordClasses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

macro_rules! word_classes {
    ($( $variant:ident = $field:ident, )*) => {
        /// A lexicon list that segmentation marks on each token: the variant names the
        /// [`Lexicon`] field (and the `lang/en` list) it stands for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum WordClass {
            $(
                #[doc = concat!("In `", stringify!($field), "`.")]
                $variant,
            )*
        }

        impl WordClass {
            /// Every class, in declaration order.
            pub const ALL: &'static [WordClass] = &[$(WordClass::$variant),*];

            /// The name of the lexicon list the class stands for.
            pub fn list_name(self) -> &'static str {
                match self {
                    $(WordClass::$variant => stringify!($field),)*
                }
            }
        }

        impl Lexicon {
            /// True when `word` is in the list of `class`, looked up in that list itself (not
            /// through the merged table): what the class must always agree with.
            pub fn in_list(&self, class: WordClass, word: &str) -> bool {
                match class {
                    $(WordClass::$variant => self.$field.contains(word),)*
                }
            }

            /// The words of the list of `class` (for tests).
            #[cfg(test)]
            fn list_words(&self, class: WordClass) -> Vec<&str> {
                match class {
                    $(WordClass::$variant => self.$field.keys().collect(),)*
                }
            }

            /// One table from every word of the classed lists to its classes. Keys are
            /// lower-cased first, so that entries differing only in ASCII case (a table key
            /// "US" and a list word "us") merge into one, as a case-blind lookup sees them.
            pub(super) fn class_table(&self) -> ClassTable {
                let mut merged: FxHashMap<Box<str>, WordClasses> = Default::default();
                $(
                    for word in self.$field.keys() {
                        let entry = merged.entry(word.to_ascii_lowercase().into_boxed_str()).or_default();
                        *entry = entry.with(WordClass::$variant);
                    }
                )*
                ClassTable::new(merged)
            }
        }
    };
}

/// Every word of the classed lists with its classes, built for one lookup per token. The
/// lexicon's [`WordMap`] tests a (first, last, length) shape before hashing, which pays when
/// most words are in no list; here most tokens are in some list ("the", ",", "said"), so the
/// table hashes at once, and a key of up to 16 bytes is held as two words (all of its bytes)
/// that a probe compares without reading the key.
pub(super) struct ClassTable {
    slots: Box<[ClassSlot]>,
    /// `slots.len() - 1` (a power of two).
    mask: usize,
    /// The key's words with only A-Z lowered, by slot: read only for keys of other bytes
    /// than letters, whose bit-5 fold is not exact ("@" and "`" fold alike).
    exact: Box<[(u64, u64)]>,
    /// Keys longer than 16 bytes (few, and rare as tokens).
    long: WordMap<WordClasses>,
    /// The classes of each one-byte word, in either case: one load for ",", ".", "a", "$".
    single: Box<[WordClasses; 256]>,
    /// No key starts with a digit, so no number token ("2,500") has a class.
    no_digit_keys: bool,
}

#[derive(Clone, Copy, Default)]
struct ClassSlot {
    /// The key's two words with bit 5 set in every byte ([`FOLD`]).
    folded: (u64, u64),
    /// Key length in bytes; 0 for an empty slot.
    len: u32,
    /// The key is all letters: equal folded words are then equal keys, ignoring case.
    letters: bool,
    classes: WordClasses,
}

/// Bit 5 of every byte: set on both sides, it maps A-Z onto a-z.
const FOLD: u64 = 0x2020_2020_2020_2020;

/// The bytes of a word of 1 to 16 bytes as two words: the first and last eight (overlapping)
/// from eight bytes on, the first and last four (in one word) from four, else the first,
/// middle and last byte, which are all of them.
#[inline(always)]
fn two_words(b: &[u8]) -> (u64, u64) {
    if let (Some(head), Some(tail)) = (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        (u64::from_le_bytes(*head), u64::from_le_bytes(*tail))
    } else if let (Some(head), Some(tail)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        (u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32, 0)
    } else if let (Some(&first), Some(&last)) = (b.first(), b.last()) {
        (u64::from(first) | u64::from(b[b.len() / 2]) << 8 | u64::from(last) << 16, 0)
    } else {
        (0, 0)
    }
}

#[inline(always)]
fn home(folded: (u64, u64), len: usize, mask: usize) -> usize {
    let mixed = (folded.0 ^ folded.1.rotate_left(29) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 32) as usize & mask
}

impl ClassTable {
    /// A table of no words (a placeholder until the lists are read).
    pub(super) fn empty() -> ClassTable {
        ClassTable::new(FxHashMap::default())
    }

    fn new(merged: FxHashMap<Box<str>, WordClasses>) -> ClassTable {
        let size = (2 * merged.len()).next_power_of_two().max(8);
        let mask = size - 1;
        let mut slots = vec![ClassSlot::default(); size].into_boxed_slice();
        let mut exact = vec![(0, 0); size].into_boxed_slice();
        let mut long = Vec::new();
        let mut single = Box::new([WordClasses::NONE; 256]);
        let no_digit_keys = !merged.keys().any(|k| k.starts_with(|c: char| c.is_ascii_digit()));
        for (key, classes) in merged {
            let b = key.as_bytes();
            if let [byte] = b {
                single[usize::from(byte.to_ascii_lowercase())] = classes;
                single[usize::from(byte.to_ascii_uppercase())] = classes;
            }
            if b.len() > 16 {
                long.push((key, classes));
                continue;
            }
            if b.is_empty() {
                continue;
            }
            let (x, y) = two_words(b);
            let folded = (x | FOLD, y | FOLD);
            let mut k = home(folded, b.len(), mask);
            while slots[k].len != 0 {
                k = (k + 1) & mask;
            }
            let letters = b.iter().all(u8::is_ascii_alphabetic);
            slots[k] = ClassSlot { folded, len: b.len() as u32, letters, classes };
            exact[k] = (lower8(x), lower8(y));
        }
        ClassTable { slots, mask, exact, long: WordMap::new(long), single, no_digit_keys }
    }

    /// True when the key in slot `k`, not all letters, is the word of words `x`, `y` ignoring
    /// ASCII case. Out of line: inlined, its folding would be computed for every token.
    #[inline(never)]
    fn exact_at(&self, k: usize, x: u64, y: u64) -> bool {
        self.exact[k] == (lower8(x), lower8(y))
    }

    /// The classes of `word`, ignoring ASCII case.
    #[inline]
    pub(super) fn get(&self, word: &[u8]) -> WordClasses {
        let n = word.len();
        match word {
            [] => return WordClasses::NONE,
            [byte] => return self.single[usize::from(*byte)],
            [first, ..] if self.no_digit_keys && first.is_ascii_digit() => return WordClasses::NONE,
            _ if n > 16 => return self.long.get_bytes(word).copied().unwrap_or_default(),
            _ => {}
        }
        let (x, y) = two_words(word);
        let folded = (x | FOLD, y | FOLD);
        let mut k = home(folded, n, self.mask);
        loop {
            let slot = self.slots[k];
            if slot.len == 0 {
                return WordClasses::NONE;
            }
            if slot.folded == folded && slot.len as usize == n && (slot.letters || self.exact_at(k, x, y)) {
                return slot.classes;
            }
            k = (k + 1) & self.mask;
        }
    }
}

impl std::fmt::Debug for ClassTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ClassTable({} slots)", self.slots.len())
    }
}

impl WordClass {
    const fn bit(self) -> u64 {
        1 << self as u8
    }
}

// Ordered by lookups per run, most first (at most 64: one bit each).
word_classes! {
    Cues = cues,
    NumberStarts = number_starts,
    TimeOpeners = time_openers,
    Determiners = determiners,
    ClauseWords = clause_words,
    AgentMarkers = agent_markers,
    Prepositions = prepositions,
    PredicateVerbs = predicate_verbs,
    NameStops = name_stops,
    RelayVerbs = relay_verbs,
    Possessives = possessives,
    Coordinators = coordinators,
    Subordinators = subordinators,
    NameJoiners = name_joiners,
    RelativePronouns = relative_pronouns,
    DocumentNouns = document_nouns,
    NumberWords = number_words,
    TimeUnits = time_units,
    Months = months,
    Pronouns = pronouns,
    Denominators = denominators,
    Currencies = currencies,
    AgeWords = age_words,
    ClauseBreaks = clause_breaks,
    AnonymousNouns = anonymous_nouns,
    LengthUnits = length_units,
    PersonTitles = person_titles,
    OfficialNouns = official_nouns,
    VaguePlurals = vague_plurals,
    Scales = scales,
    VagueAmounts = vague_amounts,
    PersonPronouns = person_pronouns,
    Multipliers = multipliers,
    OrganizationNouns = organization_nouns,
    PercentWords = percent_words,
    AgentParticiples = agent_participles,
    PersonPossessives = person_possessives,
    RangeJoiners = range_joiners,
    PassiveBe = passive_be,
    EventVerbs = event_verbs,
    ClockWords = clock_words,
    LabelWords = label_words,
    LocativePrepositions = locative_prepositions,
    Auxiliaries = auxiliaries,
    CurrencyPrefixes = currency_prefixes,
    ReferringDeterminers = referring_determiners,
    CallVerbs = call_verbs,
    PlaceNameWords = place_name_words,
    SitePrepositions = site_prepositions,
    LocationAdjectives = location_adjectives,
    ClauseOpeners = clause_openers,
    FigureNouns = figure_nouns,
    OrganizationPronouns = organization_pronouns,
    TimeAdverbs = time_adverbs,
    Weekdays = weekdays,
    OpeningQuotes = opening_quotes,
    UnitAbbreviations = unit_abbreviations,
    IrregularPlurals = irregular_plurals,
    VerbModifiers = verb_modifiers,
    OutletNouns = outlet_nouns,
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        // Bytes that differ from letters only in bit 5 ('@', '`', '[', '{') fold alike in
        // the words: a key of them must still be compared exactly.
        #[test]
        fn word_classes_table_agrees_with_a_scan(word in "[a-cA-C1@`{\\[.’]{1,5}|[a-zA-Z]{1,20}") {
            let keys = ["a", "@", "[", "1a", "ab", "@b", "`b", "a.b", "a’b", "abc", "b{c", "ca[b", "abcabcab", "abcabcabcabcabcabc"];
            let table = ClassTable::new(keys.iter().enumerate().map(|(k, w)| (Box::from(*w), WordClasses(1 << k))).collect());
            let scanned = keys.iter().position(|k| k.eq_ignore_ascii_case(&word)).map_or(WordClasses::NONE, |k| WordClasses(1 << k));
            proptest::prop_assert_eq!(table.get(word.as_bytes()), scanned, "{:?}", word);
        }
    }

    #[test]
    fn word_classes_fit_one_word() {
        assert!(WordClass::ALL.len() <= 64);
    }

    #[test]
    fn word_classes_of_a_word_in_two_lists_has_both() {
        let lex = Lexicon::english();
        // "in" is a preposition and a locative preposition.
        let c = lex.classes_of("in");
        assert!(c.has(WordClass::Prepositions) && c.has(WordClass::LocativePrepositions), "{c:?}");
        let c = lex.classes_of("said");
        assert!(c.has(WordClass::Cues) && !c.has(WordClass::Months), "{c:?}");
    }

    #[test]
    fn word_classes_ignore_ascii_case() {
        let lex = Lexicon::english();
        for word in ["december", "December", "DECEMBER"] {
            assert!(lex.classes_of(word).has(WordClass::Months), "{word}");
        }
        assert_eq!(lex.classes_of("The"), lex.classes_of("the"));
    }

    #[test]
    fn word_classes_of_a_word_in_no_list_are_none() {
        let lex = Lexicon::english();
        for word in ["", "zyzzyva", "2,500", "Kirkuk"] {
            assert_eq!(lex.classes_of(word), WordClasses::NONE, "{word}");
        }
    }

    #[test]
    fn word_classes_agree_with_every_list_word() {
        // Every word of every classed list, in any case, has its class; the union lists
        // (name stops, number starts) hold words of other lists too.
        let lex = Lexicon::english();
        let words: Vec<&str> = WordClass::ALL.iter().flat_map(|&c| lex.list_words(c)).collect();
        for &class in WordClass::ALL {
            for word in &words {
                for form in [word.to_string(), word.to_ascii_uppercase()] {
                    assert_eq!(lex.classes_of(&form).has(class), lex.in_list(class, &form), "{class:?} {form:?}");
                }
            }
        }
    }
}
