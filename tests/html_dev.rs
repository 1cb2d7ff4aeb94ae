//! Web pages read as their articles' clean text: the claims found in the 40 dev pages
//! (`../shared/gold/dev/html/X.html`) against those found in the hand-checked texts
//! (`../shared/gold/dev/articles/X.txt`), scored as `../shared/eval/html_claims.py` scores
//! them; and fixture pages for each kind of page furniture, with near misses that must stay.

use claimex::batch::{serialise, Records};
use claimex::gazetteer::Gazetteer;
use claimex::input::{read_file, InputOptions};
use claimex::Pipeline;
use regex::Regex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The claims F1 reached on the dev pages: it may only go up.
const F1_FLOOR: f64 = 0.985;

/// A claim as html_claims.py keys it: document, quantity words, three words before and after.
type Key = (String, String, String, String);

fn claims(pipeline: &Pipeline, path: &Path, words: &Regex, into: &mut HashMap<Key, usize>) {
    let doc = read_file(path, &InputOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let name = path.file_name().unwrap().to_string_lossy().split('.').next().unwrap().to_string();
    let out = serialise(pipeline, doc, Records::Claims, None);
    for line in String::from_utf8(out.jsonl).unwrap().lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        let (s, q) = (&r["sentence"], &r["quantity"]);
        let sentence: Vec<char> = s["text"].as_str().unwrap().chars().collect();
        let quantity = q["text"].as_str().unwrap();
        let rel = (q["char_start"].as_u64().unwrap() - s["char_start"].as_u64().unwrap()) as usize;
        let before: String = sentence[..rel].iter().collect();
        let after: String = sentence[(rel + quantity.chars().count()).min(sentence.len())..].iter().collect();
        let before: Vec<&str> = words.find_iter(&before).map(|m| m.as_str()).collect();
        let after: Vec<&str> = words.find_iter(&after).map(|m| m.as_str()).take(3).collect();
        let before = before[before.len().saturating_sub(3)..].join(" ").to_lowercase();
        let key = (name.clone(), quantity.to_lowercase(), before, after.join(" ").to_lowercase());
        *into.entry(key).or_default() += 1;
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e} (../shared must be beside the clone)", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Matched, page and text claim counts.
fn overlap(gold: &HashMap<Key, usize>, pred: &HashMap<Key, usize>) -> (usize, usize, usize) {
    let matched = gold.iter().map(|(k, n)| (*n).min(pred.get(k).copied().unwrap_or(0))).sum();
    (matched, pred.values().sum(), gold.values().sum())
}

fn prf(matched: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = matched as f64 / pred.max(1) as f64;
    let r = matched as f64 / gold.max(1) as f64;
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

#[test]
fn html_dev_pages_give_the_claims_of_their_clean_text() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/dev");
    let pipeline = Pipeline::new(Gazetteer::bundled().unwrap());
    let words = Regex::new(r"\w+").unwrap();
    let (mut gold, mut pred) = (HashMap::new(), HashMap::new());
    for path in files(&dev.join("articles")) {
        claims(&pipeline, &path, &words, &mut gold);
    }
    let pages = files(&dev.join("html"));
    assert_eq!(pages.len(), 40);
    for path in &pages {
        claims(&pipeline, path, &words, &mut pred);
    }
    let (m, p, g) = overlap(&gold, &pred);
    let (precision, recall, f1) = prf(m, p, g);
    eprintln!("claims from pages vs text: P {precision:.3}  R {recall:.3}  F1 {f1:.3}");
    // Per page, for the closing note and for finding what to fix next.
    let mut lost = Vec::new();
    for path in &pages {
        let name = path.file_name().unwrap().to_string_lossy().split('.').next().unwrap().to_string();
        let only = |c: &HashMap<Key, usize>| -> HashMap<Key, usize> {
            c.iter().filter(|(k, _)| k.0 == name).map(|(k, n)| (k.clone(), *n)).collect()
        };
        let (pm, pp, pg) = overlap(&only(&gold), &only(&pred));
        let (pp_, pr, pf) = prf(pm, pp, pg);
        eprintln!("| {name} | {pp_:.3} | {pr:.3} | {pf:.3} | {pp} | {pg} |");
        // A page whose article was lost finds few of the text's claims.
        if pg >= 3 && pr < 0.5 {
            lost.push(name);
        }
    }
    assert!(lost.is_empty(), "pages that lost their article: {lost:?}");
    assert!(f1 >= F1_FLOOR, "claims F1 {f1:.3} fell below {F1_FLOOR}");
}

/// Each fixture page states in its first comment the lines to `keep:` and to `drop:`.
#[test]
fn html_fixture_pages_drop_furniture_and_keep_near_misses() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let pages = files(&dir);
    assert!(pages.len() >= 7);
    for path in pages {
        let page = std::fs::read_to_string(&path).unwrap();
        let (text, _) = claimex::input::html::article(&page);
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        let expectations = page.split("-->").next().unwrap();
        let mut checked = 0;
        for line in expectations.lines() {
            if let Some(keep) = line.strip_prefix("keep: ") {
                assert!(paragraphs.contains(&keep), "{}: lost {keep:?}\n{text}", path.display());
            } else if let Some(drop) = line.strip_prefix("drop: ") {
                assert!(!text.contains(drop), "{}: kept {drop:?}\n{text}", path.display());
            } else {
                continue;
            }
            checked += 1;
        }
        assert!(checked >= 3, "{}: no expectations", path.display());
    }
}
