//! `claimex::eval` gives the same figures as `shared/gold/score.py` on the same files.
//!
//! Prediction files are made from the gold itself with deterministic perturbations (units,
//! sources, values, spans, dropped and spurious claims, `via` as a list), scored by both, and
//! every figure compared. Where python3 or score.py is missing the expected figures recorded
//! below (from score.py, for these exact perturbations) are used instead.

use claimex::eval::{load_gold, score, Gold};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A prediction record for a gold line, with the quantity located in the article.
fn record(g: &Gold, text: &str) -> Value {
    let s0 = text.find(&g.sentence).expect("gold sentence in article");
    let mut at = s0;
    for _ in 0..g.occurrence {
        at = text[at..].find(&g.quantity_text).map(|i| at + i).expect("quantity in sentence");
        at += 1;
    }
    let start = text[..at - 1].chars().count();
    let end = start + g.quantity_text.chars().count();
    json!({
        "doc": {"path": format!("corpus/{}", g.doc)},
        "sentence": {"text": g.sentence},
        "quantity": {"text": g.quantity_text, "value": g.value, "low": g.low, "high": g.high,
                     "qualifier": g.qualifier.map(|q| q.as_str()), "char_start": start, "char_end": end},
        "unit": {"lemma": g.unit},
        "subject": g.subject.as_ref().map(|s| json!({"name": s})),
        "places": g.places.iter().map(|p| json!({"name": p})).collect::<Vec<_>>(),
        "time": g.time.as_ref().map(|t| json!({"text": t})),
        "source": g.source.as_ref().map(|s| json!({"text": s, "kind": g.source_kind.map(|k| k.as_str()), "via": g.via.as_ref().map(|v| json!({"text": v}))})),
    })
}

/// The variants: name and predictions.
fn variants(gold: &[Gold]) -> Vec<(&'static str, Vec<Value>)> {
    let text = |g: &Gold| std::fs::read_to_string(root().join("corpus").join(&g.doc)).expect("article");
    let exact: Vec<Value> = gold.iter().map(|g| record(g, &text(g))).collect();
    let mut perturbed = exact.clone();
    for (i, p) in perturbed.iter_mut().enumerate() {
        match i % 9 {
            0 => p["unit"]["lemma"] = json!("things"),
            1 => p["source"] = Value::Null,
            2 => {
                if let Some(v) = p["quantity"]["value"].as_f64() {
                    p["quantity"]["value"] = json!(v * 1.1);
                }
            }
            3 => {
                let s = p["quantity"]["char_start"].as_i64().unwrap();
                p["quantity"]["char_start"] = json!(s + 1000);
                p["quantity"]["char_end"] = json!(s + 1003);
            }
            4 => p["places"] = json!([{"name": "Narnia"}]),
            5 => p["time"] = json!({"text": "yesterday"}),
            6 => p["subject"] = json!("ISIS"),
            7 => p["quantity"]["qualifier"] = json!("approx"),
            _ => {
                if p["source"].is_object() {
                    p["source"]["via"] = json!([{"text": "Reuters"}, {"text": "AP"}]);
                }
            }
        }
    }
    let mut dropped: Vec<Value> = exact.iter().step_by(2).cloned().collect();
    let mut spurious = exact[0].clone();
    spurious["quantity"]["char_start"] = json!(0);
    spurious["quantity"]["char_end"] = json!(2);
    dropped.push(spurious);
    let mut other_doc = exact[1].clone();
    other_doc["doc"] = json!({"path": "elsewhere/not-in-gold.txt"});
    dropped.push(other_doc);
    vec![("exact", exact), ("perturbed", perturbed), ("dropped_and_spurious", dropped)]
}

fn figures(v: &Value) -> Vec<(String, f64)> {
    let mut out = vec![
        ("gold".to_string(), v["gold"].as_f64().unwrap()),
        ("pred".to_string(), v["pred"].as_f64().unwrap()),
        ("matched".to_string(), v["matched"].as_f64().unwrap()),
    ];
    for group in ["claims", "strict"] {
        for k in ["precision", "recall", "f1"] {
            out.push((format!("{group}.{k}"), v[group][k].as_f64().unwrap()));
        }
    }
    for k in ["qualifier", "unit", "source", "source_kind", "via", "time", "subject", "places"] {
        out.push((format!("fields.{k}"), v["fields"][k].as_f64().unwrap()));
    }
    out
}

/// score.py --json on a predictions file, if python3 and the script are here.
fn python_scores(pred: &Path) -> Option<Value> {
    let script = root().join("../shared/gold/score.py");
    if !script.exists() {
        return None;
    }
    let out = Command::new("python3")
        .arg(&script)
        .args(["--json", "--gold"])
        .arg(root().join("tests/gold/seeds.gold.jsonl"))
        .arg("--docs")
        .arg(root().join("corpus"))
        .arg("--pred")
        .arg(pred)
        .output()
        .ok()?;
    out.status.success().then(|| serde_json::from_slice(&out.stdout).expect("score.py prints JSON"))
}

/// Figures score.py gave for the variants above (claims F1, strict F1, unit, source, via,
/// places), for machines without python3.
const RECORDED: &[(&str, [f64; 6])] = &[
    ("exact", [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
    (
        "perturbed",
        [
            0.8076923076923077,
            0.6730769230769231,
            0.8571428571428571,
            0.9761904761904762,
            0.9523809523809523,
            0.8571428571428571,
        ],
    ),
    ("dropped_and_spurious", [0.6582278481012659, 0.6582278481012659, 1.0, 1.0, 1.0, 1.0]),
];

#[test]
fn eval_parity_with_score_py() {
    let gold = load_gold(&root().join("tests/gold/seeds.gold.jsonl")).expect("gold");
    let dir = tempfile::tempdir().unwrap();
    let mut compared_with_python = 0;
    for (name, preds) in variants(&gold) {
        let path = dir.path().join(format!("{name}.jsonl"));
        let lines: Vec<String> = preds.iter().map(Value::to_string).collect();
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        let ours = score(&gold, &preds, &root().join("corpus")).expect("scores").to_json();
        let headline = ["claims", "strict"].map(|g| ours[g]["f1"].as_f64().unwrap_or(f64::NAN));
        let fields = ["unit", "source", "via", "places"].map(|k| ours["fields"][k].as_f64().unwrap_or(f64::NAN));
        println!("{name}: claims/strict F1 {headline:?}, unit/source/via/places {fields:?}");
        match python_scores(&path) {
            Some(theirs) => {
                compared_with_python += 1;
                for ((k, a), (_, b)) in figures(&ours).into_iter().zip(figures(&theirs)) {
                    assert!((a - b).abs() < 1e-12, "{name}: {k}: claimex {a} vs score.py {b}");
                }
            }
            None => {
                let (_, want) = RECORDED.iter().find(|(n, _)| *n == name).expect("recorded figures");
                let got = [
                    ours["claims"]["f1"].as_f64().unwrap(),
                    ours["strict"]["f1"].as_f64().unwrap(),
                    ours["fields"]["unit"].as_f64().unwrap(),
                    ours["fields"]["source"].as_f64().unwrap(),
                    ours["fields"]["via"].as_f64().unwrap(),
                    ours["fields"]["places"].as_f64().unwrap(),
                ];
                for (a, b) in got.iter().zip(want) {
                    assert!((a - b).abs() < 1e-9, "{name}: claimex {got:?} vs recorded {want:?}");
                }
            }
        }
        if name == "exact" {
            let f = &ours["fields"];
            assert_eq!(ours["claims"]["f1"], 1.0);
            for k in ["qualifier", "unit", "source", "source_kind", "via", "time", "subject", "places"] {
                assert_eq!(f[k], 1.0, "{k}");
            }
        }
    }
    println!("compared with score.py: {compared_with_python} of 3 variants");
}
