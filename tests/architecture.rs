//! Architecture invariants that a reader of ARCHITECTURE.md relies on: stages only look back,
//! and English lives in `lang/en/`, not in stage code.

use std::collections::BTreeSet;
use std::path::Path;

/// The stages in pipeline order; a stage may use the ones before it and the base modules.
const STAGES: &[&str] = &["segment", "gazetteer", "time", "quantity", "attribution", "claim", "record"];
/// Modules below every stage.
const BASE: &[&str] = &["lexicon", "rules", "span", "util", "error"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The source files of a module: `src/NAME.rs` or every file of `src/NAME/`.
fn files_of(module: &str) -> Vec<std::path::PathBuf> {
    let file = root().join("src").join(format!("{module}.rs"));
    if file.exists() {
        return vec![file];
    }
    let mut files: Vec<_> = std::fs::read_dir(root().join("src").join(module))
        .unwrap_or_else(|e| panic!("src/{module}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    files
}

/// The code of a file without its `#[cfg(test)]` module and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn architecture_stages_only_look_back() {
    let mut wrong = Vec::new();
    for (rank, stage) in STAGES.iter().enumerate() {
        for file in files_of(stage) {
            let code = code(&file);
            for (at, _) in code.match_indices("crate::") {
                let module: String =
                    code[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                let allowed = BASE.contains(&module.as_str())
                    || STAGES[..=rank].contains(&module.as_str())
                    || !STAGES.contains(&module.as_str()) && module != "batch" && module != "incremental";
                if !allowed {
                    wrong.push(format!("{} uses crate::{module}", file.strip_prefix(root()).unwrap().display()));
                }
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "stages that reach a later stage:\n{}", wrong.join("\n"));
}

/// Quoted lower-case words in stage code: English that belongs in `lang/en/`.
fn english_literals(module: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for file in files_of(module) {
        let code = code(&file);
        let rel = file.strip_prefix(root()).unwrap().display().to_string();
        let mut rest = code.as_str();
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            let lit = &after[..end];
            let wordy = lit.len() > 1
                && lit.starts_with(|c: char| c.is_ascii_lowercase())
                && lit.chars().all(|c| c.is_ascii_lowercase() || " '-".contains(c));
            if wordy && !rest[..start].ends_with('\\') {
                out.insert(format!("{rel}\t{lit}"));
            }
            rest = &after[end + 1..];
        }
    }
    out
}

#[test]
fn architecture_no_new_english_in_stage_code() {
    let allowed: BTreeSet<String> = std::fs::read_to_string(root().join("tests/english_allowlist.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect();
    let found: BTreeSet<String> = STAGES.iter().flat_map(|s| english_literals(s)).collect();
    let new: Vec<&String> = found.difference(&allowed).collect();
    assert!(
        new.is_empty(),
        "English words in stage code: put them in a lang/en/ file and read them from the Lexicon:\n{}",
        new.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
    let gone: Vec<&String> = allowed.difference(&found).collect();
    assert!(gone.is_empty(), "moved to the lexicon: remove from tests/english_allowlist.tsv:\n{:?}", gone);
}
