//! Every record of the sample corpus matches `schema/claim.schema.json`, and every span in it
//! slices the document to exactly its `text` (in code points and in bytes).

mod common;

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

#[test]
fn schema_every_corpus_record_is_valid_and_traceable() {
    let schema: Value = serde_json::from_str(include_str!("../schema/claim.schema.json")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut problems = Vec::new();
    let mut count = 0;
    for (doc, records) in common::corpus_records() {
        let chars: Vec<char> = doc.text.chars().collect();
        for r in &records {
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
                check_span(&doc.text, &chars, v, what, &mut problems);
            }
        }
    }
    assert!(count > 40, "the sample corpus yields claims ({count})");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
