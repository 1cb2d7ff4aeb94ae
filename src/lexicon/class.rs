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

use super::{Lexicon, WordMap};

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

            /// One table from every word of the classed lists to its classes. Keys are
            /// lower-cased first, so that entries differing only in ASCII case (a table key
            /// "US" and a list word "us") merge into one, as a case-blind lookup sees them.
            pub(super) fn class_table(&self) -> WordMap<WordClasses> {
                let mut merged: rustc_hash::FxHashMap<Box<str>, WordClasses> = Default::default();
                $(
                    for word in self.$field.keys() {
                        let entry = merged.entry(word.to_ascii_lowercase().into_boxed_str()).or_default();
                        *entry = entry.with(WordClass::$variant);
                    }
                )*
                WordMap::new(merged)
            }
        }
    };
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
        let table = lex.class_table();
        for &class in WordClass::ALL {
            for (word, _) in table.iter() {
                for form in [word.to_string(), word.to_ascii_uppercase()] {
                    assert_eq!(lex.classes_of(&form).has(class), lex.in_list(class, &form), "{class:?} {form:?}");
                }
            }
        }
    }
}
