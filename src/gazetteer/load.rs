//! Reading gazetteer files: our TSV format (`gazetteers/README.md`) and spaCy EntityRuler
//! pattern files (JSONL), so teams can reuse what they have.
//!
//! TSV columns are found by the header, so user files may carry only `id`, `name` and `type`.
//! Every malformed line is an error naming file and line; readers collect all of them (for
//! `claimex gazetteer check`) and loading stops at the first.

use super::{Entity, EntityType};
use crate::error::LoadError;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// One parsed row: the entity and every surface form that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entity.
    pub entity: Entity,
    /// The canonical name and the aliases.
    pub names: Vec<String>,
    /// Demonyms and adjectives ("Iraqi", "Iraqis").
    pub demonyms: Vec<String>,
    /// 1-based line of the file the entity was read from (its first line for spaCy files).
    pub line: usize,
}

/// What a file held: its entities, the lines that break the format, and the lines that were
/// understood but cannot be used (spaCy token patterns, labels that are no entity type).
#[derive(Debug, Default)]
pub struct Parsed {
    /// Entities, in file order.
    pub entries: Vec<Entry>,
    /// Malformed lines.
    pub errors: Vec<LoadError>,
    /// Lines skipped on purpose.
    pub skipped: Vec<LoadError>,
}

/// The format of a gazetteer file, told by its extension: `.jsonl`/`.json` are spaCy
/// EntityRuler patterns, anything else is TSV.
pub fn read(path: &Path, text: &str) -> Parsed {
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl" | "json") => read_spacy(path, text),
        _ => read_tsv(path, text),
    }
}

/// Parse one TSV gazetteer file, failing on the first malformed line.
///
/// ```
/// use std::path::Path;
/// let tsv = "id\tname\ttype\taliases\norg:is\tIslamic State\torganization\tIS|ISIS\n";
/// let rows = claimex::gazetteer::parse_tsv(Path::new("x.tsv"), tsv).unwrap();
/// assert_eq!(rows[0].names, ["Islamic State", "IS", "ISIS"]);
/// ```
pub fn parse_tsv(path: &Path, text: &str) -> Result<Vec<Entry>, LoadError> {
    let parsed = read_tsv(path, text);
    match parsed.errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(parsed.entries),
    }
}

fn malformed(path: &Path, line: usize, reason: String) -> LoadError {
    LoadError::Malformed { path: path.to_path_buf(), line, reason }
}

/// Columns a file must have.
const REQUIRED: [&str; 3] = ["id", "name", "type"];

/// Where each known column is in a file's rows (`None`: the file lacks it).
struct Columns {
    count: usize,
    id: usize,
    name: usize,
    kind: usize,
    subtype: Option<usize>,
    parent: Option<usize>,
    aliases: Option<usize>,
    demonyms: Option<usize>,
    flags: Option<usize>,
}

fn read_tsv(path: &Path, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((header_line, header)) = lines.next() else {
        return parsed;
    };
    let header: Vec<&str> = header.split('\t').map(str::trim).collect();
    let col = |name: &str| header.iter().position(|c| *c == name);
    let (Some(id), Some(name), Some(kind)) = (col(REQUIRED[0]), col(REQUIRED[1]), col(REQUIRED[2])) else {
        let missing = REQUIRED.iter().find(|name| col(name).is_none()).unwrap_or(&REQUIRED[0]);
        let found = header.join(", ");
        parsed.errors.push(malformed(
            path,
            header_line,
            format!("header lacks the column `{missing}` (found: {found})"),
        ));
        return parsed;
    };
    let columns = Columns {
        count: header.len(),
        id,
        name,
        kind,
        subtype: col("subtype"),
        parent: col("parent"),
        aliases: col("aliases"),
        demonyms: col("demonyms"),
        flags: col("flags"),
    };
    // The bundled files are 40,000 rows: a row is split into borrowed fields (one vector,
    // reused), and only the strings an entry keeps are allocated.
    let mut fields: Vec<&str> = Vec::with_capacity(columns.count);
    // At most one entry a line: reserved at once, the vector never grows past its need.
    parsed.entries.reserve(memchr::memchr_iter(b'\n', text.as_bytes()).count());
    for (n, line) in lines {
        fields.clear();
        fields.extend(split(line, b'\t'));
        if fields.len() != columns.count {
            let reason = format!("{} fields, the header has {}", fields.len(), columns.count);
            parsed.errors.push(malformed(path, n, reason));
            continue;
        }
        let get = |k: Option<usize>| k.map_or("", |k| fields[k].trim());
        let row = Row {
            id: get(Some(columns.id)),
            name: get(Some(columns.name)),
            kind: get(Some(columns.kind)),
            subtype: get(columns.subtype),
            parent: get(columns.parent),
            ambiguous: list(get(columns.flags)).any(|f| f == "ambiguous"),
        };
        match row.entity() {
            Ok(entity) => {
                let aliases = get(columns.aliases);
                let mut names = Vec::with_capacity(1 + usize::from(!aliases.is_empty()));
                names.push(entity.name.clone());
                names.extend(list(aliases).map(String::from));
                let demonyms = list(get(columns.demonyms)).map(String::from).collect();
                parsed.entries.push(Entry { entity, names, demonyms, line: n });
            }
            Err(reason) => parsed.errors.push(malformed(path, n, reason)),
        }
    }
    parsed
}

/// The items of a `|`-separated field, trimmed, empty ones left out.
fn list(field: &str) -> impl Iterator<Item = &str> {
    split(field, b'|').map(str::trim).filter(|s| !s.is_empty())
}

/// The parts of `text` between the bytes `sep` (an ASCII byte, so every part is on char
/// boundaries), found by a vectorised search: `str::split` costs more on short fields.
fn split(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(sep, text.as_bytes()).chain([text.len()]).map(move |end| {
        let part = &text[start..end];
        start = end + 1;
        part
    })
}

/// The fields every format gives an entity.
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    subtype: &'a str,
    parent: &'a str,
    ambiguous: bool,
}

impl Row<'_> {
    fn entity(&self) -> Result<Entity, String> {
        if self.id.is_empty() {
            return Err("empty id".into());
        }
        if self.name.is_empty() {
            return Err(format!("empty name for `{}`", self.id));
        }
        let kind = match self.kind {
            "place" => EntityType::Place,
            "organization" | "organisation" => EntityType::Organization,
            "person" => EntityType::Person,
            other => return Err(format!("type `{other}` is not one of place, organization, person")),
        };
        Ok(Entity {
            id: self.id.into(),
            name: self.name.into(),
            kind,
            subtype: self.subtype.into(),
            parent: Some(self.parent).filter(|p| !p.is_empty()).map(String::from),
            ambiguous: self.ambiguous,
        })
    }
}

/// One line of a spaCy EntityRuler file. `pattern` is a string (phrase pattern) or a list
/// of token dicts (token pattern, which a phrase matcher cannot use).
#[derive(Deserialize)]
struct SpacyPattern {
    label: String,
    pattern: serde_json::Value,
    #[serde(default)]
    id: Option<String>,
}

/// spaCy labels and the entity type each stands for (OntoNotes names; `NORP` covers
/// political and religious groups). Other labels (PRODUCT, EVENT...) name no entity we use.
const SPACY_LABELS: &[(&str, EntityType)] = &[
    ("FAC", EntityType::Place),
    ("GPE", EntityType::Place),
    ("LOC", EntityType::Place),
    ("NORP", EntityType::Organization),
    ("ORG", EntityType::Organization),
    ("PER", EntityType::Person),
    ("PERSON", EntityType::Person),
];

/// Read a spaCy EntityRuler pattern file: one JSON object per line. Patterns that share an
/// `id` are aliases of one entity, the first one its name; without an `id`, each pattern
/// is its own entity, with an id made from label and pattern.
fn read_spacy(path: &Path, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let pattern: SpacyPattern = match serde_json::from_str(line) {
            Ok(p) => p,
            Err(e) => {
                parsed.errors.push(malformed(path, n, format!("not a spaCy pattern object: {e}")));
                continue;
            }
        };
        let Some(phrase) = pattern.pattern.as_str().map(str::trim) else {
            parsed.skipped.push(malformed(path, n, "token patterns (lists) are not supported; skipped".into()));
            continue;
        };
        let label = pattern.label.to_ascii_uppercase();
        let Some(&(_, kind)) = SPACY_LABELS.iter().find(|(l, _)| *l == label) else {
            let reason = format!("label `{}` is not a place, organisation or person; skipped", pattern.label);
            parsed.skipped.push(malformed(path, n, reason));
            continue;
        };
        let id = pattern.id.unwrap_or_else(|| format!("{}:{}", kind.as_str(), slug(phrase)));
        if let Some(&k) = by_id.get(&id) {
            let entry: &mut Entry = &mut parsed.entries[k];
            if entry.entity.kind != kind {
                let reason =
                    format!("id `{id}` is labelled {} here and {} before", kind.as_str(), entry.entity.kind.as_str());
                parsed.errors.push(malformed(path, n, reason));
            } else if !phrase.is_empty() && !entry.names.iter().any(|x| x == phrase) {
                entry.names.push(phrase.to_string());
            }
            continue;
        }
        let row = Row { id: &id, name: phrase, kind: kind.as_str(), subtype: "", parent: "", ambiguous: false };
        match row.entity() {
            Ok(entity) => {
                by_id.insert(id.clone(), parsed.entries.len());
                let names = vec![entity.name.clone()];
                parsed.entries.push(Entry { entity, names, demonyms: Vec::new(), line: n });
            }
            Err(reason) => parsed.errors.push(malformed(path, n, reason)),
        }
    }
    parsed
}

/// A lower-case ASCII id part: "Rita Katz" → "rita-katz".
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_tsv(Path::new("g.tsv"), text).unwrap_err().to_string()
    }

    #[test]
    fn gazetteer_load_errors_name_file_and_line() {
        assert_eq!(err("id\tname\n"), "g.tsv:1: header lacks the column `type` (found: id, name)");
        assert_eq!(err("id\tname\ttype\n# c\nx\tX\n"), "g.tsv:3: 2 fields, the header has 3");
        assert_eq!(
            err("id\tname\ttype\nx\tX\tcity\n"),
            "g.tsv:2: type `city` is not one of place, organization, person"
        );
        assert_eq!(err("id\tname\ttype\nx\t\tplace\n"), "g.tsv:2: empty name for `x`");
        assert_eq!(err("id\tname\ttype\n\tX\tplace\n"), "g.tsv:2: empty id");
    }

    #[test]
    fn gazetteer_load_reads_optional_columns() {
        let tsv = "id\tname\ttype\tsubtype\taliases\tdemonyms\tparent\tflags\n\
                   place:iq\tIraq\tplace\tcountry\tRepublic of Iraq\tIraqi|Iraqis\t\t\n\
                   place:nice\tNice\tplace\tcity\t\t\tplace:fr\tambiguous\n";
        let rows = parse_tsv(Path::new("g.tsv"), tsv).unwrap();
        assert_eq!(rows[0].names, ["Iraq", "Republic of Iraq"]);
        assert_eq!(rows[0].demonyms, ["Iraqi", "Iraqis"]);
        assert_eq!(rows[1].entity.parent.as_deref(), Some("place:fr"));
        assert!(rows[1].entity.ambiguous && !rows[0].entity.ambiguous);
    }

    #[test]
    fn gazetteer_load_collects_every_error() {
        let parsed = read(Path::new("g.tsv"), "id\tname\ttype\nx\t\tplace\ny\tY\tcity\nz\tZ\tplace\n");
        let errors: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            ["g.tsv:2: empty name for `x`", "g.tsv:3: type `city` is not one of place, organization, person"]
        );
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.entries[0].line, 4);
    }

    #[test]
    fn gazetteer_load_reads_spacy_patterns() {
        let jsonl = r#"{"label": "ORG", "pattern": "Islamic State", "id": "isis"}
{"label": "ORG", "pattern": "ISIL", "id": "isis"}
{"label": "PERSON", "pattern": "Rita Katz"}

{"label": "GPE", "pattern": [{"LOWER": "raqqa"}]}
{"label": "PRODUCT", "pattern": "iPhone"}
{"label": "GPE", "pattern": "Raqqa"
"#;
        let parsed = read(Path::new("team.jsonl"), jsonl);
        let got: Vec<(&str, &str, EntityType, usize)> = parsed
            .entries
            .iter()
            .map(|e| (e.entity.id.as_str(), e.entity.name.as_str(), e.entity.kind, e.names.len()))
            .collect();
        assert_eq!(
            got,
            [
                ("isis", "Islamic State", EntityType::Organization, 2),
                ("person:rita-katz", "Rita Katz", EntityType::Person, 1)
            ]
        );
        let skipped: Vec<String> = parsed.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(
            skipped,
            [
                "team.jsonl:5: token patterns (lists) are not supported; skipped",
                "team.jsonl:6: label `PRODUCT` is not a place, organisation or person; skipped"
            ]
        );
        assert_eq!(parsed.errors.len(), 1);
        assert!(parsed.errors[0].to_string().starts_with("team.jsonl:7: not a spaCy pattern object"));
    }
}
