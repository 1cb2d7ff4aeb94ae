//! `claimex._native`: the Rust side of the Python package.
//!
//! Every record is made by the library's own record writer ([`claimex::record`]), the code the
//! CLI writes JSONL with, so Python sees the same keys, values and ids. Records reach Python as
//! dicts built here from the record types ([`pyobj`], no JSON text in between), as an Arrow
//! record batch built from the same types ([`build`], [`arrow`]), or as JSON (files read by the CLI's batch reader). Extraction runs
//! with the GIL released, on the rayon pool.

mod arrow;
mod build;
mod pyobj;

use claimex::batch::{self, Event};
use claimex::document::{check_text, sha256_hex, Document, Limits, Metadata};
use claimex::error::DocumentErrorKind;
use claimex::gazetteer::Gazetteer;
use claimex::input::Format;
use claimex::lexicon::Lexicon;
use claimex::{Extraction, Pipeline};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError, PyUnicodeDecodeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};

/// The path of a document given as text, when the caller names none.
const NO_PATH: &str = "-";

/// One article handed over from Python: its text and what the caller says about it.
struct Article {
    text: String,
    path: Option<String>,
    meta: Metadata,
}

/// Why an article yields no records.
enum Refused {
    /// No text at all: no claims, not an error (an empty string is a document without numbers).
    Empty,
    /// The checks the CLI applies (a line over the limit): an error naming the article.
    Bad(String),
}

impl Article {
    /// The document the CLI would make of this text read from a UTF-8 file: same hashes,
    /// format `text`, the caller's metadata.
    fn document(self, limits: Limits) -> Result<Document, Refused> {
        let path = PathBuf::from(self.path.as_deref().unwrap_or(NO_PATH));
        let text = match check_text(self.text, limits) {
            Ok(text) => text,
            Err(DocumentErrorKind::Empty) => return Err(Refused::Empty),
            Err(e) => return Err(Refused::Bad(format!("{}: {e}", path.display()))),
        };
        // The text is the bytes read, so one hash serves for both (as for a UTF-8 file).
        let sha256 = sha256_hex(text.as_bytes());
        Ok(Document::with_source_hash(path, text, sha256, true).with(Format::Text, None, self.meta, None))
    }
}

/// Text from a Python `str` or UTF-8 `bytes`; anything else is a `TypeError`, bytes that are
/// not UTF-8 a `UnicodeDecodeError` (a `ValueError`).
fn text_of(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        let bytes = b.as_bytes();
        return match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => {
                // A real UnicodeDecodeError (a ValueError), whose reason says which text it is.
                let (start, end) = (e.valid_up_to(), e.error_len().map_or(bytes.len(), |l| e.valid_up_to() + l));
                let reason = std::ffi::CString::new(format!("invalid utf-8 in {what}")).unwrap_or_default();
                Err(PyErr::from_value(
                    PyUnicodeDecodeError::new(value.py(), c"utf-8", bytes, start..end, &reason)?.into_any(),
                ))
            }
        };
    }
    // None is named as Python writes it, not by its type ("NoneType").
    let kind = if value.is_none() { "None".to_string() } else { value.get_type().name()?.to_string() };
    Err(PyTypeError::new_err(format!("text must be str or bytes (UTF-8), not {kind}")))
}

/// An optional string field: `None` or a `str`.
fn optional(value: Option<Bound<'_, PyAny>>, name: &str) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match v.cast::<PyString>() {
            Ok(s) => Ok(Some(s.to_str()?.to_owned())),
            Err(_) => {
                let kind = v.get_type().name()?;
                Err(PyTypeError::new_err(format!("{name} must be str or None, not {kind}")))
            }
        },
    }
}

/// The metadata keyword arguments, in the order of [`Meta::new`].
type MetaArgs<'py> = [Option<Bound<'py, PyAny>>; 6];

fn article(text: &Bound<'_, PyAny>, what: &str, meta: MetaArgs<'_>) -> PyResult<Article> {
    let [path, title, published, url, publisher, id] = meta;
    Ok(Article {
        text: text_of(text, what)?,
        path: optional(path, "path")?,
        meta: Metadata {
            title: optional(title, "title")?,
            url: optional(url, "url")?,
            published: optional(published, "published")?,
            publisher: optional(publisher, "publisher")?,
            id: optional(id, "id")?,
        },
    })
}

impl Article {
    /// The article as the CLI reads a JSON article: text and fields trimmed, blank fields absent.
    fn into_json_article(self) -> Article {
        let trim = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let m = self.meta;
        Article {
            text: self.text.trim().to_string(),
            path: self.path,
            meta: Metadata {
                title: trim(m.title),
                url: trim(m.url),
                published: trim(m.published),
                publisher: trim(m.publisher),
                id: trim(m.id),
            },
        }
    }
}

/// An item of `extract_many`: a text, or a dict with `text` and optional metadata keys.
fn item(value: &Bound<'_, PyAny>, index: usize) -> PyResult<Article> {
    let at = |e: PyErr| {
        let py = value.py();
        let message = format!("item {index}: {}", e.value(py));
        // Keep the exception's class (TypeError, UnicodeDecodeError...) where it can be rebuilt.
        if e.is_instance_of::<PyUnicodeDecodeError>(py) {
            e
        } else if e.is_instance_of::<PyTypeError>(py) {
            PyTypeError::new_err(message)
        } else if e.is_instance_of::<PyValueError>(py) {
            PyValueError::new_err(message)
        } else {
            e
        }
    };
    if let Ok(d) = value.cast::<PyDict>() {
        let text = d.get_item("text").map_err(at)?.ok_or_else(|| at(PyTypeError::new_err("dict has no 'text' key")))?;
        let get = |k: &str| d.get_item(k);
        let meta = [get("path")?, get("title")?, get("published")?, get("url")?, get("publisher")?, get("id")?];
        return article(&text, &format!("item {index}"), meta).map_err(at);
    }
    article(value, &format!("item {index}"), Default::default()).map_err(at)
}

/// The records of one document as JSON: `[rec,rec]` (`array`) or one line each.
fn render(pipeline: &Pipeline, doc: &Document, array: bool, out: &mut Vec<u8>) {
    let x = pipeline.extract(&doc.text);
    if array {
        out.push(b'[');
    }
    let mut first = true;
    // Serialising plain structs of strings and numbers cannot fail.
    let _ = claimex::record::for_each_record(doc, &x, pipeline.gazetteer(), |record| {
        if array && !first {
            out.push(b',');
        }
        first = false;
        if serde_json::to_writer(&mut *out, record).is_ok() && !array {
            out.push(b'\n');
        }
    });
    if array {
        out.push(b']');
    }
}

/// Extract one article, a panic in a stage becoming an error that names it rather than
/// unwinding into Python.
fn extract_one(pipeline: &Pipeline, article: Article, limits: Limits, array: bool) -> Result<Vec<u8>, String> {
    let doc = match article.document(limits) {
        Ok(doc) => doc,
        Err(Refused::Empty) => return Ok(if array { b"[]".to_vec() } else { Vec::new() }),
        Err(Refused::Bad(message)) => return Err(message),
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut out = Vec::with_capacity(doc.text.len() * 4);
        render(pipeline, &doc, array, &mut out);
        out
    }))
    .map_err(|_| format!("{}: internal error in claimex, please report it with this text", doc.path.display()))
}

/// An article extracted, its records not yet made (`None`: no text, no claims).
type Extracted = Option<(Document, Extraction)>;

/// Extract one article without rendering it, a panic in a stage becoming an error that names
/// it rather than unwinding into Python.
fn extract_doc(pipeline: &Pipeline, article: Article, limits: Limits) -> Result<Extracted, String> {
    let doc = match article.document(limits) {
        Ok(doc) => doc,
        Err(Refused::Empty) => return Ok(None),
        Err(Refused::Bad(message)) => return Err(message),
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.extract(&doc.text))) {
        Ok(x) => Ok(Some((doc, x))),
        Err(_) => Err(format!("{}: internal error in claimex, please report it with this text", doc.path.display())),
    }
}

/// The records of an extracted article as a list of dicts.
fn records<'py>(
    py: Python<'py>,
    pipeline: &Pipeline,
    extracted: &Extracted,
    cache: &mut pyobj::Cache<'py>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    let Some((doc, x)) = extracted else { return Ok(list) };
    cache.next_document();
    let mut failed = None;
    let written = claimex::record::for_each_record(doc, x, pipeline.gazetteer(), |record| {
        if failed.is_none() {
            if let Err(e) = pyobj::to_python(py, cache, record).and_then(|r| list.append(r)) {
                failed = Some(e);
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    written.map_err(|e| PyValueError::new_err(format!("{}: {e}", doc.path.display())))?;
    Ok(list)
}

/// Articles extracted by `Core.extract_docs`, their records not yet made: iterating it gives
/// the records of one article at a time (so that the dicts of one article are made, used and
/// freed before the next: Python's allocator then reuses its memory rather than asking the
/// system for more), the first article that failed raising `ValueError`.
#[pyclass(frozen, module = "claimex._native")]
struct Batch {
    pipeline: Arc<Pipeline>,
    results: Mutex<std::collections::VecDeque<Result<Extracted, String>>>,
}

impl Batch {
    fn next_records<'py>(&self, py: Python<'py>, pipeline: &Pipeline) -> PyResult<Option<Bound<'py, PyList>>> {
        let next = self.results.lock().map_err(|_| PyRuntimeError::new_err("batch lock poisoned"))?.pop_front();
        match next {
            None => Ok(None),
            Some(Err(message)) => Err(PyValueError::new_err(message)),
            Some(Ok(extracted)) => records(py, pipeline, &extracted, &mut pyobj::Cache::new()).map(Some),
        }
    }
}

#[pymethods]
impl Batch {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        self.next_records(py, &self.pipeline)
    }
}

/// The compiled pipeline (gazetteers loaded once), shared by every call and thread.
#[pyclass(frozen, module = "claimex._native")]
struct Core {
    pipeline: Arc<Pipeline>,
    limits: Limits,
    /// Thread pools by size, built on first use (`jobs=None` uses rayon's global pool).
    pools: Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>,
}

impl Core {
    fn pool(&self, jobs: usize) -> PyResult<Arc<rayon::ThreadPool>> {
        let mut pools = self.pools.lock().map_err(|_| PyRuntimeError::new_err("thread pool lock poisoned"))?;
        if let Some(pool) = pools.get(&jobs) {
            return Ok(Arc::clone(pool));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start {jobs} threads: {e}")))?;
        let pool = Arc::new(pool);
        pools.insert(jobs, Arc::clone(&pool));
        Ok(pool)
    }

    /// The items of a batch as articles (read as the CLI reads JSON articles if asked).
    fn articles(&self, items: &[Bound<'_, PyAny>], json_articles: bool) -> PyResult<Vec<Article>> {
        let articles = items.iter().enumerate().map(|(i, v)| item(v, i)).collect::<PyResult<Vec<_>>>()?;
        Ok(if json_articles { articles.into_iter().map(Article::into_json_article).collect() } else { articles })
    }

    /// The JSON lines of all articles, in order.
    fn jsonl(&self, py: Python<'_>, articles: Vec<Article>, jobs: Option<usize>, skip_bad: bool) -> PyResult<Vec<u8>> {
        let results = self.run(py, articles, jobs, |p, a, l| extract_one(p, a, l, false))?;
        let mut out = Vec::with_capacity(results.iter().map(|r| r.as_ref().map_or(0, Vec::len)).sum());
        for result in results {
            match result {
                Ok(jsonl) => out.extend_from_slice(&jsonl),
                Err(_) if skip_bad => {}
                Err(message) => return Err(PyValueError::new_err(message)),
            }
        }
        Ok(out)
    }

    /// Extract `articles` with the GIL released: in order, on `jobs` threads.
    fn run<T: Send>(
        &self,
        py: Python<'_>,
        articles: Vec<Article>,
        jobs: Option<usize>,
        each: impl Fn(&Pipeline, Article, Limits) -> T + Sync + Send,
    ) -> PyResult<Vec<T>> {
        let (pipeline, limits) = (&*self.pipeline, self.limits);
        let each = |a: Article| each(pipeline, a, limits);
        let pool = match jobs {
            Some(0) => return Err(PyValueError::new_err("jobs must be at least 1 (or None: one per core)")),
            Some(n) if n > 1 => Some(self.pool(n)?),
            _ => None,
        };
        Ok(py.detach(|| match (jobs, pool) {
            // One thread: no hand-over to a pool at all.
            (Some(1), _) => articles.into_iter().map(each).collect(),
            (_, Some(pool)) => pool.install(|| articles.into_par_iter().map(each).collect()),
            _ => articles.into_par_iter().map(each).collect(),
        }))
    }
}

#[pymethods]
impl Core {
    #[new]
    #[pyo3(signature = (gazetteers=None, extra_gazetteers=Vec::new(), max_line_bytes=None, lexicon=None))]
    fn new(
        gazetteers: Option<PathBuf>,
        extra_gazetteers: Vec<PathBuf>,
        max_line_bytes: Option<usize>,
        lexicon: Option<PathBuf>,
    ) -> PyResult<Core> {
        let gazetteer = Gazetteer::load(gazetteers.as_deref(), &extra_gazetteers)
            .map_err(|e| PyOSError::new_err(format!("cannot load gazetteers: {e}")))?;
        let mut limits = Limits::default();
        if let Some(n) = max_line_bytes {
            limits.max_line_bytes = n;
        }
        let lexicon = match lexicon {
            None => Lexicon::english().clone(),
            Some(dir) => {
                Arc::new(Lexicon::load(&dir).map_err(|e| PyOSError::new_err(format!("cannot load the lexicon: {e}")))?)
            }
        };
        let pipeline = Pipeline::with_lexicon(gazetteer, lexicon);
        Ok(Core { pipeline: Arc::new(pipeline), limits, pools: Mutex::new(HashMap::new()) })
    }

    /// Hash of the gazetteers in use (`extractor.gazetteer` in every record).
    #[getter]
    fn gazetteer_version(&self) -> &str {
        self.pipeline.gazetteer().version()
    }

    /// Problems found while loading the gazetteers that did not stop it.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.pipeline.gazetteer().warnings().iter().map(|w| w.to_string()).collect()
    }

    /// The records of one text as a list of dicts.
    #[pyo3(signature = (text, path=None, title=None, published=None, url=None, publisher=None, id=None))]
    #[allow(clippy::too_many_arguments)]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        path: Option<Bound<'py, PyAny>>,
        title: Option<Bound<'py, PyAny>>,
        published: Option<Bound<'py, PyAny>>,
        url: Option<Bound<'py, PyAny>>,
        publisher: Option<Bound<'py, PyAny>>,
        id: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let article = article(text, "text", [path, title, published, url, publisher, id])?;
        let (pipeline, limits) = (&*self.pipeline, self.limits);
        // Short texts are not worth a GIL hand-over; long ones let other Python threads run.
        let extracted = if article.text.len() < 4096 {
            extract_doc(pipeline, article, limits)
        } else {
            py.detach(|| extract_doc(pipeline, article, limits))
        };
        let extracted = extracted.map_err(PyValueError::new_err)?;
        records(py, pipeline, &extracted, &mut pyobj::Cache::new())
    }

    /// The records of one text as a JSON array (bytes), as the CLI writes them.
    #[pyo3(signature = (text, path=None, title=None, published=None, url=None, publisher=None, id=None))]
    #[allow(clippy::too_many_arguments)]
    fn extract_json<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        path: Option<Bound<'py, PyAny>>,
        title: Option<Bound<'py, PyAny>>,
        published: Option<Bound<'py, PyAny>>,
        url: Option<Bound<'py, PyAny>>,
        publisher: Option<Bound<'py, PyAny>>,
        id: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let article = article(text, "text", [path, title, published, url, publisher, id])?;
        let (pipeline, limits) = (&*self.pipeline, self.limits);
        let json = py.detach(|| extract_one(pipeline, article, limits, true));
        json.map(|j| PyBytes::new(py, &j)).map_err(PyValueError::new_err)
    }

    /// The records of each item (str, bytes or dict) as one list of dicts each, in order.
    #[pyo3(signature = (items, jobs=None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        items: Vec<Bound<'py, PyAny>>,
        jobs: Option<usize>,
    ) -> PyResult<Vec<Bound<'py, PyList>>> {
        let batch = self.extract_docs(py, items, jobs)?;
        self.records_of(py, &batch)
    }

    /// The items extracted (GIL released), their records not yet made: `records_of` makes
    /// them. Split in two so that one Python thread makes the dicts of a batch while another
    /// extracts the next.
    #[pyo3(signature = (items, jobs=None))]
    fn extract_docs<'py>(
        &self,
        py: Python<'py>,
        items: Vec<Bound<'py, PyAny>>,
        jobs: Option<usize>,
    ) -> PyResult<Batch> {
        let articles = items.iter().enumerate().map(|(i, v)| item(v, i)).collect::<PyResult<Vec<_>>>()?;
        let results = self.run(py, articles, jobs, extract_doc)?;
        Ok(Batch { pipeline: Arc::clone(&self.pipeline), results: Mutex::new(results.into()) })
    }

    /// The records of each article of a batch from `extract_docs`, one list of dicts each;
    /// the first article that failed raises `ValueError`. A batch is read once.
    fn records_of<'py>(&self, py: Python<'py>, batch: &Batch) -> PyResult<Vec<Bound<'py, PyList>>> {
        let mut out = Vec::new();
        while let Some(records) = batch.next_records(py, &self.pipeline)? {
            out.push(records);
        }
        Ok(out)
    }

    /// The records of all items as JSON lines (bytes). With `skip_bad`, an item the CLI would
    /// skip (a line over the limit) gives no records instead of an error. With
    /// `json_articles`, each item is read as the CLI reads a JSON article (trimmed fields).
    #[pyo3(signature = (items, jobs=None, skip_bad=false, json_articles=false))]
    fn extract_jsonl<'py>(
        &self,
        py: Python<'py>,
        items: Vec<Bound<'py, PyAny>>,
        jobs: Option<usize>,
        skip_bad: bool,
        json_articles: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let articles = self.articles(&items, json_articles)?;
        let jsonl = self.jsonl(py, articles, jobs, skip_bad)?;
        Ok(PyBytes::new(py, &jsonl))
    }

    /// The records of all items as one Arrow record batch of `schema` (`claimex.arrow.SCHEMA`),
    /// to be read with `pyarrow.record_batch`. `skip_bad` and `json_articles` as for
    /// `extract_jsonl`.
    #[pyo3(signature = (items, schema, jobs=None, skip_bad=false, json_articles=false))]
    fn extract_arrow<'py>(
        &self,
        py: Python<'py>,
        items: Vec<Bound<'py, PyAny>>,
        schema: &Bound<'py, PyAny>,
        jobs: Option<usize>,
        skip_bad: bool,
        json_articles: bool,
    ) -> PyResult<arrow::ArrowBatch> {
        let schema = arrow::schema_of(schema)?;
        let articles = self.articles(&items, json_articles)?;
        let results = self.run(py, articles, jobs, extract_doc)?;
        let pipeline = &*self.pipeline;
        let batch = py.detach(|| arrow_batch(pipeline, schema, results, skip_bad));
        batch.map(arrow::ArrowBatch::new).map_err(PyValueError::new_err)
    }

    /// Read files and folders as the CLI does; an iterator of per-document results.
    #[pyo3(signature = (paths, jobs=None, extensions=None, fields=Vec::new(), max_doc_bytes=None))]
    fn extract_files(
        &self,
        paths: Vec<PathBuf>,
        jobs: Option<usize>,
        extensions: Option<Vec<String>>,
        fields: Vec<String>,
        max_doc_bytes: Option<u64>,
    ) -> PyResult<Files> {
        let mut options = batch::Options { jobs: jobs.unwrap_or(0), ..batch::Options::default() };
        options.limits.max_line_bytes = self.limits.max_line_bytes;
        if let Some(n) = max_doc_bytes {
            options.limits.max_doc_bytes = n;
        }
        if let Some(exts) = extensions {
            options.extensions = exts.iter().map(|e| e.trim_start_matches('.').to_string()).collect();
        }
        for setting in &fields {
            options.fields.set(setting).map_err(|e| PyValueError::new_err(format!("field {e}")))?;
        }
        let stop = Arc::new(AtomicBool::new(false));
        options.stop = Some(Arc::clone(&stop));
        // A few documents ahead of Python, not the whole corpus.
        let (send, receive) = mpsc::sync_channel::<FileItem>(256);
        let pipeline = Arc::clone(&self.pipeline);
        std::thread::Builder::new()
            .name("claimex-files".into())
            .spawn(move || {
                let mut on_event = |event: Event<'_>| {
                    let item = match event {
                        Event::Written(done) => FileItem::Records {
                            path: done.path.display().to_string(),
                            line: done.line,
                            json: jsonl_to_array(&done.jsonl),
                        },
                        Event::Failed(e) => FileItem::Failed {
                            path: e.path.display().to_string(),
                            line: e.kind.line(),
                            kind: e.kind.code(),
                            message: e.kind.to_string(),
                        },
                        Event::Progress(_) => return,
                    };
                    // Python stopped reading: the iterator's drop also sets `stop`.
                    let _ = send.send(item);
                };
                let result = batch::run(&pipeline, &paths, &options, &mut std::io::sink(), &mut on_event);
                if let Err(e) = result {
                    if e.kind() != std::io::ErrorKind::Interrupted {
                        let _ = send.send(FileItem::Stopped(e.to_string()));
                    }
                }
            })
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start the reader thread: {e}")))?;
        Ok(Files { receive: Mutex::new(receive), stop })
    }
}

/// The records of extracted articles as one Arrow record batch of `schema`, built from the
/// record types (no JSON between). With `skip_bad`, an article that failed gives no records.
fn arrow_batch(
    pipeline: &Pipeline,
    schema: arrow_schema::SchemaRef,
    results: Vec<Result<Extracted, String>>,
    skip_bad: bool,
) -> Result<arrow_array::RecordBatch, String> {
    let mut builder = build::Builder::new(schema).map_err(|e| e.to_string())?;
    for result in results {
        let extracted = match result {
            Ok(extracted) => extracted,
            Err(_) if skip_bad => continue,
            Err(message) => return Err(message),
        };
        let Some((doc, x)) = extracted else { continue };
        let mut failed = None;
        let written = claimex::record::for_each_record(&doc, &x, pipeline.gazetteer(), |record| {
            if failed.is_none() {
                failed = builder.append(record).err();
            }
        });
        if let Some(e) = failed {
            return Err(format!("claims as Arrow: {}: {e}", doc.path.display()));
        }
        written.map_err(|e| format!("{}: {e}", doc.path.display()))?;
    }
    builder.finish().map_err(|e| format!("claims as Arrow: {e}"))
}

/// JSON lines to one JSON array: a raw newline never occurs inside a JSON value.
fn jsonl_to_array(jsonl: &[u8]) -> Vec<u8> {
    let body = jsonl.strip_suffix(b"\n").unwrap_or(jsonl);
    let mut out = Vec::with_capacity(body.len() + 2);
    out.push(b'[');
    out.extend(body.iter().map(|&b| if b == b'\n' { b',' } else { b }));
    out.push(b']');
    out
}

/// One result of the file reader thread.
enum FileItem {
    Records { path: String, line: Option<usize>, json: Vec<u8> },
    Failed { path: String, line: Option<usize>, kind: &'static str, message: String },
    Stopped(String),
}

/// Per-document results of `extract_files`, in the CLI's order: `("records", path, line,
/// json)` or `("error", path, line, kind, message)`.
#[pyclass(module = "claimex._native")]
struct Files {
    receive: Mutex<mpsc::Receiver<FileItem>>,
    stop: Arc<AtomicBool>,
}

impl Drop for Files {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[pymethods]
impl Files {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let mut guard = self.receive.lock().map_err(|_| PyRuntimeError::new_err("reader lock poisoned"))?;
        let receive = &mut *guard;
        let next = py.detach(move || receive.recv());
        Ok(Some(match next {
            Err(_) => return Ok(None),
            Ok(FileItem::Records { path, line, json }) => {
                ("records", path, line, PyBytes::new(py, &json)).into_pyobject(py)?.into_any()
            }
            Ok(FileItem::Failed { path, line, kind, message }) => {
                ("error", path, line, kind, message).into_pyobject(py)?.into_any()
            }
            Ok(FileItem::Stopped(message)) => return Err(PyOSError::new_err(message)),
        }))
    }

    /// Stop reading: the documents in flight are dropped.
    fn close(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Claim records as JSON lines (bytes) to one Arrow record batch of `schema`; a field the
/// schema does not name is a `ValueError`.
#[pyfunction]
fn arrow_from_jsonl(py: Python<'_>, jsonl: &[u8], schema: &Bound<'_, PyAny>) -> PyResult<arrow::ArrowBatch> {
    let schema = arrow::schema_of(schema)?;
    let batch = py.detach(|| arrow::decode(schema, jsonl));
    batch.map(arrow::ArrowBatch::new).map_err(|e| PyValueError::new_err(format!("claims as Arrow: {e}")))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Core>()?;
    m.add_class::<arrow::ArrowBatch>()?;
    m.add_class::<Batch>()?;
    m.add_function(wrap_pyfunction!(arrow_from_jsonl, m)?)?;
    m.add_class::<Files>()?;
    Ok(())
}
