//! Stage 0: input formats. Files and streams in, [`Document`]s out.
//!
//! Plain text and Markdown are read as they are; HTML pages give their main text and
//! metadata ([`html`]); JSON and JSON-lines files give one document per article object
//! ([`json`]); any of them may be gzip-compressed (`.gz`). Bytes that are not UTF-8 are
//! decoded from the legacy encoding they are in ([`decode`]), and the document says so.
//! Offsets in the output always refer to the text extracted here, whose hash every record
//! carries (`doc.text_sha256`).

pub mod decode;
pub mod html;
pub mod json;

pub use json::Fields;

use crate::document::{Document, Limits, Metadata};
use crate::error::{DocumentError, DocumentErrorKind};
use std::io::{self, BufRead, Read};
use std::path::Path;

/// How a file is read, told by its extension (after any `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `.txt` and anything unknown: the text as it is.
    #[default]
    Text,
    /// `.md`, `.markdown`: read as text (Markdown is mostly prose).
    Markdown,
    /// `.html`, `.htm`, `.xhtml`: the article's main text and metadata.
    Html,
    /// `.json`: one article object, or an array of them.
    Json,
    /// `.jsonl`, `.ndjson`: one article object per line; also standard input (`-`).
    Jsonl,
}

impl Format {
    /// The format of `path` and whether it is gzip-compressed.
    ///
    /// ```
    /// use claimex::input::Format;
    /// assert_eq!(Format::of("a/b.jsonl.gz".as_ref()), (Format::Jsonl, true));
    /// assert_eq!(Format::of("page.HTM".as_ref()), (Format::Html, false));
    /// ```
    pub fn of(path: &Path) -> (Format, bool) {
        let ext = |p: &Path| p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let mut ext_now = ext(path);
        let gz = ext_now.as_deref() == Some("gz");
        if gz {
            ext_now = path.file_stem().and_then(|s| ext(Path::new(s)));
        }
        let format = match ext_now.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("json") => Format::Json,
            Some("jsonl" | "ndjson") => Format::Jsonl,
            _ => Format::Text,
        };
        (format, gz)
    }

    /// The name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }

    /// True when one file holds many articles: read as a stream, not in one piece.
    pub fn is_stream(self) -> bool {
        matches!(self, Format::Json | Format::Jsonl)
    }
}

/// The extensions taken from folders by default (each also with `.gz`).
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "json", "jsonl", "ndjson"];

/// How inputs are read.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    /// Limits on each document.
    pub limits: Limits,
    /// Field names of JSON articles.
    pub fields: Fields,
}

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// True when `path` is standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new(STDIN)
}

/// True when `path` holds many articles (JSON, JSON lines, standard input).
pub fn is_stream(path: &Path) -> bool {
    is_stdin(path) || Format::of(path).0.is_stream()
}

/// A path as text for records and manifests: as displayed when it is valid UTF-8; otherwise
/// each byte that is not UTF-8 is written `\xNN`, so two names that differ only in such bytes
/// stay distinct (`Path::display` would make both U+FFFD).
///
/// ```
/// assert_eq!(claimex::input::path_text("corpus/a.txt".as_ref()), "corpus/a.txt");
/// ```
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Ok(text) = std::str::from_utf8(bytes) {
            return text.to_string();
        }
        let mut out = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// Read a one-article file (text, Markdown, HTML, each maybe gzip-compressed).
pub fn read_file(path: &Path, options: &InputOptions) -> Result<Document, DocumentError> {
    let fail = |kind| DocumentError { path: path.to_path_buf(), kind };
    let (format, gz) = Format::of(path);
    let bytes = read_bytes(path, gz, options.limits.max_doc_bytes).map_err(fail)?;
    // Hashed before decoding, so that UTF-8 bytes can become the text without a copy.
    let sha256 = crate::document::sha256_hex(&bytes);
    let read = bytes.len();
    let (text, encoding) = decode::text(bytes).map_err(fail)?;
    let (text, meta) = match format {
        Format::Html => html::article(&text),
        _ => (text, Metadata::default()),
    };
    let verbatim = format != Format::Html && encoding.is_none() && text.len() == read;
    let text = crate::document::check_text(text, options.limits).map_err(fail)?;
    Ok(Document::with_source_hash(path.to_path_buf(), text, sha256, verbatim).with(format, encoding, meta, None))
}

/// The articles of a many-article input, in order, read as they are needed: a JSON-lines
/// file of any size streams through in bounded memory. A bad line is an error naming the
/// line; the next line is read as usual.
pub fn articles(path: &Path, options: &InputOptions) -> Box<dyn Iterator<Item = Result<Document, DocumentError>>> {
    let fail = |kind| DocumentError { path: path.to_path_buf(), kind };
    if is_stdin(path) {
        let reader = io::BufReader::with_capacity(1 << 16, io::stdin());
        return Box::new(json::lines(path.to_path_buf(), Box::new(reader), options.clone()));
    }
    let (format, gz) = Format::of(path);
    if format == Format::Json {
        // A JSON document is one value: it is read whole, within the size limit.
        let result = read_bytes(path, gz, options.limits.max_doc_bytes)
            .and_then(|bytes| json::whole(path, &bytes, options))
            .map_err(fail);
        return match result {
            Ok(docs) => Box::new(docs.into_iter()),
            Err(e) => Box::new(std::iter::once(Err(e))),
        };
    }
    match open(path, gz) {
        Ok(reader) => Box::new(json::lines(path.to_path_buf(), reader, options.clone())),
        Err(e) => Box::new(std::iter::once(Err(fail(e.into())))),
    }
}

/// A buffered reader of the file's bytes, decompressed when `gz`.
fn open(path: &Path, gz: bool) -> io::Result<Box<dyn BufRead + Send>> {
    let file = std::fs::File::open(path)?;
    Ok(if gz {
        Box::new(io::BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(io::BufReader::with_capacity(1 << 16, file))
    })
}

/// All bytes of a file (decompressed when `gz`), failing past `limit` bytes.
fn read_bytes(path: &Path, gz: bool, limit: u64) -> Result<Vec<u8>, DocumentErrorKind> {
    let too_large = |bytes| DocumentErrorKind::TooLarge { bytes, limit };
    let mut bytes = Vec::new();
    if gz {
        // Read one byte past the limit so that a compressed file too large is caught.
        open(path, gz)?.take(limit + 1).read_to_end(&mut bytes).map_err(|e| read_error(e, gz))?;
    } else {
        // Plain files are read straight into a buffer of their size: no reader buffer to
        // allocate and copy through, one path lookup.
        let file = std::fs::File::open(path)?;
        let size = file.metadata()?.len();
        if size > limit {
            return Err(too_large(size));
        }
        bytes.reserve_exact(size as usize + 1);
        // One byte past the limit, so that a file that grew is caught.
        file.take(limit + 1).read_to_end(&mut bytes)?;
    }
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A read error; for gzip input, corrupt data says so.
fn read_error(e: io::Error, gz: bool) -> DocumentErrorKind {
    if gz && matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof)
    {
        DocumentErrorKind::Corrupt(format!("not a valid gzip file: {e}"))
    } else {
        DocumentErrorKind::Io(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that are not UTF-8 are escaped, so two such names stay two paths.
    #[cfg(unix)]
    #[test]
    fn path_text_keeps_names_that_are_not_utf8_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = path_text(Path::new(std::ffi::OsStr::from_bytes(b"dir/a\xff.txt")));
        let b = path_text(Path::new(std::ffi::OsStr::from_bytes(b"dir/a\xfe\xe2\x82.txt")));
        assert_eq!(a, "dir/a\\xff.txt");
        assert_eq!(b, "dir/a\\xfe\\xe2\\x82.txt");
        assert_eq!(path_text(Path::new("dir/é.txt")), "dir/é.txt");
    }
}
