//! The rule registry: `lang/en/rules.toml` describes every rule of `src/rules.rs`, and each
//! rule fires on its own example sentence.

use claimex::gazetteer::Gazetteer;
use claimex::lexicon::Lexicon;
use claimex::rules::Rule;
use claimex::Pipeline;
use std::collections::BTreeSet;

/// Every rule the pipeline recorded anywhere in `text`, and the claim filters of its numbers.
fn fired(pipeline: &Pipeline, text: &str) -> BTreeSet<Rule> {
    let x = pipeline.extract(text);
    let mut rules = BTreeSet::new();
    rules.extend(x.quantities.iter().flat_map(|q| q.rules.iter().copied()));
    rules.extend(x.times.iter().map(|t| t.rule));
    rules.extend(x.attributions.iter().flat_map(|a| a.rules.iter().copied()));
    rules.extend(x.claims.iter().flat_map(|c| c.rules.iter().copied()));
    let lex = pipeline.lexicon();
    let numbers = claimex::quantity::numbers_in(text, &x.segments, &x.times, lex);
    rules.extend(numbers.iter().filter_map(|n| n.not_claim));
    rules
}

#[test]
fn rules_every_rule_is_described_once() {
    let lex = Lexicon::english();
    let described: Vec<Rule> = lex.rules.rules.iter().map(|i| i.rule).collect();
    assert_eq!(described, Rule::ALL, "rules.toml and src/rules.rs list different rules");
    for info in &lex.rules.rules {
        assert!(!info.description.trim().is_empty() && !info.example.trim().is_empty(), "{}", info.rule);
        let is_attribution = info.rule.id().starts_with("attribution.");
        let carried = matches!(info.rule, Rule::AttributionCarried | Rule::AttributionQuotation);
        assert_eq!(info.confidence.is_some(), is_attribution && !carried, "{}: confidence", info.rule);
        assert_eq!(Rule::from_id(info.rule.id()), Some(info.rule));
    }
}

#[test]
fn rules_each_fires_on_its_example() {
    let pipeline = Pipeline::new(Gazetteer::bundled().expect("bundled gazetteers load"));
    let mut silent = Vec::new();
    for info in &pipeline.lexicon().rules.rules {
        let got = fired(&pipeline, &info.example);
        // A restated conversion is dropped after its unit is read, so it shows as a number
        // listed without a claim of its own.
        let dropped_conversion = info.rule == Rule::NotQuantityConversion && {
            let x = pipeline.extract(&info.example);
            claimex::quantity::numbers_in(&info.example, &x.segments, &x.times, pipeline.lexicon()).len() == 2
                && x.claims.len() == 1
        };
        if !got.contains(&info.rule) && !dropped_conversion {
            silent.push(format!("{}: {:?} gave {:?}", info.rule, info.example, got));
        }
    }
    assert!(silent.is_empty(), "rules that do not fire on their example:\n{}", silent.join("\n"));
}

#[test]
fn rules_cli_lists_every_rule_with_its_example() {
    let out = assert_cmd::Command::cargo_bin("claimex").unwrap().args(["rules", "--json"]).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), Rule::ALL.len());
    assert_eq!(lines[0]["id"], Rule::ALL[0].id());
    assert!(lines.iter().all(|l| l["example"].as_str().is_some_and(|e| !e.is_empty())));
    let table = assert_cmd::Command::cargo_bin("claimex").unwrap().arg("rules").output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("attribution.according_to (confidence 0.95)"), "{table}");
}
