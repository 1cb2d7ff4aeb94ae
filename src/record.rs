//! Stage 7: records — the only serialisable types (schema `claimex.claim/1`).
//!
//! Input: a [`Document`] and its [`Extraction`]. Output: one JSON line per claim, borrowed
//! from the document (no text is copied before serialisation). This is the only place that
//! turns byte spans into code-point offsets ([`CharIndex`]); `schema/claim.schema.json`
//! describes every field.

use crate::attribution::{Attribution, Scope};
use crate::claim::Subject;
use crate::document::Document;
use crate::gazetteer::{EntityId, EntityType, Gazetteer, NameForm, PersonMention};
use crate::rules::Rule;
use crate::segment::Segments;
use crate::span::{CharIndex, Span};
use crate::util::hash::Prefixed;
use crate::Extraction;
use serde::Serialize;
use serde_json::value::RawValue;

/// The schema id written in every record.
pub const SCHEMA: &str = "claimex.claim/1";

/// Offsets of a span in both units.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Offsets {
    /// First code point.
    pub char_start: usize,
    /// One past the last code point.
    pub char_end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
}

/// Words of the document with their offsets.
#[derive(Debug, Clone, Serialize)]
pub struct TextRecord<'a> {
    /// The words, exactly as in the document.
    pub text: &'a str,
    /// First code point.
    pub char_start: usize,
    /// One past the last code point.
    pub char_end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
}

/// The document a claim comes from.
#[derive(Debug, Clone, Serialize)]
pub struct DocRecord<'a> {
    /// The path as given (`-` for standard input).
    pub path: String,
    /// SHA-256 of the bytes read (the file, or the JSON line).
    pub sha256: &'a str,
    /// SHA-256 of the text the offsets refer to.
    pub text_sha256: &'a str,
    /// 1-based line of a JSON-lines input.
    pub line: Option<usize>,
    /// How it was read: text, markdown, html, json, jsonl.
    pub format: &'static str,
    /// The legacy encoding it was decoded from; null for UTF-8.
    pub encoding: Option<&'static str>,
    /// The headline, where the input states one.
    pub title: Option<&'a str>,
    /// Where it was published.
    pub url: Option<&'a str>,
    /// When it was published, as written.
    pub published: Option<&'a str>,
    /// Who published it.
    pub publisher: Option<&'a str>,
    /// The input's own id for the article.
    pub id: Option<&'a str>,
}

impl<'a> DocRecord<'a> {
    /// The record of a document.
    pub fn of(doc: &'a Document) -> DocRecord<'a> {
        DocRecord {
            path: crate::input::path_text(&doc.path),
            sha256: &doc.sha256,
            text_sha256: &doc.text_sha256,
            line: doc.line,
            format: doc.format.as_str(),
            encoding: doc.encoding,
            title: doc.meta.title.as_deref(),
            url: doc.meta.url.as_deref(),
            published: doc.meta.published.as_deref(),
            publisher: doc.meta.publisher.as_deref(),
            id: doc.meta.id.as_deref(),
        }
    }
}

/// The sentence that holds the claim.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceRecord<'a> {
    /// 0-based index of the sentence in the document.
    pub index: usize,
    /// Its text.
    pub text: &'a str,
    /// First code point.
    pub char_start: usize,
    /// One past the last code point.
    pub char_end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// True when the sentence is longer than [`MAX_SENTENCE_BYTES`]: `text` and the offsets
    /// are then a window of it around the quantity (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub windowed: bool,
}

/// Sentences longer than this many bytes are written as a window around each claim: each
/// claim repeating a huge "sentence" (a table, a list of numbers) made output quadratic.
pub const MAX_SENTENCE_BYTES: usize = 2000;
/// Bytes of a long sentence kept on either side of the quantity.
pub const WINDOW_BYTES: usize = 400;

/// The number and its bounds.
#[derive(Debug, Clone, Serialize)]
pub struct QuantityRecord<'a> {
    /// The words, qualifier included.
    pub text: &'a str,
    /// Point value (null for ranges and open bounds).
    pub value: Option<f64>,
    /// Lower bound.
    pub low: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// exact, approx, at_least, more_than, at_most, less_than, up_to, range.
    pub qualifier: &'static str,
    /// count, percent, money, fraction, multiplier.
    pub kind: &'static str,
    /// First code point.
    pub char_start: usize,
    /// One past the last code point.
    pub char_end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
}

/// What is counted.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRecord<'a> {
    /// The words as written ("IS fighters"), null when implied.
    pub text: Option<&'a str>,
    /// Singular lower-case head noun, currency code or `percent`.
    pub lemma: &'a str,
    /// Where the words are (null when implied).
    pub at: Option<Offsets>,
}

/// A gazetteer entity as mentioned, or (as a subject) a name no gazetteer lists.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRecord<'a> {
    /// Gazetteer id; null for a name no gazetteer lists.
    pub id: Option<&'a str>,
    /// Canonical name; the words as found for an unlisted name.
    pub name: &'a str,
    /// place, organization, person; `unlisted` for a name no gazetteer lists.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The words that name it here ("US" for United States). Not called `text`: consumers
    /// that read `text` before `name` would compare surface forms, not entities.
    pub alias: &'a str,
    /// First code point.
    pub char_start: usize,
    /// One past the last code point.
    pub char_end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
}

/// A relay.
#[derive(Debug, Clone, Serialize)]
pub struct ViaRecord<'a> {
    /// Its words where it was named.
    pub text: &'a str,
    /// Gazetteer id, if known.
    pub entity: Option<&'a str>,
    /// First code point.
    pub char_start: usize,
    /// One past the last code point.
    pub char_end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
}

/// Who the claim is attributed to.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRecord<'a> {
    /// The source's words where it was named.
    pub text: &'a str,
    /// person, organization, official, document, outlet, anonymous.
    pub kind: &'static str,
    /// Gazetteer id, if known.
    pub entity: Option<&'a str>,
    /// The attributing words.
    pub cue: TextRecord<'a>,
    /// Role or title.
    pub role: Option<TextRecord<'a>>,
    /// Gazetteer id of the organisation or country the source belongs to.
    pub affiliation: Option<&'a str>,
    /// How many ("five officials" → 5).
    pub count: Option<f64>,
    /// Relays, innermost first.
    pub via: Vec<ViaRecord<'a>>,
    /// sentence or carried.
    pub scope: &'static str,
    /// The words in the claim's sentence that point to a carried source ("the report").
    pub mention: Option<TextRecord<'a>>,
    /// 0..1.
    pub confidence: f32,
    /// First code point.
    pub char_start: usize,
    /// One past the last code point.
    pub char_end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
}

/// Provenance of the extraction.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractorRecord<'a> {
    /// Always "claimex".
    pub name: &'static str,
    /// Crate version.
    pub version: &'static str,
    /// Hash of the gazetteers in use.
    pub gazetteer: &'a str,
    /// Rules that fired for this claim (written as their ids).
    pub rules: Vec<Rule>,
}

/// One claim, as written to JSONL.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRecord<'a> {
    /// `claimex.claim/1`.
    pub schema: &'static str,
    /// Stable id: the same claim in the same document has the same id on every run; claims
    /// of two documents (other path or line) never share one.
    pub id: String,
    /// Hash of the text and the quantity's span only: copies of one article (same text,
    /// other path) share it.
    pub content_id: String,
    /// Where it comes from: the document's [`DocRecord`], rendered once for all its records.
    pub doc: &'a RawValue,
    /// The sentence: its [`SentenceRecord`], rendered once for all the claims in it.
    pub sentence: &'a RawValue,
    /// The number.
    pub quantity: QuantityRecord<'a>,
    /// What is counted.
    pub unit: Option<UnitRecord<'a>>,
    /// What the quantity is about.
    pub subject: Option<EntityRecord<'a>>,
    /// Places that scope it.
    pub places: Vec<EntityRecord<'a>>,
    /// Time that scopes it, and the interval it means; when the claim has no time of its
    /// own, the publication date marked as `reference` (null when that is unknown too).
    pub time: Option<TimeRecord<'a>>,
    /// Who says it (null: the article's own voice): the attribution's [`SourceRecord`],
    /// rendered once for all the claims it covers.
    pub source: Option<&'a RawValue>,
    /// The quantity it is compared to ("up from 61"): that claim's id, the relation words,
    /// and the reference quantity's words and offsets.
    pub compared_to: Option<ComparedRecord<'a>>,
    /// Provenance.
    pub extractor: ExtractorRecord<'a>,
}

/// A claim's time: its words (null for a `reference` time), and the interval of days they
/// mean, resolved against the publication date by [`crate::timenorm`].
#[derive(Debug, Clone, Serialize)]
pub struct TimeRecord<'a> {
    /// The words; null when the claim has no time of its own.
    pub text: Option<&'a str>,
    /// First code point.
    pub char_start: Option<usize>,
    /// One past the last code point.
    pub char_end: Option<usize>,
    /// First byte.
    pub byte_start: Option<usize>,
    /// One past the last byte.
    pub byte_end: Option<usize>,
    /// First day (ISO 8601), null when open or unresolved.
    pub start: Option<String>,
    /// Last day (ISO 8601), null when open or unresolved.
    pub end: Option<String>,
    /// day, week, month, season, quarter, half, year, decade; null when unresolved.
    pub granularity: Option<&'static str>,
    /// True when the claim has no time of its own and this is the publication date.
    pub reference: bool,
    /// The publication date the words were resolved against, if known.
    pub anchor: Option<String>,
}

impl<'a> TimeRecord<'a> {
    /// The time of a claim: its expression's words at `span`, or none (then the
    /// publication date, if known, as a reference).
    fn of(b: &Builder<'a>, span: Option<Span>, anchor: Option<jiff::civil::Date>) -> Option<TimeRecord<'a>> {
        let day = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string());
        let Some(span) = span else {
            let p = anchor?;
            return Some(TimeRecord {
                text: None,
                char_start: None,
                char_end: None,
                byte_start: None,
                byte_end: None,
                start: day(Some(p)),
                end: day(Some(p)),
                granularity: Some("day"),
                reference: true,
                anchor: day(Some(p)),
            });
        };
        let w = b.words(span);
        let i = crate::timenorm::normalise(w.text, anchor);
        Some(TimeRecord {
            text: Some(w.text),
            char_start: Some(w.char_start),
            char_end: Some(w.char_end),
            byte_start: Some(w.byte_start),
            byte_end: Some(w.byte_end),
            start: day(i.and_then(|i| i.start)),
            end: day(i.and_then(|i| i.end)),
            granularity: i.map(|i| i.granularity.as_str()),
            reference: false,
            anchor: day(anchor),
        })
    }
}

/// The reference of a comparison ("61" in "38 attacks, up from 61").
#[derive(Debug, Clone, Serialize)]
pub struct ComparedRecord<'a> {
    /// Id of the claim made by the reference quantity.
    pub id: String,
    /// The words that state the relation: "up from", "compared with", "rose from".
    pub relation: TextRecord<'a>,
    /// The reference quantity's words.
    pub text: &'a str,
    /// First code point.
    pub char_start: usize,
    /// One past the last code point.
    pub char_end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
}

/// Claim ids. `id`: the first 16 hex digits of SHA-256 of
/// "text_sha256:start:end:line:path" (the text's hash, the quantity's byte span, the JSON-lines
/// line or nothing, and `doc.path`), unique per document even when two documents have the same
/// text. `content_id`: the same without line and path, shared by copies of one text (a
/// syndicated article), to find them.
struct ClaimIds {
    /// The hash state after the text's 64 hex digits: exactly one block, hashed once per
    /// document, so each id costs one more block.
    prefix: Prefixed,
    /// ":line:path", appended to the span for `id`.
    identity: Vec<u8>,
}

impl ClaimIds {
    fn new(doc: &Document) -> ClaimIds {
        let mut identity = b":".to_vec();
        identity.extend(doc.line.map(|l| l.to_string()).unwrap_or_default().as_bytes());
        identity.push(b':');
        identity.extend(crate::input::path_text(&doc.path).as_bytes());
        ClaimIds { prefix: Prefixed::new(doc.text_sha256.as_bytes()), identity }
    }

    /// The hash state after the text's hash and `span`.
    fn spanned(&self, span: Span) -> Prefixed {
        let (mut start, mut end) = (itoa::Buffer::new(), itoa::Buffer::new());
        self.prefix.then(&[b":", start.format(span.start).as_bytes(), b":", end.format(span.end).as_bytes()])
    }

    /// The id of the claim whose quantity spans `span`: unique per document.
    fn of(&self, span: Span) -> String {
        self.spanned(span).then(&[&self.identity]).hex(8)
    }

    /// The id and the content id of that claim (the content id is the same in every copy of
    /// the text); the span is taken in once for both.
    fn both(&self, span: Span) -> (String, String) {
        let spanned = self.spanned(span);
        (spanned.then(&[&self.identity]).hex(8), spanned.hex(8))
    }
}

/// Builds records for one document.
struct Builder<'a> {
    text: &'a str,
    index: CharIndex,
    gazetteer: &'a Gazetteer,
}

impl<'a> Builder<'a> {
    fn at(&self, span: Span) -> Offsets {
        let chars = self.index.chars(span);
        Offsets { char_start: chars.start, char_end: chars.end, byte_start: span.start, byte_end: span.end }
    }

    fn words(&self, span: Span) -> TextRecord<'a> {
        let o = self.at(span);
        TextRecord {
            text: span.slice(self.text),
            char_start: o.char_start,
            char_end: o.char_end,
            byte_start: o.byte_start,
            byte_end: o.byte_end,
        }
    }

    fn sentence(&self, index: usize, segments: &Segments) -> SentenceRecord<'a> {
        self.sentence_at(index, segments.sentences[index].span, false)
    }

    fn sentence_at(&self, index: usize, span: Span, windowed: bool) -> SentenceRecord<'a> {
        let o = self.at(span);
        SentenceRecord {
            index,
            text: span.slice(self.text),
            char_start: o.char_start,
            char_end: o.char_end,
            byte_start: o.byte_start,
            byte_end: o.byte_end,
            windowed,
        }
    }

    /// The part of a long `sentence` within [`WINDOW_BYTES`] of `around`, on char boundaries.
    fn window(&self, index: usize, sentence: Span, around: Span) -> SentenceRecord<'a> {
        let mut start = around.start.saturating_sub(WINDOW_BYTES).max(sentence.start);
        while !self.text.is_char_boundary(start) {
            start += 1;
        }
        let mut end = around.end.saturating_add(WINDOW_BYTES).min(sentence.end);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.sentence_at(index, Span::new(start, end), true)
    }

    fn entity(&self, id: EntityId, span: Span) -> EntityRecord<'a> {
        let e = self.gazetteer.entity(id);
        let o = self.at(span);
        EntityRecord {
            id: Some(&e.id),
            name: &e.name,
            kind: e.kind.as_str(),
            alias: span.slice(self.text),
            char_start: o.char_start,
            char_end: o.char_end,
            byte_start: o.byte_start,
            byte_end: o.byte_end,
        }
    }

    /// A name no gazetteer lists: its words are its name.
    /// An entity no gazetteer lists, named by `full` (the long form of an acronym) or its words.
    fn unlisted(&self, span: Span, full: Option<Span>) -> EntityRecord<'a> {
        let o = self.at(span);
        EntityRecord {
            id: None,
            name: full.unwrap_or(span).slice(self.text),
            kind: "unlisted",
            alias: span.slice(self.text),
            char_start: o.char_start,
            char_end: o.char_end,
            byte_start: o.byte_start,
            byte_end: o.byte_end,
        }
    }

    fn source(&self, a: &'a Attribution) -> SourceRecord<'a> {
        let id = |e: Option<EntityId>| e.map(|e| self.gazetteer.entity(e).id.as_str());
        let o = self.at(a.source);
        SourceRecord {
            text: a.source.slice(self.text),
            kind: a.kind.as_str(),
            entity: id(a.entity),
            cue: self.words(a.cue),
            role: a.role.map(|r| self.words(r)),
            affiliation: id(a.affiliation),
            count: a.count,
            via: a
                .via
                .iter()
                .map(|v| {
                    let o = self.at(v.span);
                    ViaRecord {
                        text: v.span.slice(self.text),
                        entity: id(v.entity),
                        char_start: o.char_start,
                        char_end: o.char_end,
                        byte_start: o.byte_start,
                        byte_end: o.byte_end,
                    }
                })
                .collect(),
            scope: match a.scope {
                Scope::Sentence => "sentence",
                Scope::Carried => "carried",
            },
            mention: a.mention.map(|m| self.words(m)),
            confidence: a.confidence,
            char_start: o.char_start,
            char_end: o.char_end,
            byte_start: o.byte_start,
            byte_end: o.byte_end,
        }
    }
}

/// The document's [`DocRecord`] as JSON.
pub fn doc_json(doc: &Document) -> Result<Box<RawValue>, serde_json::Error> {
    serde_json::value::to_raw_value(&DocRecord::of(doc))
}

/// Call `each` with the records of one document, in text order; a document that states no
/// publication date has none (see [`for_each_record_dated`]).
pub fn for_each_record(
    doc: &Document,
    x: &Extraction,
    gazetteer: &Gazetteer,
    each: impl FnMut(&ClaimRecord<'_>),
) -> Result<(), serde_json::Error> {
    for_each_record_dated(doc, x, gazetteer, None, each)
}

/// Call `each` with the records of one document, in text order; `default_published` is the
/// publication date of a document whose metadata and dateline state none (`--published`).
pub fn for_each_record_dated(
    doc: &Document,
    x: &Extraction,
    gazetteer: &Gazetteer,
    default_published: Option<jiff::civil::Date>,
    mut each: impl FnMut(&ClaimRecord<'_>),
) -> Result<(), serde_json::Error> {
    let b = Builder { text: &doc.text, index: CharIndex::new(&doc.text), gazetteer };
    let ids = ClaimIds::new(doc);
    // What many claims share is rendered to JSON once: the document, the sentence of the
    // claims last written, each attribution used. Escaping strings is most of the cost of
    // writing, and these are the longest strings.
    let doc_record = doc_json(doc)?;
    let anchor = crate::timenorm::publication_date(doc, default_published);
    let mut last_sentence: Option<(usize, Box<RawValue>)> = None;
    let mut sources: Vec<Option<Box<RawValue>>> = vec![None; x.attributions.len()];
    for c in &x.claims {
        let q = &x.quantities[c.quantity];
        let whole = x.segments.sentences[q.sentence].span;
        let window;
        let sentence = if whole.len() > MAX_SENTENCE_BYTES {
            window = serde_json::value::to_raw_value(&b.window(q.sentence, whole, q.span))?;
            &*window
        } else {
            match &mut last_sentence {
                Some((index, json)) if *index == q.sentence => &**json,
                slot => {
                    let json = serde_json::value::to_raw_value(&b.sentence(q.sentence, &x.segments))?;
                    &*slot.insert((q.sentence, json)).1
                }
            }
        };
        let source = match c.attribution {
            Some(a) => {
                if sources[a].is_none() {
                    sources[a] = Some(serde_json::value::to_raw_value(&b.source(&x.attributions[a]))?);
                }
                sources[a].as_deref()
            }
            None => None,
        };
        let mut rules: Vec<Rule> = q.rules.clone();
        if let Some(t) = c.time {
            rules.push(x.times[t].rule);
        }
        if let Some(a) = c.attribution {
            rules.extend(&x.attributions[a].rules);
        }
        rules.extend(&c.rules);
        let qo = b.at(q.span);
        let (id, content_id) = ids.both(q.span);
        each(&ClaimRecord {
            schema: SCHEMA,
            id,
            content_id,
            doc: &doc_record,
            sentence,
            quantity: QuantityRecord {
                text: q.span.slice(b.text),
                value: q.value,
                low: q.low,
                high: q.high,
                qualifier: q.qualifier.as_str(),
                kind: q.kind.as_str(),
                char_start: qo.char_start,
                char_end: qo.char_end,
                byte_start: qo.byte_start,
                byte_end: qo.byte_end,
            },
            unit: q.unit.as_ref().map(|u| UnitRecord {
                text: u.span.map(|s| s.slice(b.text)),
                lemma: &u.lemma,
                at: u.span.map(|s| b.at(s)),
            }),
            subject: c.subject.map(|s| match s {
                Subject::Entity(m) => b.entity(x.mentions[m].entity, x.mentions[m].span),
                Subject::Name(n) => b.unlisted(x.names[n].span, x.names[n].full),
                Subject::Phrase(span) => b.unlisted(span, None),
            }),
            places: c.places.iter().map(|&m| b.entity(x.mentions[m].entity, x.mentions[m].span)).collect(),
            time: TimeRecord::of(&b, c.time.map(|t| x.times[t].span), anchor),
            source,
            compared_to: q.compared_to.map(|c| {
                let reference = x.quantities[c.reference].span;
                let o = b.at(reference);
                ComparedRecord {
                    id: ids.of(reference),
                    relation: b.words(c.relation),
                    text: reference.slice(b.text),
                    char_start: o.char_start,
                    char_end: o.char_end,
                    byte_start: o.byte_start,
                    byte_end: o.byte_end,
                }
            }),
            extractor: ExtractorRecord {
                name: "claimex",
                version: env!("CARGO_PKG_VERSION"),
                gazetteer: gazetteer.version(),
                rules,
            },
        });
    }
    Ok(())
}

/// Append the JSON lines of one document to `out`; a document that states no publication
/// date has none (see [`write_jsonl_dated`]).
pub fn write_jsonl(doc: &Document, x: &Extraction, gazetteer: &Gazetteer, out: &mut Vec<u8>) {
    write_jsonl_dated(doc, x, gazetteer, None, out);
}

/// Append the JSON lines of one document to `out`, `default_published` standing for the
/// publication date it does not state (`--published`).
pub fn write_jsonl_dated(
    doc: &Document,
    x: &Extraction,
    gazetteer: &Gazetteer,
    default_published: Option<jiff::civil::Date>,
    out: &mut Vec<u8>,
) {
    // Serialising plain structs of strings and numbers cannot fail.
    let _ = for_each_record_dated(doc, x, gazetteer, default_published, |record| {
        if serde_json::to_writer(&mut *out, record).is_ok() {
            out.push(b'\n');
        }
    });
}

/// The schema id of entity mention records (`claimex entities`).
pub const MENTION_SCHEMA: &str = "claimex.entity/1";

/// One entity mention, for curators who audit the gazetteers (`claimex entities`).
#[derive(Debug, Clone, Serialize)]
pub struct MentionRecord<'a> {
    /// Always [`MENTION_SCHEMA`].
    pub schema: &'static str,
    /// The document.
    pub doc: DocRecord<'a>,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Gazetteer id; null for a person no gazetteer lists.
    pub id: Option<&'a str>,
    /// Canonical name (the words themselves for an unlisted person).
    pub name: &'a str,
    /// place, organization, person.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The gazetteer's subtype (`country`, `armed_group`...); null when unlisted.
    pub subtype: Option<&'a str>,
    /// How the words name it: `name` (name or alias), `demonym`, or `unlisted`.
    pub form: &'static str,
    /// The words as written ("ISIS" for Islamic State).
    pub alias: &'a str,
    /// First code point.
    pub char_start: usize,
    /// One past the last code point.
    pub char_end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// The title or role that introduced an unlisted person ("Interior Minister").
    pub role: Option<TextRecord<'a>>,
}

/// The entity mention records of one document, in text order: gazetteer mentions and
/// unlisted people together.
pub fn mention_records<'a>(
    doc: &'a Document,
    x: &'a Extraction,
    people: &'a [PersonMention],
    gazetteer: &'a Gazetteer,
) -> Vec<MentionRecord<'a>> {
    let b = Builder { text: &doc.text, index: CharIndex::new(&doc.text), gazetteer };
    let sentence_of = |span: Span| x.segments.sentences.partition_point(|s| s.span.end <= span.start);
    let record = |span: Span| {
        let o = b.at(span);
        MentionRecord {
            schema: MENTION_SCHEMA,
            doc: DocRecord::of(doc),
            sentence: sentence_of(span),
            id: None,
            name: span.slice(b.text),
            kind: EntityType::Person.as_str(),
            subtype: None,
            form: "unlisted",
            alias: span.slice(b.text),
            char_start: o.char_start,
            char_end: o.char_end,
            byte_start: o.byte_start,
            byte_end: o.byte_end,
            role: None,
        }
    };
    let listed = x.mentions.iter().map(|m| {
        let e = gazetteer.entity(m.entity);
        let form = match m.form {
            NameForm::Name => "name",
            NameForm::Demonym => "demonym",
        };
        let r = record(m.span);
        MentionRecord { id: Some(&e.id), name: &e.name, kind: e.kind.as_str(), subtype: Some(&e.subtype), form, ..r }
    });
    let unlisted = people.iter().map(|p| MentionRecord { role: Some(b.words(p.role)), ..record(p.span) });
    let mut out: Vec<MentionRecord<'a>> = listed.chain(unlisted).collect();
    out.sort_by_key(|r| (r.byte_start, r.byte_end));
    out
}

/// Append the entity mention lines of one document to `out`.
pub fn write_mentions_jsonl(
    doc: &Document,
    x: &Extraction,
    people: &[PersonMention],
    gazetteer: &Gazetteer,
    out: &mut Vec<u8>,
) -> usize {
    let records = mention_records(doc, x, people, gazetteer);
    for record in &records {
        if serde_json::to_writer(&mut *out, record).is_ok() {
            out.push(b'\n');
        }
    }
    records.len()
}

/// The schema id of document text records (`claimex text`).
pub const TEXT_SCHEMA: &str = "claimex.text/1";

/// A document as claimex reads it (`claimex text`): what the offsets of its claims refer to.
#[derive(Debug, Clone, Serialize)]
pub struct DocTextRecord<'a> {
    /// Always [`TEXT_SCHEMA`].
    pub schema: &'static str,
    /// The document, as in its claims.
    pub doc: DocRecord<'a>,
    /// The text read: for a web page, its headline and main text, one paragraph a line pair.
    pub text: &'a str,
}

/// Write one JSON line holding the document's text.
pub fn write_text_jsonl(doc: &Document, out: &mut Vec<u8>) {
    let record = DocTextRecord { schema: TEXT_SCHEMA, doc: DocRecord::of(doc), text: &doc.text };
    // Serialising plain strings cannot fail.
    if serde_json::to_writer(&mut *out, &record).is_ok() {
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    /// A sentence over the limit is written as a window around each claim, with exact
    /// offsets and `windowed: true`; short sentences are written whole, without the flag.
    #[test]
    fn long_sentences_are_windowed_around_the_claim() {
        let text = format!("{}About 40 people were killed{}.", "word ".repeat(1000), " and more".repeat(300));
        let doc = Document::from_text("long.txt", text.clone());
        let pipeline = crate::Pipeline::new(crate::gazetteer::Gazetteer::bundled().unwrap());
        let x = pipeline.extract(&doc.text);
        let mut out = Vec::new();
        write_jsonl(&doc, &x, pipeline.gazetteer(), &mut out);
        let record: serde_json::Value = serde_json::from_slice(out.split(|&b| b == b'\n').next().unwrap()).unwrap();
        let s = &record["sentence"];
        let (start, end) = (s["byte_start"].as_u64().unwrap() as usize, s["byte_end"].as_u64().unwrap() as usize);
        assert_eq!(s["text"].as_str(), Some(&text[start..end]), "offsets are exact");
        assert_eq!(s["windowed"], true);
        assert!(end - start <= 2 * WINDOW_BYTES + 10, "{}", end - start);
        assert!(s["text"].as_str().unwrap().contains("About 40 people"));
        let short = Document::from_text("short.txt", "About 40 people were killed.".into());
        let mut out = Vec::new();
        write_jsonl(&short, &pipeline.extract(&short.text), pipeline.gazetteer(), &mut out);
        assert!(!String::from_utf8(out).unwrap().contains("windowed"));
    }

    /// Ids are what the schema documents: SHA-256 of "text_sha256:start:end:line:path" for
    /// `id` and of "text_sha256:start:end" for `content_id`, 16 hex digits. The
    /// per-document prefix state must not change them.
    #[test]
    fn claim_ids_hash_the_text_hash_the_span_and_the_document() {
        let text = "Officials said 2,500 fighters remain.";
        let doc = Document::new("a.txt".into(), text.to_string(), text.as_bytes());
        let ids = ClaimIds::new(&doc);
        for (start, end) in [(15, 20), (0, 1), (123_456, 1_234_567)] {
            let content = sha2::Sha256::digest(format!("{}:{start}:{end}", doc.text_sha256));
            let full = sha2::Sha256::digest(format!("{}:{start}:{end}::a.txt", doc.text_sha256));
            let span = Span::new(start, end);
            assert_eq!(ids.both(span), (hex::encode(&full[..8]), hex::encode(&content[..8])));
            assert_eq!(ids.of(span), hex::encode(&full[..8]));
        }
        // The same text at another path, or on another line of a JSON-lines file.
        let copy = Document::new("b.txt".into(), text.to_string(), text.as_bytes());
        let line = doc.clone().with(crate::input::Format::Jsonl, None, Default::default(), Some(3));
        let span = Span::new(15, 20);
        assert_ne!(ClaimIds::new(&copy).of(span), ids.of(span));
        assert_ne!(ClaimIds::new(&line).of(span), ids.of(span));
        assert_eq!(ClaimIds::new(&copy).both(span).1, ids.both(span).1);
    }
}
