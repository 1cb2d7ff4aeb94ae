//! `claimex gazetteer check`: every problem of a set of gazetteer files, with file and line.
//!
//! Loading stops at the first malformed line and silently lets the first definition of an
//! id or a name win; curators need the whole list instead, so this reads everything and
//! reports: malformed lines, duplicate ids, a name or demonym given to two entities, and
//! parents that are no known id.

use super::load::read;
use crate::error::LoadError;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Entities read.
    pub entities: usize,
    /// Distinct surface forms (names, aliases, demonyms).
    pub names: usize,
    /// Problems that make the files wrong.
    pub problems: Vec<LoadError>,
    /// Lines understood and skipped (spaCy token patterns...).
    pub warnings: Vec<LoadError>,
}

/// Check `sources` (file name, text) together. `known_ids` are ids defined elsewhere (the
/// bundled gazetteers) that a `parent` may name.
///
/// ```
/// use std::path::PathBuf;
/// let tsv = "id\tname\ttype\taliases\na\tAlpha\tplace\tAl\nb\tBeta\tplace\tAl\n";
/// let report = claimex::gazetteer::check(&[(PathBuf::from("g.tsv"), tsv)], &[]);
/// assert_eq!(report.problems[0].to_string(), "g.tsv:3: `Al` also names `a` (g.tsv:2)");
/// ```
pub fn check(sources: &[(PathBuf, &str)], known_ids: &[&str]) -> Report {
    let mut report = Report::default();
    let mut ids: HashMap<String, (&Path, usize)> = HashMap::new();
    let mut forms: HashMap<&str, (&str, &Path, usize)> = HashMap::new();
    let mut parsed_all = Vec::with_capacity(sources.len());
    for (path, text) in sources {
        let parsed = read(path, text);
        report.problems.extend(parsed.errors);
        report.warnings.extend(parsed.skipped);
        parsed_all.push((path.as_path(), parsed.entries));
    }
    let problem = |path: &Path, line: usize, reason: String| LoadError::Malformed { path: path.into(), line, reason };
    for (path, entries) in &parsed_all {
        for e in entries {
            report.entities += 1;
            let id = e.entity.id.as_str();
            if let Some((p, l)) = ids.get(id) {
                report.problems.push(problem(
                    path,
                    e.line,
                    format!("duplicate id `{id}` (first at {}:{l})", p.display()),
                ));
                continue;
            }
            ids.insert(id.to_string(), (path, e.line));
            // A form repeated within one entity is harmless; across two it is a clash.
            let own: HashSet<&str> = e.names.iter().chain(&e.demonyms).map(String::as_str).collect();
            for form in own {
                match forms.get(form) {
                    Some((other, p, l)) => {
                        let reason = format!("`{form}` also names `{other}` ({}:{l})", p.display());
                        report.problems.push(problem(path, e.line, reason));
                    }
                    None => {
                        forms.insert(form, (id, path, e.line));
                    }
                }
            }
        }
    }
    for (path, entries) in &parsed_all {
        for e in entries {
            if let Some(parent) = e.entity.parent.as_deref() {
                if !ids.contains_key(parent) && !known_ids.contains(&parent) {
                    let reason = format!("parent `{parent}` of `{}` is no known id", e.entity.id);
                    report.problems.push(problem(path, e.line, reason));
                }
            }
        }
    }
    report.names = forms.len();
    report.problems.sort_by_key(|p| match p {
        LoadError::Malformed { path, line, .. } => (path.clone(), *line),
        LoadError::Io { path, .. } | LoadError::Empty { path } => (path.clone(), 0),
    });
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(files: &[(&str, &str)], known: &[&str]) -> Vec<String> {
        let sources: Vec<(PathBuf, &str)> = files.iter().map(|(p, t)| (PathBuf::from(p), *t)).collect();
        check(&sources, known).problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn gazetteer_check_reports_every_problem_with_file_and_line() {
        let a = "id\tname\ttype\taliases\tdemonyms\tparent\n\
                 place:iq\tIraq\tplace\t\tIraqi\t\n\
                 place:iq\tIraq again\tplace\t\t\t\n\
                 org:x\t\torganization\t\t\t\n\
                 org:y\tY\tarmy\t\t\t\n\
                 org:z\tZ\torganization\tIraqi\t\tplace:nowhere\n";
        let b = r#"{"label": "GPE", "pattern": "Iraq"}"#;
        assert_eq!(
            problems(&[("a.tsv", a), ("b.jsonl", b)], &[]),
            [
                "a.tsv:3: duplicate id `place:iq` (first at a.tsv:2)",
                "a.tsv:4: empty name for `org:x`",
                "a.tsv:5: type `army` is not one of place, organization, person",
                "a.tsv:6: `Iraqi` also names `place:iq` (a.tsv:2)",
                "a.tsv:6: parent `place:nowhere` of `org:z` is no known id",
                "b.jsonl:1: `Iraq` also names `place:iq` (a.tsv:2)",
            ]
        );
    }

    #[test]
    fn gazetteer_check_accepts_parents_known_elsewhere() {
        let a = "id\tname\ttype\tparent\norg:police\tIraqi police\torganization\tplace:iraq\n";
        assert!(problems(&[("a.tsv", a)], &["place:iraq"]).is_empty());
    }

    #[test]
    fn gazetteer_check_passes_the_bundled_files() {
        let report = check(&super::super::bundled_sources(), &[]);
        assert!(report.problems.is_empty(), "{:?}", &report.problems[..report.problems.len().min(10)]);
        assert!(
            report.entities > 6_000 && report.names > 9_000,
            "{} entities, {} names",
            report.entities,
            report.names
        );
    }
}
