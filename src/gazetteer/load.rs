//! Reading gazetteer TSV files (format: `gazetteers/README.md`).
//!
//! Columns are found by the header, so user files may carry only `id`, `name` and `type`.
//! Every malformed line is an error naming file and line.

use super::{Entity, EntityType};
use crate::error::LoadError;
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
}

/// Columns a file must have.
const REQUIRED: [&str; 3] = ["id", "name", "type"];

/// Parse one TSV gazetteer file.
///
/// ```
/// use std::path::Path;
/// let tsv = "id\tname\ttype\taliases\norg:is\tIslamic State\torganization\tIS|ISIS\n";
/// let rows = claimex::gazetteer::parse_tsv(Path::new("x.tsv"), tsv).unwrap();
/// assert_eq!(rows[0].names, ["Islamic State", "IS", "ISIS"]);
/// ```
pub fn parse_tsv(path: &Path, text: &str) -> Result<Vec<Entry>, LoadError> {
    let bad = |line: usize, reason: String| LoadError::Malformed { path: path.to_path_buf(), line, reason };
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((header_line, header)) = lines.next() else {
        return Ok(Vec::new());
    };
    let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
    let col = |name: &str| columns.iter().position(|c| *c == name);
    for name in REQUIRED {
        if col(name).is_none() {
            return Err(bad(header_line, format!("header lacks the column `{name}` (found: {})", columns.join(", "))));
        }
    }
    let mut out = Vec::new();
    for (n, line) in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != columns.len() {
            return Err(bad(n, format!("{} fields, the header has {}", fields.len(), columns.len())));
        }
        let get = |name: &str| col(name).map(|i| fields[i].trim()).unwrap_or("");
        let list = |name: &str| -> Vec<String> {
            get(name).split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
        };
        let (id, name) = (get("id"), get("name"));
        if id.is_empty() {
            return Err(bad(n, "empty id".into()));
        }
        if name.is_empty() {
            return Err(bad(n, format!("empty name for `{id}`")));
        }
        let kind = match get("type") {
            "place" => EntityType::Place,
            "organization" | "organisation" => EntityType::Organization,
            "person" => EntityType::Person,
            other => {
                return Err(bad(n, format!("type `{other}` is not one of place, organization, person")));
            }
        };
        let parent = Some(get("parent")).filter(|p| !p.is_empty()).map(String::from);
        let ambiguous = list("flags").iter().any(|f| f == "ambiguous");
        let mut names = vec![name.to_string()];
        names.extend(list("aliases"));
        out.push(Entry {
            entity: Entity {
                id: id.into(),
                name: name.into(),
                kind,
                subtype: get("subtype").into(),
                parent,
                ambiguous,
            },
            names,
            demonyms: list("demonyms"),
        });
    }
    Ok(out)
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
}
