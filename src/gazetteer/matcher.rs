//! The compiled matcher: one Aho-Corasick automaton over every surface form.
//!
//! Rules: case-sensitive (acronyms must not match words: "IS" ≠ "is"); a match must start and
//! end on word boundaries (so "US-led", "Iraq’s" and "anti-IS" match, "Assyria" does not);
//! among overlapping candidates the leftmost, then longest wins ("ISIS" over "IS"); names
//! flagged ambiguous ("Nice", "Reading") are not matched at the start of a sentence.

use super::{Entity, EntityId, EntityMention, Entry, NameForm};
use crate::segment::tokens::{alphanumeric_bytes, HIGH_BITS};
use crate::segment::Segments;
use crate::span::Span;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use std::borrow::Cow;

/// Names start at word starts, so the matcher walks the automaton, anchored (as a trie), from
/// the word starts that can begin a name, rather than running an unanchored search that
/// reports every occurrence, mid-word ones included.
#[derive(Debug, Clone)]
pub(super) struct Matcher {
    automaton: NFA,
    /// The anchored start state.
    start: StateID,
    /// The first two bytes of some pattern, as a bit set indexed by `first << 8 | second`
    /// (every second byte when a pattern is one byte long): the only places a walk can get
    /// anywhere. 8 KB, so it stays in cache.
    openings: Box<[u64; 1024]>,
    /// For each pattern: whom it names and how.
    targets: Vec<(EntityId, NameForm)>,
}

impl Matcher {
    pub(super) fn build<'a>(entries: impl Iterator<Item = &'a Entry>) -> Matcher {
        // Every form of every name, in entry order. A form two entities share is added twice;
        // the automaton lists a state's patterns in the order they were added, so the first
        // entity to claim a form keeps it (`gazetteer check` reports such clashes).
        let mut patterns: Vec<Cow<'a, str>> = Vec::new();
        let mut targets = Vec::new();
        for (i, entry) in entries.enumerate() {
            let id = EntityId(i as u32);
            let forms = entry
                .names
                .iter()
                .map(|n| (n, NameForm::Name))
                .chain(entry.demonyms.iter().map(|d| (d, NameForm::Demonym)));
            for (form_text, form) in forms {
                variants(Cow::Borrowed(form_text.as_str()), &mut patterns);
                targets.resize(patterns.len(), (id, form));
            }
        }
        let mut openings = Box::new([0u64; 1024]);
        for pattern in &patterns {
            match *pattern.as_bytes() {
                [] => {}
                [first] => (0..=255u8).for_each(|second| set_bit(&mut openings, opening(first, second))),
                [first, second, ..] => set_bit(&mut openings, opening(first, second)),
            }
        }
        // The crate's contiguous NFA: a state's transitions lie together, so walks cost fewer
        // cache misses than in the non-contiguous NFA it is built from (that one, used as
        // built, starts 45 ms sooner and peaks 18 MB lower, but the 20 MB bench took 6% more
        // CPU: benches/README.md). Dense rows for the first two bytes only: deeper states
        // have one or two transitions. Standard semantics: under leftmost ones the build
        // follows the dead state's 256 sparse transitions for every state past a name, which
        // costs more than the matches standard semantics copies.
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .dense_depth(2)
            .build(patterns.iter().map(|p| p.as_bytes()))
            .expect("gazetteer patterns are plain strings and always compile");
        let start = automaton.start_state(Anchored::Yes).expect("the NFA supports anchored walks");
        Matcher { automaton, start, openings, targets }
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
        let dfa = &self.automaton;
        let mut sid = self.start;
        let mut best = None;
        for (end, &byte) in text.as_bytes().iter().enumerate().skip(start).map(|(k, b)| (k + 1, b)) {
            sid = dfa.next_state(Anchored::Yes, sid, byte);
            if dfa.is_dead(sid) {
                break;
            }
            if !dfa.is_match(sid) {
                continue;
            }
            // A match state also lists the shorter names that end here (the automaton keeps
            // them for unanchored searches); of the names as long as the walk (more than one
            // when entities share a form), the first one added wins: they come first.
            let Some(pattern) =
                (0..dfa.match_len(sid)).map(|i| dfa.match_pattern(sid, i)).find(|&p| dfa.pattern_len(p) == end - start)
            else {
                continue;
            };
            if !ends_word(text, end) {
                continue;
            }
            let (entity, form) = self.targets[pattern.as_usize()];
            if entities[entity.0 as usize].ambiguous && starts_sentence(text, segments, start) {
                continue;
            }
            best = Some(EntityMention { entity, span: Span::new(start, end), form });
        }
        best
    }
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

/// Add the forms a name is matched in to `out`: as written, with a curly apostrophe, and
/// capitalised when it starts lower case ("al-Hol" → "Al-Hol" at a sentence start).
fn variants<'a>(name: Cow<'a, str>, out: &mut Vec<Cow<'a, str>>) {
    let curly = name.contains('\'').then(|| name.replace('\'', "’"));
    let mut chars = name.chars();
    let capital = chars
        .next()
        .filter(|c| c.is_lowercase())
        .map(|first| first.to_uppercase().chain(chars).collect::<String>())
        // Some lower-case letters have no capital ("ĸ"): then there is no other form.
        .filter(|capital| *capital != *name);
    out.push(name);
    out.extend(curly.map(Cow::Owned));
    if let Some(capital) = capital {
        variants(Cow::Owned(capital), out);
    }
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
        gaz.find(text, &crate::segment::split(text, crate::lexicon::Lexicon::english()))
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

    /// A form two entities share names the first one loaded (an extra file's entity wins
    /// over a bundled one that way), in every variant of the form.
    #[test]
    fn gazetteer_shared_form_names_the_first_entity() {
        let tsv = "id\tname\ttype\taliases\n\
            place:ga\tGeorgia\tplace\tSakartvelo|al-Jurjiya\n\
            place:us-ga\tGeorgia State\tplace\tGeorgia|al-Jurjiya\n";
        let gaz = Gazetteer::from_sources(&[(PathBuf::from("t.tsv"), tsv)]).unwrap();
        let text = "Georgia and Sakartvelo. Al-Jurjiya and al-Jurjiya, Georgia State.";
        let got: Vec<(&str, &str)> = gaz
            .find(text, &crate::segment::split(text, crate::lexicon::Lexicon::english()))
            .iter()
            .map(|m| (m.span.slice(text), gaz.entity(m.entity).id.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Georgia", "place:ga"),
                ("Sakartvelo", "place:ga"),
                ("Al-Jurjiya", "place:ga"),
                ("al-Jurjiya", "place:ga"),
                ("Georgia State", "place:us-ga")
            ]
        );
    }
}
