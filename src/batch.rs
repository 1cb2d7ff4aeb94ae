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
    /// The publication date of documents whose metadata and dateline state none
    /// (`--published`): time words are resolved against it.
    pub published: Option<jiff::civil::Date>,
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

    /// What one record is called in messages.
    pub fn singular(self) -> &'static str {
        match self {
            Records::Claims => "claim",
            Records::Mentions => "entity mention",
            Records::Text => "text",
        }
    }
}

/// The most worker threads a batch runs: 4 per core. More only add memory (each holds
/// documents in hand), and a huge number makes the thread pool fail to start.
pub fn max_jobs() -> usize {
    std::thread::available_parallelism().map_or(4, |n| n.get()) * 4
}

/// Most numbers (runs of digits) read from one document. Past this the rest of the
/// document is skipped and reported: a real article has a few hundred at most, and the
/// stages' memory grows with the numbers of a document.
pub const MAX_NUMBERS: usize = 10_000;
/// Most lines read from one document, for the same reason: each line is at least one
/// sentence, and text of one-word lines costs the stages most per byte.
pub const MAX_LINES: usize = 50_000;

/// Bytes of finished records held waiting for an earlier document before no more work is
/// handed out: with the window of documents, this bounds the memory of a batch.
const MAX_HELD_BYTES: usize = 256 * 1024 * 1024;

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
            published: None,
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
        .num_threads(options.jobs.min(max_jobs()))
        .build()
        .map_err(|e| io::Error::other(e.to_string()))?;
    let input_options = InputOptions { limits: options.limits, fields: options.fields.clone() };
    let (done, results) = mpsc::channel();
    let mut writer = Writer {
        out,
        on_event,
        results,
        stop: options.stop.clone(),
        held: 0,
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
                // Failures of the walk alone must not outlast a stop request either.
                if stopped(options) {
                    return Err(interrupted());
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

/// True once a stop was requested.
fn stopped(options: &Options) -> bool {
    options.stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed))
}

fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "interrupted")
}

impl Feeder<'_, '_> {
    fn push(&mut self, job: Job, writer: &mut Writer<'_>) -> io::Result<()> {
        if stopped(self.options) {
            return Err(interrupted());
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
        while self.groups - writer.next >= window || (writer.held > MAX_HELD_BYTES && self.groups > writer.next) {
            writer.receive()?;
        }
        let jobs = std::mem::replace(&mut self.group, Vec::with_capacity(GROUP));
        let (seq, done) = (self.groups, self.done.clone());
        let (pipeline, options, input_options) = (self.pipeline, self.options, self.input_options);
        self.scope.spawn(move |_| {
            // After a stop request the documents not yet begun are dropped, so that the batch
            // ends once those in hand are done.
            let results = jobs
                .into_iter()
                .map_while(|job| (!stopped(options)).then(|| process(pipeline, options, input_options, job)))
                .collect();
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
    /// Set by a signal: stop waiting for results.
    stop: Option<Arc<AtomicBool>>,
    /// Bytes of records in `waiting`.
    held: usize,
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
        // The feeder holds a sender until every group is in, so this waits rather than fails;
        // it looks at the stop flag while it waits.
        let numbered = loop {
            if self.stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed)) {
                return Err(interrupted());
            }
            match self.results.recv_timeout(std::time::Duration::from_millis(50)) {
                Ok(numbered) => break numbered,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(io::Error::other("worker pool stopped")),
            }
        };
        self.hold(numbered);
        self.write_ready()
    }

    fn hold(&mut self, (seq, results): Numbered) {
        self.held += results.iter().map(|r| r.as_ref().map_or(0, |done| done.jsonl.len())).sum::<usize>();
        let slot = seq - self.next;
        if self.waiting.len() <= slot {
            self.waiting.resize_with(slot + 1, || None);
        }
        self.waiting[slot] = Some(results);
    }

    /// Take the groups that have come back, and write those next in order.
    fn write_ready(&mut self) -> io::Result<()> {
        // Groups cut short by a stop request are not written.
        if self.stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed)) {
            return Err(interrupted());
        }
        while let Ok(numbered) = self.results.try_recv() {
            self.hold(numbered);
        }
        while let Some(Some(results)) = self.waiting.front_mut().map(Option::take) {
            self.waiting.pop_front();
            self.next += 1;
            self.held -= results.iter().map(|r| r.as_ref().map_or(0, |done| done.jsonl.len())).sum::<usize>();
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
                if let Some(e) = &done.skipped {
                    self.report.failed += 1;
                    (self.on_event)(Event::Failed(e));
                }
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
            None => serialise(pipeline, doc, options.records, options.published),
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
    /// Why part of the document was not extracted (too many numbers): reported as a
    /// failure after its records.
    pub skipped: Option<DocumentError>,
}

impl Extracted {
    fn of(doc: Document, jsonl: Vec<u8>, records: usize, reused: bool) -> Extracted {
        let bytes = doc.text.len() as u64;
        Extracted { path: doc.path, line: doc.line, sha256: doc.sha256, jsonl, records, bytes, reused, skipped: None }
    }
}

/// Where the text of a document with more than [`MAX_LINES`] lines or [`MAX_NUMBERS`]
/// numbers is cut (see [`number_cut`]): the byte offset, the 1-based line there, and what
/// there are too many of. `None` for any real article.
pub fn cut(text: &str) -> Option<(usize, usize, &'static str)> {
    let lines =
        memchr::memchr_iter(b'\n', text.as_bytes()).nth(MAX_LINES - 1).map(|nl| (nl + 1, MAX_LINES + 1, "lines"));
    // Numbers are looked for before the line cut only.
    let before = lines.map_or(text, |(at, _, _)| &text[..at]);
    let numbers = number_cut(before, MAX_NUMBERS).map(|(at, line)| (at, line, "numbers"));
    numbers.or(lines).filter(|&(at, _, _)| at < text.len())
}

/// Number words counted by [`number_cut`] (sorted): text of "two two two..." costs the stages
/// as much as digits do.
const NUMBER_WORDS: [&str; 34] = [
    "billion",
    "dozen",
    "eight",
    "eighteen",
    "eighty",
    "eleven",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "fourteen",
    "hundred",
    "million",
    "nine",
    "nineteen",
    "ninety",
    "one",
    "seven",
    "seventeen",
    "seventy",
    "six",
    "sixteen",
    "sixty",
    "ten",
    "thirteen",
    "thirty",
    "thousand",
    "three",
    "trillion",
    "twelve",
    "twenty",
    "two",
    "zero",
];

/// Where the text of a document with more than `max` numbers (runs of digits, or number
/// words) is cut: before the line (or, in one long line, the word) that holds the number
/// past `max`. `None` when the document has `max` numbers or fewer. Returns the byte offset
/// and the 1-based line there.
pub fn number_cut(text: &str, max: usize) -> Option<(usize, usize)> {
    // Two numbers are parted by at least one byte (a run of digits ends where the next word
    // or separator starts, a number word is at least three letters and ends where the next
    // digits start), so n bytes hold at most (n + 1) / 2 numbers: no usual article needs the
    // scan below.
    if text.len().div_ceil(2) <= max {
        return None;
    }
    let bytes = text.as_bytes();
    let mut numbers = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i].is_ascii_digit() {
            // One number: digits with the separators inside it ("1,234.5").
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || ((bytes[i] == b',' || bytes[i] == b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
        } else if bytes[i].is_ascii_alphabetic() {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            if !is_number_word(&bytes[start..i]) {
                continue;
            }
        } else {
            i += 1;
            continue;
        }
        numbers += 1;
        if numbers > max {
            let before = &bytes[..start];
            let cut = match memchr::memrchr(b'\n', before) {
                Some(nl) => nl + 1,
                None => before.iter().rposition(u8::is_ascii_whitespace).map_or(start, |w| w + 1),
            };
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..cut]).count();
            return Some((cut, line));
        }
    }
    None
}

/// Whether `word` (ASCII letters) is one of [`NUMBER_WORDS`], in any case. This runs on
/// every word of every document: most words are ruled out by their first two letters
/// ([`NUMBER_OPENINGS`]) before a lookup.
fn is_number_word(word: &[u8]) -> bool {
    let [first, second, ..] = *word else { return false };
    let (first, second) = (first.to_ascii_lowercase(), second.to_ascii_lowercase());
    if !first.is_ascii_lowercase() || !second.is_ascii_lowercase() || word.len() > LONGEST_NUMBER_WORD {
        return false;
    }
    if NUMBER_OPENINGS[usize::from(first - b'a')] >> (second - b'a') & 1 == 0 {
        return false;
    }
    let mut lower = [0u8; LONGEST_NUMBER_WORD];
    for (l, b) in lower.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    NUMBER_WORDS.binary_search_by(|w| w.as_bytes().cmp(&lower[..word.len()])).is_ok()
}

/// The longest of [`NUMBER_WORDS`] ("seventeen").
const LONGEST_NUMBER_WORD: usize = 9;

/// For each first letter of a number word, the second letters that follow it, as a bit set.
const NUMBER_OPENINGS: [u32; 26] = {
    let mut set = [0u32; 26];
    let mut k = 0;
    while k < NUMBER_WORDS.len() {
        let w = NUMBER_WORDS[k].as_bytes();
        assert!(w.len() >= 2 && w.len() <= LONGEST_NUMBER_WORD);
        set[(w[0] - b'a') as usize] |= 1 << (w[1] - b'a');
        k += 1;
    }
    set
};

/// Extract and serialise one document (`published`: its publication date when it states
/// none); past [`MAX_NUMBERS`] numbers or [`MAX_LINES`] lines the rest is skipped and said
/// so in [`Extracted::skipped`].
pub fn serialise(
    pipeline: &Pipeline,
    doc: Document,
    records: Records,
    published: Option<jiff::civil::Date>,
) -> Extracted {
    // `claimex text` writes the text as read; the caps bound extraction only.
    let cut = if matches!(records, Records::Text) { None } else { cut(&doc.text) };
    // The part before the cut starts where the text starts: its offsets are the document's.
    let extract = || pipeline.extract(cut.map_or(&doc.text[..], |(at, _, _)| &doc.text[..at]));
    let (jsonl, count) = match records {
        Records::Claims => {
            let x = extract();
            let mut jsonl = Vec::with_capacity(x.claims.len() * 2048);
            crate::record::write_jsonl_dated(&doc, &x, pipeline.gazetteer(), published, &mut jsonl);
            (jsonl, x.claims.len())
        }
        Records::Mentions => {
            let x = extract();
            // Only `claimex entities` reports unlisted people, so claims extraction never pays for them.
            let people = pipeline.find_people(&doc.text, &x);
            let mut jsonl = Vec::new();
            let count = crate::record::write_mentions_jsonl(&doc, &x, &people, pipeline.gazetteer(), &mut jsonl);
            (jsonl, count)
        }
        Records::Text => {
            let mut jsonl = Vec::with_capacity(doc.text.len() + 512);
            crate::record::write_text_jsonl(&doc, &mut jsonl);
            (jsonl, 1)
        }
    };
    let skipped = cut.map(|(_, line, what)| DocumentError {
        path: doc.path.clone(),
        kind: DocumentErrorKind::TooMany { what, line, limit: if what == "lines" { MAX_LINES } else { MAX_NUMBERS } },
    });
    Extracted { skipped, ..Extracted::of(doc, jsonl, count, false) }
}

/// Where an output file is written before it is renamed into place (see
/// [`crate::util::temp_path`], where it lives so that `incremental` need not import `batch`).
pub use crate::util::temp_path;

/// How many inputs `run` would read: for a progress bar's length.
pub fn count_inputs(inputs: &[PathBuf], extensions: &[String]) -> usize {
    inputs.iter().map(|input| walk(input, extensions).count()).sum()
}

/// True when a folder walk takes `path`: its extension (before any `.gz`) is one of `extensions`.
pub fn wanted(path: &Path, extensions: &[String]) -> bool {
    let ext = |p: &Path| p.extension().and_then(|e| e.to_str()).map(str::to_string);
    let mut e = ext(path);
    if e.as_deref().is_some_and(|e| e.eq_ignore_ascii_case("gz")) {
        e = path.file_stem().and_then(|stem| ext(Path::new(stem)));
    }
    e.is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(&e)))
}

/// What a file that is not a regular file is, for messages.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        } else if t.is_socket() {
            return "a socket";
        } else if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a file"
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
    Box::new(walkdir::WalkDir::new(input).sort_by_file_name().into_iter().filter_map(move |entry| match entry {
        Ok(e) if e.file_type().is_dir() || !wanted(e.path(), extensions) => None,
        // Links are not followed into folders (no loops), but a linked file is read, and a
        // dangling link fails with its name.
        Ok(e) if e.file_type().is_file() => Some(Ok(e.into_path())),
        Ok(e) => match std::fs::metadata(e.path()) {
            Ok(m) if m.is_dir() => None,
            Ok(m) if !m.is_file() => {
                Some(Err(DocumentError { path: e.into_path(), kind: DocumentErrorKind::NotAFile(special_kind(&m)) }))
            }
            _ => Some(Ok(e.into_path())),
        },
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
    fn documents_are_cut_before_the_number_or_line_past_the_limit() {
        // "1,234.5" is one number: four in all. The cut is at the start of the line of the
        // number past the limit.
        let text = "a 1,234.5 b 7\nc 8\nd 9\n";
        assert_eq!(number_cut(text, 4), None);
        assert_eq!(number_cut(text, 3), Some((18, 3)));
        assert_eq!(number_cut(text, 2), Some((14, 2)));
        // In one long line, before the word of that number.
        assert_eq!(number_cut("1% 1% 1% 1%", 2), Some((6, 1)));
        assert_eq!(number_cut("12345", 0), Some((0, 1)));
        // Number words count too, in any case; other words do not.
        assert_eq!(number_cut("Two TWO two twofold", 2), Some((8, 1)));
        assert_eq!(number_cut("twofold someone twos", 0), None);
        // The densest texts, at the bound that skips the scan: one number every two bytes.
        for (dense, numbers) in [("1 1 1 1 1 1", 6), ("1one1one1one", 6), ("1,1 1 1 1 1", 5)] {
            assert_eq!(number_cut(dense, numbers), None, "{dense}");
            assert!(number_cut(dense, numbers - 1).is_some(), "{dense}");
        }
        // Every number word in any case, and words that share their first letters are not.
        for word in NUMBER_WORDS {
            assert!(is_number_word(word.as_bytes()) && is_number_word(word.to_uppercase().as_bytes()), "{word}");
        }
        for word in ["the", "tw", "t", "1e", "thirtyish", "sevens", "onion", "Tennis", "zeroes", "seventeenth"] {
            assert!(!is_number_word(word.as_bytes()), "{word}");
        }
        let mut sorted = NUMBER_WORDS;
        sorted.sort_unstable();
        assert_eq!(sorted, NUMBER_WORDS, "binary search needs the words sorted");
        let lines = "x\n".repeat(MAX_LINES + 5);
        assert_eq!(cut(&lines), Some((2 * MAX_LINES, MAX_LINES + 1, "lines")));
        assert_eq!(cut(&"x\n".repeat(MAX_LINES)), None, "a text of exactly the limit is whole");
        let numbers = "7 ".repeat(MAX_NUMBERS + 1);
        assert_eq!(cut(&numbers), Some((2 * MAX_NUMBERS, 1, "numbers")));
    }

    #[test]
    fn a_document_past_the_limit_gives_its_first_claims_and_an_error() {
        let pipeline = Pipeline::new(Gazetteer::bundled().unwrap());
        let text = "Officials said 40 people were killed.\n".repeat(MAX_NUMBERS + 10);
        let done = serialise(&pipeline, Document::from_text("dense.txt", text), Records::Claims, None);
        assert_eq!(done.records, MAX_NUMBERS);
        let e = done.skipped.expect("the rest is reported");
        let want = format!(
            "dense.txt: too many numbers (more than 10000): the text from line {} on is skipped",
            MAX_NUMBERS + 1
        );
        assert_eq!(e.to_string(), want);
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

    /// `--published` travels in the options of each batch, not in a process-wide setting:
    /// two batches in one process, with other dates, resolve an undated article's time words
    /// against their own date.
    #[test]
    fn each_batch_resolves_time_against_its_own_published_date() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "Officials said 40 people were displaced last year.\n").unwrap();
        let pipeline = Pipeline::new(Gazetteer::bundled().unwrap());
        let anchor = |published: Option<&str>| {
            let options = Options { published: published.and_then(|d| d.parse().ok()), ..Options::default() };
            let mut out = Vec::new();
            run(&pipeline, &[dir.path().to_path_buf()], &options, &mut out, &mut |_| {}).unwrap();
            let record: serde_json::Value = serde_json::from_slice(out.split(|&b| b == b'\n').next().unwrap()).unwrap();
            (record["time"]["anchor"].clone(), record["time"]["start"].clone())
        };
        assert_eq!(anchor(Some("2025-03-04")), ("2025-03-04".into(), "2024-01-01".into()));
        assert_eq!(anchor(Some("2019-07-01")), ("2019-07-01".into(), "2018-01-01".into()));
        assert_eq!(anchor(None).0, serde_json::Value::Null);
    }
}
