//! `claimex review export`: accepted and corrected claims as gold lines
//! (tests/gold/GUIDELINES.md format), corrections applied, each with a `review` block, so
//! `claimex eval --gold curated.jsonl` reads them and curated claims become regression tests.

use super::db::{Item, Store};
use super::{ReviewError, EDITABLE};
use crate::eval::Gold;
use serde::Serialize;
use serde_json::{Map, Value};
use std::io::Write;

/// A curated claim as a gold line: the [`Gold`] fields with the correction applied, in the
/// guidelines' order, then `review`.
#[derive(Debug, Clone, Serialize)]
pub struct CuratedLine<'a> {
    /// The gold fields.
    #[serde(flatten)]
    pub gold: Gold,
    /// Who decided what, when, and what the corrected fields held before.
    pub review: ReviewBlock<'a>,
}

/// The `review` block of a curated gold line.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewBlock<'a> {
    /// The claim's id.
    pub claim_id: &'a str,
    /// The content hash of the claim.
    pub claim_hash: &'a str,
    /// Who decided.
    pub reviewer: Option<&'a str>,
    /// When (UTC, RFC 3339).
    pub at: Option<&'a str>,
    /// accepted, rejected, corrected.
    pub decision: &'a str,
    /// Why.
    pub reason: Option<&'a str>,
    /// The extracted value of every corrected field.
    pub original: Map<String, Value>,
}

/// The gold line of a curated claim: its gold fields, the correction applied, and
/// `review: {claim_id, claim_hash, reviewer, at, decision, reason, original}` where
/// `original` holds the extracted value of every corrected field.
pub fn gold_line(item: &Item) -> Result<CuratedLine<'_>, ReviewError> {
    let decision = item.decision.as_ref();
    let mut original = Map::new();
    let mut gold = item.gold.clone();
    if let Some(correction) = decision.and_then(|d| d.correction.as_ref()) {
        let invalid = |e: serde_json::Error| ReviewError::Invalid(format!("claim {}: correction: {e}", item.id));
        let Value::Object(mut fields) = serde_json::to_value(&gold).map_err(invalid)? else {
            return Err(ReviewError::Invalid(format!("claim {}: gold fields are not an object", item.id)));
        };
        for (k, v) in correction {
            if EDITABLE.contains(&k.as_str()) {
                original.insert(k.clone(), fields.get(k).cloned().unwrap_or(Value::Null));
                fields.insert(k.clone(), v.clone());
            }
        }
        gold = serde_json::from_value(Value::Object(fields)).map_err(invalid)?;
    }
    Ok(CuratedLine {
        gold,
        review: ReviewBlock {
            claim_id: &item.id,
            claim_hash: &item.hash,
            reviewer: decision.map(|d| d.reviewer.as_str()),
            at: decision.map(|d| d.at.as_str()),
            decision: &item.status,
            reason: decision.and_then(|d| d.reason.as_deref()),
            original,
        },
    })
}

/// Write every curated claim of `store` to `out`, one line each; returns how many.
pub fn write(store: &Store, out: &mut dyn Write) -> Result<usize, ReviewError> {
    let items = store.curated()?;
    let io = |source| ReviewError::Io { path: "<export>".into(), source };
    for item in &items {
        let line = serde_json::to_string(&gold_line(item)?).map_err(|e| ReviewError::Invalid(e.to_string()))?;
        writeln!(out, "{line}").map_err(io)?;
    }
    out.flush().map_err(io)?;
    Ok(items.len())
}

#[cfg(test)]
mod tests {
    use super::super::db::{NewDecision, Verdict};
    use super::*;
    use serde_json::json;
    use std::path::Path;

    #[test]
    fn review_export_applies_corrections_and_keeps_originals() {
        let record = json!({
            "schema": "claimex.claim/1", "id": "a",
            "doc": {"path": "corpus/a.txt"},
            "sentence": {"index": 0, "text": "Officials said 2,500 troops and 2,500 others.", "char_start": 10, "char_end": 55, "byte_start": 10, "byte_end": 55},
            "quantity": {"text": "2,500", "value": 2500.0, "low": null, "high": null, "qualifier": "exact", "kind": "count",
                         "char_start": 42, "char_end": 47, "byte_start": 42, "byte_end": 47},
            "unit": {"text": "others", "lemma": "other", "at": null},
            "subject": null, "places": [{"name": "Iraq", "id": "iq"}], "time": null,
            "source": {"text": "Officials", "kind": "official", "via": [{"text": "Reuters"}], "confidence": 0.9},
            "extractor": {"name": "claimex"}
        });
        let mut store = Store::open(Path::new(":memory:")).expect("open");
        store.upsert(&[record]).expect("upsert");
        assert_eq!(write(&store, &mut Vec::new()).expect("write"), 0, "nothing decided yet");
        let correction = json!({"unit": "person", "places": ["Iraq", "Syria"]}).as_object().cloned();
        store
            .decide(&NewDecision {
                id: "a".into(),
                reviewer: "ann".into(),
                decision: Verdict::Corrected,
                reason: None,
                correction,
            })
            .expect("decide");
        let mut out = Vec::new();
        assert_eq!(write(&store, &mut out).expect("write"), 1);
        assert!(out.starts_with(b"{\"doc\":\"a.txt\",\"sentence\":"), "fields in the guidelines' order");
        let line: Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(line["doc"], "a.txt");
        assert_eq!(line["quantity_text"], "2,500");
        assert_eq!(line["occurrence"], 2);
        assert_eq!(line["unit"], "person");
        assert_eq!(line["places"], json!(["Iraq", "Syria"]));
        assert_eq!(
            (line["source"].as_str(), line["source_kind"].as_str(), line["via"].as_str()),
            (Some("Officials"), Some("official"), Some("Reuters"))
        );
        assert_eq!(line["review"]["decision"], "corrected");
        assert_eq!(line["review"]["reviewer"], "ann");
        assert_eq!(line["review"]["original"], json!({"unit": "other", "places": ["Iraq"]}));
        // It is a gold line `claimex eval` reads.
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("curated.jsonl");
        std::fs::write(&path, &out).expect("write");
        let gold = crate::eval::load_gold(&path).expect("gold");
        assert_eq!((gold[0].occurrence, gold[0].unit.as_deref()), (2, Some("person")));
    }
}
