//! A claim's time: the nearest time expression of the quantity's own clause.
//!
//! A sentence often holds several clauses, each with its own time ("was evicted in April and
//! sentenced to 50 weeks"); the nearest time in the sentence is right only when it is in the
//! quantity's clause. Clause edges are read from the words: a semicolon, a comma before a
//! conjunction (", but", ", while"), a coordinated predicate ("and were
//! released"), a fronted adverbial closed by a comma ("After the chief left in October, ..."),
//! a relative clause between commas, the second figure of "from X to Y", and the part after a
//! comma that holds a figure of its own (", down 2.7% on the day"). A participle clause after
//! a comma is not an edge: it often tells the same event's outcome ("exploded on Monday,
//! killing 30"); nor is a colon, which opens a list of the same event's parts.

use super::Parts;
use crate::segment::{TokenKind, Words};
use crate::span::Span;
use std::ops::Range;

/// The time expression nearest to `quantity` (one of the sentence's `quantities`) in
/// sentence `s` and in its clause, leaving out the time of the reporting ("said on
/// Wednesday", "said in a statement on Wednesday").
pub(super) fn time_of(
    p: Parts<'_>,
    w: Words<'_>,
    quantity: Span,
    s: usize,
    attributions: Range<usize>,
    quantities: &[usize],
) -> Option<usize> {
    let sentence = p.segments.sentences[s].span;
    // Times are in text order: the sentence's are one run of them.
    let t0 = p.times.partition_point(|t| t.span.start < sentence.start);
    let t1 = p.times.partition_point(|t| t.span.start < sentence.end);
    (t0..t1.max(t0))
        .map(|i| (i, &p.times[i]))
        .filter(|(_, t)| sentence.contains(t.span) && !t.attributive)
        .filter(|(_, t)| {
            !dates_report(p, w, t.span, attributions.clone())
                && !in_other_relative_clause(w, t.span, quantity)
                && !in_other_relative_clause(w, quantity, t.span)
                && !in_other_clause(p, w, t.span, quantity, quantities)
        })
        .min_by_key(|(_, t)| {
            let gap = if t.span.end <= quantity.start {
                quantity.start - t.span.end
            } else {
                t.span.start.saturating_sub(quantity.end)
            };
            (gap, t.span.start < quantity.start)
        })
        .map(|(i, _)| i)
}

/// True when `time` follows a reporting verb of the sentence, after "on"/"in" and at most a
/// short phrase of the report's own ("said on Wednesday", "said in a statement on Wednesday",
/// "told Reuters in January"): it dates the report. After "that" the time is the reported
/// clause's ("found that in 2015, ...").
fn dates_report(p: Parts<'_>, w: Words<'_>, time: Span, attributions: Range<usize>) -> bool {
    let k = w.index_at(time.start);
    p.attributions[attributions].iter().any(|a| {
        let cue_end = w.index_at(a.cue.end);
        // Past two words, only a phrase that opens with a preposition ("in a statement").
        let near = k <= cue_end + 2 || (k <= cue_end + 6 && w.lex.prepositions.contains(w.get(cue_end)));
        k >= cue_end
            && near
            && k > 0
            && w.lex.report_time_prepositions.contains(w.get(k - 1))
            && !(cue_end..k).any(|j| w.get(j) == "," || w.lex.clause_words.contains(w.get(j)))
    })
}

/// True when `inner` lies in a relative clause set off by commas ("X, which began in 2019,
/// ...") that does not hold `outer`: the clause is about something else. A restrictive one
/// ("participants who filled in the survey in those years") scopes its noun.
fn in_other_relative_clause(w: Words<'_>, inner: Span, outer: Span) -> bool {
    let k = w.index_at(inner.start);
    let Some(opener) =
        (0..k).rev().take_while(|&j| w.get(j) != ",").find(|&j| w.lex.relative_pronouns.contains(w.get(j)))
    else {
        return false;
    };
    let Some(end) = (k..w.len()).find(|&j| w.get(j) == "," || w.lex.clause_breaks.contains(w.get(j))) else {
        return false;
    };
    if opener == 0 || w.get(opener - 1) != "," {
        return false;
    }
    let clause = w.span(opener, end.max(opener + 1));
    !clause.contains(outer)
}

/// True when a clause edge stands between `time` and `quantity` (see the module comment).
fn in_other_clause(p: Parts<'_>, w: Words<'_>, time: Span, quantity: Span, quantities: &[usize]) -> bool {
    let lex = w.lex;
    let (t0, t1) = (w.index_at(time.start), w.index_at(time.end));
    let (q0, q1) = (w.index_at(quantity.start), w.index_at(quantity.end));
    let time_first = t1 <= q0;
    let (lo, hi) = if time_first { (t1, q0) } else { (q1, t0) };
    let word = |j: usize| w.kind(j) == Some(TokenKind::Word) && !w.is_capitalized(j);
    // "Over the past year, X detained 300 and killed 20": a time that opens the sentence
    // scopes every predicate of it.
    let fronted = t0 <= 2 && w.get(t1) == ",";
    for j in lo..hi {
        let t = w.get(j);
        let next = w.get(j + 1);
        if t == ";" || t == "," && lex.clause_openers.contains(next) {
            return true;
        }
        // "was evicted in April and sentenced to 50 weeks": the second predicate's own
        // figures; a time after both ("killed 5 and injured 30 on Monday") dates both.
        if time_first
            && !fronted
            && lex.coordinators.contains(t)
            && word(j + 1)
            && (lex.auxiliaries.contains(next) || lex.passive_be.contains(next) || is_participle_ed(w, j + 1))
        {
            return true;
        }
    }
    if !time_first {
        // ", down 2.74% on the day": past a comma, a time after a figure of its own is that
        // figure's.
        // A participle clause there tells the same event ("conducted 196 missions, killing
        // 44 and arresting 166 between January and June").
        let comma = (q1..t0).rev().find(|&j| w.get(j) == ",").filter(|&c| !is_participle_ing(w, c + 1));
        if let Some(comma) = comma {
            let part = w.span(comma, t0);
            if quantities.iter().any(|&o| part.contains(p.quantities[o].span)) {
                return true;
            }
        }
        // "from 175 gigawatts to 450 gigawatts by 2022": the time dates the second figure.
        let joiner = (q1..t0.min(q1 + 4)).find(|&j| lex.range_joiners.contains(w.get(j)));
        if let Some(joiner) = joiner.filter(|_| q0 > 0 && lex.range_openers.contains(w.get(q0 - 1))) {
            let after = w.span(joiner, t0.max(joiner + 1));
            if quantities.iter().any(|&o| after.contains(p.quantities[o].span)) {
                return true;
            }
        }
    }
    fronted_apart(w, t0, t1, q0, q1)
}

/// True when a fronted adverbial closed by a comma ("After the chief left in October, the
/// board ...", "Although guidelines say 72 hours, ...") holds one of the time (tokens
/// `t0..t1`) and the quantity (`q0..q1`) and not the other. A time that is the adverbial
/// itself ("Since 2016, ...", "As of October, ...") is not apart from its clause.
fn fronted_apart(w: Words<'_>, t0: usize, t1: usize, q0: usize, q1: usize) -> bool {
    let lex = w.lex;
    let starts = std::iter::once(0).chain((1..w.len()).filter(|&k| lex.complementizers.contains(w.get(k - 1))));
    for k in starts {
        let opener = w.get(k);
        let opens = lex.adverbial_openers.contains(opener) || is_participle_ing(w, k);
        if !opens {
            continue;
        }
        let Some(comma) =
            (k + 1..w.len()).take_while(|&j| !lex.clause_breaks.contains(w.get(j))).find(|&j| w.get(j) == ",")
        else {
            continue;
        };
        // "Since 2016, ...", "As of October, ...": the time is the adverbial itself.
        if t0 >= k && (t0 <= k + 1 || t0 <= k + 2 && t1 == comma) {
            continue;
        }
        let inside = |a: usize, b: usize| a >= k && b <= comma;
        let after = |a: usize| a > comma;
        if inside(t0, t1) && after(q0) || inside(q0, q1) && after(t0) {
            return true;
        }
    }
    false
}

/// A word in -ing that opens a participle clause ("Speaking on Monday, ...", ", killing 30").
fn is_participle_ing(w: Words<'_>, k: usize) -> bool {
    let t = w.get(k);
    t.len() >= 6 && t.ends_with("ing") && w.kind(k) == Some(TokenKind::Word) && !w.lex.ing_non_participles.contains(t)
}

/// A word in -ed that is a verb's participle or past ("and sentenced").
fn is_participle_ed(w: Words<'_>, k: usize) -> bool {
    let t = w.get(k);
    t.len() >= 5 && t.ends_with("ed") && !w.lex.ed_nouns.contains(t)
}
