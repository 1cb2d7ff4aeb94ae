//! Stage 7: records — the only serialisable types (schema `claimex.claim/1`).
//!
//! Input: a [`Document`] and its [`Extraction`]. Output: one JSON line per claim, borrowed
//! from the document (no text is copied before serialisation). This is the only place that
//! turns byte spans into code-point offsets ([`CharIndex`]); `schema/claim.schema.json`
//! describes every field.

use crate::attribution::{Attribution, Scope};
use crate::document::Document;
use crate::gazetteer::{EntityId, EntityType, Gazetteer, NameForm};
use crate::segment::Segments;
use crate::span::{CharIndex, Span};
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
            path: doc.path.display().to_string(),
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
}

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

/// A gazetteer entity as mentioned.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRecord<'a> {
    /// Gazetteer id.
    pub id: &'a str,
    /// Canonical name.
    pub name: &'a str,
    /// place, organization, person.
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
    /// Rule ids that fired for this claim.
    pub rules: Vec<&'static str>,
}

/// One claim, as written to JSONL.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRecord<'a> {
    /// `claimex.claim/1`.
    pub schema: &'static str,
    /// Stable id: the same claim in the same document has the same id on every run.
    pub id: String,
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
    /// Time that scopes it.
    pub time: Option<TextRecord<'a>>,
    /// Who says it (null: the article's own voice): the attribution's [`SourceRecord`],
    /// rendered once for all the claims it covers.
    pub source: Option<&'a RawValue>,
    /// The quantity it is compared to ("up from 61"): that claim's id, the relation words,
    /// and the reference quantity's words and offsets.
    pub compared_to: Option<ComparedRecord<'a>>,
    /// Provenance.
    pub extractor: ExtractorRecord<'a>,
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

/// Stable claim ids: the first 16 hex digits of SHA-256 of "text_sha256:start:end" (the
/// text's hash and the quantity's byte span).
struct ClaimIds {
    /// The hash state after the text's 64 hex digits: exactly one block, hashed once per
    /// document, so each id costs one more block.
    prefix: sha2::Sha256,
}

impl ClaimIds {
    fn new(doc: &Document) -> ClaimIds {
        use sha2::Digest;
        ClaimIds { prefix: sha2::Sha256::new_with_prefix(doc.text_sha256.as_bytes()) }
    }

    /// The id of the claim whose quantity spans `span`.
    fn of(&self, span: Span) -> String {
        use sha2::Digest;
        let (mut start, mut end) = (itoa::Buffer::new(), itoa::Buffer::new());
        let digest = self
            .prefix
            .clone()
            .chain_update(b":")
            .chain_update(start.format(span.start))
            .chain_update(b":")
            .chain_update(end.format(span.end))
            .finalize();
        hex::encode(&digest[..8])
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
        let span = segments.sentences[index].span;
        let o = self.at(span);
        SentenceRecord {
            index,
            text: span.slice(self.text),
            char_start: o.char_start,
            char_end: o.char_end,
            byte_start: o.byte_start,
            byte_end: o.byte_end,
        }
    }

    fn entity(&self, id: EntityId, span: Span) -> EntityRecord<'a> {
        let e = self.gazetteer.entity(id);
        let o = self.at(span);
        EntityRecord {
            id: &e.id,
            name: &e.name,
            kind: e.kind.as_str(),
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

/// Call `each` with the records of one document, in text order.
pub fn for_each_record(
    doc: &Document,
    x: &Extraction,
    gazetteer: &Gazetteer,
    mut each: impl FnMut(&ClaimRecord<'_>),
) -> Result<(), serde_json::Error> {
    let b = Builder { text: &doc.text, index: CharIndex::new(&doc.text), gazetteer };
    let ids = ClaimIds::new(doc);
    // What many claims share is rendered to JSON once: the document, the sentence of the
    // claims last written, each attribution used. Escaping strings is most of the cost of
    // writing, and these are the longest strings.
    let doc_record = doc_json(doc)?;
    let mut last_sentence: Option<(usize, Box<RawValue>)> = None;
    let mut sources: Vec<Option<Box<RawValue>>> = vec![None; x.attributions.len()];
    for c in &x.claims {
        let q = &x.quantities[c.quantity];
        let sentence = match &mut last_sentence {
            Some((index, json)) if *index == q.sentence => &**json,
            slot => {
                let json = serde_json::value::to_raw_value(&b.sentence(q.sentence, &x.segments))?;
                &*slot.insert((q.sentence, json)).1
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
        let mut rules: Vec<&'static str> = q.rules.clone();
        if let Some(t) = c.time {
            rules.push(x.times[t].rule);
        }
        if let Some(a) = c.attribution {
            rules.extend(&x.attributions[a].rules);
        }
        rules.extend(&c.rules);
        let qo = b.at(q.span);
        each(&ClaimRecord {
            schema: SCHEMA,
            id: ids.of(q.span),
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
            subject: c.subject.map(|m| b.entity(x.mentions[m].entity, x.mentions[m].span)),
            places: c.places.iter().map(|&m| b.entity(x.mentions[m].entity, x.mentions[m].span)).collect(),
            time: c.time.map(|t| b.words(x.times[t].span)),
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

/// Append the JSON lines of one document to `out`.
pub fn write_jsonl(doc: &Document, x: &Extraction, gazetteer: &Gazetteer, out: &mut Vec<u8>) {
    // Serialising plain structs of strings and numbers cannot fail.
    let _ = for_each_record(doc, x, gazetteer, |record| {
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
pub fn mention_records<'a>(doc: &'a Document, x: &'a Extraction, gazetteer: &'a Gazetteer) -> Vec<MentionRecord<'a>> {
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
    // Only `claimex entities` reports unlisted people, so claims extraction never pays for them.
    let people = crate::gazetteer::find_unlisted_people(&doc.text, &x.segments, &x.mentions);
    let unlisted = people.iter().map(|p| MentionRecord { role: Some(b.words(p.role)), ..record(p.span) });
    let mut out: Vec<MentionRecord<'a>> = listed.chain(unlisted).collect();
    out.sort_by_key(|r| (r.byte_start, r.byte_end));
    out
}

/// Append the entity mention lines of one document to `out`.
pub fn write_mentions_jsonl(doc: &Document, x: &Extraction, gazetteer: &Gazetteer, out: &mut Vec<u8>) -> usize {
    let records = mention_records(doc, x, gazetteer);
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

    /// Ids are what the schema documents: SHA-256 of "text_sha256:start:end", 16 hex digits.
    /// The per-document prefix state must not change them.
    #[test]
    fn claim_ids_hash_the_text_hash_and_the_span() {
        let text = "Officials said 2,500 fighters remain.";
        let doc = Document::new("a.txt".into(), text.to_string(), text.as_bytes());
        let ids = ClaimIds::new(&doc);
        for (start, end) in [(15, 20), (0, 1), (123_456, 1_234_567)] {
            let full = sha2::Sha256::digest(format!("{}:{start}:{end}", doc.text_sha256));
            assert_eq!(ids.of(Span::new(start, end)), hex::encode(&full[..8]));
        }
    }
}
