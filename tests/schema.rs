//! Every record of the sample corpus matches `schema/claim.schema.json`, and every span in it
//! slices the document to exactly its `text` (in code points and in bytes).

mod common;

use claimex::document::{Document, Limits};
use serde_json::Value;

fn check_span(doc: &str, chars: &[char], v: &Value, what: &str, problems: &mut Vec<String>) {
    let words = if v["alias"].is_string() { &v["alias"] } else { &v["text"] };
    let (Some(text), Some(cs), Some(ce), Some(bs), Some(be)) = (
        words.as_str(),
        v["char_start"].as_u64(),
        v["char_end"].as_u64(),
        v["byte_start"].as_u64(),
        v["byte_end"].as_u64(),
    ) else {
        return;
    };
    let by_chars: String = chars[cs as usize..ce as usize].iter().collect();
    if by_chars != text {
        problems.push(format!("{what}: chars {cs}..{ce} give {by_chars:?}, text is {text:?}"));
    }
    if doc.get(bs as usize..be as usize) != Some(text) {
        problems.push(format!("{what}: bytes {bs}..{be} do not give {text:?}"));
    }
}

/// Validates every record against the schema and checks that its spans are its words;
/// returns how many records were checked.
fn check_records(set: &[(Document, Vec<Value>)], problems: &mut Vec<String>) -> usize {
    let schema: Value = serde_json::from_str(include_str!("../schema/claim.schema.json")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut count = 0;
    for (doc, records) in set {
        let chars: Vec<char> = doc.text.chars().collect();
        for r in records {
            count += 1;
            for error in validator.iter_errors(r) {
                problems.push(format!("{}: {} at {}", doc.path.display(), error, error.instance_path()));
            }
            let mut spans = vec![
                ("sentence", &r["sentence"]),
                ("quantity", &r["quantity"]),
                ("time", &r["time"]),
                ("subject", &r["subject"]),
            ];
            spans.extend(r["places"].as_array().into_iter().flatten().map(|p| ("place", p)));
            if r["source"].is_object() {
                spans.push(("source.cue", &r["source"]["cue"]));
                spans.extend(r["source"]["via"].as_array().into_iter().flatten().map(|v| ("source.via", v)));
                spans.push(("source", &r["source"]));
            }
            for (what, v) in spans {
                check_span(&doc.text, &chars, v, what, problems);
            }
        }
    }
    count
}

#[test]
fn schema_every_corpus_record_is_valid_and_traceable() {
    let mut problems = Vec::new();
    let count = check_records(&common::corpus_records(), &mut problems);
    assert!(count > 40, "the sample corpus yields claims ({count})");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// The dev articles name companies and people no gazetteer lists: their records, with
/// unlisted subjects (`id` null), match the schema too.
#[test]
fn schema_dev_records_with_unlisted_subjects_are_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/dev/articles");
    let p = common::pipeline();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let set: Vec<(Document, Vec<Value>)> = files
        .iter()
        .map(|path| {
            let doc = Document::read(path, Limits::default()).expect("dev article reads");
            let x = p.extract(&doc.text);
            let mut out = Vec::new();
            claimex::record::write_jsonl(&doc, &x, p.gazetteer(), &mut out);
            let records = String::from_utf8(out)
                .expect("UTF-8")
                .lines()
                .map(|l| serde_json::from_str(l).expect("JSON"))
                .collect();
            (doc, records)
        })
        .collect();
    let unlisted = set.iter().flat_map(|(_, r)| r).filter(|r| r["subject"]["type"] == "unlisted").count();
    assert!(unlisted > 10, "dev records have unlisted subjects ({unlisted})");
    let mut problems = Vec::new();
    check_records(&set, &mut problems);
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
