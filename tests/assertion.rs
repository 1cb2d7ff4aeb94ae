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
