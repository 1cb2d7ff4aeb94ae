//! `--lexicon DIR`: a linguist's edited copy of a `lang/en/` file changes what is extracted,
//! without a rebuild; a bad file is an error naming it.

use assert_cmd::Command;

const TEXT: &str = "The ministry quipped that 40 people were killed.\n";

fn source_of(out: &[u8]) -> serde_json::Value {
    let line = String::from_utf8(out.to_vec()).unwrap();
    let record: serde_json::Value = serde_json::from_str(line.lines().next().expect("one claim")).unwrap();
    record["source"].clone()
}

fn with_lexicon(article: &std::path::Path, lex: &std::path::Path) -> std::process::Output {
    Command::cargo_bin("claimex").unwrap().arg("extract").arg(article).arg("--lexicon").arg(lex).output().unwrap()
}

#[test]
fn lexicon_folder_adds_a_reporting_verb() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, TEXT).unwrap();
    let plain = Command::cargo_bin("claimex").unwrap().arg("extract").arg(&article).output().unwrap();
    assert!(plain.status.success());
    assert!(source_of(&plain.stdout).is_null(), "no source without the verb");

    let lex = dir.path().join("lex");
    std::fs::create_dir(&lex).unwrap();
    let reporting = include_str!("../lang/en/reporting.toml");
    let edited = reporting.replacen("[reporting_verbs]", "[reporting_verbs]\nquipped = \"any\"", 1);
    std::fs::write(lex.join("reporting.toml"), edited).unwrap();
    let out = with_lexicon(&article, &lex);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let source = source_of(&out.stdout);
    assert_eq!((source["text"].as_str(), source["cue"]["text"].as_str()), (Some("The ministry"), Some("quipped")));

    std::fs::write(lex.join("reporting.toml"), "reporting_verbs = 3\n").unwrap();
    let bad = with_lexicon(&article, &lex);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("reporting.toml") && stderr.contains("reporting_verbs"), "{stderr}");
}
