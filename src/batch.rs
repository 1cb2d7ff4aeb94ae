//! The batch: walk inputs, extract in parallel, write JSONL in a deterministic order.
//!
//! Paths are walked in sorted order (walkdir, sorted by file name) and processed in chunks:
//! each chunk is extracted in parallel (rayon, order-preserving `collect`) and written in
//! order before the next is read, so output bytes do not depend on the thread count and
//! memory is bounded by the chunk, not the corpus. One-article files are read by the
//! workers; many-article inputs (JSON lines, standard input) are read here, one article at
//! a time, so a file of any size streams through. A document that fails is reported
//! through the callback and the batch goes on.

use crate::document::{Document, Limits};
use crate::error::{DocumentError, DocumentErrorKind};
use crate::incremental::Manifest;
use crate::input::{self, InputOptions};
use crate::Pipeline;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// File extensions taken from folders (without the dot), e.g. `["txt"]`; each is also
    /// taken gzip-compressed (`.txt.gz`).
    pub extensions: Vec<String>,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Limits on each document.
    pub limits: Limits,
    /// Field names of JSON articles.
    pub fields: input::Fields,
    /// Documents read and extracted at once.
    pub chunk: usize,
    /// What to write for each document.
    pub records: Records,
    /// Set from elsewhere (a signal handler) to stop after the current chunk.
    pub stop: Option<Arc<AtomicBool>>,
    /// A previous run whose records are reused for unchanged documents.
    pub previous: Option<Arc<Manifest>>,
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

impl Records {
    /// What the records are called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Records::Claims => "claims",
            Records::Mentions => "entity mentions",
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            extensions: input::DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            jobs: 0,
            limits: Limits::default(),
            fields: input::Fields::default(),
            chunk: 256,
            records: Records::Claims,
            stop: None,
            previous: None,
        }
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Input files (or streams) finished.
    pub inputs: usize,
    /// Documents extracted.
    pub documents: usize,
    /// Records written (claims, or entity mentions).
    pub claims: usize,
    /// Documents or inputs that failed.
    pub failed: usize,
    /// Bytes of text extracted.
    pub bytes: u64,
    /// Documents whose records were reused from a previous run.
    pub reused: usize,
}

/// A failure of one input; the batch continues.
pub type Failure = DocumentError;

/// What a running batch tells its caller.
#[derive(Debug)]
pub enum Event<'a> {
    /// An input failed; the batch goes on.
    Failed(&'a Failure),
    /// A document's records were written.
    Written(&'a Extracted),
    /// A chunk was written: the totals so far.
    Progress(&'a Report),
}

/// One unit of work: a file the worker reads, or an article already read from a stream.
enum Job {
    File(PathBuf),
    Article(Box<Result<Document, DocumentError>>),
}

/// Run the batch over `inputs`, writing JSONL to `out`, each failure and each chunk's
/// progress to `on_event`.
///
/// Files named directly are read whatever their extension; folders are walked for
/// `options.extensions`; `-` reads JSON-lines articles from standard input. An error from
/// `out` (a closed pipe, a full disk) stops the batch, and so does `options.stop` (with an
/// error of kind `Interrupted`).
pub fn run(
    pipeline: &Pipeline,
    inputs: &[PathBuf],
    options: &Options,
    out: &mut dyn Write,
    on_event: &mut dyn FnMut(Event<'_>),
) -> io::Result<Report> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(|e| io::Error::other(e.to_string()))?;
    let input_options = InputOptions { limits: options.limits, fields: options.fields.clone() };
    let mut batch = Batch {
        pipeline,
        pool,
        options,
        input_options,
        chunk: Vec::new(),
        pending: None,
        report: Report::default(),
        streams_done: 0,
    };
    for input in inputs {
        let mut found = 0usize;
        for item in walk(input, &options.extensions) {
            match item {
                Ok(path) if input::is_stream(&path) => {
                    found += 1;
                    for article in input::articles(&path, &batch.input_options) {
                        batch.push(Job::Article(Box::new(article)), out, on_event)?;
                    }
                    batch.streams_done += 1;
                }
                Ok(path) => {
                    found += 1;
                    batch.push(Job::File(path), out, on_event)?;
                }
                Err(e) => {
                    batch.report.failed += 1;
                    batch.report.inputs += 1;
                    on_event(Event::Failed(&e));
                }
            }
        }
        if found == 0 && input.is_dir() {
            batch.report.failed += 1;
            let exts = options.extensions.iter().map(|e| format!("*.{e}")).collect::<Vec<_>>().join(", ");
            on_event(Event::Failed(&DocumentError {
                path: input.clone(),
                kind: DocumentErrorKind::Io(io::Error::new(io::ErrorKind::NotFound, format!("no {exts} files found"))),
            }));
        }
    }
    batch.finish(out, on_event)?;
    out.flush()?;
    Ok(batch.report)
}

/// The state of a running batch.
struct Batch<'p> {
    pipeline: &'p Pipeline,
    pool: rayon::ThreadPool,
    options: &'p Options,
    input_options: InputOptions,
    chunk: Vec<Job>,
    /// The chunk extracted last, not yet written.
    pending: Option<Pending>,
    report: Report,
    /// Many-article inputs read to their end and not yet counted in `report.inputs`.
    streams_done: usize,
}

impl Batch<'_> {
    fn push(&mut self, job: Job, out: &mut dyn Write, on_event: &mut dyn FnMut(Event<'_>)) -> io::Result<()> {
        self.chunk.push(job);
        if self.chunk.len() >= self.options.chunk.max(1) {
            self.flush(out, on_event)?;
        }
        Ok(())
    }

    /// Extract the gathered chunk while the one before it is written: the pool works on the
    /// next documents instead of waiting for the output, and the order is unchanged.
    fn flush(&mut self, out: &mut dyn Write, on_event: &mut dyn FnMut(Event<'_>)) -> io::Result<()> {
        if self.options.stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed)) {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"));
        }
        let (pipeline, options, input_options) = (self.pipeline, self.options, &self.input_options);
        let jobs = std::mem::take(&mut self.chunk);
        let inputs = jobs.iter().filter(|j| matches!(j, Job::File(_))).count() + self.streams_done;
        self.streams_done = 0;
        let previous = self.pending.take();
        let mut results = Vec::new();
        let mut written = Ok(());
        let report = &mut self.report;
        self.pool.in_place_scope(|scope| {
            scope.spawn(|_| results = extract_chunk(pipeline, options, input_options, jobs));
            if let Some(previous) = previous {
                written = write_chunk(previous, report, out, on_event);
            }
        });
        written?;
        self.pending = Some(Pending { inputs, results });
        Ok(())
    }

    /// Write what is still pending: the last chunk.
    fn finish(&mut self, out: &mut dyn Write, on_event: &mut dyn FnMut(Event<'_>)) -> io::Result<()> {
        if !self.chunk.is_empty() || self.streams_done > 0 {
            self.flush(out, on_event)?;
        }
        match self.pending.take() {
            Some(last) => write_chunk(last, &mut self.report, out, on_event),
            None => Ok(()),
        }
    }
}

/// An extracted chunk waiting to be written, and the inputs it counts.
struct Pending {
    inputs: usize,
    results: Vec<Result<Extracted, DocumentError>>,
}

/// Read and extract the documents of one chunk in parallel, in order.
fn extract_chunk(
    pipeline: &Pipeline,
    options: &Options,
    input_options: &InputOptions,
    jobs: Vec<Job>,
) -> Vec<Result<Extracted, DocumentError>> {
    jobs.into_par_iter()
        .map(|job| {
            let doc = match job {
                Job::File(path) => input::read_file(&path, input_options)?,
                Job::Article(article) => (*article)?,
            };
            let reused = options.previous.as_ref().and_then(|m| m.reuse(&doc));
            Ok(match reused {
                Some((jsonl, records)) => Extracted::of(doc, jsonl, records, true),
                None => serialise(pipeline, doc, options.records),
            })
        })
        .collect()
}

/// Write one extracted chunk in order, counting it in `report`.
fn write_chunk(
    chunk: Pending,
    report: &mut Report,
    out: &mut dyn Write,
    on_event: &mut dyn FnMut(Event<'_>),
) -> io::Result<()> {
    report.inputs += chunk.inputs;
    for result in chunk.results {
        match result {
            Ok(done) => {
                out.write_all(&done.jsonl)?;
                report.documents += 1;
                report.claims += done.records;
                report.bytes += done.bytes;
                report.reused += usize::from(done.reused);
                on_event(Event::Written(&done));
            }
            Err(e) => {
                report.failed += 1;
                on_event(Event::Failed(&e));
            }
        }
    }
    on_event(Event::Progress(report));
    Ok(())
}

/// One document's output.
#[derive(Debug)]
pub struct Extracted {
    /// The document's path.
    pub path: PathBuf,
    /// Its line in a JSON-lines input.
    pub line: Option<usize>,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Its JSON lines.
    pub jsonl: Vec<u8>,
    /// How many records they are.
    pub records: usize,
    /// Bytes of text.
    pub bytes: u64,
    /// Copied from a previous run rather than extracted.
    pub reused: bool,
}

impl Extracted {
    fn of(doc: Document, jsonl: Vec<u8>, records: usize, reused: bool) -> Extracted {
        let bytes = doc.text.len() as u64;
        Extracted { path: doc.path, line: doc.line, sha256: doc.sha256, jsonl, records, bytes, reused }
    }
}

/// Extract and serialise one document.
pub fn serialise(pipeline: &Pipeline, doc: Document, records: Records) -> Extracted {
    let x = pipeline.extract(&doc.text);
    let mut jsonl = Vec::with_capacity(x.claims.len() * 2048);
    let count = match records {
        Records::Claims => {
            crate::record::write_jsonl(&doc, &x, pipeline.gazetteer(), &mut jsonl);
            x.claims.len()
        }
        Records::Mentions => crate::record::write_mentions_jsonl(&doc, &x, pipeline.gazetteer(), &mut jsonl),
    };
    Extracted::of(doc, jsonl, count, false)
}

/// Where an output file is written before it is renamed into place: beside it (same file
/// system, so the rename is atomic), hidden, and named by the process.
pub fn temp_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

/// How many inputs `run` would read: for a progress bar's length.
pub fn count_inputs(inputs: &[PathBuf], extensions: &[String]) -> usize {
    inputs.iter().map(|input| walk(input, extensions).count()).sum()
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
        let ext = |p: &Path| p.extension().and_then(|e| e.to_str()).map(str::to_string);
        let mut e = ext(p);
        if e.as_deref().is_some_and(|e| e.eq_ignore_ascii_case("gz")) {
            e = p.file_stem().and_then(|stem| ext(Path::new(stem)));
        }
        e.is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(&e)))
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
