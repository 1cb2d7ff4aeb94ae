//! The batch: walk inputs, extract in parallel, write JSONL in a deterministic order.
//!
//! Paths are walked in sorted order (walkdir, sorted by file name) and handed to the rayon
//! pool in small numbered groups; this thread writes the groups back in number order as they
//! come in, so output bytes do not depend on the thread count, no worker waits for another's
//! slow document, and memory is bounded by the documents in flight, not the corpus.
//! One-article files are read by the workers; many-article inputs (JSON lines, standard input)
//! are read here, one article at a time, so a file of any size streams through. A document
//! that fails (even by a panic in a stage) is reported through the callback and the batch
//! goes on.

use crate::document::{Document, Limits};
use crate::error::{DocumentError, DocumentErrorKind};
use crate::incremental::Manifest;
use crate::input::{self, InputOptions};
use crate::Pipeline;
use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
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
    /// Documents in flight at once (being read, extracted, or waiting to be written in
    /// order): memory is bounded by this, not by the corpus.
    pub window: usize,
    /// What to write for each document.
    pub records: Records,
    /// Set from elsewhere (a signal handler) to stop taking documents.
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
    /// One line per document: its text as read, nothing extracted (`claimex text`).
    Text,
}

impl Records {
    /// What the records are called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Records::Claims => "claims",
            Records::Mentions => "entity mentions",
            Records::Text => "texts",
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
            window: 512,
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
    /// Some inputs were finished and written: the totals so far.
    Progress(&'a Report),
}

/// One unit of work: a file the worker reads, or an article already read from a stream.
enum Job {
    File(PathBuf),
    Article(Box<Result<Document, DocumentError>>),
}

/// Run the batch over `inputs`, writing JSONL to `out`, each failure and the progress to
/// `on_event`.
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
    let (done, results) = mpsc::channel();
    let mut writer = Writer {
        out,
        on_event,
        results,
        waiting: VecDeque::new(),
        next: 0,
        written: 0,
        inputs_at: VecDeque::new(),
        report: Report::default(),
    };
    pool.in_place_scope(|scope| {
        let mut feeder = Feeder {
            scope,
            pipeline,
            options,
            input_options: &input_options,
            done,
            group: Vec::with_capacity(GROUP),
            docs: 0,
            groups: 0,
        };
        for input in inputs {
            let mut found = 0usize;
            for item in walk(input, &options.extensions) {
                match item {
                    Ok(path) if input::is_stream(&path) => {
                        found += 1;
                        for article in input::articles(&path, &input_options) {
                            feeder.push(Job::Article(Box::new(article)), &mut writer)?;
                        }
                        // The stream counts as an input once its last article is written.
                        writer.inputs_at.push_back(feeder.docs);
                    }
                    Ok(path) => {
                        found += 1;
                        feeder.push(Job::File(path), &mut writer)?;
                        writer.inputs_at.push_back(feeder.docs);
                    }
                    Err(e) => writer.fail_input(&e),
                }
            }
            if found == 0 && input.is_dir() {
                let exts = options.extensions.iter().map(|e| format!("*.{e}")).collect::<Vec<_>>().join(", ");
                writer.report.failed += 1;
                (writer.on_event)(Event::Failed(&DocumentError {
                    path: input.clone(),
                    kind: DocumentErrorKind::Io(io::Error::new(
                        io::ErrorKind::NotFound,
                        format!("no {exts} files found"),
                    )),
                }));
            }
        }
        feeder.finish(&mut writer)
    })?;
    writer.count_inputs();
    (writer.on_event)(Event::Progress(&writer.report));
    writer.out.flush()?;
    Ok(writer.report)
}

/// Documents handed to a worker at once: few enough that the last group of a batch ends
/// soon after the others, many enough that waking threads and passing results costs little.
/// Tests use small groups, so that groups come back out of order.
const GROUP: usize = if cfg!(test) { 2 } else { 16 };

/// A group's results, numbered in input order.
type Numbered = (usize, Vec<Result<Extracted, DocumentError>>);

/// Hands documents to the pool in groups, in order.
///
/// Groups go to the pool's queue first in, first out, and each sends its results back
/// numbered; the calling thread writes them in that order while the pool works on. There is
/// no barrier where workers wait for each other, and at most `options.window` documents are
/// held at once.
struct Feeder<'a, 's> {
    scope: &'a rayon::Scope<'s>,
    pipeline: &'s Pipeline,
    options: &'s Options,
    input_options: &'s InputOptions,
    done: mpsc::Sender<Numbered>,
    group: Vec<Job>,
    /// Documents taken so far.
    docs: usize,
    /// Groups handed to the pool so far.
    groups: usize,
}

impl Feeder<'_, '_> {
    fn push(&mut self, job: Job, writer: &mut Writer<'_>) -> io::Result<()> {
        if self.options.stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed)) {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"));
        }
        self.group.push(job);
        self.docs += 1;
        if self.group.len() >= GROUP {
            self.spawn(writer)?;
        }
        Ok(())
    }

    fn spawn(&mut self, writer: &mut Writer<'_>) -> io::Result<()> {
        if self.group.is_empty() {
            return Ok(());
        }
        let window = self.options.window.div_ceil(GROUP).max(1);
        while self.groups - writer.next >= window {
            writer.receive()?;
        }
        let jobs = std::mem::replace(&mut self.group, Vec::with_capacity(GROUP));
        let (seq, done) = (self.groups, self.done.clone());
        let (pipeline, options, input_options) = (self.pipeline, self.options, self.input_options);
        self.scope.spawn(move |_| {
            let results = jobs.into_iter().map(|job| process(pipeline, options, input_options, job)).collect();
            // The receiver lives until every group is in: a failed send means the batch stopped.
            let _ = done.send((seq, results));
        });
        self.groups += 1;
        writer.write_ready()
    }

    /// Hand over the last group and write everything.
    fn finish(mut self, writer: &mut Writer<'_>) -> io::Result<()> {
        self.spawn(writer)?;
        while writer.next < self.groups {
            writer.receive()?;
        }
        Ok(())
    }
}

/// Writes results in input order as they come back from the pool.
struct Writer<'w> {
    out: &'w mut dyn Write,
    on_event: &'w mut dyn FnMut(Event<'_>),
    results: mpsc::Receiver<Numbered>,
    /// Groups that came back before some earlier one: `waiting[i]` is number `next + i`.
    waiting: VecDeque<Option<Vec<Result<Extracted, DocumentError>>>>,
    /// The number of the next group to write.
    next: usize,
    /// Documents written (or failed) so far.
    written: usize,
    /// Inputs finish when this many documents are written: one entry per input, in order.
    inputs_at: VecDeque<usize>,
    report: Report,
}

impl Writer<'_> {
    /// Wait for one group, then write all that are ready.
    fn receive(&mut self) -> io::Result<()> {
        // The feeder holds a sender until every group is in, so this waits rather than fails.
        let numbered = self.results.recv().map_err(|_| io::Error::other("worker pool stopped"))?;
        self.hold(numbered);
        self.write_ready()
    }

    fn hold(&mut self, (seq, results): Numbered) {
        let slot = seq - self.next;
        if self.waiting.len() <= slot {
            self.waiting.resize_with(slot + 1, || None);
        }
        self.waiting[slot] = Some(results);
    }

    /// Take the groups that have come back, and write those next in order.
    fn write_ready(&mut self) -> io::Result<()> {
        while let Ok(numbered) = self.results.try_recv() {
            self.hold(numbered);
        }
        while let Some(Some(results)) = self.waiting.front_mut().map(Option::take) {
            self.waiting.pop_front();
            self.next += 1;
            for result in results {
                self.write(result)?;
            }
            if self.count_inputs() {
                (self.on_event)(Event::Progress(&self.report));
            }
        }
        Ok(())
    }

    fn write(&mut self, result: Result<Extracted, DocumentError>) -> io::Result<()> {
        self.written += 1;
        match result {
            Ok(done) => {
                self.out.write_all(&done.jsonl)?;
                self.report.documents += 1;
                self.report.claims += done.records;
                self.report.bytes += done.bytes;
                self.report.reused += usize::from(done.reused);
                (self.on_event)(Event::Written(&done));
            }
            Err(e) => {
                self.report.failed += 1;
                (self.on_event)(Event::Failed(&e));
            }
        }
        Ok(())
    }

    /// Count the inputs whose documents are all written; true when some were.
    fn count_inputs(&mut self) -> bool {
        let before = self.report.inputs;
        while self.inputs_at.front().is_some_and(|&at| at <= self.written) {
            self.inputs_at.pop_front();
            self.report.inputs += 1;
        }
        self.report.inputs > before
    }

    /// An input that could not even be listed.
    fn fail_input(&mut self, e: &DocumentError) {
        self.report.failed += 1;
        self.report.inputs += 1;
        (self.on_event)(Event::Failed(e));
    }
}

/// Read (when the job is a file) and extract one document. A panic in a stage fails this
/// document alone, by name, and the batch goes on.
fn process(
    pipeline: &Pipeline,
    options: &Options,
    input_options: &InputOptions,
    job: Job,
) -> Result<Extracted, DocumentError> {
    let doc = match job {
        Job::File(path) => input::read_file(&path, input_options)?,
        Job::Article(article) => (*article)?,
    };
    let path = doc.path.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let reused = options.previous.as_ref().and_then(|m| m.reuse(&doc));
        match reused {
            Some((jsonl, records)) => Extracted::of(doc, jsonl, records, true),
            None => serialise(pipeline, doc, options.records),
        }
    }))
    .map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        DocumentError { path, kind: DocumentErrorKind::Internal(what) }
    })
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
    let (jsonl, count) = match records {
        Records::Claims => {
            let x = pipeline.extract(&doc.text);
            let mut jsonl = Vec::with_capacity(x.claims.len() * 2048);
            crate::record::write_jsonl(&doc, &x, pipeline.gazetteer(), &mut jsonl);
            (jsonl, x.claims.len())
        }
        Records::Mentions => {
            let x = pipeline.extract(&doc.text);
            let mut jsonl = Vec::new();
            let count = crate::record::write_mentions_jsonl(&doc, &x, pipeline.gazetteer(), &mut jsonl);
            (jsonl, count)
        }
        Records::Text => {
            let mut jsonl = Vec::with_capacity(doc.text.len() + 512);
            crate::record::write_text_jsonl(&doc, &mut jsonl);
            (jsonl, 1)
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use std::fs;

    /// Articles of very different lengths, so that later ones often finish first, with an
    /// empty and a binary file among them and a JSON-lines file of three articles.
    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..70 {
            let sub = dir.path().join(format!("{:02}", i / 9));
            fs::create_dir_all(&sub).unwrap();
            let sentence = format!("Officials said {} people were displaced in Iraq. ", i + 2);
            fs::write(sub.join(format!("{i:03}.txt")), sentence.repeat(1 + (i * 37) % 60)).unwrap();
        }
        fs::write(dir.path().join("03/empty.txt"), "").unwrap();
        fs::write(dir.path().join("05/binary.txt"), b"PK\x03\x04\x00 zip").unwrap();
        let line = |n: u32| format!("{{\"text\": \"The army said {n} soldiers died.\"}}\n");
        fs::write(dir.path().join("04/articles.jsonl"), format!("{}{}{}", line(3), line(4), line(5))).unwrap();
        dir
    }

    fn run_with(dir: &Path, jobs: usize, window: usize) -> (Vec<u8>, Report, usize) {
        let pipeline = Pipeline::new(Gazetteer::bundled().unwrap());
        let options = Options { jobs, window, ..Options::default() };
        let mut out = Vec::new();
        let mut failures = 0;
        let report = run(&pipeline, &[dir.to_path_buf()], &options, &mut out, &mut |e| {
            failures += usize::from(matches!(e, Event::Failed(_)));
        })
        .unwrap();
        (out, report, failures)
    }

    #[test]
    fn output_and_counts_do_not_depend_on_threads_or_window() {
        let dir = folder();
        let (one, report, failures) = run_with(dir.path(), 1, 512);
        assert_eq!((report.inputs, report.documents, report.failed, failures), (73, 73, 2, 2));
        assert_eq!(report.claims, one.iter().filter(|&&b| b == b'\n').count());
        assert!(report.claims >= 73, "{report:?}");
        for (jobs, window) in [(3, 5), (2, 1), (4, 16), (2, 40)] {
            let (other, other_report, _) = run_with(dir.path(), jobs, window);
            assert!(other == one, "--jobs {jobs}, window {window}: the output differs");
            assert_eq!(other_report, report, "--jobs {jobs}, window {window}");
        }
    }

    #[test]
    fn a_stop_request_ends_the_batch_as_interrupted() {
        let dir = folder();
        let pipeline = Pipeline::new(Gazetteer::bundled().unwrap());
        let stop = Arc::new(AtomicBool::new(true));
        let options = Options { stop: Some(stop), ..Options::default() };
        let err = run(&pipeline, &[dir.path().to_path_buf()], &options, &mut Vec::new(), &mut |_| {}).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Interrupted);
    }
}
