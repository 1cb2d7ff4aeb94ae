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
    slots: Box<[Option<Slot<V>>]>,
    /// `slots.len() - 1` (the length is a power of two).
    mask: usize,
    /// Bit `len` of `shapes[first][last]`, by [`shape_slot`] of the first and last bytes.
    shapes: Box<[[u32; 27]; 27]>,
}

/// (hash, key, value): the hash is compared before the key, so that a probe seldom reads
/// the key's bytes.
type Slot<V> = (u64, Box<str>, V);

impl<V: Clone> Keyed<V> {
    fn new(map: rustc_hash::FxHashMap<Box<str>, V>) -> Keyed<V> {
        let mut shapes = Box::new([[0u32; 27]; 27]);
        // At most half full, so probe runs stay short.
        let size = (2 * map.len()).next_power_of_two().max(8);
        let mut slots = vec![None; size].into_boxed_slice();
        let mask = size - 1;
        for (key, value) in map {
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
    fn get(&self, bytes: &[u8]) -> Option<&V> {
        let len = bytes.len();
        let (&first, &last) = (bytes.first()?, bytes.last()?);
        if len >= 32 || self.shapes[shape_slot(first)][shape_slot(last)] & (1 << len) == 0 {
            return None;
        }
        self.probe(bytes)
    }

    #[inline(never)]
    fn probe(&self, bytes: &[u8]) -> Option<&V> {
        let hash = folded_hash(bytes);
        let mut k = hash as usize & self.mask;
        while let Some((key_hash, key, value)) = &self.slots[k] {
            if *key_hash == hash && eq_folded(key.as_bytes(), bytes) {
                return Some(value);
            }
            k = (k + 1) & self.mask;
        }
        None
    }

    fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.slots.iter().flatten().map(|(_, key, _)| &**key)
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

/// True when `a` and `b` are equal ignoring ASCII case, compared a word at a time (a hit
/// compares its whole key, and common words hit).
#[inline]
fn eq_folded(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if let (Some(ah), Some(at), Some(bh), Some(bt)) = (a.first_chunk(), a.last_chunk(), b.first_chunk(), b.last_chunk())
    {
        // Eight to sixteen bytes: the first eight and the last eight (overlapping).
        return n <= 16
            && lower8(u64::from_le_bytes(*ah)) == lower8(u64::from_le_bytes(*bh))
            && lower8(u64::from_le_bytes(*at)) == lower8(u64::from_le_bytes(*bt))
            || n > 16 && a.eq_ignore_ascii_case(b);
    }
    let (x, y) = if let (Some(ah), Some(at), Some(bh), Some(bt)) =
        (a.first_chunk::<4>(), a.last_chunk::<4>(), b.first_chunk::<4>(), b.last_chunk::<4>())
    {
        let x = u64::from(u32::from_le_bytes(*ah)) | u64::from(u32::from_le_bytes(*at)) << 32;
        (x, u64::from(u32::from_le_bytes(*bh)) | u64::from(u32::from_le_bytes(*bt)) << 32)
    } else if n > 0 {
        // One to three bytes: the first, middle and last are all of them.
        let three = |w: &[u8]| u64::from(w[0]) | u64::from(w[n / 2]) << 8 | u64::from(w[n - 1]) << 16;
        (three(a), three(b))
    } else {
        return true;
    };
    lower8(x) == lower8(y)
}

/// Eight bytes with A-Z made a-z, every other byte as it was: the high bit of each byte in
/// A..=Z (found by two additions that cannot carry across bytes of seven bits), moved to bit 5.
#[inline]
pub(super) fn lower8(x: u64) -> u64 {
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
        self.keyed.slots.iter().flatten().map(|(_, k, v)| (&**k, v))
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
        fn lexicon_folded_compare_agrees_with_std(a in "[a-dA-D@`{\\[ß’]{0,20}", b in "[a-dA-D@`{\\[ß’]{0,20}") {
            proptest::prop_assert_eq!(eq_folded(a.as_bytes(), b.as_bytes()), a.eq_ignore_ascii_case(&b));
            let upper = a.to_ascii_uppercase();
            proptest::prop_assert!(eq_folded(a.as_bytes(), upper.as_bytes()));
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
