//! Stage 6: claims — each quantity with its subject, places, time and source.
//!
//! Input: the outputs of every earlier stage. Output: one [`Claim`] per quantity, holding
//! indices into those outputs. Decisions, each with a rule id:
//! - source: the attribution of the same sentence that covers the quantity, nearest cue first;
//!   none for a number inside the source's own words ("Five officials said").
//! - subject (`subject.rs`): an entity inside the counted phrase ("IS fighters", "Iraqi
//!   officials"), else a possessor right before the number, else the subject of the verb that
//!   governs it (a name, a pronoun or description resolved to what it refers to, or after a
//!   verb of change the noun phrase itself: "Spot gold added 0.1%"), else the name opening the
//!   clause, else the nearest actor before the number in the sentence (an organisation, or a
//!   country that is not after a locative preposition), else the document's most-named armed
//!   group.
//! - places: places after a locative preposition or with a possessive ("in Syria",
//!   "Syria’s Palmyra City"), split among the sentence's quantities by position.
//! - time: the nearest time expression in the sentence that does not date the reporting
//!   itself ("said on Wednesday").

use crate::attribution::Attribution;
use crate::gazetteer::{EntityMention, EntityType, Gazetteer, NameForm, NameMention};
use crate::lexicon::{Lexicon, WordClass};
use crate::quantity::Quantity;
use crate::rules::Rule;
use crate::segment::{Segments, TokenKind, Words};
use crate::span::Span;
use crate::time::TimeExpression;
use std::ops::Range;

mod clause;
mod subject;
mod time_scope;

use subject::{dominant_armed_group, subject_of, Voice};

/// A quantity with its context; every field indexes the stage outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Index into the quantities.
    pub quantity: usize,
    /// What the quantity is about.
    pub subject: Option<Subject>,
    /// Indices into the mentions: places that scope the claim.
    pub places: Vec<usize>,
    /// Index into the time expressions.
    pub time: Option<usize>,
    /// Index into the attributions.
    pub attribution: Option<usize>,
    /// Rule ids of the decisions above.
    pub rules: Vec<Rule>,
}

/// What a claim is about: a gazetteer entity, or a name no gazetteer lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// Index into the mentions.
    Entity(usize),
    /// Index into the unlisted names.
    Name(usize),
    /// A noun phrase that heads the clause ("Spot gold added 0.1%"): what the figure is of,
    /// named by no name.
    Phrase(Span),
}

/// Everything the assembly reads, borrowed from the earlier stages.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// The document text.
    pub text: &'a str,
    /// Sentences and tokens.
    pub segments: &'a Segments,
    /// Entity mentions.
    pub mentions: &'a [EntityMention],
    /// Names no gazetteer lists.
    pub names: &'a [NameMention],
    /// Time expressions.
    pub times: &'a [TimeExpression],
    /// Quantities.
    pub quantities: &'a [Quantity],
    /// Attributions.
    pub attributions: &'a [Attribution],
    /// The gazetteer behind the mentions.
    pub gazetteer: &'a Gazetteer,
    /// The lexicon.
    pub lex: &'a Lexicon,
}

/// Assemble one claim per quantity.
pub fn assemble(p: Parts<'_>) -> Vec<Claim> {
    let fallback_subject = dominant_armed_group(p);
    let mut claims: Vec<Claim> = Vec::with_capacity(p.quantities.len());
    let mut by_sentence: Vec<(usize, Vec<usize>)> = Vec::new();
    for (qi, q) in p.quantities.iter().enumerate() {
        match by_sentence.last_mut() {
            Some((s, list)) if *s == q.sentence => list.push(qi),
            _ => by_sentence.push((q.sentence, vec![qi])),
        }
    }
    for (s, list) in by_sentence {
        let sentence = &p.segments.sentences[s];
        let w = Words::new(p.text, &p.segments.tokens[sentence.tokens.clone()], p.lex);
        let in_sentence = |span: Span| sentence.span.contains(span);
        // Mentions are sorted and never overlap: the sentence's are one run of them.
        let first = p.mentions.partition_point(|m| m.span.start < sentence.span.start);
        let last = p.mentions.partition_point(|m| m.span.end <= sentence.span.end);
        let mentions: Vec<usize> = (first..last.max(first)).filter(|&m| in_sentence(p.mentions[m].span)).collect();
        // Attributions are sorted by sentence: the sentence's are one run of them, so every
        // lookup below stays within the sentence (linear in the document, not quadratic).
        let a0 = p.attributions.partition_point(|a| a.sentence < s);
        let a1 = p.attributions.partition_point(|a| a.sentence <= s);
        let attributions = a0..a1.max(a0);
        let phrases: Vec<Span> = list.iter().map(|&qi| counted_phrase(&p.quantities[qi])).collect();
        let places = place_mentions(p, w, &mentions, &phrases);
        let n0 = p.names.partition_point(|n| n.span.start < sentence.span.start);
        let n1 = p.names.partition_point(|n| n.span.end <= sentence.span.end);
        let names: Vec<usize> = (n0..n1.max(n0)).collect();
        let mut assigned = assign_places(p, w, &list, &places, attributions.clone());
        for (k, &qi) in list.iter().enumerate() {
            let q = &p.quantities[qi];
            let mut rules = Vec::new();
            let attribution = source_of(p, attributions.clone(), q.span);
            let inside_source = p.attributions[attributions.clone()].iter().any(|a| a.excludes.contains(q.span));
            if attribution.is_some() {
                rules.push(Rule::ClaimSourceCovering);
            }
            let voice = Voice {
                inside_source,
                speaker: attribution.map(|a| p.attributions[a].source),
                cue: attribution.map(|a| p.attributions[a].cue),
            };
            let subject = subject_of(p, w, q, &mentions, &claims, &names, voice, &mut rules).or_else(|| {
                (!inside_source)
                    .then(|| fallback_subject.inspect(|_| rules.push(Rule::ClaimSubjectDocumentGroup)))
                    .and_then(|m| m.map(Subject::Entity))
            });
            if assigned[k].is_empty() && !inside_source {
                let near = (0..k)
                    .rev()
                    .chain(k + 1..list.len())
                    .filter(|&j| !assigned[j].is_empty())
                    .find(|&j| !clause::apart(w, p.quantities[list[j]].span, q.span));
                if let Some(j) = near {
                    assigned[k] = assigned[j].clone();
                    rules.push(Rule::ClaimPlacesShared);
                }
            }
            // "the state paid $2 million", "the state's $2 billion": a place that a
            // description of a place refers to scopes the claim, as its name would.
            if assigned[k].is_empty() && !inside_source {
                let referred = subject.filter(|_| rules.last() == Some(&Rule::ClaimSubjectReferent));
                let referred = match referred {
                    Some(Subject::Entity(m)) => Some(m),
                    _ => None,
                };
                let phrase = counted_phrase(q);
                let near = w.index_at(q.span.start).saturating_sub(3)..w.index_at(phrase.end);
                // Only a place named in the sentence (by name or demonym: "Indian Prime
                // Minister Modi pledged that his country ..."), as GUIDELINES has it.
                let place = referred
                    .filter(|&m| p.gazetteer.entity(p.mentions[m].entity).kind == EntityType::Place)
                    .filter(|&m| sentence.span.contains(p.mentions[m].span))
                    .or_else(|| subject::described_place(p, w, near, s));
                if let Some(m) = place {
                    assigned[k].push(m);
                    rules.push(Rule::ClaimPlacesDescribed);
                }
            }
            let time =
                if inside_source { None } else { time_scope::time_of(p, w, q.span, s, attributions.clone(), &list) };
            claims.push(Claim { quantity: qi, subject, places: assigned[k].clone(), time, attribution, rules });
        }
    }
    claims
}

/// The attribution that covers `span`, among the sentence's (`in_sentence`), nearest cue first.
fn source_of(p: Parts<'_>, in_sentence: Range<usize>, span: Span) -> Option<usize> {
    in_sentence
        .filter(|&i| p.attributions[i].covers.contains(span) && !p.attributions[i].excludes.overlaps(span))
        .min_by_key(|&i| p.attributions[i].cue.start.abs_diff(span.start))
}

fn is_actor(p: Parts<'_>, m: &EntityMention) -> bool {
    let e = p.gazetteer.entity(m.entity);
    match e.kind {
        // A news outlet reports numbers ("told CNN", "data compiled by Bloomberg"); it is
        // not what they count.
        EntityType::Organization => !e.is_outlet(),
        EntityType::Place => e.is_country() && m.form == NameForm::Name,
        EntityType::Person => false,
    }
}

/// True when a mention stands after a locative preposition, through determiners, adjectives
/// and coordinated places ("in Syria and neighboring Iraq", "within the al Hol and Roj camps").
fn is_locative(p: Parts<'_>, w: Words<'_>, m: &EntityMention) -> bool {
    let mut k = w.index_at(m.span.start);
    let mut steps = 0;
    while k > 0 && steps < 8 {
        k -= 1;
        steps += 1;
        let t = w.get(k);
        if t.eq_ignore_ascii_case("of") {
            // "one-third of Syria", "north of Baghdad", but not "the leadership of the US".
            // "20 million residents of Delhi": a plural head counts things of the place.
            return k > 0
                && (w.lex.of_place_heads.contains(w.get(k - 1))
                    || w.kind(k - 1) == Some(TokenKind::Number)
                    || w.lex.is_plural(w.get(k - 1)));
        }
        if w.lex.locative_prepositions.contains(t) && (k == 0 || !w.is_capitalized(k)) {
            return true;
        }
        if let Some(subtypes) = w.lex.site_prepositions.get(t).filter(|_| k == 0 || !w.is_capitalized(k)) {
            let subtype = &p.gazetteer.entity(m.entity).subtype;
            return subtypes.split(' ').any(|s| s == subtype);
        }
        // "In Iraq, the U.S. retains": a comma before a determiner ends the list of places.
        if t == "," && w.has(k + 1, WordClass::Determiners) {
            return false;
        }
        let token = w.span(k, k + 1);
        let at = p.mentions.partition_point(|o| o.span.end <= token.start);
        let in_place = p
            .mentions
            .get(at)
            .is_some_and(|o| o.span.overlaps(token) && p.gazetteer.entity(o.entity).kind == EntityType::Place);
        let adjective = w.lex.location_adjectives.contains(t) || t == "-";
        if !(in_place || w.lex.determiners.contains(t) || t == "and" || t == "," || adjective) {
            return false;
        }
    }
    false
}

/// The words of a quantity and its counted noun: "18 Northern and central California counties".
fn counted_phrase(q: &Quantity) -> Span {
    q.unit.as_ref().and_then(|u| u.span).map_or(q.span, |u| Span::new(q.span.start, u.end.max(q.span.end)))
}

/// A place named inside the counted phrase that is no country: it locates the counted things
/// ("18 California counties", "Delhi residents"); a country there owns them ("US soldiers").
fn locates_counted(p: Parts<'_>, mention: &EntityMention, phrases: &[Span]) -> bool {
    let e = p.gazetteer.entity(mention.entity);
    e.kind == EntityType::Place
        && mention.form == NameForm::Name
        && !e.is_country()
        && phrases.iter().any(|ph| ph.contains(mention.span))
}

/// Place mentions of a sentence that scope claims: locative, possessive, or inside a counted
/// phrase.
fn place_mentions(p: Parts<'_>, w: Words<'_>, mentions: &[usize], phrases: &[Span]) -> Vec<usize> {
    mentions
        .iter()
        .copied()
        .filter(|&m| {
            let mention = &p.mentions[m];
            let e = p.gazetteer.entity(mention.entity);
            if e.kind != EntityType::Place || mention.form != NameForm::Name {
                return false;
            }
            let rest = &p.text[mention.span.end..];
            let possessive = rest.starts_with("’s") || rest.starts_with("'s");
            possessive || is_locative(p, w, mention) || locates_counted(p, mention, phrases)
        })
        .collect()
}

/// Split a sentence's places among its quantities: places before the first quantity scope
/// them all; a place right after a quantity's counted noun ("900 personnel in Syria") is
/// that quantity's; other places belong to the next quantity after them.
fn assign_places(
    p: Parts<'_>,
    w: Words<'_>,
    list: &[usize],
    places: &[usize],
    attributions: Range<usize>,
) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); list.len()];
    let in_source =
        |qi: usize| p.attributions[attributions.clone()].iter().any(|a| a.excludes.contains(p.quantities[qi].span));
    let ends: Vec<usize> = list
        .iter()
        .map(|&qi| {
            let q = &p.quantities[qi];
            q.unit.as_ref().and_then(|u| u.span).map_or(q.span.end, |u| u.end.max(q.span.end))
        })
        .collect();
    // (the place, where it went): "in Stuttgart, Germany" sends the apposed place along.
    let mut last: Option<(usize, Vec<usize>)> = None;
    for &m in places {
        let at = p.mentions[m].span.start;
        let apposed = last.as_ref().filter(|(prev, _)| {
            let k = w.index_at(at);
            k >= 2 && w.get(k - 1) == "," && w.tokens[k - 2].span.end == p.mentions[*prev].span.end
        });
        if let Some((_, went)) = apposed {
            let went = went.clone();
            for &k in &went {
                if !out[k].contains(&m) {
                    out[k].push(m);
                }
            }
            last = Some((m, went));
            continue;
        }
        let next = list.iter().position(|&qi| p.quantities[qi].span.start >= at);
        let prev = next.map_or(list.len(), |n| n).checked_sub(1);
        // Inside a quantity's counted phrase: that quantity's.
        if let Some(k) = list.iter().position(|&qi| counted_phrase(&p.quantities[qi]).contains(p.mentions[m].span)) {
            if !in_source(list[k]) && !out[k].contains(&m) {
                out[k].push(m);
            }
            last = Some((m, vec![k]));
            continue;
        }
        let right_after = prev.is_some_and(|k| {
            let from = w.index_at(ends[k]);
            let to = w.index_at(at);
            // "900 personnel in Syria", but not past a comma ("0.7% higher, while Japan's").
            to >= from && to - from <= 3 && !(from..to).any(|j| w.get(j) == ",")
        });
        let targets: Vec<usize> = match (prev, next) {
            (Some(k), _) if right_after => vec![k],
            (None, Some(_)) => (0..list.len()).filter(|&k| !in_source(list[k])).collect(),
            (Some(_), Some(n)) => vec![n],
            // After the last quantity, only within its clause ("..., prompting strikes in Iraq").
            (Some(k), None) if !(w.index_at(ends[k])..w.index_at(at)).any(|j| w.get(j) == ",") => vec![k],
            (Some(_), None) => vec![],
            (None, None) => vec![],
        };
        let targets: Vec<usize> = targets.into_iter().filter(|&k| !in_source(list[k])).collect();
        for &k in &targets {
            if !out[k].contains(&m) {
                out[k].push(m);
            }
        }
        last = Some((m, targets));
    }
    // A place reaches only the quantities of its own clause ("pleaded not guilty in
    // Manhattan and were released on $100,000 bond").
    for (k, found) in out.iter_mut().enumerate() {
        found.retain(|&m| !clause::apart(w, p.mentions[m].span, p.quantities[list[k]].span));
    }
    out
}
