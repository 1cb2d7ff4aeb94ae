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

use super::clause;
use super::Parts;
use crate::lexicon::WordClass;
use crate::segment::Words;
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
    // Nearest first, so that the clause tests run only until one time passes them.
    let mut near: Vec<(usize, bool, usize)> = (t0..t1.max(t0))
        .filter(|&i| sentence.contains(p.times[i].span) && !p.times[i].attributive)
        .map(|i| {
            let t = p.times[i].span;
            let gap =
                if t.end <= quantity.start { quantity.start - t.end } else { t.start.saturating_sub(quantity.end) };
            (gap, t.start < quantity.start, i)
        })
        .collect();
    near.sort_unstable();
    near.into_iter().map(|(_, _, i)| i).find(|&i| {
        let t = p.times[i].span;
        !dates_report(p, w, t, attributions.clone())
            && !clause::apart(w, t, quantity)
            && !clause::in_other_relative_clause(w, t, quantity, false)
            && !dates_other_figure(p, w, t, quantity, quantities)
    })
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
        let near = k <= cue_end + 2 || (k <= cue_end + 6 && w.has(cue_end, WordClass::Prepositions));
        k >= cue_end
            && near
            && k > 0
            && w.lex.report_time_prepositions.contains(w.get(k - 1))
            && !(cue_end..k).any(|j| w.get(j) == "," || w.has(j, WordClass::ClauseWords))
    })
}

/// True when `time`, after `quantity`, dates another figure of the sentence's `quantities`
/// that stands between them: one after a comma, or the target of "from X to Y".
fn dates_other_figure(p: Parts<'_>, w: Words<'_>, time: Span, quantity: Span, quantities: &[usize]) -> bool {
    let lex = w.lex;
    let t0 = w.index_at(time.start);
    let (q0, q1) = (w.index_at(quantity.start), w.index_at(quantity.end));
    if t0 < q1 {
        return false;
    }
    // ", down 2.74% on the day": past a comma, a time after a figure of its own is that
    // figure's; but a participle clause there tells the same event ("conducted 196
    // missions, killing 44 and arresting 166 between January and June").
    let comma = (q1..t0).rev().find(|&j| w.get(j) == ",").filter(|&c| !clause::is_participle_ing(w, c + 1));
    if let Some(comma) = comma {
        let part = w.span(comma, t0);
        if quantities.iter().any(|&o| part.contains(p.quantities[o].span)) {
            return true;
        }
    }
    // "from 175 gigawatts to 450 gigawatts by 2022": the time dates the second figure.
    let joiner = (q1..t0.min(q1 + 4)).find(|&j| w.has(j, WordClass::RangeJoiners));
    if let Some(joiner) = joiner.filter(|_| q0 > 0 && lex.range_openers.contains(w.get(q0 - 1))) {
        let after = w.span(joiner, t0.max(joiner + 1));
        if quantities.iter().any(|&o| after.contains(p.quantities[o].span)) {
            return true;
        }
    }
    false
}
