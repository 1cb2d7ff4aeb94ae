//! Clause edges inside a sentence: whether a word that scopes claims (a time, a place) and
//! a quantity stand in different clauses.
//!
//! A sentence often holds several clauses, each with its own time and places ("was evicted
//! in April and sentenced to 50 weeks"); a scope word reaches only the quantities of its own
//! clause. Edges are read from the words: a semicolon, a comma before a conjunction (", but",
//! ", while"), a coordinated predicate ("and were released"), a fronted adverbial closed by a
//! comma ("After the chief left in October, ..."), a relative clause between commas that
//! holds the quantity and not the scope. (A scope inside such a clause about the subject
//! may still place it: "the commanders, who had fled to Raqqa, sent two envoys"; for time,
//! `time_scope.rs` treats that case itself.) A
//! participle clause after a comma is not an edge: it often tells the same event's outcome
//! ("exploded on Monday, killing 30"); nor is a colon, which opens a list of the same event's
//! parts.

use crate::lexicon::WordClass;
use crate::quantity::unit::ends_as_participle;
use crate::segment::{TokenKind, Words};
use crate::span::Span;

/// True when a clause edge stands between `scope` (a time or a place) and `quantity`.
pub(super) fn apart(w: Words<'_>, scope: Span, quantity: Span) -> bool {
    let (t0, t1) = (w.index_at(scope.start), w.index_at(scope.end));
    let (q0, q1) = (w.index_at(quantity.start), w.index_at(quantity.end));
    let scope_first = t1 <= q0;
    let (lo, hi) = if scope_first { (t1, q0) } else { (q1, t0) };
    let word = |j: usize| w.kind(j) == Some(TokenKind::Word) && !w.is_capitalized(j);
    // "Over the past year, X detained 300 and killed 20": a scope that opens the sentence
    // reaches every predicate of it.
    let fronted = t0 <= 2 && w.get(t1) == ",";
    // A possessive is in a noun phrase, most often the subject's ("China's index slumped
    // 0.2%, but was last up 0.4%"), which every predicate shares.
    let in_subject = fronted || w.lex.possessive_at(w.text, scope.end);
    let verb = |k: usize| {
        word(k) && (w.has(k, WordClass::Auxiliaries) || w.has(k, WordClass::PassiveBe) || ends_as_participle(w, k))
    };
    for j in lo..hi {
        let t = w.get(j);
        if t == ";" {
            return true;
        }
        // ", but investors were told 176": a new clause; ", but was last up 0.4%": a second
        // predicate of the same subject, as with "and" below.
        if t == "," && w.has(j + 1, WordClass::ClauseOpeners) && (!verb(j + 2) || scope_first && !in_subject) {
            return true;
        }
        // "was evicted in April and sentenced to 50 weeks": the second predicate's own
        // figures; a scope after both ("killed 5 and injured 30 on Monday") reaches both, and
        // so does one before two verbs that share their object ("killed or injured seven").
        if scope_first
            && !in_subject
            && w.has(j, WordClass::Coordinators)
            && !ends_as_participle(w, j.saturating_sub(1))
            && verb(j + 1)
        {
            return true;
        }
    }
    in_other_relative_clause(w, quantity, scope, true) || fronted_apart(w, t0, t1, q0, q1)
}

/// True when `inner` lies in a relative clause set off by commas ("X, which began in 2019,
/// ...") that does not hold `outer`: the clause is about something else. A restrictive one
/// ("participants who filled in the survey in those years") scopes its noun. With
/// `antecedent_reaches`, words of the clause's antecedent count as the clause's.
pub(super) fn in_other_relative_clause(w: Words<'_>, inner: Span, outer: Span, antecedent_reaches: bool) -> bool {
    let k = w.index_at(inner.start);
    let Some(opener) = (0..k).rev().take_while(|&j| w.get(j) != ",").find(|&j| w.has(j, WordClass::RelativePronouns))
    else {
        return false;
    };
    // Up to the next comma or clause break, else to the sentence's end.
    let end = (k..w.len()).find(|&j| w.get(j) == "," || w.has(j, WordClass::ClauseBreaks)).unwrap_or(w.len());
    if opener == 0 || w.get(opener - 1) != "," {
        return false;
    }
    // The antecedent's own words ("the al Hol and Roj camps in northeast Syria, which house
    // 55,000") reach into the clause about it; not a word in an earlier phrase ("went to
    // Florida for a meeting of the group, which gave $5 million").
    let lex = w.lex;
    let in_antecedent = (w.index_at(outer.end)..opener - 1).all(|j| {
        let t = w.get(j);
        t != ","
            && (!lex.clause_words.contains(t) || lex.coordinators.contains(t))
            && (!lex.prepositions.contains(t) || lex.locative_prepositions.contains(t))
    });
    if antecedent_reaches && outer.end <= w.tokens[opener].span.start && in_antecedent {
        return false;
    }
    let clause = w.span(opener, end.max(opener + 1));
    !clause.contains(outer)
}

/// True when a fronted adverbial closed by a comma holds one of `a` and `b` and not the
/// other ("After its chief left, Acme paid $9 billion"): for subjects, which coordinated
/// predicates share, the only edge.
pub(super) fn across_fronted_adverbial(w: Words<'_>, a: Span, b: Span) -> bool {
    fronted_apart(w, w.index_at(a.start), w.index_at(a.end), w.index_at(b.start), w.index_at(b.end))
}

/// True when a fronted adverbial closed by a comma ("After the chief left in October, the
/// board ...", "Although guidelines say 72 hours, ...") holds one of the scope (tokens
/// `t0..t1`) and the quantity (`q0..q1`) and not the other. A time that is the adverbial
/// itself ("Since 2016, ...", "As of October, ...") is not apart from its clause.
fn fronted_apart(w: Words<'_>, t0: usize, t1: usize, q0: usize, q1: usize) -> bool {
    let lex = w.lex;
    // The adverbial holds one of the two, so it opens before both.
    let starts = std::iter::once(0).chain((1..=t0.min(q0)).filter(|&k| lex.complementizers.contains(w.get(k - 1))));
    for k in starts {
        let opener = w.get(k);
        let opens = lex.adverbial_openers.contains(opener) || is_participle_ing(w, k);
        if !opens {
            continue;
        }
        let Some(comma) =
            (k + 1..w.len()).take_while(|&j| !w.has(j, WordClass::ClauseBreaks)).find(|&j| w.get(j) == ",")
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
pub(super) fn is_participle_ing(w: Words<'_>, k: usize) -> bool {
    let t = w.get(k);
    t.len() >= 6 && t.ends_with("ing") && w.kind(k) == Some(TokenKind::Word) && !w.lex.ing_non_participles.contains(t)
}
