//! Scoring predicted claims against gold annotations: the same figures as
//! `shared/gold/score.py` on the same files.
//!
//! Input: gold lines (GUIDELINES.md format), predicted records (any JSON with the keys
//! score.py reads), and the folder of articles. Output: [`Scores`]. The port follows score.py
//! step by step — text normalisation (NFKC, lower case, punctuation and articles removed),
//! one-to-one greedy matching in gold order by overlap, numbers equal within 0.5% — so the two
//! agree to the last digit; `tests/eval_parity.rs` checks it. Error listings print strings
//! with Rust's `{:?}` where score.py uses Python's `repr`.

use crate::attribution::SourceKind;
use crate::quantity::qualifier::Qualifier;
use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// One gold line (GUIDELINES.md), the one type for it: `eval` reads it, `review export`
/// writes it (with a `review` block beside it) and the review database shows it as a claim's
/// gold fields. It serialises its fields in the guidelines' order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gold {
    /// The article's file name.
    pub doc: String,
    /// The whole sentence, as in the article.
    pub sentence: String,
    /// The words of the quantity.
    pub quantity_text: String,
    /// Which occurrence of `quantity_text` in the sentence (1-based).
    #[serde(default = "one")]
    pub occurrence: usize,
    /// Point value.
    #[serde(serialize_with = "whole_as_integer")]
    pub value: Option<f64>,
    /// Lower bound.
    #[serde(serialize_with = "whole_as_integer")]
    pub low: Option<f64>,
    /// Upper bound.
    #[serde(serialize_with = "whole_as_integer")]
    pub high: Option<f64>,
    /// Qualifier, by its record name (`approx`); none (or empty) is `exact`.
    #[serde(default, with = "qualifier_name")]
    pub qualifier: Option<Qualifier>,
    /// Counted noun.
    pub unit: Option<String>,
    /// Entity the claim is about.
    pub subject: Option<String>,
    /// Places scoping it.
    #[serde(default)]
    pub places: Vec<String>,
    /// Time scoping it.
    pub time: Option<String>,
    /// Source words.
    pub source: Option<String>,
    /// Source kind, by its record name (`official`).
    #[serde(default, with = "source_kind_name")]
    pub source_kind: Option<SourceKind>,
    /// Relay.
    pub via: Option<String>,
}

fn one() -> usize {
    1
}

/// A number as gold lines write it: a whole number without a fraction (`41`, not `41.0`),
/// as people write them and as a correction sends them.
fn whole_as_integer<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match *v {
        // Below 2^53 every whole f64 is exactly an i64.
        Some(x) if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 => s.serialize_some(&(x as i64)),
        other => other.serialize(s),
    }
}

/// Every qualifier, in the order of the enum (the names of gold lines come from
/// `Qualifier::as_str`; [`qualifier_rank`] keeps this list whole).
pub const QUALIFIERS: [Qualifier; 8] = [
    Qualifier::Exact,
    Qualifier::Approx,
    Qualifier::AtLeast,
    Qualifier::MoreThan,
    Qualifier::AtMost,
    Qualifier::LessThan,
    Qualifier::UpTo,
    Qualifier::Range,
];

/// Every source kind, in the order of the enum ([`source_kind_rank`] keeps it whole).
pub const SOURCE_KINDS: [SourceKind; 6] = [
    SourceKind::Person,
    SourceKind::Organization,
    SourceKind::Official,
    SourceKind::Document,
    SourceKind::Outlet,
    SourceKind::Anonymous,
];

/// Where `q` is in [`QUALIFIERS`]: a new variant fails to compile here until it is listed.
pub const fn qualifier_rank(q: Qualifier) -> usize {
    match q {
        Qualifier::Exact => 0,
        Qualifier::Approx => 1,
        Qualifier::AtLeast => 2,
        Qualifier::MoreThan => 3,
        Qualifier::AtMost => 4,
        Qualifier::LessThan => 5,
        Qualifier::UpTo => 6,
        Qualifier::Range => 7,
    }
}

/// Where `k` is in [`SOURCE_KINDS`]: a new variant fails to compile here until it is listed.
pub const fn source_kind_rank(k: SourceKind) -> usize {
    match k {
        SourceKind::Person => 0,
        SourceKind::Organization => 1,
        SourceKind::Official => 2,
        SourceKind::Document => 3,
        SourceKind::Outlet => 4,
        SourceKind::Anonymous => 5,
    }
}

/// The qualifier a record or gold line names (`at_least`).
pub fn qualifier_named(name: &str) -> Option<Qualifier> {
    QUALIFIERS.into_iter().find(|q| q.as_str() == name)
}

/// The source kind a record or gold line names (`official`).
pub fn source_kind_named(name: &str) -> Option<SourceKind> {
    SOURCE_KINDS.into_iter().find(|k| k.as_str() == name)
}

/// An optional enum field written as its name: null, missing or empty is none; an unknown
/// name is an error that lists the known ones.
fn named<'de, D: Deserializer<'de>, T: Copy>(
    d: D,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<Option<T>, D::Error> {
    let text: Option<String> = Option::deserialize(d)?;
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => all.iter().copied().find(|&x| name(x) == text).map(Some).ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|&x| name(x)).collect();
            serde::de::Error::custom(format!("`{text}` is not one of {}", known.join(", ")))
        }),
    }
}

mod qualifier_name {
    use super::{named, Qualifier, QUALIFIERS};
    use serde::{Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(q: &Option<Qualifier>, s: S) -> Result<S::Ok, S::Error> {
        q.map(Qualifier::as_str).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Qualifier>, D::Error> {
        named(d, &QUALIFIERS, Qualifier::as_str)
    }
}

mod source_kind_name {
    use super::{named, SourceKind, SOURCE_KINDS};
    use serde::{Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(k: &Option<SourceKind>, s: S) -> Result<S::Ok, S::Error> {
        k.map(SourceKind::as_str).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SourceKind>, D::Error> {
        named(d, &SOURCE_KINDS, SourceKind::as_str)
    }
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Matched over predicted.
    pub precision: f64,
    /// Matched over gold.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

/// Accuracy of each field over the matched pairs (places: mean set F1).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Fields {
    /// Qualifier.
    pub qualifier: f64,
    /// Unit (singular forms compared).
    pub unit: f64,
    /// Source words (loose match).
    pub source: f64,
    /// Source kind.
    pub source_kind: f64,
    /// Relay.
    pub via: f64,
    /// Time words.
    pub time: f64,
    /// Subject.
    pub subject: f64,
    /// Places, set F1.
    pub places: f64,
}

impl Fields {
    fn named(&self) -> [(&'static str, f64); 8] {
        [
            ("qualifier", self.qualifier),
            ("unit", self.unit),
            ("source", self.source),
            ("source_kind", self.source_kind),
            ("via", self.via),
            ("time", self.time),
            ("subject", self.subject),
            ("places", self.places),
        ]
    }
}

/// A miss, for the error listings: document, quantity words, sentence, and for wrong fields
/// the gold and predicted values.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// The article.
    pub doc: String,
    /// The quantity's words.
    pub quantity: String,
    /// The sentence (first 100 characters are printed).
    pub sentence: String,
    /// Gold value of the field, for wrong fields.
    pub gold: Option<String>,
    /// Predicted value of the field, for wrong fields.
    pub got: Option<String>,
}

/// The bands of source confidence the calibration table reports, highest first: a band
/// holds the confidences `low <= c < high`.
pub const CONFIDENCE_BANDS: [(f64, f64); 4] = [(0.9, f64::INFINITY), (0.8, 0.9), (0.7, 0.8), (f64::NEG_INFINITY, 0.7)];

/// One row of the calibration table: the matched claims whose predicted source has a
/// confidence in the band (or, for the last row, no source), and how many have the gold's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Lowest confidence in the band (`None` for the claims with no predicted source).
    pub low: Option<f64>,
    /// Above the band's highest confidence.
    pub high: Option<f64>,
    /// Matched claims in the band.
    pub claims: usize,
    /// Of them, with the right source.
    pub right: usize,
}

impl Band {
    /// The share with the right source (0 for an empty band).
    pub fn share(&self) -> f64 {
        if self.claims == 0 {
            0.0
        } else {
            self.right as f64 / self.claims as f64
        }
    }
}

/// The calibration table of `(confidence of the predicted source, source right)` pairs: one
/// row per [`CONFIDENCE_BANDS`] band, then the claims with no predicted source (`None`).
pub fn calibration(pairs: &[(Option<f64>, bool)]) -> Vec<Band> {
    let mut bands: Vec<Band> = CONFIDENCE_BANDS
        .iter()
        .map(|&(low, high)| Band { low: Some(low), high: Some(high), claims: 0, right: 0 })
        .chain([Band { low: None, high: None, claims: 0, right: 0 }])
        .collect();
    for &(confidence, right) in pairs {
        let k = match confidence {
            Some(c) => CONFIDENCE_BANDS.iter().position(|&(low, high)| low <= c && c < high).unwrap_or(3),
            None => CONFIDENCE_BANDS.len(),
        };
        bands[k].claims += 1;
        bands[k].right += usize::from(right);
    }
    bands
}

/// Everything score.py reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Gold claims.
    pub gold: usize,
    /// Predicted claims in the gold's documents.
    pub pred: usize,
    /// Matched pairs.
    pub matched: usize,
    /// Claims P/R/F1.
    pub claims: Prf,
    /// Field accuracies.
    pub fields: Fields,
    /// Strict P/R/F1: value, unit and source all right.
    pub strict: Prf,
    /// Gold claims with no prediction.
    pub missed: Vec<Miss>,
    /// Predictions with no gold claim.
    pub spurious: Vec<Miss>,
    /// Matched pairs with the wrong unit.
    pub wrong_unit: Vec<Miss>,
    /// Matched pairs with the wrong source.
    pub wrong_source: Vec<Miss>,
    /// Matched pairs with the wrong time.
    pub wrong_time: Vec<Miss>,
    /// Matched pairs with the wrong subject.
    pub wrong_subject: Vec<Miss>,
    /// Matched pairs whose places differ from the gold's.
    pub wrong_places: Vec<Miss>,
    /// Source accuracy by the predicted source's confidence ([`calibration`]).
    pub calibration: Vec<Band>,
}

/// Why scoring could not run; every message names the file (and line).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not JSON, or not a gold line.
    #[error("{}:{line}: not JSON: {reason}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// The parser's message.
        reason: String,
    },
    /// A predictions line is a claimex record of another kind (an entities file).
    #[error("{}:{line}: a {schema} record, not claims (claimex.claim/1): give the output of `claimex extract`", path.display())]
    Schema {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// The schema it names.
        schema: String,
    },
    /// A gold sentence or quantity is not in its article.
    #[error("{doc}: {what}")]
    NotFound {
        /// The article.
        doc: String,
        /// What was not found.
        what: String,
    },
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.to_path_buf(), source })
}

fn jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, EvalError> {
    let text = read(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let value = serde_json::from_str(line).map_err(|e| EvalError::Json {
            path: path.to_path_buf(),
            line: i + 1,
            reason: e.to_string(),
        })?;
        out.push(value);
    }
    Ok(out)
}

/// Read a gold file.
pub fn load_gold(path: &Path) -> Result<Vec<Gold>, EvalError> {
    jsonl(path)
}

/// Read a predictions file (JSONL; blank lines skipped). Records of other tools need no
/// `schema` field, but one naming another claimex schema (`claimex.entity/1`) is an error:
/// it would score as zeros.
pub fn load_predictions(path: &Path) -> Result<Vec<Value>, EvalError> {
    let records: Vec<Value> = jsonl(path)?;
    let text = read(path)?;
    let lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, _)| i + 1);
    for (record, line) in records.iter().zip(lines) {
        if let Some(schema) =
            record["schema"].as_str().filter(|s| s.starts_with("claimex.") && *s != crate::record::SCHEMA)
        {
            return Err(EvalError::Schema { path: path.to_path_buf(), line, schema: schema.to_string() });
        }
    }
    Ok(records)
}

static NOT_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\w\s']").expect("valid"));
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(the|a|an)\b").expect("valid"));

/// score.py's `norm_text`: NFKC, lower case, curly quotes straightened, punctuation and
/// articles dropped, white space collapsed.
pub fn norm_text(s: Option<&str>) -> String {
    let Some(s) = s else { return String::new() };
    let s: String = s.nfkc().collect::<String>().to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let s = NOT_WORD.replace_all(&s, " ");
    let s = ARTICLE.replace_all(&s, " ");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// score.py's `singular`: the last word of the normalised text, with plural endings removed.
pub fn singular(w: &str) -> String {
    let w = norm_text(Some(w));
    let Some(w) = w.split(' ').next_back().filter(|w| !w.is_empty()) else { return w };
    for (suffix, rep) in [("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x")] {
        if let Some(stem) = w.strip_suffix(suffix) {
            return format!("{stem}{rep}");
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && w.chars().count() > 3 {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// score.py's `loose_eq`: equal, one inside the other, or half their words shared.
pub fn loose_eq(a: &str, b: &str) -> bool {
    let (na, nb) = (norm_text(Some(a)), norm_text(Some(b)));
    if na.is_empty() || nb.is_empty() {
        return na == nb;
    }
    if na == nb || na.contains(&nb) || nb.contains(&na) {
        return true;
    }
    let ta: std::collections::HashSet<&str> = na.split(' ').collect();
    let tb: std::collections::HashSet<&str> = nb.split(' ').collect();
    ta.intersection(&tb).count() as f64 / ta.union(&tb).count() as f64 >= 0.5
}

/// score.py's `num_eq`: both null, or equal within 0.5%.
pub fn num_eq(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || (a - b).abs() <= 0.005 * a.abs().max(b.abs()),
        (None, None) => true,
        _ => false,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// score.py's `numbers_agree` between a gold line and a predicted record.
pub fn numbers_agree(g: &Gold, p: &Value) -> bool {
    let q = &p["quantity"];
    let (pv, pl, ph) = (number(&q["value"]), number(&q["low"]), number(&q["high"]));
    if let Some(gv) = g.value {
        return num_eq(Some(gv), pv) || (pv.is_none() && (num_eq(Some(gv), pl) || num_eq(Some(gv), ph)));
    }
    let low_ok = g.low.is_none_or(|gl| num_eq(Some(gl), pl) || num_eq(Some(gl), pv));
    let high_ok = g.high.is_none_or(|gh| num_eq(Some(gh), ph) || num_eq(Some(gh), pv));
    low_ok && high_ok
}

fn prf(tp: usize, npred: usize, ngold: usize) -> Prf {
    let precision = if npred > 0 { tp as f64 / npred as f64 } else { 0.0 };
    let recall = if ngold > 0 { tp as f64 / ngold as f64 } else { 0.0 };
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Prf { precision, recall, f1 }
}

/// score.py's `set_f1` over loosely equal names.
pub fn set_f1(gold: &[String], pred: &[String]) -> f64 {
    let gs: Vec<String> = gold.iter().filter(|x| !x.is_empty()).map(|x| norm_text(Some(x))).collect();
    let ps: Vec<String> = pred.iter().filter(|x| !x.is_empty()).map(|x| norm_text(Some(x))).collect();
    if gs.is_empty() && ps.is_empty() {
        return 1.0;
    }
    if gs.is_empty() || ps.is_empty() {
        return 0.0;
    }
    let hit_p = ps.iter().filter(|p| gs.iter().any(|g| loose_eq(p, g))).count() as f64;
    let hit_g = gs.iter().filter(|g| ps.iter().any(|p| loose_eq(p, g))).count() as f64;
    let (pr, rc) = (hit_p / ps.len() as f64, hit_g / gs.len() as f64);
    if pr + rc > 0.0 {
        2.0 * pr * rc / (pr + rc)
    } else {
        0.0
    }
}

/// score.py's `opt_eq`: a null gold wants a null prediction.
pub fn opt_eq(gold: Option<&str>, pred: Option<&str>) -> bool {
    match gold.filter(|g| !g.is_empty()) {
        None => pred.is_none_or(str::is_empty),
        Some(g) => pred.is_some_and(|p| !p.is_empty() && loose_eq(g, p)),
    }
}

/// score.py's `str_or_text`: a string, or the `text` (else `name`) of an object.
fn str_or_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => {
            let pick = |k: &str| o.get(k).filter(|x| truthy(x)).and_then(|x| x.as_str().map(String::from));
            pick("text").or_else(|| pick("name"))
        }
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Python truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// The code-point offset of byte offset `b` in `s`.
fn chars_before(s: &str, b: usize) -> usize {
    s[..b].chars().count()
}

/// score.py's `locate_gold`: the code-point span of the gold quantity in the article.
fn locate(g: &Gold, text: &str) -> Result<(usize, usize), EvalError> {
    let not_found = |what: String| EvalError::NotFound { doc: g.doc.clone(), what };
    let (s0, sentence) = match text.find(&g.sentence) {
        Some(b) => (b, g.sentence.as_str()),
        None => {
            // Tolerate differences in white space, as score.py does.
            let pattern = g.sentence.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+");
            let re = Regex::new(&pattern).map_err(|e| not_found(e.to_string()))?;
            let m = re.find(text).ok_or_else(|| {
                not_found(format!("sentence not found: {:?}", g.sentence.chars().take(80).collect::<String>()))
            })?;
            (m.start(), m.as_str())
        }
    };
    let mut start = None;
    let mut pos = 0;
    for _ in 0..g.occurrence.max(1) {
        let found = sentence.get(pos..).and_then(|rest| rest.find(&g.quantity_text)).map(|i| pos + i);
        let Some(at) = found else {
            return Err(not_found(format!(
                "quantity {:?} (occurrence {}) not in sentence: {:?}",
                g.quantity_text,
                g.occurrence,
                sentence.chars().take(80).collect::<String>()
            )));
        };
        start = Some(at);
        // Python advances one code point; step over the whole first char.
        pos = at + sentence[at..].chars().next().map_or(1, char::len_utf8);
    }
    let start = start.unwrap_or(0);
    let begin = chars_before(text, s0 + start);
    Ok((begin, begin + g.quantity_text.chars().count()))
}

fn doc_name(p: &Value) -> Option<String> {
    let d = p["doc"]["path"].as_str().or_else(|| p["doc"]["id"].as_str()).or_else(|| p["doc"].as_str())?;
    Path::new(d).file_name().map(|n| n.to_string_lossy().into_owned())
}

fn miss(g: &Gold, gold: Option<String>, got: Option<String>) -> Miss {
    Miss { doc: g.doc.clone(), quantity: g.quantity_text.clone(), sentence: g.sentence.clone(), gold, got }
}

/// Score `predictions` against `gold`; `docs` holds the gold's articles.
pub fn score(gold: &[Gold], predictions: &[Value], docs: &Path) -> Result<Scores, EvalError> {
    let mut texts: HashMap<&str, String> = HashMap::new();
    for g in gold {
        if !texts.contains_key(g.doc.as_str()) {
            texts.insert(&g.doc, read(&docs.join(&g.doc))?);
        }
    }
    let spans: Vec<(usize, usize)> =
        gold.iter().map(|g| locate(g, &texts[g.doc.as_str()])).collect::<Result<_, _>>()?;

    let mut by_doc: HashMap<String, Vec<&Value>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for p in predictions {
        if let Some(d) = doc_name(p).filter(|d| texts.contains_key(d.as_str())) {
            if !by_doc.contains_key(&d) {
                order.push(d.clone());
            }
            by_doc.entry(d).or_default().push(p);
        }
    }
    let npred: usize = by_doc.values().map(Vec::len).sum();

    let mut used: std::collections::HashSet<(String, usize)> = Default::default();
    let mut pairs: Vec<(&Gold, &Value)> = Vec::new();
    let mut missed = Vec::new();
    for (g, &(gs, ge)) in gold.iter().zip(&spans) {
        let mut best: Option<(usize, &Value)> = None;
        let mut best_overlap = 0i64;
        for (i, p) in by_doc.get(&g.doc).into_iter().flatten().enumerate() {
            if used.contains(&(g.doc.clone(), i)) {
                continue;
            }
            let (Some(ps), Some(pe)) = (p["quantity"]["char_start"].as_i64(), p["quantity"]["char_end"].as_i64())
            else {
                continue;
            };
            let overlap = (ge as i64).min(pe) - (gs as i64).max(ps);
            if overlap > 0 && numbers_agree(g, p) && overlap > best_overlap {
                best = Some((i, p));
                best_overlap = overlap;
            }
        }
        match best {
            Some((i, p)) => {
                used.insert((g.doc.clone(), i));
                pairs.push((g, p));
            }
            None => missed.push(miss(g, None, None)),
        }
    }
    let mut spurious = Vec::new();
    for d in &order {
        for (i, p) in by_doc[d].iter().enumerate() {
            if !used.contains(&(d.clone(), i)) {
                spurious.push(Miss {
                    doc: p["doc"]["path"].as_str().unwrap_or(d).to_string(),
                    quantity: p["quantity"]["text"].as_str().unwrap_or("").to_string(),
                    sentence: str_or_text(&p["sentence"]["text"]).unwrap_or_default(),
                    gold: None,
                    got: None,
                });
            }
        }
    }

    let mut sums = [0.0f64; 8];
    let mut confidences: Vec<(Option<f64>, bool)> = Vec::new();
    let mut strict_tp = 0;
    let (mut wrong_unit, mut wrong_source) = (Vec::new(), Vec::new());
    let (mut wrong_time, mut wrong_subject, mut wrong_places) = (Vec::new(), Vec::new(), Vec::new());
    for (g, p) in &pairs {
        let q = &p["quantity"];
        let unit =
            p["unit"]["lemma"].as_str().filter(|s| !s.is_empty()).map(String::from).or_else(|| str_or_text(&p["unit"]));
        let src = &p["source"];
        let src_text = if src.is_object() { src["text"].as_str().map(String::from) } else { str_or_text(src) };
        let via = match &src["via"] {
            Value::Array(list) => list.first().and_then(str_or_text),
            other if src.is_object() => str_or_text(other),
            _ => None,
        };
        let places: Vec<String> = p["places"].as_array().into_iter().flatten().filter_map(str_or_text).collect();
        let time = str_or_text(&p["time"]);
        let subject = str_or_text(&p["subject"]);
        let kind = if src.is_object() { src["kind"].as_str().filter(|k| !k.is_empty()) } else { None };

        let qualifier = q["qualifier"].as_str().filter(|s| !s.is_empty()).unwrap_or(Qualifier::Exact.as_str());
        let f_q = qualifier == g.qualifier.unwrap_or(Qualifier::Exact).as_str();
        let f_u =
            unit.as_deref().is_some_and(|u| !u.is_empty() && singular(u) == singular(g.unit.as_deref().unwrap_or("")));
        let f_s = opt_eq(g.source.as_deref(), src_text.as_deref());
        let sourced = src_text.as_deref().is_some_and(|t| !t.is_empty());
        confidences.push((if sourced { Some(src["confidence"].as_f64().unwrap_or(1.0)) } else { None }, f_s));
        let f_k = g.source_kind.map(SourceKind::as_str) == kind;
        let f_v = opt_eq(g.via.as_deref(), via.as_deref());
        let f_t = opt_eq(g.time.as_deref(), time.as_deref());
        let f_sub = opt_eq(g.subject.as_deref(), subject.as_deref());
        let f_p = set_f1(&g.places, &places);
        let values = [f_q, f_u, f_s, f_k, f_v, f_t, f_sub].map(|b| if b { 1.0 } else { 0.0 });
        for (sum, v) in sums.iter_mut().zip(values.iter().chain([f_p].iter())) {
            *sum += v;
        }
        if f_u && f_s {
            strict_tp += 1;
        }
        if !f_u {
            wrong_unit.push(miss(g, g.unit.clone(), unit));
        }
        if !f_s {
            wrong_source.push(miss(g, g.source.clone(), src_text));
        }
        if !f_t {
            wrong_time.push(miss(g, g.time.clone(), time));
        }
        if !f_sub {
            wrong_subject.push(miss(g, g.subject.clone(), subject));
        }
        if f_p < 1.0 {
            wrong_places.push(miss(g, Some(g.places.join(", ")), Some(places.join(", "))));
        }
    }
    let n = pairs.len();
    let avg = |i: usize| if n > 0 { sums[i] / n as f64 } else { 0.0 };
    Ok(Scores {
        gold: gold.len(),
        pred: npred,
        matched: n,
        claims: prf(n, npred, gold.len()),
        fields: Fields {
            qualifier: avg(0),
            unit: avg(1),
            source: avg(2),
            source_kind: avg(3),
            via: avg(4),
            time: avg(5),
            subject: avg(6),
            places: avg(7),
        },
        strict: prf(strict_tp, npred, gold.len()),
        missed,
        spurious,
        wrong_unit,
        wrong_source,
        wrong_time,
        wrong_subject,
        wrong_places,
        calibration: calibration(&confidences),
    })
}

fn first_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

impl Scores {
    /// The table score.py prints, and with `show_errors > 0` its error listings.
    pub fn render(&self, show_errors: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "gold {}  predicted {}  matched {}", self.gold, self.pred, self.matched);
        let c = self.claims;
        let _ = writeln!(out, "claims  P {:.3}  R {:.3}  F1 {:.3}", c.precision, c.recall, c.f1);
        let fields: Vec<String> = self.fields.named().iter().map(|(k, v)| format!("{k} {v:.3}")).collect();
        let _ = writeln!(out, "fields  {}", fields.join("  "));
        let s = self.strict;
        let _ = writeln!(out, "strict  P {:.3}  R {:.3}  F1 {:.3}", s.precision, s.recall, s.f1);
        let rows: Vec<String> = self
            .calibration
            .iter()
            .map(|b| {
                let band = match (b.low, b.high) {
                    (Some(l), Some(h)) if l.is_finite() && h.is_finite() => format!("[{l:.2},{h:.2})"),
                    (Some(l), Some(_)) if l.is_finite() => format!(">={l:.2}"),
                    (Some(_), Some(h)) => format!("<{h:.2}"),
                    _ => "no source".to_string(),
                };
                format!("{band} {}/{} {:.3}", b.right, b.claims, b.share())
            })
            .collect();
        let _ = writeln!(out, "source by confidence  {}", rows.join("  "));
        if show_errors > 0 {
            let k = show_errors;
            let _ = writeln!(out, "\n-- missed ({})", self.missed.len());
            for m in self.missed.iter().take(k) {
                let _ = writeln!(out, "  {}: {:?} in {:?}", m.doc, m.quantity, first_chars(&m.sentence, 100));
            }
            let _ = writeln!(out, "\n-- spurious ({})", self.spurious.len());
            for m in self.spurious.iter().take(k) {
                let _ = writeln!(out, "  {}: {:?} in {:?}", m.doc, m.quantity, first_chars(&m.sentence, 100));
            }
            let wrong = [
                ("unit", &self.wrong_unit),
                ("source", &self.wrong_source),
                ("time", &self.wrong_time),
                ("subject", &self.wrong_subject),
                ("places", &self.wrong_places),
            ];
            for (field, list) in wrong {
                let _ = writeln!(out, "\n-- wrong {field} ({})", list.len());
                for m in list.iter().take(k) {
                    let _ = writeln!(out, "  {}: {:?}: gold {:?}, got {:?}", m.doc, m.quantity, m.gold, m.got);
                }
            }
        }
        out
    }

    /// The object `score.py --json` prints.
    pub fn to_json(&self) -> Value {
        let prf = |p: Prf| json!({"precision": p.precision, "recall": p.recall, "f1": p.f1});
        let fields: serde_json::Map<String, Value> =
            self.fields.named().iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
        json!({
            "gold": self.gold,
            "pred": self.pred,
            "matched": self.matched,
            "claims": prf(self.claims),
            "fields": fields,
            "strict": prf(self.strict),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eval_calibration_bands_by_confidence() {
        let pairs = [
            (Some(0.95), true),
            (Some(0.9), true),
            (Some(0.9), false),
            (Some(0.85), true),
            (Some(0.72), false),
            (Some(0.5), true),
            (None, true),
            (None, false),
        ];
        let got: Vec<(usize, usize)> = calibration(&pairs).iter().map(|b| (b.right, b.claims)).collect();
        assert_eq!(got, [(2, 3), (1, 1), (0, 1), (1, 1), (1, 2)]);
        let table = calibration(&pairs);
        assert!((table[0].share() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(calibration(&[])[0].share(), 0.0);
    }

    #[test]
    fn eval_norm_text_and_singular() {
        let rows = [
            ("The U.S. military’s", "u s military's"),
            ("  an Estimated  1,500–3,000 ", "estimated 1 500 3 000"),
            ("ＣＥＮＴＣＯＭ", "centcom"),
        ];
        for (input, want) in rows {
            assert_eq!(norm_text(Some(input)), want, "{input:?}");
        }
        for (input, want) in [
            ("fighters", "fighter"),
            ("countries", "country"),
            ("IS fighters", "fighter"),
            ("gas", "gas"),
            ("bus", "bus"),
        ] {
            assert_eq!(singular(input), want, "{input:?}");
        }
    }

    #[test]
    fn eval_loose_and_optional_equality() {
        assert!(loose_eq("the Kurdish-led Syrian Democratic Forces", "Syrian Democratic Forces"));
        assert!(loose_eq("Syria’s transitional government", "Syria"));
        assert!(!loose_eq("Reuters", "SITE Intelligence Group"));
        assert!(opt_eq(None, None) && opt_eq(None, Some("")) && !opt_eq(None, Some("x")));
        assert!(!opt_eq(Some("CENTCOM"), None));
    }

    #[test]
    fn eval_numbers_within_half_a_percent() {
        assert!(num_eq(Some(0.3333), Some(0.33333)));
        assert!(!num_eq(Some(100.0), Some(101.0)));
        assert!(num_eq(None, None) && !num_eq(Some(1.0), None));
        let g: Gold = serde_json::from_value(
            json!({"doc": "d", "sentence": "s", "quantity_text": "q", "value": null, "low": 100, "high": null}),
        )
        .unwrap();
        assert!(numbers_agree(&g, &json!({"quantity": {"value": null, "low": 100.0}})));
        assert!(numbers_agree(&g, &json!({"quantity": {"value": 100}})));
        assert!(!numbers_agree(&g, &json!({"quantity": {"low": 120}})));
    }

    #[test]
    fn eval_set_f1_of_places() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(set_f1(&s(&[]), &s(&[])), 1.0);
        assert_eq!(set_f1(&s(&["Syria"]), &s(&[])), 0.0);
        assert!((set_f1(&s(&["Syria", "Iraq"]), &s(&["Syria"])) - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(set_f1(&s(&["al Hol"]), &s(&["al-Hol"])), 1.0);
    }

    #[test]
    fn eval_gold_line_reads_and_writes_enum_names() {
        let line = r#"{"doc":"a.txt","sentence":"About 40 died, officials said.","quantity_text":"About 40","occurrence":1,"value":40,"low":null,"high":null,"qualifier":"approx","unit":"person","subject":null,"places":["Iraq"],"time":null,"source":"officials","source_kind":"official","via":null}"#;
        let g: Gold = serde_json::from_str(line).unwrap();
        assert_eq!((g.qualifier, g.source_kind), (Some(Qualifier::Approx), Some(SourceKind::Official)));
        // Written back in the guidelines' order, byte for byte; fractions stay.
        let half: Gold = serde_json::from_str(&line.replace("\"value\":40", "\"value\":40.5")).unwrap();
        assert!(serde_json::to_string(&half).unwrap().contains("\"value\":40.5,"));
        assert_eq!(serde_json::to_string(&g).unwrap(), line);
        // Empty or missing names are none; an unknown name is an error that lists the known ones.
        let g: Gold =
            serde_json::from_str(r#"{"doc":"a","sentence":"s","quantity_text":"q","qualifier":"","source_kind":null}"#)
                .unwrap();
        assert_eq!((g.qualifier, g.source_kind, g.occurrence), (None, None, 1));
        let e = serde_json::from_str::<Gold>(r#"{"doc":"a","sentence":"s","quantity_text":"q","qualifier":"lots"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("`lots` is not one of exact, approx, at_least"), "{e}");
    }

    #[test]
    fn eval_enum_lists_are_whole_and_in_order() {
        for (i, q) in QUALIFIERS.into_iter().enumerate() {
            assert_eq!((qualifier_rank(q), qualifier_named(q.as_str())), (i, Some(q)));
        }
        for (i, k) in SOURCE_KINDS.into_iter().enumerate() {
            assert_eq!((source_kind_rank(k), source_kind_named(k.as_str())), (i, Some(k)));
        }
    }
}
