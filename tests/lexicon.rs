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

/// Every token of the corpus (and of the test articles) has exactly the word classes of the
/// lists its text is in: a class and its list can never drift apart, and a lexicon loaded
/// from a folder classifies by its own lists.
#[test]
fn lexicon_word_classes_agree_with_their_lists_on_every_corpus_token() {
    use claimex::lexicon::{Lexicon, WordClass};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in ["corpus", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "txt" || e == "toml") {
                texts.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    assert!(!texts.is_empty());
    // A folder lexicon: "quipped" becomes a reporting verb, so it must be a cue too.
    let dir = tempfile::tempdir().unwrap();
    let reporting = include_str!("../lang/en/reporting.toml");
    let edited = reporting.replacen("[reporting_verbs]", "[reporting_verbs]\nquipped = \"any\"", 1);
    std::fs::write(dir.path().join("reporting.toml"), edited).unwrap();
    let loaded = Lexicon::load(dir.path()).unwrap();
    texts.push("The ministry QUIPPED that 40 people were killed.".into());
    let mut tokens = 0;
    for lex in [&**Lexicon::english(), &loaded] {
        for text in &texts {
            let segments = claimex::segment::split(text, lex);
            for t in &segments.tokens {
                let word = t.text(text);
                for &class in WordClass::ALL {
                    assert_eq!(t.classes.has(class), lex.in_list(class, word), "{class:?} {word:?}");
                }
            }
            tokens += segments.tokens.len();
        }
    }
    assert!(tokens > 10_000, "{tokens} tokens");
    assert!(loaded.classes_of("quipped").has(WordClass::Cues));
}
