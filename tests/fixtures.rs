//! Data-driven stage tests from `tests/fixtures/*.toml`. Each runner checks every case,
//! collects all failures and prints them together; `CLAIMEX_CASE=substr` runs only the cases
//! whose name contains `substr`.

mod common;

use claimex::claim::Subject;
use serde::Deserialize;
use std::sync::LazyLock;

static PIPELINE: LazyLock<claimex::Pipeline> = LazyLock::new(common::pipeline);

fn selected(name: &str) -> bool {
    std::env::var("CLAIMEX_CASE").map_or(true, |f| name.contains(&f))
}

fn load<T: for<'de> Deserialize<'de>>(file: &str) -> T {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn report(file: &str, total: usize, failures: &[String]) {
    println!("{file}: {} of {total} cases pass", total - failures.len());
    assert!(failures.is_empty(), "{file}: {} failing cases:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[derive(Deserialize)]
struct QuantityFile {
    case: Vec<QuantityCase>,
}

#[derive(Deserialize)]
struct QuantityCase {
    name: String,
    text: String,
    claims: Vec<ExpectedQuantity>,
}

#[derive(Deserialize, Debug)]
struct ExpectedQuantity {
    text: String,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Option<String>,
    unit: Option<String>,
}

fn close(want: Option<f64>, got: Option<f64>) -> bool {
    match (want, got) {
        (None, _) => true,
        (Some(w), Some(g)) => (w - g).abs() <= 1e-3 * w.abs().max(1.0),
        (Some(_), None) => false,
    }
}

#[test]
fn fixtures_quantities() {
    let file: QuantityFile = load("quantities.toml");
    let mut failures = Vec::new();
    let mut total = 0;
    for case in file.case.iter().filter(|c| selected(&c.name)) {
        total += 1;
        let x = PIPELINE.extract(&case.text);
        let got: Vec<String> = x
            .quantities
            .iter()
            .map(|q| {
                format!(
                    "{:?} value={:?} low={:?} high={:?} {} unit={:?}",
                    q.span.slice(&case.text),
                    q.value,
                    q.low,
                    q.high,
                    q.qualifier.as_str(),
                    q.unit.as_ref().map(|u| u.lemma.as_str())
                )
            })
            .collect();
        let ok = x.quantities.len() == case.claims.len()
            && x.quantities.iter().zip(&case.claims).all(|(q, w)| {
                q.span.slice(&case.text) == w.text
                    && close(w.value, q.value)
                    && close(w.low, q.low)
                    && close(w.high, q.high)
                    && w.qualifier.as_deref().is_none_or(|e| e == q.qualifier.as_str())
                    // `unit = ""`: no unit at all.
                    && w.unit.as_deref().is_none_or(|e| {
                        if e.is_empty() {
                            q.unit.is_none()
                        } else {
                            Some(e) == q.unit.as_ref().map(|u| u.lemma.as_str())
                        }
                    })
            });
        if !ok {
            failures.push(format!("{}: {:?}\n  want: {:?}\n  got:  {:#?}", case.name, case.text, case.claims, got));
        }
    }
    report("quantities.toml", total, &failures);
}

/// The claim whose quantity's words are `quantity`, or what was found instead.
fn claim_of<'x>(x: &'x claimex::Extraction, text: &str, quantity: &str) -> Result<&'x claimex::claim::Claim, String> {
    x.claims.iter().find(|c| x.quantities[c.quantity].span.slice(text) == quantity).ok_or_else(|| {
        let found: Vec<&str> = x.quantities.iter().map(|q| q.span.slice(text)).collect();
        format!("no quantity {quantity:?}; found {found:?}")
    })
}

/// The runners that check one claim per case: for each selected case, whose `fields` are
/// its name, what it tests, its text and its quantity's words, extract the text, find the
/// claim of that quantity, and let `check` compare it (a message when it is wrong).
fn run_claim_cases<C>(
    file: &str,
    cases: &[C],
    fields: impl Fn(&C) -> [&str; 4],
    check: impl Fn(&C, &str, &claimex::Extraction, &claimex::claim::Claim) -> Option<String>,
) {
    let mut failures = Vec::new();
    let mut total = 0;
    for case in cases {
        let [name, what, text, quantity] = fields(case);
        if !selected(name) {
            continue;
        }
        total += 1;
        let x = PIPELINE.extract(text);
        match claim_of(&x, text, quantity) {
            Ok(claim) => {
                if let Some(wrong) = check(case, text, &x, claim) {
                    failures.push(format!("{name} ({what}): {text:?}\n{wrong}"));
                }
            }
            Err(e) => failures.push(format!("{name} ({what}): {e}")),
        }
    }
    report(file, total, &failures);
}

#[derive(Deserialize)]
struct AttributionFile {
    case: Vec<AttributionCase>,
}

#[derive(Deserialize)]
struct AttributionCase {
    name: String,
    pattern: String,
    text: String,
    quantity: String,
    source: String,
    kind: Option<String>,
    cue: Option<String>,
    #[serde(default)]
    via: Vec<String>,
}

#[test]
fn fixtures_attributions() {
    let file: AttributionFile = load("attributions.toml");
    run_claim_cases(
        "attributions.toml",
        &file.case,
        |c| [&c.name, &c.pattern, &c.text, &c.quantity],
        |case, text, x, claim| {
            let a = claim.attribution.map(|i| &x.attributions[i]);
            let got_source = a.map_or("", |a| a.source.slice(text));
            let got_kind = a.map(|a| a.kind.as_str());
            let got_cue = a.map(|a| a.cue.slice(text));
            let got_via: Vec<&str> = a.map(|a| a.via.iter().map(|v| v.span.slice(text)).collect()).unwrap_or_default();
            let ok = got_source == case.source
                && case.kind.as_deref().is_none_or(|k| Some(k) == got_kind)
                && case.cue.as_deref().is_none_or(|c| Some(c) == got_cue)
                && got_via == case.via;
            (!ok).then(|| {
                format!(
                    "  want: source {:?} kind {:?} cue {:?} via {:?}\n  got:  source {:?} kind {:?} cue {:?} via {:?}",
                    case.source, case.kind, case.cue, case.via, got_source, got_kind, got_cue, got_via
                )
            })
        },
    );
}

#[derive(Deserialize)]
struct ClaimFile {
    case: Vec<ClaimCase>,
}

/// One claim's context: `subject` is a canonical name or "" for none; `time` the words or ""
/// for none; `places` canonical names. Fields left out are not checked.
#[derive(Deserialize)]
struct ClaimCase {
    name: String,
    rule: String,
    text: String,
    quantity: String,
    subject: Option<String>,
    time: Option<String>,
    places: Option<Vec<String>>,
}

#[test]
fn fixtures_claims() {
    let file: ClaimFile = load("claims.toml");
    let gazetteer = PIPELINE.gazetteer();
    run_claim_cases(
        "claims.toml",
        &file.case,
        |c| [&c.name, &c.rule, &c.text, &c.quantity],
        |case, text, x, claim| {
            let name = |m: usize| gazetteer.entity(x.mentions[m].entity).name.clone();
            let got_subject = match claim.subject {
                Some(Subject::Entity(m)) => name(m),
                Some(Subject::Name(n)) => x.names[n].span.slice(text).to_string(),
                Some(Subject::Phrase(span)) => span.slice(text).to_string(),
                None => String::new(),
            };
            let got_time = claim.time.map_or("", |t| x.times[t].span.slice(text));
            let got_places: Vec<String> = claim.places.iter().map(|&m| name(m)).collect();
            let ok = case.subject.as_ref().is_none_or(|s| *s == got_subject)
                && case.time.as_deref().is_none_or(|t| t == got_time)
                && case.places.as_ref().is_none_or(|p| *p == got_places);
            (!ok).then(|| {
                format!(
                    "  want: subject {:?} time {:?} places {:?}\n  got:  subject {:?} time {:?} places {:?}",
                    case.subject, case.time, case.places, got_subject, got_time, got_places
                )
            })
        },
    );
}
