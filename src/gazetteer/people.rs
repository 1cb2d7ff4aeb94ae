//! People nobody listed: names introduced by a title or a role.
//!
//! News introduces most people once, with their job: "Interior Minister Anas Khattab",
//! "Gen. Michael Erik Kurilla", "Rita Katz, SITE's director". No gazetteer lists them all,
//! but the title or role marks the capitalised words as a person's name; the mention keeps
//! the role and has no entity.

use super::EntityMention;
use crate::lexicon::Lexicon;
use crate::segment::{Segments, TokenKind, Words};
use crate::span::Span;

/// A person's name that no gazetteer lists, with the title or role that introduced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonMention {
    /// The name: "Anas Khattab".
    pub span: Span,
    /// The title or role: "Interior Minister", "SITE's director".
    pub role: Span,
}

/// Longest name taken, in words.
const MAX_NAME_WORDS: usize = 5;
/// Longest role after a name, in tokens.
const MAX_ROLE_TOKENS: usize = 10;

/// Every unlisted person in `text`, in text order. `mentions` are the gazetteer's: a name
/// that overlaps one is the gazetteer's to report.
///
/// ```
/// use claimex::gazetteer::{find_unlisted_people, Gazetteer};
/// let gaz = Gazetteer::bundled().unwrap();
/// let text = "Interior Minister Karim Haddad said 40 were held.";
/// let lex = claimex::lexicon::Lexicon::english();
/// let segments = claimex::segment::split(text, lex);
/// let people = find_unlisted_people(text, &segments, &gaz.find(text, &segments), lex);
/// assert_eq!((people[0].span.slice(text), people[0].role.slice(text)), ("Karim Haddad", "Interior Minister"));
/// ```
pub fn find_unlisted_people(
    text: &str,
    segments: &Segments,
    mentions: &[EntityMention],
    lex: &Lexicon,
) -> Vec<PersonMention> {
    let mut out = Vec::new();
    for (s, _) in segments.sentences.iter().enumerate() {
        let w = Words::new(text, segments.sentence_tokens(s), lex);
        let listed = |span: Span| {
            let k = mentions.partition_point(|m| m.span.end <= span.start);
            mentions.get(k).is_some_and(|m| m.span.start < span.end)
        };
        let mut i = 0;
        while i < w.len() {
            let found = titled(w, i).or_else(|| with_role_after(w, i)).filter(|(p, _)| !listed(p.span));
            match found {
                Some((person, next)) => {
                    out.push(person);
                    i = next;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// "Interior Minister Anas Khattab", "Brig. Gen. Yahya Rasool": titles, then a name.
fn titled(w: Words<'_>, start: usize) -> Option<(PersonMention, usize)> {
    let (mut i, mut head, mut abbreviated, mut last, mut lower) = (start, false, false, start, false);
    while w.kind(i) == Some(TokenKind::Word) && w.lex.person_titles.contains(w.get(i)) {
        head |= !w.lex.title_modifiers.contains(w.get(i));
        lower |= !w.is_capitalized(i);
        abbreviated = w.get(i + 1) == "." && w.joined(i + 1);
        last = i;
        i += if abbreviated { 2 } else { 1 };
    }
    if !head {
        return None;
    }
    let (name_end, words) = name(w, i)?;
    // A role in lower case ("the group's director Inger Ashing") is often no title at all
    // ("the major Kurdish parties"): it takes a full name.
    if words < 2 && (lower || (!abbreviated && !w.lex.surname_titles.contains(w.get(last)))) {
        return None;
    }
    let person = PersonMention { span: w.span(i, name_end), role: w.span(start, i) };
    Some((person, name_end))
}

/// "Rita Katz, SITE's director", "John Smith, a spokesman for the ministry,": a full name,
/// a comma, and a phrase whose head is a role.
fn with_role_after(w: Words<'_>, start: usize) -> Option<(PersonMention, usize)> {
    if start > 0 && (w.is_capitalized(start - 1) || w.joined(start)) {
        return None;
    }
    let (name_end, words) = name(w, start)?;
    if words < 2 || w.get(name_end) != "," {
        return None;
    }
    let role_start = name_end + 1;
    let mut k = role_start;
    let mut role_end = None;
    while k < w.len() && k < role_start + MAX_ROLE_TOKENS && !matches!(w.get(k), "," | "." | ";" | ":" | "(") {
        if w.kind(k) == Some(TokenKind::Word)
            && (w.lex.role_nouns.contains(w.get(k)) || w.lex.official_nouns.contains(w.get(k)))
        {
            role_end = Some(k + 1);
        }
        k += 1;
    }
    // The role runs to the end of its phrase ("a spokesman for the ministry"), but only
    // when a role noun was seen.
    role_end?;
    if k == role_start {
        return None;
    }
    let person = PersonMention { span: w.span(start, name_end), role: w.span(role_start, k) };
    Some((person, k))
}

/// The capitalised words of a name from `start`: (end token, words in the name). Hyphenated
/// parts ("al-Baghdadi") and lower-case particles between capitalised words count.
fn name(w: Words<'_>, start: usize) -> Option<(usize, usize)> {
    let (mut i, mut words) = (start, 0);
    while words < MAX_NAME_WORDS {
        if name_word(w, i) {
            i += 1;
        } else if words > 0 && w.lex.name_particles.contains(w.get(i)) && name_word(w, i + 1) {
            i += 2;
        } else if w.lex.name_particles.contains(w.get(i)) && w.get(i + 1) == "-" && w.joined(i + 1) && w.joined(i + 2) {
            // "al-Baghdadi", also first ("Prime Minister al-Sudani").
            if !name_word(w, i + 2) {
                break;
            }
            i += 3;
        } else {
            break;
        }
        words += 1;
        // "al-Baghdadi", "Abdul-Rahman": a hyphen joined on both sides continues the word.
        while w.get(i) == "-" && w.joined(i) && w.joined(i + 1) && w.kind(i + 1) == Some(TokenKind::Word) {
            i += 2;
        }
    }
    (words > 0).then_some((i, words))
}

/// A capitalised word that can be part of a name: not a title, a function word, a month,
/// an institution, or an acronym.
fn name_word(w: Words<'_>, i: usize) -> bool {
    let word = w.get(i);
    w.is_capitalized(i)
        && !(word.len() > 1 && word.chars().all(|c| !c.is_lowercase()))
        && ![
            &w.lex.person_titles,
            &w.lex.determiners,
            &w.lex.pronouns,
            &w.lex.months,
            &w.lex.organization_nouns,
            &w.lex.official_nouns,
        ]
        .iter()
        .any(|t| t.contains(word))
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::Gazetteer;
    use std::path::PathBuf;

    fn people(text: &str) -> Vec<(String, String)> {
        let tsv = "id\tname\ttype\tsubtype\nperson:trump\tDonald Trump\tperson\thead_of_state\n\
                   org:site\tSITE Intelligence Group\torganization\tresearch_group\n";
        let gaz = Gazetteer::from_sources(&[(PathBuf::from("t.tsv"), tsv)]).unwrap();
        let segments = crate::segment::split(text, crate::lexicon::Lexicon::english());
        super::find_unlisted_people(text, &segments, &gaz.find(text, &segments), crate::lexicon::Lexicon::english())
            .iter()
            .map(|p| (p.span.slice(text).to_string(), p.role.slice(text).to_string()))
            .collect()
    }

    #[test]
    fn unlisted_people_rules() {
        let rows: &[(&str, &[(&str, &str)])] = &[
            ("Interior Minister Anas Khattab said so.", &[("Anas Khattab", "Interior Minister")]),
            ("said Gen. Michael Erik Kurilla, the commander.", &[("Michael Erik Kurilla", "Gen.")]),
            ("Brig. Gen. Yahya Rasool said", &[("Yahya Rasool", "Brig. Gen.")]),
            ("Mr. Katz disagreed.", &[("Katz", "Mr.")]),
            ("Rita Katz, SITE's director, said", &[("Rita Katz", "SITE's director")]),
            ("John Smith, a spokesman for the ministry, said", &[("John Smith", "a spokesman for the ministry")]),
            ("the militant leader Abu Bakr al-Baghdadi", &[]),
            ("Defense Minister Abu Bakr al-Baghdadi", &[("Abu Bakr al-Baghdadi", "Defense Minister")]),
            ("Prime Minister al-Sudani said", &[]),
            ("said Save the Children director Inger Ashing", &[("Inger Ashing", "director")]),
            ("the general Assembly", &[]),
            ("Prime Minister Mohammed Shia al-Sudani said", &[("Mohammed Shia al-Sudani", "Prime Minister")]),
            // Listed people are the gazetteer's; institutions and single names are no one.
            ("President Donald Trump said", &[]),
            ("the General Assembly voted", &[]),
            ("President Street is closed", &[]),
            ("Interior Ministry officials", &[]),
            ("Human Rights Watch, a monitoring group, said", &[]),
            ("Meanwhile, the director said", &[]),
        ];
        for (text, want) in rows {
            let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
            assert_eq!(people(text), want, "in {text:?}");
        }
    }
}
