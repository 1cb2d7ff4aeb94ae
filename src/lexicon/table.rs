//! Word sets and word maps: the lexicon's lookups, by case-folded hash.
//!
//! The lexicon's lists are consulted for nearly every token; a binary search of string
//! compares was an eighth of a whole run, so each list is kept as an open-addressing table
//! hashed case-folded, with a bit test on (first letter, last letter, length) that rejects
//! most words before any hashing.

/// An open-addressing table of the keys, hashed case-folded so that a word is looked up
/// without lower-casing it first, and which (first letter, last letter, length) triples occur
/// among the keys: most words are rejected by one bit test, without hashing.
struct Keyed<V> {
    slots: Box<[Slot]>,
    /// `slots.len() - 1` (the length is a power of two).
    mask: usize,
    /// The keys and values; a slot holds the index of its entry.
    entries: Vec<(Box<str>, V)>,
    /// Bit `len` of `shapes[first][last]`, by [`shape_slot`] of the first and last bytes.
    shapes: Box<[[u32; 27]; 27]>,
}

/// A key in a form that is compared without reading its bytes: its [`Folded`] words and
/// length (0: an empty slot). For keys of up to 16 bytes the words hold every byte, so equal
/// words are equal keys; longer keys also compare their bytes.
#[derive(Clone, Copy, Default)]
struct Slot {
    folded: Folded,
    len: u32,
    entry: u32,
}

/// Two words that hold a word's bytes, A-Z made a-z: the first and last eight bytes
/// (overlapping) from eight bytes on, the first and last four (in one word) from four, and
/// the first, middle and last byte below four. Read with a few loads, never a byte loop.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Folded(u64, u64);

impl Folded {
    #[inline]
    fn of(word: &[u8]) -> Folded {
        let n = word.len();
        let (a, b) = if let (Some(head), Some(tail)) = (word.first_chunk::<8>(), word.last_chunk::<8>()) {
            (u64::from_le_bytes(*head), u64::from_le_bytes(*tail))
        } else if let (Some(head), Some(tail)) = (word.first_chunk::<4>(), word.last_chunk::<4>()) {
            (u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32, 0)
        } else if let (Some(&first), Some(&last)) = (word.first(), word.last()) {
            (u64::from(first) | u64::from(word[n / 2]) << 8 | u64::from(last) << 16, 0)
        } else {
            (0, 0)
        };
        Folded(lower8(a), lower8(b))
    }

    /// The slot to start probing at, for a table of `mask + 1` slots.
    #[inline]
    fn home(self, len: usize, mask: usize) -> usize {
        let mixed = (self.0 ^ self.1.rotate_left(29) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> 29) as usize & mask
    }
}

impl<V: Clone> Keyed<V> {
    fn new(map: rustc_hash::FxHashMap<Box<str>, V>) -> Keyed<V> {
        let mut shapes = Box::new([[0u32; 27]; 27]);
        // At most half full, so probe runs stay short.
        let size = (2 * map.len()).next_power_of_two().max(8);
        let mut slots = vec![Slot::default(); size].into_boxed_slice();
        let mask = size - 1;
        let mut entries = Vec::with_capacity(map.len());
        for (key, value) in map {
            let bytes = key.as_bytes();
            // An empty key is never looked up (nor found).
            let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { continue };
            if key.len() < 32 {
                shapes[shape_slot(first)][shape_slot(last)] |= 1 << key.len();
            }
            let folded = Folded::of(bytes);
            let mut k = folded.home(bytes.len(), mask);
            while slots[k].len != 0 {
                k = (k + 1) & mask;
            }
            // Lists hold at most a few thousand words of at most a few dozen bytes.
            slots[k] = Slot { folded, len: bytes.len() as u32, entry: entries.len() as u32 };
            entries.push((key, value));
        }
        Keyed { slots, mask, entries, shapes }
    }

    /// The value for `word`, ignoring ASCII case. Inlined: at most call sites the bit test
    /// settles it, and a call would cost more than the test.
    #[inline]
    fn get(&self, bytes: &[u8]) -> Option<&V> {
        let len = bytes.len();
        let (&first, &last) = (bytes.first()?, bytes.last()?);
        if len >= 32 || self.shapes[shape_slot(first)][shape_slot(last)] & (1 << len) == 0 {
            return None;
        }
        self.probe(bytes)
    }

    #[inline]
    fn probe(&self, bytes: &[u8]) -> Option<&V> {
        let folded = Folded::of(bytes);
        let len = bytes.len();
        let mut k = folded.home(len, self.mask);
        loop {
            let slot = self.slots[k];
            if slot.len == 0 {
                return None;
            }
            if slot.len as usize == len && slot.folded == folded {
                let (key, value) = &self.entries[slot.entry as usize];
                if len <= 16 || key.as_bytes().eq_ignore_ascii_case(bytes) {
                    return Some(value);
                }
            }
            k = (k + 1) & self.mask;
        }
    }

    fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries.iter().map(|(key, _)| &**key)
    }
}

/// Eight bytes with A-Z made a-z, every other byte as it was: the high bit of each byte in
/// A..=Z (found by two additions that cannot carry across bytes of seven bits), moved to bit 5.
#[inline]
fn lower8(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn splat(byte: u8) -> u64 {
        0x0101_0101_0101_0101 * byte as u64
    }
    let v = x & !HIGH;
    let upper = v.wrapping_add(splat(0x80 - b'A')) & !v.wrapping_add(splat(0x7F - b'Z')) & !x & HIGH;
    x | upper >> 2
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

/// A set of words, looked up ignoring ASCII case.
pub struct WordSet {
    words: Vec<Box<str>>,
    keyed: Keyed<()>,
}

impl WordSet {
    /// A set of these words.
    pub fn new<I: IntoIterator<Item = S>, S: Into<Box<str>>>(words: I) -> WordSet {
        let words: Vec<Box<str>> = words.into_iter().map(Into::into).collect();
        let keyed = Keyed::new(words.iter().map(|w| (w.clone(), ())).collect());
        WordSet { words, keyed }
    }

    /// True when `word`, ignoring ASCII case, is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.keyed.get(word.as_bytes()).is_some()
    }

    /// The words, in their written order.
    pub fn words(&self) -> impl Iterator<Item = &str> + '_ {
        self.words.iter().map(|w| &**w)
    }

    /// The words, in their written order (as [`WordMap::keys`], for code that reads both).
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.words()
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the set has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl std::fmt::Debug for WordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.words()).finish()
    }
}

/// A map from words (looked up ignoring ASCII case) to values.
pub struct WordMap<V> {
    keyed: Keyed<V>,
    len: usize,
}

impl<V: Clone> WordMap<V> {
    /// A map of these entries; a later entry for the same word wins.
    pub fn new<I: IntoIterator<Item = (S, V)>, S: Into<Box<str>>>(entries: I) -> WordMap<V> {
        let map: rustc_hash::FxHashMap<Box<str>, V> = entries.into_iter().map(|(k, v)| (k.into(), v)).collect();
        let len = map.len();
        WordMap { keyed: Keyed::new(map), len }
    }

    /// The value for `word`, ignoring ASCII case.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        self.keyed.get(word.as_bytes())
    }

    /// [`WordMap::get`] of a word's bytes (a token's, cut from the text without the
    /// boundary checks of a `str` slice).
    #[inline]
    pub fn get_bytes(&self, word: &[u8]) -> Option<&V> {
        self.keyed.get(word)
    }

    /// True when `word` is a key.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.keyed.get(word.as_bytes()).is_some()
    }

    /// Every key, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.keyed.keys()
    }

    /// Every entry, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> + '_ {
        self.keyed.entries.iter().map(|(k, v)| (&**k, v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the map is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<V> std::fmt::Debug for WordMap<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WordMap({} entries)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONTHS: &[&str] = &["april", "december", "may"];
    const DETERMINERS: &[&str] = &["a", "the", "their", "these", "this"];

    #[test]
    fn lexicon_lookup_ignores_case() {
        let months = WordSet::new(MONTHS.iter().copied());
        let determiners = WordSet::new(DETERMINERS.iter().copied());
        assert!(months.contains("December"));
        assert!(determiners.contains("The"));
        assert!(!determiners.contains("Theirs"));
        assert!(!determiners.contains("") && !determiners.contains("thesesthesesthesesthesesthese"));
    }

    #[test]
    fn lexicon_lookup_finds_every_word_in_any_case() {
        let set = WordSet::new(MONTHS.iter().chain(DETERMINERS).copied());
        for w in set.words() {
            let title: String = w.chars().take(1).flat_map(char::to_uppercase).chain(w.chars().skip(1)).collect();
            for form in [w.to_string(), w.to_uppercase(), title] {
                assert!(set.contains(&form), "{form:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lexicon_folded_words_agree_with_std(a in "[a-dA-D@`{\\[ß’]{0,16}", b in "[a-dA-D@`{\\[ß’]{0,16}") {
            // Up to 16 bytes, equal folded words and lengths are equal words ignoring ASCII case.
            let (x, y) = (a.as_bytes(), b.as_bytes());
            if x.len() <= 16 && y.len() <= 16 {
                let same = x.len() == y.len() && Folded::of(x) == Folded::of(y);
                proptest::prop_assert_eq!(same, a.eq_ignore_ascii_case(&b));
            }
            proptest::prop_assert!(Folded::of(x) == Folded::of(a.to_ascii_uppercase().as_bytes()));
        }

        // Bytes that differ from letters only in bit 5 ('@', '`', '[', '{') fold alike in the
        // hash: the compare must still tell them apart.
        #[test]
        fn lexicon_lookup_agrees_with_a_scan(word in "[a-eA-E@`{\\[]{1,4}|[a-zA-Z]{1,9}") {
            let set = WordSet::new(["a", "ab", "abc", "be", "cad", "e", "the", "these", "this"]);
            let scanned = set.words().any(|w| w.eq_ignore_ascii_case(&word));
            proptest::prop_assert_eq!(set.contains(&word), scanned, "{:?}", word);
        }
    }
}
