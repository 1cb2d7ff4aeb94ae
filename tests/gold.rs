//! The gold test: extract the sample corpus, score it against the hand-made gold with the
//! same figures as `shared/gold/score.py`, print them with the first misses, and fail under
//! the thresholds the issues set.

mod common;

use claimex::eval;

/// Thresholds set by the issues (#2 claims and strict F1; #3 quantities; #4 attribution).
const THRESHOLDS: &[(&str, f64)] = &[
    ("claims F1", 0.95),
    ("strict F1", 0.85),
    ("qualifier", 0.95),
    ("unit", 0.90),
    ("source", 0.90),
    ("source_kind", 0.85),
    ("via", 0.90),
];

#[test]
fn gold_sample_corpus_scores() {
    let root = env!("CARGO_MANIFEST_DIR");
    let gold = eval::load_gold(format!("{root}/tests/gold/seeds.gold.jsonl").as_ref()).expect("gold loads");
    let predictions: Vec<serde_json::Value> =
        common::corpus_records().into_iter().flat_map(|(_, records)| records).collect();
    let scores = eval::score(&gold, &predictions, common::corpus_dir().as_ref()).expect("gold scores");
    println!("{}", scores.render(20));
    let figures = [
        ("claims F1", scores.claims.f1),
        ("strict F1", scores.strict.f1),
        ("qualifier", scores.fields.qualifier),
        ("unit", scores.fields.unit),
        ("source", scores.fields.source),
        ("source_kind", scores.fields.source_kind),
        ("via", scores.fields.via),
    ];
    let failed: Vec<String> = THRESHOLDS
        .iter()
        .zip(figures)
        .filter(|((_, min), (_, got))| got < min)
        .map(|((name, min), (_, got))| format!("{name} {got:.3} < {min:.2}"))
        .collect();
    assert!(failed.is_empty(), "below threshold: {}", failed.join(", "));
}
