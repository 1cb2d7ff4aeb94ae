//! The batch: walk inputs, extract in parallel, write JSONL in a deterministic order.
//!
//! Paths are walked in sorted order (walkdir, sorted by file name) and processed in chunks:
//! each chunk is extracted in parallel (rayon, order-preserving `collect`) and written in
//! order before the next is read, so output bytes do not depend on the thread count and
//! memory is bounded by the chunk, not the corpus. A document that fails is reported through
//! the callback and the batch goes on.

use crate::document::{Document, Limits};
use crate::error::{DocumentError, DocumentErrorKind};
use crate::Pipeline;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// File extensions taken from folders (without the dot), e.g. `["txt"]`.
    pub extensions: Vec<String>,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Limits on each document.
    pub limits: Limits,
    /// Documents read and extracted at once.
    pub chunk: usize,
    /// What to write for each document.
    pub records: Records,
}

/// The records a batch writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Records {
    /// One line per claim (`claimex extract`).
    #[default]
    Claims,
    /// One line per entity mention (`claimex entities`).
    Mentions,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            extensions: vec!["txt".into()],
            jobs: 0,
            limits: Limits::default(),
            chunk: 256,
            records: Records::Claims,
        }
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Documents extracted.
    pub documents: usize,
    /// Records written (claims, or entity mentions).
    pub claims: usize,
    /// Documents or inputs that failed.
    pub failed: usize,
    /// Bytes of text extracted.
    pub bytes: u64,
}

/// A failure of one input; the batch continues.
pub type Failure = DocumentError;

/// Run the batch over `inputs`, writing JSONL to `out` and each failure to `on_error`.
///
/// Files named directly are read whatever their extension; folders are walked for
/// `options.extensions`. An error from `out` (a closed pipe, a full disk) stops the batch.
pub fn run(
    pipeline: &Pipeline,
    inputs: &[PathBuf],
    options: &Options,
    out: &mut dyn Write,
    on_error: &mut dyn FnMut(&Failure),
) -> io::Result<Report> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(|e| io::Error::other(e.to_string()))?;
    let mut report = Report::default();
    let mut chunk: Vec<PathBuf> = Vec::with_capacity(options.chunk);
    for input in inputs {
        let mut found = 0usize;
        for item in walk(input, &options.extensions) {
            match item {
                Ok(path) => {
                    found += 1;
                    chunk.push(path);
                    if chunk.len() >= options.chunk.max(1) {
                        flush(pipeline, &pool, &mut chunk, options, out, on_error, &mut report)?;
                    }
                }
                Err(e) => {
                    report.failed += 1;
                    on_error(&e);
                }
            }
        }
        if found == 0 && input.is_dir() {
            report.failed += 1;
            let exts = options.extensions.iter().map(|e| format!("*.{e}")).collect::<Vec<_>>().join(", ");
            on_error(&DocumentError {
                path: input.clone(),
                kind: DocumentErrorKind::Io(io::Error::new(io::ErrorKind::NotFound, format!("no {exts} files found"))),
            });
        }
    }
    flush(pipeline, &pool, &mut chunk, options, out, on_error, &mut report)?;
    out.flush()?;
    Ok(report)
}

fn flush(
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    chunk: &mut Vec<PathBuf>,
    options: &Options,
    out: &mut dyn Write,
    on_error: &mut dyn FnMut(&Failure),
    report: &mut Report,
) -> io::Result<()> {
    let results: Vec<Result<Extracted, DocumentError>> =
        pool.install(|| chunk.par_iter().map(|path| extract_file(pipeline, path, options)).collect());
    for result in results {
        match result {
            Ok((jsonl, claims, bytes)) => {
                out.write_all(&jsonl)?;
                report.documents += 1;
                report.claims += claims;
                report.bytes += bytes;
            }
            Err(e) => {
                report.failed += 1;
                on_error(&e);
            }
        }
    }
    chunk.clear();
    Ok(())
}

/// One document's output: (JSONL bytes, records, text bytes).
pub type Extracted = (Vec<u8>, usize, u64);

/// Read, extract and serialise one file.
pub fn extract_file(pipeline: &Pipeline, path: &Path, options: &Options) -> Result<Extracted, DocumentError> {
    let doc = Document::read(path, options.limits)?;
    let x = pipeline.extract(&doc.text);
    let mut jsonl = Vec::with_capacity(x.claims.len() * 1500);
    let records = match options.records {
        Records::Claims => {
            crate::record::write_jsonl(&doc, &x, pipeline.gazetteer(), &mut jsonl);
            x.claims.len()
        }
        Records::Mentions => crate::record::write_mentions_jsonl(&doc, &x, pipeline.gazetteer(), &mut jsonl),
    };
    Ok((jsonl, records, doc.text.len() as u64))
}

/// The files under `input`, sorted; errors name the path that failed.
fn walk<'a>(
    input: &'a Path,
    extensions: &'a [String],
) -> Box<dyn Iterator<Item = Result<PathBuf, DocumentError>> + 'a> {
    if !input.is_dir() {
        // A named file is read whatever its extension; a missing one fails when read.
        return Box::new(std::iter::once(Ok(input.to_path_buf())));
    }
    let wanted = move |p: &Path| {
        p.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    };
    Box::new(walkdir::WalkDir::new(input).sort_by_file_name().into_iter().filter_map(move |entry| match entry {
        // Links are not followed into folders (no loops), but a linked file is read, and a
        // dangling link fails with its name.
        Ok(e) if (e.file_type().is_file() || e.file_type().is_symlink()) && wanted(e.path()) => Some(Ok(e.into_path())),
        Ok(_) => None,
        Err(e) => {
            let path = e.path().map_or_else(|| input.to_path_buf(), Path::to_path_buf);
            let io = e.into_io_error().unwrap_or_else(|| io::Error::other("file system loop"));
            Some(Err(DocumentError { path, kind: DocumentErrorKind::Io(io) }))
        }
    }))
}
