//! The compiled matcher: one Aho-Corasick automaton over every surface form.
//!
//! Rules: case-sensitive (acronyms must not match words: "IS" ≠ "is"); a match must start and
//! end on word boundaries (so "US-led", "Iraq’s" and "anti-IS" match, "Assyria" does not);
//! among overlapping candidates the leftmost, then longest wins ("ISIS" over "IS"); names
//! flagged ambiguous ("Nice", "Reading") are not matched at the start of a sentence.

use super::{Entity, EntityId, EntityMention, Entry, NameForm};
use crate::segment::Segments;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(super) struct Matcher {
    automaton: AhoCorasick,
    /// For each pattern: whom it names and how.
    targets: Vec<(EntityId, NameForm)>,
}

impl Matcher {
    pub(super) fn build(entries: &[Entry]) -> Matcher {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets = Vec::new();
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
                    index.entry(variant.clone()).or_insert_with(|| {
                        patterns.push(variant);
                        targets.push((id, form));
                        patterns.len() - 1
                    });
                }
            }
        }
        // A DFA: fastest to search, and its memory (some MB for the bundled files) is paid once.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("gazetteer patterns are plain strings and always compile");
        Matcher { automaton, targets }
    }

    pub(super) fn find(&self, text: &str, segments: &Segments, entities: &[Entity]) -> Vec<EntityMention> {
        let mut candidates: Vec<EntityMention> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| on_word_boundaries(text, m.start(), m.end()))
            .map(|m| {
                let (entity, form) = self.targets[m.pattern().as_usize()];
                EntityMention { entity, span: Span::new(m.start(), m.end()), form }
            })
            .filter(|m| !entities[m.entity.0 as usize].ambiguous || !starts_sentence(text, segments, m.span.start))
            .collect();
        candidates.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        let mut out: Vec<EntityMention> = Vec::with_capacity(candidates.len());
        for m in candidates {
            if out.last().is_none_or(|last| last.span.end <= m.span.start) {
                out.push(m);
            }
        }
        out
    }
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

fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
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
