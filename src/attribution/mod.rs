//! Stage 5: attributions — who says the numbers of each sentence, through whom.
//!
//! Input: the text, its [`Segments`], the entity mentions, the quantities and the gazetteer. Output:
//! `Vec<Attribution>` in text order. Patterns, each with a rule id:
//! - `attribution.according_to`: "According to X, ..." / "..., according to X."
//! - `attribution.subject_verb`: "X said (that) ..." / "..., X said." with appositions
//!   ("Ali al-Saidi, an advisor to Iraqi forces, told Reuters") and titles;
//! - `attribution.verb_subject`: "..., said X.";
//! - `attribution.per` / `attribution.citing`: "per X", "X reports, citing Y" (X becomes `via`);
//! - relays: "told Reuters", "who spoke to Reuters", "quoted by the Jerusalem Post",
//!   "economists polled by Reuters" → `via`;
//! - `attribution.carried`: "He noted that...", "The report indicated..." resolve to the
//!   source introduced earlier.
//! - `attribution.colon`: "X said:" that ends its sentence introduces the next one;
//! - `attribution.in_document`: "In a new poll released Thursday, ...";
//! - `attribution.by_agent`: "the 40 billion touted by X".
//!
//! A reporting verb after a determiner ("the newly reported cases") or a hyphenated modifier
//! ("10-year notes") is no cue, an event verb with a number for its object ("added 35 points")
//! reports nothing, and the subject of a verb must be able to speak (`speaker.rs`). A framing
//! cue ("according to") outranks a nearer verb with a plain object.
//!
//! Each attribution says which part of its sentence it covers: a leading "X said" covers what
//! follows the verb, a trailing "..., X said." what precedes the source, and numbers inside
//! the source's own words ("Five Iraqi officials said") are never attributed to it.

pub mod cues;
mod speaker;

use crate::gazetteer::{EntityId, EntityMention, EntityType, Gazetteer, NameForm};
use crate::lexicon::{Lexicon, WordClass};
use crate::quantity::Quantity;
use crate::rules::Rule;
use crate::segment::{Segments, TokenKind, Words};
use crate::span::Span;
use cues::{reporting_verb, Cue};

/// What kind of source a claim comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A named person.
    Person,
    /// A named or unnamed institution.
    Organization,
    /// Unnamed individuals with an office: "a U.S. defense official".
    Official,
    /// A report, a study, figures, a publication.
    Document,
    /// A news organisation.
    Outlet,
    /// "sources", "people familiar with the matter".
    Anonymous,
}

impl SourceKind {
    /// The name used in records and gold files.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Organization => "organization",
            SourceKind::Official => "official",
            SourceKind::Document => "document",
            SourceKind::Outlet => "outlet",
            SourceKind::Anonymous => "anonymous",
        }
    }
}

/// Whether the source was named in the claim's own sentence or carried from before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Named in the same sentence.
    Sentence,
    /// A pronoun or description ("He noted", "the report stated") resolved to an earlier source.
    Carried,
}

/// A relaying outlet or document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Via {
    /// Its words, where it was named ("Reuters" even when this sentence says "the news agency").
    pub span: Span,
    /// The gazetteer entity, if known.
    pub entity: Option<EntityId>,
}

/// One attribution in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// Index of the sentence it covers.
    pub sentence: usize,
    /// The source's words where it was named (an earlier sentence when `scope` is carried).
    pub source: Span,
    /// The words in this sentence that point to the source when it was carried ("the report").
    pub mention: Option<Span>,
    /// The attributing words: "according to", "told", "estimated".
    pub cue: Span,
    /// Kind of source.
    pub kind: SourceKind,
    /// The gazetteer entity the source is, if known.
    pub entity: Option<EntityId>,
    /// A role or title: "an advisor to Iraqi forces", "Defense Minister".
    pub role: Option<Span>,
    /// The organisation or country the source belongs to.
    pub affiliation: Option<EntityId>,
    /// How many ("five Iraqi officials" → 5).
    pub count: Option<f64>,
    /// Relays, innermost first.
    pub via: Vec<Via>,
    /// Sentence or carried.
    pub scope: Scope,
    /// The part of the sentence whose quantities it covers.
    pub covers: Span,
    /// The source's own words in this sentence (with any relative clause): not covered.
    pub excludes: Span,
    /// 0..1, from the rule that found it.
    pub confidence: f32,
    /// The source is a group ("officials", "analysts"): "he" does not take it up.
    pub plural: bool,
    /// Rule ids.
    pub rules: Vec<Rule>,
}

/// Find the attributions of every sentence, sorted by sentence and then by cue.
pub fn find(
    text: &str,
    segments: &Segments,
    mentions: &[EntityMention],
    quantities: &[Quantity],
    gazetteer: &Gazetteer,
    lex: &Lexicon,
) -> Vec<Attribution> {
    let mut finder = Finder { text, mentions, quantities, gazetteer, out: Vec::new() };
    for (s, sentence) in segments.sentences.iter().enumerate() {
        let w = Words::new(text, &segments.tokens[sentence.tokens.clone()], lex);
        finder.sentence(s, sentence.paragraph, segments, w);
    }
    let mut out = finder.out;
    carry_after_colon(text, segments, lex, &mut out);
    carry_through_quotations(text, segments, lex, &mut out);
    out
}

/// A quotation that runs over several sentences belongs to the speaker named where it opens
/// or closes (“... . ... 30 drones ...,” he said.): its other sentences get that source,
/// carried. Quotation marks are curly or straight, paired within a paragraph.
fn carry_through_quotations(text: &str, segments: &Segments, lex: &Lexicon, out: &mut Vec<Attribution>) {
    let mut carried = Vec::new();
    // The last quotation with a speaker: its last sentence and the speaker.
    let mut previous: Option<(usize, Attribution)> = None;
    for (open, close) in quotations(text) {
        let quote = Span::new(open, close);
        // Sentences are in text order: those the quotation overlaps are one run of them.
        let first = segments.sentences.partition_point(|s| s.span.end <= quote.start);
        let last = segments.sentences.partition_point(|s| s.span.start < quote.end);
        let inside: Vec<usize> =
            (first..last.max(first)).filter(|&s| segments.sentences[s].span.overlaps(quote)).collect();
        let (Some(&first_inside), Some(&last_inside)) = (inside.first(), inside.last()) else { continue };
        // `out` is in sentence order (found sentence by sentence): search only the run of
        // the quotation's sentences.
        let a0 = out.partition_point(|a| a.sentence < first);
        let a1 = out.partition_point(|a| a.sentence < last);
        let own = &out[a0..a1.max(a0)];
        let named = own.iter().find(|a| !quote.contains(a.cue) && (a.cue.start >= close || a.cue.end <= open));
        // “... 30,000 emails.” Trump said.: a speaker named in the sentence right after the
        // quotation, on its line, that opens with the speaker or the verb.
        let after = || {
            let next = segments.sentences.get(last)?;
            let gap = text.get(quote.end..next.span.start)?;
            // The quotation ends its sentence; only spaces lead to the next.
            let closes = segments.sentences[last_inside].span.end <= quote.end;
            if !closes || gap.bytes().any(|c| c == b'\n') {
                return None;
            }
            out[a1.max(a0)..].iter().take_while(|a| a.sentence == last).find(|a| {
                let opens = |x: Span| x.start == next.span.start;
                opens(a.source) || opens(a.cue) || opens(a.excludes) || a.mention.is_some_and(opens)
            })
        };
        let named = named.or_else(after);
        // A quotation that opens the sentence (or paragraph) right after one with a speaker
        // goes on in that speaker's voice (“... ,” said X. “That is half.”), as GUIDELINES.md
        // has it for quotation paragraphs.
        let continues = || {
            let (sentence, speaker) = previous.as_ref()?;
            let opens_sentence = segments.sentences[first_inside].span.start == open;
            // Reports quoted inside the quotation ("She said, ‘...’") keep their sentences.
            let unclaimed = own.iter().all(|a| quote.contains(a.cue));
            (first_inside == sentence + 1 && opens_sentence && unclaimed).then(|| speaker.clone())
        };
        let Some(speaker) = named.cloned().or_else(continues) else {
            previous = None;
            continue;
        };
        for &s in &inside {
            if s == speaker.sentence || own.iter().any(|a| a.sentence == s) {
                continue;
            }
            let span = segments.sentences[s].span;
            let mut a = speaker.clone();
            a.sentence = s;
            a.scope = Scope::Carried;
            a.mention = None;
            a.covers = span;
            a.excludes = Span::new(span.start, span.start);
            a.confidence = speaker.confidence * lex.rules.carried_factor;
            a.rules.push(Rule::AttributionQuotation);
            carried.push(a);
        }
        previous = Some((last_inside.max(speaker.sentence), speaker));
    }
    out.extend(carried);
    out.sort_by_key(|a| (a.sentence, a.cue.start));
}

/// "X said:" that ends its sentence (or paragraph) introduces the next sentence: that
/// sentence, when it has no source of its own, is X's (a quotation it opens then carries X on).
fn carry_after_colon(text: &str, segments: &Segments, lex: &Lexicon, out: &mut Vec<Attribution>) {
    let mut carried = Vec::new();
    for (k, a) in out.iter().enumerate() {
        let Some(next) = segments.sentences.get(a.sentence + 1) else { continue };
        let end = segments.sentences[a.sentence].span.end;
        let rest = text.get(a.cue.end..end).unwrap_or("");
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        let colon = text.get(a.cue.end..end).is_some_and(|t| t.trim_start().starts_with(':'));
        let own = out[k + 1..].iter().any(|b| b.sentence == a.sentence + 1);
        // "X said in a statement." that opens its sentence, with a quotation opening the next.
        let opens = a.excludes.start == segments.sentences[a.sentence].span.start;
        let closing = !colon && a.scope == Scope::Sentence && opens && {
            let tail = text.get(a.cue.end..end).unwrap_or("").trim().trim_end_matches('.');
            let opener = tail.split_whitespace().next();
            tail.len() < 60
                && opener.is_none_or(|t| lex.prepositions.contains(t))
                && !tail.contains(|c: char| c.is_ascii_digit() || matches!(c, '\u{22}' | '“' | '”' | ','))
                && text.get(next.span.start..).is_some_and(|t| t.starts_with(['\u{22}', '“']) || t.starts_with("''"))
        };
        // "X said:" with nothing but a quotation mark after the colon in its sentence.
        let colon_opens_quote = colon && rest.chars().all(|c| matches!(c, '\u{22}' | '“' | '\'' | '‘'));
        if own || !(closing || colon_opens_quote) {
            continue;
        }
        let mut c = a.clone();
        c.sentence = a.sentence + 1;
        c.scope = Scope::Carried;
        c.mention = None;
        c.covers = next.span;
        c.excludes = Span::new(next.span.start, next.span.start);
        c.confidence = (a.confidence * lex.rules.carried_factor).min(lex.rules.confidence(Rule::AttributionColon));
        c.rules.push(Rule::AttributionColon);
        carried.push(c);
    }
    out.extend(carried);
    out.sort_by_key(|a| (a.sentence, a.cue.start));
}

/// Byte ranges of quotations: from an opening mark to its closing mark, never across a
/// line break (a paragraph).
fn quotations(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight_open = false;
    // Every mark starts with one of three bytes ('“' and '”' with 0xE2): jump between them.
    // Two apostrophes stand for a straight double mark in some wire copy.
    let mut doubled = memchr::memmem::find_iter(text.as_bytes(), b"''").peekable();
    let mut single = memchr::memchr3_iter(b'\n', b'\x22', 0xE2, text.as_bytes()).peekable();
    loop {
        let (i, two) = match (single.peek(), doubled.peek()) {
            (Some(&s), Some(&d)) if d < s => (doubled.next().unwrap_or(d), true),
            (Some(_), _) => (single.next().unwrap_or_default(), false),
            (None, Some(_)) => (doubled.next().unwrap_or_default(), true),
            (None, None) => break,
        };
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else { continue };
        let c = if two { '\u{22}' } else { c };
        let width = if two { 2 } else { c.len_utf8() };
        match c {
            '\n' => open = None,
            '“' if open.is_none() => {
                open = Some(i);
                straight_open = false;
            }
            '”' if open.is_some() && !straight_open => {
                out.extend(open.take().map(|o| (o, i + width)));
            }
            '\u{22}' => match open.take() {
                Some(o) if straight_open => out.push((o, i + width)),
                Some(o) => open = Some(o),
                None => {
                    open = Some(i);
                    straight_open = true;
                }
            },
            _ => {}
        }
    }
    out
}

struct Finder<'a> {
    text: &'a str,
    mentions: &'a [EntityMention],
    /// The quantity stage's output, in text order: numbers are read from it, not re-parsed.
    quantities: &'a [Quantity],
    gazetteer: &'a Gazetteer,
    out: Vec<Attribution>,
}

/// A source phrase found in a sentence, before it is classified.
struct Found {
    source: (usize, usize),
    cue: (usize, usize),
    role: Option<(usize, usize)>,
    excludes: (usize, usize),
    covers: (usize, usize),
    via: Vec<Via>,
    rule: Rule,
    confidence: f32,
}

impl<'a> Finder<'a> {
    fn sentence(&mut self, s: usize, paragraph: usize, segments: &Segments, w: Words<'a>) {
        // Both colon patterns need a colon: one byte search rules out most sentences.
        let bytes = w.span(0, w.len());
        let colon = w.len() >= 2 && memchr::memchr(b':', &self.text.as_bytes()[bytes.start..bytes.end]).is_some();
        let mut found: Vec<Found> = if colon {
            self.headline_colon(w, s).or_else(|| self.labelled_quotation(w)).into_iter().collect()
        } else {
            Vec::new()
        };
        let mut i = found.first().map_or(0, |f| f.excludes.1);
        while i < w.len() {
            // Mid-sentence capitals are names ("the United States"), not verbs. The token's
            // word classes go first: most words are no cue, by one bit test.
            let cue = if w.kind(i) == Some(TokenKind::Word) {
                w.value(i, WordClass::Cues, &w.lex.cues).copied().filter(|_| {
                    i == 0 || !w.is_capitalized(i) || matches!(w.get(i - 1), ":" | "\u{201c}" | "\u{22}" | "—" | "(")
                })
            } else {
                None
            };
            let opened = match cue {
                Some(Cue::According) if w.is(i + 1, "to") => self.according_to(w, i),
                // "$3 per thousand cubic feet", "40 per day": a rate, no source.
                Some(Cue::Per | Cue::Citing)
                    if !(i > 0
                        && (w.kind(i - 1) == Some(TokenKind::Number) || w.has(i - 1, WordClass::NumberWords)))
                        && (w.is_capitalized(i + 1)
                            || w.is(i + 1, "the")
                            || w.is(i + 1, "a")
                            || headed_by_source_noun(w, i + 1)) =>
                {
                    self.per(w, i)
                }
                Some(Cue::Within) => self.within_document(w, i),
                Some(Cue::As) if (0..i).all(|j| w.kind(j) == Some(TokenKind::Punct)) => self.as_clause(w, i),
                Some(Cue::Verb(_))
                    if w.has(i, WordClass::AgentParticiples) && w.has(i + 1, WordClass::AgentMarkers) =>
                {
                    found.extend(self.by_agent(w, i));
                    None
                }
                Some(Cue::Verb(needs_clause)) => {
                    found.extend(self.around_verb(w, i, needs_clause));
                    None
                }
                _ => None,
            };
            match opened {
                // A source phrase read forwards is skipped whole.
                Some(f) => {
                    i = f.excludes.1.max(i + 1);
                    found.push(f);
                }
                None => i += 1,
            }
        }
        if !found.is_empty() {
            self.settle(s, paragraph, segments, w, found);
        }
    }

    /// The source phrases found in sentence `s`, ranked, checked and classified. Kept out of
    /// the token loop of [`Self::sentence`], which runs on every word, so that loop stays small.
    #[inline(never)]
    fn settle(&mut self, s: usize, paragraph: usize, segments: &Segments, w: Words<'a>, mut found: Vec<Found>) {
        // "..., X said, adding that ...": the participle reports for the same source.
        for k in 1..found.len() {
            if found[k].rule == Rule::AttributionParticiple && found[k - 1].cue.0 < found[k].cue.0 {
                let (source, role, via) = (found[k - 1].source, found[k - 1].role, found[k - 1].via.clone());
                found[k].source = source;
                found[k].role = role;
                found[k].excludes = (found[k].cue.0, found[k].cue.1);
                found[k].via = via;
            }
        }
        // "X reports, citing Y": Y is the source, X relays it.
        for k in 1..found.len() {
            if found[k].rule == Rule::AttributionCiting {
                let relay = found[k - 1].source;
                let via = Via { span: w.span(relay.0, relay.1), entity: self.entity_in(w.span(relay.0, relay.1)) };
                found[k].via.push(via);
                found[k].covers = found[k - 1].covers;
                found[k - 1].covers = (0, 0);
            }
        }
        // "According to X, the index recorded 40 ...": a framing cue outranks a nearer verb
        // whose object is a plain noun phrase or a number (an event, not a report).
        let framed: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| {
                matches!(f.rule, Rule::AttributionAccordingTo | Rule::AttributionPer | Rule::AttributionInDocument)
            })
            .map(|f| f.covers)
            .collect();
        found.retain(|f| {
            let weak = matches!(f.rule, Rule::AttributionSubjectVerb | Rule::AttributionCoordinated)
                && !w.lex.speech_verbs.contains(w.get(f.cue.0))
                && (w.has(f.cue.1, WordClass::Determiners) || w.has(f.cue.1, WordClass::Possessives));
            !(weak && framed.iter().any(|c| c.0 <= f.cue.0 && f.cue.1 <= c.1))
        });
        for mut f in found {
            if f.covers.0 >= f.covers.1 {
                continue;
            }
            // "Clark in October revealed": a time phrase closes the source's words.
            f.source.1 = speaker::before_time(w, f.source.0, f.source.1, f.rule == Rule::AttributionByAgent);
            // "(Alden said ...": an unclosed bracket is not the source's.
            if w.get(f.source.0) == "(" && !(f.source.0..f.source.1).any(|j| w.get(j) == ")") {
                f.source.0 += 1;
            }
            // A possessive subject ("His office said") or a report inside a subordinate clause
            // ("When advisers suggested 20, ...") leaves doubt.
            let subordinate = (0..f.source.0)
                .rev()
                .find(|&j| w.kind(j) == Some(TokenKind::Word))
                .is_some_and(|j| w.has(j, WordClass::Subordinators) && !(j + 1..f.source.0).any(|k| w.get(k) == ","))
                || (f.source.0 > 0 && w.has(0, WordClass::Subordinators) && !(0..f.source.0).any(|k| w.get(k) == ","));
            if subordinate || w.has(f.source.0, WordClass::Possessives) {
                f.confidence *= w.lex.rules.uncertain_factor;
            }
            // The subject of a reporting verb is a speaker: a name, a pronoun, a source noun;
            // "improve safety and wind power projects" is no one.
            let verb_rule = matches!(
                f.rule,
                Rule::AttributionSubjectVerb
                    | Rule::AttributionVerbSubject
                    | Rule::AttributionCoordinated
                    | Rule::AttributionApposition
                    | Rule::AttributionParticiple
                    | Rule::AttributionAsClause
            );
            // "I said", "we found": the voice of whoever speaks these words, not a new source.
            let own_voice = f.source.1 - f.source.0 <= 12
                && w.span(f.source.0, f.source.1)
                    .slice(self.text)
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|t| w.lex.self_pronouns.contains(t));
            if verb_rule && own_voice {
                continue;
            }
            // A definite noun phrase before the verb is a referent that can speak ("The coast
            // guard said"); after an inverted verb only a name or a source noun is.
            let definite = f.rule != Rule::AttributionVerbSubject
                && f.source.1 > f.source.0 + 1
                && w.has(f.source.0, WordClass::Determiners)
                && !w.is(f.source.0, "a");
            if verb_rule && !definite && !self.is_speaker(w, f.source.0, f.source.1) {
                continue;
            }
            let document = f.rule == Rule::AttributionInDocument;
            if let Some(mut a) = self.classify(s, paragraph, segments, w, f) {
                // The phrase was taken for naming a document ("a poll released Thursday").
                if document && a.scope == Scope::Sentence {
                    a.kind = SourceKind::Document;
                }
                self.out.push(a);
            }
        }
    }

    /// "According to X[, who spoke to Reuters][ quoted by Y], ..."
    fn according_to(&self, w: Words<'a>, i: usize) -> Option<Found> {
        let start = i + 2;
        let end = noun_phrase_forward(w, start);
        if end == start {
            return None;
        }
        let mut via = Vec::new();
        let mut k = end;
        // Relative clause and relays after the source belong to it.
        if w.is(k, "who") || w.is(k, "which") {
            let rel_end = clause_end(w, k);
            if let Some(v) = (k..rel_end).find(|&j| {
                (w.is(j, "spoke") || w.is(j, "talked") || w.is(j, "told")) && w.is(j + 1, "to") || w.is(j, "told")
            }) {
                let o = if w.is(v + 1, "to") { v + 2 } else { v + 1 };
                if let Some(relay) = self.outlet_at(w, o) {
                    via.push(relay);
                }
            }
            k = rel_end;
        }
        if let Some((relay, o_end)) = self.relay_after(w, k) {
            via.push(relay);
            k = o_end;
        }
        let leading = (0..i).all(|j| w.kind(j) == Some(TokenKind::Punct));
        let trailing = (k..w.len()).all(|j| w.kind(j) == Some(TokenKind::Punct));
        let covers = if leading {
            (k, w.len())
        } else if trailing {
            (0, i)
        } else {
            (0, w.len())
        };
        Some(Found {
            source: (start, end),
            cue: (i, i + 2),
            role: None,
            excludes: (i, k),
            covers,
            via,
            rule: Rule::AttributionAccordingTo,
            confidence: w.lex.rules.confidence(Rule::AttributionAccordingTo),
        })
    }

    /// "In a new poll released Thursday, ...", "In its report, ...": a leading phrase that
    /// names a document frames the clause after its comma.
    fn within_document(&self, w: Words<'a>, i: usize) -> Option<Found> {
        if !(0..i).all(|j| w.kind(j) == Some(TokenKind::Punct)) {
            return self.in_document_after(w, i);
        }
        let comma = (i + 1..w.len().min(i + 20)).find(|&j| w.get(j) == ",")?;
        let mut end = head_end(w, i + 1, comma);
        if !(i + 1..end).any(|j| w.has(j, WordClass::DocumentNouns)) || comma + 1 >= w.len() {
            return None;
        }
        // "a poll published on Sunday": the time phrase stays with the document.
        if end < comma && speaker::before_time(w, end.saturating_sub(1), comma, true) == end {
            end = comma;
        }
        let rule = Rule::AttributionInDocument;
        Some(Found {
            source: (i + 1, end),
            cue: (i, i + 1),
            role: None,
            excludes: (i, comma + 1),
            covers: (comma + 1, w.len()),
            via: Vec::new(),
            rule,
            confidence: w.lex.rules.confidence(rule),
        })
    }

    /// "..., she fell to 10 percent in the latest poll released Wednesday.": a document named
    /// by the phrase that ends the sentence frames what precedes it.
    fn in_document_after(&self, w: Words<'a>, i: usize) -> Option<Found> {
        let last = (i + 1..w.len()).rev().find(|&j| w.kind(j) != Some(TokenKind::Punct))?;
        let end = last + 1;
        let named = w.has(i + 1, WordClass::Determiners) || w.is_capitalized(i + 1);
        if end - i > 12 || !named || !(i + 1..end).all(|j| np_token(w, j)) {
            return None;
        }
        // The document noun heads the phrase: after it only a participle and a time phrase
        // ("poll released Wednesday"), not another noun ("in the survey period").
        let head_stop = head_end(w, i + 1, end);
        let d = (i + 1..head_stop).find(|&j| w.has(j, WordClass::DocumentNouns))?;
        let rest_ok = (d + 1..end).all(|j| {
            let t = w.get(j);
            t.ends_with("ed")
                || w.lex.weekdays.contains(t)
                || w.lex.time_adverbs.contains(t)
                || w.lex.months.contains(t)
                || w.lex.prepositions.contains(t)
                || w.lex.determiners.contains(t)
                || w.kind(j) == Some(TokenKind::Number)
                || w.kind(j) == Some(TokenKind::Punct)
        });
        if !rest_ok || (i + 1..d).any(|j| w.has(j, WordClass::ClauseWords)) {
            return None;
        }
        let rule = Rule::AttributionInDocument;
        Some(Found {
            source: (i + 1, end),
            cue: (i, i + 1),
            role: None,
            excludes: (i, end),
            covers: (0, i),
            via: Vec::new(),
            rule,
            confidence: w.lex.rules.confidence(rule) * w.lex.rules.uncertain_factor,
        })
    }

    /// "Gingrich: Trump must pick two ...", a headline or transcript line: a name and a
    /// colon that open the sentence give what follows to that speaker.
    #[inline(never)]
    fn headline_colon(&self, w: Words<'a>, s: usize) -> Option<Found> {
        // Only the headline: elsewhere "Name: charges, bond" rows and "CITY:" datelines,
        // unless a quotation opens right after the colon ("Ann Lee: “...”").
        // One byte search rules out most sentences before any token is read.
        let head = w.span(0, w.len().min(7));
        if w.len() < 2 || !self.text.as_bytes()[head.start..head.end].contains(&b':') {
            return None;
        }
        let colon = (1..w.len().min(7)).find(|&j| w.get(j) == ":")?;
        let quotation = matches!(w.get(colon + 1), "\u{201c}" | "\u{22}")
            || w.is(colon + 1, "\u{27}") && w.is(colon + 2, "\u{27}") && w.joined(colon + 2);
        if s > 0 && !quotation {
            return None;
        }
        if colon + 1 >= w.len() || !(0..colon).all(|j| np_token(w, j)) {
            return None;
        }
        let span = w.span(0, colon);
        let entity = self.within(span).iter().any(|m| {
            m.span == span && m.form == NameForm::Name && self.gazetteer.entity(m.entity).kind != EntityType::Place
        });
        let place = self.within(span).iter().any(|m| self.gazetteer.entity(m.entity).kind == EntityType::Place);
        // A name, not a label made of source nouns ("Port Report: ...").
        let name = is_name(w, 0, colon) && !(0..colon).any(|j| speaker::speaker_noun(w.lex, w.get(j)));
        if place || !(entity || name) {
            return None;
        }
        let rule = Rule::AttributionColon;
        Some(Found {
            source: (0, colon),
            cue: (colon, colon + 1),
            role: None,
            excludes: (0, colon + 1),
            covers: (colon + 1, w.len()),
            via: Vec::new(),
            rule,
            confidence: w.lex.rules.confidence(rule),
        })
    }

    /// "As the survey noted, ...", "As reported by the Ledger, ...": a leading clause of
    /// report frames what follows its comma.
    #[inline(never)]
    fn as_clause(&self, w: Words<'a>, first: usize) -> Option<Found> {
        let comma = (first + 2..w.len().min(first + 20)).find(|&j| w.get(j) == ",")?;
        if comma + 2 >= w.len() {
            return None;
        }
        let (source, cue) =
            if reporting_verb(w.lex, w.get(first + 1)).is_some() && w.has(first + 2, WordClass::AgentMarkers) {
                // "As reported by the Ledger,".
                ((first + 3, speaker::before_time(w, first + 3, comma, true)), (first + 1, first + 3))
            } else {
                // "As the survey noted,", "As the minister said in a statement,".
                let v = (first + 2..comma)
                    .find(|&j| w.kind(j) == Some(TokenKind::Word) && reporting_verb(w.lex, w.get(j)).is_some())?;
                let adjunct =
                    v + 1 == comma || w.has(v + 1, WordClass::Prepositions) || w.has(v + 1, WordClass::TimeAdverbs);
                let mut b = v;
                while b > first + 1 && (w.has(b - 1, WordClass::Auxiliaries) || is_adverb(w.lex, w.get(b - 1))) {
                    b -= 1;
                }
                if !adjunct || b <= first + 1 {
                    return None;
                }
                ((first + 1, b), (v, v + 1))
            };
        if source.1 <= source.0 {
            return None;
        }
        let (source, role) = split_title(w, source.0, source.1);
        let rule = Rule::AttributionAsClause;
        Some(Found {
            source,
            cue,
            role,
            excludes: (first, comma + 1),
            covers: (comma + 1, w.len()),
            via: Vec::new(),
            rule,
            confidence: w.lex.rules.confidence(rule),
        })
    }

    /// "POLLS WERE EARLY - Ann Lee and Bo Park: “...”": a name and a colon before a quotation
    /// past the sentence's opening words give the quotation to that speaker.
    #[inline(never)]
    fn labelled_quotation(&self, w: Words<'a>) -> Option<Found> {
        if w.len() < 4 {
            return None;
        }
        let colon = (1..w.len()).find(|&j| w.get(j) == ":" && matches!(w.get(j + 1), "\u{201c}" | "\u{22}"))?;
        let mut start = colon;
        while start > 0
            && (w.is_capitalized(start - 1)
                || w.has(start - 1, WordClass::Coordinators)
                || w.get(start - 1) == "." && w.joined(start - 1))
        {
            start -= 1;
        }
        while start < colon && !w.is_capitalized(start) {
            start += 1;
        }
        let words = (start..colon).filter(|&j| w.kind(j) == Some(TokenKind::Word)).count();
        if start == colon
            || words > 7
            || start > 0 && !matches!(w.get(start - 1), "-" | "—" | "–") && !w.has(start - 1, WordClass::Prepositions)
        {
            return None;
        }
        let span = w.span(start, colon);
        let first = (start..colon).find(|&j| w.has(j, WordClass::Coordinators)).unwrap_or(colon);
        let named = is_name(w, start, first)
            || self.surname(w, start, first)
            || self.within(span).iter().any(|m| self.gazetteer.entity(m.entity).kind == EntityType::Person);
        if !named {
            return None;
        }
        let rule = Rule::AttributionColon;
        Some(Found {
            source: (start, colon),
            cue: (colon, colon + 1),
            role: None,
            excludes: (start, colon + 1),
            covers: (colon + 1, w.len()),
            via: Vec::new(),
            rule,
            confidence: w.lex.rules.confidence(rule),
        })
    }

    /// "the 40 billion touted by X", "a toll estimated by the ministry at 300": the agent of a
    /// reporting participle is the source of the noun phrase the participle follows.
    fn by_agent(&self, w: Words<'a>, v: usize) -> Option<Found> {
        let end = speaker::before_time(w, v + 2, noun_phrase_forward(w, v + 2), true);
        if end == v + 2 || !w.is_capitalized(v + 2) && !is_source_noun(w.lex, w.get(head_index(w, v + 2, end))) {
            return None;
        }
        // The noun phrase before: back to a comma or a clause word, at most 16 tokens.
        let start = (v.saturating_sub(16)..v)
            .rev()
            .find(|&j| w.get(j) == "," || w.has(j, WordClass::ClauseWords))
            .map_or(v.saturating_sub(16), |j| j + 1);
        if !(start..v).any(|j| self.starts_number(w, j)) {
            return None;
        }
        let rule = Rule::AttributionByAgent;
        let (source, role) = split_title(w, v + 2, end);
        Some(Found {
            source,
            cue: (v, v + 2),
            role,
            excludes: (v, end),
            covers: (start, v),
            via: Vec::new(),
            rule,
            confidence: w.lex.rules.confidence(rule),
        })
    }

    /// "per X", "citing X".
    fn per(&self, w: Words<'a>, i: usize) -> Option<Found> {
        let end = noun_phrase_forward(w, i + 1);
        if end == i + 1 {
            return None;
        }
        let citing = w.is(i, "citing");
        Some(Found {
            source: (i + 1, end),
            cue: (i, i + 1),
            role: None,
            excludes: (i, end),
            covers: if citing { (0, 0) } else { (0, w.len()) },
            via: Vec::new(),
            rule: if citing { Rule::AttributionCiting } else { Rule::AttributionPer },
            confidence: w.lex.rules.confidence(if citing { Rule::AttributionCiting } else { Rule::AttributionPer }),
        })
    }

    /// "X said ...", "..., X said.", "..., said X.", "X told Reuters ...".
    #[inline(never)]
    fn around_verb(&self, w: Words<'a>, v: usize, needs_clause: bool) -> Option<Found> {
        // "90 claims", "its reports", "analysts' estimates", "the company's forecasts": after
        // a number, determiner or possessive the word is a noun; so is "estimates of 455,000".
        // A bare apostrophe is possessive only right after a word ("analysts' estimates");
        // after a comma or another apostrophe it closes a quotation (",'' said X").
        let possessive = |t: &str| {
            matches!(t, "'" | "’") && v >= 2 && w.kind(v - 2) == Some(TokenKind::Word) && w.joined(v - 1)
                || t.ends_with("'s")
                || t.ends_with("’s")
        };
        if v > 0
            && (w.has(v - 1, WordClass::Determiners)
                || w.kind(v - 1) == Some(TokenKind::Number) && self.quantity_ending(w, v - 1)
                || w.has(v - 1, WordClass::NumberWords)
                || possessive(w.get(v - 1)) && !w.joined(v))
        {
            return None;
        }
        // "estimates of 455,000", "an original estimate of": a noun, as is a clause verb before "of".
        if w.is(v + 1, "of") && (w.get(v).ends_with('s') && !w.is(v, "says") || needs_clause) {
            return None;
        }
        // "wants to argue", "urged him to tell": an infinitive reports nothing yet.
        if v > 0 && w.lex.infinitive_markers.contains(w.get(v - 1)) {
            return None;
        }
        // "a recently announced project", "the newly reported cases": a participle after a
        // determiner (and adverbs) modifies a noun and reports nothing.
        let before_adverbs = (0..v).rev().find(|&j| !is_adverb(w.lex, w.get(j)));
        if before_adverbs.is_some_and(|j| j + 1 < v && w.has(j, WordClass::Determiners)) {
            return None;
        }
        // "10-year notes", "long-term projects": after a lower-case hyphenated modifier the
        // word is its noun (a hyphenated name, "Ngo-Anh said", is capitalised).
        if after_compound(w, v) {
            return None;
        }
        // "New York-listed shares", "state-reported": a verb joined after a hyphen is part
        // of a compound modifier.
        if v > 0 && w.get(v - 1) == "-" && w.joined(v - 1) && w.joined(v) {
            return None;
        }
        let after = v + 1;
        // "IS claimed 38 attacks", "claimed responsibility for": the claimant is the actor and
        // the number the article's; "claimed that", "claiming to have" report a claim.
        let claims = w.get(v).get(..5).is_some_and(|p| p.eq_ignore_ascii_case("claim"));
        let actor_claim =
            claims && (w.is(after, "responsibility") || w.is(after, "credit") || self.starts_number(w, after));
        // "The index added 20 points", "the firm adds 200 jobs": an event verb with a number
        // for its object reports nothing.
        if w.has(v, WordClass::EventVerbs) && self.starts_number(w, after) {
            return None;
        }
        // "Forbes put his worth at $45 billion": an estimate only with "at" and a number.
        if w.lex.valuation_verbs.contains(w.get(v))
            && !(after..w.len().min(after + 12)).any(|j| {
                // "at 50 percent", "at a solid 50 percent".
                w.lex.valuation_markers.contains(w.get(j)) && (j + 1..j + 4).any(|k| self.starts_number(w, k))
            })
        {
            return None;
        }
        let takes_clause =
            !actor_claim && (matches!(w.kind(after), Some(TokenKind::Word | TokenKind::Number)) || w.is(after, ":"));
        let at_end = (after..w.len()).all(|j| w.kind(j) == Some(TokenKind::Punct));
        // "..., records show, and ...": a parenthetical report needs no clause after it.
        let parenthetical = w.is(after, ",") && {
            let s0 = noun_phrase_backward(w, v);
            s0 > 0 && s0 < v && matches!(w.get(s0 - 1), "," | "”" | "\u{22}" | "'" | "—")
        };
        if needs_clause && !takes_clause && !at_end && !parenthetical {
            return None;
        }
        // "is expected to double", "were estimated at": a passive reports on its subject.
        let before_verb = (0..v).rev().find(|&j| !is_adverb(w.lex, w.get(j))).map_or("", |j| w.get(j));
        if w.lex.passive_be.contains(before_verb) && !w.get(v).ends_with("ing") {
            return None;
        }
        // The verb's object: a relaying outlet after "told"/"tell" ("told Reuters").
        let mut via = Vec::new();
        let mut object_end = after;
        if w.is(v, "told") || w.is(v, "tell") || w.is(v, "tells") {
            if let Some(relay) = self.outlet_at(w, after) {
                object_end = w.index_at(relay_end_in_sentence(w, relay.span));
                via.push(relay);
            } else if w.kind(after) == Some(TokenKind::Word) && !w.has(after, WordClass::ClauseWords) {
                // "told the court in her filing": the hearer is the verb's object, and what
                // follows it an adjunct or the clause reported; a number ends the hearer.
                let np_end = noun_phrase_forward(w, after);
                let np_end = (after..np_end).find(|&j| self.starts_number(w, j)).unwrap_or(np_end);
                object_end = head_end(w, after, np_end);
            }
        }
        let mut b = v;
        // "X was quoted as saying": the subject stands before "was".
        if b >= 3 && w.is(b - 1, "as") && w.is(b - 2, "quoted") && (w.is(b - 3, "was") || w.is(b - 3, "were")) {
            b -= 3;
        }
        // "is telling", "is showing": the form of "be" before a participle is an auxiliary.
        let participle = w.get(v).ends_with("ing");
        while b > 0
            && (w.has(b - 1, WordClass::Auxiliaries)
                || participle && w.lex.progressive_be.contains(w.get(b - 1))
                || is_adverb(w.lex, w.get(b - 1)) && w.kind(b - 1) == Some(TokenKind::Word))
        {
            b -= 1;
        }
        // "Economists polled by Reuters expected ...": the subject is read from before the
        // relay, and ends there when an outlet relays it.
        let mut scan_end = b;
        if let Some((r, relay)) = self.relay_before(w, b) {
            scan_end = r;
            if let Some(relay) = relay {
                via.push(relay);
                b = r;
            }
        }
        // "Governor Gavin Newsom declared an emergency and said ...": the subject of a second
        // predicate is the name that opens the clause, not the words before "and".
        if b > 0 && w.is(b - 1, "and") && !w.get(v).ends_with("ing") {
            return self.coordinated(w, v, b - 1, object_end, via);
        }
        // A pronoun subject ("He noted that...") is resolved later to the source it stands for.
        let mut subject_start = if scan_end > 0 && w.has(scan_end - 1, WordClass::Pronouns) {
            scan_end - 1
        } else {
            noun_phrase_backward(w, scan_end)
        };
        // "Advisers who have run the numbers argue ...": a relative clause inside the subject.
        let relative = (subject_start.saturating_sub(8)..subject_start)
            .rev()
            .take_while(|&j| !matches!(w.get(j), "," | ";" | ":"))
            .find(|&j| w.has(j, WordClass::RelativePronouns));
        // The clause needs its own verb phrase: in "who cannot tell" the verb is the clause's.
        if let Some(r) = relative.filter(|&r| r > 0 && subject_start < b && b >= r + 3) {
            let head_start = noun_phrase_backward(w, r);
            if head_start < r && self.is_speaker(w, head_start, r) {
                subject_start = head_start;
            }
        }
        // "Sam Lee, the party's spokesman said": a name before the role, with no second comma.
        let mut named_role = None;
        if subject_start >= 2
            && subject_start < b
            && w.get(subject_start - 1) == ","
            && !w.is_capitalized(subject_start)
        {
            let comma = subject_start - 1;
            let name_start =
                (0..comma).rev().find(|&j| w.kind(j) == Some(TokenKind::Punct) && w.get(j) != ".").map_or(0, |j| j + 1);
            let plain = (name_start..comma).all(|j| w.kind(j) != Some(TokenKind::Number));
            if name_start < comma
                && plain
                && !w.has(name_start, WordClass::Prepositions)
                && is_name(w, name_start, comma)
            {
                named_role = Some(((name_start, comma), (subject_start, b)));
                subject_start = name_start;
            }
        }
        if subject_start < b {
            // "officials saying ..." is no finite report; "was quoted as saying" is.
            // "analysts were expecting 12": after a form of "be" the participle is finite.
            let progressive = (b..v).any(|j| w.has(j, WordClass::PassiveBe));
            // "a new poll showing 14 percent", "a survey finding that ...": a document
            // reports through its participle.
            let document = b == v && w.has(v - 1, WordClass::DocumentNouns);
            if w.get(v).ends_with("ing") && b + 3 != v && !progressive && !document {
                return None;
            }
            let trailing = is_trailing(w, self.quantities, subject_start, object_end);
            let mut covers = coverage(w, self.quantities, subject_start, object_end);
            // "X reported its third case after two others were found": a report with a plain
            // object ends at a subordinate clause, which is the article's.
            let plain_object = (w.has(after, WordClass::Determiners) && !w.lex.complementizers.contains(w.get(after)))
                || w.has(after, WordClass::Possessives);
            if !trailing && plain_object && !w.lex.speech_verbs.contains(w.get(v)) {
                if let Some(k) = (after..covers.1).find(|&j| w.has(j, WordClass::Subordinators)) {
                    covers.1 = k;
                }
            }
            let excludes = (subject_start, object_end.max(v + 1));
            let (source, role) = match named_role {
                Some((name, role)) => (name, Some(role)),
                None => split_title(w, subject_start, b),
            };
            return Some(Found {
                source,
                cue: (v, v + 1),
                role,
                excludes,
                covers,
                via,
                rule: Rule::AttributionSubjectVerb,
                confidence: if trailing {
                    w.lex.rules.trailing_subject_verb
                } else {
                    w.lex.rules.confidence(Rule::AttributionSubjectVerb)
                },
            });
        }
        // Apposition: "Ali al-Saidi, an advisor to Iraqi forces, told Reuters".
        if b > 0 && w.get(b - 1) == "," && !w.get(v).ends_with("ing") {
            if let Some(f) = self.apposition(w, b - 1, v, object_end, via.clone()) {
                return Some(f);
            }
        }
        // Participle after the main clause: "..., claiming to have killed seven": the
        // source is the subject of the sentence.
        if w.get(v).ends_with("ing") && b > 0 && w.get(b - 1) == "," {
            let (s0, s1) = self.first_actor(w, b - 1)?;
            return Some(Found {
                source: (s0, s1),
                cue: (v, v + 1),
                role: None,
                excludes: (s0, s1),
                covers: (v + 1, w.len()),
                via,
                rule: Rule::AttributionParticiple,
                confidence: w.lex.rules.confidence(Rule::AttributionParticiple),
            });
        }
        // Inverted: "..., said X." / "“...,” said X" / "“...,” said X, the minister, adding
        // that ...": the participle goes on in the same voice, so the source covers it too.
        // The inverted subject is a noun phrase, not an adjunct ("wrote in a memo").
        let adjunct = w.has(after, WordClass::Prepositions) && !w.is_capitalized(after);
        if b > 0 && matches!(w.get(b - 1), "," | "”" | "\"" | "'") && !adjunct {
            let source_end = noun_phrase_forward(w, after);
            // "..., said economists polled by Reuters.": the relay ends the source's words.
            let end = match self.relay_after(w, source_end) {
                Some((relay, relay_end)) if source_end > after => {
                    via.push(relay);
                    relay_end
                }
                _ => source_end,
            };
            // "..., said a party member who backs the mayor, asking ...": the relative clause
            // is the source's.
            let end = if end > after && w.has(end, WordClass::RelativePronouns) { clause_end(w, end) } else { end };
            let at_end = |k: usize| (k..w.len()).all(|j| w.kind(j) == Some(TokenKind::Punct));
            let continues = end > after && w.get(end) == "," && {
                // An optional apposition (", the climate minister,") before the participle.
                let next = (end + 1..w.len().min(end + 8)).find(|&j| w.get(j) == ",").map_or(end + 1, |j| j + 1);
                [end + 1, next]
                    .iter()
                    .any(|&k| w.get(k).ends_with("ing") && cues::reporting_verb(w.lex, w.get(k)).is_some())
            };
            // "..., said X, the U.S. envoy for Sudan." / "..., said X, who heads the WFP.": an
            // apposition that ends the sentence.
            let last_word = (after..w.len()).rev().find(|&j| w.kind(j) != Some(TokenKind::Punct)).unwrap_or(after);
            // Right after a closing quotation mark the apposition may run long (", who
            // served as ... under ...").
            let after_quote = matches!(w.get(b - 1), "\u{201d}" | "\u{22}" | "\u{27}");
            // "“It is hard,” said the senator, “because ...”": the quotation goes on after the
            // source, which then covers the whole sentence.
            let resumes = end > after && w.get(end) == "," && matches!(w.get(end + 1), "\u{201c}" | "\u{22}");
            let continues = continues || resumes;
            let closing_apposition = !continues
                && end > after
                && w.get(end) == ","
                && last_word > end
                && (last_word - end <= 16 || after_quote);
            if end > after && (at_end(end) || continues || closing_apposition) {
                let role_end = if resumes {
                    end
                } else if continues {
                    (end + 1..w.len()).find(|&j| w.get(j) == ",").unwrap_or(end)
                } else if closing_apposition && !w.is(end + 1, "who") {
                    last_word + 1
                } else {
                    end
                };
                let (source, mut role) = split_title(w, after, source_end);
                if role_end > end + 1 && !w.get(end + 1).ends_with("ing") {
                    role = Some((end + 1, role_end));
                }
                return Some(Found {
                    source,
                    cue: (v, v + 1),
                    role,
                    excludes: (v, end),
                    covers: if continues { (0, w.len()) } else { (0, v) },
                    via,
                    rule: Rule::AttributionVerbSubject,
                    confidence: w.lex.rules.confidence(Rule::AttributionVerbSubject),
                });
            }
        }
        None
    }

    /// A relay that opens at token `k`: "quoted by the Jerusalem Post", "polled by Reuters";
    /// the relaying outlet or document and the index past it.
    fn relay_after(&self, w: Words<'a>, k: usize) -> Option<(Via, usize)> {
        if !(w.has(k, WordClass::RelayVerbs) && w.has(k + 1, WordClass::AgentMarkers)) {
            return None;
        }
        let end = noun_phrase_forward(w, k + 2);
        let span = w.span(k + 2, end);
        (end > k + 2).then(|| (Via { span, entity: self.entity_in(span) }, end))
    }

    /// A relay that ends right before token `end` ("Economists polled by Reuters | said"):
    /// the index of its verb, and the relay when it is a named outlet or "the news agency";
    /// "residents interviewed by police" relay through no outlet and are one subject.
    fn relay_before(&self, w: Words<'a>, end: usize) -> Option<(usize, Option<Via>)> {
        let r = (end.saturating_sub(8).max(1)..end.saturating_sub(2))
            .find(|&r| w.has(r, WordClass::RelayVerbs) && w.has(r + 1, WordClass::AgentMarkers))?;
        if noun_phrase_forward(w, r + 2) != end {
            return None;
        }
        // A named pollster or data firm relays like an outlet ("analysts surveyed by Refinitiv").
        let named = || {
            let span = w.span(r + 2, end);
            w.is_capitalized(r + 2).then(|| Via { span, entity: self.entity_in(span) })
        };
        Some((r, self.outlet_at(w, r + 2).or_else(named)))
    }

    /// The subject of "X did this and said ...": a pronoun or a run of capitalised words
    /// (with titles) that opens the clause before `and_at`; nothing when the clause opens
    /// otherwise, rather than a guess.
    fn coordinated(&self, w: Words<'a>, v: usize, and_at: usize, object_end: usize, via: Vec<Via>) -> Option<Found> {
        // Skip a leading adverbial: "On Monday, ...", "Last year, ...".
        let opener = w.get(0);
        let adverbial =
            w.lex.prepositions.contains(opener) || is_adverb(w.lex, opener) || w.lex.time_adverbs.contains(opener);
        let start = match (0..and_at).find(|&j| w.get(j) == ",") {
            Some(comma) if adverbial => comma + 1,
            _ => 0,
        };
        let end = if w.has(start, WordClass::Pronouns) {
            start + 1
        } else if w.has(start, WordClass::Determiners) {
            // "the ministry", "the health ministry": a determiner phrase with a source noun.
            let mut name_end = start + 1;
            while name_end < and_at && w.is_capitalized(name_end) {
                name_end += 1;
            }
            match (start + 1..and_at.min(start + 5)).find(|&j| is_source_noun(w.lex, w.get(j))) {
                Some(head) if w.kind(head + 1) == Some(TokenKind::Word) && !w.is_capitalized(head + 1) => head + 1,
                // "The Beacon did the math and found ...": a name after the determiner.
                _ if name_end > start + 1 => name_end,
                _ => return None,
            }
        } else {
            let mut k = start;
            while k < and_at && (w.is_capitalized(k) || (w.get(k) == "." && w.joined(k))) {
                k += 1;
            }
            k
        };
        if end == start || end >= and_at || w.kind(end) != Some(TokenKind::Word) || w.is_capitalized(end) {
            return None;
        }
        // One capitalised word may only be the sentence's first ("Heavy rain ..."): it must
        // name an entity or be an acronym.
        if end == start + 1
            && w.is_capitalized(start)
            && !is_acronym(w.get(start))
            && self.within(w.span(start, end)).is_empty()
        {
            return None;
        }
        let (source, role) = split_title(w, start, end);
        Some(Found {
            source,
            cue: (v, v + 1),
            role,
            excludes: (start, object_end.max(v + 1)),
            covers: coverage(w, self.quantities, start, object_end),
            via,
            rule: Rule::AttributionCoordinated,
            confidence: w.lex.rules.confidence(Rule::AttributionCoordinated),
        })
    }

    /// `X, ROLE, verb` or `ROLE, X, verb`: the name is the source, the other part its role.
    /// Also `X, including ..., have said`: the subject before the first comma is the source.
    fn apposition(&self, w: Words<'a>, comma2: usize, v: usize, object_end: usize, via: Vec<Via>) -> Option<Found> {
        let mut start =
            (0..comma2).rev().find(|&j| matches!(w.get(j), ";" | ":" | "“" | "”" | "\"")).map_or(0, |j| j + 1);
        // Skip a leading adverbial: "In January, ...", "However, ...".
        let adverbial =
            w.has(start, WordClass::Prepositions) || is_adverb(w.lex, w.get(start)) || w.is(start, "however");
        if adverbial {
            start = (start..comma2).find(|&j| w.get(j) == ",").map_or(comma2, |j| j + 1);
        }
        let opens = self.apposition_from(w, start, comma2, v, object_end, via.clone());
        // "Nine contracts were cancelled, Ann Lee, the director, wrote.": after a clause, the
        // name and its role are the last two parts between commas.
        opens.or_else(|| {
            let c1 = (start..comma2).rev().find(|&j| w.get(j) == ",")?;
            let c0 = (start..c1).rev().find(|&j| w.get(j) == ",")?;
            self.apposition_from(w, c0 + 1, comma2, v, object_end, via)
        })
    }

    /// [`Self::apposition`] with the subject's words opening at `start`.
    fn apposition_from(
        &self,
        w: Words<'a>,
        start: usize,
        comma2: usize,
        v: usize,
        object_end: usize,
        via: Vec<Via>,
    ) -> Option<Found> {
        let comma1 = (start..comma2).find(|&j| w.get(j) == ",").unwrap_or(comma2);
        if start >= comma1 || comma1 - start > 10 || !(start..comma1).any(|j| w.kind(j) == Some(TokenKind::Word)) {
            return None;
        }
        let first = (start, comma1);
        let second = (comma1 + 1, comma2);
        let has_role = comma1 < comma2 && second.0 < second.1 && second.1 - second.0 <= 16;
        let (source, role) = if has_role && is_name(w, second.0, second.1) && !is_name(w, first.0, first.1) {
            (second, Some(first))
        } else {
            (first, has_role.then_some(second))
        };
        let (source, title) = split_title(w, source.0, source.1);
        // "At the time, there were 30 vacancies, said X": a clause before the comma is no
        // subject; the inverted reading is tried next.
        if !self.is_speaker(w, source.0, source.1) {
            return None;
        }
        Some(Found {
            source,
            cue: (v, v + 1),
            role: role.or(title),
            excludes: (start, object_end.max(v + 1)),
            covers: coverage(w, self.quantities, start, object_end),
            via,
            rule: Rule::AttributionApposition,
            confidence: w.lex.rules.confidence(Rule::AttributionApposition),
        })
    }

    /// The subject of the main clause before token `end`: the first organisation or person
    /// mention not after a preposition, else a determiner phrase that opens the clause (after
    /// a leading adverbial such as "In March,") up to its verb.
    fn first_actor(&self, w: Words<'a>, end: usize) -> Option<(usize, usize)> {
        // A pronoun or a name (with its title) that opens the sentence is its subject: "He
        // revised the plan, saying ...", "Gov. Ann Lee revised ...".
        if w.has(0, WordClass::Pronouns) && w.kind(1) == Some(TokenKind::Word) {
            return Some((0, 1));
        }
        let mut n = 0;
        while n < end && (w.is_capitalized(n) || (w.get(n) == "." && w.joined(n))) {
            n += 1;
        }
        let opening_name = n > 0
            && (w.kind(n) == Some(TokenKind::Word) || w.get(n) == ",")
            && !w.has(0, WordClass::Determiners)
            && !w.has(0, WordClass::Prepositions)
            && (n >= 2 && is_name(w, 0, n) || w.lex.surname_titles.contains(w.get(0)) || self.surname(w, 0, n));
        if opening_name {
            return Some((0, n));
        }
        let limit = w.span(0, end);
        let named = self
            .within(limit)
            .iter()
            .filter(|m| m.form == NameForm::Name)
            .filter(|m| self.gazetteer.entity(m.entity).kind != EntityType::Place)
            .map(|m| (w.index_at(m.span.start), w.index_at(m.span.end)))
            .find(|&(a, _)| a == 0 || !w.has(a - 1, WordClass::Prepositions));
        if named.is_some() {
            return named;
        }
        let adverbial = w.has(0, WordClass::Prepositions) || is_adverb(w.lex, w.get(0));
        let start = if adverbial { (0..end).find(|&j| w.get(j) == ",").map_or(0, |j| j + 1) } else { 0 };
        let mut k = start;
        // "The bank cut its outlook": a word before a determiner or possessive, not a
        // preposition, is the verb that ends the subject.
        let verb_before_object = |k: usize| {
            (w.has(k + 1, WordClass::Determiners) || w.has(k + 1, WordClass::Possessives))
                && !w.has(k, WordClass::Prepositions)
        };
        while k < end
            && w.kind(k) == Some(TokenKind::Word)
            && (k == start || !w.has(k, WordClass::ClauseWords) && !w.get(k).ends_with("ed") && !verb_before_object(k))
        {
            k += 1;
        }
        (k > start + 1 && w.has(start, WordClass::Determiners)).then_some((start, k))
    }

    /// The mentions wholly inside `span` (mentions are sorted and never overlap).
    fn within(&self, span: Span) -> &'a [EntityMention] {
        let a = self.mentions.partition_point(|m| m.span.start < span.start);
        let b = self.mentions.partition_point(|m| m.span.end <= span.end);
        &self.mentions[a..b.max(a)]
    }

    /// The mentions that end at or before byte `at`.
    fn before(&self, at: usize) -> &'a [EntityMention] {
        &self.mentions[..self.mentions.partition_point(|m| m.span.end <= at)]
    }

    /// The mention that covers byte `at`, if any.
    fn covering(&self, at: usize) -> Option<&'a EntityMention> {
        let k = self.mentions.partition_point(|m| m.span.end <= at);
        self.mentions.get(k).filter(|m| m.span.start <= at)
    }

    /// An outlet named at token `i`: a gazetteer outlet ("Reuters", "the Wall Street Journal")
    /// or a description ("the news agency") resolved to the last outlet named before.
    fn outlet_at(&self, w: Words<'a>, i: usize) -> Option<Via> {
        let mut k = i;
        if w.is(k, "the") {
            k += 1;
        }
        let at = w.tokens.get(k)?.span.start;
        if let Some(m) = self.covering(at).filter(|m| m.span.start == at) {
            let e = self.gazetteer.entity(m.entity);
            return e.is_outlet().then_some(Via { span: m.span, entity: Some(m.entity) });
        }
        // "the news agency", "the newswire": the outlet named last before this point.
        let end = noun_phrase_forward(w, k);
        if end > k && w.has(end - 1, WordClass::OutletNouns) && w.is(i, "the") {
            let earlier = self.before(at).iter().rev().find(|m| self.gazetteer.entity(m.entity).is_outlet())?;
            return Some(Via { span: earlier.span, entity: Some(earlier.entity) });
        }
        None
    }

    /// Can tokens `a..b` say something: a pronoun, a capitalised name, a gazetteer entity, or
    /// a noun phrase headed by a source, role or title noun.
    fn is_speaker(&self, w: Words<'a>, a: usize, b: usize) -> bool {
        if b <= a {
            return false;
        }
        if b - a == 1 && w.has(a, WordClass::Pronouns) {
            return true;
        }
        let head = head_index(w, a, b);
        // Any noun of the head part may be the head: "two people briefed on the talks".
        (w.is_capitalized(head) && !w.has(head, WordClass::Determiners))
            || (a..head_end(w, a, b)).any(|j| speaker::speaker_noun(w.lex, w.get(j)))
            || !self.within(w.span(a, head_end(w, a, b))).is_empty()
    }

    /// True when a quantity ends at token `i` ("90" in "90 claims"; not a year).
    fn quantity_ending(&self, w: Words<'_>, i: usize) -> bool {
        let Some(end) = w.tokens.get(i).map(|t| t.span.end) else { return false };
        let k = self.quantities.partition_point(|q| q.span.end < end);
        self.quantities.get(k).is_some_and(|q| q.span.end == end)
    }

    /// The quantity that starts at token `i`, if any.
    fn quantity_at(&self, w: Words<'_>, i: usize) -> Option<&'a Quantity> {
        let at = w.tokens.get(i)?.span.start;
        let k = self.quantities.partition_point(|q| q.span.start < at);
        self.quantities.get(k).filter(|q| q.span.start == at)
    }

    fn starts_number(&self, w: Words<'_>, i: usize) -> bool {
        self.quantity_at(w, i).is_some()
    }

    fn entity_in(&self, span: Span) -> Option<EntityId> {
        self.within(span).iter().find(|m| m.form == NameForm::Name).map(|m| m.entity)
    }

    /// Decide kind, entity, affiliation and count, resolving pronouns and descriptions.
    fn classify(&self, s: usize, paragraph: usize, segments: &Segments, w: Words<'a>, f: Found) -> Option<Attribution> {
        let source = w.span(f.source.0, f.source.1);
        let covers = w.span(f.covers.0, f.covers.1);
        let excludes = w.span(f.excludes.0, f.excludes.1.max(f.excludes.0 + 1));
        let cue = w.span(f.cue.0, f.cue.1);
        let mut rules = vec![f.rule];
        let head = head_index(w, f.source.0, f.source.1);
        let head_word = w.get(head);
        let bare = f.source.1 - f.source.0 <= 2 && (f.source.1 - f.source.0 == 1 || w.is(f.source.0, "the"));
        // Pronouns and definite descriptions refer back to a source named earlier.
        let pronoun = f.source.1 - f.source.0 == 1 && w.lex.pronouns.contains(head_word);
        // "the company", "the authors": institutions and groups named before are taken up too.
        let description = bare
            && w.is(f.source.0, "the")
            && (w.lex.document_nouns.contains(head_word)
                || w.lex.official_nouns.contains(head_word)
                || speaker::institution_or_group(w.lex, head_word));
        if pronoun || description {
            // A pronoun looks back within its paragraph or the one before (wire copy puts one
            // sentence in each paragraph); a description looks back to earlier sentences
            // anywhere, never to a source of its own sentence.
            let previous_paragraph = if pronoun {
                let opens =
                    (0..s).rev().take_while(|&k| segments.sentences[k].paragraph == paragraph).last().unwrap_or(s);
                opens.checked_sub(1).map_or(paragraph, |k| segments.sentences[k].paragraph)
            } else {
                paragraph
            };
            let in_reach = |a: &&Attribution| {
                if pronoun {
                    segments.sentences[a.sentence].paragraph >= previous_paragraph
                } else {
                    a.sentence < s
                }
            };
            // "the report" means an earlier document; "the figures" may also be an earlier
            // source's numbers; a document noun with no such referent introduces a new source.
            let document = description && w.lex.document_nouns.contains(head_word);
            // "he" takes up one person, "it" an institution or a document.
            let agrees = |a: &&Attribution| {
                if !pronoun {
                    // "the governor" takes up a person or an official, never "public polls",
                    // nor an official of another office ("the senator" is no governor).
                    let text = a.source.slice(self.text);
                    let other_office = text
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|t| w.lex.official_nouns.contains(t) && !t.eq_ignore_ascii_case(head_word));
                    !w.lex.official_nouns.contains(head_word)
                        || matches!(a.kind, SourceKind::Person | SourceKind::Official) && !other_office
                } else if w.lex.person_pronouns.contains(head_word) {
                    // "she" takes up no "Mr. Rubel", "he" no "Ms. Acosta".
                    let title = a.source.slice(self.text).split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                    let other_sex = w.lex.female_pronouns.contains(head_word) && w.lex.male_titles.contains(title)
                        || w.lex.male_pronouns.contains(head_word) && w.lex.female_titles.contains(title);
                    !other_sex
                        && (matches!(a.kind, SourceKind::Person)
                            || matches!(a.kind, SourceKind::Official | SourceKind::Anonymous) && !a.plural)
                } else if w.lex.thing_pronouns.contains(head_word) {
                    !matches!(a.kind, SourceKind::Person | SourceKind::Official | SourceKind::Anonymous)
                } else {
                    true
                }
            };
            // An institution or group is taken up by its name, never by another description.
            let named_before =
                |a: &&Attribution| a.scope == Scope::Sentence && speaker::has_name(a.source.slice(self.text), w.lex);
            let same_head = |a: &&Attribution| speaker::has_word(a.source.slice(self.text), head_word);
            let institution =
                speaker::institution_or_group(w.lex, head_word) && !w.lex.anonymous_nouns.contains(head_word);
            let earlier = if description && institution {
                self.out
                    .iter()
                    .rev()
                    .filter(in_reach)
                    .find(|a| {
                        same_head(a)
                            && (named_before(a)
                                || !a.source.slice(self.text).eq_ignore_ascii_case(source.slice(self.text)))
                    })
                    .or_else(|| {
                        // "McClatchy reported a loss. ... the company also reported": the
                        // institution last named as a source in this paragraph or the one before.
                        let opens = (0..s)
                            .rev()
                            .take_while(|&k| segments.sentences[k].paragraph == paragraph)
                            .last()
                            .unwrap_or(s);
                        let previous = opens.checked_sub(1).map_or(paragraph, |k| segments.sentences[k].paragraph);
                        let nearby = |a: &&Attribution| segments.sentences[a.sentence].paragraph >= previous;
                        self.out.iter().rev().filter(in_reach).take_while(nearby).find(|a| {
                            a.scope == Scope::Sentence
                                && a.kind == SourceKind::Organization
                                && a.entity.is_some_and(|e| self.gazetteer.entity(e).kind == EntityType::Organization)
                        })
                    })
            } else if description && w.lex.anonymous_nouns.contains(head_word) {
                self.out
                    .iter()
                    .rev()
                    .filter(in_reach)
                    .find(|a| same_head(a) && a.source.end - a.source.start > source.end - source.start)
            } else if document {
                self.out.iter().rev().filter(in_reach).find(|a| a.kind == SourceKind::Document).or_else(|| {
                    w.lex.data_nouns.contains(head_word).then(|| self.out.iter().rev().find(in_reach)).flatten()
                })
            } else {
                self.out.iter().rev().filter(in_reach).find(agrees)
            };
            // A pronoun or description with nothing to stand for stays the source as written
            // ("he said" after a quotation whose speaker is named with no report, "the
            // report"), less sure: the words are reported speech, not the article's voice.
            let Some(earlier) = earlier else {
                let mut a = self.named(s, w, f, [source, cue, covers, excludes], rules);
                a.confidence *= w.lex.rules.uncertain_factor;
                if pronoun {
                    // Its referent is somewhere before: as unsure as a carried source.
                    a.confidence *= w.lex.rules.carried_factor;
                    a.kind = if w.lex.person_pronouns.contains(head_word) {
                        SourceKind::Person
                    } else if w.lex.thing_pronouns.contains(head_word) {
                        SourceKind::Organization
                    } else {
                        SourceKind::Anonymous
                    };
                    // "Emirates had 270 aircraft. ... it announced": the pronoun takes up the
                    // first person or institution named in the sentence before.
                    if let Some(m) = self.antecedent(s, segments, head_word, w.lex) {
                        let e = self.gazetteer.entity(m.entity);
                        a.kind = match e.kind {
                            EntityType::Person => SourceKind::Person,
                            _ if e.is_outlet() => SourceKind::Outlet,
                            _ => SourceKind::Organization,
                        };
                        a.mention = Some(a.source);
                        a.source = m.span;
                        a.entity = Some(m.entity);
                        a.role = None;
                        a.affiliation = None;
                        a.scope = Scope::Carried;
                        a.rules.push(Rule::AttributionCarried);
                    }
                }
                return Some(a);
            };
            rules.push(Rule::AttributionCarried);
            let mut via = earlier.via.clone();
            via.extend(f.via);
            return Some(Attribution {
                sentence: s,
                mention: Some(source),
                cue,
                via,
                scope: Scope::Carried,
                covers,
                excludes,
                confidence: f.confidence * w.lex.rules.carried_factor,
                rules,
                ..earlier.clone()
            });
        }
        Some(self.named(s, w, f, [source, cue, covers, excludes], rules))
    }

    /// The referent of a pronoun that no earlier source takes: the first name of a person
    /// ("he", "she") or an institution ("it") in the sentence before.
    fn antecedent(&self, s: usize, segments: &Segments, pronoun: &str, lex: &Lexicon) -> Option<&'a EntityMention> {
        let before = segments.sentences.get(s.checked_sub(1)?)?;
        // A sentence before that opens with a pronoun speaks of someone named further back.
        let opener = self.text.get(before.span.start..before.span.end)?.split(|c: char| !c.is_alphanumeric()).next()?;
        if lex.pronouns.contains(opener) {
            return None;
        }
        let person = lex.person_pronouns.contains(pronoun);
        if !person && !lex.thing_pronouns.contains(pronoun) {
            return None;
        }
        // A possessive name ("Trump's wall") is no subject.
        let possessive = |m: &&EntityMention| lex.possessive_at(self.text, m.span.end);
        self.within(before.span).iter().filter(|m| m.form == NameForm::Name && !possessive(m)).find(|m| {
            match self.gazetteer.entity(m.entity).kind {
                EntityType::Person => person,
                EntityType::Organization => !person,
                EntityType::Place => false,
            }
        })
    }

    /// Classify a source named in its own sentence: kind, entity, affiliation, count.
    fn named(&self, s: usize, w: Words<'a>, f: Found, spans: [Span; 4], rules: Vec<Rule>) -> Attribution {
        let [source, cue, covers, excludes] = spans;
        let head = head_index(w, f.source.0, f.source.1);
        let head_word = w.get(head);
        let head_span = w.span(head, head + 1);
        let head_mention =
            self.covering(head_span.start).filter(|m| m.span.contains(head_span) && m.form == NameForm::Name);
        let entity = head_mention.map(|m| m.entity);
        // The head noun decides first ("a Wall Street Journal report" is a document even
        // though it names an outlet), then the gazetteer entity, then other nouns and names.
        let stop = head_end(w, f.source.0, f.source.1);
        let by_head = kind_by_noun(w, head, head + 1);
        let kind = if let Some(kind) = by_head {
            kind
        } else if let Some(e) = entity.map(|id| self.gazetteer.entity(id)) {
            match e.kind {
                EntityType::Person => SourceKind::Person,
                EntityType::Organization if e.is_outlet() => SourceKind::Outlet,
                EntityType::Organization | EntityType::Place => SourceKind::Organization,
            }
        } else if w.lex.surname_titles.contains(w.get(f.source.0)) {
            // "Mr. Katz", "Ms. Ruiz".
            SourceKind::Person
        } else if self.within(source).iter().any(|m| {
            self.gazetteer.entity(m.entity).is_outlet()
                && w.lex
                    .possessive_endings
                    .contains(self.text.get(m.span.end..).unwrap_or("").split(' ').next().unwrap_or(""))
        }) || (w.is_capitalized(head) && w.lex.outlet_name_words.contains(head_word))
        {
            // "the Springfield Herald's fact checker", "the Daily Courier".
            SourceKind::Outlet
        } else if w.lex.organization_nouns.contains(head_word) {
            SourceKind::Organization
        } else if let Some(kind) = kind_by_noun(w, f.source.0, stop) {
            kind
        } else if is_name(w, f.source.0, stop)
            || self.surname(w, f.source.0, stop)
            || ends_with_name(w, f.source.0, stop)
        {
            SourceKind::Person
        } else {
            SourceKind::Organization
        };
        let role = f.role.map(|(a, b)| w.span(a, b));
        let within = role.map_or(source, |r| r.cover(source));
        let affiliation = self
            .within(within)
            .iter()
            .filter(|m| Some(m.entity) != entity)
            .map(|m| m.entity)
            .find(|id| self.gazetteer.entity(*id).kind != EntityType::Person);
        let count = self.quantity_at(w, f.source.0).and_then(|q| q.value.or(q.low)).filter(|&n| n >= 1.0);
        Attribution {
            sentence: s,
            source,
            mention: None,
            cue,
            kind,
            entity,
            role,
            affiliation,
            count,
            via: f.via,
            scope: Scope::Sentence,
            covers,
            excludes,
            confidence: f.confidence,
            plural: kind != SourceKind::Person && w.lex.is_plural(head_word),
            rules,
        }
    }

    /// A lone capitalised word that ends a full name earlier in the text ("Tim Clark" ...
    /// "Clark said") is that person's surname.
    fn surname(&self, w: Words<'a>, a: usize, stop: usize) -> bool {
        let words: Vec<usize> = (a..stop).filter(|&j| w.kind(j) == Some(TokenKind::Word)).collect();
        let [j] = words[..] else { return false };
        let t = w.get(j);
        w.is_capitalized(j)
            && !is_acronym(t)
            && !w.lex.organization_name_words.contains(t)
            && speaker::full_name_before(self.text, t, w.tokens[j].span.start)
    }
}

/// The end of a relay span as a token boundary (the span may end mid-sentence).
fn relay_end_in_sentence(w: Words<'_>, span: Span) -> usize {
    w.tokens.iter().find(|t| t.span.start >= span.end).map_or(span.end, |t| t.span.start)
}

/// A trailing attribution ("..., the US Central Command said on Wednesday.") starts after a
/// comma or closing quote and is followed by a few words and the end of the sentence.
fn is_trailing(w: Words<'_>, q: &[Quantity], subject_start: usize, object_end: usize) -> bool {
    position(w, q, subject_start, object_end) != Position::Leading
}

/// Longest prepositional or time phrase after a trailing "X said".
const MAX_ADJUNCT_WORDS: usize = 10;

/// Where a "X said" attribution stands in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    /// "X said (that) ...": covers what follows.
    Leading,
    /// "..., X said (on Friday).": covers what precedes.
    Trailing,
    /// "..., X said, down from ..." / "..., X said, adding ...": covers the whole sentence.
    Parenthetical,
}

/// A trailing or parenthetical attribution starts after a comma, dash or closing quote, and
/// after its verb come at most a few words ("on Wednesday") before the end or a comma.
fn position(w: Words<'_>, q: &[Quantity], subject_start: usize, object_end: usize) -> Position {
    // A closing mark may be two apostrophes in wire copy ("...,'' she said").
    let after_break = subject_start > 0 && matches!(w.get(subject_start - 1), "," | "”" | "\"" | "'" | "—" | "–");
    let comma = (object_end..w.len()).find(|&j| w.get(j) == ",").unwrap_or(w.len());
    let tail_words = (object_end..comma).filter(|&j| w.kind(j) != Some(TokenKind::Punct)).count();
    // A claim in the tail makes it a clause ("said 40 died"); a date does not ("said on Nov. 8").
    let tail_number = object_end < comma && {
        let tail = w.span(object_end, comma);
        let k = q.partition_point(|x| x.span.start < tail.start);
        q.get(k).is_some_and(|x| x.span.start < tail.end)
    };
    // A longer tail is still an adjunct when it is a prepositional or time phrase without a
    // clause: "..., the World Bank said in a report last year."
    let adjunct = tail_words <= 4
        || (tail_words <= MAX_ADJUNCT_WORDS
            && (w.has(object_end, WordClass::Prepositions)
                || w.has(object_end, WordClass::TimeAdverbs)
                || w.has(object_end, WordClass::Weekdays)
                || w.has(object_end, WordClass::Months))
            && !(object_end..comma).any(|j| w.has(j, WordClass::ClauseWords)));
    // Right after a closing quotation mark the report is the quotation's, however long its tail
    // ("...,” Dorn said in an interview with ... aired Monday on “Morning Hour.”).
    let after_quote = subject_start > 0 && matches!(w.get(subject_start - 1), "”" | "\u{22}" | "'");
    if !after_break || !(adjunct || after_quote) || tail_number {
        Position::Leading
    } else if (comma..w.len()).all(|j| w.kind(j) == Some(TokenKind::Punct)) {
        Position::Trailing
    } else {
        Position::Parenthetical
    }
}

/// The tokens an attribution covers, by its position.
fn coverage(w: Words<'_>, q: &[Quantity], subject_start: usize, object_end: usize) -> (usize, usize) {
    match position(w, q, subject_start, object_end) {
        Position::Leading => (object_end, w.len()),
        Position::Trailing => (0, subject_start),
        Position::Parenthetical => (0, w.len()),
    }
}

/// True for an "-ly" adverb ("reportedly", "Separately"), not a noun such as "tally".
fn is_adverb(lex: &Lexicon, t: &str) -> bool {
    t.len() > 3 && t.ends_with("ly") && !lex.ly_non_adverbs.contains(t)
}

/// True when token `i` follows a lower-case hyphenated modifier ("10-year notes"): it is
/// that modifier's noun.
fn after_compound(w: Words<'_>, i: usize) -> bool {
    i >= 3
        && w.get(i - 2) == "-"
        && w.joined(i - 1)
        && w.kind(i - 1) == Some(TokenKind::Word)
        && !w.is_capitalized(i - 1)
}

/// True when a token may continue a source phrase.
fn np_token(w: Words<'_>, i: usize) -> bool {
    let t = w.get(i);
    match w.kind(i) {
        Some(TokenKind::Word) => {
            let acronym = t.len() > 1 && t.chars().all(|c| c.is_uppercase() || c == '.');
            // A relay verb ends the source only before "by": "officials contacted on Monday".
            let relay = w.lex.relay_verbs.contains(t) && w.has(i + 1, WordClass::AgentMarkers);
            // After a determiner, a number word or a hyphenated modifier a reporting verb is a
            // noun: "one estimate", "the forecast", "campaign-finance reports".
            let verb = reporting_verb(w.lex, t).is_some()
                && !(i > 0 && (w.has(i - 1, WordClass::Determiners) || w.has(i - 1, WordClass::NumberWords)))
                && !after_compound(w, i);
            // "in May 2015": a month is no modal verb.
            let month = i > 0 && w.is_capitalized(i) && w.lex.months.contains(t);
            acronym || month || !(w.lex.clause_words.contains(t) || verb || relay) || t == "and"
        }
        Some(TokenKind::Number) => true,
        Some(TokenKind::Punct) => matches!(t, "-" | "(" | ")" | "’" | "'" | "&") || (t == "." && w.joined(i)),
        None => false,
    }
}

/// End of a source phrase read forwards from `i`.
fn noun_phrase_forward(w: Words<'_>, i: usize) -> usize {
    let mut k = i;
    while k < w.len() && k < i + 16 && np_token(w, k) {
        // A sentence-final stop is not part of "U.S.".
        if w.get(k) == "." && k + 1 == w.len() {
            break;
        }
        if w.is(k, "and") && !(w.kind(k + 1) == Some(TokenKind::Word) && np_token(w, k + 1)) {
            break;
        }
        k += 1;
    }
    while k > i && (w.is(k - 1, "and") || w.has(k - 1, WordClass::Prepositions) || w.get(k - 1) == "-") {
        k -= 1;
    }
    k
}

/// Start of a source phrase read backwards from `end` (exclusive), to the clause start.
fn noun_phrase_backward(w: Words<'_>, end: usize) -> usize {
    let mut k = end;
    // "..., new fundraising reports show.": a document noun right before the verb is its
    // subject's head, not a second verb.
    let document_head = |j: usize| j + 1 == end && w.has(j, WordClass::DocumentNouns);
    while k > 0 && end - k < 12 && (np_token(w, k - 1) || document_head(k - 1)) {
        k -= 1;
    }
    // Drop a leading preposition or conjunction left over from the clause before, and a
    // closing mark ("...,'' the harbor master said").
    while k < end
        && (w.has(k, WordClass::Prepositions) && !w.is_capitalized(k)
            || w.is(k, "and")
            || matches!(w.get(k), "'" | "’"))
    {
        k += 1;
    }
    // "her friend said": a possessive determiner opens the phrase.
    if k > 0 && k < end && w.has(k - 1, WordClass::Possessives) && w.kind(k) == Some(TokenKind::Word) {
        k -= 1;
    }
    let has_word = (k..end).any(|j| w.kind(j) == Some(TokenKind::Word));
    if has_word {
        k
    } else {
        end
    }
}

/// End of a relative clause ("who continue to guard these facilities") at the next comma.
fn clause_end(w: Words<'_>, i: usize) -> usize {
    (i..w.len()).find(|&j| matches!(w.get(j), "," | ";" | ":" | "—")).unwrap_or(w.len())
}

/// The head word of a source phrase: the last word before a preposition, comma or bracket.
fn head_index(w: Words<'_>, a: usize, b: usize) -> usize {
    let stop = head_end(w, a, b);
    (a..stop).rev().find(|&j| w.kind(j) == Some(TokenKind::Word)).unwrap_or(a)
}

/// The end of the head part of a source phrase: before a preposition, comma or bracket
/// ("Security forces | in Syria", "Sami Haddad | of the 8th Division").
fn head_end(w: Words<'_>, a: usize, b: usize) -> usize {
    (a + 1..b)
        .find(|&j| (w.has(j, WordClass::Prepositions) && !w.is_capitalized(j)) || matches!(w.get(j), "(" | ","))
        .unwrap_or(b)
}

/// The kind a head part names by its nouns, read from the last word back ("People familiar
/// with the matter" → anonymous, "a Wall Street Journal report" → document).
fn kind_by_noun(w: Words<'_>, a: usize, stop: usize) -> Option<SourceKind> {
    (a..stop).rev().filter(|&j| w.kind(j) == Some(TokenKind::Word)).find_map(|j| {
        let t = w.get(j);
        if w.lex.document_nouns.contains(t) {
            Some(SourceKind::Document)
        } else if w.lex.anonymous_nouns.contains(t) {
            Some(SourceKind::Anonymous)
        } else if w.lex.official_nouns.contains(t) {
            Some(SourceKind::Official)
        } else {
            None
        }
    })
}

/// True when the noun phrase at `a` has a source noun for its head: "citing army figures",
/// "per police data", but not "citing security concerns".
fn headed_by_source_noun(w: Words<'_>, a: usize) -> bool {
    let end = noun_phrase_forward(w, a);
    if end == a {
        return false;
    }
    is_source_noun(w.lex, w.get(head_index(w, a, end)))
}

/// True for an acronym: "UN", "U.S" (the token before its final stop).
fn is_acronym(t: &str) -> bool {
    t.len() >= 2 && !t.chars().any(char::is_lowercase)
}

/// True for a noun that names a source: a document, an official, an anonymous source or
/// an organisation.
fn is_source_noun(lex: &Lexicon, t: &str) -> bool {
    [&lex.document_nouns, &lex.official_nouns, &lex.anonymous_nouns, &lex.organization_nouns]
        .iter()
        .any(|table| table.contains(t))
}

/// True when tokens `a..b` look like a personal name: capitalised words, "al-" particles;
/// not when a word is an institution's ("Health Ministry"), one that ends organisations'
/// names ("Cal Fire") or the name opens with the members it stands for ("Citizens Advice").
fn is_name(w: Words<'_>, a: usize, b: usize) -> bool {
    let words: Vec<usize> = (a..b).filter(|&j| w.kind(j) == Some(TokenKind::Word)).collect();
    let particle = |t: &str| {
        matches!(t.to_ascii_lowercase().as_str(), "al" | "bin" | "ibn" | "abu" | "de" | "van" | "von" | "el" | "abdul")
    };
    words.len() >= 2
        && !w.has(a, WordClass::Determiners)
        && words.len() <= 6
        && words.iter().all(|&j| w.is_capitalized(j) || particle(w.get(j)))
        && !words.iter().any(|&j| {
            let t = w.get(j);
            w.lex.organization_nouns.contains(t)
                || w.lex.outlet_nouns.contains(t)
                || w.lex.organization_name_words.contains(t)
        })
        && !w.lex.member_nouns.contains(w.get(words[0]))
}

/// True when a role in lower case ends with a personal name: "High school math teacher
/// Angela Cooper" (the first word is capitalised only because it opens the sentence).
fn ends_with_name(w: Words<'_>, a: usize, stop: usize) -> bool {
    let mut n = stop;
    while n > a && w.is_capitalized(n - 1) {
        n -= 1;
    }
    n > a && !w.is_capitalized(n - 1) && w.kind(n - 1) == Some(TokenKind::Word) && is_name(w, n, stop)
}

/// Split "Defense Minister Murhaf Abu Qasra" into the name and its title.
/// Also "regional governor Serhiy Lysak" and "Colonel Sami Haddad of the 8th Division" (the
/// unit after the name stays with it): the name is the run of capitalised words, not titles,
/// that ends the head part; it needs two words, and everything before it is the role.
fn split_title(w: Words<'_>, a: usize, b: usize) -> ((usize, usize), Option<(usize, usize)>) {
    let end = head_end(w, a, b);
    let particle = |j: usize| {
        matches!(w.get(j).to_ascii_lowercase().as_str(), "al" | "bin" | "ibn" | "abu" | "el" | "abdul" | "-")
    };
    let mut n = end;
    while n > a
        && ((w.is_capitalized(n - 1)
            && !w.has(n - 1, WordClass::PersonTitles)
            && !w.has(n - 1, WordClass::Determiners))
            || particle(n - 1))
    {
        n -= 1;
    }
    let name_words = (n..end).filter(|&j| w.is_capitalized(j)).count();
    // An acronym may qualify the role: "U.S. envoy", "UN spokesman".
    let role_ok = (a..n).all(|j| {
        let t = w.get(j);
        !w.is_capitalized(j)
            || w.lex.person_titles.contains(t)
            || w.lex.determiners.contains(t)
            || t == "."
            || is_acronym(t)
    }) && (a..n).any(|j| w.kind(j) == Some(TokenKind::Word) && !w.has(j, WordClass::Determiners));
    // A title right before the name makes what precedes it a role too ("Cal Fire Battalion
    // Chief David Acuna").
    let titled = n > a && w.has(n - 1, WordClass::PersonTitles);
    if n > a && name_words >= 2 && (role_ok || titled) && is_name(w, n, end) {
        ((n, b), Some((a, n)))
    } else {
        ((a, b), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const TSV: &str = "id\tname\ttype\tsubtype\taliases\n\
        org:reuters\tReuters\torganization\tnews_outlet\t\n\
        org:is\tIslamic State\torganization\tarmed_group\tIS\n\
        org:site\tSITE Intelligence Group\torganization\tresearch_group\tSITE\n\
        org:centcom\tUS Central Command\torganization\tmilitary\tCENTCOM\n\
        org:wsj\tThe Wall Street Journal\torganization\tnews_outlet\tWall Street Journal\n\
        org:jpost\tThe Jerusalem Post\torganization\tnews_outlet\tJerusalem Post\n\
        place:iraq\tIraq\tplace\tcountry\t\n";

    fn sources(text: &str) -> Vec<(String, &'static str, Vec<String>)> {
        let gaz = Gazetteer::from_sources(&[(PathBuf::from("t.tsv"), TSV)]).unwrap();
        let seg = crate::segment::split(text, crate::lexicon::Lexicon::english());
        let mentions = gaz.find(text, &seg);
        let lex = crate::lexicon::Lexicon::english();
        let times = crate::time::find(text, &seg, lex);
        let quantities = crate::quantity::find(text, &seg, &mentions, &times, lex);
        find(text, &seg, &mentions, &quantities, &gaz, lex)
            .iter()
            .map(|a| {
                (
                    a.source.slice(text).to_string(),
                    a.kind.as_str(),
                    a.via.iter().map(|v| v.span.slice(text).to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn attribution_patterns() {
        let rows: &[(&str, &str, &str, &[&str])] = &[
            (
                "According to SITE Intelligence Group, which tracks militants, IS claimed 38 strikes.",
                "SITE Intelligence Group",
                "organization",
                &[],
            ),
            (
                "IS claimed 38 attacks, according to SITE Intelligence Group.",
                "SITE Intelligence Group",
                "organization",
                &[],
            ),
            (
                "Five Iraqi counter-terrorism officials said that IS sent two envoys.",
                "Five Iraqi counter-terrorism officials",
                "official",
                &[],
            ),
            (
                "IS sent two envoys, five Iraqi officials told Reuters.",
                "five Iraqi officials",
                "official",
                &["Reuters"],
            ),
            (
                "U.S. military officials estimated last July that there were about 2,500 fighters.",
                "U.S. military officials",
                "official",
                &[],
            ),
            (
                "IS claimed 153 attacks, the US Central Command (CENTCOM) said on Wednesday.",
                "the US Central Command (CENTCOM)",
                "organization",
                &[],
            ),
            (
                "IS trains recruits, according to a Wall Street Journal report quoted by the Jerusalem Post.",
                "a Wall Street Journal report",
                "document",
                &["the Jerusalem Post"],
            ),
            (
                "Ali al-Saidi, an advisor to Iraqi forces, told Reuters that 40 cells exist.",
                "Ali al-Saidi",
                "person",
                &["Reuters"],
            ),
            (
                "In January, Defense Minister Murhaf Abu Qasra told Reuters that 300 were held.",
                "Murhaf Abu Qasra",
                "person",
                &["Reuters"],
            ),
            (
                "Security forces in Syria and Iraq say they have foiled at least a dozen plots.",
                "Security forces in Syria and Iraq",
                "organization",
                &[],
            ),
        ];
        for (text, source, kind, via) in rows {
            let got = sources(text);
            let want = vec![(source.to_string(), *kind, via.iter().map(|v| v.to_string()).collect::<Vec<_>>())];
            assert_eq!(got, want, "in {text:?}");
        }
    }

    #[test]
    fn attribution_ignores_actor_claims() {
        assert_eq!(sources("IS claimed credit for 38 strikes in Syria."), vec![]);
        assert_eq!(sources("IS claimed four assaults in Iraq."), vec![]);
        assert_eq!(sources("The number dropped to an estimated 1,500 fighters."), vec![]);
    }

    #[test]
    fn attribution_pairs_quotation_marks_within_a_paragraph() {
        let text = "He said “30 drones — ‘many’” and \"two\" more. “Open\nNext” “x";
        let got: Vec<&str> = quotations(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(got, ["“30 drones — ‘many’”", "\"two\""]);
        // Wire copy writes a double mark as two apostrophes; one apostrophe is no mark.
        let text = "''We lost 12 boats,'' she said. The crew's 3 boats";
        let got: Vec<&str> = quotations(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(got, ["''We lost 12 boats,''"]);
    }

    #[test]
    fn attribution_carries_descriptions() {
        let text = "ISIS grows, according to a Wall Street Journal report quoted by the Jerusalem Post.\nThe report indicated that 233 fighters were captured.";
        let got = sources(text);
        assert_eq!(got[1].0, "a Wall Street Journal report");
        assert_eq!(got[1].2, vec!["the Jerusalem Post".to_string()]);
    }
}
