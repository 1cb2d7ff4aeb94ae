//! The subject of a claim: what its quantity is about (GUIDELINES: "the entity the counted
//! things belong to or are done by").

use super::{is_actor, is_locative, locates_counted, Claim, Parts, Subject};
use crate::gazetteer::{EntityId, EntityMention, EntityType, NameForm, NameMention};
use crate::lexicon::WordClass;
use crate::quantity::{Quantity, QuantityKind};
use crate::rules::Rule;
use crate::segment::{TokenKind, Words};
use crate::span::Span;
use std::collections::HashMap;
use std::ops::Range;

/// How a quantity stands to the attributions of its sentence, for [`subject_of`].
#[derive(Clone, Copy)]
pub(super) struct Voice {
    /// The quantity is inside the words that name a source.
    pub(super) inside_source: bool,
    /// The words of who says it, when someone does.
    pub(super) speaker: Option<Span>,
    /// The reporting words ("said", "according to").
    pub(super) cue: Option<Span>,
}

/// The subject of quantity `q`, from the sentence's mentions and names (indices) and the
/// claims already made; the decisions go to `rules`.
// The stage outputs are many and all read here; a struct for one call would only rename them.
#[allow(clippy::too_many_arguments)]
pub(super) fn subject_of(
    p: Parts<'_>,
    w: Words<'_>,
    q: &Quantity,
    mentions: &[usize],
    claims: &[Claim],
    names: &[usize],
    voice: Voice,
    rules: &mut Vec<Rule>,
) -> Option<Subject> {
    // An entity in the counted phrase: "IS fighters", "two US soldiers", "Iraqi officials".
    if let Some(unit_span) = q.unit.as_ref().and_then(|u| u.span) {
        let phrase = Span::new(q.span.end, unit_span.end);
        // "its Hong Kong shares": after a possessive pronoun the phrase's names modify; the
        // pronoun's referent owns the things (found below).
        let owned = (w.index_at(q.span.end)..w.index_at(unit_span.end)).any(|k| w.has(k, WordClass::Possessives));
        if let Some(&m) = mentions.iter().find(|&&m| {
            let mention = &p.mentions[m];
            let kind = p.gazetteer.entity(mention.entity).kind;
            phrase.contains(mention.span)
                && kind != EntityType::Person
                // "176 Hong Kong dollars": the place names the currency, not an owner.
                && (kind != EntityType::Place || q.kind != QuantityKind::Money)
                && !owned
                && !locates_counted(p, mention, &[phrase])
                && !names_a_model(w, mention.span)
        }) {
            rules.push(Rule::ClaimSubjectInUnit);
            return Some(Subject::Entity(m));
        }
        // "More than a third of Halvard’s 12,000 employees": a name that owns the counted
        // things inside their phrase.
        let owner = names.iter().find(|&&n| {
            let span = p.names[n].span;
            phrase.contains(span) && w.lex.possessive_at(p.text, span.end)
        });
        if let Some(&n) = owner {
            rules.push(Rule::ClaimSubjectInUnit);
            return Some(Subject::Name(n));
        }
    }
    if voice.inside_source {
        return None;
    }
    // "a $3 billion offer by Acme", "12 people killed by IS": the agent after the counted
    // phrase does what is counted.
    let after = q.unit.as_ref().and_then(|u| u.span).map_or(q.span.end, |s| s.end.max(q.span.end));
    let a = w.index_at(after);
    if let Some(by) = (a..(a + AGENT_REACH).min(w.len())).find(|&k| w.has(k, WordClass::AgentMarkers)) {
        let next = w.tokens.get(by + 1).map(|t| t.span.start);
        let agent = named(p, mentions, names).find(|(span, subject)| {
            Some(span.start) == next
                && match *subject {
                    Subject::Entity(m) => is_actor(p, &p.mentions[m]),
                    _ => true,
                }
        });
        if let Some((_, subject)) = agent {
            rules.push(Rule::ClaimSubjectAgent);
            return Some(subject);
        }
    }
    // An elliptic number shares the subject of the one it borrowed its noun from.
    if q.rules.contains(&Rule::UnitEllipticPrevious) {
        if let Some(prev) = claims.iter().rev().find(|c| p.quantities[c.quantity].sentence == q.sentence) {
            rules.push(Rule::ClaimSubjectPrevious);
            return prev.subject;
        }
    }
    // "yield 1.79%, down from 1.81%": the reference of a comparison is the same thing's
    // figure at another time, so it shares the subject of the figure compared with it.
    let compared = claims.iter().rev().take_while(|c| p.quantities[c.quantity].sentence == q.sentence).find(|c| {
        p.quantities[c.quantity].compared_to.as_ref().is_some_and(|cmp| std::ptr::eq(&p.quantities[cmp.reference], q))
    });
    if let Some(subject) = compared.and_then(|c| c.subject) {
        rules.push(Rule::ClaimSubjectPrevious);
        return Some(subject);
    }
    // "WeWork’s 12,000 employees", "Delhi’s more than 10 million vehicles": the possessor
    // right before the quantity owns what it counts.
    let possessor = named(p, mentions, names).find(|(span, _)| {
        span.end <= q.span.start && matches!(&p.text[span.end..q.span.start], "’s " | "'s " | "’ " | "' ")
    });
    if let Some((_, subject)) = possessor {
        rules.push(Rule::ClaimSubjectPossessor);
        return Some(subject);
    }
    // "its 12,000 employees", "Its fleet of roughly 400 jets", "his fortune of $17 million":
    // a possessive pronoun owns them, and stands for whom it refers to.
    let qk = w.index_at(q.span.start);
    let pronoun = [1, 3].into_iter().filter(|&back| qk >= back).map(|back| qk - back).find(|&k| {
        w.has(k, WordClass::Possessives)
            && (k + 1 == qk || (w.is(qk - 1, "of") && w.kind(k + 1) == Some(TokenKind::Word)))
    });
    if let Some(found) = pronoun.and_then(|k| referent(p, w, k, qk, q.sentence)) {
        rules.push(Rule::ClaimSubjectReferent);
        return Some(found);
    }
    if let Some((subject, rule)) = clause_subject(p, w, q, mentions, names, voice) {
        rules.push(rule);
        return Some(subject);
    }
    let before = mentions
        .iter()
        .rev()
        .filter(|&&m| p.mentions[m].span.end <= q.span.start)
        // Who says it is not what it is about ("The ONS said inflation eased to 5.9%"),
        // unless a pronoun takes the speaker up again ("CENTCOM said it conducted 196").
        .filter(|&&m| {
            !voice.speaker.is_some_and(|s| s.contains(p.mentions[m].span) && !resumed(w, s, q.span))
                || reports_own(w, q, voice)
        })
        .find(|&&m| {
            is_actor(p, &p.mentions[m])
                && !is_locative(p, w, &p.mentions[m])
                && !super::clause::across_fronted_adverbial(w, p.mentions[m].span, q.span)
        });
    if let Some(&m) = before {
        rules.push(Rule::ClaimSubjectNearestActor);
        return Some(Subject::Entity(m));
    }
    None
}

/// The sentence's names, listed (`mentions`) and unlisted (`names`), each as its words and the
/// subject it would make.
fn named<'a>(p: Parts<'a>, mentions: &'a [usize], names: &'a [usize]) -> impl Iterator<Item = (Span, Subject)> + 'a {
    let entities = mentions.iter().map(move |&m| (p.mentions[m].span, Subject::Entity(m)));
    entities.chain(names.iter().map(move |&n| (p.names[n].span, Subject::Name(n))))
}

/// Longest stretch, in tokens, between a clause's start and its subject ("The private
/// equity firm Alden Capital").
const SUBJECT_REACH: usize = 6;

/// The name that opens the clause holding the quantity: its grammatical subject, what the
/// numbers of the clause are about ("Home Depot sees sales growth of 1.8 percent", "while
/// Sterling was at $1.29"). The clause starts after a semicolon, colon or dash, or at a
/// conjunction after a comma; an opening adverbial up to a comma is skipped ("Looking ahead,",
/// "On Wall Street,"). The speaker and places after a locative preposition are no subject.
fn clause_subject(
    p: Parts<'_>,
    w: Words<'_>,
    q: &Quantity,
    mentions: &[usize],
    names: &[usize],
    voice: Voice,
) -> Option<(Subject, Rule)> {
    let qk = w.index_at(q.span.start);
    let mut start = (0..qk)
        .rev()
        .find(|&k| {
            // Kinds first: most tokens are words after words.
            let punct = |j: usize| w.kind(j) == Some(TokenKind::Punct);
            (punct(k) && w.has(k, WordClass::ClauseBreaks))
                || (k > 0 && punct(k - 1) && w.get(k - 1) == "," && w.has(k, WordClass::ClauseOpeners))
        })
        .map_or(0, |k| k + 1);
    let clause_start = start;
    // "The US military says ISIL is trying to double...": what is said is a clause of its own.
    if let Some(cue) = voice.cue.filter(|c| c.end <= q.span.start) {
        start = start.max(w.index_at(cue.end));
    }
    if let Some(found) = predicate_subject(p, w, q, mentions, names, voice, clause_start) {
        return Some(found);
    }
    // The names whose first token lies in `within`, that may be a subject: cheap position
    // tests first, as a sentence can name many things.
    let candidates = |within: Range<usize>| {
        named(p, mentions, names).filter(move |(span, subject)| {
            if span.end > q.span.start || !within.contains(&w.index_at(span.start)) {
                return false;
            }
            // "Syria's interim government": a possessor modifies the subject, it is not one.
            let rest = &p.text[span.end..];
            if rest.starts_with("’s") || rest.starts_with("'s") {
                return false;
            }
            // "After its chief left, Acme paid $9 billion": a name in another clause.
            if super::clause::across_fronted_adverbial(w, *span, q.span) {
                return false;
            }
            let speaker = voice.speaker.is_some_and(|s| s.contains(*span) && !resumed(w, s, q.span));
            let fits = match *subject {
                Subject::Entity(m) => {
                    let e = p.gazetteer.entity(p.mentions[m].entity);
                    (is_actor(p, &p.mentions[m]) || e.kind == EntityType::Person) && !is_locative(p, w, &p.mentions[m])
                }
                Subject::Name(_) | Subject::Phrase(_) => true,
            };
            fits && !speaker
        })
    };
    // An opening adverbial up to a comma holds no subject of its own.
    if let Some(comma) = (start..qk.min(start + SUBJECT_REACH)).find(|&k| w.get(k) == ",") {
        if candidates(start..comma).next().is_none() {
            start = comma + 1;
        }
    }
    let named = candidates(start..qk.min(start + SUBJECT_REACH + 1))
        .min_by_key(|(span, _)| span.start)
        .map(|(_, subject)| (subject, Rule::ClaimSubjectClause));
    // "Jane Roe: possession of heroin, held on $5,000 bond": a name labelling the line.
    let label = || {
        (clause_start > 0 && w.get(clause_start - 1) == ":")
            .then(|| candidates(0..1).find(|(span, _)| w.index_at(span.end) == clause_start - 1))
            .flatten()
            .map(|(_, subject)| (subject, Rule::ClaimSubjectClause))
    };
    named.or_else(label).or_else(|| referent(p, w, start, qk, q.sentence).map(|s| (s, Rule::ClaimSubjectReferent)))
}

/// Sentences back that a referring subject ("the retailer", "it") may reach for its name.
const REFERENT_REACH: usize = 3;

/// "The home-improvement retailer earned $2.8 billion", "It expects 4 percent", "He spent
/// $40,000", "the state paid $2 million": a clause subject that is a pronoun or a definite
/// description stands for what it refers to, named last before the clause (a few sentences
/// back at most): an organisation for "it" and business nouns, a person for "he" and "she",
/// a country or a smaller place for "the country" and "the state".
fn referent(p: Parts<'_>, w: Words<'_>, start: usize, qk: usize, sentence: usize) -> Option<Subject> {
    let lex = w.lex;
    let first = w.get(start);
    let described = |set: &crate::lexicon::WordSet| {
        lex.determiners.contains(first) && (start + 1..qk.min(start + 5)).any(|k| set.contains(w.get(k)))
    };
    // Places first: "the state" and "the city" also name governments among the organisations.
    let place = (start + 1..qk.min(start + 5))
        .filter(|_| lex.determiners.contains(first))
        .find_map(|k| lex.referring_place_nouns.get(w.get(k)));
    let wanted = if let Some(subtypes) = place {
        Referent::Place(subtypes)
    } else if lex.organization_pronouns.contains(first)
        || described(&lex.organization_nouns)
        || described(&lex.referring_organization_nouns)
    {
        Referent::Organization
    } else if lex.person_pronouns.contains(first) || lex.person_possessives.contains(first) {
        Referent::Person
    } else {
        return None;
    };
    // Up to the clause: "Delhi’s officials said the city ..." may name it in the same sentence.
    let here = w.tokens.get(start).map_or(p.segments.sentences[sentence].span.start, |t| t.span.start);
    referent_of(p, wanted, here, sentence)
}

/// The place a possessive description of a place stands for, in the tokens `range` ("the
/// state’s $2 billion", "half of the country’s districts"): the last place of the right kind
/// named before it in the same sentence.
pub(super) fn described_place(p: Parts<'_>, w: Words<'_>, range: Range<usize>, sentence: usize) -> Option<usize> {
    let lex = w.lex;
    range.filter(|&k| k > 0 && w.has(k - 1, WordClass::Determiners)).find_map(|k| {
        let word = w.get(k);
        let ending = lex.possessive_endings.words().find(|e| word.ends_with(e) && word.len() > e.len())?;
        let subtypes = lex.referring_place_nouns.get(&word[..word.len() - ending.len()])?;
        // Only a place named in the sentence (GUIDELINES: a place implied by "the state"
        // alone is not added): "Ohio teachers say the state's $3 billion ...".
        let start = p.segments.sentences[sentence].span.start;
        match referent_of(p, Referent::Place(subtypes), w.tokens[k].span.start, sentence)? {
            Subject::Entity(m) if p.mentions[m].span.start >= start => Some(m),
            _ => None,
        }
    })
}

/// The last name before byte `here` (a few sentences back at most) that `wanted` can stand for.
fn referent_of(p: Parts<'_>, wanted: Referent<'_>, here: usize, sentence: usize) -> Option<Subject> {
    let lex = p.lex;
    let from = p.segments.sentences[sentence.saturating_sub(REFERENT_REACH)].span.start;
    let m0 = p.mentions.partition_point(|m| m.span.start < from);
    let m1 = p.mentions.partition_point(|m| m.span.start < here);
    let fits = |m: &EntityMention| {
        let e = p.gazetteer.entity(m.entity);
        match wanted {
            Referent::Organization => e.kind == EntityType::Organization && !e.is_outlet(),
            Referent::Person => e.kind == EntityType::Person,
            Referent::Place(subtypes) => e.kind == EntityType::Place && subtypes.split(' ').any(|t| t == e.subtype),
        }
    };
    let entity = (m0..m1).rev().find(|&m| fits(&p.mentions[m]));
    let entity = entity.map(|m| (p.mentions[m].span.start, Subject::Entity(m)));
    let other = match wanted {
        // An unlisted name is most often a company's ("Brightwater Mills").
        Referent::Organization => {
            let n0 = p.names.partition_point(|n| n.span.start < from);
            let n1 = p.names.partition_point(|n| n.span.start < here);
            (n0..n1).next_back().map(|n| (p.names[n].span.start, Subject::Name(n)))
        }
        // A person whom an attribution named: "Dana Reyes, a deportee, said ...".
        Referent::Person => {
            let named = |a: &&crate::attribution::Attribution| {
                a.kind == crate::attribution::SourceKind::Person
                    && a.source.start >= from
                    && a.source.end <= here
                    && p.text[a.source.start..].chars().next().is_some_and(char::is_uppercase)
                    && !lex.person_pronouns.contains(&p.text[a.source.start..a.source.end])
            };
            let source =
                p.attributions.iter().filter(named).map(|a| (a.source.start, person_subject(p, a.source))).next_back();
            // Or a name shaped like a person's: two or three words, each a capitalised word
            // ("Julian Assange"), not an organisation's ("Pacific Gas & Electric Co.").
            let person_shaped = |n: &NameMention| {
                let name = n.span.slice(p.text);
                let words = name.split(' ').count();
                (2..=3).contains(&words)
                    && name.split(' ').all(|w| {
                        w.starts_with(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase) && w.len() > 1
                    })
                    && !name.split(' ').any(|w| lex.organization_nouns.contains(w))
                    // "the Cabinet Room": a person's name takes no article.
                    && !lex.determiners.contains(p.text[..n.span.start].trim_end().rsplit(' ').next().unwrap_or(""))
            };
            let n0 = p.names.partition_point(|n| n.span.start < from);
            let n1 = p.names.partition_point(|n| n.span.start < here);
            let name = p.names[n0..n1.max(n0)]
                .iter()
                .enumerate()
                .filter(|(_, n)| person_shaped(n))
                .map(|(k, n)| (n.span.start, Subject::Name(n0 + k)))
                .next_back();
            match (source, name) {
                (Some(s), Some(n)) => Some(if n.0 > s.0 { n } else { s }),
                (s, n) => s.or(n),
            }
        }
        Referent::Place(_) => None,
    };
    match (entity, other) {
        (Some(e), Some(o)) => Some(if o.0 > e.0 { o.1 } else { e.1 }),
        (e, o) => e.or(o).map(|(_, s)| s),
    }
}

/// What a [`referent`] stands for.
#[derive(Clone, Copy)]
enum Referent<'l> {
    Organization,
    Person,
    /// A place of one of these gazetteer subtypes (space-separated).
    Place(&'l str),
}

/// A person's name as a subject: the unlisted name or entity with these words, else the words.
fn person_subject(p: Parts<'_>, span: Span) -> Subject {
    let n = p.names.partition_point(|n| n.span.start < span.start);
    if p.names.get(n).is_some_and(|n| n.span == span) {
        return Subject::Name(n);
    }
    let m = p.mentions.partition_point(|m| m.span.start < span.start);
    if p.mentions.get(m).is_some_and(|m| m.span == span) {
        return Subject::Entity(m);
    }
    Subject::Phrase(span)
}

/// "30 Boeing 787 jets", "50 Airbus A350-900 jets": a maker's name before a model number
/// names the product; whose the counted things are is said elsewhere.
fn names_a_model(w: Words<'_>, span: Span) -> bool {
    let next = w.index_at(span.end);
    match w.kind(next) {
        Some(TokenKind::Number) => true,
        Some(TokenKind::Word) => {
            let t = w.get(next);
            t.bytes().any(|b| b.is_ascii_digit()) && t.bytes().any(|b| b.is_ascii_uppercase())
        }
        _ => false,
    }
}

/// Farthest "by" stands after the counted phrase for its name to be the agent, in tokens
/// ("a $3 billion tender offer by Acme").
const AGENT_REACH: usize = 4;

/// Farthest a clause's verb stands before its quantity, in tokens ("fell 102.2 points, or
/// 0.36%, to 27,934.02").
const VERB_REACH: usize = 14;
/// Longest subject phrase, in tokens, with its modifiers ("Three-month aluminum on the
/// London Metal Exchange").
const PHRASE_REACH: usize = 10;
/// Longest subject phrase kept as words, in tokens ("Benchmark 10-year notes").
const PHRASE_WORDS: usize = 6;

/// The subject of the verb that governs the quantity ("Copper rose 0.9% to $5,880", ", the
/// S&P 500 lost 1.85 points", "while LG Electronics had 3 GW"): the noun phrase right before
/// the verb, past auxiliaries, adverbs and ticker codes, opening its clause. A name that is
/// the phrase's head, or owns it ("Alibaba’s listing would raise"), is the subject; after a
/// verb of change or trading a phrase with a common noun head is its own subject ("Spot gold
/// added 0.1%"); a pronoun or a description stands for what it refers to; "X, which had ..."
/// takes X.
fn predicate_subject(
    p: Parts<'_>,
    w: Words<'_>,
    q: &Quantity,
    mentions: &[usize],
    names: &[usize],
    voice: Voice,
    clause_start: usize,
) -> Option<(Subject, Rule)> {
    let lex = w.lex;
    let qk = w.index_at(q.span.start);
    let mut lo = clause_start.max(qk.saturating_sub(VERB_REACH));
    // A company reports its own money ("McClatchy reported a loss of $304.7 million"); other
    // speakers are no subject of what they say, so the clause starts after their words.
    let cue = voice.cue.filter(|c| c.end <= q.span.start).map(|c| (w.index_at(c.start), w.index_at(c.end)));
    let own_report = cue.filter(|_| reports_own(w, q, voice));
    if let Some((c0, c1)) = cue {
        lo = lo.max(if own_report.is_some() { c0 } else { c1 });
    }
    let verb = (lo..qk)
        .rev()
        .take_while(|&k| {
            let classes = w.classes(k);
            !classes.has(WordClass::ClauseWords)
                || classes.has(WordClass::Coordinators)
                || classes.has(WordClass::PredicateVerbs)
        })
        // Lower case: "IS" and "US" are names, not verbs.
        .find(|&k| !w.is_capitalized(k) && w.has(k, WordClass::PredicateVerbs))?;
    if own_report.is_some_and(|(c0, _)| verb < c0) || w.is(verb.wrapping_sub(1), "to") {
        return None;
    }
    let floor = match cue {
        Some((c0, _)) if own_report.is_some() && verb == c0 => clause_start,
        Some((_, c1)) => lo.max(c1),
        None => lo,
    };
    let mut end = verb;
    while end > floor && (w.has(end - 1, WordClass::VerbModifiers) || is_ticker(w, end - 1)) {
        end -= 1;
    }
    // "The company, which is expected to lay off thousands": the relative clause is about
    // the name before its comma.
    if end > floor + 1 && w.has(end - 1, WordClass::RelativePronouns) && w.get(end - 2) == "," {
        end -= 2;
        let before = w.tokens[end - 1].span.end;
        let antecedent = named(p, mentions, names).find(|(span, _)| span.end == before);
        if let Some((_, subject)) = antecedent {
            return Some((subject, Rule::ClaimSubjectPredicate));
        }
    }
    let covered = |k: usize| {
        let at = w.tokens[k].span;
        mentions.iter().any(|&m| p.mentions[m].span.contains(at)) || names.iter().any(|&n| p.names[n].span.contains(at))
    };
    let mut start = end;
    while start > floor && end - start < PHRASE_REACH {
        let k = start - 1;
        let word = w.get(k);
        let inside = covered(k)
            || match w.kind(k) {
                Some(TokenKind::Word) => !w.has(k, WordClass::ClauseWords) && !w.has(k, WordClass::PredicateVerbs),
                // "10-year notes", "S&P", "U.S.": joined marks inside a phrase.
                Some(TokenKind::Punct) => {
                    (matches!(word, "-" | "&" | "’" | "'") && w.joined(k + 1))
                        // "Corp.", "U.S.": the stop of an abbreviation.
                        || (word == "." && w.joined(k) && w.kind(k - 1) == Some(TokenKind::Word))
                }
                Some(TokenKind::Number) => w.get(k + 1) == "-" && w.joined(k + 1),
                None => false,
            };
        if !inside || is_ticker(w, k) && start == end {
            break;
        }
        start -= 1;
    }
    // "he spent", "it would raise": a pronoun is a phrase of its own.
    if start == end && start > floor && w.has(start - 1, WordClass::Pronouns) {
        start -= 1;
    }
    // The phrase opens its clause: nothing but a boundary stands before it.
    let opens = start == floor
        || start == 0
        || matches!(w.kind(start - 1), Some(TokenKind::Punct)) && !matches!(w.get(start - 1), "-" | "&")
        || w.has(start - 1, WordClass::Coordinators)
        || w.has(start - 1, WordClass::ClauseOpeners);
    if start == end || !opens {
        return None;
    }
    let stretch_end = if end > start + 1 && w.get(end - 1) == "." { end - 1 } else { end };
    let named_in = |span: Span| {
        named(p, mentions, names).filter(move |(found, subject)| {
            // "attacks in Syria and Iraq is expected": a place after a locative preposition
            // is where, not who.
            span.contains(*found) && !matches!(*subject, Subject::Entity(m) if is_locative(p, w, &p.mentions[m]))
        })
    };
    // "Former ambassador to Ukraine Jane Roe has": a name after its role ends the phrase and
    // heads it (a name after "the" or a preposition is a modifier's).
    let stretch = w.span(start, stretch_end);
    let demonym = |subject: &Subject| matches!(*subject, Subject::Entity(m) if p.mentions[m].form == NameForm::Demonym);
    let appositive = named_in(stretch).find(|(span, subject)| {
        let k = w.index_at(span.start);
        !demonym(subject)
            && span.end == stretch.end
            && k > start
            && !w.has(k - 1, WordClass::Determiners)
            && !w.has(k - 1, WordClass::Prepositions)
            && w.kind(k - 1) == Some(TokenKind::Word)
    });
    if let Some((_, subject)) = appositive {
        return Some((subject, Rule::ClaimSubjectPredicate));
    }
    // The head comes before its modifiers: "Three-month aluminum [on the London Metal Exchange]".
    let head_end = (start..end).find(|&k| !covered(k) && w.has(k, WordClass::Prepositions) && !w.is(k, "of"));
    let mut head_end = head_end.unwrap_or(end);
    if head_end > start + 1 && w.get(head_end - 1) == "." {
        head_end -= 1;
    }
    let mut first = start;
    while first < head_end && w.has(first, WordClass::Determiners) && !w.has(first, WordClass::Possessives) {
        first += 1;
    }
    if first == head_end {
        return None;
    }
    let speaker = voice.speaker.is_some_and(|s| s.overlaps(w.span(first, head_end)) && !resumed(w, s, q.span));
    if speaker && own_report.is_none() {
        return None;
    }
    if let Some(found) = referent(p, w, start, head_end, q.sentence) {
        return Some((found, Rule::ClaimSubjectReferent));
    }
    let phrase = w.span(first, head_end);
    let named = named_in;
    // A possessor that opens the phrase owns it; a name that ends it is its head.
    let possessor =
        named(phrase).find(|(span, _)| w.index_at(span.start) == first && lex.possessive_at(p.text, span.end));
    let head = named(phrase).find(|(span, _)| span.end == phrase.end);
    // "The 48-year-old Australian was sentenced": a demonym that heads a definite phrase is
    // a person, named before.
    let demonym_head = head.is_some_and(|(_, subject)| demonym(&subject)) && first > start;
    if demonym_head && possessor.is_none() {
        let here = w.tokens[start].span.start;
        return referent_of(p, Referent::Person, here, q.sentence).map(|s| (s, Rule::ClaimSubjectReferent));
    }
    if let Some((_, subject)) = possessor.or(head) {
        return Some((subject, Rule::ClaimSubjectPredicate));
    }
    let last = head_end - 1;
    // "the number had dropped to 1,500": a head that only stands for a figure says nothing
    // of whose it is.
    if w.has(last, WordClass::FigureNouns) {
        return None;
    }
    // "Comparable sales rose 3.6%": a company's measure stands for the company, named in the
    // phrase or just before.
    if lex.company_measures.contains(w.get(last)) {
        let owner = named(phrase)
            .next()
            .map(|(_, s)| s)
            .or_else(|| referent_of(p, Referent::Organization, w.tokens[first].span.start, q.sentence));
        return owner.map(|s| (s, Rule::ClaimSubjectReferent));
    }
    let common = w.kind(last) == Some(TokenKind::Word)
        && !w.has(last, WordClass::NameStops)
        && head_end - first <= PHRASE_WORDS
        && (first..head_end).all(|k| w.kind(k) != Some(TokenKind::Number) || w.get(k + 1) == "-")
        && lex.change_verbs.contains(w.get(verb));
    common.then_some((Subject::Phrase(phrase), Rule::ClaimSubjectPredicate))
}

/// A ticker or instrument code written after a name in market reports: "CLc1", "US10YT=RR",
/// ".SPX", "XAU=".
fn is_ticker(w: Words<'_>, k: usize) -> bool {
    let word = w.get(k);
    let mixed = w.kind(k) == Some(TokenKind::Word)
        && word.bytes().any(|b| b.is_ascii_digit())
        && word.bytes().any(|b| b.is_ascii_alphabetic());
    let marked = (w.get(k + 1) == "=" && w.joined(k + 1))
        || (word == "=" && k > 0)
        || (k > 0 && w.get(k - 1) == "=" && w.joined(k))
        || (w.get(k.wrapping_sub(1)) == "."
            && w.joined(k)
            && !w.joined(k - 1)
            && w.get(k).bytes().all(|b| b.is_ascii_uppercase()));
    mixed
        || marked
        || (word == "." && w.get(k + 1).bytes().all(|b| b.is_ascii_uppercase()) && w.joined(k + 1) && !w.joined(k))
}

/// A company reports its own money ("McClatchy reported a loss of $304.7 million") and its
/// own measures named between the report and the figure ("Acme sees sales growth of 1.8
/// percent"): then the speaker may be the subject.
fn reports_own(w: Words<'_>, q: &Quantity, voice: Voice) -> bool {
    let Some(cue) = voice.cue.filter(|c| c.end <= q.span.start) else { return false };
    q.kind == QuantityKind::Money
        || (w.index_at(cue.end)..w.index_at(q.span.start)).any(|k| w.lex.company_measures.contains(w.get(k)))
}

/// True when a pronoun between the speaker and the quantity refers back to the speaker.
fn resumed(w: Words<'_>, speaker: Span, quantity: Span) -> bool {
    (w.index_at(speaker.end)..w.index_at(quantity.start))
        .any(|k| w.has(k, WordClass::Pronouns) || w.has(k, WordClass::Possessives))
}

/// How often an armed group must be named before it is the subject of numbers with no actor.
const MIN_DOMINANT_MENTIONS: usize = 3;

/// The armed group named most often in the document (ties: first named), as the subject of
/// numbers stated with no actor ("the number had dropped to an estimated 1,500–3,000").
pub(super) fn dominant_armed_group(p: Parts<'_>) -> Option<usize> {
    let mut counts: HashMap<EntityId, (usize, usize)> = HashMap::new();
    for (i, m) in p.mentions.iter().enumerate() {
        if p.gazetteer.entity(m.entity).subtype == "armed_group" {
            counts.entry(m.entity).or_insert((0, i)).0 += 1;
        }
    }
    // A group named once or twice is not what the article is about ("Hamas said in a
    // statement" in a report on air strikes).
    counts
        .into_values()
        .filter(|&(n, _)| n >= MIN_DOMINANT_MENTIONS)
        .max_by_key(|&(n, first)| (n, std::cmp::Reverse(first)))
        .map(|(_, first)| first)
}
