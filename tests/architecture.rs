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

/// Every top-level module of `src/` (the library root, the binary and the CLI aside).
fn modules() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("src"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let module = name.strip_suffix(".rs").map(str::to_string).unwrap_or(name);
            (e.path().is_dir() || e.path().extension().is_some_and(|x| x == "rs")).then_some(module)
        })
        .filter(|m| !["lib", "main", "cli"].contains(&m.as_str()))
        .collect();
    out.sort();
    out
}

/// The top-level modules a module's code names as `crate::NAME` (items of the library root,
/// `crate::Pipeline`, aside).
fn imports(module: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for file in files_of_tree(module) {
        let code = code(&file);
        for (at, _) in code.match_indices("crate::") {
            let name: String = code[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if name != module && name.starts_with(|c: char| c.is_ascii_lowercase()) {
                out.insert(name);
            }
        }
    }
    out
}

/// The source files of a module, its sub-folders included.
fn files_of_tree(module: &str) -> Vec<std::path::PathBuf> {
    let file = root().join("src").join(format!("{module}.rs"));
    if file.exists() {
        return vec![file];
    }
    let mut files = Vec::new();
    let mut dirs = vec![root().join("src").join(module)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Modules that still reach each other (through any chain of imports), each group sorted:
/// a list that only shrinks. `input` reads files into `Document`s and `document` names
/// `input::Format`.
const KNOWN_CYCLES: &[&[&str]] = &[&["document", "input"]];

#[test]
fn architecture_no_new_import_cycles() {
    let modules = modules();
    let edges: Vec<BTreeSet<String>> = modules.iter().map(|m| imports(m)).collect();
    let index = |name: &str| modules.iter().position(|m| m == name);
    // What each module reaches, by a walk from it.
    let reach = |from: usize| {
        let mut seen = vec![false; modules.len()];
        let mut stack = vec![from];
        while let Some(m) = stack.pop() {
            for next in edges[m].iter().filter_map(|n| index(n)) {
                if !seen[next] {
                    seen[next] = true;
                    stack.push(next);
                }
            }
        }
        seen
    };
    let reaches: Vec<Vec<bool>> = (0..modules.len()).map(reach).collect();
    let mut groups: BTreeSet<Vec<&str>> = BTreeSet::new();
    for (a, from_a) in reaches.iter().enumerate() {
        let group: Vec<&str> =
            (0..modules.len()).filter(|&b| from_a[b] && reaches[b][a]).map(|b| modules[b].as_str()).collect();
        if group.len() > 1 {
            groups.insert(group);
        }
    }
    let known: BTreeSet<Vec<&str>> = KNOWN_CYCLES.iter().map(|g| g.to_vec()).collect();
    assert_eq!(groups, known, "modules that import each other (fix the new ones; remove fixed ones from KNOWN_CYCLES)");
    // The utilities sit below everything: they import nothing of the crate.
    assert!(imports("util").is_empty(), "src/util uses {:?}", imports("util"));
}
