//! `--incremental MANIFEST`: re-runs extract only documents whose bytes changed.
//!
//! The manifest lists, for every document of the last run, its key (path and JSON line), the
//! SHA-256 of its bytes, and where its records are in that run's output file. A re-run reads
//! each document, and when its key and hash are in the manifest copies its records from the
//! previous output instead of extracting them, so the new output is byte-identical to a full
//! run. The old output is not duplicated: the manifest holds offsets into it, and is trusted
//! only while that file is exactly the one it describes (same size and SHA-256) and the
//! run's settings (extractor and gazetteer versions, record kind, JSON field names) are the
//! same; otherwise the run starts from scratch and says why.

use crate::document::Document;
use crate::error::ManifestError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The schema id of a manifest's last line.
const SCHEMA: &str = "claimex.manifest/1";

/// One document of a run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The document's path as given.
    pub path: String,
    /// Its line in a JSON-lines input.
    pub line: Option<usize>,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Where its records start in the output file.
    pub offset: u64,
    /// Their length in bytes.
    pub len: u64,
    /// How many records.
    pub records: usize,
}

/// The manifest's last line: what the entries are valid for.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Trailer {
    schema: String,
    settings: String,
    output_bytes: u64,
    output_sha256: String,
}

/// A previous run that can be reused.
#[derive(Debug)]
pub struct Manifest {
    entries: HashMap<(String, Option<usize>), Entry>,
    output: Mutex<File>,
}

impl Manifest {
    /// Load the manifest at `path` describing `output` for runs with these `settings`.
    /// `Ok(Err(reason))` when there is nothing to reuse (no manifest yet, other settings, an
    /// output file that changed since).
    pub fn load(path: &Path, output: &Path, settings: &str) -> Result<Result<Manifest, String>, ManifestError> {
        let err = |line: usize, reason: String| ManifestError::Malformed { path: path.to_path_buf(), line, reason };
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Err("no manifest yet".into())),
            Err(source) => return Err(ManifestError::Io { path: path.to_path_buf(), source }),
        };
        let mut entries = HashMap::new();
        // Every line is an entry but the last, which is the trailer: parse one line late.
        let mut previous: Option<(usize, String)> = None;
        for (i, line) in io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|source| ManifestError::Io { path: path.to_path_buf(), source })?;
            if let Some((n, text)) = previous.replace((i + 1, line)) {
                let entry: Entry = serde_json::from_str(&text).map_err(|e| err(n, e.to_string()))?;
                entries.insert((entry.path.clone(), entry.line), entry);
            }
        }
        let trailer = match previous {
            Some((n, text)) if text.contains(SCHEMA) => {
                Some(serde_json::from_str::<Trailer>(&text).map_err(|e| err(n, e.to_string()))?)
            }
            _ => None,
        };
        let Some(trailer) = trailer else {
            return Ok(Err("the manifest is incomplete (the run that wrote it did not finish)".into()));
        };
        if trailer.schema != SCHEMA || trailer.settings != settings {
            return Ok(Err("the extractor, gazetteers or settings changed".into()));
        }
        let Ok(mut old) = File::open(output) else {
            return Ok(Err(format!("{} is gone", output.display())));
        };
        let (bytes, sha256) =
            hash(&mut old).map_err(|source| ManifestError::Io { path: output.to_path_buf(), source })?;
        if bytes != trailer.output_bytes || sha256 != trailer.output_sha256 {
            return Ok(Err(format!("{} changed since the manifest was written", output.display())));
        }
        Ok(Ok(Manifest { entries, output: Mutex::new(old) }))
    }

    /// The records of `doc` from the previous run, when its bytes are unchanged.
    pub fn reuse(&self, doc: &Document) -> Option<(Vec<u8>, usize)> {
        let entry = self.entries.get(&(crate::input::path_text(&doc.path), doc.line))?;
        if entry.sha256 != doc.sha256 {
            return None;
        }
        let mut jsonl = vec![0; usize::try_from(entry.len).ok()?];
        let mut file = self.output.lock().ok()?;
        file.seek(SeekFrom::Start(entry.offset)).ok()?;
        file.read_exact(&mut jsonl).ok()?;
        Some((jsonl, entry.records))
    }

    /// Documents the manifest knows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when it knows none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The settings that decide a run's output, as one string: a manifest written under other
/// settings is not reused.
pub fn settings(gazetteer_version: &str, records: &str, fields: &impl std::fmt::Debug) -> String {
    let fingerprint = format!("{}|{gazetteer_version}|{records}|{fields:?}", env!("CARGO_PKG_VERSION"));
    crate::util::hash::sha256_hex(fingerprint.as_bytes())[..16].to_string()
}

fn hash(file: &mut File) -> io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let bytes = io::copy(file, &mut hasher)?;
    Ok((bytes, format!("{:x}", hasher.finalize())))
}

/// Writes the manifest of the current run as its output is written.
#[derive(Debug)]
pub struct ManifestWriter {
    out: io::BufWriter<File>,
    offset: u64,
    output_hash: Sha256,
    settings: String,
    temp: PathBuf,
}

impl ManifestWriter {
    /// Start writing next to `path` (renamed into place by [`ManifestWriter::finish`]).
    pub fn create(path: &Path, settings: String) -> Result<ManifestWriter, ManifestError> {
        let temp = crate::util::temp_path(path);
        let file = File::create(&temp).map_err(|source| ManifestError::Io { path: temp.clone(), source })?;
        Ok(ManifestWriter { out: io::BufWriter::new(file), offset: 0, output_hash: Sha256::new(), settings, temp })
    }

    /// Record a document whose `jsonl` was just appended to the output.
    pub fn add(
        &mut self,
        path: &Path,
        line: Option<usize>,
        sha256: &str,
        jsonl: &[u8],
        records: usize,
    ) -> io::Result<()> {
        let len = jsonl.len() as u64;
        let entry = Entry {
            path: crate::input::path_text(path),
            line,
            sha256: sha256.to_string(),
            offset: self.offset,
            len,
            records,
        };
        serde_json::to_writer(&mut self.out, &entry)?;
        self.out.write_all(b"\n")?;
        self.output_hash.update(jsonl);
        self.offset += len;
        Ok(())
    }

    /// Account for records appended to the output that the manifest does not list (their
    /// document is extracted again on the next run).
    pub fn skip(&mut self, jsonl: &[u8]) {
        self.output_hash.update(jsonl);
        self.offset += jsonl.len() as u64;
    }

    /// Write the trailer and move the manifest to `path`. Call only once the output is whole.
    pub fn finish(mut self, path: &Path) -> Result<(), ManifestError> {
        let io = |source| ManifestError::Io { path: path.to_path_buf(), source };
        let trailer = Trailer {
            schema: SCHEMA.into(),
            settings: std::mem::take(&mut self.settings),
            output_bytes: self.offset,
            output_sha256: format!("{:x}", std::mem::take(&mut self.output_hash).finalize()),
        };
        serde_json::to_writer(&mut self.out, &trailer).map_err(|e| io(e.into()))?;
        self.out.write_all(b"\n").map_err(io)?;
        self.out.flush().map_err(io)?;
        std::fs::rename(&self.temp, path).map_err(io)
    }
}

impl Drop for ManifestWriter {
    fn drop(&mut self) {
        // After `finish` the temporary is gone; otherwise it is a partial manifest.
        let _ = std::fs::remove_file(&self.temp);
    }
}
