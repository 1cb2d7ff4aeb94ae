//! Shared helpers for integration tests: run the pipeline over the sample corpus.
#![allow(dead_code)]

use claimex::document::{Document, Limits};
use claimex::gazetteer::Gazetteer;
use claimex::Pipeline;
use std::path::{Path, PathBuf};

/// The sample corpus folder.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The sample articles, sorted by name.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// The pipeline with the bundled gazetteers.
pub fn pipeline() -> Pipeline {
    Pipeline::new(Gazetteer::bundled().expect("bundled gazetteers load"))
}

/// Every record of the corpus as JSON values, with the documents they came from.
pub fn corpus_records() -> Vec<(Document, Vec<serde_json::Value>)> {
    let p = pipeline();
    corpus_files()
        .into_iter()
        .map(|path| {
            let doc = Document::read(&path, Limits::default()).expect("corpus article reads");
            let x = p.extract(&doc.text);
            let mut out = Vec::new();
            claimex::record::write_jsonl(&doc, &x, p.gazetteer(), &mut out);
            let records = String::from_utf8(out)
                .expect("JSONL is UTF-8")
                .lines()
                .map(|l| serde_json::from_str(l).expect("each line is JSON"))
                .collect();
            (doc, records)
        })
        .collect()
}

/// A hostile article for the review tests: markup and script that must only ever show as text.
pub const HOSTILE: &str =
    "Raid\n\n<script>window.__pwned = 1</script> About 40 people were killed in Raqqa, officials said. \
\"><img src=x onerror=\"window.__pwned = 2\"> Another 12 fighters were arrested, the SDF said.\n";

/// The sample corpus plus [`HOSTILE`] copied under `dir/docs` and extracted to
/// `dir/claims.jsonl`: (docs folder, claims file).
pub fn review_fixture(dir: &Path) -> (PathBuf, PathBuf) {
    let docs = dir.join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    for p in corpus_files() {
        std::fs::copy(&p, docs.join(p.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(docs.join("zz_hostile.txt"), HOSTILE).expect("write");
    let claims = dir.join("claims.jsonl");
    assert_cmd::Command::cargo_bin("claimex")
        .expect("binary")
        .args(["extract", "--quiet", "-o"])
        .arg(&claims)
        .arg(&docs)
        .assert()
        .success();
    (docs, claims)
}
