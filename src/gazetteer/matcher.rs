//! The compiled matcher: every surface form, sorted, in one byte buffer.
//!
//! Rules: case-sensitive (acronyms must not match words: "IS" ≠ "is"); a match must start and
//! end on word boundaries (so "US-led", "Iraq’s" and "anti-IS" match, "Assyria" does not);
//! among overlapping candidates the leftmost, then longest wins ("ISIS" over "IS"); names
//! flagged ambiguous ("Nice", "Reading") are not matched at the start of a sentence.

use super::{Entity, EntityId, EntityMention, Entry, NameForm};
use crate::segment::tokens::{alphanumeric_bytes, HIGH_BITS};
use crate::segment::Segments;
use crate::span::Span;
use std::collections::HashMap;

/// Names start at word starts, so the matcher walks the sorted forms from the word starts
/// that can begin a name, narrowing the range of forms that share the bytes read so far (a
/// trie laid out as a sorted array). With some 50,000 forms this takes a few megabytes and
/// builds in one sort, where an automaton took tens of megabytes.
#[derive(Debug, Clone)]
pub(super) struct Matcher {
    /// Every surface form, in byte order, one after the other.
    bytes: Box<[u8]>,
    /// Where each form starts in `bytes`, and one last entry for the end of the last form.
    starts: Box<[u32]>,
    /// For each first byte `b`, the forms that start with it: `first[b]..first[b + 1]`.
    first: Box<[u32; 257]>,
    /// The first two bytes of some form, as a bit set indexed by `first << 8 | second`
    /// (every second byte when a form is one byte long): the only places a walk can get
    /// anywhere. 8 KB, so it stays in cache.
    openings: Box<[u64; 1024]>,
    /// For each form, in the same order: whom it names and how.
    targets: Box<[(EntityId, NameForm)]>,
}

impl Matcher {
    pub(super) fn build(entries: &[Entry]) -> Matcher {
        let mut index: HashMap<String, (EntityId, NameForm)> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let id = EntityId(i as u32);
            let forms = entry
                .names
                .iter()
                .map(|n| (n, NameForm::Name))
                .chain(entry.demonyms.iter().map(|d| (d, NameForm::Demonym)));
            for (form_text, form) in forms {
                for variant in variants(form_text) {
                    // The first entity to claim a surface form keeps it; `gazetteer check`
                    // reports such clashes.
                    if !variant.is_empty() {
                        index.entry(variant).or_insert((id, form));
                    }
                }
            }
        }
        let mut forms: Vec<(String, (EntityId, NameForm))> = index.into_iter().collect();
        forms.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut bytes = Vec::with_capacity(forms.iter().map(|(f, _)| f.len()).sum());
        let mut starts = Vec::with_capacity(forms.len() + 1);
        let mut first = Box::new([0u32; 257]);
        let mut openings = Box::new([0u64; 1024]);
        for (form, _) in &forms {
            starts.push(offset(bytes.len()));
            bytes.extend_from_slice(form.as_bytes());
            let b = form.as_bytes();
            first[usize::from(b[0]) + 1] += 1;
            match *b {
                [first] => (0..=255u8).for_each(|second| set_bit(&mut openings, opening(first, second))),
                [first, second, ..] => set_bit(&mut openings, opening(first, second)),
                [] => {}
            }
        }
        starts.push(offset(bytes.len()));
        for b in 1..257 {
            first[b] += first[b - 1];
        }
        let targets = forms.into_iter().map(|(_, t)| t).collect();
        Matcher { bytes: bytes.into(), starts: starts.into(), first, openings, targets }
    }

    /// The bytes of form `i`.
    #[inline]
    fn form(&self, i: usize) -> &[u8] {
        &self.bytes[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Every mention: at each word start, the longest name that also ends on a word boundary
    /// (and is not an ambiguous name opening a sentence); the search resumes after it, so the
    /// leftmost, then longest, candidate wins and mentions never overlap.
    pub(super) fn find(&self, text: &str, segments: &Segments, entities: &[Entity]) -> Vec<EntityMention> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            // Eight bytes at a time, only the places not after an ASCII letter or digit are
            // tried: most bytes are inside words, and need no test of their own.
            let (mut tries, len) = match bytes[at..].first_chunk::<8>() {
                Some(eight) => {
                    let inside = alphanumeric_bytes(u64::from_le_bytes(*eight)) << 8;
                    (!inside & HIGH_BITS, 8)
                }
                None => (HIGH_BITS >> (8 * (8 - (bytes.len() - at))), bytes.len() - at),
            };
            if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
                tries &= !0x80;
            }
            let mut next = at + len;
            while tries != 0 {
                let k = at + (tries.trailing_zeros() / 8) as usize;
                tries &= tries - 1;
                if !self.opens(bytes, k) || !starts_word(text, k) {
                    continue;
                }
                if let Some(m) = self.longest_at(text, k, segments, entities) {
                    // Resume after the mention: nothing starts inside it.
                    next = m.span.end;
                    out.push(m);
                    break;
                }
            }
            at = next;
        }
        out
    }

    /// Whether the two bytes at `at` open some name (a name never starts inside a UTF-8
    /// sequence, so `at` is then a char boundary). At the last byte, any second byte will do:
    /// the walk decides.
    #[inline]
    fn opens(&self, bytes: &[u8], at: usize) -> bool {
        let first = bytes[at];
        match bytes.get(at + 1) {
            Some(&second) => bit(&self.openings, opening(first, second)),
            None => (0..=255u8).any(|second| bit(&self.openings, opening(first, second))),
        }
    }

    /// The longest acceptable mention that starts at `start`.
    fn longest_at(&self, text: &str, start: usize, segments: &Segments, entities: &[Entity]) -> Option<EntityMention> {
        let hay = text.as_bytes();
        let lead = usize::from(hay[start]);
        // The forms in `lo..hi` all begin with the `depth` bytes of text read so far; the one
        // that is exactly those bytes, if any, sorts first.
        let (mut lo, mut hi) = (self.first[lead] as usize, self.first[lead + 1] as usize);
        let mut depth = 1;
        let mut best = None;
        while lo < hi {
            if self.form(lo).len() == depth {
                let end = start + depth;
                let (entity, form) = self.targets[lo];
                if ends_word(text, end)
                    && !(entities[entity.0 as usize].ambiguous && starts_sentence(text, segments, start))
                {
                    best = Some(EntityMention { entity, span: Span::new(start, end), form });
                }
                lo += 1;
            }
            let Some(&next) = hay.get(start + depth) else { break };
            // Every form left is longer than `depth`: keep those whose next byte is `next`.
            let from = lo + self.forms_below(lo, hi, depth, |b| b < next);
            hi = from + self.forms_below(from, hi, depth, |b| b == next);
            lo = from;
            depth += 1;
        }
        best
    }

    /// How many forms of `lo..hi` (sorted, all longer than `depth`) have a byte at `depth`
    /// that satisfies `below`, a test true on a prefix of the range.
    #[inline]
    fn forms_below(&self, lo: usize, hi: usize, depth: usize, below: impl Fn(u8) -> bool) -> usize {
        let (mut a, mut b) = (lo, hi);
        while a < b {
            let mid = a + (b - a) / 2;
            if below(self.form(mid)[depth]) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        a - lo
    }
}

/// A position in the form buffer: the bundled forms take about a megabyte, far below 4 GB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("gazetteer surface forms take less than 4 GB")
}

fn opening(first: u8, second: u8) -> usize {
    usize::from(first) << 8 | usize::from(second)
}

fn set_bit(set: &mut [u64; 1024], k: usize) {
    set[k / 64] |= 1 << (k % 64);
}

fn bit(set: &[u64; 1024], k: usize) -> bool {
    set[k / 64] >> (k % 64) & 1 == 1
}

/// The forms a name is matched in: as written, with a curly apostrophe, and capitalised
/// when it starts lower case ("al-Hol" → "Al-Hol" at a sentence start).
fn variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    if name.contains('\'') {
        out.push(name.replace('\'', "’"));
    }
    let mut chars = name.chars();
    if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
        let capital: String = first.to_uppercase().chain(chars).collect();
        // Some lower-case letters have no capital ("ĸ"): then there is no other form.
        if capital != name {
            out.extend(variants(&capital));
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when no letter or digit comes just before `at` (a char boundary).
fn starts_word(text: &str, at: usize) -> bool {
    match at.checked_sub(1).map(|k| text.as_bytes()[k]) {
        None => true,
        Some(byte) if byte.is_ascii() => !byte.is_ascii_alphanumeric(),
        Some(_) => !text[..at].chars().next_back().is_some_and(is_word_char),
    }
}

/// True when no letter or digit comes just after `at` (a char boundary).
fn ends_word(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => true,
        Some(byte) if byte.is_ascii() => !byte.is_ascii_alphanumeric(),
        Some(_) => !text[at..].chars().next().is_some_and(is_word_char),
    }
}

/// True when only punctuation stands between the start of the enclosing sentence and `at`.
fn starts_sentence(text: &str, segments: &Segments, at: usize) -> bool {
    let k = segments.sentences.partition_point(|s| s.span.start <= at);
    k == 0 || !text[segments.sentences[k - 1].span.start..at].chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::Gazetteer;
    use std::path::PathBuf;

    const TSV: &str = "id\tname\ttype\tsubtype\taliases\tdemonyms\tflags\n\
        org:is\tIslamic State\torganization\tarmed_group\tIS|ISIS|ISIL\t\t\n\
        place:us\tUnited States\tplace\tcountry\tUS|U.S.\tAmerican|Americans\t\n\
        place:iq\tIraq\tplace\tcountry\t\tIraqi|Iraqis\t\n\
        place:hol\tal Hol\tplace\tsite\tal-Hol\t\t\n\
        place:nice\tNice\tplace\tcity\t\t\tambiguous\n\
        org:wsj\tThe Wall Street Journal\torganization\tnews_outlet\tWall Street Journal|Journal\t\t\n\
        place:sy\tSyria\tplace\tcountry\t\tSyrian\t\n\
        place:pal\tPalmyra\tplace\tcity\tPalmyra City\t\t\n";

    fn names(text: &str) -> Vec<(String, String)> {
        let gaz = Gazetteer::from_sources(&[(PathBuf::from("t.tsv"), TSV)]).unwrap();
        gaz.find(text, &crate::segment::split(text))
            .iter()
            .map(|m| (m.span.slice(text).to_string(), gaz.entity(m.entity).name.clone()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn gazetteer_match_rules() {
        let rows: &[(&str, &[(&str, &str)])] = &[
            ("This is ISIS, not IS or is.", &[("ISIS", "Islamic State"), ("IS", "Islamic State")]),
            (
                "the U.S.-led coalition and US-backed IS-claimed attacks",
                &[("U.S.", "United States"), ("US", "United States"), ("IS", "Islamic State")],
            ),
            (
                "Iraq’s army and Iraq's police, Iraqi troops, Iraqis",
                &[("Iraq", "Iraq"), ("Iraq", "Iraq"), ("Iraqi", "Iraq"), ("Iraqis", "Iraq")],
            ),
            ("Assyria and Iraqistan are not matched; anti-IS is", &[("IS", "Islamic State")]),
            ("Al-Hol camp and al-Hol", &[("Al-Hol", "al Hol"), ("al-Hol", "al Hol")]),
            ("Nice weather. He went to Nice.", &[("Nice", "Nice")]),
            ("a Wall Street Journal report", &[("Wall Street Journal", "The Wall Street Journal")]),
            ("Syria’s Palmyra City", &[("Syria", "Syria"), ("Palmyra City", "Palmyra")]),
        ];
        for (text, want) in rows {
            assert_eq!(names(text), pairs(want), "in {text:?}");
        }
    }
}
