//! Stage 0: a document, read and checked.
//!
//! A [`Document`] owns the text every later stage borrows, with the SHA-256 of the bytes read
//! and of the text. [`crate::input`] makes documents from files and streams. Bad input
//! (unreadable, binary, undecodable, empty, too large, one absurdly long line) is a
//! [`DocumentError`] naming the file, never a panic.

use crate::error::{DocumentError, DocumentErrorKind};
use crate::input::Format;
use std::path::{Path, PathBuf};

/// Limits on what is accepted as an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_doc_bytes: u64,
    /// Longest line accepted, in bytes.
    pub max_line_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_doc_bytes: 50 * 1024 * 1024, max_line_bytes: 1024 * 1024 }
    }
}

/// One article: where it came from, its text, and the hashes of what was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The path as given on the command line or found by the walk (`-` for standard input).
    pub path: PathBuf,
    /// The text every offset refers to: the file's text, a page's main text, or a JSON
    /// article's `text` field.
    pub text: String,
    /// Lower-case hex SHA-256 of the bytes read (the file, or the JSON line).
    pub sha256: String,
    /// Lower-case hex SHA-256 of `text` as UTF-8.
    pub text_sha256: String,
    /// How the input was read.
    pub format: Format,
    /// The legacy encoding the bytes were decoded from; `None` for UTF-8.
    pub encoding: Option<&'static str>,
    /// 1-based line of a JSON-lines input.
    pub line: Option<usize>,
    /// What the input says about the article.
    pub meta: Metadata,
}

/// What an input says about its article (HTML meta tags, JSON fields); plain text says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The headline.
    pub title: Option<String>,
    /// Where it was published (canonical URL).
    pub url: Option<String>,
    /// When it was published, as written.
    pub published: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// The input's own id for it.
    pub id: Option<String>,
}

impl Document {
    /// A document of `text` decoded from the bytes `source`.
    pub fn new(path: PathBuf, text: String, source: &[u8]) -> Document {
        let verbatim = text.as_bytes() == source;
        Document::with_source_hash(path, text, sha256_hex(source), verbatim)
    }

    /// A document of `text` decoded from bytes whose SHA-256 is `sha256`; `verbatim` says
    /// the text is those bytes unchanged, so that one hash serves for both (most inputs
    /// are UTF-8 text read as is).
    pub fn with_source_hash(path: PathBuf, text: String, sha256: String, verbatim: bool) -> Document {
        let text_sha256 = if verbatim { sha256.clone() } else { sha256_hex(text.as_bytes()) };
        Document {
            path,
            text,
            sha256,
            text_sha256,
            format: Format::Text,
            encoding: None,
            line: None,
            meta: Metadata::default(),
        }
    }

    /// The same document with how it was read.
    pub fn with(self, format: Format, encoding: Option<&'static str>, meta: Metadata, line: Option<usize>) -> Document {
        Document { format, encoding, meta, line, ..self }
    }

    /// A document from text in memory (its hash is that of the UTF-8 bytes).
    ///
    /// ```
    /// let doc = claimex::document::Document::from_text("a.txt", "Two envoys.".to_string());
    /// assert_eq!(doc.sha256, doc.text_sha256);
    /// ```
    pub fn from_text(path: impl Into<PathBuf>, text: String) -> Document {
        let source = text.clone().into_bytes();
        Document::new(path.into(), text, &source)
    }

    /// Read and check a one-article file of any format [`crate::input`] reads by itself
    /// (text, Markdown, HTML, gzip-compressed or not).
    pub fn read(path: &Path, limits: Limits) -> Result<Document, DocumentError> {
        crate::input::read_file(path, &crate::input::InputOptions { limits, ..Default::default() })
    }
}

/// The checks every article text goes through, in the order that gives the most useful message.
pub fn check_text(text: String, limits: Limits) -> Result<String, DocumentErrorKind> {
    if text.trim().is_empty() {
        return Err(DocumentErrorKind::Empty);
    }
    // Line ends by a vectorised search: this runs over every byte of every document.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut start = 0;
    for (i, end) in ends.enumerate() {
        if end - start > limits.max_line_bytes {
            return Err(DocumentErrorKind::LineTooLong {
                line: i + 1,
                bytes: end - start,
                limit: limits.max_line_bytes,
            });
        }
        start = end + 1;
    }
    Ok(text)
}

/// Lower-case hex SHA-256; it lives in [`crate::util::hash`], below every stage, and is
/// re-exported here for the programs that already call it from here.
pub use crate::util::hash::sha256_hex;

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<String, DocumentErrorKind> {
        check_text(text.to_string(), Limits { max_doc_bytes: 100, max_line_bytes: 10 })
    }

    #[test]
    fn document_checks_reject_bad_input() {
        assert!(matches!(check(" \n\t "), Err(DocumentErrorKind::Empty)));
        assert!(matches!(check("short\n0123456789a"), Err(DocumentErrorKind::LineTooLong { line: 2, .. })));
        assert_eq!(check("fine text").ok().as_deref(), Some("fine text"));
    }

    #[test]
    fn document_hash_is_sha256_of_bytes() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
