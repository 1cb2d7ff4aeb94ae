//! Stage 2: entity mentions from gazetteers of places, organisations and people.
//!
//! Input: the document text and its [`Segments`](crate::segment::Segments). Output: a sorted,
//! non-overlapping `Vec<EntityMention>`. Aliases ("IS", "ISIS", "ISIL", "Daesh") and demonyms
//! ("Iraqi") resolve to one entity; matching is longest-leftmost, on word boundaries, and case
//! sensitive (news capitalises names, and "IS" must never match "is").

mod check;
mod load;
mod matcher;
mod names;
mod people;

pub use check::{check, Report as CheckReport};
pub use load::{parse_tsv, read, Entry, Parsed};
pub use names::{find_unlisted_names, NameMention};
pub use people::{find_unlisted_people, PersonMention};

use crate::error::LoadError;
use crate::segment::Segments;
use crate::span::Span;
use std::path::{Path, PathBuf};

/// Index of an entity in [`Gazetteer::entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

/// The three kinds of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityType {
    /// Countries, regions, cities, sites.
    Place,
    /// Groups, forces, governments, outlets, research groups...
    Organization,
    /// Named people.
    Person,
}

impl EntityType {
    /// The name used in files and records.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Place => "place",
            EntityType::Organization => "organization",
            EntityType::Person => "person",
        }
    }
}

/// One gazetteer entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable id, e.g. `org:islamic-state`.
    pub id: String,
    /// Canonical name, e.g. `Islamic State`.
    pub name: String,
    /// Place, organisation or person.
    pub kind: EntityType,
    /// Finer type: `country`, `city`, `armed_group`, `news_outlet`, `official`...
    pub subtype: String,
    /// Id of the containing country or parent organisation.
    pub parent: Option<String>,
    /// The name is also a common word: not matched at sentence start.
    pub ambiguous: bool,
}

impl Entity {
    /// True for news organisations (they relay claims: `via`).
    pub fn is_outlet(&self) -> bool {
        self.subtype == "news_outlet"
    }

    /// True for countries and territories.
    pub fn is_country(&self) -> bool {
        matches!(self.subtype.as_str(), "country" | "territory")
    }
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameForm {
    /// The canonical name or an alias: "Islamic State", "ISIS".
    Name,
    /// An adjective or demonym: "Iraqi", "Syrians".
    Demonym,
}

/// A span of text that names a gazetteer entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityMention {
    /// Which entity.
    pub entity: EntityId,
    /// The matched words (without a possessive "’s").
    pub span: Span,
    /// Name or demonym.
    pub form: NameForm,
}

/// The loaded gazetteers and their compiled matcher. Build once, share across threads.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    matcher: matcher::Matcher,
    version: String,
    /// Shared: `LoadError` holds an `io::Error`, which cannot be cloned.
    warnings: std::sync::Arc<[LoadError]>,
}

/// The bundled gazetteer files, embedded so the binary works from any directory.
const BUNDLED: &[(&str, &str)] = &[
    ("gazetteers/organizations.tsv", include_str!("../../gazetteers/organizations.tsv")),
    ("gazetteers/people.tsv", include_str!("../../gazetteers/people.tsv")),
    ("gazetteers/places.tsv", include_str!("../../gazetteers/places.tsv")),
];

impl Gazetteer {
    /// The gazetteers bundled with claimex.
    ///
    /// ```
    /// let gaz = claimex::gazetteer::Gazetteer::bundled().unwrap();
    /// let text = "ISIS fighters in Iraq’s north.";
    /// let names: Vec<&str> = gaz
    ///     .find(text, &claimex::segment::split(text, claimex::lexicon::Lexicon::english()))
    ///     .iter()
    ///     .map(|m| gaz.entity(m.entity).name.as_str())
    ///     .collect();
    /// assert_eq!(names, ["Islamic State", "Iraq"]);
    /// ```
    pub fn bundled() -> Result<Gazetteer, LoadError> {
        Gazetteer::from_sources(&bundled_sources())
    }

    /// The bundled gazetteers, or the files of `dir` instead when given, with the `extra`
    /// files added. Extra files come first: where one defines an id or a name the others
    /// also define, the extra file's entity wins.
    pub fn load(dir: Option<&Path>, extra: &[PathBuf]) -> Result<Gazetteer, LoadError> {
        let mut files = extra.iter().map(|p| read_file(p)).collect::<Result<Vec<_>, _>>()?;
        match dir {
            Some(dir) => files.extend(read_dir(dir)?),
            None => files.extend(BUNDLED.iter().map(|(p, t)| (PathBuf::from(p), t.to_string()))),
        }
        let sources: Vec<(PathBuf, &str)> = files.iter().map(|(p, t)| (p.clone(), t.as_str())).collect();
        Gazetteer::from_sources(&sources)
    }

    /// Every gazetteer file (`*.tsv`, and spaCy `*.jsonl`) in `dir`, replacing the bundled ones.
    pub fn from_dir(dir: &Path) -> Result<Gazetteer, LoadError> {
        Gazetteer::load(Some(dir), &[])
    }

    /// Build from (file name, text) pairs; the name tells the format (see [`read`]) and
    /// appears in error messages. The first definition of an id wins; later ones are dropped.
    pub fn from_sources(sources: &[(PathBuf, &str)]) -> Result<Gazetteer, LoadError> {
        // Each file's entries stay in their own vector: copying 40,000 entries into one
        // would hold both copies at the peak of the build.
        let mut files: Vec<Vec<Entry>> = Vec::with_capacity(sources.len());
        let mut warnings = Vec::new();
        // The version hashes each file's name and text, streamed (2.8 MB for the bundled files).
        let mut hash = crate::util::hash::Prefixed::new(b"");
        for (path, text) in sources {
            let parsed = read(path, text);
            if let Some(e) = parsed.errors.into_iter().next() {
                return Err(e);
            }
            warnings.extend(parsed.skipped);
            files.push(parsed.entries);
            let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
            for part in [name.as_bytes(), &[0], text.as_bytes(), &[0]] {
                hash.push(part);
            }
        }
        // The first definition of an id wins: the set borrows the ids rather than copying
        // 40,000 of them.
        let keep: Vec<bool> = {
            let mut seen = rustc_hash::FxHashSet::default();
            seen.reserve(files.iter().map(Vec::len).sum());
            files.iter().flatten().map(|e| seen.insert(e.entity.id.as_str())).collect()
        };
        let mut keep = keep.into_iter();
        for entries in &mut files {
            entries.retain(|_| keep.next().unwrap_or(false));
        }
        let count = files.iter().map(Vec::len).sum();
        if count == 0 {
            let path = sources.first().map(|(p, _)| p.clone()).unwrap_or_default();
            return Err(LoadError::Empty { path });
        }
        let version = format!("sha256:{}", hash.hex(8));
        let matcher = matcher::Matcher::build(files.iter().flatten());
        let mut entities = Vec::with_capacity(count);
        entities.extend(files.into_iter().flatten().map(|e| e.entity));
        Ok(Gazetteer { entities, matcher, version, warnings: warnings.into() })
    }

    /// Lines of the files that were understood but not used (spaCy token patterns...).
    pub fn warnings(&self) -> &[LoadError] {
        &self.warnings
    }

    /// Every mention in `text`, sorted by position, never overlapping.
    pub fn find(&self, text: &str, segments: &Segments) -> Vec<EntityMention> {
        self.matcher.find(text, segments, &self.entities)
    }

    /// The entity behind an id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    /// All entities, in load order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// A short hash of the files in use, recorded in every claim.
    pub fn version(&self) -> &str {
        &self.version
    }
}

/// Read one gazetteer file.
pub fn read_file(path: &Path) -> Result<(PathBuf, String), LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io { path: path.to_path_buf(), source })?;
    Ok((path.to_path_buf(), text))
}

/// Gazetteer files have these extensions (`.jsonl`: spaCy EntityRuler patterns).
const EXTENSIONS: &[&str] = &["tsv", "jsonl"];

/// Every gazetteer file of `dir`, sorted by name; an error when there is none.
pub fn read_dir(dir: &Path) -> Result<Vec<(PathBuf, String)>, LoadError> {
    let io = |source| LoadError::Io { path: dir.to_path_buf(), source };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|x| x.to_str()).is_some_and(|x| EXTENSIONS.contains(&x)))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(LoadError::Empty { path: dir.to_path_buf() });
    }
    paths.iter().map(|p| read_file(p)).collect()
}

/// The bundled files as (name, text) pairs.
pub fn bundled_sources() -> Vec<(PathBuf, &'static str)> {
    BUNDLED.iter().map(|(p, t)| (PathBuf::from(p), *t)).collect()
}
