//! Closed-class English word tables shared by the stages, one table each.
//!
//! Keep every table sorted and lower-case, so a reader can scan it; lookups hash the
//! lower-cased word, and `words_tables_are_sorted` fails when an edit breaks the order.

/// A hash index over one of the sorted tables, for lookups on every token (the table stays
/// the one source of truth; the index is built from it on first use).
pub struct Index<V: 'static> {
    build: fn() -> rustc_hash::FxHashMap<&'static str, V>,
    keyed: std::sync::OnceLock<Keyed<V>>,
}

/// An open-addressing table of the keys, hashed case-folded so that a word is looked up
/// without lower-casing it first, and which (first letter, last letter, length) triples occur
/// among the keys: most words are rejected by one bit test, without hashing.
struct Keyed<V> {
    slots: Box<[Option<Slot<V>>]>,
    /// `slots.len() - 1` (the length is a power of two).
    mask: usize,
    /// Bit `len` of `shapes[first][last]`, by [`shape_slot`] of the first and last bytes.
    shapes: Box<[[u32; 27]; 27]>,
}

/// (hash, key, value): the hash is compared before the key, so that a probe seldom reads
/// the key's bytes.
type Slot<V> = (u64, &'static str, V);

impl<V: Copy> Keyed<V> {
    fn new(map: rustc_hash::FxHashMap<&'static str, V>) -> Keyed<V> {
        let mut shapes = Box::new([[0u32; 27]; 27]);
        // At most half full, so probe runs stay short.
        let size = (2 * map.len()).next_power_of_two().max(8);
        let mut slots = vec![None; size].into_boxed_slice();
        let mask = size - 1;
        for (&key, &value) in &map {
            if let (Some(&first), Some(&last)) = (key.as_bytes().first(), key.as_bytes().last()) {
                if key.len() < 32 {
                    shapes[shape_slot(first)][shape_slot(last)] |= 1 << key.len();
                }
            }
            let hash = folded_hash(key.as_bytes());
            let mut k = hash as usize & mask;
            while slots[k].is_some() {
                k = (k + 1) & mask;
            }
            slots[k] = Some((hash, key, value));
        }
        Keyed { slots, mask, shapes }
    }

    /// The value for `word`, ignoring ASCII case. Inlined: at most call sites the bit test
    /// settles it, and a call would cost more than the test.
    #[inline]
    fn get(&self, word: &str) -> Option<V> {
        let bytes = word.as_bytes();
        let len = bytes.len();
        let (&first, &last) = (bytes.first()?, bytes.last()?);
        if len >= 32 || self.shapes[shape_slot(first)][shape_slot(last)] & (1 << len) == 0 {
            return None;
        }
        self.probe(bytes)
    }

    #[inline(never)]
    fn probe(&self, bytes: &[u8]) -> Option<V> {
        let hash = folded_hash(bytes);
        let mut k = hash as usize & self.mask;
        while let Some((key_hash, key, value)) = self.slots[k] {
            if key_hash == hash && key.as_bytes().eq_ignore_ascii_case(bytes) {
                return Some(value);
            }
            k = (k + 1) & self.mask;
        }
        None
    }

    fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.slots.iter().flatten().map(|&(_, key, _)| key)
    }
}

/// A hash of a word, the same for any ASCII case: setting bit 5 of every byte maps A-Z onto
/// a-z (and changes no lower-case letter); both sides of a lookup are folded alike, and the
/// final compare decides. It reads a few whole words of the bytes, never a byte loop.
fn folded_hash(word: &[u8]) -> u64 {
    let n = word.len();
    let (a, b) = if let (Some(head), Some(tail)) = (word.first_chunk::<8>(), word.last_chunk::<8>()) {
        (u64::from_le_bytes(*head), u64::from_le_bytes(*tail))
    } else if let (Some(head), Some(tail)) = (word.first_chunk::<4>(), word.last_chunk::<4>()) {
        (u64::from(u32::from_le_bytes(*head)), u64::from(u32::from_le_bytes(*tail)))
    } else if let (Some(&first), Some(&last)) = (word.first(), word.last()) {
        (u64::from(first) | u64::from(word[n / 2]) << 8 | u64::from(last) << 16, 0)
    } else {
        (0, 0)
    };
    const FOLD: u64 = 0x2020_2020_2020_2020;
    let mixed = ((a | FOLD) ^ (b | FOLD).rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    mixed >> 29
}

/// Slot of a word's first or last byte in [`Keyed::shapes`]: a-z by letter, anything else 26.
#[inline]
fn shape_slot(byte: u8) -> usize {
    let c = byte.to_ascii_lowercase();
    if c.is_ascii_lowercase() {
        usize::from(c - b'a')
    } else {
        26
    }
}

impl<V: Copy + 'static> Index<V> {
    /// An index built on first use by `build`.
    pub const fn new(build: fn() -> rustc_hash::FxHashMap<&'static str, V>) -> Index<V> {
        Index { build, keyed: std::sync::OnceLock::new() }
    }

    fn keyed(&self) -> &Keyed<V> {
        self.keyed.get_or_init(|| Keyed::new((self.build)()))
    }

    /// The value for `word`, ignoring ASCII case.
    #[inline]
    pub fn get(&self, word: &str) -> Option<V> {
        self.keyed().get(word)
    }

    /// Every key, for table checks.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keyed().keys()
    }
}

/// A closed-class word list, written as a sorted slice of lower-case words and looked up by
/// hash: these tables are consulted for nearly every token, and a binary search of string
/// compares was an eighth of a whole run.
pub struct Table {
    words: &'static [&'static str],
    keyed: std::sync::OnceLock<Keyed<()>>,
}

impl Table {
    /// A table of these words (sorted, lower case, at most 24 bytes each: the tests check).
    pub const fn new(words: &'static [&'static str]) -> Table {
        Table { words, keyed: std::sync::OnceLock::new() }
    }

    /// True when `word`, ignoring ASCII case, is in the table.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.keyed.get_or_init(|| Keyed::new(self.words.iter().map(|w| (*w, ())).collect())).get(word).is_some()
    }

    /// The words, in their written order.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Panics naming the table when its words are not sorted, unique, lower case and short:
    /// for the table tests of each module.
    pub fn check(&self, name: &str) {
        for pair in self.words.windows(2) {
            assert!(pair[0] < pair[1], "{name}: {:?} before {:?}", pair[0], pair[1]);
        }
        for w in self.words {
            assert!(
                w.len() <= 24 && !w.bytes().any(|b| b.is_ascii_uppercase()),
                "{name}: {w:?} is not short lower case"
            );
        }
    }
}

/// Determiners and possessive pronouns.
pub static DETERMINERS: crate::words::Table = crate::words::Table::new(&[
    "a", "all", "an", "another", "any", "both", "each", "every", "her", "his", "its", "my", "no", "our", "some",
    "that", "the", "their", "these", "this", "those", "your",
]);

/// Prepositions.
pub static PREPOSITIONS: crate::words::Table = crate::words::Table::new(&[
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "amid",
    "among",
    "around",
    "as",
    "at",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "between",
    "beyond",
    "by",
    "despite",
    "during",
    "except",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "off",
    "on",
    "onto",
    "outside",
    "over",
    "per",
    "since",
    "through",
    "throughout",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "via",
    "with",
    "within",
    "without",
]);

/// Prepositions after which a place names where something is.
pub static LOCATIVE_PREPOSITIONS: crate::words::Table = crate::words::Table::new(&[
    "across",
    "along",
    "around",
    "at",
    "from",
    "in",
    "inside",
    "into",
    "near",
    "of",
    "outside",
    "throughout",
    "to",
    "toward",
    "towards",
    "within",
]);

/// Auxiliaries, copulas, pronouns, relatives and conjunctions: words that end a noun phrase.
pub static CLAUSE_WORDS: crate::words::Table = crate::words::Table::new(&[
    "after", "although", "and", "are", "as", "because", "been", "being", "but", "can", "could", "did", "do", "does",
    "had", "has", "have", "he", "her", "him", "if", "is", "it", "may", "might", "must", "nor", "or", "shall", "she",
    "should", "since", "so", "than", "that", "their", "them", "then", "there", "they", "though", "unless", "was", "we",
    "were", "what", "when", "where", "whereas", "which", "while", "who", "whom", "whose", "will", "would", "yet",
]);

/// Subject pronouns that refer back to a source named earlier.
pub static PRONOUNS: crate::words::Table = crate::words::Table::new(&["he", "it", "she", "they", "we"]);

/// Adjectives that may stand between a locative preposition and a place ("in northern
/// Iraq", "in neighboring Syria"). Sorted, lower case.
pub static LOCATION_ADJECTIVES: crate::words::Table = crate::words::Table::new(&[
    "central",
    "coastal",
    "east",
    "eastern",
    "entire",
    "greater",
    "neighboring",
    "neighbouring",
    "north",
    "northeast",
    "northeastern",
    "northern",
    "northwest",
    "northwestern",
    "occupied",
    "rural",
    "south",
    "southeast",
    "southeastern",
    "southern",
    "southwest",
    "southwestern",
    "west",
    "western",
    "whole",
]);

/// Month names and their news abbreviations (without the stop).
pub static MONTHS: crate::words::Table = crate::words::Table::new(&[
    "apr",
    "april",
    "aug",
    "august",
    "dec",
    "december",
    "feb",
    "february",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "mar",
    "march",
    "may",
    "nov",
    "november",
    "oct",
    "october",
    "sep",
    "sept",
    "september",
]);

/// Day names. Sorted, lower case.
pub static WEEKDAYS: crate::words::Table =
    crate::words::Table::new(&["friday", "monday", "saturday", "sunday", "thursday", "tuesday", "wednesday"]);

/// Units of time: a count of these is a duration, not a claim ("21 years of activity").
pub static TIME_UNITS: crate::words::Table = crate::words::Table::new(&[
    "centuries",
    "century",
    "day",
    "days",
    "decade",
    "decades",
    "hour",
    "hours",
    "millennia",
    "minute",
    "minutes",
    "month",
    "months",
    "night",
    "nights",
    "second",
    "seconds",
    "week",
    "weekend",
    "weekends",
    "weeks",
    "year",
    "years",
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_tables_are_sorted() {
        for (name, table) in [
            ("DETERMINERS", &DETERMINERS),
            ("PREPOSITIONS", &PREPOSITIONS),
            ("LOCATIVE_PREPOSITIONS", &LOCATIVE_PREPOSITIONS),
            ("LOCATION_ADJECTIVES", &LOCATION_ADJECTIVES),
            ("CLAUSE_WORDS", &CLAUSE_WORDS),
            ("PRONOUNS", &PRONOUNS),
            ("MONTHS", &MONTHS),
            ("WEEKDAYS", &WEEKDAYS),
            ("TIME_UNITS", &TIME_UNITS),
        ] {
            table.check(name);
        }
    }

    #[test]
    fn words_lookup_ignores_case() {
        assert!(MONTHS.contains("December"));
        assert!(DETERMINERS.contains("The"));
        assert!(!DETERMINERS.contains("Theirs"));
        assert!(!DETERMINERS.contains("") && !DETERMINERS.contains("thesesthesesthesesthesesthese"));
    }

    const TABLES: [&Table; 4] = [&DETERMINERS, &PREPOSITIONS, &MONTHS, &PRONOUNS];

    #[test]
    fn words_lookup_finds_every_word_in_any_case() {
        for table in TABLES {
            for w in table.words() {
                let title: String = w.chars().take(1).flat_map(char::to_uppercase).chain(w.chars().skip(1)).collect();
                for form in [w.to_string(), w.to_uppercase(), title] {
                    assert!(table.contains(&form), "{form:?}");
                }
            }
        }
    }

    proptest::proptest! {
        // Bytes that differ from letters only in bit 5 ('@', '`', '[', '{') fold alike in the
        // hash: the compare must still tell them apart.
        #[test]
        fn words_lookup_agrees_with_a_scan(word in "[a-eA-E@`{\\[]{1,4}|[a-zA-Z]{1,9}") {
            for table in TABLES {
                let scanned = table.words().iter().any(|w| w.eq_ignore_ascii_case(&word));
                proptest::prop_assert_eq!(table.contains(&word), scanned, "{:?}", word);
            }
        }
    }
}
