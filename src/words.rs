//! Closed-class English word tables shared by the stages, one table each.
//!
//! Keep every table sorted and lower-case, so a reader can scan it; lookups hash the
//! lower-cased word, and `words_tables_are_sorted` fails when an edit breaks the order.

/// Lower-case `word` into `buf` when it is short ASCII; longer or non-ASCII words are not in
/// any table here, so `None` means "not a closed-class word".
pub fn lower<'b>(word: &'b str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    // Most words are already lower case: no copy, no check.
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return Some(word);
    }
    let out = &mut buf[..bytes.len()];
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = b.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

/// A hash index over one of the sorted tables, for lookups on every token (the table stays
/// the one source of truth; the index is built from it on first use).
pub struct Index<V: 'static> {
    build: fn() -> rustc_hash::FxHashMap<&'static str, V>,
    keyed: std::sync::OnceLock<Keyed<V>>,
}

/// The map, and which (first letter, length) pairs occur among its keys: most words are
/// rejected by one bit test, without hashing.
struct Keyed<V> {
    map: rustc_hash::FxHashMap<&'static str, V>,
    shapes: [u32; 27],
}

impl<V: Copy> Keyed<V> {
    fn new(map: rustc_hash::FxHashMap<&'static str, V>) -> Keyed<V> {
        let mut shapes = [0u32; 27];
        for key in map.keys() {
            if let Some(&first) = key.as_bytes().first().filter(|_| key.len() < 32) {
                shapes[shape_slot(first)] |= 1 << key.len();
            }
        }
        Keyed { map, shapes }
    }

    /// The value for `word`, ignoring ASCII case.
    fn get(&self, word: &str) -> Option<V> {
        let len = word.len();
        let first = *word.as_bytes().first()?;
        if len >= 32 || self.shapes[shape_slot(first)] & (1 << len) == 0 {
            return None;
        }
        let mut buf = [0u8; 24];
        lower(word, &mut buf).and_then(|w| self.map.get(w).copied())
    }
}

/// Slot of a word's first byte in [`Keyed::shapes`]: a-z by letter, anything else 26.
fn shape_slot(first: u8) -> usize {
    let c = first.to_ascii_lowercase();
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
    pub fn get(&self, word: &str) -> Option<V> {
        self.keyed().get(word)
    }

    /// Every key, for table checks.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keyed().map.keys().copied()
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
}
