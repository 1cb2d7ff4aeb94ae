//! Who can be a speaker, and where a speaker's words end: the tests on a source phrase that
//! do not depend on the pattern that found it.

use crate::lexicon::{Lexicon, WordClass};
use crate::segment::{TokenKind, Words};

/// True for a noun that heads a speaker's phrase: a source noun of any kind, an outlet noun,
/// a role, a title, or members of a group ("doctors", "teachers").
pub(super) fn speaker_noun(lex: &Lexicon, t: &str) -> bool {
    [
        &lex.document_nouns,
        &lex.official_nouns,
        &lex.anonymous_nouns,
        &lex.organization_nouns,
        &lex.outlet_nouns,
        &lex.role_nouns,
        &lex.member_nouns,
        &lex.person_titles,
    ]
    .iter()
    .any(|table| table.contains(t))
        || (lex.is_plural(t) && speaker_noun_singular(lex, &lex.lemma(t)))
}

/// True for a noun of an institution or a group of people, singular or plural ("the
/// company", "the unions", "the authors").
pub(super) fn institution_or_group(lex: &Lexicon, t: &str) -> bool {
    lex.organization_nouns.contains(t)
        || lex.anonymous_nouns.contains(t)
        || (lex.is_plural(t) && lex.organization_nouns.contains(&lex.lemma(t)))
}

/// [`speaker_noun`] for the singular of a plural not listed itself ("unions", "groups").
fn speaker_noun_singular(lex: &Lexicon, t: &str) -> bool {
    [&lex.official_nouns, &lex.anonymous_nouns, &lex.organization_nouns, &lex.role_nouns, &lex.outlet_nouns]
        .iter()
        .any(|table| table.contains(t))
}

/// The end of a source phrase `a..b` before a time phrase that closes it: "Clark in
/// October", "the ministry on Monday" (a preposition and a month, weekday or time word).
/// With `after_any`, also after a common noun ("the ministry in March" after "promised by").
pub(super) fn before_time(w: Words<'_>, a: usize, b: usize, after_any: bool) -> usize {
    let time_word = |j: usize| {
        let t = w.get(j);
        w.lex.months.contains(t) || w.lex.weekdays.contains(t) || w.lex.time_adverbs.contains(t)
    };
    (a + 1..b)
        .find(|&j| {
            // "the ministry last year": a time word right after the noun.
            if after_any && time_word(j) && j > a + 1 {
                return true;
            }
            // A name takes no modifier, so a time phrase after it closes the source; after a
            // common noun it may be the noun's ("officials contacted on Monday").
            w.kind(j) == Some(TokenKind::Word)
                && (after_any || w.is_capitalized(j - 1))
                && !w.is_capitalized(j)
                && w.has(j, WordClass::Prepositions)
                && (time_word(j + 1) || w.has(j + 1, WordClass::Determiners) && time_word(j + 2))
        })
        .unwrap_or(b)
}

/// True when `word` is one of the words of `phrase` (ASCII case ignored).
pub(super) fn has_word(phrase: &str, word: &str) -> bool {
    phrase.split(|c: char| !c.is_alphanumeric() && c != '-').any(|p| p.eq_ignore_ascii_case(word))
}

/// True when `phrase` holds a name: a capitalised word that is not its first, or a first
/// word that is capitalised and no determiner ("McClatchy", "the National Golf Foundation";
/// not "The company").
pub(super) fn has_name(phrase: &str, lex: &Lexicon) -> bool {
    let mut words = phrase.split_whitespace();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    words.next().is_some_and(|first| capital(first) && !lex.determiners.contains(first)) || words.any(capital)
}

/// True when `text[..end]` names someone whose name ends with `surname`: a capitalised word,
/// a space, the surname, and no letter after it ("Tim Clark" before "Clark said").
pub(super) fn full_name_before(text: &str, surname: &str, end: usize) -> bool {
    let Some(before) = text.get(..end) else { return false };
    before.match_indices(surname).any(|(i, _)| {
        let after = before[i + surname.len()..].chars().next();
        let mut prev = before[..i].chars().rev();
        prev.next() == Some(' ')
            && prev.next().is_some_and(char::is_alphabetic)
            && !after.is_some_and(char::is_alphanumeric)
            && before[..i]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|p| p.chars().next().is_some_and(char::is_uppercase))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_full_name_before_finds_a_surname() {
        let text = "Maria Ruiz spoke first. Later Ruiz said";
        let end = text.rfind("Ruiz").unwrap();
        assert!(full_name_before(text, "Ruiz", end));
        // Only as a name's last word, not as a word of its own or inside another word.
        assert!(!full_name_before("the ruiz Ruizes. Ruiz", "Ruiz", 17));
        assert!(!full_name_before("Ruiz said. Ruiz", "Ruiz", 11));
    }

    #[test]
    fn attribution_has_word_is_whole_words() {
        assert!(has_word("The authors of the study", "authors"));
        assert!(!has_word("The coauthors", "authors"));
    }
}
