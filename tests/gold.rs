//! The gold tests: extract a corpus, score it against hand-made gold with the same figures as
//! `shared/gold/score.py`, print them with the first misses, and fail under the figures already
//! reached, so that they can only go up. Raise a floor when a change raises its figure.
//!
//! - the sample: the five articles of `corpus/` against `tests/gold/seeds.gold.jsonl`;
//! - dev: the 40 articles of `../shared/gold/dev` (30 outlets, 419 claims), read where CI
//!   and every developer machine have it, never copied into the repository.

mod common;

use claimex::document::{Document, Limits};
use claimex::eval::{self, Scores};
use std::path::{Path, PathBuf};

/// The figures a gold test asserts, in the order [`figures`] gives them.
const NAMES: [&str; 11] = [
    "claims F1",
    "strict F1",
    "qualifier",
    "unit",
    "source",
    "source_kind",
    "via",
    "time",
    "subject",
    "places",
    "claims P",
];

fn figures(s: &Scores) -> [f64; 11] {
    let f = &s.fields;
    [
        s.claims.f1,
        s.strict.f1,
        f.qualifier,
        f.unit,
        f.source,
        f.source_kind,
        f.via,
        f.time,
        f.subject,
        f.places,
        s.claims.precision,
    ]
}

/// Fails naming every figure under its floor.
fn assert_floors(set: &str, scores: &Scores, floors: [f64; 11]) {
    println!("{set}:\n{}", scores.render(30));
    let failed: Vec<String> = NAMES
        .iter()
        .zip(figures(scores))
        .zip(floors)
        .filter(|((_, got), min)| got < min)
        .map(|((name, got), min)| format!("{name} {got:.3} < {min:.3}"))
        .collect();
    assert!(failed.is_empty(), "{set}: below the figures reached: {}", failed.join(", "));
}

/// The records of every `*.txt` article of `dir`, as the CLI writes them.
fn records_of(dir: &Path) -> Vec<serde_json::Value> {
    let pipeline = common::pipeline();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let doc = Document::read(&path, Limits::default()).expect("article reads");
        let x = pipeline.extract(&doc.text);
        claimex::record::write_jsonl(&doc, &x, pipeline.gazetteer(), &mut out);
    }
    String::from_utf8(out).expect("UTF-8").lines().map(|l| serde_json::from_str(l).expect("JSON")).collect()
}

#[test]
fn gold_sample_corpus_scores() {
    let root = env!("CARGO_MANIFEST_DIR");
    let gold = eval::load_gold(format!("{root}/tests/gold/seeds.gold.jsonl").as_ref()).expect("gold loads");
    let predictions: Vec<serde_json::Value> =
        common::corpus_records().into_iter().flat_map(|(_, records)| records).collect();
    let scores = eval::score(&gold, &predictions, common::corpus_dir().as_ref()).expect("gold scores");
    // claims F1, strict F1, qualifier, unit, source, source_kind, via, time, subject, places, claims P
    assert_floors("sample", &scores, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.98, 0.94, 0.93, 1.0]);
}

#[test]
fn gold_dev_scores() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/dev");
    let gold = eval::load_gold(&dev.join("dev.gold.jsonl")).expect("../shared/gold/dev/dev.gold.jsonl loads");
    let articles = dev.join("articles");
    let scores = eval::score(&gold, &records_of(&articles), &articles).expect("dev scores");
    // The figures of 2026-12-03, second session (score.py gives the same); the issues' targets
    // are higher. Qualifier is a share of the matched claims: 37 more claims matched and its
    // share dipped while the count right rose (365 → 401).
    // claims F1, strict F1, qualifier, unit, source, source_kind, via, time, subject, places, claims P
    assert_floors("dev", &scores, [0.953, 0.871, 0.990, 0.952, 0.959, 0.957, 0.997, 0.942, 0.567, 0.900, 0.941]);
}
