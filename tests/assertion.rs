//! Time normalisation and assertions, from data files:
//! - `fixtures/time_norm.toml`: time expressions, a publication date, the interval expected;
//! - `fixtures/assertions/cases.toml`: claims of several articles and the assertions expected
//!   (agree, disagree, range against point, "at least"/"up to", a syndicated story, places and
//!   years that must not merge), each output line checked against `schema/assertion.schema.json`;
//! - the command line end to end: `extract --published`, `assert`, `report`.

use claimex::timenorm::normalise;
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::Path;

#[derive(Debug, Deserialize)]
struct TimeCases {
    cases: Vec<TimeCase>,
}

#[derive(Debug, Deserialize)]
struct TimeCase {
    text: String,
    published: Option<String>,
    start: Option<String>,
    end: Option<String>,
    granularity: Option<String>,
    #[serde(default)]
    none: bool,
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn assertion_time_expressions_normalise_as_the_fixture_says() {
    let cases: TimeCases = toml::from_str(&fixture("time_norm.toml")).expect("time_norm.toml parses");
    assert!(cases.cases.len() >= 120, "at least 120 expressions ({})", cases.cases.len());
    let mut failures = Vec::new();
    for c in &cases.cases {
        let published = c.published.as_deref().map(|p| p.parse().unwrap_or_else(|e| panic!("{p}: {e}")));
        let got = normalise(&c.text, published);
        let show = |d: Option<jiff::civil::Date>| d.map_or_else(|| "open".to_string(), |d| d.to_string());
        let got = got.map(|i| (show(i.start), show(i.end), i.granularity.as_str().to_string()));
        let want = (!c.none).then(|| {
            let field = |f: &Option<String>, what: &str| {
                f.clone().unwrap_or_else(|| panic!("{:?}: `{what}` or `none = true` is needed", c.text))
            };
            (field(&c.start, "start"), field(&c.end, "end"), field(&c.granularity, "granularity"))
        });
        if got != want {
            failures.push(format!("{:?} published {:?}: got {got:?}, want {want:?}", c.text, c.published));
        }
    }
    assert!(failures.is_empty(), "{} of {} wrong:\n{}", failures.len(), cases.cases.len(), failures.join("\n"));
}

#[derive(Debug, Deserialize)]
struct AssertionCases {
    case: Vec<AssertionCase>,
}

#[derive(Debug, Deserialize)]
struct AssertionCase {
    name: String,
    claims: Vec<CompactClaim>,
    expect: Vec<Expected>,
    #[serde(default)]
    left_out: usize,
}

#[derive(Debug, Deserialize)]
struct CompactClaim {
    doc: String,
    text: Option<String>,
    index: Option<usize>,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Option<String>,
    unit: Option<String>,
    kind: Option<String>,
    subject: Option<String>,
    #[serde(default)]
    places: Vec<String>,
    time: Option<(String, String, String)>,
    reference: Option<String>,
    time_text: Option<String>,
    source: Option<String>,
    source_kind: Option<String>,
    entity: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Expected {
    verdict: String,
    claims: usize,
    sources: usize,
    documents: usize,
    spread: Option<(f64, f64)>,
}

fn hex16(s: &str) -> String {
    use sha2::Digest;
    hex::encode(&sha2::Sha256::digest(s.as_bytes())[..8])
}

/// A claim record (claimex.claim/1, the fields `assert` reads) from its compact form.
fn claim_record(c: &CompactClaim, i: usize) -> Value {
    let text = c.text.clone().unwrap_or_else(|| format!("text of {}", c.doc));
    let text_sha256 = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(text.as_bytes()));
    let index = c.index.unwrap_or(i);
    let entity = |id: &String| json!({"id": id, "name": id.to_uppercase()});
    let time = match (&c.time, &c.reference, &c.time_text) {
        (Some((start, end, g)), _, _) => {
            json!({"text": "then", "start": start, "end": end, "granularity": g, "reference": false, "anchor": null})
        }
        (_, Some(p), _) => {
            json!({"text": null, "start": p, "end": p, "granularity": "day", "reference": true, "anchor": p})
        }
        (_, _, Some(words)) => {
            json!({"text": words, "start": null, "end": null, "granularity": null, "reference": false, "anchor": null})
        }
        _ => Value::Null,
    };
    json!({
        "schema": "claimex.claim/1",
        "id": hex16(&format!("{text_sha256}:{index}")),
        "doc": {"path": format!("{}.txt", c.doc), "text_sha256": text_sha256, "url": null, "title": null, "published": null},
        "sentence": {"text": format!("Sentence {index} of {}.", c.doc), "index": index},
        "quantity": {
            "text": c.value.or(c.low).map(|v| v.to_string()).unwrap_or_default(),
            "value": if c.qualifier.as_deref().is_none_or(|q| q == "exact" || q == "approx") { c.value } else { None },
            "low": c.low, "high": c.high,
            "qualifier": c.qualifier.as_deref().unwrap_or("exact"),
            "kind": c.kind.as_deref().unwrap_or("count"),
        },
        "unit": c.unit.as_ref().map(|u| json!({"lemma": u, "text": u, "at": null})),
        "subject": c.subject.as_ref().map(entity),
        "places": c.places.iter().map(entity).collect::<Vec<_>>(),
        "time": time,
        "source": c.source.as_ref().map(|s| json!({"text": s, "kind": c.source_kind.as_deref().unwrap_or("organization"), "entity": c.entity})),
    })
}

fn validator(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema").join(name);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("schema reads")).expect("JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn assertion_cases_group_and_judge_as_the_fixture_says() {
    let cases: AssertionCases = toml::from_str(&fixture("assertions/cases.toml")).expect("cases.toml parses");
    let schema = validator("assertion.schema.json");
    let mut failures = Vec::new();
    for case in &cases.case {
        let jsonl: String = case.claims.iter().enumerate().map(|(i, c)| format!("{}\n", claim_record(c, i))).collect();
        let dir = tempfile::tempdir().expect("tempdir");
        let mut grouper = claimex::assertion::Grouper::new(Some(dir.path())).expect("grouper");
        let mut bad = Vec::new();
        grouper.add_reader(Path::new("case.jsonl"), jsonl.as_bytes(), &mut |b| bad.push(b)).expect("reads");
        let mut out = Vec::new();
        let summary = grouper.finish(&mut out).expect("writes");
        assert!(bad.is_empty(), "{}: {bad:?}", case.name);
        let lines: Vec<Value> =
            String::from_utf8(out).expect("UTF-8").lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
        for a in &lines {
            for e in schema.iter_errors(a) {
                failures.push(format!("{}: schema: {e} at {}", case.name, e.instance_path()));
            }
        }
        let got: Vec<String> = lines
            .iter()
            .map(|a| {
                let spread = (a["spread"]["low"].as_f64(), a["spread"]["high"].as_f64());
                format!(
                    "{} claims={} sources={} documents={} spread={spread:?}",
                    a["verdict"].as_str().unwrap_or("?"),
                    a["claims"].as_array().map_or(0, Vec::len),
                    a["sources"],
                    a["documents"]
                )
            })
            .collect();
        let ok = lines.len() == case.expect.len()
            && lines.iter().zip(&case.expect).all(|(a, e)| {
                a["verdict"] == e.verdict.as_str()
                    && a["claims"].as_array().map_or(0, Vec::len) == e.claims
                    && a["claims_count"] == e.claims
                    && a["sources"] == e.sources
                    && a["documents"] == e.documents
                    && e.spread.is_none_or(|(l, h)| {
                        a["spread"]["low"].as_f64() == Some(l) && a["spread"]["high"].as_f64() == Some(h)
                    })
            })
            && summary.claims - summary.grouped == case.left_out;
        if !ok {
            failures.push(format!(
                "{}: got {got:#?} (left out {}), want {:#?} (left out {})",
                case.name,
                summary.claims - summary.grouped,
                case.expect,
                case.left_out
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Ids depend only on the claims: the same input gives the same ids, and every claim id
/// appears in exactly one assertion.
#[test]
fn assertion_ids_are_deterministic_and_claims_are_not_lost() {
    let cases: AssertionCases = toml::from_str(&fixture("assertions/cases.toml")).expect("cases.toml parses");
    let jsonl: String = cases
        .case
        .iter()
        .flat_map(|c| c.claims.iter().enumerate().map(|(i, c)| format!("{}\n", claim_record(c, i))))
        .collect();
    let run = || {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut g = claimex::assertion::Grouper::new(Some(dir.path())).expect("grouper");
        g.add_reader(Path::new("all.jsonl"), jsonl.as_bytes(), &mut |b| panic!("{b}")).expect("reads");
        let mut out = Vec::new();
        let summary = g.finish(&mut out).expect("writes");
        (String::from_utf8(out).expect("UTF-8"), summary)
    };
    let (first, summary) = run();
    assert_eq!(first, run().0, "same input, same output");
    let lines: Vec<Value> = first.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let members: usize = lines.iter().map(|a| a["claims"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(members, summary.grouped);
    let ids: std::collections::HashSet<&str> = lines.iter().filter_map(|a| a["id"].as_str()).collect();
    assert_eq!(ids.len(), lines.len(), "assertion ids are unique");
}

#[test]
fn assertion_bad_lines_are_named_and_the_rest_goes_on() {
    let good = claim_record(
        &toml::from_str::<CompactClaim>(
            r#"doc = "a"
value = 5
unit = "ship"
places = ["ye"]"#,
        )
        .expect("claim"),
        0,
    );
    let input = format!("{good}\nnot json\n{{\"schema\": \"claimex.claim/1\"}}\n{good}\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut g = claimex::assertion::Grouper::new(Some(dir.path())).expect("grouper");
    let mut bad = Vec::new();
    g.add_reader(Path::new("mixed.jsonl"), input.as_bytes(), &mut |b| bad.push(b.to_string())).expect("reads");
    let mut out = Vec::new();
    let summary = g.finish(&mut out).expect("writes");
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(bad[0].starts_with("mixed.jsonl:2: ") && bad[1].starts_with("mixed.jsonl:3: "), "{bad:?}");
    assert_eq!((summary.claims, summary.assertions), (2, 1));
}

fn claimex() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("claimex").expect("the claimex binary")
}

/// `extract --published`, `assert` and `report` from the command line, on articles with
/// publication dates in their metadata and one plain text that takes `--published`.
#[test]
fn assertion_command_line_extract_assert_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assertions");
    let claims = dir.path().join("claims.jsonl");
    claimex()
        .args(["extract", "--quiet", "--published", "2025-07-30", "-o"])
        .arg(&claims)
        .arg(fixtures.join("articles.jsonl"))
        .arg(fixtures.join("undated.txt"))
        .assert()
        .success();
    let records: Vec<Value> = std::fs::read_to_string(&claims)
        .expect("claims")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let claim_schema = validator("claim.schema.json");
    for r in &records {
        assert!(claim_schema.is_valid(r), "{r}");
    }
    // Metadata dates the JSON articles; --published dates the plain text ("Last July").
    let last_july = records.iter().find(|r| r["time"]["text"] == "Last July").expect("the undated article's claim");
    assert_eq!(
        (&last_july["time"]["start"], &last_july["time"]["end"], &last_july["time"]["anchor"]),
        (&json!("2024-07-01"), &json!("2024-07-31"), &json!("2025-07-30"))
    );
    let reference = records.iter().find(|r| r["quantity"]["text"] == "2,400").expect("the UN figure");
    assert_eq!(reference["time"]["reference"], true);
    assert_eq!(reference["time"]["start"], "2025-07-25");

    let assertions = dir.path().join("assertions.jsonl");
    let out = claimex().arg("assert").arg(&claims).arg("-o").arg(&assertions).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("9 claims") && stderr.contains("4 assertions"), "{stderr}");
    let lines: Vec<Value> = std::fs::read_to_string(&assertions)
        .expect("assertions")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let schema = validator("assertion.schema.json");
    let summary: Vec<(String, String, usize, u64, u64)> = lines
        .iter()
        .map(|a| {
            assert!(schema.is_valid(a), "{a}");
            (
                a["verdict"].as_str().unwrap_or("").to_string(),
                a["key"]["unit"].as_str().unwrap_or("").to_string(),
                a["claims"].as_array().map_or(0, Vec::len),
                a["sources"].as_u64().unwrap_or(0),
                a["documents"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let row = |v: &str, u: &str, c, s, d| (v.to_string(), u.to_string(), c, s, d);
    assert_eq!(
        summary,
        [
            // 2,500 (twice: the same text syndicated), 2,400, 1,500–3,000 and 10,000.
            row("disputed", "fighter", 5, 4, 4),
            // 38 and "at least 35", two sources.
            row("corroborated", "attack", 2, 2, 2),
            // Iraq is not Syria.
            row("single", "attack", 1, 1, 1),
            // "Last July" is 2024: another year (the plain text comes after the JSON file).
            row("single", "fighter", 1, 1, 1),
        ]
    );

    let page = dir.path().join("report.html");
    claimex().arg("report").arg(&assertions).arg("-o").arg(&page).assert().success();
    let html = std::fs::read_to_string(&page).expect("report");
    assert!(html.contains("\"read\":4") && html.contains("U.S. officials said on Wednesday."), "the data is embedded");
    assert!(!html.contains("<script src") && !html.contains("<link"), "self-contained: nothing fetched");

    // A date that is not one is refused, naming the flag.
    let bad =
        claimex().args(["extract", "--published", "last week"]).arg(fixtures.join("undated.txt")).assert().failure();
    assert!(String::from_utf8_lossy(&bad.get_output().stderr).contains("--published"));
}
