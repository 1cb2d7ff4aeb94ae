//! `claimex review`: a local web page where curators accept, reject and correct extracted
//! claims, and `claimex review export`, which turns their decisions into gold lines.
//!
//! Input: claim records (`claimex.claim/1` JSONL) and the articles they come from. Output: a
//! SQLite database of claims and decisions ([`db::Store`]), served by [`server`], and curated
//! gold ([`export`]). Invariants:
//!
//! - A decision is keyed by the claim's stable `id` and the [`content_hash`] of its semantic
//!   fields: re-extracting an unchanged claim keeps its decision, a changed one is flagged
//!   for re-review.
//! - Nothing a request sends becomes a file path: articles are looked up among the document
//!   paths of the loaded claims only.
//! - Every state-changing request carries the per-server token; bodies and fields are bounded.
//! - The page builds its DOM with `textContent` only: article text and fields are never markup.

pub mod db;
pub mod export;
pub mod server;

use crate::eval::Gold;
use serde_json::Value;
use std::path::PathBuf;

/// Errors of the review database, server and export.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReviewError {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A claims line is not a claim record.
    #[error("{}:{line}: {reason}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    /// A request or stored value is not acceptable.
    #[error("{0}")]
    Invalid(String),
    /// The server could not start or stopped with an error.
    #[error("server: {0}")]
    Server(std::io::Error),
}

/// The fields a curator may correct, as they appear in a correction object.
pub const EDITABLE: [&str; 10] =
    ["value", "low", "high", "qualifier", "unit", "source", "source_kind", "via", "places", "time"];

/// The record without its provenance (`extractor`): what a decision is about.
fn semantic(record: &Value) -> Value {
    let mut v = record.clone();
    if let Value::Object(map) = &mut v {
        map.remove("extractor");
    }
    v
}

/// Write `v` as JSON with object keys sorted, whatever map type serde_json was built with.
fn canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(x) = map.get(k) {
                    canonical(x, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Hash of a record's semantic fields (everything but `extractor`), 16 hex digits: the same
/// claim extracted by another version of the tool keeps its hash.
pub fn content_hash(record: &Value) -> String {
    let mut text = String::new();
    canonical(&semantic(record), &mut text);
    crate::util::hash::sha256_hex(text.as_bytes())[..16].to_string()
}

/// The gold line (tests/gold/GUIDELINES.md) a record stands for. A qualifier or source kind
/// the record names that is no [`crate::eval::QUALIFIERS`] or [`crate::eval::SOURCE_KINDS`]
/// name (a record of another tool) is left out.
pub fn gold_of(record: &Value) -> Gold {
    let s = |v: &Value| v.as_str().map(String::from);
    let sentence = record["sentence"]["text"].as_str().unwrap_or("");
    let quantity = &record["quantity"];
    let qtext = quantity["text"].as_str().unwrap_or("");
    let qat = quantity["byte_start"]
        .as_u64()
        .unwrap_or(0)
        .saturating_sub(record["sentence"]["byte_start"].as_u64().unwrap_or(0));
    let doc = record["doc"]["path"].as_str().unwrap_or("");
    let doc =
        std::path::Path::new(doc).file_name().map_or_else(|| doc.to_string(), |n| n.to_string_lossy().into_owned());
    let source = &record["source"];
    Gold {
        doc,
        sentence: sentence.to_string(),
        quantity_text: qtext.to_string(),
        occurrence: occurrence(sentence, qtext, usize::try_from(qat).unwrap_or(0)),
        value: quantity["value"].as_f64(),
        low: quantity["low"].as_f64(),
        high: quantity["high"].as_f64(),
        qualifier: quantity["qualifier"].as_str().and_then(crate::eval::qualifier_named),
        unit: s(&record["unit"]["lemma"]),
        subject: s(&record["subject"]["name"]),
        places: record["places"]
            .as_array()
            .map(|a| a.iter().filter_map(|p| s(&p["name"])).collect())
            .unwrap_or_default(),
        time: s(&record["time"]["text"]),
        source: s(&source["text"]),
        source_kind: source["kind"].as_str().and_then(crate::eval::source_kind_named),
        via: source["via"].as_array().and_then(|a| a.first()).and_then(|v| s(&v["text"])),
    }
}

/// Which occurrence (1-based) of `needle` in `sentence` starts at byte `at`, counting the
/// way `eval` locates it (overlapping, one code point at a time).
fn occurrence(sentence: &str, needle: &str, at: usize) -> usize {
    if needle.is_empty() {
        return 1;
    }
    let mut n = 0;
    let mut pos = 0;
    while let Some(i) = sentence.get(pos..).and_then(|rest| rest.find(needle)).map(|i| pos + i) {
        if i > at {
            break;
        }
        n += 1;
        if i == at {
            return n;
        }
        pos = i + sentence[i..].chars().next().map_or(1, char::len_utf8);
    }
    n.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hash_ignores_extractor_and_key_order() {
        let a = json!({"id": "x", "quantity": {"value": 2.0, "text": "two"}, "extractor": {"version": "1"}});
        let b = json!({"extractor": {"version": "2"}, "quantity": {"text": "two", "value": 2.0}, "id": "x"});
        let c = json!({"id": "x", "quantity": {"value": 3.0, "text": "two"}});
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_ne!(content_hash(&a), content_hash(&c));
    }

    #[test]
    fn occurrence_counts_earlier_matches() {
        let s = "2,500 in Iraq and 2,500 in Syria";
        assert_eq!(occurrence(s, "2,500", 0), 1);
        assert_eq!(occurrence(s, "2,500", 18), 2);
    }
}
